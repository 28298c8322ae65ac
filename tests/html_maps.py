"""Maps for the page's and the engines' tests: the real seed map, and hostile maps.

``seed_map()`` is ``examples/petro_noem.py``'s ``build_map()``: the pages and drawings are tested
on the map a newcomer gets.
"""

from __future__ import annotations

from pathlib import Path

from argmap import ArgumentMap
from tests.support import seed_map as seed_map  # the pages' tests take it from here

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_CLAIMS = (
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
)
HOSTILE_SPEAKER = '"><svg onload=alert(1)>'


def hostile_map() -> ArgumentMap:
    """A map whose user strings try to break out of every context of the page."""
    m = ArgumentMap(title="<script>alert('title')</script>")
    src = m.source(
        '</title><script>alert("src")</script>',
        id="src",
        text="he said <img src=x onerror=alert(1)> and </script><script>alert(1)</script>",
    )
    bad = m.agent(HOSTILE_SPEAKER, id="bad", role="<b onmouseover=alert(1)>role</b>")
    one = m.claim(
        HOSTILE_CLAIMS[0],
        id="c-script",
        by=bad,
        quote=m.quote(src, "</script><script>alert(1)</script>"),
    )
    two = m.claim(
        HOSTILE_CLAIMS[1], id="c-img", by=bad, quote=m.quote(src, "<img src=x onerror=alert(1)>")
    )
    three = m.claim("plain & simple <!-- comment", id='x"><svg/onload=alert(1)>')
    m.support(one, two, scheme="<script>alert(2)</script>", by=bad)
    m.rebut(three, one)
    f = m.factor("javascript:alert(1)", id="f-js")
    g = m.factor("</style><style>*{display:none}</style>", id="f-style")
    m.causes(f, g, mechanism="<iframe src=https://example.com>", by=bad)
    return m
