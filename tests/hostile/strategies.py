"""Hypothesis strategies that generate whole ``terraform providers schema -json`` documents.

Every part of the format is covered: all eight kinds of component, blocks nested in every
nesting mode, nested attributes (protocol 6), cty types (primitives, collections, objects with
optional attributes, tuples), every attribute flag, identities, functions with parameters and
a variadic parameter, and descriptions built from Markdown- and YAML-hostile fragments.

``hostile_names=True`` also draws component names that must never become file names
(``../x``, ``a/b``, ``C:\\x``, NUL, ...): plating has to refuse them with a clean error.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

PROVIDER = "demo"
ADDRESS = f"registry.terraform.io/acme/{PROVIDER}"

#: Section key of each kind in the document (the provider is the ``provider`` block).
KIND_KEYS = (
    "resource_schemas",
    "data_source_schemas",
    "ephemeral_resource_schemas",
    "action_schemas",
    "list_resource_schemas",
    "state_store_schemas",
)

#: Text that breaks naive YAML front matter or Markdown, or that a template engine might run.
HOSTILE_FRAGMENTS = (
    "---",
    "\n---\n",
    "...",
    ": ",
    "key: value",
    "- item",
    '"',
    "'",
    "\\",
    "\t",
    "\r\n",
    "\r",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "#",
    "# Heading",
    "\n# Heading\n",
    "## Schema",
    "*",
    "&anchor",
    "*alias",
    "!!python/object:os.system",
    "%YAML 1.2",
    "{{ 7 * 7 }}",
    "{% if x %}",
    "{#",
    "<a id='x'>",
    "</details>",
    "<!--",
    "[link](../x.md)",
    "[broken](#nowhere)",
    "`code`",
    "|",
    ">",
    "@",
    "${var.x}",
    "%{ if }",
    "é",
    "日本語",
    "🙂",
    "\U0001f9d1\u200d\U0001f373",
    "  leading",
    "trailing  ",
    "\n\n",
)

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789_"
IDENT = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet=_ALNUM, max_size=8),
)
_MODES = ["single", "group", "list", "set", "map"]
_PRIMITIVES = ["string", "number", "bool", "dynamic"]


@st.composite
def descriptions(draw: st.DrawFn) -> str:
    """Descriptions: empty, plain text, or hostile fragments mixed with arbitrary text."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(HOSTILE_FRAGMENTS),
                st.text(max_size=12),
                st.text(alphabet="abc xyz.", min_size=1, max_size=20),
            ),
            max_size=4,
        )
    )
    return "".join(parts)


@st.composite
def cty_types(draw: st.DrawFn, depth: int = 2) -> Any:
    """cty types in the JSON notation: primitives, collections, objects (with optional
    attributes) and tuples, nested ``depth`` levels."""
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(_PRIMITIVES))
    kind = draw(st.sampled_from(["list", "set", "map", "object", "tuple"]))
    if kind == "object":
        members = {
            name: draw(cty_types(depth - 1))
            for name in draw(st.lists(IDENT, max_size=3, unique=True))
        }
        optional = [name for name in sorted(members) if draw(st.booleans())]
        return ["object", members, optional] if optional else ["object", members]
    if kind == "tuple":
        return ["tuple", [draw(cty_types(depth - 1)) for _ in range(draw(st.integers(0, 3)))]]
    return [kind, draw(cty_types(depth - 1))]


_USAGE = [
    {"required": True},
    {"optional": True},
    {"computed": True},
    {"optional": True, "computed": True},
]
_FLAG_KEYS = ("required", "optional", "computed", "sensitive", "deprecated", "write_only")


@st.composite
def _flags(draw: st.DrawFn) -> dict[str, bool]:
    """Mostly a consistent set (one of required/optional/computed), rarely any mix at all
    (which plating refuses as tfplugindocs does)."""
    # Hypothesis favours boundary values: the rare branch sits in the middle of the range.
    if draw(st.integers(0, 99)) == 50:
        return {key: draw(st.booleans()) for key in _FLAG_KEYS if draw(st.booleans())}
    flags = dict(draw(st.sampled_from(_USAGE)))
    for key in ("sensitive", "deprecated", "write_only"):
        if draw(st.integers(0, 3)) == 0:
            flags[key] = draw(st.booleans())
    return flags


