"""The Template API: associated templates, redefinition, errors as Go words them, bounds."""

from __future__ import annotations

import time
from typing import Any

import pytest

from plating.gotemplate import ExecError, ParseError, Template, TemplateError
from plating.render.budget import CALL_DEPTH_LIMIT

from .godata import Tree


def test_parse_returns_the_template_and_execute_renders() -> None:
    template = Template("t")
    assert template.parse("Hello, {{.}}!") is template
    assert template.name == "t"
    assert template.execute("world") == "Hello, world!"


def test_defines_are_associated_templates() -> None:
    template = Template("page").parse('{{define "x"}}X{{.}}{{end}}[{{template "x" .}}]')
    assert template.execute(1) == "[X1]"
    inner = template.lookup("x")
    assert inner is not None
    assert inner.name == "x"
    assert inner.execute(2) == "X2"
    assert template.execute_template("x", 3) == "X3"
    assert [t.name for t in template.templates()] == ["page", "x"]
    assert template.lookup("nope") is None
    assert template.defined_templates() == '; defined templates are: "page", "x"'


def test_parse_again_replaces_definitions_but_not_with_empty_ones() -> None:
    template = Template("t").parse('{{define "a"}}A1{{end}}{{template "a"}}')
    assert template.execute() == "A1"
    template.parse('{{define "a"}}A2{{end}}{{template "a"}}')
    assert template.execute() == "A2"
    # An empty body does not replace an existing template (Go's rule for ParseFiles sets).
    template.parse('{{define "a"}}  {{end}}{{template "a"}}')
    assert template.execute() == "A2"
    template.new("b").parse("B")
    assert template.execute_template("b") == "B"


def test_block_is_a_default_that_a_later_parse_overrides() -> None:
    base = Template("base").parse('<{{block "content" .}}default {{.}}{{end}}>')
    assert base.execute("x") == "<default x>"
    base.parse('{{define "content"}}custom {{.}}{{end}}')
    assert base.execute("x") == "<custom x>"


def test_template_call_sees_only_dot() -> None:
    text = '{{define "inner"}}{{.}}{{end}}{{$x := 1}}{{template "inner" "in"}}{{$x}}'
    assert Template("t").parse(text).execute() == "in1"
    with pytest.raises(ParseError, match='undefined variable "\\$x"'):
        Template("t").parse('{{$x := 1}}{{define "inner"}}{{$x}}{{end}}')


def test_template_without_pipeline_gets_nil() -> None:
    text = '{{define "inner"}}[{{.}}]{{end}}{{template "inner"}}'
    assert Template("t").parse(text).execute("data") == "[<no value>]"


def test_recursive_template_walks_a_tree() -> None:
    text = (
        '{{define "tree"}}[{{.Val}}{{with .Left}}{{template "tree" .}}{{end}}'
        '{{with .Right}}{{template "tree" .}}{{end}}]{{end}}{{template "tree" .}}'
    )
    tree = Tree(1, Tree(2, Tree(3), Tree(4)), Tree(5, Tree(6)))
    assert Template("t").parse(text).execute(tree) == "[1[2[3][4]][5[6]]]"


def test_trimming_with_other_delimiters() -> None:
    text = '\n\t(- define "tree" -)\n\t[\n\t\t(- .Val -)\n\t](- end -)\n(template "tree" .)'
    template = Template("t").delims("(", ")").parse(text)
    assert template.execute(Tree(7)) == "[7]"


@pytest.mark.parametrize(
    ("left", "right"), [("", ""), ("{{", "}}"), ("<<", ">>"), ("|", "|"), ("(日)", "(本)")]
)
def test_delimiters(left: str, right: str) -> None:
    true_left, true_right = left or "{{", right or "}}"
    text = (
        true_left
        + ".Str"
        + true_right
        + true_left
        + "/*comment*/"
        + true_right
        + true_left
        + '"'
        + true_left
        + '"'
        + true_right
    )
    template = Template("delims").delims(left, right).parse(text)
    assert template.execute({"Str": "Hello, world"}) == "Hello, world" + true_left


