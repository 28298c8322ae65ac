"""Editing a map: remove, replace, rename and merge, all or nothing, inside batches too."""

from __future__ import annotations

import contextlib
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    Attribution,
    DuplicateIdError,
    OptionError,
    SpanError,
    StructureError,
    UnknownIdError,
    generate_json,
    parse_json,
)
from argmap.model import Agent, Factor, MapDocument, Source
from tests.strategies import maps, rich_maps

EDITS = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
# Maps built by hand, and maps read from documents (forward references, every field, any text).
ANY_MAPS = maps(max_statements=8, max_relations=10) | rich_maps(max_statements=6, max_relations=6)


class Tracker:
    """A cached value that follows every change event: it must always hold what the map holds."""

    def __init__(self, m: ArgumentMap) -> None:
        self.held: Counter[int] = Counter(id(x) for x in _everything(m))
        self.keep = [*_everything(m)]  # ids of dead objects could be reused

    def follow(self, added: Any, removed: Any) -> bool:
        for x in removed:
            self.held[id(x)] -= 1
        for x in added:
            self.held[id(x)] += 1
            self.keep.append(x)
        return True


def _everything(m: ArgumentMap) -> list[Any]:
    return [
        *m.agents.values(),
        *m.sources.values(),
        *m.statements.values(),
        *m.relations.values(),
        *m.attributions,
    ]


def _track(m: ArgumentMap) -> Tracker:
    return m.cached("test-tracker", lambda: Tracker(m))


def _assert_tracked(m: ArgumentMap, tracker: Tracker) -> None:
    assert m.cached("test-tracker", lambda: None) is tracker, "the tracker was dropped"
    held = +tracker.held  # drops zero counts
    assert held == Counter(id(x) for x in _everything(m))


def _assert_sound(m: ArgumentMap) -> None:
    """The map equals one built directly from its records, indexes included, and saves."""
    fresh = ArgumentMap.from_document(m.to_document())
    assert fresh == m
    assert m._by_target == fresh._by_target
    assert m._opposites == fresh._opposites
    assert parse_json(generate_json(m)) == m


def _canonical(m: ArgumentMap) -> tuple[Any, ...]:
    """The map's content regardless of order."""

    def key(x: Any) -> str:
        return str(x.model_dump_json())

    return (
        m.title,
        sorted(map(key, m.agents.values())),
        sorted(map(key, m.sources.values())),
        sorted(map(key, m.statements.values())),
        sorted(map(key, m.relations.values())),
        sorted(map(key, m.attributions)),
    )


def _edit(m: ArgumentMap, data: st.DataObject) -> None:
    """One random edit; one that fails must leave the map as it was."""
    ids = [*m.agents, *m.sources, *m.statements, *m.relations]
    choice = data.draw(st.sampled_from(["remove", "cascade", "replace", "rename", "stance"]))
    before = m.to_document()
    try:
        if choice in ("remove", "cascade") and ids:
            m.remove(data.draw(st.sampled_from(ids)), cascade=choice == "cascade")
        elif choice == "replace" and ids:
            rid = data.draw(st.sampled_from(ids))
            record = m[rid]
            change: dict[str, Any] = {}
            if record.kind == "claim":
                change = {"text": data.draw(st.text(min_size=1, max_size=5)), "tags": ["t"]}
            elif record.kind == "factor":
                others = [s.id for s in m.factors()]
                change = {"opposite": data.draw(st.none() | st.sampled_from(others))}
            elif record.kind == "causal":
                change = {"polarity": data.draw(st.sampled_from(["+", "-", "0", "?", "x"]))}
            elif record.kind == "attack":
                change = {"sort": data.draw(st.sampled_from(["rebut", "undercut", "contradict"]))}
            elif record.kind == "support":
                change = {"conclusion": data.draw(st.sampled_from(ids))}
            elif record.kind == "agent":
                change = {"name": "Renamed", "role": None}
            else:
                change = {"title": "Retitled"}
            m.replace(rid, **change)
        elif choice == "rename" and ids:
            rid = data.draw(st.sampled_from(ids))
            m.rename(rid, data.draw(st.sampled_from(["n1", "n2", *ids])))
        elif choice == "stance" and m.attributions:
            old = data.draw(st.sampled_from(list(m.attributions)))
            m.replace_attribution(old, stance=data.draw(st.sampled_from(["denies", "asserts"])))
    except (StructureError, UnknownIdError, DuplicateIdError) as err:
        assert m.to_document() == before, f"a failed edit left a trace: {err}"


