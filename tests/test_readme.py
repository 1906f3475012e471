"""The README documents the template contract the code implements."""

from __future__ import annotations

from plating.render.context import TEMPLATE_FUNCTIONS, TEMPLATE_VARIABLES
from tests.conftest import REPO_ROOT


def test_readme_lists_every_template_name() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("**Template contract.**", 1)[1].split("### Writing", 1)[0]
    rows = {
        line.split("|")[1].strip().strip("`")
        for line in table.splitlines()
        if line.startswith("| `")
    }
    expected = (
        set(TEMPLATE_VARIABLES)
        | {f"{f}()" for f in ("schema",)}
        | {"example(name)", "include(file)", "render(file)"}
    )
    assert rows == expected
    assert set(TEMPLATE_FUNCTIONS) == {"schema", "example", "include", "render"}


def test_readme_opens_with_the_two_commands() -> None:
    head = (REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_readme_documents_every_validate_rule_and_setting() -> None:
    from plating.settings import SETTINGS
    from plating.validate.rules import RULES

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.id}`" in readme, rule.id
    for setting in SETTINGS:
        head = setting.key.split(".")[0]
        assert f"`{head}" in readme, setting.key
