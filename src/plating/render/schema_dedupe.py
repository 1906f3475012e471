"""The schema section with repeated nested structures written out once.

Some providers nest the same structure many times (Argo CD's application set repeats one
application template under every generator, aws' WAFv2 repeats its statements at each level):
written out at every place, as tfplugindocs does, their pages outgrow the Registry's limit.
Here the first occurrence of a structure keeps its full ``### Nested Schema for ...`` section;
a later occurrence keeps its own anchor and heading with one line that links to the first::

    <a id="nestedblock--spec--generator--list--template"></a>
    ### Nested Schema for `spec.generator.list.template`

    Same as [`spec.generator.git.template`](#nestedblock--spec--generator--git--template).

The sections nested inside a later occurrence are not repeated either: their anchors are
defined beside the sections they are equal to (``<a id>`` lines before the heading), so a link
to ``#nestedblock--spec--generator--list--template--metadata`` still lands on a section that
documents exactly that block. Nothing is lost: every name and description is on the page, and
every anchor of the full rendering is defined.

A repeat is only replaced when the pointer (its line plus the anchors it carries) takes at most
half the bytes of writing it out again, so small sections stay where they are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from plating.render.schema_parts import SectionSpan, schema_parts
from plating.schema.model import Block

_PLAIN = frozenset({str, int, bool, type(None)})


@dataclass(frozen=True, slots=True)
class SectionSize:
    """A nested section of the rendered schema: its own bytes (its nested sections not
    included; the anchors of the repeats it stands for included) and how many those are."""

    path: str
    bytes: int
    repeats: int = 0


def render_schema_once(block: Block, *, heading: str = "## Schema\n\n") -> str:
    """The schema section of ``block`` with repeated nested structures written out once."""
    parts, spans = schema_parts(block, heading)
    return "".join(_Sharing(parts, spans).emit())


def largest_sections(block: Block, count: int = 5) -> list[SectionSize]:
    """The ``count`` largest nested sections of the rendering with repeats written out once,
    largest first, by their own bytes (for the error about a page still too large)."""
    parts, spans = schema_parts(block)
    sharing = _Sharing(parts, spans)
    sizes: list[SectionSize] = []
    sharing.emit(sizes)
    sizes.sort(key=lambda s: (-s.bytes, s.path))
    return sizes[:count]


def _anchor_line(anchor: str) -> str:
    return f'<a id="{anchor}"></a>\n'


def _pointer(span: SectionSpan, target: SectionSpan) -> list[str]:
    """The parts of a repeat that links to its first occurrence (same rhythm of blank lines
    as a written-out section: text, blank line, blank line)."""
    return [
        _anchor_line(span.anchor),
        f"### Nested Schema for `{'.'.join(span.path)}`\n\n",
        f"Same as [`{'.'.join(target.path)}`](#{target.anchor}).\n\n",
        "\n",
    ]


class _Sharing:
    """Decides which sections are written out and which point to an equal one, then emits."""

    def __init__(self, parts: list[str], spans: list[SectionSpan]) -> None:
        self.parts = parts
        self.spans = spans
        self.offsets = [0]
        total = 0
        for part in parts:
            total += len(part)
            self.offsets.append(total)
        self.first: dict[object, SectionSpan] = {}  # shape key -> first section of that shape
        self._numbers: dict[object, int] = {}
        self._memo: dict[int, tuple[object, int]] = {}
        self.pointers: dict[int, SectionSpan] = {}  # id(repeat) -> its first occurrence
        self.aliases: dict[int, list[str]] = {}  # id(first occurrence) -> anchors it carries
        for span in spans:
            self._decide(span)

    def _key(self, span: SectionSpan) -> object:
        """The span's shape as a small tuple: equal shapes give equal keys (hashing the model
        itself would walk each structure again for every section above it)."""
        return self._canon(span.shape)

    def _canon(self, value: object) -> object:
        """Equal model objects get the same number; each object is numbered once."""
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is not None:
            hit = self._memo.get(id(value))
            if hit is not None:
                return hit[1]
            items = (getattr(value, name) for name in fields)
            inner = (
                type(value).__name__,
                *(item if item.__class__ in _PLAIN else self._canon(item) for item in items),
            )
            number = self._numbers.setdefault(inner, len(self._numbers))
            self._memo[id(value)] = (value, number)  # holding the object keeps its id unique
            return number
        if isinstance(value, tuple):
            return tuple(self._canon(item) for item in value)
        return value  # str, int, bool, None, an enum member, a frozenset of names

    def _size(self, span: SectionSpan) -> int:
        return self.offsets[span.end] - self.offsets[span.start]

    def _decide(self, span: SectionSpan) -> None:
        key = self._key(span)
        target = self.first.get(key)
        if target is not None and 2 * self._pointer_size(span, target) <= self._size(span):
            self.pointers[id(span)] = target
            for child in span.children:
                self._alias(child)
            return
        self.first.setdefault(key, span)
        for child in span.children:
            self._decide(child)

    def _alias(self, span: SectionSpan) -> None:
        """A section inside a repeat: its anchor goes beside the first section of its shape
        (one always exists: the repeat's first occurrence holds an equal section, earlier)."""
        self.aliases.setdefault(id(self.first[self._key(span)]), []).append(span.anchor)
        for child in span.children:
            self._alias(child)

    def _pointer_size(self, span: SectionSpan, target: SectionSpan) -> int:
        size = sum(len(p) for p in _pointer(span, target))
        pending = list(span.children)
        while pending:
            inner = pending.pop()
            size += len(_anchor_line(inner.anchor))
            pending.extend(inner.children)
        return size

    def emit(self, sizes: list[SectionSize] | None = None) -> list[str]:
        """The parts of the shared rendering; ``sizes`` collects each written-out section."""
        out: list[str] = []
        position = 0
        for span in self.spans:
            out.extend(self.parts[position : span.start])
            self._emit(out, span, sizes)
            position = span.end
        out.extend(self.parts[position:])
        return out

    def _emit(self, out: list[str], span: SectionSpan, sizes: list[SectionSize] | None) -> int:
        """Write one section; return its bytes with its nested sections (only counted when
        ``sizes`` collects them)."""
        target = self.pointers.get(id(span))
        if target is not None:
            pointer = _pointer(span, target)
            out.extend(pointer)
            return _bytes(pointer) if sizes is not None else 0
        begin = len(out)
        aliases = self.aliases.get(id(span), ())
        out.append(self.parts[span.start])
        out.extend(_anchor_line(anchor) for anchor in aliases)
        nested = 0
        position = span.start + 1
        for child in span.children:
            out.extend(self.parts[position : child.start])
            nested += self._emit(out, child, sizes)
            position = child.end
        out.extend(self.parts[position : span.end])
        if sizes is None:
            return 0
        total = _bytes(out[begin:])
        sizes.append(SectionSize(".".join(span.path), total - nested, len(aliases)))
        return total


def _bytes(parts: list[str]) -> int:
    return sum(len(part.encode("utf-8")) for part in parts)
