"""Golden tests: schema, identity and function Markdown equal tfplugindocs' test data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plating.render.function_md import render_arguments, render_signature, render_variadic
from plating.render.schema_md import render_identity, render_schema
from plating.schema.parse import _Parser
from tests.conftest import CONFORMANCE

SCHEMA_CASES = sorted((CONFORMANCE / "schema-markdown").glob("*.schema.json")) + sorted(
    (CONFORMANCE / "action-schema-markdown").glob("*.schema.json")
)


def _expected(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda p: p.name)
def test_schema_section_matches_golden(case: Path) -> None:
    raw = json.loads(case.read_text(encoding="utf-8"))
    block = _Parser(str(case)).block(raw["block"], "block", 0)
    expected = case.with_name(case.name.replace(".schema.json", ".md"))
    assert render_schema(block).rstrip("\n") == _expected(expected)


def test_identity_section_matches_golden() -> None:
    case = CONFORMANCE / "identity-schema-markdown" / "identity.schema.json"
    identity = _Parser(str(case)).identity(json.loads(case.read_text()), "identity")
    assert render_identity(identity).rstrip("\n") == _expected(case.with_name("identity.md"))


def test_function_markdown_matches_golden() -> None:
    folder = CONFORMANCE / "function-markdown"
    raw = json.loads((folder / "function_signature.schema.json").read_text())
    function = _Parser("f").function(raw, "function")
    assert render_signature("example", function).rstrip("\n") == _expected(
        folder / "example_signature.md"
    )
    assert render_arguments(function).rstrip("\n") == _expected(folder / "example_arguments.md")
    assert render_variadic(function).rstrip("\n") == _expected(folder / "example_vararg.md")
