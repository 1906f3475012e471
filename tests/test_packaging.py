"""Packaging: this tree builds into a wheel that pip keeps beside pyvider-components.

pyvider-components (the pyvider component library) declares ``plating>=0.6.1``, a
dependency on provide-io's older tool of the same import name. This package is its
successor (1.x) and satisfies that requirement, so pip's resolver must keep it rather than
replace it with the package index's ``plating``. The test builds a wheel of this tree,
installs it into a fresh virtual environment, then installs pyvider-components with pip's
ordinary resolver (its other dependencies come from the index or pip's cache) and checks
that ``plating`` is still this project.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import plating
from tests.conftest import REPO_ROOT

COMPONENTS = "pyvider-components==0.8.1"


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3])


def test_one_version_in_the_package_and_its_metadata() -> None:
    assert importlib.metadata.version("plating") == plating.__version__


def test_the_version_satisfies_pyvider_components_requirement() -> None:
    # The successor of provide-io's plating 0.x: above its last release, a stable major.
    assert version_tuple(plating.__version__) >= (1, 0, 0) > (0, 6, 1)


def _pip(*args: str, python: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    if python is not None:
        command += ["--python", str(python)]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=600, check=False
    )


def _build_wheel(tmp_path: Path) -> Path:
    """A wheel of this tree, built from a copy (the checkout gets no build folders)."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, tree / name)
    shutil.copytree(
        REPO_ROOT / "src",
        tree / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    wheels = tmp_path / "wheels"
    built = _pip("wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(tree))
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("plating-*.whl")
    return wheel


def test_pip_keeps_this_plating_when_pyvider_components_is_installed(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    assert wheel.name.startswith(f"plating-{plating.__version__}-")
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    python = venv / "bin" / "python"

    first = _pip("install", "--quiet", str(wheel), python=python)
    assert first.returncode == 0, first.stderr
    # The user's next step, as the issue reports it: the component library, resolved by pip.
    second = _pip("install", "--report", str(tmp_path / "report.json"), COMPONENTS, python=python)
    assert second.returncode == 0, second.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    installed = {item["metadata"]["name"].lower() for item in report["install"]}
    assert "pyvider-components" in installed
    assert "plating" not in installed, "pip replaced this plating with the index's"

    probe = (
        "import importlib.metadata, json, plating, plating.api\n"
        "print(json.dumps({'version': plating.__version__,\n"
        "  'metadata': importlib.metadata.version('plating'),\n"
        "  'file': plating.__file__}))\n"
    )
    shown = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    found = json.loads(shown.stdout)
    assert found["version"] == found["metadata"] == plating.__version__
    assert Path(found["file"]).is_relative_to(venv)
    cli = subprocess.run(
        [str(venv / "bin" / "plating"), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert cli.stdout.strip() == f"plating {plating.__version__}"
    consistent = _pip("check", python=python)
    assert consistent.returncode == 0, consistent.stdout + consistent.stderr


def test_the_makefile_installs_pyvider_components_with_its_dependencies() -> None:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pyvider-components==0.8.1" in text
    assert "--no-deps" not in text


def test_license_is_an_spdx_expression() -> None:
    import tomllib

    document = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert document["project"]["license"] == "Apache-2.0"
    # A license string is understood from setuptools 77 on; older ones reject it.
    requires = document["build-system"]["requires"]
    assert [r for r in requires if r.startswith("setuptools")] == ["setuptools>=77"]


def test_build_prints_no_warning_and_declares_the_license(tmp_path: Path) -> None:
    import zipfile

    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, tree / name)
    shutil.copytree(
        REPO_ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    built = _pip("wheel", "--no-deps", "--wheel-dir", str(tmp_path), str(tree))
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    # pip's own notes about the machine's index configuration are not the build's.
    lines = [line for line in output.splitlines() if "Location 'file:" not in line]
    assert not [line for line in lines if "deprecat" in line.lower() or "Warning" in line], output
    (wheel,) = tmp_path.glob("plating-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    assert "License-Expression: Apache-2.0" in text.splitlines()
