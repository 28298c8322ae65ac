"""AIF JSON and xAIF: the public corpora, the mapping of each node type, round trips, bad input."""

from __future__ import annotations

import io
import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, FormatError, generate_aif, parse_aif, read_aif, write_aif
from argmap.errors import ArgmapError, DataLossWarning
from tests.interchange_support import (
    assert_located,
    corpus,
    json_mutations,
    load_json,
    mutate_json,
    text_mutations,
)
from tests.strategies import maps, rich_maps

RICH = settings(max_examples=25, suppress_health_check=list(HealthCheck))
FUZZ = settings(max_examples=60, suppress_health_check=list(HealthCheck))


def _files() -> list[Path]:
    return sorted(corpus("aifdb-nodeset-6064").glob("*.json")) + sorted(
        corpus("arguebuf-ts-examples").glob("xaif*.json")
    )


def _graph(doc: dict[str, Any]) -> dict[str, Any]:
    graph: dict[str, Any] = doc.get("AIF", doc)
    return graph


# --------------------------------------------------------------------------- the corpora
def test_every_corpus_file_loads_with_the_counts_of_its_nodes() -> None:
    for path in _files():
        raw = _graph(load_json(path))
        types = Counter(node["type"] for node in raw["nodes"])
        m = read_aif(path)
        assert len(m.claims()) == types["I"], path
        assert len(m.supports()) == types["RA"] + types["MA"], path
        assert len(m.attacks()) == types["CA"], path
        # No node is dropped: each became a record or is kept in data["aif"]["nodes"].
        kept = m.data.get("aif", {})
        assert isinstance(kept, dict)
        assert len(m.statements) + len(m.relations) + len(kept.get("nodes", [])) == len(
            raw["nodes"]
        ), path
        # No edge is dropped: each is a premise or conclusion of a relation, or kept.
        used = sum(len(s.premises) + 1 for s in m.supports()) + 2 * len(m.attacks())
        assert used + len(kept.get("edges", [])) == len(raw.get("edges", [])), path


def test_aifdb_6064_maps_dialogue_to_speakers_stances_and_quotes() -> None:
    m = read_aif(corpus("aifdb-nodeset-6064") / "6064-original.json")
    assert (len(m.claims()), len(m.supports())) == (9, 5)  # the README's 9 atoms, 5 supports
    assert Counter(s.scheme for s in m.supports()) == {"Default Inference": 4, None: 1}
    assert {a.name for a in m.agents.values()} == {"CL", "NL"}  # from the L nodes' "CL : ..."
    assert [a.data for a in m.agents.values()] == [
        {"aif": {"personID": "409"}},
        {"aif": {"personID": "437"}},
    ]
    raw = load_json(corpus("aifdb-nodeset-6064") / "6064-original.json")
    assert len(m.attributions) == sum(1 for n in raw["nodes"] if n["type"] == "YA")
    stances = Counter(a.stance for a in m.attributions)
    assert stances == {"asserts": 13, "questions": 1}  # "Pure Questioning": "Was he wrong"
    (question,) = [a for a in m.attributions if a.stance == "questions"]
    assert m[question.target].text == "McMillan was / was not wrong"
    assert question.quote is not None and question.quote.text == "Was he wrong"
    # Every quote sits in the transcript built from the L nodes, at its span.
    transcript = m.sources["transcript"].text
    assert transcript is not None
    for a in m.attributions:
        if a.quote is not None:
            assert transcript[a.quote.start : a.quote.end] == a.quote.text
    # An "Arguing" YA anchored on a transition attributes the inference to the speaker.
    assert [a.agent for a in m.attributions_of("111803")] == ["cl"]
    # Timestamps, scheme ids and the edges (ids and all) stay with their records.
    assert m["111814"].data == {
        "aif": {
            "timestamp": "2015-11-25 16:13:50",
            "schemeID": "72",
            "edges": [
                {"edgeID": "148479", "fromID": "111809", "toID": "111814", "formEdgeID": None},
                {"edgeID": "148480", "fromID": "111814", "toID": "111805", "formEdgeID": None},
            ],
        }
    }


