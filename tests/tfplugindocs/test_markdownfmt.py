"""The Markdown serialiser of ``plating migrate``: markdownfmt v3.1's output over goldmark 1.7,
as tfplugindocs' ``migrate`` writes each page.

Each expected output below was derived by hand from markdownfmt's renderer and goldmark's
parser (the rule is stated where it is not obvious); the migrate goldens under
``migrate_goldens/`` hold whole pages shaped like real providers' ``website/docs``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from plating.cli import main
from plating.tfplugindocs.markdownfmt import Unsupported, format_blocks, format_markdown

GOLDENS = Path(__file__).parent / "migrate_goldens"

RULES = [
    # Headings are ATX whatever the source used; closing hashes go.
    ("Title\n=====\n", "# Title\n"),
    ("Sub\n---\n", "## Sub\n"),
    ("### Closed ###\n", "### Closed\n"),
    ("#\n", "# \n"),  # an empty heading keeps the space after its hashes
    # goldmark's attributes come back id first, then classes, as {#id .a .b}.
    ("## Import {#import .a .b}\n", "## Import {#import .a .b}\n"),
    # Blanks collapse to one space inside a text node; a soft line break is a space.
    ("one   two three\nfour\n", "one two three four\n"),
    # goldmark appends the text after a line's last blank as a node of its own, and
    # markdownfmt cleans each node apart: a double blank there stays double.
    ("a  b  c\n", "a b  c\n"),
    # A hard line break is marked hard only (goldmark 1.7): markdownfmt writes a bare
    # line break, so neither the two spaces nor the backslash survive.
    ("one  \ntwo\\\nthree\n", "one\ntwo\nthree\n"),
    # Emphasis is * and ** whatever it was written with; strikethrough is ~~.
    ("_a_ __b__ *c* **d** ~e~ ~~f~~\n", "*a* **b** *c* **d** ~~e~~ ~~f~~\n"),
    # Code spans get one backtick each side (whatever they held) and blanks cleaned.
    ("``a  `b` ``\n", "`a `b` `\n"),
    # Reference links become inline links; definitions disappear; titles as written.
    ('[x][r] [r]\n\n[r]: /u "T"\n', '[x](/u "T") [r](/u "T")\n'),
    ("[x](<a b> 'T')\n", '[x](a b "T")\n'),
    # Autolinks are their bare text; escapes and entities stay as written.
    ("<https://e.com> www.e.com \\* &amp;\n", "https://e.com www.e.com \\* &amp;\n"),
    # Bullets keep the list's character; ordered items count from the start (0 -> 1).
    ("+ a\n+ b\n", "+ a\n+ b\n"),
    ("0) a\n7) b\n", "1) a\n2) b\n"),
    ("3. a\n3. b\n", "3. a\n4. b\n"),
    # An item's content is indented by its marker's width.
    ("10. a\n\n    b\n", "10. a\n\n    b\n"),
    ("- a\n    - b\n", "- a\n  - b\n"),
    # A list interrupting a paragraph gets no blank line; after one it keeps it.
    ("p\n- a\n", "p\n- a\n"),
    ("p\n\n- a\n", "p\n\n- a\n"),
    # Tight items have text blocks (no separator), but a code block still gets one.
    ("- a\n  ```\n  x\n  ```\n- b\n", "- a\n\n  ```\n  x\n  ```\n- b\n"),
    # Task list boxes.
    ("- [x] a\n- [ ] b\n", "- [X] a\n- [ ] b\n"),
    # Indented code becomes fenced; a ~~~ fence becomes ```; the info string stays.
    ("    x\n", "```\nx\n```\n"),
    ("~~~sh  \nx\n~~~\n", "```sh\nx\n```\n"),
    # Thematic breaks are ---.
    ("***\n___\n", "---\n\n---\n"),
    # A block quote's blank line is ">" alone.
    ("> a\n>\n> b\n", "> a\n>\n> b\n"),
    ("- > q\n", "- > q\n"),
    # HTML blocks are copied; one after a paragraph it interrupts gets no blank line.
    ("p\n<div>\n  x\n</div>\n", "p\n<div>\n  x\n</div>\n"),
    # Tables: columns padded to the widest cell, header cells left-aligned, delimiter
    # row one dash each side of the width, colons for the alignment.
    (
        "a|b|c\n:-|:-:|-:\n1|22|333\n",
        "| a | b  | c   |\n|:--|:--:|----:|\n| 1 | 22 | 333 |\n",
    ),
    # A short row is padded with empty cells; a long one is cut.
    ("|a|b|\n|-|-|\n|1|\n|1|2|3|\n", "| a | b |\n|---|---|\n| 1 |   |\n| 1 | 2 |\n"),
    # The lines before a table stay a paragraph of their own.
    ("p\n|a|\n|-|\n", "p\n\n| a |\n|---|\n"),
    # A header row with fewer cells than the delimiter row is padded (goldmark does).
    ("|a|\n|-|-|\n|1|2|\n", "| a |   |\n|---|---|\n| 1 | 2 |\n"),
    # A delimiter row indented four columns or more is text; a later one still counts.
    ("a|b\n    -|-\n", "a|b -|-\n"),
    ("p\n    a|b\n-|-\n", "p\n\n| a | b |\n|---|---|\n"),
    # goldmark's task box also opens a heading that is an item's first block.
    ("- # [x] Done\n", "- # [X] Done\n"),
    ("- [ ] Title\n  ---\n", "- ## [ ] Title\n"),
    # Wide characters count two columns.
    ("|a|\n|-|\n|ああ|\n", "| a    |\n|------|\n| ああ |\n"),
]


@pytest.mark.parametrize(("source", "expected"), RULES)
def test_markdownfmt_rules(source: str, expected: str) -> None:
    assert format_markdown(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "## H {key=value}\n",  # printed as a Go value by markdownfmt
        "## H {#a #b}\n",
        "|`a\\|b`|\n|-|\n",  # goldmark unescapes the pipe inside the code span
        "|a|\n|-|\n|\u00b1|\n",  # an ambiguous width: go-runewidth follows the locale
        "a\rb\n",
    ],
)
def test_what_is_not_reproduced_is_refused(source: str) -> None:
    with pytest.raises(Unsupported):
        format_blocks(source)


def test_top_level_fenced_blocks_carry_their_code() -> None:
    nodes = format_blocks("p\n\n```hcl\nx = 1\n```\n\n- ```hcl\n  y\n  ```\n")
    assert [(n.info, n.code) for n in nodes] == [(None, ""), ("hcl", "x = 1\n"), (None, "")]
    assert nodes[1].text == "\n\n```hcl\nx = 1\n```"


# ------------------------------------------------------------------- migrate goldens

CASES = sorted(p for p in GOLDENS.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_migrate_golden(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    shutil.copytree(case / "input", work)
    assert main(["migrate", "--provider-dir", str(work)]) == 0
    expected = case / "expected"
    want = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())
    got = sorted(
        p.relative_to(work).as_posix()
        for folder in ("templates", "examples")
        for p in (work / folder).rglob("*")
        if p.is_file()
    )
    assert got == want
    for relative in want:
        assert (work / relative).read_bytes() == (expected / relative).read_bytes(), relative


def test_a_page_not_reproduced_is_kept_as_written_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    shutil.copytree(GOLDENS / "docs_index_page" / "input", work)
    assert main(["migrate", "--provider-dir", str(work)]) == 0
    err = capsys.readouterr().err
    assert "item.md: its Markdown is kept as written" in err
    assert "index.md" not in err
    page = (work / "templates" / "data-sources" / "item.md.tmpl").read_text()
    assert "# demo_item (Data Source) {data-source=true}\n" in page


# -------------------------------------------------------------------- properties

_WORD = st.sampled_from(
    ["alpha", "beta", "`code`", "*em*", "__strong__", "~~gone~~", "[link](/x)", "x_y", "1.5"]
)
_LINE = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
_PARAGRAPH = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
_HEADING = st.tuples(st.integers(1, 6), _LINE).map(lambda t: "#" * t[0] + " " + t[1])
_CODE = st.tuples(st.sampled_from(["", "sh", "go"]), _LINE).map(lambda t: f"```{t[0]}\n{t[1]}\n```")
_TABLE = st.tuples(_WORD, _WORD, st.sampled_from(["-", ":-", "-:", ":-:"])).map(
    lambda t: f"| h | {t[0]} |\n|---|{t[2]}|\n| {t[1]} | v |"
)


@st.composite
def _list(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["-", "*", "+", "1.", "3)"]))
    loose = draw(st.booleans())
    items = draw(st.lists(_LINE, min_size=1, max_size=4))
    pad = " " * (len(marker) + 1)
    nested = draw(st.one_of(st.none(), _LINE))
    lines = []
    for index, item in enumerate(items):
        lines.append(f"{marker} {item}")
        if nested is not None and index == 0:
            lines.append(f"{pad}- {nested}")
    return ("\n\n" if loose else "\n").join(lines)


_BLOCK = st.one_of(
    _PARAGRAPH,
    _HEADING,
    _CODE,
    _TABLE,
    _list(),
    _PARAGRAPH.map(lambda p: "> " + p.replace("\n", "\n> ")),
    st.just("---"),
    st.just("<div>\nraw\n</div>"),
)
_DOCUMENT = st.lists(_BLOCK, min_size=1, max_size=6).map(lambda b: "\n\n".join(b) + "\n")

_HTML = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _meaning(markdown: str) -> str:
    """The HTML a CommonMark renderer makes of ``markdown``, blanks normalised."""
    return re.sub(r"\s+", " ", _HTML.render(markdown)).replace("> <", "><").strip()


@settings(max_examples=200, deadline=None)
@given(_DOCUMENT)
def test_formatting_is_idempotent(document: str) -> None:
    once = format_markdown(document)
    assert format_markdown(once) == once


@settings(max_examples=200, deadline=None)
@given(_DOCUMENT)
def test_formatting_keeps_the_rendered_meaning(document: str) -> None:
    assert _meaning(format_markdown(document)) == _meaning(document)
