"""Recursive-descent parser for HCL native syntax (the Terraform language).

The grammar follows the HCL native syntax specification: a body is a sequence
of attributes (``name = expr``) and blocks (``type label... { body }``), each
ending at a newline; expressions are literals, templates, traversals,
function calls, collection constructors, ``for`` expressions, unary, binary
and conditional operations.

Only the parts of an expression that the model keeps are materialised:
object and tuple constructors and function calls. Everything else is checked
for syntax and discarded, which keeps the parser fast.

Newlines end body items and, as Terraform accepts, also separate the items of
an object constructor (the specification only mentions commas); they are
ignored inside parentheses, brackets, function arguments, ``for`` expressions
and template sequences.

This module parses bodies (attributes and blocks); :mod:`plating.hcl.expressions` parses
expressions and templates, over the token cursor of :mod:`plating.hcl.cursor`.
"""

from __future__ import annotations

from plating.hcl.expressions import ExpressionParser
from plating.hcl.lexer import (
    CONTROL,
    CQUOTE,
    EOF,
    IDENT,
    INTERP,
    LITERAL,
    NEWLINE,
    OQUOTE,
    Token,
    decode_literal,
)
from plating.hcl.model import Attribute, Block, Body, Expression

_EMPTY_BODY = Body((), ())
_ELIDED_BODY = Body((), (), True)


def parse(text: str, filename: str = "<hcl>") -> Body:
    """Parse HCL native syntax (a ``.tf`` or ``.tfquery.hcl`` file) into a :class:`Body`.

    Raises :class:`HclSyntaxError`, located by line and column, for any syntax
    error; no other exception escapes for any input text.
    """
    parser = _Parser.of(text, filename)
    return parser.run(parser.parse_file)


def parse_expression(text: str, filename: str = "<hcl>") -> Expression:
    """Parse one standalone HCL expression, such as a documentation fragment
    ``{ type = "image", grid = { x = 0 } }``.

    As in HCL's own ``ParseExpression``, newlines between the parts of the
    expression are insignificant (as if it were wrapped in parentheses) and
    anything after the expression is an error. Raises :class:`HclSyntaxError`.
    """
    parser = _Parser.of(text, filename)
    return parser.run(parser.parse_expression)


def parse_fragment(text: str, filename: str = "<hcl>") -> Expression:
    """Parse a documentation fragment: one standalone expression, as
    :func:`parse_expression`, or the elements of a list cut out of their brackets, as
    pages copy them from a list of dashboard panels (``{ type = "image" },``: commas
    between the elements, one after the last allowed).

    One element without a comma is that expression; several, or one followed by a
    comma, are a ``"tuple"`` expression of the elements. Raises :class:`HclSyntaxError`.
    """
    parser = _Parser.of(text, filename)
    return parser.run(parser.parse_fragment)


