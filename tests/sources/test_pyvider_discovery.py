"""Finding the pyvider package to document when no schema source is given, and finding the
folders of packages laid out as real repositories lay them out (src and flat layouts,
namespaces shared by several distributions)."""

from __future__ import annotations

import importlib.metadata
import logging
import sys
from pathlib import Path
from typing import Any

import pytest

from plating import Plating, PlatingContext
from plating.cli import main
from plating.errors import UsageError
from plating.schema.sources import pyvider_discovery
from plating.schema.sources.pyvider import PyviderSource, find_package_dirs
from plating.schema.sources.pyvider_discovery import (
    FoundPackage,
    declared_packages,
    discover_package,
    registered_packages,
)
from tests.sources.conftest import MakePackage
from tests.sources.test_pyvider import PACKAGE, needs_components, needs_pyvider

ENTRY_POINTS = "[project.entry-points.pyvider]\n{entries}\n"


def write_pyproject(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "pyproject.toml"
    path.write_text('[project]\nname = "acme"\nversion = "1.0"\n\n' + text, encoding="utf-8")
    return path


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> list[FoundPackage]:
    """The environment's ``pyvider`` entry points, as the test sets them (none by default)."""
    registered: list[FoundPackage] = []
    monkeypatch.setattr(pyvider_discovery, "registered_packages", lambda: list(registered))
    return registered


# --- what the project declares ----------------------------------------------------------------


def test_the_pyproject_declares_packages_by_entry_point_and_tool_table(tmp_path: Path) -> None:
    pyproject = write_pyproject(
        tmp_path,
        ENTRY_POINTS.format(entries='acme = "acme.components:register"\nmore = "acme.extra"')
        + '\n[tool.pyvider]\ncomponent_packages = ["acme.components", "acme.third"]\n',
    )
    found = declared_packages(pyproject)
    assert [f.package for f in found] == ["acme.components", "acme.extra", "acme.third"]
    assert found[0].origin.endswith("[project.entry-points.pyvider] acme")
    assert found[2].origin.endswith("[tool.pyvider] component_packages")


def test_a_top_level_pyvider_table_declares_packages_as_pyvider_reads_it(
    tmp_path: Path,
) -> None:
    """tofusoup keeps its packages under a top-level [pyvider] table, which pyvider's own
    command line reads beside [tool.pyvider]."""
    pyproject = write_pyproject(
        tmp_path, '[pyvider]\nname = "tofusoup"\ncomponent_packages = ["tofusoup.tf.components"]\n'
    )
    found = declared_packages(pyproject)
    assert [f.package for f in found] == ["tofusoup.tf.components"]
    assert found[0].origin == f"{pyproject} [pyvider] component_packages"
    bad = write_pyproject(tmp_path / "bad", "[pyvider]\ncomponent_packages = 3\n")
    with pytest.raises(UsageError, match=r"\[pyvider\] component_packages: expected a list"):
        declared_packages(bad)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[tool.pyvider]\ncomponent_packages = [1]\n", "expected a list of package names"),
        ('[tool.pyvider]\ncomponent_packages = ["not a name"]\n', "not a Python package name"),
        ('[project.entry-points]\npyvider = "acme"\n', "must be a table"),
    ],
)
def test_a_bad_declaration_names_the_file_and_key(tmp_path: Path, text: str, problem: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=problem) as caught:
        declared_packages(pyproject)
    assert str(pyproject) in str(caught.value)


def test_the_environments_entry_points_are_read_from_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    points = [
        importlib.metadata.EntryPoint("zeta", "zeta_prov.components", "pyvider"),
        importlib.metadata.EntryPoint("alpha", "alpha_prov:hook", "pyvider"),
        importlib.metadata.EntryPoint("again", "alpha_prov", "pyvider"),
    ]

    def entry_points(**selection: Any) -> list[importlib.metadata.EntryPoint]:
        assert selection == {"group": "pyvider"}
        return points

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    assert [f.package for f in registered_packages()] == ["alpha_prov", "zeta_prov.components"]


@needs_components
def test_pyvider_components_is_registered_in_this_environment() -> None:
    found = {f.package: f.origin for f in registered_packages()}
    assert "pyvider-components" in found[PACKAGE]


# --- choosing -----------------------------------------------------------------------------------


