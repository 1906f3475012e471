"""CommonMark block structure: the lines of a document into a tree of blocks, with the link
reference definitions it holds."""

from __future__ import annotations

import re

from plating.render.plaintext.nodes import (
    CODE,
    DOCUMENT,
    EMPTY,
    HEADING,
    HTML,
    ITEM,
    LIST,
    PARAGRAPH,
    QUOTE,
    RULE,
    Block,
)
from plating.render.plaintext.scan import ATTRIBUTE, SPACE, parse_definition


def _can_contain(parent_kind: str, child_kind: str) -> bool:
    if parent_kind in (DOCUMENT, QUOTE, ITEM):
        return child_kind != ITEM
    if parent_kind == LIST:
        return child_kind == ITEM
    return False


def _accepts_lines(kind: str) -> bool:
    return kind in (PARAGRAPH, CODE, HTML)


# ---------------------------------------------------------------------- block regexes

_MAYBE_SPECIAL = frozenset("#`~*+_=<>-0123456789")
_ATX_OPEN = re.compile(r"#{1,6}(?:[ \t]+|$)")
_FENCE_OPEN = re.compile(r"`{3,}(?!.*`)|~{3,}")
_FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})(?=[ \t]*$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_RULE_LINE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$")
_BULLET = re.compile(r"[*+-]")
_ORDERED = re.compile(r"(\d{1,9})([.)])")

# goldmark's own list of block-level tags (HTML block kind 6).
_BLOCK_TAGS = frozenset(
    (
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption",
        "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li",
        "link", "main", "menu", "menuitem", "meta", "nav", "noframes", "ol", "optgroup",
        "option", "p", "param", "section", "source", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "track", "ul",
    )
)  # fmt: skip
# HTML block starts as goldmark matches them: up to three spaces (never a tab) first.
_HTML_KIND_1 = re.compile(r"(?i) {0,3}<(?:script|pre|style|textarea)(?:[ \t\f\r].*|>.*|/>.*|)$")
_HTML_KIND_2 = re.compile(r" {0,3}<!--")
_HTML_KIND_3 = re.compile(r" {0,3}<\?")
_HTML_KIND_4 = re.compile(r" {0,3}<![A-Z]")
_HTML_KIND_5 = re.compile(r" {0,3}<!\[CDATA\[")
_HTML_KIND_6 = re.compile(r" {0,3}<(?:/ *)?([a-zA-Z][a-zA-Z0-9-]*)(?: .*|>.*|/>.*|)$")
_HTML_KIND_7 = re.compile(r" {0,3}<(/ *)?([a-zA-Z][a-zA-Z0-9-]*)(" + ATTRIBUTE + r"*) *(?:>|/>) *$")
_HTML_BLOCK_CLOSE = (
    re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE),
    re.compile(r"-->"),
    re.compile(r"\?>"),
    re.compile(r">"),
    re.compile(r"\]\]>"),
)
# ----------------------------------------------------------------------- block parser


