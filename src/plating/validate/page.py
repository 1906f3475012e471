"""Parse a documentation page once: front matter, headings, fences, links and anchors.

Every check reads the :class:`Page` built here; nothing re-reads or re-scans a file. The scan
is one pass over the lines with plain string tests (no regular expression that could
backtrack on a hostile line), and the front matter goes through PyYAML's C loader when it
is available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import yaml

from plating.render.frontmatter import split_front_matter
from plating.validate.markers import EXAMPLE, example_mode
from plating.validate.tree import DocFile

try:  # the C loader is ~10x faster; fall back to the pure-Python one when absent
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: Fence languages whose blocks are Terraform examples.
TERRAFORM_LANGUAGES = frozenset({"terraform", "hcl", "tf", "tofu", "opentofu"})

# The link destination after "](": <...>, or text with at most one level of balanced
# parentheses. Character classes exclude the delimiters, so matching is linear.
_LINK_TARGET = re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REF_DEF = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HTML_ID = re.compile(r"""<[A-Za-z][A-Za-z0-9]*\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"'<>]*)["']""")
_SLUG_DROP = re.compile(r"[^\w\- ]")
_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")
_HTML_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading outside code: ATX (``## Title``) or setext (``Title`` over ``---``)."""

    level: int
    text: str
    line: int
    has_content: bool  # some non-blank line follows before the next heading


@dataclass(frozen=True, slots=True)
class Fence:
    """A fenced code block: ``start`` is the opening fence's line, ``end`` the closing one.

    ``mode`` is the word of a ``<!-- plating-example: ... -->`` marker on the last non-blank
    line before the fence (None without one; see :mod:`plating.validate.markers`), and
    ``mode_line`` that marker's line.
    """

    start: int
    end: int | None  # None when the fence is never closed
    info: str
    indent: int
    content: str
    mode: str | None = None
    mode_line: int = 0

    @property
    def language(self) -> str:
        """The first word of the info string, lower-cased (``"terraform"``)."""
        word = self.info.split(maxsplit=1)[0] if self.info else ""
        return word.strip("{}.").lower()


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image destination (as written, unquoted)."""

    target: str
    line: int
    column: int


@dataclass(slots=True)
class Page:
    """A page of a docs tree, parsed."""

    file: DocFile
    text: str
    front_matter: str | None = None  # raw YAML between the --- lines
    data: Any = None  # parsed front matter (None when missing or invalid)
    yaml_error: tuple[int, str] | None = None  # (line, message)
    fm_keys: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    fm_duplicates: list[tuple[str, int]] = field(default_factory=list)  # PyYAML keeps the last
    body_line: int = 1  # line number of the first body line
    headings: list[Heading] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html_ids: dict[str, int] = field(default_factory=dict)  # id -> first line
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)
    no_space_headings: list[int] = field(default_factory=list)  # "#Title" lines
    long_lines: list[tuple[int, int]] = field(default_factory=list)  # (line, length)
    _anchors: frozenset[str] | None = None

    def anchors(self) -> frozenset[str]:
        """Every fragment that leads somewhere in this page (ids and heading slugs)."""
        if self._anchors is None:
            found = set(self.html_ids)
            seen: dict[str, int] = {}
            for heading in self.headings:
                slug = slugify(heading.text)
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                found.add(slug if count == 0 else f"{slug}-{count}")
            self._anchors = frozenset(found)
        return self._anchors


def slugify(text: str) -> str:
    """The anchor a heading gets (GitHub's rule, which the Registry follows)."""
    text = _INLINE_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text).replace("`", "").replace("*", "")
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def decode(data: bytes) -> tuple[str | None, tuple[int, str] | None]:
    """UTF-8 text with LF line ends, or ``(None, (line, message))`` when not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, (line, f"not UTF-8 text (byte offset {exc.start}); save the file as UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text, None


def parse_page(file: DocFile, text: str, *, line_length: int | None = None) -> Page:
    """Build the :class:`Page` of a decoded file (``line_length``: collect longer lines)."""
    page = Page(file=file, text=text)
    body_text = text
    front, rest = split_front_matter(text)
    if front is not None:
        page.front_matter = front
        page.body_line = text.count("\n", 0, len(text) - len(rest)) + 1
        body_text = rest
        _parse_front_matter(page, front)
    _scan_body(page, body_text, page.body_line, line_length)
    return page


def _parse_front_matter(page: Page, front: str) -> None:
    # Top-level keys and their lines, for findings that point at a key.
    for offset, text in enumerate(front.split("\n")):
        if text and text[0] not in " \t#-" and ":" in text:
            key = text.split(":", 1)[0].strip().strip("\"'")
            if key in page.fm_keys:
                page.fm_duplicates.append((key, offset + 2))
            else:
                page.fm_keys[key] = offset + 2
    try:
        page.data = yaml.load(front, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        page.yaml_error = (line, f"front matter is not valid YAML: {problem}")
        return
    if page.data is None:
        page.data = {}


def _scan_body(page: Page, body: str, first_line: int, line_length: int | None) -> None:
    lines = body.split("\n")
    headings: list[list[Any]] = []  # [level, text, line, has_content]
    fence_char = ""
    fence_len = 0
    fence_start = 0
    fence_indent = 0
    fence_info = ""
    fence_mode: str | None = None
    fence_mode_line = 0
    fence_lines: list[str] = []
    keep_content = False
    in_comment = False  # inside a multi-line <!-- --> comment: nothing there renders
    previous = ""  # the last non-blank line outside code, for a marker before a fence
    previous_number = 0
    # The paragraph being read, which a setext underline turns into a heading: the index
    # of its first line (-1: none), and whether the section above had content before it.
    paragraph = -1
    had_content = False
    for index, line in enumerate(lines):
        number = first_line + index
        if fence_char:
            stripped = line.lstrip(" \t")
            if (
                stripped.startswith(fence_char * fence_len)
                and not stripped.strip(fence_char[0]).strip()
            ):
                page.fences.append(
                    Fence(
                        fence_start,
                        number,
                        fence_info,
                        fence_indent,
                        "\n".join(fence_lines) if keep_content else "",
                        fence_mode,
                        fence_mode_line,
                    )
                )
                fence_char = ""
                fence_lines = []
            elif keep_content:
                # Lines of an indented fence lose up to the fence's indentation.
                cut = min(fence_indent, len(line) - len(line.lstrip(" ")))
                fence_lines.append(line[cut:])
            continue
        if not line or line.isspace():
            paragraph = -1
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if "<!--" in line and "-->" not in line[line.rindex("<!--") :]:
            in_comment = True
            paragraph = -1
            if headings:
                headings[-1][3] = True
            continue
        if line_length is not None and len(line) > line_length and " " in line.strip():
            page.long_lines.append((number, len(line)))
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        first = stripped[0]
        if paragraph >= 0 and indent <= 3 and first in "=-" and _is_underline(stripped):
            # A setext heading: the paragraph above is its text (CommonMark's rule).
            start = first_line + paragraph
            if headings and headings[-1][2] < start:
                headings[-1][3] = had_content
            text = " ".join(lines[i].strip() for i in range(paragraph, index))
            headings.append([1 if first == "=" else 2, text, start, False])
            paragraph = -1
            previous, previous_number = line, number
            continue
        this_line, this_number = previous, previous_number
        previous, previous_number = line, number
        if first in "`~" and stripped.startswith(("```", "~~~")):
            run = len(stripped) - len(stripped.lstrip(first))
            info = stripped[run:].strip()
            if first != "`" or "`" not in info:
                fence_char, fence_len = first * 1, run
                fence_start, fence_indent, fence_info = number, indent, info
                fence_mode = example_mode(this_line) if EXAMPLE in this_line else None
                fence_mode_line = this_number if fence_mode is not None else 0
                language = info.split(maxsplit=1)[0].strip("{}.").lower() if info else ""
                keep_content = language in TERRAFORM_LANGUAGES
                paragraph = -1
                if headings:
                    headings[-1][3] = True
                continue
        if first == "#" and indent <= 3:
            hashes = len(stripped) - len(stripped.lstrip("#"))
            rest = stripped[hashes:]
            if hashes <= 6 and (not rest or rest[0] in " \t"):
                title = rest.strip()
                if title.endswith("#"):
                    bare = title.rstrip("#")
                    if not bare or bare[-1] in " \t":
                        title = bare.rstrip()
                headings.append([hashes, title, number, False])
                paragraph = -1
                continue
            if hashes <= 6 and rest and rest[0] != "#" and not rest[0].isspace():
                page.no_space_headings.append(number)
        block = first in _BLOCK_FIRST and _starts_block(stripped)
        if paragraph >= 0:
            if block:
                paragraph = -1
        elif indent <= 3 and not block:
            paragraph = index
            had_content = bool(headings) and headings[-1][3]
        if headings:
            headings[-1][3] = True
        if "](" in line or first == "[":
            _collect_links(page, line, number)
        if "id=" in line or "name=" in line or "id =" in line:
            for match in _HTML_ID.finditer(line):
                anchor = match.group(1)
                if anchor in page.html_ids:
                    page.duplicate_ids.append((anchor, number))
                else:
                    page.html_ids[anchor] = number
    if fence_char:
        page.fences.append(
            Fence(
                fence_start,
                None,
                fence_info,
                fence_indent,
                "\n".join(fence_lines) if keep_content else "",
                fence_mode,
                fence_mode_line,
            )
        )
    page.headings = [Heading(h[0], h[1], h[2], h[3]) for h in headings]


_BLOCK_FIRST = frozenset(">|<-*+_0123456789")


def _is_underline(stripped: str) -> bool:
    """A setext underline: only '=' or only '-' characters, then blanks."""
    marks = stripped.rstrip(" \t")
    return marks == marks[0] * len(marks)


def _starts_block(stripped: str) -> bool:
    """Whether a line opens a block that is not paragraph text: a list item, a quote, a
    thematic break, HTML or a table row. Such a line ends a paragraph, and a setext
    underline after it is not a heading."""
    first = stripped[0]
    if first in ">|<":
        return True
    if first in "-*+":
        if len(stripped) == 1 or stripped[1] in " \t":
            return True  # a bullet list item
        bare = stripped.replace(" ", "").replace("\t", "")
        return len(bare) >= 3 and bare == first * len(bare)  # a thematic break
    if first == "_":
        bare = stripped.replace(" ", "").replace("\t", "")
        return len(bare) >= 3 and bare == first * len(bare)
    if first.isdigit():
        digits = len(stripped) - len(stripped.lstrip("0123456789"))
        after = stripped[digits : digits + 2]
        return digits <= 9 and after[:1] in (".", ")") and (len(after) == 1 or after[1] in " \t")
    return False


def _collect_links(page: Page, line: str, number: int) -> None:
    scan = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line
    for match in _LINK_TARGET.finditer(scan):
        target = match.group(1)
        if target.startswith("<"):
            target = target[1:-1]
        page.links.append(Link(unquote(target), number, match.start(1) + 1))
    if scan.lstrip(" ").startswith("["):
        ref = _REF_DEF.match(scan)
        if ref is not None:
            target = ref.group(1)
            if target.startswith("<"):
                target = target[1:-1]
            page.links.append(Link(unquote(target), number, ref.start(1) + 1))
