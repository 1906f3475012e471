"""Markdown as the Registry shows it: anchors, callouts, highlighting, sanitising."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plating.serve.markdown import render_markdown
from plating.validate.page import parse_page
from plating.validate.tree import DocFile, DocsTree
from tests.factories import plate_project

_IDS = re.compile(r'\bid="([^"]+)"')
_HREFS = re.compile(r'href="#([^"]+)"')


def _anchors_validate_accepts(text: str) -> frozenset[str]:
    tree = DocsTree(Path("/docs"), "registry", "docs")
    file = DocFile(Path("/docs/x.md"), "docs/x.md", tree, ("x.md",), "x", None, False, False, 0)
    return parse_page(file, text).anchors()


def test_every_anchor_validate_accepts_exists_in_the_html(demo_project: Path) -> None:
    assert plate_project(demo_project) == 0
    text = (demo_project / "docs/resources/recipe.md").read_text()
    body = text.split("\n---\n", 1)[1]
    html = render_markdown(body)
    ids = set(_IDS.findall(html))
    assert _anchors_validate_accepts(text) <= ids
    # The nested-schema links of the page all land on an element of the page.
    links = set(_HREFS.findall(html))
    assert {"nestedblock--step", "nestedblock--step--timer", "nestedatt--nutrition"} <= links
    assert links <= ids
    assert '<a id="nestedblock--step"' in html


def test_heading_ids_follow_githubs_rule() -> None:
    html = render_markdown(
        "# kitchen_recipe (Resource)\n\n## Nested Schema for `step.timer`\n\n"
        "## Argument Reference\n\n## Argument Reference\n\n### [Linked](x.md) *it*\n"
    )
    assert _IDS.findall(html) == [
        "kitchen_recipe-resource",
        "nested-schema-for-steptimer",
        "argument-reference",
        "argument-reference-1",
        "linked-it",
    ]


@pytest.mark.parametrize(
    ("sigil", "kind", "word"),
    [("->", "note", "Note"), ("~>", "caution", "Note"), ("!>", "warning", "Warning")],
)
def test_callouts(sigil: str, kind: str, word: str) -> None:
    html = render_markdown(f"{sigil} Back up the pantry first.\n")
    assert html.strip() == (
        f'<p class="callout callout-{kind}"><strong>{word}</strong> Back up the pantry first.</p>'
    )
    own_word = render_markdown(f"{sigil} **Note:** Written by hand.\n")
    assert own_word.count("<strong>") == 1 and "callout-" + kind in own_word


def test_tables_code_and_highlighting() -> None:
    html = render_markdown(
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
        '```terraform\nresource "x" "y" {}\n```\n\n```shell\nterraform import x.y id\n```\n\n'
        '```json\n{"a": 1}\n```\n\n```\nplain <b>\n```\n'
    )
    assert "<table>" in html and '<th align="center">b</th>' in html
    assert '<code class="language-terraform"><span class="kr">resource</span>' in html
    assert '<code class="language-shell">' in html and '<code class="language-json">' in html
    assert "plain &lt;b&gt;" in html


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.com"></iframe>',
    '<div style="position:fixed">x</div>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '<form action="/x"><input name="q"></form>',
]


class _Dangers(HTMLParser):
    """What a browser would run or load from HTML: script-like elements, event handler
    attributes, javascript: URLs, inline styles (parsed, so escaped text is not counted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "svg", "style", "form", "object", "embed", "math"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")
            elif name in ("href", "src", "srcset") and url.startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={url[:20]}")


def _dangers(html: str) -> list[str]:
    parser = _Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sanitiser_leaves_nothing_that_runs(hostile: str) -> None:
    table = f"# T\n\n{hostile}\n\n| c |\n|---|\n| {hostile} |\n"
    for text in (hostile, f"A description: {hostile}\n", table):
        html = render_markdown(text)
        assert _dangers(html) == []
        assert "<script" not in html.lower()  # nor as text: its content is dropped whole


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(alphabet=st.sampled_from("`*_[]()<>!\\\n #|-~:'\"=ab"), max_size=40),
    payload=st.sampled_from(HOSTILE),
    after=st.text(alphabet=st.sampled_from("`*_[]()<>!\\\n #|-~:'\"=ab"), max_size=40),
)
def test_sanitiser_property(before: str, payload: str, after: str) -> None:
    assert _dangers(render_markdown(before + payload + after)) == []
