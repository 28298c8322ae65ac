"""Argdown settings that change the model: explodeArguments, regroup, custom shortcodes; js-yaml's
reading of flow mappings without a space after the colon.

The documents are the examples of Argdown's own guide ("Creating statement and argument nodes",
"Creating group nodes", "Using logical symbols and emojis") and the cases its plugin tests
check; the expected values are what Argdown 1.7.5 documents for them.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgdownSyntaxError, parse_argdown, parse_argdown_document
from argmap.readwrite.argdown import ArgdownDocument, generate_argdown
from argmap.readwrite.argdown.settings import load_yaml

EXPLODE = "===\nmodel:\n    explodeArguments: true\n===\n\n"


def pcs(doc: ArgdownDocument, title: str) -> list[tuple[str | None, str | None]]:
    return [(s.title, s.role) for s in doc.arguments[title].pcs]


def edges(doc: ArgdownDocument) -> list[tuple[str, str, str]]:
    by_id = {n.id: n for n in doc.map_nodes}
    return [(by_id[e.source].title, e.relation_type, by_id[e.target].title) for e in doc.map_edges]


def groups(doc: ArgdownDocument) -> list[tuple[str, str, str | None]]:
    by_id = {n.id: n for n in doc.map_nodes}
    return [(n.kind, n.title, by_id[n.group].title if n.group else None) for n in doc.map_nodes]


# ------------------------------------------------------------------------------------------------
# model.explodeArguments
# ------------------------------------------------------------------------------------------------

GUIDE_EXPLODE = """===
model:
    explodeArguments: true
selection:
    statementSelectionMode: with-relations
===

<my complex argument>

(1) first premise
    - <a2> #con
(2) second premise
----
(3) intermediary conclusion
    - <a3> #con
(4) fourth premise
----
(5) main conclusion
    - <a5> #con
"""


def test_guide_example_splits_an_argument_into_its_inferential_steps() -> None:
    doc = parse_argdown_document(GUIDE_EXPLODE)
    assert list(doc.arguments) == [
        "a2",
        "a3",
        "a5",
        "my complex argument - 1",
        "my complex argument - 2",
    ]
    assert pcs(doc, "my complex argument - 1") == [
        ("Untitled 1", "premise"),
        ("Untitled 2", "premise"),
        ("Untitled 3", "main-conclusion"),
    ]
    # The intermediary conclusion ends step 1 and opens step 2.
    assert pcs(doc, "my complex argument - 2") == [
        ("Untitled 3", "premise"),
        ("Untitled 4", "premise"),
        ("Untitled 5", "main-conclusion"),
    ]
    assert doc.arguments["my complex argument - 2"].exploded_from == "my complex argument"
    # The guide's point: the attack on the intermediary conclusion shows in the map.
    assert ("a3", "attack", "Untitled 3") in edges(doc)
    assert ("my complex argument - 1", "support", "Untitled 3") in edges(doc)
    assert ("Untitled 3", "support", "my complex argument - 2") in edges(doc)


def test_guide_example_with_uses_lists_on_inference_and_conclusion() -> None:
    doc = parse_argdown_document(
        """===
model:
    explodeArguments: true
selection:
    statementSelectionMode: all
===

<my complex argument>

(1) first premise
(2) second premise
----
(3) first intermediary conclusion
(4) third premise
--
{uses: [1,4]}
--
(5) second intermediary conclusion
----
(6) main conclusion {uses: [3,5]}
"""
    )
    steps = [pcs(doc, f"my complex argument - {k}") for k in (1, 2, 3)]
    assert [[title for title, _ in step] for step in steps] == [
        ["Untitled 1", "Untitled 2", "Untitled 3"],
        ["Untitled 1", "Untitled 4", "Untitled 5"],
        ["Untitled 3", "Untitled 5", "Untitled 6"],
    ]
    m = doc.to_map()
    assert [(s.id, s.premises, s.conclusion) for s in m.supports()] == [
        ("my-complex-argument-1", ("c1", "c2"), "c3"),
        ("my-complex-argument-2", ("c1", "c4"), "c5"),
        ("my-complex-argument-3", ("c3", "c5"), "c6"),
    ]


def test_relations_of_the_argument_go_to_its_last_step() -> None:
    """Argdown's plugin test: five arguments and four relations."""
    doc = parse_argdown_document(
        EXPLODE + "<a1>\n\n(1) s1\n(2) s2\n----\n(3) s3\n(4) s4    \n----\n(5) s5\n"
        "    +> [s1]\n\n<a1>\n    + <a2>\n    - <a3>\n    -> <a4>\n"
    )
    assert sorted(doc.arguments) == ["a1 - 1", "a1 - 2", "a2", "a3", "a4"]
    assert len(doc.relations) == 4
    assert ("a2", "support", "a1 - 2") in [tuple(r[:3]) for r in doc.relations]
    assert ("a3", "attack", "a1 - 2") in [tuple(r[:3]) for r in doc.relations]
    assert doc.arguments["a1 - 1"].relations == []


