"""The HTML page in a real browser: Debian's chromium driven by Python's playwright.

Each page is served from a made-up origin by playwright's router, which also records and refuses
every other request, so a test sees any request the page tries to make. An init script (which the
page's CSP does not govern) collects CSP violations and DOM insertions for the tests to read.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from argmap import ArgumentMap, Support
from argmap.rendering.html import to_html
from argmap.rendering.select import select
from tests.html_maps import HOSTILE_CLAIMS, HOSTILE_SPEAKER, hostile_map, seed_map

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
    pytest.skip(
        f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

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
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def open_page(browser: Browser, html: str) -> Loaded:
    page = browser.new_page(viewport={"width": 1400, "height": 850})
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
    count = len(expected)
    assert page.locator("#am-search-count").text_content() == (
        f"{count} match" if count == 1 else f"{count} matches"
    )
    page.fill("#am-search", "")
    assert page.locator(".am-match, .am-nomatch").count() == 0


def test_speaker_toggle_mutes_their_statements(seed_page: Loaded, seed: ArgumentMap) -> None:
    page = seed_page.page
    agent = next(iter(seed.agents.values()))
    only_theirs = [
        sid
        for sid in seed.statements
        if {a for att in seed.attributions_of(sid) for a in (att.agent, att.reported_by) if a}
        == {agent.id}
    ]
    assert only_theirs
    box = page.get_by_role("checkbox", name=agent.name)
    box.uncheck()
    muted = page.eval_on_selector_all(
        "#am-view-argument .am-muted", "els => els.map(e => e.getAttribute('data-id'))"
    )
    drawn = page.eval_on_selector_all(
        "#am-view-argument .am-item", "els => els.map(e => e.getAttribute('data-id'))"
    )
    assert set(only_theirs) & set(drawn) <= set(muted)
    assert set(muted) <= set(only_theirs) | set(seed.relations)
    box.check()
    assert page.locator(".am-muted").count() == 0


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
