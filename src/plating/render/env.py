"""One sandboxed Jinja2 environment per run, with compiled templates reused."""

from __future__ import annotations

import os
import stat
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plating.bundles.conventional import read_text
from plating.errors import RenderError
from plating.render import budget, simple
from plating.render.page_budget import CURRENT, BoundExceeded, PageBudget

if TYPE_CHECKING:
    import jinja2


def private_cache_dir() -> Path | None:
    """This user's own cache folder for compiled templates, or None when there is no safe one.

    Compiled templates are Python code that runs outside the sandbox: they are never read from
    the project (a repository can ship any file, ``.plating-cache/`` included), only from
    ``$XDG_CACHE_HOME/plating`` (default ``~/.cache/plating``), a folder the user owns and
    nobody else can write.
    """
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME", ""))
        folder = (base if base.is_absolute() else Path.home() / ".cache") / "plating"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return folder


def private_bytecode_cache(label: str) -> jinja2.BytecodeCache | None:
    """A Jinja bytecode cache in this user's own cache folder (:func:`private_cache_dir`),
    or None when there is none. The folder is versioned by ``label`` and by plating's and
    Jinja's versions: compiled code depends on them. An unwritable cache only costs speed."""
    import jinja2

    from plating.version import __version__

    private = private_cache_dir()
    if private is None:
        return None
    folder = private / f"{label}-{__version__}-{jinja2.__version__}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _source_loader(sources: dict[str, str]) -> jinja2.BaseLoader:
    """A loader serving ``sources`` (the run's registered texts), by absolute path; nothing
    else is readable. A compiled template stays valid while its path's registered source is
    the same text, so a long-lived environment recompiles a template edited between runs."""
    import jinja2

    class SourceLoader(jinja2.BaseLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            source = sources.get(template)
            if source is None:
                raise jinja2.TemplateNotFound(template)
            return source, template, lambda: sources.get(template) == source

    return SourceLoader()


class TemplateEnvironment:
    """The run's Jinja environment: sandboxed, bounded (:mod:`plating.render.bounded`),
    strict about undefined names, cached.

    Jinja itself is imported and set up on the first template that needs it: most
    templates take the substitution fast path (:mod:`plating.render.simple`).
    """

    def __init__(self, cache_compiled: bool = False) -> None:
        self._cache_compiled = cache_compiled
        self._sources: dict[str, str] = {}
        self._env: jinja2.Environment | None = None
        self._env_lock = threading.Lock()

    @property
    def env(self) -> jinja2.Environment:
        """The Jinja environment (created on first use)."""
        with self._env_lock:
            if self._env is None:
                self._env = self._create_environment()
            return self._env

    def _create_environment(self) -> jinja2.Environment:
        import jinja2

        from plating.render.bounded import CODE_REVISION, BoundedEnvironment

        # Compiled templates are kept between runs, keyed by each template's source checksum.
        label = f"jinja-{CODE_REVISION}"
        bytecode_cache = private_bytecode_cache(label) if self._cache_compiled else None
        return BoundedEnvironment(
            loader=_source_loader(self._sources),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            auto_reload=True,  # cheap: uptodate compares strings, reads no file
            cache_size=-1,
            bytecode_cache=bytecode_cache,
        )

    def template(self, path: Path, source: str | None = None) -> jinja2.Template:
        """The compiled template of a file (compiled once while its text is unchanged);
        ``source`` is the file's text when the caller has already read it."""
        import jinja2

        key = str(path)
        self._sources[key] = read_text(path) if source is None else source
        try:
            return self.env.get_template(key)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{path}:{exc.lineno}: template syntax error: {exc.message}") from exc
        except (RecursionError, SyntaxError) as exc:
            # Jinja parses each level of nesting recursively, and Python compiles the code
            # Jinja generates within its own limits (20 nested loops, 100 indents, 200
            # parentheses): valid templates nested past either are refused here.
            limit = f" ({exc.msg})" if isinstance(exc, SyntaxError) else ""
            raise RenderError(
                f"{path}: template syntax error: expressions or blocks nested too deeply to "
                f"compile{limit}; flatten them (e.g. {{% set %}} the inner parts first)"
            ) from None

    def render(
        self, path: Path, variables: dict[str, Any], what: str, source: str | None = None
    ) -> str:
        """Render a template file (``source``: its text, when already read) within the page's
        bounds; errors name the file, line and ``what`` is being rendered."""
        if source is None:
            source = read_text(path)
        opened = CURRENT.set(PageBudget()) if CURRENT.get() is None else None
        try:
            try:
                fast = simple.render(source, variables)
            except BoundExceeded as exc:
                raise RenderError(f"{path}: {what}: {exc}") from None
            if fast is not None:
                return fast
            return self._render_jinja(path, variables, what, source)
        finally:
            if opened is not None:  # this render opened the page's budget; partials share it
                CURRENT.reset(opened)

    def _render_jinja(self, path: Path, variables: dict[str, Any], what: str, source: str) -> str:
        import jinja2

        template = self.template(path, source)
        try:
            # Everything a template prints is counted as it is printed (see bounded.py):
            # what is left uncounted is its literal text outside loops, checked here.
            text = template.render(variables)
        except RenderError:
            raise
        except BoundExceeded as exc:
            line = template_line(exc, str(path))
            where = f"{path}:{line}" if line else str(path)
            raise RenderError(f"{where}: {what}: {exc}") from None
        except RecursionError as exc:
            raise RenderError(f"{path}: {what}: templates call each other endlessly") from exc
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or str(path)
            raise RenderError(
                f"{where}:{exc.lineno}: {what}: template syntax error: {exc.message}"
            ) from exc
        except jinja2.TemplateNotFound as exc:  # {% include %}, {% import %}, {% extends %}
            line = template_line(exc, str(path))
            where = f"{path}:{line}" if line else str(path)
            raise RenderError(
                f"{where}: {what}: cannot load {exc.name!r}: templates read no file by path; "
                "use include('name') or render('name') for the bundle's docs/_name.md partials"
            ) from exc
        except Exception as exc:  # a template may raise anything; report where it did
            line = template_line(exc, str(path))
            where = f"{path}:{line}" if line else str(path)
            message = str(exc) or type(exc).__name__
            if isinstance(exc, jinja2.UndefinedError):
                message += " (undefined name; see the template variables in the README)"
            raise RenderError(f"{where}: {what}: {message}") from exc
        if len(text) > budget.PAGE_OUTPUT_LIMIT:
            raise RenderError(
                f"{path}: {what}: output limit: the page is longer than "
                f"{budget.PAGE_OUTPUT_LIMIT:,} characters"
            )
        return text


def template_line(exc: BaseException, filename: str) -> int | None:
    """The template line of the innermost traceback frame in ``filename``."""
    line: int | None = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename and frame.lineno is not None:
            line = frame.lineno
    return line
