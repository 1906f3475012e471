"""Markdown re-serialised the way ``tfplugindocs migrate`` writes a legacy page.

tfplugindocs parses the page with goldmark 1.7 (GFM: tables, strikethrough, linkify, task
lists; heading attributes) and writes every top-level node back through the Markdown
renderer of markdownfmt v3.1, one ``Render`` call per node. That renderer normalises
what it writes; the facts reproduced here:

* a block that is not its parent's first child is preceded by a blank line (paragraph,
  heading, code block, thematic break, table, block quote), by a line break plus a blank
  line only when the source had one before it (list, HTML block), or by a blank line only
  when the source had one (list item); the text of a tight list item has no separator;
* headings are ATX (``#`` times the level, a space, the text, then `` {#id .class}``);
  code blocks, indented ones included, are fenced with three backticks and keep the info
  string; a thematic break is ``---``; HTML blocks are copied as written;
* list items keep the list's bullet character; ordered items are numbered from the list's
  start (or 1 when it starts at 0) and keep its delimiter; what an item holds is indented
  by the width of its marker; block quotes prefix ``> `` (``>`` on a blank line);
* in text, runs of blanks become one space and soft line breaks a space, hard line
  breaks a bare line break (goldmark 1.7 marks them hard only, not soft); emphasis is
  ``*``/``**`` whatever it was written with, strikethrough ``~~``, code spans one
  backtick each side; links and images are inline ``[text](destination "title")`` with
  destination and title as written, reference links included; autolinks are their bare
  text; raw HTML, backslash escapes and entities are copied as written; task list boxes
  are ``[ ] `` and ``[X] ``;
* tables are aligned: each column padded to its widest cell, the delimiter row written
  ``|---|``, ``|:--|``, ``|--:|`` or ``|:-:|``.

Where the exact output is out of reach (:class:`Unsupported`) the caller keeps the page
as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from plating.render.plaintext.blocks import BlockParser
from plating.render.plaintext.inlines import InlineParser
from plating.render.plaintext.nodes import (
    AUTOLINK,
    CHECKBOX,
    CODE,
    CODESPAN,
    EMPHASIS,
    EMPTY,
    HEADING,
    HTML,
    IMAGE,
    ITEM,
    LINK,
    LIST,
    PARAGRAPH,
    QUOTE,
    RAWHTML,
    RULE,
    STRIKE,
    TEXT,
    Block,
    Inline,
)
from plating.tfplugindocs.markdownfmt_gfm import (
    CENTER,
    LEFT,
    RIGHT,
    Table,
    Unsupported,
    display_width,
    heading_attributes,
    split_table,
)

__all__ = ["TopLevel", "Unsupported", "format_blocks", "format_markdown"]


@dataclass(frozen=True, slots=True)
class TopLevel:
    """One top-level node as markdownfmt writes it, its separator included; for a fenced
    code block also its info string and content (what ``migrate`` may extract)."""

    text: str
    info: str | None = None
    code: str = ""


def format_markdown(source: str) -> str:
    """``source`` written back as markdownfmt writes a whole document (a final newline)."""
    return "".join(node.text for node in format_blocks(source)) + "\n"


def format_blocks(source: str) -> list[TopLevel]:
    """Each top-level node of ``source`` (LF line ends) as tfplugindocs' ``migrate``
    renders it. Raises :class:`Unsupported` for what is not reproduced exactly."""
    if "\r" in source:
        raise Unsupported("a carriage return not part of a CRLF line end")
    parser = BlockParser(source)
    document = parser.parse()
    renderer = _Renderer(parser.refs, parser.titles)
    out: list[TopLevel] = []
    first = True
    for block in _children(document):
        text = renderer.top_level(block, has_previous=not first)
        if block.kind == CODE and block.fenced:
            code = "".join(line for line, _ in block.lines)
            out.append(TopLevel(text, block.info if block.info else None, code))
        else:
            out.append(TopLevel(text))
        first = False
    return out


def _children(block: Block) -> list[Block]:
    # A paragraph of nothing but link reference definitions is no node at all.
    return [child for child in block.children if child.kind != EMPTY]


def _opens_item(block: Block) -> bool:
    """Whether ``block`` is the first block of a list item (where a task box may start)."""
    parent = block.parent
    return parent is not None and parent.kind == ITEM and parent.children[0] is block


# -------------------------------------------------------------------------- writer


class _Writer:
    """markdownfmt's line indent writer: every line starts with the open containers'
    prefixes (without their trailing spaces on a blank line), and an opening marker
    (emphasis, link) waits until something is written inside it."""

    __slots__ = ("_blank_prefix", "_indents", "_line_start", "_pending", "_prefix", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._indents: list[str] = []
        self._prefix = ""
        self._blank_prefix = ""
        self._line_start = True
        self._pending = ""

    def push(self, indent: str) -> None:
        self._indents.append(indent)
        self._set_prefix()

    def pop(self) -> None:
        self._indents.pop()
        self._set_prefix()

    def _set_prefix(self) -> None:
        self._prefix = "".join(self._indents)
        self._blank_prefix = self._prefix.rstrip(" ")

    def add_pending(self, marker: str) -> None:
        self._pending += marker

    def close_pending(self, marker: str) -> None:
        """Write the closing ``marker``, or drop the opening one when nothing was written
        since (markdownfmt writes no empty emphasis)."""
        if self._pending:
            self._pending = self._pending[: -len(marker)]
        else:
            self.write(marker)

    def write(self, text: str) -> None:
        if not text:
            return
        parts = self.parts
        lines = text.split("\n")
        last = len(lines) - 1
        for index, line in enumerate(lines):
            if line:
                parts.append(self._prefix if self._line_start else "")
                self._line_start = False
                if self._pending:
                    parts.append(self._pending)
                    self._pending = ""
                parts.append(line)
            if index < last:
                if self._line_start:
                    parts.append(self._blank_prefix)
                if self._pending:
                    parts.append(self._pending)
                    self._pending = ""
                parts.append("\n")
                self._line_start = True

    def value(self) -> str:
        return "".join(self.parts)


def _clean(text: str) -> str:
    """markdownfmt's writeClean: every run of blanks and line ends becomes one space."""
    if not any(c in text for c in "\n\r\t  "):
        return text
    out: list[str] = []
    previous = ""
    for char in text:
        if char in "\n\r\t":
            char = " "
        if char != " " or previous != " ":
            out.append(char)
        previous = char
    return "".join(out)


