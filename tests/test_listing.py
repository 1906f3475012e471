"""One run lists each folder once: the fingerprint walk and bundle discovery share it."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from plating.bundles.discover import find_bundles
from plating.listing import FolderListing
from plating.schema.sources.pyvider_locate import package_files


def _package(root: Path) -> Path:
    package = root / "pkg"
    for kind, count in (("resources", 5), ("data_sources", 3)):
        for index in range(count):
            module = package / kind / f"c{index}.py"
            module.parent.mkdir(parents=True, exist_ok=True)
            module.write_text("x = 1\n")
            bundle = package / kind / f"c{index}.plating"
            (bundle / "docs").mkdir(parents=True)
            (bundle / "docs" / f"c{index}.tmpl.md").write_text("# c\n")
            (bundle / "examples").mkdir()
            (bundle / "examples" / "example.tf").write_text("")
    return package


def test_fingerprint_walk_and_discovery_list_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path)
    expected_files = list(package_files(package))
    expected_bundles = find_bundles([package])
    listed: Counter[str] = Counter()
    real_scandir = os.scandir

    def counting_scandir(path: Any) -> Any:
        listed[os.fspath(path)] += 1
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting_scandir)
    listing = FolderListing()
    assert list(package_files(package, listing)) == expected_files
    assert find_bundles([package], listing=listing) == expected_bundles
    assert len(expected_bundles) == 8
    assert listed and max(listed.values()) == 1, listed.most_common(3)
