"""End-to-end behaviour of `plating plate` on small projects."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from plating import ComponentType, Plating, PlatingContext
from plating.cli import main
from tests.conftest import SCHEMAS
from tests.factories import (
    add_bundle,
    attr,
    many_resources,
    plate_project,
    resource_block,
    schema_document,
    snapshot,
    write_schema,
)


def test_descriptions_are_never_evaluated_as_templates(tmp_path: Path) -> None:
    tricky = "Computes `{{ 7 * 7 }}` and {% if x %}branches{% endif %} {# no comment #}"
    document = schema_document(
        resources={
            "demo_plain": resource_block(tricky, name=attr(required=True, description=tricky)),
            "demo_bundled": resource_block(tricky),
        }
    )
    write_schema(tmp_path / "schema.json", document)
    add_bundle(
        tmp_path, "resources", "demo_bundled", "# Bundled\n\n{{ description }}\n\n{{ schema() }}\n"
    )
    assert plate_project(tmp_path) == 0
    plain = (tmp_path / "docs/resources/plain.md").read_text()
    bundled = (tmp_path / "docs/resources/bundled.md").read_text()
    assert plain.count(tricky) == 2  # heading description and attribute line
    assert tricky in bundled
    assert "49" not in plain + bundled


def test_template_error_among_100_components_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(100)))
    assert plate_project(tmp_path) == 0
    before = snapshot(tmp_path / "docs")
    assert len(before) == 101
    add_bundle(tmp_path, "resources", "demo_r042", "# Page\n\nline two\n{{ missing_variable }}\n")
    assert plate_project(tmp_path) == 1
    err = capsys.readouterr().err
    template = tmp_path / "resources/demo_r042.plating/docs/demo_r042.tmpl.md"
    assert f"{template}:4:" in err
    assert "demo_r042" in err and "missing_variable" in err
    assert snapshot(tmp_path / "docs") == before


def test_syntax_error_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(3)))
    add_bundle(tmp_path, "resources", "demo_r001", "ok\n\n{% if %}\n")
    assert plate_project(tmp_path) == 1
    err = capsys.readouterr().err
    assert "demo_r001.tmpl.md:3: template syntax error" in err
    assert not (tmp_path / "docs").exists()


def test_second_identical_run_rewrites_nothing(tmp_path: Path) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(20)))
    assert plate_project(tmp_path) == 0
    before = snapshot(tmp_path / "docs")
    result = asyncio.run(
        Plating(PlatingContext(project_root=tmp_path, schema_path=tmp_path / "schema.json")).plate()
    )
    assert result.files_generated == 0 and result.files_unchanged == 21
    assert snapshot(tmp_path / "docs") == before


def test_stale_pages_removed_user_files_kept(tmp_path: Path) -> None:
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(3)))
    docs = tmp_path / "docs"
    (docs / "cdktf/python").mkdir(parents=True)
    (docs / "cdktf/python/index.md").write_text("cdktf page\n")
    (docs / "resources").mkdir()
    hand = docs / "resources/r001.md"
    hand.write_text("---\npage_title: mine\n---\n\nHand-written.\n")
    (docs / "resources/notes.md").write_text("my notes\n")
    assert plate_project(tmp_path) == 0
    assert hand.read_text() == "---\npage_title: mine\n---\n\nHand-written.\n"
    assert (docs / "cdktf/python/index.md").read_text() == "cdktf page\n"
    assert (docs / "resources/notes.md").read_text() == "my notes\n"
    assert (docs / "resources/r002.md").exists()
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(2)))
    assert plate_project(tmp_path) == 0
    assert not (docs / "resources/r002.md").exists()
    assert (docs / "resources/r000.md").exists()
    assert hand.exists() and (docs / "resources/notes.md").exists()
    assert (docs / "cdktf/python/index.md").exists()


def test_component_type_filter_touches_only_that_kind(tmp_path: Path) -> None:
    document = schema_document(
        resources=many_resources(2),
        data_sources={"demo_lookup": resource_block("Looks up.")},
    )
    write_schema(tmp_path / "schema.json", document)
    assert plate_project(tmp_path) == 0
    before = snapshot(tmp_path / "docs")
    write_schema(tmp_path / "schema.json", schema_document(resources=many_resources(2)))
    assert plate_project(tmp_path, "--component-type", "resource") == 0
    assert snapshot(tmp_path / "docs") == before  # the data source page is not in scope


def test_ambiguous_bundle_is_an_error_that_says_how_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = schema_document(
        resources={"demo_thing": resource_block()}, data_sources={"demo_thing": resource_block()}
    )
    write_schema(tmp_path / "schema.json", document)
    add_bundle(tmp_path, "misc", "thing", "# Thing\n")
    assert plate_project(tmp_path) == 1
    err = capsys.readouterr().err
    assert "matches several components" in err and "resources/" in err


def test_provider_selected_by_name_on_any_host(tmp_path: Path) -> None:
    document = schema_document(
        address="registry.opentofu.org/acme/demo", resources=many_resources(1)
    )
    other = schema_document(address="local/providers/other", resources=many_resources(2, "other"))
    document["provider_schemas"].update(other["provider_schemas"])
    write_schema(tmp_path / "schema.json", document)
    assert plate_project(tmp_path) == 2  # two providers and no name
    assert plate_project(tmp_path, "--provider-name", "terraform-provider-other") == 0
    assert sorted(p.name for p in (tmp_path / "docs/resources").iterdir()) == ["r000.md", "r001.md"]


def test_several_providers_without_name_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = schema_document(address="registry.terraform.io/a/one")
    document["provider_schemas"].update(schema_document(address="x/y/two")["provider_schemas"])
    write_schema(tmp_path / "schema.json", document)
    assert plate_project(tmp_path) == 2
    err = capsys.readouterr().err
    assert "registry.terraform.io/a/one" in err and "x/y/two" in err and "--provider-name" in err


def test_tuples_render(tmp_path: Path) -> None:
    document = schema_document(
        resources={
            "demo_t": resource_block(
                "T.",
                pair=attr(["tuple", ["string", "number"]], optional=True, description="A pair."),
            )
        }
    )
    write_schema(tmp_path / "schema.json", document)
    assert plate_project(tmp_path) == 0
    assert "- `pair` (Tuple) A pair." in (tmp_path / "docs/resources/t.md").read_text()


def test_old_format_aws_schema(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert (
        main(
            [
                "plate",
                "--quiet",
                "--schema",
                str(SCHEMAS / "aws-2.54.0-format-0.1.json"),
                "--provider-name",
                "aws",
                "--project-root",
                str(tmp_path),
                "--output-dir",
                str(out),
            ]
        )
        == 0
    )
    assert len(list((out / "resources").iterdir())) == 551
    assert len(list((out / "data-sources").iterdir())) == 161


def test_azurerm_one_page_per_component(tmp_path: Path) -> None:
    result = asyncio.run(
        Plating(
            PlatingContext(
                provider_name="azurerm",
                project_root=tmp_path,
                schema_path=SCHEMAS / "azurerm-4.65.0.json",
            )
        ).plate()
    )
    assert result.errors == []
    expected = 1 + 1124 + 393 + 2 + 44 + 2 + 5
    assert len(result.output_files) == expected
    assert len(list((tmp_path / "docs").rglob("*.md"))) == expected


def test_api_component_types_and_counts(tmp_path: Path) -> None:
    write_schema(
        tmp_path / "schema.json",
        schema_document(resources=many_resources(2), data_sources={"demo_d": resource_block()}),
    )
    api = Plating(
        PlatingContext(
            provider_name="demo", project_root=tmp_path, schema_path=tmp_path / "schema.json"
        )
    )
    result = asyncio.run(
        api.plate(output_dir=tmp_path / "out", component_types=[ComponentType.DATA_SOURCE])
    )
    assert result.files_generated == 1
    assert result.output_files == [tmp_path / "out/data-sources/d.md"]
    assert set(result.timings) >= {"schema", "discovery", "render", "write"}


def test_a_linked_bundle_example_is_named_once_and_in_the_error_that_needs_it(
    demo_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere.tf"
    outside.write_text('resource "kitchen_recipe" "x" {}\n')
    examples = demo_project / "components/resources/recipe.plating/examples"
    (examples / "linked.tf").symlink_to(outside)
    root = ["--project-root", str(demo_project)]
    assert main(["plate", *root]) == 0
    err = capsys.readouterr().err
    named = [line for line in err.splitlines() if str(examples / "linked.tf") in line]
    assert len(named) == 1 and "symbolic link" in named[0]
    template = examples.parent / "docs/kitchen_recipe.tmpl.md"
    template.write_text(template.read_text() + '\n{{ example("linked") }}\n')
    assert main(["plate", *root]) == 1
    err = capsys.readouterr().err
    assert f"example('linked'): {examples / 'linked.tf'} is a symbolic link" in err
    assert "available:" not in err
