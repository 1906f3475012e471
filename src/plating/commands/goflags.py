"""tfplugindocs' flags as Go's flag package reads them: ``--name X``, ``--name=X``,
``-name X`` and ``-name=X``; a boolean flag alone means true (``-name=false`` also works)."""

from __future__ import annotations

import argparse
from typing import Any

from plating.errors import UsageError


def go_bool(text: str) -> bool:
    """A boolean flag value in Go's spellings (``strconv.ParseBool``)."""
    if text in ("1", "t", "T", "true", "TRUE", "True"):
        return True
    if text in ("0", "f", "F", "false", "FALSE", "False"):
        return False
    raise argparse.ArgumentTypeError(f"invalid boolean value {text!r} (use true or false)")


def add_go_flag(
    parser: argparse.ArgumentParser | Any,
    name: str,
    help_text: str,
    *,
    default: str | None = None,
    boolean: bool = False,
) -> None:
    """Add ``--name``/``-name`` (``dest`` is the name with underscores)."""
    spellings = (f"--{name}", f"-{name}")
    dest = name.replace("-", "_")
    if boolean:
        parser.add_argument(
            *spellings,
            dest=dest,
            nargs="?",
            const=True,
            default=False,
            type=go_bool,
            metavar="BOOL",
            help=help_text,
        )
    else:
        parser.add_argument(*spellings, dest=dest, default=default, metavar="ARG", help=help_text)


def provider_dir(args: argparse.Namespace) -> Any:
    """``--provider-dir`` as an absolute folder (default: the current folder)."""
    from pathlib import Path

    folder = Path(args.provider_dir or ".").absolute()
    if not folder.is_dir():
        raise UsageError(f"{folder}: --provider-dir is not a folder")
    return folder
