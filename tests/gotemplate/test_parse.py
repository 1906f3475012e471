"""Parser tables: text to tree printed back (as Go's parse tests print it), and errors."""

from __future__ import annotations

import pytest

from plating.gotemplate import ParseError
from plating.gotemplate.funcs import BUILTINS
from plating.gotemplate.nodes import NumberNode, is_empty_tree
from plating.gotemplate.parse import MAX_PAREN_DEPTH, parse
from plating.gotemplate.strconv import SyntaxErr, parse_number

FUNCS = [{"printf", "contains"}]

PARSE_OK: list[tuple[str, str, str]] = [
    ("empty", "", ""),
    ("comment", "{{/*\n\n\n*/}}", ""),
    ("spaces", " \t\n", '" \\t\\n"'),
    ("text", "some text", '"some text"'),
    ("field", "{{.X}}", "{{.X}}"),
    ("simple command", "{{printf}}", "{{printf}}"),
    ("$ invocation", "{{$}}", "{{$}}"),
    ("variable invocation", "{{with $x := 3}}{{$x 23}}{{end}}", "{{with $x := 3}}{{$x 23}}{{end}}"),
    ("variable with fields", "{{$.I}}", "{{$.I}}"),
    ("multi-word command", "{{printf `%d` 23}}", "{{printf `%d` 23}}"),
    ("pipeline", "{{.X|.Y}}", "{{.X | .Y}}"),
    ("pipeline with decl", "{{$x := .X|.Y}}", "{{$x := .X | .Y}}"),
    ("nested pipeline", "{{.X (.Y .Z) (.A | .B .C) (.E)}}", "{{.X (.Y .Z) (.A | .B .C) (.E)}}"),
    ("field applied to parentheses", "{{(.Y .Z).Field}}", "{{(.Y .Z).Field}}"),
    ("simple if", "{{if .X}}hello{{end}}", '{{if .X}}"hello"{{end}}'),
    ("if with else", "{{if .X}}true{{else}}false{{end}}", '{{if .X}}"true"{{else}}"false"{{end}}'),
    (
        "if with else if",
        "{{if .X}}true{{else if .Y}}false{{end}}",
        '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}',
    ),
    (
        "if else chain",
        "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+",
        '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"',
    ),
    ("simple range", "{{range .X}}hello{{end}}", '{{range .X}}"hello"{{end}}'),
    ("chained field range", "{{range .X.Y.Z}}hello{{end}}", '{{range .X.Y.Z}}"hello"{{end}}'),
    (
        "nested range",
        "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}",
        '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}',
    ),
    (
        "range with else",
        "{{range .X}}true{{else}}false{{end}}",
        '{{range .X}}"true"{{else}}"false"{{end}}',
    ),
    (
        "range over pipeline",
        "{{range .X|.M}}true{{else}}false{{end}}",
        '{{range .X | .M}}"true"{{else}}"false"{{end}}',
    ),
    ("range []int", "{{range .SI}}{{.}}{{end}}", "{{range .SI}}{{.}}{{end}}"),
    ("range 1 var", "{{range $x := .SI}}{{.}}{{end}}", "{{range $x := .SI}}{{.}}{{end}}"),
    ("range 2 vars", "{{range $x, $y := .SI}}{{.}}{{end}}", "{{range $x, $y := .SI}}{{.}}{{end}}"),
    (
        "range with break",
        "{{range .SI}}{{.}}{{break}}{{end}}",
        "{{range .SI}}{{.}}{{break}}{{end}}",
    ),
    (
        "range with continue",
        "{{range .SI}}{{.}}{{continue}}{{end}}",
        "{{range .SI}}{{.}}{{continue}}{{end}}",
    ),
    (
        "constants",
        "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
        "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
    ),
    ("template", "{{template `x`}}", '{{template "x"}}'),
    ("template with arg", "{{template `x` .Y}}", '{{template "x" .Y}}'),
    ("with", "{{with .X}}hello{{end}}", '{{with .X}}"hello"{{end}}'),
    (
        "with with else",
        "{{with .X}}hello{{else}}goodbye{{end}}",
        '{{with .X}}"hello"{{else}}"goodbye"{{end}}',
    ),
    (
        "with with else with",
        "{{with .X}}hello{{else with .Y}}goodbye{{end}}",
        '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}',
    ),
    (
        "with else chain",
        "{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}",
        '{{with .X}}"X"{{else}}{{with .Y}}"Y"{{else}}{{with .Z}}"Z"{{end}}{{end}}{{end}}',
    ),
    ("trim left", "x \r\n\t{{- 3}}", '"x"{{3}}'),
    ("trim right", "{{3 -}}\n\n\ty", '{{3}}"y"'),
    ("trim left and right", "x \r\n\t{{- 3 -}}\n\n\ty", '"x"{{3}}"y"'),
    ("trim with extra spaces", "x\n{{-  3   -}}\ny", '"x"{{3}}"y"'),
    ("comment trim left", "x \r\n\t{{- /* hi */}}", '"x"'),
    ("comment trim right", "{{/* hi */ -}}\n\n\ty", '"y"'),
    ("comment trim left and right", "x \r\n\t{{- /* */ -}}\n\n\ty", '"x""y"'),
    ("block definition", '{{block "foo" .}}hello{{end}}', '{{template "foo" .}}'),
    ("newline in assignment", "{{ $x \n := \n 1 \n }}", "{{$x := 1}}"),
    ("newline in pipeline", '{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'),
    ("newline in comment", "{{/*\nhello\n*/}}", ""),
    ("newline in trimmed comment", "{{-\n/*\nhello\n*/\n-}}", ""),
    (
        "spaces around continue",
        "{{range .SI}}{{.}}{{ continue }}{{end}}",
        "{{range .SI}}{{.}}{{continue}}{{end}}",
    ),
    (
        "spaces around break",
        "{{range .SI}}{{.}}{{ break }}{{end}}",
        "{{range .SI}}{{.}}{{break}}{{end}}",
    ),
    ("declare then use", "{{$x := 0}}{{$x}}", "{{$x := 0}}{{$x}}"),
    ("plus after a space is an argument", "{{$x:=.}}{{$x +2}}", "{{$x := .}}{{$x +2}}"),
    ("range declares", "{{range $x := 0}}{{$x}}{{end}}", "{{range $x := 0}}{{$x}}{{end}}"),
    (
        "range assigns",
        "{{$x := 0}}{{range $x = 0}}{{$x}}{{end}}",
        "{{$x := 0}}{{range $x = 0}}{{$x}}{{end}}",
    ),
    ("paren nesting", "{{ ((( 1 ))) | printf }}", "{{(((1))) | printf}}"),
    ("empty pipe stage is ignored as Go does", "{{.X|}}", "{{.X}}"),
    ("string escapes printed as written", '{{"a\\tb"}}', '{{"a\\tb"}}'),
]


