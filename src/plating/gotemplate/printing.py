"""Go's ``fmt`` for template values: ``print``, ``println``, ``printf`` and ``%v``.

``sprintf`` follows Go's ``fmt.Sprintf``: flags ``+ - # 0 space``, widths and precisions
(``*`` and explicit argument indexes ``%[2]d`` included), the verbs of every kind, and Go's
in-band complaints: ``%!d(string=x)`` for a verb that does not fit its operand,
``%!d(MISSING)``, ``%!(EXTRA int=1)``, ``%!(NOVERB)``, ``%!(BADWIDTH)``, ``%!(BADPREC)``,
``%!d(BADINDEX)``. A width or precision past Go's limit (about ten million) is refused as Go
refuses it, so no single verb can allocate more than that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plating.gotemplate import values as gv
from plating.gotemplate.strconv import (
    can_backquote,
    format_float,
    go_bytes,
    is_print,
    quote,
    quote_rune,
)

_TOO_LARGE = 1_000_000
_UINT64 = (1 << 64) - 1


def _too_large(number: int) -> bool:
    return number > _TOO_LARGE or number < -_TOO_LARGE


def _parse_num(text: str, start: int, end: int) -> tuple[int, bool, int]:
    """Go's ``parsenum``: (number, present, next index); a huge number eats the format."""
    number = 0
    present = False
    index = start
    while index < end and "0" <= text[index] <= "9":
        if _too_large(number):
            return 0, False, end
        number = number * 10 + ord(text[index]) - 48
        present = True
        index += 1
    return number, present, index


