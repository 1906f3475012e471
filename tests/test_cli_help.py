"""Every command's --help lists every option with its default; exit codes for bad usage."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from plating.cli import build_parser, main


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_help_lists_every_option_with_its_default(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = _subparsers()[command]
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for action in parser._actions:
        if not action.option_strings or "--help" in action.option_strings:
            continue
        longest = max(action.option_strings, key=len)
        assert longest in text, f"{command}: {longest} missing from --help"
        formatter = parser._get_formatter()
        help_text = formatter._get_help_string(action) or ""  # type: ignore[attr-defined]
        assert "default" in help_text, f"{command} {longest}: no default in its help"


def test_top_level_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("plate", "adorn", "validate", "info", "stats", "schema", "completion"):
        assert command in out


def test_no_command_and_unknown_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["plate", "--no-such-option"])
    assert exit_info.value.code == 2


def test_bash_completion_offers_commands_and_options(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    import subprocess

    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "complete -o filenames -F _plating plating" in script
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    probe = (
        script
        + '\nCOMP_WORDS=(plating plate --che); COMP_CWORD=2; _plating; echo "${COMPREPLY[@]}"\n'
    )
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["--check"]
    probe = script + '\nCOMP_WORDS=(plating va); COMP_CWORD=1; _plating; echo "${COMPREPLY[@]}"\n'
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["validate"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    assert "plate" in capsys.readouterr().out


def test_pre_commit_hooks_run_real_commands() -> None:
    import shlex

    import yaml

    from tests.conftest import REPO_ROOT

    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"plating-validate", "plating-check"}
    parser = build_parser()
    for hook in hooks:
        argv = shlex.split(hook["entry"])
        assert argv[0] == "plating"
        parser.parse_args(argv[1:])  # the entry is a valid command line
        assert hook["pass_filenames"] is False


def test_a_run_builds_only_its_own_command_parser() -> None:
    (sub,) = [
        a for a in build_parser("plate")._actions if isinstance(a, argparse._SubParsersAction)
    ]
    assert list(sub.choices) == ["plate"]
    assert sorted(_subparsers()) == sorted(
        [
            "plate",
            "adorn",
            "validate",
            "serve",
            "info",
            "stats",
            "schema",
            "generate",
            "migrate",
            "completion",
        ]
    )


def test_an_unknown_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["plat"])
    assert exit_info.value.code == 2
    assert "'plate', 'adorn', 'validate'" in capsys.readouterr().err


def _console(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    """The console script's own code path (``plating.cli:console``) in a fresh process."""
    return subprocess.run(
        [sys.executable, "-c", "from plating.cli import console; console()", *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


def test_the_console_script_flushes_everything_and_keeps_the_exit_code(
    demo_project: Path,
) -> None:
    ok = _console(
        "stats",
        "--project-root",
        str(demo_project),
        "--schema",
        str(demo_project / "schema.json"),
        "--provider-name",
        "kitchen",
        "--format",
        "json",
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)  # the whole document arrived, not a truncated buffer
    bad = _console("plate", "--project-root", str(demo_project), "--schema", "missing.json")
    assert bad.returncode == 2
    assert "missing.json" in bad.stderr


@pytest.mark.parametrize(
    "changed",
    ["schema.json", "schemas/kitchen.json", "docs/resources/recipe.md", "pyproject.toml"],
)
def test_both_pre_commit_hooks_run_when_their_inputs_change(changed: str) -> None:
    """A commit that changes only the schema file must be validated too."""
    import re

    import yaml

    from tests.conftest import REPO_ROOT

    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        assert re.search(hook["files"], changed), (hook["id"], changed)