@EDITS
@given(ANY_MAPS, st.data())
def test_any_sequence_of_edits_leaves_a_sound_map_and_exact_events(
    m: ArgumentMap, data: st.DataObject
) -> None:
    tracker = _track(m)
    for _ in range(data.draw(st.integers(1, 6))):
        _edit(m, data)
        _assert_tracked(m, tracker)
    _assert_sound(m)


@EDITS
@given(maps(max_statements=8, max_relations=10), st.data())
def test_a_failing_batch_undoes_every_edit_in_place(m: ArgumentMap, data: st.DataObject) -> None:
    before = m.copy()
    tracker = _track(m)
    with pytest.raises(KeyError), m.batch():
        m.claim("added first")
        for _ in range(data.draw(st.integers(1, 4))):
            _edit(m, data)
            if data.draw(st.booleans()):
                with m.batch():  # an inner batch that succeeds
                    _edit(m, data)
        m.claim("added last")
        raise KeyError("stop")
    assert m == before
    assert m.to_document() == before.to_document()  # the order too
    _assert_tracked(m, tracker)
    _assert_sound(m)
    assert m.claim("next").id == before.claim("next").id


@EDITS
@given(ANY_MAPS, st.data())
def test_remove_with_cascade_then_adding_back_restores_the_map(
    m: ArgumentMap, data: st.DataObject
) -> None:
    before = m.copy()
    ids = [*m.agents, *m.sources, *m.statements, *m.relations]
    removed = m.remove(data.draw(st.sampled_from(ids)), cascade=True)
    for record in removed:
        if isinstance(record, Attribution):
            m.add_attribution(record)
        else:
            m.add(record)
    # Equal maps hold the same records; the re-added ones come last, as in a dict.
    assert m == before
    assert _canonical(m) == _canonical(before)
    _assert_sound(m)


@EDITS
@given(ANY_MAPS, st.data())
def test_rename_there_and_back_is_the_identity(m: ArgumentMap, data: st.DataObject) -> None:
    before = m.copy()
    ids = [*m.agents, *m.sources, *m.statements, *m.relations]
    rid = data.draw(st.sampled_from(ids))
    assume("fresh-id" not in m)
    renamed = m.rename(rid, "fresh-id")
    assert renamed.id == "fresh-id" and rid not in m
    _assert_sound(m)
    m.rename("fresh-id", rid)
    assert m == before


@EDITS
@given(ANY_MAPS)
def test_merging_a_copy_keeps_the_map(m: ArgumentMap) -> None:
    before = m.copy()
    mapping = m.merge(m.copy(), on_conflict="keep")
    assert m == before
    ids = [*m.agents, *m.sources, *m.statements, *m.relations]
    assert set(mapping) == set(ids)


@EDITS
@given(maps(max_statements=6, max_relations=6), maps(max_statements=6, max_relations=6))
def test_merging_two_maps_gives_a_sound_map(a: ArgumentMap, b: ArgumentMap) -> None:
    for how in ("keep", "replace", "rename"):
        merged = a.copy()
        try:
            mapping = merged.merge(b, on_conflict=how)
        except (StructureError, UnknownIdError, SpanError) as err:
            # Keeping this map's source while the other's quotes point into a different
            # text, or a replacement that breaks a relation of this map, is refused whole.
            assert merged == a, err
            continue
        _assert_sound(merged)
        assert all(target in merged for target in mapping.values())


# --------------------------------------------------------------------- examples and errors


