"""The navigation: the Registry's order of sections, labels and URLs."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plating.render.frontmatter import quoted, render_front_matter, yaml_clean
from plating.serve.nav import NavSection, PageFacts, build_nav, page_url
from plating.serve.views import quick_facts


def _shape(sections: list[NavSection]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    return [(s.title, [(g.title, [i.label for i in g.items]) for g in s.groups]) for s in sections]


def test_registry_order() -> None:
    relpaths = [
        "index.md",
        "guides/setup.md",
        "guides/oauth.md",
        "guides/basic.md",
        "resources/zeta.md",
        "resources/alpha.md",
        "data-sources/alpha.md",
        "functions/parse_id.md",
        "resources/old.md",
        "resources/new.md",
        "resources/disk.md",
        "cdktf/python/resources/alpha.md",
    ]
    facts = {
        "guides/setup.md": PageFacts("Initial Setup"),
        "guides/oauth.md": PageFacts("Authenticating with OAuth", "Authentication"),
        "guides/basic.md": PageFacts("", "Authentication"),
        "resources/old.md": PageFacts("", "Deprecated"),
        "resources/new.md": PageFacts("", "Beta"),
        "resources/disk.md": PageFacts("", "Compute"),
        "data-sources/alpha.md": PageFacts("", "Compute"),
    }
    index, sections = build_nav(relpaths, facts, "acme")
    assert index is not None and (index.label, index.url) == ("acme Provider", "/")
    assert _shape(sections) == [
        ("Guides", [("", ["Initial Setup"])]),
        ("Authentication", [("", ["Authenticating with OAuth", "basic"])]),
        ("Resources", [("", ["acme_alpha", "acme_zeta"])]),
        ("Functions", [("", ["parse_id"])]),
        ("Compute", [("Resources", ["acme_disk"]), ("Data Sources", ["acme_alpha"])]),
        ("Beta", [("Resources", ["acme_new"])]),
        ("Deprecated", [("Resources", ["acme_old"])]),
        ("Other files", [("", ["cdktf/python/resources/alpha.md"])]),
    ]


def test_page_urls_end_with_the_docs_path() -> None:
    assert page_url("index.md") == "/"
    assert page_url("resources/recipe.md") == "/docs/resources/recipe"
    assert page_url("guides/setup.html.markdown") == "/docs/guides/setup"
    assert page_url("data-sources/menu.md") == "/docs/data-sources/menu"


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(max_size=40),
    subcategory=st.text(max_size=20),
    description=st.text(max_size=40),
    style=st.sampled_from(["generated", "plain", "single", "block"]),
)
def test_quick_facts_read_what_yaml_reads(
    title: str, subcategory: str, description: str, style: str
) -> None:
    """The navigation's front-matter reader agrees with a full YAML parse, for the front
    matter plating writes and for hand-written styles (plain, single-quoted, block)."""
    if style == "generated":
        front = render_front_matter(title, description, subcategory)
    else:
        clean = yaml_clean(title).replace("\n", " ").strip()
        value = {
            "plain": clean,
            "single": "'" + clean.replace("'", "''") + "'",
            "block": "|-\n  " + clean,
        }[style]
        front = f"---\npage_title: {value}\nsubcategory: {quoted(subcategory)}\n---\n"
    text = front + "\n# Body\n"
    try:
        data = yaml.safe_load(text.split("---\n")[1])
    except yaml.YAMLError:
        return  # not front matter the Registry could read either
    if not isinstance(data, dict):
        return
    expected = PageFacts(
        "" if data.get("page_title") is None else str(data["page_title"]),
        "" if data.get("subcategory") is None else str(data["subcategory"]),
    )
    assert quick_facts(text) == expected
