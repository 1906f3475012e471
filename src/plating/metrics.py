"""Per-phase timings and counts, for results, ``--metrics`` and whole-program collection.

Each API call fills its own :class:`Metrics`; when collection is enabled with :func:`enable`,
every call also adds its figures to the process-wide collector, so a program that runs many
``Plating`` calls can read the totals with :func:`collected`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

PHASES = ("stamp", "schema", "discovery", "render", "write", "validate")


@dataclass
class Metrics:
    """Seconds per phase and counts per name."""

    phases: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the enclosed code as (part of) phase ``name``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add_time(name, time.perf_counter() - started)

    def add_time(self, name: str, seconds: float) -> None:
        """Add ``seconds`` to phase ``name`` (here and in the global collector)."""
        self.phases[name] = self.phases.get(name, 0.0) + seconds
        if _global is not None and _global is not self:
            with _lock:
                _global.phases[name] = _global.phases.get(name, 0.0) + seconds

    def count(self, name: str, amount: int = 1) -> None:
        """Add ``amount`` to counter ``name`` (here and in the global collector)."""
        self.counts[name] = self.counts.get(name, 0) + amount
        if _global is not None and _global is not self:
            with _lock:
                _global.counts[name] = _global.counts.get(name, 0) + amount

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready copy: ``{"phases": {...}, "counts": {...}}``."""
        return {"phases": dict(self.phases), "counts": dict(self.counts)}


_global: Metrics | None = None
_lock = threading.Lock()


def enable() -> Metrics:
    """Start whole-program collection (idempotent) and return the collector."""
    global _global
    with _lock:
        if _global is None:
            _global = Metrics()
        return _global


def disable() -> None:
    """Stop whole-program collection and forget what was collected."""
    global _global
    with _lock:
        _global = None


def collected() -> Metrics | None:
    """The process-wide collector, when enabled."""
    return _global


def other_seconds(metrics: Metrics, wall_seconds: float) -> float:
    """Wall time outside the measured phases: start-up, settings, reporting. On a small or
    no-change run this is most of it, so the table shows it for the shares to add up."""
    return max(0.0, wall_seconds - sum(metrics.phases.values()))


def format_table(metrics: Metrics, wall_seconds: float) -> str:
    """A small aligned table of phases (with their share of the wall time) and counts."""
    lines = [f"{'phase':<12}{'seconds':>10}{'share':>8}"]
    rows = [*metrics.phases.items(), ("other", other_seconds(metrics, wall_seconds))]
    for name, seconds in rows:
        share = seconds / wall_seconds * 100 if wall_seconds > 0 else 0.0
        lines.append(f"{name:<12}{seconds:>10.3f}{share:>7.0f}%")
    lines.append(f"{'wall':<12}{wall_seconds:>10.3f}")
    for name, value in sorted(metrics.counts.items()):
        lines.append(f"{name:<20}{value:>10}")
    return "\n".join(lines)
