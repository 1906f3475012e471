"""Property: after any sequence of edits, each followed by `plate`, the docs are settled.

Edits touch everything a page depends on: the schema (descriptions, components added and
removed), bundle templates, tfplugindocs Go templates, conventional examples, static pages
(in kind folders, at the root, deep under ``cdktf/``, with and without front matter),
settings in ``pyproject.toml``, and the docs folder itself (pages deleted, edited,
converted to CRLF, hand-written pages added). After every `plate` (which may answer from its stamp):

- `plate --check` (a full run: it never reads the stamp) reports no drift, and the same
  warnings and kept pages as the `plate` it follows (the stamp replays what the full run
  says);
- the only pages kept as hand-written are those the edits wrote by hand (a page plating
  wrote stays plating's, whatever its line endings or the size of its front matter);
- at the end, with the stamp removed (a fresh CI clone), `plate --check` reports no drift
  either.

Budget: ``PLATING_FUZZ_SCALE`` times the CI number of sequences (``make fuzz``).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating import Plating, PlatingContext
from plating.results import PlateResult
from tests.hostile.helpers import scaled

WORDS = st.text(alphabet="abc xyz\n", min_size=0, max_size=12)
RESOURCES = ("demo_alpha", "demo_beta", "demo_gamma")
DOCS_PATHS = (
    "index.md",
    "resources/alpha.md",
    "resources/beta.md",
    "resources/gamma.md",
    "notes.md",
    "cdktf/python/r/alpha.md",
    "resources/extra.md",
    "guides/extra.md",
)

EDITS = st.one_of(
    st.tuples(st.just("describe"), st.sampled_from(RESOURCES), WORDS),
    st.tuples(st.just("drop_component"), st.sampled_from(RESOURCES), st.just("")),
    st.tuples(st.just("template"), st.sampled_from(RESOURCES), WORDS),
    st.tuples(st.just("drop_template"), st.sampled_from(RESOURCES), st.just("")),
    st.tuples(st.just("go_template"), st.sampled_from(RESOURCES), WORDS),
    st.tuples(st.just("drop_go_template"), st.sampled_from(RESOURCES), st.just("")),
    st.tuples(st.just("example"), st.sampled_from(RESOURCES), WORDS),
    st.tuples(st.just("drop_example"), st.sampled_from(RESOURCES), st.just("")),
    st.tuples(
        st.just("static"),
        st.sampled_from(["notes.md", "resources/gamma.md", "cdktf/python/r/alpha.md"]),
        st.tuples(st.booleans(), WORDS).map(lambda t: ("---\npage_title: s\n---\n" * t[0]) + t[1]),
    ),
    st.tuples(
        st.just("drop_static"),
        st.sampled_from(["notes.md", "resources/gamma.md", "cdktf/python/r/alpha.md"]),
        st.just(""),
    ),
    st.tuples(
        st.just("settings"),
        st.sampled_from(["", "exclude", "subcategory", "rendered", "kinds"]),
        st.just(""),
    ),
    st.tuples(st.just("delete_page"), st.sampled_from(DOCS_PATHS), st.just("")),
    st.tuples(st.just("edit_page"), st.sampled_from(DOCS_PATHS), WORDS),
    st.tuples(st.just("crlf_page"), st.sampled_from(DOCS_PATHS), st.just("")),
    st.tuples(st.just("hand_written"), st.sampled_from(DOCS_PATHS), WORDS),
)

SETTINGS = {
    "": "",
    "exclude": 'exclude = ["demo_beta"]\n',
    "subcategory": '[tool.plating.subcategories]\n"demo_a*" = "Alphas"\n',
    "rendered": 'rendered_provider_name = "Demo Cloud"\n',
    "kinds": 'component_types = ["resource"]\n',
}


class Project:
    """A small schema-file project whose inputs the edits change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.descriptions = {name: f"The {name}." for name in RESOURCES}
        self.hand_written: set[str] = set()
        self.write_schema()
        self.write_settings("")

    def write_schema(self) -> None:
        resources = {
            name: {
                "version": 0,
                "block": {
                    "attributes": {"name": {"type": "string", "required": True}},
                    "description": text,
                },
            }
            for name, text in self.descriptions.items()
        }
        document = {
            "format_version": "1.0",
            "provider_schemas": {
                "registry.terraform.io/acme/demo": {
                    "provider": {"version": 0, "block": {"description": "Demo."}},
                    "resource_schemas": resources,
                }
            },
        }
        (self.root / "schema.json").write_text(json.dumps(document), encoding="utf-8")

    def write_settings(self, key: str) -> None:
        table = SETTINGS[key]
        main, _sep, sub = table.partition("[tool.plating.subcategories]")
        text = '[tool.plating]\nschema = "schema.json"\n' + main
        if sub:
            text += "[tool.plating.subcategories]" + sub
        (self.root / "pyproject.toml").write_text(text, encoding="utf-8")

    def apply(self, edit: tuple[str, str, str]) -> None:
        what, target, text = edit
        root = self.root
        bundle = root / "plating" / "resources" / f"{target}.plating"
        example = root / "examples" / "resources" / target / "resource.tf"
        docs = root / "docs" / target
        go_template = root / "templates" / "resources" / f"{target.removeprefix('demo_')}.md.tmpl"
        if what == "describe":
            self.descriptions[target] = text
            self.write_schema()
        elif what == "drop_component":
            self.descriptions.pop(target, None)
            self.write_schema()
        elif what == "template":
            write(bundle / "docs" / f"{target}.tmpl.md", "# {{ name }}\n\n" + text + "\n")
        elif what == "drop_template":
            shutil.rmtree(bundle, ignore_errors=True)
        elif what == "go_template":
            write(go_template, "{{ .Name }}: " + text + "\n")
        elif what == "drop_go_template":
            go_template.unlink(missing_ok=True)
        elif what == "example":
            write(example, f'resource "{target}" "x" {{\n  name = "{text.strip()}"\n}}\n')
        elif what == "drop_example":
            example.unlink(missing_ok=True)
        elif what == "static":
            write(root / "templates" / target, text)
        elif what == "drop_static":
            (root / "templates" / target).unlink(missing_ok=True)
        elif what == "settings":
            self.write_settings(target)
        elif what == "delete_page":
            docs.unlink(missing_ok=True)
            self.hand_written.discard(target)
        elif what == "edit_page" and docs.is_file():
            docs.write_bytes(docs.read_bytes() + text.encode())
        elif what == "crlf_page" and docs.is_file():
            docs.write_bytes(docs.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        elif what == "hand_written":
            write(docs, f"---\npage_title: mine\n---\n\n{text}\n")
            self.hand_written.add(target)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def plate(root: Path, *, check: bool = False) -> PlateResult:
    return asyncio.run(Plating(PlatingContext(project_root=root)).plate(check=check))


def summary(result: PlateResult) -> dict[str, Any]:
    return {"warnings": sorted(result.warnings), "kept": sorted(result.kept)}


@settings(
    max_examples=scaled(50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(EDITS, min_size=1, max_size=8))
def test_plate_and_check_never_disagree(edits: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = Project(root)
        first = plate(root)
        assert first.errors == [], first.errors
        for edit in edits:
            project.apply(edit)
            done = plate(root)
            assert done.errors == [], (edit, done.errors)
            full = plate(root, check=True)
            assert full.drift == [], (edit, full.drift)
            assert summary(full) == summary(done), edit
            assert set(done.kept) <= project.hand_written, (edit, done.kept)
        stamps = root / ".plating-cache" / "stamps"
        shutil.rmtree(stamps, ignore_errors=True)  # a fresh clone in CI
        assert plate(root, check=True).drift == []
        again = plate(root)
        assert again.written == [] and again.removed == []
