"""From an :class:`~argmap.model.ArgumentMap` to Argdown text."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

import yaml

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write
from argmap.errors import _NoFastPath
from argmap.model import (
    ArgumentMap,
    Attack,
    CausalLink,
    Claim,
    Factor,
    Support,
)
from argmap.readwrite.argdown.lexer import _RE_SPECIAL_CHAR
from argmap.readwrite.argdown.postprocess import parse
from argmap.readwrite.argdown.to_map import (
    _KEY,
    _WRITER_MODEL,
    _dump,
    _slug,
)


def generate_argdown(m: ArgumentMap) -> str:
    """Return Argdown text for a map that :func:`parse_argdown` reads back into an equal map.

    Args:
        m: The map.

    Returns:
        Argdown source. Argdown itself shows the statements, arguments and relations it can
        express; the rest rides in YAML under the key ``argmap``.

    Examples:
        >>> m = ArgumentMap(title="Demo")
        >>> exclusion = m.claim("Exclusion leads to violence", id="exclusion")
        >>> inclusion = m.claim("Inclusion reduced violence", id="inclusion")
        >>> _ = m.support(inclusion, exclusion, id="colombia", scheme="example")
        >>> print(generate_argdown(m))
        ===
        title: Demo
        model:
          mode: loose
          removeTagsFromText: true
          transformArgumentRelations: true
        ===
        <BLANKLINE>
        [exclusion]: Exclusion leads to violence
        <BLANKLINE>
        [inclusion]: Inclusion reduced violence
        <BLANKLINE>
        <colombia>
        <BLANKLINE>
        (1) [inclusion]
        -- example --
        (2) [exclusion]
        <BLANKLINE>
        >>> from argmap import parse_argdown
        >>> parse_argdown(generate_argdown(m)) == m
        True
    """
    # The plan and the text are many small objects without cycles: automatic collections
    # would only walk the map's records again and again (see argmap._gc).
    with collector_paused():
        writer = _Writer(m)
        text = writer.render()
        # Reading the text back costs ten times the writing; it is needed only where the plan
        # cannot vouch for what the reader will make of a text, tag, title or data block.
        if writer.needs_reading_back() and writer.repair(parse(text).to_map()):
            text = writer.render()
    return text


def write_argdown(m: ArgumentMap, path_or_file: PathOrFile) -> None:
    """Write a map as Argdown to a path (atomically) or to an open file.

    Examples:
        >>> import pathlib, tempfile
        >>> from argmap import read_argdown
        >>> m = ArgumentMap()
        >>> _ = m.claim("Opening the border stopped migration")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "map.argdown"
        >>> write_argdown(m, path)
        >>> read_argdown(path) == m
        True
    """
    atomic_write(path_or_file, generate_argdown(m))


# ------------------------------------------------------------------------------------------------
# Writing: ArgumentMap -> Argdown
# ------------------------------------------------------------------------------------------------

_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")
_CONTROL = frozenset("@#*_[],.:</>(){};-")
"""Characters Argdown's lexer cuts text at; alone they are text, with one space or tab after."""
_ALWAYS = frozenset("\\*_[<{")
"""Characters that start syntax wherever they stand (escapes, bold, italic, titles, data)."""
_TAG_START = re.compile(r"[(A-Za-z\[\\\]^_`0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")
_SHORTCODE_LIKE = _RE_SPECIAL_CHAR  # Argdown's own pattern for ".x." and ":x:" shortcodes

_BACKSLASHED = frozenset("\\*_[<{@#],.:/>()};-=")
"""Characters :func:`_escape` may put a backslash before (a superset is safe: see its use)."""
_MAYBE_SYNTAX = re.compile(r"([\\*_\[<{@#\],.:/>()};\-=\t])([ \t]*)")


