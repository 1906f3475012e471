"""A Ctrl-C at the moments a random SIGINT rarely hits: while the event loop is built, before
the command's coroutine runs, and while the loop shuts down.

Each case runs a command in a child process whose asyncio sends itself SIGINT at that exact
point, so the outcome is the same on every run: exit 130, "interrupted", and no traceback or
warning from a half-built loop or an un-awaited coroutine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import resource_block, schema_document, write_schema
from tests.hostile.helpers import plate_args, subprocess_env

#: Runs the CLI with one asyncio method made to interrupt the process as it is entered.
BOOT = """
import os, signal, sys
import asyncio.base_events, asyncio.runners, asyncio.selector_events
owner, name = {target!r}
cls = {{
    "BaseSelectorEventLoop": asyncio.selector_events.BaseSelectorEventLoop,
    "BaseEventLoop": asyncio.base_events.BaseEventLoop,
    "Runner": asyncio.runners.Runner,
}}[owner]
original = getattr(cls, name)
def interrupted(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return original(*args, **kwargs)
setattr(cls, name, interrupted)
from plating.cli import main
sys.exit(main(sys.argv[1:]))
"""

WINDOWS = {
    # The loop's self-pipe: a SIGINT here left a loop without it, whose finaliser printed
    # "AttributeError: ... no attribute '_ssock'" with a traceback when the process ended.
    "loop being built": ("BaseSelectorEventLoop", "_make_self_pipe"),
    # The loop exists, the command's coroutine does not run yet.
    "task being created": ("BaseEventLoop", "create_task"),
    # Shutting down: an interrupted shutdown_asyncgens was reported as never awaited.
    "loop shutting down": ("BaseEventLoop", "shutdown_asyncgens"),
    "executor shutting down": ("BaseEventLoop", "shutdown_default_executor"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_schema(
        tmp_path / "schema.json", schema_document(resources={"demo_x": resource_block("X.")})
    )
    return tmp_path


@pytest.mark.parametrize("window", sorted(WINDOWS))
@pytest.mark.parametrize("command", ["plate", "validate"])
def test_a_ctrl_c_at_any_moment_is_exit_130_without_a_traceback(
    window: str, command: str, project: Path
) -> None:
    argv = (
        plate_args(project)
        if command == "plate"
        else ["validate", "--project-root", str(project), "--schema", str(project / "schema.json")]
    )
    outcome = subprocess.run(
        [sys.executable, "-c", BOOT.format(target=WINDOWS[window]), *argv],
        capture_output=True,
        env=subprocess_env(),
        timeout=120,
    )
    err = outcome.stderr.decode()
    assert outcome.returncode == 130, (outcome.returncode, err)
    assert "interrupted" in err
    for noise in ("Traceback", "Exception ignored", "never awaited", "KeyboardInterrupt"):
        assert noise not in err, err
