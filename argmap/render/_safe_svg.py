"""Make a layout engine's SVG safe and scriptable before it goes inline into an HTML page.

The renderer escapes user text already; this pass is the second wall, so that a bug there cannot
become script in a page someone opens from their mail. The SVG is parsed and written back from an
allowlist: only the shapes and presentation attributes Graphviz emits survive, never an event
handler, a link, an ``<image>``, a ``<script>`` or a ``url()`` that leaves the document. Ids get a
per-view prefix so that several views can share one page, and every node or edge that stands for a
map item gets ``data-id``, a tab stop, a role and an accessible name, so the page's script and a
keyboard user can reach it. Graphviz's ``<a xlink:title>`` tooltips become ``<title>`` elements,
which browsers show without a link.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from argmap.errors import RenderError

__all__ = ["SafeSvg", "clean_svg"]

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_NS = "{http://www.w3.org/1999/xlink}"

# Elements Graphviz's SVG writer produces; anything else is dropped with its subtree.
_ELEMENTS = frozenset(
    (
        "svg", "g", "title", "polygon", "polyline", "path", "ellipse", "circle", "rect",
        "line", "text", "tspan", "a", "defs", "linearGradient", "radialGradient", "stop",
    )
)  # fmt: skip
# Presentation and geometry attributes; no event handler, href or style can pass.
_ATTRIBUTES = frozenset(
    (
        "id", "class", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
        "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity", "d", "points",
        "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "width",
        "height", "viewBox", "transform", "text-anchor", "font-family", "font-size",
        "font-weight", "font-style", "font-variant", "text-decoration", "baseline-shift",
        "gradientUnits", "gradientTransform", "offset", "stop-color", "stop-opacity", "fx", "fy",
        "preserveAspectRatio",
    )
)  # fmt: skip
_STYLE_PROPERTIES = frozenset(("stop-color", "stop-opacity", "fill", "stroke", "opacity"))
_URL = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
# Code points XML 1.0 forbids; an engine may copy them from a label, and they cannot be shown.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>)?\s*(<!--.*?-->\s*)*(<!DOCTYPE svg[^>\[]*>)?", re.S)


@dataclass
class SafeSvg:
    """The cleaned SVG markup and what it showed."""

    markup: str
    """One ``<svg>`` element, ready to go inline into HTML."""
    item_ids: set[str] = field(default_factory=set)
    """Ids of the map items that got a clickable element."""


def clean_svg(
    svg: str,
    *,
    prefix: str,
    item_of: Callable[[str, tuple[str, ...]], str | None],
    label_of: Callable[[str], str],
) -> SafeSvg:
    """Parse SVG from a layout engine and write it back from an allowlist.

    Args:
        svg: The engine's SVG document.
        prefix: Put before every id, unique per view in a page (``"v0-"``).
        item_of: Maps a node's or edge's SVG id and classes to the map item it draws, or None.
        label_of: The accessible name of a map item.

    Returns:
        The cleaned markup and the ids of the items it makes clickable.

    Raises:
        RenderError: The text is not a plain SVG document (a DTD with entities, say).

    Examples:
        >>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" width="9pt">'
        ...        '<g id="c1" class="node" onclick="x()"><title>n0</title>'
        ...        '<text>&lt;b&gt;</text><image href="http://x"/></g></svg>')
        >>> out = clean_svg(svg, prefix="v0-", item_of=lambda i, c: i, label_of=lambda i: "Claim")
        >>> print(out.markup)  # doctest: +NORMALIZE_WHITESPACE
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" data-width="9pt"
        data-viewbox="0 0 9 9"><g id="v0-c1"
        class="node am-item am-node" data-id="c1" tabindex="0" role="button"
        aria-label="Claim"><title>Claim</title><text>&lt;b&gt;</text></g></svg>
    """
    body = _NOT_XML.sub("", _PROLOG.sub("", svg, count=1))
    if "<!DOCTYPE" in body or "<!ENTITY" in body:
        raise RenderError("the engine's SVG carries a document type or entities; refusing it")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as err:
        raise RenderError(f"the engine's SVG does not parse: {err}") from None
    if root.tag != _SVG_NS + "svg":
        raise RenderError(f"expected an <svg> document from the engine, got <{root.tag}>")
    return _Writer(prefix, item_of, label_of).write(root)


class _Writer:
    def __init__(
        self,
        prefix: str,
        item_of: Callable[[str, tuple[str, ...]], str | None],
        label_of: Callable[[str], str],
    ) -> None:
        self.prefix = prefix
        self.item_of = item_of
        self.label_of = label_of

    def write(self, root: ET.Element) -> SafeSvg:
        out: list[str] = []
        found: set[str] = set()
        # Iterative walk: an explicit stack of elements to open and tags to close, so that deep
        # cluster nesting cannot exhaust Python's recursion limit.
        stack: list[ET.Element | str] = [root]
        while stack:
            top = stack.pop()
            if isinstance(top, str):
                out.append(top)
                continue
            node = top
            name = _local(node.tag)
            if name not in _ELEMENTS:
                self._tail(node, out)
                continue
            if name == "a":
                # A link without a target is a tooltip holder: keep its children, drop the <a>.
                if node.tail:
                    stack.append(escape(node.tail, quote=False))
                if node.text:
                    out.append(escape(node.text, quote=False))
                stack.extend(reversed(list(node)))
                continue
            if name == "title":
                # Graphviz titles hold DOT node names; item elements get a readable one below.
                self._tail(node, out)
                continue
            attrs = self._attributes(node, name == "svg")
            item = self._item(node)
            if item is not None:
                found.add(item)
                label = self.label_of(item)
                classes = [c for c in attrs.get("class", "").split() if c]
                kind = "am-edge" if "edge" in classes else "am-node"
                classes += ["am-item", kind]
                attrs["class"] = " ".join(classes)
                attrs.update({"data-id": item, "tabindex": "0", "role": "button"})
                attrs["aria-label"] = label
            out.append(f"<{name}{_attrs_markup(attrs)}>")
            if item is not None:
                tip = _tooltip(node)
                out.append(f"<title>{escape(tip or self.label_of(item), quote=False)}</title>")
            if node.text:
                out.append(escape(node.text, quote=False))
            stack.append(f"</{name}>" + (escape(node.tail, quote=False) if node.tail else ""))
            children = list(node)
            if item is not None and "am-edge" in attrs["class"]:
                children.insert(0, _hit_area(node))
            stack.extend(reversed(children))
        return SafeSvg("".join(out), found)

    def _tail(self, node: ET.Element, out: list[str]) -> None:
        if node.tail:
            out.append(escape(node.tail, quote=False))

    def _item(self, node: ET.Element) -> str | None:
        if _local(node.tag) != "g":
            return None
        classes = tuple(node.get("class", "").split())
        dom_id = node.get("id")
        if dom_id is None or not ({"node", "edge"} & set(classes)):
            return None
        return self.item_of(dom_id, classes)

    def _attributes(self, node: ET.Element, is_root: bool) -> dict[str, str]:
        attrs: dict[str, str] = {}
        style = node.get("style")
        if style:
            for part in style.split(";"):
                key, _, value = part.partition(":")
                if key.strip() in _STYLE_PROPERTIES:
                    attrs[key.strip()] = value.strip()
        for key, value in node.attrib.items():
            if key in _ATTRIBUTES:
                attrs[key] = value
        if is_root:
            attrs = {"xmlns": "http://www.w3.org/2000/svg", **attrs}
            # The page sizes the drawing to its pane and zooms by changing the viewBox; the
            # natural size and the whole drawing's box are kept for "fit" and for printing.
            for key in ("width", "height"):
                if key in attrs:
                    attrs["data-" + key] = attrs.pop(key)
            if "viewBox" in attrs:
                attrs["data-viewbox"] = attrs["viewBox"]
        for key, value in list(attrs.items()):
            if "url(" in value:
                refs = _URL.findall(value)
                if not refs or value.count("url(") != len(refs):
                    del attrs[key]  # a url() outside the document would make a request
                    continue
                attrs[key] = _URL.sub(lambda hit: f"url(#{self.prefix}{hit.group(1)})", value)
        if "id" in attrs:
            attrs["id"] = self.prefix + attrs["id"]
        return attrs


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attrs_markup(attrs: dict[str, str]) -> str:
    return "".join(f' {key}="{escape(value, quote=True)}"' for key, value in attrs.items())


def _tooltip(node: ET.Element) -> str | None:
    for link in node.iter(_SVG_NS + "a"):
        tip = link.get(_XLINK_NS + "title") or link.get("title")
        if tip:
            return tip
    return None


def _hit_area(edge: ET.Element) -> ET.Element:
    """A wide transparent copy of an edge's first path, so a thin line is easy to click."""
    for path in edge.iter(_SVG_NS + "path"):
        d = path.get("d")
        if d:
            return ET.Element(_SVG_NS + "path", {"d": d, "class": "am-hit", "fill": "none"})
    return ET.Element(_SVG_NS + "g")
