"""Tokenizer for HCL native syntax (the Terraform language).

HCL's lexical structure depends on context: inside a quoted string or a heredoc
the text is a *template*, where ``${`` and ``%{`` open sequences that switch
back to expression syntax until the matching ``}``. The tokenizer keeps an
explicit stack of those contexts (no recursion, so nesting depth cannot blow
the Python stack) and emits one flat token list for the parser.

Expression-mode tokens come from a single compiled master pattern; template
text comes from two more patterns that stop at the characters that matter.
A token is a tuple ``(kind, text, offset)``: operators and punctuation use
their own text as the kind, everything else one of the kind constants below.
Newlines are real tokens because they terminate attributes and blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from plating.hcl.errors import HclSyntaxError

Token = tuple[str, str, int]

IDENT = "ident"
NUMBER = "number"
NEWLINE = "newline"
EOF = "eof"
OQUOTE = "oquote"  # opening '"' of a quoted template
CQUOTE = "cquote"  # closing '"'
OHEREDOC = "oheredoc"  # '<<EOF\n' or '<<-EOF\n'
CHEREDOC = "cheredoc"  # the line holding the closing marker
LITERAL = "literal"  # literal text inside a template
INTERP = "interp"  # '${' (or '${~')
CONTROL = "control"  # '%{' (or '%{~')
SEQEND = "seqend"  # '}' (or '~}') closing an interpolation or directive
ERROR = "error"  # where tokenizing stopped; the parser raises the stored error

# Whitespace and comments between tokens. Possessive quantifiers matter: with
# plain ones a long run of blanks before a bad character backtracks
# exponentially. An unclosed /* falls through to the `badcomment` group.
_SKIP = r"(?:[ \t]++|\#[^\n]*+|//[^\n]*+|/\*.*?\*/)*+"

_EXPR_TOKEN = re.compile(
    _SKIP
    + r"""(?:
      (?P<newline>\n)
    | (?P<ident>[^\W\d][\w-]*+)
    | (?P<number>[0-9]++(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?)
    | (?P<quote>")
    | (?P<heredoc><<)
    | (?P<badcomment>/\*)
    | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|::|~\}|[{}\[\](),.=:?!+\-*/%<>])
    | (?P<eof>\Z)
    | (?P<bad>.)
    )""",
    re.S | re.X,
)

# Literal text of a quoted template: stops at '"', a newline, '${', '%{', a
# backslash before a newline, or the end. '$${' and '%%{' are escapes.
_QUOTED_TEXT = re.compile(r'(?:[^"\\$%\n]++|\\[^\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*+')
# Literal text of one heredoc line, including its newline; stops at '${' or
# '%{'. Heredocs have no backslash escapes.
_HEREDOC_TEXT = re.compile(r"(?:[^$%\n]++|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*+\n?")
_HEREDOC_OPEN = re.compile(r"<<-?([^\W\d][\w-]*+)\n")
_VALID_ESCAPE = re.compile(r'\\(?:[nrt"\\]|u[0-9A-Fa-f]{4}|U([0-9A-Fa-f]{8}))')
_DECODE = re.compile(r'\\(?:([nrt"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|\$\$\{|%%\{')
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_NEWLINES = re.compile(r"\n")

_BRACE = "{"  # stack entry: '{' opened in expression mode
_SEQUENCE = "${"  # stack entry: '${' or '%{' opened in a template


class Source:
    """The text being parsed, with offset to line/column conversion."""

    __slots__ = ("_newlines", "filename", "text")

    def __init__(self, text: str, filename: str) -> None:
        if "\r" in text:
            # CRLF is a newline; dropping the CR keeps columns and line
            # numbers as an editor shows them.
            text = text.replace("\r\n", "\n")
        self.text = text
        self.filename = filename
        self._newlines = [m.start() for m in _NEWLINES.finditer(text)]

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect_left(self._newlines, offset) + 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based ``(line, column)`` of ``offset``, columns counted in characters."""
        index = bisect_left(self._newlines, offset)
        line_start = self._newlines[index - 1] + 1 if index else 0
        return index + 1, offset - line_start + 1

    def error(self, offset: int, message: str) -> HclSyntaxError:
        """An :class:`HclSyntaxError` located at ``offset``."""
        line, column = self.position(offset)
        return HclSyntaxError(message, self.filename, line, column)


