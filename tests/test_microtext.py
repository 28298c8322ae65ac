"""Argumentative microtexts: all 112 English files, edges, quotes, bad and hostile XML."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import FormatError, parse_microtext, read_microtext
from argmap.errors import ArgmapError
from tests.interchange_support import assert_located, corpus, text_mutations

FUZZ = settings(max_examples=60, suppress_health_check=list(HealthCheck))


def _files() -> list[Path]:
    return sorted(corpus("arg-microtexts").glob("en/*.xml"))


def test_all_112_english_files_load_with_the_counts_of_their_xml() -> None:
    files = _files()
    assert len(files) == 112
    for path in files:
        root = ET.parse(path).getroot()
        edges = Counter(edge.get("type") for edge in root.iter("edge"))
        m = read_microtext(path)
        supports, attacks = m.supports(), m.attacks()
        assert len(m.claims()) == len(root.findall("adu")), path
        assert len(supports) == edges["sup"] + edges["exa"], path
        assert sum(s.scheme == "example" for s in supports) == edges["exa"], path
        assert sum(a.sort == "rebut" for a in attacks) == edges["reb"], path
        assert sum(a.sort == "undercut" for a in attacks) == edges["und"], path
        added = sum(len(s.premises) - 1 for s in supports) + sum(
            len((a.data or {}).get("linked_attackers", []))
            for a in attacks  # type: ignore[arg-type]
        )
        assert added == edges["add"], path
        roles = {adu.get("id"): adu.get("type") for adu in root.findall("adu")}
        assert {c.id: c.tags for c in m.claims()} == {k: (v,) for k, v in roles.items()}, path


def test_every_adu_is_quoted_from_the_text_file() -> None:
    for path in _files():
        m = read_microtext(path)
        (source,) = m.sources.values()
        assert source.text == path.with_suffix(".txt").read_text(encoding="utf-8"), path
        assert source.path == str(path.with_suffix(".txt"))
        for claim in m.claims():
            (attribution,) = m.attributions_of(claim)
            quote = attribution.quote
            assert quote is not None and quote.text == claim.text, path
            assert source.text[quote.start : quote.end] == claim.text, path
            assert attribution.agent == ("proponent" if claim.tags == ("pro",) else "opponent")


def test_edges_keep_their_ids_and_undercuts_aim_at_relations() -> None:
    m = read_microtext(corpus("arg-microtexts") / "en" / "micro_b001.xml")
    assert [(r.id, r.kind) for r in m.relations.values()] == [
        ("c1", "attack"),
        ("c2", "support"),
        ("c3", "attack"),
    ]
    assert (m["c1"].sort, m["c1"].attacker, m["c1"].target) == ("rebut", "a1", "a5")  # type: ignore[union-attr]
    # c3 undercuts the rebuttal c1, and c4 (add) joins a4 to c3's attacker a3.
    assert (m["c3"].sort, m["c3"].target) == ("undercut", "c1")  # type: ignore[union-attr]
    assert m["c3"].data == {"linked_attackers": ["a4"]}
    assert m.data == {
        "microtext": {"id": "micro_b001", "topic_id": "waste_separation", "stance": "pro"}
    }


def test_without_the_text_file_the_edus_joined_are_the_source(tmp_path: Path) -> None:
    path = corpus("arg-microtexts") / "en" / "micro_b001.xml"
    copy = tmp_path / "micro_b001.xml"
    copy.write_bytes(path.read_bytes())
    m = read_microtext(copy)
    (source,) = m.sources.values()
    assert source.path is None
    assert source.text == " ".join(e.text or "" for e in ET.parse(path).getroot().iter("edu"))
    with path.open("rb") as handle:
        assert read_microtext(handle) == m


_GOOD = """<arggraph id="g">
  <edu id="e1">Claim.</edu>
  <edu id="e2">Reason.</edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="a2" trg="a1" type="sup"/>
