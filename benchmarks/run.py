"""plating's benchmark harness (`make bench`): medians of 5 whole-process runs, side by side.

Measures, on this machine:
- `plating --version` start-up;
- `plate` of the azurerm schema (about 1,570 pages) into an empty folder, peak RSS;
- `generate` of a tfplugindocs project of 150 pages with Go templates against its default
  pages, and of azurerm with fallback Go templates (benchmarks/tfplugindocs_project.py);
- a no-change re-run of that `plate` (nothing may be rewritten), and `validate` of the result;
- `plate` of an Argo CD application-set-shaped page over the Registry's limit, written with
  repeated nested schemas once (dedupe_nested auto) and as tfplugindocs writes it (never);
- the Go template engine: a tfplugindocs-style resource template executed per azurerm
  component, CPU time per execution and its ratio to hand-written Python;
- `plating serve` of azurerm: start-up to the first page, and a template edit to the open
  page in Chromium showing it;
- synthetic pyvider providers (../shared/bench/gen_synth_pyvider.py) at N = 10, 200, 1000,
  documented by this plating and by provide-io's plating 0.6.1 (installed from PyPI into its
  own virtual environment under benchmarks/.venvs/), in the same run, with their ratio.

For this plating three figures per N: `first` (no cache of plating's: pyvider is imported
and the schema extracted), `fresh-out` (plating's caches warm, empty output folder) and
`no-change` (a re-run over unchanged docs). plating 0.6.1 has no caches: every run does all
the work.

Both tools run as a user's machine runs Python: bytecode caching on (PYTHONDONTWRITEBYTECODE
is removed from their environment), plating's own modules compiled as a wheel install
compiles them, and each synthetic package imported once before timing, so neither tool pays
for compiling another's modules. Output folders go to --work-dir (default: a fresh folder
under benchmarks/.work, on the disk of the checkout, where a provider's docs live), and the
file system is synced before every timed run.

Usage: python benchmarks/run.py [--runs 5] [--sizes 10,200,1000] [--skip-peer] [--work-dir D]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AZURERM = SHARED / "schemas" / "azurerm-4.65.0.json"
GENERATOR = SHARED / "bench" / "gen_synth_pyvider.py"
PEER_VERSION = "0.6.1"
PEER_VENV = REPO / "benchmarks" / ".venvs" / f"plating-{PEER_VERSION}"
OURS = Path(sys.executable).parent / "plating"
# Python's default: bytecode is cached (a CI image may switch it off for its own reasons).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command to completion; its wall time and peak RSS (from wait4).

    The file system is synced first, so that no run pays for writing back the files of
    the run before it (each writes a thousand pages or more).
    """
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{errors.decode(errors='replace')}")
    return Sample(seconds, usage.ru_maxrss / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.peak_rss_mb for s in samples),
    )


def peer_plating() -> Path:
    """provide-io plating 0.6.1 in its own virtual environment (created on first use)."""
    binary = PEER_VENV / "bin" / "plating"
    if not binary.exists():
        print(f"installing plating=={PEER_VERSION} into {PEER_VENV} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [
                str(PEER_VENV / "bin" / "pip"),
                "install",
                "--quiet",
                f"plating=={PEER_VERSION}",
                "pyvider==0.8.1",
            ],
            check=True,
        )
    return binary


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, sample: Sample, note: str = "") -> None:
        self.rows.append((what, f"{sample.seconds:.3f}", f"{sample.peak_rss_mb:.0f}", note))

    def print(self) -> None:
        header = ("measure (median)", "seconds", "peak MB", "note")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(4)]
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def bench_gotemplate(table: Table, work: Path) -> None:
    """The Go template engine alone: a tfplugindocs-style resource template per azurerm
    component (benchmarks/gotemplate_azurerm.py, one process; its medians are of 5 rounds)."""
    figures_file = work / "gotemplate.json"
    sample = run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "gotemplate_azurerm.py"),
            "--json",
            str(figures_file),
        ],
        REPO,
    )
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    table.add(
        f"gotemplate: resource template x{figures['executions']:.0f} (whole process)",
        sample,
        f"executions {figures['seconds'] * 1000:.0f} ms CPU, "
        f"{figures['us_per_execution']:.1f} us each, "
        f"{figures['executions_per_second']:.0f}/s, x{figures['ratio']:.1f} hand-written Python",
    )


