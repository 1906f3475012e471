"""Write the navigation of a plated docs tree into ``mkdocs.yml``, touching nothing else.

plating owns one section of the ``nav:`` list, delimited by two marker comments::

    nav:
      - About: about.md                      # the user's own entries stay as they are
      # plating: begin generated nav (...)
      - kitchen Provider: index.md
      - Guides:
          - Getting started: guides/getting-started.md
      - Resources:
          - kitchen_pantry_item: resources/pantry_item.md
      - Cooking:
          - Resources:
              - kitchen_recipe: resources/recipe.md
      # plating: end generated nav
      - Changelog: changelog.md

The file is edited as text: a YAML round trip would drop the user's comments, reorder keys
and lose custom tags such as ``!!python/name:``. PyYAML is only used to read ``docs_dir`` and to
check that the edited file still parses before it is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from plating.errors import InputError, UsageError
from plating.render.frontmatter import quoted, split_front_matter, yaml_clean
from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.write import atomic_write

BEGIN_MARKER = "# plating: begin generated nav"
END_MARKER = "# plating: end generated nav"
# The begin line also tells a reader what the markers mean; only the prefix is matched.
_BEGIN_LINE = BEGIN_MARKER + " (rewritten by plating; keep your own entries outside)"

#: The subcategory that sorts after every other one, as on the Terraform Registry.
LAST_SUBCATEGORY = "Test Mode"

# A nav entry: a title and either a docs-relative path or a list of child entries.
NavEntry: TypeAlias = "tuple[str, str | list[NavEntry]]"

# Scalars that YAML 1.1 (PyYAML, hence mkdocs) reads as booleans or null when unquoted.
_YAML_WORDS = frozenset(  # compared case-insensitively
    ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]
)
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ ./()-]*")
_NAV_KEY = re.compile(r"""^(?:nav|"nav"|'nav')[ \t]*:(?P<rest>[ \t].*)?$""")
_TOKEN = re.compile(r"[A-Za-z0-9_]+")


@dataclass(frozen=True, slots=True)
class _Page:
    relpath: str  # relative to docs_dir, with forward slashes
    title: str
    subcategory: str
    kind: ComponentType | None  # None for guides and the index


def write_mkdocs_nav(
    mkdocs_yml: Path,
    docs_dir: Path,
    *,
    site_name: str,
    kept: list[str] | None = None,
    dry_run: bool = False,
) -> bool:
    """Put the navigation of the plated pages under ``docs_dir`` into ``mkdocs.yml``.

    Only plating's marked section of ``nav:`` changes; every other byte of an existing file is
    kept. On the first run the section is appended to an existing block-style ``nav:`` list, or
    a ``nav:`` key is added at the end of the file. A missing ``mkdocs.yml`` is created with
    ``site_name``, ``docs_dir`` (relative to the file's folder) and ``nav`` (``site_name`` is
    used only then). The file is replaced atomically and only when its bytes change.

    Pages the user's own nav entries already list (outside plating's section) stay where
    the user put them and are left out of the section; ``kept``, when given, receives their
    docs-relative paths.

    Returns True when the file was created or changed (with ``dry_run``: would be; nothing
    is written). Raises :class:`UsageError` when an
    existing file's ``docs_dir`` is not ``docs_dir``, and :class:`InputError` when the file
    cannot be read, does not parse, or its ``nav`` cannot be edited as text (flow style,
    unbalanced markers).
    """
    try:
        target = mkdocs_yml.resolve() if mkdocs_yml.is_symlink() else mkdocs_yml
    except (OSError, RuntimeError) as exc:  # RuntimeError: a link loop
        raise UsageError(f"{mkdocs_yml}: a broken symbolic link ({exc}); replace it") from exc
    if not target.is_relative_to(mkdocs_yml.parent.resolve()):
        raise UsageError(
            f"{mkdocs_yml}: a symbolic link to {target}, outside the project; plating does not "
            "write through it (replace the link with the file)"
        )
    if not target.exists():
        text = _new_file(target, docs_dir, site_name, build_nav(docs_dir))
        _check_parses(target, text)
        if not dry_run:
            atomic_write(target, text.encode("utf-8"), 0o666 & ~_umask())
        return True
    try:
        original = target.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"{target}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{target}: not UTF-8 text; save it as UTF-8") from exc
    document = _check_parses(target, original)
    _check_docs_dir(target, document, docs_dir)
    placed = _user_nav_paths(target, original)
    entries = build_nav(docs_dir, skip=placed)
    if kept is not None:
        kept.extend(sorted(placed & {p.relpath for p in _scan(docs_dir)}))
    updated = _edit(target, original, entries)
    if updated == original:
        return False
    _check_parses(target, updated)
    if not dry_run:
        atomic_write(target, updated.encode("utf-8"), target.stat().st_mode & 0o7777)
    return True


def build_nav(docs_dir: Path, skip: frozenset[str] = frozenset()) -> list[NavEntry]:
    """The generated navigation of the docs tree, as ``(title, path or children)`` entries;
    pages whose docs-relative path is in ``skip`` are left out.

    Order: ``index.md`` first, then ``Guides``, then the pages without a subcategory grouped by
    kind, then one group per subcategory (alphabetical, ``Test Mode`` last) grouped by kind.
    """
    pages = [p for p in _scan(docs_dir) if p.relpath not in skip]
    entries: list[NavEntry] = []
    index = [p for p in pages if p.relpath == "index.md"]
    if index:
        entries.append((index[0].title, index[0].relpath))
    guides = sorted((p for p in pages if p.relpath.startswith("guides/")), key=_page_order)
    if guides:
        entries.append(("Guides", [(p.title, p.relpath) for p in guides]))
    components = [p for p in pages if p.kind is not None]
    entries.extend(_by_kind([p for p in components if not p.subcategory]))
    subcategories = sorted({p.subcategory for p in components if p.subcategory}, key=_subcat_order)
    for subcategory in subcategories:
        members = [p for p in components if p.subcategory == subcategory]
        entries.append((subcategory, _by_kind(members)))
    return entries


def _subcat_order(name: str) -> tuple[bool, str, str]:
    return (name.casefold() == LAST_SUBCATEGORY.casefold(), name.casefold(), name)


def _page_order(page: _Page) -> tuple[str, str, str]:
    return (page.title.casefold(), page.title, page.relpath)


def _by_kind(pages: list[_Page]) -> list[NavEntry]:
    groups: list[NavEntry] = []
    for kind in COMPONENT_KINDS:
        members = sorted((p for p in pages if p.kind is kind), key=_page_order)
        if members:
            groups.append((_plural(kind), [(p.title, p.relpath) for p in members]))
    return groups


def _plural(kind: ComponentType) -> str:
    # KindInfo.title is "function" (lowercase, as tfplugindocs writes it in page titles).
    title = kind.display_name
    return title[:1].upper() + title[1:] + "s"


# --- reading the docs tree -------------------------------------------------------------------


def _scan(docs_dir: Path) -> list[_Page]:
    pages: list[_Page] = []
    index = docs_dir / "index.md"
    if index.is_file():
        meta, heading = _read_page(index)
        title = _text(meta.get("page_title")) or heading or "Home"
        pages.append(_Page("index.md", title, "", None))
    for folder, kind in [("guides", None), *((k.info.docs_folder, k) for k in COMPONENT_KINDS)]:
        for path in _markdown_files(docs_dir / folder):
            meta, heading = _read_page(path)
            relpath = f"{folder}/{path.name}"
            stem = path.name.removesuffix(".md")
            if kind is None:
                title = _text(meta.get("page_title")) or heading or stem
                pages.append(_Page(relpath, title, "", None))
            else:
                title = _component_name(stem, heading, _text(meta.get("page_title")))
                pages.append(_Page(relpath, title, _text(meta.get("subcategory")), kind))
    return pages


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Hidden files include plating's own temporary files of an interrupted run.
    return sorted(
        p
        for p in folder.iterdir()
        if p.name.endswith(".md") and not p.name.startswith(".") and p.is_file()
    )


def _read_page(path: Path) -> tuple[dict[str, Any], str]:
    """The page's front matter (empty when absent or invalid) and its first ``# `` heading."""
    try:
        text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    body, rest = split_front_matter(text)
    meta: dict[str, Any] = {}
    if body is not None:
        try:
            loaded = yaml.safe_load(body)
        except yaml.YAMLError:
            loaded = None  # the validator reports bad front matter; the nav still gets a title
        if isinstance(loaded, dict):
            meta = loaded
    heading = ""
    for line in rest.split("\n"):
        if line.startswith("# "):
            heading = line[2:].strip().rstrip("#").strip()
            break
    return meta, heading


