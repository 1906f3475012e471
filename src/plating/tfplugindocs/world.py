"""Which Go template renders which page, as tfplugindocs maps its ``templates/`` folder.

- ``templates/<kind>/<name>.md.tmpl`` (``<name>`` without the provider prefix, or the whole
  component name) is the component's own template; ``templates/index.md.tmpl`` the provider's;
- ``templates/<kind>.md.tmpl`` is the fallback of every component of the kind without a page
  of its own;
- any other ``*.tmpl`` file (guides, a template naming no component) is rendered without
  data to the same path under ``docs/``, ``.tmpl`` removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.schema.model import ProviderSchema

TEMPLATE_SUFFIX = ".tmpl"


@dataclass(frozen=True, slots=True)
class GoTemplates:
    """The Go templates of a ``templates/`` folder, by what they document."""

    named: dict[tuple[ComponentType, str], tuple[str, Path]] = field(default_factory=dict)
    fallbacks: dict[ComponentType, Path] = field(default_factory=dict)
    other: dict[str, Path] = field(default_factory=dict)  # output relpath -> template

    def __bool__(self) -> bool:
        return bool(self.named or self.fallbacks or self.other)


def _kind_folders() -> dict[str, ComponentType]:
    return {k.info.docs_folder: k for k in COMPONENT_KINDS}


def _lookup(schema: ProviderSchema, kind: ComponentType, stem: str, short_name: str) -> str | None:
    """The component a template file names: ``<short>_<stem>`` first, then ``<stem>``
    (functions: ``<stem>`` only)."""
    candidates = [stem] if kind is ComponentType.FUNCTION else [f"{short_name}_{stem}", stem]
    for name in candidates:
        if schema.find(kind, name) is not None:
            return name
    return None


def find_go_templates(templates_root: Path, schema: ProviderSchema, short_name: str) -> GoTemplates:
    """Every ``*.tmpl`` file below ``templates_root`` (links are never followed; the caller
    refuses a linked folder), mapped as tfplugindocs maps it; ``short_name`` is the short
    provider name component file names are relative to."""
    found = GoTemplates()
    if not templates_root.is_dir():
        return found
    folders = _kind_folders()
    fallback_names = {f"{folder}.md{TEMPLATE_SUFFIX}": k for folder, k in folders.items()}
    for path in sorted(templates_root.rglob(f"*{TEMPLATE_SUFFIX}")):
        if path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(templates_root)
        parts = relative.parts
        output = relative.as_posix().removesuffix(TEMPLATE_SUFFIX)
        if len(parts) == 1 and parts[0] in fallback_names:
            found.fallbacks[fallback_names[parts[0]]] = path
            continue
        if len(parts) == 1 and parts[0] == f"index.md{TEMPLATE_SUFFIX}":
            found.named[(ComponentType.PROVIDER, schema.provider.name)] = (output, path)
            continue
        if len(parts) == 2 and parts[0] in folders:
            kind = folders[parts[0]]
            stem = parts[1].split(".", 1)[0]
            name = _lookup(schema, kind, stem, short_name)
            if name is not None:
                found.named[(kind, name)] = (output, path)
                continue
        found.other[output] = path
    return found
