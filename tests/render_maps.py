"""Small maps that the rendering tests draw: a slice of the Petro/Noem seed, built by hand."""

from __future__ import annotations

from pathlib import Path

from argmap import ArgumentMap

SEED = Path(__file__).parents[1] / "seeds" / "petro_noem_article.txt"


def seed_slice() -> ArgumentMap:
    """Petro, Noem and Maduro: a causal chain with a loop, supports, attacks, a report, a denial."""
    m = ArgumentMap(title="Petro and Noem on the Tren de Aragua")
    art = m.source("News article", id="article", text=SEED.read_text(encoding="utf-8"))
    petro = m.agent("Gustavo Petro", id="petro", role="President of Colombia")
    noem = m.agent("Kristi Noem", id="noem", role="US Secretary of Homeland Security")
    maduro = m.agent("Nicolás Maduro", id="maduro", role="President of Venezuela")

    blockade = m.factor("US blockade of Venezuela", id="blockade")
    emigration = m.factor("emigration of young Venezuelans", id="emigration")
    exclusion = m.factor("exclusion of migrant youth", id="exclusion")
    inclusion = m.factor("inclusion of youth", id="inclusion", opposite=exclusion)
    violence = m.factor("violence", id="violence")
    gang = m.factor("Tren de Aragua strength", id="gang")
    m.causes(
        blockade,
        emigration,
        by=petro,
        quote=m.quote(art, "forced hundreds of thousands of young Venezuelans", occurrence=1),
    )
    m.causes(emigration, exclusion, by=petro)
    m.causes(
        exclusion, violence, by=petro, quote=m.quote(art, "exclusion only leads to more violence")
    )
    m.causes(violence, gang, by=petro)
    m.causes(gang, violence, modality="general")
    m.causes(inclusion, violence, polarity="-", by=petro)
    m.causes(
        blockade,
        gang,
        by=petro,
        quote=m.quote(art, "was strengthened by yourselves by blockading Venezuela"),
    )
    m.causes(gang, blockade, polarity="?", modality="hypothetical", reconstructed=True)

    strengthened = m.claim(
        "The US blockade strengthened the Tren de Aragua",
        id="strengthened",
        by=petro,
        quote=m.quote(art, "blockading Venezuela", occurrence=1),
    )
    defeated = m.claim(
        "The Tren de Aragua was defeated",
        id="defeated",
        by=maduro,
        quote=m.quote(art, "which was defeated"),
    )
    m.contradict(defeated, strengthened)
    exclusion_violence = m.claim("Exclusion only leads to more violence", id="excl-viol", by=petro)
    colombia = m.claim(
        "Inclusion of Colombian youth reduced violence in Colombia", id="colombia", by=petro
    )
    m.support([exclusion_violence, colombia], strengthened, scheme="cause to effect", by=petro)
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
    never = m.claim("Petro has never met a cartel member", id="never", by=petro)
    m.rebut(never, friends)
    fumigation = m.claim(
        "Fumigation and prison for farmers end the mafia",
        id="fumigation",
        by=petro,
        stance="denies",
    )
    ended = m.claim("The mafia is ended", id="ended", reconstructed=True)
    s = m.support(fumigation, ended, id="fumigation-ends")
    hugged = m.claim("Leaders hugged the bosses in clubs and palaces", id="hugged", by=petro)
    m.undercut(hugged, s, by=petro)
    criticised = m.claim("Petro criticised the US government", id="criticised", by=noem)
    misunderstood = m.claim(
        "Noem did not understand what Petro said", id="misunderstood", by=petro, tags=["language"]
    )
    m.undermine(misunderstood, criticised, by=petro)
    return m


def tiny() -> ArgumentMap:
    """Three claims, one speaker: the smallest map with a support and an attack."""
    m = ArgumentMap(title="Tiny")
    petro = m.agent("Gustavo Petro", id="petro")
    a = m.claim("Exclusion leads to violence", id="a", by=petro)
    b = m.claim("Youth inclusion reduced violence", id="b", by=petro)
    c = m.claim("Exclusion is harmless", id="c")
    m.support(b, a)
    m.rebut(c, a)
    return m
