"""The argument as indented text: each conclusion, what supports and attacks it, who says so.

:func:`outline` is what ``argmap outline FILE`` prints and what a notebook shows as a map's
``text/plain``: readable in a terminal and pasteable into a report. It has up to three sections:

* **Arguments**: each conclusion (a statement that supports and attacks nothing) with the
  supports and attacks beneath it, and theirs beneath them, at any depth; under every statement
  and relation, who takes which stance on it and the words quoted, with their source.
* **Causal links**: each link, cause to effect with its sign, and what supports or attacks it.
* **Circular arguments**: statements that only support or attack one another in a circle, so
  that no conclusion leads to them.

A statement or relation is written out in full once; where it comes again (another conclusion
leads to it, or a circle comes back to it) one line names it and says ``(see above)``. The walk
keeps its own stack, so a chain of any length fits, and indentation stops growing at depth 24
(deeper lines show their depth instead). Control characters and line or paragraph separators in
user text are written as escapes (``\\n``, ``\\x1b``), as are the bidirectional controls that
would let text reorder itself on screen, so one record stays one line.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> _ = m.source("Post", id="post", text="The blockade strengthened the gang.")
    >>> s = m.claim("The blockade strengthened the gang", id="strengthened", by=petro,
    ...             quote=m.quote("post", "The blockade strengthened the gang"))
    >>> d = m.claim("The gang was defeated", id="defeated", reconstructed=True)
    >>> _ = m.contradict(d, s, id="clash")
    >>> print(outline(m))
    Demo: 2 statements (2 claims, 0 factors), 1 relation, 1 agent, 1 source
    <BLANKLINE>
    Arguments
    [strengthened] The blockade strengthened the gang
        Gustavo Petro asserts: “The blockade strengthened the gang” (post)
      contradicted by clash
        [defeated] The gang was defeated (reconstructed)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap._gc import collector_paused
from argmap.model import ArgumentMap, Attack, Attribution, CausalLink, Factor, Support

__all__ = ["outline"]

# Beyond this depth lines stop moving right (a 10,000-step chain would otherwise be 20,000
# columns wide) and show their depth instead.
_MAX_INDENT = 24
_VERB = {
    "rebut": "rebutted by",
    "undermine": "undermined by",
    "undercut": "undercut by",
    "contradict": "contradicted by",
}
# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional embeddings,
# overrides and isolates ("Trojan source"): none may act on the reader's terminal.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _show(text: str) -> str:
    r"""User text on one line: controls written as escapes.

    Examples:
        >>> _show("two\nlines \x1b[31m")
        'two\\nlines \\x1b[31m'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda hit: repr(hit.group())[1:-1], text)


def outline(m: ArgumentMap, *, max_lines: int | None = None) -> str:
    """Return the map as an indented outline of its arguments and causal links.

    Args:
        m: The map.
        max_lines: Stop after this many lines and say how to see the rest (a notebook's
            display of a large map uses it); ``None`` for the whole outline.

    Returns:
        The outline; the first line is the map's :meth:`~argmap.ArgumentMap.summary`.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> blockade, gang = m.factor("US blockade", id="blockade"), m.factor("gang", id="gang")
        >>> link = m.causes(blockade, gang, id="l1", modality="general")
        >>> _ = m.support(m.claim("Petro says so", id="says"), link, id="s1")
        >>> print(outline(m))
        Untitled map: 3 statements (1 claim, 2 factors), 2 relations, 0 agents, 0 sources
        <BLANKLINE>
        Causal links
        [l1] (+) US blockade → gang
            from [blockade] to [gang], general
          supported by s1
            [says] Petro says so
        >>> print(outline(m, max_lines=3))
        Untitled map: 3 statements (1 claim, 2 factors), 2 relations, 0 agents, 0 sources
        <BLANKLINE>
        Causal links
        … 4 more lines: argmap.outline(m) shows them all
    """
    # Hundreds of thousands of lines and stack entries, none in a reference cycle: without the
    # pause, each automatic full collection walks every record of the map again.
    with collector_paused():
        lines = _lines(m)
        if max_lines is None:
            return "\n".join(lines)
        kept: list[str] = []
        for line in lines:
            if len(kept) == max_lines:
                rest = 1 + sum(1 for _ in lines)
                kept.append(f"… {rest} more lines: argmap.outline(m) shows them all")
                break
            kept.append(line)
        return "\n".join(kept)


