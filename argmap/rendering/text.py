"""User text made safe for Graphviz: cleaned, wrapped, and escaped so it always reads literally.

Graphviz reads three things into a quoted label that a user did not mean: backslash sequences
(``\\N`` is the node's name, ``\\l`` a line break), HTML-like labels (``<...>``) and character
entities (``&lt;`` becomes ``<``). :func:`dot_text` disables all three: backslashes are doubled with
:func:`graphviz.escape`, ``&`` is written ``&amp;`` and the result is marked
:func:`graphviz.nohtml`; quotes are left to graphviz's own quoting, which runs when the statement is
written. Characters that XML cannot hold (C0 controls other than tab and newline) become U+FFFD, so
the SVG a label ends up in always parses.

Examples:
    >>> print(dot_text('say "hi" \\\\N <b> &amp;'))
    say "hi" \\\\N <b> &amp;amp;
    >>> wrap("Exclusion only leads to more violence and more gangs", 20)
    ['Exclusion only leads', 'to more violence and', 'more gangs']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from graphviz import escape, nohtml  # type: ignore[import-untyped]
from graphviz import quoting as _quoting

__all__ = ["clean", "dot_label", "dot_lines", "dot_quote", "dot_text", "dot_tooltip", "wrap"]

# XML 1.0 allows tab, newline and carriage return among the C0 controls, nothing else; U+FFFE
# and U+FFFF are not characters. Graphviz copies such bytes into its SVG, which then fails to
# parse, so they are replaced before Graphviz sees them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NEEDS_WORK = re.compile("[\x00-\x1f\x7f\ufffe\uffff\\\\&]")
# What textwrap counts as whitespace (ASCII only): it turns each into a space, then splits there.
_TO_SPACE = str.maketrans(dict.fromkeys("\t\n\x0b\x0c\r ", " "))
_SPACES = re.compile("( +)")


def clean(text: str) -> str:
    """Replace the characters XML cannot hold with U+FFFD and carriage returns with newlines.

    Examples:
        >>> clean("a\\x00b\\r\\nc")
        'a\\ufffdb\\nc'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", text)


def wrap(text: str, width: int | None) -> list[str]:
    """Split ``text`` into lines of about ``width`` characters (``None`` or 0: at newlines only).

    Newlines in the text start a new line; a word longer than ``width`` is cut. Never returns an
    empty list, so a node always has a label line.

    Examples:
        >>> wrap("one two\\nthree", 30)
        ['one two', 'three']
        >>> wrap("", 30)
        ['']
    """
    if not width or width <= 0:
        return text.split("\n")
    if len(text) <= width and "\n" not in text and "\t" not in text:
        return [text]  # most labels are short: skip textwrap's regexes
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width) or [""])
    return lines or [""]


def _wrap_paragraph(text: str, width: int) -> list[str]:
    """The lines ``textwrap.wrap(text, width, break_on_hyphens=False)`` gives, in linear time.

    textwrap cuts a word longer than the width by slicing off a line's worth and keeping the
    rest as a new string, which copies the rest once a line: quadratic in the word's length
    (1.6 million characters took 15 s). Here the word stays whole and an offset walks along it.
    Everything else follows textwrap's rules (tabs expanded, ASCII whitespace made spaces,
    whitespace dropped at the start and end of lines but the first), so labels look as before;
    a hypothesis test in tests/test_render_dot.py compares the two.

    Examples:
        >>> _wrap_paragraph("abcdefgh ij", 3)
        ['abc', 'def', 'gh', 'ij']
    """
    chunks = [c for c in _SPACES.split(text.expandtabs().translate(_TO_SPACE)) if c]
    # chunks[i][off:] is blank (what textwrap's `.strip() == ''` asks) iff off >= solid[i].
    solid = [len(c.rstrip()) for c in chunks]
    lines: list[str] = []
    i, off, n = 0, 0, len(chunks)
    while i < n:
        if lines and off >= solid[i]:
            i, off = i + 1, 0  # a line but the first starts with no whitespace
        parts: list[str] = []
        used = 0
        while i < n and used + len(chunks[i]) - off <= width:
            parts.append(chunks[i][off:] if off else chunks[i])  # at most `width` long
            used += len(chunks[i]) - off
            i, off = i + 1, 0
        if i < n and len(chunks[i]) - off > width:
            room = width - used  # cut the long chunk to fill the line
            parts.append(chunks[i][off : off + room])
            off += room
        if parts and not parts[-1].strip():
            parts.pop()
        if parts:
            lines.append("".join(parts))
    return lines


