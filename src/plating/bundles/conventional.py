"""The tfplugindocs conventions: ``examples/<kind>/<name>/`` files and static ``templates/``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plating.errors import BundleError, PlatingError
from plating.pages import hidden, page_stem
from plating.render.default_page import ImportExamples
from plating.schema.kinds import KIND_BY_FOLDER, ComponentType
from plating.schema.model import Component, ProviderSchema

if TYPE_CHECKING:
    from plating.tfplugindocs.world import GoTemplates

_LEGACY_FOLDERS = {"r": ComponentType.RESOURCE, "d": ComponentType.DATA_SOURCE}


def read_text(path: Path, *, exact: bool = False, error: type[PlatingError] = BundleError) -> str:
    """Read a UTF-8 input file (a leading byte order mark dropped, CRLF as LF, unless
    ``exact``), naming it in the ``error`` raised when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
        if exact:
            return text
        # An editor's byte order mark is not text: it would hide a template's front matter.
        return text.removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{path}:{line}: not UTF-8 text (byte offset {exc.start}); save the file as UTF-8"
        ) from exc


class TextFiles:
    """The input files of one run, each read and decoded once (thread-safe: a race only
    reads a file twice). A new run makes a new one, so edits between runs are seen."""

    def __init__(self) -> None:
        self._texts: dict[Path, str] = {}

    def read(self, path: Path) -> str:
        """The text of ``path``, as :func:`read_text` returns it."""
        text = self._texts.get(path)
        if text is None:
            text = self._texts[path] = read_text(path)
        return text


def example_dir(examples_root: Path, component: Component) -> Path:
    """The conventional folder of a component's examples."""
    info = component.kind.info
    if component.kind is ComponentType.PROVIDER:
        return examples_root / "provider"
    return examples_root / info.example_folder / component.name


def _linked_outside(path: Path, root: Path) -> bool:
    """True when ``path`` is reached through a link that leaves ``root`` (or ``root`` is a
    link itself): such files are never read, so a project cannot pull in files from elsewhere."""
    if root.is_symlink():
        return True
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def _skip_linked(path: Path, examples_root: Path, skipped: list[str] | None) -> bool:
    """True when ``path`` leads out of the examples folder; says so in ``skipped``."""
    if not _linked_outside(path, examples_root):
        return False
    if skipped is not None:
        # Name the link itself: the same words for every page behind it, so shown once.
        steps = reversed(path.relative_to(examples_root).parents)  # ".", "resources", ...
        chain = [*(examples_root / step for step in steps), path]
        link = next((candidate for candidate in chain if candidate.is_symlink()), path)
        skipped.append(
            f"{link}: a symbolic link out of the examples folder; plating reads no example "
            "through it (copy the files in)"
        )
    return True


def conventional_examples(
    examples_root: Path,
    component: Component,
    skipped: list[str] | None = None,
    *,
    exact: bool = False,
) -> tuple[str, ...]:
    """Trimmed contents of ``<stem>*<suffix>`` files, sorted bytewise by file name; files
    linked out of the examples folder are not read (and named in ``skipped``); ``exact``
    keeps their CRLF line ends (see :func:`read_text`)."""
    folder = example_dir(examples_root, component)
    if not folder.is_dir() or _skip_linked(folder, examples_root, skipped):
        return ()
    info = component.kind.info
    names = sorted(
        (
            p.name
            for p in folder.iterdir()
            if p.name.startswith(info.example_stem)
            and p.name.endswith(info.example_suffix)
            and p.is_file()
            and not _skip_linked(p, examples_root, skipped)
        ),
        key=lambda n: n.encode(),
    )
    return tuple(read_text(folder / n, exact=exact).strip() for n in names)


def conventional_imports(
    examples_root: Path,
    component: Component,
    skipped: list[str] | None = None,
    *,
    exact: bool = False,
) -> ImportExamples | None:
    """A resource's import files, or None when it has none (``skipped`` and ``exact`` as
    for :func:`conventional_examples`)."""
    if component.kind is not ComponentType.RESOURCE:
        return None
    folder = example_dir(examples_root, component)
    if not folder.is_dir() or _linked_outside(folder, examples_root):
        return None  # conventional_examples has said so

    def read(name: str) -> str | None:
        path = folder / name
        if not path.is_file() or _skip_linked(path, examples_root, skipped):
            return None
        return read_text(path, exact=exact).strip()

    identity = read("import-by-identity.tf")
    if identity is not None and component.identity is None:
        raise BundleError(
            f"{folder / 'import-by-identity.tf'}: resource {component.name} has no identity "
            "schema; remove the file or use import-by-string-id.tf"
        )
    imports = ImportExamples(identity, read("import-by-string-id.tf"), read("import.sh"))
    return imports if imports.any() else None


_IMPORT_FILES = ("import-by-identity.tf", "import-by-string-id.tf", "import.sh")


