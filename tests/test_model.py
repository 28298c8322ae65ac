"""The model: builders, lookups, structural errors and quotes."""

from __future__ import annotations

import ast
import gc
import queue
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import (
    AmbiguousQuoteError,
    ArgumentMap,
    Attack,
    Claim,
    DuplicateIdError,
    Quote,
    QuoteNotFoundError,
    SpanError,
    StructureError,
    Support,
    UnknownIdError,
    to_networkx,
)
from argmap.errors import ArgmapError
from tests.strategies import maps, support_chain


@pytest.fixture
def m() -> ArgumentMap:
    m = ArgumentMap(title="Test")
    m.agent("Gustavo Petro", id="petro")
    m.agent("Kristi Noem", id="noem")
    m.source("Post", id="post", text="The gang was strengthened by yourselves. Ñandú ok.")
    m.claim("The blockade strengthened the gang", id="strong")
    m.claim("The gang was defeated", id="defeated")
    return m


def test_builders_return_records_with_generated_ids(m: ArgumentMap) -> None:
    c = m.claim("A")
    f = m.factor("blockade")
    s = m.support(c, "strong")
    a = m.rebut("defeated", "strong")
    link = m.causes(f, "strong", polarity="-")
    assert (c.id, f.id, s.id, a.id, link.id) == ("c1", "f1", "s1", "a1", "l1")
    assert m[c.id] is c and m["l1"] is link
    assert isinstance(s, Support) and s.premises == ("c1",)
    assert isinstance(a, Attack) and a.sort == "rebut"


def test_generated_ids_skip_taken_ones() -> None:
    m = ArgumentMap()
    m.claim("x", id="c1")
    assert m.claim("y").id == "c2"
    assert m.agent("Petro").id == "petro"
    assert m.agent("Petro").id == "petro-2"


def test_len_iter_contains(m: ArgumentMap) -> None:
    assert len(m) == 2
    assert [s.id for s in m] == ["strong", "defeated"]
    assert "petro" in m and "nobody" not in m
    assert m["strong"] in m
    assert Claim(id="strong", text="other") not in m


def test_equality_and_copy_are_independent(m: ArgumentMap) -> None:
    other = m.copy()
    assert other == m
    other.claim("new")
    assert other != m
    assert m != "not a map"


@pytest.mark.parametrize(
    ("build", "error", "fragment"),
    [
        (lambda m: m["stronk"], UnknownIdError, "did you mean 'strong'"),
        (lambda m: m.claim("again", id="strong"), DuplicateIdError, "duplicate id 'strong'"),
        (lambda m: m.agent("P", id="strong"), DuplicateIdError, "already holds a claim"),
        (lambda m: m.support([], "strong"), StructureError, "at least one premise"),
        (lambda m: m.support("strong", "strong"), StructureError, "conclusion among its premises"),
        (lambda m: m.support(["defeated", "defeated"], "strong"), StructureError, "twice"),
        (lambda m: m.support("defeatd", "strong"), UnknownIdError, "did you mean 'defeated'"),
        (lambda m: m.undercut("defeated", "strong"), StructureError, "attacks a relation"),
        (lambda m: m.undercut("defeated", "s9"), UnknownIdError, "unknown relation id 's9'"),
        (lambda m: m.rebut("petro", "strong"), StructureError, "is an agent, expected"),
        (lambda m: m.attack("defeated", "strong", sort="punch"), StructureError, "attack sort"),
        (lambda m: m.causes("strong", "defeated", polarity="++"), StructureError, "polarity"),
        (lambda m: m.causes("strong", "defeated", modality="maybe"), StructureError, "modality"),
        (lambda m: m.claim("x", by="nobody"), UnknownIdError, "unknown agent id 'nobody'"),
        (lambda m: m.claim("x", by="petro", stance="shrugs"), StructureError, "stance"),
        (lambda m: m.attribute("nothing", by="petro"), UnknownIdError, "statement or relation"),
        (lambda m: m.factor("x", opposite="strong"), StructureError, "expected a factor"),
        (lambda m: m.claim("x", id="has space"), StructureError, "invalid Claim"),
    ],
)
def test_structural_errors_raise_at_once(build, error, fragment, m: ArgumentMap) -> None:  # type: ignore[no-untyped-def]
    before = m.to_document()
    with pytest.raises(error, match=None) as info:
        build(m)
    assert fragment in str(info.value)
    assert isinstance(info.value, ArgmapError)
    assert m.to_document() == before, "a failed builder call must leave the map unchanged"


