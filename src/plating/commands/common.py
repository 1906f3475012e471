"""Options shared by several commands, and turning them into a :class:`PlatingContext`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.schema.kinds import ComponentType

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
HELP_FORMATTER = argparse.ArgumentDefaultsHelpFormatter


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
        "--project-root", type=Path, metavar="DIR", help="project root (default: current directory)"
    )
    group.add_argument(
        "--package-name",
        metavar="PACKAGE",
        help="read the schema from this pyvider provider package, in-process "
        "(needs `pip install 'plating[pyvider]'`); its bundles are used too",
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


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--output-dir, --examples-dir, --templates-dir, --rendered-provider-name."""
    parser.add_argument(
        "--rendered-provider-name",
        metavar="NAME",
        help="provider name shown in page titles (default: --provider-name)",
    )
    parser.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="docs folder (default: <project root>/docs)"
    )
    parser.add_argument(
        "--examples-dir",
        type=Path,
        metavar="DIR",
        help="conventional examples (default: <project root>/examples)",
    )
    parser.add_argument(
        "--templates-dir",
        type=Path,
        metavar="DIR",
        help="static pages (default: <project root>/templates)",
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


def context_from_args(args: argparse.Namespace) -> PlatingContext:
    """The run's settings from parsed arguments."""
    from plating.config import PlatingContext

    schema = getattr(args, "schema", None)
    return PlatingContext(
        provider_name=getattr(args, "provider_name", None),
        project_root=getattr(args, "project_root", None),
        schema_path=schema.resolve() if schema else None,
        rendered_provider_name=getattr(args, "rendered_provider_name", None),
        output_dir=getattr(args, "output_dir", None),
        examples_dir=getattr(args, "examples_dir", None),
        templates_dir=getattr(args, "templates_dir", None),
        package_name=getattr(args, "package_name", None),
        provider_source=getattr(args, "provider_source", None),
        terraform_binary=getattr(args, "terraform_binary", None),
    )


def kinds_from_args(args: argparse.Namespace) -> list[ComponentType] | None:
    """The --component-type values as kinds (None: all kinds)."""
    values: list[str] | None = getattr(args, "component_type", None)
    if not values:
        return None
    from plating.errors import UsageError
    from plating.schema.kinds import ComponentType

    kinds: list[ComponentType] = []
    for value in values:
        try:
            kinds.append(ComponentType.parse(value))
        except ValueError as exc:
            raise UsageError(f"--component-type: {exc}") from None
    return kinds
