"""to_dot: the DOT of each view, its look, its ids, selections, the size limit. Runs no engine."""

from __future__ import annotations

import itertools
import os
import re
import textwrap
import warnings
from pathlib import Path

import graphviz  # type: ignore[import-untyped]
import pytest
from graphviz.quoting import quote as graphviz_quote  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, UnknownIdError
from argmap.rendering import MapTooLargeError, ViewError, css_token, select, style, to_dot
from argmap.rendering.loops import drawn_loops
from argmap.rendering.style import FADED_TINT, PALETTE, tint
from argmap.rendering.text import (
    clean,
    dot_label,
    dot_lines,
    dot_quote,
    dot_text,
    dot_tooltip,
    wrap,
)
from tests.render_maps import seed_slice, tiny
from tests.strategies import maps

GOLDEN = Path(__file__).parent / "golden"
# Generated DOT names: statements n0.., junctions and relation nodes r0.., agents a0.., loop
# markers p0.., row anchors k0.., legend entries L0..; no user text is ever one.
NAME = re.compile(r"^(n|r|a|p|k|L)\d+$")
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
    assert 'class="rel attack rebut rel-a2"' in rebut
    # A linked support: a junction node carries the relation id, its edges the parts.
    assert "junction" in line_of(source, "rel-s1")
    for part in ("rel-s1-p1", "rel-s1-p2", "rel-s1-to"):
        assert re.search(r'class="rel support .*rel-s1"', line_of(source, part))


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
    assert f'color="{style.SUPPORT_COLOUR}"' in line_of(source, "rel-s1-to")  # support green
    rebut = line_of(source, "rel-a2")
    assert "arrowhead=tee" in rebut and f'color="{style.ATTACK_COLOUR}"' in rebut
    contradict = line_of(source, "rel-a1")
    assert "dir=both" in contradict and "arrowtail=tee" in contradict
    undercut = line_of(source, "rel-a3")
    assert f'color="{style.UNDERCUT_COLOUR}"' in undercut and "arrowhead=dot" in undercut
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
    assert 'ID="legend-support"' in source and 'ID="legend-rebut"' in source
    for absent in ("undercut", "contradict", "undermine", "factor", "reconstructed"):
        assert f'ID="legend-{absent}"' not in source
    assert "legend-speaker-petro" in source
    assert "legend" not in to_dot(tiny(), legend=False).source
    assert to_dot(tiny(), legend="none").source == to_dot(tiny(), legend=False).source
    assert to_dot(tiny(), legend="side").source == to_dot(tiny()).source


def test_the_legend_is_the_graphs_label_not_a_part_of_the_drawing() -> None:
    """Beside the drawing, the legend adds no node, edge or cluster that the layout must place."""
    m = tiny()
    m.title = "A <b>title</b> & more"
    with_legend, without = to_dot(m).source, to_dot(m, legend="none").source
    body = [line for line in with_legend.splitlines() if "->" in line or "[label=" in line]
    assert body == [line for line in without.splitlines() if "->" in line or "[label=" in line]
    assert "cluster" not in with_legend
    label = with_legend.split("label=<", 1)[1]
    assert label.startswith("<TABLE") and "&lt;b&gt;title&lt;/b&gt; &amp; more" in label
    assert "<b>" not in label
    assert 'label="A <b>title</b> &amp; more"' in without  # the plain title when there is no legend


def test_an_unknown_legend_place_is_a_view_error() -> None:
    with pytest.raises(ViewError, match="legend"):
        to_dot(tiny(), legend="inline")


def test_a_speaker_gets_a_swatch_only_where_nodes_carry_the_colour() -> None:
    m = ArgumentMap()
    petro = m.agent("Gustavo Petro", id="petro")
    x, y = m.factor("blockade"), m.factor("migration")
    m.causes(x, y, by=petro)
    causal = to_dot(m, view="causal").source.split("label=<", 1)[1]
    cell = causal.split('ID="legend-speaker-petro"')[0].rsplit("<TD", 2)[1]
    assert "BGCOLOR" not in cell and "───►" in cell  # a line, as the links are drawn
    m.claim("The blockade strengthened the gang", by=petro)
    argument = to_dot(m).source.split("label=<", 1)[1]
    cell = argument.split('ID="legend-speaker-petro"')[0].rsplit("<TD", 2)[1]
    assert f'BGCOLOR="{tint(PALETTE[0])}"' in cell


