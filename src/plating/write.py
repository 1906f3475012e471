"""The only module that changes the docs tree: incremental, atomic, never touching user files.

Who owns which file is :mod:`plating.ownership`'s rule: a page plating wrote carries its
marker line. At a planned path, plating writes when nothing is there, when the file there is
plating's, when the page is a static copy (its path is the project's own ``templates/`` file)
or when ``take_over`` names the path; any other file is kept and reported. A file already
holding the page (CRLF endings aside) is left untouched. Only plating's files in the run's
scope that the plan no longer has are removed. Every page is written to a temporary file in
its folder and renamed over the target, so a killed run leaves each page either entirely old
or entirely new.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plating.errors import WriteError
from plating.ownership import TEMP_PREFIX, Scope, owned, owned_file, same_page
from plating.pages import RenderedPage, hidden

LOCK_NAME = ".plating.lock"


@dataclass
class WriteReport:
    """What the writer did (or, in check mode, would do), by docs-relative path."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # hand-written pages left in place
    #: Pages without plating's marker replaced because ``take_over`` names them (they are
    #: in ``changed`` too).
    taken_over: list[str] = field(default_factory=list)
    #: Size and mtime of every file of the scope as the run saw it: a file it read, when it
    #: listed it (before reading); a page it wrote, when it wrote it. What the stamp records,
    #: so that an edit another program makes during the run shows as a change afterwards.
    observed: dict[str, list[int]] = field(default_factory=dict)

    @property
    def written(self) -> list[str]:
        return sorted(self.created + self.changed)


def check_no_symlinks(
    output_dir: Path, relpath: str, checked: set[str], leaf_exists: bool = True
) -> None:
    """Refuse a file below ``output_dir`` whose path crosses a symbolic link, as a
    :class:`WriteError` (folders named in ``checked`` were checked already and are added
    to it; the file itself is checked only when ``leaf_exists``)."""
    parts = relpath.split("/")
    if not leaf_exists:
        parts = parts[:-1]
        if not parts:
            return
        relpath = "/".join(parts)
    current = output_dir
    for depth, part in enumerate(parts):
        current = current / part
        folder_key = "/".join(parts[: depth + 1])
        if depth < len(parts) - 1 and folder_key in checked:
            continue
        if current.is_symlink():
            raise WriteError(
                f"{current}: is a symbolic link; plating does not write through links (replace "
                "it with a real folder or file)"
            )
        if depth < len(parts) - 1:
            checked.add(folder_key)


