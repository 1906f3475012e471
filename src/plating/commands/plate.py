"""``plating plate``: render every page and write those that changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    HELP_FORMATTER,
    add_kind_option,
    add_output_options,
    add_source_options,
    contexts_from_args,
)
from plating.commands.terminal import Terminal, add_terminal_options
from plating.commands.wording import plural

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.config import PlatingContext
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
        help="write nothing; list pages (and, with --mkdocs and --generate-examples, the nav "
        "and runnable examples) that would be created, changed or removed and exit 1 if there "
        "are any (for CI)",
    )
    parser.add_argument(
        "--diff", action="store_true", help="with --check, show a short diff of each page"
    )
    parser.add_argument(
        "--adopt",
        action="store_true",
        help="take over existing pages at the paths plating generates although they lack its "
        "marker line (a one-time migration, e.g. from docs of provide-io's plating 0.x); "
        "with --check, list the pages that would be replaced (default: off, such pages are "
        "kept as hand-written)",
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
        help="where --generate-examples writes (default: <project root>/runnable-examples; "
        "never examples/, the conventional examples plating reads)",
    )
    add_terminal_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Plate the docs; exit 1 when pages could not be produced (or, with --check, on drift)."""
    from plating.commands.interrupt import run_async

    terminal = Terminal(args)
    if args.diff and not args.check:
        terminal.error("--diff shows the differences --check finds: use --check --diff")
        return EXIT_USAGE
    return run_async(_run, args, terminal)


async def _run(args: argparse.Namespace, terminal: Terminal) -> int:
    import asyncio

    from plating.api import Plating
    from plating.errors import PlatingError

    contexts = contexts_from_args(args)
    if len(contexts) == 1:
        return await _plate_one(args, terminal, Plating(contexts[0]), label="")
    # A monorepo: every provider at once, each into its own folder. One provider's failure
    # (an unreadable schema, a page that cannot be produced) is that provider's: the others
    # are still written, a summary line says how each went, and the worst exit wins.

    async def one(context: PlatingContext) -> int:
        label = f"[{context.provider_name}] "
        try:
            return await _plate_one(args, terminal, Plating(context), label=label)
        except PlatingError as exc:
            terminal.error(label + exc.cli_message)
            return exc.exit_code

    codes = await asyncio.gather(*(one(context) for context in contexts))
    for context, code in zip(contexts, codes, strict=True):
        status = "ok" if code == EXIT_OK else "out of date" if args.check else "failed"
        terminal.info(f"[{context.provider_name}] {status} ({context.docs_dir})")
    failed = sum(1 for code in codes if code != EXIT_OK)
    terminal.info(f"{len(contexts)} providers: {len(contexts) - failed} ok, {failed} failed")
    return max(codes)


