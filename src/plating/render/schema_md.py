"""The "## Schema" section of a page, in the layout the Terraform Registry readers know.

Pure functions over the frozen model; golden-tested against tfplugindocs' own test data.
The section is written out in full by :mod:`plating.render.schema_parts`, or with repeated
nested structures written once by :mod:`plating.render.schema_dedupe`.
"""

from __future__ import annotations

from plating.render.schema_dedupe import render_schema_once
from plating.render.schema_parts import (
    OPTIONAL,
    READ_ONLY,
    REQUIRED,
    block_is_optional,
    block_is_read_only,
    block_is_required,
    render_schema_full,
)
from plating.render.types import type_title
from plating.schema.model import Block, Identity


def render_schema(block: Block, *, heading: str = "## Schema\n\n", dedupe: bool = False) -> str:
    """The schema section of a component block (resources, data sources, provider, ...).

    With ``dedupe``, a nested structure that repeats is written out once and every later
    occurrence points to it (:mod:`plating.render.schema_dedupe`); every anchor stays defined.
    """
    if dedupe:
        return render_schema_once(block, heading=heading)
    return render_schema_full(block, heading=heading)


def render_identity(identity: Identity) -> str:
    """The "### Identity Schema" section of a resource with an identity."""
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for attr in identity.attributes:
        if attr.required_for_import:
            index = REQUIRED
        elif attr.optional_for_import:
            index = OPTIONAL
        else:
            index = READ_ONLY
        line = f"- `{attr.name}` ({type_title(attr.type)})"
        description = attr.description.strip()
        groups[index].append(f"{line} {description}\n" if description else f"{line}\n")
    out = ["### Identity Schema\n\n"]
    for title, members in zip(("Required", "Optional", "Read-Only"), groups, strict=True):
        if members:
            out.append(f"#### {title}\n\n")
            out.extend(members)
            out.append("\n")
    return "".join(out)


def schema_warnings(block: Block, path: tuple[str, ...] = ()) -> list[str]:
    """Schema mistakes that rendering works around, one sentence each."""
    found: list[str] = []
    for nested in block.block_types:
        own = (*path, nested.name)
        if not (
            block_is_required(nested) or block_is_optional(nested) or block_is_read_only(nested)
        ):
            found.append(
                f"block `{'.'.join(own)}` has max_items {nested.max_items} but every child is "
                "computed, so it is neither required, optional nor read-only; it is listed as "
                "Read-Only (fix the schema: make a child optional, or drop max_items)"
            )
        found.extend(schema_warnings(nested.block, own))
    return found
