"""HCL expressions and templates: only object and tuple constructors and function calls are
materialised (the model keeps nothing else); every other expression is checked for syntax
and discarded, which keeps the parser fast."""

from __future__ import annotations

import enum

from plating.hcl.cursor import MAX_NESTING, TokenCursor
from plating.hcl.lexer import (
    CHEREDOC,
    CONTROL,
    CQUOTE,
    EOF,
    IDENT,
    INTERP,
    LITERAL,
    NEWLINE,
    NUMBER,
    OHEREDOC,
    OQUOTE,
    SEQEND,
    Token,
    decode_literal,
)
from plating.hcl.model import Expression, FunctionCall, ObjectItem

# The binary operators. Precedence only decides how operands group, which the
# model does not record: every operator takes the same operands, so a flat
# `operand (op operand)*` loop accepts exactly the same text as precedence
# climbing, without its recursion.
_BINARY_OPERATORS = frozenset(
    ("||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%")
)
_KEY_SEPARATORS = ("=", ":")
_PENDING = FunctionCall("", 0, False, 0, 0)  # placeholder until the arguments are parsed


class _Shape(enum.Enum):
    """What a parsed expression is, when it is not a collection constructor."""

    OTHER = 0


_OTHER = _Shape.OTHER
_Result = Expression | _Shape


