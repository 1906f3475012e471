"""Functions callable from templates: Go's builtins, and the description of any function.

A function is described by its parameters' Go types (``Func``): the executor checks the
number of arguments and converts constants as Go does (``printf 3`` is "expected string;
found 3"). A Python function's parameters get their types from its annotations (``str`` is
``string``, ``int``, ``float``, ``bool``, ``list[...]``, ``dict[...]``, anything else
``interface {}``); positional parameters without a default are required, those with one
may be given (so ``str.strip`` serves as ``trimspace`` and ``str.split`` as ``split``) and
``*args`` is Go's ``...``. A function that raises stops the template with
``error calling NAME: MESSAGE``.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from plating.gotemplate import values as gv
from plating.gotemplate.printing import sprint, sprintf, sprintln
from plating.gotemplate.strconv import byte_len, from_go_bytes, go_bytes, is_print


class FuncError(Exception):
    """A builtin's failure; the executor reports it as ``error calling NAME: MESSAGE``."""


@dataclass(frozen=True)
class ArgType:
    """The Go type of a parameter: its name, whether nil fits, and which values do."""

    name: str
    nillable: bool
    accepts: Callable[[Any], bool] | None = None  # None: any value (interface {})
    constant: str = "any"  # which literal fits: any, string, int, float, bool, complex, none


ANY = ArgType("interface {}", True)
STRING = ArgType("string", False, lambda v: isinstance(v, str), "string")
INT = ArgType("int", False, lambda v: isinstance(v, int) and not isinstance(v, bool), "int")
FLOAT = ArgType("float64", False, lambda v: isinstance(v, float), "float")
BOOL = ArgType("bool", False, lambda v: isinstance(v, bool), "bool")
COMPLEX = ArgType("complex128", False, lambda v: isinstance(v, complex), "complex")


@dataclass(frozen=True)
class Func:
    """A function as templates call it."""

    name: str
    call: Callable[..., Any]
    params: tuple[ArgType, ...]
    variadic: ArgType | None = None
    builtin: bool = False
    optional: tuple[ArgType, ...] = ()  # positional parameters with a Python default
    #: The one number of arguments it takes, or -1 when it takes a range of them.
    exact: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        exact = len(self.params) if self.variadic is None and not self.optional else -1
        object.__setattr__(self, "exact", exact)

    def arg_type(self, position: int) -> ArgType:
        """The type of the argument at ``position`` (within the accepted count)."""
        if position < len(self.params):
            return self.params[position]
        position -= len(self.params)
        if position < len(self.optional):
            return self.optional[position]
        return self.variadic or ANY

    def arity_error(self, count: int) -> str | None:
        """Go's complaint when ``count`` arguments do not fit (None when they do)."""
        fixed = len(self.params)
        if self.variadic is not None:
            return f"want at least {fixed}" if count < fixed else None
        if count < fixed:
            return f"want {fixed}"
        if count > fixed + len(self.optional):
            return f"want {fixed + len(self.optional)}"
        return None


def _arg_type(annotation: Any) -> ArgType:
    simple = {str: STRING, int: INT, float: FLOAT, bool: BOOL, complex: COMPLEX}
    if annotation in simple:
        return simple[annotation]
    name = gv._annotation_name(annotation)
    if name.startswith("[]"):
        return ArgType(name, True, lambda v: gv.kind(v) in (gv.SLICE, gv.BYTES), "none")
    if name.startswith("map["):
        return ArgType(name, True, lambda v: gv.kind(v) == gv.MAP, "none")
    return ANY


def is_good_name(name: str) -> bool:
    """Go's rule for function names: a letter or underscore, then letters, digits, ``_``."""
    if not name:
        return False
    return all(
        ch == "_" or ch.isalpha() or (index and ch.isdecimal()) for index, ch in enumerate(name)
    )


_DESCRIBED: dict[tuple[str, Any], Func] = {}


def describe(name: str, function: Callable[..., Any]) -> Func:
    """The ``Func`` for a Python callable; a ``ValueError`` when templates cannot call it.

    Descriptions are remembered (a run gives the same functions to every template it parses).
    """
    try:
        return _DESCRIBED[(name, function)]
    except (KeyError, TypeError):
        pass
    described = _describe(name, function)
    try:
        if len(_DESCRIBED) < 1024:
            _DESCRIBED[(name, function)] = described
    except TypeError:  # an unhashable callable is described every time
        pass
    return described


def _describe(name: str, function: Callable[..., Any]) -> Func:
    if not is_good_name(name):
        raise ValueError(f"function name {name!r} is not a valid identifier")
    if not callable(function):
        raise ValueError(f"value for {name} not a function")
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return Func(name, function, (), ANY)
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # annotations that do not resolve: interface {} for all
        hints = {}
    params: list[ArgType] = []
    optional: list[ArgType] = []
    variadic: ArgType | None = None
    for param in signature.parameters.values():
        if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
            target = params if param.default is param.empty else optional
            target.append(_arg_type(hints.get(param.name)))
        elif param.kind == param.VAR_POSITIONAL:
            variadic = _arg_type(hints.get(param.name))
        elif param.kind == param.KEYWORD_ONLY and param.default is param.empty:
            raise ValueError(f"function {name} has a keyword-only parameter {param.name}")
    if variadic is not None:
        params += optional  # Go's ... follows the fixed parameters
        optional = []
    return Func(name, function, tuple(params), variadic, optional=tuple(optional))


