"""Tests for the HCL native syntax parser: structure, errors, fuzzing, round trips."""

from __future__ import annotations

import pickle
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating.hcl import (
    MAX_NESTING,
    Attribute,
    Block,
    Body,
    Expression,
    FunctionCall,
    HclSyntaxError,
    ObjectItem,
    all_calls,
    parse,
)
from tests.conftest import CONFORMANCE, REPO_ROOT

# -- helpers ----------------------------------------------------------------------


def attr(body: Body, name: str) -> Attribute:
    """The attribute called ``name``."""
    return next(a for a in body.attributes if a.name == name)


def value(text: str, name: str = "x") -> Expression:
    """The value of attribute ``name`` in ``text``."""
    return attr(parse(text), name).value


def calls_of(text: str) -> list[tuple[str, int, bool]]:
    return [(c.name, c.arg_count, c.expanded) for c in all_calls(parse(text))]


def error_of(text: str) -> HclSyntaxError:
    with pytest.raises(HclSyntaxError) as info:
        parse(text, "ex.tf")
    return info.value


def where(text: str) -> tuple[int, int]:
    error = error_of(text)
    return error.line, error.column


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: parsing must never loop forever."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"parse took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_or_syntax_error(text: str) -> Body | HclSyntaxError:
    """Parse; a syntax error is returned, any other exception propagates."""
    with time_limit(5):
        try:
            return parse(text, "fuzz.tf")
        except HclSyntaxError as error:
            return error


def check_never_crashes(text: str) -> None:
    result = parse_or_syntax_error(text)
    if isinstance(result, HclSyntaxError):
        assert str(result).startswith(f"fuzz.tf:{result.line}:{result.column}: ")
        assert result.message
        # The location lies within the text (or just past its end).
        lines = text.replace("\r\n", "\n").split("\n")
        assert 1 <= result.line <= len(lines)
        assert 1 <= result.column <= len(lines[result.line - 1]) + 1


OTHER = Expression("other", 1)

# -- structure: bodies, blocks, attributes --------------------------------------


def test_empty_and_comment_only_files() -> None:
    assert parse("") == Body((), ())
    assert parse("\n\n  \n") == Body((), ())
    assert parse("# one\n// two\n/* three\n   lines */\n# no newline at end") == Body((), ())


def test_top_level_attributes_with_lines() -> None:
    body = parse('a = 1\n\nb = "two"\nc = true\n')
    assert [(a.name, a.line) for a in body.attributes] == [("a", 1), ("b", 3), ("c", 4)]
    assert body.attributes[0].value == Expression("other", 1)
    assert body.blocks == ()


def test_last_attribute_without_trailing_newline() -> None:
    assert attr(parse("a = 1\nb = 2"), "b").line == 2


def test_block_with_labels_and_nested_blocks() -> None:
    text = (
        'resource "kitchen_recipe" "lasagne" {\n'
        '  name = "Lasagne"\n'
        "\n"
        "  step {\n"
        "    minutes = 180\n"
        "    timer {\n"
        '      label = "Ragù"\n'
        "    }\n"
        "  }\n"
        "  step {\n"
        "    minutes = 40\n"
        "  }\n"
        "}\n"
    )
    body = parse(text)
    (resource,) = body.blocks
    assert (resource.type, resource.labels, resource.line) == (
        "resource",
        ("kitchen_recipe", "lasagne"),
        1,
    )
    assert [a.name for a in resource.body.attributes] == ["name"]
    steps = resource.body.blocks
    assert [(b.type, b.labels, b.line) for b in steps] == [("step", (), 4), ("step", (), 10)]
    (timer,) = steps[0].body.blocks
    assert timer == Block(
        "timer", (), Body((Attribute("label", Expression("other", 7), 7),), ()), 6
    )
    assert steps[1].body.blocks == ()


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("locals {\n}\n", ()),
        ('provider "kitchen" {\n}\n', ("kitchen",)),
        ("resource aws_instance web {\n}\n", ("aws_instance", "web")),
        ('resource aws_instance "web" {\n}\n', ("aws_instance", "web")),
        ('x "a" "b" "c" {\n}\n', ("a", "b", "c")),
        ('x "" {\n}\n', ("",)),
        ('x "a\\"b\\\\c\\n\\u00e9\\U0001F600" {\n}\n', ('a"b\\c\né\U0001f600',)),
        ('x "cost: $${price} %%{x}" {\n}\n', ("cost: ${price} %{x}",)),
        ('x "$5 and 10%" {\n}\n', ("$5 and 10%",)),
    ],
)
def test_block_labels(text: str, labels: tuple[str, ...]) -> None:
    assert parse(text).blocks[0].labels == labels


def test_one_line_blocks() -> None:
    body = parse(
        'variable "x" { default = 1 }\n'
        "lifecycle {}\n"
        'provider "scaffolding" {}\n'
        "y { a = [1, 2] }\n"
        'z { b = { c = "d" } }'
    )
    x, lifecycle, provider, y, z = body.blocks
    assert x == Block(
        "variable", ("x",), Body((Attribute("default", Expression("other", 1), 1),), ()), 1
    )
    assert lifecycle == Block("lifecycle", (), Body((), ()), 2)
    assert provider.labels == ("scaffolding",)
    assert y.body.attributes[0].value.kind == "tuple"
    assert z.body.attributes[0].value.items[0].key == "c"


def test_blocks_and_attributes_interleave() -> None:
    body = parse("a = 1\nb {\n}\nc = 2\nd {\n}\n")
    assert [a.name for a in body.attributes] == ["a", "c"]
    assert [b.type for b in body.blocks] == ["b", "d"]


def test_same_name_for_block_and_attribute_is_allowed() -> None:
    body = parse("a = 1\na {\n}\na {\n}\n")
    assert len(body.attributes) == 1
    assert len(body.blocks) == 2


def test_tfquery_file_syntax() -> None:
    text = (
        'list "scaffolding_example" "example" {\n'
        "  provider = scaffolding\n"
        "\n"
        "  config {\n"
        '    required_attr = "some-value"\n'
        "  }\n"
        "}\n"
    )
    (block,) = parse(text, "list.tfquery.hcl").blocks
    assert (block.type, block.labels) == ("list", ("scaffolding_example", "example"))
    assert block.body.attributes[0].name == "provider"
    assert block.body.blocks[0].body.attributes[0].line == 5