class BlockParser:
    """CommonMark block structure, one line at a time (the spec's two-phase design)."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        # A final "\n" ends the last line rather than starting an empty one.
        self.final_newline = lines[-1] == ""
        if self.final_newline:
            lines.pop()
        self.source_lines = lines
        self.document = Block(DOCUMENT, None, 0)
        self.tip = self.document
        self.old_tip = self.document
        self.last_matched = self.document
        self.all_closed = True
        self.refs: dict[str, str] = {}
        self.titles: dict[str, str] = {}  # reference titles as written, by label
        self.line = ""
        self.has_newline = True
        self.line_number = 0
        self.offset = 0
        self.column = 0
        self.next_nonspace = 0
        self.next_nonspace_column = 0
        self.indent = 0
        self.indented = False
        self.blank = False
        self.partially_consumed_tab = False
        # goldmark's "blank previous line" flag, needed for list looseness: the previous
        # line's blankness as seen at each container depth, or True when that line left
        # no block open (as at the start of the document).
        self.previous_levels: list[bool] = []
        self.previous_closed_all = True
        self.blank_before = True

    # -- driving

    def parse(self) -> Block:
        count = len(self.source_lines)
        for number, line in enumerate(self.source_lines, start=1):
            self.has_newline = number < count or self.final_newline
            self._incorporate_line(line, number)
            self.previous_closed_all = self.tip is self.document
        while self.tip is not self.document:
            self._finalize(self.tip)
        self._finalize(self.document)
        return self.document

    # -- cursor helpers (columns follow 4-wide tab stops)

    def _find_next_nonspace(self) -> None:
        line = self.line
        i = self.offset
        cols = self.column
        end = len(line)
        while i < end:
            c = line[i]
            if c == " ":
                cols += 1
            elif c == "\t":
                cols += 4 - cols % 4
            else:
                break
            i += 1
        self.blank = i >= end
        self.next_nonspace = i
        self.next_nonspace_column = cols
        self.indent = cols - self.column
        self.indented = self.indent >= 4

    def _advance_next_nonspace(self) -> None:
        self.offset = self.next_nonspace
        self.column = self.next_nonspace_column
        self.partially_consumed_tab = False

    def _advance_offset(self, count: int, columns: bool) -> None:
        line = self.line
        end = len(line)
        while count > 0 and self.offset < end:
            if line[self.offset] == "\t":
                to_tab = 4 - self.column % 4
                if columns:
                    self.partially_consumed_tab = to_tab > count
                    step = min(count, to_tab)
                    self.column += step
                    if not self.partially_consumed_tab:
                        self.offset += 1
                    count -= step
                else:
                    self.partially_consumed_tab = False
                    self.column += to_tab
                    self.offset += 1
                    count -= 1
            else:
                self.partially_consumed_tab = False
                self.offset += 1
                self.column += 1
                count -= 1

    def _peek(self, index: int) -> str:
        return self.line[index] if index < len(self.line) else ""

    # -- tree helpers

    def _add_child(self, kind: str) -> Block:
        while not _can_contain(self.tip.kind, kind):
            self._finalize(self.tip)
        block = Block(kind, self.tip, self.line_number)
        block.blank_before = self.blank_before
        self.tip.children.append(block)
        self.tip = block
        return block

    def _close_unmatched(self) -> None:
        if not self.all_closed:
            while self.old_tip is not self.last_matched:
                parent = self.old_tip.parent
                self._finalize(self.old_tip)
                if parent is None:  # pragma: no cover - the document is always matched
                    break
                self.old_tip = parent
            self.all_closed = True

    def _add_line(self) -> None:
        tip = self.tip
        line = self.line
        offset = self.offset
        pad = ""
        if self.partially_consumed_tab:
            # The rest of a tab that was only partly used as indentation.
            offset += 1
            pad = " " * (4 - self.column % 4)
        rest = pad + line[offset:]
        newline = "\n" if self.has_newline else ""
        if tip.kind == PARAGRAPH:
            # goldmark trims the indentation of every paragraph line; emphasis rules
            # still look at the source character before the kept text.
            stripped = rest.lstrip(SPACE)
            start = len(line) - len(stripped)
            before = "\n" if not tip.lines else (line[start - 1] if start > 0 else "\n")
            tip.lines.append((stripped + newline, before))
            # The columns skipped to reach the text (the cursor has passed them already).
            tip.indents.append(self.indent + _indent_width(rest, len(rest) - len(stripped)))
        else:
            tip.lines.append((rest + newline, ""))

    # -- one line

    def _incorporate_line(self, line: str, number: int) -> None:
        self.line = line
        self.line_number = number
        self.offset = 0
        self.column = 0
        self.blank = False
        self.partially_consumed_tab = False
        self.old_tip = self.tip
        container = self.document
        levels: list[bool] = []

        # 1. Which open blocks does this line continue?
        while True:
            last = container.last_child
            if last is None or not last.open:
                break
            container = last
            self._find_next_nonspace()
            levels.append(self.blank)
            result = self._continue(container)
            if result == 1:
                parent = container.parent
                container = parent if parent is not None else self.document
                break
            if result == 2:
                self.previous_levels = levels
                return  # the line closed a fenced code block

        if self.previous_closed_all:
            self.blank_before = True
        elif self.previous_levels:
            depth = _depth(container) - (1 if container.kind == PARAGRAPH else 0)
            self.blank_before = self.previous_levels[min(depth, len(self.previous_levels) - 1)]
        else:
            self.blank_before = False
        self.previous_levels = levels
        self.all_closed = container is self.old_tip
        self.last_matched = container
        matched_leaf = container.kind != PARAGRAPH and _accepts_lines(container.kind)

        # 2. Does it open new blocks?
        while not matched_leaf:
            self._find_next_nonspace()
            if not self.indented and self._peek(self.next_nonspace) not in _MAYBE_SPECIAL:
                self._advance_next_nonspace()
                break
            result = self._try_starts(container)
            if result == 0:
                self._advance_next_nonspace()
                break
            container = self.tip
            if result == 2:
                matched_leaf = True

        # 3. The rest of the line is text.
        if not self.all_closed and not self.blank and self.tip.kind == PARAGRAPH:
            self._add_line()  # lazy paragraph continuation
            return
        self._close_unmatched()
        kind = container.kind
        if _accepts_lines(kind):
            if kind == CODE and container.fenced and container.start_line == number:
                return  # the opening fence line is not content
            self._add_line()
            if (
                kind == HTML
                and 1 <= container.html_type <= 5
                and _HTML_BLOCK_CLOSE[container.html_type - 1].search(line, self.offset)
            ):
                self._finalize(container)
        elif self.offset < len(line) and not self.blank:
            self._add_child(PARAGRAPH)
            self._advance_next_nonspace()
            self._add_line()

    # -- continuation of open blocks: 0 matched, 1 not matched, 2 line consumed

    def _continue(self, block: Block) -> int:
        kind = block.kind
        if kind == QUOTE:
            if not self.indented and self._peek(self.next_nonspace) == ">":
                self._advance_next_nonspace()
                self._advance_offset(1, False)
                if self._peek(self.offset) in (" ", "\t"):
                    self._advance_offset(1, True)
                return 0
            return 1
        if kind == ITEM:
            if self.blank:
                if not block.children:
                    return 1  # a blank line after an empty item ends it
                if self.has_newline:
                    self._advance_next_nonspace()
                else:
                    # goldmark stops one character short of the end of the line, which
                    # on a last line without "\n" leaves its final blank in place.
                    self._advance_offset(max(len(self.line) - self.offset - 1, 0), False)
                return 0
            if self.indent >= block.marker_offset + block.padding:
                self._advance_offset(block.marker_offset + block.padding, True)
                return 0
            return 1
        if kind == CODE:
            if block.fenced:
                match = None
                if self.indent <= 3 and self._peek(self.next_nonspace) == block.fence_char:
                    match = _FENCE_CLOSE.match(self.line, self.next_nonspace)
                if match is not None and len(match.group(0)) >= block.fence_length:
                    self._finalize(block)
                    return 2
                # Drop up to the fence's own indentation.
                remaining = block.fence_offset
                while remaining > 0 and self._peek(self.offset) in (" ", "\t"):
                    self._advance_offset(1, True)
                    remaining -= 1
                return 0
            if self.indent >= 4:
                self._advance_offset(4, True)
                return 0
            if self.blank:
                self._advance_next_nonspace()
                return 0
            return 1
        if kind == HTML:
            return 1 if self.blank and block.html_type in (6, 7) else 0
        if kind == PARAGRAPH:
            return 1 if self.blank else 0
        if kind in (HEADING, RULE):
            return 1
        return 0  # document, list

    # -- block starts: 0 none, 1 container opened, 2 leaf opened

    def _try_starts(self, container: Block) -> int:
        line = self.line
        start = self.next_nonspace
        first = self._peek(start)
        if not self.indented:
            if first == ">":
                self._advance_next_nonspace()
                self._advance_offset(1, False)
                if self._peek(self.offset) in (" ", "\t"):
                    self._advance_offset(1, True)
                self._close_unmatched()
                self._add_child(QUOTE)
                return 1
            if first == "#" and _ATX_OPEN.match(line, start):
                return self._start_atx_heading()
            if first in ("`", "~"):
                match = _FENCE_OPEN.match(line, start)
                if match is not None:
                    return self._start_fence(len(match.group(0)))
            if first == "<":
                result = self._start_html()
                if result:
                    return result
            if container.kind == PARAGRAPH and first in ("=", "-"):
                match = _SETEXT.match(line, start)
                if match is not None:
                    result = self._start_setext(container)
                    if result:
                        return result
            if first in ("*", "_", "-") and _RULE_LINE.match(line, start):
                self._close_unmatched()
                self._add_child(RULE)
                self._advance_offset(len(line) - self.offset, False)
                return 2
        if not self.indented or container.kind == LIST:
            result = self._start_list_item(container)
            if result:
                return result
        if self.indented and self.tip.kind != PARAGRAPH and not self.blank:
            self._advance_offset(4, True)
            self._close_unmatched()
            self._add_child(CODE)
            return 2
        return 0

    def _start_atx_heading(self) -> int:
        self._advance_next_nonspace()
        self._close_unmatched()
        heading = self._add_child(HEADING)
        rest = self.line[self.offset :]
        heading.level = len(rest) - len(rest.lstrip("#"))
        heading.content = _atx_content(rest, heading.level)
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_fence(self, length: int) -> int:
        indent = self.indent
        self._close_unmatched()
        block = self._add_child(CODE)
        block.fenced = True
        block.fence_length = length
        block.fence_char = self.line[self.next_nonspace]
        block.fence_offset = indent
        block.info = self.line[self.next_nonspace + length :].strip(SPACE)
        # The whole opening line is consumed.
        self._advance_next_nonspace()
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_html(self) -> int:
        rest = self.line[self.offset :]
        if self.partially_consumed_tab:
            # What is left of a tab counts as spaces.
            rest = " " * (4 - self.column % 4) + rest[1:]
        kind = _html_block_kind(rest, self.tip.kind == PARAGRAPH)
        if not kind:
            return 0
        self._close_unmatched()
        block = self._add_child(HTML)
        block.html_type = kind
        return 2

    def _start_setext(self, paragraph: Block) -> int:
        self._close_unmatched()
        remaining = self._strip_definitions(paragraph)
        if not remaining:
            return 0
        # The paragraph becomes the heading; its lines are the heading's text.
        paragraph.kind = HEADING
        paragraph.level = 1 if self._peek(self.next_nonspace) == "=" else 2
        paragraph.lines = remaining
        _trim_last_line(paragraph)
        self.tip = paragraph
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_list_item(self, container: Block) -> int:
        if self.indent >= 4:
            return 0
        line = self.line
        start = self.next_nonspace
        lead = self.offset + (1 if self.partially_consumed_tab else 0)
        if "\t" in line[lead:start]:
            return 0  # goldmark only accepts spaces before a list marker
        bullet = _BULLET.match(line, start)
        ordered = False
        if bullet is not None:
            marker_text = bullet.group(0)
            marker = marker_text
        else:
            numbered = _ORDERED.match(line, start)
            if numbered is None:
                return 0
            # Only a list starting at 1 may interrupt a paragraph.
            if container.kind == PARAGRAPH and numbered.group(1) != "1":
                return 0
            marker_text = numbered.group(0)
            marker = numbered.group(2)
            ordered = True
        after = start + len(marker_text)
        if after < len(line) and line[after] not in (" ", "\t"):
            return 0
        if container.kind == PARAGRAPH and line[after:].strip(" \t") == "":
            return 0  # an empty item cannot interrupt a paragraph
        marker_offset = self.indent
        self._advance_next_nonspace()
        self._advance_offset(len(marker_text), True)
        spaces_start_column = self.column
        spaces_start_offset = self.offset
        while True:
            self._advance_offset(1, True)
            nxt = self._peek(self.offset)
            if not (self.column - spaces_start_column < 5 and nxt in (" ", "\t")):
                break
        blank_item = self.offset >= len(line)
        spaces_after = self.column - spaces_start_column
        if spaces_after >= 5 or spaces_after < 1 or blank_item:
            padding = len(marker_text) + 1
            self.column = spaces_start_column
            self.offset = spaces_start_offset
            if self._peek(self.offset) in (" ", "\t"):
                self._advance_offset(1, True)
        else:
            padding = len(marker_text) + spaces_after
        self._close_unmatched()
        tip = self.tip
        if tip.kind != LIST or tip.ordered != ordered or tip.marker != marker:
            lst = self._add_child(LIST)
            lst.ordered = ordered
            lst.marker = marker
            if ordered:
                lst.start = int(marker_text[:-1])
        item = self._add_child(ITEM)
        item.marker_offset = marker_offset
        item.padding = padding
        return 1

    # -- closing blocks

    def _finalize(self, block: Block) -> None:
        parent = block.parent
        block.open = False
        kind = block.kind
        if kind == PARAGRAPH:
            block.lines = self._strip_definitions(block)
            if block.lines:
                _trim_last_line(block)
            else:
                block.kind = EMPTY  # nothing but link reference definitions
        elif kind == CODE and not block.fenced:
            while block.lines and block.lines[-1][0].strip(" \t\n") == "":
                block.lines.pop()
        elif kind == LIST:
            block.tight = _list_is_tight(block)
        if parent is not None:
            self.tip = parent

    def _strip_definitions(self, paragraph: Block) -> list[tuple[str, str]]:
        lines = paragraph.lines
        if not lines or not lines[0][0].startswith("["):
            return lines
        joined = "".join(text for text, _ in lines)
        position = 0
        while position < len(joined) and joined[position] == "[":
            parsed = parse_definition(joined, position)
            if parsed is None:
                break
            label, destination, position, title = parsed
            if label not in self.refs:
                self.refs[label] = destination
                if title:
                    self.titles[label] = title
        consumed = 0
        index = 0
        while index < len(lines) and consumed + len(lines[index][0]) <= position:
            consumed += len(lines[index][0])
            index += 1
        remaining = lines[index:]
        if remaining and index:
            # The first kept line now starts the paragraph.
            remaining[0] = (remaining[0][0], "\n")
        return remaining


def _html_block_kind(rest: str, after_paragraph: bool) -> int:
    """Which HTML block (1-7) ``rest`` opens, 0 for none; kind 7 cannot interrupt text."""
    if _HTML_KIND_1.match(rest):
        return 1
    for kind, pattern in ((2, _HTML_KIND_2), (3, _HTML_KIND_3), (4, _HTML_KIND_4)):
        if pattern.match(rest):
            return kind
    if _HTML_KIND_5.match(rest):
        return 5
    match = _HTML_KIND_7.match(rest)
    if match is not None:
        name = match.group(2).lower()
        if name in _BLOCK_TAGS:
            return 6
        closing = match.group(1) is not None
        if (
            name not in ("script", "style", "pre")
            and not after_paragraph
            and not (closing and match.group(3))
        ):
            return 7
    match = _HTML_KIND_6.match(rest)
    if match is not None and match.group(1).lower() in _BLOCK_TAGS:
        return 6
    return 0


def _atx_content(rest: str, level: int) -> str:
    """Heading text after the opening ``#`` run, cut the way goldmark cuts it.

    A closing ``#`` run is dropped together with the blanks before it except one, and
    trailing blanks survive up to that one; the inline pass then trims only the last.
    """
    start = len(rest) - len(rest[level:].lstrip(" \t"))
    stop = len(rest.rstrip(" \t"))
    if stop <= start:
        return ""
    j = stop - 1
    while j >= start and rest[j] == "#":
        j -= 1
    if j != stop - 1 and rest[j] not in " \t":
        j = stop - 1  # "#" glued to the text is part of it
    content = rest[start : j + 1]
    return content if content.rstrip("#") else ""


def _indent_width(text: str, count: int) -> int:
    """Columns the first ``count`` blanks of ``text`` span, tab stops every four."""
    width = 0
    for char in text[:count]:
        width += 4 - width % 4 if char == "\t" else 1
    return width


def _trim_last_line(block: Block) -> None:
    text, before = block.lines[-1]
    block.lines[-1] = (text.rstrip(SPACE), before)


def _depth(block: Block) -> int:
    depth = 0
    parent = block.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def _list_is_tight(block: Block) -> bool:
    # goldmark's rule: a list is loose when a blank line precedes one of its items
    # (but the first) or a block of an item (but the item's first block).
    for index, item in enumerate(block.children):
        if index and item.blank_before:
            return False
        if any(child.blank_before for child in item.children[1:]):
            return False
    return True
