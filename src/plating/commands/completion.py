"""``plating completion bash|zsh|fish``: a shell completion script, generated from the parser.

Install with, e.g., ``plating completion bash > ~/.local/share/bash-completion/completions/plating``
or ``plating completion fish > ~/.config/fish/completions/plating.fish``.
"""

from __future__ import annotations

import argparse
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


def command_options() -> dict[str, list[str]]:
    """Every command with its options, read from the parser itself."""
    from plating.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: sorted(o for a in command._actions for o in a.option_strings if o.startswith("--"))
        for name, command in sub.choices.items()
    }


def bash_script(options: dict[str, list[str]]) -> str:
    """A bash (and zsh via bashcompinit) completion function."""
    cases = "\n".join(
        f'        {name}) opts="{" ".join(flags)}" ;;' for name, flags in options.items()
    )
    return f"""# plating completion for bash
_plating() {{
    local cur cmd opts
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "{" ".join(options)} --help --version" -- "$cur"))
        return
    fi
    cmd="${{COMP_WORDS[1]}}"
    case "$cmd" in
{cases}
        *) opts="" ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _plating plating
"""


def fish_script(options: dict[str, list[str]]) -> str:
    """fish completions: commands, then each command's long options."""
    lines = ["# plating completion for fish", "complete -c plating -f"]
    commands = " ".join(options)
    lines.append(f'complete -c plating -n "__fish_use_subcommand" -a "{commands}"')
    for name, flags in options.items():
        for flag in flags:
            lines.append(
                f'complete -c plating -n "__fish_seen_subcommand_from {name}" -l {flag[2:]}'
            )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the script."""
    options = command_options()
    if args.shell == "fish":
        print(fish_script(options), end="")
    elif args.shell == "zsh":
        print("autoload -U +X bashcompinit && bashcompinit\n" + bash_script(options), end="")
    else:
        print(bash_script(options), end="")
    return EXIT_OK
