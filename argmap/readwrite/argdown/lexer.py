"""Argdown's lexer: token kinds, first-match token order and context rules.

It cuts a text where Argdown 1.7.5 cuts it: relations, list items and statement numbers only at
the start of a line, indentation turned into ``Indent``/``Dedent`` tokens, bold and italic
ranges. Written from Argdown's documented behaviour; no code of Argdown's is copied.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from argmap.errors import ArgdownSyntaxError

# --------------------------------------------------------------------------------------------
# Token kinds
# --------------------------------------------------------------------------------------------

(
    COMMENT,
    FRONT_MATTER,
    DATA,
    ESCAPED_CHAR,
    SPECIAL_CHAR,
    EMPTYLINE,
    NEWLINE,
    DEDENT,
    INDENT,
    INFERENCE_START,
    INCOMING_SUPPORT,
    INCOMING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_ATTACK,
    CONTRADICTION,
    INCOMING_UNDERCUT,
    OUTGOING_UNDERCUT,
    HEADING_START,
    STATEMENT_NUMBER,
    ORDERED_LIST_ITEM,
    UNORDERED_LIST_ITEM,
    ASTERISK_BOLD_END,
    UNDERSCORE_BOLD_END,
    ASTERISK_ITALIC_END,
    UNDERSCORE_ITALIC_END,
    ASTERISK_BOLD_START,
    UNDERSCORE_BOLD_START,
    ASTERISK_ITALIC_START,
    UNDERSCORE_ITALIC_START,
    LINK,
    TAG,
    STATEMENT_DEFINITION,
    STATEMENT_REFERENCE,
    STATEMENT_MENTION,
    ARGUMENT_DEFINITION,
    ARGUMENT_REFERENCE,
    ARGUMENT_MENTION,
    SPACES,
    FREESTYLE,
    UNUSED_CONTROL_CHAR,
    INFERENCE_END,
    LIST_DELIMITER,
    EOF,
    RELATION,  # the lexer's shared matcher for the seven relation kinds
) = range(44)

_TOKEN_LABELS = {
    COMMENT: "a comment",
    FRONT_MATTER: "front matter (===)",
    DATA: "YAML data ({...})",
    ESCAPED_CHAR: "an escaped character",
    SPECIAL_CHAR: "a shortcode",
    EMPTYLINE: "an empty line",
    NEWLINE: "a line break",
    DEDENT: "a smaller indentation",
    INDENT: "an indentation",
    INFERENCE_START: "an inference (--)",
    INCOMING_SUPPORT: "an incoming support (+>)",
    INCOMING_ATTACK: "an incoming attack (->)",
    OUTGOING_SUPPORT: "an outgoing support (+ or <+)",
    OUTGOING_ATTACK: "an outgoing attack (- or <-)",
    CONTRADICTION: "a contradiction (><)",
    INCOMING_UNDERCUT: "an incoming undercut (_>)",
    OUTGOING_UNDERCUT: "an outgoing undercut (<_)",
    HEADING_START: "a heading (#)",
    STATEMENT_NUMBER: "a statement number ((1))",
    ORDERED_LIST_ITEM: "an ordered list item (1.)",
    UNORDERED_LIST_ITEM: "an unordered list item (*)",
    ASTERISK_BOLD_END: "the end of bold text (**)",
    UNDERSCORE_BOLD_END: "the end of bold text (__)",
    ASTERISK_ITALIC_END: "the end of italic text (*)",
    UNDERSCORE_ITALIC_END: "the end of italic text (_)",
    ASTERISK_BOLD_START: "bold text (**)",
    UNDERSCORE_BOLD_START: "bold text (__)",
    ASTERISK_ITALIC_START: "italic text (*)",
    UNDERSCORE_ITALIC_START: "italic text (_)",
    LINK: "a link ([text](url))",
    TAG: "a tag (#tag)",
    STATEMENT_DEFINITION: "a statement definition ([Title]:)",
    STATEMENT_REFERENCE: "a statement reference ([Title])",
    STATEMENT_MENTION: "a statement mention (@[Title])",
    ARGUMENT_DEFINITION: "an argument definition (<Title>:)",
    ARGUMENT_REFERENCE: "an argument reference (<Title>)",
    ARGUMENT_MENTION: "an argument mention (@<Title>)",
    SPACES: "spaces",
    FREESTYLE: "text",
    UNUSED_CONTROL_CHAR: "text",
    INFERENCE_END: "the end of an inference (--)",
    LIST_DELIMITER: "a comma",
    EOF: "the end of the text",
    RELATION: "a relation",
}

_FREESTYLE_TOKENS = frozenset({FREESTYLE, UNUSED_CONTROL_CHAR, ESCAPED_CHAR, SPECIAL_CHAR})
_RANGE_START = {
    ASTERISK_BOLD_START: (ASTERISK_BOLD_END, "bold"),
    UNDERSCORE_BOLD_START: (UNDERSCORE_BOLD_END, "bold"),
    ASTERISK_ITALIC_START: (ASTERISK_ITALIC_END, "italic"),
    UNDERSCORE_ITALIC_START: (UNDERSCORE_ITALIC_END, "italic"),
}
_CONTENT_TOKENS = _FREESTYLE_TOKENS | frozenset(
    {LINK, TAG, ARGUMENT_MENTION, STATEMENT_MENTION, NEWLINE, *_RANGE_START}
)
_STATEMENT_FIRST = _CONTENT_TOKENS | frozenset({STATEMENT_REFERENCE, STATEMENT_DEFINITION})
_ARGUMENT_FIRST = frozenset({ARGUMENT_DEFINITION, ARGUMENT_REFERENCE})

Token = tuple[int, str, int]  # kind, image, start offset

# --------------------------------------------------------------------------------------------
# Lexer
# --------------------------------------------------------------------------------------------

# JavaScript's "." (no line terminators) and "\s": the lexer must split text where Argdown does.
_JS_DOT = r"[^\n\r\u2028\u2029]"
_JS_WS = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_JS_NOT_WS = r"[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_ANY_BUT_LT = r"(?:" + _JS_DOT + r"|\n|\r)"
_COMMENT_BODY = (
    r"(?:<!--" + _ANY_BUT_LT + r"*?-->)|(?:/\*" + _ANY_BUT_LT + r"*?\*/)"
    r"|(?://" + _JS_DOT + r"*?(?=\r\n|\n|\r))"
)
_RE_COMMENT = re.compile(_COMMENT_BODY)
_RE_COMMENT_AFTER_EMPTYLINE = re.compile(r"(?:" + _COMMENT_BODY + r")(?:[ \t]*\r\n|\n|\r)*")
_RE_COMMENT_AFTER_NEWLINE = re.compile(
    r"(?:" + _COMMENT_BODY + r")(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?"
)
_RE_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_RE_DATA = re.compile(
    r"\{(?:(?!\}" + _JS_WS + r"[^,}])[^\r\u2028\u2029])*\}(?!" + _JS_WS + r"*[,}])"
)
_RE_ESCAPED_CHAR = re.compile(r"\\" + _JS_DOT + r"(?: )*")
_RE_SPECIAL_CHAR = re.compile(
    r"(?:\." + _JS_NOT_WS + r"+?\.[ \t]?)|(?::" + _JS_NOT_WS + r"+?:[ \t]?)"
)
_RE_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_RE_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_RE_INFERENCE_START = re.compile(r"[' \t]*-{2}")
_RE_ANY_RELATION = re.compile(
    r"([' \t]*)(?:(?P<is>\+>)|(?P<ia>->)|(?P<os><?\+)|(?P<oa><?-)|(?P<c>><)|(?P<iu>_>)"
    r"|(?P<ou><_|_(?=" + _JS_WS + r")))"
)
_RELATION_GROUP_KINDS = {
    "is": INCOMING_SUPPORT,
    "ia": INCOMING_ATTACK,
    "os": OUTGOING_SUPPORT,
    "oa": OUTGOING_ATTACK,
    "c": CONTRADICTION,
    "iu": INCOMING_UNDERCUT,
    "ou": OUTGOING_UNDERCUT,
}
# The seven relation kinds: exactly those the relation matcher can report.
RELATION_TOKENS = frozenset(_RELATION_GROUP_KINDS.values())
_RE_HEADING_START = re.compile(r"(#+) ")
_RE_STATEMENT_NUMBER = re.compile(r"[' \t]*\([0-9]+\)")
_RE_ORDERED_LIST_ITEM = re.compile(r"([' \t]*)[0-9]+\.(?=" + _JS_WS + r")")
_RE_UNORDERED_LIST_ITEM = re.compile(r"([' \t]*)\*(?=" + _JS_WS + r")")
_RANGE_END_TAIL = r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))"
_RE_RANGE_END = {
    ASTERISK_BOLD_END: re.compile(r"\*\*" + _RANGE_END_TAIL),
    UNDERSCORE_BOLD_END: re.compile(r"__" + _RANGE_END_TAIL),
    ASTERISK_ITALIC_END: re.compile(r"\*" + _RANGE_END_TAIL),
    UNDERSCORE_ITALIC_END: re.compile(r"_" + _RANGE_END_TAIL),
}
_RE_RANGE_START = {
    ASTERISK_BOLD_START: re.compile(r"\*\*(?!" + _JS_WS + r")"),
    UNDERSCORE_BOLD_START: re.compile(r"__(?!" + _JS_WS + r")"),
    ASTERISK_ITALIC_START: re.compile(r"\*(?!" + _JS_WS + r")"),
    UNDERSCORE_ITALIC_START: re.compile(r"_(?!" + _JS_WS + r")"),
}
_RANGE_KIND_OF_END = {
    ASTERISK_BOLD_END: "AsteriskBold",
    UNDERSCORE_BOLD_END: "UnderscoreBold",
    ASTERISK_ITALIC_END: "AsteriskItalic",
    UNDERSCORE_ITALIC_END: "UnderscoreItalic",
}
_RANGE_KIND_OF_START = {
    ASTERISK_BOLD_START: "AsteriskBold",
    UNDERSCORE_BOLD_START: "UnderscoreBold",
    ASTERISK_ITALIC_START: "AsteriskItalic",
    UNDERSCORE_ITALIC_START: "UnderscoreItalic",
}
# Argdown writes the tag class as [a-zA-z...]: "A-z" also takes [ \ ] ^ _ and the backtick.
_TAG_CHARS = r"A-Za-z\[\\\]^_`0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
_RE_TAG = re.compile(r"#(?:\([^)]+\)|[" + _TAG_CHARS + r"]+)[ \t]?")
_RE_TAG_NAME = re.compile(r"#(?:\(([^)]+)\)|([" + _TAG_CHARS + r"]+))")
_RE_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")
_RE_LINK_PARTS = re.compile(r"\[(" + _JS_DOT + r"+)\]\((" + _JS_DOT + r"+)\)")
_RE_STATEMENT_DEFINITION = re.compile(r"\[" + _JS_DOT + r"+?\]:")
_RE_STATEMENT_REFERENCE = re.compile(r"\[[^-]" + _JS_DOT + r"*?\]")
_RE_STATEMENT_MENTION = re.compile(r"@\[" + _JS_DOT + r"+?\][ \t]?")
_RE_ARGUMENT_DEFINITION = re.compile(r"<" + _JS_DOT + r"+?>:")
_RE_ARGUMENT_REFERENCE = re.compile(r"<[^-]" + _JS_DOT + r"*?>")
_RE_ARGUMENT_MENTION = re.compile(r"@<" + _JS_DOT + r"+?>[ \t]?")
_RE_SPACES = re.compile(r"[ \t]+")
_FREESTYLE_EXCLUDED = "\\@#*_[],.:</>(){}\r\n;-"
_RE_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:</>(){}\r\n;\-]+")
_CONTROL_CHARS = "@#*_[],.:</>(){};-"
_RE_UNUSED_CONTROL_CHAR = re.compile(r"[@#*_\[\],.:</>(){};\-][ \t]?")
_RE_INFERENCE_END = re.compile(r"-{2,}")
_RE_BLOCK_DATA_START = re.compile(r"\{[ \t]*(?:\n\r|\n)")
_RE_BLOCK_DATA_END = re.compile(r"\}\s*\Z")

_LINE_START = " \t'"
# Which token kinds may begin with a character, in the lexer's order of trial (first match wins).
_FIRST_CHARS: dict[int, str | None] = {
    COMMENT: "</",
    FRONT_MATTER: "=",
    DATA: "{",
    ESCAPED_CHAR: "\\",
    SPECIAL_CHAR: ".:",
    EMPTYLINE: " \t\r\n",
    NEWLINE: " \t\r\n",
    INFERENCE_START: _LINE_START + "-",
    RELATION: _LINE_START + "+-<>_",
    HEADING_START: "#",
    STATEMENT_NUMBER: _LINE_START + "(",
    ORDERED_LIST_ITEM: _LINE_START + "0123456789",
    UNORDERED_LIST_ITEM: _LINE_START + "*",
    ASTERISK_BOLD_END: "*",
    UNDERSCORE_BOLD_END: "_",
    ASTERISK_ITALIC_END: "*",
    UNDERSCORE_ITALIC_END: "_",
    ASTERISK_BOLD_START: "*",
    UNDERSCORE_BOLD_START: "_",
    ASTERISK_ITALIC_START: "*",
    UNDERSCORE_ITALIC_START: "_",
    LINK: "[",
    TAG: "#",
    STATEMENT_DEFINITION: "[",
    STATEMENT_REFERENCE: "[",
    STATEMENT_MENTION: "@",
    ARGUMENT_DEFINITION: "<",
    ARGUMENT_REFERENCE: "<",
    ARGUMENT_MENTION: "@",
    SPACES: " \t",
    FREESTYLE: None,  # any character but the excluded ones
    UNUSED_CONTROL_CHAR: _CONTROL_CHARS,
    INFERENCE_END: "-",
    LIST_DELIMITER: ",",
}
# The default mode tries the kinds in _FIRST_CHARS's order: all but the two only inferences use.
_DEFAULT_MODE = [kind for kind in _FIRST_CHARS if kind not in (INFERENCE_END, LIST_DELIMITER)]
_INFERENCE_MODE = [
    COMMENT,
    NEWLINE,
    ESCAPED_CHAR,
    SPECIAL_CHAR,
    INFERENCE_END,
    DATA,
    LIST_DELIMITER,
    SPACES,
    FREESTYLE,
    UNUSED_CONTROL_CHAR,
]
_SIMPLE_PATTERNS: dict[int, re.Pattern[str]] = {
    FRONT_MATTER: _RE_FRONT_MATTER,
    DATA: _RE_DATA,
    ESCAPED_CHAR: _RE_ESCAPED_CHAR,
    SPECIAL_CHAR: _RE_SPECIAL_CHAR,
    NEWLINE: _RE_NEWLINE,
    LINK: _RE_LINK,
    TAG: _RE_TAG,
    STATEMENT_DEFINITION: _RE_STATEMENT_DEFINITION,
    STATEMENT_REFERENCE: _RE_STATEMENT_REFERENCE,
    STATEMENT_MENTION: _RE_STATEMENT_MENTION,
    ARGUMENT_DEFINITION: _RE_ARGUMENT_DEFINITION,
    ARGUMENT_REFERENCE: _RE_ARGUMENT_REFERENCE,
    ARGUMENT_MENTION: _RE_ARGUMENT_MENTION,
    SPACES: _RE_SPACES,
    FREESTYLE: _RE_FREESTYLE,
    UNUSED_CONTROL_CHAR: _RE_UNUSED_CONTROL_CHAR,
    INFERENCE_END: _RE_INFERENCE_END,
    LIST_DELIMITER: re.compile(","),
}


# Characters with which some token other than Freestyle text can begin (in either mode).
_SPECIAL_FIRST_CHARS = frozenset(
    "".join(
        chars for kind, chars in _FIRST_CHARS.items() if chars is not None and kind != FREESTYLE
    )
    + _FREESTYLE_EXCLUDED
)


def _after(
    tokens: list[Token], reported: dict[int, tuple[int, int]], lines: _Lines
) -> tuple[int, int]:
    """Where Argdown places a token it inserts after the last one: at that token's last
    character, on the next line when that token is a line break."""
    if not tokens:
        return (1, 0)
    kind, image, start = tokens[-1]
    if not image:
        return reported.get(len(tokens) - 1) or lines.position(start)
    line, column = lines.position(start + len(image) - 1)
    return (line + 1, column) if kind in (NEWLINE, EMPTYLINE) else (line, column)


def _can_start(kind: int, char: str) -> bool:
    chars = _FIRST_CHARS[kind]
    if chars is None:
        return char not in _FREESTYLE_EXCLUDED
    return char in chars


class _Lines:
    """Offsets to 1-based (line, column); line breaks as Argdown counts them (\\n, \\r\\n, \\r)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        for match in re.finditer(r"\r\n|\n|\r", text):
            starts.append(match.end())
        self._starts = starts
        self._widths = [len(line) for line in re.split(r"\r\n|\n|\r", text)]

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def clamp(self, line: int, column: int) -> int:
        """A column that lies on ``line`` (its end at most), for tokens Argdown places past it."""
        if 1 <= line <= len(self._widths):
            return max(1, min(column, self._widths[line - 1] + 1))
        return max(column, 1)