def _escape(text: str, *, inference: bool = False) -> str:
    """Backslash the characters Argdown would read as syntax in ``text`` (within a line).

    Only what needs it: ``\\ * _ [ < {`` always, ``#`` before a tag or an escape, ``/``
    before ``/`` or ``*``, ``=`` when ``===`` occurs, ``.`` and ``:`` when a shortcode-like
    ``.x.`` or ``:x:`` occurs, ``,`` and ``--`` in an inference rule, and a cutting character
    followed by more than one space or tab, which Argdown would drop. Tabs after an escape are
    escaped too (an escape keeps the spaces after it, not the tabs).
    """
    if _MAYBE_SYNTAX.search(text) is None:
        return text  # most texts: nothing Argdown could read as syntax
    dots = _SHORTCODE_LIKE.search(text) is not None
    equals = "===" in text

    def one(match: re.Match[str]) -> str:
        c, run = match.group(1), match.group(2)
        if c == "\t":  # a tab after text: Freestyle keeps it
            return match.group(0)
        nxt = run[:1] or text[match.end() : match.end() + 1]
        escape = (
            c in _ALWAYS
            # "#" before a character that gets a backslash: the reader would see "#\" open a tag.
            or (c == "#" and not run and (bool(_TAG_START.match(nxt)) or nxt in _BACKSLASHED))
            or (c == "/" and not run and nxt in ("/", "*"))
            or (c == "=" and equals)
            or (c in ".:" and dots)
            or (inference and (c == "," or (c == "-" and not run and nxt == "-")))
            or len(run) > 1
        )
        if not escape:
            return match.group(0)
        return "\\" + c + run.replace("\t", "\\\t")

    return _MAYBE_SYNTAX.sub(one, text)


_ANY_BREAK = re.compile("[" + "".join(_LINE_BREAKS) + "]")


def _representable(text: str) -> bool:
    """True when ``[T]: <escaped text>`` reads back as exactly ``text``."""
    return bool(text) and text == text.strip() and _ANY_BREAK.search(text) is None


def _flat(text: str) -> str:
    for b in _LINE_BREAKS:
        text = text.replace(b, " ")
    return text.strip()


def _tag_ok(tag: str) -> bool:
    return bool(tag) and ")" not in tag and _ANY_BREAK.search(tag) is None


_NOT_IN_STATEMENT_TITLE = re.compile("[][" + "".join(_LINE_BREAKS) + "]")


def _statement_title_ok(title: str) -> bool:
    return (
        bool(title) and not title.startswith("-") and _NOT_IN_STATEMENT_TITLE.search(title) is None
    )


def _argument_title_ok(title: str) -> bool:
    # "<_", "<+", "<-" open relations at a line start and "<!--" a comment: start with a letter.
    return (
        bool(title)
        and title[0].isalnum()
        and not any(c in title for c in "<>")
        and not any(b in title for b in _LINE_BREAKS)
    )


