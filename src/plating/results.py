"""Results the API returns: counts, files, timings and errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PlateResult:
    """What a ``plate`` run did."""

    files_generated: int = 0  # pages created or changed
    files_unchanged: int = 0
    files_removed: int = 0
    bundles_processed: int = 0
    duration_seconds: float = 0.0
    output_files: list[Path] = field(default_factory=list)  # every page of the plan
    written: list[str] = field(default_factory=list)  # docs-relative, created or changed
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # hand-written pages plating left alone
    #: Pages without plating's marker replaced because ``take_over`` was given (in
    #: ``changed`` too).
    taken_over: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds
    diffs: dict[str, str] = field(default_factory=dict)  # check mode: relpath -> unified diff
    #: Pages that reach the Registry's 500,000-byte limit with every nested schema written
    #: out: relpath -> (that size, the size of the page as written or refused).
    oversized: dict[str, tuple[int, int]] = field(default_factory=dict)
    output_dir: Path | None = None

    @property
    def success(self) -> bool:
        """True when every page was produced."""
        return not self.errors

    @property
    def drift(self) -> list[str]:
        """Pages that differ from the docs on disk (created, changed or removed)."""
        return sorted(self.created + self.changed + self.removed)


@dataclass
class AdornResult:
    """What an ``adorn`` run created (or, with ``dry_run``, would create)."""

    templates_generated: int = 0
    examples_created: int = 0
    skipped: int = 0  # components that already have docs, or files that already exist
    components_processed: int = 0
    created_files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    duration_seconds: float = 0.0
    dry_run: bool = False

    @property
    def success(self) -> bool:
        """True when every bundle could be created."""
        return not self.errors
