"""argmap.diff: what changed between two maps, as a changelog and as JSON, and replayed by apply."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, FormatError, MapDiff, StructureError, diff
from argmap.model import Attribution, Claim
from tests.strategies import maps, rich_maps


def _two_versions() -> tuple[ArgumentMap, ArgumentMap]:
    a = ArgumentMap(title="Story")
    petro = a.agent("Gustavo Petro", id="petro")
    a.source("Post", id="post", text="The blockade strengthened the gang. I never met them.")
    a.claim("The blockade strengthened the gang", id="strengthened", by=petro)
    a.claim("The gang was defeated", id="defeated")
    a.rebut("defeated", "strengthened", id="r1")
    b = ArgumentMap(title="Story")
    b.agent("Gustavo Petro", id="petro")
    b.source("Post", id="post", text="The blockade strengthened the gang. I never met them.")
    b.claim(
        "The US blockade strengthened the gang",
        id="strengthened",
        by="petro",
        quote=b.quote("post", "The blockade strengthened the gang"),
    )
    b.claim("The gang was defeated", id="defeated")
    b.contradict("defeated", "strengthened", id="r1")
    b.claim("Petro never met gang members", id="never-met", by="petro", stance="asserts")
    return a, b


# --------------------------------------------------------------------------- properties
@settings(max_examples=40)
@given(maps())
def test_a_map_against_itself_is_no_difference(m: ArgumentMap) -> None:
    d = diff(m, m.copy())
    assert not d and len(d) == 0
    assert d.to_text() == "no differences"
    assert d.apply(m) == m


@settings(max_examples=60)
@given(maps(), maps())
def test_apply_turns_the_first_map_into_the_second(a: ArgumentMap, b: ArgumentMap) -> None:
    d = diff(a, b)
    assert d.apply(a) == b
    assert bool(d) == (a != b)


@settings(max_examples=30)
@given(rich_maps(), rich_maps())
def test_apply_carries_every_field(a: ArgumentMap, b: ArgumentMap) -> None:
    assert diff(a, b).apply(a) == b


@settings(max_examples=30)
@given(maps(), st.data())
def test_small_edits_are_changes_not_removals(m: ArgumentMap, data: st.DataObject) -> None:
    """A record whose text is edited in place is one change, listed by its id."""
    doc = m.to_document()
    i = data.draw(st.integers(0, len(doc.statements) - 1))
    old = doc.statements[i]
    new = old.model_copy(update={"tags": (*old.tags, "edited")})
    statements = (*doc.statements[:i], new, *doc.statements[i + 1 :])
    edited = ArgumentMap.from_document(doc.model_copy(update={"statements": statements}))
    d = diff(m, edited)
    assert not d.added and not d.removed and not d.order
    assert [(c.id, [f.field for f in c.fields]) for c in d.changed] == [(old.id, ["tags"])]
    assert d.apply(m) == edited


@settings(max_examples=40)
@given(maps(), maps())
def test_json_is_the_dict_and_parses(a: ArgumentMap, b: ArgumentMap) -> None:
    d = diff(a, b)
    parsed = json.loads(d.to_json())
    assert parsed == d.as_dict()
    assert parsed["equal"] is (not d)
    assert len(parsed["added"]) == len(d.added) and len(parsed["removed"]) == len(d.removed)


@settings(max_examples=40)
@given(rich_maps(), rich_maps())
def test_json_reads_back_as_the_same_diff(a: ArgumentMap, b: ArgumentMap) -> None:
    d = diff(a, b)
    again = MapDiff.from_json(d.to_json())
    assert again == d == MapDiff.from_dict(d.as_dict())
    assert again.apply(a) == b


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("[1, 2]", "$", "expected a JSON object"),
        ('{"added": {}}', "$.added", "expected a JSON array"),
        ('{"added": [{"kind": "claim", "id": "c"}]}', "$.added[0].text", ""),
        ('{"added": [{"kind": "spaceship"}]}', "$.added[0]", ""),
        ('{"map": [{"field": "colour"}]}', "$.map[0]", "expected {'field': one of"),
        (
            '{"changed": [{"kind": "claim", "fields": [{"field": "colour"}],'
            ' "new": {"kind": "claim", "id": "c", "text": "t"}}]}',
            "$.changed[0].fields[0]",
            "a field of claim",
        ),
        ('{"order": {"statements": [1]}}', "$.order.statements", "a list of ids"),
        ('{"attribution_order": "0"}', "$.attribution_order", "a list of positions"),
    ],
)
def test_a_malformed_diff_is_a_located_format_error(text: str, path: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        MapDiff.from_json(text, origin="patch.json")
    assert caught.value.file == "patch.json" and caught.value.path == path
    assert message in caught.value.message


def test_text_that_is_not_json_is_a_format_error() -> None:
    with pytest.raises(FormatError) as caught:
        MapDiff.from_json("{nope", origin="patch.json")
    assert caught.value.file == "patch.json" and caught.value.message.startswith("not JSON: ")


@settings(max_examples=40)
@given(maps(), maps())
def test_text_has_one_line_per_difference_and_no_raw_control_characters(
    a: ArgumentMap, b: ArgumentMap
) -> None:
    d = diff(a, b)
    text = d.to_text()
    assert all(ch >= " " for line in text.splitlines() for ch in line)
    if d:
        field_lines = sum(len(c.fields) for c in d.changed)
        records = len(d.added) + len(d.removed) + field_lines + len(d.map_fields)
        indented = [line for line in text.splitlines() if line.startswith("  ")]
        reordered = len(d.order) + (d.attribution_order is not None)
        assert len(indented) == records + reordered


# --------------------------------------------------------------------------- examples
def test_changes_read_like_a_changelog() -> None:
    a, b = _two_versions()
    text = diff(a, b).to_text()
    assert text.splitlines() == [
        "2 added, 3 changed",
        "Added",
        "  claim never-met: 'Petro never met gang members'",
        "  attribution: petro asserts never-met",
        "Changed",
        "  claim strengthened: text 'The blockade strengthened the gang' → "
        "'The US blockade strengthened the gang'",
        "  attack r1: sort 'rebut' → 'contradict'",
        "  attribution petro on strengthened: quote None → "
        "post[0:34] 'The blockade strengthened the gang'",
    ]


def test_map_fields_and_removals_are_listed() -> None:
    a, b = _two_versions()
    b.title = "Story, corrected"
    d = diff(b, a)
    text = d.to_text()
    assert "Map\n  title: 'Story, corrected' → 'Story'" in text
    assert "Removed\n  claim never-met: 'Petro never met gang members'" in text
    assert d.as_dict()["map"] == [{"field": "title", "old": "Story, corrected", "new": "Story"}]


def test_control_characters_show_escaped() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("plain", id="c")
    b.claim("two\nlines \x1b[31mred", id="c")
    text = diff(a, b).to_text()
    assert "\x1b" not in text and len(text.splitlines()) == 3
    assert r"'two\nlines \x1b[31mred'" in text


def test_a_kind_change_is_a_removal_and_an_addition() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("violence", id="v")
    b.factor("violence", id="v")
    d = diff(a, b)
    assert [r.kind for r in d.removed] == ["claim"] and [r.kind for r in d.added] == ["factor"]
    assert d.apply(a) == b


def test_an_id_that_moves_between_collections() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("p", id="p")
    a.claim("q", id="q")
    a.claim("x", id="x")
    b.claim("p", id="p")
    b.claim("q", id="q")
    b.support("p", "q", id="x")
    assert diff(a, b).apply(a) == b


def test_a_new_order_is_recorded_and_replayed() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("one", id="one")
    a.claim("two", id="two")
    b.claim("two", id="two")
    b.claim("one", id="one")
    d = diff(a, b)
    assert d and not d.added and not d.changed
    assert d.order == (("statements", ("two", "one")),)
    assert "Reordered\n  statements" in d.to_text()
    assert d.apply(a) == b


def test_attributions_reordered_or_repeated() -> None:
    a = ArgumentMap()
    ag = a.agent("A", id="ag")
    c = a.claim("c", id="c")
    a.attribute(c, by=ag)
    a.attribute(c, by=ag, stance="denies")
    a.attribute(c, by=ag, stance="questions")
    a.attribute(c, by=ag)
    doc = a.to_document()
    flipped = tuple(reversed(doc.attributions))
    b = ArgumentMap.from_document(doc.model_copy(update={"attributions": flipped}))
    d = diff(a, b)
    assert d.attribution_order is not None and not d.added and not d.removed
    assert d.apply(a) == b


def test_a_changed_stance_is_one_change() -> None:
    a = ArgumentMap()
    ag = a.agent("A", id="ag")
    a.claim("c", id="c", by=ag)
    doc = a.to_document()
    b = ArgumentMap.from_document(
        doc.model_copy(
            update={"attributions": (Attribution(target="c", agent="ag", stance="denies"),)}
        )
    )
    d = diff(a, b)
    assert [(c.kind, [f.field for f in c.fields]) for c in d.changed] == [
        ("attribution", ["stance"])
    ]
    entry = d.as_dict()["changed"][0]
    assert entry["fields"] == [{"field": "stance", "old": "asserts", "new": "denies"}]
    assert entry["new"]["stance"] == "denies" and "id" not in entry
    assert "attribution ag on c: stance 'asserts' → 'denies'" in d.to_text()


# --------------------------------------------------------------------------- misfits
def test_applying_to_a_map_it_does_not_fit_raises_structure_error() -> None:
    a, b = _two_versions()
    d = diff(a, b)
    with pytest.raises(StructureError, match="does not fit this map: it changes claim strength"):
        d.apply(b)
    with pytest.raises(StructureError, match="it changes claim strengthened, which the map"):
        d.apply(ArgumentMap())
    grown = ArgumentMap()
    grown.claim("Petro never met gang members", id="never-met")
    with pytest.raises(StructureError, match="it adds claim never-met, but the map already"):
        diff(ArgumentMap(), grown).apply(grown)
    other = a.copy()
    other.title = "Elsewhere"
    with pytest.raises(StructureError, match="changes the map's title"):
        diff(other, b.copy()).apply(a)


def test_a_removal_of_a_record_that_differs_does_not_fit() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("x", id="x")
    d = diff(a, b)
    c = ArgumentMap()
    c.claim("not x", id="x")
    with pytest.raises(StructureError, match="removes claim x, which differs in the map"):
        d.apply(c)


def test_a_result_with_a_dangling_reference_does_not_fit() -> None:
    a, b = ArgumentMap(), ArgumentMap()
    a.claim("p", id="p")
    b.claim("p", id="p")
    b.claim("q", id="q")
    b.support("p", "q", id="s")
    d = MapDiff(added=(b.relations["s"],))  # the support without its conclusion
    with pytest.raises(StructureError, match="the result is not a valid map"):
        d.apply(a)
    assert diff(a, b).apply(a) == b


def test_apply_leaves_its_argument_alone() -> None:
    a, b = _two_versions()
    before = a.to_document()
    diff(a, b).apply(a)
    assert a.to_document() == before


def test_diff_is_immutable_and_reprs_as_its_count() -> None:
    a, b = _two_versions()
    d = diff(a, b)
    with pytest.raises(AttributeError):
        d.added = ()  # type: ignore[misc]
    assert repr(d) == "<MapDiff: 2 added, 3 changed>"
    assert isinstance(d.added[0], Claim)


def test_ipython_shows_the_changelog() -> None:
    pretty = pytest.importorskip("IPython.lib.pretty", reason="IPython comes with the dev extra")
    a, b = _two_versions()
    d = diff(a, b)
    assert pretty.pretty(d) == d.to_text() == str(d)
