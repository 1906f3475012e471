"""``Plating``: the async library API. The CLI is a thin shell over it."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plating.config import PlatingContext
from plating.errors import PlatingError, UsageError
from plating.metrics import Metrics
from plating.results import AdornResult, PlateResult
from plating.schema.kinds import ComponentType

# Rendering pieces (Jinja2, the Markdown converter) are imported where they are used, so
# that the no-change fast path and `plating --version` stay quick.
if TYPE_CHECKING:
    from plating.bundles.conventional import StaticPages, TextFiles
    from plating.bundles.model import BoundTemplate, Bundle
    from plating.inventory import Inventory
    from plating.listing import FolderListing
    from plating.pages import RenderedPage
    from plating.plan import PageJob
    from plating.render.default_page import Naming
    from plating.render.engine import PageRenderer, ProgressCallback
    from plating.render.env import TemplateEnvironment
    from plating.runnable import RunnableReport
    from plating.schema.model import ProviderSchema
    from plating.schema.select import Selection
    from plating.schema.sources import SchemaSource
    from plating.site import Site
    from plating.tfplugindocs.world import GoTemplates
    from plating.validate.config import ValidateConfig
    from plating.validate.findings import ValidationResult


_LOG = logging.getLogger(__name__)


def _no_go_templates() -> GoTemplates:
    from plating.tfplugindocs.world import GoTemplates

    return GoTemplates()


@dataclass
class _PlateRun:
    """What one :meth:`Plating.plate` call carries from its fast path into the full run."""

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


@dataclass(frozen=True)
class Discovery:
    """What discovery found for one schema: bundles and what they document."""

    bundles: list[Bundle]
    bound: dict[tuple[ComponentType, str], BoundTemplate]
    static: StaticPages
    subcategories: dict[tuple[ComponentType, str], str]
    warnings: list[str]
    go: GoTemplates = field(default_factory=lambda: _no_go_templates())


class Plating:
    """Documentation of one provider: ``await Plating(ctx).plate()``.

    The schema is loaded once per instance and reused by later calls.
    """

    def __init__(self, context: PlatingContext, package_name: str | None = None) -> None:
        # PlatingContext.log_level sets how much plating's own logger lets through.
        logging.getLogger("plating").setLevel(context.log_level.upper())
        if context.read_settings:
            # As the CLI: PLATING_* and pyproject.toml fill what the caller left out.
            from plating.project import read_project_settings

            context = read_project_settings(context, package_name)
        self.context = context
        self.package_name = package_name
        self._schema: ProviderSchema | None = None
        self._selection: Selection | None = None  # what exclude / ignore_deprecated left out
        self._full_schema: ProviderSchema | None = None  # before the selection
        self._schema_lock = asyncio.Lock()
        self._env: TemplateEnvironment | None = None
        self._source: SchemaSource | None = None
        # The source's fingerprint the schema was loaded for, and the files outside the
        # source its extraction read (a new fingerprint loads the schema again).
        self._schema_fingerprint: str | None = None
        self._schema_reads: tuple[str, ...] = ()
        # The source's own warnings (pyvider's), repeated on every run from the schema cache.
        self._schema_warnings: list[str] = []
        # The package discovery chose (None: none found), with and without the environment.
        self._discovered: dict[str, str | None] = {}

    async def schema(self) -> ProviderSchema:
        """The provider schema: loaded on first use, then reused while its source is
        unchanged (an instance that lives across edits loads it again)."""
        return await self._schema_for(None)

    async def _schema_for(self, fingerprint: str | None) -> ProviderSchema:
        """The schema of the source as ``fingerprint`` (computed when None) identifies it."""
        loop = asyncio.get_running_loop()
        async with self._schema_lock:
            if self._schema is not None and fingerprint is None:
                fingerprint = await loop.run_in_executor(None, self.source().fingerprint)
            if self._schema is None or fingerprint != self._schema_fingerprint:
                self._schema = await loop.run_in_executor(None, self._load_schema, fingerprint)
            return self._schema

    def source(self) -> SchemaSource:
        """The schema source this instance reads, chosen once: a pyvider package
        (``package_name``; served to ``terraform_binary`` when that is given), else the
        ``schema_path`` file, else ``terraform``/``tofu`` run for ``provider_source``."""
        if self._source is None:
            self._source = self._choose_source()
        return self._source

    def pyvider_package(self, *, environment: bool = True) -> str | None:
        """The pyvider package documented: ``package_name`` (argument or context), else,
        when no schema source at all is given, the one that discovery finds: the project's
        ``[project.entry-points.pyvider]`` / ``[tool.pyvider] component_packages``, else
        (``environment``) the environment's ``pyvider`` entry points. See
        :mod:`plating.schema.sources.pyvider_discovery`."""
        ctx = self.context
        given = self.package_name or ctx.package_name
        if given is not None or ctx.schema_path is not None or ctx.provider_source is not None:
            return given
        from plating.schema.sources.pyvider_discovery import discover_package

        key = "environment" if environment else "project"
        if key not in self._discovered:
            found = discover_package(ctx.root, environment=environment)
            if found is not None:
                _LOG.info("schema source: pyvider package %s (%s)", found.package, found.origin)
            self._discovered[key] = found.package if found else None
        return self._discovered[key]

    def _choose_source(self) -> SchemaSource:
        ctx = self.context
        package = self.pyvider_package()
        if package is not None and ctx.schema_path is not None:
            raise UsageError.naming_options(
                lambda o: (
                    f"{o('package_name')} and {o('schema_path')} name two schema sources; pass one"
                )
            )
        if package is not None:
            if ctx.terraform_binary is not None:
                from plating.schema.sources.binary import BinarySource

                return BinarySource(
                    ctx.provider_source,
                    ctx.terraform_binary,
                    pyvider_package=package,
                    provider_name=ctx.provider_name,
                    policy=ctx.retry_policy,
                )
            from plating.schema.sources.pyvider import PyviderSource

            return PyviderSource(package, fallback_provider_name=ctx.provider_name)
        if ctx.schema_path is not None:
            from plating.schema.sources.json_file import JsonFileSource

            return JsonFileSource(ctx.schema_path)
        if ctx.provider_source is not None:
            from plating.schema.sources.binary import BinarySource

            return BinarySource(ctx.provider_source, ctx.terraform_binary, policy=ctx.retry_policy)
        raise UsageError.naming_options(
            lambda o: (
                f"no schema source: pass {o('schema_path')} FILE (output of `terraform "
                f"providers schema -json`), {o('package_name')} PACKAGE (a pyvider provider "
                f"package) or {o('provider_source')} ADDRESS (read with terraform/tofu); no "
                "pyvider package is declared in the project's pyproject.toml "
                "([project.entry-points.pyvider], [tool.pyvider] component_packages) or "
                "registered in this environment"
            )
        )

    def _load_schema(self, fingerprint: str | None) -> ProviderSchema:
        from plating.schema.cache import load_schema
        from plating.schema.parse import parse_source_document
        from plating.schema.select import select

        source = self.source()
        fingerprint = fingerprint or source.fingerprint()
        loaded = load_schema(source, self.context, fingerprint)
        schema = parse_source_document(loaded.document, self.context.provider_name, source)
        self._selection = select(schema, self.context.exclude, self.context.ignore_deprecated)
        self._full_schema = schema  # examples may use what exclude leaves undocumented
        self._schema_fingerprint, self._schema_reads = fingerprint, loaded.reads
        self._schema_warnings = list(loaded.warnings)
        return self._selection.schema

    def naming(self, schema: ProviderSchema) -> Naming:
        """How the provider is named on pages."""
        from plating.render.default_page import Naming

        given = self.context.provider_name or schema.short_name
        return Naming(schema.short_name, given, self.context.rendered_provider_name)

    def _all_bundles(self, output_dir: Path, listing: FolderListing | None = None) -> list[Bundle]:
        """Bundles of the project and the source, and the project-level guides folder."""
        from plating.bundles.discover import find_bundles, project_guides

        ctx = self.context
        roots = [ctx.root, *self.source().bundle_roots()]
        bundles = find_bundles(roots, skip=[output_dir, *ctx.other_roots], listing=listing)
        guides = project_guides(ctx.guides_root)
        return [*bundles, guides] if guides is not None else bundles

    def discover_bundles(self) -> list[Bundle]:
        """Every ``.plating`` bundle of the project and the source (output folder skipped)."""
        from plating.bundles.discover import find_bundles

        ctx = self.context
        return find_bundles(
            [ctx.root, *self.source().bundle_roots()], skip=[ctx.docs_dir, *ctx.other_roots]
        )

    def _discover(
        self,
        schema: ProviderSchema,
        output_dir: Path,
        texts: TextFiles | None = None,
        listing: FolderListing | None = None,
    ) -> Discovery:
        """Bundles, the templates they bind, static pages and subcategories (pure reads;
        ``texts`` keeps the templates read for the render, ``listing`` the folders read)."""
        from plating.bundles.conventional import find_static_pages, keep_registry_pages
        from plating.bundles.discover import bind_templates
        from plating.plan import page_path, resolve_subcategories
        from plating.tfplugindocs.world import GoTemplates

        bundles = self._all_bundles(output_dir, listing)
        selection = self._selection
        left_out = selection.left_out if selection is not None else {}
        bound, warnings = bind_templates(bundles, schema, left_out=left_out)
        from plating.schema.sources.pyvider import PyviderSource, test_mode_hint

        if warnings and isinstance(self.source(), PyviderSource):
            warnings = [test_mode_hint(w) for w in warnings]
        warnings += [w for bundle in bundles for w in bundle.link_warnings()]
        if selection is not None:
            warnings = [*selection.warnings(), *warnings]
        # tfplugindocs copies every static page and renders a deprecated component's own
        # template under ignore_deprecated: only excluded components lose theirs.
        excluded = selection.excluded if selection is not None else frozenset()
        static = find_static_pages(self.context.templates_root, schema, excluded)
        go = GoTemplates()
        if static.go_templates:
            from plating.schema.model import short_provider_name
            from plating.tfplugindocs.world import find_go_templates

            given = self.context.provider_name
            short = short_provider_name(given) if given else schema.short_name
            lookup = selection.templates_schema if selection is not None else None
            go = find_go_templates(
                self.context.templates_root, lookup or schema, short, excluded=excluded
            )
        static, legacy_warnings = keep_registry_pages(static, schema, output_dir, page_path, go=go)
        warnings = [*warnings, *legacy_warnings]
        subcategories = resolve_subcategories(
            schema, bound, self.context.subcategories, texts.read if texts else None
        )
        return Discovery(bundles, bound, static, subcategories, warnings, go)

    def plan_pages(
        self,
        schema: ProviderSchema,
        found: Discovery,
        kinds: Iterable[ComponentType] | None = None,
        *,
        include_guides: bool = True,
    ) -> list[PageJob]:
        """The plan of pages from a discovery: one place for ``plate`` and the in-memory
        :class:`~plating.site.Site` (the preview), so both always plan the same pages."""
        from plating.plan import build_plan

        return build_plan(
            schema,
            list(ComponentType) if kinds is None else list(kinds),
            found.bound,
            found.static,
            found.bundles,
            subcategories=found.subcategories,
            include_guides=include_guides,
            go=found.go,
        )

    def page_renderer(self, schema: ProviderSchema, texts: TextFiles) -> PageRenderer:
        """The renderer of this provider's pages: one place for ``plate`` and the in-memory
        :class:`~plating.site.Site`, so both render the same bytes. ``texts`` reads each
        input once (a new one sees edited files)."""
        from plating.render.engine import PageRenderer
        from plating.render.env import TemplateEnvironment

        ctx = self.context
        if self._env is None:
            # Compiled templates are cached per user, never in the project (see env.py).
            self._env = TemplateEnvironment(cache_compiled=ctx.use_schema_cache)
        return PageRenderer(
            self.naming(schema),
            ctx.examples_root,
            self._env,
            texts,
            ctx.dedupe_nested,
            project_root=ctx.root,
            mark_template_pages=ctx.mark_template_pages,
        )

    def _stamp_digest(
        self,
        output_dir: Path,
        kinds: list[ComponentType] | None,
        listing: FolderListing,
        take_over: bool,
    ) -> tuple[str, str]:
        """Digest of every input of a plate run (see :mod:`plating.stamp`), and the schema
        source's fingerprint it includes."""
        from plating.stamp import input_digest

        ctx = self.context
        source = self.source()
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

    async def plate(
        self,
        output_dir: Path | None = None,
        component_types: Iterable[ComponentType] | None = None,
        *,
        check: bool = False,
        diff: bool = False,
        progress: ProgressCallback | None = None,
        take_over: bool = False,
    ) -> PlateResult:
        """Render every page and write those that changed.

        ``check`` writes nothing and reports what would be created, changed or removed;
        with ``diff`` it also fills ``result.diffs`` with a short unified diff per page.
        ``take_over`` replaces the page at every planned path even when it does not carry
        plating's marker (``plate --adopt``, and tfplugindocs' ``generate``;
        ``result.taken_over`` lists them), where a plain run keeps such pages as hand-written
        (``result.kept``).

        Content problems (a template error, an unknown example) are returned in
        ``result.errors`` and nothing is written; unusable input raises :class:`PlatingError`.
        """
        started = time.perf_counter()
        ctx = self.context
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
            digest, fingerprint = await loop.run_in_executor(
                None, self._stamp_digest, out, None if all_kinds else kinds, listing, take_over
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
            return self._finish(result, started)

        from plating.limits import member_slot

        run = _PlateRun(
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
            return await self._plate_pages(run)

    async def _plate_pages(self, run: _PlateRun) -> PlateResult:
        """Schema, discovery, render and write of :meth:`plate` (one provider at a time)."""
        from plating import stamp

        out, kinds, result, metrics, started = (
            run.out,
            run.kinds,
            run.result,
            run.metrics,
            run.started,
        )
        all_kinds, check, diff, progress = run.all_kinds, run.check, run.diff, run.progress
        digest, stamp_file = run.digest, run.stamp_file
        ctx = self.context
        loop = asyncio.get_running_loop()
        with metrics.phase("schema"):
            schema = await self._schema_for(run.fingerprint)
        result.warnings.extend(self._schema_warnings)

        with metrics.phase("discovery"):
            from plating.bundles.conventional import TextFiles

            texts = TextFiles()
            try:
                found = await loop.run_in_executor(
                    None, self._discover, schema, out, texts, run.listing
                )
                jobs = self.plan_pages(schema, found, kinds, include_guides=all_kinds)
            except PlatingError as exc:
                result.errors.append(str(exc))
                return self._finish(result, started)
        result.warnings.extend(found.warnings)
        result.bundles_processed = len(found.bundles)
        metrics.count("bundles", len(found.bundles))

        with metrics.phase("render"):
            from plating.render.engine import render_pages

            renderer = self.page_renderer(schema, texts)
            pages, errors = await render_pages(renderer, jobs, ctx.concurrency, progress)
        metrics.count("pages_rendered", len(pages))
        _record_oversized(result, pages, errors)
        # Once each: a warning about a shared input (a linked examples folder) comes with
        # every page that reads it.
        result.warnings.extend(dict.fromkeys(w for page in pages for w in page.warnings))
        if errors:
            # Once each: a broken template shared by many pages fails each of them alike.
            result.errors.extend(sorted({_describe(e, out) for e in errors}))
            return self._finish(result, started)

        with metrics.phase("write"):
            from plating.ownership import Scope
            from plating.write import WriteReport, write_pages

            scope = Scope(None if all_kinds else kinds)
            relpaths = [p.relpath for p in pages]
            taken = frozenset(relpaths) if run.take_over else frozenset()
            # Files the pages were made from beyond the digest's: read by templates
            # (codefile, tffile) and imported by a pyvider schema from outside its package.
            reads = sorted({*(path for p in pages for path in p.reads), *self._schema_reads})
            # Without markers on template pages (tfplugindocs' generate), the pages of the
            # last run are plating's too: those no longer planned go, as tfplugindocs' do.
            # Otherwise every page plating writes says so itself, and no record is needed.
            written_before = (
                frozenset() if ctx.mark_template_pages else stamp.last_pages(stamp_file)
            )

            def save_stamp(written: WriteReport) -> None:
                # Still under the output lock: no other run can write between these pages
                # and the record that says they are this run's. It records what this run
                # reports, so that a run it answers reports the same.
                warnings = [*result.warnings, *(_kept_warning(out, k) for k in written.kept)]
                replay = stamp.Replay(relpaths, warnings, written.kept)
                stamp.save(stamp_file, digest, out, scope, replay, reads)

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
        return self._finish(result, started)

    async def render_site(self) -> Site:
        """Every page rendered in memory, nothing written: a :class:`plating.site.Site`
        whose ``await site.update(paths)`` re-renders only the pages those inputs affect."""
        from plating.site import Site

        site = Site(self)
        await site.build()
        return site

    async def adorn(
        self,
        component_types: Iterable[ComponentType] | None = None,
        *,
        dry_run: bool = False,
        bundles_dir: Path | None = None,
    ) -> AdornResult:
        """Create a bundle (page template and first example) for every component of the
        selected kinds without docs of its own: no bundle template, no static page, no
        conventional examples or import files, no Go template. Existing files are never
        touched; a second run creates nothing. ``dry_run`` lists the files and writes
        nothing."""
        from plating.adorn.run import (
            DEFAULT_BUNDLES_DIR,
            bundle_dir_for,
            check_inside,
            create_new,
            planned_files,
        )
        from plating.bundles.conventional import has_conventional_docs

        started = time.perf_counter()
        ctx = self.context
        result = AdornResult(dry_run=dry_run)
        schema = await self.schema()
        source = self.source()
        found = self._discover(schema, ctx.docs_dir)
        if component_types is None:
            component_types = ctx.component_types
        selected = set(component_types) if component_types is not None else set(ComponentType)
        pending = []
        for component in schema.all_components():
            if component.kind not in selected:
                continue
            result.components_processed += 1
            key = (component.kind, component.name)
            if (
                key in found.bound
                or key in found.static.covered
                or has_conventional_docs(
                    component, schema.short_name, ctx.examples_root, ctx.templates_root
                )
            ):
                result.skipped += 1
            else:
                pending.append(component)
        if not pending:
            result.duration_seconds = time.perf_counter() - started
            return result
        # A pyvider package takes new bundles beside its modules: only a source checkout may.
        modules: dict[tuple[ComponentType, str], Path] = {}
        allowed = [ctx.root]
        from plating.schema.sources.pyvider import PyviderSource

        if isinstance(source, PyviderSource):
            allowed += source.writable_dirs()
            modules = source.component_modules()
        root = bundles_dir or ctx.bundles_dir or ctx.root / DEFAULT_BUNDLES_DIR
        if any(modules.get((c.kind, c.name)) is None for c in pending):
            self._check_bundles_found(root)
        naming = self.naming(schema)
        for component in pending:
            key = (component.kind, component.name)
            try:
                module = modules.get(key)
                bundle = bundle_dir_for(component, schema.short_name, root, module)
                for new in planned_files(component, naming, bundle):
                    check_inside(new.path, allowed)
                    if new.path.exists():
                        result.skipped += 1
                        continue
                    if not dry_run and not create_new(new.path, new.content):
                        result.skipped += 1
                        continue
                    result.created_files.append(new.path)
                    if new.kind == "template":
                        result.templates_generated += 1
                    else:
                        result.examples_created += 1
            except PlatingError as exc:
                result.errors.append(str(exc))
        result.duration_seconds = time.perf_counter() - started
        return result

    def _check_bundles_found(self, folder: Path) -> None:
        """Refuse a bundles folder that ``plate`` would never search (under ``build/``,
        ``dist/``, ``site/``, a virtual environment, the docs folder, ...): bundles made
        there would document nothing."""
        from plating.bundles.discover import unsearched

        ctx = self.context
        if not Path(os.path.normpath(folder.absolute())).is_relative_to(ctx.root):
            return  # outside the project: refused for each file as it is planned
        skip = [ctx.docs_dir, *ctx.other_roots]
        hidden = unsearched(folder, [ctx.root, *self.source().bundle_roots()], skip)
        if hidden is not None:
            raise UsageError(
                f"{folder}: the bundles folder lies in {hidden}, a folder plate never "
                "searches for bundles; bundles made there would document nothing. Choose "
                "another --bundles-dir (default: <project root>/plating)"
            )

    async def write_mkdocs_nav(
        self,
        output_dir: Path | None = None,
        *,
        kept: list[str] | None = None,
        dry_run: bool = False,
    ) -> bool:
        """Write the docs' navigation into ``<project root>/mkdocs.yml`` (plating's section of
        ``nav`` only); True when the file changed (with ``dry_run``: would change; nothing is
        written). Pages the user's nav already lists stay where they are and are not added
        again (``kept`` receives their paths)."""
        from plating.mkdocs_nav import write_mkdocs_nav

        ctx = self.context
        out = (output_dir if output_dir is not None else ctx.docs_dir).resolve()
        schema = await self.schema()
        site = f"{self.naming(schema).index_title_name} Provider"
        return write_mkdocs_nav(
            ctx.root / "mkdocs.yml", out, site_name=site, kept=kept, dry_run=dry_run
        )

    async def generate_examples(
        self, out_dir: Path | None = None, *, dry_run: bool = False
    ) -> RunnableReport:
        """Compile bundle examples into runnable folders (``<project root>/runnable-examples``
        unless ``out_dir`` is given): ``<kind>/<name>/`` per component and ``groups/<group>/``
        per grouped example. ``dry_run`` writes nothing and reports what a run would do."""
        from plating.runnable import DEFAULT_FOLDER, compile_runnable_examples

        ctx = self.context
        schema = await self.schema()
        bundles = self._all_bundles(ctx.docs_dir)
        source = ctx.provider_source or schema.address.removeprefix("registry.terraform.io/")
        target = out_dir if out_dir is not None else ctx.root / DEFAULT_FOLDER
        return compile_runnable_examples(bundles, schema, source, target, dry_run=dry_run)

    async def inventory(self, output_dir: Path | None = None) -> Inventory:
        """Components by kind, where their docs come from, and the pages on disk."""
        from plating.inventory import take_inventory

        ctx = self.context
        out = (output_dir if output_dir is not None else ctx.docs_dir).resolve()
        schema = await self.schema()
        found = await asyncio.get_running_loop().run_in_executor(None, self._discover, schema, out)
        return take_inventory(
            schema,
            self.source().description,
            found.bundles,
            found.bound,
            found.static,
            ctx.examples_root,
            out,
            [*self._schema_warnings, *found.warnings],
        )

    async def validate(
        self,
        output_dir: Path | None = None,
        *,
        terraform: bool = False,
        allowed_subcategories: list[str] | None = None,
        allowed_guide_subcategories: list[str] | None = None,
        config: ValidateConfig | None = None,
    ) -> ValidationResult:
        """Check the docs tree, its bundles and examples (see :mod:`plating.validate`).

        ``config`` defaults to ``[tool.plating.validate]`` of the project's pyproject.toml;
        allow-lists given here win over it. Without a schema source the schema-dependent
        checks are listed in ``result.skipped``. Unusable input raises :class:`PlatingError`.
        """
        from plating.validate.runner import ValidateOptions, validate_project

        ctx = self.context
        if not ctx.root.is_dir():
            raise UsageError(f"{ctx.root}: the project root is not a folder")
        settings = config if config is not None else self._validate_config()
        settings = settings.with_allowed(allowed_subcategories, allowed_guide_subcategories)
        # The project's own declared package, never a guess from the environment: checking
        # a docs tree against another provider's schema would report every page.
        package = self.pyvider_package(environment=False)
        has_source = any(s is not None for s in (package, ctx.schema_path, ctx.provider_source))
        schema = await self.schema() if has_source else None
        options = ValidateOptions(
            project_root=ctx.root,
            docs_dir=(output_dir if output_dir is not None else ctx.docs_dir).resolve(),
            examples_dir=ctx.examples_root,
            config=settings,
            provider_name=ctx.provider_name,
            terraform=terraform,
            terraform_binary=ctx.terraform_binary,
            package_name=package,
            bundle_roots=tuple(self.source().bundle_roots()) if has_source else (),
            skip_dirs=ctx.other_roots,
        )
        # Examples are checked against every component: one an example uses may be left
        # out of the docs by exclude or ignore_deprecated, and still exist.
        every = self._full_schema if schema is not None else None
        return await asyncio.get_running_loop().run_in_executor(
            None, validate_project, options, schema, every
        )

    def _validate_config(self) -> ValidateConfig:
        """``[tool.plating.validate]`` as the settings read it (a monorepo provider's own
        table over the root's), else the project root's ``pyproject.toml``."""
        from plating.validate.config import load_validate_config, parse_validate_table

        ctx = self.context
        if ctx.validate_table is None:
            return load_validate_config(ctx.root)
        where = ctx.settings_file or ctx.root / "pyproject.toml"
        return parse_validate_table(ctx.validate_table, str(where), base=where.parent)

    @staticmethod
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
