"""Argdown: conformance with Argdown 1.7.5, the map it gives, the writer's round trip, bad input.

The conformance tests read ../shared/data/argdown (25 documents, what the real Argdown CLI made of
them, and 4 documents it rejects) by path and skip, saying why, when that folder is absent.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example as hypothesis_example
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgdownSyntaxError, ArgmapError, ArgumentMap, FormatError
from argmap.readwrite import format_for, read_map, write_map
from argmap.readwrite.argdown import (
    ArgdownDocument,
    generate_argdown,
    parse_argdown,
    parse_argdown_document,
    read_argdown,
    write_argdown,
)
from argmap.readwrite.argdown.lexer import (
    _CLOSERS,
    _COMMENT_BODY,
    _RE_TAG,
    _SIMPLE_PATTERNS,
    _Ahead,
    _closers_follow,
    _comment_may_start,
    _comment_opener,
    _paren_tag_may_close,
)
from argmap.readwrite.argdown.parser import MAX_NESTING
from tests.interchange_support import error_in_child
from tests.strategies import maps, texts, user_texts

CORPUS = Path(__file__).parents[1] / ".." / "shared" / "data" / "argdown"
EXAMPLES = CORPUS / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.*")) if EXAMPLES.is_dir() else []
INVALID = sorted(p.stem for p in (EXAMPLES / "invalid").glob("*.argdown")) if NAMES else []

needs_corpus = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason=f"the Argdown corpus is not at {CORPUS} (../shared/data absent)"
)
pytestmark = pytest.mark.shared


def example(name: str) -> Path:
    return next(EXAMPLES.glob(f"{name}.*"))


def summary() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "summary.json").read_text(encoding="utf-8"))
    return data


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "expected" / f"{name}.json").read_text("utf-8"))
    return data


def flat(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Argdown's nested nodes or sections in pre-order, without recursion."""
    out, stack = [], list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.get("children", [])))
    return out


def my_summary(doc: ArgdownDocument) -> dict[str, Any]:
    """The parts of a document that summary.json holds, in its shape."""
    by_id = {n.id: n for n in doc.map_nodes}
    counts: dict[str, int] = {}
    for r in doc.relations:
        counts[r.type] = counts.get(r.type, 0) + 1
    return {
        "statements": sorted(doc.statements),
        "arguments": sorted(doc.arguments),
        "relations": [
            [r.source, r.source_kind, r.type, r.target, r.target_kind] for r in doc.relations
        ],
        "relation_counts": counts,
        "pcs": {t: [[s.title, s.role] for s in a.pcs] for t, a in doc.arguments.items() if a.pcs},
        "tags": sorted(doc.tags),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "level": s.level,
                "parent": s.parent.id if s.parent else None,
                "isGroup": s.is_group,
            }
            for s in doc.iter_sections()
        ],
        "map_nodes": [
            [n.kind, n.title, by_id[n.group].title if n.group else None] for n in doc.map_nodes
        ],
        "map_edges": [
            [
                by_id[e.source].kind,
                by_id[e.source].title,
                e.relation_type,
                by_id[e.target].kind,
                by_id[e.target].title,
            ]
            for e in doc.map_edges
        ],
    }


# ------------------------------------------------------------------------------------------------
# Conformance with Argdown 1.7.5
# ------------------------------------------------------------------------------------------------


