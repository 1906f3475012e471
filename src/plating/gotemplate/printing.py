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
from plating.gotemplate.formatting import Formatter, valid_rune
from plating.gotemplate.strconv import format_float, go_bytes, quote_rune

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


class _Printer(Formatter):
    """One printing run: which verb each operand gets and how a value of each kind prints."""

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
            self.pad(chr(valid_rune(value)))
        elif verb == "q":
            self.pad(quote_rune(valid_rune(value), ascii_only=self.plus))
        elif verb == "U":
            self.fmt_unicode(value & _UINT64 if value < 0 else value)
        else:
            self.bad_verb(verb, arg)

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