def test_crlf_line_endings_match_lf() -> None:
    text = (
        'resource "a" "b" {\n'
        '  x = "y" # comment\n'
        "  z = <<EOF\n"
        "  ${upper(x)}\n"
        "  EOF\n"
        "  w = {\n"
        "    k = f(1,\n"
        "      2)\n"
        "  }\n"
        "}\n"
    )
    assert parse(text.replace("\n", "\r\n")) == parse(text)
    assert all_calls(parse(text.replace("\n", "\r\n"))) == [
        FunctionCall("upper", 1, False, 4, 5),
        FunctionCall("f", 2, False, 7, 9),
    ]


def test_unicode_identifiers_and_columns() -> None:
    text = 'ingrédient = "béchamel"\n名前 = upper("ragù")\nτ = ingrédient.çà\n'
    body = parse(text)
    assert [a.name for a in body.attributes] == ["ingrédient", "名前", "τ"]
    # Columns count characters, not bytes.
    assert all_calls(body) == [FunctionCall("upper", 1, False, 2, 6)]
    assert where('é = "ü" @') == (1, 9)


def test_identifiers_with_dashes_and_underscores() -> None:
    body = parse("_private = 1\nwith-dash = a-b\nx = provider::scaffolding::no-variadic(1)\n")
    assert [a.name for a in body.attributes] == ["_private", "with-dash", "x"]
    assert calls_of("x = provider::scaffolding::no-variadic(1)") == [
        ("provider::scaffolding::no-variadic", 1, False)
    ]


def test_comments_everywhere() -> None:
    text = (
        "# leading\n"
        "a = 1 # trailing hash\n"
        "b = 2 // trailing slashes\n"
        "c = [1, /* inline */ 2]\n"
        "/* block\n"
        "   comment */\n"
        "d {\n"
        "  // inside\n"
        "  e = f(/* x */ 1) # after\n"
        "}\n"
        'g = "# not a comment // nor this /* nor this */"\n'
        "h = {\n"
        "  # comment between items\n"
        "  i = 1 // after item\n"
        "}"
    )
    body = parse(text)
    assert [a.name for a in body.attributes] == ["a", "b", "c", "g", "h"]
    assert attr(body, "c").value.elements == (Expression("other", 4), Expression("other", 4))
    assert [i.key for i in attr(body, "h").value.items] == ["i"]
    assert calls_of(text) == [("f", 1, False)]


def test_comment_at_end_of_file_without_newline() -> None:
    assert [a.name for a in parse("a = 1 # done").attributes] == ["a"]
    assert [a.name for a in parse("a = 1 /* done */").attributes] == ["a"]


def test_tabs_are_whitespace() -> None:
    assert parse("a\t=\t1\n\tb\t{\n\t}\n").blocks[0].type == "b"


# -- literals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal",
    ["0", "42", "0.5", "1e3", "1E3", "1.5e-3", "2e+10", "true", "false", "null", "-1", "-0.5"],
)
def test_literal_values(literal: str) -> None:
    assert value(f"x = {literal}\n") == OTHER


def test_number_then_attribute_is_not_a_number() -> None:
    # '1.' needs digits after the dot; '1.e3' is not a number.
    assert error_of("x = 1.\n").line == 1


# -- objects ---------------------------------------------------------------------------


def test_object_constructor_items() -> None:
    text = 'x = {\n  a = 1\n  "b c" = "two"\n  d: [3]\n  (var.k) = 4\n  "${p}-x" = 5\n}\n'
    expr = value(text)
    assert expr.kind == "object"
    assert expr.line == 1
    assert [(i.key, i.line, i.value.kind) for i in expr.items] == [
        ("a", 2, "other"),
        ("b c", 3, "other"),
        ("d", 4, "tuple"),
        (None, 5, "other"),
        (None, 6, "other"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "x = { a = 1, b = 2 }",
        "x = { a = 1, b = 2, }",
        "x = {a=1,b=2}",
        "x = { a: 1, b: 2 }",
        "x = {\n  a = 1,\n  b = 2,\n}",
        "x = {\n  a = 1\n  b = 2\n}",
        "x = {\n\n  a = 1\n\n\n  b = 2\n\n}",
        "x = { a = 1\n  b = 2 }",
        'x = { "a" = 1, "b": 2 }',
    ],
)
def test_object_separators(text: str) -> None:
    assert [i.key for i in value(text).items] == ["a", "b"]


def test_empty_object_and_tuple() -> None:
    assert value("x = {}") == Expression("object", 1)
    assert value("x = {\n}") == Expression("object", 1)
    assert value("x = []") == Expression("tuple", 1)
    assert value("x = [\n]") == Expression("tuple", 1)


def test_object_keys_literal_and_expression() -> None:
    expr = value(
        'x = { true = 1, null = 2, "" = 3, "a.b" = 4, "\\"q\\"" = 5, '
        '"$${x}" = 6, (k) = 7, upper("k") = 8, "${k}" = 9, 10 = 11, a-b = 12 }'
    )
    assert [i.key for i in expr.items] == [
        "true",
        "null",
        "",
        "a.b",
        '"q"',
        "${x}",
        None,
        None,
        None,
        None,
        "a-b",
    ]
    assert [c.name for c in expr.calls] == ["upper"]


def test_nested_objects_and_tuples() -> None:
    expr = value(
        "x = {\n"
        "  source = {\n"
        '    author = "Nonna"\n'
        "    years  = [1962, 1970]\n"
        "  }\n"
        "  steps = [\n"
        "    { n = 1 },\n"
        "    { n = 2 },\n"
        "  ]\n"
        "}\n"
    )
    source, steps = expr.items
    assert source.value.kind == "object"
    assert source.value.line == 2
    assert [i.key for i in source.value.items] == ["author", "years"]
    assert source.value.items[1].value == Expression(
        "tuple", 4, elements=(Expression("other", 4), Expression("other", 4))
    )
    assert steps.value.kind == "tuple"
    assert [e.kind for e in steps.value.elements] == ["object", "object"]
    assert [e.line for e in steps.value.elements] == [7, 8]
    assert steps.value.elements[1].items == (ObjectItem("n", Expression("other", 8), 8),)


