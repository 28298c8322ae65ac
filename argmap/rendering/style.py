"""Colours, shapes and line styles of argmap's drawings: the one place they live.

Speakers get colours from a fixed palette in the order the map lists its agents, so a speaker keeps
its colour from one render to the next. The palette is Okabe and Ito's, chosen to stay apart for
readers with colour-blindness; and nothing is told by colour alone: stance, sign and kind are also
carried by line style, arrowheads and labels, so a greyscale print still reads.

Examples:
    >>> speaker_colour(0), speaker_colour(8) == speaker_colour(0)
    ('#0072B2', True)
    >>> tint("#0072B2")
    '#BFDCEC'
    >>> css_token("petro"), css_token("a.b_c")
    ('petro', 'a_2e_b_5f_c')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from argmap.names import LABEL_NAMES, Label

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "ATTACK_COLOUR",
    "ATTACK_STYLE",
    "CAUSAL_STYLE",
    "EDGE_DEFAULTS",
    "EXCHANGE_STYLE",
    "FADED_TINT",
    "FONT",
    "GRAPH_DEFAULTS",
    "HOLLOW",
    "LABELLING_STYLE",
    "LEGEND_TEXT",
    "NARRATOR_COLOUR",
    "NODE_DEFAULTS",
    "PALETTE",
    "RECONSTRUCTED_COLOUR",
    "STANCE_STYLE",
    "SUPPORT_COLOUR",
    "UNDERCUT_COLOUR",
    "contrast",
    "css_token",
    "luminance",
    "narrator",
    "readable",
    "speaker_colour",
    "speaker_colours",
    "tint",
]

PALETTE: Final[tuple[str, ...]] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#8C6D31",  # brown (instead of Okabe-Ito's yellow, which vanishes on white)
    "#555555",  # dark grey
)
"""Speaker colours, handed out in the order the map lists its agents."""

FONT: Final = "Helvetica"
# Relations by kind, from Okabe and Ito's palette (support bluish green, attack vermillion,
# undercut reddish purple, darkened to read as lines); the kinds of attack differ by arrowhead.
SUPPORT_COLOUR: Final = "#007A5A"
ATTACK_COLOUR: Final = "#C24E00"
UNDERCUT_COLOUR: Final = "#A24C85"
NEUTRAL_COLOUR: Final = "#424242"
FAINT_COLOUR: Final = "#9E9E9E"
"""Lines that recede: opposites, a note's ties. Never text: it is 2.7:1 on white."""
NARRATOR_COLOUR: Final = "#767676"
"""The source's own voice (the article's author): grey, so the speakers it reports stand out."""
RECONSTRUCTED_COLOUR: Final = "#767676"
"""What the analyst added: dashed grey, hollow heads (4.5:1 on white, so its text reads too)."""

ATTACK_STYLE: Final[dict[str, dict[str, str]]] = {
    "rebut": {"arrowhead": "tee"},
    "undermine": {"arrowhead": "box"},
    "undercut": {"arrowhead": "dot"},
    "contradict": {"arrowhead": "tee", "dir": "both", "arrowtail": "tee"},
}
"""One head per kind of attack, so that greyscale tells them apart: a bar (rebuts the claim),
a square (undermines a premise), a dot (undercuts an inference), bars at both ends
(contradiction, which has no direction)."""
HOLLOW: Final[dict[str, str]] = {"normal": "empty", "box": "obox", "dot": "odot"}
"""The hollow form of a head, for what the analyst reconstructed (a bar has none)."""

GRAPH_DEFAULTS: Final[dict[str, str]] = {
    "fontname": FONT,
    "fontsize": "12",
    "newrank": "true",
    "nodesep": "0.3",
    "ranksep": "0.45",
    "labelloc": "t",
}
NODE_DEFAULTS: Final[dict[str, str]] = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "white",
    "color": NEUTRAL_COLOUR,
    "fontname": FONT,
    "fontsize": "11",
    "margin": "0.12,0.06",
}
EDGE_DEFAULTS: Final[dict[str, str]] = {
    "fontname": FONT,
    "fontsize": "10",
    "arrowsize": "0.8",
    "color": NEUTRAL_COLOUR,
}

