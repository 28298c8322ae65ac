"""The DOT builder's last stage: the legend, and :meth:`_Builder.build`, which runs every stage.

The legend is the graph's own label: an HTML-like table above the drawing, with the title in
its first row. The layout places a graph label after it has placed every node, so the legend
costs the layout nothing; the cluster of sample nodes and edges it replaces made ``dot`` five
times slower on a 2,000-statement map and took a quarter of the causal view. A table cannot
draw an edge, so each edge kind is shown by a short line of characters in its colour and with
its head (``──►`` support, ``──┤`` rebut...), chosen from those both engines can draw.
Only what the drawing shows is listed, and a speaker gets a coloured swatch only when the
drawing fills nodes with that colour; a speaker whose colour marks lines gets a coloured line.
"""

from __future__ import annotations

import math
from html import escape

import graphviz  # type: ignore[import-untyped]

from argmap.rendering import style
from argmap.rendering.dot._common import _LEGEND_TEXT, _legend_id
from argmap.rendering.dot._rows import _RowStage
from argmap.rendering.text import clean, dot_text

# Heads and lines as characters: what every engine's fonts can draw (graphviz-pure's PNG font
# lacks most arrows; these it has).
_HEAD: dict[str, str] = {
    "normal": "►",
    "empty": "►",
    "onormal": "►",
    "tee": "┤",
    "box": "■",
    "obox": "■",
    "dot": "●",
    "odot": "○",
    "diamond": "◆",
    "none": "",
}
_LINE: dict[str, str] = {"solid": "───", "dashed": "– – –", "dotted": "·····", "bold": "━━━"}
_SWATCH = 'WIDTH="22" HEIGHT="12" FIXEDSIZE="TRUE"'
# An empty column after each entry: the space between one entry's words and the next swatch.
_GAP = '<TD WIDTH="6"></TD>'


def _html(text: str) -> str:
    """Map text for an HTML-like label: escaped, a backslash kept one.

    Both engines read backslash escapes in an HTML-like label's text too (after its
    character references), so a backslash is doubled to stay one.
    """
    return escape(clean(text), quote=True).replace("\\", "\\\\")


def _own(text: str) -> str:
    """argmap's own legend text for an HTML-like label, its ``\\n`` as line breaks."""
    return '<BR ALIGN="LEFT"/>'.join(_html(line) for line in text.split("\\n"))


def _node_swatch(attrs: dict[str, str]) -> str:
    """A small cell drawn like a node of this kind: border, dash, fill, double border."""
    shape = attrs.get("shape", "box")
    if shape in ("plaintext", "point"):
        return "<TD></TD>"
    styles = attrs.get("style", "rounded").split(",")
    look = [s for s in styles if s in ("dashed", "dotted")]
    if shape in ("box", "ellipse") and "diagonals" not in styles:
        look.insert(0, "rounded")
    border = "3" if float(attrs.get("penwidth", "1")) >= 2 else "1"
    cell = (
        f'<TD BORDER="{border}" {_SWATCH} COLOR="{attrs.get("color", style.NEUTRAL_COLOUR)}"'
        f' BGCOLOR="{attrs.get("fillcolor", "#FFFFFF")}"'
        + (f' STYLE="{",".join(look)}"' if look else "")
        + "></TD>"
    )
    if attrs.get("peripheries") == "2":
        cell = (
            '<TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0" COLOR="'
            f'{attrs.get("color", style.NEUTRAL_COLOUR)}"><TR>{cell}</TR></TABLE></TD>'
        )
    # In a table of its own, on the right of its grid column, against its words: graphviz-pure
    # ignores FIXEDSIZE and would stretch a bare cell to the width of the widest swatch.
    return (
        '<TD ALIGN="RIGHT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"<TR>{cell}</TR></TABLE></TD>"
    )


def _edge_swatch(attrs: dict[str, str]) -> str:
    """A short line of characters drawn like an edge of this kind, in a readable shade."""
    colour = attrs.get("color", style.NEUTRAL_COLOUR).split(":")[0]
    line = _LINE.get(attrs.get("style", "solid"), _LINE["solid"])
    head = "" if attrs.get("dir") == "none" else _HEAD.get(attrs.get("arrowhead", "normal"), "►")
    tail = "├" if attrs.get("dir") == "both" else ""
    glyph = escape(tail + line + head)
    return f'<TD ALIGN="RIGHT"><FONT COLOR="{style.readable(colour)}">{glyph}</FONT></TD>'


