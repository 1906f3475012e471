"""Bad input gets a clear error (exit 2 for unreadable input, 1 for content), never a traceback.

Each message names the file (and the line or JSON path where one exists) and says what to do.
Nothing is written when a run fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from plating.render.frontmatter import split_front_matter
from tests.factories import add_bundle, attr, resource_block, schema_document, write_schema
from tests.hostile.helpers import assert_clean_error, cli, plate_args, tree

ADDRESS = "registry.terraform.io/acme/demo"
VALID = json.dumps(schema_document(resources={"demo_x": resource_block()}))


def _doc(**provider: Any) -> dict[str, Any]:
    return {"format_version": "1.0", "provider_schemas": {ADDRESS: provider}}


def _res(block: Any) -> dict[str, Any]:
    return _doc(resource_schemas={"demo_x": {"version": 0, "block": block}})


def _attr(**spec: Any) -> dict[str, Any]:
    return _res({"attributes": {"a": {"optional": True, **spec}}})


def _nested(depth: int, leaf: Any, wrap: Any) -> Any:
    for _ in range(depth):
        leaf = wrap(leaf)
    return leaf


#: (id, schema file bytes, text the message must contain besides the file name)
BAD_SCHEMAS: list[tuple[str, bytes, str]] = [
    ("empty", b"", "the schema file is empty"),
    ("whitespace", b"  \n\t\n", "the schema file is empty"),
    ("truncated", VALID[: len(VALID) // 2].encode(), ":1:"),
    ("truncated-multiline", json.dumps(json.loads(VALID), indent=2)[:200].encode(), "truncated"),
    ("not-json", b"provider_schemas = {}", "not valid JSON"),
    ("binary", bytes(range(256)) * 4, "not UTF-8"),
    ("nul-bytes", b"\x00" * 64, "not valid JSON"),
    ("raw-nesting-100k", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("top-list", b"[1, 2]", "expected a JSON object"),
    ("top-string", b'"schema"', "expected a JSON object"),
    ("no-provider-schemas", b'{"format_version": "1.0"}', "no provider_schemas key"),
    ("provider-schemas-list", b'{"provider_schemas": []}', "provider_schemas: expected"),
    ("provider-schemas-empty", b'{"provider_schemas": {}}', "holds no provider"),
    ("format-version-2", b'{"format_version": "2.0", "provider_schemas": {}}', "unsupported"),
    ("format-version-number", b'{"format_version": 1, "provider_schemas": {}}', "unsupported"),
    ("provider-string", json.dumps(_doc()).replace("{}}}", '"x"}}').encode(), "expected"),
    (
        "provider-not-object",
        json.dumps({"format_version": "1.0", "provider_schemas": {ADDRESS: 5}}).encode(),
        "expected a JSON object, found a number",
    ),
    (
        "address-without-name",
        json.dumps({"format_version": "1.0", "provider_schemas": {"": {}}}).encode(),
        "usable provider name",
    ),
    (
        "address-control-char",
        json.dumps({"format_version": "1.0", "provider_schemas": {"a/b/x\u0000": {}}}).encode(),
        "usable provider name",
    ),
    ("section-list", json.dumps(_doc(resource_schemas=[1])).encode(), "resource_schemas"),
    ("data-section-string", json.dumps(_doc(data_source_schemas="x")).encode(), "data_source"),
    ("component-list", json.dumps(_doc(resource_schemas={"demo_x": []})).encode(), "demo_x"),
    ("block-list", json.dumps(_res([1])).encode(), ".block: expected a JSON object"),
    ("attributes-list", json.dumps(_res({"attributes": [1]})).encode(), ".attributes"),
    ("attribute-null", json.dumps(_res({"attributes": {"a": None}})).encode(), "attributes.a"),
    ("attribute-no-type", json.dumps(_attr()).encode(), "neither `type` nor `nested_type`"),
    ("type-number", json.dumps(_attr(type=5)).encode(), "unknown type expression 5"),
    ("type-unknown", json.dumps(_attr(type="float")).encode(), "unknown type 'float'"),
    ("type-list-no-element", json.dumps(_attr(type=["list"])).encode(), "unknown type"),
    ("type-list-3", json.dumps(_attr(type=["list", "string", "x"])).encode(), "unknown type"),
    ("tuple-no-elements", json.dumps(_attr(type=["tuple"])).encode(), "unknown type"),
    ("tuple-not-list", json.dumps(_attr(type=["tuple", "string"])).encode(), "unknown type"),
    ("tuple-bad-element", json.dumps(_attr(type=["tuple", [5]])).encode(), "unknown type"),
    ("object-members-list", json.dumps(_attr(type=["object", [1]])).encode(), "expected"),
    ("object-optional-ints", json.dumps(_attr(type=["object", {}, [1]])).encode(), "optional"),
    ("flag-string", json.dumps(_attr(type="string", required="yes")).encode(), ".required"),
    ("flag-number", json.dumps(_attr(type="string", sensitive=1)).encode(), ".sensitive"),
    ("description-list", json.dumps(_attr(type="string", description=[])).encode(), "description"),
    (
        "description-kind-number",
        json.dumps(_res({"description_kind": 3})).encode(),
        ".description_kind: expected a string",
    ),
    (
        "version-string",
        json.dumps(_doc(resource_schemas={"demo_x": {"version": "1"}})).encode(),
        ".version",
    ),
    (
        "version-negative",
        json.dumps(_doc(resource_schemas={"demo_x": {"version": -1}})).encode(),
        ".version",
    ),
    (
        "version-nan",
        VALID.replace('"version": 0', '"version": NaN').encode(),
        "expected a non-negative integer",
    ),
    (
        "version-infinity",
        VALID.replace('"version": 0', '"version": 1e999').encode(),
        "expected a non-negative integer",
    ),
    (
        "nesting-mode-unknown",
        json.dumps(_res({"block_types": {"b": {"nesting_mode": "tree", "block": {}}}})).encode(),
        "unknown nesting mode 'tree'",
    ),
    (
        "nesting-mode-missing",
        json.dumps(_res({"block_types": {"b": {"block": {}}}})).encode(),
        "unknown nesting mode None",
    ),
    (
        "nested-type-mode-unknown",
        json.dumps(_attr(nested_type={"nesting_mode": "grid", "attributes": {}})).encode(),
        "unknown nesting mode 'grid'",
    ),
    (
        "min-items-string",
        json.dumps(
            _res({"block_types": {"b": {"nesting_mode": "list", "min_items": "1", "block": {}}}})
        ).encode(),
        ".min_items",
    ),
    (
        "type-nesting-500",
        json.dumps(_attr(type=_nested(500, "string", lambda t: ["list", t]))).encode(),
        "type nested deeper than",
    ),
    (
        "block-nesting-200",
        json.dumps(
            _res(
                _nested(
                    200, {}, lambda b: {"block_types": {"b": {"nesting_mode": "list", "block": b}}}
                )
            )
        ).encode(),
        "blocks nested deeper than",
    ),
    (
        "nested-attribute-nesting-200",
        json.dumps(
            _res(
                {
                    "attributes": {
                        "a": _nested(
                            200,
                            {"type": "string", "optional": True},
                            lambda a: {
                                "optional": True,
                                "nested_type": {"nesting_mode": "single", "attributes": {"n": a}},
                            },
                        )
                    }
                }
            )
        ).encode(),
        "attributes nested deeper than",
    ),
    ("function-no-return", json.dumps(_doc(functions={"f": {}})).encode(), "no return_type"),
    (
        "function-params-object",
        json.dumps(
            _doc(functions={"f": {"return_type": "string", "parameters": {"a": 1}}})
        ).encode(),
        "parameters: expected a list",
    ),
    (
        "function-param-string",
        json.dumps(_doc(functions={"f": {"return_type": "string", "parameters": ["x"]}})).encode(),
        "parameters[0]",
    ),
    (
        "function-param-name-number",
        json.dumps(
            _doc(functions={"f": {"return_type": "string", "parameters": [{"name": 5}]}})
        ).encode(),
        "parameters[0].name",
    ),
    (
        "variadic-list",
        json.dumps(
            _doc(functions={"f": {"return_type": "string", "variadic_parameter": []}})
        ).encode(),
        "variadic_parameter",
    ),
    (
        "identity-list",
        json.dumps(
            _doc(
                resource_schemas={"demo_x": resource_block()},
                resource_identity_schemas={"demo_x": [1]},
            )
        ).encode(),
        "resource_identity_schemas['demo_x']",
    ),
    (
        "identity-flag-string",
        json.dumps(
            _doc(
                resource_schemas={"demo_x": resource_block()},
                resource_identity_schemas={
                    "demo_x": {"attributes": {"id": {"type": "string", "required_for_import": "y"}}}
                },
            )
        ).encode(),
        "attributes.id",
    ),
]


def _project(tmp_path: Path, schema: bytes) -> Path:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text("---\npage_title: x\n---\n\n# x\n\nhand-written\n")
    (root / "schema.json").write_bytes(schema)
    return root


@pytest.mark.parametrize("command", ["plate", "validate", "adorn"])
@pytest.mark.parametrize(
    ("schema", "message"), [c[1:] for c in BAD_SCHEMAS], ids=[c[0] for c in BAD_SCHEMAS]
)
def test_bad_schema_is_a_clear_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    schema: bytes,
    message: str,
) -> None:
    root = _project(tmp_path, schema)
    before = tree(root)
    argv = [command, "--schema", str(root / "schema.json"), "--project-root", str(root)]
    outcome = cli(capsys, *argv)
    assert_clean_error(outcome, (2,), str(root / "schema.json"), message)
    assert tree(root) == before, "a failed run changes nothing"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode(),  # Out-File -Encoding utf8 (PowerShell 5)
        lambda text: text.encode("utf-16"),  # `>` of Windows PowerShell 5: UTF-16 with a BOM
        lambda text: text.encode("utf-16-be"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-32"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-be-without-bom", "utf16-le-without-bom", "utf32"],
)
def test_a_schema_file_with_a_byte_order_mark_is_read_as_it_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encode: Any
) -> None:
    """`terraform providers schema -json > schema.json` in Windows PowerShell writes UTF-16
    with a byte order mark, and its `Out-File -Encoding utf8` UTF-8 with one: JSON's first
    bytes say how to read it, with or without a mark."""
    plain = _project(tmp_path / "plain", VALID.encode())
    assert cli(capsys, *plate_args(plain)).code == 0
    root = _project(tmp_path / "marked", encode(VALID))
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    assert tree(root / "docs") == tree(plain / "docs")


def test_truncated_schema_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(json.loads(VALID), indent=2)
    cut = text[: text.index('"demo_x"') + 4]
    root = _project(tmp_path, cut.encode())
    outcome = cli(capsys, *plate_args(root))
    line = cut.count("\n") + 1
    assert_clean_error(outcome, (2,), f"{root / 'schema.json'}:{line}:", "truncated")


def test_tuples_and_objects_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unusual but valid types are documented, not refused."""
    types = [
        ["tuple", ["string", ["list", "number"]]],
        ["tuple", []],
        ["object", {"a": ["tuple", ["bool"]]}, ["a"]],
        ["map", ["set", ["object", {}]]],
        "dynamic",
    ]
    document = _res(
        {"attributes": {f"a{i}": {"type": t, "optional": True} for i, t in enumerate(types)}}
    )
    root = _project(tmp_path, json.dumps(document).encode())
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    page = (root / "docs/resources/x.md").read_text()
    assert "`a0` (Tuple" in page or "`a0` (" in page