def test_tuple_constructors() -> None:
    assert [e.line for e in value("x = [\n  1,\n  2,\n\n  3\n]").elements] == [2, 3, 5]
    assert len(value("x = [1, 2, 3,]").elements) == 3
    assert len(value("x = [[1], [2, [3]]]").elements) == 2
    assert value('x = ["a"]').elements == (Expression("other", 1),)


def test_constructor_used_as_operand_is_other() -> None:
    assert value("x = [1, 2][0]").kind == "other"
    assert value("x = { a = 1 }.a").kind == "other"
    assert value("x = [1] == [1]").kind == "other"
    assert value("x = ({ a = 1 })").kind == "other"
    assert value("x = true ? { a = 1 } : {}").kind == "other"
    assert value("x = [for v in y : v]").kind == "other"
    assert value("x = {for k, v in y : k => v}").kind == "other"


# -- function calls --------------------------------------------------------------------


def test_function_call_fields() -> None:
    body = parse(
        'output "x" {\n'
        "  value = provider::kitchen::scale_quantity(250, local.servings / local.base)\n"
        "}\n"
    )
    value_expr = body.blocks[0].body.attributes[0].value
    assert value_expr == Expression(
        "other",
        2,
        calls=(FunctionCall("provider::kitchen::scale_quantity", 2, False, 2, 11),),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = timestamp()", [("timestamp", 0, False)]),
        ("x = length(var.l)", [("length", 1, False)]),
        ("x = f(1, 2, 3,)", [("f", 3, False)]),
        ("x = f(\n  1,\n  2\n)", [("f", 2, False)]),
        ("x = f(\n\n)", [("f", 0, False)]),
        ("x = max(var.numbers...)", [("max", 1, True)]),
        ('x = format("%s-%s", var.parts...)', [("format", 2, True)]),
        ("x = f(a)[0].b", [("f", 1, False)]),
        (
            'x = upper(lower(trim(s, " ")))',
            [("upper", 1, False), ("lower", 1, False), ("trim", 2, False)],
        ),
        ("x = f(g(1), h(2, 3))", [("f", 2, False), ("g", 1, False), ("h", 2, False)]),
        ("x = provider :: ns :: fn(1)", [("provider::ns::fn", 1, False)]),
        ("x = a::b(1)", [("a::b", 1, False)]),
    ],
)
def test_function_calls(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert calls_of(text) == expected


def test_calls_found_everywhere_in_an_expression() -> None:
    text = (
        "x = {\n"
        "  a = [f1(), { b = f2() }]\n"
        '  c = "pre ${f3(1)} mid %{ if f4() }yes%{ else }${f5()}%{ endif }"\n'
        "  d = <<-EOT\n"
        "    ${f6(1, 2)}\n"
        "    %{ for v in f7() }${v}%{ endfor }\n"
        "    EOT\n"
        "  e = f8() ? f9() : f10()\n"
        "  g = [for v in f11() : f12(v) if f13(v)]\n"
        "  h = {for k, v in f14() : f15(k) => f16(v)...}\n"
        "  i = var.m[f17()]\n"
        "  j = (f18())\n"
        "  k = !f19() && -f20() > 1\n"
        "  (f21()) = 1\n"
        "}\n"
    )
    expr = value(text)
    assert [c.name for c in expr.calls] == [f"f{n}" for n in range(1, 22)]
    assert [c.name for c in expr.items[0].value.calls] == ["f1", "f2"]
    assert [c.name for c in expr.items[0].value.elements[1].calls] == ["f2"]
    assert [c.name for c in expr.items[1].value.calls] == ["f3", "f4", "f5"]
    assert [(c.name, c.line, c.column) for c in expr.items[2].value.calls] == [
        ("f6", 5, 7),
        ("f7", 6, 17),
    ]
    # The key's call belongs to the object, not to the item's value.
    assert expr.items[-1].value.calls == ()


def test_all_calls_in_source_order_across_blocks() -> None:
    text = (
        "a = f1()\n"
        "b {\n"
        "  c = f2(f3())\n"
        "  d {\n"
        "    e = f4()\n"
        "  }\n"
        "  g = f5()\n"
        "}\n"
        "h = f6()\n"
        "i { j = f7() }\n"
    )
    found = all_calls(parse(text))
    assert [c.name for c in found] == [f"f{n}" for n in range(1, 8)]
    assert [(c.line, c.column) for c in found] == [
        (1, 5),
        (3, 7),
        (3, 10),
        (5, 9),
        (7, 7),
        (9, 5),
        (10, 9),
    ]


def test_escaped_interpolation_is_not_a_call() -> None:
    assert calls_of('x = "$${f(1)} %%{ if g() }"') == []
    assert calls_of("x = <<EOF\n$${f(1)}\nEOF\n") == []


# -- templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'x = "plain"',
        'x = ""',
        'x = "${var.a}"',
        'x = "a${var.b}c${var.d}e"',
        'x = "${ var.a ~}  b  ${~ var.c }"',
        'x = "%{ if var.a }yes%{ endif }"',
        'x = "%{ if var.a }yes%{ else }no%{ endif }"',
        'x = "%{~ if var.a ~}yes%{~ else ~}no%{~ endif ~}"',
        'x = "%{ for v in var.l }${v},%{ endfor }"',
        'x = "%{ for k, v in var.m }${k}=${v}%{ endfor }"',
        'x = "%{ if a }%{ for v in l }%{ if v }${v}%{ endif }%{ endfor }%{ endif }"',
        'x = "${ "nested ${ "deeper ${1}" }" }"',
        'x = "${ { a = 1 }.a }"',
        'x = "${ [for v in l : v] }"',
        'x = "${\n  var.a\n}"',
        'x = "escapes \\n \\r \\t \\" \\\\ \\u00e9 \\U0001F600"',
        'x = "$${literal} %%{literal} $ % $$ %% {}"',
        'x = "100%"',
        'x = "${a}${b}"',
    ],
)
def test_quoted_templates(text: str) -> None:
    assert value(text) == OTHER


def test_template_interpolation_with_newlines_keeps_following_lines() -> None:
    body = parse('x = "${\n  upper(\n  "a")\n}"\ny = 2\n')
    assert attr(body, "y").line == 5
    assert all_calls(body) == [FunctionCall("upper", 1, False, 2, 3)]


