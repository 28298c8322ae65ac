"""SADFace: the Simple Argument Description Format (JSON), read and written.

A SADFace document holds ``nodes`` (``atom`` nodes with ``text`` and the ``sources`` they were
taken from; ``scheme`` nodes, or ``inference`` and ``conflict`` nodes as the sadface 0.5 library
writes them, with a ``name``), ``edges`` (``source_id`` → ``target_id``), ``resources`` (the texts
analysed) and namespaced ``metadata`` (``core`` holds the title, description, analyst and dates).
How argmap reads it:

==================================  ===============================================================
SADFace                             argmap
==================================  ===============================================================
atom                                :class:`~argmap.model.Claim` (its metadata in ``data``)
atom ``sources`` entry              an :class:`~argmap.model.Attribution` of the claim with no
                                    known speaker, quoting ``text`` at ``offset`` in the resource
scheme/inference node               :class:`~argmap.model.Support` from the atoms pointing in to
                                    the node it points to; the ``name`` is the scheme, except the
                                    generic ``support`` and ``inference``, which mean none
conflict node, or a scheme named    :class:`~argmap.model.Attack`: ``undercut`` when it points to
``conflict``, ``disagreement``,     a scheme node, else ``rebut``; further attackers go to
``attack``, ``defeat``...           ``data["linked_attackers"]``
resource                            :class:`~argmap.model.Source` with the ``content`` as its text
``metadata.core`` title and         the map's title and description; the rest of the metadata in
description                         ``data["sadface"]``
==================================  ===============================================================

Nothing is dropped silently: scheme nodes that cannot be mapped (no premise, no single conclusion)
and their edges, and every metadata field a record cannot hold, are kept in ``data["sadface"]``.
A relation keeps the edges it stands for, ids and all, in its ``data["sadface"]["edges"]``; the
writer draws them with those ids where they still fit and warns (``DataLossWarning``) once for
those it had to drop.

The writer produces SADFace 0.2 documents like the project's examples and keeps what SADFace cannot
say in an ``argmap`` metadata namespace: agents, attributions, factors, causal links (scheme nodes
named ``cause to effect``), attack types, tags and data. When the document's metadata holds that
namespace the reader takes those fields from it, so that reading a written map gives the same map.

Examples:
    >>> import json
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Hang back")
    >>> ad = m.claim("The advert does not express the intended message")
    >>> s = m.support(ad, m.claim("The video should be withdrawn"))
    >>> _ = m.undercut(m.claim("Road users must be vigilant"), s)
    >>> text = generate_sadface(m)
    >>> parse_sadface(text) == m
    True
    >>> [n.get("name", n["type"]) for n in json.loads(text)["nodes"]]
    ['atom', 'atom', 'atom', 'support', 'conflict']
"""

from __future__ import annotations

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
    spread_reasons,
    statement_ext,
    where_fields,
)

__all__ = ["generate_sadface", "parse_sadface", "read_sadface", "write_sadface"]

EXT = "argmap"
"""The metadata namespace that carries what SADFace cannot say."""

_GENERIC = frozenset(("support", "inference", "default inference"))
_CONFLICTS = frozenset(
    (
        "conflict",
        "disagreement",
        "disagree",
        "attack",
        "defeat",
        "rebut",
        "rebuttal",
        "undercut",
        "undermine",
        "contradict",
        "contradiction",
        "default conflict",
    )
)
_CAUSAL_NAME = "cause to effect"
_SCHEME_TYPES = frozenset(("scheme", "inference", "conflict"))
_WHERE = where_fields(f".metadata.{EXT}", id=".id", text=".text", label=".text", scheme=".name")


