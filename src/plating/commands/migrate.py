"""``plating migrate``: tfplugindocs' ``migrate`` (legacy website docs into templates/)."""

from __future__ import annotations

import argparse
from typing import Any

from plating.commands.common import EXIT_OK, HELP_FORMATTER
from plating.commands.goflags import add_go_flag, provider_dir
from plating.commands.terminal import Terminal
from plating.commands.wording import plural


def register(subparsers: Any) -> None:
    """Add the ``migrate`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "migrate",
        help="turn website/docs (or docs/) pages into tfplugindocs templates and examples",
        description="Convert a legacy website/docs (or hand-written docs/) tree into "
        "templates/*.md.tmpl and examples/ files exactly as `tfplugindocs migrate` does, "
        "then remove the legacy website/ folder. Flags are tfplugindocs' own.",
        formatter_class=HELP_FORMATTER,
        allow_abbrev=False,
    )
    add_go_flag(
        parser,
        "provider-dir",
        "the provider's root folder (default: the current folder)",
    )
    add_go_flag(
        parser,
        "templates-dir",
        "new templates folder, relative to --provider-dir",
        default="templates",
    )
    add_go_flag(
        parser, "examples-dir", "examples folder, relative to --provider-dir", default="examples"
    )
    add_go_flag(
        parser,
        "provider-name",
        "provider name; when given, its prefix is removed from page names "
        "(time_offset -> offset) (default: none)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Migrate; errors (unreadable page, front matter that never ends) exit non-zero."""
    from plating.tfplugindocs.migrate import apply_migration, plan_migration

    terminal = Terminal(args)
    root = provider_dir(args)
    migration = plan_migration(
        root, args.templates_dir, args.examples_dir, args.provider_name or ""
    )
    for warning in migration.warnings:
        terminal.warning(warning)
    apply_migration(migration)
    source = migration.website_dir.relative_to(root).as_posix()
    removed = "; removed website/" if migration.remove_website else ""
    if migration.kept:
        shown = ", ".join(p.relative_to(root).as_posix() for p in migration.kept[:5])
        more = f" and {len(migration.kept) - 5} more" if len(migration.kept) > 5 else ""
        terminal.warning(
            f"website/ keeps {plural(len(migration.kept), 'file')} migrate does not convert "
            f"({shown}{more}); tfplugindocs would delete them: move what you need, then "
            "remove the folder"
        )
        removed = "; removed the migrated files of website/"
    terminal.info(
        f"migrate: {plural(len(migration.templates), 'page')} of {source} into "
        f"{args.templates_dir}/, {plural(len(migration.examples), 'example file')} into "
        f"{args.examples_dir}/{removed}"
    )
    return EXIT_OK