@pytest.fixture
def m() -> ArgumentMap:
    m = ArgumentMap(title="Edits")
    petro = m.agent("Gustavo Petro", id="petro")
    post = m.source("Post", id="post", text="Exclusion only leads to more violence.")
    exclusion = m.factor("exclusion", id="exclusion")
    m.factor("inclusion", id="inclusion", opposite=exclusion)
    violence = m.factor("violence", id="violence")
    m.causes(
        exclusion,
        violence,
        id="l1",
        by=petro,
        quote=m.quote(post, "Exclusion only leads to more violence"),
    )
    m.claim("Youth programmes work", id="works")
    m.support("works", "l1", id="backing")
    m.undercut("works", "l1", id="cut")
    return m


def test_remove_names_every_dependent(m: ArgumentMap) -> None:
    with pytest.raises(StructureError) as caught:
        m.remove("l1")
    message = str(caught.value)
    assert "causal 'l1'" in message
    for dependent in ("support 'backing'", "attack 'cut'", "attribution of 'l1' by 'petro'"):
        assert dependent in message
    assert "cascade=True" in message
    assert "l1" in m


def test_remove_of_an_agent_or_source_names_the_attributions(m: ArgumentMap) -> None:
    for rid in ("petro", "post"):
        with pytest.raises(StructureError, match=r"attribution of 'l1' by 'petro'"):
            m.remove(rid)


def test_remove_of_a_factor_named_as_opposite_names_the_other(m: ArgumentMap) -> None:
    with pytest.raises(StructureError, match=r"exclusion'.*factor 'inclusion'"):
        m.remove("exclusion")
    m.replace("inclusion", opposite=None)
    m.remove("inclusion")
    assert m.opposite_of("exclusion") is None


def test_cascade_removes_transitively_in_an_order_to_add_back(m: ArgumentMap) -> None:
    removed = m.remove("exclusion", cascade=True)
    names = [r.id if not isinstance(r, Attribution) else "attr" for r in removed]
    assert names == ["exclusion", "inclusion", "l1", "backing", "cut", "attr"]
    assert sorted(m.statements) == ["violence", "works"] and not m.relations


def test_remove_of_an_attribution(m: ArgumentMap) -> None:
    (attribution,) = m.attributions_of("l1")
    assert m.remove(attribution) == [attribution]
    assert m.attributions_of("l1") == [] and "l1" in m


def test_remove_of_an_unknown_id_suggests_close_ones(m: ArgumentMap) -> None:
    with pytest.raises(UnknownIdError, match=r"'petr'.*'petro'"):
        m.remove("petr")


def test_replace_validates_like_a_builder(m: ArgumentMap) -> None:
    with pytest.raises(StructureError, match=r"causal 'l1' has no field 'colour'"):
        m.replace("l1", colour="red")
    with pytest.raises(StructureError, match=r"'id'.*use rename"):
        m.replace("l1", id="l2")
    with pytest.raises(StructureError, match=r"polarity"):
        m.replace("l1", polarity="up")
    with pytest.raises(UnknownIdError, match=r"'nowhere'"):
        m.replace("backing", conclusion="nowhere")
    with pytest.raises(StructureError, match=r"undercut 'cut' targets 'works', a claim"):
        m.replace("cut", target="works", attacker="violence")
    with pytest.raises(StructureError, match=r"factor 'exclusion' already has the opposite"):
        m.replace("violence", opposite="exclusion")
    assert m["l1"].polarity == "+"  # type: ignore[union-attr]
    new = m.replace("l1", polarity="-", mechanism="recruitment")
    assert m["l1"] is new and new.polarity == "-"  # type: ignore[union-attr]
    assert list(m.relations) == ["l1", "backing", "cut"], "a replacement keeps its place"


def test_replace_of_a_source_text_keeps_its_quotes_true(m: ArgumentMap) -> None:
    with pytest.raises(SpanError, match=r"source 'post'.*attribution of 'l1' by 'petro'"):
        m.replace("post", text="Something else entirely, longer than before.")
    m.replace("post", text="Exclusion only leads to more violence. And more.")


