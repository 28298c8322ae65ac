"""Issue 16's acceptance, measured: every view of the seed map, with each layout engine, as SVG
in Chromium.

For each drawing the browser measures every ``<text>``'s box (``getBBox`` mapped through its
``getCTM`` into the drawing's own units) and the element it belongs to (the enclosing
``<g class="node">``, ``"edge"`` or ``"cluster"``), and checks three things a reader sees:

- no two texts of different elements overlap (an edge label printed over a node's words);
- the legend covers at most 15% of the drawing's area (the legend is the graph's own label, with
  the title: what the root graph draws outside its nodes, edges and clusters);
- every text has a contrast of at least 4.5:1 (WCAG 2) with the fill behind it: the colours of
  the filled shapes drawn before it that hold its centre, composed with their opacity over
  white, as the browser computes them.

graphviz-pure always runs; the system ``dot`` runs when it is installed, and its cases skip
saying so when it is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from argmap import ArgumentMap
from argmap.errors import EngineNotFoundError
from argmap.rendering.engine import find_engine, to_svg
from tests.browser_support import chromium, require_chromium
from tests.support import example_module

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

pytestmark = [
    pytest.mark.browser,
    pytest.mark.exe,
    # graphviz-pure says it estimated non-ASCII widths; what it drew is measured all the same.
    pytest.mark.filterwarnings("ignore::argmap.errors.RenderWarning"),
]

sync_api = require_chromium()

URL = "http://argmap.test/view.svg"


EXAMPLE = example_module()
DRAWN: dict[str, dict[str, Any]] = dict(EXAMPLE.VIEWS)
"""Every drawing the example writes, by name, with its options (as the example passes them)."""
VIEWS = tuple(DRAWN)
ENGINES = ("graphviz-pure", "dot")
OVERLAP = 1.0  # units (pt) two boxes must share both ways to count: touching is not overlap
LEGEND_SHARE = 0.15
CONTRAST = 4.5

# Runs in the SVG document. Boxes are in the root <svg>'s user units (the layout's points).
MEASURE = r"""() => {
  const svg = document.documentElement;
  const vb = svg.viewBox.baseVal;
  // getCTM stops at the viewport (the viewBox's scaling included); this stops at the viewBox.
  const rootCTM = el => svg.getScreenCTM().inverse().multiply(el.getScreenCTM());
  const toRoot = (el, x, y) => {
    const p = svg.createSVGPoint(); p.x = x; p.y = y;
    return p.matrixTransform(rootCTM(el));
  };
  const box = el => {
    const b = el.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                     [b.x + b.width, b.y + b.height]].map(c => toRoot(el, c[0], c[1]));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  const owner = el => {
    const g = el.closest('g.node, g.edge, g.cluster');
    return g ? (g.id || g.getAttribute('class')) : 'graph';
  };
  // The legend is the graph's own label (drawn after layout, so it costs the layout nothing):
  // whatever the root graph group draws outside every node, edge and cluster, except its
  // background, which is the group's first polygon. The title is part of that label and is
  // counted with it, which only makes the check stricter.
  const graph = svg.querySelector('g.graph');
  const background = graph ? graph.querySelector(':scope > polygon') : null;
  const isLegend = el => el !== background && !el.closest('g.node, g.edge, g.cluster') &&
    !!el.closest('g.graph');
  const rgba = text => {
    const m = /rgba?\(([^)]+)\)/.exec(text || '');
    if (!m) return null;
    const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const shapes = Array.from(svg.querySelectorAll('polygon, ellipse, path, rect, circle'))
    .filter(s => !s.closest('defs'));
  const all = Array.from(svg.querySelectorAll('*'));
  const order = new Map(all.map((e, i) => [e, i]));
  // The colour behind a point: white, then every filled shape drawn before the text that holds
  // the point, in drawing order, each over what lies beneath with its opacity.
  const behind = (text, x, y) => {
    let c = [255, 255, 255];
    for (const s of shapes) {
      if (order.get(s) > order.get(text)) break;
      const st = getComputedStyle(s);
      const f = rgba(st.fill);
      if (!f || st.visibility === 'hidden' || st.display === 'none') continue;
      const alpha = f[3] * parseFloat(st.fillOpacity || '1') * parseFloat(st.opacity || '1');
      if (alpha <= 0) continue;
      const p = svg.createSVGPoint(); p.x = x; p.y = y;
      const local = p.matrixTransform(rootCTM(s).inverse());
      if (!s.isPointInFill(local)) continue;
      c = c.map((v, i) => v * (1 - alpha) + f[i] * alpha);
    }
    return c;
  };
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim());
  const found = texts.map(t => {
    const b = box(t);
    const st = getComputedStyle(t);
    const ink = rgba(st.fill) || [0, 0, 0, 1];
    const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    return {
      text: t.textContent, owner: owner(t), legend: isLegend(t), box: b,
      ink: ink.slice(0, 3), paper: behind(t, cx, cy),
    };
  });
  let legend = null;
  for (const el of [...shapes, ...texts]) {
    if (!isLegend(el)) continue;
    const b = box(el);
    legend = legend ? [Math.min(legend[0], b[0]), Math.min(legend[1], b[1]),
                       Math.max(legend[2], b[2]), Math.max(legend[3], b[3])] : b;
  }
  return {width: vb.width, height: vb.height, texts: found, legend: legend};
}"""


def luminance(rgb: list[float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour given as 0-255 channels.

    Examples:
        >>> round(luminance([255, 255, 255]), 3), luminance([0, 0, 0])
        (1.0, 0.0)
    """

    def channel(v: float) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2 contrast ratio, 1 to 21.

    Examples:
        >>> round(contrast([0, 0, 0], [255, 255, 255]), 1)
        21.0
        >>> round(contrast([118, 118, 118], [255, 255, 255]), 2)
        4.54
    """
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def overlaps(texts: list[dict[str, Any]]) -> list[tuple[str, str, float, float]]:
    """Pairs of texts of different elements whose boxes share more than OVERLAP both ways.

    Examples:
        >>> a = {"owner": "n1", "text": "A", "box": [0, 0, 10, 10]}
        >>> b = {"owner": "e1", "text": "B", "box": [5, 5, 20, 20]}
        >>> c = {"owner": "n1", "text": "C", "box": [0, 0, 4, 4]}  # a's own second line
        >>> overlaps([a, b, c])
        [('A', 'B', 5, 5)]
    """
    found = []
    ordered = sorted(texts, key=lambda t: t["box"][0])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["box"][0] >= a["box"][2]:
                break  # sorted by left edge: nothing further right can meet a
            if a["owner"] == b["owner"]:
                continue
            w = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            h = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if w > OVERLAP and h > OVERLAP:
                found.append((a["text"], b["text"], round(w, 1), round(h, 1)))
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(sync_api) as launched:
        yield launched


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    built: ArgumentMap = EXAMPLE.build_map()
    return built


def options_of(m: ArgumentMap, name: str) -> dict[str, Any]:
    """The example's options for one drawing: the argument view carries grounded labels."""
    from argmap import grounded

    options = dict(DRAWN[name])
    if options["view"] == "argument":
        options["labelling"] = {k: str(v) for k, v in grounded(m).items()}
    return options


