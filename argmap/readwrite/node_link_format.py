"""networkx node-link JSON: the map as a graph any networkx program can load, read and written.

The writer saves the bipartite ``"aif"`` view (see :mod:`argmap.graph`): every statement and every
relation is a node carrying all its fields (``kind``, ``text``, ``scheme``, ``polarity``, ``tags``,
``data``...), and edges say what part each node plays in a relation (``premise``, ``conclusion``,
``attacker``, ``target``, ``cause``, ``effect``, as both the edge's ``key`` and its ``kind``).
Agents, sources and attributions, which are not nodes, go to the graph attributes under
``argmap``. ``networkx.node_link_graph(data)`` gives a MultiDiGraph; reading the file back gives
the same map.

The reader also takes node-link JSON from elsewhere:

- a node whose ``kind`` is ``claim`` or ``factor``, or that has no argmap ``kind``, is a statement:
  its text is the ``text`` attribute, else the ``label``, else the id; its other attributes go to
  ``data["node_link"]``;
- a node whose ``kind`` is ``support``, ``attack`` or ``causal`` is a relation whose ends are the
  edges with the roles above;
- any other edge between statements is a relation of its own: an attack if its ``kind`` is
  ``attack`` (of its ``type``), a causal link if its ``kind`` is ``causal`` (with its
  ``polarity``), else a support; edges of one support that share a ``key`` and a conclusion are
  linked premises (so argmap's ``"claims"`` view reads back to the same relations), and the two
  edges of a contradiction are one attack.

Examples:
    >>> import networkx as nx
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> s = m.support([m.claim("Youth were excluded"), m.claim("Exclusion breeds violence")],
    ...               m.claim("Violence grew"))
    >>> data = json.loads(generate_node_link(m))
    >>> g = nx.node_link_graph(data, edges="edges")
    >>> sorted(g.predecessors("s1")), g.nodes["s1"]["kind"]
    (['c1', 'c2'], 'support')
    >>> parse_node_link(json.dumps(data)) == m
    True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write, read_text
from argmap.model import (
    Agent,
    ArgumentMap,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Source,
    Support,
)
from argmap.readwrite._interchange import (
    JsonInput,
    MapParts,
    document_ext,
    is_valid_id,
    make_id,
)

__all__ = ["generate_node_link", "parse_node_link", "read_node_link", "write_node_link"]

EXT = "argmap"
_STATEMENT_KINDS = frozenset(("claim", "factor"))
_RELATION_KINDS: dict[str, type[Support] | type[Attack] | type[CausalLink]] = {
    "support": Support,
    "attack": Attack,
    "causal": CausalLink,
}
_ROLES = {
    "support": ("premise", "conclusion"),
    "attack": ("attacker", "target"),
    "causal": ("cause", "effect"),
}
_ROLE_NAMES = frozenset(role for pair in _ROLES.values() for role in pair)
_STRUCTURE = frozenset(
    ("premises", "conclusion", "attacker", "target", "cause", "effect", "id", "kind")
)


class _Reader:
    def __init__(self, origin: str | None) -> None:
        self.j = JsonInput(origin)
        self.parts = MapParts(origin)
        self.taken: set[str] = set()
        self.placeholders: set[str] = set()

    def read(self, doc: Any) -> ArgumentMap:
        j = self.j
        root = j.mapping(doc, "$", "a node-link document")
        graph = j.mapping(root.get("graph", {}), "$.graph", "graph attributes")
        ext = j.mapping(graph.get(EXT, {}), f"$.graph.{EXT}", "argmap's graph attributes")
        own = EXT in graph
        if own:
            title, description = j.heading(ext, f"$.graph.{EXT}")
            data = dict(j.mapping(ext.get("data", {}), f"$.graph.{EXT}.data", "data"))
        else:
            name = graph.get("title", graph.get("name"))
            title = name if isinstance(name, str) else None
            description = None
            data = {}
            kept = {k: v for k, v in root.items() if k not in ("nodes", "edges", "links")}
            if kept:
                data["node_link"] = kept
        agents, sources = (f"$.graph.{EXT}.{group}" for group in ("agents", "sources"))
        records: list[Agent | Source] = [
            *self.parts.read_group(j, ext.get("agents", []), agents, Agent, "an entry"),
            *self.parts.read_group(j, ext.get("sources", []), sources, Source, "an entry"),
        ]
        self.taken.update(record.id for record in records)

        edge_key = "edges" if "edges" in root or "links" not in root else "links"
        raw_nodes = j.array(j.require(root, "nodes", "$", "a list of nodes"), "$.nodes", "nodes")
        raw_edges = j.array(root.get(edge_key, []), f"$.{edge_key}", "edges")
        nodes: dict[str, tuple[dict[str, Any], str, str]] = {}
        ids: dict[str, str] = {}
        for i, raw in enumerate(raw_nodes):
            p = f"$.nodes[{i}]"
            obj = j.mapping(raw, p, "a node")
            nid = j.ident(j.require(obj, "id", p, "the node's id"), p + ".id", "a node id")
            if nid in nodes:
                j.fail(f"duplicate node id {nid!r}; expected unique ids", p + ".id")
            kind = obj.get("kind")
            nodes[nid] = (obj, p, kind if isinstance(kind, str) else "")
        self.taken.update(nodes)
        for nid in nodes:
            ids[nid] = nid if is_valid_id(nid) else make_id(nid, self.taken, "n")

        roles: dict[str, dict[str, list[str]]] = {}
        plain: list[tuple[str, str, dict[str, Any], str]] = []
        for k, raw in enumerate(raw_edges):
            p = f"$.{edge_key}[{k}]"
            obj = j.mapping(raw, p, "an edge")
            start, end = j.ends(obj, p, ("source", "target"), nodes)
            role = obj.get("kind", obj.get("key"))
            start_kind, end_kind = nodes[start][2], nodes[end][2]
            if (
                isinstance(role, str)
                and role in _ROLE_NAMES
                and (end_kind in _RELATION_KINDS or start_kind in _RELATION_KINDS)
            ):
                relation = end if role in ("premise", "attacker", "cause") else start
                other = start if relation == end else end
                if nodes[relation][2] not in _RELATION_KINDS:
                    j.fail(
                        f"a {role!r} edge must touch a support, attack or causal node at its "
                        f"{'target' if relation == end else 'source'}",
                        p,
                    )
                roles.setdefault(relation, {}).setdefault(role, []).append(ids[other])
            else:
                plain.append((start, end, obj, p))

        # argmap's "claims" view draws a relation that is attacked as a node without role edges;
        # the edges keyed by its id define it.
        keys = {str(obj.get("key")) for _, _, obj, _ in plain}
        self.placeholders = {
            nid
            for nid, (_, _, kind) in nodes.items()
            if kind in _RELATION_KINDS and nid not in roles and nid in keys
        }
        for nid, (obj, p, kind) in nodes.items():
            if kind in _RELATION_KINDS:
                continue
            self.parts.add("statements", self.statement(ids[nid], obj, p, kind, own), p)
        for nid, (obj, p, kind) in nodes.items():
            if kind not in _RELATION_KINDS or nid in self.placeholders:
                continue
            self.parts.add("relations", self.relation(ids[nid], obj, p, kind, roles), p)
        self.plain_edges(plain, ids)
        path = f"$.graph.{EXT}.attributions"
        self.parts.read_group(j, ext.get("attributions", []), path, Attribution, "an attribution")
        return self.parts.finish(title=title, description=description, data=data)

    def statement(
        self, rid: str, obj: Mapping[str, Any], p: str, kind: str, own: bool
    ) -> Claim | Factor:
        j = self.j
        where = {k: f".{k}" for k in obj}
        if kind in _STATEMENT_KINDS and own:
            fields = {k: v for k, v in obj.items() if k not in ("id",)}
            fields["id"] = rid
            model: type[Claim] | type[Factor] = Factor if kind == "factor" else Claim
            return j.build(model, fields, p, where)
        text = obj.get("text", obj.get("label", obj.get("id")))
        keep = {k: v for k, v in obj.items() if k not in ("id", "text", "label", "kind")}
        if isinstance(keep.get("relation"), bool):
            del keep["relation"]  # the marker of argmap's own graph views
        if kind and kind not in _STATEMENT_KINDS:
            keep["kind"] = kind
        fields = {"id": rid, "data": {"node_link": keep} if keep else {}}
        if kind == "factor":
            return j.build(Factor, fields | {"label": str(text)}, p, where)
        return j.build(Claim, fields | {"text": str(text)}, p, where)

    def relation(
        self,
        rid: str,
        obj: Mapping[str, Any],
        p: str,
        kind: str,
        roles: Mapping[str, Mapping[str, list[str]]],
    ) -> Support | Attack | CausalLink:
        j = self.j
        fields = {k: v for k, v in obj.items() if k not in _STRUCTURE}
        fields["id"] = rid
        mine = roles.get(str(obj["id"]), {})
        first, second = _ROLES[kind]
        sources, targets = mine.get(first, []), mine.get(second, [])
        if not sources or len(targets) != 1 or (kind != "support" and len(sources) != 1):
            want = "one or more" if kind == "support" else "exactly one"
            j.fail(
                f"the {kind} node has {len(sources)} {first} edge(s) and {len(targets)} {second} "
                f"edge(s); expected {want} {first} and exactly one {second}",
                p,
            )
        if kind == "support":
            fields |= {"premises": sources, "conclusion": targets[0]}
        elif kind == "attack":
            fields |= {"attacker": sources[0], "target": targets[0]}
        else:
            fields |= {"cause": sources[0], "effect": targets[0]}
        model = _RELATION_KINDS[kind]
        record: Support | Attack | CausalLink = j.build(model, fields, p, {k: f".{k}" for k in obj})
        return record

    def plain_edges(
        self, plain: list[tuple[str, str, dict[str, Any], str]], ids: Mapping[str, str]
    ) -> None:
        j = self.j
        # Relations in the order of their first edge; a support's premises may still come.
        order: list[tuple[str, dict[str, Any], str]] = []
        supports: dict[tuple[str, str], dict[str, Any]] = {}
        attacks: set[str] = set()
        for start, end, obj, p in plain:
            kind = obj.get("kind")
            key = obj.get("key")
            keep = {k: v for k, v in obj.items() if k not in ("source", "target", "key", "kind")}
            group = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else None
            if kind == "attack":
                if group is not None and group in attacks:
                    continue  # the other direction of a contradiction
                if group is not None:
                    attacks.add(group)
                # argmap's graphs call an attack's sort "sort"; other tools and older files "type"
                sort_key = "sort" if "sort" in keep else "type"
                kept = {k: v for k, v in keep.items() if k != sort_key}
                fields = {
                    "id": self.edge_id(group),
                    "attacker": ids[start],
                    "target": ids[end],
                    sort_key: keep.get(sort_key, "rebut"),
                    "data": {"node_link": kept} if kept else {},
                }
                order.append(("attack", fields, p))
            elif kind == "causal":
                kept = {k: v for k, v in keep.items() if k not in ("polarity", "modality")}
                fields = {
                    "id": self.edge_id(group),
                    "cause": ids[start],
                    "effect": ids[end],
                    "data": {"node_link": kept} if kept else {},
                    **{k: keep[k] for k in ("polarity", "modality") if k in keep},
                }
                order.append(("causal", fields, p))
            else:
                kept = {k: v for k, v in keep.items() if k != "linked"}
                if kind is not None and kind != "support":
                    kept["kind"] = kind
                slot = (group, end) if group is not None else (f"#{p}", end)
                if slot in supports:
                    supports[slot]["premises"].append(ids[start])
                    continue
                fields = {
                    "id": self.edge_id(group),
                    "premises": [ids[start]],
                    "conclusion": ids[end],
                    "data": {"node_link": kept} if kept else {},
                }
                supports[slot] = fields
                order.append(("support", fields, p))
        where = {
            "sort": ".sort",
            "type": ".type",
            "polarity": ".polarity",
            "modality": ".modality",
        }
        for kind, fields, p in order:
            record = j.build(_RELATION_KINDS[kind], fields, p, where)
            self.parts.add("relations", record, p)

    def edge_id(self, key: str | None) -> str:
        if key is not None and key in self.placeholders:
            self.placeholders.discard(key)
            return key
        if key is not None and is_valid_id(key) and key not in self.taken:
            self.taken.add(key)
            return key
        return make_id(key or "r", self.taken, "r")


def _node_link_object(m: ArgumentMap) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(a: str, b: str, role: str) -> None:
        edges.append({"source": a, "target": b, "key": role, "kind": role})

    for s in m.statements.values():
        nodes.append(s.model_dump(mode="json"))
    for rel in m.relations.values():
        fields = rel.model_dump(mode="json")
        for name in ("premises", "conclusion", "attacker", "target", "cause", "effect"):
            fields.pop(name, None)
        nodes.append(fields)
        if isinstance(rel, Support):
            for premise in rel.premises:
                edge(premise, rel.id, "premise")
            edge(rel.id, rel.conclusion, "conclusion")
        elif isinstance(rel, Attack):
            edge(rel.attacker, rel.id, "attacker")
            edge(rel.id, rel.target, "target")
        else:
            edge(rel.cause, rel.id, "cause")
            edge(rel.id, rel.effect, "effect")
    ext = document_ext(m)
    ext["agents"] = [a.model_dump(mode="json", exclude_none=True) for a in m.agents.values()]
    ext["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in m.sources.values()]
    ext["attributions"] = [a.model_dump(mode="json", exclude_none=True) for a in m.attributions]
    graph: dict[str, Any] = {"view": "aif", EXT: ext}
    if m.title is not None:
        graph["title"] = m.title
    return {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}


def parse_node_link(text: str | bytes, *, origin: str | None = None) -> ArgumentMap:
    """Read a map from node-link JSON text.

    Args:
        text: The JSON document, as ``networkx.node_link_data`` makes it (edges under ``edges``
            or, as older networkx writes, ``links``).
        origin: A file name to show in error messages.

    Raises:
        FormatError: Invalid JSON (with line and column), or a missing or ill-typed field, a
            duplicate node id, an edge to an unknown node, a relation node without its ends (with
            its JSON path).

    Examples:
        >>> doc = {"directed": True, "nodes": [{"id": 1, "label": "It rains"},
        ...        {"id": 2, "label": "The street is wet"}], "links": [{"source": 1, "target": 2}]}
        >>> m = parse_node_link(json.dumps(doc))
        >>> [(r.kind, r.premises, r.conclusion) for r in m.relations.values()]
        [('support', ('1',), '2')]
    """
    reader = _Reader(origin)
    with collector_paused():
        return reader.read(reader.j.load(text))


def read_node_link(path_or_file: PathOrFile) -> ArgumentMap:
    """Read a map from a node-link JSON file (a path or an open file).

    Raises:
        FormatError: The file is missing, unreadable or not valid; the message names it.
    """
    text, name = read_text(path_or_file)
    return parse_node_link(text, origin=name)


def generate_node_link(m: ArgumentMap, *, indent: int | None = 2) -> str:
    """Return the map as node-link JSON text (the ``"aif"`` view, every field on its node).

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.causes(m.factor("blockade"), m.factor("migration"), polarity="+")
        >>> [e["kind"] for e in json.loads(generate_node_link(m))["edges"]]
        ['cause', 'effect']
    """
    return json.dumps(_node_link_object(m), ensure_ascii=False, indent=indent)


def write_node_link(m: ArgumentMap, path_or_file: PathOrFile, *, indent: int | None = 2) -> None:
    """Write the map as node-link JSON to a path (atomically) or an open file."""
    atomic_write(path_or_file, generate_node_link(m, indent=indent) + "\n")
