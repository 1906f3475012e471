"""Render one page from a tfplugindocs Go template, with tfplugindocs' data and functions.

Templates are parsed once per run (a fallback template serves every component of its kind)
and run within the page bounds of :mod:`plating.render.budget`. A parse or execution error
names the template file, line and column, and the component; nothing is written then.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.errors import RenderError
from plating.schema.model import Component
from plating.tfplugindocs.data import Names, template_data
from plating.tfplugindocs.funcs import FileReads, template_functions

if TYPE_CHECKING:
    from plating.gotemplate import Template


class GoPageRenderer:
    """Renders Go-template pages of one provider (thread-safe).

    ``exact`` renders tfplugindocs' bytes (``plating generate``): a template's CRLF line ends
    and byte order mark, and the CRLF of files ``codefile``/``tffile`` show, are kept as Go
    keeps them; otherwise (``plate``) templates are read as every input is, LF and no mark.
    """

    def __init__(
        self,
        project_root: Path,
        examples_root: Path,
        names: Names,
        read: Any = None,
        *,
        exact: bool = False,
    ) -> None:
        self.project_root = project_root.absolute()
        self.examples_root = examples_root.absolute()
        self.names = names
        self.exact = exact
        self._read = read  # text reader shared with the rest of the run (reads each file once)
        self._reads = FileReads()
        self._functions = template_functions(
            self.project_root, self.project_root, self._reads, exact
        )
        self._parsed: dict[Path, Template] = {}
        self._lock = threading.Lock()

    def _name(self, path: Path) -> str:
        """The template's name in messages: its path in the project when it is inside."""
        absolute = path.absolute()
        if absolute.is_relative_to(self.project_root):
            return absolute.relative_to(self.project_root).as_posix()
        return str(path)

    def _template(self, path: Path) -> Template:
        with self._lock:
            parsed = self._parsed.get(path)
        if parsed is not None:
            return parsed
        from plating.bundles.conventional import read_text
        from plating.gotemplate import Template, TemplateError

        if self.exact:
            text = read_text(path, exact=True)
        else:
            text = self._read(path) if self._read is not None else read_text(path)
        template = Template(self._name(path))
        template.funcs(self._functions)
        try:
            template.parse(text)
        except TemplateError as exc:
            # Named without a component: every page of a fallback reports the same error,
            # and the run lists it once.
            raise RenderError(_located(self._name(path), exc, "")) from exc
        with self._lock:
            return self._parsed.setdefault(path, template)

    def render(
        self, path: Path, component: Component | None, *, dedupe: bool = False
    ) -> tuple[str, tuple[str, ...]]:
        """The page ``path`` renders for ``component`` (None: a template without data, as
        tfplugindocs renders guides), and the files its ``codefile``/``tffile`` calls read;
        ``dedupe`` writes ``.SchemaMarkdown``'s repeated nested structures once."""
        from plating.gotemplate import TemplateError

        if component is None:
            what, data = "", None
        else:
            what = _label(component)
            try:
                data = template_data(component, self.names, self.examples_root, dedupe=dedupe)
            except RenderError as exc:
                raise RenderError(f"{self._name(path)}: {what}: {exc}") from exc
        template = self._template(path)
        self._reads.start()
        try:
            text = template.execute(data)
        except TemplateError as exc:
            raise RenderError(_located(self._name(path), exc, what)) from exc
        finally:
            reads = self._reads.finish()
        return text, tuple(sorted({str(p) for p in reads}))


def _label(component: Component) -> str:
    return f"{component.kind.display_name.lower()} {component.name}"


def _located(name: str, exc: Exception, what: str) -> str:
    """``file:line:column: component: message`` from the engine's error."""
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    message = getattr(exc, "message", None) or str(exc)
    where = name if line is None else f"{name}:{line}" + (f":{column}" if column else "")
    return f"{where}: {what}: {message}" if what else f"{where}: {message}"
