"""The small exception tree of plating. The CLI maps each class to an exit code."""

from __future__ import annotations


class PlatingError(Exception):
    """Base of every error plating reports to its user."""

    exit_code = 1


class UsageError(PlatingError):
    """Bad command-line usage or configuration (exit 2)."""

    exit_code = 2


class InputError(PlatingError):
    """Unreadable or malformed input: schema, configuration, bundle file (exit 2)."""

    exit_code = 2


class SchemaError(InputError):
    """A provider schema that cannot be understood; ``where`` is the JSON path of the
    problem and ``detail`` the problem itself, when the parser knows them."""

    def __init__(self, message: str, *, where: str | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.detail = detail


class BundleError(PlatingError):
    """A bundle or example that cannot be mapped or read (exit 1)."""


class RenderError(PlatingError):
    """A page could not be rendered (exit 1)."""


class WriteError(PlatingError):
    """Pages could not be written; the previous docs are intact (exit 1)."""


class ExternalToolError(PlatingError):
    """An external tool (terraform, tofu, pyvider) failed."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient
