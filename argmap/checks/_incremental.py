"""Findings kept on the map between runs of :func:`argmap.check`, and brought up to date by edit.

One :class:`_State` is cached on the map. It is offered every change (``follow``) and only
notes it; the next :func:`argmap.check` nets the changes noted since the last run (a record
added and then removed again, as by a failed batch, is no change at all) and brings each
check's findings up to date:

* a check whose records the change does not touch (its ``reads``) keeps its findings;
* a check with a :class:`Follower` that names the *subjects* a change can affect (a statement,
  a pair of statements, a relation...) runs again for those subjects only, and its findings for
  other subjects are kept;
* a check with its own ``update`` decides itself (a search for cycles that a new edge cannot
  have closed keeps its empty result);
* anything else runs again in full.

The sorted, de-duplicated list :func:`argmap.check` returns is kept too, per selection, and
takes the difference of each check's findings by binary search instead of a new sort. A
property test (``tests/test_incremental.py``) holds the result to that of a cold run.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from argmap.checks.registry import _SORT_KEY, Check, Finding, Hit, _finding, severity_rank

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "FULL_RUN",
    "Follower",
    "Net",
    "first_id",
    "follows",
    "reads_kinds",
    "run_checks",
]

# Past this many records noted without a run of check(), the state is dropped instead: a run
# from scratch is then cheaper than netting and following them all.
_MOST_NOTED = 50_000
# A difference larger than this share of a kept result is merged by sorting anew.
_RESORT_SHARE = 0.05


class Net:
    """The net change since the last run: records that left and records that came.

    A replacement is in both (the old record in ``removed``, the new one in ``added``);
    a record added and removed again is in neither.
    """

    __slots__ = ("added", "removed", "types")

    def __init__(self, added: list[Any], removed: list[Any]) -> None:
        self.added = added
        self.removed = removed
        self.types = {type(r) for r in added} | {type(r) for r in removed}

    def records(self) -> Iterable[Any]:
        """Every record that left or came."""
        yield from self.removed
        yield from self.added

    def of(self, *kinds: str) -> Iterable[Any]:
        """The records of these kinds (``"claim"``, ``"support"``...; ``"attribution"``)."""
        for record in self.records():
            if _kind(record) in kinds:
                yield record


def _kind(record: Any) -> str:
    kind = getattr(record, "kind", None)
    return kind if isinstance(kind, str) else "attribution"


def _key(record: Any) -> Hashable:
    # Records with an id are one record per id; attributions have none and are themselves.
    rid = getattr(record, "id", None)
    return (_kind(record) == "attribution", rid if rid is not None else id(record))


@dataclass(frozen=True, slots=True)
class Follower:
    """How one check follows changes.

    Attributes:
        reads: True for a record whose change can alter the check's findings; a change of
            none of them keeps the findings.
        subject: The subject a finding is about (from its ids and the map).
        affected: The subjects a net change can alter, or None to run the check in full.
        partial: The check's hits for these subjects only, as the full run gives them.
        update: Instead of subjects: given the map, the change and the current findings,
            return the findings that went and came, or None to run the check in full.
    """

    reads: Callable[[ArgumentMap, Any], bool]
    subject: Callable[[ArgumentMap, Finding], Hashable] | None = None
    affected: Callable[[ArgumentMap, Net], set[Hashable] | None] | None = None
    partial: Callable[[ArgumentMap, set[Hashable]], Iterable[Hit]] | None = None
    update: Update | None = None


Update: TypeAlias = Callable[
    ["ArgumentMap", Net, list[Finding]], "tuple[list[Finding], list[Finding]] | None"
]


FULL_RUN = Hit("run the check in full")
"""Yielded by a partial run that cannot tell its subjects' findings apart: run in full."""


_FOLLOWERS: dict[str, Follower] = {}


def follows(
    code: str,
    *,
    reads: Callable[[ArgumentMap, Any], bool],
    subject: Callable[[ArgumentMap, Finding], Hashable] | None = None,
    affected: Callable[[ArgumentMap, Net], set[Hashable] | None] | None = None,
    update: Update | None = None,
) -> Callable[[Callable[[ArgumentMap, set[Hashable]], Iterable[Hit]]], Any]:
    """Declare how check ``code`` follows changes; decorates its partial run (or a stub)."""

    def decorate(
        partial: Callable[[ArgumentMap, set[Hashable]], Iterable[Hit]],
    ) -> Callable[[ArgumentMap, set[Hashable]], Iterable[Hit]]:
        _FOLLOWERS[code] = Follower(
            reads, subject, affected, partial if subject is not None else None, update
        )
        return partial

    return decorate


