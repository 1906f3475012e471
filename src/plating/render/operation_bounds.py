"""What an operation in a template would build, priced before it builds it.

:mod:`plating.render.bounded` runs these checks before every operator, method call and filter
whose result grows with an argument (``"x" * n``, ``"%09999d" % 1``, ``center``,
``int.to_bytes``, the ``sum`` of lists, ...): one that the page cannot afford raises
:class:`BoundExceeded` before anything is built, so memory stays within a small multiple of
the page's limit and no single call runs for long. Integers stay printable: ``*`` and ``**``
stop before a result of more than ``sys.int_info.default_max_str_digits`` digits.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from functools import update_wrapper
from typing import Any

from jinja2.filters import make_attrgetter
from jinja2.utils import pass_environment

from plating.render.page_budget import BoundExceeded, PageBudget, current_budget, text_size

#: Digits of the largest integer Python prints by default; a larger one is of no use in a page.
PRINTABLE_DIGITS = sys.int_info.default_max_str_digits
PRINTABLE_BITS = int(PRINTABLE_DIGITS * 3.3219280948873626)  # log2(10) bits a digit

# Sequences that `*` repeats; `bytes` (from str.encode) has the methods of `str` as well.
_REPEATED = (str, bytes, bytearray, list, tuple)
_BINARY = (bytes, bytearray)


def number_message(what: str, verb: str = "would have") -> str:
    """The refusal of an integer too large to print, made by ``what``."""
    return (
        f"number limit: the result of {what} {verb} more than {PRINTABLE_DIGITS:,} "
        "digits, more than Python prints"
    )


def power_too_large(base: Any, exponent: Any) -> bool:
    """Whether ``base ** exponent`` is an integer too large to print."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or exponent <= 0:
        return False
    if abs(base) <= 1:
        return False
    # |base| ** exponent has at least exponent * (bits of |base| - 1) bits.
    return exponent > PRINTABLE_BITS or exponent * (abs(base).bit_length() - 1) > PRINTABLE_BITS


