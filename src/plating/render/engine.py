"""Render a plan of pages: default pages, bundle templates, guides and static copies."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plating.bundles.conventional import conventional_examples, conventional_imports, read_text
from plating.bundles.model import BoundTemplate, Bundle
from plating.errors import PlatingError, RenderError
from plating.pages import RenderedPage
from plating.plan import PageJob
from plating.render.context import PageContext, component_context
from plating.render.default_page import Naming, fence, render_default_page
from plating.render.env import MAX_RENDER_DEPTH, TemplateEnvironment
from plating.render.frontmatter import add_marker, render_front_matter, split_front_matter
from plating.render.index_listing import set_subcategory
from plating.render.plaintext import markdown_to_plaintext
from plating.render.schema_md import schema_warnings
from plating.schema.kinds import ComponentType
from plating.schema.model import Component




class PageRenderer:
    """Renders pages of one provider. Thread-safe: Jinja templates are, and state is per call."""

    def __init__(self, naming: Naming, examples_root: Path, env: TemplateEnvironment | None = None):
        self.naming = naming
        self.examples_root = examples_root
        self.env = env or TemplateEnvironment()

    def render(self, job: PageJob) -> RenderedPage:
        """Render one page; errors name the page's source."""
        if job.static is not None:
            try:
                data = job.static.read_bytes()
            except OSError as exc:
                raise RenderError(f"{job.static}: cannot read: {exc.strerror or exc}") from exc
            return RenderedPage(job.relpath, data, generated=False)
        if job.guide is not None:
            bundle, path = job.guide
            text = self._render_guide(bundle, path)
        else:
            assert job.component is not None
            if job.template is not None:
                text = self._render_template(
                    job.component, job.template, job.subcategory, job.listing
                )
            else:
                text = self._render_default(job.component, job.subcategory)
                if job.listing:
                    text = text.rstrip("\n") + "\n\n" + job.listing
        warnings: tuple[str, ...] = ()
        component = job.component
        if component is not None and component.block is not None:
            label = f"{component.kind.display_name.lower()} {component.name}"
            warnings = tuple(f"{label}: {w}" for w in schema_warnings(component.block))
        return RenderedPage(job.relpath, finish(text).encode("utf-8"), warnings=warnings)

    def _render_default(self, component: Component, subcategory: str) -> str:
        examples = conventional_examples(self.examples_root, component)
        imports = conventional_imports(self.examples_root, component)
        try:
            return render_default_page(component, self.naming, examples, imports, subcategory)
        except RenderError as exc:
            label = f"{component.kind.display_name.lower()} {component.name}"
            raise RenderError(f"{label}: {exc}") from exc

    def _render_template(
        self, component: Component, bound: BoundTemplate, subcategory: str, listing: str = ""
    ) -> str:
        bundle = bound.bundle
        examples = {name: read_text(p).strip() for name, p in bundle.examples.items()}
        context = component_context(
            component, self.naming.short_name, examples, subcategory, listing
        )
        what = f"{component.kind.display_name.lower()} {component.name}"
        text = self._run(
            bundle,
            bound.template,
            context,
            what,
            own_names=_own_names(component, self.naming.short_name),
            single=bound.bundle_components <= 1,
        )
        body, _rest = split_front_matter(text)
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
        examples = {name: read_text(p).strip() for name, p in bundle.examples.items()}
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
    ) -> str:
        variables: dict[str, Any] = context.variables()
        depth = [0]

        def example(name: str) -> str:
            return fence("terraform", _pick_example(bundle, template, str(name), own_names, single))

        def schema() -> str:
            return context.schema_markdown

        def include(file: str) -> str:
            return read_text(_partial(bundle, template, str(file)))

        def render(file: str) -> str:
            if depth[0] >= MAX_RENDER_DEPTH:
                raise RenderError(
                    f"{template}: {what}: render({file!r}) nested {MAX_RENDER_DEPTH} levels deep; "
                    "a partial renders itself"
                )
            depth[0] += 1
            try:
                return self.env.render(_partial(bundle, template, str(file)), variables, what)
            finally:
                depth[0] -= 1

        functions: dict[str, Callable[..., str]] = {
            "example": example,
            "schema": schema,
            "include": include,
            "render": render,
        }
        variables.update(functions)
        return self.env.render(template, variables, what)


def finish(text: str) -> str:
    """Marker line in the front matter, LF endings, exactly one final newline."""
    return add_marker(text.replace("\r\n", "\n")).rstrip() + "\n"


def _own_names(component: Component, short: str) -> tuple[str, ...]:
    name = component.name
    trimmed = name.removeprefix(f"{short}_")
    return (name, trimmed) if trimmed != name else (name,)


def _pick_example(
    bundle: Bundle, template: Path, name: str, own_names: tuple[str, ...], single: bool
) -> str:
    """The example a template asked for: the component's own file wins for ``example``."""
    if name == "example":
        for own in own_names:
            if own in bundle.examples:
                return read_text(bundle.examples[own])
        if "example" in bundle.examples and single:
            return read_text(bundle.examples["example"])
    elif name in bundle.examples:
        return read_text(bundle.examples[name])
    available = ", ".join(sorted(bundle.examples)) or "none"
    raise RenderError(
        f"{template}: example({name!r}) names no example of this component; "
        f"add {bundle.root / 'examples' / (name + '.tf')} (available: {available})"
    )


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
    """Render every job concurrently, collecting every error (never stopping at the first)."""
    loop = asyncio.get_running_loop()
    chunk = max(1, len(jobs) // max(1, concurrency * 4))
    batches = [jobs[i : i + chunk] for i in range(0, len(jobs), chunk)]

    def run(batch: Sequence[PageJob]) -> tuple[list[RenderedPage], list[PlatingError]]:
        pages: list[RenderedPage] = []
        errors: list[PlatingError] = []
        for job in batch:
            try:
                pages.append(renderer.render(job))
            except PlatingError as exc:
                errors.append(exc)
        return pages, errors

    done = 0

    async def run_batch(batch: Sequence[PageJob]) -> tuple[list[RenderedPage], list[PlatingError]]:
        nonlocal done
        outcome = await loop.run_in_executor(None, run, batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(jobs))
        return outcome

    results = await asyncio.gather(*(run_batch(b) for b in batches))
    pages = [p for batch_pages, _ in results for p in batch_pages]
    errors = [e for _, batch_errors in results for e in batch_errors]
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