def _text(value: object) -> str:
    """A title on one line, without the characters YAML cannot carry (a page's front matter
    may spell a control character with an escape)."""
    if value is None:
        return ""
    return " ".join(yaml_clean(str(value)).split())


def _component_name(stem: str, heading: str, page_title: str) -> str:
    """The component's name as the page writes it.

    The file name is the name without the provider prefix, so the first word of the heading
    or page title that is the stem or ends in ``_<stem>`` is the full name, whatever the
    heading's shape (``# kitchen_recipe (Resource)``, ``# function: add``, ``Resource: x``).
    """
    for source in (heading, page_title):
        for match in _TOKEN.finditer(source):
            token = match.group()
            if token == stem or token.endswith(f"_{stem}"):
                return token
    return stem


# --- editing mkdocs.yml ----------------------------------------------------------------------


def render_section(entries: Sequence[NavEntry], indent: str, newline: str = "\n") -> list[str]:
    """The marked nav section as lines (each ending in ``newline``), at ``indent``."""
    lines = [indent + _BEGIN_LINE]
    _render_entries(entries, indent, lines)
    lines.append(indent + END_MARKER)
    return [line + newline for line in lines]


def _render_entries(entries: Sequence[NavEntry], indent: str, lines: list[str]) -> None:
    for title, value in entries:
        if isinstance(value, str):
            lines.append(f"{indent}- {_scalar(title)}: {_scalar(value)}")
        else:
            lines.append(f"{indent}- {_scalar(title)}:")
            _render_entries(value, indent + "    ", lines)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return quoted(text)


