"""Options shared by several commands, and turning them into a :class:`PlatingContext`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: The reader of the output went away (128 + SIGPIPE, as a shell reports such a command).
EXIT_BROKEN_PIPE = 141


class HelpFormatter(argparse.HelpFormatter):
    """Every option's help ends with its default: the one written in the help text, or the
    parser's default value when the text names none."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if "default" in text or action.default is argparse.SUPPRESS or not action.option_strings:
            return text
        if action.default is None:
            return f"{text} (default: none)"
        if isinstance(action.default, bool):
            return f"{text} (default: {'on' if action.default else 'off'})"
        return f"{text} (default: %(default)s)"


HELP_FORMATTER = HelpFormatter


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """--schema, --provider-name, --project-root, --package-name, --provider-source,
    --terraform-binary."""
    group = parser.add_argument_group("schema source")
    group.add_argument(
        "--schema",
        type=Path,
        metavar="FILE",
        help="output of `terraform providers schema -json`",
    )
    group.add_argument(
        "--provider-name",
        metavar="NAME",
        help="provider to document, with or without the terraform-provider- prefix "
        "(default: the only provider in the schema)",
    )
    group.add_argument(
        "--project-root",
        type=Path,
        metavar="DIR",
        help="project root (default: the nearest folder, from the current one up, with a "
        "pyproject.toml or .git; else the current folder)",
    )
    group.add_argument(
        "--package-name",
        metavar="PACKAGE",
        help="read the schema from this pyvider provider package, in-process "
        "(needs `pip install 'pyvider>=0.8'`); its bundles are used too",
    )
    group.add_argument(
        "--provider-source",
        metavar="ADDRESS",
        help="read the schema with terraform/tofu for this provider address (e.g. hashicorp/local)",
    )
    group.add_argument(
        "--terraform-binary",
        type=Path,
        metavar="PATH",
        help="terraform or tofu binary for --provider-source, or to serve --package-name "
        "through dev_overrides (default: tofu, then terraform, from PATH)",
    )
    run = parser.add_argument_group("run")
    run.add_argument(
        "--concurrency", type=int, metavar="N", help="pages in flight (default: CPU count, >= 2)"
    )
    run.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="cache folder (default: <root>/.plating-cache)",
    )
    run.add_argument(
        "--no-schema-cache",
        action="store_const",
        const=False,
        dest="schema_cache",
        help="extract the schema again instead of reading the cache (default: use the cache)",
    )
    run.add_argument(
        "--retry-max-attempts",
        type=int,
        metavar="N",
        help="attempts of a transiently failing tool or read (default: 3)",
    )
    run.add_argument(
        "--retry-backoff",
        choices=("exponential", "linear", "fixed"),
        help="how waits between attempts grow (default: exponential)",
    )
    run.add_argument(
        "--retry-base-delay", type=float, metavar="S", help="first wait in seconds (default: 0.5)"
    )
    run.add_argument(
        "--retry-max-delay", type=float, metavar="S", help="longest wait in seconds (default: 10)"
    )


def add_docs_options(parser: argparse.ArgumentParser) -> None:
    """--output-dir, --examples-dir: the docs tree and the examples beside it."""
    parser.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="docs folder (default: <project root>/docs)"
    )
    parser.add_argument(
        "--examples-dir",
        type=Path,
        metavar="DIR",
        help="conventional examples (default: <project root>/examples)",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--output-dir, --examples-dir, --templates-dir, --rendered-provider-name,
    --dedupe-nested."""
    from plating.render.modes import DEDUPE_MODES

    parser.add_argument(
        "--rendered-provider-name",
        metavar="NAME",
        help="provider name shown in page titles (default: --provider-name)",
    )
    add_docs_options(parser)
    parser.add_argument(
        "--templates-dir",
        type=Path,
        metavar="DIR",
        help="static pages (default: <project root>/templates)",
    )
    parser.add_argument(
        "--dedupe-nested",
        choices=DEDUPE_MODES,
        help="write repeated nested schemas once: auto (only pages that would reach the "
        "Registry's 500,000-byte limit), always, or never (default: auto)",
    )
    parser.add_argument(
        "--guides-dir",
        type=Path,
        metavar="DIR",
        help="project-level guide templates <name>.tmpl.md (default: <project root>/guides)",
    )


def add_kind_option(parser: argparse.ArgumentParser) -> None:
    """--component-type KIND (repeatable)."""
    parser.add_argument(
        "--component-type",
        action="append",
        metavar="KIND",
        default=None,
        help="only this kind (repeatable): provider, resource, data_source, ephemeral_resource, "
        "function, action, list_resource, state_store (default: all)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        default=None,
        help="skip components whose name matches this glob (repeatable; default: none)",
    )
    parser.add_argument(
        "--ignore-deprecated",
        action="store_const",
        const=True,
        default=None,
        help="skip deprecated components (default: document them)",
    )


#: Setting key -> argparse destination, for the settings that have a flag.
FLAG_DESTS = {
    "provider_name": "provider_name",
    "rendered_provider_name": "rendered_provider_name",
    "schema": "schema",
    "package_name": "package_name",
    "provider_source": "provider_source",
    "terraform_binary": "terraform_binary",
    "project_root": "project_root",
    "output_dir": "output_dir",
    "examples_dir": "examples_dir",
    "templates_dir": "templates_dir",
    "guides_dir": "guides_dir",
    "bundles_dir": "bundles_dir",
    "component_types": "component_type",
    "exclude": "exclude",
    "ignore_deprecated": "ignore_deprecated",
    "concurrency": "concurrency",
    "dedupe_nested": "dedupe_nested",
    "cache_dir": "cache_dir",
    "schema_cache": "schema_cache",
    "retry.max_attempts": "retry_max_attempts",
    "retry.backoff": "retry_backoff",
    "retry.base_delay": "retry_base_delay",
    "retry.max_delay": "retry_max_delay",
}


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Flags, environment, ``[tool.plating]`` and auto-detection, resolved (cached on args)."""
    cached: Settings | None = getattr(args, "_settings", None)
    if cached is not None:
        return cached
    from plating.settings import resolve

    flags = {key: getattr(args, dest, None) for key, dest in FLAG_DESTS.items()}
    settings = resolve(flags)
    args._settings = settings
    return settings


def context_from_args(args: argparse.Namespace) -> PlatingContext:
    """The run's :class:`PlatingContext` from flags, environment and ``pyproject.toml``."""
    return context_from_settings(settings_from_args(args))


def all_settings_from_args(args: argparse.Namespace) -> list[Settings]:
    """Settings per provider: each ``[[tool.plating.providers]]`` of a monorepo (selected with
    --provider-name), or the single provider of an ordinary project."""
    from plating.batch import resolve_providers

    flags = {key: getattr(args, dest, None) for key, dest in FLAG_DESTS.items()}
    several = resolve_providers(flags)
    return [settings_from_args(args)] if several is None else several


def contexts_from_args(args: argparse.Namespace) -> list[PlatingContext]:
    """One context per provider (see :func:`all_settings_from_args`)."""
    return [context_from_settings(settings) for settings in all_settings_from_args(args)]


def context_from_settings(settings: Settings) -> PlatingContext:
    """A :class:`PlatingContext` from resolved settings (:mod:`plating.project`)."""
    from plating.project import context_from_settings as build

    return build(settings)
