"""``argmap causal`` and ``argmap eval``: causal chains and loops, and acceptability
semantics of a framework or a map.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._grammar import (
    _add_from,
    _add_part,
    _add_report_format,
    _add_semantics,
    _examples,
    _formatter,
    _load_map,
    _narrow,
)
from argmap.cli._output import EXIT_OK, _out

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError


# --------------------------------------------------------------------------- causal
def _add_causal(sub: Any) -> None:
    p = sub.add_parser(
        "causal",
        help="causal chains and net effects, feedback loops, what-if",
        description="Ask a map's causal links: the chains from one factor to another and their\n"
        "net effect (--cause/--effect), the feedback loops (--loops), and which way every\n"
        "factor moves when some are pushed up or down (--what-if FACTOR=+ or FACTOR=-,\n"
        "repeatable). A factor and its opposite are one variable; in chains '~x' marks a\n"
        "passage to the opposite factor x.",
        epilog=_examples(
            "argmap causal examples/out/petro_noem.json --cause blockade --effect gang --loops",
            "argmap causal examples/out/petro_noem.json --what-if inclusion=+ --format json",
            "argmap causal examples/out/petro_noem.json --cause blockade --effect gang "
            "--speaker petro",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    _add_from(p, what="the file")
    p.add_argument("--cause", metavar="ID", help="the factor the chains start from")
    p.add_argument("--effect", metavar="ID", help="the factor the chains end at")
    p.add_argument("--loops", action="store_true", help="list the feedback loops")
    p.add_argument(
        "--what-if",
        dest="what_if",
        action="append",
        metavar="ID=SIGN",
        help="push a factor up (ID=+) or down (ID=-); repeat for several",
    )
    p.add_argument(
        "--max-length", type=int, default=8, metavar="N", help="longest chain or loop, in links"
    )
    p.add_argument(
        "--limit", type=int, default=1000, metavar="N", help="most chains or loops to list"
    )
    p.add_argument(
        "--max-steps", type=int, metavar="N", help="most what-if rounds (default: until settled)"
    )
    _add_part(p, "ask")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_causal)


def _run_causal(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from argmap.causal import Chain, Loop, feedback_loops, net_effect, what_if

    if (args.cause is None) != (args.effect is None):
        raise _UsageError("--cause and --effect go together: give both, or neither")
    if args.cause is None and not args.loops and not args.what_if:
        raise _UsageError("say what to ask: --cause A --effect B, --loops, or --what-if A=-")
    pushes: dict[str, str] = {}
    for item in args.what_if or ():
        factor, _, sign = item.rpartition("=")
        if not factor or sign not in ("+", "-"):
            raise _UsageError(f"--what-if expects FACTOR=+ or FACTOR=-, got {item!r}")
        pushes[factor] = sign
    asks = [("--cause", args.cause), ("--effect", args.effect)]
    asks += [("--what-if", factor) for factor in pushes]
    m = _narrow(_load_map(args.file, args.from_format), args, asks)

    def path_text(start: str, steps: Any) -> str:
        text, at = start, start
        for step in steps:
            if step.cause != at:
                text += f" ~{step.cause}"
            text += f" -[{step.link} {step.polarity}]-> {step.effect}"
            at = step.effect
        return text

    def chain_dict(c: Chain | Loop) -> dict[str, Any]:
        extra = {"name": c.name, "kind": c.kind} if isinstance(c, Loop) else {}
        return {
            **extra,
            "polarity": c.polarity,
            "links": list(c.links),
            "factors": list(c.factors),
            "flips": c.flips,
            "agents": list(c.agents),
            "asserted_by_all": list(c.asserted_by_all),
            "stitched": c.stitched,
            "steps": [asdict(s) for s in c.steps],
        }

    out: dict[str, Any] = {}
    lines: list[str] = []
    if args.cause is not None:
        effect = net_effect(
            m, args.cause, args.effect, max_length=args.max_length, limit=args.limit
        )
        out["net_effect"] = {
            "source": effect.source,
            "target": effect.target,
            "effect": effect.effect,
            "truncated": effect.truncated,
            "chains": [chain_dict(c) for c in effect.chains],
        }
        stop = f"; stopped at --limit {args.limit}, more exist" if effect.truncated else ""
        n = len(effect.chains)
        lines.append(
            f"net effect of {effect.source} on {effect.target}: {effect.effect} "
            f"({n} chain{'' if n == 1 else 's'} of at most {args.max_length} links{stop})"
        )
        for c in effect.chains:
            lines.append(f"  {c.polarity}  {path_text(c.source, c.steps)}  [{_causal_agents(c)}]")
    if args.loops:
        loops = feedback_loops(m, max_length=args.max_length, limit=args.limit)
        out["loops"] = {
            "truncated": loops.truncated,
            "longer_skipped": loops.longer_skipped,
            "max_length": loops.max_length,
            "loops": [chain_dict(lp) for lp in loops],
        }
        stop = f"; stopped at --limit {args.limit}, more exist" if loops.truncated else ""
        if loops.longer_skipped:
            stop += f"; longer loops may exist (raise --max-length above {args.max_length})"
        lines.append(f"feedback loops of at most {args.max_length} links: {len(loops)}{stop}")
        for lp in loops:
            text = path_text(lp.steps[0].cause, lp.steps)
            lines.append(f"  {lp.name:<4} {lp.polarity}  {text}  [{_causal_agents(lp)}]")
    if pushes:
        change = what_if(m, pushes, max_steps=args.max_steps)
        out["what_if"] = {
            "interventions": dict(change.interventions),
            "changes": dict(change.changes),
            "steps": change.steps,
            "stopped_early": change.stopped_early,
        }
        asked = ", ".join(f"{f} {s}" for f, s in change.interventions)
        stop = f" (stopped after {change.steps} rounds)" if change.stopped_early else ""
        lines.append(f"what if {asked}{stop}:")
        width = max((len(sid) for sid, _ in change.changes), default=0)
        lines.extend(f"  {sid:<{width}}  {direction}" for sid, direction in change.changes)
    if args.format == "json":
        _out(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _out("\n".join(lines))
    return EXIT_OK


def _causal_agents(c: Any) -> str:
    """Who tells a chain or loop, for one line of text: one speaker whole, or whose links."""
    if c.asserted_by_all:
        return "told whole by " + ", ".join(c.asserted_by_all)
    if not c.agents:
        return "no one asserts these links"
    parts = [
        f"{agent or 'no one'}: {', '.join(links)}" for agent, links in c.links_by_agent().items()
    ]
    what = "stitched from several speakers' links" if c.stitched else "no one tells it whole"
    return f"{what} ({'; '.join(parts)})"


# --------------------------------------------------------------------------- eval


def add_eval_command(sub: Any) -> None:
    """Register ``argmap eval``: semantics of an ICCMA framework or of a map's statements."""
    p = sub.add_parser(
        "eval",
        help="which arguments survive: extensions, acceptance, statement status",
        description="Evaluate a framework (i23, apx, tgf) or a map (json, yaml, ...).\n\n"
        "For a framework, SE prints one extension as a witness line 'w 1 4 7' (or NO), EE one\n"
        "line per extension, DC and DS print YES or NO (DC adds a witness after YES).\n"
        "For a map without --task: every claim with its status (in, out, undec); factors,\n"
        "quantities that rise or fall, are neither accepted nor rejected and are not listed.\n"
        "When the map has reconstructions (what the analyst added), a second column gives\n"
        "each claim's status without them and '*' marks the verdicts that rest on them.\n"
        "Exit status: 0 answered (YES or NO alike), 2 usage or input error.",
        epilog=_examples(
            "argmap eval af.i23 --semantics preferred --task EE",
            "argmap eval af.tgf --task DC --arg a3 --semantics stable",
            "argmap eval examples/out/petro_noem.json --semantics grounded --format json",
            "argmap eval examples/out/petro_noem.json --speaker noem",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a framework or map file; - for standard input")
    _add_from(p, "evaluate", what="the file")
    _add_semantics(p, "grounded", "which arguments to accept (default: grounded)")
    p.add_argument("--task", choices=("SE", "EE", "DC", "DS"), type=str.upper, help="ICCMA task")
    p.add_argument("--arg", help="the argument (or claim id) that DC and DS ask about")
    p.add_argument(
        "--level",
        choices=("claims", "structured", "bipolar"),
        default="claims",
        help="how to read a map as a framework (default claims)",
    )
    p.add_argument(
        "--support",
        choices=("deductive", "necessary", "general"),
        help="support reading for --level bipolar",
    )
    p.add_argument("--solver", choices=("auto", "python", "sat"), default="auto")
    p.add_argument("--limit", type=int, metavar="N", help="EE: stop after this many extensions")
    _add_part(p, "evaluate")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    import io
    import json

    import argmap.semantics as sem
    from argmap.readwrite.iccma import FRAMEWORK_FORMATS, read_framework

    semantics = args.semantics
    if args.task in ("DC", "DS") and not args.arg:
        raise _UsageError(f"--task {args.task} needs --arg ARGUMENT")
    if args.arg and args.task not in ("DC", "DS"):
        raise _UsageError("--arg goes with --task DC or DS")
    if args.limit is not None and (args.task != "EE" or args.limit < 0):
        raise _UsageError("--limit goes with --task EE and must be >= 0")
    bare = args.file.lower().removesuffix(".gz")
    suffix = bare.rsplit(".", 1)[-1] if "." in bare else ""
    fmt = args.from_format or (suffix if suffix in FRAMEWORK_FORMATS else None)
    if args.support and args.level != "bipolar":
        raise _UsageError("--support goes with --level bipolar")
    if args.level == "bipolar" and not args.support:
        raise _UsageError("--level bipolar needs --support deductive, necessary or general")
    if fmt in FRAMEWORK_FORMATS:
        if args.speaker or args.tag:
            raise _UsageError("--speaker and --tag choose part of a map; a framework has neither")
        source: Any = io.StringIO(sys.stdin.read()) if args.file == "-" else args.file
        if args.file == "-":
            source.name = "<stdin>"
        af = read_framework(source, format=fmt)
        is_map = False
    else:
        m = _narrow(_load_map(args.file, fmt), args, [("--arg", args.arg)])
        is_map = True
        if args.task is None:
            _eval_map(m, args)
            return EXIT_OK
        af = sem.af_from_map(m, args.level, support=args.support)
    task = args.task or "SE"
    order = {name: i for i, name in enumerate(af.arguments)}

    def witness(extension: frozenset[str]) -> list[str]:
        return sorted(extension, key=order.__getitem__)

    result: dict[str, Any] = {"semantics": semantics, "task": task}
    lines: list[str] = []
    if task == "SE":
        found = sem.some_extension(af, semantics, solver=args.solver)
        result["extension"] = None if found is None else witness(found)
        lines.append("NO" if found is None else " ".join(["w", *witness(found)]))
    elif task == "EE":
        every = sem.extensions(af, semantics, limit=args.limit, solver=args.solver)
        result["extensions"] = [witness(e) for e in every]
        lines.extend(" ".join(["w", *witness(e)]) for e in every)
    else:
        if is_map and args.arg not in af and getattr(m.get(args.arg), "kind", None) == "factor":
            raise _UsageError(
                f"--arg {args.arg!r} is a factor; acceptance is about claims, ask about one"
            )
        if args.arg not in af:
            what = "statement" if is_map else "argument"
            raise _UsageError(f"--arg {args.arg!r}: no such {what} in {args.file}")
        if task == "DC":
            found = sem.credulous_witness(af, args.arg, semantics, solver=args.solver)
            result["answer"] = found is not None
            result["witness"] = None if found is None else witness(found)
            lines.append("NO" if found is None else "YES")
            if found is not None:
                lines.append(" ".join(["w", *witness(found)]))
        else:
            counter = sem.sceptical_counterexample(af, args.arg, semantics, solver=args.solver)
            result["answer"] = counter is None
            lines.append("YES" if counter is None else "NO")
    if args.format == "json":
        _out(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _out("\n".join(lines))
    return EXIT_OK


def _eval_map(m: Any, args: argparse.Namespace) -> None:
    """Every claim's status; beside it, when the map has reconstructions, its status without."""
    import json

    from argmap.semantics import sensitivity

    found = sensitivity(
        m, args.semantics, level=args.level, support=args.support, solver=args.solver
    )
    status = {v.claim: v.with_reconstructions for v in found.verdicts}
    if args.format == "json":
        result: dict[str, Any] = {"semantics": args.semantics, "status": status}
        # The second column is always there, so a reader never has to guess whether it was
        # asked for: without reconstructions it repeats the first.
        result["without_reconstructions"] = {
            v.claim: v.without_reconstructions for v in found.verdicts
        }
        result["reconstructions"] = list(found.reconstructions)
        result["depends_on_reconstructions"] = [
            v.claim for v in found.dependent if v.without_reconstructions is not None
        ]
        _out(json.dumps(result, indent=2, ensure_ascii=False))
        return
    width = max((len(k) for k in status), default=2)
    if not found.reconstructions:
        _out(f"{'id':<{width}}  status  text")
        for v in found.verdicts:
            text = " ".join(str(m.statements[v.claim].text).split())
            _out(f"{v.claim:<{width}}  {v.with_reconstructions:<6}  {text}")
        return
    # Only a map with reconstructions gets the second column: elsewhere it would repeat the first.
    _out(f"{'id':<{width}}  status  without  text")
    for v in found.verdicts:
        text = " ".join(str(m.statements[v.claim].text).split())
        bare = "-" if v.without_reconstructions is None else v.without_reconstructions
        mark = "*" if v.depends and v.without_reconstructions is not None else " "
        _out(f"{v.claim:<{width}}  {v.with_reconstructions:<6}  {bare:<6} {mark} {text}")
    n = len(found.reconstructions)
    _out(
        f"without: the status once the analyst's {n} reconstruction{'' if n == 1 else 's'} "
        "are removed ('-': the claim is one); * marks a verdict that rests on them"
    )