@needs_corpus
def test_corpus_has_25_documents_and_4_invalid_ones() -> None:
    assert len(NAMES) == 25
    assert len(INVALID) == 4


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_agrees_with_summary(name: str) -> None:
    doc = parse_argdown_document(example(name).read_text(encoding="utf-8"), origin=name)
    mine = my_summary(doc)
    for key, value in summary()[name].items():
        assert mine[key] == value, key


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_agrees_with_the_cli_export_in_depth(name: str) -> None:
    """Member texts, roles, flags, data, positions, inferences, labels and edge ids."""
    exp = expected(name)
    doc = parse_argdown_document(example(name).read_text(encoding="utf-8"))
    flags = {
        "isUsedAsTopLevelStatement": "is_used_as_top_level_statement",
        "isUsedAsRelationStatement": "is_used_as_relation_statement",
        "isUsedAsPremise": "is_used_as_premise",
        "isUsedAsIntermediaryConclusion": "is_used_as_intermediary_conclusion",
        "isUsedAsMainConclusion": "is_used_as_main_conclusion",
    }
    for title, ec in exp["statements"].items():
        mine = doc.statements[title]
        assert [
            (
                m.get("role"),
                m.get("text"),
                bool(m.get("isReference")),
                m.get("tags", []),
                m.get("data"),
                m.get("startLine"),
                m.get("startColumn"),
            )
            for m in ec["members"]
        ] == [
            (m.role, m.text, m.is_reference, m.tags, m.data, m.line, m.column) for m in mine.members
        ], title
        for theirs, ours in zip(ec["members"], mine.members, strict=True):
            assert theirs.get("ranges", []) == [
                {k: v for k, v in vars(r).items() if v is not None} for r in ours.ranges
            ], title
        for flag, attribute in flags.items():
            assert bool(ec.get(flag)) == getattr(mine, attribute), (title, flag)
        assert ec.get("tags", []) == mine.tags
        assert ec.get("data") == mine.data
        assert ec.get("section") == (mine.section.id if mine.section else None)
    for title, argument in exp["arguments"].items():
        mine_argument = doc.arguments[title]
        assert [(m.get("text"), bool(m.get("isReference"))) for m in argument["members"]] == [
            (m.text, m.is_reference) for m in mine_argument.members
        ]
        assert argument.get("data") == mine_argument.data
        for theirs, ours in zip(argument["pcs"], mine_argument.pcs, strict=True):
            if "inference" in theirs:
                inference = theirs["inference"]
                assert ours.inference is not None
                assert inference["inferenceRules"] == ours.inference.rules
                assert inference.get("data") == ours.inference.data
                assert inference["conclusionIndex"] == ours.inference.conclusion_index
    assert [
        (n["id"], n.get("labelTitle"), n.get("labelText"), n.get("tags"), n.get("level"))
        for n in flat(exp["map"]["nodes"])
    ] == [(n.id, n.label_title, n.label_text, n.tags or None, n.level) for n in doc.map_nodes]
    assert [
        (
            e["id"],
            e["from"],
            e["to"],
            e["relationType"],
            e.get("fromEquivalenceClass"),
            e.get("toEquivalenceClass"),
        )
        for e in exp["map"]["edges"]
    ] == [
        (
            e.id,
            e.source,
            e.target,
            e.relation_type,
            e.source_equivalence_class,
            e.target_equivalence_class,
        )
        for e in doc.map_edges
    ]


def _first_position(name: str) -> tuple[int, int] | None:
    report = (CORPUS / "expected" / "invalid" / f"{name}.errors.txt").read_text("utf-8")
    found = re.search(r"^At (\d+):(\d+)", report, re.MULTILINE)
    return (int(found.group(1)), int(found.group(2))) if found else None


@needs_corpus
@pytest.mark.parametrize("name", INVALID)
def test_invalid_documents_raise_with_line_and_column(name: str) -> None:
    path = EXAMPLES / "invalid" / f"{name}.argdown"
    with pytest.raises(ArgdownSyntaxError) as caught:
        read_argdown(path)
    err = caught.value
    assert isinstance(err, FormatError)
    assert err.file == str(path)
    assert err.line is not None and err.column is not None
    assert f"{path}:{err.line}:{err.column}:" in str(err)
    position = _first_position(name)
    if position is not None:  # Argdown's own first error position
        assert (err.line, err.column) == position
    else:  # the YAML error: js-yaml says 1:19 inside the data block on line 3
        assert "YAML" in err.message
        assert (err.line, err.column) == (3, 39 + 18)


# ------------------------------------------------------------------------------------------------
# The map an Argdown document gives
# ------------------------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_every_document_loads_as_a_map(name: str) -> None:
    doc = parse_argdown_document(example(name).read_text(encoding="utf-8"))
    m = doc.to_map()
    claims = [
        s for s in m.statements.values() if not (s.data or {}).get("argdown", {}).get("argument")
    ]
    assert len(claims) == len(doc.statements)
    sketched = [a for a in doc.arguments.values() if not a.pcs]
    assert len(m.statements) == len(doc.statements) + len(sketched)
    assert len(m.supports()) >= sum(1 for a in doc.arguments.values() if a.pcs)


