"""Comparing sources: one utterance on record in several sources, diffed word by word."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    Attribution,
    DataLossWarning,
    FormatError,
    Quote,
    compare_sources,
    generate_aif,
    generate_argdown,
    generate_graphml,
    generate_json,
    generate_node_link,
    generate_sadface,
    generate_yaml,
    parse_aif,
    parse_argdown,
    parse_json,
    parse_node_link,
    parse_sadface,
    parse_yaml,
)
from argmap.checks import check
from argmap.checks.sources import word_key


def _pair(
    own: str,
    reported: str,
    *,
    stance: str = "asserts",
    other_stance: str | None = None,
    other_agent: str = "petro",
    other_target: str = "c",
) -> ArgumentMap:
    """Petro's own words in a post, and an article's record of the same utterance."""
    m = ArgumentMap()
    m.agent("Gustavo Petro", id="petro")
    m.agent("news desk", id="desk")
    m.agent("Kristi Noem", id="noem")
    m.source("Post", id="post", text=own)
    m.source("Article", id="article", text=reported)
    m.claim("What Petro said", id="c")
    m.claim("Something else", id="d")
    m.add_attribution(
        Attribution(
            target="c",
            agent="petro",
            stance=stance,
            quote=m.quote("post", own),
            utterance="u1",
        )
    )
    m.add_attribution(
        Attribution(
            target=other_target,
            agent=other_agent,
            stance=other_stance or stance,
            reported_by="desk",
            quote=m.quote("article", reported),
            utterance="u1",
        )
    )
    return m


def _kinds(m: ArgumentMap) -> tuple[str, ...]:
    (utterance,) = compare_sources(m).utterances
    (diff,) = utterance.diffs
    return diff.kinds


# -------------------------------------------------------------- each kind of difference
def test_the_seeds_denial_drops_a_layer_of_reported_speech() -> None:
    m = _pair(
        "I don't know why you say I said I had friends on the Aragua train",
        "I don't know why you say I had friends in the Tren de Aragua gang",
        stance="denies",
    )
    (diff,) = compare_sources(m).differences()
    assert diff.kinds == ("reported-speech",)
    assert diff.reference.quote is not None and diff.reference.quote.source == "post"
    assert diff.sources == ("post", "article")
    assert "drops a layer of reported speech" in diff.describe()
    assert diff.words.startswith("I don't know why you say I [-said I-] had friends [-on-] {+in+}")
    assert [f.code for f in check(m, select="AM208")] == ["AM208"]


def test_an_added_layer_of_reported_speech_is_found_too() -> None:
    m = _pair("you say I had friends", "you say I said I had friends")
    (diff,) = compare_sources(m).differences()
    assert "adds a layer of reported speech" in diff.describe()


@pytest.mark.parametrize(
    ("own", "reported"),
    [
        ("Migrants are not criminals", "Migrants are criminals"),
        ("I have never met a cartel member", "I have met a cartel member"),
        ("They don't talk", "They talk"),
        ("They talk", "They don’t talk"),  # a curly apostrophe
        ("they want us to talk", "they want to keep us from talking"),
    ],
)
def test_negation(own: str, reported: str) -> None:
    assert _kinds(_pair(own, reported)) == ("negation",)


def test_keeping_from_is_a_negation_like_not() -> None:
    # The seed's hoax sentence: the post's "not to talk", the article's "keep ... from talking".
    m = _pair(
        "who want Colombia and the US not to talk to each other",
        "who want to keep Colombia and the US from talking to each other",
    )
    assert _kinds(m) == ()
    far = "keep one two three four five six seven from"  # "from" too far to belong to "keep"
    assert _kinds(_pair("they want not to talk", far)) == ("negation",)


@pytest.mark.parametrize(
    ("own", "reported"),
    [
        ("the mafia would be eliminated", "the mafia will be eliminated"),
        ("I hope it is a hoax", "it is a hoax"),
        ("the mafia was eliminated", "the mafia could be eliminated"),
    ],
)
def test_modality(own: str, reported: str) -> None:
    assert _kinds(_pair(own, reported)) == ("modality",)


def test_stance_speaker_and_target() -> None:
    words = "Migrants are not criminals"
    assert _kinds(_pair(words, words, other_stance="denies")) == ("stance",)
    assert _kinds(_pair(words, words, other_agent="noem")) == ("speaker",)
    assert _kinds(_pair(words, words, other_target="d")) == ("target",)


def test_a_paraphrase_that_keeps_what_is_said_is_no_difference() -> None:
    m = _pair(
        "It is the inclusion of Colombian youth that has made it possible to reduce violence",
        "It is the inclusion of Colombian youth populations that has allowed us to reduce violence",
    )
    (utterance,) = compare_sources(m).utterances
    (diff,) = utterance.diffs
    assert diff.kinds == () and diff.changes  # the words differ, what is said does not
    assert {c.op for c in diff.changes} <= {"insert", "delete", "replace"}
    assert compare_sources(m).differences() == []
    assert check(m, select="AM208") == []


def test_the_speakers_own_words_are_the_reference_whatever_the_order() -> None:
    m = ArgumentMap()
    m.agent("Petro", id="petro")
    m.agent("desk", id="desk")
    m.source("Article", id="article", text="are criminals")
    m.source("Post", id="post", text="Migrants are not criminals")
    m.claim("Migrants are not criminals", id="c")
    for source, reporter in (("article", "desk"), ("post", None)):
        body = m.sources[source].text
        assert body is not None
        m.add_attribution(
            Attribution(
                target="c",
                agent="petro",
                reported_by=reporter,
                quote=m.quote(source, body),
                utterance="u",
            )
        )
    (utterance,) = compare_sources(m).utterances
    assert utterance.reference is not None and utterance.reference.reported_by is None
    assert utterance.sources == ("article", "post")
    (diff,) = utterance.diffs
    assert "drops a negation" in diff.describe()


def test_an_utterance_without_quotes_compares_nothing() -> None:
    m = ArgumentMap()
    m.agent("Petro", id="petro")
    m.claim("x", id="c")
    m.add_attribution(Attribution(target="c", agent="petro", utterance="u"))
    (utterance,) = compare_sources(m).utterances
    assert (utterance.reference, utterance.diffs) == (None, ())
    assert compare_sources(m).only_in == ()


# ------------------------------------------------------------- what one source carries
def test_statements_only_one_source_carries() -> None:
    m = _pair("Migrants are not criminals. Love ends violence.", "Migrants are not criminals")
    m.claim("Love ends violence", id="love", by="petro", quote=m.quote("post", "Love ends"))
    m.claim("He does not speak English", id="english", by="petro", reported_by="desk")
    m.attribute("english", by="petro", reported_by="desk", quote=m.quote("article", "Migrants"))
    found = {(o.target, o.sources, o.missing_from) for o in compare_sources(m).only_in}
    assert found == {("love", ("post",), ("article",)), ("english", ("article",), ("post",))}
    findings = check(m, select="AM209")
    assert {f.ids[:2] for f in findings} == {("post", "petro"), ("article", "petro")}
    assert all(f.severity == "info" for f in findings)


def test_sources_never_tied_by_an_utterance_are_not_compared() -> None:
    m = ArgumentMap()
    m.agent("Petro", id="petro")
    m.source("Post", id="post", text="Love ends violence.")
    m.source("Article", id="article", text="Migrants are not criminals.")
    m.claim("Love ends violence", by="petro", quote=m.quote("post", "Love ends violence"))
    m.claim("Not criminals", by="petro", quote=m.quote("article", "not criminals"))
    assert compare_sources(m).only_in == ()
    assert check(m, select="AM208,AM209") == []


# ---------------------------------------------------------------------- formats
def _grouped() -> ArgumentMap:
    return _pair(
        "I don't know why you say I said I had friends",
        "I don't know why you say I had friends",
        stance="denies",
    )


@pytest.mark.parametrize(
    ("generate", "parse"),
    [
        (generate_json, parse_json),
        (generate_yaml, parse_yaml),
        (generate_argdown, parse_argdown),
        (generate_aif, parse_aif),
        (generate_node_link, parse_node_link),
        (generate_sadface, parse_sadface),
    ],
    ids=["json", "yaml", "argdown", "aif", "node-link", "sadface"],
)
def test_every_writer_that_keeps_attributions_keeps_the_utterance(
    generate: object, parse: object
) -> None:
    m = _grouped()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)
        text = generate(m)  # type: ignore[operator]
    again = parse(text)  # type: ignore[operator]
    assert [a.utterance for a in again.attributions] == ["u1", "u1"]
    assert again == m


def test_graphml_says_it_drops_the_attributions_and_their_utterance() -> None:
    with pytest.warns(DataLossWarning, match="attributions"):
        generate_graphml(_grouped())


def test_a_malformed_utterance_key_is_a_located_format_error() -> None:
    text = generate_json(_grouped()).replace('"utterance": "u1"', '"utterance": "u 1"', 1)
    assert '"u 1"' in text
    with pytest.raises(FormatError) as caught:
        parse_json(text, origin="map.json")
    assert caught.value.file == "map.json"
    assert caught.value.path is not None and caught.value.path.endswith(".utterance")


def test_an_old_document_without_utterances_still_reads() -> None:
    m = ArgumentMap()
    m.claim("x", id="c", by=m.agent("Petro", id="petro"))
    assert '"utterance"' not in generate_json(m)
    assert parse_json(generate_json(m)) == m


# ------------------------------------------------------------------- properties
_vocabulary = ["not", "never", "n't", "would", "will", "said", "say", "I", "a", "’", ".", "é"]
_words = st.lists(st.sampled_from(_vocabulary), min_size=1, max_size=12).map(" ".join) | st.text(
    min_size=1, max_size=40
)


def _in_order(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(any(w == x for x in rest) for w in part)


@settings(max_examples=80)
@given(_words, _words, st.sampled_from(["asserts", "denies", "questions"]))
def test_compare_sources_never_crashes_on_any_pair_of_quotes(a: str, b: str, stance: str) -> None:
    m = ArgumentMap()
    m.agent("Petro", id="petro")
    m.source("A", id="a", text=a)
    m.source("B", id="b", text=b)
    m.claim("c", id="c")
    for source, body, reporter in (("a", a, None), ("b", b, "petro")):
        quote = Quote(source=source, text=body, start=0, end=len(body))
        m.add_attribution(
            Attribution(
                target="c",
                agent="petro",
                stance=stance,
                reported_by=reporter,
                quote=quote,
                utterance="u",
            )
        )
    found = compare_sources(m)
    (utterance,) = found.utterances
    (diff,) = utterance.diffs
    # The changes turn the reference's words into the other's: what they drop is in order in
    # the reference, what they add is in order in the other, and the counts balance.
    added = [w for c in diff.changes for w in c.added]
    removed = [w for c in diff.changes for w in c.removed]
    assert len(b.split()) - len(a.split()) == len(added) - len(removed)
    assert _in_order(added, b.split()) and _in_order(removed, a.split())
    assert (diff.kinds == ()) == (diff not in found.differences())
    if a.split() == b.split():
        assert diff.changes == () and diff.kinds == ()
    check(m, select="AM208,AM209")


@given(st.text(max_size=20))
def test_word_key_is_idempotent(word: str) -> None:
    assert word_key(word_key(word)) == word_key(word)


def test_many_utterances_compare_in_one_pass() -> None:
    # 20,000 utterances of two records each: no recursion, one comparison a record.
    n = 20_000
    m = ArgumentMap()
    m.agent("Petro", id="petro")
    m.agent("desk", id="desk")
    post = " ".join(f"w{i} not" for i in range(n))
    article = " ".join(f"w{i}" for i in range(n))
    m.source("Post", id="post", text=post)
    m.source("Article", id="article", text=article)
    with m.batch():
        at_post = at_article = 0
        for i in range(n):
            m.claim(f"claim {i}", id=f"c{i}")
            words = f"w{i}"
            for source, start, text, reporter in (
                ("post", at_post, f"{words} not", None),
                ("article", at_article, words, "desk"),
            ):
                quote = Quote(source=source, text=text, start=start, end=start + len(text))
                m.add_attribution(
                    Attribution(
                        target=f"c{i}",
                        agent="petro",
                        reported_by=reporter,
                        quote=quote,
                        utterance=f"u{i}",
                    )
                )
            at_post += len(words) + 5
            at_article += len(words) + 1
    found = compare_sources(m)
    assert len(found.utterances) == n
    assert len(found.differences()) == n  # every article record drops the post's "not"
    assert found.only_in == ()
