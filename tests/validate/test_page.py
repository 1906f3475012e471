"""The one-pass page parser and the tree classification the checks rely on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plating.schema.kinds import ComponentType
from plating.validate.page import Page, decode, parse_page, slugify
from plating.validate.tree import LEGACY, REGISTRY, DocFile, DocsTree, find_trees, walk_tree


def _page(text: str, rel: str = "resources/x.md") -> Page:
    root = Path("/project/docs")
    tree = DocsTree(root, REGISTRY, "docs")
    parts = tuple(rel.split("/"))
    file = DocFile(root / rel, f"docs/{rel}", tree, parts, parts[-1][:-3], None, False, False, 0)
    return parse_page(file, text)


def test_headings_inside_fences_are_code() -> None:
    page = _page(
        '---\npage_title: x\n---\n\n# Title\n\n```terraform\n# comment\nresource "a" "b" {}\n'
        "```\n\n## Next\n\nText.\n"
    )
    assert [(h.level, h.text, h.line) for h in page.headings] == [(1, "Title", 5), (2, "Next", 12)]
    fence = page.fences[0]
    assert (fence.start, fence.end, fence.language) == (7, 10, "terraform")
    assert fence.content == '# comment\nresource "a" "b" {}'


def test_indented_fence_content_is_dedented_and_tilde_fences_work() -> None:
    page = _page("1. Step\n\n    ```hcl\n    a = 1\n    ```\n\n~~~~ shell\n```\n~~~~\n")
    assert page.fences[0].content == "a = 1"
    assert page.fences[1].language == "shell" and page.fences[1].end == 9


def test_links_outside_code_spans_and_reference_definitions() -> None:
    page = _page("See [a](b.md#c) and `[not](link.md)`.\n\n[ref]: <other page.md>\n")
    assert [(link.target, link.line) for link in page.links] == [
        ("b.md#c", 1),
        ("other page.md", 3),
    ]


def test_anchors_from_ids_and_headings() -> None:
    page = _page(
        '<a id="nestedblock--a--b"></a>\n### Nested Schema for `a.b`\n\nx\n\n## Same\n\n## Same\n'
    )
    assert {"nestedblock--a--b", "nested-schema-for-ab", "same", "same-1"} <= page.anchors()
    assert slugify("Argument [Reference](x.md) & *more*") == "argument-reference--more"


def test_yaml_errors_point_at_the_page_line() -> None:
    page = _page("---\npage_title: x\nbad: a: b\n---\n\n# T\n")
    assert page.yaml_error is not None and page.yaml_error[0] == 3
    assert page.body_line == 5


def test_decode_reports_the_line_of_bad_bytes() -> None:
    assert decode(b"ok\nbad \xff\n") == (
        None,
        (2, "not UTF-8 text (byte offset 7); save the file as UTF-8"),
    )
    assert decode(b"\xef\xbb\xbfa\r\nb") == ("a\nb", None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("#`~[]()<>!:- \n\taz\"'=|*_{}"), max_size=400))
def test_parser_never_fails_on_arbitrary_markdown(text: str) -> None:
    page = _page(text)
    page.anchors()
    assert all(h.line >= 1 for h in page.headings)


def test_tree_classification(tmp_path: Path) -> None:
    for rel in (
        "docs/index.md",
        "docs/resources/a.md",
        "docs/guides/g.md",
        "docs/cdktf/python/resources/a.md",
        "docs/cdktf/rust/resources/a.md",
        "docs/images/logo.png",
        "docs/resources/a.txt",
        "docs/notes.md",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    trees = find_trees(tmp_path, None)
    files, bad = walk_tree(trees[0], tmp_path)
    kinds = {f.relpath: f.kind for f in files}
    assert kinds["docs/index.md"] is ComponentType.PROVIDER
    assert kinds["docs/resources/a.md"] is ComponentType.RESOURCE
    assert {(b.rule, b.relpath) for b in bad} == {
        ("registry/directory", "docs/cdktf/rust"),
        ("registry/directory", "docs/images"),
        ("registry/extension", "docs/resources/a.txt"),
        ("registry/directory", "docs/notes.md"),
    }


def test_legacy_tree_accepts_its_extensions(tmp_path: Path) -> None:
    for rel in ("website/docs/r/a.html.markdown", "website/docs/d/b.html.md", "website/docs/x.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    trees = find_trees(tmp_path, None)
    assert [t.layout for t in trees] == [LEGACY]
    files, _bad = walk_tree(trees[0], tmp_path)
    stems = {f.relpath: (f.stem, f.kind) for f in files}
    assert stems["website/docs/r/a.html.markdown"] == ("a", ComponentType.RESOURCE)
    assert stems["website/docs/d/b.html.md"] == ("b", ComponentType.DATA_SOURCE)


def test_multi_line_html_comments_hide_headings() -> None:
    page = _page("# Title\n\n<!--\n### hidden\n-->\n\n## Shown\n\nText.\n")
    assert [h.text for h in page.headings] == ["Title", "Shown"]


def test_setext_headings_define_anchors_and_sections() -> None:
    page = _page(
        "Main Title\n==========\n\nIntro.\n\nArgument Reference\n------------------\n\n"
        "* `a` - text.\n\nTwo line\nheading\n---\n\nText.\n"
    )
    assert [(h.level, h.text, h.line) for h in page.headings] == [
        (1, "Main Title", 1),
        (2, "Argument Reference", 6),
        (2, "Two line heading", 11),
    ]
    assert {"main-title", "argument-reference", "two-line-heading"} <= page.anchors()
    assert all(h.has_content for h in page.headings)


def test_a_setext_heading_does_not_count_as_content_of_the_section_above() -> None:
    page = _page("## Empty\n\nNext\n----\n\nText.\n")
    assert [(h.text, h.has_content) for h in page.headings] == [("Empty", False), ("Next", True)]


def test_dashes_that_are_not_setext_underlines() -> None:
    page = _page(
        "# T\n\n---\n\n- item\n---\n\n> quote\n---\n\n| a | b |\n---\n\n<div>\n---\n\n"
        "Text\n- - -\n\n    code\n---\n\n```text\nx\n---\n```\n\n1. one\n---\n\n***\n---\n"
    )
    assert [h.text for h in page.headings] == ["T"]


def test_a_marker_before_a_fence_is_kept_with_its_line() -> None:
    page = _page(
        "# T\n\n<!-- plating-example: syntax -->\n\n```terraform\na = 1\n```\n\n"
        "```hcl\nb = 2\n```\n\n<!-- plating-example: SCHEMA -->\n```tf\nc = 3\n```\n"
    )
    assert [(f.mode, f.mode_line) for f in page.fences] == [
        ("syntax", 3),
        (None, 0),
        ("schema", 13),
    ]
