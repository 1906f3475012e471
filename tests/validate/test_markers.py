"""``plating-ignore`` markers: which lines and rules they silence, and what is reported."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plating.validate.findings import Finding, Severity
from plating.validate.markers import example_mode, find_markers, keep_unsilenced


def silenced(text: str) -> dict[int, set[str]]:
    return find_markers(text).silenced


def test_a_marker_at_the_end_of_a_line_covers_that_line() -> None:
    assert silenced("a = 1\nb = 2 # plating-ignore: example/unknown-argument\n") == {
        2: {"example/unknown-argument"}
    }


def test_a_marker_on_a_line_of_its_own_covers_the_next_line() -> None:
    text = "<!-- plating-ignore: links/anchor -->\nSee [x](#y).\nAgain [x](#y).\n"
    assert silenced(text) == {2: {"links/anchor"}}


def test_stacked_markers_add_up_for_the_next_line() -> None:
    text = (
        "  # plating-ignore: example/unknown-argument\n"
        "  // plating-ignore: example/read-only-argument\n"
        "  x = 1 /* plating-ignore: example/syntax */\n"
    )
    assert silenced(text) == {
        3: {"example/unknown-argument", "example/read-only-argument", "example/syntax"}
    }


def test_aliases_lists_and_reasons() -> None:
    text = "<!-- plating-ignore: MD040 markdown/empty-link, links/broken -- old page -->\n```\n"
    assert silenced(text) == {2: {"markdown/fence-language", "markdown/empty-link", "links/broken"}}


def test_unknown_rules_and_empty_markers_are_problems() -> None:
    found = find_markers("x = 1 # plating-ignore: example/nope, links/anchor\n# plating-ignore:\n")
    assert found.silenced[1] == {"links/anchor"}
    assert [line for line, _message in found.problems] == [1, 2]
    assert "unknown rule 'example/nope'" in found.problems[0][1]
    assert "names no rule" in found.problems[1][1]


def test_first_line_offsets_the_lines() -> None:
    assert silenced("# plating-ignore: links/anchor\nx\n") == {2: {"links/anchor"}}
    assert find_markers("# plating-ignore: links/anchor\nx\n", first_line=10).silenced == {
        11: {"links/anchor"}
    }


def test_only_the_named_rule_on_the_covered_line_is_dropped() -> None:
    markers = find_markers("a\nb # plating-ignore: links/anchor\n")
    findings = [
        Finding("p.md", 2, "links/anchor", Severity.ERROR, "x"),
        Finding("p.md", 2, "links/broken", Severity.ERROR, "x"),
        Finding("p.md", 1, "links/anchor", Severity.ERROR, "x"),
        Finding("p.md", None, "links/anchor", Severity.ERROR, "x"),
        Finding("q.md", 2, "links/anchor", Severity.ERROR, "x"),
    ]
    assert keep_unsilenced(findings, {"p.md": markers}) == findings[1:]


def test_example_mode_words() -> None:
    assert example_mode("<!-- plating-example: schema -->") == "schema"
    assert example_mode("<!--plating-example:Syntax-->") == "syntax"
    assert example_mode("<!-- plating-example: -->") == ""
    assert example_mode("no marker") is None


@given(st.text(alphabet=st.sampled_from("plating-ignore:#/<!->* \n,abc/MD0401"), max_size=200))
def test_any_text_gives_lines_inside_it(text: str) -> None:
    found = find_markers(text)
    count = text.count("\n") + 1
    assert all(1 <= line <= count for line in found.silenced)
    assert all(1 <= line <= count for line, _ in found.problems)
