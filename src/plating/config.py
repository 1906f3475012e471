"""The settings of one documentation run (frozen), as the API and the CLI pass them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.resilience import RetryPolicy
from plating.schema.kinds import ComponentType

if TYPE_CHECKING:
    from plating.render.fit import DedupeMode


def default_concurrency() -> int:
    """Pages in flight: one worker per core, at least two."""
    return max(2, os.cpu_count() or 2)


#: Fields holding paths: one rule resolves every one of them (see :class:`PlatingContext`).
PATH_FIELDS = (
    "project_root",
    "schema_path",
    "output_dir",
    "examples_dir",
    "templates_dir",
    "terraform_binary",
    "cache_dir",
    "guides_dir",
    "bundles_dir",
)


@dataclass(frozen=True)
class PlatingContext:
    """Where a provider's inputs are and how its docs are named.

    **Paths.** Every path field follows one rule: a relative path is resolved against the
    current directory when the context is created (as Python resolves any path), and a path
    left out takes its default place below the project root (``docs``, ``examples``,
    ``templates``, ``guides``, ``.plating-cache``). ``terraform_binary`` may also be a bare
    command name (``tofu``), looked up on ``PATH``.

    **Settings.** With ``read_settings`` (the default), :class:`plating.Plating` first fills
    every field left at its default from the ``PLATING_*`` environment variables and the
    project's ``pyproject.toml`` (``[tool.plating]``, or the ``[[tool.plating.providers]]``
    table named by ``provider_name``), exactly as the command line does: a field given a value
    other than its default wins. ``project_root`` left out is then the nearest folder above
    the current directory holding ``pyproject.toml`` or ``.git``; with ``read_settings=False``
    nothing is read and it is the current directory.
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
    #: Repeated nested schemas written out once: ``auto`` (only on a page that would reach
    #: the Registry's 500,000-byte limit), ``always`` or ``never``.
    dedupe_nested: DedupeMode = "auto"
    #: Kinds ``plate`` documents when it is given none (None: every kind).
    component_types: tuple[ComponentType, ...] | None = None
    #: Static copies and Go-template pages carry plating's marker, so that a later run can
    #: remove them once their source is gone; tfplugindocs' ``generate`` writes them byte
    #: for byte (False) and owns the paths it writes instead.
    mark_template_pages: bool = True
    #: Fill fields left at their defaults from the environment and ``pyproject.toml``.
    read_settings: bool = True
    #: Monorepo: other providers' project roots inside this one's, never searched.
    other_roots: tuple[Path, ...] = ()
    #: The ``pyproject.toml`` the settings were read from, and its ``[tool.plating.validate]``
    #: table (merged with the provider's own in a monorepo); None: not read.
    settings_file: Path | None = None
    validate_table: Mapping[str, Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        cwd: Path | None = None
        for name in PATH_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            path = Path(value)
            if name == "terraform_binary" and path.parent == Path():
                continue  # a bare command name, looked up on PATH
            if not path.is_absolute():
                cwd = cwd or Path.cwd()
                path = Path(os.path.normpath(cwd / path))
            object.__setattr__(self, name, path)

    @property
    def root(self) -> Path:
        """The project root, resolved."""
        return (self.project_root or Path.cwd()).resolve()

    @property
    def docs_dir(self) -> Path:
        """Where pages go: ``<root>/docs`` unless set."""
        return self.output_dir or self.root / "docs"

    @property
    def schema_cache_dir(self) -> Path:
        """Where extracted schemas are cached: ``<root>/.plating-cache`` unless set."""
        return self.cache_dir or self.root / ".plating-cache"

    @property
    def guides_root(self) -> Path:
        """Project-level guide templates: ``<root>/guides`` unless set."""
        return self.guides_dir or self.root / "guides"

    @property
    def examples_root(self) -> Path:
        """Conventional tfplugindocs examples: ``<root>/examples`` unless set."""
        return self.examples_dir or self.root / "examples"

    @property
    def templates_root(self) -> Path:
        """Static pages: ``<root>/templates`` unless set."""
        return self.templates_dir or self.root / "templates"
