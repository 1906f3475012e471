"""Markdown to plain text, byte-compatible with tfplugindocs' ``mdplain``.

tfplugindocs writes the front-matter ``description`` of each generated page as the
component's Markdown description flattened to plain text. It parses the Markdown with
goldmark (CommonMark plus the Linkify extension: no tables, strikethrough, footnotes or
task lists) and walks the tree with a small text renderer. Users know that output from
the Terraform Registry, so :func:`markdown_to_plaintext` reproduces it exactly, quirks
included:

* every block (paragraph, heading, list, block quote, rule, code block) starts on a new
  line; a fenced code block is preceded by an empty line and keeps its lines verbatim;
* headings and block quotes are written as the bare text of their inline content: no
  link URLs, no autolinks, no line breaks;
* in paragraphs emphasis and code spans lose their markers, links become ``text url``
  (no URL for ``#anchor`` and ``/relative`` targets), images, raw HTML and HTML blocks
  vanish, autolinks keep their URL (``www.`` ones gain ``http://``), soft line breaks
  stay newlines and hard line breaks disappear;
* a paragraph whose text starts with ``|`` (a GFM table, which goldmark leaves as a
  paragraph) is copied as its source lines;
* items of tight lists are concatenated without separator ("First itemSecond item");
* backslash escapes and entity references stay as written, because the renderer copies
  source segments and goldmark only resolves those when it writes HTML.

The implementation is a small CommonMark parser of its own (block structure, then
inlines, following the spec's algorithms and goldmark's documented choices where they
differ) followed by the same walk. It never raises and has a fast path for the common
one-line description that contains no Markdown syntax at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["markdown_to_plaintext"]


def markdown_to_plaintext(text: str) -> str:
    """Return ``text`` (Markdown) rendered as plain text the way tfplugindocs does it.

    The result has no trailing newline unless the document ends with a code block,
    exactly like tfplugindocs; callers that embed it in YAML usually ``strip()`` it.
    """
    if not text:
        return ""
    if "\n" not in text and "\r" not in text and text[0] not in _LINE_BLOCK_STARTERS:
        if _INLINE_SYNTAX.search(text) is None:
            # No Markdown at all: one paragraph of one text node, trailing blanks trimmed.
            return text.rstrip(" \t")
        # One line that opens no block is a single paragraph: skip the block parser.
        out = _Output()
        _render_paragraph([(text.rstrip(_SPACE), "\n")], {}, out)
        return out.value()
    # Line endings are normalised first: goldmark would keep the "\r" of "\r\n" inside
    # code and table lines, and a bare "\r" has no business in YAML front matter.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser = _BlockParser(text)
    document = parser.parse()
    return _render(document, parser.refs)


# --------------------------------------------------------------------------- fast path

# Anything that can start an inline construct or be linkified to something else. An
# underscore between ASCII letters or digits ("snake_case") can neither open nor close
# emphasis, so it does not need the parser.
_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<]|www\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# First characters that may open a block other than a paragraph (or indent the line):
# headings, quotes, lists, rules, fences, HTML and link reference definitions.
_LINE_BLOCK_STARTERS = frozenset(" \t#>-+*_=~`<[0123456789")


# ------------------------------------------------------------------- character classes

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# goldmark's notion of a space byte (util.IsSpace): no vertical tab or form feed.
_SPACE = " \t\n\r"


def _is_punct_rune(ch: str) -> bool:
    return ch in _ASCII_PUNCT or (ch > "\x7f" and unicodedata.category(ch).startswith("P"))


def _is_space_rune(ch: str) -> bool:
    if ch in " \t\n\r\x0b\x0c\x85\xa0":
        return True
    return ch > "\xa0" and unicodedata.category(ch) in ("Zs", "Zl", "Zp")


# ------------------------------------------------------------------------ block nodes

_DOCUMENT = "document"
_QUOTE = "quote"
_LIST = "list"
_ITEM = "item"
_PARAGRAPH = "paragraph"
_HEADING = "heading"
_RULE = "rule"
_CODE = "code"
_HTML = "html"
_EMPTY = "empty"  # a paragraph that held only link reference definitions


class _Block:
    """One node of the block tree (a container or a leaf)."""

    __slots__ = (
        "blank_before",
        "children",
        "content",
        "fence_char",
        "fence_length",
        "fence_offset",
        "fenced",
        "html_type",
        "kind",
        "lines",
        "marker",
        "marker_offset",
        "open",
        "ordered",
        "padding",
        "parent",
        "start_line",
        "tight",
    )

    def __init__(self, kind: str, parent: _Block | None, start_line: int) -> None:
        self.kind = kind
        self.parent = parent
        self.children: list[_Block] = []
        self.open = True
        self.start_line = start_line
        # Whether the line before this block's first line was blank (list looseness).
        self.blank_before = False
        # Leaf text: paragraph lines as (text with its "\n", char before it in the
        # source); code and HTML lines verbatim with their "\n".
        self.lines: list[tuple[str, str]] = []
        self.content = ""  # ATX heading text
        self.fenced = False
        self.fence_char = ""
        self.fence_length = 0
        self.fence_offset = 0
        self.html_type = 0
        self.ordered = False
        self.marker = ""
        self.marker_offset = 0
        self.padding = 0
        self.tight = True

    @property
    def last_child(self) -> _Block | None:
        return self.children[-1] if self.children else None


def _can_contain(parent_kind: str, child_kind: str) -> bool:
    if parent_kind in (_DOCUMENT, _QUOTE, _ITEM):
        return child_kind != _ITEM
    if parent_kind == _LIST:
        return child_kind == _ITEM
    return False


def _accepts_lines(kind: str) -> bool:
    return kind in (_PARAGRAPH, _CODE, _HTML)


# ---------------------------------------------------------------------- block regexes

_MAYBE_SPECIAL = frozenset("#`~*+_=<>-0123456789")
_ATX_OPEN = re.compile(r"#{1,6}(?:[ \t]+|$)")
_FENCE_OPEN = re.compile(r"`{3,}(?!.*`)|~{3,}")
_FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})(?=[ \t]*$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_RULE_LINE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$")
_BULLET = re.compile(r"[*+-]")
_ORDERED = re.compile(r"(\d{1,9})([.)])")

_TAG_NAME = r"[A-Za-z][A-Za-z0-9-]*"
_ATTRIBUTE = (
    r"(?:[ \t\n\r]+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"(?:[ \t\n\r]*=[ \t\n\r]*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
_OPEN_TAG = "<" + _TAG_NAME + _ATTRIBUTE + r"*[ \t]*/?>"
_CLOSE_TAG = "</" + _TAG_NAME + r"[ \t\n\r]*>"
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
_HTML_KIND_7 = re.compile(
    r" {0,3}<(/ *)?([a-zA-Z][a-zA-Z0-9-]*)(" + _ATTRIBUTE + r"*) *(?:>|/>) *$"
)
_HTML_BLOCK_CLOSE = (
    re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE),
    re.compile(r"-->"),
    re.compile(r"\?>"),
    re.compile(r">"),
    re.compile(r"\]\]>"),
)


# ----------------------------------------------------------------------- block parser


class _BlockParser:
    """CommonMark block structure, one line at a time (the spec's two-phase design)."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        # A final "\n" ends the last line rather than starting an empty one.
        self.final_newline = lines[-1] == ""
        if self.final_newline:
            lines.pop()
        self.source_lines = lines
        self.document = _Block(_DOCUMENT, None, 0)
        self.tip = self.document
        self.old_tip = self.document
        self.last_matched = self.document
        self.all_closed = True
        self.refs: dict[str, str] = {}
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

    def parse(self) -> _Block:
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

    def _add_child(self, kind: str) -> _Block:
        while not _can_contain(self.tip.kind, kind):
            self._finalize(self.tip)
        block = _Block(kind, self.tip, self.line_number)
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
        if tip.kind == _PARAGRAPH:
            # goldmark trims the indentation of every paragraph line; emphasis rules
            # still look at the source character before the kept text.
            stripped = rest.lstrip(_SPACE)
            start = len(line) - len(stripped)
            before = "\n" if not tip.lines else (line[start - 1] if start > 0 else "\n")
            tip.lines.append((stripped + newline, before))
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
            depth = _depth(container) - (1 if container.kind == _PARAGRAPH else 0)
            self.blank_before = self.previous_levels[min(depth, len(self.previous_levels) - 1)]
        else:
            self.blank_before = False
        self.previous_levels = levels
        self.all_closed = container is self.old_tip
        self.last_matched = container
        matched_leaf = container.kind != _PARAGRAPH and _accepts_lines(container.kind)

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
        if not self.all_closed and not self.blank and self.tip.kind == _PARAGRAPH:
            self._add_line()  # lazy paragraph continuation
            return
        self._close_unmatched()
        kind = container.kind
        if _accepts_lines(kind):
            if kind == _CODE and container.fenced and container.start_line == number:
                return  # the opening fence line is not content
            self._add_line()
            if (
                kind == _HTML
                and 1 <= container.html_type <= 5
                and _HTML_BLOCK_CLOSE[container.html_type - 1].search(line, self.offset)
            ):
                self._finalize(container)
        elif self.offset < len(line) and not self.blank:
            self._add_child(_PARAGRAPH)
            self._advance_next_nonspace()
            self._add_line()

    # -- continuation of open blocks: 0 matched, 1 not matched, 2 line consumed

    def _continue(self, block: _Block) -> int:
        kind = block.kind
        if kind == _QUOTE:
            if not self.indented and self._peek(self.next_nonspace) == ">":
                self._advance_next_nonspace()
                self._advance_offset(1, False)
                if self._peek(self.offset) in (" ", "\t"):
                    self._advance_offset(1, True)
                return 0
            return 1
        if kind == _ITEM:
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
        if kind == _CODE:
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
        if kind == _HTML:
            return 1 if self.blank and block.html_type in (6, 7) else 0
        if kind == _PARAGRAPH:
            return 1 if self.blank else 0
        if kind in (_HEADING, _RULE):
            return 1
        return 0  # document, list

    # -- block starts: 0 none, 1 container opened, 2 leaf opened

    def _try_starts(self, container: _Block) -> int:
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
                self._add_child(_QUOTE)
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
            if container.kind == _PARAGRAPH and first in ("=", "-"):
                match = _SETEXT.match(line, start)
                if match is not None:
                    result = self._start_setext(container)
                    if result:
                        return result
            if first in ("*", "_", "-") and _RULE_LINE.match(line, start):
                self._close_unmatched()
                self._add_child(_RULE)
                self._advance_offset(len(line) - self.offset, False)
                return 2
        if not self.indented or container.kind == _LIST:
            result = self._start_list_item(container)
            if result:
                return result
        if self.indented and self.tip.kind != _PARAGRAPH and not self.blank:
            self._advance_offset(4, True)
            self._close_unmatched()
            self._add_child(_CODE)
            return 2
        return 0

    def _start_atx_heading(self) -> int:
        self._advance_next_nonspace()
        self._close_unmatched()
        heading = self._add_child(_HEADING)
        rest = self.line[self.offset :]
        heading.content = _atx_content(rest, len(rest) - len(rest.lstrip("#")))
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_fence(self, length: int) -> int:
        indent = self.indent
        self._close_unmatched()
        block = self._add_child(_CODE)
        block.fenced = True
        block.fence_length = length
        block.fence_char = self.line[self.next_nonspace]
        block.fence_offset = indent
        # The info string is not rendered; the whole opening line is consumed.
        self._advance_next_nonspace()
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_html(self) -> int:
        rest = self.line[self.offset :]
        if self.partially_consumed_tab:
            # What is left of a tab counts as spaces.
            rest = " " * (4 - self.column % 4) + rest[1:]
        kind = _html_block_kind(rest, self.tip.kind == _PARAGRAPH)
        if not kind:
            return 0
        self._close_unmatched()
        block = self._add_child(_HTML)
        block.html_type = kind
        return 2

    def _start_setext(self, paragraph: _Block) -> int:
        self._close_unmatched()
        remaining = self._strip_definitions(paragraph)
        if not remaining:
            return 0
        # The paragraph becomes the heading; its lines are the heading's text.
        paragraph.kind = _HEADING
        paragraph.lines = remaining
        _trim_last_line(paragraph)
        self.tip = paragraph
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_list_item(self, container: _Block) -> int:
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
            if container.kind == _PARAGRAPH and numbered.group(1) != "1":
                return 0
            marker_text = numbered.group(0)
            marker = numbered.group(2)
            ordered = True
        after = start + len(marker_text)
        if after < len(line) and line[after] not in (" ", "\t"):
            return 0
        if container.kind == _PARAGRAPH and line[after:].strip(" \t") == "":
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
        if tip.kind != _LIST or tip.ordered != ordered or tip.marker != marker:
            lst = self._add_child(_LIST)
            lst.ordered = ordered
            lst.marker = marker
        item = self._add_child(_ITEM)
        item.marker_offset = marker_offset
        item.padding = padding
        return 1

    # -- closing blocks

    def _finalize(self, block: _Block) -> None:
        parent = block.parent
        block.open = False
        kind = block.kind
        if kind == _PARAGRAPH:
            block.lines = self._strip_definitions(block)
            if block.lines:
                _trim_last_line(block)
            else:
                block.kind = _EMPTY  # nothing but link reference definitions
        elif kind == _CODE and not block.fenced:
            while block.lines and block.lines[-1][0].strip(" \t\n") == "":
                block.lines.pop()
        elif kind == _LIST:
            block.tight = _list_is_tight(block)
        if parent is not None:
            self.tip = parent

    def _strip_definitions(self, paragraph: _Block) -> list[tuple[str, str]]:
        lines = paragraph.lines
        if not lines or not lines[0][0].startswith("["):
            return lines
        joined = "".join(text for text, _ in lines)
        position = 0
        while position < len(joined) and joined[position] == "[":
            parsed = _parse_definition(joined, position)
            if parsed is None:
                break
            label, destination, position = parsed
            self.refs.setdefault(label, destination)
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


def _trim_last_line(block: _Block) -> None:
    text, before = block.lines[-1]
    block.lines[-1] = (text.rstrip(_SPACE), before)


def _depth(block: _Block) -> int:
    depth = 0
    parent = block.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


def _list_is_tight(block: _Block) -> bool:
    # goldmark's rule: a list is loose when a blank line precedes one of its items
    # (but the first) or a block of an item (but the item's first block).
    for index, item in enumerate(block.children):
        if index and item.blank_before:
            return False
        if any(child.blank_before for child in item.children[1:]):
            return False
    return True


# ------------------------------------------------------------ link reference parsing


def _normalize_label(label: str) -> str:
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
        if c == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
            i += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            if i - position - 1 > 999 or text[position + 1 : i].strip(_SPACE) == "":
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
            if c == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
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
        if c == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                break
        elif c in _SPACE or c < " ":
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
        if c == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
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


def _parse_definition(text: str, position: int) -> tuple[str, str, int] | None:
    """Parse ``[label]: destination "title"`` at ``position`` (a line start)."""
    label_end = _parse_label(text, position)
    if label_end < 0 or label_end >= len(text) or text[label_end] != ":":
        return None
    label = _normalize_label(text[position + 1 : label_end - 1])
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
                return label, destination, line_end
    line_end = _rest_is_blank(text, after_destination)
    if line_end < 0:
        return None
    return label, destination, line_end


# ------------------------------------------------------------------------ inline nodes

_TEXT = 0
_CODESPAN = 1
_EMPHASIS = 2
_LINK = 3
_IMAGE = 4
_AUTOLINK = 5
_RAWHTML = 6
_DELIMITER = 7
_BRACKET = 8
_ROOT = 9


class _Inline:
    """An inline node in a doubly linked sibling list (cheap moves while nesting)."""

    __slots__ = (
        "can_close",
        "can_open",
        "char",
        "destination",
        "first",
        "kind",
        "last",
        "length",
        "next",
        "next_delimiter",
        "original_length",
        "parent",
        "prev",
        "previous_bracket",
        "previous_delimiter",
        "soft_break",
        "text",
    )

    def __init__(self, kind: int, text: str = "") -> None:
        self.kind = kind
        self.text = text
        self.soft_break = False
        self.destination = ""
        self.parent: _Inline | None = None
        self.prev: _Inline | None = None
        self.next: _Inline | None = None
        self.first: _Inline | None = None
        self.last: _Inline | None = None
        # Delimiter runs ('*' and '_').
        self.char = ""
        self.length = 0
        self.original_length = 0
        self.can_open = False
        self.can_close = False
        self.previous_delimiter: _Inline | None = None
        self.next_delimiter: _Inline | None = None
        # Link and image openers.
        self.previous_bracket: _Inline | None = None

    def append(self, child: _Inline) -> None:
        child.parent = self
        child.next = None
        child.prev = self.last
        if self.last is not None:
            self.last.next = child
        else:
            self.first = child
        self.last = child

    def insert_after(self, child: _Inline) -> None:
        parent = self.parent
        child.parent = parent
        child.prev = self
        child.next = self.next
        if self.next is not None:
            self.next.prev = child
        elif parent is not None:
            parent.last = child
        self.next = child

    def unlink(self) -> None:
        parent = self.parent
        if self.prev is not None:
            self.prev.next = self.next
        elif parent is not None:
            parent.first = self.next
        if self.next is not None:
            self.next.prev = self.prev
        elif parent is not None:
            parent.last = self.prev
        self.parent = self.prev = self.next = None

    def children(self) -> Iterator[_Inline]:
        child = self.first
        while child is not None:
            following = child.next
            yield child
            child = following


# -------------------------------------------------------------------- inline regexes

_INLINE_OPEN_TAG = re.compile(_OPEN_TAG)
_INLINE_CLOSE_TAG = re.compile(_CLOSE_TAG)
_URL_SCHEME_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_URL_SCHEME = _URL_SCHEME_FIRST | frozenset("0123456789+-.")
_EMAIL_LOCAL = frozenset(
    "!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"
)
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_LINKIFY_PATH = r"(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
_LINKIFY_URL = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::[0-9]+)?"
    + _LINKIFY_PATH.replace("!?", "$!?")
)
_LINKIFY_WWW = re.compile(r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+" + _LINKIFY_PATH)
_LINKIFY_TRAILING = frozenset("?!.,:*_~")
_LINKIFY_TRIGGERS = frozenset(" *_~(")

_BACKTICK_RUNS: dict[int, re.Pattern[str]] = {}


def _closing_backticks(length: int) -> re.Pattern[str]:
    pattern = _BACKTICK_RUNS.get(length)
    if pattern is None:
        pattern = re.compile(f"(?<!`)`{{{length}}}(?!`)")
        if len(_BACKTICK_RUNS) < 64:
            _BACKTICK_RUNS[length] = pattern
    return pattern


def _email_end(text: str, start: int, end: int) -> int:
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


def _url_end(text: str, start: int, end: int) -> int:
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


# ---------------------------------------------------------------------- inline parser


class _InlineParser:
    """Inline structure of one paragraph or heading, scanned like goldmark scans it.

    The subject is the block's lines (each but the last ending with "\\n"). Parsing goes
    line by line; an inline construct may run over several lines, after which scanning
    resumes where it ended as if at the start of a line (this is where goldmark's
    Linkify gets its chance).
    """

    def __init__(self, lines: list[tuple[str, str]], refs: dict[str, str]) -> None:
        self.subject = "".join(text for text, _ in lines)
        self.refs = refs
        self.line_before: dict[int, str] = {}
        offset = 0
        for text, before in lines:
            self.line_before[offset] = before or "\n"
            offset += len(text)
        self.root = _Inline(_ROOT)
        self.first_delimiter: _Inline | None = None
        self.last_delimiter: _Inline | None = None
        self.last_bracket: _Inline | None = None
        self.link_bottom: _Inline | None = None

    # -- driver

    def parse(self) -> _Inline:
        s = self.subject
        n = len(s)
        root = self.root
        pos = 0
        escaped = False
        while pos < n:
            line_end = s.find("\n", pos)
            has_newline = line_end >= 0
            if not has_newline:
                line_end = n
            # How the line ends decides the break; hard-break markers are not text.
            limit = line_end
            soft = False
            visible_hard = False
            if has_newline:
                length = line_end - pos + 1
                if s[line_end - 1 : line_end] == "\\" and (
                    length == 2 or (length >= 3 and s[line_end - 2] != "\\")
                ):
                    limit = line_end - 1
                    visible_hard = True
                elif length >= 3 and s[line_end - 2 : line_end] == "  ":
                    limit = line_end - 2
                else:
                    soft = True
            # Linkify can only fire before "h", "f", "w" or on a line holding an "@".
            line_has_at = s.find("@", pos, line_end) >= 0
            start = pos
            # goldmark cuts the text at every position where some parser was tried and
            # trims trailing blanks only after the last such cut.
            last_cut = pos
            i = pos
            resumed = -1
            head = True
            while i < limit:
                if head:
                    head = False  # the line head is always examined
                else:
                    # Jump over characters that can neither trigger nor escape.
                    candidate = _CANDIDATE.search(s, i, limit)
                    if candidate is None:
                        escaped = False
                        break
                    if candidate.start() > i:
                        escaped = False
                        i = candidate.start()
                c = s[i]
                punct = c in _ASCII_PUNCT
                space = c == " " or c == "\t"
                if (punct and not escaped) or space or i == pos:
                    trigger = " " if space or (i == pos and not punct) else c
                    if trigger not in _TRIGGERS:
                        trigger = ""
                    else:
                        last_cut = i
                        if trigger in _LINKIFY_ONLY and not line_has_at:
                            after = i + 1 if c in _LINKIFY_TRIGGERS else i
                            if after >= n or s[after] not in "hfw":
                                trigger = ""  # Linkify cannot match here
                    if trigger:
                        if i > start:
                            self._append_text(s[start:i])
                        start = i
                        resumed = self._try_parsers(trigger, i)
                        if resumed >= 0:
                            break
                if escaped:
                    escaped = False
                elif c == "\\":
                    escaped = True
                i += 1
            if resumed >= 0:
                pos = resumed
                continue
            if visible_hard:
                tail = s[start:limit]
            else:
                tail = s[start:last_cut] + s[last_cut:limit].rstrip(_SPACE)
            node = self._append_text(tail)
            node.soft_break = soft
            pos = line_end + 1 if has_newline else n
        self._process_emphasis(None)
        # Openers that never closed are plain text.
        bracket = self.last_bracket
        while bracket is not None:
            bracket.kind = _TEXT
            bracket = bracket.previous_bracket
        self.last_bracket = None
        return root

    def _append_text(self, text: str) -> _Inline:
        # Adjacent text is merged so the tree stays small; a soft break ends a run.
        last = self.root.last
        if last is not None and last.kind == _TEXT and not last.soft_break:
            last.text += text
            return last
        node = _Inline(_TEXT, text)
        self.root.append(node)
        return node

    def _try_parsers(self, trigger: str, i: int) -> int:
        """Run the parsers registered for ``trigger`` at ``i``; new position or -1."""
        if trigger == "`":
            return self._code_span(i)
        if trigger in "[]!":
            return self._link(i)
        if trigger == "<":
            end = self._autolink(i)
            return end if end >= 0 else self._raw_html(i)
        if trigger in "*_":
            return self._delimiter_run(i)
        return self._linkify(i)

    # -- code spans

    def _code_span(self, i: int) -> int:
        s = self.subject
        j = i
        while j < len(s) and s[j] == "`":
            j += 1
        run = j - i
        closing = _closing_backticks(run).search(s, j)
        if closing is None:
            # No closer: the backticks are literal, scanning resumes after them.
            self.root.append(_Inline(_TEXT, s[i:j]))
            return j
        content = s[j : closing.start()]
        if (
            len(content) >= 2
            and content.strip(_SPACE) != ""
            and content[0] in " \n"
            and content[-1] in " \n"
        ):
            content = content[1:-1]
        self.root.append(_Inline(_CODESPAN, content))
        return closing.end()

    # -- emphasis

    def _delimiter_run(self, i: int) -> int:
        s = self.subject
        c = s[i]
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        before = self._char_before(i)
        after = s[j] if j < len(s) else " "
        before_punct = _is_punct_rune(before)
        before_space = _is_space_rune(before)
        after_punct = _is_punct_rune(after)
        after_space = _is_space_rune(after)
        left = not after_space and (not after_punct or before_space or before_punct)
        right = not before_space and (not before_punct or after_space or after_punct)
        node = _Inline(_DELIMITER, s[i:j])
        node.char = c
        node.length = node.original_length = j - i
        if c == "_":
            node.can_open = left and (not right or before_punct)
            node.can_close = right and (not left or after_punct)
        else:
            node.can_open = left
            node.can_close = right
        self.root.append(node)
        node.previous_delimiter = self.last_delimiter
        if self.last_delimiter is not None:
            self.last_delimiter.next_delimiter = node
        else:
            self.first_delimiter = node
        self.last_delimiter = node
        return j

    def _char_before(self, i: int) -> str:
        before = self.line_before.get(i)
        if before is not None:
            return before
        return self.subject[i - 1]

    def _remove_delimiter(self, node: _Inline) -> None:
        previous = node.previous_delimiter
        following = node.next_delimiter
        if previous is not None:
            previous.next_delimiter = following
        else:
            self.first_delimiter = following
        if following is not None:
            following.previous_delimiter = previous
        else:
            self.last_delimiter = previous
        node.previous_delimiter = node.next_delimiter = None
        # What is left of the run is literal text.
        if node.length:
            node.kind = _TEXT
            node.text = node.char * node.length
        else:
            node.unlink()

    def _process_emphasis(self, bottom: _Inline | None) -> None:
        if self.last_delimiter is None:
            return
        closer = self.first_delimiter if bottom is None else bottom.next_delimiter
        while closer is not None:
            if not closer.can_close:
                closer = closer.next_delimiter
                continue
            found = False
            maybe_opener = False
            consume = 0
            opener = closer.previous_delimiter
            while opener is not None and opener is not bottom:
                if opener.can_open and opener.char == closer.char:
                    maybe_opener = True
                    consume = _consumption(opener, closer)
                    if consume:
                        found = True
                        break
                opener = opener.previous_delimiter
            if not found or opener is None:
                following = closer.next_delimiter
                if not maybe_opener and not closer.can_open:
                    self._remove_delimiter(closer)
                closer = following
                continue
            opener.length -= consume
            closer.length -= consume
            emphasis = _Inline(_EMPHASIS)
            child = opener.next
            while child is not None and child is not closer:
                following_child = child.next
                child.unlink()
                emphasis.append(child)
                child = following_child
            opener.insert_after(emphasis)
            between = opener.next_delimiter
            while between is not None and between is not closer:
                following = between.next_delimiter
                self._remove_delimiter(between)
                between = following
            if opener.length == 0:
                self._remove_delimiter(opener)
            if closer.length == 0:
                following = closer.next_delimiter
                self._remove_delimiter(closer)
                closer = following
        # Whatever did not pair up is text.
        delimiter = self.first_delimiter if bottom is None else bottom.next_delimiter
        while delimiter is not None:
            following = delimiter.next_delimiter
            self._remove_delimiter(delimiter)
            delimiter = following

    # -- links and images

    def _link(self, i: int) -> int:
        s = self.subject
        c = s[i]
        if c == "!":
            if i + 1 < len(s) and s[i + 1] == "[":
                return self._open_bracket(i, "![")
            return -1
        if c == "[":
            return self._open_bracket(i, "[")
        opener = self.last_bracket
        if opener is None:
            return -1
        self.last_bracket = opener.previous_bracket
        label_start = opener.length
        if i - label_start > 999 or (opener.text == "[" and _contains_link(opener)):
            opener.kind = _TEXT
            return -1
        after = i + 1
        link: _Inline | None = None
        end = -1
        nxt = s[after] if after < len(s) else ""
        if nxt == "(":
            end, destination = self._inline_link_tail(after)
            if end >= 0:
                link = _Inline(_LINK)
                link.destination = destination
        elif nxt == "[":
            label_end = _find_closing_bracket(s, after + 1)
            if label_end >= 0:
                label = s[after + 1 : label_end]
                if label.strip(_SPACE) == "":
                    label = s[label_start:i]
                destination_or_none = (
                    None if len(label) > 999 else self.refs.get(_normalize_label(label))
                )
                if destination_or_none is None:
                    opener.kind = _TEXT
                    return -1
                link = _Inline(_LINK)
                link.destination = destination_or_none
                end = label_end + 1
        if link is None:
            label = s[label_start:i]
            destination_or_none = (
                None if len(label) > 999 else self.refs.get(_normalize_label(label))
            )
            if destination_or_none is None:
                opener.kind = _TEXT
                return -1
            link = _Inline(_LINK)
            link.destination = destination_or_none
            end = after
        # Emphasis inside the label is resolved before the label becomes the link text.
        bottom = self.link_bottom
        self.link_bottom = None
        self._process_emphasis(bottom)
        child = opener.next
        while child is not None:
            following = child.next
            child.unlink()
            link.append(child)
            child = following
        if opener.text == "![":
            link.kind = _IMAGE
        opener.unlink()
        self.root.append(link)
        return end

    def _open_bracket(self, i: int, marker: str) -> int:
        node = _Inline(_BRACKET, marker)
        node.length = i + len(marker)  # where the label text starts
        node.previous_bracket = self.last_bracket
        self.last_bracket = node
        self.link_bottom = self.last_delimiter
        self.root.append(node)
        return i + len(marker)

    def _inline_link_tail(self, position: int) -> tuple[int, str]:
        """Parse ``(destination "title")`` at ``position``; (end, destination) or -1."""
        s = self.subject
        cursor = _skip_blank(s, position + 1)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, ""
        destination = ""
        if cursor < len(s) and s[cursor] == "<":
            close = cursor + 1
            line_end = s.find("\n", cursor)
            if line_end < 0:
                line_end = len(s)
            while close < line_end:
                ch = s[close]
                if ch == "\\" and close + 1 < line_end and s[close + 1] in _ASCII_PUNCT:
                    close += 2
                    continue
                if ch == ">":
                    break
                close += 1
            if close >= line_end:
                return -1, ""
            destination = s[cursor + 1 : close]
            cursor = close + 1
        else:
            line_end = s.find("\n", cursor)
            if line_end < 0:
                line_end = len(s)
            depth = 0
            j = cursor
            while j < line_end:
                ch = s[j]
                if ch == "\\" and j + 1 < len(s) and s[j + 1] in _ASCII_PUNCT:
                    j += 2
                    continue
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth < 0:
                        break
                elif ch in _SPACE:
                    break
                j += 1
            if j == cursor:
                return -1, ""
            destination = s[cursor:j]
            cursor = j
        cursor = _skip_blank(s, cursor)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, destination
        if cursor >= len(s) or s[cursor] not in "\"'(":
            return -1, ""
        opener = s[cursor]
        closer = ")" if opener == "(" else opener
        j = cursor + 1
        while j < len(s):
            ch = s[j]
            if ch == "\\" and j + 1 < len(s) and s[j + 1] in _ASCII_PUNCT:
                j += 2
                continue
            if ch == closer:
                break
            if ch == opener:
                return -1, ""  # titles do not nest
            j += 1
        if j >= len(s):
            return -1, ""
        cursor = _skip_blank(s, j + 1)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, destination
        return -1, ""

    # -- autolinks and raw HTML

    def _autolink(self, i: int) -> int:
        s = self.subject
        line_end = s.find("\n", i)
        end_of_line = len(s) if line_end < 0 else line_end + 1
        stop = _email_end(s, i + 1, end_of_line)
        if stop < 0:
            stop = _url_end(s, i + 1, end_of_line)
        if stop < 0 or stop >= end_of_line or s[stop] != ">":
            return -1
        self.root.append(_Inline(_AUTOLINK, s[i + 1 : stop]))
        return stop + 1

    def _raw_html(self, i: int) -> int:
        s = self.subject
        second = s[i + 1] if i + 1 < len(s) else ""
        end = -1
        if second.isascii() and second.isalnum():
            match = _INLINE_OPEN_TAG.match(s, i)
            end = match.end() if match else -1
        elif second == "/" and i + 2 < len(s) and s[i + 2].isascii() and s[i + 2].isalnum():
            match = _INLINE_CLOSE_TAG.match(s, i)
            end = match.end() if match else -1
        elif s.startswith("<!--", i):
            end = _comment_end(s, i)
        elif s.startswith("<?", i):
            end = _find_after(s, "?>", i)  # goldmark lets "<?>" close itself
        elif second == "!" and i + 2 < len(s) and "A" <= s[i + 2] <= "Z":
            end = _find_after(s, ">", i)
        elif s.startswith("<![CDATA[", i):
            end = _find_after(s, "]]>", i)
        if end < 0:
            return -1
        self.root.append(_Inline(_RAWHTML))
        return end

    # -- Linkify extension

    def _linkify(self, i: int) -> int:
        if self.last_bracket is not None:
            return -1  # never inside a link label
        s = self.subject
        start = i + 1 if s[i] in _LINKIFY_TRIGGERS else i
        if start >= len(s):
            return -1
        line_end = s.find("\n", start)
        end_of_line = len(s) if line_end < 0 else line_end + 1
        first = s[start]
        if first not in "hfw" and s.find("@", start, end_of_line) < 0:
            return -1  # neither a URL nor an e-mail address: the common case
        match = None
        www = False
        if s.startswith(("http:", "https:", "ftp:"), start, end_of_line):
            match = _LINKIFY_URL.match(s, start, end_of_line)
        if match is None and s.startswith("www.", start, end_of_line):
            # goldmark marks the link as "http" even when only the e-mail rule matches.
            match = _LINKIFY_WWW.match(s, start, end_of_line)
            www = True
        if match is not None:
            stop = match.end()
            last = s[stop - 1]
            if last == ".":
                stop -= 1
            elif last == ")":
                closing = s.count(")", start, stop) - s.count("(", start, stop)
                if closing > 0:
                    stop -= closing
            elif last == ";":
                k = stop - 2
                while k >= start and s[k].isascii() and s[k].isalnum():
                    k -= 1
                if k != stop - 2 and k >= start and s[k] == "&":
                    stop = k
        else:
            if first in _ASCII_PUNCT:
                return -1
            stop = _email_end(s, start, end_of_line)
            if stop < 0:
                return -1
            at = s.find("@", start, stop)
            if s.find(".", at, stop - 1) < 0:
                return -1
            if s[stop - 1] == ".":
                stop -= 1
            if stop < end_of_line and s[stop] in "-_":
                return -1
        end = stop
        while end - 1 > start and s[end - 1] in _LINKIFY_TRAILING:
            end -= 1
        if start > i:
            self._append_text(s[i:start])
        label = s[start:end]
        self.root.append(_Inline(_AUTOLINK, "http://" + label if www else label))
        return end


_TRIGGERS = frozenset("`[]!<*_ ~(")
_LINKIFY_ONLY = frozenset(" ~(")
# Where the scan must stop: ASCII punctuation (which includes the backslash) and blanks.
_CANDIDATE = re.compile(r"[!-/:-@\[-`{-~ \t]")


def _consumption(opener: _Inline, closer: _Inline) -> int:
    """How many characters an opener/closer pair uses (0: the rule of three forbids)."""
    if (
        (opener.can_close or closer.can_open)
        and (opener.original_length + closer.original_length) % 3 == 0
        and closer.original_length % 3 != 0
    ):
        return 0
    if opener.length >= 2 and closer.length >= 2:
        return 2
    return 1


def _contains_link(opener: _Inline) -> bool:
    stack: list[_Inline] = []
    node = opener.next
    while node is not None:
        stack.append(node)
        node = node.next
    while stack:
        node = stack.pop()
        if node.kind == _LINK:
            return True
        stack.extend(node.children())
    return False


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _find_closing_bracket(text: str, position: int) -> int:
    """Index of the ``]`` closing a reference label that starts at ``position``."""
    i = position
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in _ASCII_PUNCT:
            i += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            return i
        i += 1
    return -1


def _find_after(text: str, needle: str, position: int) -> int:
    index = text.find(needle, position)
    return -1 if index < 0 else index + len(needle)


def _comment_end(text: str, i: int) -> int:
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


# ---------------------------------------------------------------------------- render


class _Output:
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


def _render(document: _Block, refs: dict[str, str]) -> str:
    out = _Output()
    # Depth-first walk with an explicit stack (no recursion limit on deep nesting).
    stack: list[tuple[_Block, bool]] = [(child, False) for child in reversed(document.children)]
    while stack:
        block, in_tight_item = stack.pop()
        kind = block.kind
        if kind == _PARAGRAPH:
            if in_tight_item:
                # Tight list items hold text blocks, which are not paragraphs.
                _render_inlines(_InlineParser(block.lines, refs).parse(), out)
            else:
                _render_paragraph(block.lines, refs, out)
        elif kind == _HEADING:
            out.newline()
            out.write(_inline_text(_heading_inlines(block, refs)))
        elif kind == _QUOTE:
            out.newline()
            out.write(_block_text(block, refs))
        elif kind == _RULE:
            out.newline()
        elif kind == _CODE:
            out.newline()
            if block.fenced:
                out.newline()
            out.write("".join(text for text, _ in block.lines))
        elif kind == _LIST:
            out.newline()
            for item in reversed(block.children):
                stack.extend((child, block.tight) for child in reversed(item.children))
        # HTML blocks write nothing at all.
    return out.value()


def _render_paragraph(lines: list[tuple[str, str]], refs: dict[str, str], out: _Output) -> None:
    out.newline()
    inlines = _InlineParser(lines, refs).parse()
    if _inline_text(inlines).startswith("|"):
        # A GFM table is a paragraph to goldmark without the extension: keep its source.
        out.write("".join(text for text, _ in lines))
    else:
        _render_inlines(inlines, out)


def _heading_inlines(block: _Block, refs: dict[str, str]) -> _Inline:
    if block.lines:
        return _InlineParser(block.lines, refs).parse()
    if block.content:
        return _InlineParser([(block.content, "\n")], refs).parse()
    return _Inline(_ROOT)


def _render_inlines(root: _Inline, out: _Output) -> None:
    stack: list[_Inline] = []
    node = root.first
    while node is not None or stack:
        if node is None:
            node = stack.pop()
            continue
        following = node.next
        kind = node.kind
        if kind == _TEXT:
            out.write(node.text)
            if node.soft_break:
                out.newline()
        elif kind == _CODESPAN:
            out.write(node.text)
        elif kind == _EMPHASIS:
            if following is not None:
                stack.append(following)
            node = node.first
            continue
        elif kind == _LINK:
            out.write(_inline_text(node))
            if not _is_relative(node.destination):
                out.write(" " + node.destination)
        elif kind == _AUTOLINK:
            out.write(node.text)
        # Images and raw HTML write nothing.
        node = following


def _inline_text(root: _Inline) -> str:
    """goldmark's ``Node.Text``: the text of all descendants, without line breaks."""
    parts: list[str] = []
    stack: list[_Inline] = []
    node = root.first
    while node is not None or stack:
        if node is None:
            node = stack.pop()
            continue
        kind = node.kind
        if kind in (_TEXT, _CODESPAN):
            parts.append(node.text)
        elif kind in (_EMPHASIS, _LINK, _IMAGE) and node.first is not None:
            if node.next is not None:
                stack.append(node.next)
            node = node.first
            continue
        node = node.next
    return "".join(parts)


def _block_text(block: _Block, refs: dict[str, str]) -> str:
    """``Node.Text`` of a container block: the inline text of every nested leaf."""
    parts: list[str] = []
    stack = list(reversed(block.children))
    while stack:
        child = stack.pop()
        if child.kind == _PARAGRAPH:
            parts.append(_inline_text(_InlineParser(child.lines, refs).parse()))
        elif child.kind == _HEADING:
            parts.append(_inline_text(_heading_inlines(child, refs)))
        elif child.kind in (_QUOTE, _LIST, _ITEM):
            stack.extend(reversed(child.children))
    return "".join(parts)


def _is_relative(destination: str) -> bool:
    # An empty destination would crash tfplugindocs; writing no URL is the sane choice.
    if not destination:
        return True
    if destination[0] == "#":
        return True
    return destination[0] == "/" and (len(destination) == 1 or destination[1] != "/")
