"""to_mermaid: views, escaping for GitHub/GitLab, generated ids, the size limit.

The output is also read by Mermaid's own parser (the node harness in tests/mermaid/): every view
and clustering of the seed map and of maps full of hostile text must parse, keep its text, and
let no directive or markup through. Without node or the harness's packages (``npm ci --prefix
tests/mermaid``) those tests skip, unless ARGMAP_REQUIRE_MERMAID=1 (as in CI) makes them fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap
from argmap.rendering import MapTooLargeError, ViewError, style, to_mermaid
from argmap.rendering.mermaid import mermaid_text
from argmap.rendering.select import VIEWS, select
from argmap.rendering.text import clean
from tests.html_maps import seed_map
from tests.render_maps import seed_slice, tiny
from tests.strategies import maps, user_texts

NODE = re.compile(r'^\s+(\w+)(\(\[|\(\(|\[\[|\(|>)"')
DECODE = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#amp;": "&"}


def decode(label: str) -> str:
    """Read a label as Mermaid's entity codes say (Mermaid's own reading is tested below)."""
    text = label.replace("<br>", " ")
    return re.sub(
        r"#(quot|lt|gt|amp|\d+);",
        lambda g: DECODE.get(g.group(0)) or chr(int(g.group(1))),
        text,
    )


def test_argument_view() -> None:
    text = to_mermaid(tiny())
    assert text.splitlines()[0] == "flowchart BT"
    assert "  n1 --> n0" in text  # support
    assert "  n2 --x n0" in text  # rebut
    assert f"linkStyle 0 stroke:{style.SUPPORT_COLOUR}" in text
    assert f"linkStyle 1 stroke:{style.ATTACK_COLOUR}" in text
    assert "%% speakers: Gustavo Petro #0072B2" in text


def test_causal_view_signs_and_loops() -> None:
    text = to_mermaid(seed_slice(), view="causal")
    assert text.splitlines()[0] == "flowchart LR"
    assert '-.->|"−"|' in text and '-->|"+"|' in text and '|"? (hypothetical)"|' in text
    assert re.search(r'p\d+\(\("R1"\)\)', text)


def test_speakers_view_of_one_agent_shows_stances() -> None:
    text = to_mermaid(seed_slice(), view="speakers", speaker="petro")
    assert '--x|"denies"|' in text and '|"asserts (per Kristi Noem)"|' in text
    assert '|"reports Gustavo Petro asserts"|' in text


def test_speakers_view_says_who_answers_whom() -> None:
    text = to_mermaid(seed_slice(), view="speakers")
    lines = text.splitlines()
    assert lines[1:4] == [
        '  a0[["Gustavo Petro"]]',
        '  a1[["Kristi Noem"]]',
        '  a2[["Nicolás Maduro"]]',
    ]
    assert '  a0 --x|"attacks 2"| a1' in lines and '  a0 -.-x|"denies 1"| a1' in lines
    assert '  a1 -.->|"reports 1"| a0' in lines
    assert not any(line.strip().startswith("n") for line in lines)  # no statements


def test_linked_premises_and_undercut_meet_in_a_junction() -> None:
    text = to_mermaid(seed_slice())
    junctions = re.findall(r'^\s+(r\d+)\(\(" "\)\)', text, flags=re.M)
    assert len(junctions) == 2
    # The undercut (a cross on a thick line) points at the support's junction.
    assert any(re.search(rf"n\d+ ==x {j}$", text, flags=re.M) for j in junctions)


def test_node_ids_are_generated() -> None:
    m = ArgumentMap()
    m.claim("end", id="end")  # `end` as a Mermaid id would close a subgraph
    m.claim("x", id="graph")
    ids = [hit.group(1) for line in to_mermaid(m).splitlines() if (hit := NODE.match(line))]
    assert ids == ["n0", "n1"]


def test_escaping() -> None:
    m = ArgumentMap()
    m.claim('He said "friends" <b>#1</b> & `code` $$x$$ %%{init}%%\nnext')
    line = to_mermaid(m).splitlines()[1]
    label = line[line.index('("') + 2 : line.rindex('")')]
    for raw in ('"', "<b>", "`", "$", "%", "\n"):
        assert raw not in label
    assert decode(label) == 'He said "friends" <b>#1</b> & `code` $$x$$ %%{init}%% next'


@given(st.text())
def test_any_text_stays_inside_its_quotes(text: str) -> None:
    label = mermaid_text(text, 30)
    assert '"' not in label and "\n" not in label and "`" not in label
    assert re.sub(r"<br>", "", label).count("<") == 0
    assert "".join(decode(label).split()) == "".join(text.replace("\r", " ").split()) or (
        "\ufffd" in decode(label)
    )


def test_clusters_and_selections() -> None:
    text = to_mermaid(seed_slice(), cluster_by="speaker", speaker="maduro")
    assert re.search(r'subgraph g\d \["Nicolás Maduro"\]', text) and "  end" in text
    with pytest.raises(ViewError):
        to_mermaid(tiny(), cluster_by="colour")


def test_too_large() -> None:
    m = ArgumentMap()
    for i in range(4):
        m.claim(str(i))
    with pytest.raises(MapTooLargeError, match="focus="):
        to_mermaid(m, max_nodes=3)
    assert to_mermaid(m, max_nodes=None).count('("') == 4


# --- Mermaid's own parser --------------------------------------------------------------------

HARNESS = Path(__file__).parent / "mermaid"
CLUSTERS = (None, "speaker", "tag")
Parse = Callable[[list[str]], list[dict[str, Any]]]


@pytest.fixture(scope="module")
def mermaid_parse() -> Iterator[Parse]:
    """Mermaid's parser in one node process for the whole module: ``parse(diagrams) -> results``.

    Each call is one batch (one line of JSON each way); see tests/mermaid/parse.mjs for a result.
    """
    node = shutil.which("node")
    if node is None:
        missing = "node is not on PATH"
    elif not (HARNESS / "node_modules" / "mermaid").is_dir():
        missing = "the harness is not installed: run `npm ci --prefix tests/mermaid`"
    else:
        missing = ""
    if missing:
        message = f"Mermaid's parser cannot run: {missing}"
        if os.environ.get("ARGMAP_REQUIRE_MERMAID") == "1":
            pytest.fail(f"{message} (ARGMAP_REQUIRE_MERMAID=1 asks for it)")
        pytest.skip(message)
    assert node is not None
    # Mermaid may log a lot; a file, not a pipe nobody reads, takes it.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [node, str(HARNESS / "parse.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            encoding="utf-8",
        )
        assert proc.stdin is not None and proc.stdout is not None

        def parse(diagrams: list[str]) -> list[dict[str, Any]]:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(json.dumps(diagrams) + "\n")
            proc.stdin.flush()
            answer = proc.stdout.readline()
            if not answer:
                log.seek(0)
                raise AssertionError(f"the harness stopped: {log.read().decode(errors='replace')}")
            results: list[dict[str, Any]] = json.loads(answer)
            assert len(results) == len(diagrams)
            return results

        try:
            yield parse
        finally:
            proc.stdin.close()
            proc.wait()


def flat(text: str) -> str:
    """Text as a reader compares it: without whitespace (wrapping moves it), unusable text as
    U+FFFD (as every renderer writes it)."""
    return "".join(re.sub("[\ud800-\udfff]", "\ufffd", clean(text)).split())


def drawings(m: ArgumentMap) -> list[tuple[str, str | None, str]]:
    """Every view × cluster_by of a map that has something to draw: (view, cluster_by, text)."""
    out = []
    for view, cluster_by in product(VIEWS, CLUSTERS):
        try:
            out.append((view, cluster_by, to_mermaid(m, view=view, cluster_by=cluster_by)))
        except ViewError:
            continue  # nothing in this view; to_mermaid says so and draws nothing
    return out


def assert_read_as_written(
    m: ArgumentMap, view: str, cluster_by: str | None, r: dict[str, Any]
) -> None:
    """Mermaid parsed the drawing, no directive or markup got through, and every text is shown."""
    where = f"{view} view, cluster_by={cluster_by}"
    assert r["ok"], f"{where}: {r.get('error')}"
    assert r["type"] == "flowchart-v2", where
    assert r["config"] == {}, f"{where}: a directive got through"
    assert r["markup"] == [], f"{where}: text became markup"
    sel = select(m, view, max_nodes=None)
    labels = [flat(text) for text in r["vertices"].values()]
    if view == "speakers" and not any(vid.startswith("n") for vid in r["vertices"]):
        # Who answers whom: agents only, each link a kind and a count.
        names = {flat(agent.name) for agent in m.agents.values()}
        assert set(labels) <= names, f"{where}: a node that is no agent"
        for text in r["edges"]:
            said = re.fullmatch(
                r"(supports|attacks|denies|questions|reports)([1-9]\d*)", flat(text)
            )
            assert said is not None, f"{where}: {text!r} is no kind and count"
        return
    for sid in sel.statements:
        # A statement's label is its text, then "— speaker" when someone asserts it.
        want = flat(m.statements[sid].text)
        assert any(label == want or label.startswith(want + "—") for label in labels), (
            f"{where}: {m.statements[sid].text!r} is not shown as it is"
        )
    titles = sorted(flat(t) for t in r["subgraphs"].values())
    if cluster_by == "tag":
        tags = {flat(m.statements[sid].tags[0]) for sid in sel.statements if m.statements[sid].tags}
        assert titles == sorted(tags), f"{where}: subgraph titles are not the tags"
    if cluster_by == "speaker":
        names = {flat(agent.name) for agent in m.agents.values()}
        assert set(titles) <= names, f"{where}: subgraph titles are not speakers"
    if view == "speakers":
        # Agents are the a-nodes: those who take or report a stance on something drawn.
        drawn = {*sel.statements, *sel.relations}
        told = [a for a in m.attributions if a.target in drawn]
        speakers = {aid for a in told for aid in (a.agent, a.reported_by) if aid is not None}
        shown = [flat(t) for vid, t in r["vertices"].items() if vid.startswith("a")]
        assert sorted(shown) == sorted(flat(m.agents[aid].name) for aid in speakers), where
        # A reported stance names its reporter on the link.
        edges = {flat(text) for text in r["edges"]}
        for a in told:
            if a.agent is not None and a.reported_by is not None:
                said = f"{a.stance} (per {m.agents[a.reported_by].name})"
                assert flat(said) in edges, f"{where}: {said!r} is not shown as it is"


def test_every_view_of_the_seed_map_parses_in_mermaid(mermaid_parse: Parse) -> None:
    m = seed_map()
    drawn = drawings(m)
    assert len(drawn) == len(VIEWS) * len(CLUSTERS)
    for (view, cluster_by, _), result in zip(
        drawn, mermaid_parse([d for *_, d in drawn]), strict=True
    ):
        assert_read_as_written(m, view, cluster_by, result)


def test_undercut_of_a_causal_link_points_at_a_note(mermaid_parse: Parse) -> None:
    """The argument view leaves a causal link's factors out; evidence about it needs a target."""
    m = ArgumentMap()
    x, y = m.factor('blockade "total"', id="x"), m.factor("migration", id="y")
    link = m.causes(x, y)
    m.undercut(m.claim("Migration began before the blockade", id="c"), link)
    text = to_mermaid(m)
    note = re.search(r'^\s+(r\d+)>"(.*)"\]$', text, flags=re.M)
    assert note is not None
    # An undercut: a cross on a thick line.
    assert re.search(rf"^\s+n\d+ ==x {note.group(1)}$", text, flags=re.M)
    (result,) = mermaid_parse([text])
    assert result["ok"], result
    assert flat(result["vertices"][note.group(1)]) == flat(
        '“blockade "total"” causes (+) “migration”'
    )


