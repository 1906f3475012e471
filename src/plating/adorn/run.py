"""Decide where each missing bundle goes and create its files, never touching existing ones."""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from plating.adorn.examples import example_for
from plating.adorn.templates import scaffold_template
from plating.bundles.discover import kind_hint
from plating.bundles.model import TEMPLATE_SUFFIX
from plating.errors import UsageError, WriteError
from plating.plan import check_file_name
from plating.render.default_page import Naming
from plating.schema.kinds import ComponentType
from plating.schema.model import Component

DEFAULT_BUNDLES_DIR = "plating"  # under the project root, for schema-file projects


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file adorn will create."""

    path: Path
    content: str
    kind: str  # "template" or "example"


def bundle_dir_for(
    component: Component, short_name: str, bundles_root: Path, module: Path | None
) -> Path:
    """Where a component's new bundle goes.

    Beside its module for a pyvider package (``<module>.plating/``), inside a kind folder
    (``list_resources/<module>.plating/``) when the module's folder does not already name the
    component's kind: pyvider requires a list resource to share its resource's name, and
    two bundles with the same template name and no kind would match both. Otherwise
    ``<bundles_root>/<kind folder>/<name>.plating/`` (``provider.plating/`` for the provider).
    """
    if module is not None:
        folder = module.parent
        bundle = f"{module.stem}.plating"
        if component.kind is not ComponentType.PROVIDER and kind_hint(folder / bundle) is not (
            component.kind
        ):
            folder = folder / component.kind.info.bundle_folders[0]
        return folder / bundle
    if component.kind is ComponentType.PROVIDER:
        return bundles_root / "provider.plating"
    name = component.name.removeprefix(f"{short_name}_")
    check_file_name(name, f"{component.kind.display_name.lower()} {component.name!r}")
    return bundles_root / component.kind.info.bundle_folders[0] / f"{name}.plating"


def planned_files(
    component: Component, naming: Naming, bundle: Path, subcategory: str = ""
) -> list[NewFile]:
    """The first example and the template of one component's bundle, in the order they are
    created: a run stopped between the two leaves an example without a template, which the
    next run completes (a template alone would count as documented and stay without its
    example)."""
    check_file_name(component.name, f"{component.kind.display_name.lower()} {component.name!r}")
    suffix = component.kind.info.example_suffix
    return [
        NewFile(
            bundle / "examples" / f"{component.name}{suffix}",
            example_for(component, naming.short_name),
            "example",
        ),
        NewFile(
            bundle / "docs" / f"{component.name}{TEMPLATE_SUFFIX}",
            scaffold_template(component, naming, subcategory),
            "template",
        ),
    ]


def check_inside(path: Path, allowed: list[Path]) -> None:
    """Refuse to write anywhere but the project or the chosen package."""
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root.resolve()) for root in allowed):
        roots = ", ".join(str(r) for r in allowed)
        raise UsageError(f"{path}: outside the project and package ({roots}); nothing written")


def create_new(path: Path, content: str) -> bool:
    """Create ``path`` with ``content``; False (and nothing written) when it already exists.

    The content is written to a temporary file beside ``path`` and then linked into place,
    which fails when ``path`` exists: a killed run never leaves a half-written file that a
    later run would keep. Errors name the file (:class:`WriteError`).
    """
    temp = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(path):
            return False
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content.encode("utf-8"))
            os.link(temp, path)
        except FileExistsError:
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    except OSError as exc:
        raise WriteError(
            f"{path}: cannot create: {exc.strerror or exc}; files created before it are complete"
        ) from exc
    return True
