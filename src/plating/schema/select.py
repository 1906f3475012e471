"""Which components a run documents: ``exclude`` patterns and ``ignore_deprecated``."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Sequence

from plating.schema.model import Component, ProviderSchema


def is_deprecated(component: Component) -> bool:
    """A block marked deprecated, or a function with a deprecation message."""
    if component.function is not None:
        return bool(component.function.deprecation_message)
    return component.block is not None and component.block.deprecated


def select_components(
    schema: ProviderSchema, exclude: Sequence[str] = (), ignore_deprecated: bool = False
) -> ProviderSchema:
    """The schema without excluded (and, when asked, deprecated) components.

    The provider itself is never excluded: its page is the index.
    """
    if not exclude and not ignore_deprecated:
        return schema

    def keep(component: Component) -> bool:
        if any(fnmatch.fnmatchcase(component.name, pattern) for pattern in exclude):
            return False
        return not (ignore_deprecated and is_deprecated(component))

    components = {
        kind: kept
        for kind, members in schema.components.items()
        if (kept := tuple(c for c in members if keep(c)))
    }
    return dataclasses.replace(schema, components=components)
