"""The Petro–Noem showcase (examples/petro_noem.py): its map says what the seed says."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    Attack,
    CausalLink,
    QuoteNotFoundError,
    Support,
    causal_chains,
    compare_sources,
    read_json,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "petro_noem_article.txt"


def _load_example() -> ModuleType:
    path = ROOT / "examples" / "petro_noem.py"
    spec = importlib.util.spec_from_file_location("petro_noem_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


example = _load_example()


@pytest.fixture(scope="module")
def m() -> ArgumentMap:
    built: ArgumentMap = example.build_map()
    return built


def _stances(m: ArgumentMap, target: str) -> set[tuple[str | None, str, str | None]]:
    return {(a.agent, a.stance, a.reported_by) for a in m.attributions_of(target)}


def _link(m: ArgumentMap, cause: str, effect: str) -> CausalLink:
    found = [x for x in m.causal_links() if (x.cause, x.effect) == (cause, effect)]
    assert len(found) == 1, f"expected one link {cause} -> {effect}, found {found}"
    return found[0]


def _sign(polarities: list[str]) -> str:
    """Net polarity of a chain, computed here independently of argmap.causal."""
    assert all(p in "+-" for p in polarities)
    return "+" if math.prod(-1 if p == "-" else 1 for p in polarities) > 0 else "-"


# ------------------------------------------------------------------- sources
def test_the_two_sources_split_the_seed_at_post_to(m: ArgumentMap) -> None:
    seed = SEED.read_text(encoding="utf-8")
    article, post = m.sources["article"], m.sources["post"]
    assert article.text is not None and post.text is not None
    assert article.text + post.text == seed
    assert post.text.startswith("Post To:")
    assert article.text.rstrip().endswith("gec/ctl/tmv")
    assert post.data is not None and post.data["start"] == len(article.text)
    assert (article.type, post.type) == ("news article", "social post")


def test_split_seed_needs_the_marker() -> None:
    with pytest.raises(ValueError, match="Post To:"):
        example.split_seed("no post here")


@given(st.text(), st.text())
def test_split_seed_gives_back_what_it_splits(before: str, after: str) -> None:
    before = before.replace("Post To:", "")
    head, tail = example.split_seed(before + "Post To:" + after)
    assert (head, tail) == (before, "Post To:" + after)


# -------------------------------------------------------------------- agents
def test_agents(m: ArgumentMap) -> None:
    assert set(m.agents) == {
        "petro",
        "noem",
        "maduro",
        "us-government",
        "colombian-leaders",
        "author",
    }
    assert m.agents["author"].name == "gec/ctl/tmv"
    assert m.agents["noem"].role == "US Secretary of Homeland Security"
    # Every agent says something (or is reported saying something) in the map.
    speaking = {a.agent for a in m.attributions} | {a.reported_by for a in m.attributions}
    assert set(m.agents) <= speaking


def test_colombian_leaders_speak_only_through_petro(m: ArgumentMap) -> None:
    theirs = [a for a in m.attributions if a.agent == "colombian-leaders"]
    assert theirs and all(a.reported_by == "petro" for a in theirs)
    link = m.relations["fumigation-mafia"]
    assert isinstance(link, CausalLink) and link.polarity == "-"
    assert ("petro", "denies", None) in _stances(m, link.id)
    undercuts = [x for x in m.attacks() if x.target == link.id]
    assert [x.sort for x in undercuts] == ["undercut"]


# -------------------------------------------------------------------- causal
CHAIN = ["blockade", "emigration", "exclusion", "recruitment", "gang"]


def test_petros_chain_with_the_analysts_missing_step(m: ArgumentMap) -> None:
    links = [_link(m, u, v) for u, v in itertools.pairwise(CHAIN)]
    assert len(links) == 4
    assert _sign([x.polarity for x in links]) == "+"
    assert example.chain_sign(m, CHAIN) == "+"
    # The first two are Petro's words; exclusion -> recruitment -> gang is the analyst's.
    for link in links[:2]:
        assert ("petro", "asserts", None) in _stances(m, link.id)
        assert not link.reconstructed
    for link in links[2:]:
        assert link.reconstructed and not m.attributions_of(link)
    assert m.statements["recruitment"].reconstructed
    # Petro's own step from exclusion ends in violence, not in the gang.
    assert ("petro", "asserts", None) in _stances(m, _link(m, "exclusion", "youth-violence").id)
    assert not [x for x in m.causal_links() if x.cause == "youth-violence"]


def test_the_causal_layer_agrees_on_the_chain_sign(m: ArgumentMap) -> None:
    from argmap import causal

    assert causal.net_effect(m, "blockade", "gang").effect == "+"
    chains = {c.links: c for c in causal.causal_chains(m, "blockade", "gang")}
    chain = chains[tuple(f"{u}-{v}" for u, v in itertools.pairwise(CHAIN))]
    assert (chain.polarity, chain.flips) == ("+", 0)
    assert chain.asserted_by_all == ()  # two steps are the analyst's, nobody asserts all four
    # Exclusion read as less inclusion gives Petro's other routes, which agree.
    assert {c.polarity for c in chains.values()} == {"+"}


def test_competing_accounts_of_the_mafia_and_of_emigration(m: ArgumentMap) -> None:
    from argmap import causal

    mafia = causal.competing_causes(m, "mafia")
    assert mafia.competing
    assert {g.agent: {c.cause for c in g.causes} for g in mafia.groups} == {
        "colombian-leaders": {"fumigation"},
        "petro": {"legalisation", "ties"},
    }


def test_report_chains_include_the_direct_link_and_the_chain(m: ArgumentMap) -> None:
    chains = {tuple(path): sign for path, sign in example.blockade_chains(m)}
    assert chains[("blockade", "gang")] == "+"
    assert chains[tuple(CHAIN)] == "+"


def test_direct_blockade_gang_link(m: ArgumentMap) -> None:
    link = _link(m, "blockade", "gang")
    assert (link.polarity, link.modality, link.reconstructed) == ("+", "actual", False)
    quotes = {(a.agent, a.reported_by, a.quote.source) for a in m.attributions_of(link) if a.quote}
    assert quotes == {("petro", None, "post"), ("petro", "author", "article")}


def test_maduro_and_petro_share_the_sanctions_step(m: ArgumentMap) -> None:
    stances = _stances(m, "blockade-emigration")
    assert ("maduro", "asserts", "author") in stances
    assert ("petro", "asserts", None) in stances


def test_other_causal_claims_of_the_seed(m: ArgumentMap) -> None:
    expected = {
        ("open-border", "emigration"): "-",
        ("inclusion", "colombian-violence"): "-",
        ("inclusion", "youth-violence"): "-",
        ("landlessness", "colombian-violence"): "+",
        ("landlessness", "drug-trafficking"): "+",
        ("legalisation", "mafia"): "-",
        ("ties", "mafia"): "+",
        ("love", "youth-violence"): "-",
        ("imprisonment", "youth-violence"): "+",
    }
    for (cause, effect), polarity in expected.items():
        link = _link(m, cause, effect)
        assert link.polarity == polarity, (cause, effect)
        assert ("petro", "asserts", None) in _stances(m, link.id)
    assert _link(m, "legalisation", "mafia").modality == "hypothetical"


def test_inclusion_and_exclusion_are_opposites(m: ArgumentMap) -> None:
    assert m.opposite_of("inclusion") == "exclusion"
    assert m.opposite_of("exclusion") == "inclusion"


# ------------------------------------------------------------------- dispute
def test_maduro_aims_defeated_at_washingtons_gang_members(m: ArgumentMap) -> None:
    (aimed,) = [x for x in m.attacks() if x.attacker == "defeated"]
    assert (aimed.target, aimed.sort, aimed.reconstructed) == ("members", "rebut", False)
    assert ("maduro", "asserts", "author") in _stances(m, aimed.id)
    assert ("us-government", "asserts", "maduro") in _stances(m, "members")


def test_defeated_and_strengthened_are_in_tension_not_in_contradiction(m: ArgumentMap) -> None:
    from argmap import af_from_map

    between = {"defeated", "strengthened"}
    # No attack of any sort joins them, so the semantics keep both.
    assert not [x for x in m.attacks() if {x.attacker, x.target} == between]
    assert not {a for a in af_from_map(m).attacks if set(a) == between}
    notes = [c for c in m.claims() if "tension" in c.tags]
    assert len(notes) == 1
    note = notes[0]
    assert note.reconstructed and not m.attributions_of(note)
    assert note.data is not None and set(note.data["tension"]) == between  # type: ignore[arg-type]
    assert ("maduro", "asserts", "author") in _stances(m, "defeated")
    assert ("petro", "asserts", None) in _stances(m, "strengthened")


def test_noem_reports_friends_and_petro_denies(m: ArgumentMap) -> None:
    stances = _stances(m, "friends")
    assert ("petro", "asserts", "noem") in stances
    assert ("petro", "denies", None) in stances  # in his own post
    assert ("petro", "denies", "author") in stances  # as the article reports it
    attackers = {x.attacker for x in m.attacks() if x.target == "friends"}
    assert attackers == {"never-met", "hoax"}


def test_noem_says_petro_criticised_the_us_and_petro_replies(m: ArgumentMap) -> None:
    stances = _stances(m, "criticised")
    assert ("noem", "asserts", "author") in stances
    assert ("petro", "denies", "author") in stances
    assert any(
        a.quote is not None and a.quote.text == "did not exactly understand"
        for a in m.attributions_of("misunderstood")
    )


def test_noem_didnt_understand_undercuts_her_report(m: ArgumentMap) -> None:
    (attack,) = [x for x in m.attacks() if x.attacker == "misunderstood"]
    assert attack.sort == "undercut"
    report = m.relations[attack.target]
    assert isinstance(report, Support) and report.conclusion == "criticised"
    assert report.scheme == "argument from witness testimony"
    assert report.reconstructed  # Noem never spells the inference out
    (premise,) = report.premises
    assert ("noem", "asserts", "author") in _stances(m, premise)
    assert ("petro", "asserts", None) in _stances(m, attack.id)


def test_told_you_frankly_is_a_concession_not_a_rebuttal(m: ArgumentMap) -> None:
    assert not [x for x in m.attacks() if x.attacker == "frank"]
    (concedes,) = [x for x in m.supports() if x.premises == ("frank",)]
    assert concedes.conclusion == "criticised"
    assert "concession" in concedes.tags and concedes.reconstructed
    quotes = {a.quote.text for a in m.attributions_of("frank") if a.quote}
    assert "I told you my opinion frankly because you asked me." in quotes


def test_i_hope_its_media_hoaxes_is_hedged_not_asserted(m: ArgumentMap) -> None:
    hoax = m.statements["hoax"]
    assert "hedged" in hoax.tags
    records = m.attributions_of(hoax)
    assert {a.stance for a in records} == {"questions"}  # entertained, never asserted
    assert {a.quote.text.split(" it")[0] for a in records if a.quote} == {"I hope"}
    assert "hoax" not in example.disputed_claims(m)  # his own hedge is no dispute


def test_migrants_are_not_criminals_against_the_us_government(m: ArgumentMap) -> None:
    assert ("us-government", "asserts", "maduro") in _stances(m, "members")
    rebuttals = [x for x in m.attacks() if x.target == "members"]
    assert {x.attacker for x in rebuttals} == {"not-criminals", "victims-of-shame", "defeated"}
    assert {x.sort for x in rebuttals} == {"rebut"}


def test_doubly_victims_rests_on_two_linked_premises(m: ArgumentMap) -> None:
    (support,) = [s for s in m.supports() if s.conclusion == "doubly-victims"]
    assert set(support.premises) == {"victims-of-sanctions", "victims-of-shame"}


# --------------------------------------------------------------- provenance
def test_every_quote_is_verbatim_in_the_seed_at_its_span(m: ArgumentMap) -> None:
    seed = SEED.read_text(encoding="utf-8")
    quotes = [a.quote for a in m.attributions if a.quote is not None]
    assert len(quotes) > 60
    for q in quotes:
        source = m.sources[q.source]
        assert source.text is not None
        assert source.text[q.start : q.end] == q.text
        assert source.data is not None
        offset = source.data["start"]
        assert isinstance(offset, int)
        assert seed[offset + q.start : offset + q.end] == q.text


def test_everything_said_is_attributed_and_the_rest_is_marked(m: ArgumentMap) -> None:
    items = [*m.statements.values(), *m.relations.values()]
    for item in items:
        if item.kind == "factor":
            continue  # a variable is named, not asserted
        attributed = bool(m.attributions_of(item))
        assert attributed != item.reconstructed, item.id


def test_a_changed_seed_is_caught(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8").replace("doubly victims", "twice victims")
    changed = tmp_path / "seed.txt"
    changed.write_text(seed, encoding="utf-8")
    with pytest.raises(QuoteNotFoundError, match="doubly victims"):
        example.build_map(changed)


def test_build_map_is_deterministic(m: ArgumentMap) -> None:
    assert example.build_map(SEED) == m


# ------------------------------------------------------------------ main()
def test_main_writes_the_map_and_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], m: ArgumentMap
) -> None:
    assert example.main(["--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert read_json(tmp_path / "petro_noem.json") == m
    assert "net +: blockade → emigration → exclusion → recruitment → gang" in printed
    assert "net +: blockade → gang" in printed
    assert "strengthened" in printed and "defeated" in printed
    # Verdicts with and without the analyst's reconstructions, each speaker's own chains, and
    # where the article and the post differ.
    assert "in     in     strengthened" in printed
    assert "out    in     defends" in printed and "rests on a reconstruction" in printed
    assert "  maduro: tells none" in printed
    assert "  petro: net +: blockade → gang;" in printed
    assert "u-friends-denial (friends): 'article' drops a layer of reported speech" in printed
    assert "of petro's records only in article: criticised, no-english" in printed
    assert "not merged yet" not in printed  # every layer the example uses is here
    for name in ("argument", "causal", "speakers", "speakers_noem", "speakers_maduro"):
        svg = (tmp_path / f"petro_noem_{name}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") or "<svg" in svg
        assert "Maduro" in svg or name == "speakers_noem"
    assert "Tren de Aragua strength" in (tmp_path / "petro_noem_causal.svg").read_text("utf-8")
    assert "<html" in (tmp_path / "petro_noem.html").read_text(encoding="utf-8").lower()
    assert "gec/ctl/tmv" in (tmp_path / "petro_noem.argdown").read_text(encoding="utf-8")
    rows = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert {"AM302", "AM303"} <= {row["code"] for row in rows}
    assert all(set(row) >= {"code", "severity", "message", "ids"} for row in rows)
    assert "out    out    friends" in printed


# ------------------------------------------------------------------ checks
def test_checks_find_the_dialectic_and_no_error(m: ArgumentMap) -> None:
    from argmap.checks import check, rules

    findings = check(m)
    codes = {f.code for f in findings}
    assert {"AM302", "AM303"} <= codes, sorted(codes)
    if "AM406" in {rule.code for rule in rules()}:  # GUARD(causal checks)
        assert "AM406" in codes, sorted(codes)
    assert not [f for f in findings if str(f.severity).endswith("error")]


def test_attacks_are_between_statements_or_undercut_relations(m: ArgumentMap) -> None:
    for attack in m.attacks():
        assert isinstance(attack, Attack)
        if attack.sort == "undercut":
            assert attack.target in m.relations
        else:
            assert attack.target in m.statements


def test_main_draws_without_system_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib import metadata

    try:
        metadata.distribution("graphviz-pure")
    except metadata.PackageNotFoundError:
        pytest.skip("graphviz-pure (the render extra) is not installed")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no `dot` anywhere
    with pytest.warns(UserWarning):  # graphviz-pure estimates non-ASCII widths, and says so
        assert example.main(["--out", str(tmp_path / "out")]) == 0
    for view in ("argument", "causal", "speakers"):
        assert (tmp_path / "out" / f"petro_noem_{view}.svg").read_text(encoding="utf-8")
    assert "SVG views" not in capsys.readouterr().out


def test_only_petro_and_the_author_speak_without_a_reporter(m: ArgumentMap) -> None:
    # The seed holds the author's article and Petro's own post: everyone else, and Petro as the
    # article quotes him, is heard through a reporter.
    for a in m.attributions:
        if a.reported_by is None:
            assert a.agent in {"petro", "author"}, a
        if a.quote is not None and a.quote.source == "article" and a.agent != "author":
            assert a.reported_by is not None, a
        if a.quote is not None and a.quote.source == "post":
            assert a.agent == "petro" or a.reported_by == "petro", a


def test_causal_acceptance_on_the_seed(m: ArgumentMap) -> None:
    """Issue 5's seed lines: AM404 sees Petro's direct link agree with his chain; lifting the
    blockade lowers the gang's strength."""
    from argmap import check, what_if

    (finding,) = check(m, select=["AM404"])
    assert finding.ids[0] == "blockade-gang"
    assert finding.message.endswith(": consistent")
    lifted = what_if(m, {"blockade": "-"})
    assert lifted.direction("gang") == "down"
    assert lifted.direction("emigration") == "down"