def test_labelling_overlay_and_its_legend() -> None:
    source = to_dot(tiny(), labelling={"a": "in", "b": "IN", "c": "out"}).source
    assert "label-in" in line_of(source, "stmt-a") and "penwidth=2.2" in line_of(source, "stmt-a")
    faded = line_of(source, "stmt-c")
    # Rejected is a style (corners cut), never faded text.
    assert "label-out" in faded and "fontcolor" not in faded and "diagonals" in faded
    assert 'ID="legend-accepted"' in source and 'ID="legend-rejected"' in source
    assert 'ID="legend-undecided"' not in source
    undec = to_dot(tiny(), labelling={"a": "undec"}).source
    assert "dotted" in line_of(undec, "stmt-a")  # dashed is what the analyst reconstructed


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
    assert (
        'label="? (hypothetical)"' in unknown and f'color="{style.RECONSTRUCTED_COLOUR}"' in unknown
    )
    assert "style=dotted" in line_of(source, "opposite-exclusion-inclusion")
    assert "stmt-never" not in source  # claims without causal links stay out


def test_causal_view_labels_loops() -> None:
    m = seed_slice()
    loops = drawn_loops(m)
    assert [(lp.name, lp.factors) for lp in loops] == [
        ("U1", ("blockade", "gang")),
        ("R1", ("violence", "gang")),
        ("U2", ("blockade", "emigration", "exclusion", "violence", "gang")),
        # Through the opposites: emigration raises exclusion, read as less inclusion.
        ("U3", ("blockade", "emigration", "inclusion", "violence", "gang")),
    ]
    source = to_dot(m, view="causal").source
    marker = line_of(source, "loop-R1")
    assert "label=R1 " in marker and "reinforcing loop" in marker
    assert "violence → Tren de Aragua strength → violence" in marker
    assert "loop-R1" in line_of(source, "rel-l5") and "loop-R1" in line_of(source, "rel-l4")
    flipped = line_of(source, "loop-U3")
    assert "exclusion of migrant youth ~ inclusion of youth → violence" in flipped


def test_loops_are_the_causal_modules() -> None:
    """The drawing's loops and labels are argmap.causal's, so the CLI and the picture agree."""
    from argmap import causal

    m = seed_slice()
    theirs = [(lp.name, lp.links) for lp in causal.feedback_loops(m)]
    assert [(lp.name, lp.links) for lp in drawn_loops(m)] == theirs
    assert all(type(lp) is causal.Loop for lp in drawn_loops(m))


def test_a_focused_drawing_labels_only_its_own_loops() -> None:
    m = seed_slice()
    part = select(m, "causal", focus="gang", depth=1)
    loops = drawn_loops(m, statements=set(part.statements), links=set(part.relations))
    assert [(lp.name, lp.factors) for lp in loops] == [
        ("U1", ("blockade", "gang")),
        ("R1", ("violence", "gang")),
    ]