# --- templates, partials and examples that cannot be read or rendered ---------------------

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"


def _bundled(root: Path, template: str = "# {{ name }}\n\n{{ schema() }}\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    return add_bundle(root, "resources", "demo_x", template)


@pytest.mark.parametrize(
    ("setup", "relpath", "message"),
    [
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_bytes(b"# ok\n\n" + BINARY),
            "docs/demo_x.tmpl.md:3",
            "not UTF-8",
            id="binary-template",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_bytes("# é\n".encode("latin-1")),
            "docs/demo_x.tmpl.md:1",
            "not UTF-8",
            id="latin1-template",
        ),
        pytest.param(
            lambda b: (
                (b / "docs/demo_x.tmpl.md").write_text("{{ include('_notes.md') }}"),
                (b / "docs/_notes.md").write_bytes(b"line\nline\n" + BINARY),
            ),
            "docs/_notes.md:3",
            "not UTF-8",
            id="binary-partial",
        ),
        pytest.param(
            lambda b: (
                (b / "docs/demo_x.tmpl.md").write_text("{{ render('_notes.md') }}"),
                (b / "docs/_notes.md").write_bytes(BINARY),
            ),
            "docs/_notes.md:",
            "not UTF-8",
            id="binary-rendered-partial",
        ),
        pytest.param(
            lambda b: (
                (b / "docs/demo_x.tmpl.md").write_text("{{ example('basic') }}"),
                (b / "examples").mkdir(),
                (b / "examples/basic.tf").write_bytes(BINARY),
            ),
            "examples/basic.tf:",
            "not UTF-8",
            id="binary-example",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("ok\n\n{% if %}\n"),
            "docs/demo_x.tmpl.md:3",
            "syntax error",
            id="syntax-error",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{% for x in y %}\nno end\n"),
            "docs/demo_x.tmpl.md:",
            "syntax error",
            id="unclosed-block",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("a\nb\n{{ 1 // 0 }}\n"),
            "docs/demo_x.tmpl.md:3",
            "division",
            id="raises-zero-division",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ [][3] }}"),
            "docs/demo_x.tmpl.md:1",
            "resource demo_x",
            id="raises-index",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ name.nope.deeper }}"),
            "docs/demo_x.tmpl.md:1",
            "undefined",
            id="raises-undefined-attribute",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("x\n{{ missing_variable }}\n"),
            "docs/demo_x.tmpl.md:2",
            "missing_variable",
            id="undefined-name",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ example('nope') }}"),
            "docs/demo_x.tmpl.md",
            "example('nope') names no example",
            id="unknown-example",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ example() }}"),
            "docs/demo_x.tmpl.md:1",
            "resource demo_x",
            id="example-without-name",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ example(None) }}"),
            "docs/demo_x.tmpl.md",
            "names no example",
            id="example-none",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text("{{ include('nope') }}"),
            "docs/demo_x.tmpl.md",
            "no partial 'nope'",
            id="unknown-partial",
        ),
        pytest.param(
            lambda b: (
                (b / "docs/demo_x.tmpl.md").write_text("{{ render('_loop.md') }}"),
                (b / "docs/_loop.md").write_text("again {{ render('_loop.md') }}"),
            ),
            "docs/demo_x.tmpl.md",
            "a partial renders itself",
            id="render-recursion",
        ),
        pytest.param(
            lambda b: (
                (b / "docs/demo_x.tmpl.md").write_text("{{ render('_a.md') }}"),
                (b / "docs/_a.md").write_text("{{ render('_b.md') }}"),
                (b / "docs/_b.md").write_text("{{ render('_a.md') }}"),
            ),
            "docs/demo_x.tmpl.md",
            "nested",
            id="render-mutual-recursion",
        ),
        pytest.param(
            lambda b: (b / "docs/demo_x.tmpl.md").write_text(
                "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
            ),
            "docs/demo_x.tmpl.md",
            "a macro calls itself",
            id="macro-recursion",
        ),
    ],
)
def test_bad_template_is_a_clear_content_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: Any,
    relpath: str,
    message: str,
) -> None:
    root = tmp_path / "project"
    bundle = _bundled(root)
    setup(bundle)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(bundle / relpath), message, "nothing was written")
    assert not (root / "docs").exists()


