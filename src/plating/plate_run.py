"""One ``plate`` run: the stamp's fast path, then schema, discovery, plan, render and write.

:meth:`plating.api.Plating.plate` is the public entry; this module holds the stages it runs.
Rendering pieces (Jinja2, the Markdown converter) are imported where they are used, so that
the no-change fast path stays quick.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plating.errors import PlatingError
from plating.metrics import Metrics
from plating.results import PlateResult
from plating.schema.kinds import ComponentType

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.listing import FolderListing
    from plating.pages import RenderedPage
    from plating.render.engine import ProgressCallback
    from plating.schema.sources import SchemaSource
    from plating.stages import ProviderStages


_LOG = logging.getLogger(__name__)


@dataclass
class _PlateRun:
    """What one run carries from its fast path into the full run."""

    plating: ProviderStages
    out: Path
    kinds: list[ComponentType]
    all_kinds: bool
    check: bool
    diff: bool
    progress: ProgressCallback | None
    result: PlateResult
    metrics: Metrics
    digest: str
    stamp_file: Path
    started: float
    listing: FolderListing  # folders the stamp's walk read, for bundle discovery
    fingerprint: str  # the schema source's, as the digest took it
    take_over: bool  # replace unmarked pages at planned paths


def stamp_digest(
    context: PlatingContext,
    source: SchemaSource,
    output_dir: Path,
    kinds: list[ComponentType] | None,
    listing: FolderListing,
    take_over: bool,
) -> tuple[str, str]:
    """Digest of every input of a plate run (see :mod:`plating.stamp`), and the schema
    source's fingerprint it includes."""
    from plating.stamp import input_digest

    ctx = context
    options = {
        "provider_name": ctx.provider_name,
        "rendered": ctx.rendered_provider_name,
        "kinds": None if kinds is None else [k.value for k in kinds],
        "output": str(output_dir),
        "subcategories": list(ctx.subcategories),
        "exclude": list(ctx.exclude),
        "ignore_deprecated": ctx.ignore_deprecated,
        "dedupe_nested": ctx.dedupe_nested,
        "source": source.description,
        "take_over": take_over,
        "mark_template_pages": ctx.mark_template_pages,
        "inputs": [str(p) for p in (ctx.examples_root, ctx.templates_root, ctx.guides_root)],
        "other_roots": [str(p) for p in ctx.other_roots],
    }
    from plating.schema.sources.pyvider import PyviderSource

    # A pyvider package's fingerprint already covers every file of the package,
    # its bundles included: walking them again would only cost time.
    extra = [] if isinstance(source, PyviderSource) else source.bundle_roots()
    fingerprint = source.fingerprint(listing)
    digest = input_digest(
        options,
        fingerprint,
        [ctx.root, *extra],
        [ctx.examples_root, ctx.templates_root, ctx.guides_root],
        skip=[output_dir, *ctx.other_roots],
    )
    return digest, fingerprint


async def run_plate(
    plating: ProviderStages,
    output_dir: Path | None,
    component_types: Iterable[ComponentType] | None,
    *,
    check: bool,
    diff: bool,
    progress: ProgressCallback | None,
    take_over: bool,
) -> PlateResult:
    """:meth:`plating.api.Plating.plate` (see there): answered from the stamp when nothing
    changed, else a full run in the provider's member slot."""
    started = time.perf_counter()
    ctx = plating.context
    requested = output_dir if output_dir is not None else ctx.docs_dir
    if requested.is_symlink():
        from plating.errors import WriteError

        raise WriteError.naming_options(
            lambda o: (
                f"{requested}: the output folder is a symbolic link; plating does "
                f"not write through links (give the real path with {o('output_dir')})"
            )
        )
    out = requested.resolve()
    if component_types is None and ctx.component_types is not None:
        component_types = ctx.component_types
    kinds = list(component_types) if component_types is not None else list(ComponentType)
    all_kinds = component_types is None
    result = PlateResult(output_dir=out)
    metrics = Metrics(phases=result.timings)
    loop = asyncio.get_running_loop()

    from plating import stamp
    from plating.listing import FolderListing

    listing = FolderListing()
    stamp_file = stamp.stamp_path(ctx.schema_cache_dir, out)
    with metrics.phase("stamp"):
        selected = None if all_kinds else kinds
        digest, fingerprint = await loop.run_in_executor(
            None,
            lambda: stamp_digest(ctx, plating.source(), out, selected, listing, take_over),
        )
        # Nothing changed since the last successful run: nothing to parse or render.
        # --check always looks (CI has no stamp; it must never need one), and without
        # the schema cache no cache at all is trusted.
        use_stamp = not check and ctx.use_schema_cache
        replay = stamp.matches(stamp.load(stamp_file), digest, out) if use_stamp else None
    if replay is not None:
        result.files_unchanged = len(replay.pages) - len(replay.kept)
        kept = set(replay.kept)
        result.output_files = [out / p for p in replay.pages if p not in kept]
        result.kept = list(replay.kept)
        result.warnings = list(replay.warnings)
        metrics.count("pages_unchanged", result.files_unchanged)
        return _finish(result, started)

    from plating.limits import member_slot

    run = _PlateRun(
        plating,
        out,
        kinds,
        all_kinds,
        check,
        diff,
        progress,
        result,
        metrics,
        digest,
        stamp_file,
        started,
        listing,
        fingerprint,
        take_over,
    )
    async with member_slot():
        return await _plate_pages(run)


