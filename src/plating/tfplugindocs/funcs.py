"""The functions tfplugindocs gives its templates, with Go's exact behaviour.

``codefile``/``tffile`` read files relative to the provider folder (absolute paths as they
are), but never a file outside the project: a template of a cloned repository must not be
able to pull files from elsewhere into its pages. The files they read are recorded per page,
so the no-change stamp can cover them.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Go's strings.TrimSpace trims Unicode White_Space (Python's strip() also trims \x1c-\x1f).
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
# A word as Unicode word segmentation sees it: letters, digits, marks and "_", joined by
# an apostrophe, a full stop or a colon between two of them.
_WORD = re.compile(r"[\w]+(?:['’.:][\w]+)*")


def trimspace(text: str) -> str:
    """``strings.TrimSpace``."""
    return text.strip(_GO_SPACE)


def lower(text: str) -> str:
    """``strings.ToLower``: Unicode simple case mapping, one character for one."""
    return "".join(c.lower()[0] if c.lower() else c for c in text)


def upper(text: str) -> str:
    """``strings.ToUpper``: a character without a one-character upper case stays (``ß``)."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def title(text: str) -> str:
    """``cases.Title(language.Und).String``: the first letter of each word in title case,
    the rest of the word in lower case (``scaffolding_example`` is one word)."""

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        first = w[0].title() if w[0].isalpha() else w[0]
        return first + lower(w[1:])

    return _WORD.sub(word, text)


def prefixlines(prefix: str, text: str) -> str:
    """tfplugindocs' ``prefixlines``: ``prefix`` before every line, empty ones included."""
    return prefix + text.replace("\n", "\n" + prefix)


def split(text: str, separator: str) -> list[str]:
    """``strings.Split`` (an empty separator splits into characters)."""
    return list(text) if separator == "" else text.split(separator)


def plainmarkdown(text: str) -> str:
    """Markdown as plain text, as tfplugindocs' ``plainmarkdown`` renders it."""
    from plating.render.plaintext import markdown_to_plaintext

    return markdown_to_plaintext(text)


class FileReads:
    """The files ``codefile``/``tffile`` read, per thread (each page renders on one)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def start(self) -> None:
        self._local.paths = []

    def add(self, path: Path) -> None:
        paths: list[Path] | None = getattr(self._local, "paths", None)
        if paths is not None:
            paths.append(path)

    def finish(self) -> tuple[Path, ...]:
        paths: list[Path] = getattr(self._local, "paths", None) or []
        self._local.paths = None
        return tuple(paths)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # Go's %q for the texts that occur here


def code_file_reader(
    provider_dir: Path, project_root: Path, reads: FileReads, exact: bool = False
) -> Callable[[str, str], str]:
    """``codefile FORMAT FILE``: the file's trimmed text in a fenced block; ``exact`` keeps
    CRLF line ends as tfplugindocs does (plate writes LF)."""
    root = project_root.resolve()

    def codefile(language: str, file: str) -> str:
        path = Path(file) if Path(file).is_absolute() else provider_dir / file
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError) as exc:
            raise ValueError(f"unable to read content from {_quote(file)}: {exc}") from exc
        if not resolved.is_relative_to(root):
            raise ValueError(
                f"{_quote(file)} is outside the project ({root}); plating reads no file "
                "outside it (copy the file into the project)"
            )
        reads.add(resolved)
        try:
            content = resolved.read_bytes().decode("utf-8", "replace")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ValueError(f"unable to read content from {_quote(file)}: {reason}") from exc
        content = trimspace(content if exact else content.replace("\r\n", "\n"))
        if not content:
            raise ValueError(f"no file content in {_quote(file)}")
        return f"```{language}\n{content}\n```"

    return codefile


def template_functions(
    provider_dir: Path, project_root: Path, reads: FileReads, exact: bool = False
) -> dict[str, Any]:
    """The function table of tfplugindocs' templates (``exact``: see
    :func:`code_file_reader`)."""
    codefile = code_file_reader(provider_dir, project_root, reads, exact)

    def tffile(file: str) -> str:
        return codefile("terraform", file)

    return {
        "codefile": codefile,
        "lower": lower,
        "plainmarkdown": plainmarkdown,
        "prefixlines": prefixlines,
        "split": split,
        "tffile": tffile,
        "title": title,
        "trimspace": trimspace,
        "upper": upper,
    }
