"""The HTML page without a browser: escaping, the JSON payload, the CSP, nothing external."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, UnknownIdError
from argmap.errors import RenderError, ViewError
from argmap.model import Quote
from argmap.rendering._safe_svg import clean_svg
from argmap.rendering.html import to_html, write_html
from argmap.rendering.select import select
from tests.html_maps import HOSTILE_CLAIMS, HOSTILE_SPEAKER, hostile_map
from tests.render_maps import seed_slice

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="am-data">(?P<data>.*?)</script>', re.S
)


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def payload(page: str) -> dict[str, object]:
    found = DATA_BLOCK.search(page)
    assert found is not None
    data: dict[str, object] = json.loads(found["data"])
    return data


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return to_html(hostile_map(), labelling={"c-script": "out", "c-img": "in"})


def test_hostile_strings_never_appear_raw(hostile_page: str) -> None:
    for text in (*HOSTILE_CLAIMS, HOSTILE_SPEAKER, "<iframe", "<b onmouseover"):
        assert text not in hostile_page
    assert hostile_page.count("<script") == 2
    assert hostile_page.count("</script>") == 2


def test_hostile_page_has_only_the_elements_argmap_writes(hostile_page: str) -> None:
    parsed = elements(hostile_page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"img", "iframe", "object", "embed", "image", "foreignobject", "a", "base"}
    for tag, attrs in parsed.tags:
        for name in attrs:
            assert not name.startswith("on"), (tag, name)
            if (tag, name) == ("link", "href"):
                assert attrs[name] == "data:,"  # the empty favicon that stops a request for one
                continue
            assert name not in ("href", "src", "xlink:href", "action", "style"), (tag, name)
    assert [tag for tag, _ in parsed.tags].count("script") == 2


def test_payload_round_trips_hostile_strings(hostile_page: str) -> None:
    data = payload(hostile_page)
    items = data["items"]
    assert isinstance(items, dict)
    assert items["c-script"]["text"] == HOSTILE_CLAIMS[0]
    assert items["c-img"]["text"] == HOSTILE_CLAIMS[1]
    assert data["agents"] == {
        "bad": {
            "name": HOSTILE_SPEAKER,
            "role": "<b onmouseover=alert(1)>role</b>",
            "colour": "#0072B2",
        }
    }
    quote = items["c-script"]["attributions"][0]["quote"]
    assert quote["text"] == HOSTILE_CLAIMS[0]
    assert items["c-script"]["status"] == "out"
    raw = DATA_BLOCK.search(hostile_page)
    assert raw is not None
    assert not set("<>&") & set(raw["data"])


def test_title_is_escaped(hostile_page: str) -> None:
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</title>" in hostile_page


def test_svg_text_shows_the_claims_as_text(hostile_page: str) -> None:
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_page
    assert 'data-id="x&quot;&gt;&lt;svg/onload=alert(1)&gt;"' in hostile_page


def test_csp_forbids_the_network_and_hashes_the_inline_code(hostile_page: str) -> None:
    parsed = elements(hostile_page)
    metas = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1
    policy = metas[0]["content"] or ""
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy
    code = [s for s, (_, a) in zip(parsed.scripts, _script_tags(parsed), strict=True) if not a]
    assert len(code) == 1 and len(parsed.styles) == 1
    assert directives["script-src"] == _sha(code[0])
    assert directives["style-src"] == _sha(parsed.styles[0])
    # The policy comes before anything it governs.
    assert hostile_page.index("Content-Security-Policy") < hostile_page.index("<style>")


def _script_tags(parsed: _Elements) -> list[tuple[str, str | None]]:
    return [(t, a.get("type")) for t, a in parsed.tags if t == "script"]


def _sha(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def test_no_external_urls() -> None:
    page = to_html(seed_slice())
    allowed = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")
    urls = [u for u in re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>)]*", page) if u not in allowed]
    assert urls == []
    for _, attrs in elements(page).tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (name, value)
    for needle in ("url(http", "@import", "fetch(", "XMLHttpRequest", "innerHTML", "eval("):
        assert needle not in page


def test_seed_page_holds_its_views_quotes_and_speakers() -> None:
    m = seed_slice()
    page = to_html(m, view="causal")
    data = payload(page)
    items = data["items"]
    assert isinstance(items, dict)
    assert set(m.statements) | set(m.relations) | set(m.agents) == set(items)
    panes = re.findall(r'<div class="am-view" id="am-view-(\w+)"[^>]*?( hidden)?>', page)
    assert panes == [("argument", " hidden"), ("causal", ""), ("speakers", " hidden")]
    friends = items["friends"]
    assert [(a["agent"], a["stance"], a["reported_by"]) for a in friends["attributions"]] == [
        ("petro", "asserts", "noem"),
        ("petro", "denies", None),
    ]
    quote = friends["attributions"][0]["quote"]
    article = m.sources["article"].text or ""
    assert article[quote["start"] : quote["end"]] == quote["text"] == "were his friends"
    assert ["rebut by", "a2"] in friends["links"]
    assert items["a2"]["links"] == [["attacker", "never"], ["target", "friends"]]
    assert items["a2"]["text"].startswith("“Petro has never met a cartel member” rebuts “Some")
    # Every statement drawn in the argument view is reachable by keyboard.
    for sid in m.statements:
        if re.search(rf'data-id="{re.escape(sid)}" tabindex="0" role="button"', page) is None:
            pytest.fail(f"{sid} has no focusable element")


@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_every_drawn_item_is_clickable(view: str) -> None:
    m = seed_slice()
    page = to_html(m, views=[view])
    pane = re.search(rf'<div class="am-view" id="am-view-{view}".*?</svg></div>', page, re.S)
    assert pane is not None
    clickable = set(re.findall(r'data-id="([^"]+)"', pane[0]))
    sel = select(m, view)
    expected = set(sel.statements) | set(sel.relations)
    if view == "speakers":
        # Who answers whom: the agents are what the whole-map speakers view draws.
        expected = {a.agent for a in m.attributions if a.agent} | {
            a.reported_by for a in m.attributions if a.reported_by
        }
    assert clickable == expected


def test_views_default_to_what_the_map_holds() -> None:
    m = ArgumentMap()
    m.claim("A")
    page = to_html(m)
    assert re.findall(r'data-view-button="(\w+)"', page) == ["argument"]
    with pytest.raises(ViewError, match="unknown view 'tree'"):
        to_html(m, view="tree")


def test_labelling_is_checked() -> None:
    m = ArgumentMap()
    m.claim("A", id="a")
    with pytest.raises(UnknownIdError, match="'b'"):
        to_html(m, labelling={"b": "in"})
    with pytest.raises(ViewError, match="expected 'in', 'out' or 'undec'"):
        to_html(m, labelling={"a": "yes"})  # type: ignore[dict-item]
    page = to_html(m, labelling={"a": "in"})
    assert "label-in" in page  # the renderer's overlay
    items = payload(page)["items"]
    assert isinstance(items, dict) and items["a"]["status"] == "in"


@dataclass(frozen=True)
class _Finding:
    code: str
    name: str
    severity: str
    message: str
    ids: tuple[str, ...]


def test_findings_are_shown_on_the_items_they_name() -> None:
    m = ArgumentMap()
    m.claim("A", id="a")
    m.claim("B", id="b")
    found = [_Finding("AM201", "no-source", "warning", "<no> quote", ("a",))]
    data = payload(to_html(m, findings=found))
    assert data["findings"] == [
        {
            "code": "AM201",
            "name": "no-source",
            "severity": "warning",
            "message": "<no> quote",
            "ids": ["a"],
        }
    ]
    items = data["items"]
    assert isinstance(items, dict)
    assert items["a"]["findings"] == [0] and items["b"]["findings"] == []


def test_write_html_to_a_path_and_to_a_file(tmp_path: Path) -> None:
    m = seed_slice()
    target = tmp_path / "map.html"
    write_html(m, target, title="Seed")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>Seed</title>" in text
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary left behind
    buffer = io.StringIO()
    write_html(m, buffer, title="Seed")
    assert buffer.getvalue() == text


# --------------------------------------------------------------------------- the SVG pass
_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10" width="10pt" height="10pt">{}</svg>'
)


def _clean(inner: str) -> str:
    return clean_svg(
        _SVG.format(inner),
        prefix="v0-",
        item_of=lambda i, classes: i if i.startswith("c") else None,
        label_of=lambda i: f"claim {i}",
    ).markup


def test_clean_svg_drops_what_could_run_or_load() -> None:
    out = _clean(
        '<script>alert(1)</script><g id="c1" class="node" onclick="alert(1)" style="fill:red">'
        '<image href="http://x/y.png"/><foreignObject><div>x</div></foreignObject>'
        '<a xlink:href="javascript:alert(1)" xlink:title="said &lt;b&gt;"><path d="M0 0" '
        'fill="url(http://x/#g)" stroke="url(#grad)"/></a></g>'
    )
    for gone in ("script", "onclick", "image", "foreignObject", "javascript", "http://x", "<a"):
        assert gone not in out
    assert 'stroke="url(#v0-grad)"' in out and 'fill="red"' in out
    assert "<title>said &lt;b&gt;</title>" in out
    assert 'data-id="c1"' in out and 'id="v0-c1"' in out


def test_clean_svg_refuses_entities() -> None:
    doc = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(RenderError, match="entities"):
        clean_svg(doc, prefix="", item_of=lambda i, c: None, label_of=str)


def test_clean_svg_gives_edges_a_wide_hit_area() -> None:
    out = _clean('<g id="c9" class="edge"><path d="M1 1L5 5" stroke="red"/></g>')
    assert out.index('class="am-hit"') < out.index('stroke="red"')
    assert 'class="edge am-item am-edge"' in out


@settings(max_examples=200)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1))
def test_any_claim_text_stays_text(text: str) -> None:
    m = ArgumentMap()
    m.claim(text, id="c1")
    page = to_html(m, views=["argument"])
    assert page.count("<script") == 2 and page.count("</script") == 2
    data = payload(page)
    items = data["items"]
    assert isinstance(items, dict)
    assert items["c1"]["text"] == text
    tags = {tag for tag, _ in elements(page).tags}
    allowed_html = {"html", "head", "meta", "title", "link", "style", "body", "header", "h1",
                    "div", "label", "input", "span", "nav", "button", "output", "main",
                    "section", "aside", "h2", "ul", "li", "p", "script", "svg", "g", "path",
                    "polygon", "ellipse", "text", "rect", "line"}  # fmt: skip
    assert tags <= allowed_html, tags - allowed_html


def test_a_focus_leaves_out_the_views_that_cannot_show_it() -> None:
    m = seed_slice()
    page = to_html(m, focus="friends")
    assert re.findall(r'data-view-button="(\w+)"', page) == ["argument", "speakers"]
    with pytest.raises(ViewError, match="not drawn in this view"):
        to_html(m, view="causal", focus="friends")


def test_cli_renders_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap import write_json
    from argmap.cli import main

    source = tmp_path / "seed.json"
    write_json(seed_slice(), source)
    out = tmp_path / "seed.html"
    assert main(["render", str(source), "-o", str(out), "--view", "causal", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'id="am-view-causal" data-view="causal" tabindex="0"' in page
    assert 'data-view-button="causal" aria-pressed="true"' in page
    assert main(["render", str(source), "-o", "-", "--to", "html"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("<!DOCTYPE html>")
    # Without the system Graphviz, graphviz-pure may warn that it estimated label widths.
    assert all(line.startswith("argmap: warning:") for line in captured.err.splitlines())


# --------------------------------------------------------------------------- dense maps
def _complete(n: int) -> ArgumentMap:
    m = ArgumentMap(title=f"complete {n}")
    factors = [m.factor(f"Factor {i}", id=f"f{i}") for i in range(n)]
    for a in factors:
        for b in factors:
            if a is not b:
                m.causes(a, b)
    return m


def test_a_view_with_too_many_links_says_so_instead_of_a_layout() -> None:
    m = _complete(8)  # 56 links
    page = to_html(m, view="causal", max_links=50)
    assert "The causal view has 56 links, more than max_links=50 allows" in page
    assert 'data-id="l1"' not in page  # nothing of the drawing: no clickable link
    payload = json.loads(
        re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)[1]  # type: ignore[index]
    )
    assert {f"l{i}" for i in range(1, 57)} <= set(payload["items"])  # the panel holds them all


def test_a_view_within_max_links_is_drawn() -> None:
    m = _complete(3)  # 6 links
    page = to_html(m, view="causal", max_links=6)
    assert "more than max_links" not in page
    assert 'data-id="l1"' in page


def test_a_view_too_large_to_draw_still_checks_its_options() -> None:
    m = _complete(4)
    with pytest.raises(ViewError, match="labelling"):
        to_html(m, view="causal", max_links=1, labelling={"f1": "maybe"})
    with pytest.raises(UnknownIdError):
        to_html(m, view="causal", max_links=1, labelling={"nope": "in"})
    with pytest.raises(TypeError):
        to_html(m, view="causal", max_links=1, no_such_option=True)


# --------------------------------------------------------------------------- issue 16: the page
def _legend_keys_in(page: str, view: str) -> set[str]:
    rows = re.findall(r'<li data-views="([^"]*)" data-key="([^"]*)">', page)
    return {key for views, key in rows if view in views.split()}


def test_the_legend_explains_every_mark_the_seed_draws() -> None:
    from tests.html_maps import seed_map

    m = seed_map()
    page = to_html(m)
    argument, causal = _legend_keys_in(page, "argument"), _legend_keys_in(page, "causal")
    drawn = select(m, "argument")
    sorts = {
        m.relations[r].sort  # type: ignore[union-attr]
        for r in drawn.relations
        if m.relations[r].kind == "attack"
    }
    assert sorts and sorts <= argument  # each attack sort drawn has its row
    assert {"claim", "support", "reported"} <= argument
    links = m.causal_links()
    assert any(r.delay for r in links) and "delay" in causal
    modalities = {f"modality-{r.modality}" for r in links if r.modality != "actual"}
    assert modalities and modalities <= causal
    assert any(m.opposite_of(f.id) for f in m.factors()) and "opposite" in causal
    if any(r.reconstructed for r in links):
        assert "relation-reconstructed" in causal
    assert "factor" in causal and "claim" not in causal  # only what the view draws
    # The argument view draws a causal link as a note evidence backs or attacks, not as a line.
    assert any(m.relations[r].kind == "causal" for r in drawn.relations)
    assert "link-node" in argument and not {"causal+", "causal-"} & argument


def test_the_legend_leaves_out_what_is_absent() -> None:
    m = ArgumentMap()
    a, b = m.claim("A", id="a"), m.claim("B", id="b")
    m.rebut(b, a)
    keys = _legend_keys_in(to_html(m), "argument")
    assert keys == {"claim", "rebut"}


def test_factors_and_causal_links_get_no_acceptance() -> None:
    m = ArgumentMap()
    a = m.claim("A", id="a")
    f, g = m.factor("rain", id="f"), m.factor("wet", id="g")
    m.causes(f, g, id="l")
    page = to_html(m, labelling={"a": "in", "f": "in", "g": "out", "l": "undec"})
    items = payload(page)["items"]
    assert isinstance(items, dict)
    assert items["a"]["status"] == "in"
    assert [items[i]["status"] for i in ("f", "g", "l")] == [None, None, None]
    causal = re.search(r'id="am-view-causal".*?</svg>', page, re.S)
    assert causal is not None and "label-" not in causal[0]  # no overlay on the drawing either
    assert _legend_keys_in(page, "causal") & {"in", "out", "undec"} == set()
    assert "in" in _legend_keys_in(page, "argument")
    with pytest.raises(UnknownIdError):  # the whole labelling is still checked
        to_html(m, labelling={"f": "in", "nope": "in"})
    del a


def test_denies_is_not_drawn_as_a_spelling_mark() -> None:
    page = to_html(seed_slice())
    css = elements(page).styles[0]
    assert re.search(r"text-decoration[^;}]*wavy", css) is None
    assert ".am-stance-denies .am-stance" in css  # a tag of its own, boxed and marked


def test_source_texts_cover_every_quote_of_the_seed() -> None:
    from tests.html_maps import seed_map

    m = seed_map()
    data = payload(to_html(m))
    texts = data["texts"]
    assert isinstance(texts, list)
    assert {t["source"] for t in texts} == {s for s, src in m.sources.items() if src.text}
    for t in texts:
        source = m.sources[t["source"]]
        assert "".join(run[0] for run in t["runs"]) == source.text
        at, covered = 0, {}  # quote number -> (start, end) of the runs it covers
        for words, quotes in t["runs"]:
            for n in quotes:
                start, _ = covered.get(n, (at, at))
                covered[n] = (start, at + len(words))
            at += len(words)
        spans = [
            (a.target, a.quote.start, a.quote.end)
            for a in m.attributions
            if a.quote is not None and a.quote.source == t["source"]
        ]
        assert sorted((t["quotes"][n][0], *covered[n]) for n in covered) == sorted(spans)


@settings(max_examples=60)
@given(
    st.text(min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), min_size=1, max_size=6),
)
def test_source_runs_mark_exactly_the_quoted_spans(text: str, spans: list[tuple[int, int]]) -> None:
    m = ArgumentMap()
    m.source("S", id="s", text=text)
    wanted: dict[str, tuple[int, int]] = {}
    for i, (start, length) in enumerate(spans):
        start = min(start, len(text) - 1)
        end = min(start + length, len(text))
        cid = f"c{i}"
        quote = Quote(source="s", text=text[start:end], start=start, end=end)
        m.claim(f"claim {i}", id=cid, quote=quote)
        wanted[cid] = (start, end)
    from argmap.rendering.html import _source_texts

    (only,) = _source_texts(m)
    assert "".join(run[0] for run in only["runs"]) == text
    at: int = 0
    for words, quotes in only["runs"]:
        inside = {only["quotes"][n][0] for n in quotes}
        expected = {c for c, (a, b) in wanted.items() if a <= at and at + len(words) <= b}
        assert inside == expected
        at += len(words)


def test_a_quote_that_is_not_in_its_source_is_not_marked() -> None:
    from argmap.rendering.html import _source_texts

    m = ArgumentMap()
    m.source("S", id="s", text="abc def")
    m.claim("A", id="a", quote=Quote(source="s", text="xyz", start=0, end=3))
    assert _source_texts(m) == []


@pytest.mark.parametrize(
    "hostile",
    [
        "</script><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"'><svg onload=alert(1)>",
        "</textarea></style><!--",
        "&lt;b&gt; &amp; \u2028\u2029",
    ],
)
def test_source_text_and_quotes_are_escaped(hostile: str) -> None:
    m = ArgumentMap(title=hostile)
    src = m.source(hostile, id="s", text=f"before {hostile} after")
    who = m.agent(hostile, id="w")
    m.claim(hostile, id="c", by=who, quote=m.quote(src, hostile))
    page = to_html(m)
    raw = DATA_BLOCK.search(page)
    assert raw is not None and not set("<>&") & set(raw["data"])
    if "<" in hostile:
        assert hostile not in page
    data = payload(page)
    texts = data["texts"]
    assert isinstance(texts, list)
    assert texts[0]["title"] == hostile
    assert [run[0] for run in texts[0]["runs"]] == ["before ", hostile, " after"]
    assert [tag for tag, _ in elements(page).tags].count("script") == 2


def _legend_rows(page: str) -> dict[str, tuple[str, str]]:
    """Each legend row's key -> (swatch markup, words)."""
    rows = re.findall(
        r'<li data-views="[^"]*" data-key="([^"]*)"><svg [^>]*>(.*?)</svg> <span>([^<]*)</span>',
        page,
    )
    return {key: (swatch, html_unescape(words)) for key, swatch, words in rows}


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_the_page_legend_speaks_the_svg_legend_words_and_draws_each_attack_apart() -> None:
    from argmap.rendering import style

    m = ArgumentMap()
    a, b, c, d = (m.claim(x, id=x.lower()) for x in "ABCD")
    sup = m.support([b], a, id="s")
    m.rebut(c, a, id="r")
    m.undermine(d, b, id="u")
    m.undercut(c, sup, id="x")
    m.contradict(c, d, id="k")
    m.support([d], c, id="rs", reconstructed=True)
    rows = _legend_rows(to_html(m))
    sorts = ("rebut", "undermine", "undercut", "contradict")
    assert set(sorts) | {"support", "relation-reconstructed"} <= set(rows)
    for key, (_, words) in rows.items():
        assert words == style.LEGEND_TEXT[key].replace("\\n", " ")
    swatches = {rows[s][0] for s in sorts}
    assert len(swatches) == len(sorts)  # four heads, apart without colour too
    assert "<rect" in rows["undermine"][0] and "<circle" in rows["undercut"][0]
    assert rows["contradict"][0].count("<line") == 3  # the line and a bar at each end
    hollow, _ = rows["relation-reconstructed"]
    assert style.RECONSTRUCTED_COLOUR in hollow and "stroke-dasharray" in hollow
    assert 'fill="#fff"' in hollow  # a hollow head


def test_the_page_colours_speakers_as_the_svg_does() -> None:
    from argmap.rendering import style
    from tests.html_maps import seed_map

    m = seed_map()
    agents = payload(to_html(m, views=["argument"]))["agents"]
    assert isinstance(agents, dict)
    colours = {aid: agent["colour"] for aid, agent in agents.items()}
    assert colours == style.speaker_colours(m)
    assert style.NARRATOR_COLOUR in colours.values()  # the article's own voice is grey


def test_the_speakers_legend_names_the_exchanges_it_draws() -> None:
    m = ArgumentMap()
    p, n = m.agent("P", id="p"), m.agent("N", id="n")
    a = m.claim("A", id="a", by=n)
    m.rebut(m.claim("B", id="b", by=p), a, id="r")
    keys = _legend_keys_in(to_html(m, view="speakers"), "speakers")
    assert keys == {"agents-attacks"}
    items = payload(to_html(m, view="speakers"))["items"]
    assert isinstance(items, dict)
    assert items["p"]["answers"] == ["n"] and items["n"]["answers"] == ["p"]
