"""``plating info``: provider, schema source, counts by kind, bundles, undocumented components."""

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
    """Add the ``info`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "info",
        help="show the provider, its components and where their docs come from",
        description="Show the provider, schema source, counts by kind, bundles found and "
        "components without docs of their own.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_output_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the project's inventory."""
    import asyncio

    from plating.api import Plating

    context = context_from_args(args)
    inventory = asyncio.run(Plating(context).inventory(context.docs_dir))
    if args.format == "json":
        print(json.dumps(inventory.as_dict(), indent=2, sort_keys=True))
        return EXIT_OK
    print(f"provider:      {inventory.provider_name} ({inventory.provider_address})")
    print(f"schema source: {inventory.schema_source}")
    print(f"output:        {inventory.output_dir}")
    print(f"bundles:       {len(inventory.bundles)}")
    for bundle in inventory.bundles:
        print(f"  {bundle}")
    print("components:")
    for kind, stats in inventory.kinds.items():
        print(f"  {kind:<20}{stats.components:>6}  ({stats.with_bundle} with a bundle template)")
    undocumented = [(k, n) for k, s in inventory.kinds.items() for n in s.undocumented]
    print(f"without docs of their own (default page): {len(undocumented)}")
    for kind, name in undocumented:
        print(f"  {kind} {name}")
    for warning in inventory.warnings:
        print(f"warning: {warning}")
    return EXIT_OK
