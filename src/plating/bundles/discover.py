"""Find ``.plating`` bundles under a root and match their templates to components."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from plating.bundles.model import EXAMPLE_SUFFIXES, TEMPLATE_SUFFIX, BoundTemplate, Bundle
from plating.errors import BundleError
from plating.listing import FolderListing, list_folder
from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.schema.model import ProviderSchema

#: Folders never searched: VCS, virtual environments, caches, build and output trees.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "node_modules",
        ".terraform",
        "build",
        "dist",
        "site",
        ".plating-cache",
        ".eggs",
    }
)

_FOLDER_KINDS: dict[str, ComponentType] = {
    folder: kind for kind in ComponentType for folder in kind.info.bundle_folders
}


def find_bundles(
    roots: Iterable[Path], skip: Iterable[Path] = (), listing: FolderListing | None = None
) -> list[Bundle]:
    """Every ``*.plating`` directory below the roots, sorted by path.

    Links are never followed, and VCS, virtual-environment, cache, build and ``skip``
    (output) folders are not entered; a bundle below two of the roots is found once. Walks
    with ``os.scandir``: a provider package can hold thousands of folders; ``listing``
    shares the folders another walk of the run has read.
    """
    entries_of = listing.entries if listing is not None else list_folder
    skipped = {os.path.realpath(p) for p in skip}
    # Each folder is walked once: a root inside another (a src-layout package below the
    # project root) is left out of the outer walk and walked on its own, which also reaches
    # it when the outer walk would skip it (a package installed in the project's .venv).
    unique = list(dict.fromkeys(os.path.realpath(r) for r in roots if Path(r).is_dir()))
    found: list[Bundle] = []
    for root in unique:
        others = skipped | (set(unique) - {root})
        pending = [root]
        while pending:
            folder = pending.pop()
            for entry in entries_of(folder):  # none for an unreadable folder
                name = entry.name
                if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                    continue
                if name.endswith(".plating"):
                    found.append(load_bundle(Path(entry.path), listing))
                elif (
                    name not in SKIPPED_DIRS
                    and not name.endswith(".egg-info")
                    and not os.path.isfile(os.path.join(entry.path, "pyvenv.cfg"))
                    and os.path.realpath(entry.path) not in others
                ):
                    pending.append(entry.path)
    found.sort(key=lambda b: str(b.root))
    return found


def unsearched(folder: Path, roots: Iterable[Path], skip: Iterable[Path] = ()) -> Path | None:
    """The folder on the way to ``folder`` that :func:`find_bundles` never enters (a VCS,
    virtual-environment, cache, build or ``skip`` folder), ``folder`` itself when it lies
    under none of the roots, or None when bundles there are found."""
    skipped = {os.path.realpath(p) for p in skip}
    target = Path(os.path.normpath(Path(folder).absolute()))
    for root in roots:
        base = Path(os.path.normpath(Path(root).absolute()))
        if not target.is_relative_to(base):
            continue
        current = base
        for part in target.relative_to(base).parts:
            current = current / part
            if (
                part in SKIPPED_DIRS
                or part.endswith(".egg-info")
                or (current / "pyvenv.cfg").is_file()
                or os.path.realpath(current) in skipped
            ):
                return current
        return None
    return target


def kind_hint(bundle_root: Path) -> ComponentType | None:
    """The kind a bundle's templates document, from the nearest enclosing folder named after
    a kind (``resources/``, ``list_resources/``, ...); None when no folder names one."""
    if bundle_root.name == "provider.plating":
        return ComponentType.PROVIDER
    for parent in bundle_root.parents:
        kind = _FOLDER_KINDS.get(parent.name)
        if kind is not None:
            return kind
        if parent.name in ("", "/"):
            break
    return None


def _real_folders(entries: list[os.DirEntry[str]]) -> dict[str, str]:
    """Sub-folders that are real folders (a linked folder could pull in files from
    anywhere: bundles never follow links), by name."""
    return {
        e.name: e.path for e in entries if e.is_dir(follow_symlinks=False) and not e.is_symlink()
    }


def _real_files(entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
    return [e for e in entries if e.is_file(follow_symlinks=False)]


def load_bundle(root: Path, listing: FolderListing | None = None) -> Bundle:
    """Read a bundle directory's listing (no file contents)."""
    _entries = listing.entries if listing is not None else list_folder
    folders = _real_folders(_entries(os.fspath(root)))
    templates: dict[str, Path] = {}
    partials: dict[str, Path] = {}
    for entry in _real_files(_entries(folders["docs"])) if "docs" in folders else []:
        if entry.name.endswith(TEMPLATE_SUFFIX):
            templates[entry.name.removesuffix(TEMPLATE_SUFFIX)] = Path(entry.path)
        elif entry.name.startswith("_"):
            partials[entry.name] = Path(entry.path)
    examples: dict[str, Path] = {}
    grouped: dict[str, Path] = {}
    linked: dict[str, Path] = {}
    for entry in _entries(folders["examples"]) if "examples" in folders else []:
        if entry.is_symlink():
            name = entry.name
            for suffix in EXAMPLE_SUFFIXES:
                name = name.removesuffix(suffix)
            linked[name] = Path(entry.path)
        elif entry.is_file(follow_symlinks=False):
            for suffix in EXAMPLE_SUFFIXES:
                if entry.name.endswith(suffix):
                    examples[entry.name.removesuffix(suffix)] = Path(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            main = os.path.join(entry.path, "main.tf")
            if os.path.isfile(main) and not os.path.islink(main):
                grouped[entry.name] = Path(main)
    guides: dict[str, Path] = {}
    go_guides: list[Path] = []
    for entry in _real_files(_entries(folders["guides"])) if "guides" in folders else []:
        if entry.name.startswith("."):
            continue  # never a page (see plating.pages.hidden): an editor's or Finder's file
        if entry.name.endswith(TEMPLATE_SUFFIX):
            guides[entry.name.removesuffix(TEMPLATE_SUFFIX)] = Path(entry.path)
        elif entry.name.endswith(".md"):
            guides[entry.name.removesuffix(".md")] = Path(entry.path)
        elif entry.name.endswith(".md.tmpl"):
            go_guides.append(Path(entry.path))
    return Bundle(
        root=root,
        kind_hint=kind_hint(root),
        templates=templates,
        partials=partials,
        examples=examples,
        grouped_examples=grouped,
        guides=guides,
        fixtures=Path(folders["fixtures"]) if "fixtures" in folders else None,
        linked_examples=linked,
        go_guides=tuple(sorted(go_guides)),
    )


def bind_templates(
    bundles: list[Bundle],
    schema: ProviderSchema,
    problems: list[tuple[Path, BundleError]] | None = None,
    left_out: Mapping[str, str] | None = None,
) -> tuple[dict[tuple[ComponentType, str], BoundTemplate], list[str]]:
    """Match every bundle template to one component.

    Returns the bound templates by ``(kind, component name)`` and warnings for templates that
    match no component; a template of a component the run leaves out (``left_out``: name ->
    why, from ``exclude`` and ``ignore_deprecated``) is unused without a warning. A template
    matching components of several kinds, or two templates for one component, is a
    :class:`BundleError` that says how to disambiguate; given ``problems``, every such error
    is collected there (with its template) instead, and the template is left unbound.
    """
    short = schema.short_name
    names_by_kind = {kind: {c.name for c in schema.of_kind(kind)} for kind in ComponentType}
    bound: dict[tuple[ComponentType, str], BoundTemplate] = {}
    warnings: list[str] = []
    for bundle in bundles:
        for stem, path in bundle.templates.items():
            candidates = [stem] if stem.startswith(f"{short}_") else [stem, f"{short}_{stem}"]
            kinds = [bundle.kind_hint] if bundle.kind_hint is not None else list(COMPONENT_KINDS)
            matches: list[tuple[ComponentType, str]] = []
            # A provider page's template names this provider (or is provider/index): in a
            # monorepo another provider's `provider.plating` must never bind to this one.
            provider_stem = stem in (short, f"terraform-provider-{short}", "provider", "index")
            if bundle.kind_hint is ComponentType.PROVIDER or (
                bundle.kind_hint is None and provider_stem
            ):
                if provider_stem:
                    matches.append((ComponentType.PROVIDER, schema.provider.name))
            else:
                for kind in kinds:
                    for candidate in candidates:
                        if candidate in names_by_kind[kind]:
                            matches.append((kind, candidate))
                            break
            if not matches and left_out and any(c in left_out for c in candidates):
                continue  # its component is excluded on purpose: no page, no warning
            if not matches:
                where = (
                    f" among {bundle.kind_hint.display_name.lower()}s" if bundle.kind_hint else ""
                )
                warnings.append(
                    f"{path}: no component named {stem!r}{where} in the schema; "
                    "the template is not used"
                )
                continue
            problem: BundleError | None = None
            key = matches[0]
            if len(matches) > 1:
                listed = ", ".join(f"{k.display_name.lower()} {n}" for k, n in matches)
                problem = BundleError(
                    f"{path}: template {stem!r} matches several components ({listed}); "
                    "place the bundle under a folder named after its kind "
                    "(resources/, data_sources/, functions/, ephemerals/, actions/, "
                    "list_resources/, state_stores/)"
                )
            elif key in bound:
                problem = BundleError(
                    f"{path}: {key[0].display_name.lower()} {key[1]} already has a template "
                    f"({bound[key].template}); keep only one"
                )
            if problem is not None:
                if problems is None:
                    raise problem
                problems.append((path, problem))
                continue
            bound[key] = BoundTemplate(bundle, path, key[0], key[1])
    per_bundle: dict[Path, int] = {}
    for item in bound.values():
        per_bundle[item.bundle.root] = per_bundle.get(item.bundle.root, 0) + 1
    return {
        key: dataclasses.replace(item, bundle_components=per_bundle[item.bundle.root])
        for key, item in bound.items()
    }, warnings


def project_guides(folder: Path) -> Bundle | None:
    """A project-level guides folder as a bundle: ``<name>.tmpl.md`` guides, plain
    ``<name>.md`` guides (the older layout, ``plating/guides/*.md``; as in a bundle's
    ``guides/``, a ``.tmpl.md`` of the same name wins), ``_*.md`` partials and
    ``examples/*.tf`` for ``example()``. None when it holds no guide. A ``README.md``
    describes the folder and is not a guide."""
    if not folder.is_dir() or folder.is_symlink():
        return None
    guides: dict[str, Path] = {}
    for path in sorted(folder.iterdir(), key=lambda p: not p.name.endswith(TEMPLATE_SUFFIX)):
        name = path.name
        if not name.endswith(".md") or name.startswith(("_", ".")) or name.upper() == "README.MD":
            continue
        if path.is_file() and not path.is_symlink():
            stem = name.removesuffix(TEMPLATE_SUFFIX).removesuffix(".md")
            guides.setdefault(stem, path)
    guides = dict(sorted(guides.items()))
    if not guides:
        return None
    listing = load_bundle(folder)
    partials = {
        p.name: p
        for p in sorted(folder.iterdir())
        if p.name.startswith("_") and p.suffix == ".md" and p.is_file() and not p.is_symlink()
    }
    return Bundle(
        root=folder,
        kind_hint=None,
        partials=partials,
        examples=listing.examples,
        grouped_examples=listing.grouped_examples,
        guides=guides,
        fixtures=listing.fixtures,
        linked_examples=listing.linked_examples,
    )
