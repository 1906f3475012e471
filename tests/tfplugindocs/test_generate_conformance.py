"""Every tfplugindocs ``generate`` Go-template conformance case, run as its ``runs`` say:
``plating generate`` with tfplugindocs' own arguments, in the case's folder."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import CONFORMANCE
from tests.test_conformance_generate import without_generator_lines

CASES = sorted(p for p in (CONFORMANCE / "generate-templates").iterdir() if p.is_dir())


@contextmanager
def working_directory(folder: Path) -> Iterator[None]:
    """tfplugindocs runs in the provider's folder ($WORK): so does each run here."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_case(case: Path, work: Path) -> dict[str, object]:
    spec: dict[str, object] = json.loads((case / "case.json").read_text())
    shutil.copytree(case / "input", work)
    runs = spec["runs"]
    assert isinstance(runs, list)
    with working_directory(work):
        for run in runs:
            assert main(["generate", "--quiet", *run]) == 0
    return spec


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_generate_templates_case(case: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    spec = run_case(case, work)
    expected = spec["expected_outputs"]
    assert isinstance(expected, dict)
    produced = sorted(p.relative_to(work).as_posix() for p in (work / "docs").rglob("*"))
    assert [p for p in produced if (work / p).is_file()] == sorted(expected)
    for relpath, golden in expected.items():
        want = (case / golden["file"]).read_bytes().decode("utf-8")
        if golden.get("cmpenv"):
            want = want.replace("$WORK", str(work))
        got = (work / relpath).read_bytes().decode("utf-8")
        assert without_generator_lines(got) == without_generator_lines(want), relpath


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_a_second_generate_rewrites_nothing(case: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    spec = run_case(case, work)
    docs = work / "docs"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs.rglob("*") if p.is_file()}
    runs = spec["runs"]
    assert isinstance(runs, list)
    with working_directory(work):
        assert main(["generate", "--quiet", *runs[0]]) == 0
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs.rglob("*") if p.is_file()}
    assert after == before


DEFAULT_CASES = sorted(p for p in (CONFORMANCE / "generate").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", DEFAULT_CASES, ids=lambda p: p.name)
def test_generate_cases_through_the_generate_command(case: Path, tmp_path: Path) -> None:
    """The `generate` cases (default pages, static files) with tfplugindocs' command line."""
    spec = json.loads((case / "case.json").read_text())
    work = tmp_path / "work"
    shutil.copytree(case / "input", work)
    argv = [f"--provider-name={spec['provider_name']}"]
    argv.append(f"--providers-schema={spec['providers_schema']}")
    if spec["rendered_provider_name"]:
        argv.append(f"--rendered-provider-name={spec['rendered_provider_name']}")
    with working_directory(work):
        assert main(["generate", "--quiet", *argv]) == 0
    produced = sorted(p.relative_to(work).as_posix() for p in (work / "docs").rglob("*"))
    assert [p for p in produced if (work / p).is_file()] == sorted(spec["expected_outputs"])
    for relpath, golden in spec["expected_outputs"].items():
        want = without_generator_lines((case / golden).read_bytes().decode("utf-8"))
        assert without_generator_lines((work / relpath).read_bytes().decode("utf-8")) == want
