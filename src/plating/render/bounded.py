"""Jinja within the page bounds of :mod:`plating.render.budget`.

A template from a pull request must not be able to exhaust the memory or the time of the
machine that builds the docs. Every page rendered with Jinja gets a :class:`PageBudget`:

- **output**: a page's text is at most ``PAGE_OUTPUT_LIMIT`` characters, and so is all the
  text it *builds* on the way: every printed or captured expression (macros, ``{% set %}``
  blocks), every string, list or slice an operator, filter or method returns, and every loop
  iteration (its literal text, and at least one unit). Operations whose size depends on an
  argument (``"x" * n``, ``"%09999d" % 1``, ``"{:>9999}".format(1)``, ``center``,
  ``indent``, ``replace``, ``join``, ``wordwrap``, ``tojson(indent=...)``, ``batch``,
  ``slice``, ``lipsum``, ...) are checked *before* they build anything, so memory stays
  within a small multiple of the limit;
- **numbers**: ``*`` and ``**`` on integers stop before a result Python could not print
  (``sys.int_info.default_max_str_digits`` digits), so no single operation runs for long;
- **time**: ``PAGE_TIME_LIMIT`` seconds for the page, partials included, checked at every
  loop iteration, call, operator and filter;
- **depth**: ``CALL_DEPTH_LIMIT`` nested macro calls and ``render()`` partials.

A page past a bound raises :class:`BoundExceeded`; the renderer reports it with the
template, its line and the component.
"""

from __future__ import annotations

import re
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import update_wrapper
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter
from jinja2.sandbox import SandboxedFormatter as _SandboxedFormatter
from jinja2.utils import pass_context
from markupsafe import Markup

from plating.render.page_budget import (
    CURRENT,
    BoundExceeded,
    PageBudget,
    current_budget,
    nested_call,
    text_size,
)

#: Digits of the largest integer Python prints by default; a larger one is of no use in a page.
PRINTABLE_DIGITS = sys.int_info.default_max_str_digits
_PRINTABLE_BITS = int(PRINTABLE_DIGITS * 3.3219280948873626)  # log2(10) bits a digit
#: Compiled templates carry these checks: bump when the generated code changes.
CODE_REVISION = "bounded-1"
_clock = time.monotonic


_METHOD_TYPES = frozenset({types.BuiltinMethodType, types.MethodType})
_SIZED = frozenset({str, Markup, list, tuple, dict, set, frozenset, bytes})
_SMALL = frozenset({int, float, bool, type(None)})


def _built_size(value: Any) -> int:
    """What building ``value`` cost: characters of a string, items of a container."""
    if type(value) in _SIZED or isinstance(value, str | list | tuple | dict | set | frozenset):
        return len(value)
    return 0


def _account(value: Any, what: str) -> Any:
    """Count a result the template built; an iterator is counted item by item as it runs."""
    kind = type(value)
    if kind in _SMALL:
        return value
    if kind in _SIZED:
        size = len(value)
    elif isinstance(value, Iterator) and not isinstance(value, str):
        return _counted(value, what)
    else:
        size = _built_size(value)
    if size:
        current_budget().spend(size, what)
    return value


def _counted(items: Iterator[Any], what: str) -> Iterator[Any]:
    budget = current_budget()
    deadline, clock = budget.deadline, _clock
    for item in items:
        if clock() > deadline:
            budget.tick()
        budget.spend(1 + _built_size(item), what)
        yield item


def _loop(items: Iterable[Any], literal: int) -> Iterator[Any]:
    """A ``{% for %}`` loop's iterable: each iteration checks the time and costs its literal
    text (at least one unit, so captured output cannot grow past the limit unseen)."""
    budget = current_budget()
    cost = literal + 1
    deadline, clock = budget.deadline, _clock
    for item in items:
        if clock() > deadline:
            budget.tick()
        budget.remaining -= cost
        if budget.remaining < 0:
            budget.spend(0, "this loop (each iteration counts its text, and at least one)")
        yield item


