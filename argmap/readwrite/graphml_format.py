"""GraphML: the map as a graph for yEd, Gephi, Cytoscape or ``networkx.read_graphml``, written.

The file holds one of argmap's graphs (see :mod:`argmap.graph`; the bipartite ``"aif"`` graph
by default, so that linked premises meet at one support node and undercuts have a node to point
to). Every node and edge carries plain GraphML data that any tool reads (``kind``, ``label``,
``text``, ``scheme``, ``sort``, ``polarity``, ``tags``, ``color``...) and yEd's own graphics
(``y:ShapeNode`` with the label, a fill colour and a shape; ``y:PolyLineEdge`` with a line colour,
a dash for negative or undercutting relations, and an arrow), so the diagram opens coloured. The
colours are a small fixed palette kept in this module: claims pale yellow, factors pale blue,
supports green, attacks red, causal links purple, ``-`` links orange and dashed.

When a Graphviz engine is installed (the system ``dot`` or the ``graphviz-pure`` wheel of the
``render`` extra), each node's ``y:Geometry`` holds the position and size of a ``dot`` layout of
the graph, so yEd opens the map laid out rather than with every node at (0, 0); without an
engine, or above :data:`LAYOUT_LIMIT` nodes, positions are left at zero as before
(``layout="none"`` asks for that; ``layout="dot"`` or ``"graphviz-pure"`` for one engine).

Node ids are the map's ids (XML-escaped like every other value), so networkx gives back the same
node names. Characters XML 1.0 cannot hold (control codes) are written as U+FFFD. argmap does
not read GraphML: it cannot hold agents, attributions and sources; use argmap's JSON, AIF or
node-link JSON to move a whole map. A write that leaves something out (those, map or record data,
fields the file has no key for, records outside the graph) says so in one
:class:`~argmap.errors.DataLossWarning` naming what and how much.

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
import warnings
from typing import Any

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write
from argmap.errors import DataLossWarning, ViewError
from argmap.graph import to_networkx
from argmap.model import ArgumentMap
from argmap.names import GraphName

__all__ = ["LAYOUT_LIMIT", "generate_graphml", "write_graphml"]

LAYOUT_LIMIT = 2000
"""Above this many nodes ``layout="auto"`` writes no positions: ``dot`` would take minutes."""
_LAYOUTS = ("auto", "none", "dot", "graphviz-pure")

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_YED = "http://www.yworks.com/xml/graphml"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = (
    "http://graphml.graphdrawing.org/xmlns "
    "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
)

_FILL = {
    "agent": "#EEEEEE",
    "claim": "#FFF2CC",
    "factor": "#DAE8FC",
    "support": "#D5E8D4",
    "attack": "#F8CECC",
    "causal": "#E1D5E7",
}
_SHAPE = {
    "agent": "rectangle",
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
    "supports": "#2E7D32",
    "attacks": "#C62828",
    "denies": "#C62828",
    "questions": "#616161",
    "reports": "#616161",
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
    if kind == "agent":  # the "agents" graph: who answers whom
        return str(attrs.get("name") or node)
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
    if kind == "agent":
        if attrs.get("role"):
            data["text"] = str(attrs["role"])
        return data
    record = m.statements.get(node) or m.relations.get(node)
    if record is None:  # pragma: no cover - views only hold the map's records
        return data
    if node in m.statements:
        data["text"] = m.statements[node].text
    fields = type(record).model_fields  # a missing attribute costs pydantic an exception
    for field in ("scheme", "sort", "polarity", "modality"):
        value = getattr(record, field) if field in fields else None
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
    if graph == "agents":  # an exchange: its kind and how many statements are behind it
        data.pop("relation", None)
        data["label"] = f"{kind} {attrs.get('count', '')}".strip()
    return data


def generate_graphml(m: ArgumentMap, *, graph: GraphName = "aif", layout: str = "auto") -> str:
    """Return one of the map's graphs as GraphML text with yEd graphics.

    Args:
        m: The map.
        graph: ``"aif"`` (every relation a node; the default), ``"claims"`` (statements as
            nodes, relations as edges) or ``"causal-links"`` (causal links only).
        layout: ``"auto"`` places the nodes by a Graphviz layout when an engine is installed
            (and the graph has at most :data:`LAYOUT_LIMIT` nodes); ``"none"`` leaves every
            node at (0, 0); ``"dot"`` or ``"graphviz-pure"`` asks for that engine.

    Returns:
        The GraphML document, which ``networkx.read_graphml`` and yEd read.

    Raises:
        ViewError: An unknown graph name or layout.
        EngineNotFoundError: The engine named by ``layout`` is not installed.
        RenderError: The engine named by ``layout`` failed.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.causes(m.factor("blockade", id="b"), m.factor("migration", id="g"),
        ...              polarity="-")
        >>> text = generate_graphml(m, graph="causal-links")
        >>> 'y:LineStyle color="#EF6C00" type="dashed"' in text
        True
    """
    return _generate_and_warn(m, graph, layout, stacklevel=3)


def _generate_and_warn(m: ArgumentMap, graph: GraphName, layout: str, *, stacklevel: int) -> str:
    if layout not in _LAYOUTS:
        raise ViewError(f"unknown layout {layout!r}; expected one of {', '.join(_LAYOUTS)}")
    with collector_paused():  # many small objects, no cycles (see argmap._gc)
        text, losses = _generate(m, graph, layout)
    if losses:
        what, details = zip(*losses, strict=True)
        warnings.warn(
            f"GraphML cannot hold {_either(list(what))}; dropped {', '.join(details)}",
            DataLossWarning,
            stacklevel=stacklevel,
        )
    return text


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _some(items: list[str], limit: int = 3) -> str:
    """The first few of ``items`` in parentheses (the message names examples, not all)."""
    return " (" + ", ".join(items[:limit]) + (", ..." if len(items) > limit else "") + ")"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# Fields of statements and relations the file has a key for, by how the record appears.
_ENDS = ("premises", "conclusion", "attacker", "target", "cause", "effect")
_AS_EDGE = frozenset(("id", "kind", "sort", "polarity", *_ENDS))
_AS_NODE = _AS_EDGE | {"text", "label", "scheme", "modality", "tags", "reconstructed"}
_UNKEPT: dict[tuple[type, bool], tuple[tuple[str, Any], ...]] = {}


def _unkept(cls: type[Any], as_node: bool) -> tuple[tuple[str, Any], ...]:
    """The (field, default) pairs of a record class that the file has no key for."""
    found = _UNKEPT.get((cls, as_node))
    if found is None:
        kept = _AS_NODE if as_node else _AS_EDGE
        found = _UNKEPT[cls, as_node] = tuple(
            (name, info.default) for name, info in cls.model_fields.items() if name not in kept
        )
    return found


def _losses(m: ArgumentMap, g: Any) -> list[tuple[str, str]]:
    """What the file leaves out of the map: (what GraphML cannot hold, what was dropped)."""
    losses: list[tuple[str, str]] = []
    if m.agents:
        names = [repr(a.name) for a in m.agents.values()]
        losses.append(("agents", _count(len(names), "agent") + _some(names)))
    if m.sources:
        losses.append(("sources", _count(len(m.sources), "source") + _some(list(m.sources))))
    if m.attributions:
        losses.append(("attributions", _count(len(m.attributions), "attribution")))
    if m.description is not None:
        losses.append(("the map's description", "the map's description"))
    if m.data:
        losses.append(("map data", "the map's data"))
    edge_keys = {key for _, _, key in g.edges(keys=True)}
    fields: dict[str, None] = {}
    with_fields: list[str] = []
    outside: list[str] = []
    replaced: list[str] = []  # records with characters XML 1.0 cannot hold (written as U+FFFD)
    if m.title is not None and _NOT_XML.search(m.title):
        replaced.append("the title")
    for record in (*m.statements.values(), *m.relations.values()):
        if record.id in g:
            unkept = _unkept(type(record), True)
        elif record.id in edge_keys:
            unkept = _unkept(type(record), False)
        else:
            outside.append(record.id)
            continue
        dropped = [name for name, default in unkept if getattr(record, name) != default]
        for name in ("id", "text", "scheme", "tags"):
            value = getattr(record, name, None)
            if value and any(
                _NOT_XML.search(v) for v in ((value,) if type(value) is str else value)
            ):
                replaced.append(record.id)
                break
        if dropped:
            fields.update(dict.fromkeys(dropped))
            with_fields.append(record.id)
    if with_fields:
        losses.append(
            (
                "fields it has no key for",
                f"the fields {', '.join(fields)} of "
                f"{_count(len(with_fields), 'record')}{_some(with_fields)}",
            )
        )
    if replaced:
        losses.append(
            (
                "control characters",
                f"characters XML cannot hold (written as U+FFFD) in "
                f"{_count(len(replaced), 'text')}{_some(replaced)}",
            )
        )
    if outside:
        losses.append(
            (
                "records outside the graph",
                f"{_count(len(outside), 'record')} outside the graph{_some(outside)}",
            )
        )
    return losses


def _text(text: str) -> str:
    """Element text as XML: XML-safe characters, ``& < >`` escaped."""
    return _safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    """An attribute value as XML: line breaks and tabs as references, so they survive parsing."""
    return (
        _text(text)
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _element(pad: str, tag: str, text: str, attrs: str = "") -> str:
    if not text:
        return f"{pad}<{tag}{attrs} />\n"
    return f"{pad}<{tag}{attrs}>{_text(text)}</{tag}>\n"


def _head(graph: str, has_graphics: bool) -> list[str]:
    yed = f' xmlns:y="{_YED}"' if has_graphics else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{_GRAPHML}" xmlns:xsi="{_XSI}"{yed} xsi:schemaLocation="{_SCHEMA}">\n',
    ]
    for scope, names in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name in names:
            out.append(
                f'  <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" '
                'attr.type="string" />\n'
            )
    out.append('  <key id="g_title" for="graph" attr.name="title" attr.type="string" />\n')
    out.append('  <key id="ng" for="node" yfiles.type="nodegraphics" />\n')
    out.append('  <key id="eg" for="edge" yfiles.type="edgegraphics" />\n')
    return out


def _size(label: str) -> tuple[int, int]:
    """A node's width and height in pixels, guessed from its label (yEd wraps it to fit)."""
    lines = max(1, min(6, len(label) // 30 + 1))
    return max(60, min(260, 7 * len(label) + 20)), 18 * lines + 16


def _positions(
    g: Any, sizes: dict[str, tuple[int, int]], layout: str
) -> dict[str, tuple[float, float]]:
    """Top-left corners in pixels (y down, as yEd has it) from a Graphviz layout, or none.

    The DOT names the nodes ``n0``, ``n1``... (never the map's text) and fixes each node's size
    to the one the file gives it, so what the engine places is what yEd draws.
    """
    if layout == "none" or not sizes or (layout == "auto" and len(sizes) > LAYOUT_LIMIT):
        return {}
    # Lazy and upward on purpose: the layout engine lives with the renderer, and a GraphML
    # file without an engine is still a GraphML file.
    from argmap.errors import EngineNotFoundError
    from argmap.rendering.engine import pipe_dot

    names = {node: f"n{i}" for i, node in enumerate(sizes)}
    lines = ["digraph g {", 'node [shape=box fixedsize=true label=""];', "rankdir=TB;"]
    for node, (wide, tall) in sizes.items():
        lines.append(f"{names[node]} [width={wide / 72:.3f} height={tall / 72:.3f}];")
    for start, end in g.edges():
        lines.append(f"{names[start]} -> {names[end]};")
    lines.append("}")
    try:
        plain = pipe_dot("\n".join(lines), "plain", engine="auto" if layout == "auto" else layout)
    except EngineNotFoundError:
        if layout == "auto":
            return {}
        raise
    by_name = {name: node for node, name in names.items()}
    top = 0.0  # the layout's height in inches: its y runs up, yEd's down
    centres: dict[str, tuple[float, float]] = {}
    for row in plain.decode("utf-8", "replace").splitlines():
        words = row.split()
        if words[:1] == ["graph"] and len(words) >= 4:
            top = float(words[3])
        elif words[:1] == ["node"] and len(words) >= 4 and words[1] in by_name:
            centres[by_name[words[1]]] = (float(words[2]), float(words[3]))
    placed: dict[str, tuple[float, float]] = {}
    for node, (x, y) in centres.items():
        width, tall = sizes[node]
        # The engine rounds sizes to its own precision: a hair below zero is zero.
        left, upper = round(x * 72 - width / 2, 2), round((top - y) * 72 - tall / 2, 2)
        placed[node] = (max(left, 0.0) + 0.0, max(upper, 0.0) + 0.0)  # no -0.0
    return placed


def _generate(m: ArgumentMap, graph: GraphName, layout: str) -> tuple[str, list[tuple[str, str]]]:
    # Written line by line rather than through ElementTree, whose serializer took 19 s for
    # the 700,000 elements of a 100,000-claim chain (16 times its time for a tenth of it);
    # the text is the same, indented as ``ET.indent`` would.
    g = to_networkx(m, graph=graph)
    node_data = {node: _node_data(m, node, attrs) for node, attrs in g.nodes(data=True)}
    sizes = {node: _size(data["label"]) for node, data in node_data.items()}
    placed = _positions(g, sizes, layout)
    out = _head(graph, g.number_of_nodes() > 0)
    graph_open = f'  <graph id="{_attr(graph)}" edgedefault="directed"'
    if m.title is None and not g.number_of_nodes():
        out.append(graph_open + " />\n</graphml>\n")
        return "".join(out), _losses(m, g)
    out.append(graph_open + ">\n")
    if m.title is not None:
        out.append(_element("    ", "data", m.title, ' key="g_title"'))
    for node in g.nodes():
        out.append(f'    <node id="{_attr(node)}">\n')
        data = node_data[node]
        for name in _NODE_KEYS:
            if name in data:
                out.append(_element("      ", "data", data[name], f' key="n_{name}"'))
        label = data["label"]
        width, height = sizes[node]
        x, y = placed.get(node, (0, 0))
        color = _attr(data["color"])
        out.append(
            '      <data key="ng">\n'
            "        <y:ShapeNode>\n"
            f'          <y:Geometry height="{height}" width="{width}" x="{x}" y="{y}" />\n'
            f'          <y:Fill color="{color}" transparent="false" />\n'
            '          <y:BorderStyle color="#333333" type="line" width="1.0" />\n'
        )
        out.append(
            _element(
                "          ",
                "y:NodeLabel",
                label,
                ' autoSizePolicy="node_width" configuration="CroppingLabel"',
            )
        )
        out.append(
            f'          <y:Shape type="{_SHAPE.get(data["kind"], "rectangle")}" />\n'
            "        </y:ShapeNode>\n"
            "      </data>\n"
            "    </node>\n"
        )
    for number, (start, end, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        out.append(f'    <edge id="e{number}" source="{_attr(start)}" target="{_attr(end)}">\n')
        data = _edge_data(m, str(key), attrs, graph)
        for name in _EDGE_KEYS:
            if data.get(name):
                out.append(_element("      ", "data", data[name], f' key="e_{name}"'))
        dashed = attrs.get("polarity") == "-" or attrs.get("sort") == "undercut"
        out.append(
            '      <data key="eg">\n'
            "        <y:PolyLineEdge>\n"
            f'          <y:LineStyle color="{_attr(data["color"])}" '
            f'type="{"dashed" if dashed else "line"}" width="2.0" />\n'
            '          <y:Arrows source="none" target="standard" />\n'
        )
        if data["label"]:
            out.append(_element("          ", "y:EdgeLabel", data["label"]))
        out.append("        </y:PolyLineEdge>\n      </data>\n    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out), _losses(m, g)


def write_graphml(
    m: ArgumentMap, path_or_file: PathOrFile, *, graph: GraphName = "aif", layout: str = "auto"
) -> None:
    """Write one of the map's graphs as GraphML to a path (atomically) or an open file.

    ``layout`` is as in :func:`generate_graphml`: by default the nodes are placed by a Graphviz
    layout when an engine is installed.
    """
    atomic_write(path_or_file, _generate_and_warn(m, graph, layout, stacklevel=3))