def test_loop_signs() -> None:
    m = ArgumentMap()
    a, b, c = m.factor("a"), m.factor("b"), m.factor("c")
    m.causes(a, b, polarity="-")
    m.causes(b, a, polarity="-")
    m.causes(b, c, polarity="-")
    m.causes(c, b)
    assert [(lp.name, lp.kind) for lp in drawn_loops(m)] == [
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
    loops = drawn_loops(m, limit=50)
    assert len(loops) == 50 and all(len(lp.factors) == 2 for lp in loops)


# --------------------------------------------------------------------------- speakers view
def test_speakers_view_of_one_agent_shows_stances_and_reports() -> None:
    source = to_dot(seed_slice(), view="speakers", speaker="petro").source
    assert "rankdir=LR" in source and "compound=true" in source
    assert "Gustavo Petro\\nPresident of Colombia" in line_of(source, "agent-petro")
    # Petro's assertions: one edge to his box; the report is on the statement it concerns.
    owner = line_of(source, "asserts-petro")
    assert "lhead=cluster_" in owner and "label=asserts" in owner
    friends = line_of(source, "stmt-friends")
    assert "peripheries=2" in friends
    assert re.search(r"label=denies .*style=dashed", source)


def test_a_reported_claim_sits_with_its_reporter_marked_as_reported() -> None:
    """Noem's report that Petro called gang members friends is Noem's allegation: in her box,
    naming whose words it reports, with the reporter's double border."""
    m = speakers_map()
    source = to_dot(m, view="speakers", speaker="noem").source
    friends = line_of(source, "stmt-friends")
    assert label_of(friends).endswith("— Gustavo Petro, per Kristi Noem")
    assert "peripheries=2" in friends and "reported" in friends
    box = re.search(r"subgraph (cluster_\d+) \{[^}]*stmt-friends", source, flags=re.S)
    assert box is not None and 'id="cluster-speaker-noem"' in box.group(0)


def test_speakers_view_says_who_answers_whom_with_counts() -> None:
    m = speakers_map()
    source = to_dot(m, view="speakers").source
    assert "cluster" not in source  # agents only: no boxes of statements
    assert not re.search(r'id="stmt-', source)
    denies = line_of(source, "exchange-petro-denies-noem")
    # Both claims Petro denies are on Noem's record: her allegation, and her words the
    # article reports.
    assert 'label="denies 2"' in denies and "arrowhead=tee" in denies
    assert "Some gang members are Petro's friends" in denies  # the statement, in the tooltip
    attacks = line_of(source, "exchange-petro-attacks-noem")
    assert 'label="attacks 1"' in attacks
    reports = line_of(source, "exchange-noem-reports-petro")
    assert "style=dotted" in reports
    for kind in ("attacks", "denies", "reports"):
        assert f'ID="legend-agents-{kind}"' in source


def test_the_agents_graph_is_what_the_speakers_view_draws() -> None:
    from argmap import to_networkx

    m = seed_slice()
    g = to_networkx(m, graph="agents")
    source = to_dot(m, view="speakers").source
    for a, b, kind, data in g.edges(keys=True, data=True):
        line = line_of(source, f"exchange-{a}-{kind}-{b}")
        assert label_of(line) == f"{kind} {data['count']}"


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


# Spaces, the other ASCII whitespace textwrap turns into spaces, Unicode spaces it leaves alone.
_WRAP_TEXT = st.text(alphabet=st.sampled_from("ab \t\n\x0b\x0c\r\xa0\u3000-."), max_size=40)


@settings(max_examples=300)
@given(_WRAP_TEXT, st.integers(min_value=1, max_value=12))
def test_wrap_agrees_with_textwrap(text: str, width: int) -> None:
    """The linear wrapper gives what wrap gave when it called textwrap for each paragraph."""
    wrapper = textwrap.TextWrapper(width=width, break_long_words=True, break_on_hyphens=False)
    if len(text) <= width and "\n" not in text and "\t" not in text:
        expected = [text]  # wrap's shortcut for short labels, as before
    else:
        expected = [line for part in text.split("\n") for line in wrapper.wrap(part) or [""]]
    assert wrap(text, width) == expected


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_wrapped_lines_fit_the_width(text: str, width: int) -> None:
    assert all(len(line) <= width for line in wrap(text.expandtabs(), width))


@given(
    st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=80), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=30),
)
def test_wrap_gives_back_the_words(words: list[str], width: int) -> None:
    """Words that fit are never cut; longer ones are cut into full lines and a rest."""
    lines = wrap(" ".join(words), width)
    assert all(not line.startswith(" ") for line in lines)
    rebuilt = [word for line in lines for word in line.split()]
    cut = [piece for word in words for piece in _pieces(word, width)]
    assert (
        rebuilt == cut if all(len(w) <= width for w in words) else "".join(rebuilt) == "".join(cut)
    )


def _pieces(word: str, width: int) -> list[str]:
    return (
        [word] if len(word) <= width else [word[i : i + width] for i in range(0, len(word), width)]
    )


def test_wrap_cuts_a_huge_word_into_full_lines() -> None:
    lines = wrap("x" * 100_001, 30)
    assert len(lines) == 3334
    assert set(map(len, lines[:-1])) == {30}
    assert lines[-1] == "x" * 11


@given(st.text(), st.integers(min_value=0, max_value=60))
def test_dot_label_is_the_long_way_round(text: str, width: int) -> None:
    assert dot_label(text, width) == dot_lines(wrap(clean(text), width))