class _Printer:
    """One formatting run: the output buffer and the flags of the verb being printed."""

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.clear_flags()
        self.erroring = False
        self.reordered = False
        self.good_arg_num = True

    def clear_flags(self) -> None:
        self.wid = 0
        self.prec = 0
        self.wid_present = False
        self.prec_present = False
        self.minus = False
        self.plus = False
        self.sharp = False
        self.space = False
        self.zero = False
        self.plus_v = False
        self.sharp_v = False

    def result(self) -> str:
        return "".join(self.buf)

    # -- padding --------------------------------------------------------------------------

    def write_padding(self, count: int) -> None:
        if count > 0:
            self.buf.append(("0" if self.zero else " ") * count)

    def pad(self, text: str) -> None:
        if not self.wid_present or self.wid == 0:
            self.buf.append(text)
            return
        width = self.wid - len(text)
        if not self.minus:
            self.write_padding(width)
            self.buf.append(text)
        else:
            self.buf.append(text)
            self.write_padding(width)

    def _unzeroed_pad(self, text: str) -> None:
        saved, self.zero = self.zero, False
        self.pad(text)
        self.zero = saved

    # -- basic kinds ----------------------------------------------------------------------

    def fmt_bool(self, value: bool, verb: str, arg: Any) -> None:
        if verb in "tv":
            self.pad("true" if value else "false")
        else:
            self.bad_verb(verb, arg)

    def fmt_integer(self, value: int, verb: str, arg: Any, *, signed: bool = True) -> None:
        if verb in "vd":
            self.integer(value, 10, verb, "0123456789abcdefx")
        elif verb == "b":
            self.integer(value, 2, verb, "0123456789abcdefx")
        elif verb in "oO":
            self.integer(value, 8, verb, "0123456789abcdefx")
        elif verb == "x":
            self.integer(value, 16, verb, "0123456789abcdefx")
        elif verb == "X":
            self.integer(value, 16, verb, "0123456789ABCDEFX")
        elif verb == "c":
            self.pad(chr(_rune(value)))
        elif verb == "q":
            self.pad(quote_rune(_rune(value), ascii_only=self.plus))
        elif verb == "U":
            self.fmt_unicode(value & _UINT64 if value < 0 else value)
        else:
            self.bad_verb(verb, arg)

    def integer(self, value: int, base: int, verb: str, digits: str) -> None:
        negative = value < 0
        magnitude = -value if negative else value
        prec = 0
        if self.prec_present:
            prec = self.prec
            if prec == 0 and magnitude == 0:
                saved, self.zero = self.zero, False
                self.write_padding(self.wid)
                self.zero = saved
                return
        elif self.zero and self.wid_present:
            prec = self.wid
            if negative or self.plus or self.space:
                prec -= 1
        text = _in_base(magnitude, base, digits)
        if len(text) < prec:
            text = "0" * (prec - len(text)) + text
        if self.sharp:
            if base == 2:
                text = "0b" + text
            elif base == 8 and text[0] != "0":
                text = "0" + text
            elif base == 16:
                text = "0" + digits[16] + text
        if verb == "O":
            text = "0o" + text
        if negative:
            text = "-" + text
        elif self.plus:
            text = "+" + text
        elif self.space:
            text = " " + text
        self._unzeroed_pad(text)

    def fmt_unicode(self, value: int) -> None:
        prec = self.prec if self.prec_present and self.prec > 4 else 4
        text = "U+" + format(value, "X").rjust(prec, "0")
        printable = value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF and is_print(chr(value))
        if self.sharp and printable:
            text += " '" + chr(value) + "'"
        self._unzeroed_pad(text)

    def fmt_float(self, value: float, verb: str, arg: Any) -> None:
        if verb == "v":
            self.float_verb(value, "g", -1)
        elif verb in "bgGxX":
            self.float_verb(value, verb, -1)
        elif verb in "feE":
            self.float_verb(value, verb, 6)
        elif verb == "F":
            self.float_verb(value, "f", 6)
        else:
            self.bad_verb(verb, arg)

    def float_verb(self, value: float, verb: str, prec: int) -> None:
        if self.prec_present:
            prec = self.prec
        text = format_float(value, verb, prec)
        if text[0] in "+-":
            sign, body = text[0], text[1:]
        else:
            sign, body = "+", text
        if self.space and sign == "+" and not self.plus:
            sign = " "
        if body[0] in "IN":  # Inf and NaN are never zero padded
            if body[0] == "N" and not self.space and not self.plus:
                sign = ""
            self._unzeroed_pad(sign + body)
            return
        if self.sharp and verb != "b":
            body = _keep_point(body, verb, prec)
        if self.plus or sign != "+":
            number = sign + body
            if self.zero and self.wid_present and self.wid > len(number):
                self.buf.append(sign)
                self.write_padding(self.wid - len(number))
                self.buf.append(body)
                return
            self.pad(number)
            return
        self.pad(body)

    def fmt_complex(self, value: complex, verb: str, arg: Any) -> None:
        if verb not in "vbgGxXfFeE":
            self.bad_verb(verb, arg)
            return
        saved_plus = self.plus
        self.buf.append("(")
        self.fmt_float(value.real, verb, arg)
        self.plus = True
        self.fmt_float(value.imag, verb, arg)
        self.buf.append("i)")
        self.plus = saved_plus

    def fmt_string(self, value: str, verb: str, arg: Any) -> None:
        if verb == "v":
            if self.sharp_v:
                self.fmt_q(value)
            else:
                self.pad(self.truncate(value))
        elif verb == "s":
            self.pad(self.truncate(value))
        elif verb in "xX":
            self.fmt_hex_bytes(go_bytes(value), verb == "X")
        elif verb == "q":
            self.fmt_q(value)
        else:
            self.bad_verb(verb, arg)

    def truncate(self, text: str) -> str:
        if self.prec_present and self.prec < len(text):
            return text[: self.prec]
        return text

    def fmt_q(self, text: str) -> None:
        text = self.truncate(text)
        if self.sharp and can_backquote(text):
            self.pad("`" + text + "`")
        else:
            self.pad(quote(text, ascii_only=self.plus))

    def fmt_hex_bytes(self, data: bytes, upper: bool) -> None:
        length = len(data)
        if self.prec_present and self.prec < length:
            length = self.prec
        if length <= 0:
            if self.wid_present:
                self.write_padding(self.wid)
            return
        prefix = "0X" if upper else "0x"
        pairs = [format(byte, "02X" if upper else "02x") for byte in data[:length]]
        if self.space:
            text = " ".join(prefix + pair if self.sharp else pair for pair in pairs)
        else:
            text = (prefix if self.sharp else "") + "".join(pairs)
        if self.wid_present and self.wid > len(text) and not self.minus:
            self.write_padding(self.wid - len(text))
        self.buf.append(text)
        if self.wid_present and self.wid > len(text) and self.minus:
            self.write_padding(self.wid - len(text))

    def fmt_bytes(self, data: bytes, verb: str, arg: Any) -> None:
        if verb in "vd":
            if self.sharp_v:
                self.buf.append("[]byte{" + ", ".join(f"0x{byte:x}" for byte in data) + "}")
                return
            self.buf.append("[")
            for index, byte in enumerate(data):
                if index:
                    self.buf.append(" ")
                self.integer(byte, 10, verb, "0123456789abcdefx")
            self.buf.append("]")
        elif verb == "s":
            self.pad(self.truncate(data.decode("utf-8", "surrogateescape")))
        elif verb in "xX":
            self.fmt_hex_bytes(data, verb == "X")
        elif verb == "q":
            self.fmt_q(data.decode("utf-8", "surrogateescape"))
        else:
            self.print_value(list(data), verb, 0)

    def fmt_pointer(self, value: Any, verb: str) -> None:
        address = id(value) if value is not None else 0
        if verb == "v":
            if self.sharp_v:
                self.buf.append(f"({gv.type_name(value)})(0x{address:x})")
            elif address == 0:
                self.pad("<nil>")
            else:
                self.pad(f"0x{address:x}")
        elif verb == "p":
            self.pad(f"{'' if self.sharp else '0x'}{address:x}")
        elif verb in "bodxX":
            self.fmt_integer(address, verb, value)
        else:
            self.bad_verb(verb, value)

    # -- any value ------------------------------------------------------------------------

    def bad_verb(self, verb: str, arg: Any) -> None:
        self.erroring = True
        self.buf.append("%!" + verb + "(")
        if arg is None:
            self.buf.append("<nil>")
        else:
            self.buf.append(gv.type_name(arg) + "=")
            self.print_arg(arg, "v")
        self.buf.append(")")
        self.erroring = False

    def handle_methods(self, arg: Any, verb: str) -> bool:
        """Error() and String() methods print the value, as Go's Stringer and error do."""
        if self.erroring:
            return False
        if verb == "w":
            self.bad_verb(verb, arg)
            return True
        if self.sharp_v or verb not in "vsxXq":
            return False
        if isinstance(arg, BaseException):
            self.fmt_string(str(arg), verb, arg)
            return True
        for name in ("Error", "String"):
            method = getattr(arg, name, None)
            if method is not None and gv.is_method(method, arg):
                try:
                    text = method()
                except Exception as err:
                    self.buf.append(f"%!{verb}(PANIC={name} method: {err})")
                    return True
                self.fmt_string(str(text), verb, arg)
                return True
        return False

    def print_arg(self, arg: Any, verb: str) -> None:
        if arg is None:
            if verb in "Tv":
                self.pad("<nil>")
            else:
                self.bad_verb(verb, arg)
            return
        if verb == "T":
            self.pad(self.truncate(gv.type_name(arg)))
            return
        found = gv.kind(arg)
        if verb == "p":
            if found in (gv.FUNC, gv.MAP, gv.SLICE):
                self.fmt_pointer(arg, "p")
            else:
                self.bad_verb(verb, arg)
            return
        if found == gv.STRUCT and self.handle_methods(arg, verb):
            return
        self.print_value(arg, verb, 0)

    def print_value(self, value: Any, verb: str, depth: int) -> None:
        if value is None:
            self.buf.append("interface {}(nil)" if self.sharp_v else "<nil>")
            return
        found = gv.kind(value)
        if depth > 0 and found == gv.STRUCT and self.handle_methods(value, verb):
            return
        if found == gv.STRING:
            self.fmt_string(str(value), verb, value)
        elif found == gv.BOOL:
            self.fmt_bool(bool(value), verb, value)
        elif found == gv.INT:
            self.fmt_integer(int(value), verb, value)
        elif found == gv.FLOAT:
            self.fmt_float(float(value), verb, value)
        elif found == gv.COMPLEX:
            self.fmt_complex(complex(value), verb, value)
        elif found == gv.BYTES:
            self.fmt_bytes(bytes(value), verb, value)
        elif found == gv.SLICE:
            self.print_sequence(value, verb, depth)
        elif found == gv.MAP:
            self.print_map(value, verb, depth)
        elif found == gv.FUNC:
            self.fmt_pointer(value, verb)
        else:
            self.print_struct(value, verb, depth)

    def print_sequence(self, value: Any, verb: str, depth: int) -> None:
        items = gv.elements(value)
        if self.sharp_v:
            self.buf.append(gv.type_name(value) + "{")
            separator = ", "
        else:
            self.buf.append("[")
            separator = " "
        for index, item in enumerate(items):
            if index:
                self.buf.append(separator)
            self.print_value(item, verb, depth + 1)
        self.buf.append("}" if self.sharp_v else "]")

    def print_map(self, value: Any, verb: str, depth: int) -> None:
        if self.sharp_v:
            self.buf.append(gv.type_name(value) + "{")
        else:
            self.buf.append("map[")
        for index, key in enumerate(gv.sorted_keys(value)):
            if index:
                self.buf.append(", " if self.sharp_v else " ")
            self.print_value(key, verb, depth + 1)
            self.buf.append(":")
            self.print_value(value[key], verb, depth + 1)
        self.buf.append("}" if self.sharp_v else "]")

    def print_struct(self, value: Any, verb: str, depth: int) -> None:
        if self.sharp_v:
            self.buf.append(gv.type_name(value))
        self.buf.append("{")
        for index, (name, field) in enumerate(gv.struct_fields(value)):
            if index:
                self.buf.append(", " if self.sharp_v else " ")
            if self.plus_v or self.sharp_v:
                self.buf.append(name + ":")
            self.print_value(field, verb, depth + 1)
        self.buf.append("}")

    # -- Printf ---------------------------------------------------------------------------

    def arg_number(self, arg_num: int, fmt: str, index: int, count: int) -> tuple[int, int, bool]:
        """An explicit argument index ``[n]`` at ``index``: (argument, next index, found)."""
        if index >= len(fmt) or fmt[index] != "[":
            return arg_num, index, False
        self.reordered = True
        close = fmt.find("]", index + 1)
        if len(fmt) - index < 3 or close < 0:
            self.good_arg_num = False
            return arg_num, index + 1, False
        number, present, end = _parse_num(fmt, index + 1, close)
        if not present or end != close:
            self.good_arg_num = False
            return arg_num, close + 1, False
        if 0 <= number - 1 < count:
            return number - 1, close + 1, True
        self.good_arg_num = False
        return arg_num, close + 1, True

    def do_printf(self, fmt: str, args: Sequence[Any]) -> None:
        end = len(fmt)
        arg_num = 0
        after_index = False
        self.reordered = False
        index = 0
        while index < end:
            self.good_arg_num = True
            percent = fmt.find("%", index)
            if percent < 0:
                self.buf.append(fmt[index:])
                break
            if percent > index:
                self.buf.append(fmt[index:percent])
            index = percent + 1
            self.clear_flags()
            while index < end:
                flag = fmt[index]
                if flag == "#":
                    self.sharp = True
                elif flag == "0":
                    self.zero = not self.minus
                elif flag == "+":
                    self.plus = True
                elif flag == "-":
                    self.minus = True
                    self.zero = False
                elif flag == " ":
                    self.space = True
                else:
                    break
                index += 1
            arg_num, index, after_index = self.arg_number(arg_num, fmt, index, len(args))
            if index < end and fmt[index] == "*":
                index += 1
                self.wid, self.wid_present, arg_num = _int_from_arg(args, arg_num)
                if not self.wid_present:
                    self.buf.append("%!(BADWIDTH)")
                if self.wid < 0:
                    self.wid = -self.wid
                    self.minus = True
                    self.zero = False
                after_index = False
            else:
                self.wid, self.wid_present, index = _parse_num(fmt, index, end)
                if after_index and self.wid_present:
                    self.good_arg_num = False
            if index + 1 < end and fmt[index] == ".":
                index += 1
                if after_index:
                    self.good_arg_num = False
                arg_num, index, after_index = self.arg_number(arg_num, fmt, index, len(args))
                if index < end and fmt[index] == "*":
                    index += 1
                    self.prec, self.prec_present, arg_num = _int_from_arg(args, arg_num)
                    if self.prec < 0:
                        self.prec, self.prec_present = 0, False
                    if not self.prec_present:
                        self.buf.append("%!(BADPREC)")
                    after_index = False
                else:
                    self.prec, self.prec_present, index = _parse_num(fmt, index, end)
                    if not self.prec_present:
                        self.prec, self.prec_present = 0, True
            if not after_index:
                arg_num, index, after_index = self.arg_number(arg_num, fmt, index, len(args))
            if index >= end:
                self.buf.append("%!(NOVERB)")
                break
            verb = fmt[index]
            index += 1
            if verb == "%":
                self.buf.append("%")
            elif not self.good_arg_num:
                self.buf.append(f"%!{verb}(BADINDEX)")
            elif arg_num >= len(args):
                self.buf.append(f"%!{verb}(MISSING)")
            else:
                if verb in "vw":
                    self.sharp_v, self.sharp = self.sharp, False
                    self.plus_v, self.plus = self.plus, False
                self.print_arg(args[arg_num], verb)
                arg_num += 1
        if not self.reordered and arg_num < len(args):
            self.clear_flags()
            self.buf.append("%!(EXTRA ")
            for position, arg in enumerate(args[arg_num:]):
                if position:
                    self.buf.append(", ")
                if arg is None:
                    self.buf.append("<nil>")
                else:
                    self.buf.append(gv.type_name(arg) + "=")
                    self.print_arg(arg, "v")
            self.buf.append(")")


