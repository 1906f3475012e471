"""Which components a run documents: ``exclude`` patterns and ``ignore_deprecated``."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from plating.schema.kinds import ComponentType
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


@dataclass(frozen=True)
class Selection:
    """A run's components, and what ``exclude`` and ``ignore_deprecated`` left out."""

    schema: ProviderSchema
    #: Names of the components left out, with why (``excluded by 'x_*'``, ``deprecated``).
    left_out: Mapping[str, str] = field(default_factory=dict)
    #: ``exclude`` patterns that match no component of the schema (a typo, most likely).
    unmatched: tuple[str, ...] = ()
    #: The schema without the excluded components but with the deprecated ones: where
    #: tfplugindocs templates look their component up (a deprecated component's own template
    #: still renders with its data under ``ignore_deprecated``, as in tfplugindocs); None:
    #: ``schema``.
    templates_schema: ProviderSchema | None = None
    #: Names of the components an ``exclude`` pattern left out.
    excluded: frozenset[str] = frozenset()

    def warnings(self) -> list[str]:
        """One warning per pattern that matches nothing."""
        return [
            f"exclude pattern {pattern!r} matches no component of the schema; patterns are "
            "globs matched against whole component names (e.g. 'kitchen_legacy_*')"
            for pattern in self.unmatched
        ]


def select(
    schema: ProviderSchema, exclude: Sequence[str] = (), ignore_deprecated: bool = False
) -> Selection:
    """:func:`select_components`, with what was left out and the patterns that matched none."""
    left_out: dict[str, str] = {}
    excluded: set[str] = set()
    used: set[str] = set()
    for members in schema.components.values():
        for component in members:
            if component.kind is ComponentType.PROVIDER:
                continue
            matched = [p for p in exclude if fnmatch.fnmatchcase(component.name, p)]
            used.update(matched)
            if matched:
                left_out[component.name] = f"excluded by {matched[0]!r}"
                excluded.add(component.name)
            elif ignore_deprecated and is_deprecated(component):
                left_out[component.name] = "deprecated (ignore_deprecated)"
    return Selection(
        select_components(schema, exclude, ignore_deprecated),
        left_out,
        tuple(p for p in dict.fromkeys(exclude) if p not in used),
        select_components(schema, exclude) if ignore_deprecated else None,
        frozenset(excluded),
    )