@needs_corpus
def test_reconstruction_with_two_steps_and_an_undercut_of_the_first() -> None:
    m = read_argdown(example("docs_undercut_complex"))
    supports = {s.id: s for s in m.supports()}
    assert set(supports) == {"a", "a-1", "b"}
    assert supports["a-1"].premises == ("c1", "c2")
    assert supports["a-1"].conclusion == "c3"
    assert supports["a"].premises == ("c3", "c4")  # the intermediary conclusion carries on
    assert supports["a"].conclusion == "c5"
    [undercut] = m.attacks()
    assert (undercut.attacker, undercut.sort, undercut.target) == ("c8", "undercut", "a-1")


@needs_corpus
def test_expanded_inference_rules_and_uses() -> None:
    m = read_argdown(example("docs_expanded_inference"))
    [support] = m.supports()
    assert support.scheme == "Universal instantiation, Modus Ponens"
    assert support.premises == ("c1", "c2")
    assert support.data == {
        "argdown": {"inference": {"uses": [1, 2], "logic": ["deductive", "predicate logic"]}}
    }


@needs_corpus
def test_strict_mode_relations() -> None:
    m = read_argdown(example("docs_strict_relations"))
    kinds = sorted(
        (r.kind, getattr(r, "sort", ""), (r.data or {}).get("argdown", {}).get("type", ""))
        for r in m.relations.values()
    )
    assert kinds == [
        ("attack", "contradict", ""),
        ("attack", "rebut", "contrary"),
        ("attack", "rebut", "contrary"),
        ("attack", "rebut", "contrary"),
        ("attack", "rebut", "contrary"),
        ("support", "", "entails"),
        ("support", "", "entails"),
    ]
    [contradiction] = [a for a in m.attacks() if a.sort == "contradict"]
    assert (contradiction.attacker, contradiction.target) == ("a", "f")


@needs_corpus
def test_groups_become_tags_and_argument_relations_move_to_conclusions() -> None:
    m = read_argdown(example("docs_groups_headings"))
    assert m["p"].tags == ("H1",)
    supports = m.supports()  # in text order: "+ <b>" (line 10) before b's pcs (line 20)
    assert [s.id for s in supports] == ["s1", "b"]
    assert supports[1].tags == ("H1", "H2")
    # "+ <b>" under [p]: b's conclusion (Untitled 3, id c3) supports p
    assert (supports[0].premises, supports[0].conclusion) == (("c3",), "p")
    [attack] = m.attacks()
    assert (attack.attacker, attack.target, attack.sort) == ("a", "p", "rebut")
    assert m["a"].data == {"argdown": {"argument": True}}


@needs_corpus
def test_sketched_argument_undercut_undercuts_what_it_supports() -> None:
    m = read_argdown(example("ex_legalisation_softdrugs"))
    analogy = next(s for s in m.supports() if s.premises == ("alcohol-and-tobacco-analogy",))
    undercuts = [a for a in m.attacks() if a.sort == "undercut"]
    assert ("poor-reason", analogy.id) in [(a.attacker, a.target) for a in undercuts]


@needs_corpus
def test_frontmatter_and_data_are_kept() -> None:
    m = read_argdown(example("ex_semmelweis_betz"))
    assert m.title is not None and m.title.startswith("A Stylized Reconstruction")
    front = m.data["argdown"]["frontmatter"]  # type: ignore[index]
    assert front["author"] == "Gregor Betz"  # type: ignore[index,call-overload]
    m2 = read_argdown(example("docs_pcs_rich"))
    assert m2["c1"].data == {"argdown": {"data": {"sources": ["Cleanthes"]}}}


def test_escapes_comments_mentions_and_shortcodes_in_text() -> None:
    doc = parse_argdown_document(
        "[A]: \\[not a title\\] <!-- gone --> see @[B], p .^. q :heart: /* also gone */\n\n"
        "[B]: *italic* and __bold__ and [a link](https://example.org) // comment\n"
    )
    assert doc.statements["A"].text == "[not a title] see @[B], p ∧ q ❤ "
    ranges = [(r.type, r.start, r.stop) for r in doc.statements["B"].members[0].ranges]
    assert ranges == [("italic", 0, 5), ("bold", 11, 14), ("link", 20, 25)]  # as Argdown


