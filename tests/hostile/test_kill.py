"""Nothing lost: ``plate`` killed at random moments, interrupted, or run twice at once.

The harness plates a project of 300 resources whose descriptions change between runs (every
page is rewritten), kills the process with SIGKILL after a random delay or while it stages or
renames pages, and checks the docs: every page is entirely the old or entirely the new
version (both precomputed by plating into separate folders), no temporary file shows up as a
page, and the hand-written files are there.
``PLATING_FUZZ_SCALE`` multiplies the number of kills (``make fuzz``).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from plating import write
from tests.factories import attr, resource_block, schema_document
from tests.hostile.helpers import CLI_BOOT, cli, plate_args, scaled, spawn, subprocess_env, tree

RESOURCES = 300
KILLS = scaled(40)
INTERRUPTS = scaled(8)
HAND_WRITTEN = {
    "resources/notes.txt": b"my notes\n",
    "guides/hand-written.md": b"---\npage_title: Mine\n---\n\n# Mine\n",
    "cdktf/python/resources/x.md": b"# cdktf\n",
}
#: A hand-written page at a generated page's path: plating keeps it (and says so).
KEPT = "resources/r007.md"


def _document(version: int) -> dict[str, Any]:
    text = f"version {version}: " + "lorem ipsum " * 150
    return schema_document(
        resources={
            f"demo_r{i:03d}": resource_block(
                f"Resource {i}, {text}", name=attr(required=True, description=text)
            )
            for i in range(RESOURCES)
        }
    )


def _write_schema(root: Path, version: int) -> Path:
    path = root / f"schema-{version}.json"
    if not path.exists():
        path.write_text(json.dumps(_document(version)))
    return path


class Harness:
    """A project, the reference trees of both versions, and the invariant."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.versions: dict[int, dict[str, bytes]] = {}
        for version in (0, 1):
            ref = tmp_path / f"ref-{version}"
            ref.mkdir()
            schema = _write_schema(ref, version)
            assert cli(capsys, *plate_args(ref, schema=schema)).code == 0
            self.versions[version] = tree(ref / "docs")
        assert len(self.versions[0]) == RESOURCES + 1
        self.root = tmp_path / "project"
        self.root.mkdir()
        schema = _write_schema(self.root, 0)
        assert cli(capsys, *plate_args(self.root, schema=schema)).code == 0
        docs = self.root / "docs"
        for relpath, content in HAND_WRITTEN.items():
            (docs / relpath).parent.mkdir(parents=True, exist_ok=True)
            (docs / relpath).write_bytes(content)
        (docs / KEPT).write_bytes(b"# written by hand\n")

    def argv(self, version: int) -> list[str]:
        return plate_args(self.root, schema=_write_schema(self.root, version))

    def check(self) -> tuple[dict[str, int], int]:
        """Assert the invariant; return the version of every page that differs between the
        versions, and the number of temporary files left."""
        docs = self.root / "docs"
        found = tree(docs)
        temps = [p for p in found if Path(p).name.startswith(write.TEMP_PREFIX)]
        for relpath in temps:
            del found[relpath]
        for relpath, content in HAND_WRITTEN.items():
            assert found.pop(relpath) == content, f"{relpath} (hand-written) changed"
        assert found.pop(KEPT) == b"# written by hand\n"
        expected = set(self.versions[0]) - {KEPT}
        assert set(found) == expected, sorted(set(found) ^ expected)[:5]
        state: dict[str, int] = {}
        for relpath, content in found.items():
            old, new = self.versions[0][relpath], self.versions[1][relpath]
            if content not in (old, new):
                pytest.fail(f"{relpath} is neither entirely old nor entirely new")
            if old != new:
                state[relpath] = 0 if content == old else 1
        return state, len(temps)


