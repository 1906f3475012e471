"""On-disk cache of extracted provider schemas, keyed by a fingerprint of their source.

Extracting a schema from a pyvider package or a Terraform binary costs from a few hundred
milliseconds to seconds; a second run with an unchanged source reads the cached document
instead. The cache lives in ``<project root>/.plating-cache/schemas/`` (or any folder the
caller chooses); the folder ignores itself in Git (``.gitignore`` with ``*``) and carries a
``CACHEDIR.TAG`` so that backup tools skip it.

One file per source (named after a hash of the source's description), holding the source's
fingerprint, its document and the other files the extraction read (``reads``: modules a
pyvider package imported from outside its own folders, with their sizes and mtimes). A
changed fingerprint or read file is a miss and the file is rewritten; a file that cannot be
read or decoded is ignored and rewritten. Writes are atomic (temporary file +
:func:`os.replace`); a cache that cannot be written never fails a run. With the cache turned
off (``--no-schema-cache``) the source is extracted again and its cache file, now suspect, is
removed, so a later run with the cache on extracts again instead of going back to it.

Only sources that set ``cacheable = True`` are cached: a schema *file* is not, since the
cache would be a copy of it that is no faster to read.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import PlatingError
from plating.resilience import RetryPolicy, is_transient_error
from plating.schema.sources import SOURCE_WARNINGS_KEY, SchemaSource
from plating.version import __version__

if TYPE_CHECKING:
    from plating.config import PlatingContext

#: Folder name of the cache below the project root.
CACHE_DIR_NAME = ".plating-cache"
#: Bumped whenever the cache file layout or the extraction's output changes.
CACHE_FORMAT = 1

_LOG = logging.getLogger(__name__)
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by plating.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def refuse_links(directory: Path, target: Path) -> None:
    """Raise :class:`OSError` when ``target`` (below ``directory``) would be written through a
    symbolic link: a repository can point its ``.plating-cache`` anywhere, and plating must
    not write (or tag for backup tools) folders outside the project through it."""
    current = directory
    for part in ("", *target.relative_to(directory).parts[:-1]):
        current = current / part if part else current
        if current.is_symlink():
            raise OSError(errno.ELOOP, "cache files are not written through links", str(current))


def mark_cache_directory(directory: Path) -> None:
    """Make ``directory`` ignore itself in Git and tell backup tools it is a cache."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (
        (".gitignore", "# created by plating\n*\n"),
        ("CACHEDIR.TAG", _CACHEDIR_TAG),
    ):
        # Created exclusively: an existing file (or a link, even one pointing nowhere, which
        # a checkout can hold) is left alone, never written through.
        with (
            contextlib.suppress(FileExistsError),
            (directory / name).open("x", encoding="utf-8") as marker,
        ):
            marker.write(text)


def default_cache_dir(project_root: Path) -> Path:
    """``<project root>/.plating-cache``."""
    return project_root / CACHE_DIR_NAME


@dataclass(frozen=True)
class LoadedSchema:
    """A source's document, the files outside the source its extraction read, and the
    source's own warnings (kept out of the document)."""

    document: Any
    reads: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def load_schema(
    source: SchemaSource, context: PlatingContext, fingerprint: str | None = None
) -> LoadedSchema:
    """A source's document as a run should get it: through the on-disk cache for expensive
    sources (unless ``context.use_schema_cache`` is off, which also drops the source's
    cache file), with the context's retry policy for transient file errors otherwise.
    ``fingerprint``: the source's, when the run has just computed it (it walks the whole
    package: once a run is enough)."""
    if is_cacheable(source):
        cache = SchemaCache(context.schema_cache_dir, context.retry_policy)
        if context.use_schema_cache:
            loaded = cache.load_with_reads(source, fingerprint)
        else:
            cache.forget(source)
            loaded = extract(source)
    else:
        loaded = LoadedSchema(
            context.retry_policy.call(
                source.load_document,
                what=f"reading {source.description}",
                is_transient=is_transient_error,
            )
        )
    warnings: list[str] = []
    document = split_source_warnings(loaded.document, warnings)
    return LoadedSchema(document, loaded.reads, tuple(warnings))


def load_schema_document(
    source: SchemaSource,
    context: PlatingContext,
    fingerprint: str | None = None,
    warnings: list[str] | None = None,
) -> Any:
    """:func:`load_schema`'s document; the source's own warnings (extracted now or stored
    in the cache with the document) are appended to ``warnings``."""
    loaded = load_schema(source, context, fingerprint)
    if warnings is not None:
        warnings.extend(loaded.warnings)
    return loaded.document


def extract(source: SchemaSource) -> LoadedSchema:
    """Extract a source's document, with the files it read when the source says
    (``load_with_reads``)."""
    with_reads = getattr(source, "load_with_reads", None)
    if callable(with_reads):
        document, reads = with_reads()
        return LoadedSchema(document, tuple(reads))
    return LoadedSchema(source.load_document())


def file_states(paths: Iterable[str]) -> dict[str, list[int]]:
    """Size and mtime of each file (-1, -1 when it is gone)."""
    states: dict[str, list[int]] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            states[path] = [-1, -1]
            continue
        states[path] = [info.st_size, info.st_mtime_ns]
    return states


