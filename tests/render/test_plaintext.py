"""Plain-text rendering of Markdown descriptions, as tfplugindocs' ``mdplain`` does it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plating.render.plaintext import markdown_to_plaintext
from plating.render.plaintext.blocks import BlockParser
from plating.render.plaintext.output import render

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN = REPO_ROOT.parent / "shared" / "conformance" / "tfplugindocs" / "plainmarkdown"


def _full_pipeline(text: str) -> str:
    """The block parser and renderer without the one-line shortcuts."""
    parser = BlockParser(text.replace("\r\n", "\n").replace("\r", "\n"))
    return render(parser.parse(), parser.refs)


def test_golden_cheat_sheet() -> None:
    source = (GOLDEN / "markdown.md").read_text(encoding="utf-8")
    expected = (GOLDEN / "mdplain.txt").read_text(encoding="utf-8")
    # tfplugindocs compares byte for byte; so do we (neither side ends with "\n").
    assert markdown_to_plaintext(source) == expected


# Expected values were checked against goldmark with tfplugindocs' rendering rules.
CASES = [
    ("empty", "", ""),
    ("blank lines only", "   \n\t\n", ""),
    ("plain sentence", "Manages a virtual network.", "Manages a virtual network."),
    (
        "heading and emphasis",
        "# Title\n\nSome *emphasis*, **strong** and ***both***.",
        "Title\nSome emphasis, strong and both.",
    ),
    ("nested emphasis", "*nested **strong** emphasis*", "nested strong emphasis"),
    ("code span", "Use `resource_group_name` here.", "Use resource_group_name here."),
    (
        "links",
        "See [the docs](https://example.com/docs) or [below](#usage) or [home](/).",
        "See the docs https://example.com/docs or below or home.",
    ),
    ("image dropped", "A badge ![build](https://ci/badge.svg) here.", "A badge  here."),
    (
        "autolinks",
        "Visit <https://example.com> or www.example.com or mail ops@example.com.",
        "Visit https://example.com or http://www.example.com or mail ops@example.com.",
    ),
    ("tight lists", "- one\n- two\n\n1. first\n2. second", "onetwo\nfirstsecond"),
    ("loose list", "- one\n\n- two", "one\ntwo"),
    ("task list", "- [x] done\n- [ ] todo", "[x] done[ ] todo"),
    ("thematic break", "Intro\n\n---\n\nOutro", "Intro\n\nOutro"),
    (
        "fenced code",
        'Before\n\n```hcl\nresource "x" "y" {\n  a = 1\n}\n```\nAfter',
        'Before\n\nresource "x" "y" {\n  a = 1\n}\n\nAfter',
    ),
    (
        "indented code",
        "Text\n\n    indented code\n    more\n\nAfter",
        "Text\nindented code\nmore\n\nAfter",
    ),
    (
        "block quote is bare text",
        "> quoted *text*\n> with [a link](https://x.io)",
        "quoted textwith a link",
    ),
    ("setext headings", "Title\n=====\n\nSub *title*\n---", "Title\nSub title"),
    (
        "hard breaks vanish, soft breaks stay",
        "line one  \nline two\\\nline three\nline four",
        "line oneline twoline three\nline four",
    ),
    ("crlf", "line one\r\nline two\r\n", "line one\nline two"),
    ("tabs", "Tabs\there and\n\tindented continuation", "Tabs\there and\nindented continuation"),
    ("non-ascii", "Ünïcödé — “quotes” *émphasis* 日本語", "Ünïcödé — “quotes” émphasis 日本語"),
    ("inline html dropped", "Some <b>bold</b> and <br/> break", "Some bold and  break"),
    ("html block dropped", "<div>\nblock html\n</div>\n\nAfter", "After"),
    (
        "escapes and entities stay",
        "Escaped \\*stars\\* and &amp; entity",
        "Escaped \\*stars\\* and &amp; entity",
    ),
    ("table kept", "| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |"),
    (
        "reference links",
        "A [ref link][r] and [r].\n\n[r]: https://example.com/r",
        "A ref link https://example.com/r and r https://example.com/r.",
    ),
    ("heading drops link url", "## See [docs](https://x.io) now", "See docs now"),
    ("strikethrough literal", "~~strike~~ stays", "~~strike~~ stays"),
    ("underscores", "snake_case_name and __init__", "snake_case_name and init"),
    ("trailing blanks", "trailing spaces   ", "trailing spaces"),
    ("angle and empty destinations", "[a](<b c>) [d]() x", "a b c d x"),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rendering(markdown: str, expected: str) -> None:
    assert markdown_to_plaintext(markdown) == expected


def test_fenced_code_at_end_keeps_its_final_newline() -> None:
    assert markdown_to_plaintext("Intro\n\n```\ncode\n```\n") == "Intro\n\ncode\n"


def test_deep_nesting_does_not_hit_the_recursion_limit() -> None:
    assert markdown_to_plaintext("> " * 3000 + "deep") == "deep"
    assert markdown_to_plaintext("*" * 3000 + "x" + "*" * 3000) == "x"


# ------------------------------------------------------------------------ properties

MARKDOWNISH = st.text(alphabet="ab *_`[]()!<>#-+=~|\\\n\r\t:/.@&;\"'1{}é\u00a0w", max_size=80)
# Words start with a letter: "1." or "2)" at the start of a line would open a list.
WORD = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,11}", fullmatch=True)
PLAIN_LINE = st.lists(
    st.tuples(WORD, st.sampled_from(["", ".", ",", ";", ":", "!", "?", "'s"])).map("".join),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    assert isinstance(markdown_to_plaintext(text), str)


@settings(max_examples=500, deadline=None)
@given(MARKDOWNISH)
def test_never_raises_on_markdown_soup_and_never_emits_cr(text: str) -> None:
    result = markdown_to_plaintext(text)
    assert "\r" not in result


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH.filter(lambda t: "\n" not in t and "\r" not in t))
def test_one_line_shortcuts_agree_with_the_full_parser(text: str) -> None:
    assert markdown_to_plaintext(text) == _full_pipeline(text)


@given(PLAIN_LINE)
def test_plain_text_is_unchanged_and_idempotent(text: str) -> None:
    result = markdown_to_plaintext(text)
    assert result == text
    assert markdown_to_plaintext(result) == result


@given(st.lists(PLAIN_LINE, min_size=1, max_size=5))
def test_paragraphs_become_lines(paragraphs: list[str]) -> None:
    assert markdown_to_plaintext("\n\n".join(paragraphs)) == "\n".join(paragraphs)


@given(PLAIN_LINE, WORD, PLAIN_LINE)
def test_strong_emphasis_loses_its_markers(before: str, word: str, after: str) -> None:
    result = markdown_to_plaintext(f"{before} **{word}** {after}")
    assert "**" not in result
    assert result == f"{before} {word} {after}"
