"""Property tests: trimming, printing, quoting and lexing hold for arbitrary inputs."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from plating.gotemplate import Template
from plating.gotemplate.lex import ItemType, lex
from plating.gotemplate.printing import sprintf
from plating.gotemplate.strconv import quote, shortest_digits, unquote

SPACES = " \t\r\n"
# Text around actions: white space, letters and braces that do not open an action.
TEXT = st.text(alphabet=" \t\r\nab}{x-", max_size=12).filter(lambda t: "{{" not in t)
ACTIONS = st.sampled_from([".", '"s"', "3", 'printf "%d|" 7', "$", "len .", "/* c */"])


def _render(text: str, data: Any = "dot") -> str:
    return Template("t").parse(text).execute(data)


def _glue(left: str, right: str) -> bool:
    # "x{{- " must not read as part of a preceding "{" or a following "}".
    return not left.endswith("{") and not right.startswith("}")


@settings(max_examples=300, deadline=None)
@given(left=TEXT, right=TEXT, action=ACTIONS)
def test_trim_markers_remove_exactly_the_adjacent_white_space(
    left: str, right: str, action: str
) -> None:
    if not _glue(left, right):
        return
    plain = _render("{{" + action + "}}")
    assert _render(left + "{{- " + action + " -}}" + right) == (
        left.rstrip(SPACES) + plain + right.lstrip(SPACES)
    )
    assert _render(left + "{{- " + action + "}}" + right) == left.rstrip(SPACES) + plain + right
    assert _render(left + "{{" + action + " -}}" + right) == left + plain + right.lstrip(SPACES)
    assert _render(left + "{{" + action + "}}" + right) == left + plain + right


def _go_float(value: float) -> str:
    """Go's %v of a float64, written independently: shortest digits, %e past 1e21... no:
    past an exponent of 6 or below -4, as strconv's 'g' with the shortest precision."""
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    digits, point = shortest_digits(value)
    sign = "-" if value < 0 else ""
    exponent = point - 1
    if exponent < -4 or exponent >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point <= 0:
        return sign + "0." + "0" * -point + digits
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return sign + digits[:point] + "." + digits[point:]


def _reference(value: Any, top: bool = True) -> str:
    """fmt.Sprint of nested data, as Go prints []interface{} and map[string]interface{}."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _go_float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + " ".join(_reference(item, False) for item in value) + "]"
    assert isinstance(value, dict)
    return "map[" + " ".join(f"{k}:{_reference(value[k], False)}" for k in sorted(value)) + "]"


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet="abc xyz:[]", max_size=6)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abcdef", min_size=1, max_size=4), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=VALUES)
def test_print_of_nested_values_matches_a_reference_printer(value: Any) -> None:
    assert _render("{{print .}}", value) == _reference(value)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=20))
def test_quoted_strings_unquote_and_parse_back(text: str) -> None:
    assert unquote(quote(text)) == text
    assert unquote(quote(text, ascii_only=True)) == text
    assert _render("{{" + quote(text) + "}}") == text
    assert _render('{{printf "%q" .}}', text) == quote(text)


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=-(10**12), max_value=10**12),
    flags=st.sets(st.sampled_from("+- 0")),
    width=st.integers(min_value=0, max_value=20),
)
def test_printf_d_matches_python_format_for_integers(
    number: int, flags: set[str], width: int
) -> None:
    fmt = "%" + "".join(sorted(flags)) + (str(width) if width else "") + "d"
    sign = "+" if "+" in flags else " " if " " in flags else "-"
    if "-" in flags:
        spec = f"<{sign}{width}d"
    elif "0" in flags:
        spec = f"0={sign}{width}d"
    else:
        spec = f">{sign}{width}d"
    assert sprintf(fmt, (number,)) == format(number, spec)


TEMPLATE_TEXT = st.text(alphabet="ab {}.$|()\"`'-:=\n\t1x", max_size=30)


@settings(max_examples=400, deadline=None)
@given(text=TEMPLATE_TEXT)
def test_tokens_are_where_their_text_is(text: str) -> None:
    items = lex(text)
    assert items[-1].typ in (ItemType.EOF, ItemType.ERROR)
    previous = -1
    for item in items:
        assert item.pos >= previous
        previous = item.pos
        assert item.line == text.count("\n", 0, item.pos) + 1
        if item.typ not in (ItemType.ERROR, ItemType.EOF):
            assert text[item.pos : item.pos + len(item.val)] == item.val


@settings(max_examples=300, deadline=None)
@given(text=TEMPLATE_TEXT)
def test_arbitrary_text_parses_or_fails_with_a_located_error(text: str) -> None:
    from plating.gotemplate import TemplateError

    try:
        Template("t").parse(text)
    except TemplateError as error:
        assert str(error).startswith(f"template: t:{error.line}:{error.column}: ")
        assert 1 <= error.line <= text.count("\n") + 1


ACTION_TEXT = st.text(alphabet="ab_é .$|()\"`'-:=\n\t1x}{,\\", max_size=40)


@settings(max_examples=500, deadline=None)
@given(inside=ACTION_TEXT, trailer=st.sampled_from(["}}", " -}}", "", "}} x {{ .y }}"]))
def test_the_common_token_path_lexes_as_the_state_machine(inside: str, trailer: str) -> None:
    from plating.gotemplate.lex import _Lexer

    text = "a{{" + inside + trailer
    slow = _Lexer(text, "{{", "}}", False, True, True)
    slow.common_tokens = False
    assert lex(text) == slow.run()
