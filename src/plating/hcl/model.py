"""The parsed structure of an HCL file: bodies, blocks, attributes and expressions.

The model is deliberately shallow. It keeps what checking an example against a
provider schema needs (block types and labels, attribute names, the shape of
object and tuple constructors, and every function call with its argument count)
and drops the rest of each expression.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """One function call as written, e.g. ``provider::kitchen::scale_quantity(1, 2)``.

    ``name`` is the full name including any ``::`` namespace, ``arg_count`` the
    number of arguments, ``expanded`` whether the last argument used ``...``
    expansion; ``line`` and ``column`` (1-based) locate the start of the name.
    """

    name: str
    arg_count: int
    expanded: bool
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Expression:
    """An expression, reduced to its shape.

    ``kind`` is ``"object"`` for an object constructor ``{ a = 1 }`` (with
    ``items``), ``"tuple"`` for a tuple constructor ``[1, 2]`` (with
    ``elements``) and ``"other"`` for everything else, including for
    expressions and constructors that are operands of an operator, a traversal
    or parentheses. ``calls`` lists every function call anywhere inside the
    expression, in source order. ``line`` is where the expression starts.
    ``elided`` is true for an object constructor holding a ``# ...`` comment
    (see :mod:`plating.hcl.elision`): its items are an abridged selection.
    """

    kind: str
    line: int
    items: tuple[ObjectItem, ...] = ()
    elements: tuple[Expression, ...] = ()
    calls: tuple[FunctionCall, ...] = ()
    elided: bool = False


@dataclass(frozen=True, slots=True)
class ObjectItem:
    """One ``key = value`` (or ``key: value``) item of an object constructor.

    ``key`` is the literal key (a bare identifier or a quoted string without
    interpolation); it is ``None`` when the key is an expression such as
    ``(var.x)``, ``"${var.prefix}-x"`` or a dotted name ``aws.alias`` (which HCL
    leaves to the application to interpret). ``line`` is where the key starts.
    """

    key: str | None
    value: Expression
    line: int


@dataclass(frozen=True, slots=True)
class Attribute:
    """An attribute (argument) definition ``name = value`` in a body."""

    name: str
    value: Expression
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    """A block ``type "label" label2 { ... }``; ``line`` is where the type is."""

    type: str
    labels: tuple[str, ...]
    body: Body
    line: int


@dataclass(frozen=True, slots=True)
class Body:
    """The content of a file or of a block, attributes and blocks each in source order.

    ``elided`` is true when the body holds a ``# ...`` comment of its own (not one of a
    nested block): the example shows only part of the block on purpose.
    """

    attributes: tuple[Attribute, ...]
    blocks: tuple[Block, ...]
    elided: bool = False


def all_calls(body: Body) -> list[FunctionCall]:
    """Every function call in ``body`` and its nested blocks, in source order."""
    found: list[FunctionCall] = []
    pending = [body]
    # An explicit stack rather than recursion: bodies can nest as deep as the
    # parser allows and this should never be the thing that overflows.
    while pending:
        current = pending.pop()
        for attribute in current.attributes:
            found.extend(attribute.value.calls)
        pending.extend(block.body for block in current.blocks)
    # Attributes and blocks are stored apart, so the walk loses their
    # interleaving; positions are unique, so sorting restores source order.
    found.sort(key=lambda call: (call.line, call.column))
    return found
