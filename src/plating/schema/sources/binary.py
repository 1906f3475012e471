"""The schema printed by ``terraform providers schema -json`` (or OpenTofu's ``tofu``).

plating writes a throw-away configuration that requires the provider (``--provider-source
ADDRESS``) and a CLI configuration that it passes in ``TF_CLI_CONFIG_FILE`` (the
environment may point that variable at a missing file), then runs the binary there:

* a registry provider: ``init -backend=false`` then ``providers schema -json``. With
  ``TF_PLUGIN_CACHE_DIR`` set, the cache is Terraform's plugin cache and, when it already
  holds the provider, its only installation source (no network);
* a pyvider package (``pyvider_package``): a launcher ``terraform-provider-<name>`` that
  serves the package with pyvider is declared in ``dev_overrides``, so no ``init`` and no
  network are needed (Terraform warns about the override on stderr; the JSON is unaffected).

Every call to the binary goes through a :class:`~plating.resilience.RetryPolicy` (transient
failures only) and the binary's :class:`~plating.resilience.CircuitBreaker`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from plating.errors import ExternalToolError, SchemaError, UsageError
from plating.resilience import (
    TRANSIENT_ERRNOS,
    CircuitBreaker,
    RetryPolicy,
    breaker_for,
    is_transient_error,
)
from plating.schema.parse import provider_addresses
from plating.schema.sources.json_file import decode_schema_json
from plating.schema.sources.pyvider import LOCAL_ADDRESS_PREFIX, PyviderSource, find_package_dirs

if TYPE_CHECKING:
    from plating.listing import FolderListing
    from plating.schema.sources.pyvider_discovery import FoundPackage

#: Binaries looked up on ``PATH`` when none is given, in this order.
DEFAULT_BINARIES = ("tofu", "terraform")
#: Bumped when the way the schema is obtained changes (invalidates cached schemas).
BINARY_FORMAT = 1

#: Lowercase fragments of tool output that mark a failure worth retrying.
TRANSIENT_MARKERS = (
    "timeout",
    "timed out",
    "deadline exceeded",
    "connection reset",
    "connection refused",
    "temporarily unavailable",
    "temporary failure",
    "try again",
    "text file busy",
    "too many open files",
    "tls handshake",
    "service unavailable",
    "bad gateway",
    "gateway timeout",
    "too many requests",
    "plugin did not respond",
)

_SCRUBBED_ENV_PREFIXES = ("TF_CLI_ARGS",)
_SCRUBBED_ENV = frozenset({"TF_WORKSPACE", "TF_DATA_DIR", "TF_CLI_CONFIG_FILE"})


def looks_transient(output: str) -> bool:
    """Whether a tool's error output describes a failure that may pass on its own."""
    lowered = output.lower()
    return any(marker in lowered for marker in TRANSIENT_MARKERS)


def find_binary(explicit: Path | str | None = None) -> Path:
    """The explicit binary (checked), else ``tofu`` then ``terraform`` from ``PATH``."""
    if explicit is not None:
        given = Path(explicit)
        found = None
        if not given.is_file() and given.parent == Path():  # a bare name: look it up on PATH
            found = shutil.which(str(given))
        path = Path(found) if found else given
        if not path.is_file():
            raise UsageError.naming_options(
                lambda o: f"{o('terraform_binary')} {explicit}: no such file"
            )
        if not os.access(path, os.X_OK):
            raise UsageError.naming_options(
                lambda o: f"{o('terraform_binary')} {explicit}: not executable (chmod +x it)"
            )
        return path.resolve()
    for name in DEFAULT_BINARIES:
        found = shutil.which(name)
        if found:
            return Path(found).resolve()
    raise UsageError.naming_options(
        lambda o: (
            f"no `tofu` or `terraform` on PATH; pass {o('terraform_binary')} PATH (or "
            f"read the schema from a file with {o('schema_path')}, or a pyvider package with "
            f"{o('package_name')})"
        )
    )