def has_conventional_docs(
    component: Component, short_name: str, examples_root: Path, templates_root: Path
) -> bool:
    """Whether tfplugindocs' conventions document the component already: example or import
    files under ``examples/``, or a Go template under ``templates/`` (its own
    ``<kind folder>/<name>.md.tmpl``, the kind's ``<kind folder>.md.tmpl``, or
    ``index.md.tmpl`` for the provider). ``adorn`` leaves such components alone: a new
    bundle would replace their real examples and import section on the page."""
    folder = example_dir(examples_root, component)
    info = component.kind.info
    if folder.is_dir() and not _linked_outside(folder, examples_root):
        for path in folder.iterdir():
            name = path.name
            example = name.startswith(info.example_stem) and name.endswith(info.example_suffix)
            imports = component.kind is ComponentType.RESOURCE and name in _IMPORT_FILES
            if (example or imports) and path.is_file():
                return True
    if component.kind is ComponentType.PROVIDER:
        candidates = [templates_root / "index.md.tmpl"]
    else:
        docs = info.docs_folder
        short = component.name.removeprefix(f"{short_name}_")
        candidates = [
            templates_root / docs / f"{short}.md.tmpl",
            templates_root / docs / f"{component.name}.md.tmpl",
            templates_root / f"{docs}.md.tmpl",
        ]
    return any(path.is_file() for path in candidates)


@dataclass(frozen=True, slots=True)
class StaticPages:
    """Static pages found under ``templates/`` and the components they document."""

    files: dict[str, Path] = field(default_factory=dict)  # docs-relative path -> source
    covered: frozenset[tuple[ComponentType, str]] = frozenset()
    go_templates: tuple[Path, ...] = ()
    #: Components covered by a page in a legacy folder (``templates/r/``, ``templates/d/``):
    #: copied to ``docs/r/``, ``docs/d/`` as tfplugindocs copies them, folders the Registry
    #: does not read under ``docs/`` (see :func:`keep_registry_pages`).
    legacy: dict[tuple[ComponentType, str], Path] = field(default_factory=dict)


def find_static_pages(
    templates_root: Path, schema: ProviderSchema, left_out: Collection[str] = ()
) -> StaticPages:
    """Files under ``templates/`` that are copied as they are, and whose pages they replace.
    A page of a component ``left_out`` (excluded, or deprecated and ignored) is not copied:
    excluded components get no page, whatever its source."""
    if not templates_root.is_dir():
        return StaticPages()
    if templates_root.is_symlink():
        raise BundleError(
            f"{templates_root}: the static pages folder is a symbolic link; plating copies "
            "nothing through links (give the real folder with --templates-dir)"
        )
    folder_kinds = {**KIND_BY_FOLDER, **_LEGACY_FOLDERS}
    files: dict[str, Path] = {}
    covered: set[tuple[ComponentType, str]] = set()
    go_templates: list[Path] = []
    legacy: dict[tuple[ComponentType, str], Path] = {}
    for path in sorted(templates_root.rglob("*")):
        relative = path.relative_to(templates_root)
        if not path.is_file() or path.is_symlink() or hidden(relative.parts):
            continue
        if path.name.endswith(".tmpl"):
            go_templates.append(path)
            continue
        stem = page_stem(path.name)
        parts = relative.parts
        if (
            stem is not None
            and len(parts) == 2
            and parts[0] in folder_kinds
            and {stem, f"{schema.short_name}_{stem}"} & set(left_out)
        ):
            continue
        files[relative.as_posix()] = path
        if stem is None:
            continue
        if len(parts) == 1 and stem == "index":
            covered.add((ComponentType.PROVIDER, schema.provider.name))
        elif len(parts) == 2 and parts[0] in folder_kinds:
            kind = folder_kinds[parts[0]]
            for candidate in (stem, f"{schema.short_name}_{stem}"):
                if schema.find(kind, candidate) is not None:
                    covered.add((kind, candidate))
                    if parts[0] in _LEGACY_FOLDERS:
                        legacy[(kind, candidate)] = path
                    break
    return StaticPages(files, frozenset(covered), tuple(go_templates), legacy)


def keep_registry_pages(
    static: StaticPages,
    schema: ProviderSchema,
    output_dir: Path,
    page_path: Callable[..., str],
    go: GoTemplates | None = None,
) -> tuple[StaticPages, list[str]]:
    """Legacy-folder pages, as tfplugindocs treats them, without losing a Registry page.

    From an empty docs folder a legacy page replaces the component's generated page (exactly
    tfplugindocs' output); when the Registry-layout page is already there it is never removed:
    it stays generated and up to date. A Go template of the Registry page's own path, or the
    fallback template of its kind (``go``), renders that page whatever the docs folder holds,
    as in tfplugindocs. Either way the user is told where to move the file.
    """
    if not static.legacy:
        return static, []
    fallbacks = go.fallbacks if go is not None else {}
    kept: set[tuple[ComponentType, str]] = set()
    warnings: list[str] = []
    for (kind, name), source in sorted(static.legacy.items(), key=lambda item: str(item[1])):
        component = schema.find(kind, name)
        if component is None:
            continue
        registry_page = page_path(component, schema.short_name)
        folder = source.parent.name
        modern = source.parent.parent / kind.info.docs_folder / source.name
        if go is not None and go.renders(registry_page):
            outcome = f"docs/{registry_page} is rendered from its own template"
        elif kind in fallbacks:
            outcome = (
                f"docs/{registry_page} is rendered from {fallbacks[kind].name}, as in tfplugindocs"
            )
        elif (output_dir / registry_page).is_file():
            kept.add((kind, name))
            outcome = f"docs/{registry_page} is kept and still generated"
        else:
            outcome = f"it replaces the generated docs/{registry_page}, as in tfplugindocs"
        warnings.append(
            f"{source}: a legacy {folder}/ page, copied to docs/{folder}/{source.name}, a "
            f"folder the Registry does not read (plating validate rejects it); {outcome}; "
            f"move the file to {modern}"
        )
    if not kept:
        return static, warnings
    return dataclasses.replace(static, covered=static.covered - kept), warnings
