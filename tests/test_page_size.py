"""Pages that fit the Registry's 500,000-byte limit (`dedupe_nested`), end to end.

An Argo CD application-set-shaped schema renders to about 1.2 MB as tfplugindocs writes it;
plated, its page is under the limit, `plating validate` finds nothing, and `plating stats`
shows both sizes. Pages under the limit are untouched; a page that still does not fit is an
error and nothing is written.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from plating.cli import main
from plating.errors import PageTooLargeError
from plating.ownership import COPIED_MARKER
from plating.render.fit import REGISTRY_PAGE_LIMIT
from tests.conftest import REPO_ROOT
from tests.factories import add_bundle, many_resources, plate_project, snapshot, write_schema
from tests.large_schemas import application_set_document, web_acl_document

PAGE = "resources/application_set.md"
EXAMPLE = """resource "argocd_application_set" "example" {
  metadata {
    name = "guestbook"
  }
  spec {
    generator {
      clusters {
        enabled = true
      }
    }
    template {
      metadata {
        name = "{{name}}-guestbook"
      }
      spec {
        destination {
          server = "{{server}}"
        }
        source {
          repo_url = "https://github.com/argoproj/argocd-example-apps/"
        }
      }
    }
  }
}
"""


@pytest.fixture
def appset(tmp_path: Path) -> Path:
    """A project whose schema holds the application set and a small resource."""
    root = tmp_path / "argocd"
    root.mkdir()
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    write_schema(root / "schema.json", application_set_document())
    example = root / "examples" / "resources" / "argocd_application_set" / "resource.tf"
    example.parent.mkdir(parents=True)
    example.write_text(EXAMPLE, encoding="utf-8")
    return root


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    main(
        [
            "validate",
            "--project-root",
            str(root),
            "--schema",
            str(root / "schema.json"),
            "--format",
            "json",
        ]
    )
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_application_set_page_fits_and_validates(
    appset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["plate", "--project-root", str(appset), "--schema", str(appset / "schema.json")]) == 0
    )
    out = capsys.readouterr().out
    page = (appset / "docs" / PAGE).read_text(encoding="utf-8")
    size = len(page.encode())
    assert size < 500_000
    found = re.search(r"application_set.md: ([\d,]+) bytes with every nested schema", out)
    assert found is not None
    assert 1_100_000 < int(found.group(1).replace(",", "")) < 1_300_000
    assert f"written with repeated ones once: {size:,} bytes" in out
    assert '```terraform\nresource "argocd_application_set"' in page  # the rest of the page
    report = _validate(appset, capsys)
    assert report["ok"] is True, report["findings"]
    assert report["counts"] == {"error": 0, "warning": 0, "files": 3, "pages": 3, "examples": 2}
    # Every block and attribute name of the schema is on the page.
    schema = application_set_document()["provider_schemas"]
    block = next(iter(schema.values()))["resource_schemas"]["argocd_application_set"]["block"]
    names: set[str] = set()

    def collect(raw: dict[str, Any]) -> None:
        names.update(raw.get("attributes", {}))
        for name, nested in raw.get("block_types", {}).items():
            names.add(name)
            collect(nested["block"])

    collect(block)
    assert {n for n in names if f"- `{n}` (" not in page} == set()


def test_stats_show_the_size_before_and_after(
    appset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--project-root", str(appset), "--schema", str(appset / "schema.json")]
    assert main(["plate", "--quiet", *args]) == 0
    written = (appset / "docs" / PAGE).stat().st_size
    capsys.readouterr()
    assert main(["stats", *args, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    [entry] = stats["oversized_pages"]
    assert entry["path"] == PAGE and entry["bytes"] == written
    assert entry["bytes_full"] > 1_100_000 and entry["over_limit"] is False
    assert main(["stats", *args]) == 0
    text = capsys.readouterr().out
    assert re.search(rf"{entry['bytes_full']:>9} -> {written:>9}  {PAGE}\n", text)
    assert (appset / "docs" / PAGE).stat().st_size == written  # stats writes nothing


def test_never_writes_the_page_as_tfplugindocs_does_with_a_warning(
    appset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--project-root", str(appset), "--schema", str(appset / "schema.json")]
    assert main(["plate", *args, "--dedupe-nested", "never"]) == 0
    size = (appset / "docs" / PAGE).stat().st_size
    assert size > 1_100_000
    err = capsys.readouterr().err
    assert f"{PAGE}: resource argocd_application_set: {size:,} bytes, over the Registry" in err
    assert 'set dedupe_nested = "auto"' in err
    rules = {f["rule"] for f in _validate(appset, capsys)["findings"]}
    assert rules == {"registry/size"}


def test_changing_the_mode_renders_again(appset: Path) -> None:
    assert plate_project(appset) == 0
    shared = (appset / "docs" / PAGE).read_bytes()
    assert plate_project(appset, "--dedupe-nested", "never") == 0  # the stamp knows the mode
    assert len((appset / "docs" / PAGE).read_bytes()) > len(shared)
    (appset / "pyproject.toml").write_text('[tool.plating]\ndedupe_nested = "auto"\n')
    assert plate_project(appset) == 0
    assert (appset / "docs" / PAGE).read_bytes() == shared


def test_pages_under_the_limit_are_byte_identical_in_every_mode_but_always(
    tmp_path: Path,
) -> None:
    demo = REPO_ROOT / "demo"
    golden = REPO_ROOT / "tests" / "goldens" / "demo-docs"
    trees = {}
    for mode in ("auto", "never", "always"):
        out = tmp_path / mode
        assert (
            plate_project(
                demo,
                "--provider-name",
                "kitchen",
                "--output-dir",
                str(out),
                "--dedupe-nested",
                mode,
            )
            == 0
        )
        trees[mode] = {p: data for p, (_mtime, data) in snapshot(out).items()}
    expected = {p: data for p, (_mtime, data) in snapshot(golden).items()}
    assert trees["auto"] == expected
    assert trees["never"] == expected
    assert set(trees["always"]) == set(expected)  # the demo has no repeats worth sharing
    assert trees["always"] == expected


def test_always_writes_repeats_once_on_small_pages(tmp_path: Path) -> None:
    root = tmp_path / "backup"
    root.mkdir()
    raw = json.loads((REPO_ROOT / "tests/goldens/dedupe/repeats.schema.json").read_text())
    document = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/acme/backup": {
                "provider": {"version": 0, "block": {}},
                "resource_schemas": {"backup_plan": {"version": 0, **raw}},
            }
        },
    }
    write_schema(root / "schema.json", document)
    assert plate_project(root) == 0
    page = (root / "docs/resources/plan.md").read_text()
    assert "Same as" not in page  # auto: far under the limit, as tfplugindocs writes it
    assert plate_project(root, "--dedupe-nested", "always") == 0
    shared = (root / "docs/resources/plan.md").read_text()
    assert "Same as [`daily`](#nestedblock--daily)." in shared
    golden = (REPO_ROOT / "tests/goldens/dedupe/repeats.md").read_text().rstrip("\n")
    assert golden in shared


def test_bundle_templates_get_the_shared_schema(
    appset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_bundle(
        appset,
        "resources",
        "application_set",
        "# Application sets\n\nGenerated applications.\n\n{{ schema() }}\n\n"
        "## Again\n\nThe same.\n\n{{ schema_markdown }}\n",
    )
    assert plate_project(appset) == 0
    page = (appset / "docs" / PAGE).read_text()
    assert len(page.encode()) < 500_000
    assert page.count("Same as [`spec.generator.cluster_decision_resource.template`]") >= 2
    # The schema is shown twice, so every anchor is defined twice: validate says so, once
    # per anchor, as a warning; every link still resolves.
    report = _validate(appset, capsys)
    assert {f["rule"] for f in report["findings"]} == {"links/duplicate-anchor"}


def test_a_page_still_too_large_is_an_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "waf"
    root.mkdir()
    write_schema(root / "schema.json", web_acl_document(level=3))
    docs = root / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("hand-written\n")
    untouched = snapshot(root)
    assert plate_project(root) == 1
    err = capsys.readouterr().err
    message = next(line for line in err.splitlines() if "wafv2_web_acl.md" in line)
    assert f"{docs / 'resources/wafv2_web_acl.md'}: resource aws_wafv2_web_acl: " in message
    sizes = re.search(r"aws_wafv2_web_acl: ([\d,]+) bytes, .* \(([\d,]+) bytes with every", message)
    assert sizes is not None
    after, before = (int(n.replace(",", "")) for n in sizes.groups())
    assert REGISTRY_PAGE_LIMIT <= after < before
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"web ACL, statements nested three deep: {before:,} bytes | {after:,} bytes" in readme
    assert "largest nested sections: `rule.statement." in message
    assert "field_to_match.all_query_arguments` " in message
    assert 'dedupe_nested = "never"' in message
    assert "nothing was written" in err
    assert snapshot(root) == untouched


def test_the_too_large_error_survives_the_second_render_process(tmp_path: Path) -> None:
    error = PageTooLargeError(
        "resources/x.md", "resource x", 600_000, 900_000, (("a.b", 10, 2),), REGISTRY_PAGE_LIMIT
    )
    again = pickle.loads(pickle.dumps(error))
    assert (again.relpath, again.size, again.full_size, again.sections) == (
        "resources/x.md",
        600_000,
        900_000,
        (("a.b", 10, 2),),
    )
    assert str(again) == str(error)
    assert again.describe("/docs/resources/x.md").startswith("/docs/resources/x.md: resource x")


def test_oversized_pages_rendered_by_the_second_process_are_reported(tmp_path: Path) -> None:
    """With 256 pages or more a forked child renders every other page; what it learns about
    an oversized page comes back with the page."""
    root = tmp_path / "many"
    root.mkdir()
    document = application_set_document()
    provider = next(iter(document["provider_schemas"].values()))
    appset = provider["resource_schemas"]["argocd_application_set"]
    provider["resource_schemas"] = {
        **many_resources(300, "argocd"),
        # In path order index.md, r000.md, r000a.md, r000b.md, ...: the child renders the
        # odd places (r000b) and the parent the even ones (r000a).
        "argocd_r000a": appset,
        "argocd_r000b": appset,
    }
    write_schema(root / "schema.json", document)
    import asyncio

    from plating import Plating, PlatingContext

    result = asyncio.run(
        Plating(
            PlatingContext(
                provider_name="argocd",
                project_root=root,
                schema_path=root / "schema.json",
                concurrency=2,
            )
        ).plate()
    )
    assert result.errors == []
    assert set(result.oversized) == {"resources/r000a.md", "resources/r000b.md"}
    for full_size, size in result.oversized.values():
        assert full_size > 1_100_000 and size < 500_000
    shutil.rmtree(root)


def test_readme_quotes_the_application_set_sizes(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    write_schema(root / "schema.json", application_set_document())
    assert plate_project(root) == 0
    written = (root / "docs" / PAGE).stat().st_size
    assert plate_project(root, "--dedupe-nested", "never") == 0
    full = (root / "docs" / PAGE).stat().st_size
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`tests/large_schemas.py`): {full:,} bytes | {written:,} bytes, written" in readme


def test_the_api_reads_the_mode_from_the_project(appset: Path) -> None:
    import asyncio

    from plating import Plating, PlatingContext

    (appset / "pyproject.toml").write_text(
        '[tool.plating]\nschema = "schema.json"\ndedupe_nested = "never"\n', encoding="utf-8"
    )
    result = asyncio.run(Plating(PlatingContext(project_root=appset)).plate())
    [(full_size, size)] = result.oversized.values()
    assert size == full_size == (appset / "docs" / PAGE).stat().st_size
    given = Plating(PlatingContext(project_root=appset, dedupe_nested="always"))
    asyncio.run(given.plate())  # a value given in the context wins over the file
    assert (appset / "docs" / PAGE).stat().st_size < 500_000


@pytest.mark.parametrize("mode", ["auto", "never"])
def test_the_preview_shows_the_page_plate_writes(appset: Path, mode: str) -> None:
    import asyncio

    from plating import Plating, PlatingContext

    context = PlatingContext(
        project_root=appset, schema_path=appset / "schema.json", dedupe_nested=mode
    )
    site = asyncio.run(Plating(context).render_site())
    assert plate_project(appset, "--dedupe-nested", mode) == 0
    assert site.pages[PAGE] == (appset / "docs" / PAGE).read_bytes()


GO_TEMPLATE = """---
page_title: "{{.Name}} {{.Type}} - {{.ProviderName}}"
subcategory: ""
description: |-
{{ .Description | plainmarkdown | trimspace | prefixlines "  " }}
---