def test_uses_lists_pick_the_premises_of_each_step() -> None:
    """Argdown's plugin test: steps of 3, 3 and 5 statements."""
    doc = parse_argdown_document(
        EXPLODE + "<a1>\n\n(1) s1\n(2) s2\n----\n(3) s3\n(4) s4    \n(5) s5    \n-- \n"
        "{uses: [3, 4]} \n--\n(6) s6\n(7) s7    \n----\n(8) s8 {uses: [1, 3, 6, 7]}\n"
    )
    assert [len(doc.arguments[f"a1 - {k}"].pcs) for k in (1, 2, 3)] == [3, 3, 5]
    assert [r for _, r in pcs(doc, "a1 - 3")] == ["premise"] * 4 + ["main-conclusion"]


def test_steps_are_linked_by_a_support_edge_in_the_map() -> None:
    """Argdown's plugin test: two argument nodes and one edge."""
    doc = parse_argdown_document(
        EXPLODE + "<a1>\n\n(1) s1\n(2) s2\n----\n(3) s3\n(4) s4\n(5) s5\n----\n(6) s6\n"
    )
    assert [(n.kind, n.title) for n in doc.map_nodes] == [
        ("argument", "a1 - 1"),
        ("argument", "a1 - 2"),
    ]
    assert edges(doc) == [("a1 - 1", "support", "a1 - 2")]


@pytest.mark.parametrize("flag", ["", "model:\n    explodeArguments: false\n"])
def test_without_the_setting_arguments_stay_whole(flag: str) -> None:
    text = "<a1>\n\n(1) s1\n----\n(2) s2\n----\n(3) s3\n"
    doc = parse_argdown_document(f"===\n{flag}===\n\n{text}" if flag else text)
    assert list(doc.arguments) == ["a1"]
    assert doc.arguments["a1"].exploded_from is None


def test_an_argument_of_one_inference_keeps_its_title() -> None:
    doc = parse_argdown_document(EXPLODE + "<a1>\n\n(1) s1\n(2) s2\n----\n(3) s3\n")
    assert list(doc.arguments) == ["a1"]


def test_a_step_title_that_is_taken_is_a_located_error() -> None:
    text = EXPLODE + "<a - 1>: taken\n\n<a>\n\n(1) s1\n----\n(2) s2\n----\n(3) s3\n"
    with pytest.raises(ArgdownSyntaxError) as err:
        parse_argdown_document(text, origin="clash.argdown")
    assert (err.value.file, err.value.line) == ("clash.argdown", 10)  # its first statement
    assert "an argument <a - 1> already exists" in str(err.value)


@pytest.mark.parametrize("uses", ["[0]", "[6]", "[x]", "[1.5]"])
def test_a_uses_number_outside_the_argument_is_a_located_error(uses: str) -> None:
    text = EXPLODE + f"<a>\n\n(1) s1\n(2) s2\n----\n(3) s3 {{uses: {uses}}}\n(4) s4\n----\n(5) s5\n"
    with pytest.raises(ArgdownSyntaxError) as err:
        parse_argdown_document(text)
    assert err.value.line == 11  # the conclusion that holds the list
    assert "which is not a statement number of the argument: expected 1 to 5" in str(err.value)


def test_an_exploded_map_survives_the_writer() -> None:
    m = parse_argdown(GUIDE_EXPLODE)
    assert parse_argdown(generate_argdown(m)) == m


