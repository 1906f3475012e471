"""Dotted object keys, standalone expressions (documentation fragments) and ``# ...``
elision comments, each as Terraform's own parser sees them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from plating.hcl import (
    Body,
    Expression,
    HclSyntaxError,
    all_calls,
    parse,
    parse_expression,
    parse_fragment,
)
from tests.terraform_cli import terraform_cli


def block_body(text: str) -> Body:
    return parse(text).blocks[0].body


# -- dotted names as object keys ----------------------------------------------------------

# Each form of a naked dotted key, in each context an object constructor can stand in.
DOTTED_KEYS = {
    "equals": "x = { a.b = 1 }\n",
    "colon, three steps": "x = { a.b.c : 1 }\n",
    "module providers": (
        'module "m" {\n  source    = "./m"\n  providers = { aws.alias = aws.west }\n}\n'
    ),
    "multi-line object": "x = {\n  a.b   = 1\n  c.d.e = 2\n}\n",
    "nested object": "x = { outer = { a.b = 1 } }\n",
    "tuple element": "x = [{ a.b = 1 }, { c.d = 2 }]\n",
    "function argument": "x = merge({ a.b = 1 }, f({ c.d : 2 }))\n",
    "template interpolation": 'x = "${jsonencode({ a.b = 1 })}"\n',
    "parentheses": "x = ({ a.b = 1 })\n",
    "conditional": "x = c ? { a.b = 1 } : { a.c = 2 }\n",
    "for expression value": "x = { for k, v in m : k => { a.b = v } }\n",
    "one-line block": 'resource "t" "n" { tags = { a.b = 1 } }\n',
    "nested block": "a {\n  b {\n    x = { a.b = 1 }\n  }\n}\n",
    "legacy index step": "x = { a.0 = 1 }\n",
    "splat step": "x = { a.* = 1 }\n",
    "index step": "x = { a[0] = 1 }\n",
    "mixed with literal keys": 'x = { plain = 1, "quoted.key" = 2, a.b = 3, (var.k) = 4 }\n',
}


@pytest.mark.parametrize("text", DOTTED_KEYS.values(), ids=list(DOTTED_KEYS))
def test_dotted_names_are_object_keys(text: str) -> None:
    body = parse(text)
    assert body.attributes or body.blocks


def test_a_dotted_key_is_an_expression_key_and_its_value_is_kept() -> None:
    value = parse("x = { a.b = f(1), c = 2, a.b.c : [g()] }\n").attributes[0].value
    assert value.kind == "object"
    assert [item.key for item in value.items] == [None, "c", None]
    assert value.items[2].value.kind == "tuple"
    assert [call.name for call in value.calls] == ["f", "g"]


def test_module_providers_map_keeps_the_alias_item() -> None:
    module = parse(DOTTED_KEYS["module providers"]).blocks[0]
    providers = next(a for a in module.body.attributes if a.name == "providers").value
    assert providers.kind == "object" and len(providers.items) == 1
    assert providers.items[0].key is None and providers.items[0].line == 3


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        # What Terraform refuses stays refused.
        ("x = { a.b\n = 1 }\n", 1, 10, "'=' or ':' after the object key"),
        ("x = { a.b }\n", 1, 11, "'=' or ':' after the object key"),
        ("x = { a.b = }\n", 1, 13, "expected an expression"),
        ("x = { a.b = 1 c.d = 2 }\n", 1, 15, "a newline, ',' or '}' after the item"),
        ("x = { a. = 1 }\n", 1, 10, "an attribute name, index or '*' after '.'"),
        ("x = { a.b.0.0 = 1 }\n", 1, 11, "chained legacy indexes"),
        ("a.b = 1\n", 1, 2, "'=' (attribute) or a label or '{' (block) after 'a'"),
    ],
)
def test_what_terraform_refuses_around_dotted_keys_stays_an_error(
    text: str, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(HclSyntaxError) as info:
        parse(text)
    assert fragment in info.value.message, info.value.message
    assert (info.value.line, info.value.column) == (line, column)


def _terraform_accepts(text: str, tmp_path: Path) -> bool:
    cli_config = tmp_path / "terraformrc"
    cli_config.write_text("", encoding="utf-8")
    result = subprocess.run(
        [terraform_cli(), "fmt", "-"],
        input=text.encode(),
        capture_output=True,
        env={**os.environ, "TF_CLI_CONFIG_FILE": str(cli_config)},
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 2), result.stderr
    return result.returncode == 0


AGREEMENT_CASES = [
    *DOTTED_KEYS.values(),
    "x = { a.b\n = 1 }\n",
    "x = { a.b }\n",
    "x = { a.b = 1 c.d = 2 }\n",
    "a.b = 1\n",
]


def test_terraform_agrees_on_every_dotted_key_case(tmp_path: Path) -> None:
    for text in AGREEMENT_CASES:
        try:
            parse(text)
            ours = True
        except HclSyntaxError:
            ours = False
        assert ours == _terraform_accepts(text, tmp_path), text


# -- standalone expressions ---------------------------------------------------------------


def test_a_dashboard_panel_fragment_is_an_object_expression() -> None:
    text = (
        "{\n"
        '  type = "image"\n'
        "  grid = { x = 0, y = 0, w = 12, h = 4 }\n"
        '  content = { url = "https://example.com/logo.png" }\n'
        "}\n"
    )
    expression = parse_expression(text)
    assert expression.kind == "object"
    assert [item.key for item in expression.items] == ["type", "grid", "content"]
    assert [item.line for item in expression.items] == [2, 3, 4]
    assert expression.items[1].value.kind == "object"


@pytest.mark.parametrize(
    "text",
    [
        '{ type = "image", grid = { x = 0 } }',
        "\n\n[\n  1,\n  2,\n]\n\n",
        "var.settings.tags",
        "merge(local.a,\n  local.b)\n",
        "# a comment first\n{ a = 1 } // and after\n",
        'cond\n  ? "a"\n  : "b"\n',
        "[for s in var.subnets : s.id if s.public]",
        "<<EOT\nheredoc\nEOT\n",
    ],
)
def test_standalone_expressions_parse(text: str) -> None:
    parse_expression(text)


def test_an_expression_records_its_calls() -> None:
    expression = parse_expression("[\n  provider::kitchen::scale(1, 2),\n  upper(x),\n]")
    assert expression.kind == "tuple"
    assert [(c.name, c.line) for c in expression.calls] == [
        ("provider::kitchen::scale", 2),
        ("upper", 3),
    ]


def test_a_panel_copied_from_its_list_is_a_fragment() -> None:
    """Guides copy one panel out of a dashboard's list of panels, comma included: not an
    expression, but list elements without their brackets."""
    text = '{\n  type = "image"\n  grid = { x = 0, w = upper("a") }\n},\n'
    with pytest.raises(HclSyntaxError, match="found ','"):
        parse_expression(text)
    fragment = parse_fragment(text)
    assert fragment.kind == "tuple"
    (panel,) = fragment.elements
    assert panel.kind == "object" and [item.key for item in panel.items] == ["type", "grid"]
    assert [(c.name, c.line) for c in fragment.calls] == [("upper", 3)]


def test_several_list_elements_are_a_fragment() -> None:
    fragment = parse_fragment('{ type = "text" },\n{ type = "image" }\n')
    assert fragment.kind == "tuple" and len(fragment.elements) == 2


def test_a_fragment_without_a_comma_is_the_expression_itself() -> None:
    assert parse_fragment('{ type = "image" }').kind == "object"
    assert parse_fragment("[1, 2]").kind == "tuple"
    assert parse_fragment("[1, 2]").elements == parse_expression("[1, 2]").elements


Reader = Callable[[str, str], object]
#: Errors of a standalone expression, and so of a fragment too.
EXPRESSION_ERRORS = [
    ("", 1, 1, "expected an expression, found the end of the file"),
    ("{ a = 1 } b", 1, 11, "expected the end of the expression, found 'b'"),
    ("a = 1\n", 1, 3, "expected the end of the expression, found '='"),
    ('resource "a" "b" {}', 1, 10, "expected the end of the expression, found a string"),
    ("{ a = 1\n", 1, 1, "unclosed object opened at line 1"),
    ("{ a = 1 b = 2 }", 1, 9, "a newline, ',' or '}' after the item"),
]
#: Errors of list elements without their brackets.
FRAGMENT_ERRORS = [
    ("{ a = 1 } { b = 2 }", 1, 11, "expected the end of the expression, found '{'"),
    ("{ a = 1 },\n{ b = 2 } x", 2, 11, "expected ',' or the end of the list elements"),
    ("{ a = 1 },,", 1, 11, "expected an expression, found ','"),
    (",", 1, 1, "expected an expression, found ','"),
    ("{ a = 1 b = 2 },", 1, 9, "a newline, ',' or '}' after the item"),
]


@pytest.mark.parametrize(
    ("read", "text", "line", "column", "message"),
    [(parse_expression, *case) for case in EXPRESSION_ERRORS]
    + [(parse_fragment, *case) for case in EXPRESSION_ERRORS + FRAGMENT_ERRORS],
)
def test_expression_and_fragment_errors(
    read: Reader, text: str, line: int, column: int, message: str
) -> None:
    with pytest.raises(HclSyntaxError) as info:
        read(text, "page.md")
    assert message in info.value.message, info.value.message
    assert (info.value.line, info.value.column) == (line, column)
    assert str(info.value).startswith(f"page.md:{line}:{column}: ")


def test_deep_expressions_fail_cleanly() -> None:
    with pytest.raises(HclSyntaxError, match="nesting deeper than"):
        parse_expression("[" * 500 + "]" * 500)


# -- elision comments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'resource "a" "b" {\n  # ...\n}\n',
        'resource "a" "b" { # ...\n}\n',
        'resource "a" "b" {\n  name = "x" # ...\n}\n',
        'resource "a" "b" {\n  // ... other configuration ...\n}\n',
        'resource "a" "b" {\n  /* ... */\n}\n',
        'resource "a" "b" {\n  # other arguments ...\n}\n',
        'resource "a" "b" {\n  # \u2026\n}\n',
        'resource "a" "b" {\n  #...\n}\n',
        'resource "a" "b" { /* ... */ }\n',
        'resource "a" "b" { name = "x" /* ... */ }\n',
        'resource "a" "b" { /* ... */ name = "x" }\n',
        'resource "a" "b" {\r\n  # ...\r\n}\r\n',
        'resource "a" "b" {\n  nested {\n  }\n  # ...\n}\n',
        'resource "a" "b" {\n  nested {} # ...\n}\n',
        'resource "a" "b" {\n  /* a comment\n     ... */\n}\n',
    ],
)
def test_a_block_with_an_ellipsis_comment_is_elided(text: str) -> None:
    assert block_body(text).elided


@pytest.mark.parametrize(
    "text",
    [
        'resource "a" "b" {\n  name = "x"\n}\n',
        'resource "a" "b" {\n  # see the provider documentation\n}\n',
        'resource "a" "b" {\n  # a ... in the middle\n}\n',
        'resource "a" "b" {\n  name = "# ..."\n}\n',
        'resource "a" "b" {\n  name = "..."\n}\n',
        'resource "a" "b" {\n  text = <<EOT\n# ...\nEOT\n}\n',
        'resource "a" "b" {\n  list = concat(var.lists...)\n}\n',
        'resource "a" "b" {\n  nested {\n    # ...\n  }\n}\n',
        'resource "a" "b" {\n  tags = {\n    # ...\n  }\n}\n',
        'resource "a" "b" {}\n# ...\n',
    ],
)
def test_a_block_without_its_own_ellipsis_comment_is_complete(text: str) -> None:
    assert not block_body(text).elided


def test_only_the_block_holding_the_comment_is_elided() -> None:
    body = block_body(
        'resource "a" "b" {\n  name = "x"\n  nested {\n    # ...\n  }\n  other {\n  }\n}\n'
    )
    assert not body.elided
    assert [b.body.elided for b in body.blocks] == [True, False]


def test_an_object_with_an_ellipsis_comment_is_elided() -> None:
    text = (
        "x = {\n  a = 1\n  # ...\n  nested = {\n    b = 2\n  }\n  done = { c = 3 /* ... */ }\n}\n"
    )
    value = parse(text).attributes[0].value
    assert value.elided
    assert [item.value.elided for item in value.items] == [False, False, True]


def test_elision_does_not_change_the_structure() -> None:
    plain = 'resource "a" "b" {\n  name = f(1)\n  inner {\n    x = { k = 1 }\n  }\n}\n'
    abridged = plain.replace("f(1)\n", "f(1) # ...\n")
    before, after = parse(plain), parse(abridged)
    assert after.blocks[0].body.elided and not before.blocks[0].body.elided
    assert after.blocks[0].body.blocks == before.blocks[0].body.blocks
    assert after.blocks[0].body.attributes == before.blocks[0].body.attributes
    assert all_calls(after) == all_calls(before)


def test_a_bare_ellipsis_is_still_a_syntax_error_with_the_way_out() -> None:
    with pytest.raises(HclSyntaxError) as info:
        parse('resource "a" "b" {\n  ...\n}\n')
    assert (info.value.line, info.value.column) == (2, 3)
    assert "write a comment: # ..." in info.value.message


def test_expression_objects_note_elision_too() -> None:
    expression: Expression = parse_expression('{\n  type = "x"\n  # ...\n}\n')
    assert expression.elided
