"""``plating info``: provider, schema source, counts by kind, bundles, undocumented components."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.commands.common import (
    EXIT_OK,
    HELP_FORMATTER,
    add_output_options,
    add_source_options,
    all_settings_from_args,
    context_from_settings,
)

if TYPE_CHECKING:
    from plating.inventory import Inventory


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
    """Print each provider's effective settings and inventory."""
    import asyncio

    from plating.api import Plating

    documents: list[dict[str, object]] = []
    for settings in all_settings_from_args(args):
        context = context_from_settings(settings)
        inventory = asyncio.run(Plating(context).inventory(context.docs_dir))
        effective = {
            key: {"value": _plain(settings.values.get(key)), "source": source}
            for key, source in settings.sources.items()
        }
        if args.format == "json":
            documents.append({**inventory.as_dict(), "settings": effective})
            continue
        _print_text(inventory, effective)
    if args.format == "json":
        print(
            json.dumps(documents[0] if len(documents) == 1 else documents, indent=2, sort_keys=True)
        )
    return EXIT_OK


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _print_text(inventory: Inventory, effective: dict[str, dict[str, object]]) -> None:
    print(f"provider:      {inventory.provider_name} ({inventory.provider_address})")
    print(f"schema source: {inventory.schema_source}")
    print(f"output:        {inventory.output_dir}")
    print("settings:")
    width = max(len(key) for key in effective)
    for key, entry in effective.items():
        print(f"  {key:<{width}}  {entry['value']!s:<40}  ({entry['source']})")
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
    print()
