"""Argdown's own view of a document: tokens, grammar, statements, arguments, relations and map.

This private module reproduces what Argdown 1.7.5 (``@argdown/core``) makes of a text, so that
argmap agrees with the real tool: the lexer's first-match token order and its context rules
(relations, list items and statement numbers only at the start of a line, indentation turned into
``Indent``/``Dedent`` tokens, bold and italic ranges), the grammar, the model plugin (titles,
equivalence classes, ``Untitled N`` counters shared by statements and arguments, relation
de-duplication, argument relations moved to main conclusions, strict mode), the selection plugins,
the map (nodes, edges, edges implied by shared titles) and the groups made from headings.

It knows nothing about argmap's model; :mod:`argmap.readwrite.argdown_format` turns its result
into an :class:`~argmap.model.ArgumentMap`. Written from Argdown's documented behaviour and its
public conformance data; no code of Argdown's is copied.
"""

from __future__ import annotations

import bisect
import copy
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from argmap._gc import collector_paused
from argmap.errors import ArgdownSyntaxError
from argmap.readwrite._yaml import check_depth, guard_scalars

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "MAX_NESTING",
    "ArgdownDocument",
    "ArgdownRelation",
    "Argument",
    "EquivalenceClass",
    "Inference",
    "MapEdge",
    "MapNode",
    "Occurrence",
    "Range",
    "Relation",
    "Section",
    "parse",
]

#: Deepest nesting of relation blocks the parser follows before it stops with a clear error
#: (recursive descent: a bound keeps Python's stack safe against hostile input).
MAX_NESTING = 100

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

RELATION_TOKENS = frozenset(
    {
        INCOMING_SUPPORT,
        INCOMING_ATTACK,
        OUTGOING_SUPPORT,
        OUTGOING_ATTACK,
        CONTRADICTION,
        INCOMING_UNDERCUT,
        OUTGOING_UNDERCUT,
    }
)
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
_DEFAULT_MODE = [
    COMMENT,
    FRONT_MATTER,
    DATA,
    ESCAPED_CHAR,
    SPECIAL_CHAR,
    EMPTYLINE,
    NEWLINE,
    INFERENCE_START,
    RELATION,
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
]
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
    file: str | None,
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
        if not after_break():
            return -1
        m = _RE_ANY_RELATION.match(text, at)
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
        if not after_break():
            return -1
        m = _RE_HEADING_START.match(text, at)
        return m.end() if m else -1

    def statement_number(at: int) -> int:
        if not after_break():
            return -1
        m = _RE_STATEMENT_NUMBER.match(text, at)
        if not m:
            return -1
        dedent_all(at)
        return m.end()

    def list_item(pattern: re.Pattern[str]) -> Callable[[int], int]:
        def matcher(at: int) -> int:
            if not after_break():
                return -1
            m = pattern.match(text, at)
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
                file=file,
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


# --------------------------------------------------------------------------------------------
# Argdown's model
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Range:
    """A formatted stretch of a statement's text: ``start`` and inclusive ``stop`` offsets."""

    type: str
    start: int
    stop: int
    title: str | None = None
    url: str | None = None
    tag: str | None = None


@dataclass(eq=False)
class Section:
    """A heading: ``id`` (``s1``, ...), ``title``, ``level``, its sub-sections and group flag."""

    id: str
    title: str
    level: int
    line: int
    column: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    is_group: bool | None = None
    is_closed: bool | None = None
    tags: list[str] = field(default_factory=list)
    data: Any = None
    ranges: list[Range] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Section({self.id!r}, {self.title!r}, level={self.level})"


@dataclass(eq=False)
class Inference:
    """The step to a conclusion in a premise-conclusion structure."""

    line: int
    column: int
    rules: list[str] = field(default_factory=list)
    data: Any = None
    argument_title: str | None = None
    conclusion_index: int | None = None
    relations: list[Relation] = field(default_factory=list)
    type: str = "inference"

    @property
    def title(self) -> str:
        """The argument's title (Argdown names an inference by its argument)."""
        return self.argument_title or ""

    def __repr__(self) -> str:
        return f"Inference({self.argument_title!r}, {self.conclusion_index}, rules={self.rules!r})"


@dataclass(eq=False)
class Occurrence:
    """One place in the text where a statement (or an argument's description) occurs.

    ``role`` is ``top-level-statement``, ``relation-statement``, ``premise``,
    ``intermediary-conclusion``, ``main-conclusion``, ``argument-description`` or ``None``
    (list items).
    """

    line: int
    column: int
    role: str | None = None
    title: str | None = None
    text: str | None = None
    is_reference: bool = False
    is_top_level: bool = False
    tags: list[str] = field(default_factory=list)
    data: Any = None
    ranges: list[Range] = field(default_factory=list)
    section: Section | None = None
    argument_title: str | None = None
    inference: Inference | None = None
    pcs: list[Occurrence] | None = None

    def __repr__(self) -> str:
        return f"Occurrence({self.title!r}, role={self.role!r}, text={self.text!r})"


@dataclass(eq=False)
class EquivalenceClass:
    """All statements that share a title; Argdown treats them as logically equivalent."""

    title: str
    members: list[Occurrence] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    is_used_as_premise: bool = False
    is_used_as_main_conclusion: bool = False
    is_used_as_intermediary_conclusion: bool = False
    is_used_as_top_level_statement: bool = False
    is_used_as_relation_statement: bool = False
    untitled: bool = False
    type: str = "equivalence-class"

    def canonical_member(self) -> Occurrence | None:
        """The last member that is not a bare reference (or one whose data says ``isCanonical``)."""
        return _canonical(self.members)

    @property
    def text(self) -> str | None:
        """The canonical member's text."""
        member = self.canonical_member()
        return member.text if member else None

    def __repr__(self) -> str:
        return f"EquivalenceClass({self.title!r}, members={len(self.members)})"


@dataclass(eq=False)
class Argument:
    """An argument: its descriptions (``members``) and, when reconstructed, its ``pcs``."""

    title: str
    members: list[Occurrence] = field(default_factory=list)
    pcs: list[Occurrence] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    untitled: bool = False
    type: str = "argument"

    def canonical_member(self) -> Occurrence | None:
        """The last description that is not a bare reference."""
        return _canonical(self.members)

    @property
    def text(self) -> str | None:
        """The canonical description's text."""
        member = self.canonical_member()
        return member.text if member else None

    @property
    def is_reconstructed(self) -> bool:
        """True when the argument has a premise-conclusion structure."""
        return bool(self.pcs)

    def __repr__(self) -> str:
        return f"Argument({self.title!r}, pcs={len(self.pcs)})"


RelationMember = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    """A relation between Argdown elements, as Argdown's model holds it."""

    relation_type: str
    source: RelationMember | None = None
    target: RelationMember | None = None
    occurrences: list[tuple[int, int]] = field(default_factory=list)

    def __repr__(self) -> str:
        ends = (getattr(self.source, "title", None), getattr(self.target, "title", None))
        return f"Relation({self.relation_type!r}, {ends[0]!r} -> {ends[1]!r})"


