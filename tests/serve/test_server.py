"""The preview's HTTP surface: what is served, what is refused, and the safety headers."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plating.serve.server import PreviewServer
from tests.serve.conftest import running_preview


def _get(server: PreviewServer, path: str, host: str | None = None) -> http.client.HTTPResponse:
    """A raw GET: the path is sent exactly as given (no client-side normalisation)."""
    address, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(address), port, timeout=10)
    headers = {"Host": host} if host is not None else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read_body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def _body(response: http.client.HTTPResponse) -> str:
    return response.read_body.decode("utf-8", "replace")  # type: ignore[attr-defined]


def test_index_pages_assets_and_headers(preview: PreviewServer) -> None:
    index = _get(preview, "/")
    assert index.status == 200
    assert "kitchen Provider" in _body(index)
    csp = index.getheader("Content-Security-Policy") or ""
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert index.getheader("X-Content-Type-Options") == "nosniff"
    page = _get(preview, "/docs/resources/recipe")
    assert page.status == 200
    body = _body(page)
    assert '<h1 id="kitchen_recipe-resource">' in body
    assert "page_title" in body and "Cooking" in body  # the front matter panel
    assert "500 KB limit" in body and "bytes," in body
    for asset in ("preview.css", "preview.js", "highlight.css"):
        assert _get(preview, f"/_plating/assets/{asset}").status == 200


@pytest.mark.parametrize("suffix", [".md", ".html", ".html.markdown"])
def test_file_links_redirect_to_the_page(preview: PreviewServer, suffix: str) -> None:
    # `.html`: the legacy website's links (`[x](./sensitive_file.html)` in real providers'
    # pages), which validate's link check resolves to the page, so the preview does too.
    response = _get(preview, f"/docs/resources/recipe{suffix}")
    assert response.status == 301
    assert response.getheader("Location") == "/docs/resources/recipe"
    assert _get(preview, f"/docs/index{suffix}").getheader("Location") == "/"
    assert _get(preview, "/docs").getheader("Location") == "/"
    assert _get(preview, f"/docs/resources/nothing{suffix}").status == 404


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/docs/../../pyproject.toml",
        "/docs/%2e%2e/%2e%2e/pyproject.toml",
        "/_plating/assets/../../../pyproject.toml",
        "/_plating/assets/%2e%2e%2f%2e%2e%2fserve%2fapp.py",
        "/docs/..%5c..%5cschema.json",
        "/docs/resources/%00recipe",
        "//etc/passwd",
        "/.plating-cache/x",
    ],
)
def test_traversal_is_refused(preview: PreviewServer, path: str) -> None:
    response = _get(preview, path)
    body = _body(response)
    # The standard library collapses a leading "//" itself: that one is simply not found.
    assert response.status == (404 if path.startswith("//") else 400)
    assert "[project]" not in body and "provider_schemas" not in body and "root:" not in body


@pytest.mark.parametrize(
    "path",
    ["/schema.json", "/pyproject.toml", "/docs/resources/", "/docs/resources", "/components"],
)
def test_nothing_else_of_the_project_and_no_listing(preview: PreviewServer, path: str) -> None:
    response = _get(preview, path)
    assert response.status in (301, 404)
    body = _body(response)
    assert "provider_schemas" not in body and "terraform-provider-kitchen" not in body
    assert "Index of" not in body


def test_unknown_asset_and_other_hosts(preview: PreviewServer) -> None:
    assert _get(preview, "/_plating/assets/page.html").status == 404
    assert _get(preview, "/", host="attacker.example:80").status == 421
    assert _get(preview, "/", host=f"localhost:{preview.server_address[1]}").status == 200


def test_status_reports_version(preview: PreviewServer) -> None:
    status = json.loads(_body(_get(preview, "/_plating/status.json")))
    assert status["version"] >= 0 and isinstance(status["validating"], bool)


def test_findings_and_counts_on_pages(demo_project: Path) -> None:
    template = demo_project / "components/resources/recipe.plating/docs/kitchen_recipe.tmpl.md"
    template.write_text(template.read_text() + "\nSee [the steps](#no-such-anchor).\n")
    with running_preview(demo_project) as server:
        deadline = time.monotonic() + 30
        while json.loads(_body(_get(server, "/_plating/status.json")))["validating"]:
            assert time.monotonic() < deadline, "validate did not finish"
            time.sleep(0.05)
        body = _body(_get(server, "/docs/resources/recipe"))
        assert "links/anchor" in body and "#no-such-anchor" in body
        assert 'class="count count-error"' in body
        assert "links/anchor" not in _body(_get(server, "/docs/resources/pantry_item"))


def test_nothing_is_written_without_write(demo_project: Path) -> None:
    before = sorted(p.relative_to(demo_project) for p in demo_project.rglob("*"))
    with running_preview(demo_project) as server:
        assert _get(server, "/docs/resources/recipe").status == 200
    after = sorted(p.relative_to(demo_project) for p in demo_project.rglob("*"))
    assert after == before
    assert not (demo_project / "docs").exists()


def test_write_uses_plates_writer(demo_project: Path) -> None:
    with running_preview(demo_project, write=True):
        deadline = time.monotonic() + 30
        while not (demo_project / "docs/resources/recipe.md").exists():
            assert time.monotonic() < deadline, "--write wrote nothing"
            time.sleep(0.05)
    assert len(list((demo_project / "docs").rglob("*.md"))) == 10


def test_command_serves_and_stops_on_ctrl_c(demo_project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "plating.cli", "serve", "--schema", "schema.json", "--port", "0"],
        cwd=demo_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("plating serve: kitchen docs, 10 page(s), at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        port = int(url.rsplit(":", 1)[1].rstrip("/"))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/docs/functions/scale_quantity")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        _out, error = process.communicate(timeout=20)  # also closes the pipes
    assert process.returncode == 0, error


def test_without_the_extra_the_command_names_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from plating.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nh3" else real(name, *a)
    )
    assert main(["serve", "--schema", "schema.json"]) == 2
    error = capsys.readouterr().err
    assert "missing: nh3" in error and "pip install 'plating[serve]'" in error


def test_navigation_is_left_out_while_the_browser_has_it(preview: PreviewServer) -> None:
    first = _body(_get(preview, "/docs/resources/recipe"))
    key = first.split('<div id="nav-tree" data-key="', 1)[1].split('"', 1)[0]
    again = _body(_get(preview, f"/docs/resources/recipe?nav={key}"))
    assert 'id="nav-tree"' not in again and "kitchen_recipe (Resource)" in again
    stale = _body(_get(preview, "/docs/resources/recipe?nav=stale"))
    assert 'id="nav-tree"' in stale


def test_hand_written_bom_crlf_page_is_shown_with_its_front_matter(demo_project: Path) -> None:
    guide = demo_project / "docs" / "guides" / "faq.md"
    guide.parent.mkdir(parents=True)
    guide.write_bytes(
        b'\xef\xbb\xbf---\r\npage_title: "Frequent questions"\r\nsubcategory: "Help"\r\n---\r\n'
        b"\r\n# FAQ\r\n\r\n-> Ask in the kitchen.\r\n"
    )
    with running_preview(demo_project) as server:
        body = _body(_get(server, "/docs/guides/faq"))
        assert "hand-written: plate keeps it" in body
        assert "<th>page_title</th><td>Frequent questions</td>" in body
        assert '<h1 id="faq">' in body and 'class="callout callout-note"' in body
        navigation = _body(_get(server, "/"))
        assert ">Help</h2>" in navigation and "Frequent questions" in navigation


def test_monorepo_needs_one_provider(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from plating.cli import main

    (tmp_path / "pyproject.toml").write_text(
        '[[tool.plating.providers]]\nprovider_name = "a"\nschema = "a.json"\n\n'
        '[[tool.plating.providers]]\nprovider_name = "b"\nschema = "b.json"\n'
    )
    assert main(["serve", "--project-root", str(tmp_path)]) == 2
    assert "one provider at a time; pick one with --provider-name" in capsys.readouterr().err


def test_pages_stay_servable_while_edits_rerender(demo_project: Path) -> None:
    """Readers never see a half-updated site: every request during a burst of edits is
    answered in full (bounded: 20 edits, requests until they are done)."""
    import threading

    template = demo_project / "components/resources/recipe.plating/docs/kitchen_recipe.tmpl.md"
    original = template.read_text()
    statuses: list[int] = []
    done = threading.Event()
    with running_preview(demo_project) as server:

        def read() -> None:
            while not done.is_set() and len(statuses) < 2000:
                for path in ("/", "/docs/resources/recipe", "/docs/resources/pantry_item"):
                    statuses.append(_get(server, path).status)

        reader = threading.Thread(target=read)
        reader.start()
        try:
            for index in range(20):
                broken = index % 3 == 0  # every third edit fails to render
                template.write_text(original + ("{{ oops }}" if broken else f"\nEdit {index}.\n"))
                server.preview.apply_changes([template])
        finally:
            done.set()
            reader.join(timeout=30)
        final = _body(_get(server, "/docs/resources/recipe"))
    assert statuses and set(statuses) == {200}
    assert "Edit 19." in final


def test_a_render_error_is_shown_on_its_page(demo_project: Path) -> None:
    template = demo_project / "components/resources/recipe.plating/docs/kitchen_recipe.tmpl.md"
    with running_preview(demo_project) as server:
        template.write_text(template.read_text() + "\n{{ no_such_name }}\n")
        server.preview.apply_changes([template])
        response = _get(server, "/docs/resources/recipe")
        body = _body(response)
    assert response.status == 200
    assert "This page could not be rendered" in body
    assert "kitchen_recipe.tmpl.md" in body and "no_such_name" in body
    assert 'title="the page could not be rendered"' in body  # its mark in the navigation


def test_the_terminal_says_when_the_docs_break_and_when_they_are_fixed(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from plating.serve.run import _changed

    schema_file = demo_project / "schema.json"
    good = schema_file.read_text()
    with running_preview(demo_project) as server:
        capsys.readouterr()
        schema_file.write_text(good[: len(good) // 2])  # saved half-way
        _changed(server.preview, {schema_file})
        broken = capsys.readouterr().err
        schema_file.write_text(good)
        _changed(server.preview, {schema_file})
        fixed = capsys.readouterr().err
    assert "schema.json" in broken and "not valid JSON" in broken
    assert "updated" not in broken  # no page changed: no empty "updated" line
    assert "fixed: the docs are made from the current files again" in fixed


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_ends_the_command_and_removes_its_scratch_folder(
    demo_project: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "plating.cli", "serve", "--schema", "schema.json", "--port", "0"],
        cwd=demo_project,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("plating serve: kitchen docs")
        assert [p.name[:14] for p in scratch.iterdir()] == ["plating-serve-"]
    finally:
        process.send_signal(stop)
        _out, error = process.communicate(timeout=20)
    assert process.returncode == 0, error
    assert list(scratch.iterdir()) == []


def test_open_shows_the_preview_in_the_browser_and_loopback_is_not_warned_about(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading
    import webbrowser

    opened: list[str] = []
    done = threading.Event()

    def record(url: str) -> bool:
        opened.append(url)
        done.set()
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    with running_preview(demo_project, open_browser=True) as server:
        assert done.wait(10), "--open opened nothing"
        assert opened == [server.url]
        assert server.url.startswith("http://127.0.0.1:")
    assert "not a loopback address" not in capsys.readouterr().err


def test_another_address_than_loopback_is_served_with_a_warning(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running_preview(demo_project, host="0.0.0.0") as server:
        port = server.server_address[1]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
        connection.close()
    err = capsys.readouterr().err
    assert "listening on 0.0.0.0, not a loopback address" in err
    assert "anyone who can reach this machine can read the preview" in err