@pytest.mark.parametrize(("name", "text", "tree"), PARSE_OK, ids=[c[0] for c in PARSE_OK])
def test_parse_prints_back(name: str, text: str, tree: str) -> None:
    trees = parse(name, text, funcs=FUNCS)
    assert trees[name].root.describe() == tree


PARSE_ERRORS: list[tuple[str, str, str]] = [
    ("empty action", "{{}}", "template: t:1:2: missing value for command"),
    ("newline in empty action", "{{\n}}", "template: t:2:0: missing value for command"),
    ("unclosed action", "hello{{range", "template: t:1:12: unclosed action"),
    ("unmatched end", "{{end}}", "template: t:1:5: unexpected {{end}}"),
    ("unmatched else", "{{else}}", "template: t:1:6: unexpected {{else}}"),
    ("unmatched else after if", "{{if .X}}hello{{end}}{{else}}", "unexpected {{else}}"),
    (
        "multiple else",
        "{{if .X}}1{{else}}2{{else}}3{{end}}",
        "template: t:1:25: expected end; found {{else}}",
    ),
    ("missing end", "hello{{range .x}}", "template: t:1:17: unexpected EOF"),
    ("missing end after else", "hello{{range .x}}{{else}}", "unexpected EOF"),
    (
        "undefined function",
        "hello{{undefined}}",
        'template: t:1:7: function "undefined" not defined',
    ),
    ("undefined variable", "{{$x}}", 'template: t:1:2: undefined variable "$x"'),
    ("variable undefined after end", "{{with $x := 4}}{{end}}{{$x}}", 'undefined variable "$x"'),
    ("variable undefined in template", "{{template $v}}", 'unexpected "$v" in template clause'),
    ("declare with field", "{{with $x.Y := 4}}{{end}}", 'undefined variable "$x"'),
    ("template with field ref", "{{template .X}}", 'unexpected ".X" in template clause'),
    ("invalid punctuation", "{{printf 3, 4}}", 'unexpected "," in operand'),
    ("multidecl outside range", "{{with $v, $u := 3}}{{end}}", "too many declarations in with"),
    (
        "too many decls in range",
        "{{range $u, $v, $w := 3}}{{end}}",
        "too many declarations in range",
    ),
    ("dot applied to parentheses", "{{printf (printf .).}}", "unexpected <.> in operand"),
    ("adjacent args", "{{printf 3`x`}}", 'unexpected "`x`" in operand'),
    ("adjacent args with .", "{{printf `x`.}}", "unexpected <.> in operand"),
    ("extra end after if", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}", "unexpected {{end}}"),
    ("break outside range", "{{range .}}{{end}} {{break}}", "{{break}} outside {{range}}"),
    ("continue outside range", "{{range .}}{{end}} {{continue}}", "{{continue}} outside {{range}}"),
    ("break in range else", "{{range .}}{{else}}{{break}}{{end}}", "{{break}} outside {{range}}"),
    ("break with argument", "{{range .}}{{break 1}}{{end}}", 'unexpected "1" in {{break}}'),
    ("operator", "{{$x := 0}}{{$x += 1}}", 'template: t:1:16: illegal number syntax: "+"'),
    ("bang", "{{$x := 0}}{{$x ! 2}}", 'unexpected "!" in operand'),
    ("percent", "{{$x := 0}}{{$x % 3}}", 'unexpected "%" in operand'),
    ("declare twice", "{{range $x := $y := 3}}{{end}}", 'undefined variable "$y"'),
    ("bang after variable", "{{$x:=.}}{{$x!2}}", "bad character U+0021 '!'"),
    ("plus after variable", "{{$x:=.}}{{$x+2}}", "bad character U+002B '+'"),
    ("dot after integer", "{{1.E}}", 'illegal number syntax: "1.E"'),
    ("dot after float", "{{0.1.E}}", 'template: t:1:5: unexpected . after term "0.1"'),
    ("dot after boolean", "{{true.E}}", 'unexpected . after term "true"'),
    ("dot after char", "{{'a'.any}}", "unexpected . after term \"'a'\""),
    ("dot after string", '{{"hello".guys}}', 'unexpected . after term "\\"hello\\""'),
    ("dot after dot", "{{..E}}", 'unexpected . after term "."'),
    ("dot after nil", "{{nil.E}}", 'unexpected . after term "nil"'),
    ("wrong pipeline dot", "{{12|.}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline number", "{{.|12|printf}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline string", '{{.|printf|"error"}}', "non executable command in pipeline stage 3"),
    ("wrong pipeline char", "{{12|printf|'e'}}", "non executable command in pipeline stage 3"),
    ("wrong pipeline boolean", "{{.|true}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline nil", "{{'c'|nil}}", "non executable command in pipeline stage 2"),
    ("empty pipeline", '{{printf "%d" ( ) }}', "missing value for parenthesized pipeline"),
    ("block without pipeline", '{{block "foo"}}hello{{end}}', "missing value for block clause"),
    ("unclosed1", "line1\n{{", "template: t:2:2: unclosed action"),
    ("unclosed2", "line1\n{{define `x`}}line2\n{{", "template: t:3:2: unclosed action"),
    ("unclosed3", 'line1\n{{"x"\n"y"\n', "template: t:4:0: unclosed action started at t:2"),
    ("unclosed4", "{{\n\n\n\n\n", "template: t:6:0: unclosed action started at t:1"),
    ("var1", "line1\n{{\nx\n}}", 'template: t:3:0: function "x" not defined'),
    ("comment1", "{{/*}}", "template: t:1:2: unclosed comment"),
    ("comment2", "{{/*\nhello\n}}", "template: t:1:2: unclosed comment"),
    ("lparen", "{{.X (1 2 3}}", "unclosed left paren"),
    ("rparen", "{{.X 1 2 3 ) }}", "template: t:1:11: unexpected right paren"),
    ("rparen2", "{{(.X 1 2 3", "unclosed action"),
    ("space", "{{`x`3}}", 'unexpected "3" in operand'),
    ("charconst", "{{'a}}", "unterminated character constant"),
    ("stringconst", '{{"a}}', "unterminated quoted string"),
    ("rawstringconst", "{{`a}}", "unterminated raw quoted string"),
    ("number", "{{0xi}}", 'template: t:1:2: illegal number syntax: "0xi"'),
    (
        "multidefine",
        "{{define `a`}}a{{end}}{{define `a`}}b{{end}}",
        'template: multiple definition of template "a"',
    ),
    ("eof", "{{range .X}}", "unexpected EOF"),
    ("variable", "{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}", 'unexpected ":=" in operand'),
    ("multidecl", "{{$a,$b,$c := 23}}", "too many declarations in command"),
    ("wrongdot", "{{true.any}}", "unexpected . after term"),
    ("emptypipeline", "{{ ( ) }}", "missing value for parenthesized pipeline"),
    ("multilinerawstring", "{{ $v := `\n` }} {{", "template: t:2:7: unclosed action"),
    ("rangeundefvar", "{{range $k}}{{end}}", 'undefined variable "$k"'),
    ("rangeundefvars", "{{range $k, $v}}{{end}}", 'undefined variable "$v"'),
    ("rangemissingvalue1", "{{range $k,}}{{end}}", "missing value for range"),
    ("rangemissingvalue2", "{{range $k, $v := }}{{end}}", "missing value for range"),
    ("rangenotvariable1", "{{range $k, .}}{{end}}", "range can only initialize variables"),
    ("rangenotvariable2", "{{range $k, 123 := .}}{{end}}", "range can only initialize variables"),
    ("bad string escape", '{{"\\q"}}', "template: t:1:2: invalid syntax"),
    ("bad template name", '{{template "\\z"}}', "invalid syntax"),
    (
        "integer overflow",
        "{{print 99999999999999999999}}",
        'integer overflow: "99999999999999999999"',
    ),
    ("bad char constant", "{{print 'ab'}}", "malformed character constant: 'ab'"),
    (
        "define inside action",
        '{{if 1}}{{define "x"}}{{end}}{{end}}',
        "unexpected <define> in command",
    ),
    ("define without name", "{{define}}{{end}}", 'unexpected "}}" in define clause'),
    ("else if in range", "{{range .}}{{else if .X}}{{end}}", "unexpected <if> in input"),
    ("column counts bytes", "é{{.X.}}", "template: t:1:6: unexpected <.> in operand"),
]


