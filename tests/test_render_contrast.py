"""Every text argmap draws reads against what it is drawn on: WCAG contrast of at least 4.5:1.

The pairs are taken from the drawings themselves (every node's fill and font colour, every edge
label's and cluster title's colour on the white page, every coloured word of the legend), for
every view of the seed slice and of the Petro–Noem example, with and without a labelling, so a
new style cannot slip a pale text in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgumentMap, grounded
from argmap.rendering import style, to_dot
from argmap.rendering.style import contrast, luminance, readable
from tests.render_maps import seed_slice, tiny
from tests.support import seed_map

ROOT = Path(__file__).resolve().parents[1]
ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^\s\]]+)')
NAMED = {"white": "#FFFFFF", "black": "#000000"}
COLOUR = st.from_regex(r"#[0-9A-F]{6}", fullmatch=True)


def _colour(value: str | None, default: str) -> str:
    if value is None:
        return default
    value = value.strip('"').split(":")[0]
    return NAMED.get(value, value).upper()


def text_pairs(source: str) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every text in a DOT source of argmap's."""
    pairs: list[tuple[str, str, str]] = []
    node_default_fill = _colour(style.NODE_DEFAULTS["fillcolor"], "#FFFFFF")
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("graph [", "node [", "edge [")) or not stripped:
            continue
        attrs = dict(ATTR.findall(stripped.split("[", 1)[1])) if "[" in stripped else {}
        if "label" not in attrs or attrs["label"] in ('""', "<>"):
            if stripped.startswith(("fontcolor=", "label=")):  # a cluster's title
                found = dict(ATTR.findall(stripped))
                if "fontcolor" in found:
                    pairs.append((stripped, _colour(found["fontcolor"], "#000000"), "#FFFFFF"))
            continue
        font = _colour(attrs.get("fontcolor"), "#000000")
        if "->" in stripped.split("[", 1)[0]:
            pairs.append((stripped, font, "#FFFFFF"))  # an edge label sits on the page
            continue
        filled = "filled" in attrs.get("style", style.NODE_DEFAULTS["style"])
        fill = _colour(attrs.get("fillcolor"), node_default_fill) if filled else "#FFFFFF"
        pairs.append((stripped, font, fill))
    # The legend: every coloured word or line of characters on the white page.
    for colour in re.findall(r'<FONT COLOR="(#[0-9A-Fa-f]{6})"', source):
        pairs.append(("legend", colour.upper(), "#FFFFFF"))
    return pairs


def _example_map() -> ArgumentMap | None:
    if not (ROOT / "seeds" / "petro_noem_article.txt").exists():
        return None
    return seed_map()


MAPS = {"seed slice": seed_slice, "tiny": tiny}


@pytest.mark.parametrize("name", sorted(MAPS))
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_every_text_of_every_view_has_contrast(name: str, view: str) -> None:
    m = MAPS[name]()
    for labelling in (None, {k: str(v) for k, v in grounded(m).items()}):
        source = to_dot(m, view=view, labelling=labelling, cluster_by="tag").source
        pairs = text_pairs(source)
        assert pairs or (name, view) == ("tiny", "causal")  # tiny has no causal link
        for what, font, fill in pairs:
            assert contrast(font, fill) >= 4.5, (font, fill, what)


def test_every_text_of_the_example_has_contrast() -> None:
    m = _example_map()
    if m is None:
        pytest.skip("the seed text (seeds/petro_noem_article.txt) is absent")
    labels = {k: str(v) for k, v in grounded(m).items()}
    for view in ("argument", "causal", "speakers"):
        for labelling in (None, labels):
            pairs = text_pairs(to_dot(m, view=view, labelling=labelling).source)
            low = [(f, b, w[:80]) for w, f, b in pairs if contrast(f, b) < 4.5]
            assert not low, low


def test_the_styles_own_pairs_have_contrast() -> None:
    """Black text on every fill the styles make, speaker colours as text on white."""
    colours = [*style.PALETTE, style.NARRATOR_COLOUR]
    for c in colours:
        for strength in (0.25, 0.45, style.FADED_TINT):
            assert contrast("#000000", style.tint(c, strength)) >= 4.5, (c, strength)
        assert contrast(readable(c), "#FFFFFF") >= 4.5
    for look in style.CAUSAL_STYLE.values():
        if "fontcolor" in look:
            assert contrast(look["fontcolor"], "#FFFFFF") >= 4.5
    assert contrast(style.RECONSTRUCTED_COLOUR, "#FFFFFF") >= 4.5


def test_contrast_matches_wcags_reference_points() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert luminance("#FF0000") == pytest.approx(0.2126)


@given(COLOUR, COLOUR)
def test_contrast_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert contrast(a, b) == pytest.approx(contrast(b, a))
    assert 1.0 <= contrast(a, b) <= 21.0 + 1e-9


@given(COLOUR)
def test_readable_reaches_the_ratio_and_keeps_readable_colours(c: str) -> None:
    shade = readable(c)
    assert contrast(shade, "#FFFFFF") >= 4.5
    if contrast(c, "#FFFFFF") >= 4.5:
        assert shade == c
