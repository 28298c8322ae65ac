"""One self-contained HTML page of a map, for a reader who has no Python and no network.

The page holds the SVG of each view inline, a side panel that shows on a click (or Enter) who said
what, with the quotes, their sources and spans, the findings and the acceptance status, a search
box, a switch per speaker and per view, a legend, a source pane (each source's text with its
quotes marked, linked both ways to their statements), pan and zoom, and a print style. A view
opens on its largest connected part, as wide as the pane allows with text no smaller than 10 px.
It loads nothing: the styles and the script are inline and a Content-Security-Policy forbids
every request.

Everything a user wrote is escaped for where it lands. The SVG is parsed and rewritten from an
allowlist (:mod:`argmap.rendering._safe_svg`); the panel's data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``,
``\\u003e`` and ``\\u0026``, and the page's script puts it on screen with ``textContent`` only.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> c = m.claim("</script><script>alert(1)</script>")
    >>> page = to_html(m)
    >>> page.startswith("<!DOCTYPE html>"), "<script>alert(1)" in page
    (True, False)
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal, Protocol

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write
from argmap.errors import ViewError
from argmap.model import ArgumentMap, Attack, CausalLink, Factor, Support
from argmap.names import LABELS, VIEWS, Label
from argmap.rendering import style
from argmap.rendering.describe import describe_relation
from argmap.rendering.select import Selection, _check_cluster_by

__all__ = ["to_html", "write_html"]

MAX_LINKS = 2000
"""The most relations :func:`to_html` lays out in one view by default."""


class _FindingLike(Protocol):
    """What the page needs of a finding from :func:`argmap.checks.check`."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def ids(self) -> tuple[str, ...]: ...


def to_html(
    m: ArgumentMap,
    *,
    view: str = "argument",
    views: Sequence[str] | None = None,
    labelling: Mapping[str, Label] | None = None,
    findings: Iterable[_FindingLike] | Literal["auto"] | None = None,
    title: str | None = None,
    max_links: int | None = MAX_LINKS,
    highlight: object = None,
    **to_dot_options: Any,
) -> str:
    """Return one offline, interactive HTML page of the map.

    Args:
        m: The map.
        view: The view shown first: ``"argument"``, ``"causal"`` or ``"speakers"``.
        views: The views the page holds and lets the reader switch between. By default the
            argument view, the causal view when the map has factors or causal links, and the
            speakers view when someone takes a stance, less those that cannot show a
            ``focus``, ``path`` or ``speaker`` given; always ``view``.
        labelling: Acceptance of statements, ``{id: "in" | "out" | "undec"}``, from
            :mod:`argmap.semantics`; shown in the panel and on the drawing for claims,
            supports and attacks. A factor or causal link is checked, then not shown as
            judged: it is a quantity or a mechanism, not a thesis.
        findings: Findings to show on the items they name, or ``"auto"`` to run
            :func:`argmap.checks.check` on the map.
        title: The page's title; the map's title by default.
        max_links: A view that would draw more relations than this is not laid out: its pane
            says how many there are and how to narrow it, and the panel, search and legend
            still hold every item. The layout engine's time grows much faster than the number
            of links (a complete graph of 300 factors, 89,700 links, never finished), so the
            page stays linear in the size of the map. ``None`` lays out any size.
        highlight: The story's spine, drawn strong while the rest is quieter, as
            :func:`~argmap.rendering.dot.to_dot` takes it (a chain from
            :func:`argmap.causal_chains`, a path, or a set of ids) for every view; or a mapping
            from view name to one, such as ``{"causal": chain, "argument": {"c3"}}``.
        **to_dot_options: Passed to the renderer for every view (``cluster_by=...``...). The
            page wraps labels at ``wrap=18`` characters (the drawings' default is 30) and lays
            the causal view out top to bottom (``rankdir="TB"``) unless told otherwise: a
            narrow drawing fits the pane at a readable size (see ``docs/rendering.md``).

    Returns:
        The page, a complete HTML document.

    Raises:
        ViewError: An unknown view or drawing option, a labelling value other than in, out or
            undec, or a map too large to lay out (narrow it with ``focus=``...).
        UnknownIdError: The labelling names an id the map does not hold.
        EngineNotFoundError: No Graphviz layout engine is installed.
        RenderError: The engine failed.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap(title="Tiny")
        >>> a, b = m.claim("A"), m.claim("B")
        >>> _ = m.rebut(b, a)
        >>> page = to_html(m, labelling={"c1": "out", "c2": "in"})
        >>> 'data-id="c1"' in page, "Content-Security-Policy" in page
        (True, True)
    """
    # The page has its own legend, beside the map. Narrow labels: the page opens on a view
    # fitted to the pane's width with no text under 10 px, which a wide drawing cannot meet.
    options = {"legend": False, "wrap": PAGE_WRAP, **to_dot_options}
    chosen = _choose_views(m, view, views, options)
    spines = _spines(highlight)
    # The renderer checks the labelling and the options, so it runs before anything else.
    # The selections, the panel's data (a dict and lists per item and link), its JSON and the
    # page hold no reference cycle: reference counting frees them. Collections during their
    # making walked the whole heap again and again, which made a page of 100,000 links cost
    # 14 times as much as one of 10,000.
    if labelling:
        from argmap.rendering.dot import _check_labelling

        # Checked whole (unknown ids and values raise), then cut to what semantics judges:
        # a factor or a causal link is a quantity or a mechanism, never accepted or rejected.
        _check_labelling(m, labelling)
        labelling = {key: value for key, value in labelling.items() if _arguable(m, key)}
    with collector_paused():
        selections: dict[str, Selection] = {}  # each view's selection, made once for the page
        svgs = [
            _svg_of_view(
                m,
                name,
                labelling=labelling,
                options=_view_options(name, options, spines),
                max_links=max_links,
                keep=selections,
            )
            for name in chosen
        ]
        statuses = {key: str(status).lower() for key, status in (labelling or {}).items()}
        statuses = {key: status for key, status in statuses.items() if _arguable(m, key)}
        found = list(_run_checks(m) if findings == "auto" else findings or ())
        return _assemble(m, view, chosen, svgs, statuses, found, options, selections, title, spines)


