"""The azurerm docs (about 1,570 pages): no false finding, and every kind of injected
defect reported with its rule, file and line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from plating.cli import main
from plating.schema.model import ProviderSchema
from plating.validate.config import ValidateConfig, parse_validate_table
from plating.validate.findings import Finding
from plating.validate.runner import ValidateOptions, validate_project
from tests.validate.conftest import AZURERM_SCHEMA

VNET = "docs/resources/virtual_network.md"
GROUP = "docs/resources/resource_group.md"
EXAMPLE = """resource "azurerm_virtual_network" "example" {
  name                = "example-network"
  location            = "westeurope"
  resource_group_name = "example-resources"
  address_space       = ["10.0.0.0/16"]
}"""


def run(root: Path, schema: ProviderSchema, config: ValidateConfig | None = None) -> list[Finding]:
    options = ValidateOptions(project_root=root, config=config or ValidateConfig())
    return validate_project(options, schema).findings


def test_azurerm_docs_have_no_finding(
    azurerm_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["validate", "--schema", str(AZURERM_SCHEMA), "--project-root", str(azurerm_project)]
    assert main([*argv, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 error(s), 0 warning(s) in 1571 file(s): 1571 page(s)"), out


# -- injecting defects ----------------------------------------------------------------------


def append(root: Path, rel: str, text: str) -> int:
    """Append ``text`` to a file; the line number of its first line."""
    path = root / rel
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    write(root, rel, old + text)
    return old.count("\n") + 1


def insert_line(root: Path, rel: str, number: int, text: str) -> int:
    """Insert one line so that it becomes line ``number``."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(number - 1, text)
    write(root, rel, "\n".join(lines))
    return number


