"""What the stages of a run ask of the provider they document.

``plate`` (:mod:`plating.plate_run`) and the in-memory site (:mod:`plating.site`) run the
same stages: the schema, discovery, the plan of pages and the renderer. Both take them from
one :class:`ProviderStages`, so that they always plan and render the same pages.
:class:`plating.api.Plating` is the implementation, and the façade over those runs: the
modules that run the stages depend on this small contract, never on the façade.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from plating.bundles.conventional import TextFiles
    from plating.config import PlatingContext
    from plating.discovery import Discovery
    from plating.listing import FolderListing
    from plating.plan import PageJob
    from plating.render.engine import PageRenderer
    from plating.schema.kinds import ComponentType
    from plating.schema.load import SelectedSchema
    from plating.schema.model import ProviderSchema
    from plating.schema.sources import SchemaSource


class ProviderStages(Protocol):
    """One provider's settings and stages (see :class:`plating.api.Plating` for each)."""

    context: PlatingContext

    def source(self) -> SchemaSource:
        """The schema source, chosen once."""
        ...

    async def schema(self) -> ProviderSchema:
        """The provider schema, loaded on first use."""
        ...

    async def selected_schema(self, fingerprint: str | None = None) -> SelectedSchema:
        """The schema with its selection, loaded again when its source changed."""
        ...

    def discover(
        self,
        schema: ProviderSchema,
        output_dir: Path,
        texts: TextFiles | None = None,
        listing: FolderListing | None = None,
    ) -> Discovery:
        """Bundles, the templates they bind, static pages and subcategories."""
        ...

    def plan_pages(
        self,
        schema: ProviderSchema,
        found: Discovery,
        kinds: Iterable[ComponentType] | None = None,
        *,
        include_guides: bool = True,
    ) -> list[PageJob]:
        """The plan of pages from a discovery."""
        ...

    def page_renderer(self, schema: ProviderSchema, texts: TextFiles) -> PageRenderer:
        """The renderer of the provider's pages."""
        ...
