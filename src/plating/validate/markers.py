"""Markers a page or example writes for ``plating validate``, in comments of its own syntax.

``plating-ignore: RULE[, RULE...] [-- reason]`` silences findings of those rules where it
stands, as linters' inline markers do: at the end of a line it covers that line; on a line
of its own (a comment and nothing else) it covers the next line. It works in Markdown
(``<!-- plating-ignore: links/anchor -->``), in Terraform examples and fenced blocks
(``# plating-ignore: example/read-only-argument``) and in YAML front matter.

``plating-example: schema`` or ``plating-example: syntax`` in an HTML comment before a
fenced Terraform block chooses how that block is checked (see :mod:`.checks.examples`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from plating.validate.findings import Finding
from plating.validate.rules import resolve_rule_id

IGNORE = "plating-ignore:"
EXAMPLE = "plating-example:"
#: How a fenced Terraform block is checked: HCL syntax only, or also against the schema.
EXAMPLE_MODES = ("schema", "syntax")

#: What ``plating validate --list-rules`` prints after the rules.
MARKERS_HELP = """
Markers, in a comment of the file's own syntax:
  plating-ignore: RULE[, RULE...] [-- reason]
      silences those rules' findings on its line, or on the next line when the comment
      stands alone: `# plating-ignore: example/read-only-argument` in Terraform and
      front matter, `<!-- plating-ignore: links/anchor -->` in Markdown
  <!-- plating-example: schema -->  or  <!-- plating-example: syntax -->
      before a fenced Terraform block: check it against the schema, or its syntax only
      (guides default to syntax; [tool.plating.validate] guide_examples = "schema")
  # ...
      in a block or object: the example leaves content out; nothing is reported missing
"""

_COMMENT_STARTS = ("#", "//", "/*", "<!--")
_LIST_END = re.compile(r"\s--\s|-->|\*/")
_SEPARATORS = re.compile(r"[\s,]+")


@dataclass
class Markers:
    """The ``plating-ignore`` markers of one file: which rules are silenced on which line."""

    silenced: dict[int, set[str]] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    def covers(self, finding: Finding) -> bool:
        """True when a marker silences this finding (findings without a line never are)."""
        if finding.line is None:
            return False
        rules = self.silenced.get(finding.line)
        return rules is not None and finding.rule in rules


def example_mode(line: str) -> str | None:
    """The word after ``plating-example:`` in ``line`` (``"schema"``, ...), or None."""
    at = line.find(EXAMPLE)
    if at < 0:
        return None
    rest = _LIST_END.split(line[at + len(EXAMPLE) :], maxsplit=1)[0].split()
    return rest[0].lower() if rest else ""


def find_markers(text: str, first_line: int = 1) -> Markers:
    """The ``plating-ignore`` markers of ``text``, whose first line is ``first_line``."""
    markers = Markers()
    if IGNORE not in text:
        return markers
    pending: set[str] = set()  # from marker lines above, for the next line
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        at = line.find(IGNORE)
        if at < 0:
            if pending:
                markers.silenced.setdefault(number, set()).update(pending)
                pending = set()
            continue
        rules = _rules(line[at + len(IGNORE) :], number, markers.problems)
        if line.lstrip().startswith(_COMMENT_STARTS) and _only_comment(line, at):
            pending |= rules
            continue
        markers.silenced.setdefault(number, set()).update(pending | rules)
        pending = set()
    return markers


def keep_unsilenced(findings: Iterable[Finding], markers: dict[str, Markers]) -> list[Finding]:
    """The findings that no marker of their file silences."""
    if not markers:
        return list(findings)
    return [f for f in findings if f.path not in markers or not markers[f.path].covers(f)]


def _only_comment(line: str, at: int) -> bool:
    """Whether the marker's comment is the whole line (nothing before it but its opener)."""
    before = line[:at].strip()
    return before in _COMMENT_STARTS or not before.strip("#/*<!- \t")


def _rules(rest: str, line: int, problems: list[tuple[int, str]]) -> set[str]:
    names = [n for n in _SEPARATORS.split(_LIST_END.split(rest, maxsplit=1)[0]) if n]
    if not names:
        problems.append(
            (line, f"{IGNORE} names no rule; write the rule id, e.g. {IGNORE} links/anchor")
        )
    found: set[str] = set()
    for name in names:
        rule_id = resolve_rule_id(name)
        if rule_id is None:
            problems.append(
                (
                    line,
                    f"{IGNORE} names unknown rule {name!r} "
                    "(list them with `plating validate --list-rules`)",
                )
            )
        else:
            found.add(rule_id)
    return found
