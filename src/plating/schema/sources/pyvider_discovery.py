"""Which pyvider package to document when no schema source is given.

Two places say where a pyvider provider's components are:

1. the project's own ``pyproject.toml``: the packages of ``[project.entry-points.pyvider]``
   and ``[tool.pyvider] component_packages`` (or a top-level ``[pyvider]`` table, which
   pyvider's own command line also reads; read from the file: the project need not be
   installed, though the package must be importable to be read);
2. the environment: every distribution registering the ``pyvider`` entry-point group, the
   group pyvider's own hub reads.

The project's declarations win: a provider's environment usually holds other pyvider
packages it depends on (pyvider-components, ...), which are not what the project documents.
The environment is looked at only when the project declares nothing. One package found is
used; several are an error that lists them and says how to choose; none leaves the caller's
"no schema source" error as it was.

Neither step imports anything: the pyproject is parsed as TOML, and entry points are read
from the installed distributions' metadata.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plating.errors import UsageError

#: The entry-point group pyvider's hub discovers components through.
ENTRY_POINT_GROUP = "pyvider"

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FoundPackage:
    """A pyvider package found by discovery, and where it was declared."""

    package: str
    origin: str
    #: The ``pyproject.toml`` that declares it (None: an entry point of the environment).
    pyproject: Path | None = None


def declared_packages(pyproject: Path) -> list[FoundPackage]:
    """The pyvider packages a project's ``pyproject.toml`` declares, in file order."""
    if not pyproject.is_file():
        _LOG.debug("pyvider discovery: %s does not exist", pyproject)
        return []
    from plating.settings import read_pyproject

    document = read_pyproject(pyproject)
    found: list[FoundPackage] = []
    project = document.get("project")
    entry_points = project.get("entry-points") if isinstance(project, Mapping) else None
    group = entry_points.get(ENTRY_POINT_GROUP) if isinstance(entry_points, Mapping) else None
    if group is not None:
        if not isinstance(group, Mapping):
            raise UsageError(
                f"{pyproject}: [project.entry-points.{ENTRY_POINT_GROUP}] must be a table of "
                'names to packages, e.g. acme = "acme.components"'
            )
        for name, value in group.items():
            where = f"{pyproject} [project.entry-points.{ENTRY_POINT_GROUP}] {name}"
            found.append(FoundPackage(_module_of(value, where), where, pyproject))
    for table, name in pyvider_tables(document):
        listed = table.get("component_packages")
        if listed is None:
            continue
        where = f"{pyproject} {name} component_packages"
        packages = [listed] if isinstance(listed, str) else listed
        if not isinstance(packages, list) or not all(isinstance(p, str) for p in packages):
            raise UsageError(f"{where}: expected a list of package names, found {listed!r}")
        found.extend(FoundPackage(_module_of(p, where), where, pyproject) for p in packages)
    _LOG.debug(
        "pyvider discovery: %s declares %s",
        pyproject,
        ", ".join(f.package for f in found) or "no pyvider package",
    )
    return _unique(found)


def pyvider_tables(document: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], str]]:
    """A pyproject's pyvider tables with their names: ``[tool.pyvider]``, then a top-level
    ``[pyvider]``, which pyvider's own command line reads as well."""
    tool = document.get("tool")
    found = [
        (tool.get("pyvider") if isinstance(tool, Mapping) else None, "[tool.pyvider]"),
        (document.get("pyvider"), "[pyvider]"),
    ]
    return [(table, name) for table, name in found if isinstance(table, Mapping)]


def registered_packages() -> list[FoundPackage]:
    """The packages of every ``pyvider`` entry point in the environment (sorted)."""
    from importlib import metadata

    found: list[FoundPackage] = []
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(entry, "dist", None)
        owner = f" of {dist.name} {dist.version}" if dist is not None else ""
        where = f"entry point {entry.name!r}{owner} (group {ENTRY_POINT_GROUP!r})"
        try:
            found.append(FoundPackage(_module_of(entry.value, where), where))
        except UsageError as exc:
            _LOG.debug("pyvider discovery: skipped %s", exc)
    found.sort(key=lambda f: (f.package, f.origin))
    _LOG.debug(
        "pyvider discovery: the environment registers %s",
        ", ".join(f.package for f in found) or "no pyvider package",
    )
    return _unique(found)


def find_pyvider_packages(project_root: Path, *, environment: bool = True) -> list[FoundPackage]:
    """The project's declared pyvider packages, else (``environment``) those the
    environment registers."""
    declared = declared_packages(project_root / "pyproject.toml")
    return declared if declared or not environment else registered_packages()


def discover_package(project_root: Path, *, environment: bool = True) -> FoundPackage | None:
    """The one pyvider package to document (None when there is none).

    Several packages are a :class:`UsageError` listing each with where it was found, and
    how to choose (``package_name=`` from Python, ``--package-name`` on the command line).
    """
    found = find_pyvider_packages(project_root, environment=environment)
    if len(found) <= 1:
        if found:
            _LOG.debug("pyvider discovery: using %s (%s)", found[0].package, found[0].origin)
        return found[0] if found else None
    listed = "".join(f"\n  {f.package}  ({f.origin})" for f in found)
    raise UsageError.naming_options(
        lambda option: (
            f"no schema source given and {len(found)} pyvider packages found:"
            f"{listed}\nchoose one with {option('package_name')} PACKAGE (or package_name in "
            "[tool.plating]), or give another source: "
            f"{option('schema_path')} FILE, {option('provider_source')} ADDRESS"
        )
    )


def _module_of(value: Any, where: str) -> str:
    """The package of an entry-point value (``pkg.mod`` or ``pkg.mod:attr``)."""
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{where}: expected a package name, found {value!r}")
    module = value.split(":", 1)[0].strip()
    if not all(part.isidentifier() for part in module.split(".")):
        raise UsageError(f"{where}: {value!r} is not a Python package name")
    return module


def _unique(found: Iterable[FoundPackage]) -> list[FoundPackage]:
    """One entry per package (the first place that named it)."""
    seen: dict[str, FoundPackage] = {}
    for item in found:
        seen.setdefault(item.package, item)
    return list(seen.values())
