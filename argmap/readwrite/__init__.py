"""Reading and writing maps: argmap's own JSON and YAML, and the formats of other tools.

Every format follows networkx's pattern: ``read_X(path_or_file)`` and ``write_X(m, path_or_file)``
take a path or an open file; ``parse_X``/``from_X`` and ``generate_X``/``to_X`` work on strings.
:func:`read_map` and :func:`write_map` pick the format from the file's suffix.

Examples:
    >>> import tempfile, pathlib
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> _ = m.claim("A")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.yaml"
    >>> write_map(m, path)
    >>> read_map(path) == m
    True
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap._io import PathOrFile, source_name
from argmap.errors import FormatError
from argmap.model import ArgumentMap

__all__ = ["FORMATS", "Format", "format_for", "read_map", "write_map"]


@dataclass(frozen=True)
class Format:
    """A file format argmap reads or writes: its name, suffixes and functions (as import paths)."""

    name: str
    suffixes: tuple[str, ...]
    reader: str | None
    writer: str | None
    description: str

    def read(self, path_or_file: PathOrFile) -> ArgumentMap:
        """Read a map in this format."""
        if self.reader is None:
            raise FormatError(
                f"argmap can write {self.name} but not read it", file=source_name(path_or_file)
            )
        result: ArgumentMap = _load(self.reader)(path_or_file)
        return result

    def write(self, m: ArgumentMap, path_or_file: PathOrFile) -> None:
        """Write a map in this format."""
        if self.writer is None:
            raise FormatError(
                f"argmap can read {self.name} but not write it", file=source_name(path_or_file)
            )
        _load(self.writer)(m, path_or_file)


def _load(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


FORMATS: dict[str, Format] = {
    "aif": Format(
        "aif",
        (".aif.json", ".xaif.json", ".aif"),
        "argmap.readwrite.aif_format:read_aif",
        "argmap.readwrite.aif_format:write_aif",
        "AIF JSON (AIFdb, OVA) and xAIF (read)",
    ),
    "sadface": Format(
        "sadface",
        (".sadface.json", ".sadface"),
        "argmap.readwrite.sadface_format:read_sadface",
        "argmap.readwrite.sadface_format:write_sadface",
        "SADFace JSON",
    ),
    "microtext": Format(
        "microtext",
        (".arggraph.xml", ".xml"),
        "argmap.readwrite.microtext_format:read_microtext",
        None,
        "argumentative microtexts (arggraph XML)",
    ),
    "graphml": Format(
        "graphml",
        (".graphml",),
        None,
        "argmap.readwrite.graphml_format:write_graphml",
        "GraphML with yEd graphics",
    ),
    "node-link": Format(
        "node-link",
        (".nodelink.json", ".node-link.json"),
        "argmap.readwrite.node_link_format:read_node_link",
        "argmap.readwrite.node_link_format:write_node_link",
        "networkx node-link JSON",
    ),
    "json": Format(
        "json",
        (".json",),
        "argmap.readwrite.native:read_json",
        "argmap.readwrite.native:write_json",
        "argmap's own JSON",
    ),
    "yaml": Format(
        "yaml",
        (".yaml", ".yml"),
        "argmap.readwrite.native:read_yaml",
        "argmap.readwrite.native:write_yaml",
        "argmap's own YAML",
    ),
    "argdown": Format(
        "argdown",
        (".argdown", ".ad"),
        "argmap.readwrite.argdown:read_argdown",
        "argmap.readwrite.argdown:write_argdown",
        "Argdown text (argdown.org), as Argdown 1.7.5 reads it",
    ),
}
"""Formats by name. Other modules of this package add theirs here."""


def format_for(path: str | os.PathLike[str], name: str | None = None) -> Format:
    """Return the format named ``name``, or the one the file's suffix implies.

    Raises:
        FormatError: An unknown format name or suffix.

    Examples:
        >>> format_for("map.yml").name
        'yaml'
        >>> format_for("debate.aif.json").name, format_for("map.json").name
        ('aif', 'json')
    """
    if name is not None:
        try:
            return FORMATS[name]
        except KeyError:
            raise FormatError(
                f"unknown format {name!r}; expected one of {', '.join(sorted(FORMATS))}"
            ) from None
    # The longest matching suffix wins, so that "nodes.aif.json" is AIF and "map.json" is argmap's.
    name_lower = Path(path).name.lower()
    best: tuple[int, Format] | None = None
    for fmt in FORMATS.values():
        for candidate in fmt.suffixes:
            if name_lower.endswith(candidate) and (best is None or len(candidate) > best[0]):
                best = (len(candidate), fmt)
    if best is not None:
        return best[1]
    suffix = Path(path).suffix.lower()
    known = sorted(s for f in FORMATS.values() for s in f.suffixes)
    raise FormatError(
        f"cannot tell the format from the suffix {suffix or '(none)'!r}; expected one of "
        f"{', '.join(known)} or an explicit format",
        file=os.fspath(path),
    )


def read_map(path: str | os.PathLike[str], *, format: str | None = None) -> ArgumentMap:
    """Read a map from a file, in the format ``format`` names, else the one its suffix names.

    A plain ``.json`` file may hold argmap's JSON, AIF, SADFace or node-link data; its content
    tells them apart (see :func:`argmap.readwrite.convert.guess_format`).
    """
    from argmap.readwrite.convert import guess_format  # convert imports this module

    return guess_format(path, format).read(path)


def write_map(m: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a map to a file, in the format its suffix names unless ``format`` is given."""
    format_for(path, format).write(m, path)
