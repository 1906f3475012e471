"""A rendered page: the hand-over from the renderer to the writer (kept import-light)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's final bytes, ready for the writer."""

    relpath: str
    content: bytes
    generated: bool = True  # False for static copies (no marker line)
    warnings: tuple[str, ...] = ()
    #: Bytes with every nested schema written out, for a page that reached the Registry's
    #: limit that way (``content`` then holds what is written; see plating.render.fit).
    full_size: int | None = None
    #: Files outside the watched input folders that rendering read (``codefile``), for the
    #: no-change stamp.
    reads: tuple[str, ...] = ()