# --------------------------------------------------- issue 15: the seed map, corrected
def test_no_chain_joins_landlessness_to_the_gang(m: ArgumentMap) -> None:
    # One "violence" factor once let landlessness strengthen the gang, a story nobody tells.
    assert list(causal_chains(m, "landlessness", "gang")) == []
    assert causal_chains(m, "landlessness", "colombian-violence")
    assert causal_chains(m, "exclusion", "youth-violence")
    assert "violence" not in m.statements
    senses = {f.id for f in m.factors() if "violence" in f.label.lower()}
    assert senses == {"youth-violence", "colombian-violence"}


def test_every_chain_into_the_gang_is_told_by_someone_or_marked(m: ArgumentMap) -> None:
    for cause in m.factors():
        for chain in causal_chains(m, cause.id, "gang"):
            links = [m.relations[link] for link in chain.links]
            analysts = any(link.reconstructed for link in links)
            assert chain.asserted_by_all or analysts, chain.links


def test_article_and_post_are_compared_as_utterances(m: ArgumentMap) -> None:
    found = compare_sources(m)
    by_key = {u.utterance: u for u in found.utterances}
    assert len(by_key) >= 12
    for utterance in by_key.values():
        assert set(utterance.sources) == {"post", "article"}, utterance.utterance
        assert utterance.reference is not None and utterance.reference.quote is not None
        assert utterance.reference.quote.source == "post"  # Petro's own words come first
    (denial,) = by_key["u-friends-denial"].diffs
    assert denial.kinds == ("reported-speech",)
    assert "[-said I-]" in denial.words
    # The hoax sentence's "not to talk" / "keep ... from talking" says the same.
    assert [d.utterance for d in found.differences()] == ["u-friends-denial"]
    (hoax,) = by_key["u-hoax"].diffs
    assert hoax.changes and hoax.kinds == ()