class _Ahead:
    """Where a string next occurs, for a lexer that only moves forward.

    Several token patterns scan lazily for their closing bracket (``[...]:``, ``<!-- ... -->``).
    When the closer never comes, every opener scans to the end of the line (or of the text), so
    a line of 10,000 openers took minutes. Asking first whether the closer occurs at all, with
    answers cached while the lexer moves on, makes that linear; the patterns still decide.
    """

    __slots__ = ("_found", "_line_end", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, tuple[int, int]] = {}  # needle -> (searched from, found at or -1)
        self._line_end = (0, -1)  # (searched from, where the line ends)

    def find(self, needle: str, start: int) -> int:
        """The first offset >= ``start`` where ``needle`` occurs, or -1."""
        cached = self._found.get(needle)
        if cached is not None:
            since, at = cached
            # The answer found from `since` also holds from any later start up to it.
            if since <= start and (at == -1 or start <= at):
                return at
        at = self._text.find(needle, start)
        self._found[needle] = (start, at)
        return at

    def line_end(self, start: int) -> int:
        """The offset of the first line terminator (JavaScript's) at or after ``start``."""
        since, end = self._line_end
        if not since <= start <= end:
            found = _RE_JS_LINE_TERMINATOR.search(self._text, start)
            end = len(self._text) if found is None else found.start()
            self._line_end = (start, end)
        return end

    def on_line(self, needle: str, start: int) -> bool:
        """Whether ``needle`` occurs from ``start`` before the line ends (JavaScript's ``.``)."""
        at = self.find(needle, start)
        return at != -1 and at < self.line_end(start)


