"""The substitution fast path renders exactly what Jinja renders, or steps aside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plating.errors import RenderError
from plating.render import simple
from plating.render.env import TemplateEnvironment


def _jinja(source: str, variables: dict[str, Any]) -> str:
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    return env.from_string(source).render(variables)


def _variables() -> dict[str, Any]:
    return {
        "name": "demo_thing",
        "description": "Line one.\r\nLine {{ two }}\n",
        "has_variadic": False,
        "schema": lambda: "## Schema\n\n- `id` (String)\n",
        "example": lambda name: f'```terraform\nresource "x" "{name}" {{}}\n```',
    }


_LITERAL = st.text(alphabet=st.sampled_from(list("ab \n\r\t-#{}%()\"'`é")), max_size=30)
_BRACES = st.sampled_from(["{", "}", "{{", "}}", "{%", "%}", "#}", "\r"])
_EXPRESSION = st.sampled_from(
    [
        "{{ name }}",
        "{{name}}",
        "{{\n  description\t}}",
        "{{ has_variadic }}",
        "{{ schema() }}",
        "{{ example('one') }}",
        '{{ example ( "two words" ) }}',
        '{{ example("}}") }}',
        "{{ missing }}",
        "{{ schema }}",
        "{{ name() }}",
        "{{- name }}",
        "{{ name -}}",
        "{{ name | upper }}",
        "{% if has_variadic %}x{% endif %}",
        "{# note #}",
        "{{ true }}",
    ]
)


@settings(max_examples=400, deadline=None)
@example(["{", "{{ name }}"])
@example(["a{", "{{ name }}", "}"])
@given(st.lists(st.one_of(_LITERAL, _EXPRESSION, _BRACES), max_size=8))
def test_fast_path_output_is_jinjas_output(pieces: list[str]) -> None:
    source = "".join(pieces)
    variables = _variables()
    fast = simple.render(source, variables)
    try:
        expected = _jinja(source, variables)
    except Exception:  # any failure of Jinja's must stay Jinja's to report
        assert fast is None
        return
    if fast is not None:
        assert fast == expected


def test_typical_bundle_template_takes_the_fast_path() -> None:
    source = (
        '---\npage_title: "x"\n---\n\n# {{ name }}\n\n{{ example("example") }}\n\n{{ schema() }}\n'
    )
    rendered = simple.render(source, _variables())
    assert rendered is not None
    assert rendered == _jinja(source, _variables())
    assert "# demo_thing" in rendered and "## Schema" in rendered


@pytest.mark.parametrize(
    "source",
    [
        "{% if has_variadic %}x{% endif %}",  # a tag
        "{# comment #} {{ name }}",  # a comment
        "{{ name | upper }}",  # a filter
        "{{- name }}",  # whitespace control
        "{{ missing }}",  # undefined: Jinja names it
        "{{ schema }}",  # a function printed, not called
        "{{ name() }}",  # a string called
        "{{ examples }}",  # a dict: left to Jinja's own printing
        "{{{ name }}",  # Jinja reads "{{" one character earlier
    ],
)
def test_anything_else_is_left_to_jinja(source: str) -> None:
    variables = {**_variables(), "examples": {"a": "b"}}
    assert simple.render(source, variables) is None


def test_a_failing_function_is_left_to_jinja() -> None:
    def broken() -> str:
        raise ValueError("no")

    assert simple.render("{{ schema() }}", {"schema": broken}) is None


def test_errors_still_name_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "page.tmpl.md"
    template.write_text("one\ntwo\n{{ missing }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"page\.tmpl\.md:3: resource x: 'missing' is undefined"):
        TemplateEnvironment().render(template, _variables(), "resource x")


def test_a_long_lived_environment_sees_an_edited_template(tmp_path: Path) -> None:
    env = TemplateEnvironment()
    template = tmp_path / "page.tmpl.md"
    template.write_text("{% if true %}first{% endif %}", encoding="utf-8")
    assert env.render(template, {}, "page") == "first"
    template.write_text("{% if true %}second{% endif %}", encoding="utf-8")
    assert env.render(template, {}, "page") == "second"
