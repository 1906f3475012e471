"""tfplugindocs' flags as Go's flag package reads them: ``--name X``, ``--name=X``,
``-name X`` and ``-name=X``; a boolean flag alone means true (``-name=false`` also works)."""

from __future__ import annotations

import argparse
from typing import Any

from plating.errors import UsageError


def go_bool(text: str) -> bool:
    """A boolean flag value in Go's spellings (``strconv.ParseBool``)."""
    if text in ("1", "t", "T", "true", "TRUE", "True"):
        return True
    if text in ("0", "f", "F", "false", "FALSE", "False"):
        return False
    raise argparse.ArgumentTypeError(f"invalid boolean value {text!r} (use true or false)")


def add_go_flag(
    parser: argparse.ArgumentParser | Any,
    name: str,
    help_text: str,
    *,
    default: str | None = None,
    boolean: bool = False,
) -> None:
    """Add ``--name``/``-name`` (``dest`` is the name with underscores)."""
    spellings = (f"--{name}", f"-{name}")
    dest = name.replace("-", "_")
    if boolean:
        parser.add_argument(
            *spellings,
            dest=dest,
            nargs="?",
            const=True,
            default=False,
            type=go_bool,
            metavar="BOOL",
            help=help_text,
        )
    else:
        parser.add_argument(*spellings, dest=dest, default=default, metavar="ARG", help=help_text)


def provider_dir(args: argparse.Namespace) -> Any:
    """``--provider-dir`` as an absolute, lexically cleaned folder (default: the current
    folder): as Go's ``filepath.Abs`` gives it, so ``--provider-dir ..`` (a ``go:generate``
    line in ``tools/``) names the provider after the parent folder, not ``..``."""
    import os
    from pathlib import Path

    # Lexical, as Go: resolve() would also follow symlinks, renaming a linked checkout.
    folder = Path(os.path.abspath(args.provider_dir or "."))  # noqa: PTH100
    if not folder.is_dir():
        raise UsageError(f"{folder}: --provider-dir is not a folder")
    return folder


def add_tfplugindocs_validate_flags(parser: argparse.ArgumentParser) -> None:
    """``tfplugindocs validate``'s flags beside plating's own (same destinations)."""
    from pathlib import Path

    group = parser.add_argument_group("tfplugindocs validate flags")
    group.add_argument(
        "--provider-dir",
        "-provider-dir",
        dest="project_root",
        type=Path,
        metavar="ARG",
        help="the provider's root folder, as --project-root (default: the current folder)",
    )
    group.add_argument(
        "-provider-name",
        dest="provider_name",
        metavar="ARG",
        help="as --provider-name (default: none)",
    )
    group.add_argument(
        "--providers-schema",
        "-providers-schema",
        dest="schema",
        type=Path,
        metavar="ARG",
        help="as --schema (default: none)",
    )
    group.add_argument(
        "--tf-version",
        "-tf-version",
        metavar="ARG",
        help="accepted for tfplugindocs' command lines; plating downloads no Terraform "
        "(default: none)",
    )
    group.add_argument(
        "--allowed-resource-subcategories",
        "-allowed-resource-subcategories",
        dest="allowed_subcategories",
        metavar="ARG",
        help="as --allowed-subcategories (default: none)",
    )
    group.add_argument(
        "-allowed-guide-subcategories",
        dest="allowed_guide_subcategories",
        metavar="ARG",
        help="as --allowed-guide-subcategories (default: none)",
    )
    for kind in ("resource", "guide"):
        group.add_argument(
            f"--allowed-{kind}-subcategories-file",
            f"-allowed-{kind}-subcategories-file",
            type=Path,
            metavar="ARG",
            help=f"file of allowed {kind} subcategories, one a line (default: none)",
        )


def read_subcategories_files(args: argparse.Namespace) -> None:
    """Fold ``--allowed-*-subcategories-file`` into the comma-separated lists."""
    pairs = (
        ("allowed_resource_subcategories_file", "allowed_subcategories"),
        ("allowed_guide_subcategories_file", "allowed_guide_subcategories"),
    )
    for file_dest, list_dest in pairs:
        path = getattr(args, file_dest, None)
        if path is None:
            continue
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM is not a name
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the subcategories file: {exc}") from exc
        names = [line.strip() for line in lines if line.strip()]
        given = getattr(args, list_dest, None)
        setattr(args, list_dest, ",".join([*([given] if given else []), *names]))
