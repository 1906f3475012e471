"""Start the preview: render, listen, watch; stop cleanly on Ctrl-C."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from plating.errors import UsageError

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.config import PlatingContext
    from plating.serve.server import PreviewServer


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
    """
    from plating.api import Plating
    from plating.serve.app import Preview
    from plating.serve.server import PreviewServer, is_loopback
    from plating.serve.views import Views
    from plating.serve.watch import Watcher

    started = time.perf_counter()
    preview = Preview(Plating(context), reload=reload, write=write, log=_log)
    try:
        site = preview.start()
    except BaseException:
        preview.close()
        raise
    try:
        server = PreviewServer((host, port), preview, Views(preview))
    except OSError as exc:
        preview.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port "
            "(0 takes any free one)"
        ) from None
    watcher = Watcher(context.root, site.input_roots(), lambda paths: _changed(preview, paths))
    watcher.start()
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
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.server_close()
        preview.close()
    return 0


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