@given(st.text(alphabet=st.sampled_from('ab <>"\\-.1_\n'), max_size=12) | st.text())
def test_dot_quote_is_graphviz_quote(text: str) -> None:
    """Same result and same warning (odd backslashes at the end) as graphviz's quote."""
    for value in (text, graphviz.nohtml(text), dot_text(text)):
        with warnings.catch_warnings(record=True) as ours:
            warnings.simplefilter("always")
            quoted = dot_quote(value)
        with warnings.catch_warnings(record=True) as theirs:
            warnings.simplefilter("always")
            expected = graphviz_quote(value)
        assert quoted == expected
        assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]


def test_plain_lines_equal_what_graphviz_writes() -> None:
    """The template path writes what Digraph.node and Digraph.edge write for the same attributes."""
    m = ArgumentMap()
    a = m.claim('say "hi" <b>&</b> ; -> {x}', id='a"1')
    b = m.factor("a factor", id="b")
    m.support(a, b, id="s&1")
    m.rebut(b, a, id="r")
    source = to_dot(m, legend=False).source
    g = graphviz.Digraph()
    label = dot_label(a.text, 30)
    g.node("n0", label, **{"class": "stmt claim"}, id=dot_text('stmt-a"1'), tooltip=label)
    tip = dot_tooltip([b.text])
    factor = {"class": "stmt factor", "shape": "ellipse", "margin": "0.05,0.03"}
    g.node("n1", dot_label(b.text, 30), **factor, id=dot_text("stmt-b"), tooltip=tip)
    support = {"color": style.SUPPORT_COLOUR, "tooltip": dot_tooltip(["support"])}
    g.edge("n0", "n1", **support, id=dot_text("rel-s&1"), **{"class": "rel support rel-s_26_1"})
    rebut = {
        "class": "rel attack rebut rel-r",
        "color": style.ATTACK_COLOUR,
        "arrowhead": "tee",
        "tooltip": dot_tooltip(["attack: rebut"]),
    }
    g.edge("n1", "n0", **rebut, id=dot_text("rel-r"))
    body = [line for line in source.splitlines(keepends=True) if re.match(r"\tn\d", line)]
    assert body == g.body


# --------------------------------------------------------------------------- whole-map layout
def forest(trees: int) -> ArgumentMap:
    """``trees`` disconnected arguments: two premises supporting a conclusion, each."""
    m = ArgumentMap()
    for i in range(trees):
        top = m.claim(f"Conclusion {i} of a small argument", id=f"top{i}")
        m.support(m.claim(f"First premise {i}", id=f"p{i}"), top)
        m.support(m.claim(f"Second premise {i}", id=f"q{i}"), top)
    return m


def edge_ends(source: str) -> list[tuple[str, str]]:
    return [m.group(1, 2) for m in map(EDGE_LINE.match, source.splitlines()) if m]


def edges_of(source: str, name: str) -> tuple[set[str], set[str]]:
    """The tails of the edges into ``name`` and the heads of the edges out of it."""
    into = {a for a, b in edge_ends(source) if b == name}
    out = {b for a, b in edge_ends(source) if a == name}
    return into, out


def test_disconnected_parts_are_laid_out_in_rows() -> None:
    m = forest(12)
    source = to_dot(m).source
    anchors = sorted({n for n in names_in(source) if n.startswith("k")})
    assert anchors, "twelve trees side by side make a strip: expected rows"
    conclusions = {line_of(source, f"stmt-top{i}").split()[0] for i in range(12)}
    premises = {line_of(source, f"stmt-{p}{i}").split()[0] for i in range(12) for p in "pq"}
    for anchor in anchors:
        assert f"{anchor} [" in source and "style=invis" in line_of_name(source, anchor)
        into, out = edges_of(source, anchor)
        # Bottom to top: the row below hands over at its conclusions (or the legend's top
        # line), the row above starts at its premises.
        assert into and out
        assert into <= conclusions | legend_names(source)
        assert out <= premises | legend_names(source)
    # Every tie is invisible and weighs nothing: it ranks the rows, it does not pull.
    for line in source.splitlines():
        if re.match(r"\t(k\d+ ->|\S+ -> k\d+)", line):
            assert "style=invis" in line and "weight=0" in line


def line_of_name(source: str, name: str) -> str:
    return next(line for line in source.splitlines() if line.startswith(f"\t{name} ["))


def legend_names(source: str) -> set[str]:
    return {n for n in names_in(source) if n.startswith("L")}


