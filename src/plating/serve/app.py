"""The preview: a :class:`~plating.site.Site`, its validate findings, and a version counter
that browsers follow.

One event loop thread owns the site (renders, re-renders, validation, ``--write``); the
watcher thread hands it changed paths; HTTP threads only read. Every visible change
(a page, a finding) bumps :attr:`Preview.version` and wakes the event streams, so each
open page fetches itself again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
import time
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plating.serve.findings import PageFindings, ScratchDocs, validate_site

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.site import Site, SiteUpdate

T = TypeVar("T")

#: Seconds after start-up when validation starts even if no page was requested yet.
FIRST_CHECK_DELAY = 1.0
#: Seconds without a change before validation (and --write) run.
FOLLOW_UP_DELAY = 0.3


class Preview:
    """State shared by the server, the watcher and the event loop (see module docstring)."""

    def __init__(
        self,
        plating: Plating,
        *,
        reload: Callable[[], Plating] | None = None,
        write: bool = False,
        log: Callable[[str], None] = print,
    ) -> None:
        self._initial = plating
        self._reload = reload
        self.write = write
        self.log = log
        self.site: Site[Plating] | None = None
        self.findings = PageFindings()
        self.validating = False
        self.version = 0
        self.last_change: tuple[str, ...] = ()
        self._changed = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._scratch = ScratchDocs()
        self._validate_again = False
        self._validation_running = False
        self._write_again = False
        self._writing = False
        self._first_served = threading.Event()
        self._follow_up: asyncio.TimerHandle | None = None
        self.closed = False

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> Site[Plating]:
        """Render every page (blocking); validation and ``--write`` follow in background,
        once the first page was served (or after :data:`FIRST_CHECK_DELAY` seconds): the
        first page comes sooner without validate competing for the interpreter."""
        self._thread.start()
        site = self._call(self._build())
        self.site = site
        self.validating = True  # pages say "checking" until the first findings are in
        self._loop.call_soon_threadsafe(self._loop.call_later, FIRST_CHECK_DELAY, self.page_served)
        return site

    def page_served(self) -> None:
        """Called after each page response: starts the first validation (once)."""
        if not self._first_served.is_set():
            self._first_served.set()
            self._schedule_follow_ups()

    def close(self) -> None:
        """Stop the loop, wake the event streams and remove the scratch folder."""
        self.closed = True
        with self._changed:
            self._changed.notify_all()
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        if not self._thread.is_alive():
            # A validation or --write still pending is cancelled, then the loop is closed.
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            if pending:
                self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()
        self._scratch.remove()

    # -- changes ----------------------------------------------------------------------

    def apply_changes(self, paths: Iterable[Path]) -> SiteUpdate | None:
        """Re-render what ``paths`` affect (blocking); bump the version when pages changed."""
        if self.site is None or self.closed:
            return None
        site = self.site
        update = self._call(site.update(list(paths)))
        if update.any:
            self._bump(update.changed + update.removed)
            self._schedule_follow_ups()
        return update

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The version once it differs from ``seen`` (or after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.version == seen and not self.closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self.version

    def event_data(self) -> str:
        """The JSON of an update event."""
        return json.dumps(
            {
                "version": self.version,
                "changed": list(self.last_change),
                "validating": self.validating,
            }
        )

    def _bump(self, changed: tuple[str, ...]) -> None:
        with self._changed:
            self.version += 1
            self.last_change = changed
            self._changed.notify_all()

    # -- the event loop's work ---------------------------------------------------------

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the preview's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    async def _build(self) -> Site[Plating]:
        if self._reload is None:
            return await self._initial.render_site()
        from plating.site import Site

        site = Site(self._initial, reload=self._reload)
        await site.build()
        return site

    def _schedule_follow_ups(self) -> None:
        """Validation (and ``--write``) once edits pause for :data:`FOLLOW_UP_DELAY`: a burst
        of saves costs one run, and the next edit's page is not slowed by the last's check.
        Pages say "checking" from now on: their findings are of an older version."""
        self.validating = True
        self._loop.call_soon_threadsafe(self._debounce_follow_ups)

    def _debounce_follow_ups(self) -> None:
        if self._follow_up is not None:
            self._follow_up.cancel()
        self._follow_up = self._loop.call_later(FOLLOW_UP_DELAY, self._follow_ups)

    def _follow_ups(self) -> None:
        self._follow_up = None
        self._start_validation()
        if self.write:
            self._start_write()

    def _start_validation(self) -> None:
        if self._validation_running:
            self._validate_again = True  # one more run once this one ends
            return
        self.validating = self._validation_running = True
        self._loop.create_task(self._validate())

    async def _validate(self) -> None:
        while True:
            self._validate_again = False
            site = self.site
            assert site is not None
            try:
                self.findings = await validate_site(site.plating, site, self._scratch)
            except Exception as exc:  # a validate failure must not stop the preview
                self.log(f"plating serve: validate failed: {exc}")
            if not self._validate_again:
                break
        self.validating = self._validation_running = False
        self._bump(())

    def _start_write(self) -> None:
        if self._writing:
            self._write_again = True
            return
        self._writing = True
        self._loop.create_task(self._write_docs())

    async def _write_docs(self) -> None:
        """``plate`` itself writes the docs (``--write``): its writer, its rules."""
        from plating.api import Plating

        while True:
            self._write_again = False
            site = self.site
            assert site is not None
            # One process: a forked render process is unsafe beside the server's threads.
            context = dataclasses.replace(site.plating.context, concurrency=1)
            try:
                result = await Plating(context, site.plating.package_name).plate()
            except Exception as exc:
                self.log(f"plating serve: writing docs failed: {exc}")
            else:
                for problem in result.errors:
                    self.log(f"plating serve: not written: {problem}")
                if result.files_generated or result.files_removed:
                    self.log(
                        f"wrote {result.files_generated} page(s), removed "
                        f"{result.files_removed} in {result.output_dir}"
                    )
            if not self._write_again:
                break
        self._writing = False
