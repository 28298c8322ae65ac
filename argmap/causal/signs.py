"""Signs of causal links and what they multiply to, and the words for directions and loop kinds.

A link's polarity is ``+`` (same direction), ``-`` (opposite), ``0`` (no effect) or ``?``
(unknown). A chain's sign is the product of its links' signs (:func:`sign_product`): ``0``
anywhere absorbs everything, otherwise ``?`` anywhere makes it unknown, otherwise the parity of
the ``-`` links decides. The loop kinds declared here are the one vocabulary the checks, the
command line and the drawings use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal, get_args

from argmap.model import Polarity

__all__ = ["LOOP_KINDS", "LOOP_LETTER", "Direction", "LoopKind", "NetSign", "flip", "sign_product"]

NetSign = Literal["+", "-", "0", "mixed", "unknown"]
"""The net effect of one factor on another: a sign, ``mixed`` (chains disagree) or ``unknown``."""
LoopKind = Literal["reinforcing", "balancing", "undetermined"]
"""Reinforcing (sign ``+``), balancing (sign ``-``), or undetermined (``0`` or ``?``)."""
LOOP_KINDS: Final[tuple[LoopKind, ...]] = get_args(LoopKind)
"""Every loop kind; the one vocabulary the checks, the command line and the drawings use."""
LOOP_LETTER: Final[dict[LoopKind, str]] = {
    "reinforcing": "R",
    "balancing": "B",
    "undetermined": "U",
}
"""The letter that names a loop of each kind in a drawing and in a loop's name: ``R1``, ``B2``."""
Direction = Literal["up", "down", "ambiguous", "unchanged"]
"""Which way a factor moves in :func:`what_if`."""

_DIRECTION: dict[str, Direction] = {"+": "up", "-": "down", "?": "ambiguous", "0": "unchanged"}
_KIND_OF_SIGN: dict[str, LoopKind] = {"+": "reinforcing", "-": "balancing"}
_FLIP: dict[str, Polarity] = {"+": "-", "-": "+", "0": "0", "?": "?"}


def sign_product(signs: Iterable[str]) -> Polarity:
    """Multiply link polarities: ``0`` absorbs, then ``?`` makes unknown, then ``-`` parity.

    Args:
        signs: Polarities, each ``+``, ``-``, ``0`` or ``?``.

    Returns:
        The product; ``+`` for no signs at all (the empty product).

    Examples:
        >>> sign_product("+-+"), sign_product("--"), sign_product("-?"), sign_product("?0-")
        ('-', '+', '?', '0')
    """
    negative = unknown = False
    for sign in signs:
        if sign == "0":
            return "0"
        if sign == "?":
            unknown = True
        elif sign == "-":
            negative = not negative
    if unknown:
        return "?"
    return "-" if negative else "+"


def flip(sign: Polarity) -> Polarity:
    """Reverse a polarity: ``+`` and ``-`` swap; ``0`` and ``?`` stay.

    Examples:
        >>> flip("+"), flip("-"), flip("0"), flip("?")
        ('-', '+', '0', '?')
    """
    return _FLIP[sign]


def _times(value: Polarity, polarity: Polarity) -> Polarity:
    """What a change ``value`` (+, - or ?) becomes across a link of ``polarity``."""
    if polarity == "0":
        return "0"
    if value == "?" or polarity == "?":
        return "?"
    return "+" if value == polarity else "-"


def _join(old: Polarity, new: Polarity) -> Polarity:
    """Combine two influences on one factor: agreeing signs stay, disagreeing ones are ``?``."""
    if old == "0" or old == new:
        return new
    if new == "0":
        return old
    return "?"
