"""Every page of a provider rendered in memory, and re-rendered when an input changes.

A :class:`Site` is ``plate`` without the writer: the same discovery, plan and renderer
produce the pages, which stay in memory. :meth:`Site.update` takes the paths that changed
(a template, an example, a guide, the schema file, ``pyproject.toml``) and re-renders only
the pages those inputs affect. The preview server (``plating serve``) is a view over it.

Which pages an input affects: a page's plan entry names its sources (its static file, its
bundle, its conventional examples folder), so a changed file re-renders the pages whose
sources hold it; the plan itself is rebuilt on every update (cheap: no rendering), and
every page whose plan entry differs (a new bundle, a changed subcategory, the provider
page's component listing) is re-rendered too. A change the plan cannot attribute, inside
an input folder, re-renders every page: correct first, fast where it can be.

Hand-written pages in the docs folder (no marker line) are part of the site as the
Registry would see it: ``plate`` keeps them, so they win over a generated page at their
path.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from plating.errors import PlatingError
from plating.pages import PAGE_SUFFIXES
from plating.stages import ProviderStages

if TYPE_CHECKING:
    from plating.plan import PageJob
    from plating.render.engine import PageRenderer
    from plating.schema.model import ProviderSchema


#: What builds the site's pages: :class:`plating.api.Plating`, as ``Site[Plating]``.
StagesT = TypeVar("StagesT", bound=ProviderStages)


@dataclass(frozen=True, slots=True)
class SiteUpdate:
    """What one :meth:`Site.update` changed, by docs-relative path."""

    changed: tuple[str, ...] = ()  # new pages and pages whose bytes (or error) changed
    removed: tuple[str, ...] = ()
    rendered: int = 0  # pages rendered for this update (changed or not)
    reloaded: bool = False  # the schema or the settings were read again
    problems_changed: bool = False  # a failure of the whole site appeared or went away

    @property
    def any(self) -> bool:
        """True when what the site shows changed: a page, or a site-wide problem."""
        return bool(self.changed or self.removed or self.problems_changed)


@dataclass
class Site(Generic[StagesT]):
    """The pages of one provider in memory (see the module docstring).

    ``pages`` maps docs-relative paths to bytes; a page whose render failed has no bytes
    but an entry in ``errors``. ``problems`` are failures of the whole plan (a bundle
    error), ``warnings`` what ``plate`` would warn about.
    """

    plating: StagesT
    #: Builds a fresh provider when the settings or the schema changed
    #: (:meth:`plating.api.Plating.render_site` gives the same context again, so the schema
    #: is read anew).
    reload: Callable[[], StagesT]
    pages: dict[str, bytes] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    hand_written: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    short_name: str = ""
    _jobs: dict[str, PageJob] = field(default_factory=dict)
    _generated: dict[str, bytes] = field(default_factory=dict)  # rendered pages
    _failed: dict[str, str] = field(default_factory=dict)  # render errors by page
    _reads: dict[str, tuple[str, ...]] = field(default_factory=dict)  # files pages read
    _unowned: dict[str, bytes] = field(default_factory=dict)  # docs pages not plating's
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    #: After the first build, renders stay in this process: forking the second render
    #: process is safe only while no other thread (a server's) may hold a lock.
    _built: bool = False
    #: The last reload failed (settings that cannot be used): every update tries again, so
    #: the problem stays shown until a save fixes it, never replaced by the old settings.
    _reload_pending: bool = False

    @property
    def docs_dir(self) -> Path:
        """The docs folder whose hand-written pages join the site."""
        return self.plating.context.docs_dir.resolve()

    def relpaths(self) -> list[str]:
        """Every page of the site, rendered or failed, sorted."""
        return sorted({*self.pages, *self.errors})

    def sources(self, relpath: str) -> list[Path]:
        """The input files and folders a page is made from (empty when unknown)."""
        if relpath in self.hand_written:
            return [self.docs_dir / relpath]
        job = self._jobs.get(relpath)
        if job is None:
            return []
        inputs = job_inputs(job, self.plating.context.examples_root)
        return inputs + [Path(p) for p in self._reads.get(relpath, ())]

    def input_roots(self) -> list[Path]:
        """Folders and files whose changes can change a page: what a watcher watches."""
        ctx = self.plating.context
        roots = [ctx.root, ctx.examples_root, ctx.templates_root, ctx.guides_root, self.docs_dir]
        if ctx.schema_path is not None:
            roots.append(self._schema_file())
        with contextlib.suppress(PlatingError):  # no schema source: no package folders
            roots.extend(self.plating.source().bundle_roots())
        return roots

    async def build(self) -> None:
        """Plan and render every page (the first time, or after a reload)."""
        async with self._lock:
            await self._build()

    async def update(self, paths: Iterable[Path]) -> SiteUpdate:
        """Re-render the pages the changed ``paths`` affect; see the module docstring."""
        # Absolute but not resolved: the watcher reports paths as the project spells them.
        changed_paths = [Path(os.path.abspath(p)) for p in paths]  # noqa: PTH100
        async with self._lock:
            before_pages, before_errors = dict(self.pages), dict(self.errors)
            before_problems = list(self.problems)
            ctx = self.plating.context
            settings = ctx.root / "pyproject.toml"
            schema_file = self._schema_file() if ctx.schema_path is not None else None
            reload = self._reload_pending or any(
                p in (settings, schema_file) for p in changed_paths
            )
            try:
                rendered = await self._apply(changed_paths, reload)
            except PlatingError as exc:
                # A schema or settings file saved half-way, say: the last good pages stay,
                # with the problem above them, until the next save fixes it.
                self.problems = [str(exc)]
                rendered = 0
            return _difference(
                before_pages,
                before_errors,
                self,
                rendered,
                reloaded=reload,
                problems_changed=self.problems != before_problems,
            )

    async def _apply(self, changed_paths: list[Path], reload: bool) -> int:
        if reload:
            self._reload_pending = True
            self.plating = self.reload()
            self._reload_pending = False
            return await self._build()
        docs = self.docs_dir
        in_docs = [p for p in changed_paths if p.is_relative_to(docs)]
        inputs = [p for p in changed_paths if not p.is_relative_to(docs)]
        rendered = 0
        if inputs:
            rendered = await self._rerender(inputs)
        if in_docs:
            self._scan_docs()
            self._overlay_hand_written()
        return rendered

    def _schema_file(self) -> Path:
        ctx = self.plating.context
        assert ctx.schema_path is not None
        path = ctx.schema_path if ctx.schema_path.is_absolute() else ctx.root / ctx.schema_path
        return Path(os.path.abspath(path))  # noqa: PTH100 (as the watcher spells it)

    async def _build(self) -> int:
        schema = await self.plating.schema()
        self.short_name = schema.short_name
        jobs = self._plan(schema)
        self._generated.clear()
        self._failed.clear()
        rendered = await self._render(schema, list(jobs.values()))
        self._jobs = jobs
        self._scan_docs()
        self._overlay_hand_written()
        return rendered

    def _plan(self, schema: ProviderSchema) -> dict[str, PageJob]:
        """The plan of every page; a plan failure becomes a site problem and no pages."""
        self.problems = []
        try:
            found = self.plating.discover(schema, self.docs_dir)
            # The kinds plate would document (all, unless the settings name some).
            kinds = self.plating.context.component_types
            jobs = self.plating.plan_pages(schema, found, kinds, include_guides=kinds is None)
        except PlatingError as exc:
            self.problems.append(str(exc))
            return {}
        self.warnings = list(found.warnings)
        return {job.relpath: job for job in jobs}

    def _renderer(self, schema: ProviderSchema) -> PageRenderer:
        from plating.bundles.conventional import TextFiles

        # A new TextFiles per render: files are read again, so edits are seen.
        return self.plating.page_renderer(schema, TextFiles())

    async def _render(self, schema: ProviderSchema, jobs: list[PageJob]) -> int:
        """Render ``jobs`` into ``_generated``/``errors``; a few pages run in one thread,
        many through the same parallel renderer as ``plate``."""
        from plating.render.engine import render_pages

        renderer = self._renderer(schema)
        for job in jobs:
            self._generated.pop(job.relpath, None)
            self._failed.pop(job.relpath, None)
        if len(jobs) < 64:

            def render_few() -> None:
                for job in jobs:
                    try:
                        page = renderer.render(job)
                        self._generated[job.relpath] = page.content
                        self._reads[job.relpath] = page.reads
                    except PlatingError as exc:
                        self._failed[job.relpath] = str(exc)

            await asyncio.get_running_loop().run_in_executor(None, render_few)
            self._built = True
            return len(jobs)
        workers = 1 if self._built else self.plating.context.concurrency
        self._built = True
        pages, errors = await render_pages(renderer, jobs, workers)
        for page in pages:
            self._generated[page.relpath] = page.content
            self._reads[page.relpath] = page.reads
        # render_pages keeps the jobs' order in both lists: the jobs without a page are the
        # failed ones, in the order of their errors.
        done = {page.relpath for page in pages}
        failed = [job.relpath for job in jobs if job.relpath not in done]
        for relpath, error in zip(failed, errors, strict=True):
            self._failed[relpath] = str(error)
        return len(jobs)

    async def _rerender(self, paths: list[Path]) -> int:
        schema = await self.plating.schema()
        old_jobs = self._jobs
        jobs = self._plan(schema)
        examples_root = self.plating.context.examples_root
        affected: list[PageJob] = []
        claimed: set[Path] = set()
        # Plain string prefixes: this loop runs over every page on every edit.
        changed = [(p, str(p)) for p in paths]
        for relpath, job in jobs.items():
            inputs = [str(i) for i in job_inputs(job, examples_root)]
            inputs += self._reads.get(relpath, ())  # files a Go template read (tffile, ...)
            touched = [p for p, s in changed if any(_inside(s, i) for i in inputs)]
            claimed.update(touched)
            if touched or old_jobs.get(relpath) != job:
                affected.append(job)
        for relpath in set(old_jobs) - set(jobs):
            self._generated.pop(relpath, None)
            self._failed.pop(relpath, None)
        unclaimed = [p for p in paths if p not in claimed and self._is_input(p)]
        if unclaimed:
            affected = list(jobs.values())
        self._jobs = jobs
        rendered = await self._render(schema, affected)
        self._overlay_hand_written()
        return rendered

    def _is_input(self, path: Path) -> bool:
        """True when ``path`` lies where page sources live (a change there must show)."""
        ctx = self.plating.context
        roots = [ctx.examples_root, ctx.templates_root, ctx.guides_root]
        return any(path.is_relative_to(r) for r in roots) or any(
            part.endswith(".plating") for part in path.parts
        )

    def _scan_docs(self) -> None:
        """The docs folder's pages that are not plating's (no marker): read on a build and
        when the folder changes, not on every edit of an input."""
        from plating.ownership import owned_file

        found: dict[str, bytes] = {}
        docs = self.docs_dir
        if docs.is_dir() and not docs.is_symlink():
            for folder, dirnames, filenames in os.walk(docs):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    path = Path(folder, name)
                    if name.startswith(".") or not name.endswith(PAGE_SUFFIXES):
                        continue
                    if path.is_symlink() or owned_file(path):
                        continue
                    try:
                        found[path.relative_to(docs).as_posix()] = path.read_bytes()
                    except OSError:
                        continue
        self._unowned = found

    def _overlay_hand_written(self) -> None:
        """The site's pages as ``plate`` would leave the docs folder: the rendered pages,
        with the hand-written ones it keeps over them. Its writer replaces whatever is at
        the path of a static copy or a Go template's page (the project's own file names
        it), and keeps an unmarked file at any other planned path, or at no planned path."""
        pages = dict(self._generated)
        errors = dict(self._failed)
        hand_written: set[str] = set()
        for relpath, data in self._unowned.items():
            job = self._jobs.get(relpath)
            if job is not None and (job.static is not None or job.go_template is not None):
                continue
            pages[relpath] = data
            hand_written.add(relpath)
            errors.pop(relpath, None)
        # Published whole, never changed in place: the server's threads read them meanwhile.
        self.pages, self.errors, self.hand_written = pages, errors, hand_written


def job_inputs(job: PageJob, examples_root: Path) -> list[Path]:
    """The files and folders a planned page is made from."""
    from plating.bundles.conventional import example_dir

    if job.static is not None:
        return [job.static]
    if job.guide is not None:
        bundle, path = job.guide
        return [bundle.root, path]
    inputs: list[Path] = []
    if job.go_template is not None:  # a tfplugindocs template (the files it read: Site)
        inputs.append(job.go_template)
    elif job.template is not None:
        inputs += [job.template.bundle.root, job.template.template]
    if job.component is not None:
        inputs.append(example_dir(examples_root, job.component))
    return inputs


def _inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or below it (both absolute, as strings)."""
    return path == folder or (path.startswith(folder) and path[len(folder)] == os.sep)


def _difference(
    pages: dict[str, bytes],
    errors: dict[str, str],
    site: Site[StagesT],
    rendered: int,
    *,
    reloaded: bool = False,
    problems_changed: bool = False,
) -> SiteUpdate:
    now = set(site.pages) | set(site.errors)
    before = set(pages) | set(errors)
    changed = sorted(
        relpath
        for relpath in now
        if pages.get(relpath) != site.pages.get(relpath)
        or errors.get(relpath) != site.errors.get(relpath)
    )
    removed = tuple(sorted(before - now))
    return SiteUpdate(tuple(changed), removed, rendered, reloaded, problems_changed)
