"""Argdown: read and write argument maps in the Argdown text syntax, as Argdown 1.7.5 reads it.

:func:`parse_argdown` returns an :class:`ArgdownDocument`, Argdown's own view of a text: its
equivalence classes (``statements``) and ``arguments`` by title, its ``relations`` by title with
Argdown's type names (support, attack, undercut, contradictory, contrary, entails), its
``sections`` and the argument map Argdown draws (``map_nodes``, ``map_edges``). It agrees with the
real Argdown on the public conformance corpus, quirks included (``Untitled N`` numbering, relations
of reconstructed arguments moved to their main conclusions, strict mode, selection and groups).

:meth:`ArgdownDocument.to_map` (and :func:`read_argdown`) turn that view into an
:class:`~argmap.model.ArgumentMap`:

- A statement's equivalence class (``[T]: text``, every member with title ``T``) becomes a
  :class:`~argmap.model.Claim`: id = slug of the title (``c1``, ``c2``... when Argdown made the
  title up), text = the last defining member's text, tags = its tags. The title (when it differs
  from the id) and the statements' YAML data go to ``data["argdown"]``.
- A reconstructed argument (a premise-conclusion structure) becomes a
  :class:`~argmap.model.Support` from its premises to its main conclusion, id = slug of the
  argument's title; each intermediary conclusion adds a support of its own (id ``<id>-<k>``)
  whose premises are the previous conclusion and the premises since, or those an inference's
  ``{uses: [1, 2]}`` names. Inference rules, joined by ``", "``, become the ``scheme``; the
  description, YAML data and inference data go to ``data["argdown"]``.
- A sketched argument (``<A>: text`` without a pcs) becomes a claim for its gist, marked
  ``data["argdown"]["argument"] = True``; its relations start or end at that claim.
- Support ``+ <+ +>`` becomes a :class:`~argmap.model.Support` (premise → conclusion); support of
  a reconstructed argument supports that argument's support relation.
- Attack ``- <- ->`` becomes an :class:`~argmap.model.Attack`: ``undermine`` when the target is a
  premise (or a sketched argument's gist) and no main conclusion, ``rebut`` otherwise; an attack
  on a reconstructed argument becomes an ``undercut`` of its support, Argdown's type in ``data``.
- Contradiction ``><`` becomes an attack of type ``contradict``.
- Undercut ``_> <_`` becomes an ``undercut`` of the support its inference stands for; the
  undercut of a sketched argument undercuts each relation that leaves its gist.
- Strict mode: ``entails`` becomes a support and ``contrary`` a ``rebut`` in each direction,
  Argdown's type kept in ``data["argdown"]["type"]``.
- Headings that Argdown turns into groups add their titles (outermost first) to the tags of the
  claims and supports inside them.
- The front matter's ``title`` becomes the map's title, the rest goes to the map's
  ``data["argdown"]["frontmatter"]``.
- Comments, bold and italic markers vanish; links keep their text; mentions, escapes and
  shortcodes (``:heart:``, ``.^.``) read as Argdown reads them.

:func:`generate_argdown` writes Argdown that the real tool accepts and that this reader turns back
into the same map. Every statement is defined once (``[T]: text``, or ``<T>: text`` for a sketched
argument's gist), every support whose conclusion is a statement becomes a reconstructed argument,
attacks become relations under their attacker. What Argdown cannot express rides in YAML under the
key ``argmap``: on a statement or argument (its id, a factor's kind and opposite, ``reconstructed``,
exact text, tags and data when Argdown would change them) and in the front matter (agents,
sources, attributions with their quotes, causal links and every relation Argdown cannot draw or
would read differently, and the relations' order when it would change).

Examples:
    >>> doc = parse_argdown('''
    ... [Blockade]: The US blockade strengthened the Tren de Aragua.
    ...   - [Defeated]: The Tren de Aragua was defeated.
    ... ''')
    >>> sorted(doc.statements)
    ['Blockade', 'Defeated']
    >>> [tuple(r[:3]) for r in doc.relations]
    [('Defeated', 'attack', 'Blockade')]
    >>> m = doc.to_map()
    >>> [(a.attacker, a.sort, a.target) for a in m.attacks()]
    [('defeated', 'rebut', 'blockade')]
    >>> parse_argdown(generate_argdown(m)).to_map() == m
    True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import ValidationError

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write, read_text
from argmap._text import slug
from argmap.errors import FormatError, _NoFastPath
from argmap.model import (
    ArgumentMap,
    Attack,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Support,
)
from argmap.readwrite._argdown_syntax import (
    _RE_SPECIAL_CHAR,
    ArgdownDocument,
    ArgdownRelation,
    Argument,
    EquivalenceClass,
    Inference,
    Occurrence,
    Relation,
    Section,
    parse,
)

__all__ = [
    "ArgdownDocument",
    "ArgdownRelation",
    "generate_argdown",
    "parse_argdown",
    "read_argdown",
    "write_argdown",
]

_KEY = "argmap"
"""The YAML key under which argmap keeps what Argdown cannot express."""

_WRITER_MODEL = {"mode": "loose", "removeTagsFromText": True, "transformArgumentRelations": True}
"""Model settings every generated document fixes in its front matter."""


# ------------------------------------------------------------------------------------------------
# Public functions
# ------------------------------------------------------------------------------------------------


def parse_argdown(text: str, *, name: str | None = None) -> ArgdownDocument:
    """Parse Argdown text into Argdown's own view of it.

    Args:
        text: The Argdown source.
        name: A file name for error messages.

    Returns:
        The document: statements, arguments, relations, sections and the argument map, as
        Argdown 1.7.5 makes them. ``to_map()`` turns it into an :class:`ArgumentMap`.

    Raises:
        ArgdownSyntaxError: The text is not valid Argdown or holds invalid YAML; the error names
            the line and column and what was expected.

    Examples:
        >>> doc = parse_argdown('''
        ... <Fumigation failed>: Decades of fumigation did not end the mafia.
        ...
        ... (1) Fumigation went on for decades.
        ... (2) The mafia is still there.
        ... ----
        ... (3) [No end]: Fumigation did not end the mafia.
        ... ''')
        >>> [(s.title, s.role) for s in doc.arguments["Fumigation failed"].pcs]
        [('Untitled 1', 'premise'), ('Untitled 2', 'premise'), ('No end', 'main-conclusion')]
        >>> parse_argdown("[A]: text\\n  + [B] and more text")
        Traceback (most recent call last):
        ...
        argmap.errors.ArgdownSyntaxError: <string>:2:9: invalid relation: only one statement ...
    """
    return parse(text, name=name)


def read_argdown(path_or_file: PathOrFile) -> ArgumentMap:
    """Read an Argdown file (``.argdown`` or ``.ad``) into an argument map.

    Args:
        path_or_file: A path or an open file, text or binary (UTF-8).

    Returns:
        The map (see the module documentation for how each Argdown element maps).

    Raises:
        FormatError: The file cannot be read; :class:`~argmap.errors.ArgdownSyntaxError` (a
            subclass) when it is not valid Argdown, with the line and column.

    Examples:
        >>> import io
        >>> m = read_argdown(io.StringIO("[A]: Inclusion reduced violence.\\n  + [B]: It did."))
        >>> [(s.premises, s.conclusion) for s in m.supports()]
        [(('b',), 'a')]
    """
    text, name = read_text(path_or_file)
    return parse(text, name=name).to_map()


def generate_argdown(m: ArgumentMap) -> str:
    """Return Argdown text for a map that :func:`parse_argdown` reads back into an equal map.

    Args:
        m: The map.

    Returns:
        Argdown source. Argdown itself shows the statements, arguments and relations it can
        express; the rest rides in YAML under the key ``argmap``.

    Examples:
        >>> m = ArgumentMap(title="Demo")
        >>> exclusion = m.claim("Exclusion leads to violence", id="exclusion")
        >>> inclusion = m.claim("Inclusion reduced violence", id="inclusion")
        >>> _ = m.support(inclusion, exclusion, id="colombia", scheme="example")
        >>> print(generate_argdown(m))
        ===
        title: Demo
        model:
          mode: loose
          removeTagsFromText: true
          transformArgumentRelations: true
        ===
        <BLANKLINE>
        [exclusion]: Exclusion leads to violence
        <BLANKLINE>
        [inclusion]: Inclusion reduced violence
        <BLANKLINE>
        <colombia>
        <BLANKLINE>
        (1) [inclusion]
        -- example --
        (2) [exclusion]
        <BLANKLINE>
        >>> parse_argdown(generate_argdown(m)).to_map() == m
        True
    """
    # The plan and the text are many small objects without cycles: automatic collections
    # would only walk the map's records again and again (see argmap._gc).
    with collector_paused():
        writer = _Writer(m)
        text = writer.render()
        # Reading the text back costs ten times the writing; it is needed only where the plan
        # cannot vouch for what the reader will make of a text, tag, title or data block.
        if writer.needs_reading_back() and writer.repair(parse(text).to_map()):
            text = writer.render()
    return text


def write_argdown(m: ArgumentMap, path_or_file: PathOrFile) -> None:
    """Write a map as Argdown to a path (atomically) or to an open file.

    Examples:
        >>> import pathlib, tempfile
        >>> m = ArgumentMap()
        >>> _ = m.claim("Opening the border stopped migration")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "map.argdown"
        >>> write_argdown(m, path)
        >>> read_argdown(path) == m
        True
    """
    atomic_write(path_or_file, generate_argdown(m))


# ------------------------------------------------------------------------------------------------
# Shared helpers
# ------------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return slug(text, 60)


def _jsonable(value: Any) -> Any:
    """Turn YAML data into JSON data (keys become strings, sets and tuples lists)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _argmap_part(data: Any) -> dict[str, Any]:
    part = data.get(_KEY) if isinstance(data, dict) else None
    return part if isinstance(part, dict) else {}