# Causal polarity: style and label carry the sign, so colour is free to say who told the link.
CAUSAL_STYLE: Final[dict[str, dict[str, str]]] = {
    "+": {"style": "solid", "label": "+"},
    "-": {"style": "dashed", "label": "−"},
    "0": {"style": "dotted", "label": "0", "color": FAINT_COLOUR, "fontcolor": NARRATOR_COLOUR},
    "?": {"style": "solid", "label": "?", "color": FAINT_COLOUR, "fontcolor": NARRATOR_COLOUR},
}
POLARITY_NAME: Final[dict[str, str]] = {"+": "pos", "-": "neg", "0": "zero", "?": "unknown"}

STANCE_STYLE: Final[dict[str, dict[str, str]]] = {
    "asserts": {"style": "solid", "arrowhead": "normal"},
    "denies": {"style": "dashed", "arrowhead": "tee"},
    "questions": {"style": "dotted", "arrowhead": "odot"},
}

EXCHANGE_STYLE: Final[dict[str, dict[str, str]]] = {
    "supports": {"color": SUPPORT_COLOUR, "arrowhead": "normal", "style": "solid"},
    "attacks": {"color": ATTACK_COLOUR, "arrowhead": "tee", "style": "solid"},
    "denies": {"color": ATTACK_COLOUR, "arrowhead": "tee", "style": "dashed"},
    "questions": {"color": NEUTRAL_COLOUR, "arrowhead": "odot", "style": "dotted"},
    "reports": {"color": NEUTRAL_COLOUR, "arrowhead": "empty", "style": "dotted"},
}
"""How the speakers view draws each kind of exchange between two agents: the relation's or the
stance's own look."""

# A label is a line style, never faded text: accepted bold, rejected with its corners cut
# (diagonals) and a paler fill, undecided dotted. "out" as drawn for a statement no one asserts;
# a speaker's statement keeps its border colour and pales its fill to FADED_TINT (a box that
# lost its colour lost who said it). The text stays black: every fill here is light.
LABELLING_STYLE: Final[dict[Label, dict[str, str]]] = {
    "in": {"penwidth": "2.2"},
    "out": {"style": "filled,diagonals", "fillcolor": "#F5F5F5"},
    "undec": {"style": "rounded,filled,dotted", "penwidth": "1.4"},
}
LEGEND_TEXT: Final[dict[str, str]] = {
    "claim": "claim",
    "factor": "factor",
    "reconstructed": "reconstructed\\n(the analyst's, no one said it)",
    "relation-reconstructed": "reconstructed relation\\n(the analyst's)",
    "reported": "reported speech\\n(double border: the reporter)",
    "junction": "linked premises,\\nattacked inference",
    "link-node": "causal link that\\nevidence backs or attacks",
    "accepted": f"{LABEL_NAMES['in']} (bold)",
    "rejected": f"{LABEL_NAMES['out']} (corners cut)",
    "undecided": f"{LABEL_NAMES['undec']} (dotted)",
    "relation": "relation\\nsomeone took a stance on",
    "loop-reinforcing": "R1, R2…\\nreinforcing loop",
    "loop-balancing": "B1, B2…\\nbalancing loop",
    "loop-undetermined": "U1, U2…\\nloop of unknown sign",
    "support": "supports",
    "rebut": "rebuts (the claim)",
    "undermine": "undermines (a premise)",
    "undercut": "undercuts (an inference)",
    "contradict": "contradicts (each other)",
    "causal+": "+ same direction",
    "causal-": "− opposite direction",
    "causal0": "0 no effect",
    "causal?": "? unknown effect",
    "causal-reconstructed": "reconstructed link\\n(no one said it)",
    "causal-untold": "link no speaker\\nis named for",
    "causal-denies": "× denied by\\n(named on the link)",
    "causal-questions": "? questioned by\\n(named on the link)",
    "opposite": "opposites (one is less of the other)",
    "delay": "the effect comes later",
    "modality-general": "holds in general, not just this once",
    "modality-hypothetical": "would hold, if it happened",
    "asserts": "asserts",
    "denies": "denies",
    "questions": "questions",
    "reports": "reports",
    "agents-supports": "supports (n: how many statements)",
    "agents-attacks": "attacks",
    "agents-denies": "denies what the other is on record for",
    "agents-questions": "questions",
    "agents-reports": "reports the other's words",
}
"""What each legend entry says, by key: the SVG's legend and the page's write the same words.
``\\n`` is a line break where the SVG's table wants one (the page writes a space)."""

