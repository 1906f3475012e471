"""Where a provider schema comes from. Every source yields the ``providers schema -json`` shape.

A source is anything with the :class:`SchemaSource` shape; :func:`plating.schema.parse`
turns its document into the one typed model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from plating.listing import FolderListing

#: Top-level key under which a source may return warnings with its document (pyvider's own,
#: e.g. a component whose schema could not be collected). They are stored in the schema cache
#: with the document, so every run repeats them; :func:`plating.schema.cache.load_schema_document`
#: takes them out, and the document keeps the ``providers schema -json`` shape.
SOURCE_WARNINGS_KEY = "plating_source_warnings"


class SchemaSource(Protocol):
    """One way of obtaining a provider schema."""

    @property
    def description(self) -> str:
        """Human words for messages, e.g. ``schema file docs/schema.json``."""
        ...

    def fingerprint(self, listing: FolderListing | None = None) -> str:
        """A digest that changes whenever the schema could have changed (``listing``: folders
        the run has already read, or will read again, for sources that walk folders)."""
        ...

    def load_document(self) -> Any:
        """The decoded ``terraform providers schema -json`` document."""
        ...

    def bundle_roots(self) -> list[Path]:
        """Folders where this source's ``.plating`` bundles live (besides the project root)."""
        ...