def decode_literal(raw: str) -> str:
    """The value of template literal text: escapes resolved, ``$${``/``%%{`` unescaped.

    ``raw`` must already have passed the tokenizer's escape check.
    """
    if "\\" not in raw and "$${" not in raw and "%%{" not in raw:
        return raw
    return _DECODE.sub(_decode_one, raw)


def _decode_one(match: re.Match[str]) -> str:
    simple, short, long = match.groups()
    if simple:
        return _SIMPLE_ESCAPES[simple]
    if short or long:
        return chr(int(short or long, 16))
    return match.group()[1:]  # '$${' -> '${', '%%{' -> '%{'


def _check_escapes(src: Source, text: str, offset: int) -> None:
    index = text.find("\\")
    while index >= 0:
        match = _VALID_ESCAPE.match(text, index)
        if match is None:
            raise src.error(
                offset + index,
                f"invalid escape sequence {text[index : index + 2]!r}; "
                'valid ones are \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN',
            )
        if match.group(1) and int(match.group(1), 16) > 0x10FFFF:
            raise src.error(offset + index, f"invalid unicode escape {match.group()!r}")
        index = text.find("\\", match.end())


_BAD_CHARACTER_HINTS = {
    "'": "; strings use double quotes",
    "&": "; the logical AND operator is &&",
    "|": "; the logical OR operator is ||",
    "$": "; interpolation ${ ... } is only valid inside a string",
    "~": "; a strip marker ~ is only valid next to the braces of a template sequence",
    "\r": "; a carriage return is only valid as part of a CRLF line ending",
    "\ufeff": "; byte order marks are not permitted in HCL files",
}


def tokenize(src: Source) -> tuple[list[Token], HclSyntaxError | None]:
    """Split ``src`` into tokens.

    Returns the tokens and, if the text cannot be tokenized completely, the
    error; the token list then ends with an ``ERROR`` token at the point where
    tokenizing stopped instead of ``EOF``. Handing the error over rather than
    raising it lets the parser report an earlier syntax error first.
    """
    tokens: list[Token] = []
    try:
        _scan(src, tokens)
    except HclSyntaxError as error:
        tokens.append((ERROR, "", len(src.text)))
        return tokens, error
    return tokens, None


_G = _EXPR_TOKEN.groupindex
_G_NEWLINE, _G_IDENT, _G_NUMBER, _G_QUOTE = _G["newline"], _G["ident"], _G["number"], _G["quote"]
_G_HEREDOC, _G_BADCOMMENT, _G_OP, _G_EOF = _G["heredoc"], _G["badcomment"], _G["op"], _G["eof"]


