"""The command line in a pipeline whose reader stops early (issue 19, defect 20)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import REPO_ROOT, SCHEMAS


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    """`plating info | head -2` ended in a BrokenPipeError traceback."""
    command = [sys.executable, "-c", "from plating.cli import console; console()", "info"]
    command += ["--schema", str(SCHEMAS / "azurerm-4.65.0.json"), "--project-root", str(tmp_path)]
    script = '"$@" | head -2; echo "status ${PIPESTATUS[0]}" >&2'
    done = subprocess.run(
        ["bash", "-c", script, "bash", *command],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT / "src")},
        timeout=120,
    )
    assert len(done.stdout.splitlines()) == 2
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert "status 141" in done.stderr


def test_main_returns_141_when_stdout_breaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise ValueError("no file")

    monkeypatch.setattr(sys, "stdout", Closed())
    schema = str(SCHEMAS / "local-2.5.2.json")
    assert main(["info", "--schema", schema, "--project-root", str(tmp_path)]) == 141
