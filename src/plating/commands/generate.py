"""``plating generate``: tfplugindocs' ``generate``, with its flags and its docs/ contract.

The same command line as ``tfplugindocs generate`` (Go spellings included) writes the same
docs/ tree: Go templates of ``templates/``, tfplugindocs' defaults for components without one,
static files copied. Pages tfplugindocs would write are replaced whatever they hold; every
other file of docs/ stays. plating neither builds the Go provider nor downloads Terraform: the
schema comes from ``--providers-schema``, or from terraform/tofu with ``--provider-source``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.commands.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, HELP_FORMATTER
from plating.commands.goflags import add_go_flag, provider_dir
from plating.commands.terminal import Terminal
from plating.commands.wording import plural
from plating.errors import UsageError

if TYPE_CHECKING:
    from plating.config import PlatingContext


def register(subparsers: Any) -> None:
    """Add the ``generate`` command."""
    from plating.render.modes import DEDUPE_MODES

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "generate",
        help="tfplugindocs generate: docs/ from templates/, examples/ and the schema",
        description="Render docs/ exactly as `tfplugindocs generate` does, with its flags "
        "(--flag X, --flag=X, -flag=X). The schema comes from --providers-schema (or "
        "--provider-source with terraform/tofu); plating does not build the provider.",
        formatter_class=HELP_FORMATTER,
        allow_abbrev=False,
    )
    flag = add_go_flag
    flag(parser, "provider-dir", "the provider's root folder (default: the current folder)")
    flag(
        parser,
        "provider-name",
        "provider name, as used in Terraform configurations (default: the name of --provider-dir)",
    )
    flag(
        parser,
        "rendered-provider-name",
        "provider name shown in the docs (page titles, ...) (default: --provider-name)",
    )
    flag(
        parser,
        "providers-schema",
        "output of `terraform providers schema -json` (default: none)",
    )
    flag(parser, "examples-dir", "examples folder, relative to --provider-dir", default="examples")
    flag(
        parser,
        "website-source-dir",
        "templates folder, relative to --provider-dir",
        default="templates",
    )
    flag(
        parser,
        "rendered-website-dir",
        "output folder, relative to --provider-dir",
        default="docs",
    )
    flag(
        parser,
        "website-temp-dir",
        "accepted for tfplugindocs' command lines; plating renders in memory and never "
        "touches this folder (default: none)",
    )
    flag(parser, "ignore-deprecated", "no pages for deprecated components", boolean=True)
    flag(
        parser,
        "tf-version",
        "accepted for tfplugindocs' command lines; plating downloads no Terraform (default: none)",
    )
    parser.add_argument(
        "--provider-source",
        metavar="ADDRESS",
        help="instead of --providers-schema: read the schema of this installed provider with "
        "terraform/tofu (default: none)",
    )
    parser.add_argument(
        "--terraform-binary",
        type=Path,
        metavar="PATH",
        help="terraform or tofu for --provider-source (default: tofu, then terraform, on PATH)",
    )
    parser.add_argument(
        "--dedupe-nested",
        choices=DEDUPE_MODES,
        help="plating's own: write repeated nested schemas once: auto (only pages that would "
        "reach the Registry's 500,000-byte limit, which truncates them), always, or never (as "
        "tfplugindocs) (default: [tool.plating] dedupe_nested, else auto)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="plating's own (for CI): write nothing; list the pages generate would create, "
        "change or remove, and exit 1 if any (default: off)",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="with --check: also show a short diff of each page (default: off)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.set_defaults(handler=run)


def context_from_args(args: argparse.Namespace) -> PlatingContext:
    """The run's settings from tfplugindocs' flags: folders relative to --provider-dir,
    the schema file relative to the current folder (as tfplugindocs reads them)."""
    from plating.config import PlatingContext

    root = provider_dir(args)
    if args.providers_schema is None and args.provider_source is None:
        raise UsageError(
            "plating generate needs the provider's schema: pass --providers-schema FILE "
            "(the output of `terraform providers schema -json`), or --provider-source ADDRESS "
            "to read it from the installed provider with terraform/tofu; plating does not "
            "build Go providers or download Terraform"
        )
    schema = Path(args.providers_schema).absolute() if args.providers_schema else None
    context = PlatingContext(
        provider_name=args.provider_name or root.name,
        project_root=root,
        schema_path=schema,
        rendered_provider_name=args.rendered_provider_name or None,
        output_dir=root / args.rendered_website_dir,
        examples_dir=root / args.examples_dir,
        templates_dir=root / args.website_source_dir,
        provider_source=args.provider_source,
        terraform_binary=args.terraform_binary,
        ignore_deprecated=bool(args.ignore_deprecated),
        # tfplugindocs' bytes: it owns the paths it writes, pages carry no marker of ours.
        mark_template_pages=False,
    )
    if args.dedupe_nested is None:
        return context
    # The flag wins over [tool.plating], even when it names the default mode (which the
    # settings reader cannot tell from a field left out): read the project now, then set it.
    import dataclasses

    from plating.project import read_project_settings

    return dataclasses.replace(
        read_project_settings(context), dedupe_nested=args.dedupe_nested, read_settings=False
    )


def run(args: argparse.Namespace) -> int:
    """Generate docs/; exit 1 when a page could not be produced (nothing written then)."""
    from plating.api import Plating
    from plating.commands.interrupt import run_async

    terminal = Terminal(args)
    if args.diff and not args.check:
        terminal.error("--diff shows the differences --check finds: use --check --diff")
        return EXIT_USAGE
    context = context_from_args(args)
    result = run_async(
        Plating(context).plate, context.docs_dir, check=args.check, diff=args.diff, take_over=True
    )
    for warning in result.warnings:
        terminal.warning(warning)
    if result.errors:
        for error in result.errors:
            terminal.error(error)
        terminal.error(f"{len(result.errors)} page(s) could not be produced; nothing was written")
        return EXIT_FAILED
    if args.check:
        from plating.commands.plate import report_drift

        return report_drift(result, terminal, command="plating generate")
    terminal.info(
        f"generated {plural(len(result.output_files), 'page')} into {result.output_dir}: "
        f"{result.files_generated} written, {result.files_unchanged} unchanged "
        f"in {result.duration_seconds:.2f}s"
    )
    return EXIT_OK
