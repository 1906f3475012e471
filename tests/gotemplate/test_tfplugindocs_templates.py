"""Real tfplugindocs templates through the engine, against tfplugindocs' golden output.

The data fields and template functions are stand-ins for what the tfplugindocs world
provides (another module's job); the engine's part checked here is everything else:
text, trimming, conditionals, pipelines, ``printf "{{tffile %q}}"`` and function calls,
which must reproduce the golden bytes exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from plating.gotemplate import Template

from ..conftest import CONFORMANCE

CASES = CONFORMANCE / "generate-templates"
RESOURCE_TEMPLATES = {
    "framework_provider_success_named_templates": "templates/resources/example.md.tmpl",
    "framework_provider_success_generic_templates": "templates/resources.md.tmpl",
}


@dataclass
class ResourceData:
    Type: str
    Name: str
    Description: str
    HasExample: bool
    ExampleFile: str
    HasImport: bool
    ImportFile: str
    HasImportIDConfig: bool
    ImportIDConfigFile: str
    HasImportIdentityConfig: bool
    ImportIdentityConfigFile: str
    IdentitySchemaMarkdown: str
    ProviderName: str
    ProviderShortName: str
    RenderedProviderName: str
    SchemaMarkdown: str


def _codefile(language: str, path: str) -> str:
    content = Path(path).read_text(encoding="utf-8").strip()
    return f"```{language}\n{content}\n```" if content else ""


def _prefixlines(prefix: str, text: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


FUNCS = {
    "codefile": _codefile,
    "tffile": lambda path: _codefile("terraform", path),
    "lower": str.lower,
    "upper": str.upper,
    "title": str.title,
    "plainmarkdown": lambda text: text,
    "prefixlines": _prefixlines,
    "split": str.split,
    "trimspace": str.strip,
}


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start) + len(start)
    return text[begin : text.index(end, begin)]


@pytest.mark.parametrize("case", sorted(RESOURCE_TEMPLATES))
def test_resource_template_reproduces_the_golden(case: str) -> None:
    root = CASES / case
    work = str(root / "input")
    expected = (root / "expected/docs/resources/example.md").read_text(encoding="utf-8")
    expected = expected.replace("$WORK", work)
    examples = f"{work}/examples/resources/scaffolding_example"
    data = ResourceData(
        Type="Resource",
        Name="scaffolding_example",
        Description="Example resource",
        HasExample=True,
        ExampleFile=f"{examples}/resource.tf",
        HasImport=True,
        ImportFile=f"{examples}/import.sh",
        HasImportIDConfig=True,
        ImportIDConfigFile=f"{examples}/import-by-string-id.tf",
        HasImportIdentityConfig=True,
        ImportIdentityConfigFile=f"{examples}/import-by-identity.tf",
        IdentitySchemaMarkdown=_between(expected, "IdentitySchemaMarkdown: ", "\nProviderName:")
        if "IdentitySchemaMarkdown" in expected
        else "",
        ProviderName="terraform-provider-scaffolding",
        ProviderShortName=_between(expected, "ProviderShortName: ", "\n"),
        RenderedProviderName=_between(expected, "RenderedProviderName: ", "\n"),
        SchemaMarkdown=_between(expected, "\nSchemaMarkdown: ", "\n\n# Functions"),
    )
    text = (root / "input" / RESOURCE_TEMPLATES[case]).read_text(encoding="utf-8")
    template = Template(RESOURCE_TEMPLATES[case]).funcs(FUNCS).parse(text)
    assert template.execute(data) == expected


# tfplugindocs' built-in templates write a second template (``printf "{{tffile %q}}"``) that
# it then executes: the engine must quote in the first stage what it parses in the second.
TWO_STAGE_TEMPLATE = """page: {{ .Name }}
{{ if .HasExample -}}
{{ printf "{{tffile %q}}" .ExampleFile }}
{{ end -}}
{{ if .HasImport -}}
{{ printf "{{codefile \\"shell\\" %q}}" .ImportFile }}
{{ end -}}
end
"""


@dataclass
class TwoStageData:
    Name: str
    HasExample: bool
    ExampleFile: str
    HasImport: bool
    ImportFile: str


@pytest.mark.parametrize(
    ("has_example", "has_import", "first", "second"),
    [
        (
            True,
            True,
            'page: acme_thing\n{{tffile "ex/a \\"b\\".tf"}}\n'
            '{{codefile "shell" "ex\\\\import.sh"}}\nend\n',
            'page: acme_thing\n<terraform ex/a "b".tf>\n<shell ex\\import.sh>\nend\n',
        ),
        (False, False, "page: acme_thing\nend\n", "page: acme_thing\nend\n"),
    ],
)
def test_a_template_that_writes_a_template(
    has_example: bool, has_import: bool, first: str, second: str
) -> None:
    template = Template("resourceTemplate").funcs(FUNCS).parse(TWO_STAGE_TEMPLATE)
    data = TwoStageData("acme_thing", has_example, 'ex/a "b".tf', has_import, "ex\\import.sh")
    written = template.execute(data)
    assert written == first
    stand_ins = {
        "tffile": lambda path: f"<terraform {path}>",
        "codefile": lambda language, path: f"<{language} {path}>",
    }
    assert Template("page").funcs(stand_ins).parse(written).execute(None) == second