def test_replace_attribution_changes_stance_and_quote_in_place(m: ArgumentMap) -> None:
    m.attribute("works", by="petro")
    first, _ = m.attributions
    new = m.replace_attribution(first, stance="questions", quote=None)
    assert m.attributions[0] is new and new.quote is None and new.stance == "questions"
    with pytest.raises(StructureError, match=r"no field 'speaker'"):
        m.replace_attribution(new, speaker="petro")
    with pytest.raises(UnknownIdError, match=r"'noem'"):
        m.replace_attribution(new, agent="noem")
    with pytest.raises(UnknownIdError, match=r"attribution"):
        m.replace_attribution(first, stance="denies")  # no longer in the map


def test_rename_moves_every_reference(m: ArgumentMap) -> None:
    m.rename("l1", "link")
    assert m["backing"].conclusion == "link"  # type: ignore[union-attr]
    assert m["cut"].target == "link"  # type: ignore[union-attr]
    assert m.attributions_of("link")[0].target == "link"
    m.rename("exclusion", "excl")
    assert m["inclusion"].opposite == "excl"  # type: ignore[union-attr]
    assert m.opposite_of("excl") == "inclusion" and m["link"].cause == "excl"  # type: ignore[union-attr]
    m.rename("post", "the-post")
    m.rename("petro", "gp")
    (attribution,) = m.attributions_of("link")
    assert attribution.agent == "gp" and attribution.quote is not None
    assert attribution.quote.source == "the-post"


def test_rename_errors_name_the_ids(m: ArgumentMap) -> None:
    with pytest.raises(DuplicateIdError, match=r"'works'.*claim"):
        m.rename("l1", "works")
    with pytest.raises(StructureError, match=r"invalid Claim"):
        m.rename("works", "has space")
    with pytest.raises(UnknownIdError, match=r"'wrks'.*'works'"):
        m.rename("wrks", "x")


def test_merge_joins_agents_by_name_and_sources_by_text() -> None:
    mine, yours = ArgumentMap(), ArgumentMap()
    mine.agent("Gustavo Petro", id="petro")
    mine.source("Post", id="post", text="Love ends violence.")
    yours.agent("Gustavo Petro", id="gp")
    yours.source("The post", id="p", text="Love ends violence.")
    c = yours.claim("Love ends violence", id="love", by="gp", quote=yours.quote("p", "Love"))
    mapping = mine.merge(yours)
    assert mapping == {"gp": "petro", "p": "post", "love": "love"}
    (attribution,) = mine.attributions_of(c)
    assert (attribution.agent, attribution.quote.source) == ("petro", "post")  # type: ignore[union-attr]
    assert list(mine.agents) == ["petro"] and list(mine.sources) == ["post"]


def test_merge_conflicts() -> None:
    mine, yours = ArgumentMap(), ArgumentMap()
    mine.claim("Mine", id="c1")
    yours.claim("Yours", id="c1")
    yours.claim("Other", id="c2")
    yours.support("c2", "c1", id="s1")
    mine.claim("Mine too", id="s1")
    with pytest.raises(
        StructureError, match=r"merge conflict on 2 id\(s\): claim 'c1', claim 's1'"
    ):
        mine.merge(yours)
    assert list(mine.statements) == ["c1", "s1"], "a failed merge leaves no trace"
    mine.remove("s1")
    with pytest.raises(OptionError, match=r"on_conflict 'ignore'"):
        mine.merge(yours, on_conflict="ignore")  # type: ignore[arg-type]
    kept = mine.copy()
    kept.merge(yours, on_conflict="keep")
    assert kept["c1"].text == "Mine" and kept["s1"].conclusion == "c1"  # type: ignore[union-attr]
    replaced = mine.copy()
    replaced.merge(yours, on_conflict="replace")
    assert replaced["c1"].text == "Yours"  # type: ignore[union-attr]
    renamed = mine.copy()
    assert renamed.merge(yours, on_conflict="rename")["c1"] == "c1-2"
    assert renamed["s1"].conclusion == "c1-2"  # type: ignore[union-attr]