def test_aifdb_6064_reconstructed_reads_rephrases_as_links() -> None:
    m = read_aif(corpus("aifdb-nodeset-6064") / "6064-reconstructed.json")
    rephrases = [s for s in m.supports() if (s.data or {}).get("aif_type") == "MA"]
    assert (len(m.claims()), len(m.supports()), len(rephrases)) == (9, 8, 3)
    assert {s.scheme for s in rephrases} == {"Default Rephrase"}
    # A rephrase links two claims; both wordings stay.
    link = rephrases[0]
    assert m[link.premises[0]].text != m[link.conclusion].text


def test_xaif_reads_participants_text_spans_and_keeps_the_rest() -> None:
    folder = corpus("arguebuf-ts-examples")
    m = read_aif(folder / "xaif.json")
    raw = load_json(folder / "xaif.json")
    assert len(m.agents) == len(raw["AIF"]["participants"]) == 14
    assert [s.scheme for s in m.supports()] == ["Default Inference"]
    source = m.sources["text"]
    assert source.text == "A because B\n"
    quoted = [
        (m[a.target].text, a.agent, a.quote.text, a.quote.start)
        for a in m.attributions
        if a.quote is not None
    ]
    assert quoted == [("A", "participant-rachel", "A", 0), ("B", "participant-rachel", "B", 10)]
    assert m.data["xaif"]["OVA"]["firstname"] == "Anon"  # type: ignore[index, call-overload]
    kept = m.data["aif"]
    assert isinstance(kept, dict) and "schemefulfillments" in kept
    empty = read_aif(folder / "xaif-empty.json")
    assert len(empty) == 0 and empty.data["xaif"] == {  # type: ignore[comparison-overlap]
        "text": "",
        "dialog": True,
        "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []},
    }


@pytest.mark.parametrize("name", ["6064-original", "6064-reconstructed", "xaif", "xaif-empty"])
def test_corpus_maps_survive_a_write_and_read(name: str, tmp_path: Path) -> None:
    folder = "arguebuf-ts-examples" if name.startswith("xaif") else "aifdb-nodeset-6064"
    m = read_aif(corpus(folder) / f"{name}.json")
    write_aif(m, tmp_path / "out.aif.json")
    assert read_aif(tmp_path / "out.aif.json") == m


@pytest.mark.parametrize("name", ["6064-original", "6064-reconstructed", "xaif"])
def test_corpus_edge_ids_survive_a_write_and_read(name: str, tmp_path: Path) -> None:
    folder = "arguebuf-ts-examples" if name.startswith("xaif") else "aifdb-nodeset-6064"
    raw = _graph(load_json(corpus(folder) / f"{name}.json"))
    m = read_aif(corpus(folder) / f"{name}.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)  # nothing the file said is lost
        write_aif(m, tmp_path / "out.aif.json")
    written = load_json(tmp_path / "out.aif.json")["edges"]
    kept_raw: Any = m.data.get("aif", {}).get("edges", [])  # type: ignore[union-attr]
    # Every edge of the file is written as it was (id, ends, formEdgeID...), or the map keeps
    # it as it was (the dialogue layer, which argmap redraws as attributions).
    for edge in raw["edges"]:
        assert edge in written or edge in kept_raw, edge
    ids = [str(e["edgeID"]) for e in written]
    assert len(ids) == len(set(ids))
    again = read_aif(tmp_path / "out.aif.json")
    assert again == m
    write_aif(again, tmp_path / "again.aif.json")  # and once more: the ids are stable
    assert load_json(tmp_path / "again.aif.json")["edges"] == written


def _support_with_edges(edges: list[Any]) -> ArgumentMap:
    m = ArgumentMap()
    p, c = m.claim("It rains", id="p"), m.claim("Take an umbrella", id="c")
    m.claim("It pours", id="q")
    m.support(p, c, id="ra", data={"aif": {"edges": edges}})
    return m


def test_kept_edges_that_no_longer_fit_are_dropped_with_one_warning() -> None:
    edges = [
        {"edgeID": "e7", "fromID": "q", "toID": "ra"},  # q is no premise of ra
        {"edgeID": "e8", "fromID": "ra", "toID": "c", "formEdgeID": None},
    ]
    m = _support_with_edges(edges)
    with pytest.warns(DataLossWarning) as caught:
        doc = json.loads(generate_aif(m))
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("AIF cannot hold edge ids")
    assert "dropped 1 edge id (e7 (q → ra))" in message
    assert doc["edges"] == [
        {"edgeID": 1, "fromID": "p", "toID": "ra"},
        {"edgeID": "e8", "fromID": "ra", "toID": "c", "formEdgeID": None},
    ]


def test_clashing_kept_edge_ids_are_dropped_and_fresh_ids_avoid_the_kept_ones() -> None:
    m = _support_with_edges([{"edgeID": 1, "fromID": "ra", "toID": "c"}])
    edges: list[Any] = [
        {"edgeID": "1", "fromID": "q", "toID": "k"},
        {"edgeID": 2, "fromID": "k", "toID": "c"},
    ]
    m.support(m["q"], m["c"], id="k", data={"aif": {"edges": edges}})
    with pytest.warns(DataLossWarning, match=r"dropped 1 edge id \(1 \(q → k\)\)"):
        doc = json.loads(generate_aif(m))
    assert [(e["edgeID"], e["fromID"], e["toID"]) for e in doc["edges"]] == [
        (3, "p", "ra"),
        (1, "ra", "c"),
        (4, "q", "k"),
        (2, "k", "c"),
    ]


def test_kept_edges_that_are_not_edges_stay_as_node_fields() -> None:
    m = _support_with_edges([{"edgeID": True, "fromID": "p", "toID": "ra"}])
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)
        text = generate_aif(m)
    node = next(n for n in json.loads(text)["nodes"] if n["nodeID"] == "ra")
    assert node["edges"] == [{"edgeID": True, "fromID": "p", "toID": "ra"}]
    assert parse_aif(text) == m