def test_empty_files_are_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty template, partial, example or static page is content, not an error."""
    root = tmp_path / "project"
    bundle = _bundled(root, "{{ include('_empty.md') }}{{ example('empty') }}")
    (bundle / "docs/_empty.md").write_bytes(b"")
    (bundle / "examples").mkdir()
    (bundle / "examples/empty.tf").write_bytes(b"")
    (root / "templates/guides").mkdir(parents=True)
    (root / "templates/guides/empty.md").write_bytes(b"")
    (root / "examples/resources/demo_x").mkdir(parents=True)
    (root / "examples/resources/demo_x/resource.tf").write_bytes(b"")
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    assert (root / "docs/resources/x.md").read_text().startswith("---\n")


@pytest.mark.parametrize(
    ("setup", "relpath"),
    [
        pytest.param(
            lambda r: (
                (r / "examples/resources/demo_x").mkdir(parents=True),
                (r / "examples/resources/demo_x/resource.tf").write_bytes(
                    b'resource "x" {\n' + BINARY
                ),
            ),
            "examples/resources/demo_x/resource.tf:2",
            id="conventional-example",
        ),
        pytest.param(
            lambda r: (
                (r / "examples/resources/demo_x").mkdir(parents=True),
                (r / "examples/resources/demo_x/import.sh").write_bytes(BINARY),
            ),
            "examples/resources/demo_x/import.sh:",
            id="import-script",
        ),
        pytest.param(
            lambda r: (
                (r / "templates/resources").mkdir(parents=True),
                (r / "templates/resources/x.md").write_bytes(b"---\n" + BINARY),
            ),
            "templates/resources/x.md:2",
            id="static-page",
        ),
        pytest.param(
            lambda r: (
                (r / "guides").mkdir(parents=True),
                (r / "guides/intro.tmpl.md").write_bytes(BINARY),
            ),
            "guides/intro.tmpl.md:",
            id="project-guide",
        ),
        pytest.param(
            lambda r: (
                (r / "x.plating/guides").mkdir(parents=True),
                (r / "x.plating/guides/intro.md").write_bytes(BINARY),
            ),
            "x.plating/guides/intro.md:",
            id="bundle-guide",
        ),
    ],
)
def test_non_utf8_inputs_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: Any, relpath: str
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    setup(root)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (1,), str(root / relpath), "not UTF-8")
    assert not (root / "docs").exists()


def test_binary_files_beside_static_pages_are_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only pages must be text: an image under templates/ is copied byte for byte."""
    root = tmp_path / "project"
    root.mkdir()
    write_schema(root / "schema.json", schema_document(resources={"demo_x": resource_block()}))
    (root / "templates/guides").mkdir(parents=True)
    (root / "templates/guides/diagram.png").write_bytes(BINARY)
    outcome = cli(capsys, *plate_args(root))
    assert outcome.code == 0, outcome.err
    assert (root / "docs/guides/diagram.png").read_bytes() == BINARY