class ArgdownRelation(NamedTuple):
    """One relation by title: ``(source, type, target)`` plus the kinds of both ends.

    ``type`` is Argdown's: support, attack, undercut, contradictory, contrary or entails. A kind is
    ``argument``, ``equivalence-class`` or ``inference`` (then ``target`` is the argument's title
    and ``conclusion_index`` the 0-based place of the inferred conclusion in its pcs).
    """

    source: str
    type: str
    target: str
    source_kind: str
    target_kind: str
    conclusion_index: int | None = None


@dataclass(eq=False)
class MapNode:
    """A node of Argdown's argument map: ``kind`` is ``statement``, ``argument`` or ``group``.

    ``group`` is the id of the enclosing group node, ``None`` at the top.
    """

    id: str
    kind: str
    title: str
    label_title: str | None = None
    label_text: str | None = None
    tags: list[str] = field(default_factory=list)
    group: str | None = None
    level: int | None = None


@dataclass(eq=False)
class MapEdge:
    """An edge of Argdown's argument map between two node ids."""

    id: str
    source: str
    target: str
    relation_type: str
    source_equivalence_class: str | None = None
    target_equivalence_class: str | None = None


def _canonical(members: list[Occurrence]) -> Occurrence | None:
    fallback = None
    for member in reversed(members):
        if member.is_reference:
            continue
        if isinstance(member.data, dict) and member.data.get("isCanonical"):
            return member
        if fallback is None:
            fallback = member
    return fallback


@dataclass(eq=False)
class ArgdownDocument:
    """What Argdown makes of one text: its model, sections and argument map.

    Attributes:
        statements: Equivalence classes by title, in Argdown's order.
        arguments: Arguments by title, in Argdown's order.
        relation_objects: Argdown's relations as objects (ends are classes, arguments, inferences).
        sections: The top-level sections (headings); each holds its sub-sections.
        tags: Tag names in the order they first occur.
        frontmatter: The YAML front matter (``None`` when there is none).
        settings: The settings in effect (defaults merged with the front matter).
        name: The file name, when read from a file.
        creation_order: Equivalence classes and arguments in the order Argdown created them
            (the dictionaries follow JavaScript's key order, which puts numeric titles first).
    """

    statements: dict[str, EquivalenceClass]
    arguments: dict[str, Argument]
    relation_objects: list[Relation]
    sections: list[Section]
    tags: list[str]
    frontmatter: Any
    settings: dict[str, Any]
    name: str | None = None
    creation_order: list[EquivalenceClass | Argument] = field(default_factory=list)
    _parser: _Parser | None = field(default=None, repr=False)
    _map: tuple[list[MapNode], list[MapEdge]] | None = field(default=None, repr=False)

    def _argdown_map(self) -> tuple[list[MapNode], list[MapEdge]]:
        if self._map is None:  # built on first use: reading into argmap needs no Argdown map
            assert self._parser is not None
            self._map = _build_map(self._parser)
        return self._map

    @property
    def map_nodes(self) -> list[MapNode]:
        """The map's nodes in pre-order (a group before what it holds), as Argdown draws them."""
        return self._argdown_map()[0]

    @property
    def map_edges(self) -> list[MapEdge]:
        """The map's edges in Argdown's order."""
        return self._argdown_map()[1]

    @property
    def relations(self) -> list[ArgdownRelation]:
        """Argdown's relations by title: ``(source, type, target, source_kind, target_kind)``."""
        return [_relation_by_title(r) for r in self.relation_objects]

    def to_map(self) -> ArgumentMap:
        """Return the :class:`~argmap.model.ArgumentMap` this document describes.

        See :mod:`argmap.readwrite.argdown_format` for how each Argdown element maps.

        Raises:
            FormatError: The document's ``argmap`` data is malformed or names missing ids.
        """
        from argmap.readwrite.argdown_format import document_to_map

        return document_to_map(self)

    def iter_sections(self) -> Iterator[Section]:
        """All sections in document order (pre-order), walked without recursion."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def __repr__(self) -> str:
        return (
            f"ArgdownDocument(statements={len(self.statements)}, arguments={len(self.arguments)},"
            f" relations={len(self.relation_objects)}, map_nodes={len(self.map_nodes)},"
            f" map_edges={len(self.map_edges)})"
        )


def _member_kind(member: RelationMember | None) -> str:
    if isinstance(member, EquivalenceClass):
        return "equivalence-class"
    if isinstance(member, Argument):
        return "argument"
    return "inference"


def _relation_by_title(relation: Relation) -> ArgdownRelation:
    source, target = relation.source, relation.target
    assert source is not None and target is not None
    return ArgdownRelation(
        source=source.title,
        type=relation.relation_type,
        target=target.title,
        source_kind=_member_kind(source),
        target_kind=_member_kind(target),
        conclusion_index=target.conclusion_index if isinstance(target, Inference) else None,
    )


# --------------------------------------------------------------------------------------------
# YAML as Argdown reads it (js-yaml's safe schema: only true/false are booleans, dates stay text)
# --------------------------------------------------------------------------------------------


try:  # libyaml parses data blocks about ten times faster than pure-Python PyYAML
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _ArgdownYamlLoader(_SafeLoader):
    """A safe loader that reads as js-yaml does: YAML 1.2 booleans, no ``=`` values,
    timestamps as the ISO strings JavaScript's ``Date`` turns into in Argdown's JSON, and an
    error for a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)


_ArgdownYamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:value")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ArgdownYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _js_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


_ArgdownYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _js_timestamp)
guard_scalars(_ArgdownYamlLoader)


def load_yaml(text: str) -> Any:
    """Load YAML the way Argdown's data plugin does (raises :class:`yaml.YAMLError`)."""
    check_depth(text, _ArgdownYamlLoader)
    return yaml.load(text, Loader=_ArgdownYamlLoader)


def _lodash_merge(target: Any, source: Any) -> Any:
    """Deep-merge ``source`` into ``target`` like lodash's ``merge`` (arrays merge by index)."""
    if source is None:
        return target
    if isinstance(source, dict):
        merged: dict[Any, Any] = dict(target) if isinstance(target, dict) else {}
        for key, value in source.items():
            merged[key] = _lodash_merge(merged.get(key), value)
        return merged
    if isinstance(source, list):
        items: list[Any] = list(target) if isinstance(target, list) else []
        for index, value in enumerate(source):
            if index < len(items):
                items[index] = _lodash_merge(items[index], value)
            else:
                items.append(_lodash_merge(None, value))
        return items
    return source


_DEFAULT_SETTINGS: dict[str, Any] = {
    "model": {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True},
    "data": {"switchToBlockFormatIfMultiline": True},
    "selection": {
        "excludeDisconnected": True,
        "statementSelectionMode": "with-title",
        "selectElementsWithoutSection": False,
        "selectElementsWithoutTag": False,
        "ignoreIsInMap": False,
    },
    "group": {"groupDepth": 2},
}

_SHORTCODES = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}


def _shortcode(image: str) -> str | None:
    code = image.strip()
    if len(code) < 3:
        return None
    if code == ":smile:":  # Argdown's table differs between the two spellings here
        return "☺️"
    if code == ".smile.":
        return "☺"
    return _SHORTCODES.get(code[1:-1])


# --------------------------------------------------------------------------------------------
# Parser and model builder
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Heading:
    text: str = ""
    ranges: list[Range] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None