async def _plate_pages(run: _PlateRun) -> PlateResult:
    """Schema, discovery, render and write of a run (one provider at a time)."""
    from plating import stamp

    plating = run.plating
    out, kinds, result, metrics, started = (
        run.out,
        run.kinds,
        run.result,
        run.metrics,
        run.started,
    )
    all_kinds, check, diff, progress = run.all_kinds, run.check, run.diff, run.progress
    digest, stamp_file = run.digest, run.stamp_file
    ctx = plating.context
    loop = asyncio.get_running_loop()
    with metrics.phase("schema"):
        loaded = await plating.selected_schema(run.fingerprint)
        schema = loaded.schema
    result.warnings.extend(loaded.warnings)

    with metrics.phase("discovery"):
        from plating.bundles.conventional import TextFiles

        texts = TextFiles()
        try:
            found = await loop.run_in_executor(
                None, plating.discover, schema, out, texts, run.listing
            )
            jobs = plating.plan_pages(schema, found, kinds, include_guides=all_kinds)
        except PlatingError as exc:
            result.errors.append(str(exc))
            return _finish(result, started)
    result.warnings.extend(found.warnings)
    result.bundles_processed = len(found.bundles)
    metrics.count("bundles", len(found.bundles))

    with metrics.phase("render"):
        from plating.render.engine import render_pages

        renderer = plating.page_renderer(schema, texts)
        pages, errors = await render_pages(renderer, jobs, ctx.concurrency, progress)
    metrics.count("pages_rendered", len(pages))
    _record_oversized(result, pages, errors)
    # Once each: a warning about a shared input (a linked examples folder) comes with
    # every page that reads it.
    result.warnings.extend(dict.fromkeys(w for page in pages for w in page.warnings))
    if errors:
        # Once each: a broken template shared by many pages fails each of them alike.
        result.errors.extend(sorted({_describe(e, out) for e in errors}))
        return _finish(result, started)

    with metrics.phase("write"):
        from plating.ownership import Scope
        from plating.write import WriteReport, write_pages

        scope = Scope(None if all_kinds else kinds)
        relpaths = [p.relpath for p in pages]
        taken = frozenset(relpaths) if run.take_over else frozenset()
        # Files the pages were made from beyond the digest's: read by templates
        # (codefile, tffile) and imported by a pyvider schema from outside its package.
        reads = sorted({*(path for p in pages for path in p.reads), *loaded.reads})
        # Without markers on template pages (tfplugindocs' generate), the pages of the
        # last run are plating's too: those no longer planned go, as tfplugindocs' do.
        # Otherwise every page plating writes says so itself, and no record is needed.
        written_before = frozenset() if ctx.mark_template_pages else stamp.last_pages(stamp_file)

        def save_stamp(written: WriteReport) -> None:
            # Still under the output lock: no other run can write between these pages
            # and the record that says they are this run's. It records what this run
            # reports, so that a run it answers reports the same.
            warnings = [*result.warnings, *(_kept_warning(out, k) for k in written.kept)]
            replay = stamp.Replay(relpaths, warnings, written.kept)
            stamp.save(stamp_file, digest, out, scope, replay, reads, written.observed)

        report = await loop.run_in_executor(
            None,
            lambda: write_pages(
                out,
                pages,
                scope,
                check=check,
                after_write=None if check else save_stamp,
                take_over=taken,
                written_before=written_before,
            ),
        )
    result.created, result.changed = report.created, report.changed
    result.written = report.written
    result.removed, result.kept = report.removed, report.kept
    result.taken_over = report.taken_over
    result.files_generated = len(report.written)
    result.files_unchanged = len(report.unchanged)
    result.files_removed = len(report.removed)
    metrics.count("pages_written", result.files_generated)
    metrics.count("pages_unchanged", result.files_unchanged)
    metrics.count("pages_removed", result.files_removed)
    result.output_files = [out / p.relpath for p in pages if p.relpath not in report.kept]
    if check and diff:
        from plating.drift import page_diff

        content = {p.relpath: p.content for p in pages}
        for relpath in [*report.written, *report.removed]:
            result.diffs[relpath] = page_diff(out, relpath, content.get(relpath))
    result.warnings.extend(_kept_warning(out, k) for k in report.kept)
    _LOG.info(
        "%s: %d pages, %d written, %d unchanged, %d removed",
        out,
        len(pages),
        result.files_generated,
        result.files_unchanged,
        result.files_removed,
    )
    return _finish(result, started)


def _finish(result: PlateResult, started: float) -> PlateResult:
    result.duration_seconds = time.perf_counter() - started
    return result


def _record_oversized(
    result: PlateResult, pages: list[RenderedPage], errors: list[PlatingError]
) -> None:
    """Pages that reached the Registry's limit as tfplugindocs shapes them, with the size
    each got (see :mod:`plating.render.fit`)."""
    from plating.errors import PageTooLargeError

    for page in pages:
        if page.full_size is not None:
            result.oversized[page.relpath] = (page.full_size, len(page.content))
    for error in errors:
        if isinstance(error, PageTooLargeError):
            result.oversized[error.relpath] = (error.full_size, error.size)


def _describe(error: PlatingError, out: Path) -> str:
    """An error's message; a page that is too large is named by its path in ``out``."""
    from plating.errors import PageTooLargeError

    if isinstance(error, PageTooLargeError):
        return error.describe(str(out / error.relpath))
    return str(error)


def _kept_warning(out: Path, relpath: str) -> str:
    return (
        f"{out / relpath}: hand-written page kept; plating does not overwrite a page without "
        "its marker line (delete it, or run `plating plate --adopt` once to take it over)"
    )
