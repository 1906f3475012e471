"""``plating plate``: render every page and write those that changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
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
from plating.commands.terminal import Terminal, add_terminal_options

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
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list pages that would be created, changed or removed and exit 1 "
        "if there are any (for CI)",
    )
    parser.add_argument(
        "--diff", action="store_true", help="with --check, show a short diff of each page"
    )
    parser.add_argument(
        "--mkdocs",
        action="store_true",
        help="also write the navigation into <project root>/mkdocs.yml (plating's section of "
        "nav only; created when missing) (default: off)",
    )
    parser.add_argument(
        "--generate-examples",
        action="store_true",
        help="also compile bundle examples into runnable folders (default: off)",
    )
    parser.add_argument(
        "--examples-output",
        type=Path,
        metavar="DIR",
        help="where --generate-examples writes (default: <project root>/examples)",
    )
    add_terminal_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Plate the docs; exit 1 when pages could not be produced (or, with --check, on drift)."""
    import asyncio

    terminal = Terminal(args)
    return asyncio.run(_run(args, terminal))


async def _run(args: argparse.Namespace, terminal: Terminal) -> int:
    from plating.api import Plating

    context = context_from_args(args)
    api = Plating(context)
    result = await api.plate(
        output_dir=context.docs_dir,
        component_types=kinds_from_args(args),
        check=args.check,
        diff=args.diff,
        progress=terminal.progress,
    )
    counts = {
        "pages": len(result.output_files),
        "written": result.files_generated,
        "unchanged": result.files_unchanged,
        "removed": result.files_removed,
        "bundles": result.bundles_processed,
    }
    terminal.metrics(args, result.timings, counts)
    for warning in result.warnings:
        terminal.warning(warning)
    if result.errors:
        for error in result.errors:
            terminal.error(error)
        terminal.error(f"{len(result.errors)} page(s) could not be produced; nothing was written")
        return EXIT_FAILED
    if args.check:
        return report_drift(result, terminal)
    if args.mkdocs and await api.write_mkdocs_nav(result.output_dir):
        terminal.info(f"updated {api.context.root / 'mkdocs.yml'}")
    if args.generate_examples:
        examples = await api.generate_examples(args.examples_output)
        for error in examples.errors:
            terminal.error(error)
        terminal.info(
            f"runnable examples: {len(examples.created)} created, {len(examples.updated)} "
            f"updated, {len(examples.unchanged)} unchanged, {len(examples.removed)} removed"
        )
        if examples.errors:
            return EXIT_FAILED
    terminal.info(
        f"plated {len(result.output_files)} pages into {result.output_dir}: "
        f"{result.files_generated} written, {result.files_unchanged} unchanged, "
        f"{result.files_removed} removed in {result.duration_seconds:.2f}s"
    )
    return EXIT_OK


def report_drift(result: PlateResult, terminal: Terminal) -> int:
    """List pages that are out of date; exit 1 when there are any."""
    for relpath in result.created:
        print(f"would create {relpath}")
    for relpath in result.changed:
        print(f"would change {relpath}")
    for relpath in result.removed:
        print(f"would remove {relpath}")
    for relpath in result.drift:
        if relpath in result.diffs:
            sys.stdout.write(result.diffs[relpath])
    if result.drift:
        terminal.error(
            f"{len(result.drift)} page(s) out of date in {result.output_dir}; "
            "run `plating plate` to update them"
        )
        return EXIT_FAILED
    terminal.info(f"docs up to date: {len(result.output_files)} pages in {result.output_dir}")
    return EXIT_OK
