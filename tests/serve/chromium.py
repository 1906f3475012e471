"""Debian's Chromium as the preview's browser tests and the serve benchmark launch it (never
a browser Playwright would download): one definition for both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
#: Chromium on a closed network, as root, with a fresh profile (Playwright makes one).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_CHROMIUM = (
    "apt-get update && apt-get install -y chromium chromium-driver (or: make browser)"
)


def launch_chromium(playwright: Any, executable: str | Path = CHROMIUM) -> Any:
    """A Chromium browser from Playwright's sync API, with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
