"""The terraform/tofu source, with fake binaries (shell scripts) and, when present, the real one."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from plating.cli import main
from plating.errors import ExternalToolError, SchemaError, UsageError
from plating.resilience import CircuitBreaker, CircuitOpenError, RetryPolicy
from plating.schema.sources.binary import BinarySource, find_binary, looks_transient
from tests.conftest import SCHEMAS
from tests.sources.conftest import RICH_RESOURCE, MakePackage
from tests.terraform_cli import terraform_cli

LOCAL = "registry.terraform.io/hashicorp/local"
SCHEMA_FILE = SCHEMAS / "local-2.5.2.json"

FAKE = """#!/bin/sh
# A fake terraform: logs each call, fails the first $FAILS `providers schema` calls.
dir={dir}
echo "$*" >> "$dir/calls.log"
case "$1" in
  version)
    echo '{{"terraform_version": "{version}", "platform": "linux_amd64"}}'
    exit 0 ;;
  init)
    cp "$TF_CLI_CONFIG_FILE" "$dir/cli-config.tfrc"
    cp main.tf "$dir/main.tf"
    env > "$dir/env.txt"
    exit 0 ;;
  providers)
    cp "$TF_CLI_CONFIG_FILE" "$dir/cli-config.tfrc"
    ls "$(dirname "$TF_CLI_CONFIG_FILE")/providers" > "$dir/launchers.txt" 2>/dev/null
    count=$(cat "$dir/count" 2>/dev/null || echo 0)
    count=$((count + 1))
    echo "$count" > "$dir/count"
    if [ "$count" -le {fails} ]; then
      echo "{error}" >&2
      exit 1
    fi
    cat {schema}
    exit 0 ;;
