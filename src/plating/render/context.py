"""The template contract: what a bundle template can use (documented in the README).

Variables: ``name``, ``component_type``, ``provider_name``, ``description``, ``subcategory``,
``examples``, ``schema_markdown``, ``identity_markdown``, ``signature_markdown``,
``arguments_markdown``, ``has_variadic``, ``variadic_argument_markdown``,
``components_markdown``.
Functions: ``schema()``, ``example(name)``, ``include(file)``, ``render(file)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plating.render.function_md import (
    render_arguments,
    render_signature,
    render_variadic,
    signature_line,
)
from plating.render.schema_md import render_identity, render_schema
from plating.schema.kinds import ComponentType
from plating.schema.model import Component

TEMPLATE_VARIABLES = (
    "name",
    "component_type",
    "provider_name",
    "description",
    "subcategory",
    "examples",
    "schema_markdown",
    "identity_markdown",
    "signature_markdown",
    "arguments_markdown",
    "has_variadic",
    "variadic_argument_markdown",
    "components_markdown",
)
TEMPLATE_FUNCTIONS = ("schema", "example", "include", "render")


@dataclass(frozen=True, slots=True)
class PageContext:
    """Everything a page template sees about its component."""

    name: str
    component_type: str  # display name: "Resource", "Data Source", "Function", ...
    provider_name: str
    description: str = ""
    subcategory: str = ""
    examples: dict[str, str] = field(default_factory=dict)
    schema_markdown: str = ""
    identity_markdown: str = ""
    signature_markdown: str = ""
    arguments_markdown: str = ""
    has_variadic: bool = False
    variadic_argument_markdown: str = ""
    components_markdown: str = ""  # provider page: components grouped by subcategory

    def variables(self) -> dict[str, object]:
        """The template variables, by name."""
        return {name: getattr(self, name) for name in TEMPLATE_VARIABLES}


def component_context(
    component: Component,
    provider_name: str,
    examples: dict[str, str],
    subcategory: str = "",
    listing: str = "",
    *,
    dedupe: bool = False,
) -> PageContext:
    """The context of a component page (``dedupe``: the schema section with repeated nested
    structures written out once)."""
    kind = component.kind
    display = "Function" if kind is ComponentType.FUNCTION else kind.display_name
    if component.function is not None:
        function = component.function
        signature = signature_line(component.name, function)
        arguments = render_arguments(function).rstrip("\n")
        variadic = render_variadic(function).rstrip("\n")
        schema_md = (
            f"## Signature\n\n{render_signature(component.name, function)}\n"
            f"## Arguments\n\n{arguments}\n{variadic}".rstrip("\n")
        )
        return PageContext(
            name=component.name,
            component_type=display,
            provider_name=provider_name,
            description=component.description,
            subcategory=subcategory,
            examples=examples,
            schema_markdown=schema_md,
            signature_markdown=signature,
            arguments_markdown=arguments,
            has_variadic=function.variadic_parameter is not None,
            variadic_argument_markdown=variadic,
        )
    block = component.block
    return PageContext(
        name=component.name,
        component_type=display,
        provider_name=provider_name,
        description=component.description,
        subcategory=subcategory,
        examples=examples,
        # An empty block (a provider without configuration) gets no empty "## Schema".
        schema_markdown=(
            render_schema(block, dedupe=dedupe).rstrip("\n") if block and not block.is_empty else ""
        ),
        identity_markdown=(
            render_identity(component.identity).rstrip("\n") if component.identity else ""
        ),
        components_markdown=listing.rstrip("\n"),
    )
