"""Map the Petro–Noem seed: who claims what about the Tren de Aragua, and the causal stories told.

The seed file ``seeds/petro_noem_article.txt`` holds two documents, split where ``Post To:``
begins: a news article signed ``gec/ctl/tmv``, and the post on X by Colombia's president Gustavo
Petro to US Homeland Security Secretary Kristi Noem that the article reports on. Each is a
:class:`~argmap.Source` whose text is its own part of the file, so every quote's span indexes into
the document it comes from; ``source.data["start"]`` is where that part begins in the file.

How the map is built (the analyst's decisions, stated once):

* **Speakers.** Petro, Noem, Maduro, the US government and "Colombian leaders" (as Petro reports
  them) are agents, and so is the article's author. The article is signed only with the desk's
  initials ``gec/ctl/tmv`` (writer and editors, not one named person), so the author is one agent
  named by those initials, with the role "news desk". What the article says in its own voice is
  attributed to that agent; what it says others said is attributed to them with
  ``reported_by="author"``. Petro's own words in his post carry no reporter.
* **Reports of reports.** An attribution has one reporter. When the article says that Noem said
  that Petro called gang members friends, the claim is Petro's, reported by Noem (the nearer
  reporter); the article's part is in the quote's source.
* **One utterance, two records.** Where the article quotes or paraphrases the post, the post's
  words (Petro's, no reporter) and the article's (``reported_by="author"``) are two attributions
  with one ``utterance`` key, so :func:`argmap.compare_sources` can set them side by side: the
  post denies the report ("why you say I said I had friends"), the article the friendship ("why
  you say I had friends"). The article's frame ("he accused the US of...") stays out of the
  quote: it is the reporter, and its verb would read as a layer of reported speech.
* **Framing.** Words that are the desk's judgement, not a speaker's ("hostile policy", "coercive
  measures", "discriminatory"), are claims of the author tagged ``framing``.
* **Causal stories are factors and causal links** (the causal view); propositions that are
  supported, attacked or contradicted are claims (the argument view). Evidence that backs a causal
  link ("as the 76-year experience of Colombian violence demonstrates") is a claim that supports the
  link itself, and an objection to a link undercuts it. Petro's headline, "the blockade strengthened
  the gang", is both a claim and the direct causal link ``blockade-gang`` (so that it can be
  compared with his chain).
* **One factor a sense.** "Violence" is two things in the seed: what exclusion, prison and the lack
  of love breed among young people (``youth-violence``), and Colombia's decades of armed violence
  (``colombian-violence``, which landlessness feeds and the inclusion of Colombian youth reduced).
  One factor for both would let a chain run from landlessness to the gang that nobody tells.
* **Reconstructions.** The step from exclusion to the gang's strength is nobody's sentence: the
  analyst writes it as the text suggests (exclusion → recruitment → gang strength), with
  ``reconstructed=True`` and no attribution. So are the supports no one states (two sentences set
  side by side are not an inference the speaker draws) and the attacks the analyst reads between
  speakers who do not answer each other; a speaker's own reply ("I don't know why you say...")
  and an inference the text marks ("because", "as ... has demonstrated") are the speaker's.
* **Tension is not contradiction.** Maduro's "the Tren de Aragua was defeated" is aimed at
  Washington's "they are gang members" (his rebuttal). With Petro's "strengthened" it is in
  tension only: the gang can have been beaten in Venezuela and grown abroad. An attack would make
  the semantics drop one of them; the analyst's note is a reconstructed claim tagged ``tension``
  whose ``data["tension"]`` names both.
* **Concession, undercut, hedge.** "I told you my opinion frankly because you asked" grants Noem
  part of her account (a reconstructed support tagged ``concession``, not a rebuttal); "she did
  not understand" attacks her report, the inference from what she heard to "he criticised the
  US" (an undercut of that support); "I hope it's media hoaxes" is entertained, not asserted
  (stance ``questions``, tagged ``hedged``).
* **Opposites.** Inclusion and exclusion of young people are two factors named as each other's
  ``opposite``: Petro says exclusion raises violence and inclusion lowers it.
* **Left out**, as carrying no argument: the post's address line, the invitation to the García
  Márquez exhibition, the aphorism "noisy societies have a silent soul", and the article's note
  that Noem's visit was part of a regional tour that began in El Salvador.

Run it as ``python examples/petro_noem.py [--out DIR]``: it writes the map (JSON, and Argdown,
SVG views, the HTML page and the findings where those layers exist) to ``examples/out/`` and prints
a short report: findings, each disputed claim's verdict with and without the reconstructions, the
chains from blockade to gang and each speaker's own, and where the article and the post differ.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap import (
    ArgumentMap,
    Attribution,
    causal_chains,
    check,
    compare_sources,
    grounded,
    net_effect,
    render,
    sensitivity,
    write_argdown,
    write_html,
    write_json,
)
from argmap.causal import Chain, sign_product
from argmap.semantics import without_reconstructions

__all__ = [
    "SEED",
    "blockade_chains",
    "build_map",
    "chain_sign",
    "disputed_claims",
    "main",
    "source_differences",
    "split_seed",
    "told_chains",
    "verdicts",
    "without_reconstructions",
]

SEED = Path(__file__).resolve().parents[1] / "seeds" / "petro_noem_article.txt"
"""The seed text, next to this folder."""

POST_MARKER = "Post To:"
"""Where Petro's post begins in the seed."""

# Topics, as tags: the argument view draws one box per topic, labelled with the tag.
GANG = "the blockade and the gang"
FRIENDS = "friends in the gang?"
MEETING = "the Bogotá meeting"
MIGRANTS = "are the migrants criminals?"
MADURO = "Maduro: doubly victims"
YOUTH = "youth, inclusion, violence"
BORDER = "the border and migration"
MAFIA = "the mafia and the farmers"


