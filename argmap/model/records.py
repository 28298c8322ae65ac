"""The records of a map: agents, sources, statements, relations, attributions and quotes.

Every record is a frozen pydantic model with a ``kind`` tag; unions are discriminated on it.
:class:`MapDocument` is the saved form of a whole map. The records know nothing of the map
that holds them: references between them are ids, checked by the map.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias, cast

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    model_validator,
)

__all__ = [
    "SCHEMA_VERSION",
    "Agent",
    "Attack",
    "AttackSort",
    "Attribution",
    "CausalLink",
    "Claim",
    "Factor",
    "MapDocument",
    "Modality",
    "Polarity",
    "Quote",
    "Relation",
    "Source",
    "Stance",
    "Statement",
    "Support",
    "relation_ends",
]

SCHEMA_VERSION: Literal[1] = 1
"""The version of the saved document's layout; bumped on any incompatible change."""

Stance = Literal["asserts", "denies", "questions"]
Polarity = Literal["+", "-", "0", "?"]
Modality = Literal["actual", "general", "hypothetical", "counterfactual"]
AttackSort = Literal["rebut", "undermine", "undercut", "contradict"]

_STANCES: frozenset[str] = frozenset(("asserts", "denies", "questions"))
_POLARITIES: frozenset[str] = frozenset(("+", "-", "0", "?"))
_MODALITIES: frozenset[str] = frozenset(("actual", "general", "hypothetical", "counterfactual"))
_ATTACK_SORTS: frozenset[str] = frozenset(("rebut", "undermine", "undercut", "contradict"))


class _Record(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=False
    )


_Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s]+$")]


class Agent(_Record):
    """A speaker or actor: a person, an office, a government, a group."""

    kind: Literal["agent"] = "agent"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``petro``)."""
    name: str
    """Display name (``Gustavo Petro``)."""
    role: str | None = None
    """What the agent is, when it matters (``President of Colombia``)."""
    aliases: tuple[str, ...] = ()
    """Other names the agent goes by in the sources."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class Source(_Record):
    """A document that statements are quoted from: an article, a post, a speech."""

    kind: Literal["source"] = "source"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``article``)."""
    title: str
    """The document's title."""
    text: str | None = None
    """The full text; quotes' spans index into it in Unicode code points."""
    path: str | None = None
    """Where the text was read from, when it is kept outside the map."""
    url: str | None = None
    """Where the document was published."""
    published: str | None = None
    """Publication date or time, ISO 8601 where known."""
    type: str | None = None
    """What sort of document: ``news article``, ``social post``, ``speech``..."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class Claim(_Record):
    """A proposition someone can assert or deny."""

    kind: Literal["claim"] = "claim"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``c12``)."""
    text: str
    """The proposition in words."""
    tags: tuple[str, ...] = ()
    """Free labels, used for grouping and clustering."""
    reconstructed: bool = False
    """True when an analyst reconstructed it and nobody said it."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class Factor(_Record):
    """A quantity or event that can rise or fall: the variable of a causal story."""

    kind: Literal["factor"] = "factor"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``blockade``)."""
    label: str
    """The variable in words (``Tren de Aragua strength``)."""
    opposite: str | None = None
    """Id of the factor that is this one's opposite (inclusion and exclusion)."""
    tags: tuple[str, ...] = ()
    """Free labels, used for grouping and clustering."""
    reconstructed: bool = False
    """True when an analyst reconstructed it and nobody said it."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""

    @property
    def text(self) -> str:
        """The label, so that every statement has a ``text``."""
        return self.label


class Support(_Record):
    """Premises, linked together, support a conclusion."""

    kind: Literal["support"] = "support"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``s3``)."""
    premises: tuple[_Id, ...] = Field(min_length=1)
    """Ids of the premises; several premises are linked (they support only together)."""
    conclusion: _Id
    """Id of the supported statement, or of a relation that the premises back."""
    scheme: str | None = None
    """Argumentation scheme, such as Walton's ``cause to effect`` or ``expert opinion``."""
    tags: tuple[str, ...] = ()
    """Free labels, used for grouping and clustering."""
    reconstructed: bool = False
    """True when an analyst reconstructed it and nobody said it."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class Attack(_Record):
    """One statement attacks a statement (rebut, undermine, contradict) or a relation (undercut)."""

    kind: Literal["attack"] = "attack"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``a2``)."""
    attacker: _Id
    """Id of the attacking statement."""
    target: _Id
    """Id of the attacked statement, or of the attacked relation for an undercut."""
    # Read under its old key ``type`` too, which documents written before the rename carry.
    sort: AttackSort = Field("rebut", validation_alias=AliasChoices("sort", "type"))
    """``rebut`` attacks a conclusion, ``undermine`` a premise, ``undercut`` an inference (a
    relation), ``contradict`` is symmetric: the two statements cannot both hold."""
    tags: tuple[str, ...] = ()
    """Free labels, used for grouping and clustering."""
    reconstructed: bool = False
    """True when an analyst reconstructed it and nobody said it."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class CausalLink(_Record):
    """A cause changes an effect: the same way (``+``), the opposite way (``-``), or not (``0``)."""

    kind: Literal["causal"] = "causal"
    """Tag that tells records apart in a saved document."""
    id: _Id
    """Short readable id, unique in the map (``l4``)."""
    cause: _Id
    """Id of the cause (a factor or a claim)."""
    effect: _Id
    """Id of the effect (a factor or a claim)."""
    polarity: Polarity = "+"
    """``+`` same direction, ``-`` opposite direction, ``0`` asserted to have no effect, ``?``
    unknown."""
    modality: Modality = "actual"
    """``actual`` (it happened), ``general`` (a law-like regularity), ``hypothetical``,
    ``counterfactual``."""
    mechanism: str | None = None
    """How the cause brings the effect about, in words."""
    delay: str | None = None
    """How long the effect takes, in words (``years``)."""
    tags: tuple[str, ...] = ()
    """Free labels, used for grouping and clustering."""
    reconstructed: bool = False
    """True when an analyst reconstructed it and nobody said it."""
    data: dict[str, JsonValue] | None = None
    """Free-form data kept for other tools and formats (None when there is none)."""


class Quote(_Record):
    """Verbatim text of a source with its span in Unicode code points, end-exclusive."""

    kind: Literal["quote"] = "quote"
    """Tag that tells records apart in a saved document."""
    source: _Id
    """Id of the source quoted."""
    text: str = Field(min_length=1)
    """The quoted words, exactly as in the source."""
    start: int = Field(ge=0)
    """Offset of the first code point in the source's text."""
    end: int = Field(ge=0)
    """Offset just past the last code point (end-exclusive)."""

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Quote:
        if self.end < self.start:
            raise ValueError(f"quote span ends ({self.end}) before it starts ({self.start})")
        return self


