"""The parse tree: small node classes, printed back (``str``) as Go's ``parse.Node.String``.

Every node knows its position (an index into the parsed text) and its ``Source`` (the name
and text it was parsed from), which is all an error needs to say where it happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from plating.gotemplate.strconv import Number, byte_len, quote


@dataclass(frozen=True)
class Source:
    """The text a tree was parsed from and its name (the file, for tfplugindocs)."""

    name: str
    text: str

    def location(self, pos: int) -> tuple[int, int]:
        """Line (1-based) and Go's column (bytes from the line start, 0-based) of ``pos``."""
        before = self.text[:pos]
        newline = before.rfind("\n")
        return before.count("\n") + 1, byte_len(before[newline + 1 :])


class Node:
    """Base of the tree's nodes."""

    __slots__ = ("pos", "source")

    def __init__(self, source: Source, pos: int) -> None:
        self.source = source
        self.pos = pos

    def write(self, out: list[str], quoted: bool) -> None:
        raise NotImplementedError

    def __str__(self) -> str:
        out: list[str] = []
        self.write(out, False)
        return "".join(out)

    def describe(self) -> str:
        """The node printed with its text quoted, as Go's parser tests print trees."""
        out: list[str] = []
        self.write(out, True)
        return "".join(out)


class ListNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, source: Source, pos: int) -> None:
        super().__init__(source, pos)
        self.nodes: list[Node] = []

    def write(self, out: list[str], quoted: bool) -> None:
        for node in self.nodes:
            node.write(out, quoted)


class TextNode(Node):
    __slots__ = ("text",)

    def __init__(self, source: Source, pos: int, text: str) -> None:
        super().__init__(source, pos)
        self.text = text

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(quote(self.text) if quoted else self.text)


class CommentNode(Node):
    __slots__ = ("text",)

    def __init__(self, source: Source, pos: int, text: str) -> None:
        super().__init__(source, pos)
        self.text = text

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{" + self.text + "}}")


class IdentifierNode(Node):
    """A function name."""

    __slots__ = ("ident",)

    def __init__(self, source: Source, pos: int, ident: str) -> None:
        super().__init__(source, pos)
        self.ident = ident

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(self.ident)


class VariableNode(Node):
    """``$x`` or ``$x.Field.Chain``: ``ident`` holds ``("$x", "Field", "Chain")``."""

    __slots__ = ("ident",)

    def __init__(self, source: Source, pos: int, name: str) -> None:
        super().__init__(source, pos)
        self.ident = tuple(name.split("."))

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(".".join(self.ident))


class DotNode(Node):
    __slots__ = ()

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(".")


class NilNode(Node):
    __slots__ = ()

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("nil")


class FieldNode(Node):
    """``.Field.Chain``: ``ident`` holds ``("Field", "Chain")``."""

    __slots__ = ("ident",)

    def __init__(self, source: Source, pos: int, name: str) -> None:
        super().__init__(source, pos)
        self.ident = tuple(name[1:].split("."))

    def write(self, out: list[str], quoted: bool) -> None:
        for ident in self.ident:
            out.append("." + ident)


class ChainNode(Node):
    """Fields applied to a term that is not a field or variable: ``(pipe).Field``."""

    __slots__ = ("field", "node")

    def __init__(self, source: Source, pos: int, node: Node) -> None:
        super().__init__(source, pos)
        self.node = node
        self.field: list[str] = []

    def add(self, field: str) -> None:
        self.field.append(field[1:])

    def write(self, out: list[str], quoted: bool) -> None:
        if isinstance(self.node, PipeNode):
            out.append("(")
            self.node.write(out, quoted)
            out.append(")")
        else:
            self.node.write(out, quoted)
        for field in self.field:
            out.append("." + field)


class BoolNode(Node):
    __slots__ = ("value",)

    def __init__(self, source: Source, pos: int, value: bool) -> None:
        super().__init__(source, pos)
        self.value = value

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("true" if self.value else "false")


class NumberNode(Node):
    """A numeric, character or complex literal and the Go types its value fits."""

    __slots__ = ("number", "text")

    def __init__(self, source: Source, pos: int, text: str, number: Number) -> None:
        super().__init__(source, pos)
        self.text = text
        self.number = number

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(self.text)


class StringNode(Node):
    """A string literal: ``quoted`` as written, ``text`` its value."""

    __slots__ = ("quoted", "text")

    def __init__(self, source: Source, pos: int, quoted: str, text: str) -> None:
        super().__init__(source, pos)
        self.quoted = quoted
        self.text = text

    def write(self, out: list[str], quoted: bool) -> None:
        out.append(self.quoted)


