"""The errors of the Go template engine, worded as Go's ``text/template`` words them.

Every error carries where it happened: ``template`` (the name of the parsed text the
``line`` and ``column`` refer to, a file name for tfplugindocs templates), ``line`` (1-based),
``column`` (the byte offset in that line, 0-based, as Go counts it) and ``message`` (the
problem alone). ``str(error)`` is Go's complete error line, so a message can be compared with
what ``tfplugindocs`` prints.
"""

from __future__ import annotations


class TemplateError(Exception):
    """Base of the engine's errors (parse, execution, API misuse)."""

    def __init__(self, template: str, line: int, column: int, message: str, text: str) -> None:
        super().__init__(text)
        self.template = template
        self.line = line
        self.column = column
        self.message = message


class ParseError(TemplateError):
    """A template text that is not valid Go template syntax.

    ``str()`` is ``template: NAME:LINE:COL: MESSAGE``; Go itself prints the line only, the
    column is added so that an editor can jump to the token.
    """

    def __init__(self, template: str, line: int, column: int, message: str) -> None:
        super().__init__(
            template, line, column, message, f"template: {template}:{line}:{column}: {message}"
        )


class ExecError(TemplateError):
    """A template that failed while executing; nothing of its output is returned.

    ``executing`` names the template (or ``define``) that was running, ``context`` is the
    action or argument being evaluated (``.Foo``, ``index .SI 5``), and ``str()`` reads
    ``template: NAME:LINE:COL: executing "EXECUTING" at <CONTEXT>: MESSAGE`` exactly as Go.
    """

    def __init__(
        self,
        template: str,
        line: int,
        column: int,
        message: str,
        *,
        executing: str,
        context: str | None,
    ) -> None:
        if context is None:
            text = f"template: {executing}: {message}" if executing else f"template: {message}"
        else:
            text = (
                f"template: {template}:{line}:{column}: executing {quote_name(executing)} "
                f"at <{context}>: {message}"
            )
        super().__init__(template, line, column, message, text)
        self.executing = executing
        self.context = context


def quote_name(name: str) -> str:
    """A template name as Go's ``%q`` prints it."""
    from plating.gotemplate.strconv import quote

    return quote(name)
