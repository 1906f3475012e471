"""Registry layout rules: folders, mixed layouts, extensions, size, encoding, index page."""

from __future__ import annotations

from plating.validate.checks.base import CheckContext
from plating.validate.tree import LEGACY, REGISTRY, SIZE_LIMIT, BadPath, DocFile, DocsTree


def check_mixed_layout(trees: list[DocsTree], ctx: CheckContext) -> bool:
    """Report a project holding both layouts; True when it does."""
    layouts = {t.layout for t in trees}
    if not (REGISTRY in layouts and LEGACY in layouts):
        return False
    shown = " and ".join(f"{t.display}/ ({t.layout})" for t in trees)
    ctx.reporter.add(
        "registry/mixed-layout",
        trees[0].display,
        None,
        f"mixed Terraform provider documentation layouts found: {shown}; use only the "
        "Registry layout (docs/) or only the legacy one (website/docs/)",
    )
    return True


def check_layout(
    tree: DocsTree, files: list[DocFile], bad: list[BadPath], ctx: CheckContext
) -> None:
    """Report what the Registry would refuse about one tree's shape."""
    report = ctx.reporter
    for item in bad:
        report.add(item.rule, item.relpath, None, item.message)
    for file in files:
        if file.size >= SIZE_LIMIT:
            report.add(
                "registry/size",
                file.relpath,
                None,
                f"{file.parts[-1]} is {file.size:,} bytes; the Registry accepts files under "
                f"{SIZE_LIMIT:,} bytes (split the page or shorten it)",
            )
    if not any(f.is_index for f in files):
        report.add(
            "registry/missing-index",
            tree.display,
            None,
            f"{tree.display}/ has no provider index page (index{tree.extensions[0]})",
        )