def _scan(src: Source, tokens: list[Token]) -> None:
    text = src.text
    append = tokens.append
    match_expr = _EXPR_TOKEN.match
    ident, number, newline, brace, sequence = IDENT, NUMBER, NEWLINE, _BRACE, _SEQUENCE
    # Entries: _BRACE, _SEQUENCE, or a template frame
    # [is_heredoc, marker, open_offset, at_line_start]. Template text is
    # scanned as soon as a template opens or a sequence inside one closes, so
    # this loop only ever sees expression mode.
    stack: list[object] = []
    pos = 0
    while True:
        m = match_expr(text, pos)
        assert m is not None  # the pattern ends with catch-all alternatives
        group = m.lastindex
        token = m.group(group or 0)
        pos = m.end()
        start = pos - len(token)
        if group == _G_IDENT:
            append((ident, token, start))
        elif group == _G_OP:
            if token == "{":
                stack.append(brace)
            elif token == "}" or token == "~}":
                top = stack[-1] if stack else None
                if top is sequence:
                    stack.pop()
                    append((SEQEND, token, start))
                    frame = stack[-1]
                    assert type(frame) is list  # a sequence always sits in a template
                    pos = _scan_template(src, frame, pos, tokens, stack)
                    continue
                if top is brace and token == "}":
                    stack.pop()
            append((token, token, start))
        elif group == _G_NEWLINE:
            append((newline, token, start))
        elif group == _G_NUMBER:
            append((number, token, start))
        elif group == _G_QUOTE:
            append((OQUOTE, token, start))
            frame = [False, "", start, False]
            stack.append(frame)
            pos = _scan_template(src, frame, pos, tokens, stack)
        elif group == _G_HEREDOC:
            opener = _HEREDOC_OPEN.match(text, start)
            if opener is None:
                raise src.error(
                    start,
                    "invalid heredoc: expected '<<MARKER' or '<<-MARKER' "
                    "followed directly by a newline",
                )
            append((OHEREDOC, opener.group(), start))
            frame = [True, opener.group(1), start, True]
            stack.append(frame)
            pos = _scan_template(src, frame, opener.end(), tokens, stack)
        elif group == _G_EOF:
            append((EOF, "", start))
            return
        elif group == _G_BADCOMMENT:
            raise src.error(
                start,
                f"unclosed comment opened at line {src.line(start)}: "
                "no '*/' before the end of the file",
            )
        else:
            raise src.error(
                start, f"invalid character {token!r}{_BAD_CHARACTER_HINTS.get(token, '')}"
            )


def _scan_template(
    src: Source, frame: list[object], pos: int, tokens: list[Token], stack: list[object]
) -> int:
    """Scan template text from ``pos`` up to the next sequence or the end of the template."""
    text = src.text
    is_heredoc, marker, open_offset, at_line_start = frame
    assert isinstance(open_offset, int)  # for mypy: the frame is a plain list
    if is_heredoc:
        while True:
            if at_line_start:
                newline = text.find("\n", pos)
                line_end = newline if newline >= 0 else len(text)
                if text[pos:line_end].strip(" \t") == marker:
                    # The newline after the marker stays for the expression
                    # lexer: it is what terminates the attribute.
                    tokens.append((CHEREDOC, text[pos:line_end], pos))
                    stack.pop()
                    return line_end
            m = _HEREDOC_TEXT.match(text, pos)
            assert m is not None  # the pattern can match the empty string
            end = m.end()
            if end > pos:
                tokens.append((LITERAL, m.group(), pos))
            at_line_start = end > pos and text[end - 1] == "\n"
            pos = end
            if not at_line_start:
                break
        if pos >= len(text):
            raise src.error(
                open_offset,
                f"unclosed heredoc opened at line {src.line(open_offset)}: "
                f"no line holding only {marker} before the end of the file",
            )
    else:
        m = _QUOTED_TEXT.match(text, pos)
        assert m is not None  # the pattern can match the empty string
        end = m.end()
        if end > pos:
            literal = m.group()
            if "\\" in literal:
                _check_escapes(src, literal, pos)
            tokens.append((LITERAL, literal, pos))
        pos = end
        char = text[pos : pos + 1]
        if char == '"':
            tokens.append((CQUOTE, '"', pos))
            stack.pop()
            return pos + 1
        if char != "$" and char != "%":
            raise src.error(
                open_offset,
                f"unclosed string opened at line {src.line(open_offset)}: a quoted "
                "string must end on the line it starts (use a heredoc for multi-line text)",
            )
    # At '${' or '%{' (the text patterns only stop at '$' or '%' before '{').
    frame[3] = False
    start = pos
    pos += 3 if text.startswith("~", pos + 2) else 2
    tokens.append((INTERP if text[start] == "$" else CONTROL, text[start:pos], start))
    stack.append(_SEQUENCE)
    return pos
