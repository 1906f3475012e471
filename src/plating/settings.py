"""Effective settings: flag > ``PLATING_*`` environment > ``[tool.plating]`` > auto-detection
> default, with where each value came from (``plating info`` prints it).

Every option the CLI takes can be set in ``pyproject.toml``::

    [tool.plating]
    provider_name = "kitchen"
    schema = "schema.json"
    component_types = ["resource", "data_source"]

    [tool.plating.retry]
    max_attempts = 5

Relative paths in ``pyproject.toml`` are relative to its folder; in the environment and on the
command line, to the current directory. Unknown keys are errors that name the key.

A project file is untrusted (a cloned repository's): every path it names must stay inside its
folder. Absolute paths, ``~`` and ``..`` are refused there, and so is a path that leads out
through a symbolic link; the command line and the environment may name any path.

The schema source is resolved as a whole: ``schema``, ``package_name`` and
``provider_source`` come from the highest layer that names any of them, so a ``--schema`` flag
is never mixed with a ``package_name`` of the environment or the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plating.errors import UsageError
from plating.render.modes import DEDUPE_MODES

Converter = Callable[[Any, str, Path], Any]


def _text(value: Any, where: str, base: Path) -> str:
    if not isinstance(value, str) or not value:
        raise UsageError(f"{where}: expected a non-empty string, found {value!r}")
    if "\0" in value:
        raise UsageError(f"{where}: {value!r} holds a NUL character, which no name can hold")
    return value


def _path(value: Any, where: str, base: Path) -> Path:
    text = _text(value, where, base)
    path = Path(text).expanduser()
    # Lexically normalised, links not followed: a linked output folder stays visible as a
    # link, which the writer refuses.
    return path if path.is_absolute() else Path(os.path.normpath(base / path))


def _command(value: Any, where: str, base: Path) -> Path:
    """A program: a bare name (``tofu``) is looked up on ``PATH``; anything else is a path."""
    text = _text(value, where, base)
    return Path(text) if "/" not in text and text not in (".", "..") else _path(text, where, base)


def project_path(value: Any, where: str, base: Path) -> Path:
    """A path named in a project file: relative to ``base`` (the file's folder) and inside it.

    Absolute paths, ``~`` and ``..`` are refused, and so is a path that a symbolic link leads
    out of ``base``: a cloned repository's settings must not make plating read or write
    elsewhere (give such a path on the command line or in the environment instead). A path
    into the repository's ``.git`` folder is refused too: a docs folder there would let the
    repository's files replace its Git configuration, which a clone never brings along.
    """
    text = _text(value, where, base)
    given = Path(text)
    if given.is_absolute() or text.startswith("~") or ".." in given.parts:
        problem = (
            "is absolute"
            if given.is_absolute()
            else "starts with '~'"
            if text.startswith("~")
            else "contains '..'"
        )
        raise UsageError(
            f"{where}: {text!r} {problem}; a path in a project file must stay inside the "
            f"project ({base}): write it relative to that folder, or give it on the command "
            "line or in a PLATING_* environment variable"
        )
    path = base / given
    real_base = base.resolve()
    resolved = path.resolve()
    inside = resolved.relative_to(real_base).parts if resolved.is_relative_to(real_base) else ()
    if ".git" in (part.lower() for part in (*given.parts, *inside)):
        raise UsageError(
            f"{where}: {text!r} leads into the repository's .git folder, which a path in a "
            "project file may not name: choose another folder, or give it on the command "
            "line or in a PLATING_* environment variable"
        )
    if not resolved.is_relative_to(real_base):
        raise UsageError(
            f"{where}: {text!r} leads out of the project ({base}) through a symbolic link "
            f"(to {resolved}); a path in a project file must stay inside the project"
        )
    return Path(os.path.normpath(path))


def _integer(value: Any, where: str, base: Path) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{where}: expected a whole number of at least 1, found {value!r}")
    return value


def _number(value: Any, where: str, base: Path) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{where}: expected a number, found {value!r}") from None
    if number < 0 or isinstance(value, bool):
        raise UsageError(f"{where}: expected a number of at least 0, found {value!r}")
    return number


def _flag(value: Any, where: str, base: Path) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in (
        "1",
        "true",
        "yes",
        "on",
        "0",
        "false",
        "no",
        "off",
    ):
        return value.lower() in ("1", "true", "yes", "on")
    raise UsageError(f"{where}: expected true or false, found {value!r}")


def _one_of(*choices: str) -> Converter:
    """A converter accepting exactly one of ``choices``."""

    def convert(value: Any, where: str, base: Path) -> str:
        if value not in choices:
            raise UsageError(f"{where}: expected one of {', '.join(choices)}, found {value!r}")
        return str(value)

    return convert


def _text_list(value: Any, where: str, base: Path) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{where}: expected a list of strings, found {value!r}")
    return list(value)


@dataclass(frozen=True, slots=True)
class Setting:
    """One option: its ``[tool.plating]`` key, flag destination, converter and default."""

    key: str
    convert: Converter
    default: Any = None
    help: str = ""

    @property
    def flag(self) -> str:
        """The command-line option: ``--retry-max-attempts`` for ``retry.max_attempts``."""
        return "--" + self.key.replace("_", "-").replace(".", "-")

    @property
    def env(self) -> str:
        return "PLATING_" + self.key.upper().replace(".", "_")

    def from_file(self, value: Any, where: str, base: Path) -> Any:
        """The value as written in a project file: paths are held inside the project."""
        if self.convert in (_path, _command):  # a program named by a project file too
            return project_path(value, where, base)
        return self.convert(value, where, base)


SETTINGS: tuple[Setting, ...] = (
    Setting("provider_name", _text, help="provider to document"),
    Setting("rendered_provider_name", _text, help="provider name in page titles"),
    Setting("schema", _path, help="providers-schema JSON file"),
    Setting("package_name", _text, help="pyvider provider package"),
    Setting("provider_source", _text, help="provider address read with terraform/tofu"),
    Setting("terraform_binary", _command, help="terraform or tofu binary"),
    Setting("project_root", _path, help="project root"),
    Setting("output_dir", _path, help="docs folder"),
    Setting("examples_dir", _path, help="conventional examples folder"),
    Setting("templates_dir", _path, help="static pages folder"),
    Setting("guides_dir", _path, help="project-level guide templates folder"),
    Setting("bundles_dir", _path, help="where adorn puts bundles of a schema-file project"),
    Setting("component_types", _text_list, help="kinds to document"),
    Setting("exclude", _text_list, help="glob patterns of components to skip"),
    Setting("ignore_deprecated", _flag, False, help="skip deprecated components"),
    Setting("concurrency", _integer, help="pages in flight"),
    Setting(
        "dedupe_nested",
        _one_of(*DEDUPE_MODES),
        "auto",
        help="repeated nested schemas written out once: auto (pages over the limit), always, never",
    ),
    Setting("cache_dir", _path, help="schema cache folder"),
    Setting("schema_cache", _flag, True, help="cache extracted schemas"),
    Setting("retry.max_attempts", _integer, 3, help="attempts of a transient failure"),
    Setting("retry.backoff", _text, "exponential", help="exponential, linear or fixed"),
    Setting("retry.base_delay", _number, 0.5, help="seconds before the first retry"),
    Setting("retry.max_delay", _number, 10.0, help="longest wait between retries"),
)
_BY_KEY = {s.key: s for s in SETTINGS}
#: Keys that together name the schema source: resolved as one (see the module docstring).
SOURCE_KEYS = ("schema", "package_name", "provider_source")
#: Tables whose contents other modules check (validation rules, subcategories, monorepos).
OPEN_TABLES = ("validate", "subcategories", "providers")


@dataclass
class Settings:
    """Resolved values by key, and where each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)  # the OPEN_TABLES, as written
    pyproject: Path | None = None
    #: Monorepo: project roots of the other providers inside this one's root (never searched).
    other_roots: list[Path] = field(default_factory=list)

    def get(self, key: str) -> Any:
        return self.values.get(key)


