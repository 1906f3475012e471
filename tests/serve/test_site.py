"""Site: the pages of plate, in memory, re-rendered by what an edit affects."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from plating import Plating, PlatingContext
from plating.site import Site
from tests.factories import plate_project

RECIPE_TEMPLATE = "components/resources/recipe.plating/docs/kitchen_recipe.tmpl.md"


def _site(root: Path) -> Site[Plating]:
    context = PlatingContext(
        provider_name="kitchen", project_root=root, schema_path=root / "schema.json"
    )
    return asyncio.run(Plating(context).render_site())


def test_site_pages_are_plates_pages_byte_for_byte(demo_project: Path, tmp_path: Path) -> None:
    site = _site(demo_project)
    assert plate_project(demo_project, "--output-dir", str(tmp_path / "out")) == 0
    plated = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
        for p in (tmp_path / "out").rglob("*.md")
    }
    assert site.pages == plated
    assert site.errors == {} and site.problems == []
    assert site.short_name == "kitchen"


def test_template_edit_rerenders_only_its_page(demo_project: Path) -> None:
    site = _site(demo_project)
    before = dict(site.pages)
    template = demo_project / RECIPE_TEMPLATE
    template.write_text(template.read_text() + "\nA line added while previewing.\n")
    update = asyncio.run(site.update([template]))
    assert update.changed == ("resources/recipe.md",)
    assert update.rendered == 1
    assert b"A line added while previewing." in site.pages["resources/recipe.md"]
    assert {k: v for k, v in site.pages.items() if k != "resources/recipe.md"} == {
        k: v for k, v in before.items() if k != "resources/recipe.md"
    }


def test_example_edit_rerenders_the_default_page_that_shows_it(demo_project: Path) -> None:
    site = _site(demo_project)
    example = demo_project / "examples/resources/kitchen_pantry_item/resource.tf"
    example.write_text(example.read_text() + "\n# restocked weekly\n")
    update = asyncio.run(site.update([example]))
    assert update.changed == ("resources/pantry_item.md",)
    assert update.rendered == 1


def test_subcategory_change_rerenders_the_provider_page_listing(demo_project: Path) -> None:
    # The default provider page lists components by subcategory: use it, not the bundle's.
    (demo_project / "components/provider.plating/docs/kitchen.tmpl.md").unlink()
    site = _site(demo_project)
    assert b"Cooking" in site.pages["index.md"]
    template = demo_project / RECIPE_TEMPLATE
    text = template.read_text()
    template.write_text(text.replace('subcategory: "Cooking"', 'subcategory: "Baking"'))
    update = asyncio.run(site.update([template]))
    assert update.changed == ("index.md", "resources/recipe.md")
    assert update.rendered == 2
    assert b"Baking" in site.pages["index.md"]


def test_unrelated_file_renders_nothing(demo_project: Path) -> None:
    site = _site(demo_project)
    notes = demo_project / "NOTES.txt"
    notes.write_text("not an input\n")
    update = asyncio.run(site.update([notes]))
    assert not update.any and update.rendered == 0


def test_template_error_fails_its_page_only_and_recovers(demo_project: Path) -> None:
    site = _site(demo_project)
    template = demo_project / RECIPE_TEMPLATE
    good = template.read_text()
    template.write_text(good + "\n{{ no_such_name }}\n")
    update = asyncio.run(site.update([template]))
    assert update.changed == ("resources/recipe.md",)
    assert "resources/recipe.md" not in site.pages
    assert "no_such_name" in site.errors["resources/recipe.md"]
    assert "kitchen_recipe.tmpl.md" in site.errors["resources/recipe.md"]
    assert len(site.pages) == 9
    template.write_text(good)
    asyncio.run(site.update([template]))
    assert site.errors == {} and len(site.pages) == 10


def test_new_guide_and_removed_guide(demo_project: Path) -> None:
    site = _site(demo_project)
    guide = demo_project / "components/provider.plating/guides/upgrading.tmpl.md"
    guide.write_text('---\npage_title: "Upgrading"\n---\n\n# Upgrading\n')
    update = asyncio.run(site.update([guide]))
    assert update.changed == ("guides/upgrading.md",)
    guide.unlink()
    update = asyncio.run(site.update([guide]))
    assert update.removed == ("guides/upgrading.md",)
    assert "guides/upgrading.md" not in site.pages


def test_schema_edit_reloads_and_shows_the_new_description(demo_project: Path) -> None:
    site = _site(demo_project)
    schema_file = demo_project / "schema.json"
    document = json.loads(schema_file.read_text())
    resources = next(iter(document["provider_schemas"].values()))["resource_schemas"]
    resources["kitchen_pantry_item"]["block"]["description"] = "Stock kept in the pantry, fresh."
    schema_file.write_text(json.dumps(document))
    update = asyncio.run(site.update([schema_file]))
    assert update.reloaded
    assert "resources/pantry_item.md" in update.changed
    assert b"Stock kept in the pantry, fresh." in site.pages["resources/pantry_item.md"]
    assert "resources/recipe.md" not in update.changed


def test_hand_written_page_in_docs_wins_as_plate_keeps_it(demo_project: Path) -> None:
    docs = demo_project / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "guides" / "faq.md").write_text('---\npage_title: "FAQ"\n---\n\n# FAQ\n')
    (docs / "resources").mkdir()
    (docs / "resources" / "recipe.md").write_text("# My own recipe page\r\n")
    site = _site(demo_project)
    assert site.hand_written == {"guides/faq.md", "resources/recipe.md"}
    assert site.pages["resources/recipe.md"] == b"# My own recipe page\r\n"
    assert site.sources("guides/faq.md") == [docs.resolve() / "guides" / "faq.md"]
    # Editing it in place shows; a generated page there would not be kept.
    (docs / "guides" / "faq.md").write_text("# FAQ, edited\n")
    update = asyncio.run(site.update([docs / "guides" / "faq.md"]))
    assert update.changed == ("guides/faq.md",)


def test_plan_problem_is_reported_not_raised(demo_project: Path) -> None:
    second = demo_project / "guides"
    second.mkdir()
    (second / "getting-started.tmpl.md").write_text("# twice\n")
    site = _site(demo_project)
    assert site.problems and "getting-started" in site.problems[0]
    assert site.pages == {}


def test_site_plans_the_kinds_plate_would(demo_project: Path, tmp_path: Path) -> None:
    from plating.schema.kinds import ComponentType

    context = PlatingContext(
        provider_name="kitchen",
        project_root=demo_project,
        schema_path=demo_project / "schema.json",
        component_types=(ComponentType.RESOURCE,),
    )
    site = asyncio.run(Plating(context).render_site())
    out = tmp_path / "out"
    assert (
        plate_project(demo_project, "--output-dir", str(out), "--component-type", "resource") == 0
    )
    plated = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.md")}
    assert site.pages == plated
    assert sorted(site.pages) == ["resources/pantry_item.md", "resources/recipe.md"]


def test_a_broken_schema_save_keeps_the_pages_and_reports_it(demo_project: Path) -> None:
    site = _site(demo_project)
    pages = dict(site.pages)
    schema_file = demo_project / "schema.json"
    good = schema_file.read_text()
    schema_file.write_text(good[: len(good) // 2])  # saved half-way
    update = asyncio.run(site.update([schema_file]))
    assert update.any and update.problems_changed and update.changed == ()
    assert site.pages == pages
    assert len(site.problems) == 1 and "schema.json" in site.problems[0]
    schema_file.write_text(good)
    update = asyncio.run(site.update([schema_file]))
    assert update.problems_changed and site.problems == []
    assert site.pages == pages


def test_go_template_pages_rerender_on_their_template_and_the_files_they_read(
    demo_project: Path,
) -> None:
    snippet = demo_project / "snippets" / "pantry.tf"  # outside every input folder
    snippet.parent.mkdir()
    snippet.write_text('resource "kitchen_pantry_item" "flour" {}\n')
    template = demo_project / "templates" / "resources" / "pantry_item.md.tmpl"
    template.parent.mkdir(parents=True)
    template.write_text(
        '---\npage_title: "{{ .Name }}"\n---\n\n# {{ .Name }} from Go\n\n'
        '{{ tffile "snippets/pantry.tf" }}\n'
    )
    site = _site(demo_project)
    page = site.pages["resources/pantry_item.md"]
    assert page.startswith(b"---\n# generated by plating: copied from the templates")
    assert b'\npage_title: "kitchen_pantry_item"' in page
    assert b"# kitchen_pantry_item from Go" in page
    assert snippet in site.sources("resources/pantry_item.md")

    template.write_text(template.read_text().replace("from Go", "from a Go template"))
    update = asyncio.run(site.update([template]))
    assert (update.changed, update.rendered) == (("resources/pantry_item.md",), 1)
    assert b"from a Go template" in site.pages["resources/pantry_item.md"]

    snippet.write_text(snippet.read_text() + "\n# counted on Mondays\n")
    update = asyncio.run(site.update([snippet]))
    assert update.changed == ("resources/pantry_item.md",)
    assert b"# counted on Mondays" in site.pages["resources/pantry_item.md"]


def test_a_go_template_page_replaces_an_unmarked_file_as_plate_does(demo_project: Path) -> None:
    """plate writes a Go template's page over whatever is at its path (the template names
    it); the preview shows the fresh render, not the docs folder's older copy."""
    template = demo_project / "templates" / "resources" / "pantry_item.md.tmpl"
    template.parent.mkdir(parents=True)
    template.write_text("# {{ .Name }}, fresh\n")
    old = demo_project / "docs" / "resources" / "pantry_item.md"
    old.parent.mkdir(parents=True)
    old.write_text("# kitchen_pantry_item, as an older run wrote it\n")
    site = _site(demo_project)
    assert b"fresh" in site.pages["resources/pantry_item.md"]
    assert "resources/pantry_item.md" not in site.hand_written
    assert plate_project(demo_project) == 0
    assert old.read_bytes() == site.pages["resources/pantry_item.md"]


