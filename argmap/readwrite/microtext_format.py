"""The argumentative microtexts corpus: argumentation graphs in "arggraph" XML, read.

Peldszus and Stede's corpus annotates short texts with an argumentation graph: the text is cut
into elementary discourse units (``<edu>``, sometimes joined by a ``<joint>``), which ground
argumentative discourse units (``<adu type="pro|opp">``, proponent or opponent), linked by
edges (``<edge type="...">``):

=========  =====================================================================================
edge type  argmap
=========  =====================================================================================
``seg``    EDU (or joint) → ADU: the ADU's words, which are its claim's text and its quote
``sup``    :class:`~argmap.model.Support` from the source ADU to the target ADU
``exa``    the same, with ``scheme="example"`` (support by example)
``reb``    :class:`~argmap.model.Attack` of type ``rebut``
``und``    :class:`~argmap.model.Attack` of type ``undercut``; its target is the relation (edge)
``add``    a further, linked premise of the relation the edge points to; for an attack, which
           has one attacker in argmap, its id goes to the attack's ``data["linked_attackers"]``
=========  =====================================================================================

Every ADU becomes a :class:`~argmap.model.Claim` with the ADU's id, tagged ``pro`` or ``opp``, and
attributed to the agent ``proponent`` or ``opponent`` (the dialectical roles) with a quote. The
text is the source: the ``.txt`` file next to the XML when there is one and every EDU is found in
it, in order; otherwise the EDUs joined by spaces. Relations keep the edges' ids; the graph's
``id``, ``topic_id`` and ``stance`` go to the map's ``data["microtext"]``.

The XML is read with Python's expat parser (the parser under :mod:`xml.etree`), which gives every
element's line and column for error messages. External entities are never resolved and a document
that declares entities is refused, so no file is fetched and no entity can expand.

Examples:
    >>> xml = '''<arggraph id="demo" topic_id="waste" stance="pro">
    ...   <edu id="e1"><![CDATA[We should separate waste.]]></edu>
    ...   <edu id="e2"><![CDATA[Too many resources are burnt.]]></edu>
    ...   <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
    ...   <edge id="c1" src="e1" trg="a1" type="seg"/>
    ...   <edge id="c2" src="e2" trg="a2" type="seg"/>
    ...   <edge id="c3" src="a2" trg="a1" type="sup"/>
    ... </arggraph>'''
    >>> m = parse_microtext(xml)
    >>> m["c3"].premises, m["c3"].conclusion, m["a2"].tags
    (('a2',), 'a1', ('pro',))
    >>> q = m.attributions_of("a2")[0].quote
    >>> m.sources[q.source].text[q.start:q.end]
    'Too many resources are burnt.'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple
from xml.parsers import expat

from argmap._io import GZIP_SUFFIX, PathOrFile, read_bytes, read_text, source_name
from argmap.errors import FormatError
from argmap.model import Agent, ArgumentMap, Attack, Attribution, Claim, Quote, Source, Support
from argmap.readwrite._interchange import MapParts, make_id

__all__ = ["parse_microtext", "read_microtext"]

_RELATIONS = frozenset(("sup", "exa", "reb", "und"))
_EDGE_TYPES = frozenset(("seg", "sup", "exa", "add", "reb", "und"))
_ROLES = {"pro": ("proponent", "Proponent"), "opp": ("opponent", "Opponent")}


def _a(tag: str) -> str:
    """``an <edu>``, ``a <joint>``: an element named in a message."""
    return ("an" if tag[:1] in ("a", "e", "i", "o", "u") else "a") + f" <{tag}>"


class _Element(NamedTuple):
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    text: str


class _Document(NamedTuple):
    root: _Element
    children: list[_Element]


_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([^"'>]*)""")


