"""``plating serve``: a live preview of the docs as the Terraform Registry shows them.

A view over the library's own pipeline (:class:`plating.site.Site` renders the pages in
memory, ``plating validate`` checks them), served by the standard library's HTTP server.
Markdown, highlighting, sanitising and file watching come from the optional extra
``plating[serve]`` (markdown-it-py, mdit-py-plugins, Pygments, nh3, watchfiles), imported
only by this command.
"""

from __future__ import annotations

import importlib.util

from plating.errors import UsageError

#: Import name -> distribution of the modules the preview needs.
REQUIRED_MODULES = {
    "markdown_it": "markdown-it-py",
    "mdit_py_plugins": "mdit-py-plugins",
    "pygments": "Pygments",
    "nh3": "nh3",
    "watchfiles": "watchfiles",
}


def require_serve_extra() -> None:
    """Raise :class:`UsageError` naming the extra to install when a module is missing."""
    found = importlib.util.find_spec
    missing = [dist for module, dist in REQUIRED_MODULES.items() if found(module) is None]
    if missing:
        raise UsageError(
            f"plating serve needs the optional extra 'serve' (missing: {', '.join(missing)}); "
            "install it with: pip install 'plating[serve]'"
        )
