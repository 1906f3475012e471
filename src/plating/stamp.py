"""The no-change fast path: a record of the last successful ``plate`` and its inputs.

The stamp is a cache of one question: would a full run, now, change nothing? After a run
writes (or confirms) every page, plating stores

- a digest of everything the pages depend on: plating's version, every option that shapes a
  page, the schema source's fingerprint, and the names, sizes and mtimes of every bundle,
  example, static-page and guide file;
- the size and mtime of other files the pages were made from (``reads``: modules a pyvider
  schema imported from outside its package, files a template read);
- the size and mtime of every file in the run's scope of the docs folder (hand-written pages
  included: whether plating keeps them depends on them), as the run saw each: when it listed
  a file it then read, when it wrote a page (see :attr:`plating.write.WriteReport.observed`),
  so that another program's edit during the run is a change for the next one;
- the pages of the plan and the run's warnings.

A later run whose digest, reads and docs files all match has nothing to do: it skips parsing,
rendering and writing and reports the stored pages and warnings. Any doubt (a file touched,
added or removed on either side, a missing page, a corrupt stamp) falls back to the full run,
so a stamp can make a run faster but never make it answer differently.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plating.bundles.discover import SKIPPED_DIRS
from plating.ownership import Scope
from plating.schema.kinds import ComponentType

STAMP_FORMAT = 2


@dataclass(frozen=True)
class Replay:
    """What a matching stamp says the full run would report."""

    pages: list[str]
    warnings: list[str]
    kept: list[str]


def _stat(path: str) -> tuple[int, int]:
    """Size and mtime of a file; of the link itself when it points nowhere (a dangling link
    is an input like any other, never a crash); (-1, -1) when it vanished meanwhile."""
    for stat in (os.stat, os.lstat):
        try:
            info = stat(path)
        except OSError:
            continue
        return info.st_size, info.st_mtime_ns
    return -1, -1


def _tree_files(root: Path, skip: set[Path]) -> Iterable[tuple[str, int, int]]:
    """(relative path, size, mtime) of files a run reads below ``root``: bundle contents
    and nothing else, walking as bundle discovery walks."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        inside_bundle = any(part.endswith(".plating") for part in here.relative_to(root).parts)
        if inside_bundle:
            for name in sorted(filenames):
                yield (os.path.join(dirpath, name), *_stat(os.path.join(dirpath, name)))
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIPPED_DIRS and not d.endswith(".egg-info") and (here / d) not in skip
        )


def _all_files(root: Path) -> Iterable[tuple[str, int, int]]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            yield (path, *_stat(path))


def input_digest(
    options: dict[str, Any],
    source_fingerprint: str,
    bundle_roots: list[Path],
    extra_roots: list[Path],
    skip: list[Path],
) -> str:
    """A digest of everything the pages of a run depend on."""
    from plating.version import __version__

    digest = hashlib.sha256()
    digest.update(json.dumps([STAMP_FORMAT, __version__, options], sort_keys=True).encode())
    digest.update(source_fingerprint.encode())
    skipped = {p.resolve() for p in skip}
    for root in bundle_roots:
        for entry in _tree_files(root, skipped):
            digest.update(repr(entry).encode())
    for root in extra_roots:
        for entry in _all_files(root):
            digest.update(repr(entry).encode())
    return digest.hexdigest()


def tree_state(output_dir: Path, scope: Scope, pages: Iterable[str] = ()) -> dict[str, list[int]]:
    """Size and mtime of every file in the scope of the docs folder (temporary files a
    killed run left included: the next full run removes them), and of every planned page
    (-1 for a page that is missing)."""
    files = scope.files(output_dir, temporary=True)
    state = {relpath: list(_stat(str(path))) for relpath, path in files.items()}
    for relpath in pages:
        if relpath not in state:
            state[relpath] = list(_stat(str(output_dir / relpath)))
    return state


def stamp_path(cache_dir: Path, output_dir: Path) -> Path:
    """One stamp per output folder."""
    key = hashlib.sha256(str(output_dir).encode()).hexdigest()[:16]
    return cache_dir / "stamps" / f"plate-{key}.json"


def load(path: Path) -> dict[str, Any] | None:
    """The stored stamp, or None when absent or unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == STAMP_FORMAT else None


def last_pages(path: Path) -> frozenset[str]:
    """The pages the stamped run wrote or confirmed (not the hand-written pages it kept);
    none without a readable stamp."""
    stamp = load(path)
    if stamp is None:
        return frozenset()
    pages, kept = _strings(stamp.get("pages")), _strings(stamp.get("kept")) or []
    if pages is None:
        return frozenset()
    return frozenset(p for p in pages if p not in kept and ".." not in p.split("/"))


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def matches(stamp: dict[str, Any] | None, digest: str, output_dir: Path) -> Replay | None:
    """What the stamped run reported, when nothing changed since; else None."""
    if stamp is None or stamp.get("digest") != digest:
        return None
    pages, warnings, kept = (_strings(stamp.get(k)) for k in ("pages", "warnings", "kept"))
    kinds = stamp.get("scope")
    reads = stamp.get("reads")
    # A damaged stamp is a miss, never a crash.
    if pages is None or warnings is None or kept is None or not isinstance(reads, dict):
        return None
    if kinds is not None and _strings(kinds) is None:
        return None
    try:
        scope = Scope(None if kinds is None else [ComponentType(k) for k in kinds])
    except ValueError:
        return None
    if any(not isinstance(p, str) or list(_stat(p)) != state for p, state in reads.items()):
        return None  # a file the pages were made from changed
    state = tree_state(output_dir, scope, pages)
    if any(state[p][0] < 0 for p in pages) or state != stamp.get("tree"):
        return None
    return Replay(pages, warnings, kept)


def save(
    path: Path,
    digest: str,
    output_dir: Path,
    scope: Scope,
    replay: Replay,
    reads: Iterable[str] = (),
    tree: dict[str, list[int]] | None = None,
) -> None:
    """Record a successful run (best effort: a stamp that cannot be written costs speed only).

    ``reads``: further files the pages were made from; a later run matches only while each
    keeps its size and mtime. ``tree``: the docs files of the scope as the run saw them
    (default: as they are now).
    """
    from plating.schema.cache import mark_cache_directory, refuse_links
    from plating.write import atomic_write

    document = {
        "format": STAMP_FORMAT,
        "digest": digest,
        "scope": scope.as_json(),
        "pages": replay.pages,
        "warnings": replay.warnings,
        "kept": replay.kept,
        "reads": {read: list(_stat(read)) for read in reads},
        "tree": tree if tree is not None else tree_state(output_dir, scope, replay.pages),
    }
    with contextlib.suppress(OSError):
        refuse_links(path.parent.parent, path)
        mark_cache_directory(path.parent.parent)
        atomic_write(path, json.dumps(document).encode())