def test_the_project_declaration_wins_over_the_environment(
    tmp_path: Path, environment: list[FoundPackage]
) -> None:
    environment.append(FoundPackage("other.components", "entry point 'other'"))
    write_pyproject(tmp_path, ENTRY_POINTS.format(entries='acme = "acme"'))
    found = discover_package(tmp_path)
    assert found is not None and found.package == "acme"
    source = Plating(PlatingContext(project_root=tmp_path)).source()
    assert isinstance(source, PyviderSource) and source.package == "acme"


def test_one_registered_package_is_used_when_the_project_declares_none(
    tmp_path: Path, environment: list[FoundPackage]
) -> None:
    environment.append(FoundPackage("other.components", "entry point 'other'"))
    source = Plating(PlatingContext(project_root=tmp_path)).source()
    assert isinstance(source, PyviderSource) and source.package == "other.components"


def test_a_given_source_is_never_replaced_by_discovery(
    tmp_path: Path, environment: list[FoundPackage]
) -> None:
    environment.append(FoundPackage("other.components", "entry point 'other'"))
    schema = tmp_path / "schema.json"
    api = Plating(PlatingContext(project_root=tmp_path, schema_path=schema))
    assert api.pyvider_package() is None
    assert not isinstance(api.source(), PyviderSource)


