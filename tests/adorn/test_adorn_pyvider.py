"""adorn on a pyvider package: bundles beside the modules, then plate and validate."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from plating.cli import main
from tests.conftest import SHARED
from tests.factories import snapshot

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pyvider") is None,
    reason="pyvider not installed (make test installs the extra)",
)


@pytest.fixture(autouse=True)
def _forget_synthprov() -> Iterator[None]:
    """Each test imports its own synthprov: drop the previous one before and after."""

    def forget() -> None:
        for name in [m for m in sys.modules if m == "synthprov" or m.startswith("synthprov.")]:
            del sys.modules[name]

    forget()
    yield
    forget()


@pytest.fixture
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 200-component synthetic pyvider package without bundles, importable."""
    root = tmp_path / "synth"
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "bench/gen_synth_pyvider.py"),
            "200",
            str(root),
            "--no-bundles",
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.syspath_prepend(str(root / "site"))
    monkeypatch.chdir(root / "project")
    return root


def test_adorn_then_plate_then_validate(
    synthetic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = synthetic / "site" / "synthprov"
    args = ["--package-name", "synthprov", "--project-root", str(synthetic / "project")]
    assert main(["adorn", "--quiet", *args]) == 0
    templates = sorted(package.rglob("*.plating/docs/*.tmpl.md"))
    assert len(templates) == 200
    assert (package / "resources/r0000.plating/docs/synth_r0000.tmpl.md") in templates
    assert (package / "functions/f0000.plating/examples/synth_f0000.tf").is_file()
    before = snapshot(package)
    capsys.readouterr()
    assert main(["adorn", *args]) == 0
    assert "created 0 templates and 0 examples" in capsys.readouterr().out
    assert snapshot(package) == before
    out = synthetic / "docs"
    assert main(["plate", "--quiet", *args, "--output-dir", str(out)]) == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert len(pages) == 201 and "index.md" in pages
    capsys.readouterr()
    code = main(["validate", *args, "--output-dir", str(out), "--format", "json"])
    report = capsys.readouterr().out
    assert code == 0, report
    assert '"findings": []' in report


def test_installed_package_is_refused(tmp_path: Path) -> None:
    # In its own process: pyvider's component hub is process-wide, and another test of this
    # module registered components of the same names.
    site = tmp_path / "lib" / "site-packages"
    root = tmp_path / "gen"
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "bench/gen_synth_pyvider.py"),
            "4",
            str(root),
            "--no-bundles",
        ],
        check=True,
        capture_output=True,
    )
    site.parent.mkdir(parents=True)
    (root / "site").rename(site)
    before = snapshot(site)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from plating.cli import main; sys.exit(main())",
            "adorn",
            "--package-name",
            "synthprov",
            "--project-root",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert run.returncode == 2, run.stderr
    assert "is installed, not a source checkout" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(site) == before