_RE_JS_LINE_TERMINATOR = re.compile(r"[\n\r\u2028\u2029]")

# For the patterns that scan for a closer, what must follow the opener for a match at `at`:
# the closers, each with how far past `at` its search starts, and whether the pattern stays on
# one line. Each condition is implied by its pattern (tests hold this on random text).
_CLOSERS: dict[int, tuple[tuple[tuple[str, int], ...], bool]] = {
    STATEMENT_DEFINITION: ((("]:", 2),), True),
    STATEMENT_REFERENCE: ((("]", 2),), True),
    STATEMENT_MENTION: ((("]", 3),), True),
    ARGUMENT_DEFINITION: (((">:", 2),), True),
    ARGUMENT_REFERENCE: (((">", 2),), True),
    ARGUMENT_MENTION: (((">", 3),), True),
    LINK: ((("](", 2), (")", 4)), False),
    DATA: ((("}", 1),), False),
    FRONT_MATTER: ((("===", 3),), False),
}


def _closers_follow(ahead: _Ahead, kind: int, at: int) -> bool:
    """A necessary condition for a token of ``kind`` at ``at``: its closers follow."""
    closers, one_line = _CLOSERS[kind]
    if one_line:
        return all(ahead.on_line(needle, at + skip) for needle, skip in closers)
    return all(ahead.find(needle, at + skip) != -1 for needle, skip in closers)


