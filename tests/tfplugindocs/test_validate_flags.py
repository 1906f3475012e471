"""``plating validate`` with ``tfplugindocs validate``'s command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.cli import main
from tests.tfplugindocs.project import generate, make_project


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "terraform-provider-demo")
    assert generate(root) == 0
    page = root / "docs" / "resources" / "thing.md"
    page.write_text(page.read_text().replace('subcategory: ""', 'subcategory: "Storage"'))
    return root


@pytest.mark.parametrize(
    ("allowed", "code"),
    [("Storage\nCompute\n", 0), ("Compute\n", 1)],
)
@pytest.mark.parametrize("dash", ["--", "-"])
def test_tfplugindocs_validate_flags(
    allowed: str, code: int, dash: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    allow_file = tmp_path / "allowed.txt"
    allow_file.write_text(allowed)
    argv = [
        "validate",
        f"{dash}provider-dir={root}",
        f"{dash}provider-name=demo",
        f"{dash}providers-schema={root / 'schema.json'}",
        f"{dash}tf-version=1.9.0",
        f"{dash}allowed-resource-subcategories-file={allow_file}",
        f"{dash}allowed-guide-subcategories=Guides",
    ]
    assert main(argv) == code
    out = capsys.readouterr().out
    assert ("Storage" in out) == (code == 1)


def test_an_unreadable_subcategories_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    missing = tmp_path / "missing.txt"
    argv = [
        "validate",
        "--provider-dir",
        str(root),
        "-allowed-guide-subcategories-file",
        str(missing),
    ]
    assert main(argv) == 2
    assert "missing.txt" in capsys.readouterr().err
