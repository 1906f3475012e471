"""The preview's HTML: one Jinja template (autoescaped) around each page's sanitised HTML.

Markdown goes through :mod:`plating.serve.markdown` once per version of a page's bytes; the
navigation is built once per preview version. Everything from the project (titles, front
matter values, findings, error messages) is escaped by the template.
"""

from __future__ import annotations

import json
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

    from plating.api import Plating
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
        self._facts: dict[str, tuple[bytes, PageFacts]] = {}
        self._nav: tuple[object, tuple[str, str]] | None = None
        self._nav_serial = 0

    def url_index(self) -> dict[str, str]:
        """Preview URL -> docs-relative path of every page."""
        site = self.preview.site
        return {page_url(relpath): relpath for relpath in site.relpaths()} if site else {}

    def page(self, relpath: str | None, status_note: str = "", known_nav: str = "") -> str:
        """The full HTML of a page (``relpath`` None: a not-found page with the nav).

        ``known_nav`` is the key of the navigation the browser already shows: when it is
        still current the navigation is left out (an open page refreshing itself after an
        edit then parses a few kilobytes, not the whole navigation of a large provider).
        """
        preview = self.preview
        site = preview.site
        assert site is not None
        version = preview.version
        context: dict[str, Any] = {
            "version": version,
            "provider": site.short_name,
            "nav_html": "",
            "problems": site.problems,
            "validating": preview.validating,
            "status_note": status_note,
            "relpath": relpath,
            "limit": SIZE_LIMIT,
        }
        nav_key, nav_html = self._nav_html(site)
        if known_nav != nav_key:
            context["nav_html"] = nav_html
        if relpath is not None:
            context.update(self._page_context(site, relpath))
        return _template("page.html").render(context)

    def _page_context(self, site: Site[Plating], relpath: str) -> dict[str, Any]:
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

        front, error, body = _front_matter(data.decode("utf-8", "replace"))
        parsed = ParsedPage(front, error, render_markdown(body))
        with self._lock:
            self._parsed[relpath] = (data, parsed)
        return parsed

    def _page_facts(self, relpath: str, data: bytes) -> PageFacts:
        """The title and subcategory of a page (front matter only: no Markdown)."""
        cached = self._facts.get(relpath)
        if cached is not None and cached[0] == data:
            return cached[1]
        # The front matter opens the page: its head is enough, unless the block is longer.
        facts = quick_facts(data[:_HEAD].decode("utf-8", "replace"))
        if facts == PageFacts() and len(data) > _HEAD:
            facts = quick_facts(data.decode("utf-8", "replace"))
        self._facts[relpath] = (data, facts)
        return facts

    def _nav_html(self, site: Site[Plating]) -> tuple[str, str]:
        """The navigation's HTML, made again only when what it shows changed (an edit of a
        page's body leaves it as it was)."""
        relpaths = site.relpaths()
        facts: dict[str, PageFacts] = {}
        for relpath in relpaths:
            data = site.pages.get(relpath)
            if data is not None:
                facts[relpath] = self._page_facts(relpath, data)
        findings = self.preview.findings
        counts = {relpath: findings.counts(relpath) for relpath in findings.by_page}
        key = (site.short_name, tuple(facts.items()), tuple(counts.items()), tuple(site.errors))
        with self._lock:
            if self._nav is not None and self._nav[0] == key:
                return self._nav[1]
        index, sections = build_nav(relpaths, facts, site.short_name)
        serial = self._nav_serial = self._nav_serial + 1
        nav_key = f"{id(self):x}-{serial}"
        html = _template("nav.html").render(
            index=index, sections=sections, counts=counts, errors=site.errors, key=nav_key
        )
        with self._lock:
            self._nav = (key, (nav_key, html))
        return nav_key, html


_QUICK_KEYS = ("page_title", "subcategory")
_HEAD = 4096  # bytes of a page read for its navigation facts


def quick_facts(text: str) -> PageFacts:
    """A page's ``page_title`` and ``subcategory`` without a YAML parse of its whole front
    matter (1,571 of them cost a quarter second): one-line double-quoted values, as plate
    writes them, are read directly; anything else goes through YAML."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    front_text, _body = split_front_matter(text)
    if front_text is None:
        return PageFacts()
    found = dict.fromkeys(_QUICK_KEYS, "")
    for line in front_text.split("\n"):
        key, colon, value = line.partition(":")
        key = key.rstrip(" \t")
        if not colon or key not in found:
            continue
        value = value.strip()
        if value.startswith('"') and value.endswith('"') and len(value) > 1:
            try:
                found[key] = str(json.loads(value))
                continue
            except ValueError:
                pass
        front, _error, _rest = _front_matter(text)
        return PageFacts(_shown(front.get("page_title")), _shown(front.get("subcategory")))
    return PageFacts(found["page_title"], found["subcategory"])


def _shown(value: object) -> str:
    """A front matter value as text (a missing or null value: empty)."""
    return "" if value is None else str(value)


def _front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter mapping, its error or "", the body) of a page's text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    front_text, body = split_front_matter(text)
    if front_text is None:
        return {}, "", body
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loaded = yaml.load(front_text, Loader=loader)
    except yaml.YAMLError as exc:
        return {}, f"front matter is not valid YAML: {exc}", body
    if isinstance(loaded, dict):
        return {str(k): v for k, v in loaded.items()}, "", body
    if loaded is None:
        return {}, "", body
    return {}, "front matter is not a mapping of keys to values", body


@cache
def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    from plating.render.env import private_bytecode_cache

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_asset_text),
        # Compiled once per version in the user's own cache: a tenth of a second of start-up.
        bytecode_cache=private_bytecode_cache("serve"),
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
