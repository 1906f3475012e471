"""tfplugindocs' lookup where it is easy to get wrong, each case as tfplugindocs' generate.go
decides it: a fallback template renders over a static page, a deprecated component's own
template keeps its data under --ignore-deprecated, and a template's component is
``<provider>_<file name>``, else the component named like the provider, else none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plating.cli import main
from tests.factories import resource_block, schema_document, write_schema
from tests.tfplugindocs.project import generate, make_project

FALLBACK = "fallback {{.Type}} {{.Name}}\n"


def _generate_loud(root: Path) -> int:
    """``plating generate`` with its warnings printed."""
    schema = str(root / "schema.json")
    return main(
        ["generate", "-provider-dir", str(root), "-providers-schema", schema, "-provider-name=demo"]
    )


def _deprecated(description: str) -> dict[str, Any]:
    block = resource_block(description)
    block["block"]["deprecated"] = True
    return block


def test_a_fallback_template_renders_over_static_pages_as_in_tfplugindocs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tfplugindocs checks for the fallback before the static candidates: the component gets
    # the fallback's page, and the static file is still copied to its own path.
    root = make_project(
        tmp_path / "p",
        **{
            "templates/resources.md.tmpl": FALLBACK,
            "templates/data-sources.md.tmpl": FALLBACK,
            "templates/data-sources/thing.md": "static, overwritten\n",
            "templates/resources/other.markdown": "static other\n",
            "templates/r/thing.md": "legacy thing\n",
        },
    )
    assert _generate_loud(root) == 0
    warning = capsys.readouterr().err
    assert "templates/r/thing.md: a legacy r/ page, copied to docs/r/thing.md" in warning
    assert "docs/resources/thing.md is rendered from resources.md.tmpl" in warning
    docs = root / "docs"
    assert (docs / "data-sources" / "thing.md").read_text() == "fallback Data Source demo_thing\n"
    assert (docs / "resources" / "other.md").read_text() == "fallback Resource demo_other\n"
    assert (docs / "resources" / "other.markdown").read_text() == "static other\n"
    assert (docs / "resources" / "thing.md").read_text() == "fallback Resource demo_thing\n"
    assert (docs / "r" / "thing.md").read_text() == "legacy thing\n"


def test_a_legacy_page_beside_the_components_own_template_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        tmp_path / "p",
        **{"templates/resources/thing.md.tmpl": "own\n", "templates/r/thing.md": "legacy\n"},
    )
    assert _generate_loud(root) == 0
    assert "docs/resources/thing.md is rendered from its own template" in capsys.readouterr().err
    assert (root / "docs" / "resources" / "thing.md").read_text() == "own\n"
    assert (root / "docs" / "r" / "thing.md").read_text() == "legacy\n"


def test_without_a_fallback_a_static_page_stands_for_its_component(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p",
        **{
            "templates/resources.md.tmpl": FALLBACK,
            "templates/data-sources/thing.md": "static data source\n",
        },
    )
    assert generate(root) == 0
    docs = root / "docs"
    assert (docs / "data-sources" / "thing.md").read_text() == "static data source\n"
    assert (docs / "resources" / "thing.md").read_text() == "fallback Resource demo_thing\n"


def _deprecated_project(root: Path) -> Path:
    root.mkdir(parents=True)
    document = schema_document(
        resources={
            "demo_thing": resource_block("A thing."),
            "demo_old": _deprecated("Old."),
            "demo_gone": _deprecated("Gone."),
        }
    )
    write_schema(root / "schema.json", document)
    for relative, text in {
        "templates/resources/old.md.tmpl": "{{.Name}} {{.Type}}: {{.Description}}\n",
        "templates/resources.md.tmpl": FALLBACK,
        "templates/resources/gone.html.md": "static page of a deprecated resource\n",
    }.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root


def test_ignore_deprecated_renders_a_deprecated_components_own_template_with_its_data(
    tmp_path: Path,
) -> None:
    # tfplugindocs skips deprecated components when it fills in missing templates, but
    # renders every template of templates/ with the data of the component it names.
    root = _deprecated_project(tmp_path / "p")
    assert generate(root, "--ignore-deprecated") == 0
    docs = root / "docs" / "resources"
    assert (docs / "old.md").read_text() == "demo_old Resource: Old.\n"
    assert not (docs / "gone.md").exists()
    # Every static file of templates/ is copied, a deprecated component's too.
    assert (docs / "gone.html.md").read_text() == "static page of a deprecated resource\n"
    assert (docs / "thing.md").read_text() == "fallback Resource demo_thing\n"
    assert generate(root) == 0
    assert (docs / "gone.md").read_text() == "fallback Resource demo_gone\n"


def test_plate_leaves_an_excluded_components_template_unrendered(tmp_path: Path) -> None:
    root = _deprecated_project(tmp_path / "p")
    (root / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    argv = ["plate", "-q", "--project-root", str(root), "--schema", str(root / "schema.json")]
    assert main([*argv, "--exclude", "demo_old", "--ignore-deprecated"]) == 0
    docs = root / "docs" / "resources"
    assert sorted(p.name for p in docs.iterdir()) == ["gone.html.md", "thing.md"]


def test_a_templates_component_is_looked_up_as_tfplugindocs_looks_it_up(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    document = schema_document(
        resources={"demo_thing": resource_block("A thing.")},
        data_sources={"demo": resource_block("Named like its provider.")},
    )
    write_schema(root / "schema.json", document)
    templates = {
        # demo_demo is not a data source: the one named like the provider is.
        "templates/data-sources/demo.md.tmpl": "{{.Name}}\n",
        "templates/data-sources/anything.md.tmpl": "{{.Name}}\n",
        # demo_demo_thing is no resource, nor is demo: no data, and demo_thing keeps its own
        # (default) page at resources/thing.md.
        "templates/resources/demo_thing.md.tmpl": "[{{.Name}}]\n",
    }
    for relative, text in templates.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    assert generate(root) == 0
    docs = root / "docs"
    assert (docs / "data-sources" / "demo.md").read_text() == "demo\n"
    assert (docs / "data-sources" / "anything.md").read_text() == "demo\n"
    assert (docs / "resources" / "demo_thing.md").read_text() == "[<no value>]\n"
    assert "\n# demo_thing (Resource)\n" in (docs / "resources" / "thing.md").read_text()


def test_generate_keeps_crlf_and_a_byte_order_mark_as_go_does_plate_writes_lf(
    tmp_path: Path,
) -> None:
    template = '\ufeff# {{ .Name }}\r\n\r\n{{ tffile "examples/x.tf" }}\r\n'
    root = make_project(tmp_path / "p", **{"pyproject.toml": "[project]\nname = 'p'\n"})
    (root / "templates" / "resources").mkdir(parents=True)
    (root / "templates" / "resources" / "thing.md.tmpl").write_bytes(template.encode())
    (root / "examples").mkdir()
    (root / "examples" / "x.tf").write_bytes(b'resource "demo_thing" "x" {\r\n}\r\n')
    assert generate(root) == 0
    page = root / "docs" / "resources" / "thing.md"
    assert (
        page.read_bytes()
        == (
            '\ufeff# demo_thing\r\n\r\n```terraform\nresource "demo_thing" "x" {\r\n}\n```\r\n'
        ).encode()
    )
    argv = ["plate", "-q", "--project-root", str(root), "--schema", str(root / "schema.json")]
    assert main([*argv, "--adopt"]) == 0
    text = page.read_bytes().decode()
    assert "\r" not in text and "\ufeff" not in text
    assert text.endswith('# demo_thing\n\n```terraform\nresource "demo_thing" "x" {\n}\n```\n')


def test_a_default_page_shows_a_crlf_example_as_tfplugindocs_does(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", **{"pyproject.toml": "[project]\nname = 'p'\n"})
    folder = root / "examples" / "resources" / "demo_thing"
    folder.mkdir(parents=True)
    (folder / "resource.tf").write_bytes(b'resource "demo_thing" "x" {\r\n  name = "a"\r\n}\r\n')
    (folder / "import.sh").write_bytes(b"terraform import demo_thing.x a\r\n# or b\r\n")
    assert generate(root) == 0
    page = (root / "docs" / "resources" / "thing.md").read_bytes()
    assert b'```terraform\nresource "demo_thing" "x" {\r\n  name = "a"\r\n}\n```' in page
    assert b"```shell\nterraform import demo_thing.x a\r\n# or b\n```" in page
    assert page.count(b"\r") == 3  # only the examples' own line ends
    argv = ["plate", "-q", "--project-root", str(root), "--schema", str(root / "schema.json")]
    assert main([*argv, "--output-dir", str(root / "plated")]) == 0
    assert b"\r" not in (root / "plated" / "resources" / "thing.md").read_bytes()
