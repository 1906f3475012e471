"""Lexer tables: template text to tokens, as Go's text/template/parse scans it."""

from __future__ import annotations

import pytest

from plating.gotemplate.lex import ItemType as T
from plating.gotemplate.lex import lex

L, R, SP = (T.LEFT_DELIM, "{{"), (T.RIGHT_DELIM, "}}"), (T.SPACE, " ")
EOF_ = (T.EOF, "")

LEX_CASES: list[tuple[str, str, list[tuple[T, str]]]] = [
    ("empty", "", [EOF_]),
    ("spaces", " \t\n", [(T.TEXT, " \t\n"), EOF_]),
    ("text", "now is the time", [(T.TEXT, "now is the time"), EOF_]),
    (
        "text with comment",
        "hello-{{/* this is a comment */}}-world",
        [(T.TEXT, "hello-"), (T.TEXT, "-world"), EOF_],
    ),
    ("punctuation", "{{,@% }}", [L, (T.CHAR, ","), (T.CHAR, "@"), (T.CHAR, "%"), SP, R, EOF_]),
    (
        "parens",
        "{{((3))}}",
        [
            L,
            (T.LEFT_PAREN, "("),
            (T.LEFT_PAREN, "("),
            (T.NUMBER, "3"),
            (T.RIGHT_PAREN, ")"),
            (T.RIGHT_PAREN, ")"),
            R,
            EOF_,
        ],
    ),
    ("empty action", "{{}}", [L, R, EOF_]),
    ("for", "{{for}}", [L, (T.IDENTIFIER, "for"), R, EOF_]),
    (
        "block",
        '{{block "foo" .}}',
        [L, (T.BLOCK, "block"), SP, (T.STRING, '"foo"'), SP, (T.DOT, "."), R, EOF_],
    ),
    ("quote", '{{"abc \\n\\t\\" "}}', [L, (T.STRING, '"abc \\n\\t\\" "'), R, EOF_]),
    ("raw quote", '{{`abc\\n\\t\\" `}}', [L, (T.RAW_STRING, '`abc\\n\\t\\" `'), R, EOF_]),
    (
        "raw quote with newline",
        "{{`now is{{\n}}the time`}}",
        [L, (T.RAW_STRING, "`now is{{\n}}the time`"), R, EOF_],
    ),
    (
        "numbers",
        "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
        [
            L,
            (T.NUMBER, "1"),
            SP,
            (T.NUMBER, "02"),
            SP,
            (T.NUMBER, "0x14"),
            SP,
            (T.NUMBER, "0X14"),
            SP,
            (T.NUMBER, "-7.2i"),
            SP,
            (T.NUMBER, "1e3"),
            SP,
            (T.NUMBER, "1E3"),
            SP,
            (T.NUMBER, "+1.2e-4"),
            SP,
            (T.NUMBER, "4.2i"),
            SP,
            (T.COMPLEX, "1+2i"),
            SP,
            (T.NUMBER, "1_2"),
            SP,
            (T.NUMBER, "0x1.e_fp4"),
            SP,
            (T.NUMBER, "0X1.E_FP4"),
            R,
            EOF_,
        ],
    ),
    (
        "characters",
        r"""{{'a' '\n' '\'' '\\' '\u00FF' '\xFF' '本'}}""",
        [
            L,
            (T.CHAR_CONSTANT, "'a'"),
            SP,
            (T.CHAR_CONSTANT, r"'\n'"),
            SP,
            (T.CHAR_CONSTANT, r"'\''"),
            SP,
            (T.CHAR_CONSTANT, r"'\\'"),
            SP,
            (T.CHAR_CONSTANT, r"'\u00FF'"),
            SP,
            (T.CHAR_CONSTANT, r"'\xFF'"),
            SP,
            (T.CHAR_CONSTANT, "'本'"),
            R,
            EOF_,
        ],
    ),
    ("bools", "{{true false}}", [L, (T.BOOL, "true"), SP, (T.BOOL, "false"), R, EOF_]),
    ("dot", "{{.}}", [L, (T.DOT, "."), R, EOF_]),
    ("nil", "{{nil}}", [L, (T.NIL, "nil"), R, EOF_]),
    (
        "dots",
        "{{.x . .2 .x.y.z}}",
        [
            L,
            (T.FIELD, ".x"),
            SP,
            (T.DOT, "."),
            SP,
            (T.NUMBER, ".2"),
            SP,
            (T.FIELD, ".x"),
            (T.FIELD, ".y"),
            (T.FIELD, ".z"),
            R,
            EOF_,
        ],
    ),
    (
        "keywords",
        "{{range if else end with}}",
        [
            L,
            (T.RANGE, "range"),
            SP,
            (T.IF, "if"),
            SP,
            (T.ELSE, "else"),
            SP,
            (T.END, "end"),
            SP,
            (T.WITH, "with"),
            R,
            EOF_,
        ],
    ),
    (
        "variables",
        "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
        [
            L,
            (T.VARIABLE, "$c"),
            SP,
            (T.DECLARE, ":="),
            SP,
            (T.IDENTIFIER, "printf"),
            SP,
            (T.VARIABLE, "$"),
            SP,
            (T.VARIABLE, "$hello"),
            SP,
            (T.VARIABLE, "$23"),
            SP,
            (T.VARIABLE, "$"),
            SP,
            (T.VARIABLE, "$var"),
            (T.FIELD, ".Field"),
            SP,
            (T.FIELD, ".Method"),
            R,
            EOF_,
        ],
    ),
    ("variable invocation", "{{$x 23}}", [L, (T.VARIABLE, "$x"), SP, (T.NUMBER, "23"), R, EOF_]),
    (
        "assignment",
        "{{$x = 1}}",
        [L, (T.VARIABLE, "$x"), SP, (T.ASSIGN, "="), SP, (T.NUMBER, "1"), R, EOF_],
    ),
    (
        "pipeline",
        'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro',
        [
            (T.TEXT, "intro "),
            L,
            (T.IDENTIFIER, "echo"),
            SP,
            (T.IDENTIFIER, "hi"),
            SP,
            (T.NUMBER, "1.2"),
            SP,
            (T.PIPE, "|"),
            (T.IDENTIFIER, "noargs"),
            (T.PIPE, "|"),
            (T.IDENTIFIER, "args"),
            SP,
            (T.NUMBER, "1"),
            SP,
            (T.STRING, '"hi"'),
            R,
            (T.TEXT, " outro"),
            EOF_,
        ],
    ),
    (
        "declaration",
        "{{$v := 3}}",
        [L, (T.VARIABLE, "$v"), SP, (T.DECLARE, ":="), SP, (T.NUMBER, "3"), R, EOF_],
    ),
    (
        "2 declarations",
        "{{$v , $w := 3}}",
        [
            L,
            (T.VARIABLE, "$v"),
            SP,
            (T.CHAR, ","),
            SP,
            (T.VARIABLE, "$w"),
            SP,
            (T.DECLARE, ":="),
            SP,
            (T.NUMBER, "3"),
            R,
            EOF_,
        ],
    ),
    (
        "field of parenthesized expression",
        "{{(.X).Y}}",
        [L, (T.LEFT_PAREN, "("), (T.FIELD, ".X"), (T.RIGHT_PAREN, ")"), (T.FIELD, ".Y"), R, EOF_],
    ),
    (
        "trimming spaces before and after",
        "hello- {{- 3 -}} -world",
        [(T.TEXT, "hello-"), L, (T.NUMBER, "3"), R, (T.TEXT, "-world"), EOF_],
    ),
    (
        "trimming spaces before and after comment",
        "hello- {{- /* hello */ -}} -world",
        [(T.TEXT, "hello-"), (T.TEXT, "-world"), EOF_],
    ),
    (
        "trim marker with newline",
        "a \n{{-\n3\n-}}\n b",
        [(T.TEXT, "a"), L, (T.NUMBER, "3"), R, (T.TEXT, "b"), EOF_],
    ),
    ("minus is a number without the space", "{{-3}}", [L, (T.NUMBER, "-3"), R, EOF_]),
    (
        "break and continue",
        "{{break}}{{continue}}",
        [L, (T.BREAK, "break"), R, L, (T.CONTINUE, "continue"), R, EOF_],
    ),
    (
        "multi-line action",
        "{{\n.X\n|\nprintf\n}}",
        [
            L,
            (T.SPACE, "\n"),
            (T.FIELD, ".X"),
            (T.SPACE, "\n"),
            (T.PIPE, "|"),
            (T.SPACE, "\n"),
            (T.IDENTIFIER, "printf"),
            (T.SPACE, "\n"),
            R,
            EOF_,
        ],
    ),
    # errors
    (
        "badchar",
        "#{{\x01}}",
        [(T.TEXT, "#"), L, (T.ERROR, "unrecognized character in action: U+0001")],
    ),
    ("unclosed action", "{{", [L, (T.ERROR, "unclosed action")]),
    ("EOF in action", "{{range", [L, (T.RANGE, "range"), (T.ERROR, "unclosed action")]),
    ("unclosed quote", '{{"\n"}}', [L, (T.ERROR, "unterminated quoted string")]),
    ("unclosed raw quote", "{{`xx}}", [L, (T.ERROR, "unterminated raw quoted string")]),
    ("unclosed char constant", "{{'\n}}", [L, (T.ERROR, "unterminated character constant")]),
    ("bad number", "{{3k}}", [L, (T.ERROR, 'bad number syntax: "3k"')]),
    (
        "unclosed paren",
        "{{(3}}",
        [L, (T.LEFT_PAREN, "("), (T.NUMBER, "3"), (T.ERROR, "unclosed left paren")],
    ),
    ("extra right paren", "{{3)}}", [L, (T.NUMBER, "3"), (T.ERROR, "unexpected right paren")]),
    ("bad character in identifier", "{{a#}}", [L, (T.ERROR, "bad character U+0023 '#'")]),
    ("expected declare", "{{$x :3}}", [L, (T.VARIABLE, "$x"), SP, (T.ERROR, "expected :=")]),
    (
        "long pipeline deadlock",
        "{{|||||}}",
        [L, (T.PIPE, "|"), (T.PIPE, "|"), (T.PIPE, "|"), (T.PIPE, "|"), (T.PIPE, "|"), R, EOF_],
    ),
    (
        "text with bad comment",
        "hello-{{/*/}}-world",
        [(T.TEXT, "hello-"), (T.ERROR, "unclosed comment")],
    ),
    (
        "text with comment close separated from delim",
        "hello-{{/* */ }}-world",
        [(T.TEXT, "hello-"), (T.ERROR, "comment ends before closing delimiter")],
    ),
    ("unmatched right delimiter", "hello-{.}}-world", [(T.TEXT, "hello-{.}}-world"), EOF_]),
]


