"""Ids made from people's words: the one slug rule the builder and every reader share.

Examples:
    >>> slug("Participant Rachel"), slug("Nicolás Maduro"), slug("!!")
    ('participant-rachel', 'nicolas-maduro', '')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slug"]

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: str, limit: int = 24) -> str:
    """Return a short lower-case ASCII id made from ``text``; empty when nothing is left.

    Accents are dropped (``á`` becomes ``a``), every run of other characters becomes one ``-``,
    and the result is cut to ``limit`` characters without a trailing ``-``.

    Args:
        text: Any words: a claim, a name, a title.
        limit: The most characters kept.

    Returns:
        The slug, possibly empty (a caller falls back to a generated id then).

    Examples:
        >>> slug("Exclusion only leads to more violence")
        'exclusion-only-leads-to'
        >>> slug("Tren de Aragua", limit=60), slug("¿?")
        ('tren-de-aragua', '')
    """
    if len(text) <= limit and _SLUG.fullmatch(text):
        return text  # already a slug (most ids a writer sees): skip the normalising
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:limit].rstrip("-")