@pytest.fixture
def harness(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Harness:
    return Harness(tmp_path, capsys)


def _run_to_ready(argv: list[str]) -> tuple[subprocess.Popen[bytes], float]:
    process = spawn(argv)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == b"ready", line
    return process, time.monotonic()


def _full_run_seconds(harness: Harness, version: int) -> float:
    process, started = _run_to_ready(harness.argv(version))
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


def test_sigkill_at_random_moments_never_leaves_a_partial_page(harness: Harness) -> None:
    seed = int(os.environ.get("PLATING_KILL_SEED", "0")) or random.randrange(2**32)
    rng = random.Random(seed)
    duration = _full_run_seconds(harness, 1)
    version = 0
    mid_write = temps_seen = killed = 0
    state, _temps = harness.check()
    for _ in range(KILLS):
        process, started = _run_to_ready(harness.argv(version))
        # Half the kills anywhere in the run, half while pages are staged and renamed (a few
        # milliseconds for 300 pages): those wait for the first staged file rather than for a
        # guessed moment, which a shared machine's changing load would make miss.
        if rng.random() < 0.5:
            delay = rng.uniform(0.0, duration * 1.1)
            time.sleep(max(0.0, started + delay - time.monotonic()))
        else:
            renaming = rng.random() < 0.5
            _wait_for_writing(harness.root / "docs" / "resources", process, renaming)
            time.sleep(rng.uniform(0.0, 0.002))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        else:
            # Done before the kill: runs are faster now than the first measure (a shared
            # machine's load changes), so the delays shrink with them.
            duration *= 0.9
        process.communicate(timeout=120)
        previous = state
        state, temps = harness.check()
        if temps and not temps_seen:
            _assert_temps_are_not_pages(harness)
        # Killed while renaming pages: some pages moved to this run's version, not all.
        moved = sum(state[p] != previous[p] for p in state)
        mid_write += moved > 0 and set(state.values()) != {version}
        temps_seen += bool(temps)
        version = 1 - version
    # A run after all this completes the tree and clears what killed runs left behind.
    outcome = subprocess.run(
        [*spawn_argv(harness.argv(version))], capture_output=True, env=_env(), timeout=120
    )
    assert outcome.returncode == 0, outcome.stderr.decode()
    state, temps = harness.check()
    assert set(state.values()) == {version} and temps == 0
    print(
        f"\nkill harness (PLATING_KILL_SEED={seed}): {KILLS} runs, {killed} killed, "
        f"{mid_write} killed while renaming pages, {temps_seen} left temporary files; "
        "every page was whole"
    )
    assert killed >= KILLS // 4, "many runs must be killed for the test to mean anything"
    assert mid_write + temps_seen > 0, "no kill landed while pages were written"


def _wait_for_writing(folder: Path, process: subprocess.Popen[bytes], renaming: bool) -> None:
    """Return once pages are staged in ``folder`` (temporary files show), or, ``renaming``,
    once staged pages start to be renamed into place (fewer temporary files than seen);
    or when the run has ended."""
    most = 0
    while process.poll() is None:
        with os.scandir(folder) as entries:
            staged = sum(entry.name.startswith(write.TEMP_PREFIX) for entry in entries)
        if (staged and not renaming) or staged < most:
            return
        most = max(most, staged)
        time.sleep(0.0002)


def _assert_temps_are_not_pages(harness: Harness) -> None:
    """Temporary files a killed run left are hidden: validate (like the Registry) ignores
    them, and the next run removes them."""
    outcome = subprocess.run(
        spawn_argv(["validate", "--format", "json", "--project-root", str(harness.root)]),
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    assert b"Traceback" not in outcome.stderr, outcome.stderr.decode()
    report = json.loads(outcome.stdout.decode().split("\n", 1)[1])
    assert not [f for f in report["findings"] if write.TEMP_PREFIX in f["path"]]


def spawn_argv(argv: list[str]) -> list[str]:
    return [sys.executable, "-c", CLI_BOOT, *argv]


def _env() -> dict[str, str]:
    return subprocess_env()


def test_sigint_exits_130_and_leaves_whole_pages(harness: Harness) -> None:
    rng = random.Random(1)
    duration = _full_run_seconds(harness, 1)
    version = 0
    interrupted = 0
    for _ in range(INTERRUPTS):
        process, started = _run_to_ready(harness.argv(version))
        time.sleep(max(0.0, started + rng.uniform(0.0, duration * 0.9) - time.monotonic()))
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=120)
        text = err.decode()
        assert "Traceback" not in text, text
        # -SIGINT: the signal came after plating returned, while Python was exiting (a shell
        # reports that as 130 too); the pages were all written.
        assert process.returncode in (0, 130, -signal.SIGINT), (process.returncode, text)
        if process.returncode == 130:
            interrupted += 1
            assert "interrupted" in text
        harness.check()
        version = 1 - version
    assert interrupted > 0


def test_two_plate_runs_at_once_do_not_corrupt_each_other(harness: Harness) -> None:
    """Both runs succeed (the second waits for the first's lock on the output folder) and
    the tree is entirely one version: whichever wrote last."""
    for round_ in range(3):
        first = spawn(harness.argv(round_ % 2))
        second = spawn(harness.argv(1 - round_ % 2))
        for process in (first, second):
            _out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err.decode()
        state, temps = harness.check()
        assert len(set(state.values())) == 1, "the final tree mixes the two runs"
        assert temps == 0


def test_two_adorn_runs_at_once_create_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    schema = root / "schema.json"
    schema.write_text(json.dumps(_document(0)))
    argv = ["adorn", "--quiet", "--schema", str(schema), "--project-root", str(root)]
    processes = [spawn(argv) for _ in range(2)]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    files = sorted(p for p in (root / "plating").rglob("*") if p.is_file())
    assert len(files) == 2 * (RESOURCES + 1)
    assert not [p for p in files if p.name.startswith(".")], "no temporary file is left"
    for path in files:
        assert path.read_text().endswith("\n")


def test_stamp_of_a_run_is_saved_under_the_lock(
    harness: Harness, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's record of "docs up to date" must not describe another run's pages.

    Run A writes version 0, then run B writes version 1 before A records its stamp: if A's
    stamp were saved outside the output lock, it would claim that the version-1 pages are
    A's output, and the next A run would skip writing and leave version 1 in place.
    """
    import fcntl

    from plating import stamp

    real_save = stamp.save

    def save_after_other_run(path: Path, *args: Any, **kwargs: Any) -> None:
        output_dir: Path = args[1]
        fd = os.open(output_dir, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held = True  # saved under the lock: another run cannot write in between
            else:
                held = False
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
        if not held:
            other = subprocess.run(
                spawn_argv(harness.argv(1)), capture_output=True, env=_env(), timeout=120
            )
            assert other.returncode == 0, other.stderr.decode()
        real_save(path, *args, **kwargs)

    (harness.root / "docs" / KEPT).unlink()  # a kept page disables the stamp
    monkeypatch.setattr(stamp, "save", save_after_other_run)
    assert cli(capsys, *harness.argv(0)).code == 0
    monkeypatch.undo()
    assert cli(capsys, *harness.argv(0)).code == 0
    docs = tree(harness.root / "docs")
    for relpath, content in harness.versions[0].items():
        assert docs[relpath] == content, f"{relpath} is not version 0"