def test_one_connected_part_gets_no_rows() -> None:
    assert not any(n.startswith("k") for n in names_in(to_dot(tiny()).source))
    # Two tall chains side by side are already near a screen's shape: dot's own layout stays.
    m = ArgumentMap()
    for chain in "ab":
        claims = [m.claim(f"Step {i} of chain {chain}") for i in range(6)]
        for low, high in itertools.pairwise(claims):
            m.support(low, high)
    assert not any(n.startswith("k") for n in names_in(to_dot(m).source))


def test_a_cluster_stays_in_one_row() -> None:
    m = forest(12)
    for i in range(12):
        m.claim(f"Loose claim {i}", id=f"loose{i}", tags=["one box"])
    source = to_dot(m, cluster_by="tag").source
    box = re.search(r"subgraph cluster_0 \{(.*?)\n\t\}", source, re.S)
    assert box is not None
    members = set(re.findall(r"\t(n\d+) \[", box.group(1)))
    assert len(members) == 12
    # The box's members are tied to rows together or not at all, never split across rows.
    for anchor in {n for n in names_in(source) if n.startswith("k")}:
        into, out = edges_of(source, anchor)
        assert not (members & into and members & out)


# --------------------------------------------------------------------------- who said it
def speakers_map() -> ArgumentMap:
    m = ArgumentMap()
    petro = m.agent("Gustavo Petro", id="petro")
    noem = m.agent("Kristi Noem", id="noem")
    m.agent("gec/ctl/tmv", id="author")
    own = m.claim("Exclusion leads to violence", id="own", by=petro)
    m.attribute(own, by=petro, reported_by="author")
    m.claim("Some gang members are Petro's friends", id="friends", by=petro, reported_by=noem)
    m.attribute("friends", by=petro, stance="denies")
    m.claim("Petro criticised the US", id="criticised", by=noem, reported_by="author")
    m.attribute("criticised", by=petro, reported_by="author")
    m.attribute("criticised", by=petro, stance="denies")
    m.rebut(m.claim("Petro never met a cartel member", id="never", by=petro), "friends")
    return m


def label_of(line: str) -> str:
    found = re.search(r'label=(?:"((?:[^"\\]|\\.)*)"|(\S+))', line)
    assert found is not None, line
    return (found.group(1) or found.group(2)).replace("\\n", " ")


def test_each_speaker_is_named_once() -> None:
    source = to_dot(speakers_map()).source
    # In person and through the article: the article's report adds nothing to the label.
    assert label_of(line_of(source, "stmt-own")).endswith("— Gustavo Petro")
    friends = label_of(line_of(source, "stmt-friends"))
    assert friends.endswith("— Gustavo Petro, per Kristi Noem; denied by Gustavo Petro")
    assert friends.count("Gustavo Petro") == 2


def test_reported_statements_have_the_reporters_double_border() -> None:
    source = to_dot(speakers_map()).source
    friends = line_of(source, "stmt-friends")
    # Petro's fill (it is his claim), Noem's border, twice (she is who tells it).
    assert f'fillcolor="{tint(PALETTE[0])}"' in friends
    assert f'color="{PALETTE[1]}"' in friends and "peripheries=2" in friends
    assert "reported" in friends.split('class="')[1].split('"')[0].split()
    assert 'ID="legend-reported"' in source
    own = line_of(source, "stmt-own")
    assert "peripheries" not in own and f'color="{PALETTE[0]}"' in own


def test_rejected_statements_keep_their_speakers_colour_on_the_border() -> None:
    source = to_dot(tiny(), labelling={"a": "out", "c": "out"}).source
    faded = line_of(source, "stmt-a")
    assert f'color="{PALETTE[0]}"' in faded
    assert f'fillcolor="{tint(PALETTE[0], FADED_TINT)}"' in faded
    assert "fontcolor" not in faded and "diagonals" in faded
    # No speaker: the default border, a pale fill.
    assert 'fillcolor="#F5F5F5"' in line_of(source, "stmt-c")


