"""Evaluation: pipelines, commands, fields, method and function calls, arguments.

This is the half of Go's ``exec.go`` that computes values: a pipeline passes each
command's value as the last argument of the next; a field is a map key, a struct field or
a method; a function's arguments are checked against its parameters' Go types (a literal is
made of the type it is passed as); a function that raises stops the template. The state of
one execution (output, variables, bounds) lives here too; ``exec`` walks the tree with it.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from typing import Any

from plating.gotemplate import values as gv
from plating.gotemplate.errors import ExecError
from plating.gotemplate.funcs import ANY, BUILTINS, ArgType, Func, call_function, describe
from plating.gotemplate.nodes import (
    BoolNode,
    ChainNode,
    CommandNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    StringNode,
    VariableNode,
)
from plating.gotemplate.parse import Tree
from plating.gotemplate.strconv import byte_len, quote


class _Missing:
    """No value piped in (Go's ``missingVal``): distinct from nil."""

    __slots__ = ()


MISSING: Any = _Missing()
_ABSENT = object()
_TICKS = 256  # loop steps between two looks at the clock


class LoopControl(Exception):
    """``{{break}}`` or ``{{continue}}`` on its way to the enclosing ``range``."""


class Break(LoopControl):
    pass


class Continue(LoopControl):
    pass


_METHOD_SPECS: dict[Any, Func] = {}


def _method(name: str, bound: Any) -> Func:
    """The description of a data object's method, bound to its receiver."""
    key = getattr(bound, "__func__", None) or (type(getattr(bound, "__self__", None)), name)
    spec = _METHOD_SPECS.get(key)
    if spec is None:
        spec = describe(name, bound)
        if len(_METHOD_SPECS) < 4096:
            _METHOD_SPECS[key] = spec
    return dataclasses.replace(spec, name=name, call=bound)


class Evaluator:
    """One execution's state (output, variables, limits, the node being evaluated) and the
    evaluation of pipelines, commands, fields, calls and arguments."""

    def __init__(
        self,
        name: str,
        templates: Mapping[str, Tree],
        funcs: Mapping[str, Func],
        missing_key: str,
        max_output: int,
        time_limit: float,
        max_depth: int,
    ) -> None:
        self.name = name
        self.templates = templates
        self.funcs = funcs
        self.missing_key = missing_key
        self.max_output = max_output
        self.time_limit = time_limit
        self.deadline = time.monotonic() + time_limit
        self.max_depth = max_depth
        self.depth = 0
        self.ticks = _TICKS
        self.out: list[str] = []
        # Characters are counted until they could be more than max_output bytes (a
        # character is at most 4 bytes); from then on bytes are counted exactly.
        self.size = 0
        self.exact = False
        self.char_bound = max_output // 4
        self.vars: list[tuple[str, Any]] = []
        self.node: Node | None = None

    # -- errors and bounds ----------------------------------------------------------------

    def error(self, message: str) -> ExecError:
        node = self.node
        if node is None:
            return ExecError(self.name, 0, 0, message, executing=self.name, context=None)
        line, column = node.source.location(node.pos)
        return ExecError(
            node.source.name, line, column, message, executing=self.name, context=str(node)
        )

    def write(self, text: str) -> None:
        self.out.append(text)
        if not self.exact:
            self.size += len(text)
            if self.size <= self.char_bound:
                return
            self.exact = True
            self.size = sum(byte_len(part) for part in self.out)
        else:
            self.size += byte_len(text)
        if self.size > self.max_output:
            raise self.error(f"output exceeds the limit of {self.max_output} bytes")

    def tick(self) -> None:
        self.ticks -= 1
        if self.ticks <= 0:
            self.check_time()

    def check_time(self) -> None:
        self.ticks = _TICKS
        if time.monotonic() > self.deadline:
            raise self.error(f"execution exceeds the time limit of {self.time_limit:g}s")

    # -- variables ------------------------------------------------------------------------

    def var_value(self, name: str) -> Any:
        for index in range(len(self.vars) - 1, -1, -1):
            if self.vars[index][0] == name:
                return self.vars[index][1]
        raise self.error(f"undefined variable: {name}")

    def set_var(self, name: str, value: Any) -> None:
        for index in range(len(self.vars) - 1, -1, -1):
            if self.vars[index][0] == name:
                self.vars[index] = (name, value)
                return
        raise self.error(f"undefined variable: {name}")

    # -- evaluation -----------------------------------------------------------------------

    def eval_pipeline(self, dot: Any, pipe: PipeNode | None) -> Any:
        if pipe is None:
            return None
        self.node = pipe
        value = MISSING
        for command in pipe.cmds:
            value = self.eval_command(dot, command, value)
        for variable in pipe.decl:
            if pipe.is_assign:
                self.set_var(variable.ident[0], value)
            else:
                self.vars.append((variable.ident[0], value))
        return value

    def not_a_function(self, args: list[Node] | None, final: Any) -> None:
        if args is not None and (len(args) > 1 or final is not MISSING):
            raise self.error(f"can't give argument to non-function {args[0]}")

    def eval_command(self, dot: Any, command: CommandNode, final: Any) -> Any:
        first = command.args[0]
        if isinstance(first, FieldNode):
            self.node = first
            if len(first.ident) == 1:
                return self.eval_field(dot, first.ident[0], first, command.args, final, dot)
            return self.eval_field_chain(dot, dot, first, first.ident, command.args, final)
        if isinstance(first, IdentifierNode):
            return self.eval_function(dot, first, command, command.args, final)
        if isinstance(first, VariableNode):
            return self.eval_variable(dot, first, command.args, final)
        if isinstance(first, ChainNode):
            return self.eval_chain(dot, first, command.args, final)
        if isinstance(first, PipeNode):
            self.not_a_function(command.args, final)
            return self.eval_pipeline(dot, first)
        self.node = first
        self.not_a_function(command.args, final)
        if isinstance(first, StringNode):
            return first.text
        if isinstance(first, DotNode):
            return dot
        if isinstance(first, BoolNode):
            return first.value
        if isinstance(first, NumberNode):
            return self.ideal_constant(first)
        if isinstance(first, NilNode):
            raise self.error("nil is not a command")
        raise self.error(f"can't evaluate command {quote(str(first))}")  # pragma: no cover

    def ideal_constant(self, node: NumberNode) -> Any:
        """A number literal's value where no parameter type says what it is."""
        self.node = node
        number, text = node.number, node.text
        if number.is_complex:
            return number.complex_value
        is_hex_int = (
            len(text) > 2
            and text[0] == "0"
            and text[1] in "xX"
            and not any(c in text for c in "pP")
        )
        if (
            number.is_float
            and not is_hex_int
            and text[0] != "'"
            and any(c in text for c in ".eEpP")
        ):
            return number.float_value
        if number.is_int:
            return number.int_value
        if number.is_uint:
            raise self.error(f"{text} overflows int")
        return None  # pragma: no cover - the parser accepts no other number

    def eval_chain(self, dot: Any, chain: ChainNode, args: list[Node] | None, final: Any) -> Any:
        self.node = chain
        if type(chain.node) is NilNode:
            raise self.error(f"indirection through explicit nil in {chain}")
        receiver = self.eval_arg(dot, ANY, chain.node)
        return self.eval_field_chain(dot, receiver, chain, chain.field, args, final)

    def eval_variable(
        self, dot: Any, variable: VariableNode, args: list[Node] | None, final: Any
    ) -> Any:
        self.node = variable
        value = self.var_value(variable.ident[0])
        if len(variable.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, variable, variable.ident[1:], args, final)

    def eval_field_chain(
        self,
        dot: Any,
        receiver: Any,
        node: Node,
        idents: tuple[str, ...] | list[str],
        args: list[Node] | None,
        final: Any,
    ) -> Any:
        last = len(idents) - 1
        for index in range(last):
            receiver = self.eval_field(dot, idents[index], node, None, MISSING, receiver)
        return self.eval_field(dot, idents[last], node, args, final, receiver)

    def eval_field(
        self,
        dot: Any,
        name: str,
        node: Node,
        args: list[Node] | None,
        final: Any,
        receiver: Any,
    ) -> Any:
        """``.name`` of ``receiver``: a map key, a struct field or a method call."""
        if receiver is None:
            if self.missing_key == "error":
                raise self.error(f"nil data; no entry for key {quote(name)}")
            return None
        has_args = (args is not None and len(args) > 1) or final is not MISSING
        cls = type(receiver)
        if cls is dict or (cls not in _NOT_MAPS and gv.kind(receiver) == gv.MAP):
            value = receiver.get(name, _ABSENT)
            if value is _ABSENT and any(not isinstance(key, str) for key in receiver):
                raise self.error(f"can't evaluate field {name} in type {gv.type_name(receiver)}")
            if has_args:
                raise self.error(f"{name} is not a method but has arguments")
            if value is not _ABSENT:
                return value
            if self.missing_key == "error":
                raise self.error(f"map has no entry for key {quote(name)}")
            return gv.map_zero(receiver) if self.missing_key == "zero" else None
        if (cls, name) in _PLAIN_FIELDS and not has_args:
            try:
                return getattr(receiver, name)
            except AttributeError:
                pass  # an instance without the field after all: the slow path says so
        if cls in _NOT_MAPS or gv.kind(receiver) != gv.STRUCT:
            raise self.error(f"can't evaluate field {name} in type {gv.type_name(receiver)}")
        value = _ABSENT
        if not name.startswith("_"):
            try:
                value = getattr(receiver, name)
            except AttributeError:
                value = _ABSENT
            except Exception as err:
                raise self.error(f"error evaluating field {name}: {err}") from None
        exported = gv.exported(name)
        if value is not _ABSENT and gv.is_method(value, receiver):
            if exported:
                return self.eval_call(dot, _method(name, value), node, name, args, final)
            value = _ABSENT
        if value is _ABSENT:
            raise self.error(f"can't evaluate field {name} in type {gv.type_name(receiver)}")
        if not exported:
            raise self.error(
                f"{name} is an unexported field of struct type {gv.type_name(receiver)}"
            )
        if has_args:
            raise self.error(f"{name} has arguments but cannot be invoked as function")
        if _is_declared_field(cls, name) and len(_PLAIN_FIELDS) < 8192:
            _PLAIN_FIELDS.add((cls, name))
        return value

    def eval_function(
        self,
        dot: Any,
        node: IdentifierNode,
        call_node: Node,
        args: list[Node] | None,
        final: Any,
    ) -> Any:
        self.node = node
        name = node.ident
        function = self.funcs.get(name) or BUILTINS.get(name)
        if function is None:
            raise self.error(f"{quote(name)} is not a defined function")
        return self.eval_call(dot, function, call_node, name, args, final)

    def eval_call(
        self,
        dot: Any,
        function: Func,
        node: Node,
        name: str,
        args: list[Node] | None,
        final: Any,
    ) -> Any:
        arg_nodes = args[1:] if args is not None else []
        count = len(arg_nodes) + (final is not MISSING)
        if count != function.exact:
            wanted = function.arity_error(count)
            if wanted is not None:
                got = len(arg_nodes) if function.variadic is not None else count
                raise self.error(f"wrong number of args for {name}: {wanted} got {got}")
            if function.builtin and name in ("and", "or"):
                return self._short_circuit(dot, name == "or", arg_nodes, final)
            arg_type = function.arg_type
            argv = [self.eval_arg(dot, arg_type(i), arg) for i, arg in enumerate(arg_nodes)]
            if final is not MISSING:
                argv.append(self.validate(final, arg_type(count - 1)))
        else:
            params = function.params
            argv = [self.eval_arg(dot, params[i], arg) for i, arg in enumerate(arg_nodes)]
            if final is not MISSING:
                argv.append(self.validate(final, params[-1]))
        self.ticks -= 1
        if self.ticks <= 0:
            self.check_time()
        try:
            if function.builtin and name == "call":
                callee = str(arg_nodes[0]) if arg_nodes else _value_string(final)
                result = call_function(callee, argv[0], argv[1:])
            else:
                result = function.call(*argv)
        except (LoopControl, ExecError, RecursionError):
            raise
        except Exception as err:
            self.node = node
            detail = str(err) if not isinstance(err, KeyError) or not err.args else err.args[0]
            raise self.error(f"error calling {name}: {detail or type(err).__name__}") from err
        if type(result) is str and len(result) > self.max_output:
            self.node = node
            raise self.error(
                f"error calling {name}: the result exceeds the output limit "
                f"of {self.max_output} bytes"
            )
        return result

    def _short_circuit(self, dot: Any, want: bool, arg_nodes: list[Node], final: Any) -> Any:
        """Go's ``and``/``or``: evaluate arguments until one decides the result."""
        value: Any = None
        for arg in arg_nodes:
            value = self.eval_arg(dot, ANY, arg)
            if gv.is_true(value) == want:
                return value
        if final is not MISSING:
            value = final
        return value

    def validate(self, value: Any, arg_type: ArgType) -> Any:
        if value is None:
            if arg_type.nillable:
                return None
            raise self.error(f"invalid value; expected {arg_type.name}")
        if arg_type.accepts is None or arg_type.accepts(value):
            return value
        raise self.error(
            f"wrong type for value; expected {arg_type.name}; got {gv.type_name(value)}"
        )

    def eval_arg(self, dot: Any, arg_type: ArgType, node: Node) -> Any:
        """An argument's value, checked against (or, for a literal, made of) its type."""
        self.node = node
        if type(node) is StringNode and arg_type.constant in ("string", "any"):
            return node.text
        if isinstance(node, FieldNode):
            value = self.eval_field_chain(dot, dot, node, node.ident, [node], MISSING)
            return self.validate(value, arg_type)
        if isinstance(node, VariableNode):
            return self.validate(self.eval_variable(dot, node, None, MISSING), arg_type)
        if isinstance(node, DotNode):
            return self.validate(dot, arg_type)
        if isinstance(node, PipeNode):
            return self.validate(self.eval_pipeline(dot, node), arg_type)
        if isinstance(node, IdentifierNode):
            value = self.eval_function(dot, node, node, None, MISSING)
            return self.validate(value, arg_type)
        if isinstance(node, ChainNode):
            return self.validate(self.eval_chain(dot, node, None, MISSING), arg_type)
        if isinstance(node, NilNode):
            if arg_type.nillable:
                return None
            raise self.error(f"cannot assign nil to {arg_type.name}")
        return self._constant(arg_type, node)

    def _constant(self, arg_type: ArgType, node: Node) -> Any:
        wanted = arg_type.constant
        if wanted == "any":
            if isinstance(node, BoolNode):
                return node.value
            if isinstance(node, NumberNode):
                return self.ideal_constant(node)
            if isinstance(node, StringNode):
                return node.text
            raise self.error(  # pragma: no cover - every literal is handled above
                f"can't handle assignment of {node} to empty interface argument"
            )
        if wanted == "string":
            if isinstance(node, StringNode):
                return node.text
            raise self.error(f"expected string; found {node}")
        if wanted == "bool":
            if isinstance(node, BoolNode):
                return node.value
            raise self.error(f"expected bool; found {node}")
        if isinstance(node, NumberNode):
            number = node.number
            if wanted == "int" and number.is_int:
                return number.int_value
            if wanted == "float" and number.is_float:
                return number.float_value
            if wanted == "complex" and number.is_complex:
                return number.complex_value
        expected = {"int": "integer", "float": "float", "complex": "complex"}.get(wanted)
        if expected is None:
            raise self.error(f"can't handle {node} for arg of type {arg_type.name}")
        raise self.error(f"expected {expected}; found {node}")


#: (class, name) pairs known to be exported fields of every instance of the class.
_PLAIN_FIELDS: set[tuple[type, str]] = set()


def _is_declared_field(cls: type, name: str) -> bool:
    """Whether every instance has ``name`` as a field: a dataclass field or a slot."""
    fields = getattr(cls, "__dataclass_fields__", None)
    if isinstance(fields, dict) and name in fields and not hasattr(cls, "__getattr__"):
        return not callable(getattr(cls, name, None)) or name not in vars(cls)
    return False


def _value_string(value: Any) -> str:
    """Go's ``reflect.Value.String`` of a value that is not a string: ``<T Value>``."""
    return value if isinstance(value, str) else f"<{gv.type_name(value)} Value>"


_NOT_MAPS = frozenset({str, int, float, bool, list, tuple, type(None), complex, bytes})
