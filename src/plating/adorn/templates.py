"""The page template adorn writes: a good first page that stays in sync with the schema."""

from __future__ import annotations

from plating.render.default_page import Naming, heading, page_title
from plating.render.frontmatter import block_scalar, quoted
from plating.render.plaintext import markdown_to_plaintext
from plating.schema.kinds import ComponentType
from plating.schema.model import Component

_JINJA_MARKS = ("{{", "{%", "{#", "}}", "%}", "#}")


def literal(text: str) -> str:
    """Text that Jinja must print as is (schema text may contain template syntax)."""
    if any(mark in text for mark in _JINJA_MARKS):
        escaped = text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}")
        return "{% raw %}" + escaped + "{% endraw %}"
    return text


def scaffold_template(component: Component, naming: Naming, subcategory: str = "") -> str:
    """Front matter, heading, description, example, schema (functions: signature, arguments)."""
    kind = component.kind
    front = ["---", f"page_title: {literal(quoted(page_title(component, naming)))}"]
    if kind is not ComponentType.PROVIDER:
        front.append(f"subcategory: {quoted(subcategory)}")
    summary = markdown_to_plaintext(component.summary).strip()
    front.append(literal(block_scalar("description", summary).rstrip("\n")))
    front.append("---")
    parts = [
        "\n".join(front),
        "",
        literal(heading(component, naming)),
        "",
        "{% if description %}{{ description }}",
        "",
        "{% endif %}## Example Usage",
        "",
        '{{ example("example") }}',
        "",
    ]
    if kind is ComponentType.FUNCTION:
        parts += [
            "## Signature",
            "",
            "```text",
            "{{ signature_markdown }}",
            "```",
            "",
            "## Arguments",
            "",
            "{{ arguments_markdown }}",
            "{% if has_variadic %}{{ variadic_argument_markdown }}{% endif %}",
        ]
    else:
        parts.append("{{ schema() }}")
    return "\n".join(parts).rstrip() + "\n"
