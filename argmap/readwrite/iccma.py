"""ICCMA framework formats: ``i23``, ``apx`` and ``tgf``, read into an ArgumentationFramework.

- ``i23`` (ICCMA 2023): a header ``p af N``, then one attack ``i j`` a line with
  ``1 <= i, j <= N``; lines starting with ``#`` are comments. Arguments are named ``"1"`` to
  ``"N"``. The writer numbers arguments in the framework's order, so other names are not kept.
  ``N`` may be at most :data:`I23_MAX_ARGUMENTS` or the file's length in characters, whichever
  is larger: every argument costs memory, and a 15-character header must not ask for 10^8.
- ``apx`` (ICCMA 2015-2021): facts ``arg(a).`` and ``att(a,b).``; a name is letters, digits and
  ``_``; ``%`` starts a comment. An attack must name declared arguments.
- ``tgf`` (Trivial Graph Format): one argument name a line, a line ``#``, then one attack
  ``a b`` a line.

Each format has the networkx quartet: ``parse_X(text)``, ``generate_X(af)``,
``read_X(path_or_file)`` and ``write_X(af, path_or_file)``. Bad input raises
:class:`~argmap.errors.FormatError` with the file, line, column and what was expected; writes
are atomic.

Examples:
    >>> af = parse_i23("p af 3\\n# a comment\\n1 2\\n2 3\\n")
    >>> af.attacks
    (('1', '2'), ('2', '3'))
    >>> print(generate_apx(af), end="")
    arg(1).
    arg(2).
    arg(3).
    att(1,2).
    att(2,3).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from argmap._io import GZIP_SUFFIX, PathOrFile, atomic_write, read_text
from argmap.errors import FormatError
from argmap.semantics import ArgumentationFramework

__all__ = [
    "FRAMEWORK_FORMATS",
    "I23_MAX_ARGUMENTS",
    "generate_apx",
    "generate_i23",
    "generate_tgf",
    "parse_apx",
    "parse_i23",
    "parse_tgf",
    "read_apx",
    "read_framework",
    "read_i23",
    "read_tgf",
    "write_apx",
    "write_i23",
    "write_tgf",
]

FRAMEWORK_FORMATS: Final = ("i23", "apx", "tgf")
"""The framework formats, by name (also the file suffixes)."""

I23_MAX_ARGUMENTS: Final = 100_000
"""Most arguments an ``i23`` header may declare in a file shorter than that many characters.