def reads_kinds(*kinds: str) -> Callable[[ArgumentMap, Any], bool]:
    """A ``reads`` that is True for records of these kinds."""
    wanted = frozenset(kinds)
    return lambda m, record: _kind(record) in wanted


# A subject's findings: most subjects have one, kept bare to spare a list per subject.
_Group: TypeAlias = Finding | list[Finding]


class _Findings:
    """One check's findings: a flat list, or grouped by subject for a check with a Follower."""

    __slots__ = ("by_subject", "flat", "stale")

    def __init__(self, flat: list[Finding], by_subject: dict[Hashable, _Group] | None):
        self.flat = flat
        self.by_subject = by_subject
        self.stale = False

    def all(self) -> list[Finding]:
        if self.by_subject is None:
            return self.flat
        found: list[Finding] = []
        for group in self.by_subject.values():
            if type(group) is list:
                found.extend(group)
            else:
                found.append(group)  # type: ignore[arg-type]
        return found

    def group(self, m: ArgumentMap, subject: Callable[[ArgumentMap, Finding], Hashable]) -> None:
        """File the flat findings by subject (once; in C when each has its own subject)."""
        flat = self.flat
        if subject is first_id:
            keys: list[Hashable] = [f.ids[0] for f in flat]
        else:
            keys = [subject(m, f) for f in flat]
        grouped: dict[Hashable, _Group] = dict(zip(keys, flat, strict=True))
        if len(grouped) != len(flat):
            grouped = {}
            for key, f in zip(keys, flat, strict=True):
                _file(grouped, key, f)
        self.by_subject = grouped
        self.flat = []


def _file(grouped: dict[Hashable, _Group], key: Hashable, f: Finding) -> None:
    held = grouped.get(key)
    if held is None:
        grouped[key] = f
    elif type(held) is list:
        held.append(f)
    else:
        grouped[key] = [held, f]  # type: ignore[list-item]


def first_id(m: ArgumentMap, f: Finding) -> Hashable:
    """The subject of a finding about its first id, the most common subject."""
    return f.ids[0]


class _Merged:
    """The sorted, de-duplicated findings of one selection, with each finding's multiplicity."""

    __slots__ = ("codes", "counts", "floor", "items")

    def __init__(self, codes: frozenset[str], floor: int, findings: Iterable[Finding]) -> None:
        self.codes = codes
        self.floor = floor
        self.rebuild(findings)

    def rebuild(self, findings: Iterable[Finding]) -> None:
        found = [f for f in findings if self._keeps(f)] if self.floor < 2 else list(findings)
        # Sort on precomputed keys so that comparisons stay in C (no Python-level __lt__ per
        # comparison); equal findings are then adjacent, and dropped.
        found.sort(key=_SORT_KEY)
        keys = list(map(_SORT_KEY, found))
        self.counts = Counter(keys)
        unique: list[Finding] = []
        previous: object = None
        for finding, key in zip(found, keys, strict=True):
            if key != previous:
                unique.append(finding)
                previous = key
        self.items = unique

    def _keeps(self, f: Finding) -> bool:
        return self.floor >= 2 or severity_rank(f.severity) <= self.floor

    def apply(self, gone: Iterable[Finding], came: Iterable[Finding]) -> None:
        items, counts = self.items, self.counts
        for f in gone:
            if not self._keeps(f):
                continue
            key = _SORT_KEY(f)
            counts[key] -= 1
            if counts[key] == 0:
                del counts[key]
                del items[bisect.bisect_left(items, key, key=_SORT_KEY)]
        for f in came:
            if not self._keeps(f):
                continue
            key = _SORT_KEY(f)
            counts[key] += 1
            if counts[key] == 1:
                items.insert(bisect.bisect_left(items, key, key=_SORT_KEY), f)


class _State:
    """Everything check() keeps on a map; follows changes by noting them."""

    __slots__ = ("checks", "merged", "noted", "size")

    def __init__(self) -> None:
        self.checks: dict[str, _Findings] = {}
        self.merged: dict[tuple[frozenset[str], int], _Merged] = {}
        self.noted: list[tuple[Sequence[Any], Sequence[Any]]] = []
        self.size = 0

    def follow(self, added: Sequence[Any], removed: Sequence[Any]) -> bool:
        self.size += len(added) + len(removed)
        if self.size > _MOST_NOTED:
            return False
        self.noted.append((tuple(added), tuple(removed)))
        return True

    def net(self) -> Net | None:
        if not self.noted:
            return None
        before: dict[Hashable, Any] = {}
        after: dict[Hashable, Any] = {}
        for added, removed in self.noted:
            for record in removed:
                key = _key(record)
                before.setdefault(key, record)
                after[key] = None
            for record in added:
                key = _key(record)
                before.setdefault(key, None)
                after[key] = record
        self.noted.clear()
        self.size = 0
        gone = [r for k, r in before.items() if r is not None and after[k] is not r]
        came = [r for k, r in after.items() if r is not None and before[k] is not r]
        return Net(came, gone) if gone or came else None


