"""The line and column of a schema problem in its JSON file, from the JSON path an error names.

The parser reports where a problem is as a path (``provider_schemas['...'].resource_schemas
['demo_x'].block.attributes.id.optional``); a person fixes a file by line. Only an error
pays for this: the file is scanned again, skipping every value that is not on the path with
the C decoder.
"""

from __future__ import annotations

import json
import re

# One step of a path: ".name" (or a leading "name"), or "['key']" / '["key"]'.
_STEP = re.compile(
    r"""\.?(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|\[(?P<quoted>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]"""
)
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def path_steps(where: str) -> list[str] | None:
    """The object keys of a parser path, or None when it is not one (e.g. ``top level``)."""
    import ast

    steps: list[str] = []
    position = 0
    while position < len(where):
        match = _STEP.match(where, position)
        if match is None or match.end() == position:
            return None
        if match["name"] is not None:
            steps.append(match["name"])
        else:
            steps.append(str(ast.literal_eval(match["quoted"])))
        position = match.end()
    return steps or None


def position_of(text: str, steps: list[str]) -> tuple[int, int] | None:
    """Line and column (1-based) of the deepest key of ``steps`` found in the JSON
    ``text`` (a schema file is often one long line), or None when not even the first key
    is there."""
    found: int | None = None
    index = _skip(text, 0)
    try:
        for step in steps:
            if index >= len(text) or text[index] != "{":
                break
            key_at = _find_key(text, index + 1, step)
            if key_at is None:
                break
            found, index = key_at
    except (ValueError, IndexError):  # the text is not the JSON the path came from
        pass
    if found is None:
        return None
    return text.count("\n", 0, found) + 1, found - text.rfind("\n", 0, found)


def _find_key(text: str, index: int, wanted: str) -> tuple[int, int] | None:
    """Inside an object (``index`` just after its "{"): the position of ``wanted``'s key and
    of its value, or None when the object has no such key."""
    while True:
        index = _skip(text, index)
        if text[index] == "}":
            return None
        key_start = index
        key, index = _DECODER.raw_decode(text, index)
        if not isinstance(key, str):
            raise ValueError("expected a key")
        index = _skip(text, index)
        if text[index] != ":":
            raise ValueError("expected ':'")
        index = _skip(text, index + 1)
        if key == wanted:
            return key_start, index
        _value, index = _DECODER.raw_decode(text, index)  # C speed over whole sub-trees
        index = _skip(text, index)
        if text[index] == ",":
            index += 1


def _skip(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index
