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
one-line description that contains no Markdown syntax at all. Its modules: ``blocks``
(the block tree), ``inlines`` (the inlines of a paragraph or heading), ``output`` (the walk
that writes the text), over ``nodes`` (both trees' node types) and ``scan`` (scanners of
the source text both parsers share).
"""

from __future__ import annotations

import re

from plating.render.plaintext.blocks import BlockParser
from plating.render.plaintext.output import Output, render, render_paragraph
from plating.render.plaintext.scan import SPACE

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
        out = Output()
        render_paragraph([(text.rstrip(SPACE), "\n")], {}, out)
        return out.value()
    # Line endings are normalised first: goldmark would keep the "\r" of "\r\n" inside
    # code and table lines, and a bare "\r" has no business in YAML front matter.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser = BlockParser(text)
    document = parser.parse()
    return render(document, parser.refs)


# --------------------------------------------------------------------------- fast path

# Anything that can start an inline construct or be linkified to something else. An
# underscore between ASCII letters or digits ("snake_case") can neither open nor close
# emphasis, so it does not need the parser.
_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<]|www\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# First characters that may open a block other than a paragraph (or indent the line):
# headings, quotes, lists, rules, fences, HTML and link reference definitions.
_LINE_BLOCK_STARTERS = frozenset(" \t#>-+*_=~`<[0123456789")