PAGE_WRAP = 18
"""Where the page wraps labels by default: narrower nodes let a view fit the pane's width."""

PAGE_RANKDIR = {"causal": "TB"}
"""Each view's direction on the page unless ``rankdir=`` is given: a causal chain drawn left to
right is as wide as it is long, more than a pane beside the side column holds at 10 px text."""


def _spines(highlight: object) -> dict[str, object]:
    """Each view's spine from ``highlight``: one for every view, or a mapping by view name.

    Examples:
        >>> _spines({"causal": ["a", "b"]})
        {'causal': ['a', 'b']}
        >>> sorted(_spines({"a", "b"}))
        ['argument', 'causal', 'speakers']
        >>> _spines({"tree": ["a"]})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        argmap.errors.ViewError: unknown view 'tree' in highlight; expected one of ...
    """
    if highlight is None:
        return {}
    if isinstance(highlight, Mapping):
        for name in highlight:
            if name not in VIEWS:
                raise ViewError(
                    f"unknown view {name!r} in highlight; expected one of {', '.join(VIEWS)}"
                )
        return {name: spine for name, spine in highlight.items() if spine is not None}
    return dict.fromkeys(VIEWS, highlight)


def _view_options(
    view: str, options: Mapping[str, Any], spines: Mapping[str, object]
) -> dict[str, Any]:
    """The drawing options of one view: the page's, its direction, its spine."""
    chosen = dict(options)
    if chosen.get("rankdir") is None and view in PAGE_RANKDIR:
        chosen["rankdir"] = PAGE_RANKDIR[view]
    if view in spines:
        chosen["highlight"] = spines[view]
    return chosen


def _arguable(m: ArgumentMap, item_id: str) -> bool:
    """Whether acceptance means something for an item: a claim, a support or an attack.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> c, f = m.claim("A", id="a"), m.factor("rain", id="rain")
        >>> _arguable(m, "a"), _arguable(m, "rain")
        (True, False)
    """
    item = m.statements.get(item_id) or m.relations.get(item_id)
    return item is not None and item.kind in ("claim", "support", "attack")