# -- heredocs -----------------------------------------------------------------------


def test_heredoc_forms() -> None:
    text = (
        "a = <<EOF\n"
        "line one\n"
        "  EOF is not the end here\n"
        "EOFX is not either\n"
        "EOF\n"
        "b = <<-EOT\n"
        "    indented ${upper(var.x)}\n"
        "    EOT\n"
        "c = <<EOT\n"
        "EOT\n"
        "d = jsonencode(<<JSON\n"
        '{"k": "${var.v}"}\n'
        "JSON\n"
        ")\n"
        "e = [<<A\n"
        "a\n"
        "A\n"
        ", 2]\n"
        "f = 1\n"
    )
    body = parse(text)
    assert [(a.name, a.line) for a in body.attributes] == [
        ("a", 1),
        ("b", 6),
        ("c", 9),
        ("d", 11),
        ("e", 15),
        ("f", 19),
    ]
    assert all_calls(body) == [
        FunctionCall("upper", 1, False, 7, 16),
        FunctionCall("jsonencode", 1, False, 11, 5),
    ]
    assert len(attr(body, "e").value.elements) == 2


def test_heredoc_with_directives_and_multiline_interpolation() -> None:
    text = (
        "x = <<-EOT\n"
        "  %{ for name in var.names ~}\n"
        "  hello ${\n"
        "    title(name)\n"
        "  }\n"
        "  %{~ endfor }\n"
        "  EOT\n"
        "y = 1\n"
    )
    body = parse(text)
    assert all_calls(body) == [FunctionCall("title", 1, False, 4, 5)]
    assert attr(body, "y").line == 8


def test_heredoc_closing_marker_may_be_indented_and_at_end_of_file() -> None:
    assert parse("x = <<EOF\nhi\n    EOF\n").attributes[0].name == "x"
    assert parse("x = <<EOF\nhi\nEOF").attributes[0].name == "x"
    assert parse("b {\n  x = <<EOF\n  hi\n  EOF\n}\n").blocks[0].type == "b"


def test_heredoc_in_block_and_object() -> None:
    body = parse("b {\n  x = {\n    k = <<EOF\nv\nEOF\n    j = 2\n  }\n}\n")
    items = body.blocks[0].body.attributes[0].value.items
    assert [(i.key, i.line) for i in items] == [("k", 3), ("j", 6)]


# -- traversals, splats, operators, conditionals, for expressions ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "x = var.a.b[0]",
        "x = aws_x.y[*].id",
        "x = aws_x.y.*.id",
        'x = aws_x.y[*].tags["Name"]',
        "x = a.*.b.c",
        "x = a[*]",
        "x = a.*",
        "x = var.list.0",
        "x = var.list.0.name",
        'x = a[var.k]["x"][0]',
        "x = a[\n  0\n]",
        "x = local.m[each.key].id",
        "x = count.index",
        "x = each.value.name",
        "x = data.x.y.z[0].w",
    ],
)
def test_traversals_and_splats(text: str) -> None:
    assert value(text) == OTHER


@pytest.mark.parametrize(
    "text",
    [
        "x = 1 + 2 * 3 - 4 / 5 % 6",
        "x = a > b || c >= d && e < f || g <= h",
        "x = a == b != c",
        "x = !a",
        "x = !!a",
        "x = -a",
        "x = - - a",
        "x = !a == -b",
        "x = a + -b",
        "x = (1 + 2) * 3",
        "x = ((((a))))",
        "x = (\n  a +\n  b\n)",
        "x = a ? b : c",
        "x = a ? b : c ? d : e",
        "x = a ? (b ? c : d) : e",
        "x = a == null ? [] : [a]",
        "x = local.servings / local.base_servings",
        'x = length > 0 ? var.x[0] : "default"',
        'x = {a = 1}["a"] + [1][0]',
    ],
)
def test_operators_and_conditionals(text: str) -> None:
    assert value(text) == OTHER


@pytest.mark.parametrize(
    "text",
    [
        "x = [for v in var.l : v]",
        "x = [for i, v in var.l : v if i > 0]",
        'x = [for v in var.l : v if v != ""]',
        "x = {for k, v in var.m : k => v}",
        "x = {for k, v in var.m : k => v...}",
        "x = {for k, v in var.m : k => v... if v != null}",
        "x = {for v in var.l : v.name => v}",
        "x = {\n  for k, v in var.tags :\n  k => v\n  if v != null\n}",
        "x = [\n  for v in var.l :\n  v\n]",
        "x = [for v in a ? b : c : v]",
        "x = [for v in [for w in l : w] : {for k in v : k => k}]",
        "x = [for x in [for x in [for x in l : x] : x] : x]",
    ],
)
def test_for_expressions(text: str) -> None:
    assert value(text) == OTHER


def test_for_keyword_only_starts_a_for_expression_first() -> None:
    # A later item or element may be named 'for'; the first must be quoted or parenthesised.
    assert [i.key for i in value('x = { a = 1, for = 2, "for" = 3 }').items] == [
        "a",
        "for",
        "for",
    ]
    assert [i.key for i in value('x = { "for" = 1 }').items] == ["for"]
    assert len(value("x = [(for), for]").elements) == 2


# -- errors --------------------------------------------------------------------------------


def test_error_format_and_attributes() -> None:
    error = error_of("a = 1\nb = = 2\n")
    assert (error.filename, error.line, error.column) == ("ex.tf", 2, 5)
    assert error.message == "expected an expression, found '='"
    assert str(error) == "ex.tf:2:5: expected an expression, found '='"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.filename, copy.line, copy.column) == (
        error.message,
        error.filename,
        error.line,
        error.column,
    )
    assert str(copy) == str(error)


def test_default_filename() -> None:
    with pytest.raises(HclSyntaxError, match=r"^<hcl>:1:1: "):
        parse("=")


