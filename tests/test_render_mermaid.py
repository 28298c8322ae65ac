"""to_mermaid: views, escaping for GitHub/GitLab, generated ids, the size limit."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import ArgumentMap
from argmap.render import MapTooLargeError, ViewError, to_mermaid
from argmap.render.mermaid import mermaid_text
from tests.render_maps import seed_slice, tiny

NODE = re.compile(r'^\s+(\w+)(\(\[|\(\(|\[\[|\(|>)"')
DECODE = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#amp;": "&", "#96;": "`", "#36;": "$"}


def decode(label: str) -> str:
    text = label.replace("<br>", " ")
    text = re.sub(r"#(quot|lt|gt|amp|96|36);", lambda g: DECODE[g.group(0)], text)
    return text.replace("#35;", "#")


def test_argument_view() -> None:
    text = to_mermaid(tiny())
    assert text.splitlines()[0] == "flowchart BT"
    assert "  n1 --> n0" in text  # support
    assert "  n2 --x n0" in text  # rebut
    assert "linkStyle 0 stroke:#2E7D32" in text and "linkStyle 1 stroke:#C62828" in text
    assert "%% speakers: Gustavo Petro #0072B2" in text


def test_causal_view_signs_and_loops() -> None:
    text = to_mermaid(seed_slice(), view="causal")
    assert text.splitlines()[0] == "flowchart LR"
    assert '-.->|"−"|' in text and '-->|"+"|' in text and '|"? (hypothetical)"|' in text
    assert re.search(r'p\d+\(\("R1"\)\)', text)


def test_speakers_view_stances() -> None:
    text = to_mermaid(seed_slice(), view="speakers")
    assert '--x|"denies"|' in text and '|"asserts (per Kristi Noem)"|' in text
    assert '|"reports Gustavo Petro asserts"|' in text


def test_linked_premises_and_undercut_meet_in_a_junction() -> None:
    text = to_mermaid(seed_slice())
    junctions = re.findall(r'^\s+(r\d+)\(\(" "\)\)', text, flags=re.M)
    assert len(junctions) == 2
    assert any(re.search(rf"n\d+ --x {j}$", text, flags=re.M) for j in junctions)


def test_node_ids_are_generated() -> None:
    m = ArgumentMap()
    m.claim("end", id="end")  # `end` as a Mermaid id would close a subgraph
    m.claim("x", id="graph")
    ids = [NODE.match(line).group(1) for line in to_mermaid(m).splitlines() if NODE.match(line)]
    assert ids == ["n0", "n1"]


def test_escaping() -> None:
    m = ArgumentMap()
    m.claim('He said "friends" <b>#1</b> & `code` $$x$$ %%{init}%%\nnext')
    line = to_mermaid(m).splitlines()[1]
    label = line[line.index('("') + 2 : line.rindex('")')]
    for raw in ('"', "<b>", "`", "$", "\n"):
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
