"""Small builders of provider schemas and projects for tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def attr(kind: str = "string", **flags: Any) -> dict[str, Any]:
    """An attribute of a schema block."""
    flags.setdefault("description", "")
    return {"type": kind, **flags}


def resource_block(description: str = "A thing.", **attributes: dict[str, Any]) -> dict[str, Any]:
    """A component schema with the given attributes."""
    attrs = attributes or {"name": attr(required=True, description="The name.")}
    return {"version": 0, "block": {"attributes": attrs, "description": description}}


def schema_document(
    address: str = "registry.terraform.io/acme/demo",
    resources: dict[str, Any] | None = None,
    data_sources: dict[str, Any] | None = None,
    functions: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A `providers schema -json` document with one provider."""
    provider: dict[str, Any] = {
        "provider": {"version": 0, "block": {"description": "The demo provider."}},
        "resource_schemas": resources or {},
        "data_source_schemas": data_sources or {},
        "functions": functions or {},
    }
    provider.update(extra)
    return {"format_version": "1.0", "provider_schemas": {address: provider}}


def write_schema(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def many_resources(count: int, prefix: str = "demo") -> dict[str, Any]:
    """``count`` simple resources named ``<prefix>_r000``..."""
    return {f"{prefix}_r{i:03d}": resource_block(f"Resource {i}.") for i in range(count)}


def add_bundle(root: Path, kind_folder: str, name: str, template: str, **examples: str) -> Path:
    """A `.plating` bundle with one template (and optional examples) under ``root``."""
    bundle = root / kind_folder / f"{name}.plating"
    (bundle / "docs").mkdir(parents=True)
    (bundle / "docs" / f"{name}.tmpl.md").write_text(template, encoding="utf-8")
    if examples:
        (bundle / "examples").mkdir()
        for stem, text in examples.items():
            (bundle / "examples" / f"{stem}.tf").write_text(text, encoding="utf-8")
    return bundle


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``folder`` with its mtime and bytes; Python's own bytecode files
    (written by any import unless PYTHONDONTWRITEBYTECODE is set) are not plating's."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def plate_project(root: Path, *extra: str) -> int:
    """`plating plate --quiet` on a project whose schema is ``<root>/schema.json``."""
    from plating.cli import main

    return main(
        [
            "plate",
            "--quiet",
            "--project-root",
            str(root),
            "--schema",
            str(root / "schema.json"),
            *extra,
        ]
    )