def test_speakers_view_gives_each_agent_one_edge_to_its_box() -> None:
    m = speakers_map()
    for i in range(20):
        m.claim(f"Petro's point {i}", id=f"point{i}", by="petro")
    source = to_dot(m, view="speakers", speaker="petro").source
    petro = line_of(source, "agent-petro").split()[0]
    from_petro = [line for line in source.splitlines() if line.startswith(f"\t{petro} -> ")]
    owner = [line for line in from_petro if 'id="asserts-petro"' in line]
    assert len(owner) == 1 and "lhead=cluster_" in owner[0]
    # What else Petro does is news, one edge per statement: two denials and an assertion
    # (known through the article) of a claim that is Noem's.
    others = sorted(label_of(line) for line in from_petro if line not in owner)
    assert others == ["asserts, per gec/ctl/tmv; denies", "denies"]


def test_speakers_view_lays_a_box_out_as_a_grid() -> None:
    m = ArgumentMap()
    petro = m.agent("Gustavo Petro", id="petro")
    for i in range(30):
        m.claim(f"Point {i}", id=f"point{i}", by=petro)
    source = to_dot(m, view="speakers", speaker="petro", legend=False).source
    chains = [line for line in source.splitlines() if "style=invis" in line and "->" in line]
    rows = 30 - len(chains)  # each row is a chain: one fewer edge than nodes
    assert 1 < rows < 30, "neither one long column nor one long row"


# --------------------------------------------------------------------------- causal links
def test_evidence_for_a_causal_link_points_at_a_note_in_the_argument_view() -> None:
    m = ArgumentMap()
    blockade = m.factor("US blockade of Venezuela", id="blockade")
    emigration = m.factor("emigration of young Venezuelans", id="emigration")
    link = m.causes(blockade, emigration, id="link")
    evidence = m.claim("Hundreds of thousands left after the sanctions", id="evidence")
    m.support(evidence, link, id="backs")
    source = to_dot(m).source
    note = line_of(source, "rel-link")
    assert "shape=note" in note and "link-node" in note
    assert "US blockade of Venezuela" in note and "causes (+)" in note
    edge = EDGE_LINE.match(line_of(source, "rel-backs"))
    assert edge is not None
    assert edge.group(2) == note.split()[0]  # the evidence's edge ends at the note
    assert "stmt-blockade" not in source  # factors stay out of the argument view
    assert 'ID="legend-link-node"' in source


def test_causal_view_names_every_teller_and_denier() -> None:
    m = ArgumentMap()
    petro = m.agent("Gustavo Petro", id="petro")
    maduro = m.agent("Nicolás Maduro", id="maduro")
    leaders = m.agent("Colombian leaders", id="leaders")
    blockade, emigration = m.factor("blockade", id="b"), m.factor("emigration", id="e")
    fumigation, mafia = m.factor("fumigation", id="f"), m.factor("mafia", id="m")
    m.causes(blockade, emigration, id="both", by=petro)
    m.attribute("both", by=maduro)
    m.causes(fumigation, mafia, polarity="-", id="denied", by=leaders, reported_by=petro)
    m.attribute("denied", by=petro, stance="denies")
    m.causes(emigration, mafia, id="ours", reconstructed=True)
    source = to_dot(m, view="causal").source
    both = line_of(source, "rel-both")
    assert f'color="{PALETTE[0]}:{PALETTE[1]}"' in both  # a line in each teller's colour
    assert "said by Gustavo Petro, Nicolás Maduro" in label_of(both)
    denied = line_of(source, "rel-denied")
    assert "× denied by Gustavo Petro" in label_of(denied)
    assert f'color="{PALETTE[2]}"' in denied  # the leaders told it
    ours = line_of(source, "rel-ours")
    assert "arrowhead=empty" in ours and f'color="{style.RECONSTRUCTED_COLOUR}"' in ours
    for entry in ("causal-reconstructed", "causal-denies", "causalpos", "causalneg"):
        assert f'ID="legend-{entry}"' in source


# --------------------------------------------------------------------------- any map
@settings(max_examples=40)
@given(maps(), st.sampled_from(["argument", "causal", "speakers"]), st.sampled_from([None, "tag"]))
def test_every_view_of_any_map_draws_what_it_selects(
    m: ArgumentMap, view: str, cluster_by: str | None
) -> None:
    try:
        sel = select(m, view)
    except ViewError:
        return  # nothing to draw in this view
    source = to_dot(m, view=view, cluster_by=cluster_by).source
    assert all(NAME.match(n) for n in names_in(source))
    if view == "speakers":
        # Agents and who answers whom; every exchange the agents graph has between them.
        from argmap import to_networkx

        for a, b, kind in to_networkx(m, graph="agents").edges(keys=True):
            found = f"id={dot_quote(dot_text(f'exchange-{a}-{kind}-{b}'))}" in source
            assert found or a not in source
        if 'id="agent-' in source or "stmt-" not in source:
            return  # agents drawn; otherwise (no agent at all) the statements, as below
    for sid in sel.statements:
        assert f"id={dot_quote(dot_text('stmt-' + sid))}" in source
    for rid in sel.relations:
        # Whatever shape a relation takes (edge, junction, note), the page finds it by class.
        assert re.search(rf"class=\"[^\"]*\brel-{re.escape(css_token(rid))}\"", source), rid