# --- descriptions that break naive YAML --------------------------------------------------

HOSTILE_DESCRIPTIONS = {
    "document-markers": "---\nstill the description\n---\n...",
    "colon-space": "key: value: more: ",
    "quotes": '"double" and \'single\' and `back` and \\"escaped\\"',
    "tabs": "\tindented\twith\ttabs\t",
    "leading-spaces": "   four leading spaces\n  then two",
    "control-characters": "bell\x07 escape\x1b[31m nul\x00 del\x7f c1\x85 ls\u2028 ps\u2029",
    "bom-and-nonchars": "\ufeffbom \ufffe \uffff",
    "yaml-syntax": "- a\n- b\n? c\n: d\n&anchor *alias !!python/object:os.system %TAG",
    "flow-syntax": "{ a: [1, 2], b: {c: d} } [x, y]",
    "comment": "# not a comment\nvalue # trailing",
    "crlf": "line one\r\nline two\rline three",
    "jinja": "{{ 7 * 7 }} {% if x %}{% endif %} {# c #}",
    "only-newlines": "\n\n\n",
    "emoji": "🙂 \U0001f9d1\u200d\U0001f373 日本語",
    "megabyte": "word: " * 180_000,
}


@pytest.mark.parametrize(
    "description", list(HOSTILE_DESCRIPTIONS.values()), ids=list(HOSTILE_DESCRIPTIONS)
)
def test_hostile_descriptions_keep_front_matter_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], description: str
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    attribute = attr(required=True, description=description)
    document = schema_document(
        resources={"demo_x": resource_block(description, name=attribute)},
        data_sources={"demo_y": resource_block(description)},
        functions={
            "f": {
                "return_type": "string",
                "summary": description,
                "description": description,
                "parameters": [{"name": "p", "type": "string", "description": description}],
            }
        },
    )
    document["provider_schemas"][ADDRESS]["provider"]["block"]["description"] = description
    write_schema(root / "schema.json", document)
    add_bundle(root, "data_sources", "demo_y", "{{ description }}\n\n{{ schema() }}\n")
    extra: tuple[str, ...] = ()
    if len(description) > 500_000:
        # Pages the Registry would truncate are refused, naming each, and nothing is written;
        # dedupe_nested = "never" writes them as tfplugindocs does.
        outcome = cli(capsys, *plate_args(root))
        assert outcome.code == 1
        assert "over the Registry's limit of 500,000 bytes (no repeated nested" in outcome.err
        assert not (root / "docs").exists()
        extra = ("--dedupe-nested", "never")
    outcome = cli(capsys, *plate_args(root), *extra)
    assert outcome.code == 0, outcome.err
    pages = sorted((root / "docs").rglob("*.md"))
    assert len(pages) == 4
    for page in pages:
        front, _body = split_front_matter(page.read_text(encoding="utf-8"))
        assert front is not None, page
        data = yaml.safe_load(front)
        assert isinstance(data, dict), page
        assert isinstance(data.get("page_title"), str)
        assert isinstance(data.get("description", ""), str)
    outcome = cli(
        capsys,
        "validate",
        "--format",
        "json",
        "--schema",
        str(root / "schema.json"),
        "--project-root",
        str(root),
    )
    findings = json.loads(outcome.out)["findings"]
    # The front matter always passes; a 1 MB description legitimately makes pages too large
    # for the Registry, and is reported as such.
    allowed = {"registry/size"} if len(description) > 500_000 else set()
    errors = [f for f in findings if f["severity"] == "error" and f["rule"] not in allowed]
    assert errors == []
    assert not [f for f in findings if f["rule"].startswith("frontmatter/")]


