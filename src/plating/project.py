"""Resolved settings -> :class:`PlatingContext`, for the command line and the API alike.

The CLI resolves its flags with :func:`plating.settings.resolve` and builds each provider's
context with :func:`context_from_settings`. The API does the same from the fields a caller
gave (:func:`read_project_settings`): both read one project the same way.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from plating.config import PlatingContext, default_concurrency
from plating.errors import UsageError
from plating.resilience import BackoffStrategy, RetryPolicy
from plating.schema.kinds import ComponentType
from plating.settings import Settings

#: Context fields holding one setting's value as it is: field -> setting key.
FIELD_KEYS = {
    "schema_path": "schema",
    **{
        key: key
        for key in (
            "provider_name",
            "rendered_provider_name",
            "package_name",
            "provider_source",
            "terraform_binary",
            "project_root",
            "output_dir",
            "examples_dir",
            "templates_dir",
            "guides_dir",
            "bundles_dir",
            "cache_dir",
            "dedupe_nested",
        )
    },
}
#: Fields converted on the way (a flag or count): field -> setting key.
CONVERTED_KEYS = {
    "exclude": "exclude",
    "ignore_deprecated": "ignore_deprecated",
    "concurrency": "concurrency",
    "use_schema_cache": "schema_cache",
}


def context_from_settings(settings: Settings) -> PlatingContext:
    """The :class:`PlatingContext` of resolved settings (nothing left to read)."""
    value = settings.get
    root = value("project_root")
    if root is not None and not Path(root).is_dir():
        raise UsageError(
            f"{root}: the project root is not a folder; pass an existing --project-root"
        )
    try:
        retry = RetryPolicy(
            max_attempts=value("retry.max_attempts"),
            backoff=BackoffStrategy(value("retry.backoff")),
            base_delay=value("retry.base_delay"),
            max_delay=value("retry.max_delay"),
        )
    except ValueError as exc:
        raise UsageError(f"retry settings: {exc}") from None
    subcategories = settings.tables.get("subcategories", {})
    if not isinstance(subcategories, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in subcategories.items()
    ):
        raise UsageError(
            f"{settings.pyproject}: [tool.plating.subcategories] maps name patterns to "
            'subcategory names, e.g. "azurerm_storage_*" = "Storage"'
        )
    validate_table = settings.tables.get("validate")
    direct = {name: value(key) for name, key in FIELD_KEYS.items()}
    return PlatingContext(
        **direct,
        use_schema_cache=bool(value("schema_cache")),
        retry_policy=retry,
        concurrency=value("concurrency") or default_concurrency(),
        subcategories=tuple(subcategories.items()),
        exclude=tuple(value("exclude") or ()),
        ignore_deprecated=bool(value("ignore_deprecated")),
        component_types=parse_kinds(value("component_types")),
        read_settings=False,
        other_roots=tuple(settings.other_roots),
        settings_file=settings.pyproject,
        validate_table=validate_table if validate_table is not None else {},
    )


def parse_kinds(values: list[str] | None) -> tuple[ComponentType, ...] | None:
    """Kind names as given (``resource``, ``data_source``, ...); None or empty: every kind."""
    if not values:
        return None
    kinds: list[ComponentType] = []
    for value in values:
        try:
            kinds.append(ComponentType.parse(value))
        except ValueError as exc:
            raise UsageError(f"component types: {exc}") from None
    return tuple(kinds)


def explicit_settings(context: PlatingContext, package_name: str | None = None) -> dict[str, Any]:
    """The settings a caller gave in ``context``, by setting key, as flags: every field whose
    value differs from its default (a field set to its default cannot be told apart from one
    left out, so the project's value applies to it)."""
    defaults = PlatingContext(read_settings=False)
    given: dict[str, Any] = {}
    for name, key in {**FIELD_KEYS, **CONVERTED_KEYS}.items():
        current = getattr(context, name)
        if current != getattr(defaults, name):
            given[key] = list(current) if isinstance(current, tuple) else current
    if package_name is not None:
        given["package_name"] = package_name
    if context.component_types is not None:
        given["component_types"] = [kind.value for kind in context.component_types]
    if context.retry_policy != RetryPolicy():
        policy = context.retry_policy
        given["retry.max_attempts"] = policy.max_attempts
        given["retry.backoff"] = policy.backoff.value
        given["retry.base_delay"] = policy.base_delay
        given["retry.max_delay"] = policy.max_delay
    return given


def read_project_settings(
    context: PlatingContext, package_name: str | None = None
) -> PlatingContext:
    """``context`` with every field left at its default taken from the ``PLATING_*``
    environment and the project's ``pyproject.toml``, as the CLI reads them (see
    :class:`PlatingContext`). A monorepo's provider is the one ``provider_name`` names."""
    from plating.batch import resolve_providers
    from plating.settings import resolve

    flags = explicit_settings(context, package_name)
    several = resolve_providers(flags)
    if several is None:
        settings = resolve(flags)
    elif len(several) == 1:
        settings = several[0]
    else:
        names = ", ".join(str(s.get("provider_name")) for s in several)
        raise UsageError(
            f"{several[0].pyproject}: [[tool.plating.providers]] lists several providers "
            f"({names}); give PlatingContext(provider_name=...) to pick one"
        )
    resolved = context_from_settings(settings)
    if context.subcategories:
        resolved = dataclasses.replace(resolved, subcategories=context.subcategories)
    # Fields that are not settings are the caller's alone.
    return dataclasses.replace(
        resolved,
        log_level=context.log_level,
        mark_template_pages=context.mark_template_pages,
    )
