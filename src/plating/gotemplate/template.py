"""``Template``: Go's ``text/template.Template`` API over the lexer, parser and executor.

A template owns a set of associated templates (its own text, every ``define`` and
``block``), the functions they may call and the ``missingkey`` option; ``parse`` may be
called again to add or replace definitions, exactly as in Go. Parse once, execute many:
executions share nothing but the parsed trees and may run in parallel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from plating.gotemplate.errors import ExecError
from plating.gotemplate.exec import execute as _execute
from plating.gotemplate.funcs import BUILTINS, Func, describe
from plating.gotemplate.nodes import is_empty_tree
from plating.gotemplate.parse import Tree, parse
from plating.gotemplate.strconv import quote
from plating.render.budget import CALL_DEPTH_LIMIT, PAGE_OUTPUT_LIMIT, PAGE_TIME_LIMIT

_MISSING_KEY = {"default": "default", "invalid": "default", "zero": "zero", "error": "error"}


class _Common:
    """What associated templates share: the set itself, functions and options."""

    def __init__(self) -> None:
        self.templates: dict[str, Template] = {}
        self.trees: dict[str, Tree] = {}
        self.funcs: dict[str, Func] = {}
        self.missing_key = "default"

    def install(self, template: Template) -> None:
        self.templates[template.name] = template
        if template.tree is None:
            self.trees.pop(template.name, None)
        else:
            self.trees[template.name] = template.tree


class Template:
    """A Go text/template: ``Template(name).funcs({...}).parse(text).execute(data)``.

    Data maps to Go values: dict is a map, list/tuple a slice, str/int/float/bool Go's
    basic types, None nil, and any other object a struct whose exported (capitalised)
    attributes are its fields and whose capitalised methods can be called.
    """

    def __init__(self, name: str, *, _common: _Common | None = None) -> None:
        self._name = name
        self._common = _common if _common is not None else _Common()
        self.tree: Tree | None = None
        self._left = "{{"
        self._right = "}}"

    def __repr__(self) -> str:
        return f"Template({self._name!r})"

    @property
    def name(self) -> str:
        """The template's name: the file name of a tfplugindocs template."""
        return self._name

    def new(self, name: str) -> Template:
        """A new template associated with this one (same set, functions, delimiters)."""
        template = Template(name, _common=self._common)
        template._left, template._right = self._left, self._right
        return template

    def funcs(self, mapping: Mapping[str, Callable[..., Any]]) -> Template:
        """Add functions the templates may call; call before ``parse`` (as Go's ``Funcs``).

        A ``ValueError`` names a function whose name is not an identifier or whose value
        cannot be called.
        """
        for name, function in mapping.items():
            self._common.funcs[name] = describe(name, function)
        return self

    def option(self, *options: str) -> Template:
        """Set options: ``missingkey=default`` (or ``invalid``), ``zero``, ``error``."""
        for option in options:
            key, _, value = option.partition("=")
            if key != "missingkey" or value not in _MISSING_KEY:
                raise ValueError(f"unrecognized option: {option}")
            self._common.missing_key = _MISSING_KEY[value]
        return self

    def delims(self, left: str = "", right: str = "") -> Template:
        """Action delimiters for later ``parse`` calls (empty means ``{{`` and ``}}``)."""
        self._left = left or "{{"
        self._right = right or "}}"
        return self

    def parse(self, text: str) -> Template:
        """Parse ``text`` as this template's body; its definitions join the set.

        A definition replaces an earlier one of the same name unless it is empty. Raises
        ``ParseError``; on error nothing of ``text`` is added.
        """
        trees = parse(
            self._name,
            text,
            left=self._left,
            right=self._right,
            funcs=[self._common.funcs.keys(), BUILTINS.keys()],
        )
        for name, tree in trees.items():
            self._add_tree(name, tree)
        return self

    def _add_tree(self, name: str, tree: Tree) -> None:
        target = self if name == self._name else self.new(name)
        existing = self._common.templates.get(name)
        keep_existing = (
            existing is not None and existing.tree is not None and is_empty_tree(tree.root)
        )
        if not keep_existing or target.tree is None:
            target.tree = tree
        if not keep_existing:
            self._common.install(target)

    def lookup(self, name: str) -> Template | None:
        """The associated template called ``name``, if any."""
        return self._common.templates.get(name)

    def templates(self) -> list[Template]:
        """Every associated template (this one included once parsed), sorted by name."""
        return [self._common.templates[name] for name in sorted(self._common.templates)]

    def defined_templates(self) -> str:
        """Go's ``DefinedTemplates``: ``; defined templates are: "a", "b"`` or empty."""
        names = sorted(self._common.trees)
        if not names:
            return ""
        return "; defined templates are: " + ", ".join(quote(name) for name in names)

    def execute(
        self,
        data: Any = None,
        *,
        max_output: int = PAGE_OUTPUT_LIMIT,
        time_limit: float = PAGE_TIME_LIMIT,
        max_depth: int = CALL_DEPTH_LIMIT,
    ) -> str:
        """This template applied to ``data``; raises ``ExecError`` (nothing is returned).

        ``max_output`` bounds the bytes of output (and of any value a function returns),
        ``time_limit`` the seconds of execution, ``max_depth`` nested ``template`` calls.
        """
        if self.tree is None:
            raise ExecError(
                self._name,
                0,
                0,
                f"{quote(self._name)} is an incomplete or empty template",
                executing=self._name,
                context=None,
            )
        return _execute(
            self.tree,
            self._name,
            data,
            templates=self._common.trees,
            funcs=self._common.funcs,
            missing_key=self._common.missing_key,
            max_output=max_output,
            time_limit=time_limit,
            max_depth=max_depth,
        )

    def execute_template(
        self,
        name: str,
        data: Any = None,
        *,
        max_output: int = PAGE_OUTPUT_LIMIT,
        time_limit: float = PAGE_TIME_LIMIT,
        max_depth: int = CALL_DEPTH_LIMIT,
    ) -> str:
        """The associated template ``name`` applied to ``data``."""
        template = self.lookup(name)
        if template is None:
            message = f"no template {quote(name)} associated with template {quote(self._name)}"
            raise ExecError(name, 0, 0, message, executing="", context=None)
        return template.execute(
            data, max_output=max_output, time_limit=time_limit, max_depth=max_depth
        )