# -- builtins -------------------------------------------------------------------------------


def _truth(value: Any) -> bool:
    return gv.is_true(value)


def _not(value: Any) -> bool:
    return not gv.is_true(value)


def _length(value: Any) -> int:
    if value is None:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    found = gv.kind(value)
    if found == gv.STRING:
        return byte_len(value)
    if found in (gv.BYTES, gv.SLICE, gv.MAP):
        return len(value)
    raise FuncError(f"len of type {gv.type_name(value)}")


def _index_arg(index: Any, cap: int) -> int:
    if index is None:
        raise FuncError("cannot index slice/array with nil")
    if gv.kind(index) != gv.INT:
        raise FuncError(f"cannot index slice/array with type {gv.type_name(index)}")
    if index < 0 or index > cap:
        raise FuncError(f"index out of range: {index}")
    return int(index)


def _map_key_type(mapping: Mapping[Any, Any]) -> str:
    names = {gv.type_name(key) for key in mapping}
    if not names:
        return "string"
    return names.pop() if len(names) == 1 else "interface {}"


def _index(item: Any, *indexes: Any) -> Any:
    if item is None:
        raise FuncError("index of untyped nil")
    for index in indexes:
        if item is None:
            raise FuncError("index of nil pointer")
        found = gv.kind(item)
        if found == gv.STRING:
            data = item.encode("ascii") if item.isascii() else go_bytes(item)
            position = _index_arg(index, len(data))
            if position == len(data):
                raise FuncError("reflect: string index out of range")
            item = data[position]
        elif found in (gv.SLICE, gv.BYTES):
            sequence = gv.elements(item) if found == gv.SLICE else item
            position = _index_arg(index, len(sequence))
            if position == len(sequence):
                raise FuncError("reflect: slice index out of range")
            item = sequence[position]
        elif found == gv.MAP:
            key_type = _map_key_type(item)
            if index is None:
                if key_type != "interface {}":
                    raise FuncError(f"value is nil; should be of type {key_type}")
            elif key_type != "interface {}" and gv.type_name(index) != key_type:
                raise FuncError(f"value has type {gv.type_name(index)}; should be {key_type}")
            try:
                item = item[index] if index in item else gv.map_zero(item)
            except TypeError:  # an unhashable key is never present
                item = gv.map_zero(item)
        else:
            raise FuncError(f"can't index item of type {gv.type_name(item)}")
    return item


def _slice(item: Any, *indexes: Any) -> Any:
    if item is None:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError(f"too many slice indexes: {len(indexes)}")
    found = gv.kind(item)
    if found == gv.STRING:
        if len(indexes) == 3:
            raise FuncError("cannot 3-index slice a string")
        data: Any = go_bytes(item)
    elif found in (gv.SLICE, gv.BYTES):
        data = gv.elements(item) if found == gv.SLICE else item
    else:
        raise FuncError(f"can't slice item of type {gv.type_name(item)}")
    bounds = [0, len(data), len(data)]
    for position, index in enumerate(indexes):
        bounds[position] = _index_arg(index, len(data))
    if bounds[0] > bounds[1]:
        raise FuncError(f"invalid slice index: {bounds[0]} > {bounds[1]}")
    if len(indexes) == 3 and bounds[1] > bounds[2]:
        raise FuncError(f"invalid slice index: {bounds[1]} > {bounds[2]}")
    part = data[bounds[0] : bounds[1]]
    if found == gv.STRING:
        return from_go_bytes(part)
    return tuple(part) if isinstance(item, tuple) else part


def _basic_kind(value: Any) -> str:
    found = gv.kind(value)
    return found if found in (gv.BOOL, gv.INT, gv.FLOAT, gv.COMPLEX, gv.STRING) else ""


def _comparable(value: Any) -> bool:
    return gv.kind(value) not in (gv.SLICE, gv.MAP, gv.FUNC, gv.BYTES)


def _eq(first: Any, *others: Any) -> bool:
    if not others:
        raise FuncError("missing argument for comparison")
    kind1 = _basic_kind(first)
    for other in others:
        kind2 = _basic_kind(other)
        if kind1 != kind2:
            if first is not None and other is not None:
                raise FuncError(
                    "incompatible types for comparison: "
                    f"{gv.type_name(first)} and {gv.type_name(other)}"
                )
            continue
        if kind1:
            if first == other:
                return True
            continue
        if first is None or other is None:
            if first is None and other is None:
                return True
            continue
        if gv.kind(first) != gv.kind(other):
            raise FuncError(
                f"non-comparable types {sprint([first])}: {gv.type_name(first)}, "
                f"{gv.type_name(other)}: {sprint([other])}"
            )
        if not _comparable(other):
            raise FuncError(f"non-comparable type {sprint([other])}: {gv.type_name(other)}")
        if first == other:
            return True
    return False


