"""The template bombs of the bounded-templates issue, each in a `plating plate` process of its
own: exit 1, an error naming the template, line, component and bound, nothing written, and a
peak memory close to that of plating a harmless page (measured by the kernel for the child).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import add_bundle, resource_block, schema_document, write_schema

# The page time limit is lowered for the loop bomb, so that the test takes seconds, not ten.
BOOT = (
    "import sys; import plating.render.budget as b; b.PAGE_TIME_LIMIT = float(sys.argv[1]); "
    "from plating.cli import main; sys.exit(main(sys.argv[2:]))"
)
TIME_LIMIT = 1.0
MEMORY_MARGIN_MB = 48  # above a harmless run's peak; every bomb would take gigabytes


def _project(root: Path, template: str, partial: str | None = None) -> Path:
    root.mkdir(parents=True)
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    bundle = add_bundle(root, "resources", "demo_x", template)
    if partial is not None:
        (bundle / "docs" / "_part.md").write_text(partial, encoding="utf-8")
    return bundle


def _plate(root: Path) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak RSS (MB) of `plating plate` on ``root``."""
    err = root.parent / f"{root.name}.err"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATING_")}
    env["XDG_CACHE_HOME"] = str(root.parent / "cache")
    argv = [sys.executable, "-c", BOOT, str(TIME_LIMIT), "plate", "--quiet"]
    argv += ["--schema", str(root / "schema.json"), "--project-root", str(root)]
    started = time.monotonic()
    with err.open("wb") as stderr:
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    return child.returncode, err.read_text(encoding="utf-8"), elapsed, usage.ru_maxrss / 1024


@pytest.fixture(scope="module")
def harmless_peak_mb(tmp_path_factory: pytest.TempPathFactory) -> float:
    root = tmp_path_factory.mktemp("harmless") / "project"
    _project(root, "# {{ name }}\n\n{% for i in range(100) %}{{ i * 2 }} {% endfor %}\n")
    code, err, _seconds, peak = _plate(root)
    assert code == 0, err
    return peak


@pytest.mark.parametrize(
    ("template", "partial", "where", "bound"),
    [
        pytest.param(
            '# {{ name }}\n{{ "x" * 10**9 }}\n',
            None,
            "demo_x.tmpl.md:2",
            "output limit",
            id="repeat",
        ),
        pytest.param(
            "# {{ name }}\n{{ 10 ** (10 ** 8) }}\n",
            None,
            "demo_x.tmpl.md:2",
            "number limit",
            id="power",
        ),
        pytest.param(
            "# {{ name }}\n{{ '%0999999999d' % 1 }}\n",
            None,
            "demo_x.tmpl.md:2",
            "output limit",
            id="format-width",
        ),
        pytest.param(
            "# {{ name }}\n{{ render('part') }}\n",
            "Nested\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "{% endfor %}{% endfor %}\n",
            "_part.md:2",
            "time limit",
            id="nested-range-in-a-partial",
        ),
        pytest.param(
            "# {{ name }}\n{% set s = 'x' * 1000000 %}{% set t %}\n"
            "{% for i in range(100000) %}{{ s }}{% endfor %}{% endset %}{{ t }}\n",
            None,
            "demo_x.tmpl.md:3",
            "output limit",
            id="captured-output",
        ),
    ],
)
def test_template_bomb_fails_cleanly_within_memory_and_time(
    tmp_path: Path,
    harmless_peak_mb: float,
    template: str,
    partial: str | None,
    where: str,
    bound: str,
) -> None:
    root = tmp_path / "project"
    _project(root, template, partial)
    code, err, seconds, peak = _plate(root)
    assert code == 1, err
    assert where in err and "resource demo_x" in err and bound in err, err
    assert "Traceback" not in err
    assert "nothing was written" in err
    assert not (root / "docs").exists()
    assert peak < harmless_peak_mb + MEMORY_MARGIN_MB, (peak, harmless_peak_mb)
    assert seconds < TIME_LIMIT + 10, seconds
    print(f"{where} {bound}: peak {peak:.0f} MB (harmless {harmless_peak_mb:.0f}), {seconds:.1f} s")
