"""The schema of a pyvider provider package, computed in-process (no Terraform needed).

pyvider is an optional dependency (``pip install 'pyvider>=0.8'``) and is imported only
when this source extracts a schema: finding the package, hashing it and listing its bundle
folders never import pyvider or the package.

Extraction follows pyvider's own server: the package's components are discovered into
pyvider's hub, the package's provider is instantiated and set up, and pyvider's tfprotov6
``GetProviderSchema`` and ``GetResourceIdentitySchemas`` handlers compute the protocol
schema, which :func:`protocol_to_json` turns into the ``terraform providers schema -json``
shape under the address ``local/providers/<provider name>``. While the handlers run, the hub
holds only components whose module is the package or below it, so other installed pyvider
packages never leak in. Test-only components follow pyvider's rule (hidden unless
``PYVIDER_TESTMODE=true``) because pyvider's handlers apply it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import importlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from plating.errors import ExternalToolError, SchemaError, UsageError
from plating.listing import FolderListing, list_folder
from plating.schema.kinds import ComponentType
from plating.schema.sources import SOURCE_WARNINGS_KEY

T = TypeVar("T")

#: What to tell a user who asks for a pyvider package without pyvider installed.
#: (``plating[pyvider]`` only works from this repository or its wheel: the package index's
#: ``plating`` is another project.)
INSTALL_HINT = "install it with: pip install 'pyvider>=0.8'"
#: Host and namespace of the address a pyvider provider is documented under.
LOCAL_ADDRESS_PREFIX = "local/providers/"
#: Bumped when the conversion below changes, so cached schemas are extracted again.
#: 2: pyvider's warnings are kept with the document (``SOURCE_WARNINGS_KEY``).
EXTRACTION_FORMAT = 2

_LOG = logging.getLogger(__name__)
_EXTRACT_LOCK = threading.Lock()  # pyvider's hub is process-wide: one extraction at a time
_DISCOVERY_READY_EVENT = "_discovery_ready_event"
_NESTING_BLOCK = {1: "single", 2: "list", 3: "set", 4: "map", 5: "group"}
_NESTING_OBJECT = {1: "single", 2: "list", 3: "set", 4: "map"}
_SKIPPED_FILES = frozenset({"__pycache__"})


@dataclass(frozen=True)
class PyviderSource:
    """Computes the schema of the pyvider components in one Python package."""

    package: str
    #: Name for a package that registers no provider (its components alone are documented).
    fallback_provider_name: str | None = None
    cacheable: ClassVar[bool] = True

    @property
    def description(self) -> str:
        """``pyvider package <name>``, for messages and the cache entry's name."""
        return f"pyvider package {self.package}"

    def package_dirs(self) -> list[Path]:
        """The package's folders (several for a namespace package), found without importing."""
        return find_package_dirs(self.package)

    def fingerprint(self, listing: FolderListing | None = None) -> str:
        """Hash of the package's files (paths, sizes, mtimes), pyvider's version and the
        test-mode switch: anything that can change the extracted schema."""
        version = pyvider_version(self.package)
        digest = hashlib.sha256()
        digest.update(
            f"pyvider-source:{EXTRACTION_FORMAT}\0{self.package}\0pyvider={version}\0"
            f"testmode={os.environ.get('PYVIDER_TESTMODE', '')}\0"
            f"fallback={self.fallback_provider_name}\0".encode()
        )
        for folder in self.package_dirs():
            for path, size, mtime in _package_files(folder, listing):
                digest.update(f"{path}\0{size}\0{mtime}\0".encode())
        return digest.hexdigest()

    def load_document(self) -> Any:
        """Import the package's components and compute the schema document."""
        pyvider_version(self.package)  # a clear message when pyvider is missing
        self.package_dirs()  # a clear message when the package is missing
        with _EXTRACT_LOCK:
            return run_coroutine(lambda: extract_schema(self.package, self.fallback_provider_name))

    def load_with_reads(self) -> tuple[Any, list[str]]:
        """:meth:`load_document`, with the module files the schema may depend on that the
        fingerprint does not cover (a component taking its text from ``acme/texts.py``
        while the package is ``acme.components``): caches keep their sizes and mtimes."""
        document = self.load_document()
        return document, module_files_outside(self.package_dirs())

    def bundle_roots(self) -> list[Path]:
        """The package's folders: bundles sit beside the component modules."""
        return self.package_dirs()

    def component_modules(self) -> dict[tuple[ComponentType, str], Path]:
        """The module file of every component of the package, by ``(kind, name)``: where
        ``adorn`` puts a new bundle (beside the module)."""
        pyvider_version(self.package)
        self.package_dirs()
        with _EXTRACT_LOCK:
            return run_coroutine(lambda: component_modules(self.package))

    def writable_dirs(self) -> list[Path]:
        """The package's folders, refused when they belong to an installed (non-editable)
        distribution: files written there would be lost on the next install."""
        folders = self.package_dirs()
        for folder in folders:
            if {"site-packages", "dist-packages"} & set(folder.parts):
                raise UsageError(
                    f"{folder}: pyvider package {self.package} is installed, not a source "
                    "checkout; install it editable (`pip install -e <checkout>`) or run adorn "
                    "in its source tree"
                )
        return folders


