"""The schema of a pyvider provider package, computed in-process (no Terraform needed).

pyvider is an optional dependency (``pip install 'pyvider>=0.8'``) and is imported only
when this source extracts a schema: finding the package, hashing it and listing its bundle
folders never import pyvider or the package.

Extraction follows pyvider's own server: the package's components are discovered into
pyvider's hub, the package's provider is instantiated and set up, and pyvider's tfprotov6
``GetProviderSchema`` and ``GetResourceIdentitySchemas`` handlers compute the protocol
schema, which :func:`~plating.schema.sources.pyvider_protocol.protocol_to_json` turns into
the ``terraform providers schema -json`` shape under the address
``local/providers/<provider name>``. While the handlers run, the hub
holds only components whose module is the package or below it, so other installed pyvider
packages never leak in. Test-only components follow pyvider's rule (hidden unless
``PYVIDER_TESTMODE=true``) because pyvider's handlers apply it.

This module is the source; its parts: :mod:`~plating.schema.sources.pyvider_locate` (the
package's folders and files, pyvider's version, without importing either),
:mod:`~plating.schema.sources.pyvider_extract` (pyvider run in-process) and
:mod:`~plating.schema.sources.pyvider_protocol` (its answer in the JSON shape).
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from plating.errors import UsageError
from plating.listing import FolderListing
from plating.schema.kinds import ComponentType
from plating.schema.sources.pyvider_extract import (
    LOCAL_ADDRESS_PREFIX,
    component_modules,
    extract_schema,
    in_package,
    run_coroutine,
)
from plating.schema.sources.pyvider_locate import (
    INSTALL_HINT,
    find_package_dirs,
    module_files_outside,
    package_files,
    pyvider_version,
)

__all__ = [
    "EXTRACTION_FORMAT",
    "INSTALL_HINT",
    "LOCAL_ADDRESS_PREFIX",
    "PyviderSource",
    "find_package_dirs",
    "in_package",
    "test_mode_hint",
]

#: Bumped when the conversion (pyvider_protocol.py) changes, so cached schemas are
#: extracted again.
#: 2: pyvider's warnings are kept with the document (``SOURCE_WARNINGS_KEY``).
EXTRACTION_FORMAT = 2

_EXTRACT_LOCK = threading.Lock()  # pyvider's hub is process-wide: one extraction at a time


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
            for path, size, mtime in package_files(folder, listing):
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
