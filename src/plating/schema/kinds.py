"""The one table of component kinds: everything kind-specific is looked up here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class KindInfo:
    """Static facts about one component kind."""

    schema_key: str  # key in `terraform providers schema -json`
    docs_folder: str  # folder under docs/ ("" for the provider index)
    title: str  # word used in headings and page titles
    example_folder: str  # folder under examples/
    example_stem: str  # conventional example file stem
    example_suffix: str  # conventional example file suffix
    hcl_keyword: str  # HCL block keyword used by examples ("" where none)
    bundle_folders: tuple[str, ...]  # package folders whose bundles belong to this kind
    legacy_folder: str  # legacy website/docs folder


class ComponentType(Enum):
    """The eight kinds of documented component (the provider itself included)."""

    PROVIDER = "provider"
    RESOURCE = "resource"
    DATA_SOURCE = "data_source"
    EPHEMERAL_RESOURCE = "ephemeral_resource"
    FUNCTION = "function"
    ACTION = "action"
    LIST_RESOURCE = "list_resource"
    STATE_STORE = "state_store"

    @property
    def info(self) -> KindInfo:
        """The static facts of this kind."""
        return _KINDS[self]

    @property
    def display_name(self) -> str:
        """Human name, e.g. ``Data Source``."""
        return _KINDS[self].title

    @classmethod
    def parse(cls, text: str) -> ComponentType:
        """Accept ``resource``, ``data-source``, ``data_sources``, ``ephemeral`` and friends."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        found = _ALIASES.get(key)
        if found is None:
            choices = ", ".join(k.value for k in cls)
            raise ValueError(f"unknown component type {text!r}; choose from {choices}")
        return found


_KINDS: dict[ComponentType, KindInfo] = {
    ComponentType.PROVIDER: KindInfo(
        "provider",
        "",
        "Provider",
        "provider",
        "provider",
        ".tf",
        "provider",
        ("provider",),
        "",
    ),
    ComponentType.RESOURCE: KindInfo(
        "resource_schemas",
        "resources",
        "Resource",
        "resources",
        "resource",
        ".tf",
        "resource",
        ("resources",),
        "r",
    ),
    ComponentType.DATA_SOURCE: KindInfo(
        "data_source_schemas",
        "data-sources",
        "Data Source",
        "data-sources",
        "data-source",
        ".tf",
        "data",
        ("data_sources", "data-sources"),
        "d",
    ),
    ComponentType.EPHEMERAL_RESOURCE: KindInfo(
        "ephemeral_resource_schemas",
        "ephemeral-resources",
        "Ephemeral Resource",
        "ephemeral-resources",
        "ephemeral-resource",
        ".tf",
        "ephemeral",
        ("ephemerals", "ephemeral_resources", "ephemeral-resources"),
        "ephemeral-resources",
    ),
    ComponentType.FUNCTION: KindInfo(
        "functions",
        "functions",
        "function",
        "functions",
        "function",
        ".tf",
        "",
        ("functions",),
        "functions",
    ),
    ComponentType.ACTION: KindInfo(
        "action_schemas",
        "actions",
        "Action",
        "actions",
        "action",
        ".tf",
        "action",
        ("actions",),
        "actions",
    ),
    ComponentType.LIST_RESOURCE: KindInfo(
        "list_resource_schemas",
        "list-resources",
        "List Resource",
        "list-resources",
        "list-resource",
        ".tfquery.hcl",
        "list",
        ("list_resources", "list-resources"),
        "list-resources",
    ),
    ComponentType.STATE_STORE: KindInfo(
        "state_store_schemas",
        "state-stores",
        "State Store",
        "state-stores",
        "state-store",
        ".tf",
        "state_store",
        ("state_stores", "state-stores"),
        "state-stores",
    ),
}

_ALIASES: dict[str, ComponentType] = {}
for _kind in ComponentType:
    _info = _KINDS[_kind]
    for _alias in (
        _kind.value,
        _kind.value + "s",
        _info.docs_folder.replace("-", "_"),
        *(f.replace("-", "_") for f in _info.bundle_folders),
    ):
        if _alias:
            _ALIASES[_alias] = _kind
_ALIASES.update(
    {
        "ephemeral": ComponentType.EPHEMERAL_RESOURCE,
        "data": ComponentType.DATA_SOURCE,
        "index": ComponentType.PROVIDER,
    }
)

#: Kinds that have one page per component (everything but the provider index).
COMPONENT_KINDS: tuple[ComponentType, ...] = tuple(
    k for k in ComponentType if k is not ComponentType.PROVIDER
)

#: The kind whose pages a folder of the docs tree holds, by the folder's name (``resources``).
KIND_BY_FOLDER: Mapping[str, ComponentType] = MappingProxyType(
    {k.info.docs_folder: k for k in COMPONENT_KINDS}
)
#: The same for a legacy ``website/docs`` tree (``r``, ``d``, ``functions``, ...).
KIND_BY_LEGACY_FOLDER: Mapping[str, ComponentType] = MappingProxyType(
    {k.info.legacy_folder: k for k in COMPONENT_KINDS}
)