@st.composite
def pcs_texts(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A reconstructed argument: groups of premises, each closed by an inference."""
    sizes = draw(st.lists(st.integers(0, 3), min_size=1, max_size=5))
    lines, n = [], 0
    for k, size in enumerate(sizes):
        for _ in range(size if k else max(size, 1)):  # the first inference needs a premise
            n += 1
            lines.append(f"({n}) p{n}")
        lines.append("----")
        n += 1
        lines.append(f"({n}) c{n}")
    return "<arg>\n\n" + "\n".join(lines) + "\n", sizes


@settings(max_examples=40)
@given(pcs_texts())
def test_one_argument_for_each_inference(case: tuple[str, list[int]]) -> None:
    text, sizes = case
    doc = parse_argdown_document(EXPLODE + text)
    if len(sizes) == 1:
        assert list(doc.arguments) == ["arg"]
        return
    assert list(doc.arguments) == [f"arg - {k}" for k in range(1, len(sizes) + 1)]
    previous: str | None = None
    for k, argument in enumerate(doc.arguments.values()):
        roles = [s.role for s in argument.pcs]
        assert roles == ["premise"] * (len(roles) - 1) + ["main-conclusion"]
        titles = [s.title for s in argument.pcs]
        # Without uses lists a step starts with the previous step's conclusion.
        assert previous is None or titles[0] == previous
        premises = sizes[k] + 1 if k else max(sizes[0], 1)  # step k > 0 adds the last conclusion
        assert len(titles) == premises + 1
        previous = titles[-1]
    assert len(doc.to_map().supports()) == len(sizes)


# ------------------------------------------------------------------------------------------------
# group.regroup
# ------------------------------------------------------------------------------------------------

GUIDE_REGROUP = """===
group:
    regroup:  [{
            title: "New group 1",
            statements: ["q"],
            tags: ["tag-1", "tag-2"],
            children: [{
                title: "New group 2",
                arguments: ["a", "c"]
            },
            {
                title: "New group 3",
                arguments: ["b", "d"]
            }]
        }]
===

# H1

[p]: text

[q]: text
    +> <a>

## H2 {isGroup: false}

[p]
    - <a>: text
    - <b>: text

## H3 {isGroup: true}

[p]
    + <c>: text
    + <d>: text
"""


def test_guide_example_replaces_the_heading_groups() -> None:
    doc = parse_argdown_document(GUIDE_REGROUP)
    sections = [
        (s.id, s.title, s.level, s.parent.id if s.parent else None, s.tags)
        for s in doc.iter_sections()
    ]
    assert sections == [
        ("s0", "New group 1", 1, None, ["tag-1", "tag-2"]),
        ("s1", "New group 2", 2, "s0", []),
        ("s2", "New group 3", 2, "s0", []),
    ]
    assert doc.statements["p"].section is None
    assert doc.statements["q"].section is doc.sections[0]
    assert doc.arguments["a"].section is doc.sections[0].children[0]
    assert doc.arguments["d"].section is doc.sections[0].children[1]
    assert groups(doc) == [
        ("group", "New group 1", None),
        ("statement", "q", "New group 1"),
        ("group", "New group 2", "New group 1"),
        ("argument", "a", "New group 2"),
        ("argument", "c", "New group 2"),
        ("group", "New group 3", "New group 1"),
        ("argument", "b", "New group 3"),
        ("argument", "d", "New group 3"),
        ("statement", "p", None),
    ]
    tags = {c.id: c.tags for c in doc.to_map().claims()}
    assert tags["q"] == ("New group 1",)
    assert tags["b"] == ("New group 1", "New group 3")
    assert tags["p"] == ()


def test_guide_example_of_a_closed_group_in_the_regroup_setting() -> None:
    doc = parse_argdown_document(
        """===
group:
    regroup: [{
            title: "first group",
            statements: ["s1"], arguments: ["a1"],
            children: [
                {
                    title: "some other group",
                    isClosed: true,
                    arguments: ["a2"]
                }
            ]
            }]
===


[s1]: I am a proud member of the first group
    - <a1>: I am a proud member of the first group
        - <a2>: The other group is much more exclusive!

<a3>: Who needs groups?
    -> [s1]
"""
    )
    assert [(s.title, s.is_closed) for s in doc.iter_sections()] == [
        ("first group", None),
        ("some other group", True),
    ]
    assert groups(doc) == [
        ("group", "first group", None),
        ("statement", "s1", "first group"),
        ("argument", "a1", "first group"),
        ("group", "some other group", "first group"),
        ("argument", "a2", "some other group"),
        ("argument", "a3", None),
    ]


@pytest.mark.parametrize("regroup", ["[]", "{title: x}", "null"])
def test_an_empty_or_malformed_regroup_keeps_the_headings(regroup: str) -> None:
    doc = parse_argdown_document(f"===\ngroup:\n    regroup: {regroup}\n===\n\n# H\n\n[a]: x\n")
    assert [s.title for s in doc.iter_sections()] == ["H"]
    assert doc.statements["a"].section is doc.sections[0]


def test_entries_that_are_not_mappings_are_skipped_but_counted() -> None:
    doc = parse_argdown_document(
        "===\ngroup:\n    regroup: [1, {title: G, statements: [a]}]\n===\n\n# H\n\n[a]: x\n"
    )
    assert [(s.id, s.title) for s in doc.iter_sections()] == [("s1", "G")]


def test_deeply_nested_regroup_settings() -> None:
    depth = 90  # two YAML levels a group: near the YAML reader's nesting bound
    config = "".join(f"{{title: g{i}, children: [" for i in range(depth)) + "]}" * depth
    doc = parse_argdown_document(f"===\ngroup:\n    regroup: [{config}]\n===\n\n[a]: x\n")
    sections = list(doc.iter_sections())
    assert [(s.title, s.level) for s in sections] == [(f"g{i}", i + 1) for i in range(depth)]
    assert all(s.parent is p for s, p in zip(sections[1:], sections, strict=False))


# ------------------------------------------------------------------------------------------------
# model.shortcodes
# ------------------------------------------------------------------------------------------------


def test_guide_example_adds_a_custom_shortcode() -> None:
    doc = parse_argdown_document(
        '===\nmodel:\n    shortcodes:\n        ":bomb:": {unicode: "💣"}\n===\n\n'
        "[s1]\n    - <a>: :bomb:\n"
    )
    assert doc.arguments["a"].text == "💣"


def test_custom_shortcodes_add_to_and_override_the_defaults() -> None:
    text = (
        '===\nmodel:\n    shortcodes: {".x.": {unicode: "✗"}, ":heart:": {unicode: "♥"},'
        ' ":happy:": {}}\n===\n\n[s]: .x. :heart: :happy: .^.\n'
    )
    assert parse_argdown_document(text).statements["s"].text == "✗ ♥ 😀 ∧"


def test_without_the_setting_an_unknown_shortcode_stays_as_written() -> None:
    assert parse_argdown_document("[s]: :bomb: .^.\n").statements["s"].text == ":bomb: ∧"


def test_shortcodes_that_are_not_a_mapping_leave_the_defaults() -> None:
    text = "===\nmodel:\n    shortcodes: [1, 2]\n===\n\n[s]: :heart: :bomb:\n"
    assert parse_argdown_document(text).statements["s"].text == "❤ :bomb:"


# ------------------------------------------------------------------------------------------------
# YAML flow mappings as js-yaml reads them
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("{a:[1, 2]}", {"a": [1, 2]}),
        ("{a:{b: 1}}", {"a": {"b": 1}}),
        ("{a:, b: 1}", {"a": None, "b": 1}),
        ("[a:[1]]", [{"a": [1]}]),
        ("x: {a:[1, 2]}", {"x": {"a": [1, 2]}}),
        ("{a:1}", {"a:1": None}),  # no flow indicator after the colon: one plain scalar
        ("a:[1, 2]", "a:[1, 2]"),  # outside a flow collection the colon is text
        ('x: "{a:[1]}"', {"x": "{a:[1]}"}),  # quoted text stays text
        ("x:\n  a: [1]\n", {"x": {"a": [1]}}),
    ],
)
def test_flow_mappings_without_a_space_after_the_colon(text: str, value: Any) -> None:
    assert load_yaml(text) == value


def test_flow_mapping_without_space_in_data_and_front_matter() -> None:
    doc = parse_argdown_document(
        "===\ngroup: {regroup:[{title: G, statements:[s]}]}\n===\n\n[s]: text {a:[1, 2]}\n"
    )
    assert doc.statements["s"].data == {"a": [1, 2]}
    assert [s.title for s in doc.iter_sections()] == ["G"]


def test_yaml_that_js_yaml_refuses_too_is_still_a_located_error() -> None:
    with pytest.raises(ArgdownSyntaxError) as err:
        parse_argdown_document("[s]: text\n\n[t]: more {a:[1, 2}\n", origin="bad.argdown")
    assert (err.value.file, err.value.line) == ("bad.argdown", 3)
