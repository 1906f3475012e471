"""Subcategories without templates, exclusion, and the index grouped by capability."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import SCHEMAS
from tests.factories import (
    add_bundle,
    many_resources,
    plate_project,
    resource_block,
    schema_document,
    write_schema,
)

AZURERM = SCHEMAS / "azurerm-4.65.0.json"


@pytest.fixture(scope="module")
def azurerm_storage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("azurerm")
    # A project file names only paths inside the project: the schema is copied in.
    shutil.copy(AZURERM, root / "schema.json")
    (root / "pyproject.toml").write_text(
        "[tool.plating]\n"
        'provider_name = "azurerm"\n'
        'schema = "schema.json"\n'
        "[tool.plating.subcategories]\n"
        '"azurerm_storage_*" = "Storage"\n'
        '"azurerm_key_vault*" = "Key Vault"\n'
    )
    assert main(["plate", "--quiet", "--project-root", str(root)]) == 0
    return root / "docs"


def _subcategory(page: Path) -> str:
    match = re.search(r'^subcategory: "(.*)"$', page.read_text(), re.M)
    return match.group(1) if match else ""


def test_every_storage_page_is_under_storage(azurerm_storage: Path) -> None:
    storage = list(azurerm_storage.glob("*/storage_*.md"))
    assert len(storage) > 40
    assert {_subcategory(p) for p in storage} == {"Storage"}
    others = [
        p
        for p in azurerm_storage.glob("resources/*.md")
        if not p.name.startswith(("storage_", "key_vault"))
    ]
    assert {_subcategory(p) for p in others} == {""}


def test_index_groups_components_and_links_resolve(azurerm_storage: Path) -> None:
    index = (azurerm_storage / "index.md").read_text()
    sections = re.findall(r"^## (.+)$", index, re.M)
    # uncategorised kinds first, then subcategories alphabetically
    assert sections.index("Key Vault") < sections.index("Storage")
    assert sections.index("Resources") < sections.index("Key Vault")
    storage = index.split("\n## Storage\n", 1)[1]
    assert "### Resources" in storage
    assert "- [`azurerm_storage_account`](resources/storage_account.md)" in storage
    links = re.findall(r"\]\(([^)#]+\.md)\)", index)
    assert len(links) == 1570
    assert all((azurerm_storage / link).is_file() for link in links)


def test_bundle_subcategory_wins_and_mapping_fills_empty_ones(tmp_path: Path) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(3)))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plating]\nschema = "schema.json"\n'
        '[tool.plating.subcategories]\n"demo_r*" = "Mapped"\n'
    )
    add_bundle(
        tmp_path, "resources", "demo_r000", '---\npage_title: "x"\nsubcategory: "Own"\n---\n\n# x\n'
    )
    add_bundle(
        tmp_path, "resources", "demo_r001", '---\npage_title: "y"\nsubcategory: ""\n---\n\n# y\n'
    )
    assert main(["plate", "--quiet", "--project-root", str(tmp_path)]) == 0
    docs = tmp_path / "docs/resources"
    assert _subcategory(docs / "r000.md") == "Own"
    assert _subcategory(docs / "r001.md") == "Mapped"
    assert _subcategory(docs / "r002.md") == "Mapped"


def test_exclude_and_ignore_deprecated(tmp_path: Path) -> None:
    resources = many_resources(3)
    old = resource_block("Old.")
    old["block"]["deprecated"] = True
    resources["demo_old"] = old
    write_schema(tmp_path / "schema.json", schema_document(resources=resources))
    assert plate_project(tmp_path, "--exclude", "demo_r00[12]", "--ignore-deprecated") == 0
    assert sorted(p.name for p in (tmp_path / "docs/resources").iterdir()) == ["r000.md"]
    assert plate_project(tmp_path) == 0
    assert len(list((tmp_path / "docs/resources").iterdir())) == 4


def test_excluded_components_get_no_page_and_their_examples_still_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19, defect 10: with `exclude`, examples and guides using an excluded component
    failed validate with example/unknown-component, and static pages of excluded components
    were still published."""
    write_schema(
        tmp_path / "schema.json",
        schema_document(resources={"demo_kept": resource_block(), "demo_legacy": resource_block()}),
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plating]\nschema = "schema.json"\nexclude = ["demo_legacy"]\n', encoding="utf-8"
    )
    example = tmp_path / "examples/resources/demo_kept/resource.tf"
    example.parent.mkdir(parents=True)
    example.write_text(
        'resource "demo_kept" "k" {\n  name = "k"\n}\n\n'
        'resource "demo_legacy" "l" {\n  name = "l"\n}\n',
        encoding="utf-8",
    )
    static = tmp_path / "templates/resources/legacy.md"
    static.parent.mkdir(parents=True)
    static.write_text("---\npage_title: legacy\n---\n\n# Legacy\n", encoding="utf-8")
    assert main(["plate", "--quiet", "--project-root", str(tmp_path)]) == 0
    assert (tmp_path / "docs/resources/kept.md").is_file()
    assert not (tmp_path / "docs/resources/legacy.md").exists()
    capsys.readouterr()
    assert main(["validate", "--project-root", str(tmp_path)]) == 0, capsys.readouterr().out
    assert "unknown-component" not in capsys.readouterr().out