def test_span_outside_source_raises(m: ArgumentMap) -> None:
    bad = Quote(source="post", text="x", start=40, end=400)
    with pytest.raises(SpanError, match="outside source 'post'"):
        m.claim("x", by="petro", quote=bad)


def test_self_relations_raise(m: ArgumentMap) -> None:
    with pytest.raises(StructureError, match="attacks itself"):
        m.undercut("defeated", "a1", id="a1")
    s = m.support("defeated", "strong")
    with pytest.raises(StructureError, match="supports itself"):
        m.add(Support(id="s9", premises=("defeated",), conclusion="s9"))
    assert m.undercut("defeated", s).target == s.id


def test_quote_finds_span_in_code_points(m: ArgumentMap) -> None:
    q = m.quote("post", "Ñandú")
    assert m.sources["post"].text[q.start : q.end] == "Ñandú"  # type: ignore[index]
    assert (q.start, q.end) == (41, 46)


def test_quote_not_found_shows_closest_passage(m: ArgumentMap) -> None:
    with pytest.raises(QuoteNotFoundError, match="closest passage: 'strengthened by yourselves'"):
        m.quote("post", "strengthened by yourself ")


def test_quote_sharing_no_word_says_so(m: ArgumentMap) -> None:
    with pytest.raises(QuoteNotFoundError, match="no word of it occurs there"):
        m.quote("post", "qqqqzzzz")


@settings(max_examples=60)
@given(
    st.text(alphabet="ab .,xy\n", min_size=1, max_size=60),
    st.text(alphabet="ab .,zq", min_size=1, max_size=20),
)
def test_a_missed_quote_points_into_its_source(body: str, text: str) -> None:
    m = ArgumentMap()
    m.source("S", id="s", text=body)
    if text in body:
        return
    with pytest.raises(QuoteNotFoundError) as info:
        m.quote("s", text)
    message = str(info.value)
    assert message.startswith(f"{text!r} is not in source 's'; ")
    if "closest passage: " in message:
        closest = message.split("closest passage: ", 1)[1]
        assert ast.literal_eval(closest) in body
    else:
        assert message.endswith("no word of it occurs there")


def test_a_missed_quote_finds_the_longest_shared_run() -> None:
    m = ArgumentMap()
    body = (
        "the gang. " * 1000 + "blockading Venezuela made the gang stronger. " + "the gang. " * 1000
    )
    m.source("S", id="s", text=body)
    with pytest.raises(QuoteNotFoundError, match="closest passage: 'blockading Venezuela made the"):
        m.quote("s", "blockading Venezuela made the gang strong!")


def test_quote_more_than_once_needs_occurrence() -> None:
    m = ArgumentMap()
    m.source("S", id="s", text="no no no")
    with pytest.raises(AmbiguousQuoteError, match="occurs 3 times"):
        m.quote("s", "no")
    assert m.quote("s", "no", occurrence=3).start == 6
    with pytest.raises(AmbiguousQuoteError, match="occurrence=4"):
        m.quote("s", "no", occurrence=4)


def test_quote_needs_source_text() -> None:
    m = ArgumentMap()
    m.source("S", id="s")
    with pytest.raises(QuoteNotFoundError, match="holds no text"):
        m.quote("s", "x")


def test_one_claim_two_attributions(m: ArgumentMap) -> None:
    friends = m.claim("Members are his friends", by="petro", reported_by="noem")
    m.attribute(friends, by="petro", stance="denies")
    stances = [(a.agent, a.stance, a.reported_by) for a in m.attributions_of(friends)]
    assert stances == [("petro", "asserts", "noem"), ("petro", "denies", None)]