def replace_line(root: Path, rel: str, number: int, text: str) -> int:
    """Replace line ``number`` with ``text``."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    write(root, rel, "\n".join(lines))
    return number


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    # The copy hard-links the session's pages: replace the file, never write through it.
    path.unlink(missing_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


Where = tuple[str, int | None]


def put(root: Path, rel: str, text: str | bytes, where: Where) -> Where:
    """Write a file; the expected finding location."""
    write(root, rel, text)
    return where


def removed(root: Path, rel: str, where: Where) -> Where:
    """Delete a file; the expected finding location."""
    (root / rel).unlink()
    return where


def appended(root: Path, rel: str, text: str, where: Where) -> Where:
    """Append to a file; the expected finding location."""
    append(root, rel, text)
    return where


def bad_bytes(root: Path, rel: str) -> Where:
    """Append a line that is not UTF-8; its location."""
    data = (root / rel).read_bytes()
    write(root, rel, data + b"caf\xe9\n")
    return rel, data.count(b"\n") + 1


def example_in_page(root: Path, hcl: str, marker: str, rel: str = VNET) -> int:
    """A fenced terraform example appended to a page; the page line of ``marker``."""
    start = append(root, rel, f"\n## Example Usage\n\n```terraform\n{hcl}\n```\n")
    index = next(i for i, line in enumerate(hcl.split("\n")) if marker in line)
    return start + 4 + index  # blank, heading, blank, fence, then the HCL lines


def vnet_example(*extra: str, drop: str = "") -> str:
    lines = [line for line in EXAMPLE.split("\n") if not (drop and drop in line)]
    return "\n".join([*lines[:-1], *extra, lines[-1]])


@dataclass
class Defect:
    rule: str
    inject: Callable[[Path], Where]
    config: dict[str, object] = field(default_factory=dict)
    severity: str = "error"


def _page(title: str = "x") -> str:
    front = f'---\npage_title: "{title}"\nsubcategory: ""\ndescription: |-\n  x\n---\n'
    return f"{front}\n# {title}\n\nText.\n"


DEFECTS: dict[str, Defect] = {
    "directory": Defect(
        "registry/directory",
        lambda r: put(r, "docs/widgets/thing.md", _page(), ("docs/widgets", None)),
    ),
    "mixed-layout": Defect(
        "registry/mixed-layout",
        lambda r: put(r, "website/docs/index.html.markdown", _page(), ("docs", None)),
    ),
    "extension": Defect(
        "registry/extension",
        lambda r: put(r, "docs/resources/notes.txt", "x", ("docs/resources/notes.txt", None)),
    ),
    "size": Defect(
        "registry/size",
        lambda r: appended(r, VNET, ("word " * 20 + "\n") * 5000, (VNET, None)),
    ),
    "encoding": Defect("registry/encoding", lambda r: bad_bytes(r, VNET)),
    "extraneous-page": Defect(
        "registry/extraneous-page",
        lambda r: put(
            r, "docs/resources/not_a_thing.md", _page(), ("docs/resources/not_a_thing.md", None)
        ),
    ),
    "missing-page": Defect("registry/missing-page", lambda r: removed(r, VNET, (VNET, None))),
    "missing-index": Defect(
        "registry/missing-index",
        lambda r: removed(r, "docs/index.md", ("docs", None)),
        severity="warning",
    ),
    "frontmatter-missing": Defect(
        "frontmatter/missing",
        lambda r: put(r, VNET, "# azurerm_virtual_network\n\nText.\n", (VNET, 1)),
    ),
    "frontmatter-yaml": Defect(
        "frontmatter/yaml", lambda r: (VNET, insert_line(r, VNET, 4, "bad: a: b"))
    ),
    "frontmatter-duplicate-key": Defect(
        "frontmatter/yaml", lambda r: (VNET, insert_line(r, VNET, 5, 'page_title: "again"'))
    ),
    "frontmatter-key": Defect(
        "frontmatter/key", lambda r: (VNET, insert_line(r, VNET, 4, 'layout: "azurerm"'))
    ),
    "frontmatter-required": Defect(
        "frontmatter/required",
        lambda r: put(
            r,
            "docs/guides/intro.md",
            '---\nsubcategory: ""\n---\n\n# Intro\n\nText.\n',
            ("docs/guides/intro.md", 1),
        ),
    ),
    "frontmatter-unknown-key": Defect(
        "frontmatter/unknown-key",
        lambda r: (VNET, insert_line(r, VNET, 5, 'sidebar_title: "x"')),
        severity="warning",
    ),
    "frontmatter-subcategory": Defect(
        "frontmatter/subcategory",
        lambda r: (VNET, replace_line(r, VNET, 4, 'subcategory: "Bogus"')),
        config={"allowed_subcategories": ["Network"]},
    ),
    "heading-increment": Defect(
        "markdown/heading-increment",
        lambda r: (VNET, append(r, VNET, "###### Far too deep\n\nText.\n")),
        severity="warning",
    ),
    "heading-space": Defect(
        "markdown/heading-space",
        lambda r: (VNET, append(r, VNET, "#Not a heading\n")),
        severity="warning",
    ),
    "single-h1": Defect(
        "markdown/single-h1",
        lambda r: (VNET, append(r, VNET, "# Another title\n\nText.\n")),
        severity="warning",
    ),
    "empty-section": Defect(
        "markdown/empty-section",
        lambda r: (VNET, append(r, VNET, "## Empty\n\n## Next\n\nText.\n")),
        severity="warning",
    ),
    "fence-language": Defect(
        "markdown/fence-language",
        lambda r: (VNET, append(r, VNET, "```\nsome code\n```\n")),
        severity="warning",
    ),
    "unclosed-fence": Defect(
        "markdown/unclosed-fence", lambda r: (VNET, append(r, VNET, "```shell\necho hi\n"))
    ),
    "empty-link": Defect(
        "markdown/empty-link",
        lambda r: (VNET, append(r, VNET, "See [this]() for more.\n")),
        severity="warning",
    ),
    "line-length": Defect(
        "markdown/line-length",
        lambda r: (VNET, append(r, VNET, "word " * 30 + "\n")),
        config={"enable": ["MD013"]},
        severity="warning",
    ),
    "broken-link": Defect(
        "links/broken",
        lambda r: (VNET, append(r, VNET, "See [the subnet](subnet_nope.md).\n")),
    ),
    "anchor": Defect(
        "links/anchor",
        lambda r: (VNET, append(r, VNET, "See [encryption](#nestedblock--encryptio).\n")),
    ),
    "anchor-other-page": Defect(
        "links/anchor",
        lambda r: (
            GROUP,
            append(r, GROUP, "See [it](virtual_network.md#nestedblock--nope).\n"),
        ),
    ),
    "duplicate-anchor": Defect(
        "links/duplicate-anchor",
        lambda r: (VNET, append(r, VNET, '<a id="nestedblock--encryption"></a>\nText.\n')),
        severity="warning",
    ),
    "example-syntax": Defect(
        "example/syntax",
        lambda r: (VNET, example_in_page(r, vnet_example("  tags ="), "tags =")),
    ),
    "example-unknown-component": Defect(
        "example/unknown-component",
        lambda r: put(
            r,
            "examples/resources/azurerm_virtual_network/resource.tf",
            EXAMPLE.replace("azurerm_virtual_network", "azurerm_virtual_netwrk"),
            ("examples/resources/azurerm_virtual_network/resource.tf", 1),
        ),
    ),
    "example-unknown-argument": Defect(
        "example/unknown-argument",
        lambda r: (VNET, example_in_page(r, vnet_example('  adress_space = "x"'), "adress")),
    ),
    "example-nested-unknown-argument": Defect(
        "example/unknown-argument",
        lambda r: (
            VNET,
            example_in_page(
                r,
                vnet_example(
                    "  ddos_protection_plan {",
                    '    id = "x"',
                    "    enable = true",
                    "    bogus  = 1",
                    "  }",
                ),
                "bogus",
            ),
        ),
    ),
    "example-read-only-argument": Defect(
        "example/read-only-argument",
        lambda r: (VNET, example_in_page(r, vnet_example('  guid = "x"'), "guid")),
    ),
    "example-unknown-block": Defect(
        "example/unknown-block",
        lambda r: (VNET, example_in_page(r, vnet_example("  bogus {", "  }"), "bogus")),
    ),
    "example-missing-argument": Defect(
        "example/missing-argument",
        lambda r: (VNET, example_in_page(r, vnet_example(drop="location"), "resource")),
    ),
    "example-missing-block": Defect(
        "example/missing-block",
        lambda r: put(
            r,
            "components/resources/kubernetes_cluster.plating/examples/basic.tf",
            'resource "azurerm_kubernetes_cluster" "x" {\n  name = "k"\n'
            '  location = "westeurope"\n  resource_group_name = "rg"\n}\n',
            ("components/resources/kubernetes_cluster.plating/examples/basic.tf", 1),
        ),
    ),
    "example-too-many-blocks": Defect(
        "example/too-many-blocks",
        lambda r: (
            VNET,
            example_in_page(
                r,
                vnet_example(
                    "  encryption {",
                    '    enforcement = "AllowUnencrypted"',
                    "  }",
                    "  encryption { # second",
                    '    enforcement = "DropUnencrypted"',
                    "  }",
                ),
                "# second",
            ),
        ),
    ),
    "example-unknown-function": Defect(
        "example/unknown-function",
        lambda r: (
            VNET,
            example_in_page(
                r, 'output "id" {\n  value = provider::azurerm::parse_id("x")\n}', "parse_id"
            ),
        ),
    ),
    "example-function-arity": Defect(
        "example/function-arity",
        lambda r: (
            "docs/functions/normalise_resource_id.md",
            example_in_page(
                r,
                'output "id" {\n  value = provider::azurerm::normalise_resource_id("a", "b")\n}',
                "normalise",
                "docs/functions/normalise_resource_id.md",
            ),
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_injected_defect_is_reported(
    name: str, azurerm_copy: Path, azurerm_schema: ProviderSchema
) -> None:
    defect = DEFECTS[name]
    path, line = defect.inject(azurerm_copy)
    config = parse_validate_table(defect.config) if defect.config else None
    findings = run(azurerm_copy, azurerm_schema, config)
    hits = [f for f in findings if f.rule == defect.rule and f.path == path and f.line == line]
    assert hits, [(f.rule, f.path, f.line, f.message) for f in findings]
    assert hits[0].severity.value == defect.severity
    assert hits[0].message


def test_at_least_twenty_kinds_of_defect() -> None:
    assert len({d.rule for d in DEFECTS.values()}) >= 20
    assert sum(1 for d in DEFECTS.values() if d.rule.startswith("example/")) >= 8


def test_defects_left_the_shared_pages_intact(
    azurerm_project: Path, azurerm_schema: ProviderSchema
) -> None:
    # Runs after the parametrized cases: their copies hard-link the session's pages.
    assert run(azurerm_project, azurerm_schema) == []