@pytest.mark.parametrize("label", ["in", "out", "undec"])
def test_a_labelled_causal_link_drawn_as_a_note_keeps_one_colour(label: str) -> None:
    # In the argument view a causal link that a claim undercuts is a note; its labelling's
    # colour and dash override the note's own rather than clash with them.
    m = ArgumentMap()
    link = m.causes(m.factor("blockade", id="b"), m.factor("migration", id="g"), id="l1")
    m.undercut(m.claim("The blockade came after the migration", id="late"), link)
    text = to_dot(m, view="argument", labelling={"l1": label, "late": "in"}).source
    note = next(line for line in text.splitlines() if 'id="rel-l1"' in line)
    assert len(re.findall(r"(?<![a-z])color=", note)) == 1
    assert len(re.findall(r"(?<![a-z])style=", note)) == 1
    assert f"label-{label}" in note


# --------------------------------------------------------------------------- the spine
def _attrs(line: str) -> str:
    return line.split(" [", 1)[1]


def test_a_chain_is_drawn_strong_and_aligned_the_rest_quiet() -> None:
    from argmap import causal_chains

    m = seed_slice()
    chain = next(c for c in causal_chains(m, "blockade", "gang") if len(c.steps) == 4)
    source = to_dot(m, view="causal", highlight=chain).source
    for sid in ("blockade", "emigration", "exclusion", "violence", "gang"):
        line = line_of(source, f"stmt-{sid}")
        assert "group=spine" in line and "penwidth=3" in line and '"spine ' in line
    for rid in ("l1", "l2", "l3", "l4"):
        line = line_of(source, f"rel-{rid}")
        assert "penwidth=3" in line and "weight=10" in line
    quiet = line_of(source, "rel-l6")  # inclusion -> violence: off the chain
    assert '"quiet ' in quiet and "penwidth=0.7" in quiet and "weight" not in quiet
    assert "group=spine" not in line_of(source, "stmt-inclusion")
    # The labels' colours are left alone: quieter lines, never paler text.
    plain = to_dot(m, view="causal").source
    fonts = re.findall(r"fontcolor=(\S+)", plain)
    assert re.findall(r"fontcolor=(\S+)", source) == fonts


def test_a_side_storys_edge_into_the_spine_writes_its_label_at_its_own_end() -> None:
    """Laid out mid-edge, the label of a quiet edge into the spine sat beside the spine's own
    label (a "−" under the blockade's "+"); at its tail it reads as the side story's."""
    m = ArgumentMap()
    a, b, c = (m.factor(x, id=x) for x in ("a", "b", "c"))
    side, off = m.factor("side", id="side"), m.factor("off", id="off")
    for cause, effect in ((a, b), (b, c)):
        m.causes(cause, effect, id=f"{cause.id}{effect.id}")
    m.causes(side, b, polarity="-", id="into")
    m.causes(b, off, id="out")
    source = to_dot(m, view="causal", highlight=["a", "b", "c"]).source
    into = _attrs(line_of(source, "rel-into"))
    assert "taillabel=" in into and not re.search(r"(?<![a-z])label=", into)
    # Edges of the spine and edges out of it keep their label mid-edge.
    assert re.search(r"(?<![a-z])label=", _attrs(line_of(source, "rel-ab")))
    assert re.search(r"(?<![a-z])label=", _attrs(line_of(source, "rel-out")))
    # A set is not aligned: nothing moves.
    loose = to_dot(m, view="causal", highlight={"a", "b", "c"}).source
    assert "taillabel" not in loose


