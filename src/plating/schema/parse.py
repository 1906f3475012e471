"""``terraform providers schema -json`` -> :class:`ProviderSchema` (pure)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import SchemaError
from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.schema.model import (
    Attribute,
    Block,
    Component,
    CtyType,
    Function,
    Identity,
    IdentityAttribute,
    NestedAttributes,
    NestedBlock,
    NestingMode,
    Parameter,
    ProviderSchema,
    short_provider_name,
)

if TYPE_CHECKING:
    from plating.schema.sources import SchemaSource

# Primitive types are immutable values: one shared instance each (thousands per schema).
_PRIMITIVES = {name: CtyType(name) for name in ("string", "number", "bool", "dynamic")}
_COLLECTIONS = frozenset({"list", "set", "map"})
_MAX_DEPTH = 64
# Attribute flags in the order of the Attribute dataclass fields that follow description_kind.
_FLAG_KEYS = (
    "required",
    "optional",
    "computed",
    "sensitive",
    "deprecated",
    "write_only",
)  # deeper than any real provider; stops runaway recursion with a clear error


def load_schema_file(path: Path, provider_name: str | None = None) -> ProviderSchema:
    """Read a schema file and select one provider from it."""
    from plating.schema.sources.json_file import JsonFileSource

    source = JsonFileSource(path)
    return parse_source_document(source.load_document(), provider_name, source)


def parse_schema_text(
    raw: bytes | str, provider_name: str | None = None, *, source: str = "<schema>"
) -> ProviderSchema:
    """Parse schema JSON text and select one provider; errors name the line and column."""
    from plating.schema.sources.json_file import decode_schema_json, schema_text, with_line

    document = decode_schema_json(raw, source)
    try:
        return parse_schema_document(document, provider_name, source=source)
    except SchemaError as exc:
        text = schema_text(raw) if isinstance(raw, bytes) else raw
        located = with_line(exc, source, text)
        if located is exc:
            raise
        raise located from exc


def parse_source_document(
    document: Any, provider_name: str | None, source: SchemaSource
) -> ProviderSchema:
    """:func:`parse_schema_document` of ``source``'s document; a schema file's errors name
    the line and column of the problem (``source.with_line``)."""
    try:
        return parse_schema_document(document, provider_name, source=source.description)
    except SchemaError as exc:
        with_line = getattr(source, "with_line", None)
        located = with_line(exc) if callable(with_line) else exc
        if located is exc:
            raise
        raise located from exc


def parse_schema_document(
    document: Any, provider_name: str | None = None, *, source: str = "<schema>"
) -> ProviderSchema:
    """Select one provider from a decoded schema document and build its model."""
    parser = _Parser(source)
    return parser.document(document, provider_name)


def provider_addresses(document: Any) -> list[str]:
    """The provider addresses present in a decoded schema document."""
    schemas = document.get("provider_schemas") if isinstance(document, dict) else None
    return sorted(schemas) if isinstance(schemas, dict) else []


def match_provider(addresses: list[str], provider_name: str | None, source: str) -> str:
    """Pick the address whose last segment names the provider."""
    if provider_name is None:
        if len(addresses) == 1:
            return addresses[0]
        if not addresses:
            raise SchemaError(f"{source}: the schema holds no provider (provider_schemas is empty)")
        listed = ", ".join(addresses)
        raise SchemaError(
            f"{source}: the schema holds several providers ({listed}); "
            "choose one with --provider-name"
        )
    wanted = short_provider_name(provider_name)
    exact = [a for a in addresses if a == provider_name]
    if exact:
        return exact[0]
    matches = [a for a in addresses if short_provider_name(a) == wanted]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(addresses) or "none"
    if not matches:
        raise SchemaError(
            f"{source}: no provider named {wanted!r} in the schema (it holds: {listed}); "
            "check --provider-name"
        )
    raise SchemaError(
        f"{source}: several providers are named {wanted!r} ({', '.join(matches)}); "
        "pass the full address as --provider-name"
    )


class _Parser:
    """Turns decoded JSON into the model, naming the JSON path of any problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> SchemaError:
        return SchemaError(f"{self.source}: {where}: {message}", where=where, detail=message)

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a JSON object, found {_json_kind(value)}")
        return value

    def string(self, value: Any, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, found {_json_kind(value)}")
        return value

    def description_kind(self, body: Mapping[str, Any], where: str) -> str:
        kind = self.string(body.get("description_kind"), f"{where}.description_kind")
        return kind or "plain"

    def flag(self, value: Any, where: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(where, f"expected true or false, found {_json_kind(value)}")
        return value

    def integer(self, value: Any, where: str) -> int:
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, f"expected a non-negative integer, found {value!r}")
        return value

    def document(self, document: Any, provider_name: str | None) -> ProviderSchema:
        top = self.mapping(document, "top level")
        version = top.get("format_version")
        if version not in ("1.0", "0.1", None) and not (
            isinstance(version, str) and version.startswith("1.")
        ):
            raise self.fail(
                "format_version", f"unsupported format {version!r} (expected 1.x or 0.1)"
            )
        if "provider_schemas" not in top:
            raise self.fail(
                "top level",
                "no provider_schemas key; is this the output of "
                "`terraform providers schema -json`?",
            )
        schemas = self.mapping(top.get("provider_schemas"), "provider_schemas")
        address = match_provider(sorted(schemas), provider_name, self.source)
        return self.provider(
            address, self.mapping(schemas[address], f"provider_schemas[{address!r}]")
        )

    def provider(self, address: str, raw: Mapping[str, Any]) -> ProviderSchema:
        where = f"provider_schemas[{address!r}]"
        short = short_provider_name(address)
        if not short or not short.isprintable():
            raise self.fail(
                where,
                f"the provider address does not end in a usable provider name ({short!r}); "
                "expected an address like registry.terraform.io/acme/demo",
            )
        provider_raw = raw.get("provider")
        if provider_raw is None:
            provider = Component(ComponentType.PROVIDER, short, block=Block())
        else:
            provider = self.component(
                ComponentType.PROVIDER, short, provider_raw, f"{where}.provider"
            )
        identities_raw = self.mapping(
            raw.get("resource_identity_schemas") or {}, f"{where}.resource_identity_schemas"
        )
        components: dict[ComponentType, tuple[Component, ...]] = {}
        for kind in COMPONENT_KINDS:
            key = kind.info.schema_key
            section = self.mapping(raw.get(key) or {}, f"{where}.{key}")
            built: list[Component] = []
            for name in sorted(section):
                item_where = f"{where}.{key}[{name!r}]"
                if kind is ComponentType.FUNCTION:
                    function = self.function(section[name], item_where)
                    built.append(Component(kind, name, function=function))
                    continue
                component = self.component(kind, name, section[name], item_where)
                if kind is ComponentType.RESOURCE and name in identities_raw:
                    identity = self.identity(
                        identities_raw[name], f"{where}.resource_identity_schemas[{name!r}]"
                    )
                    component = Component(
                        kind,
                        name,
                        block=component.block,
                        identity=identity,
                        version=component.version,
                    )
                built.append(component)
            if built:
                components[kind] = tuple(built)
        return ProviderSchema(address=address, provider=provider, components=components)

    def component(self, kind: ComponentType, name: str, raw: Any, where: str) -> Component:
        body = self.mapping(raw, where)
        version = self.integer(body.get("version"), f"{where}.version")
        block = self.block(body.get("block") or {}, f"{where}.block", 0)
        return Component(kind, name, block=block, version=version)

    def block(self, raw: Any, where: str, depth: int) -> Block:
        if depth > _MAX_DEPTH:
            raise self.fail(where, f"blocks nested deeper than {_MAX_DEPTH} levels")
        body = self.mapping(raw, where)
        attrs_raw = self.mapping(body.get("attributes") or {}, f"{where}.attributes")
        blocks_raw = self.mapping(body.get("block_types") or {}, f"{where}.block_types")
        attributes = tuple(
            self.attribute(n, attrs_raw[n], f"{where}.attributes.{n}", depth)
            for n in sorted(attrs_raw)
        )
        block_types = tuple(
            self.nested_block(n, blocks_raw[n], f"{where}.block_types.{n}", depth)
            for n in sorted(blocks_raw)
        )
        return Block(
            attributes=attributes,
            block_types=block_types,
            description=self.string(body.get("description"), f"{where}.description"),
            description_kind=self.description_kind(body, where),
            deprecated=self.flag(body.get("deprecated"), f"{where}.deprecated"),
        )

    def nested_block(self, name: str, raw: Any, where: str, depth: int) -> NestedBlock:
        body = self.mapping(raw, where)
        return NestedBlock(
            name=name,
            nesting_mode=self.nesting(body.get("nesting_mode"), f"{where}.nesting_mode"),
            block=self.block(body.get("block") or {}, f"{where}.block", depth + 1),
            min_items=self.integer(body.get("min_items"), f"{where}.min_items"),
            max_items=self.integer(body.get("max_items"), f"{where}.max_items"),
        )

    def nesting(self, raw: Any, where: str) -> NestingMode:
        try:
            return NestingMode(raw)
        except ValueError:
            modes = ", ".join(m.value for m in NestingMode)
            raise self.fail(
                where, f"unknown nesting mode {raw!r} (expected one of {modes})"
            ) from None

    def attribute(self, name: str, raw: Any, where: str, depth: int) -> Attribute:
        if depth > _MAX_DEPTH:
            raise self.fail(where, f"attributes nested deeper than {_MAX_DEPTH} levels")
        body = self.mapping(raw, where)
        cty: CtyType | None = None
        nested: NestedAttributes | None = None
        if body.get("nested_type") is not None:
            nested = self.nested_attributes(body["nested_type"], f"{where}.nested_type", depth)
        elif "type" in body:
            cty = self.cty(body["type"], where, 0)
        else:
            raise self.fail(where, "attribute has neither `type` nor `nested_type`")
        flags = [body.get(key) for key in _FLAG_KEYS]
        for key, value in zip(_FLAG_KEYS, flags, strict=True):
            # Only a wrong value pays for building the message.
            if value is not None and value is not True and value is not False:
                raise self.fail(
                    f"{where}.{key}", f"expected true or false, found {_json_kind(value)}"
                )
        description = body.get("description")
        if description is not None and not isinstance(description, str):
            raise self.fail(
                f"{where}.description", f"expected a string, found {_json_kind(description)}"
            )
        kind = body.get("description_kind")
        return Attribute(
            name,
            cty,
            nested,
            description or "",
            kind if isinstance(kind, str) and kind else "plain",
            *(flag is True for flag in flags),
        )

    def nested_attributes(self, raw: Any, where: str, depth: int) -> NestedAttributes:
        body = self.mapping(raw, where)
        attrs_raw = self.mapping(body.get("attributes") or {}, f"{where}.attributes")
        return NestedAttributes(
            nesting_mode=self.nesting(body.get("nesting_mode"), f"{where}.nesting_mode"),
            attributes=tuple(
                self.attribute(n, attrs_raw[n], f"{where}.attributes.{n}", depth + 1)
                for n in sorted(attrs_raw)
            ),
            min_items=self.integer(body.get("min_items"), f"{where}.min_items"),
            max_items=self.integer(body.get("max_items"), f"{where}.max_items"),
        )

    def cty(self, raw: Any, where: str, depth: int) -> CtyType:
        if depth > _MAX_DEPTH:
            raise self.fail(where, f"type nested deeper than {_MAX_DEPTH} levels")
        if isinstance(raw, str):
            primitive = _PRIMITIVES.get(raw)
            if primitive is not None:
                return primitive
            raise self.fail(where, f"unknown type {raw!r}")
        if isinstance(raw, list) and len(raw) >= 2 and isinstance(raw[0], str):
            head = raw[0]
            if head in _COLLECTIONS and len(raw) == 2:
                return CtyType(head, element=self.cty(raw[1], where, depth + 1))
            if head == "object" and len(raw) in (2, 3):
                members = self.mapping(raw[1], where)
                optional: frozenset[str] = frozenset()
                if len(raw) == 3:
                    if not isinstance(raw[2], list) or not all(isinstance(x, str) for x in raw[2]):
                        raise self.fail(where, "object optional-attribute list must be strings")
                    optional = frozenset(raw[2])
                return CtyType(
                    "object",
                    attributes=tuple(
                        (n, self.cty(members[n], where, depth + 1)) for n in sorted(members)
                    ),
                    optional_attributes=optional,
                )
            if head == "tuple" and len(raw) == 2 and isinstance(raw[1], list):
                return CtyType(
                    "tuple", elements=tuple(self.cty(t, where, depth + 1) for t in raw[1])
                )
        raise self.fail(where, f"unknown type expression {json.dumps(raw)[:80]}")

    def identity(self, raw: Any, where: str) -> Identity:
        body = self.mapping(raw, where)
        attrs_raw = self.mapping(body.get("attributes") or {}, f"{where}.attributes")
        attributes: list[IdentityAttribute] = []
        for name in sorted(attrs_raw):
            item = self.mapping(attrs_raw[name], f"{where}.attributes.{name}")
            attributes.append(
                IdentityAttribute(
                    name=name,
                    type=self.cty(
                        item.get("type", "dynamic"), f"{where}.attributes.{name}.type", 0
                    ),
                    description=self.string(item.get("description"), f"{where}.attributes.{name}"),
                    required_for_import=self.flag(
                        item.get("required_for_import"), f"{where}.attributes.{name}"
                    ),
                    optional_for_import=self.flag(
                        item.get("optional_for_import"), f"{where}.attributes.{name}"
                    ),
                )
            )
        return Identity(
            version=self.integer(body.get("version"), f"{where}.version"),
            attributes=tuple(attributes),
        )

    def parameter(self, raw: Any, where: str, index: int) -> Parameter:
        body = self.mapping(raw, where)
        name = self.string(body.get("name"), f"{where}.name") or f"arg{index}"
        return Parameter(
            name=name,
            type=self.cty(body.get("type", "dynamic"), f"{where}.type", 0),
            description=self.string(body.get("description"), f"{where}.description"),
            description_kind=self.description_kind(body, where),
            allow_null_value=self.flag(
                body.get("is_nullable", body.get("allow_null_value")), f"{where}.is_nullable"
            ),
            allow_unknown_values=self.flag(
                body.get("allow_unknown_values"), f"{where}.allow_unknown_values"
            ),
        )

    def function(self, raw: Any, where: str) -> Function:
        body = self.mapping(raw, where)
        params_raw = body.get("parameters") or []
        if not isinstance(params_raw, list):
            raise self.fail(
                f"{where}.parameters", f"expected a list, found {_json_kind(params_raw)}"
            )
        variadic_raw = body.get("variadic_parameter")
        if "return_type" not in body:
            raise self.fail(where, "function has no return_type")
        return Function(
            return_type=self.cty(body["return_type"], f"{where}.return_type", 0),
            parameters=tuple(
                self.parameter(p, f"{where}.parameters[{i}]", i) for i, p in enumerate(params_raw)
            ),
            variadic_parameter=(
                self.parameter(variadic_raw, f"{where}.variadic_parameter", len(params_raw))
                if variadic_raw is not None
                else None
            ),
            summary=self.string(body.get("summary"), f"{where}.summary"),
            description=self.string(body.get("description"), f"{where}.description"),
            description_kind=self.description_kind(body, where),
            deprecation_message=self.string(
                body.get("deprecation_message"), f"{where}.deprecation_message"
            ),
        )


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
