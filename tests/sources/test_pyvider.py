"""The pyvider source: the schema of `pyvider.components` and its docs, end to end.

Tests that need pyvider (and pyvider-components) skip with the reason when it is missing;
`make` installs both (`.[dev,pyvider]` and pyvider-components).
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.metadata
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from plating import Plating, PlatingContext
from plating.bundles.model import EXAMPLE_SUFFIXES
from plating.cli import main
from plating.errors import UsageError
from plating.schema.sources.pyvider import INSTALL_HINT, PyviderSource, find_package_dirs
from tests.conftest import SCHEMAS
from tests.sources.conftest import MakePackage

PACKAGE = "pyvider.components"
ADDRESS = "local/providers/pyvider"
EXPECTED = SCHEMAS / "pyvider-components-0.8.1.json"

HAS_PYVIDER = importlib.util.find_spec("pyvider") is not None
HAS_COMPONENTS = HAS_PYVIDER and importlib.util.find_spec(PACKAGE) is not None
needs_pyvider = pytest.mark.skipif(
    not HAS_PYVIDER, reason="pyvider is not installed (pip install 'pyvider>=0.8')"
)
needs_components = pytest.mark.skipif(
    not HAS_COMPONENTS,
    reason="pyvider-components is not installed (pip install pyvider-components==0.8.1)",
)

#: Bundle folder inside the package -> docs folder of its pages.
DOCS_FOLDERS = {
    "resources": "resources",
    "data_sources": "data-sources",
    "ephemerals": "ephemeral-resources",
    "functions": "functions",
    "actions": "actions",
    "list_resources": "list-resources",
    "state_stores": "state-stores",
}
SCHEMA_KINDS = {
    "resource_schemas": "resources",
    "data_source_schemas": "data-sources",
    "ephemeral_resource_schemas": "ephemeral-resources",
    "functions": "functions",
    "action_schemas": "actions",
    "list_resource_schemas": "list-resources",
    "state_store_schemas": "state-stores",
}
EXAMPLE_CALL = re.compile(r"""\{\{-?\s*example\(\s*["']([^"']+)["']\s*\)\s*-?\}\}""")


def expected_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return document


def package_dir() -> Path:
    return find_package_dirs(PACKAGE)[0]


def tree_digest(folder: Path) -> dict[str, str]:
    """Content hash of every file below the folder (bytecode caches are Python's own)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


# --- without pyvider ------------------------------------------------------------------------


@pytest.fixture
def no_pyvider(monkeypatch: pytest.MonkeyPatch) -> None:
    real_version = importlib.metadata.version

    def version(name: str) -> str:
        if name == "pyvider":
            raise importlib.metadata.PackageNotFoundError(name)
        return real_version(name)

    monkeypatch.setattr(importlib.metadata, "version", version)
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> Any:
        return None if name == "pyvider" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.usefixtures("no_pyvider")
def test_without_pyvider_the_error_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError, match=re.escape(INSTALL_HINT)):
        PyviderSource(PACKAGE).load_document()
    code = main(["plate", "--package-name", PACKAGE, "--project-root", str(tmp_path)])
    assert code == 2
    assert "install it with: pip install 'pyvider>=0.8'" in capsys.readouterr().err


