"""Maps for the HTML page's tests: the seed map when the example exists, hostile maps always.

``seed_map()`` uses ``examples/petro_noem.py``'s ``build_map`` when that file is in the tree, and
otherwise the rendering tests' hand-built slice of the same article, so the page's tests do not
wait on the example.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from argmap import ArgumentMap
from tests.render_maps import seed_slice

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_CLAIMS = (
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
)
HOSTILE_SPEAKER = '"><svg onload=alert(1)>'


def seed_map() -> ArgumentMap:
    """The Petro/Noem map: the example's when it exists, else a representative one."""
    example = ROOT / "examples" / "petro_noem.py"
    if example.exists():
        spec = importlib.util.spec_from_file_location("petro_noem_example", example)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            build = getattr(module, "build_map", None)
            if build is not None:
                built: ArgumentMap = build()
                return built
    return seed_slice()


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