def _parts(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """The operands of ``~``, checked before they are joined."""
    budget = current_budget()
    size = sum(text_size(part, budget.remaining) for part in parts)
    budget.afford(size, "the concatenation (~)")
    budget.spend(size, "the concatenation (~)")
    return parts


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Every printed or captured expression counts, checked before it becomes text."""
    budget = CURRENT.get() or current_budget()
    kind = type(value)
    if kind is str:
        size = len(value)
    elif kind is int or kind is bool:
        size = 24
    else:
        size = text_size(value, budget.remaining)
    if size > budget.remaining:
        budget.afford(size, "printing this value")
    budget.remaining -= size
    return value


# ---------------------------------------------------------------------------------------------
# Operators, calls and format strings

# One %-conversion: mapping key, flags, width, precision, length modifier, conversion type.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")
_DIGITS = re.compile(r"\d+")


def _value_sizes(values: Any, cap: int) -> int:
    if isinstance(values, tuple):
        return max((text_size(v, cap) for v in values), default=0)
    if isinstance(values, Mapping):
        return max((text_size(v, cap) for v in values.values()), default=0)
    return text_size(values, cap)


def check_percent(budget: PageBudget, text: str, values: Any) -> None:
    """Refuse a ``%`` formatting whose widths, precisions or values build too much."""
    conversions = _PERCENT.findall(text)
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


def check_format_spec(budget: PageBudget, spec: str) -> None:
    """Refuse a ``str.format`` field whose width or precision builds too much."""
    size = sum(int(number) for number in _DIGITS.findall(spec))
    budget.afford(size, f"the format spec {spec[:40]!r}")


def _check_binop(budget: PageBudget, operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > _PRINTABLE_BITS:
                raise BoundExceeded(_number_message("*"))
            return
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and isinstance(sequence, str | list | tuple) and count > 0:
            budget.afford(len(sequence) * count, "the repetition (*)")
    elif operator == "**" and _power_too_large(left, right):
        raise BoundExceeded(_number_message("**"))
    elif operator == "%" and isinstance(left, str):
        check_percent(budget, left, right)


def _power_too_large(base: Any, exponent: Any) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)) or exponent <= 0:
        return False
    if abs(base) <= 1:
        return False
    # |base| ** exponent has at least exponent * (bits of |base| - 1) bits.
    return exponent > _PRINTABLE_BITS or exponent * (abs(base).bit_length() - 1) > _PRINTABLE_BITS


def _number_message(operator: str) -> str:
    return (
        f"number limit: the result of {operator} would have more than {PRINTABLE_DIGITS:,} "
        "digits, more than Python prints"
    )


def _width(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _occurrences(text: str, old: Any, count: Any) -> int:
    found = len(text) + 1 if old == "" else text.count(str(old))
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return found


def _check_str_method(budget: PageBudget, text: str, name: str, args: tuple[Any, ...]) -> None:
    """Methods of ``str`` whose result grows with an argument."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        budget.afford(_width(args[0]), f"str.{name}")
    elif name == "expandtabs":
        tab = _width(args[0]) if args else 8
        budget.afford(len(text) + text.count("\t") * tab, "str.expandtabs")
    elif name == "replace" and len(args) >= 2:
        grow = max(0, text_size(args[1], budget.remaining) - len(str(args[0])))
        found = _occurrences(text, args[0], args[2] if len(args) > 2 else -1)
        budget.afford(len(text) + found * grow, "str.replace")
    elif name == "translate" and args and isinstance(args[0], Mapping):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        budget.afford(len(text) * longest, "str.translate")


# ---------------------------------------------------------------------------------------------
# Filters

FilterCheck = Callable[[PageBudget, tuple[Any, ...], dict[str, Any]], None]


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else None


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


def _check_text(budget: PageBudget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Filters that turn their value into text of a similar size."""
    budget.afford(text_size(args[0], budget.remaining), "this filter")


_FILTER_CHECKS: dict[str, FilterCheck] = {
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
_TEXT_FILTERS = frozenset(
    {
        *("string", "escape", "e", "forceescape", "urlencode", "pprint", "striptags"),
        *("title", "capitalize", "upper", "lower", "trim", "truncate", "safe"),
        *("list", "reverse", "sort", "unique"),
    }
)


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with the page's checks; marked to take the context, which also keeps
    Jinja from running it at compile time (outside any page's budget)."""
    passes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)
    check = _FILTER_CHECKS.get(name) or (_check_text if name in _TEXT_FILTERS else None)
    label = f"the {name} filter"

    def bounded(context: Context, *args: Any, **kwargs: Any) -> Any:
        budget = CURRENT.get() or current_budget()
        if _clock() > budget.deadline:
            budget.tick()
        if check is _check_text and args and type(args[0]) is str:
            if len(args[0]) > budget.remaining:
                check(budget, args, kwargs)
        elif check is not None and args:
            check(budget, args, kwargs)
        if passes is None:
            result = function(*args, **kwargs)
        elif passes == "eval_context":
            result = function(context.eval_ctx, *args, **kwargs)
        elif passes == "environment":
            result = function(context.environment, *args, **kwargs)
        else:
            result = function(context, *args, **kwargs)
        return _account(result, label)

    update_wrapper(bounded, function)
    bounded.__dict__.pop("jinja_pass_arg", None)
    return pass_context(bounded)


def _bounded_lipsum(function: Callable[..., Any]) -> Callable[..., Any]:
    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        current_budget().afford(_width(n) * (_width(max) + 1) * 12, "lipsum()")
        return function(n, html, min, max)

    return update_wrapper(lipsum, function)


# ---------------------------------------------------------------------------------------------
# The environment and its code generator


def _literal_length(body: list[nodes.Node]) -> int:
    """Characters of literal text a loop body prints each iteration (nested loops, macros
    and call blocks count their own)."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif not isinstance(node, nodes.For | nodes.Macro | nodes.CallBlock):
            stack.extend(node.iter_child_nodes())
    return total


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every loop and ``~`` going through the page's checks."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("plating_loop"),
            [node.iter, nodes.Const(_literal_length(node.body))],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"{join}(environment.plating_parts((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write(")))")


class BoundedFormatter(_SandboxedFormatter):
    """``str.format`` in templates: the sandbox's formatter, with widths checked."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        budget = current_budget()
        check_format_spec(budget, format_spec)
        budget.afford(text_size(value, budget.remaining), "this format field")
        return super().format_field(value, format_spec)


class BoundedEscapeFormatter(BoundedFormatter, SandboxedEscapeFormatter):
    """``Markup.format`` in templates: the same checks, then the escaping formatter."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with every page held to the bounds of :mod:`plating.render.budget`."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        lipsum = self.globals.get("lipsum")
        if callable(lipsum):
            self.globals["lipsum"] = _bounded_lipsum(lipsum)
        self.plating_loop = _loop
        self.plating_parts = _parts

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if type(left) is int and type(right) is int:  # the common case: small numbers
            if operator == "*" and left.bit_length() + right.bit_length() > _PRINTABLE_BITS:
                raise BoundExceeded(_number_message("*"))
            if operator == "**" and _power_too_large(left, right):
                raise BoundExceeded(_number_message("**"))
            return self.binop_table[operator](left, right)
        budget = CURRENT.get() or current_budget()
        if _clock() > budget.deadline:
            budget.tick()
        _check_binop(budget, operator, left, right)
        result = self.binop_table[operator](left, right)
        size = _built_size(result)
        if size:
            budget.spend(size, f"the operator {operator}")
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if __obj is _loop:
            return _loop(*args)
        budget = CURRENT.get() or current_budget()
        if _clock() > budget.deadline:
            budget.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and type(__obj) in _METHOD_TYPES:
            name = __obj.__name__
            if name == "join" and args and not isinstance(args[0], str | list | tuple):
                args = (list(args[0]), *args[1:])  # counted as it is read, then measured
            if name == "join" and args:
                joined = text_size(args[0], budget.remaining)
                budget.afford(joined + len(owner) * len(args[0]), "str.join")
            _check_str_method(budget, owner, name, args)
        if isinstance(__obj, Macro):
            with nested_call(f"macro {__obj.name}", "a macro calls itself"):
                result = super().call(__context, __obj, *args, **kwargs)
        else:
            result = super().call(__context, __obj, *args, **kwargs)
        return _account(result, "this call")

    def getitem(self, obj: Any, argument: Any) -> Any:
        result = super().getitem(obj, argument)
        if type(argument) is slice:  # a slice is a new string or list
            size = _built_size(result)
            if size:
                current_budget().spend(size, "this slice")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if not isinstance(value, types.MethodType | types.BuiltinMethodType):
            return None
        text = value.__self__
        if value.__name__ not in ("format", "format_map") or not isinstance(text, str):
            return None
        formatter: _SandboxedFormatter = (
            BoundedEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else BoundedFormatter(self)
        )
        kind = type(text)
        mapping = value.__name__ == "format_map"

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            budget = current_budget()
            budget.tick()
            if mapping:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one positional argument")
                result = kind(formatter.vformat(text, (), args[0]))
            else:
                result = kind(formatter.vformat(text, args, kwargs))
            budget.spend(len(result), "str.format")
            return result

        return update_wrapper(bounded_format, value)