def test_a_path_of_ids_takes_the_relations_between_neighbours() -> None:
    m = seed_slice()
    source = to_dot(m, view="causal", highlight=["blockade", "gang"]).source
    assert "penwidth=3" in line_of(source, "rel-l7")  # the direct link
    assert "penwidth=3" not in line_of(source, "rel-l1")
    assert "group=spine" in line_of(source, "stmt-gang")


def test_a_set_highlights_its_members_and_the_relations_among_them() -> None:
    m = seed_slice()
    source = to_dot(m, highlight={"friends", "never"}).source
    friends = line_of(source, "stmt-friends")
    assert "penwidth=3" in friends and "group" not in friends  # a set is not aligned
    attack = next(
        rid
        for rid, rel in m.relations.items()
        if rel.kind == "attack" and {rel.attacker, rel.target} == {"never", "friends"}
    )
    assert "penwidth=3" in line_of(source, f"rel-{attack}")
    assert "penwidth=3" not in line_of(source, "stmt-defeated")


def test_a_highlight_that_names_nothing_or_is_no_collection_is_refused() -> None:
    with pytest.raises(UnknownIdError):
        to_dot(seed_slice(), highlight={"nowhere"})
    with pytest.raises(ViewError, match="highlight"):
        to_dot(seed_slice(), highlight="blockade")


@settings(max_examples=25)
@given(maps(), st.data())
def test_any_highlight_keeps_the_drawing_and_marks_only_what_it_names(
    m: ArgumentMap, data: st.DataObject
) -> None:
    ids = sorted(m.statements)
    if not ids:
        return
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    plain = to_dot(m, max_nodes=None).source
    source = to_dot(m, max_nodes=None, highlight=chosen).source
    assert names_in(source) == names_in(plain)  # nothing drawn or dropped, only restyled
    strong = {
        NODE_LINE.match(line).group(1)  # type: ignore[union-attr]
        for line in source.splitlines()
        if NODE_LINE.match(line) and "group=spine" in line
    }
    drawn = set(select(m, "argument", max_nodes=None).statements)
    assert len(strong) == len([sid for sid in chosen if sid in drawn])


# --------------------------------------------------------------------------- layout control
@pytest.mark.parametrize("rankdir", ["TB", "LR", "BT", "RL", "lr"])
def test_rankdir_sets_the_direction_of_every_view(rankdir: str) -> None:
    for view in ("argument", "causal", "speakers"):
        source = to_dot(seed_slice(), view=view, rankdir=rankdir).source
        assert f"rankdir={rankdir.upper()}" in source


def test_an_unknown_rankdir_is_a_view_error() -> None:
    with pytest.raises(ViewError, match="rankdir"):
        to_dot(tiny(), rankdir="up")


@settings(max_examples=60)
@given(st.text(st.sampled_from("ab cdé-,\n"), max_size=80), st.integers(5, 40))
def test_a_short_quote_is_cut_between_words(text: str, limit: int) -> None:
    from argmap.rendering.describe import short_quote

    words = " ".join(text.split())
    quoted = short_quote(text, limit)
    inner = quoted[1:-1]
    if not inner.endswith("…"):
        assert inner == words
        return
    kept = inner[:-1]
    assert len(kept) < limit
    first = words.split(" ")[0]
    if len(first) < limit:
        # Whole words only: the cut is followed by a space (or a stripped comma) in the text.
        assert words.startswith(kept)
        rest = words[len(kept) :]
        assert rest[:1] == " " or rest.lstrip(",;:")[:1] == " "


def test_a_label_that_looks_like_attributes_is_not_rewritten() -> None:
    """The spine reads each line's attributes in order: text inside a label stays text."""
    m = ArgumentMap()
    a = m.claim('x" class="evil" id="stmt-b" color="#000000', id="a")
    b = m.claim("B", id="b")
    m.support(a, b, id="s")
    plain = to_dot(m, legend="none").source
    source = to_dot(m, legend="none", highlight={"b"}).source
    label = re.search(r'label="((?:[^"\\]|\\.)*)"', line_of(plain, "stmt-a"))
    assert label is not None
    assert f'label="{label.group(1)}"' in line_of(source, "stmt-a")  # unchanged
    assert '"quiet stmt claim"' in line_of(source, "stmt-a")
    assert "penwidth=3" in line_of(source, "stmt-b") and "penwidth=3" not in line_of(
        source, "stmt-a"
    )
    graphviz.Source(source)  # still one well-formed graph for the parser
    assert source.count("[") == plain.count("[")