</arggraph>"""


@pytest.mark.parametrize(
    ("old", "new", "where", "expected"),
    [
        ('type="sup"', 'type="xyz"', "8:3", "unknown edge type 'xyz'"),
        ('trg="a1" type="sup"', 'trg="a9" type="sup"', "8:3", "trg='a9' names no element"),
        ('<adu id="a2" type="pro"/>', '<adu id="a2" type="maybe"/>', "5:3", "unknown adu type"),
        ('<edge id="c2" src="e2" trg="a2" type="seg"/>', "", "5:3", "adu 'a2' has no text"),
        ('<adu id="a2"', '<adu id="a1"', "5:3", "duplicate id 'a1'"),
        ('id="c3" src="a2"', 'id="c3" src="e2"', "8:3", "starts at an <adu>; 'e2' is an <edu>"),
        ('trg="a1" type="sup"', 'trg="c1" type="und"', "8:3", "a seg edge"),
        ("</arggraph>", "", "9:1", "invalid XML: no element found"),
        ('<edu id="e1">', '<edu id="e1"><b/>', "2:16", "expected a flat list"),
    ],
)
def test_bad_arggraphs_name_line_column_and_what_was_expected(
    old: str, new: str, where: str, expected: str
) -> None:
    assert old in _GOOD
    with pytest.raises(FormatError) as caught:
        parse_microtext(_GOOD.replace(old, new, 1), origin="bad.xml")
    assert str(caught.value).startswith(f"bad.xml:{where}"), str(caught.value)
    assert expected in str(caught.value)


def test_another_root_element_is_a_located_error() -> None:
    with pytest.raises(FormatError, match=r"^<string>:1:1: the root element is <graph>; expected"):
        parse_microtext(_GOOD.replace("arggraph", "graph"))


def test_a_premise_given_twice_is_a_located_error() -> None:
    doubled = _GOOD.replace(
        "</arggraph>", '<edge id="c4" src="a2" trg="c3" type="add"/>\n</arggraph>'
    )
    with pytest.raises(FormatError) as caught:
        parse_microtext(doubled)
    assert caught.value.line == 8 and "lists a premise twice" in str(caught.value)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE arggraph [<!ENTITY x "xx">]>',
        '<!DOCTYPE arggraph [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE arggraph [<!ENTITY % p SYSTEM "http://example.org/p.dtd"> %p;]>',
        '<!DOCTYPE arggraph [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_entity_declarations_are_refused_and_nothing_is_fetched(doctype: str) -> None:
    with pytest.raises(FormatError, match="entity") as caught:
        parse_microtext(f'<?xml version="1.0"?>\n{doctype}\n{_GOOD}')
    assert caught.value.line is not None


def test_an_external_dtd_is_not_fetched() -> None:
    text = f'<!DOCTYPE arggraph SYSTEM "http://example.invalid/arggraph.dtd">\n{_GOOD}'
    assert len(parse_microtext(text)) == 2


def test_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_microtext(tmp_path / "absent.xml")
    with pytest.raises(FormatError, match="no such file"):
        read_microtext(io.BytesIO(_GOOD.encode()), source_path=str(tmp_path / "absent.txt"))


@FUZZ
@given(st.text(max_size=200))
def test_random_text_raises_only_located_format_errors(text: str) -> None:
    try:
        parse_microtext(text)
    except ArgmapError as err:
        assert_located(err)


@FUZZ
@given(st.sampled_from(["micro_b001", "micro_b008", "micro_k031"]), st.data())
def test_mutated_real_files_raise_only_located_format_errors(
    name: str, data: st.DataObject
) -> None:
    folder = corpus("arg-microtexts") / "en"
    xml = (folder / f"{name}.xml").read_text(encoding="utf-8")
    swaps = [
        ('type="sup"', 'type="reb"'),
        ('type="seg"', 'type="sup"'),
        ('type="add"', 'type="und"'),
        ('trg="a', 'trg="c'),
        ('src="a', 'src="e'),
        ('type="pro"', 'type="opp"'),
        (' id="a', ' id="e'),
    ]
    for old, new in data.draw(st.lists(st.sampled_from(swaps), max_size=3)):
        xml = xml.replace(old, new, 1)
    xml = data.draw(st.just(xml) | text_mutations(xml))
    try:
        parse_microtext(xml)
    except ArgmapError as err:
        assert_located(err)


# Names pyexpat cannot use: unknown, not a text codec, multi-byte, or failing on decoding.
_BAD_ENCODINGS = ["foo", "rot13", "base64", "shift_jis", "utf-7", "big5", "idna", "punycode"]


@pytest.mark.parametrize("encoding", _BAD_ENCODINGS)
def test_an_encoding_pyexpat_cannot_use_is_a_located_error(encoding: str) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?>\n{_GOOD}'.encode()
    with pytest.raises(FormatError) as info:
        parse_microtext(xml, origin="x.xml")
    err = info.value
    assert (err.file, err.line, err.column) == ("x.xml", 1, 31)
    assert err.message.startswith(f"the XML declaration names the encoding {encoding!r}")


def test_a_single_byte_encoding_is_read() -> None:
    xml = '<?xml version="1.0" encoding="cp1252"?>\n' + _GOOD.replace("Claim.", "Café.")
    m = parse_microtext(xml.encode("cp1252"))
    assert "Café." in [s.text for s in m.statements.values()]


@FUZZ
@given(
    st.sampled_from([*_BAD_ENCODINGS, "utf-8", "latin-1", "utf-16", "cp037", "x" * 50])
    | st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", max_size=12),
    st.booleans(),
)
def test_any_declared_encoding_raises_only_located_format_errors(
    encoding: str, as_bytes: bool
) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?>\n{_GOOD}'
    try:
        parse_microtext(xml.encode() if as_bytes else xml)
    except ArgmapError as err:
        assert_located(err)


def test_cli_reports_an_unknown_encoding_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    path = tmp_path / "bad.xml"
    path.write_bytes(f'<?xml version="1.0" encoding="foo"?>\n{_GOOD}'.encode())
    for command in (
        ["check", "--from", "microtext", str(path)],
        ["convert", "--from", "microtext", str(path), str(tmp_path / "out.json")],
    ):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        # One line for the file (`check` adds its summary of findings after it).
        [line] = [line for line in err.splitlines() if line.startswith("argmap: error:")]
        assert f"{path}:1:31: the XML declaration names the encoding 'foo'" in line
        assert command[0] == "check" or err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()