def test_equivalence_class_and_untitled_numbering_shared_with_arguments() -> None:
    doc = parse_argdown_document("(1) a\n(2) b\n----\n(3) c\n\n[T]: one\n\n[T]: two\n")
    assert list(doc.arguments) == ["Untitled 1"]  # the anonymous pcs takes its number first
    assert [s.title for s in doc.arguments["Untitled 1"].pcs] == [
        "Untitled 2",
        "Untitled 3",
        "Untitled 4",
    ]
    assert [m.text for m in doc.statements["T"].members] == ["one", "two"]
    assert doc.to_map()["t"].text == "two"  # the last defining member speaks for the class


def test_relations_in_both_directions() -> None:
    doc = parse_argdown_document(
        "[a]: A\n  + [b]: B\n  - [c]: C\n  +> [d]: D\n  -> [e]: E\n  <+ [f]: F\n  <- [g]: G\n"
        "  >< [h]: H\n  _> <U>: U\n"
    )
    assert [tuple(r[:3]) for r in doc.relations] == [
        ("b", "support", "a"),
        ("c", "attack", "a"),
        ("a", "support", "d"),
        ("a", "attack", "e"),
        ("f", "support", "a"),
        ("g", "attack", "a"),
        ("a", "contradictory", "h"),
        ("a", "undercut", "U"),
    ]


def test_tags_and_block_yaml() -> None:
    doc = parse_argdown_document(
        "===\nmodel:\n  removeTagsFromText: true\n===\n\n"
        "[A]: Text #one #(two words) {\nsource: x\nweight: 2\n}\n"
    )
    ec = doc.statements["A"]
    assert ec.tags == ["one", "two words"]
    assert ec.text == "Text "
    assert ec.data == {"source": "x", "weight": 2}
    assert doc.to_map()["a"].tags == ("one", "two words")


def test_yaml_booleans_and_dates_read_as_argdown_reads_them() -> None:
    doc = parse_argdown_document(
        "[A]: x {answer: yes, ok: true, day: 2024-01-02, at: 2024-01-02 10:30:00+02:00}"
    )
    assert doc.statements["A"].data == {  # what Argdown's JSON export holds (checked with its CLI)
        "answer": "yes",
        "ok": True,
        "day": "2024-01-02T00:00:00.000Z",
        "at": "2024-01-02T08:30:00.000Z",
    }


# ------------------------------------------------------------------------------------------------
# Writer and round trip
# ------------------------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_corpus_maps_survive_the_writer(name: str) -> None:
    m = read_argdown(example(name))
    assert parse_argdown(generate_argdown(m)) == m


@settings(max_examples=150)
@given(st.one_of(maps(), maps(text=user_texts), maps(text=texts)))
def test_generated_maps_round_trip(m: ArgumentMap) -> None:
    assert parse_argdown(generate_argdown(m)) == m


@settings(max_examples=150)
@given(st.lists(user_texts, min_size=1, max_size=5), st.lists(user_texts, max_size=3))
@hypothesis_example(["#<>"], [])  # the escape of "<" after "#" read as the tag "#\\"
@hypothesis_example(["#<"], [])
@hypothesis_example(['"text"'], [])  # a claim may say "text": look in the data, not the page
def test_tricky_texts_and_tags_survive_without_argmap_blocks(
    lines: list[str], tags: list[str]
) -> None:
    m = ArgumentMap()
    for line in lines:
        m.claim(line, tags=tags)
    text = generate_argdown(m)
    doc = parse_argdown_document(text)
    assert doc.to_map() == m
    clean = [t for t in lines if t == t.strip() and t and "\n" not in t and "\r" not in t]
    plain_tags = all(t and ")" not in t and "\n" not in t for t in tags)
    if len(clean) == len(lines) and plain_tags and len(set(tags)) == len(tags):
        for statement in doc.statements.values():  # plain Argdown carried the text, not YAML
            assert "text" not in ((statement.data or {}).get("argmap") or {})


