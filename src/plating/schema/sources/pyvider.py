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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

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

if TYPE_CHECKING:
    from plating.schema.sources.pyvider_discovery import FoundPackage

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
#: Packages extracted in this process, with the fingerprint and the outside modules' states
#: they were imported with: Python keeps a module as first imported, so a later extraction
#: of an edited package (a long-lived ``Plating``, the preview) runs in a new interpreter.
_IMPORTED: dict[str, tuple[str, dict[str, list[int]]]] = {}


@dataclass(frozen=True)
class PyviderSource:
    """Computes the schema of the pyvider components in one Python package."""

    package: str
    #: Name for a package that registers no provider (its components alone are documented).
    fallback_provider_name: str | None = None
    #: Where discovery found the package (errors name it); None when it was given.
    declared: FoundPackage | None = field(default=None, compare=False)
    #: The project documented: its pyproject.toml may name a provider that registers none.
    project_root: Path | None = None
    cacheable: ClassVar[bool] = True

    @property
    def description(self) -> str:
        """``pyvider package <name>``, for messages and the cache entry's name."""
        return f"pyvider package {self.package}"

    def package_dirs(self) -> list[Path]:
        """The package's folders (several for a namespace package), found without importing."""
        return find_package_dirs(self.package, self.declared)

    def fingerprint(self, listing: FolderListing | None = None) -> str:
        """Hash of the package's files (paths, sizes, mtimes), pyvider's version and the
        test-mode switch: anything that can change the extracted schema."""
        version = pyvider_version(self.package, self.declared)
        digest = hashlib.sha256()
        digest.update(
            f"pyvider-source:{EXTRACTION_FORMAT}\0{self.package}\0pyvider={version}\0"
            f"testmode={os.environ.get('PYVIDER_TESTMODE', '')}\0"
            f"fallback={self.fallback_provider_name}\0{self._naming_state()}\0".encode()
        )
        for folder in self.package_dirs():
            for path, size, mtime in package_files(folder, listing):
                digest.update(f"{path}\0{size}\0{mtime}\0".encode())
        return digest.hexdigest()

    def _naming_state(self) -> str:
        """What names a provider that registers none, besides ``fallback_provider_name``:
        the project's pyproject.toml (its path, size and mtime)."""
        if self.fallback_provider_name or self.project_root is None:
            return ""
        pyproject = self.project_root / "pyproject.toml"
        try:
            stat = pyproject.stat()
        except OSError:
            return f"project={self.project_root}"
        return f"project={pyproject}:{stat.st_size}:{stat.st_mtime_ns}"

    def load_document(self) -> Any:
        """Import the package's components and compute the schema document."""
        pyvider_version(self.package, self.declared)  # a clear message when pyvider is missing
        self.package_dirs()  # a clear message when the package is missing
        with _EXTRACT_LOCK:
            return run_coroutine(
                lambda: extract_schema(self.package, self.fallback_provider_name, self.project_root)
            )

    def load_with_reads(self) -> tuple[Any, list[str]]:
        """:meth:`load_document`, with the module files the schema may depend on that the
        fingerprint does not cover (a component taking its text from ``acme/texts.py``
        while the package is ``acme.components``): caches keep their sizes and mtimes.

        The package is imported once per process; when its files (or those outside modules)
        changed since, the schema is extracted in a new interpreter, which reads them as
        they are now (in this one the imported modules would answer as before)."""
        from plating.schema.cache import file_states

        fingerprint = self.fingerprint()
        with _EXTRACT_LOCK:
            imported = _IMPORTED.get(self.package)
            if imported is not None and (
                imported[0] != fingerprint or file_states(imported[1]) != imported[1]
            ):
                return _extract_in_new_interpreter(self)
        document = self.load_document()
        reads = module_files_outside(self.package_dirs())
        with _EXTRACT_LOCK:
            _IMPORTED.setdefault(self.package, (fingerprint, file_states(reads)))
        return document, reads

    def bundle_roots(self) -> list[Path]:
        """The package's folders: bundles sit beside the component modules."""
        return self.package_dirs()

    def component_modules(self) -> dict[tuple[ComponentType, str], Path]:
        """The module file of every component of the package, by ``(kind, name)``: where
        ``adorn`` puts a new bundle (beside the module)."""
        pyvider_version(self.package, self.declared)
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


_CHILD = """
import json, sys
from plating.errors import PlatingError
from plating.schema.sources.pyvider import PyviderSource
from pathlib import Path
package, fallback, root, result = sys.argv[1:5]
try:
    source = PyviderSource(package, fallback or None, project_root=Path(root) if root else None)
    document, reads = source.load_with_reads()
    answer = {"document": document, "reads": reads}
except PlatingError as exc:
    answer = {"error": str(exc)}
with open(result, "w", encoding="utf-8") as handle:
    json.dump(answer, handle)
"""


def _extract_in_new_interpreter(source: PyviderSource) -> tuple[Any, list[str]]:
    """``source.load_with_reads()`` in a new Python process with this one's module path
    (its answer goes through a file: pyvider may print on standard output)."""
    import json
    import subprocess
    import sys
    import tempfile

    from plating.errors import ExternalToolError

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    with tempfile.TemporaryDirectory(prefix="plating-pyvider-") as folder:
        result = Path(folder) / "schema.json"
        argv = [sys.executable, "-c", _CHILD, source.package]
        root = str(source.project_root) if source.project_root is not None else ""
        argv += [source.fallback_provider_name or "", root, str(result)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        try:
            answer = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            detail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
            raise ExternalToolError(
                f"pyvider package {source.package}: extracting the edited package in a new "
                f"Python process failed: {detail[0]}"
            ) from None
    if "error" in answer:
        raise ExternalToolError(str(answer["error"]))
    return answer["document"], list(answer["reads"])


def test_mode_hint(warning: str) -> str:
    """A "template is not used" warning with the likely reason for a pyvider package: its
    component is test-only, and pyvider leaves those out unless ``PYVIDER_TESTMODE=true``."""
    if os.environ.get("PYVIDER_TESTMODE", "").strip().lower() in ("1", "true", "yes", "on"):
        return warning
    return (
        f"{warning} (a test-only component? pyvider includes those only with PYVIDER_TESTMODE=true)"
    )
