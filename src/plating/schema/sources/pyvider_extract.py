"""pyvider run in-process: a package's components discovered into pyvider's hub, the hub
scoped to that package, and pyvider's own tfprotov6 handlers asked for the schema."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from plating.errors import SchemaError
from plating.schema.kinds import ComponentType
from plating.schema.sources import SOURCE_WARNINGS_KEY
from plating.schema.sources.pyvider_locate import package_error
from plating.schema.sources.pyvider_protocol import protocol_to_json

T = TypeVar("T")

#: Host and namespace of the address a pyvider provider is documented under.
LOCAL_ADDRESS_PREFIX = "local/providers/"
_DISCOVERY_READY_EVENT = "_discovery_ready_event"


def run_coroutine(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from synchronous code, even under a running loop."""

    async def main() -> T:
        return await factory()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


def _import(name: str) -> Any:
    """A pyvider module, typed loosely: pyvider is optional and imported only here."""
    return importlib.import_module(name)


def in_package(obj: Any, package: str) -> bool:
    """Whether a registered class or function was defined in ``package`` or below it."""
    module = getattr(obj, "__module__", None) or ""
    return module == package or module.startswith(package + ".")


async def extract_schema(
    package: str, fallback_name: str | None = None, project_root: Path | None = None
) -> dict[str, Any]:
    """Discover ``package``'s components and compute its schema document (needs pyvider).

    A package that registers no provider class (a package of components only) gets pyvider's
    base provider with an empty configuration, named ``fallback_name``, else as
    :func:`~plating.schema.sources.pyvider_naming.provider_name_for` names it from the
    project at ``project_root`` and the environment.
    """
    hub = _import("pyvider.hub").hub
    discovery = _import("pyvider.hub.discovery").ComponentDiscovery(hub)
    await _discover(discovery, package)
    with scoped_hub(hub, package) as registered:
        if registered is None:
            base = _import("pyvider.providers.base")
            from plating.schema.sources.pyvider_naming import provider_name_for

            provider_name = fallback_name or provider_name_for(package, project_root)
            provider = base.BaseProvider(
                metadata=base.ProviderMetadata(name=provider_name, version="0.0.0")
            )
        else:
            provider_name = registered
            provider = hub.get_component("provider", provider_name)()
        try:
            await provider.setup()
        except Exception as exc:
            raise package_error(
                package, f"provider {provider_name!r} failed to set up", exc
            ) from exc
        hub.register("singleton", "provider", provider)
        response, identities = await _protocol_schema(package)
    warnings = _check_diagnostics(package, [*response.diagnostics, *identities.diagnostics])
    document = protocol_to_json(LOCAL_ADDRESS_PREFIX + provider_name, response, identities)
    if warnings:
        # Kept with the document (and so in the schema cache): every run repeats them.
        document[SOURCE_WARNINGS_KEY] = warnings
    return document


async def component_modules(package: str) -> dict[tuple[ComponentType, str], Path]:
    """Import ``package``'s components and find the module file of each."""
    import inspect

    hub = _import("pyvider.hub").hub
    discovery = _import("pyvider.hub.discovery").ComponentDiscovery(hub)
    await _discover(discovery, package)
    kinds = {kind.value: kind for kind in ComponentType}
    found: dict[tuple[ComponentType, str], Path] = {}
    for dimension, members in hub.list_components().items():
        kind = kinds.get(dimension)
        if kind is None:
            continue
        for name, obj in members.items():
            if not in_package(obj, package):
                continue
            try:
                found[(kind, name)] = Path(inspect.getfile(obj)).resolve()
            except TypeError:
                continue  # not defined in a file (built dynamically): no place to adorn
    return found


async def _discover(discovery: Any, package: str) -> None:
    """Import ``package`` and register its components (only that package, when pyvider's
    discovery allows it; every ``pyvider`` entry point otherwise)."""
    discover_one = getattr(discovery, "_discover_package", None)
    if callable(discover_one):
        await discover_one(package, strict=False)
    else:  # pragma: no cover - other pyvider versions
        await discovery.discover_all(strict=False)
    failures = [
        (module, error)
        for module, error in getattr(discovery, "import_errors", [])
        if module == package or str(module).startswith(package + ".")
    ]
    if failures:
        module, error = failures[0]
        more = f" (and {len(failures) - 1} more module(s))" if len(failures) > 1 else ""
        raise package_error(package, f"module {module} could not be imported{more}", error)


@contextlib.contextmanager
def scoped_hub(hub: Any, package: str) -> Iterator[str | None]:
    """Leave only ``package``'s components in pyvider's hub; restore everything after.

    Yields the name of the package's provider (None when it registers none).
    """
    removed: list[tuple[str, str, Any]] = []
    singletons = {
        name: hub.get_component("singleton", name) for name in ("provider", _DISCOVERY_READY_EVENT)
    }
    try:
        for dimension, members in hub.list_components().items():
            if dimension == "singleton":
                continue
            for name, obj in members.items():
                if not in_package(obj, package):
                    hub.unregister(dimension, name)
                    removed.append((dimension, name, obj))
        for name, value in singletons.items():
            if value is not None:
                hub.unregister("singleton", name)
        providers = sorted(hub.get_components("provider"))
        if len(providers) > 1:
            raise SchemaError(
                f"pyvider package {package}: it registers several providers "
                f"({', '.join(providers)}); document one package per provider"
            )
        yield providers[0] if providers else None
    finally:
        for dimension, name, obj in removed:
            hub.register(dimension, name, obj)
        for name, value in singletons.items():
            current = hub.get_component("singleton", name)
            if current is value:
                continue
            if current is not None:
                hub.unregister("singleton", name)
            if value is not None:
                hub.register("singleton", name, value)


async def _protocol_schema(package: str) -> tuple[Any, Any]:
    """pyvider's own GetProviderSchema / GetResourceIdentitySchemas answers."""
    pb = _import("pyvider.protocols.tfprotov6.protobuf")
    schema_handler = _import("pyvider.protocols.tfprotov6.handlers.get_provider_schema")
    identity_handler = _import("pyvider.protocols.tfprotov6.handlers.get_resource_identity_schemas")
    # The handler caches its answer for the life of the process; each extraction (maybe of
    # another package, maybe in another event loop) must compute its own.
    schema_handler._schema_future = None
    try:
        response = await schema_handler.GetProviderSchemaHandler(
            pb.GetProviderSchema.Request(), None
        )
        identities = await identity_handler.GetResourceIdentitySchemasHandler(
            pb.GetResourceIdentitySchemas.Request(), None
        )
    except Exception as exc:
        raise package_error(package, "pyvider could not compute the provider schema", exc) from exc
    finally:
        schema_handler._schema_future = None
    return response, identities


def _check_diagnostics(package: str, diagnostics: list[Any]) -> list[str]:
    """Raise the errors among pyvider's diagnostics; return the warnings as messages (e.g.
    "Schema collection error for data_source 'x'": why a component is missing)."""
    errors: list[str] = []
    warnings: list[str] = []
    for diagnostic in diagnostics:
        text = diagnostic.summary + (f": {diagnostic.detail}" if diagnostic.detail else "")
        if diagnostic.severity == 1:  # ERROR (0 is INVALID, 2 WARNING)
            errors.append(text)
        else:
            warnings.append(f"pyvider package {package}: {text}")
    if errors:
        raise SchemaError(f"pyvider package {package}: " + "\n".join(errors))
    return warnings
