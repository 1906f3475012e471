"""Fixtures of the monorepo tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SCHEMAS

MONOREPO = """\
[tool.plating]
concurrency = 2

[[tool.plating.providers]]
provider_name = "kitchen"
project_root = "providers/kitchen"
schema = "providers/kitchen/schema.json"

[[tool.plating.providers]]
provider_name = "local"
schema = "schemas/local.json"

[[tool.plating.providers]]
provider_name = "helm"
schema = "schemas/helm.json"
output_dir = "helm-docs"
"""


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    root = tmp_path / "mono"
    shutil.copytree(REPO_ROOT / "demo", root / "providers/kitchen")
    shutil.rmtree(root / "providers/kitchen/docs", ignore_errors=True)
    (root / "schemas").mkdir()
    shutil.copy(SCHEMAS / "local-2.5.2.json", root / "schemas/local.json")
    shutil.copy(SCHEMAS / "helm-3.2.0.json", root / "schemas/helm.json")
    (root / "pyproject.toml").write_text(MONOREPO)
    return root