class _Walker:
    """The state of one outline: what has been written, and what leads to what."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        # Plain dicts: read once per line, a mapping proxy's lookups add up.
        self.statements = dict(m.statements)
        self.relations = dict(m.relations)
        # Supports and attacks that end at each statement or relation, in map order.
        self.incoming: dict[str, list[str]] = {}
        self.gives_reasons: set[str] = set()  # premises and attackers
        self.in_argument: set[str] = set()  # any end of a support or attack
        self.in_causal: set[str] = set()
        for rel in m.relations.values():
            if isinstance(rel, Support):
                self.incoming.setdefault(rel.conclusion, []).append(rel.id)
                self.gives_reasons.update(rel.premises)
                self.in_argument.update(rel.premises)
                self.in_argument.add(rel.conclusion)
            elif isinstance(rel, Attack):
                self.incoming.setdefault(rel.target, []).append(rel.id)
                self.gives_reasons.add(rel.attacker)
                self.in_argument.update((rel.attacker, rel.target))
            else:
                self.in_causal.update((rel.cause, rel.effect))
        self.attributions: dict[str, list[Attribution]] = {}
        for a in m.attributions:
            self.attributions.setdefault(a.target, []).append(a)
        self.agent_names = {a.id: a.name for a in m.agents.values()}
        self.written: set[str] = set()  # statements and relations written out in full

    def indent(self, depth: int) -> str:
        if depth <= _MAX_INDENT:
            return "  " * depth
        return "  " * _MAX_INDENT + f"({depth}) "

    def said(self, target: str, depth: int) -> list[str]:
        said = self.attributions.get(target)
        if not said:
            return []
        pad = self.indent(depth) + "    "
        return [pad + self.attribution(a) for a in said]

    def attribution(self, a: Attribution) -> str:
        who = _show(self.agent_names.get(a.agent, a.agent)) if a.agent else "someone"
        line = f"{who} {a.stance}"
        if a.reported_by:
            line += f", reported by {_show(self.agent_names.get(a.reported_by, a.reported_by))}"
        if a.quote is not None:
            line += f": “{_show(a.quote.text)}” ({_show(a.quote.source)})"
        return line

    def statement_line(self, sid: str, depth: int) -> str:
        s = self.statements[sid]
        if isinstance(s, Factor):
            tail = " (factor, reconstructed)" if s.reconstructed else " (factor)"
        else:
            tail = " (reconstructed)" if s.reconstructed else ""
        return f"{self.indent(depth)}[{_show(sid)}] {_show(s.text)}{tail}"

    def relation_line(self, rid: str, depth: int) -> str:
        rel = self.relations[rid]
        if isinstance(rel, Support):
            head = f"supported by {_show(rid)}"
            notes = [_show(rel.scheme)] if rel.scheme else []
            if len(rel.premises) > 1:
                notes.append("premises together")
        elif isinstance(rel, Attack):
            head, notes = f"{_VERB[rel.sort]} {_show(rid)}", []
        else:
            head, notes = f"{_show(rid)}", []
        if rel.reconstructed:
            notes.append("reconstructed")
        return self.indent(depth) + head + (f" ({', '.join(notes)})" if notes else "")

    def walk(self, kind: str, start: str, depth: int) -> Iterator[str]:
        """Write a statement or relation and everything beneath it, with an explicit stack."""
        stack: list[tuple[str, str, int]] = [(kind, start, depth)]
        while stack:
            kind, ident, depth = stack.pop()
            if kind == "statement":
                line = self.statement_line(ident, depth)
            else:
                line = self.relation_line(ident, depth)
            if ident in self.written:
                yield line + " (see above)"
                continue
            self.written.add(ident)
            yield line
            yield from self.said(ident, depth)
            below: list[tuple[str, str, int]] = []
            if kind == "relation":
                rel = self.relations[ident]
                if isinstance(rel, Support):
                    below.extend(("statement", p, depth + 1) for p in rel.premises)
                elif isinstance(rel, Attack):
                    below.append(("statement", rel.attacker, depth + 1))
            below.extend(("relation", r, depth + 1) for r in self.incoming.get(ident, ()))
            stack.extend(reversed(below))

    def causal(self, link: CausalLink) -> Iterator[str]:
        cause, effect = self.statements[link.cause], self.statements[link.effect]
        head = f"[{_show(link.id)}] ({link.polarity}) {_show(cause.text)} → {_show(effect.text)}"
        yield head + (" (reconstructed)" if link.reconstructed else "")
        details = [f"from [{_show(link.cause)}] to [{_show(link.effect)}]", link.modality]
        if link.mechanism:
            details.append(f"mechanism: {_show(link.mechanism)}")
        if link.delay:
            details.append(f"delay: {_show(link.delay)}")
        yield "    " + ", ".join(details)
        self.written.add(link.id)
        yield from self.said(link.id, 0)
        for rid in self.incoming.get(link.id, ()):
            yield from self.walk("relation", rid, 1)


def _lines(m: ArgumentMap) -> Iterator[str]:
    w = _Walker(m)
    yield _show(m.summary())
    roots = [
        sid
        for sid in m.statements
        if sid not in w.gives_reasons and (sid in w.in_argument or sid not in w.in_causal)
    ]
    if roots:
        yield ""
        yield "Arguments"
        for sid in roots:
            yield from w.walk("statement", sid, 0)
    links = m.causal_links()
    if links:
        yield ""
        yield "Causal links"
        for link in links:
            yield from w.causal(link)
    # What no conclusion and no causal link leads to: supports and attacks in a circle.
    left = [sid for sid in m.statements if sid in w.in_argument and sid not in w.written]
    left_relations = [rid for rid in m.relations if rid not in w.written]
    if left or left_relations:
        yield ""
        yield "Circular arguments"
        # Statements that something leads to first, so a circle starts at a statement; then
        # relations that only lead to one another; then whatever they leave.
        for sid in left:
            if sid not in w.written and sid in w.incoming:
                yield from w.walk("statement", sid, 0)
        for rid in left_relations:
            if rid not in w.written:
                yield from w.walk("relation", rid, 0)
        for sid in left:
            if sid not in w.written:
                yield from w.walk("statement", sid, 0)
