"""Elision comments: ``# ...`` in a block or object says that the example leaves content out.

Documentation abridges examples (``resource "x" "y" { # ... }``); a checker must not then
report the arguments that were left out. A comment whose text starts or ends with an
ellipsis (``...`` or ``…``) is such a mark: ``# ...``, ``// ... other settings ...``,
``/* ... */``, ``# other arguments ...``.

Comments are not tokens, so a mark is recorded as the index of the token that follows the
comment; the parser then knows which body or object constructor holds it.
"""

from __future__ import annotations

from bisect import bisect_right

from plating.hcl.lexer import Token

_ELLIPSES = ("...", "\u2026")


def elision_marks(text: str, tokens: list[Token]) -> frozenset[int]:
    """Indexes of the tokens that directly follow an elision comment in ``text``.

    ``tokens`` is the tokenizer's output for ``text`` (CRLF already folded). Text between
    two tokens is only blanks and comments, so an ellipsis found there is in a comment; one
    inside a token (a string, the ``...`` expansion operator) is not.
    """
    if "..." not in text and "\u2026" not in text:
        return frozenset()
    offsets = [token[2] for token in tokens]
    marks: set[int] = set()
    for ellipsis in _ELLIPSES:
        hit = text.find(ellipsis)
        while hit >= 0:
            index = bisect_right(offsets, hit)  # the first token after the hit
            gap_start = 0
            if index:
                previous = tokens[index - 1]
                gap_start = previous[2] + len(previous[1])
            if (
                hit >= gap_start
                and index < len(tokens)
                and index not in marks
                and _has_elision_comment(text[gap_start : tokens[index][2]])
            ):
                marks.add(index)
            hit = text.find(ellipsis, hit + len(ellipsis))
    return frozenset(marks)


def _has_elision_comment(gap: str) -> bool:
    """Whether the blanks and comments between two tokens hold an elision comment."""
    position = 0
    end = len(gap)
    while position < end:
        char = gap[position]
        if char in " \t\n":
            position += 1
            continue
        if gap.startswith("/*", position):
            close = gap.find("*/", position + 2)
            close = end if close < 0 else close
            comment = gap[position + 2 : close]
            position = close + 2
        elif char == "#" or gap.startswith("//", position):
            newline = gap.find("\n", position)
            newline = end if newline < 0 else newline
            comment = gap[position + (1 if char == "#" else 2) : newline]
            position = newline
        else:  # not a comment: the gap is not what the tokenizer skipped
            return False
        comment = comment.strip()
        if comment.startswith(_ELLIPSES) or comment.endswith(_ELLIPSES):
            return True
    return False
