"""Monorepos: each provider sees only its own inputs and settings, and is reported on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.cli import main


def test_a_provider_at_the_root_never_takes_another_providers_bundles(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defect 2: `local` (at the monorepo root) walked kitchen's root too, so its index page
    became "kitchen Provider" and it published kitchen's guide."""
    assert main(["plate", "--quiet", "--project-root", str(monorepo)]) == 0
    local_index = (monorepo / "docs/local/index.md").read_text(encoding="utf-8")
    assert 'page_title: "local Provider"' in local_index
    assert "kitchen" not in local_index.lower()
    assert not (monorepo / "docs/local/guides").exists()
    # kitchen still gets its own bundles, the guide included.
    kitchen_index = (monorepo / "providers/kitchen/docs/index.md").read_text(encoding="utf-8")
    assert "kitchen Provider" in kitchen_index
    assert (monorepo / "providers/kitchen/docs/guides/getting-started.md").is_file()
    # The same holds when one provider is selected, and for --check.
    assert main(["plate", "--check", "--project-root", str(monorepo)]) == 0
    only_local = ["--provider-name", "local"]
    assert main(["plate", "--check", "--project-root", str(monorepo), *only_local]) == 0


BROKEN_LINK_PAGE = """---
page_title: "Notes"
---

# Notes

See [the missing page](missing.md).
"""


def test_validate_settings_of_the_root_and_of_each_provider_apply(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defect 14: the root's [tool.plating.validate] was ignored for a provider with its own
    root, and a `validate` table inside [[tool.plating.providers]] was never applied."""
    assert main(["plate", "--quiet", "--project-root", str(monorepo)]) == 0
    (monorepo / "providers/kitchen/docs/guides/notes.md").write_text(BROKEN_LINK_PAGE)
    (monorepo / "helm-docs/guides").mkdir(exist_ok=True)
    (monorepo / "helm-docs/guides/notes.md").write_text(BROKEN_LINK_PAGE)
    pyproject = monorepo / "pyproject.toml"
    base = pyproject.read_text(encoding="utf-8")

    def validate(provider: str) -> int:
        capsys.readouterr()
        return main(["validate", "--project-root", str(monorepo), "--provider-name", provider])

    assert validate("kitchen") == 1 and "links/broken" in capsys.readouterr().out
    pyproject.write_text('[tool.plating.validate]\ndisable = ["links/broken"]\n\n' + base)
    assert validate("kitchen") == 0, capsys.readouterr().out
    assert validate("helm") == 0

    # A provider's own table is applied to that provider only, over the root's.
    own = base.replace(
        'output_dir = "helm-docs"\n',
        'output_dir = "helm-docs"\n\n'
        '[tool.plating.providers.validate]\ndisable = ["links/broken"]\n',
    )
    assert own != base
    pyproject.write_text(own)
    assert validate("helm") == 0, capsys.readouterr().out
    assert validate("kitchen") == 1


def test_one_providers_unreadable_schema_fails_that_provider_only(
    monorepo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defect 9: one provider's unreadable schema aborted every provider (exit 2, nothing
    written for the others, no per-provider summary)."""
    (monorepo / "schemas/local.json").write_text("{ not json", encoding="utf-8")
    capsys.readouterr()
    assert main(["plate", "--project-root", str(monorepo)]) == 2
    captured = capsys.readouterr()
    assert "[local]" in captured.err and "local.json" in captured.err
    assert (monorepo / "providers/kitchen/docs/index.md").is_file()
    assert (monorepo / "helm-docs/index.md").is_file()
    assert not (monorepo / "docs/local").exists()
    assert "[kitchen] ok" in captured.out and "[helm] ok" in captured.out
    assert "[local] failed" in captured.out
    assert "3 providers: 2 ok, 1 failed" in captured.out
    # validate reports the others too.
    assert main(["validate", "--project-root", str(monorepo)]) == 2
    captured = capsys.readouterr()
    assert "== kitchen" in captured.out and "== helm" in captured.out
    assert "[local]" in captured.err


def test_a_provider_bundle_documents_only_the_provider_it_names(tmp_path: Path) -> None:
    """Defect 2's mechanism: any `provider.plating` template bound to whichever provider was
    being documented."""
    import asyncio

    from plating import Plating, PlatingContext
    from tests.conftest import SCHEMAS

    root = tmp_path / "p"
    bundle = root / "components" / "provider.plating" / "docs"
    bundle.mkdir(parents=True)
    (bundle / "kitchen.tmpl.md").write_text("# The kitchen provider\n", encoding="utf-8")
    context = PlatingContext(
        project_root=root, schema_path=SCHEMAS / "local-2.5.2.json", read_settings=False
    )
    result = asyncio.run(Plating(context).plate())
    assert result.errors == []
    assert "kitchen" not in (root / "docs/index.md").read_text(encoding="utf-8")
    assert any("kitchen.tmpl.md: no component named 'kitchen'" in w for w in result.warnings)
    (bundle / "kitchen.tmpl.md").rename(bundle / "local.tmpl.md")
    assert asyncio.run(Plating(context).plate()).changed == ["index.md"]
    assert "# The kitchen provider" in (root / "docs/index.md").read_text(encoding="utf-8")
