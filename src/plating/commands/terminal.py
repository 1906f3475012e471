"""Terminal output: progress, colour, verbosity, log level and metrics flags."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TextIO

_RED, _YELLOW, _RESET = "\033[31m", "\033[33m", "\033[0m"


def add_terminal_options(parser: argparse.ArgumentParser) -> None:
    """--quiet, --verbose, --no-color, --log-level, --metrics, --metrics-json."""
    group = parser.add_argument_group("output")
    group.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    group.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print progress lines and, at the end, the time of each phase",
    )
    group.add_argument(
        "--no-color", action="store_true", help="no colour, even on a terminal (also: NO_COLOR)"
    )
    group.add_argument(
        "--log-level",
        default="WARNING",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        help="level of library log messages on stderr",
    )
    group.add_argument(
        "--metrics", action="store_true", help="print a table of phase timings and counts"
    )
    group.add_argument(
        "--metrics-json", type=Path, metavar="FILE", help="write phase timings and counts as JSON"
    )


class Terminal:
    """Writes messages, progress and metrics the way the flags and the terminal ask."""

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.err = stream or sys.stderr
        self.quiet: bool = getattr(args, "quiet", False)
        self.verbose: bool = getattr(args, "verbose", False) and not self.quiet
        self.tty = self.err.isatty()
        self.color = (
            self.tty and not getattr(args, "no_color", False) and "NO_COLOR" not in os.environ
        )
        self.started = time.perf_counter()
        self._last_step = -1
        logging.basicConfig(
            stream=self.err,
            level=getattr(args, "log_level", "WARNING"),
            format="plating: %(levelname)s: %(message)s",
        )
        # pyvider logs through its own framework, which reads its level from the environment
        # when first imported (later, if at all); a level the user set there wins.
        level = "ERROR" if self.quiet else getattr(args, "log_level", "WARNING")
        os.environ.setdefault("PROVIDE_LOG_LEVEL", level)

    def error(self, message: str) -> None:
        """An error line on stderr (red on a terminal)."""
        prefix = f"{_RED}error{_RESET}" if self.color else "error"
        print(f"plating: {prefix}: {message}", file=self.err)

    def warning(self, message: str) -> None:
        """A warning line on stderr, unless quiet."""
        if not self.quiet:
            prefix = f"{_YELLOW}warning{_RESET}" if self.color else "warning"
            print(f"plating: {prefix}: {message}", file=self.err)

    def info(self, message: str) -> None:
        """A line on stdout, unless quiet."""
        if not self.quiet:
            print(message)

    def progress(self, done: int, total: int) -> None:
        """A progress bar on a terminal; plain lines at each quarter otherwise."""
        if self.quiet or total < 1:
            return
        if self.tty:
            width = 30
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done >= total else ""
            self.err.write(f"\rrendering [{bar}] {done}/{total}{end}")
            self.err.flush()
            return
        step = 4 * done // total
        if self.verbose and step != self._last_step:
            self._last_step = step
            print(f"plating: rendered {done}/{total} pages", file=self.err)

    def metrics(
        self, args: argparse.Namespace, phases: dict[str, float], counts: dict[str, int]
    ) -> None:
        """Print and/or write the run's metrics when asked to."""
        from plating.metrics import Metrics, format_table, other_seconds

        wall = time.perf_counter() - self.started
        measured = Metrics(dict(phases), dict(counts))
        if getattr(args, "metrics", False):
            print(format_table(measured, wall), file=self.err)
        elif self.verbose:
            for name, seconds in phases.items():
                print(f"plating: {name} took {seconds:.3f}s", file=self.err)
        target: Path | None = getattr(args, "metrics_json", None)
        if target is not None:
            document = {
                "command": getattr(args, "command", None),
                "wall_seconds": wall,
                "phases": phases,
                "other_seconds": other_seconds(measured, wall),
                "counts": counts,
            }
            target.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", "utf-8")
