"""The lexer: template text to positioned tokens, as Go's ``text/template/parse`` scans it.

Text outside actions becomes TEXT tokens; inside ``{{ }}`` come fields, variables,
identifiers, literals, punctuation and keywords. ``{{- `` and `` -}}`` (a minus beside the
delimiter, then white space) trim the white space of the neighbouring text; comments
``{{/* */}}`` vanish (or become COMMENT tokens on request). Positions are indexes into the
text; lines are 1-based. The first error stops the scan with an ERROR token carrying Go's
message; the parser reports it.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple, Protocol

from plating.gotemplate.strconv import quote

SPACE_CHARS = " \t\r\n"
_TRIM = "-"
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]*")
_SPACES = re.compile(r"[ \t\r\n]*")

# The common tokens inside an action with the default delimiters, read by one regular
# expression; anything else (numbers, characters, errors, trim markers) takes the state
# machine, which yields exactly the same tokens.
_COMMON_TOKEN = re.compile(
    r"(?P<space>[ \t\r\n]+)"
    r"|(?P<field>\.[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<dot>\.)(?![A-Za-z0-9_])"
    r"|(?P<variable>\$[A-Za-z0-9_]*)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r'|(?P<string>"(?:[^"\\\n]|\\[^\n])*")'
    r"|(?P<raw>`[^`]*`)"
    r"|(?P<punct>[|(=])"
    r"|(?P<declare>:=)"
)
_TERMINATORS = frozenset(" \t\r\n.,|:)(}")


class ItemType(enum.IntEnum):
    """Kinds of tokens; the keywords come after KEYWORD."""

    ERROR = enum.auto()
    BOOL = enum.auto()
    CHAR = enum.auto()
    CHAR_CONSTANT = enum.auto()
    COMMENT = enum.auto()
    COMPLEX = enum.auto()
    ASSIGN = enum.auto()
    DECLARE = enum.auto()
    EOF = enum.auto()
    FIELD = enum.auto()
    IDENTIFIER = enum.auto()
    LEFT_DELIM = enum.auto()
    LEFT_PAREN = enum.auto()
    NUMBER = enum.auto()
    PIPE = enum.auto()
    RAW_STRING = enum.auto()
    RIGHT_DELIM = enum.auto()
    RIGHT_PAREN = enum.auto()
    SPACE = enum.auto()
    STRING = enum.auto()
    TEXT = enum.auto()
    VARIABLE = enum.auto()
    KEYWORD = enum.auto()
    BLOCK = enum.auto()
    BREAK = enum.auto()
    CONTINUE = enum.auto()
    DOT = enum.auto()
    DEFINE = enum.auto()
    ELSE = enum.auto()
    END = enum.auto()
    IF = enum.auto()
    NIL = enum.auto()
    RANGE = enum.auto()
    TEMPLATE = enum.auto()
    WITH = enum.auto()


KEYWORDS = {
    ".": ItemType.DOT,
    "block": ItemType.BLOCK,
    "break": ItemType.BREAK,
    "continue": ItemType.CONTINUE,
    "define": ItemType.DEFINE,
    "else": ItemType.ELSE,
    "end": ItemType.END,
    "if": ItemType.IF,
    "range": ItemType.RANGE,
    "nil": ItemType.NIL,
    "template": ItemType.TEMPLATE,
    "with": ItemType.WITH,
}


_PUNCT_TYPES = {"|": ItemType.PIPE, "(": ItemType.LEFT_PAREN, "=": ItemType.ASSIGN}


class Item(NamedTuple):
    """One token: its kind, index in the text, text (or error message) and line."""

    typ: ItemType
    pos: int
    val: str
    line: int

    def describe(self) -> str:
        """The token as Go's parser names it in error messages."""
        if self.typ == ItemType.EOF:
            return "EOF"
        if self.typ == ItemType.ERROR:
            return self.val
        if self.typ > ItemType.KEYWORD:
            return f"<{self.val}>"
        if len(self.val) > 10:
            return quote(self.val[:10]) + "..."
        return quote(self.val)


def is_space(ch: str) -> bool:
    return ch != "" and ch in SPACE_CHARS


def is_alphanumeric(ch: str) -> bool:
    """Go's identifier characters: underscore, Unicode letters and decimal digits."""
    return ch == "_" or ch.isalpha() or ch.isdecimal()


def describe_rune(ch: str) -> str:
    """A character as Go's ``%#U`` prints it: ``U+0023 '#'``."""
    code = f"U+{ord(ch):04X}"
    return f"{code} '{ch}'" if ch.isprintable() or ch == " " else code