class _Builder(_RowStage):
    """One drawing under construction: every stage, run in order by :meth:`build`."""

    # ------------------------------------------------------------------ the whole graph
    def build(self, *, legend: str) -> graphviz.Digraph:
        g = self.g
        g.graph_attr["rankdir"] = self.rankdir
        if self.view == "speakers" and self.speaker is None:
            self._who_answers_whom()
        elif self.view == "speakers":
            self._speakers()
        else:
            if self.view == "causal":
                self._find_loops()
            self._statements()
            self._relations()
            if self.view == "causal":
                self._opposites()
                self._loops()
        table = self._legend() if legend == "side" else None
        if table is not None:
            g.graph_attr["label"] = table
        elif self.m.title:
            g.graph_attr["label"] = dot_text(self.m.title)
        if self.packing:
            self._pack(None)
        return g

    # ------------------------------------------------------------------ legend
    def _entries(self) -> list[tuple[str, str, str, str]]:
        """Every legend entry as (id, swatch cell, text, tooltip), the last two in HTML-like
        label form: speakers, then node kinds, then edge kinds."""
        entries: list[tuple[str, str, str, str]] = []
        for aid, how in ((a, self.legend_speakers.get(a)) for a in self.m.agents):
            if how is None:
                continue
            colour = self.colour[aid]
            name = self.m.agents[aid].name
            if how == "fill":
                swatch = _node_swatch(
                    {"shape": "box", "color": colour, "fillcolor": style.tint(colour)}
                )
            else:
                swatch = _edge_swatch({"color": colour})
            entries.append((f"legend-speaker-{aid}", swatch, _html(name), _html(f"said by {name}")))
        for key, attrs in self.legend_nodes.items():
            text = _LEGEND_TEXT.get(key, key)
            if key.startswith("loop-"):
                mark = text.split(",")[0]
                swatch = f'<TD BORDER="1" STYLE="rounded,dashed" COLOR="{style.FAINT_COLOUR}">'
                swatch += f"{escape(mark)}</TD>"
            elif key == "junction":
                swatch = '<TD ALIGN="RIGHT">───●──►</TD>'
            else:
                swatch = _node_swatch(attrs)
            entries.append((f"legend-{key}", swatch, _own(text), _html(text.replace("\\n", " "))))
        for key, mark in self.legend_marks.items():
            # A mark is words itself ("(hypothetical)"): it leads its explanation in the words
            # cell, so that no swatch column is as wide as the widest mark.
            text = _LEGEND_TEXT.get(key, key)
            words = f"{_html(mark)}  {_own(text)}"
            entries.append((f"legend-{key}", "<TD></TD>", words, _html(text)))
        for key, attrs in self.legend_edges.items():
            text = _LEGEND_TEXT.get(key, key)
            entries.append(
                (
                    f"legend-{_legend_id(key)}",
                    _edge_swatch(attrs),
                    _own(text),
                    _html(text.replace("\\n", " ")),
                )
            )
        return entries

    def _legend(self) -> str | None:
        """The graph's label: the title, then the legend as a table of swatches and words.

        Entries run in rows of up to six (speakers first, then node kinds, then edge kinds)
        so that the table is wide and short, as a label above a drawing should be. The
        table is one grid, a swatch column then a words column per entry: an entry's own
        table, inside a grid column wider than it, was stretched by the layout, which spread
        the extra width between the swatch and its words, unevenly from entry to entry. In
        one grid the swatch sits against its words and the slack falls after the words.
        """
        entries = self._entries()
        if not entries:
            return None
        across = min(len(entries), max(3, math.ceil(math.sqrt(len(entries) * 2))), 6)
        rows: list[str] = []
        if self.m.title:  # across every entry's three columns: swatch, words, gap
            rows.append(
                f'<TR><TD COLSPAN="{3 * across}"><FONT POINT-SIZE="14">'
                f"{_html(self.m.title)}</FONT></TD></TR>"
            )
        for start in range(0, len(entries), across):
            cells = []
            for ident, swatch, text, tip in entries[start : start + across]:
                # Graphviz 2.43 refuses an empty or blank <FONT>: a nameless speaker's has none.
                font = f'<FONT POINT-SIZE="10">{text}</FONT>' if text.strip() else ""
                words = f'<TD ALIGN="LEFT" ID="{_html(ident)}" TOOLTIP="{tip}">{font}</TD>'
                cells.append(swatch + words + _GAP)
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return (
            '<<TABLE ID="legend" BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
            + "".join(rows)
            + "</TABLE>>"
        )
