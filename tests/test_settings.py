"""Settings precedence: flag > PLATING_* environment > [tool.plating] > auto-detection > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.errors import UsageError
from plating.settings import SETTINGS, resolve

SAMPLE_VALUES = {
    "provider_name": ("fromfile", "fromenv", "fromflag"),
    "rendered_provider_name": ("File", "Env", "Flag"),
    "schema": ("file.json", "env.json", "flag.json"),
    "package_name": ("pkg.file", "pkg.env", "pkg.flag"),
    "provider_source": ("a/file", "a/env", "a/flag"),
    "terraform_binary": ("tf-file", "tf-env", "tf-flag"),
    "output_dir": ("docs-file", "docs-env", "docs-flag"),
    "examples_dir": ("ex-file", "ex-env", "ex-flag"),
    "templates_dir": ("tpl-file", "tpl-env", "tpl-flag"),
    "bundles_dir": ("b-file", "b-env", "b-flag"),
    "guides_dir": ("g-file", "g-env", "g-flag"),
    "component_types": (["resource"], "data_source", ["function"]),
    "exclude": (["a_*"], "b_*", ["c_*"]),
    "ignore_deprecated": (True, "false", True),
    "concurrency": (3, "4", 5),
    "dedupe_nested": ("never", "always", "auto"),
    "cache_dir": ("c-file", "c-env", "c-flag"),
    "schema_cache": (False, "true", False),
    "retry.max_attempts": (6, "7", 8),
    "retry.backoff": ("linear", "fixed", "exponential"),
    "retry.base_delay": (0.1, "0.2", 0.3),
    "retry.max_delay": (1.0, "2", 3.0),
}


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return str(value)


def _write_pyproject(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text(body, encoding="utf-8")


def test_every_setting_has_sample_values() -> None:
    assert {s.key for s in SETTINGS} - {"project_root"} == set(SAMPLE_VALUES)


@pytest.mark.parametrize("key", sorted(SAMPLE_VALUES))
def test_precedence_for_every_setting(key: str, tmp_path: Path) -> None:
    from_file, from_env, from_flag = SAMPLE_VALUES[key]
    table, _, sub = key.partition(".")
    if sub:
        _write_pyproject(tmp_path, f"[tool.plating.{table}]\n{sub} = {_toml_value(from_file)}\n")
    else:
        _write_pyproject(tmp_path, f"[tool.plating]\n{key} = {_toml_value(from_file)}\n")
    env_name = "PLATING_" + key.upper().replace(".", "_")
    env = {env_name: from_env if isinstance(from_env, str) else str(from_env)}
    root_flag = {"project_root": tmp_path}

    only_file = resolve(root_flag, environ={}, cwd=tmp_path)
    with_env = resolve(root_flag, environ=env, cwd=tmp_path)
    with_flag = resolve({**root_flag, key: from_flag}, environ=env, cwd=tmp_path)

    assert only_file.sources[key].endswith("[tool.plating]")
    assert with_env.sources[key] == f"environment {env_name}"
    assert with_flag.sources[key] == "flag"
    assert len({repr(only_file.get(key)), repr(with_env.get(key)), repr(with_flag.get(key))}) >= 2
    assert resolve(root_flag, environ={}, cwd=tmp_path).get(key) == only_file.get(key)


def test_paths_in_pyproject_are_relative_to_it(tmp_path: Path) -> None:
    _write_pyproject(tmp_path, '[tool.plating]\nschema = "schemas/s.json"\n')
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    settings = resolve({}, environ={}, cwd=sub)
    assert settings.get("project_root") == tmp_path
    assert settings.get("schema") == tmp_path / "schemas/s.json"


def test_provider_name_auto_detected_from_project_name(tmp_path: Path) -> None:
    _write_pyproject(tmp_path, '[project]\nname = "terraform-provider-kitchen"\n')
    settings = resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)
    assert settings.get("provider_name") == "kitchen"
    assert "auto-detected" in settings.sources["provider_name"]
    _write_pyproject(tmp_path, '[project]\nname = "bakery-provider"\n')
    assert (
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path).get("provider_name")
        == "bakery"
    )


def test_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    _write_pyproject(tmp_path, "[tool.plating]\nprovdier_name = 'x'\n")
    with pytest.raises(UsageError, match="provdier_name"):
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)
    _write_pyproject(tmp_path, "[tool.plating.retry]\nattempts = 2\n")
    with pytest.raises(UsageError, match=r"retry\.attempts"):
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)


def test_bad_values_name_where_they_came_from(tmp_path: Path) -> None:
    _write_pyproject(tmp_path, "[tool.plating]\nconcurrency = 0\n")
    with pytest.raises(UsageError, match=r"pyproject.toml \[tool.plating\] concurrency"):
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)
    with pytest.raises(UsageError, match="PLATING_CONCURRENCY"):
        resolve({"project_root": tmp_path}, environ={"PLATING_CONCURRENCY": "many"}, cwd=tmp_path)


def test_dedupe_nested_takes_only_its_three_values(tmp_path: Path) -> None:
    assert resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path).get("dedupe_nested") == (
        "auto"
    )
    _write_pyproject(tmp_path, '[tool.plating]\ndedupe_nested = "sometimes"\n')
    with pytest.raises(
        UsageError,
        match=r"\[tool.plating\] dedupe_nested: expected one of auto, always, never, found "
        "'sometimes'",
    ):
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)
    with pytest.raises(UsageError, match="PLATING_DEDUPE_NESTED: expected one of"):
        resolve({"project_root": tmp_path}, environ={"PLATING_DEDUPE_NESTED": "yes"}, cwd=tmp_path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    _write_pyproject(tmp_path, "[tool.plating\n")
    with pytest.raises(UsageError, match=r"pyproject\.toml: not valid TOML"):
        resolve({"project_root": tmp_path}, environ={}, cwd=tmp_path)


def test_the_schema_source_comes_from_one_layer(tmp_path: Path) -> None:
    """Defect 11: `schema` in pyproject beat a --provider-source flag; PLATING_PACKAGE_NAME
    with --schema made an error about a --package-name the user never passed."""
    _write_pyproject(tmp_path, '[tool.plating]\nschema = "schema.json"\n')
    flags = {"project_root": tmp_path, "provider_source": "hashicorp/local"}
    settings = resolve(flags, environ={}, cwd=tmp_path)
    assert settings.get("provider_source") == "hashicorp/local"
    assert settings.get("schema") is None
    assert "comes from the flag" in settings.sources["schema"]

    env = {"PLATING_PACKAGE_NAME": "acme.components"}
    from_env = resolve({"project_root": tmp_path}, environ=env, cwd=tmp_path)
    assert from_env.get("package_name") == "acme.components" and from_env.get("schema") is None
    with_flag = resolve(
        {"project_root": tmp_path, "schema": tmp_path / "other.json"}, environ=env, cwd=tmp_path
    )
    assert with_flag.get("schema") == tmp_path / "other.json"
    assert with_flag.get("package_name") is None
    # Inside one layer the parts still combine (a package served to a binary, an address).
    both = resolve(
        {"project_root": tmp_path, "package_name": "p", "provider_source": "a/b"},
        environ={},
        cwd=tmp_path,
    )
    assert (both.get("package_name"), both.get("provider_source")) == ("p", "a/b")


def test_a_schema_flag_plates_despite_a_package_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from plating.cli import main
    from tests.factories import resource_block, schema_document, write_schema

    write_schema(tmp_path / "s.json", schema_document(resources={"demo_x": resource_block()}))
    monkeypatch.setenv("PLATING_PACKAGE_NAME", "not.installed")
    schema = str(tmp_path / "s.json")
    code = main(["plate", "--quiet", "--project-root", str(tmp_path), "--schema", schema])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "docs/resources/x.md").is_file()
