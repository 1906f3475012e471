"""The no-change fast path never hides a change: inputs or docs touched means a full run."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from plating import Plating, PlatingContext
from plating.results import PlateResult


def _plate(root: Path) -> PlateResult:
    context = PlatingContext(
        provider_name="kitchen", project_root=root, schema_path=root / "schema.json"
    )
    return asyncio.run(Plating(context).plate())


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_unchanged_project_takes_the_fast_path(demo_project: Path) -> None:
    first = _plate(demo_project)
    assert first.files_generated == 10
    again = _plate(demo_project)
    assert again.files_unchanged == 10 and again.files_generated == 0
    assert "render" not in again.timings  # nothing was parsed or rendered
    assert sorted(again.output_files) == sorted(first.output_files)


@pytest.mark.parametrize(
    "edit",
    [
        "examples/data-sources/kitchen_menu/data-source.tf",
        "components/resources/recipe.plating/docs/_notes.md",
        "components/resources/recipe.plating/examples/basic.tf",
        "schema.json",
    ],
)
def test_an_edited_input_rerenders(demo_project: Path, edit: str) -> None:
    _plate(demo_project)
    path = demo_project / edit
    text = path.read_text()
    path.write_text(
        text.replace("Tracks the stock", "Tracks the STOCK")
        if edit == "schema.json"
        else text + "\n# edited\n"
    )
    _bump(path)
    result = _plate(demo_project)
    assert "render" in result.timings
    assert result.files_generated >= 1


def test_a_new_bundle_rerenders(demo_project: Path) -> None:
    _plate(demo_project)
    bundle = demo_project / "components/data_sources/menu.plating/docs"
    bundle.mkdir(parents=True)
    (bundle / "kitchen_menu.tmpl.md").write_text("---\npage_title: m\n---\n\n# Menu\n")
    result = _plate(demo_project)
    assert result.changed == ["data-sources/menu.md"]


def test_touched_docs_are_restored(demo_project: Path) -> None:
    _plate(demo_project)
    page = demo_project / "docs/resources/recipe.md"
    original = page.read_bytes()
    page.write_bytes(original + b"\nedited by hand\n")
    (demo_project / "docs/actions/ring_bell.md").unlink()
    result = _plate(demo_project)
    assert page.read_bytes() == original
    assert sorted(result.written) == ["actions/ring_bell.md", "resources/recipe.md"]
    stale = demo_project / "docs/functions/gone.md"
    stale.write_bytes((demo_project / "docs/functions/scale_quantity.md").read_bytes())
    assert _plate(demo_project).removed == ["functions/gone.md"]


def test_corrupt_stamp_falls_back_to_a_full_run(demo_project: Path) -> None:
    _plate(demo_project)
    for stamp in (demo_project / ".plating-cache/stamps").glob("*.json"):
        stamp.write_text("{not json")
    result = _plate(demo_project)
    assert "render" in result.timings and result.files_unchanged == 10
