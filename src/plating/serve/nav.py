"""The left navigation of the preview, ordered as the Registry orders provider docs.

The Registry's provider documentation guide ("Navigation Hierarchy", hashicorp/
terraform-docs-common) gives the order: the provider page; guides without a subcategory
under "Guides", then each guide subcategory as a section of its own; then the pages without
a subcategory, by kind; then every subcategory with its pages by kind, "Beta" and
"Deprecated" last. A guide's label is its ``page_title`` (else its file name); a
component's label is its full name (``<provider>_<file name>``; functions keep their name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plating.pages import page_stem
from plating.schema.kinds import KIND_BY_FOLDER, KIND_BY_LEGACY_FOLDER, ComponentType

#: Subcategories the Registry puts below all others.
LAST_SUBCATEGORIES = ("Beta", "Deprecated")
_KIND_BY_FOLDER = {**KIND_BY_FOLDER, **KIND_BY_LEGACY_FOLDER}
_KIND_ORDER = {kind: index for index, kind in enumerate(ComponentType)}


@dataclass(frozen=True, slots=True)
class NavItem:
    """One page link."""

    relpath: str
    label: str
    url: str


@dataclass(slots=True)
class NavGroup:
    """Pages of one kind (``title`` "Resources") or of a guide section (``title`` "")."""

    title: str
    items: list[NavItem] = field(default_factory=list)


@dataclass(slots=True)
class NavSection:
    """A top-level section: "Guides", a guide subcategory, the kinds, a subcategory."""

    title: str
    groups: list[NavGroup] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the navigation needs of a page's front matter."""

    page_title: str = ""
    subcategory: str = ""


def page_url(relpath: str) -> str:
    """The preview URL of a page: ``/docs/`` and its docs path without the extension, as the
    Registry's URLs end (``docs/resources/recipe.md`` -> ``/docs/resources/recipe``)."""
    stem = page_stem(relpath)
    if stem is not None:
        relpath = stem
    if relpath == "index":
        return "/"
    return f"/docs/{relpath}"


def build_nav(
    relpaths: list[str], facts: Mapping[str, PageFacts], short_name: str
) -> tuple[NavItem | None, list[NavSection]]:
    """The provider page's link and the sections below it."""
    index: NavItem | None = None
    guides: dict[str, list[NavItem]] = {}
    components: dict[str, dict[ComponentType, list[NavItem]]] = {}
    other: list[NavItem] = []
    for relpath in relpaths:
        fact = facts.get(relpath, PageFacts())
        parts = relpath.split("/")
        url = page_url(relpath)
        if len(parts) == 1:
            if url == "/":
                label = f"{short_name} Provider" if short_name else "Provider"
                index = NavItem(relpath, label, url)
            else:
                other.append(NavItem(relpath, relpath, url))
            continue
        stem = url.rsplit("/", 1)[1]
        if parts[0] == "guides":
            label = fact.page_title or stem
            guides.setdefault(fact.subcategory, []).append(NavItem(relpath, label, url))
            continue
        kind = _KIND_BY_FOLDER.get(parts[0])
        if kind is None or len(parts) != 2:  # cdktf/..., or a folder the Registry refuses
            other.append(NavItem(relpath, relpath, url))
            continue
        keeps_name = kind is ComponentType.FUNCTION or stem == short_name
        label = stem if keeps_name else f"{short_name}_{stem}"
        by_kind = components.setdefault(fact.subcategory, {})
        by_kind.setdefault(kind, []).append(NavItem(relpath, label, url))
    sections: list[NavSection] = []
    if "" in guides:
        sections.append(NavSection("Guides", [NavGroup("", _sorted(guides.pop("")))]))
    for subcategory in _ordered(guides):
        sections.append(NavSection(subcategory, [NavGroup("", _sorted(guides[subcategory]))]))
    if "" in components:
        for kind, items in sorted(components.pop("").items(), key=lambda e: _KIND_ORDER[e[0]]):
            sections.append(NavSection(_plural(kind), [NavGroup("", _sorted(items))]))
    for subcategory in _ordered(components):
        kinds = sorted(components[subcategory].items(), key=lambda e: _KIND_ORDER[e[0]])
        groups = [NavGroup(_plural(kind), _sorted(items)) for kind, items in kinds]
        sections.append(NavSection(subcategory, groups))
    if other:
        sections.append(NavSection("Other files", [NavGroup("", _sorted(other))]))
    return index, sections


def _plural(kind: ComponentType) -> str:
    """ "Resources", "Data Sources", "Functions", ..."""
    words = kind.display_name.split()
    return " ".join(w[:1].upper() + w[1:] for w in words) + "s"


def _sorted(items: list[NavItem]) -> list[NavItem]:
    return sorted(items, key=lambda item: (item.label.lower(), item.relpath))


def _ordered(subcategories: Mapping[str, object]) -> list[str]:
    names = sorted(subcategories, key=str.lower)
    return [n for n in names if n not in LAST_SUBCATEGORIES] + [
        n for n in LAST_SUBCATEGORIES if n in subcategories
    ]
