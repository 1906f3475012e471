"""Schema errors name the line and column of the problem in the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plating.cli import main
from plating.errors import SchemaError
from plating.schema.locate import path_steps, position_of
from plating.schema.parse import load_schema_file, parse_schema_text
from tests.conftest import REPO_ROOT

DEMO = REPO_ROOT / "demo" / "schema.json"


def _broken_demo(indent: int | None) -> tuple[str, str]:
    """The demo schema with one flag of one attribute made a string; ``line:column`` of
    that flag's key."""
    document = json.loads(DEMO.read_text())
    provider = next(iter(document["provider_schemas"].values()))
    name = sorted(provider["resource_schemas"])[-1]
    attributes = provider["resource_schemas"][name]["block"]["attributes"]
    attribute = sorted(attributes)[-1]
    attributes[attribute]["optional"] = "__broken__"
    text = json.dumps(document, indent=indent)
    line, content = next((n, t) for n, t in enumerate(text.splitlines(), 1) if "__broken__" in t)
    column = content.index('"optional": "__broken__"') + 1
    return text, f"{line}:{column}"


@pytest.mark.parametrize("indent", [2, None])
def test_a_schema_error_names_file_line_and_path(tmp_path: Path, indent: int | None) -> None:
    text, line = _broken_demo(indent)
    schema = tmp_path / "schema.json"
    schema.write_text(text)
    with pytest.raises(SchemaError) as failure:
        load_schema_file(schema, "kitchen")
    message = str(failure.value)
    assert message.startswith(f"{schema}:{line}: provider_schemas[")
    assert message.endswith(".optional: expected true or false, found a string")
    with pytest.raises(SchemaError, match=rf"^<text>:{line}: provider_schemas\["):
        parse_schema_text(text, "kitchen", source="<text>")


def test_the_cli_reports_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, line = _broken_demo(2)
    (tmp_path / "schema.json").write_text(text)
    schema = str(tmp_path / "schema.json")
    code = main(["plate", "--project-root", str(tmp_path), "--schema", schema])
    assert code == 2
    assert f"schema.json:{line}: provider_schemas[" in capsys.readouterr().err


def test_paths_are_read_step_by_step() -> None:
    assert path_steps("provider_schemas['a.b/c'].resource_schemas['x'].block.attributes.id") == [
        "provider_schemas",
        "a.b/c",
        "resource_schemas",
        "x",
        "block",
        "attributes",
        "id",
    ]
    assert path_steps("top level") is None
    assert path_steps("") is None


def test_the_deepest_key_found_is_named() -> None:
    text = '{\n "a": {\n  "b": 1,\n  "c": {"d": 2}\n }\n}'
    assert position_of(text, ["a", "c", "d"]) == (4, 9)
    assert position_of(text, ["a", "zzz"]) == (2, 2)  # "a" is there, its child is not
    assert position_of(text, ["zzz"]) is None
    assert position_of("[1, 2]", ["a"]) is None
    assert position_of('{"a": {"b": ', ["a", "b", "c"]) == (1, 8)  # cut short: what was found


_KEYS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
_OBJECTS = st.recursive(
    st.dictionaries(_KEYS, _LEAVES, max_size=4),
    lambda children: st.dictionaries(
        _KEYS, st.one_of(children, st.lists(children, max_size=2)), max_size=4
    ),
    max_leaves=20,
)


def _key_paths(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if not isinstance(value, dict):
        return []
    found = []
    for key, child in value.items():
        found.append((*prefix, key))
        found.extend(_key_paths(child, (*prefix, key)))
    return found


def _renamed(value: Any, path: tuple[str, ...], marker: str) -> Any:
    """``value`` with the last key of ``path`` renamed to ``marker``, order kept."""
    head, *rest = path
    return {
        (marker if key == head and not rest else key): (
            _renamed(child, tuple(rest), marker) if key == head and rest else child
        )
        for key, child in value.items()
    }


@settings(max_examples=200, deadline=None)
@given(_OBJECTS, st.data())
def test_the_line_is_the_keys_line_in_any_document(document: Any, data: st.DataObject) -> None:
    paths = _key_paths(document)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    text = json.dumps(document, indent=1, ensure_ascii=data.draw(st.booleans()))
    marked = json.dumps(_renamed(document, path, "\x00marker"), indent=1)
    line, content = next(
        (n, t) for n, t in enumerate(marked.splitlines(), 1) if "\\u0000marker" in t
    )
    position = position_of(text, list(path))
    assert position is not None
    assert position[0] == line
    assert position[1] == len(content) - len(content.lstrip(" ")) + 1  # indented key
