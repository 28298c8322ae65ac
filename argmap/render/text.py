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

import re
import textwrap
from collections.abc import Iterable

from graphviz import escape, nohtml  # type: ignore[import-untyped]

__all__ = ["clean", "dot_lines", "dot_text", "dot_tooltip", "wrap"]

# XML 1.0 allows tab, newline and carriage return among the C0 controls, nothing else; U+FFFE
# and U+FFFF are not characters. Graphviz copies such bytes into its SVG, which then fails to
# parse, so they are replaced before Graphviz sees them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NEEDS_WORK = re.compile("[\x00-\x1f\x7f\ufffe\uffff\\\\&]")
_WRAPPER = textwrap.TextWrapper(break_long_words=True, break_on_hyphens=False)


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
    _WRAPPER.width = width
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_WRAPPER.wrap(paragraph) or [""])
    return lines or [""]


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
