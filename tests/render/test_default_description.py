"""The front-matter description of default pages, byte for byte as tfplugindocs writes it:
``plainmarkdown | trimspace | prefixlines "  "`` (item 6 of issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plating.render.frontmatter import split_front_matter
from tests.conftest import REPO_ROOT
from tests.factories import plate_project, resource_block, schema_document, write_schema

GOLDENS = REPO_ROOT / "tests" / "goldens" / "default-description"

CASES = {
    # An empty description: one line of two spaces after `description: |-`.
    "empty": "",
    # A blank line inside (plain text of a horizontal rule): a line of two spaces.
    "blank_line": "Intro with **bold**.\n\n***\n\nAfter the rule, `code`.",
}


def _plate(tmp_path: Path) -> Path:
    resources = {f"demo_{name}": resource_block(text) for name, text in CASES.items()}
    write_schema(tmp_path / "schema.json", schema_document(resources=resources))
    assert plate_project(tmp_path, "--provider-name", "demo") == 0
    return tmp_path / "docs" / "resources"


@pytest.mark.parametrize("name", sorted(CASES))
def test_default_page_description(name: str, tmp_path: Path, update_goldens: bool) -> None:
    page = _plate(tmp_path) / f"{name}.md"
    golden = GOLDENS / f"{name}.md"
    if update_goldens:
        golden.write_bytes(page.read_bytes())
    assert page.read_bytes() == golden.read_bytes()


def test_description_lines_are_prefixed_and_yaml_keeps_the_text(tmp_path: Path) -> None:
    folder = _plate(tmp_path)
    empty = (folder / "empty.md").read_text()
    assert "description: |-\n  \n---\n" in empty
    blank = (folder / "blank_line.md").read_text()
    assert "description: |-\n  Intro with bold.\n  \n  After the rule, code.\n---\n" in blank
    for page, want in (
        (empty, ""),
        (blank, "Intro with bold.\n\nAfter the rule, code."),
    ):
        body, _rest = split_front_matter(page)
        assert body is not None
        assert yaml.safe_load(body)["description"] == want
