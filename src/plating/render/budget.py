"""The bounds every page template runs within, whatever the template asks for.

A pull request that edits a template must not be able to exhaust the memory or the time of
the machine that builds the docs. Both template engines (Jinja bundles and tfplugindocs Go
templates) stop a page that exceeds one of these bounds with an error that names the
template, its line and the component; nothing is written.
"""

from __future__ import annotations

#: Bytes of one page's output: 32 times the Registry's 500 KB limit, far above any real page.
PAGE_OUTPUT_LIMIT = 16 * 1024 * 1024

#: Seconds of rendering one page (the largest real pages render in milliseconds).
PAGE_TIME_LIMIT = 10.0

#: Nested template calls (``template``/``block``, ``render()``, recursion of any kind).
CALL_DEPTH_LIMIT = 100
