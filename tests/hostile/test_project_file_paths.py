"""A cloned repository's pyproject.toml names paths: none may lead out of the project.

Absolute paths, ``~`` and ``..`` in a project file are refused with an error naming the file
and the key; so is a path that a symbolic link inside the project leads out of it. The same
paths given on the command line or in the environment are the user's own choice and work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.errors import UsageError
from plating.settings import SETTINGS, resolve
from tests.factories import resource_block, schema_document, write_schema
from tests.hostile.helpers import assert_clean_error, cli, tree

PATH_KEYS = sorted(s.key for s in SETTINGS if s.convert.__name__ in ("_path", "_command"))
ESCAPES = ["~", "~/.ssh", "/tmp/elsewhere", "..", "../sibling", "docs/../../up"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder that must stay untouched, with a dotfile and a private key."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text("# the user's own\n")
    (home / ".ssh" / "id_ed25519").write_text("PRIVATE KEY\n")
    monkeypatch.setenv("HOME", str(home))
    return home


def project(tmp_path: Path, table: str) -> Path:
    root = tmp_path / "cloned"
    root.mkdir()
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block("X")}))
    (root / "pyproject.toml").write_text(f"[tool.plating]\n{table}\n", encoding="utf-8")
    return root


def test_every_path_setting_is_a_known_path_key() -> None:
    assert {"output_dir", "cache_dir", "templates_dir", "schema", "terraform_binary"} <= set(
        PATH_KEYS
    )


@pytest.mark.parametrize("key", PATH_KEYS)
@pytest.mark.parametrize("escape", ESCAPES)
def test_a_project_file_path_out_of_the_project_is_refused(
    tmp_path: Path, key: str, escape: str
) -> None:
    root = project(tmp_path, f'{key} = "{escape}"')
    with pytest.raises(UsageError) as caught:
        resolve({}, environ={}, cwd=root)  # the project root found from the folder
    message = str(caught.value)
    assert str(root / "pyproject.toml") in message and key in message
    assert "inside the project" in message


@pytest.mark.parametrize("key", PATH_KEYS)
def test_the_same_paths_from_flags_and_environment_are_allowed(tmp_path: Path, key: str) -> None:
    root = project(tmp_path, "")
    elsewhere = tmp_path / "elsewhere"
    flag = resolve({key: elsewhere}, environ={}, cwd=root)
    assert flag.get(key) == elsewhere
    env_name = "PLATING_" + key.upper()
    env = resolve({}, environ={env_name: "../elsewhere"}, cwd=root)
    assert env.get(key) == elsewhere


def test_paths_inside_the_project_still_work(tmp_path: Path) -> None:
    root = project(tmp_path, 'output_dir = "site/docs"\ncache_dir = "./.cache"')
    settings = resolve({"project_root": root}, environ={}, cwd=root)
    assert settings.get("output_dir") == root / "site" / "docs"
    assert settings.get("cache_dir") == root / ".cache"


def test_a_link_leading_out_of_the_project_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, 'output_dir = "out/docs"')
    (tmp_path / "outside").mkdir()
    (root / "out").symlink_to(tmp_path / "outside")
    with pytest.raises(UsageError, match="symbolic link"):
        resolve({"project_root": root}, environ={}, cwd=root)


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ('output_dir = "~"', ".bashrc"),  # with templates/.bashrc: overwrote ~/.bashrc
        ('cache_dir = "~"', "CACHEDIR.TAG"),  # dropped CACHEDIR.TAG and .gitignore into ~
        ('templates_dir = "~/.ssh"', "id_ed25519"),  # copied private keys into docs/
    ],
)
def test_the_reviewed_escapes_change_nothing_at_home(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str], table: str, where: str
) -> None:
    root = project(tmp_path, table)
    (root / "templates").mkdir()
    (root / "templates" / ".bashrc").write_text("rm -rf / # from the cloned repository\n")
    before = tree(home)
    outcome = cli(capsys, "plate", "--project-root", str(root))
    assert_clean_error(outcome, (2,), "pyproject.toml", "inside the project")
    assert tree(home) == before
    assert not (root / "docs").exists()
    assert not list(root.rglob("id_ed25519")) and not (home / where).is_symlink()


def test_monorepo_project_roots_stay_inside(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = project(tmp_path, "")
    (root / "pyproject.toml").write_text(
        '[[tool.plating.providers]]\nprovider_name = "x"\nproject_root = "../../"\n'
        'schema = "schema.json"\n',
        encoding="utf-8",
    )
    outcome = cli(capsys, "plate", "--project-root", str(root))
    assert_clean_error(outcome, (2,), "project_root", "inside the project")


def test_validate_terraform_provider_dir_stays_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, "")
    (root / "pyproject.toml").write_text(
        '[tool.plating.validate]\nterraform_provider_dir = "~/bin"\n', encoding="utf-8"
    )
    (root / "docs").mkdir()
    outcome = cli(capsys, "validate", "--project-root", str(root), "--schema", "schema.json")
    assert_clean_error(outcome, (2,), "terraform_provider_dir", "inside the project")


def test_a_bare_program_name_is_looked_up_on_path_only_from_flags_and_environment(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, 'terraform_binary = "tofu"')
    from_file = resolve({}, environ={}, cwd=root)
    assert from_file.get("terraform_binary") == root / "tofu"  # a file names a path
    flag = resolve({"terraform_binary": "tofu"}, environ={}, cwd=root)
    assert flag.get("terraform_binary") == Path("tofu")  # a command on PATH
    env = resolve({}, environ={"PLATING_TERRAFORM_BINARY": "terraform"}, cwd=root)
    assert env.get("terraform_binary") == Path("terraform")


@pytest.mark.parametrize("escape", [".git", ".GIT/hooks", "sub/.git", "./.git/x"])
def test_a_project_file_path_into_the_git_folder_is_refused(tmp_path: Path, escape: str) -> None:
    root = project(tmp_path, f'output_dir = "{escape}"')
    with pytest.raises(UsageError, match=r"\.git folder") as caught:
        resolve({}, environ={}, cwd=root)
    assert "output_dir" in str(caught.value)


def test_a_link_into_the_git_folder_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, 'output_dir = "gitdir"')
    (root / ".git").mkdir()
    (root / "gitdir").symlink_to(root / ".git")
    with pytest.raises(UsageError, match=r"\.git folder"):
        resolve({}, environ={}, cwd=root)


def test_a_nul_character_in_a_path_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, 'output_dir = "docs\\u0000x"')
    outcome = cli(capsys, "plate", "--project-root", str(root))
    assert_clean_error(outcome, (2,), "output_dir", "NUL")


def test_a_cloned_repository_cannot_replace_its_git_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the docs folder at the project root (a project file may name "."), files under
    ``templates/.git/`` were copied over the repository's own ``.git/config``: a
    ``core.fsmonitor`` line there runs a command at the next `git status`. Hidden entries of
    ``templates/`` (that one, an editor's swap file, ``.DS_Store``) are not inputs."""
    root = project(tmp_path, 'output_dir = "."\nschema = "schema.json"')
    (root / ".git").mkdir()
    config = b"[core]\n\trepositoryformatversion = 0\n"
    (root / ".git" / "config").write_bytes(config)
    evil = "[core]\n\tfsmonitor = touch pwned\n"
    for relpath in (".git/config", ".git/hooks.md.tmpl", "resources/.DS_Store", ".notes.md"):
        (root / "templates" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / relpath).write_text(evil, encoding="utf-8")
    outcome = cli(capsys, "plate", "--project-root", str(root))
    assert outcome.code == 0, outcome.err
    assert (root / ".git" / "config").read_bytes() == config
    assert sorted(p.name for p in (root / ".git").iterdir()) == ["config"]
    assert (root / "resources" / "x.md").is_file()  # the pages themselves were written
    assert not (root / "resources" / ".DS_Store").exists()
    assert not (root / ".notes.md").exists()
