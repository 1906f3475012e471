"""The preview in a real browser (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

import base64
import contextlib
import json
from pathlib import Path
from typing import Any

from plating.serve.nav import page_url
from plating.serve.server import PreviewServer
from tests.factories import plate_project
from tests.serve.conftest import Chromium, running_preview

RECIPE_TEMPLATE = "components/resources/recipe.plating/docs/kitchen_recipe.tmpl.md"


def _url(server: PreviewServer, path: str) -> str:
    return server.url.rstrip("/") + path


def test_navigation_lists_every_page(
    demo_project: Path, chromium: Chromium, tmp_path: Path
) -> None:
    assert plate_project(demo_project, "--output-dir", str(tmp_path / "plated")) == 0
    plated = {
        page_url(p.relative_to(tmp_path / "plated").as_posix())
        for p in (tmp_path / "plated").rglob("*.md")
    }
    assert len(plated) == 10

    def steps(page: Any) -> tuple[list[str], list[str]]:
        page.goto(_url(server, "/"))
        links = page.eval_on_selector_all("#nav-tree a.nav-link", "els => els.map(e => e.pathname)")
        page.fill("#nav-filter", "pantry")  # the filter box narrows the list by name
        visible = page.eval_on_selector_all(
            "#nav-tree li:not(.hidden) a.nav-link", "els => els.map(e => e.textContent.trim())"
        )
        return links, visible

    with running_preview(demo_project) as server:
        links, visible = chromium.run(steps)
    assert sorted(links) == sorted(plated)
    assert visible == ["kitchen_pantry_item"]


def test_nested_schema_anchor_scrolls_to_its_target(
    preview: PreviewServer, chromium: Chromium
) -> None:
    target = "document.getElementById('nestedblock--step--timer').getBoundingClientRect().top"

    def steps(page: Any) -> tuple[int, str, float, float]:
        page.goto(_url(preview, "/docs/resources/recipe"))
        before = page.evaluate("window.scrollY")
        page.click('article a[href="#nestedblock--step--timer"]')
        # Predicates as functions: an expression string would be eval'd by the polling,
        # which the preview's Content-Security-Policy (rightly) forbids.
        page.wait_for_function("() => window.scrollY > 0")
        # Under load the scroll and the first layout may still be settling: wait (bounded)
        # until the target has reached the top of the window, then measure it.
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"() => {{ const t = {target}; return t >= 0 && t < 150; }}")
        top = page.evaluate(target)
        # The page refreshes itself when its findings arrive: the target stays in place.
        page.wait_for_function("() => !document.querySelector('.pending')", timeout=30_000)
        page.wait_for_timeout(100)
        return before, page.evaluate("location.hash"), top, page.evaluate(target)

    before, hash_, top, after_refresh = chromium.run(steps)
    assert before == 0
    assert hash_ == "#nestedblock--step--timer"
    assert 0 <= top < 150  # at the top of the window, below the sticky bar
    assert abs(after_refresh - top) < 2


def test_editing_a_template_updates_the_open_page(demo_project: Path, chromium: Chromium) -> None:
    template = demo_project / RECIPE_TEMPLATE

    def steps(page: Any) -> tuple[bool, int, int]:
        page.goto(_url(server, "/docs/resources/recipe"))
        page.evaluate("window.__notReloaded = true")
        version = int(page.evaluate("document.documentElement.dataset.version"))
        template.write_text(template.read_text() + "\nFreshly edited while previewing.\n")
        page.wait_for_selector("text=Freshly edited while previewing.", timeout=15_000)
        after = int(page.evaluate("document.documentElement.dataset.version"))
        return page.evaluate("window.__notReloaded"), version, after

    with running_preview(demo_project) as server:
        not_reloaded, version, after = chromium.run(steps)
    assert not_reloaded is True  # the page updated itself: no navigation happened
    assert after > version


def test_hostile_description_does_not_execute(demo_project: Path, chromium: Chromium) -> None:
    schema_file = demo_project / "schema.json"
    document = json.loads(schema_file.read_text())
    resources = next(iter(document["provider_schemas"].values()))["resource_schemas"]
    resources["kitchen_pantry_item"]["block"]["description"] = (
        'Pantry stock. <script>window.__pwned = "script"</script>'
        '<img src="x" onerror="window.__pwned = \'onerror\'">'
        '<a href="javascript:window.__pwned = \'link\'" id="bad-link">click me</a>'
    )
    schema_file.write_text(json.dumps(document))

    def steps(page: Any) -> dict[str, Any]:
        page.goto(_url(server, "/docs/resources/pantry_item"))
        page.wait_for_load_state("load")
        if page.locator("#bad-link").count():
            page.click("#bad-link")  # a javascript: link, had it survived, would run now
        page.wait_for_timeout(200)
        return {
            "text": page.locator("article").inner_text(),
            "pwned": page.evaluate("window.__pwned"),
            "scripts": page.locator("article script").count(),
            "handlers": page.locator("article [onerror]").count(),
            "js_links": page.locator('article a[href^="javascript"]').count(),
        }

    with running_preview(demo_project) as server:
        seen = chromium.run(steps)
    assert seen["text"].startswith("kitchen_pantry_item") and "Pantry stock." in seen["text"]
    assert seen["pwned"] is None
    assert (seen["scripts"], seen["handlers"], seen["js_links"]) == (0, 0, 0)


def test_path_traversal_is_refused_to_the_browser(
    preview: PreviewServer, chromium: Chromium
) -> None:
    # The browser resolves "..", even encoded as %2e%2e, before sending: what arrives is a
    # path outside the docs (not found). An encoded "/" reaches the server and is refused.
    cases = (
        ("/docs/%2e%2e/%2e%2e/schema.json", 404),
        ("/docs/..%2f..%2fschema.json", 400),
        ("/_plating/assets/..%2f..%2fapp.py", 400),
    )

    def steps(page: Any) -> list[tuple[int, str]]:
        return [(page.goto(_url(preview, path)).status, page.content()) for path, _ in cases]

    for (status, content), (_path, expected) in zip(chromium.run(steps), cases, strict=True):
        assert status == expected
        assert "provider_schemas" not in content and "class Preview" not in content


_COLOUR_STATS = """async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4 * 7) {
        colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 150) { dark += 1; }
    }
    return {width: image.width, height: image.height, colours: colours.size, dark};
}"""


def test_screenshot_is_written_and_not_blank(
    preview: PreviewServer, chromium: Chromium, tmp_path: Path
) -> None:
    shot = tmp_path / "preview.png"

    def steps(page: Any) -> dict[str, int]:
        page.goto(_url(preview, "/docs/resources/recipe"))
        page.screenshot(path=str(shot))
        # Decode it with the browser's own PNG decoder and count the colours it holds.
        page.goto("about:blank")
        source = "data:image/png;base64," + base64.b64encode(shot.read_bytes()).decode()
        return dict(page.evaluate(_COLOUR_STATS, source))

    stats = chromium.run(steps)
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (stats["width"], stats["height"]) == (1280, 900)
    assert stats["colours"] > 50  # text, code colours, the navigation: not one flat colour
    assert stats["dark"] > 1000  # the top bar and the text are drawn


def test_a_go_template_page_is_served_and_follows_edits(
    demo_project: Path, chromium: Chromium
) -> None:
    """tfplugindocs templates (templates/<kind>/<name>.md.tmpl) are pages of the preview too."""
    template = demo_project / "templates" / "data-sources" / "menu.md.tmpl"
    template.parent.mkdir(parents=True)
    template.write_text(
        '---\npage_title: "{{ .Name }} {{ .Type }}"\nsubcategory: "Menus"\n---\n\n'
        "# {{ .Name }} ({{ .Type }})\n\nWritten as a Go template.\n\n{{ .SchemaMarkdown }}\n"
    )

    def steps(page: Any) -> dict[str, Any]:
        page.goto(_url(server, "/docs/data-sources/menu"))
        first = page.locator("article h1").inner_text()
        nav = page.eval_on_selector_all(
            "#nav-tree .nav-section-title", "els => els.map(e => e.textContent)"
        )
        page.evaluate("window.__notReloaded = true")
        template.write_text(template.read_text().replace("Written as", "Edited as"))
        page.wait_for_selector("text=Edited as a Go template.", timeout=15_000)
        return {"h1": first, "nav": nav, "same_page": page.evaluate("window.__notReloaded")}

    with running_preview(demo_project) as server:
        seen = chromium.run(steps)
    assert seen["h1"].startswith("kitchen_menu (Data Source)")
    assert "Menus" in seen["nav"]
    assert seen["same_page"] is True


def test_a_page_whose_ids_match_the_previews_own_keeps_the_navigation(
    demo_project: Path, chromium: Chromium
) -> None:
    """A heading "Nav tree" has the id of the navigation's container, "Page" that of the
    page's: an update must still replace the navigation and the page, not the headings."""
    template = demo_project / RECIPE_TEMPLATE
    template.write_text(template.read_text() + "\n## Nav tree\n\nText.\n\n## Page\n\nMore.\n")

    def steps(page: Any) -> dict[str, Any]:
        page.goto(_url(server, "/docs/resources/recipe"))
        # Once the findings are in, the navigation is unchanged by an edit of the body: the
        # refreshed page comes without it.
        page.wait_for_function("() => !document.querySelector('.pending')", timeout=30_000)
        links = page.locator(".sidebar a.nav-link").count()
        template.write_text(template.read_text() + "\nEdited with the same ids.\n")
        page.wait_for_selector("text=Edited with the same ids.", timeout=15_000)
        return {
            "links": links,
            "links_after": page.locator(".sidebar a.nav-link").count(),
            "trees": page.locator(".sidebar > #nav-tree").count(),
            "mains": page.locator(".layout > main#page").count(),
        }

    with running_preview(demo_project) as server:
        seen = chromium.run(steps)
    assert seen["links"] == 10
    assert seen["links_after"] == 10
    assert (seen["trees"], seen["mains"]) == (1, 1)
