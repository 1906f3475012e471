"""``plating adorn``: scaffold bundles for components that have no docs of their own."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from plating.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    HELP_FORMATTER,
    add_kind_option,
    add_source_options,
    contexts_from_args,
)
from plating.commands.terminal import Terminal, add_terminal_options
from plating.commands.wording import plural


def register(subparsers: Any) -> None:
    """Add the ``adorn`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "adorn",
        help="create bundles for undocumented components",
        description="Create a bundle (page template and a first example built from the schema) "
        "for every component without a template of its own. Never overwrites a file.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_kind_option(parser)
    parser.add_argument(
        "--bundles-dir",
        type=Path,
        metavar="DIR",
        help="where bundles of a schema-file project go (default: <project root>/plating; "
        "a pyvider package's bundles go beside each component's module)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list the files that would be created; write none"
    )
    add_terminal_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Adorn every provider; exit 1 when some bundle could not be created."""
    from plating.api import Plating
    from plating.commands.interrupt import run_async

    terminal = Terminal(args)
    contexts = contexts_from_args(args)
    worst = EXIT_OK
    for context in contexts:
        label = f"[{context.provider_name}] " if len(contexts) > 1 else ""
        result = run_async(Plating(context).adorn, context.component_types, dry_run=args.dry_run)
        verb = "would create" if args.dry_run else "created"
        for path in result.created_files:
            terminal.info(f"{label}{verb} {path}")
        for error in result.errors:
            terminal.error(label + error)
        terminal.info(
            f"{label}adorn: {verb} {plural(result.templates_generated, 'template')} and "
            f"{plural(result.examples_created, 'example')}, {result.skipped} skipped, "
            f"in {result.duration_seconds:.2f}s"
        )
        worst = max(worst, EXIT_FAILED if result.errors else EXIT_OK)
    return worst