@pytest.mark.parametrize(("name", "text", "expected"), LEX_CASES, ids=[c[0] for c in LEX_CASES])
def test_lex(name: str, text: str, expected: list[tuple[T, str]]) -> None:
    assert [(item.typ, item.val) for item in lex(text)] == expected


def test_lex_with_comments_emitted() -> None:
    items = lex("a{{/* c */}}b", emit_comments=True)
    assert [(item.typ, item.val) for item in items] == [
        (T.TEXT, "a"),
        (T.COMMENT, "/* c */"),
        (T.TEXT, "b"),
        EOF_,
    ]


def test_lex_other_delimiters() -> None:
    items = lex("$$ <<.x>> (日).y(本)", "<<", ">>")
    assert [(item.typ, item.val) for item in items] == [
        (T.TEXT, "$$ "),
        (T.LEFT_DELIM, "<<"),
        (T.FIELD, ".x"),
        (T.RIGHT_DELIM, ">>"),
        (T.TEXT, " (日).y(本)"),
        EOF_,
    ]
    items = lex("(日).y(本)", "(日)", "(本)")
    assert [(item.typ, item.val) for item in items] == [
        (T.LEFT_DELIM, "(日)"),
        (T.FIELD, ".y"),
        (T.RIGHT_DELIM, "(本)"),
        EOF_,
    ]


