"""Execution tables: template, data, and Go's output or Go's error, as Go's exec tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from plating.gotemplate import ExecError, Template
from plating.gotemplate.values import type_name

from .godata import Page, Stringer, T

TVAL = T()


@dataclass
class Pair:
    a: int
    b: str


def _add(*numbers: int) -> int:
    return sum(numbers)


def _die() -> bool:
    raise RuntimeError("die")


def _ddd_arg(number: int, *words: str) -> str:
    return f"{number} {words}"


def _makemap(*words: str) -> dict[str, str]:
    return dict(zip(words[::2], words[1::2], strict=True))


def _one_arg(a: str) -> str:
    return "oneArg=" + a


def _two_args(a: str, b: str) -> str:
    return "twoArgs=" + a + b


def _value_string(value: str) -> str:
    return "value is ignored"


def _return_int() -> int:
    return 7


def _stringer(value: Any) -> str:
    return str(value.String())


FUNCS = {
    "add": _add,
    "dddArg": _ddd_arg,
    "die": _die,
    "echo": lambda arg: arg,
    "makemap": _makemap,
    "mapOfThree": lambda: {"three": 3},
    "oneArg": _one_arg,
    "returnInt": _return_int,
    "stringer": _stringer,
    "twoArgs": _two_args,
    "typeOf": type_name,
    "valueString": _value_string,
    "zeroArgs": lambda: "zeroArgs",
}

OK, FAIL = True, False

# (name, template, output (or a part of the error message), data, ok)
EXEC_CASES: list[tuple[str, str, str, Any, bool]] = [
    # Trivial cases.
    ("empty", "", "", None, OK),
    ("text", "some text", "some text", None, OK),
    ("nil action", "{{nil}}", "nil is not a command", None, FAIL),
    # Fields.
    (".X", "-{{.X}}-", "-x-", TVAL, OK),
    (".U.V", "-{{.U.V}}-", "-v-", TVAL, OK),
    (
        ".unexported",
        "{{.unexported}}",
        "unexported is an unexported field of struct type template.T",
        TVAL,
        FAIL,
    ),
    (
        "missing field",
        "{{.Missing}}",
        "can't evaluate field Missing in type template.T",
        TVAL,
        FAIL,
    ),
    ("underscore field", "{{._private}}", "can't evaluate field _private in type", TVAL, FAIL),
    ("map .one", "{{.MSI.one}}", "1", TVAL, OK),
    ("map .two", "{{.MSI.two}}", "2", TVAL, OK),
    ("map .NO", "{{.MSI.NO}}", "<no value>", TVAL, OK),
    ("map .WRONG args", "{{.MSI.one 1}}", "one is not a method but has arguments", TVAL, FAIL),
    ("map .WRONG type", "{{.MII.one}}", "can't evaluate field one in type map[int]int", TVAL, FAIL),
    ("field of string", "{{.S.Len}}", "can't evaluate field Len in type string", TVAL, FAIL),
    ("field of slice", "{{.SI.Len}}", "can't evaluate field Len in type []int", TVAL, FAIL),
    # Dots of all kinds.
    ("dot int", "<{{.}}>", "<13>", 13, OK),
    ("dot float", "<{{.}}>", "<15.1>", 15.1, OK),
    ("dot bool", "<{{.}}>", "<true>", True, OK),
    ("dot complex", "<{{.}}>", "<(16.2-17i)>", 16.2 - 17j, OK),
    ("dot string", "<{{.}}>", "<hello>", "hello", OK),
    ("dot slice", "<{{.}}>", "<[-1 -2 -3]>", [-1, -2, -3], OK),
    ("dot map", "<{{.}}>", "<map[two:22]>", {"two": 22}, OK),
    ("dot struct", "<{{.}}>", "<{7 seven}>", Pair(7, "seven"), OK),
    ("dot nil", "<{{.}}>", "<<no value>>", None, OK),
    ("dot nested nil", "<{{.}}>", "<[1 <nil>]>", [1, None], OK),
    ("dot bytes", "<{{.}}>", "<[104 105]>", b"hi", OK),
    # Variables.
    ("$ int", "{{$}}", "123", 123, OK),
    ("$.I", "{{$.I}}", "17", TVAL, OK),
    ("$.U.V", "{{$.U.V}}", "v", TVAL, OK),
    ("declare in action", "{{$x := $.U.V}}{{$x}}", "v", TVAL, OK),
    ("simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}", "3", TVAL, OK),
    ("nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3", TVAL, OK),
    (
        "nested assignment changes the last declaration",
        "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}",
        "1",
        TVAL,
        OK,
    ),
    ("declaration prints nothing", "a{{$x := 3}}b{{$x}}", "ab3", None, OK),
    # Stringer and error values.
    ("Stringer", "{{.Str}}", "foozle", TVAL, OK),
    ("error", "{{.Err}}", "erroozle", TVAL, OK),
    # Empty interfaces holding values.
    ("empty nil", "{{.Empty0}}", "<no value>", TVAL, OK),
    ("empty with int", "{{.Empty1}}", "3", TVAL, OK),
    ("empty with string", "{{.Empty2}}", "empty2", TVAL, OK),
    ("empty with slice", "{{.Empty3}}", "[7 8]", TVAL, OK),
    ("empty with struct", "{{.Empty4}}", "{UinEmpty}", TVAL, OK),
    ("empty with struct, field", "{{.Empty4.V}}", "UinEmpty", TVAL, OK),
    ("field on interface", "{{.foo}}", "<no value>", None, OK),
    ("field on parenthesized interface", "{{(.).foo}}", "<no value>", None, OK),
    (
        "unparenthesized non-function",
        "{{1 2}}",
        "can't give argument to non-function 1",
        None,
        FAIL,
    ),
    (
        "parenthesized non-function",
        "{{(1) 2}}",
        "can't give argument to non-function 1",
        None,
        FAIL,
    ),
    ("parenthesized non-function with no args", "{{(1)}}", "1", None, OK),
    # Method calls.
    (".Method0", "-{{.Method0}}-", "-M0-", TVAL, OK),
    (".Method1(1234)", "-{{.Method1 1234}}-", "-1234-", TVAL, OK),
    (".Method1(.I)", "-{{.Method1 .I}}-", "-17-", TVAL, OK),
    (".Method2(3, .X)", "-{{.Method2 3 .X}}-", "-Method2: 3 x-", TVAL, OK),
    (".Method2(.I, `str`)", "-{{.Method2 .I `str`}}-", "-Method2: 17 str-", TVAL, OK),
    (".Method2(.I, $x)", "{{if $x := .X}}-{{.Method2 .I $x}}{{end}}-", "-Method2: 17 x-", TVAL, OK),
    (".Method3(nil constant)", "-{{.Method3 nil}}-", "-Method3: <nil>-", TVAL, OK),
    (".Method3(nil value)", "-{{.Method3 .MXI.unset}}-", "-Method3: <nil>-", TVAL, OK),
    ("method on var", "{{if $x := .}}-{{$x.Method2 .I $x.X}}{{end}}-", "-Method2: 17 x-", TVAL, OK),
    (
        "method on chained var",
        "{{range .MSIone}}{{if $.U.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG{{end}}"
        "{{end}}",
        "true",
        TVAL,
        OK,
    ),
    (
        "chained method",
        "{{range .MSIone}}{{if $.GetU.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG"
        "{{end}}{{end}}",
        "true",
        TVAL,
        OK,
    ),
    (
        "chained method on variable",
        "{{with $x := .}}{{with .SI}}{{$.GetU.TrueFalse $.True}}{{end}}{{end}}",
        "true",
        TVAL,
        OK,
    ),
    (".NilOKFunc not nil", "{{call .NilOKFunc .I}}", "false", TVAL, OK),
    (".NilOKFunc nil", "{{call .NilOKFunc nil}}", "true", TVAL, OK),
    (
        "lower-case method",
        "{{.lowercase}}",
        "can't evaluate field lowercase in type template.T",
        TVAL,
        FAIL,
    ),
    (
        "method with too many args",
        "{{.Method0 1}}",
        "wrong number of args for Method0: want 0 got 1",
        TVAL,
        FAIL,
    ),
    ("method with a wrong constant", "{{.Method1 `x`}}", "expected integer; found `x`", TVAL, FAIL),
    (
        "method with a wrong value",
        "{{.Method1 .X}}",
        "wrong type for value; expected int; got string",
        TVAL,
        FAIL,
    ),
    (
        "field with arguments",
        "{{.X 1}}",
        "X has arguments but cannot be invoked as function",
        TVAL,
        FAIL,
    ),
    # The call builtin.
    (".BinaryFunc", "{{call .BinaryFunc `1` `2`}}", "[1=2]", TVAL, OK),
    (".VariadicFunc0", "{{call .VariadicFunc}}", "<>", TVAL, OK),
    (".VariadicFunc2", "{{call .VariadicFunc `he` `llo`}}", "<he+llo>", TVAL, OK),
    (".VariadicFuncInt", "{{call .VariadicFuncInt 33 `he` `llo`}}", "33=<he+llo>", TVAL, OK),
    (
        "if .BinaryFunc call",
        "{{ if .BinaryFunc}}{{call .BinaryFunc `1` `2`}}{{end}}",
        "[1=2]",
        TVAL,
        OK,
    ),
    (
        "if not .BinaryFunc call",
        "{{ if not .BinaryFunc}}{{call .BinaryFunc `1` `2`}}{{else}}No{{end}}",
        "No",
        TVAL,
        OK,
    ),
    ("Interface Call", "{{stringer .S}}", "foozle", {"S": Stringer("foozle")}, OK),
    (".ErrFunc", "{{call .ErrFunc}}", "bla", TVAL, OK),
    ("call nil", "{{call nil}}", "error calling call: call of nil", TVAL, FAIL),
    ("empty call", "{{call}}", "wrong number of args for call: want at least 1 got 0", TVAL, FAIL),
    ("empty call after pipe valid", "{{.ErrFunc | call}}", "bla", TVAL, OK),
    (
        "empty call after pipe invalid",
        "{{1 | call}}",
        "error calling call: non-function <int Value> of type int",
        TVAL,
        FAIL,
    ),
    (
        "call non-function",
        "{{call .X}}",
        "error calling call: non-function .X of type string",
        TVAL,
        FAIL,
    ),
    (
        ".BinaryFuncTooFew",
        "{{call .BinaryFunc `1`}}",
        "error calling call: wrong number of args for .BinaryFunc: got 1 want 2",
        TVAL,
        FAIL,
    ),
    (
        ".BinaryFuncTooMany",
        "{{call .BinaryFunc `1` `2` `3`}}",
        "wrong number of args for .BinaryFunc: got 3 want 2",
        TVAL,
        FAIL,
    ),
    (
        ".BinaryFuncBad0",
        "{{call .BinaryFunc 1 3}}",
        "error calling call: arg 0: value has type int; should be string",
        TVAL,
        FAIL,
    ),
    (
        ".BinaryFuncBad1",
        "{{call .BinaryFunc `1` 3}}",
        "arg 1: value has type int; should be string",
        TVAL,
        FAIL,
    ),
    (
        ".VariadicFuncBad0",
        "{{call .VariadicFunc 3}}",
        "arg 0: value has type int; should be string",
        TVAL,
        FAIL,
    ),
    (
        ".VariadicFuncIntBad0",
        "{{call .VariadicFuncInt}}",
        "wrong number of args for .VariadicFuncInt: got 0 want at least 1",
        TVAL,
        FAIL,
    ),
    (
        ".VariadicFuncIntBad`",
        "{{call .VariadicFuncInt `x`}}",
        "arg 0: value has type string; should be int",
        TVAL,
        FAIL,
    ),
    (
        ".VariadicFuncNilBad",
        "{{call .VariadicFunc nil}}",
        "arg 0: value is nil; should be of type string",
        TVAL,
        FAIL,
    ),
    ("call panics", "{{call .PanicFunc}}", "error calling call: test panic", TVAL, FAIL),
    # Pipelines.
    ("pipeline", "-{{.Method0 | .Method2 .I}}-", "-Method2: 17 M0-", TVAL, OK),
    (
        "pipeline func",
        "-{{call .VariadicFunc `llo` | call .VariadicFunc `he` }}-",
        "-<he+<llo>>-",
        TVAL,
        OK,
    ),
    ("nil pipeline", "{{ .Empty0 | call .NilOKFunc }}", "true", TVAL, OK),
    ("nil call arg", "{{ call .NilOKFunc .Empty0 }}", "true", TVAL, OK),
    (
        "bad nil pipeline",
        "{{ .Empty0 | .VariadicFunc }}",
        "VariadicFunc has arguments but cannot be invoked as function",
        TVAL,
        FAIL,
    ),
    # Parenthesized expressions.
    (
        "parens in pipeline",
        "{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}",
        "1 5 15",
        TVAL,
        OK,
    ),
    ("parens: $ in paren", "{{($).X}}", "x", TVAL, OK),
    ("parens: $.GetU in paren", "{{($.GetU).V}}", "v", TVAL, OK),
    ("parens: $ in paren in pipe", "{{($ | echo).X}}", "x", TVAL, OK),
    ("parens: spaces and args", '{{(makemap "up" "down" "left" "right").left}}', "right", TVAL, OK),
    # If.
    ("if true", "{{if true}}TRUE{{end}}", "TRUE", TVAL, OK),
    ("if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE", TVAL, OK),
    ("if nil", "{{if nil}}TRUE{{end}}", "nil is not a command", TVAL, FAIL),
    ("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", TVAL, OK),
    ("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", TVAL, OK),
    ("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("if 1.5i", "{{if 1.5i}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", TVAL, OK),
    ("if 0.0i", "{{if .ComplexZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", TVAL, OK),
    ("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", TVAL, OK),
    ("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", TVAL, OK),
    ("if map unset", "{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("if map not unset", "{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO", TVAL, OK),
    ("if struct", "{{if .U}}yes{{end}}", "yes", TVAL, OK),
    (
        "if $x with $y int",
        "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}",
        "true,17",
        TVAL,
        OK,
    ),
    (
        "if $x with $x int",
        "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}",
        "17,true",
        TVAL,
        OK,
    ),
    ("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE", TVAL, OK),
    ("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3", TVAL, OK),
    # Print etc.
    ("print", '{{print "hello, print"}}', "hello, print", TVAL, OK),
    ("print 123", "{{print 1 2 3}}", "1 2 3", TVAL, OK),
    ("print nil", "{{print nil}}", "<nil>", TVAL, OK),
    ("print strings and numbers", '{{print "a" 1 2 "b" "c" 3}}', "a1 2bc3", TVAL, OK),
    ("println", "{{println 1 2 3}}", "1 2 3\n", TVAL, OK),
    ("printf int", '{{printf "%04x" 127}}', "007f", TVAL, OK),
    ("printf float", '{{printf "%g" 3.5}}', "3.5", TVAL, OK),
    ("printf complex", '{{printf "%g" 1+7i}}', "(1+7i)", TVAL, OK),
    ("printf string", '{{printf "%s" "hello"}}', "hello", TVAL, OK),
    ("printf function", '{{printf "%#q" zeroArgs}}', "`zeroArgs`", TVAL, OK),
    ("printf field", '{{printf "%s" .U.V}}', "v", TVAL, OK),
    ("printf method", '{{printf "%s" .Method0}}', "M0", TVAL, OK),
    ("printf dot", '{{with .I}}{{printf "%d" .}}{{end}}', "17", TVAL, OK),
    ("printf var", '{{with $x := .I}}{{printf "%d" $x}}{{end}}', "17", TVAL, OK),
    (
        "printf lots",
        '{{printf "%d %s %g %s" 127 "hello" 7-3i .Method0}}',
        "127 hello (7-3i) M0",
        TVAL,
        OK,
    ),
    ("printf missing", '{{printf "%s %d" "a"}}', "a %!d(MISSING)", TVAL, OK),
    ("printf quote", '{{printf "{{tffile %q}}" .X}}', '{{tffile "x"}}', TVAL, OK),
    # HTML, JavaScript, URL query.
    (
        "html",
        '{{html "<script>alert(\\"XSS\\");</script>"}}',
        "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;",
        None,
        OK,
    ),
    (
        "html pipeline",
        '{{printf "<script>alert(\\"XSS\\");</script>" | html}}',
        "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;",
        None,
        OK,
    ),
    ("html untyped nil", "{{html .Empty0}}", "&lt;no value&gt;", TVAL, OK),
    ("html several", "{{html 1 `<` 2}}", "1&lt;2", None, OK),
    ("js", "{{js .}}", "It\\'d be nice.", "It'd be nice.", OK),
    (
        "urlquery",
        '{{"http://www.example.org/"|urlquery}}',
        "http%3A%2F%2Fwww.example.org%2F",
        None,
        OK,
    ),
    ("urlquery space", '{{urlquery "a b&c=é"}}', "a+b%26c%3D%C3%A9", None, OK),
    # Booleans.
    ("not", "{{not true}} {{not false}}", "false true", None, OK),
    ("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1", None, OK),
    ("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1", None, OK),
    ("or short-circuit", "{{or 0 1 (die)}}", "1", None, OK),
    ("and short-circuit", "{{and 1 0 (die)}}", "0", None, OK),
    ("or short-circuit2", "{{or 0 0 (die)}}", "error calling die: die", None, FAIL),
    ("and short-circuit2", "{{and 1 1 (die)}}", "error calling die: die", None, FAIL),
    ("and pipe-true", "{{1 | and 1}}", "1", None, OK),
    ("and pipe-false", "{{0 | and 1}}", "0", None, OK),
    ("or pipe-true", "{{1 | or 0}}", "1", None, OK),
    ("or pipe-false", "{{0 | or 0}}", "0", None, OK),
    ("and undef", "{{and 1 .Unknown}}", "<no value>", None, OK),
    ("or undef", "{{or 0 .Unknown}}", "<no value>", None, OK),
    ("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE", TVAL, OK),
    ("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE", None, OK),
    ("boolean if pipe", "{{if true | not | and 1}}TRUE{{else}}FALSE{{end}}", "FALSE", None, OK),
    (
        "and without arguments",
        "{{and}}",
        "wrong number of args for and: want at least 1 got 0",
        None,
        FAIL,
    ),
    # Indexing.
    ("slice[0]", "{{index .SI 0}}", "3", TVAL, OK),
    ("slice[1]", "{{index .SI 1}}", "4", TVAL, OK),
    ("slice[HUGE]", "{{index .SI 10}}", "error calling index: index out of range: 10", TVAL, FAIL),
    (
        "slice[len]",
        "{{index .SI 3}}",
        "error calling index: reflect: slice index out of range",
        TVAL,
        FAIL,
    ),
    (
        "slice[WRONG]",
        "{{index .SI `hello`}}",
        "cannot index slice/array with type string",
        TVAL,
        FAIL,
    ),
    ("slice[nil]", "{{index .SI nil}}", "cannot index slice/array with nil", TVAL, FAIL),
    ("map[one]", "{{index .MSI `one`}}", "1", TVAL, OK),
    ("map[two]", "{{index .MSI `two`}}", "2", TVAL, OK),
    ("map[NO]", "{{index .MSI `XXX`}}", "0", TVAL, OK),
    ("map[nil]", "{{index .MSI nil}}", "value is nil; should be of type string", TVAL, FAIL),
    ("map[``]", "{{index .MSI ``}}", "0", TVAL, OK),
    ("map[WRONG]", "{{index .MSI 10}}", "value has type int; should be string", TVAL, FAIL),
    ("double index", "{{index .SMSI 1 `eleven`}}", "11", TVAL, OK),
    ("nil[1]", "{{index nil 1}}", "error calling index: index of untyped nil", TVAL, FAIL),
    ("map MI32S", "{{index .MI32S 2}}", "two", TVAL, OK),
    ("index of an interface field", "{{index .Empty3 0}}", "7", TVAL, OK),
    ("index of a string is a byte", "{{index .S 1}}", "121", TVAL, OK),
    (
        "index of a string past its end",
        "{{index .S 3}}",
        "reflect: string index out of range",
        TVAL,
        FAIL,
    ),
    ("index into a zero int", "{{index .MSI `x` `y`}}", "can't index item of type int", TVAL, FAIL),
    (
        "index into nothing",
        "{{index . `x` `y`}}",
        "error calling index: index of nil pointer",
        {"a": 1, "b": "s"},
        FAIL,
    ),
    (
        "index of a missing key of an interface map",
        "{{index . `x`}}",
        "<no value>",
        {"a": 1, "b": "s"},
        OK,
    ),
    ("index of an int", "{{index .I 1}}", "can't index item of type int", TVAL, FAIL),
    ("index without indexes", "{{index .SI}}", "[3 4 5]", TVAL, OK),
    # Slicing.
    ("slice[:]", "{{slice .SI}}", "[3 4 5]", TVAL, OK),
    ("slice[1:]", "{{slice .SI 1}}", "[4 5]", TVAL, OK),
    ("slice[1:2]", "{{slice .SI 1 2}}", "[4]", TVAL, OK),
    ("slice[-1:]", "{{slice .SI -1}}", "index out of range: -1", TVAL, FAIL),
    ("slice[1:-2]", "{{slice .SI 1 -2}}", "index out of range: -2", TVAL, FAIL),
    ("slice[1:2:-1]", "{{slice .SI 1 2 -1}}", "index out of range: -1", TVAL, FAIL),
    ("slice[2:1]", "{{slice .SI 2 1}}", "invalid slice index: 2 > 1", TVAL, FAIL),
    ("slice[2:2:1]", "{{slice .SI 2 2 1}}", "invalid slice index: 2 > 1", TVAL, FAIL),
    ("out of range", "{{slice .SI 4 5}}", "index out of range: 4", TVAL, FAIL),
    ("out of range 3", "{{slice .SI 2 2 5}}", "index out of range: 5", TVAL, FAIL),
    ("array[:]", "{{slice .AI}}", "[3 4 5]", TVAL, OK),
    ("array[1:]", "{{slice .AI 1}}", "[4 5]", TVAL, OK),
    ("array[1:2]", "{{slice .AI 1 2}}", "[4]", TVAL, OK),
    ("string[:]", "{{slice .S}}", "xyz", TVAL, OK),
    ("string[0:1]", "{{slice .S 0 1}}", "x", TVAL, OK),
    ("string[1:]", "{{slice .S 1}}", "yz", TVAL, OK),
    ("string[1:2]", "{{slice .S 1 2}}", "y", TVAL, OK),
    ("string out of range", "{{slice .S 1 5}}", "index out of range: 5", TVAL, FAIL),
    ("3-index slice of string", "{{slice .S 1 2 2}}", "cannot 3-index slice a string", TVAL, FAIL),
    ("slice of an interface field", "{{slice .Empty3 0 1}}", "[7]", TVAL, OK),
    ("too many slice indexes", "{{slice .SI 1 2 3 4}}", "too many slice indexes: 4", TVAL, FAIL),
    ("slice of an int", "{{slice .I}}", "can't slice item of type int", TVAL, FAIL),
    ("slice of nil", "{{slice nil}}", "slice of untyped nil", TVAL, FAIL),
    ("slice of a string counts bytes", '{{slice "héllo" 0 3}}', "hé", None, OK),
    # Len.
    ("len slice", "{{len .SI}}", "3", TVAL, OK),
    ("len map", "{{len .MSI }}", "3", TVAL, OK),
    ("len of int", "{{len 3}}", "error calling len: len of type int", TVAL, FAIL),
    (
        "len of nothing",
        "{{len .Empty0}}",
        "error calling len: reflect: call of reflect.Value.Type on zero Value",
        TVAL,
        FAIL,
    ),
    ("len of an interface field", "{{len .Empty3}}", "2", TVAL, OK),
    ("len of a string counts bytes", '{{len "héllo"}}', "6", None, OK),
    # With.
    ("with true", "{{with true}}{{.}}{{end}}", "true", TVAL, OK),
    ("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE", TVAL, OK),
    ("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1", TVAL, OK),
    ("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5", TVAL, OK),
    ("with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("with 1.5i", "{{with 1.5i}}{{.}}{{else}}ZERO{{end}}", "(0+1.5i)", TVAL, OK),
    ("with 0.0i", "{{with .ComplexZero}}{{.}}{{else}}ZERO{{end}}", "ZERO", TVAL, OK),
    ("with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty", TVAL, OK),
    ("with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]", TVAL, OK),
    ("with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]", TVAL, OK),
    ("with empty interface, struct field", "{{with .Empty4}}{{.V}}{{end}}", "UinEmpty", TVAL, OK),
    ("with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17", TVAL, OK),
    ("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v", TVAL, OK),
    ("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v", TVAL, OK),
    ("with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", "true", TVAL, OK),
    (
        "with else with chain",
        "{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}",
        "notempty",
        TVAL,
        OK,
    ),
    # Range.
    ("range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-", TVAL, OK),
    ("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", "", TVAL, OK),
    ("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-", TVAL, OK),
    ("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    (
        "range []int break else",
        "{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}",
        "-3-",
        TVAL,
        OK,
    ),
    (
        "range []int continue else",
        "{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}",
        "-3--4--5-",
        TVAL,
        OK,
    ),
    ("range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-", TVAL, OK),
    ("range []int method", "{{range .SI | .MAdd .I}}-{{.}}-{{end}}", "-20--21--22-", TVAL, OK),
    ("range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-", TVAL, OK),
    ("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", "", TVAL, OK),
    ("range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}", "-1--3--2-", TVAL, OK),
    ("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", TVAL, OK),
    ("range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}", "-7--8-", TVAL, OK),
    ("range empty nil", "{{range .Empty0}}-{{.}}-{{end}}", "", TVAL, OK),
    ("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>", TVAL, OK),
    (
        "range $x $y SI",
        "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}",
        "<0=3><1=4><2=5>",
        TVAL,
        OK,
    ),
    ("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>", TVAL, OK),
    (
        "range $x $y MSIone",
        "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}",
        "<one=1>",
        TVAL,
        OK,
    ),
    ("declare in range", "{{range $x := .SI}}<{{$foo:=$x}}{{$x}}>{{end}}", "<3><4><5>", TVAL, OK),
    (
        "range map with int keys in order",
        "{{range $k, $v := .}}{{$k}}{{$v}} {{end}}",
        "2b 10a ",
        {10: "a", 2: "b"},
        OK,
    ),
    (
        "range 5",
        '{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}',
        "int0int1int2int3int4",
        None,
        OK,
    ),
    (
        "range int over two variables",
        "{{range $i, $v := 3}}{{end}}",
        "can't use 3 to iterate over more than one variable",
        None,
        FAIL,
    ),
    ("range int zero else", "{{range 0}}x{{else}}empty{{end}}", "empty", None, OK),
    ("range negative int", "{{range -2}}x{{else}}none{{end}}", "none", None, OK),
    ("range string", "{{range .S}}{{end}}", "range can't iterate over xyz", TVAL, FAIL),
    ("range float", "{{range 1.5}}{{end}}", "range can't iterate over 1.5", None, FAIL),
    ("break in nested if", "{{range .SI}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}", "3", TVAL, OK),
    (
        "continue in nested with",
        "{{range .SI}}{{with eq . 4}}{{continue}}{{end}}{{.}}{{end}}",
        "35",
        TVAL,
        OK,
    ),
    (
        "break ends the inner loop only",
        "{{range .SI}}[{{range $.SB}}{{break}}{{end}}{{.}}]{{end}}",
        "[3][4][5]",
        TVAL,
        OK,
    ),
    (
        "range assigns, last value stays",
        "{{$i := 0}}{{$x := 0}}{{range $i = .AI}}{{end}}{{$i}}",
        "5",
        TVAL,
        OK,
    ),
    (
        "range assigns two",
        "{{$k := 0}}{{$v := 0}}{{range $k, $v = .AI}}{{$k}}={{$v}} {{end}}",
        "0=3 1=4 2=5 ",
        TVAL,
        OK,
    ),
    # Cute examples.
    ("or as if true", '{{or .SI "slice is empty"}}', "[3 4 5]", TVAL, OK),
    ("or as if false", '{{or .SIEmpty "slice is empty"}}', "slice is empty", TVAL, OK),
    # Errors from methods.
    ("error method, error", "{{.MyError true}}", "error calling MyError: my error", TVAL, FAIL),
    ("error method, no error", "{{.MyError false}}", "false", TVAL, OK),
    # Numbers.
    ("decimal", "{{print 1234}}", "1234", TVAL, OK),
    ("decimal _", "{{print 12_34}}", "1234", TVAL, OK),
    ("binary", "{{print 0b101}}", "5", TVAL, OK),
    ("binary _", "{{print 0b_1_0_1}}", "5", TVAL, OK),
    ("BINARY", "{{print 0B101}}", "5", TVAL, OK),
    ("octal0", "{{print 0377}}", "255", TVAL, OK),
    ("octal", "{{print 0o377}}", "255", TVAL, OK),
    ("octal _", "{{print 0o_3_7_7}}", "255", TVAL, OK),
    ("OCTAL", "{{print 0O377}}", "255", TVAL, OK),
    ("hex", "{{print 0x123}}", "291", TVAL, OK),
    ("hex _", "{{print 0x1_23}}", "291", TVAL, OK),
    ("HEX", "{{print 0X123ABC}}", "1194684", TVAL, OK),
    ("float", "{{print 123.4}}", "123.4", TVAL, OK),
    ("float _", "{{print 0_0_1_2_3.4}}", "123.4", TVAL, OK),
    ("hex float", "{{print +0x1.ep+2}}", "7.5", TVAL, OK),
    ("hex float _", "{{print +0x_1.e_0p+0_2}}", "7.5", TVAL, OK),
    ("HEX float", "{{print +0X1.EP+2}}", "7.5", TVAL, OK),
    ("print multi", "{{print 1_2_3_4 7.5_00_00_00}}", "1234 7.5", TVAL, OK),
    ("print multi2", "{{print 1234 0x0_1.e_0p+02}}", "1234 7.5", TVAL, OK),
    ("char constant", "{{print 'a'}}", "97", None, OK),
    (
        "huge unsigned constant",
        "{{print 18446744073709551615}}",
        "18446744073709551615 overflows int",
        None,
        FAIL,
    ),
    # Fixed bugs of Go's.
    ("bug0", "{{range .MSIone}}{{if $.Method1 .}}X{{end}}{{end}}", "X", TVAL, OK),
    ("bug3", "{{with $}}{{.Method0}}{{end}}", "M0", TVAL, OK),
    ("bug4", "{{if .Empty0}}non-nil{{else}}nil{{end}}", "nil", TVAL, OK),
    ("bug7a", "{{3 2}}", "can't give argument to non-function 3", TVAL, FAIL),
    ("bug7b", "{{$x := 1}}{{$x 2}}", "can't give argument to non-function $x", TVAL, FAIL),
    ("bug7c", "{{$x := 1}}{{3 | $x}}", "can't give argument to non-function $x", TVAL, FAIL),
    ("bug8a", "{{3|oneArg}}", "wrong type for value; expected string; got int", TVAL, FAIL),
    ("bug8b", "{{4|dddArg 3}}", "wrong type for value; expected string; got int", TVAL, FAIL),
    ("bug9", "{{.cause}}", "neglect", {"cause": "neglect"}, OK),
    ("bug10", "{{mapOfThree.three}}-{{(mapOfThree).three}}", "3-3", 0, OK),
    ("bug12xe", "{{printf `%T` 0xef}}", "int", None, OK),
    ("bug12xE", "{{printf `%T` 0xEE}}", "int", None, OK),
    ("bug12Xe", "{{printf `%T` 0Xef}}", "int", None, OK),
    ("bug12XE", "{{printf `%T` 0XEE}}", "int", None, OK),
    ("bug13", "{{print (.GetU).V}}", "v", TVAL, OK),
    ("bug14a", "{{(nil).True}}", "nil is not a command", TVAL, FAIL),
    ("bug14b", "{{$x := nil}}{{$x.anything}}", "nil is not a command", TVAL, FAIL),
    (
        "bug14c",
        '{{$x := (1.0)}}{{$y := ("hello")}}{{$x.anything}}{{$y.true}}',
        "can't evaluate field anything in type float64",
        TVAL,
        FAIL,
    ),
    (
        "bug15",
        "{{valueString returnInt}}",
        "wrong type for value; expected string; got int",
        TVAL,
        FAIL,
    ),
    ("bug16a", "{{true|printf}}", "wrong type for value; expected string; got bool", TVAL, FAIL),
    ("bug16b", "{{1|printf}}", "wrong type for value; expected string; got int", TVAL, FAIL),
    ("bug16c", "{{1.1|printf}}", "wrong type for value; expected string; got float64", TVAL, FAIL),
    ("bug16d", "{{'x'|printf}}", "wrong type for value; expected string; got int", TVAL, FAIL),
    (
        "bug16e",
        "{{0i|printf}}",
        "wrong type for value; expected string; got complex128",
        TVAL,
        FAIL,
    ),
    (
        "bug16f",
        '{{true|twoArgs "xxx"}}',
        "wrong type for value; expected string; got bool",
        TVAL,
        FAIL,
    ),
    ("bug16g", '{{"aaa" |twoArgs "bbb"}}', "twoArgs=bbbaaa", TVAL, OK),
    ("bug16h", "{{1|oneArg}}", "wrong type for value; expected string; got int", TVAL, FAIL),
    ("bug16i", '{{"aaa"|oneArg}}', "oneArg=aaa", TVAL, OK),
    ("bug16j", '{{1+2i|printf "%v"}}', "(1+2i)", TVAL, OK),
    ("bug16k", '{{"aaa"|printf }}', "aaa", TVAL, OK),
    ("bug18a", "{{eq . '.'}}", "true", ord("."), OK),
    ("bug18b", "{{eq . 'e'}}", "true", ord("e"), OK),
    ("bug18c", "{{eq . 'P'}}", "true", ord("P"), OK),
    # Constants against typed parameters.
    ("string constant for a string", '{{oneArg "x"}}', "oneArg=x", None, OK),
    ("number constant for a string", "{{oneArg 3}}", "expected string; found 3", None, FAIL),
    ("nil constant for a string", "{{oneArg nil}}", "cannot assign nil to string", None, FAIL),
    ("nil value for a string", "{{oneArg .Missing}}", "invalid value; expected string", None, FAIL),
    ("string constant for an int", "{{dddArg `x`}}", "expected integer; found `x`", None, FAIL),
    (
        "too few arguments",
        "{{twoArgs `x`}}",
        "wrong number of args for twoArgs: want 2 got 1",
        None,
        FAIL,
    ),
    (
        "too many arguments",
        "{{oneArg `x` `y`}}",
        "wrong number of args for oneArg: want 1 got 2",
        None,
        FAIL,
    ),
    (
        "print a function value",
        "{{.BinaryFunc}}",
        "can't print {{.BinaryFunc}} of type func(string, string) string",
        TVAL,
        FAIL,
    ),
    # Data objects: dataclasses are structs.
    (
        "dataclass field",
        "{{.Name}} {{.HasExample}} {{.Tags}}",
        "x true [a b]",
        Page("x", True, ["a", "b"]),
        OK,
    ),
    (
        "dataclass missing field",
        "{{.Foo}}",
        "can't evaluate field Foo in type struct { Name string; HasExample bool; Tags []string }",
        Page("x", True),
        FAIL,
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected", "data", "ok"), EXEC_CASES, ids=[c[0] for c in EXEC_CASES]
)
def test_execute(name: str, text: str, expected: str, data: Any, ok: bool) -> None:
    template = Template(name).funcs(FUNCS).parse(text)
    if ok:
        assert template.execute(data) == expected
    else:
        with pytest.raises(ExecError) as caught:
            template.execute(data)
        assert expected in str(caught.value)


COMPARISONS: list[tuple[str, str]] = [
    ("eq true true", "true"),
    ("eq true false", "false"),
    ("eq 1+2i 1+2i", "true"),
    ("eq 1+2i 1+3i", "false"),
    ("eq 1.5 1.5", "true"),
    ("eq 1.5 2.5", "false"),
    ("eq 1 1", "true"),
    ("eq 1 2", "false"),
    ("eq `xy` `xy`", "true"),
    ("eq `xy` `xyz`", "false"),
    ("eq 3 4 5 6 3", "true"),
    ("eq 3 4 5 6 7", "false"),
    ("eq nil nil", "true"),
    ("eq .Empty0 nil", "true"),
    ("eq `abc` nil", "false"),
    ("eq .U .U", "true"),
    ("ne true true", "false"),
    ("ne true false", "true"),
    ("ne 1+2i 1+2i", "false"),
    ("ne 1+2i 1+3i", "true"),
    ("ne 1.5 1.5", "false"),
    ("ne 1.5 2.5", "true"),
    ("ne 1 1", "false"),
    ("ne 1 2", "true"),
    ("ne `xy` `xy`", "false"),
    ("ne `xy` `xyz`", "true"),
    ("lt 1.5 1.5", "false"),
    ("lt 1.5 2.5", "true"),
    ("lt 1 1", "false"),
    ("lt 1 2", "true"),
    ("lt `xy` `xy`", "false"),
    ("lt `xy` `xyz`", "true"),
    ("le 1.5 1.5", "true"),
    ("le 1.5 2.5", "true"),
    ("le 2.5 1.5", "false"),
    ("le 1 1", "true"),
    ("le 1 2", "true"),
    ("le 2 1", "false"),
    ("le `xy` `xy`", "true"),
    ("le `xy` `xyz`", "true"),
    ("le `xyz` `xy`", "false"),
    ("gt 1.5 1.5", "false"),
    ("gt 1.5 2.5", "false"),
    ("gt 1 1", "false"),
    ("gt 2 1", "true"),
    ("gt 1 2", "false"),
    ("gt `xy` `xy`", "false"),
    ("gt `xy` `xyz`", "false"),
    ("ge 1.5 1.5", "true"),
    ("ge 1.5 2.5", "false"),
    ("ge 2.5 1.5", "true"),
    ("ge 1 1", "true"),
    ("ge 1 2", "false"),
    ("ge 2 1", "true"),
    ("ge `xy` `xy`", "true"),
    ("ge `xy` `xyz`", "false"),
    ("ge `xyz` `xy`", "true"),
]


@pytest.mark.parametrize(("expression", "result"), COMPARISONS)
def test_comparison(expression: str, result: str) -> None:
    assert Template("t").parse("{{" + expression + "}}").execute(TVAL) == result


COMPARISON_ERRORS: list[tuple[str, str]] = [
    ("eq `xy` 1", "incompatible types for comparison: string and int"),
    ("eq 2 2.0", "incompatible types for comparison: int and float64"),
    ("eq true 1", "incompatible types for comparison: bool and int"),
    ("lt true true", "invalid type for comparison"),
    ("lt 1+0i 1+0i", "invalid type for comparison"),
    ("lt 1 2.5", "incompatible types for comparison: int and float64"),
    ("lt nil 1", "invalid type for comparison"),
    ("eq .SI .SI", "non-comparable type [3 4 5]: []int"),
    (
        "eq .SI .MSI",
        "non-comparable types [3 4 5]: []int, map[string]int: map[one:1 three:3 two:2]",
    ),
    ("eq 1", "missing argument for comparison"),
    ("ne 1", "wrong number of args for ne: want 2 got 1"),
]


@pytest.mark.parametrize(("expression", "message"), COMPARISON_ERRORS)
def test_comparison_errors(expression: str, message: str) -> None:
    with pytest.raises(ExecError) as caught:
        Template("t").parse("{{" + expression + "}}").execute(TVAL)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("option", "output"),
    [
        ("missingkey=default", "99 <no value>"),
        ("missingkey=invalid", "99 <no value>"),
        ("missingkey=zero", "99 0"),
    ],
)
def test_missing_key_options(option: str, output: str) -> None:
    template = Template("t").option(option).parse("{{.x}} {{.y}}")
    assert template.execute({"x": 99}) == output


def test_missing_key_error() -> None:
    template = Template("t").option("missingkey=error").parse("{{.x}} {{.y}}")
    with pytest.raises(ExecError) as caught:
        template.execute({"x": 99})
    assert str(caught.value) == (
        'template: t:1:9: executing "t" at <.y>: map has no entry for key "y"'
    )
    with pytest.raises(ExecError, match='nil data; no entry for key "x"'):
        template.execute(None)


def test_missing_key_zero_on_an_interface_map_prints_no_value() -> None:
    # A map of mixed values is Go's map[string]interface{}: its zero value is nil.
    template = Template("t").option("missingkey=zero").parse("{{.x}} {{.y}}")
    assert template.execute({"x": 99, "z": "s"}) == "99 <no value>"


def test_unknown_option() -> None:
    with pytest.raises(ValueError, match="unrecognized option: missingkey=nope"):
        Template("t").option("missingkey=nope")
