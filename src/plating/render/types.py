"""Names of Terraform types as the Registry pages print them."""

from __future__ import annotations

from plating.schema.model import CtyType

_TITLE = {"string": "String", "number": "Number", "bool": "Boolean", "dynamic": "Dynamic"}
_COLLECTION_TITLE = {"list": "List", "set": "Set", "map": "Map"}
_FRIENDLY = {"string": "string", "number": "number", "bool": "bool", "dynamic": "dynamic"}


def type_title(cty: CtyType) -> str:
    """``List of String`` style, used in schema and argument lines."""
    if cty.element is not None:
        return f"{_COLLECTION_TITLE[cty.kind]} of {type_title(cty.element)}"
    if cty.kind == "object":
        return "Object"
    if cty.kind == "tuple":
        return "Tuple"
    return _TITLE.get(cty.kind, cty.kind.title())


def type_friendly(cty: CtyType) -> str:
    """``list of string`` style, used in function signatures."""
    if cty.element is not None:
        return f"{cty.kind} of {type_friendly(cty.element)}"
    if cty.kind in ("object", "tuple"):
        return cty.kind
    return _FRIENDLY.get(cty.kind, cty.kind)


def object_inside(cty: CtyType) -> CtyType | None:
    """The object type an attribute holds directly or through collections, if any."""
    while cty.element is not None:
        cty = cty.element
    return cty if cty.kind == "object" else None