def dot_label(text: str, width: int | None) -> str:
    """Return ``dot_lines(wrap(clean(text), width))``: a statement's text as a label.

    Most texts hold nothing to clean or escape; they are wrapped and joined as they are, which
    is what the long way gives for them, found with one regular-expression search.

    Examples:
        >>> print(dot_label("Exclusion only leads to more violence", 20))
        Exclusion only leads\\nto more violence
        >>> print(dot_label("Tom & Jerry", 20))
        Tom &amp; Jerry
    """
    if _NEEDS_WORK.search(text) is None:
        result: str = nohtml("\\n".join(wrap(text, width)))
        return result
    return dot_lines(wrap(clean(text), width))


def dot_lines(lines: Iterable[str]) -> str:
    """Join lines into one Graphviz escString, each line escaped and centred (``\\n``).

    Examples:
        >>> print(dot_lines(["a\\\\b", "<c>"]))
        a\\\\b\\n<c>
    """
    result: str = nohtml("\\n".join(dot_text(line) for line in lines))
    return result


def dot_tooltip(lines: Iterable[str]) -> str:
    r"""Join lines into a Graphviz tooltip, escaped for the two passes Graphviz makes over it.

    Graphviz (2.43 to 16, and graphviz-pure) unescapes a tooltip twice: first ``\\`` to ``\``,
    then ``\N`` to the node's name. A literal backslash therefore needs four.

    Examples:
        >>> print(dot_tooltip([r"C:\N", "two"]))
        C:\\\\N\ntwo
    """
    result: str = nohtml("\\n".join(escape(dot_text(line)) for line in lines))
    return result


def dot_text(text: str) -> str:
    """Escape one line of user text so Graphviz shows it literally (see the module docs).

    Examples:
        >>> dot_text("<b>bold</b>") == "<b>bold</b>", type(dot_text("<b>")).__name__
        (True, 'NoHtml')
    """
    if _NEEDS_WORK.search(text) is None:
        plain: str = nohtml(text)
        return plain
    escaped: str = escape(clean(text).replace("\n", " ").replace("&", "&amp;"))
    return escaped


# graphviz's quote() decides everything: bare ID or quoted string, HTML-like label or not, how a
# quote is escaped, when to warn. Its two regular-expression scans run at every position of the
# string and cost most of the time of drawing a big map, yet one cannot match a string with no
# `"`, and the other (anchored by `\\$`) one that does not end in a backslash, or a backslash
# and a newline. quote() takes the two scans as keyword arguments; these wrappers skip them
# where they cannot match and otherwise call graphviz's own. A hypothesis test in
# tests/test_render_dot.py checks that the result and the warnings equal quote()'s.
_GRAPHVIZ_QUOTE: Callable[..., str] = getattr(_quoting.quote, "__wrapped__", _quoting.quote)
_FINAL_ODD = getattr(_quoting, "FINAL_ODD_BACKSLASHES", None)
_ESCAPE = getattr(_quoting, "ESCAPE_UNESCAPED_QUOTES", None)


def _ends_in_odd_backslashes(text: str) -> object:
    # `$` also matches before a final newline, hence the second ending.
    assert _FINAL_ODD is not None
    return _FINAL_ODD.search(text) if text.endswith(("\\", "\\\n")) else None


def _escape_unescaped_quotes(text: str) -> str:
    assert _ESCAPE is not None
    result: str = _ESCAPE(text) if '"' in text else text
    return result


_quote: Callable[[str], str] = _GRAPHVIZ_QUOTE
if _FINAL_ODD is not None and _ESCAPE is not None:  # graphviz 0.20 and 0.21 have both
    _quote = functools.partial(
        _GRAPHVIZ_QUOTE,
        endswith_odd_number_of_backslashes=_ends_in_odd_backslashes,
        escape_unescaped_quotes=_escape_unescaped_quotes,
    )


def dot_quote(value: str) -> str:
    """Quote a value for DOT with graphviz's own ``quote``, minus its scans that cannot match.

    A :func:`graphviz.nohtml` value is never an HTML-like label; a plain ``str`` that looks like
    ``<...>`` is (the renderer passes user text only through :func:`dot_text`, which marks it).

    Examples:
        >>> dot_quote("n0"), dot_quote("say \\"hi\\""), dot_quote(dot_text("<b>"))
        ('n0', '"say \\\\"hi\\\\""', '"<b>"')
    """
    return _quote(value)
