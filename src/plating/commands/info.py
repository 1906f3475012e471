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
    from plating.config import PlatingContext
    from plating.inventory import Inventory
    from plating.settings import Settings


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
    from plating.api import Plating
    from plating.commands.interrupt import run_async

    documents: list[dict[str, object]] = []
    for settings in all_settings_from_args(args):
        context = context_from_settings(settings)
        api = Plating(context)
        inventory = run_async(api.inventory, context.docs_dir)
        effective = effective_settings(settings, context, inventory, api.pyvider_package())
        if args.format == "json":
            documents.append({**inventory.as_dict(), "settings": effective})
            continue
        _print_text(inventory, effective)
    if args.format == "json":
        print(
            json.dumps(documents[0] if len(documents) == 1 else documents, indent=2, sort_keys=True)
        )
    return EXIT_OK


def effective_settings(
    settings: Settings, context: PlatingContext, inventory: Inventory, package: str | None
) -> dict[str, dict[str, object]]:
    """Every setting's effective value and where it came from: a setting left unset shows
    what the run actually uses (the docs folder, the provider named by the schema, ...)."""
    root = context.root
    pyvider = package is not None
    defaults: dict[str, tuple[object, str]] = {
        "provider_name": (inventory.provider_name, "from the schema (its provider)"),
        "rendered_provider_name": (
            context.provider_name or inventory.provider_name,
            "default: the provider name",
        ),
        "package_name": (
            package,
            "discovered (the project's or the environment's pyvider entry point)",
        ),
        "output_dir": (context.docs_dir, "default: <project root>/docs"),
        "examples_dir": (context.examples_root, "default: <project root>/examples"),
        "templates_dir": (context.templates_root, "default: <project root>/templates"),
        "guides_dir": (context.guides_root, "default: <project root>/guides"),
        "bundles_dir": (
            "beside each component module" if pyvider else root / "plating",
            "default: adorn puts bundles in <project root>/plating for a schema file, "
            "beside the module for a pyvider package",
        ),
        "cache_dir": (context.schema_cache_dir, "default: <project root>/.plating-cache"),
        "component_types": ("all", "default: every kind"),
        "exclude": ("none", "default"),
        "concurrency": (context.concurrency, "default: one worker a core, at least 2"),
        "terraform_binary": (
            "tofu, then terraform, from PATH",
            "default: looked up only when a terraform binary is needed",
        ),
    }
    effective: dict[str, dict[str, object]] = {}
    for key, source in settings.sources.items():
        value = settings.values.get(key)
        if value is None and key in defaults and defaults[key][0] is not None:
            value, source = defaults[key]
        effective[key] = {"value": _plain(value), "source": source}
    return effective


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
        shown = "none" if entry["value"] is None else entry["value"]
        print(f"  {key:<{width}}  {shown!s:<40}  ({entry['source']})")
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
