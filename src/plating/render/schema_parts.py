"""The "## Schema" section written out in full, as tfplugindocs writes it: the groups of
members (Required, Optional, Read-Only) and a ``### Nested Schema for ...`` section for every
nested block, nested attribute and object.

:func:`schema_parts` also gives where each nested section sits among the written parts, which
:mod:`plating.render.schema_dedupe` uses to write a repeated structure once;
:mod:`plating.render.schema_md` chooses between the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plating.errors import RenderError
from plating.render.types import object_inside, type_title
from plating.schema.model import (
    Attribute,
    Block,
    CtyType,
    NestedAttributes,
    NestedBlock,
    NestingMode,
)

WRITE_ONLY_URL = (
    "https://developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments"
)
WRITE_ONLY_FLAG = f"[Write-only]({WRITE_ONLY_URL})"
WRITE_ONLY_NOTE = (
    f"> **NOTE**: [Write-only arguments]({WRITE_ONLY_URL}) are supported in Terraform 1.11 "
    "and later.\n\n"
)
ROOT_ID_DESCRIPTION = "The ID of this resource."

REQUIRED, OPTIONAL, READ_ONLY = 0, 1, 2
_ROOT_TITLES = ("### Required\n\n", "### Optional\n\n", "### Read-Only\n\n")
_NESTED_TITLES = ("Required:\n\n", "Optional:\n\n", "Read-Only:\n\n")
_MODE_SUFFIX = {
    NestingMode.SINGLE: "",
    NestingMode.GROUP: "",
    NestingMode.LIST: " List",
    NestingMode.SET: " Set",
    NestingMode.MAP: " Map",
}


@dataclass(frozen=True, slots=True)
class _Section:
    """A nested section referenced from a member line, written after the groups."""

    anchor: str
    path: tuple[str, ...]
    block: Block | None = None
    nested: NestedAttributes | None = None
    obj: CtyType | None = None
    group: int = OPTIONAL


@dataclass(slots=True)
class SectionSpan:
    """Where one nested section sits among the rendered parts, for rendering repeats once.

    ``parts[start]`` is the section's ``<a id>`` line and ``parts[start:end]`` its whole
    text, its own nested sections (``children``) included. ``shape`` is everything the text
    depends on besides the section's path: two sections of equal shape read the same.
    """

    anchor: str
    path: tuple[str, ...]
    shape: object
    start: int
    end: int = 0
    children: list[SectionSpan] = field(default_factory=list)


def render_schema_full(block: Block, *, heading: str = "## Schema\n\n") -> str:
    """The schema section of a component block with every nested section written out."""
    out: list[str] = [heading]
    _write_block(out, (), block, root=True)
    return "".join(out)


def schema_parts(
    block: Block, heading: str = "## Schema\n\n"
) -> tuple[list[str], list[SectionSpan]]:
    """The schema section as the parts :func:`render_schema_full` joins, with the span of every
    nested section (the top-level ones; each holds its own nested sections)."""
    out: list[str] = [heading]
    spans: list[SectionSpan] = []
    _write_block(out, (), block, root=True, spans=spans)
    return out, spans


def block_has_write_only(block: Block) -> bool:
    """True when the block holds a write-only attribute at any depth of nested blocks."""
    return any(a.write_only for a in block.attributes) or any(
        block_has_write_only(b.block) for b in block.block_types
    )


def attribute_group(attr: Attribute) -> int | None:
    """Required, Optional or Read-Only for an attribute; None when no flag says."""
    if attr.required:
        return REQUIRED
    if attr.optional:
        return OPTIONAL
    if attr.computed:
        return READ_ONLY
    return None


def block_is_required(nested: NestedBlock) -> bool:
    """A nested block is required when at least one must be given."""
    return nested.min_items > 0


def block_is_optional(nested: NestedBlock) -> bool:
    """Optional: not required, and empty or with something the user may set."""
    if nested.min_items > 0:
        return False
    inner = nested.block
    if not inner.attributes and not inner.block_types:
        return True
    return any(a.required or a.optional for a in inner.attributes) or any(
        block_is_required(b) or block_is_optional(b) for b in inner.block_types
    )


def block_is_read_only(nested: NestedBlock) -> bool:
    """Read-only: no item limits and every child computed only."""
    if nested.min_items != 0 or nested.max_items != 0:
        return False
    inner = nested.block
    return all(a.computed and not a.optional and not a.required for a in inner.attributes) and all(
        block_is_read_only(b) for b in inner.block_types
    )


def block_group(nested: NestedBlock) -> int:
    """The group of a nested block.

    A block with ``max_items`` whose children are all computed fits no group (tfplugindocs
    stops there); it is listed as Read-Only and
    :func:`plating.render.schema_md.schema_warnings` reports it.
    """
    if block_is_required(nested):
        return REQUIRED
    if block_is_optional(nested):
        return OPTIONAL
    return READ_ONLY


def _write_block(
    out: list[str],
    path: tuple[str, ...],
    block: Block,
    *,
    root: bool,
    spans: list[SectionSpan] | None = None,
) -> None:
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    write_only = [False, False, False]
    sections: list[_Section] = []
    pending: list[tuple[int, str, Attribute | NestedBlock]] = []
    for attr in block.attributes:
        if root and attr.name.lower() == "id" and not attr.description.strip():
            pending.append((READ_ONLY, attr.name, attr))
            continue
        group = attribute_group(attr)
        if group is None:
            dotted = ".".join((*path, attr.name))
            raise RenderError(
                f"attribute `{dotted}` is neither required, optional nor computed; "
                "set one of these flags in the provider schema"
            )
        pending.append((group, attr.name, attr))
    for nested in block.block_types:
        pending.append((block_group(nested), nested.name, nested))
    pending.sort(key=lambda item: item[1])
    titles = _ROOT_TITLES if root else _NESTED_TITLES
    lines_by_group: list[list[tuple[str, Attribute | NestedBlock]]] = [[], [], []]
    for group, name, child in pending:
        lines_by_group[group].append((name, child))
        if isinstance(child, Attribute):
            write_only[group] = write_only[group] or child.write_only
        else:
            write_only[group] = write_only[group] or block_has_write_only(child.block)
    for group, members in enumerate(lines_by_group):
        if not members:
            continue
        target = groups[group]
        for _name, child in members:
            if isinstance(child, Attribute):
                description = child.description
                if root and child.name.lower() == "id" and not description.strip():
                    description = ROOT_ID_DESCRIPTION
                target.append(_attribute_line(child, path, group, sections, description))
            else:
                target.append(_block_line(child, path, group, sections))
        out.append(titles[group])
        if write_only[group]:
            out.append(WRITE_ONLY_NOTE)
        out.extend(target)
        out.append("\n")
    _write_sections(out, sections, spans)


def _write_nested_attributes(
    out: list[str],
    path: tuple[str, ...],
    nested: NestedAttributes,
    parent_group: int,
    spans: list[SectionSpan] | None,
) -> None:
    members: list[list[Attribute]] = [[], [], []]
    for attr in nested.attributes:
        group = attribute_group(attr)
        members[parent_group if group is None else group].append(attr)
    sections: list[_Section] = []
    for group, attrs in enumerate(members):
        if not attrs:
            continue
        out.append(_NESTED_TITLES[group])
        out.extend(_attribute_line(a, path, group, sections, a.description) for a in attrs)
        out.append("\n")
    _write_sections(out, sections, spans)


def _write_object(
    out: list[str],
    path: tuple[str, ...],
    obj: CtyType,
    group: int,
    spans: list[SectionSpan] | None,
) -> None:
    sections: list[_Section] = []
    out.append(_NESTED_TITLES[group])
    for name, member in obj.attributes:
        line = f"- `{name}` ({type_title(member)})"
        inner = object_inside(member)
        if inner is not None:
            anchor = "nestedobjatt--" + "--".join((*path, name))
            sections.append(_Section(anchor, (*path, name), obj=inner, group=group))
            line += f" (see [below for nested schema](#{anchor}))"
        out.append(line + "\n")
    out.append("\n")
    _write_sections(out, sections, spans)


def _write_sections(
    out: list[str], sections: list[_Section], spans: list[SectionSpan] | None = None
) -> None:
    for section in sections:
        span: SectionSpan | None = None
        inner: list[SectionSpan] | None = None
        if spans is not None:
            span = SectionSpan(section.anchor, section.path, _shape(section), len(out))
            spans.append(span)
            inner = span.children
        out.append(f'<a id="{section.anchor}"></a>\n')
        out.append(f"### Nested Schema for `{'.'.join(section.path)}`\n\n")
        if section.block is not None:
            _write_block(out, section.path, section.block, root=False, spans=inner)
        elif section.nested is not None:
            _write_nested_attributes(out, section.path, section.nested, section.group, inner)
        elif section.obj is not None:
            _write_object(out, section.path, section.obj, section.group, inner)
        out.append("\n")
        if span is not None:
            span.end = len(out)


def _shape(section: _Section) -> object:
    """What a nested section's text depends on besides its path (see :class:`SectionSpan`):
    a block's own description and limits are on its parent's line, not in its section."""
    if section.block is not None:
        return ("block", section.block.attributes, section.block.block_types)
    if section.nested is not None:
        return ("attributes", section.nested.attributes, section.group)
    assert section.obj is not None
    return ("object", section.obj.attributes, section.group)


def _attribute_line(
    attr: Attribute,
    path: tuple[str, ...],
    group: int,
    sections: list[_Section],
    description: str,
) -> str:
    own_path = (*path, attr.name)
    section: _Section | None = None
    if attr.nested is not None:
        nested = attr.nested
        type_text = "Attributes" + _MODE_SUFFIX[nested.nesting_mode]
        if nested.min_items > 0:
            type_text += f", Min: {nested.min_items}"
        if nested.max_items > 0:
            type_text += f", Max: {nested.max_items}"
        section = _Section(
            "nestedatt--" + "--".join(own_path), own_path, nested=nested, group=group
        )
    else:
        assert attr.type is not None  # the parser guarantees type or nested
        type_text = type_title(attr.type)
        inner = object_inside(attr.type)
        if inner is not None:
            section = _Section(
                "nestedatt--" + "--".join(own_path), own_path, obj=inner, group=group
            )
    if attr.sensitive:
        type_text += ", Sensitive"
    if attr.deprecated:
        type_text += ", Deprecated"
    if attr.write_only:
        type_text += ", " + WRITE_ONLY_FLAG
    line = f"- `{attr.name}` ({type_text})"
    description = description.strip()
    if description:
        line += " " + description
    if section is not None:
        sections.append(section)
        line += f" (see [below for nested schema](#{section.anchor}))"
    return line + "\n"


def _block_line(
    nested: NestedBlock, path: tuple[str, ...], group: int, sections: list[_Section]
) -> str:
    own_path = (*path, nested.name)
    type_text = "Block" + _MODE_SUFFIX[nested.nesting_mode]
    if nested.nesting_mode in (NestingMode.SINGLE, NestingMode.GROUP):
        type_text += (", Required", ", Optional", ", Read-only")[group]
    elif nested.min_items > 0:
        type_text += f", Min: {nested.min_items}"
    if nested.max_items > 0:
        type_text += f", Max: {nested.max_items}"
    if nested.block.deprecated:
        type_text += ", Deprecated"
    anchor = "nestedblock--" + "--".join(own_path)
    sections.append(_Section(anchor, own_path, block=nested.block, group=group))
    line = f"- `{nested.name}` ({type_text})"
    description = nested.block.description.strip()
    if description:
        line += " " + description
    return f"{line} (see [below for nested schema](#{anchor}))\n"
