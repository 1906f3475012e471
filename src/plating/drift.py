"""Short unified diffs between the docs on disk and the pages a run would write."""

from __future__ import annotations

import difflib
from pathlib import Path

MAX_DIFF_LINES = 60  # per page: enough to see what changed, short enough for a CI log


def page_diff(output_dir: Path, relpath: str, new: bytes | None) -> str:
    """The diff of one page (``new`` None: the page would be removed)."""
    path = output_dir / relpath
    old_text = path.read_text("utf-8", "replace") if path.is_file() else ""
    new_text = new.decode("utf-8", "replace") if new is not None else ""
    lines = list(
        difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{relpath}",
            tofile=f"b/{relpath}",
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        hidden = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"... {hidden} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
