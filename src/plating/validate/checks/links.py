"""Internal links: relative targets exist and ``#anchors`` resolve (nested-schema anchors
such as ``#nestedblock--a--b`` included). External and site-absolute links are not fetched."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from plating.validate.checks.base import CheckContext
from plating.validate.page import Page
from plating.validate.tree import LEGACY_EXTENSIONS

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def check_links(pages: list[Page], ctx: CheckContext) -> None:
    """Report relative links to missing files and fragments no anchor defines."""
    report = ctx.reporter
    check_broken = report.enabled("links/broken")
    check_anchor = report.enabled("links/anchor")
    by_path = {os.path.normpath(page.file.path): page for page in pages}
    for page in pages:
        path = page.file.relpath
        for anchor, line in page.duplicate_ids:
            report.add(
                "links/duplicate-anchor",
                path,
                line,
                f"anchor id {anchor!r} is defined twice; links to it reach the first one",
            )
        if not (check_broken or check_anchor):
            continue
        for link in page.links:
            target = link.target
            if (
                target in ("", "#")
                or target.startswith(("/", "//"))
                or _SCHEME.match(target)
                or "{{" in target
            ):
                continue  # empty (markdown/empty-link), site-absolute or external
            file_part, _hash, fragment = target.partition("#")
            file_part = file_part.split("?", 1)[0]
            if file_part:
                found = _resolve(page.file.path.parent, file_part)
                if found is None:
                    if check_broken:
                        report.add(
                            "links/broken",
                            path,
                            link.line,
                            f"link target {file_part!r} does not exist "
                            f"(relative to {ctx.display(page.file.path.parent)}/)",
                            link.column,
                        )
                    continue
                target_page = by_path.get(os.path.normpath(found))
            else:
                target_page = page
            if not fragment or target_page is None or not check_anchor:
                continue
            anchors = target_page.anchors()
            if fragment in anchors or fragment.lower() in anchors:
                continue
            close = difflib.get_close_matches(fragment, sorted(anchors), n=1)
            hint = f"; did you mean #{close[0]}?" if close else ""
            where = "this page" if target_page is page else target_page.file.relpath
            report.add(
                "links/anchor",
                path,
                link.line,
                f"anchor #{fragment} is not defined in {where}{hint}",
                link.column,
            )


def _resolve(folder: Path, file_part: str) -> Path | None:
    """The file a relative link reaches; tries the page extensions the Registry drops."""
    base = Path(os.path.normpath(folder / file_part))
    if base.exists():
        return base
    stem = str(base)
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    for ext in LEGACY_EXTENSIONS:
        candidate = Path(stem + ext)
        if candidate.is_file():
            return candidate
    return None
