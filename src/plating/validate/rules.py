"""The rule registry: every check's stable id, default severity and one-line description.

Ids never change meaning once released; new rules get new ids. ``aliases`` accepts the
markdownlint numbers (``MD001``...) for the Markdown rules that mirror one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from plating.validate.findings import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Rule:
    """One check's identity and defaults."""

    id: str
    severity: Severity
    description: str
    aliases: tuple[str, ...] = ()
    enabled: bool = True  # off by default when False (enable it in [tool.plating.validate])
    needs_schema: bool = False


def _r(
    rule_id: str,
    severity: Severity,
    description: str,
    *aliases: str,
    enabled: bool = True,
    needs_schema: bool = False,
) -> Rule:
    return Rule(rule_id, severity, description, aliases, enabled, needs_schema)


#: Every rule, in the order ``plating validate --list-rules`` and the README list them.
RULES: tuple[Rule, ...] = (
    # Registry rules (spec section 7)
    _r("registry/directory", ERROR, "folder the Registry does not accept in a docs tree"),
    _r("registry/mixed-layout", ERROR, "both docs/ and legacy website/docs/ are present"),
    _r("registry/extension", ERROR, "file extension not accepted in this docs tree"),
    _r("registry/size", ERROR, "file of 500,000 bytes or more (the Registry's limit)"),
    _r("registry/encoding", ERROR, "file that is not UTF-8 text"),
    _r(
        "registry/extraneous-page",
        ERROR,
        "page in a kind folder that documents no component of the schema",
        needs_schema=True,
    ),
    _r(
        "registry/missing-page",
        ERROR,
        "component of the schema without a page",
        needs_schema=True,
    ),
    _r("registry/missing-index", WARNING, "docs tree without an index (provider) page"),
    # Front matter
    _r("frontmatter/missing", ERROR, "page without YAML front matter"),
    _r(
        "frontmatter/yaml",
        ERROR,
        "front matter that is not valid YAML, not a mapping, or repeats a key",
    ),
    _r(
        "frontmatter/key",
        ERROR,
        "key not allowed on this kind of page (layout, sidebar_current, index subcategory) "
        "or a value that is not a string",
    ),
    _r("frontmatter/required", ERROR, "required key missing (guides: page_title; legacy pages)"),
    _r("frontmatter/unknown-key", WARNING, "key the Registry does not use"),
    _r("frontmatter/subcategory", ERROR, "subcategory not in the configured allow-list"),
    # Markdown
    _r("markdown/heading-increment", WARNING, "heading level skips a level", "MD001"),
    _r("markdown/heading-space", WARNING, "'#' heading marker without a space", "MD018"),
    _r("markdown/single-h1", WARNING, "more than one top-level heading", "MD025"),
    _r("markdown/empty-section", WARNING, "heading with no content before the next heading"),
    _r("markdown/fence-language", WARNING, "fenced code block without a language", "MD040"),
    _r("markdown/unclosed-fence", ERROR, "fenced code block that is never closed"),
    _r("markdown/empty-link", WARNING, "link with an empty target", "MD042"),
    _r("markdown/line-length", WARNING, "line longer than line_length", "MD013", enabled=False),
    # Links
    _r("links/broken", ERROR, "relative link to a file that does not exist"),
    _r("links/anchor", ERROR, "#anchor that no heading or <a id> of the target page defines"),
    _r("links/duplicate-anchor", WARNING, "<a id> defined twice in one page"),
    # Bundles
    _r(
        "bundle/ambiguous-template",
        ERROR,
        "bundle template matching several components, or a second template for one component",
        needs_schema=True,
    ),
    # Examples (fenced terraform/hcl blocks, examples/ files, bundle examples)
    _r("example/syntax", ERROR, "Terraform example that is not valid HCL"),
    _r(
        "example/unknown-component",
        ERROR,
        "resource, data source, ephemeral resource, action, list resource or state store of "
        "this provider that the schema does not have",
        needs_schema=True,
    ),
    _r(
        "example/unknown-argument", ERROR, "argument the component does not have", needs_schema=True
    ),
    _r(
        "example/read-only-argument",
        ERROR,
        "argument that is computed only (cannot be set)",
        needs_schema=True,
    ),
    _r(
        "example/unknown-block",
        ERROR,
        "nested block the component does not have",
        needs_schema=True,
    ),
    _r("example/missing-argument", ERROR, "required argument not set", needs_schema=True),
    _r("example/missing-block", ERROR, "required nested block not given", needs_schema=True),
    _r(
        "example/too-many-blocks",
        ERROR,
        "more nested blocks than the schema's max_items",
        needs_schema=True,
    ),
    _r(
        "example/unknown-function",
        ERROR,
        "provider function of this provider that the schema does not have",
        needs_schema=True,
    ),
    _r(
        "example/function-arity",
        ERROR,
        "provider function called with the wrong number of arguments",
        needs_schema=True,
    ),
    # Optional deep check
    _r(
        "terraform/validate",
        ERROR,
        "`terraform validate` (or tofu) diagnostic on an example (--terraform)",
    ),
    # plating's own markers in pages and examples
    _r(
        "marker/unknown",
        WARNING,
        "plating-ignore marker naming an unknown rule, or plating-example marker with an "
        "unknown mode",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
_ALIASES: dict[str, str] = {alias.upper(): rule.id for rule in RULES for alias in rule.aliases}


def resolve_rule_id(name: str) -> str | None:
    """The rule id for an id or an alias (``MD001``), or None when unknown."""
    if name in RULES_BY_ID:
        return name
    return _ALIASES.get(name.strip().upper())


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The effective severity of every rule (None: disabled) after configuration."""

    severities: Mapping[str, Severity | None]

    @classmethod
    def build(
        cls,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        severity: Mapping[str, Severity | None] | None = None,
    ) -> RuleSet:
        """Defaults, then ``enable``, then ``disable``, then explicit severities.

        Every name must already be a resolved rule id (see :func:`resolve_rule_id`).
        """
        table: dict[str, Severity | None] = {
            r.id: (r.severity if r.enabled else None) for r in RULES
        }
        for rule_id in enable:
            table[rule_id] = RULES_BY_ID[rule_id].severity
        for rule_id in disable:
            table[rule_id] = None
        for rule_id, value in (severity or {}).items():
            table[rule_id] = value
        return cls(table)

    def severity_of(self, rule_id: str) -> Severity | None:
        """The severity a finding of this rule gets, None when the rule is off."""
        return self.severities[rule_id]

    def enabled(self, rule_id: str) -> bool:
        """True when the rule reports."""
        return self.severities[rule_id] is not None

    def any_enabled(self, prefix: str) -> bool:
        """True when some rule whose id starts with ``prefix`` reports."""
        return any(v is not None for k, v in self.severities.items() if k.startswith(prefix))


DEFAULT_RULES = RuleSet.build()
