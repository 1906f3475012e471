"""Find ``.plating`` bundles under a root and match their templates to components."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

from plating.bundles.model import EXAMPLE_SUFFIXES, TEMPLATE_SUFFIX, BoundTemplate, Bundle
from plating.errors import BundleError
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


def find_bundles(roots: Iterable[Path], skip: Iterable[Path] = ()) -> list[Bundle]:
    """Every ``*.plating`` directory below the roots, sorted by path."""
    skipped = {p.resolve() for p in skip}
    found: list[Bundle] = []
    for root in roots:
        if not root.is_dir():
            continue
        for dirpath, dirnames, _files in os.walk(root):
            here = Path(dirpath)
            keep: list[str] = []
            for name in dirnames:
                child = here / name
                if name.endswith(".plating"):
                    if not child.is_symlink():
                        found.append(load_bundle(child))
                    continue
                if name in SKIPPED_DIRS or name.endswith(".egg-info") or child.is_symlink():
                    continue
                if (child / "pyvenv.cfg").exists() or child.resolve() in skipped:
                    continue
                keep.append(name)
            dirnames[:] = sorted(keep)
    found.sort(key=lambda b: str(b.root))
    return found


def _kind_hint(bundle_root: Path) -> ComponentType | None:
    if bundle_root.name == "provider.plating":
        return ComponentType.PROVIDER
    for parent in bundle_root.parents:
        kind = _FOLDER_KINDS.get(parent.name)
        if kind is not None:
            return kind
        if parent.name in ("", "/"):
            break
    return None


def _files(folder: Path) -> list[Path]:
    # A linked folder (or file) could pull in files from anywhere: bundles never follow links.
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink())


def load_bundle(root: Path) -> Bundle:
    """Read a bundle directory's listing (no file contents)."""
    docs = root / "docs"
    templates: dict[str, Path] = {}
    partials: dict[str, Path] = {}
    for path in _files(docs):
        if path.name.endswith(TEMPLATE_SUFFIX):
            templates[path.name.removesuffix(TEMPLATE_SUFFIX)] = path
        elif path.name.startswith("_"):
            partials[path.name] = path
    examples: dict[str, Path] = {}
    grouped: dict[str, Path] = {}
    example_dir = root / "examples"
    if example_dir.is_dir() and not example_dir.is_symlink():
        for path in sorted(example_dir.iterdir()):
            if path.is_symlink():
                continue
            if path.is_file():
                for suffix in EXAMPLE_SUFFIXES:
                    if path.name.endswith(suffix):
                        examples[path.name.removesuffix(suffix)] = path
            elif (
                path.is_dir()
                and (path / "main.tf").is_file()
                and not (path / "main.tf").is_symlink()
            ):
                grouped[path.name] = path / "main.tf"
    guides: dict[str, Path] = {}
    for path in _files(root / "guides"):
        if path.name.endswith(TEMPLATE_SUFFIX):
            guides[path.name.removesuffix(TEMPLATE_SUFFIX)] = path
        elif path.suffix == ".md":
            guides[path.name.removesuffix(".md")] = path
    fixtures = root / "fixtures"
    return Bundle(
        root=root,
        kind_hint=_kind_hint(root),
        templates=templates,
        partials=partials,
        examples=examples,
        grouped_examples=grouped,
        guides=guides,
        fixtures=fixtures if fixtures.is_dir() and not fixtures.is_symlink() else None,
    )


def bind_templates(
    bundles: list[Bundle], schema: ProviderSchema
) -> tuple[dict[tuple[ComponentType, str], BoundTemplate], list[str]]:
    """Match every bundle template to one component.

    Returns the bound templates by ``(kind, component name)`` and warnings for templates that
    match no component. A template matching components of several kinds, or two templates for
    one component, is an error that says how to disambiguate.
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
            provider_stem = stem in (short, "provider", "index")
            if bundle.kind_hint is ComponentType.PROVIDER or (
                bundle.kind_hint is None and provider_stem
            ):
                matches.append((ComponentType.PROVIDER, schema.provider.name))
            else:
                for kind in kinds:
                    for candidate in candidates:
                        if candidate in names_by_kind[kind]:
                            matches.append((kind, candidate))
                            break
            if not matches:
                where = (
                    f" among {bundle.kind_hint.display_name.lower()}s" if bundle.kind_hint else ""
                )
                warnings.append(
                    f"{path}: no component named {stem!r}{where} in the schema; "
                    "the template is not used"
                )
                continue
            if len(matches) > 1:
                listed = ", ".join(f"{k.display_name.lower()} {n}" for k, n in matches)
                raise BundleError(
                    f"{path}: template {stem!r} matches several components ({listed}); "
                    "place the bundle under a folder named after its kind "
                    "(resources/, data_sources/, functions/, ephemerals/, actions/, "
                    "list_resources/, state_stores/)"
                )
            key = matches[0]
            if key in bound:
                raise BundleError(
                    f"{path}: {key[0].display_name.lower()} {key[1]} already has a template "
                    f"({bound[key].template}); keep only one"
                )
            bound[key] = BoundTemplate(bundle, path, key[0], key[1])
    per_bundle: dict[Path, int] = {}
    for item in bound.values():
        per_bundle[item.bundle.root] = per_bundle.get(item.bundle.root, 0) + 1
    return {
        key: dataclasses.replace(item, bundle_components=per_bundle[item.bundle.root])
        for key, item in bound.items()
    }, warnings


def project_guides(folder: Path) -> Bundle | None:
    """A project-level guides folder as a bundle: ``<name>.tmpl.md`` guides, ``_*.md``
    partials and ``examples/*.tf`` for ``example()`` (None when it holds no guide)."""
    if not folder.is_dir() or folder.is_symlink():
        return None
    guides = {
        p.name.removesuffix(TEMPLATE_SUFFIX): p
        for p in sorted(folder.iterdir())
        if p.name.endswith(TEMPLATE_SUFFIX) and p.is_file() and not p.is_symlink()
    }
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
    )