def test_break_and_continue_are_identifiers_when_functions() -> None:
    items = lex("{{break}}{{continue}}", break_ok=False, continue_ok=False)
    assert [item.typ for item in items] == [
        T.LEFT_DELIM,
        T.IDENTIFIER,
        T.RIGHT_DELIM,
        T.LEFT_DELIM,
        T.IDENTIFIER,
        T.RIGHT_DELIM,
        T.EOF,
    ]


def test_positions_and_lines() -> None:
    text = "a\n{{\n.X}}\nb{{/*\n*/}}c{{`x\ny`}}d{{.Y}}"
    items = lex(text)
    located = [(item.typ, item.pos, item.line) for item in items]
    assert located == [
        (T.TEXT, 0, 1),
        (T.LEFT_DELIM, 2, 2),
        (T.SPACE, 4, 2),
        (T.FIELD, 5, 3),
        (T.RIGHT_DELIM, 7, 3),
        (T.TEXT, 9, 3),
        (T.TEXT, 20, 5),
        (T.LEFT_DELIM, 21, 5),
        (T.RAW_STRING, 23, 5),
        (T.RIGHT_DELIM, 28, 6),
        (T.TEXT, 30, 6),
        (T.LEFT_DELIM, 31, 6),
        (T.FIELD, 33, 6),
        (T.RIGHT_DELIM, 35, 6),
        (T.EOF, 37, 6),
    ]
    assert all(text[item.pos :].startswith(item.val) for item in items)


def test_error_line_is_where_the_token_started() -> None:
    items = lex('line1\n{{"x"\n"y"\n')
    assert (items[-1].typ, items[-1].val, items[-1].line) == (T.ERROR, "unclosed action", 4)
