"""Benchmark: `plating validate` on the docs plated from the azurerm 4.65.0 schema.

Plates the ~1,570 pages into a temporary project, then times the whole `plating validate`
process (interpreter start-up, schema load and every check except --terraform) five times
and prints the median wall time. Target: at most 2 s on a 2-core machine.

    .venv/bin/python benchmarks/validate_azurerm.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO.parent / "shared" / "schemas" / "azurerm-4.65.0.json"
PLATING = Path(sys.executable).parent / "plating"
RUNS = 5
TARGET_SECONDS = 2.0


def main() -> int:
    """Plate, validate five times, print the median; exit 1 above the target."""
    from plating.cli import main as plating_main

    with tempfile.TemporaryDirectory(prefix="plating-bench-validate-") as tmp:
        root = Path(tmp)
        argv = ["plate", "--quiet", "--schema", str(SCHEMA), "--provider-name", "azurerm"]
        if plating_main([*argv, "--project-root", str(root)]) != 0:
            print("plating plate failed", file=sys.stderr)
            return 2
        pages = sum(1 for _ in (root / "docs").rglob("*.md"))
        command = [str(PLATING), "validate", "--schema", str(SCHEMA), "--project-root", str(root)]
        times: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                print(done.stdout + done.stderr, file=sys.stderr)
                return 2
        median = statistics.median(times)
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"plating validate, azurerm ({pages} pages): runs {shown} s; median {median:.2f} s")
        print(f"target <= {TARGET_SECONDS:.1f} s: {'ok' if median <= TARGET_SECONDS else 'MISSED'}")
        return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
