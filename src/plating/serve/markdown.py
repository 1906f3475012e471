"""A page's Markdown as the Terraform Registry shows it: HTML, highlighted and sanitised.

Where each rule comes from (the Registry's renderer is not public; these are its documented
behaviours):

- Markdown flavour: "We make every effort to support GitHub Markdown syntax in the registry
  documentation" (the Registry's FAQ, hashicorp/terraform-docs-common): CommonMark, GFM
  tables, strikethrough and task lists, raw HTML passed through a sanitiser.
- Heading anchors: GitHub's rule (lower-case, punctuation dropped, spaces to ``-``, ``-1``,
  ``-2`` for repeats), the same function ``plating validate`` checks ``#anchor`` links with
  (:func:`plating.validate.page.slugify`), so a link validate accepts is one that works here.
- ``<a id="nestedblock--...">`` anchors that tfplugindocs writes above nested schemas: the
  Registry keeps the ``id`` of ``<a>`` (it once stripped it, which broke every nested-schema
  link: hashicorp/terraform-plugin-docs issue 24; the Registry was fixed, not the generator).
- Callouts: a paragraph starting with ``->``, ``~>`` or ``!>`` becomes a blue note, a yellow
  note or a red warning box, starting with a strong word (the Registry's provider
  documentation guide, "Callouts").
- Front matter is not rendered in the page body ("Frontmatter is not rendered in the
  Terraform Registry web UI"); the preview shows it in its own panel instead.
- Sanitising: scripts, styles, event handlers (``onerror=``), ``javascript:`` URLs and any
  tag outside GitHub's allow-list are removed; what remains is inert HTML.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

#: Tags kept by the sanitiser: GitHub's allow-list for Markdown HTML, less form controls
#: other than the task-list checkbox.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p",
        "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "tt", "ul", "var", "wbr",
    }
)  # fmt: skip
_CELL = {"align", "colspan", "rowspan"}
#: Attributes kept, per tag. ``id`` only where pages define anchors (headings, ``<a>``).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "id", "name", "title", "class"},
    "img": {"src", "alt", "title", "width", "height", "align"},
    "source": {"srcset", "media", "type"},
    "td": _CELL,
    "th": _CELL,
    "col": {"span"},
    "ol": {"start", "type"},
    "li": {"class"},
    "ul": {"class"},
    "input": {"type", "checked", "disabled", "class"},
    "details": {"open"},
    "time": {"datetime"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "p": {"class"},
    "pre": {"class"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "strong": {"class"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Callout sigils: class and the strong word the box starts with.
CALLOUTS = {"->": ("note", "Note"), "~>": ("caution", "Note"), "!>": ("warning", "Warning")}

#: Fence languages and the Pygments lexer that colours them (others stay plain text).
LANGUAGES = {
    "terraform": "terraform",
    "hcl": "terraform",
    "tf": "terraform",
    "tofu": "terraform",
    "opentofu": "terraform",
    "shell": "bash",
    "sh": "bash",
    "bash": "bash",
    "console": "console",
    "json": "json",
    "yaml": "yaml",
    "go": "go",
    "python": "python",
}


def render_markdown(body: str) -> str:
    """The HTML of a page body (front matter already split off), sanitised."""
    import nh3

    raw = _parser().render(body)
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


def highlight_css() -> str:
    """The stylesheet of the code colours (a dark Pygments style, as the Registry's code
    blocks are dark), scoped to ``.highlight``."""
    from pygments.formatters import HtmlFormatter

    return str(HtmlFormatter(style="github-dark").get_style_defs(".highlight"))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    from plating.validate.page import slugify

    md = MarkdownIt("commonmark", {"html": True, "highlight": _highlight})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify, permalink=True)
    md.core.ruler.push("registry_callouts", _callouts)
    md.core.ruler.push("cell_alignment", _cell_alignment)
    return md


def _highlight(code: str, language: str, _attrs: str) -> str:
    """A fenced block coloured by Pygments (``""``: markdown-it escapes it as plain text)."""
    lexer_name = LANGUAGES.get(language.lower())
    if lexer_name is None:
        return ""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    body = highlight(code, get_lexer_by_name(lexer_name), HtmlFormatter(nowrap=True))
    css_lang = html.escape(language.lower(), quote=True)
    return f'<pre class="highlight"><code class="language-{css_lang}">{body}</code></pre>\n'


def _cell_alignment(state: StateCore) -> None:
    """Table cell alignment as an ``align`` attribute, as GitHub writes it (a ``style``
    attribute would not pass the sanitiser)."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("align", style.removeprefix("text-align:"))


def _callouts(state: StateCore) -> None:
    """Paragraphs opening with a callout sigil get the callout's class and strong word."""
    from markdown_it.token import Token

    tokens = state.tokens
    for index in range(len(tokens) - 2):
        opening, inline = tokens[index], tokens[index + 1]
        if opening.type != "paragraph_open" or inline.type != "inline" or not inline.children:
            continue
        first = inline.children[0]
        sigil = first.content[:2] if first.type == "text" else ""
        if sigil not in CALLOUTS:
            continue
        kind, word = CALLOUTS[sigil]
        opening.attrSet("class", f"callout callout-{kind}")
        first.content = first.content[2:].lstrip()
        starts_strong = (first.content == "" and len(inline.children) > 1) and (
            inline.children[1].type == "strong_open"
        )
        if not starts_strong:
            strong = [
                Token("strong_open", "strong", 1),
                Token("text", "", 0, content=word),
                Token("strong_close", "strong", -1),
                Token("text", "", 0, content=" "),
            ]
            inline.children[0:0] = strong
