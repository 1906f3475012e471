"""Function signatures and argument lists, as the Registry's function pages show them."""

from __future__ import annotations

from plating.render.types import type_friendly, type_title
from plating.schema.model import Function, Parameter


def signature_line(name: str, function: Function) -> str:
    """``name(a string, rest number...) string``: one bare line."""
    params = [f"{p.name} {type_friendly(p.type)}" for p in function.parameters]
    variadic = function.variadic_parameter
    if variadic is not None:
        params.append(f"{variadic.name} {type_friendly(variadic.type)}...")
    return f"{name}({', '.join(params)}) {type_friendly(function.return_type)}"


def render_signature(name: str, function: Function) -> str:
    """The signature in a fenced ``text`` block."""
    return f"```text\n{signature_line(name, function)}\n```\n"


def _argument_line(param: Parameter, *, variadic: bool) -> str:
    type_text = type_title(param.type)
    if variadic:
        type_text = "Variadic, " + type_text
    if param.allow_null_value:
        type_text += ", Nullable"
    line = f"1. `{param.name}` ({type_text})"
    description = param.description.strip()
    return f"{line} {description}\n" if description else f"{line}\n"


def render_arguments(function: Function) -> str:
    """The numbered list of fixed parameters (empty text for none)."""
    return "".join(_argument_line(p, variadic=False) for p in function.parameters)


def render_variadic(function: Function) -> str:
    """The variadic parameter line, or empty text when the function has none."""
    if function.variadic_parameter is None:
        return ""
    return _argument_line(function.variadic_parameter, variadic=True)
