"""`plating info` and `plating stats`, text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import REPO_ROOT

DEMO = ["--project-root", str(REPO_ROOT / "demo"), "--schema", str(REPO_ROOT / "demo/schema.json")]


def test_info_json_counts_and_undocumented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", *DEMO, "--output-dir", str(tmp_path), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["provider"] == {"address": "registry.terraform.io/acme/kitchen", "name": "kitchen"}
    assert info["kinds"]["resource"]["components"] == 2
    assert info["kinds"]["resource"]["undocumented"] == ["kitchen_pantry_item"]
    assert info["kinds"]["function"]["with_bundle"] == 2
    assert len(info["bundles"]) == 3


def test_stats_reports_pages_and_largest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs"
    assert (
        main(["plate", "--quiet", *DEMO, "--provider-name", "kitchen", "--output-dir", str(out)])
        == 0
    )
    capsys.readouterr()
    assert (
        main(["stats", *DEMO, "--output-dir", str(out), "--format", "json", "--largest", "2"]) == 0
    )
    stats = json.loads(capsys.readouterr().out)
    assert stats["kinds"]["resource"]["pages"] == 2
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.md")}
    largest = max(sizes, key=lambda k: sizes[k])
    assert stats["largest_pages"][0] == {
        "path": largest,
        "bytes": sizes[largest],
        "limit": 500000,
        "over_limit": False,
    }
    assert len(stats["largest_pages"]) == 2
    assert main(["stats", *DEMO, "--output-dir", str(out)]) == 0
    assert "largest pages" in capsys.readouterr().out