def test_opposites_are_symmetric_and_exclusive() -> None:
    m = ArgumentMap()
    inc = m.factor("inclusion")
    exc = m.factor("exclusion", opposite=inc)
    assert m.opposite_of(inc) == exc.id and m.opposite_of(exc) == inc.id
    with pytest.raises(StructureError, match="already has the opposite"):
        m.factor("isolation", opposite=inc)


def test_records_are_frozen(m: ArgumentMap) -> None:
    with pytest.raises(ValueError, match="frozen"):
        m["strong"].text = "changed"  # type: ignore[union-attr,misc]


def test_version_and_cache_follow_changes(m: ArgumentMap) -> None:
    calls = []
    value = m.cached("k", lambda: calls.append(1) or len(calls))
    assert m.cached("k", lambda: calls.append(1) or len(calls)) == value
    version = m.version
    m.claim("more")
    assert m.version > version
    assert m.cached("k", lambda: calls.append(1) or len(calls)) == 2


def test_deep_support_chain_builds_without_recursion() -> None:
    m = support_chain(100_000)
    assert len(m) == 100_000 and len(m.relations) == 99_999
    assert m.copy() == m


@settings(max_examples=60)
@given(maps())
def test_ids_stay_unique(m: ArgumentMap) -> None:
    doc = m.to_document()
    groups = (doc.agents, doc.sources, doc.statements, doc.relations)
    ids = [r.id for group in groups for r in group]
    assert len(ids) == len(set(ids))
    for rel in m.relations.values():
        ends = (
            [*rel.premises, rel.conclusion]
            if isinstance(rel, Support)
            else [rel.attacker, rel.target]
            if isinstance(rel, Attack)
            else [rel.cause, rel.effect]
        )
        assert all(end in m for end in ends)


# ------------------------------------------------------------------------------------ batches
_REFERENCE_FIELDS = ("conclusion", "attacker", "target", "cause", "effect", "opposite")


def _renamed(record: Any, prefix: str) -> Any:
    """The record with every id it holds or names prefixed, so it can join another map."""
    update: dict[str, Any] = {}
    for name in ("id", *_REFERENCE_FIELDS, "agent", "reported_by", "source"):
        value = getattr(record, name, None)
        if isinstance(value, str) and name in type(record).model_fields:
            update[name] = prefix + value
    if isinstance(record, Support):
        update["premises"] = tuple(prefix + p for p in record.premises)
    quote = getattr(record, "quote", None)
    if quote is not None:
        update["quote"] = _renamed(quote, prefix)
    return record.model_copy(update=update)


def _replay(target: ArgumentMap, extra: ArgumentMap, prefix: str = "x-") -> None:
    """Add every record of ``extra`` to ``target`` through the checking API, ids prefixed."""
    doc = extra.to_document()
    for record in (*doc.agents, *doc.sources, *doc.statements, *doc.relations):
        target.add(_renamed(record, prefix))
    for attribution in doc.attributions:
        target.add_attribution(_renamed(attribution, prefix))


@settings(max_examples=60)
@given(maps(), maps())
def test_failed_batch_leaves_the_map_as_it_was(base: ArgumentMap, extra: ArgumentMap) -> None:
    m = base.copy()
    version = m.version
    with pytest.raises(RuntimeError, match="stop"), m.batch():
        _replay(m, extra)
        m.claim("one more", by=next(iter(m.agents), None))
        raise RuntimeError("stop")
    assert m == base
    assert m.to_document() == base.to_document()
    for ref in (*base.statements, *base.relations):
        assert m.opposite_of(ref) == base.opposite_of(ref)
        assert m.attributions_of(ref) == base.attributions_of(ref)
    assert m.version > version  # undoing is a change: caches built inside the block are dropped
    fresh = base.copy()
    assert m.claim("next").id == fresh.claim("next").id


@settings(max_examples=40)
@given(maps(), maps())
def test_successful_batch_keeps_everything(base: ArgumentMap, extra: ArgumentMap) -> None:
    m = base.copy()
    with m.batch():
        _replay(m, extra)
    assert len(m) == len(base) + len(extra)
    assert len(m.relations) == len(base.relations) + len(extra.relations)
    assert len(m.attributions) == len(base.attributions) + len(extra.attributions)
    for sid, statement in extra.statements.items():
        assert m["x-" + sid] == _renamed(statement, "x-")