def split_seed(text: str) -> tuple[str, str]:
    """Split the seed into the article and Petro's post, at the first ``Post To:``.

    Args:
        text: The whole seed file.

    Returns:
        The article's text and the post's text; joined they give ``text`` back.

    Raises:
        ValueError: The seed has no ``Post To:``.

    Examples:
        >>> split_seed("An article.\\nPost To: Noem\\nA post.")
        ('An article.\\n', 'Post To: Noem\\nA post.')
    """
    at = text.find(POST_MARKER)
    if at == -1:
        raise ValueError(f"the seed has no {POST_MARKER!r} line where Petro's post begins")
    return text[:at], text[at:]


def build_map(seed_path: str | Path | None = None) -> ArgumentMap:
    """Build the argument map of the whole seed: the article and Petro's post.

    Args:
        seed_path: The seed file; ``seeds/petro_noem_article.txt`` of this project when None.

    Returns:
        The map, with two sources, six agents, claims, factors, supports, attacks and causal
        links, each attributed with a verbatim quote (or marked ``reconstructed``).

    Raises:
        argmap.QuoteNotFoundError: The seed's text differs from what the map quotes.

    Examples:
        >>> m = build_map()
        >>> sorted(m.agents)
        ['author', 'colombian-leaders', 'maduro', 'noem', 'petro', 'us-government']
        >>> m.relations["blockade-gang"].polarity
        '+'
    """
    path = Path(seed_path) if seed_path is not None else SEED
    seed = path.read_text(encoding="utf-8")
    article_text, post_text = split_seed(seed)

    m = ArgumentMap(
        title="Petro, Noem and Maduro on the Tren de Aragua",
        description=(
            "Colombia's president Petro blames the US blockade of Venezuela for strengthening the "
            "Tren de Aragua gang and answers US Homeland Security Secretary Noem's account of "
            "their meeting; Venezuela's president Maduro says the gang was defeated."
        ),
    )

    # ------------------------------------------------------------------ sources
    art = m.source(
        "Petro: The US strengthened the Tren de Aragua gang with its blockade of Venezuela",
        id="article",
        text=article_text,
        type="news article",
        data={"file": path.name, "start": 0, "end": len(article_text), "author": "author"},
    )
    post = m.source(
        "Gustavo Petro's post on X to Kristi Noem",
        id="post",
        text=post_text,
        type="social post",
        data={
            "file": path.name,
            "start": len(article_text),
            "end": len(seed),
            "platform": "X",
            "handle": "@petrogustavo",
        },
    )

    def a(text: str, occurrence: int | None = None) -> Any:
        """A quote from the article."""
        return m.quote(art, text, occurrence=occurrence)

    def p(text: str, occurrence: int | None = None) -> Any:
        """A quote from Petro's post."""
        return m.quote(post, text, occurrence=occurrence)

    def said(
        target: Any,
        quote: Any,
        utterance: str,
        *,
        by: Any = "petro",
        reported_by: Any = None,
        stance: Any = "asserts",
    ) -> Attribution:
        """One record of an utterance that more than one source carries (the post's words and
        the article's). Records that share ``utterance`` are compared by
        :func:`argmap.compare_sources`; the builder's ``attribute()`` has no keyword for the key,
        so the record is added ready-made."""
        record = Attribution(
            target=getattr(target, "id", target),
            agent=getattr(by, "id", by),
            stance=stance,
            reported_by=getattr(reported_by, "id", reported_by),
            quote=quote,
            utterance=utterance,
        )
        return m.add_attribution(record)

    def both(target: Any, post_words: str, article_words: str, utterance: str, **how: Any) -> None:
        """Petro's own words in the post, and the article's record of them, as one utterance."""
        said(target, p(post_words), utterance, **how)
        said(target, a(article_words), utterance, reported_by="author", **how)

    # ------------------------------------------------------------------- agents
    petro = m.agent(
        "Gustavo Petro",
        id="petro",
        role="President of Colombia",
        aliases=("Petro", "@petrogustavo", "the Colombian president", "the head of state"),
    )
    noem = m.agent(
        "Kristi Noem",
        id="noem",
        role="US Secretary of Homeland Security",
        aliases=("Noem", "Ms. Kristi", "the US official"),
    )
    maduro = m.agent(
        "Nicolás Maduro",
        id="maduro",
        role="President of Venezuela",
        aliases=("Maduro",),
    )
    usg = m.agent(
        "the US government",
        id="us-government",
        role="government of the United States (Trump Administration)",
        aliases=("Washington", "the US", "the Trump Administration"),
    )
    leaders = m.agent(
        "Colombian leaders",
        id="colombian-leaders",
        role="Colombian politicians, as Petro reports them (not named)",
        aliases=("many Colombian leaders",),
    )
    author = m.agent(
        "gec/ctl/tmv",
        id="author",
        role="news desk, the article's author",
        data={"signature": "gec/ctl/tmv"},
    )

    # ------------------------------------------------------------------ factors
    blockade = m.factor("US blockade of and sanctions on Venezuela", id="blockade", tags=(GANG,))
    emigration = m.factor("emigration of young Venezuelans", id="emigration", tags=(GANG,))
    exclusion = m.factor("exclusion of young people", id="exclusion", tags=(GANG,))
    inclusion = m.factor(
        "inclusion of young people", id="inclusion", opposite=exclusion, tags=(YOUTH,)
    )
    # "Violence" in the seed has two senses, and one factor for both would join stories nobody
    # tells (landlessness -> violence -> the gang): the violence that exclusion, prison and
    # lovelessness breed among young people, and Colombia's decades of armed violence.
    youth_violence = m.factor(
        "violence among excluded young people", id="youth-violence", tags=(GANG,)
    )
    colombian_violence = m.factor(
        "Colombia's armed violence", id="colombian-violence", tags=(YOUTH,)
    )
    recruitment = m.factor(
        "the gang's recruitment of excluded young migrants",
        id="recruitment",
        tags=(GANG,),
        reconstructed=True,
    )
    gang = m.factor("Tren de Aragua strength", id="gang", tags=(GANG,))
    open_border = m.factor(
        "diplomatic relations and an open Colombia–Venezuela border",
        id="open-border",
        tags=(BORDER,),
    )
    imprisonment = m.factor(
        "imprisonment of children and Venezuelan migrants",
        id="imprisonment",
        tags=(BORDER,),
    )
    love = m.factor("love for young people", id="love", tags=(YOUTH,))
    hopelessness = m.factor(
        "hopelessness and solitude of young people", id="hopelessness", tags=(YOUTH,)
    )
    drug_abuse = m.factor("drug abuse", id="drug-abuse", tags=(YOUTH,))
    landlessness = m.factor("landlessness of Colombian farmers", id="landlessness", tags=(MAFIA,))
    trafficking = m.factor("drug trafficking", id="drug-trafficking", tags=(MAFIA,))
    mafia = m.factor("Colombian mafia strength", id="mafia", tags=(MAFIA,))
    fumigation = m.factor("fumigation and imprisonment of farmers", id="fumigation", tags=(MAFIA,))
    m.attribute(
        fumigation, by=petro, quote=p("fumigation and imprisonment of thousands of farmers")
    )
    legalisation = m.factor(
        "legalisation of less dangerous substances", id="legalisation", tags=(MAFIA,)
    )
    ties = m.factor("ties between political power and drug traffickers", id="ties", tags=(MAFIA,))

    # -------------------------------------------- Petro's chain: blockade → gang
    chain = (GANG,)
    m.causes(
        blockade,
        emigration,
        id="blockade-emigration",
        mechanism="the blockade forced young Venezuelans who were living well to leave",
        tags=chain,
    )
    both(
        "blockade-emigration",
        "The blockade has forced hundreds of thousands of young Venezuelans",
        "The blockade has forced hundreds of thousands of young Venezuelans",
        "u-blockade-forced",
    )
    m.attribute(
        "blockade-emigration",
        by=petro,
        quote=p(
            "more inclusion for young people who leave in desperation due to economic blockades"
        ),
    )
    m.attribute(
        "blockade-emigration",
        by=petro,
        reported_by=author,
        quote=a("coercive measures against Venezuela have affected the country's youth"),
    )
    # Maduro tells the same step: one link, so the agreement shows.
    m.attribute(
        "blockade-emigration",
        by=maduro,
        reported_by=author,
        quote=a(
            "victims of sanctions and the U.S. economic war, which forced them to migrate as "
            "economic migrants"
        ),
    )
    m.causes(
        emigration,
        exclusion,
        id="emigration-exclusion",
        mechanism="young emigrants end up in foreign neighbourhoods and countries",
        tags=chain,
    )
    both(
        "emigration-exclusion",
        "into total exclusion in foreign neighborhoods and countries",
        "into total exclusion in foreign neighborhoods and countries",
        "u-total-exclusion",
    )
    m.causes(exclusion, youth_violence, id="exclusion-violence", modality="general", tags=chain)
    both(
        "exclusion-violence",
        "Exclusion only leads to more violence",
        "exclusion only leads to more violence",
        "u-exclusion-violence",
    )
    # The analyst's missing step, as the text suggests it: excluded young migrants are who the
    # gang recruits. Nobody says it, so it is reconstructed and unattributed.
    m.causes(
        exclusion,
        recruitment,
        id="exclusion-recruitment",
        mechanism="the analyst's reading: the gang recruits among excluded young migrants",
        reconstructed=True,
        tags=chain,
    )
    m.causes(
        recruitment,
        gang,
        id="recruitment-gang",
        mechanism="the analyst's reading: recruits are what makes the gang stronger",
        reconstructed=True,
        tags=chain,
    )
    m.causes(blockade, gang, id="blockade-gang", tags=chain)
    both(
        "blockade-gang",
        "was strengthened by yourselves by blockading Venezuela",
        "The US strengthened the Tren de Aragua gang with its blockade of Venezuela",
        "u-strengthened-link",
    )
    colombia_76 = m.claim(
        "Colombia's 76 years of violence show that exclusion leads to violence",
        id="colombia-76-years",
        tags=chain,
    )
    both(
        colombia_76,
        "as the 76-year experience of Colombian violence demonstrates",
        "as demonstrated by the 76-year experience of Colombian violence",
        "u-76-years",
    )
    hundred_years = m.claim(
        "Colombia's 'hundred years of solitude' are a hundred years of Colombians killing one "
        "another",
        id="hundred-years",
        by=petro,
        quote=p(
            "Colombia is the country of 100 years of solitude, which is nothing more than having "
            "killed each other for 100 years."
        ),
        tags=(GANG,),
    )
    # Petro puts the two side by side; that one backs the other is the analyst's reading.
    m.support(hundred_years, colombia_76, reconstructed=True)
    m.support(
        colombia_76,
        "exclusion-violence",
        id="as-76-years-demonstrate",
        scheme="argument from example",
        by=petro,
        quote=p("as the 76-year experience of Colombian violence demonstrates"),
    )

    # ------------------------- the headline claim, Maduro's "defeated" and the tension
    strengthened = m.claim(
        "The US blockade of Venezuela strengthened the Tren de Aragua",
        id="strengthened",
        tags=(GANG,),
    )
    said(
        strengthened, p("was strengthened by yourselves by blockading Venezuela"), "u-strengthened"
    )
    # The article's two renderings, without its frame ("accuses the US of being..."): the frame
    # is the attribution's reporter, and its verb would read as another layer of reported speech.
    said(
        strengthened,
        a(
            "responsible for strengthening the Tren de Aragua criminal organization with its "
            "blockade"
        ),
        "u-strengthened",
        reported_by=author,
    )
    said(
        strengthened,
        a('strengthening the Tren de Aragua gang by "blockading Venezuela."'),
        "u-strengthened",
        reported_by=author,
    )
    # The author's framing words, as "discriminatory" below: the desk's, not Petro's.
    m.claim(
        "US policy toward Venezuela is hostile",
        id="hostile-policy",
        by=author,
        quote=a("hostile policy toward Venezuela"),
        tags=(GANG, "framing"),
    )
    m.claim(
        "The US measures against Venezuela are coercive",
        id="coercive-measures",
        by=author,
        quote=a("coercive measures against Venezuela"),
        tags=(GANG, "framing"),
    )
    defeated = m.claim(
        "The Tren de Aragua was defeated by Venezuela",
        id="defeated",
        by=maduro,
        reported_by=author,
        quote=a("which was defeated"),
        tags=(GANG,),
    )
    # Maduro aims "defeated" at Washington's "they are gang members" (see the migrants below).
    # With Petro's "strengthened" it is in tension, not in contradiction: the gang can have been
    # beaten in Venezuela and grown abroad, or at another time. An attack would make the
    # semantics give one of them up; the tension is the analyst's note, a reconstructed claim
    # tagged "tension" that names both and attacks neither.
    m.claim(
        "Maduro's 'the Tren de Aragua was defeated' sits uneasily with Petro's 'the blockade "
        "strengthened it': both hold only if it was beaten in Venezuela and grew abroad, or at "
        "different times",
        id="defeated-strengthened-tension",
        reconstructed=True,
        tags=(GANG, "tension"),
        data={"tension": ["defeated", "strengthened"]},
    )
    murderous = m.claim(
        "The Tren de Aragua is a murderous criminal gang",
        id="murderous",
        by=petro,
        quote=p("which is a murderous criminal gang"),
        tags=(FRIENDS,),
    )

    # ---------------------------- what young people need: inclusion, love, hope
    m.causes(
        inclusion,
        colombian_violence,
        id="inclusion-colombian-violence",
        polarity="-",
        mechanism="universities, art and sports, community and solidarity",
        tags=(YOUTH,),
    )
    both(
        "inclusion-colombian-violence",
        "It is the inclusion of Colombian youth that has made it possible to reduce violence "
        "in my country",
        "It is the inclusion of Colombian youth populations that has allowed us to reduce "
        "violence in my country",
        "u-inclusion-colombia",
    )
    m.causes(
        inclusion,
        youth_violence,
        id="inclusion-youth-violence",
        polarity="-",
        modality="hypothetical",
        by=petro,
        quote=p(
            "More inclusion for excluded youth around the world and in exile, more inclusion for "
            "young people who leave in desperation due to economic blockades, and the monsters of "
            "violence will end."
        ),
        tags=(YOUTH,),
    )
    m.causes(
        inclusion,
        gang,
        id="inclusion-gang",
        polarity="-",
        modality="hypothetical",
        mechanism="letting the youth of Venezuela live well in their own country",
        tags=(YOUTH,),
    )
    both(
        "inclusion-gang",
        "The best way to end the violence on the Aragua train is to allow the youth of "
        "Venezuela to live well in their country.",
        "the best way to end the violence of the Aragua Train is to allow the youth of "
        "Venezuela to live well in their country",
        "u-best-way",
    )
    m.causes(
        love,
        youth_violence,
        id="love-violence",
        polarity="-",
        modality="general",
        by=petro,
        quote=p("Love ends violence"),
        tags=(YOUTH,),
    )
    jesus = m.claim(
        "Jesus taught long ago that love ends violence",
        id="jesus",
        by=petro,
        quote=p("Jesus taught that a long time ago"),
        tags=(YOUTH,),
    )
    m.support(
        jesus,
        "love-violence",
        id="as-jesus-taught",
        scheme="argument from authority",
        by=petro,
        quote=p("Jesus taught that a long time ago"),
    )
    m.causes(
        hopelessness,
        drug_abuse,
        id="hopelessness-drugs",
        modality="general",
        mechanism="societies fill their emptiness with noise and drugs",
        by=petro,
        quote=p(
            "Societies where youth lose hope and their individuals live in solitude fill their "
            "emptiness with noise and drugs."
        ),
        tags=(YOUTH,),
    )
    m.causes(
        imprisonment,
        youth_violence,
        id="imprisonment-violence",
        modality="hypothetical",
        by=petro,
        quote=p(
            "There will only be more violence if 14-year-old children are imprisoned or the "
            "Venezuelan population, who believed the US government, is taken to Bukele's prisons."
        ),
        tags=(BORDER,),
    )

    # ------------------------------------------------- the border and migration
    m.causes(
        open_border,
        emigration,
        id="border-emigration",
        polarity="-",
        by=petro,
        quote=p(
            "Venezuelan migration to all of the Americas was stopped, simply by formalizing "
            "diplomatic relations and opening the closed border"
        ),
        tags=(BORDER,),
    )
    border_shown = m.claim(
        "Petro's government restored diplomatic relations and reopened the border, and "
        "Venezuelan migration to the Americas stopped",
        id="border-shown",
        by=petro,
        quote=p("I demonstrated that Venezuelan migration to all of the Americas was stopped"),
        tags=(BORDER,),
    )
    m.support(
        border_shown,
        "border-emigration",
        id="as-border-shows",
        scheme="argument from example",
        by=petro,
        quote=p("I demonstrated that"),
    )
    duque_mistake = m.claim(
        "Closing the border was a huge mistake by former President Duque",
        id="duque-mistake",
        by=petro,
        quote=p("a huge mistake by former President Duque"),
        tags=(BORDER,),
    )
    m.support(border_shown, duque_mistake, reconstructed=True)

    # ---------------------------------------------- are the migrants criminals?
    members = m.claim(
        "The Venezuelan migrants the US sent to El Salvador are Tren de Aragua members",
        id="members",
        by=usg,
        reported_by=author,
        quote=a(
            "under the justification that they are members of the Tren de Aragua criminal gang"
        ),
        tags=(MIGRANTS,),
    )
    m.attribute(
        members,
        by=usg,
        reported_by=maduro,
        quote=a("members of a gang of murderers, the Tren de Aragua"),
    )
    deported = m.claim(
        "The US has sent dozens of undocumented immigrants to a prison in El Salvador",
        id="deported",
        by=author,
        quote=a("the prison where the United States has sent dozens of undocumented immigrants"),
        tags=(MIGRANTS,),
    )
    m.claim(
        "The Trump Administration's migration policies are discriminatory",
        id="discriminatory",
        by=author,
        quote=a(
            "the discriminatory US policies toward migration implemented by the current Trump "
            "Administration"
        ),
        tags=(MIGRANTS, "framing"),
    )
    not_criminals = m.claim("Migrants are not criminals", id="not-criminals", tags=(MIGRANTS,))
    both(not_criminals, "Migrants are not criminals", "are not criminals", "u-not-criminals")
    m.rebut(not_criminals, members, id="not-criminals-vs-members", reconstructed=True)
    # Maduro's own aim: the migrants cannot be members of a gang that was defeated.
    m.rebut(
        defeated,
        members,
        id="defeated-vs-members",
        by=maduro,
        reported_by=author,
        quote=a(
            'Washington calls them "members of a gang of murderers, the Tren de Aragua, which was '
            'defeated" by Venezuela'
        ),
    )
    rights = m.claim("Migrants' rights must be respected", id="rights", tags=(MIGRANTS,))
    both(
        rights,
        "their rights must be respected",
        "their rights must be respected",
        "u-rights",
    )
    duque_rights = m.claim(
        "Both Duque's government and Petro's have shown that migrants' rights can be respected",
        id="duque-rights",
        by=petro,
        quote=p("as my adversary, Duque, has demonstrated, and as my government has demonstrated"),
        tags=(MIGRANTS,),
    )
    m.support(
        duque_rights,
        rights,
        id="as-duque-demonstrated",
        scheme="argument from example",
        by=petro,
        quote=p("as my adversary, Duque, has demonstrated"),
    )
    m.support(not_criminals, rights, reconstructed=True)

    # Maduro: "doubly victims"
    victims_sanctions = m.claim(
        "In Venezuela the migrants were victims of US sanctions and economic war, which forced "
        "them to emigrate",
        id="victims-of-sanctions",
        by=maduro,
        reported_by=author,
        quote=a("in Venezuela they were victims of sanctions and the U.S. economic war"),
        tags=(MADURO,),
    )
    victims_shame = m.claim(
        "Abroad the migrants are victims of shame when Washington calls them gang members",
        id="victims-of-shame",
        by=maduro,
        reported_by=author,
        quote=a('"victims of shame" when Washington calls them'),
        tags=(MADURO,),
    )
    doubly = m.claim(
        "Venezuelan migrants are doubly victims",
        id="doubly-victims",
        by=maduro,
        reported_by=author,
        quote=a("Venezuelan migrants are doubly victims"),
        tags=(MADURO,),
    )
    m.support(
        [victims_sanctions, victims_shame],
        doubly,
        id="doubly-explained",
        by=maduro,
        reported_by=author,
        quote=a("explaining that"),
    )
    m.rebut(victims_shame, members, id="shame-vs-members", reconstructed=True)
    intends = m.claim(
        "Washington intends to cast all Venezuelan migration as a migration of criminals",
        id="us-intends",
        by=maduro,
        reported_by=author,
        quote=a("all Venezuelan migration as a migration of criminals"),
        tags=(MADURO,),
    )
    m.support(intends, victims_shame, reconstructed=True)
    kidnapping = m.claim(
        "The US cruelly kidnapped Venezuelan migrants by deporting them to El Salvador",
        id="kidnapping",
        by=maduro,
        reported_by=author,
        quote=a('"cruel kidnapping"'),
        tags=(MADURO,),
    )
    release = m.claim(
        "The Venezuelan migrants held in El Salvador must be released at once",
        id="release",
        by=maduro,
        reported_by=author,
        quote=a("called for the immediate release of Venezuelan migrants kidnapped in El Salvador"),
        tags=(MADURO,),
    )
    m.support(
        kidnapping,
        release,
        id="release-the-kidnapped",
        by=maduro,
        reported_by=author,
        quote=a("kidnapped in El Salvador"),
    )
    m.support(deported, kidnapping, reconstructed=True)

    # --------------------------------------- Noem's account and Petro's replies
    tense = m.claim(
        "The March 27 meeting with Petro in Bogotá was a rather tense encounter",
        id="tense",
        by=noem,
        reported_by=author,
        quote=a("a rather tense encounter"),
        tags=(MEETING,),
    )
    tensions = m.claim(
        "There are new diplomatic tensions between Washington and Bogotá",
        id="tensions",
        by=author,
        quote=a("new diplomatic tensions between Washington and Bogotá"),
        tags=(MEETING,),
    )
    m.support(
        tense,
        tensions,
        id="tensions-follow",
        by=author,
        quote=a("following controversial statements by Noem"),
    )

    friends = m.claim(
        "Some Tren de Aragua members are Petro's friends",
        id="friends",
        by=petro,
        reported_by=noem,
        quote=a("were his friends"),
        tags=(FRIENDS,),
    )
    # The post denies the report ("you say I said"); the article has him deny the friendship
    # ("you say I had"): one utterance, two records, and AM208 says how they differ.
    both(
        friends,
        "I don't know why you say I said I had friends on the Aragua train or in the cartels",
        "I don't know why you say I had friends in the Tren de Aragua gang or in the cartels",
        "u-friends-denial",
        stance="denies",
    )
    defends = m.claim(
        "Petro defends members of the Tren de Aragua",
        id="defends",
        by=noem,
        reported_by=author,
        quote=a("defending members of the Tren de Aragua gang"),
        tags=(FRIENDS,),
    )
    # Noem's accusation lists the two side by side; that one backs the other is the analyst's.
    m.support(friends, defends, reconstructed=True)
    never_met = m.claim(
        "Petro has never met a single cartel member", id="never-met", tags=(FRIENDS,)
    )
    words = "I've never met a single cartel member in my entire life."
    both(never_met, words, words, "u-never-met")
    m.undermine(never_met, friends, id="never-met-vs-friends", by=petro)
    # "I hope it's..." entertains the hoax without asserting it: Petro's stance is
    # "questions" (argmap has no "hopes"), and the claim is tagged "hedged" to say why.
    hoax = m.claim(
        "The friends story is a media hoax or comes from friends of the mafia who want Colombia "
        "and the US not to talk",
        id="hoax",
        tags=(FRIENDS, "hedged"),
        data={"hedge": "I hope"},
    )
    both(
        hoax,
        "I hope it's media hoaxes or friends of the mafia who want Colombia and the US not to "
        "talk to each other.",
        "I hope it's media speculation or friends of the mafia who want to keep Colombia and "
        "the US from talking to each other.",
        "u-hoax",
        stance="questions",
    )
    m.undermine(hoax, friends, id="hoax-vs-friends", by=petro)
    # Calling the gang murderous is not how one defends it: the analyst's reading.
    m.rebut(murderous, defends, id="murderous-vs-defends", reconstructed=True)

    criticised = m.claim(
        "Petro criticised the US government at the Bogotá meeting",
        id="criticised",
        by=noem,
        reported_by=author,
        quote=a("alleged that Gustavo Petro had criticized the US government at that meeting"),
        tags=(MEETING,),
    )
    m.attribute(
        criticised,
        by=petro,
        stance="denies",
        reported_by=author,
        quote=a("these statements lack truth"),
    )
    misunderstood = m.claim(
        "Noem did not exactly understand what Petro was saying",
        id="misunderstood",
        by=petro,
        reported_by=author,
        quote=a("did not exactly understand"),
        tags=(MEETING,),
    )
    m.attribute(misunderstood, by=petro, quote=p("I'm sorry you don't understand my words."))
    no_english = m.claim(
        "Petro does not speak English",
        id="no-english",
        by=petro,
        reported_by=author,
        quote=a("acknowledging that he does not speak English"),
        tags=(MEETING,),
    )
    m.support(
        no_english,
        misunderstood,
        id="language-skills",
        by=petro,
        reported_by=author,
        quote=a("attributing the misunderstanding to a lack of language skills"),
    )
    # Noem's report rests on what she heard at the meeting; Petro's "she did not understand"
    # attacks that inference (an undercut), not the proposition that he criticised the US.
    at_meeting = m.claim(
        "Noem was at the March 27 meeting and heard what Petro said",
        id="noem-at-meeting",
        by=noem,
        reported_by=author,
        quote=a("in her statements regarding the visit to Bogotá"),
        tags=(MEETING,),
    )
    m.support(
        at_meeting,
        criticised,
        id="noem-report",
        scheme="argument from witness testimony",
        reconstructed=True,
    )
    m.undercut(misunderstood, "noem-report", id="misunderstood-vs-report", by=petro)
    frank = m.claim(
        "Petro gave Noem his frank opinion, because she asked, on Colombia's experience and on "
        "migration: more love for youth and an end to drug abuse",
        id="frank",
        by=petro,
        quote=p("I told you my opinion frankly because you asked me."),
        tags=(MEETING,),
    )
    m.attribute(
        frank, by=petro, quote=p("More love for youth, end drug abuse, that's what I told you.")
    )
    m.attribute(
        frank,
        by=petro,
        quote=p("I told you my truth about the Colombian experience and migration."),
    )
    frankness = m.claim(
        "Diplomacy rests on frankness: lies only bring wars, truth brings peace",
        id="frankness",
        by=petro,
        quote=p("I understand diplomacy based on frankness; lies only bring wars, truth, peace."),
        tags=(MEETING,),
    )
    m.support(frankness, frank, reconstructed=True)
    # "I told you my opinion frankly because you asked" grants that he spoke his mind, and says
    # why: a concession to Noem's account, not a rebuttal of it. argmap has no concession
    # relation, so it is the analyst's support tagged "concession" (it attacks nothing).
    m.support(frank, criticised, id="frank-concedes", reconstructed=True, tags=("concession",))

    # ------------------------------------------------------- the mafia, farmers
    m.causes(
        landlessness,
        colombian_violence,
        id="landlessness-violence",
        by=petro,
        quote=p("millions of farmers are landless, and that's why we have violence"),
        tags=(MAFIA,),
    )
    m.causes(
        landlessness,
        trafficking,
        id="landlessness-trafficking",
        by=petro,
        quote=p("that's why we have violence and drug trafficking"),
        tags=(MAFIA,),
    )
    m.causes(
        fumigation,
        mafia,
        id="fumigation-mafia",
        polarity="-",
        modality="hypothetical",
        by=leaders,
        reported_by=petro,
        quote=p("telling them that this would put an end to the mafia"),
        tags=(MAFIA,),
    )
    m.attribute(
        "fumigation-mafia",
        by=petro,
        stance="denies",
        quote=p("many Colombian leaders deceived them"),
    )
    hugged = m.claim(
        "Instead of ending the mafia, those leaders embraced its bosses in clubs and palaces and "
        "drew up kill lists with them",
        id="hugged-bosses",
        by=petro,
        quote=p("Instead, they hugged the bosses in clubs and palaces"),
        tags=(MAFIA,),
    )
    m.undercut(hugged, "fumigation-mafia", id="hugged-vs-fumigation", by=petro)
    m.causes(
        legalisation,
        mafia,
        id="legalisation-mafia",
        polarity="-",
        modality="hypothetical",
        delay="immediately",
        by=petro,
        quote=p(
            "if less dangerous substances were legalized, the Colombian mafia would immediately "
            "be eliminated"
        ),
        tags=(MAFIA,),
    )
    m.causes(
        ties,
        mafia,
        id="ties-mafia",
        modality="general",
        by=petro,
        quote=p(
            "by breaking the ties between political power and drug traffickers, the mafia would "
            "be weakened"
        ),
        tags=(MAFIA,),
    )
    m.attribute(
        "ties-mafia",
        by=petro,
        quote=p("their ties with the political establishment would have to be severed"),
    )
    mafia_power = m.claim(
        "The mafia sat in the presidential palace and Congress, and in Miami, Madrid and Dubai, "
        "not in farmers' houses",
        id="mafia-in-power",
        by=petro,
        quote=p("That the mafia had been in the Casa de Nariño and in Congress"),
        tags=(MAFIA,),
    )
    m.support(mafia_power, "ties-mafia", scheme="argument from example", reconstructed=True)
    target_bosses = m.claim(
        "Intelligence cooperation should go after the most powerful bosses, their finances and "
        "criminals, not fumigate farmers or watch the Colombian population",
        id="target-bosses",
        by=petro,
        quote=p(
            "to imprison the most powerful bosses and examine their global finances, not to "
            "fumigate farmers"
        ),
        tags=(MAFIA,),
    )
    m.attribute(
        target_bosses,
        by=petro,
        quote=p("but on criminals, not on the Colombian population"),
    )
    m.support(mafia_power, target_bosses, reconstructed=True)
    mafia_murders = m.claim(
        "The mafia has been murdering Colombians, peace and democracy",
        id="mafia-murders",
        by=petro,
        quote=p("they were murdering my people, peace, and democracy"),
        tags=(MAFIA,),
    )
    destroy = m.claim(
        "Petro will help destroy the mafia to the core, but not his own people",
        id="destroy-mafia",
        by=petro,
        quote=p("I said I would help destroy the mafia to the core"),
        tags=(MAFIA,),
    )
    m.support(
        mafia_murders,
        destroy,
        id="destroy-because-murdering",
        by=petro,
        quote=p("because they were murdering my people"),
    )
    alike = m.claim(
        "Colombian peasants and American farmers are alike in their hopes and their desire to "
        "own land",
        id="farmers-alike",
        by=petro,
        quote=p(
            "I think they are very similar in their hopes, and in their desire to own the land."
        ),
        tags=(MAFIA,),
    )
    meeting = m.claim(
        "Colombian peasants and American farmers should meet, as Petro proposed to Noem",
        id="farmers-meeting",
        by=petro,
        quote=p("despite this incident, I stand by my word"),
        tags=(MAFIA,),
    )
    m.support(alike, meeting, reconstructed=True)
    return m


