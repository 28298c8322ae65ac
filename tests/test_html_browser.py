"""The HTML page in a real browser: Debian's chromium driven by Python's playwright.

Each page is served from a made-up origin by playwright's router, which also records and refuses
every other request, so a test sees any request the page tries to make. An init script (which the
page's CSP does not govern) collects CSP violations and DOM insertions for the tests to read.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from argmap import ArgumentMap, Support
from argmap.causal import causal_chains
from argmap.rendering.html import to_html
from argmap.rendering.select import select
from tests.browser_support import chromium, require_chromium
from tests.html_maps import HOSTILE_CLAIMS, HOSTILE_SPEAKER, hostile_map, seed_map

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

sync_api = require_chromium()

URL = "http://argmap.test/map.html"

# Record what the page does that a test must see: CSP violations and every element added.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""

# Tag names the page and the engine's SVG may hold; anything else came from somewhere else.
EXPECTED_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "h1", "div", "label",
    "input", "span", "nav", "button", "output", "main", "section", "aside", "h2", "h3", "ul",
    "li", "p", "script", "svg", "g", "path", "polygon", "ellipse", "text", "rect", "line",
    "polyline", "strong", "figure", "blockquote", "figcaption", "dl", "dt", "dd", "code",
    "article", "mark",
}  # fmt: skip


@dataclass
class Loaded:
    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__violations")
        return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(sync_api) as launched:
        yield launched


def open_page(browser: Browser, html: str, height: int = 850) -> Loaded:
    page = browser.new_page(viewport={"width": 1400, "height": height})
    loaded = Loaded(page)
    page.on("request", lambda r: loaded.requests.append(r.url))
    page.on("dialog", lambda d: (loaded.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: loaded.errors.append(str(e)))

    def serve(route: Route) -> None:
        if route.request.url == URL:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        else:
            route.abort()

    page.route("**/*", serve)
    page.add_init_script(WATCH)
    page.goto(URL)
    page.wait_for_selector("html[data-ready=true]")
    return loaded


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return seed_map()


@pytest.fixture
def seed_page(browser: Browser, seed: ArgumentMap) -> Iterator[Loaded]:
    labelling: dict[str, Literal["in"]] = dict.fromkeys(list(seed.statements)[:3], "in")
    loaded = open_page(browser, to_html(seed, labelling=labelling))
    yield loaded
    assert loaded.errors == []
    assert loaded.requests == [URL], "the page asked for something beyond itself"
    assert loaded.violations() == []
    loaded.page.close()


def wait_until(page: Page, expression: str, timeout: float = 5.0) -> None:
    """Poll an expression from here: playwright's wait_for_function evaluates strings in the
    page, which the page's CSP (rightly) forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.02)


def quoted_claim(m: ArgumentMap) -> str:
    """A claim with a quoted attribution, to click on (the argument view draws claims; a quoted
    factor is drawn in the causal view)."""
    claims = {c.id for c in m.claims()}
    for att in m.attributions:
        if att.quote is not None and att.agent is not None and att.target in claims:
            return att.target
    raise AssertionError("the seed map has no quoted statement")


def item_in(page: Page, item_id: str, view: str = "argument") -> Any:
    # The id quoted by JSON inside the selector, so an id with quotes cannot break it.
    return page.locator(f"#am-view-{view} [data-id={json.dumps(item_id)}]").first


def click_item(page: Page, item_id: str, view: str = "argument") -> None:
    """Click an item's drawing; focusing it first pans it on screen, as Tab does."""
    item = item_in(page, item_id, view)
    item.focus()
    item.click()


def test_click_opens_the_panel_with_text_speakers_and_quote(
    seed_page: Loaded, seed: ArgumentMap
) -> None:
    page = seed_page.page
    sid = quoted_claim(seed)
    assert page.locator("#am-panel").is_hidden()
    click_item(page, sid)
    panel = page.locator("#am-panel")
    assert panel.is_visible()
    assert panel.get_attribute("data-selected") == sid
    assert page.locator(".am-text").text_content() == seed.statements[sid].text
    said = page.locator(".am-attributions").text_content() or ""
    for att in seed.attributions_of(sid):
        if att.agent:
            assert seed.agents[att.agent].name in said
        if att.quote:
            assert att.quote.text in said
            assert f"characters {att.quote.start}\u2013{att.quote.end}" in said
    assert "am-selected" in (item_in(page, sid).get_attribute("class") or "")
    status = page.locator("#am-panel .am-status")
    if sid in list(seed.statements)[:3]:
        assert status.text_content() == "Acceptance: accepted (in)"