def _assemble(
    m: ArgumentMap,
    view: str,
    chosen: list[str],
    svgs: list[str],
    statuses: Mapping[str, str],
    found: list[_FindingLike],
    options: Mapping[str, Any],
    selections: Mapping[str, Selection],
    title: str | None,
    spines: Mapping[str, object],
) -> str:
    """The page around the drawings: panel data, the cleaned SVG of each view, the legend."""
    payload = _payload(m, statuses, found)
    items: dict[str, Any] = payload["items"]
    locate = _Locator(m, items)
    panes: list[str] = []
    for number, (name, svg) in enumerate(zip(chosen, svgs, strict=True)):
        from argmap.rendering._safe_svg import clean_svg

        safe = clean_svg(
            svg,
            prefix=f"v{number}-",
            item_of=locate,
            label_of=lambda item_id: _aria_label(items[item_id]),
        )
        hidden = "" if name == view else " hidden"
        panes.append(
            f'<div class="am-view" id="am-view-{name}" data-view="{name}" tabindex="0" '
            f'role="group" aria-label="{name} view: + and - zoom, the arrow keys pan"{hidden}>'
            f"{safe.markup}</div>"
        )
    return _page(
        title=title or m.title or "Argument map",
        views=chosen,
        current=view,
        panes=panes,
        payload=payload,
        legend=_legend(m, chosen, statuses, options, selections, spines),
    )


def write_html(m: ArgumentMap, path: PathOrFile, **options: Any) -> None:
    """Write :func:`to_html`'s page to a path (atomically) or an open file.

    Args:
        m: The map.
        path: Where to write it.
        **options: As for :func:`to_html`.

    Examples:
        >>> import tempfile, pathlib
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.claim("A")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.html"
        >>> write_html(m, out)
        >>> out.read_text(encoding="utf-8").count("<svg") >= 1
        True
    """
    atomic_write(path, to_html(m, **options))


# --------------------------------------------------------------------------- inputs
def _choose_views(
    m: ArgumentMap, view: str, views: Sequence[str] | None, options: Mapping[str, Any]
) -> list[str]:
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if views is not None:
        wanted = [*views, view]
        for name in wanted:
            if name not in VIEWS:
                raise ViewError(f"unknown view {name!r}; expected one of {', '.join(VIEWS)}")
        return [name for name in VIEWS if name in wanted]
    wanted = [view, "argument"]
    if m.causal_links() or m.factors():
        wanted.append("causal")
    if any(a.agent is not None or a.reported_by is not None for a in m.attributions):
        wanted.append("speakers")
    narrow = {key: options[key] for key in _SELECT_OPTIONS if options.get(key) is not None}
    if narrow:
        # A focus, path or speaker may lie outside some views: those views are left out of a
        # default page, while the view asked for still says why it cannot be drawn.
        from argmap.rendering.select import select

        for name in list(wanted):
            if name != view:
                try:
                    select(m, name, **narrow)
                except ViewError:
                    wanted.remove(name)
    return [name for name in VIEWS if name in wanted]


def _run_checks(m: ArgumentMap) -> list[_FindingLike]:
    # Imported here so a page without findings never loads every check; by name, so that this
    # module type-checks before the checks package is merged beside it.
    import importlib

    checks = importlib.import_module("argmap.checks")
    result: list[_FindingLike] = checks.check(m)
    return result


def _svg_of_view(
    m: ArgumentMap,
    view: str,
    *,
    labelling: Mapping[str, str] | None,
    options: Mapping[str, Any],
    max_links: int | None,
    keep: dict[str, Selection],
) -> str:
    from argmap.rendering.engine import to_svg

    if max_links is not None:
        from argmap.rendering.select import select

        narrow = {key: options[key] for key in _SELECT_OPTIONS if options.get(key) is not None}
        # The same selection (and the same errors) as the drawing's, without drawing it.
        selection = select(m, view, **narrow, max_nodes=options.get("max_nodes", 2000))
        keep[view] = selection
        count = len(selection.relations)
        if count > max_links:
            _check_drawing_options(m, view, labelling, options)
            return _too_many_links(view, count, max_links)
    return to_svg(m, view=view, labelling=labelling, **options)


def _check_drawing_options(
    m: ArgumentMap, view: str, labelling: Mapping[str, str] | None, options: Mapping[str, Any]
) -> None:
    """Raise what drawing the view would raise for its options, without drawing it."""
    import inspect

    from argmap.rendering.dot import _check_labelling, to_dot

    inspect.signature(to_dot).bind(m, view=view, labelling=labelling, **options)  # TypeError
    cluster_by = options.get("cluster_by")
    _check_cluster_by(cluster_by)
    _check_labelling(m, labelling)


