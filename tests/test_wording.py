"""Wording, help and small promises of the command line (issue 20, item 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plating.cli import main
from plating.settings import unknown_variables
from tests.factories import plate_project, write_schema


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:  # --help
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_project_root_help_says_how_it_is_found(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = _run(capsys, "plate", "--help")
    text = " ".join(out.split())
    assert "nearest folder, from the current one up, with a pyproject.toml or .git" in text
    assert "default: current directory" not in text


def test_verbose_prints_each_phase(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plate", "--project-root", str(demo_project), "-v"]
    code, _out, err = _run(capsys, *argv)
    assert code == 0
    for phase in ("stamp", "schema", "discovery", "render", "write"):
        assert re.search(rf"^plating: {phase} took \d+\.\d+s$", err, re.M), (phase, err)


def test_metrics_shares_add_up_on_a_no_change_run(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    target = demo_project.parent / "metrics.json"
    argv = ["plate", "--project-root", str(demo_project), "--metrics"]
    code, _out, err = _run(capsys, *argv, "--metrics-json", str(target))
    assert code == 0
    shares = [int(m) for m in re.findall(r"^\w+\s+\d+\.\d+\s+(\d+)%$", err, re.M)]
    assert "other" in err and len(shares) >= 2
    assert 98 <= sum(shares) <= 102, err  # rounded shares of phases and "other"
    document = json.loads(target.read_text())
    total = sum(document["phases"].values()) + document["other_seconds"]
    assert total == pytest.approx(document["wall_seconds"], rel=1e-6)


def test_the_index_subcategory_finding_says_must_not(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    index = demo_project / "docs/index.md"
    index.write_text(index.read_text().replace("---\n", '---\nsubcategory: "X"\n', 1))
    code, out, _err = _run(capsys, "validate", "--project-root", str(demo_project))
    assert code == 1
    assert "the index page must not have a `subcategory`" in out


def test_retry_errors_name_the_real_flag(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plate", "--project-root", str(demo_project), "--retry-max-attempts", "0"]
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    assert "--retry-max-attempts:" in err and "--retry.max" not in err


def test_unsupported_schema_format_names_both_known_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schema(tmp_path / "schema.json", {"format_version": "2.0", "provider_schemas": {}})
    argv = ["plate", "--project-root", str(tmp_path), "--schema", str(tmp_path / "schema.json")]
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    assert "unsupported format '2.0' (expected 1.x or 0.1)" in err


def test_unknown_plating_variables_are_warned_about_with_the_nearest_name(
    demo_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert unknown_variables({"PLATING_OUTPUTDIR": "x", "PLATING_OUTPUT_DIR": "y"}) == [
        "environment variable PLATING_OUTPUTDIR is not a plating setting; did you mean "
        "PLATING_OUTPUT_DIR? it is ignored"
    ]
    assert unknown_variables({"PLATING_ZZZZ": "1", "HOME": "/"}) == [
        "environment variable PLATING_ZZZZ is not a plating setting; it is ignored"
    ]
    monkeypatch.setenv("PLATING_PROVIDR_NAME", "kitchen")
    code, _out, err = _run(capsys, "info", "--project-root", str(demo_project))
    assert code == 0
    assert "did you mean PLATING_PROVIDER_NAME?" in err


def test_validate_has_no_color_and_quiet(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    page = demo_project / "docs/resources/recipe.md"
    page.write_text(page.read_text() + "\nSee [x](#nowhere).\n\n```\ncode\n```\n")
    base = ["validate", "--project-root", str(demo_project)]
    code, out, _err = _run(capsys, *base, "--color", "always", "--no-color")
    assert code == 1 and "\033[" not in out
    assert "links/anchor" in out and "markdown/fence-language" in out and "error(s)" in out
    code, out, _err = _run(capsys, *base, "--quiet")
    assert code == 1
    assert "links/anchor" in out
    assert "markdown/fence-language" not in out  # a warning
    assert "error(s)" not in out  # no summary


def test_stats_and_info_count_guides(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    code, out, _err = _run(capsys, "stats", "--project-root", str(demo_project), "--format", "json")
    assert code == 0
    guides = json.loads(out)["kinds"]["guide"]
    assert guides["components"] == 1 and guides["pages"] == 1 and guides["page_bytes"] > 0
    code, out, _err = _run(capsys, "stats", "--project-root", str(demo_project))
    assert re.search(r"^guide\s+1\s+1\s+0\s+1\s+\d+$", out, re.M), out


def test_version_imports_no_command_module() -> None:
    """`plating --version` is start-up only: no command's parser (and imports) is built."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom plating.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('plating.commands.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("plating ")
    assert done.stdout.splitlines()[-1] == "['plating.commands.common']"
