"""What a project has: components by kind, where their docs come from, and page sizes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plating.bundles.conventional import StaticPages, conventional_examples
from plating.bundles.model import BoundTemplate, Bundle
from plating.plan import page_path
from plating.render.fit import REGISTRY_PAGE_LIMIT
from plating.schema.kinds import ComponentType
from plating.schema.model import ProviderSchema


@dataclass
class KindStats:
    """Figures for one component kind."""

    components: int = 0
    with_bundle: int = 0  # a bundle template documents it
    with_static_page: int = 0
    with_examples: int = 0  # bundle or conventional examples
    undocumented: list[str] = field(default_factory=list)  # would get the default page
    pages: int = 0  # pages of this kind on disk
    page_bytes: int = 0


@dataclass
class Inventory:
    """The project as plating sees it."""

    provider_address: str
    provider_name: str
    schema_source: str
    output_dir: Path
    bundles: list[Path]
    kinds: dict[str, KindStats]
    largest_pages: list[tuple[str, int]]  # (docs-relative path, bytes), largest first
    warnings: list[str]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "provider": {"address": self.provider_address, "name": self.provider_name},
            "schema_source": self.schema_source,
            "output_dir": str(self.output_dir),
            "bundles": [str(p) for p in self.bundles],
            "kinds": {
                name: {
                    "components": s.components,
                    "with_bundle": s.with_bundle,
                    "with_static_page": s.with_static_page,
                    "with_examples": s.with_examples,
                    "undocumented": s.undocumented,
                    "pages": s.pages,
                    "page_bytes": s.page_bytes,
                }
                for name, s in self.kinds.items()
            },
            "largest_pages": [
                {
                    "path": p,
                    "bytes": b,
                    "limit": REGISTRY_PAGE_LIMIT,
                    "over_limit": b >= REGISTRY_PAGE_LIMIT,
                }
                for p, b in self.largest_pages
            ],
            "warnings": self.warnings,
        }


def take_inventory(
    schema: ProviderSchema,
    schema_source: str,
    bundles: list[Bundle],
    bound: dict[tuple[ComponentType, str], BoundTemplate],
    static: StaticPages,
    examples_root: Path,
    output_dir: Path,
    warnings: list[str],
    largest: int = 5,
) -> Inventory:
    """Count components, their documentation sources and the pages on disk."""
    kinds: dict[str, KindStats] = {}
    sizes: list[tuple[str, int]] = []
    for kind in ComponentType:
        components = schema.of_kind(kind)
        if not components:
            continue
        stats = KindStats(components=len(components))
        for component in components:
            key = (kind, component.name)
            template = bound.get(key)
            if template is not None:
                stats.with_bundle += 1
            if key in static.covered:
                stats.with_static_page += 1
            has_bundle_examples = template is not None and bool(template.bundle.examples)
            if has_bundle_examples or conventional_examples(examples_root, component):
                stats.with_examples += 1
            if template is None and key not in static.covered:
                stats.undocumented.append(component.name)
            page = output_dir / page_path(component, schema.short_name)
            if page.is_file():
                size = page.stat().st_size
                stats.pages += 1
                stats.page_bytes += size
                sizes.append((page.relative_to(output_dir).as_posix(), size))
        kinds[kind.value] = stats
    guides = _guide_stats(bundles, static, output_dir, sizes)
    if guides.components or guides.pages:
        kinds["guide"] = guides
    sizes.sort(key=lambda item: (-item[1], item[0]))
    return Inventory(
        provider_address=schema.address,
        provider_name=schema.short_name,
        schema_source=schema_source,
        output_dir=output_dir,
        bundles=[b.root for b in bundles],
        kinds=kinds,
        largest_pages=sizes[:largest],
        warnings=warnings,
    )


def _guide_stats(
    bundles: list[Bundle], static: StaticPages, output_dir: Path, sizes: list[tuple[str, int]]
) -> KindStats:
    """Guides: their templates (bundles, the project's guides folder), static copies under
    ``templates/guides/``, and the pages in ``docs/guides/`` (added to ``sizes``)."""
    names = {name for bundle in bundles for name in bundle.guides}
    copied = {relpath for relpath in static.files if relpath.startswith("guides/")}
    stats = KindStats(
        components=len(names) + len(copied),
        with_bundle=len(names),
        with_static_page=len(copied),
    )
    folder = output_dir / "guides"
    if folder.is_dir():
        for page in sorted(folder.rglob("*.md")):
            if page.is_file() and not page.is_symlink():
                size = page.stat().st_size
                stats.pages += 1
                stats.page_bytes += size
                sizes.append((page.relative_to(output_dir).as_posix(), size))
    return stats
