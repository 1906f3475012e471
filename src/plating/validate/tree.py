"""Finding the docs trees of a project and classifying every file in them.

Two layouts exist (spec section 1): the Registry layout under ``docs/`` and the legacy one
under ``website/docs/``. Each file is classified once here (kind, stem, accepted extension);
the checks only read these facts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from plating.pages import PAGE_SUFFIXES
from plating.render.fit import REGISTRY_PAGE_LIMIT
from plating.schema.kinds import KIND_BY_FOLDER, KIND_BY_LEGACY_FOLDER, ComponentType

REGISTRY, LEGACY = "registry", "legacy"
SIZE_LIMIT = REGISTRY_PAGE_LIMIT  # bytes; the Registry truncates files of this size or more
CDKTF_LANGUAGES = frozenset({"csharp", "go", "java", "python", "typescript"})
LEGACY_EXTENSIONS = PAGE_SUFFIXES
REGISTRY_EXTENSIONS = (".md",)

#: Folder name -> kind, per layout. Guides are a folder without a kind.
KIND_FOLDERS: dict[str, Mapping[str, ComponentType]] = {
    REGISTRY: KIND_BY_FOLDER,
    LEGACY: KIND_BY_LEGACY_FOLDER,
}


@dataclass(frozen=True, slots=True)
class DocsTree:
    """One docs folder and its layout."""

    root: Path
    layout: str  # REGISTRY or LEGACY
    display: str  # the folder as findings name it

    @property
    def extensions(self) -> tuple[str, ...]:
        """File extensions pages may have in this layout."""
        return LEGACY_EXTENSIONS if self.layout == LEGACY else REGISTRY_EXTENSIONS


@dataclass(frozen=True, slots=True)
class DocFile:
    """A file of a docs tree, classified."""

    path: Path
    relpath: str  # as findings show it (relative to the project root when inside it)
    tree: DocsTree
    parts: tuple[str, ...]  # folders below the tree root, then the file name
    stem: str | None  # name without its accepted extension; None when not accepted
    kind: ComponentType | None  # PROVIDER for the index page; None for guides and cdktf
    is_guide: bool
    is_cdktf: bool
    size: int

    @property
    def is_index(self) -> bool:
        """True for the provider's index page at the top of the tree."""
        return len(self.parts) == 1 and self.stem == "index"


@dataclass(frozen=True, slots=True)
class BadPath:
    """A folder or file the layout does not allow (reported by the layout check)."""

    relpath: str
    rule: str
    message: str


def display_path(path: Path, project_root: Path) -> str:
    """``path`` relative to the project root when inside it, "/"-separated."""
    try:
        return path.relative_to(project_root).as_posix()
    except ValueError:
        return path.as_posix()


def find_trees(project_root: Path, docs_dir: Path | None) -> list[DocsTree]:
    """The docs trees to validate: ``docs_dir`` (or ``<root>/docs``) and ``website/docs``."""
    trees: list[DocsTree] = []
    registry = docs_dir if docs_dir is not None else project_root / "docs"
    legacy = project_root / "website" / "docs"
    if registry.is_dir():
        layout = LEGACY if registry.parts[-2:] == ("website", "docs") else REGISTRY
        trees.append(DocsTree(registry, layout, display_path(registry, project_root)))
    if legacy.is_dir() and legacy.resolve() != registry.resolve():
        trees.append(DocsTree(legacy, LEGACY, display_path(legacy, project_root)))
    return trees


def _folder_allowed(layout: str, folders: tuple[str, ...]) -> bool:
    kinds = KIND_FOLDERS[layout]
    depth = len(folders)
    if depth == 0:
        return True
    if folders[0] == "cdktf":
        # cdktf/<language>/<kind folder or guides>
        if depth == 1:
            return True
        if folders[1] not in CDKTF_LANGUAGES:
            return False
        return depth == 2 or (depth == 3 and (folders[2] in kinds or folders[2] == "guides"))
    return depth == 1 and (folders[0] in kinds or folders[0] == "guides")


def walk_tree(tree: DocsTree, project_root: Path) -> tuple[list[DocFile], list[BadPath]]:
    """Every file of the tree, classified, and the folders and files the layout refuses."""
    files: list[DocFile] = []
    bad: list[BadPath] = []
    kinds = KIND_FOLDERS[tree.layout]
    for dirpath, dirnames, filenames in os.walk(tree.root):
        here = Path(dirpath)
        folders = here.relative_to(tree.root).parts
        keep: list[str] = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if _folder_allowed(tree.layout, (*folders, name)):
                keep.append(name)
                continue
            rel = display_path(here / name, project_root)
            bad.append(BadPath(rel, "registry/directory", _bad_folder_message(tree, name)))
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue  # .gitkeep, .DS_Store: not pages, and the Registry ignores them
            path = here / name
            if path.is_symlink() and not _inside(path, tree.root):
                continue  # a link out of the tree: nothing outside the project is read
            rel = display_path(path, project_root)
            stem = _stem(name, tree.extensions)
            cdktf = bool(folders) and folders[0] == "cdktf"
            kind: ComponentType | None = None
            guide = False
            if not cdktf:
                if not folders:
                    kind = ComponentType.PROVIDER if stem == "index" else None
                else:
                    kind = kinds.get(folders[0])
                    guide = folders[0] == "guides"
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            if stem is None:
                allowed = ", ".join(tree.extensions)
                bad.append(
                    BadPath(
                        rel,
                        "registry/extension",
                        f"{name}: extension not accepted in the {tree.layout} layout "
                        f"(use {allowed})",
                    )
                )
            elif not folders and stem != "index" and not cdktf:
                bad.append(
                    BadPath(
                        rel,
                        "registry/directory",
                        f"{name}: only the index page may sit at the top of {tree.display}/; "
                        "move the page into a kind folder or guides/",
                    )
                )
            files.append(
                DocFile(
                    path=path,
                    relpath=rel,
                    tree=tree,
                    parts=(*folders, name),
                    stem=stem,
                    kind=kind,
                    is_guide=guide,
                    is_cdktf=cdktf,
                    size=size,
                )
            )
    return files, bad


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def _stem(name: str, extensions: tuple[str, ...]) -> str | None:
    for ext in extensions:
        if name.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return None


def _bad_folder_message(tree: DocsTree, name: str) -> str:
    kinds = sorted(KIND_FOLDERS[tree.layout])
    allowed = ", ".join([*kinds, "guides", "cdktf/<language>/..."])
    return (
        f"folder {name!r} is not accepted in the {tree.layout} docs layout "
        f"(allowed under {tree.display}/: {allowed})"
    )
