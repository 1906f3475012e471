"""``plating`` command line: argv -> options -> API call -> exit code.

Exit codes: 0 success, 1 pages could not be produced or findings of error severity,
2 bad usage or unreadable input, 130 interrupted, 141 the reader of the output went away
(``plating info | head``, as for a command that SIGPIPE ends). Commands live in
:mod:`plating.commands`.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from plating.commands import COMMAND_MODULES
from plating.commands.common import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    HELP_FORMATTER,
)
from plating.errors import PlatingError  # imported here: a Ctrl-C may come at any time
from plating.version import __version__


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command, or of ``command`` only: a run needs just its
    own, and building all seven costs start-up time."""
    parser = argparse.ArgumentParser(
        prog="plating",
        description="Registry-ready documentation for Terraform/OpenTofu providers.",
        formatter_class=HELP_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=f"plating {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command in COMMAND_MODULES:
        names: Sequence[str] = (command,)
    elif command == "--version":
        names = ()  # nothing to describe: no command module is imported
    else:
        names = COMMAND_MODULES
    for name in names:
        importlib.import_module(f"plating.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``plating`` console script."""
    try:  # Ctrl-C at any point of a command is exit 130, never a traceback
        words = list(sys.argv[1:] if argv is None else argv)
        # `completion` describes every command; any other command needs only its own parser.
        command = words[0] if words and words[0] != "completion" else None
        parser = build_parser(command)
        args = parser.parse_args(words)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        if not getattr(args, "quiet", False) and any(k.startswith("PLATING_") for k in os.environ):
            from plating.settings import unknown_variables

            for warning in unknown_variables():
                print(f"plating: warning: {warning}", file=sys.stderr)
        code: int = args.handler(args)
    except PlatingError as exc:
        print(f"plating: error: {exc.cli_message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("plating: interrupted; pages already replaced are complete", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`plating info | head -2`): stop quietly, as a command killed
        # by SIGPIPE does, and keep later flushes from failing on the closed pipe.
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    return code


def _discard_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to redirect
        pass
    finally:
        os.close(devnull)


def console() -> None:
    """The ``plating`` console script: :func:`main`, then an immediate exit.

    Tearing down a run's objects one by one costs tens of milliseconds on a thousand pages
    and achieves nothing: output and log files are flushed, then the process ends. The
    cyclic garbage collector is off for the same reason: a run's objects live until its end,
    and collections only re-scan them (azurerm: 10 % of a `plate`, 14 % of a `validate`,
    for 0.1 MB more memory).
    """
    gc.disable()
    code = main()
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # a closed pipe (plating ... | head): what was printed is all
        code = code or EXIT_BROKEN_PIPE
    except OSError:
        code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