def test_duplicate_attribute() -> None:
    error = error_of('resource "a" "b" {\n  name = "x"\n  other = 1\n  name = "y"\n}\n')
    assert (error.line, error.column) == (4, 3)
    assert error.message == "attribute name already defined at line 2"
    # Separate bodies may reuse names.
    parse("a = 1\nb {\n  a = 2\n}\nc {\n  a = 3\n}\n")
    # Duplicate keys in an object constructor are not a syntax error.
    parse("x = { a = 1, a = 2 }")


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a {\n  b = 1\n", 1, 3, "unclosed block opened at line 1"),
        ("a {\n  b {\n    c = 1\n  }\n", 1, 3, "unclosed block opened at line 1"),
        ('x "y" {\n  z {\n', 2, 5, "unclosed block opened at line 2"),
        ("a { b = 1", 1, 3, "unclosed block opened at line 1"),
        ("a {", 1, 3, "unclosed block opened at line 1"),
        ("x = {\n  a = 1\n", 1, 5, "unclosed object opened at line 1"),
        ("x = {", 1, 5, "unclosed object opened at line 1"),
        ("x = [1,\n 2\n", 1, 5, "unclosed tuple opened at line 1"),
        ("x = f(1,\n", 1, 6, "unclosed function call opened at line 1"),
        ("x = f(1", 1, 6, "unclosed function call opened at line 1"),
        ("x = (1 + 2\n\n", 1, 5, "unclosed parenthesis opened at line 1"),
        ("x = a[0\n", 1, 6, "unclosed index opened at line 1"),
        ("x = [for v in l : v\n", 1, 5, "unclosed 'for' expression opened at line 1"),
        ('a = 1\nx = "abc\n', 2, 5, "unclosed string opened at line 2"),
        ('x = "abc', 1, 5, "unclosed string opened at line 1"),
        ('x = "abc\\\n"', 1, 5, "unclosed string opened at line 1"),
        ("\nx = <<EOF\nabc\n", 2, 5, "unclosed heredoc opened at line 2"),
        ("x = <<EOF\nabc\nEOFX\n", 1, 5, "unclosed heredoc opened at line 1"),
        ("x = 1\n/* never closed\n", 2, 1, "unclosed comment opened at line 2"),
        ('x = "${ var.a', 1, 6, "unclosed template sequence opened at line 1"),
        ('x = "%{ if a }yes"', 1, 6, "unclosed %{ if } directive opened at line 1"),
        ('x = "%{ for v in l }${v}"', 1, 6, "unclosed %{ for } directive opened at line 1"),
    ],
)
def test_unclosed_constructs(text: str, line: int, column: int, message: str) -> None:
    error = error_of(text)
    assert (error.line, error.column) == (line, column)
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a = 1 b = 2\n", 1, 7, "expected a newline after the value of a"),
        ("a = 1, b = 2\n", 1, 6, "attributes are separated by newlines"),
        ("a = 1\n= 2\n", 2, 1, "expected an attribute or block definition"),
        ("a = \n1\n", 1, 5, "expected an expression, found a newline"),
        ("a = 1 +\n 2\n", 1, 8, "expected an expression"),
        ("a\n", 1, 2, "'=' (attribute) or a label or '{' (block) after 'a'"),
        ("a b c\n", 1, 6, "another block label or '{'"),
        ("a 1 {\n}\n", 1, 3, "'=' (attribute) or a label"),
        ("a {\n} b = 1\n", 2, 3, "a newline after the block's closing '}'"),
        ("a {} b {}\n", 1, 6, "a newline after the block's closing '}'"),
        ("a {\n  b = 1 }\n", 2, 9, "expected a newline after the value of b"),
        ("a { b = 1\n}\n", 1, 10, "single-line block holds only one attribute"),
        ("a { b = 1, c = 2 }\n", 1, 10, "single-line block holds only one attribute"),
        ("a { b {} }\n", 1, 5, "single-line block can only hold one attribute"),
        ("a { = 1 }\n", 1, 5, "expected an attribute"),
        ('a "${x}" {\n}\n', 1, 4, "block labels cannot contain template sequences"),
        ("a <<EOF\nx\nEOF\n {\n}\n", 1, 3, "'=' (attribute) or a label"),
        ("}\n", 1, 1, "expected an attribute or block definition, found '}'"),
        ("x = { a = 1 b = 2 }", 1, 13, "a newline, ',' or '}' after the item"),
        ("x = { a }", 1, 9, "'=' or ':' after the object key"),
        ("x = { a.b\n = 1 }", 1, 10, "'=' or ':' after the object key"),
        ("x = { a = 1 +\n 2 }", 1, 14, "expected an expression"),
        ("x = [1 2]", 1, 8, "',' or ']' after a tuple element"),
        ("x = [1,,2]", 1, 8, "expected an expression"),
        ("x = f(1 2)", 1, 9, "',' or ')' in f()"),
        ("x = f(a..., b)", 1, 11, "only the last argument can be expanded"),
        ("x = f(...)", 1, 7, "expected an expression"),
        ("x = f(a,...)", 1, 9, "expected an expression"),
        ("x = a::b", 1, 9, "'(' after the function name a::b"),
        ("x = a::(1)", 1, 8, "a function name after '::'"),
        ("x = a.", 1, 7, "an attribute name, index or '*' after '.'"),
        ("x = a..b", 1, 7, "an attribute name"),
        ("x = a.0.0", 1, 7, "chained legacy indexes"),
        ("x = a ? b", 1, 10, "':' in the conditional expression"),
        ("x = a ? b : ", 1, 13, "expected an expression"),
        ("x = [for v in l : k => v]", 1, 21, "builds a tuple and takes no key"),
        ("x = {for v in l : v}", 1, 20, "a 'for' expression in braces needs a key"),
        ("x = [for, a]", 1, 9, "a variable name after 'for'"),
        ("x = { for = 1 }", 1, 11, "a variable name after 'for'"),
        ("x = [for v l : v]", 1, 12, "'in' in the 'for' expression"),
        ("x = [for v in l v]", 1, 17, "':' after the collection"),
        ("x = [for v in l : v if]", 1, 23, "expected an expression"),
        ("x = {for k, v in l : k => v if v ...}", 1, 34, "expected '}'"),
        ('x = "%{ else }"', 1, 6, "%{ else } without a matching %{ if }"),
        ('x = "%{ if a }%{ else }%{ else }%{ endif }"', 1, 24, "%{ else } without"),
        ('x = "%{ endif }"', 1, 6, "%{ endif } without a matching %{ if }"),
        ('x = "%{ if a }%{ endfor }"', 1, 15, "%{ endfor } without a matching %{ for }"),
        ('x = "%{ while a }"', 1, 9, "if, for, else, endif or endfor"),
        ('x = "%{ for in l }%{ endfor }"', 1, 16, "'in' in the 'for' directive"),
        ('x = "${ a b }"', 1, 11, "'}' to end '${'"),
        ('x = "${}"', 1, 8, "expected an expression, found '}'"),
        ('x = "\\d"', 1, 6, "invalid escape sequence '\\\\d'"),
        ('x = "ok\\u12"', 1, 8, "invalid escape sequence"),
        ('x = "\\UFFFFFFFF"', 1, 6, "invalid unicode escape"),
        ("x = 'single'", 1, 5, 'invalid character "\'"; strings use double quotes'),
        ("x = a & b", 1, 7, "the logical AND operator is &&"),
        ("x = a | b", 1, 7, "the logical OR operator is ||"),
        ("x = ${a}", 1, 5, "only valid inside a string"),
        ("x = a ~ b", 1, 7, "invalid character '~'"),
        ("x = 1 @", 1, 7, "invalid character '@'"),
        ("\ufeffx = 1", 1, 1, "byte order marks are not permitted"),
        ("x = 1\ry = 2", 1, 6, "only valid as part of a CRLF line ending"),
        ("x = <<EOF \nabc\nEOF\n", 1, 5, "invalid heredoc"),
        ("x = << EOF\nabc\nEOF\n", 1, 5, "invalid heredoc"),
        ("x = <<EOF", 1, 5, "invalid heredoc"),
        ("x = a ~}", 1, 7, "found '~}'"),
    ],
)
def test_syntax_errors(text: str, line: int, column: int, fragment: str) -> None:
    error = error_of(text)
    assert fragment in error.message, error.message
    assert (error.line, error.column) == (line, column), error.message


