"""The one exception the HCL parser raises."""

from __future__ import annotations


class HclSyntaxError(Exception):
    """A syntax error in HCL text, located by 1-based line and column.

    ``str(error)`` is ``"FILE:LINE:COL: message"``, the form editors and CI
    annotations understand.
    """

    def __init__(self, message: str, filename: str, line: int, column: int) -> None:
        super().__init__(f"{filename}:{line}:{column}: {message}")
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[HclSyntaxError], tuple[str, str, int, int]]:
        # The default pickling would call __init__ with the formatted string only.
        return (type(self), (self.message, self.filename, self.line, self.column))