def test_failing_builder_call_undoes_the_whole_batch(m: ArgumentMap) -> None:
    before = m.copy()
    with pytest.raises(UnknownIdError), m.batch():
        a = m.factor("inclusion", id="inc")
        m.factor("exclusion", opposite=a)
        m.claim("Migrants are not criminals", by="petro")
        m.support("strong", "no-such-claim")
    assert m == before
    assert "inc" not in m and m.opposite_of("strong") is None
    assert m.attributions_of("strong") == [] and len(m.attributions) == 0
    assert m.factor("inclusion").id == "f1"  # the counters were rolled back too
    again = m.claim("Migrants are not criminals")
    assert again.id == "c1" and m.attributions_of(again) == []  # no stale attribution index


def test_inner_batch_undoes_only_its_own_changes(m: ArgumentMap) -> None:
    with m.batch():
        kept = m.claim("kept", by="noem")
        with pytest.raises(StructureError), m.batch():
            m.claim("dropped", by="petro")
            m.support(kept, kept)
        after_inner = m.copy()
    assert m == after_inner
    assert kept.id in m and [a.agent for a in m.attributions] == ["noem"]
    assert not any(c.text == "dropped" for c in m.claims())


def test_batch_pauses_the_collector_and_restores_it(m: ArgumentMap) -> None:
    assert gc.isenabled()
    with m.batch():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt), m.batch():
        raise KeyboardInterrupt
    assert gc.isenabled()
    gc.disable()
    try:
        with m.batch():
            pass
        assert not gc.isenabled()  # a caller's own pause is left in place
    finally:
        gc.enable()


def test_batch_yields_the_map_and_drops_caches_on_undo(m: ArgumentMap) -> None:
    with pytest.raises(ZeroDivisionError), m.batch() as same:
        assert same is m
        same.claim("inside")
        m.cached("count", lambda: len(m))
        1 / 0  # noqa: B018
    assert m.cached("count", lambda: len(m)) == len(m) == 2


def test_duplicate_factor_with_an_opposite_leaves_no_trace(m: ArgumentMap) -> None:
    inclusion = m.factor("inclusion", id="inclusion")
    before = m.copy()
    with pytest.raises(DuplicateIdError):
        m.factor("exclusion", id="strong", opposite=inclusion)
    assert m.opposite_of(inclusion) is None
    assert m == before


def test_generated_ids_never_collide_with_given_ones() -> None:
    m = ArgumentMap()
    m.claim("given", id="c2")
    m.agent("Petro", id="gustavo-petro")
    assert [m.claim(str(i)).id for i in range(3)] == ["c1", "c3", "c4"]
    assert m.agent("Gustavo Petro").id == "gustavo-petro-2"


def test_snapshots_read_in_threads_while_the_map_changes() -> None:
    """The documented pattern: the writer hands out copies; readers never see the original."""
    m = ArgumentMap()
    previous = m.claim("claim 0")
    snapshots: queue.Queue[tuple[int, ArgumentMap] | None] = queue.Queue()
    failures: list[BaseException] = []
    checked: list[int] = []

    def read() -> None:
        while (item := snapshots.get()) is not None:
            size, snapshot = item
            try:
                g = to_networkx(snapshot, graph="claims")
                assert len(snapshot.statements) == size == g.number_of_nodes()
                assert g.number_of_edges() == size - 1
                assert snapshot.to_document() == snapshot.copy().to_document()
                checked.append(size)
            except BaseException as err:  # handed to the main thread, which fails the test
                failures.append(err)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    for i in range(1, 300):
        claim = m.claim(f"claim {i}")
        m.support(claim, previous)
        previous = claim
        if i % 10 == 0:
            snapshots.put((len(m.statements), m.copy()))
    for _ in readers:
        snapshots.put(None)
    for reader in readers:
        reader.join()
    assert not failures, failures
    assert sorted(checked) == list(range(11, 300, 10))