def _too_many_links(view: str, count: int, limit: int) -> str:
    """An SVG in place of a drawing too dense to lay out, saying why and what to do.

    Examples:
        >>> print(_too_many_links("causal", 89_700, 2_000))  # doctest: +ELLIPSIS
        <svg ...><text ...>The causal view has 89,700 links, more than max_links=2,000 ...
    """
    lines = [
        f"The {view} view has {count:,} links, more than max_links={limit:,} allows:",
        "laying it out would take too long to be of use, and could not be read.",
        "The panel and the search still hold every item. To draw it, narrow it with",
        "focus=ID (and depth=K), path=(A, B) or speaker=ID, or pass max_links=None.",
    ]
    height = 24 * len(lines) + 16
    text = "".join(
        f'<text x="16" y="{28 + 24 * i}" font-family="Helvetica,Arial,sans-serif" '
        f'font-size="14" fill="#424242">{html.escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="640pt" height="{height}pt" '
        f'viewBox="0 0 640 {height}"><g id="too-large" class="graph">{text}</g></svg>'
    )


_CSS_ESCAPE = re.compile(r"_([0-9a-f]+)_")
_ATTRIBUTION_ID = re.compile(r"attr-(\d+)(?:-report)?")


class _Locator:
    """Which map item a node or edge of the renderer's SVG draws.

    The renderer names elements ``stmt-<id>``, ``agent-<id>`` and, for a relation drawn as one
    edge, ``rel-<id>`` with the class ``rel``; a relation drawn in parts (junction point, edges
    with suffixed ids) carries the class ``rel-<css token of its id>`` on every part. It numbers
    the speakers view's stance edges ``attr-<n>`` after the map's attributions, which open their
    statement. Legend entries, loop markers and clusters stand for no item.
    """

    def __init__(self, m: ArgumentMap, items: Mapping[str, Any]) -> None:
        self.attributions = m.attributions  # a copy per access: take it once
        self.items = items

    def __call__(self, dom_id: str, classes: tuple[str, ...]) -> str | None:
        found: str | None = None
        if "stmt" in classes and dom_id.startswith("stmt-"):
            found = dom_id.removeprefix("stmt-")
        elif "agent" in classes and dom_id.startswith("agent-"):
            found = dom_id.removeprefix("agent-")
        elif "attribution" in classes:
            hit = _ATTRIBUTION_ID.fullmatch(dom_id)
            if hit and int(hit[1]) < len(self.attributions):
                found = self.attributions[int(hit[1])].target
        else:
            for token in classes:
                if token.startswith("rel-"):
                    found = _CSS_ESCAPE.sub(lambda h: chr(int(h[1], 16)), token[4:])
                    break
            else:
                if "rel" in classes and dom_id.startswith("rel-"):
                    found = dom_id.removeprefix("rel-")
        return found if found in self.items else None


# --------------------------------------------------------------------------- payload
def _payload(m: ArgumentMap, statuses: Mapping[str, str], found: list[_FindingLike]) -> Any:
    """The data the panel shows, keyed by item id; plain JSON types only."""
    items: dict[str, dict[str, Any]] = {}
    colours = style.speaker_colours(m)  # as the drawings colour them: the source's voice grey
    for sid, s in m.statements.items():
        fields: list[list[str]] = []
        if isinstance(s, Factor) and m.opposite_of(sid):
            fields.append(["opposite", str(m.opposite_of(sid))])
        items[sid] = _item(s.kind, s.text, s.tags, s.reconstructed, fields)
    for rid, r in m.relations.items():
        items[rid] = _relation_item(m, r)
    for aid, agent in m.agents.items():
        fields = [["role", agent.role]] if agent.role else []
        if agent.aliases:
            fields.append(["also", ", ".join(agent.aliases)])
        items[aid] = _item("agent", agent.name, (), False, fields)
        items[aid]["speakers"] = [aid]
    if m.agents:
        from argmap.graph import to_networkx

        # Who answers whom (the speakers view's edges): lit with a speaker when it is clicked.
        for a, b in to_networkx(m, graph="agents").edges():
            for one, other in ((a, b), (b, a)):
                answers = items[one].setdefault("answers", [])
                if other not in answers:
                    answers.append(other)
    # Links in both directions, so a reader can walk the map from the panel.
    for rid, r in m.relations.items():
        for role, ends in _ends(r):
            for end in ends:
                items[rid]["links"].append([role, end])
                if end in items:
                    items[end]["links"].append([_back_role(r, role), rid])
    seen: set[tuple[str, str, str]] = set()
    for att in m.attributions:
        target = items[att.target]
        quote = None
        if att.quote is not None:
            quote = {
                "source": att.quote.source,
                "text": att.quote.text,
                "start": att.quote.start,
                "end": att.quote.end,
            }
        target["attributions"].append(
            {
                "agent": att.agent,
                "stance": att.stance,
                "reported_by": att.reported_by,
                "quote": quote,
            }
        )
        for who, role in ((att.agent, att.stance), (att.reported_by, "reports")):
            if who is None:
                continue
            if who not in target["speakers"]:
                target["speakers"].append(who)
            if (who, role, att.target) not in seen:  # a set: agents may say thousands of things
                seen.add((who, role, att.target))
                items[who]["links"].append([role, att.target])
    findings = []
    for f in sorted(found, key=lambda f: (f.code, f.ids)):
        record = {
            "code": f.code,
            "name": f.name,
            "severity": str(f.severity),
            "message": f.message,
            "ids": list(f.ids),
        }
        findings.append(record)
        for item_id in f.ids:
            if item_id in items:
                items[item_id]["findings"].append(len(findings) - 1)
    for item_id, status in statuses.items():
        items[item_id]["status"] = status
    return {
        "items": items,
        "agents": {
            aid: {"name": a.name, "role": a.role, "colour": colours[aid]}
            for aid, a in m.agents.items()
        },
        "sources": {
            sid: {"title": s.title, "url": s.url, "published": s.published, "type": s.type}
            for sid, s in m.sources.items()
        },
        "texts": _source_texts(m),
        "findings": findings,
        "statusWords": style.LABELLING_NAME,
    }


