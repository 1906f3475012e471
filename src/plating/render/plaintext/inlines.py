"""CommonMark inlines of one paragraph or heading, with goldmark's Linkify extension."""

from __future__ import annotations

import re

from plating.render.plaintext.nodes import (
    AUTOLINK,
    BRACKET,
    CHECKBOX,
    CODESPAN,
    DELIMITER,
    EMPHASIS,
    IMAGE,
    LINK,
    RAWHTML,
    ROOT,
    STRIKE,
    TEXT,
    Inline,
)
from plating.render.plaintext.scan import (
    ASCII_PUNCT,
    CLOSE_TAG,
    OPEN_TAG,
    SPACE,
    closing_backticks,
    comment_end,
    email_end,
    find_after,
    find_closing_bracket,
    is_punct_rune,
    is_space_rune,
    normalize_label,
    skip_blank,
    url_end,
)

# -------------------------------------------------------------------- inline regexes

_INLINE_OPEN_TAG = re.compile(OPEN_TAG)
_INLINE_CLOSE_TAG = re.compile(CLOSE_TAG)
_LINKIFY_PATH = r"(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
_LINKIFY_URL = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::[0-9]+)?"
    + _LINKIFY_PATH.replace("!?", "$!?")
)
_LINKIFY_WWW = re.compile(r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+" + _LINKIFY_PATH)
_LINKIFY_TRAILING = frozenset("?!.,:*_~")
_LINKIFY_TRIGGERS = frozenset(" *_~(")

# ---------------------------------------------------------------------- inline parser


class InlineParser:
    """Inline structure of one paragraph or heading, scanned like goldmark scans it.

    The subject is the block's lines (each but the last ending with "\\n"). Parsing goes
    line by line; an inline construct may run over several lines, after which scanning
    resumes where it ended as if at the start of a line (this is where goldmark's
    Linkify gets its chance).
    """

    def __init__(
        self,
        lines: list[tuple[str, str]],
        refs: dict[str, str],
        *,
        gfm: bool = False,
        titles: dict[str, str] | None = None,
        task_item: bool = False,
    ) -> None:
        self.subject = "".join(text for text, _ in lines)
        self.refs = refs
        # GFM strikethrough ("~~"), and a task list check box when the text opens a list
        # item (goldmark's GFM extension, as tfplugindocs' migrate parses pages).
        self.gfm = gfm
        self.titles = titles if titles is not None else {}
        self.task_item = task_item
        self.line_before: dict[int, str] = {}
        offset = 0
        for text, before in lines:
            self.line_before[offset] = before or "\n"
            offset += len(text)
        self.root = Inline(ROOT)
        self.first_delimiter: Inline | None = None
        self.last_delimiter: Inline | None = None
        self.last_bracket: Inline | None = None
        self.link_bottom: Inline | None = None

    # -- driver

    def parse(self) -> Inline:
        s = self.subject
        n = len(s)
        root = self.root
        pos = 0
        escaped = False
        if self.task_item:
            box = _TASK_BOX.match(s)
            if box is not None:
                root.append(Inline(CHECKBOX, "x" if box.group(1) in "xX" else " "))
                pos = box.end()
        while pos < n:
            line_end = s.find("\n", pos)
            has_newline = line_end >= 0
            if not has_newline:
                line_end = n
            # How the line ends decides the break; hard-break markers are not text.
            limit = line_end
            soft = False
            hard = False
            visible_hard = False
            if has_newline:
                length = line_end - pos + 1
                if s[line_end - 1 : line_end] == "\\" and (
                    length == 2 or (length >= 3 and s[line_end - 2] != "\\")
                ):
                    limit = line_end - 1
                    visible_hard = hard = True
                elif length >= 3 and s[line_end - 2 : line_end] == "  ":
                    limit = line_end - 2
                    hard = True
                else:
                    soft = True
            # Linkify can only fire before "h", "f", "w" or on a line holding an "@".
            line_has_at = s.find("@", pos, line_end) >= 0
            start = pos
            # goldmark cuts the text at every position where some parser was tried and
            # trims trailing blanks only after the last such cut.
            last_cut = pos
            i = pos
            resumed = -1
            head = True
            while i < limit:
                if head:
                    head = False  # the line head is always examined
                else:
                    # Jump over characters that can neither trigger nor escape.
                    candidate = _CANDIDATE.search(s, i, limit)
                    if candidate is None:
                        escaped = False
                        break
                    if candidate.start() > i:
                        escaped = False
                        i = candidate.start()
                c = s[i]
                punct = c in ASCII_PUNCT
                space = c == " " or c == "\t"
                if (punct and not escaped) or space or i == pos:
                    trigger = " " if space or (i == pos and not punct) else c
                    if trigger not in _TRIGGERS:
                        trigger = ""
                    else:
                        last_cut = i
                        if (
                            trigger in _LINKIFY_ONLY
                            and not line_has_at
                            and not (trigger == "~" and self.gfm)
                        ):
                            after = i + 1 if c in _LINKIFY_TRIGGERS else i
                            if after >= n or s[after] not in "hfw":
                                trigger = ""  # Linkify cannot match here
                    if trigger:
                        if i > start:
                            self._append_text(s[start:i])
                        start = i
                        resumed = self._try_parsers(trigger, i)
                        if resumed >= 0:
                            break
                if escaped:
                    escaped = False
                elif c == "\\":
                    escaped = True
                i += 1
            if resumed >= 0:
                pos = resumed
                continue
            if self.gfm:
                # The text after the line's last cut is a node of its own (goldmark appends
                # it unmerged, which a Markdown renderer that cleans each node shows).
                if last_cut > start:
                    self._append_text(s[start:last_cut])
                    start = last_cut
                node = Inline(
                    TEXT, s[start:limit] if visible_hard else s[start:limit].rstrip(SPACE)
                )
                root.append(node)
                node.hard_break = hard
            elif visible_hard:
                node = self._append_text(s[start:limit])
            else:
                node = self._append_text(s[start:last_cut] + s[last_cut:limit].rstrip(SPACE))
            node.soft_break = soft
            pos = line_end + 1 if has_newline else n
        self._process_emphasis(None)
        # Openers that never closed are plain text.
        bracket = self.last_bracket
        while bracket is not None:
            bracket.kind = TEXT
            bracket = bracket.previous_bracket
        self.last_bracket = None
        return root

    def _append_text(self, text: str) -> Inline:
        # Adjacent text is merged so the tree stays small; a soft break ends a run (in GFM
        # mode a hard one too: its node is never merged into).
        last = self.root.last
        if last is not None and last.kind == TEXT and not last.soft_break and not last.hard_break:
            last.text += text
            return last
        node = Inline(TEXT, text)
        self.root.append(node)
        return node

    def _try_parsers(self, trigger: str, i: int) -> int:
        """Run the parsers registered for ``trigger`` at ``i``; new position or -1."""
        if trigger == "`":
            return self._code_span(i)
        if trigger in "[]!":
            return self._link(i)
        if trigger == "<":
            end = self._autolink(i)
            return end if end >= 0 else self._raw_html(i)
        if trigger in "*_":
            return self._delimiter_run(i)
        if trigger == "~" and self.gfm:
            end = self._strikethrough_run(i)
            if end >= 0:
                return end
        return self._linkify(i)

    # -- code spans

    def _code_span(self, i: int) -> int:
        s = self.subject
        j = i
        while j < len(s) and s[j] == "`":
            j += 1
        run = j - i
        closing = closing_backticks(run).search(s, j)
        if closing is None:
            # No closer: the backticks are literal, scanning resumes after them.
            self.root.append(Inline(TEXT, s[i:j]))
            return j
        content = s[j : closing.start()]
        if (
            len(content) >= 2
            and content.strip(SPACE) != ""
            and content[0] in " \n"
            and content[-1] in " \n"
        ):
            content = content[1:-1]
        self.root.append(Inline(CODESPAN, content))
        return closing.end()

    # -- emphasis

    def _delimiter_run(self, i: int) -> int:
        s = self.subject
        c = s[i]
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        before = self._char_before(i)
        after = s[j] if j < len(s) else " "
        before_punct = is_punct_rune(before)
        before_space = is_space_rune(before)
        after_punct = is_punct_rune(after)
        after_space = is_space_rune(after)
        left = not after_space and (not after_punct or before_space or before_punct)
        right = not before_space and (not before_punct or after_space or after_punct)
        node = Inline(DELIMITER, s[i:j])
        node.char = c
        node.length = node.original_length = j - i
        if c == "_":
            node.can_open = left and (not right or before_punct)
            node.can_close = right and (not left or after_punct)
        else:
            node.can_open = left
            node.can_close = right
        self.root.append(node)
        node.previous_delimiter = self.last_delimiter
        if self.last_delimiter is not None:
            self.last_delimiter.next_delimiter = node
        else:
            self.first_delimiter = node
        self.last_delimiter = node
        return j

    def _strikethrough_run(self, i: int) -> int:
        """A ``~`` run of one or two, paired like ``*`` (goldmark's strikethrough)."""
        s = self.subject
        j = i
        while j < len(s) and s[j] == "~":
            j += 1
        if j - i > 2 or self._char_before(i) == "~":
            return -1
        return self._delimiter_run(i)

    def _char_before(self, i: int) -> str:
        before = self.line_before.get(i)
        if before is not None:
            return before
        return self.subject[i - 1]

    def _remove_delimiter(self, node: Inline) -> None:
        previous = node.previous_delimiter
        following = node.next_delimiter
        if previous is not None:
            previous.next_delimiter = following
        else:
            self.first_delimiter = following
        if following is not None:
            following.previous_delimiter = previous
        else:
            self.last_delimiter = previous
        node.previous_delimiter = node.next_delimiter = None
        # What is left of the run is literal text.
        if node.length:
            node.kind = TEXT
            node.text = node.char * node.length
        else:
            node.unlink()

    def _process_emphasis(self, bottom: Inline | None) -> None:
        if self.last_delimiter is None:
            return
        closer = self.first_delimiter if bottom is None else bottom.next_delimiter
        while closer is not None:
            if not closer.can_close:
                closer = closer.next_delimiter
                continue
            found = False
            maybe_opener = False
            consume = 0
            opener = closer.previous_delimiter
            while opener is not None and opener is not bottom:
                if opener.can_open and opener.char == closer.char:
                    maybe_opener = True
                    consume = _consumption(opener, closer)
                    if consume:
                        found = True
                        break
                opener = opener.previous_delimiter
            if not found or opener is None:
                following = closer.next_delimiter
                if not maybe_opener and not closer.can_open:
                    self._remove_delimiter(closer)
                closer = following
                continue
            opener.length -= consume
            closer.length -= consume
            emphasis = Inline(STRIKE if opener.char == "~" else EMPHASIS)
            emphasis.length = consume  # the emphasis level
            child = opener.next
            while child is not None and child is not closer:
                following_child = child.next
                child.unlink()
                emphasis.append(child)
                child = following_child
            opener.insert_after(emphasis)
            between = opener.next_delimiter
            while between is not None and between is not closer:
                following = between.next_delimiter
                self._remove_delimiter(between)
                between = following
            if opener.length == 0:
                self._remove_delimiter(opener)
            if closer.length == 0:
                following = closer.next_delimiter
                self._remove_delimiter(closer)
                closer = following
        # Whatever did not pair up is text.
        delimiter = self.first_delimiter if bottom is None else bottom.next_delimiter
        while delimiter is not None:
            following = delimiter.next_delimiter
            self._remove_delimiter(delimiter)
            delimiter = following

    # -- links and images

    def _link(self, i: int) -> int:
        s = self.subject
        c = s[i]
        if c == "!":
            if i + 1 < len(s) and s[i + 1] == "[":
                return self._open_bracket(i, "![")
            return -1
        if c == "[":
            return self._open_bracket(i, "[")
        opener = self.last_bracket
        if opener is None:
            return -1
        self.last_bracket = opener.previous_bracket
        label_start = opener.length
        if i - label_start > 999 or (opener.text == "[" and _contains_link(opener)):
            opener.kind = TEXT
            return -1
        after = i + 1
        link: Inline | None = None
        end = -1
        nxt = s[after] if after < len(s) else ""
        if nxt == "(":
            end, destination, title = self._inline_link_tail(after)
            if end >= 0:
                link = Inline(LINK)
                link.destination = destination
                link.title = title
        elif nxt == "[":
            label_end = find_closing_bracket(s, after + 1)
            if label_end >= 0:
                label = s[after + 1 : label_end]
                if label.strip(SPACE) == "":
                    label = s[label_start:i]  # collapsed, [text][]: the text is the label
                link = self._reference_link(label)
                if link is None:
                    opener.kind = TEXT
                    return -1
                end = label_end + 1
        if link is None:  # shortcut: [text]
            link = self._reference_link(s[label_start:i])
            if link is None:
                opener.kind = TEXT
                return -1
            end = after
        # Emphasis inside the label is resolved before the label becomes the link text.
        bottom = self.link_bottom
        self.link_bottom = None
        self._process_emphasis(bottom)
        child = opener.next
        while child is not None:
            following = child.next
            child.unlink()
            link.append(child)
            child = following
        if opener.text == "![":
            link.kind = IMAGE
        opener.unlink()
        self.root.append(link)
        return end

    def _reference_link(self, label: str) -> Inline | None:
        """The link a reference label stands for, or None when no definition matches."""
        if len(label) > 999:
            return None
        key = normalize_label(label)
        destination = self.refs.get(key)
        if destination is None:
            return None
        link = Inline(LINK)
        link.destination = destination
        link.title = self.titles.get(key, "")
        return link

    def _open_bracket(self, i: int, marker: str) -> int:
        node = Inline(BRACKET, marker)
        node.length = i + len(marker)  # where the label text starts
        node.previous_bracket = self.last_bracket
        self.last_bracket = node
        self.link_bottom = self.last_delimiter
        self.root.append(node)
        return i + len(marker)

    def _inline_link_tail(self, position: int) -> tuple[int, str, str]:
        """Parse ``(destination "title")`` at ``position``: (end, destination, title as
        written without its quotes), end -1 when it is not one."""
        s = self.subject
        cursor = skip_blank(s, position + 1)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, "", ""
        destination = ""
        if cursor < len(s) and s[cursor] == "<":
            close = cursor + 1
            line_end = s.find("\n", cursor)
            if line_end < 0:
                line_end = len(s)
            while close < line_end:
                ch = s[close]
                if ch == "\\" and close + 1 < line_end and s[close + 1] in ASCII_PUNCT:
                    close += 2
                    continue
                if ch == ">":
                    break
                close += 1
            if close >= line_end:
                return -1, "", ""
            destination = s[cursor + 1 : close]
            cursor = close + 1
        else:
            line_end = s.find("\n", cursor)
            if line_end < 0:
                line_end = len(s)
            depth = 0
            j = cursor
            while j < line_end:
                ch = s[j]
                if ch == "\\" and j + 1 < len(s) and s[j + 1] in ASCII_PUNCT:
                    j += 2
                    continue
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth < 0:
                        break
                elif ch in SPACE:
                    break
                j += 1
            if j == cursor:
                return -1, "", ""
            destination = s[cursor:j]
            cursor = j
        cursor = skip_blank(s, cursor)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, destination, ""
        if cursor >= len(s) or s[cursor] not in "\"'(":
            return -1, "", ""
        opener = s[cursor]
        closer = ")" if opener == "(" else opener
        j = cursor + 1
        while j < len(s):
            ch = s[j]
            if ch == "\\" and j + 1 < len(s) and s[j + 1] in ASCII_PUNCT:
                j += 2
                continue
            if ch == closer:
                break
            if ch == opener:
                return -1, "", ""  # titles do not nest
            j += 1
        if j >= len(s):
            return -1, "", ""
        title_start = cursor + 1
        cursor = skip_blank(s, j + 1)
        if cursor < len(s) and s[cursor] == ")":
            return cursor + 1, destination, s[title_start:j]
        return -1, "", ""

    # -- autolinks and raw HTML

    def _autolink(self, i: int) -> int:
        s = self.subject
        line_end = s.find("\n", i)
        end_of_line = len(s) if line_end < 0 else line_end + 1
        stop = email_end(s, i + 1, end_of_line)
        if stop < 0:
            stop = url_end(s, i + 1, end_of_line)
        if stop < 0 or stop >= end_of_line or s[stop] != ">":
            return -1
        node = Inline(AUTOLINK, s[i + 1 : stop])
        node.destination = node.text
        self.root.append(node)
        return stop + 1

    def _raw_html(self, i: int) -> int:
        s = self.subject
        second = s[i + 1] if i + 1 < len(s) else ""
        end = -1
        if second.isascii() and second.isalnum():
            match = _INLINE_OPEN_TAG.match(s, i)
            end = match.end() if match else -1
        elif second == "/" and i + 2 < len(s) and s[i + 2].isascii() and s[i + 2].isalnum():
            match = _INLINE_CLOSE_TAG.match(s, i)
            end = match.end() if match else -1
        elif s.startswith("<!--", i):
            end = comment_end(s, i)
        elif s.startswith("<?", i):
            end = find_after(s, "?>", i)  # goldmark lets "<?>" close itself
        elif second == "!" and i + 2 < len(s) and "A" <= s[i + 2] <= "Z":
            end = find_after(s, ">", i)
        elif s.startswith("<![CDATA[", i):
            end = find_after(s, "]]>", i)
        if end < 0:
            return -1
        self.root.append(Inline(RAWHTML, s[i:end]))
        return end

    # -- Linkify extension

    def _linkify(self, i: int) -> int:
        if self.last_bracket is not None:
            return -1  # never inside a link label
        s = self.subject
        start = i + 1 if s[i] in _LINKIFY_TRIGGERS else i
        if start >= len(s):
            return -1
        line_end = s.find("\n", start)
        end_of_line = len(s) if line_end < 0 else line_end + 1
        first = s[start]
        if first not in "hfw" and s.find("@", start, end_of_line) < 0:
            return -1  # neither a URL nor an e-mail address: the common case
        match = None
        www = False
        if s.startswith(("http:", "https:", "ftp:"), start, end_of_line):
            match = _LINKIFY_URL.match(s, start, end_of_line)
        if match is None and s.startswith("www.", start, end_of_line):
            # goldmark marks the link as "http" even when only the e-mail rule matches.
            match = _LINKIFY_WWW.match(s, start, end_of_line)
            www = True
        if match is not None:
            stop = match.end()
            last = s[stop - 1]
            if last == ".":
                stop -= 1
            elif last == ")":
                closing = s.count(")", start, stop) - s.count("(", start, stop)
                if closing > 0:
                    stop -= closing
            elif last == ";":
                k = stop - 2
                while k >= start and s[k].isascii() and s[k].isalnum():
                    k -= 1
                if k != stop - 2 and k >= start and s[k] == "&":
                    stop = k
        else:
            if first in ASCII_PUNCT:
                return -1
            stop = email_end(s, start, end_of_line)
            if stop < 0:
                return -1
            at = s.find("@", start, stop)
            if s.find(".", at, stop - 1) < 0:
                return -1
            if s[stop - 1] == ".":
                stop -= 1
            if stop < end_of_line and s[stop] in "-_":
                return -1
        end = stop
        while end - 1 > start and s[end - 1] in _LINKIFY_TRAILING:
            end -= 1
        if start > i:
            self._append_text(s[i:start])
        label = s[start:end]
        node = Inline(AUTOLINK, "http://" + label if www else label)
        node.destination = label
        self.root.append(node)
        return end


_TRIGGERS = frozenset("`[]!<*_ ~(")
_LINKIFY_ONLY = frozenset(" ~(")
# goldmark's task list box: "[ ]", "[x]" or "[X]" and the blanks after it.
_TASK_BOX = re.compile(r"\[([ \t\n\r\f\vxX])\][ \t\n\r\f\v]*")
# Where the scan must stop: ASCII punctuation (which includes the backslash) and blanks.
_CANDIDATE = re.compile(r"[!-/:-@\[-`{-~ \t]")


def _consumption(opener: Inline, closer: Inline) -> int:
    """How many characters an opener/closer pair uses (0: the rule of three forbids)."""
    if (
        (opener.can_close or closer.can_open)
        and (opener.original_length + closer.original_length) % 3 == 0
        and closer.original_length % 3 != 0
    ):
        return 0
    if opener.length >= 2 and closer.length >= 2:
        return 2
    return 1


def _contains_link(opener: Inline) -> bool:
    stack: list[Inline] = []
    node = opener.next
    while node is not None:
        stack.append(node)
        node = node.next
    while stack:
        node = stack.pop()
        if node.kind == LINK:
            return True
        stack.extend(node.children())
    return False