def split_source_warnings(document: Any, warnings: list[str] | None = None) -> Any:
    """``document`` without the source's warnings, which are appended to ``warnings``."""
    if not isinstance(document, dict) or SOURCE_WARNINGS_KEY not in document:
        return document
    found = document[SOURCE_WARNINGS_KEY]
    if warnings is not None and isinstance(found, list):
        warnings.extend(str(w) for w in found)
    return {k: v for k, v in document.items() if k != SOURCE_WARNINGS_KEY}


def is_cacheable(source: SchemaSource) -> bool:
    """Whether a source asks to be cached (``cacheable = True``)."""
    return bool(getattr(source, "cacheable", False))


@dataclass
class SchemaCache:
    """The schema documents of expensive sources, stored under ``directory/schemas``."""

    directory: Path
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    #: Counters of this instance's lookups, for reports and tests.
    hits: int = 0
    misses: int = 0

    @property
    def schemas_dir(self) -> Path:
        """Where the cache files are."""
        return self.directory / "schemas"

    def path_for(self, source: SchemaSource) -> Path:
        """The cache file of one source."""
        digest = hashlib.sha256(source.description.encode("utf-8")).hexdigest()[:32]
        return self.schemas_dir / f"{digest}.json"

    def load(self, source: SchemaSource, fingerprint: str | None = None) -> Any:
        """The source's document: from the cache when its fingerprint (computed unless
        given) and the files its extraction read match, else extracted (through the source)
        and stored. Sources that are not cacheable are read directly."""
        return self.load_with_reads(source, fingerprint).document

    def load_with_reads(self, source: SchemaSource, fingerprint: str | None = None) -> LoadedSchema:
        """:meth:`load`, with the files outside the source the extraction read."""
        if not is_cacheable(source):
            return LoadedSchema(source.load_document())
        if fingerprint is None:
            fingerprint = source.fingerprint()
        cached = self._get_entry(source, fingerprint)
        if cached is not None:
            self.hits += 1
            return LoadedSchema(cached["document"], tuple(cached.get("reads", {})))
        self.misses += 1
        fresh = extract(source)
        self.put(source, fingerprint, fresh.document, fresh.reads)
        return fresh

    def get(self, source: SchemaSource, fingerprint: str) -> Any | None:
        """The cached document for this fingerprint, or None (missing, stale or corrupt)."""
        entry = self._get_entry(source, fingerprint)
        return entry["document"] if entry is not None else None

    def _get_entry(self, source: SchemaSource, fingerprint: str) -> dict[str, Any] | None:
        path = self.path_for(source)
        try:
            raw = self.policy.call(
                path.read_bytes, what=f"reading {path}", is_transient=is_transient_error
            )
        except FileNotFoundError:
            return None
        except (OSError, PlatingError) as exc:  # PlatingError: retries of a busy file gave up
            _LOG.warning("%s: schema cache not readable (%s); extracting again", path, exc)
            return None
        try:
            entry = json.loads(raw)
        except (ValueError, RecursionError):
            _LOG.warning("%s: corrupt schema cache file ignored; it will be rewritten", path)
            return None
        if (
            not isinstance(entry, dict)
            or entry.get("format") != CACHE_FORMAT
            or entry.get("plating") != __version__
            or entry.get("fingerprint") != fingerprint
            or not isinstance(entry.get("document"), dict)
        ):
            return None
        reads = entry.get("reads", {})
        if not isinstance(reads, dict) or file_states(reads) != reads:
            return None  # a module the extraction imported from outside the source changed
        return entry

    def put(
        self, source: SchemaSource, fingerprint: str, document: Any, reads: Iterable[str] = ()
    ) -> None:
        """Store a document atomically; a failure to write is logged, never raised."""
        entry = {
            "format": CACHE_FORMAT,
            "plating": __version__,
            "source": source.description,
            "fingerprint": fingerprint,
            "document": document,
            "reads": file_states(reads),
        }
        data = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode("utf-8")
        path = self.path_for(source)
        try:
            self.policy.call(
                lambda: self._write(path, data),
                what=f"writing {path}",
                is_transient=is_transient_error,
            )
        except (OSError, PlatingError) as exc:
            _LOG.warning(
                "%s: schema cache not written (%s); the next run extracts again", path, exc
            )

    def _write(self, path: Path, data: bytes) -> None:
        refuse_links(self.directory, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._mark_directory()
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _mark_directory(self) -> None:
        mark_cache_directory(self.directory)

    def forget(self, source: SchemaSource) -> None:
        """Remove one source's cache file (when there is one and it can be removed)."""
        path = self.path_for(source)
        try:
            refuse_links(self.directory, path)
            path.unlink(missing_ok=True)
        except OSError as exc:
            _LOG.warning("%s: stale schema cache not removed (%s)", path, exc)

    def clear(self) -> None:
        """Remove every cached schema."""
        if self.schemas_dir.is_dir():
            for entry in self.schemas_dir.glob("*.json"):
                entry.unlink(missing_ok=True)
