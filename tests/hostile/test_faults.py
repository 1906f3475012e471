"""Faults while writing: a full disk, a read-only folder, a failing rename, Ctrl-C.

Each fault is injected in-process (the suite runs as root in CI, where permissions do not stop
writes; the chmod variants skip there). Whatever fails, the error names the page, every page
is entirely old or entirely new, no temporary file is left, and hand-written files stay.
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plating import write
from tests.factories import resource_block, schema_document, write_schema
from tests.hostile.helpers import assert_clean_error, cli, cli_as_a_user, plate_args, tree

PAGES = 40
HAND_WRITTEN = "docs/resources/notes.txt"


def _document(version: str) -> dict[str, Any]:
    resources = {
        f"demo_r{i:03d}": resource_block(f"Resource {i}, version {version}.") for i in range(PAGES)
    }
    return schema_document(resources=resources)


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A project plated with the old schema; the new schema changes every page.

    Returns the root and the full old and new trees (plated into separate folders).
    """
    versions: dict[str, dict[str, bytes]] = {}
    for version in ("old", "new"):
        ref = tmp_path / f"ref-{version}"
        ref.mkdir()
        write_schema(ref / "schema.json", _document(version))
        assert cli(capsys, *plate_args(ref)).code == 0
        versions[version] = tree(ref / "docs")
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", _document("old"))
    assert cli(capsys, *plate_args(root)).code == 0
    (root / HAND_WRITTEN).write_text("hand-written\n")
    write_schema(root / "schema.json", _document("new"))
    return {"root": root, **versions}


def _assert_consistent(project: dict[str, Any], *, allow_new: bool = True) -> None:
    """Every page entirely old or entirely new, nothing temporary, the user's file kept."""
    root: Path = project["root"]
    docs = tree(root / "docs")
    assert docs.pop(HAND_WRITTEN.removeprefix("docs/")) == b"hand-written\n"
    assert sorted(docs) == sorted(project["old"]), "no page added, lost or left temporary"
    for relpath, content in docs.items():
        allowed = [project["old"][relpath]] + ([project["new"][relpath]] if allow_new else [])
        assert content in allowed, f"{relpath} is neither the old nor the new page"
    leftovers = [p for p in (root / "docs").rglob("*") if p.name.startswith(write.TEMP_PREFIX)]
    assert leftovers == []


def _in_docs(root: Path) -> Callable[[Any], bool]:
    docs = str(root / "docs")

    def check(path: Any) -> bool:
        text = os.fsdecode(path)
        return text.startswith(docs) and Path(text).name.startswith(write.TEMP_PREFIX)

    return check


