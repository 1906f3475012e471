"""``[tool.plating.validate]`` of a project's ``pyproject.toml``: which rules, how severe.

Kept small and self-contained on purpose: the general ``[tool.plating]`` loader can call
:func:`parse_validate_table` with the table it has already read.

```toml
[tool.plating.validate]
disable = ["MD013", "markdown/empty-section"]
enable = ["markdown/line-length"]
line_length = 120
allowed_subcategories = ["Compute", "Networking"]
allowed_guide_subcategories = ["Guides"]
terraform_provider_dir = "bin"      # holds terraform-provider-<name>, for --terraform
guide_examples = "schema"           # guides' code blocks: "syntax" (default) or "schema"

[tool.plating.validate.severity]
"links/anchor" = "warning"
"markdown/fence-language" = "off"
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import UsageError
from plating.settings import project_path
from plating.validate.findings import Severity
from plating.validate.markers import EXAMPLE_MODES
from plating.validate.rules import DEFAULT_RULES, RuleSet, resolve_rule_id

if TYPE_CHECKING:
    from plating.config import PlatingContext

_KEYS = frozenset(
    {
        "disable",
        "enable",
        "severity",
        "allowed_subcategories",
        "allowed_guide_subcategories",
        "line_length",
        "terraform_provider_dir",
        "guide_examples",
    }
)


@dataclass(frozen=True)
class ValidateConfig:
    """Settings of the validate checks. ``None`` allow-lists mean "any subcategory"."""

    rules: RuleSet = DEFAULT_RULES
    allowed_subcategories: tuple[str, ...] | None = None
    allowed_guide_subcategories: tuple[str, ...] | None = None
    line_length: int = 80
    terraform_provider_dir: Path | None = None
    guide_examples: str = "syntax"  # "schema": guides' code blocks checked like examples
    source: str = field(default="defaults", compare=False)

    def with_allowed(
        self, subcategories: list[str] | None, guide_subcategories: list[str] | None
    ) -> ValidateConfig:
        """A copy with allow-lists given on the command line (they win over the file)."""
        config = self
        if subcategories is not None:
            config = replace(config, allowed_subcategories=tuple(subcategories))
        if guide_subcategories is not None:
            config = replace(config, allowed_guide_subcategories=tuple(guide_subcategories))
        return config


def context_validate_config(context: PlatingContext) -> ValidateConfig:
    """``[tool.plating.validate]`` as the settings read it (a monorepo provider's own
    table over the root's), else the project root's ``pyproject.toml``."""
    if context.validate_table is None:
        return load_validate_config(context.root)
    where = context.settings_file or context.root / "pyproject.toml"
    return parse_validate_table(context.validate_table, str(where), base=where.parent)


def load_validate_config(project_root: Path) -> ValidateConfig:
    """The ``[tool.plating.validate]`` table of ``<root>/pyproject.toml`` (defaults if none)."""
    path = project_root / "pyproject.toml"
    if not path.is_file():
        return ValidateConfig()
    from plating.settings import read_pyproject

    document = read_pyproject(path)
    tool = document.get("tool", {})
    plating = tool.get("plating", {}) if isinstance(tool, dict) else {}
    table = plating.get("validate") if isinstance(plating, dict) else None
    if table is None:
        return ValidateConfig(source=str(path))
    return parse_validate_table(table, str(path), base=project_root)


def parse_validate_table(
    table: Any, source: str = "pyproject.toml", *, base: Path | None = None
) -> ValidateConfig:
    """Check and convert a ``[tool.plating.validate]`` table; errors name the key."""
    where = f"{source}: [tool.plating.validate]"
    if not isinstance(table, Mapping):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(_KEYS))})"
        )
    disable = [_rule_id(name, f"{where} disable") for name in _strings(table, "disable", where)]
    enable = [_rule_id(name, f"{where} enable") for name in _strings(table, "enable", where)]
    severities: dict[str, Severity | None] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, Mapping):
        raise UsageError(f"{where} severity: must be a table of rule id = severity")
    for name, value in raw_severity.items():
        rule_id = _rule_id(str(name), f"{where}.severity")
        if not isinstance(value, str):
            raise UsageError(f"{where}.severity {name!r}: must be error, warning or off")
        if value.strip().lower() == "off":
            severities[rule_id] = None
            continue
        try:
            severities[rule_id] = Severity.parse(value)
        except ValueError as exc:
            raise UsageError(f"{where}.severity {name!r}: {exc}") from None
    line_length = table.get("line_length", 80)
    if isinstance(line_length, bool) or not isinstance(line_length, int) or line_length < 1:
        raise UsageError(f"{where} line_length: must be a positive integer")
    provider_dir = table.get("terraform_provider_dir")
    if provider_dir is not None and not isinstance(provider_dir, str):
        raise UsageError(f"{where} terraform_provider_dir: must be a path string")
    guide_examples = table.get("guide_examples", "syntax")
    if guide_examples not in EXAMPLE_MODES:
        raise UsageError(
            f'{where} guide_examples: must be "syntax" (guides\' code blocks: HCL syntax '
            'only) or "schema" (also checked against the schema)'
        )
    return ValidateConfig(
        rules=RuleSet.build(disable=disable, enable=enable, severity=severities),
        allowed_subcategories=_allow_list(table, "allowed_subcategories", where),
        allowed_guide_subcategories=_allow_list(table, "allowed_guide_subcategories", where),
        line_length=line_length,
        terraform_provider_dir=(
            # A project file's path: it must stay inside the project.
            project_path(provider_dir, f"{where} terraform_provider_dir", base or Path.cwd())
            if provider_dir is not None
            else None
        ),
        guide_examples=guide_examples,
        source=source,
    )


def _rule_id(name: str, where: str) -> str:
    rule_id = resolve_rule_id(name)
    if rule_id is None:
        raise UsageError(
            f"{where}: unknown rule id {name!r} (list them with `plating validate --list-rules`)"
        )
    return rule_id


def _strings(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where} {key}: must be a list of strings")
    return list(value)


def _allow_list(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    if key not in table:
        return None
    return tuple(_strings(table, key, where))
