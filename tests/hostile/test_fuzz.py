"""Property-based fuzzing of plate, adorn and validate with generated provider schemas.

The property: plating either renders pages that pass its own ``validate`` and whose front
matter is YAML mappings, or it fails with a clean error (exit 1 or 2, a message, no
traceback) and writes nothing.

Budgets are small in CI and multiplied by ``PLATING_FUZZ_SCALE`` (``make fuzz``). Each test
prints how many examples it ran (visible with ``pytest -s``).

Excluded validate findings, with the reason:

* ``links/anchor``, ``links/broken`` and ``markdown/unclosed-fence``, only when a generated
  description contains Markdown link, HTML comment or fence syntax: descriptions are inserted
  into pages verbatim by design (see the README), so a ``[x](#nowhere)`` link or an opening
  ``<!--`` in a provider's description is the provider's content. With descriptions free of
  that syntax, no finding of error severity is allowed at all.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plating.cli import main
from plating.render.frontmatter import split_front_matter
from tests.hostile.helpers import scaled
from tests.hostile.strategies import HOSTILE_NAMES, PROVIDER, schema_documents

#: Markdown that makes a description's text change the page's structure (see module doc).
MARKDOWN_ACTIVE = ("](", "<!--", "```", "~~~", "<a ", "</")
CONTENT_RULES = frozenset({"links/anchor", "links/broken", "markdown/unclosed-fence"})

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
COUNTS: dict[str, int] = {}


def fuzz(examples: int) -> settings:
    """The fuzz settings with a budget of ``examples`` times ``PLATING_FUZZ_SCALE``."""
    return settings(FUZZ, max_examples=scaled(examples))


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


@pytest.fixture(autouse=True, scope="module")
def _report_counts() -> Iterator[None]:
    yield
    if COUNTS:
        listed = ", ".join(f"{name}: {count}" for name, count in sorted(COUNTS.items()))
        print(f"\nfuzz examples run: {listed} (total {sum(COUNTS.values())})")


def run(*argv: str) -> tuple[int, str, str]:
    """The CLI in-process, with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def project(document: Any) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="plating-fuzz-") as folder:
        root = Path(folder)
        (root / "schema.json").write_text(json.dumps(document), encoding="utf-8")
        yield root


def source(root: Path) -> list[str]:
    return ["--schema", str(root / "schema.json"), "--project-root", str(root)]


def assert_clean_failure(code: int, out: str, err: str, root: Path) -> None:
    assert code in (1, 2), (code, err)
    assert "Traceback" not in out + err, err
    assert err.startswith("plating: error: "), err
    assert not (root / "docs").exists(), "a failed run writes nothing"


