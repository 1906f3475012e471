"""Process-wide limits shared by every ``Plating`` instance: pages in flight and providers
rendering at once. They bound work and memory; they never change what a run produces."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager


class PageLimiter:
    """Counts pages being rendered in the whole process.

    Each caller passes its own limit: it waits while that many pages (of any instance) are in
    flight, so the strictest concurrent setting caps the process.
    """

    def __init__(self) -> None:
        self._in_flight = 0
        self._changed = threading.Condition()
        self.peak = 0  # highest number of pages seen in flight, for tests and metrics

    @contextmanager
    def page(self, limit: int) -> Iterator[None]:
        """Hold one slot while rendering one page."""
        with self._changed:
            self._changed.wait_for(lambda: self._in_flight < max(1, limit))
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()


PAGES = PageLimiter()

# One provider renders and writes at a time per event loop: rendering is bound by the
# interpreter lock anyway, and a batch then holds the pages of one provider at most, so its
# memory stays close to its largest member's rather than their sum.
_member_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


@asynccontextmanager
async def member_slot() -> AsyncIterator[None]:
    """Hold this event loop's slot for rendering and writing one provider's pages."""
    loop = asyncio.get_running_loop()
    slot = _member_slots.get(loop)
    if slot is None:
        slot = _member_slots[loop] = asyncio.Semaphore(1)
    async with slot:
        yield
