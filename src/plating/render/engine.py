"""Render a plan of pages: default pages, bundle templates, guides and static copies."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.bundles.conventional import TextFiles, conventional_examples, conventional_imports
from plating.bundles.model import BoundTemplate, Bundle
from plating.errors import PlatingError, RenderError
from plating.ownership import mark_static
from plating.pages import PAGE_SUFFIXES, RenderedPage
from plating.plan import PageJob
from plating.render.context import PageContext, component_context
from plating.render.default_page import Naming, fence, render_default_page
from plating.render.env import TemplateEnvironment
from plating.render.fit import REGISTRY_PAGE_LIMIT, DedupeMode, fit_page
from plating.render.frontmatter import add_marker, render_front_matter, split_front_matter
from plating.render.index_listing import set_subcategory
from plating.render.page_budget import BoundExceeded, nested_call
from plating.render.plaintext import markdown_to_plaintext
from plating.render.schema_md import schema_warnings
from plating.schema.kinds import ComponentType
from plating.schema.model import Component

if TYPE_CHECKING:
    from plating.tfplugindocs.render import GoPageRenderer


class PageRenderer:
    """Renders pages of one provider. Thread-safe: Jinja templates are, and state is per call."""

    def __init__(
        self,
        naming: Naming,
        examples_root: Path,
        env: TemplateEnvironment | None = None,
        texts: TextFiles | None = None,
        dedupe_nested: DedupeMode = "auto",
        project_root: Path | None = None,
        mark_template_pages: bool = True,
    ):
        self.naming = naming
        #: Static copies and Go-template pages get plating's marker (see PlatingContext).
        self.mark_template_pages = mark_template_pages
        #: What a page that reaches the Registry's limit gets (:mod:`plating.render.fit`).
        self.dedupe_nested: DedupeMode = dedupe_nested
        self.examples_root = examples_root
        self.env = env or TemplateEnvironment()
        # Templates, partials and examples are read once even when several pages use them.
        self.texts = texts or TextFiles()
        # tfplugindocs' codefile/tffile read paths relative to the project root.
        self.project_root = project_root or examples_root.parent
        self._go: GoPageRenderer | None = None
        self._go_lock = threading.Lock()

    def _marked(self, relpath: str, data: bytes) -> bytes:
        """A page of ``templates/`` with plating's marker (a front-matter line, else a
        first-line comment), which lets a later run remove it once its source is gone."""
        return mark_static(relpath, data) if self.mark_template_pages else data

    def go_renderer(self) -> GoPageRenderer:
        """The renderer of tfplugindocs Go templates (made on first use)."""
        with self._go_lock:
            if self._go is None:
                from plating.tfplugindocs.data import Names
                from plating.tfplugindocs.render import GoPageRenderer

                names = Names(self.naming.given_name, self.naming.rendered_name)
                self._go = GoPageRenderer(
                    self.project_root,
                    self.examples_root,
                    names,
                    self.texts.read,
                    # Pages without plating's marker are tfplugindocs' bytes (generate).
                    exact=not self.mark_template_pages,
                )
            return self._go

    def render(self, job: PageJob) -> RenderedPage:
        """Render one page; errors name the page's source."""
        if job.static is not None:
            try:
                data = job.static.read_bytes()
            except OSError as exc:
                raise RenderError(f"{job.static}: cannot read: {exc.strerror or exc}") from exc
            if job.relpath.endswith(PAGE_SUFFIXES):  # a page, not an image or a download
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    line = data[: exc.start].count(b"\n") + 1
                    raise RenderError(
                        f"{job.static}:{line}: not UTF-8 text (byte offset {exc.start}); "
                        "save the page as UTF-8"
                    ) from exc
            return RenderedPage(job.relpath, self._marked(job.relpath, data), static=True)
        if job.go_template is not None:
            return self._render_go(job)
        skipped: list[str] = []  # example files not read: linked out of the examples folder
        component = job.component
        if job.guide is not None:
            bundle, path = job.guide
            content = finish(self._render_guide(bundle, path)).encode("utf-8")
        else:
            content = self._render_component(job, self.dedupe_nested == "always", skipped)
        warnings = skipped  # and notes of the template's example() calls
        content, full_size = self._fit(
            job, content, lambda dedupe: self._render_component(job, dedupe, []), warnings
        )
        if component is not None and component.block is not None:
            label = f"{component.kind.display_name.lower()} {component.name}"
            warnings += [f"{label}: {w}" for w in schema_warnings(component.block)]
        return RenderedPage(job.relpath, content, warnings=tuple(warnings), full_size=full_size)

    def _render_component(self, job: PageJob, dedupe: bool, skipped: list[str]) -> bytes:
        """A component page, from its bundle template or the default layout; ``dedupe``
        writes repeated nested schemas once."""
        assert job.component is not None
        if job.template is not None:
            text = self._render_template(
                job.component, job.template, job.subcategory, job.listing, skipped, dedupe=dedupe
            )
        else:
            text = self._render_default(job.component, job.subcategory, skipped, dedupe=dedupe)
            if job.listing:
                text = text.rstrip("\n") + "\n\n" + job.listing
            # tfplugindocs' bytes (generate): an example's CRLF stays, as its tffile keeps it.
            return finish(text, exact=not self.mark_template_pages).encode("utf-8")
        return finish(text).encode("utf-8")

    def _render_go(self, job: PageJob) -> RenderedPage:
        """A page from a tfplugindocs Go template; ``.SchemaMarkdown`` as the mode asks."""
        assert job.go_template is not None
        go, template, component = self.go_renderer(), job.go_template, job.component
        text, reads = go.render(template, component, dedupe=self.dedupe_nested == "always")
        warnings: list[str] = []

        def page(text: str) -> bytes:
            # What the template renders, as tfplugindocs writes it (with the marker, when
            # plating owns the page by marker rather than by path): the bytes sized.
            return self._marked(job.relpath, text.encode("utf-8"))

        content, full_size = self._fit(
            job,
            page(text),
            lambda dedupe: page(go.render(template, component, dedupe=dedupe)[0]),
            warnings,
        )
        return RenderedPage(
            job.relpath,
            content,
            static=True,
            warnings=tuple(warnings),
            full_size=full_size,
            reads=reads,
        )

    def _fit(
        self,
        job: PageJob,
        content: bytes,
        render: Callable[[bool], bytes],
        warnings: list[str],
    ) -> tuple[bytes, int | None]:
        """The bytes to write of a component page, and its size with every nested schema
        written out when it reached the Registry's limit that way (per ``dedupe_nested``;
        ``render(dedupe)`` renders it again). Other pages pass through untouched."""
        component = job.component
        if component is None or len(content) < REGISTRY_PAGE_LIMIT:
            return content, None
        fitted = fit_page(
            job.relpath,
            f"{component.kind.display_name.lower()} {component.name}",
            content,
            render,
            self.dedupe_nested,
            component.block,
        )
        if fitted.warning is not None:
            warnings.append(fitted.warning)
        return fitted.content, fitted.full_size

    def _render_default(
        self, component: Component, subcategory: str, skipped: list[str], *, dedupe: bool
    ) -> str:
        exact = not self.mark_template_pages
        examples = conventional_examples(self.examples_root, component, skipped, exact=exact)
        imports = conventional_imports(self.examples_root, component, skipped, exact=exact)
        try:
            return render_default_page(
                component, self.naming, examples, imports, subcategory, dedupe=dedupe
            )
        except RenderError as exc:
            label = f"{component.kind.display_name.lower()} {component.name}"
            raise RenderError(f"{label}: {exc}") from exc

    def _render_template(
        self,
        component: Component,
        bound: BoundTemplate,
        subcategory: str,
        listing: str = "",
        warnings: list[str] | None = None,
        *,
        dedupe: bool = False,
    ) -> str:
        bundle = bound.bundle
        read = self.texts.read
        examples = {name: read(p).strip() for name, p in bundle.examples.items()}
        what = f"{component.kind.display_name.lower()} {component.name}"
        try:
            context = component_context(
                component, self.naming.short_name, examples, subcategory, listing, dedupe=dedupe
            )
        except RenderError as exc:  # the schema section cannot be built: name the page
            raise RenderError(f"{bound.template}: {what}: {exc}") from exc
        text = self._run(
            bundle,
            bound.template,
            context,
            what,
            own_names=_own_names(component, self.naming.short_name),
            single=bound.bundle_components <= 1,
            warnings=warnings,
        )
        body, _rest = split_front_matter(text)
        if body is not None and not read(bound.template).startswith("---"):
            body = None  # only the template's own text opens front matter, never a description
        if body is None:
            front = render_front_matter(
                f"{component.name} {component.kind.display_name} - {self.naming.rendered_name}",
                markdown_to_plaintext(component.summary).strip(),
                None if component.kind is ComponentType.PROVIDER else subcategory,
            )
            text = front + "\n" + text.lstrip("\n")
        elif component.kind is not ComponentType.PROVIDER:
            text = set_subcategory(text, subcategory)
        return text

    def _render_guide(self, bundle: Bundle, path: Path) -> str:
        examples = {name: self.texts.read(p).strip() for name, p in bundle.examples.items()}
        context = PageContext(
            name=path.name.split(".", 1)[0],
            component_type="Guide",
            provider_name=self.naming.short_name,
            examples=examples,
        )
        return self._run(bundle, path, context, f"guide {context.name}", own_names=(), single=True)

    def _run(
        self,
        bundle: Bundle,
        template: Path,
        context: PageContext,
        what: str,
        own_names: tuple[str, ...],
        single: bool,
        warnings: list[str] | None = None,
    ) -> str:
        variables: dict[str, Any] = context.variables()
        read = self.texts.read

        def example(name: str) -> str:
            path = _pick_example(bundle, template, str(name), own_names)
            text = read(path)
            if path.name.startswith("example.") and not single and warnings is not None:
                other = _names_another_component(text, own_names)
                if other is not None:
                    warnings.append(
                        f"{template}: {what}: example('example') shows {path}, which is "
                        f"{other}'s example (the bundle documents several components); add "
                        f"{bundle.root / 'examples' / (own_names[0] + path.suffix)} for this "
                        "component"
                    )
            return fence("terraform", text)

        def schema() -> str:
            return context.schema_markdown

        def include(file: str) -> str:
            return read(_partial(bundle, template, str(file)))

        def render(file: str) -> str:
            partial = _partial(bundle, template, str(file))
            try:
                with nested_call(f"render({file!r})", "a partial renders itself"):
                    return self.env.render(partial, variables, what, read(partial))
            except BoundExceeded as exc:  # raised here, not in a template: name the page's
                raise RenderError(f"{template}: {what}: {exc}") from None

        functions: dict[str, Callable[..., str]] = {
            "example": example,
            "schema": schema,
            "include": include,
            "render": render,
        }
        variables.update(functions)
        return self.env.render(template, variables, what, read(template))


