"""The provider page's list of components, grouped by subcategory, then by kind.

Order: components without a subcategory first, then subcategories alphabetically, and a
"Test Mode" group last (as provide-io plating orders them). Links are relative to the index.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence

from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.schema.model import Component

TEST_MODE = "Test Mode"
_PLURAL = {
    ComponentType.RESOURCE: "Resources",
    ComponentType.DATA_SOURCE: "Data Sources",
    ComponentType.EPHEMERAL_RESOURCE: "Ephemeral Resources",
    ComponentType.FUNCTION: "Functions",
    ComponentType.ACTION: "Actions",
    ComponentType.LIST_RESOURCE: "List Resources",
    ComponentType.STATE_STORE: "State Stores",
}
_SUBCATEGORY_LINE = re.compile(
    r"""^subcategory:[ \t]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^#\n]*?))[ \t]*$""", re.M
)


def kind_plural(kind: ComponentType) -> str:
    """``Resources``, ``Data Sources``, ..."""
    return _PLURAL[kind]


def match_subcategory(name: str, mapping: Sequence[tuple[str, str]]) -> str:
    """The subcategory of the first pattern matching the component name ("" for none)."""
    for pattern, subcategory in mapping:
        if fnmatch.fnmatchcase(name, pattern):
            return subcategory
    return ""


def front_matter_subcategory(text: str) -> str | None:
    """The ``subcategory`` a page's front matter sets (None when it sets none or "")."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    head = text[: end if end != -1 else len(text)]
    match = _SUBCATEGORY_LINE.search(head)
    if match is None:
        return None
    value = next((g for g in match.groups() if g is not None), "").strip()
    return value or None


def set_subcategory(text: str, subcategory: str) -> str:
    """Give a page's front matter ``subcategory`` unless it sets a non-empty one."""
    from plating.render.frontmatter import quoted, split_front_matter

    if not subcategory or front_matter_subcategory(text) is not None:
        return text
    body, rest = split_front_matter(text)
    if body is None:
        return text
    line = f"subcategory: {quoted(subcategory)}\n"
    if _SUBCATEGORY_LINE.search(body):
        body = _SUBCATEGORY_LINE.sub(line.rstrip("\n"), body, count=1)
    else:
        body += line
    return f"---\n{body}---\n{rest}"


def render_listing(entries: Iterable[tuple[Component, str, str]], heading_level: int = 2) -> str:
    """Markdown of ``(component, subcategory, docs-relative path)`` entries."""
    groups: dict[str, dict[ComponentType, list[tuple[str, str]]]] = {}
    for component, subcategory, relpath in entries:
        kinds = groups.setdefault(subcategory, {})
        kinds.setdefault(component.kind, []).append((component.name, relpath))
    order = sorted(groups, key=lambda s: (s == TEST_MODE, s != "", s.lower(), s))
    top = "#" * heading_level
    lines: list[str] = []
    for subcategory in order:
        kind_level = top
        if subcategory:
            lines += [f"{top} {subcategory}", ""]
            kind_level = top + "#"
        for kind in COMPONENT_KINDS:
            members = groups[subcategory].get(kind)
            if not members:
                continue
            lines += [f"{kind_level} {kind_plural(kind)}", ""]
            lines += [f"- [`{name}`]({path})" for name, path in sorted(members)]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + ("\n" if lines else "")