def _yaml_char(c: str) -> str:
    """One character of a YAML double-quoted string, ASCII-only: nothing in it can end
    Argdown's data token or trouble a YAML parser (no braces, ``=``, line breaks, surrogates)."""
    if c in "{}=":
        return f"\\u{ord(c):04x}"
    if c == '"' or c == "\\":
        return "\\" + c
    if " " <= c <= "~":
        return c
    code = ord(c)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _inline(value: Any) -> str:
    """JSON for a ``{...}`` data block: braces inside strings are escaped so Argdown's data
    token cannot end early, and non-finite floats are written the YAML way."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inline(str(k))}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + "".join(_yaml_char(c) for c in value) + '"'
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return json.dumps(value)


def _derived_statement_data(
    title: str, sid: str, native: Any, sketched: bool
) -> dict[str, Any] | None:
    inner: dict[str, Any] = {}
    if sketched:
        inner["argument"] = True
    if title != sid:
        inner["title"] = title
    if native is not None:
        inner["data"] = native
    return {"argdown": inner} if inner else None


def _argdown_part(data: dict[str, Any] | None) -> dict[str, Any]:
    """``data["argdown"]`` when that is all the data holds (as the reader makes it), else {}."""
    part = (data or {}).get("argdown")
    return part if isinstance(part, dict) and set(data or {}) == {"argdown"} else {}


_PLAIN_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
"""Strings PyYAML writes plain unless its resolver reads them as something else (``'1'``)."""

_RESOLVE: Any = yaml.resolver.Resolver().resolve  # how PyYAML tells a str from 1, true...
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_FAST_DEPTH = 64
_MAX_SIMPLE_KEY = 128  # PyYAML writes longer keys as complex keys ("? key")


_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*(?: [A-Za-z0-9\-]+)*")
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9'\"?!%&,;.\-]+)*[A-Za-z0-9.?!'\"%]?")


def _plain(text: str) -> bool:
    """Words of ASCII letters and digits, single spaces and tame punctuation, nothing to escape.

    Of these characters :func:`_escape` touches only ``.`` (in a shortcode-like ``.x.``) and
    ``,`` and ``--`` in inference rules, which the caller rules out.
    """
    return _PLAIN_TEXT.fullmatch(text) is not None and _SHORTCODE_LIKE.search(text) is None


def _block_yaml(value: dict[str, Any]) -> str:
    """``yaml.safe_dump(value, sort_keys=False, allow_unicode=False, width=1_000_000)``, faster.

    PyYAML's pure-Python emitter costs about 40 µs a scalar, which made the front matter of a
    100,000-relation map take most of a minute. This writes the same bytes for the block style
    PyYAML uses, one pass and no node graph; scalars outside a plain alphabet are styled by
    PyYAML itself, one at a time (and cached). Anything else (floats, tuples, a container met
    twice, which PyYAML would anchor, very deep data) falls back to PyYAML for the whole value.
    """
    out: list[str] = []
    try:
        if not value:
            raise _NoFastPath  # "{}", in flow style
        _fast_mapping(value, 0, out, False, set(), 0, {})
    except _NoFastPath:
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=False, width=1_000_000)
    return "".join(out)


def _fast_scalar(value: Any, column: int, cache: dict[str, str]) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        raise _NoFastPath
    if _PLAIN_WORD.fullmatch(value):
        plain = _RESOLVE(yaml.ScalarNode, value, (True, False)) == _STR_TAG
        return value if plain else f"'{value}'"
    styled = cache.get(value)
    if styled is None:
        dumped = yaml.safe_dump([value], allow_unicode=False, width=1_000_000)
        if not dumped.startswith("- ") or not dumped.endswith("\n"):
            raise _NoFastPath  # pragma: no cover - PyYAML writes a list item this way
        styled = cache[value] = dumped[2:-1]
    if "\n" not in styled:
        return styled
    # A quoted scalar over several lines: PyYAML indents its continuation lines two columns
    # right of the key or dash that carries it, and leaves empty lines empty.
    first, *rest = styled.split("\n")
    pad = " " * column
    return "\n".join([first, *(pad + line if line else line for line in rest)])


def _fast_key(key: Any) -> str:
    if type(key) is not str or len(key) > _MAX_SIMPLE_KEY or not _PLAIN_WORD.fullmatch(key):
        raise _NoFastPath
    plain = _RESOLVE(yaml.ScalarNode, key, (True, False)) == _STR_TAG
    return key if plain else f"'{key}'"


def _enter(value: Any, seen: set[int], depth: int) -> str:
    """``{}`` or ``[]`` for an empty collection; else "" after marking a collection as entered.

    A collection met twice (an alias) or nested too deep leaves the fast path.
    """
    if type(value) is dict or type(value) is list:
        if not value:
            return "{}" if type(value) is dict else "[]"
        if id(value) in seen or depth > _MAX_FAST_DEPTH:
            raise _NoFastPath
        seen.add(id(value))
    return ""


def _fast_value(
    value: Any, column: int, out: list[str], seen: set[int], depth: int, cache: dict[str, str]
) -> None:
    """Write what follows ``key:`` or ``-`` (whose column is ``column``) to the end of line."""
    empty = _enter(value, seen, depth)
    if empty:
        out.append(" " + empty + "\n")
        return
    if type(value) is dict:
        out.append("\n")
        _fast_mapping(value, column + 2, out, False, seen, depth + 1, cache)
    elif type(value) is list:
        out.append("\n")
        _fast_sequence(value, column, out, False, seen, depth + 1, cache)
    else:
        out.append(" " + _fast_scalar(value, column, cache) + "\n")


def _fast_item(
    value: Any, column: int, out: list[str], seen: set[int], depth: int, cache: dict[str, str]
) -> None:
    """Write a sequence item after its ``- `` (at ``column``): collections start on that line."""
    empty = _enter(value, seen, depth)
    if empty:
        out.append(empty + "\n")
        return
    if type(value) is dict:
        _fast_mapping(value, column + 2, out, True, seen, depth + 1, cache)
    elif type(value) is list:
        _fast_sequence(value, column + 2, out, True, seen, depth + 1, cache)
    else:
        out.append(_fast_scalar(value, column, cache) + "\n")


def _fast_mapping(
    value: dict[Any, Any],
    column: int,
    out: list[str],
    inline: bool,
    seen: set[int],
    depth: int,
    cache: dict[str, str],
) -> None:
    pad = " " * column
    for key, item in value.items():
        out.append(("" if inline else pad) + _fast_key(key) + ":")
        inline = False
        _fast_value(item, column, out, seen, depth, cache)


def _fast_sequence(
    value: list[Any],
    column: int,
    out: list[str],
    inline: bool,
    seen: set[int],
    depth: int,
    cache: dict[str, str],
) -> None:
    pad = " " * column
    for item in value:
        out.append("- " if inline else pad + "- ")
        inline = False
        _fast_item(item, column, out, seen, depth, cache)


class _Writer:
    """Plans a map's Argdown text; :meth:`repair` records what a read-back got wrong."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.statement_titles: dict[str, str] = {}
        self.sketched: set[str] = set()
        self.argument_titles: dict[str, str] = {}  # support id -> argument title
        self.statement_extra: dict[str, dict[str, Any]] = {}
        self.argument_extra: dict[str, dict[str, Any]] = {}
        self.lines: dict[str, tuple[str, str, str]] = {}  # relation id -> (from, symbol, to)
        self.records: dict[str, dict[str, Any]] = {}  # relation id -> full record
        self.map_data: Any = None
        self.plan()

    # -- planning -----------------------------------------------------------------------------

    def plan(self) -> None:
        used_statement_titles: set[str] = set()
        used_argument_titles: set[str] = set()
        statements = self.m.statements
        for statement in statements.values():
            part = _argdown_part(statement.data) if statement.data is not None else {}
            sketched = part.get("argument") is True
            named = part.get("title")
            wanted: str = named if isinstance(named, str) else statement.id
            ok = _argument_title_ok if sketched else _statement_title_ok
            used = used_argument_titles if sketched else used_statement_titles
            title = self.pick_title([wanted, statement.id], ok, used, statement.id)
            used.add(title)
            if sketched:
                self.sketched.add(statement.id)
            self.statement_titles[statement.id] = title
            extra: dict[str, Any] = {}
            if _slug(title) != statement.id:
                extra["id"] = statement.id
            if isinstance(statement, Factor):
                extra["kind"] = "factor"
                if statement.opposite is not None:
                    extra["opposite"] = statement.opposite
            if statement.reconstructed:
                extra["reconstructed"] = True
            if not _representable(statement.text):
                extra["text"] = statement.text
            if statement.tags and (
                not all(_tag_ok(t) for t in statement.tags)
                or len(set(statement.tags)) != len(statement.tags)
            ):
                extra["tags"] = list(statement.tags)
            if statement.data is not None or sketched or title != statement.id:
                native = part.get("data")
                derived = _derived_statement_data(title, statement.id, native, sketched)
                if statement.data != derived:
                    extra["data"] = statement.data
            self.statement_extra[statement.id] = extra
        written: set[tuple[str, str, str]] = set()
        for relation in self.m.relations.values():
            # A premise-conclusion structure holds statements only, not sketched arguments.
            if (
                isinstance(relation, Support)
                and relation.conclusion in statements
                and relation.conclusion not in self.sketched
                and not (self.sketched and any(p in self.sketched for p in relation.premises))
            ):
                part = _argdown_part(relation.data) if relation.data is not None else {}
                named = part.get("title")
                wanted = named if isinstance(named, str) else relation.id
                title = self.pick_title(
                    [wanted, relation.id], _argument_title_ok, used_argument_titles, relation.id
                )
                used_argument_titles.add(title)
                self.argument_titles[relation.id] = title
        # What the reader will know of each statement: premise or conclusion of an argument.
        self.premises: set[str] = set()
        self.conclusions: set[str] = set()
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                self.premises.update(relation.premises)
                self.conclusions.add(relation.conclusion)
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                self.plan_argument(relation)
                continue
            line = self.line_for(relation)
            reverse = (line[2], line[1], line[0]) if line is not None else None
            if line is None or line in written or (line[1] == "><" and reverse in written):
                self.records[relation.id] = _dump(relation)
                continue
            written.add(line)
            self.lines[relation.id] = line
            if not self.reads_back(relation):  # type: ignore[arg-type]
                self.records[relation.id] = _dump(relation)

    @staticmethod
    def pick_title(candidates: list[str], ok: Any, used: set[str], fallback_id: str) -> str:
        if candidates[0] not in used and ok(candidates[0]):
            return candidates[0]  # the usual case: the id itself
        for candidate in candidates:
            if ok(candidate) and candidate not in used:
                return str(candidate)
        base = "S " + _slug(fallback_id) if _slug(fallback_id) else "S"
        candidate, n = base, 1
        while candidate in used or not ok(candidate):
            n += 1
            candidate = f"{base} {n}"
        return candidate

    def plan_argument(self, support: Support) -> None:
        title = self.argument_titles[support.id]
        part = _argdown_part(support.data)
        extra: dict[str, Any] = {}
        if _slug(title) != support.id:
            extra["id"] = support.id
        if support.reconstructed:
            extra["reconstructed"] = True
        if not all(_tag_ok(t) for t in support.tags) or len(set(support.tags)) != len(support.tags):
            extra["tags"] = list(support.tags)
        if support.scheme is not None and self.rules(support.scheme) is None:
            extra["scheme"] = support.scheme
        inner: dict[str, Any] = {}
        if title != support.id:
            inner["title"] = title
        description = part.get("description")
        if isinstance(description, str) and _representable(description):
            inner["description"] = description
        if "data" in part:
            inner["data"] = part["data"]
        if "inference" in part:
            inner["inference"] = part["inference"]
        if support.data != ({"argdown": inner} if inner else None):
            extra["data"] = support.data
        self.argument_extra[support.id] = extra

    @staticmethod
    def rules(scheme: str) -> list[str] | None:
        parts = scheme.split(", ")
        if all(_representable(p) for p in parts):
            return parts
        return None

    def ref(self, statement_id: str) -> str:
        title = self.statement_titles[statement_id]
        return f"<{title}>" if statement_id in self.sketched else f"[{title}]"

    def line_for(self, relation: Support | Attack | CausalLink) -> tuple[str, str, str] | None:
        """The Argdown relation (from, symbol, to) that shows a relation, if there is one."""
        if isinstance(relation, CausalLink):
            return None
        if isinstance(relation, Attack) and relation.attacker == relation.target:
            return None  # the reader drops self-attacks, which Argdown cannot mean
        if isinstance(relation, Support):
            if len(relation.premises) != 1:
                return None
            if relation.conclusion in self.argument_titles:
                target = f"<{self.argument_titles[relation.conclusion]}>"
            elif relation.conclusion in self.m.statements:
                target = self.ref(relation.conclusion)
            else:
                return None
            return (self.ref(relation.premises[0]), "+>", target)
        if relation.sort == "undercut":
            if relation.target in self.argument_titles:
                return (
                    self.ref(relation.attacker),
                    "_>",
                    f"<{self.argument_titles[relation.target]}>",
                )
            return None
        if relation.target not in self.m.statements:
            return None
        if relation.sort == "contradict":
            if relation.attacker in self.sketched or relation.target in self.sketched:
                return None
            return (self.ref(relation.attacker), "><", self.ref(relation.target))
        return (self.ref(relation.attacker), "->", self.ref(relation.target))

    def reads_back(self, relation: Support | Attack) -> bool:
        """True when the reader derives exactly this relation from its Argdown line."""
        if relation.tags or relation.data is not None or relation.reconstructed:
            return False
        if isinstance(relation, Support):
            return relation.scheme is None
        if relation.sort in ("undercut", "contradict"):
            return True
        target = relation.target
        premise_only = (target in self.premises and target not in self.conclusions) or (
            target in self.sketched
        )
        return relation.sort == ("undermine" if premise_only else "rebut")

    # -- repair -------------------------------------------------------------------------------

    def needs_reading_back(self) -> bool:
        """False when every line of the text is of a kind whose reading the plan knows.

        That is: titles, texts, tags and inference rules of plain words (no character that
        :func:`_escape` touches), and data blocks that hold only what the plan put there. The
        structure (which relation becomes which line) the plan derives as the reader does; the
        rest sits in the front matter as YAML, which reads back as written.
        """
        if _argdown_part(dict(self.m.data)):
            return True  # kept front matter: its merge with the writer's settings is subtle
        for statement in self.m.statements.values():
            extra = self.statement_extra[statement.id]
            if (
                "text" in extra
                or "tags" in extra
                or "data" in extra
                or statement.data is not None
                or not _plain(statement.text)
                or not _PLAIN_TITLE.fullmatch(self.statement_titles[statement.id])
                or not all(_plain(t) for t in statement.tags)
            ):
                return True
        for support_id, title in self.argument_titles.items():
            support = self.m.relations[support_id]
            assert isinstance(support, Support)
            extra = self.argument_extra[support_id]
            if (
                "tags" in extra
                or "data" in extra
                or "scheme" in extra
                or support.data is not None
                or not _PLAIN_TITLE.fullmatch(title)
                or not all(_plain(t) for t in support.tags)
                or not all(
                    _plain(r) and "," not in r and "--" not in r
                    for r in (support.scheme or "").split(", ")
                    if r
                )
            ):
                return True
        return False

    def repair(self, reread: ArgumentMap) -> bool:
        """Compare a read-back with the map; keep in YAML what it got wrong. True if anything."""
        changed = False
        for statement in self.m.statements.values():
            if reread.statements.get(statement.id) != statement:
                full = {
                    "id": statement.id,
                    "text": statement.text,
                    "tags": list(statement.tags),
                    "data": statement.data,
                    "reconstructed": statement.reconstructed,
                }
                if isinstance(statement, Factor):
                    full["kind"] = "factor"
                    if statement.opposite is not None:
                        full["opposite"] = statement.opposite
                if self.statement_extra.get(statement.id) != full:
                    self.statement_extra[statement.id] = full
                    changed = True
        for relation in self.m.relations.values():
            if reread.relations.get(relation.id) != relation and relation.id not in self.records:
                self.records[relation.id] = _dump(relation)
                changed = True
        if reread.to_document().data != self.m.to_document().data and self.map_data is None:
            self.map_data = dict(self.m.data)
            changed = True
        return changed

    # -- rendering ----------------------------------------------------------------------------

    def numbering(self) -> tuple[list[str] | None, list[str] | None]:
        """The ``ids`` and ``order`` lists the reader needs, or None where it gets them right.

        The reader numbers the relations it derives (``s1``, ``a1``...) in text order, after
        giving each argument the slug of its title; records and the order list come after.
        """
        derived = [
            r
            for r in self.m.relations.values()
            if r.id in self.lines or r.id in self.argument_titles
        ]
        taken = set(self.m.statements) | set(self.m.agents) | set(self.m.sources)
        ids: list[str | None] = []
        for relation in derived:
            if relation.id in self.argument_titles:
                explicit = self.argument_extra[relation.id].get("id")
                base = (
                    explicit
                    if isinstance(explicit, str)
                    else _slug(self.argument_titles[relation.id])
                )
                candidate, n = base, 1
                while explicit is None and candidate in taken:
                    n += 1
                    candidate = f"{base}-{n}"
                taken.add(candidate)
                ids.append(candidate)
            else:
                ids.append(None)
        taken.update(self.records)
        counters: dict[str, int] = {}
        for i, relation in enumerate(derived):
            if ids[i] is None:
                prefix = "s" if isinstance(relation, Support) else "a"
                n = counters.get(prefix, 0)
                while f"{prefix}{n + 1}" in taken:
                    n += 1
                counters[prefix] = n + 1
                taken.add(f"{prefix}{n + 1}")
                ids[i] = f"{prefix}{n + 1}"
        wanted = [r.id for r in derived]
        wanted_set = set(wanted)  # once, not once a record: 100,000 records stay linear
        final = wanted + [rid for rid in self.records if rid not in wanted_set]
        return (
            None if ids == wanted else wanted,
            None if final == list(self.m.relations) else list(self.m.relations),
        )

    def frontmatter(self) -> str:
        front: dict[str, Any] = {}
        if self.m.title is not None:
            front["title"] = self.m.title
        data = dict(self.m.data)
        part = _argdown_part(data)
        kept = part.get("frontmatter") if isinstance(part.get("frontmatter"), dict) else None
        if kept is not None and len(part) == 1:
            front.update({k: v for k, v in kept.items() if k not in ("title", _KEY, "model")})
            if "model" in kept and kept["model"] != _WRITER_MODEL and self.map_data is None:
                self.map_data = data  # the writer fixes its own model settings: keep theirs
        elif data and self.map_data is None:
            self.map_data = data
        front["model"] = dict(_WRITER_MODEL)
        extra: dict[str, Any] = {}
        if self.m.description is not None:
            extra["description"] = self.m.description
        if self.map_data is not None:
            extra["data"] = self.map_data
        if self.m.agents:
            extra["agents"] = [_dump(a) for a in self.m.agents.values()]
        if self.m.sources:
            extra["sources"] = [_dump(s) for s in self.m.sources.values()]
        if self.records:
            extra["relations"] = list(self.records.values())
        ids, order = self.numbering()
        if ids is not None:
            extra["ids"] = ids
        if order is not None:
            extra["order"] = order
        if self.m.attributions:
            extra["attributions"] = [_dump(a) for a in self.m.attributions]
        if extra:
            front[_KEY] = extra
        body = _block_yaml(front)
        if "===" in body:  # the front matter ends at the first "===": write JSON instead
            body = _inline(front) + "\n"
        return "===\n" + body + "===\n"

    def data_block(self, extra: dict[str, Any], native: Any) -> str:
        data: dict[str, Any] = {}
        if isinstance(native, dict):
            data.update(native)
        elif native is not None:
            extra = {**extra, "data": extra.get("data", {"argdown": {"data": native}})}
        if extra:
            data[_KEY] = extra
        return " " + _inline(data) if data else ""

    def tags(self, tags: Iterable[str]) -> str:
        return "".join(f" #({t})" for t in dict.fromkeys(tags) if _tag_ok(t))

    def render(self) -> str:
        out = [self.frontmatter()]
        for statement in self.m.statements.values():
            title = self.statement_titles[statement.id]
            text = _flat(statement.text) or title
            part = _argdown_part(statement.data)
            head = f"<{title}>" if statement.id in self.sketched else f"[{title}]"
            out.append(
                f"{head}: {_escape(text)}{self.tags(statement.tags)}"
                + self.data_block(self.statement_extra[statement.id], part.get("data"))
                + "\n"
            )
        for relation in self.m.relations.values():
            if relation.id in self.argument_titles:
                assert isinstance(relation, Support)
                out.append(self.render_argument(relation))
            elif relation.id in self.lines:
                source, symbol, target = self.lines[relation.id]
                out.append(f"{source}\n  {symbol} {target}\n")
        return "\n".join(out)

    def render_argument(self, support: Support) -> str:
        title = self.argument_titles[support.id]
        part = _argdown_part(support.data)
        description = part.get("description")
        if isinstance(description, str) and _representable(description):
            head = f"<{title}>: {_escape(description)}"
        else:
            head = f"<{title}>"
        head += self.tags(support.tags)
        head += self.data_block(self.argument_extra[support.id], part.get("data"))
        lines = [head, ""]
        for n, premise in enumerate(support.premises, start=1):
            lines.append(f"({n}) [{self.statement_titles[premise]}]")
        rules = self.rules(support.scheme) if support.scheme is not None else None
        inference = " ".join(
            part
            for part in (
                ", ".join(_escape(r, inference=True) for r in rules) if rules else "",
                _inline(part["inference"]) if "inference" in part else "",
            )
            if part
        )
        lines.append(f"-- {inference} --" if inference else "----")
        lines.append(f"({len(support.premises) + 1}) [{self.statement_titles[support.conclusion]}]")
        return "\n".join(lines) + "\n"


# Claim is re-exported for type checkers of the doctests above.
_ = Claim
