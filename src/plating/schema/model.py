"""The typed, frozen model of a provider schema. Raw JSON stops at :mod:`plating.schema.parse`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from plating.schema.kinds import ComponentType


class NestingMode(Enum):
    """How a nested block or nested attribute repeats."""

    SINGLE = "single"
    GROUP = "group"
    LIST = "list"
    SET = "set"
    MAP = "map"


@dataclass(frozen=True, slots=True)
class CtyType:
    """A Terraform (cty) type.

    ``kind`` is a primitive name (``string``, ``number``, ``bool``, ``dynamic``) or a constructor
    (``list``, ``set``, ``map``, ``object``, ``tuple``).
    """

    kind: str
    element: CtyType | None = None  # list, set, map
    attributes: tuple[tuple[str, CtyType], ...] = ()  # object, sorted by name
    optional_attributes: frozenset[str] = frozenset()  # object attributes marked optional
    elements: tuple[CtyType, ...] = ()  # tuple

    @property
    def is_object(self) -> bool:
        return self.kind == "object"

    def to_json(self) -> object:
        """The type in the ``providers schema -json`` notation."""
        if self.element is not None:
            return [self.kind, self.element.to_json()]
        if self.kind == "object":
            attrs = {name: t.to_json() for name, t in self.attributes}
            if self.optional_attributes:
                return ["object", attrs, sorted(self.optional_attributes)]
            return ["object", attrs]
        if self.kind == "tuple":
            return ["tuple", [t.to_json() for t in self.elements]]
        return self.kind


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of a block: typed (``type``) or nested (``nested``)."""

    name: str
    type: CtyType | None = None
    nested: NestedAttributes | None = None
    description: str = ""
    description_kind: str = "plain"
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False
    deprecated: bool = False
    write_only: bool = False


@dataclass(frozen=True, slots=True)
class NestedAttributes:
    """The ``nested_type`` of an attribute (protocol 6 nested attributes)."""

    nesting_mode: NestingMode
    attributes: tuple[Attribute, ...] = ()
    min_items: int = 0
    max_items: int = 0


@dataclass(frozen=True, slots=True)
class Block:
    """A schema block: attributes plus nested block types, both sorted by name."""

    attributes: tuple[Attribute, ...] = ()
    block_types: tuple[NestedBlock, ...] = ()
    description: str = ""
    description_kind: str = "plain"
    deprecated: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the block has neither attributes nor nested blocks."""
        return not self.attributes and not self.block_types


@dataclass(frozen=True, slots=True)
class NestedBlock:
    """A block type nested in a block."""

    name: str
    nesting_mode: NestingMode
    block: Block
    min_items: int = 0
    max_items: int = 0


@dataclass(frozen=True, slots=True)
class IdentityAttribute:
    """One attribute of a resource identity schema."""

    name: str
    type: CtyType
    description: str = ""
    required_for_import: bool = False
    optional_for_import: bool = False


@dataclass(frozen=True, slots=True)
class Identity:
    """A resource identity schema."""

    version: int
    attributes: tuple[IdentityAttribute, ...]


@dataclass(frozen=True, slots=True)
class Parameter:
    """A function parameter."""

    name: str
    type: CtyType
    description: str = ""
    description_kind: str = "plain"
    allow_null_value: bool = False
    allow_unknown_values: bool = False


@dataclass(frozen=True, slots=True)
class Function:
    """A provider-defined function signature."""

    return_type: CtyType
    parameters: tuple[Parameter, ...] = ()
    variadic_parameter: Parameter | None = None
    summary: str = ""
    description: str = ""
    description_kind: str = "plain"
    deprecation_message: str = ""


@dataclass(frozen=True, slots=True)
class Component:
    """One documented thing: the provider, a resource, a function, ...

    Block-based kinds carry ``block``; functions carry ``function``.
    """

    kind: ComponentType
    name: str
    block: Block | None = None
    function: Function | None = None
    identity: Identity | None = None
    version: int = 0

    @property
    def description(self) -> str:
        """The component's Markdown description."""
        if self.function is not None:
            return self.function.description or self.function.summary
        return self.block.description if self.block is not None else ""

    @property
    def summary(self) -> str:
        """The short description used in front matter."""
        if self.function is not None:
            return self.function.summary or self.function.description
        return self.description


@dataclass(frozen=True, slots=True)
class ProviderSchema:
    """The whole schema of one provider."""

    address: str  # e.g. registry.terraform.io/hashicorp/azurerm, or a bare name
    provider: Component
    components: dict[ComponentType, tuple[Component, ...]] = field(default_factory=dict)

    @property
    def short_name(self) -> str:
        """Last address segment without a ``terraform-provider-`` prefix."""
        return short_provider_name(self.address)

    def of_kind(self, kind: ComponentType) -> tuple[Component, ...]:
        """The components of one kind, sorted by name (the provider for PROVIDER)."""
        if kind is ComponentType.PROVIDER:
            return (self.provider,)
        return self.components.get(kind, ())

    def all_components(self) -> list[Component]:
        """Every component, the provider first, in kind order then name order."""
        out: list[Component] = [self.provider]
        for kind in ComponentType:
            if kind is not ComponentType.PROVIDER:
                out.extend(self.components.get(kind, ()))
        return out

    def find(self, kind: ComponentType, name: str) -> Component | None:
        """The component of ``kind`` named ``name``, if any."""
        for component in self.of_kind(kind):
            if component.name == name:
                return component
        return None

    def count(self) -> int:
        """Number of component pages (provider index included)."""
        return 1 + sum(len(v) for v in self.components.values())


def short_provider_name(name_or_address: str) -> str:
    """``registry.terraform.io/hashicorp/terraform-provider-x`` -> ``x``."""
    last = name_or_address.rstrip("/").rsplit("/", 1)[-1]
    return last.removeprefix("terraform-provider-")
