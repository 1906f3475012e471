"""A schema file written by ``terraform providers schema -json``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import SchemaError

if TYPE_CHECKING:
    from plating.listing import FolderListing


@dataclass(frozen=True)
class JsonFileSource:
    """Reads the schema from a JSON file."""

    path: Path

    @property
    def description(self) -> str:
        return str(self.path)

    def _bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise SchemaError(
                f"{self.path}: cannot read the schema file: {exc.strerror or exc}"
            ) from exc

    def fingerprint(self, listing: FolderListing | None = None) -> str:
        return hashlib.sha256(self._bytes()).hexdigest()

    def load_document(self) -> Any:
        return decode_schema_json(self._bytes(), str(self.path))

    def bundle_roots(self) -> list[Path]:
        return []

    def with_line(self, error: SchemaError) -> SchemaError:
        """``error`` naming the line and column of its JSON path in this file (when it can)."""
        try:
            text = schema_text(self._bytes())
        except (SchemaError, UnicodeDecodeError):
            return error
        return with_line(error, str(self.path), text)


def with_line(error: SchemaError, source: str, text: str) -> SchemaError:
    """``error`` as ``source:LINE:COLUMN: path: problem`` when its JSON path is found in
    ``text``; else ``error`` itself."""
    from plating.schema.locate import path_steps, position_of

    if error.where is None:
        return error
    steps = path_steps(error.where)
    position = position_of(text, steps) if steps else None
    if position is None:
        return error
    line, column = position
    return SchemaError(
        f"{source}:{line}:{column}: {error.where}: {error.detail}",
        where=error.where,
        detail=error.detail,
    )


def schema_text(raw: bytes) -> str:
    """The text of a schema file. JSON text is UTF-8, UTF-16 or UTF-32, told apart by its
    first bytes (RFC 8259's predecessor, RFC 4627, section 3): Windows PowerShell's ``>``
    writes UTF-16 with a byte order mark, ``Out-File -Encoding utf8`` UTF-8 with one."""
    return raw.decode(json.detect_encoding(raw))


def decode_schema_json(raw: bytes | str, source: str) -> Any:
    """Decode schema JSON, with errors that name the file, line and fix."""
    if isinstance(raw, bytes):
        try:
            raw = schema_text(raw)
        except UnicodeDecodeError as exc:
            raise SchemaError(
                f"{source}: the schema is not UTF-8 text (read as {exc.encoding}, "
                f"as its first bytes suggest, byte {exc.start} is invalid); "
                "write it with `terraform providers schema -json > schema.json`"
            ) from exc
    if not raw.strip():
        raise SchemaError(
            f"{source}: the schema file is empty; "
            "write it with `terraform providers schema -json > schema.json`"
        )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"{source}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); "
            "is the file truncated? Regenerate it with `terraform providers schema -json`"
        ) from exc
    except RecursionError as exc:
        raise SchemaError(f"{source}: JSON nested too deeply to be a provider schema") from exc