def finish(text: str, *, exact: bool = False) -> str:
    """Marker line in the front matter, LF endings (unless ``exact``), exactly one final
    newline."""
    return add_marker(text if exact else text.replace("\r\n", "\n")).rstrip() + "\n"


def _own_names(component: Component, short: str) -> tuple[str, ...]:
    name = component.name
    trimmed = name.removeprefix(f"{short}_")
    return (name, trimmed) if trimmed != name else (name,)


def _pick_example(bundle: Bundle, template: Path, name: str, own_names: tuple[str, ...]) -> Path:
    """The example file a template asked for: the component's own file wins for
    ``example``, else the bundle's ``examples/example.tf``."""
    if name == "example":
        for own in own_names:
            if own in bundle.examples:
                return bundle.examples[own]
    if name in bundle.examples:
        return bundle.examples[name]
    if name in bundle.linked_examples:
        raise RenderError(
            f"{template}: example({name!r}): {bundle.linked_examples[name]} is a symbolic "
            "link, and plating reads no bundle example through a link; copy the file in"
        )
    available = ", ".join(sorted(bundle.examples)) or "none"
    raise RenderError(
        f"{template}: example({name!r}) names no example of this component; "
        f"add {bundle.root / 'examples' / (name + '.tf')} (available: {available})"
    )