class CommandNode(Node):
    """Operands separated by spaces: a function or method with its arguments."""

    __slots__ = ("args",)

    def __init__(self, source: Source, pos: int) -> None:
        super().__init__(source, pos)
        self.args: list[Node] = []

    def write(self, out: list[str], quoted: bool) -> None:
        for index, arg in enumerate(self.args):
            if index:
                out.append(" ")
            if isinstance(arg, PipeNode):
                out.append("(")
                arg.write(out, quoted)
                out.append(")")
            else:
                arg.write(out, quoted)


class PipeNode(Node):
    """Commands joined by ``|``, optionally declaring (``:=``) or assigning (``=``)."""

    __slots__ = ("cmds", "decl", "is_assign", "line")

    def __init__(self, source: Source, pos: int, line: int) -> None:
        super().__init__(source, pos)
        self.line = line
        self.is_assign = False
        self.decl: list[VariableNode] = []
        self.cmds: list[CommandNode] = []

    def write(self, out: list[str], quoted: bool) -> None:
        if self.decl:
            for index, variable in enumerate(self.decl):
                if index:
                    out.append(", ")
                variable.write(out, quoted)
            out.append(" = " if self.is_assign else " := ")
        for index, command in enumerate(self.cmds):
            if index:
                out.append(" | ")
            command.write(out, quoted)


class ActionNode(Node):
    """An action that prints its pipeline's value (unless it declares variables).

    ``field`` is set for the commonest action, ``{{.Name}}``: one field of dot, nothing else.
    """

    __slots__ = ("field", "line", "pipe")

    def __init__(self, source: Source, pos: int, line: int, pipe: PipeNode) -> None:
        super().__init__(source, pos)
        self.line = line
        self.pipe = pipe
        self.field: FieldNode | None = None
        if not pipe.decl and len(pipe.cmds) == 1 and len(pipe.cmds[0].args) == 1:
            first = pipe.cmds[0].args[0]
            if isinstance(first, FieldNode) and len(first.ident) == 1:
                self.field = first

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{")
        self.pipe.write(out, quoted)
        out.append("}}")


class EndNode(Node):
    """``{{end}}``; only the parser sees it."""

    __slots__ = ()

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{end}}")


class KeywordNode(Node):
    """An action that is one keyword, and the line it stands on."""

    __slots__ = ("line",)
    keyword = ""

    def __init__(self, source: Source, pos: int, line: int) -> None:
        super().__init__(source, pos)
        self.line = line

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{" + self.keyword + "}}")


class ElseNode(KeywordNode):
    """``{{else}}``; only the parser sees it."""

    __slots__ = ()
    keyword = "else"


class BranchNode(Node):
    """The shape shared by ``if``, ``range`` and ``with``."""

    __slots__ = ("body", "else_list", "line", "pipe")
    keyword = ""

    def __init__(
        self,
        source: Source,
        pos: int,
        line: int,
        pipe: PipeNode,
        body: ListNode,
        else_list: ListNode | None,
    ) -> None:
        super().__init__(source, pos)
        self.line = line
        self.pipe = pipe
        self.body = body
        self.else_list = else_list

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{" + self.keyword + " ")
        self.pipe.write(out, quoted)
        out.append("}}")
        self.body.write(out, quoted)
        if self.else_list is not None:
            out.append("{{else}}")
            self.else_list.write(out, quoted)
        out.append("{{end}}")


class IfNode(BranchNode):
    __slots__ = ()
    keyword = "if"


class RangeNode(BranchNode):
    __slots__ = ()
    keyword = "range"


class WithNode(BranchNode):
    __slots__ = ()
    keyword = "with"


class BreakNode(KeywordNode):
    __slots__ = ()
    keyword = "break"


class ContinueNode(KeywordNode):
    __slots__ = ()
    keyword = "continue"


class TemplateNode(Node):
    """``{{template "name" pipeline}}`` (a ``block`` leaves one of these behind)."""

    __slots__ = ("line", "name", "pipe")

    def __init__(
        self, source: Source, pos: int, line: int, name: str, pipe: PipeNode | None
    ) -> None:
        super().__init__(source, pos)
        self.line = line
        self.name = name
        self.pipe = pipe

    def write(self, out: list[str], quoted: bool) -> None:
        out.append("{{template " + quote(self.name))
        if self.pipe is not None:
            out.append(" ")
            self.pipe.write(out, quoted)
        out.append("}}")


def is_empty_tree(node: Node | None) -> bool:
    """Whether a tree holds nothing but white space and comments (Go's ``IsEmptyTree``)."""
    if node is None or isinstance(node, CommentNode):
        return True
    if isinstance(node, ListNode):
        return all(is_empty_tree(child) for child in node.nodes)
    if isinstance(node, TextNode):
        return not node.text.strip()
    return False
