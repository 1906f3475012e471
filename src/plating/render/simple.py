"""A fast path for the templates most bundles have: text with ``{{ name }}`` and
``{{ function("argument") }}`` and nothing else.

Loading a compiled Jinja template costs two file reads and an unmarshal per template, and
most templates are only literal Markdown around ``{{ example("example") }}`` and
``{{ schema() }}``. Such a template is rendered here by substitution, with exactly Jinja's
output (a property test holds the two against each other). Anything else, and anything that
would fail, returns ``None`` so that Jinja renders it and reports the error as it does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from plating.errors import RenderError
from plating.render.page_budget import BoundExceeded

# One expression: a bare name, or a call with no argument or one simple string literal.
_EXPRESSION = re.compile(
    r"""\{\{[ \t\n]*(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t\n]*"""
    r"""(?P<call>\([ \t\n]*(?:(?P<arg>"[^"\\\n]*"|'[^'\\\n]*')[ \t\n]*)?\))?[ \t\n]*\}\}"""
)
# What would make Jinja read the text differently: any other tag, comment or expression.
_JINJA_SYNTAX = ("{{", "{%", "{#")
_NEWLINES = re.compile(r"\r\n|\r")
# Values Jinja prints exactly as str() does.
_PRINTABLE = (str, bool, int)

Part = str | tuple[str, str | None, bool]  # literal text, or (name, argument, is a call)


def parse(source: str) -> list[Part] | None:
    """The template's literal parts and expressions, or ``None`` when it needs Jinja."""
    parts: list[Part] = []
    position = 0
    for match in _EXPRESSION.finditer(source):
        literal = source[position : match.start()]
        # A "{" right before the expression makes Jinja's "{{" start one character earlier.
        if any(token in literal for token in _JINJA_SYNTAX) or literal.endswith("{"):
            return None
        if literal:
            parts.append(_NEWLINES.sub("\n", literal))  # Jinja normalizes template newlines
        argument = match.group("arg")
        parts.append(
            (match.group("name"), argument[1:-1] if argument else None, bool(match["call"]))
        )
        position = match.end()
    tail = source[position:]
    if any(token in tail for token in _JINJA_SYNTAX):
        return None
    if tail:
        parts.append(_NEWLINES.sub("\n", tail))
    return parts


def render(source: str, variables: Mapping[str, Any]) -> str | None:
    """Render ``source`` as Jinja would, or ``None`` when it needs Jinja (other syntax, an
    unknown name, a value Jinja would print differently, or a function that fails)."""
    parts = parse(source)
    if parts is None:
        return None
    for part in parts:  # check every expression before calling any function
        if isinstance(part, tuple):
            name, _argument, is_call = part
            if name not in variables:
                return None
            value = variables[name]
            if is_call != callable(value) or (not is_call and not isinstance(value, _PRINTABLE)):
                return None
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        name, argument, is_call = part
        value = variables[name]
        if is_call:
            function: Callable[..., Any] = value
            try:
                result = function() if argument is None else function(argument)
            except (RenderError, BoundExceeded):
                raise  # already says where; Jinja would only run the function again
            except Exception:  # Jinja reports it with the template line
                return None
            if not isinstance(result, str):
                return None
            out.append(result)
        else:
            out.append(str(value))
    return "".join(out)
