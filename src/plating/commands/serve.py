"""``plating serve``: preview the docs as the Registry shows them, live while editing."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from plating.commands.common import (
    EXIT_OK,
    HELP_FORMATTER,
    add_output_options,
    add_source_options,
    all_settings_from_args,
)

if TYPE_CHECKING:
    from plating.api import Plating


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
    from plating.serve.run import serve

    settings = all_settings_from_args(args)
    if len(settings) > 1:
        raise UsageError(
            "plating serve previews one provider at a time; pick one with --provider-name"
        )
    return (
        serve(
            context_from_settings(settings[0]),
            host=args.host,
            port=args.port,
            open_browser=args.open,
            write=args.write,
            reload=settings_reloader(args),
        )
        or EXIT_OK
    )


def settings_reloader(args: argparse.Namespace) -> Callable[[], Plating]:
    """What the preview calls when ``pyproject.toml`` or the schema file changed: a fresh
    :class:`Plating` from the command line and the settings as they are now.

    Settings that cannot be used (a half-saved ``pyproject.toml``, an unknown key, a second
    provider) raise the :class:`UsageError` that says so: the preview keeps the pages and
    the settings of the last good state and shows the problem above every page until a
    save fixes it.
    """

    def reload_plating() -> Plating:
        from plating.api import Plating
        from plating.commands.common import context_from_settings
        from plating.errors import UsageError

        args._settings = None  # settings_from_args caches them on args
        settings = all_settings_from_args(args)
        if len(settings) != 1:
            raise UsageError(
                "plating serve previews one provider at a time, and the settings now name "
                f"{len(settings)}; pick one with --provider-name"
            )
        return Plating(context_from_settings(settings[0]))

    return reload_plating