class _Parser(ExpressionParser):
    """Bodies: attributes and blocks, up to the end of the file."""

    __slots__ = ()

    def parse_file(self) -> Body:
        return self._body(None)

    def parse_expression(self) -> Expression:
        self.newlines = False
        value = self._value()
        token = self._peek()
        if token[0] != EOF:
            self._unexpected(token, "the end of the expression")
        return value

    def parse_fragment(self) -> Expression:
        self.newlines = False
        first = self._peek()
        start = len(self.calls)
        elements = [self._value()]
        listed = False  # a comma was seen: the text is list elements
        while True:
            token = self._peek()
            if token[0] == EOF:
                break
            if token[0] != ",":
                expected = "',' or the end of the list elements" if listed else None
                self._unexpected(token, expected or "the end of the expression")
            listed = True
            self.pos += 1
            if self._peek()[0] == EOF:
                break
            elements.append(self._value())
        if not listed:
            return elements[0]
        calls = self.calls
        return Expression(
            "tuple",
            self.src.line(first[2]),
            (),
            tuple(elements),
            tuple(calls[start:]) if len(calls) > start else (),
        )

    def _body(self, opener: Token | None) -> Body:
        """Parse body items up to the end of the file or, in a block, its '}'."""
        tokens = self.tokens
        marks = self.marks
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        defined: dict[str, int] = {}
        elided = False
        while True:
            # Every token between the body's items passes here, so does any '# ...' mark.
            if marks and self.pos in marks:
                elided = True
            token = tokens[self.pos]
            kind = token[0]
            if kind == NEWLINE:
                self.pos += 1
            elif kind == IDENT:
                if tokens[self.pos + 1][0] == "=":
                    attribute = self._attribute(token)
                    first = defined.get(attribute.name)
                    if first is not None:
                        self._fail(
                            token, f"attribute {attribute.name} already defined at line {first}"
                        )
                    defined[attribute.name] = attribute.line
                    attributes.append(attribute)
                    end = tokens[self.pos]
                    if end[0] != NEWLINE and end[0] != EOF:
                        if end[0] == ",":
                            self._fail(end, "unexpected ','; attributes are separated by newlines")
                        self._unexpected(end, f"a newline after the value of {attribute.name}")
                else:
                    blocks.append(self._block(token))
            elif kind == "}" and opener is not None:
                self.pos += 1
                break
            elif kind == EOF:
                if opener is not None:
                    self._expect_close(token, opener, "block", "")
                break
            elif kind == "...":
                self._fail(
                    token,
                    "expected an attribute or block definition, found '...'; "
                    "to show that an example leaves content out, write a comment: # ...",
                )
            else:
                self._unexpected(token, "an attribute or block definition")
        return Body(tuple(attributes), tuple(blocks), elided)

    def _attribute(self, name: Token) -> Attribute:
        self.pos += 2  # the name and '='
        value = self._value()
        return Attribute(name[1], value, self.src.line(name[2]))

    def _block(self, block_type: Token) -> Block:
        tokens = self.tokens
        self.pos += 1
        labels: list[str] = []
        while True:
            token = tokens[self.pos]
            kind = token[0]
            if kind == "{":
                break
            if kind == IDENT:
                labels.append(token[1])
                self.pos += 1
            elif kind == OQUOTE:
                labels.append(self._label())
            elif labels:
                self._unexpected(token, "another block label or '{'")
            else:
                self._unexpected(
                    token, f"'=' (attribute) or a label or '{{' (block) after '{block_type[1]}'"
                )
        opener = token
        self._enter(opener)
        self.pos += 1
        following = tokens[self.pos][0]
        if following == NEWLINE:
            body = self._body(opener)
        elif following == "}":
            self.pos += 1
            body = _ELIDED_BODY if self.pos - 1 in self.marks else _EMPTY_BODY
        else:
            body = self._one_line_body(opener)
        end = tokens[self.pos]
        # The newline is left to the enclosing body, which notes a '# ...' before it.
        if end[0] != NEWLINE and end[0] != EOF:
            self._unexpected(end, "a newline after the block's closing '}'")
        self.depth -= 1
        return Block(block_type[1], tuple(labels), body, self.src.line(block_type[2]))

    def _one_line_body(self, opener: Token) -> Body:
        """The body of ``type "label" { name = value }``: at most one attribute."""
        tokens = self.tokens
        start = self.pos
        token = tokens[start]
        if token[0] != IDENT:
            if token[0] == EOF:
                self._expect_close(token, opener, "block", "")
            self._unexpected(token, "an attribute, '}' or a newline after '{'")
        following = tokens[self.pos + 1]
        if following[0] != "=":
            if following[0] in (IDENT, OQUOTE, "{"):
                self._fail(
                    token,
                    "a single-line block can only hold one attribute; "
                    f"put the nested block '{token[1]}' on a line of its own",
                )
            self._unexpected(following, f"'=' after '{token[1]}'")
        attribute = self._attribute(token)
        end = tokens[self.pos]
        if end[0] != "}":
            if end[0] == EOF:
                self._expect_close(end, opener, "block", "")
            self._unexpected(
                end, "'}' right after the value: a single-line block holds only one attribute"
            )
        self.pos += 1
        marks = self.marks
        return Body((attribute,), (), bool(marks) and (start in marks or self.pos - 1 in marks))

    def _label(self) -> str:
        """A quoted block label, which must be plain text."""
        tokens = self.tokens
        pos = self.pos + 1
        token = tokens[pos]
        value = ""
        if token[0] == LITERAL:
            value = decode_literal(token[1])
            pos += 1
            token = tokens[pos]
        if token[0] != CQUOTE:
            if token[0] == INTERP or token[0] == CONTROL:
                self._fail(token, "block labels cannot contain template sequences")
            self._unexpected(token, "the end of the block label")
        self.pos = pos + 1
        return value
