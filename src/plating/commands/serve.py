"""``plating serve``: preview the docs as the Registry shows them, live while editing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from plating.commands.common import (
    EXIT_OK,
    HELP_FORMATTER,
    add_output_options,
    add_source_options,
    all_settings_from_args,
)


def register(subparsers: Any) -> None:
    """Add the ``serve`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="preview the docs as the Registry shows them, updated live while you edit",
        description="Render every page in memory and serve a preview of the docs as the "
        "Terraform Registry shows them: its navigation, Markdown, anchors and highlighting, "
        "each page's front matter, size and validate findings. Templates, examples, guides, "
        "bundles and the schema are watched: an edit re-renders the pages it affects and "
        "open pages update by themselves. Nothing is written unless --write is given. "
        "Needs the extra: pip install 'plating[serve]'.",
        formatter_class=HELP_FORMATTER,
    )
    add_source_options(parser)
    add_output_options(parser)
    group = parser.add_argument_group("server")
    group.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on; anything but loopback lets others read the preview",
    )
    group.add_argument(
        "--port", type=int, default=8000, help="port to listen on (0: any free port)"
    )
    group.add_argument("--open", action="store_true", help="open the preview in a web browser")
    group.add_argument(
        "--write",
        action="store_true",
        help="also write the docs after every change, exactly as `plating plate` does",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted (Ctrl-C ends it normally, exit 0)."""
    import gc

    from plating.serve import require_serve_extra

    require_serve_extra()
    # A long-running process: cycles must be collected (the console script turns the
    # collector off for short runs).
    gc.enable()
    from plating.commands.common import context_from_settings
    from plating.errors import UsageError

    settings = all_settings_from_args(args)
    if len(settings) > 1:
        raise UsageError(
            "plating serve previews one provider at a time; pick one with --provider-name"
        )
    chosen = settings[0]

    first = context_from_settings(chosen)

    def reload_plating() -> Any:
        # pyproject.toml or the schema changed: read the settings and the schema again.
        from plating.api import Plating

        args._settings = None  # settings_from_args caches them on args
        try:
            again = all_settings_from_args(args)
            if len(again) != 1:
                raise UsageError("the settings now name several providers")
            context = context_from_settings(again[0])
        except UsageError as exc:
            print(f"plating serve: keeping the previous settings: {exc}", file=sys.stderr)
            context = first
        return Plating(context)

    from plating.serve.run import serve

    return (
        serve(
            first,
            host=args.host,
            port=args.port,
            open_browser=args.open,
            write=args.write,
            reload=reload_plating,
        )
        or EXIT_OK
    )