# ------------------------------------------------------------------------ renderer


class _Renderer:
    def __init__(self, refs: dict[str, str], titles: dict[str, str]) -> None:
        self.refs = refs
        self.titles = titles

    def top_level(self, block: Block, has_previous: bool) -> str:
        """A top-level block rendered as one ``Render`` call renders it."""
        writer = _Writer()
        self._block(block, writer, has_previous, tight=False)
        return writer.value()

    def _table_in(self, paragraph: Block) -> tuple[Block, Table] | None:
        lines = [text.rstrip("\n") for text, _ in paragraph.lines]
        found = split_table(lines, paragraph.indents[-len(lines) :] if lines else [])
        if found is None:
            return None
        header_index, table = found
        before = Block(PARAGRAPH, paragraph.parent, paragraph.start_line)
        before.lines = list(paragraph.lines[:header_index])
        if before.lines:
            text, char_before = before.lines[-1]
            before.lines[-1] = (text.rstrip("\n").rstrip(" \t"), char_before)
        return before, table

    # -- blocks

    def _block(self, block: Block, w: _Writer, has_previous: bool, tight: bool) -> None:
        kind = block.kind
        text_block = kind == PARAGRAPH and tight
        if has_previous:
            if kind in (PARAGRAPH, HEADING, CODE, RULE, QUOTE) and not text_block:
                w.write("\n\n")
            elif kind in (LIST, HTML):
                w.write("\n\n" if block.blank_before else "\n")
            elif kind == ITEM and block.blank_before:
                w.write("\n")
        if kind == PARAGRAPH:
            found = self._table_in(block)
            if found is None:
                self._paragraph(block, w)
                return
            before, table = found
            if before.lines:
                self._paragraph(before, w)
                w.write("\n\n")
            elif has_previous and text_block:
                w.write("\n\n")  # a table, unlike a text block, has a separator
            self._table(table, w)
        elif kind == HEADING:
            self._heading(block, w)
        elif kind == CODE:
            fence = "```" + (block.info if block.fenced else "")
            w.write(fence + "\n" + "".join(line for line, _ in block.lines) + "```")
        elif kind == RULE:
            w.write("---")
        elif kind == HTML:
            html = "".join(line for line, _ in block.lines)
            w.write(html[:-1] if html.endswith("\n") else html)
        elif kind == QUOTE:
            w.push("> ")
            parent = block.parent
            if parent is not None and parent.kind == ITEM and parent.children[0] is block:
                w.write("> ")
            self._children(block, w, tight=False)
            w.pop()
        elif kind == LIST:
            items = _children(block)
            for index, item in enumerate(items):
                self._item(block, item, index, w, last=index == len(items) - 1)
        else:  # pragma: no cover - every block kind is handled above
            raise Unsupported(f"a {kind} block")

    def _children(self, block: Block, w: _Writer, tight: bool) -> None:
        for index, child in enumerate(_children(block)):
            self._block(child, w, index > 0, tight)

    def _item(self, lst: Block, item: Block, index: int, w: _Writer, last: bool) -> None:
        if index and item.blank_before:
            w.write("\n")
        # An ordered list counts from its start, or from 1 when it starts at 0.
        number = f"{(lst.start or 1) + index}" if lst.ordered else ""
        marker = number + lst.marker + " "
        w.write(marker)
        w.push(" " * len(marker))
        self._children(item, w, tight=lst.tight)
        if not last:
            w.write("\n")
        w.pop()

    def _paragraph(self, block: Block, w: _Writer) -> None:
        root = InlineParser(
            block.lines, self.refs, gfm=True, titles=self.titles, task_item=_opens_item(block)
        )
        self._inlines(root.parse(), w)

    def _heading(self, block: Block, w: _Writer) -> None:
        lines = list(block.lines) if block.lines else [(block.content, "\n")]
        text, before = lines[-1]
        text, attributes = heading_attributes(text)
        lines[-1] = (text, before)
        content = _Writer()
        if any(line.strip() for line, _ in lines):
            # goldmark's task box also opens a heading that opens a list item.
            parser = InlineParser(
                lines, self.refs, gfm=True, titles=self.titles, task_item=_opens_item(block)
            )
            self._inlines(parser.parse(), content)
        w.write("#" * block.level + " ")
        w.write(content.value() + (" " + attributes if attributes else ""))

    def _table(self, table: Table, w: _Writer) -> None:
        header = [self._cell(cell) for cell in table.header]
        rows = [[self._cell(cell) for cell in row] for row in table.rows]
        widths = [display_width(cell) for cell in header]
        for row in rows:
            for column, cell in enumerate(row):
                widths[column] = max(widths[column], display_width(cell))
        out: list[str] = []
        for column, cell in enumerate(header):  # header cells are always left-aligned
            out.append("| " + cell + " " * (1 + widths[column] - display_width(cell)))
        out.append("|\n")
        for column, alignment in enumerate(table.alignments):
            left = ":" if alignment in (LEFT, CENTER) else "-"
            right = ":" if alignment in (RIGHT, CENTER) else "-"
            out.append("|" + left + "-" * widths[column] + right)
        out.append("|")
        for row in rows:
            out.append("\n")
            for column, cell in enumerate(row):
                space = widths[column] - display_width(cell)
                alignment = table.alignments[column]
                if alignment == CENTER:
                    first = space // 2
                    out.append("| " + " " * first + cell + " " * (space - first) + " ")
                elif alignment == RIGHT:
                    out.append("| " + " " * space + cell + " ")
                else:
                    out.append("| " + cell + " " * (space + 1))
            out.append("|")
        w.write("".join(out))

    def _cell(self, source: str) -> str:
        cell = _Writer()
        if source:
            parser = InlineParser([(source, "\n")], self.refs, gfm=True, titles=self.titles)
            self._inlines(parser.parse(), cell)
        return cell.value()

    # -- inlines

    def _inlines(self, parent: Inline, w: _Writer) -> None:
        for node in parent.children():
            kind = node.kind
            if kind == TEXT:
                w.write(_clean(node.text))
                if node.soft_break:
                    w.write(" ")
                if node.hard_break:
                    w.write("\n")
            elif kind == CODESPAN:
                w.write("`")
                w.write(_clean(node.text))
                w.write("`")
            elif kind in (EMPHASIS, STRIKE):
                marker = "~~" if kind == STRIKE else "*" * node.length
                w.add_pending(marker)
                self._inlines(node, w)
                w.close_pending(marker)
            elif kind in (LINK, IMAGE):
                w.add_pending("![" if kind == IMAGE else "[")
                self._inlines(node, w)
                title = f' "{node.title}"' if node.title else ""
                w.write(f"]({node.destination}{title})")
            elif kind == AUTOLINK:
                w.write(node.destination)
            elif kind == RAWHTML:
                w.write(node.text)
            elif kind == CHECKBOX:
                w.write("[X] " if node.text == "x" else "[ ] ")
            else:  # pragma: no cover - the parser leaves no other kind
                raise Unsupported(f"an inline node of kind {kind}")