async def _plate_one(args: argparse.Namespace, terminal: Terminal, api: Plating, label: str) -> int:
    context = api.context
    result = await api.plate(
        output_dir=context.docs_dir,
        component_types=context.component_types,
        check=args.check,
        diff=args.diff,
        progress=None if label else terminal.progress,
        take_over=args.adopt,
    )
    counts = {
        "pages": len(result.output_files),
        "written": result.files_generated,
        "unchanged": result.files_unchanged,
        "removed": result.files_removed,
        "bundles": result.bundles_processed,
    }
    if not label:
        terminal.metrics(args, result.timings, counts)
    for warning in result.warnings:
        terminal.warning(label + warning)
    for relpath, (full_size, size) in sorted(result.oversized.items()):
        if size < full_size and not result.errors:
            terminal.info(
                f"{label}{relpath}: {full_size:,} bytes with every nested schema written out, "
                f"over the Registry's limit; written with repeated ones once: {size:,} bytes"
            )
    if result.errors:
        for error in result.errors:
            terminal.error(label + error)
        terminal.error(
            f"{label}{plural(len(result.errors), 'page')} could not be produced; "
            "nothing was written"
        )
        return EXIT_FAILED
    if args.check:
        others = await _other_drift(args, terminal, api, result, label)
        if others is None:
            return EXIT_FAILED
        return report_drift(result, terminal, label, others)
    if args.mkdocs:
        placed: list[str] = []
        if await api.write_mkdocs_nav(result.output_dir, kept=placed):
            terminal.info(f"{label}updated {api.context.root / 'mkdocs.yml'}")
        if placed:
            terminal.info(
                f"{label}{api.context.root / 'mkdocs.yml'}: {plural(len(placed), 'page')} your nav "
                "already lists stay where you put them (not added to plating's section)"
            )
    if args.generate_examples:
        examples = await api.generate_examples(args.examples_output)
        for error in examples.errors:
            terminal.error(label + error)
        terminal.info(
            f"{label}runnable examples: {len(examples.created)} created, "
            f"{len(examples.updated)} updated, {len(examples.unchanged)} unchanged, "
            f"{len(examples.removed)} removed"
        )
        if examples.errors:
            return EXIT_FAILED
    adopted = f" ({len(result.taken_over)} adopted)" if result.taken_over else ""
    terminal.info(
        f"{label}plated {plural(len(result.output_files), 'page')} into {result.output_dir}: "
        f"{result.files_generated} written{adopted}, {result.files_unchanged} unchanged, "
        f"{result.files_removed} removed in {result.duration_seconds:.2f}s"
    )
    return EXIT_OK


async def _other_drift(
    args: argparse.Namespace, terminal: Terminal, api: Plating, result: PlateResult, label: str
) -> list[str] | None:
    """What else ``plate`` would write with the same options (the mkdocs nav, runnable
    examples), as ``would ...`` lines; None when the examples cannot be compiled."""
    lines: list[str] = []
    if args.mkdocs:
        mkdocs = api.context.root / "mkdocs.yml"
        exists = mkdocs.exists()
        if await api.write_mkdocs_nav(result.output_dir, dry_run=True):
            lines.append(f"would {'change' if exists else 'create'} {mkdocs}")
    if args.generate_examples:
        examples = await api.generate_examples(args.examples_output, dry_run=True)
        for error in examples.errors:
            terminal.error(label + error)
        if examples.errors:
            return None
        lines += [f"would create {path}" for path in examples.created]
        lines += [f"would change {path}" for path in examples.updated]
        lines += [f"would remove {path}" for path in examples.removed]
    return lines


def report_drift(
    result: PlateResult,
    terminal: Terminal,
    label: str = "",
    others: list[str] | None = None,
    *,
    command: str = "plating plate",
) -> int:
    """List pages (and ``others``: other files ``plate`` would write, as ``would ...``
    lines) that are out of date; exit 1 when there are any. ``command`` is the one that
    updates them (``plating generate`` replaces unmarked pages by design: none is adopted)."""
    others = others or []
    for relpath in result.created:
        print(f"{label}would create {relpath}")
    taken = set(result.taken_over) if command == "plating plate" else set()
    for relpath in result.changed:
        if relpath in taken:
            print(f"{label}would replace {relpath} (a page without plating's marker: adopted)")
        else:
            print(f"{label}would change {relpath}")
    for relpath in result.removed:
        print(f"{label}would remove {relpath}")
    for relpath in result.drift:
        if relpath in result.diffs:
            sys.stdout.write(result.diffs[relpath])
    for line in others:
        print(f"{label}{line}")
    if result.drift or others:
        what = plural(len(result.drift), "page")
        if others:
            what += f" and {plural(len(others), 'other file')}"
        terminal.error(
            f"{label}{what} out of date in {result.output_dir}; "
            f"run `{command}` with the same options to update them"
        )
        return EXIT_FAILED
    terminal.info(
        f"{label}docs up to date: {plural(len(result.output_files), 'page')} in {result.output_dir}"
    )
    return EXIT_OK
