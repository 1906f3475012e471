"""Jinja within the page bounds of :mod:`plating.render.budget`.

A template from a pull request must not be able to exhaust the memory or the time of the
machine that builds the docs. Every page rendered with Jinja gets a :class:`PageBudget`:

- **output**: a page's text is at most ``PAGE_OUTPUT_LIMIT`` characters, and so is all the
  text it *builds* on the way: every printed or captured expression (macros, ``{% set %}``
  blocks), every string, list or slice an operator, filter or method returns, and every loop
  iteration (its literal text, and at least one unit). Operations whose size depends on an
  argument (``"x" * n``, ``"%09999d" % 1``, ``"{:>9999}".format(1)``, ``center``,
  ``indent``, ``replace``, ``join``, ``wordwrap``, ``tojson(indent=...)``, ``batch``,
  ``slice``, ``lipsum``, ``sum`` of lists, ``int.to_bytes``, the same methods of
  ``bytes``, ...) are checked *before* they build anything
  (:mod:`plating.render.operation_bounds`), so memory stays within a small multiple of the
  limit;
- **numbers**: ``*`` and ``**`` on integers stop before a result Python could not print
  (``sys.int_info.default_max_str_digits`` digits), and so does any call or filter that
  returns such an integer (``int(base=16)``, ``int.from_bytes``), so no single operation on
  the page's numbers runs for long;
- **time**: ``PAGE_TIME_LIMIT`` seconds for the page, partials included, checked at every
  loop iteration, call, operator and filter;
- **depth**: ``CALL_DEPTH_LIMIT`` nested macro calls and ``render()`` partials.

A page past a bound raises :class:`BoundExceeded`; the renderer reports it with the
template, its line and the component.
"""

from __future__ import annotations

import time
import types
from collections.abc import Callable, Iterable, Iterator
from functools import update_wrapper
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter
from jinja2.sandbox import SandboxedFormatter as _SandboxedFormatter
from jinja2.utils import pass_context
from markupsafe import Markup

from plating.render.operation_bounds import (
    FILTER_CHECKS,
    PRINTABLE_BITS,
    TEXT_FILTERS,
    bounded_lipsum,
    bounded_sum,
    check_binop,
    check_format_spec,
    check_method,
    check_text,
    number_message,
    power_too_large,
)
from plating.render.page_budget import (
    CURRENT,
    BoundExceeded,
    current_budget,
    nested_call,
    text_size,
)

#: Compiled templates carry these checks: bump when the generated code changes.
CODE_REVISION = "bounded-1"
_clock = time.monotonic


_METHOD_TYPES = frozenset({types.BuiltinMethodType, types.MethodType})
_SIZED = frozenset({str, Markup, list, tuple, dict, set, frozenset, bytes})
_METHOD_OWNERS = (str, bytes, int)  # whose methods operation_bounds.check_method prices
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
        if kind is int and value.bit_length() > PRINTABLE_BITS:  # int(base=16), from_bytes
            raise BoundExceeded(number_message(what, "has"))
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
# Filters


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with the page's checks; marked to take the context, which also keeps
    Jinja from running it at compile time (outside any page's budget)."""
    passes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)
    check = FILTER_CHECKS.get(name) or (check_text if name in TEXT_FILTERS else None)
    label = f"the {name} filter"

    def bounded(context: Context, *args: Any, **kwargs: Any) -> Any:
        budget = CURRENT.get() or current_budget()
        if _clock() > budget.deadline:
            budget.tick()
        if check is check_text and args and type(args[0]) is str:
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
    """``str.format`` in templates: the sandbox's formatter, with widths checked and the
    fields of one call counted together (a field used many times is built each time)."""

    #: Characters the current call may build so far (set by each call).
    built = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        budget = current_budget()
        self.built += check_format_spec(budget, format_spec) + text_size(value, budget.remaining)
        budget.afford(self.built, "the format fields")
        return super().format_field(value, format_spec)


class BoundedEscapeFormatter(BoundedFormatter, SandboxedEscapeFormatter):
    """``Markup.format`` in templates: the same checks, then the escaping formatter."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with every page held to the bounds of :mod:`plating.render.budget`."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        filters = dict(self.filters)
        if "sum" in filters:
            filters["sum"] = bounded_sum(filters["sum"])
        self.filters = {name: _bounded_filter(name, f) for name, f in filters.items()}
        lipsum = self.globals.get("lipsum")
        if callable(lipsum):
            self.globals["lipsum"] = bounded_lipsum(lipsum)
        self.plating_loop = _loop
        self.plating_parts = _parts

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if type(left) is int and type(right) is int:  # the common case: small numbers
            if operator == "*" and left.bit_length() + right.bit_length() > PRINTABLE_BITS:
                raise BoundExceeded(number_message("*"))
            if operator == "**" and power_too_large(left, right):
                raise BoundExceeded(number_message("**"))
            return self.binop_table[operator](left, right)
        budget = CURRENT.get() or current_budget()
        if _clock() > budget.deadline:
            budget.tick()
        check_binop(budget, operator, left, right)
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
        if type(__obj) in _METHOD_TYPES and isinstance(owner, _METHOD_OWNERS):
            args = check_method(budget, owner, __obj.__name__, args, kwargs)
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
        formatter: BoundedFormatter = (
            BoundedEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else BoundedFormatter(self)
        )
        kind = type(text)
        mapping = value.__name__ == "format_map"

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            budget = current_budget()
            budget.tick()
            formatter.built = len(text)
            if mapping:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one positional argument")
                result = kind(formatter.vformat(text, (), args[0]))
            else:
                result = kind(formatter.vformat(text, args, kwargs))
            budget.spend(len(result), "str.format")
            return result

        return update_wrapper(bounded_format, value)
