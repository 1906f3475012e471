"""Which Go template renders which page, as tfplugindocs maps its ``templates/`` folder.

- ``templates/<kind>/<stem>.md.tmpl`` renders ``docs/<kind>/<stem>.md`` with the data of the
  component ``<short provider name>_<stem>``, else of the component named like the provider
  itself (tfplugindocs' lookup; functions: the function ``<stem>``), else without data;
  ``templates/index.md.tmpl`` renders the provider's page. A component whose own page path has
  a template gets no other page source;
- ``templates/<kind>.md.tmpl`` is the fallback of every component of the kind without a
  template at its own page path (it stands in for the default page, and over a static page);
- any other ``*.tmpl`` file (guides, a template naming no component) is rendered without
  data to the same path under ``docs/``, ``.tmpl`` removed;
- a guide template in tfplugindocs' naming, ``<name>.md.tmpl``, in plating's project-level
  guides folder renders ``docs/guides/<name>.md`` as ``templates/guides/<name>.md.tmpl``
  would (a provider moving from tfplugindocs keeps its guides as they are).

A deprecated component left out by ``ignore_deprecated`` keeps its own template's page,
rendered with its data, as in tfplugindocs; an ``exclude``d component's template is not
rendered.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from plating.pages import hidden
from plating.schema.kinds import KIND_BY_FOLDER, ComponentType
from plating.schema.model import Component, ProviderSchema

TEMPLATE_SUFFIX = ".tmpl"


@dataclass(frozen=True, slots=True)
class GoTemplates:
    """The Go templates of a ``templates/`` folder, by what they document."""

    #: Output relpath -> (the component whose data the template gets, the template).
    named: dict[str, tuple[Component, Path]] = field(default_factory=dict)
    fallbacks: dict[ComponentType, Path] = field(default_factory=dict)
    other: dict[str, Path] = field(default_factory=dict)  # output relpath -> template

    def renders(self, relpath: str) -> bool:
        """True when a template of its own renders the page at ``relpath``."""
        return relpath in self.named or relpath in self.other

    def __bool__(self) -> bool:
        return bool(self.named or self.fallbacks or self.other)


def _lookup(
    schema: ProviderSchema, kind: ComponentType, stem: str, short_name: str
) -> Component | None:
    """The component whose data a template file gets, as tfplugindocs looks it up:
    ``<short>_<stem>``, else the component named ``<short>`` (a data source named like its
    provider, as ``http``'s); functions: ``<stem>``."""
    candidates = [stem] if kind is ComponentType.FUNCTION else [f"{short_name}_{stem}", short_name]
    for name in candidates:
        component = schema.find(kind, name)
        if component is not None:
            return component
    return None


def find_go_templates(
    templates_root: Path,
    schema: ProviderSchema,
    short_name: str,
    excluded: Collection[str] = (),
) -> GoTemplates:
    """Every ``*.tmpl`` file below ``templates_root`` (links are never followed; the caller
    refuses a linked folder), mapped as tfplugindocs maps it; ``short_name`` is the short
    provider name component file names are relative to. ``schema`` holds the components
    templates are looked up in (deprecated ones too); a template whose component is
    ``excluded`` is left out."""
    found = GoTemplates()
    if not templates_root.is_dir():
        return found
    folders = KIND_BY_FOLDER
    fallback_names = {f"{folder}.md{TEMPLATE_SUFFIX}": k for folder, k in folders.items()}
    for path in sorted(templates_root.rglob(f"*{TEMPLATE_SUFFIX}")):
        relative = path.relative_to(templates_root)
        parts = relative.parts
        if path.is_symlink() or not path.is_file() or hidden(parts):
            continue
        output = relative.as_posix().removesuffix(TEMPLATE_SUFFIX)
        if len(parts) == 1 and parts[0] in fallback_names:
            found.fallbacks[fallback_names[parts[0]]] = path
            continue
        if len(parts) == 1 and parts[0] == f"index.md{TEMPLATE_SUFFIX}":
            found.named[output] = (schema.provider, path)
            continue
        if len(parts) == 2 and parts[0] in folders:
            kind = folders[parts[0]]
            stem = parts[1].split(".", 1)[0]
            if kind is not ComponentType.FUNCTION and f"{short_name}_{stem}" in excluded:
                continue
            component = _lookup(schema, kind, stem, short_name)
            if component is not None and component.name in excluded:
                continue
            if component is not None:
                found.named[output] = (component, path)
                continue
        found.other[output] = path
    return found


def guide_templates(guides_root: Path) -> dict[str, Path]:
    """The Go guide templates of plating's guides folder: ``<name>.md.tmpl`` (not hidden,
    not linked) by the page they render, ``guides/<name>.md``."""
    if not guides_root.is_dir() or guides_root.is_symlink():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(guides_root.glob(f"*.md{TEMPLATE_SUFFIX}")):
        if hidden([path.name]) or path.is_symlink() or not path.is_file():
            continue
        found[f"guides/{path.name.removesuffix(TEMPLATE_SUFFIX)}"] = path
    return found


def with_guide_templates(go: GoTemplates, guides: dict[str, Path]) -> GoTemplates:
    """``go`` with the guides folder's Go templates among the templates without data; one
    rendering the same page as a template of ``templates/`` is a :class:`BundleError`."""
    from plating.errors import BundleError

    for relpath, path in guides.items():
        other = go.other.get(relpath)  # guides/ is no kind folder: never a named page
        if other is not None:
            raise BundleError(
                f"{path}: {other} renders the same page, docs/{relpath}; keep one of them"
            )
    return GoTemplates(dict(go.named), dict(go.fallbacks), {**go.other, **guides})
