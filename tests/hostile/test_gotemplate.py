"""Hostile Go templates: a cloned repository's ``*.md.tmpl`` may be written to hurt.

Every template, on any data, renders or fails with a ``TemplateError`` (never another
exception), within the page bounds: output size, time and template call depth. Fuzz
budgets are multiplied by ``PLATING_FUZZ_SCALE`` (``make fuzz``).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating.gotemplate import Template, TemplateError
from tests.hostile.helpers import scaled

FRAGMENTS = st.sampled_from(
    [
        "x",
        " ",
        "\n",
        "{{.}}",
        "{{.A}}",
        "{{.A.B}}",
        "{{$}}",
        "{{$x := .A}}",
        "{{$x}}",
        "{{if .A}}",
        "{{else}}",
        "{{else if .B}}",
        "{{end}}",
        "{{range .L}}",
        "{{range $i, $v := .M}}",
        "{{with .A}}",
        "{{break}}",
        "{{continue}}",
        '{{printf "%v|%d|%q|%x|%5.2f|%-*s|%[2]v" . .A .B .L 1.5 3}}',
        "{{len .L}}",
        "{{index .L 0}}",
        "{{index .M `k`}}",
        "{{slice .S 1}}",
        "{{eq .A .B}}",
        "{{lt .A 3}}",
        "{{and .A .B}}",
        "{{or .A .B}}",
        "{{not .}}",
        "{{html .S}}",
        "{{js .S}}",
        "{{urlquery .S}}",
        "{{print . .L}}",
        "{{println .M}}",
        '{{template "t" .}}',
        '{{define "t"}}[{{.}}]{{end}}',
        "{{- . -}}",
        "{{/* c */}}",
        "{{(.A).B}}",
        "{{call .F 1}}",
        "{{.A | printf}}",
        "{{ .S | len }}",
        "{{range 3}}",
        "{{$y := 0}}{{$y = .A}}",
        "{{",
        "}}",
        "(",
        '"',
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.binary(max_size=4)
)
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["A", "B", "L", "M", "S", "k", "F"]), inner, max_size=4)
    ),
    max_leaves=10,
)
EXAMPLES = scaled(400)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments=st.lists(FRAGMENTS, max_size=14), data=DATA)
def test_any_template_on_any_data_renders_or_fails_cleanly(fragments: list[str], data: Any) -> None:
    text = "".join(fragments)
    try:
        out = Template("t").parse(text).execute(data, max_output=20_000, time_limit=2.0)
    except TemplateError as error:
        assert str(error).startswith("template: ")
        assert "internal error" not in str(error)
    else:
        assert isinstance(out, str)
        assert len(out.encode("utf-8", "surrogateescape")) <= 20_000


HOSTILE = [
    ("endless range", "{{range 1000000000000}}{{end}}", "time limit"),
    (
        "output bomb",
        "{{range 1000000000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}",
        "output exceeds",
    ),
    (
        "doubling string",
        '{{$x := "ab"}}{{range 64}}{{$x = printf "%s%s" $x $x}}{{end}}',
        "exceeds the output limit",
    ),
    ("huge width", '{{printf "%9999999d" 1}}', "exceeds the output limit"),
    (
        "recursion",
        '{{define "r"}}{{template "r" .}}{{template "r" .}}{{end}}{{template "r" .}}',
        "maximum template depth",
    ),
    (
        "exponential calls",
        '{{define "r"}}{{if .}}{{template "r" (slice . 1)}}{{template "r" (slice . 1)}}{{end}}'
        '{{end}}{{template "r" (slice "0123456789012345678901234567890123456789" 0)}}',
        "time limit",
    ),
    ("deep parens", "{{" + "(" * 5000 + "1" + ")" * 5000 + "}}", "max expression depth"),
    ("deep nesting", "{{if 1}}" * 5000 + "{{end}}" * 5000, "nested more than"),
    ("unterminated", "{{" + '"' * 1 + "x" * 100000, "unterminated quoted string"),
]


@pytest.mark.parametrize(("name", "text", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_templates_stop_at_a_bound(name: str, text: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        Template("t").parse(text).execute(None, max_output=1_000_000, time_limit=1.0)
    assert message in str(caught.value)
    assert time.monotonic() - started < 30
