"""The embedded demo provider plates to the reviewed golden pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, demo_copy
from tests.factories import plate_project

DEMO = REPO_ROOT / "demo"
GOLDEN = REPO_ROOT / "tests" / "goldens" / "demo-docs"


def _plate(out: Path) -> int:
    return plate_project(DEMO, "--provider-name", "kitchen", "--output-dir", str(out))


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_demo_matches_goldens(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "docs"
    assert _plate(out) == 0
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    assert _files(out) == _files(GOLDEN)


def test_demo_covers_every_kind_and_keeps_descriptions_literal(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert _plate(out) == 0
    pages = _files(out)
    for folder in (
        "resources",
        "data-sources",
        "ephemeral-resources",
        "functions",
        "actions",
        "list-resources",
        "guides",
    ):
        assert any(p.startswith(folder + "/") for p in pages), folder
    assert "{{ 7 * 7 }}" in pages["resources/pantry_item.md"]
    assert "{{ 7 * 7 }}" in pages["resources/recipe.md"]
    variadic = pages["functions/combine_ingredients.md"]
    assert "combine_ingredients(separator string, ingredients string...) string" in variadic
    assert "(Variadic, String)" in variadic


def test_demo_commands_need_no_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside demo/, [tool.plating] of its pyproject.toml supplies every setting."""
    from plating.cli import main

    project = demo_copy(tmp_path / "demo")
    monkeypatch.chdir(project)
    for key in [k for k in os.environ if k.startswith("PLATING_")]:
        monkeypatch.delenv(key)
    for command in (["plate"], ["validate"], ["info"], ["stats"], ["adorn", "--dry-run"]):
        assert main([*command, "--quiet"] if command == ["plate"] else command) == 0, command
    assert _files(project / "docs") == _files(GOLDEN)
    assert not (project / "plating").exists()  # adorn --dry-run created nothing


def test_make_demo_uses_the_demo_settings() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "cd demo &&" in recipe
    assert "--" not in recipe.split("plating plate", 1)[1].splitlines()[0]
