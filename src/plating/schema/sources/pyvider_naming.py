"""The name of a pyvider provider whose package registers no provider class.

A pyvider provider names itself in code (``@register_provider("pyvider")`` in
pyvider-components, ``@register_provider("tofusoup")`` in tofusoup's provider): plating uses
that name whenever the package registers one, and ``provider_name`` when it is set. A package
of components alone is named, in this order, by:

1. ``name`` (or ``provider_name``) in the project's ``[tool.pyvider]``, else ``[pyvider]``,
   table: the name pyvider's own command line installs the provider under;
2. the project's ``[project.entry-points.pyvider]`` entry naming the package, else the
   project's ``[project].name``, when the project declares the package;
3. an entry point of the environment naming the package, else its distribution's name;
4. the last segment of the package's name that is not a generic word (``tofusoup`` for
   ``tofusoup.tf.components``, never ``components``).

A ``terraform-provider-`` prefix and a ``-provider`` suffix are dropped from names taken
from distributions and entry points, as Terraform names the provider without them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from plating.schema.sources.pyvider_discovery import pyvider_tables

_LOG = logging.getLogger(__name__)

#: Package name segments that say what a package holds, not which provider it is.
GENERIC_SEGMENTS = frozenset(
    {
        "component",
        "components",
        "provider",
        "providers",
        "plugin",
        "plugins",
        "resources",
        "src",
        "terraform",
        "tf",
        "tofu",
        "opentofu",
    }
)
_PYVIDER_NAME_KEYS = ("name", "provider_name")  # the keys pyvider's command line reads
_USABLE = re.compile(r"[a-z0-9][a-z0-9_-]*")


def provider_name_for(package: str, project_root: Path | None = None) -> str:
    """The provider name of ``package``, which registers no provider (see the module)."""
    for name, where in _candidates(package, project_root):
        usable = _usable(name)
        if usable is not None:
            _LOG.debug("pyvider package %s: provider named %r after %s", package, usable, where)
            return usable
    segments = package.split(".")
    specific = [s for s in segments if s.lower() not in GENERIC_SEGMENTS]
    return (specific or segments)[-1].lower()


def _candidates(package: str, project_root: Path | None) -> Iterator[tuple[Any, str]]:
    document = _pyproject(project_root)
    for table, label in pyvider_tables(document):
        for key in _PYVIDER_NAME_KEYS:
            yield table.get(key), f"{label} {key}"
    if _declares(document, package):
        project = document.get("project")
        for entry in _entry_names(document, package):
            yield _short(entry), f"[project.entry-points.pyvider] {entry}"
        if isinstance(project, Mapping):
            yield _short(project.get("name")), "[project].name"
    yield from _environment(package)


def _pyproject(project_root: Path | None) -> Mapping[str, Any]:
    path = project_root / "pyproject.toml" if project_root is not None else None
    if path is None or not path.is_file():
        return {}
    from plating.errors import UsageError
    from plating.settings import read_pyproject

    try:
        return read_pyproject(path)
    except UsageError:
        return {}  # the settings reader reports it; the name falls to the next candidate


def _entry_names(document: Mapping[str, Any], package: str) -> list[str]:
    project = document.get("project")
    points = project.get("entry-points") if isinstance(project, Mapping) else None
    group = points.get("pyvider") if isinstance(points, Mapping) else None
    if not isinstance(group, Mapping):
        return []
    return [n for n, v in group.items() if isinstance(v, str) and _module(v) == package]


def _declares(document: Mapping[str, Any], package: str) -> bool:
    """Whether the project declares ``package`` (as pyvider discovery reads it)."""
    if _entry_names(document, package):
        return True
    for table, _label in pyvider_tables(document):
        listed = table.get("component_packages")
        if listed == package or (isinstance(listed, list) and package in listed):
            return True
    return False


def _environment(package: str) -> Iterator[tuple[Any, str]]:
    """Entry points of the environment registering ``package`` (read from metadata only
    when no other candidate named the provider: scanning them takes tens of ms)."""
    from importlib import metadata

    for entry in metadata.entry_points(group="pyvider"):
        if _module(entry.value) != package:
            continue
        yield _short(entry.name), f"entry point {entry.name!r}"
        dist = getattr(entry, "dist", None)
        if dist is not None:
            yield _short(dist.name), f"distribution {dist.name}"


def _module(value: str) -> str:
    return value.split(":", 1)[0].strip()


def _short(name: Any) -> Any:
    """A distribution's or entry point's name as Terraform names the provider."""
    if not isinstance(name, str):
        return name
    name = name.strip().lower()
    name = re.sub(r"^terraform[-_]provider[-_]", "", name)
    return re.sub(r"[-_]provider$", "", name)


def _usable(name: Any) -> str | None:
    """``name`` when it can name a provider (lower-case letters, digits, ``-``, ``_``)."""
    if not isinstance(name, str):
        return None
    name = name.strip().lower()
    return name if _USABLE.fullmatch(name) and name not in GENERIC_SEGMENTS else None
