"""Provenance checks AM201-AM207 beyond their docstring examples."""

from __future__ import annotations

from argmap import ArgumentMap, Quote
from argmap.checks import check

TEXT = "Petro: I've never met a single cartel member. Noem: some were his friends. Friends!"


def base() -> ArgumentMap:
    m = ArgumentMap()
    m.agent("Gustavo Petro", id="petro")
    m.agent("Kristi Noem", id="noem")
    m.source("Article", id="art", text=TEXT)
    return m


def found(m: ArgumentMap, code: str) -> list[tuple[tuple[str, ...], str]]:
    return [(f.ids, f.message) for f in check(m, select=code)]


def test_quote_not_in_source_hints_at_case_and_spacing_slips() -> None:
    m = base()
    m.claim("A", id="c1", quote=Quote(source="art", text="NEVER  met a single", start=0, end=0))
    m.claim("B", id="c2", quote=Quote(source="art", text="met two cartel members", start=0, end=0))
    (slip, miss) = found(m, "AM201")
    assert slip[0] == ("c1", "art") and "other case, spacing or punctuation" in slip[1]
    assert miss[0] == ("c2", "art") and "other case" not in miss[1]
    assert found(m, "AM202") == []  # words not in the source: AM201's finding, not AM202's


def test_span_mismatch_names_where_the_words_are() -> None:
    m = base()
    at = TEXT.index("some were")
    m.claim("A", id="c1", quote=Quote(source="art", text="some were", start=at + 1, end=at + 10))
    ((ids, message),) = found(m, "AM202")
    assert ids == ("c1", "art")
    assert f"found at {at}:{at + 9}" in message


def test_ambiguous_quote_only_without_a_span() -> None:
    m = base()
    m.claim("A", id="c1", quote=Quote(source="art", text="riends", start=0, end=0))
    m.claim("B", id="c2", quote=m.quote("art", "riends", occurrence=2))  # pinned
    m.claim("C", id="c3", quote=Quote(source="art", text="cartel", start=0, end=0))  # unique
    ((ids, message),) = found(m, "AM203")
    assert ids == ("c1", "art") and "occurs 2 times" in message


def test_unattributed_counts_agents_asserting_not_denying() -> None:
    m = base()
    m.claim("Asserted", id="c1", by="petro")
    m.claim("Only denied", id="c2", by="noem", stance="denies")
    m.claim("Reported", id="c3", by="petro", reported_by="noem")
    m.claim("Reconstructed", id="c4", reconstructed=True)
    x, y, z = m.factor("x", id="x"), m.factor("y", id="y"), m.factor("z", id="z")
    m.causes(x, y, by="petro", id="l1")  # asserting a link covers its factors
    m.causes(y, z, id="l2")
    ids = [i for i, _ in found(m, "AM204")]
    assert ids == [("c2",), ("l2",), ("z",)]


def test_reported_as_direct_pairs_of_direct_quotes_report_once() -> None:
    m = base()
    q = m.quote("art", "some were his friends")
    m.claim("A", id="c1", by="petro", quote=q)
    m.claim("B", id="c2", by="noem", quote=m.quote("art", "were his"))  # overlapping words
    m.claim("C", id="c3", by="petro", quote=m.quote("art", "never met"))  # elsewhere
    ((ids, message),) = found(m, "AM205")
    assert set(ids) == {"c1", "c2", "petro", "noem"}
    assert "set reported_by" in message


def test_reported_as_direct_accepts_the_reporters_own_claim() -> None:
    m = base()
    q = m.quote("art", "some were his friends")
    m.claim("Gang members are his friends", by="petro", reported_by="noem", quote=q)
    m.claim("Petro befriends gangsters", by="noem", quote=q)  # Noem's own words: fine
    assert found(m, "AM205") == []


def test_partial_word_quote_at_either_end() -> None:
    m = base()
    m.claim("A", id="c1", quote=m.quote("art", "ever met a single cartel membe"))
    ((ids, message),) = found(m, "AM206")
    assert ids == ("c1", "art")
    assert "starts inside 'never'" in message and "ends inside 'member'" in message


def test_unverifiable_quote_one_finding_a_source() -> None:
    m = base()
    m.source("Speech", id="speech")
    for i in range(7):
        m.claim(f"C{i}", quote=Quote(source="speech", text="words", start=0, end=0))
    ((ids, message),) = found(m, "AM207")
    assert ids[0] == "speech" and len(ids) == 8
    assert message.endswith("cannot be checked") and "..." in message
    assert found(m, "AM201") == [] and found(m, "AM203") == []
