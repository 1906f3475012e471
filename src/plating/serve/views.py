"""The preview's HTML: one Jinja template (autoescaped) around each page's sanitised HTML.

Markdown goes through :mod:`plating.serve.markdown` once per version of a page's bytes; the
navigation is built once per preview version. Everything from the project (titles, front
matter values, findings, error messages) is escaped by the template.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from plating.render.frontmatter import split_front_matter
from plating.serve.nav import PageFacts, build_nav, page_url

if TYPE_CHECKING:
    import jinja2

    from plating.serve.app import Preview
    from plating.site import Site

#: The Registry refuses (truncates) a page of this many bytes or more.
SIZE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page's front matter (parsed) and its body as HTML."""

    front: dict[str, Any]
    front_error: str
    html: str


class Views:
    """Renders the preview's pages for one :class:`Preview` (thread-safe)."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self._lock = threading.Lock()
        self._parsed: dict[str, tuple[bytes, ParsedPage]] = {}
        self._nav: tuple[int, str] | None = None

    def url_index(self) -> dict[str, str]:
        """Preview URL -> docs-relative path of every page."""
        site = self.preview.site
        return {page_url(relpath): relpath for relpath in site.relpaths()} if site else {}

    def page(self, relpath: str | None, status_note: str = "") -> str:
        """The full HTML of a page (``relpath`` None: a not-found page with the nav)."""
        preview = self.preview
        site = preview.site
        assert site is not None
        version = preview.version
        context: dict[str, Any] = {
            "version": version,
            "provider": site.short_name,
            "nav_html": self._nav_html(site, version),
            "problems": site.problems,
            "validating": preview.validating,
            "status_note": status_note,
            "relpath": relpath,
            "limit": SIZE_LIMIT,
        }
        if relpath is not None:
            context.update(self._page_context(site, relpath))
        return _template("page.html").render(context)

    def _page_context(self, site: Site, relpath: str) -> dict[str, Any]:
        data = site.pages.get(relpath)
        findings = self.preview.findings
        root = site.plating.context.root
        sources = []
        inputs = [p for p in site.sources(relpath) if p.exists()]
        # The most specific inputs: a bundle's template rather than the bundle folder.
        inputs = [p for p in inputs if not any(o != p and o.is_relative_to(p) for o in inputs)]
        for path in inputs:
            try:
                sources.append(path.relative_to(root).as_posix())
            except ValueError:
                sources.append(path.as_posix())
        page: dict[str, Any] = {
            "error": site.errors.get(relpath, ""),
            "hand_written": relpath in site.hand_written,
            "sources": sources,
            "findings": findings.by_page.get(relpath, []),
            "other_findings": findings.other if relpath == "index.md" else [],
            "skipped": findings.skipped if relpath == "index.md" else [],
            "size": len(data) if data is not None else 0,
        }
        parsed = self._parse(relpath, data) if data is not None else None
        if parsed is not None:
            page["front"] = parsed.front
            page["front_error"] = parsed.front_error
            page["html"] = parsed.html
        title = parsed.front.get("page_title") if parsed is not None else None
        page["title"] = str(title) if title else relpath
        return {"page": page}

    def _parse(self, relpath: str, data: bytes) -> ParsedPage:
        with self._lock:
            cached = self._parsed.get(relpath)
        if cached is not None and cached[0] == data:
            return cached[1]
        from plating.serve.markdown import render_markdown

        text = data.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n")
        front_text, body = split_front_matter(text)
        front: dict[str, Any] = {}
        error = ""
        if front_text is not None:
            try:
                loaded = yaml.safe_load(front_text)
            except yaml.YAMLError as exc:
                error = f"front matter is not valid YAML: {exc}"
            else:
                if isinstance(loaded, dict):
                    front = {str(k): v for k, v in loaded.items()}
                elif loaded is not None:
                    error = "front matter is not a mapping of keys to values"
        parsed = ParsedPage(front, error, render_markdown(body))
        with self._lock:
            self._parsed[relpath] = (data, parsed)
        return parsed

    def _nav_html(self, site: Site, version: int) -> str:
        with self._lock:
            if self._nav is not None and self._nav[0] == version:
                return self._nav[1]
        relpaths = site.relpaths()
        facts: dict[str, PageFacts] = {}
        for relpath in relpaths:
            data = site.pages.get(relpath)
            if data is None:
                continue
            front = self._parse(relpath, data).front
            facts[relpath] = PageFacts(
                str(front.get("page_title") or ""), str(front.get("subcategory") or "")
            )
        index, sections = build_nav(relpaths, facts, site.short_name)
        findings = self.preview.findings
        counts = {relpath: findings.counts(relpath) for relpath in findings.by_page}
        html = _template("nav.html").render(
            index=index, sections=sections, counts=counts, errors=site.errors
        )
        with self._lock:
            self._nav = (version, html)
        return html


@cache
def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_asset_text),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _asset_text(name: str) -> str:
    return asset(name).decode("utf-8")


@cache
def asset(name: str) -> bytes:
    """A file of the preview's own assets (``page.html``, ``preview.css``, ...)."""
    return resources.files("plating.serve").joinpath("assets", name).read_bytes()