def test_what_argdown_cannot_say_rides_in_yaml_and_comes_back() -> None:
    m = ArgumentMap(title="Petro and Noem", description="Who said what")
    art = m.source("Article", id="article", text="He strengthened the gang by blockading.")
    petro = m.agent("Gustavo Petro", id="petro", role="President of Colombia")
    noem = m.agent("Kristi Noem", id="noem")
    blockade = m.factor("US blockade", id="blockade")
    gang = m.factor("Gang strength", id="gang")
    link = m.causes(blockade, gang, polarity="+", by=petro, quote=m.quote(art, "strengthened"))
    friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
    m.attribute(friends, by=petro, stance="denies")
    never = m.claim("Petro never met a cartel member", reconstructed=True)
    m.attack(never, friends, sort="undermine")
    m.undercut(never, link)
    text = generate_argdown(m)
    assert "causal" in text and "attributions" in text
    back = parse_argdown(text)
    assert back == m
    assert back.attributions_of(link)[0].quote is not None


def test_written_argdown_shows_the_structure() -> None:
    m = ArgumentMap()
    a = m.claim("Opening the border stopped migration", id="border")
    b = m.claim("Migrants went home", id="home")
    c = m.claim("Migration went on", id="on")
    s = m.support(b, a, id="return")
    m.rebut(c, a)
    m.undercut(c, s)
    m.contradict(c, b)
    text = generate_argdown(m)
    body = text.split("===\n")[-1]
    assert "[border]: Opening the border stopped migration" in body
    assert "<return>\n\n(1) [home]\n----\n(2) [border]" in body
    assert "[on]\n  -> [border]" in body
    assert "[on]\n  _> <return>" in body
    assert "[on]\n  >< [home]" in body
    doc = parse_argdown_document(text)
    assert sorted(tuple(r[:3]) for r in doc.relations) == [
        ("on", "attack", "border"),
        ("on", "contradictory", "home"),
        ("on", "undercut", "return"),
    ]


def test_write_and_read_paths_files_and_binary_streams(tmp_path: Path) -> None:
    m = ArgumentMap(title="T")
    m.claim("Ñandú: ¿qué?", id="nandu")
    path = tmp_path / "map.argdown"
    write_argdown(m, path)
    assert read_argdown(path) == m
    assert read_argdown(str(path)) == m
    with path.open("rb") as handle:
        assert read_argdown(handle) == m
    stream = io.StringIO()
    write_argdown(m, stream)
    assert read_argdown(io.StringIO(stream.getvalue())) == m
    assert format_for(tmp_path / "x.ad").name == "argdown"
    write_map(m, tmp_path / "again.argdown")
    assert read_map(tmp_path / "again.argdown") == m
    assert argmap.read_argdown is read_argdown


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    class Broken(ArgumentMap):
        @property
        def statements(self) -> Any:
            raise RuntimeError("boom")

    target = tmp_path / "out.argdown"
    with pytest.raises(RuntimeError):
        write_argdown(Broken(), target)
    assert not target.exists()
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------------------------------------
# Bad input: only located ArgmapErrors
# ------------------------------------------------------------------------------------------------


def _only_located_errors(text: str) -> None:
    try:
        parse_argdown(text, origin="fuzz.argdown")
    except ArgmapError as err:
        assert isinstance(err, FormatError), type(err)
        assert err.file == "fuzz.argdown"
        assert (err.line is not None and err.column is not None) or err.path is not None
        if err.line is not None and err.column is not None:
            lines = re.split(r"\r\n|\n|\r", text)
            assert 1 <= err.line <= len(lines)
            assert 1 <= err.column <= len(lines[err.line - 1]) + 1


ARGDOWN_ALPHABET = st.sampled_from(
    [
        *list("[]<>()+-_*#@:.,;{}=\\/!'\"\n\t "),
        "\n\n",
        "  + ",
        "  - ",
        "(1) ",
        "----",
        "===",
        "<!--",
        "-->",
        "/*",
        "*/",
        "//",
        "a",
        "B",
        "7",
        "é",
        "😀",
        "\r\n",
        "><",
        "<_",
        "_>",
        "9" * 4301,  # longer than Python converts to an int
        "!!int ",
    ]
)


@settings(max_examples=400)
@given(st.lists(ARGDOWN_ALPHABET, max_size=60).map("".join))
@hypothesis_example("*\n_[\n")  # an error placed past the end of an empty last line
def test_fuzz_random_argdown_like_text(text: str) -> None:
    _only_located_errors(text)


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_fuzz_random_text(text: str) -> None:
    _only_located_errors(text)


