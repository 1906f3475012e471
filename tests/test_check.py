"""`plating plate --check`: drift detection for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import plate_project, snapshot


def test_check_names_exactly_the_edited_page(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    assert plate_project(demo_project, "--check") == 0
    example = demo_project / "examples/data-sources/kitchen_menu/data-source.tf"
    example.write_text(example.read_text() + "\n# edited\n")
    before = snapshot(demo_project / "docs")
    capsys.readouterr()
    assert plate_project(demo_project, "--check", "--diff") == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("would ")] == [
        "would change data-sources/menu.md"
    ]
    assert "+# edited" in out
    assert snapshot(demo_project / "docs") == before  # --check writes nothing
    assert plate_project(demo_project) == 0
    assert plate_project(demo_project, "--check") == 0


def test_check_reports_missing_and_stale_pages(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    (demo_project / "docs/actions/ring_bell.md").unlink()
    stale = demo_project / "docs/resources/old_thing.md"
    stale.write_text((demo_project / "docs/resources/pantry_item.md").read_text())
    capsys.readouterr()
    assert plate_project(demo_project, "--check") == 1
    out = capsys.readouterr().out
    assert "would create actions/ring_bell.md" in out
    assert "would remove resources/old_thing.md" in out
    assert stale.exists()
