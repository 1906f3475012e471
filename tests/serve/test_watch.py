"""The watcher: what it reports, what it skips, and folders created while it runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from plating.serve.watch import Watcher, ignored


class Seen:
    """Collects reported paths; ``wait_for`` waits (bounded) for one to arrive."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self._changed = threading.Condition()

    def __call__(self, paths: set[Path]) -> None:
        with self._changed:
            self.paths |= paths
            self._changed.notify_all()

    def wait_for(self, path: Path, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while path not in self.paths:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, Seen]]:
    root = tmp_path / "project"
    (root / "components" / "x.plating" / "docs").mkdir(parents=True)
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "pyproject.toml").write_text("[project]\n")
    seen = Seen()
    watcher = Watcher(root, [], seen)
    watcher.start()
    time.sleep(0.3)  # both watches registered
    try:
        yield root, seen
    finally:
        watcher.stop()


def test_reports_edits_below_and_at_the_top(watched: tuple[Path, Seen]) -> None:
    root, seen = watched
    template = root / "components" / "x.plating" / "docs" / "x.tmpl.md"
    template.write_text("# x\n")
    assert seen.wait_for(template)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert seen.wait_for(root / "pyproject.toml")


def test_skips_virtual_environments_and_editor_files(watched: tuple[Path, Seen]) -> None:
    root, seen = watched
    (root / ".venv" / "lib" / "site.py").write_text("x = 1\n")
    (root / "components" / ".x.tmpl.md.swp").write_text("swap")
    (root / "components" / "notes.md~").write_text("backup")
    marker = root / "components" / "marker.txt"
    marker.write_text("after the others\n")
    assert seen.wait_for(marker)
    time.sleep(0.1)
    assert all(".venv" not in p.parts for p in seen.paths)
    assert not any(p.name.endswith(("~", ".swp")) for p in seen.paths)


def test_a_new_top_level_folder_is_reported_and_watched(watched: tuple[Path, Seen]) -> None:
    root, seen = watched
    folder = root / "plating"
    folder.mkdir()
    assert seen.wait_for(folder)
    # The tree watch restarts with the new folder: edits in it are reported from then on
    # (the folder's report already made the site plan again, finding what it held).
    later = folder / "resources" / "y.plating" / "docs" / "y.tmpl.md"
    later.parent.mkdir(parents=True)
    for attempt in range(50):
        later.write_text(f"# y {attempt}\n")
        if seen.wait_for(later, timeout=0.2):
            break
    assert later in seen.paths


def test_ignored_names() -> None:
    assert ignored(("node_modules", "x.md")) and ignored((".git", "HEAD"))
    assert ignored(("docs", ".#x.md")) and ignored(("x.tf~",)) and ignored(("4913",))
    assert not ignored(("components", "x.plating", "docs", "x.tmpl.md"))
