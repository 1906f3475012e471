"""Benchmark: `plating serve` on the azurerm 4.65.0 schema (1,571 pages).

Two figures, each over several runs (minimum, median, maximum):
- start-up: from launching `plating serve` to the first page's full HTML received
  (target: at most 1.5 s);
- edit to update: from saving an edited bundle template to the open page in Chromium
  showing the edit, with no reload (target: at most 0.2 s). Each edit waits for the
  previous one's background validation to end, as a person reading the page would.

Runs on its own (`.venv/bin/python benchmarks/serve_azurerm.py`) and as rows of
`make bench` (benchmarks/run.py). Needs Debian's Chromium (`make browser`).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO.parent / "shared" / "schemas" / "azurerm-4.65.0.json"
PLATING = Path(sys.executable).parent / "plating"
PAGE = "/docs/resources/resource_group"
TEMPLATE = "plating/resources/resource_group.plating/docs/azurerm_resource_group.tmpl.md"
STARTUP_TARGET, EDIT_TARGET = 1.5, 0.2


@dataclass
class Figures:
    """Seconds of each run, the server's peak RSS in MB, and (start-up) the CPU seconds
    the server and its render process used: a figure the machine's other load leaves be."""

    seconds: list[float]
    peak_rss_mb: float
    cpu_seconds: list[float] = field(default_factory=list)

    def summary(self) -> str:
        s = self.seconds
        text = f"min {min(s):.3f}, median {statistics.median(s):.3f}, max {max(s):.3f} s"
        if self.cpu_seconds:
            text += f", CPU {statistics.median(self.cpu_seconds):.3f} s"
        return text


def make_project(work: Path) -> Path:
    """A provider project with one bundle template (the schema is given on the command line:
    a project file names only paths inside the project)."""
    root = work / "serve-azurerm"
    template = root / TEMPLATE
    template.parent.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "terraform-provider-azurerm"\n\n'
        '[tool.plating]\nprovider_name = "azurerm"\n'
    )
    write_template(template, "first")
    return root


def write_template(path: Path, marker: str) -> None:
    path.write_text(
        '---\npage_title: "azurerm_resource_group Resource - azurerm"\n'
        'subcategory: "Base"\n---\n\n# azurerm_resource_group (Resource)\n\n'
        f"Edit marker: {marker}.\n\n{{{{ schema() }}}}\n"
    )


class Server:
    """A `plating serve --port 0` process in a project."""

    def __init__(self, root: Path) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(PLATING), "serve", "--schema", str(SCHEMA), "--port", "0"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if " at http://" not in line:
            self.stop()
            raise RuntimeError(f"plating serve did not start: {line!r}")
        self.url = line.split(" at ", 1)[1].split(" ", 1)[0].rstrip("/")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return bytes(response.read())

    def validating(self) -> bool:
        return bool(json.loads(self.get("/_plating/status.json"))["validating"])

    def wait_idle(self, limit: float = 60.0) -> None:
        deadline = time.monotonic() + limit
        while self.validating():
            if time.monotonic() > deadline:
                raise RuntimeError("validation did not finish")
            time.sleep(0.02)

    def peak_rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def cpu_seconds(self) -> float:
        """User and system time of the server and its reaped children so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def startup(root: Path, runs: int) -> Figures:
    """Launch to the first page received, ``runs`` times."""
    seconds: list[float] = []
    cpu: list[float] = []
    peak = 0.0
    for _ in range(runs):
        server = Server(root)
        try:
            body = server.get(PAGE)
            seconds.append(time.perf_counter() - server.started)
            cpu.append(server.cpu_seconds())
            assert b"azurerm_resource_group (Resource)" in body
            peak = max(peak, server.peak_rss_mb())
        finally:
            server.stop()
    return Figures(seconds, peak, cpu)


def edit_to_update(root: Path, runs: int) -> Figures:
    """Save an edit, wait for the open page to show it, ``runs`` times."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO))  # the browser tests' own launch of Chromium
    from tests.serve.chromium import launch_chromium

    template = root / TEMPLATE
    seconds: list[float] = []
    server = Server(root)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(server.url + PAGE)
            page.evaluate("window.__notReloaded = true")
            for index in range(runs):
                server.wait_idle()
                marker = f"edit-{index}-{time.time_ns()}"
                started = time.perf_counter()
                write_template(template, marker)
                page.wait_for_function(
                    "m => document.getElementById('page').innerText.includes(m)",
                    arg=marker,
                    polling="raf",
                    timeout=30_000,
                )
                seconds.append(time.perf_counter() - started)
            assert page.evaluate("window.__notReloaded") is True
            browser.close()
        peak = server.peak_rss_mb()
    finally:
        server.stop()
    return Figures(seconds, peak)


def main() -> int:
    """Print both figures; exit 1 when a median misses its target."""
    with tempfile.TemporaryDirectory(prefix="plating-bench-serve-") as tmp:
        root = make_project(Path(tmp))
        started = startup(root, 5)
        edited = edit_to_update(root, 10)
    print(f"serve start-up to first page: {started.summary()} (target <= {STARTUP_TARGET} s)")
    print(f"serve edit to updated page:   {edited.summary()} (target <= {EDIT_TARGET} s)")
    print(f"serve peak RSS: {max(started.peak_rss_mb, edited.peak_rss_mb):.0f} MB")
    ok = (
        statistics.median(started.seconds) <= STARTUP_TARGET
        and statistics.median(edited.seconds) <= EDIT_TARGET
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
