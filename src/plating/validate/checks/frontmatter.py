"""Front matter rules (spec section 7): present, valid YAML, allowed and required keys,
subcategory allow-lists."""

from __future__ import annotations

from plating.schema.kinds import ComponentType
from plating.validate.checks.base import CheckContext
from plating.validate.page import Page
from plating.validate.tree import LEGACY

KNOWN_KEYS = frozenset({"page_title", "subcategory", "description", "layout", "sidebar_current"})
_REGISTRY_FORBIDDEN = {
    "layout": "the Registry layout does not use `layout` (a legacy website key); remove it",
    "sidebar_current": "the Registry does not use `sidebar_current`; remove it",
}
_INDEX_SUBCATEGORY = (
    "the index page must not have a `subcategory` (the Registry always shows it first); "
    "remove the key"
)
_LEGACY_REQUIRED = ("description", "layout", "page_title")


def check_front_matter(page: Page, ctx: CheckContext) -> None:
    """Report missing or invalid front matter and keys wrong for the page's kind."""
    report = ctx.reporter
    file = page.file
    path = file.relpath
    if page.front_matter is None:
        report.add(
            "frontmatter/missing",
            path,
            1,
            "no YAML front matter: start the page with a '---' line, the keys "
            "(page_title, subcategory, description) and a closing '---' line",
        )
        return
    if page.yaml_error is not None:
        line, message = page.yaml_error
        report.add("frontmatter/yaml", path, line, message)
        return
    data = page.data
    if not isinstance(data, dict):
        report.add(
            "frontmatter/yaml",
            path,
            2,
            f"front matter must be a mapping of keys to values, not {type(data).__name__}",
        )
        return
    for key, line in page.fm_duplicates:
        report.add(
            "frontmatter/yaml",
            path,
            line,
            f"front matter key {key!r} appears twice (line {page.fm_keys[key]} and here); "
            "YAML keeps only the last value",
        )
    legacy = file.tree.layout == LEGACY
    index = file.kind is ComponentType.PROVIDER and file.is_index

    def line_of(key: str) -> int:
        return page.fm_keys.get(key, 1)

    for key, value in data.items():
        name = str(key)
        if name not in KNOWN_KEYS:
            report.add(
                "frontmatter/unknown-key",
                path,
                line_of(name),
                f"front matter key {name!r} is not used by the Registry "
                f"(known keys: {', '.join(sorted(KNOWN_KEYS))})",
            )
            continue
        if value is not None and not isinstance(value, str):
            report.add(
                "frontmatter/key",
                path,
                line_of(name),
                f"front matter key {name!r} must be a string, not {type(value).__name__}",
            )
        if not legacy and name in _REGISTRY_FORBIDDEN:
            report.add("frontmatter/key", path, line_of(name), _REGISTRY_FORBIDDEN[name])
        if index and name == "subcategory":
            report.add("frontmatter/key", path, line_of(name), _INDEX_SUBCATEGORY)
    required: tuple[str, ...] = ()
    if legacy:
        required = _LEGACY_REQUIRED
    elif file.is_guide:
        required = ("page_title",)
    for key in required:
        if key not in data:
            what = "legacy pages" if legacy else "guides"
            report.add(
                "frontmatter/required",
                path,
                1,
                f"front matter has no {key!r}; {what} need {', '.join(repr(k) for k in required)}",
            )
    subcategory = data.get("subcategory")
    if isinstance(subcategory, str) and subcategory and not index:
        allowed = (
            ctx.config.allowed_guide_subcategories
            if file.is_guide
            else ctx.config.allowed_subcategories
        )
        if allowed is not None and subcategory not in allowed:
            listed = ", ".join(repr(a) for a in allowed) or "none"
            which = "guide subcategories" if file.is_guide else "subcategories"
            report.add(
                "frontmatter/subcategory",
                path,
                line_of("subcategory"),
                f"subcategory {subcategory!r} is not in the allowed {which} ({listed})",
            )