def _int_from_arg(args: Sequence[Any], arg_num: int) -> tuple[int, bool, int]:
    if arg_num >= len(args):
        return 0, False, arg_num
    arg = args[arg_num]
    if gv.kind(arg) != gv.INT or _too_large(int(arg)):
        return 0, False, arg_num + 1
    return int(arg), True, arg_num + 1


def _rune(value: int) -> int:
    if value < 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return 0xFFFD
    return value


def _in_base(value: int, base: int, digits: str) -> str:
    if base == 10:
        return str(value)
    spec = {2: "b", 8: "o", 16: "x"}[base]
    text = format(value, spec)
    return text.upper() if digits[10] == "A" else text


def _keep_point(body: str, verb: str, prec: int) -> str:
    """The ``#`` flag for floats: always a decimal point, and %g keeps its trailing zeros."""
    digits = 0
    if verb in "vgGx":
        digits = 6 if prec == -1 else prec
    tail = ""
    head = body
    for position, ch in enumerate(body):
        if ch in "pP" or (ch in "eE" and verb not in "xX"):
            head, tail = body[:position], body[position:]
            break
    seen_nonzero = False
    for ch in head:
        if ch == ".":
            continue
        if ch != "0":
            seen_nonzero = True
        if seen_nonzero:
            digits -= 1
    if "." not in head:
        if head == "0":
            digits -= 1
        head += "."
    if digits > 0:
        head += "0" * digits
    return head + tail


