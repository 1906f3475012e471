"""Go's ``text/template`` in Python, for tfplugindocs templates that must render byte for byte.

    from plating.gotemplate import Template, TemplateError, ParseError, ExecError

    page = Template("resources.md.tmpl").funcs({"lower": str.lower}).parse(text)
    output = page.execute(data)

The package is shaped like Go's: ``lex`` (tokens), ``nodes`` and ``parse`` (trees), ``exec``
(walking a tree) and ``evaluate`` (pipelines, fields, calls), ``funcs`` (builtins),
``printing`` and ``formatting`` (``fmt``), ``strconv`` (literals, quoting, float printing),
``values`` (Python data as Go values) and ``template`` (the API).
Executions are bounded by ``plating.render.budget``: output size, time and call depth.
"""

from __future__ import annotations

from plating.gotemplate.errors import ExecError, ParseError, TemplateError
from plating.gotemplate.funcs import html_escape, js_escape
from plating.gotemplate.template import Template

__all__ = [
    "ExecError",
    "ParseError",
    "Template",
    "TemplateError",
    "html_escape",
    "js_escape",
]