def test_mode_hint(warning: str) -> str:
    """A "template is not used" warning with the likely reason for a pyvider package: its
    component is test-only, and pyvider leaves those out unless ``PYVIDER_TESTMODE=true``."""
    if os.environ.get("PYVIDER_TESTMODE", "").strip().lower() in ("1", "true", "yes", "on"):
        return warning
    return (
        f"{warning} (a test-only component? pyvider includes those only with PYVIDER_TESTMODE=true)"
    )


def module_files_outside(folders: list[Path]) -> list[str]:
    """Source files of the imported modules that are neither in ``folders`` nor installed
    (the interpreter's own, site-packages) nor plating's: the project's other modules,
    which a package's components may import from."""
    import plating

    installed = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    skipped = tuple(os.path.join(p, "") for p in installed)
    skipped += tuple(os.path.join(os.fspath(f), "") for f in folders)
    skipped += tuple(os.path.join(p, "") for p in plating.__path__)
    found: set[str] = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            continue
        path = Path(file).absolute()
        text = str(path)
        if text.startswith(skipped) or {"site-packages", "dist-packages"} & set(path.parts):
            continue
        found.add(text)
    return sorted(found)


def pyvider_version(package: str) -> str:
    """The installed pyvider version, or a :class:`UsageError` saying what to install."""
    spec = importlib.util.find_spec("pyvider")
    if spec is not None and spec.origin is not None:
        # The metadata folder beside the package: what importlib.metadata would find,
        # without importing it and scanning every distribution (milliseconds per run).
        site = Path(spec.origin).parent.parent
        found = sorted(site.glob("pyvider-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("pyvider-").removesuffix(".dist-info")
    from importlib import metadata

    try:
        return metadata.version("pyvider")
    except metadata.PackageNotFoundError:
        raise UsageError.naming_options(
            lambda o: (
                f"{o('package_name')} {package}: reading a pyvider package needs "
                f"pyvider, which is not installed in this environment ({sys.executable}); "
                f"{INSTALL_HINT}"
            )
        ) from None


#: Calls in a package's ``__init__.py`` that extend its ``__path__`` when it is imported
#: (pkgutil- and pkg_resources-style namespace packages split over several folders).
_PATH_EXTENDERS = ("extend_path", "declare_namespace")


def find_package_dirs(package: str) -> list[Path]:
    """Folders of an importable package (several for a namespace package).

    Located through the import system's finders without running the package's code
    (``importlib.util.find_spec`` would import the parent packages, and a package such as
    ``pyvider`` costs a third of a second to import). A package whose ``__init__.py`` calls
    ``pkgutil.extend_path`` (one namespace shared by several distributions, e.g.
    ``tofusoup``) gets the folders that call adds: the same-named folder under every
    ``sys.path`` entry. A package the finders cannot place is imported: what the import
    system resolves decides, and only a failed import is reported as not importable.
    """
    if not package or any(not part.isidentifier() for part in package.split(".")):
        raise UsageError.naming_options(
            lambda o: (
                f"{o('package_name')} {package!r}: not a Python package name "
                "(expected e.g. `pyvider.components`)"
            )
        )
    module = sys.modules.get(package)
    paths = getattr(module, "__path__", None) if module is not None else None
    if paths is not None:
        return _existing_dirs(paths)
    search: list[str] | None = None
    spec: importlib.machinery.ModuleSpec | None = None
    parts = package.split(".")
    for index in range(len(parts)):
        name = ".".join(parts[: index + 1])
        spec = _find_spec(name, search)
        if spec is None:
            return _imported_dirs(package, name)
        if spec.submodule_search_locations is None:
            raise _not_a_package(package, name, spec.origin)
        search = list(spec.submodule_search_locations)
        if _extends_path(spec):
            search = _namespace_portions(name, search)
    return _existing_dirs(search or [])


def _extends_path(spec: importlib.machinery.ModuleSpec) -> bool:
    """Whether a regular package's ``__init__.py`` extends its ``__path__`` on import."""
    origin = spec.origin
    if not spec.has_location or origin is None or not origin.endswith("__init__.py"):
        return False
    try:
        with Path(origin).open(encoding="utf-8", errors="replace") as handle:
            text = handle.read(65536)
    except OSError:
        return False
    return any(word in text for word in _PATH_EXTENDERS)


def _namespace_portions(name: str, own: list[str]) -> list[str]:
    """``own`` plus the package's folder under every ``sys.path`` entry, in that order:
    the path ``pkgutil.extend_path`` gives the package when it is imported."""
    portions = list(own)
    relative = os.path.join(*name.split("."))
    for entry in sys.path:
        if not isinstance(entry, str):
            continue
        folder = os.path.join(entry or str(Path.cwd()), relative)
        if folder not in portions and Path(folder).is_dir():
            portions.append(folder)
    return portions


def _imported_dirs(package: str, missing: str | None) -> list[Path]:
    """The package's ``__path__`` after importing it (parents first, as Python does)."""
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        absent = exc.name or missing or package
        if absent != package and not package.startswith(f"{absent}."):
            raise _package_error(package, f"importing it needs {absent!r}", exc) from exc
        raise UsageError.naming_options(
            lambda o: (
                f"{o('package_name')} {package}: no package {absent!r} is importable "
                f"by {sys.executable}; install the provider package in the same environment as "
                "plating (e.g. `pip install -e .` in its checkout), or put the folder that holds "
                "it on PYTHONPATH (e.g. `PYTHONPATH=src` for a src layout)"
            )
        ) from None
    except Exception as exc:
        raise _package_error(package, "importing it failed", exc) from exc
    paths = getattr(module, "__path__", None)
    if paths is None:
        raise _not_a_package(package, package, getattr(module, "__file__", None))
    found = _existing_dirs(paths)
    _LOG.debug("pyvider package %s: imported; its folders are %s", package, found)
    return found


def _not_a_package(package: str, name: str, origin: str | None) -> UsageError:
    return UsageError.naming_options(
        lambda o: (
            f"{o('package_name')} {package}: {name!r} is a module ({origin}), not a "
            "package; name the package that holds the provider's components"
        )
    )


def _find_spec(name: str, path: list[str] | None) -> importlib.machinery.ModuleSpec | None:
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec: importlib.machinery.ModuleSpec | None = find_spec(name, path, None)
        if spec is not None:
            return spec
    return None


def _existing_dirs(paths: Any) -> list[Path]:
    seen: list[Path] = []
    for entry in paths:
        folder = Path(entry).resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return seen


def _package_files(
    folder: Path, listing: FolderListing | None = None
) -> Iterator[tuple[str, int, int]]:
    """(path, size, mtime_ns) of every file below ``folder`` in a fixed order; bytecode
    skipped. Walks with ``os.scandir`` (through ``listing`` when given, which bundle
    discovery then reuses): a package can hold thousands of files."""
    entries_of = listing.entries if listing is not None else list_folder
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        for entry in entries_of(current):  # none when vanished or unreadable
            if entry.is_dir(follow_symlinks=False):  # a linked folder is not entered
                if entry.name not in _SKIPPED_FILES:
                    pending.append(entry.path)
            elif not entry.name.endswith((".pyc", ".pyo")):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                yield entry.path, stat.st_size, stat.st_mtime_ns


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


async def extract_schema(package: str, fallback_name: str | None = None) -> dict[str, Any]:
    """Discover ``package``'s components and compute its schema document (needs pyvider).

    A package that registers no provider class (a package of components only) gets pyvider's
    base provider with an empty configuration, named ``fallback_name`` (default: the
    package's last name segment).
    """
    hub = _import("pyvider.hub").hub
    discovery = _import("pyvider.hub.discovery").ComponentDiscovery(hub)
    await _discover(discovery, package)
    with scoped_hub(hub, package) as registered:
        if registered is None:
            base = _import("pyvider.providers.base")
            provider_name = fallback_name or package.rsplit(".", 1)[-1]
            provider = base.BaseProvider(
                metadata=base.ProviderMetadata(name=provider_name, version="0.0.0")
            )
        else:
            provider_name = registered
            provider = hub.get_component("provider", provider_name)()
        try:
            await provider.setup()
        except Exception as exc:
            raise _package_error(
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
        raise _package_error(package, f"module {module} could not be imported{more}", error)


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
        raise _package_error(package, "pyvider could not compute the provider schema", exc) from exc
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


def _package_error(package: str, what: str, exc: BaseException) -> ExternalToolError:
    """An error naming the file and line in the package where ``exc`` was raised."""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"{exc.filename}:{exc.lineno}: "
    else:
        root = package.split(".")[0]
        mine = [f for f in frames if f"/{root}/" in f.filename.replace(os.sep, "/")]
        chosen = mine or frames
        if chosen:
            where = f"{chosen[-1].filename}:{chosen[-1].lineno}: "
    return ExternalToolError(
        f"{where}pyvider package {package}: {what}: {type(exc).__name__}: {exc}; fix the "
        "package (its own tests or `pyvider components list` show the same error)"
    )


# --- protocol (tfplugin6) -> `terraform providers schema -json` ------------------------------


def protocol_to_json(address: str, response: Any, identities: Any = None) -> dict[str, Any]:
    """A GetProviderSchema response (and identity schemas) in the shape Terraform prints.

    Follows Terraform's own marshalling: empty maps, empty strings and false flags are
    left out; ``description_kind`` is always present on blocks and attributes; actions have
    no ``version``; nested attribute types carry no min/max items.
    """
    provider: dict[str, Any] = {"provider": _schema(response.provider)}
    identity_map = getattr(identities, "identity_schemas", None) or {}
    sections: list[tuple[str, Any, Callable[[Any], dict[str, Any]]]] = [
        ("resource_schemas", response.resource_schemas, _schema),
        ("data_source_schemas", response.data_source_schemas, _schema),
        ("ephemeral_resource_schemas", response.ephemeral_resource_schemas, _schema),
        ("functions", response.functions, _function),
        ("resource_identity_schemas", identity_map, _identity),
        ("list_resource_schemas", getattr(response, "list_resource_schemas", None), _schema),
        ("action_schemas", getattr(response, "action_schemas", None), _action),
        ("state_store_schemas", getattr(response, "state_store_schemas", None), _schema),
    ]
    for key, members, convert in sections:
        if members:
            provider[key] = {name: convert(members[name]) for name in sorted(members)}
    return {"format_version": "1.0", "provider_schemas": {address: provider}}


def _has(message: Any, name: str) -> bool:
    has_field = getattr(message, "HasField", None)
    if callable(has_field):
        return bool(has_field(name))
    return getattr(message, name, None) is not None


def _schema(schema: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"version": int(schema.version)}
    if _has(schema, "block"):
        out["block"] = _block(schema.block)
    return out


def _action(action: Any) -> dict[str, Any]:
    if _has(action, "schema") and _has(action.schema, "block"):
        return {"block": _block(action.schema.block)}
    return {}


def _kind(value: Any) -> str:
    return "markdown" if int(value or 0) == 1 else "plain"


def _type(raw: bytes | str, where: str) -> Any:
    try:
        decoded = json.loads(raw)
    except ValueError as exc:
        raise SchemaError(f"{where}: the provider sent a type that is not JSON: {raw!r}") from exc
    return _normalise_type(decoded)


def _normalise_type(value: Any) -> Any:
    """As cty marshals types: object members normalised, optional attribute names sorted."""
    if isinstance(value, list) and len(value) >= 2:
        if value[0] == "object" and isinstance(value[1], dict):
            members = {k: _normalise_type(v) for k, v in value[1].items()}
            rest = [sorted(value[2])] if len(value) > 2 and value[2] else []
            return ["object", members, *rest]
        if value[0] == "tuple" and isinstance(value[1], list):
            return ["tuple", [_normalise_type(v) for v in value[1]]]
        return [value[0], _normalise_type(value[1])]
    return value


def _block(block: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attributes = {a.name: _attribute(a) for a in block.attributes}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    block_types = {b.type_name: _block_type(b) for b in block.block_types}
    if block_types:
        out["block_types"] = dict(sorted(block_types.items()))
    if block.description:
        out["description"] = block.description
    out["description_kind"] = _kind(block.description_kind)
    if block.deprecated:
        out["deprecated"] = True
    return out


def _block_type(nested: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    mode = _NESTING_BLOCK.get(int(nested.nesting))
    if mode:
        out["nesting_mode"] = mode
    out["block"] = _block(nested.block)
    if nested.min_items:
        out["min_items"] = int(nested.min_items)
    if nested.max_items:
        out["max_items"] = int(nested.max_items)
    return out


def _attribute(attribute: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if _has(attribute, "nested_type"):
        out["nested_type"] = _nested_type(attribute.nested_type)
    elif attribute.type:
        out["type"] = _type(attribute.type, f"attribute {attribute.name}")
    if attribute.description:
        out["description"] = attribute.description
    out["description_kind"] = _kind(attribute.description_kind)
    for flag in ("deprecated", "required", "optional", "computed", "sensitive", "write_only"):
        if getattr(attribute, flag, False):
            out[flag] = True
    return out


def _nested_type(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attributes = {a.name: _attribute(a) for a in obj.attributes}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    mode = _NESTING_OBJECT.get(int(obj.nesting))
    if mode:
        out["nesting_mode"] = mode
    return out


def _function(function: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if function.description:
        out["description"] = function.description
    if function.summary:
        out["summary"] = function.summary
    if function.deprecation_message:
        out["deprecation_message"] = function.deprecation_message
    returned = getattr(function, "return")
    out["return_type"] = _type(returned.type, "function return type")
    parameters = [_parameter(p) for p in function.parameters]
    if parameters:
        out["parameters"] = parameters
    if _has(function, "variadic_parameter"):
        out["variadic_parameter"] = _parameter(function.variadic_parameter)
    return out


def _parameter(parameter: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": parameter.name}
    if parameter.description:
        out["description"] = parameter.description
    if parameter.allow_null_value:
        out["is_nullable"] = True
    out["type"] = _type(parameter.type, f"parameter {parameter.name}")
    return out


def _identity(identity: Any) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for attribute in identity.identity_attributes:
        entry: dict[str, Any] = {"type": _type(attribute.type, f"identity {attribute.name}")}
        if attribute.description:
            entry["description"] = attribute.description
        if attribute.required_for_import:
            entry["required_for_import"] = True
        if attribute.optional_for_import:
            entry["optional_for_import"] = True
        attributes[attribute.name] = entry
    out: dict[str, Any] = {"version": int(identity.version)}
    if attributes:
        out["attributes"] = dict(sorted(attributes.items()))
    return out