def bench_startup(table: Table, runs: int) -> None:
    table.add(
        "plating --version", median([run([str(OURS), "--version"], REPO) for _ in range(runs)])
    )


def bench_oversized(table: Table, runs: int, work: Path) -> None:
    """An Argo CD application-set-shaped page (tests/large_schemas.py, 1.2 MB as tfplugindocs
    writes it): ``plate`` with dedupe_nested auto (rendered twice, written with repeats once)
    against never (rendered once, written whole), each into an empty folder."""
    import json

    sys.path.insert(0, str(REPO))
    from tests.large_schemas import application_set_document

    root = work / "appset"
    root.mkdir()
    schema = root / "schema.json"
    schema.write_text(json.dumps(application_set_document()), encoding="utf-8")
    samples: dict[str, list[Sample]] = {"auto": [], "never": []}
    sizes: dict[str, int] = {}
    for index in range(runs):
        for mode, found in samples.items():
            out = root / f"docs-{mode}-{index}"
            command = [
                str(OURS),
                "plate",
                "-q",
                "--schema",
                str(schema),
                "--project-root",
                str(root),
                "--output-dir",
                str(out),
                "--dedupe-nested",
                mode,
            ]
            found.append(run(command, root))
            sizes[mode] = (out / "resources" / "application_set.md").stat().st_size
    auto, never = median(samples["auto"]), median(samples["never"])
    table.add(
        "application-set page, plate (dedupe_nested auto)",
        auto,
        f"{sizes['never']:,} -> {sizes['auto']:,} bytes; {auto.seconds / never.seconds:.2f} "
        "times never",
    )
    table.add("application-set page, plate (dedupe_nested never)", never)


def azurerm_command(command: str, root: Path) -> list[str]:
    """``plating plate`` or ``plating validate`` of the azurerm schema in ``root``."""
    quiet = ["-q"] if command == "plate" else []
    return [
        str(OURS),
        command,
        *quiet,
        "--schema",
        str(AZURERM),
        "--provider-name",
        "azurerm",
        "--project-root",
        str(root),
    ]


def bench_azurerm(table: Table, runs: int, work: Path) -> None:
    cold: list[Sample] = []
    for index in range(runs):
        root = work / f"azurerm-{index}"
        root.mkdir()
        cold.append(run(azurerm_command("plate", root), root))
    pages = sum(1 for _ in (work / "azurerm-0" / "docs").rglob("*.md"))
    per_page = median(cold).seconds / pages * 1000
    table.add("azurerm plate, empty folder", median(cold), f"{pages} pages, {per_page:.2f} ms/page")
    root = work / "azurerm-0"
    before = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")}
    again = [run(azurerm_command("plate", root), root) for _ in range(runs)]
    after = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")}
    table.add(
        "azurerm plate, no change",
        median(again),
        "nothing rewritten" if before == after else "PAGES REWRITTEN",
    )
    checks = [run(azurerm_command("validate", root), root) for _ in range(runs)]
    table.add("azurerm validate", median(checks), "all checks but --terraform")


def generate_command(root: Path, schema: Path, provider: str) -> list[str]:
    """``plating generate`` as a tfplugindocs project's Makefile runs it."""
    return [
        str(OURS),
        "generate",
        "-q",
        f"--provider-dir={root}",
        f"--provider-name={provider}",
        f"--providers-schema={schema}",
    ]