def _width(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else None


# ---------------------------------------------------------------------------------------------
# Operators and format strings

# One %-conversion: mapping key, flags, width, precision, length modifier, conversion type.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")
_DIGITS = re.compile(r"\d+")


def _value_sizes(values: Any, cap: int) -> int:
    if isinstance(values, tuple):
        return max((text_size(v, cap) for v in values), default=0)
    if isinstance(values, Mapping):
        return max((text_size(v, cap) for v in values.values()), default=0)
    return text_size(values, cap)


def check_percent(budget: PageBudget, text: str | bytes | bytearray, values: Any) -> None:
    """Refuse a ``%`` formatting whose widths, precisions or values build too much."""
    pattern = text if isinstance(text, str) else bytes(text).decode("latin-1")
    conversions = _PERCENT.findall(pattern)
    stars = tuple(v for v in values if isinstance(v, int)) if isinstance(values, tuple) else ()
    widths = 0
    for width, precision, _kind in conversions:
        for number in (width, precision):
            if number == "*":
                widths += max((abs(v) for v in stars), default=0)
            elif number:
                widths += int(number)
    size = len(text) + widths + len(conversions) * _value_sizes(values, budget.remaining)
    budget.afford(size, "this %-formatting")


def check_format_spec(budget: PageBudget, spec: str) -> int:
    """Refuse a ``str.format`` field whose width or precision builds too much; the
    characters they may add otherwise."""
    size = sum(int(number) for number in _DIGITS.findall(spec))
    budget.afford(size, f"the format spec {spec[:40]!r}")
    return size


def check_binop(budget: PageBudget, operator: str, left: Any, right: Any) -> None:
    """Refuse ``left operator right`` when its result would be too large."""
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > PRINTABLE_BITS:
                raise BoundExceeded(number_message("*"))
            return
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and isinstance(sequence, _REPEATED) and count > 0:
            budget.afford(len(sequence) * count, "the repetition (*)")
    elif operator == "**" and power_too_large(left, right):
        raise BoundExceeded(number_message("**"))
    elif operator == "%" and isinstance(left, str | bytes | bytearray):
        check_percent(budget, left, right)


# ---------------------------------------------------------------------------------------------
# Methods of str, bytes and int


def _occurrences(text: str | bytes, old: Any, count: Any) -> int:
    if isinstance(text, str):
        old = str(old)
    elif not isinstance(old, _BINARY):
        return 0  # bytes.replace refuses it
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return found


def _length(value: Any, cap: int) -> int:
    return len(value) if isinstance(value, _BINARY) else text_size(value, cap)


# Methods whose result may be much longer than their owner and arguments.
_GROWING_METHODS = frozenset(
    {"join", "center", "ljust", "rjust", "zfill", "expandtabs", "replace", "translate", "to_bytes"}
)


def check_method(
    budget: PageBudget,
    owner: str | bytes | int,
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> tuple[Any, ...]:
    """Refuse a method of ``str``, ``bytes`` or ``int`` whose result would grow past what the
    page has left; the call's arguments (an iterator to join is read into a list first)."""
    if name not in _GROWING_METHODS:
        return args
    if isinstance(owner, int):
        if name == "to_bytes":
            budget.afford(_width(_arg(args, kwargs, 0, "length")), "int.to_bytes")
        return args
    label = f"{'bytes' if isinstance(owner, _BINARY) else 'str'}.{name}"
    if name == "join" and args:
        if not isinstance(args[0], str | list | tuple):
            args = (list(args[0]), *args[1:])  # counted as it is read, then measured
        joined = text_size(args[0], budget.remaining)
        budget.afford(joined + len(owner) * len(args[0]), label)
    elif name in ("center", "ljust", "rjust", "zfill"):
        budget.afford(_width(_arg(args, kwargs, 0, "width")), label)
    elif name == "expandtabs":
        tab = _arg(args, kwargs, 0, "tabsize")
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        budget.afford(len(owner) + tabs * (8 if tab is None else _width(tab)), label)
    elif name == "replace" and len(args) >= 2:
        old = args[0]
        grow = max(0, _length(args[1], budget.remaining) - _length(old, budget.remaining))
        found = _occurrences(owner, old, _arg(args, kwargs, 2, "count"))
        budget.afford(len(owner) + found * grow, label)
    elif name == "translate" and args and isinstance(args[0], Mapping):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        budget.afford(len(owner) * longest, label)
    return args


# ---------------------------------------------------------------------------------------------
# Filters

FilterCheck = Callable[[PageBudget, tuple[Any, ...], dict[str, Any]], None]


def _check_center(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _arg(args, kwargs, 1, "width")
    budget.afford(max(text_size(args[0], budget.remaining), _width(width)), "the center filter")


def _check_indent(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = str(args[0]) if isinstance(args[0], str) else ""
    width = _arg(args, kwargs, 1, "width")
    pad = len(width) if isinstance(width, str) else _width(width) if width is not None else 4
    budget.afford(len(text) + (text.count("\n") + 1) * pad, "the indent filter")


def _check_replace(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = args[0] if isinstance(args[0], str) else ""
    old, new = _arg(args, kwargs, 1, "old"), _arg(args, kwargs, 2, "new")
    grow = max(0, text_size(new, budget.remaining) - len(str(old)))
    found = _occurrences(text, old, _arg(args, kwargs, 3, "count"))
    budget.afford(len(text) + found * grow, "the replace filter")


def _check_join(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    items = args[0]
    separator = _arg(args, kwargs, 1, "d") or ""
    if isinstance(items, str) or not isinstance(items, Iterable):
        return
    count = len(items) if isinstance(items, list | tuple | set | frozenset | dict) else 0
    size = text_size(items, budget.remaining) + count * text_size(separator, budget.remaining)
    budget.afford(size, "the join filter")


def _check_format(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if isinstance(args[0], str):
        check_percent(budget, args[0], kwargs or tuple(args[1:]))


def _check_wordwrap(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = args[0] if isinstance(args[0], str) else ""
    width = max(1, _width(_arg(args, kwargs, 1, "width") or 79))
    wrap = _arg(args, kwargs, 3, "wrapstring")
    breaks = len(text) // width + text.count(" ") + 1
    budget.afford(len(text) + breaks * text_size(wrap or "\n", 0), "the wordwrap filter")


def _check_json(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    indent = _width(_arg(args, kwargs, 1, "indent"))
    size = text_size(args[0], budget.remaining)
    budget.afford(size * (6 + indent), "the tojson filter")  # \u00XX escapes, indented lines


def _check_fill(index: int, name: str, what: str) -> FilterCheck:
    def check(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        budget.afford(_width(_arg(args, kwargs, index, name)), what)

    return check


def _check_urlize(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = args[0] if isinstance(args[0], str) else ""
    extra = sum(text_size(kwargs.get(k), 0) for k in ("target", "rel", "extra_schemes"))
    budget.afford(3 * len(text) + (text.count(" ") + 1) * extra, "the urlize filter")


def check_text(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Filters that turn their value into text, or a container, of a similar size (and take
    a time that grows with it, which no time check can interrupt)."""
    budget.afford(text_size(args[0], budget.remaining), "this filter")


#: Items of a list that filters calling Python per item take in one call without a check.
FEW_ITEMS = 10_000


def _check_items(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Filters that call Python once per item of a whole list in one call (to group, compare
    or sort by an attribute), which no time check can interrupt: a long list is priced as
    :func:`check_text` prices it (10**7 numbers would take 20 s)."""
    if not isinstance(args[0], Sized) or len(args[0]) > FEW_ITEMS:
        check_text(budget, args, kwargs)


#: Filters priced from their arguments (see also :data:`TEXT_FILTERS`).
FILTER_CHECKS: dict[str, FilterCheck] = {
    **dict.fromkeys(("groupby", "dictsort", "min", "max"), _check_items),
    "center": _check_center,
    "indent": _check_indent,
    "replace": _check_replace,
    "join": _check_join,
    "format": _check_format,
    "wordwrap": _check_wordwrap,
    "tojson": _check_json,
    "batch": _check_fill(1, "linecount", "the batch filter"),
    "slice": _check_fill(1, "slices", "the slice filter"),
    "urlize": _check_urlize,
}
#: Filters priced by :func:`check_text`.
TEXT_FILTERS = frozenset(
    {
        *("string", "escape", "e", "forceescape", "urlencode", "pprint", "striptags"),
        *("title", "capitalize", "upper", "lower", "trim", "truncate", "safe"),
        *("list", "reverse", "sort", "unique"),
    }
)


def bounded_lipsum(function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``lipsum()`` (``function``), refused before it writes more than the page has
    left."""

    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        current_budget().afford(_width(n) * (_width(max) + 1) * 12, "lipsum()")
        return function(n, html, min, max)

    return update_wrapper(lipsum, function)


def check_sum(budget: PageBudget, values: list[Any] | tuple[Any, ...], start: Any) -> None:
    """Refuse a sum of lists or tuples that builds too much: each running total is a new
    sequence, so the cost grows with the square of the count."""
    if not isinstance(start, list | tuple):
        return  # numbers; Python refuses to sum strings
    running, built = len(start), 0
    for value in values:
        running += len(value) if isinstance(value, list | tuple) else 1
        built += running
        if built > budget.remaining:
            break
    budget.afford(built, "the sum filter")


def _on_time(items: Iterable[Any]) -> Iterator[Any]:
    """``items``, with the page's time checked at each one."""
    budget = current_budget()
    deadline = budget.deadline
    for item in items:
        if time.monotonic() > deadline:
            budget.tick()
        yield item


def bounded_sum(function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``sum`` filter (``function``), priced by :func:`check_sum` before it adds;
    attributes are looked up (one call each, in Python) within the page's time."""

    def sum_filter(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        if attribute is not None:
            get = make_attrgetter(environment, attribute)
            iterable = [get(item) for item in _on_time(iterable)]
        if isinstance(start, list | tuple):
            if not isinstance(iterable, list | tuple):
                iterable = list(iterable)
            check_sum(current_budget(), iterable, start)
        return function(environment, iterable, None, start)

    return pass_environment(update_wrapper(sum_filter, function))
