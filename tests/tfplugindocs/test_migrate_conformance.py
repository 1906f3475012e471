"""Every tfplugindocs ``migrate`` conformance case, run through the CLI as its ``runs`` say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import CONFORMANCE

CASES = sorted(p for p in (CONFORMANCE / "migrate").iterdir() if p.is_dir())


def golden_text(path: Path) -> str:
    """A golden as the txtar archive it came from holds it: txtar gives every file a final
    newline, which the split-out copy of an archive's last file lacks."""
    text = path.read_bytes().decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def run_case(case: Path, work: Path) -> dict[str, object]:
    spec: dict[str, object] = json.loads((case / "case.json").read_text())
    shutil.copytree(case / "input", work)
    runs = spec["runs"]
    assert isinstance(runs, list)
    for run in runs:
        assert run[0] == "migrate"
        assert main(["migrate", "--quiet", "--provider-dir", str(work), *run[1:]]) == 0
    return spec


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_migrate_case(case: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    spec = run_case(case, work)
    expected = spec["expected_outputs"]
    assert isinstance(expected, dict)
    produced = sorted(
        p.relative_to(work).as_posix()
        for folder in ("templates", "examples")
        for p in (work / folder).rglob("*")
        if p.is_file()
    )
    assert produced == sorted(expected)
    for relpath, golden in expected.items():
        want = golden_text(case / golden["file"]).replace("$WORK", str(work))
        assert (work / relpath).read_bytes().decode("utf-8") == want, relpath
    # The legacy folder is gone after a migration from it, as tfplugindocs does.
    assert not (work / "website").exists()


def test_a_docs_tree_is_read_and_kept(tmp_path: Path) -> None:
    work = tmp_path / "work"
    run_case(CONFORMANCE / "migrate" / "time_provider_success_docs_website", work)
    assert (work / "docs" / "resources" / "offset.html.markdown").is_file()