#: The UTF-8 byte order mark some editors put at the start of a text file.
UTF8_BOM = b"\xef\xbb\xbf"


def find_project_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``pyproject.toml`` or ``.git``."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return None


def read_pyproject(path: Path) -> dict[str, Any]:
    """The whole ``pyproject.toml`` (an error naming the line when it is not valid TOML).

    A UTF-8 byte order mark, which Windows editors write, is dropped before parsing (TOML
    itself refuses it): plating reads every other input file, templates included, the
    same way."""
    import tomllib

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{path}:{line}: not UTF-8 text (byte offset {exc.start}); save the file as UTF-8"
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from exc


def flatten_tool_table(
    table: Mapping[str, Any], where: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``[tool.plating]`` as ``{"retry.max_attempts": 5, ...}`` plus the open tables."""
    flat: dict[str, Any] = {}
    open_tables: dict[str, Any] = {}
    for key, value in table.items():
        if key in OPEN_TABLES:
            open_tables[key] = value
        elif key == "retry" and not isinstance(value, dict):
            raise UsageError(f"{where}: [tool.plating.retry] must be a table")
        elif key == "retry":
            for sub, sub_value in value.items():
                full = f"retry.{sub}"
                if full not in _BY_KEY:
                    raise UsageError(f"{where}: unknown key retry.{sub} in [tool.plating.retry]")
                flat[full] = sub_value
        elif key.replace("-", "_") in _BY_KEY:
            flat[key.replace("-", "_")] = value
        else:
            known = ", ".join(sorted({k.split(".")[0] for k in _BY_KEY} | set(OPEN_TABLES)))
            raise UsageError(f"{where}: unknown key {key!r} in [tool.plating] (known: {known})")
    return flat, open_tables


def detect_provider_name(project: Mapping[str, Any]) -> str | None:
    """``terraform-provider-X`` or ``X-provider`` in ``[project].name`` gives ``X``."""
    name = project.get("name") if isinstance(project, Mapping) else None
    if not isinstance(name, str):
        return None
    match = re.fullmatch(r"terraform-provider-(.+)|(.+)-provider", name)
    if match is None:
        return None
    return match.group(1) or match.group(2)


def resolve(
    flags: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    provider_table: Mapping[str, Any] | None = None,
    table_label: str = "",
) -> Settings:
    """Resolve every setting. ``flags`` holds command-line values by key (None: not given).

    ``provider_table`` is one ``[[tool.plating.providers]]`` entry of a monorepo: its values
    take the place of ``[tool.plating]``'s for that provider.
    """
    environ = os.environ if environ is None else environ
    cwd = (cwd or Path.cwd()).resolve()
    settings = Settings()

    # The project root decides which pyproject.toml is read, so it is resolved first.
    root_setting = _BY_KEY["project_root"]
    root: Path | None = None
    if flags.get("project_root") is not None:
        root = _path(str(flags["project_root"]), "--project-root", cwd)
        settings.sources["project_root"] = "flag --project-root"
    elif environ.get(root_setting.env):
        root = _path(environ[root_setting.env], root_setting.env, cwd)
        settings.sources["project_root"] = f"environment {root_setting.env}"
    else:
        root = find_project_root(cwd)
        settings.sources["project_root"] = (
            "auto-detected (nearest pyproject.toml or .git)"
            if root
            else "default (current directory)"
        )
        root = root or cwd
    settings.values["project_root"] = root

    document: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    file_values: dict[str, Any] = {}
    if pyproject.is_file():
        document = read_pyproject(pyproject)
        tool_table = document.get("tool", {})
        tool = tool_table.get("plating", {}) if isinstance(tool_table, dict) else {}
        if not isinstance(tool, dict):
            raise UsageError(f"{pyproject}: [tool.plating] must be a table")
        file_values, settings.tables = flatten_tool_table(tool, str(pyproject))
        settings.pyproject = pyproject
    labels = dict.fromkeys(file_values, f"{pyproject} [tool.plating]")
    if provider_table is not None:
        where = f"{pyproject} {table_label}"
        own_values, own_tables = flatten_tool_table(provider_table, where)
        file_values = {**file_values, **own_values}
        labels.update(dict.fromkeys(own_values, where))
        settings.tables = {k: v for k, v in settings.tables.items() if k != "providers"}
        settings.tables.update(own_tables)

    # The schema source is one choice: the highest layer naming any part of it decides.
    source_layer = next(
        (
            layer
            for layer, present in (
                ("flag", any(flags.get(k) is not None for k in SOURCE_KEYS)),
                ("environment", any(environ.get(_BY_KEY[k].env) for k in SOURCE_KEYS)),
                ("file", any(k in file_values for k in SOURCE_KEYS)),
            )
            if present
        ),
        None,
    )
    for setting in SETTINGS:
        key = setting.key
        if key == "project_root":
            if "project_root" in file_values and not settings.sources["project_root"].startswith(
                ("flag", "environment")
            ):
                where = f"{labels[key]} project_root"
                settings.values[key] = setting.from_file(file_values[key], where, pyproject.parent)
                settings.sources[key] = labels[key]
            continue
        if key in SOURCE_KEYS and source_layer is not None:
            _resolve_source_key(setting, source_layer, flags, environ, cwd, settings)
            if key in file_values and source_layer == "file":
                where = f"{labels[key]} {key}"
                settings.values[key] = setting.from_file(file_values[key], where, pyproject.parent)
                settings.sources[key] = labels[key]
            continue
        flag_value = flags.get(key)
        if flag_value is not None:
            settings.values[key] = setting.convert(
                str(flag_value) if isinstance(flag_value, Path) else flag_value,
                setting.flag,
                cwd,
            )
            settings.sources[key] = "flag"
        elif environ.get(setting.env):
            settings.values[key] = setting.convert(environ[setting.env], setting.env, cwd)
            settings.sources[key] = f"environment {setting.env}"
        elif key in file_values:
            where = f"{labels[key]} {key}"
            settings.values[key] = setting.from_file(file_values[key], where, pyproject.parent)
            settings.sources[key] = labels[key]
        elif key == "provider_name" and detect_provider_name(document.get("project", {})):
            settings.values[key] = detect_provider_name(document.get("project", {}))
            settings.sources[key] = f"auto-detected from {pyproject} [project].name"
        else:
            settings.values[key] = setting.default
            settings.sources[key] = "default"
    return settings


def _resolve_source_key(
    setting: Setting,
    layer: str,
    flags: Mapping[str, Any],
    environ: Mapping[str, str],
    cwd: Path,
    settings: Settings,
) -> None:
    """One key of the schema source from the layer chosen for the whole source (the file
    layer is applied by the caller, which knows the file's labels)."""
    key = setting.key
    settings.values[key] = None
    settings.sources[key] = "default"
    if layer == "flag" and flags.get(key) is not None:
        value = flags[key]
        settings.values[key] = setting.convert(
            str(value) if isinstance(value, Path) else value, setting.flag, cwd
        )
        settings.sources[key] = "flag"
    elif layer == "environment" and environ.get(setting.env):
        settings.values[key] = setting.convert(environ[setting.env], setting.env, cwd)
        settings.sources[key] = f"environment {setting.env}"
    elif layer != "file":
        settings.sources[key] = f"default (the schema source comes from the {layer})"


#: ``PLATING_*`` variables read outside the settings table: validate's plugin folder, and the
#: test suite's own knobs (its fuzz scale, kill seed and sandbox probe).
OTHER_VARIABLES = frozenset(
    {
        "PLATING_TERRAFORM_PROVIDER_DIR",
        "PLATING_FUZZ_SCALE",
        "PLATING_KILL_SEED",
        "PLATING_HOSTILE_SECRET",
    }
)


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """A warning for each ``PLATING_*`` variable plating does not read (a typo is otherwise
    silently ignored), naming the nearest known variable."""
    import difflib

    environ = os.environ if environ is None else environ
    known = sorted({s.env for s in SETTINGS} | OTHER_VARIABLES)
    warnings = []
    for name in sorted(environ):
        if not name.startswith("PLATING_") or name in known:
            continue
        # Compared without the common prefix, which would make every name look alike.
        near = difflib.get_close_matches(name[8:], [k[8:] for k in known], n=1, cutoff=0.6)
        hint = f"did you mean PLATING_{near[0]}? " if near else ""
        warnings.append(
            f"environment variable {name} is not a plating setting; {hint}it is ignored"
        )
    return warnings
