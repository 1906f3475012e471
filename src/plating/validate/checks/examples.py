"""Terraform examples checked against the schema: HCL syntax, component and function names
of this provider, arguments and nested blocks (known, settable, required, how many) and
provider-function arity.

Examples come from fenced ``terraform``/``hcl`` blocks in pages (lines are reported in the
page), conventional ``examples/`` files and ``.plating`` bundle examples. Which checks a
fenced block gets:

* component and index pages: syntax and schema; guides: syntax only, unless
  ``guide_examples = "schema"`` (upgrade guides show old configurations on purpose);
  a ``<!-- plating-example: schema|syntax -->`` comment before a fence decides for it;
* a fenced block that is not a valid file body but is a valid expression (a dashboard
  panel ``{ type = "image", ... }``), or list elements cut from their brackets (the same
  panel copied from its list, ``{ ... },``), is a fragment: checked as an expression;
* a block or object holding a ``# ...`` comment is abridged: what it shows is checked,
  what it leaves out (required arguments and blocks) is not reported.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plating.hcl import Block as HclBlock
from plating.hcl import (
    Body,
    Expression,
    FunctionCall,
    HclSyntaxError,
    ObjectItem,
    all_calls,
    parse,
    parse_fragment,
)
from plating.schema.kinds import ComponentType
from plating.schema.model import (
    Attribute,
    Block,
    CtyType,
    NestedAttributes,
    NestingMode,
    ProviderSchema,
)
from plating.validate.checks.base import CheckContext, Reporter
from plating.validate.markers import EXAMPLE, EXAMPLE_MODES
from plating.validate.page import TERRAFORM_LANGUAGES, Page

EXAMPLE_SUFFIXES = (".tf", ".tfquery.hcl")

# Meta-arguments and meta-blocks Terraform itself handles, per top-level block type.
_COMMON_META = frozenset({"count", "for_each", "provider", "depends_on"})
_META: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "resource": (_COMMON_META, frozenset({"lifecycle", "provisioner", "connection"})),
    "data": (_COMMON_META, frozenset({"lifecycle"})),
    "ephemeral": (_COMMON_META, frozenset({"lifecycle"})),
    "provider": (frozenset({"alias", "version"}), frozenset()),
    "state_store": (frozenset(), frozenset({"provider"})),
}
_ACTION_META = frozenset({"count", "for_each", "provider"})
_LIST_META = frozenset({"count", "for_each", "provider", "include_resource", "limit"})
_BLOCK_KINDS = {
    "resource": ComponentType.RESOURCE,
    "data": ComponentType.DATA_SOURCE,
    "ephemeral": ComponentType.EPHEMERAL_RESOURCE,
    "action": ComponentType.ACTION,
    "list": ComponentType.LIST_RESOURCE,
}


@dataclass(frozen=True, slots=True)
class ExampleSource:
    """Terraform text to check; ``line_offset`` maps its line 1 to ``line_offset + 1``.

    ``schema``: also check it against the schema (else syntax only); ``fragment``: a valid
    expression is accepted where a file body is not (fenced blocks of pages).
    """

    relpath: str
    text: str
    line_offset: int = 0
    schema: bool = True
    fragment: bool = False


def page_examples(pages: Iterable[Page], ctx: CheckContext) -> list[ExampleSource]:
    """The fenced Terraform blocks of the pages, each with the checks it gets."""
    guide_schema = ctx.config.guide_examples == "schema"
    found: list[ExampleSource] = []
    for page in pages:
        for fence in page.fences:
            if fence.language not in TERRAFORM_LANGUAGES:
                continue
            schema = guide_schema if page.file.is_guide else True
            if fence.mode is not None:
                if fence.mode in EXAMPLE_MODES:
                    schema = fence.mode == "schema"
                else:
                    ctx.reporter.add(
                        "marker/unknown",
                        page.file.relpath,
                        fence.mode_line,
                        f"{EXAMPLE} {fence.mode!r} is not a mode; use {' or '.join(EXAMPLE_MODES)}",
                    )
            found.append(ExampleSource(page.file.relpath, fence.content, fence.start, schema, True))
    return found


def example_files(folders: Iterable[Path], skip: Iterable[Path] = ()) -> list[Path]:
    """``*.tf`` and ``*.tfquery.hcl`` files below the folders (hidden folders skipped)."""
    skipped = {os.path.normpath(p) for p in skip}
    found: set[Path] = set()
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue  # a linked examples folder could be anywhere: it is not read
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".")
                and os.path.normpath(os.path.join(dirpath, d)) not in skipped
            )
            for name in filenames:
                path = Path(dirpath) / name
                if name.endswith(EXAMPLE_SUFFIXES) and not _links_out(path, folder):
                    found.add(path)
    return sorted(found)


def _links_out(path: Path, folder: Path) -> bool:
    """A link to a file outside ``folder`` is never read (nothing outside the project is)."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