def test_what_only_the_article_carries_and_what_it_drops(m: ArgumentMap) -> None:
    only = {(o.target, o.agent): o for o in compare_sources(m).only_in}
    # "these statements lack truth", "language skills", "doesn't speak English": article only.
    for target in ("criticised", "no-english"):
        assert only[(target, "petro")].sources == ("article",)
    (language,) = [s for s in m.supports() if s.conclusion == "misunderstood"]
    assert only[(language.id, "petro")].sources == ("article",)
    # The post's "as my adversary, Duque, has demonstrated": the article drops it.
    assert only[("duque-rights", "petro")].missing_from == ("article",)
    codes = {f.code for f in example.check(m, select="AM208,AM209")}
    assert codes == {"AM208", "AM209"}


def test_the_authors_framing_words_are_tagged(m: ArgumentMap) -> None:
    framing = {c.id: c for c in m.claims() if "framing" in c.tags}
    assert set(framing) == {"hostile-policy", "coercive-measures", "discriminatory"}
    words = {a.quote.text for c in framing.values() for a in m.attributions_of(c) if a.quote}
    assert any("hostile policy" in w for w in words)
    assert any("coercive measures" in w for w in words)
    for claim in framing.values():
        assert {(a.agent, a.reported_by) for a in m.attributions_of(claim)} == {("author", None)}


