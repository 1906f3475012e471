"""A fast, dependency-free parser for HCL native syntax, as used by Terraform.

It checks ``.tf`` and ``.tfquery.hcl`` examples (and standalone expressions,
:func:`parse_expression`, or documentation fragments, :func:`parse_fragment`) for syntax
errors, reported with line and column, and exposes the structure needed to check them
against a provider schema: blocks, attributes, object and tuple constructors, every
function call with its argument count, and which blocks and objects an example abridges
with ``# ...``.

    >>> body = parse('output "x" {\\n  value = upper("a")\\n}\\n')
    >>> body.blocks[0].labels
    ('x',)
    >>> [(c.name, c.arg_count) for c in all_calls(body)]
    [('upper', 1)]
"""

from __future__ import annotations

from plating.hcl.cursor import MAX_NESTING
from plating.hcl.errors import HclSyntaxError
from plating.hcl.model import (
    Attribute,
    Block,
    Body,
    Expression,
    FunctionCall,
    ObjectItem,
    all_calls,
)
from plating.hcl.parser import parse, parse_expression, parse_fragment

__all__ = [
    "MAX_NESTING",
    "Attribute",
    "Block",
    "Body",
    "Expression",
    "FunctionCall",
    "HclSyntaxError",
    "ObjectItem",
    "all_calls",
    "parse",
    "parse_expression",
    "parse_fragment",
]
