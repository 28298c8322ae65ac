"""The DOT builder's rows stage: a drawing's disconnected parts laid out in rows."""

from __future__ import annotations

import itertools

from argmap.rendering import style
from argmap.rendering.dot._common import _ASPECT, _NAME_PREFIXES
from argmap.rendering.dot._speakers import _SpeakerStage
from argmap.rendering.pack import Block, components, levels, shelves


class _RowStage(_SpeakerStage):
    """Arranges the parts of a whole-map view in rows that near a screen's shape."""

    # ------------------------------------------------------------------ rows
    def _pack(self, legend: tuple[list[str], list[str], Block] | None) -> None:
        """Lay the drawing's disconnected parts out in rows (see :mod:`argmap.rendering.pack`).

        Each part is measured from the sizes and ranks its nodes will roughly get; the rows
        are then stacked by invisible point nodes, one between two rows, tied below to the top
        nodes of every part of the lower row and above to the bottom nodes of the upper one.
        The ties weigh nothing, so they rank the rows without pulling anything sideways.
        """
        parts = components(list(self.size), [*self.flow, *self.ties])
        if len(parts) < 2:
            return  # one part: where dot puts the legend beside it is fine
        lr = self.rankdir in ("LR", "RL")
        nodesep = float(style.GRAPH_DEFAULTS["nodesep"])
        ranksep = float(style.GRAPH_DEFAULTS["ranksep"])
        part_of = {n: i for i, part in enumerate(parts) for n in part}
        flows: list[list[tuple[str, str]]] = [[] for _ in parts]
        for a, b in self.flow:
            if a in part_of and part_of.get(b) == part_of[a]:
                flows[part_of[a]].append((a, b))
        blocks: list[Block] = []
        bottoms: list[list[str]] = []
        tops: list[list[str]] = []
        for part, edges in zip(parts, flows, strict=True):
            level = levels(part, edges)
            ranks: dict[int, list[str]] = {}
            for n in part:
                ranks.setdefault(level[n], []).append(n)
            across = along = 0.0
            for members in ranks.values():
                sizes = [self.size[n] for n in members]
                spread = sum(h if lr else w for w, h in sizes) + nodesep * (len(sizes) - 1)
                across = max(across, spread)
                along += max(w if lr else h for w, h in sizes)
            # Between ranks: the gap, and in a left-to-right view the edges' labels too.
            along += (ranksep + (0.4 if lr else 0.0)) * (len(ranks) - 1)
            blocks.append(Block(across, along))
            bottoms.append(ranks[min(ranks)])
            tops.append(ranks[max(ranks)])
        if legend is not None:
            bottoms.append(legend[0])
            tops.append(legend[1])
            blocks.append(legend[2])
        rows = shelves(blocks, aspect=_ASPECT, ranks_across=lr)
        if len(rows) < 2:
            return
        # In rank order: left to right (or top to bottom) reads first to last; bottom to top
        # needs them reversed so that the first row comes out on top.
        for lower, upper in itertools.pairwise(rows[::-1] if self.rankdir == "BT" else rows):
            anchor = f"k{self.anchors}"
            assert anchor[0] in _NAME_PREFIXES
            self.anchors += 1
            self.g.node(anchor, label="", shape="point", width="0", height="0", style="invis")
            for i in lower:
                for n in tops[i]:
                    self.g.edge(n, anchor, style="invis", weight="0")
            for i in upper:
                for n in bottoms[i]:
                    self.g.edge(anchor, n, style="invis", weight="0")
