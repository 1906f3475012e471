"""pyvider projects laid out as their authors keep them: a src/ layout with the package on
``sys.path`` (as `pip install -e .` puts it) and bundles beside the component modules."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from plating.cli import main
from tests.sources.conftest import MakePackage

needs_pyvider = pytest.mark.skipif(
    importlib.util.find_spec("pyvider") is None,
    reason="pyvider is not installed (pip install 'plating[pyvider]')",
)

SHOUT_TEMPLATE = """---
page_title: "shout function"
---

# shout

Shouts. {{ example("example") }}
"""


def src_layout(tmp_path: Path, make: MakePackage) -> tuple[Path, str]:
    """A project with ``pyproject.toml`` at its root and the package in ``src/``, whose
    function ``shout`` has a bundle beside its module."""
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "acme"\n', encoding="utf-8")
    name, _package = make(
        {
            "functions/shout.plating/docs/shout.tmpl.md": SHOUT_TEMPLATE,
            "functions/shout.plating/examples/example.tf": 'output "x" { value = 1 }\n',
        },
        folder=project / "src",
    )
    return project, name


@needs_pyvider
@pytest.mark.parametrize("command", ["plate", "adorn", "info"])
def test_src_layout_finds_each_bundle_once(
    tmp_path: Path,
    make_pyvider_package: MakePackage,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """Defect 1 of the review: the project root and the package folder were both walked, so
    every bundle was found twice ("function shout already has a template (<same file>)")."""
    project, name = src_layout(tmp_path, make_pyvider_package)
    functions = project / "src" / name / "functions"
    before = files_below(functions)
    args = [command, "--package-name", name, "--project-root", str(project)]
    if command == "plate":
        args.append("--quiet")
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "already has a template" not in captured.err + captured.out
    if command == "plate":
        page = (project / "docs" / "functions" / "shout.md").read_text(encoding="utf-8")
        assert "Shouts." in page and 'output "x"' in page
    if command == "adorn":
        # shout is documented by its bundle: adorn adds nothing beside it.
        assert files_below(functions) == before


def files_below(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