@dataclass(eq=False)
class _Top:
    """A top-level element as the pcs rule sees its preceding sibling."""

    kind: str
    description: Occurrence | None = None
    argument: Argument | None = None


class _Parser:
    """Recursive descent over Argdown's grammar that builds Argdown's model as it goes.

    The handlers follow the order in which Argdown's tree walker visits rule entries, tokens and
    rule exits, because titles (``Untitled N``), relation order and sections depend on it.
    """

    def __init__(self, text: str, file: str | None) -> None:
        self.text = text
        self.file = file
        self.lines = _Lines(text)
        self.reported: dict[int, tuple[int, int]] = {}
        self.tokens = tokenize(text, self.lines, file, self.reported)
        # Argdown reports the end of the text where its last token starts.
        if self.tokens:
            last = len(self.tokens) - 1
            self.reported[len(self.tokens)] = self.reported.get(last) or self.lines.position(
                self.tokens[last][2]
            )
        self.tokens.append((EOF, "", len(text)))
        self.i = 0
        self.depth = 0
        self.settings: dict[str, Any] = _lodash_merge({}, _DEFAULT_SETTINGS)
        self.frontmatter: Any = None
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.sections: list[Section] = []
        self.tags: list[str] = []
        self.max_section_level = 0
        self.untitled = 0
        self.section_counter = 0
        self.current_statement: Occurrence | None = None
        self.current_heading: _Heading | None = None
        self.current_relation_parent: Occurrence | Argument | Inference | None = None
        self.current_argument: Argument | None = None
        self.current_pcs: Argument | None = None
        self.current_inference: Inference | None = None
        self.current_relation: Relation | None = None
        self.current_section: Section | None = None
        self.relation_parents: list[RelationMember] = []
        self.ranges_stack: list[Range] = []
        self._tag_index: dict[str, int] = {}
        self.yaml_cache: dict[str, Any] = {}
        self.generated_titles: set[str] = set()
        self.creation_order: list[EquivalenceClass | Argument] = []

    # -- token access -------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> int:
        if ahead:
            return self.tokens[min(self.i + ahead, len(self.tokens) - 1)][0]
        return self.tokens[self.i][0]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, kind: int, what: str = "") -> Token:
        if self.peek() != kind:
            self.fail(f"expected {what or _TOKEN_LABELS[kind]}")
        return self.take()

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def fail(self, message: str, token: Token | None = None) -> None:
        index = self.i if token is None else self.tokens.index(token, max(self.i - 1, 0))
        token = self.tokens[index]
        line, column = self.reported.get(index) or self.position(token[2])
        column = self.lines.clamp(line, column)
        found = _TOKEN_LABELS[token[0]]
        if token[1].strip() and token[0] not in (EOF, INDENT, DEDENT):
            found += f" {token[1].strip()[:40]!r}"
        raise ArgdownSyntaxError(
            f"{message}, found {found}", file=self.file, line=line, column=column
        )

    def unique_title(self) -> str:
        self.untitled += 1
        title = f"Untitled {self.untitled}"
        self.generated_titles.add(title)
        return title

    # -- data ---------------------------------------------------------------------------------

    def load_data(self, token: Token) -> Any:
        image = token[1]
        skipped = 0
        if self.settings["data"].get("switchToBlockFormatIfMultiline", True):
            start = _RE_BLOCK_DATA_START.match(image)
            if start:
                skipped = start.end()
                image = _RE_BLOCK_DATA_END.sub("", image[skipped:])
        return self.load_yaml_at(image, token[2] + skipped, "YAML data")

    def load_yaml_at(self, text: str, offset: int, what: str) -> Any:
        # Data blocks repeat ({isInMap: false}); parse each distinct text once, copy the result.
        if text in self.yaml_cache:
            return copy.deepcopy(self.yaml_cache[text])
        try:
            data = load_yaml(text)
            self.yaml_cache[text] = data
            return copy.deepcopy(data)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            where = offset + (mark.index if mark is not None else 0)
            line, column = self.position(min(where, len(self.text)))
            problem = getattr(err, "problem", None) or str(err).splitlines()[0]
            raise ArgdownSyntaxError(
                f"invalid {what}: {problem}", file=self.file, line=line, column=column
            ) from None

    # -- document -----------------------------------------------------------------------------

    def parse(self) -> None:
        if self.peek() == NEWLINE:
            self.take()
        if self.peek() == EMPTYLINE:
            self.take()
        if self.peek() == FRONT_MATTER:
            self.front_matter(self.take())
            if self.peek() == NEWLINE:
                self.take()
            if self.peek() == EOF:  # a document of front matter only: nothing more to read
                return
            self.expect(EMPTYLINE, "an empty line after the front matter")
        if self.peek() == EOF:
            return
        previous: _Top | None = None
        while True:
            previous = self.top(previous)
            kind = self.peek()
            if kind == EOF:
                return
            if kind != EMPTYLINE:
                self.fail("expected an empty line or the end of the text")
            self.take()

    def front_matter(self, token: Token) -> None:
        image = re.sub(r"^\s*={3,}", "", token[1])
        skipped = len(token[1]) - len(image)
        image = re.sub(r"={3,}\s*\Z", "", image)
        data = self.load_yaml_at(image, token[2] + skipped, "front matter")
        self.frontmatter = data
        if isinstance(data, dict):
            self.settings = _lodash_merge(self.settings, data)
            for key in ("model", "data", "selection", "group"):
                if not isinstance(self.settings.get(key), dict):
                    self.settings[key] = dict(_DEFAULT_SETTINGS[key])

    def top(self, previous: _Top | None) -> _Top:
        kind = self.peek()
        if kind == HEADING_START:
            self.heading()
            return _Top("heading")
        if kind in _STATEMENT_FIRST:
            self.statement("argdown")
            return _Top("statement")
        if kind == STATEMENT_NUMBER:
            self.pcs(previous)
            return _Top("pcs")
        if kind in _ARGUMENT_FIRST:
            description, argument = self.argument("argdown")
            return _Top("argument", description, argument)
        if kind == INDENT and self.peek(1) in (ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM):
            self.list_block(self.peek(1))
            return _Top("list")
        if kind == INDENT:
            self.fail(
                "a paragraph may not start with an indented relation or element; remove the empty"
                " line above it or start with text, a title or a list item",
                self.tokens[self.i + 1],
            )
        self.fail("expected text, a statement or argument title, a heading, (1) or a list item")
        raise AssertionError  # pragma: no cover

    # -- headings and sections ----------------------------------------------------------------

    def heading(self) -> None:
        start = self.take()
        heading = _Heading()
        self.current_heading = heading
        self.content()
        if self.peek() == DATA or (self.peek() == NEWLINE and self.peek(1) == DATA):
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=False)
            heading.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=True)
        self.current_heading = None
        self.section_counter += 1
        line, column = self.position(start[2])
        section = Section(
            id=f"s{self.section_counter}",
            title=heading.text.strip(),
            level=len(start[1]) - 1,
            line=line,
            column=column,
            tags=heading.tags,
            data=heading.data,
            ranges=heading.ranges,
        )
        self.max_section_level = max(self.max_section_level, section.level)
        group_settings = self.settings.get("group") or {}
        if isinstance(section.data, dict):
            if "isGroup" in section.data and not group_settings.get("ignoreIsGroup"):
                section.is_group = bool(section.data["isGroup"])
            if "isClosed" in section.data and not group_settings.get("ignoreIsClosed"):
                section.is_closed = bool(section.data["isClosed"])
        configured = group_settings.get("sections")
        if isinstance(configured, dict):
            config = configured.get(section.title)
            if isinstance(config, dict):
                section.is_group = config.get("isGroup")
                section.is_closed = config.get("isClosed")
            elif section.is_group is None:
                section.is_group = False
        parent = self.current_section
        while parent is not None and parent.level >= section.level:
            parent = parent.parent
        if parent is not None:
            parent.children.append(section)
            section.parent = parent
        else:
            self.sections.append(section)
        self.current_section = section

    # -- text content -------------------------------------------------------------------------

    def target(self) -> _Heading | Occurrence | None:
        return self.current_heading or self.current_statement

    def append_text(self, text: str) -> None:
        target = self.target()
        if target is not None:
            target.text = (target.text or "") + text

    def text_length(self) -> int:
        target = self.target()
        return len(target.text or "") if target is not None else 0

    def add_range(self, item: Range) -> None:
        target = self.target()
        if target is not None:
            target.ranges.append(item)

    def newline(self, heading_or_statement_last: bool) -> None:
        """A line break inside an element: one space, unless it ends the element."""
        self.take()
        target = self.target()
        if target is None or heading_or_statement_last:
            return
        text = target.text or ""
        if not text.endswith(" "):
            target.text = text + " "

    def content(self) -> None:
        """``statementContent``: text, links, tags, mentions, line breaks, bold and italic."""
        if self.peek() not in _CONTENT_TOKENS:
            self.fail(
                "expected text content (to refer to an element without text, use [Title] or"
                " <Title> without a colon)"
            )
        open_ranges: list[tuple[int, Range]] = []
        while True:
            kind = self.peek()
            if kind in _FREESTYLE_TOKENS:
                self.append_text(self.freestyle())
            elif kind == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) not in _CONTENT_TOKENS)
            elif kind == LINK:
                self.link(self.take())
            elif kind == TAG:
                self.tag(self.take())
            elif kind in (STATEMENT_MENTION, ARGUMENT_MENTION):
                self.mention(self.take())
            elif kind in _RANGE_START:
                self.take()
                end_kind, range_type = _RANGE_START[kind]
                item = Range(range_type, self.text_length(), self.text_length())
                self.add_range(item)
                open_ranges.append((end_kind, item))
            elif open_ranges and kind == open_ranges[-1][0]:
                image = self.take()[1]
                _, item = open_ranges.pop()
                item.stop = max(self.text_length() - 1, 0)  # the range ends before the space
                if image.endswith(" "):
                    self.append_text(" ")
            else:
                if open_ranges:
                    end_kind, item = open_ranges[-1]
                    self.fail(
                        f"incomplete {item.type} text: expected {_TOKEN_LABELS[end_kind]}"
                        " (a backslash escapes * and _)"
                    )
                return

    def freestyle(self) -> str:
        """``freestyleText``: a run of plain text, escapes and shortcodes."""
        parts: list[str] = []
        tokens = self.tokens
        while tokens[self.i][0] in _FREESTYLE_TOKENS:
            kind, image, _ = tokens[self.i]
            self.i += 1
            if kind == ESCAPED_CHAR:
                parts.append(image[1:])
            elif kind == SPECIAL_CHAR:
                code = _shortcode(image)
                if code is None:
                    parts.append(image)
                else:
                    parts.append(code + (" " if image.endswith(" ") else ""))
            else:
                parts.append(image)
        return "".join(parts)

    def link(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        m = _RE_LINK_PARTS.match(token[1])
        if m is None:  # the lexer's link may span lines; Argdown's model then gives up
            self.fail("a link's text and address must each stay on one line", token)
            raise AssertionError  # pragma: no cover
        label, url = m.group(1), m.group(2)
        start = len(target.text or "")
        target.text = (target.text or "") + label
        if token[1].endswith(" "):
            target.text += " "
        target.ranges.append(Range("link", start, start + len(label) - 1, url=url))

    def mention(self, token: Token) -> None:
        target = self.target()
        image = token[1]
        title = image[2:].rstrip(" \t")[:-1]
        if target is None:
            return
        start = len(target.text or "")
        target.text = (target.text or "") + image
        kind = "statement-mention" if token[0] == STATEMENT_MENTION else "argument-mention"
        target.ranges.append(Range(kind, start, len(target.text) - 1, title=title))

    def tag(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        m = _RE_TAG_NAME.match(token[1])
        name = (m.group(1) or m.group(2)) if m else token[1]
        if not self.settings["model"].get("removeTagsFromText"):
            start = len(target.text or "")
            target.text = (target.text or "") + token[1]
            target.ranges.append(Range("tag", start, len(target.text) - 1, tag=name))
        if name not in target.tags:
            target.tags.append(name)
        if name not in self._tag_index:
            self._tag_index[name] = len(self.tags)
            self.tags.append(name)

    # -- statements ---------------------------------------------------------------------------

    def statement(self, parent: str) -> Occurrence:
        start = self.tokens[self.i]
        line, column = self.position(start[2])
        occurrence = Occurrence(line=line, column=column)
        if parent == "argdown":
            occurrence.role = "top-level-statement"
            occurrence.is_top_level = True
        elif self.current_relation is not None:
            occurrence.role = "relation-statement"
        self.current_statement = occurrence
        self.current_relation_parent = occurrence
        kind = self.peek()
        if kind == STATEMENT_REFERENCE:
            occurrence.title = self.take()[1][1:-1]
            occurrence.is_reference = True
            while self.peek() == TAG:
                self.tag(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) not in (DATA, INDENT))
        elif kind == STATEMENT_DEFINITION:
            occurrence.title = self.take()[1][1:-2]
            self.content()
        else:
            self.content()
        if self.peek() == DATA:
            occurrence.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) != INDENT)
        if self.peek() == INDENT:
            self.relation_block()
        self.statement_exit(occurrence)
        return occurrence

    def statement_exit(self, occurrence: Occurrence) -> None:
        if not occurrence.title:
            occurrence.title = self.unique_title()
        ec = self.equivalence_class(occurrence.title)
        if occurrence.tags:
            _union_into(ec.tags, occurrence.tags)
        if occurrence.data is not None:
            ec.data = _lodash_merge(ec.data, occurrence.data)
        if self.current_section is not None:
            occurrence.section = self.current_section
        ec.members.append(occurrence)
        in_group = occurrence.data.get("isInGroup") if isinstance(occurrence.data, dict) else None
        if in_group is True or (
            not occurrence.is_reference and in_group is None and ec.section is None
        ):
            ec.section = occurrence.section
        if occurrence.role == "top-level-statement":
            ec.is_used_as_top_level_statement = True
        elif occurrence.role == "relation-statement":
            ec.is_used_as_relation_statement = True
        self.current_statement = None

    def equivalence_class(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            ec = EquivalenceClass(title, untitled=title in self.generated_titles)
            self.statements[title] = ec
            self.creation_order.append(ec)
        return ec

    def get_argument(self, title: str | None = None) -> Argument:
        argument = self.arguments.get(title) if title else None
        if argument is None:
            title = title or self.unique_title()
            argument = Argument(title, untitled=title in self.generated_titles)
            self.arguments[argument.title] = argument
            self.creation_order.append(argument)
        self.current_argument = argument
        self.current_relation_parent = argument
        return argument

    def relation_member(self, parent: Occurrence | Argument | Inference) -> RelationMember:
        if isinstance(parent, Occurrence):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.equivalence_class(parent.title)
        return parent

    # -- arguments ----------------------------------------------------------------------------

    def argument(self, parent: str) -> tuple[Occurrence, Argument]:
        start = self.tokens[self.i]
        line, column = self.position(start[2])
        description = Occurrence(line=line, column=column, role="argument-description", text="")
        description.is_top_level = parent == "argdown"
        description.section = self.current_section
        self.current_statement = description
        self.current_relation_parent = description
        if self.peek() == ARGUMENT_DEFINITION:
            description.title = self.take()[1][1:-2]
            self.content()
        else:
            description.title = self.take()[1][1:-1]
            description.is_reference = True
            while self.peek() == TAG:
                self.tag(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) not in (DATA, INDENT))
        if self.peek() == DATA:
            description.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.newline(heading_or_statement_last=self.peek(1) != INDENT)
        if self.peek() == INDENT:
            self.relation_block()
        argument = self.get_argument(description.title)
        if description.tags:
            _union_into(argument.tags, description.tags)
        if description.data is not None:
            argument.data = _lodash_merge(argument.data, description.data)
        if self.current_section is not None:
            description.section = self.current_section
        argument.members.append(description)
        data = description.data
        in_group = data.get("isInGroup") if isinstance(data, dict) else None
        if in_group is True or (
            not description.is_reference and in_group is None and argument.section is None
        ):
            argument.section = description.section
        self.current_statement = None
        self.current_argument = None
        return description, argument

    # -- premise-conclusion structures --------------------------------------------------------

    def pcs(self, previous: _Top | None) -> None:
        start = self.tokens[self.i]
        if previous is not None and previous.kind == "argument" and previous.argument is not None:
            argument = previous.argument
            description = previous.description
        else:
            argument = self.get_argument()
            description = None
        if self.current_section is not None:
            argument.section = self.current_section
        if argument.pcs:
            self.fail(
                f"argument <{argument.title}> already has a premise-conclusion structure;"
                " an argument takes only one",
                start,
            )
        argument.pcs = []
        if description is not None:
            description.pcs = argument.pcs
        self.current_pcs = argument
        self.pcs_statement(None)
        if self.peek() not in (STATEMENT_NUMBER, INFERENCE_START):
            self.fail(
                "incomplete premise-conclusion structure: expected more numbered statements or an"
                " inference line (----) followed by a conclusion, with no empty lines between"
            )
        while self.peek() in (STATEMENT_NUMBER, INFERENCE_START):
            while self.peek() == STATEMENT_NUMBER:
                self.pcs_statement(None)
            inference = self.inference()
            if self.peek() != STATEMENT_NUMBER:
                self.fail("expected the conclusion after the inference, a numbered statement (n)")
            self.pcs_statement(inference)
        last = argument.pcs[-1]
        last.role = "main-conclusion"
        ec = self.statements[last.title or ""]
        ec.is_used_as_main_conclusion = True
        if not any(m.role == "intermediary-conclusion" for m in ec.members):
            ec.is_used_as_intermediary_conclusion = False
        self.current_statement = None
        self.current_argument = None
        self.current_pcs = None

    def pcs_statement(self, inference: Inference | None) -> None:
        self.take()  # the statement number
        if self.peek() in _ARGUMENT_FIRST:
            self.fail(
                "an argument cannot be a premise or conclusion; use [Statement Title] or text"
            )
        if self.peek() not in _STATEMENT_FIRST:
            self.fail("expected the statement after its number")
        statement = self.statement("pcsStatement")
        pcs_argument = self.current_pcs
        assert pcs_argument is not None
        ec = self.equivalence_class(statement.title or "")
        statement.role = "premise"
        statement.argument_title = pcs_argument.title
        if inference is not None:
            statement.role = "intermediary-conclusion"
            ec.is_used_as_intermediary_conclusion = True
            statement.inference = inference
            inference.conclusion_index = len(pcs_argument.pcs)
            inference.argument_title = pcs_argument.title
        else:
            ec.is_used_as_premise = True
        pcs_argument.pcs.append(statement)

    def inference(self) -> Inference:
        start = self.expect(
            INFERENCE_START, "a numbered statement or an inference line (--) after the premises"
        )
        line, column = self.position(start[2])
        inference = Inference(line=line, column=column)
        self.current_inference = inference
        self.current_relation_parent = inference
        self.relation_parents.append(inference)
        if self.peek() in _FREESTYLE_TOKENS or (
            self.peek() == NEWLINE and self.peek(1) in _FREESTYLE_TOKENS
        ):
            if self.peek() == NEWLINE:
                self.take()
            inference.rules.append(self.freestyle().strip())
            while self.peek() == LIST_DELIMITER:
                self.take()
                if self.peek() not in _FREESTYLE_TOKENS:
                    self.fail("expected an inference rule after the comma")
                inference.rules.append(self.freestyle().strip())
        if self.peek() == NEWLINE:
            self.take()
        if self.peek() == DATA:
            inference.data = self.load_data(self.take())
            if self.peek() == NEWLINE:
                self.take()
        self.expect(INFERENCE_END, "the end of the inference: two or more hyphens (--)")
        self.expect(NEWLINE, "a line break after the inference")
        if self.peek() == INDENT:
            self.relation_block(undercuts_only=True)
        return inference

    # -- relations ----------------------------------------------------------------------------

    def relation_block(self, undercuts_only: bool = False) -> None:
        indent = self.take()
        if self.depth >= MAX_NESTING:
            self.fail(f"relations nested more than {MAX_NESTING} levels deep", indent)
        self.depth += 1
        parent = self.current_relation_parent
        assert parent is not None
        self.relation_parents.append(self.relation_member(parent))
        allowed = {OUTGOING_UNDERCUT} if undercuts_only else RELATION_TOKENS
        if self.peek() not in allowed:
            self.fail(
                "expected an undercut (<_) below the inference"
                if undercuts_only
                else "expected a relation (+, -, <+, <-, +>, ->, ><, _>, <_) at this indentation"
            )
        while self.peek() in allowed:
            self.relation(self.take())
        if self.peek() != DEDENT:
            self.fail(
                "invalid relation: only one statement or argument may follow a relation symbol;"
                " check the indentation of the lines above"
            )
        self.take()
        self.current_relation = None
        self.relation_parents.pop()
        self.depth -= 1

    def relation(self, token: Token) -> None:
        kind = token[0]
        top = self.relation_parents[-1]
        line, column = self.position(token[2])
        if kind in (INCOMING_SUPPORT, OUTGOING_SUPPORT):
            relation = Relation("support")
        elif kind in (INCOMING_ATTACK, OUTGOING_ATTACK):
            relation = Relation("attack")
        elif kind == CONTRADICTION:
            relation = Relation("contradictory")
        else:
            relation = Relation("undercut")
        relation.occurrences.append((line, column))
        if kind in (INCOMING_SUPPORT, INCOMING_ATTACK, CONTRADICTION, INCOMING_UNDERCUT):
            relation.source = top
        elif kind == OUTGOING_UNDERCUT and isinstance(top, EquivalenceClass):
            # Argdown sends an undercut below a statement to the last inference it has read.
            relation.target = self.current_inference or top
        else:
            relation.target = top
        self.current_relation = relation
        content: RelationMember
        if self.peek() in _STATEMENT_FIRST:
            occurrence = self.statement("relation")
            content = self.relation_member(occurrence)
        elif self.peek() in _ARGUMENT_FIRST and kind != CONTRADICTION:
            _, content = self.argument("relation")
        else:
            self.fail(
                "expected a statement after the contradiction (><)"
                if kind == CONTRADICTION
                else "expected a statement or an argument after the relation symbol"
            )
            raise AssertionError  # pragma: no cover
        if relation.source is not None:
            relation.target = content
        else:
            relation.source = content
        source = relation.source
        assert source is not None
        for existing in source.relations:
            if (
                existing.target is relation.target
                and existing.relation_type == relation.relation_type
            ) or (
                relation.relation_type == "contradictory"
                and existing.relation_type == "contradictory"
                and existing.source is relation.target
                and existing.target is relation.source
            ):
                existing.occurrences.extend(relation.occurrences)
                return
        assert relation.target is not None
        self.relations.append(relation)
        source.relations.append(relation)
        relation.target.relations.append(relation)

    # -- lists --------------------------------------------------------------------------------

    def list_block(self, item_kind: int) -> None:
        self.take()  # Indent
        while self.peek() == item_kind:
            self.take()
            if self.peek() in _STATEMENT_FIRST:
                self.statement("listItem")
            elif self.peek() in _ARGUMENT_FIRST:
                self.argument("listItem")
            else:
                self.fail("expected a statement or an argument after the list item mark")
        self.expect(
            DEDENT, "the next list item at the same indentation (nested lists are not supported)"
        )