esac
echo "unexpected: $*" >&2
exit 2
"""

TRANSIENT = (
    "Error: Failed to load plugin schemas: rpc error: code = Unavailable desc = "
    "connection reset by peer"
)


def fake_terraform(
    tmp_path: Path,
    *,
    fails: int = 0,
    error: str = TRANSIENT,
    schema: Path = SCHEMA_FILE,
    version: str = "1.11.4",
    name: str = "terraform",
) -> Path:
    folder = tmp_path / f"fake-{name}"
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        FAKE.format(dir=folder, fails=fails, error=error, schema=schema, version=version),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def calls(binary: Path) -> list[str]:
    log = binary.parent / "calls.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def source(binary: Path, **kwargs: Any) -> tuple[BinarySource, list[float]]:
    slept: list[float] = []
    kwargs.setdefault("breaker", CircuitBreaker(str(binary), failure_threshold=10))
    return BinarySource(LOCAL, binary, sleep=slept.append, **kwargs), slept


def test_runs_init_then_providers_schema_in_a_throwaway_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "missing.tfrc"))
    monkeypatch.setenv("TF_CLI_ARGS_init", "-upgrade")
    monkeypatch.delenv("TF_PLUGIN_CACHE_DIR", raising=False)
    binary = fake_terraform(tmp_path)
    src, slept = source(binary)
    document = src.load_document()
    assert document == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert calls(binary) == [
        "init -backend=false -input=false -no-color",
        "providers schema -json",
    ]
    assert slept == []
    main_tf = (binary.parent / "main.tf").read_text(encoding="utf-8")
    assert f'source = "{LOCAL}"' in main_tf
    assert "local = {" in main_tf
    env = (binary.parent / "env.txt").read_text(encoding="utf-8").splitlines()
    assert "CHECKPOINT_DISABLE=1" in env
    assert not any(line.startswith("TF_CLI_ARGS") for line in env)
    config_line = next(line for line in env if line.startswith("TF_CLI_CONFIG_FILE="))
    assert config_line != f"TF_CLI_CONFIG_FILE={tmp_path / 'missing.tfrc'}"
    assert "direct {}" in (binary.parent / "cli-config.tfrc").read_text(encoding="utf-8")
    assert not Path(config_line.split("=", 1)[1]).parent.exists()  # the throw-away is gone


def test_honours_the_plugin_cache_and_installs_offline_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "plugin-cache"
    (cache / LOCAL / "2.5.2" / "linux_amd64").mkdir(parents=True)
    monkeypatch.setenv("TF_PLUGIN_CACHE_DIR", str(cache))
    binary = fake_terraform(tmp_path)
    source(binary)[0].load_document()
    config = (binary.parent / "cli-config.tfrc").read_text(encoding="utf-8")
    assert f'plugin_cache_dir = "{cache}"' in config
    assert "filesystem_mirror" in config
    assert f'exclude = ["{LOCAL}"]' in config
    assert f"TF_PLUGIN_CACHE_DIR={cache}" in (binary.parent / "env.txt").read_text()


def test_transient_failures_are_retried_with_backoff(tmp_path: Path) -> None:
    binary = fake_terraform(tmp_path, fails=2)
    src, slept = source(binary)
    assert src.load_document() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert calls(binary).count("providers schema -json") == 3
    assert slept == [0.5, 1.0]


def test_gives_up_after_the_policy_attempts(tmp_path: Path) -> None:
    binary = fake_terraform(tmp_path, fails=5)
    src, slept = source(binary, policy=RetryPolicy(max_attempts=3, base_delay=2.0))
    with pytest.raises(ExternalToolError, match=r"failed 3 times.*connection reset by peer"):
        src.load_document()
    assert calls(binary).count("providers schema -json") == 3
    assert slept == [2.0, 4.0]


def test_a_permanent_failure_is_not_retried(tmp_path: Path) -> None:
    error = "Error: provider registry.terraform.io/hashicorp/nope was not found in any registry"
    binary = fake_terraform(tmp_path, fails=9, error=error)
    src, slept = source(binary)
    with pytest.raises(ExternalToolError, match="was not found") as info:
        src.load_document()
    assert "exited with status 1" in str(info.value)
    assert calls(binary).count("providers schema -json") == 1
    assert slept == []


def test_the_breaker_stops_calling_a_failing_binary(tmp_path: Path) -> None:
    now = [0.0]
    binary = fake_terraform(tmp_path, fails=100)
    breaker = CircuitBreaker(str(binary), failure_threshold=3, cooldown=30.0, clock=lambda: now[0])
    src, _slept = source(binary, breaker=breaker)
    with pytest.raises(ExternalToolError, match="failed 3 times"):
        src.load_document()
    assert calls(binary).count("providers schema -json") == 3
    with pytest.raises(CircuitOpenError, match=r"circuit breaker open.*connection reset"):
        src.load_document()
    assert calls(binary).count("providers schema -json") == 3  # not even `init` ran
    assert calls(binary).count("init -backend=false -input=false -no-color") == 1
    now[0] += 30.0
    (binary.parent / "count").write_text("1000")  # the tool has recovered
    assert src.load_document()["format_version"] == "1.0"


def test_output_without_the_provider_is_a_schema_error(tmp_path: Path) -> None:
    binary = fake_terraform(tmp_path, schema=SCHEMAS / "helm-3.2.0.json")
    with pytest.raises(SchemaError, match=rf"no schema for {LOCAL}.*check provider_source=") as e:
        source(binary)[0].load_document()
    assert e.value.cli_message.endswith("check --provider-source")


def test_garbage_output_is_a_schema_error_naming_the_command(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("Terraform has been successfully initialized!\n")
    binary = fake_terraform(tmp_path, schema=junk)
    with pytest.raises(SchemaError, match=r"providers schema -json:1:1: not valid JSON"):
        source(binary)[0].load_document()


def test_fingerprint_follows_the_binary_version(tmp_path: Path) -> None:
    binary = fake_terraform(tmp_path, version="1.11.4")
    first = source(binary)[0]
    assert first.version() == "terraform 1.11.4"
    assert first.fingerprint() == source(binary)[0].fingerprint()
    fake_terraform(tmp_path, version="1.12.0")  # upgraded in place
    newer = source(binary)[0]
    assert newer.version() == "terraform 1.12.0"
    assert newer.fingerprint() != first.fingerprint()


def test_binary_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(
        UsageError, match="no `tofu` or `terraform` on PATH; pass terraform_binary="
    ) as caught:
        find_binary()
    assert "pass --terraform-binary PATH" in caught.value.cli_message
    with pytest.raises(UsageError, match="no such file"):
        find_binary(tmp_path / "nope")
    not_executable = tmp_path / "terraform"
    not_executable.write_text("")
    with pytest.raises(UsageError, match="not executable"):
        find_binary(not_executable)
    terraform = fake_terraform(tmp_path)
    tofu = fake_terraform(tmp_path, name="tofu")
    monkeypatch.setenv("PATH", f"{terraform.parent}{os.pathsep}{tofu.parent}")
    assert find_binary() == tofu.resolve()
    assert find_binary("terraform") == terraform.resolve()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.chdir(tofu.parent)
    assert find_binary(Path("./tofu")) == tofu.resolve()  # Path("./tofu") is Path("tofu")


@pytest.mark.parametrize("address", ["local", "a/b/c/d", "hashicorp/", "hashicorp/lo cal"])
def test_bad_addresses_are_usage_errors(tmp_path: Path, address: str) -> None:
    with pytest.raises(UsageError, match="not a provider address"):
        BinarySource(address, fake_terraform(tmp_path)).load_document()


def test_transient_markers() -> None:
    assert looks_transient(TRANSIENT)
    assert looks_transient("Error: net/http: TLS handshake timeout")
    assert not looks_transient("Error: Invalid provider configuration")


def test_cli_schema_command_writes_the_document(tmp_path: Path) -> None:
    binary = fake_terraform(tmp_path)
    out = tmp_path / "out" / "schema.json"
    args = ["--provider-source", LOCAL, "--terraform-binary", str(binary)]
    common = ["schema", *args, "--project-root", str(tmp_path)]
    assert main([*common, "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(SCHEMA_FILE.read_text())
    assert main([*common, "--output", str(out)]) == 0
    assert calls(binary).count("providers schema -json") == 1  # the second run used the cache


def test_cli_schema_command_from_a_file_prints_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = SCHEMAS / "local-2.5.2.json"
    assert main(["schema", "--schema", str(schema), "--compact"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1
    assert json.loads(printed) == json.loads(schema.read_text(encoding="utf-8"))


# --- the real binary -------------------------------------------------------------------------

HAS_PYVIDER = importlib.util.find_spec("pyvider") is not None
#: Kinds newer than some Terraform versions; an older binary leaves them out of its output.
NEWER_KINDS = {
    "resource_identity_schemas",  # Terraform 1.12
    "list_resource_schemas",  # 1.14
    "action_schemas",  # 1.14
    "state_store_schemas",  # 1.15
}


@pytest.mark.skipif(not HAS_PYVIDER, reason="pyvider is not installed (pip install 'pyvider>=0.8')")
@pytest.mark.parametrize("testmode", ["", "true"], ids=["production", "testmode"])
def test_real_binary_gives_the_in_process_schema_through_dev_overrides(
    monkeypatch: pytest.MonkeyPatch, testmode: str
) -> None:
    """Test mode adds components with nested blocks, nested attributes and write-only
    attributes: the in-process conversion must match Terraform's on those too."""
    from plating.schema.sources.pyvider import PyviderSource

    if importlib.util.find_spec("pyvider.components") is None:
        pytest.skip("pyvider-components is not installed")
    monkeypatch.setenv("PYVIDER_TESTMODE", testmode)
    served = BinarySource(None, terraform_cli(), pyvider_package="pyvider.components")
    through_terraform = served.load_document()
    in_process = PyviderSource("pyvider.components").load_document()
    assert list(through_terraform["provider_schemas"]) == list(in_process["provider_schemas"])
    address = "local/providers/pyvider"
    binary_side = through_terraform["provider_schemas"][address]
    ours = in_process["provider_schemas"][address]
    missing = set(ours) - set(binary_side)
    assert missing <= NEWER_KINDS, f"{served.version()} left out {missing}"
    assert {key: ours[key] for key in binary_side} == binary_side