def test_several_packages_stop_with_the_list_and_how_to_choose(
    tmp_path: Path, environment: list[FoundPackage], capsys: pytest.CaptureFixture[str]
) -> None:
    write_pyproject(
        tmp_path,
        ENTRY_POINTS.format(entries='a = "acme.one"')
        + '\n[tool.pyvider]\ncomponent_packages = ["acme.two"]\n',
    )
    with pytest.raises(UsageError) as caught:
        Plating(PlatingContext(project_root=tmp_path)).source()
    message = str(caught.value)
    assert "2 pyvider packages found" in message
    assert "acme.one" in message and "acme.two" in message
    # The Python API names its own parameters, never flags:
    assert "package_name=" in message and "--package-name" not in message
    assert main(["plate", "--project-root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--package-name PACKAGE" in err and "package_name=" not in err
    assert "acme.one" in err and "[tool.pyvider] component_packages" in err


def test_nothing_found_keeps_the_no_source_error_in_each_callers_words(
    tmp_path: Path, environment: list[FoundPackage], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError, match="no schema source") as caught:
        Plating(PlatingContext(project_root=tmp_path)).source()
    assert "schema_path=" in str(caught.value) and "--schema" not in str(caught.value)
    assert main(["plate", "--project-root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no schema source: pass --schema FILE" in err and "schema_path=" not in err


def test_discovery_logs_what_it_scanned_at_debug(
    tmp_path: Path, environment: list[FoundPackage], caplog: pytest.LogCaptureFixture
) -> None:
    write_pyproject(tmp_path, "")
    environment.append(FoundPackage("other.components", "entry point 'other'"))
    with caplog.at_level(logging.DEBUG, logger="plating"):
        discover_package(tmp_path)
    text = caplog.text
    assert f"{tmp_path / 'pyproject.toml'} declares no pyvider package" in text
    assert "using other.components (entry point 'other')" in text


def test_validate_uses_the_declared_package_but_never_guesses_from_the_environment(
    tmp_path: Path, environment: list[FoundPackage]
) -> None:
    environment.append(FoundPackage("other.components", "entry point 'other'"))
    api = Plating(PlatingContext(project_root=tmp_path))
    assert api.pyvider_package(environment=False) is None
    write_pyproject(tmp_path, ENTRY_POINTS.format(entries='acme = "acme"'))
    assert Plating(PlatingContext(project_root=tmp_path)).pyvider_package(environment=False) == (
        "acme"
    )


# --- real layouts, end to end ---------------------------------------------------------------


@needs_pyvider
@pytest.mark.parametrize("layout", ["src", "flat"])
def test_plate_without_flags_in_a_project_that_declares_its_package(
    tmp_path: Path,
    make_pyvider_package: MakePackage,
    environment: list[FoundPackage],
    layout: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = tmp_path / "project"
    parent = project / "src" if layout == "src" else project
    parent.mkdir(parents=True)
    name, _root = make_pyvider_package(folder=parent)
    table = (
        ENTRY_POINTS.format(entries=f'{name} = "{name}"')
        if layout == "src"
        else f'[tool.pyvider]\ncomponent_packages = ["{name}"]\n'
    )
    write_pyproject(project, table)
    assert main(["plate", "--project-root", str(project)]) == 0, capsys.readouterr().err
    page = (project / "docs" / "functions" / "shout.md").read_text(encoding="utf-8")
    assert "Upper-cases text." in page
    assert (project / "docs" / "index.md").is_file()


@pytest.mark.parametrize("layout", ["src", "flat", "elsewhere"])
@pytest.mark.parametrize("declaration", ["entry-point", "tool-table"])
def test_a_declared_package_that_is_not_importable_names_the_declaration_and_the_fix(
    tmp_path: Path,
    environment: list[FoundPackage],
    layout: str,
    declaration: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No --package-name was passed: the error names the pyproject.toml key that declared
    the package, and how to make it importable from where its code is."""
    project = tmp_path / "project"
    package = "plating_absent_pkg.tf"
    if layout != "elsewhere":
        parent = project / "src" if layout == "src" else project
        (parent / "plating_absent_pkg" / "tf").mkdir(parents=True)
    table, key = (
        (ENTRY_POINTS.format(entries=f'acme = "{package}"'), "[project.entry-points.pyvider] acme")
        if declaration == "entry-point"
        else (
            f'[tool.pyvider]\ncomponent_packages = ["{package}"]\n',
            "[tool.pyvider] component_packages",
        )
    )
    pyproject = write_pyproject(project, table)
    assert main(["plate", "--project-root", str(project)]) == 2
    err = capsys.readouterr().err
    assert f"{pyproject} {key}: pyvider package {package}: no package" in err
    assert f"`pip install -e {project}`" in err
    assert "package-name" not in err and "package_name" not in err
    hint = {
        "src": f"`PYTHONPATH={project / 'src'}`",
        "flat": f"`PYTHONPATH={project}`",
        "elsewhere": f"no folder plating_absent_pkg/ is in {project}",
    }
    assert hint[layout] in err
    assert not (project / "docs").exists()


def test_the_api_names_the_declaration_too(tmp_path: Path, environment: list[FoundPackage]) -> None:
    pyproject = write_pyproject(tmp_path, ENTRY_POINTS.format(entries='acme = "plating_absent"'))
    with pytest.raises(UsageError) as caught:
        Plating(PlatingContext(project_root=tmp_path)).source().fingerprint()
    message = str(caught.value)
    assert message.startswith(f"{pyproject} [project.entry-points.pyvider] acme: ")
    assert "package_name" not in message


def test_a_registered_package_that_is_not_importable_names_the_entry_point(
    tmp_path: Path, environment: list[FoundPackage]
) -> None:
    origin = "entry point 'gone' of acme-gone 1.0 (group 'pyvider')"
    environment.append(FoundPackage("plating_gone_pkg", origin))
    with pytest.raises(UsageError) as caught:
        Plating(PlatingContext(project_root=tmp_path)).source().fingerprint()
    message = str(caught.value)
    assert message.startswith(f"{origin}: pyvider package plating_gone_pkg: no package")
    assert "reinstall that distribution" in message


def test_a_given_package_that_is_not_importable_still_names_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["plate", "--project-root", str(tmp_path), "--package-name", "plating_absent"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--package-name plating_absent: no package" in err and "PYTHONPATH=src" in err


# --- namespace packages split over folders (pkgutil.extend_path) -------------------------------

EXTEND = "__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n"


@pytest.fixture
def split_namespace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path, Path]:
    """``platingns`` shared by two distributions, each in its own ``sys.path`` folder (as
    tofusoup shares ``tofusoup`` with another distribution): the first folder has only the
    namespace, the second the provider's ``platingns.tf.components``."""
    first, second = tmp_path / "dist_a", tmp_path / "dist_b"
    (first / "platingns" / "other").mkdir(parents=True)
    (first / "platingns" / "__init__.py").write_text(EXTEND)
    (first / "platingns" / "other" / "__init__.py").write_text("")
    components = second / "platingns" / "tf" / "components"
    components.mkdir(parents=True)
    (second / "platingns" / "__init__.py").write_text(EXTEND)
    (second / "platingns" / "tf" / "__init__.py").write_text("")
    (components / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))  # first on the path: the finders see it first
    yield "platingns.tf.components", components, first
    for module in [m for m in sys.modules if m == "platingns" or m.startswith("platingns.")]:
        del sys.modules[module]


def test_a_package_in_a_namespace_split_over_two_folders_is_found_without_importing(
    split_namespace: tuple[str, Path, Path],
) -> None:
    package, components, _first = split_namespace
    assert find_package_dirs(package) == [components.resolve()]
    assert "platingns" not in sys.modules  # found by the finders, nothing imported
    # What the import system resolves agrees:
    assert [Path(p).resolve() for p in __import__(package, fromlist=["x"]).__path__] == [
        components.resolve()
    ]


def test_a_namespace_package_itself_spans_both_folders(
    split_namespace: tuple[str, Path, Path],
) -> None:
    _package, _components, first = split_namespace
    found = find_package_dirs("platingns")
    assert len(found) == 2 and found[0] == (first / "platingns").resolve()


@needs_pyvider
def test_plate_a_provider_inside_a_split_namespace(
    split_namespace: tuple[str, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    package, components, _first = split_namespace
    (components / "shout.py").write_text(
        "from pyvider.hub import register_function\n\n\n"
        '@register_function(name="nsshout", summary="Shouts from a namespace.")\n'
        "def nsshout(text: str) -> str:\n    return text.upper()\n"
    )
    project = tmp_path / "project"
    project.mkdir()
    code = main(
        [
            "plate",
            "--package-name",
            package,
            "--project-root",
            str(project),
            "--provider-name",
            "nsprov",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "Shouts from a namespace." in (project / "docs/functions/nsshout.md").read_text()
    hub = __import__("pyvider.hub", fromlist=["hub"]).hub
    hub.unregister("function", "nsshout")


# --- pyvider's own warnings, kept with the cached schema ------------------------------------

BROKEN_DATA_SOURCE = '''
from typing import Any

from attrs import define
from pyvider.data_sources import BaseDataSource, register_data_source


@define(frozen=True)
class State:
    name: str | None = None


@register_data_source("{name}_broken")
class Broken(BaseDataSource[Any, State, State]):
    """A data source whose schema cannot be built."""

    state_class = State
    config_class = State

    @classmethod
    def get_schema(cls) -> Any:
        raise ValueError("no schema today")

    async def _validate_config(self, config: State) -> list[str]:
        return []

    async def read(self, ctx: Any) -> State | None:
        return None
'''


@needs_pyvider
def test_pyviders_warnings_are_repeated_from_the_schema_cache(
    tmp_path: Path,
    make_pyvider_package: MakePackage,
    environment: list[FoundPackage],
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, _root = make_pyvider_package({"broken.py": BROKEN_DATA_SOURCE})
    project = tmp_path / "project"
    write_pyproject(project, f'[tool.plating]\npackage_name = "{name}"\n')
    expected = f"Schema collection error for data_source '{name}_broken': no schema today"
    root = ["--project-root", str(project)]
    assert main(["plate", *root]) == 0
    assert expected in capsys.readouterr().err  # extracted now
    (project / "docs/functions/shout.md").unlink()
    assert main(["plate", "--check", *root]) == 1
    assert expected in capsys.readouterr().err  # read from the cache
    assert main(["plate", *root]) == 0
    assert expected in capsys.readouterr().err  # read from the cache
    assert main(["info", *root]) == 0
    assert expected in "".join(capsys.readouterr())
    assert main(["schema", *root]) == 0
    printed = capsys.readouterr()
    assert expected in printed.err
    assert "plating_source_warnings" not in printed.out
    cached = list((project / ".plating-cache/schemas").glob("*.json"))
    assert len(cached) == 1 and expected in cached[0].read_text(encoding="utf-8")


# --- every source error in the caller's words ---------------------------------------------


@pytest.mark.parametrize(
    ("context", "flags", "api_words", "cli_words"),
    [
        (
            {"provider_source": "not an address"},
            ["--provider-source", "not an address"],
            "provider_source= 'not an address': not a provider address",
            "--provider-source 'not an address': not a provider address",
        ),
        (
            {"provider_source": "hashicorp/local", "terraform_binary": Path("/no/such/tofu")},
            ["--provider-source", "hashicorp/local", "--terraform-binary", "/no/such/tofu"],
            "terraform_binary= /no/such/tofu: no such file",
            "--terraform-binary /no/such/tofu: no such file",
        ),
        (
            {"package_name": "not a name"},
            ["--package-name", "not a name"],
            "package_name= 'not a name': not a Python package name",
            "--package-name 'not a name': not a Python package name",
        ),
    ],
)
def test_source_errors_name_api_parameters_or_flags(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    context: dict[str, Any],
    flags: list[str],
    api_words: str,
    cli_words: str,
) -> None:
    import asyncio

    with pytest.raises(UsageError) as caught:
        asyncio.run(Plating(PlatingContext(project_root=tmp_path, **context)).plate())
    assert api_words in str(caught.value)
    assert main(["plate", "--project-root", str(tmp_path), *flags]) == 2
    assert cli_words in capsys.readouterr().err