def _union_into(target: list[str], new: list[str]) -> None:
    for item in new:
        if item not in target:
            target.append(item)


# --------------------------------------------------------------------------------------------
# Model post-processing, selection, map and groups
# --------------------------------------------------------------------------------------------


def _remove(items: list[Relation], relation: Relation) -> None:
    # Argdown removes with splice(indexOf(r), 1): an absent relation costs the last one.
    for index, item in enumerate(items):
        if item is relation:
            del items[index]
            return
    if items:
        items.pop()


def _transform_argument_relations(doc: _Parser) -> None:
    kept: list[Relation] = []
    for relation in doc.relations:
        add = True
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        if isinstance(source, Argument) and source.pcs:
            _remove(source.relations, relation)
            ec = doc.statements[source.pcs[-1].title or ""]
            relation.source = ec
            for existing in ec.relations:
                if (
                    existing.target is relation.target
                    and existing.relation_type == relation.relation_type
                ):
                    existing.occurrences.extend(relation.occurrences)
                    _remove(target.relations, relation)
                    add = False
                    break
            else:
                ec.relations.append(relation)
        if (
            add
            and isinstance(target, Argument)
            and target.pcs
            and relation.relation_type == "undercut"
        ):
            inference = target.pcs[-1].inference
            assert inference is not None
            _remove(target.relations, relation)
            relation.target = inference
            new_source = relation.source
            assert new_source is not None
            for existing in inference.relations:
                if (
                    existing.source is new_source
                    and existing.relation_type == relation.relation_type
                ):
                    existing.occurrences.extend(relation.occurrences)
                    _remove(new_source.relations, relation)
                    add = False
                    break
            else:
                inference.relations.append(relation)
        if add:
            kept.append(relation)
    doc.relations = kept