def test_a_claim_joined_to_a_causal_link_note_is_linked_faintly() -> None:
    m = ArgumentMap()
    c = m.claim("Exclusion", id="c")
    link = m.causes(c, m.factor("violence", id="v"))
    m.support(m.claim("Colombia's history", id="h"), link)
    text = to_mermaid(m)
    assert re.search(r"^\s+n0 -\.- r\d+$", text, flags=re.M)


def test_directives_in_any_text_do_nothing(mermaid_parse: Parse) -> None:
    """Mermaid reads %%{...}%% anywhere, even in a comment: in a label, a speaker's name (also in
    the comment line naming the colours) or a tag (a subgraph title), it must stay text."""
    directive = '%%{init: {"theme": "dark", "flowchart": {"htmlLabels": false}}}%%'
    m = ArgumentMap()
    who = m.agent(f"Ana {directive}", id="ana")
    a = m.claim(f"A {directive} <b>bold</b>", id="a", by=who, tags=[f"t {directive}"])
    b = m.claim("B %% not a comment", id="b", by=who, reported_by=who, tags=["%%"])
    m.support(a, b)
    drawn = drawings(m)
    assert len(drawn) == len(VIEWS) * len(CLUSTERS)
    assert all("%%{" not in text for *_, text in drawn)
    for (view, cluster_by, _), result in zip(
        drawn, mermaid_parse([d for *_, d in drawn]), strict=True
    ):
        assert_read_as_written(m, view, cluster_by, result)


