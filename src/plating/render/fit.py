"""Pages that fit the Registry: what happens when a rendered page reaches its size limit.

The Terraform Registry truncates a document of 500,000 bytes or more. Every component page is
rendered as tfplugindocs shapes it; only a page that reaches the limit is rendered again with
repeated nested schemas written out once (:mod:`plating.render.schema_dedupe`), so pages under
the limit stay byte-identical and the check costs one length comparison. ``dedupe_nested``
chooses: ``auto`` (that), ``always`` (every page written with repeats once), ``never`` (pages
as tfplugindocs writes them, with a warning when one is too large for the Registry).

Any page kind takes part by rendering itself through a function of one flag, ``dedupe``, that
it passes on to :func:`plating.render.schema_md.render_schema` wherever it shows a schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from plating.errors import PageTooLargeError

if TYPE_CHECKING:
    from plating.schema.model import Block

#: Bytes: the Registry truncates a document of this size or more.
REGISTRY_PAGE_LIMIT = 500_000

#: The values of ``dedupe_nested`` (:data:`plating.render.modes.DEDUPE_MODES`), for typing.
DedupeMode = Literal["auto", "always", "never"]


@dataclass(frozen=True, slots=True)
class Fitted:
    """A page that reached the limit as tfplugindocs shapes it, and what became of it."""

    content: bytes  # what is written
    full_size: int  # bytes with every nested schema written out
    warning: str | None = None


def fit_page(
    relpath: str,
    what: str,
    content: bytes,
    render: Callable[[bool], bytes],
    mode: DedupeMode,
    block: Block | None,
    limit: int = REGISTRY_PAGE_LIMIT,
) -> Fitted:
    """Make a page that reached ``limit`` fit, per ``mode``.

    ``content`` is the page as first rendered (with repeats written once when ``mode`` is
    ``always``); ``render(dedupe)`` renders it again. A page still too large is a
    :class:`PageTooLargeError` naming its largest nested sections (``block``'s).
    """
    if mode == "never":
        return Fitted(
            content,
            len(content),
            f"{relpath}: {what}: {len(content):,} bytes, over the Registry's limit of "
            f'{limit:,} bytes (it truncates the page); set dedupe_nested = "auto" to write '
            "repeated nested schemas once",
        )
    if mode == "always":
        shared, full_size = content, len(render(False))
    else:
        shared, full_size = render(True), len(content)
    if len(shared) < limit:
        return Fitted(shared, full_size)
    sections: tuple[tuple[str, int, int], ...] = ()
    if block is not None:
        from plating.render.schema_dedupe import largest_sections

        sections = tuple((s.path, s.bytes, s.repeats) for s in largest_sections(block))
    raise PageTooLargeError(relpath, what, len(shared), full_size, sections, limit)