# --- configuration files ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["plate", "validate", "adorn"])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\xff\xfe[tool.plating]\n", "not UTF-8", id="not-utf8"),
        pytest.param(b"[tool.plating\nx = 1\n", "not valid TOML", id="broken-toml"),
        pytest.param(b'tool = "plating"\n', None, id="tool-string"),
        pytest.param(b"project = 5\n", None, id="project-number"),
        pytest.param(b"[project]\nname = 5\n", None, id="project-name-number"),
        pytest.param(
            b"[tool]\nplating = 5\n", "[tool.plating] must be a table", id="plating-number"
        ),
        pytest.param(
            b"[tool.plating]\nretry = 5\n",
            "[tool.plating.retry] must be a table",
            id="retry-number",
        ),
        pytest.param(
            b"[tool.plating]\nconcurrency = 'many'\n", "concurrency", id="concurrency-string"
        ),
        pytest.param(b"[tool.plating]\nexclude = 5\n", "exclude", id="exclude-number"),
        pytest.param(
            b"[tool.plating]\nsubcategories = 5\n", "subcategories", id="subcategories-number"
        ),
        pytest.param(b"[tool.plating]\nwhat = 1\n", "unknown key 'what'", id="unknown-key"),
        pytest.param(b"[tool.plating]\noutput_dir = 5\n", "output_dir", id="output-dir-number"),
    ],
)
def test_bad_configuration_is_named(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    content: bytes,
    message: str | None,
) -> None:
    """A broken pyproject.toml is an error naming it (exit 2); tables plating does not own
    (``tool``, ``project``) may hold anything."""
    root = _project(tmp_path, VALID.encode())
    (root / "pyproject.toml").write_bytes(content)
    outcome = cli(
        capsys, command, "--schema", str(root / "schema.json"), "--project-root", str(root)
    )
    if message is None:
        assert outcome.code in (0, 1), outcome.err
        assert "Traceback" not in outcome.err
        return
    assert_clean_error(outcome, (2,), str(root / "pyproject.toml"), message)


