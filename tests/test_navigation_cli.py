"""`plate --mkdocs`, `plate --generate-examples` and project-level guides, end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plating.cli import main
from plating.hcl import parse
from tests.factories import plate_project
from tests.terraform_cli import terraform_cli

USER_MKDOCS = """\
# my site: keep this comment
site_name: Kitchen docs   # and this one
docs_dir: docs
theme:
  name: material
extra:
  analytics: none
nav:
  - About us: index.md   # user entry before
"""


def test_mkdocs_nav_keeps_user_file_and_builds_strict(demo_project: Path) -> None:
    (demo_project / "mkdocs.yml").write_text(USER_MKDOCS)
    assert plate_project(demo_project, "--mkdocs") == 0
    text = (demo_project / "mkdocs.yml").read_text()
    for line in USER_MKDOCS.splitlines():
        assert line in text
    assert "resources/recipe.md" in text and "guides/getting-started.md" in text
    assert plate_project(demo_project, "--mkdocs") == 0
    assert (demo_project / "mkdocs.yml").read_text() == text  # idempotent
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(demo_project / "mkdocs.yml"),
            "-d",
            str(demo_project / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert (demo_project / "site/resources/recipe/index.html").is_file()


def test_mkdocs_file_created_when_missing(demo_project: Path) -> None:
    assert plate_project(demo_project, "--mkdocs") == 0
    text = (demo_project / "mkdocs.yml").read_text()
    assert "site_name" in text and "index.md" in text


def test_generated_example_folders_parse_validate_and_format(demo_project: Path) -> None:
    out = demo_project / "runnable"
    assert plate_project(demo_project, "--generate-examples", "--examples-output", str(out)) == 0
    folders = sorted({p.parent for p in out.rglob("*.tf")})
    assert folders, "no example folder generated"
    for path in sorted(out.rglob("*.tf")):
        parse(path.read_text(), str(path))
    assert (out / "resource/kitchen_recipe/provider.tf").is_file()
    assert 'source = "acme/kitchen"' in (out / "resource/kitchen_recipe/provider.tf").read_text()
    # The generated folders are checked as examples of this provider.
    assert (
        main(
            [
                "validate",
                "--project-root",
                str(demo_project),
                "--schema",
                str(demo_project / "schema.json"),
                "--examples-dir",
                str(out),
            ]
        )
        == 0
    )
    fmt = subprocess.run(
        [terraform_cli(), "fmt", "-check", "-recursive", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_project_guides_folder_renders_with_examples_and_partials(demo_project: Path) -> None:
    guides = demo_project / "guides"
    (guides / "examples").mkdir(parents=True)
    (guides / "examples/menu.tf").write_text('data "kitchen_menu" "all" {}\n')
    (guides / "_tip.md").write_text("Tip for {{ provider_name }}.\n")
    (guides / "menus.tmpl.md").write_text(
        '---\npage_title: "Menus"\nsubcategory: "Guides"\n---\n\n# Menus\n\n'
        '{{ example("menu") }}\n\n{{ render("_tip.md") }}\n'
    )
    assert plate_project(demo_project) == 0
    page = (demo_project / "docs/guides/menus.md").read_text()
    assert 'data "kitchen_menu" "all" {}' in page
    assert "Tip for kitchen." in page


def test_old_style_plain_markdown_guides_are_published(demo_project: Path) -> None:
    # The older layout: plain Markdown under plating/guides/, given as the guides folder.
    guides = demo_project / "plating" / "guides"
    guides.mkdir(parents=True)
    (guides / "first-steps.md").write_text(
        '---\npage_title: "First steps"\nsubcategory: "Guides"\n---\n\n'
        "# First steps\n\nUse {{ provider_name }}.\n"
    )
    (guides / "both.md").write_text('---\npage_title: "Old"\n---\n\n# Old\n')
    (guides / "both.tmpl.md").write_text('---\npage_title: "New"\n---\n\n# New\n')
    (guides / "README.md").write_text("# What this folder holds\n")
    (guides / "_partial.md").write_text("a partial\n")
    # Hidden files are never pages (a macOS copy's "._" twin, an editor's backup).
    (guides / "._first-steps.md").write_bytes(b"\x00\x05\x16\x07")
    (guides / ".draft.tmpl.md").write_text('---\npage_title: "Draft"\n---\n')
    args = ["--quiet", "--project-root", str(demo_project), "--guides-dir", str(guides)]
    assert main(["plate", *args]) == 0
    out = demo_project / "docs/guides"
    published = sorted(p.name for p in out.iterdir())
    assert published == ["both.md", "first-steps.md", "getting-started.md"]
    assert "Use kitchen." in (out / "first-steps.md").read_text()
    assert "# New" in (out / "both.md").read_text()


GO_GUIDE = (
    '---\npage_title: "Moving house"\nsubcategory: "Guides"\n---\n\n'
    '# Moving house\n\n{{ "from tfplugindocs" | upper }}\n\n{{ tffile "examples/move.tf" }}\n'
)


@pytest.mark.parametrize("folder", ["guides", "docs-src/guides"])
def test_a_guide_in_tfplugindocs_naming_renders_as_tfplugindocs_renders_it(
    demo_project: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``<name>.md.tmpl`` in the guides folder (tfplugindocs' naming of a guide template)
    is a page, the one the same template gives in ``templates/guides/``."""
    (demo_project / "examples/move.tf").write_text('data "kitchen_menu" "moved" {}\n')
    in_templates = demo_project / "templates/guides/moving.md.tmpl"
    in_templates.parent.mkdir(parents=True)
    in_templates.write_text(GO_GUIDE)
    args = ["--quiet", "--project-root", str(demo_project)]
    assert main(["plate", *args]) == 0, capsys.readouterr().err
    page = demo_project / "docs/guides/moving.md"
    from_templates = page.read_bytes()
    in_templates.unlink()
    guides = demo_project / folder
    guides.mkdir(parents=True, exist_ok=True)
    (guides / "moving.md.tmpl").write_text(GO_GUIDE)
    if folder != "guides":
        args += ["--guides-dir", str(guides)]
    assert main(["plate", *args]) == 0, capsys.readouterr().err
    assert page.read_bytes() == from_templates
    assert b"FROM TFPLUGINDOCS" in from_templates and b'"moved" {}' in from_templates
    assert main(["validate", "--project-root", str(demo_project)]) == 0, capsys.readouterr().out
    (guides / "moving.md.tmpl").unlink()
    assert main(["plate", *args]) == 0
    assert not page.exists()  # plating's page: removed with its template