@needs_corpus
@settings(max_examples=200)
@given(st.data())
def test_fuzz_mutated_corpus_files(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(NAMES + [f"invalid/{n}" for n in INVALID]))
    text = next(EXAMPLES.glob(f"{name}.*")).read_text(encoding="utf-8")
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 8))):
        at = rng.randrange(len(chars) + 1)
        action = rng.choice(["insert", "delete", "replace", "duplicate"])
        piece = rng.choice(["\n", "\n\n", "  ", "+", "-", "[", "]", "<", ">", "{", "}", "(", "#"])
        if action == "insert":
            chars[at:at] = list(piece)
        elif action == "delete" and chars:
            del chars[min(at, len(chars) - 1)]
        elif action == "replace" and chars:
            chars[min(at, len(chars) - 1)] = piece
        else:
            chars[at:at] = chars[at : at + rng.randrange(1, 40)]
    _only_located_errors("".join(chars))


def test_deep_relation_nesting_stops_with_a_clear_error() -> None:
    lines = ["[a]: root"] + [" " * (2 * i) + f"+ [s{i}]: x" for i in range(1, MAX_NESTING + 5)]
    with pytest.raises(ArgdownSyntaxError, match="nested more than"):
        parse_argdown_document("\n".join(lines))
    shallow = "\n".join(lines[: MAX_NESTING // 2])
    assert len(parse_argdown_document(shallow).relations) == MAX_NESTING // 2 - 1


def test_long_inputs_stay_iterative() -> None:
    deep_emphasis = "[a]: " + "**x " * 20_000 + "y" + " **" * 20_000
    ranges = parse_argdown_document(deep_emphasis).statements["a"].members[0].ranges
    assert len(ranges) == 20_000  # 20,000 nested bold ranges, no recursion
    with pytest.raises(ArgdownSyntaxError, match="incomplete bold"):
        parse_argdown_document("[a]: " + "**x " * 20_000)
    siblings = "[a]: root\n" + "".join(f"  + [s{i}]: x\n" for i in range(20_000))
    assert len(parse_argdown_document(siblings).relations) == 20_000
    chain = "\n\n".join(f"[s{i}]: x\n  - [s{i + 1}]" for i in range(5_000))
    assert len(parse_argdown(chain).attacks()) == 5_000


def test_errors_name_what_was_expected() -> None:
    cases = {
        "[A]: x\n\n  + B": (3, 1, "paragraph may not start"),
        "(1) a\n(2) b\n\n(3) c": (2, 6, "an inference line (--) after the premises"),
        "(1) a\n--\n": (2, 3, "end of the inference"),
        "[A]: *open\n": (1, 11, "incomplete italic"),
        "[A]: x {a: [1,}": (1, 15, "YAML"),
        "text \\": (1, 6, "backslash"),
        "<A>: x\n  >< <B>": (2, 6, "statement after the contradiction"),
        "[A]: x {k: 1, k: 2}": (1, 15, "duplicate key"),  # js-yaml refuses, as Argdown does
        "[A]: see [x\ny](z)": (1, 10, "one line"),  # Argdown's model cannot read this link
        "[A]: *open": (1, 7, "incomplete italic"),  # the end: where the last token starts
        "[A]: x\n  + [B]: *y\n\nz": (2, 11, "incomplete italic"),  # at the token before
    }
    # The syntax errors' positions are those the real Argdown 1.7.5 CLI reports for the same
    # texts; for YAML, a broken link and a stray backslash Argdown stops later without one.
    for text, (line, column, words) in cases.items():
        with pytest.raises(ArgdownSyntaxError) as caught:
            parse_argdown_document(text)
        assert (caught.value.line, caught.value.column) == (line, column), text
        assert words in caught.value.message, (text, caught.value.message)


def test_malformed_argmap_block_is_a_format_error_with_a_path() -> None:
    with pytest.raises(FormatError) as caught:
        parse_argdown("===\nargmap: [1, 2]\n===\n\n[a]: x\n")
    assert caught.value.path == "$.argmap"
    with pytest.raises(FormatError) as caught:
        text = "===\nargmap:\n  relations: [{kind: attack, id: z}]\n===\n\n[a]: x\n"
        parse_argdown(text)
    assert caught.value.path is not None and caught.value.path.startswith("$.relations")


def test_empty_and_front_matter_only_documents() -> None:
    assert parse_argdown_document("").statements == {}
    assert parse_argdown("\n\n") == ArgumentMap()
    assert parse_argdown("===\ntitle: Only\n===\n").title == "Only"


def test_a_hash_before_an_escaped_character_stays_text() -> None:
    m = ArgumentMap()
    for text in ("#<>", "#<a> is no reference", "x #{y}", "#\\ and #*"):
        m.claim(text)
    written = generate_argdown(m)
    assert '"text"' not in written  # plain Argdown carries every text
    assert parse_argdown(written) == m


_LONG = "9" * 5000  # Python converts at most 4,300 decimal digits


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        (
            "[A]: text {n: " + _LONG + "}",
            1,
            15,
            "invalid YAML data: integer of 5000 digits is longer than 4300 digits",
        ),
        (
            "===\nn: " + _LONG + "\n===\n\n[A]: text",
            2,
            4,
            "invalid front matter: integer of 5000 digits is longer than 4300 digits",
        ),
        ("[A]: text {n: 0x" + _LONG + "}", 1, 15, "integer of more than 4300 decimal digits"),
        ("[A]: text {n: " + _LONG + ".5}", 1, 15, "number with 5000 digits before its point"),
        ("[A]: text {n: !!int twelve}", 1, 15, "expected an integer for !!int, found 'twelve'"),
        ("[A]: text {n: !!bool maybe}", 1, 15, "expected a boolean for !!bool, found 'maybe'"),
        ("[A]: text {n: !!timestamp 2024-99}", 1, 15, "expected a date or time for !!timestamp"),
    ],
)
def test_yaml_scalars_that_do_not_convert_are_located_errors(
    text: str, line: int, column: int, expected: str
) -> None:
    with pytest.raises(ArgdownSyntaxError) as caught:
        parse_argdown_document(text, origin="big.argdown")
    err = caught.value
    assert (err.file, err.line, err.column) == ("big.argdown", line, column)
    assert expected in err.message


