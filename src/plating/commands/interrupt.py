"""Running a command's coroutine so that a Ctrl-C at any moment is a clean interrupt.

``asyncio.run`` has two windows where SIGINT does damage: while it builds the event loop (a
half-built loop is left behind, and its finaliser prints a traceback when the process exits)
and while it shuts the loop down (an interrupted ``shutdown_asyncgens`` is reported as a
coroutine never awaited). :func:`run_async` holds SIGINT back in those two windows and raises
the :class:`KeyboardInterrupt` right after them, which ``plating.cli.main`` turns into exit 130.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold SIGINT back for the block: one that arrives is delivered when the block ends.

    A Python-level handler that only records the signal, rather than a blocked signal mask,
    because CPython runs signal handlers in the main thread whichever thread the kernel
    delivers the signal to.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if previous is signal.default_int_handler:
                raise KeyboardInterrupt
            if callable(previous):
                previous(signal.SIGINT, None)


def run_async(main: Callable[P, Coroutine[Any, Any, T]], *args: P.args, **kwargs: P.kwargs) -> T:
    """``asyncio.run(main(*args, **kwargs))``, where a Ctrl-C at any moment is a
    :class:`KeyboardInterrupt` and nothing else: no traceback of a half-built loop, no
    coroutine left un-awaited.

    ``main`` makes the coroutine once the loop exists. While it runs, asyncio's own handler
    cancels it on the first Ctrl-C.
    """
    import asyncio

    runner = asyncio.Runner()
    coroutine: Coroutine[Any, Any, T] | None = None
    try:
        with sigint_deferred():
            runner.get_loop()
        coroutine = main(*args, **kwargs)
        return runner.run(coroutine)
    finally:
        try:
            with sigint_deferred():
                runner.close()
        finally:
            if coroutine is not None:
                # A no-op once it ran; a coroutine interrupted before its task started is
                # closed here rather than reported as never awaited.
                coroutine.close()
