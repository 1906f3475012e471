"""Default pages for components without a template of their own (tfplugindocs' layout)."""

from __future__ import annotations

from dataclasses import dataclass

from plating.render.frontmatter import render_front_matter
from plating.render.function_md import render_arguments, render_signature, render_variadic
from plating.render.plaintext import markdown_to_plaintext
from plating.render.schema_md import render_identity, render_schema
from plating.schema.kinds import ComponentType
from plating.schema.model import Component

IMPORT_BLOCK_URL = "https://developer.hashicorp.com/terraform/language/import"
IMPORT_COMMAND_URL = "https://developer.hashicorp.com/terraform/cli/commands/import"


@dataclass(frozen=True, slots=True)
class ImportExamples:
    """The conventional import files of a resource (contents, already trimmed)."""

    identity_config: str | None = None  # import-by-identity.tf
    id_config: str | None = None  # import-by-string-id.tf
    shell: str | None = None  # import.sh

    def any(self) -> bool:
        return any((self.identity_config, self.id_config, self.shell))


@dataclass(frozen=True, slots=True)
class Naming:
    """How the provider is named on pages."""

    short_name: str  # e.g. scaffolding
    given_name: str  # the provider name as the user gave it, e.g. terraform-provider-scaffolding
    rendered: str | None = None  # --rendered-provider-name, e.g. Scaffolding

    @property
    def rendered_name(self) -> str:
        """Name used in page titles of components."""
        return self.rendered or self.given_name

    @property
    def index_title_name(self) -> str:
        """Name used in the provider page's title and heading."""
        return self.rendered or self.short_name


def fence(language: str, text: str) -> str:
    """A fenced code block around trimmed text."""
    return f"```{language}\n{text.strip()}\n```"


def example_section(examples: tuple[str, ...]) -> str:
    """``## Example Usage`` with one fenced block per example, or empty text."""
    if not examples:
        return ""
    blocks = "\n\n".join(fence("terraform", e) for e in examples)
    return f"## Example Usage\n\n{blocks}"


def page_title(component: Component, naming: Naming) -> str:
    """The front-matter title the Registry shows."""
    kind = component.kind
    if kind is ComponentType.PROVIDER:
        return f"{naming.index_title_name} Provider"
    return f"{component.name} {kind.display_name} - {naming.rendered_name}"


def heading(component: Component, naming: Naming) -> str:
    """The page's level-one heading."""
    kind = component.kind
    if kind is ComponentType.PROVIDER:
        return f"# {naming.index_title_name} Provider"
    if kind is ComponentType.FUNCTION:
        return f"# function: {component.name}"
    return f"# {component.name} ({kind.display_name})"


def render_default_page(
    component: Component,
    naming: Naming,
    examples: tuple[str, ...] = (),
    imports: ImportExamples | None = None,
    subcategory: str = "",
    *,
    dedupe: bool = False,
) -> str:
    """The whole default page of one component (``dedupe``: repeated nested structures of
    the schema written out once, see :mod:`plating.render.schema_dedupe`)."""
    kind = component.kind
    front = render_front_matter(
        page_title(component, naming),
        markdown_to_plaintext(component.summary).strip(),
        None if kind is ComponentType.PROVIDER else subcategory,
    )
    parts = [front, "\n", heading(component, naming), "\n\n", component.description.strip(), "\n\n"]
    parts.append(example_section(examples))
    parts.append("\n\n")
    if component.function is not None:
        function = component.function
        parts.append("## Signature\n\n")
        parts.append(render_signature(component.name, function))
        parts.append("\n## Arguments\n\n")
        parts.append(render_arguments(function))
        parts.append(render_variadic(function))
    elif component.block is not None and not component.block.is_empty:
        parts.append(render_schema(component.block, dedupe=dedupe).strip())
    if kind is ComponentType.RESOURCE and imports is not None and imports.any():
        parts.append(import_section(component, imports))
    return "".join(parts).rstrip() + "\n"


def import_section(component: Component, imports: ImportExamples) -> str:
    """The ``## Import`` section built from the conventional import files."""
    parts = ["\n\n## Import\n\nImport is supported using the following syntax:"]
    if imports.identity_config is not None:
        parts.append(
            f"\n\nIn Terraform v1.12.0 and later, the [`import` block]({IMPORT_BLOCK_URL}) "
            "can be used with the `identity` attribute, for example:\n\n"
        )
        parts.append(fence("terraform", imports.identity_config))
        if component.identity is not None:
            parts.append("\n\n" + render_identity(component.identity).strip())
    if imports.id_config is not None:
        parts.append(
            f"\n\nIn Terraform v1.5.0 and later, the [`import` block]({IMPORT_BLOCK_URL}) "
            "can be used with the `id` attribute, for example:\n\n"
        )
        parts.append(fence("terraform", imports.id_config))
    if imports.shell is not None:
        parts.append(
            f"\n\nThe [`terraform import` command]({IMPORT_COMMAND_URL}) can be used, "
            "for example:\n\n"
        )
        parts.append(fence("shell", imports.shell))
    return "".join(parts)
