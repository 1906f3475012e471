"""Go's ``fmt`` formatting of one operand: flags, width, precision, padding, number bases,
quoting and float printing (Go's ``format.go``). ``printing`` chooses what to print."""

from __future__ import annotations

from plating.gotemplate.strconv import can_backquote, format_float, is_print, quote


class Formatter:
    """The output buffer and the flags of the verb being printed."""

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

    def unzeroed_pad(self, text: str) -> None:
        saved, self.zero = self.zero, False
        self.pad(text)
        self.zero = saved

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
        self.unzeroed_pad(text)

    def fmt_unicode(self, value: int) -> None:
        prec = self.prec if self.prec_present and self.prec > 4 else 4
        text = "U+" + format(value, "X").rjust(prec, "0")
        printable = value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF and is_print(chr(value))
        if self.sharp and printable:
            text += " '" + chr(value) + "'"
        self.unzeroed_pad(text)

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
            self.unzeroed_pad(sign + body)
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


def valid_rune(value: int) -> int:
    """A code point as Go encodes it: anything that is not one becomes U+FFFD."""
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