def test_first_error_in_source_order_is_reported() -> None:
    # The string on line 3 cannot be tokenized, but line 2 fails first.
    assert where('a = 1\nb = = 2\nc = "open\n') == (2, 5)
    # And the tokenizing error is reported when everything before it parses.
    assert where('a = 1\nb = 2\nc = "open\n') == (3, 5)


# -- nesting limits --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 10_000,
        "x = " + "[" * 10_000 + "]" * 10_000,
        "x = " + "(" * 10_000 + "1" + ")" * 10_000,
        "x = " + "{a=" * 10_000,
        "x = " + "f(" * 10_000,
        "x = " + '"${' * 10_000,
        "x = " + "a ? b : " * 10_000 + "c",
        "x = " + "a[" * 10_000,
        "x = " + "[for v in " * 10_000,
        "a {\n" * 10_000,
        "a {\n" * 10_000 + "}\n" * 10_000,
        "x = <<EOF\n" + "${<<EOF\n" * 5_000,
    ],
)
def test_deep_nesting_is_a_syntax_error(text: str) -> None:
    with time_limit(10):
        error = error_of(text)
    assert error.line >= 1


def test_long_flat_input_is_fine() -> None:
    assert value("x = " + "!" * 10_000 + "a") == OTHER
    assert value("x = " + "-" * 10_000 + "1") == OTHER
    assert value("x = " + " + ".join(["1"] * 10_000)) == OTHER
    assert len(value("x = [" + "1," * 10_000 + "]").elements) == 10_000
    assert value("x = a" + ".b" * 10_000) == OTHER
    assert len(parse("".join(f"a{n} = {n}\n" for n in range(5_000))).attributes) == 5_000
    assert where("x = " + " " * 100_000 + "@") == (1, 100_005)


def test_nesting_up_to_the_limit_parses() -> None:
    # Every expression counts one level, the empty innermost tuple none.
    limit = MAX_NESTING
    assert value("x = " + "[" * limit + "]" * limit).kind == "tuple"
    assert value("x = " + "{a=" * (limit - 1) + "1" + "}" * (limit - 1)).kind == "object"
    assert parse("a {\n" * limit + "}\n" * limit).blocks[0].type == "a"
    for text in [
        "x = " + "[" * (limit + 1) + "]" * (limit + 1),
        "x = " + "{a=" * limit + "1" + "}" * limit,
        "a {\n" * (limit + 1) + "}\n" * (limit + 1),
    ]:
        with pytest.raises(HclSyntaxError, match=f"nesting deeper than {limit} levels"):
            parse(text)


# -- real files ---------------------------------------------------------------------


def _example_files() -> list[Path]:
    roots = [CONFORMANCE, REPO_ROOT / "demo"]
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            found.extend(root.rglob("*.tf"))
            found.extend(root.rglob("*.tfquery.hcl"))
    return sorted(found)


EXAMPLE_FILES = _example_files()


@pytest.mark.skipif(not EXAMPLE_FILES, reason="no example files found")
@pytest.mark.parametrize(
    "path",
    EXAMPLE_FILES,
    ids=lambda p: str(p.relative_to(REPO_ROOT.parent)),
)
def test_real_example_files_parse(path: Path) -> None:
    body = parse(path.read_text(encoding="utf-8"), str(path))
    assert body.attributes or body.blocks


def test_provider_function_examples_report_their_calls() -> None:
    files = [p for p in EXAMPLE_FILES if p.parent.parent.name == "functions"]
    calls = [c for p in files for c in all_calls(parse(p.read_text(encoding="utf-8")))]
    if not files:
        pytest.skip("no function examples found")
    assert all(c.name.startswith("provider::") for c in calls)


TYPICAL = """\
variable "secret_sauce" {
  description = "Private ingredient list for the sauce."
  type        = string
  sensitive   = true
}

resource "kitchen_recipe" "lasagne" {
  name    = "Lasagne al forno"
  cuisine = "italian"
  summary = "Layers of ${var.pasta}, slow-cooked ragù and béchamel."

  secret_sauce = var.secret_sauce
  servings     = provider::kitchen::scale_quantity(4, local.factor)

  source = {
    author = "Nonna Rosa"
    url    = "https://kitchen.example.com/recipes/lasagne"
    year   = 1962
  }

  tags = { for k, v in var.tags : k => upper(v) if v != "" }

  step {
    instruction      = "Simmer the ragù on a low heat."
    duration_minutes = 180
    timer {
      minutes = 180
      label   = "Ragù"
    }
  }
}
"""


