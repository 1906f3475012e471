"""Folder listings shared by one run: the package walk of a pyvider source's fingerprint and
bundle discovery read the same thousands of folders, and list each of them once."""

from __future__ import annotations

import os
from operator import attrgetter

_BY_NAME = attrgetter("name")


class FolderListing:
    """Each folder's entries, sorted by name, read once (``os.DirEntry`` keeps its file type
    and, once asked, its ``stat``). Thread-safe: a race only lists a folder twice."""

    def __init__(self) -> None:
        self._entries: dict[str, list[os.DirEntry[str]]] = {}

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
        """The entries of ``folder``; none for a missing or unreadable one."""
        found = self._entries.get(folder)
        if found is None:
            found = self._entries[folder] = list_folder(folder)
        return found


def list_folder(folder: str) -> list[os.DirEntry[str]]:
    """The entries of ``folder``, sorted by name; none for a missing or unreadable one."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=_BY_NAME)
    except OSError:
        return []
