"""What `plate` writes beside the pages, and what `--check` covers (issue 20, items 5-7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plating.cli import main
from plating.ownership import mark_static
from tests.factories import add_bundle, plate_project


def _plate_loud(root: Path, *extra: str) -> int:
    """`plating plate` without --quiet: warnings and the summary are printed."""
    return main(
        ["plate", "--project-root", str(root), "--schema", str(root / "schema.json"), *extra]
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_runnable_examples_get_a_folder_of_their_own(demo_project: Path) -> None:
    examples_before = _tree(demo_project / "examples")
    assert plate_project(demo_project, "--generate-examples") == 0
    runnable = demo_project / "runnable-examples"
    assert (runnable / "resource/kitchen_recipe/main.tf").is_file()
    assert _tree(demo_project / "examples") == examples_before  # tfplugindocs' input folder


def test_check_reports_a_nav_that_would_change(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    capsys.readouterr()
    assert plate_project(demo_project, "--check", "--mkdocs") == 1  # no mkdocs.yml yet
    out, err = capsys.readouterr()
    assert f"would create {demo_project / 'mkdocs.yml'}" in out
    assert "0 pages and 1 other file out of date" in err
    assert not (demo_project / "mkdocs.yml").exists()
    assert plate_project(demo_project, "--mkdocs") == 0
    assert plate_project(demo_project, "--check", "--mkdocs") == 0
    mkdocs = demo_project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("resources/recipe.md", "resources/gone.md"))
    edited = mkdocs.read_bytes()
    capsys.readouterr()
    assert plate_project(demo_project, "--check", "--mkdocs") == 1
    assert f"would change {mkdocs}" in capsys.readouterr().out
    assert mkdocs.read_bytes() == edited


def test_check_reports_runnable_examples_that_would_change(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = demo_project / "runnable"
    args = ("--generate-examples", "--examples-output", str(out))
    assert plate_project(demo_project, *args) == 0
    assert plate_project(demo_project, "--check", *args) == 0
    main_tf = out / "resource/kitchen_recipe/main.tf"
    main_tf.write_text(main_tf.read_text() + "# edited\n")
    readme = out / "resource/kitchen_recipe/README.md"
    readme.unlink()
    before = _tree(out)
    capsys.readouterr()
    assert plate_project(demo_project, "--check", *args) == 1
    printed = capsys.readouterr().out
    assert f"would change {main_tf}" in printed
    assert f"would create {readme}" in printed
    assert _tree(out) == before  # --check wrote nothing


def test_diff_without_check_is_refused(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project, "--diff") == 2
    assert "use --check --diff" in capsys.readouterr().err
    assert not (demo_project / "docs").exists()


def test_exclude_warns_about_patterns_that_match_nothing_and_not_about_excluded_templates(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    assert (demo_project / "docs/resources/recipe.md").is_file()
    capsys.readouterr()
    code = _plate_loud(
        demo_project, "--exclude", "kitchen_recipe", "--exclude", "kitchen_nothing_*"
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "exclude pattern 'kitchen_nothing_*' matches no component of the schema" in err
    assert "recipe" not in err  # its bundle template is unused on purpose
    # As tfplugindocs does: the excluded component's generated page is removed.
    assert not (demo_project / "docs/resources/recipe.md").exists()
    assert (demo_project / "docs/resources/pantry_item.md").is_file()


def test_a_template_of_an_unknown_component_is_still_reported(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_bundle(demo_project / "components", "resources", "kitchen_oven", "# {{ name }}\n")
    assert _plate_loud(demo_project, "--exclude", "kitchen_recipe") == 0
    assert "no component named 'kitchen_oven'" in capsys.readouterr().err


def test_counts_are_worded_in_the_singular_for_one(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plate_loud(demo_project, "--component-type", "provider") == 0
    captured = capsys.readouterr()
    assert "plated 1 page into" in captured.err + captured.out
    shutil.rmtree(demo_project / "examples" / "actions")  # one component left undocumented
    assert main(["adorn", "--project-root", str(demo_project), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "adorn: would create 1 template and 1 example," in out


def test_a_legacy_static_page_is_copied_with_a_warning_and_keeps_the_registry_page(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plate_project(demo_project) == 0
    registry_page = demo_project / "docs/data-sources/menu.md"
    generated = registry_page.read_bytes()
    legacy = demo_project / "templates/d/menu.md"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("---\npage_title: menu\n---\n\n# Menu, by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert _plate_loud(demo_project) == 0
    err = capsys.readouterr().err
    assert f"{legacy}: a legacy d/ page, copied to docs/d/menu.md" in err
    assert "docs/data-sources/menu.md is kept and still generated" in err
    assert f"move the file to {demo_project / 'templates/data-sources/menu.md'}" in err
    # The copy, with the marker line plate adds so that it can go with its source.
    assert (demo_project / "docs/d/menu.md").read_bytes() == mark_static(
        "d/menu.md", legacy.read_bytes()
    )
    assert registry_page.read_bytes() == generated  # never deleted for the legacy page


def test_a_legacy_static_page_replaces_the_page_from_scratch_as_in_tfplugindocs(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = demo_project / "templates/d/menu.md"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("---\npage_title: menu\n---\n\n# Menu, by hand\n", encoding="utf-8")
    assert _plate_loud(demo_project) == 0
    err = capsys.readouterr().err
    assert "it replaces the generated docs/data-sources/menu.md, as in tfplugindocs" in err
    assert (demo_project / "docs/d/menu.md").is_file()
    assert not (demo_project / "docs/data-sources/menu.md").exists()
