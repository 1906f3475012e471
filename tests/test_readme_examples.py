"""Every command and Python example of the README runs as written.

The rule, for everyone who edits the README:

- A fenced block in ``sh``, ``bash`` or ``shell`` runs as one bash script (``set -euo
  pipefail``); a ``python`` block runs with this checkout's Python. Each must exit 0.
- Each block runs on its own, in a fresh scratch copy of ``demo/`` as the current folder:
  the embedded ``kitchen`` provider stands for the reader's project (``schema.json``,
  bundles, ``examples/``, and a ``pyproject.toml`` whose ``[tool.plating]`` names the
  schema), with nothing plated yet. This checkout's ``plating`` is first on ``PATH``;
  ``HOME`` and the caches are scratch folders; no ``PLATING_*`` variable is set.
- A ``toml`` block must be valid TOML whose ``[tool.plating]`` tables plating accepts.
- A block that cannot run there (it needs the network, a provider binary, this
  repository's Makefile, ...) is preceded by the line
  ``<!-- readme-test: not run: REASON -->``; the reason is required.
- Blocks in any other language (``json``, ``yaml``, none) are illustrations, not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, demo_copy

README = REPO_ROOT / "README.md"
SHELL_LANGUAGES = frozenset({"sh", "bash", "shell"})
PYTHON_LANGUAGES = frozenset({"python", "py"})
CONFIG_LANGUAGES = frozenset({"toml"})
RUNNABLE = SHELL_LANGUAGES | PYTHON_LANGUAGES | CONFIG_LANGUAGES
MARKER = re.compile(r"<!--\s*readme-test:\s*(?P<what>.*?)\s*-->")
NOT_RUN = re.compile(r"not run:\s*(?P<reason>\S.*)")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
BLOCK_TIMEOUT = 120  # seconds; a README example takes well under one


@dataclass(frozen=True)
class Block:
    """One fenced code block of the README."""

    line: int  # of the opening fence, 1-based
    language: str
    text: str
    marker: str | None  # the ``readme-test:`` comment right above the fence, if any
    marker_line: int | None

    @property
    def label(self) -> str:
        return f"README.md:{self.line}:{self.language or 'text'}"


def readme_blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, with the marker comment above each."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening["fence"]
        language = (opening["info"].strip().split() or [""])[0].lower()
        body: list[str] = []
        end = index + 1
        while end < len(lines):
            closing = lines[end].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            body.append(lines[end])
            end += 1
        above = index - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        marker = MARKER.fullmatch(lines[above].strip()) if above >= 0 else None
        blocks.append(
            Block(
                line=index + 1,
                language=language,
                text="\n".join(body) + "\n",
                marker=marker["what"] if marker else None,
                marker_line=above + 1 if marker else None,
            )
        )
        index = end + 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))
TO_RUN = [b for b in BLOCKS if b.language in RUNNABLE and b.marker is None]


def _scratch_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh copy of the demo project and the environment a block runs with."""
    project = demo_copy(tmp_path / "project")
    home = tmp_path / "home"
    home.mkdir()
    scripts = Path(sys.executable).parent
    assert (scripts / "plating").is_file(), f"no plating console script beside {sys.executable}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATING_")}
    env.update(
        PATH=f"{scripts}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("PYTHONPATH", None)
    return project, env


def _check_toml(block: Block, project: Path) -> None:
    import tomllib

    from plating.settings import resolve
    from plating.validate.config import load_validate_config

    try:
        document = tomllib.loads(block.text)
    except tomllib.TOMLDecodeError as exc:
        pytest.fail(f"{block.label}: not valid TOML: {exc}")
    if "tool" not in document:
        return
    (project / "pyproject.toml").write_text(block.text, encoding="utf-8")
    resolve({}, environ={}, cwd=project)  # unknown keys and bad values raise
    load_validate_config(project)


@pytest.mark.parametrize("block", TO_RUN, ids=[b.label for b in TO_RUN])
def test_readme_block_runs_as_written(block: Block, tmp_path: Path) -> None:
    project, env = _scratch_project(tmp_path)
    if block.language in CONFIG_LANGUAGES:
        _check_toml(block, project)
        return
    if block.language in SHELL_LANGUAGES:
        command = ["bash", "-c", "set -euo pipefail\n" + block.text]
    else:
        script = tmp_path / "readme_example.py"
        script.write_text(block.text, encoding="utf-8")
        command = [sys.executable, str(script)]
    done = subprocess.run(
        command,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, (
        f"{block.label} exited {done.returncode} in a scratch copy of demo/.\n"
        f"--- block ---\n{block.text}--- stdout ---\n{done.stdout}--- stderr ---\n{done.stderr}"
        "Make the example run as written there, or put "
        "'<!-- readme-test: not run: REASON -->' on the line above its fence."
    )


def test_every_marker_says_why_and_sits_on_a_runnable_block() -> None:
    text = README.read_text(encoding="utf-8")
    marked = {b.marker_line: b for b in BLOCKS if b.marker is not None}
    for number, line in enumerate(text.splitlines(), start=1):
        found = MARKER.search(line)
        if found is None:
            continue
        block = marked.get(number)
        assert block is not None, f"README.md:{number}: marker is not right above a code block"
        assert block.language in RUNNABLE, (
            f"README.md:{number}: marker above a {block.language or 'plain'} block, "
            "which is not run anyway"
        )
        assert NOT_RUN.fullmatch(found["what"]), (
            f"README.md:{number}: write '<!-- readme-test: not run: REASON -->' with the reason"
        )


def test_the_readme_has_examples_that_run() -> None:
    languages = {b.language for b in TO_RUN}
    assert SHELL_LANGUAGES & languages
    assert PYTHON_LANGUAGES & languages
    assert "toml" in languages


def test_block_reader_finds_fences_languages_and_markers() -> None:
    text = (
        "intro\n"
        "<!-- readme-test: not run: needs the network -->\n"
        "\n"
        "```sh extra words\n"
        "curl example\n"
        "```\n"
        "~~~~python\n"
        "print('```')\n"
        "~~~~\n"
        "```\n"
        "plain\n"
        "```\n"
    )
    blocks = readme_blocks(text)
    assert [(b.line, b.language, b.marker) for b in blocks] == [
        (4, "sh", "not run: needs the network"),
        (7, "python", None),
        (10, "", None),
    ]
    assert blocks[1].text == "print('```')\n"