def _source_texts(m: ArgumentMap) -> list[dict[str, Any]]:
    """Each source that has its text, cut into runs at every quote's ends, for the source pane.

    A run is ``[text, [quote numbers]]``: the quotes that cover it (overlapping quotes share a
    run). A quote is ``[item id, agent id or None]``; its number is its place in the list. A
    span outside the text, or whose words differ from the text's, is left out: it would mark the
    wrong words (the checks report it).

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> src = m.source("Post", id="p", text="I said A. Then B.")
        >>> a = m.claim("A", id="a", quote=m.quote(src, "A."))
        >>> texts = _source_texts(m)
        >>> texts[0]["runs"], texts[0]["quotes"]
        ([['I said ', []], ['A.', [0]], [' Then B.', []]], [['a', None]])
    """
    texts: list[dict[str, Any]] = []
    spans: dict[str, list[tuple[int, int, int]]] = {}
    quotes: dict[str, list[list[str | None]]] = {}
    for att in m.attributions:
        q = att.quote
        source = m.sources.get(q.source) if q is not None else None
        if q is None or source is None or source.text is None:
            continue
        if source.text[q.start : q.end] != q.text:
            continue
        found = quotes.setdefault(q.source, [])
        spans.setdefault(q.source, []).append((q.start, q.end, len(found)))
        found.append([att.target, att.agent])
    for sid, source in m.sources.items():
        if source.text is None or sid not in spans:
            continue
        # A sweep over the quotes' ends: linear in the text and the quotes, not their product.
        opening: dict[int, list[int]] = {}
        closing: dict[int, list[int]] = {}
        for start, end, n in spans[sid]:
            opening.setdefault(start, []).append(n)
            closing.setdefault(end, []).append(n)
        cuts = sorted({0, len(source.text), *opening, *closing})
        active: dict[int, None] = {}  # ordered: the quotes covering the current run
        runs: list[list[Any]] = []
        for a, b in itertools.pairwise(cuts):
            for n in closing.get(a, ()):
                active.pop(n, None)
            for n in opening.get(a, ()):
                active[n] = None
            if a < b:
                runs.append([source.text[a:b], sorted(active)])
        texts.append({"source": sid, "title": source.title, "runs": runs, "quotes": quotes[sid]})
    return texts


def _item(
    kind: str, text: str, tags: Iterable[str], reconstructed: bool, fields: list[list[str]]
) -> dict[str, Any]:
    if tags:
        fields.append(["tags", ", ".join(tags)])
    if reconstructed:
        fields.append(["reconstructed", "yes: an analyst's reading, nobody said it"])
    return {
        "kind": kind,
        "text": text,
        "fields": fields,
        "links": [],
        "attributions": [],
        "findings": [],
        "status": None,
        "speakers": [],
    }


