"""A tfprotov6 ``GetProviderSchema`` response (and identity schemas) in the shape
``terraform providers schema -json`` prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from plating.errors import SchemaError

_NESTING_BLOCK = {1: "single", 2: "list", 3: "set", 4: "map", 5: "group"}
_NESTING_OBJECT = {1: "single", 2: "list", 3: "set", 4: "map"}


def protocol_to_json(address: str, response: Any, identities: Any = None) -> dict[str, Any]:
    """A GetProviderSchema response (and identity schemas) in the shape Terraform prints.

    Follows Terraform's own marshalling: empty maps, empty strings and false flags are
    left out; ``description_kind`` is always present on blocks and attributes; actions have
    no ``version``; nested attribute types carry no min/max items.
    """
    provider: dict[str, Any] = {"provider": _schema(response.provider)}
    identity_map = getattr(identities, "identity_schemas", None) or {}
    sections: list[tuple[str, Any, Callable[[Any], dict[str, Any]]]] = [
        ("resource_schemas", response.resource_schemas, _schema),
        ("data_source_schemas", response.data_source_schemas, _schema),
        ("ephemeral_resource_schemas", response.ephemeral_resource_schemas, _schema),
        ("functions", response.functions, _function),
        ("resource_identity_schemas", identity_map, _identity),
        ("list_resource_schemas", getattr(response, "list_resource_schemas", None), _schema),
        ("action_schemas", getattr(response, "action_schemas", None), _action),
        ("state_store_schemas", getattr(response, "state_store_schemas", None), _schema),
    ]
    for key, members, convert in sections:
        if members:
            provider[key] = {name: convert(members[name]) for name in sorted(members)}
    return {"format_version": "1.0", "provider_schemas": {address: provider}}


def _has(message: Any, name: str) -> bool:
    has_field = getattr(message, "HasField", None)
    if callable(has_field):
        return bool(has_field(name))
    return getattr(message, name, None) is not None


def _schema(schema: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"version": int(schema.version)}
    if _has(schema, "block"):
        out["block"] = _block(schema.block)
    return out


def _action(action: Any) -> dict[str, Any]:
    if _has(action, "schema") and _has(action.schema, "block"):
        return {"block": _block(action.schema.block)}
    return {}


def _kind(value: Any) -> str:
    return "markdown" if int(value or 0) == 1 else "plain"


def _type(raw: bytes | str, where: str) -> Any:
    try:
        decoded = json.loads(raw)
    except ValueError as exc:
        raise SchemaError(f"{where}: the provider sent a type that is not JSON: {raw!r}") from exc
    return _normalise_type(decoded)


def _normalise_type(value: Any) -> Any:
    """As cty marshals types: object members normalised, optional attribute names sorted."""
    if isinstance(value, list) and len(value) >= 2:
        if value[0] == "object" and isinstance(value[1], dict):
            members = {k: _normalise_type(v) for k, v in value[1].items()}
            rest = [sorted(value[2])] if len(value) > 2 and value[2] else []
            return ["object", members, *rest]
        if value[0] == "tuple" and isinstance(value[1], list):
            return ["tuple", [_normalise_type(v) for v in value[1]]]
        return [value[0], _normalise_type(value[1])]
    return value


def _block(block: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attributes = {a.name: _attribute(a) for a in block.attributes}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    block_types = {b.type_name: _block_type(b) for b in block.block_types}
    if block_types:
        out["block_types"] = dict(sorted(block_types.items()))
    if block.description:
        out["description"] = block.description
    out["description_kind"] = _kind(block.description_kind)
    if block.deprecated:
        out["deprecated"] = True
    return out


def _block_type(nested: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    mode = _NESTING_BLOCK.get(int(nested.nesting))
    if mode:
        out["nesting_mode"] = mode
    out["block"] = _block(nested.block)
    if nested.min_items:
        out["min_items"] = int(nested.min_items)
    if nested.max_items:
        out["max_items"] = int(nested.max_items)
    return out


def _attribute(attribute: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if _has(attribute, "nested_type"):
        out["nested_type"] = _nested_type(attribute.nested_type)
    elif attribute.type:
        out["type"] = _type(attribute.type, f"attribute {attribute.name}")
    if attribute.description:
        out["description"] = attribute.description
    out["description_kind"] = _kind(attribute.description_kind)
    for flag in ("deprecated", "required", "optional", "computed", "sensitive", "write_only"):
        if getattr(attribute, flag, False):
            out[flag] = True
    return out


def _nested_type(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attributes = {a.name: _attribute(a) for a in obj.attributes}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    mode = _NESTING_OBJECT.get(int(obj.nesting))
    if mode:
        out["nesting_mode"] = mode
    return out


def _function(function: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if function.description:
        out["description"] = function.description
    if function.summary:
        out["summary"] = function.summary
    if function.deprecation_message:
        out["deprecation_message"] = function.deprecation_message
    returned = getattr(function, "return")
    out["return_type"] = _type(returned.type, "function return type")
    parameters = [_parameter(p) for p in function.parameters]
    if parameters:
        out["parameters"] = parameters
    if _has(function, "variadic_parameter"):
        out["variadic_parameter"] = _parameter(function.variadic_parameter)
    return out


def _parameter(parameter: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": parameter.name}
    if parameter.description:
        out["description"] = parameter.description
    if parameter.allow_null_value:
        out["is_nullable"] = True
    out["type"] = _type(parameter.type, f"parameter {parameter.name}")
    return out


def _identity(identity: Any) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for attribute in identity.identity_attributes:
        entry: dict[str, Any] = {"type": _type(attribute.type, f"identity {attribute.name}")}
        if attribute.description:
            entry["description"] = attribute.description
        if attribute.required_for_import:
            entry["required_for_import"] = True
        if attribute.optional_for_import:
            entry["optional_for_import"] = True
        attributes[attribute.name] = entry
    out: dict[str, Any] = {"version": int(identity.version)}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    return out