_MEASURED: dict[tuple[str, str], dict[str, Any]] = {}


def measured(browser: Browser, seed: ArgumentMap, view: str, engine: str) -> dict[str, Any]:
    """The measurements of one view drawn by one engine, taken once for the three tests."""
    if engine == "dot":
        try:
            find_engine("dot")
        except EngineNotFoundError:
            pytest.skip("the system Graphviz `dot` is not installed (apt-get install graphviz)")
    key = (view, engine)
    if key not in _MEASURED:
        svg = to_svg(seed, engine=engine, **options_of(seed, view))
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def serve(route: Route) -> None:
            if route.request.url == URL:
                route.fulfill(status=200, content_type="image/svg+xml", body=svg)
            else:
                route.abort()

        page.route("**/*", serve)
        page.goto(URL)
        _MEASURED[key] = page.evaluate(MEASURE)
        page.close()
    return _MEASURED[key]


CASES = [pytest.param(view, engine, id=f"{view}-{engine}") for engine in ENGINES for view in VIEWS]


@pytest.mark.parametrize(("view", "engine"), CASES)
def test_no_two_texts_of_different_elements_overlap(
    browser: Browser, seed: ArgumentMap, view: str, engine: str
) -> None:
    found = measured(browser, seed, view, engine)
    assert len(found["texts"]) > 10
    clashes = overlaps(found["texts"])
    assert clashes == [], f"{len(clashes)} overlapping text pairs, e.g. {clashes[:5]}"