class ExampleChecker:
    """Checks parsed examples against one provider's schema (or syntax only without one)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.report: Reporter = ctx.reporter
        self.schema: ProviderSchema | None = ctx.schema
        self.short = ctx.schema.short_name if ctx.schema is not None else ctx.short_name
        self.path = ""
        self.offset = 0
        self._functions = (
            {c.name: c for c in ctx.schema.of_kind(ComponentType.FUNCTION)}
            if ctx.schema is not None
            else {}
        )

    def check(self, source: ExampleSource) -> bool:
        """Parse one example and report what is wrong with it.

        True when it is a whole configuration meant to be complete: a file body (not a
        fragment) checked against the schema, without a block abridged by ``# ...``.
        """
        self.path, self.offset = source.relpath, source.line_offset
        try:
            body = parse(source.text, source.relpath)
        except HclSyntaxError as exc:
            error = exc
            if source.fragment:
                try:
                    fragment = parse_fragment(source.text, source.relpath)
                except HclSyntaxError as other:
                    # Report the reading that got further: it is the one the author meant.
                    if (other.line, other.column) > (exc.line, exc.column):
                        error = other
                else:
                    if source.schema and self.schema is not None and self.short:
                        self._check_calls(fragment.calls)
                    return False
            self._add(
                "example/syntax", error.line, f"HCL syntax error: {error.message}", error.column
            )
            return source.schema
        if not source.schema:
            return False
        if self.schema is not None and self.short:
            for block in body.blocks:
                self._top_block(block)
            self._calls(body)
        return not _abridged(body)

    # -- helpers -------------------------------------------------------------------------

    def _add(self, rule: str, line: int | None, message: str, column: int | None = None) -> None:
        self.report.add(
            rule, self.path, None if line is None else line + self.offset, message, column
        )

    def _ours(self, type_name: str) -> bool:
        short = self.short
        return bool(short) and (type_name == short or type_name.startswith(f"{short}_"))

    def _top_block(self, block: HclBlock) -> None:
        schema = self.schema
        assert schema is not None
        if block.type == "provider":
            if block.labels and block.labels[0] == self.short:
                attrs, blocks = _META["provider"]
                provider_block = schema.provider.block or Block()
                self._body(
                    block.body, provider_block, f"provider {self.short}", block.line, attrs, blocks
                )
            return
        if block.type == "terraform":
            for inner in block.body.blocks:
                if inner.type == "state_store" and inner.labels and self._ours(inner.labels[0]):
                    self._component(ComponentType.STATE_STORE, inner, inner.body, "state_store")
            return
        if block.type == "check":
            # A check block may hold one scoped data source: checked like any other.
            for inner in block.body.blocks:
                if inner.type == "data" and inner.labels and self._ours(inner.labels[0]):
                    self._component(ComponentType.DATA_SOURCE, inner, inner.body, "data")
            return
        kind = _BLOCK_KINDS.get(block.type)
        if kind is None or not block.labels or not self._ours(block.labels[0]):
            return
        if kind in (ComponentType.ACTION, ComponentType.LIST_RESOURCE):
            self._configured(kind, block)
        else:
            self._component(kind, block, block.body, block.type)

    def _lookup(self, kind: ComponentType, block: HclBlock) -> Block | None:
        schema = self.schema
        assert schema is not None
        name = block.labels[0]
        component = schema.find(kind, name)
        if component is not None:
            return component.block or Block()
        word = kind.display_name.lower()
        names = [c.name for c in schema.of_kind(kind)]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        elsewhere = [
            k.display_name.lower()
            for k in ComponentType
            if k is not kind and schema.find(k, name) is not None
        ]
        if elsewhere:
            hint += f" ({name} is a {elsewhere[0]})"
        self._add(
            "example/unknown-component",
            block.line,
            f"{word} {name} is not in the schema of provider {self.short}{hint}",
        )
        return None

    def _component(self, kind: ComponentType, block: HclBlock, body: Body, keyword: str) -> None:
        schema_block = self._lookup(kind, block)
        if schema_block is None:
            return
        attrs, blocks = _META.get(keyword, (frozenset(), frozenset()))
        where = f"{kind.display_name.lower()} {block.labels[0]}"
        self._body(body, schema_block, where, block.line, attrs, blocks)

    def _configured(self, kind: ComponentType, block: HclBlock) -> None:
        """Actions and list resources: the schema describes their ``config`` block."""
        schema_block = self._lookup(kind, block)
        if schema_block is None:
            return
        meta = _ACTION_META if kind is ComponentType.ACTION else _LIST_META
        where = f"{kind.display_name.lower()} {block.labels[0]}"
        for attr in block.body.attributes:
            if attr.name not in meta:
                self._add(
                    "example/unknown-argument",
                    attr.line,
                    f"{where} has no argument {attr.name!r} here; put it in its config block",
                )
        configs = [b for b in block.body.blocks if b.type == "config"]
        for inner in block.body.blocks:
            if inner.type not in ("config", "lifecycle"):
                self._add(
                    "example/unknown-block", inner.line, f"{where} has no block {inner.type!r}"
                )
        for config in configs:
            self._body(config.body, schema_block, f"{where} config", config.line)
        if not configs and _has_required(schema_block) and not block.body.elided:
            self._add(
                "example/missing-block",
                block.line,
                f"{where} needs a config block (it has required arguments)",
            )

    def _body(
        self,
        body: Body,
        block: Block,
        where: str,
        line: int,
        meta_attrs: frozenset[str] = frozenset(),
        meta_blocks: frozenset[str] = frozenset(),
    ) -> None:
        attributes = {a.name: a for a in block.attributes}
        nested = {b.name: b for b in block.block_types}
        present: set[str] = set()
        counts: dict[str, int] = {}
        dynamic: set[str] = set()
        for attr in body.attributes:
            if attr.name in meta_attrs:
                continue
            present.add(attr.name)
            schema_attr = attributes.get(attr.name)
            if schema_attr is None:
                if attr.name in nested:
                    message = (
                        f"{where}: {attr.name!r} is a block, not an argument; "
                        f"write {attr.name} {{ ... }}"
                    )
                else:
                    message = f"{where} has no argument {attr.name!r}{_hint(attr.name, attributes)}"
                self._add("example/unknown-argument", attr.line, message)
                continue
            if schema_attr.computed and not schema_attr.optional and not schema_attr.required:
                self._add(
                    "example/read-only-argument",
                    attr.line,
                    f"{where}: {attr.name!r} is read-only (computed by the provider); remove it",
                )
                continue
            self._value(attr.value, schema_attr, f"{where}.{attr.name}")
        for child in body.blocks:
            name = child.type
            if name in meta_blocks:
                continue
            if name == "dynamic" and child.labels:
                name = child.labels[0]
                dynamic.add(name)
                inner = nested.get(name)
                if inner is None:
                    if not _block_like(attributes.get(name)):
                        self._add(
                            "example/unknown-block",
                            child.line,
                            f"{where} has no block {name!r}{_hint(name, nested)}",
                        )
                    continue
                for content in child.body.blocks:
                    if content.type == "content":
                        self._body(content.body, inner.block, f"{where}.{name}", content.line)
                continue
            inner = nested.get(name)
            if inner is None:
                schema_attr = attributes.get(name)
                if _block_like(schema_attr):
                    # SDKv2 "attributes as blocks": a list of objects written as blocks.
                    present.add(name)
                    assert schema_attr is not None and schema_attr.type is not None
                    obj = _object_of(schema_attr.type)
                    if obj is not None:
                        self._object_keys(child.body, obj, f"{where}.{name}")
                    continue
                if schema_attr is not None:
                    message = f"{where}: {name!r} is an argument, not a block; write {name} = ..."
                else:
                    message = f"{where} has no block {name!r}{_hint(name, nested)}"
                self._add("example/unknown-block", child.line, message)
                continue
            counts[name] = counts.get(name, 0) + 1
            limit = 1 if inner.nesting_mode in (NestingMode.SINGLE, NestingMode.GROUP) else 0
            limit = inner.max_items or limit
            if limit and counts[name] == limit + 1:
                self._add(
                    "example/too-many-blocks",
                    child.line,
                    f"{where}: at most {limit} {name!r} block{'s' if limit > 1 else ''} allowed",
                )
            self._body(child.body, inner.block, f"{where}.{name}", child.line)
        if body.elided:
            return  # abridged with '# ...': what is left out is not missing
        for schema_attr in block.attributes:
            if schema_attr.required and schema_attr.name not in present:
                self._add(
                    "example/missing-argument",
                    line,
                    f"{where}: required argument {schema_attr.name!r} is not set",
                )
        for inner in block.block_types:
            if inner.min_items > 0 and not counts.get(inner.name) and inner.name not in dynamic:
                self._add(
                    "example/missing-block",
                    line,
                    f"{where}: required block {inner.name!r} is missing "
                    f"(at least {inner.min_items})",
                )

    def _value(self, value: Expression, attr: Attribute, where: str) -> None:
        """Look inside literal objects given to nested or object-typed attributes."""
        if attr.nested is not None:
            self._nested(value, attr.nested, where)
        elif attr.type is not None:
            self._typed(value, attr.type, where)

    def _nested(self, value: Expression, nested: NestedAttributes, where: str) -> None:
        mode = nested.nesting_mode
        if mode in (NestingMode.SINGLE, NestingMode.GROUP):
            if value.kind == "object":
                self._object(value, nested.attributes, where)
        elif mode in (NestingMode.LIST, NestingMode.SET):
            if value.kind == "tuple":
                for element in value.elements:
                    if element.kind == "object":
                        self._object(element, nested.attributes, where)
        elif value.kind == "object":
            for item in value.items:
                if item.value.kind == "object":
                    self._object(item.value, nested.attributes, where)

    def _object(self, value: Expression, attributes: tuple[Attribute, ...], where: str) -> None:
        known = {a.name: a for a in attributes}
        present: set[str] = set()
        complete = not value.elided
        for item in value.items:
            if item.key is None:
                complete = False  # a computed key could be anything
                continue
            present.add(item.key)
            attr = known.get(item.key)
            if attr is None:
                self._add(
                    "example/unknown-argument",
                    item.line,
                    f"{where} has no attribute {item.key!r}{_hint(item.key, known)}",
                )
            elif attr.computed and not attr.optional and not attr.required:
                self._add(
                    "example/read-only-argument",
                    item.line,
                    f"{where}: {item.key!r} is read-only (computed by the provider); remove it",
                )
            else:
                self._value(item.value, attr, f"{where}.{item.key}")
        if complete:
            for attr in attributes:
                if attr.required and attr.name not in present:
                    self._add(
                        "example/missing-argument",
                        value.line,
                        f"{where}: required attribute {attr.name!r} is not set",
                    )

    def _typed(self, value: Expression, cty: CtyType, where: str) -> None:
        if cty.kind == "object" and value.kind == "object":
            self._object_items(value.items, cty, where)
        elif cty.kind in ("list", "set") and cty.element is not None and value.kind == "tuple":
            for element in value.elements:
                self._typed(element, cty.element, where)
        elif cty.kind == "map" and cty.element is not None and value.kind == "object":
            for item in value.items:
                self._typed(item.value, cty.element, where)

    def _object_items(self, items: tuple[ObjectItem, ...], cty: CtyType, where: str) -> None:
        self._object_members(
            ((i.key, i.line, i.value) for i in items if i.key is not None), cty, where
        )

    def _object_keys(self, body: Body, obj: CtyType, where: str) -> None:
        self._object_members(((a.name, a.line, a.value) for a in body.attributes), obj, where)
        for child in body.blocks:
            self._add("example/unknown-block", child.line, f"{where} has no block {child.type!r}")

    def _object_members(
        self, members_set: Iterable[tuple[str, int, Expression]], obj: CtyType, where: str
    ) -> None:
        """Each ``key = value`` set on an object type: a known attribute of the right shape."""
        members = dict(obj.attributes)
        for key, line, value in members_set:
            member = members.get(key)
            if member is None:
                self._add(
                    "example/unknown-argument",
                    line,
                    f"{where} has no attribute {key!r}{_hint(key, members)}",
                )
            else:
                self._typed(value, member, f"{where}.{key}")

    def _calls(self, body: Body) -> None:
        self._check_calls(all_calls(body))

    def _check_calls(self, calls: Iterable[FunctionCall]) -> None:
        prefix = f"provider::{self.short}::"
        for call in calls:
            if not call.name.startswith(prefix):
                continue
            name = call.name[len(prefix) :]
            component = self._functions.get(name)
            if component is None or component.function is None:
                close = difflib.get_close_matches(name, sorted(self._functions), n=1)
                hint = f"; did you mean {prefix}{close[0]}?" if close else ""
                self._add(
                    "example/unknown-function",
                    call.line,
                    f"function {call.name} is not in the schema of provider {self.short}{hint}",
                    call.column,
                )
                continue
            function = component.function
            fixed = len(function.parameters)
            variadic = function.variadic_parameter is not None
            count = call.arg_count
            if call.expanded:
                ok = variadic or count - 1 <= fixed
            else:
                ok = count >= fixed if variadic else count == fixed
            if ok:
                continue
            names = ", ".join(p.name for p in function.parameters)
            if variadic:
                assert function.variadic_parameter is not None
                names += (", " if names else "") + f"{function.variadic_parameter.name}..."
                wanted = f"at least {fixed} argument{'s' if fixed != 1 else ''}"
            else:
                wanted = f"{fixed} argument{'s' if fixed != 1 else ''}"
            self._add(
                "example/function-arity",
                call.line,
                f"function {call.name} takes {wanted} ({names}), got {count}",
                call.column,
            )


def _abridged(body: Body) -> bool:
    """Whether a block or object anywhere in ``body`` leaves content out with ``# ...``."""
    bodies = [body]
    values: list[Expression] = []
    while bodies or values:
        if values:
            value = values.pop()
            if value.elided:
                return True
            values.extend(value.elements)
            values.extend(item.value for item in value.items)
            continue
        current = bodies.pop()
        if current.elided and current is not body:
            return True
        bodies.extend(block.body for block in current.blocks)
        values.extend(attribute.value for attribute in current.attributes)
    return False


def _has_required(block: Block) -> bool:
    return any(a.required for a in block.attributes) or any(
        b.min_items > 0 for b in block.block_types
    )


def _object_of(cty: CtyType) -> CtyType | None:
    if cty.kind == "object":
        return cty
    if cty.kind in ("list", "set") and cty.element is not None and cty.element.kind == "object":
        return cty.element
    return None


def _block_like(attr: Attribute | None) -> bool:
    """True for an attribute that Terraform also accepts in block syntax (list of objects)."""
    return attr is not None and attr.type is not None and _object_of(attr.type) is not None


def _hint(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
