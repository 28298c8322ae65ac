"""Frameworks from argument maps, and the statement labelling read back onto a map.

:func:`af_from_map` reads a framework off a map at one of three levels (``"claims"``,
``"structured"``, ``"bipolar"``, described in ``docs/semantics.md`` and in its docstring).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Final

import networkx as nx

from argmap.errors import SemanticsError, StructureError
from argmap.names import Label
from argmap.semantics.dung import labellings
from argmap.semantics.framework import (
    ArgumentationFramework,
    Level,
    SolverName,
    SupportReading,
    _semantics,
)
from argmap.semantics.grounded_semantics import grounded_labelling

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["af_from_map", "grounded", "relation_labelling", "statement_labelling"]


def _claim_ids(m: ArgumentMap) -> list[str]:
    """The claims of a map, in its order: the only statements that acceptance is about.

    A factor is a quantity that rises or falls ("Tren de Aragua strength"), not a proposition;
    calling it accepted or rejected says nothing, so no framework read off a map has one.
    """
    return [sid for sid, s in m.statements.items() if s.kind == "claim"]


def _statement_attacks(m: ArgumentMap) -> list[tuple[str, str]]:
    """Rebut, undermine and contradict attacks between claims (contradict both ways)."""
    claims = set(_claim_ids(m))
    pairs: list[tuple[str, str]] = []
    for attack in m.attacks():
        if attack.sort == "undercut" or attack.target not in claims:
            continue
        if attack.attacker not in claims:
            continue
        pairs.append((attack.attacker, attack.target))
        if attack.sort == "contradict":
            pairs.append((attack.target, attack.attacker))
    return pairs


def af_from_map(
    m: ArgumentMap, level: Level = "claims", *, support: SupportReading | None = None
) -> ArgumentationFramework:
    """Read an abstract argumentation framework off an argument map.

    Acceptance is about claims: a factor (a quantity that rises or falls) is never an argument,
    and an attack, support or causal link with a factor at either end is not read.

    Levels:

    - ``"claims"`` (default): every claim is an argument; a rebut or undermine attack is an
      attack, a contradict attack two (one each way). Supports, causal links and undercuts do
      not change Dung's result and are left out.
    - ``"structured"`` (ASPIC+-style): a claim that no support or causal link concludes is a
      premise, an argument of its own (named by the claim's id). Each support whose
      conclusion is a claim, and each causal link between claims of polarity ``+``, ``-`` or
      ``?`` (``0`` asserts no effect and concludes nothing), is an inference: one argument per
      choice of arguments for its premises, named ``s1(c1,c2)``. No argument uses its own conclusion
      below itself, so circular supports build nothing. Every argument concluding the attacker
      of a rebut, undermine or contradict attacks every argument that has the target among its
      conclusion or sub-conclusions (an attack on a sub-argument attacks all built on it); an
      undercut attacks exactly the arguments that use the inference it names. Read a statement
      back with :func:`statement_labelling` (in when some argument concluding it is in:
      claim-augmented semantics, Dvořák & Woltran).
    - ``"bipolar"``: claims are arguments, supports stay and derived attacks are added
      (Cayrol & Lagasquie-Schiex), by the ``support`` reading, which must be chosen:
      ``"deductive"`` (accepting the premise forces the conclusion) adds *supported* attacks
      (``a`` supports … ``c``, ``c`` attacks ``b``: ``a`` attacks ``b``) and *mediated* ones
      (``b`` supports … ``c``, ``a`` attacks ``c``: ``a`` attacks ``b``); ``"necessary"`` (the
      conclusion needs the premise) adds *secondary* attacks (``a`` attacks ``c``, ``c``
      supports … ``b``: ``a`` attacks ``b``) and *extended* ones (``c`` supports … ``a``, ``c``
      attacks ``b``: ``a`` attacks ``b``); ``"general"`` adds the supported and secondary
      attacks of the original bipolar frameworks. A linked support (several premises) is a
      necessary support from each premise, but under ``"deductive"`` no single premise forces
      the conclusion, so it adds nothing there. A support chain that leads back to an attacker
      **does** make a self-attack (``a`` supports ``b``, ``b`` attacks ``a``: accepting ``a``
      would force accepting its own attacker), so such an argument is in no extension.

    Supports of relations, causal links at the ``claims``/``bipolar`` levels and attacks on
    attacks have no place in a Dung framework and are not read.

    Args:
        m: The map.
        level: ``"claims"``, ``"structured"`` or ``"bipolar"``.
        support: The support reading; required for ``"bipolar"``, refused otherwise.

    Returns:
        The framework.

    Raises:
        SemanticsError: An unknown level, or a ``support`` reading missing or misplaced.
        StructureError: The structured level would build more than 100,000 arguments.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
        >>> _ = m.rebut(b, c)
        >>> _ = m.support(a, b, id="s1")
        >>> af_from_map(m).attacks
        (('b', 'c'),)
        >>> af_from_map(m, "structured").attacks
        (('s1(a)', 'c'),)
        >>> sorted(af_from_map(m, "bipolar", support="deductive").attacks)
        [('a', 'c'), ('b', 'c')]
    """
    if level == "claims":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        return ArgumentationFramework(_claim_ids(m), _statement_attacks(m))
    if level == "structured":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        return _structured(m)[0]
    if level == "bipolar":
        if support not in ("deductive", "necessary", "general"):
            raise SemanticsError(
                "level='bipolar' needs support='deductive', 'necessary' or 'general'"
            )
        return _bipolar(m, support)
    raise SemanticsError(f"unknown level {level!r}; expected 'claims', 'structured' or 'bipolar'")


_MAX_STRUCTURED: Final = 100_000


def _structured(
    m: ArgumentMap,
) -> tuple[ArgumentationFramework, dict[str, str], dict[str, str]]:
    """The structured framework, each argument's conclusion (a claim id) and, for an argument
    that ends with an inference, that inference (a relation id)."""
    statements = _claim_ids(m)
    claims = set(statements)
    inferences: list[tuple[str, tuple[str, ...], str]] = [
        (s.id, s.premises, s.conclusion)
        for s in m.supports()
        if s.conclusion in claims and all(p in claims for p in s.premises)
    ]
    inferences.extend(
        (link.id, (link.cause,), link.effect)
        for link in m.causal_links()
        if link.polarity != "0" and link.cause in claims and link.effect in claims
    )
    concluded = {conclusion for _, _, conclusion in inferences}
    names: list[str] = []
    conclusion_of: list[str] = []
    below: list[frozenset[str]] = []  # statements concluded by the argument or a sub-argument
    uses: list[frozenset[str]] = []  # inferences the argument uses
    by_conclusion: dict[str, list[int]] = {}
    top: dict[str, str] = {}

    def new(name: str, conclusion: str, stmts: frozenset[str], used: frozenset[str]) -> None:
        if len(names) >= _MAX_STRUCTURED:
            raise StructureError(
                f"the structured framework would have more than {_MAX_STRUCTURED} arguments; "
                "use level='claims' or 'bipolar' for this map"
            )
        by_conclusion.setdefault(conclusion, []).append(len(names))
        names.append(name)
        conclusion_of.append(conclusion)
        below.append(stmts)
        uses.append(used)

    for sid in statements:
        if sid not in concluded:
            new(sid, sid, frozenset([sid]), frozenset())
    built: set[tuple[str, tuple[int, ...]]] = set()
    grew = True
    while grew:  # rounds until no inference can build a new argument
        grew = False
        for rid, premises, conclusion in inferences:
            options = [by_conclusion.get(p, []) for p in premises]
            if not all(options):
                continue
            for combo in itertools.product(*[list(o) for o in options]):
                key = (rid, combo)
                if key in built:
                    continue
                built.add(key)
                under = frozenset().union(*(below[i] for i in combo))
                if conclusion in under:
                    continue  # circular: the argument would rest on its own conclusion
                name = f"{rid}({','.join(names[i] for i in combo)})"
                top[name] = rid
                new(
                    name,
                    conclusion,
                    under | {conclusion},
                    frozenset().union(*(uses[i] for i in combo)) | {rid},
                )
                grew = True
    containing: dict[str, list[int]] = {}
    using: dict[str, list[int]] = {}
    for i in range(len(names)):
        for sid in below[i]:
            containing.setdefault(sid, []).append(i)
        for rid in uses[i]:
            using.setdefault(rid, []).append(i)
    pairs: list[tuple[str, str]] = []
    for attack in m.attacks():
        attackers = by_conclusion.get(attack.attacker, [])
        if attack.sort == "undercut":
            victims = using.get(attack.target, [])
        elif attack.target in claims:
            victims = containing.get(attack.target, [])
            if attack.sort == "contradict":
                back = containing.get(attack.attacker, [])
                pairs.extend(
                    (names[i], names[j]) for i in by_conclusion.get(attack.target, []) for j in back
                )
        else:
            continue
        pairs.extend((names[i], names[j]) for i in attackers for j in victims)
    conclusions = dict(zip(names, conclusion_of, strict=True))
    return ArgumentationFramework(names, pairs), conclusions, top


def _bipolar(m: ArgumentMap, reading: SupportReading) -> ArgumentationFramework:
    statements = _claim_ids(m)
    claims = set(statements)
    direct = _statement_attacks(m)
    # supports[x] = statements that x supports, one edge per premise.
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(statements)
    for s in m.supports():
        if s.conclusion not in claims or not all(p in claims for p in s.premises):
            continue
        if reading == "deductive" and len(s.premises) > 1:
            continue
        graph.add_edges_from((p, s.conclusion) for p in s.premises)
    pairs = list(direct)
    descendants: dict[str, set[str]] = {}
    ancestors: dict[str, set[str]] = {}

    def down(x: str) -> set[str]:  # supported by x, directly or in a chain
        if x not in descendants:
            descendants[x] = nx.descendants(graph, x)
        return descendants[x]

    def up(x: str) -> set[str]:  # supporting x, directly or in a chain
        if x not in ancestors:
            ancestors[x] = nx.ancestors(graph, x)
        return ancestors[x]

    for attacker, target in direct:
        if reading in ("deductive", "general"):  # supported: a supports* attacker
            pairs.extend((a, target) for a in up(attacker))
        if reading == "deductive":  # mediated: b supports* target
            pairs.extend((attacker, b) for b in up(target))
        if reading in ("necessary", "general"):  # secondary: target supports* b
            pairs.extend((attacker, b) for b in down(target))
        if reading == "necessary":  # extended: attacker supports* a
            pairs.extend((a, target) for a in down(attacker))
    return ArgumentationFramework(statements, pairs)


def statement_labelling(
    m: ArgumentMap,
    semantics: str = "grounded",
    *,
    level: Level = "claims",
    support: SupportReading | None = None,
    solver: SolverName = "auto",
) -> dict[str, Label]:
    """The status of every claim of a map: ``"in"``, ``"out"`` or ``"undec"``.

    Factors are not labelled: a quantity that rises or falls is neither accepted nor rejected.

    With a semantics that has one extension (grounded, ideal) this is its labelling. With
    several, a statement is in when every extension's labelling has it in (sceptically
    accepted), out when every one has it out, and undec otherwise; with no extension at all
    (stable semantics only) every statement is undec. At the ``"structured"`` level a statement
    is in when some argument concluding it is in, out when all its arguments are out (or it
    has none, being only circularly supported) and undec otherwise.

    Args:
        m: The map.
        semantics: A semantics name or ICCMA code.
        level: How to read the map (see :func:`af_from_map`).
        support: The support reading for ``level="bipolar"``.
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        ``{claim id: label}`` in the map's order; no factor appears.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y, z = m.claim("X", id="x"), m.claim("Y", id="y"), m.claim("Z", id="z")
        >>> _ = m.contradict(x, y)
        >>> _ = m.rebut(y, z)
        >>> statement_labelling(m)
        {'x': 'undec', 'y': 'undec', 'z': 'undec'}
        >>> statement_labelling(m, "preferred")
        {'x': 'undec', 'y': 'undec', 'z': 'undec'}
        >>> _ = m.rebut(m.claim("W", id="w"), x)
        >>> statement_labelling(m)
        {'x': 'out', 'y': 'in', 'z': 'out', 'w': 'in'}
    """
    if level == "structured":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        af, conclusion_of, _ = _structured(m)
    else:
        af = af_from_map(m, level, support=support)
        conclusion_of = {a: a for a in af.arguments}
    per_argument = _argument_labels(af, semantics, solver)
    return _read_back(_claim_ids(m), conclusion_of, per_argument)


def _argument_labels(
    af: ArgumentationFramework, semantics: str, solver: SolverName
) -> dict[str, Label]:
    """Each argument's label: its one label in every labelling found, else undec."""
    sem = _semantics(semantics)
    found = [grounded_labelling(af)] if sem == "grounded" else labellings(af, sem, solver=solver)
    per_argument: dict[str, Label] = {}
    for argument in af.arguments:
        seen = {lab[argument] for lab in found}
        per_argument[argument] = seen.pop() if len(seen) == 1 else "undec"
    return per_argument


