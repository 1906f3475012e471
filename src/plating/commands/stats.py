"""``plating stats``: per kind components, bundles, examples, pages, sizes, largest pages."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from plating.commands.common import (
    EXIT_OK,
    HELP_FORMATTER,
    add_output_options,
    add_source_options,
    context_from_args,
)

if TYPE_CHECKING:
    from plating.inventory import Inventory
    from plating.results import PlateResult


def register(subparsers: Any) -> None:
    """Add the ``stats`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "stats",
        help="figures per kind: components, bundles, examples, pages and sizes",
        description="Per kind: components, with a bundle, with examples, pages on disk and "
        "their sizes; the largest pages against the Registry's 500,000-byte limit; and each "
        "page that would reach the limit with every nested schema written out, with its size "
        "before and after repeated nested schemas are written once (pages are rendered in "
        "memory for that; nothing is written).",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_output_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--largest", type=int, default=5, help="how many largest pages to list")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    import dataclasses

    from plating.api import Plating
    from plating.commands.interrupt import run_async
    from plating.render.fit import REGISTRY_PAGE_LIMIT

    context = context_from_args(args)
    if context.dedupe_nested == "always":
        # Sizes before and after are measured as "auto" renders: for a page that reaches the
        # limit the two modes write the same bytes, and "auto" renders it both ways.
        context = dataclasses.replace(context, dedupe_nested="auto")
    api = Plating(context)

    async def measure() -> tuple[Inventory, PlateResult]:
        return await api.inventory(context.docs_dir), await api.plate(context.docs_dir, check=True)

    inventory, rendered = run_async(measure)
    inventory.largest_pages = inventory.largest_pages[: max(0, args.largest)]
    oversized = [
        {
            "path": path,
            "bytes_full": full_size,
            "bytes": size,
            "limit": REGISTRY_PAGE_LIMIT,
            "over_limit": size >= REGISTRY_PAGE_LIMIT,
        }
        for path, (full_size, size) in sorted(rendered.oversized.items())
    ]
    if args.format == "json":
        document = inventory.as_dict()
        selected = {k: document[k] for k in ("provider", "kinds", "largest_pages")}
        print(json.dumps({**selected, "oversized_pages": oversized}, indent=2, sort_keys=True))
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
    if oversized:
        print(
            f"pages over the limit with every nested schema written out "
            f"(dedupe_nested = {context.dedupe_nested}): bytes before -> after"
        )
        for page in oversized:
            flag = "  OVER LIMIT" if page["over_limit"] else ""
            print(f"  {page['bytes_full']:>9} -> {page['bytes']:>9}  {page['path']}{flag}")
    return EXIT_OK
