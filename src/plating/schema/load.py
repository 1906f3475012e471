"""A source's schema as a run documents it: the cached or extracted document, parsed into
the model, with the components ``exclude`` and ``ignore_deprecated`` leave out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.schema.model import ProviderSchema
    from plating.schema.select import Selection
    from plating.schema.sources import SchemaSource


@dataclass(frozen=True)
class SelectedSchema:
    """One load of a source's schema, and what a run needs to know about it."""

    #: The components the docs cover, and what the selection left out.
    selection: Selection
    #: Every component: examples may use what ``exclude`` leaves undocumented.
    full: ProviderSchema
    #: The source's fingerprint this schema was loaded for.
    fingerprint: str
    #: Files outside the source its extraction read (a pyvider schema's imports).
    reads: tuple[str, ...]
    #: The source's own warnings (pyvider's), repeated on every run from the schema cache.
    warnings: tuple[str, ...]
    #: Size and mtime of each of ``reads`` when this schema was loaded.
    read_states: dict[str, list[int]]

    def current(self, fingerprint: str) -> bool:
        """Whether this schema still stands for its source: the same fingerprint, and the
        files its extraction read unchanged (a long-lived instance reloads otherwise)."""
        from plating.schema.cache import file_states

        return fingerprint == self.fingerprint and file_states(self.reads) == self.read_states

    @property
    def schema(self) -> ProviderSchema:
        """The schema the docs cover."""
        return self.selection.schema


def load_selected(
    source: SchemaSource, context: PlatingContext, fingerprint: str | None = None
) -> SelectedSchema:
    """Load ``source``'s schema (through the schema cache) and select the run's components.
    ``fingerprint``: the source's, when the run has just computed it."""
    from plating.schema.cache import file_states, load_schema
    from plating.schema.parse import parse_source_document
    from plating.schema.select import select

    fingerprint = fingerprint or source.fingerprint()
    loaded = load_schema(source, context, fingerprint)
    read_states = file_states(loaded.reads)
    schema = parse_source_document(loaded.document, context.provider_name, source)
    selection = select(schema, context.exclude, context.ignore_deprecated)
    return SelectedSchema(
        selection, schema, fingerprint, loaded.reads, loaded.warnings, read_states
    )
