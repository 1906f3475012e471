"""A Markdown page as top-level blocks kept as written: what ``migrate`` writes for a page
whose exact tfplugindocs rendering :mod:`plating.tfplugindocs.markdownfmt` does not
reproduce.

Even then the page gets the part of tfplugindocs' normalisation that is safe: blocks are
separated by one blank line, reference links become inline links, and their definitions
disappear. Top-level fenced code blocks are what it extracts into example files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
# [text][label], [text][] and the shortcut [text]; images too. Not followed by "(" or ":".
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)+)\](?:\[([^\[\]]*)\])?(?![(:\[])")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block: ``lines`` as written; ``info`` and ``code`` for a fenced block."""

    lines: tuple[str, ...]
    info: str | None = None  # the fence's info string, for fenced code blocks only
    code: str = ""  # the fenced block's content, each line ending in a newline

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def split_blocks(text: str) -> list[Block]:
    """Top-level blocks of ``text`` (LF line ends): fenced code blocks whole, other blocks
    separated by blank lines. An indented fence under a list item belongs to that item."""
    lines = text.split("\n")
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block(tuple(current)))
            current.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE_OPEN.match(line)
        if opening is None:
            if line.strip():
                current.append(line)
            else:
                flush()
            index += 1
            continue
        end, closed = _fence_end(lines, index, opening)
        fence_lines = lines[index : end + 1]
        indented = bool(opening.group(1))
        if indented and current and _in_list(current):
            current.extend(fence_lines)
        elif indented and not current and blocks and _in_list(list(blocks[-1].lines)):
            previous = blocks.pop()
            blocks.append(Block((*previous.lines, "", *fence_lines)))
        else:
            flush()
            body = lines[index + 1 : end] if closed else lines[index + 1 :]
            depth = len(opening.group(1))
            code = "".join(_dedent(b, depth) + "\n" for b in body)
            blocks.append(Block(tuple(fence_lines), info=opening.group(3).strip(), code=code))
        index = end + 1
    flush()
    return blocks


def _in_list(lines: list[str]) -> bool:
    return bool(re.match(r"^ {0,3}([-*+]|\d{1,9}[.)])[ \t]", lines[0]))


def _closes(line: str, opening: re.Match[str]) -> bool:
    fence = opening.group(2)
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and stripped.startswith(fence[0] * len(fence))
        and set(stripped) == {fence[0]}
    )


def _fence_end(lines: list[str], start: int, opening: re.Match[str]) -> tuple[int, bool]:
    """Index of the closing fence line and True, or the last line and False (a fence that
    is never closed runs to the end of the page)."""
    for index in range(start + 1, len(lines)):
        if _closes(lines[index], opening):
            return index, True
    return len(lines) - 1, False


def _dedent(line: str, indent: int) -> str:
    removable = len(line) - len(line.lstrip(" "))
    return line[min(indent, removable) :]


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def inline_references(blocks: list[Block]) -> list[Block]:
    """Blocks with link reference definitions removed and every reference link that uses
    one written as an inline link."""
    definitions: dict[str, str] = {}
    kept: list[Block] = []
    for block in blocks:
        if block.info is not None:
            kept.append(block)
            continue
        lines = list(block.lines)
        while lines and (match := _DEFINITION.match(lines[0])):
            label, url, title = match.groups()
            definitions.setdefault(_label(label), f"{url} {_title(title)}" if title else url)
            lines.pop(0)
        if lines:
            kept.append(Block(tuple(lines)))
    if not definitions:
        return kept
    return [
        b if b.info is not None else Block(tuple(_inline(b.text, definitions).split("\n")))
        for b in kept
    ]


def _title(title: str) -> str:
    inner = title[1:-1].replace('"', '\\"')
    return f'"{inner}"'


def _inline(text: str, definitions: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        bang, label_text, ref = match.groups()
        key = _label(ref if ref else label_text)
        target = definitions.get(key)
        if target is None:
            return match.group(0)
        return f"{bang}[{label_text}]({target})"

    out: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(text):  # code spans are never links
        out.append(_REFERENCE.sub(replace, text[position : span.start()]))
        out.append(span.group(0))
        position = span.end()
    out.append(_REFERENCE.sub(replace, text[position:]))
    return "".join(out)
