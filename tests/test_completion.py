"""Shell completion offers each option's values: kinds, formats and shells, not file names."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plating.cli import main


def _bash_completes(script: str, words: str, cwd: Path) -> list[str]:
    count = len(words.split()) - 1
    probe = (
        f'{script}\nCOMP_WORDS=({words}); COMP_CWORD={count}; _plating; echo "${{COMPREPLY[@]}}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, check=True, cwd=cwd
    )
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash to run the script")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("plating plate --component-type re", ["resource"]),
        ("plating plate --component-type data", ["data_source"]),
        ("plating validate --format j", ["json"]),
        ("plating info --format ''", ["text", "json"]),
        ("plating completion ''", ["bash", "zsh", "fish"]),
        ("plating plate --schema sch", ["schema.json"]),
        ("plating plate --provider-name sch", []),  # a name, not a file
        ("plating plate sch", []),  # plate takes no file argument
        ("plating plate --che", ["--check"]),
    ],
)
def test_bash_completion_offers_values(
    words: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert _bash_completes(script, words, tmp_path) == expected


def test_fish_completion_offers_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "fish"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        'complete -c plating -n "__fish_seen_subcommand_from plate" -l component-type -x -a '
        '"provider resource data_source ephemeral_resource function action list_resource '
        'state_store"'
    ) in lines
    assert (
        'complete -c plating -n "__fish_seen_subcommand_from validate" -l format -x -a "text json"'
        in lines
    )
    assert (
        'complete -c plating -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"'
        in lines
    )
    assert 'complete -c plating -n "__fish_seen_subcommand_from plate" -l schema -r -F' in lines
