"""Reading and writing maps: argmap's own JSON and YAML, and the formats of other tools.

One registry, :data:`FORMATS`, knows every map format: its name, its file suffixes, how to tell
it by its content (for the formats that share ``.json``) and its four functions. :func:`read_map`,
:func:`write_map`, :func:`parse_map`, :func:`generate_map`, :mod:`argmap.readwrite.convert`, the
``argmap`` command line and the format tables of the docs all read it.

Every format follows networkx's pattern, with the same names and keywords:

- ``read_X(path_or_file)`` reads a map from a path or an open file (text or binary);
- ``write_X(m, path_or_file)`` writes one, atomically to a path, or to an open file (text or
  binary: a binary file gets UTF-8);
- ``parse_X(text, *, origin=None) -> ArgumentMap`` reads a string; ``origin`` is the name
  errors show;
- ``generate_X(m) -> str`` writes a string.

A format that argmap only reads (microtexts) has no ``write_X``/``generate_X``; one it only
writes (GraphML) has no ``read_X``/``parse_X``. Options of a format are keyword-only, and
``write_X`` takes the same ones as ``generate_X``. Functions that take one format name call the
keyword ``format=``; functions that move a map between two files take ``from_format=`` and
``to_format=`` (the names of the command line's ``--from`` and ``--to``).

A path ending in ``.gz`` is read and written gzip-compressed, in the format the rest of its name
gives: ``map.json.gz`` is argmap's JSON.

Examples:
    >>> import tempfile, pathlib
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> _ = m.claim("A")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.yaml.gz"
    >>> write_map(m, path)
    >>> read_map(path) == m
    True
    >>> FORMATS["node-link"].suffixes, FORMATS["node-link"].function("parse")
    (('.nodelink.json', '.node-link.json'), 'argmap.readwrite.node_link_format:parse_node_link')
    >>> guess_format("map.json", b'{"AIF": {"nodes": []}}').name
    'aif'
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

from argmap._io import GZIP_SUFFIX, PathOrFile, read_bytes, source_name
from argmap.errors import FormatError

if TYPE_CHECKING:  # the registry stays light: the command line's --help reads it
    from argmap.model import ArgumentMap

__all__ = [
    "FORMATS",
    "Format",
    "Verb",
    "format_for",
    "generate_map",
    "guess_format",
    "parse_map",
    "read_map",
    "sniff_json",
    "write_map",
]

Verb = Literal["read", "write", "parse", "generate"]
"""The four functions of a format: ``read_X``, ``write_X``, ``parse_X``, ``generate_X``."""

_READ_VERBS: Final = ("read", "parse")


class Format(NamedTuple):
    """A map format: its name, suffixes, how its content is recognised, and its functions.

    The functions are named after the format (``read_node_link`` for ``node-link``) in
    :attr:`module`, which is imported only when one of them is first called: importing the
    registry loads no format's code (nor dataclasses or json: ``argmap convert --help`` lists
    the registry and must start quickly).
    """

    name: str
    """The name ``format=``, ``--from`` and ``--to`` take."""
    suffixes: tuple[str, ...]
    """File suffixes, the preferred one first (the one a folder conversion writes)."""
    description: str
    """A few words for tables and ``--help``."""
    module: str
    """The module that defines the functions."""
    readable: bool = True
    """Whether argmap reads it (it has ``read_X`` and ``parse_X``)."""
    writable: bool = True
    """Whether argmap writes it (it has ``write_X`` and ``generate_X``)."""
    sniff: Callable[[Mapping[str, Any]], bool] | None = None
    """For a JSON format: whether a decoded document's top-level members are this format's."""

    @property
    def verbs(self) -> tuple[Verb, ...]:
        """The functions this format has."""
        verbs: list[Verb] = []
        if self.readable:
            verbs += ["read", "parse"]
        if self.writable:
            verbs += ["write", "generate"]
        return tuple(verbs)

    def function(self, verb: Verb) -> str:
        """The import path (``module:name``) of the format's ``verb`` function."""
        return f"{self.module}:{verb}_{self.name.replace('-', '_')}"

    def load(self, verb: Verb) -> Callable[..., Any]:
        """Import and return the format's ``verb`` function.

        Raises:
            FormatError: The format has no such function (argmap only reads or only writes it).
        """
        _check(self, verb, None)
        module, _, name = self.function(verb).partition(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return found

    def read(self, path_or_file: PathOrFile) -> ArgumentMap:
        """Read a map in this format from a path or an open file."""
        _check(self, "read", path_or_file)
        result: ArgumentMap = self.load("read")(path_or_file)
        return result

    def write(self, m: ArgumentMap, path_or_file: PathOrFile) -> None:
        """Write a map in this format to a path or an open file."""
        _check(self, "write", path_or_file)
        self.load("write")(m, path_or_file)

    def parse(self, text: str, *, origin: str | None = None) -> ArgumentMap:
        """Read a map in this format from a string; ``origin`` names it in errors."""
        _check(self, "parse", origin)
        result: ArgumentMap = self.load("parse")(text, origin=origin)
        return result

    def generate(self, m: ArgumentMap) -> str:
        """Write a map in this format to a string."""
        _check(self, "generate", None)
        result: str = self.load("generate")(m)
        return result


def _check(fmt: Format, verb: Verb, where: Any) -> None:
    if verb not in fmt.verbs:
        can, cannot = ("write", "read") if verb in _READ_VERBS else ("read", "write")
        raise FormatError(
            f"argmap can {can} {fmt.name} but not {cannot} it", file=source_name(where)
        )


# --------------------------------------------------------------------------- sniffing
# The JSON formats share the suffix ``.json``; their top-level members tell them apart. Each
# test is tried in the registry's order (argmap's own first), so a document that could pass two
# goes to the earlier one.
def _first(doc: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        items = doc.get(key)
        if isinstance(items, list) and items:
            return items[0]
    return None


def _is_native(doc: Mapping[str, Any]) -> bool:
    return "schema_version" in doc and not {"nodes", "AIF"} & set(doc)


def _is_aif(doc: Mapping[str, Any]) -> bool:
    if "AIF" in doc or "locutions" in doc or "participants" in doc:
        return True
    node, edge = _first(doc, "nodes"), _first(doc, "edges", "links")
    return (isinstance(node, Mapping) and "nodeID" in node) or (
        isinstance(edge, Mapping) and "fromID" in edge
    )


def _is_sadface(doc: Mapping[str, Any]) -> bool:
    node, edge = _first(doc, "nodes"), _first(doc, "edges", "links")
    if isinstance(edge, Mapping) and "source_id" in edge:
        return True
    if isinstance(node, Mapping) and node.get("type") in ("atom", "scheme"):
        return True
    metadata = doc.get("metadata")
    return isinstance(metadata, Mapping) and "core" in metadata


def _is_node_link(doc: Mapping[str, Any]) -> bool:
    if "directed" in doc or "multigraph" in doc or "links" in doc:
        return True
    node, edge = _first(doc, "nodes"), _first(doc, "edges")
    return (isinstance(edge, Mapping) and {"source", "target"} <= set(edge)) or (
        isinstance(node, Mapping) and "id" in node
    )


_RW = "argmap.readwrite"
FORMATS: Final[dict[str, Format]] = {
    f.name: f
    for f in (
        Format("json", (".json",), "argmap's own JSON", f"{_RW}.native", sniff=_is_native),
        Format("yaml", (".yaml", ".yml"), "argmap's own YAML", f"{_RW}.native"),
        Format(
            "argdown",
            (".argdown", ".ad"),
            "Argdown text (argdown.org), as Argdown 1.7.5 reads it",
            f"{_RW}.argdown",
        ),
        Format(
            "aif",
            (".aif.json", ".xaif.json", ".aif"),
            "AIF JSON (AIFdb, OVA) and xAIF (read)",
            f"{_RW}.aif_format",
            sniff=_is_aif,
        ),
        Format(
            "sadface",
            (".sadface.json", ".sadface"),
            "SADFace JSON",
            f"{_RW}.sadface_format",
            sniff=_is_sadface,
        ),
        Format(
            "node-link",
            (".nodelink.json", ".node-link.json"),
            "networkx node-link JSON",
            f"{_RW}.node_link_format",
            sniff=_is_node_link,
        ),
        Format(
            "microtext",
            (".arggraph.xml", ".xml"),
            "argumentative microtexts (arggraph XML)",
            f"{_RW}.microtext_format",
            writable=False,
        ),
        Format(
            "graphml",
            (".graphml",),
            "GraphML with yEd graphics",
            f"{_RW}.graphml_format",
            readable=False,
        ),
    )
}
"""Map formats by name, in the order documents are sniffed and tables list them."""


def sniff_json(doc: Any) -> str | None:
    """Name the format of a decoded JSON document from its top-level members, or None.

    Examples:
        >>> sniff_json({"AIF": {"nodes": []}, "text": ""})
        'aif'
        >>> sniff_json({"nodes": [{"id": "a", "type": "atom", "text": "x"}], "edges": []})
        'sadface'
        >>> sniff_json({"directed": True, "nodes": [], "links": []})
        'node-link'
        >>> sniff_json({"schema_version": 1, "statements": []}), sniff_json([1])
        ('json', None)
    """
    if not isinstance(doc, Mapping):
        return None
    return next((f.name for f in FORMATS.values() if f.sniff is not None and f.sniff(doc)), None)


def _named(format: str) -> Format:
    try:
        return FORMATS[format]
    except KeyError:
        raise FormatError(
            f"unknown format {format!r}; expected one of {', '.join(sorted(FORMATS))}"
        ) from None


def format_for(path: str | os.PathLike[str], format: str | None = None) -> Format:
    """Return the format named ``format``, or the one the file's suffix implies.

    The longest suffix a format claims wins, so that ``nodes.aif.json`` is AIF and ``map.json``
    argmap's; a final ``.gz`` is set aside first.

    Raises:
        FormatError: An unknown format name or suffix.

    Examples:
        >>> format_for("map.yml").name, format_for("map.json.gz").name
        ('yaml', 'json')
        >>> format_for("debate.aif.json").name, format_for("map.json").name
        ('aif', 'json')
    """
    if format is not None:
        return _named(format)
    from pathlib import Path  # here: the command line's --help imports this module

    name_lower = Path(path).name.lower()
    name_lower = name_lower.removesuffix(GZIP_SUFFIX)
    best: tuple[int, Format] | None = None
    for fmt in FORMATS.values():
        for candidate in fmt.suffixes:
            if name_lower.endswith(candidate) and (best is None or len(candidate) > best[0]):
                best = (len(candidate), fmt)
    if best is not None:
        return best[1]
    suffix = Path(name_lower).suffix
    known = sorted(s for f in FORMATS.values() for s in f.suffixes)
    raise FormatError(
        f"cannot tell the format from the suffix {suffix or '(none)'!r}; expected one of "
        f"{', '.join(known)} (each may end in {GZIP_SUFFIX}) or an explicit format",
        file=os.fspath(path),
    )


def guess_format(
    path: str | os.PathLike[str], content: str | bytes | None = None, *, format: str | None = None
) -> Format:
    """Return the format named ``format``, else the suffix's, looking into plain JSON.

    A plain ``.json`` file may hold argmap's JSON, AIF, SADFace or node-link data: its decoded
    top-level members tell them apart (:func:`sniff_json`). ``content`` is the file's content
    when the caller has it already; otherwise an existing file is read.

    Raises:
        FormatError: An unknown format name or suffix.
    """
    fmt = format_for(path, format)
    if format is not None or fmt.name != "json":
        return fmt
    if content is None:
        from pathlib import Path

        if not Path(path).is_file():
            return fmt
        try:
            content = read_bytes(path)
        except FormatError:
            return fmt  # the reader reports what is wrong
    import json

    try:
        doc = json.loads(content)
    except (ValueError, RecursionError):
        return fmt  # let the reader report what is wrong, with its line and column
    found = sniff_json(doc)
    return FORMATS[found] if found is not None else fmt


def read_map(path_or_file: PathOrFile, *, format: str | None = None) -> ArgumentMap:
    """Read a map from a path or an open file, in the format ``format`` names, else its suffix's.

    A plain ``.json`` file is looked into (see :func:`guess_format`); so is an open file whose
    name has no known suffix, such as standard input, which is otherwise argmap's JSON.

    Raises:
        FormatError: An unknown format, or content that is not valid in it.

    Examples:
        >>> import io
        >>> read_map(io.BytesIO(b'{"schema_version": 1, "title": "T"}')).title
        'T'
    """
    if isinstance(path_or_file, str | os.PathLike):
        return guess_format(path_or_file, format=format).read(path_or_file)
    name = source_name(path_or_file)
    raw = read_bytes(path_or_file)
    # The reader gets the content back as a file of the same kind: it decodes bytes itself
    # (XML, for one, may declare its own encoding).
    again: io.StringIO | io.BytesIO = io.StringIO(raw) if isinstance(raw, str) else io.BytesIO(raw)
    again.name = name  # the readers name their input after it
    fmt: Format | None = None
    if format is not None:
        fmt = _named(format)
    elif name is not None:
        try:
            fmt = guess_format(name, raw)
        except FormatError:
            fmt = None  # a name such as "<stdin>": the content decides
    if fmt is None:
        fmt = guess_format("-.json", raw)
    return fmt.read(again)


def write_map(m: ArgumentMap, path_or_file: PathOrFile, *, format: str | None = None) -> None:
    """Write a map to a path or an open file, in the format ``format`` names, else its suffix's.

    Raises:
        FormatError: An unknown format or suffix, or a format argmap does not write.
    """
    name = source_name(path_or_file)
    if format is None and name is None:
        raise FormatError("an open file without a name needs format=")
    format_for(name or "", format).write(m, path_or_file)


def parse_map(text: str, *, format: str, origin: str | None = None) -> ArgumentMap:
    """Read a map from a string in the format named ``format``.

    Examples:
        >>> parse_map("title: T\\n", format="yaml").title
        'T'
    """
    return _named(format).parse(text, origin=origin)


def generate_map(m: ArgumentMap, *, format: str) -> str:
    """Write a map to a string in the format named ``format``.

    Examples:
        >>> from argmap import ArgumentMap
        >>> print(generate_map(ArgumentMap(title="T"), format="argdown").splitlines()[0])
        ===
    """
    return _named(format).generate(m)
