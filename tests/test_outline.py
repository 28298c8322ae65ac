"""argmap.outline: the argument as indented text, for a terminal, a report and a notebook."""

from __future__ import annotations

import re

from hypothesis import given, settings

import argmap
from argmap import ArgumentMap, outline
from tests.strategies import labels, maps, rich_maps, support_chain, user_texts


def _ids_mentioned(text: str) -> set[str]:
    return set(re.findall(r"\[([^\]\s]+)\]", text))


@settings(max_examples=60)
@given(maps() | rich_maps(text=labels))
def test_outline_mentions_every_statement_and_relation(m: ArgumentMap) -> None:
    text = outline(m)
    assert text.splitlines()[0] == m.summary()
    for sid in m.statements:
        assert f"[{sid}]" in text, sid
    for rid, rel in m.relations.items():
        if rel.kind == "causal":
            assert f"[{rid}]" in text, rid
        else:
            assert re.search(rf" by {re.escape(rid)}( \(|$)", text, re.M), rid


@settings(max_examples=40)
@given(rich_maps(text=user_texts))
def test_outline_never_breaks_a_line_on_user_text(m: ArgumentMap) -> None:
    text = outline(m)
    for line in text.splitlines():
        assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", line)
    # At least one line a relation and one an attribution (a statement in a causal link only
    # is named on the link's lines).
    assert len(text.splitlines()) >= 1 + len(m.relations) + len(m.attributions)


def test_outline_writes_each_record_once_and_refers_back() -> None:
    m = ArgumentMap()
    shared = m.claim("The border reopened", id="shown")
    m.support(shared, m.claim("Closing it was a mistake", id="mistake"), id="s1")
    m.support(shared, m.claim("Migration stopped", id="stopped"), id="s2")
    text = outline(m)
    assert text.count("[shown] The border reopened") == 2
    assert text.count("[shown] The border reopened (see above)") == 1


def test_a_circle_is_written_once_with_a_back_reference() -> None:
    m = ArgumentMap()
    a, b = m.claim("A", id="a"), m.claim("B", id="b")
    m.support(a, b, id="s1")
    m.support(b, a, id="s2")
    lines = outline(m).splitlines()
    assert lines[2] == "Circular arguments"
    assert lines[3:] == [
        "[a] A",
        "  supported by s2",
        "    [b] B",
        "      supported by s1",
        "        [a] A (see above)",
    ]


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    m = support_chain(10_000)
    lines = outline(m).splitlines()
    assert len(lines) == 3 + 10_000 + 9_999
    assert lines[3] == "[c1] 0"
    # Indentation stops growing; the depth shows instead.
    assert max(len(line) for line in lines) < 100
    assert lines[-1].endswith("(19998) [c10000] 9999")


def test_attributions_show_speaker_stance_reporter_and_quote() -> None:
    m = ArgumentMap(title="Friends")
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    m.source("Post", id="post", text="I don't know why you say I had friends")
    friends = m.claim(
        "Some gang members are Petro's friends", id="friends", by=petro, reported_by=noem
    )
    m.attribute(
        friends, by=petro, stance="denies", quote=m.quote("post", "why you say I had friends")
    )
    assert outline(m).splitlines()[3:] == [
        "[friends] Some gang members are Petro's friends",
        "    Gustavo Petro asserts, reported by Kristi Noem",
        "    Gustavo Petro denies: “why you say I had friends” (post)",
    ]


def test_control_characters_are_shown_not_obeyed() -> None:
    m = ArgumentMap()
    m.claim("two\nlines \x1b[31mred\u202e", id="c")
    assert outline(m).splitlines()[3] == r"[c] two\nlines \x1b[31mred\u202e"


def test_the_seed_map_reads_as_an_outline() -> None:
    from tests.test_cli_grammar import _petro_map

    text = outline(_petro_map())
    assert "Arguments\n[strengthened] The US blockade of Venezuela strengthened" in text
    assert "  contradicted by defeated-vs-strengthened (reconstructed)\n    [defeated]" in text
    assert "\nCausal links\n[blockade-emigration] (+) US blockade" in text
    assert "Circular arguments" not in text


def test_outline_is_public_and_the_notebook_text() -> None:
    assert argmap.outline is outline
    m = ArgumentMap(title="T")
    m.claim("A")
    assert m._repr_mimebundle_(include={"text/plain"})["text/plain"] == outline(m)


def test_relations_in_a_circle_of_their_own_are_written_too() -> None:
    """A support of an undercut that undercuts that very support: no statement leads there."""
    from argmap.model import Attack, Claim, MapDocument, Support

    doc = MapDocument(
        statements=(Claim(id="p", text="p"), Claim(id="q", text="q")),
        relations=(
            Support(id="s", premises=("p",), conclusion="u"),
            Attack(id="u", attacker="q", target="s", sort="undercut"),
        ),
    )
    text = outline(ArgumentMap.from_document(doc))
    assert "Circular arguments" in text
    assert "supported by s" in text and "undercut by u" in text
