"""A second render process: the other core renders a share of the pages.

Rendering is pure Python, so threads share one core. On Linux a forked child starts with
the run's schema, templates and texts already in memory (no start-up, no reloading) and
renders its share while the parent renders the rest; pages come back through a pipe in
pickled chunks. Anything unexpected (the child crashes, is killed, sends garbage) only
costs speed: the parent renders whatever did not arrive.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from plating.errors import PlatingError
from plating.pages import RenderedPage

#: Below this many pages a second process costs more than it saves (a fork is a few ms).
MIN_PAGES = 256
_CHUNK = 64  # pages per message: progress stays live, memory flat
#: A child that sends nothing for this long is stuck (a chunk takes milliseconds): it is
#: killed and the parent renders its pages.
STALL_SECONDS = 30.0
_HEADER = struct.Struct("!Q")

Outcome = RenderedPage | PlatingError
RenderOne = Callable[[int], Outcome]


def available(pages: int, workers: int) -> bool:
    """Whether a second render process is worth starting: enough pages, two workers
    allowed, two cores usable, and Linux (fork of a threaded process is safe enough there,
    and the only start method that shares the loaded run)."""
    if pages < MIN_PAGES or workers < 2 or not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


@dataclass
class ChildRender:
    """A forked child rendering its share of the pages; :meth:`collect` receives them."""

    pid: int
    reader: int
    _reaped: bool = False

    def collect(self, on_chunk: Callable[[int], None] | None = None) -> dict[int, Outcome]:
        """Read outcomes until the child ends (blocking: run it in a thread); the indexes
        it did not deliver are missing from the result. A child silent for
        :data:`STALL_SECONDS` is killed: whatever it was stuck on, the parent renders on."""
        received: dict[int, Outcome] = {}
        try:
            while True:
                header = _read_exactly(self.reader, _HEADER.size)
                if header is None:
                    break
                (size,) = _HEADER.unpack(header)
                payload = _read_exactly(self.reader, size)
                if payload is None:
                    break
                chunk: list[tuple[int, Outcome]] = pickle.loads(payload)
                received.update(chunk)
                if on_chunk is not None:
                    on_chunk(len(chunk))
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass  # what arrived is kept; the parent renders the rest
        finally:
            with contextlib.suppress(OSError):
                os.close(self.reader)
            self.reap()
        return received

    def reap(self) -> None:
        """Wait for the child (killing it first if it is still running)."""
        if self._reaped:
            return
        self._reaped = True
        with contextlib.suppress(OSError):
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``; None at end of stream or after a stall."""
    parts: list[bytes] = []
    missing = size
    while missing:
        ready, _, _ = select.select([fd], [], [], STALL_SECONDS)
        if not ready:
            return None
        part = os.read(fd, min(missing, 1 << 20))
        if not part:
            return None
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def start(render_one: RenderOne, indexes: Sequence[int]) -> ChildRender | None:
    """Fork a child that renders ``indexes`` with ``render_one``; None when fork fails."""
    reader, writer = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking a threaded process; the child only renders
            # in its single thread and never takes a lock another thread could hold.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # pragma: no cover - runs in the child; its effects are tested
        os.close(reader)
        _child_main(render_one, list(indexes), writer)
    os.close(writer)
    return ChildRender(pid, reader)


def _child_main(render_one: RenderOne, indexes: list[int], writer: int) -> None:  # pragma: no cover
    """Render, send, and end without running the parent's clean-up (atexit, flushes)."""
    code = 0
    gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
    try:
        # Ctrl-C reaches the whole process group: the child just ends, the parent reports.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(-1)
        with os.fdopen(writer, "wb", buffering=0) as stream:
            for first in range(0, len(indexes), _CHUNK):
                batch = indexes[first : first + _CHUNK]
                chunk = [(i, _picklable(render_one(i))) for i in batch]
                payload = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
                stream.write(_HEADER.pack(len(payload)) + payload)
    except BaseException:  # a bug: the parent renders the rest itself and reports it there
        code = 1
    finally:
        os._exit(code)


def _picklable(outcome: Outcome) -> Outcome:
    """Errors travel as themselves when they pickle, else as their message."""
    if isinstance(outcome, PlatingError):
        try:
            pickle.loads(pickle.dumps(outcome))
        except Exception:
            from plating.errors import RenderError

            return RenderError(str(outcome))
    return outcome
