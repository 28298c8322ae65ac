"""Incremental views and checks: what a map keeps up to date edit by edit equals a cold rebuild.

The networkx graphs (:func:`argmap.to_networkx`) and the findings of :func:`argmap.check` are
cached on the map and follow its changes. Whatever sequence of builder calls, failed batches and
(where the map has them) removals and replacements, the cached graphs must equal graphs built
afresh (nodes and edges with their keys, data and order) and the findings must equal those of a
map rebuilt from the document.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, to_networkx
from argmap.checks import check, hygiene
from argmap.checks._alias_index import AliasIndex, alias_index
from argmap.errors import ArgmapError
from argmap.names import GRAPHS
from tests.strategies import labels, maps

_SORTS = ("rebut", "undermine", "undercut", "contradict")
_POLARITIES = ("+", "-", "0", "?")
_STANCES = ("asserts", "denies", "questions")


class _Undo(Exception):
    """Raised inside a batch so that it undoes what it added."""


def _snapshot(g: nx.MultiDiGraph[str]) -> tuple[Any, ...]:
    return (
        dict(g.graph),
        list(g.nodes(data=True)),
        list(g.edges(keys=True, data=True)),
    )


def _assert_fresh(m: ArgumentMap) -> None:
    cold = ArgumentMap.from_document(m.to_document())
    for name in GRAPHS:
        assert _snapshot(to_networkx(m, graph=name)) == _snapshot(to_networkx(cold, graph=name)), (
            name
        )
    assert check(m) == check(cold)
    assert check(m, severity="warning") == check(cold, severity="warning")
    assert check(m, select="AM1,AM3") == check(cold, select="AM1,AM3")


def _builder_edit(
    draw: st.DrawFn, m: ArgumentMap, texts: st.SearchStrategy[str] = labels
) -> Callable[[], Any]:
    """One builder call drawn against the map as it is when the call runs."""
    kind = draw(st.sampled_from(["claim", "factor", "support", "attack", "causes", "attribute"]))
    statements = list(m.statements)
    relations = list(m.relations)
    agents = list(m.agents)
    by = draw(st.none() | st.sampled_from(agents)) if agents else None
    text = draw(texts)
    if kind == "claim" or not statements:
        return lambda: m.claim(text, by=by, reconstructed=draw(st.booleans()))
    if kind == "factor":
        free = [
            s for s in statements if m.statements[s].kind == "factor" and m.opposite_of(s) is None
        ]
        opposite = draw(st.none() | st.sampled_from(free)) if free else None
        return lambda: m.factor(text, opposite=opposite, by=by)
    if kind == "support":
        if relations and draw(st.booleans()):
            conclusion = draw(st.sampled_from(relations))
        else:
            conclusion = draw(st.sampled_from(statements))
        pool = [s for s in statements if s != conclusion]
        if not pool:
            return lambda: m.claim(text)
        premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        scheme = draw(st.none() | st.just("cause to effect"))
        return lambda: m.support(premises, conclusion, scheme=scheme, by=by)
    if kind == "attack":
        sort = draw(st.sampled_from(_SORTS))
        attacker = draw(st.sampled_from(statements))
        if sort == "undercut":
            if not relations:
                return lambda: m.claim(text)
            target = draw(st.sampled_from(relations))
        else:
            target = draw(st.sampled_from(statements))
        return lambda: m.attack(attacker, target, sort=sort, by=by)  # type: ignore[arg-type]
    if kind == "causes":
        cause, effect = draw(st.sampled_from(statements)), draw(st.sampled_from(statements))
        polarity = draw(st.sampled_from(_POLARITIES))
        return lambda: m.causes(cause, effect, polarity=polarity, by=by)  # type: ignore[arg-type]
    target = draw(st.sampled_from(statements + relations))
    stance = draw(st.sampled_from(_STANCES))
    reporter = draw(st.none() | st.sampled_from(agents)) if agents else None
    return lambda: m.attribute(target, by=by, stance=stance, reported_by=reporter)  # type: ignore[arg-type]


def _edit(draw: st.DrawFn, m: ArgumentMap, texts: st.SearchStrategy[str] = labels) -> None:
    """Apply one edit: a builder call, a batch that fails, or a removal or replacement."""
    kinds = ["build", "build", "failed batch"]
    for method in ("remove", "replace", "rename"):
        if hasattr(m, method):
            kinds.append(method)
    kind = draw(st.sampled_from(kinds))
    if kind == "build":
        _builder_edit(draw, m, texts)()
    elif kind == "failed batch":
        with pytest.raises(_Undo), m.batch():
            for _ in range(draw(st.integers(1, 3))):
                if hasattr(m, "remove") and draw(st.booleans()):
                    _edit(draw, m, texts)  # undoing a removal or replacement puts records back
                else:
                    _builder_edit(draw, m, texts)()
            raise _Undo
    elif kind == "rename":
        ids = [*m.statements, *m.relations]
        if ids:
            new_id = draw(labels.map(lambda t: "r-" + "".join(t.split())))
            if new_id not in m:
                m.rename(draw(st.sampled_from(ids)), new_id)  # type: ignore[attr-defined]
    elif kind == "remove":
        ids = [*m.statements, *m.relations]
        if ids:
            m.remove(draw(st.sampled_from(ids)), cascade=True)  # type: ignore[attr-defined]
    else:
        _replace(draw, m, texts)


def _replace(draw: st.DrawFn, m: ArgumentMap, texts: st.SearchStrategy[str]) -> None:
    ids = [*m.statements, *m.relations]
    if not ids:
        return
    rid = draw(st.sampled_from(ids))
    record = m[rid]
    changes: dict[str, Any]
    if rid in m.statements:
        changes = {"text": draw(texts)}
    elif record.kind == "causal":
        changes = {"polarity": draw(st.sampled_from(_POLARITIES))}
    elif record.kind == "attack" and record.sort != "undercut":  # type: ignore[union-attr]
        changes = {"sort": draw(st.sampled_from(_SORTS[:2] + _SORTS[3:]))}
    else:
        changes = {"reconstructed": draw(st.booleans())}
    with contextlib.suppress(ArgmapError):  # a refused replacement leaves the map as it was
        m.replace(rid, **changes)  # type: ignore[attr-defined]


@settings(max_examples=80, deadline=None)
@given(maps(max_statements=8, max_relations=10), st.data())
def test_views_and_findings_follow_edits(m: ArgumentMap, data: st.DataObject) -> None:
    check(m)  # builds the claims and causal views and what the checks cache
    to_networkx(m, graph="aif")
    for _ in range(data.draw(st.integers(1, 8))):
        _edit(data.draw, m)
        if data.draw(st.booleans()):
            _assert_fresh(m)  # reads the views, so later edits follow them again
    _assert_fresh(m)


def test_a_followed_view_is_the_same_object_after_an_edit() -> None:
    m = ArgumentMap()
    a = m.claim("A")
    first = to_networkx(m)
    b = m.claim("B")
    m.support(a, b)
    assert to_networkx(m) is first
    assert list(first.edges(keys=True)) == [("c1", "c2", "s1")]


def test_a_new_statement_goes_before_the_relation_nodes() -> None:
    # The AIF graph lists statements, then relations; a claim added later still comes first.
    m = ArgumentMap()
    m.support(m.claim("A"), m.claim("B"))
    aif = to_networkx(m, graph="aif")
    m.claim("C")
    assert list(aif) == ["c1", "c2", "c3", "s1"]
    assert list(aif) == list(to_networkx(m.copy(), graph="aif"))


def test_an_undone_batch_leaves_the_views_as_they_were() -> None:
    m = ArgumentMap()
    m.rebut(m.claim("A"), m.claim("B"))
    before = {name: _snapshot(to_networkx(m, graph=name)) for name in GRAPHS}
    with pytest.raises(_Undo), m.batch():
        c = m.factor("C", id="c")
        m.causes(c, m.factor("D", opposite=c))
        m.undercut(c, "a1")
        raise _Undo
    assert {name: _snapshot(to_networkx(m, graph=name)) for name in GRAPHS} == before


def test_one_rebut_keeps_the_views_and_the_findings_of_other_checks() -> None:
    m = ArgumentMap()
    with m.batch():
        claims = [m.claim(f"Claim {i}").id for i in range(30)]
        for i in range(1, 30):
            m.support(claims[i], claims[i // 2])
    before = check(m)
    view = to_networkx(m)
    state = m.cached(("checks", "state"), lambda: None)
    m.rebut(claims[7], claims[20])
    after = check(m)
    assert to_networkx(m) is view
    assert m.cached(("checks", "state"), lambda: None) is state
    new = sorted(set(after) - set(before))
    assert [f.code for f in new] == ["AM204"]
    assert after == check(ArgumentMap.from_document(m.to_document()))


def test_a_view_nobody_reads_while_the_map_grows_is_built_again() -> None:
    # Following every change of a bulk build would cost more than one build after it.
    m = ArgumentMap()
    first = to_networkx(m)
    for i in range(1500):
        m.claim(f"Claim {i}")
    again = to_networkx(m)
    assert again is not first and again.number_of_nodes() == 1500
    m.claim("One more")
    assert to_networkx(m) is again


def test_alias_candidates_follow_a_link_between_look_alikes() -> None:
    m = ArgumentMap()
    gang = m.factor("Tren de Aragua strength")
    train = m.factor("Aragua train strength")
    assert "AM901" in {f.code for f in check(m)}
    with pytest.raises(_Undo), m.batch():
        m.causes(gang, train)
        assert "AM901" not in {f.code for f in check(m)}
        raise _Undo
    assert "AM901" in {f.code for f in check(m)}
    m.causes(train, gang)
    assert "AM901" not in {f.code for f in check(m)}
    assert check(m) == check(ArgumentMap.from_document(m.to_document()))


def test_an_attack_between_premises_linked_twice_is_checked_in_full() -> None:
    # Which of two supports names the attack is a matter of the relations' order, which a
    # partial run cannot see: the check runs in full, and says what a cold run says.
    m = ArgumentMap()
    a, b, c, d = (m.claim(t) for t in "ABCD")
    m.support([a, b], c)
    m.support([a, b], d)
    check(m)
    m.rebut(a, b)
    found = [f for f in check(m) if f.code == "AM103"]
    assert [f.ids for f in found] == [("c1", "c2", "a1", "s1")]
    assert check(m) == check(ArgumentMap.from_document(m.to_document()))


# Words that make look-alike labels (plurals, near spellings, a negation, small words), so that
# AM901's blocking files labels together and apart as they change.
_LOOK_ALIKE_WORDS = [
    "train",
    "trains",
    "tren",
    "trenes",
    "gang",
    "gangs",
    "aragua",
    "strength",
    "strong",
    "not",
    "the",
    "of",
    "blockade",
    "venezuela",
    "oil",
]
_look_alikes = st.lists(st.sampled_from(_LOOK_ALIKE_WORDS), min_size=1, max_size=3).map(" ".join)


def _assert_alias_pairs_fresh(m: ArgumentMap) -> None:
    # Every look-alike pair, linked or not, as an index built afresh finds them.
    assert alias_index(m).pairs() == AliasIndex(m).pairs()
    assert check(m, select="AM901") == check(
        ArgumentMap.from_document(m.to_document()), select="AM901"
    )


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([1, 2, 3, 50]), st.data())
def test_look_alike_labels_follow_edits(cap: int, data: st.DataObject) -> None:
    # A small block cap makes words cross it (block, stop blocking) as labels come and go.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hygiene, "_BLOCK_CAP", cap)
        m = ArgumentMap()
        for _ in range(data.draw(st.integers(2, 10))):
            _builder_edit(data.draw, m, _look_alikes)()
        check(m)
        for _ in range(data.draw(st.integers(1, 10))):
            _edit(data.draw, m, _look_alikes)
            if data.draw(st.booleans()):
                _assert_alias_pairs_fresh(m)
        _assert_alias_pairs_fresh(m)
        _assert_fresh(m)


def test_a_word_that_stops_blocking_refiles_the_labels_that_hold_it() -> None:
    # With a cap of 2, "gang" blocks while two labels hold it; a third makes it too common,
    # and the first two no longer meet through it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hygiene, "_BLOCK_CAP", 2)
        m = ArgumentMap()
        m.claim("gang aragua oil strength", id="a")
        m.claim("gang aragua oil strength tren", id="b")
        assert [f.ids for f in check(m, select="AM901")] == [("a", "b")]
        m.claim("gang strength venezuela", id="c")
        assert check(m, select="AM901") == check(m.copy(), select="AM901")
        m.remove("c")
        assert [f.ids for f in check(m, select="AM901")] == [("a", "b")]


def test_labels_with_one_word_set_meet_its_least_id_as_it_changes() -> None:
    # No word blocks under a cap of 1: labels with the same words meet the least id among them.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hygiene, "_BLOCK_CAP", 1)
        m = ArgumentMap()
        m.claim("gang train", id="b")
        m.claim("train gang", id="c")
        assert [f.ids for f in check(m, select="AM901")] == [("b", "c")]
        m.claim("the gang train", id="a")
        assert [f.ids for f in check(m, select="AM901")] == [("a", "b"), ("a", "c")]
        assert check(m, select="AM901") == check(m.copy(), select="AM901")
        m.remove("a")
        assert [f.ids for f in check(m, select="AM901")] == [("b", "c")]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_causal_findings_follow_links_and_who_asserts_them(data: st.DataObject) -> None:
    # A few factors and agents, so that links meet in one pair (AM401) or one effect (AM406).
    m = ArgumentMap()
    agents = [m.agent(name).id for name in ("Petro", "Maduro", "Noem")]
    factors = [m.factor(text).id for text in ("blockade", "emigration", "gang", "fear")]
    check(m)
    for _ in range(data.draw(st.integers(1, 12))):
        links = list(m.relations)
        kind = data.draw(st.sampled_from(["link", "link", "attribute", "remove", "polarity"]))
        if kind == "link" or not links:
            cause, effect = data.draw(st.sampled_from(factors)), data.draw(st.sampled_from(factors))
            m.causes(
                cause,
                effect,
                polarity=data.draw(st.sampled_from(_POLARITIES)),
                by=data.draw(st.none() | st.sampled_from(agents)),
            )
        elif kind == "attribute":
            m.attribute(data.draw(st.sampled_from(links)), by=data.draw(st.sampled_from(agents)))
        elif kind == "remove":
            m.remove(data.draw(st.sampled_from(links)), cascade=True)  # type: ignore[attr-defined]
        else:
            polarity = data.draw(st.sampled_from(_POLARITIES))
            m.replace(data.draw(st.sampled_from(links)), polarity=polarity)  # type: ignore[attr-defined]
        if data.draw(st.booleans()):
            assert check(m, select="AM4") == check(m.copy(), select="AM4")
    assert check(m) == check(ArgumentMap.from_document(m.to_document()))


def test_a_renamed_statement_keeps_its_place_in_the_same_views() -> None:
    m = ArgumentMap()
    a, b, c = (m.claim(t).id for t in "ABC")
    m.support(a, b)
    m.rebut(c, a)
    m.causes(m.factor("F", id="f"), m.factor("G", id="g"))
    views = {name: to_networkx(m, graph=name) for name in ("claims", "aif", "causal-links")}
    m.rename(a, "first")  # type: ignore[attr-defined]
    m.rename("f", "f2")  # type: ignore[attr-defined]
    cold = ArgumentMap.from_document(m.to_document())
    for name, view in views.items():
        assert to_networkx(m, graph=name) is view, name
        assert _snapshot(view) == _snapshot(to_networkx(cold, graph=name)), name
    assert list(views["claims"])[:3] == ["first", "c2", "c3"]


def test_a_renamed_factor_is_named_anew_by_its_opposite_in_the_causal_view() -> None:
    m = ArgumentMap()
    m.factor("A", id="a")
    m.factor("B", id="b", opposite="a")
    view = to_networkx(m, graph="causal-links")
    m.rename("b", "bb")  # type: ignore[attr-defined]
    assert to_networkx(m, graph="causal-links") is view
    assert view.nodes["a"]["opposite"] == "bb"
    assert _snapshot(view) == _snapshot(to_networkx(m.copy(), graph="causal-links"))


def test_a_link_nobody_asserts_is_explained_by_an_asserted_chain_after_a_check() -> None:
    m = ArgumentMap()
    petro = m.agent("Petro", id="petro")
    blockade, mig, gang = (m.factor(t, id=t) for t in ("blockade", "mig", "gang"))
    m.causes(blockade, mig, by=petro)
    m.causes(mig, gang, by=petro)
    assert "AM404" not in {f.code for f in check(m)}
    m.causes(blockade, gang)  # nobody asserts it; the explained links follow the change
    found = check(m)
    assert "AM404" in {f.code for f in found}
    assert found == check(m.copy())