class ExpressionParser(TokenCursor):
    """Expressions (``_value`` for those the model keeps) and templates."""

    __slots__ = ()

    def _value(self) -> Expression:
        """Parse an expression the model keeps: an attribute value, item or element."""
        first = self._peek()
        start = len(self.calls)
        result = self._expression()
        if type(result) is Expression:
            return result
        calls = self.calls
        return Expression(
            "other",
            self.src.line(first[2]),
            (),
            (),
            tuple(calls[start:]) if len(calls) > start else (),
        )

    def _expression(self) -> _Result:
        """Expression = operation (('?' Expression ':' Expression))?"""
        self.depth += 1
        if self.depth > MAX_NESTING:
            self._fail(self._peek(), f"nesting deeper than {MAX_NESTING} levels")
        result = self._operation()
        token = self._peek()
        if token[0] == "?":
            self.pos += 1
            self._expression()
            token = self._peek()
            if token[0] != ":":
                self._unexpected(token, "':' in the conditional expression")
            self.pos += 1
            self._expression()
            result = _OTHER
        self.depth -= 1
        return result

    def _operation(self) -> _Result:
        """Unary and binary operations: operand (binary-operator operand)*."""
        result = self._operand()
        while self._peek()[0] in _BINARY_OPERATORS:
            self.pos += 1
            self._operand()
            result = _OTHER
        return result

    def _operand(self) -> _Result:
        token = self._peek()
        if token[0] != "-" and token[0] != "!":
            return self._term()
        # A loop, not recursion: '!!!!x' may be long.
        while token[0] == "-" or token[0] == "!":
            self.pos += 1
            token = self._peek()
        self._term()
        return _OTHER

    def _term(self) -> _Result:
        """A term with any traversal, index or splat steps after it."""
        token = self._peek()
        kind = token[0]
        self.pos += 1
        result: _Result = _OTHER
        if kind == IDENT:
            following = self._peek()[0]
            if following == "(" or following == "::":
                self._call(token)
            else:
                name = token[1]
                if name != "true" and name != "false" and name != "null":
                    self._steps()
                    return _OTHER
        elif kind == OQUOTE:
            self._template(CQUOTE)
        elif kind == "{":
            result = self._object(token)
        elif kind == "[":
            result = self._tuple(token)
        elif kind == "(":
            saved = self.newlines
            self.newlines = False
            self._expression()
            closer = self._peek()
            if closer[0] != ")":
                self._expect_close(closer, token, "parenthesis", "')'")
            self.pos += 1
            self.newlines = saved
        elif kind == OHEREDOC:
            self._template(CHEREDOC)
        elif kind != NUMBER:
            self.pos -= 1
            self._unexpected(token, "an expression")
        following = self._peek()[0]
        if following == "." or following == "[":
            self._steps()
            return _OTHER
        return result

    def _steps(self) -> None:
        """Traversal steps: '.name', '.0' (legacy index), '.*', '[expr]', '[*]'."""
        while True:
            token = self._peek()
            kind = token[0]
            if kind == ".":
                self.pos += 1
                step = self._peek()
                if step[0] == IDENT or step[0] == "*":
                    pass
                elif step[0] == NUMBER and step[1].isdigit():
                    pass  # legacy index 'a.0'
                elif step[0] == NUMBER and "." in step[1]:
                    # The specification rules this out: '0.0' lexes as a number.
                    self._fail(step, "chained legacy indexes like '.0.0' are invalid; use [0][0]")
                else:
                    self._unexpected(step, "an attribute name, index or '*' after '.'")
                self.pos += 1
            elif kind == "[":
                self.pos += 1
                saved = self.newlines
                self.newlines = False
                if self._peek()[0] == "*":
                    self.pos += 1
                else:
                    self._expression()
                closer = self._peek()
                if closer[0] != "]":
                    self._expect_close(closer, token, "index", "']'")
                self.pos += 1
                self.newlines = saved
            else:
                break

    def _call(self, name_token: Token) -> None:
        """A function call; the name token is consumed, '(' or '::' comes next."""
        name = name_token[1]
        token = self._peek()
        if token[0] == "::":
            parts = [name]
            while token[0] == "::":
                self.pos += 1
                part = self._peek()
                if part[0] != IDENT:
                    self._unexpected(part, "a function name after '::'")
                parts.append(part[1])
                self.pos += 1
                token = self._peek()
            name = "::".join(parts)
            if token[0] != "(":
                self._unexpected(token, f"'(' after the function name {name}")
        opener = token
        self.pos += 1
        calls = self.calls
        slot = len(calls)
        calls.append(_PENDING)
        saved = self.newlines
        self.newlines = False
        count = 0
        expanded = False
        token = self._peek()
        if token[0] == ")":
            self.pos += 1
        else:
            while True:
                if token[0] == EOF:
                    self._expect_close(token, opener, "function call", "")
                self._expression()
                count += 1
                token = self._peek()
                kind = token[0]
                if kind == ",":
                    self.pos += 1
                    token = self._peek()
                    if token[0] == ")":
                        self.pos += 1
                        break
                elif kind == ")":
                    self.pos += 1
                    break
                elif kind == "...":
                    self.pos += 1
                    expanded = True
                    token = self._peek()
                    if token[0] != ")":
                        if token[0] == EOF:
                            self._expect_close(token, opener, "function call", "")
                        self._unexpected(token, "')': only the last argument can be expanded")
                    self.pos += 1
                    break
                else:
                    self._expect_close(token, opener, "function call", f"',' or ')' in {name}()")
        self.newlines = saved
        line, column = self.src.position(name_token[2])
        calls[slot] = FunctionCall(name, count, expanded, line, column)

    def _is_for(self) -> bool:
        """Whether a 'for' expression starts here.

        As the specification says, a collection whose first token is the name
        ``for`` is always a 'for' expression; ``[(for)]`` or ``{"for" = 1}``
        disambiguate.
        """
        token = self._peek()
        return token[0] == IDENT and token[1] == "for"

    def _tuple(self, opener: Token) -> _Result:
        saved = self.newlines
        self.newlines = False
        if self._is_for():
            self._for(opener, "]")
            self.newlines = saved
            return _OTHER
        start = len(self.calls)
        elements: list[Expression] = []
        while True:
            token = self._peek()
            if token[0] == "]":
                break
            if token[0] == EOF:
                self._expect_close(token, opener, "tuple", "")
            elements.append(self._value())
            token = self._peek()
            if token[0] == ",":
                self.pos += 1
            elif token[0] == "]":
                break
            else:
                self._expect_close(token, opener, "tuple", "',' or ']' after a tuple element")
        self.pos += 1
        self.newlines = saved
        calls = self.calls
        return Expression(
            "tuple",
            self.src.line(opener[2]),
            (),
            tuple(elements),
            tuple(calls[start:]) if len(calls) > start else (),
        )

    def _object(self, opener: Token) -> _Result:
        saved = self.newlines
        # A 'for' expression is not newline-sensitive, even on the line after '{'.
        self.newlines = False
        if self._is_for():
            self._for(opener, "}")
            self.newlines = saved
            return _OTHER
        self.newlines = True
        tokens = self.tokens
        marks = self.marks
        start = len(self.calls)
        items: list[ObjectItem] = []
        elided = False
        while True:
            if marks and self.pos in marks:
                elided = True
            token = tokens[self.pos]
            kind = token[0]
            if kind == NEWLINE:
                self.pos += 1
                continue
            if kind == "}":
                break
            if kind == EOF:
                self._expect_close(token, opener, "object", "")
            key = self._object_key(token)
            separator = tokens[self.pos]
            if separator[0] not in _KEY_SEPARATORS:
                self._expect_close(separator, opener, "object", "'=' or ':' after the object key")
            self.pos += 1
            items.append(ObjectItem(key, self._value(), self.src.line(token[2])))
            if marks and self.pos in marks:
                elided = True
            token = tokens[self.pos]
            kind = token[0]
            if kind == "," or kind == NEWLINE:
                self.pos += 1
            elif kind == "}":
                break
            else:
                self._expect_close(token, opener, "object", "a newline, ',' or '}' after the item")
        self.pos += 1
        self.newlines = saved
        calls = self.calls
        return Expression(
            "object",
            self.src.line(opener[2]),
            tuple(items),
            (),
            tuple(calls[start:]) if len(calls) > start else (),
            elided,
        )

    def _object_key(self, token: Token) -> str | None:
        """Parse an object key; return it if literal (a name or plain string)."""
        tokens = self.tokens
        pos = self.pos
        kind = token[0]
        if kind == IDENT:
            if tokens[pos + 1][0] in _KEY_SEPARATORS:
                self.pos = pos + 1
                return token[1]
        elif kind == OQUOTE:
            inner = tokens[pos + 1]
            if inner[0] == CQUOTE:
                if tokens[pos + 2][0] in _KEY_SEPARATORS:
                    self.pos = pos + 2
                    return ""
            elif (
                inner[0] == LITERAL
                and tokens[pos + 2][0] == CQUOTE
                and tokens[pos + 3][0] in _KEY_SEPARATORS
            ):
                self.pos = pos + 3
                return decode_literal(inner[1])
        # Any expression parses as a key, a naked dotted name like `aws.alias` included:
        # as in HCL, what it means (a reference, or refused as ambiguous) is decided when
        # the configuration is evaluated, and `providers = { aws.alias = aws.west }` is
        # read without evaluation.
        self._expression()
        return None

    def _for_head(self, what: str) -> None:
        """'for' name (',' name)? 'in' expr: shared by for-expressions and %{ for } directives."""
        self.pos += 1  # 'for'
        token = self._peek()
        if token[0] != IDENT:
            self._unexpected(token, "a variable name after 'for'")
        self.pos += 1
        token = self._peek()
        if token[0] == ",":
            self.pos += 1
            token = self._peek()
            if token[0] != IDENT:
                self._unexpected(token, "a second variable name after ','")
            self.pos += 1
            token = self._peek()
        if token[0] != IDENT or token[1] != "in":
            self._unexpected(token, f"'in' in the 'for' {what}")
        self.pos += 1
        self._expression()

    def _for(self, opener: Token, closer: str) -> None:
        """'for' name (',' name)? 'in' expr ':' expr ('=>' expr '...'?)? ('if' expr)? closer."""
        self._for_head("expression")
        token = self._peek()
        if token[0] != ":":
            self._unexpected(token, "':' after the collection of the 'for' expression")
        self.pos += 1
        self._expression()
        token = self._peek()
        if token[0] == "=>":
            if closer == "]":
                self._fail(token, "a 'for' expression in brackets builds a tuple and takes no key")
            self.pos += 1
            self._expression()
            token = self._peek()
            if token[0] == "...":
                self.pos += 1
                token = self._peek()
        elif closer == "}":
            self._unexpected(token, "'=>' and a value: a 'for' expression in braces needs a key")
        if token[0] == IDENT and token[1] == "if":
            self.pos += 1
            self._expression()
            token = self._peek()
        if token[0] != closer:
            self._expect_close(token, opener, "'for' expression", f"'{closer}'")
        self.pos += 1

    # -- templates -------------------------------------------------------------

    def _template(self, closer: str) -> None:
        """The rest of a quoted string or heredoc, whose opener is consumed."""
        tokens = self.tokens
        directives: list[tuple[str, Token, bool]] = []  # open if/for directives
        while True:
            token = tokens[self.pos]
            kind = token[0]
            self.pos += 1
            if kind == LITERAL:
                continue
            if kind == closer:
                break
            saved = self.newlines
            self.newlines = False
            if kind == INTERP:
                self._expression()
            elif kind == CONTROL:
                self._directive(directives)
            else:
                self.pos -= 1
                self._unexpected(token, "template text or the end of the template")
            end = self._peek()
            if end[0] != SEQEND:
                self._expect_close(end, token, "template sequence", f"'}}' to end '{token[1]}'")
            self.pos += 1
            self.newlines = saved
        if directives:
            name, start, _ = directives[-1]
            offset = start[2]
            raise self.src.error(
                offset,
                f"unclosed %{{ {name} }} directive opened at line {self.src.line(offset)}: "
                f"no %{{ end{name} }} before the end of the template",
            )

    def _directive(self, directives: list[tuple[str, Token, bool]]) -> None:
        """A template directive after '%{': if, else, endif, for or endfor."""
        opener = self.tokens[self.pos - 1]
        token = self._peek()
        word = token[1] if token[0] == IDENT else ""
        if word == "if":
            self.pos += 1
            self._expression()
            directives.append(("if", opener, False))
        elif word == "for":
            self._for_head("directive")
            directives.append(("for", opener, False))
        elif word == "else":
            if not directives or directives[-1][0] != "if" or directives[-1][2]:
                self._fail(opener, "%{ else } without a matching %{ if }")
            self.pos += 1
            directives[-1] = ("if", directives[-1][1], True)
        elif word == "endif" or word == "endfor":
            if not directives or directives[-1][0] != word[3:]:
                self._fail(opener, f"%{{ {word} }} without a matching %{{ {word[3:]} }}")
            self.pos += 1
            directives.pop()
        else:
            self._unexpected(token, "if, for, else, endif or endfor after '%{'")