def test_plating_does_not_import_pyvider_until_a_pyvider_source_extracts() -> None:
    import subprocess

    probe = (
        "import sys\n"
        "from plating.schema.sources.pyvider import PyviderSource\n"
        "from plating.api import Plating\n"
        "from plating.config import PlatingContext\n"
        "Plating(PlatingContext(package_name='json')).source()\n"
        "print(any(m == 'pyvider' or m.startswith('pyvider.') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("name", ["", "not a name", "pyvider..components", "1abc"])
def test_bad_package_names_are_usage_errors(name: str) -> None:
    with pytest.raises(UsageError, match="not a Python package name"):
        find_package_dirs(name)


def test_package_and_schema_file_together_are_refused(tmp_path: Path) -> None:
    code = main(
        [
            "plate",
            "--package-name",
            PACKAGE,
            "--schema",
            str(EXPECTED),
            "--project-root",
            str(tmp_path),
        ]
    )
    assert code == 2


# --- schema extraction ----------------------------------------------------------------------


@needs_components
def test_schema_of_pyvider_components_equals_terraforms_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    document = PyviderSource(PACKAGE).load_document()
    assert list(document["provider_schemas"]) == [ADDRESS]
    assert document == expected_document()
    assert PyviderSource(PACKAGE).load_document() == document  # repeatable in one process


@needs_components
def test_test_only_components_follow_pyvider_testmode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    hidden = PyviderSource(PACKAGE)
    plain_fingerprint = hidden.fingerprint()
    assert (
        "pyvider_secret_note"
        not in hidden.load_document()["provider_schemas"][ADDRESS]["resource_schemas"]
    )
    monkeypatch.setenv("PYVIDER_TESTMODE", "true")
    shown = PyviderSource(PACKAGE)
    resources = shown.load_document()["provider_schemas"][ADDRESS]["resource_schemas"]
    assert "pyvider_secret_note" in resources
    assert shown.fingerprint() != plain_fingerprint


@needs_pyvider
def test_unknown_package_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no package 'plating_no_such_pkg' is importable"):
        PyviderSource("plating_no_such_pkg.components").load_document()


@needs_pyvider
def test_a_package_without_provider_gets_the_base_provider(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plating_empty_pkg").mkdir()
    (tmp_path / "plating_empty_pkg" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    document = PyviderSource("plating_empty_pkg", fallback_provider_name="lonely").load_document()
    (address,) = document["provider_schemas"]
    assert address.endswith("/lonely")
    provider = document["provider_schemas"][address]
    assert not provider.get("resource_schemas") and not provider.get("functions")
    default = PyviderSource("plating_empty_pkg").load_document()
    assert next(iter(default["provider_schemas"])).endswith("/plating_empty_pkg")


# --- a second pyvider package: scoping ------------------------------------------------------

BROKEN_MODULE = "import math\n\nVALUE = math.tau / 0\n"


@needs_components
def test_only_the_requested_package_is_used(
    make_pyvider_package: MakePackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    name, root = make_pyvider_package()
    fake = PyviderSource(name).load_document()
    assert list(fake["provider_schemas"]) == [f"local/providers/{name}"]
    provider = fake["provider_schemas"][f"local/providers/{name}"]
    assert provider["functions"] == {
        "shout": {
            "summary": "Upper-cases text.",
            "return_type": "string",
            "parameters": [{"name": "text", "type": "string"}],
        }
    }
    assert set(provider) == {"provider", "functions"}
    # The fake package's components are still in pyvider's hub, yet never leak in:
    assert PyviderSource(PACKAGE).load_document() == expected_document()
    assert PyviderSource(name).bundle_roots() == [root.resolve()]


@needs_pyvider
def test_a_module_that_fails_to_import_is_named_with_file_and_line(
    make_pyvider_package: MakePackage,
) -> None:
    name, _root = make_pyvider_package({"functions/broken.py": BROKEN_MODULE})
    with pytest.raises(
        Exception, match=r"broken\.py:3: .*could not be imported.*ZeroDivisionError"
    ):
        PyviderSource(name).load_document()


@needs_pyvider
def test_fingerprint_follows_the_package_files(make_pyvider_package: MakePackage) -> None:
    name, root = make_pyvider_package()
    source = PyviderSource(name)
    first = source.fingerprint()
    assert source.fingerprint() == first
    (root / "functions" / "__pycache__").mkdir()
    (root / "functions" / "__pycache__" / "shout.cpython-311.pyc").write_bytes(b"x")
    assert source.fingerprint() == first  # bytecode does not count
    with (root / "functions" / "shout.py").open("a") as handle:
        handle.write("# changed\n")
    assert source.fingerprint() != first


# --- plating plate --package-name pyvider.components ----------------------------------------


def expected_pages(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """relpath -> (schema key, component name) for every component, plus the index."""
    provider = document["provider_schemas"][ADDRESS]
    pages = {"index.md": ("provider", "pyvider")}
    for key, folder in SCHEMA_KINDS.items():
        for name in provider.get(key, {}):
            short = name if key == "functions" else name.removeprefix("pyvider_")
            pages[f"{folder}/{short}.md"] = (key, name)
    return pages


def friendly(cty_type: Any) -> str:
    if isinstance(cty_type, str):
        return cty_type
    kind = cty_type[0]
    if kind in ("list", "set", "map"):
        return f"{kind} of {friendly(cty_type[1])}"
    return str(kind)


def signature(name: str, function: dict[str, Any]) -> str:
    parts = [f"{p['name']} {friendly(p['type'])}" for p in function.get("parameters", [])]
    variadic = function.get("variadic_parameter")
    if variadic:
        parts.append(f"{variadic['name']} {friendly(variadic['type'])}...")
    return f"{name}({', '.join(parts)}) {friendly(function['return_type'])}"


def bound_templates(pages: dict[str, tuple[str, str]]) -> dict[str, Path]:
    """relpath -> the package's template for that page."""
    found: dict[str, Path] = {}
    for template in sorted(package_dir().rglob("*.plating/docs/*.tmpl.md")):
        bundle = template.parent.parent
        stem = template.name.removesuffix(".tmpl.md")
        if bundle.name == "provider.plating":
            found["index.md"] = template
            continue
        folder = DOCS_FOLDERS[bundle.parent.name]
        short = stem if folder == "functions" else stem.removeprefix("pyvider_")
        relpath = f"{folder}/{short}.md"
        if relpath in pages:
            found[relpath] = template
    return found


def expected_example(template: Path, called: str, component: str) -> Path:
    """The file ``example(called)`` must show: the component's own one for "example"."""
    examples = template.parent.parent / "examples"
    names = [component, component.removeprefix("pyvider_")] if called == "example" else []
    for name in [*names, called]:
        for suffix in EXAMPLE_SUFFIXES:
            if (examples / f"{name}{suffix}").is_file():
                return examples / f"{name}{suffix}"
    raise AssertionError(f"{template}: example({called!r}) has no file in {examples}")


def check_pages(out: Path, pages: dict[str, tuple[str, str]]) -> None:
    document = expected_document()
    provider = document["provider_schemas"][ADDRESS]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.md"))
    assert written == sorted(pages), "missing or extra pages"
    for relpath in pages:
        text = (out / relpath).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1]
        assert len(body.strip()) > 80, f"{relpath} is (nearly) empty"
    templates = bound_templates(pages)
    assert set(templates) == set(pages), "every page comes from the package's bundles"
    for relpath, template in templates.items():
        page = (out / relpath).read_text(encoding="utf-8")
        component = pages[relpath][1]
        for called in EXAMPLE_CALL.findall(template.read_text(encoding="utf-8")):
            example = expected_example(template, called, component)
            assert example.read_text(encoding="utf-8").strip() in page, (
                f"{relpath}: example({called!r}) should show {example}"
            )
    for relpath, (key, name) in pages.items():
        if key != "functions":
            continue
        page = (out / relpath).read_text(encoding="utf-8")
        function = provider["functions"][name]
        if "signature_markdown" in templates[relpath].read_text(encoding="utf-8"):
            assert f"`{signature(name, function)}`" in page, f"{relpath}: signature"
            for parameter in function.get("parameters", []):
                assert f"1. `{parameter['name']}` (" in page, f"{relpath}: argument"
    if "index.md" in pages:
        index = (out / "index.md").read_text(encoding="utf-8")
        for attribute in provider["provider"]["block"]["attributes"]:
            assert f"- `{attribute}` (" in index, f"index.md: provider attribute {attribute}"


@needs_components
def test_plate_documents_every_component_from_the_packages_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    before = tree_digest(package_dir())
    out = tmp_path / "OUT"
    code = main(
        [
            "plate",
            "--package-name",
            PACKAGE,
            "--output-dir",
            str(out),
            "--project-root",
            str(tmp_path),
        ]
    )
    errors = capsys.readouterr().err
    assert tree_digest(package_dir()) == before, "the installed package was modified"
    assert code == 0, errors
    check_pages(out, expected_pages(expected_document()))


@needs_components
def test_test_mode_plates_every_page_and_names_a_borrowed_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Test mode binds test-only templates beside the normal ones: echo.plating then documents
    # pyvider_echo and the test-only pyvider_failing_action with one examples/example.tf.
    monkeypatch.setenv("PYVIDER_TESTMODE", "true")
    out = tmp_path / "OUT"
    args = ["--package-name", PACKAGE, "--output-dir", str(out), "--project-root", str(tmp_path)]
    code = main(["plate", *args])
    err = capsys.readouterr().err
    assert code == 0, err
    echo = (out / "actions/echo.md").read_text(encoding="utf-8")
    assert 'action "pyvider_echo" "example"' in echo
    assert (out / "actions/failing_action.md").is_file()
    assert (out / "data-sources/mixed_map_test.md").is_file()
    borrowed = [line for line in err.splitlines() if "which is pyvider_echo's example" in line]
    assert len(borrowed) == 1 and "pyvider_failing_action.tmpl.md" in borrowed[0]
    assert "pyvider_failing_action.tf for this component" in borrowed[0]
    assert "PYVIDER_TESTMODE" not in err
    assert "(available: example)" not in err


@needs_components
def test_without_test_mode_unused_templates_mention_pyvider_testmode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    args = ["--package-name", PACKAGE, "--output-dir", str(tmp_path / "OUT")]
    assert main(["plate", *args, "--project-root", str(tmp_path)]) == 0
    unused = [line for line in capsys.readouterr().err.splitlines() if "is not used" in line]
    assert any("pyvider_failing_action.tmpl.md" in line for line in unused)
    assert unused and all("PYVIDER_TESTMODE=true" in line for line in unused)


@needs_components
def test_plate_selected_kinds_and_cached_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--component-type limits the pages; the extracted schema is cached for the next run."""
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    before = tree_digest(package_dir())
    out = tmp_path / "OUT"
    kinds = [
        "provider",
        "resource",
        "data_source",
        "ephemeral_resource",
        "function",
        "list_resource",
        "state_store",
    ]
    args = ["plate", "--package-name", PACKAGE, "--output-dir", str(out)]
    args += ["--project-root", str(tmp_path), "--quiet"]
    args += [arg for kind in kinds for arg in ("--component-type", kind)]
    assert main(args) == 0
    pages = {
        relpath: entry
        for relpath, entry in expected_pages(expected_document()).items()
        if not relpath.startswith("actions/")
    }
    check_pages(out, pages)
    assert tree_digest(package_dir()) == before, "the installed package was modified"
    # The schema was cached under the project root; a second run reads it.
    cached = list((tmp_path / ".plating-cache" / "schemas").glob("*.json"))
    assert len(cached) == 1
    assert json.loads(cached[0].read_text())["document"] == expected_document()
    assert main(args) == 0


@needs_components
def test_api_reads_the_package_once_and_finds_its_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    plating = Plating(PlatingContext(project_root=tmp_path), package_name=PACKAGE)
    assert plating.source() is plating.source()
    assert plating.source().bundle_roots() == [package_dir()]
    schema = asyncio.run(plating.schema())
    assert schema.short_name == "pyvider"
    bundles = plating.discover_bundles()
    assert len(bundles) == 26
    assert all(package_dir() in b.root.parents for b in bundles)


@needs_components
def test_schema_command_prints_the_package_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYVIDER_TESTMODE", raising=False)
    args = ["schema", "--package-name", PACKAGE, "--project-root", str(tmp_path)]
    assert main([*args, "--no-schema-cache"]) == 0
    assert json.loads(capsys.readouterr().out) == expected_document()
    out = tmp_path / "schema.json"
    assert main([*args, "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == expected_document()


@needs_components
def test_quiet_silences_pyviders_own_warnings_too(tmp_path: Path) -> None:
    """pyvider logs through its own framework; `-q` ("errors only") holds for it as well."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PROVIDE_LOG_LEVEL"}
    runs = {}
    for flag in ("--quiet", "--verbose"):
        root = tmp_path / flag.strip("-")
        root.mkdir()
        command = [sys.executable, "-c", "from plating.cli import console; console()", "plate"]
        command += [flag, "--package-name", PACKAGE, "--provider-name", "pyvider"]
        command += ["--project-root", str(root)]
        runs[flag] = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        assert runs[flag].returncode == 0, runs[flag].stderr
    assert runs["--quiet"].stderr == ""
    assert "Could not resolve type hints" in runs["--verbose"].stderr  # pyvider-components'