def _relation_item(m: ArgumentMap, r: Support | Attack | CausalLink) -> dict[str, Any]:
    # The renderer's own sentence for a relation ('"A" rebuts "B"'), so page and drawing agree.
    fields: list[list[str]] = []
    if isinstance(r, Support):
        if r.scheme:
            fields.append(["scheme", r.scheme])
    elif isinstance(r, Attack):
        fields.append(["sort", r.sort])
    else:
        fields.append(["sign", style.CAUSAL_STYLE[r.polarity]["label"]])
        fields.append(["modality", r.modality])
        for name, value in (("mechanism", r.mechanism), ("delay", r.delay)):
            if value:
                fields.append([name, value])
    return _item(r.kind, describe_relation(m, r.id), r.tags, r.reconstructed, fields)


def _ends(r: Support | Attack | CausalLink) -> list[tuple[str, tuple[str, ...]]]:
    if isinstance(r, Support):
        return [("premise", r.premises), ("conclusion", (r.conclusion,))]
    if isinstance(r, Attack):
        return [("attacker", (r.attacker,)), ("target", (r.target,))]
    return [("cause", (r.cause,)), ("effect", (r.effect,))]


_BACK_ROLES = {
    "premise": "supports",
    "conclusion": "supported by",
    "cause": "causes",
    "effect": "caused by",
}


def _back_role(r: Support | Attack | CausalLink, role: str) -> str:
    """How a relation looks from one of its ends: a premise "supports" through it."""
    if isinstance(r, Attack):
        return f"{r.sort}s" if role == "attacker" else f"{r.sort} by"
    return _BACK_ROLES[role]


def _aria_label(item: Mapping[str, Any]) -> str:
    text = str(item["text"])
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{item['kind']}: {text}"


