"""Walk a project's docs trees, bundles and examples and run every enabled check once.

Each page is read and parsed once (:func:`plating.validate.page.parse_page`); the per-page
checks, the link check, the page/component mismatch and the example checks all read that
one parse. Findings that a ``plating-ignore`` marker silences are dropped at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from plating.bundles.model import Bundle
from plating.errors import BundleError, UsageError
from plating.schema.model import ProviderSchema, short_provider_name
from plating.validate.checks.base import CheckContext, Reporter
from plating.validate.checks.frontmatter import check_front_matter
from plating.validate.checks.layout import check_layout, check_mixed_layout
from plating.validate.checks.links import check_links
from plating.validate.checks.markdown import check_markdown
from plating.validate.checks.mismatch import check_mismatch
from plating.validate.config import ValidateConfig
from plating.validate.findings import Skipped, ValidationResult
from plating.validate.markers import IGNORE, Markers, find_markers, keep_unsilenced
from plating.validate.page import Page, decode, parse_page
from plating.validate.rules import RULES
from plating.validate.tree import DocFile, find_trees, walk_tree


@dataclass(frozen=True)
class ValidateOptions:
    """What to validate and how."""

    project_root: Path
    docs_dir: Path | None = None  # default: <root>/docs (and <root>/website/docs if present)
    examples_dir: Path | None = None  # default: <root>/examples
    config: ValidateConfig = field(default_factory=ValidateConfig)
    provider_name: str | None = None  # used for example checks when there is no schema
    terraform: bool = False
    terraform_binary: Path | None = None  # for --terraform; default: terraform/tofu on PATH
    package_name: str | None = None  # a pyvider package: served to terraform for --terraform
    bundle_roots: tuple[Path, ...] = ()  # more folders holding .plating bundles
    skip_dirs: tuple[Path, ...] = ()  # folders never searched (other providers' roots)


def validate_project(
    options: ValidateOptions,
    schema: ProviderSchema | None,
    example_schema: ProviderSchema | None = None,
) -> ValidationResult:
    """Run the checks; raises :class:`UsageError` when there is no docs tree to validate.

    ``schema`` holds the documented components (pages are checked against it);
    ``example_schema`` every component examples may use (default: ``schema``), those that
    ``exclude`` leaves without a page included."""
    started = time.perf_counter()
    root = options.project_root.resolve()
    config = options.config
    rules = config.rules
    reporter = Reporter(rules)
    short = schema.short_name if schema is not None else None
    if short is None and options.provider_name:
        short = short_provider_name(options.provider_name)
    ctx = CheckContext(root, config, reporter, schema, short)
    result = ValidationResult()

    trees = find_trees(root, options.docs_dir)
    if not trees:
        where = options.docs_dir or root / "docs"
        raise UsageError.naming_options(
            lambda o: (
                f"no docs tree to validate: {where} and {root / 'website' / 'docs'} do "
                f"not exist (run `plating plate` first, or pass {o('output_dir')})"
            )
        )
    result.roots = [t.display for t in trees]
    files: list[DocFile] = []
    for tree in trees:
        tree_files, bad = walk_tree(tree, root)
        files.extend(tree_files)
        check_layout(tree, tree_files, bad, ctx)
    mixed = check_mixed_layout(trees, ctx)
    result.files_checked = len(files)

    pages = _parse_pages(files, ctx)
    result.pages_checked = len(pages)
    markers: dict[str, Markers] = {}
    for page in pages:
        _note_markers(markers, page.file.relpath, page.text)
    check_links(pages, ctx)

    if schema is None:
        result.skipped.extend(_schema_skips())
    elif mixed:
        reason = "mixed docs layouts: fix registry/mixed-layout first"
        result.skipped.extend(
            Skipped(r, reason) for r in ("registry/extraneous-page", "registry/missing-page")
        )
    elif rules.enabled("registry/extraneous-page") or rules.enabled("registry/missing-page"):
        for tree in trees:
            check_mismatch(tree, files, schema, ctx)

    bundles = _bundles(root, options.bundle_roots, [t.root for t in trees], options.skip_dirs)
    if schema is not None and rules.enabled("bundle/ambiguous-template"):
        _check_bundle_templates(bundles, schema, ctx)

    if rules.any_enabled("example/") or (options.terraform and rules.enabled("terraform/validate")):
        from plating.validate.checks.examples import ExampleChecker, ExampleSource, page_examples

        sources = page_examples(pages, ctx)
        examples_root = options.examples_dir or root / "examples"
        for path in _example_paths(examples_root, bundles):
            text = _read_example(path, ctx)
            if text is not None:
                relpath = ctx.display(path)
                _note_markers(markers, relpath, text)
                sources.append(ExampleSource(relpath, text))
        checker = ExampleChecker(
            ctx if example_schema is None else replace(ctx, schema=example_schema)
        )
        # Only whole configurations checked against the schema go to terraform: it would
        # report what guides' old examples, fragments and '# ...' blocks leave out on purpose.
        whole = [source for source in sources if checker.check(source)]
        result.examples_checked = len(sources)
        if options.terraform and rules.enabled("terraform/validate"):
            from plating.validate.checks.terraform import run_terraform_validate

            _ran, skipped = run_terraform_validate(
                whole,
                ctx,
                options.terraform_binary,
                options.package_name,
                left_out=len(sources) - len(whole),
            )
            result.skipped.extend(skipped)

    for relpath, found in markers.items():
        for line, message in found.problems:
            reporter.add("marker/unknown", relpath, line, message)
    kept = keep_unsilenced(reporter.findings, markers)
    result.findings = sorted(kept, key=lambda f: f.sort_key())
    result.duration_seconds = time.perf_counter() - started
    return result


def _parse_pages(files: list[DocFile], ctx: CheckContext) -> list[Page]:
    reporter = ctx.reporter
    line_length = ctx.config.line_length if reporter.enabled("markdown/line-length") else None
    front = reporter.rules.any_enabled("frontmatter/")
    lint = reporter.rules.any_enabled("markdown/")
    pages: list[Page] = []
    for file in files:
        if file.stem is None:
            continue
        try:
            data = file.path.read_bytes()
        except OSError as exc:
            reporter.add("registry/encoding", file.relpath, None, f"cannot read: {exc}")
            continue
        text, problem = decode(data)
        if text is None:
            assert problem is not None
            reporter.add("registry/encoding", file.relpath, problem[0], problem[1])
            continue
        page = parse_page(file, text, line_length=line_length)
        pages.append(page)
        if front:
            check_front_matter(page, ctx)
        if lint:
            check_markdown(page, ctx)
    return pages


def _note_markers(markers: dict[str, Markers], relpath: str, text: str) -> None:
    if IGNORE not in text:
        return
    found = find_markers(text)
    if found.silenced or found.problems:
        markers[relpath] = found


def _schema_skips() -> list[Skipped]:
    reason = "no schema given (--schema FILE or --package-name PKG)"
    return [Skipped(rule.id, reason) for rule in RULES if rule.needs_schema]


def _bundles(
    root: Path, bundle_roots: tuple[Path, ...], docs: list[Path], skip_dirs: tuple[Path, ...]
) -> list[Bundle]:
    """Every ``.plating`` bundle of the project and the source (docs trees and ``skip_dirs``,
    other providers' roots, skipped)."""
    from plating.bundles.discover import find_bundles

    return find_bundles([root, *bundle_roots], skip=[*docs, *skip_dirs])


def _check_bundle_templates(
    bundles: list[Bundle], schema: ProviderSchema, ctx: CheckContext
) -> None:
    """Templates ``plate`` would refuse: one matching several components (a resource and a
    list resource of the same name with no kind folder), or two for one component."""
    from plating.bundles.discover import bind_templates

    problems: list[tuple[Path, BundleError]] = []
    bind_templates(bundles, schema, problems)
    for path, problem in problems:
        message = str(problem).removeprefix(f"{path}: ")
        ctx.reporter.add("bundle/ambiguous-template", ctx.display(path), None, message)


def _example_paths(examples_root: Path, bundles: list[Bundle]) -> list[Path]:
    """Conventional example files, then the examples of every ``.plating`` bundle."""
    from plating.validate.checks.examples import example_files

    found = example_files([examples_root])
    seen = set(found)
    for bundle in bundles:
        for path in [*bundle.examples.values(), *bundle.grouped_examples.values()]:
            if path not in seen:
                seen.add(path)
                found.append(path)
    return found


def _read_example(path: Path, ctx: CheckContext) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.reporter.add("example/syntax", ctx.display(path), None, f"cannot read: {exc}")
        return None
    text, problem = decode(data)
    if text is None:
        assert problem is not None
        ctx.reporter.add("example/syntax", ctx.display(path), problem[0], problem[1])
    return text
