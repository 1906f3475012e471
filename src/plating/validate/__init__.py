"""``plating validate``: Registry rules, Markdown lint, links and examples checked against
the schema.

>>> result = await Plating(PlatingContext(schema_path=p)).validate()
>>> result.ok, result.counts["error"], result.findings[0].rule
"""

from __future__ import annotations

from plating.validate.findings import Finding, Severity, Skipped, ValidationResult
from plating.validate.rules import RULES, Rule

__all__ = ["RULES", "Finding", "Rule", "Severity", "Skipped", "ValidationResult"]
