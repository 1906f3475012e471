"""What every check receives: the reporter and the run's shared facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plating.schema.model import ProviderSchema
from plating.validate.config import ValidateConfig
from plating.validate.findings import Finding
from plating.validate.rules import RULES_BY_ID, RuleSet


class Reporter:
    """Collects findings, applying the configured severity (or dropping disabled rules)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.findings: list[Finding] = []

    def enabled(self, rule: str) -> bool:
        """True when findings of ``rule`` are reported (checks skip work otherwise)."""
        return self.rules.enabled(rule)

    def add(
        self, rule: str, path: str, line: int | None, message: str, column: int | None = None
    ) -> None:
        """Report one finding (ignored when the rule is off)."""
        assert rule in RULES_BY_ID, rule  # every id must be registered in rules.py
        severity = self.rules.severity_of(rule)
        if severity is not None:
            self.findings.append(Finding(path, line, rule, severity, message, column))


@dataclass
class CheckContext:
    """The facts shared by the checks of one run."""

    project_root: Path
    config: ValidateConfig
    reporter: Reporter
    schema: ProviderSchema | None = None
    short_name: str | None = None  # provider short name (from the schema or --provider-name)
    notes: list[str] = field(default_factory=list)

    def display(self, path: Path) -> str:
        """A path as findings show it."""
        from plating.validate.tree import display_path

        return display_path(path, self.project_root)
