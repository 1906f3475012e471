"""Go's literal syntax and number printing: quoting, unquoting, numbers and floats.

Go strings are bytes; here they are Python strings in which a byte that is not UTF-8 is
kept as a surrogate escape (U+DC80..U+DCFF, Python's ``surrogateescape``), so that
``"\\xff"`` in a template survives printing, quoting and ``len`` as Go sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_HEX = "0123456789abcdef"


class SyntaxErr(ValueError):
    """A literal that Go's strconv would reject; the message is Go's."""


def go_bytes(text: str) -> bytes:
    """The bytes Go would hold for ``text`` (surrogate escapes back to their byte)."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def from_go_bytes(data: bytes) -> str:
    """The string for Go bytes; bytes that are not UTF-8 become surrogate escapes."""
    return data.decode("utf-8", "surrogateescape")


def byte_len(text: str) -> int:
    """Go's ``len`` of a string: its length in bytes."""
    return len(text) if text.isascii() else len(go_bytes(text))


def is_print(ch: str) -> bool:
    """Go's ``unicode.IsPrint``: letters, marks, numbers, punctuation, symbols, ASCII space."""
    return ch == " " or (ch.isprintable() and not _is_escaped_byte(ch))


def _is_escaped_byte(ch: str) -> bool:
    return "\udc80" <= ch <= "\udcff"


def _escape_rune(out: list[str], ch: str, quote: str, ascii_only: bool) -> None:
    code = ord(ch)
    if ch == quote or ch == "\\":
        out.append("\\" + ch)
        return
    if ascii_only:
        if code < 0x80 and is_print(ch):
            out.append(ch)
            return
    elif is_print(ch):
        out.append(ch)
        return
    simple = _SIMPLE_ESCAPES.get(ch)
    if simple is not None:
        out.append(simple)
    elif _is_escaped_byte(ch):
        out.append(f"\\x{code - 0xDC00:02x}")
    elif code < 0x20 or code == 0x7F:
        out.append(f"\\x{code:02x}")
    elif 0xD800 <= code <= 0xDFFF:
        out.append("\\ufffd")
    elif code < 0x10000:
        out.append(f"\\u{code:04x}")
    else:
        out.append(f"\\U{code:08x}")


_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def quote(text: str, *, ascii_only: bool = False) -> str:
    """Go's ``strconv.Quote`` (``QuoteToASCII`` with ``ascii_only``)."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    out = ['"']
    for ch in text:
        _escape_rune(out, ch, '"', ascii_only)
    out.append('"')
    return "".join(out)


def quote_rune(code: int, *, ascii_only: bool = False) -> str:
    """Go's ``strconv.QuoteRune``: an invalid code point quotes as U+FFFD."""
    if code < 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        code = 0xFFFD
    out = ["'"]
    _escape_rune(out, chr(code), "'", ascii_only)
    out.append("'")
    return "".join(out)


def can_backquote(text: str) -> bool:
    """Go's ``strconv.CanBackquote``: one line, no control character but tab, no backquote."""
    for ch in text:
        code = ord(ch)
        if ch == "\ufeff" or _is_escaped_byte(ch) or 0xD800 <= code <= 0xDFFF:
            return False
        if (code < 0x20 and ch != "\t") or ch == "`" or code == 0x7F:
            return False
    return True


# -- unquoting ------------------------------------------------------------------------------


def _unhex(text: str) -> int:
    value = 0
    for ch in text:
        digit = _HEX.find(ch.lower())
        if digit < 0:
            raise SyntaxErr("invalid syntax")
        value = value * 16 + digit
    return value