HOSTILE = st.sampled_from(
    [
        "%%{init: {'theme': 'dark'}}%%",
        "%%{init}%%",
        "%% comment",
        '"',
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "]",
        ")",
        "-->",
        "--x",
        ";",
        "`",
        "``md``",
        "#",
        "#quot;",
        "#35;",
        "&amp;",
        "&lt;b&gt;",
        "\n",
        "|",
        "end",
        "subgraph",
        "style x:y #35;",
        "classDef a:b #1;",
        "fa:fa-car",
        "$$x^2$$",
        "\ufb02\u00b0lt\u00b6\u00df",
        "\\",
        "{",
        "}",
        "😀",
        "שלום",
        "数据",
        "\u2028",
    ]
)
hostile_texts = st.one_of(
    user_texts,
    st.lists(st.one_of(st.text(min_size=1, max_size=6), HOSTILE), min_size=1, max_size=5).map(
        "".join
    ),
)


@st.composite
def hostile_maps(draw: st.DrawFn) -> ArgumentMap:
    """A map whose every text is hostile, speakers and tags (subgraph titles) included."""
    m = draw(maps(max_statements=6, max_relations=6, text=hostile_texts))
    speaker = m.agent(draw(hostile_texts), id="hostile-speaker")
    for i in range(draw(st.integers(1, 3))):
        m.claim(draw(hostile_texts), id=f"hostile-{i}", tags=[draw(hostile_texts)], by=speaker)
    return m


