"""Markdown lint for Registry pages: a small default rule set, fast enough for thousands
of pages (it reads the structure :mod:`plating.validate.page` collected in one pass)."""

from __future__ import annotations

from plating.schema.kinds import ComponentType
from plating.validate.checks.base import CheckContext
from plating.validate.page import Heading, Page


def check_markdown(page: Page, ctx: CheckContext) -> None:
    """Headings, fences and links that render badly or not at all."""
    report = ctx.reporter
    path = page.file.relpath
    headings = page.headings
    previous = 0
    h1_seen = False
    for index, heading in enumerate(headings):
        if previous and heading.level > previous + 1:
            report.add(
                "markdown/heading-increment",
                path,
                heading.line,
                f"heading level {heading.level} follows level {previous}; "
                f"use {'#' * (previous + 1)} (levels go up one at a time)",
            )
        previous = heading.level
        if heading.level == 1:
            if h1_seen:
                report.add(
                    "markdown/single-h1",
                    path,
                    heading.line,
                    f"second top-level heading {heading.text!r}; a page has one '# ' heading",
                )
            h1_seen = True
        if not heading.has_content and not _may_be_empty(page, heading, index):
            following = headings[index + 1] if index + 1 < len(headings) else None
            if following is None or following.level <= heading.level:
                report.add(
                    "markdown/empty-section",
                    path,
                    heading.line,
                    f"section {heading.text!r} is empty; add content or remove the heading",
                )
    for line in page.no_space_headings:
        report.add(
            "markdown/heading-space",
            path,
            line,
            "'#' not followed by a space: this is not a heading (write '# Title')",
        )
    for fence in page.fences:
        if not fence.info:
            report.add(
                "markdown/fence-language",
                path,
                fence.start,
                "fenced code block without a language; add one (terraform, shell, text, ...)",
            )
        if fence.end is None:
            report.add(
                "markdown/unclosed-fence",
                path,
                fence.start,
                "fenced code block is never closed: the rest of the page renders as code",
            )
    for link in page.links:
        if link.target in ("", "#"):
            report.add(
                "markdown/empty-link",
                path,
                link.line,
                f"link with an empty target {link.target!r}",
                link.column,
            )
    limit = ctx.config.line_length
    for line, length in page.long_lines:
        report.add(
            "markdown/line-length", path, line, f"line is {length} characters long (limit {limit})"
        )


def _may_be_empty(page: Page, heading: Heading, index: int) -> bool:
    """Headings that tfplugindocs' page shape leaves empty, which are not defects.

    The page title of a page that is only its title (the index of a provider without a
    description, examples or provider arguments; a component without any), the nested
    schema section of a block without attributes (``### Nested Schema for `a.b```, then
    nothing), and ``## Arguments`` of a function without parameters.
    """
    if index == 0 and heading.level == 1:
        return True
    if heading.text.startswith("Nested Schema for `"):
        return True
    return heading.text == "Arguments" and page.file.kind is ComponentType.FUNCTION