def has_left_trim_marker(text: str, pos: int) -> bool:
    return text[pos : pos + 1] == _TRIM and is_space(text[pos + 1 : pos + 2])


def has_right_trim_marker(text: str, pos: int) -> bool:
    return is_space(text[pos : pos + 1]) and text[pos + 1 : pos + 2] == _TRIM


# Items are made by the tens of thousands: tuple's own constructor skips NamedTuple's.
_new_item = tuple.__new__


class _State(Protocol):
    """A scanning state: it consumes input and returns the next state."""

    def __call__(self) -> _State: ...


class _Stop(Exception):
    """The scan ended (EOF or error); the last item is already recorded."""


class _Lexer:
    def __init__(
        self,
        text: str,
        left: str,
        right: str,
        emit_comments: bool,
        break_ok: bool,
        continue_ok: bool,
    ) -> None:
        self.text = text
        self.left = left
        self.right = right
        self.emit_comments = emit_comments
        self.break_ok = break_ok
        self.continue_ok = continue_ok
        self.pos = 0
        self.start = 0
        self.items: list[Item] = []
        self.paren_depth = 0
        self._line_pos = 0
        self._line = 1
        self.common_tokens = right == "}}"  # the fast path assumes the default right delimiter

    # -- bookkeeping ----------------------------------------------------------------------

    def line_at(self, pos: int) -> int:
        """Line of ``pos``; positions are asked for in increasing order."""
        if pos >= self._line_pos:
            self._line += self.text.count("\n", self._line_pos, pos)
        else:
            self._line -= self.text.count("\n", pos, self._line_pos)
        self._line_pos = pos
        return self._line

    def emit(self, typ: ItemType) -> None:
        start, pos = self.start, self.pos
        if start != self._line_pos:
            self.line_at(start)
        self.items.append(_new_item(Item, (typ, start, self.text[start:pos], self._line)))
        self.start = pos

    def error(self, message: str) -> _Stop:
        self.items.append(Item(ItemType.ERROR, self.start, message, self.line_at(self.start)))
        return _Stop()

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def next(self) -> str:
        ch = self.text[self.pos : self.pos + 1]
        if ch:
            self.pos += 1
        return ch

    def accept(self, valid: str) -> bool:
        ch = self.peek()
        if ch and ch in valid:
            self.pos += 1
            return True
        return False

    def accept_run(self, valid: str) -> None:
        while self.accept(valid):
            pass

    def at_right_delim(self) -> tuple[bool, bool]:
        """Whether a right delimiter starts here, and whether a trim marker precedes it."""
        text, pos = self.text, self.pos
        if (
            text[pos : pos + 1] in (" ", "\t", "\r", "\n")
            and text[pos + 1 : pos + 2] == _TRIM
            and text.startswith(self.right, pos + 2)
        ):
            return True, True
        return text.startswith(self.right, pos), False

    def skip_word(self) -> None:
        """Past the identifier characters from here (ASCII runs by a regular expression)."""
        text, pos = self.text, self.pos
        while True:
            pos = _ASCII_WORD.match(text, pos).end()  # type: ignore[union-attr]
            if pos < len(text) and not text[pos].isascii() and is_alphanumeric(text[pos]):
                pos += 1
                continue
            self.pos = pos
            return

    def at_terminator(self) -> bool:
        ch = self.peek()
        if ch == "" or ch in " \t\r\n.,|:)(":
            return True
        return ch == self.right[:1]

    # -- states ---------------------------------------------------------------------------

    def run(self) -> list[Item]:
        state = self.lex_text
        try:
            while True:
                state = state()
        except _Stop:
            return self.items

    def lex_text(self) -> _State:
        text = self.text
        found = text.find(self.left, self.pos)
        if found < 0:
            self.pos = len(text)
            if self.pos > self.start:
                self.emit(ItemType.TEXT)
            self.emit(ItemType.EOF)
            raise _Stop()
        trimmed = found
        if has_left_trim_marker(text, found + len(self.left)):
            trimmed = len(text[self.start : found].rstrip(SPACE_CHARS)) + self.start
        self.pos = trimmed
        if self.pos > self.start:
            self.emit(ItemType.TEXT)
        self.pos = self.start = found
        return self.lex_left_delim

    def lex_left_delim(self) -> _State:
        self.pos += len(self.left)
        after = 2 if has_left_trim_marker(self.text, self.pos) else 0
        if self.text.startswith("/*", self.pos + after):
            self.pos += after
            self.start = self.pos
            return self.lex_comment
        self.emit(ItemType.LEFT_DELIM)
        self.pos += after
        self.start = self.pos
        self.paren_depth = 0
        return self.lex_inside_action

    def lex_comment(self) -> _State:
        self.pos += 2
        end = self.text.find("*/", self.pos)
        if end < 0:
            raise self.error("unclosed comment")
        self.pos = end + 2
        delim, trim = self.at_right_delim()
        if not delim:
            raise self.error("comment ends before closing delimiter")
        if self.emit_comments:
            self.emit(ItemType.COMMENT)
        if trim:
            self.pos += 2
        self.pos += len(self.right)
        if trim:
            self.pos = self._skip_space(self.pos)
        self.start = self.pos
        return self.lex_text

    def _skip_space(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and text[pos] in SPACE_CHARS:
            pos += 1
        return pos

    def lex_right_delim(self) -> _State:
        trim = has_right_trim_marker(self.text, self.pos)
        if trim:
            self.pos += 2
            self.start = self.pos
        self.pos += len(self.right)
        self.emit(ItemType.RIGHT_DELIM)
        if trim:
            self.pos = self.start = self._skip_space(self.pos)
        return self.lex_text

    def lex_common_tokens(self) -> None:
        """Emit the common tokens from here; stop where the state machine must take over."""
        text = self.text
        match_token = _COMMON_TOKEN.match
        while True:
            pos = self.pos
            if text.startswith("}}", pos):
                return
            found = match_token(text, pos)
            if found is None:
                return
            kind = found.lastgroup
            end = found.end()
            if kind == "space":
                if text.startswith("-}}", end):
                    return  # a trim-marked closing delimiter
                self.pos = end
                self.emit(ItemType.SPACE)
                continue
            if kind in ("field", "dot", "variable", "word"):
                following = text[end : end + 1]
                if following and following not in _TERMINATORS:
                    return  # more of a word (Unicode) or a bad character
                if not following and kind == "dot":
                    return  # a "." that ends the text is scanned as a number, as in Go
                self.pos = end
                if kind == "word":
                    word = text[pos:end]
                    keyword = KEYWORDS.get(word)
                    if keyword is None:
                        typ = ItemType.BOOL if word in ("true", "false") else ItemType.IDENTIFIER
                    elif (keyword == ItemType.BREAK and not self.break_ok) or (
                        keyword == ItemType.CONTINUE and not self.continue_ok
                    ):
                        typ = ItemType.IDENTIFIER
                    else:
                        typ = keyword
                elif kind == "field":
                    typ = ItemType.FIELD
                elif kind == "dot":
                    typ = ItemType.DOT
                else:
                    typ = ItemType.VARIABLE
                self.emit(typ)
                continue
            self.pos = end
            if kind == "string":
                self.emit(ItemType.STRING)
            elif kind == "raw":
                self.emit(ItemType.RAW_STRING)
            elif kind == "declare":
                self.emit(ItemType.DECLARE)
            else:
                typ = _PUNCT_TYPES[text[pos]]
                if typ == ItemType.LEFT_PAREN:
                    self.paren_depth += 1
                self.emit(typ)

    def lex_inside_action(self) -> _State:
        if self.common_tokens:
            self.lex_common_tokens()
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim
            raise self.error("unclosed left paren")
        ch = self.next()
        if ch == "":
            raise self.error("unclosed action")
        if ch in SPACE_CHARS:
            self.pos -= 1
            return self.lex_space
        simple = _PUNCTUATION.get(ch)
        if simple is not None:
            self.emit(simple)
        elif ch == ":":
            if self.next() != "=":
                raise self.error("expected :=")
            self.emit(ItemType.DECLARE)
        elif ch == '"':
            return self.lex_quote
        elif ch == "`":
            return self.lex_raw_quote
        elif ch == "$":
            return self.lex_variable
        elif ch == "'":
            return self.lex_char
        elif ch == "." and self.peek() != "" and not "0" <= self.peek() <= "9":
            return self.lex_field
        elif ch in ".+-" or "0" <= ch <= "9":
            self.pos -= 1
            return self.lex_number
        elif is_alphanumeric(ch):
            self.pos -= 1
            return self.lex_identifier
        elif ch == "(":
            self.emit(ItemType.LEFT_PAREN)
            self.paren_depth += 1
        elif ch == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                raise self.error("unexpected right paren")
            self.emit(ItemType.RIGHT_PAREN)
        elif ch.isascii() and ch.isprintable():
            self.emit(ItemType.CHAR)
        else:
            raise self.error(f"unrecognized character in action: {describe_rune(ch)}")
        return self.lex_inside_action

    def lex_space(self) -> _State:
        end = _SPACES.match(self.text, self.pos).end()  # type: ignore[union-attr]
        spaces = end - self.pos
        self.pos = end
        # A space may belong to a trim-marked closing delimiter " -}}".
        if has_right_trim_marker(self.text, self.pos - 1) and self.text.startswith(
            self.right, self.pos + 1
        ):
            self.pos -= 1
            if spaces == 1:
                return self.lex_right_delim
        self.emit(ItemType.SPACE)
        return self.lex_inside_action

    def lex_identifier(self) -> _State:
        self.skip_word()
        word = self.text[self.start : self.pos]
        if not self.at_terminator():
            raise self.error(f"bad character {describe_rune(self.peek())}")
        keyword = KEYWORDS.get(word)
        if keyword is not None and not (
            (keyword == ItemType.BREAK and not self.break_ok)
            or (keyword == ItemType.CONTINUE and not self.continue_ok)
        ):
            self.emit(keyword)
        elif word in ("true", "false"):
            self.emit(ItemType.BOOL)
        else:
            self.emit(ItemType.IDENTIFIER)
        return self.lex_inside_action

    def lex_field(self) -> _State:
        return self._field_or_variable(ItemType.FIELD)

    def lex_variable(self) -> _State:
        if self.at_terminator():
            self.emit(ItemType.VARIABLE)
            return self.lex_inside_action
        return self._field_or_variable(ItemType.VARIABLE)

    def _field_or_variable(self, typ: ItemType) -> _State:
        if self.at_terminator():
            self.emit(ItemType.VARIABLE if typ == ItemType.VARIABLE else ItemType.DOT)
            return self.lex_inside_action
        self.skip_word()
        if not self.at_terminator():
            raise self.error(f"bad character {describe_rune(self.peek())}")
        self.emit(typ)
        return self.lex_inside_action

    def lex_char(self) -> _State:
        self._scan_quoted("'", "unterminated character constant")
        self.emit(ItemType.CHAR_CONSTANT)
        return self.lex_inside_action

    def lex_number(self) -> _State:
        if not self._scan_number():
            raise self.error(f"bad number syntax: {quote(self.text[self.start : self.pos])}")
        if self.peek() in ("+", "-"):
            # A complex constant: 1+2i, no spaces, ending in i.
            if not self._scan_number() or self.text[self.pos - 1] != "i":
                raise self.error(f"bad number syntax: {quote(self.text[self.start : self.pos])}")
            self.emit(ItemType.COMPLEX)
        else:
            self.emit(ItemType.NUMBER)
        return self.lex_inside_action

    def _scan_number(self) -> bool:
        self.accept("+-")
        digits = "0123456789_"
        if self.accept("0"):
            if self.accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if digits == "0123456789_" and self.accept("eE"):
            self.accept("+-")
            self.accept_run("0123456789_")
        if len(digits) == 23 and self.accept("pP"):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        if is_alphanumeric(self.peek()):
            self.pos += 1
            return False
        return True

    def lex_quote(self) -> _State:
        self._scan_quoted('"', "unterminated quoted string")
        self.emit(ItemType.STRING)
        return self.lex_inside_action

    def _scan_quoted(self, quote_char: str, unterminated: str) -> None:
        """Up to the closing quote; a backslash escapes the next character but a newline."""
        while True:
            ch = self.next()
            if ch == "\\":
                ch = self.next()
                if ch not in ("", "\n"):
                    continue
            if ch in ("", "\n"):
                raise self.error(unterminated)
            if ch == quote_char:
                return

    def lex_raw_quote(self) -> _State:
        end = self.text.find("`", self.pos)
        if end < 0:
            raise self.error("unterminated raw quoted string")
        self.pos = end + 1
        self.emit(ItemType.RAW_STRING)
        return self.lex_inside_action


_PUNCTUATION = {"=": ItemType.ASSIGN, "|": ItemType.PIPE}


def lex(
    text: str,
    left: str = "{{",
    right: str = "}}",
    *,
    emit_comments: bool = False,
    break_ok: bool = True,
    continue_ok: bool = True,
) -> list[Item]:
    """All tokens of ``text``, ending with an EOF or an ERROR token.

    ``break_ok``/``continue_ok`` false make ``break``/``continue`` plain identifiers (when a
    function of that name exists, as in Go).
    """
    return _Lexer(text, left or "{{", right or "}}", emit_comments, break_ok, continue_ok).run()
