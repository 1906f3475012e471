"""`plating adorn`: complete bundles for undocumented components, never touching existing files."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from plating import Plating, PlatingContext
from plating.cli import main
from plating.hcl import Block as HclBlock
from plating.hcl import Body, parse
from plating.ownership import COPIED_MARKER
from plating.schema.kinds import ComponentType
from plating.schema.model import Block, Component
from plating.schema.parse import load_schema_file
from tests.conftest import REPO_ROOT, SCHEMAS
from tests.factories import snapshot

AZURERM = SCHEMAS / "azurerm-4.65.0.json"


def _assert_required_only(body: Body, block: Block, where: str) -> None:
    """The body sets exactly the required attributes and blocks of ``block``, recursively."""
    required_attrs = {a.name for a in block.attributes if a.required}
    assert {a.name for a in body.attributes} == required_attrs, where
    required_blocks = {b.name: b for b in block.block_types if b.min_items > 0}
    assert {b.type for b in body.blocks} == set(required_blocks), where
    for child in body.blocks:
        _assert_required_only(
            child.body, required_blocks[child.type].block, f"{where}.{child.type}"
        )


def _top(body: Body, component: Component) -> HclBlock:
    keyword = {
        ComponentType.RESOURCE: "resource",
        ComponentType.DATA_SOURCE: "data",
        ComponentType.EPHEMERAL_RESOURCE: "ephemeral",
        ComponentType.ACTION: "action",
        ComponentType.LIST_RESOURCE: "list",
        ComponentType.PROVIDER: "provider",
    }[component.kind]
    assert len(body.blocks) == 1
    top = body.blocks[0]
    assert top.type == keyword
    return top


@pytest.fixture(scope="module")
def adorned_azurerm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("azurerm")
    argv = [
        "adorn",
        "--quiet",
        "--schema",
        str(AZURERM),
        "--provider-name",
        "azurerm",
        "--project-root",
        str(root),
    ]
    assert main(argv) == 0
    return root


def test_every_azurerm_component_gets_a_bundle_with_a_valid_example(adorned_azurerm: Path) -> None:
    schema = load_schema_file(AZURERM, "azurerm")
    for component in schema.all_components():
        folder = component.kind.info.bundle_folders[0]
        name = component.name.removeprefix("azurerm_")
        bundle = (
            adorned_azurerm / "plating" / "provider.plating"
            if component.kind is ComponentType.PROVIDER
            else adorned_azurerm / "plating" / folder / f"{name}.plating"
        )
        assert (bundle / "docs" / f"{component.name}.tmpl.md").is_file(), component.name
        suffix = component.kind.info.example_suffix
        example = bundle / "examples" / f"{component.name}{suffix}"
        body = parse(example.read_text(), str(example))
        if component.kind is ComponentType.FUNCTION:
            assert component.function is not None
            (call,) = [c for a in body.blocks[0].body.attributes for c in a.value.calls]
            assert call.name == f"provider::azurerm::{component.name}"
            assert call.arg_count == len(component.function.parameters)
            continue
        top = _top(body, component)
        assert component.block is not None
        inner = top.body
        if component.kind in (ComponentType.ACTION, ComponentType.LIST_RESOURCE):
            configs = [b for b in inner.blocks if b.type == "config"]
            assert len(configs) == 1
            inner = configs[0].body
        _assert_required_only(inner, component.block, component.name)


def test_second_run_creates_nothing(adorned_azurerm: Path) -> None:
    before = snapshot(adorned_azurerm / "plating")
    context = PlatingContext(
        provider_name="azurerm", project_root=adorned_azurerm, schema_path=AZURERM
    )
    result = asyncio.run(Plating(context).adorn())
    assert result.templates_generated == 0 and result.examples_created == 0
    assert result.skipped == 1571
    assert snapshot(adorned_azurerm / "plating") == before


def test_existing_files_left_byte_for_byte(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    schema = REPO_ROOT / "demo/schema.json"
    mine = root / "plating/resources/pantry_item.plating/examples/kitchen_pantry_item.tf"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"# my own example\r\n")
    elsewhere = tmp_path / "other-package/resources/x.plating/docs/x.tmpl.md"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text("untouched\n")
    before_other = snapshot(tmp_path / "other-package")
    assert main(["adorn", "--quiet", "--schema", str(schema), "--project-root", str(root)]) == 0
    assert mine.read_bytes() == b"# my own example\r\n"
    assert (mine.parent.parent / "docs/kitchen_pantry_item.tmpl.md").is_file()
    assert snapshot(tmp_path / "other-package") == before_other


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = REPO_ROOT / "demo/schema.json"
    assert (
        main(["adorn", "--dry-run", "--schema", str(schema), "--project-root", str(tmp_path)]) == 0
    )
    out = capsys.readouterr().out
    assert "would create" in out and "kitchen_menu.tmpl.md" in out
    assert list(tmp_path.iterdir()) == []


def test_adorned_project_plates(tmp_path: Path) -> None:
    schema = REPO_ROOT / "demo/schema.json"
    assert main(["adorn", "--quiet", "--schema", str(schema), "--project-root", str(tmp_path)]) == 0
    assert main(["plate", "--quiet", "--schema", str(schema), "--project-root", str(tmp_path)]) == 0
    page = (tmp_path / "docs/resources/pantry_item.md").read_text()
    assert "{{ 7 * 7 }}" in page  # literal schema text survives the template
    assert 'resource "kitchen_pantry_item" "example"' in page
    assert "\n\n\n" not in page.split("## Schema")[0]
    function = (tmp_path / "docs/functions/combine_ingredients.md").read_text()
    assert "combine_ingredients(separator string, ingredients string...) string" in function


def test_adorn_never_changes_a_page_documented_the_tfplugindocs_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Conventional examples, import files, a static page and a Go template document their
    components: adorn leaves them alone, and plating after adorn writes the same pages."""
    from tests.conftest import REPO_ROOT
    from tests.factories import snapshot

    project = tmp_path / "kitchen"
    project.mkdir()
    shutil.copy(REPO_ROOT / "demo/schema.json", project / "schema.json")
    (project / "pyproject.toml").write_text(
        '[tool.plating]\nprovider_name = "kitchen"\nschema = "schema.json"\n'
    )
    files = {
        "examples/provider/provider.tf": 'provider "kitchen" {}\n',
        "examples/data-sources/kitchen_menu/data-source.tf": (
            'data "kitchen_menu" "light_italian" {\n  cuisine = "italian"\n}\n'
        ),
        "examples/resources/kitchen_recipe/import.sh": "terraform import kitchen_recipe.x soup\n",
        "examples/functions/scale_quantity/function.tf": (
            'output "x" {\n  value = provider::kitchen::scale_quantity(1, 2)\n}\n'
        ),
        "templates/resources/pantry_item.md": "---\npage_title: pantry\n---\n\n# Pantry\n",
        "templates/ephemeral-resources/oven_token.md.tmpl": (
            "---\npage_title: {{.Name}}\n---\n\n# {{.Name}}\n\n{{ .SchemaMarkdown }}\n"
        ),
    }
    for relpath, text in files.items():
        (project / relpath).parent.mkdir(parents=True, exist_ok=True)
        (project / relpath).write_text(text)
    root = ["--project-root", str(project)]
    assert main(["plate", "--quiet", *root]) == 0, capsys.readouterr().err
    before = snapshot(project / "docs")
    assert b'data "kitchen_menu" "light_italian"' in before["data-sources/menu.md"][1]
    assert b"## Import" in before["resources/recipe.md"][1]
    oven = before["ephemeral-resources/oven_token.md"][1]
    # The Go template's page (plate adds its marker line to the template's front matter).
    assert oven.startswith(f"---\n{COPIED_MARKER}\npage_title: kitchen_oven_token".encode())

    assert main(["adorn", "--quiet", *root]) == 0
    created = sorted(p.relative_to(project).as_posix() for p in project.rglob("*.tmpl.md"))
    # Only the components nothing documented: an action, a list resource, a function.
    assert created == [
        "plating/actions/ring_bell.plating/docs/kitchen_ring_bell.tmpl.md",
        "plating/functions/combine_ingredients.plating/docs/combine_ingredients.tmpl.md",
        "plating/list_resources/recipe.plating/docs/kitchen_recipe.tmpl.md",
    ]
    assert main(["plate", "--quiet", *root]) == 0, capsys.readouterr().err
    after = snapshot(project / "docs")
    adorned = {
        "actions/ring_bell.md",
        "functions/combine_ingredients.md",
        "list-resources/recipe.md",
    }
    assert {k: v for k, v in after.items() if k not in adorned} == {
        k: v for k, v in before.items() if k not in adorned
    }