@pytest.mark.skipif(not HAS_PYVIDER, reason="pyvider is not installed (pip install 'pyvider>=0.8')")
def test_real_binary_agrees_on_blocks_nested_attributes_and_variadics(
    make_pyvider_package: MakePackage,
) -> None:
    """A package of our own with min/max items, set/single blocks, a nested attribute, a
    write-only attribute, a deprecated variadic function. Only that package is served,
    although pyvider-components is installed too."""
    name, root = make_pyvider_package({"thing.py": RICH_RESOURCE})
    from plating.schema.sources.pyvider import PyviderSource

    served = BinarySource(None, terraform_cli(), pyvider_package=name)
    description = served.description
    through_terraform = served.load_document()
    assert served.description == description  # it names the cache entry
    in_process = PyviderSource(name).load_document()
    assert through_terraform == in_process
    provider = in_process["provider_schemas"][f"local/providers/{name}"]
    assert set(provider["resource_schemas"]) == {f"{name}_thing"}
    assert set(provider["functions"]) == {"shout", "pick"}
    block = provider["resource_schemas"][f"{name}_thing"]["block"]
    assert block["block_types"]["rule"]["min_items"] == 1
    assert block["attributes"]["shape"]["nested_type"]["nesting_mode"] == "single"
    assert served.bundle_roots() == [root.resolve()]


@pytest.mark.skipif(not HAS_PYVIDER, reason="pyvider is not installed (pip install 'pyvider>=0.8')")
def test_a_served_package_runs_offline_through_dev_overrides_and_is_cached(
    tmp_path: Path,
) -> None:
    pyvider_schema = SCHEMAS / "pyvider-components-0.8.1.json"
    binary = fake_terraform(tmp_path, schema=pyvider_schema)
    args = ["schema", "--package-name", "pyvider.components", "--terraform-binary", str(binary)]
    args += ["--provider-name", "pyvider", "--project-root", str(tmp_path)]
    out = tmp_path / "schema.json"
    assert main([*args, "--output", str(out)]) == 0
    assert main([*args, "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(pyvider_schema.read_text())
    assert calls(binary) == ["version -json", "providers schema -json", "version -json"]
    config = (binary.parent / "cli-config.tfrc").read_text(encoding="utf-8")
    assert 'dev_overrides {\n    "local/providers/pyvider" = "' in config
    launchers = (binary.parent / "launchers.txt").read_text().split()
    assert launchers == ["terraform-provider-pyvider", "terraform-provider-pyvider.py"]
