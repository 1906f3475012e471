"""A rendered page: the hand-over from the renderer to the writer (kept import-light)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Extensions of the page files the Registry reads, legacy ones included, longest first.
PAGE_SUFFIXES = (".html.markdown", ".html.md", ".markdown", ".md")


def page_stem(name: str) -> str | None:
    """``name`` without its page extension (the longest that fits); None for a file that is
    not a page (an image, a download)."""
    for suffix in PAGE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def hidden(parts: Iterable[str]) -> bool:
    """Whether a relative path has a hidden part (a name starting with '.', ``..`` too).

    Such a path is never a page: the docs folder's hidden entries are not plating's (a run
    neither lists nor removes them), ``templates/`` entries so named are not copied or
    rendered (an editor's swap file, ``.DS_Store``, a ``.git/config`` that, with the docs
    folder at the project root, would replace the repository's own), and the writer
    refuses one."""
    return any(part.startswith(".") for part in parts)


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