def _as_yaml_value(entries: Sequence[NavEntry]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for title, value in entries:
        out.append({title: value if isinstance(value, str) else _as_yaml_value(value)})
    return out


def _edit(target: Path, text: str, entries: list[NavEntry]) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    begins = [i for i, line in enumerate(lines) if line.strip().startswith(BEGIN_MARKER)]
    ends = [i for i, line in enumerate(lines) if line.strip().startswith(END_MARKER)]
    if begins or ends:
        if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
            raise InputError(
                f"{target}: the plating nav markers are unbalanced ({len(begins)} begin, "
                f"{len(ends)} end line(s)); keep exactly one '{BEGIN_MARKER}' line followed by "
                f"one '{END_MARKER}' line, or remove both to let plating add them again"
            )
        begin, end = begins[0], ends[0]
        section = _checked_section(entries, _indent_of(lines[begin]), newline)
        if not lines[end].endswith(("\n", "\r")):
            section[-1] = section[-1].rstrip("\r\n")  # the file ended without a newline
        return "".join(lines[:begin] + section + lines[end + 1 :])
    nav_at = [i for i, line in enumerate(lines) if _NAV_KEY.match(line.rstrip("\r\n"))]
    if not nav_at:
        # No nav yet: add one at the end, after whatever the file ends with.
        head = text if not text or text.endswith("\n") else text + newline
        return head + "nav:" + newline + "".join(_checked_section(entries, "  ", newline))
    if len(nav_at) > 1:
        raise InputError(f"{target}: 'nav' is defined {len(nav_at)} times; keep one")
    start = nav_at[0]
    lines = _block_style_nav(target, lines, start, newline)
    last = start  # the last line of the nav list's content
    indent: str | None = None
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue  # blank lines and comments belong to whatever follows them
        # An item of an indentless list ("- x" at column 0) still belongs to nav; a document
        # marker ("---") or any other key ends it.
        if not lines[i].startswith((" ", "\t")) and not (
            stripped.startswith("- ") or stripped == "-"
        ):
            break
        last = i
        if indent is None and (stripped.startswith("- ") or stripped == "-"):
            indent = _indent_of(lines[i])
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    section = _checked_section(entries, "  " if indent is None else indent, newline)
    return "".join(lines[: last + 1] + section + lines[last + 1 :])


def _user_nav_paths(target: Path, text: str) -> frozenset[str]:
    """The docs pages the user's own ``nav`` entries list: every page path outside plating's
    marked section, at any depth (``- page.md``, ``- Title: page.md``, nested sections)."""
    kept: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(BEGIN_MARKER):
            inside = True
        elif stripped.startswith(END_MARKER):
            inside = False
        elif not inside:
            kept.append(line)
    document = _check_parses(target, "".join(kept))
    paths: set[str] = set()
    pending: list[Any] = [(document or {}).get("nav") or []]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            path = value.strip().removeprefix("./")
            if path and "://" not in path and not path.startswith("/"):
                paths.add(path)
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
    return frozenset(paths)


def _block_style_nav(target: Path, lines: list[str], start: int, newline: str) -> list[str]:
    """Turn ``nav: []`` (or ``nav: null``) into ``nav:``; refuse a non-empty flow-style nav."""
    line = lines[start]
    match = _NAV_KEY.match(line.rstrip("\r\n"))
    assert match is not None
    rest = match.group("rest") or ""
    comment = ""
    hash_at = re.search(r"[ \t]#", rest)
    if hash_at is not None:
        value_end = len(rest[: hash_at.start()].rstrip())
        rest, comment = rest[:value_end], rest[value_end:]
    value = rest.strip()
    if not value:
        return lines
    if value in ("[]", "~", "null"):
        ending = line[len(line.rstrip("\r\n")) :] or newline
        key = line[: match.start("rest")]
        return [*lines[:start], key + comment + ending, *lines[start + 1 :]]
    raise InputError(
        f"{target}:{start + 1}: 'nav' is written on one line ({value[:40]!r}); plating edits "
        "a block-style list ('nav:' followed by '- title: page.md' lines): rewrite it so"
    )


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _checked_section(entries: list[NavEntry], indent: str, newline: str) -> list[str]:
    section = render_section(entries, indent, newline)
    # The section must read back as exactly the intended entries: this guards the quoting.
    loaded = yaml.safe_load("".join(section)) or []
    if loaded != _as_yaml_value(entries):
        raise AssertionError(f"generated nav does not read back as written: {loaded!r}")
    return section


def _new_file(target: Path, docs_dir: Path, site_name: str, entries: list[NavEntry]) -> str:
    folder = target.parent.resolve()
    docs = docs_dir.resolve()
    if docs == folder:
        raise UsageError(
            f"{docs_dir}: mkdocs needs the docs in a folder of their own, not the folder of "
            f"{target.name}; put mkdocs.yml in the folder above the docs"
        )
    relative = Path(os.path.relpath(docs, folder)).as_posix()
    return (
        "# Created by plating. Edit it freely: plating only rewrites the marked part of nav.\n"
        f"site_name: {_scalar(site_name)}\n"
        f"docs_dir: {_scalar(relative)}\n"
        "nav:\n" + "".join(_checked_section(entries, "  ", "\n"))
    )


class _AnyTagLoader(yaml.SafeLoader):
    """A safe loader that accepts mkdocs' custom tags (``!ENV``, ``!!python/name:...``)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_AnyTagLoader.add_multi_constructor("", _any_tag)


def _check_parses(target: Path, text: str) -> Any:
    try:
        document = yaml.load(text, Loader=_AnyTagLoader)  # a SafeLoader subclass: safe
    except yaml.YAMLError as exc:
        raise InputError(f"{target}: not valid YAML: {exc}") from exc
    if document is not None and not isinstance(document, dict):
        raise InputError(f"{target}: not a mapping of settings")
    nav = (document or {}).get("nav")
    if nav is not None and not isinstance(nav, list):
        raise InputError(f"{target}: 'nav' is not a list")
    return document


def _check_docs_dir(target: Path, document: Any, docs_dir: Path) -> None:
    configured = (document or {}).get("docs_dir", "docs")
    if not isinstance(configured, str):
        return  # e.g. !ENV: mkdocs resolves it at build time; nothing to compare with
    where = (target.parent / configured).resolve()
    if where != docs_dir.resolve():
        raise UsageError(
            f"{target}: docs_dir is {configured!r} ({where}), but the pages are in {docs_dir}; "
            "the nav paths would not resolve: plate into the configured docs_dir or change it"
        )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