A longer file may declare up to one argument per character: reading then costs memory in
proportion to the file, as attacks do. (A framework that large names most of its arguments in
attacks, and each attack line takes at least four characters.)"""

_NUMBER = re.compile(r"[0-9]+")
_APX_NAME = re.compile(r"[A-Za-z0-9_]+")


def _column(line: str, token: str, start: int = 0) -> int:
    return line.index(token, start) + 1


# --------------------------------------------------------------------------------------- i23


def parse_i23(text: str, *, origin: str | None = None) -> ArgumentationFramework:
    """Parse the ICCMA 2023 format.

    Args:
        text: The file's text.
        origin: The file's name, for error messages.

    Returns:
        The framework, arguments ``"1"`` to ``"N"``.

    Raises:
        FormatError: No or a bad ``p af N`` header, a line that is not two numbers, a number
            outside ``1..N``, or an ``N`` above both :data:`I23_MAX_ARGUMENTS` and the
            length of ``text``.

    Examples:
        >>> parse_i23("p af 2\\n2 1\\n").attacks
        (('2', '1'),)
        >>> parse_i23("p af 2\\n2 3\\n")
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>:2:3: argument 3 is out of range: expected 1 to 2
        >>> parse_i23("p af 100000000\\n")
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>:1:6: the header declares 100000000 arguments: ...
    """
    limit = max(I23_MAX_ARGUMENTS, len(text))
    size: int | None = None
    attacks: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        tokens = stripped.split()
        if size is None:
            if len(tokens) != 3 or tokens[:2] != ["p", "af"] or not _NUMBER.fullmatch(tokens[2]):
                raise FormatError(
                    f"expected the header 'p af N' (N arguments), found {stripped[:40]!r}",
                    file=origin,
                    line=number,
                    column=line.index(stripped[0]) + 1,
                )
            declared = tokens[2].lstrip("0") or "0"
            # Compare lengths first: a number of thousands of digits is slow to convert.
            if len(declared) > len(str(limit)) or int(declared) > limit:
                shown = (
                    f"{declared} arguments"
                    if len(declared) <= 20
                    else (f"a number of arguments {len(declared)} digits long")
                )
                raise FormatError(
                    f"the header declares {shown}: expected at most {limit} "
                    f"(the larger of {I23_MAX_ARGUMENTS} and the file's length in characters)",
                    file=origin,
                    line=number,
                    column=_column(line, tokens[2], _column(line, "af") + 1),
                )
            size = int(declared)
            continue
        if len(tokens) != 2:
            raise FormatError(
                f"expected an attack 'i j' (two argument numbers), found {stripped[:40]!r}",
                file=origin,
                line=number,
                column=line.index(stripped[0]) + 1,
            )
        pair: list[str] = []
        position = 0
        for token in tokens:
            column = _column(line, token, position)
            position = column - 1 + len(token)
            if not _NUMBER.fullmatch(token):
                raise FormatError(
                    f"expected an argument number, found {token[:20]!r}",
                    file=origin,
                    line=number,
                    column=column,
                )
            digits = token.lstrip("0") or "0"
            if len(digits) > len(str(size)) or not 1 <= int(digits) <= size:
                shown = digits if len(digits) <= 20 else f"of {len(digits)} digits"
                raise FormatError(
                    f"argument {shown} is out of range: expected 1 to {size}",
                    file=origin,
                    line=number,
                    column=column,
                )
            pair.append(digits)
        attacks.append((pair[0], pair[1]))
    if size is None:
        raise FormatError("expected the header 'p af N', found no content", file=origin, line=1)
    return ArgumentationFramework([str(i) for i in range(1, size + 1)], attacks)


def generate_i23(af: ArgumentationFramework) -> str:
    """Write a framework in the ICCMA 2023 format, arguments numbered in order.

    Examples:
        >>> print(generate_i23(ArgumentationFramework(attacks=[("x", "y")])), end="")
        p af 2
        1 2
    """
    number = {name: i for i, name in enumerate(af.arguments, start=1)}
    lines = [f"p af {len(af)}"]
    lines.extend(f"{number[a]} {number[b]}" for a, b in af.attacks)
    return "\n".join(lines) + "\n"


def read_i23(path_or_file: PathOrFile) -> ArgumentationFramework:
    """Read an ``.i23`` file from a path or an open file (see :func:`parse_i23`)."""
    text, name = read_text(path_or_file)
    return parse_i23(text, origin=name)


def write_i23(af: ArgumentationFramework, path_or_file: PathOrFile) -> None:
    """Write an ``.i23`` file to a path (atomically) or an open file."""
    atomic_write(path_or_file, generate_i23(af))


# --------------------------------------------------------------------------------------- apx

_APX_FACT = re.compile(
    r"(?P<kind>arg|att)\s*\(\s*(?P<a>[^,()\s]+)\s*(?:,\s*(?P<b>[^,()\s]+)\s*)?\)\s*\.",
)


def parse_apx(text: str, *, origin: str | None = None) -> ArgumentationFramework:
    """Parse the ASPARTIX format: ``arg(a).`` and ``att(a,b).`` facts.

    Args:
        text: The file's text.
        origin: The file's name, for error messages.

    Returns:
        The framework, arguments in order of declaration.

    Raises:
        FormatError: Text that is not a fact, a bad name, a fact with the wrong number of
            names, or an attack on an undeclared argument.

    Examples:
        >>> parse_apx("arg(a). arg(b).\\natt(a,b).").attacks
        (('a', 'b'),)
        >>> parse_apx("arg(a).\\natt(a,c).")
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>:2:7: undeclared argument 'c': expected an arg(c). ...
    """
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int, int, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("%", 1)[0]
        position = 0
        while True:
            while position < len(content) and content[position].isspace():
                position += 1
            if position >= len(content):
                break
            match = _APX_FACT.match(content, position)
            if match is None:
                found = content[position : position + 20]
                raise FormatError(
                    f"expected a fact arg(name). or att(name,name)., found {found!r}",
                    file=origin,
                    line=number,
                    column=position + 1,
                )
            for group in ("a", "b"):
                name = match.group(group)
                if name is not None and not _APX_NAME.fullmatch(name):
                    raise FormatError(
                        f"bad argument name {name!r}: expected letters, digits and _",
                        file=origin,
                        line=number,
                        column=match.start(group) + 1,
                    )
            kind, a, b = match.group("kind"), match.group("a"), match.group("b")
            if kind == "arg":
                if b is not None:
                    raise FormatError(
                        "expected one name in arg(...)",
                        file=origin,
                        line=number,
                        column=match.start("b") + 1,
                    )
                arguments[a] = None
            else:
                if b is None:
                    raise FormatError(
                        "expected two names in att(attacker,target)",
                        file=origin,
                        line=number,
                        column=match.end("a") + 1,
                    )
                attacks.append((a, b, number, match.start("a") + 1, match.start("b") + 1))
            position = match.end()
    pairs: list[tuple[str, str]] = []
    for a, b, number, col_a, col_b in attacks:
        for name, column in ((a, col_a), (b, col_b)):
            if name not in arguments:
                raise FormatError(
                    f"undeclared argument {name!r}: expected an arg({name}). fact first",
                    file=origin,
                    line=number,
                    column=column,
                )
        pairs.append((a, b))
    return ArgumentationFramework(arguments, pairs)


def _check_names(af: ArgumentationFramework, ok: Callable[[str], bool], what: str) -> None:
    for name in af.arguments:
        if not ok(name):
            raise FormatError(f"argument name {name!r} cannot be written: expected {what}")


def generate_apx(af: ArgumentationFramework) -> str:
    """Write a framework as ``arg``/``att`` facts.

    Raises:
        FormatError: A name that is not letters, digits and ``_``.

    Examples:
        >>> print(generate_apx(ArgumentationFramework(attacks=[("a", "a")])), end="")
        arg(a).
        att(a,a).
    """
    _check_names(af, lambda n: _APX_NAME.fullmatch(n) is not None, "letters, digits and _")
    lines = [f"arg({name})." for name in af.arguments]
    lines.extend(f"att({a},{b})." for a, b in af.attacks)
    return "\n".join(lines) + "\n"


def read_apx(path_or_file: PathOrFile) -> ArgumentationFramework:
    """Read an ``.apx`` file from a path or an open file (see :func:`parse_apx`)."""
    text, name = read_text(path_or_file)
    return parse_apx(text, origin=name)


def write_apx(af: ArgumentationFramework, path_or_file: PathOrFile) -> None:
    """Write an ``.apx`` file to a path (atomically) or an open file."""
    atomic_write(path_or_file, generate_apx(af))


# --------------------------------------------------------------------------------------- tgf


def parse_tgf(text: str, *, origin: str | None = None) -> ArgumentationFramework:
    """Parse the Trivial Graph Format: names, a ``#`` line, then ``attacker target`` lines.

    Blank lines are skipped. Node and edge labels are not part of a framework and are refused.

    Raises:
        FormatError: A node line with more than a name, a repeated name, an edge line that is
            not two names, or an edge between undeclared names.

    Examples:
        >>> parse_tgf("a\\nb\\n#\\na b\\n").attacks
        (('a', 'b'),)
    """
    names: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_edges = False
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = line.split()
        if not tokens:
            continue
        column = line.index(tokens[0]) + 1
        if not in_edges:
            if tokens == ["#"]:
                in_edges = True
                continue
            if len(tokens) != 1:
                raise FormatError(
                    f"expected one argument name a line before '#', found {line.strip()[:40]!r}",
                    file=origin,
                    line=number,
                    column=column,
                )
            if tokens[0] in names:
                raise FormatError(
                    f"argument {tokens[0]!r} is declared twice: expected unique names",
                    file=origin,
                    line=number,
                    column=column,
                )
            names[tokens[0]] = None
            continue
        if len(tokens) != 2:
            raise FormatError(
                f"expected an attack 'attacker target', found {line.strip()[:40]!r}",
                file=origin,
                line=number,
                column=column,
            )
        position = 0
        for token in tokens:
            where = _column(line, token, position)
            position = where - 1 + len(token)
            if token not in names:
                raise FormatError(
                    f"undeclared argument {token[:40]!r}: expected a name listed before '#'",
                    file=origin,
                    line=number,
                    column=where,
                )
        attacks.append((tokens[0], tokens[1]))
    return ArgumentationFramework(names, attacks)


def generate_tgf(af: ArgumentationFramework) -> str:
    """Write a framework in the Trivial Graph Format.

    Raises:
        FormatError: A name that is empty, ``#`` or holds white space.

    Examples:
        >>> print(generate_tgf(ArgumentationFramework(attacks=[("a", "b")])), end="")
        a
        b
        #
        a b
    """
    _check_names(
        af,
        lambda n: bool(n) and n != "#" and len(n.split()) == 1 and n.split()[0] == n,
        "a name without white space, other than '#'",
    )
    lines = [*af.arguments, "#"]
    lines.extend(f"{a} {b}" for a, b in af.attacks)
    return "\n".join(lines) + "\n"


def read_tgf(path_or_file: PathOrFile) -> ArgumentationFramework:
    """Read a ``.tgf`` file from a path or an open file (see :func:`parse_tgf`)."""
    text, name = read_text(path_or_file)
    return parse_tgf(text, origin=name)


def write_tgf(af: ArgumentationFramework, path_or_file: PathOrFile) -> None:
    """Write a ``.tgf`` file to a path (atomically) or an open file."""
    atomic_write(path_or_file, generate_tgf(af))


_PARSERS: Final = {"i23": parse_i23, "apx": parse_apx, "tgf": parse_tgf}


def read_framework(
    path_or_file: PathOrFile, *, format: str | None = None
) -> ArgumentationFramework:
    """Read a framework in the format ``format``, or the one its file suffix names.

    Raises:
        FormatError: An unknown format or suffix, or bad content.

    Examples:
        >>> import io
        >>> read_framework(io.StringIO("p af 1\\n"), format="i23").arguments
        ('1',)
    """
    text, name = read_text(path_or_file)
    if format is None:
        # A compressed file is named for its content plus ".gz" (read_text decompressed it).
        bare = (name or "").lower().removesuffix(GZIP_SUFFIX)
        format = bare.rsplit(".", 1)[-1] if "." in bare else ""
    parser = _PARSERS.get(format)
    if parser is None:
        raise FormatError(
            f"unknown framework format {format or '(none)'!r}: expected one of i23, apx, tgf",
            file=name,
        )
    return parser(text, origin=name)
