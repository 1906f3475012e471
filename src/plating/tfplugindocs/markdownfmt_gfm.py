"""The GitHub Flavored Markdown pieces of :mod:`plating.tfplugindocs.markdownfmt`: tables
(goldmark's table extension turns a paragraph into a table), heading attributes
(goldmark's ``parser.WithAttribute``) and display widths (go-runewidth, used to pad table
cells)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class Unsupported(Exception):
    """A construct whose exact tfplugindocs rendering this serialiser does not reproduce;
    the caller keeps the page as written instead."""


# ---------------------------------------------------------------------------- tables

LEFT, RIGHT, CENTER, NONE = "left", "right", "center", "none"

_DELIMITER_CHARS = frozenset(" \t\n\r\f\v-|:")
_ALIGNMENTS = (
    (re.compile(r"^\s*:-+:\s*$"), CENTER),
    (re.compile(r"^\s*:-+\s*$"), LEFT),
    (re.compile(r"^\s*-+:\s*$"), RIGHT),
    (re.compile(r"^\s*-+\s*$"), NONE),
)


@dataclass(frozen=True, slots=True)
class Table:
    """A GFM table: the alignment of each column, the header cells and the body rows
    (each exactly one cell per column), cells as their Markdown source, trimmed."""

    alignments: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def split_table(lines: list[str], indents: list[int] | None = None) -> tuple[int, Table] | None:
    """Where a paragraph's ``lines`` (without line ends) hold a table, as goldmark's table
    extension finds it: the first line that is a delimiter row (indented less than four
    columns by ``indents``, each line's blank before the paragraph trimmed it) under a
    header row with no more cells (fewer are padded with empty ones). Returns the index of
    the header line (the lines before it stay a paragraph) and the table, or None."""
    for index in range(1, len(lines)):
        if indents is not None and indents[index] > 3:
            continue
        alignments = _delimiter_row(lines[index])
        if alignments is None:
            continue
        header = _row(lines[index - 1], len(alignments), header=True)
        if len(header) != len(alignments):
            return None
        rows = tuple(_row(line, len(alignments), header=False) for line in lines[index + 1 :])
        return index - 1, Table(alignments, header, rows)
    return None


def _delimiter_row(line: str) -> tuple[str, ...] | None:
    if not line or any(c not in _DELIMITER_CHARS for c in line):
        return None
    columns = line.split("|")
    if not columns[0].strip():
        columns = columns[1:]
    if columns and not columns[-1].strip():
        columns = columns[:-1]
    alignments: list[str] = []
    for column in columns:
        for pattern, alignment in _ALIGNMENTS:
            if pattern.match(column):
                alignments.append(alignment)
                break
        else:
            return None
    return tuple(alignments) if alignments else None


def _row(line: str, columns: int, header: bool) -> tuple[str, ...]:
    """The cells of one row: split at pipes not escaped by a backslash, outer pipes
    dropped; a row is padded to ``columns`` cells, a body row also cut to them."""
    line = line.strip()
    position = 1 if line.startswith("|") else 0
    limit = len(line) - 1 if line.endswith("|") and len(line) > position else len(line)
    cells: list[str] = []
    while position < limit:
        if not header and len(cells) >= columns:
            break
        closure = position
        backtick = False
        while closure < limit:
            c = line[closure]
            if c == "`":
                backtick = True
            if c == "|":
                if closure == 0 or line[closure - 1] != "\\":
                    break
                if backtick:
                    # goldmark unescapes such a pipe inside a code span: not reproduced.
                    raise Unsupported("an escaped pipe inside a code span in a table cell")
            closure += 1
        cells.append(line[position:closure].strip())
        position = closure + 1
    while len(cells) < columns:
        cells.append("")
    return tuple(cells)


# ---------------------------------------------------------------------- widths


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal, as go-runewidth counts them: East Asian wide
    and full-width characters two, combining marks none, the rest one."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if char.isascii():
            width += 1
            continue
        east_asian = unicodedata.east_asian_width(char)
        if east_asian in ("W", "F"):
            width += 2
        elif east_asian == "A":
            # go-runewidth counts these by the user's locale: no single right answer.
            raise Unsupported(f"a character of ambiguous width ({char!r}) in a table")
        elif unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        else:
            width += 1
    return width


# ------------------------------------------------------------------ heading attributes

_ATTRIBUTES = re.compile(r"\{[ \t]*((?:[#.][^\s{}#.]+[ \t]*)+)\}[ \t]*$")


def heading_attributes(line: str) -> tuple[str, str]:
    """Split a heading's last line into its text and goldmark's attribute block, written
    as markdownfmt writes it (``{#id .class}``; "" when there is none)."""
    brace = line.rfind("{")
    if brace < 0 or not line.rstrip().endswith("}"):
        return line, ""
    match = _ATTRIBUTES.match(line, brace)
    if match is None:
        # Other attribute forms (key=value, bare names) print as Go values: not reproduced.
        raise Unsupported("a heading ending in an attribute block other than #id and .class")
    if brace > 0 and line[brace - 1] == "\\":
        raise Unsupported("a heading ending in an escaped attribute block")
    ids = [token[1:] for token in match.group(1).split() if token[0] == "#"]
    classes = [token[1:] for token in match.group(1).split() if token[0] == "."]
    if len(ids) > 1:
        raise Unsupported("a heading with two ids")
    text = line[:brace]
    if re.search(r"[ \t]#+[ \t]*$", text):
        raise Unsupported("a heading with closing hashes before its attributes")
    parts = [f"#{ids[0]}"] if ids else []
    if classes:
        parts.append(" ".join("." + c for c in " ".join(classes).split(" ")))
    return text, "{" + " ".join(parts) + "}"