def test_edits_inside_a_batch_are_undone_with_it(m: ArgumentMap) -> None:
    before = m.copy()
    with pytest.raises(UnknownIdError), m.batch():
        m.rename("works", "w")
        m.remove("exclusion", cascade=True)
        m.replace("violence", label="harm")
        m.claim("new")
        m.support("w", "nowhere")
    assert m == before
    assert m.opposite_of("inclusion") == "exclusion"
    assert [a.target for a in m.attributions] == ["l1"]


def test_records_are_agents_and_sources_too() -> None:
    m = ArgumentMap()
    agent = m.agent("A", id="a")
    source = m.source("S", id="s")
    assert isinstance(m.replace(agent, role="x"), Agent)
    assert isinstance(m.rename(source, "t"), Source)
    assert m.remove("a") == [m.agents.get("a") or agent.model_copy(update={"role": "x"})]


def test_factors_that_name_each_other_stay_paired() -> None:
    doc = MapDocument(
        statements=(
            Factor(id="x", label="x", opposite="y"),
            Factor(id="y", label="y", opposite="x"),
            Factor(id="z", label="z"),
        )
    )
    m = ArgumentMap.from_document(doc)
    with pytest.raises(StructureError, match=r"factor 'y' names 'x' as its opposite"):
        m.replace("x", opposite="z")
    m.replace("x", opposite=None)
    assert m.opposite_of("x") == "y"
    _assert_sound(m)
    m.replace("y", opposite=None)
    assert m.opposite_of("x") is None
    _assert_sound(m)


def test_a_failing_inner_batch_undoes_only_its_own_edits(m: ArgumentMap) -> None:
    with m.batch():
        m.replace("works", text="Programmes work")
        after_outer_edit = m.copy()
        with pytest.raises(KeyError), m.batch():
            m.remove("exclusion", cascade=True)
            m.rename("petro", "gp")
            raise KeyError("inner")
        assert m == after_outer_edit
        m.rename("works", "w")
    assert m["w"].text == "Programmes work"  # type: ignore[union-attr]
    assert m.opposite_of("exclusion") == "inclusion" and "petro" in m
    _assert_sound(m)


@EDITS
@given(ANY_MAPS, st.data())
def test_the_references_index_follows_edits_exactly(m: ArgumentMap, data: st.DataObject) -> None:
    """remove and rename ask an index who names an id; edited, it equals one built afresh."""
    from argmap.model.editing import _REFERENCES, _References

    m._naming(set())  # builds the index, which then follows every change
    for _ in range(data.draw(st.integers(1, 6))):
        if data.draw(st.booleans()):
            _edit(m, data)
        else:
            with contextlib.suppress(KeyError), m.batch():
                _edit(m, data)
                m.claim("added in a batch that fails")
                raise KeyError("undo")
        if data.draw(st.booleans()):
            m.claim("a newcomer")  # filed last, as the index files it
    kept = m._cache.get(_REFERENCES)
    if kept is not None:  # a change it could not follow drops it, to be built again
        fresh = _References(m._statements, m._relations)
        # Order included: dicts compare equal whatever their order, so compare lists.
        assert {k: list(v) for k, v in kept.relations.items()} == {
            k: list(v) for k, v in fresh.relations.items()
        }
        assert {k: list(v) for k, v in kept.factors.items()} == {
            k: list(v) for k, v in fresh.factors.items()
        }
    for rid in [*m.statements, *m.relations]:
        expected = [r.id for r in m.relations.values() if rid in _refs_of(r)]
        assert [r.id for r in m._naming({rid}) if r.kind != "factor"] == expected


def _refs_of(record: Any) -> list[str]:
    if record.kind == "support":
        return [*record.premises, record.conclusion]
    if record.kind == "attack":
        return [record.attacker, record.target]
    return [record.cause, record.effect]
