"""The walk that writes a block tree as tfplugindocs' plain text."""

from __future__ import annotations

from plating.render.plaintext.inlines import InlineParser
from plating.render.plaintext.nodes import (
    AUTOLINK,
    CODE,
    CODESPAN,
    EMPHASIS,
    HEADING,
    IMAGE,
    ITEM,
    LINK,
    LIST,
    PARAGRAPH,
    QUOTE,
    ROOT,
    RULE,
    TEXT,
    Block,
    Inline,
)

# ---------------------------------------------------------------------------- render


class Output:
    """The text buffer; a block starts on a new line once something was written."""

    __slots__ = ("nonempty", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.nonempty = False

    def write(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.nonempty = True

    def newline(self) -> None:
        if self.nonempty:
            self.parts.append("\n")

    def value(self) -> str:
        return "".join(self.parts)


def render(document: Block, refs: dict[str, str]) -> str:
    out = Output()
    # Depth-first walk with an explicit stack (no recursion limit on deep nesting).
    stack: list[tuple[Block, bool]] = [(child, False) for child in reversed(document.children)]
    while stack:
        block, in_tight_item = stack.pop()
        kind = block.kind
        if kind == PARAGRAPH:
            if in_tight_item:
                # Tight list items hold text blocks, which are not paragraphs.
                _render_inlines(InlineParser(block.lines, refs).parse(), out)
            else:
                render_paragraph(block.lines, refs, out)
        elif kind == HEADING:
            out.newline()
            out.write(_inline_text(_heading_inlines(block, refs)))
        elif kind == QUOTE:
            out.newline()
            out.write(_block_text(block, refs))
        elif kind == RULE:
            out.newline()
        elif kind == CODE:
            out.newline()
            if block.fenced:
                out.newline()
            out.write("".join(text for text, _ in block.lines))
        elif kind == LIST:
            out.newline()
            for item in reversed(block.children):
                stack.extend((child, block.tight) for child in reversed(item.children))
        # HTML blocks write nothing at all.
    return out.value()


def render_paragraph(lines: list[tuple[str, str]], refs: dict[str, str], out: Output) -> None:
    out.newline()
    inlines = InlineParser(lines, refs).parse()
    if _inline_text(inlines).startswith("|"):
        # A GFM table is a paragraph to goldmark without the extension: keep its source.
        out.write("".join(text for text, _ in lines))
    else:
        _render_inlines(inlines, out)


def _heading_inlines(block: Block, refs: dict[str, str]) -> Inline:
    if block.lines:
        return InlineParser(block.lines, refs).parse()
    if block.content:
        return InlineParser([(block.content, "\n")], refs).parse()
    return Inline(ROOT)


def _render_inlines(root: Inline, out: Output) -> None:
    stack: list[Inline] = []
    node = root.first
    while node is not None or stack:
        if node is None:
            node = stack.pop()
            continue
        following = node.next
        kind = node.kind
        if kind == TEXT:
            out.write(node.text)
            if node.soft_break:
                out.newline()
        elif kind == CODESPAN:
            out.write(node.text)
        elif kind == EMPHASIS:
            if following is not None:
                stack.append(following)
            node = node.first
            continue
        elif kind == LINK:
            out.write(_inline_text(node))
            if not _is_relative(node.destination):
                out.write(" " + node.destination)
        elif kind == AUTOLINK:
            out.write(node.text)
        # Images and raw HTML write nothing.
        node = following


def _inline_text(root: Inline) -> str:
    """goldmark's ``Node.Text``: the text of all descendants, without line breaks."""
    parts: list[str] = []
    stack: list[Inline] = []
    node = root.first
    while node is not None or stack:
        if node is None:
            node = stack.pop()
            continue
        kind = node.kind
        if kind in (TEXT, CODESPAN):
            parts.append(node.text)
        elif kind in (EMPHASIS, LINK, IMAGE) and node.first is not None:
            if node.next is not None:
                stack.append(node.next)
            node = node.first
            continue
        node = node.next
    return "".join(parts)


def _block_text(block: Block, refs: dict[str, str]) -> str:
    """``Node.Text`` of a container block: the inline text of every nested leaf."""
    parts: list[str] = []
    stack = list(reversed(block.children))
    while stack:
        child = stack.pop()
        if child.kind == PARAGRAPH:
            parts.append(_inline_text(InlineParser(child.lines, refs).parse()))
        elif child.kind == HEADING:
            parts.append(_inline_text(_heading_inlines(child, refs)))
        elif child.kind in (QUOTE, LIST, ITEM):
            stack.extend(reversed(child.children))
    return "".join(parts)


def _is_relative(destination: str) -> bool:
    # An empty destination would crash tfplugindocs; writing no URL is the sane choice.
    if not destination:
        return True
    if destination[0] == "#":
        return True
    return destination[0] == "/" and (len(destination) == 1 or destination[1] != "/")
