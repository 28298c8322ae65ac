"""Maps for the HTML page's tests: the seed map when the example exists, hostile maps always.

``seed_map()`` uses ``examples/petro_noem.py``'s ``build_map`` when that file is in the tree, and
otherwise builds a smaller map of the same article with real quotes, so the page's tests do not
wait on the example.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from argmap import ArgumentMap

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "petro_noem_article.txt"

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
    return representative_map()


def representative_map() -> ArgumentMap:
    """A map of the seed article: speakers, quotes with spans, a causal chain and attacks."""
    m = ArgumentMap(title="Petro and Noem on the Tren de Aragua")
    art = m.source(
        "News article", id="article", text=ARTICLE.read_text(encoding="utf-8"), type="news article"
    )
    petro = m.agent("Gustavo Petro", id="petro", role="President of Colombia")
    noem = m.agent("Kristi Noem", id="noem", role="US Secretary of Homeland Security")
    maduro = m.agent("Nicolás Maduro", id="maduro", role="President of Venezuela")
    blockade = m.factor("US blockade of Venezuela", id="blockade")
    emigration = m.factor("emigration of young Venezuelans", id="emigration")
    exclusion = m.factor("exclusion of migrant youth", id="exclusion")
    violence = m.factor("violence", id="violence")
    gang = m.factor("Tren de Aragua strength", id="gang")
    m.causes(
        blockade,
        emigration,
        by=petro,
        quote=m.quote(
            art, "The blockade has forced hundreds of thousands of young Venezuelans", occurrence=1
        ),
    )
    m.causes(
        emigration,
        exclusion,
        by=petro,
        quote=m.quote(
            art, "into total exclusion in foreign neighborhoods and countries", occurrence=1
        ),
    )
    m.causes(
        exclusion,
        violence,
        by=petro,
        modality="general",
        quote=m.quote(art, "exclusion only leads to more violence"),
    )
    m.causes(violence, gang, by=petro)
    m.causes(
        blockade,
        gang,
        by=petro,
        quote=m.quote(art, "strengthened by yourselves by blockading Venezuela"),
    )
    strengthened = m.claim(
        "The US blockade strengthened the Tren de Aragua",
        id="strengthened",
        by=petro,
        quote=m.quote(art, "was strengthened by yourselves"),
    )
    defeated = m.claim(
        "The Tren de Aragua was defeated",
        id="defeated",
        by=maduro,
        quote=m.quote(art, "which was defeated"),
    )
    m.contradict(defeated, strengthened)
    friends = m.claim(
        "Some Tren de Aragua members are Petro's friends",
        id="friends",
        by=petro,
        reported_by=noem,
        quote=m.quote(art, "were his friends"),
    )
    m.attribute(
        friends,
        by=petro,
        stance="denies",
        quote=m.quote(art, "I don't know why you say I had friends"),
    )
    never = m.claim(
        "Petro has never met a cartel member",
        id="never",
        by=petro,
        quote=m.quote(art, "I've never met a single cartel member in my entire life", occurrence=1),
    )
    m.rebut(never, friends)
    criticised = m.claim(
        "Petro criticised the US government at the meeting",
        id="criticised",
        by=noem,
        quote=m.quote(art, "had criticized the US government"),
    )
    misread = m.claim(
        "Noem did not understand what Petro said",
        id="misread",
        by=petro,
        quote=m.quote(art, "did not exactly understand"),
    )
    m.rebut(misread, criticised)
    inclusion = m.claim(
        "Including Colombian youth reduced violence",
        id="inclusion",
        by=petro,
        quote=m.quote(
            art,
            "It is the inclusion of Colombian youth that has made it possible to reduce violence",
        ),
    )
    end = m.claim(
        "Letting Venezuelan youth live well at home ends the gang's violence",
        id="end-violence",
        by=petro,
    )
    m.support(inclusion, end, by=petro, scheme="analogy")
    return m


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
