"""``plating stats``: per kind components, bundles, examples, pages, sizes, largest pages."""

from __future__ import annotations

import argparse
import json
from typing import Any

from plating.commands.common import (
    EXIT_OK,
    HELP_FORMATTER,
    add_output_options,
    add_source_options,
    context_from_args,
)


def register(subparsers: Any) -> None:
    """Add the ``stats`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "stats",
        help="figures per kind: components, bundles, examples, pages and sizes",
        description="Per kind: components, with a bundle, with examples, pages on disk and "
        "their sizes; the largest pages against the Registry's 500,000-byte limit.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_output_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--largest", type=int, default=5, help="how many largest pages to list")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    import asyncio

    from plating.api import Plating
    from plating.inventory import REGISTRY_PAGE_LIMIT

    context = context_from_args(args)
    inventory = asyncio.run(Plating(context).inventory(context.docs_dir))
    inventory.largest_pages = inventory.largest_pages[: max(0, args.largest)]
    if args.format == "json":
        document = inventory.as_dict()
        print(
            json.dumps(
                {k: document[k] for k in ("provider", "kinds", "largest_pages")},
                indent=2,
                sort_keys=True,
            )
        )
        return EXIT_OK
    header = f"{'kind':<20}{'components':>11}{'bundle':>8}{'examples':>10}{'pages':>7}{'bytes':>11}"
    print(header)
    for kind, s in inventory.kinds.items():
        print(
            f"{kind:<20}{s.components:>11}{s.with_bundle:>8}{s.with_examples:>10}"
            f"{s.pages:>7}{s.page_bytes:>11}"
        )
    print(f"largest pages (limit {REGISTRY_PAGE_LIMIT:,} bytes):")
    for path, size in inventory.largest_pages:
        flag = "  OVER LIMIT" if size >= REGISTRY_PAGE_LIMIT else ""
        print(f"  {size:>9}  {path}{flag}")
    return EXIT_OK
