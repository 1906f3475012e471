"""The embedded demo provider plates to the reviewed golden pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO_ROOT
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
