"""adorn on a flat pyvider package whose list resource shares its resource's name (pyvider
requires it): each bundle goes where plate binds it to one component."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from plating.cli import main
from tests.factories import snapshot
from tests.sources.conftest import MakePackage, make_pyvider_package  # noqa: F401

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pyvider") is None,
    reason="pyvider not installed (make test installs the extra)",
)

SERVER = '''
from typing import Any

from attrs import define
from pyvider.hub import register_resource
from pyvider.resources.base import BaseResource
from pyvider.schema import PvsSchema, a_str, s_resource


@define(frozen=True)
class State:
    name: str | None = None


@register_resource("{name}_server")
class Server(BaseResource[State, State, State]):
    """A server."""

    state_class = State
    config_class = State

    @classmethod
    def get_schema(cls) -> PvsSchema:
        return s_resource({"name": a_str("The server's name.", required=True)})

    async def _validate_config(self, config: State) -> list[str]:
        return []

    async def _create_apply(self, ctx: Any) -> tuple[State, None]:
        return ctx.planned_state, None

    async def read(self, ctx: Any) -> State | None:
        return ctx.state

    async def _delete_apply(self, ctx: Any) -> None:
        return None
'''

SERVER_LIST = '''
from collections.abc import AsyncIterator
from typing import Any

from attrs import define
from pyvider.list_resources import BaseListResource, register_list_resource
from pyvider.schema import PvsSchema, a_str, s_resource


@define(frozen=True)
class Filter:
    prefix: str | None = None


@register_list_resource("{name}_server", resource_type="{name}_server")
class ServerList(BaseListResource[Filter]):
    """Lists servers."""

    config_class = Filter

    @classmethod
    def get_schema(cls) -> PvsSchema:
        return s_resource(attributes={"prefix": a_str(description="Name prefix.")})

    async def list(self, ctx: Any) -> AsyncIterator[Any]:
        if False:
            yield None
'''


@pytest.fixture
def flat_project(tmp_path: Path, make_pyvider_package: MakePackage) -> tuple[Path, Path, str]:  # noqa: F811
    """``project/pyproject.toml`` declaring ``project/<package>/`` (flat layout) with a
    resource and a list resource named alike in ``server.py`` and ``server_list.py``."""
    project = tmp_path / "project"
    project.mkdir()
    name, package = make_pyvider_package(
        {"server.py": SERVER, "server_list.py": SERVER_LIST}, folder=project
    )
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "{name}"\nversion = "1.0"\n\n'
        f'[project.entry-points.pyvider]\n{name} = "{name}"\n',
        encoding="utf-8",
    )
    return project, package, name


def test_adorn_puts_same_named_bundles_under_their_kind_folders(
    flat_project: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, package, name = flat_project
    root = ["--project-root", str(project)]
    assert main(["adorn", "--quiet", *root]) == 0, capsys.readouterr().err
    resource = package / "resources/server.plating"
    listing = package / "list_resources/server_list.plating"
    assert (resource / f"docs/{name}_server.tmpl.md").is_file()
    assert (listing / f"docs/{name}_server.tmpl.md").is_file()
    assert (listing / f"examples/{name}_server.tfquery.hcl").is_file()
    # A module already inside its kind's folder keeps its bundle beside it.
    assert (package / "functions/shout.plating/docs/shout.tmpl.md").is_file()
    assert not (package / "server.plating").exists()

    before = snapshot(package)
    capsys.readouterr()
    assert main(["adorn", *root]) == 0
    assert "created 0 templates and 0 examples" in capsys.readouterr().out
    assert snapshot(package) == before

    assert main(["plate", "--quiet", *root]) == 0, capsys.readouterr().err
    docs = project / "docs"
    assert "The server's name." in (docs / "resources/server.md").read_text(encoding="utf-8")
    assert "Name prefix." in (docs / "list-resources/server.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", *root, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_validate_reports_the_side_by_side_bundles_plate_refuses(
    flat_project: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, package, name = flat_project
    root = ["--project-root", str(project)]
    assert main(["adorn", "--quiet", *root]) == 0
    assert main(["plate", "--quiet", *root]) == 0
    # The layout older adorn runs left: both bundles beside their modules, no kind folder.
    shutil.move(package / "resources/server.plating", package / "server.plating")
    shutil.move(package / "list_resources/server_list.plating", package / "server_list.plating")
    capsys.readouterr()
    assert main(["plate", *root]) == 1
    assert "matches several components" in capsys.readouterr().err
    assert main(["validate", *root, "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    ambiguous = [f for f in findings if f["rule"] == "bundle/ambiguous-template"]
    assert {f["path"] for f in ambiguous} == {
        f"{name}/server.plating/docs/{name}_server.tmpl.md",
        f"{name}/server_list.plating/docs/{name}_server.tmpl.md",
    }
    assert all("list_resources/" in f["message"] for f in ambiguous)