def test_funcs_must_be_callable_identifiers() -> None:
    with pytest.raises(ValueError, match="not a valid identifier"):
        Template("t").funcs({"a-b": str.lower})
    with pytest.raises(ValueError, match="value for x not a function"):
        Template("t").funcs({"x": 3})  # type: ignore[dict-item]


def test_user_functions_override_builtins_and_keep_python_defaults_optional() -> None:
    template = Template("t").funcs({"print": lambda x: f"<{x}>", "trimspace": str.strip})
    template.parse('{{print "a"}} {{trimspace "  b  "}} {{trimspace "xxbxx" "x"}}')
    assert template.execute() == "<a> b b"


def test_function_errors_name_the_function() -> None:
    def fail(text: str) -> str:
        raise OSError(f"open {text}: no such file or directory")

    template = Template("resources.md.tmpl").funcs({"codefile": fail})
    template.parse('line\n{{codefile "shell" "x"}}')
    with pytest.raises(ExecError) as caught:
        template.execute({"File": "x.sh"})
    error = caught.value
    assert str(error) == (
        'template: resources.md.tmpl:2:2: executing "resources.md.tmpl" at <codefile>: '
        "wrong number of args for codefile: want 1 got 2"
    )
    template = (
        Template("resources.md.tmpl").funcs({"codefile": fail}).parse("\n{{ codefile .File }}")
    )
    with pytest.raises(ExecError) as caught:
        template.execute({"File": "x.sh"})
    error = caught.value
    assert str(error) == (
        'template: resources.md.tmpl:2:3: executing "resources.md.tmpl" at <codefile .File>: '
        "error calling codefile: open x.sh: no such file or directory"
    )
    assert (error.template, error.line, error.column) == ("resources.md.tmpl", 2, 3)
    assert error.message == "error calling codefile: open x.sh: no such file or directory"
    assert error.context == "codefile .File"
    assert error.executing == "resources.md.tmpl"
    assert isinstance(error, TemplateError)


def test_error_in_a_nested_template_names_both() -> None:
    text = (
        'line 1\nline 2\nline 3\n{{template "one" .}}\n'
        '{{define "one"}}{{template "two" .}}{{end}}\n'
        '{{define "two"}}{{template "three" .}}{{end}}\n{{define "three"}}{{index "hi" $}}{{end}}'
    )
    with pytest.raises(ExecError) as caught:
        Template("top").parse(text).execute(5)
    assert str(caught.value) == (
        'template: top:7:20: executing "three" at <index "hi" $>: '
        "error calling index: index out of range: 5"
    )


def test_missing_template() -> None:
    with pytest.raises(ExecError) as caught:
        Template("t").parse('{{template "nope"}}').execute()
    assert str(caught.value) == 'template: t:1:11: executing "t" at <{{template "nope"}}>: ' + (
        'template "nope" not defined'
    )
    with pytest.raises(ExecError) as caught:
        Template("t").parse("x").execute_template("nope")
    assert str(caught.value) == 'template: no template "nope" associated with template "t"'


def test_unparsed_template_is_incomplete() -> None:
    with pytest.raises(ExecError) as caught:
        Template("t").execute()
    assert str(caught.value) == 'template: t: "t" is an incomplete or empty template'


def test_template_call_depth_is_bounded() -> None:
    template = Template("t").parse(
        '{{define "loop"}}{{template "loop" .}}{{end}}{{template "loop"}}'
    )
    with pytest.raises(ExecError) as caught:
        template.execute()
    assert f"exceeded maximum template depth ({CALL_DEPTH_LIMIT})" in str(caught.value)
    with pytest.raises(ExecError, match=r"exceeded maximum template depth \(3\)"):
        template.execute(max_depth=3)


def test_output_is_bounded_while_it_is_written() -> None:
    template = Template("t").parse("{{range 1000000}}0123456789{{end}}")
    with pytest.raises(ExecError) as caught:
        template.execute(max_output=1000)
    assert "output exceeds the limit of 1000 bytes" in str(caught.value)
    assert caught.value.line == 1
    multibyte = Template("t").parse("{{range 10}}éé{{end}}")
    assert multibyte.execute(max_output=40) == "éé" * 10
    with pytest.raises(ExecError, match="output exceeds the limit of 39 bytes"):
        multibyte.execute(max_output=39)