def _encoding_error(xml: str | bytes, origin: str | None) -> FormatError:
    """The error for an XML declaration naming an encoding that cannot be read."""
    head = xml[:1000] if isinstance(xml, bytes) else xml[:1000].encode("utf-8", "replace")
    found = _DECLARED_ENCODING.search(head)
    name = "?" if found is None else found[1].decode("ascii", "replace")
    before = head[: found.start(1)] if found is not None else b""
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return FormatError(
        f"the XML declaration names the encoding {name[:40]!r}, which argmap cannot read: "
        "expected UTF-8, UTF-16 or a single-byte encoding such as ISO-8859-1",
        file=origin,
        line=line,
        column=column if found is not None else None,
    )


def _parse_xml(xml: str | bytes, origin: str | None) -> _Document:
    """Parse the flat arggraph XML into its root and children, each with line and column."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[tuple[str, dict[str, str], int, int, list[str]]] = []
    done: list[_Element] = []
    root: list[_Element] = []

    def here() -> tuple[int, int]:
        # expat counts columns from 0, argmap's errors from 1.
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def error_here(message: str) -> FormatError:
        line, column = here()
        return FormatError(message, file=origin, line=line, column=column)

    def refuse_entities(name: str, *_: Any) -> None:
        raise error_here(
            f"the document declares the entity {name!r}; expected no entity declarations "
            "(argmap does not expand entities)"
        )

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= 2:
            raise error_here(
                f"unexpected element <{tag}> inside <{stack[-1][0]}>; expected a flat list of "
                "edu, joint, adu and edge elements"
            )
        stack.append((tag, attrs, *here(), []))

    def end(tag: str) -> None:
        name, attrs, line, column, text = stack.pop()
        element = _Element(name, attrs, line, column, "".join(text))
        (done if stack else root).append(element)

    def characters(data: str) -> None:
        if stack:
            stack[-1][4].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as err:
        raise FormatError(
            f"invalid XML: {expat.errors.messages.get(err.code, str(err)).lower()}",
            file=origin,
            line=err.lineno,
            column=err.offset + 1,
        ) from None
    except (LookupError, ValueError):
        # pyexpat looks up an encoding it does not know itself among Python's codecs: a name
        # that is no codec, no text codec or a multi-byte one fails there, outside expat.
        raise _encoding_error(xml, origin) from None
    except RecursionError:  # pragma: no cover - the flat check above stops deep nesting first
        raise FormatError("invalid XML: nested too deeply", file=origin) from None
    if not root:  # pragma: no cover - expat rejects a document without a root element
        raise FormatError("no root element; expected <arggraph>", file=origin)
    return _Document(root[0], done)


class _Reader:
    def __init__(self, origin: str | None) -> None:
        self.origin = origin

    def fail(self, message: str, element: _Element) -> FormatError:
        return FormatError(message, file=self.origin, line=element.line, column=element.column)

    def attr(self, element: _Element, name: str) -> str:
        value = element.attrs.get(name)
        if value is None or not value.strip():
            raise self.fail(f"<{element.tag}> lacks the attribute {name!r}", element)
        return value

    def read(self, xml: str | bytes, text: str | None, text_path: str | None) -> ArgumentMap:
        doc = _parse_xml(xml, self.origin)
        root = doc.root
        if root.tag != "arggraph":
            raise self.fail(f"the root element is <{root.tag}>; expected <arggraph>", root)
        elements: dict[str, _Element] = {}
        edus: list[_Element] = []
        adus: list[_Element] = []
        edges: list[_Element] = []
        for element in doc.children:
            if element.tag not in ("edu", "joint", "adu", "edge"):
                raise self.fail(
                    f"unexpected element <{element.tag}>; expected edu, joint, adu or edge",
                    element,
                )
            ident = self.attr(element, "id")
            if ident in elements or ident == root.attrs.get("id"):
                raise self.fail(f"duplicate id {ident!r}; expected unique ids", element)
            elements[ident] = element
            if element.tag == "edu":
                edus.append(element)
            elif element.tag == "adu":
                adus.append(element)
            elif element.tag == "edge":
                edges.append(element)
        if not adus:
            raise self.fail("the graph has no <adu>; expected at least one", root)

        # The source text, and the span of each EDU in it.
        spans: dict[str, tuple[int, int]] = {}
        body = text
        if body is not None:
            at = 0
            for edu in edus:
                found = body.find(edu.text, at)
                if found < 0 or not edu.text:
                    body = None
                    break
                spans[edu.attrs["id"]] = (found, found + len(edu.text))
                at = found + len(edu.text)
        if body is None:
            text_path = None
            spans = {}
            pieces = []
            at = 0
            for edu in edus:
                spans[edu.attrs["id"]] = (at, at + len(edu.text))
                pieces.append(edu.text)
                at += len(edu.text) + 1
            body = " ".join(pieces)

        # Segmentation: which EDUs ground which ADU (directly or through a joint).
        grounds: dict[str, list[str]] = {}
        relation_edges: list[_Element] = []
        additions: list[_Element] = []
        for edge in edges:
            kind = self.attr(edge, "type")
            src, trg = self.attr(edge, "src"), self.attr(edge, "trg")
            if kind not in _EDGE_TYPES:
                raise self.fail(
                    f"unknown edge type {kind!r}; expected one of {', '.join(sorted(_EDGE_TYPES))}",
                    edge,
                )
            for ref, name in ((src, "src"), (trg, "trg")):
                if ref not in elements:
                    raise self.fail(f"{name}={ref!r} names no element of the graph", edge)
            src_tag, trg_tag = elements[src].tag, elements[trg].tag
            if kind == "seg":
                if src_tag not in ("edu", "joint") or trg_tag not in ("adu", "joint"):
                    raise self.fail(
                        "a seg edge links an <edu> or <joint> to an <adu> or <joint>; this one "
                        f"links {src!r}, {_a(src_tag)}, to {trg!r}, {_a(trg_tag)}",
                        edge,
                    )
                grounds.setdefault(trg, []).append(src)
                continue
            if src_tag != "adu":
                raise self.fail(f"a {kind} edge starts at an <adu>; {src!r} is {_a(src_tag)}", edge)
            if kind in ("sup", "exa", "reb") and trg_tag != "adu":
                raise self.fail(f"a {kind} edge points to an <adu>; {trg!r} is {_a(trg_tag)}", edge)
            if kind in ("und", "add"):
                target_type = elements[trg].attrs.get("type") if trg_tag == "edge" else None
                if target_type not in _RELATIONS:
                    raise self.fail(
                        f"an {kind} edge points to a sup, exa, reb or und edge; {trg!r} is "
                        + (f"a {target_type} edge" if trg_tag == "edge" else _a(trg_tag)),
                        edge,
                    )
            (additions if kind == "add" else relation_edges).append(edge)

        edu_order = {edu.attrs["id"]: i for i, edu in enumerate(edus)}
        taken = set(elements)
        graph_id = root.attrs.get("id") or "microtext"
        taken.add(graph_id)
        parts = MapParts(self.origin)
        source_id = make_id(graph_id, taken, "text")
        parts.add(
            "sources",
            Source(id=source_id, title=graph_id, text=body, path=text_path, type="microtext"),
            root.line,
        )
        roles: dict[str, str] = {}
        for adu in adus:
            role = self.attr(adu, "type")
            if role not in _ROLES:
                raise self.fail(f"unknown adu type {role!r}; expected 'pro' or 'opp'", adu)
            if role not in roles:
                agent_id = make_id(_ROLES[role][0], taken, _ROLES[role][0])
                roles[role] = agent_id
                agent = Agent(id=agent_id, name=_ROLES[role][1], role="dialectical role")
                parts.add("agents", agent, adu.line)

        used_edus: set[str] = set()
        for adu in adus:
            ident = adu.attrs["id"]
            segments: list[str] = []
            pending = list(grounds.get(ident, ()))
            seen: set[str] = set()
            while pending:  # joints may nest; walk them without recursion
                part = pending.pop()
                if part in seen:
                    continue
                seen.add(part)
                if elements[part].tag == "edu":
                    segments.append(part)
                else:
                    pending.extend(grounds.get(part, ()))
            if not segments:
                raise self.fail(f"adu {ident!r} has no text: no seg edge leads to it", adu)
            segments.sort(key=edu_order.__getitem__)
            used_edus.update(segments)
            start, end = spans[segments[0]][0], spans[segments[-1]][1]
            words = body[start:end]
            role = adu.attrs["type"]
            claim = Claim(id=ident, text=words, tags=(role,))
            parts.add("statements", claim, adu.line)
            quote = Quote(source=source_id, text=words, start=start, end=end) if words else None
            parts.add(
                "attributions",
                Attribution(target=ident, agent=roles[role], quote=quote),
                adu.line,
            )

        premises: dict[str, list[str]] = {}
        for edge in additions:
            premises.setdefault(edge.attrs["trg"], []).append(edge.attrs["src"])
        for edge in relation_edges:
            ident, kind = edge.attrs["id"], edge.attrs["type"]
            src, trg = edge.attrs["src"], edge.attrs["trg"]
            extra = premises.get(ident, [])
            record: Support | Attack
            try:
                if kind in ("sup", "exa"):
                    record = Support(
                        id=ident,
                        premises=(src, *extra),
                        conclusion=trg,
                        scheme="example" if kind == "exa" else None,
                    )
                else:
                    record = Attack(
                        id=ident,
                        attacker=src,
                        target=trg,
                        sort="rebut" if kind == "reb" else "undercut",
                        data={"linked_attackers": list(extra)} if extra else None,
                    )
            except ValueError as err:  # pydantic's ValidationError is a ValueError
                raise self.fail(f"edge {ident!r} cannot be a relation: {err}", edge) from None
            parts.add("relations", record, edge.line)

        data: dict[str, Any] = {
            "microtext": {k: v for k, v in root.attrs.items() if k in ("id", "topic_id", "stance")}
        }
        unused = [edu.attrs["id"] for edu in edus if edu.attrs["id"] not in used_edus]
        if unused:
            data["microtext"]["unused_edus"] = unused
        other = {k: v for k, v in root.attrs.items() if k not in ("id", "topic_id", "stance")}
        if other:
            data["microtext"]["attributes"] = other
        return parts.finish(title=graph_id, data=data)


def parse_microtext(
    text: str | bytes,
    *,
    origin: str | None = None,
    source_text: str | None = None,
    source_path: str | None = None,
) -> ArgumentMap:
    """Read a map from arggraph XML.

    Args:
        text: The XML document.
        origin: A file name to show in error messages.
        source_text: The plain text the EDUs were cut from (the corpus's ``.txt``); when None,
            or when an EDU is not found in it in order, the source is the EDUs joined by spaces.
        source_path: Where ``source_text`` was read from, kept as the source's ``path``.

    Raises:
        FormatError: Invalid XML (with line and column), entity declarations, or an element that
            breaks the arggraph scheme: a missing attribute, an unknown edge type, an edge to an
            unknown id, an ADU with no text (with the element's line and column).

    Examples:
        >>> parse_microtext('<arggraph id="x"><adu id="a1" type="pro"/></arggraph>')
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>:1:18: adu 'a1' has no text: no seg edge leads to it
    """
    return _Reader(origin).read(text, source_text, source_path)


def read_microtext(path_or_file: PathOrFile, *, source_path: str | None = None) -> ArgumentMap:
    """Read a map from an arggraph XML file (a path or an open file).

    Args:
        path_or_file: The ``.xml`` file (``.xml.gz`` compressed).
        source_path: The plain text file the EDUs were cut from; by default the ``.txt`` beside
            a path, when it exists.

    Raises:
        FormatError: The file is missing, unreadable or not valid arggraph XML; the message names
            it, with the line and column.
    """
    name = source_name(path_or_file)
    # Bytes, not text: the XML parser honours the document's own encoding declaration.
    xml = read_bytes(path_or_file)
    if source_path is None and isinstance(path_or_file, str | os.PathLike):
        bare = Path(os.fspath(path_or_file).removesuffix(GZIP_SUFFIX))
        sibling = bare.with_suffix(".txt")
        source_path = os.fspath(sibling) if sibling.is_file() else None
    source_text = None
    if source_path is not None:
        source_text, _ = read_text(source_path)
    return parse_microtext(xml, origin=name, source_text=source_text, source_path=source_path)