def _json_script(payload: Any) -> str:
    """JSON that cannot end or re-open its ``<script>`` block, whatever the strings hold.

    Examples:
        >>> _json_script({"t": "</script><b>&"})
        '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # U+2028/9 are fine in JSON.parse but not in older script parsers; cheap to rule out.
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


# --------------------------------------------------------------------------- the page
@cache
def _asset(name: str) -> str:
    return resources.files("argmap.rendering").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_VIEW_TITLES = {"argument": "Argument", "causal": "Causal", "speakers": "Speakers"}

_DASHES = {"solid": "", "dashed": "6,3", "dotted": "2,3"}
_SELECT_OPTIONS = ("focus", "depth", "path", "speaker")


def _legend(
    m: ArgumentMap,
    views: Sequence[str],
    statuses: Mapping[str, str],
    options: Mapping[str, Any],
    selections: Mapping[str, Selection],
    spines: Mapping[str, object],
) -> str:
    """The legend beside the map: every mark the views draw, drawn as the renderer draws it.

    Only what a view shows gets a row, and each row names the views that show it, so the page
    shows only the current view's rows.
    """
    from argmap.rendering.select import select

    narrow = {key: options[key] for key in _SELECT_OPTIONS if options.get(key) is not None}
    present: dict[str, list[str]] = {}  # legend key -> views that show it
    for view in views:
        sel = selections.get(view) or select(m, view, **narrow)
        for key in _legend_keys(m, view, sel, statuses, speaker=narrow.get("speaker")):
            present.setdefault(key, []).append(view)
    spined = [view for view in views if view in spines]
    if spined:
        present["spine"] = spined

    rows: list[tuple[str, str, str]] = []

    def row(key: str, shape: str, label: str | None = None) -> None:
        # The words are the SVG legend's (style.LEGEND_TEXT), on one line.
        if key in present:
            words = label if label is not None else style.LEGEND_TEXT[key].replace("\\n", " ")
            rows.append((shape, words, key))

    ink, grey = style.NEUTRAL_COLOUR, style.RECONSTRUCTED_COLOUR
    box = '<rect x="3" y="3" width="24" height="12" rx="4" fill="#fff" stroke="{}"{}/>'
    row(
        "spine",
        box.format(ink, ' stroke-width="3"'),
        "the story's spine (highlight): drawn strong, the rest quieter",
    )
    row("claim", box.format(ink, ""))
    row("factor", f'<ellipse cx="15" cy="9" rx="12" ry="6" fill="#fff" stroke="{ink}"/>')
    row(
        "reported",
        f'<rect x="1" y="1" width="28" height="16" rx="5" fill="none" stroke="{ink}"/>'
        + box.format(ink, ""),
    )
    row("reconstructed", box.format(grey, ' stroke-dasharray="3,2"'))
    row(
        "link-node",
        f'<path d="M3,3 H22 L27,8 V15 H3 Z M22,3 V8 H27" fill="#fff" stroke="{ink}"/>',
    )
    row("support", _line(style.SUPPORT_COLOUR))
    for kind, look in style.ATTACK_STYLE.items():
        colour = style.UNDERCUT_COLOUR if kind == "undercut" else style.ATTACK_COLOUR
        tail = look.get("arrowtail") if look.get("dir") == "both" else None
        row(kind, _line(colour, head=look["arrowhead"], tail=tail))
    for sign, look in style.CAUSAL_STYLE.items():
        line = _line(look.get("color", ink), dash=_DASHES[look["style"]])
        row("causal" + sign, line)
    row("relation-reconstructed", _line(grey, dash=_DASHES["dashed"], head="empty"))
    for modality in ("general", "hypothetical"):
        # The mark is too wide for a swatch: the words begin with it, as the link writes it.
        key = f"modality-{modality}"
        row(key, _line(ink), f"({modality}) " + style.LEGEND_TEXT[key].replace("\\n", " "))
    row("delay", _glyph("\u2016"))
    row("opposite", _line(style.FAINT_COLOUR, dash=_DASHES["dotted"], head="none"))
    row("causal-denies", _line(ink))  # the words begin with the mark, as in the SVG
    for stance, look in style.STANCE_STYLE.items():
        row(stance, _line(ink, dash=_DASHES[look["style"]], head=look["arrowhead"]))
    row("reports", _line(ink, dash=_DASHES["dotted"]))
    for kind, look in style.EXCHANGE_STYLE.items():
        row(
            "agents-" + kind,
            _line(look["color"], dash=_DASHES[look["style"]], head=look["arrowhead"]),
        )
    for status in LABELS:
        look = style.LABELLING_STYLE[status]
        dash = ' stroke-dasharray="2,2"' if "dotted" in look.get("style", "") else ""
        shape = (
            f'<rect x="3" y="3" width="24" height="12" rx="4" '
            f'fill="{look.get("fillcolor", "#fff")}" stroke="{look.get("color", ink)}" '
            f'stroke-width="{look.get("penwidth", "1")}"{dash}/>'
        )
        if "diagonals" in look.get("style", ""):
            shape += f'<path d="M3,7 L7,3 M23,3 L27,7 M3,11 L7,15 M23,15 L27,11" stroke="{ink}"/>'
        name = style.LABELLING_NAME[status]
        row(status, shape, style.LEGEND_TEXT[name] + ", a claim's acceptance")
    return (
        '<ul class="am-legend">'
        + "".join(_row(shape, words, present[key], key) for shape, words, key in rows)
        + "</ul>"
    )


def _legend_keys(
    m: ArgumentMap,
    view: str,
    sel: Selection,
    statuses: Mapping[str, str],
    *,
    speaker: object = None,
) -> set[str]:
    """What one view draws, as legend keys (those of :data:`argmap.rendering.style.LEGEND_TEXT`).

    The speakers view of a whole map draws who answers whom (agents and their exchanges);
    with ``speaker`` it draws that agent's statements and stances.

    Examples:
        >>> from argmap import ArgumentMap
        >>> from argmap.rendering.select import select
        >>> m = ArgumentMap()
        >>> rain, wet = m.factor("rain"), m.factor("wet streets")
        >>> _ = m.causes(rain, wet, modality="general", delay="hours", reconstructed=True)
        >>> sorted(_legend_keys(m, "causal", select(m, "causal"), {}))
        ['causal', 'causal+', 'delay', 'factor', 'modality-general', 'relation-reconstructed']
    """
    keys: set[str] = set()
    if view == "speakers" and speaker is None:
        from argmap.graph import to_networkx
        from argmap.rendering.describe import relation_ends

        shown = set(sel.statements) | set(sel.relations)

        def kept(target: str) -> bool:
            # As the drawing counts: a relation counts when its statements are shown.
            rel = m.relations.get(target)
            return target in shown or (
                rel is not None
                and all(end in shown for end in relation_ends(rel) if end in m.statements)
            )

        for _, _, kind, data in to_networkx(m, graph="agents").edges(keys=True, data=True):
            if any(kept(t) for t in data["targets"]):
                keys.add("agents-" + kind)
        return keys
    for sid in sel.statements:
        s = m.statements[sid]
        keys.add(s.kind)
        if s.reconstructed:
            keys.add("reconstructed")
        told = [a for a in m.attributions_of(sid) if a.stance == "asserts"]
        if view != "speakers" and told and all(a.reported_by is not None for a in told):
            keys.add("reported")
        other = m.opposite_of(sid) if isinstance(s, Factor) else None
        if view == "causal" and other is not None and other in sel.statements:
            keys.add("opposite")
    if view == "speakers":
        shown = set(sel.statements) | set(sel.relations)
        for a in m.attributions:
            if a.target in shown:
                keys.update(
                    ({a.stance} if a.agent else set()) | ({"reports"} if a.reported_by else set())
                )
    else:
        for rid in sel.relations:
            r = m.relations[rid]
            keys.add(r.sort if isinstance(r, Attack) else r.kind)
            if r.reconstructed:
                keys.add("relation-reconstructed")
            if isinstance(r, CausalLink) and view != "causal":
                keys.add("link-node")  # drawn as a note that evidence backs or attacks
            elif isinstance(r, CausalLink):
                keys.add("causal" + r.polarity)
                if r.modality != "actual":
                    keys.add("modality-" + r.modality)
                if r.delay:
                    keys.add("delay")
                if any(a.stance == "denies" for a in m.attributions_of(rid)):
                    keys.add("causal-denies")
    keys.update(statuses[i] for i in (*sel.statements, *sel.relations) if i in statuses)
    return keys


def _glyph(text: str) -> str:
    """A legend swatch that is a mark, as the drawing writes it beside a link."""
    return (
        '<text x="15" y="13" text-anchor="middle" font-size="12" fill="#1f2328">'
        f"{html.escape(text)}</text>"
    )


def _line(colour: str, *, dash: str = "", head: str = "normal", tail: str | None = None) -> str:
    """A legend swatch that is a line with the head (and tail) Graphviz draws for the edge.

    Examples:
        >>> "<circle" in _line("#000", head="dot"), "<polygon" in _line("#000", head="none")
        (True, False)
    """
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    x1 = 2 if tail is None else 5
    x2, mark = _HEAD_MARK.get(head, _HEAD_MARK["normal"])
    drawn = mark.format(c=colour, x=27)
    if tail is not None:
        drawn += _HEAD_MARK.get(tail, _HEAD_MARK["normal"])[1].format(c=colour, x=3)
    return (
        f'<line x1="{x1}" y1="9" x2="{x2}" y2="9" stroke="{colour}" stroke-width="2"{dashes}/>'
        + drawn
    )


# Each Graphviz head as the end of a legend line: where the line stops, and the mark at x.
_HEAD_MARK: dict[str, tuple[int, str]] = {
    "normal": (22, '<polygon points="20,5 28,9 20,13" fill="{c}"/>'),
    "empty": (20, '<polygon points="20,5 28,9 20,13" fill="#fff" stroke="{c}"/>'),
    "tee": (26, '<line x1="{x}" y1="3" x2="{x}" y2="15" stroke="{c}" stroke-width="2.5"/>'),
    "box": (22, '<rect x="22" y="5" width="7" height="8" fill="{c}"/>'),
    "obox": (22, '<rect x="22" y="5" width="7" height="8" fill="#fff" stroke="{c}"/>'),
    "dot": (22, '<circle cx="25" cy="9" r="4" fill="{c}"/>'),
    "odot": (21, '<circle cx="25" cy="9" r="4" fill="#fff" stroke="{c}"/>'),
    "none": (28, ""),
}


def _row(shape: str, label: str, views: Sequence[str], key: str) -> str:
    """One legend row; ``shape``, ``label`` and ``key`` are argmap's own words, not the map's."""
    svg = f'<svg class="am-swatch" width="30" height="18" aria-hidden="true">{shape}</svg>'
    return (
        f'<li data-views="{" ".join(views)}" data-key="{html.escape(key)}">'
        f"{svg} <span>{html.escape(label)}</span></li>"
    )


def _page(
    *,
    title: str,
    views: Sequence[str],
    current: str,
    panes: Sequence[str],
    payload: Any,
    legend: str,
) -> str:
    css = _asset("page.css")
    js = _asset("page.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; "
        f"style-src {_csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    tabs = "".join(
        f'<button type="button" class="am-tab" data-view-button="{name}" '
        f'aria-pressed="{"true" if name == current else "false"}">{_VIEW_TITLES[name]}</button>'
        for name in views
    )
    text = html.escape(title)
    return _asset("page.html").format(
        csp=html.escape(csp),
        title=text,
        css=css,
        js=js,
        tabs=tabs,
        views="".join(panes),
        legend=legend,
        data=_json_script(payload),
    )
