"""Shared test fixtures: where the repository and the shared reference material live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
CONFORMANCE = SHARED / "conformance" / "tfplugindocs"
SCHEMAS = SHARED / "schemas"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite golden files from the current output (review the diff like code)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def demo_copy(root: Path) -> Path:
    """A writable copy of the embedded demo provider at ``root``, without plated docs."""
    import shutil

    shutil.copytree(REPO_ROOT / "demo", root)
    shutil.rmtree(root / "docs", ignore_errors=True)
    shutil.rmtree(root / ".plating-cache", ignore_errors=True)
    return root


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A writable copy of the embedded demo provider, without plated docs."""
    return demo_copy(tmp_path / "demo")
