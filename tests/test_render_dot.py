"""to_dot: the DOT of each view, its look, its ids, selections, the size limit. Runs no engine."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgumentMap, UnknownIdError
from argmap.render import MapTooLargeError, ViewError, css_token, select, to_dot
from argmap.render.loops import feedback_loops
from argmap.render.style import PALETTE, tint
from argmap.render.text import dot_text, wrap
from tests.render_maps import seed_slice, tiny

GOLDEN = Path(__file__).parent / "golden"
# Generated DOT names: statements n0.., junctions and relation nodes r0.., agents a0.., loop
# markers p0.., legend entries L0..; no user text is ever one.
NAME = re.compile(r"^(n|r|a|p|L)\d+$")
NODE_LINE = re.compile(r"^\t+(\S+) \[")
EDGE_LINE = re.compile(r"^\t+(\S+) -> (\S+)")


def names_in(source: str) -> set[str]:
    names: set[str] = set()
    for line in source.splitlines():
        edge = EDGE_LINE.match(line)
        if edge:
            names.update(edge.groups())
            continue
        node = NODE_LINE.match(line)
        if node and node.group(1) not in ("graph", "node", "edge"):
            names.add(node.group(1))
    return names


def line_of(source: str, svg_id: str) -> str:
    """The DOT statement whose SVG id is ``svg_id``."""
    for line in source.splitlines():
        if f'id="{svg_id}"' in line or f"id={svg_id} " in line or line.endswith(f"id={svg_id}]"):
            return line
    raise AssertionError(f"no statement with id {svg_id!r} in\n{source}")


# --------------------------------------------------------------------------- golden files
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_dot_matches_golden_file(view: str) -> None:
    source = to_dot(seed_slice(), view=view).source
    golden = GOLDEN / f"seed_slice_{view}.dot"
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        golden.write_text(source, encoding="utf-8")
    assert source == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is wanted, rerun with ARGMAP_UPDATE_GOLDEN=1"
    )


def test_dot_is_the_same_from_run_to_run() -> None:
    assert to_dot(seed_slice(), view="causal").source == to_dot(seed_slice(), view="causal").source


# --------------------------------------------------------------------------- ids and names
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_every_dot_name_is_generated(view: str) -> None:
    names = names_in(to_dot(seed_slice(), view=view, cluster_by="speaker").source)
    assert names, "the parser found no node"
    assert all(NAME.match(n) for n in names), sorted(n for n in names if not NAME.match(n))


def test_svg_ids_and_classes_name_statements_and_relations() -> None:
    source = to_dot(seed_slice()).source
    never = line_of(source, "stmt-never")
    assert 'class="stmt claim speaker-petro"' in never
    rebut = line_of(source, "rel-a2")
    assert 'class="rel attack rebut"' in rebut
    # A linked support: a junction node carries the relation id, its edges the parts.
    assert "junction" in line_of(source, "rel-s1")
    for part in ("rel-s1-p1", "rel-s1-p2", "rel-s1-to"):
        assert "rel support rel-s1" in line_of(source, part)


def test_user_ids_are_escaped_in_svg_ids_and_encoded_in_classes() -> None:
    m = ArgumentMap()
    odd = m.agent("Odd", id='a"b\\N&lt;')
    m.claim("x", id='c"1\\G', by=odd)
    source = to_dot(m, legend=False).source
    assert r'id="stmt-c\"1\\G"' in source
    assert f"speaker-{css_token(odd.id)}" in source
    assert re.fullmatch(r"[A-Za-z0-9_-]+", css_token(odd.id))


@given(st.text(min_size=1))
def test_css_token_is_reversible(identifier: str) -> None:
    token = css_token(identifier)
    assert re.fullmatch(r"[A-Za-z0-9_-]*", token)
    decoded = re.sub(r"_([0-9a-f]+)_", lambda g: chr(int(g.group(1), 16)), token)
    assert decoded == identifier


# --------------------------------------------------------------------------- argument view
def test_argument_view_look() -> None:
    source = to_dot(seed_slice(), view="argument").source
    assert "rankdir=BT" in source
    assert 'color="#2E7D32"' in line_of(source, "rel-s1-to")  # support green
    rebut = line_of(source, "rel-a2")
    assert "arrowhead=tee" in rebut and 'color="#C62828"' in rebut
    contradict = line_of(source, "rel-a1")
    assert "dir=both" in contradict and "arrowtail=tee" in contradict
    undercut = line_of(source, "rel-a3")
    assert 'color="#6A1B9A"' in undercut
    # The undercut points at the junction of the support it attacks.
    junction = NODE_LINE.match(line_of(source, "rel-fumigation-ends"))
    assert junction is not None
    assert EDGE_LINE.match(undercut).group(2) == junction.group(1)  # type: ignore[union-attr]
    # Causal links and factors stay out of the argument view.
    assert "stmt-blockade" not in source and "rel causal" not in source


def test_labels_wrap_near_the_width_and_name_the_speaker() -> None:
    source = to_dot(seed_slice(), wrap=30).source
    label = re.search(r'label="([^"]*)"', line_of(source, "stmt-colombia"))
    assert label is not None
    lines = label.group(1).split("\\n")
    assert lines[-1] == "— Gustavo Petro"
    assert all(len(line) <= 30 for line in lines)
    assert " ".join(lines[:-1]) == "Inclusion of Colombian youth reduced violence in Colombia"


def test_tooltips_carry_quote_speaker_source_and_span() -> None:
    m = seed_slice()
    quote = m.attributions_of("friends")[0].quote
    assert quote is not None
    tip = re.search(r'tooltip="([^"]*)"', line_of(to_dot(m).source, "stmt-friends"))
    assert tip is not None
    assert (
        f"Gustavo Petro asserts (reported by Kristi Noem): “were his friends” — News article "
        f"[{quote.start}:{quote.end}]"
    ) in tip.group(1)
    assert "Gustavo Petro denies: “I don't know why you say I had friends”" in tip.group(1)


def test_speaker_colours_follow_the_agents_order_and_stay_put() -> None:
    m = seed_slice()
    source = to_dot(m).source
    # petro is the first agent, noem the second, maduro the third.
    assert f'fillcolor="{tint(PALETTE[0])}"' in line_of(source, "stmt-never")
    assert f'fillcolor="{tint(PALETTE[1])}"' in line_of(source, "stmt-criticised")
    assert f'fillcolor="{tint(PALETTE[2])}"' in line_of(source, "stmt-defeated")
    # Drawing part of the map does not shift anyone's colour.
    focused = to_dot(m, focus="defeated", depth=0).source
    assert f'fillcolor="{tint(PALETTE[2])}"' in line_of(focused, "stmt-defeated")


def test_legend_lists_only_the_kinds_present() -> None:
    source = to_dot(tiny()).source
    assert 'id="legend-support"' in source and 'id="legend-rebut"' in source
    for absent in ("undercut", "contradict", "undermine", "factor", "reconstructed"):
        assert f'id="legend-{absent}"' not in source
    assert "legend-speaker-petro" in source
    assert "cluster_legend" not in to_dot(tiny(), legend=False).source


def test_labelling_overlay_and_its_legend() -> None:
    source = to_dot(tiny(), labelling={"a": "in", "b": "IN", "c": "out"}).source
    assert "label-in" in line_of(source, "stmt-a") and "penwidth=2.2" in line_of(source, "stmt-a")
    faded = line_of(source, "stmt-c")
    assert "label-out" in faded and 'fontcolor="#9E9E9E"' in faded
    assert 'id="legend-accepted"' in source and 'id="legend-rejected"' in source
    assert 'id="legend-undecided"' not in source
    undec = to_dot(tiny(), labelling={"a": "undec"}).source
    assert "dashed" in line_of(undec, "stmt-a")


def test_bad_labelling_raises() -> None:
    with pytest.raises(ViewError, match="expected 'in', 'out' or 'undec'"):
        to_dot(tiny(), labelling={"a": "maybe"})
    with pytest.raises(UnknownIdError):
        to_dot(tiny(), labelling={"zz": "in"})


@pytest.mark.parametrize("by, title", [("speaker", "Gustavo Petro"), ("tag", "language")])
def test_clusters(by: str, title: str) -> None:
    source = to_dot(seed_slice(), cluster_by=by).source
    assert "subgraph cluster_0" in source and "newrank=true" in source
    assert re.search(f'label="?{title}"?', source)


def test_unknown_view_or_cluster_raises() -> None:
    with pytest.raises(ViewError, match="unknown view"):
        to_dot(tiny(), view="pretty")
    with pytest.raises(ViewError, match="cluster_by"):
        to_dot(tiny(), cluster_by="colour")


# --------------------------------------------------------------------------- causal view
def test_causal_view_look() -> None:
    source = to_dot(seed_slice(), view="causal").source
    assert "rankdir=LR" in source
    plus = line_of(source, "rel-l1")
    assert 'label="+"' in plus and "style=solid" in plus and f'color="{PALETTE[0]}"' in plus
    minus = line_of(source, "rel-l6")
    assert 'label="−"' in minus and "style=dashed" in minus
    unknown = line_of(source, "rel-l8")
    assert 'label="? (hypothetical)"' in unknown and 'color="#9E9E9E"' in unknown
    assert "style=dotted" in line_of(source, "opposite-exclusion-inclusion")
    assert "stmt-never" not in source  # claims without causal links stay out


def test_causal_view_labels_loops() -> None:
    m = seed_slice()
    loops = feedback_loops(m)
    assert [(lp.label, lp.statements) for lp in loops] == [
        ("U1", ("blockade", "gang")),
        ("R1", ("violence", "gang")),
        ("U2", ("blockade", "emigration", "exclusion", "violence", "gang")),
    ]
    source = to_dot(m, view="causal").source
    marker = line_of(source, "loop-R1")
    assert "label=R1 " in marker and "reinforcing loop" in marker
    assert "violence → Tren de Aragua strength → violence" in marker
    assert "loop-R1" in line_of(source, "rel-l5") and "loop-R1" in line_of(source, "rel-l4")


def test_loop_signs() -> None:
    m = ArgumentMap()
    a, b, c = m.factor("a"), m.factor("b"), m.factor("c")
    m.causes(a, b, polarity="-")
    m.causes(b, a, polarity="-")
    m.causes(b, c, polarity="-")
    m.causes(c, b)
    assert [(lp.label, lp.kind) for lp in feedback_loops(m)] == [
        ("R1", "reinforcing"),
        ("B1", "balancing"),
    ]


def test_loop_search_is_bounded() -> None:
    m = ArgumentMap()
    fs = [m.factor(f"f{i}") for i in range(12)]
    for x in fs:  # a complete digraph has millions of simple cycles
        for y in fs:
            if x is not y:
                m.causes(x, y)
    loops = feedback_loops(m, limit=50)
    assert len(loops) == 50 and all(len(lp.statements) == 2 for lp in loops)


# --------------------------------------------------------------------------- speakers view
def test_speakers_view_shows_stances_and_reports() -> None:
    source = to_dot(seed_slice(), view="speakers").source
    assert "rankdir=LR" in source
    assert "Gustavo Petro\\nPresident of Colombia" in line_of(source, "agent-petro")
    # attribution 0 is Petro's causal link l1; find the friends report and denial by label.
    assert re.search(r'label="asserts \(per Kristi Noem\)".*class="attribution asserts', source)
    assert re.search(r"label=denies .*style=dashed", source)
    assert re.search(r'label="reports Gustavo Petro asserts".*style=dotted', source)
    undercut = line_of(source, "rel-a3")
    assert "undercuts" in undercut and "Fumigation" in undercut


# --------------------------------------------------------------------------- selections
def test_focus_keeps_the_neighbourhood() -> None:
    m = seed_slice()
    assert select(m, "argument", focus="never", depth=1).statements == ("friends", "never")
    wide = select(m, "argument", focus="strengthened", depth=1)
    assert set(wide.statements) == {"strengthened", "defeated", "excl-viol", "colombia"}
    # A focus on an undercut reaches the premises and conclusion of the support it attacks.
    cut = select(m, "argument", focus="a3", depth=0)
    assert set(cut.statements) == {"hugged", "fumigation", "ended"}


def test_path_keeps_the_relations_between_two_statements() -> None:
    chain = select(seed_slice(), "causal", path=("blockade", "violence"))
    assert chain.statements == ("blockade", "emigration", "exclusion", "violence", "gang")
    assert "l6" not in chain.relations  # inclusion -> violence is not on a way from blockade


def test_path_without_a_way_raises() -> None:
    with pytest.raises(ViewError, match="no relation joins"):
        select(seed_slice(), "argument", path=("never", "defeated"))


def test_speaker_view_of_one_agent() -> None:
    maduro = select(seed_slice(), "argument", speaker="maduro")
    assert set(maduro.statements) == {"defeated", "strengthened"}
    with pytest.raises(UnknownIdError):
        select(seed_slice(), "argument", speaker="trump")


def test_focus_on_unknown_id_suggests_one() -> None:
    with pytest.raises(UnknownIdError, match="never"):
        to_dot(seed_slice(), focus="nevr")


# --------------------------------------------------------------------------- size limit
def big(n: int) -> ArgumentMap:
    m = ArgumentMap()
    claims = [m.claim(f"claim {i}") for i in range(n)]
    for i in range(1, n):
        m.support(claims[i], claims[(i - 1) // 2])
    return m


def test_too_large_says_what_to_do() -> None:
    with pytest.raises(MapTooLargeError) as err:
        to_dot(big(40), max_nodes=30)
    message = str(err.value)
    assert "40 statements" in message
    for hint in ("focus=", "max_nodes=None", "view"):
        assert hint in message
    assert isinstance(err.value, ViewError)


def test_too_large_can_be_forced_or_focused() -> None:
    forced = to_dot(big(40), max_nodes=None)
    assert forced is not None and forced.source.count('class="stmt claim') == 40
    focused = to_dot(big(40), max_nodes=30, focus="c1", depth=2)
    assert focused.source.count('class="stmt claim') == 7


def test_default_limit_is_two_thousand() -> None:
    with pytest.raises(MapTooLargeError, match="max_nodes=2,000"):
        to_dot(big(2001))


# --------------------------------------------------------------------------- text helpers
def test_dot_text_disables_graphviz_specials() -> None:
    assert dot_text("\\N") == "\\\\N"
    assert dot_text("&lt;") == "&amp;lt;"
    assert dot_text("a\x00b") == "a\ufffdb"
    assert type(dot_text("<b>x</b>")).__name__ == "NoHtml"


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_wrap_keeps_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
