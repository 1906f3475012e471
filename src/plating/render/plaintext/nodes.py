"""The two trees the parser builds: blocks (containers and leaves) and, per paragraph or
heading, inlines (a linked list of siblings under each parent)."""

from __future__ import annotations

from collections.abc import Iterator

# ------------------------------------------------------------------------ block nodes

DOCUMENT = "document"
QUOTE = "quote"
LIST = "list"
ITEM = "item"
PARAGRAPH = "paragraph"
HEADING = "heading"
RULE = "rule"
CODE = "code"
HTML = "html"
EMPTY = "empty"  # a paragraph that held only link reference definitions


class Block:
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
        "indents",
        "info",
        "kind",
        "level",
        "lines",
        "marker",
        "marker_offset",
        "open",
        "ordered",
        "padding",
        "parent",
        "start",
        "start_line",
        "tight",
    )

    def __init__(self, kind: str, parent: Block | None, start_line: int) -> None:
        self.kind = kind
        self.parent = parent
        self.children: list[Block] = []
        self.open = True
        self.start_line = start_line
        # Whether the line before this block's first line was blank (list looseness).
        self.blank_before = False
        # Leaf text: paragraph lines as (text with its "\n", char before it in the
        # source); code and HTML lines verbatim with their "\n".
        self.lines: list[tuple[str, str]] = []
        # Paragraphs: the columns of blank each line had before the trim (a GFM table's
        # delimiter row may not be indented four or more); lines only ever leave from the
        # front, so the last len(lines) entries are the current lines'.
        self.indents: list[int] = []
        self.content = ""  # ATX heading text
        self.fenced = False
        self.fence_char = ""
        self.fence_length = 0
        self.fence_offset = 0
        self.html_type = 0
        self.info = ""  # a fenced code block's info string, trimmed
        self.level = 0  # a heading's level
        self.start = 0  # an ordered list's first number
        self.ordered = False
        self.marker = ""
        self.marker_offset = 0
        self.padding = 0
        self.tight = True

    @property
    def last_child(self) -> Block | None:
        return self.children[-1] if self.children else None


# ------------------------------------------------------------------------ inline nodes

TEXT = 0
CODESPAN = 1
EMPHASIS = 2
LINK = 3
IMAGE = 4
AUTOLINK = 5
RAWHTML = 6
DELIMITER = 7
BRACKET = 8
ROOT = 9
STRIKE = 10  # GFM strikethrough (only when the parser is asked for GFM)
CHECKBOX = 11  # GFM task list item check box: text "x" when checked, " " when not


class Inline:
    """An inline node in a doubly linked sibling list (cheap moves while nesting)."""

    __slots__ = (
        "can_close",
        "can_open",
        "char",
        "destination",
        "first",
        "hard_break",
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
        "title",
    )

    def __init__(self, kind: int, text: str = "") -> None:
        self.kind = kind
        self.text = text
        self.soft_break = False
        self.hard_break = False
        # Links and images: the destination and title as written (a title without its
        # quotes); autolinks: the label as written.
        self.destination = ""
        self.title = ""
        self.parent: Inline | None = None
        self.prev: Inline | None = None
        self.next: Inline | None = None
        self.first: Inline | None = None
        self.last: Inline | None = None
        # Delimiter runs ('*' and '_').
        self.char = ""
        self.length = 0
        self.original_length = 0
        self.can_open = False
        self.can_close = False
        self.previous_delimiter: Inline | None = None
        self.next_delimiter: Inline | None = None
        # Link and image openers.
        self.previous_bracket: Inline | None = None

    def append(self, child: Inline) -> None:
        child.parent = self
        child.next = None
        child.prev = self.last
        if self.last is not None:
            self.last.next = child
        else:
            self.first = child
        self.last = child

    def insert_after(self, child: Inline) -> None:
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

    def children(self) -> Iterator[Inline]:
        child = self.first
        while child is not None:
            following = child.next
            yield child
            child = following
