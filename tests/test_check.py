"""`plating plate --check`: drift detection for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.cli import main
from tests.factories import snapshot


@pytest.fixture
def demo_copy(demo_project: Path) -> Path:
    return demo_project


def _plate(root: Path, *extra: str) -> int:
    return main(
        [
            "plate",
            "--quiet",
            "--project-root",
            str(root),
            "--schema",
            str(root / "schema.json"),
            "--provider-name",
            "kitchen",
            *extra,
        ]
    )


def test_check_names_exactly_the_edited_page(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plate(demo_copy) == 0
    assert _plate(demo_copy, "--check") == 0
    example = demo_copy / "examples/data-sources/kitchen_menu/data-source.tf"
    example.write_text(example.read_text() + "\n# edited\n")
    before = snapshot(demo_copy / "docs")
    capsys.readouterr()
    assert _plate(demo_copy, "--check", "--diff") == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("would ")] == [
        "would change data-sources/menu.md"
    ]
    assert "+# edited" in out
    assert snapshot(demo_copy / "docs") == before  # --check writes nothing
    assert _plate(demo_copy) == 0
    assert _plate(demo_copy, "--check") == 0


def test_check_reports_missing_and_stale_pages(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plate(demo_copy) == 0
    (demo_copy / "docs/actions/ring_bell.md").unlink()
    stale = demo_copy / "docs/resources/old_thing.md"
    stale.write_text((demo_copy / "docs/resources/pantry_item.md").read_text())
    capsys.readouterr()
    assert _plate(demo_copy, "--check") == 1
    out = capsys.readouterr().out
    assert "would create actions/ring_bell.md" in out
    assert "would remove resources/old_thing.md" in out
    assert stale.exists()