# --------------------------------------------------------------------------- report
def chain_sign(m: ArgumentMap, path: Sequence[str]) -> str:
    """Return the net polarity of a causal path given as factor ids (product of signs).

    Each step takes the causal link from one factor to the next; the signs multiply as
    :func:`argmap.causal.sign_product` has it (``0`` absorbs, then ``?`` makes it unknown).

    Examples:
        >>> m = build_map()
        >>> chain_sign(m, ["blockade", "emigration", "exclusion", "recruitment", "gang"])
        '+'
        >>> chain_sign(m, ["open-border", "emigration", "exclusion"])
        '-'
    """
    links = {(link.cause, link.effect): link.polarity for link in m.causal_links()}
    return sign_product(links[(u, v)] for u, v in itertools.pairwise(path))


def _path(chain: Chain) -> list[str]:
    path = [chain.source]
    for step in chain.steps:
        if step.cause != path[-1]:
            path[-1] += f" ~ {step.cause}"  # the chain reads a factor as its opposite
        path.append(step.effect)
    return path


def blockade_chains(m: ArgumentMap) -> list[tuple[list[str], str]]:
    """Every causal path from the blockade to the gang's strength, shortest first, with its sign.

    A path is listed factor by factor; where it passes from a factor to its opposite (exclusion
    read as less inclusion) the step is written ``exclusion ~ inclusion``.

    Examples:
        >>> for path, sign in blockade_chains(build_map()):
        ...     print(sign, " → ".join(path))
        + blockade → gang
        + blockade → emigration → exclusion ~ inclusion → gang
        + blockade → emigration → exclusion → recruitment → gang
    """
    return [(_path(chain), str(chain.polarity)) for chain in causal_chains(m, "blockade", "gang")]


