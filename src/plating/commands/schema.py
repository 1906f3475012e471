"""``plating schema``: print the provider schema, from any source, as Terraform prints it.

The output has the shape of ``terraform providers schema -json`` whatever the source:
a schema file (``--schema``), a pyvider package (``--package-name``, in-process, or through
``--terraform-binary`` with ``dev_overrides``) or a provider read with terraform/tofu
(``--provider-source``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from plating.commands.common import EXIT_OK, HELP_FORMATTER, add_source_options, context_from_args


def register(subparsers: Any) -> None:
    """Add the ``schema`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the provider schema in the `terraform providers schema -json` shape",
        description="Print the provider schema from a schema file, a pyvider package or "
        "terraform/tofu, in the shape of `terraform providers schema -json`.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument(
        "--compact",
        action="store_true",
        help="one line, as terraform prints it (default: indented)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Load the schema, check that it parses, and print it."""
    import json

    from plating.api import Plating
    from plating.errors import WriteError
    from plating.schema.cache import load_schema_document
    from plating.schema.parse import match_provider, parse_source_document, provider_addresses

    context = context_from_args(args)
    source = Plating(context).source()
    warnings: list[str] = []
    document = load_schema_document(source, context, warnings=warnings)
    for warning in warnings:
        print(f"plating: warning: {warning}", file=sys.stderr)
    # Parsing checks the document and, with --provider-name, selects one provider.
    parse_source_document(document, context.provider_name, source)
    if context.provider_name is not None:
        address = match_provider(
            provider_addresses(document), context.provider_name, source.description
        )
        document = {
            **document,
            "provider_schemas": {address: document["provider_schemas"][address]},
        }
    if args.compact:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"{args.output}: cannot write the schema: {exc.strerror or exc}") from exc
    print(f"plating: schema from {source.description} written to {args.output}", file=sys.stderr)
    return EXIT_OK
