"""Python data seen as Go values: kinds, type names, truth, struct fields, map order.

None is Go's untyped nil (an invalid ``reflect.Value``); bool, int, float, complex and str
are Go's basic types; bytes is ``[]uint8``; a list, tuple or set is a slice; a mapping is a
map; a function is a func; any other object is a struct whose fields are its attributes.
As in Go, only names that start with an upper-case letter are exported (reachable from a
template); a class may name its Go type with a ``__go_type__`` string attribute.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import types
import typing
from collections.abc import Mapping
from typing import Any

INVALID = "invalid"
BOOL = "bool"
INT = "int"
FLOAT = "float"
COMPLEX = "complex"
STRING = "string"
BYTES = "bytes"
SLICE = "slice"
MAP = "map"
FUNC = "func"
STRUCT = "struct"

_EXACT_KINDS: dict[type, str] = {
    type(None): INVALID,
    bool: BOOL,
    int: INT,
    float: FLOAT,
    complex: COMPLEX,
    str: STRING,
    bytes: BYTES,
    bytearray: BYTES,
    list: SLICE,
    tuple: SLICE,
    set: SLICE,
    frozenset: SLICE,
    dict: MAP,
    types.FunctionType: FUNC,
    types.BuiltinFunctionType: FUNC,
    types.MethodType: FUNC,
    functools.partial: FUNC,
}


def kind(value: object) -> str:
    """The Go kind of a Python value (one of the module's kind constants)."""
    found = _EXACT_KINDS.get(type(value))
    if found is None:
        found = _kind_of_type(value)
        if len(_EXACT_KINDS) < 4096:
            _EXACT_KINDS[type(value)] = found
    return found


def _kind_of_type(value: object) -> str:
    for base, name in (
        (bool, BOOL),
        (int, INT),
        (float, FLOAT),
        (complex, COMPLEX),
        (str, STRING),
        ((bytes, bytearray), BYTES),
        ((list, tuple, set, frozenset), SLICE),
        (Mapping, MAP),
    ):
        if isinstance(value, base):
            return name
    if inspect.isroutine(value):
        return FUNC
    return STRUCT


def elements(value: Any) -> list[Any]:
    """The elements of a slice value, in order (a set's sorted when it can be)."""
    if isinstance(value, set | frozenset):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    return list(value)


def exported(name: str) -> bool:
    """Go's rule: a field or method is reachable when its name starts upper-case."""
    return name[:1].isupper()


# -- truth ----------------------------------------------------------------------------------


def is_true(value: Any) -> bool:
    """Go's truth for if, with, and, or, not: the zero value and empties are false."""
    if value is None:
        return False
    cls = type(value)
    if cls is bool:
        return bool(value)
    if cls is str or cls is list or cls is dict or cls is tuple:
        return len(value) > 0
    if cls is int or cls is float or cls is complex:
        return bool(value != 0)
    found = kind(value)
    if found in (STRING, BYTES, SLICE, MAP):
        return len(value) > 0
    if found in (BOOL, INT, FLOAT, COMPLEX):
        return bool(value != 0)
    return True  # funcs and structs


# -- structs --------------------------------------------------------------------------------


def struct_fields(value: Any) -> list[tuple[str, Any]]:
    """A struct's fields in declaration order, as ``%v`` prints them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
    names: list[str] = []
    for cls in reversed(type(value).__mro__):
        for slot in getattr(cls, "__slots__", ()):
            if isinstance(slot, str) and not slot.startswith("__") and slot not in names:
                names.append(slot)
    fields = [(name, getattr(value, name)) for name in names if hasattr(value, name)]
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        fields += [(name, v) for name, v in attributes.items() if not name.startswith("_")]
    return fields


def is_method(value: object, owner: object) -> bool:
    """Whether an attribute fetched from ``owner`` is one of its methods (not a field)."""
    if isinstance(value, types.MethodType):
        return value.__self__ is owner
    return isinstance(value, types.BuiltinMethodType) and value.__self__ is owner


def map_zero(mapping: Mapping[Any, Any]) -> Any:
    """The zero value of a map's elements: a map whose values share one basic type stands
    for Go's ``map[K]int`` (zero ``0``) and the like, any other for ``map[K]interface{}``
    (zero nil)."""
    kinds = {kind(value) for value in mapping.values()}
    if len(kinds) != 1:
        return None
    return _ZEROS.get(kinds.pop())


_ZEROS: dict[str, Any] = {BOOL: False, INT: 0, FLOAT: 0.0, COMPLEX: 0j, STRING: ""}


# -- map order ------------------------------------------------------------------------------


def _mixed_key(key: Any) -> tuple[int, str, Any]:
    if key is None:
        return (0, "", 0)
    if isinstance(key, float) and math.isnan(key):
        return (1, "", 0)
    if isinstance(key, bool | int | float):
        return (2, "", key)
    return (3, type_name(key), key if isinstance(key, str) else repr(key))


def sorted_keys(value: Mapping[Any, Any]) -> list[Any]:
    """Map keys in Go's printing and ``range`` order (``fmtsort``): ordered by value."""
    keys = list(value)
    try:
        keys.sort()
    except TypeError:
        keys.sort(key=_mixed_key)
    else:
        if any(isinstance(k, float) and math.isnan(k) for k in keys):
            keys.sort(key=_mixed_key)
    return keys


# -- type names -----------------------------------------------------------------------------

_BASIC_NAMES = {
    BOOL: "bool",
    INT: "int",
    FLOAT: "float64",
    COMPLEX: "complex128",
    STRING: "string",
    BYTES: "[]uint8",
}
_ANY = "interface {}"


def _common_type(values: typing.Iterable[Any]) -> str:
    names = {type_name(v) if v is not None else _ANY for v in values}
    return names.pop() if len(names) == 1 else _ANY


def type_name(value: Any) -> str:
    """Go's name of the value's type, as ``%T`` and error messages print it."""
    found = kind(value)
    if found == INVALID:
        return "<nil>"
    basic = _BASIC_NAMES.get(found)
    if basic is not None:
        return basic
    if found == SLICE:
        return "[]" + _common_type(elements(value))
    if found == MAP:
        return f"map[{_common_type(value.keys())}]{_common_type(value.values())}"
    if found == FUNC:
        return _func_type_name(value)
    declared = getattr(type(value), "__go_type__", None)
    if isinstance(declared, str):
        return declared
    return _class_type_name(type(value))


_CLASS_NAMES: dict[type, str] = {}


def _class_type_name(cls: type) -> str:
    """A dataclass is an anonymous struct (as tfplugindocs' data), a class ``pkg.Name``."""
    known = _CLASS_NAMES.get(cls)
    if known is not None:
        return known
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        parts = [f"{f.name} {_annotation_name(hints.get(f.name))}" for f in dataclasses.fields(cls)]
        name = "struct { " + "; ".join(parts) + " }" if parts else "struct {}"
    else:
        name = f"{cls.__module__.rpartition('.')[2]}.{cls.__qualname__}"
    if len(_CLASS_NAMES) < 1024:
        _CLASS_NAMES[cls] = name
    return name


def _hints(target: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(target)
    except Exception:  # unresolvable annotations: treated as interface {}
        return {}


def _annotation_name(annotation: Any) -> str:
    """Go's type name for a Python annotation (``interface {}`` when it has none)."""
    simple = {bool: "bool", int: "int", float: "float64", complex: "complex128", str: "string"}
    if annotation in simple:
        return simple[annotation]
    if annotation in (bytes, bytearray):
        return "[]uint8"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple, set, frozenset) or _is_abc(origin, "Sequence"):
        inner = args[0] if args and (origin is not tuple or args[-1] is Ellipsis) else None
        return "[]" + _annotation_name(inner)
    if origin is dict or _is_abc(origin, "Mapping"):
        key, val = args if len(args) == 2 else (None, None)
        return f"map[{_annotation_name(key)}]{_annotation_name(val)}"
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _class_type_name(typing.cast(type, annotation))
    return _ANY


def _is_abc(origin: Any, name: str) -> bool:
    return getattr(origin, "__name__", "") == name and getattr(origin, "__module__", "") in (
        "collections.abc",
        "typing",
    )


def _func_type_name(value: Any) -> str:
    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):
        return "func(...interface {}) interface {}"
    hints = _hints(value)
    params: list[str] = []
    for param in signature.parameters.values():
        name = _annotation_name(hints.get(param.name))
        if param.kind == param.VAR_POSITIONAL:
            params.append("..." + name)
        elif param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
            params.append(name)
    result = _annotation_name(hints.get("return"))
    return f"func({', '.join(params)}) {result}"
