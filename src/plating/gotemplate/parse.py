"""The parser: tokens to trees, one per template the text defines (Go's ``parse.Parse``).

The top-level text becomes the tree named after the template; every ``{{define "x"}}`` and
``{{block "x" ...}}`` becomes a tree of its own. Variables must be declared before use, in
scope (a control structure ends the scope of the variables declared inside it), and every
function must exist when the text is parsed. Errors read as Go's, with the column added.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from plating.gotemplate.errors import ParseError
from plating.gotemplate.lex import Item, ItemType, lex
from plating.gotemplate.nodes import (
    ActionNode,
    BoolNode,
    BranchNode,
    BreakNode,
    ChainNode,
    CommandNode,
    CommentNode,
    ContinueNode,
    DotNode,
    ElseNode,
    EndNode,
    FieldNode,
    IdentifierNode,
    IfNode,
    ListNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    RangeNode,
    Source,
    StringNode,
    TemplateNode,
    TextNode,
    VariableNode,
    WithNode,
    is_empty_tree,
)
from plating.gotemplate.strconv import SyntaxErr, parse_number, quote, unquote

#: Nested parenthesised expressions (Go allows 10,000; this bounds Python's recursion).
MAX_PAREN_DEPTH = 100

#: Nested control structures (``if`` in ``range`` in ``with`` ...), for the same reason.
MAX_NESTING = 100

_OPERAND_START = frozenset(
    {
        ItemType.BOOL,
        ItemType.CHAR_CONSTANT,
        ItemType.COMPLEX,
        ItemType.DOT,
        ItemType.FIELD,
        ItemType.IDENTIFIER,
        ItemType.NUMBER,
        ItemType.NIL,
        ItemType.RAW_STRING,
        ItemType.STRING,
        ItemType.VARIABLE,
        ItemType.LEFT_PAREN,
    }
)
_LITERALS = (BoolNode, DotNode, NilNode, NumberNode, StringNode)
_NUMBER_KINDS = {
    ItemType.CHAR_CONSTANT: "char",
    ItemType.COMPLEX: "complex",
    ItemType.NUMBER: "number",
}


class Tree:
    """One parsed template: its name, the text it came from and its root."""

    __slots__ = ("name", "root", "source")

    def __init__(self, name: str, source: Source, root: ListNode) -> None:
        self.name = name
        self.source = source
        self.root = root

    def __repr__(self) -> str:
        return f"Tree({self.name!r}, {self.root.describe()!r})"


_SPACE = ItemType.SPACE


class _Tokens:
    """The token stream shared by the trees of one text, with look-ahead and back-up.

    Reading past the end yields the last token (EOF or ERROR) again.
    """

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.last = len(items) - 1
        self.index = 0
        self.furthest = 0  # the latest token read: Go reports errors at its line

    def next(self) -> Item:
        index = self.index
        self.index = index + 1
        if index > self.furthest:
            self.furthest = min(index, self.last)
        return self.items[index] if index < self.last else self.items[self.last]

    def peek(self) -> Item:
        index = self.index
        if index > self.furthest:
            self.furthest = min(index, self.last)
        return self.items[index] if index < self.last else self.items[self.last]

    def backup(self) -> None:
        self.index -= 1

    def next_non_space(self) -> Item:
        items, index, last = self.items, self.index, self.last
        while index < last and items[index].typ is _SPACE:
            index += 1
        self.index = index + 1
        if index > self.furthest:
            self.furthest = min(index, last)
        return items[index] if index < last else items[last]

    def peek_non_space(self) -> Item:
        item = self.next_non_space()
        self.index -= 1
        return item


class _TreeParser:
    """Builds the tree of one template (the text itself, a define or a block)."""

    def __init__(
        self,
        name: str,
        tokens: _Tokens,
        source: Source,
        funcs: Sequence[Collection[str]],
        tree_set: dict[str, Tree],
        check_funcs: bool,
        depth: int = 0,
    ) -> None:
        self.name = name
        self.tokens = tokens
        self.source = source
        self.funcs = funcs
        self.tree_set = tree_set
        self.check_funcs = check_funcs
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0
        self.paren_depth = 0
        self.nesting = depth
        self.root = ListNode(source, 0)

    # -- errors ---------------------------------------------------------------------------

    def error(self, message: str, pos: int | None = None) -> ParseError:
        """An error at ``pos`` (the offending token), else at the latest token read."""
        if pos is None:
            pos = self.tokens.items[self.tokens.furthest].pos
        line, column = self.source.location(pos)
        return ParseError(self.source.name, line, column, message)

    def unexpected(self, item: Item, context: str) -> ParseError:
        if item.typ == ItemType.ERROR:
            extra = ""
            if self.action_line and self.action_line != item.line:
                extra = f" in action started at {self.source.name}:{self.action_line}"
                if item.val.endswith(" action"):
                    extra = extra[len(" in action") :]
            return self.error(item.val + extra, item.pos)
        return self.error(f"unexpected {item.describe()} in {context}", item.pos)

    def expect(self, expected: ItemType, context: str) -> Item:
        item = self.tokens.next_non_space()
        if item.typ != expected:
            raise self.unexpected(item, context)
        return item

    # -- structure ------------------------------------------------------------------------

    def parse_top(self) -> None:
        """The text itself: a list of text and actions, with definitions set aside."""
        tokens = self.tokens
        self.root = ListNode(self.source, tokens.peek().pos)
        while tokens.peek().typ != ItemType.EOF:
            if tokens.peek().typ == ItemType.LEFT_DELIM:
                mark = tokens.index
                tokens.next()
                if tokens.next_non_space().typ == ItemType.DEFINE:
                    self.child("definition").parse_definition()
                    continue
                tokens.index = mark
            node = self.text_or_action()
            if isinstance(node, EndNode | ElseNode):
                raise self.error(f"unexpected {node}", node.pos)
            self.root.nodes.append(node)
        self.add()

    def child(self, name: str) -> _TreeParser:
        return _TreeParser(
            name,
            self.tokens,
            self.source,
            self.funcs,
            self.tree_set,
            self.check_funcs,
            self.nesting,
        )

    def parse_definition(self) -> None:
        context = "define clause"
        item = self.tokens.next_non_space()
        if item.typ not in (ItemType.STRING, ItemType.RAW_STRING):
            raise self.unexpected(item, context)
        self.name = self.unquote(item)
        self.expect(ItemType.RIGHT_DELIM, context)
        self.root, end = self.item_list()
        if not isinstance(end, EndNode):
            raise self.error(f"unexpected {end} in {context}", end.pos)
        self.add()

    def add(self) -> None:
        existing = self.tree_set.get(self.name)
        if existing is None or is_empty_tree(existing.root):
            self.tree_set[self.name] = Tree(self.name, self.source, self.root)
        elif not is_empty_tree(self.root):
            raise self.error(f"template: multiple definition of template {quote(self.name)}")

    def item_list(self) -> tuple[ListNode, Node]:
        """Text and actions up to an ``{{end}}`` or ``{{else}}``, returned separately."""
        body = ListNode(self.source, self.tokens.peek_non_space().pos)
        while self.tokens.peek_non_space().typ != ItemType.EOF:
            node = self.text_or_action()
            if isinstance(node, EndNode | ElseNode):
                return body, node
            body.nodes.append(node)
        raise self.error("unexpected EOF")

    def text_or_action(self) -> Node:
        item = self.tokens.next_non_space()
        if item.typ == ItemType.TEXT:
            return TextNode(self.source, item.pos, item.val)
        if item.typ == ItemType.LEFT_DELIM:
            self.action_line = item.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        if item.typ == ItemType.COMMENT:
            return CommentNode(self.source, item.pos, item.val)
        raise self.unexpected(item, "input")

    def action(self) -> Node:
        item = self.tokens.next_non_space()
        typ = item.typ
        if typ == ItemType.BLOCK:
            return self.block_control()
        if typ in (ItemType.BREAK, ItemType.CONTINUE):
            return self.loop_control(item)
        if typ == ItemType.ELSE:
            return self.else_control()
        if typ == ItemType.END:
            return EndNode(self.source, self.expect(ItemType.RIGHT_DELIM, "end").pos)
        if typ in (ItemType.IF, ItemType.RANGE, ItemType.WITH):
            return self.branch(typ)
        if typ == ItemType.TEMPLATE:
            return self.template_control()
        self.tokens.backup()
        item = self.tokens.peek()
        return ActionNode(
            self.source, item.pos, item.line, self.pipeline("command", ItemType.RIGHT_DELIM)
        )

    def loop_control(self, keyword: Item) -> Node:
        word = "break" if keyword.typ == ItemType.BREAK else "continue"
        item = self.tokens.next_non_space()
        if item.typ != ItemType.RIGHT_DELIM:
            raise self.unexpected(item, "{{" + word + "}}")
        if self.range_depth == 0:
            raise self.error("{{" + word + "}} outside {{range}}", keyword.pos)
        node_type = BreakNode if keyword.typ == ItemType.BREAK else ContinueNode
        return node_type(self.source, keyword.pos, keyword.line)

    def else_control(self) -> Node:
        peek = self.tokens.peek_non_space()
        if peek.typ in (ItemType.IF, ItemType.WITH):
            # "{{else if" and "{{else with": the if/with is parsed by the enclosing branch.
            return ElseNode(self.source, peek.pos, peek.line)
        item = self.expect(ItemType.RIGHT_DELIM, "else")
        return ElseNode(self.source, item.pos, item.line)

    def branch(self, keyword: ItemType) -> BranchNode:
        """``if``, ``range`` or ``with``: pipeline, body, optional else, end."""
        context = {ItemType.IF: "if", ItemType.RANGE: "range", ItemType.WITH: "with"}[keyword]
        if self.nesting >= MAX_NESTING:
            raise self.error(f"control structures nested more than {MAX_NESTING} deep")
        self.nesting += 1
        mark = len(self.vars)
        try:
            pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
            if keyword == ItemType.RANGE:
                self.range_depth += 1
            body, following = self.item_list()
            if keyword == ItemType.RANGE:
                self.range_depth -= 1
            else_list: ListNode | None = None
            if isinstance(following, ElseNode):
                chained = self.tokens.peek().typ
                if keyword in (ItemType.IF, ItemType.WITH) and chained == keyword:
                    # {{else if b}} is {{else}}{{if b}}...{{end}}{{end}}, sharing one end.
                    self.tokens.next()
                    else_list = ListNode(self.source, following.pos)
                    else_list.nodes.append(self.branch(keyword))
                else:
                    else_list, following = self.item_list()
                    if not isinstance(following, EndNode):
                        raise self.error(f"expected end; found {following}", following.pos)
        finally:
            del self.vars[mark:]
            self.nesting -= 1
        node_type = {ItemType.IF: IfNode, ItemType.RANGE: RangeNode, ItemType.WITH: WithNode}
        return node_type[keyword](self.source, pipe.pos, pipe.line, pipe, body, else_list)

    def block_control(self) -> Node:
        context = "block clause"
        item = self.tokens.next_non_space()
        name = self.template_name(item, context)
        pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
        block = self.child(name)
        block.root, end = block.item_list()
        if not isinstance(end, EndNode):
            raise self.error(f"unexpected {end} in {context}", end.pos)
        block.add()
        return TemplateNode(self.source, item.pos, item.line, name, pipe)

    def template_control(self) -> Node:
        context = "template clause"
        item = self.tokens.next_non_space()
        name = self.template_name(item, context)
        pipe: PipeNode | None = None
        if self.tokens.next_non_space().typ != ItemType.RIGHT_DELIM:
            self.tokens.backup()
            pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
        return TemplateNode(self.source, item.pos, item.line, name, pipe)

    def template_name(self, item: Item, context: str) -> str:
        if item.typ not in (ItemType.STRING, ItemType.RAW_STRING):
            raise self.unexpected(item, context)
        return self.unquote(item)

    def unquote(self, item: Item) -> str:
        try:
            return unquote(item.val)
        except SyntaxErr as err:
            raise self.error(str(err), item.pos) from None

    # -- pipelines ------------------------------------------------------------------------

    def pipeline(self, context: str, end: ItemType) -> PipeNode:
        tokens = self.tokens
        first = tokens.peek_non_space()
        pipe = PipeNode(self.source, first.pos, first.line)
        self.declarations(pipe, context)
        while True:
            item = tokens.next_non_space()
            if item.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if item.typ not in _OPERAND_START:
                raise self.unexpected(item, context)
            tokens.backup()
            pipe.cmds.append(self.command())

    def declarations(self, pipe: PipeNode, context: str) -> None:
        """``$x :=``, ``$x =`` or, in a range, ``$i, $v :=`` in front of a pipeline."""
        tokens = self.tokens
        while True:
            variable = tokens.peek_non_space()
            if variable.typ != ItemType.VARIABLE:
                return
            mark = tokens.index
            tokens.next_non_space()
            following = tokens.peek_non_space()
            if following.typ in (ItemType.ASSIGN, ItemType.DECLARE):
                pipe.is_assign = following.typ == ItemType.ASSIGN
                tokens.next_non_space()
                pipe.decl.append(VariableNode(self.source, variable.pos, variable.val))
                self.vars.append(variable.val)
                return
            if following.typ == ItemType.CHAR and following.val == ",":
                tokens.next_non_space()
                pipe.decl.append(VariableNode(self.source, variable.pos, variable.val))
                self.vars.append(variable.val)
                if context == "range" and len(pipe.decl) < 2:
                    if tokens.peek_non_space().typ in (
                        ItemType.VARIABLE,
                        ItemType.RIGHT_DELIM,
                        ItemType.RIGHT_PAREN,
                    ):
                        continue
                    raise self.error("range can only initialize variables", following.pos)
                raise self.error(f"too many declarations in {context}", variable.pos)
            tokens.index = mark
            return

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            raise self.error(f"missing value for {context}")
        for stage, command in enumerate(pipe.cmds[1:], start=2):
            if isinstance(command.args[0], _LITERALS):
                raise self.error(f"non executable command in pipeline stage {stage}", command.pos)

    def command(self) -> CommandNode:
        tokens = self.tokens
        command = CommandNode(self.source, tokens.peek_non_space().pos)
        while True:
            tokens.peek_non_space()
            operand = self.operand()
            if operand is not None:
                command.args.append(operand)
            item = tokens.next()
            if item.typ == ItemType.SPACE:
                continue
            if item.typ in (ItemType.RIGHT_DELIM, ItemType.RIGHT_PAREN):
                tokens.backup()
            elif item.typ != ItemType.PIPE:
                raise self.unexpected(item, "operand")
            break
        if not command.args:
            raise self.error("empty command")
        return command

    def operand(self) -> Node | None:
        node = self.term()
        if node is None:
            return None
        tokens = self.tokens
        if tokens.peek().typ != ItemType.FIELD:
            return node
        chain = ChainNode(self.source, tokens.peek().pos, node)
        while tokens.peek().typ == ItemType.FIELD:
            chain.add(tokens.next().val)
        if isinstance(node, FieldNode):
            return FieldNode(self.source, chain.pos, str(chain))
        if isinstance(node, VariableNode):
            return VariableNode(self.source, chain.pos, str(chain))
        if isinstance(node, _LITERALS):
            raise self.error(f"unexpected . after term {quote(str(node))}", chain.pos)
        return chain

    def term(self) -> Node | None:
        item = self.tokens.next_non_space()
        typ = item.typ
        source = self.source
        if typ == ItemType.IDENTIFIER:
            if self.check_funcs and not any(item.val in names for names in self.funcs):
                raise self.error(f"function {quote(item.val)} not defined", item.pos)
            return IdentifierNode(source, item.pos, item.val)
        if typ == ItemType.DOT:
            return DotNode(source, item.pos)
        if typ == ItemType.NIL:
            return NilNode(source, item.pos)
        if typ == ItemType.VARIABLE:
            variable = VariableNode(source, item.pos, item.val)
            if variable.ident[0] not in self.vars:
                raise self.error(f"undefined variable {quote(variable.ident[0])}", item.pos)
            return variable
        if typ == ItemType.FIELD:
            return FieldNode(source, item.pos, item.val)
        if typ == ItemType.BOOL:
            return BoolNode(source, item.pos, item.val == "true")
        if typ in _NUMBER_KINDS:
            try:
                number = parse_number(item.val, _NUMBER_KINDS[typ])
            except SyntaxErr as err:
                raise self.error(str(err), item.pos) from None
            return NumberNode(source, item.pos, item.val, number)
        if typ == ItemType.LEFT_PAREN:
            if self.paren_depth >= MAX_PAREN_DEPTH:
                raise self.error("max expression depth exceeded", item.pos)
            self.paren_depth += 1
            try:
                return self.pipeline("parenthesized pipeline", ItemType.RIGHT_PAREN)
            finally:
                self.paren_depth -= 1
        if typ in (ItemType.STRING, ItemType.RAW_STRING):
            return StringNode(source, item.pos, item.val, self.unquote(item))
        self.tokens.backup()
        return None


def parse(
    name: str,
    text: str,
    *,
    left: str = "{{",
    right: str = "}}",
    funcs: Sequence[Collection[str]] = (),
    check_funcs: bool = True,
    parse_comments: bool = False,
) -> dict[str, Tree]:
    """Every template ``text`` defines, by name; the text itself is the tree ``name``.

    ``funcs`` are the collections of function names in scope (the engine's builtins and
    the caller's); with ``check_funcs`` an unknown function is a parse error, as in Go.
    """
    known = [names for names in funcs if names]
    items = lex(
        text,
        left,
        right,
        emit_comments=parse_comments,
        break_ok=not any("break" in names for names in known),
        continue_ok=not any("continue" in names for names in known),
    )
    trees: dict[str, Tree] = {}
    parser = _TreeParser(name, _Tokens(items), Source(name, text), known, trees, check_funcs)
    try:
        parser.parse_top()
    except RecursionError:
        raise parser.error("template nested too deeply for the interpreter's stack") from None
    return trees
