"""The writer's page ownership: which files in the docs folder plating may replace or remove."""

from __future__ import annotations

from pathlib import Path

from plating.ownership import Scope
from plating.pages import RenderedPage
from plating.render.frontmatter import GENERATED_MARKER
from plating.schema.kinds import ComponentType
from plating.write import write_pages

SCOPES = Scope([ComponentType.PROVIDER, ComponentType.RESOURCE])


def generated(relpath: str, body: str) -> RenderedPage:
    text = f"---\n{GENERATED_MARKER}\npage_title: x\n---\n\n{body}\n"
    return RenderedPage(relpath, text.encode())


def test_take_over_replaces_unmarked_pages_at_the_named_paths_only(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "resources").mkdir(parents=True)
    old = b"---\npage_title: written by an older tool\n---\n\nold\n"
    for name in ("a.md", "b.md", "gone.md"):
        (docs / "resources" / name).write_bytes(old)
    pages = [generated("resources/a.md", "new a"), generated("resources/b.md", "new b")]

    kept = write_pages(docs, pages, SCOPES, check=True)
    assert kept.kept == ["resources/a.md", "resources/b.md"]
    assert kept.taken_over == [] and kept.changed == []

    take = frozenset({"resources/a.md", "resources/gone.md"})
    would = write_pages(docs, pages, SCOPES, check=True, take_over=take)
    assert would.taken_over == ["resources/a.md"]
    assert would.changed == ["resources/a.md"]
    assert would.kept == ["resources/b.md"]
    assert (docs / "resources" / "a.md").read_bytes() == old  # check mode writes nothing

    done = write_pages(docs, pages, SCOPES, take_over=take)
    assert done.taken_over == ["resources/a.md"]
    assert (docs / "resources" / "a.md").read_bytes() == pages[0].content
    assert (docs / "resources" / "b.md").read_bytes() == old
    # Taking over is about replacing: an unmarked page the plan does not have stays.
    assert (docs / "resources" / "gone.md").read_bytes() == old
    assert done.removed == []


def test_unmarked_pages_of_the_last_run_are_removed_when_planned_no_more(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "resources").mkdir(parents=True)
    for name in ("ours.md", "theirs.md"):
        (docs / "resources" / name).write_bytes(b"no marker line\n")
    pages = [generated("resources/a.md", "a")]
    before = frozenset({"resources/ours.md", "resources/a.md"})
    would = write_pages(docs, pages, SCOPES, check=True, written_before=before)
    assert would.removed == ["resources/ours.md"]
    done = write_pages(docs, pages, SCOPES, written_before=before)
    assert done.removed == ["resources/ours.md"]
    assert not (docs / "resources" / "ours.md").exists()
    assert (docs / "resources" / "theirs.md").read_bytes() == b"no marker line\n"


def test_a_hidden_path_is_never_written(tmp_path: Path) -> None:
    """A page at a hidden path (``.git/config`` under a docs folder at the project root) is
    refused before anything is written: hidden entries are not plating's."""
    import pytest

    from plating.errors import WriteError

    docs = tmp_path / "docs"
    for relpath in (".git/config", "resources/.x.md", "../outside.md"):
        with pytest.raises(WriteError, match="hidden path"):
            write_pages(docs, [generated("index.md", "i"), generated(relpath, "x")], SCOPES)
        assert not docs.exists() or not any(docs.rglob("*"))
    assert not (tmp_path / "outside.md").exists()