def bench_tfplugindocs(table: Table, runs: int, work: Path) -> None:
    """``plating generate`` of a 150-page provider with Go templates against the same
    provider's default pages (target: at most 1.5 times), and of azurerm with fallback
    Go templates for every kind (target: under 1 s)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from tfplugindocs_project import make_project, templates_for

    # The two kinds of project take turns, run by run, so that a change in the machine's
    # load during the row weighs on both sides of the ratio alike.
    samples_of: dict[bool, list[Sample]] = {False: [], True: []}
    for index in range(runs):
        for templates in (False, True):
            root = work / f"tfplugindocs-{templates}-{index}"
            pages = make_project(root, resources=100, data_sources=49, templates=templates)
            sample = run(generate_command(root, root / "schema.json", "bench"), root)
            samples_of[templates].append(sample)
    medians = {templates: median(samples) for templates, samples in samples_of.items()}
    table.add(f"generate, {pages} pages, default pages", medians[False])
    ratio = medians[True].seconds / medians[False].seconds
    table.add(
        f"generate, {pages} pages, Go templates",
        medians[True],
        f"ratio {ratio:.2f} to default pages (target <= 1.5)",
    )
    samples = []
    for index in range(runs):
        root = work / f"tfplugindocs-azurerm-{index}"
        templates_for(root)
        samples.append(run(generate_command(root, AZURERM, "azurerm"), root))
    count = sum(1 for _ in (work / "tfplugindocs-azurerm-0" / "docs").rglob("*.md"))
    table.add(
        "azurerm generate, fallback Go templates",
        median(samples),
        f"{count} pages (target < 1 s)",
    )


def synthetic_command(binary: Path, out: Path) -> list[str]:
    """``plate`` of the synthetic package into ``out``, by this plating or the peer (which
    has no ``-q``)."""
    quiet = ["-q"] if binary == OURS else []
    return [str(binary), "plate", *quiet, "--package-name", "synthprov", "--output-dir", str(out)]


def bench_synthetic(table: Table, runs: int, sizes: list[int], work: Path, peer: bool) -> None:
    peer_bin = peer_plating() if peer else None
    previous: tuple[int, float] | None = None  # (N, fresh-output seconds) of the last size
    for size in sizes:
        root = work / f"synth-{size}"
        subprocess.run(
            [sys.executable, str(GENERATOR), str(size), str(root)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {**ENV, "PYTHONPATH": str(root / "site")}
        project = root / "project"
        # Its bytecode cached, as after any earlier import of the package (tests, a run).
        compileall.compile_dir(str(root / "site"), quiet=1)
        ours_first: list[Sample] = []
        ours_fresh: list[Sample] = []
        for index in range(runs):
            shutil.rmtree(project / ".plating-cache", ignore_errors=True)
            ours_first.append(
                run(synthetic_command(OURS, root / f"ours-first-{index}"), project, env)
            )
            ours_fresh.append(
                run(synthetic_command(OURS, root / f"ours-fresh-{index}"), project, env)
            )
        again_command = synthetic_command(OURS, root / "ours-fresh-0")
        ours_again = [run(again_command, project, env) for _ in range(runs)]
        first, fresh, again = median(ours_first), median(ours_fresh), median(ours_again)
        table.add(
            f"synthetic N={size}: plating, first run",
            first,
            f"{first.seconds / (size + 1) * 1000:.2f} ms/page",
        )
        growth = ""
        if previous is not None and size > previous[0]:
            # Linear cost: the marginal time of a page stays flat as N grows.
            extra = (fresh.seconds - previous[1]) / (size - previous[0]) * 1000
            growth = f"{extra:.2f} ms per page added since N={previous[0]}"
        previous = (size, fresh.seconds)
        table.add(f"synthetic N={size}: plating, fresh output", fresh, growth)
        table.add(f"synthetic N={size}: plating, no change", again)
        if peer_bin is None:
            continue
        theirs = [
            run(synthetic_command(peer_bin, root / f"peer-{index}"), project, env)
            for index in range(runs)
        ]
        peer_sample = median(theirs)
        ratios = ", ".join(
            f"{name} x{peer_sample.seconds / sample.seconds:.1f}"
            for name, sample in (("first", first), ("fresh", fresh), ("no-change", again))
        )
        table.add(f"synthetic N={size}: plating {PEER_VERSION}", peer_sample, f"ratio {ratios}")


def bench_batch(table: Table, runs: int, work: Path) -> None:
    """A monorepo of four providers in one command, next to each member alone."""
    schemas = {
        "kitchen": REPO / "demo" / "schema.json",
        "azurerm": AZURERM,
        "local": SHARED / "schemas" / "local-2.5.2.json",
    }
    members = {name: f'schema = "schemas/{name}.json"' for name in schemas}
    members["pyvider"] = 'package_name = "pyvider.components"'

    def project(root: Path, names: list[str]) -> Path:
        # A project file may only name paths inside the project: the schemas are put in it.
        (root / "schemas").mkdir(parents=True)
        for name in names:
            if name in schemas:
                target = root / "schemas" / f"{name}.json"
                try:
                    os.link(schemas[name], target)
                except OSError:  # another file system (a read-only ../shared)
                    shutil.copyfile(schemas[name], target)
        (root / "pyproject.toml").write_text(
            "".join(
                f'[[tool.plating.providers]]\nprovider_name = "{name}"\n{members[name]}\n\n'
                for name in names
            )
        )
        return root

    together: list[Sample] = []
    for index in range(runs):
        root = project(work / f"batch-{index}", list(members))
        together.append(run([str(OURS), "plate", "-q", "--project-root", str(root)], root))
    alone: dict[str, list[Sample]] = {name: [] for name in members}
    for index in range(runs):
        for name in members:
            root = project(work / f"alone-{name}-{index}", [name])
            alone[name].append(run([str(OURS), "plate", "-q", "--project-root", str(root)], root))
    medians = {name: median(samples) for name, samples in alone.items()}
    batch = median(together)
    total = sum(m.seconds for m in medians.values())
    largest = max(m.peak_rss_mb for m in medians.values())
    table.add(
        "batch of 4 providers, one command",
        batch,
        f"members alone: {total:.3f} s in sum, largest {largest:.0f} MB",
    )
    for name, sample in medians.items():
        table.add(f"  member {name} alone", sample)


def bench_serve(table: Table, runs: int, work: Path) -> None:
    """`plating serve` on azurerm: start-up to first page, and edit to updated page in
    Chromium (benchmarks/serve_azurerm.py)."""
    import serve_azurerm

    root = serve_azurerm.make_project(work)
    started = serve_azurerm.startup(root, runs)
    table.add(
        "azurerm serve, start-up to first page",
        Sample(statistics.median(started.seconds), started.peak_rss_mb),
        f"{started.summary()}; target {serve_azurerm.STARTUP_TARGET} s",
    )
    edited = serve_azurerm.edit_to_update(root, 2 * runs)
    table.add(
        "azurerm serve, template edit to updated page",
        Sample(statistics.median(edited.seconds), edited.peak_rss_mb),
        f"{edited.summary()}; target {serve_azurerm.EDIT_TARGET} s",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10,200,1000")
    parser.add_argument("--skip-peer", action="store_true", help="do not run plating 0.6.1")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=REPO / "benchmarks" / ".work",
        help="where the scratch folder of output trees is made (default: %(default)s)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    compileall.compile_dir(str(REPO / "src" / "plating"), quiet=1)  # as a wheel install does
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; runs: {args.runs}")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    table = Table()
    with tempfile.TemporaryDirectory(prefix="plating-bench-", dir=args.work_dir) as scratch:
        work = Path(scratch)
        bench_startup(table, args.runs)
        bench_azurerm(table, args.runs, work)
        bench_oversized(table, args.runs, work)
        bench_gotemplate(table, work)
        bench_serve(table, args.runs, work)
        bench_tfplugindocs(table, args.runs, work)
        bench_batch(table, args.runs, work)
        bench_synthetic(table, args.runs, sizes, work, peer=not args.skip_peer)
    table.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
