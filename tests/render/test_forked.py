"""The second render process: same pages, same errors, and nothing lost when it dies."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from plating.api import Plating
from plating.config import PlatingContext
from plating.errors import RenderError
from plating.pages import RenderedPage
from plating.plan import PageJob
from plating.render import forked
from plating.render.engine import render_pages
from tests.conftest import SCHEMAS

PAGES = 600


@dataclass
class FakeRenderer:
    """Renders a page from its path; optionally fails or kills the process on one page."""

    parent: int = field(default_factory=os.getpid)
    bad: set[str] = field(default_factory=set)
    die_in_child_at: str | None = None
    hang_in_child_at: str | None = None
    pids: set[int] = field(default_factory=set)

    def render(self, job: PageJob) -> RenderedPage:
        if job.relpath == self.die_in_child_at and os.getpid() != self.parent:
            os._exit(9)  # a crash of the child, mid-way
        if job.relpath == self.hang_in_child_at and os.getpid() != self.parent:
            time.sleep(3600)  # stuck (a lock held by a thread the fork did not copy)
        if job.relpath in self.bad:
            raise RenderError(f"{job.relpath}:3: resource x: 'missing' is undefined")
        return RenderedPage(job.relpath, f"{job.relpath} by {os.getpid()}\n".encode())


def _jobs() -> list[PageJob]:
    return [PageJob(f"resources/r{i:04d}.md") for i in range(PAGES)]


def _render(renderer: Any, concurrency: int) -> tuple[list[RenderedPage], list[Any]]:
    return asyncio.run(render_pages(renderer, _jobs(), concurrency))


needs_two_cores = pytest.mark.skipif(
    not forked.available(PAGES, 2), reason="a second render process needs Linux and two cores"
)


@needs_two_cores
def test_a_second_process_renders_every_other_page() -> None:
    pages, errors = _render(FakeRenderer(), concurrency=2)
    assert errors == []
    assert [p.relpath for p in pages] == [j.relpath for j in _jobs()]  # in plan order
    makers = {p.content.split(b" by ")[1] for p in pages}
    assert len(makers) == 2  # two processes took part
    assert str(os.getpid()).encode() + b"\n" in makers


def test_one_worker_or_few_pages_stay_in_process() -> None:
    pages, _errors = _render(FakeRenderer(), concurrency=1)
    assert {p.content.split(b" by ")[1] for p in pages} == {f"{os.getpid()}\n".encode()}
    assert not forked.available(forked.MIN_PAGES - 1, 2)


@needs_two_cores
def test_errors_of_the_child_are_reported_like_the_parents() -> None:
    bad = {"resources/r0001.md", "resources/r0002.md", "resources/r0599.md"}  # both shares
    _pages, errors = _render(FakeRenderer(bad=bad), concurrency=2)
    assert sorted(str(e) for e in errors) == sorted(
        f"{b}:3: resource x: 'missing' is undefined" for b in bad
    )
    assert all(isinstance(e, RenderError) for e in errors)


@needs_two_cores
def test_a_child_that_dies_costs_only_time() -> None:
    renderer = FakeRenderer(die_in_child_at="resources/r0301.md")
    pages, errors = _render(renderer, concurrency=2)
    assert errors == []
    assert [p.relpath for p in pages] == [j.relpath for j in _jobs()]  # nothing missing
    # Pages the child delivered before dying are kept; the rest came from the parent.
    makers = {p.relpath: p.content.split(b" by ")[1] for p in pages}
    assert makers["resources/r0301.md"] == f"{os.getpid()}\n".encode()
    assert makers["resources/r0001.md"] != f"{os.getpid()}\n".encode()


@needs_two_cores
def test_azurerm_pages_are_the_same_from_one_process_and_from_two(tmp_path: Path) -> None:
    trees = []
    for concurrency in (1, 2):
        root = tmp_path / f"c{concurrency}"
        root.mkdir()
        context = PlatingContext(
            provider_name="azurerm",
            project_root=root,
            schema_path=SCHEMAS / "azurerm-4.65.0.json",
            concurrency=concurrency,
        )
        result = asyncio.run(Plating(context).plate())
        assert result.errors == []
        docs = root / "docs"
        trees.append({p.relative_to(docs): p.read_bytes() for p in docs.rglob("*.md")})
    assert len(trees[0]) == 1571
    assert trees[0] == trees[1]


@needs_two_cores
def test_a_stuck_child_is_killed_and_its_pages_rendered_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forked, "STALL_SECONDS", 0.5)
    started = time.monotonic()
    pages, errors = _render(FakeRenderer(hang_in_child_at="resources/r0003.md"), concurrency=2)
    assert time.monotonic() - started < 30
    assert errors == []
    assert [p.relpath for p in pages] == [j.relpath for j in _jobs()]