def told_chains(m: ArgumentMap, agent: str, source: str, target: str) -> list[Chain]:
    """The causal chains from ``source`` to ``target`` that ``agent`` tells whole.

    Examples:
        >>> m = build_map()
        >>> [" → ".join(_path(c)) for c in told_chains(m, "petro", "blockade", "gang")]
        ['blockade → gang', 'blockade → emigration → exclusion ~ inclusion → gang']
        >>> told_chains(m, "maduro", "blockade", "gang")
        []
    """
    return list(causal_chains(m, source, target, told_by=agent))


def verdicts(m: ArgumentMap, claims: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each claim's grounded label with the analyst's reconstructions and without them.

    A claim that is itself reconstructed has no label without them (``-``).

    Examples:
        >>> m = build_map()
        >>> verdicts(m, ["members", "friends"])
        {'members': ('out', 'out'), 'friends': ('out', 'out')}
    """
    found = {v.claim: v for v in sensitivity(m, semantics="grounded").verdicts}
    both: dict[str, tuple[str, str]] = {}
    for cid in claims:
        verdict = found.get(cid)
        if verdict is None:
            both[cid] = ("-", "-")
        else:
            without = verdict.without_reconstructions
            both[cid] = (
                str(verdict.with_reconstructions),
                "-" if without is None else str(without),
            )
    return both


def source_differences(m: ArgumentMap) -> list[str]:
    """The report's lines on where the article and the post differ (see ``compare_sources``).

    Examples:
        >>> for line in source_differences(build_map())[:2]:
        ...     print(line)
        u-friends-denial (friends): 'article' drops a layer of reported speech (say, said → say)
            I don't know why you say I [-said I-] had friends [-on-] {+in+} the {+Tren de+} ...
    """
    found = compare_sources(m)
    lines: list[str] = []
    for diff in found.differences():
        lines.append(f"{diff.utterance} ({diff.other.target}): {diff.describe()}")
        lines.append("    " + textwrap.shorten(diff.words, 88, placeholder=" ..."))
    carried: dict[tuple[str, str], list[str]] = {}
    for only in found.only_in:
        for source in only.sources:
            carried.setdefault((only.agent, source), []).append(only.target)
    for (agent, source), targets in sorted(carried.items()):
        shown = textwrap.shorten(", ".join(targets), 80, placeholder=" ...")
        lines.append(f"{len(targets)} of {agent}'s records only in {source}: {shown}")
    return lines


def disputed_claims(m: ArgumentMap) -> list[str]:
    """Ids of the claims that are attacked, denied, questioned or in a tension the analyst notes.

    A claim its own speaker only entertains ("I hope it's...", tagged ``hedged``) is not
    disputed by that.

    Examples:
        >>> disputed_claims(build_map())[:2]
        ['strengthened', 'defeated']
    """
    statements = m.statements
    attacked = {a.target for a in m.attacks()} | {
        a.attacker for a in m.attacks() if a.sort == "contradict"
    }
    denied = {
        x.target
        for x in m.attributions
        if x.stance == "denies"
        or (
            x.stance == "questions"
            and "hedged" not in getattr(statements.get(x.target), "tags", ())
        )
    }
    tension: set[str] = set()
    for claim in m.claims():
        named = (claim.data or {}).get("tension")
        if "tension" in claim.tags and isinstance(named, list):
            tension.update(str(x) for x in named)
    return [c.id for c in m.claims() if c.id in attacked | denied | tension]


# The drawings: the three views of the whole map, and the speakers view of Noem and of Maduro,
# whose few statements are lost among Petro's in the whole map's speakers view.
VIEWS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("argument", {"view": "argument", "cluster_by": "tag"}),
    ("causal", {"view": "causal"}),
    ("speakers", {"view": "speakers"}),
    ("speakers_noem", {"view": "speakers", "speaker": "noem"}),
    ("speakers_maduro", {"view": "speakers", "speaker": "maduro"}),
)


def headline_chain(m: ArgumentMap) -> Any:
    """Petro's story, the spine of the causal view: blockade → emigration → exclusion →
    recruitment → gang (recruitment is the analyst's step), the longest chain from the blockade
    to the gang that reads no factor as its opposite.

    Examples:
        >>> [step.effect for step in headline_chain(build_map()).steps]
        ['emigration', 'exclusion', 'recruitment', 'gang']
    """
    chains = [c for c in causal_chains(m, "blockade", "gang") if not c.flips]
    return max(chains, key=lambda c: len(c.steps))


def friends_dispute(m: ArgumentMap) -> set[str]:
    """The disputed "friends" claim and the claims that attack it or that it attacks: what the
    argument view draws strong.

    Examples:
        >>> "friends" in friends_dispute(build_map())
        True
    """
    ids = {"friends"}
    for a in m.attacks():
        if "friends" in (a.attacker, a.target):
            ids.update((a.attacker, a.target))
    return ids


def report(m: ArgumentMap, out: Path) -> str:
    """Write the map, its drawings, page and findings to ``out``; return the report to print.

    Args:
        m: The map (from :func:`build_map`).
        out: The folder to write; made when missing.

    Returns:
        The report: what was written, findings by severity, the grounded status of the
        disputed claims and the causal chains from blockade to gang.
    """
    from argmap._io import atomic_write

    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = [m.summary(), ""]

    def wrote(path: Path) -> None:
        lines.append(f"wrote {path}")

    write_json(m, out / "petro_noem.json")
    wrote(out / "petro_noem.json")

    labels = {k: str(v) for k, v in grounded(m).items()}

    write_argdown(m, out / "petro_noem.argdown")
    wrote(out / "petro_noem.argdown")

    for name, options in VIEWS:
        if options["view"] == "argument":
            options = {**options, "labelling": labels, "highlight": friends_dispute(m)}
        elif options["view"] == "causal":
            options = {**options, "highlight": headline_chain(m)}
        wrote(render(m, out / f"petro_noem_{name}.svg", **options))

    # The page draws no tag boxes (the SVGs above keep them): boxes spread the main component
    # wider than the map pane holds at 10 px text. Each view shows its spine, as its SVG does.
    spines = {"argument": friends_dispute(m), "causal": headline_chain(m)}
    write_html(m, out / "petro_noem.html", labelling=labels, findings="auto", highlight=spines)
    wrote(out / "petro_noem.html")

    findings = check(m)
    rows = [
        {"code": f.code, "name": f.name, "severity": str(f.severity), "message": f.message}
        | {"ids": list(f.ids)}
        for f in findings
    ]
    atomic_write(out / "findings.json", json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    wrote(out / "findings.json")
    # Short: counts by severity, then by check; every message is in findings.json.
    lines += ["", f"Findings by severity ({len(findings)} in all):"]
    for severity in ("error", "warning", "info"):
        codes = Counter((f.code, f.name) for f in findings if str(f.severity) == severity)
        if codes:
            each = ", ".join(f"{code} {name} ×{n}" for (code, name), n in sorted(codes.items()))
            lines.append(f"  {severity:<7} {sum(codes.values()):>3}: {each}")

    lines += [
        "",
        "Disputed claims (grounded semantics: in, out, undec; with the analyst's reconstructions,"
        " then without them):",
    ]
    for cid, (with_them, without) in verdicts(m, disputed_claims(m)).items():
        flag = "  <- rests on a reconstruction" if with_them != without else ""
        lines.append(f"  {with_them:<6} {without:<6} {cid}: {m.statements[cid].text}{flag}")

    lines += ["", "Causal chains from the US blockade to Tren de Aragua strength:"]
    for path, sign in blockade_chains(m):
        lines.append(f"  net {sign}: " + " → ".join(path))
    lines.append(
        f"  net effect of the blockade on the gang: {net_effect(m, 'blockade', 'gang').effect}"
    )
    lines.append("  (a ~ b: the chain reads factor a as less of its opposite b)")
    lines += ["", "Each speaker's own chains from the blockade to the gang (every link theirs):"]
    for agent in m.agents.values():
        chains = told_chains(m, agent.id, "blockade", "gang")
        told = "; ".join(f"net {c.polarity}: " + " → ".join(_path(c)) for c in chains)
        lines.append(f"  {agent.id}: {told or 'tells none'}")

    lines += ["", "Where the article and Petro's post differ (compare_sources):"]
    lines += [f"  {line}" for line in source_differences(m)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the map, write ``examples/out/`` (or ``--out``) and print the report.

    Args:
        argv: Command-line arguments without the program name.

    Returns:
        0 on success.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed text file")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "out", help="output folder"
    )
    args = parser.parse_args(argv)
    m = build_map(args.seed)
    print(report(m, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
