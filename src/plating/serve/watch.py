"""Watching a project's inputs with watchfiles and handing the changes to the preview.

Two watchers: one over each folder at the top of the project (and the input folders outside
it), recursively, and one over the project folder itself, not recursively, for its files
(``pyproject.toml``, a schema file) and for new top-level folders, which restart the first.
Skipped everywhere: version control, virtual environments, caches and build folders (the
same list bundle discovery skips), hidden files and editors' temporary files. Watching
the top-level folders one by one keeps a large ``.venv`` from costing thousands of watches.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from plating.bundles.discover import SKIPPED_DIRS

#: Changes that arrive within this many milliseconds of each other are handled together.
STEP_MS = 20


def ignored(parts: tuple[str, ...]) -> bool:
    """True for files no page is made from (see the module docstring); ``parts`` are the
    path's parts below the watched folder."""
    name = parts[-1] if parts else ""
    return (
        any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in parts)
        or name.startswith((".", "#"))
        or name.endswith(("~", ".swp", ".swx", ".tmp"))
        or name == "4913"  # vim's probe file
    )


class Watcher:
    """Calls ``on_change`` with the set of changed paths, from its own threads."""

    def __init__(
        self, root: Path, extra: Iterable[Path], on_change: Callable[[set[Path]], None]
    ) -> None:
        self.root = root.resolve()
        self.extra = [p.resolve() for p in extra]
        self.on_change = on_change
        self._stop = threading.Event()
        self._restart = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start both watchers (daemon threads)."""
        for target in (self._watch_top, self._watch_tree):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop watching (returns once both threads ended, or after a second)."""
        self._stop.set()
        self._restart.set()
        for thread in self._threads:
            thread.join(timeout=1)

    def ignored(self, path: str) -> bool:
        """:func:`ignored` for a path below the project or one of the extra folders."""
        target = Path(path)
        for base in (self.root, *self.extra):
            if target.is_relative_to(base) and target != base:
                return ignored(target.relative_to(base).parts)
        return ignored((target.name,))

    def tree_roots(self) -> list[Path]:
        """Folders watched recursively: the project's top-level folders not skipped, and
        the extra input folders outside the project."""
        roots: list[Path] = []
        try:
            entries = sorted(os.scandir(self.root), key=lambda e: e.name)
        except OSError:
            entries = []
        for entry in entries:
            if (
                entry.is_dir(follow_symlinks=False)
                and not ignored((entry.name,))
                and not os.path.isfile(os.path.join(entry.path, "pyvenv.cfg"))
            ):
                roots.append(Path(entry.path))
        for extra in self.extra:
            if extra.is_dir() and not extra.is_relative_to(self.root):
                roots.append(extra)
        return roots

    def _watch_top(self) -> None:
        import watchfiles

        folders = [self.root] + [
            p.parent for p in self.extra if p.is_file() and not p.is_relative_to(self.root)
        ]
        for changes in watchfiles.watch(
            *dict.fromkeys(folders),
            recursive=False,
            step=STEP_MS,
            stop_event=self._stop,
            watch_filter=lambda _change, path: not self.ignored(path),
            raise_interrupt=False,
        ):
            paths = {Path(path) for _change, path in changes}
            if any(p.is_dir() for p in paths):
                # A new top-level folder: watch it too. Files may have landed in it before
                # its watch starts, so the folder itself is reported as changed: the site
                # plans again and finds what it holds.
                self._restart.set()
            if paths:
                self.on_change(paths)

    def _watch_tree(self) -> None:
        import watchfiles

        while not self._stop.is_set():
            self._restart.clear()
            roots = self.tree_roots()
            if not roots:
                self._restart.wait()
                continue
            for changes in watchfiles.watch(
                *roots,
                step=STEP_MS,
                stop_event=self._restart,
                watch_filter=lambda _change, path: not self.ignored(path),
                raise_interrupt=False,
            ):
                paths = {Path(path) for _change, path in changes}
                if paths:
                    self.on_change(paths)