def sprint(args: Sequence[Any]) -> str:
    """Go's ``fmt.Sprint``: operands' ``%v`` with a space between two non-strings."""
    printer = _Printer()
    previous_string = False
    for position, arg in enumerate(args):
        is_string = isinstance(arg, str)
        if position and not is_string and not previous_string:
            printer.buf.append(" ")
        printer.print_arg(arg, "v")
        previous_string = is_string
    return printer.result()


def sprintln(args: Sequence[Any]) -> str:
    """Go's ``fmt.Sprintln``: operands' ``%v`` separated by spaces, then a newline."""
    printer = _Printer()
    for position, arg in enumerate(args):
        if position:
            printer.buf.append(" ")
        printer.print_arg(arg, "v")
    printer.buf.append("\n")
    return printer.result()


def sprintf(fmt: str, args: Sequence[Any]) -> str:
    """Go's ``fmt.Sprintf``."""
    printer = _Printer()
    printer.do_printf(fmt, args)
    return printer.result()


def format_value(value: Any) -> str:
    """One value as Go's ``fmt.Sprint(value)`` prints it (a template action's output)."""
    cls = type(value)
    if cls is str:
        return str(value)
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return str(value)
    if cls is float:
        return format_float(value, "g", -1)
    printer = _Printer()
    printer.print_arg(value, "v")
    return printer.result()
