"""``plating migrate`` beyond the goldens: flag spellings, layouts, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from plating.cli import main
from tests.factories import snapshot

PAGE = """---
layout: "demo"
page_title: "demo_thing"
---

# Resource: demo_thing

Uses [the docs][docs].

```terraform
resource "demo_thing" "x" {}
```

```console
$ terraform import demo_thing.x id
```

[docs]: https://example.com/docs "Docs"
"""


def _project(root: Path, page: str = PAGE, name: str = "demo_thing.html.markdown") -> Path:
    folder = root / "website" / "docs" / "r"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(page.encode("utf-8"))
    return root


@pytest.mark.parametrize(
    "flags",
    [
        ["--provider-name", "terraform-provider-demo"],
        ["--provider-name=terraform-provider-demo"],
        ["-provider-name=terraform-provider-demo"],
        ["-provider-name", "demo"],
    ],
)
def test_flags_in_every_go_spelling(flags: list[str], tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert main(["migrate", "-q", "-provider-dir=" + str(root), *flags]) == 0
    template = (root / "templates" / "resources" / "thing.md.tmpl").read_text()
    assert '{{tffile "examples/resources/thing/example_1.tf"}}' in template
    assert '{{codefile "shell" "examples/resources/thing/import_1.sh"}}' in template
    assert 'Uses [the docs](https://example.com/docs "Docs").' in template
    assert "[docs]:" not in template and "layout" not in template
    example = root / "examples" / "resources" / "thing" / "example_1.tf"
    assert example.read_text() == 'resource "demo_thing" "x" {}\n'


def test_without_provider_name_the_prefix_stays_and_dirs_are_flags(tmp_path: Path) -> None:
    root = _project(tmp_path)
    argv = [
        "migrate",
        "-q",
        "--provider-dir",
        str(root),
        "--templates-dir=tpl",
        "--examples-dir",
        "ex",
    ]
    assert main(argv) == 0
    template = (root / "tpl" / "resources" / "demo_thing.md.tmpl").read_text()
    assert '{{tffile "ex/resources/demo_thing/example_1.tf"}}' in template
    assert (root / "ex" / "resources" / "demo_thing" / "import_1.sh").is_file()


def test_crlf_and_bom_pages_migrate_like_lf_ones(tmp_path: Path) -> None:
    plain = _project(tmp_path / "lf")
    dos = _project(tmp_path / "crlf", "\ufeff" + PAGE.replace("\n", "\r\n"))
    for root in (plain, dos):
        assert main(["migrate", "-q", "--provider-dir", str(root)]) == 0
    assert snapshot(plain / "templates").keys() == snapshot(dos / "templates").keys()
    for rel in (
        "templates/resources/demo_thing.md.tmpl",
        "examples/resources/demo_thing/example_1.tf",
    ):
        assert (plain / rel).read_bytes() == (dos / rel).read_bytes()


def test_guides_are_copied_and_other_files_of_a_section_too(tmp_path: Path) -> None:
    root = _project(tmp_path)
    guides = root / "website" / "docs" / "guides"
    guides.mkdir()
    (guides / "intro.html.md").write_text("# Intro\n\n```terraform\nx\n```\n")
    (root / "website" / "docs" / "r" / "diagram.png").write_bytes(b"\x89PNG\r\n")
    assert main(["migrate", "-q", "--provider-dir", str(root)]) == 0
    assert (root / "templates" / "guides" / "intro.html.md").read_text().startswith("# Intro")
    assert (root / "templates" / "resources" / "diagram.png").read_bytes() == b"\x89PNG\r\n"


def test_no_website_folder_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--provider-dir", str(tmp_path)]) == 2
    assert "no website/docs or docs folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("---\npage_title: x\n\n# never closed\n", "never ends"),
        (b"---\n---\n\xff\xfe".decode("latin-1"), None),
    ],
)
def test_bad_pages_stop_before_anything_is_written(
    page: str, message: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path
    folder = root / "website" / "docs" / "r"
    folder.mkdir(parents=True)
    (folder / "a.html.markdown").write_text("---\n---\n\nfine\n")
    data = page.encode("latin-1") if message is None else page.encode()
    (folder / "b.html.markdown").write_bytes(data)
    assert main(["migrate", "--provider-dir", str(root)]) == 2
    err = capsys.readouterr().err
    assert "b.html.markdown" in err
    assert (message or "not UTF-8") in err
    assert not (root / "templates").exists()
    assert (root / "website" / "docs" / "r" / "a.html.markdown").is_file()


def test_website_files_migrate_does_not_convert_are_kept_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tfplugindocs deletes the whole website/ folder; plating removes what it migrated only.
    root = _project(tmp_path)
    website = root / "website"
    (website / "provider.erb").write_text("<% sidebar %>\n")
    (website / "docs" / "notes.md").write_text("not an index page\n")
    (website / "docs" / "cdktf" / "python").mkdir(parents=True)
    (website / "docs" / "cdktf" / "python" / "x.md").write_text("cdktf\n")
    assert main(["migrate", "--provider-dir", str(root)]) == 0
    err = capsys.readouterr().err
    assert "website/ keeps 3 files migrate does not convert" in err
    assert "website/docs/cdktf/python/x.md" in err and "website/provider.erb" in err
    assert (website / "provider.erb").read_text() == "<% sidebar %>\n"
    assert (website / "docs" / "notes.md").read_text() == "not an index page\n"
    assert (website / "docs" / "cdktf" / "python" / "x.md").read_text() == "cdktf\n"
    assert not (website / "docs" / "r").exists()  # migrated, and its folder with it
    assert (root / "templates" / "resources" / "demo_thing.md.tmpl").is_file()


def test_an_existing_template_with_other_content_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    mine = root / "templates" / "resources" / "demo_thing.md.tmpl"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own template\n")
    assert main(["migrate", "--provider-dir", str(root)]) == 2
    err = capsys.readouterr().err
    assert "would overwrite 1 existing file(s)" in err
    assert "templates/resources/demo_thing.md.tmpl" in err
    assert mine.read_text() == "my own template\n"
    assert not (root / "examples").exists()  # nothing written
    assert (root / "website" / "docs" / "r" / "demo_thing.html.markdown").is_file()


def test_the_summary_counts_one_page_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one_example = PAGE.replace("```console\n$ terraform import demo_thing.x id\n```\n\n", "")
    root = _project(tmp_path, one_example)
    assert main(["migrate", "--provider-dir", str(root)]) == 0
    captured = capsys.readouterr()
    summary = captured.out + captured.err
    assert "migrate: 1 page of website/docs into templates/, 1 example file into" in summary
