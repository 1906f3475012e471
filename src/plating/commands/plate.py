"""``plating plate``: render every page and write those that changed."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from plating.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    HELP_FORMATTER,
    add_kind_option,
    add_output_options,
    add_source_options,
    context_from_args,
    kinds_from_args,
)

if TYPE_CHECKING:
    from plating.results import PlateResult


def register(subparsers: Any) -> None:
    """Add the ``plate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "plate",
        help="render every page into the docs folder",
        description="Render all pages and write those that changed, atomically.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_output_options(parser)
    add_kind_option(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Plate the docs; exit 1 when pages could not be produced."""
    import asyncio

    from plating.api import Plating

    context = context_from_args(args)
    result = asyncio.run(
        Plating(context).plate(output_dir=context.docs_dir, component_types=kinds_from_args(args))
    )
    report(result, quiet=args.quiet)
    return EXIT_FAILED if result.errors else EXIT_OK


def report(result: PlateResult, *, quiet: bool) -> None:
    """Warnings and errors to stderr, the summary line to stdout."""
    if not quiet:
        for warning in result.warnings:
            print(f"plating: warning: {warning}", file=sys.stderr)
    if result.errors:
        for error in result.errors:
            print(f"plating: error: {error}", file=sys.stderr)
        print(
            f"plating: {len(result.errors)} page(s) could not be produced; nothing was written",
            file=sys.stderr,
        )
        return
    if not quiet:
        print(
            f"plated {len(result.output_files)} pages into {result.output_dir}: "
            f"{result.files_generated} written, {result.files_unchanged} unchanged, "
            f"{result.files_removed} removed in {result.duration_seconds:.2f}s"
        )