def test_panel_links_walk_the_map(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    drawn = select(seed, "argument")

    def end(rid: str) -> str | None:
        rel = seed.relations[rid]
        if isinstance(rel, Support):
            return rel.conclusion
        return getattr(rel, "target", None)  # causal links drawn as notes have no target

    rel = next(seed.relations[r] for r in drawn.relations if end(r) in drawn.statements)
    start = end(rel.id)
    assert start is not None
    click_item(page, start)
    page.locator("#am-panel .am-links button", has_text=rel.id).first.click()
    assert page.locator("#am-panel").get_attribute("data-selected") == rel.id
    assert page.locator("#am-panel-title").text_content() in ("Support", "Attack")


def test_keyboard_tab_enter_escape(seed_page: Loaded) -> None:
    page = seed_page.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-id')"):
            break
    focused = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert focused, "Tab never reached a node of the map"
    page.keyboard.press("Enter")
    assert page.locator("#am-panel").get_attribute("data-selected") == focused
    assert page.evaluate("document.activeElement.id") == "am-panel-title"
    page.keyboard.press("Escape")
    assert page.locator("#am-panel").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == focused


def test_search_highlights_matching_statements(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    word = "blockade"
    expected = {sid for sid, s in seed.statements.items() if word in s.text.lower()}
    assert expected, "the seed map should mention the blockade"
    page.fill("#am-search", word.upper())
    lit = page.eval_on_selector_all(
        "#am-view-argument .am-match", "els => els.map(e => e.getAttribute('data-id'))"
    )
    drawn = page.eval_on_selector_all(
        "#am-view-argument .am-item", "els => els.map(e => e.getAttribute('data-id'))"
    )
    assert set(lit) == expected & set(drawn)
    count = len(expected & set(drawn))  # what the view shows, not what the map holds
    assert page.locator("#am-search-count").text_content() == (
        f"{count} match" if count == 1 else f"{count} matches"
    )
    page.fill("#am-search", "")
    assert page.locator(".am-match, .am-nomatch").count() == 0


def owned_only_by(m: ArgumentMap, agent: str) -> set[str]:
    """Statements and relations everyone who takes a stance on is ``agent`` (a report belongs
    to whoever it says spoke, the reporter only when it names no one)."""
    owned = set()
    for item in (*m.statements, *m.relations):
        owners = {a.agent or a.reported_by for a in m.attributions_of(item)} - {None}
        if owners == {agent}:
            owned.add(item)
    return owned


def drawn_ids(page: Page, view: str, css: str = ".am-item") -> set[str]:
    found: list[str] = page.eval_on_selector_all(
        f"#am-view-{view} {css}", "els => els.map(e => e.getAttribute('data-id'))"
    )
    return set(found)


def test_speaker_toggle_mutes_their_statements(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    agent = next(iter(seed.agents.values()))
    theirs = owned_only_by(seed, agent.id)
    drawn = drawn_ids(page, "argument")
    claims = theirs & set(seed.statements) & drawn
    assert len(claims) >= 5, "the seed's first speaker should say several things"
    page.get_by_role("checkbox", name=agent.name).uncheck()
    muted = drawn_ids(page, "argument", ".am-muted")
    assert claims <= muted  # their claims fade, not only their arrows
    for sid in claims:
        opacity = page.eval_on_selector(
            f"#am-view-argument [data-id={json.dumps(sid)}]",
            "e => parseFloat(getComputedStyle(e).opacity)",
        )
        assert opacity < 0.5
    # Their relations fade too: those they are named for, and unnamed ones on their claims.
    relations = set()
    for rid in set(seed.relations) & drawn:
        if seed.attributions_of(rid):
            if rid in theirs:
                relations.add(rid)
        elif any(end in claims for end in _ends(seed, rid)):
            relations.add(rid)
    assert relations and relations <= muted
    # Nobody else's: what someone else also says stays.
    others = {
        i
        for i in drawn & set(seed.statements)
        if {a.agent or a.reported_by for a in seed.attributions_of(i)} - {agent.id, None}
    }
    assert others and not others & muted
    page.get_by_role("checkbox", name=agent.name).check()
    assert page.locator(".am-muted").count() == 0


def _ends(m: ArgumentMap, rid: str) -> tuple[str, ...]:
    r = m.relations[rid]
    if isinstance(r, Support):
        return (*r.premises, r.conclusion)
    return tuple(
        getattr(r, name) for name in ("attacker", "target", "cause", "effect") if hasattr(r, name)
    )


def test_zoom_buttons_wheel_keys_and_fit(seed_page: Loaded) -> None:
    page = seed_page.page
    svg = page.locator("#am-view-argument > svg")

    def width() -> float:
        return float((svg.get_attribute("viewBox") or "").split()[2])

    whole = float((svg.get_attribute("data-viewbox") or "").split()[2])
    page.get_by_role("button", name="Fit").click()
    assert width() == pytest.approx(whole)
    assert page.locator("#am-zoom-level").text_content() == "100%"
    home = width()
    page.get_by_role("button", name="Zoom in").click()
    assert width() == pytest.approx(home / 1.25)
    assert page.locator("#am-zoom-level").text_content() == "125%"
    box = svg.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    limit = home / 1.25 - 1e-6
    wait_until(
        page, f"document.querySelector('#am-view-argument > svg').viewBox.baseVal.width < {limit}"
    )
    page.locator("#am-view-argument").focus()
    before = (svg.get_attribute("viewBox") or "").split()
    page.keyboard.press("ArrowRight")
    after = (svg.get_attribute("viewBox") or "").split()
    assert float(after[0]) > float(before[0]) and after[2] == before[2]
    page.get_by_role("button", name="Fit").click()
    assert width() == pytest.approx(home)


def test_drag_pans_without_selecting(seed_page: Loaded) -> None:
    page = seed_page.page
    svg = page.locator("#am-view-argument > svg")
    page.get_by_role("button", name="Zoom in").click()
    before = float((svg.get_attribute("viewBox") or "").split()[0])
    box = svg.bounding_box()
    assert box is not None
    x, y = box["x"] + 40, box["y"] + 40
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 10, steps=6)
    page.mouse.up()
    assert float((svg.get_attribute("viewBox") or "").split()[0]) < before
    assert page.locator("#am-panel").is_hidden()


def test_view_switch(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    if not (seed.causal_links() or seed.factors()):
        pytest.skip("the seed map has no causal view")
    page.get_by_role("button", name="Causal", exact=True).click()
    assert page.locator("#am-view-causal").is_visible()
    assert page.locator("#am-view-argument").is_hidden()
    assert (
        page.get_by_role("button", name="Causal", exact=True).get_attribute("aria-pressed")
        == "true"
    )


def test_print_hides_controls_and_shows_the_whole_map(seed_page: Loaded) -> None:
    page = seed_page.page
    page.get_by_role("button", name="Zoom in").click()
    svg = page.locator("#am-view-argument > svg")

    def box(name: str) -> list[float]:
        return [float(v) for v in (svg.get_attribute(name) or "").split()]

    zoomed = box("viewBox")
    page.emulate_media(media="print")
    wait_until(page, "document.querySelector('#am-view-argument').dataset.zoom === '1.000'")
    assert box("viewBox") == pytest.approx(box("data-viewbox"))
    assert page.locator("#am-search").is_hidden()
    assert page.locator(".am-tabs").is_hidden()
    assert page.locator("#am-view-argument > svg").is_visible()
    assert page.locator(".am-legend").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    wait_until(page, "document.querySelector('#am-view-argument').dataset.zoom !== '1.000'")
    assert box("viewBox") == pytest.approx(zoomed)  # back to where the reader was


def test_screenshot_of_the_seed_page_with_a_node_selected(
    seed_page: Loaded, seed: ArgumentMap, tmp_path: Path
) -> None:
    page = seed_page.page
    click_item(page, quoted_claim(seed))
    folder = Path(os.environ.get("ARGMAP_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "seed-selected.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")


# --------------------------------------------------------------------------- hostile input
def test_hostile_strings_show_as_text_and_run_nothing(browser: Browser) -> None:
    loaded = open_page(browser, to_html(hostile_map(), labelling={"c-script": "out"}))
    page = loaded.page
    ids = page.eval_on_selector_all(".am-item", "els => els.map(e => e.getAttribute('data-id'))")
    for view in ("argument", "causal", "speakers"):
        button = page.get_by_role("button", name=view.capitalize(), exact=True)
        if button.count():
            button.click()
            for item in page.locator(f"#am-view-{view} .am-item").all():
                item.focus()
                item.click(force=True)
    page.get_by_role("button", name="Argument", exact=True).click()
    click_item(page, "c-script")
    assert page.locator(".am-text").text_content() == HOSTILE_CLAIMS[0]
    assert HOSTILE_CLAIMS[0] in (page.locator(".am-quote").first.text_content() or "")
    assert HOSTILE_SPEAKER in (page.locator(".am-attributions").text_content() or "")
    click_item(page, "c-img")
    assert page.locator(".am-text").text_content() == HOSTILE_CLAIMS[1]
    page.fill("#am-search", "<img")
    assert page.locator("#am-view-argument .am-match").count() == 1
    page.get_by_role("checkbox", name=HOSTILE_SPEAKER).uncheck()
    assert page.title() == "<script>alert('title')</script>"
    # The source pane shows the source's hostile text as text, and its marks work.
    words = page.locator(".am-source-words").first.text_content() or ""
    assert "<img src=x onerror=alert(1)>" in words and "</script><script>alert(1)</script>" in words
    for mark in page.locator(".am-q").all():
        mark.click()
    assert page.locator("#am-panel").get_attribute("data-selected") in {"c-script", "c-img"}

    assert loaded.dialogs == []
    assert loaded.errors == []
    assert loaded.requests == [URL]
    assert loaded.violations() == []
    tags = set(page.eval_on_selector_all("*", "els => els.map(e => e.localName)"))
    assert tags <= EXPECTED_TAGS, tags - EXPECTED_TAGS
    handlers = page.eval_on_selector_all(
        "*", "els => els.flatMap(e => e.getAttributeNames().filter(n => n.startsWith('on')))"
    )
    assert handlers == []
    assert page.locator("script").count() == 2
    assert set(ids) >= {"c-script", "c-img", 'x"><svg/onload=alert(1)>'}
    page.close()


# --------------------------------------------------------------------------- issue 16
# What the page's script measures of its view: every text's size on screen and its box, and
# the pane's box, in screen pixels.
MEASURE = """pane => {
  const box = pane.getBoundingClientRect();
  const texts = Array.from(pane.querySelectorAll('svg text')).map(t => {
    const r = t.getBoundingClientRect();
    const item = t.closest('.am-item');
    return {
      px: parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a,
      left: r.left, right: r.right, top: r.top, bottom: r.bottom,
      id: item ? item.getAttribute('data-id') : null,
    };
  });
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, texts};
}"""


def main_component(m: ArgumentMap, drawn: set[str], data: dict[str, Any]) -> set[str]:
    """The largest weakly connected set of drawn items, joined by the page's links."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(drawn)
    for item in drawn:
        g.add_edges_from((item, end) for _, end in data["items"][item]["links"] if end in drawn)
    statements = set(m.statements) | set(m.agents)
    best: set[str] = max(nx.connected_components(g), key=lambda c: len(c & statements))
    return best


@pytest.fixture(scope="module")
def seed_html(seed: ArgumentMap) -> str:
    labelling: dict[str, Literal["in", "out"]] = dict.fromkeys(list(seed.statements)[:3], "in")
    labelling["blockade"] = "out"  # a factor: the page must not show it as judged
    return to_html(seed, labelling=labelling)


# The boxes of the drawn statements (nodes), by id, in screen pixels.
NODE_BOXES = """pane => Array.from(pane.querySelectorAll('.am-node')).map(n => {
  const r = n.getBoundingClientRect();
  return {id: n.getAttribute('data-id'), left: r.left, right: r.right};
})"""


def example_spines(m: ArgumentMap) -> dict[str, object]:
    """The spines the example's page shows: its headline chain and its friends dispute."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "petro_noem_spines", Path(__file__).resolve().parents[1] / "examples" / "petro_noem.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"argument": module.friends_dispute(m), "causal": module.headline_chain(m)}


def _spine_page(m: ArgumentMap, engine: str = "auto") -> str:
    """The page as the example writes it: acceptance, findings and each view's spine."""
    from argmap.semantics import grounded

    labelling = {key: str(value) for key, value in grounded(m).items()}
    spines = example_spines(m)
    return to_html(m, labelling=labelling, findings="auto", highlight=spines, engine=engine)


@pytest.fixture(scope="module")
def spine_html(seed: ArgumentMap) -> str:
    return _spine_page(seed)


@pytest.fixture(scope="module")
def spine_pure_html(seed: ArgumentMap) -> str:
    """The example's page laid out by graphviz-pure, the engine pip installs."""
    from argmap.errors import EngineNotFoundError
    from argmap.rendering.engine import find_engine

    try:
        find_engine("graphviz-pure")
    except EngineNotFoundError:
        pytest.skip("graphviz-pure is not installed (pip install 'argmap[render]')")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what the engine says on stderr is not this test's
        return _spine_page(seed, engine="graphviz-pure")


@pytest.mark.parametrize("which", ["plain", "spine", "spine-pure"])
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_the_page_opens_readable_on_the_main_component(
    browser: Browser,
    seed: ArgumentMap,
    seed_html: str,
    request: pytest.FixtureRequest,
    view: str,
    which: str,
) -> None:
    fixture = {"plain": "seed_html", "spine": "spine_html", "spine-pure": "spine_pure_html"}
    html: str = request.getfixturevalue(fixture[which])
    loaded = open_page(browser, html, height=900)
    page = loaded.page
    page.get_by_role("button", name=view.capitalize(), exact=True).click()
    found = page.eval_on_selector(f"#am-view-{view}", MEASURE)
    visible = [
        t
        for t in found["texts"]
        if t["right"] > found["left"]
        and t["left"] < found["right"]
        and t["bottom"] > found["top"]
        and t["top"] < found["bottom"]
    ]
    assert len(visible) >= 5
    smallest = min(t["px"] for t in visible)
    assert smallest >= 10, f"the smallest text on screen is {smallest:.1f} px"
    cut = [t for t in visible if t["left"] < found["left"] - 0.5]
    assert cut == [], "text cut off on the left"
    # The main component lies whole within the pane's width: its statements' boxes and texts.
    data = json.loads(page.locator("#am-data").text_content() or "{}")
    drawn = drawn_ids(page, view)
    main = main_component(seed, drawn, data)
    if view == "speakers":  # its agents join by no link of the page's: the drawing is its whole
        main = drawn
    boxes = [b for b in page.eval_on_selector(f"#am-view-{view}", NODE_BOXES) if b["id"] in main]
    boxes += [t for t in found["texts"] if t["id"] in main]
    assert len(boxes) >= 2
    left, right = min(b["left"] for b in boxes), max(b["right"] for b in boxes)
    assert left >= found["left"] - 0.5, (
        f"the main component starts {found['left'] - left:.0f} px left"
    )
    assert right <= found["right"] + 0.5, (
        f"the main component runs {right - found['right']:.0f} px right"
    )
    assert loaded.errors == []
    page.close()


def test_the_page_draws_each_views_spine(
    browser: Browser, seed: ArgumentMap, spine_html: str
) -> None:
    loaded = open_page(browser, spine_html, height=900)
    page = loaded.page
    page.get_by_role("button", name="Causal", exact=True).click()
    chain = example_spines(seed)["causal"]
    assert page.locator('.am-legend li[data-key="spine"]').is_visible(), "no legend row"
    strong = drawn_ids(page, "causal", ".am-node.spine")
    assert strong == set(chain.factors)  # type: ignore[attr-defined]
    assert drawn_ids(page, "causal", ".am-edge.spine"), "the chain's links are not drawn strong"
    assert drawn_ids(page, "causal", ".quiet") & drawn_ids(page, "causal", ".am-node") >= (
        drawn_ids(page, "causal", ".am-node") - strong
    )
    # A click still lights the clicked statement's chain and dims what lies off it.
    off = sorted(drawn_ids(page, "causal", ".am-node") - strong)
    click_item(page, off[0], "causal")
    assert drawn_ids(page, "causal", ".am-far"), "a click on a quiet statement dimmed nothing"
    assert off[0] not in drawn_ids(page, "causal", ".am-far")
    page.keyboard.press("Escape")
    assert page.locator(".am-far").count() == 0
    page.get_by_role("button", name="Argument", exact=True).click()
    assert drawn_ids(page, "argument", ".am-node.spine") == set(
        example_spines(seed)["argument"]
    ) & drawn_ids(page, "argument", ".am-node")  # type: ignore[arg-type]
    assert loaded.errors == []
    page.close()


def test_the_source_pane_round_trip(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    assert page.locator("#am-source").is_visible()
    drawn = drawn_ids(page, "argument")
    quoted = [
        a.target
        for a in seed.attributions
        if a.quote is not None and a.target in drawn and a.target in seed.statements
    ]
    first, second = quoted[0], next(q for q in quoted if q != quoted[0])
    # highlight -> statement
    mark = page.locator(".am-q").filter(has_text=_quote_of(seed, first)).first
    mark.click()
    assert page.locator("#am-panel").get_attribute("data-selected") == first
    assert "am-selected" in (item_in(page, first).get_attribute("class") or "")
    # statement -> highlight: scrolled into the pane and marked
    click_item(page, second)
    current = page.locator(".am-q.am-q-current")
    assert current.count() >= 1
    text = "".join(current.all_text_contents())
    assert _quote_of(seed, second) in text or text in _quote_of(seed, second)
    inside = page.eval_on_selector(
        ".am-q.am-q-current",
        """m => { const p = document.getElementById('am-source-body').getBoundingClientRect();
                 const r = m.getBoundingClientRect();
                 return r.top >= p.top && r.bottom <= p.bottom; }""",
    )
    assert inside, "the statement's quote was not scrolled into view"
    # ... and back: its highlight selects it again
    current.first.click()
    assert page.locator("#am-panel").get_attribute("data-selected") == second
    page.keyboard.press("Escape")
    assert page.locator(".am-q.am-q-current").count() == 0


def _quote_of(m: ArgumentMap, target: str) -> str:
    return next(a.quote.text for a in m.attributions_of(target) if a.quote is not None)


def test_a_click_lights_a_causal_chain(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    page.get_by_role("button", name="Causal", exact=True).click()
    click_item(page, "emigration", "causal")
    far = drawn_ids(page, "causal", ".am-far")
    lit = drawn_ids(page, "causal") - far
    # The headline chain (the longest from the blockade to the gang that reads no factor as
    # its opposite) runs through emigration: its causes and effects stay lit.
    headline = max(
        (c for c in causal_chains(seed, "blockade", "gang") if not c.flips),
        key=lambda c: len(c.steps),
    )
    assert "emigration" in headline.factors
    assert set(headline.factors) <= lit
    assert far, "nothing outside the chain was dimmed"
    downstream = {"emigration"}
    upstream = {"emigration"}
    for _ in range(len(seed.statements)):
        for link in seed.causal_links():
            if link.cause in downstream:
                downstream.add(link.effect)
            if link.effect in upstream:
                upstream.add(link.cause)
    assert lit & set(seed.statements) == (downstream | upstream) & drawn_ids(page, "causal")
    page.keyboard.press("Escape")
    assert page.locator(".am-far").count() == 0


def test_a_click_lights_a_statements_neighbours(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    sid = "friends" if "friends" in seed.statements else quoted_claim(seed)
    click_item(page, sid)
    lit = drawn_ids(page, "argument") - drawn_ids(page, "argument", ".am-far")
    near = {sid}
    for rid in seed.relations:
        ends = set(_ends(seed, rid))
        if sid in ends:
            near |= ends | {rid}
    drawn = drawn_ids(page, "argument")
    assert near & drawn <= lit
    assert lit & set(seed.statements) <= near


def test_factors_show_no_acceptance(browser: Browser, seed_html: str) -> None:
    loaded = open_page(browser, seed_html, height=900)
    page = loaded.page
    page.get_by_role("button", name="Causal", exact=True).click()
    click_item(page, "blockade", "causal")
    assert page.locator("#am-panel").get_attribute("data-selected") == "blockade"
    assert "Acceptance" not in (page.locator("#am-panel").text_content() or "")
    assert page.locator("#am-view-causal .label-out").count() == 0
    page.close()


def test_denies_is_a_tag_not_a_wavy_line(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    denied = next(a.target for a in seed.attributions if a.stance == "denies")
    view = "argument" if denied in drawn_ids(page, "argument") else "causal"
    if view == "causal":
        page.get_by_role("button", name="Causal", exact=True).click()
    click_item(page, denied, view)
    tag = page.locator(".am-stance-denies .am-stance").first
    assert tag.text_content() == "denies"
    look = tag.evaluate(
        "e => { const s = getComputedStyle(e);"
        " const w = getComputedStyle(e.parentNode.querySelector('strong'));"
        " return [s.textDecorationStyle, w.textDecorationStyle, s.borderTopStyle]; }"
    )
    assert "wavy" not in look[:2] and look[2] == "solid"


def test_the_source_pane_folds_to_give_the_legend_room(seed_page: Loaded) -> None:
    page = seed_page.page
    toggle = page.locator("#am-source-toggle")
    legend_bottom = page.locator(".am-legend").bounding_box()
    top = page.locator(".am-side-top").bounding_box()
    assert legend_bottom is not None and top is not None
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#am-source-body").is_hidden()
    wider = page.locator(".am-side-top").bounding_box()
    assert wider is not None and wider["height"] > top["height"] + 100
    toggle.click()
    assert page.locator("#am-source-body").is_visible()


def test_a_small_map_opens_whole(browser: Browser) -> None:
    m = ArgumentMap()
    a, b = m.claim("A small claim", id="a"), m.claim("Its support", id="b")
    m.support(b, a)
    loaded = open_page(browser, to_html(m), height=900)
    page = loaded.page
    # The whole drawing fits with readable text: the page opens at "Fit", nothing hidden.
    assert page.locator("#am-zoom-level").text_content() == "100%"
    svg = page.locator("#am-view-argument > svg")
    assert svg.get_attribute("viewBox") == svg.get_attribute("data-viewbox")
    page.close()


def test_one_click_on_a_speaker_opens_their_statements(
    seed_page: Loaded, seed: ArgumentMap
) -> None:
    """Issue 16, item 4: in the speakers view (who answers whom) a click on an agent opens
    what it says, and the agents it answers or is answered by stay lit."""
    from argmap.graph import to_networkx

    page = seed_page.page
    page.get_by_role("button", name="Speakers", exact=True).click()
    agents = drawn_ids(page, "speakers")
    assert agents and agents <= set(seed.agents)  # the whole map's speakers view: agents only
    aid = "petro" if "petro" in agents else sorted(agents)[0]
    click_item(page, aid, "speakers")
    panel = page.locator("#am-panel")
    assert panel.get_attribute("data-selected") == aid
    headings = [h.strip().lower() for h in panel.locator("h3").all_text_contents()]
    assert "says" in headings
    if "findings" in headings:
        assert headings.index("says") < headings.index("findings")
    theirs = {a.target for a in seed.attributions if aid in (a.agent, a.reported_by)}
    listed: set[str] = set(
        panel.locator(".am-links .am-link").evaluate_all("els => els.map(e => e.amTarget)")
    )
    assert theirs and theirs <= listed
    graph = to_networkx(seed, graph="agents")
    partners = set(graph.successors(aid)) | set(graph.predecessors(aid))
    lit = agents - drawn_ids(page, "speakers", ".am-far")
    assert lit == ({aid} | partners) & agents
