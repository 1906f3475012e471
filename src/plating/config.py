"""The settings of one documentation run (frozen), as the API and the CLI pass them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from plating.resilience import RetryPolicy


def default_concurrency() -> int:
    """Pages in flight: one worker per core, at least two."""
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class PlatingContext:
    """Where a provider's inputs are and how its docs are named.

    Only ``provider_name`` is usually needed; paths default relative to ``project_root``
    (the current directory when not given).
    """

    provider_name: str | None = None
    project_root: Path | None = None
    schema_path: Path | None = None
    log_level: str = "WARNING"
    rendered_provider_name: str | None = None
    output_dir: Path | None = None
    examples_dir: Path | None = None
    templates_dir: Path | None = None
    concurrency: int = field(default_factory=default_concurrency)
    #: Schema sources besides ``schema_path``: a pyvider package (in-process, or served to
    #: ``terraform_binary`` when that is given), or ``provider_source`` read with
    #: ``terraform_binary`` (default: ``tofu``, then ``terraform``, from ``PATH``).
    package_name: str | None = None
    terraform_binary: Path | None = None
    provider_source: str | None = None
    #: Extracted schemas are cached in ``<root>/.plating-cache`` unless set or disabled.
    cache_dir: Path | None = None
    use_schema_cache: bool = True
    #: Retries of transient failures of external tools and file I/O.
    retry_policy: RetryPolicy = field(default_factory=RetryPolicy)
    #: ``(glob pattern, subcategory)`` pairs; the first pattern matching a component's name
    #: gives the subcategory of its page unless the page sets its own.
    subcategories: tuple[tuple[str, str], ...] = ()
    #: Glob patterns of component names that get no page.
    exclude: tuple[str, ...] = ()
    #: Skip deprecated components (blocks marked deprecated, functions with a deprecation).
    ignore_deprecated: bool = False
    #: Project-level guides (``<name>.tmpl.md``): ``<root>/guides`` unless set.
    guides_dir: Path | None = None
    #: Where ``adorn`` puts bundles of a schema-file project: ``<root>/plating`` unless set.
    bundles_dir: Path | None = None

    @property
    def root(self) -> Path:
        """The project root, resolved."""
        return (self.project_root or Path.cwd()).resolve()

    @property
    def docs_dir(self) -> Path:
        """Where pages go: ``<root>/docs`` unless set."""
        return _under(self.root, self.output_dir, "docs")

    @property
    def schema_cache_dir(self) -> Path:
        """Where extracted schemas are cached: ``<root>/.plating-cache`` unless set."""
        return _under(self.root, self.cache_dir, ".plating-cache")

    @property
    def guides_root(self) -> Path:
        """Project-level guide templates: ``<root>/guides`` unless set."""
        return _under(self.root, self.guides_dir, "guides")

    @property
    def examples_root(self) -> Path:
        """Conventional tfplugindocs examples: ``<root>/examples`` unless set."""
        return _under(self.root, self.examples_dir, "examples")

    @property
    def templates_root(self) -> Path:
        """Static pages: ``<root>/templates`` unless set."""
        return _under(self.root, self.templates_dir, "templates")


def _under(root: Path, given: Path | None, default: str) -> Path:
    if given is None:
        return root / default
    return given if given.is_absolute() else (Path.cwd() / given).resolve()
