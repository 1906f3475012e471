"""A rendered page: the hand-over from the renderer to the writer (kept import-light)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's final bytes, ready for the writer."""

    relpath: str
    content: bytes
    #: A copy of a file of the project's ``templates/`` folder: its path is the project's
    #: own, so it replaces whatever is there (a Markdown copy carries the marker too).
    static: bool = False
    warnings: tuple[str, ...] = ()
    #: Bytes with every nested schema written out, for a page that reached the Registry's
    #: limit that way (``content`` then holds what is written; see plating.render.fit).
    full_size: int | None = None
    #: Files outside the watched input folders that rendering read (``codefile``), for the
    #: no-change stamp.
    reads: tuple[str, ...] = ()
