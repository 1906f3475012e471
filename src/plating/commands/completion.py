"""``plating completion bash|zsh|fish``: a shell completion script, generated from the parser.

Install with, e.g., ``plating completion bash > ~/.local/share/bash-completion/completions/plating``
or ``plating completion fish > ~/.config/fish/completions/plating.fish``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plating.commands.common import EXIT_OK, HELP_FORMATTER


def register(subparsers: Any) -> None:
    """Add the ``completion`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print a completion script for bash, zsh or fish to standard output.",
        formatter_class=HELP_FORMATTER,
    )
    parser.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell (default: none)")
    parser.set_defaults(handler=run)


#: Words of options whose values are not argparse choices (aliases are accepted too).
_VALUES_BY_METAVAR = {
    "KIND": (
        "provider",
        "resource",
        "data_source",
        "ephemeral_resource",
        "function",
        "action",
        "list_resource",
        "state_store",
    ),
}
_PATH_METAVARS = frozenset({"FILE", "DIR", "PATH"})


@dataclass(frozen=True)
class Completions:
    """What completes where in one command: its options, and after each option taking a
    value, either fixed words, file names, or nothing (free text such as a name)."""

    options: list[str]
    words: dict[str, tuple[str, ...]]  # option -> its values
    paths: list[str]  # options whose value is a file or folder
    free: list[str]  # options whose value is free text: nothing is offered
    positional: tuple[str, ...]  # words for the command's positional argument


def command_completions() -> dict[str, Completions]:
    """Every command's completions, read from the parser itself."""
    from plating.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found: dict[str, Completions] = {}
    for name, command in sub.choices.items():
        options: list[str] = []
        words: dict[str, tuple[str, ...]] = {}
        paths: list[str] = []
        free: list[str] = []
        positional: tuple[str, ...] = ()
        for action in command._actions:
            longs = [o for o in action.option_strings if o.startswith("--")]
            values = _values(action)
            if not action.option_strings:
                positional = values or ()
                continue
            options += longs
            if action.nargs == 0:
                continue  # a switch: nothing follows it
            if values:
                words.update(dict.fromkeys(longs, values))
            elif action.type is Path or action.metavar in _PATH_METAVARS:
                paths += longs
            else:
                free += longs
        found[name] = Completions(sorted(options), words, sorted(paths), sorted(free), positional)
    return found


def _values(action: argparse.Action) -> tuple[str, ...] | None:
    if action.choices is not None:
        return tuple(str(c) for c in action.choices)
    metavar = action.metavar if isinstance(action.metavar, str) else None
    return _VALUES_BY_METAVAR.get(metavar or "")


def bash_script(commands: dict[str, Completions]) -> str:
    """A bash (and zsh via bashcompinit) completion function."""
    option_cases = "\n".join(
        f'        {name}) opts="{" ".join(c.options)}"; words="{" ".join(c.positional)}" ;;'
        for name, c in commands.items()
    )
    value_cases: list[str] = []
    for name, c in commands.items():
        for option, values in sorted(c.words.items()):
            value_cases.append(
                f'        "{name} {option}") COMPREPLY=($(compgen -W "{" ".join(values)}" '
                '-- "$cur")); return ;;'
            )
        for option in c.paths:
            value_cases.append(
                f'        "{name} {option}") COMPREPLY=($(compgen -f -- "$cur")); return ;;'
            )
        for option in c.free:
            value_cases.append(f'        "{name} {option}") COMPREPLY=(); return ;;')
    value_lines = "\n".join(value_cases)
    return f"""# plating completion for bash
_plating() {{
    local cur prev cmd opts words
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "{" ".join(commands)} --help --version" -- "$cur"))
        return
    fi
    cmd="${{COMP_WORDS[1]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    case "$cmd $prev" in
{value_lines}
    esac
    case "$cmd" in
{option_cases}
        *) opts=""; words="" ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    fi
}}
complete -o filenames -F _plating plating
"""


def fish_script(commands: dict[str, Completions]) -> str:
    """fish completions: commands, each command's long options and their values."""
    lines = ["# plating completion for fish", "complete -c plating -f"]
    lines.append(f'complete -c plating -n "__fish_use_subcommand" -a "{" ".join(commands)}"')
    for name, c in commands.items():
        seen = f'-n "__fish_seen_subcommand_from {name}"'
        if c.positional:
            lines.append(f'complete -c plating {seen} -a "{" ".join(c.positional)}"')
        for option in c.options:
            flag = f"complete -c plating {seen} -l {option[2:]}"
            if option in c.words:
                lines.append(f'{flag} -x -a "{" ".join(c.words[option])}"')
            elif option in c.paths:
                lines.append(f"{flag} -r -F")
            elif option in c.free:
                lines.append(f"{flag} -x")
            else:
                lines.append(flag)
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the script."""
    commands = command_completions()
    if args.shell == "fish":
        print(fish_script(commands), end="")
    elif args.shell == "zsh":
        print("autoload -U +X bashcompinit && bashcompinit\n" + bash_script(commands), end="")
    else:
        print(bash_script(commands), end="")
    return EXIT_OK
