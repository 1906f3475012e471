"""An adorn run: find the components without docs of their own, decide where each missing
bundle goes and create its files, never touching existing ones."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plating.adorn.examples import example_for
from plating.adorn.templates import scaffold_template
from plating.bundles.conventional import has_conventional_docs
from plating.bundles.discover import kind_hint, unsearched
from plating.bundles.model import TEMPLATE_SUFFIX
from plating.errors import PlatingError, UsageError, WriteError
from plating.plan import check_file_name
from plating.render.default_page import Naming
from plating.results import AdornResult
from plating.schema.kinds import ComponentType
from plating.schema.model import Component, ProviderSchema

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.discovery import Discovery
    from plating.schema.sources import SchemaSource

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


def adorn_missing(
    context: PlatingContext,
    source: SchemaSource,
    schema: ProviderSchema,
    found: Discovery,
    naming: Naming,
    component_types: Iterable[ComponentType] | None,
    *,
    dry_run: bool,
    bundles_dir: Path | None,
) -> AdornResult:
    """:meth:`plating.api.Plating.adorn` (see there) once the schema and ``found``, its
    discovery, are known."""
    ctx = context
    result = AdornResult(dry_run=dry_run)
    if component_types is None:
        component_types = ctx.component_types
    selected = set(component_types) if component_types is not None else set(ComponentType)
    pending = []
    for component in schema.all_components():
        if component.kind not in selected:
            continue
        result.components_processed += 1
        key = (component.kind, component.name)
        if (
            key in found.bound
            or key in found.static.covered
            or has_conventional_docs(
                component, schema.short_name, ctx.examples_root, ctx.templates_root
            )
        ):
            result.skipped += 1
        else:
            pending.append(component)
    if not pending:
        return result
    # A pyvider package takes new bundles beside its modules: only a source checkout may.
    modules: dict[tuple[ComponentType, str], Path] = {}
    allowed = [ctx.root]
    from plating.schema.sources.pyvider import PyviderSource

    if isinstance(source, PyviderSource):
        allowed += source.writable_dirs()
        modules = source.component_modules()
    root = bundles_dir or ctx.bundles_dir or ctx.root / DEFAULT_BUNDLES_DIR
    if any(modules.get((c.kind, c.name)) is None for c in pending):
        check_bundles_found(ctx, source, root)
    for component in pending:
        key = (component.kind, component.name)
        try:
            module = modules.get(key)
            bundle = bundle_dir_for(component, schema.short_name, root, module)
            for new in planned_files(component, naming, bundle):
                check_inside(new.path, allowed)
                if new.path.exists():
                    result.skipped += 1
                    continue
                if not dry_run and not create_new(new.path, new.content):
                    result.skipped += 1
                    continue
                result.created_files.append(new.path)
                if new.kind == "template":
                    result.templates_generated += 1
                else:
                    result.examples_created += 1
        except PlatingError as exc:
            result.errors.append(str(exc))
    return result


def check_bundles_found(context: PlatingContext, source: SchemaSource, folder: Path) -> None:
    """Refuse a bundles folder that ``plate`` would never search (under ``build/``,
    ``dist/``, ``site/``, a virtual environment, the docs folder, ...): bundles made
    there would document nothing."""
    ctx = context
    if not Path(os.path.normpath(folder.absolute())).is_relative_to(ctx.root):
        return  # outside the project: refused for each file as it is planned
    skip = [ctx.docs_dir, *ctx.other_roots]
    hidden = unsearched(folder, [ctx.root, *source.bundle_roots()], skip)
    if hidden is not None:
        raise UsageError(
            f"{folder}: the bundles folder lies in {hidden}, a folder plate never "
            "searches for bundles; bundles made there would document nothing. Choose "
            "another --bundles-dir (default: <project root>/plating)"
        )
