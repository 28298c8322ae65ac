"""Queries of a map: subset, perspective, find, by, and unknown ids that say so."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    OptionError,
    StructureError,
    UnknownIdError,
    generate_json,
    parse_json,
    perspective,
)
from argmap.model import Attack, CausalLink, Support
from tests.strategies import maps

ROOT = Path(__file__).resolve().parents[1]


def _ends(rel: Support | Attack | CausalLink) -> tuple[str, ...]:
    if isinstance(rel, Support):
        return (*rel.premises, rel.conclusion)
    if isinstance(rel, Attack):
        return (rel.attacker, rel.target)
    return (rel.cause, rel.effect)


def _round_trips(m: ArgumentMap) -> None:
    again = parse_json(generate_json(m))
    assert again == m
    assert ArgumentMap.from_document(m.to_document()) == m


@pytest.fixture
def story() -> ArgumentMap:
    """Petro tells a chain; Noem reports what Petro said; the analyst adds a step."""
    m = ArgumentMap(title="Story")
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    src = m.source("Post", id="post", text="The blockade strengthened the gang. Not friends.")
    inc = m.factor("inclusion", id="inclusion", tags=["youth"])
    m.factor("exclusion", id="exclusion", opposite=inc, tags=["youth"])
    blockade = m.factor("blockade", id="blockade", tags=["economy"])
    gang = m.factor("gang strength", id="gang")
    m.causes(blockade, "exclusion", by=petro, id="l1")
    m.causes("exclusion", gang, reconstructed=True, id="l2")
    m.causes(blockade, gang, by=petro, id="l3", quote=m.quote(src, "blockade strengthened"))
    friends = m.claim("Gang members are Petro's friends", id="friends", by=petro, reported_by=noem)
    m.attribute(friends, by=petro, stance="denies", quote=m.quote(src, "Not friends"))
    never = m.claim("Petro never met a gang member", id="never", by=petro)
    m.undermine(never, friends, id="a1")
    defends = m.claim("Petro defends the gang", id="defends", by=noem)
    m.support(friends, defends, id="s1", by=noem)
    m.undercut(never, "s1", id="a2", by=petro)
    return m


# --------------------------------------------------------------------------- subset
def test_subset_of_nothing_asked_is_the_whole_map(story: ArgumentMap) -> None:
    assert story.subset() == story
    assert story.subset() is not story


def test_subset_of_statements_keeps_the_relations_among_them(story: ArgumentMap) -> None:
    part = story.subset(statements=["blockade", "gang"])
    assert sorted(part.statements) == ["blockade", "gang"]
    assert sorted(part.relations) == ["l3"]
    # The attribution of l3 came along, and with it Petro and the post it quotes.
    assert list(part.agents) == ["petro"] and list(part.sources) == ["post"]
    _round_trips(part)


def test_subset_depth_widens_by_relations(story: ArgumentMap) -> None:
    assert sorted(story.subset(statements="gang").statements) == ["gang"]
    one = story.subset(statements="gang", depth=1)
    assert sorted(one.statements) == ["blockade", "exclusion", "gang"]
    assert sorted(one.relations) == ["l1", "l2", "l3"]  # l1 joins two statements kept
    two = story.subset(statements="gang", depth=2)
    assert "inclusion" not in two  # opposites are a pairing, not a relation


def test_subset_drops_an_opposite_cleanly(story: ArgumentMap) -> None:
    part = story.subset(statements=["exclusion"])
    assert part["exclusion"].opposite is None  # type: ignore[union-attr]
    assert part.opposite_of("exclusion") is None
    both = story.subset(tags="youth")
    assert both.opposite_of("inclusion") == "exclusion"


def test_subset_without_reconstructions_drops_what_needs_them(story: ArgumentMap) -> None:
    part = story.subset(reconstructed=False)
    assert "l2" not in part.relations and len(part.relations) == len(story.relations) - 1
    ArgumentMap.from_document(part.to_document())
    m = ArgumentMap()
    a, b = m.claim("a", id="a"), m.claim("b", id="b", reconstructed=True)
    s = m.support(a, b, id="s")
    m.undercut(m.claim("c", id="c"), s, id="u")
    part = m.subset(reconstructed=False)
    assert sorted(part.statements) == ["a", "c"] and not part.relations


def test_subset_of_an_undercut_brings_the_inference_it_attacks(story: ArgumentMap) -> None:
    part = story.subset(speakers="petro")
    # Petro undercuts s1, which Noem draws: s1 and its ends come along, as a2 needs them.
    assert {"a2", "s1"} <= set(part.relations)
    assert {"defends", "friends", "never"} <= set(part.statements)
    _round_trips(part)


def test_subset_selectors_combine_as_and(story: ArgumentMap) -> None:
    part = story.subset(speakers="petro", tags="economy")
    assert sorted(part.statements) == []
    part = story.subset(speakers=["petro", "noem"], tags=["economy", "youth"])
    assert part.statements == {}
    part = story.subset(statements=["blockade", "gang", "exclusion"], speakers="petro")
    # Petro tells none of these statements; only the links he tells bring them in.
    assert sorted(part.relations) == []


@pytest.mark.parametrize(
    ("options", "error", "fragment"),
    [
        ({"statements": ["gnag"]}, UnknownIdError, "did you mean 'gang'"),
        ({"statements": ["petro"]}, StructureError, "'petro' is an agent, expected a statement"),
        ({"speakers": "pedro"}, UnknownIdError, "unknown agent id 'pedro'"),
        ({"speakers": "gang"}, StructureError, "expected an agent"),
        ({"tags": ["econmy"]}, UnknownIdError, "unknown tag id 'econmy' (did you mean 'economy'"),
        ({"depth": -1}, OptionError, "depth=-1"),
        ({"statements": []}, OptionError, "statements= is empty"),
    ],
)
def test_subset_refuses_what_the_map_does_not_hold(
    story: ArgumentMap, options: dict[str, object], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error) as caught:
        story.subset(**options)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


@st.composite
def _maps_and_selection(draw: st.DrawFn) -> tuple[ArgumentMap, dict[str, object]]:
    m = draw(maps())
    options: dict[str, object] = {
        "reconstructed": draw(st.booleans()),
        "depth": draw(st.integers(0, 2)),
    }
    if draw(st.booleans()):
        options["statements"] = draw(st.lists(st.sampled_from(sorted(m.statements)), min_size=1))
    if bool(m.agents) and draw(st.booleans()):
        options["speakers"] = draw(st.lists(st.sampled_from(sorted(m.agents)), min_size=1))
    tags = sorted({t for r in (*m.statements.values(), *m.relations.values()) for t in r.tags})
    if bool(tags) and draw(st.booleans()):
        options["tags"] = draw(st.lists(st.sampled_from(tags), min_size=1))
    return m, options


@settings(max_examples=60)
@given(_maps_and_selection())
def test_subset_always_yields_a_valid_map(drawn: tuple[ArgumentMap, dict[str, object]]) -> None:
    m, options = drawn
    before = m.copy()
    part = m.subset(**options)  # type: ignore[arg-type]
    assert m == before  # the map itself is untouched
    _round_trips(part)
    for sid, statement in part.statements.items():
        original = m[sid]
        assert statement.model_dump(exclude={"opposite"}) == original.model_dump(
            exclude={"opposite"}
        )
    for rid, rel in part.relations.items():
        assert rel == m[rid]
        if not options["reconstructed"]:
            assert not rel.reconstructed
    if not options["reconstructed"]:
        assert not any(s.reconstructed for s in part.statements.values())
    if set(options) == {"reconstructed", "depth"} and options["reconstructed"]:
        assert part == m


# --------------------------------------------------------------------------- perspective
def _told_by(m: ArgumentMap, agent: str) -> set[str]:
    return {a.target for a in m.attributions if agent in (a.agent, a.reported_by)}


def _the_agents(original: ArgumentMap, part: ArgumentMap, agent: str) -> set[str]:
    """The statements that are the agent's: told by them, or named by a relation they tell
    (or by a relation that such a relation names, and so on)."""
    told = _told_by(original, agent)
    mine = {t for t in told if t in original.statements}
    relations = [r for r in told if r in part.relations]
    seen: set[str] = set()
    while relations:
        rid = relations.pop()
        if rid in seen:
            continue
        seen.add(rid)
        for end in _ends(part.relations[rid]):
            if end in part.relations:
                relations.append(end)
            else:
                mine.add(end)
    return mine


def test_perspective_is_what_one_speaker_tells(story: ArgumentMap) -> None:
    noem = perspective(story, "noem")
    assert noem.title == "Story, as Kristi Noem tells it"
    assert sorted(noem.statements) == ["defends", "friends"]
    assert sorted(noem.relations) == ["s1"]
    # Noem reports Petro's assertion: both agents are named; Petro's own denial is not hers.
    assert [(a.agent, a.stance, a.reported_by) for a in noem.attributions_of("friends")] == [
        ("petro", "asserts", "noem")
    ]
    petro = perspective(story, "petro")
    assert "l2" not in petro.relations  # the analyst's step is no one's
    assert {"l1", "l3", "a2"} <= set(petro.relations)
    assert "a1" not in petro.relations  # drawn by no one, though between Petro's claims
    _round_trips(petro)


def test_perspective_of_no_agent_says_what_there_is(story: ArgumentMap) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'petro'"):
        perspective(story, "petr")
    with pytest.raises(StructureError, match="expected an agent"):
        perspective(story, "friends")


@settings(max_examples=60)
@given(maps(), st.data())
def test_a_perspective_is_a_valid_map_of_the_agents_statements(
    m: ArgumentMap, data: st.DataObject
) -> None:
    if not m.agents:
        return
    agent = data.draw(st.sampled_from(sorted(m.agents)))
    part = perspective(m, agent)
    _round_trips(part)
    assert set(part.statements) == _the_agents(m, part, agent)
    assert all(agent in (a.agent, a.reported_by) for a in part.attributions)
    told = _told_by(m, agent)
    for rid in part.relations:
        # A relation of a perspective is told by the agent, or needed by one that is.
        assert rid in told or any(rid in _ends(other) for other in part.relations.values()), rid


# --------------------------------------------------------------------------- the seed
def _seed() -> ArgumentMap:
    path = ROOT / "examples" / "petro_noem.py"
    spec = importlib.util.spec_from_file_location("petro_noem_for_queries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    m: ArgumentMap = module.build_map()
    return m


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return _seed()


def test_each_speaker_of_the_seed_has_a_perspective(seed: ArgumentMap) -> None:
    maduro = perspective(seed, "maduro")
    assert "defeated" in maduro.statements and "strengthened" not in maduro.statements
    # Maduro reports what Washington says: "they're gang members" is in his telling.
    assert "members" in maduro.statements
    petro = perspective(seed, "petro")
    assert {"strengthened", "friends", "never-met", "blockade", "gang"} <= set(petro.statements)
    assert "defeated" not in petro.statements
    # The analyst's reconstructed step of the chain is no speaker's.
    assert "violence-gang" not in petro.relations
    for part in (maduro, petro, perspective(seed, "noem")):
        _round_trips(part)


# --------------------------------------------------------------------------- find
def test_find_ranks_by_words_prefixes_and_misspellings(seed: ArgumentMap) -> None:
    assert seed.find("strengthened")[0].id == "strengthened"
    assert "defeated" in [s.id for s in seed.find("Tren de Aragua defeated", limit=2)]
    assert seed.find("blokade")[0].id == "blockade"  # a misspelt word
    assert seed.find("landless")[0].id == "landlessness"  # the beginning of a word
    assert len(seed.find("the", limit=3)) == 3
    assert seed.find("zzzz qqqq") == []


def test_find_follows_edits_of_the_map() -> None:
    m = ArgumentMap()
    m.claim("The blockade strengthened the gang", id="strengthened")
    assert [s.id for s in m.find("defeated")] == []
    m.claim("The gang was defeated", id="defeated")
    assert [s.id for s in m.find("defeated")] == ["defeated"]
    with pytest.raises(UnknownIdError), m.batch():
        m.claim("Deported migrants", id="deported")
        m.support("deported", "no-such-claim")
    assert m.find("deported") == []  # the undone claim left the index too


@pytest.mark.parametrize(
    ("text", "limit", "fragment"), [("", 5, "nothing to look for"), ("gang", 0, "limit=0")]
)
def test_find_refuses_a_pointless_question(text: str, limit: int, fragment: str) -> None:
    m = ArgumentMap()
    m.claim("gang")
    with pytest.raises(OptionError, match=fragment):
        m.find(text, limit=limit)


@settings(max_examples=30)
@given(maps(), st.data())
def test_find_returns_statements_that_share_a_word(m: ArgumentMap, data: st.DataObject) -> None:
    statement = data.draw(st.sampled_from(list(m.statements.values())))
    found = m.find(statement.text, limit=len(m))
    assert statement in found  # a statement's own words always find it
    assert len({s.id for s in found}) == len(found)


# --------------------------------------------------------------------------- by
def test_by_lists_stances_direct_and_reported(story: ArgumentMap) -> None:
    assert [r.id for r in story.by("petro")] == ["friends", "never", "l1", "l3", "a2"]
    assert [r.id for r in story.by("petro", stance="denies")] == ["friends"]
    # Noem reports Petro's assertion: that is his stance, not hers.
    assert [r.id for r in story.by("noem")] == ["defends", "s1"]


def test_by_an_unknown_agent_or_stance_says_so(story: ArgumentMap) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'noem'"):
        story.by("noen")
    with pytest.raises(StructureError, match="'friends' is a claim, expected an agent"):
        story.by("friends")
    with pytest.raises(OptionError, match="unknown stance 'doubts'"):
        story.by("petro", stance="doubts")  # type: ignore[arg-type]


def test_by_on_the_seed_includes_what_the_article_reports(seed: ArgumentMap) -> None:
    petro = {r.id for r in seed.by("petro")}
    assert {"no-english", "strengthened", "friends", "fumigation-mafia"} <= petro
    assert "members" not in petro
    assert {r.id for r in seed.by("us-government")} == {"members"}


# --------------------------------------------------------------------------- unknown ids
def test_attributions_of_an_unknown_id_or_an_agent_says_so(story: ArgumentMap) -> None:
    assert story.attributions_of("a1") == []  # a relation no one is recorded as drawing
    with pytest.raises(UnknownIdError) as caught:
        story.attributions_of("freinds")
    assert caught.value.candidates == ["friends"]
    with pytest.raises(StructureError, match="'noem' is an agent, expected a statement"):
        story.attributions_of("noem")
    with pytest.raises(StructureError, match="'post' is a source"):
        story.attributions_of("post")


def test_opposite_of_an_unknown_id_says_so(story: ArgumentMap) -> None:
    assert story.opposite_of("exclusion") == "inclusion"
    assert story.opposite_of("never") is None  # a claim has no opposite
    with pytest.raises(UnknownIdError, match="did you mean 'exclusion'"):
        story.opposite_of("exclusoin")
    assert story.opposite_of("l1") is None  # nor has a relation
    with pytest.raises(StructureError, match="'petro' is an agent, expected a statement"):
        story.opposite_of("petro")
    with pytest.raises(StructureError, match="'l1' is a causal link, expected a statement"):
        story.subset(statements="l1")


def test_selectors_take_records_as_well_as_ids(story: ArgumentMap) -> None:
    petro, gang = story["petro"], story["gang"]
    assert story.subset(speakers=petro) == story.subset(speakers="petro")
    assert story.subset(speakers=[petro, "noem"]) == story.subset(speakers=["petro", "noem"])
    assert sorted(story.subset(statements=gang).statements) == ["gang"]
    assert perspective(story, petro) == perspective(story, "petro")


@settings(max_examples=30)
@given(maps(), maps())
def test_the_word_index_follows_edits_as_a_rebuild_would(
    base: ArgumentMap, extra: ArgumentMap
) -> None:
    from argmap.model.queries import _WordIndex

    m = base.copy()
    m.find("x")  # builds the index, which then follows every change
    with pytest.raises(RuntimeError), m.batch():
        for statement in extra.statements.values():
            m.claim(statement.text)
        raise RuntimeError("undo")
    for statement in extra.statements.values():
        m.factor(statement.text)
    kept: _WordIndex = m.cached(_WordIndex, lambda: pytest.fail("the index was dropped"))
    fresh = _WordIndex(m.statements.values())
    assert {w: list(ids) for w, ids in kept.postings.items()} == {
        w: list(ids) for w, ids in fresh.postings.items()
    }
