"""The no-change fast path: a record of the last successful ``plate`` and its inputs.

After a run writes (or confirms) every page, plating stores a digest of everything the pages
depend on (plating's version, the options, the schema source's fingerprint, the names, sizes
and mtimes of every bundle, example and static-page file) with the size and mtime of every
file in the managed part of the docs tree. A later run whose digest and tree match exactly has
nothing to do and skips parsing, rendering and writing. Any doubt (a file touched, added or
removed on either side, a corrupt stamp) falls back to the full run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from plating.bundles.discover import SKIPPED_DIRS

STAMP_FORMAT = 1


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
    from plating import __version__

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


def tree_state(output_dir: Path, scopes: Iterable[str]) -> dict[str, list[int]]:
    """Size and mtime of every file in the managed scopes of the docs tree."""
    from plating.write import scan_tree

    state: dict[str, list[int]] = {}
    for relpath, path in scan_tree(output_dir, scopes).items():
        state[relpath] = list(_stat(str(path)))
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
    """The pages the stamped run wrote (none without a readable stamp)."""
    stamp = load(path)
    pages = stamp.get("pages") if stamp is not None else None
    if not isinstance(pages, list):
        return frozenset()
    return frozenset(p for p in pages if isinstance(p, str) and ".." not in p.split("/"))


def matches(stamp: dict[str, Any] | None, digest: str, output_dir: Path) -> list[str] | None:
    """The pages of the stamped run when nothing changed since, else None."""
    if stamp is None or stamp.get("digest") != digest:
        return None
    scopes = stamp.get("scopes")
    pages = stamp.get("pages")
    if not isinstance(scopes, list) or not isinstance(pages, list):
        return None
    # A damaged stamp is a miss, never a crash (scopes are folder names below the docs).
    if not all(isinstance(s, str) and "/" not in s and s not in (".", "..") for s in scopes):
        return None
    if not all(isinstance(p, str) for p in pages):
        return None
    if tree_state(output_dir, scopes) != stamp.get("tree"):
        return None
    reads = stamp.get("reads", {})
    if not isinstance(reads, dict) or any(
        list(_stat(str(path))) != state for path, state in reads.items()
    ):
        return None  # a file a template read with codefile/tffile changed
    return [str(p) for p in pages]


def save(
    path: Path,
    digest: str,
    output_dir: Path,
    scopes: list[str],
    pages: list[str],
    reads: Iterable[str] = (),
) -> None:
    """Record a successful run (best effort: a stamp that cannot be written costs speed only).

    ``reads`` are further files the pages were made from (read by templates' ``codefile``
    and ``tffile``): a later run matches only while each keeps its size and mtime.
    """
    from plating.schema.cache import mark_cache_directory, refuse_links
    from plating.write import atomic_write

    document = {
        "format": STAMP_FORMAT,
        "digest": digest,
        "scopes": scopes,
        "pages": pages,
        "tree": tree_state(output_dir, scopes),
        "reads": {read: list(_stat(read)) for read in reads},
    }
    with contextlib.suppress(OSError):
        refuse_links(path.parent.parent, path)
        mark_cache_directory(path.parent.parent)
        atomic_write(path, json.dumps(document).encode())