def test_large_input_scales_linearly() -> None:
    big = TYPICAL.replace('"lasagne"', '"lasagne_{n}"')
    text = "".join(big.replace("{n}", str(n)) for n in range(300))  # ~9,000 lines
    with time_limit(10):
        body = parse(text)
    assert len(body.blocks) == 600
    assert len(all_calls(body)) == 600


# -- fuzzing: never anything but HclSyntaxError, never a hang --------------------------

FRAGMENTS = [
    *"{}[]()\"'$%\\<>=!?:.,*/+-&|~#\n \t\r",
    "${",
    "%{",
    "$${",
    "%%{",
    "~}",
    "${~",
    "<<EOF\n",
    "<<-EOF\n",
    "EOF\n",
    "  EOF\n",
    "/*",
    "*/",
    "//",
    "...",
    "::",
    "=>",
    "==",
    "&&",
    "||",
    "for",
    "in",
    "if",
    "else",
    "endif",
    "endfor",
    "true",
    "null",
    "a",
    "b",
    "é",
    "1",
    "1.5",
    "1e3",
    "0.0",
    "\\n",
    "\\u00e9",
    "\\q",
    "x = ",
    "f(",
    "provider::",
    "\r\n",
    "\ufeff",
]

CORPUS = [
    TYPICAL,
    'locals {\n  a = { x = 1, "y" = [1, 2,], (var.k) : upper("z") }\n'
    '  c = "hi ${upper(var.n)} %{ if var.x }y%{ else }n%{ endif } $${lit}"\n'
    '  d = <<-EOT\n    t ${lower("A")}\n    %{ for x in var.l ~}\n    ${x}\n'
    "    %{~ endfor }\n    EOT\n"
    "  e = [for k, v in var.m : v if v != null]\n"
    "  f = {for k, v in var.m : k => v...}\n"
    "  g = aws_x.y[*].id\n  h = var.a.b[0].*.c\n  i = a ? b : c\n"
    '  j = !true && -1 >= 2 || 3 % 2 == 0\n  k = format("%s", var.l...)\n}\n'
    'variable "x" { default = 1 }\n',
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_fuzz_random_text(text: str) -> None:
    check_never_crashes(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_fuzz_hcl_fragments(text: str) -> None:
    check_never_crashes(text)


@st.composite
def mutated_hcl(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 4))):
        size = len(text)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 20)))
        operation = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if operation == "delete":
            text = text[:start] + text[end:]
        elif operation == "insert":
            text = text[:start] + draw(st.sampled_from(FRAGMENTS)) + text[start:]
        elif operation == "replace":
            text = text[:start] + draw(st.text(max_size=3)) + text[end:]
        else:
            text = text[:end] + text[start:end] + text[end:]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_hcl())
def test_fuzz_mutated_valid_hcl(text: str) -> None:
    check_never_crashes(text)


def test_corpus_is_valid() -> None:
    for text in CORPUS:
        parse(text)


# -- round trip: generate a structure, print it, parse it back ----------------------------

_FIRST = "abcdxyz_éßπ名"
_REST = _FIRST + "0123456789-"
_RESERVED = {"true", "false", "null", "for", "in", "if"}

names = st.builds(
    lambda first, rest: first + rest, st.sampled_from(_FIRST), st.text(_REST, max_size=6)
).filter(lambda name: name not in _RESERVED)