def test_a_long_digit_title_is_no_array_index() -> None:
    title = "9" * 5000
    doc = parse_argdown_document(f"[{title}]: text\n\n[2]: more")
    assert list(doc.statements) == ["2", title]  # JavaScript's order: array indices first


@st.composite
def _yaml_in_argdown(draw: st.DrawFn) -> str:
    pieces = st.sampled_from(
        [
            "9" * draw(st.integers(4290, 4400)),
            "-",
            "0x",
            ".5",
            "_",
            "!!int ",
            "!!float ",
            "!!bool ",
            "!!timestamp ",
            "n: ",
            ", ",
            "[",
            "]",
            "{",
            "}",
            "\n",
            "'",
            "a",
        ]
    )
    body = "".join(draw(st.lists(pieces, min_size=1, max_size=8)))
    if draw(st.booleans()):
        return f"===\n{body}\n===\n\n[A]: text"
    return "[A]: text {" + body + "}"


@settings(max_examples=150)
@given(_yaml_in_argdown())
def test_fuzz_numbers_and_tagged_scalars_in_yaml(text: str) -> None:
    _only_located_errors(text)


def test_cli_reports_a_long_integer_in_argdown_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    path = tmp_path / "big.argdown"
    path.write_text("===\nn: " + _LONG + "\n===\n\n[A]: text\n", encoding="utf-8")
    for command in (["check", str(path)], ["convert", str(path), str(tmp_path / "out.json")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        # One line for the file (`check` adds its summary of findings after it).
        [line] = [line for line in err.splitlines() if line.startswith("argmap: error:")]
        assert f"{path}:2:4: invalid front matter: integer of 5000 digits" in line
        assert command[0] == "check" or err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("case", "where"),
    [
        ("[A]: text {" + "[" * 100_000 + "}", "invalid YAML data"),
        ("===\nx: " + "{a: " * 100_000 + "\n===\n\n[A]: text", "invalid front matter"),
    ],
    ids=["data", "front matter"],
)
def test_deep_yaml_in_argdown_is_a_located_error_not_a_crash(
    case: str, where: str, tmp_path: Path
) -> None:
    path = tmp_path / "deep.argdown"
    path.write_text(case, encoding="utf-8")
    error = error_in_child("read_argdown", path)
    assert "deep.argdown:" in error and where in error and "nest deeper than 200 levels" in error


# ------------------------------------------------------------------ look-ahead for closers
_CLOSER_TEXT = st.text(alphabet="[]<>:@(){}#-=!/*\n\r a\u2028", max_size=40)


@settings(max_examples=400)
@given(
    _CLOSER_TEXT,
    st.lists(st.tuples(st.sampled_from(["]", "]:", ">", "\n", "-->", "=="]), st.integers(0, 45))),
)
def test_ahead_finds_what_str_find_finds(text: str, queries: list[tuple[str, int]]) -> None:
    ahead = _Ahead(text)
    for needle, start in queries:  # any order: the cache must not answer for a start it skipped
        assert ahead.find(needle, start) == text.find(needle, start)


@settings(max_examples=400)
@given(_CLOSER_TEXT)
def test_closer_checks_never_refuse_what_the_patterns_match(text: str) -> None:
    """Each check is a necessary condition: skipping the pattern never loses a token."""
    ahead = _Ahead(text)
    comment = re.compile(_COMMENT_BODY)
    for at in range(len(text)):  # forward, as the lexer moves
        for kind in _CLOSERS:
            if _SIMPLE_PATTERNS[kind].match(text, at):
                assert _closers_follow(ahead, kind, at), (kind, at)
        if text.startswith("#(", at) and _RE_TAG.match(text, at):
            assert _paren_tag_may_close(ahead, at), at
        if comment.match(text, at):
            opener = _comment_opener(text, at)
            assert opener is not None and _comment_may_start(ahead, opener, at), at


class _CountingPattern:
    """A compiled pattern that counts how often the lexer asks it for a match."""

    def __init__(self, pattern: re.Pattern[str], calls: list[int]) -> None:
        self._pattern = pattern
        self._calls = calls

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self._calls.append(pos)
        return self._pattern.match(text, pos)


@pytest.mark.parametrize("opener", ["<!--", "[[", "@[", "//", "<a", "{", "[-", "/*a", "[-a", "#("])
def test_unclosed_openers_are_not_scanned_once_each(
    opener: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 openers whose closer never comes: the scanning patterns are hardly tried, where
    each used to scan to the end of the line (or the text) once an opener."""
    from argmap.readwrite.argdown import lexer as syntax

    calls: list[int] = []
    for kind in _CLOSERS:
        monkeypatch.setitem(
            syntax._SIMPLE_PATTERNS, kind, _CountingPattern(_SIMPLE_PATTERNS[kind], calls)
        )
    comments = ("_RE_COMMENT", "_RE_COMMENT_AFTER_NEWLINE", "_RE_COMMENT_AFTER_EMPTYLINE")
    for name in (*comments, "_RE_TAG"):
        monkeypatch.setattr(syntax, name, _CountingPattern(getattr(syntax, name), calls))
    with contextlib.suppress(ArgmapError):
        parse_argdown_document("[A]: " + opener * 20_000)
    assert len(calls) < 100, f"{len(calls)} pattern scans for {opener!r} x 20,000"


# ------------------------------------------------------------------------------------------------
# The package's shape
# ------------------------------------------------------------------------------------------------

# Each module of argmap.readwrite.argdown imports only modules before it in this order.
PIPELINE = ["lexer", "document", "settings", "parser", "postprocess", "to_map", "writer"]


@pytest.mark.parametrize("module", PIPELINE)
def test_argdown_modules_import_one_way_and_stay_small(module: str) -> None:
    import ast

    path = Path(argmap.__file__).parent / "readwrite" / "argdown" / f"{module}.py"
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") < 1_000, f"{module}.py has grown past 1,000 lines"
    prefix = "argmap.readwrite.argdown."
    for node in ast.parse(source).body:  # top-level imports only: to_map() is the lazy one
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(prefix):
            other = (node.module or "")[len(prefix) :]
            assert PIPELINE.index(other) < PIPELINE.index(module), f"{module} imports {other}"
