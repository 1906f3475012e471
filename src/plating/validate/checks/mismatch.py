"""Pages and components must match (spec section 7): every page of a kind folder documents
a component of that kind, and every component has its page. Both directions are reported,
naming the file and the component."""

from __future__ import annotations

from plating.schema.kinds import COMPONENT_KINDS, ComponentType
from plating.schema.model import ProviderSchema
from plating.validate.checks.base import CheckContext
from plating.validate.tree import KIND_FOLDERS, DocFile, DocsTree


def check_mismatch(
    tree: DocsTree, files: list[DocFile], schema: ProviderSchema, ctx: CheckContext
) -> None:
    """Extraneous pages (by file) and missing pages (by component) of one docs tree."""
    report = ctx.reporter
    short = schema.short_name
    folder_of = {kind: folder for folder, kind in KIND_FOLDERS[tree.layout].items()}
    pages: dict[ComponentType, dict[str, DocFile]] = {kind: {} for kind in COMPONENT_KINDS}
    for file in files:
        if (
            file.tree is tree
            and file.stem is not None
            and file.kind in pages
            and len(file.parts) == 2
        ):
            pages[file.kind][file.stem] = file
    for kind in COMPONENT_KINDS:
        word = kind.display_name.lower()
        names = {c.name for c in schema.of_kind(kind)}
        documented: set[str] = set()
        for stem, file in sorted(pages[kind].items()):
            full = stem if kind is ComponentType.FUNCTION else f"{short}_{stem}"
            if stem in names:
                documented.add(stem)
            elif full in names:
                documented.add(full)
            else:
                expected = full if kind is not ComponentType.FUNCTION else stem
                report.add(
                    "registry/extraneous-page",
                    file.relpath,
                    None,
                    f"no {word} matches documentation file {file.parts[-1]} (looked for "
                    f"{word} {expected!r} in the schema): the file is extraneous or "
                    "incorrectly named",
                )
        folder = folder_of[kind]
        ext = tree.extensions[0]
        for component in schema.of_kind(kind):
            if component.name in documented:
                continue
            page_name = component.name
            if kind is not ComponentType.FUNCTION and page_name != short:
                page_name = page_name.removeprefix(f"{short}_")
            report.add(
                "registry/missing-page",
                f"{tree.display}/{folder}/{page_name}{ext}",
                None,
                f"missing documentation file for {word} {component.name} "
                f"(expected {folder}/{page_name}{ext})",
            )
