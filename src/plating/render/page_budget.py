"""What one page may still spend while it renders: text to build, time, nested calls.

The bounds are those of :mod:`plating.render.budget`; the Jinja environment
(:mod:`plating.render.bounded`) and the template functions draw on the budget of the page
being rendered, which the outermost render opens and its partials share.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from plating.render import budget as _limits


class BoundExceeded(Exception):
    """A page went past one of the bounds of :mod:`plating.render.budget`."""


class PageBudget:
    """What one page may still spend: text to build, time, nested calls."""

    __slots__ = ("deadline", "depth", "remaining")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + _limits.PAGE_TIME_LIMIT
        self.remaining = _limits.PAGE_OUTPUT_LIMIT
        self.depth = 0

    def tick(self) -> None:
        """Stop the page once its time is up."""
        if time.monotonic() > self.deadline:
            raise BoundExceeded(
                f"time limit: the page took more than {_limits.PAGE_TIME_LIMIT:g} s to render "
                "(a loop or a recursion that runs away?)"
            )

    def afford(self, size: int, what: str) -> None:
        """Refuse, before it is built, a result of ``size`` characters the page cannot hold."""
        if size > self.remaining:
            raise BoundExceeded(
                f"output limit: {what} would build {size:,} characters, more than the page "
                f"has left of its {_limits.PAGE_OUTPUT_LIMIT:,} (what a page prints and "
                "builds, in all)"
            )

    def spend(self, size: int, what: str) -> None:
        """Count ``size`` characters the page has built."""
        self.remaining -= size
        if self.remaining < 0:
            raise BoundExceeded(
                f"output limit: {what} takes the page past {_limits.PAGE_OUTPUT_LIMIT:,} "
                "characters printed and built in all (a loop or a repetition that runs away?)"
            )


#: The budget of the page being rendered in this thread (None outside a page).
CURRENT: ContextVar[PageBudget | None] = ContextVar("plating_page_budget", default=None)


def current_budget() -> PageBudget:
    """The budget of the page being rendered (a fresh one outside any page)."""
    return CURRENT.get() or PageBudget()


@contextmanager
def page_budget() -> Iterator[PageBudget]:
    """The page's budget: opened by the outermost render, shared by its partials."""
    active = CURRENT.get()
    if active is not None:
        yield active
        return
    fresh = PageBudget()
    token = CURRENT.set(fresh)
    try:
        yield fresh
    finally:
        CURRENT.reset(token)


@contextmanager
def nested_call(what: str, cause: str) -> Iterator[None]:
    """One level of macro or partial nesting, refused past ``CALL_DEPTH_LIMIT`` with an
    error that names ``what`` is called and the likely ``cause``."""
    budget = current_budget()
    if budget.depth >= _limits.CALL_DEPTH_LIMIT:
        raise BoundExceeded(
            f"depth limit: {what} nested more than {_limits.CALL_DEPTH_LIMIT} calls deep; {cause}"
        )
    budget.depth += 1
    try:
        yield
    finally:
        budget.depth -= 1


def text_size(value: Any, cap: int) -> int:
    """An estimate of ``len(str(value))``, exact for strings; stops counting past ``cap``."""
    if isinstance(value, str):
        return len(value)
    total = 0
    stack = [value]
    while stack and total <= cap:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4  # quotes, separator
        elif isinstance(item, bool) or item is None or isinstance(item, float):
            total += 24
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 4
        elif isinstance(item, bytes | bytearray):
            total += 4 * len(item) + 4
        elif isinstance(item, Mapping):
            total += 2 + 2 * len(item)
            for key, val in item.items():
                stack.append(key)
                stack.append(val)
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + len(item)
            stack.extend(item)
        elif type(item).__name__ == "Namespace":  # Jinja's namespace() prints its attributes
            stack.append(getattr(item, "_Namespace__attrs", {}))
        else:
            total += 64
    return total