def _native(data: Any) -> Any:
    """An element's YAML data without the ``argmap`` part (``None`` when nothing is left)."""
    if isinstance(data, dict):
        rest = {k: v for k, v in data.items() if k != _KEY}
        return _jsonable(rest) if rest else None
    return _jsonable(data)


def _dump(item: Any) -> dict[str, Any]:
    """A record as compact JSON data (defaults left out, the ``kind`` tag kept)."""
    data: dict[str, Any] = item.model_dump(mode="json", exclude_defaults=True)
    if hasattr(item, "kind"):
        data["kind"] = item.kind
    return data


# ------------------------------------------------------------------------------------------------
# Reading: ArgdownDocument -> ArgumentMap
# ------------------------------------------------------------------------------------------------


def document_to_map(doc: ArgdownDocument) -> ArgumentMap:
    """Build the :class:`ArgumentMap` an :class:`ArgdownDocument` describes (``doc.to_map()``)."""
    with collector_paused():  # as in parsing
        return _MapBuilder(doc).build()


class _MapBuilder:
    def __init__(self, doc: ArgdownDocument) -> None:
        self.doc = doc
        self.front: dict[str, Any] = doc.frontmatter if isinstance(doc.frontmatter, dict) else {}
        extra = self.front.get(_KEY, {})
        if not isinstance(extra, dict):
            self.fail("expected a mapping", "$.argmap")
        self.extra: dict[str, Any] = extra
        self.taken: set[str] = set()
        self.claim_of: dict[int, str] = {}  # id(EquivalenceClass or sketched Argument) -> claim id
        self.support_of: dict[str, dict[str, Any]] = {}  # argument title -> main support
        self.step_of: dict[tuple[str, int], dict[str, Any]] = {}  # (title, conclusion index)
        self.statements: list[dict[str, Any]] = []
        self.derived: list[tuple[tuple[int, int], dict[str, Any]]] = []

    def fail(self, message: str, path: str) -> None:
        raise FormatError(message, file=self.doc.name, path=path)

    def records(self, key: str) -> list[dict[str, Any]]:
        items = self.extra.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.fail("expected a list of mappings", f"$.argmap.{key}")
        return list(items)

    # -- ids ----------------------------------------------------------------------------------

    def unique(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def fresh(self, prefix: str, counters: dict[str, int]) -> str:
        n = counters.get(prefix, 0)
        while True:
            n += 1
            if f"{prefix}{n}" not in self.taken:
                counters[prefix] = n
                self.taken.add(f"{prefix}{n}")
                return f"{prefix}{n}"

    # -- the whole map ------------------------------------------------------------------------

    def build(self) -> ArgumentMap:
        agents = self.records("agents")
        sources = self.records("sources")
        attributions = self.records("attributions")
        self.taken.update(str(r.get("id")) for r in [*agents, *sources])
        self.add_statements()
        relations = self.add_relations()
        title = self.front.get("title")
        description = self.extra.get("description")
        rest = {k: v for k, v in self.front.items() if k not in ("title", _KEY)}
        if rest.get("model") == _WRITER_MODEL:
            del rest["model"]
        data: Any = {"argdown": {"frontmatter": _jsonable(rest)}} if rest else {}
        if "data" in self.extra:
            data = self.extra["data"]
        document = {
            "title": title if isinstance(title, str) else None,
            "description": description,
            "agents": agents,
            "sources": sources,
            "statements": self.statements,
            "relations": relations,
            "attributions": attributions,
            "data": data,
        }
        try:
            validated = MapDocument.model_validate(document)
        except ValidationError as err:
            first = err.errors()[0]
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
            raise FormatError(
                f"{first['msg']} (in the map made from this Argdown)", file=self.doc.name, path=path
            ) from None
        return ArgumentMap.from_document(validated, origin=self.doc.name)

    # -- statements ---------------------------------------------------------------------------

    def group_tags(self, section: Section | None) -> list[str]:
        titles: list[str] = []
        while section is not None:
            if section.is_group:
                titles.append(section.title)
            section = section.parent
        return titles[::-1]

    def add_statements(self) -> None:
        elements: list[EquivalenceClass | Argument] = [
            e for e in self.doc.creation_order if isinstance(e, EquivalenceClass) or not e.pcs
        ]
        for element in self.doc.creation_order:  # explicit ids first: they are reserved
            explicit = _argmap_part(element.data).get("id")
            if isinstance(explicit, str):
                self.taken.add(explicit)
        counters: dict[str, int] = {}
        for element in elements:
            override = _argmap_part(element.data)
            is_factor = override.get("kind") == "factor"
            if isinstance(override.get("id"), str):
                sid = override["id"]
            elif element.untitled or not _slug(element.title):
                sid = self.fresh("f" if is_factor else "c", counters)
            else:
                sid = self.unique(_slug(element.title))
            self.claim_of[id(element)] = sid
            text = (element.text or "").strip() or element.title
            inner: dict[str, Any] = {}
            if isinstance(element, Argument):
                inner["argument"] = True
            if element.title != sid and not element.untitled:
                inner["title"] = element.title
            native = _native(element.data)
            if native is not None:
                inner["data"] = native
            tags = list(element.tags)
            tags += [t for t in self.group_tags(element.section) if t not in tags]
            record: dict[str, Any] = {
                "kind": "factor" if is_factor else "claim",
                "id": sid,
                "tags": tags,
                "data": {"argdown": inner} if inner else None,
            }
            record["label" if is_factor else "text"] = override.get("text", text)
            for key in ("tags", "data", "reconstructed"):
                if key in override:
                    record[key] = override[key]
            if is_factor and "opposite" in override:
                record["opposite"] = override["opposite"]
            self.statements.append(record)

    # -- relations ----------------------------------------------------------------------------
    #
    # Derived relations are dicts; a relation that targets another relation holds that record
    # under "_target" until every record has its id (untitled arguments get theirs by position).

    def node(self, member: Any) -> tuple[str, Any] | None:
        """The argmap end of an Argdown relation member: ("statement", id) or ("relation", rec)."""
        if isinstance(member, EquivalenceClass):
            return ("statement", self.claim_of[id(member)])
        if isinstance(member, Argument):
            if not member.pcs:
                return ("statement", self.claim_of[id(member)])
            support = self.support_of.get(member.title)
            if support is not None:
                return ("relation", support)
            return self.conclusion_of(member)
        if isinstance(member, Inference):
            key = (member.argument_title or "", member.conclusion_index or 0)
            if key in self.step_of:
                return ("relation", self.step_of[key])
            argument = self.doc.arguments.get(member.argument_title or "")
            return self.node(argument) if argument is not None else None
        return None

    def conclusion_of(self, argument: Argument) -> tuple[str, Any] | None:
        conclusion = self.doc.statements.get(argument.pcs[-1].title or "")
        return ("statement", self.claim_of[id(conclusion)]) if conclusion is not None else None

    def source_statement(self, member: Any) -> str | None:
        """The statement a relation starts from (a reconstructed argument: its conclusion)."""
        found = self.conclusion_of(member) if isinstance(member, Argument) and member.pcs else None
        found = found or self.node(member)
        return found[1] if found is not None and found[0] == "statement" else None

    def add_argument_supports(self) -> None:
        for argument in self.doc.creation_order:
            if not isinstance(argument, Argument) or not argument.pcs:
                continue
            override = _argmap_part(argument.data)
            if isinstance(override.get("id"), str):
                main: str | None = override["id"]
            elif argument.untitled or not _slug(argument.title):
                main = None
            else:
                main = self.unique(_slug(argument.title))
            steps = self.steps(argument)
            tags = list(argument.tags)
            tags += [t for t in self.group_tags(argument.section) if t not in tags]
            for k, (premises, conclusion, inference) in enumerate(steps):
                is_main = k == len(steps) - 1
                inner: dict[str, Any] = {}
                if is_main:
                    if main is not None and argument.title != main:
                        inner["title"] = argument.title
                    description = argument.text
                    if description and description.strip():
                        inner["description"] = description.strip()
                    native = _native(argument.data)
                    if native is not None:
                        inner["data"] = native
                else:
                    inner["step"] = k + 1
                if inference.data is not None:
                    inner["inference"] = _jsonable(inference.data)
                rid = main if is_main else None
                if main is not None and not is_main:
                    rid = self.unique(f"{main}-{k + 1}")
                record: dict[str, Any] = {
                    "kind": "support",
                    "id": rid,
                    "premises": premises,
                    "conclusion": conclusion,
                    "scheme": ", ".join(inference.rules) if inference.rules else None,
                    "tags": tags,
                    "data": {"argdown": inner} if inner else None,
                }
                if is_main:
                    for key in ("tags", "data", "reconstructed", "scheme"):
                        if key in override:
                            record[key] = override[key]
                    self.support_of[argument.title] = record
                self.step_of[(argument.title, inference.conclusion_index or 0)] = record
                self.derived.append(((inference.line, inference.column), record))

    def steps(self, argument: Argument) -> list[tuple[list[str], str, Inference]]:
        """The inference steps of a pcs: (premise ids, conclusion id, inference)."""
        result: list[tuple[list[str], str, Inference]] = []
        pending: list[Occurrence] = []
        previous: Occurrence | None = None
        for index, statement in enumerate(argument.pcs):
            inference = statement.inference
            if inference is None:
                pending.append(statement)
                continue
            uses = inference.data.get("uses") if isinstance(inference.data, dict) else None
            if (
                isinstance(uses, list)
                and uses
                and all(isinstance(u, int) and not isinstance(u, bool) for u in uses)
                and all(1 <= u <= index for u in uses)
            ):
                chosen = [argument.pcs[u - 1] for u in uses]
            else:
                chosen = ([previous] if previous is not None else []) + pending
            conclusion = self.claim_of[id(self.doc.statements[statement.title or ""])]
            premises: list[str] = []
            for premise in chosen:
                pid = self.claim_of[id(self.doc.statements[premise.title or ""])]
                if pid != conclusion and pid not in premises:
                    premises.append(pid)
            if premises:
                result.append((premises, conclusion, inference))
            previous, pending = statement, []
        return result

    def add_relations(self) -> list[dict[str, Any]]:
        self.add_argument_supports()
        gists: list[tuple[tuple[int, int], str, str]] = []
        for relation in self.doc.relation_objects:
            self.add_relation(relation, gists)
        for position, attacker, gist in gists:
            # An undercut of a sketched argument undercuts what its gist supports or attacks.
            targets = [
                record
                for _, record in self.derived
                if (record["kind"] == "support" and record["premises"] == [gist])
                or (record["kind"] == "attack" and record["attacker"] == gist)
            ]
            for target in targets:
                self.derived.append((position, self.attack(attacker, target, "undercut")))
            if not targets:
                self.derived.append((position, self.attack(attacker, gist, "rebut", "undercut")))
        self.derived.sort(key=lambda item: item[0])
        records = self.records("relations")
        ids = self.extra.get("ids")
        if (
            isinstance(ids, list)
            and len(ids) == len(self.derived)
            and all(isinstance(i, str) for i in ids)
        ):
            for (_, record), rid in zip(self.derived, ids, strict=True):
                record["id"] = rid
        else:  # ids by position, skipping those that other records hold
            self.taken.update(str(r.get("id")) for r in records)
            counters: dict[str, int] = {}
            for _, record in self.derived:
                if record["id"] is None:
                    prefix = "s" if record["kind"] == "support" else "a"
                    record["id"] = self.fresh(prefix, counters)
        for _, record in self.derived:
            target = record.pop("_target", None)
            if target is not None:
                record["conclusion" if record["kind"] == "support" else "target"] = target["id"]
        return self.apply_records([record for _, record in self.derived], records)

    def attack(
        self, attacker: str, target: Any, kind: str, argdown_type: str | None = None
    ) -> dict[str, Any]:
        record: dict[str, Any] = {"kind": "attack", "id": None, "attacker": attacker, "type": kind}
        if isinstance(target, dict):
            record["_target"] = target
        else:
            record["target"] = target
        if argdown_type is not None:
            record["data"] = {"argdown": {"type": argdown_type}}
        return record

    def add_relation(
        self, relation: Relation, gists: list[tuple[tuple[int, int], str, str]]
    ) -> None:
        position = relation.occurrences[0] if relation.occurrences else (0, 0)
        source = self.source_statement(relation.source)
        target = self.node(relation.target)
        if source is None or target is None or target[1] == source:
            return  # no end in the map, or a statement that would support or attack itself
        kind, end = target
        rtype = relation.relation_type
        record: dict[str, Any]
        if rtype in ("support", "entails"):
            record = {"kind": "support", "id": None, "premises": [source]}
            if kind == "relation":
                record["_target"] = end
            else:
                record["conclusion"] = end
            if rtype == "entails":
                record["data"] = {"argdown": {"type": "entails"}}
        elif rtype in ("contradictory", "contrary"):
            if kind != "statement":
                return
            if rtype == "contradictory":
                record = self.attack(source, end, "contradict")
            else:  # contrariety is symmetric: each statement rebuts the other
                self.derived.append((position, self.attack(source, end, "rebut", "contrary")))
                record = self.attack(end, source, "rebut", "contrary")
        elif rtype == "undercut":
            if kind == "relation":
                record = self.attack(source, end, "undercut")
            elif isinstance(relation.target, Argument) and not relation.target.pcs:
                gists.append((position, source, end))
                return
            else:
                record = self.attack(source, end, "rebut", "undercut")
        elif kind == "relation":  # an attack on a reconstructed argument as a whole
            record = self.attack(source, end, "undercut", "attack")
        else:
            member = relation.target
            premise_only = (
                isinstance(member, EquivalenceClass)
                and member.is_used_as_premise
                and not member.is_used_as_main_conclusion
            ) or (isinstance(member, Argument) and not member.pcs)
            record = self.attack(source, end, "undermine" if premise_only else "rebut")
        self.derived.append((position, record))

    def apply_records(
        self, derived: list[dict[str, Any]], records: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Replace derived relations by the kept records with their ids; add the other records."""
        by_id = {r.get("id"): r for r in records}
        result = [by_id.pop(r["id"], r) for r in derived]
        result.extend(r for r in records if r.get("id") in by_id)
        order = self.extra.get("order")
        if order is not None:
            if not isinstance(order, list):
                self.fail("expected a list of relation ids", "$.argmap.order")
            rank = {rid: i for i, rid in enumerate(order)}
            result.sort(key=lambda r: rank.get(r.get("id"), len(rank)))
        return result


# ------------------------------------------------------------------------------------------------
# Writing: ArgumentMap -> Argdown
# ------------------------------------------------------------------------------------------------

_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")
_CONTROL = frozenset("@#*_[],.:</>(){};-")
"""Characters Argdown's lexer cuts text at; alone they are text, with one space or tab after."""
_ALWAYS = frozenset("\\*_[<{")
"""Characters that start syntax wherever they stand (escapes, bold, italic, titles, data)."""
_TAG_START = re.compile(r"[(A-Za-z\[\\\]^_`0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")
_SHORTCODE_LIKE = _RE_SPECIAL_CHAR  # Argdown's own pattern for ".x." and ":x:" shortcodes


_BACKSLASHED = frozenset("\\*_[<{@#],.:/>()};-=")
"""Characters :func:`_escape` may put a backslash before (a superset is safe: see its use)."""
_MAYBE_SYNTAX = re.compile(r"([\\*_\[<{@#\],.:/>()};\-=\t])([ \t]*)")


def _escape(text: str, *, inference: bool = False) -> str:
    """Backslash the characters Argdown would read as syntax in ``text`` (within a line).

    Only what needs it: ``\\ * _ [ < {`` always, ``#`` before a tag or an escape, ``/``
    before ``/`` or ``*``, ``=`` when ``===`` occurs, ``.`` and ``:`` when a shortcode-like
    ``.x.`` or ``:x:`` occurs, ``,`` and ``--`` in an inference rule, and a cutting character
    followed by more than one space or tab, which Argdown would drop. Tabs after an escape are
    escaped too (an escape keeps the spaces after it, not the tabs).
    """
    if _MAYBE_SYNTAX.search(text) is None:
        return text  # most texts: nothing Argdown could read as syntax
    dots = _SHORTCODE_LIKE.search(text) is not None
    equals = "===" in text

    def one(match: re.Match[str]) -> str:
        c, run = match.group(1), match.group(2)
        if c == "\t":  # a tab after text: Freestyle keeps it
            return match.group(0)
        nxt = run[:1] or text[match.end() : match.end() + 1]
        escape = (
            c in _ALWAYS
            # "#" before a character that gets a backslash: the reader would see "#\" open a tag.
            or (c == "#" and not run and (bool(_TAG_START.match(nxt)) or nxt in _BACKSLASHED))
            or (c == "/" and not run and nxt in ("/", "*"))
            or (c == "=" and equals)
            or (c in ".:" and dots)
            or (inference and (c == "," or (c == "-" and not run and nxt == "-")))
            or len(run) > 1
        )
        if not escape:
            return match.group(0)
        return "\\" + c + run.replace("\t", "\\\t")

    return _MAYBE_SYNTAX.sub(one, text)


_ANY_BREAK = re.compile("[" + "".join(_LINE_BREAKS) + "]")


def _representable(text: str) -> bool:
    """True when ``[T]: <escaped text>`` reads back as exactly ``text``."""
    return bool(text) and text == text.strip() and _ANY_BREAK.search(text) is None


def _flat(text: str) -> str:
    for b in _LINE_BREAKS:
        text = text.replace(b, " ")
    return text.strip()


def _tag_ok(tag: str) -> bool:
    return bool(tag) and ")" not in tag and _ANY_BREAK.search(tag) is None


_NOT_IN_STATEMENT_TITLE = re.compile("[][" + "".join(_LINE_BREAKS) + "]")


def _statement_title_ok(title: str) -> bool:
    return (
        bool(title) and not title.startswith("-") and _NOT_IN_STATEMENT_TITLE.search(title) is None
    )


def _argument_title_ok(title: str) -> bool:
    # "<_", "<+", "<-" open relations at a line start and "<!--" a comment: start with a letter.
    return (
        bool(title)
        and title[0].isalnum()
        and not any(c in title for c in "<>")
        and not any(b in title for b in _LINE_BREAKS)
    )


def _yaml_char(c: str) -> str:
    """One character of a YAML double-quoted string, ASCII-only: nothing in it can end
    Argdown's data token or trouble a YAML parser (no braces, ``=``, line breaks, surrogates)."""
    if c in "{}=":
        return f"\\u{ord(c):04x}"
    if c == '"' or c == "\\":
        return "\\" + c
    if " " <= c <= "~":
        return c
    code = ord(c)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _inline(value: Any) -> str:
    """JSON for a ``{...}`` data block: braces inside strings are escaped so Argdown's data
    token cannot end early, and non-finite floats are written the YAML way."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inline(str(k))}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + "".join(_yaml_char(c) for c in value) + '"'
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return json.dumps(value)


def _derived_statement_data(
    title: str, sid: str, native: Any, sketched: bool
) -> dict[str, Any] | None:
    inner: dict[str, Any] = {}
    if sketched:
        inner["argument"] = True
    if title != sid:
        inner["title"] = title
    if native is not None:
        inner["data"] = native
    return {"argdown": inner} if inner else None


def _argdown_part(data: dict[str, Any] | None) -> dict[str, Any]:
    """``data["argdown"]`` when that is all the data holds (as the reader makes it), else {}."""
    part = (data or {}).get("argdown")
    return part if isinstance(part, dict) and set(data or {}) == {"argdown"} else {}


_PLAIN_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
"""Strings PyYAML writes plain unless its resolver reads them as something else (``'1'``)."""

_RESOLVE: Any = yaml.resolver.Resolver().resolve  # how PyYAML tells a str from 1, true...
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_FAST_DEPTH = 64
_MAX_SIMPLE_KEY = 128  # PyYAML writes longer keys as complex keys ("? key")


_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*(?: [A-Za-z0-9\-]+)*")
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9'\"?!%&,;.\-]+)*[A-Za-z0-9.?!'\"%]?")


def _plain(text: str) -> bool:
    """Words of ASCII letters and digits, single spaces and tame punctuation, nothing to escape.

    Of these characters :func:`_escape` touches only ``.`` (in a shortcode-like ``.x.``) and
    ``,`` and ``--`` in inference rules, which the caller rules out.
    """
    return _PLAIN_TEXT.fullmatch(text) is not None and _SHORTCODE_LIKE.search(text) is None


def _block_yaml(value: dict[str, Any]) -> str:
    """``yaml.safe_dump(value, sort_keys=False, allow_unicode=False, width=1_000_000)``, faster.

    PyYAML's pure-Python emitter costs about 40 µs a scalar, which made the front matter of a
    100,000-relation map take most of a minute. This writes the same bytes for the block style
    PyYAML uses, one pass and no node graph; scalars outside a plain alphabet are styled by
    PyYAML itself, one at a time (and cached). Anything else (floats, tuples, a container met
    twice, which PyYAML would anchor, very deep data) falls back to PyYAML for the whole value.
    """
    out: list[str] = []
    try:
        if not value:
            raise _NoFastPath  # "{}", in flow style
        _fast_mapping(value, 0, out, False, set(), 0, {})
    except _NoFastPath:
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=False, width=1_000_000)
    return "".join(out)


def _fast_scalar(value: Any, column: int, cache: dict[str, str]) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        raise _NoFastPath
    if _PLAIN_WORD.fullmatch(value):
        plain = _RESOLVE(yaml.ScalarNode, value, (True, False)) == _STR_TAG
        return value if plain else f"'{value}'"
    styled = cache.get(value)
    if styled is None:
        dumped = yaml.safe_dump([value], allow_unicode=False, width=1_000_000)
        if not dumped.startswith("- ") or not dumped.endswith("\n"):
            raise _NoFastPath  # pragma: no cover - PyYAML writes a list item this way
        styled = cache[value] = dumped[2:-1]
    if "\n" not in styled:
        return styled
    # A quoted scalar over several lines: PyYAML indents its continuation lines two columns
    # right of the key or dash that carries it, and leaves empty lines empty.
    first, *rest = styled.split("\n")
    pad = " " * column
    return "\n".join([first, *(pad + line if line else line for line in rest)])


def _fast_key(key: Any) -> str:
    if type(key) is not str or len(key) > _MAX_SIMPLE_KEY or not _PLAIN_WORD.fullmatch(key):
        raise _NoFastPath
    plain = _RESOLVE(yaml.ScalarNode, key, (True, False)) == _STR_TAG
    return key if plain else f"'{key}'"


def _fast_value(
    value: Any, column: int, out: list[str], seen: set[int], depth: int, cache: dict[str, str]
) -> None:
    """Write what follows ``key:`` or ``-`` (whose column is ``column``) to the end of line."""
    if type(value) is dict or type(value) is list:
        if not value:
            out.append(" {}\n" if type(value) is dict else " []\n")
            return
        if id(value) in seen or depth > _MAX_FAST_DEPTH:
            raise _NoFastPath
        seen.add(id(value))
    if type(value) is dict:
        out.append("\n")
        _fast_mapping(value, column + 2, out, False, seen, depth + 1, cache)
    elif type(value) is list:
        out.append("\n")
        _fast_sequence(value, column, out, False, seen, depth + 1, cache)
    else:
        out.append(" " + _fast_scalar(value, column, cache) + "\n")


def _fast_item(
    value: Any, column: int, out: list[str], seen: set[int], depth: int, cache: dict[str, str]
) -> None:
    """Write a sequence item after its ``- `` (at ``column``): collections start on that line."""
    if type(value) is dict or type(value) is list:
        if not value:
            out.append("{}\n" if type(value) is dict else "[]\n")
            return
        if id(value) in seen or depth > _MAX_FAST_DEPTH:
            raise _NoFastPath
        seen.add(id(value))
    if type(value) is dict:
        _fast_mapping(value, column + 2, out, True, seen, depth + 1, cache)
    elif type(value) is list:
        _fast_sequence(value, column + 2, out, True, seen, depth + 1, cache)
    else:
        out.append(_fast_scalar(value, column, cache) + "\n")


def _fast_mapping(
    value: dict[Any, Any],
    column: int,
    out: list[str],
    inline: bool,
    seen: set[int],
    depth: int,
    cache: dict[str, str],
) -> None:
    pad = " " * column
    for key, item in value.items():
        out.append(("" if inline else pad) + _fast_key(key) + ":")
        inline = False
        _fast_value(item, column, out, seen, depth, cache)


def _fast_sequence(
    value: list[Any],
    column: int,
    out: list[str],
    inline: bool,
    seen: set[int],
    depth: int,
    cache: dict[str, str],
) -> None:
    pad = " " * column
    for item in value:
        out.append("- " if inline else pad + "- ")
        inline = False
        _fast_item(item, column, out, seen, depth, cache)


class _Writer:
    """Plans a map's Argdown text; :meth:`repair` records what a read-back got wrong."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.statement_titles: dict[str, str] = {}
        self.sketched: set[str] = set()
        self.argument_titles: dict[str, str] = {}  # support id -> argument title
        self.statement_extra: dict[str, dict[str, Any]] = {}
        self.argument_extra: dict[str, dict[str, Any]] = {}
        self.lines: dict[str, tuple[str, str, str]] = {}  # relation id -> (from, symbol, to)
        self.records: dict[str, dict[str, Any]] = {}  # relation id -> full record
        self.map_data: Any = None
        self.plan()

    # -- planning -----------------------------------------------------------------------------

    def plan(self) -> None:
        used_statement_titles: set[str] = set()
        used_argument_titles: set[str] = set()
        statements = self.m.statements
        for statement in statements.values():
            part = _argdown_part(statement.data) if statement.data is not None else {}
            sketched = part.get("argument") is True
            named = part.get("title")
            wanted: str = named if isinstance(named, str) else statement.id
            ok = _argument_title_ok if sketched else _statement_title_ok
            used = used_argument_titles if sketched else used_statement_titles
            title = self.pick_title([wanted, statement.id], ok, used, statement.id)
            used.add(title)
            if sketched:
                self.sketched.add(statement.id)
            self.statement_titles[statement.id] = title
            extra: dict[str, Any] = {}
            if _slug(title) != statement.id:
                extra["id"] = statement.id
            if isinstance(statement, Factor):
                extra["kind"] = "factor"
                if statement.opposite is not None:
                    extra["opposite"] = statement.opposite
            if statement.reconstructed:
                extra["reconstructed"] = True
            if not _representable(statement.text):
                extra["text"] = statement.text
            if statement.tags and (
                not all(_tag_ok(t) for t in statement.tags)
                or len(set(statement.tags)) != len(statement.tags)
            ):
                extra["tags"] = list(statement.tags)
            if statement.data is not None or sketched or title != statement.id:
                native = part.get("data")
                derived = _derived_statement_data(title, statement.id, native, sketched)
                if statement.data != derived:
                    extra["data"] = statement.data
            self.statement_extra[statement.id] = extra
        written: set[tuple[str, str, str]] = set()
        for relation in self.m.relations.values():
            # A premise-conclusion structure holds statements only, not sketched arguments.
            if (
                isinstance(relation, Support)
                and relation.conclusion in statements
                and relation.conclusion not in self.sketched
                and not (self.sketched and any(p in self.sketched for p in relation.premises))
            ):
                part = _argdown_part(relation.data) if relation.data is not None else {}
                named = part.get("title")
                wanted = named if isinstance(named, str) else relation.id
                title = self.pick_title(
                    [wanted, relation.id], _argument_title_ok, used_argument_titles, relation.id
                )
                used_argument_titles.add(title)
                self.argument_titles[relation.id] = title
        # What the reader will know of each statement: premise or conclusion of an argument.
        self.premises: set[str] = set()
        self.conclusions: set[str] = set()
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                self.premises.update(relation.premises)
                self.conclusions.add(relation.conclusion)
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                self.plan_argument(relation)
                continue
            line = self.line_for(relation)
            reverse = (line[2], line[1], line[0]) if line is not None else None
            if line is None or line in written or (line[1] == "><" and reverse in written):
                self.records[relation.id] = _dump(relation)
                continue
            written.add(line)
            self.lines[relation.id] = line
            if not self.reads_back(relation):  # type: ignore[arg-type]
                self.records[relation.id] = _dump(relation)

    @staticmethod
    def pick_title(candidates: list[str], ok: Any, used: set[str], fallback_id: str) -> str:
        if candidates[0] not in used and ok(candidates[0]):
            return candidates[0]  # the usual case: the id itself
        for candidate in candidates:
            if ok(candidate) and candidate not in used:
                return str(candidate)
        base = "S " + _slug(fallback_id) if _slug(fallback_id) else "S"
        candidate, n = base, 1
        while candidate in used or not ok(candidate):
            n += 1
            candidate = f"{base} {n}"
        return candidate

    def plan_argument(self, support: Support) -> None:
        title = self.argument_titles[support.id]
        part = _argdown_part(support.data)
        extra: dict[str, Any] = {}
        if _slug(title) != support.id:
            extra["id"] = support.id
        if support.reconstructed:
            extra["reconstructed"] = True
        if not all(_tag_ok(t) for t in support.tags) or len(set(support.tags)) != len(support.tags):
            extra["tags"] = list(support.tags)
        if support.scheme is not None and self.rules(support.scheme) is None:
            extra["scheme"] = support.scheme
        inner: dict[str, Any] = {}
        if title != support.id:
            inner["title"] = title
        description = part.get("description")
        if isinstance(description, str) and _representable(description):
            inner["description"] = description
        if "data" in part:
            inner["data"] = part["data"]
        if "inference" in part:
            inner["inference"] = part["inference"]
        if support.data != ({"argdown": inner} if inner else None):
            extra["data"] = support.data
        self.argument_extra[support.id] = extra

    @staticmethod
    def rules(scheme: str) -> list[str] | None:
        parts = scheme.split(", ")
        if all(_representable(p) for p in parts):
            return parts
        return None

    def ref(self, statement_id: str) -> str:
        title = self.statement_titles[statement_id]
        return f"<{title}>" if statement_id in self.sketched else f"[{title}]"

    def line_for(self, relation: Support | Attack | CausalLink) -> tuple[str, str, str] | None:
        """The Argdown relation (from, symbol, to) that shows a relation, if there is one."""
        if isinstance(relation, CausalLink):
            return None
        if isinstance(relation, Attack) and relation.attacker == relation.target:
            return None  # the reader drops self-attacks, which Argdown cannot mean
        if isinstance(relation, Support):
            if len(relation.premises) != 1:
                return None
            if relation.conclusion in self.argument_titles:
                target = f"<{self.argument_titles[relation.conclusion]}>"
            elif relation.conclusion in self.m.statements:
                target = self.ref(relation.conclusion)
            else:
                return None
            return (self.ref(relation.premises[0]), "+>", target)
        if relation.sort == "undercut":
            if relation.target in self.argument_titles:
                return (
                    self.ref(relation.attacker),
                    "_>",
                    f"<{self.argument_titles[relation.target]}>",
                )
            return None
        if relation.target not in self.m.statements:
            return None
        if relation.sort == "contradict":
            if relation.attacker in self.sketched or relation.target in self.sketched:
                return None
            return (self.ref(relation.attacker), "><", self.ref(relation.target))
        return (self.ref(relation.attacker), "->", self.ref(relation.target))

    def reads_back(self, relation: Support | Attack) -> bool:
        """True when the reader derives exactly this relation from its Argdown line."""
        if relation.tags or relation.data is not None or relation.reconstructed:
            return False
        if isinstance(relation, Support):
            return relation.scheme is None
        if relation.sort in ("undercut", "contradict"):
            return True
        target = relation.target
        premise_only = (target in self.premises and target not in self.conclusions) or (
            target in self.sketched
        )
        return relation.sort == ("undermine" if premise_only else "rebut")

    # -- repair -------------------------------------------------------------------------------

    def needs_reading_back(self) -> bool:
        """False when every line of the text is of a kind whose reading the plan knows.

        That is: titles, texts, tags and inference rules of plain words (no character that
        :func:`_escape` touches), and data blocks that hold only what the plan put there. The
        structure (which relation becomes which line) the plan derives as the reader does; the
        rest sits in the front matter as YAML, which reads back as written.
        """
        if _argdown_part(dict(self.m.data)):
            return True  # kept front matter: its merge with the writer's settings is subtle
        for statement in self.m.statements.values():
            extra = self.statement_extra[statement.id]
            if (
                "text" in extra
                or "tags" in extra
                or "data" in extra
                or statement.data is not None
                or not _plain(statement.text)
                or not _PLAIN_TITLE.fullmatch(self.statement_titles[statement.id])
                or not all(_plain(t) for t in statement.tags)
            ):
                return True
        for support_id, title in self.argument_titles.items():
            support = self.m.relations[support_id]
            assert isinstance(support, Support)
            extra = self.argument_extra[support_id]
            if (
                "tags" in extra
                or "data" in extra
                or "scheme" in extra
                or support.data is not None
                or not _PLAIN_TITLE.fullmatch(title)
                or not all(_plain(t) for t in support.tags)
                or not all(
                    _plain(r) and "," not in r and "--" not in r
                    for r in (support.scheme or "").split(", ")
                    if r
                )
            ):
                return True
        return False

    def repair(self, reread: ArgumentMap) -> bool:
        """Compare a read-back with the map; keep in YAML what it got wrong. True if anything."""
        changed = False
        for statement in self.m.statements.values():
            if reread.statements.get(statement.id) != statement:
                full = {
                    "id": statement.id,
                    "text": statement.text,
                    "tags": list(statement.tags),
                    "data": statement.data,
                    "reconstructed": statement.reconstructed,
                }
                if isinstance(statement, Factor):
                    full["kind"] = "factor"
                    if statement.opposite is not None:
                        full["opposite"] = statement.opposite
                if self.statement_extra.get(statement.id) != full:
                    self.statement_extra[statement.id] = full
                    changed = True
        for relation in self.m.relations.values():
            if reread.relations.get(relation.id) != relation and relation.id not in self.records:
                self.records[relation.id] = _dump(relation)
                changed = True
        if reread.to_document().data != self.m.to_document().data and self.map_data is None:
            self.map_data = dict(self.m.data)
            changed = True
        return changed

    # -- rendering ----------------------------------------------------------------------------

    def numbering(self) -> tuple[list[str] | None, list[str] | None]:
        """The ``ids`` and ``order`` lists the reader needs, or None where it gets them right.

        The reader numbers the relations it derives (``s1``, ``a1``...) in text order, after
        giving each argument the slug of its title; records and the order list come after.
        """
        derived = [
            r
            for r in self.m.relations.values()
            if r.id in self.lines or r.id in self.argument_titles
        ]
        taken = set(self.m.statements) | set(self.m.agents) | set(self.m.sources)
        ids: list[str | None] = []
        for relation in derived:
            if relation.id in self.argument_titles:
                explicit = self.argument_extra[relation.id].get("id")
                base = (
                    explicit
                    if isinstance(explicit, str)
                    else _slug(self.argument_titles[relation.id])
                )
                candidate, n = base, 1
                while explicit is None and candidate in taken:
                    n += 1
                    candidate = f"{base}-{n}"
                taken.add(candidate)
                ids.append(candidate)
            else:
                ids.append(None)
        taken.update(self.records)
        counters: dict[str, int] = {}
        for i, relation in enumerate(derived):
            if ids[i] is None:
                prefix = "s" if isinstance(relation, Support) else "a"
                n = counters.get(prefix, 0)
                while f"{prefix}{n + 1}" in taken:
                    n += 1
                counters[prefix] = n + 1
                taken.add(f"{prefix}{n + 1}")
                ids[i] = f"{prefix}{n + 1}"
        wanted = [r.id for r in derived]
        wanted_set = set(wanted)  # once, not once a record: 100,000 records stay linear
        final = wanted + [rid for rid in self.records if rid not in wanted_set]
        return (
            None if ids == wanted else wanted,
            None if final == list(self.m.relations) else list(self.m.relations),
        )

    def frontmatter(self) -> str:
        front: dict[str, Any] = {}
        if self.m.title is not None:
            front["title"] = self.m.title
        data = dict(self.m.data)
        part = _argdown_part(data)
        kept = part.get("frontmatter") if isinstance(part.get("frontmatter"), dict) else None
        if kept is not None and len(part) == 1:
            front.update({k: v for k, v in kept.items() if k not in ("title", _KEY, "model")})
            if "model" in kept and kept["model"] != _WRITER_MODEL and self.map_data is None:
                self.map_data = data  # the writer fixes its own model settings: keep theirs
        elif data and self.map_data is None:
            self.map_data = data
        front["model"] = dict(_WRITER_MODEL)
        extra: dict[str, Any] = {}
        if self.m.description is not None:
            extra["description"] = self.m.description
        if self.map_data is not None:
            extra["data"] = self.map_data
        if self.m.agents:
            extra["agents"] = [_dump(a) for a in self.m.agents.values()]
        if self.m.sources:
            extra["sources"] = [_dump(s) for s in self.m.sources.values()]
        if self.records:
            extra["relations"] = list(self.records.values())
        ids, order = self.numbering()
        if ids is not None:
            extra["ids"] = ids
        if order is not None:
            extra["order"] = order
        if self.m.attributions:
            extra["attributions"] = [_dump(a) for a in self.m.attributions]
        if extra:
            front[_KEY] = extra
        body = _block_yaml(front)
        if "===" in body:  # the front matter ends at the first "===": write JSON instead
            body = _inline(front) + "\n"
        return "===\n" + body + "===\n"

    def data_block(self, extra: dict[str, Any], native: Any) -> str:
        data: dict[str, Any] = {}
        if isinstance(native, dict):
            data.update(native)
        elif native is not None:
            extra = {**extra, "data": extra.get("data", {"argdown": {"data": native}})}
        if extra:
            data[_KEY] = extra
        return " " + _inline(data) if data else ""

    def tags(self, tags: Iterable[str]) -> str:
        return "".join(f" #({t})" for t in dict.fromkeys(tags) if _tag_ok(t))

    def render(self) -> str:
        out = [self.frontmatter()]
        for statement in self.m.statements.values():
            title = self.statement_titles[statement.id]
            text = _flat(statement.text) or title
            part = _argdown_part(statement.data)
            head = f"<{title}>" if statement.id in self.sketched else f"[{title}]"
            out.append(
                f"{head}: {_escape(text)}{self.tags(statement.tags)}"
                + self.data_block(self.statement_extra[statement.id], part.get("data"))
                + "\n"
            )
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                out.append(self.render_argument(relation))
            elif relation.id in self.lines:
                source, symbol, target = self.lines[relation.id]
                out.append(f"{source}\n  {symbol} {target}\n")
        return "\n".join(out)

    def render_argument(self, support: Support) -> str:
        title = self.argument_titles[support.id]
        part = _argdown_part(support.data)
        description = part.get("description")
        if isinstance(description, str) and _representable(description):
            head = f"<{title}>: {_escape(description)}"
        else:
            head = f"<{title}>"
        head += self.tags(support.tags)
        head += self.data_block(self.argument_extra[support.id], part.get("data"))
        lines = [head, ""]
        for n, premise in enumerate(support.premises, start=1):
            lines.append(f"({n}) [{self.statement_titles[premise]}]")
        rules = self.rules(support.scheme) if support.scheme is not None else None
        inference = " ".join(
            part
            for part in (
                ", ".join(_escape(r, inference=True) for r in rules) if rules else "",
                _inline(part["inference"]) if "inference" in part else "",
            )
            if part
        )
        lines.append(f"-- {inference} --" if inference else "----")
        lines.append(f"({len(support.premises) + 1}) [{self.statement_titles[support.conclusion]}]")
        return "\n".join(lines) + "\n"


# Claim is re-exported for type checkers of the doctests above.
_ = Claim