def quote(text: str) -> str:
    """``text`` as an HCL quoted string literal."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("${", "$${")
        .replace("%{", "%%{")
    )
    return f'"{escaped}"'


strings = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)


@dataclass
class Lit:
    text: str


@dataclass
class Call:
    name: str
    args: list[Node]
    expanded: bool


@dataclass
class Obj:
    items: list[tuple[str, str, Node]]  # (key style, key, value)
    multiline: bool
    separator: str
    trailing_comma: bool


@dataclass
class Tup:
    elements: list[Node]
    multiline: bool
    trailing_comma: bool


Node = Lit | Call | Obj | Tup


@dataclass
class Attr:
    name: str
    value: Node
    comment: str


@dataclass
class Blk:
    type: str
    labels: list[tuple[bool, str]]  # (quoted, text)
    items: list[Attr | Blk]
    one_line: bool


literals = st.one_of(
    st.integers(0, 10**9).map(str),
    st.sampled_from(["0.5", "1e3", "1.5e-3", "2E+2", "-1", "true", "false", "null"]),
    strings.map(quote),
    st.sampled_from(
        ["var.x", "var.a.b[0]", "a[*].id", "a ? b : c", "[for v in l : v]", "!x", "(1 + 2)"]
    ),
).map(Lit)

function_names = st.one_of(names, names.map(lambda n: f"provider::kitchen::{n}"))


def _calls(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.builds(
        lambda name, args, expanded: Call(name, args, expanded and bool(args)),
        function_names,
        st.lists(children, max_size=3),
        st.booleans(),
    )


def _objects(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    key_styles = st.one_of(
        st.tuples(st.just("ident"), names),
        st.tuples(st.just("quoted"), strings),
        st.tuples(st.just("paren"), names),
        st.tuples(st.just("call"), names),
        # A naked dotted name (`aws.alias`): parsed as an expression key, as HCL does.
        st.tuples(st.just("dotted"), st.lists(names, min_size=2, max_size=3).map(".".join)),
    )
    items = st.lists(
        st.builds(lambda key, node: (key[0], key[1], node), key_styles, children), max_size=4
    )
    return st.builds(Obj, items, st.booleans(), st.sampled_from(["=", ":"]), st.booleans())


def _tuples(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.builds(Tup, st.lists(children, max_size=4), st.booleans(), st.booleans())


values: st.SearchStrategy[Node] = st.recursive(
    literals,
    lambda children: st.one_of(_calls(children), _objects(children), _tuples(children)),
    max_leaves=12,
)

comments = st.sampled_from(
    ["", " # note", " // note", " /* note */", " # ...", " // ... more ...", " /* … */", " # a...b"]
)


def is_elision(comment: str) -> bool:
    """Whether a generated comment says that its block leaves content out."""
    text = comment.strip().removeprefix("#").removeprefix("//").removeprefix("/*")
    text = text.removesuffix("*/").strip()
    return text.startswith(("...", "…")) or text.endswith(("...", "…"))


def _unique_attributes(items: list[Attr | Blk]) -> list[Attr | Blk]:
    seen: set[str] = set()
    kept: list[Attr | Blk] = []
    for item in items:
        if isinstance(item, Attr):
            if item.name in seen:
                continue
            seen.add(item.name)
        kept.append(item)
    return kept


attributes = st.builds(Attr, names, values, comments)
labels = st.lists(
    st.one_of(st.tuples(st.just(True), strings), st.tuples(st.just(False), names)), max_size=3
)
body_items: st.SearchStrategy[list[Attr | Blk]] = st.recursive(
    st.lists(attributes, max_size=4).map(list).map(_unique_attributes),
    lambda children: st.lists(
        st.one_of(
            attributes,
            st.builds(Blk, names, labels, children, st.booleans()),
        ),
        max_size=5,
    ).map(_unique_attributes),
    max_leaves=10,
).map(_unique_attributes)


@dataclass
class Printer:
    """Prints the generated structure as HCL and builds the model expected back."""

    parts: list[str] = field(default_factory=list)
    line: int = 1
    column: int = 1
    calls: list[FunctionCall | None] = field(default_factory=list)

    def write(self, text: str) -> None:
        self.parts.append(text)
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n")
        else:
            self.column += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def _calls_since(self, start: int) -> tuple[FunctionCall, ...]:
        found = self.calls[start:]
        assert all(c is not None for c in found)
        return tuple(c for c in found if c is not None)

    def expression(self, node: Node, indent: str) -> Expression:
        line = self.line
        start = len(self.calls)
        if isinstance(node, Lit):
            self.write(node.text)
            return Expression("other", line)
        if isinstance(node, Call):
            slot = len(self.calls)
            self.calls.append(None)
            column = self.column
            self.write(node.name + "(")
            for index, arg in enumerate(node.args):
                if index:
                    self.write(", ")
                self.expression(arg, indent)
            self.write("...)" if node.expanded else ")")
            self.calls[slot] = FunctionCall(node.name, len(node.args), node.expanded, line, column)
            return Expression("other", line, calls=self._calls_since(start))
        inner = indent + "  "
        if isinstance(node, Tup):
            self.write("[")
            elements = []
            for index, element in enumerate(node.elements):
                if node.multiline:
                    self.write("\n" + inner)
                elif index:
                    self.write(" ")
                elements.append(self.expression(element, inner))
                if index < len(node.elements) - 1 or node.trailing_comma:
                    self.write(",")
            self.write(("\n" + indent if node.multiline else "") + "]")
            return Expression(
                "tuple", line, elements=tuple(elements), calls=self._calls_since(start)
            )
        self.write("{")
        items = []
        for index, (style, key, item_value) in enumerate(node.items):
            if node.multiline:
                self.write("\n" + inner)
            elif index:
                self.write(" ")
            item_line = self.line
            literal_key: str | None = None
            if style == "ident":
                self.write(key)
                literal_key = key
            elif style == "quoted":
                self.write(quote(key))
                literal_key = key
            elif style == "paren":
                self.write(f"({key})")
            elif style == "dotted":
                self.write(key)
            else:
                self.write("(")
                self.expression(Call("upper", [Lit(quote(key))], False), inner)
                self.write(")")
            self.write(f" {node.separator} ")
            item = self.expression(item_value, inner)
            items.append(ObjectItem(literal_key, item, item_line))
            if node.trailing_comma or (not node.multiline and index < len(node.items) - 1):
                self.write(",")
        self.write(("\n" + indent if node.multiline else "") + "}")
        return Expression("object", line, items=tuple(items), calls=self._calls_since(start))

    def body(self, items: list[Attr | Blk], indent: str) -> Body:
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for item in items:
            self.write(indent)
            line = self.line
            if isinstance(item, Attr):
                self.write(f"{item.name} = ")
                attributes.append(Attribute(item.name, self.expression(item.value, indent), line))
                self.write(item.comment + "\n")
                continue
            self.write(item.type)
            for quoted, label in item.labels:
                self.write(" " + (quote(label) if quoted else label))
            only = item.items[0] if len(item.items) == 1 else None
            if item.one_line and not item.items:
                self.write(" {}\n")
                body = Body((), ())
            elif item.one_line and isinstance(only, Attr):
                self.write(f" {{ {only.name} = ")
                one = Attribute(only.name, self.expression(only.value, indent), self.line)
                one = Attribute(one.name, one.value, line)
                self.write(" }\n")
                body = Body((one,), ())
            else:
                self.write(" {\n")
                body = self.body(item.items, indent + "  ")
                self.write(indent + "}\n")
            blocks.append(Block(item.type, tuple(t for _, t in item.labels), body, line))
        elided = any(isinstance(i, Attr) and is_elision(i.comment) for i in items)
        return Body(tuple(attributes), tuple(blocks), elided)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_items, st.booleans(), st.booleans())
def test_round_trip(items: list[Attr | Blk], crlf: bool, trailing_newline: bool) -> None:
    printer = Printer()
    expected = printer.body(items, "")
    text = printer.text()
    if not trailing_newline:
        text = text.removesuffix("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    parsed = parse(text)
    assert parsed == expected, text
    assert all_calls(parsed) == [c for c in printer.calls if c is not None], text


@st.composite
def names_with_a_duplicate(draw: st.DrawFn) -> tuple[list[str], int, int]:
    """Distinct names with one of them repeated later: (names, first index, repeat index)."""
    unique = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    first = draw(st.integers(0, len(unique) - 1))
    repeat = draw(st.integers(first + 1, len(unique)))
    return [*unique[:repeat], unique[first], *unique[repeat:]], first, repeat


@given(names_with_a_duplicate(), st.booleans())
def test_duplicate_attribute_names_are_caught(
    case: tuple[list[str], int, int], in_block: bool
) -> None:
    attr_names, first, repeat = case
    indent = "  " if in_block else ""
    text = "".join(f"{indent}{name} = 1\n" for name in attr_names)
    offset = 1 if in_block else 0
    if in_block:
        text = "b {\n" + text + "}\n"
    error = error_of(text)
    assert (error.line, error.column) == (repeat + 1 + offset, len(indent) + 1)
    assert error.message == (
        f"attribute {attr_names[first]} already defined at line {first + 1 + offset}"
    )