@pytest.mark.parametrize("command", ["plate", "validate", "adorn"])
def test_missing_project_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    missing = tmp_path / "nowhere"
    schema = write_schema(tmp_path / "schema.json", json.loads(VALID))
    outcome = cli(capsys, command, "--schema", str(schema), "--project-root", str(missing))
    assert_clean_error(outcome, (2,), str(missing), "not a folder")
    assert not missing.exists(), "nothing is created for a project that does not exist"


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        pytest.param(lambda r: (r / "docs").write_text("x"), 1, "docs", id="output-is-file"),
        pytest.param(
            lambda r: ((r / "docs").mkdir(), (r / "docs/resources").write_text("x")),
            1,
            "docs/resources",
            id="kind-folder-is-file",
        ),
        pytest.param(
            lambda r: (r / "docs/resources/x.md").mkdir(parents=True),
            1,
            "not a regular file",
            id="page-is-folder",
        ),
        pytest.param(
            lambda r: ((r / "schema.json").unlink(), (r / "schema.json").mkdir()),
            2,
            "cannot read the schema file",
            id="schema-is-folder",
        ),
        pytest.param(lambda r: (r / "schema.json").unlink(), 2, "No such file", id="no-schema"),
    ],
)
def test_unusable_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: Any, code: int, message: str
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "schema.json").write_text(VALID)
    setup(root)
    outcome = cli(capsys, *plate_args(root))
    assert_clean_error(outcome, (code,), message)


# --- validate on hostile docs trees ------------------------------------------------------