@pytest.mark.parametrize(
    ("name", "text", "message"), PARSE_ERRORS, ids=[c[0] for c in PARSE_ERRORS]
)
def test_parse_errors(name: str, text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse("t", text, funcs=[BUILTINS.keys()])
    assert message in str(caught.value)
    if message.startswith("template: t:"):
        assert str(caught.value) == message


def test_parse_error_attributes() -> None:
    with pytest.raises(ParseError) as caught:
        parse("page.md.tmpl", "a\nb {{ .X | nope }}", funcs=[BUILTINS.keys()])
    error = caught.value
    assert (error.template, error.line, error.column) == ("page.md.tmpl", 2, 10)
    assert error.message == 'function "nope" not defined'


def test_paren_depth_limit() -> None:
    deep = "{{" + "(" * MAX_PAREN_DEPTH + "1" + ")" * MAX_PAREN_DEPTH + "}}"
    parse("t", deep)
    deeper = "{{" + "(" * (MAX_PAREN_DEPTH + 1) + "1" + ")" * (MAX_PAREN_DEPTH + 1) + "}}"
    with pytest.raises(ParseError, match="max expression depth exceeded"):
        parse("t", deeper)


def test_nesting_limit() -> None:
    text = "{{if 1}}" * 101 + "{{end}}" * 101
    with pytest.raises(ParseError, match="nested more than 100 deep"):
        parse("t", text)


def test_running_out_of_stack_is_a_parse_error() -> None:
    import sys

    text = "{{if 1}}" * 90 + "{{" + "(" * 90 + "1" + ")" * 90 + "}}" + "{{end}}" * 90
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        with pytest.raises(ParseError, match="nested too deeply"):
            parse("t", text)
    finally:
        sys.setrecursionlimit(limit)


def test_break_is_a_function_when_defined() -> None:
    text = "{{range .X}}{{break 20}}{{end}}"
    trees = parse("t", text, funcs=[{"break"}])
    assert trees["t"].root.describe() == "{{range .X}}{{break 20}}{{end}}"
    with pytest.raises(ParseError):
        parse("t", text, funcs=[set()])


def test_unchecked_functions() -> None:
    trees = parse("t", "{{fn 1 2}}", check_funcs=False)
    assert trees["t"].root.describe() == "{{fn 1 2}}"


def test_comments_kept_on_request() -> None:
    trees = parse("t", "x \r\n\t{{- /* */ -}}\n\n\ty", parse_comments=True)
    assert trees["t"].root.describe() == '"x"{{/* */}}"y"'


def test_block_defines_a_template() -> None:
    trees = parse("outer", 'a{{block "inner" .}}bar{{.}}baz{{end}}b')
    assert trees["outer"].root.describe() == 'a{{template "inner" .}}b'.replace(
        "a", '"a"', 1
    ).replace("}}b", '}}"b"')
    assert str(trees["inner"].root) == "bar{{.}}baz"


def test_definitions_are_separate_trees() -> None:
    trees = parse("t", '{{define "x"}}X{{end}}body{{define `y`}}{{.}}{{end}}')
    assert sorted(trees) == ["t", "x", "y"]
    assert str(trees["t"].root) == "body"
    assert str(trees["x"].root) == "X"


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("", True),
        ("hello", False),
        (" \t\n \t\n", True),
        ("{{/* comment */}}", True),
        ('{{define "x"}}something{{end}}', True),
        ("{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n", True),
        ("{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n", False),
        ("{{define `x`}}something{{end}}{{if 3}}foo{{end}}", False),
    ],
)
def test_is_empty_tree(text: str, empty: bool) -> None:
    assert is_empty_tree(parse("root", text)["root"].root) is empty


