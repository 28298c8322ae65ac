"""SADFace: the public examples, atoms, schemes and sources, round trips, bad input."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    FormatError,
    generate_sadface,
    parse_sadface,
    read_sadface,
    write_sadface,
)
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
    examples = sorted(corpus("sadface-examples").glob("*.json"))
    return [*examples, corpus("arguebuf-ts-examples") / "sadface.json"]


def test_every_example_loads_with_the_counts_of_its_nodes_and_edges() -> None:
    for path in _files():
        raw = load_json(path)
        m = read_sadface(path)
        atoms = [n for n in raw["nodes"] if n["type"] == "atom"]
        schemes = [n for n in raw["nodes"] if n["type"] != "atom"]
        conflicts = [n for n in schemes if n.get("name") == "conflict"]
        assert len(m.claims()) == len(atoms), path
        assert len(m.supports()) == len(schemes) - len(conflicts), path
        assert len(m.attacks()) == len(conflicts), path
        used = sum(len(s.premises) + 1 for s in m.supports()) + 2 * len(m.attacks())
        assert used == len(raw["edges"]), path
        assert m.title == raw["metadata"]["core"].get("title"), path


def test_hangback_reads_linked_premises_a_rebuttal_and_keeps_the_metadata() -> None:
    m = read_sadface(corpus("sadface-examples") / "hangback.json")
    (support,) = m.supports()
    assert sorted(m[p].text for p in support.premises) == [
        "The 'Hang Back' advert does not clearly express the intended message",
        "The 'Hang Back' campaign was the wrong campaign to run",
    ]
    assert m[support.conclusion].text.startswith("The 'Hang Back' campaign video should not")
    assert support.scheme is None  # "support" is SADFace's generic name
    (attack,) = m.attacks()
    assert (attack.sort, m[attack.target].text) == (
        "rebut",
        "The 'Hang Back' campaign was the wrong campaign to run",
    )
    assert m.description is not None and m.description.startswith("An example SADFace document")
    core = m.data["sadface"]["metadata"]["core"]  # type: ignore[index, call-overload]
    assert core["analyst_name"] == "Simon Wells" and "title" not in core
    copy = read_sadface(corpus("arguebuf-ts-examples") / "sadface.json")
    assert copy == m  # the arguebuf copy is the same document


def test_minimal_document_is_an_empty_map_with_its_metadata() -> None:
    m = read_sadface(corpus("sadface-examples") / "minimal.json")
    assert len(m) == 0 and m.title is None
    assert m.data["sadface"]["metadata"]["core"]["version"] == "0.2"  # type: ignore[index, call-overload]


@pytest.mark.parametrize(
    "path", ["sadface-examples/hangback.json", "sadface-examples/minimal.json"]
)
def test_examples_survive_a_write_and_read(path: str, tmp_path: Path) -> None:
    folder, name = path.split("/")
    m = read_sadface(corpus(folder) / name)
    write_sadface(m, tmp_path / "out.sadface.json")
    assert read_sadface(tmp_path / "out.sadface.json") == m


@pytest.mark.parametrize(
    "path", ["sadface-examples/hangback.json", "arguebuf-ts-examples/sadface.json"]
)
def test_example_edge_ids_survive_a_write_and_read(path: str, tmp_path: Path) -> None:
    folder, name = path.split("/")
    raw = load_json(corpus(folder) / name)
    m = read_sadface(corpus(folder) / name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)  # nothing the file said is lost
        write_sadface(m, tmp_path / "out.sadface.json")
    written = load_json(tmp_path / "out.sadface.json")["edges"]
    # Every edge is written as it was (the writer orders them by relation).
    assert sorted(written, key=lambda e: e["id"]) == sorted(raw["edges"], key=lambda e: e["id"])
    again = read_sadface(tmp_path / "out.sadface.json")
    assert again == m
    assert json.loads(generate_sadface(again))["edges"] == written


def test_kept_edges_that_no_longer_fit_are_dropped_with_one_warning() -> None:
    m = ArgumentMap()
    a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
    edges: list[Any] = [
        {"id": "u1", "source_id": "c", "target_id": "s"},  # c is no premise of s
        {"id": "a", "source_id": "s", "target_id": "b", "weight": 2},  # an id may equal a node's
    ]
    m.support(a, b, id="s", data={"sadface": {"edges": edges}})
    m.support(
        c, b, id="t", data={"sadface": {"edges": [{"id": "a", "source_id": "c", "target_id": "t"}]}}
    )
    with pytest.warns(DataLossWarning) as caught:
        doc = json.loads(generate_sadface(m))
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("SADFace cannot hold edge ids that clash or whose edge is gone")
    assert "dropped 2 edge ids (u1 (c → s), a (c → t))" in message
    assert doc["edges"] == [
        {"id": "e1", "source_id": "a", "target_id": "s"},  # fresh ids skip the node ids
        {"id": "a", "source_id": "s", "target_id": "b", "weight": 2},
        {"id": "e2", "source_id": "c", "target_id": "t"},
        {"id": "e3", "source_id": "t", "target_id": "b"},
    ]
    back = parse_sadface(json.dumps(doc))
    assert back["s"].data == {"sadface": {"edges": [doc["edges"][1]]}}
    assert back["t"].data is None


def test_write_sadface_warns_at_the_caller(tmp_path: Path) -> None:
    m = ArgumentMap()
    a, b = m.claim("A", id="a"), m.claim("B", id="b")
    edges: list[Any] = [{"id": "x", "source_id": "b", "target_id": "s"}]
    m.support(a, b, id="s", data={"sadface": {"edges": edges}})
    with pytest.warns(DataLossWarning) as caught:
        write_sadface(m, tmp_path / "m.sadface.json")
    assert caught[0].filename == __file__
    with pytest.warns(DataLossWarning) as caught:
        generate_sadface(m)
    assert caught[0].filename == __file__


def test_atom_sources_become_quotes_of_their_resource() -> None:
    doc = {
        "metadata": {"core": {"title": "Quotes"}},
        "resources": [{"id": "r1", "content": "Hang back, they said.", "type": "text"}],
        "nodes": [
            {
                "id": "a1",
                "type": "atom",
                "text": "Cyclists should hang back",
                "sources": [{"resource_id": "r1", "text": "Hang back", "offset": 0, "length": 9}],
            },
            {"id": "a2", "type": "atom", "text": "Vigilance matters"},
            {"id": "s1", "type": "inference", "name": "expert opinion"},
            {"id": "k1", "type": "conflict", "name": "undercut"},
        ],
        "edges": [
            {"id": "e1", "source_id": "a2", "target_id": "s1"},
            {"id": "e2", "source_id": "s1", "target_id": "a1"},
            {"id": "e3", "source_id": "a1", "target_id": "k1"},
            {"id": "e4", "source_id": "k1", "target_id": "s1"},
        ],
    }
    m = parse_sadface(json.dumps(doc))
    (attribution,) = m.attributions
    assert attribution.quote is not None
    assert (attribution.agent, attribution.quote.text, attribution.quote.end) == (
        None,
        "Hang back",
        9,
    )
    assert (
        m.sources["r1"].title == "Resource r1"
        and m.sources["r1"].text == doc["resources"][0]["content"]
    )  # type: ignore[index]
    assert m["s1"].scheme == "expert opinion"  # type: ignore[union-attr]
    assert (m["k1"].sort, m["k1"].target) == ("undercut", "s1")  # type: ignore[union-attr]
    assert parse_sadface(generate_sadface(m)) == m


def test_unmappable_schemes_are_kept_with_their_edges() -> None:
    doc = {
        "nodes": [
            {"id": "a", "type": "atom", "text": "A"},
            {"id": "s", "type": "scheme", "name": "support"},
            {"id": "w", "type": "widget"},
        ],
        "edges": [{"id": "e1", "source_id": "s", "target_id": "a"}],
    }
    m = parse_sadface(json.dumps(doc))
    kept = m.data["sadface"]
    assert [(u["id"], u["reason"]) for u in kept["unmapped"]] == [  # type: ignore[index, union-attr]
        ("s", "no atom points to it"),
        ("w", "unknown node type 'widget'"),
    ]
    assert kept["edges"] == doc["edges"]  # type: ignore[index, call-overload]


def test_read_and_write_take_open_files() -> None:
    m = ArgumentMap(title="Files")
    m.rebut(m.claim("A"), m.claim("B"))
    buffer = io.StringIO()
    write_sadface(m, buffer)
    assert read_sadface(io.StringIO(buffer.getvalue())) == m


@FUZZ
@given(maps())
def test_write_then_read_gives_the_same_map(m: ArgumentMap) -> None:
    assert parse_sadface(generate_sadface(m)) == m


@RICH
@given(rich_maps())
def test_write_then_read_keeps_factors_causal_links_data_and_quotes(m: ArgumentMap) -> None:
    # SADFace carries the whole map, so the writer has nothing to warn about.
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)
        text = generate_sadface(m, indent=None)
    assert parse_sadface(text) == m


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ('{"nodes": [}', "1:12", "invalid JSON"),
        ("{}", "$", "missing field 'nodes'"),
        ('{"nodes": [{"id": "a"}]}', "$.nodes[0]", "missing field 'type'"),
        (
            '{"nodes": [{"id": "a", "type": "atom"}, {"id": "a", "type": "atom"}]}',
            "$.nodes[1].id",
            "duplicate node id 'a'",
        ),
        (
            '{"nodes": [{"id": "a", "type": "atom", "text": 3}]}',
            "$.nodes[0].text",
            "expected the atom's text (a string)",
        ),
        (
            '{"nodes": [], "edges": [{"source_id": "a", "target_id": "b"}]}',
            "$.edges[0].source_id",
            "unknown node 'a'",
        ),
        (
            '{"nodes": [{"id": "a", "type": "atom", "sources": [{"resource_id": "r", '
            '"text": "x", "offset": -1}]}]}',
            "$.nodes[0].sources[0].offset",
            "a whole number >= 0",
        ),
        (
            '{"nodes": [{"id": "a", "type": "atom", "sources": [{"resource_id": "r", '
            '"text": "x"}]}]}',
            "$.nodes[0].sources[0]",
            "unknown source id 'r'",
        ),
    ],
)
def test_bad_input_names_the_place_and_what_was_expected(
    text: str, where: str, expected: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse_sadface(text, origin="bad.json")
    assert where in str(caught.value) and expected in str(caught.value), str(caught.value)


@FUZZ
@given(st.text(max_size=200))
def test_random_text_raises_only_located_format_errors(text: str) -> None:
    try:
        parse_sadface(text)
    except ArgmapError as err:
        assert_located(err)


@FUZZ
@given(json_mutations())
@example(edits=[("swap_id", 940, None)])  # kept edge ids clash: the writer warns and drops them
def test_mutated_real_files_raise_only_located_format_errors(
    edits: list[tuple[str, int, Any]],
) -> None:
    doc = mutate_json(load_json(corpus("sadface-examples") / "hangback.json"), edits)
    try:
        m = parse_sadface(json.dumps(doc))
    except ArgmapError as err:
        assert_located(err)
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            back = parse_sadface(generate_sadface(m))
        if any(issubclass(w.category, DataLossWarning) for w in caught):
            # A mutation made kept edge ids clash: the writer said what it dropped (edge ids
            # only), so the records are the same and only the relations' kept edges differ.
            assert dict(back.statements) == dict(m.statements)
            assert list(back.relations) == list(m.relations)
        else:
            assert back == m


@FUZZ
@given(st.data())
def test_cut_and_spliced_real_text_raises_only_located_format_errors(data: st.DataObject) -> None:
    text = (corpus("sadface-examples") / "hangback.json").read_text(encoding="utf-8")
    try:
        parse_sadface(data.draw(text_mutations(text)))
    except ArgmapError as err:
        assert_located(err)