def provider_type_name(address: str) -> str:
    """``registry.terraform.io/hashicorp/local`` -> ``local`` (checked)."""
    parts = address.split("/")
    name = parts[-1]
    if len(parts) not in (2, 3) or not all(parts) or not name.replace("-", "_").isidentifier():
        raise UsageError.naming_options(
            lambda o: (
                f"{o('provider_source')} {address!r}: not a provider address; expected "
                "[HOST/]NAMESPACE/TYPE, e.g. hashicorp/local or local/providers/pyvider"
            )
        )
    return name


class BinarySource:
    """Runs ``<binary> providers schema -json`` in a throw-away configuration."""

    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        provider_source: str | None,
        binary: Path | str | None = None,
        *,
        pyvider_package: str | None = None,
        pyvider_declared: FoundPackage | None = None,
        project_root: Path | None = None,
        provider_name: str | None = None,
        policy: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        timeout: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``provider_source`` is the provider's address; for a pyvider package it defaults
        to ``local/providers/<provider name>`` (``provider_name``, else the package's);
        ``pyvider_declared``: where discovery found the package (errors name it);
        ``project_root``: the project, which may name a provider that registers none."""
        if provider_source is None and pyvider_package is None:
            raise UsageError.naming_options(
                lambda o: (
                    f"reading the schema with terraform needs {o('provider_source')} "
                    "ADDRESS (e.g. hashicorp/local)"
                )
            )
        self._address = provider_source
        self._explicit_binary = binary
        self.pyvider_package = pyvider_package
        self._pyvider_declared = pyvider_declared
        self._project_root = project_root
        self._provider_name = provider_name
        self.policy = policy or RetryPolicy()
        self._breaker = breaker
        self.timeout = timeout
        self._sleep = sleep
        self._binary: Path | None = None
        self._version: str | None = None
        self._resolved_address: str | None = None

    # --- what the source is -----------------------------------------------------------------

    @property
    def binary(self) -> Path:
        """The binary that is run (resolved on first use)."""
        if self._binary is None:
            self._binary = find_binary(self._explicit_binary)
        return self._binary

    @property
    def breaker(self) -> CircuitBreaker:
        """The circuit breaker of this binary (shared by every source using it)."""
        if self._breaker is None:
            self._breaker = breaker_for(str(self.binary))
        return self._breaker

    @property
    def address(self) -> str:
        """The provider address required by the throw-away configuration."""
        address = self._declared_address()
        if address is None:  # a served package whose provider name was not given
            if self._resolved_address is None:
                assert self.pyvider_package is not None
                document = self._served().load_document()
                self._resolved_address = provider_addresses(document)[0]
            address = self._resolved_address
        provider_type_name(address)
        return address

    def _served(self) -> PyviderSource:
        """The pyvider package served to the binary, as a source of its own."""
        assert self.pyvider_package is not None
        return PyviderSource(
            self.pyvider_package, declared=self._pyvider_declared, project_root=self._project_root
        )

    def _declared_address(self) -> str | None:
        """The address known without running anything (stable: it names the cache entry)."""
        if self._address is not None:
            return self._address
        if self._provider_name:
            return LOCAL_ADDRESS_PREFIX + self._provider_name.removeprefix("terraform-provider-")
        return None

    @property
    def description(self) -> str:
        """The command and provider, for messages (stable: it also names the cache entry)."""
        served = f" serving pyvider package {self.pyvider_package}" if self.pyvider_package else ""
        target = self._declared_address() or "the package's provider"
        return f"`{self.binary} providers schema -json` for {target}{served}"

    # --- SchemaSource -----------------------------------------------------------------------

    def version(self) -> str:
        """The binary's version (``version -json``), e.g. ``terraform 1.11.4``."""
        if self._version is None:
            with tempfile.TemporaryDirectory(prefix="plating-version-") as tmp:
                out = self.run(["version", "-json"], Path(tmp), self._environment(Path(tmp)))
            try:
                info = json.loads(out)
            except ValueError:
                info = None
            number = info.get("terraform_version") if isinstance(info, dict) else None
            if number:
                self._version = f"{self.binary.name} {number}"
            else:
                self._version = out.decode("utf-8", "replace").strip()
        return self._version

    def fingerprint(self, listing: FolderListing | None = None) -> str:
        """Binary (path, size, mtime, version), address, plugin cache contents for the
        address, and the pyvider package's own fingerprint when one is served."""
        stat = self.binary.stat()
        parts = [
            f"binary-source:{BINARY_FORMAT}",
            str(self.binary),
            str(stat.st_size),
            str(stat.st_mtime_ns),
            self.version(),
            self._declared_address() or "",  # else the served package's fingerprint says it
            f"testmode={os.environ.get('PYVIDER_TESTMODE', '')}",
        ]
        cache = _plugin_cache_dir()
        declared = self._declared_address()
        if cache is not None and declared and (cache / declared).is_dir():
            parts.extend(str(p.relative_to(cache)) for p in sorted((cache / declared).glob("*/*")))
        if self.pyvider_package:
            parts.append(self._served().fingerprint(listing))
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def load_document(self) -> Any:
        """Write the configuration, run the binary and decode its JSON."""
        address = self.address
        with tempfile.TemporaryDirectory(prefix="plating-schema-") as tmp:
            base = Path(tmp)
            work = base / "work"
            work.mkdir()
            (work / "main.tf").write_text(_main_tf(address), encoding="utf-8")
            overrides = None
            if self.pyvider_package:
                overrides = base / "providers"
                write_pyvider_launcher(overrides, self.pyvider_package, provider_type_name(address))
            cli_config = base / "plating.tfrc"
            cli_config.write_text(_cli_config(address, overrides), encoding="utf-8")
            env = self._environment(base, cli_config)
            if overrides is None:
                self.run(["init", "-backend=false", "-input=false", "-no-color"], work, env)
            out = self.run(["providers", "schema", "-json"], work, env)
        what = f"{self.binary} providers schema -json"
        document = decode_schema_json(out, what)
        if address not in provider_addresses(document):
            found = ", ".join(provider_addresses(document)) or "none"
            raise SchemaError.naming_options(
                lambda o: (
                    f"{what}: no schema for {address} in its output (it holds: {found}); "
                    f"check {o('provider_source')}"
                )
            )
        return document

    def bundle_roots(self) -> list[Path]:
        """The pyvider package's folders when one is served, else none."""
        return self._served().package_dirs() if self.pyvider_package else []

    # --- running the binary -----------------------------------------------------------------

    def _environment(self, base: Path, cli_config: Path | None = None) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in _SCRUBBED_ENV and not k.startswith(_SCRUBBED_ENV_PREFIXES)
        }
        if cli_config is None:
            cli_config = base / "empty.tfrc"
            cli_config.write_text("# no settings\n", encoding="utf-8")
        env.update(
            TF_CLI_CONFIG_FILE=str(cli_config),
            CHECKPOINT_DISABLE="1",
            TF_IN_AUTOMATION="1",
            TF_INPUT="0",
        )
        return env

    def run(self, args: Sequence[str], cwd: Path, env: dict[str, str]) -> bytes:
        """Run the binary with retries for transient failures; its stdout."""
        binary = self.binary
        command = shlex.join([str(binary), *args])

        def attempt() -> bytes:
            try:
                proc = subprocess.run(
                    [str(binary), *args],
                    cwd=cwd,
                    env=env,
                    capture_output=True,
                    timeout=self.timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise ExternalToolError(
                    f"`{command}` did not finish within {self.timeout:g}s (in {cwd})",
                    transient=True,
                ) from exc
            except OSError as exc:
                raise ExternalToolError(
                    f"`{command}` could not be started: {exc.strerror or exc}",
                    transient=exc.errno in TRANSIENT_ERRNOS,
                ) from exc
            if proc.returncode != 0:
                errors = (proc.stderr or b"").decode("utf-8", "replace").strip()
                errors = errors or (proc.stdout or b"").decode("utf-8", "replace").strip()
                raise ExternalToolError(
                    f"`{command}` exited with status {proc.returncode} (in {cwd}): "
                    f"{_excerpt(errors)}",
                    transient=looks_transient(errors),
                )
            return proc.stdout

        return self.policy.call(
            attempt,
            what=f"`{command}`",
            is_transient=is_transient_error,
            breaker=self.breaker,
            sleep=self._sleep,
        )


def _excerpt(text: str, limit: int = 1500) -> str:
    text = text or "(no output)"
    return text if len(text) <= limit else text[:limit] + " [...]"


def _hcl_string(value: str) -> str:
    """A quoted HCL string (JSON escaping is valid HCL; template markers escaped)."""
    return json.dumps(value).replace("${", "$${").replace("%{", "%%{")


def _main_tf(address: str) -> str:
    name = provider_type_name(address)
    return (
        "# written by plating to read the provider's schema; deleted afterwards\n"
        "terraform {\n"
        "  required_providers {\n"
        f"    {name} = {{\n"
        f"      source = {_hcl_string(address)}\n"
        "    }\n"
        "  }\n"
        "}\n"
    )


def _plugin_cache_dir() -> Path | None:
    value = os.environ.get("TF_PLUGIN_CACHE_DIR")
    return Path(value).expanduser().resolve() if value else None


def _cli_config(address: str, overrides: Path | None) -> str:
    lines = ["# written by plating for one `providers schema -json` run"]
    cache = _plugin_cache_dir()
    if cache is not None:
        lines.append(f"plugin_cache_dir = {_hcl_string(str(cache))}")
    lines.append("provider_installation {")
    if overrides is not None:
        lines += [
            "  dev_overrides {",
            f"    {_hcl_string(address)} = {_hcl_string(str(overrides))}",
            "  }",
            "  direct {}",
        ]
    elif cache is not None and (cache / address).is_dir():
        lines += [
            "  filesystem_mirror {",
            f"    path    = {_hcl_string(str(cache))}",
            f"    include = [{_hcl_string(address)}]",
            "  }",
            "  direct {",
            f"    exclude = [{_hcl_string(address)}]",
            "  }",
        ]
    else:
        lines.append("  direct {}")
    lines.append("}")
    return "\n".join(lines) + "\n"


_LAUNCHER_PY = """\
# Written by plating: serves the pyvider package {package!r} as the Terraform provider
# {name!r}, with pyvider's own server (plugin handshake included). Only that package's
# components are discovered, whatever other pyvider packages are installed.
import sys

sys.path.extend(p for p in {paths!r} if p not in sys.path)


def _serve():
    from pyvider.hub.discovery import ComponentDiscovery

    async def discover_only_the_package(self, strict=False):
        await self._discover_package({package!r}, strict=strict)

    ComponentDiscovery.discover_all = discover_only_the_package
    from pyvider.cli.__main__ import main

    main()


_serve()
"""


def write_pyvider_launcher(directory: Path, package: str, name: str) -> Path:
    """Write ``terraform-provider-<name>`` (and its Python script) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    roots = sorted({str(d.parent) for d in find_package_dirs(package.split(".")[0])})
    script = directory / f"terraform-provider-{name}.py"
    script.write_text(
        _LAUNCHER_PY.format(package=package, name=name, paths=roots), encoding="utf-8"
    )
    launcher = directory / f"terraform-provider-{name}"
    launcher.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(str(script))} "$@"\n',
        encoding="utf-8",
    )
    launcher.chmod(0o755)
    return launcher
