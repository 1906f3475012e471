"""Many providers in one process and in one command."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
from pathlib import Path

import pytest

from plating import Plating, PlatingContext
from plating.cli import main
from plating.limits import PAGES
from tests.conftest import REPO_ROOT, SCHEMAS
from tests.factories import snapshot

HAS_COMPONENTS = importlib.util.find_spec("pyvider") is not None and (
    importlib.util.find_spec("pyvider.components") is not None
)


def _contexts(root: Path) -> list[tuple[PlatingContext, str | None]]:
    demo = root / "demo"
    shutil.copytree(REPO_ROOT / "demo", demo)
    shutil.rmtree(demo / "docs", ignore_errors=True)
    (root / "az").mkdir()
    (root / "pv").mkdir()
    contexts: list[tuple[PlatingContext, str | None]] = [
        (
            PlatingContext(
                provider_name="kitchen", project_root=demo, schema_path=demo / "schema.json"
            ),
            None,
        ),
        (
            PlatingContext(
                provider_name="azurerm",
                project_root=root / "az",
                schema_path=SCHEMAS / "azurerm-4.65.0.json",
            ),
            None,
        ),
    ]
    if HAS_COMPONENTS:
        contexts.append((PlatingContext(project_root=root / "pv"), "pyvider.components"))
    return contexts


@pytest.mark.skipif(
    not HAS_COMPONENTS, reason="pyvider-components not installed (make test installs it)"
)
def test_concurrent_instances_equal_separate_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    together = _contexts(tmp_path / "together")
    alone = _contexts(tmp_path / "alone")

    async def all_at_once() -> None:
        results = await asyncio.gather(
            *(
                Plating(ctx, package_name=pkg).plate(output_dir=ctx.root / "out")
                for ctx, pkg in together
            )
        )
        assert all(not r.errors for r in results), [r.errors for r in results]

    PAGES.peak = 0
    asyncio.run(all_at_once())
    assert 1 <= PAGES.peak <= max(ctx.concurrency for ctx, _ in together)
    for ctx, pkg in alone:  # one after the other, each in its own event loop
        result = asyncio.run(Plating(ctx, package_name=pkg).plate(output_dir=ctx.root / "out"))
        assert not result.errors
    for (ctx_a, _), (ctx_b, _) in zip(together, alone, strict=True):
        pages_a = {k: v for k, (_, v) in snapshot(ctx_a.root / "out").items()}
        pages_b = {k: v for k, (_, v) in snapshot(ctx_b.root / "out").items()}
        assert pages_a and pages_a == pages_b, ctx_a.provider_name


def test_one_command_documents_every_provider(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plate", "--project-root", str(monorepo)]) == 0
    out = capsys.readouterr().out
    assert "[kitchen] plated" in out and "[local] plated" in out and "[helm] plated" in out
    assert "3 providers: 3 ok, 0 failed" in out
    assert (monorepo / "providers/kitchen/docs/resources/recipe.md").is_file()
    assert (monorepo / "docs/local/index.md").is_file()
    assert (monorepo / "helm-docs/resources/release.md").is_file()
    assert main(["plate", "--check", "--project-root", str(monorepo)]) == 0


def test_check_names_only_the_edited_page(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plate", "--quiet", "--project-root", str(monorepo)]) == 0
    example = monorepo / "providers/kitchen/examples/actions/kitchen_ring_bell/action.tf"
    example.write_text(example.read_text() + "\n# edited\n")
    capsys.readouterr()
    assert main(["plate", "--check", "--project-root", str(monorepo)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "would " in line]
    assert lines == ["[kitchen] would change actions/ring_bell.md"]


def test_provider_name_selects_and_unknown_name_is_an_error(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["plate", "--quiet", "--project-root", str(monorepo), "--provider-name", "local"]) == 0
    )
    assert (monorepo / "docs/local/index.md").is_file()
    assert not (monorepo / "helm-docs").exists()
    assert main(["plate", "--project-root", str(monorepo), "--provider-name", "nope"]) == 2
    assert "no provider named 'nope'" in capsys.readouterr().err
    assert main(["plate", "--project-root", str(monorepo), "--schema", "x.json"]) == 2


def test_validate_and_info_cover_every_provider(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plate", "--quiet", "--project-root", str(monorepo)]) == 0
    capsys.readouterr()
    assert main(["validate", "--project-root", str(monorepo)]) == 0
    out = capsys.readouterr().out
    assert "== kitchen" in out and "== local" in out and "== helm" in out
    assert main(["info", "--project-root", str(monorepo)]) == 0
    assert capsys.readouterr().out.count("provider:") == 3
