"""The tfplugindocs validate cases: same verdict, same files and components reported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import CONFORMANCE

CASES = sorted(p.name for p in (CONFORMANCE / "validate").iterdir() if p.is_dir())
# tfplugindocs' kind words -> plating's
KIND_WORDS = {"datasource": "data source"}


def expected_mentions(regexps: list[str]) -> list[tuple[str, ...]]:
    """For each expected tfplugindocs error, the words one line of ours must all contain."""
    wanted: list[tuple[str, ...]] = []
    for pattern in regexps:
        text = pattern.replace("\\", "")
        extraneous = re.match(r"matching (.+) for documentation file \((.+)\) not found", text)
        missing = re.match(r"missing documentation file for (.+): (\S+)$", text)
        if extraneous:
            kind = KIND_WORDS.get(extraneous[1], extraneous[1])
            wanted.append((f"{kind} ", extraneous[2], "registry/extraneous-page"))
        elif missing:
            kind = KIND_WORDS.get(missing[1], missing[1])
            wanted.append((f"{kind} {missing[2]}", "registry/missing-page"))
        elif text.startswith("mixed Terraform Provider documentation directory layouts"):
            wanted.append(("registry/mixed-layout", "docs/", "website/docs/"))
        else:  # pragma: no cover - a new kind of case needs a new mapping here
            raise AssertionError(f"no mapping for expected finding {pattern!r}")
    return wanted


@pytest.mark.parametrize("case", CASES)
def test_validate_case(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = CONFORMANCE / "validate" / case
    spec = json.loads((folder / "case.json").read_text())
    root = tmp_path / "input"
    shutil.copytree(folder / "input", root)
    argv = ["validate", "--schema", str(root / spec["providers_schema"])]
    code = main([*argv, "--project-root", str(root), "--color", "never"])
    out = capsys.readouterr().out
    assert code == (0 if spec["expect_success"] else 1), out
    lines = out.splitlines()
    for words in expected_mentions(spec["expected_findings_regexps"]):
        assert any(all(w in line for w in words) for line in lines), (words, out)
    if not spec["expect_success"]:
        return
    assert "0 error(s), 0 warning(s)" in out


def test_mismatch_reports_each_file_once_per_direction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = CONFORMANCE / "validate" / "framework_provider_error_file_mismatch"
    shutil.copytree(folder / "input", tmp_path / "input")
    root = tmp_path / "input"
    argv = ["validate", "--schema", str(root / "schema.json"), "--project-root", str(root)]
    code = main([*argv, "--format", "json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    extraneous = sorted(
        f["path"] for f in report["findings"] if f["rule"] == "registry/extraneous-page"
    )
    missing = sorted(f["path"] for f in report["findings"] if f["rule"] == "registry/missing-page")
    folders = [
        "actions",
        "data-sources",
        "ephemeral-resources",
        "functions",
        "list-resources",
        "resources",
        "state-stores",
    ]
    assert extraneous == [f"docs/{d}/example2.md" for d in folders]
    assert "docs/list-resources/example_list.md" in missing
    assert len(missing) == 7
