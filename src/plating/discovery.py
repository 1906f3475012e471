"""Discovery, the stage between the schema and the plan: the bundles, templates, static
pages and subcategories that document a provider's components (pure reads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plating.schema.kinds import ComponentType

if TYPE_CHECKING:
    from plating.bundles.conventional import StaticPages, TextFiles
    from plating.bundles.model import BoundTemplate, Bundle
    from plating.config import PlatingContext
    from plating.listing import FolderListing
    from plating.schema.model import ProviderSchema
    from plating.schema.select import Selection
    from plating.schema.sources import SchemaSource
    from plating.tfplugindocs.world import GoTemplates


def _no_go_templates() -> GoTemplates:
    from plating.tfplugindocs.world import GoTemplates

    return GoTemplates()


@dataclass(frozen=True)
class Discovery:
    """What discovery found for one schema: bundles and what they document."""

    bundles: list[Bundle]
    bound: dict[tuple[ComponentType, str], BoundTemplate]
    static: StaticPages
    subcategories: dict[tuple[ComponentType, str], str]
    warnings: list[str]
    go: GoTemplates = field(default_factory=lambda: _no_go_templates())


def all_bundles(
    context: PlatingContext,
    source: SchemaSource,
    output_dir: Path,
    listing: FolderListing | None = None,
) -> list[Bundle]:
    """Bundles of the project and the source, and the project-level guides folder."""
    from plating.bundles.discover import find_bundles, project_guides

    roots = [context.root, *source.bundle_roots()]
    bundles = find_bundles(roots, skip=[output_dir, *context.other_roots], listing=listing)
    guides = project_guides(context.guides_root)
    return [*bundles, guides] if guides is not None else bundles


def discover(
    context: PlatingContext,
    source: SchemaSource,
    schema: ProviderSchema,
    selection: Selection | None,
    output_dir: Path,
    texts: TextFiles | None = None,
    listing: FolderListing | None = None,
) -> Discovery:
    """Bundles, the templates they bind, static pages and subcategories of ``schema``
    (``selection``: what ``exclude`` and ``ignore_deprecated`` left out of it). ``texts``
    keeps the templates read for the render, ``listing`` the folders read."""
    from plating.bundles.conventional import find_static_pages, keep_registry_pages
    from plating.bundles.discover import bind_templates
    from plating.plan import page_path, resolve_subcategories
    from plating.tfplugindocs.world import GoTemplates

    bundles = all_bundles(context, source, output_dir, listing)
    left_out = selection.left_out if selection is not None else {}
    bound, warnings = bind_templates(bundles, schema, left_out=left_out)
    from plating.schema.sources.pyvider import PyviderSource, test_mode_hint

    if warnings and isinstance(source, PyviderSource):
        warnings = [test_mode_hint(w) for w in warnings]
    warnings += [w for bundle in bundles for w in bundle.link_warnings()]
    if selection is not None:
        warnings = [*selection.warnings(), *warnings]
    # tfplugindocs copies every static page and renders a deprecated component's own
    # template under ignore_deprecated: only excluded components lose theirs.
    excluded = selection.excluded if selection is not None else frozenset()
    static = find_static_pages(context.templates_root, schema, excluded)
    go = GoTemplates()
    if static.go_templates:
        from plating.schema.model import short_provider_name
        from plating.tfplugindocs.world import find_go_templates

        given = context.provider_name
        short = short_provider_name(given) if given else schema.short_name
        lookup = selection.templates_schema if selection is not None else None
        go = find_go_templates(context.templates_root, lookup or schema, short, excluded=excluded)
    from plating.tfplugindocs.world import guide_templates, with_guide_templates

    guides = guide_templates(context.guides_root)
    if guides:
        go = with_guide_templates(go, guides)
    static, legacy_warnings = keep_registry_pages(static, schema, output_dir, page_path, go=go)
    warnings = [*warnings, *legacy_warnings]
    subcategories = resolve_subcategories(
        schema, bound, context.subcategories, texts.read if texts else None
    )
    return Discovery(bundles, bound, static, subcategories, warnings, go)
