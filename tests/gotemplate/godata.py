"""Test data shaped like the values of Go's own text/template tests, in Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plating.gotemplate.printing import sprint


@dataclass
class U:
    V: str

    def TrueFalse(self, value: bool) -> str:
        return "true" if value else ""


class Stringer:
    def __init__(self, text: str) -> None:
        self._text = text

    def String(self) -> str:
        return self._text


class MyError(Exception):
    pass


def binary(a: str, b: str) -> str:
    return f"[{a}={b}]"


def variadic(*words: str) -> str:
    return "<" + "+".join(words) + ">"


def variadic_int(number: int, *words: str) -> str:
    return f"{number}=<" + "+".join(words) + ">"


def nil_ok(value: Any) -> bool:
    return value is None


def err_func() -> str:
    return "bla"


def panic_func() -> str:
    raise RuntimeError("test panic")


class T:
    """Go's test struct ``T``: exported fields and methods (``True`` is set by name)."""

    __go_type__ = "template.T"

    def __init__(self) -> None:
        setattr(self, "True", True)
        self.I = 17
        self.X = "x"
        self.FloatZero = 0.0
        self.ComplexZero = 0j
        self.U = U("v")
        self.SI = [3, 4, 5]
        self.SIEmpty: list[int] = []
        self.SB = [True, False]
        self.AI = (3, 4, 5)
        self.S = "xyz"
        self.MSI = {"one": 1, "two": 2, "three": 3}
        self.MSIone = {"one": 1}
        self.MSIEmpty: dict[str, int] = {}
        self.MXI: dict[Any, int] = {}
        self.MII = {1: 1}
        self.MI32S = {1: "one", 2: "two"}
        self.SMSI = [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}]
        self.Empty0 = None
        self.Empty1 = 3
        self.Empty2 = "empty2"
        self.Empty3 = [7, 8]
        self.Empty4 = U("UinEmpty")
        self.Str = Stringer("foozle")
        self.Err = MyError("erroozle")
        self.BinaryFunc = binary
        self.VariadicFunc = variadic
        self.VariadicFuncInt = variadic_int
        self.NilOKFunc = nil_ok
        self.ErrFunc = err_func
        self.PanicFunc = panic_func
        self.unexported = 11

    def Method0(self) -> str:
        return "M0"

    def Method1(self, a: int) -> int:
        return a

    def Method2(self, a: int, b: str) -> str:
        return f"Method2: {a} {b}"

    def Method3(self, value: Any) -> str:
        return "Method3: " + sprint([value])

    def MAdd(self, a: int, b: list[int]) -> list[int]:
        return [a + x for x in b]

    def MyError(self, fail: bool) -> bool:
        if fail:
            raise MyError("my error")
        return False

    def GetU(self) -> U:
        return self.U

    def lowercase(self) -> str:
        return "hidden"


@dataclass
class Tree:
    Val: int
    Left: Tree | None = None
    Right: Tree | None = None


@dataclass
class Page:
    """A tfplugindocs-like page: an anonymous struct in Go's error messages."""

    Name: str
    HasExample: bool
    Tags: list[str] = field(default_factory=list)