def test_every_support_is_quoted_or_marked_reconstructed(m: ArgumentMap) -> None:
    # A support nobody's words state is the analyst's: marked, and given to no one.
    for support in m.supports():
        quoted = [a for a in m.attributions_of(support) if a.quote is not None]
        if support.reconstructed:
            assert not m.attributions_of(support), support.id
        else:
            assert quoted, f"{support.id} is attributed without the words that state it"
    assert sum(s.reconstructed for s in m.supports()) >= 8


def test_fumigation_is_quoted_on_its_factor(m: ArgumentMap) -> None:
    quotes = [a.quote for a in m.attributions_of("fumigation") if a.quote]
    assert [q.text for q in quotes] == ["fumigation and imprisonment of thousands of farmers"]
    assert quotes[0].source == "post"


def test_verdicts_with_and_without_reconstructions(m: ArgumentMap) -> None:
    verdicts = example.verdicts(m, example.disputed_claims(m))
    assert set(verdicts) >= {"strengthened", "defeated", "members", "friends", "defends"}
    assert verdicts["defends"] == ("out", "in")  # only the analyst's rebuttal puts it out
    bare = example.without_reconstructions(m)
    assert not [x for x in (*bare.statements.values(), *bare.relations.values()) if x.reconstructed]
    assert example.without_reconstructions(bare) == bare


def test_each_speakers_own_chain_from_blockade_to_gang(m: ArgumentMap) -> None:
    petro = example.told_chains(m, "petro", "blockade", "gang")
    assert petro and all("petro" in c.asserted_by_all for c in petro)
    assert ("blockade-gang",) in {c.links for c in petro}
    for agent in ("noem", "maduro", "author"):
        assert example.told_chains(m, agent, "blockade", "gang") == []


@pytest.mark.parametrize("fmt", ["json", "yaml", "argdown", "aif", "node_link", "sadface"])
def test_the_seeds_utterances_survive_every_writer_that_keeps_attributions(
    m: ArgumentMap, fmt: str
) -> None:
    import warnings

    import argmap

    with warnings.catch_warnings():
        warnings.simplefilter("error", argmap.DataLossWarning)
        text = getattr(argmap, f"generate_{fmt}")(m)
    again = getattr(argmap, f"parse_{fmt}")(text)
    assert again == m
    keys = [a.utterance for a in again.attributions if a.utterance]
    assert keys == [a.utterance for a in m.attributions if a.utterance] and len(keys) >= 24
