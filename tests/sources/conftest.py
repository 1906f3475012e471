"""Fixtures of the schema-source tests: throw-away pyvider packages."""

from __future__ import annotations

import importlib
import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plating.schema.sources.pyvider import in_package

#: A provider and a function: the smallest useful pyvider package ({name} is filled in).
SMALL_PACKAGE = {
    "__init__.py": "",
    "provider.py": '''
from pyvider.providers import BaseProvider, ProviderMetadata, register_provider


@register_provider("{name}")
class FakeProvider(BaseProvider):
    """A provider used by plating's tests."""

    def __init__(self) -> None:
        super().__init__(metadata=ProviderMetadata(name="{name}", version="0.0.1"))
''',
    "functions/__init__.py": "",
    "functions/shout.py": """
from pyvider.hub import register_function


@register_function(name="shout", summary="Upper-cases text.")
def shout(text: str) -> str:
    return text.upper()
""",
}

#: A resource with every block and attribute shape Terraform marshals specially.
RICH_RESOURCE = """
from typing import Any

from attrs import define
from pyvider.hub import register_function, register_resource
from pyvider.resources.base import BaseResource
from pyvider.schema import PvsSchema, a_num, a_obj, a_str, b_list, b_set, b_single, s_resource


@define(frozen=True)
class State:
    name: str | None = None


@register_resource("{name}_thing")
class Thing(BaseResource[State, State, State]):
    state_class = State
    config_class = State

    @classmethod
    def get_schema(cls) -> PvsSchema:
        return s_resource(
            {
                "name": a_str("The **name**.", required=True),
                "secret": a_str(optional=True, write_only=True),
                "shape": a_obj(
                    {"x": a_num(optional=True), "y": a_num(computed=True)}, optional=True
                ),
            },
            block_types=[
                b_list("rule", attributes={"port": a_num(required=True)}, min_items=1, max_items=3),
                b_set("tag", attributes={"key": a_str(optional=True)}, max_items=5),
                b_single("settings", attributes={"mode": a_str(optional=True)}),
            ],
        )

    async def _validate_config(self, config: State) -> list[str]:
        return []

    async def _create_apply(self, ctx: Any) -> tuple[State, None]:
        return ctx.planned_state, None

    async def read(self, ctx: Any) -> State | None:
        return ctx.state

    async def _delete_apply(self, ctx: Any) -> None:
        return None


@register_function(name="pick", summary="Picks one.", deprecation_message="Use choose.")
def pick(first: str, *rest: str) -> str:
    return first
"""

_COUNTER = itertools.count()
MakePackage = Callable[..., tuple[str, Path]]


@pytest.fixture
def make_pyvider_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakePackage]:
    """Write an importable pyvider package ``platingfake<n>`` below ``tmp_path``.

    ``make(extra={"path.py": source})`` adds files to :data:`SMALL_PACKAGE`; ``{name}`` in
    sources is the package (and provider) name; ``make(folder=path)`` writes it into another
    folder (e.g. a project's ``src/``), which is then put on ``sys.path`` too. The package's
    components are removed from pyvider's hub, and its modules from ``sys.modules``,
    afterwards.
    """
    made: list[str] = []
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(extra: dict[str, str] | None = None, folder: Path | None = None) -> tuple[str, Path]:
        name = f"platingfake{next(_COUNTER)}"
        if folder is not None:
            monkeypatch.syspath_prepend(str(folder))
        root = (folder or tmp_path) / name
        for relpath, source in {**SMALL_PACKAGE, **(extra or {})}.items():
            path = root / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source.replace("{name}", name), encoding="utf-8")
        made.append(name)
        return name, root

    yield make
    if not made or "pyvider.hub" not in sys.modules:
        return
    hub = importlib.import_module("pyvider.hub").hub
    for dimension, members in hub.list_components().items():
        for member, obj in members.items():
            if dimension != "singleton" and any(in_package(obj, name) for name in made):
                hub.unregister(dimension, member)
    for module in list(sys.modules):
        if any(module == name or module.startswith(name + ".") for name in made):
            del sys.modules[module]