def test_write_aif_warns_at_the_caller(tmp_path: Path) -> None:
    m = _support_with_edges([{"edgeID": 5, "fromID": "q", "toID": "ra"}])
    with pytest.warns(DataLossWarning) as caught:
        write_aif(m, tmp_path / "m.aif.json")
    assert caught[0].filename == __file__
    with pytest.warns(DataLossWarning) as caught:
        generate_aif(m)
    assert caught[0].filename == __file__


@st.composite
def _kept_edges(draw: st.DrawFn) -> ArgumentMap:
    """A map whose supports keep edges: some fit, some are stale, some ids clash."""
    m = ArgumentMap()
    claims = [m.claim(f"Claim {i}", id=f"c{i}") for i in range(4)]
    ids = st.sampled_from([1, 2, 3, "1", "x", "y"])
    for k in range(draw(st.integers(1, 3))):
        premise, conclusion = draw(st.permutations(claims))[:2]
        ends = [(premise.id, f"s{k}"), (f"s{k}", conclusion.id)]
        stale = [(c.id, f"s{k}") for c in claims]
        chosen = draw(st.lists(st.sampled_from(ends + stale), min_size=1, max_size=3))
        edges: list[Any] = [{"edgeID": draw(ids), "fromID": a, "toID": b} for a, b in chosen]
        m.support(premise, conclusion, id=f"s{k}", data={"aif": {"edges": edges}})
    return m