@pytest.mark.parametrize(("view", "engine"), CASES)
def test_the_legend_covers_at_most_15_percent(
    browser: Browser, seed: ArgumentMap, view: str, engine: str
) -> None:
    found = measured(browser, seed, view, engine)
    # Every drawing of the example has a legend: finding none means the measure lost it.
    assert found["legend"] is not None, "no legend found in the drawing"
    assert any(t["legend"] for t in found["texts"])
    x0, y0, x1, y1 = found["legend"]
    share = (x1 - x0) * (y1 - y0) / (found["width"] * found["height"])
    assert share <= LEGEND_SHARE, f"the legend covers {share:.1%} of the drawing"


@pytest.mark.parametrize(("view", "engine"), CASES)
def test_every_text_has_contrast_4_5_with_its_fill(
    browser: Browser, seed: ArgumentMap, view: str, engine: str
) -> None:
    found = measured(browser, seed, view, engine)
    poor = sorted(
        (round(contrast(t["ink"], t["paper"]), 2), t["text"][:30], t["ink"], t["paper"])
        for t in found["texts"]
    )
    poor = [p for p in poor if p[0] < CONTRAST]
    assert poor == [], f"{len(poor)} texts under {CONTRAST}:1, lowest {poor[:5]}"


def test_the_measure_sees_an_overprint_and_faint_text(browser: Browser) -> None:
    """The measure itself: a drawing made to fail each check fails it."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
        '<g class="graph"><polygon fill="white" points="0,0 200,0 200,100 0,100"/>'
        '<g id="n1" class="node"><polygon fill="#BFDCEC" points="0,0 100,0 100,40 0,40"/>'
        '<text x="10" y="25" font-size="14" fill="#9E9E9E">faint words</text></g>'
        '<g id="e1" class="edge"><text x="20" y="28" font-size="14">over them</text></g>'
        '<polygon fill="none" stroke="black" points="0,50 200,50 200,100 0,100"/>'
        '<text x="10" y="80" font-size="10">Legend</text>'
        "</g></svg>"
    )
    page = browser.new_page()
    page.route("**/*", lambda r: r.fulfill(status=200, content_type="image/svg+xml", body=svg))
    page.goto(URL)
    found = page.evaluate(MEASURE)
    page.close()
    assert [(a, b) for a, b, _, _ in overlaps(found["texts"])] == [("faint words", "over them")]
    by_text = {t["text"]: t for t in found["texts"]}
    faint = by_text["faint words"]
    assert faint["paper"] == [191, 220, 236] and faint["ink"] == [158, 158, 158]
    assert contrast(faint["ink"], faint["paper"]) < CONTRAST
    assert contrast(by_text["over them"]["ink"], by_text["over them"]["paper"]) > CONTRAST
    assert by_text["Legend"]["legend"] is True
    x0, y0, x1, y1 = found["legend"]
    assert (x1 - x0) * (y1 - y0) / (200 * 100) == pytest.approx(0.5, abs=0.02)