@settings(max_examples=15)
@given(st.lists(hostile_maps(), min_size=1, max_size=4))
def test_hostile_text_parses_and_shows_as_written(
    mermaid_parse: Parse, batch: list[ArgumentMap]
) -> None:
    drawn = [(m, view, cluster_by, text) for m in batch for view, cluster_by, text in drawings(m)]
    results = mermaid_parse([text for *_, text in drawn])
    for (m, view, cluster_by, _), result in zip(drawn, results, strict=True):
        assert_read_as_written(m, view, cluster_by, result)


def test_each_attack_has_its_own_head_and_reconstruction_is_dotted_grey() -> None:
    m = ArgumentMap()
    a, b, c, d = (m.claim(t) for t in ("a", "b", "c", "d"))
    m.attack(b, a, sort="rebut")
    m.attack(c, a, sort="undermine")
    m.attack(d, c, sort="contradict")
    m.support(d, b, reconstructed=True)
    links = [line.split() for line in to_mermaid(m, legend="none").splitlines()]
    arrows = [words[1] for words in links if len(words) == 3 and words[0].startswith("n")]
    assert arrows == ["--x", "--o", "x--x", "-.->"]
    text = to_mermaid(m)
    assert f"stroke:{style.RECONSTRUCTED_COLOUR}" in text
