"""Monorepos: several providers in one ``pyproject.toml``, documented by one command.

Each ``[[tool.plating.providers]]`` table takes the options of a single provider; its values
replace ``[tool.plating]``'s for that provider, and flags and ``PLATING_*`` variables still
apply to every provider (except the ones that name one provider's inputs, which would make
all providers read the same files). ``--provider-name`` selects providers by name.

Each provider sees only its own root: the project roots of other providers inside it are
never searched for bundles. A ``validate`` table of a provider's own is applied over the
root's ``[tool.plating.validate]``.

Without ``project_root`` and ``output_dir`` of its own, a provider's pages go to
``<root>/docs/<name>``; with a ``project_root``, to ``<its root>/docs``. Two providers writing
to one folder is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from plating.errors import UsageError
from plating.settings import Settings, resolve

#: Flags that name one provider's inputs or outputs: meaningless for several providers.
PER_PROVIDER_FLAGS = (
    "schema",
    "package_name",
    "provider_source",
    "rendered_provider_name",
    "output_dir",
    "examples_dir",
    "templates_dir",
    "guides_dir",
    "bundles_dir",
)


def provider_tables(settings: Settings) -> list[Mapping[str, Any]] | None:
    """The ``[[tool.plating.providers]]`` tables, or None for a single-provider project."""
    tables = settings.tables.get("providers")
    if tables is None:
        return None
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables) or not tables:
        raise UsageError(
            f"{settings.pyproject}: providers must be an array of tables: "
            "[[tool.plating.providers]] with provider_name = ... in each"
        )
    return tables


def resolve_providers(
    flags: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> list[Settings] | None:
    """One resolved :class:`Settings` per selected provider (None: not a monorepo)."""
    base_flags = {k: v for k, v in flags.items() if k not in ("provider_name", "project_root")}
    start = Path(flags["project_root"]) if flags.get("project_root") is not None else cwd
    base = resolve({**base_flags, "project_root": flags.get("project_root")}, environ, cwd)
    tables = provider_tables(base)
    if tables is None:
        return None
    given = [k for k in PER_PROVIDER_FLAGS if flags.get(k) is not None]
    if given and flags.get("provider_name") is None:
        names = ", ".join("--" + k.replace("_", "-") for k in given)
        raise UsageError(
            f"{base.pyproject}: {names} cannot apply to every provider of "
            "[[tool.plating.providers]]; set it in each provider's table"
        )
    root = Path(base.values["project_root"])
    every: list[tuple[str, Mapping[str, Any], Settings]] = []
    for index, table in enumerate(tables, start=1):
        label = f"[[tool.plating.providers]] #{index}"
        settings = resolve(base_flags, environ, start or root, table, label)
        if not settings.get("provider_name"):
            raise UsageError(f"{base.pyproject}: {label} has no provider_name")
        every.append((label, table, settings))
    # Each provider sees only its own root: another provider's root inside it is not searched.
    roots = [Path(s.values["project_root"]).resolve() for _label, _table, s in every]
    for own, (_label, _table, settings) in zip(roots, every, strict=True):
        settings.other_roots = [r for r in roots if r != own and r.is_relative_to(own)]
    selected: list[Settings] = []
    outputs: dict[Path, str] = {}
    wanted = flags.get("provider_name")
    for label, table, settings in every:
        name = settings.get("provider_name")
        if wanted is not None and name != wanted and f"terraform-provider-{name}" != wanted:
            continue
        if settings.get("output_dir") is None:
            own_root = "project_root" in table
            settings.values["output_dir"] = (
                Path(settings.values["project_root"]) / "docs" if own_root else root / "docs" / name
            )
            settings.sources["output_dir"] = f"default for {label}"
        output = Path(settings.values["output_dir"]).resolve()
        if output in outputs:
            raise UsageError(
                f"{base.pyproject}: providers {outputs[output]} and {name} both write to "
                f"{output}; give each its own output_dir"
            )
        outputs[output] = name
        selected.append(settings)
    if wanted is not None and not selected:
        listed = ", ".join(str(t.get("provider_name")) for t in tables)
        raise UsageError(f"{base.pyproject}: no provider named {wanted!r} (providers: {listed})")
    return selected
