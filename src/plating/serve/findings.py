"""``plating validate`` over the preview's pages, and each finding matched to its page.

The preview's pages live in memory; validate checks a docs tree on disk. So the pages are
mirrored into a private scratch folder (never the project's docs folder) and the ordinary
``Plating.validate`` runs over it: the same rules, configuration and schema checks as the
command, no second implementation. A finding in a scratch page belongs to that page; a
finding in a project file (a bundle example, a template) belongs to every page made from
that file; the rest (a missing page, a stray file) is shown on the provider page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plating.api import Plating
    from plating.site import Site
    from plating.validate.findings import Finding, ValidationResult


@dataclass
class PageFindings:
    """Findings by docs-relative page path, and those of no page."""

    by_page: dict[str, list[Finding]] = field(default_factory=dict)
    other: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "rule: reason" of skipped checks

    def counts(self, relpath: str) -> tuple[int, int]:
        """(errors, warnings) of a page."""
        from plating.validate.findings import Severity

        found = self.by_page.get(relpath, [])
        errors = sum(1 for f in found if f.severity is Severity.ERROR)
        return errors, len(found) - errors


class ScratchDocs:
    """A private folder holding a copy of the site's pages for validate to read."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="plating-serve-"))
        self.root = self.base / "docs"
        self.root.mkdir()
        self._written: dict[str, bytes] = {}

    def sync(self, pages: dict[str, bytes]) -> None:
        """Make the folder hold exactly ``pages`` (only changed files are written)."""
        for relpath in set(self._written) - set(pages):
            (self.root / relpath).unlink(missing_ok=True)
            del self._written[relpath]
        for relpath, data in pages.items():
            if self._written.get(relpath) == data:
                continue
            target = self.root / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, target)
            self._written[relpath] = data

    def remove(self) -> None:
        """Delete the folder and everything in it."""
        shutil.rmtree(self.base, ignore_errors=True)


async def validate_site(
    plating: Plating, site: Site[Plating], scratch: ScratchDocs
) -> PageFindings:
    """Validate the site's current pages; findings matched to pages."""
    scratch.sync(dict(site.pages))
    result = await plating.validate(output_dir=scratch.root)
    return match_findings(result, site, scratch.root, plating.context.root)


def match_findings(
    result: ValidationResult, site: Site[Plating], scratch_root: Path, project_root: Path
) -> PageFindings:
    """Each finding to the page it is about (see the module docstring)."""
    matched = PageFindings(skipped=[f"{s.rule}: {s.reason}" for s in result.skipped])
    prefix = scratch_root.as_posix().rstrip("/") + "/"
    sources = {relpath: site.sources(relpath) for relpath in site.relpaths()}
    for finding in result.findings:
        if finding.path.startswith(prefix):
            relpath = finding.path[len(prefix) :]
            matched.by_page.setdefault(relpath, []).append(finding)
            continue
        path = Path(finding.path)
        where = path if path.is_absolute() else project_root / path
        owners = [
            relpath
            for relpath, inputs in sources.items()
            if any(where == i or where.is_relative_to(i) for i in inputs)
        ]
        for relpath in owners:
            matched.by_page.setdefault(relpath, []).append(finding)
        if not owners:
            matched.other.append(finding)
    return matched
