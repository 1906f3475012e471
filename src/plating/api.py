"""``Plating``: the async library API. The CLI is a thin shell over it.

:class:`Plating` holds what one provider's runs share (its settings, its schema source, the
schema once loaded, the template environment) and hands each command to the stage that does
the work: :mod:`plating.schema.sources.choose` (which source), :mod:`plating.schema.load`
(the schema and its selection), :mod:`plating.discovery` (bundles, templates, static pages),
:mod:`plating.plan`, :mod:`plating.plate_run` (stamp, render, write), :mod:`plating.adorn.run`
and :mod:`plating.validate.runner`. The stages of ``plate`` and of the in-memory site ask of
it only what :class:`plating.stages.ProviderStages` names, so they never import this module.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from plating.config import PlatingContext
from plating.errors import UsageError
from plating.results import AdornResult, PlateResult
from plating.schema.kinds import ComponentType

# Rendering pieces (Jinja2, the Markdown converter) are imported where they are used, so
# that the no-change fast path and `plating --version` stay quick.
if TYPE_CHECKING:
    from plating.bundles.conventional import TextFiles
    from plating.bundles.model import Bundle
    from plating.discovery import Discovery
    from plating.inventory import Inventory
    from plating.listing import FolderListing
    from plating.plan import PageJob
    from plating.render.default_page import Naming
    from plating.render.engine import PageRenderer, ProgressCallback
    from plating.render.env import TemplateEnvironment
    from plating.runnable import RunnableReport
    from plating.schema.load import SelectedSchema
    from plating.schema.model import ProviderSchema
    from plating.schema.sources import SchemaSource
    from plating.schema.sources.pyvider_discovery import FoundPackage
    from plating.site import Site
    from plating.validate.config import ValidateConfig
    from plating.validate.findings import ValidationResult


_LOG = logging.getLogger(__name__)


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
        # The schema as last loaded, with its selection, fingerprint, reads and warnings
        # (a new fingerprint loads it again).
        self._loaded: SelectedSchema | None = None
        self._schema_lock = asyncio.Lock()
        self._env: TemplateEnvironment | None = None
        self._source: SchemaSource | None = None
        # The package discovery chose (None: none found), with and without the environment.
        self._discovered: dict[str, FoundPackage | None] = {}

    async def schema(self) -> ProviderSchema:
        """The provider schema: loaded on first use, then reused while its source is
        unchanged (an instance that lives across edits loads it again)."""
        return (await self.selected_schema()).schema

    async def selected_schema(self, fingerprint: str | None = None) -> SelectedSchema:
        """The schema with what ``exclude``/``ignore_deprecated`` left out of it, and what
        its load read and warned about: loaded again when the source's fingerprint is not
        the one it was loaded for, or a file its extraction read changed (``fingerprint``:
        the source's, computed when None)."""
        loop = asyncio.get_running_loop()
        async with self._schema_lock:
            loaded = self._loaded
            if loaded is not None and fingerprint is None:
                fingerprint = await loop.run_in_executor(None, self.source().fingerprint)
            if loaded is None or fingerprint is None or not loaded.current(fingerprint):
                from plating.schema.load import load_selected

                loaded = await loop.run_in_executor(
                    None, load_selected, self.source(), self.context, fingerprint
                )
                self._loaded = loaded
            return loaded

    def source(self) -> SchemaSource:
        """The schema source this instance reads, chosen once: a pyvider package
        (``package_name``; served to ``terraform_binary`` when that is given), else the
        ``schema_path`` file, else ``terraform``/``tofu`` run for ``provider_source``."""
        if self._source is None:
            from plating.schema.sources.choose import choose_source

            package = self.pyvider_package()
            found = self._discovered.get("environment")
            declared = found if found is not None and found.package == package else None
            self._source = choose_source(self.context, package, declared)
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
            self._discovered[key] = found
        chosen = self._discovered[key]
        return chosen.package if chosen is not None else None

    def naming(self, schema: ProviderSchema) -> Naming:
        """How the provider is named on pages."""
        from plating.render.default_page import Naming

        given = self.context.provider_name or schema.short_name
        return Naming(schema.short_name, given, self.context.rendered_provider_name)

    def discover_bundles(self) -> list[Bundle]:
        """Every ``.plating`` bundle of the project and the source (output folder skipped)."""
        from plating.bundles.discover import find_bundles

        ctx = self.context
        return find_bundles(
            [ctx.root, *self.source().bundle_roots()], skip=[ctx.docs_dir, *ctx.other_roots]
        )

    def discover(
        self,
        schema: ProviderSchema,
        output_dir: Path,
        texts: TextFiles | None = None,
        listing: FolderListing | None = None,
    ) -> Discovery:
        """Bundles, the templates they bind, static pages and subcategories of the loaded
        ``schema`` (pure reads; ``texts`` keeps the templates read for the render,
        ``listing`` the folders read): one place for ``plate``, ``adorn``, ``info`` and the
        in-memory :class:`~plating.site.Site`."""
        from plating.discovery import discover

        selection = self._loaded.selection if self._loaded is not None else None
        return discover(self.context, self.source(), schema, selection, output_dir, texts, listing)

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
        from plating.plate_run import run_plate

        return await run_plate(
            self,
            output_dir,
            component_types,
            check=check,
            diff=diff,
            progress=progress,
            take_over=take_over,
        )

    async def render_site(self) -> Site[Plating]:
        """Every page rendered in memory, nothing written: a :class:`plating.site.Site`
        whose ``await site.update(paths)`` re-renders only the pages those inputs affect."""
        from plating.site import Site

        # A changed schema or pyproject.toml: the same context again, read anew.
        site = Site(self, reload=partial(Plating, self.context, self.package_name))
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
        from plating.adorn.run import adorn_missing

        started = time.perf_counter()
        schema = await self.schema()
        source = self.source()
        found = self.discover(schema, self.context.docs_dir)
        result = adorn_missing(
            self.context,
            source,
            schema,
            found,
            self.naming(schema),
            component_types,
            dry_run=dry_run,
            bundles_dir=bundles_dir,
        )
        result.duration_seconds = time.perf_counter() - started
        return result

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
        from plating.discovery import all_bundles
        from plating.runnable import DEFAULT_FOLDER, compile_runnable_examples

        ctx = self.context
        schema = await self.schema()
        bundles = all_bundles(ctx, self.source(), ctx.docs_dir)
        source = ctx.provider_source or schema.address.removeprefix("registry.terraform.io/")
        target = out_dir if out_dir is not None else ctx.root / DEFAULT_FOLDER
        return compile_runnable_examples(bundles, schema, source, target, dry_run=dry_run)

    async def inventory(self, output_dir: Path | None = None) -> Inventory:
        """Components by kind, where their docs come from, and the pages on disk."""
        from plating.inventory import take_inventory

        ctx = self.context
        out = (output_dir if output_dir is not None else ctx.docs_dir).resolve()
        loaded = await self.selected_schema()
        schema = loaded.schema
        found = await asyncio.get_running_loop().run_in_executor(None, self.discover, schema, out)
        return take_inventory(
            schema,
            self.source().description,
            found.bundles,
            found.bound,
            found.static,
            ctx.examples_root,
            out,
            [*loaded.warnings, *found.warnings],
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
        from plating.validate.config import context_validate_config
        from plating.validate.runner import ValidateOptions, validate_project

        ctx = self.context
        if not ctx.root.is_dir():
            raise UsageError(f"{ctx.root}: the project root is not a folder")
        settings = config if config is not None else context_validate_config(ctx)
        settings = settings.with_allowed(allowed_subcategories, allowed_guide_subcategories)
        # The project's own declared package, never a guess from the environment: checking
        # a docs tree against another provider's schema would report every page.
        package = self.pyvider_package(environment=False)
        has_source = any(s is not None for s in (package, ctx.schema_path, ctx.provider_source))
        loaded = await self.selected_schema() if has_source else None
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
        schema = loaded.schema if loaded is not None else None
        # Examples are checked against every component: one an example uses may be left
        # out of the docs by exclude or ignore_deprecated, and still exist.
        every = loaded.full if loaded is not None else None
        return await asyncio.get_running_loop().run_in_executor(
            None, validate_project, options, schema, every
        )
