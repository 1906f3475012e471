"""Jinja templates run within the page bounds of plating.render.budget.

Each bound: the template that exceeds it fails with an error naming the template file, its
line, the component and the bound; and templates within the bounds render exactly as the
plain sandbox renders them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plating.errors import RenderError
from plating.render import budget
from plating.render.bounded import BoundedEnvironment
from plating.render.env import TemplateEnvironment
from plating.render.page_budget import page_budget

WHAT = "resource demo_x"
OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
}


def render(tmp_path: Path, source: str, **variables: Any) -> str:
    path = tmp_path / "demo_x.tmpl.md"
    path.write_text(source, encoding="utf-8")
    return TemplateEnvironment().render(path, {"name": "demo_x", **variables}, WHAT)


def refused(tmp_path: Path, source: str, line: int, *mentions: str) -> str:
    with pytest.raises(RenderError) as caught:
        render(tmp_path, source)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'demo_x.tmpl.md'}:{line}: {WHAT}: "), message
    for mention in mentions:
        assert mention in message, message
    return message


@pytest.mark.parametrize(
    ("source", "bound"),
    [
        pytest.param('{{ "x" * 10**9 }}', "the repetition (*)", id="string-repetition"),
        pytest.param("{{ 10**9 * 'x' }}", "the repetition (*)", id="repetition-reversed"),
        pytest.param("{{ [0] * 10**9 }}", "the repetition (*)", id="list-repetition"),
        pytest.param("{{ '%0999999999d' % 1 }}", "%-formatting", id="percent-width"),
        pytest.param("{{ '%.999999999f' % 1.5 }}", "%-formatting", id="percent-precision"),
        pytest.param("{{ '%*d' % (999999999, 1) }}", "%-formatting", id="percent-star"),
        pytest.param("{{ '%0999999999d'|format(1) }}", "%-formatting", id="format-filter"),
        pytest.param('{{ "{:0999999999}".format(1) }}', "format spec", id="format-width"),
        pytest.param('{{ "{:{w}}".format(1, w=999999999) }}', "format spec", id="format-nested"),
        pytest.param('{{ "{0:.999999999f}".format(1.5) }}', "format spec", id="format-precision"),
        pytest.param('{{ "x"|center(10**9) }}', "center filter", id="center"),
        pytest.param('{{ "a\\nb"|indent(10**9) }}', "indent filter", id="indent"),
        pytest.param('{{ ("x" * 1000)|replace("x", "y" * 100000) }}', "replace", id="replace"),
        pytest.param('{{ "x".ljust(10**9) }}', "str.ljust", id="ljust"),
        pytest.param('{{ "x".zfill(10**9) }}', "str.zfill", id="zfill"),
        pytest.param('{{ "\\t\\t".expandtabs(10**9) }}', "str.expandtabs", id="expandtabs"),
        pytest.param('{{ "ab".replace("", "x" * 10**7) }}', "str.replace", id="str-replace"),
        pytest.param("{{ lipsum(10**7) }}", "lipsum()", id="lipsum"),
        pytest.param("{{ [1]|batch(10**9, 0)|list }}", "batch filter", id="batch-fill"),
        pytest.param("{{ [1]|slice(10**9)|list }}", "slice filter", id="slice-count"),
        pytest.param("{{ {'a': [1]}|tojson(indent=10**9) }}", "tojson filter", id="tojson"),
        pytest.param(
            '{{ ("x" * 10**7)|wordwrap(1, wrapstring="y" * 10) }}', "wordwrap", id="wordwrap"
        ),
        pytest.param(
            '{% set s = "x" * 10**7 %}{{ [s, s]|join("-") }}', "join filter", id="join-filter"
        ),
        pytest.param('{% set s = "x" * 10**7 %}{{ "-".join([s, s]) }}', "str.join", id="str-join"),
        pytest.param(
            '{% set s = "x" * 10**7 %}{{ s ~ s }}', "concatenation (~)", id="concatenation"
        ),
        pytest.param('{% set s = "x" * 10**6 %}{{ [s] * 100 }}', "printing", id="print-a-list"),
        # bytes, which str.encode() makes, have the same methods and repetition as str.
        pytest.param("{{ 'x'.encode() * 10**9 }}", "the repetition (*)", id="bytes-repetition"),
        pytest.param("{{ 'x'.encode().center(10**9) }}", "bytes.center", id="bytes-center"),
        pytest.param("{{ 'x'.encode().ljust(10**9) }}", "bytes.ljust", id="bytes-ljust"),
        pytest.param("{{ 'x'.encode().zfill(10**9) }}", "bytes.zfill", id="bytes-zfill"),
        pytest.param(
            "{{ 'a\tb'.encode().expandtabs(10**9) }}", "bytes.expandtabs", id="bytes-expandtabs"
        ),
        pytest.param("{{ (1).to_bytes(10**9, 'big') }}", "int.to_bytes", id="to-bytes"),
        pytest.param(
            "{{ (1).to_bytes(length=10**9, byteorder='big') }}", "int.to_bytes", id="to-bytes-kw"
        ),
        pytest.param("{{ 'a\tb'.expandtabs(tabsize=10**9) }}", "str.expandtabs", id="tabsize-kw"),
        pytest.param("{{ '%0999999999d'.encode() % 1 }}", "%-formatting", id="bytes-percent"),
        pytest.param(
            "{{ ('ab' * 100).encode().replace(''.encode(), ('x' * 10**6).encode()) }}",
            "bytes.replace",
            id="bytes-replace",
        ),
        # A field repeated in the format string is built once per use.
        pytest.param(
            "{{ ('{0}' * 10**5).format('x' * 10**5) }}", "format field", id="format-fields"
        ),
        pytest.param(
            "{{ ('{a}' * 10**5).format_map({'a': 'x' * 10**5}) }}",
            "format field",
            id="format-map-fields",
        ),
        # From a list, sum builds each running total anew: 10**4 lists of 1,000 would build
        # 5 * 10**10 items, hours in one call that no time check can interrupt.
        pytest.param(
            "{{ ([[0] * 1000] * 10**4)|sum(start=[]) }}", "the sum filter", id="sum-of-lists"
        ),
        pytest.param(
            "{{ ([{'a': [0] * 1000}] * 10**4)|sum('a', start=[]) }}",
            "the sum filter",
            id="sum-of-attributes",
        ),
        # Filters that call Python per item of a whole list (sort, group, compare by an
        # attribute) are refused a list too large to print: 10**7 items take 20 s in one call.
        pytest.param(
            "{{ (range(10**5)|list * 100)|groupby('real') }}", "this filter", id="groupby"
        ),
        pytest.param(
            "{{ (range(10**5)|list * 100)|max(attribute='real') }}", "this filter", id="max"
        ),
    ],
)
def test_an_operation_too_large_is_refused_before_it_is_built(
    tmp_path: Path, source: str, bound: str
) -> None:
    started = time.monotonic()
    refused(tmp_path, source, 1, "output limit", bound)
    assert time.monotonic() - started < 2  # refused up front, nothing of that size built


@pytest.mark.parametrize(
    "source",
    ["{{ 10 ** (10 ** 8) }}", "{{ (10 ** 5000) }}", "{{ (10 ** 3000) * (10 ** 3000) }}"],
)
def test_numbers_stay_printable(tmp_path: Path, source: str) -> None:
    started = time.monotonic()
    refused(tmp_path, source, 1, "number limit", "4,300 digits")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("source", "made_by"),
    [
        pytest.param("{{ ('f' * 10**6)|int(base=16) }}", "the int filter", id="int-filter"),
        pytest.param(
            "{{ (0).from_bytes(('x' * 10**6).encode(), 'big') }}", "this call", id="from-bytes"
        ),
    ],
)
def test_no_call_makes_an_integer_too_large_to_print(
    tmp_path: Path, source: str, made_by: str
) -> None:
    """Hexadecimal text and bytes convert to integers of any size in one call; with such
    numbers `//` and `%` run for hours. Every integer a template holds stays printable."""
    started = time.monotonic()
    refused(tmp_path, source, 1, "number limit", f"the result of {made_by}", "4,300 digits")
    assert time.monotonic() - started < 2
    assert render(tmp_path, "{{ ('f' * 16)|int(base=16) }}") == str(16**16 - 1)


@pytest.mark.parametrize(
    "nested",
    [
        pytest.param("{{ " + "(" * 200 + "1" + ")" * 200 + " }}", id="parentheses"),
        pytest.param("{% for i in [1] %}" * 25 + "x" + "{% endfor %}" * 25, id="loops"),
        pytest.param("{% if name %}" * 150 + "x" + "{% endif %}" * 150, id="conditions"),
    ],
)
def test_nesting_too_deep_to_compile_is_a_template_error(tmp_path: Path, nested: str) -> None:
    """Jinja's parser recurses once per level: a few dozen nested parentheses exhaust the
    stack; Python compiles Jinja's code with at most 20 nested loops and 100 indents. That is
    an error naming the template, not a RecursionError or SyntaxError traceback."""
    path = tmp_path / "demo_x.tmpl.md"
    path.write_text("# {{ name }}\n" + nested + "\n")
    with pytest.raises(RenderError) as caught:
        TemplateEnvironment().render(path, {"name": "demo_x"}, WHAT)
    assert str(caught.value).startswith(f"{path}: template syntax error: ")
    assert "nested too deeply" in str(caught.value)


def test_jinja_powers_group_left_so_the_issues_bomb_is_small(tmp_path: Path) -> None:
    # Jinja reads 10**10**8 as (10**10)**8, unlike Python: an 81-digit number.
    assert render(tmp_path, "{{ 10**10**8 }}") == str(10**80)


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 1 MiB page limit, so that runaway loops hit it quickly."""
    monkeypatch.setattr(budget, "PAGE_OUTPUT_LIMIT", 1 << 20)
    return 1 << 20


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param(
            "# title\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "{{ name }}{% endfor %}{% endfor %}",
            2,
            id="printed-in-nested-loops",
        ),
        pytest.param(
            "# title\n\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "literal text{% endfor %}{% endfor %}",
            3,
            id="literal-text-in-nested-loops",
        ),
        pytest.param(
            "{% set x %}\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "{{ '' }}{% endfor %}{% endfor %}{% endset %}{{ x|length }}",
            2,
            id="captured-empty-output",
        ),
        pytest.param(
            '{% macro m() %}{{ "y" * 1000 }}{{ caller() }}{% endmacro %}\n{% set x %}'
            "{% for i in range(100000) %}{% call m() %}{% endcall %}{% endfor %}{% endset %}",
            1,  # where the macro prints, the innermost template line
            id="call-block-results",
        ),
        pytest.param(
            '{% set s = "x" * 1000 %}\n'
            + "".join(f"{{% set s{i} = (s ~ s ~ s ~ s)[::-1] %}}" for i in range(2000)),
            2,
            id="many-slices-kept",
        ),
        pytest.param(
            '{% set ns = namespace(s="x") %}\n{% for i in range(100) %}'
            "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
            2,
            id="doubling-in-a-namespace",
        ),
    ],
)
def test_output_and_built_text_are_bounded(
    tmp_path: Path, small_limit: int, source: str, line: int
) -> None:
    started = time.monotonic()
    refused(tmp_path, source, line, "output limit", f"{small_limit:,}")
    assert time.monotonic() - started < 5