def test_unusable_settings_keep_the_last_good_ones_and_say_so(demo_project: Path) -> None:
    """pyproject.toml saved with a mistake: the pages stay those of the last good settings
    (not those serve started with), with the problem above them until a save fixes it."""
    from plating.cli import build_parser
    from plating.commands.serve import settings_reloader

    settings_file = demo_project / "pyproject.toml"
    original = settings_file.read_text()
    storage = '\n[tool.plating.subcategories]\n"kitchen_pantry*" = "Storage"\n'
    reload = settings_reloader(
        build_parser("serve").parse_args(["serve", "--project-root", str(demo_project)])
    )
    site = Site(reload(), reload=reload)
    asyncio.run(site.build())
    pantry = "resources/pantry_item.md"
    assert b'subcategory: ""' in site.pages[pantry]

    settings_file.write_text(original + storage)
    asyncio.run(site.update([settings_file]))
    assert b'subcategory: "Storage"' in site.pages[pantry]

    settings_file.write_text(original.replace("[tool.plating]\n", "[tool.plating]\nbogus = 1\n"))
    update = asyncio.run(site.update([settings_file]))
    assert update.problems_changed and "bogus" in site.problems[0]
    assert b'subcategory: "Storage"' in site.pages[pantry]  # the last good settings' page

    # An edit elsewhere while the settings are unusable: the problem stays shown.
    template = demo_project / RECIPE_TEMPLATE
    template.write_text(template.read_text() + "\nEdited while the settings were broken.\n")
    asyncio.run(site.update([template]))
    assert site.problems and "bogus" in site.problems[0]

    settings_file.write_text(original)
    update = asyncio.run(site.update([settings_file]))
    assert update.problems_changed and site.problems == []
    assert b'subcategory: ""' in site.pages[pantry]
    assert b"Edited while the settings were broken." in site.pages["resources/recipe.md"]