FADED_TINT: Final = 0.08
"""How much of the speaker's colour the fill of a rejected statement keeps."""
LABELLING_NAME: Final[dict[Label, str]] = LABEL_NAMES


def speaker_colour(index: int) -> str:
    """Return the colour of the ``index``-th agent of a map (0-based), cycling the palette.

    Examples:
        >>> speaker_colour(1)
        '#D55E00'
    """
    return PALETTE[index % len(PALETTE)]


def narrator(m: ArgumentMap) -> str | None:
    """Return the agent who is the source's own voice, or ``None``: the one who reports the most
    other speakers, at least two (a news article's author reports everyone it quotes).

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> desk, a, b = m.agent("desk"), m.agent("A"), m.agent("B")
        >>> narrator(m) is None
        True
        >>> _ = m.claim("x", by=a, reported_by=desk), m.claim("y", by=b, reported_by=desk)
        >>> narrator(m) == desk.id
        True
    """
    from argmap.graph import _narrator  # the rule's one home: the agents graph uses it too

    return _narrator(m)


def speaker_colours(m: ArgumentMap) -> dict[str, str]:
    """Return each agent's colour: the source's own voice grey, the others the palette in order.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> desk, a, b = m.agent("desk", id="d"), m.agent("A", id="a"), m.agent("B", id="b")
        >>> _ = m.claim("x", by=a, reported_by=desk), m.claim("y", by=b, reported_by=desk)
        >>> speaker_colours(m)
        {'d': '#767676', 'a': '#0072B2', 'b': '#D55E00'}
    """
    voice = narrator(m)
    colours: dict[str, str] = {}
    for aid in m.agents:
        if aid == voice:
            colours[aid] = NARRATOR_COLOUR
        else:
            colours[aid] = speaker_colour(len(colours) - (voice in colours))
    return colours


def tint(colour: str, strength: float = 0.25) -> str:
    """Return a light fill made of ``strength`` parts ``colour`` and the rest white.

    Light fills keep black text readable on every speaker's colour.

    Examples:
        >>> tint("#000000", 0.5)
        '#808080'
    """
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * strength) for c in channels)
    return "#" + "".join(f"{c:02X}" for c in mixed)


def luminance(colour: str) -> float:
    """Return the relative luminance of a ``#RRGGBB`` colour, as WCAG 2 defines it (0 to 1).

    Examples:
        >>> luminance("#FFFFFF"), luminance("#000000")
        (1.0, 0.0)
    """
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``#RRGGBB`` colours, from 1 to 21.

    Text needs 4.5 against its background (level AA for normal text).

    Examples:
        >>> round(contrast("#000000", "#FFFFFF"), 1)
        21.0
        >>> contrast("#0072B2", "#FFFFFF") >= 4.5
        True
    """
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: str, background: str = "#FFFFFF", ratio: float = 4.5) -> str:
    """Return ``colour`` darkened just enough to reach ``ratio`` against ``background``.

    Speaker colours mark lines; a label written in one (Okabe and Ito's orange on white is
    2.2:1) needs a darker shade of the same hue to be read.

    Examples:
        >>> readable("#0072B2")  # already 5.0:1 on white
        '#0072B2'
        >>> contrast(readable("#E69F00"), "#FFFFFF") >= 4.5
        True
    """
    if contrast(colour, background) >= ratio:
        return colour
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(1, 101):
        keep = 1 - step / 100
        shade = "#" + "".join(f"{round(c * keep):02X}" for c in channels)
        if contrast(shade, background) >= ratio:
            return shade
    return "#000000"


def css_token(identifier: str) -> str:
    """Turn an id into a CSS class token, reversibly.

    ASCII letters, digits and ``-`` stay; every other character, ``_`` included, becomes
    ``_<hex code point>_``, so two different ids never give the same token and a page's script
    can decode it.

    Examples:
        >>> css_token("noem"), css_token("ü"), css_token("x y")
        ('noem', '_fc_', 'x_20_y')
    """
    if identifier.isascii() and identifier.replace("-", "a").isalnum():
        return identifier
    return "".join(
        ch if (ch.isascii() and (ch.isalnum() or ch == "-")) else f"_{ord(ch):x}_"
        for ch in identifier
    )