def test_a_plain_page_longer_than_the_limit_is_refused(tmp_path: Path, small_limit: int) -> None:
    with pytest.raises(RenderError, match="output limit: the page is longer than 1,048,576"):
        render(tmp_path, "{% if true %}" + "x" * (small_limit + 1) + "{% endif %}")


@pytest.fixture
def short_time(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(budget, "PAGE_TIME_LIMIT", 0.5)
    return 0.5


def test_a_runaway_macro_recursion_stops_at_the_time_limit(
    tmp_path: Path, short_time: float
) -> None:
    source = (
        "# {{ name }}\n"
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n"
        "{{ f(40) }}\n"
    )
    started = time.monotonic()
    refused(tmp_path, source, 2, "time limit", "0.5 s")
    assert time.monotonic() - started < short_time + 2


def test_nested_range_loops_in_a_partial_stop_at_the_page_time_limit(
    tmp_path: Path, short_time: float, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19's note: a partial's nested loops share the page's time budget."""
    from plating.cli import main
    from tests.factories import add_bundle, resource_block, schema_document, write_schema

    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    bundle = add_bundle(root, "resources", "demo_x", "# {{ name }}\n\n{{ render('_slow.md') }}\n")
    (bundle / "docs" / "_slow.md").write_text(
        "Partial\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% if i == j %}{% endif %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    code = main(
        ["plate", "--quiet", "--schema", str(root / "schema.json"), "--project-root", str(root)]
    )
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"{bundle / 'docs' / '_slow.md'}:2: resource demo_x: time limit" in err
    assert "nothing was written" in err
    assert not (root / "docs").exists()
    assert elapsed < short_time + 3


def test_a_sum_of_attributes_stops_at_the_time_limit(tmp_path: Path, short_time: float) -> None:
    """Jinja looks each attribute up in Python, in one call: 10**7 items take 20 s."""
    started = time.monotonic()
    refused(tmp_path, "{{ (range(10**5)|list * 100)|sum(attribute='real') }}", 1, "time limit")
    assert time.monotonic() - started < short_time + 2


def test_depth_is_bounded_for_macros(tmp_path: Path) -> None:
    refused(
        tmp_path,
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}",
        1,
        "depth limit",
        f"more than {budget.CALL_DEPTH_LIMIT} calls deep",
        "a macro calls itself",
    )


# Templates within the bounds render exactly as the plain sandbox renders them.
SAME = [
    "{% for x in [3, 1, 2]|sort %}{{ loop.index }}/{{ loop.length }}:{{ x }}"
    "{% if loop.last %}.{% endif %}{% endfor %}",
    "{% for x in [] %}never{% else %}empty{% endfor %}",
    "{% for x in range(5) if x is odd %}{{ x }}{% endfor %}",
    "{% for item in tree recursive %}{{ item.n }}({{ loop(item.kids) }}){% endfor %}",
    "{% for k, v in {'b': 1, 'a': 2}|dictsort %}{{ k }}={{ v }};{% endfor %}",
    "{{ [1, 2, 3, 4, 5]|batch(2, 0)|list }} {{ [1, 2, 3]|slice(2)|list }}",
    "{{ ['a', 'b']|join(', ') }} {{ 'x'|center(9) }}|{{ 'a\nb'|indent(2, first=true) }}",
    "{{ 'a-b'|replace('-', '--') }} {{ 'hello world'|wordwrap(5) }} {{ 'abc'|truncate(5) }}",
    "{{ '%-6s|%05.1f|%x' % ('ab', 3.14159, 255) }} {{ '%s and %s'|format('a', 'b') }}",
    "{{ '{:>6}|{:.2f}|{name}'.format('ab', 2.5, name='n') }} {{ '{0[a]}'.format({'a': 1}) }}",
    "{{ 'x' * 3 }} {{ 2 ** 10 }} {{ 7 * 6 }} {{ 'a' + 'b' }} {{ 7 % 3 }} {{ [1] * 2 }}",
    "{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}"
    "{% endfor %}{{ ns.n }}",
    "{% macro m(a) %}<{{ a }}>{% endmacro %}{% macro c() %}[{{ caller() }}]{% endmacro %}"
    "{{ m(1) }}{% call c() %}{{ m(2) }}{% endcall %}",
    "{% filter upper %}quiet {{ name }}{% endfilter %} {% set b %}B{{ name }}{% endset %}{{ b }}",
    "{{ name ~ '-' ~ 3 }} {{ name[1:] }} {{ name[::-1] }} {{ name.upper() }}",
    "{{ {'a': 1}|tojson }} {{ [1, 2]|map('string')|join }} {{ 'a b'.split() }}",
    "{{ 'a&b'|e }} {{ 'a b'|urlencode }} {{ 'https://x.example'|urlize }}",
    "{{ ('<b>%s</b>'|safe) % '&' }} {{ ('<i>{}</i>'|safe).format('&') }}",
    "{{ [3, 1]|max }} {{ range(3)|sum }} {{ 'abc'|list }} {{ 'b,a'.split(',')|sort }}",
    "{{ [[1], [2, 3]]|sum(start=[]) }} {{ [(1,), (2,)]|sum(start=()) }} {{ [1.5, 2]|sum }}",
    "{{ [{'a': [1]}, {'a': [2]}]|sum('a', start=[]) }} {{ range(3)|map('string')|list }}",
    "{{ '{0}-{0}-{1}'.format('x', 2) }} {{ '{a}{a}'.format_map({'a': 'y'}) }}",
    "{{ 'ab'.encode().center(6) }} {{ 'x'.encode() * 3 }} {{ (258).to_bytes(2, 'big') }}",
    "{{ ('ff'|int(base=16)) // 7 }} {{ (0).from_bytes('ab'.encode(), 'big') % 1000 }}",
    "{{ [{'k': 1}, {'k': 1}, {'k': 2}]|groupby('k')|list }} {{ {'b': 1, 'a': 2}|dictsort }}",
]


@pytest.mark.parametrize("source", SAME)
def test_templates_within_the_bounds_render_as_the_sandbox_does(source: str) -> None:
    variables = {
        "name": "demo_x",
        "tree": [{"n": 1, "kids": [{"n": 2, "kids": []}]}, {"n": 3, "kids": []}],
    }
    expected = ImmutableSandboxedEnvironment(**OPTIONS).from_string(source).render(variables)
    with page_budget():
        assert BoundedEnvironment(**OPTIONS).from_string(source).render(variables) == expected


def test_partials_share_the_page_budget(tmp_path: Path, small_limit: int) -> None:
    path = tmp_path / "part.md"
    path.write_text('{{ "x" * 300000 }}', encoding="utf-8")  # built, then printed: 600 KB
    env = TemplateEnvironment()
    with page_budget():
        env.render(path, {}, WHAT)
        with pytest.raises(RenderError, match="output limit"):
            env.render(path, {}, WHAT)  # the second 600 KB passes the page's 1 MiB
    assert len(env.render(path, {}, WHAT)) == 300000  # a new page, a new budget
