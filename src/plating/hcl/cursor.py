"""The token cursor under the HCL parser: the tokens of one source, the position in them,
whether newlines count there, the nesting depth, and errors located by line and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, Self, TypeVar

from plating.hcl.elision import elision_marks
from plating.hcl.errors import HclSyntaxError
from plating.hcl.lexer import (
    CHEREDOC,
    CONTROL,
    CQUOTE,
    EOF,
    ERROR,
    IDENT,
    INTERP,
    LITERAL,
    NEWLINE,
    NUMBER,
    OHEREDOC,
    OQUOTE,
    SEQEND,
    Source,
    Token,
    tokenize,
)
from plating.hcl.model import FunctionCall

MAX_NESTING = 100
"""Deepest nesting of expressions and of blocks accepted.

Real configurations stay far below it; it keeps recursion well inside
Python's default limit so that pathological input fails with a syntax error.
"""

_T = TypeVar("_T")

_DESCRIPTIONS = {
    NEWLINE: "a newline",
    EOF: "the end of the file",
    OQUOTE: "a string",
    OHEREDOC: "a heredoc",
    CQUOTE: "the end of a string",
    CHEREDOC: "the end of a heredoc",
    LITERAL: "template text",
    INTERP: "'${'",
    CONTROL: "'%{'",
    SEQEND: "'}'",
}


def _describe(token: Token) -> str:
    kind = token[0]
    if kind == IDENT:
        return f"'{token[1]}'"
    if kind == NUMBER:
        return f"the number {token[1]}"
    return _DESCRIPTIONS.get(kind) or f"'{kind}'"


_CLOSERS = {"{": "}", "[": "]", "(": ")", INTERP: "}", CONTROL: "}"}


class TokenCursor:
    """Where the parser stands in a source's tokens; the parsers build on it."""

    __slots__ = ("calls", "depth", "lex_error", "marks", "newlines", "pos", "src", "tokens")

    def __init__(self, src: Source, tokens: list[Token], lex_error: HclSyntaxError | None) -> None:
        self.src = src
        self.tokens = tokens
        self.lex_error = lex_error
        # Tokens right after a '# ...' comment: the body or object holding one is abridged.
        self.marks = elision_marks(src.text, tokens)
        self.pos = 0
        # Whether newlines are significant here (bodies, object constructors)
        # or skipped (inside brackets, parentheses and template sequences).
        self.newlines = True
        # Every call in source order; a call takes its slot when its name is
        # read, so the calls inside any expression form a contiguous tail.
        self.calls: list[FunctionCall] = []
        self.depth = 0

    @classmethod
    def of(cls, text: str, filename: str) -> Self:
        src = Source(text, filename)
        tokens, lex_error = tokenize(src)
        return cls(src, tokens, lex_error)

    def run(self, method: Callable[[], _T]) -> _T:
        try:
            return method()
        except RecursionError:
            # Only reachable when the caller already sits deep in the stack, as
            # MAX_NESTING bounds the parser's own recursion.
            offset = self.tokens[min(self.pos, len(self.tokens) - 1)][2]
            raise self.src.error(offset, "nesting too deep to parse") from None

    # -- tokens and errors -------------------------------------------------

    def _peek(self) -> Token:
        token = self.tokens[self.pos]
        if token[0] == NEWLINE and not self.newlines:
            tokens = self.tokens
            pos = self.pos + 1
            while tokens[pos][0] == NEWLINE:
                pos += 1
            # Skipping for good is safe: the context only changes after the
            # token now current is consumed.
            self.pos = pos
            token = tokens[pos]
        return token

    def _fail(self, token: Token, message: str) -> NoReturn:
        if token[0] == ERROR and self.lex_error is not None:
            raise self.lex_error
        raise self.src.error(token[2], message)

    def _unexpected(self, token: Token, expected: str) -> NoReturn:
        self._fail(token, f"expected {expected}, found {_describe(token)}")

    def _expect_close(self, token: Token, opener: Token, what: str, expected: str) -> NoReturn:
        """Fail at ``token``, which should have closed ``opener``."""
        if token[0] == EOF:
            offset = opener[2]
            raise self.src.error(
                offset,
                f"unclosed {what} opened at line {self.src.line(offset)}: "
                f"no matching '{_CLOSERS[opener[0]]}' before the end of the file",
            )
        self._unexpected(token, expected)

    def _enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            self._fail(token, f"nesting deeper than {MAX_NESTING} levels")