def assert_pages_valid(root: Path, document: Any) -> None:
    """Front matter of every page is a YAML mapping; validate finds no error."""
    pages = sorted((root / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        front, _body = split_front_matter(page.read_text(encoding="utf-8"))
        assert front is not None, page
        data = yaml.safe_load(front)
        assert isinstance(data, dict), (page, front)
        assert isinstance(data.get("page_title", ""), str)
        assert isinstance(data.get("description", ""), str)
    code, out, err = run("validate", "--format", "json", *source(root))
    assert "Traceback" not in err, err
    result = json.loads(out)
    text = json.dumps(document, ensure_ascii=False)
    excluded = CONTENT_RULES if any(m in text for m in MARKDOWN_ACTIVE) else frozenset()
    errors = [
        f for f in result["findings"] if f["severity"] == "error" and f["rule"] not in excluded
    ]
    assert errors == [], errors[:3]
    assert code == (0 if result["ok"] else 1)


@fuzz(40)
@given(schema_documents())
def test_generated_schemas_plate_and_validate(document: dict[str, Any]) -> None:
    _count("plate+validate")
    with project(document) as root:
        code, out, err = run("plate", "--quiet", *source(root))
        if code != 0:
            # Only a content problem of the schema itself may stop the run.
            assert_clean_failure(code, out, err, root)
            assert "neither required, optional nor computed" in err, err
            return
        assert_pages_valid(root, document)
        # A second run has nothing to do.
        code, out, err = run("plate", "--check", "--quiet", *source(root))
        assert code == 0, out + err


@fuzz(20)
@given(schema_documents(hostile_names=True))
def test_hostile_names_are_refused_cleanly(document: dict[str, Any]) -> None:
    _count("hostile names")
    provider = document["provider_schemas"][next(iter(document["provider_schemas"]))]
    names = [
        n
        for key, section in provider.items()
        if isinstance(section, dict) and key.endswith(("schemas", "functions"))
        for n in section
    ]
    hostile = [
        n for n in names if n in HOSTILE_NAMES or n.removeprefix(f"{PROVIDER}_") in HOSTILE_NAMES
    ]
    with project(document) as root:
        code, out, err = run("plate", "--quiet", *source(root))
        if code == 0:
            assert not [n for n in hostile if _never_a_file_name(n)], hostile
            for path in (root / "docs").rglob("*"):
                assert path.resolve().is_relative_to((root / "docs").resolve())
            return
        assert_clean_failure(code, out, err, root)
        leftovers = sorted(p.name for p in root.iterdir())
        assert leftovers == ["schema.json"], leftovers


def _never_a_file_name(name: str) -> bool:
    trimmed = name.removeprefix(f"{PROVIDER}_")
    return any(c in name for c in "/\\:\x00\n ") or ".." in name or not trimmed.strip(".")


@fuzz(15)
@given(schema_documents())
def test_adorned_bundles_plate_and_validate(document: dict[str, Any]) -> None:
    """adorn's templates and examples are valid: the pages they give pass validate, and the
    examples it writes match the schema (validate checks them against it)."""
    _count("adorn+plate+validate")
    with project(document) as root:
        code, out, err = run("adorn", "--quiet", *source(root))
        assert code == 0, err
        code, out, err = run("adorn", "--quiet", *source(root))
        assert code == 0 and "created" not in out, "a second adorn creates nothing"
        code, out, err = run("plate", "--quiet", *source(root))
        if code != 0:
            assert "neither required, optional nor computed" in err, err
            assert "Traceback" not in err
            return
        assert_pages_valid(root, document)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=8)
    | st.sampled_from(["list", "set", "map", "object", "tuple", "single", "group", "string"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: _replace(node[head], rest, value)}
    copy = list(node)
    copy[head] = _replace(copy[head], rest, value)
    return copy


@fuzz(60)
@given(schema_documents(), st.data())
def test_schemas_of_the_wrong_shape_fail_cleanly(document: dict[str, Any], data: Any) -> None:
    """Any part of a valid document replaced by any JSON value: a page set or a clean error."""
    _count("wrong shapes")
    paths = list(_paths(document))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        document = _replace(document, path, data.draw(JSON_VALUES))
        paths = list(_paths(document))
    with project(document) as root:
        for command in ("plate", "adorn", "validate"):
            code, out, err = (
                run(command, "--quiet", *source(root))
                if command != "validate"
                else run(command, *source(root))
            )
            assert "Traceback" not in out + err, err
            assert code in (0, 1, 2), (command, code, err)
            if code and command == "plate":
                assert err.startswith("plating: error: "), err
                assert not (root / "docs").exists()
            if code == 2:
                assert str(root) in err or "schema" in err, err


TEMPLATE_PIECES = st.sampled_from(
    [
        "{{ name }}",
        "{{ description }}",
        "{{ schema() }}",
        "{{ example('example') }}",
        "{{ example('basic') }}",
        "{{ include('_notes.md') }}",
        "{{ render('_notes.md') }}",
        "{{ examples|length }}",
        "{% if has_variadic %}v{% endif %}",
        "{% for k in examples %}{{ k }}{% endfor %}",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "---\n",
        "page_title: x\n",
        "# Heading\n",
        "```terraform\n",
        "```\n",
        "\n",
        "{{ nope }}",
        "{{ name.__class__ }}",
        "{% include 'x' %}",
        "{{ 1/0 }}",
    ]
)


@fuzz(40)
@given(
    st.lists(st.one_of(TEMPLATE_PIECES, st.text(max_size=10)), max_size=12).map("".join),
    st.lists(st.one_of(TEMPLATE_PIECES, st.text(max_size=10)), max_size=6).map("".join),
)
def test_arbitrary_templates_render_or_fail_cleanly(template: str, partial: str) -> None:
    _count("templates")
    document = {
        "format_version": "1.0",
        "provider_schemas": {
            f"registry.terraform.io/acme/{PROVIDER}": {
                "resource_schemas": {
                    f"{PROVIDER}_thing": {
                        "block": {"attributes": {"id": {"type": "string", "computed": True}}}
                    }
                }
            }
        },
    }
    with project(document) as root:
        bundle = root / "resources" / "thing.plating"
        (bundle / "docs").mkdir(parents=True)
        (bundle / "examples").mkdir()
        (bundle / "docs" / "thing.tmpl.md").write_text(template, encoding="utf-8")
        (bundle / "docs" / "_notes.md").write_text(partial, encoding="utf-8")
        (bundle / "examples" / "basic.tf").write_text('resource "demo_thing" "x" {}\n')
        code, out, err = run("plate", "--quiet", *source(root))
        assert "Traceback" not in out + err, err
        if code == 0:
            page = (root / "docs/resources/thing.md").read_text(encoding="utf-8")
            front, _body = split_front_matter(page)
            assert front is not None
            return
        assert_clean_failure(code, out, err, root)
        assert str(bundle / "docs") in err, err


@fuzz(40)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "---\n",
                        "page_title: x\n",
                        "subcategory: \n",
                        "# H\n",
                        "## H\n",
                        "```hcl\n",
                        "```\n",
                        "[a](#b)\n",
                        "<a id='b'></a>\n",
                        'resource "x" "y" {\n',
                        "}\n",
                        "  a = 1\n",
                        "&a [*a]\n",
                        "!!python/object:x\n",
                    ]
                ),
                st.text(max_size=12),
            ),
            max_size=15,
        ).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    )
)
def test_validate_never_crashes_on_any_page(content: bytes) -> None:
    _count("validate pages")
    with tempfile.TemporaryDirectory(prefix="plating-fuzz-") as folder:
        root = Path(folder)
        (root / "docs/resources").mkdir(parents=True)
        (root / "docs/index.md").write_text("---\npage_title: x\n---\n\n# x\n\nbody\n")
        (root / "docs/resources/x.md").write_bytes(content)
        (root / "examples/resources/x").mkdir(parents=True)
        (root / "examples/resources/x/resource.tf").write_bytes(content)
        code, out, err = run("validate", "--format", "json", "--project-root", str(root))
        assert "Traceback" not in err, err
        assert code in (0, 1), err
        json.loads(out)
