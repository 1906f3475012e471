"""The Python API reads a project as the CLI does: one rule for paths, the same settings."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from plating import ComponentType, Plating, PlatingContext
from plating.cli import main
from plating.config import PATH_FIELDS
from tests.conftest import REPO_ROOT
from tests.factories import resource_block, schema_document, write_schema


@pytest.fixture
def demo_below(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo in ``demo/`` below the current folder (as the README runs it)."""
    shutil.copytree(REPO_ROOT / "demo", tmp_path / "demo")
    shutil.rmtree(tmp_path / "demo" / "docs", ignore_errors=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "demo"


def test_every_relative_path_is_resolved_against_the_current_folder(demo_below: Path) -> None:
    """Issue 20, item 1: schema_path was resolved against the project root, output_dir
    against the current folder (``demo/demo/schema.json``)."""
    given = {name: Path("demo") / name for name in PATH_FIELDS}
    context = PlatingContext(read_settings=False, **given)  # type: ignore[arg-type]
    for name in PATH_FIELDS:
        assert getattr(context, name) == demo_below / name, name
    # A bare program name is a command looked up on PATH, not a path.
    assert PlatingContext(terraform_binary=Path("tofu")).terraform_binary == Path("tofu")
    context = PlatingContext(
        provider_name="kitchen",
        project_root=Path("demo"),
        schema_path=Path("demo/schema.json"),
    )
    result = asyncio.run(
        Plating(context).plate(
            output_dir=Path("demo/docs"), component_types=[ComponentType.RESOURCE]
        )
    )
    assert not result.errors, result.errors
    assert (demo_below / "docs/resources/recipe.md").is_file()


def test_the_api_reads_tool_plating_as_the_cli_does(tmp_path: Path) -> None:
    """Issue 20, item 2: the API wrote `subcategory: ""` where the CLI wrote "Key Vault"."""
    write_schema(
        tmp_path / "schema.json",
        schema_document(resources={"demo_key_vault": resource_block("A vault.")}),
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plating]\nschema = "schema.json"\noutput_dir = "api-docs"\n\n'
        '[tool.plating.subcategories]\n"demo_key_vault*" = "Key Vault"\n',
        encoding="utf-8",
    )
    api = Plating(PlatingContext(project_root=tmp_path))
    result = asyncio.run(api.plate())
    assert not result.errors, result.errors
    page = (tmp_path / "api-docs/resources/key_vault.md").read_text(encoding="utf-8")
    assert 'subcategory: "Key Vault"' in page
    assert main(["plate", "--quiet", "--check", "--project-root", str(tmp_path)]) == 0

    # An explicit argument wins over the file.
    explicit = Plating(
        PlatingContext(
            project_root=tmp_path,
            output_dir=tmp_path / "mine",
            subcategories=(("demo_*", "Mine"),),
        )
    )
    assert explicit.context.output_dir == tmp_path / "mine"
    assert asyncio.run(explicit.plate()).errors == []
    assert 'subcategory: "Mine"' in (tmp_path / "mine/resources/key_vault.md").read_text()

    # read_settings=False reads nothing: no schema source.
    bare = Plating(PlatingContext(project_root=tmp_path, read_settings=False))
    assert bare.context.schema_path is None
    assert bare.context.docs_dir == tmp_path / "docs"
