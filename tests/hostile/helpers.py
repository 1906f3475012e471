"""Helpers of the hostile-input suite: run the CLI, check that an error is clean, scale budgets.

``PLATING_FUZZ_SCALE`` (default 1) multiplies the fuzz examples and kill iterations:
CI runs the small default, ``make fuzz`` a large one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plating.cli import main

SCALE = max(1, int(os.environ.get("PLATING_FUZZ_SCALE", "1") or "1"))
REPO_SRC = Path(__file__).resolve().parents[2] / "src"

#: How a subprocess runs the CLI (prints "ready" once plating is imported, so that a signal
#: is sent only to a process already inside ``main``).
CLI_BOOT = (
    "import sys; from plating.cli import main; print('ready', flush=True); "
    "sys.exit(main(sys.argv[1:]))"
)


def scaled(base: int) -> int:
    """A budget multiplied by ``PLATING_FUZZ_SCALE``."""
    return base * SCALE


@dataclass
class Outcome:
    """Exit code and output of one in-process CLI run."""

    code: int
    out: str
    err: str


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Outcome:
    """Run ``plating`` in-process; SystemExit (argparse) counts as an exit code."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def assert_clean_error(outcome: Outcome, codes: tuple[int, ...], *mentions: str) -> None:
    """A clear error: the expected exit code, no traceback, and every ``mention`` named."""
    assert outcome.code in codes, (outcome.code, outcome.err)
    text = outcome.err + outcome.out
    assert "Traceback" not in text, text
    assert outcome.err.strip(), "an error must be explained on stderr"
    for mention in mentions:
        assert mention in text, (mention, text)


def plate_args(root: Path, *extra: str, schema: Path | None = None) -> list[str]:
    return [
        "plate",
        "--quiet",
        "--schema",
        str(schema or root / "schema.json"),
        "--project-root",
        str(root),
        *extra,
    ]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (links included, not followed) with its bytes."""
    found: dict[str, bytes] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_SRC), env.get("PYTHONPATH")]))
    env.pop("COVERAGE_PROCESS_START", None)
    return env


def spawn(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """Start the CLI in a child process (stdout/stderr piped)."""
    return subprocess.Popen(
        [sys.executable, "-c", CLI_BOOT, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
        **kwargs,
    )


def is_root() -> bool:
    return os.geteuid() == 0


#: Root ignores file modes through these two capabilities; without them a read-only folder
#: is read-only to root too (its owner bits apply, as to any user).
_WITHOUT_PERMISSION_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
]


def cli_as_a_user(*argv: str) -> Outcome:
    """Run ``plating`` in a child process that file modes bind: as it is, or, under root,
    with root's permission override dropped (util-linux's ``setpriv``)."""
    prefix = _WITHOUT_PERMISSION_OVERRIDE if is_root() else []
    boot = "import sys; from plating.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [*prefix, sys.executable, "-c", boot, *argv],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
        check=False,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)
