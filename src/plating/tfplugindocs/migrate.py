"""``migrate``: a legacy ``website/docs`` (or hand-written ``docs/``) tree into tfplugindocs
``templates/`` and ``examples/``, byte for byte as ``tfplugindocs migrate`` writes them.

Each page becomes ``templates/<section>/<name>.md.tmpl``: its front matter without the
``layout`` line, a template comment, then its blocks written back as tfplugindocs' Markdown
renderer writes them (:mod:`plating.tfplugindocs.markdownfmt`; as written when that is not
reproduced exactly), where every top-level ``hcl``/``terraform`` code block is moved into
``examples/<section>/<name>/example_N.tf`` (``.tfquery.hcl`` for list resources) and every
``console`` block into ``import_N.sh``, replaced by a ``tffile``/``codefile`` call. Guides
are copied as they are. Everything is computed before anything is written. The legacy
``website/`` folder is removed last, as tfplugindocs removes it, but only of the files
migrated: tfplugindocs deletes the whole folder, and with it files it never converts (a
sidebar ``.erb``, a page outside the known folders), which plating never does with a file it
did not make. What stays is listed.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from plating.bundles.conventional import read_text
from plating.errors import InputError, WriteError
from plating.pages import PAGE_SUFFIXES
from plating.tfplugindocs.markdown_blocks import inline_references, split_blocks
from plating.tfplugindocs.markdownfmt import Unsupported, format_blocks
from plating.tfplugindocs.names import provider_short_name

#: Folders of a website docs tree whose pages become templates, and the section they go to.
SECTIONS = {
    "d": "data-sources",
    "data-sources": "data-sources",
    "r": "resources",
    "resources": "resources",
    "ephemeral-resources": "ephemeral-resources",
    "functions": "functions",
    "actions": "actions",
    "list-resources": "list-resources",
    "state-stores": "state-stores",
}

_COMMENT = (
    "{{/* This template serves as a starting point for documentation generation, and can be "
    "customized with hardcoded values and/or doc gen templates.\n\nFor example, the "
    "{{ .%s }} template can be used to replace manual %s documentation if descriptions of "
    "%s are added in the provider source code. */ -}}"
)
SCHEMA_COMMENT = _COMMENT % ("SchemaMarkdown", "schema", "schema attributes")
FUNCTION_COMMENT = _COMMENT % ("FunctionArgumentsMarkdown", "argument", "function arguments")


@dataclass
class Migration:
    """What a migration writes (paths relative to the provider folder) and what it says."""

    provider_dir: Path
    website_dir: Path  # the tree that was read
    files: dict[str, bytes] = field(default_factory=dict)
    templates: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    remove_website: bool = False
    #: The files of the website tree that became templates, examples and copies.
    migrated: list[Path] = field(default_factory=list)
    #: Files of ``website/`` left in place after :func:`apply_migration` (not migrated).
    kept: list[Path] = field(default_factory=list)


def find_website_dir(provider_dir: Path) -> Path:
    """``website/docs`` when it exists, else ``docs``, as tfplugindocs picks it."""
    for candidate in (provider_dir / "website" / "docs", provider_dir / "docs"):
        if candidate.is_dir():
            return candidate
    raise InputError(
        f"{provider_dir}: no website/docs or docs folder to migrate (give the provider's "
        "folder with --provider-dir)"
    )


def plan_migration(
    provider_dir: Path,
    templates_dir: str = "templates",
    examples_dir: str = "examples",
    provider_name: str = "",
) -> Migration:
    """Read the website tree and compute every file the migration writes (nothing written)."""
    website = find_website_dir(provider_dir)
    migration = Migration(provider_dir, website)
    migration.remove_website = website == provider_dir / "website" / "docs"
    # With --provider-name, page names lose the provider prefix (time_offset -> offset).
    prefix = provider_short_name(provider_name) + "_" if provider_name else "\0"
    for entry in sorted(website.iterdir(), key=lambda p: p.name):
        if entry.is_symlink():
            migration.warnings.append(f"{entry}: a symbolic link; not migrated")
        elif entry.is_dir() and entry.name in SECTIONS:
            section = SECTIONS[entry.name]
            for path in _files_under(entry, migration):
                if path.name.endswith(PAGE_SUFFIXES):
                    stem = path.name.split(".", 1)[0]
                    base = stem.removeprefix(prefix) or stem
                    _migrate_page(migration, path, section, base, templates_dir, examples_dir)
                else:
                    relative = path.relative_to(entry).as_posix()
                    _copy(migration, path, f"{templates_dir}/{section}/{relative}")
        elif entry.is_dir() and entry.name == "guides":
            for path in _files_under(entry, migration):
                relative = path.relative_to(entry).as_posix()
                _copy(migration, path, f"{templates_dir}/guides/{relative}")
        elif entry.is_file() and entry.name.split(".", 1)[0] == "index":
            _migrate_page(migration, entry, "", "index", templates_dir, examples_dir)
    return migration


def _files_under(folder: Path, migration: Migration) -> list[Path]:
    found: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            migration.warnings.append(f"{path}: a symbolic link; not migrated")
        elif path.is_file() and not any(p.is_symlink() for p in path.parents):
            found.append(path)
    return found


def _copy(migration: Migration, source: Path, target: str) -> None:
    try:
        migration.files[target] = source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    migration.migrated.append(source)


def _migrate_page(
    migration: Migration,
    path: Path,
    section: str,
    base: str,
    templates_dir: str,
    examples_dir: str,
) -> None:
    text = read_text(path, error=InputError)
    template = (
        f"{templates_dir}/{section}/{base}.md.tmpl"
        if section
        else f"{templates_dir}/{base}.md.tmpl"
    )
    example_folder = f"{section}/{base}" if section else ""
    front, body = _front_matter(text, path)
    parts: list[str] = []
    if front is None:
        migration.warnings.append(f"{path}: no front matter found")
    else:
        comment = FUNCTION_COMMENT if section == "functions" else SCHEMA_COMMENT
        parts.append(front + "\n" + comment + "\n")
    extract = _Extractor(migration, examples_dir, example_folder, section)
    try:
        rendered = "".join(
            node.text if (call := extract(node.info, node.code)) is None else "\n\n" + call
            for node in format_blocks(body)
        )
    except Unsupported as exc:
        # Not reproduced exactly: the page's blocks are kept as written instead.
        migration.warnings.append(
            f"{path}: its Markdown is kept as written ({exc}), where tfplugindocs would "
            "normalise it"
        )
        extract = _Extractor(migration, examples_dir, example_folder, section)
        rendered = "\n\n".join(
            block.text if (call := extract(block.info, block.code)) is None else call
            for block in inline_references(split_blocks(body))
        )
    parts.append(rendered + "\n")
    migration.files[template] = "\n".join(parts).encode("utf-8")
    migration.templates.append(template)
    migration.migrated.append(path)


def _front_matter(text: str, path: Path) -> tuple[str | None, str]:
    """``(front matter lines without layout, rest)``; None when the page has none."""
    lines = text.split("\n")
    if lines[0] != "---":
        return None, text
    kept = ["---"]
    for index in range(1, len(lines)):
        line = lines[index]
        if "layout:" in line:
            continue  # tfplugindocs drops the legacy layout key (any line naming it)
        kept.append(line)
        if line == "---":
            return "\n".join(kept) + "\n", "\n".join(lines[index + 1 :])
    raise InputError(f"{path}: the front matter opened on line 1 never ends (add a --- line)")


class _Extractor:
    """Moves a page's ``hcl``/``terraform`` code blocks into ``example_N.tf`` files (``.tfquery
    .hcl`` for list resources) and its ``console`` blocks into ``import_N.sh``, numbered in
    page order, and gives the template call that shows each one."""

    def __init__(self, migration: Migration, examples_dir: str, folder: str, section: str):
        self.migration = migration
        self.examples_dir = examples_dir
        self.folder = folder
        self.suffix = ".tfquery.hcl" if section == "list-resources" else ".tf"
        self.examples = 0
        self.imports = 0

    def __call__(self, info: str | None, code: str) -> str | None:
        """The call that replaces a fenced block with this ``info`` string; None for a
        block that stays (any other language, or no fence)."""
        if info in ("hcl", "terraform"):
            self.examples += 1
            name = f"example_{self.examples}{self.suffix}"
            call = '{{tffile "%s"}}'
        elif info == "console":
            self.imports += 1
            name = f"import_{self.imports}.sh"
            call = '{{codefile "shell" "%s"}}'
        else:
            return None
        example = "/".join(p for p in (self.examples_dir.rstrip("/"), self.folder, name) if p)
        self.migration.examples.append(example)
        self.migration.files[example] = code.encode("utf-8")
        return call % example


def apply_migration(migration: Migration) -> None:
    """Write every planned file atomically, then remove the legacy ``website/`` folder's
    migrated files and the folders they leave empty; other files stay (``migration.kept``)."""
    from plating.write import atomic_write

    root = migration.provider_dir
    _refuse_overwrites(migration)
    try:
        for relative, data in migration.files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
    except OSError as exc:
        raise WriteError(f"{exc.filename or root}: cannot write: {exc.strerror or exc}") from exc
    if migration.remove_website:
        migration.kept = _remove_migrated(root / "website", migration.migrated)


def _refuse_overwrites(migration: Migration) -> None:
    """Stop, before anything is written, when a file migrate would write already exists with
    other bytes (a template edited since an earlier migration, a hand-written one): plating
    overwrites no file it did not make. The same bytes are fine (a second run). A path
    through a symbolic link (``templates -> ~/elsewhere`` in a checkout) stops it too."""
    from plating.write import check_no_symlinks

    root = migration.provider_dir
    differing: list[str] = []
    checked: set[str] = set()
    for relative in migration.files:
        check_no_symlinks(root, relative, checked, leaf_exists=False)
    for relative, data in migration.files.items():
        target = root / relative
        try:
            if target.is_symlink() or target.read_bytes() != data:
                differing.append(relative)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise InputError(f"{target}: cannot read: {exc.strerror or exc}") from exc
    if differing:
        shown = ", ".join(differing[:5]) + (
            f" and {len(differing) - 5} more" if len(differing) > 5 else ""
        )
        raise InputError(
            f"{root}: migrate would overwrite {len(differing)} existing file(s) with other "
            f"content ({shown}); nothing was written: move them away (or remove them) and run "
            "migrate again"
        )


def _remove_migrated(website: Path, migrated: list[Path]) -> list[Path]:
    """Remove ``migrated`` files, then every folder of ``website`` left empty (the folder
    itself included); return the files that stay."""
    for path in migrated:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise WriteError(f"{path}: cannot remove: {exc.strerror or exc}") from exc
    kept: list[Path] = []
    for folder, dirs, files in os.walk(website, topdown=False):
        here = Path(folder)
        kept.extend(here / name for name in files)
        # A link to a folder is listed among the folders and is not followed: it stays.
        kept.extend(here / name for name in dirs if (here / name).is_symlink())
        with contextlib.suppress(OSError):  # not empty: something in it stays
            here.rmdir()
    return sorted(kept)
