"""The small exception tree of plating. The CLI maps each class to an exit code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

#: Option key -> (Python API parameter, command-line flag), for messages that name one.
OPTION_NAMES: dict[str, tuple[str, str]] = {
    "package_name": ("package_name=", "--package-name"),
    "schema_path": ("schema_path=", "--schema"),
    "provider_source": ("provider_source=", "--provider-source"),
    "terraform_binary": ("terraform_binary=", "--terraform-binary"),
    "output_dir": ("output_dir=", "--output-dir"),
}


class PlatingError(Exception):
    """Base of every error plating reports to its user.

    ``cli_message`` is the same error in the command line's words (flags instead of API
    parameters); the CLI prints it, ``str(error)`` is what an API caller reads.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, cli_message: str | None = None) -> None:
        super().__init__(message)
        self._cli_message = cli_message

    @property
    def cli_message(self) -> str:
        """The message as the command line prints it."""
        return self._cli_message if self._cli_message is not None else str(self)

    @classmethod
    def naming_options(cls, build: Callable[[Callable[[str], str]], str]) -> Self:
        """An error whose message names options: ``build(option)`` is called once with
        API names (``package_name=``) and once with flags (``--package-name``)::

            raise UsageError.naming_options(lambda o: f"{o('package_name')} {name}: ...")
        """
        api = build(lambda key: OPTION_NAMES[key][0])
        cli = build(lambda key: OPTION_NAMES[key][1])
        return cls(api, cli_message=cli)


class UsageError(PlatingError):
    """Bad command-line usage or configuration (exit 2)."""

    exit_code = 2


class InputError(PlatingError):
    """Unreadable or malformed input: schema, configuration, bundle file (exit 2)."""

    exit_code = 2


class SchemaError(InputError):
    """A provider schema that cannot be understood; ``where`` is the JSON path of the
    problem and ``detail`` the problem itself, when the parser knows them."""

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        detail: str = "",
        cli_message: str | None = None,
    ) -> None:
        super().__init__(message, cli_message=cli_message)
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

    def __init__(
        self, message: str, *, transient: bool = False, cli_message: str | None = None
    ) -> None:
        super().__init__(message, cli_message=cli_message)
        self.transient = transient


class PageTooLargeError(RenderError):
    """A page that reaches the Registry's size limit even with repeated nested schemas
    written out once. ``sections`` are its largest nested sections as ``(path, own bytes,
    repeats whose anchors it carries)``."""

    def __init__(
        self,
        relpath: str,
        what: str,
        size: int,
        full_size: int,
        sections: tuple[tuple[str, int, int], ...],
        limit: int,
    ) -> None:
        self.relpath, self.what, self.size, self.full_size = relpath, what, size, full_size
        self.sections, self.limit = sections, limit
        super().__init__(self.describe())

    def __reduce__(self) -> tuple[type[PageTooLargeError], tuple[object, ...]]:
        # Pages rendered in a second process come back pickled, with every field.
        fields = (self.relpath, self.what, self.size, self.full_size, self.sections, self.limit)
        return (type(self), fields)

    def describe(self, page: str | None = None) -> str:
        """The message, naming the page as ``page`` (default: its docs-relative path)."""
        largest = "; ".join(
            f"`{path}` {size:,} bytes"
            + (f" (with the anchors of {repeats:,} repeats)" if repeats else "")
            for path, size, repeats in self.sections
        )
        shared = (
            f"even with repeated nested schemas written out once ({self.full_size:,} bytes "
            "with every one written out)"
            if self.size < self.full_size
            else "(no repeated nested schema to write out once)"
        )
        return (
            f"{page or self.relpath}: {self.what}: {self.size:,} bytes, over the Registry's "
            f"limit of {self.limit:,} bytes {shared}"
            + (f"; largest nested sections: {largest}" if largest else "")
            + "; write the page by hand (templates/) or from a bundle template that shows part "
            'of the schema, shorten the longest descriptions, or set dedupe_nested = "never" '
            "to write it anyway (the Registry truncates it)"
        )