def test_line_numbers_of_actions() -> None:
    text = "{{printf 1234}}\n" * 3
    root = parse("bench", text, funcs=FUNCS)["bench"].root
    actions = root.nodes[::2]
    assert [action.line for action in actions] == [1, 2, 3]  # type: ignore[attr-defined]


# (text, is_int, is_uint, is_float, is_complex, int, float, complex), from Go's number table.
NUMBERS = [
    ("0", True, True, True, False, 0, 0.0, 0j),
    ("-0", True, True, True, False, 0, 0.0, 0j),
    ("73", True, True, True, False, 73, 73.0, 0j),
    ("7_3", True, True, True, False, 73, 73.0, 0j),
    ("0b10_010_01", True, True, True, False, 73, 73.0, 0j),
    ("0B10_010_01", True, True, True, False, 73, 73.0, 0j),
    ("073", True, True, True, False, 0o73, 59.0, 0j),
    ("0o73", True, True, True, False, 0o73, 59.0, 0j),
    ("0O73", True, True, True, False, 0o73, 59.0, 0j),
    ("0x73", True, True, True, False, 0x73, 115.0, 0j),
    ("0X73", True, True, True, False, 0x73, 115.0, 0j),
    ("0x7_3", True, True, True, False, 0x73, 115.0, 0j),
    ("-73", True, False, True, False, -73, -73.0, 0j),
    ("+73", True, False, True, False, 73, 73.0, 0j),
    ("100", True, True, True, False, 100, 100.0, 0j),
    ("1e9", True, True, True, False, 10**9, 1e9, 0j),
    ("-1e9", True, False, True, False, -(10**9), -1e9, 0j),
    ("-1.2", False, False, True, False, 0, -1.2, 0j),
    ("1e19", False, True, True, False, 0, 1e19, 0j),
    ("1e1_9", False, True, True, False, 0, 1e19, 0j),
    ("1E19", False, True, True, False, 0, 1e19, 0j),
    ("-1e19", False, False, True, False, 0, -1e19, 0j),
    ("0x_1p4", True, True, True, False, 16, 16.0, 0j),
    ("0X_1P4", True, True, True, False, 16, 16.0, 0j),
    ("0x_1p-4", False, False, True, False, 0, 1 / 16, 0j),
    ("4i", False, False, False, True, 0, 0.0, 4j),
    ("-1.2+4.2i", False, False, False, True, 0, 0.0, -1.2 + 4.2j),
    ("073i", False, False, False, True, 0, 0.0, 73j),
    ("0i", True, True, True, True, 0, 0.0, 0j),
    ("-1.2+0i", False, False, True, True, 0, -1.2, -1.2 + 0j),
    ("-12+0i", True, False, True, True, -12, -12.0, -12 + 0j),
    ("13+0i", True, True, True, True, 13, 13.0, 13 + 0j),
    ("0123", True, True, True, False, 0o123, 83.0, 0j),
    ("-0x0", True, True, True, False, 0, 0.0, 0j),
    ("0xdeadbeef", True, True, True, False, 0xDEADBEEF, float(0xDEADBEEF), 0j),
    ("'a'", True, True, True, False, 97, 97.0, 0j),
    ("'\\n'", True, True, True, False, 10, 10.0, 0j),
    ("'\\\\'", True, True, True, False, 92, 92.0, 0j),
    ("'\\''", True, True, True, False, 39, 39.0, 0j),
    ("'\\xFF'", True, True, True, False, 255, 255.0, 0j),
    ("'パ'", True, True, True, False, 0x30D1, float(0x30D1), 0j),
    ("'\\u30d1'", True, True, True, False, 0x30D1, float(0x30D1), 0j),
    ("'\\U000030d1'", True, True, True, False, 0x30D1, float(0x30D1), 0j),
    ("0xef", True, True, True, False, 0xEF, 239.0, 0j),
]


def _kind(text: str) -> str:
    if text.startswith("'"):
        return "char"
    return "complex" if "+" in text[1:] and text.endswith("i") else "number"


@pytest.mark.parametrize("case", NUMBERS, ids=[c[0] for c in NUMBERS])
def test_number_literals(case: tuple[object, ...]) -> None:
    text, is_int, is_uint, is_float, is_complex, int_value, float_value, complex_value = case
    assert isinstance(text, str)
    number = parse_number(text, _kind(text))
    assert (number.is_int, number.is_uint, number.is_float, number.is_complex) == (
        is_int,
        is_uint,
        is_float,
        is_complex,
    )
    if is_int:
        assert number.int_value == int_value
    if is_float:
        assert number.float_value == float_value
    if is_complex:
        assert number.complex_value == complex_value


@pytest.mark.parametrize(
    "text",
    ["+-2", "0x123.", "1e.", "0xi.", "1+2.", "'x", "'xx'", "'433937734937734969526500969526500'"],
)
def test_bad_number_literals(text: str) -> None:
    with pytest.raises(SyntaxErr):
        parse_number(text, _kind(text))


def test_number_node_keeps_its_text() -> None:
    node = parse("t", "{{print 0x1_0}}", funcs=[BUILTINS.keys()])["t"].root.nodes[0]
    argument = node.pipe.cmds[0].args[1]  # type: ignore[attr-defined]
    assert isinstance(argument, NumberNode)
    assert (argument.text, argument.number.int_value) == ("0x1_0", 16)
