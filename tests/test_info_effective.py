"""`plating info` prints the value a run uses for every setting, and where it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plating.cli import main
from tests.factories import resource_block, schema_document, write_schema


def _info(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> dict[str, object]:
    capsys.readouterr()
    argv = ["info", "--project-root", str(root), "--schema", str(root / "schema.json")]
    assert main([*argv, "--format", "json", *extra]) == 0
    settings: dict[str, object] = json.loads(capsys.readouterr().out)["settings"]
    return settings


def test_unset_settings_show_what_the_run_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "tools"\n', encoding="utf-8")
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    settings = _info(capsys, root)
    assert settings["provider_name"] == {
        "value": "demo",
        "source": "from the schema (its provider)",
    }
    assert settings["output_dir"] == {
        "value": str(root / "docs"),
        "source": "default: <project root>/docs",
    }
    assert settings["examples_dir"]["value"] == str(root / "examples")  # type: ignore[index]
    assert settings["cache_dir"]["value"] == str(root / ".plating-cache")  # type: ignore[index]
    assert settings["bundles_dir"]["value"] == str(root / "plating")  # type: ignore[index]
    assert settings["rendered_provider_name"]["value"] == "demo"  # type: ignore[index]
    assert settings["component_types"]["value"] == "all"  # type: ignore[index]
    assert not [k for k, v in settings.items() if k.endswith("_dir") and v["value"] is None]  # type: ignore[index]


def test_given_settings_keep_their_value_and_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    settings = _info(
        capsys, root, "--output-dir", str(tmp_path / "site"), "--provider-name", "demo"
    )
    assert settings["output_dir"] == {"value": str(tmp_path / "site"), "source": "flag"}
    assert settings["provider_name"] == {"value": "demo", "source": "flag"}


def test_text_output_prints_none_rather_than_python_none(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["info", "--project-root", str(demo_project)]) == 0
    out = capsys.readouterr().out
    assert " None " not in out
    assert f"{demo_project / 'docs'}" in out.split("output_dir", 1)[1].splitlines()[0]