# Where an example names a component: a block's type, or a provider function's call.
_NAMED_COMPONENT = re.compile(
    r"""^\s*(?:resource|data|ephemeral|action|list)\s+"([A-Za-z0-9_]+)"|provider::[A-Za-z0-9_]+::([A-Za-z0-9_]+)""",
    re.MULTILINE,
)


def _names_another_component(text: str, own_names: tuple[str, ...]) -> str | None:
    """The component an example is about when that is not this one: the first it names,
    unless it names this one anywhere."""
    named = [m.group(1) or m.group(2) for m in _NAMED_COMPONENT.finditer(text)]
    if not named or any(n in own_names for n in named):
        return None
    return named[0]


def _partial(bundle: Bundle, template: Path, file: str) -> Path:
    candidates = [file, f"_{file}", f"{file}.md", f"_{file}.md"]
    for candidate in candidates:
        if candidate in bundle.partials:
            return bundle.partials[candidate]
    available = ", ".join(sorted(bundle.partials)) or "none"
    raise RenderError(
        f"{template}: no partial {file!r} in {bundle.root / 'docs'} (partials are docs/_*.md; "
        f"available: {available})"
    )


ProgressCallback = Callable[[int, int], None]  # (pages done, pages in all)


async def render_pages(
    renderer: PageRenderer,
    jobs: Sequence[PageJob],
    concurrency: int = 2,
    progress: ProgressCallback | None = None,
) -> tuple[list[RenderedPage], list[PlatingError]]:
    """Render every job with ``concurrency`` workers, collecting every error.

    With two or more workers and enough pages, a forked second process renders every
    other page on the other core (:mod:`plating.render.forked`). Pages in flight are also
    capped process-wide (:data:`plating.limits.PAGES`), so several ``Plating`` instances
    running at once stay within the strictest limit.
    """
    from plating.limits import PAGES
    from plating.render import forked

    loop = asyncio.get_running_loop()
    results: list[RenderedPage | PlatingError | None] = [None] * len(jobs)
    lock = threading.Lock()
    done = 0

    def render_one(index: int) -> RenderedPage | PlatingError:
        try:
            return renderer.render(jobs[index])
        except PlatingError as exc:
            return exc

    def count(pages: int) -> None:
        nonlocal done
        with lock:
            before, done = done, done + pages
            finished = done
        if progress is not None and (finished // 64 != before // 64 or finished == len(jobs)):
            loop.call_soon_threadsafe(progress, finished, len(jobs))

    workers = max(1, min(concurrency, len(jobs)))
    mine: Sequence[int] = range(len(jobs))
    child = None
    if forked.available(len(jobs), workers):
        child = forked.start(render_one, range(1, len(jobs), 2))
        if child is not None:
            mine = range(0, len(jobs), 2)
            workers -= 1  # the child is one of the workers
    next_index = iter(mine)

    def work() -> None:
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            with PAGES.page(concurrency):
                results[index] = render_one(index)
            count(1)

    def collect_child() -> None:
        if child is None:
            return
        with PAGES.page(concurrency):  # the child renders one page at a time
            received = child.collect(count)
        for index, outcome in received.items():
            results[index] = outcome

    try:
        await asyncio.gather(
            loop.run_in_executor(None, collect_child),
            *(loop.run_in_executor(None, work) for _ in range(workers)),
        )
    finally:
        if child is not None:
            child.reap()
    if child is not None and None in results:  # the child ended early: render the rest here
        next_index = iter([i for i in range(len(jobs)) if results[i] is None])
        await loop.run_in_executor(None, work)
    pages = [r for r in results if isinstance(r, RenderedPage)]
    errors = [r for r in results if isinstance(r, PlatingError)]
    return pages, errors


class AsyncTemplateEngine:
    """Renders bundle templates from async code, reusing compiled templates across calls."""

    def __init__(self, naming: Naming, examples_root: Path) -> None:
        self.renderer = PageRenderer(naming, examples_root)

    async def render(self, bundle: BoundTemplate, context: Component) -> str:
        """Render ``bundle``'s template for the component ``context``."""
        job = PageJob(relpath="", component=context, template=bundle)
        loop = asyncio.get_running_loop()
        page = await loop.run_in_executor(None, self.renderer.render, job)
        return page.content.decode("utf-8")