_COMMENT_OPENERS = ("<!--", "/*", "//")


def _paren_tag_may_close(ahead: _Ahead, at: int) -> bool:
    """A necessary condition for a ``#(...)`` tag at ``at``: a ``)`` after its first letter."""
    return ahead.find(")", at + 3) != -1


def _comment_opener(text: str, at: int) -> str | None:
    """Which comment starts at ``at`` (every comment pattern begins with one of three)."""
    for opener in _COMMENT_OPENERS:
        if text.startswith(opener, at):
            return opener
    return None


def _comment_may_start(ahead: _Ahead, opener: str, at: int) -> bool:
    """A necessary condition for a comment at ``at``: its closer (or line break) follows."""
    if opener == "<!--":
        return ahead.find("-->", at + 4) != -1
    if opener == "/*":
        return ahead.find("*/", at + 2) != -1
    return ahead.find("\n", at + 2) != -1 or ahead.find("\r", at + 2) != -1


def tokenize(
    text: str,
    lines: _Lines,
    origin: str | None,
    positions: dict[int, tuple[int, int]] | None = None,
) -> list[Token]:
    """Split ``text`` into Argdown tokens the way Argdown's lexer does.

    At each offset the token kinds of the current mode are tried in Argdown's order and the first
    that matches wins. Some kinds only match at the start of a line (after a line break or an
    empty line) and some change state: relations and list items emit ``Indent``/``Dedent``
    tokens, statement numbers, inferences and empty lines close open indentation, and bold or
    italic starts push a range that only the matching end may pop.

    ``positions``, when given, receives the (line, column) Argdown reports for the ``Dedent``
    tokens that close all indentation (at the end of the token before them, not at an offset).

    Raises:
        ArgdownSyntaxError: A character no token can take (a backslash before a line break).
    """
    tokens: list[Token] = []
    reported = positions if positions is not None else {}
    append = tokens.append
    indent_stack = [0]
    ranges_stack: list[str] = []
    n = len(text)

    def after_break() -> bool:
        return not tokens or tokens[-1][0] in (NEWLINE, EMPTYLINE)

    def line_start_match(pattern: re.Pattern[str], at: int) -> re.Match[str] | None:
        # Relations, headings, statement numbers and list items exist only at a line's start.
        return pattern.match(text, at) if after_break() else None

    def dedent_all(at: int) -> None:
        if len(indent_stack) <= 1:
            return
        where = _after(tokens, reported, lines)
        while len(indent_stack) > 1:
            reported[len(tokens)] = where
            append((DEDENT, "", at))
            indent_stack.pop()

    def indent_or_dedent(width: int, at: int) -> None:
        if width > indent_stack[-1]:
            indent_stack.append(width)
            append((INDENT, "", at))
        else:
            while len(indent_stack) > 1 and width < indent_stack[-1]:
                indent_stack.pop()
                append((DEDENT, "", at))

    # A pattern that failed because its closer never comes is not tried again before the end
    # of its line (or of the text): without that, a line of openers scanned once per opener.
    ahead = _Ahead(text)

    def simple(kind: int, pattern: re.Pattern[str]) -> Callable[[int], int]:
        match = pattern.match

        def matcher(at: int) -> int:
            m = match(text, at)
            return m.end() if m else -1

        if kind not in _CLOSERS:
            return matcher
        one_line = _CLOSERS[kind][1]
        dead_until = [-1]

        def guarded(at: int) -> int:
            if at < dead_until[0]:
                return -1
            m = match(text, at)
            if m:
                return m.end()
            if not _closers_follow(ahead, kind, at):
                dead_until[0] = ahead.line_end(at) if one_line else n
            return -1

        return guarded

    tag_match = _RE_TAG.match
    paren_tags_dead = [False]

    def tag(at: int) -> int:
        # "#(" can only open a parenthesised tag ("(" is no tag character), which needs a ")".
        if text.startswith("#(", at):
            if paren_tags_dead[0]:
                return -1
            m = tag_match(text, at)
            if m:
                return m.end()
            if not _paren_tag_may_close(ahead, at):
                paren_tags_dead[0] = True
            return -1
        m = tag_match(text, at)
        return m.end() if m else -1

    comment_dead_until = dict.fromkeys(_COMMENT_OPENERS, -1)

    def comment(at: int) -> int:
        opener = _comment_opener(text, at)
        if opener is None or at < comment_dead_until[opener]:
            return -1
        m = comment_match(at)
        if m:
            return m.end()
        if not _comment_may_start(ahead, opener, at):
            comment_dead_until[opener] = n
        return -1

    def comment_match(at: int) -> re.Match[str] | None:
        last = tokens[-1][0] if tokens else -1
        if last == EMPTYLINE:
            m = _RE_COMMENT_AFTER_EMPTYLINE.match(text, at)
        elif last == NEWLINE:
            m = _RE_COMMENT_AFTER_NEWLINE.match(text, at)
        else:
            m = _RE_COMMENT.match(text, at)
        return m

    def emptyline(at: int) -> int:
        if tokens and tokens[-1][0] == EMPTYLINE:
            return -1
        m = _RE_EMPTYLINE.match(text, at)
        if not m:
            return -1
        if m.end() < n:  # trailing line breaks close nothing
            dedent_all(at)
        return m.end()

    relation_kind = [0]

    def relation(at: int) -> int:
        # One pattern for the seven relation symbols, in Argdown's order of trial; the
        # indentation never contains a symbol character, so the first alternative that fits is
        # the kind Argdown's separate patterns would find first.
        m = line_start_match(_RE_ANY_RELATION, at)
        if not m:
            return -1
        relation_kind[0] = _RELATION_GROUP_KINDS[m.lastgroup or ""]
        indent_or_dedent(len(m.group(1)), at)
        return m.end()

    def inference_start(at: int) -> int:
        if tokens and tokens[-1][0] != NEWLINE:
            return -1
        m = _RE_INFERENCE_START.match(text, at)
        if not m:
            return -1
        dedent_all(at)
        return m.end()

    def heading_start(at: int) -> int:
        m = line_start_match(_RE_HEADING_START, at)
        return m.end() if m else -1

    def statement_number(at: int) -> int:
        m = line_start_match(_RE_STATEMENT_NUMBER, at)
        if not m:
            return -1
        dedent_all(at)
        return m.end()

    def list_item(pattern: re.Pattern[str]) -> Callable[[int], int]:
        def matcher(at: int) -> int:
            m = line_start_match(pattern, at)
            if not m:
                return -1
            # Lists may start at column 1: Argdown counts one more column so that they indent.
            indent_or_dedent(len(m.group(1)) + 1, at)
            return m.end()

        return matcher

    def range_end(pattern: re.Pattern[str], name: str) -> Callable[[int], int]:
        def matcher(at: int) -> int:
            if not ranges_stack or ranges_stack[-1] != name or not tokens:
                return -1
            m = pattern.match(text, at)
            if not m:
                return -1
            ranges_stack.pop()
            return m.end()

        return matcher

    def range_start(pattern: re.Pattern[str], name: str) -> Callable[[int], int]:
        def matcher(at: int) -> int:
            m = pattern.match(text, at)
            if not m:
                return -1
            ranges_stack.append(name)
            return m.end()

        return matcher

    matchers: dict[int, Callable[[int], int]] = {
        k: simple(k, p) for k, p in _SIMPLE_PATTERNS.items()
    }
    matchers.update(
        {
            COMMENT: comment,
            TAG: tag,
            EMPTYLINE: emptyline,
            RELATION: relation,
            INFERENCE_START: inference_start,
            HEADING_START: heading_start,
            STATEMENT_NUMBER: statement_number,
            ORDERED_LIST_ITEM: list_item(_RE_ORDERED_LIST_ITEM),
            UNORDERED_LIST_ITEM: list_item(_RE_UNORDERED_LIST_ITEM),
        }
    )
    for kind, pattern in _RE_RANGE_END.items():
        matchers[kind] = range_end(pattern, _RANGE_KIND_OF_END[kind])
    for kind, pattern in _RE_RANGE_START.items():
        matchers[kind] = range_start(pattern, _RANGE_KIND_OF_START[kind])

    caches: tuple[dict[str, list[tuple[int, Callable[[int], int]]]], ...] = ({}, {})
    in_inference = 0
    pos = 0
    freestyle = _RE_FREESTYLE.match
    while pos < n:
        char = text[pos]
        if char not in _SPECIAL_FIRST_CHARS:  # fast path: only Freestyle text can start here
            end = freestyle(text, pos).end()  # type: ignore[union-attr]
            append((FREESTYLE, text[pos:end], pos))
            pos = end
            continue
        cache = caches[in_inference]
        candidates = cache.get(char)
        if candidates is None:
            mode = _INFERENCE_MODE if in_inference else _DEFAULT_MODE
            candidates = [(k, matchers[k]) for k in mode if _can_start(k, char)]
            cache[char] = candidates
        for kind, matcher in candidates:  # noqa: B007 - kind is used after the loop
            end = matcher(pos)
            if end > pos:
                break
        else:
            line, column = lines.position(pos)
            raise ArgdownSyntaxError(
                f"no Argdown token can start with {char!r}"
                + (" (a backslash escapes the next character on its line)" if char == "\\" else ""),
                file=origin,
                line=line,
                column=column,
            )
        if kind == RELATION:
            append((relation_kind[0], text[pos:end], pos))
        elif kind != COMMENT and kind != SPACES:
            append((kind, text[pos:end], pos))
            if kind == INFERENCE_START:
                in_inference = 1
            elif kind == INFERENCE_END:
                in_inference = 0
        pos = end
    if tokens and tokens[-1][0] == EMPTYLINE:
        tokens.pop()
    dedent_all(n)
    return tokens
