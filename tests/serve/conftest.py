"""Fixtures of the preview tests: a running preview of a project, and one Chromium for the
whole session (started once: it is the slow part)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from tests.serve.chromium import CHROMIUM, INSTALL_CHROMIUM, launch_chromium

if TYPE_CHECKING:
    from plating.serve.server import PreviewServer

T = TypeVar("T")


@contextmanager
def running_preview(root: Path, **options: Any) -> Iterator[PreviewServer]:
    """``plating serve`` of the demo-shaped project at ``root`` on a free loopback port."""
    from plating.config import PlatingContext
    from plating.serve.run import serve

    context = PlatingContext(
        provider_name="kitchen", project_root=root, schema_path=root / "schema.json"
    )
    ready = threading.Event()
    servers: list[PreviewServer] = []
    failures: list[BaseException] = []

    def on_ready(server: PreviewServer) -> None:
        servers.append(server)
        ready.set()

    def run() -> None:
        try:
            serve(context, port=0, ready=on_ready, **options)
        except BaseException as exc:  # reported by the waiting test
            failures.append(exc)
            ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(60), "the preview did not start within 60 s"
    if failures:
        raise failures[0]
    server = servers[0]
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def preview(demo_project: Path) -> Iterator[PreviewServer]:
    with running_preview(demo_project) as server:
        yield server


class Chromium:
    """One Chromium for the session, driven by Playwright's sync API on a thread of its own.

    Playwright's sync API keeps an event loop running in the thread that starts it; in the
    main thread that would break every later test calling ``asyncio.run``. So the browser
    lives on one worker thread and tests hand it their steps: ``chromium.run(steps)`` calls
    ``steps(page)`` there with a fresh page (own context: no cookies or storage shared) and
    returns its result, or raises what it raised.
    """

    def __init__(self, executable: str) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="chromium")
        self._executable = executable
        self._playwright: Any = None
        self._browser: Any = None
        self._pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = launch_chromium(self._playwright, self._executable)

    def run(self, steps: Callable[[Any], T]) -> T:
        """``steps(page)`` on the browser's thread (see the class docstring)."""

        def task() -> T:
            context = self._browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                return steps(context.new_page())
            finally:
                context.close()

        return self._pool.submit(task).result()

    def close(self) -> None:
        """Close the browser and Playwright, then the thread."""

        def stop() -> None:
            self._browser.close()
            self._playwright.stop()

        self._pool.submit(stop).result()
        self._pool.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """Debian's Chromium; never a downloaded browser. Missing Chromium fails the tests with
    the command that installs it (CI must have it)."""
    found = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if found is None:
        pytest.fail(f"Chromium is not installed; install it with: {INSTALL_CHROMIUM}")
    browser = Chromium(str(found))
    try:
        yield browser
    finally:
        browser.close()