def _read_back(
    keys: list[str], key_of: dict[str, str], per_argument: dict[str, Label]
) -> dict[str, Label]:
    """In when some argument of the key is in, out when all are (or it has none), else undec."""
    by_key: dict[str, list[Label]] = {key: [] for key in keys}
    for argument, label in per_argument.items():
        key = key_of.get(argument)
        if key is not None:
            by_key[key].append(label)
    result: dict[str, Label] = {}
    for key, labels in by_key.items():
        if "in" in labels:
            result[key] = "in"
        elif all(label == "out" for label in labels):
            result[key] = "out"
        else:
            result[key] = "undec"
    return result


def relation_labelling(
    m: ArgumentMap, semantics: str = "grounded", *, solver: SolverName = "auto"
) -> dict[str, Label]:
    """The status of every inference of the structured framework: supports and causal links.

    At the ``"structured"`` level (see :func:`af_from_map`) a support between claims, or a
    causal link between claims of polarity ``+``, ``-`` or ``?``, is an inference; a relation
    is in when some argument that ends with it is in, out when all of them are out (or none
    could be built) and undec otherwise. Relations that are no inference there (attacks,
    links of polarity ``0``, and anything touching a factor) have no status.

    Args:
        m: The map.
        semantics: A semantics name or ICCMA code.
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        ``{relation id: label}`` in the map's order.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> p, c = m.claim("P", id="p"), m.claim("C", id="c")
        >>> s1 = m.support(p, c, id="s1")
        >>> _ = m.undercut(m.claim("U", id="u"), s1)
        >>> relation_labelling(m)
        {'s1': 'out'}
    """
    af, _, top = _structured(m)
    per_argument = _argument_labels(af, semantics, solver)
    return _read_back(_inference_ids(m), top, per_argument)


def _inference_ids(m: ArgumentMap) -> list[str]:
    """Ids of the relations the structured framework reads as inferences, in map order."""
    claims = set(_claim_ids(m))
    found: list[str] = []
    for rid, r in m.relations.items():
        if (r.kind == "support" and r.conclusion in claims and set(r.premises) <= claims) or (
            r.kind == "causal" and r.polarity != "0" and {r.cause, r.effect} <= claims
        ):
            found.append(rid)
    return found


def grounded(m: ArgumentMap) -> dict[str, Label]:
    """The grounded status of every claim of a map (for ``render(m, labelling=...)``).

    The same as ``statement_labelling(m, "grounded")``: claims are arguments, rebut,
    undermine and contradict attacks are attacks.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.rebut(m.claim("The gang was defeated", id="defeated"),
        ...             m.claim("The gang grew stronger", id="stronger"))
        >>> grounded(m)
        {'defeated': 'in', 'stronger': 'out'}
    """
    return statement_labelling(m, "grounded")
