"""From Argdown's document to an :class:`~argmap.model.ArgumentMap`."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap._gc import collector_paused
from argmap._text import slug
from argmap.errors import FormatError
from argmap.model import (
    ArgumentMap,
    MapDocument,
)
from argmap.readwrite.argdown.document import (
    ArgdownDocument,
    Argument,
    EquivalenceClass,
    Inference,
    Occurrence,
    Relation,
    Section,
)

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


_KEY = "argmap"
"""The YAML key under which argmap keeps what Argdown cannot express."""

_WRITER_MODEL = {"mode": "loose", "removeTagsFromText": True, "transformArgumentRelations": True}
"""Model settings every generated document fixes in its front matter."""


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
        raise FormatError(message, file=self.doc.origin, path=path)

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
                f"{first['msg']} (in the map made from this Argdown)",
                file=self.doc.origin,
                path=path,
            ) from None
        return ArgumentMap.from_document(validated, origin=self.doc.origin)

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
            # A premise of an exploded step may be an earlier conclusion: its role decides.
            if inference is None or statement.role == "premise":
                pending.append(statement)
                continue
            uses = inference.data.get("uses") if isinstance(inference.data, dict) else None
            if (
                argument.exploded_from is None  # its uses are numbers of the whole argument
                and isinstance(uses, list)
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
