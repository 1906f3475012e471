"""A tfplugindocs-shaped provider for the benchmark: a schema, conventional examples, and,
when asked, Go templates shaped like the ones real providers keep (front matter through
``plainmarkdown | trimspace | prefixlines``, ``tffile`` examples, the schema section, an
import section), as fallbacks for every kind and as named templates for some components.

Usage from run.py: ``make_project(root, resources=100, data_sources=49, templates=True)``;
``templates_for(root)`` adds the fallback templates to any project (azurerm).
"""

from __future__ import annotations

import json
from pathlib import Path

_PAGE = """---
page_title: "{{.Name}} {{.Type}} - {{.ProviderName}}"
subcategory: ""
description: |-
{{ .Description | plainmarkdown | trimspace | prefixlines "  " }}
---

# {{.Name}} ({{.Type}})

{{ .Description | trimspace }}

{{ if .HasExample -}}
## Example Usage

{{ tffile .ExampleFile }}
{{- end }}

{{ .SchemaMarkdown | trimspace }}
{{- if .HasImport }}

## Import

Import is supported using the following syntax:

{{ codefile "shell" .ImportFile }}
{{- end }}
"""

_INDEX = """---
page_title: "{{.ProviderShortName}} Provider"
description: |-
{{ .Description | plainmarkdown | trimspace | prefixlines "  " }}
---

# {{ .ProviderShortName | title }} Provider

{{ .Description | trimspace }}

{{ range $i, $f := .ExampleFiles }}{{ if $i }}

{{ end }}{{ tffile $f }}{{ end }}

{{ .SchemaMarkdown | trimspace }}
"""


def _block(index: int) -> dict[str, object]:
    attributes = {
        "name": {"type": "string", "required": True, "description": f"Name of thing {index}."},
        "tags": {"type": ["map", "string"], "optional": True, "description": "Tags, `k = v`."},
        "size": {"type": "number", "optional": True, "description": "Size in **GB**."},
        "id": {"type": "string", "computed": True, "description": "Identifier."},
    }
    nested = {
        "settings": {
            "nesting_mode": "list",
            "block": {
                "attributes": {
                    "enabled": {"type": "bool", "optional": True, "description": "On or off."}
                }
            },
        }
    }
    return {
        "version": 0,
        "block": {
            "attributes": attributes,
            "block_types": nested,
            "description": f"Manages thing {index}: a *synthetic* resource for the benchmark.",
        },
    }


def make_project(root: Path, resources: int, data_sources: int, templates: bool) -> int:
    """Write the project into ``root``; returns the number of pages it documents."""
    root.mkdir(parents=True)
    names = [f"bench_thing{i:03d}" for i in range(resources)]
    reads = [f"bench_read{i:03d}" for i in range(data_sources)]
    schema = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/acme/bench": {
                "provider": {"version": 0, "block": {"description": "The bench provider."}},
                "resource_schemas": {n: _block(i) for i, n in enumerate(names)},
                "data_source_schemas": {n: _block(i) for i, n in enumerate(reads)},
            }
        },
    }
    (root / "schema.json").write_text(json.dumps(schema))
    examples = root / "examples"
    (examples / "provider").mkdir(parents=True)
    (examples / "provider" / "provider.tf").write_text('provider "bench" {}\n')
    for name in names:
        folder = examples / "resources" / name
        folder.mkdir(parents=True)
        (folder / "resource.tf").write_text(f'resource "{name}" "x" {{\n  name = "x"\n}}\n')
        (folder / "import.sh").write_text(f"terraform import {name}.x id\n")
    for name in reads:
        folder = examples / "data-sources" / name
        folder.mkdir(parents=True)
        (folder / "data-source.tf").write_text(f'data "{name}" "x" {{\n  name = "x"\n}}\n')
    if templates:
        templates_for(root)
        named = root / "templates" / "resources"
        named.mkdir(parents=True, exist_ok=True)
        for name in names[::5]:  # a fifth of the resources have a template of their own
            (named / f"{name.removeprefix('bench_')}.md.tmpl").write_text(_PAGE)
        (root / "templates" / "index.md.tmpl").write_text(_INDEX)
    return 1 + resources + data_sources


def templates_for(root: Path) -> None:
    """Fallback templates of every kind that has pages in tfplugindocs' layout."""
    folder = root / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("resources", "data-sources", "ephemeral-resources", "list-resources"):
        (folder / f"{kind}.md.tmpl").write_text(_PAGE)
