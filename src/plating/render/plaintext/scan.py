"""Pure scanners of Markdown source, shared by the block and the inline parser: goldmark's
character classes, HTML tag patterns, link labels, destinations, titles and reference
definitions, autolink ends and HTML comments."""

from __future__ import annotations

import re
import unicodedata

# ------------------------------------------------------------------- character classes

ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# goldmark's notion of a space byte (util.IsSpace): no vertical tab or form feed.
SPACE = " \t\n\r"


def is_punct_rune(ch: str) -> bool:
    return ch in ASCII_PUNCT or (ch > "\x7f" and unicodedata.category(ch).startswith("P"))


def is_space_rune(ch: str) -> bool:
    if ch in " \t\n\r\x0b\x0c\x85\xa0":
        return True
    return ch > "\xa0" and unicodedata.category(ch) in ("Zs", "Zl", "Zp")


# ---------------------------------------------------------------------------- HTML tags

_TAG_NAME = r"[A-Za-z][A-Za-z0-9-]*"
ATTRIBUTE = (
    r"(?:[ \t\n\r]+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"(?:[ \t\n\r]*=[ \t\n\r]*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
OPEN_TAG = "<" + _TAG_NAME + ATTRIBUTE + r"*[ \t]*/?>"
CLOSE_TAG = "</" + _TAG_NAME + r"[ \t\n\r]*>"


# ------------------------------------------------------------ link reference parsing


def normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _skip_spaces(text: str, position: int, allow_newline: bool = True) -> int:
    end = len(text)
    newlines = 0
    while position < end:
        c = text[position]
        if c == "\n":
            if not allow_newline or newlines:
                break
            newlines += 1
        elif c not in " \t":
            break
        position += 1
    return position


def _parse_label(text: str, position: int) -> int:
    """Index just past the ``]`` of a link label starting at ``position``, or -1."""
    end = len(text)
    i = position + 1
    while i < end:
        c = text[i]
        if c == "\\" and i + 1 < end and text[i + 1] in ASCII_PUNCT:
            i += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            if i - position - 1 > 999 or text[position + 1 : i].strip(SPACE) == "":
                return -1
            return i + 1
        i += 1
    return -1


def _parse_destination(text: str, position: int) -> tuple[str, int] | None:
    end = len(text)
    if position < end and text[position] == "<":
        i = position + 1
        while i < end:
            c = text[i]
            if c == "\\" and i + 1 < end and text[i + 1] in ASCII_PUNCT:
                i += 2
                continue
            if c == "\n" or c == "<":
                return None
            if c == ">":
                return text[position + 1 : i], i + 1
            i += 1
        return None
    depth = 0
    i = position
    while i < end:
        c = text[i]
        if c == "\\" and i + 1 < end and text[i + 1] in ASCII_PUNCT:
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                break
        elif c in SPACE or c < " ":
            break
        i += 1
    if i == position:
        return None
    return text[position:i], i


def _parse_title(text: str, position: int) -> int:
    """Index just past a link title starting at ``position``, or -1."""
    end = len(text)
    if position >= end or text[position] not in "\"'(":
        return -1
    closer = ")" if text[position] == "(" else text[position]
    i = position + 1
    while i < end:
        c = text[i]
        if c == "\\" and i + 1 < end and text[i + 1] in ASCII_PUNCT:
            i += 2
            continue
        if c == closer:
            return i + 1
        if closer == ")" and c == "(":
            return -1
        i += 1
    return -1


def _rest_is_blank(text: str, position: int) -> int:
    """Index after the end of the line if only blanks follow ``position``, else -1."""
    end = len(text)
    while position < end and text[position] in " \t":
        position += 1
    if position >= end:
        return end
    if text[position] == "\n":
        return position + 1
    return -1


def parse_definition(text: str, position: int) -> tuple[str, str, int, str] | None:
    """Parse ``[label]: destination "title"`` at ``position`` (a line start): the label,
    destination, end, and the title as written without its quotes ("" for none)."""
    label_end = _parse_label(text, position)
    if label_end < 0 or label_end >= len(text) or text[label_end] != ":":
        return None
    label = normalize_label(text[position + 1 : label_end - 1])
    cursor = _skip_spaces(text, label_end + 1)
    parsed = _parse_destination(text, cursor)
    if parsed is None:
        return None
    destination, after_destination = parsed
    # A title needs blank space before it; without a title the line must end.
    title_start = _skip_spaces(text, after_destination)
    if title_start > after_destination:
        title_end = _parse_title(text, title_start)
        if title_end >= 0:
            line_end = _rest_is_blank(text, title_end)
            if line_end >= 0:
                return label, destination, line_end, text[title_start + 1 : title_end - 1]
    line_end = _rest_is_blank(text, after_destination)
    if line_end < 0:
        return None
    return label, destination, line_end, ""


# ------------------------------------------------------------------ inline constructs

_URL_SCHEME_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_URL_SCHEME = _URL_SCHEME_FIRST | frozenset("0123456789+-.")
_EMAIL_LOCAL = frozenset(
    "!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"
)
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_BACKTICK_RUNS: dict[int, re.Pattern[str]] = {}


def closing_backticks(length: int) -> re.Pattern[str]:
    pattern = _BACKTICK_RUNS.get(length)
    if pattern is None:
        pattern = re.compile(f"(?<!`)`{{{length}}}(?!`)")
        if len(_BACKTICK_RUNS) < 64:
            _BACKTICK_RUNS[length] = pattern
    return pattern


def email_end(text: str, start: int, end: int) -> int:
    """End of an e-mail address in ``text[start:end]`` (goldmark's rules), or -1."""
    i = start
    while i < end and text[i] in _EMAIL_LOCAL:
        i += 1
    if i == start or i >= end or text[i] != "@":
        return -1
    match = _EMAIL_DOMAIN.match(text, i + 1, end)
    if match is None:
        return -1
    return match.end()


def url_end(text: str, start: int, end: int) -> int:
    """End of an absolute URI (scheme ``:`` rest) in ``text[start:end]``, or -1."""
    if start >= end or text[start] not in _URL_SCHEME_FIRST:
        return -1
    i = start + 1
    while i < end and text[i] in _URL_SCHEME:
        i += 1
    scheme_length = i - start
    if scheme_length == 1 or scheme_length > 33 or i >= end or text[i] != ":":
        return -1
    i += 1
    while i < end and text[i] > " " and text[i] not in "<>":
        i += 1
    return i


def skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in SPACE:
        position += 1
    return position


def find_closing_bracket(text: str, position: int) -> int:
    """Index of the ``]`` closing a reference label that starts at ``position``."""
    i = position
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in ASCII_PUNCT:
            i += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            return i
        i += 1
    return -1


def find_after(text: str, needle: str, position: int) -> int:
    index = text.find(needle, position)
    return -1 if index < 0 else index + len(needle)


def comment_end(text: str, i: int) -> int:
    """End of an HTML comment at ``i``, delimited line by line as goldmark does, or -1."""
    if text.startswith("<!---->", i):
        return i + 7
    if text.startswith("<!-->", i) or text.startswith("<!--->", i):
        return -1
    start = i + 4
    offset = 4  # on the first line positions count from the "<!--"
    while True:
        line_end = text.find("\n", start)
        stop = len(text) if line_end < 0 else line_end + 1
        segment = text[start:stop]
        dashes = segment.find("--")
        close = segment.find("-->")
        if (
            close >= 0
            and dashes == close
            and (close + offset == 0 or len(segment) < 2 or segment[close - 1] != "-")
        ):
            return start + close + 3
        # "--" anywhere else ends the attempt (except at the head of a later line).
        if dashes >= 0 and dashes + offset > 0:
            return -1
        if line_end < 0:
            return -1
        start = line_end + 1
        offset = 0