@FUZZ
@given(_kept_edges())
def test_kept_edge_ids_are_written_unique_and_read_back_unless_a_warning_says(
    m: ArgumentMap,
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = generate_aif(m)
    losses = [w for w in caught if issubclass(w.category, DataLossWarning)]
    assert len(losses) <= 1
    ids = [str(e["edgeID"]) for e in json.loads(text)["edges"]]
    assert len(ids) == len(set(ids))
    if not losses:  # the same map, but that the reader lists a relation's edges in its order
        back = parse_aif(text)
        assert back.statements == m.statements
        assert _sorted_edges(back) == _sorted_edges(m)


def _sorted_edges(m: ArgumentMap) -> list[dict[str, Any]]:
    relations = [r.model_dump(mode="json") for r in m.relations.values()]
    for r in relations:
        edges = r["data"]["aif"]["edges"]
        edges.sort(key=lambda e: (e["fromID"], e["toID"]))
    return relations


# --------------------------------------------------------------------------- mapping rules
def _doc(nodes: list[dict[str, Any]], edges: list[tuple[str, str]], **more: Any) -> str:
    return json.dumps(
        {
            "nodes": nodes,
            "edges": [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
            **more,
        }
    )


_ARGUMENT = [("p", "ra"), ("ra", "c")]


def test_conflicts_rebut_statements_and_undercut_inferences() -> None:
    text = _doc(
        [
            {"nodeID": "p", "type": "I", "text": "It rains"},
            {"nodeID": "c", "type": "I", "text": "Take an umbrella"},
            {"nodeID": "x", "type": "I", "text": "It is a light drizzle"},
            {"nodeID": "y", "type": "I", "text": "The forecast says sun"},
            {"nodeID": "z", "type": "I", "text": "And it is warm"},
            {"nodeID": "ra", "type": "RA", "text": "Default Inference"},
            {"nodeID": "ca1", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "ca2", "type": "CA", "text": "Default Conflict"},
        ],
        [*_ARGUMENT, ("x", "ca1"), ("ca1", "ra"), ("y", "ca2"), ("z", "ca2"), ("ca2", "p")],
    )
    m = parse_aif(text)
    assert (m["ca1"].sort, m["ca1"].target) == ("undercut", "ra")  # type: ignore[union-attr]
    assert (m["ca2"].sort, m["ca2"].attacker) == ("rebut", "y")  # type: ignore[union-attr]
    assert m["ca2"].data == {
        "linked_attackers": ["z"],
        "aif": {
            "edges": [
                {"edgeID": 4, "fromID": "y", "toID": "ca2"},
                {"edgeID": 5, "fromID": "z", "toID": "ca2"},
                {"edgeID": 6, "fromID": "ca2", "toID": "p"},
            ]
        },
    }
    assert parse_aif(generate_aif(m)) == m


def test_what_cannot_be_mapped_is_kept_with_its_reason() -> None:
    text = _doc(
        [
            {"nodeID": "a", "type": "I", "text": "A"},
            {"nodeID": "b", "type": "I", "text": "B"},
            {"nodeID": "pa", "type": "PA", "text": "Default Preference"},
            {"nodeID": "lonely", "type": "RA", "text": "Default Inference"},
            {"nodeID": "chained", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "odd", "type": "XX", "text": "?"},
        ],
        [("a", "pa"), ("pa", "b"), ("lonely", "b"), ("a", "chained"), ("chained", "lonely")],
    )
    m = parse_aif(text)
    assert len(m.relations) == 0
    kept = m.data["aif"]
    assert isinstance(kept, dict)
    reasons = {u["nodeID"]: u["reason"] for u in kept["unmapped"]}  # type: ignore[index, union-attr]
    assert reasons == {
        "pa": "argmap has no preferences (PA)",
        "lonely": "no I node points to it",
        "chained": "its conclusion 'lonely' is not mapped",
        "odd": "unknown node type",
    }
    assert len(kept["edges"]) == 5  # type: ignore[index, arg-type]


def test_speaker_from_the_l_node_text_and_reported_speech() -> None:
    text = _doc(
        [
            {"nodeID": "i", "type": "I", "text": "Gang members were his friends"},
            {"nodeID": "l1", "type": "L", "text": "Petro : they were my friends"},
            {"nodeID": "y1", "type": "YA", "text": "Asserting"},
            {"nodeID": "l2", "type": "L", "text": "Noem : he said they were his friends"},
            {"nodeID": "y2", "type": "YA", "text": "Asserting"},
            {"nodeID": "y3", "type": "YA", "text": "Disagreeing"},
            {"nodeID": "l3", "type": "L", "text": "Petro : I had no such friends"},
        ],
        [("l1", "y1"), ("y1", "i"), ("l2", "y2"), ("y2", "l1"), ("l3", "y3"), ("y3", "i")],
    )
    m = parse_aif(text)
    said = [(a.agent, a.stance, a.reported_by, a.quote and a.quote.text) for a in m.attributions]
    assert said == [
        ("petro", "asserts", "noem", "they were my friends"),
        ("petro", "denies", None, "I had no such friends"),
    ]


def test_ids_that_are_not_argmap_ids_are_made_valid() -> None:
    text = _doc(
        [
            {"nodeID": 7, "type": "I", "text": "A"},
            {"nodeID": "two words", "type": "I", "text": "B"},
        ],
        [],
    )
    assert list(parse_aif(text).statements) == ["7", "two_words"]


def test_read_and_write_take_paths_and_open_files(tmp_path: Path) -> None:
    m = ArgumentMap(title="Files")
    m.support(m.claim("A"), m.claim("B"))
    buffer = io.StringIO()
    write_aif(m, buffer)
    assert read_aif(io.StringIO(buffer.getvalue())) == m
    write_aif(m, tmp_path / "m.aif")
    with (tmp_path / "m.aif").open("rb") as handle:
        assert read_aif(handle) == m


# --------------------------------------------------------------------------- round trips
@FUZZ
@given(maps())
def test_write_then_read_gives_the_same_map(m: ArgumentMap) -> None:
    assert parse_aif(generate_aif(m)) == m


@RICH
@given(rich_maps())
def test_write_then_read_keeps_factors_causal_links_data_and_quotes(m: ArgumentMap) -> None:
    # AIF carries the whole map, so the writer has nothing to warn about.
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)
        text = generate_aif(m, indent=None)
    assert parse_aif(text) == m


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ('{"nodes": [', "1:12", "invalid JSON"),
        ("[]", "$", "expected an AIF document"),
        ("{}", "$", "missing field 'nodes'"),
        ('{"nodes": {}}', "$.nodes", "expected nodes (a JSON array)"),
        ('{"nodes": [{"type": "I"}]}', "$.nodes[0]", "missing field 'nodeID'"),
        ('{"nodes": [{"nodeID": true, "type": "I"}]}', "$.nodes[0].nodeID", "a string or"),
        (
            '{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "I"}]}',
            "$.nodes[1].nodeID",
            "duplicate nodeID '1'",
        ),
        (
            '{"nodes": [{"nodeID": "1", "type": "I"}], "edges": [{"fromID": "1", "toID": "9"}]}',
            "$.edges[0].toID",
            "unknown node '9'",
        ),
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "argmap": {"tags": "x"}}]}',
            "$.nodes[0].argmap.tags",
            "valid tuple",
        ),
        (
            '{"AIF": {"nodes": [{"nodeID": "1", "type": "I", "argmap": {"kind": "x"}}]}}',
            "$.AIF.nodes[0].argmap.kind",
            "unknown kind 'x'",
        ),
    ],
)
def test_bad_input_names_the_place_and_what_was_expected(
    text: str, where: str, expected: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse_aif(text, origin="bad.json")
    assert str(caught.value).startswith(f"bad.json:{where}" if ":" in where else "bad.json")
    assert where in str(caught.value) and expected in str(caught.value)


def test_a_missing_file_is_a_format_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_aif(tmp_path / "absent.json")


def test_deep_nesting_is_a_format_error() -> None:
    with pytest.raises(FormatError) as caught:
        parse_aif("[" * 100_000 + "]" * 100_000)
    assert_located(caught.value)


@FUZZ
@given(st.text(max_size=200))
def test_random_text_raises_only_located_format_errors(text: str) -> None:
    try:
        parse_aif(text)
    except ArgmapError as err:
        assert_located(err)


@FUZZ
@given(st.sampled_from(["6064-original", "xaif", "written"]), json_mutations())
def test_mutated_real_files_raise_only_located_format_errors(
    name: str, edits: list[tuple[str, int, Any]]
) -> None:
    original = corpus("aifdb-nodeset-6064") / "6064-original.json"
    if name == "written":  # argmap's own AIF, with its extension members
        doc = json.loads(generate_aif(read_aif(original)))
    elif name == "xaif":
        doc = load_json(corpus("arguebuf-ts-examples") / "xaif.json")
    else:
        doc = load_json(original)
    doc = mutate_json(doc, edits)
    try:
        m = parse_aif(json.dumps(doc))
    except ArgmapError as err:
        assert_located(err)
    else:
        assert parse_aif(generate_aif(m)) == m


@FUZZ
@given(st.data())
def test_cut_and_spliced_real_text_raises_only_located_format_errors(data: st.DataObject) -> None:
    text = (corpus("arguebuf-ts-examples") / "xaif.json").read_text(encoding="utf-8")
    try:
        parse_aif(data.draw(text_mutations(text)))
    except ArgmapError as err:
        assert_located(err)
