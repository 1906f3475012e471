"""Fixtures of the validate tests: the azurerm docs plated once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from plating.cli import main
from plating.schema.model import ProviderSchema
from plating.schema.parse import load_schema_file
from tests.conftest import SCHEMAS

AZURERM_SCHEMA = SCHEMAS / "azurerm-4.65.0.json"


@pytest.fixture(scope="session")
def azurerm_schema() -> ProviderSchema:
    return load_schema_file(AZURERM_SCHEMA, "azurerm")


@pytest.fixture(scope="session")
def azurerm_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project root whose docs/ holds the ~1,570 pages plated from the azurerm schema."""
    root = tmp_path_factory.mktemp("azurerm")
    code = main(
        [
            "plate",
            "--quiet",
            "--schema",
            str(AZURERM_SCHEMA),
            "--provider-name",
            "azurerm",
            "--project-root",
            str(root),
        ]
    )
    assert code == 0
    return root


@pytest.fixture
def azurerm_copy(azurerm_project: Path, tmp_path: Path) -> Path:
    """A private copy of the plated azurerm project, free to damage through the helpers of
    test_azurerm (files are hard links, so they replace files rather than write through)."""
    root = tmp_path / "project"
    shutil.copytree(azurerm_project, root, copy_function=os.link)
    return root