def _namespaces(md: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata worth keeping: every namespace but argmap's, unless it is empty."""
    return {k: v for k, v in md.items() if k != EXT and v != {}}


def _native_metadata(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """``data["sadface"]["metadata"]``, if writing it as native metadata reads back the same."""
    sad = data.get("sadface")
    if not isinstance(sad, dict) or set(sad) != {"metadata"}:
        return None
    md = sad["metadata"]
    if not isinstance(md, dict) or not md or EXT in md:
        return None
    if not all(isinstance(v, dict) and v for v in md.values()):
        return None
    return md


class _SadfaceReader:
    def __init__(self, origin: str | None) -> None:
        self.j = JsonInput(origin)
        self.parts = MapParts(origin)
        self.taken: set[str] = set()
        self.ids: dict[str, str] = {}

    def ext(self, md: Mapping[str, Any], path: str) -> Mapping[str, Any]:
        return self.j.member(md, EXT, path, "argmap's metadata")

    def metadata(self, obj: Mapping[str, Any], path: str) -> dict[str, Any]:
        return self.j.mapping(obj.get("metadata", {}), f"{path}.metadata", "metadata")

    def data(self, ext: Mapping[str, Any], path: str) -> dict[str, Any]:
        return self.j.member(ext, "data", f"{path}.{EXT}", "data")

    def node_data(
        self, obj: Mapping[str, Any], p: str, own: bool
    ) -> tuple[Mapping[str, Any], dict[str, Any]]:
        """A node's argmap metadata, and its record's data: argmap's own, or the file's
        metadata namespaces."""
        md = self.metadata(obj, p)
        ext = self.ext(md, p + ".metadata")
        if own:
            return ext, self.data(ext, p + ".metadata")
        kept_md = _namespaces(md)
        return ext, {"sadface": {"metadata": kept_md}} if kept_md else {}

    def read(self, doc: Any) -> ArgumentMap:
        j = self.j
        root = j.mapping(doc, "$", "a SADFace document")
        md = self.metadata(root, "$")
        top = self.ext(md, "$.metadata")
        own = bool(top) or EXT in md
        core = j.mapping(md.get("core", {}), "$.metadata.core", "core metadata")
        kept: dict[str, Any] = {}
        if own:
            title, description = j.heading(top, f"$.metadata.{EXT}")
            data = self.data(top, "$.metadata")
        else:
            title, description = j.heading(core, "$.metadata.core")
            data = {}
            rest_core = {k: v for k, v in core.items() if k not in ("title", "description")}
            metadata = _namespaces({**md, "core": rest_core})
            if metadata:
                kept["metadata"] = metadata
            document = {
                k: v
                for k, v in root.items()
                if k not in ("nodes", "edges", "resources", "metadata")
            }
            if document:
                kept["document"] = document

        self.read_resources(root, own)
        if own:
            self.read_agents(top)
        nodes = self.read_nodes(root)
        edges = self.read_edges(root, nodes)
        unmapped = self.read_graph(nodes, edges, own)
        if own:
            self.read_attributions(top)
        else:
            self.read_atom_sources(nodes)
        if unmapped:
            kept["unmapped"] = unmapped[0]
            if unmapped[1]:
                kept["edges"] = unmapped[1]
        if kept:
            data["sadface"] = kept
        return self.parts.finish(title=title, description=description, data=data)

    def read_resources(self, root: Mapping[str, Any], own: bool) -> None:
        j = self.j
        for i, raw in enumerate(j.array(root.get("resources", []), "$.resources", "resources")):
            p = f"$.resources[{i}]"
            obj = j.mapping(raw, p, "a resource")
            rid = j.ident(j.require(obj, "id", p, "the resource's id"), p + ".id", "an id")
            content = j.optional_string(obj.get("content"), p + ".content", "the resource's text")
            md = self.metadata(obj, p)
            ext = self.ext(md, p + ".metadata")
            if own:
                fields = {k: v for k, v in ext.items() if k != "no_text"}
                fields["id"] = rid
                fields["text"] = None if ext.get("no_text") else content
                fields.setdefault("title", f"Resource {rid}")
                where = {k: f".metadata.{EXT}.{k}" for k in fields}
            else:
                core = j.mapping(md.get("core", {}), p + ".metadata.core", "core metadata")
                title = core.get("title")
                url = core.get("url", md.get("url"))
                kept_md = _namespaces(md)
                sad: dict[str, Any] = {}
                if kept_md:
                    sad["metadata"] = kept_md
                if obj.get("type", "text") != "text":
                    sad["type"] = obj.get("type")
                fields = {
                    "id": make_id(rid, self.taken, f"resource{i + 1}"),
                    "title": title if isinstance(title, str) else f"Resource {rid}",
                    "text": content,
                    "url": url if isinstance(url, str) else None,
                    "data": {"sadface": sad} if sad else {},
                }
                where = {"id": ".id", "text": ".content"}
            source = j.build(Source, fields, p, where)
            self.taken.add(source.id)
            self.parts.add("sources", source, p)

    def read_agents(self, top: Mapping[str, Any]) -> None:
        path = f"$.metadata.{EXT}.agents"
        for agent in self.parts.read_group(self.j, top.get("agents", []), path, Agent, "an agent"):
            self.taken.add(agent.id)

    def read_attributions(self, top: Mapping[str, Any]) -> None:
        path = f"$.metadata.{EXT}.attributions"
        value = top.get("attributions", [])
        self.parts.read_group(self.j, value, path, Attribution, "an attribution")

    def read_nodes(self, root: Mapping[str, Any]) -> dict[str, tuple[str, dict[str, Any], str]]:
        j = self.j
        nodes: dict[str, tuple[str, dict[str, Any], str]] = {}
        raw_nodes = j.array(j.require(root, "nodes", "$", "a list of nodes"), "$.nodes", "nodes")
        for i, raw in enumerate(raw_nodes):
            p = f"$.nodes[{i}]"
            obj = j.mapping(raw, p, "a node")
            nid = j.ident(j.require(obj, "id", p, "the node's id"), p + ".id", "an id")
            kind = j.string(
                j.require(obj, "type", p, "the node's type (atom, scheme...)"),
                p + ".type",
                "a node type",
            )
            if nid in nodes:
                j.fail(f"duplicate node id {nid!r}; expected unique ids", p + ".id")
            nodes[nid] = (kind, obj, p)
        return nodes

    def read_edges(
        self, root: Mapping[str, Any], nodes: Mapping[str, tuple[str, dict[str, Any], str]]
    ) -> list[tuple[str, str, dict[str, Any]]]:
        j = self.j
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for k, raw in enumerate(j.array(root.get("edges", []), "$.edges", "edges")):
            p = f"$.edges[{k}]"
            obj = j.mapping(raw, p, "an edge")
            edges.append((*j.ends(obj, p, ("source_id", "target_id"), nodes), obj))
        return edges

    def read_graph(
        self,
        nodes: Mapping[str, tuple[str, dict[str, Any], str]],
        edges: list[tuple[str, str, dict[str, Any]]],
        own: bool,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
        j = self.j
        ids = self.ids
        self.taken.update(nodes)
        for nid in nodes:
            ids[nid] = nid if is_valid_id(nid) else make_id(nid, self.taken, "n")
        # Edges by their scheme node: in from premises (the first edge from each; a premise drawn
        # twice is one premise, its further edges are kept raw), out to conclusions.
        premises: dict[str, dict[str, dict[str, Any]]] = {}
        conclusions: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        other: list[dict[str, Any]] = []
        for start, end, raw in edges:
            start_kind, end_kind = nodes[start][0], nodes[end][0]
            if end_kind in _SCHEME_TYPES and start_kind == "atom":
                if premises.setdefault(end, {}).setdefault(start, raw) is not raw:
                    other.append(raw)
            elif start_kind in _SCHEME_TYPES and end_kind in ("atom", *_SCHEME_TYPES):
                conclusions.setdefault(start, []).append((end, raw))
            else:
                other.append(raw)
        for nid, (kind, obj, p) in nodes.items():
            if kind != "atom":
                continue
            ext, data = self.node_data(obj, p, own)
            text = j.string(obj.get("text", ""), p + ".text", "the atom's text")
            fields = record_fields(ids[nid], ext, data)
            record: Claim | Factor
            if ext.get("kind", "claim") == "factor":
                fields |= {"label": text, "opposite": ext.get("opposite")}
                record = j.build(Factor, fields, p, _WHERE)
            else:
                record = j.build(Claim, fields | {"text": text}, p, _WHERE)
            self.parts.add("statements", record, p)
        # Scheme nodes map when atoms point in and they point to one node that maps.
        reasons: dict[str, str] = {}
        waiting: dict[str, list[str]] = {}
        for nid, (kind, _, _) in nodes.items():
            if kind == "atom":
                continue
            if kind not in _SCHEME_TYPES:
                reasons[nid] = f"unknown node type {kind!r}"
            elif nid not in premises:
                reasons[nid] = "no atom points to it"
            elif len(conclusions.get(nid, ())) != 1:
                found = len(conclusions.get(nid, ()))
                reasons[nid] = f"it points to {found} nodes; expected one conclusion"
            elif nodes[conclusions[nid][0][0]][0] != "atom":
                waiting.setdefault(conclusions[nid][0][0], []).append(nid)
        spread_reasons(reasons, waiting)
        for nid, (kind, obj, p) in nodes.items():
            if kind == "atom" or nid in reasons:
                continue
            end = conclusions[nid][0][0]
            sources = [ids[s] for s in premises[nid]]
            to_scheme = nodes[end][0] != "atom"
            # The edges it is made of (their ids, say) stay with it, as in the file but for the
            # ends, which are argmap's ids.
            used = [
                raw | {"source_id": ids[a], "target_id": ids[nid]}
                for a, raw in premises[nid].items()
            ]
            used.append(conclusions[nid][0][1] | {"source_id": ids[nid], "target_id": ids[end]})
            ends = (ids[nid], sources, ids[end], to_scheme)
            record_s = self.scheme(kind, obj, p, ends, own, used, other)
            self.parts.add("relations", record_s, p)
        if not reasons and not other:
            return None
        unmapped = [{**nodes[nid][1], "reason": reason} for nid, reason in reasons.items()]
        for start, end, raw in edges:
            if start in reasons or end in reasons:
                other.append(raw)
        return unmapped, other

    def scheme(
        self,
        kind: str,
        obj: Mapping[str, Any],
        p: str,
        ends: tuple[str, list[str], str, bool],
        own: bool,
        edges: list[dict[str, Any]],
        other: list[dict[str, Any]],
    ) -> Support | Attack | CausalLink:
        """The relation of a scheme node (``ends``: its id, premises, conclusion and whether
        that is a scheme node), keeping its ``edges`` in its data, or in ``other`` if it has no
        room for them (an argmap-written node keeps them only where the writer said so)."""
        j = self.j
        rid, premises, conclusion, to_scheme = ends
        ext, data = self.node_data(obj, p, own)
        name = j.optional_string(obj.get("name"), p + ".name", "a scheme name")
        wanted = edges_to_keep(j, own, ext, f"{p}.metadata.{EXT}", "id")
        edges = [e for e in edges if wanted is None or str(e.get("id")) in wanted]
        if edges and not keep_edges(data, "sadface", edges):
            other.extend(edges)
        lowered = (name or "").strip().lower()
        default_kind = "attack" if kind == "conflict" or lowered in _CONFLICTS else "support"
        relation = ext.get("kind", default_kind)
        fields = record_fields(rid, ext, data)
        if relation == "attack":
            if len(premises) > 1:
                data["linked_attackers"] = premises[1:]
            named = lowered if lowered in ("rebut", "undermine", "contradict", "undercut") else None
            fallback = "undercut" if to_scheme else named if named != "undercut" else "rebut"
            fields |= {
                "attacker": premises[0],
                "target": conclusion,
                "type": ext.get("type", fallback or "rebut"),
            }
            return j.build(Attack, fields, p, _WHERE)
        if relation == "causal":
            if len(premises) != 1:
                j.fail(f"a causal link has exactly one cause; found {len(premises)}", p)
            fields |= {
                "cause": premises[0],
                "effect": conclusion,
                **{k: ext[k] for k in CAUSAL_FIELDS if k in ext},
            }
            return j.build(CausalLink, fields, p, _WHERE)
        if relation != "support":
            j.fail(
                f"unknown kind {relation!r}; expected 'support', 'attack' or 'causal'",
                f"{p}.metadata.{EXT}.kind",
            )
        if "scheme" in ext:
            scheme = ext["scheme"]
        else:
            scheme = None if name is None or lowered in _GENERIC else name
        fields |= {"premises": premises, "conclusion": conclusion, "scheme": scheme}
        return j.build(Support, fields, p, _WHERE)

    def read_atom_sources(self, nodes: Mapping[str, tuple[str, dict[str, Any], str]]) -> None:
        j = self.j
        for nid, (kind, obj, p) in nodes.items():
            if kind != "atom":
                continue
            for i, raw in enumerate(j.array(obj.get("sources", []), p + ".sources", "sources")):
                sp = f"{p}.sources[{i}]"
                src = j.mapping(raw, sp, "a source reference")
                resource = j.ident(
                    j.require(src, "resource_id", sp, "the resource's id"),
                    sp + ".resource_id",
                    "an id",
                )
                text = j.string(j.require(src, "text", sp, "the quoted text"), sp + ".text", "text")
                offset = src.get("offset", 0)
                length = src.get("length", len(text))
                for field, value in (("offset", offset), ("length", length)):
                    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                        j.fail(f"expected a whole number >= 0, got {value!r}", f"{sp}.{field}")
                if not text:
                    continue
                quote = j.build(
                    Quote,
                    {"source": resource, "text": text, "start": offset, "end": offset + length},
                    sp,
                    {"source": ".resource_id", "text": ".text", "start": ".offset"},
                )
                attribution = Attribution(target=self.ids[nid], quote=quote)
                self.parts.add("attributions", attribution, sp)


def parse_sadface(text: str | bytes, *, origin: str | None = None) -> ArgumentMap:
    """Read a map from SADFace JSON text.

    Args:
        text: The SADFace document.
        origin: A file name to show in error messages.

    Raises:
        FormatError: Invalid JSON (with line and column), or a missing or ill-typed field, a
            duplicate node id, an edge to an unknown node, a quote outside its resource (with its
            JSON path).

    Examples:
        >>> import json
        >>> doc = {"nodes": [{"id": "a", "type": "atom", "text": "Vigilance saves lives"},
        ...                  {"id": "b", "type": "atom", "text": "Hang back"},
        ...                  {"id": "s", "type": "scheme", "name": "support"}],
        ...        "edges": [{"id": "1", "source_id": "a", "target_id": "s"},
        ...                  {"id": "2", "source_id": "s", "target_id": "b"}]}
        >>> m = parse_sadface(json.dumps(doc))
        >>> m["s"].premises, m["s"].conclusion, m["s"].scheme
        (('a',), 'b', None)
        >>> parse_sadface('{"nodes": [{"id": "a", "type": "atom"}], "edges": [{"source_id": "a"}]}')
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>: $.edges[0]: missing field 'target_id': expected a ...
    """
    reader = _SadfaceReader(origin)
    with collector_paused():  # as the AIF reader does
        return reader.read(reader.j.load(text))


def read_sadface(path_or_file: PathOrFile) -> ArgumentMap:
    """Read a map from a SADFace file (a path or an open file).

    Raises:
        FormatError: The file is missing, unreadable or not valid SADFace; the message names it.
    """
    text, name = read_text(path_or_file)
    return parse_sadface(text, origin=name)


def _metadata(data: Mapping[str, Any], ext: Mapping[str, Any]) -> dict[str, Any]:
    md: dict[str, Any] = {"core": {}}
    native = _native_metadata(data)
    if native is not None:
        md |= native
    if ext:
        md[EXT] = dict(ext)
    return md


def _sadface_object(m: ArgumentMap) -> tuple[dict[str, Any], EdgeIds]:
    nodes: list[dict[str, Any]] = []
    used = set(m.statements) | set(m.relations) | set(m.sources)
    drawn = EdgeIds("SADFace", ("id", "source_id", "target_id"), lambda n: f"e{n}", used)

    quotes: dict[str, list[dict[str, Any]]] = {}
    for attribution in m.attributions:
        q = attribution.quote
        if q is not None and attribution.target in m.statements:
            entry = {
                "resource_id": q.source,
                "text": q.text,
                "offset": q.start,
                "length": q.end - q.start,
            }
            entries = quotes.setdefault(attribution.target, [])
            if entry not in entries:
                entries.append(entry)
    for sid, s in m.statements.items():
        ext = statement_ext(s, s.data or {})
        nodes.append(
            {
                "id": sid,
                "type": "atom",
                "text": s.text,
                "sources": quotes.get(sid, []),
                "metadata": _metadata(s.data or {}, ext),
            }
        )
    statements = m.statements
    for rid, rel in m.relations.items():
        # Edge ids the relation kept from the file it was read from go back on its edges.
        data, kept = drawn.split(rel.data, "sadface")
        tails: list[str]
        if isinstance(rel, Support):
            name = rel.scheme if rel.scheme is not None else "support"
            ext = {"kind": "support"}
            if rel.scheme is None or rel.scheme.strip().lower() in _GENERIC | _CONFLICTS:
                ext["scheme"] = rel.scheme
            tails, conclusion = list(rel.premises), rel.conclusion
        elif isinstance(rel, Attack):
            name = "conflict"
            ext = {"kind": "attack", "type": rel.sort}
            tails = [rel.attacker, *linked_attackers(data, statements, rel.attacker)]
            conclusion = rel.target
        else:
            name = _CAUSAL_NAME
            ext = causal_ext(rel)
            tails, conclusion = [rel.cause], rel.effect
        for tail in tails:
            drawn.add(tail, rid, kept)
        drawn.add(rid, conclusion, kept)
        ext |= common_ext(rel, data)
        kept_ids = drawn.finish(kept)
        if kept_ids:
            ext["keep_edges"] = kept_ids
        nodes.append({"id": rid, "type": "scheme", "name": name, "metadata": _metadata(data, ext)})
    resources = []
    for sid, source in m.sources.items():
        rext = source.model_dump(mode="json", exclude={"kind", "id", "text"}, exclude_none=True)
        if not rext.get("data"):
            rext.pop("data", None)
        if source.text is None:
            rext["no_text"] = True
        core: dict[str, Any] = {"title": source.title}
        if source.url is not None:
            core["url"] = source.url
        resources.append(
            {
                "id": sid,
                "content": source.text or "",
                "type": "text",
                "metadata": {"core": core, EXT: rext},
            }
        )
    core = {"version": "0.2"}
    if m.title is not None:
        core["title"] = m.title
    if m.description is not None:
        core["description"] = m.description
    top = document_ext(m)
    if m.agents:
        top["agents"] = [
            a.model_dump(mode="json", exclude={"kind"}, exclude_none=True)
            for a in m.agents.values()
        ]
    if m.attributions:
        top["attributions"] = [
            a.model_dump(mode="json", exclude={"kind"}, exclude_none=True) for a in m.attributions
        ]
    document = {
        "edges": drawn.number(),
        "metadata": {"core": core, EXT: top},
        "nodes": nodes,
        "resources": resources,
    }
    return document, drawn


def generate_sadface(m: ArgumentMap, *, indent: int | None = 2) -> str:
    """Return the map as SADFace JSON text (SADFace 0.2, with an ``argmap`` metadata namespace).

    Warns:
        DataLossWarning: Once, naming the kept edge ids it could not write (see the module docs).

    Examples:
        >>> import json
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap(title="Demo")
        >>> _ = m.claim("Love ends violence")
        >>> json.loads(generate_sadface(m))["metadata"]["core"]
        {'version': '0.2', 'title': 'Demo'}
    """
    document, drawn = _sadface_object(m)
    return drawn.dump(document, indent, stacklevel=2)


def write_sadface(m: ArgumentMap, path_or_file: PathOrFile, *, indent: int | None = 2) -> None:
    """Write the map as SADFace JSON to a path (atomically) or an open file.

    Warns:
        DataLossWarning: As :func:`generate_sadface` does.
    """
    document, drawn = _sadface_object(m)
    atomic_write(path_or_file, drawn.dump(document, indent, stacklevel=2) + "\n")
