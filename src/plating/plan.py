"""A plan of pages: which file documents which component, and from what source (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from plating.bundles.conventional import StaticPages
from plating.bundles.model import BoundTemplate, Bundle
from plating.errors import BundleError
from plating.ownership import Scope
from plating.schema.kinds import ComponentType
from plating.schema.model import Component, ProviderSchema
from plating.tfplugindocs.world import GoTemplates

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to produce. Exactly one of the sources applies, checked in this order:
    ``static`` (copied as is), ``go_template`` (a tfplugindocs template, rendered with the
    component's data, or none), ``template`` (bundle template), else the default page."""

    relpath: str  # relative to the output folder, "/"-separated
    component: Component | None = None
    template: BoundTemplate | None = None
    static: Path | None = None
    go_template: Path | None = None
    guide: tuple[Bundle, Path] | None = None
    subcategory: str = ""
    listing: str = ""  # provider page only: the components grouped by subcategory


def page_path(component: Component, short_name: str) -> str:
    """The docs-relative path of a component's page."""
    if component.kind is ComponentType.PROVIDER:
        return "index.md"
    name = component.name
    if component.kind is not ComponentType.FUNCTION and name != short_name:
        name = name.removeprefix(f"{short_name}_")
    check_file_name(name, f"{component.kind.display_name.lower()} {component.name!r}")
    return f"{component.kind.info.docs_folder}/{name}.md"


def check_file_name(name: str, what: str) -> None:
    """Refuse names that could leave the output folder or are not portable file names."""
    if not _SAFE_NAME.match(name) or ".." in name:
        raise BundleError(
            f"{what}: the name {name!r} cannot be used as a file name (only letters, digits, "
            "'_', '-' and '.' are allowed)"
        )


def build_plan(
    schema: ProviderSchema,
    kinds: Iterable[ComponentType],
    bound: dict[tuple[ComponentType, str], BoundTemplate],
    static: StaticPages,
    bundles: list[Bundle],
    subcategories: dict[tuple[ComponentType, str], str] | None = None,
    include_guides: bool = True,
    go: GoTemplates | None = None,
) -> list[PageJob]:
    """Every page of the selected kinds, sorted by output path.

    A component's page comes from the first of: a Go template at its own page path
    (``templates/<kind>/<name>.md.tmpl``), a static page (unless its kind has a fallback
    template: tfplugindocs renders the fallback over it), a bundle template, the fallback Go
    template of its kind (``templates/<kind>.md.tmpl``), the default page. Every template of
    a kind folder renders its page, with the data of the component it names (see
    :mod:`plating.tfplugindocs.world`).
    """
    go = go or GoTemplates()
    selected = set(kinds)
    subcategories = subcategories or {}
    jobs: dict[str, PageJob] = {}
    short = schema.short_name
    for kind in ComponentType:
        if kind not in selected:
            continue
        fallback = go.fallbacks.get(kind)
        for component in schema.of_kind(kind):
            key = (kind, component.name)
            relpath = page_path(component, short)
            if go.renders(relpath):
                continue  # its own template (below)
            if key in static.covered and fallback is None:
                continue
            if fallback is not None and key not in bound:
                jobs[relpath] = PageJob(relpath, component=component, go_template=fallback)
                continue
            jobs[relpath] = PageJob(
                relpath,
                component=component,
                template=bound.get(key),
                subcategory=subcategories.get(key, ""),
                listing=index_listing(schema, subcategories)
                if component is schema.provider
                else "",
            )
    # Pages of templates/ in the run's scope only: what a run writes is what it manages.
    scope = Scope(None if include_guides else selected)
    for relpath, (component, template) in go.named.items():
        if component.kind in selected:
            jobs[relpath] = PageJob(relpath, component=component, go_template=template)
    for relpath, template in go.other.items():
        if scope.has(relpath):
            jobs[relpath] = PageJob(relpath, go_template=template)
    for relpath, source in static.files.items():
        # A Go template rendering to the same path wins, as in tfplugindocs (it renders
        # templates after copying static files).
        if scope.has(relpath) and relpath not in jobs:
            jobs[relpath] = PageJob(relpath, static=source)
    if include_guides:
        for bundle in bundles:
            for name, path in bundle.guides.items():
                check_file_name(name, f"guide {path}")
                relpath = f"guides/{name}.md"
                if relpath in jobs:
                    raise BundleError(f"{path}: a second guide named {name!r}; rename one of them")
                jobs[relpath] = PageJob(relpath, guide=(bundle, path))
    return [jobs[k] for k in sorted(jobs)]


def resolve_subcategories(
    schema: ProviderSchema,
    bound: dict[tuple[ComponentType, str], BoundTemplate],
    mapping: Sequence[tuple[str, str]],
    read: Callable[[Path], str] | None = None,
) -> dict[tuple[ComponentType, str], str]:
    """Each component's subcategory: its bundle template's own, else the first matching
    ``[tool.plating.subcategories]`` pattern, else none. ``read`` reads a template
    (default: :func:`plating.bundles.conventional.read_text`)."""
    from plating.bundles.conventional import read_text
    from plating.render.index_listing import front_matter_subcategory, match_subcategory

    reader = read or read_text

    found: dict[tuple[ComponentType, str], str] = {}
    for component in schema.all_components():
        if component.kind is ComponentType.PROVIDER:
            continue
        key = (component.kind, component.name)
        template = bound.get(key)
        own = front_matter_subcategory(reader(template.template)) if template else None
        subcategory = own or match_subcategory(component.name, mapping)
        if subcategory:
            found[key] = subcategory
    return found


def index_listing(
    schema: ProviderSchema, subcategories: dict[tuple[ComponentType, str], str]
) -> str:
    """The provider page's component list, when any component has a subcategory."""
    if not subcategories:
        return ""
    from plating.render.index_listing import render_listing

    entries = [
        (c, subcategories.get((c.kind, c.name), ""), page_path(c, schema.short_name))
        for c in schema.all_components()
        if c.kind is not ComponentType.PROVIDER
    ]
    return render_listing(entries)