# {{.Name}} ({{.Type}})

{{ .Description | trimspace }}

{{ .SchemaMarkdown | trimspace }}
"""


def test_go_template_pages_get_the_shared_schema_markdown(
    appset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = appset / "templates" / "resources" / "application_set.md.tmpl"
    template.parent.mkdir(parents=True)
    template.write_text(GO_TEMPLATE, encoding="utf-8")
    args = ["--project-root", str(appset), "--schema", str(appset / "schema.json")]
    assert main(["plate", *args]) == 0
    out = capsys.readouterr().out
    page = (appset / "docs" / PAGE).read_text(encoding="utf-8")
    # The template's page, with the marker line plate adds to its front matter.
    title = 'page_title: "argocd_application_set Resource - argocd"\n'
    assert page.startswith(f"---\n{COPIED_MARKER}\n{title}")
    assert "<!-- schema generated by tfplugindocs -->\n## Schema\n" in page
    assert "Same as [`spec.generator.cluster_decision_resource.template`]" in page
    size = len(page.encode())
    assert size < 500_000
    assert f"{PAGE}: " in out and f"written with repeated ones once: {size:,} bytes" in out
    report = _validate(appset, capsys)
    assert report["ok"] is True, report["findings"]

    assert main(["plate", *args, "--dedupe-nested", "never"]) == 0
    full = (appset / "docs" / PAGE).stat().st_size
    assert full > 1_100_000
    assert f"{PAGE}: resource argocd_application_set: {full:,} bytes, over the Registry" in (
        capsys.readouterr().err
    )
    assert main(["plate", *args, "--dedupe-nested", "always"]) == 0
    assert (appset / "docs" / PAGE).read_text(encoding="utf-8") == page


def test_generate_takes_the_mode_from_its_flag_over_the_project(appset: Path) -> None:
    """`plating generate` (tfplugindocs' command line) chooses the mode as `plate` does: the
    project's setting, and --dedupe-nested over it, even when the flag names the default."""
    generate = ["generate", "-q", f"--provider-dir={appset}", "--provider-name=argocd"]
    generate.append(f"--providers-schema={appset / 'schema.json'}")
    page = appset / "docs" / PAGE
    assert main(generate) == 0
    shared = page.stat().st_size
    assert shared < 500_000
    assert main([*generate, "--dedupe-nested", "never"]) == 0
    assert page.stat().st_size > 1_100_000
    (appset / "pyproject.toml").write_text('[tool.plating]\ndedupe_nested = "never"\n')
    assert main(generate) == 0
    assert page.stat().st_size > 1_100_000
    assert main([*generate, "--dedupe-nested=auto"]) == 0
    assert page.stat().st_size == shared