def _transform_statement_relations(doc: _Parser) -> None:
    """Strict mode: statement-to-statement support is entailment, attack is contrariety."""
    kept: list[Relation] = []
    for relation in doc.relations:
        source, target = relation.source, relation.target
        if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
            if relation.relation_type == "support":
                relation.relation_type = "entails"
            elif relation.relation_type == "attack":
                duplicate = any(
                    r.relation_type == "contrary"
                    and (
                        (r.source is source and r.target is target)
                        or (r.source is target and r.target is source)
                    )
                    for r in source.relations
                )
                if duplicate:
                    _remove(source.relations, relation)
                    _remove(target.relations, relation)
                    continue
                relation.relation_type = "contrary"
        kept.append(relation)
    doc.relations = kept


def _other(relation: Relation, member: RelationMember) -> RelationMember | None:
    return relation.target if relation.source is member else relation.source


def _remove_redundant_statement_attacks(doc: _Parser) -> None:
    """Drop ``[s] - <A>`` when ``[s]`` already attacks (or contradicts) a premise of ``<A>``."""
    kept: list[Relation] = []
    for relation in doc.relations:
        source, target = relation.source, relation.target
        if (
            not isinstance(source, EquivalenceClass)
            or relation.relation_type != "attack"
            or not isinstance(target, Argument)
        ):
            kept.append(relation)
            continue
        redundant = None
        for other_relation in source.relations:
            other = _other(other_relation, source)
            if not isinstance(other, EquivalenceClass):
                continue
            if not (
                (other_relation.relation_type == "attack" and other_relation.source is source)
                or other_relation.relation_type in ("contradictory", "contrary")
            ):
                continue
            if any(s.title == other.title and s.role == "premise" for s in target.pcs):
                redundant = other_relation
                break
        if redundant is None:
            kept.append(relation)
            continue
        _remove(source.relations, relation)
        _remove(target.relations, relation)
        redundant.occurrences.extend(relation.occurrences)
    doc.relations = kept


