"""One self-contained HTML page of a map, for a reader who has no Python and no network.

The page holds the SVG of each view inline, a side panel that shows on a click (or Enter) who said
what, with the quotes, their sources and spans, the findings and the acceptance status, a search
box, a switch per speaker and per view, a legend, pan and zoom, and a print style. It loads nothing:
the styles and the script are inline and a Content-Security-Policy forbids every request.

Everything a user wrote is escaped for where it lands. The SVG is parsed and rewritten from an
allowlist (:mod:`argmap.render._safe_svg`); the panel's data travels as JSON in a
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
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal, Protocol

from argmap._io import PathOrFile, atomic_write
from argmap.errors import UnknownIdError
from argmap.model import ArgumentMap, Attack, CausalLink, Factor, Support

__all__ = ["to_html", "write_html"]

Status = Literal["in", "out", "undec"]

VIEWS: tuple[str, ...] = ("argument", "causal", "speakers")
"""The views a page can hold, in the order of its view switch."""

_STATUS_WORDS = {"in": "accepted", "out": "rejected", "undec": "undecided"}


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
    labelling: Mapping[str, Status] | None = None,
    findings: Iterable[_FindingLike] | Literal["auto"] | None = None,
    title: str | None = None,
    **to_dot_options: Any,
) -> str:
    """Return one offline, interactive HTML page of the map.

    Args:
        m: The map.
        view: The view shown first: ``"argument"``, ``"causal"`` or ``"speakers"``.
        views: The views the page holds and lets the reader switch between. By default the
            argument view, the causal view when the map has factors or causal links, and the
            speakers view when it has agents; always ``view``.
        labelling: Acceptance of statements, ``{id: "in" | "out" | "undec"}``, from
            :mod:`argmap.semantics`; shown in the panel and on the drawing.
        findings: Findings to show on the items they name, or ``"auto"`` to run
            :func:`argmap.checks.check` on the map.
        title: The page's title; the map's title by default.
        **to_dot_options: Passed to the renderer for every view (``cluster_by=...``...).

    Returns:
        The page, a complete HTML document.

    Raises:
        ValueError: An unknown view, or a labelling value other than in, out or undec.
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
    chosen = _choose_views(m, view, views)
    statuses = _check_labelling(m, labelling)
    found = list(_run_checks(m) if findings == "auto" else findings or ())
    payload = _payload(m, statuses, found)
    labels = {item_id: _aria_label(item) for item_id, item in payload["items"].items()}
    panes: list[str] = []
    for number, name in enumerate(chosen):
        svg = _svg_of_view(m, name, labelling=labelling, options=to_dot_options)
        from argmap.render._safe_svg import clean_svg

        safe = clean_svg(
            svg,
            prefix=f"v{number}-",
            item_of=lambda dom_id: _item_of(dom_id, payload["items"]),
            label_of=lambda item_id: labels[item_id],
            classes_of=lambda item_id: (
                (f"am-status-{statuses[item_id]}",) if item_id in statuses else ()
            ),
        )
        hidden = "" if name == view else " hidden"
        panes.append(
            f'<div class="am-view" id="am-view-{name}" data-view="{name}" tabindex="0" '
            f'role="group" aria-label="{name} view, use + and - to zoom and the arrow keys to '
            f'pan"{hidden}>{safe.markup}</div>'
        )
    return _page(
        title=title or m.title or "Argument map",
        views=chosen,
        current=view,
        panes=panes,
        payload=payload,
        legend=_legend(m, chosen, statuses),
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
def _choose_views(m: ArgumentMap, view: str, views: Sequence[str] | None) -> list[str]:
    if views is None:
        wanted = ["argument"]
        if m.causal_links() or m.factors():
            wanted.append("causal")
        if m.agents:
            wanted.append("speakers")
    else:
        wanted = list(views)
    if view not in wanted:
        wanted.append(view)
    for name in wanted:
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}; expected one of {', '.join(VIEWS)}")
    return [name for name in VIEWS if name in wanted]


def _check_labelling(m: ArgumentMap, labelling: Mapping[str, str] | None) -> dict[str, str]:
    statuses: dict[str, str] = {}
    for item_id, status in (labelling or {}).items():
        if item_id not in m.statements and item_id not in m.relations:
            raise UnknownIdError(item_id, m.statements, expected="labelled statement")
        if status not in _STATUS_WORDS:
            raise ValueError(
                f"labelling of {item_id!r} is {status!r}; expected 'in', 'out' or 'undec'"
            )
        statuses[item_id] = status
    return statuses


def _run_checks(m: ArgumentMap) -> list[_FindingLike]:
    # The checks package sits below render; imported here so a page without findings never
    # pays for loading every check.
    import importlib

    checks = importlib.import_module("argmap.checks")
    result: list[_FindingLike] = checks.check(m)
    return result


def _svg_of_view(
    m: ArgumentMap, view: str, *, labelling: Mapping[str, str] | None, options: Mapping[str, Any]
) -> str:
    from argmap.render._standin import standin_svg

    return standin_svg(m, view)


def _item_of(dom_id: str, items: Mapping[str, Any]) -> str | None:
    """The map item an SVG element draws, from the id the renderer gave it."""
    for prefix in ("st-", "rel-", "ag-"):
        if dom_id.startswith(prefix):
            rest = dom_id[len(prefix) :]
            if prefix == "rel-":
                rest = rest.rsplit("-", 1)[0]
            return rest if rest in items else None
    return None