def unquote_char(text: str, quote_char: str) -> tuple[int, bool, str]:
    """Go's ``strconv.UnquoteChar``: (value, multibyte, tail); a byte escape is not multibyte."""
    if not text:
        raise SyntaxErr("invalid syntax")
    first = text[0]
    if first == quote_char and quote_char in "'\"":
        raise SyntaxErr("invalid syntax")
    if first != "\\":
        return ord(first), ord(first) >= 0x80, text[1:]
    if len(text) <= 1:
        raise SyntaxErr("invalid syntax")
    kind, rest = text[1], text[2:]
    simple = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
    if kind in simple:
        return simple[kind], False, rest
    if kind in "xuU":
        size = {"x": 2, "u": 4, "U": 8}[kind]
        if len(rest) < size:
            raise SyntaxErr("invalid syntax")
        value = _unhex(rest[:size])
        if kind == "x":
            return value, False, rest[size:]
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            raise SyntaxErr("invalid syntax")
        return value, True, rest[size:]
    if "0" <= kind <= "7":
        digits = kind + rest[:2]
        if len(digits) < 3 or any(not "0" <= d <= "7" for d in digits):
            raise SyntaxErr("invalid syntax")
        value = int(digits, 8)
        if value > 255:
            raise SyntaxErr("invalid syntax")
        return value, False, rest[2:]
    if kind in "'\"":
        if kind != quote_char:
            raise SyntaxErr("invalid syntax")
        return ord(kind), False, rest
    raise SyntaxErr("invalid syntax")


def unquote(literal: str) -> str:
    """Go's ``strconv.Unquote`` of a ``"..."`` or raw `` `...` `` string literal."""
    if len(literal) < 2 or literal[0] != literal[-1]:
        raise SyntaxErr("invalid syntax")
    quote_char, body = literal[0], literal[1:-1]
    if quote_char == "`":
        if "`" in body:
            raise SyntaxErr("invalid syntax")
        return body.replace("\r", "")
    if quote_char not in "\"'" or "\n" in body:
        raise SyntaxErr("invalid syntax")
    if "\\" not in body and quote_char not in body and quote_char == '"':
        return body
    out = bytearray()
    while body:
        value, multibyte, body = unquote_char(body, quote_char)
        if value < 0x80 or not multibyte:
            out.append(value)
        else:
            out += go_bytes(chr(value))
        if quote_char == "'" and body:
            raise SyntaxErr("invalid syntax")
    return from_go_bytes(bytes(out))


# -- numbers --------------------------------------------------------------------------------

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


def _underscore_ok(text: str) -> bool:
    """Go's rule: an underscore separates digits (or follows a base prefix), nothing else."""
    if text[:1] in "+-" and text:
        text = text[1:]
    saw = "^"
    index = 0
    hex_digits = False
    if len(text) >= 2 and text[0] == "0" and text[1].lower() in "box":
        index = 2
        saw = "0"
        hex_digits = text[1].lower() == "x"
    for ch in text[index:]:
        if (ch.isdigit() and ch.isascii()) or (hex_digits and ch.lower() in "abcdef"):
            saw = "0"
            continue
        if ch == "_":
            if saw != "0":
                return False
            saw = "_"
            continue
        if saw == "_":
            return False
        saw = "!"
    return saw != "_"


def parse_int(text: str, *, signed: bool = True) -> int | None:
    """Go's ``strconv.ParseInt(text, 0, 64)`` (``ParseUint`` when not ``signed``), or None."""
    if not text:
        return None
    sign = 1
    body = text
    if body[0] in "+-":
        if not signed:
            return None
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body or ("_" in body and not _underscore_ok(body)):
        return None
    lowered = body.lower()
    base = 10
    digits = lowered
    if lowered.startswith("0x"):
        base, digits = 16, lowered[2:]
    elif lowered.startswith("0o"):
        base, digits = 8, lowered[2:]
    elif lowered.startswith("0b"):
        base, digits = 2, lowered[2:]
    elif lowered.startswith("0") and len(lowered) > 1:
        base, digits = 8, lowered[1:]
    digits = digits.replace("_", "")
    if not digits or any(_HEX.find(d) < 0 or _HEX.find(d) >= base for d in digits):
        return None
    value = sign * int(digits, base)
    if signed and not INT64_MIN <= value <= INT64_MAX:
        return None
    if not signed and value > UINT64_MAX:
        return None
    return value