def _is_symmetric(relation: Relation) -> bool:
    return relation.relation_type in ("contrary", "contradictory")


class _Selection:
    def __init__(self, statements: list[EquivalenceClass], arguments: list[Argument]) -> None:
        self.statements = {ec.title: ec for ec in statements}
        self.arguments = {a.title: a for a in arguments}

    def member_selected(self, relation: Relation, member: RelationMember | None) -> bool:
        if isinstance(member, EquivalenceClass):
            if member.title in self.statements:
                return True
            role = "premise" if relation.target is member else "main-conclusion"
            symmetric = _is_symmetric(relation)
            return any(
                (symmetric or s.role == role) and (s.argument_title or "") in self.arguments
                for s in member.members
                if s.argument_title is not None
            )
        if isinstance(member, Argument):
            return member.title in self.arguments
        if isinstance(member, Inference):
            return (member.argument_title or "") in self.arguments
        return False

    def other_selected(self, relation: Relation, member: RelationMember) -> bool:
        return self.member_selected(relation, _other(relation, member))


def _flag(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _preselect(settings: dict[str, Any], element: EquivalenceClass | Argument) -> bool:
    if not settings.get("ignoreIsInMap") and _flag(element.data, "isInMap") not in (None, True):
        return False
    excluded = settings.get(
        "excludeArguments" if isinstance(element, Argument) else "excludeStatements"
    )
    if isinstance(excluded, list) and element.title in excluded:
        return False
    sections = settings.get("selectedSections")
    if isinstance(sections, list):
        section = element.section
        if not (
            (section is None and settings.get("selectElementsWithoutSection") is True)
            or (section is not None and section.title in sections)
        ):
            return False
    tags = settings.get("selectedTags")
    if isinstance(tags, list):
        return bool(
            (settings.get("selectElementsWithoutTag") is True and not element.tags)
            or any(t in tags for t in element.tags)
        )
    return True


def _select_statements(
    settings: dict[str, Any], selection: _Selection, statements: list[EquivalenceClass]
) -> list[EquivalenceClass]:
    mode = settings.get("statementSelectionMode", "with-title")
    included = settings.get("includeStatements")
    chosen: list[EquivalenceClass] = []
    for ec in statements:
        if not settings.get("ignoreIsInMap") and _flag(ec.data, "isInMap") is True:
            chosen.append(ec)
            continue
        if isinstance(included, list) and ec.title in included:
            chosen.append(ec)
            continue
        with_relations = any(selection.other_selected(r, ec) for r in ec.relations)
        used_in_argument = any(
            s.role in ("premise", "main-conclusion")
            and (s.argument_title or "") in selection.arguments
            for s in ec.members
        )
        if mode == "all":
            selected = True
        elif mode == "top-level":
            selected = (
                not used_in_argument and with_relations
            ) or ec.is_used_as_top_level_statement
        elif mode == "with-relations":
            selected = with_relations
        elif mode == "not-used-in-argument":
            selected = not used_in_argument
        elif mode == "with-more-than-one-relation":
            partners = sum(_count_partners(r, ec, selection) for r in ec.relations)
            selected = with_relations and (not used_in_argument or partners > 1)
        elif mode == "with-title":
            selected = (not used_in_argument and with_relations) or not ec.title.startswith(
                "Untitled"
            )
        else:  # Argdown selects nothing for a mode it does not know
            selected = False
        disconnected_ok = (
            not settings.get("excludeDisconnected", True) or used_in_argument or with_relations
        )
        if disconnected_ok and selected:
            chosen.append(ec)
    return chosen


def _count_partners(relation: Relation, ec: EquivalenceClass, selection: _Selection) -> int:
    other = _other(relation, ec)
    if isinstance(other, EquivalenceClass):
        if ec.title not in selection.statements:
            return 0
        role = "premise" if relation.target is other else "main-conclusion"
        return sum(
            1
            for s in other.members
            if s.role == role and (s.argument_title or "") in selection.arguments
        )
    if isinstance(other, Argument):
        return int(other.title in selection.arguments)
    if isinstance(other, Inference):
        return int((other.argument_title or "") in selection.arguments)
    return 0


def _select_arguments(
    settings: dict[str, Any],
    selection: _Selection,
    statements: dict[str, EquivalenceClass],
    arguments: list[Argument],
) -> list[Argument]:
    if not settings.get("excludeDisconnected", True):
        return list(arguments)
    ignore_is_in_map = settings.get("ignoreIsInMap")

    def connected(argument: Argument) -> bool:
        if not ignore_is_in_map and _flag(argument.data, "isInMap") is True:
            return True
        if any(selection.other_selected(r, argument) for r in argument.relations):
            return True
        return any(_pcs_statement_connected(s, statements, selection) for s in argument.pcs)

    return [argument for argument in arguments if connected(argument)]


def _pcs_statement_connected(
    s: Occurrence, statements: dict[str, EquivalenceClass], selection: _Selection
) -> bool:
    inference = s.inference
    if (
        s.role in ("intermediary-conclusion", "main-conclusion")
        and inference is not None
        and any(selection.other_selected(r, inference) for r in inference.relations)
    ):
        return True
    ec = statements[s.title or ""]
    for r in ec.relations:
        symmetric = _is_symmetric(r)
        if s.role == "intermediary-conclusion":
            continue
        if not symmetric and s.role == "premise" and r.source is ec:
            continue
        if not symmetric and s.role == "main-conclusion" and r.target is ec:
            continue
        if selection.other_selected(r, ec):
            return True
    if s.role in ("main-conclusion", "premise"):
        required = "premise" if s.role == "main-conclusion" else "main-conclusion"
        if (s.title or "") in selection.statements:
            return True
        return any(
            m.role == required and (m.argument_title or "") in selection.arguments
            for m in ec.members
        )
    return False


def _label(title: str, text: str | None) -> tuple[str | None, str | None]:
    label_title = title if (not title.startswith("Untitled") or not text) else None
    return label_title, text


def _build_map(doc: _Parser) -> tuple[list[MapNode], list[MapEdge]]:
    settings = doc.settings.get("selection") or {}
    statements = [ec for ec in doc.statements.values() if _preselect(settings, ec)]
    arguments = [a for a in doc.arguments.values() if _preselect(settings, a)]
    preselection = _Selection(statements, arguments)
    statements = _select_statements(settings, preselection, statements)
    arguments = _select_arguments(
        settings, _Selection(statements, arguments), doc.statements, arguments
    )
    selection = _Selection(statements, arguments)

    statement_nodes: dict[str, MapNode] = {}
    for ec in statements:
        label_title, label_text = _label(ec.title, ec.text)
        node = MapNode(f"n{len(statement_nodes)}", "statement", ec.title, label_title, label_text)
        node.tags = list(ec.tags)
        statement_nodes[ec.title] = node
    argument_nodes: dict[str, MapNode] = {}
    for argument in arguments:
        label_title, label_text = _label(argument.title, argument.text)
        node_id = f"n{len(statement_nodes) + len(argument_nodes)}"
        node = MapNode(node_id, "argument", argument.title, label_title, label_text)
        node.tags = list(argument.tags)
        argument_nodes[argument.title] = node

    edges: list[MapEdge] = []
    for relation in doc.relations:
        if not (
            selection.member_selected(relation, relation.source)
            and selection.member_selected(relation, relation.target)
        ):
            continue
        _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=False)
        if _is_symmetric(relation):
            _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=True)
    edges.extend(_equivalence_edges(doc, len(edges), statement_nodes, argument_nodes))
    nodes = _group_nodes(doc, [*statement_nodes.values(), *argument_nodes.values()])
    return nodes, edges