def test_a_go_guide_in_a_bundle_is_named_in_a_warning_not_skipped_silently(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bundle's guides are Jinja; a `.md.tmpl` there (tfplugindocs' naming) is not used,
    and the warning says how to use it."""
    guide = demo_project / "components/provider.plating/guides/migrating.md.tmpl"
    guide.write_text('---\npage_title: "Migrating"\n---\n\n# {{ .ProviderName }}\n')
    argv = ["plate", "--project-root", str(demo_project)]
    assert main([*argv, "--schema", str(demo_project / "schema.json")]) == 0
    err = capsys.readouterr().err
    assert f"{guide}: a Go template" in err
    assert "rename it migrating.tmpl.md" in err
    assert not (demo_project / "docs/guides/migrating.md").exists()
    assert (demo_project / "docs/guides/getting-started.md").is_file()


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("templates/guides/moving.md.tmpl", "renders the same page, docs/guides/moving.md"),
        ("guides/moving.tmpl.md", "a second guide named 'moving'"),
    ],
)
def test_a_go_guide_and_another_of_the_same_name_stop_the_run(
    demo_project: Path, other: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo_project / "guides").mkdir(exist_ok=True)
    (demo_project / "guides/moving.md.tmpl").write_text("# Go\n")
    (demo_project / other).parent.mkdir(parents=True, exist_ok=True)
    (demo_project / other).write_text("# Other\n")
    assert main(["plate", "--quiet", "--project-root", str(demo_project)]) == 1
    err = capsys.readouterr().err
    assert message in err and "moving" in err
    assert not (demo_project / "docs/guides/moving.md").exists()


HAND_WRITTEN_NAV = """\
site_name: Kitchen
docs_dir: docs
nav:
  - Home: index.md
  - Cooking:
      - Recipes: ./resources/recipe.md
      - The menu: data-sources/menu.md
  - guides/getting-started.md
  - Elsewhere: https://example.com/kitchen
"""


def _nav_pages(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.removeprefix("./")]
    if isinstance(value, list):
        return [page for item in value for page in _nav_pages(item)]
    if isinstance(value, dict):
        return [page for item in value.values() for page in _nav_pages(item)]
    return []


def test_mkdocs_keeps_pages_the_users_nav_already_lists_where_they_are(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    (demo_project / "mkdocs.yml").write_text(HAND_WRITTEN_NAV)
    assert main(["plate", "--project-root", str(demo_project), "--mkdocs"]) == 0
    out = capsys.readouterr().out + capsys.readouterr().err
    assert "4 pages your nav already lists stay where you put them" in out
    text = (demo_project / "mkdocs.yml").read_text()
    assert text.startswith(HAND_WRITTEN_NAV)  # the user's entries, untouched
    pages = _nav_pages(yaml.safe_load(text)["nav"])
    assert len(pages) == len(set(pages)), "a page is listed twice"
    docs = demo_project / "docs"
    plated = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert plated <= set(pages)  # every page is listed, the user's once, the rest by plating
    assert "resources/pantry_item.md" in pages
    assert main(["plate", "--project-root", str(demo_project), "--mkdocs"]) == 0
    assert (demo_project / "mkdocs.yml").read_text() == text