def parse_float(text: str) -> float | None:
    """Go's ``strconv.ParseFloat(text, 64)`` for literal syntax (out of range is None)."""
    if not text or ("_" in text and not _underscore_ok(text)):
        return None
    body = text.replace("_", "")
    sign = ""
    if body[:1] in "+-":
        sign, body = body[0], body[1:]
    try:
        if body[:2].lower() == "0x":
            if "p" not in body.lower():
                return None
            value = float.fromhex(sign + body)
        else:
            if not body or not all(c.isascii() and (c.isdigit() or c in ".eE+-") for c in body):
                return None
            value = float(sign + body)
    except ValueError:
        return None
    if math.isinf(value):
        return None
    return value


@dataclass(frozen=True)
class Number:
    """A numeric literal and every Go type it fits, as Go's ``parse.NumberNode`` records it."""

    is_int: bool = False
    is_uint: bool = False
    is_float: bool = False
    is_complex: bool = False
    int_value: int = 0
    uint_value: int = 0
    float_value: float = 0.0
    complex_value: complex = 0j


def _from_complex(value: complex) -> Number:
    if value.imag != 0:
        return Number(is_complex=True, complex_value=value)
    real = value.real
    integral = real.is_integer() and abs(real) < 2.0**63
    return Number(
        is_int=integral,
        is_uint=integral and real >= 0,
        is_float=True,
        is_complex=True,
        int_value=int(real) if integral else 0,
        uint_value=int(real) if integral and real >= 0 else 0,
        float_value=real,
        complex_value=value,
    )


def _split_complex(text: str) -> tuple[str, str] | None:
    for index in range(len(text) - 1, 0, -1):
        if text[index] in "+-" and text[index - 1].lower() not in "ep":
            return text[:index], text[index:]
    return None


def parse_number(text: str, kind: str) -> Number:
    """A number, char or complex literal (``kind`` is "number", "char" or "complex")."""
    if kind == "char":
        value, _, tail = unquote_char(text[1:], text[0])
        if tail != "'":
            raise SyntaxErr(f"malformed character constant: {text}")
        return Number(True, True, True, False, value, value, float(value))
    if kind == "complex":
        parts = _split_complex(text)
        if parts is None or not parts[1].endswith("i"):
            raise SyntaxErr("expected integer")
        real, imag = parse_float(parts[0]), parse_float(parts[1][:-1])
        if real is None or imag is None:
            raise SyntaxErr("expected integer")
        return _from_complex(complex(real, imag))
    if text.endswith("i"):
        imag = parse_float(text[:-1])
        if imag is not None:
            return _from_complex(complex(0, imag))
    unsigned = parse_int(text, signed=False)
    signed = parse_int(text)
    if signed is not None:
        return Number(
            is_int=True,
            is_uint=unsigned is not None or signed == 0,
            is_float=True,
            int_value=signed,
            uint_value=signed if signed >= 0 else 0,
            float_value=float(signed),
        )
    if unsigned is not None:
        return Number(is_uint=True, is_float=True, uint_value=unsigned, float_value=float(unsigned))
    as_float = parse_float(text)
    if as_float is not None:
        if not any(c in text for c in ".eEpP"):
            raise SyntaxErr(f"integer overflow: {quote(text)}")
        integral = as_float.is_integer()
        return Number(
            is_int=integral and INT64_MIN <= as_float <= INT64_MAX,
            is_uint=integral and 0 <= as_float <= UINT64_MAX,
            is_float=True,
            int_value=int(as_float) if integral and INT64_MIN <= as_float <= INT64_MAX else 0,
            uint_value=int(as_float) if integral and 0 <= as_float <= UINT64_MAX else 0,
            float_value=as_float,
        )
    raise SyntaxErr(f"illegal number syntax: {quote(text)}")


# -- floats ---------------------------------------------------------------------------------


