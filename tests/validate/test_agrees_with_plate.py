"""validate agrees with plate: a page exactly as ``plate`` generates it has no finding at all,
warnings included (tfplugindocs' page shape is the reference: an empty nested section of a
block without attributes, or an index page that is only its title, is not a defect).

azurerm's 1,571 pages are checked in ``test_azurerm.py``; the other real schemas here, whole
and as random selections of their components, and generated schemas of every shape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating.cli import main
from tests.conftest import SCHEMAS
from tests.hostile.helpers import scaled
from tests.hostile.strategies import KIND_KEYS, schema_documents

REAL_SCHEMAS = sorted(p.name for p in SCHEMAS.glob("*.json") if not p.name.startswith("azurerm"))
#: Keys of a schema document that hold text copied into pages as it is.
TEXT_KEYS = frozenset({"description", "summary", "deprecation_message"})
SECTIONS = (*KIND_KEYS, "functions")


def plate_and_validate(
    root: Path, schema: Path, capsys: pytest.CaptureFixture[str], *plate_options: str
) -> Any:
    """Plate ``schema`` into ``root/docs``, validate it; the JSON report."""
    source = ["--schema", str(schema), "--project-root", str(root)]
    assert main(["plate", "--quiet", *plate_options, *source]) == 0
    capsys.readouterr()
    code = main(["validate", "--format", "json", *source])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if report["ok"] else 1)
    return report


@pytest.mark.parametrize("name", REAL_SCHEMAS)
def test_every_page_plate_writes_passes_validate(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    report = plate_and_validate(root, SCHEMAS / name, capsys)
    assert report["findings"] == []
    assert report["counts"]["pages"] > 1


def test_pages_with_repeated_nested_sections_written_once_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Their "Same as" links lead to the first occurrence's anchor, in the page.
    root = tmp_path / "aws"
    root.mkdir()
    schema = SCHEMAS / "aws-2.54.0-format-0.1.json"
    report = plate_and_validate(root, schema, capsys, "--dedupe-nested", "always")
    assert report["findings"] == []
    assert any("Same as" in p.read_text(encoding="utf-8") for p in root.rglob("docs/*/*.md"))


def test_the_index_of_a_provider_without_description_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hashicorp/local: no provider description, no provider arguments, no examples.
    root = tmp_path / "local"
    root.mkdir()
    report = plate_and_validate(root, SCHEMAS / "local-2.5.2.json", capsys)
    assert report["findings"] == []
    index = (root / "docs/index.md").read_text(encoding="utf-8")
    assert index.rstrip().endswith("# local Provider")


def _select(document: dict[str, Any], keep: dict[str, list[str]]) -> dict[str, Any]:
    """``document`` with only the chosen components of each section."""
    (address, provider), *_ = document["provider_schemas"].items()
    chosen = {k: v for k, v in provider.items() if k not in SECTIONS}
    for section, names in keep.items():
        chosen[section] = {name: provider[section][name] for name in names}
    identities = chosen.get("resource_identity_schemas")
    if identities is not None:
        resources = chosen.get("resource_schemas", {})
        chosen["resource_identity_schemas"] = {
            k: v for k, v in identities.items() if k in resources
        }
    return {**document, "provider_schemas": {address: chosen}}


_DOCUMENTS = {name: json.loads((SCHEMAS / name).read_text()) for name in REAL_SCHEMAS}


@st.composite
def real_selections(draw: st.DrawFn) -> dict[str, Any]:
    """A real schema cut down to a random few components of each kind."""
    document = _DOCUMENTS[draw(st.sampled_from(REAL_SCHEMAS))]
    provider = next(iter(document["provider_schemas"].values()))
    keep: dict[str, list[str]] = {}
    for section in SECTIONS:
        names = sorted(provider.get(section) or {})
        if names:
            keep[section] = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
    return _select(document, keep)


def _plain_texts(value: Any) -> Any:
    """Descriptions reduced to plain words: what a provider writes in them is its content
    (a ``# Heading`` there is a heading of the page), not the shape plate gives pages."""
    if isinstance(value, dict):
        return {
            key: "".join(c for c in item if c.isalnum() or c in " .,")
            if key in TEXT_KEYS and isinstance(item, str)
            else _plain_texts(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_plain_texts(item) for item in value]
    return value


PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _no_finding(
    document: dict[str, Any],
    root: Path,
    capsys: pytest.CaptureFixture[str],
    tolerated: frozenset[str] = frozenset(),
) -> None:
    root.joinpath("schema.json").write_text(json.dumps(document), encoding="utf-8")
    source = ["--schema", str(root / "schema.json"), "--project-root", str(root)]
    code = main(["plate", "--quiet", *source])
    capsys.readouterr()
    if code != 0:
        return  # a schema plating refuses (a block neither required, optional nor computed)
    main(["validate", "--format", "json", *source])
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"] not in tolerated]
    assert found == [], found[:3]


@settings(PROPERTY, max_examples=scaled(15))
@given(document=real_selections())
def test_any_selection_of_a_real_schema_plates_to_pages_without_finding(
    document: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A description may link to the page of a component the cut left out (local's file
    # resource links to ./sensitive_file.html): a dangling link made by the cut, not by plate.
    _no_finding(document, tmp_path_factory.mktemp("real"), capsys, frozenset({"links/broken"}))


@settings(PROPERTY, max_examples=scaled(40))
@given(document=schema_documents().map(_plain_texts))
def test_any_generated_schema_plates_to_pages_without_finding(
    document: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _no_finding(document, tmp_path_factory.mktemp("generated"), capsys)


def test_nested_sections_of_blocks_without_attributes_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As aws 6.19's pages: tfplugindocs writes an empty section for such a block, last or not.
    empty = {"nesting_mode": "list", "block": {}}
    block = {
        "attributes": {"name": {"type": "string", "required": True}},
        "block_types": {
            "first_empty": empty,
            "outer": {
                "nesting_mode": "single",
                "block": {"block_types": {"inner_empty": {"nesting_mode": "set", "block": {}}}},
            },
            "zz_last_empty": empty,
        },
    }
    document = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/acme/acme": {
                "provider": {"version": 0, "block": {}},
                "resource_schemas": {"acme_thing": {"version": 0, "block": block}},
            }
        },
    }
    root = tmp_path / "project"
    root.mkdir()
    (root / "schema.json").write_text(json.dumps(document), encoding="utf-8")
    report = plate_and_validate(root, root / "schema.json", capsys)
    assert report["findings"] == []
    page = (root / "docs/resources/thing.md").read_text(encoding="utf-8")
    assert page.rstrip().endswith("### Nested Schema for `zz_last_empty`")
    assert "### Nested Schema for `outer.inner_empty`\n\n\n\n<a id" in page


def test_pages_of_components_without_content_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by the property above: a function without parameters gets an empty
    # "## Arguments" (as tfplugindocs writes it); empty components are only their title.
    provider = {
        "provider": {"version": 0, "block": {}},
        "resource_schemas": {"demo_r": {"version": 0, "block": {}}},
        "action_schemas": {"demo_a": {"version": 0, "block": {}}},
        "functions": {"a": {"parameters": [], "return_type": "string"}},
    }
    document = {
        "format_version": "1.0",
        "provider_schemas": {"registry.terraform.io/acme/demo": provider},
    }
    root = tmp_path / "project"
    root.mkdir()
    (root / "schema.json").write_text(json.dumps(document), encoding="utf-8")
    report = plate_and_validate(root, root / "schema.json", capsys)
    assert report["findings"] == []
    assert (root / "docs/functions/a.md").read_text(encoding="utf-8").endswith("## Arguments\n")
