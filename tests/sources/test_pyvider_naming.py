"""The provider name of a pyvider package without ``provider_name``: the name the provider
registers in code, else what the project and the environment call it, never a generic last
segment such as ``components`` (``tofusoup.tf.components`` is tofusoup's provider)."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plating.cli import main
from plating.schema.sources.pyvider_extract import in_package
from plating.schema.sources.pyvider_naming import provider_name_for
from tests.sources.test_pyvider import needs_components, needs_pyvider

NAMESPACE = "platingsoup.tf.components"
EXTEND = "__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n"


@pytest.fixture
def no_entry_points(monkeypatch: pytest.MonkeyPatch) -> list[importlib.metadata.EntryPoint]:
    """The environment's ``pyvider`` entry points, as the test sets them (none by default)."""
    points: list[importlib.metadata.EntryPoint] = []

    def entry_points(**selection: Any) -> list[importlib.metadata.EntryPoint]:
        return [p for p in points if p.group == selection.get("group")]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return points


def _project(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("package", "expected"),
    [
        ("tofusoup.tf.components", "tofusoup"),
        ("acme.providers.cloud", "cloud"),
        ("acme_cloud", "acme_cloud"),
        ("components", "components"),  # nothing more specific to go by
    ],
)
def test_without_any_declaration_the_last_specific_segment_names_it(
    no_entry_points: list[importlib.metadata.EntryPoint], package: str, expected: str
) -> None:
    assert provider_name_for(package, None) == expected


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        (  # tofusoup's provider declares itself this way
            '[project]\nname = "terraform-provider-tofusoup"\n\n'
            "[project.entry-points.pyvider]\n"
            'terraform-provider-tofusoup = "tofusoup.tf.components"\n',
            "tofusoup",
        ),
        (
            '[project]\nname = "soup-docs"\n\n'
            '[project.entry-points.pyvider]\nsoup = "tofusoup.tf.components:register"\n',
            "soup",
        ),
        (  # declared in a table: the project's name, without "-provider"
            '[project]\nname = "soup-provider"\n\n'
            '[tool.pyvider]\ncomponent_packages = ["tofusoup.tf.components"]\n',
            "soup",
        ),
        (  # the name pyvider's command line installs the provider under wins
            '[project]\nname = "soup-provider"\n\n'
            '[tool.pyvider]\nname = "bowl"\ncomponent_packages = ["tofusoup.tf.components"]\n',
            "bowl",
        ),
        ('[pyvider]\nprovider_name = "ladle"\n', "ladle"),
        (  # the project declares another package: its name is not this provider's
            '[project]\nname = "other-provider"\n\n'
            '[project.entry-points.pyvider]\nother = "other.components"\n',
            "tofusoup",
        ),
        ("[tool.plating\n", "tofusoup"),  # unreadable: the settings reader reports it
    ],
)
def test_the_project_names_a_provider_that_registers_none(
    tmp_path: Path,
    no_entry_points: list[importlib.metadata.EntryPoint],
    pyproject: str,
    expected: str,
) -> None:
    root = _project(tmp_path, pyproject)
    assert provider_name_for("tofusoup.tf.components", root) == expected


def test_the_environment_names_a_package_the_project_does_not_declare(
    tmp_path: Path, no_entry_points: list[importlib.metadata.EntryPoint]
) -> None:
    no_entry_points.append(
        importlib.metadata.EntryPoint(
            "terraform-provider-soup", "tofusoup.tf.components", "pyvider"
        )
    )
    assert provider_name_for("tofusoup.tf.components", tmp_path) == "soup"


# --- end to end, with pyvider ------------------------------------------------------------------


@pytest.fixture
def soup_namespace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``platingsoup.tf.components`` in a namespace shared by two folders (as tofusoup's),
    with one function; the folder of the components is returned."""
    first, second = tmp_path / "dist_a", tmp_path / "dist_b"
    (first / "platingsoup").mkdir(parents=True)
    (first / "platingsoup" / "__init__.py").write_text(EXTEND)
    components = second / "platingsoup" / "tf" / "components"
    components.mkdir(parents=True)
    (second / "platingsoup" / "__init__.py").write_text(EXTEND)
    (second / "platingsoup" / "tf" / "__init__.py").write_text("")
    (components / "__init__.py").write_text("")
    (components / "ladle.py").write_text(
        "from pyvider.hub import register_function\n\n\n"
        '@register_function(name="ladle", summary="Serves soup.")\n'
        "def ladle(text: str) -> str:\n    return text\n"
    )
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    yield components
    if "pyvider.hub" in sys.modules:
        hub = importlib.import_module("pyvider.hub").hub
        for dimension, members in hub.list_components().items():
            for member, obj in members.items():
                if dimension != "singleton" and in_package(obj, NAMESPACE):
                    hub.unregister(dimension, member)
    for module in [m for m in sys.modules if m.split(".")[0] == "platingsoup"]:
        del sys.modules[module]


def _index_title(project: Path) -> str:
    text = (project / "docs" / "index.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("page_title:"))


@needs_pyvider
def test_a_namespace_package_of_components_is_named_after_its_project(
    soup_namespace: Path,
    tmp_path: Path,
    no_entry_points: list[importlib.metadata.EntryPoint],
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _project(
        tmp_path / "project",
        '[project]\nname = "soup-docs"\n\n'
        f'[project.entry-points.pyvider]\nterraform-provider-soup = "{NAMESPACE}"\n',
    )
    assert main(["plate", "--project-root", str(project)]) == 0, capsys.readouterr().err
    assert _index_title(project) == 'page_title: "soup Provider"'
    assert (project / "docs" / "functions" / "ladle.md").is_file()
    assert main(["schema", "--project-root", str(project)]) == 0
    assert '"local/providers/soup"' in capsys.readouterr().out


@needs_pyvider
def test_the_name_a_provider_registers_in_code_wins(
    soup_namespace: Path,
    tmp_path: Path,
    no_entry_points: list[importlib.metadata.EntryPoint],
    capsys: pytest.CaptureFixture[str],
) -> None:
    (soup_namespace / "provider.py").write_text(
        "from pyvider.providers import BaseProvider, ProviderMetadata, register_provider\n\n\n"
        '@register_provider("kettle")\n'
        "class Kettle(BaseProvider):\n"
        "    def __init__(self) -> None:\n"
        '        super().__init__(metadata=ProviderMetadata(name="kettle", version="1.0.0"))\n'
    )
    project = _project(
        tmp_path / "project",
        f'[project]\nname = "soup-docs"\n\n[tool.pyvider]\ncomponent_packages = ["{NAMESPACE}"]\n',
    )
    assert main(["plate", "--project-root", str(project)]) == 0, capsys.readouterr().err
    assert _index_title(project) == 'page_title: "kettle Provider"'


@needs_components
def test_pyvider_components_keeps_the_name_it_registers(tmp_path: Path) -> None:
    """pyvider-components registers ``pyvider`` in code (``@register_provider("pyvider")``)."""
    from plating.schema.sources.pyvider import PyviderSource

    document = PyviderSource("pyvider.components", project_root=tmp_path).load_document()
    assert list(document["provider_schemas"]) == ["local/providers/pyvider"]