def _failing_open(
    monkeypatch: pytest.MonkeyPatch, matches: Callable[[Any], bool], after: int, error: int
) -> None:
    """``os.open`` of matching paths fails with ``error`` once ``after`` of them worked
    (counted atomically: pages are staged by two threads)."""
    real_open = os.open
    counter = itertools.count(1)

    def fake_open(path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        if matches(path) and flags & os.O_CREAT and next(counter) > after:
            raise OSError(error, os.strerror(error), os.fsdecode(path))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def _failing_replace(
    monkeypatch: pytest.MonkeyPatch,
    matches: Callable[[Any], bool],
    after: int,
    error: BaseException,
) -> None:
    """``os.replace`` of matching sources raises ``error`` once ``after`` of them worked."""
    real_replace = os.replace
    count = [0]

    def fake_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if matches(src):
            count[0] += 1
            if count[0] > after:
                raise error
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", fake_replace)


@pytest.mark.parametrize("after", [0, 1, PAGES // 2, PAGES - 1])
def test_disk_full_while_staging_changes_nothing(
    project: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    after: int,
) -> None:
    root: Path = project["root"]
    _failing_open(monkeypatch, _in_docs(root), after, errno.ENOSPC)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(root / "docs"), "disk full", "unchanged")
    _assert_consistent(project, allow_new=False)
    monkeypatch.undo()
    assert cli(capsys, *plate_args(root)).code == 0
    assert tree(root / "docs") == {**project["new"], "resources/notes.txt": b"hand-written\n"}


def test_read_only_output_reports_the_page(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does to a normal user, simulated (always runs)."""
    root: Path = project["root"]
    _failing_open(monkeypatch, _in_docs(root), 0, errno.EACCES)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(root / "docs"), "Permission denied", "unchanged")
    _assert_consistent(project, allow_new=False)


def test_read_only_output_folder(project: dict[str, Any]) -> None:
    """A real read-only folder (under root too: root's permission override is dropped)."""
    root: Path = project["root"]
    folder = root / "docs/resources"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        outcome = cli_as_a_user(*plate_args(root))
    finally:
        folder.chmod(stat.S_IRWXU)
    assert_clean_error(outcome, (1,), str(folder), "Permission denied", "unchanged")
    _assert_consistent(project, allow_new=False)


@pytest.mark.parametrize("after", [0, 7, PAGES - 1])
def test_failing_rename_leaves_each_page_whole(
    project: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    after: int,
) -> None:
    root: Path = project["root"]
    _failing_replace(monkeypatch, _in_docs(root), after, OSError(errno.EIO, "I/O error"))
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(root / "docs/"), "I/O error")
    if after:
        assert f"{after} page(s) were already updated" in outcome.err
    else:
        assert "unchanged" in outcome.err
    _assert_consistent(project)
    monkeypatch.undo()
    assert cli(capsys, *plate_args(root)).code == 0
    _assert_consistent({**project, "old": project["new"]}, allow_new=False)


@pytest.mark.parametrize("after", [0, 13])
def test_ctrl_c_while_writing_exits_130_with_whole_pages(
    project: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    after: int,
) -> None:
    root: Path = project["root"]
    _failing_replace(monkeypatch, _in_docs(root), after, KeyboardInterrupt())
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 130
    assert "interrupted" in outcome.err and "Traceback" not in outcome.err
    _assert_consistent(project)


def test_ctrl_c_while_staging(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root: Path = project["root"]
    real_write = os.write
    counter = itertools.count(1)

    def fake_write(fd: int, data: Any) -> int:
        # Only writes into temporary pages count (the process writes elsewhere too).
        in_page = write.TEMP_PREFIX in os.readlink(f"/proc/self/fd/{fd}")
        if in_page and next(counter) == 5:
            raise KeyboardInterrupt
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fake_write)
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 130
    _assert_consistent(project, allow_new=False)


def test_failing_removal_of_a_stale_page(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root: Path = project["root"]
    document = _document("old")
    del document["provider_schemas"]["registry.terraform.io/acme/demo"]["resource_schemas"][
        "demo_r005"
    ]
    write_schema(root / "schema.json", document)
    real_unlink = Path.unlink

    def fake_unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == "r005.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", fake_unlink)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(root / "docs/resources/r005.md"), "Permission denied")
    assert (root / "docs/resources/r005.md").exists()
    assert (root / HAND_WRITTEN).exists()


def test_adorn_disk_full_leaves_no_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", _document("old"))

    def adorn_temp(path: Any) -> bool:
        return os.fsdecode(path).endswith(".tmp") and str(root) in os.fsdecode(path)

    _failing_open(monkeypatch, adorn_temp, 5, errno.ENOSPC)
    argv = ["adorn", "--schema", str(root / "schema.json"), "--project-root", str(root)]
    outcome = cli(capsys, *argv)
    assert_clean_error(outcome, (1,), "cannot create", "No space left on device")
    created = [p for p in (root / "plating").rglob("*") if p.is_file()]
    assert len(created) == 5, "the files created before the fault are complete"
    for path in created:
        assert path.read_text().endswith("\n") and not path.name.endswith(".tmp")
    monkeypatch.undo()
    outcome = cli(capsys, *argv)
    assert outcome.code == 0, outcome.err
    assert cli(capsys, *plate_args(root)).code == 0


def test_adorn_write_is_atomic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure in the middle of writing a file (as a kill would) never leaves it half
    written where a later run would keep it."""
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", _document("old"))
    real_fdopen = os.fdopen

    class Torn:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Torn:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.EIO, "I/O error")

    def fake_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return Torn(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fake_fdopen)
    argv = ["adorn", "--schema", str(root / "schema.json"), "--project-root", str(root)]
    outcome = cli(capsys, *argv)
    assert_clean_error(outcome, (1,), "I/O error")
    assert [p for p in (root / "plating").rglob("*") if p.is_file()] == []


def test_unreadable_schema_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    schema = write_schema(root / "schema.json", _document("old"))
    real = Path.read_bytes

    def fake_read_bytes(self: Path) -> bytes:
        if self == schema:
            raise OSError(errno.EIO, "Input/output error", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", fake_read_bytes)
    outcome = cli(capsys, *plate_args(root, "--retry-max-attempts", "1"))
    assert_clean_error(outcome, (2,), str(schema), "Input/output error")


@pytest.mark.parametrize(
    "damage",
    [
        {"scopes": [5]},
        {"scopes": [None, {}]},
        {"scopes": ["../.."]},
        {"pages": [None]},
        {"pages": "x"},
        {"tree": 5},
        {"format": "1"},
        None,
    ],
    ids=repr,
)
def test_damaged_stamp_is_a_miss_not_a_crash(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str], damage: dict[str, Any] | None
) -> None:
    """The record of the last run (used to skip unchanged runs) may be damaged: the run does
    its full work instead."""
    import json

    root: Path = project["root"]
    (root / HAND_WRITTEN).unlink()  # the stamp is written once the tree is plating's alone
    assert cli(capsys, *plate_args(root)).code == 0
    stamps = sorted((root / ".plating-cache" / "stamps").glob("*.json"))
    assert stamps
    for stamp in stamps:
        if damage is None:
            stamp.write_bytes(b"\x00\xff{ not json")
        else:
            stamp.write_text(json.dumps({**json.loads(stamp.read_text()), **damage}))
    (root / "docs/resources/r003.md").write_bytes(project["old"]["resources/r003.md"])
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    assert "Traceback" not in outcome.err
    assert tree(root / "docs") == project["new"]


@pytest.mark.parametrize("after", [0, 70, 199])
def test_staging_in_two_threads_leaves_nothing_when_one_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    pages = [(tmp_path / "docs" / f"r{i % 3}" / f"p{i}.md", b"x" * 100) for i in range(200)]
    _failing_open(monkeypatch, _in_docs(tmp_path), after, errno.ENOSPC)
    with pytest.raises(write.StageError) as failure:
        write.stage_all(pages, 0o666)
    assert isinstance(failure.value.error, OSError)
    assert failure.value.error.errno == errno.ENOSPC
    assert failure.value.target in {target for target, _data in pages}
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # every staged file removed
    monkeypatch.undo()
    staged = write.stage_all(pages, 0o666)
    assert sorted(target for _temp, target in staged) == sorted(t for t, _d in pages)
    assert all(Path(temp).read_bytes() == b"x" * 100 for temp, _target in staged)
