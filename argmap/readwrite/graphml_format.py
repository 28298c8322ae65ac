"""GraphML: the map as a graph for yEd, Gephi, Cytoscape or ``networkx.read_graphml``, written.

The file holds one of argmap's graphs (see :mod:`argmap.graph`; the bipartite ``"aif"`` graph
by default, so that linked premises meet at one support node and undercuts have a node to point
to). Every node and edge carries plain GraphML data that any tool reads (``kind``, ``label``,
``text``, ``scheme``, ``sort``, ``polarity``, ``tags``, ``color``...) and yEd's own graphics
(``y:ShapeNode`` with the label, a fill colour and a shape; ``y:PolyLineEdge`` with a line colour,
a dash for negative or undercutting relations, and an arrow), so the diagram opens coloured. The
colours are a small fixed palette kept in this module: claims pale yellow, factors pale blue,
supports green, attacks red, causal links purple, ``-`` links orange and dashed.

Node ids are the map's ids (XML-escaped like every other value), so networkx gives back the same
node names. Characters XML 1.0 cannot hold (control codes) are written as U+FFFD. argmap does
not read GraphML: it cannot hold attributions and sources; use argmap's JSON, AIF or node-link
JSON to move a whole map.

Examples:
    >>> import io, networkx as nx
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> s = m.support([m.claim("Youth were excluded"), m.claim("Exclusion breeds violence")],
    ...               m.claim("Violence <grew> & spread"))
    >>> g = nx.read_graphml(io.StringIO(generate_graphml(m)))
    >>> sorted(g.predecessors("s1")), g.nodes["c3"]["label"], g.nodes["s1"]["color"]
    (['c1', 'c2'], 'Violence <grew> & spread', '#D5E8D4')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from argmap._io import PathOrFile, atomic_write
from argmap.graph import to_networkx
from argmap.model import ArgumentMap
from argmap.names import GraphName

__all__ = ["generate_graphml", "write_graphml"]

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_YED = "http://www.yworks.com/xml/graphml"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = (
    "http://graphml.graphdrawing.org/xmlns "
    "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
)

_FILL = {
    "claim": "#FFF2CC",
    "factor": "#DAE8FC",
    "support": "#D5E8D4",
    "attack": "#F8CECC",
    "causal": "#E1D5E7",
}
_SHAPE = {
    "claim": "roundrectangle",
    "factor": "rectangle",
    "support": "ellipse",
    "attack": "octagon",
    "causal": "diamond",
}
_LINE = {
    "support": "#2E7D32",
    "premise": "#2E7D32",
    "conclusion": "#2E7D32",
    "attack": "#C62828",
    "attacker": "#C62828",
    "target": "#C62828",
    "causal": "#6A1B9A",
    "cause": "#6A1B9A",
    "effect": "#6A1B9A",
}
_NEGATIVE = "#EF6C00"

_NODE_KEYS = (
    "kind",
    "label",
    "text",
    "scheme",
    "sort",
    "polarity",
    "modality",
    "tags",
    "reconstructed",
    "color",
)
_EDGE_KEYS = ("kind", "relation", "sort", "polarity", "label", "color")


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _safe(text: str) -> str:
    """Text XML 1.0 can hold: other characters (control codes, lone surrogates) become U+FFFD.

    Examples:
        >>> _safe("bell\x07 ok")
        'bell\ufffd ok'
    """
    return _NOT_XML.sub("\ufffd", text)


def _label(m: ArgumentMap, node: str, attrs: dict[str, Any]) -> str:
    kind = attrs.get("kind", "")
    if node in m.statements:
        return m.statements[node].text
    rel = m.relations[node]
    if rel.kind == "support":
        return rel.scheme or "support"
    if rel.kind == "attack":
        return rel.sort
    return f"causal {rel.polarity}" if rel.kind == "causal" else str(kind)


def _node_data(m: ArgumentMap, node: str, attrs: dict[str, Any]) -> dict[str, str]:
    kind = str(attrs.get("kind", "claim"))
    data = {"kind": kind, "label": _label(m, node, attrs), "color": _FILL.get(kind, "#FFFFFF")}
    record = m.statements.get(node) or m.relations.get(node)
    if record is None:  # pragma: no cover - views only hold the map's records
        return data
    if node in m.statements:
        data["text"] = m.statements[node].text
    for field in ("scheme", "sort", "polarity", "modality"):
        value = getattr(record, field, None)
        if value is not None:
            data[field] = str(value)
    if record.tags:
        data["tags"] = "; ".join(record.tags)
    if record.reconstructed:
        data["reconstructed"] = "true"
    return data


def _edge_data(m: ArgumentMap, key: str, attrs: dict[str, Any], graph: str) -> dict[str, str]:
    kind = str(attrs.get("kind", ""))
    data = {"kind": kind}
    relation_id = key if graph != "aif" else None
    if relation_id is not None:
        data["relation"] = relation_id
    for field in ("sort", "polarity"):
        if attrs.get(field) is not None:
            data[field] = str(attrs[field])
    color = _LINE.get(kind, "#000000")
    if attrs.get("polarity") == "-":
        color = _NEGATIVE
    data["color"] = color
    data["label"] = str(attrs.get("polarity") or attrs.get("sort") or "")
    return data


def generate_graphml(m: ArgumentMap, *, graph: GraphName = "aif") -> str:
    """Return one of the map's graphs as GraphML text with yEd graphics.

    Args:
        m: The map.
        graph: ``"aif"`` (every relation a node; the default), ``"claims"`` (statements as
            nodes, relations as edges) or ``"causal-links"`` (causal links only).

    Returns:
        The GraphML document, which ``networkx.read_graphml`` and yEd read.

    Raises:
        ViewError: An unknown graph name.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.causes(m.factor("blockade", id="b"), m.factor("migration", id="g"),
        ...              polarity="-")
        >>> text = generate_graphml(m, graph="causal-links")
        >>> 'y:LineStyle color="#EF6C00" type="dashed"' in text
        True
    """
    g = to_networkx(m, graph=graph)
    ET.register_namespace("", _GRAPHML)
    ET.register_namespace("y", _YED)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(f"{{{_GRAPHML}}}graphml", {f"{{{_XSI}}}schemaLocation": _SCHEMA})
    for name in _NODE_KEYS:
        ET.SubElement(
            root,
            f"{{{_GRAPHML}}}key",
            {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": "string"},
        )
    for name in _EDGE_KEYS:
        ET.SubElement(
            root,
            f"{{{_GRAPHML}}}key",
            {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": "string"},
        )
    ET.SubElement(
        root,
        f"{{{_GRAPHML}}}key",
        {"id": "g_title", "for": "graph", "attr.name": "title", "attr.type": "string"},
    )
    ET.SubElement(
        root, f"{{{_GRAPHML}}}key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"}
    )
    ET.SubElement(
        root, f"{{{_GRAPHML}}}key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"}
    )
    graph_xml = ET.SubElement(
        root, f"{{{_GRAPHML}}}graph", {"id": graph, "edgedefault": "directed"}
    )
    if m.title is not None:
        ET.SubElement(graph_xml, f"{{{_GRAPHML}}}data", {"key": "g_title"}).text = _safe(m.title)
    for node, attrs in g.nodes(data=True):
        element = ET.SubElement(graph_xml, f"{{{_GRAPHML}}}node", {"id": _safe(node)})
        data = _node_data(m, node, attrs)
        for name in _NODE_KEYS:
            if name in data:
                item = ET.SubElement(element, f"{{{_GRAPHML}}}data", {"key": f"n_{name}"})
                item.text = _safe(data[name])
        label = data["label"]
        lines = max(1, min(6, len(label) // 30 + 1))
        width = max(60, min(260, 7 * len(label) + 20))
        holder = ET.SubElement(element, f"{{{_GRAPHML}}}data", {"key": "ng"})
        shape = ET.SubElement(holder, f"{{{_YED}}}ShapeNode")
        ET.SubElement(
            shape,
            f"{{{_YED}}}Geometry",
            {"height": str(18 * lines + 16), "width": str(width), "x": "0", "y": "0"},
        )
        ET.SubElement(shape, f"{{{_YED}}}Fill", {"color": data["color"], "transparent": "false"})
        ET.SubElement(
            shape, f"{{{_YED}}}BorderStyle", {"color": "#333333", "type": "line", "width": "1.0"}
        )
        text = ET.SubElement(
            shape,
            f"{{{_YED}}}NodeLabel",
            {"autoSizePolicy": "node_width", "configuration": "CroppingLabel"},
        )
        text.text = _safe(label)
        ET.SubElement(shape, f"{{{_YED}}}Shape", {"type": _SHAPE.get(data["kind"], "rectangle")})
    for number, (start, end, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        element = ET.SubElement(
            graph_xml,
            f"{{{_GRAPHML}}}edge",
            {"id": f"e{number}", "source": _safe(start), "target": _safe(end)},
        )
        data = _edge_data(m, str(key), attrs, graph)
        for name in _EDGE_KEYS:
            if data.get(name):
                item = ET.SubElement(element, f"{{{_GRAPHML}}}data", {"key": f"e_{name}"})
                item.text = _safe(data[name])
        holder = ET.SubElement(element, f"{{{_GRAPHML}}}data", {"key": "eg"})
        line = ET.SubElement(holder, f"{{{_YED}}}PolyLineEdge")
        dashed = attrs.get("polarity") == "-" or attrs.get("sort") == "undercut"
        ET.SubElement(
            line,
            f"{{{_YED}}}LineStyle",
            {"color": data["color"], "type": "dashed" if dashed else "line", "width": "2.0"},
        )
        ET.SubElement(line, f"{{{_YED}}}Arrows", {"source": "none", "target": "standard"})
        if data["label"]:
            ET.SubElement(line, f"{{{_YED}}}EdgeLabel").text = _safe(data["label"])
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def write_graphml(m: ArgumentMap, path_or_file: PathOrFile, *, graph: GraphName = "aif") -> None:
    """Write a graph of the map as GraphML to a path (atomically) or an open file."""
    atomic_write(path_or_file, generate_graphml(m, graph=graph))
