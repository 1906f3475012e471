"""Start the preview: render, listen, watch; stop cleanly on Ctrl-C, SIGTERM or SIGHUP."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from plating.errors import UsageError

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.config import PlatingContext
    from plating.serve.server import PreviewServer
    from plating.site import Site


def serve(
    context: PlatingContext,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    write: bool = False,
    reload: Callable[[], Plating] | None = None,
    ready: Callable[[PreviewServer], None] | None = None,
) -> int:
    """Serve the preview of ``context``'s docs until interrupted; returns the exit code.

    ``ready`` is called with the listening server once the first render is done (tests and
    embedders use it to learn the address and to stop it with ``server.shutdown()``).
    SIGTERM and SIGHUP stop it as Ctrl-C does (when it runs on the main thread).
    """
    with _stopped_by_signals():
        return _serve(context, host, port, open_browser, write, reload, ready)


def _serve(
    context: PlatingContext,
    host: str,
    port: int,
    open_browser: bool,
    write: bool,
    reload: Callable[[], Plating] | None,
    ready: Callable[[PreviewServer], None] | None,
) -> int:
    from plating.api import Plating
    from plating.serve.app import Preview
    from plating.serve.server import PreviewServer
    from plating.serve.views import Views
    from plating.serve.watch import Watcher

    started = time.perf_counter()
    preview = Preview(Plating(context), reload=reload, write=write, log=_log)
    # Whatever stops it (an error, Ctrl-C, SIGTERM at any moment), what was started is
    # closed: the server, the watcher, the preview's loop and its scratch folder.
    try:
        site = preview.start()
        try:
            server = PreviewServer((host, port), preview, Views(preview))
        except OSError as exc:
            raise UsageError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port "
                "(0 takes any free one)"
            ) from None
        try:
            watcher = Watcher(
                context.root, site.input_roots(), lambda paths: _changed(preview, paths)
            )
            watcher.start()
            try:
                _announce(site, server, host, started, open_browser)
                if ready is not None:
                    ready(server)
                server.serve_forever(poll_interval=0.2)
            finally:
                watcher.stop()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        preview.close()
    return 0


def _announce(
    site: Site[Plating], server: PreviewServer, host: str, started: float, open_browser: bool
) -> None:
    """The ready line, warnings about the address and the site, and the browser if asked."""
    from plating.serve.server import is_loopback

    pages = len(site.relpaths())
    print(
        f"plating serve: {site.short_name} docs, {pages} page(s), at {server.url} "
        f"(ready in {time.perf_counter() - started:.2f}s; Ctrl-C stops)",
        flush=True,
    )
    if not is_loopback(host):
        _log(
            f"plating serve: listening on {host}, not a loopback address: anyone who can "
            "reach this machine can read the preview"
        )
    for problem in site.problems:
        _log(f"plating serve: {problem}")
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a process manager, a closed terminal) raise KeyboardInterrupt,
    as Ctrl-C does: the server closes and the preview's scratch folder is removed. Only the
    main thread sets handlers; a preview on another thread leaves the process's alone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    numbers = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    # A signal the process ignores stays ignored (`nohup plating serve` outlives its terminal).
    previous = {
        number: handler
        for number in numbers
        if (handler := signal.getsignal(number)) is not signal.SIG_IGN
    }

    def stop(_number: int, _frame: object) -> None:
        raise KeyboardInterrupt

    for number in previous:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _changed(preview: object, paths: set[Path]) -> None:
    from plating.errors import PlatingError
    from plating.serve.app import Preview

    assert isinstance(preview, Preview)
    started = time.perf_counter()
    try:
        update = preview.apply_changes(paths)
    except PlatingError as exc:
        _log(f"plating serve: {exc}")
        return
    except Exception as exc:  # the watcher must outlive any one failed update
        _log(f"plating serve: could not update the preview: {type(exc).__name__}: {exc}")
        return
    if update is None or not update.any:
        return
    site = preview.site
    problems = site.problems if site is not None else []
    if update.problems_changed:
        for problem in problems:
            _log(f"plating serve: {problem}")
        if not problems:
            _log("plating serve: fixed: the docs are made from the current files again")
    if not update.changed and not update.removed:
        return
    shown = ", ".join([*update.changed, *update.removed][:4])
    more = len(update.changed) + len(update.removed) - 4
    suffix = f" and {more} more" if more > 0 else ""
    _log(
        f"updated {shown}{suffix} ({update.rendered} rendered in "
        f"{(time.perf_counter() - started) * 1000:.0f} ms)"
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