@pytest.mark.parametrize(
    "template",
    ["resources/recipe.md.tmpl", "resources/kitchen_recipe.md.tmpl", "resources.md.tmpl"],
)
def test_a_go_template_documents_its_component(tmp_path: Path, template: str) -> None:
    from plating.bundles.conventional import has_conventional_docs

    recipe = Component(ComponentType.RESOURCE, "kitchen_recipe", block=Block())
    templates = tmp_path / "templates"
    assert not has_conventional_docs(recipe, "kitchen", tmp_path / "examples", templates)
    (templates / template).parent.mkdir(parents=True, exist_ok=True)
    (templates / template).write_text("# {{.Name}}\n")
    assert has_conventional_docs(recipe, "kitchen", tmp_path / "examples", templates)


@pytest.mark.parametrize("folder", ["build/bundles", "dist", "site/b", "docs/bundles", ".venv/x"])
def test_a_bundles_folder_plate_never_searches_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """Issue 19, defect 16: `adorn --bundles-dir build/bundles` (or dist/, site/) created
    bundles that `plate` never finds, without a word."""
    shutil.copy(SCHEMAS / "local-2.5.2.json", tmp_path / "schema.json")
    args = ["adorn", "--schema", str(tmp_path / "schema.json"), "--project-root", str(tmp_path)]
    capsys.readouterr()
    assert main([*args, "--bundles-dir", str(tmp_path / folder)]) == 2
    err = capsys.readouterr().err
    assert "a folder plate never searches for bundles" in err and "--bundles-dir" in err
    assert not any(tmp_path.rglob("*.plating"))
    # Where plate does look, adorn goes ahead.
    assert main([*args, "--bundles-dir", str(tmp_path / "docs-src" / "bundles")]) == 0
    assert any((tmp_path / "docs-src" / "bundles").rglob("*.tmpl.md"))