def _ne(first: Any, second: Any) -> bool:
    return not _eq(first, second)


def _lt(first: Any, second: Any) -> bool:
    kind1, kind2 = _basic_kind(first), _basic_kind(second)
    if not kind1 or not kind2:
        raise FuncError("invalid type for comparison")
    if kind1 != kind2:
        raise FuncError(
            f"incompatible types for comparison: {gv.type_name(first)} and {gv.type_name(second)}"
        )
    if kind1 in (gv.BOOL, gv.COMPLEX):
        raise FuncError("invalid type for comparison")
    return bool(first < second)


def _le(first: Any, second: Any) -> bool:
    return _lt(first, second) or _eq(first, second)


def _gt(first: Any, second: Any) -> bool:
    return not _le(first, second)


def _ge(first: Any, second: Any) -> bool:
    return not _lt(first, second)


def _eval_args(args: tuple[Any, ...]) -> str:
    """The text of html/js/urlquery arguments: a missing value reads ``<no value>``."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return sprint(["<no value>" if arg is None else arg for arg in args])


_HTML = {"\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def html_escape(text: str) -> str:
    """Go's ``template.HTMLEscapeString``."""
    if not any(ch in text for ch in "\0\"'&<>"):
        return text
    return "".join(_HTML.get(ch, ch) for ch in text)


_JS = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "<": "\\u003C",
    ">": "\\u003E",
    "&": "\\u0026",
    "=": "\\u003D",
}


def js_escape(text: str) -> str:
    """Go's ``template.JSEscapeString``."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        special = _JS.get(ch)
        if special is not None:
            out.append(special)
        elif code < 0x20:
            out.append(f"\\u00{code:02X}")
        elif code < 0x80 or "\udc80" <= ch <= "\udcff" or is_print(ch):
            out.append(ch)
        else:
            out.append(f"\\u{code:04X}")
    return "".join(out)


def _html(*args: Any) -> str:
    return html_escape(_eval_args(args))


def _js(*args: Any) -> str:
    return js_escape(_eval_args(args))


def _urlquery(*args: Any) -> str:
    from urllib.parse import quote_plus

    return quote_plus(_eval_args(args), safe="", encoding="utf-8", errors="surrogateescape")


def _print(*args: Any) -> str:
    return sprint(args)


def _println(*args: Any) -> str:
    return sprintln(args)


def _printf(fmt: str, *args: Any) -> str:
    return sprintf(fmt, args)


def _short_circuit(*args: Any) -> Any:
    raise AssertionError("and/or are evaluated by the executor")  # pragma: no cover


def _builtin(
    name: str, call: Callable[..., Any], params: int, variadic: bool = False, first: ArgType = ANY
) -> Func:
    types = (first,) + (ANY,) * (params - 1) if params else ()
    return Func(name, call, types, ANY if variadic else None, builtin=True)


BUILTINS: dict[str, Func] = {
    func.name: func
    for func in (
        _builtin("and", _short_circuit, 1, True),
        _builtin("or", _short_circuit, 1, True),
        _builtin("call", _short_circuit, 1, True),
        _builtin("not", _not, 1),
        _builtin("len", _length, 1),
        _builtin("index", _index, 1, True),
        _builtin("slice", _slice, 1, True),
        _builtin("print", _print, 0, True),
        _builtin("println", _println, 0, True),
        _builtin("printf", _printf, 1, True, STRING),
        _builtin("html", _html, 0, True),
        _builtin("js", _js, 0, True),
        _builtin("urlquery", _urlquery, 0, True),
        _builtin("eq", _eq, 1, True),
        _builtin("ne", _ne, 2),
        _builtin("lt", _lt, 2),
        _builtin("le", _le, 2),
        _builtin("gt", _gt, 2),
        _builtin("ge", _ge, 2),
    )
}


def prepare_arg(value: Any, arg_type: ArgType) -> str | None:
    """Why ``value`` cannot be passed as ``arg_type`` by ``call`` (None when it can)."""
    if value is None:
        return None if arg_type.nillable else f"value is nil; should be of type {arg_type.name}"
    if arg_type.accepts is None or arg_type.accepts(value):
        return None
    return f"value has type {gv.type_name(value)}; should be {arg_type.name}"


def call_function(callee_name: str, function: Any, args: list[Any]) -> Any:
    """The builtin ``call``: run a function value found in the data with arguments."""
    if function is None:
        raise FuncError("call of nil")
    if gv.kind(function) != gv.FUNC:
        raise FuncError(f"non-function {callee_name} of type {gv.type_name(function)}")
    spec = describe("call", function)
    wanted = spec.arity_error(len(args))
    if wanted is not None:
        raise FuncError(f"wrong number of args for {callee_name}: got {len(args)} {wanted}")
    for position, arg in enumerate(args):
        problem = prepare_arg(arg, spec.arg_type(position))
        if problem is not None:
            raise FuncError(f"arg {position}: {problem}")
    return function(*args)
