"""Phase timings: in results, in --metrics-json, and collected process-wide."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path

from plating import Plating, PlatingContext, metrics
from plating.cli import main
from tests.factories import many_resources, plate_project, schema_document, write_schema


def test_metrics_json_phases_add_up_to_wall_time(tmp_path: Path) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(400)))
    target = tmp_path / "metrics.json"
    # As the console script runs: without the cyclic collector, whose pauses (this test
    # process holds every earlier test's objects) land between phases at random.
    gc.disable()
    try:
        assert plate_project(tmp_path, "--metrics-json", str(target)) == 0
    finally:
        gc.enable()
    document = json.loads(target.read_text())
    phases = document["phases"]
    assert set(phases) == {"stamp", "schema", "discovery", "render", "write"}
    assert document["counts"]["pages"] == 401
    total = sum(phases.values())
    assert abs(total - document["wall_seconds"]) <= 0.1 * document["wall_seconds"]


def test_global_collection_sums_calls(tmp_path: Path) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(5)))
    collector = metrics.enable()
    try:
        for out in ("a", "b"):
            context = PlatingContext(project_root=tmp_path, schema_path=tmp_path / "schema.json")
            asyncio.run(Plating(context).plate(output_dir=tmp_path / out))
        assert collector.counts["pages_rendered"] == 12
        assert collector.counts["pages_written"] == 12
        assert collector.phases["render"] > 0
    finally:
        metrics.disable()
    assert metrics.collected() is None


def test_metrics_table_on_stderr(tmp_path: Path, capsys: object) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(2)))
    assert (
        main(
            [
                "plate",
                "--schema",
                str(tmp_path / "schema.json"),
                "--project-root",
                str(tmp_path),
                "--metrics",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "phase" in err and "render" in err and "wall" in err
