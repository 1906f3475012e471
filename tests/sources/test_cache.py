"""The on-disk schema cache: hits, invalidation, corrupt files, and the Plating wiring."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from plating import Plating, PlatingContext
from plating.schema.cache import SchemaCache, load_schema_document
from plating.schema.sources.json_file import JsonFileSource
from tests.conftest import SCHEMAS


class CountingSource:
    """An expensive source stand-in: counts extractions; its fingerprint is settable."""

    cacheable: ClassVar[bool] = True

    def __init__(self, document: Any, fingerprint: str = "v1") -> None:
        self.document = document
        self.version = fingerprint
        self.loads = 0

    @property
    def description(self) -> str:
        return "counting source"

    def fingerprint(self) -> str:
        return self.version

    def load_document(self) -> Any:
        self.loads += 1
        return self.document

    def bundle_roots(self) -> list[Path]:
        return []


def local_schema() -> Any:
    return json.loads((SCHEMAS / "local-2.5.2.json").read_text(encoding="utf-8"))


def test_second_load_hits_the_cache(tmp_path: Path) -> None:
    source = CountingSource(local_schema())
    first = SchemaCache(tmp_path / "cache").load(source)
    second_cache = SchemaCache(tmp_path / "cache")  # as a second CLI run would
    second = second_cache.load(source)
    assert first == second == local_schema()
    assert source.loads == 1
    assert second_cache.hits == 1


def test_a_changed_source_invalidates_the_entry(tmp_path: Path) -> None:
    source = CountingSource({"format_version": "1.0", "provider_schemas": {}})
    cache = SchemaCache(tmp_path)
    cache.load(source)
    source.version = "v2"
    source.document = local_schema()
    assert cache.load(source) == local_schema()
    assert source.loads == 2
    assert cache.load(source) == local_schema()
    assert source.loads == 2
    assert len(list(cache.schemas_dir.glob("*.json"))) == 1  # one entry per source


@pytest.mark.parametrize(
    "garbage",
    [b"", b"{not json", b"[]", b'{"format": 1}', b"\xff\xfe", json.dumps({"document": 3}).encode()],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path: Path, garbage: bytes) -> None:
    source = CountingSource(local_schema())
    cache = SchemaCache(tmp_path)
    cache.load(source)
    path = cache.path_for(source)
    path.write_bytes(garbage)
    assert cache.load(source) == local_schema()
    assert source.loads == 2
    assert json.loads(path.read_bytes())["document"] == local_schema()
    assert cache.load(source) == local_schema()
    assert source.loads == 2


def test_cache_folder_ignores_itself(tmp_path: Path) -> None:
    cache = SchemaCache(tmp_path / ".plating-cache")
    cache.load(CountingSource(local_schema()))
    assert (tmp_path / ".plating-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (tmp_path / ".plating-cache" / "CACHEDIR.TAG").read_text().startswith("Signature: ")


@pytest.mark.parametrize("name", [".gitignore", "CACHEDIR.TAG"])
def test_a_marker_link_in_a_checkout_is_never_written_through(tmp_path: Path, name: str) -> None:
    """A cloned repository's ``.plating-cache/CACHEDIR.TAG`` linking to a file that does not
    exist yet outside the project (``~/.bash_profile``) had plating create that file."""
    elsewhere = tmp_path / "home" / ".bash_profile"
    elsewhere.parent.mkdir()
    cache_dir = tmp_path / "project" / ".plating-cache"
    cache_dir.mkdir(parents=True)
    (cache_dir / name).symlink_to(elsewhere)
    from plating.schema.cache import mark_cache_directory

    mark_cache_directory(cache_dir)
    assert not elsewhere.exists()
    assert (cache_dir / name).is_symlink()


def test_an_unwritable_cache_never_fails_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    source = CountingSource(local_schema())
    cache = SchemaCache(blocker)
    assert cache.load(source) == local_schema()
    assert cache.load(source) == local_schema()
    assert source.loads == 2


def test_schema_files_are_read_directly_not_cached(tmp_path: Path) -> None:
    context = PlatingContext(project_root=tmp_path)
    document = load_schema_document(JsonFileSource(SCHEMAS / "local-2.5.2.json"), context)
    assert document == local_schema()
    assert not (tmp_path / ".plating-cache").exists()


def test_plating_loads_the_schema_once_per_instance_and_caches_on_disk(tmp_path: Path) -> None:
    source = CountingSource(local_schema())
    context = PlatingContext(project_root=tmp_path, provider_name="local")

    def run() -> None:
        plating = Plating(context)
        plating._source = source  # as Plating.source() would choose it
        first = asyncio.run(plating.schema())
        assert asyncio.run(plating.schema()) is first

    run()
    run()
    assert source.loads == 1
    assert list((tmp_path / ".plating-cache" / "schemas").glob("*.json"))
    source.version = "v2"
    run()
    assert source.loads == 2


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    source = CountingSource(local_schema())
    context = PlatingContext(project_root=tmp_path, use_schema_cache=False)
    load_schema_document(source, context)
    load_schema_document(source, context)
    assert source.loads == 2
    assert not (tmp_path / ".plating-cache").exists()
