"""What ``validate`` reports: findings, their severity, and the result of one run.

The JSON form (:meth:`ValidationResult.to_json`) is a documented, stable interface for CI:
new keys may be added, existing ones keep their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

#: Version of the JSON shape printed by ``plating validate --format json``.
JSON_SCHEMA_VERSION = 1


class Severity(Enum):
    """How serious a finding is. Only errors make ``plating validate`` exit 1."""

    ERROR = "error"
    WARNING = "warning"

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"error"`` or ``"warning"`` (case-insensitive)."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or off") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where it is, which rule found it, and what to do about it.

    ``path`` is relative to the project root ("/"-separated) when the file is inside it;
    ``line`` is 1-based, or None when the finding concerns a whole file or a missing file.
    """

    path: str
    line: int | None
    rule: str
    severity: Severity
    message: str
    column: int | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order of reports: by file, then line, then rule."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        """The finding as a JSON object (keys documented in the README)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A check that did not run, and why (no schema, no terraform binary, ...)."""

    rule: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """The skipped check as a JSON object."""
        return {"rule": self.rule, "reason": self.reason}


@dataclass
class ValidationResult:
    """Everything one ``validate`` run found, sorted by file and line."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pages_checked: int = 0
    examples_checked: int = 0
    files_checked: int = 0
    duration_seconds: float = 0.0
    roots: list[str] = field(default_factory=list)  # docs trees validated

    @property
    def errors(self) -> list[Finding]:
        """Findings of error severity."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of warning severity."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when no finding has error severity."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Numbers of findings by severity and of things checked."""
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR)
        return {
            "error": errors,
            "warning": len(self.findings) - errors,
            "files": self.files_checked,
            "pages": self.pages_checked,
            "examples": self.examples_checked,
        }

    def by_path(self) -> dict[str, list[Finding]]:
        """Findings grouped by file, files in sorted order."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.path, []).append(finding)
        return groups

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of ``plating validate --format json``."""
        return {
            "version": JSON_SCHEMA_VERSION,
            "ok": self.ok,
            "counts": self.counts,
            "roots": list(self.roots),
            "findings": [f.to_json() for f in self.findings],
            "skipped": [s.to_json() for s in self.skipped],
            "duration_seconds": round(self.duration_seconds, 3),
        }