GOOD_INDEX = "---\npage_title: demo\ndescription: |-\n  d\n---\n\n# demo\n\nbody\n"
GOOD_PAGE = '---\npage_title: x\nsubcategory: ""\ndescription: |-\n  d\n---\n\n# x\n\nbody\n'

HOSTILE_PAGES: dict[str, tuple[bytes, str]] = {
    "binary": (BINARY, "registry/encoding"),
    "latin1": ("---\npage_title: é\n---\n".encode("latin-1"), "registry/encoding"),
    "empty": (b"", "frontmatter/missing"),
    "python-tag": (
        b"---\npage_title: !!python/object/apply:os.system ['id']\n---\n# x\n",
        "frontmatter/yaml",
    ),
    "yaml-list": (b"---\n- a\n---\n# x\n", "frontmatter/yaml"),
    "yaml-deep": (
        b"---\na: " + b"[" * 20_000 + b"]" * 20_000 + b"\n---\n# x\n",
        "frontmatter/yaml",
    ),
    "yaml-control": (b'---\npage_title: "\x07"\n---\n# x\n', "frontmatter/yaml"),
    "unclosed-front-matter": (b"---\npage_title: x\n# x\n", "frontmatter/missing"),
    "billion-laughs": (
        (
            "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                for i in range(9)
            )
            + 'page_title: x\nsubcategory: ""\n---\n\n# x\n\nbody\n'
        ).encode(),
        "",
    ),
    "megabyte-line": (GOOD_PAGE.encode() + b"a" * 1_000_000 + b"\n", "registry/size"),
    "unclosed-fence": (
        GOOD_PAGE.encode() + b"```terraform\nresource {{{{\n",
        "markdown/unclosed-fence",
    ),
    "deep-hcl": (
        GOOD_PAGE.encode()
        + b"```terraform\nlocals { a = "
        + b"[" * 50_000
        + b"]" * 50_000
        + b" }\n```\n",
        "example/syntax",
    ),
    "deep-hcl-parens": (
        GOOD_PAGE.encode()
        + b"```terraform\nlocals { a = "
        + b"(" * 50_000
        + b"1"
        + b")" * 50_000
        + b" }\n```\n",
        "example/syntax",
    ),
    "deep-hcl-templates": (
        GOOD_PAGE.encode()
        + b"```terraform\nlocals { a = "
        + b'"${' * 5000
        + b"1"
        + b'}"' * 5000
        + b" }\n```\n",
        "example/syntax",
    ),
    "many-links": (GOOD_PAGE.encode() + b"](" * 20_000 + b"\n" + b"[" * 20_000 + b"\n", ""),
}


@pytest.mark.parametrize(("content", "rule"), list(HOSTILE_PAGES.values()), ids=list(HOSTILE_PAGES))
def test_validate_reports_hostile_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, rule: str
) -> None:
    root = tmp_path / "project"
    (root / "docs/resources").mkdir(parents=True)
    (root / "docs/index.md").write_text(GOOD_INDEX)
    (root / "docs/resources/x.md").write_bytes(content)
    outcome = cli(capsys, "validate", "--format", "json", "--project-root", str(root))
    assert outcome.code in (0, 1), outcome.err
    assert "Traceback" not in outcome.err
    result = json.loads(outcome.out)
    if rule:
        hits = [f for f in result["findings"] if f["rule"] == rule]
        assert hits, result["findings"][:5]
        assert all(f["path"] == "docs/resources/x.md" for f in hits)


@pytest.mark.parametrize(
    "content",
    [BINARY, b"", b'resource "demo_x" {\n' + b"{" * 100_000, "résumé = 1\n".encode("latin-1")],
    ids=["binary", "empty", "deep-braces", "latin1"],
)
def test_validate_reports_hostile_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text(GOOD_INDEX)
    for folder in ("examples/resources/demo_x", "r/demo_x.plating/examples"):
        (root / folder).mkdir(parents=True)
        (root / folder / "resource.tf").write_bytes(content)
    outcome = cli(capsys, "validate", "--format", "json", "--project-root", str(root))
    assert outcome.code in (0, 1), outcome.err
    assert "Traceback" not in outcome.err
    findings = json.loads(outcome.out)["findings"]
    if content:
        paths = {f["path"] for f in findings if f["rule"] == "example/syntax"}
        assert paths == {
            "examples/resources/demo_x/resource.tf",
            "r/demo_x.plating/examples/resource.tf",
        }
