"""The schema section with repeated nested structures written out once: nothing is lost.

Every anchor of tfplugindocs' rendering is defined, every link resolves, and the section an
anchor leads to (following "Same as" once) documents exactly what the full rendering shows
there. Goldens show the exact shape; a property test holds the promises for any schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating.errors import RenderError
from plating.render.schema_dedupe import largest_sections, render_schema_once
from plating.render.schema_md import render_schema
from plating.schema.kinds import ComponentType
from plating.schema.model import Block
from plating.schema.parse import _Parser, parse_schema_document
from tests.large_schemas import application_set_document, web_acl_document

GOLDENS = Path(__file__).resolve().parents[1] / "goldens" / "dedupe"
_ANCHOR = re.compile(r'^<a id="([^"]+)"></a>$')
_LINK = re.compile(r"\]\(#([^)]+)\)")
_SAME_AS = re.compile(r"^Same as \[`[^`]+`\]\(#([^)]+)\)\.$")


def _block(document: dict[str, Any], name: str) -> Block:
    component = parse_schema_document(document).find(ComponentType.RESOURCE, name)
    assert component is not None and component.block is not None
    return component.block


def sections(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """The root part's lines, and each anchor's section body (the lines after its heading,
    blank lines and link targets dropped: those name paths, the rest must be equal)."""
    root: list[str] = []
    found: dict[str, list[str]] = {}
    pending: list[str] = []  # anchors waiting for their heading
    body = root
    for line in text.splitlines():
        match = _ANCHOR.match(line)
        if match:
            pending.append(match.group(1))
            continue
        if line.startswith("### Nested Schema for ") and pending:
            body = []
            for anchor in pending:
                assert anchor not in found, f"anchor {anchor} defined twice"
                found[anchor] = body
            pending = []
            continue
        if line.strip():
            body.append(line if _SAME_AS.match(line) else _LINK.sub("](#)", line))
    assert not pending, f"anchors without a section: {pending}"
    return root, found


def reached(found: dict[str, list[str]], anchor: str) -> list[str]:
    """The body a link to ``anchor`` shows, following a "Same as" pointer once."""
    body = found[anchor]
    if len(body) == 1 and (match := _SAME_AS.match(body[0])):
        target = found[match.group(1)]
        assert not (len(target) == 1 and _SAME_AS.match(target[0])), "a pointer to a pointer"
        return target
    return body


def assert_nothing_lost(full: str, shared: str) -> None:
    full_root, full_sections = sections(full)
    shared_root, shared_sections = sections(shared)
    assert shared_root == full_root
    assert set(shared_sections) == set(full_sections)
    for anchor, body in full_sections.items():
        assert reached(shared_sections, anchor) == body, anchor
    defined = set(shared_sections)
    assert set(_LINK.findall(shared)) <= defined
    assert len(shared.encode()) <= len(full.encode())


def test_application_set_fits_the_registry_and_loses_nothing() -> None:
    block = _block(application_set_document(), "argocd_application_set")
    full = render_schema(block)
    shared = render_schema(block, dedupe=True)
    assert 1_100_000 < len(full.encode()) < 1_300_000  # about tfplugindocs' 1.2 MB
    assert len(shared.encode()) < 300_000
    assert_nothing_lost(full, shared)
    # The anchor the issue names is defined, beside a section that documents metadata.
    _root, found = sections(shared)
    metadata = reached(found, "nestedblock--spec--generator--git--template--metadata")
    assert any(line.startswith("- `labels` (Map of String)") for line in metadata)


def test_every_attribute_and_block_name_is_still_documented() -> None:
    block = _block(application_set_document(), "argocd_application_set")
    member = re.compile(r"^- `([^`]+)` \(", re.MULTILINE)
    full_names = set(member.findall(render_schema(block)))
    assert set(member.findall(render_schema(block, dedupe=True))) == full_names
    assert {"generator", "matrix", "merge", "template", "metadata", "helm", "jsonnet"} <= (
        full_names
    )


def test_web_acl_statements_lose_nothing() -> None:
    block = _block(web_acl_document(level=2), "aws_wafv2_web_acl")
    assert_nothing_lost(render_schema(block), render_schema(block, dedupe=True))


def test_a_pointer_leads_to_the_first_occurrence_and_keeps_its_heading() -> None:
    shared = render_schema(
        _block(application_set_document(), "argocd_application_set"), dedupe=True
    )
    assert (
        '<a id="nestedblock--spec--generator--clusters--template"></a>\n'
        "### Nested Schema for `spec.generator.clusters.template`\n\n"
        "Same as [`spec.generator.cluster_decision_resource.template`]"
        "(#nestedblock--spec--generator--cluster_decision_resource--template).\n\n\n"
    ) in shared


def test_small_repeats_stay_written_out() -> None:
    """A pointer that saves less than half the bytes would only send the reader elsewhere."""
    tiny = {
        "nesting_mode": "list",
        "block": {"attributes": {"a": {"type": "string", "optional": True}}},
    }
    raw = {"block_types": {"first": tiny, "second": tiny}}
    block = _Parser("test").block(raw, "block", 0)
    assert render_schema(block, dedupe=True) == render_schema(block)


def test_largest_sections_name_what_takes_the_bytes() -> None:
    block = _block(web_acl_document(level=2), "aws_wafv2_web_acl")
    largest = largest_sections(block, count=3)
    assert len(largest) == 3
    assert largest[0].bytes >= largest[1].bytes >= largest[2].bytes
    assert all(size.repeats > 0 for size in largest)  # anchors of repeats are what weighs
    assert largest[0].path.endswith("field_to_match.all_query_arguments")


@pytest.mark.parametrize("case", sorted(GOLDENS.glob("*.schema.json")), ids=lambda p: p.name)
def test_shared_rendering_matches_golden(case: Path, update_goldens: bool) -> None:
    block = _Parser(str(case)).block(json.loads(case.read_text())["block"], "block", 0)
    golden = case.with_name(case.name.replace(".schema.json", ".md"))
    shared = render_schema_once(block)
    if update_goldens:
        golden.write_text(shared, encoding="utf-8")
    assert shared == golden.read_text(encoding="utf-8")
    assert_nothing_lost(render_schema(block), shared)


# Schemas with repeats for the property test: a random block placed several times, at
# several depths, its text long enough that pointers pay.
_NAME = st.text(alphabet="abcdefghij_", min_size=1, max_size=6)
_WORDS = st.text(alphabet="abc xyz", min_size=0, max_size=60)


@st.composite
def _attributes(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in draw(st.lists(_NAME, max_size=3, unique=True)):
        flags = draw(
            st.sampled_from(
                [
                    {"required": True},
                    {"optional": True},
                    {"computed": True},
                    {"optional": True, "computed": True},
                ]
            )
        )
        spec: dict[str, Any]
        if depth > 0 and draw(st.booleans()):
            spec = {
                "nested_type": {
                    "nesting_mode": draw(st.sampled_from(["single", "list"])),
                    "attributes": draw(_attributes(depth - 1)),
                }
            }
        elif draw(st.integers(0, 3)) == 0:
            spec = {"type": ["object", {"x": "string", "y": ["list", ["object", {"z": "bool"}]]}]}
        else:
            spec = {"type": draw(st.sampled_from(["string", "number", ["list", "string"]]))}
        found[name] = {**spec, **flags, "description": draw(_WORDS)}
    return found


@st.composite
def _blocks(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    block: dict[str, Any] = {
        "attributes": {
            "padding": {
                "type": "string",
                "optional": True,
                "description": "p" * draw(st.integers(0, 300)),
            },
            **draw(_attributes(1)),
        },
        "block_types": {},
    }
    if depth > 0:
        for name in draw(st.lists(_NAME, max_size=2, unique=True)):
            block["block_types"][name] = {
                "nesting_mode": draw(st.sampled_from(["single", "list", "set"])),
                "block": draw(_blocks(depth - 1)),
            }
    return _without_clashes(block)


def _without_clashes(block: dict[str, Any]) -> dict[str, Any]:
    """Terraform refuses an attribute and a block type of one name in the same block (their
    anchors would clash too): the block type keeps the name."""
    for name in block["block_types"]:
        block["attributes"].pop(name, None)
    return block


@st.composite
def _repeating(draw: st.DrawFn) -> dict[str, Any]:
    shared = draw(_blocks(2))
    names = draw(st.lists(_NAME, min_size=2, max_size=4, unique=True))
    placed = {n: {"nesting_mode": "list", "block": shared} for n in names}
    outer = draw(_blocks(1))
    outer["block_types"].update(
        {f"{n}_again": {"nesting_mode": "list", "block": shared} for n in names[:2]}
    )
    return _without_clashes(
        {
            "attributes": draw(_attributes(1)),
            "block_types": {**placed, "outer": {"nesting_mode": "list", "block": outer}},
        }
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_repeating())
def test_any_schema_with_repeats_loses_nothing(raw: dict[str, Any]) -> None:
    block = _Parser("test").block(raw, "block", 0)
    try:
        full = render_schema(block)
    except RenderError:  # a schema tfplugindocs refuses too
        return
    shared = render_schema(block, dedupe=True)
    assert_nothing_lost(full, shared)