def run_checks(m: ArgumentMap, chosen: list[Check], floor: int) -> list[Finding]:
    """The findings of ``chosen`` on ``m``, sorted and without repeats, kept up to date."""
    state: _State = m.cached(("checks", "state"), _State)
    net = state.net()
    if net is not None:
        _follow(m, state, net)
    for chk in chosen:
        _refresh(m, state, chk)
    codes = frozenset(c.code for c in chosen)
    merged = state.merged.get((codes, floor))
    if merged is None:
        if len(state.merged) >= 8:  # a few selections are kept, not every one ever asked
            state.merged.clear()
        merged = state.merged[(codes, floor)] = _Merged(
            codes, floor, (f for chk in chosen for f in state.checks[chk.code].all())
        )
    return list(merged.items)


def _follow(m: ArgumentMap, state: _State, net: Net) -> None:
    for code, found in state.checks.items():
        if found.stale:
            continue
        follower = _FOLLOWERS.get(code)
        if follower is None:
            found.stale = True
            continue
        if not any(follower.reads(m, r) for r in net.records()):
            continue
        if follower.update is not None:
            change = follower.update(m, net, found.all())
            if change is None:
                found.stale = True
                continue
            gone, came = change
            if gone or came:
                left = Counter(gone)
                kept = []
                for f in found.flat:
                    if left[f] > 0:
                        left[f] -= 1
                    else:
                        kept.append(f)
                found.flat = kept + came
            _tell(state, code, gone, came)
            continue
        subjects = None if follower.affected is None else follower.affected(m, net)
        if subjects is None or follower.subject is None:
            found.stale = True
            continue
        if found.by_subject is None:
            found.group(m, follower.subject)
            assert found.by_subject is not None
        fresh = _run_partial(m, code, follower, subjects)
        if fresh is None:
            found.stale = True
            continue
        gone = []
        for subject in subjects:
            held = found.by_subject.pop(subject, None)
            if held is not None:
                gone.extend(held if type(held) is list else (held,))  # type: ignore[arg-type]
        for f in fresh:
            _file(found.by_subject, follower.subject(m, f), f)
        _tell(state, code, gone, fresh)


def _run_partial(
    m: ArgumentMap, code: str, follower: Follower, subjects: set[Hashable]
) -> list[Finding] | None:
    """The findings for these subjects, or None when the check must run in full."""
    from argmap.checks.registry import get_check

    chk = get_check(code)
    assert follower.partial is not None
    found: list[Finding] = []
    for hit in follower.partial(m, subjects):
        if hit is FULL_RUN:
            return None
        found.append(
            _finding(
                chk.code, chk.name, hit.severity or chk.severity, hit.message, hit.ids, chk.anchor
            )
        )
    return found


def _tell(state: _State, code: str, gone: list[Finding], came: list[Finding]) -> None:
    """Pass one check's difference on to every kept selection that holds the check."""
    if not gone and not came:
        return
    for merged in state.merged.values():
        if code not in merged.codes:
            continue
        if len(gone) + len(came) > _RESORT_SHARE * max(len(merged.items), 1) + 64:
            merged.rebuild(f for c in merged.codes for f in state.checks[c].all())
        else:
            merged.apply(gone, came)


def _refresh(m: ArgumentMap, state: _State, chk: Check) -> None:
    found = state.checks.get(chk.code)
    if found is not None and not found.stale:
        return
    flat = list(chk.run(m))
    fresh = _Findings(flat, None)
    follower = _FOLLOWERS.get(chk.code)
    if follower is not None and follower.subject is not None:
        # Filed by subject now, while the map holds what a subject is read from (a removal
        # may take it away), and so that the first edit does not pay for it.
        fresh.group(m, follower.subject)
    state.checks[chk.code] = fresh
    if found is None:
        return
    # The difference between the old findings and the new, as multisets.
    old, new = Counter(found.all()), Counter(flat)
    gone = list((old - new).elements())
    came = list((new - old).elements())
    # The check is now fresh in every kept selection: the difference brings them up to date.
    _tell(state, chk.code, gone, came)