@st.composite
def _described(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if draw(st.booleans()):
        found["description"] = draw(descriptions())
    if draw(st.integers(0, 3)) == 0:
        found["description_kind"] = draw(st.sampled_from(["plain", "markdown"]))
    return found


@st.composite
def _limits(draw: st.DrawFn, most: int) -> tuple[int, int]:
    """``(min_items, max_items)`` as providers declare them: no maximum (0) or max >= min."""
    low = draw(st.integers(0, most))
    high = draw(st.just(0) | st.integers(max(low, 1), low + 3))
    return low, high


@st.composite
def attributes(draw: st.DrawFn, depth: int = 1) -> dict[str, Any]:
    """A block's ``attributes``: typed attributes, and nested attributes ``depth`` deep."""
    found: dict[str, Any] = {}
    for name in draw(st.lists(IDENT, max_size=3, unique=True)):
        if depth > 0 and draw(st.integers(0, 3)) == 0:
            low, high = draw(_limits(2))
            spec: dict[str, Any] = {
                "nested_type": {
                    "nesting_mode": draw(st.sampled_from(["single", "list", "set", "map"])),
                    "attributes": draw(attributes(depth - 1)),
                    "min_items": low,
                    "max_items": high,
                }
            }
        else:
            spec = {"type": draw(cty_types())}
        found[name] = {**spec, **draw(_flags()), **draw(_described())}
    return found


@st.composite
def blocks(draw: st.DrawFn, depth: int = 2) -> dict[str, Any]:
    """A schema block with attributes and nested blocks in every nesting mode."""
    block: dict[str, Any] = {"attributes": draw(attributes()), "block_types": {}}
    if depth > 0:
        for name in draw(st.lists(IDENT, max_size=2, unique=True)):
            low, high = draw(_limits(2))
            block["block_types"][name] = {
                "nesting_mode": draw(st.sampled_from(_MODES)),
                "block": draw(blocks(depth - 1)),
                "min_items": low,
                "max_items": high,
            }
    block.update(draw(_described()))
    deprecated = draw(st.none() | st.booleans())
    if deprecated is not None:
        block["deprecated"] = deprecated
    return block


@st.composite
def components(draw: st.DrawFn) -> dict[str, Any]:
    return {"version": draw(st.integers(0, 3)), "block": draw(blocks())}


@st.composite
def identities(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in draw(st.lists(IDENT, min_size=1, max_size=3, unique=True)):
        found[name] = {
            "type": draw(cty_types(1)),
            "description": draw(descriptions()),
            "required_for_import": draw(st.booleans()),
            "optional_for_import": draw(st.booleans()),
        }
    return {"version": draw(st.integers(0, 2)), "attributes": found}


@st.composite
def parameters(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {"name": draw(IDENT), "type": draw(cty_types())}
    for key in ("is_nullable", "allow_unknown_values"):
        if draw(st.booleans()):
            found[key] = draw(st.booleans())
    return {**found, **draw(_described())}


@st.composite
def functions(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {
        "parameters": draw(st.lists(parameters(), max_size=3)),
        "return_type": draw(cty_types()),
    }
    if draw(st.booleans()):
        found["variadic_parameter"] = draw(parameters())
    for key in ("summary", "deprecation_message"):
        if draw(st.integers(0, 2)) == 0:
            found[key] = draw(descriptions())
    return {**found, **draw(_described())}


#: Names no file may be named after; plating must refuse them cleanly.
HOSTILE_NAMES = (
    "../escape",
    f"{PROVIDER}_../../escape",
    "a/b",
    f"{PROVIDER}_a/b",
    "/etc/passwd",
    "C:\\x",
    "C:x",
    f"{PROVIDER}_x\\..\\y",
    "x\x00y",
    "",
    ".",
    "..",
    f"{PROVIDER}_..",
    "name with space",
    "\n",
)


def component_names(hostile: bool) -> st.SearchStrategy[str]:
    safe = IDENT.map(lambda n: f"{PROVIDER}_{n}")
    if not hostile:
        return safe
    return st.one_of(safe, safe, safe, st.sampled_from(HOSTILE_NAMES))


@st.composite
def schema_documents(draw: st.DrawFn, hostile_names: bool = False) -> dict[str, Any]:
    """A whole schema document with one provider and components of every kind."""
    names = component_names(hostile_names)
    provider: dict[str, Any] = {}
    if draw(st.booleans()):
        provider["provider"] = draw(components())
    for key in KIND_KEYS:
        if draw(st.integers(0, 3)) == 0:
            continue
        provider[key] = {
            n: draw(components()) for n in draw(st.lists(names, max_size=2, unique=True))
        }
    if draw(st.booleans()):
        function_names = names.map(lambda n: n.removeprefix(f"{PROVIDER}_"))
        provider["functions"] = {
            n: draw(functions()) for n in draw(st.lists(function_names, max_size=2, unique=True))
        }
    resources = sorted(provider.get("resource_schemas", {}))
    if resources and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(resources), max_size=2, unique=True))
        provider["resource_identity_schemas"] = {name: draw(identities()) for name in chosen}
    version = draw(st.sampled_from(["1.0", "1.2", "0.1"]))
    return {"format_version": version, "provider_schemas": {ADDRESS: provider}}