def _edge_ends(
    member: RelationMember | None,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    reverse: bool,
    is_source: bool,
) -> list[MapNode]:
    if isinstance(member, Argument):
        node = argument_nodes.get(member.title)
        return [node] if node is not None and not reverse else []
    if isinstance(member, Inference):
        node = argument_nodes.get(member.argument_title or "")
        return [node] if node is not None and not reverse and not is_source else []
    if isinstance(member, EquivalenceClass):
        node = statement_nodes.get(member.title)
        if node is not None:
            return [node] if (is_source or not reverse) else []
        role = "main-conclusion" if is_source else "premise"
        found = []
        for s in member.members:
            if s.role == role:
                argument_node = argument_nodes.get(s.argument_title or "")
                if argument_node is not None:
                    found.append(argument_node)
        return found
    return []


def _edges_from_relation(
    relation: Relation,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    edges: list[MapEdge],
    reverse: bool,
) -> None:
    source = relation.target if reverse else relation.source
    target = relation.source if reverse else relation.target
    froms = _edge_ends(source, statement_nodes, argument_nodes, reverse, is_source=True)
    tos = _edge_ends(target, statement_nodes, argument_nodes, reverse, is_source=False)
    for a in froms:
        for b in tos:
            relation_type = relation.relation_type
            if not (a.kind == "statement" and b.kind == "statement"):
                relation_type = {
                    "contradictory": "attack",
                    "contrary": "attack",
                    "entails": "support",
                }.get(relation_type, relation_type)
            edges.append(
                MapEdge(
                    id=f"e{len(edges) + 1}",
                    source=a.id,
                    target=b.id,
                    relation_type=relation_type,
                    source_equivalence_class=source.title
                    if isinstance(source, EquivalenceClass)
                    else None,
                    target_equivalence_class=target.title
                    if isinstance(target, EquivalenceClass)
                    else None,
                )
            )


