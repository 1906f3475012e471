"""Which schema source a run reads, from the options it was given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plating.errors import UsageError

if TYPE_CHECKING:
    from plating.config import PlatingContext
    from plating.schema.sources import SchemaSource
    from plating.schema.sources.pyvider_discovery import FoundPackage


def choose_source(
    context: PlatingContext, package: str | None, declared: FoundPackage | None = None
) -> SchemaSource:
    """A pyvider ``package`` (given or discovered; served to ``terraform_binary`` when that
    is given), else the ``schema_path`` file, else ``terraform``/``tofu`` run for
    ``provider_source``. Two sources, or none, is a :class:`UsageError` naming the options.
    ``declared``: where discovery found ``package`` (its errors name that place)."""
    if package is not None and context.schema_path is not None:
        raise UsageError.naming_options(
            lambda o: (
                f"{o('package_name')} and {o('schema_path')} name two schema sources; pass one"
            )
        )
    if package is not None:
        if context.terraform_binary is not None:
            from plating.schema.sources.binary import BinarySource

            return BinarySource(
                context.provider_source,
                context.terraform_binary,
                pyvider_package=package,
                pyvider_declared=declared,
                project_root=context.root,
                provider_name=context.provider_name,
                policy=context.retry_policy,
            )
        from plating.schema.sources.pyvider import PyviderSource

        return PyviderSource(package, context.provider_name, declared, context.root)
    if context.schema_path is not None:
        from plating.schema.sources.json_file import JsonFileSource

        return JsonFileSource(context.schema_path)
    if context.provider_source is not None:
        from plating.schema.sources.binary import BinarySource

        return BinarySource(
            context.provider_source, context.terraform_binary, policy=context.retry_policy
        )
    raise UsageError.naming_options(
        lambda o: (
            f"no schema source: pass {o('schema_path')} FILE (output of `terraform "
            f"providers schema -json`), {o('package_name')} PACKAGE (a pyvider provider "
            f"package) or {o('provider_source')} ADDRESS (read with terraform/tofu); no "
            "pyvider package is declared in the project's pyproject.toml "
            "([project.entry-points.pyvider], [tool.pyvider] component_packages) or "
            "registered in this environment"
        )
    )