def shortest_digits(value: float) -> tuple[str, int]:
    """The shortest decimal digits that round-trip ``abs(value)`` and the decimal point
    position: ``0.0123`` is ("123", -1), ``1500.0`` is ("15", 4), zero is ("", 0)."""
    if value == 0:
        return "", 0
    text = repr(abs(value))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0"), point


def _exponent(exp: int) -> str:
    sign = "-" if exp < 0 else "+"
    return f"{sign}{abs(exp):02d}"


def _format_e(digits: str, point: int, decimals: int, letter: str) -> str:
    first = digits[:1] or "0"
    out = first
    if decimals > 0:
        fraction = digits[1 : decimals + 1]
        out += "." + fraction + "0" * (decimals - len(fraction))
    exp = point - 1 if digits else 0
    return out + letter + _exponent(exp)


def _format_f(digits: str, point: int, decimals: int) -> str:
    whole = digits[:point] + "0" * max(point - len(digits), 0) if point > 0 else "0"
    if decimals <= 0:
        return whole
    fraction = "".join(
        digits[i] if 0 <= i < len(digits) else "0" for i in range(point, point + decimals)
    )
    return whole + "." + fraction


def _format_hex(value: float, prec: int, upper: bool) -> str:
    mantissa, exp = math.frexp(abs(value))
    # frexp gives 0.5 <= m < 1; Go writes 1.xxx, with 60 bits of fraction to round in.
    bits = int(mantissa * (1 << 61)) if value != 0 else 0
    exp = exp - 1 if value != 0 else 0
    if 0 <= prec < 15:
        shift = prec * 4
        extra = (bits << shift) & ((1 << 60) - 1)
        bits >>= 60 - shift
        if extra | (bits & 1) > 1 << 59:
            bits += 1
        bits <<= 60 - shift
        if bits & (1 << 61):
            bits >>= 1
            exp += 1
    digits = _HEX.upper() if upper else _HEX
    out = "0" + ("X" if upper else "x") + str((bits >> 60) & 1)
    bits = (bits << 4) & ((1 << 64) - 1)
    if prec < 0 and bits:
        out += "."
        while bits:
            out += digits[(bits >> 60) & 15]
            bits = (bits << 4) & ((1 << 64) - 1)
    elif prec > 0:
        out += "."
        for _ in range(prec):
            out += digits[(bits >> 60) & 15]
            bits = (bits << 4) & ((1 << 64) - 1)
    return out + ("P" if upper else "p") + _exponent(exp)


def _format_binary(value: float) -> str:
    if value == 0:
        return "0p-1074"
    mantissa, exp = math.frexp(abs(value))
    bits = int(mantissa * (1 << 53))
    exp -= 53
    if exp < -1074:
        bits >>= -1074 - exp
        exp = -1074
    return f"{bits}p{'+' if exp >= 0 else '-'}{abs(exp)}"


def format_float(value: float, verb: str, prec: int) -> str:
    """Go's ``strconv.FormatFloat(value, verb, prec, 64)`` for verbs e E f g G b x X."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    negative = math.copysign(1.0, value) < 0
    sign = "-" if negative else ""
    if verb in "xX":
        return sign + _format_hex(value, prec, verb == "X")
    if verb == "b":
        return sign + _format_binary(value)
    if prec < 0:
        digits, point = shortest_digits(value)
        if verb in "eE":
            return sign + _format_e(digits, point, max(len(digits) - 1, 0), verb)
        if verb == "f":
            return sign + _format_f(digits, point, max(len(digits) - point, 0))
        exp = point - 1
        letter = "e" if verb == "g" else "E"
        if digits and (exp < -4 or exp >= 6):
            return sign + _format_e(digits, point, len(digits) - 1, letter)
        if not digits:
            return sign + "0"
        return sign + _format_f(digits, point, max(len(digits) - point, 0))
    if verb in "eE":
        text = format(abs(value), f".{prec}e")
        return sign + (text.upper() if verb == "E" else text)
    if verb == "f":
        return sign + format(abs(value), f".{prec}f")
    text = format(abs(value), f".{max(prec, 1)}g")
    return sign + (text.upper() if verb == "G" else text)