def _equivalence_edges(
    doc: _Parser,
    initial: int,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
) -> list[MapEdge]:
    """Support edges that shared titles imply (conclusion of one = premise of another)."""
    edges: list[MapEdge] = []
    seen: set[tuple[str, str]] = set()

    def add(a: MapNode, b: MapNode, title: str, prefix: str) -> None:
        if (a.id, b.id) in seen:
            return
        seen.add((a.id, b.id))
        # Argdown 1.7.5 names argument-to-argument edges "n<k>" (they may clash with node ids).
        edges.append(
            MapEdge(f"{prefix}{initial + len(edges) + 1}", a.id, b.id, "support", title, title)
        )

    for argument_node in argument_nodes.values():
        argument = doc.arguments[argument_node.title]
        if not argument.pcs:
            continue
        title = argument.pcs[-1].title or ""
        ec = doc.statements[title]
        statement_node = statement_nodes.get(title)
        if statement_node is not None:
            add(argument_node, statement_node, title, "e")
            continue
        for s in ec.members:
            if s.role == "premise":
                other = argument_nodes.get(s.argument_title or "")
                if other is not None:
                    add(argument_node, other, title, "n")
    for statement_node in statement_nodes.values():
        ec = doc.statements[statement_node.title]
        for s in ec.members:
            if s.role == "premise":
                other = argument_nodes.get(s.argument_title or "")
                if other is not None:
                    add(statement_node, other, ec.title, "e")
    return edges


def _assign_group_flags(doc: _Parser) -> None:
    """Sections without an explicit isGroup are groups if among the deepest groupDepth levels."""
    group = doc.settings.get("group")
    depth = group.get("groupDepth", 2) if isinstance(group, dict) else 2
    if not isinstance(depth, int) or isinstance(depth, bool):
        depth = 2
    min_level = doc.max_section_level - depth + 1
    stack = list(doc.sections)
    while stack:
        section = stack.pop()
        if section.is_group is None:
            section.is_group = section.level >= min_level
        stack.extend(section.children)


def _group_nodes(doc: _Parser, nodes: list[MapNode]) -> list[MapNode]:
    """Put nodes into groups made from headings; return all nodes in pre-order."""

    def group_section(node: MapNode) -> Section | None:
        element = (
            doc.arguments[node.title] if node.kind == "argument" else doc.statements[node.title]
        )
        section: Section | None = element.section
        while section is not None and section.is_group is False:
            section = section.parent
        return section

    groups: dict[str, tuple[Section, list[Any]]] = {}  # id -> (section, children)
    group_parent: dict[str, str | None] = {}
    for node in nodes:
        found = group_section(node)
        if found is None:
            continue
        if found.id not in groups:
            groups[found.id] = (found, [])
            parent = found.parent
            while parent is not None and parent.is_group is False:
                parent = parent.parent
            group_parent[found.id] = parent.id if parent is not None else None
        groups[found.id][1].append(node)
    for group_id in list(groups):
        current = group_id
        parent_section = groups[current][0].parent
        while group_parent.get(current):
            parent_id = group_parent[current]
            assert parent_id is not None
            if parent_id in groups:
                groups[parent_id][1].append(current)
                break
            if parent_section is None:
                break
            if parent_section.is_group is not False:
                groups[parent_id] = (parent_section, [current])
                group_parent[parent_id] = (
                    parent_section.parent.id if parent_section.parent else None
                )
                current = parent_id
                parent_section = parent_section.parent
            elif parent_section.parent is not None:
                group_parent[current] = parent_section.parent.id
                parent_section = parent_section.parent
            else:
                group_parent[current] = None
                break

    ordered: list[MapNode] = []
    top: list[Any] = [g for g in groups if not group_parent.get(g)]
    top.extend(node for node in nodes if group_section(node) is None)
    work: list[tuple[Any, str | None, int]] = [(item, None, 1) for item in reversed(top)]
    while work:
        item, enclosing, level = work.pop()
        if isinstance(item, MapNode):
            item.group = enclosing
            ordered.append(item)
            continue
        section, children = groups[item]
        ordered.append(
            MapNode(
                id=section.id,
                kind="group",
                title=section.title,
                label_title=section.title,
                group=enclosing,
                level=level,
            )
        )
        work.extend((child, section.id, level + 1) for child in reversed(children))
    return ordered


def _js_key_order(items: dict[str, Any]) -> dict[str, Any]:
    """Order keys as a JavaScript object does: array-index keys first, ascending."""

    def is_index(key: str) -> bool:
        return (
            key.isascii()
            and key.isdigit()
            and (key == "0" or not key.startswith("0"))
            and len(key) <= 10  # converting a long run of digits is slow, then refused
            and int(key) < 2**32 - 1
        )

    indexed = sorted((k for k in items if is_index(k)), key=int)
    if not indexed:
        return items
    ordered = {k: items[k] for k in indexed}
    ordered.update((k, v) for k, v in items.items() if not is_index(k))
    return ordered


def parse(text: str, *, name: str | None = None) -> ArgdownDocument:
    """Parse Argdown text into Argdown's model and map (see :class:`ArgdownDocument`).

    Raises:
        ArgdownSyntaxError: The text is not valid Argdown, or its YAML is invalid.
    """
    # A large document makes hundreds of thousands of tokens and nodes at once; automatic
    # collections meanwhile walk them all again and again (a fifth of a 10,000-statement read).
    with collector_paused():
        return _parse(text, name)


def _parse(text: str, name: str | None) -> ArgdownDocument:
    parser = _Parser(text, name)
    parser.parse()
    for ec in parser.statements.values():
        if ec.section is None and ec.members:
            ec.section = ec.members[0].section
    for argument in parser.arguments.values():
        if argument.section is None and argument.members:
            argument.section = argument.members[0].section
    model_settings = parser.settings.get("model") or {}
    if model_settings.get("transformArgumentRelations", True):
        _transform_argument_relations(parser)
    if model_settings.get("mode") == "strict":
        _transform_statement_relations(parser)
    _remove_redundant_statement_attacks(parser)
    parser.statements = _js_key_order(parser.statements)
    parser.arguments = _js_key_order(parser.arguments)
    _assign_group_flags(parser)
    parser.tokens = []  # the document keeps the parser for its map; the tokens can go
    parser.yaml_cache = {}
    return ArgdownDocument(
        statements=parser.statements,
        arguments=parser.arguments,
        relation_objects=parser.relations,
        sections=parser.sections,
        tags=parser.tags,
        frontmatter=parser.frontmatter,
        settings=parser.settings,
        name=name,
        creation_order=parser.creation_order,
        _parser=parser,
    )
