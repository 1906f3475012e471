"""First examples built from the schema: every required argument and block, typed placeholders.

The output is formatted as ``terraform fmt`` formats it (two-space indents, aligned ``=``).
"""

from __future__ import annotations

from plating.schema.kinds import ComponentType
from plating.schema.model import Attribute, Block, Component, CtyType, NestedAttributes, NestingMode

INDENT = "  "


def placeholder(cty: CtyType, name: str = "") -> str:
    """A literal of the right type."""
    kind = cty.kind
    if kind == "string" or kind == "dynamic":
        return f'"{_sample_text(name)}"'
    if kind == "number":
        return "1"
    if kind == "bool":
        return "true"
    if kind in ("list", "set"):
        assert cty.element is not None
        return f"[{placeholder(cty.element, name)}]"
    if kind == "map":
        assert cty.element is not None
        return "{ key = " + placeholder(cty.element, name) + " }"
    if kind == "object":
        members = ", ".join(
            f"{n} = {placeholder(t, n)}"
            for n, t in cty.attributes
            if n not in cty.optional_attributes
        )
        return "{ " + members + " }" if members else "{}"
    if kind == "tuple":
        return "[" + ", ".join(placeholder(t) for t in cty.elements) + "]"
    return "null"


def _sample_text(name: str) -> str:
    return f"example-{name.replace('_', '-')}" if name else "example"


def _nested_value(nested: NestedAttributes, depth: int) -> list[str]:
    """Lines of a nested-attribute value (an object, a list of one object, or a map)."""
    inner = _attribute_lines(nested.attributes, depth + 1)
    pad = INDENT * depth
    obj = ["{", *inner, pad + "}"] if inner else ["{}"]
    if nested.nesting_mode in (NestingMode.LIST, NestingMode.SET):
        count = max(1, nested.min_items)
        if not inner:
            return ["[" + ", ".join(["{}"] * count) + "]"]
        body: list[str] = ["["]
        for _ in range(count):
            body += [pad + INDENT + "{", *(INDENT + line for line in inner), pad + INDENT + "},"]
        return [*body, pad + "]"]
    if nested.nesting_mode is NestingMode.MAP:
        if not inner:
            return ["{ key = {} }"]
        return [
            "{",
            pad + INDENT + "key = {",
            *(INDENT + line for line in inner),
            pad + INDENT + "}",
            pad + "}",
        ]
    return obj


def _attribute_lines(attributes: tuple[Attribute, ...], depth: int) -> list[str]:
    pad = INDENT * depth
    lines: list[str] = []
    for attr in attributes:
        if not attr.required:
            continue
        if attr.nested is not None:
            value = _nested_value(attr.nested, depth)
            lines.append(f"{pad}{attr.name} = {value[0]}")
            lines.extend(value[1:])
        else:
            assert attr.type is not None
            lines.append(f"{pad}{attr.name} = {placeholder(attr.type, attr.name)}")
    return lines


def block_body(block: Block, depth: int) -> list[str]:
    """Lines of a block body: required attributes, then required nested blocks."""
    lines = _attribute_lines(block.attributes, depth)
    pad = INDENT * depth
    for nested in block.block_types:
        if nested.min_items < 1:
            continue
        inner = block_body(nested.block, depth + 1)
        label = ' "key"' if nested.nesting_mode is NestingMode.MAP else ""
        # As many as required, never more than allowed (max_items, else one single block).
        single = nested.nesting_mode in (NestingMode.SINGLE, NestingMode.GROUP)
        limit = nested.max_items or (1 if single else 0)
        count = min(nested.min_items, limit) if limit else nested.min_items
        for _ in range(count):
            if lines and lines[-1] != "":
                lines.append("")
            lines.append(f"{pad}{nested.name}{label} {{")
            lines.extend(inner)
            lines.append(pad + "}")
    return align_equals(lines)


def align_equals(lines: list[str]) -> list[str]:
    """Align ``=`` of consecutive one-line attributes at the same depth, as terraform fmt does."""
    out = list(lines)
    index = 0
    while index < len(out):
        run = _single_line_run(out, index)
        if len(run) > 1:
            width = max(len(out[i].split(" = ", 1)[0]) for i in run)
            for i in run:
                key, value = out[i].split(" = ", 1)
                out[i] = f"{key.ljust(width)} = {value}"
        index = (run[-1] + 1) if run else index + 1
    return out


def _single_line_run(lines: list[str], start: int) -> list[int]:
    """Indices of consecutive single-line ``key = value`` lines at one indentation."""

    def one_line(line: str) -> bool:
        if " = " not in line:
            return False
        value = line.split(" = ", 1)[1]
        return not value.endswith(("{", "["))

    if not one_line(lines[start]):
        return []
    indent = len(lines[start]) - len(lines[start].lstrip())
    run = [start]
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not one_line(line) or len(line) - len(line.lstrip()) != indent:
            break
        run.append(i)
    return run


def example_for(component: Component, provider: str) -> str:
    """A complete first example of a component, ending with a newline."""
    kind = component.kind
    if kind is ComponentType.FUNCTION:
        function = component.function
        assert function is not None
        args = ", ".join(placeholder(p.type, p.name) for p in function.parameters)
        call = f"provider::{provider}::{component.name}({args})"
        return f'output "example" {{\n  value = {call}\n}}\n'
    block = component.block or Block()
    if kind is ComponentType.PROVIDER:
        return _wrap(f'provider "{provider}" {{', block_body(block, 1))
    if kind is ComponentType.ACTION:
        return _wrap(f'action "{component.name}" "example" {{', _config_block(block))
    if kind is ComponentType.LIST_RESOURCE:
        return _wrap(
            f'list "{component.name}" "example" {{',
            [f"  provider = {provider}", "", *_config_block(block)],
        )
    if kind is ComponentType.STATE_STORE:
        inner = [*block_body(block, 2)]
        if inner:
            inner.append("")
        inner.append(f'    provider "{provider}" {{}}')
        return _wrap("terraform {", [f'  state_store "{component.name}" {{', *inner, "  }"])
    keyword = kind.info.hcl_keyword
    return _wrap(f'{keyword} "{component.name}" "example" {{', block_body(block, 1))


def _config_block(block: Block) -> list[str]:
    body = block_body(block, 2)
    return ["  config {", *body, "  }"] if body else ["  config {}"]


def _wrap(opening: str, body: list[str]) -> str:
    if not body:
        return opening + "}\n"
    return "\n".join([opening, *body, "}"]) + "\n"
