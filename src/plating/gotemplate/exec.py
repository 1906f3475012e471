"""The executor: walks a parse tree over Python data and writes Go's output.

It follows Go's ``text/template`` execution: text is written as it is, an action prints its
pipeline's value as ``fmt.Print`` does, ``if``/``with`` use Go's truth, ``range`` visits
slices in order, maps in sorted key order and integers from zero (``break``/``continue``
included), variables live until the end of their control structure, and a ``template`` call
sees only ``$``. Errors read as Go's.

Bounds: the output of one execution (checked on every write, so memory stays bounded), any
value a function returns (so repeated ``printf "%s%s" $x $x`` cannot grow without limit),
nested template calls, and wall time (checked in loops, calls and template invocations).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plating.gotemplate import values as gv
from plating.gotemplate.errors import TemplateError
from plating.gotemplate.evaluate import MISSING, Break, Continue, Evaluator
from plating.gotemplate.funcs import Func
from plating.gotemplate.nodes import (
    ActionNode,
    BranchNode,
    BreakNode,
    CommentNode,
    ContinueNode,
    IfNode,
    ListNode,
    Node,
    RangeNode,
    TemplateNode,
    TextNode,
    WithNode,
)
from plating.gotemplate.parse import Tree
from plating.gotemplate.printing import format_value
from plating.gotemplate.strconv import quote


class _State(Evaluator):
    """One execution: the evaluator's state, walking the tree."""

    # -- walking --------------------------------------------------------------------------

    def walk_list(self, dot: Any, body: ListNode) -> None:
        walkers = _WALKERS
        out = self.out
        for node in body.nodes:
            if type(node) is TextNode:
                size = self.size + len(node.text)
                if size <= self.char_bound and not self.exact:
                    self.size = size
                    out.append(node.text)
                else:
                    self.write(node.text)
            else:
                walkers[type(node)](self, dot, node)

    def walk_action(self, dot: Any, node: ActionNode) -> None:
        field = node.field
        if field is not None:
            self.node = field
            value = self.eval_field(dot, field.ident[0], field, None, MISSING, dot)
        else:
            self.node = node
            value = self.eval_pipeline(dot, node.pipe)
            if node.pipe.decl:
                return
        self.node = node
        if type(value) is str:
            self.write(value)
        elif value is None:
            self.write("<no value>")
        elif gv.kind(value) == gv.FUNC:
            raise self.error(f"can't print {node} of type {gv.type_name(value)}")
        else:
            self.write(format_value(value))

    def walk_if(self, dot: Any, node: BranchNode) -> None:
        mark = len(self.vars)
        try:
            value = self.eval_pipeline(dot, node.pipe)
            if gv.is_true(value):
                self.walk_list(value if type(node) is WithNode else dot, node.body)
            elif node.else_list is not None:
                self.walk_list(dot, node.else_list)
        finally:
            del self.vars[mark:]

    def walk_range(self, dot: Any, node: BranchNode) -> None:
        self.node = node
        mark = len(self.vars)
        try:
            value = self.eval_pipeline(dot, node.pipe)
            ran = self._iterate(node, value)
            if not ran and node.else_list is not None:
                self.walk_list(dot, node.else_list)
        finally:
            del self.vars[mark:]

    def _iterate(self, node: BranchNode, value: Any) -> bool:
        """Run a range body per element; whether there was any element."""
        pipe = node.pipe
        found = gv.kind(value)
        if found == gv.SLICE:
            pairs: Any = enumerate(gv.elements(value))
        elif found == gv.MAP:
            pairs = ((key, value[key]) for key in gv.sorted_keys(value))
        elif found == gv.INT:
            if len(pipe.decl) > 1:
                raise self.error(
                    f"can't use {format_value(value)} to iterate over more than one variable"
                )
            pairs = ((None, number) for number in range(int(value)))
        elif value is None:
            return False
        else:
            raise self.error(f"range can't iterate over {format_value(value)}")
        inner = len(self.vars)
        decl = pipe.decl
        ran = False
        for index, element in pairs:
            ran = True
            self.tick()
            if decl:
                if pipe.is_assign:
                    if len(decl) > 1:
                        self.set_var(decl[0].ident[0], index)
                        self.set_var(decl[1].ident[0], element)
                    else:
                        self.set_var(decl[0].ident[0], element)
                else:
                    self.vars[inner - 1] = (decl[-1].ident[0], element)
                    if len(decl) > 1:
                        self.vars[inner - 2] = (decl[0].ident[0], index)
            try:
                self.walk_list(element, node.body)
            except Continue:
                pass
            except Break:
                break
            finally:
                del self.vars[inner:]
        return ran

    def walk_template(self, dot: Any, node: TemplateNode) -> None:
        self.node = node
        tree = self.templates.get(node.name)
        if tree is None:
            raise self.error(f"template {quote(node.name)} not defined")
        if self.depth >= self.max_depth:
            raise self.error(f"exceeded maximum template depth ({self.max_depth})")
        self.tick()
        value = self.eval_pipeline(dot, node.pipe)
        saved_name, saved_vars = self.name, self.vars
        self.name, self.vars = node.name, [("$", value)]
        self.depth += 1
        try:
            self.walk_list(value, tree.root)
        finally:
            self.name, self.vars = saved_name, saved_vars
            self.depth -= 1

    def walk_break(self, dot: Any, node: Node) -> None:
        raise Break()

    def walk_continue(self, dot: Any, node: Node) -> None:
        raise Continue()

    def walk_comment(self, dot: Any, node: Node) -> None:
        return

    def walk_nested_list(self, dot: Any, node: ListNode) -> None:
        self.walk_list(dot, node)


_WALKERS: dict[type, Any] = {
    ActionNode: _State.walk_action,
    IfNode: _State.walk_if,
    WithNode: _State.walk_if,
    RangeNode: _State.walk_range,
    TemplateNode: _State.walk_template,
    BreakNode: _State.walk_break,
    ContinueNode: _State.walk_continue,
    CommentNode: _State.walk_comment,
    ListNode: _State.walk_nested_list,
}


def execute(
    tree: Tree,
    name: str,
    data: Any,
    *,
    templates: Mapping[str, Tree],
    funcs: Mapping[str, Func],
    missing_key: str,
    max_output: int,
    time_limit: float,
    max_depth: int,
) -> str:
    """The output of ``tree`` (the template ``name``) applied to ``data``."""
    state = _State(name, templates, funcs, missing_key, max_output, time_limit, max_depth)
    state.vars.append(("$", data))
    try:
        state.walk_list(data, tree.root)
    except RecursionError:
        raise state.error("templates nested too deeply for the interpreter's stack") from None
    except TemplateError:
        raise
    except Exception as err:  # data objects that fail while printed, and engine bugs
        raise state.error(f"internal error: {type(err).__name__}: {err}") from err
    return "".join(state.out)
