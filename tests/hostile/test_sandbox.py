"""Templates run sandboxed: no Python internals, no files, no environment beyond the globals.

Every template below tries to reach something it must not. The run either fails with a clear
error naming the template (exit 1, nothing written) or renders nothing dangerous; the secret
file beside the project and the secret environment variable never show up in a page.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from plating import __version__
from tests.factories import add_bundle, resource_block, schema_document, write_schema
from tests.hostile.helpers import assert_clean_error, cli, plate_args, tree

SECRET = "TOP-SECRET-7f3a"

#: (template, what the error must say). ``None``: the template may render, harmlessly.
ESCAPES: list[tuple[str, str | None]] = [
    ("{{ ''.__class__.__mro__ }}", "unsafe"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ (1).__class__.__base__ }}", "unsafe"),
    ("{{ cycler.__init__.__globals__ }}", "unsafe"),
    ("{{ joiner.__init__.__globals__.os.environ }}", "unsafe"),
    ("{{ lipsum.__globals__['os'].environ }}", "unsafe"),
    ("{{ namespace.__init__.__globals__ }}", "unsafe"),
    ("{{ self._TemplateReference__context }}", "unsafe"),
    ("{{ self.__dict__ }}", "unsafe"),
    ("{{ example.__globals__ }}", "unsafe"),
    ("{{ render.__closure__ }}", "unsafe"),
    ("{{ include.__code__.co_consts }}", "unsafe"),
    ("{{ schema.__self__ }}", "no attribute '__self__'"),
    ("{{ name|attr('__class__') }}", "unsafe"),
    ("{{ '{0.__class__.__init__.__globals__}'.format(example) }}", "unsafe"),
    ("{{ examples.update({'x': 1}) }}", "unsafe"),
    ("{{ examples.pop('basic') }}", "unsafe"),
    ("{% for k in range(2) %}{{ loop.__class__ }}{% endfor %}", "unsafe"),
    ("{{ range(10**9)|list|length }}", "MAX_RANGE"),
    ("{{ config }}", "'config' is undefined"),
    ("{{ environ }}", "'environ' is undefined"),
    ("{{ request }}", "'request' is undefined"),
    ("{{ os.environ }}", "'os' is undefined"),
    ("{{ __builtins__ }}", "undefined"),
    ("{% include '/etc/passwd' %}", "cannot load '/etc/passwd'"),
    ("{% include '../secret.txt' %}", "cannot load '../secret.txt'"),
    ("{% import '/etc/hostname' as h %}", "cannot load '/etc/hostname'"),
    ("{% from '/etc/hostname' import x %}", "cannot load '/etc/hostname'"),
    ("{% extends 'SECRET_PATH' %}", "cannot load"),
    ("{{ example('../../etc/passwd') }}", "names no example"),
    ("{{ example('/etc/hostname') }}", "names no example"),
    ("{{ example('SECRET_PATH') }}", "names no example"),
    ("{{ include('../secret') }}", "no partial '../secret'"),
    ("{{ include('../../secret.txt') }}", "no partial"),
    ("{{ include('SECRET_PATH') }}", "no partial"),
    ("{{ render('/etc/passwd') }}", "no partial '/etc/passwd'"),
    ("{{ render('../docs/demo_thing.tmpl.md') }}", "no partial"),
    ("{{ [example]|map(attribute='__globals__')|list }}", None),
    ("{{ name|format }}{{ '%s'|format(provider_name) }}", None),
]


def _project(root: Path, template: str) -> Path:
    """A project with one bundled resource; a secret file sits beside the project root."""
    secret_file = root.parent / "secret.txt"
    secret_file.write_text(SECRET + "\n")
    write_schema(root / "schema.json", schema_document(resources={"demo_thing": resource_block()}))
    template = template.replace("SECRET_PATH", str(secret_file))
    add_bundle(root, "resources", "demo_thing", template, basic='resource "demo_thing" "x" {}')
    return secret_file


@pytest.mark.parametrize(("template", "expected"), ESCAPES, ids=[t for t, _ in ESCAPES])
def test_template_cannot_escape_the_sandbox(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    expected: str | None,
) -> None:
    monkeypatch.setenv("PLATING_HOSTILE_SECRET", SECRET)
    root = tmp_path / "project"
    root.mkdir()
    _project(root, template)
    outcome = cli(capsys, *plate_args(root))
    pages = tree(root / "docs")
    for content in pages.values():
        assert SECRET.encode() not in content
        assert b"/root:" not in content and b"root:x:0:0" not in content
    assert SECRET not in outcome.out + outcome.err
    if expected is None:
        assert outcome.code == 0, outcome.err
        return
    template_file = root / "resources/demo_thing.plating/docs/demo_thing.tmpl.md"
    assert_clean_error(outcome, (1,), str(template_file), expected)
    assert pages == {}, "a failed run writes nothing"


def test_templates_cannot_write_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No template construct opens files: the globals and filters are all there is."""
    root = tmp_path / "project"
    root.mkdir()
    target = tmp_path / "written.txt"
    template = (
        "{% set f = namespace() %}"
        "{{ (self|attr('_TemplateReference__context')).environment.loader }}"
        f"{{{{ example('x').__class__('{target}') }}}}"
    )
    _project(root, template)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), "unsafe")
    assert not target.exists()


class _Payload:
    """Unpickling this runs ``os.mkdir(marker)``: proof that a cache file ran code."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (self.marker,))


def _poison(folder: Path, template: Path, marker: Path) -> None:
    """A Jinja bytecode-cache file for ``template`` that runs code when loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    key = cache.get_cache_key(str(template), str(template))
    data = jinja2.bccache.bc_magic + pickle.dumps(_Payload(str(marker)))
    (folder / f"__jinja2_{key}.cache").write_bytes(data)


def test_cache_files_in_the_project_cannot_run_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository can ship anything under .plating-cache/: compiled templates (code) must
    not be loaded from there, or a cloned repository would run code outside the sandbox."""
    root = tmp_path / "project"
    root.mkdir()
    _project(root, "# {{ name }}\n\n{{ schema() }}\n")
    template = root / "resources/demo_thing.plating/docs/demo_thing.tmpl.md"
    marker = tmp_path / "code-ran"
    cache_root = root / ".plating-cache"
    for folder in (cache_root, cache_root / f"jinja-{__version__}-{jinja2.__version__}"):
        _poison(folder, template.resolve(), marker)
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    assert not marker.exists(), "a cache file shipped with the project ran code"
    assert "# demo_thing" in (root / "docs/resources/thing.md").read_text()