# --------------------------------------------------------------------------- payload
def _payload(m: ArgumentMap, statuses: Mapping[str, str], found: list[_FindingLike]) -> Any:
    """The data the panel shows, keyed by item id; plain JSON types only."""
    items: dict[str, dict[str, Any]] = {}
    for sid, s in m.statements.items():
        fields: list[list[str]] = []
        if isinstance(s, Factor) and m.opposite_of(sid):
            fields.append(["opposite", str(m.opposite_of(sid))])
        items[sid] = _item(s.kind, s.text, s.tags, s.reconstructed, fields)
    for rid, r in m.relations.items():
        items[rid] = _relation_item(r)
    for aid, agent in m.agents.items():
        fields = [["role", agent.role]] if agent.role else []
        if agent.aliases:
            fields.append(["also", ", ".join(agent.aliases)])
        items[aid] = _item("agent", agent.name, (), False, fields)
        items[aid]["speakers"] = [aid]
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
        "title": m.title,
        "items": items,
        "agents": {aid: {"name": a.name, "role": a.role} for aid, a in m.agents.items()},
        "sources": {
            sid: {"title": s.title, "url": s.url, "published": s.published, "type": s.type}
            for sid, s in m.sources.items()
        },
        "findings": findings,
        "statusWords": _STATUS_WORDS,
    }


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


def _relation_item(r: Support | Attack | CausalLink) -> dict[str, Any]:
    fields: list[list[str]] = []
    if isinstance(r, Support):
        text = "support"
        if r.scheme:
            fields.append(["scheme", r.scheme])
    elif isinstance(r, Attack):
        text = r.type
    else:
        text = {
            "+": "causes (+)",
            "-": "causes (−)",
            "0": "has no effect on (0)",
            "?": "affects (?)",
        }[r.polarity]
        fields.append(["modality", r.modality])
        for name, value in (("mechanism", r.mechanism), ("delay", r.delay)):
            if value:
                fields.append([name, value])
    return _item(r.kind, text, r.tags, r.reconstructed, fields)


def _ends(r: Support | Attack | CausalLink) -> list[tuple[str, tuple[str, ...]]]:
    if isinstance(r, Support):
        return [("premise", r.premises), ("conclusion", (r.conclusion,))]
    if isinstance(r, Attack):
        return [("attacker", (r.attacker,)), ("target", (r.target,))]
    return [("cause", (r.cause,)), ("effect", (r.effect,))]


def _back_role(r: Support | Attack | CausalLink, role: str) -> str:
    """How a relation looks from one of its ends: a premise "supports" through it."""
    return {
        "premise": "supports",
        "conclusion": "supported by",
        "attacker": f"{getattr(r, 'type', 'attack')}s",
        "target": f"{getattr(r, 'type', 'attack')} by",
        "cause": "causes",
        "effect": "caused by",
    }[role]


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
    return resources.files("argmap.render").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_VIEW_TITLES = {"argument": "Argument", "causal": "Causal", "speakers": "Speakers"}

# Line samples of the legend, by relation kind; the same colours and dashes as the renderer.
_LEGEND_LINES = {
    "support": ("support", "#2e7d32", ""),
    "rebut": ("rebut", "#c62828", ""),
    "undermine": ("undermine", "#c62828", ""),
    "undercut": ("undercut (attacks an inference)", "#6a1b9a", ""),
    "contradict": ("contradict (both ways)", "#c62828", ""),
    "+": ("causes, same direction (+)", "#37474f", ""),
    "-": ("causes, opposite direction (−)", "#37474f", "6,3"),
    "0": ("no effect (0)", "#9e9e9e", "2,3"),
    "?": ("unknown effect (?)", "#9e9e9e", ""),
}


def _legend(m: ArgumentMap, views: Sequence[str], statuses: Mapping[str, str]) -> str:
    rows: list[str] = []
    kinds = {s.kind for s in m.statements.values()}
    if "claim" in kinds:
        rows.append(
            _legend_row(
                '<rect x="2" y="3" width="26" height="12" rx="4" fill="none" stroke="#333"/>',
                "claim",
            )
        )
    if "factor" in kinds:
        rows.append(
            _legend_row(
                '<rect x="2" y="3" width="26" height="12" fill="none" stroke="#333"/>', "factor"
            )
        )
    present: set[str] = set()
    for r in m.relations.values():
        if isinstance(r, Attack):
            present.add(r.type)
        elif isinstance(r, CausalLink):
            present.add(r.polarity)
        else:
            present.add("support")
    for key in _LEGEND_LINES:
        if key in present:
            label, colour, dash = _LEGEND_LINES[key]
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            rows.append(
                _legend_row(
                    f'<line x1="2" y1="9" x2="28" y2="9" stroke="{colour}" '
                    f'stroke-width="2"{dashes}/>',
                    label,
                )
            )
    for status in ("in", "out", "undec"):
        if status in statuses.values():
            rows.append(
                _legend_row(
                    "", f"{status}: {_STATUS_WORDS[status]}", cls=f"am-swatch am-status-{status}"
                )
            )
    return '<ul class="am-legend">' + "".join(rows) + "</ul>"


def _legend_row(shape: str, label: str, cls: str = "am-swatch") -> str:
    svg = f'<svg class="{cls}" width="30" height="18" aria-hidden="true">{shape}</svg>'
    return f"<li>{svg} {html.escape(label)}</li>"


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
