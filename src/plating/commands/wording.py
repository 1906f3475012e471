"""Counted nouns in messages: "1 page", "2 pages", never "1 pages" or "page(s)"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``many``, else ``noun`` + "s") unless one."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
