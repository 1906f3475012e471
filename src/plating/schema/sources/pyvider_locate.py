"""Where a pyvider package lives and what it is made of, found without importing pyvider or
(when the import system's finders can place it) the package: its folders and files, pyvider's
version, and the project modules an extraction imported from outside the package."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import ExternalToolError, UsageError
from plating.listing import FolderListing, list_folder

if TYPE_CHECKING:
    from plating.schema.sources.pyvider_discovery import FoundPackage

#: What to tell a user who asks for a pyvider package without pyvider installed.
#: (``plating[pyvider]`` only works from this repository or its wheel: the package index's
#: ``plating`` is another project.)
INSTALL_HINT = "install it with: pip install 'pyvider>=0.8'"

_LOG = logging.getLogger(__name__)
_SKIPPED_FILES = frozenset({"__pycache__"})


def module_files_outside(folders: list[Path]) -> list[str]:
    """Source files of the imported modules that are neither in ``folders`` nor installed
    (the interpreter's own, site-packages) nor plating's: the project's other modules,
    which a package's components may import from."""
    import plating

    installed = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    skipped = tuple(os.path.join(p, "") for p in installed)
    skipped += tuple(os.path.join(os.fspath(f), "") for f in folders)
    skipped += tuple(os.path.join(p, "") for p in plating.__path__)
    found: set[str] = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            continue
        path = Path(file).absolute()
        text = str(path)
        if text.startswith(skipped) or {"site-packages", "dist-packages"} & set(path.parts):
            continue
        found.add(text)
    return sorted(found)


def pyvider_version(package: str, declared: FoundPackage | None = None) -> str:
    """The installed pyvider version, or a :class:`UsageError` saying what to install
    (``declared``: where the package was found, when discovery found it)."""
    spec = importlib.util.find_spec("pyvider")
    if spec is not None and spec.origin is not None:
        # The metadata folder beside the package: what importlib.metadata would find,
        # without importing it and scanning every distribution (milliseconds per run).
        site = Path(spec.origin).parent.parent
        found = sorted(site.glob("pyvider-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("pyvider-").removesuffix(".dist-info")
    from importlib import metadata

    try:
        return metadata.version("pyvider")
    except metadata.PackageNotFoundError:
        raise _package_problem(
            package,
            declared,
            "reading a pyvider package needs pyvider, which is not installed in this "
            f"environment ({sys.executable}); {INSTALL_HINT}",
        ) from None


#: Calls in a package's ``__init__.py`` that extend its ``__path__`` when it is imported
#: (pkgutil- and pkg_resources-style namespace packages split over several folders).
_PATH_EXTENDERS = ("extend_path", "declare_namespace")


def find_package_dirs(package: str, declared: FoundPackage | None = None) -> list[Path]:
    """Folders of an importable package (several for a namespace package).

    Located through the import system's finders without running the package's code
    (``importlib.util.find_spec`` would import the parent packages, and a package such as
    ``pyvider`` costs a third of a second to import). A package whose ``__init__.py`` calls
    ``pkgutil.extend_path`` (one namespace shared by several distributions, e.g.
    ``tofusoup``) gets the folders that call adds: the same-named folder under every
    ``sys.path`` entry. A package the finders cannot place is imported: what the import
    system resolves decides, and only a failed import is reported as not importable.
    Errors name ``declared`` (the pyproject key or entry point that named the package, when
    discovery found it), else the ``package_name`` option.
    """
    if not package or any(not part.isidentifier() for part in package.split(".")):
        raise UsageError.naming_options(
            lambda o: (
                f"{o('package_name')} {package!r}: not a Python package name "
                "(expected e.g. `pyvider.components`)"
            )
        )
    module = sys.modules.get(package)
    paths = getattr(module, "__path__", None) if module is not None else None
    if paths is not None:
        return _existing_dirs(paths)
    search: list[str] | None = None
    spec: importlib.machinery.ModuleSpec | None = None
    parts = package.split(".")
    for index in range(len(parts)):
        name = ".".join(parts[: index + 1])
        spec = _find_spec(name, search)
        if spec is None:
            return _imported_dirs(package, name, declared)
        if spec.submodule_search_locations is None:
            raise _not_a_package(package, name, spec.origin, declared)
        search = list(spec.submodule_search_locations)
        if _extends_path(spec):
            search = _namespace_portions(name, search)
    return _existing_dirs(search or [])


def _extends_path(spec: importlib.machinery.ModuleSpec) -> bool:
    """Whether a regular package's ``__init__.py`` extends its ``__path__`` on import."""
    origin = spec.origin
    if not spec.has_location or origin is None or not origin.endswith("__init__.py"):
        return False
    try:
        with Path(origin).open(encoding="utf-8", errors="replace") as handle:
            text = handle.read(65536)
    except OSError:
        return False
    return any(word in text for word in _PATH_EXTENDERS)


def _namespace_portions(name: str, own: list[str]) -> list[str]:
    """``own`` plus the package's folder under every ``sys.path`` entry, in that order:
    the path ``pkgutil.extend_path`` gives the package when it is imported."""
    portions = list(own)
    relative = os.path.join(*name.split("."))
    for entry in sys.path:
        if not isinstance(entry, str):
            continue
        folder = os.path.join(entry or str(Path.cwd()), relative)
        if folder not in portions and Path(folder).is_dir():
            portions.append(folder)
    return portions


def _imported_dirs(package: str, missing: str | None, declared: FoundPackage | None) -> list[Path]:
    """The package's ``__path__`` after importing it (parents first, as Python does)."""
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        absent = exc.name or missing or package
        if absent != package and not package.startswith(f"{absent}."):
            raise package_error(package, f"importing it needs {absent!r}", exc) from exc
        raise _package_problem(
            package,
            declared,
            f"no package {absent!r} is importable by {sys.executable}; "
            + _importable_hint(package, declared),
        ) from None
    except Exception as exc:
        raise package_error(package, "importing it failed", exc) from exc
    paths = getattr(module, "__path__", None)
    if paths is None:
        raise _not_a_package(package, package, getattr(module, "__file__", None), declared)
    found = _existing_dirs(paths)
    _LOG.debug("pyvider package %s: imported; its folders are %s", package, found)
    return found


def _importable_hint(package: str, declared: FoundPackage | None) -> str:
    """How to make ``package`` importable: for a package a project declares, from where its
    code is in that project (plating does not add the project's folders to the path)."""
    if declared is None:
        return (
            "install the provider package in the same environment as plating (e.g. "
            "`pip install -e .` in its checkout), or put the folder that holds it on "
            "PYTHONPATH (e.g. `PYTHONPATH=src` for a src layout)"
        )
    if declared.pyproject is None:
        return (
            "the distribution registering it is installed without it: reinstall that "
            "distribution, or declare the provider's own package in the project's "
            "pyproject.toml ([project.entry-points.pyvider])"
        )
    root = declared.pyproject.parent.absolute()
    top = package.split(".")[0]
    install = f"install the project in this environment (`pip install -e {root}`)"
    if (root / "src" / top).is_dir():
        return f"{install}, or put its src folder on the path (`PYTHONPATH={root / 'src'}`)"
    if (root / top).is_dir():
        return f"{install}, or put the project folder on the path (`PYTHONPATH={root}`)"
    return (
        f"{install}; no folder {top}/ is in {root} or {root / 'src'}: check the package name "
        "in the declaration"
    )


def _package_problem(package: str, declared: FoundPackage | None, problem: str) -> UsageError:
    """A :class:`UsageError` about ``package``, naming where it was declared (when discovery
    found it) or the ``package_name`` option that named it."""
    if declared is not None:
        return UsageError(f"{declared.origin}: pyvider package {package}: {problem}")
    return UsageError.naming_options(lambda o: f"{o('package_name')} {package}: {problem}")


def _not_a_package(
    package: str, name: str, origin: str | None, declared: FoundPackage | None
) -> UsageError:
    return _package_problem(
        package,
        declared,
        f"{name!r} is a module ({origin}), not a package; name the package that holds the "
        "provider's components",
    )


def _find_spec(name: str, path: list[str] | None) -> importlib.machinery.ModuleSpec | None:
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec: importlib.machinery.ModuleSpec | None = find_spec(name, path, None)
        if spec is not None:
            return spec
    return None


def _existing_dirs(paths: Any) -> list[Path]:
    seen: list[Path] = []
    for entry in paths:
        folder = Path(entry).resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return seen


def package_files(
    folder: Path, listing: FolderListing | None = None
) -> Iterator[tuple[str, int, int]]:
    """(path, size, mtime_ns) of every file below ``folder`` in a fixed order; bytecode
    skipped. Walks with ``os.scandir`` (through ``listing`` when given, which bundle
    discovery then reuses): a package can hold thousands of files."""
    entries_of = listing.entries if listing is not None else list_folder
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        for entry in entries_of(current):  # none when vanished or unreadable
            if entry.is_dir(follow_symlinks=False):  # a linked folder is not entered
                if entry.name not in _SKIPPED_FILES:
                    pending.append(entry.path)
            elif not entry.name.endswith((".pyc", ".pyo")):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                yield entry.path, stat.st_size, stat.st_mtime_ns


def package_error(package: str, what: str, exc: BaseException) -> ExternalToolError:
    """An error naming the file and line in the package where ``exc`` was raised."""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"{exc.filename}:{exc.lineno}: "
    else:
        root = package.split(".")[0]
        mine = [f for f in frames if f"/{root}/" in f.filename.replace(os.sep, "/")]
        chosen = mine or frames
        if chosen:
            where = f"{chosen[-1].filename}:{chosen[-1].lineno}: "
    return ExternalToolError(
        f"{where}pyvider package {package}: {what}: {type(exc).__name__}: {exc}; fix the "
        "package (its own tests or `pyvider components list` show the same error)"
    )