class Attribution(_Record):
    """Who takes which stance on a statement or relation, who reports it, and the words used."""

    kind: Literal["attribution"] = "attribution"
    """Tag that tells records apart in a saved document."""
    target: _Id
    """Id of the statement or relation attributed."""
    agent: _Id | None = None
    """Id of the agent who takes the stance (None when the speaker is unknown)."""
    stance: Stance = "asserts"
    """``asserts``, ``denies`` or ``questions``."""
    reported_by: _Id | None = None
    """Id of the agent who reports that ``agent`` took this stance (Noem reports that Petro
    said...)."""
    quote: Quote | None = None
    """The words in a source that carry this attribution."""
    # One speech act can be on record in several sources (a post and an article's paraphrase of
    # it). Each source's record stays an attribution of its own, because the sources differ in
    # who reports the words (the post is the speaker's own, the article reports it) and a quote
    # is one span of one source; a shared key says they record the same act.
    utterance: _Id | None = None
    """Key shared by the attributions that record the same speech act from different sources
    (``friends-denial``), so that their quotes can be compared (None when there is no other
    record of it)."""


Statement: TypeAlias = Annotated[Claim | Factor, Field(discriminator="kind")]
"""A node of the map: a claim or a factor."""
Relation: TypeAlias = Annotated[Support | Attack | CausalLink, Field(discriminator="kind")]
"""A first-class relation between statements (or, for undercuts and backing, relations)."""

_AnyStatement = Claim | Factor
_AnyRelation = Support | Attack | CausalLink
_Item = Agent | Source | Claim | Factor | Support | Attack | CausalLink


class MapDocument(_Record):
    """The saved form of an :class:`ArgumentMap`: what JSON and YAML files hold."""

    schema_version: Literal[1] = SCHEMA_VERSION
    """Version of this layout."""
    title: str | None = None
    """The map's title."""
    description: str | None = None
    """What the map covers, in a sentence or two."""
    agents: tuple[Agent, ...] = ()
    """Speakers and actors."""
    sources: tuple[Source, ...] = ()
    """Documents quoted."""
    statements: tuple[Statement, ...] = ()
    """Claims and factors."""
    relations: tuple[Relation, ...] = ()
    """Supports, attacks and causal links."""
    attributions: tuple[Attribution, ...] = ()
    """Who takes which stance on what, with quotes."""
    data: dict[str, JsonValue] = Field(default_factory=dict)
    """Free-form data kept for other tools and formats."""


Ref = str | Agent | Source | Claim | Factor | Support | Attack | CausalLink


def relation_ends(rel: Support | Attack | CausalLink) -> tuple[str, ...]:
    """The ids a relation joins: premises then conclusion, attacker then target, or cause then
    effect (a conclusion or target may be a relation: backings and undercuts).

    Examples:
        >>> relation_ends(Support(id="s", premises=("p", "q"), conclusion="c"))
        ('p', 'q', 'c')
    """
    # Dispatch on the kind tag: isinstance() on pydantic models runs Python code per call.
    kind = rel.kind
    if kind == "support":
        support = cast(Support, rel)
        return (*support.premises, support.conclusion)
    if kind == "attack":
        attack = cast(Attack, rel)
        return (attack.attacker, attack.target)
    link = cast(CausalLink, rel)
    return (link.cause, link.effect)


def _ref_id(ref: Ref) -> str:
    if isinstance(ref, str):
        return ref
    item_id = getattr(ref, "id", None)
    if isinstance(item_id, str):
        return item_id
    raise TypeError(f"expected an id or an argmap object, got {type(ref).__name__}")
