"""Settings files as Windows editors save them: a UTF-8 byte order mark and CRLF line ends.

TOML refuses a byte order mark; plating drops it, as it does for every other input file
(templates, examples, schema files), so a project saved by Notepad plates like any other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plating.cli import main
from plating.errors import UsageError
from plating.schema.sources.pyvider_discovery import declared_packages
from plating.settings import read_pyproject, resolve
from plating.validate.config import load_validate_config
from tests.conftest import SCHEMAS

BOM = b"\xef\xbb\xbf"


def _write(path: Path, text: str, *, bom: bool = True, crlf: bool = True) -> Path:
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((BOM if bom else b"") + data.encode("utf-8"))
    return path


@pytest.mark.parametrize("crlf", [True, False], ids=["crlf", "lf"])
def test_a_pyproject_with_a_byte_order_mark_is_read(tmp_path: Path, crlf: bool) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[tool.plating]\nprovider_name = "kitchen"\nexclude = ["a_*"]\n',
        crlf=crlf,
    )
    settings = resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)
    assert settings.get("provider_name") == "kitchen"
    assert settings.get("exclude") == ["a_*"]
    assert settings.sources["provider_name"].startswith(str(tmp_path / "pyproject.toml"))


def test_the_validate_table_of_a_pyproject_with_a_byte_order_mark_is_read(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.plating.validate]\nline_length = 120\n")
    assert load_validate_config(tmp_path).line_length == 120


def test_pyvider_packages_declared_in_a_pyproject_with_a_byte_order_mark_are_found(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "acme"\n\n[project.entry-points.pyvider]\nacme = "acme.components"\n',
    )
    assert [f.package for f in declared_packages(path)] == ["acme.components"]


def test_a_byte_order_mark_is_dropped_only_at_the_start(tmp_path: Path) -> None:
    """A mark inside the file is a character TOML refuses where it stands (line 2)."""
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[tool.plating]\n\xef\xbb\xbfprovider_name = "x"\n')
    with pytest.raises(UsageError, match=r"pyproject\.toml: not valid TOML: .*line 2"):
        read_pyproject(path)


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(BOM + b'[tool.plating]\nprovider_name = "caf\xe9"\n')
    with pytest.raises(UsageError, match=r"pyproject\.toml:2: not UTF-8 text.*save the file"):
        read_pyproject(path)


@pytest.mark.parametrize("command", ["plate", "validate", "info"])
def test_commands_run_in_a_project_whose_pyproject_has_a_byte_order_mark(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SCHEMAS / "local-2.5.2.json", tmp_path / "schema.json")
    _write(tmp_path / "pyproject.toml", '[tool.plating]\nschema = "schema.json"\n')
    if command == "validate":
        assert main(["plate", "--project-root", str(tmp_path)]) == 0
    code = main([command, "--project-root", str(tmp_path)])
    assert code == 0, capsys.readouterr().err
    if command == "plate":
        assert (tmp_path / "docs" / "index.md").is_file()


def test_a_subcategories_file_with_a_byte_order_mark_allows_its_first_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.tfplugindocs.project import generate, make_project

    root = make_project(tmp_path / "terraform-provider-demo")
    assert generate(root) == 0
    page = root / "docs" / "resources" / "thing.md"
    page.write_text(page.read_text().replace('subcategory: ""', 'subcategory: "Storage"'))
    allowed = _write(tmp_path / "allowed.txt", "Storage\nCompute\n")
    argv = [
        "validate",
        f"--provider-dir={root}",
        "--provider-name=demo",
        f"--providers-schema={root / 'schema.json'}",
        f"--allowed-resource-subcategories-file={allowed}",
    ]
    assert main(argv) == 0, capsys.readouterr().out