@contextlib.contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    """An exclusive lock on the output folder; a second run waits for the first."""
    output_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(output_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


_temp_counter = itertools.count()


def stage(
    target: Path | str,
    data: bytes,
    mode: int = 0o666,
    written: dict[str, list[int]] | None = None,
) -> str:
    """Write ``data`` to a temporary file beside ``target``; return the temporary path.

    The file is created with ``mode`` (the umask applies), so no chmod is needed; its name is
    unique to this process and counter, so no random retries either (writes are hot).
    ``written`` receives the file's size and mtime by temporary path, as it was written (a
    rename keeps both).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    folder = os.path.dirname(target)  # noqa: PTH120 - plain strings: this runs per page
    while True:
        temp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_counter)}")
        try:
            fd = os.open(temp, flags, mode)
            break
        except FileNotFoundError:
            Path(folder).mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            continue  # left by an earlier process with the same id: take the next name
    try:
        try:
            # Plain os.write: a buffered file object costs more than the write itself.
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if written is not None:
                info = os.fstat(fd)
                written[temp] = [info.st_size, info.st_mtime_ns]
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def stage_all(
    pages: list[tuple[Path, bytes]], mode: int, written: dict[str, list[int]] | None = None
) -> list[tuple[str, Path]]:
    """Stage every page (``stage``, ``written`` included); on the first failure remove what
    was staged and raise :class:`StageError` naming the page.

    Two threads share the work, folder by folder: creating a file is mostly time in the
    kernel, which runs beside the other thread's unless both create in the same folder.
    """
    shares: list[list[tuple[Path, bytes]]] = [[], []]
    by_folder: dict[Path, list[tuple[Path, bytes]]] = {}
    for page in pages:
        by_folder.setdefault(page[0].parent, []).append(page)
    for folder_pages in sorted(by_folder.values(), key=len, reverse=True):
        min(shares, key=len).extend(folder_pages)
    staged: list[list[tuple[str, Path]]] = [[], []]
    failures: list[tuple[Path, BaseException]] = []

    def run(share: int) -> None:
        for target, data in shares[share]:
            if failures:
                return
            try:
                staged[share].append((stage(target, data, mode, written), target))
            except BaseException as exc:  # re-raised below, in the calling thread
                failures.append((target, exc))
                return

    if len(pages) < 64 or not shares[1]:  # a thread costs more than a few files
        run(0)
        run(1)
    else:
        helper = threading.Thread(target=run, args=(1,), name="plating-stage")
        helper.start()
        try:
            run(0)
        finally:
            helper.join()
    if failures:
        for temp, _target in staged[0] + staged[1]:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        target, exc = failures[0]
        raise StageError(target, exc) from exc
    return staged[0] + staged[1]


class StageError(Exception):
    """Staging ``target`` failed with ``error`` (nothing staged is left behind)."""

    def __init__(self, target: Path, error: BaseException) -> None:
        super().__init__(f"{target}: {error}")
        self.target = target
        self.error = error


def atomic_write(target: Path, data: bytes, mode: int = 0o666) -> None:
    """Write one file atomically: a temporary file renamed over the target."""
    os.replace(stage(target, data, mode), target)


def plan_writes(
    output_dir: Path,
    pages: list[RenderedPage],
    scope: Scope,
    take_over: frozenset[str] = frozenset(),
    written_before: frozenset[str] = frozenset(),
) -> tuple[WriteReport, list[RenderedPage], list[Path]]:
    """Decide, without touching disk, what to write and remove (``take_over``: see
    :func:`write_pages`); ``report.observed`` holds each existing file's size and mtime
    from before it was read."""
    existing = scope.files(output_dir)
    report = WriteReport()
    for relpath, path in existing.items():
        with contextlib.suppress(OSError):  # gone meanwhile: not observed, so not vouched for
            info = path.lstat()
            report.observed[relpath] = [info.st_size, info.st_mtime_ns]
    to_write: list[RenderedPage] = []
    planned = set()
    checked: set[str] = set()
    # Names in each page folder (any kind of entry), listed once: a page whose name is not
    # there is new, and needs no system call of its own.
    listed: dict[str, frozenset[str]] = {}
    for page in pages:
        if hidden(page.relpath.split("/")):
            raise WriteError(
                f"{output_dir / page.relpath}: a hidden path; plating writes no page there "
                "(rename the input it comes from)"
            )
        planned.add(page.relpath)
        folder, _slash, name = page.relpath.rpartition("/")
        names = listed.get(folder)
        if names is None:
            names = listed[folder] = _names(output_dir / folder if folder else output_dir)
        if name not in names:
            check_no_symlinks(output_dir, page.relpath, checked, leaf_exists=False)
            report.created.append(page.relpath)
            to_write.append(page)
            continue
        target = output_dir / page.relpath
        check_no_symlinks(output_dir, page.relpath, checked)
        if not target.is_file():
            raise WriteError(f"{target}: exists and is not a regular file; move it away")
        try:
            current = target.read_bytes()
        except OSError as exc:
            raise WriteError(f"{target}: cannot read: {exc.strerror or exc}") from exc
        if same_page(current, page.content):
            report.unchanged.append(page.relpath)
        elif not page.static and not owned(current):
            if page.relpath not in take_over:
                report.kept.append(page.relpath)
                continue
            report.taken_over.append(page.relpath)
            report.changed.append(page.relpath)
            to_write.append(page)
        else:
            report.changed.append(page.relpath)
            to_write.append(page)
    stale = [
        path
        for relpath, path in sorted(existing.items())
        if relpath not in planned and (relpath in written_before or owned_file(path))
    ]
    report.removed.extend(p.relative_to(output_dir).as_posix() for p in stale)
    return report, to_write, stale


def _names(folder: Path) -> frozenset[str]:
    """Every entry name in ``folder``; none when it is missing or not a folder."""
    try:
        with os.scandir(folder) as listing:
            return frozenset(entry.name for entry in listing)
    except OSError:
        return frozenset()


def write_pages(
    output_dir: Path,
    pages: list[RenderedPage],
    scope: Scope,
    *,
    check: bool = False,
    after_write: Callable[[WriteReport], None] | None = None,
    take_over: frozenset[str] = frozenset(),
    written_before: frozenset[str] = frozenset(),
) -> WriteReport:
    """Bring the docs tree in line with ``pages``; in check mode only report.

    ``scope``: the part of the docs folder the run manages (stale pages are looked for in it).
    ``take_over``: docs-relative paths plating may replace even when the page there does not
    carry plating's marker line (tfplugindocs' contract, ``plate --adopt``); other unmarked
    pages at planned paths are kept. Pages are only ever removed when they carry the marker or
    ``written_before`` names them: pages plating wrote in its last run on this folder (pages
    of tfplugindocs templates and static copies carry no marker), now planned no more.
    ``after_write`` runs once every page is written, still holding the output folder's lock.
    """
    if output_dir.is_symlink():
        raise WriteError(f"{output_dir}: the output folder is a symbolic link; give the real path")
    if check:
        report, _to_write, _stale = plan_writes(output_dir, pages, scope, take_over, written_before)
        return report
    changed = 0  # pages replaced or removed so far
    current: Path | None = None  # the page being written or removed, for the error message
    try:
        with output_lock(output_dir):
            _remove_temp_files(output_dir, scope)
            report, to_write, stale = plan_writes(
                output_dir, pages, scope, take_over, written_before
            )
            # Stage every page first: a full disk fails here, before any page changed.
            written: dict[str, list[int]] = {}
            try:
                staged = stage_all(
                    [(output_dir / p.relpath, p.content) for p in to_write], 0o666, written
                )
            except StageError as exc:
                current = exc.target
                raise exc.error from None  # an OSError is reported below, naming the page
            try:
                for temp, current in staged:
                    os.replace(temp, current)
                    changed += 1
            except BaseException:
                # Failed or interrupted (Ctrl-C): no temporary file is left behind; the pages
                # already renamed are complete.
                for temp, _target in staged:
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
                raise
            for temp, target in staged:
                report.observed[target.relative_to(output_dir).as_posix()] = written[temp]
            for current in stale:
                current.unlink()
                changed += 1
                report.observed.pop(current.relative_to(output_dir).as_posix(), None)
                _remove_if_empty(current.parent, output_dir)
            current = None
            if after_write is not None:
                after_write(report)
    except OSError as exc:
        hint = " (disk full)" if exc.errno == errno.ENOSPC else ""
        where = current or exc.filename or output_dir
        state = (
            f"{changed} page(s) were already updated, each complete; run plating again"
            if changed
            else "the previous docs are unchanged"
        )
        raise WriteError(f"{where}: cannot write: {exc.strerror or exc}{hint}; {state}") from exc
    return report


def _remove_temp_files(output_dir: Path, scope: Scope) -> None:
    """Temporary files left by a killed run are plating's own: remove them."""
    for relpath, path in scope.files(output_dir, temporary=True).items():
        if relpath.rpartition("/")[2].startswith(TEMP_PREFIX):
            with contextlib.suppress(OSError):
                path.unlink()


def _remove_if_empty(folder: Path, output_dir: Path) -> None:
    """Remove ``folder`` and then each parent up to ``output_dir`` while they are empty."""
    while folder != output_dir and folder.is_relative_to(output_dir):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone): the folders above are not empty either
            return
        folder = folder.parent
