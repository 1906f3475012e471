"""The block view of a page that ``migrate`` writes: fences, lists, reference links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plating.tfplugindocs.markdown_blocks import inline_references, split_blocks


def test_blocks_are_separated_by_blank_lines_and_fences_kept_whole() -> None:
    text = "# T\n\n\n\npara\nline two\n```hcl\na\n\nb\n```\n~~~\nx\n~~~\ntail\n"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == [
        "# T",
        "para\nline two",
        "```hcl\na\n\nb\n```",
        "~~~\nx\n~~~",
        "tail",
    ]
    assert blocks[2].info == "hcl" and blocks[2].code == "a\n\nb\n"
    assert blocks[3].info == "" and blocks[0].info is None


def test_an_indented_fence_belongs_to_its_list_item() -> None:
    text = "- item\n\n  ```hcl\n  x\n  ```\n\n```hcl\ny\n```\n"
    blocks = split_blocks(text)
    assert blocks[0].info is None and "  ```hcl" in blocks[0].lines
    assert blocks[1].info == "hcl" and blocks[1].code == "y\n"


def test_an_indented_top_level_fence_loses_its_indentation_in_the_code() -> None:
    (block,) = split_blocks("  ```console\n  $ run\n   more\n  ```")
    assert block.code == "$ run\n more\n"


def test_a_fence_that_never_closes_runs_to_the_end() -> None:
    (block,) = split_blocks("```terraform\na\n\nb")
    assert block.code == "a\n\nb\n"


def test_reference_links_become_inline_and_definitions_go() -> None:
    blocks = split_blocks(
        "See [one][1], [Two][] and [three], not `[1]` nor [four](x).\n\n"
        "[1]: https://one.example\n[two]: <https://two.example> 'T'\n[Three]: /three\n"
    )
    (paragraph,) = inline_references(blocks)
    assert paragraph.text == (
        'See [one](https://one.example), [Two](https://two.example "T") and '
        "[three](/three), not `[1]` nor [four](x)."
    )


def test_unknown_references_are_left_alone() -> None:
    (paragraph,) = inline_references(split_blocks("a [b][c] d\n"))
    assert paragraph.text == "a [b][c] d"


_LINE = st.text(alphabet=st.sampled_from("ab #*-1.>|\t"), max_size=12)


@given(st.lists(_LINE, max_size=30))
def test_without_fences_every_non_blank_line_is_kept_in_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    blocks = split_blocks(text)
    assert [line for b in blocks for line in b.lines] == [ln for ln in lines if ln.strip()]
    assert all(b.info is None for b in blocks)
