"""A small tfplugindocs-shaped provider project for the tests of this folder."""

from __future__ import annotations

from pathlib import Path

from plating.cli import main
from tests.factories import attr, resource_block, schema_document, write_schema

FUNCTION = {
    "description": "Echoes **input**.",
    "summary": "Echo",
    "parameters": [{"name": "input", "type": "string", "description": "Value."}],
    "return_type": "string",
}


def make_project(root: Path, **files: str) -> Path:
    """``terraform-provider-demo``-like folder: a schema with resources ``demo_thing`` and
    ``demo_other``, data source ``demo_thing``, function ``echo``; ``files`` maps relative
    paths to contents (``templates/...``, ``examples/...``)."""
    root.mkdir(parents=True, exist_ok=True)
    document = schema_document(
        resources={
            "demo_thing": resource_block("A **thing**.", name=attr(required=True)),
            "demo_other": resource_block("Another."),
        },
        data_sources={"demo_thing": resource_block("Reads a thing.")},
        functions={"echo": FUNCTION},
    )
    write_schema(root / "schema.json", document)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def generate(root: Path, *extra: str) -> int:
    """``plating generate`` as a provider's Makefile runs it."""
    return main(
        [
            "generate",
            "--quiet",
            "--provider-dir",
            str(root),
            "--provider-name",
            "demo",
            "--providers-schema",
            str(root / "schema.json"),
            *extra,
        ]
    )
