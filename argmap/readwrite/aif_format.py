"""AIF JSON: the Argument Interchange Format as AIFdb, OVA and the AMF pipeline (xAIF) save it.

An AIF graph has information nodes (``I``: what is said), scheme nodes between them (``RA``
inference, ``CA`` conflict, ``MA`` rephrase, ``PA`` preference) and, in dialogue corpora, a layer of
locutions (``L``: who said which words), illocutionary anchors (``YA``: asserting, questioning,
arguing...) and transitions (``TA``). How argmap reads it:

=====================  ==========================================================================
AIF                    argmap
=====================  ==========================================================================
I node                 :class:`~argmap.model.Claim` with the nodeID as its id
RA node                :class:`~argmap.model.Support` from the I nodes pointing in to the one node
                       it points to; the ``scheme`` (or the text, unless it is just ``RA``) is the
                       support's scheme
CA node                :class:`~argmap.model.Attack`: ``undercut`` when it points to a scheme node,
                       else ``rebut``; further attackers go to ``data["linked_attackers"]``
MA node                a *rephrase link*, not a merge: a Support with the MA's scheme (``Default
                       Rephrase``) and ``data["aif_type"] = "MA"``; both wordings stay claims
PA node                not mapped: argmap has no preferences (kept in ``data["aif"]``)
L + YA                 an :class:`~argmap.model.Attribution` of the YA's target: the speaker is the
                       locution's participant (``locutions`` + ``participants``; without them, the
                       text before the L node's first colon), the stance comes from the YA
                       (asserting, arguing, agreeing, conceding → asserts; disagreeing → denies;
                       questioning, challenging → questions), the quote is the L node's words
TA + YA (Arguing)      an attribution of the scheme node to the speaker the transition leads to
L → YA → L             reported speech: the outer speaker is the attribution's ``reported_by``
participants           :class:`~argmap.model.Agent` (every participant, used or not)
=====================  ==========================================================================

Quotes need a source text: xAIF's ``text`` (its ``<span id="node…">`` marks locate each L node)
becomes a source, and L nodes it does not hold go, one per line, into a ``Transcript`` source
built from the L nodes' texts. Nothing is dropped silently: fields a record cannot hold go to its
``data["aif"]`` (``timestamp``, ``schemeID``, the ``edges`` it stands for, ids and all, which the
writer reuses where they fit and warns about where not), and whatever becomes no record (L, YA and
TA nodes of a foreign file, their edges, locutions, PA nodes, nodes that cannot be mapped, with
the reason, ``schemefulfillments``, xAIF's ``OVA`` block) is kept in the map's ``data["aif"]`` and
``data["xaif"]``.

The writer produces AIFdb-style JSON (``nodes``, ``edges``, ``locutions``, ``participants``) that
any AIF tool can read, and keeps what AIF cannot say in an ``"argmap"`` member of the nodes and the
document (factors, causal links as ``Cause To Effect`` RA nodes with their polarity, tags, sources,
quote spans and utterances, map data), so that reading it back gives the same map. An
argmap-written L or YA node carries that member; the reader treats such nodes as its own and keeps
no raw copy of them.

Examples:
    >>> import json
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> cl = m.agent("Carl Lewis", id="cl")
    >>> post = m.source("Post", id="post", text="Brutality was the only way.")
    >>> c = m.claim("Brutality was the only way", by=cl, quote=m.quote(post, "Brutality"))
    >>> s = m.support(m.claim("Macmillan saw no way forward"), c, scheme="Default Inference")
    >>> text = generate_aif(m)
    >>> parse_aif(text) == m
    True
    >>> sorted(n["type"] for n in json.loads(text)["nodes"])
    ['I', 'I', 'L', 'RA', 'YA']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from types import MappingProxyType
from typing import Any, NamedTuple

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
    Quote,
    Source,
    Support,
)
from argmap.readwrite._interchange import (
    CAUSAL_FIELDS,
    EdgeIds,
    JsonInput,
    MapParts,
    causal_ext,
    common_ext,
    document_ext,
    edges_to_keep,
    is_valid_id,
    keep_edges,
    linked_attackers,
    make_id,
    record_fields,
    slug,
    spread_reasons,
    statement_ext,
    where_fields,
)

__all__ = ["generate_aif", "parse_aif", "read_aif", "write_aif"]

EXT = "argmap"
"""Name of the member that carries what AIF cannot say, on nodes, participants and the document."""

_SCHEME_TYPES = frozenset(("RA", "CA", "MA", "PA"))
_KNOWN_TYPES = frozenset(("I", "RA", "CA", "MA", "PA", "L", "YA", "TA"))
_I_RESERVED = frozenset(("nodeID", "type", "text", EXT))
_S_RESERVED = frozenset(("nodeID", "type", "text", "scheme", EXT))
_CA_RESERVED = frozenset(("nodeID", "type", EXT))
_DEFAULT_CONFLICT = "Default Conflict"
_CAUSAL_SCHEME = "Cause To Effect"

# YA names (scheme or text), compared without spaces, dashes or case.
_ASSERTS = frozenset(
    (
        "asserting",
        "arguing",
        "agreeing",
        "restating",
        "conceding",
        "popularconceding",
        "defaultillocuting",
        "illocuting",
    )
)
_DENIES = frozenset(("disagreeing", "denying", "refuting", "rejecting"))
_QUESTIONS = frozenset(
    (
        "questioning",
        "purequestioning",
        "assertivequestioning",
        "rhetoricalquestioning",
        "challenging",
        "purechallenging",
        "assertivechallenging",
        "rhetoricalchallenging",
    )
)
_YA_FOR = {"asserts": "Asserting", "denies": "Disagreeing", "questions": "Pure Questioning"}
_PREFIX = re.compile(r"([^:\n]{1,60}?)\s*:\s+")


def _stance_of(name: str) -> str | None:
    key = re.sub(r"[\s_-]+", "", name).lower()
    if key in _ASSERTS:
        return "asserts"
    if key in _DENIES:
        return "denies"
    if key in _QUESTIONS:
        return "questions"
    return None


class _Spans(HTMLParser):
    """Plain text of xAIF's HTML ``text``, with the span of every ``<span id="node…">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.open: list[tuple[str | None, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data("\n")
        elif tag == "span":
            ident = dict(attrs).get("id")
            node = ident[4:] if ident and ident.startswith("node") else None
            self.open.append((node, self.size))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            node, start = self.open.pop()
            if node is not None and node not in self.spans:
                self.spans[node] = (start, self.size)
        elif tag in ("p", "div"):
            self.handle_data("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.size += len(data)


def _html_text(html: str) -> tuple[str, dict[str, tuple[int, int]]]:
    parser = _Spans()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.spans


# --------------------------------------------------------------------------- reading
class _Node(NamedTuple):
    nid: str
    type: str
    text: str
    raw: dict[str, Any]
    path: str


_Edge = tuple[str, str, dict[str, Any]]
_EMPTY: Mapping[str, Any] = MappingProxyType({})
_WHERE = where_fields(f".{EXT}", id=".nodeID", text=".text", label=".text", scheme=".scheme")
_PARTICIPANT_WHERE = {k: f".{EXT}.{k}" for k in ("id", "name", "role", "aliases", "data")}


class _AifReader:
    """One pass of reading: the parts of the map and the bookkeeping of what was used."""

    def __init__(self, origin: str | None) -> None:
        self.j = JsonInput(origin)
        self.parts = MapParts(origin)
        self.taken: set[str] = set()
        self.base = "$"
        self.nodes: dict[str, _Node] = {}
        self.order: list[_Node] = []
        self.ids: dict[str, str] = {}
        self.edges: list[_Edge] = []
        # Edges are sorted as they are read: premise edges (I → scheme node), conclusion edges
        # (scheme node → I or scheme node), and all others (the dialogue layer), by node.
        self.premise_edges: dict[str, list[int]] = {}
        self.conclusion_edges: dict[str, list[int]] = {}
        self.outs: dict[str, list[int]] = {}
        self.ins: dict[str, list[int]] = {}
        self.consumed: set[int] = set()
        self.own = False  # argmap wrote the document
        self.mapped: set[str] = set()
        self.unmapped: list[dict[str, Any]] = []
        self.agent_of_person: dict[str, str] = {}
        self.agent_of_label: dict[str, str] = {}
        self.agent_names: dict[str, str] = {}
        self.speakers: dict[str, tuple[str | None, int]] = {}
        self.person_of: dict[str, str] = {}

    # ---------------------------------------------------------------- helpers
    def ext(self, raw: Mapping[str, Any], path: str) -> Mapping[str, Any]:
        value = raw.get(EXT)  # read, never changed: no copy (many nodes carry one)
        return (
            _EMPTY
            if value is None
            else self.j.mapping(value, f"{path}.{EXT}", "argmap's extension")
        )

    def ext_data(self, ext: Mapping[str, Any], path: str) -> dict[str, Any]:
        return self.j.member(ext, "data", f"{path}.{EXT}", "data")

    def node_field(self, obj: Mapping[str, Any], field: str, path: str, what: str) -> str:
        value = self.j.require(obj, field, path, what)
        if field == "type":
            return self.j.string(value, f"{path}.type", what)
        return self.j.ident(value, f"{path}.{field}", what)

    # ---------------------------------------------------------------- the document
    def read(self, doc: Any) -> ArgumentMap:
        j = self.j
        root = j.mapping(doc, "$", "an AIF document")
        outer: dict[str, Any] = {}
        html: str | None = None
        if "AIF" in root and "nodes" not in root:
            self.base = "$.AIF"
            aif = j.mapping(root["AIF"], self.base, "the AIF graph")
            outer = {k: v for k, v in root.items() if k not in ("AIF", EXT)}
            html = j.optional_string(root.get("text"), "$.text", "the analysed text")
        else:
            aif = root
        top = self.ext(root, "$")
        self.own = EXT in root
        title, description = j.heading(top, f"$.{EXT}")
        data = self.ext_data(top, "$")
        sources = top.get("sources", [])
        for source in self.parts.read_group(j, sources, f"$.{EXT}.sources", Source, "a source"):
            self.taken.add(source.id)

        self.read_nodes(aif)
        self.read_edges(aif)
        self.read_participants(aif)
        self.assign_ids()
        self.read_statements()
        self.read_schemes()
        locutions, loc_consumed = self.read_locutions(aif)
        self.read_dialogue(locutions, html)

        # What became no record is kept raw: nodes, edges, locutions, and the reasons.
        consumed, mapped = self.consumed, self.mapped
        raw: dict[str, list[Any]] = {
            "nodes": [
                n.raw
                for n in self.order
                if n.nid not in mapped and not (n.type in ("L", "YA") and EXT in n.raw)
            ],
            "edges": [edge[2] for k, edge in enumerate(self.edges) if k not in consumed],
            "locutions": [loc for k, (_, _, loc) in enumerate(locutions) if k not in loc_consumed],
            "unmapped": self.unmapped,
        }
        kept: dict[str, Any] = {k: v for k, v in raw.items() if v}
        graph = ("nodes", "edges", "locutions", "participants", EXT)
        kept |= {k: v for k, v in aif.items() if k not in graph}
        if kept:
            previous = data.get("aif")
            data["aif"] = {**previous, **kept} if isinstance(previous, dict) else kept
        if outer:
            data["xaif"] = outer
        return self.parts.finish(title=title, description=description, data=data)

    def read_nodes(self, aif: Mapping[str, Any]) -> None:
        j = self.j
        path = f"{self.base}.nodes"
        raw_nodes = j.array(j.require(aif, "nodes", self.base, "a list of nodes"), path, "nodes")
        nodes = self.nodes
        order = self.order
        for i, obj in enumerate(raw_nodes):
            p = f"{path}[{i}]"
            if type(obj) is not dict:
                j.mapping(obj, p, "a node")
            nid = obj.get("nodeID")
            if type(nid) is not str:
                nid = self.node_field(obj, "nodeID", p, "the node's id")
            ntype = obj.get("type")
            if type(ntype) is not str:
                ntype = self.node_field(
                    obj, "type", p, "a node type (I, RA, CA, MA, PA, L, YA, TA)"
                )
            text = obj.get("text", "")
            if type(text) is not str:
                text = j.optional_string(text, p + ".text", "the node's text") or ""
            if nid in nodes:
                j.fail(
                    f"duplicate nodeID {nid!r} (also at {nodes[nid].path}); expected unique ids",
                    p + ".nodeID",
                )
            node = _Node(nid, ntype, text, obj, p)
            nodes[nid] = node
            order.append(node)
        self.taken.update(nodes)

    def read_edges(self, aif: Mapping[str, Any]) -> None:
        j = self.j
        path = f"{self.base}.edges"
        types = {nid: node.type for nid, node in self.nodes.items()}
        edges = self.edges
        premise_edges, conclusion_edges = self.premise_edges, self.conclusion_edges
        outs, ins = self.outs, self.ins
        schemes = _SCHEME_TYPES
        for k, obj in enumerate(j.array(aif.get("edges", []), path, "edges")):
            if type(obj) is not dict:
                j.mapping(obj, f"{path}[{k}]", "an edge")
            start, end = obj.get("fromID"), obj.get("toID")
            if type(start) is str and type(end) is str:  # the fast path; ids may be integers
                start_type, end_type = types.get(start), types.get(end)
            else:
                start_type = end_type = None
            if start_type is None or end_type is None:
                where = f"the nodeID of a node in {self.base}.nodes"
                start, end = j.ends(obj, f"{path}[{k}]", ("fromID", "toID"), self.nodes, where)
                start_type, end_type = types[start], types[end]
            edges.append((start, end, obj))
            if end_type in schemes and start_type == "I":
                premise_edges.setdefault(end, []).append(k)
            elif start_type in schemes and (end_type == "I" or end_type in schemes):
                conclusion_edges.setdefault(start, []).append(k)
            else:
                outs.setdefault(start, []).append(k)
                ins.setdefault(end, []).append(k)

    def read_participants(self, aif: Mapping[str, Any]) -> None:
        j = self.j
        path = f"{self.base}.participants"
        for i, raw in enumerate(j.array(aif.get("participants", []), path, "participants")):
            p = f"{path}[{i}]"
            obj = j.mapping(raw, p, "a participant")
            pid = j.ident(
                j.require(obj, "participantID", p, "the participant's id"),
                p + ".participantID",
                "an id",
            )
            first = j.optional_string(obj.get("firstname"), p + ".firstname", "a name") or ""
            last = j.optional_string(obj.get("surname"), p + ".surname", "a name") or ""
            ext = self.ext(obj, p)
            joined = f"{first} {last}" if first and last else first or last
            name = ext.get("name", joined or f"Participant {pid}")
            data = self.ext_data(ext, p)
            extras = {k: v for k, v in obj.items() if k not in ("firstname", "surname", EXT)}
            if ext:
                extras.pop("participantID", None)
            if extras:
                data["aif"] = extras
            if "id" in ext:
                aid = j.string(ext["id"], f"{p}.{EXT}.id", "an agent id")
                self.taken.add(aid)
            else:
                fallback = f"participant-{pid}"
                aid = make_id(slug(str(name)) or fallback, self.taken, fallback)
            fields = {
                "id": aid,
                "name": name,
                "role": ext.get("role"),
                "aliases": ext.get("aliases", ()),
                "data": data,
            }
            agent = j.build(Agent, fields, p, _PARTICIPANT_WHERE)
            self.parts.add("agents", agent, p)
            self.agent_names[agent.id] = agent.name
            self.agent_of_person.setdefault(pid, agent.id)

    def assign_ids(self) -> None:
        ids = self.ids
        for node in self.order:
            nid = node.nid
            ids[nid] = nid if is_valid_id(nid) else make_id(nid, self.taken, f"n{len(ids) + 1}")

    # ---------------------------------------------------------------- argument layer
    def read_statements(self) -> None:
        j = self.j
        ids, parts, mapped = self.ids, self.parts, self.mapped
        for node in self.order:
            if node.type != "I":
                continue
            raw, p = node.raw, node.path
            ext = self.ext(raw, p)
            data = self.ext_data(ext, p) if ext else {}
            reserved = ("nodeID" in raw) + ("type" in raw) + ("text" in raw) + (EXT in raw)
            if len(raw) > reserved:
                data["aif"] = {k: v for k, v in raw.items() if k not in _I_RESERVED}
            fields = record_fields(ids[node.nid], ext, data)
            kind = ext.get("kind", "claim")
            record: Claim | Factor
            if kind == "claim":
                fields["text"] = node.text
                record = j.build(Claim, fields, p, _WHERE)
            elif kind == "factor":
                fields["label"] = node.text
                fields["opposite"] = ext.get("opposite")
                record = j.build(Factor, fields, p, _WHERE)
            else:
                j.fail(f"unknown kind {kind!r}; expected 'claim' or 'factor'", f"{p}.{EXT}.kind")
            parts.add("statements", record, p)
            mapped.add(node.nid)

    def read_schemes(self) -> None:
        # A scheme node maps when an I node points in and it points to exactly one I or scheme
        # node, which maps too; failures spread along chains of scheme nodes, iteratively.
        nodes, edges = self.nodes, self.edges
        premise_edges, conclusion_edges = self.premise_edges, self.conclusion_edges
        reasons: dict[str, str] = {}
        waiting: dict[str, list[str]] = {}
        schemes = [n for n in self.order if n.type in _SCHEME_TYPES]
        for node in schemes:
            nid = node.nid
            targets = conclusion_edges.get(nid, ())
            if node.type == "PA":
                reasons[nid] = "argmap has no preferences (PA)"
            elif nid not in premise_edges:
                reasons[nid] = "no I node points to it"
            elif len(targets) != 1:
                reasons[nid] = f"it points to {len(targets)} nodes; expected one conclusion"
            else:
                end = edges[targets[0]][1]
                if nodes[end].type != "I":
                    waiting.setdefault(end, []).append(nid)
        spread_reasons(reasons, waiting)
        ids, mapped = self.ids, self.mapped
        relations, relation_paths = self.parts.relations, self.parts.paths["relations"]
        for node in schemes:
            nid = node.nid
            if nid in reasons:
                self.unmapped.append({"nodeID": nid, "type": node.type, "reason": reasons[nid]})
                continue
            incoming = premise_edges[nid]
            if len(incoming) == 1:
                used = [incoming[0]]
            else:  # a premise drawn twice is one premise; its further edges are kept raw
                first: dict[str, int] = {}
                for k in incoming:
                    first.setdefault(edges[k][0], k)
                used = list(first.values())
            premises = [ids[edges[k][0]] for k in used]
            used.append(conclusion_edges[nid][0])
            end = edges[used[-1]][1]
            relations.append(self.scheme(node, premises, ids[end], nodes[end].type != "I", used))
            relation_paths.append(node.path)
            mapped.add(nid)
        for node in self.order:
            if node.type not in _KNOWN_TYPES:
                self.unmapped.append(
                    {"nodeID": node.nid, "type": node.type, "reason": "unknown node type"}
                )

    def keep_edges(
        self, data: dict[str, Any], used: list[int], ext: Mapping[str, Any], p: str
    ) -> None:
        """Keep the edges a relation is made of (their ids, say) in its ``data["aif"]``: a foreign
        file's, and those argmap wrote as kept; if the data has no room, the map keeps them."""
        if self.own and "keep_edges" not in ext:  # the common case: argmap's own fresh edges
            self.consumed.update(used)
            return
        ids, edges = self.ids, self.edges
        wanted = edges_to_keep(self.j, self.own, ext, f"{p}.{EXT}", "edgeID")
        chosen = [k for k in used if wanted is None or str(edges[k][2].get("edgeID")) in wanted]
        kept = [
            edges[k][2] | {"fromID": ids[edges[k][0]], "toID": ids[edges[k][1]]} for k in chosen
        ]
        if kept and not keep_edges(data, "aif", kept):
            used = [k for k in used if k not in chosen]  # the chosen stay raw in the map
        self.consumed.update(used)

    def scheme(
        self, node: _Node, premises: list[str], conclusion: str, to_scheme: bool, used: list[int]
    ) -> Support | Attack | CausalLink:
        j = self.j
        raw, p = node.raw, node.path
        ext = self.ext(raw, p)
        data = self.ext_data(ext, p) if ext else {}
        fields = record_fields(self.ids[node.nid], ext, data)
        kind = ext.get("kind", "attack" if node.type == "CA" else "support")
        if node.type == "CA":
            if kind != "attack":
                j.fail(f"a CA node is an attack, not a {kind!r}", f"{p}.{EXT}.kind")
            extras = {k: v for k, v in raw.items() if k not in _CA_RESERVED}
            if extras.get("text") == _DEFAULT_CONFLICT:
                del extras["text"]
            if extras:
                data["aif"] = extras
            self.keep_edges(data, used, ext, p)
            if len(premises) > 1:
                data["linked_attackers"] = premises[1:]
            fields["attacker"] = premises[0]
            fields["target"] = conclusion
            fields["type"] = ext.get("type", "undercut" if to_scheme else "rebut")
            return j.build(Attack, fields, p, _WHERE)
        reserved = ("nodeID" in raw) + ("type" in raw) + ("text" in raw) + ("scheme" in raw)
        if len(raw) > reserved + (EXT in raw):
            data["aif"] = {k: v for k, v in raw.items() if k not in _S_RESERVED}
        self.keep_edges(data, used, ext, p)
        if kind == "causal":
            if node.type != "RA" or len(premises) != 1:
                j.fail(
                    f"a causal link is an RA node with exactly one cause; found a {node.type} "
                    f"node with {len(premises)}",
                    p,
                )
            fields["cause"] = premises[0]
            fields["effect"] = conclusion
            fields |= {k: ext[k] for k in CAUSAL_FIELDS if k in ext}
            return j.build(CausalLink, fields, p, _WHERE)
        if kind != "support":
            j.fail(
                f"unknown kind {kind!r} for a {node.type} node; expected 'support' or 'causal'",
                f"{p}.{EXT}.kind",
            )
        scheme = raw.get("scheme")
        if scheme is None:
            scheme = node.text if node.text and node.text != node.type else None
        elif type(scheme) is not str:
            j.string(scheme, p + ".scheme", "a scheme name")
        if node.type == "MA":
            data["aif_type"] = "MA"
        fields["premises"] = premises
        fields["conclusion"] = conclusion
        fields["scheme"] = scheme
        return j.build(Support, fields, p, _WHERE)

    # ---------------------------------------------------------------- dialogue layer
    def read_locutions(
        self, aif: Mapping[str, Any]
    ) -> tuple[list[tuple[str, str | None, dict[str, Any]]], set[int]]:
        j = self.j
        path = f"{self.base}.locutions"
        locutions: list[tuple[str, str | None, dict[str, Any]]] = []
        consumed: set[int] = set()
        for k, raw in enumerate(j.array(aif.get("locutions", []), path, "locutions")):
            p = f"{path}[{k}]"
            obj = j.mapping(raw, p, "a locution")
            nid = j.ident(j.require(obj, "nodeID", p, "an L node's id"), p + ".nodeID", "an id")
            person = obj.get("personID")
            pid = None if person is None else j.ident(person, p + ".personID", "a person id")
            locutions.append((nid, pid, obj))
            if pid is not None:
                self.person_of.setdefault(nid, pid)
            node = self.nodes.get(nid)
            if node is not None and node.type == "L" and EXT in node.raw:
                consumed.add(k)
        return locutions, consumed

    def agent_for_person(self, pid: str, label: str | None) -> str:
        aid = self.agent_of_person.get(pid)
        if aid is None:
            name = label or f"Person {pid}"
            aid = make_id(slug(name) or f"person-{pid}", self.taken, f"person-{pid}")
            agent = Agent(id=aid, name=name, data={"aif": {"personID": pid}})
            self.parts.add("agents", agent, f"{self.base}.locutions")
            self.agent_of_person[pid] = aid
            self.agent_names[aid] = name
        return aid

    def agent_for_label(self, label: str, path: str) -> str:
        aid = self.agent_of_label.get(label)
        if aid is None:
            aid = make_id(slug(label) or "speaker", self.taken, "speaker")
            self.parts.add("agents", Agent(id=aid, name=label), path)
            self.agent_of_label[label] = aid
            self.agent_names[aid] = label
        return aid

    def speaker(self, l_node: _Node) -> tuple[str | None, int]:
        """The agent who speaks an L node, and where its words start in its text."""
        known = self.speakers.get(l_node.nid)
        if known is not None:
            return known
        ext = self.ext(l_node.raw, l_node.path)
        result: tuple[str | None, int] = (None, 0)
        if ext:
            agent = ext.get("agent")
            if agent is not None:
                agent = self.j.string(agent, f"{l_node.path}.{EXT}.agent", "an agent id")
            result = (agent, 0)
        else:
            text = l_node.text
            label_match = _PREFIX.match(text)
            pid = self.person_of.get(l_node.nid)
            if pid is not None:
                label = label_match.group(1).strip() if label_match else None
                aid = self.agent_for_person(pid, label)
                name = self.agent_names.get(aid, "")
                after = re.match(r"\s*:\s*", text[len(name) :]) if name else None
                if name and text.startswith(name) and after:
                    result = (aid, len(name) + after.end())
                else:
                    result = (aid, label_match.end() if label_match else 0)
            elif label_match:
                label = label_match.group(1).strip()
                result = (self.agent_for_label(label, l_node.path), label_match.end())
        self.speakers[l_node.nid] = result
        return result

    def utterance(self, l_node: _Node) -> str | None:
        """The utterance an argmap-written L node records (see Attribution.utterance), if any."""
        value = self.ext(l_node.raw, l_node.path).get("utterance")
        return None if value is None else self.j.string(value, f"{l_node.path}.{EXT}", "a key")

    def reporter(self, l_node: _Node) -> str | None:
        """The speaker who reports an L node (L → YA → L), if any."""
        nodes, edges = self.nodes, self.edges
        for k in self.ins.get(l_node.nid, ()):
            ya = nodes[edges[k][0]]
            if ya.type != "YA" or self.ya_stance(ya) is None:
                continue
            for k2 in self.ins.get(ya.nid, ()):
                outer = nodes[edges[k2][0]]
                if outer.type == "L":
                    return self.speaker(outer)[0]
        return None

    def ya_stance(self, ya: _Node) -> str | None:
        ext = self.ext(ya.raw, ya.path)
        if "stance" in ext:
            return self.j.string(ext["stance"], f"{ya.path}.{EXT}.stance", "a stance")
        scheme = ya.raw.get("scheme")
        name = scheme if isinstance(scheme, str) and scheme else ya.text
        return _stance_of(name)

    def read_dialogue(
        self, locutions: list[tuple[str, str | None, dict[str, Any]]], html: str | None
    ) -> None:
        j = self.j
        nodes, edges, ids = self.nodes, self.edges, self.ids
        outs, ins, mapped, consumed = self.outs, self.ins, self.mapped, self.consumed
        # First what each YA node says; quotes are located once every L node wanted is known.
        wanted: list[tuple[str, str | None, str, str | None, _Node | None, str]] = []
        for node in self.order:
            if node.type == "L" and EXT in node.raw:
                consumed.update(ins.get(node.nid, ()))
                consumed.update(outs.get(node.nid, ()))
            if node.type != "YA":
                continue
            if EXT in node.raw:
                consumed.update(ins.get(node.nid, ()))
                consumed.update(outs.get(node.nid, ()))
            stance = self.ya_stance(node)
            if stance is None:
                continue
            targets = [edges[k][1] for k in outs.get(node.nid, ()) if edges[k][1] in mapped]
            for k in ins.get(node.nid, ()):
                src = nodes[edges[k][0]]
                if src.type == "L":
                    agent = self.speaker(src)[0]
                    said_by = self.reporter(src)
                    wanted.extend((ids[t], agent, stance, said_by, src, node.path) for t in targets)
                elif src.type == "TA":
                    ends = [nodes[edges[k2][1]] for k2 in outs.get(src.nid, ())]
                    late = next((n for n in ends if n.type == "L"), None)
                    agent = self.speaker(late)[0] if late is not None else None
                    wanted.extend((ids[t], agent, stance, None, None, node.path) for t in targets)
        quotes = self.locate_quotes([w[4] for w in wanted if w[4] is not None], html)
        for target, agent, stance, said_by, l_node, path in wanted:
            fields = {
                "target": target,
                "agent": agent,
                "stance": stance,
                "reported_by": said_by,
                "quote": None if l_node is None else quotes.get(l_node.nid),
                "utterance": None if l_node is None else self.utterance(l_node),
            }
            self.parts.add("attributions", j.build(Attribution, fields, path), path)

    def locate_quotes(self, l_nodes: list[_Node], html: str | None) -> dict[str, Quote]:
        j = self.j
        quotes: dict[str, Quote] = {}
        text_source: str | None = None
        plain = ""
        spans: dict[str, tuple[int, int]] = {}
        if html:
            plain, spans = _html_text(html)
            text_source = make_id("text", self.taken, "text")
            self.parts.add(
                "sources",
                Source(id=text_source, title="Analysed text", text=plain, type="text"),
                "$.text",
            )
        lines: list[tuple[_Node, int]] = []
        for l_node in {n.nid: n for n in l_nodes}.values():
            ext = self.ext(l_node.raw, l_node.path)
            if ext:
                if ext.get("quote") is not None:
                    qpath = f"{l_node.path}.{EXT}.quote"
                    fields = j.mapping(ext["quote"], qpath, "a quote")
                    quotes[l_node.nid] = j.build(
                        Quote, dict(fields), qpath, {k: f".{k}" for k in fields}
                    )
                continue
            start = self.speaker(l_node)[1]
            words = l_node.text[start:]
            span = spans.get(l_node.nid)
            if text_source is not None and span is not None and span[1] > span[0]:
                quotes[l_node.nid] = Quote(
                    source=text_source, text=plain[span[0] : span[1]], start=span[0], end=span[1]
                )
            elif text_source is not None and words and words in plain:
                at = plain.index(words)
                quotes[l_node.nid] = Quote(
                    source=text_source, text=words, start=at, end=at + len(words)
                )
            elif words.strip():
                lines.append((l_node, start))
        if lines:
            transcript = make_id("transcript", self.taken, "transcript")
            offset = 0
            for l_node, start in lines:
                quotes[l_node.nid] = Quote(
                    source=transcript,
                    text=l_node.text[start:],
                    start=offset + start,
                    end=offset + len(l_node.text),
                )
                offset += len(l_node.text) + 1
            self.parts.add(
                "sources",
                Source(
                    id=transcript,
                    title="Transcript",
                    text="\n".join(l_node.text for l_node, _ in lines),
                    type="transcript",
                    data={"aif": {"built_from": "the texts of the L nodes, one a line"}},
                ),
                f"{self.base}.nodes",
            )
        return quotes


def parse_aif(text: str | bytes, *, origin: str | None = None) -> ArgumentMap:
    """Read a map from AIF JSON or xAIF text.

    Args:
        text: The JSON document: an AIF graph (``nodes``, ``edges``...) or an xAIF document
            (``{"AIF": {...}, "text": ...}``).
        origin: A file name to show in error messages.

    Returns:
        The map (see the module docs for how each AIF element maps).

    Raises:
        FormatError: Invalid JSON (with line and column), or a field that is missing or of the
            wrong type, a duplicate nodeID, an edge to an unknown node (with its JSON path).

    Examples:
        >>> import json
        >>> doc = {"nodes": [{"nodeID": "1", "text": "It rains", "type": "I"},
        ...                  {"nodeID": "2", "text": "Take an umbrella", "type": "I"},
        ...                  {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
        ...        "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"},
        ...                  {"edgeID": "2", "fromID": "3", "toID": "2"}]}
        >>> m = parse_aif(json.dumps(doc))
        >>> s = m["3"]
        >>> s.premises, s.conclusion, s.scheme
        (('1',), '2', 'Default Inference')
        >>> parse_aif('{"nodes": [{"nodeID": "1", "type": "I", "text": 5}]}')
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>: $.nodes[0].text: expected the node's text (a ...
    """
    reader = _AifReader(origin)
    with collector_paused():
        return reader.read(reader.j.load(text))


def read_aif(path_or_file: PathOrFile) -> ArgumentMap:
    """Read a map from an AIF JSON or xAIF file (a path or an open file).

    Raises:
        FormatError: The file is missing, unreadable or not valid AIF; the message names it.
    """
    text, name = read_text(path_or_file)
    return parse_aif(text, origin=name)


# --------------------------------------------------------------------------- writing
def _split_data(
    data: Mapping[str, Any], reserved: Iterable[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a record's data into AIF node fields (its ``"aif"`` part) and the rest."""
    fields = data.get("aif")
    rest = dict(data)
    if isinstance(fields, dict) and fields and not set(fields) & set(reserved):
        del rest["aif"]
        return dict(fields), rest
    return {}, rest


def _aif_object(m: ArgumentMap) -> tuple[dict[str, Any], EdgeIds]:
    nodes: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    used = set(m.statements) | set(m.relations)
    counter = [0]
    drawn = EdgeIds("AIF", ("edgeID", "fromID", "toID"), lambda n: n)

    def fresh(prefix: str) -> str:
        while True:
            counter[0] += 1
            candidate = f"{prefix}{counter[0]}"
            if candidate not in used:
                used.add(candidate)
                return candidate

    def edge(a: str, b: str) -> None:
        drawn.add(a, b, None)

    for sid, s in m.statements.items():
        fields, rest = _split_data(s.data or {}, _I_RESERVED)
        node: dict[str, Any] = {"nodeID": sid, "text": s.text, "type": "I", **fields}
        ext = statement_ext(s, rest)
        if ext:
            node[EXT] = ext
        nodes.append(node)

    statements = m.statements
    for rid, rel in m.relations.items():
        # Edge ids the relation kept from the file it was read from go back on its edges.
        data, kept = drawn.split(rel.data, "aif")
        ends: list[tuple[str, str]]
        if isinstance(rel, Support):
            fields, rest = _split_data(data, _S_RESERVED)
            ntype = "RA"
            if rest.get("aif_type") == "MA":
                ntype = "MA"
                del rest["aif_type"]
            node = {"nodeID": rid, "text": rel.scheme if rel.scheme is not None else ntype}
            node["type"] = ntype
            if rel.scheme is not None:
                node["scheme"] = rel.scheme
            node |= fields
            ext = common_ext(rel, rest)
            ends = [(premise, rid) for premise in rel.premises] + [(rid, rel.conclusion)]
        elif isinstance(rel, Attack):
            fields, rest = _split_data(data, _CA_RESERVED)
            if "text" in fields and (
                fields["text"] == _DEFAULT_CONFLICT or not isinstance(fields["text"], str)
            ):
                fields, rest = {}, data
            node = {"nodeID": rid, "text": _DEFAULT_CONFLICT, "type": "CA", **fields}
            attackers = [rel.attacker, *linked_attackers(rest, statements, rel.attacker)]
            ends = [(attacker, rid) for attacker in attackers] + [(rid, rel.target)]
            ext = {}
            if rel.sort in ("undermine", "contradict"):
                ext["type"] = rel.sort
            ext |= common_ext(rel, rest)
        else:
            fields, rest = _split_data(data, _S_RESERVED)
            node = {"nodeID": rid, "text": _CAUSAL_SCHEME, "type": "RA"}
            node |= {"scheme": _CAUSAL_SCHEME, **fields}
            ext = causal_ext(rel) | common_ext(rel, rest)
            ends = [(rel.cause, rid), (rid, rel.effect)]
        for a, b in ends:
            drawn.add(a, b, kept)
        kept_ids = drawn.finish(kept)
        if kept_ids:
            ext["keep_edges"] = kept_ids
        if ext:
            node[EXT] = ext
        nodes.append(node)

    person: dict[str, int] = {}
    for number, (aid, agent) in enumerate(m.agents.items(), 1):
        person[aid] = number
        head, _, tail = agent.name.rpartition(" ")
        joined = f"{head} {tail}" if head and tail else head or tail
        fields, rest = _split_data(agent.data or {}, ("participantID", "firstname", "surname", EXT))
        entry: dict[str, Any] = {"participantID": number, "firstname": head, "surname": tail}
        entry |= fields
        pext: dict[str, Any] = {"id": aid}
        if joined != agent.name or not agent.name:
            pext["name"] = agent.name
        pext |= agent.model_dump(mode="json", include={"role", "aliases"}, exclude_defaults=True)
        if rest:
            pext["data"] = rest
        entry[EXT] = pext
        participants.append(entry)

    def anchor(speech: str, name: str, stance: str, target: str) -> None:
        yid = fresh("YA")
        ext = {"stance": stance}
        nodes.append({"nodeID": yid, "text": name, "type": "YA", "scheme": name, EXT: ext})
        edge(speech, yid)
        edge(yid, target)

    def locution(agent: str | None, words: str, quote: Quote | None, u: str | None = None) -> str:
        lid = fresh("L")
        name = m.agents[agent].name if agent is not None else None
        lext: dict[str, Any] = {"agent": agent}
        if quote is not None:
            lext["quote"] = quote.model_dump(mode="json", exclude={"kind"})
        if u is not None:  # AIF has no word for one speech act on record in several sources
            lext["utterance"] = u
        text = f"{name} : {words}" if name else words
        nodes.append({"nodeID": lid, "text": text, "type": "L", EXT: lext})
        if agent is not None:
            locutions.append({"nodeID": lid, "personID": person[agent]})
        return lid

    for attribution in m.attributions:
        target = attribution.target
        said = attribution.quote or statements.get(target)
        words = said.text if said is not None else ""
        lid = locution(attribution.agent, words, attribution.quote, attribution.utterance)
        name = _YA_FOR[attribution.stance]
        if attribution.stance == "asserts" and target not in statements:
            name = "Arguing"
        anchor(lid, name, attribution.stance, target)
        if attribution.reported_by is not None:  # reported speech: L → YA → L
            anchor(locution(attribution.reported_by, words, None), "Asserting", "asserts", lid)

    top = document_ext(m)
    if m.sources:
        top["sources"] = [
            s.model_dump(mode="json", exclude={"kind"}, exclude_none=True)
            for s in m.sources.values()
        ]
    document = {
        "nodes": nodes,
        "edges": drawn.number(),
        "locutions": locutions,
        "participants": participants,
        EXT: top,
    }
    return document, drawn


def generate_aif(m: ArgumentMap, *, indent: int | None = 2) -> str:
    """Return the map as AIF JSON text (AIFdb layout, with argmap's extension).

    Args:
        m: The map.
        indent: Spaces per level; None for one line.

    Warns:
        DataLossWarning: Once, naming the kept edge ids it could not write (see the module docs).

    Examples:
        >>> import json
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.rebut(m.claim("The gang was defeated"), m.claim("The gang grew"))
        >>> [n["type"] for n in json.loads(generate_aif(m))["nodes"]]
        ['I', 'I', 'CA']
    """
    document, drawn = _aif_object(m)
    return drawn.dump(document, indent, stacklevel=2)


def write_aif(m: ArgumentMap, path_or_file: PathOrFile, *, indent: int | None = 2) -> None:
    """Write the map as AIF JSON to a path (atomically) or an open file.

    Warns:
        DataLossWarning: As :func:`generate_aif` does.
    """
    document, drawn = _aif_object(m)
    atomic_write(path_or_file, drawn.dump(document, indent, stacklevel=2) + "\n")