def test_values_built_by_functions_are_bounded() -> None:
    text = '{{$x := "0123456789"}}{{range 40}}{{$x = printf "%s%s" $x $x}}{{end}}{{len $x}}'
    with pytest.raises(ExecError) as caught:
        Template("t").parse(text).execute(max_output=100_000)
    assert "error calling printf: the result exceeds the output limit of 100000 bytes" in str(
        caught.value
    )


def test_time_is_bounded() -> None:
    started = time.monotonic()
    with pytest.raises(ExecError) as caught:
        Template("t").parse("{{range 100000000000}}{{end}}").execute(time_limit=0.2)
    assert "execution exceeds the time limit of 0.2s" in str(caught.value)
    assert time.monotonic() - started < 5


def test_deep_recursion_of_nested_structures_is_an_error_not_a_crash() -> None:
    nested: Any = []
    for _ in range(5000):
        nested = [nested]
    with pytest.raises(ExecError, match="nested too deeply"):
        Template("t").parse("{{.}}").execute(nested)


def test_executions_share_nothing() -> None:
    template = Template("t").parse("{{$x := .}}{{range .}}{{$x = .}}{{end}}{{$x}}")
    assert template.execute([1, 2]) == "2"
    assert template.execute([3]) == "3"


def test_invalid_utf8_bytes_survive_as_surrogate_escapes() -> None:
    out = Template("t").parse('{{"\\xff"}}{{len "\\xff"}}{{printf "%q" "\\xff"}}').execute()
    assert out == '\udcff1"\\xff"'
    assert out.encode("utf-8", "surrogateescape") == b'\xff1"\\xff"'


def test_parse_error_leaves_the_set_unchanged() -> None:
    template = Template("t").parse('{{define "a"}}A{{end}}x')
    with pytest.raises(ParseError):
        template.parse('{{define "a"}}B{{end}}{{')
    assert template.execute_template("a") == "A"


def test_crlf_and_bom_templates() -> None:
    text = "\ufeffa\r\n{{- .X -}}\r\n b\r\n{{\r\n.X\r\n}}\r\n"
    assert Template("t").parse(text).execute({"X": 1}) == "\ufeffa1b\r\n1\r\n"
    with pytest.raises(ParseError) as caught:
        Template("t").parse("a\r\nb\r\n{{ .X | nope }}")
    assert (caught.value.line, caught.value.column) == (3, 8)


def test_parallel_executions_of_one_template() -> None:
    from concurrent.futures import ThreadPoolExecutor

    template = Template("t").parse(
        '{{define "row"}}{{.}};{{end}}{{range $i, $v := .}}{{template "row" $v}}{{end}}'
    )
    inputs = [list(range(n)) for n in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        outputs = list(pool.map(template.execute, inputs))
    assert outputs == ["".join(f"{v};" for v in values) for values in inputs]


@pytest.mark.parametrize(
    ("texts", "output"),
    [((["{{.}}", ""]), "hello"), ((["", "{{.}}"]), "hello"), ((["", ""]), "")],
)
def test_an_empty_parse_does_not_replace_a_body(texts: list[str], output: str) -> None:
    template = Template("t")
    for text in texts:
        template.parse(text)
    assert template.execute("hello") == output


def test_templates_of_different_parses_call_each_other() -> None:
    page = Template("page").parse('{{template "header" .}}|{{template "footer"}}')
    page.new("header").parse("H:{{.}}")
    page.new("partials").parse('{{define "footer"}}F{{end}}')
    assert page.execute(1) == "H:1|F"
    assert sorted(t.name for t in page.templates()) == ["footer", "header", "page", "partials"]


def test_a_data_object_that_fails_while_printed_is_an_exec_error() -> None:
    class Broken:
        __slots__ = ("A",)

        def __init__(self) -> None:
            self.A = 1

        def __getattribute__(self, name: str) -> Any:
            if name == "A":
                raise RuntimeError("broken attribute")
            return object.__getattribute__(self, name)

    with pytest.raises(ExecError, match="error evaluating field A: broken attribute"):
        Template("t").parse("{{.A}}").execute(Broken())
    with pytest.raises(ExecError, match="internal error: RuntimeError: broken attribute"):
        Template("t").parse("{{.}}").execute(Broken())
