"""pyvider projects laid out as their authors keep them: a src/ layout with the package on
``sys.path`` (as `pip install -e .` puts it) and bundles beside the component modules."""

from __future__ import annotations

import importlib.util
import json
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


def plate_in_a_new_process(project: Path, package: str, *extra: str) -> str:
    """`plating plate` in a fresh interpreter (modules imported anew, as a user's runs)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    paths = [str(project / "src"), str(Path(__file__).resolve().parents[2] / "src")]
    env["PYTHONPATH"] = os.pathsep.join([*paths, env.get("PYTHONPATH", "")])
    command = [sys.executable, "-c", "from plating.cli import console; console()", "plate"]
    command += ["--quiet", "--package-name", package, "--provider-name", "acme"]
    command += ["--project-root", str(project), *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout + done.stderr + f"exit {done.returncode}"


TEXTS = 'WORDS = "{words}"\n'
COMPONENT = """
from {name}.texts import WORDS
from pyvider.hub import register_function


@register_function(name="shout", summary=WORDS)
def shout(text: str) -> str:
    return text.upper()
"""


def texts_project(tmp_path: Path, make: MakePackage) -> tuple[Path, str, Path]:
    """A src-layout project whose component package ``<name>.components`` takes its text
    from ``<name>/texts.py``, outside it: (project, component package, package folder)."""
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    name, package_dir = make(
        {
            "texts.py": TEXTS.format(words="First words."),
            "components/__init__.py": "",
            "components/shout.py": COMPONENT,
        },
        folder=project / "src",
    )
    return project, f"{name}.components", package_dir


@needs_pyvider
def test_a_schema_taking_text_from_outside_its_package_is_extracted_again(
    tmp_path: Path, make_pyvider_package: MakePackage
) -> None:
    """Defect 4: the fingerprint hashed only the package folder, so a component taking its
    text from a module outside it (`acme/texts.py` for `acme.components`) never re-extracted;
    `--no-schema-cache` was short-circuited by the stamp; and with the cache off the fresh
    extraction left the stale cache in place, so the next run reverted the page."""
    project, package, package_dir = texts_project(tmp_path, make_pyvider_package)
    page = project / "docs/functions/shout.md"
    texts = package_dir / "texts.py"

    assert plate_in_a_new_process(project, package).endswith("exit 0")
    assert "First words." in page.read_text()
    texts.write_text(TEXTS.format(words="Second words."))
    assert plate_in_a_new_process(project, package).endswith("exit 0")
    assert "Second words." in page.read_text()
    assert plate_in_a_new_process(project, package, "--check").endswith("exit 0")

    # A stale cache entry (as the old fingerprint left it): --no-schema-cache extracts
    # again although nothing plating watches changed, and the next run keeps its result.
    (cached,) = (project / ".plating-cache/schemas").glob("*.json")
    entry = json.loads(cached.read_text())
    entry["reads"] = {}
    entry["document"] = json.loads(json.dumps(entry["document"]).replace("Second", "Stale"))
    cached.write_text(json.dumps(entry))
    page.unlink()
    assert plate_in_a_new_process(project, package).endswith("exit 0")
    assert "Stale words." in page.read_text()  # the cache is trusted while it matches
    assert plate_in_a_new_process(project, package, "--no-schema-cache").endswith("exit 0")
    assert "Second words." in page.read_text()
    assert plate_in_a_new_process(project, package).endswith("exit 0")
    assert "Second words." in page.read_text()


@needs_pyvider
@pytest.mark.parametrize("edited", ["component", "outside module"])
def test_one_instance_plating_an_edited_package_again_documents_the_edit(
    tmp_path: Path, make_pyvider_package: MakePackage, edited: str
) -> None:
    """Defect 8 for pyvider packages: a reused `Plating` extracted an edited package again
    in its own process, where Python kept the modules as first imported. The stale schema
    was recorded in the stamp and in the schema cache under the new fingerprint, so every
    later `plate` and `plate --check` (fresh processes included) called the stale page up
    to date. The same when only a module outside the package changed (the fingerprint
    stays, the schema cache's reads do not)."""
    import asyncio

    from plating import Plating, PlatingContext

    project, package, package_dir = texts_project(tmp_path, make_pyvider_package)
    api = Plating(PlatingContext(project_root=project, provider_name="acme"), package)
    assert asyncio.run(api.plate()).errors == []
    page = project / "docs/functions/shout.md"
    assert "First words." in page.read_text()
    if edited == "component":
        module = package_dir / "components/shout.py"
        module.write_text(module.read_text().replace("summary=WORDS", 'summary="Second words."'))
    else:
        (package_dir / "texts.py").write_text(TEXTS.format(words="Second words."))
    again = asyncio.run(api.plate())
    assert again.errors == [] and again.changed == ["functions/shout.md"]
    assert "Second words." in page.read_text()
    # A new process agrees, with the stamp and the schema cache as the instance left them.
    assert plate_in_a_new_process(project, package, "--check").endswith("exit 0")
    assert "Second words." in page.read_text()
