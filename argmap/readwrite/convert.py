"""Converting maps between formats, one file or a whole folder, as ``argmap convert`` does.

The input format comes from ``from_format`` or from the file's suffix (the longest one a format
claims: ``debate.aif.json`` is AIF). A plain ``.json`` file is looked into, because AIF, xAIF,
SADFace, node-link and argmap's own JSON all use that suffix:
:func:`argmap.readwrite.guess_format` tells them apart by their top-level members. The output
format comes from ``to_format`` or the output's suffix. Writes are atomic: a failed conversion
leaves no output file. With two files and two formats, the keywords are ``from_format`` and
``to_format``, as the command line's ``--from`` and ``--to``; functions of one file take
``format``.

Converting a folder converts every file in it (not in its subfolders) whose format argmap reads,
into ``outdir/<name><suffix of the output format>``; a file that fails is reported and the others
go on.

Examples:
    >>> import tempfile, pathlib
    >>> from argmap import ArgumentMap, write_json
    >>> from argmap.readwrite import guess_format
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> m = ArgumentMap(title="Demo")
    >>> _ = m.rebut(m.claim("The gang was defeated"), m.claim("The gang grew"))
    >>> write_json(m, folder / "demo.json")
    >>> out = convert(folder / "demo.json", folder / "demo.aif.json")
    >>> guess_format(folder / "demo.aif.json").name, out == m
    ('aif', True)
    >>> (folder / "broken.json").write_text("{")
    1
    >>> report = convert_folder(folder, folder / "out", to_format="sadface")
    >>> [(r.source.name, r.target and r.target.name) for r in report]
    [('broken.json', None), ('demo.aif.json', 'demo.sadface.json'), ('demo.json', None)]
    >>> report[0].error.split("broken.json:")[1]
    '1:2: invalid JSON: Expecting property name enclosed in double quotes'
    >>> report[2].error.startswith("would overwrite"), report[2].error.endswith("demo.aif.json")
    (True, True)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError, FormatError
from argmap.model import ArgumentMap
from argmap.readwrite import Format, format_for, guess_format

__all__ = ["Conversion", "convert", "convert_folder"]


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    from_format: str | None = None,
    to_format: str | None = None,
) -> ArgumentMap:
    """Read ``source`` and write it to ``target``; return the map.

    Args:
        source: The input file.
        target: The output file (written atomically).
        from_format: The input's format name; guessed from the suffix and content when None.
        to_format: The output's format name; taken from the target's suffix when None.

    Raises:
        FormatError: An unknown or unreadable input, an unknown output format, or a format that
            cannot be read or written.
    """
    fmt_in = guess_format(source, format=from_format)
    fmt_out = format_for(target, to_format)
    if not fmt_in.readable:
        raise FormatError(f"argmap can write {fmt_in.name} but not read it", file=os.fspath(source))
    if not fmt_out.writable:
        raise FormatError(
            f"argmap can read {fmt_out.name} but not write it", file=os.fspath(target)
        )
    m = fmt_in.read(source)
    fmt_out.write(m, target)
    return m


@dataclass(frozen=True)
class Conversion:
    """The outcome of converting one file of a folder."""

    source: Path
    """The input file."""
    target: Path | None
    """The file written, or None when the conversion failed."""
    error: str | None = None
    """Why it failed, naming the file and the place."""


def _stem(path: Path, fmt: Format) -> str:
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    lowered = name.lower()
    for suffix in sorted(fmt.suffixes, key=len, reverse=True):
        if lowered.endswith(suffix):
            return name[: len(name) - len(suffix)]
    return Path(name).stem


def convert_folder(
    folder: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    *,
    from_format: str | None = None,
    to_format: str = "json",
) -> list[Conversion]:
    """Convert every file of ``folder`` that argmap reads into ``outdir``; go on after failures.

    Files whose suffix no readable format claims are skipped (they are not in the report);
    with ``from_format`` every file is read in that format. Subfolders and hidden files are
    skipped. Two inputs that would write the same output file make the second a failure.

    Args:
        folder: The folder to read.
        outdir: Where to write; created when missing.
        from_format: The format of every input; guessed per file when None.
        to_format: The output format's name (argmap's JSON by default).

    Returns:
        One :class:`Conversion` per file tried, in name order.

    Raises:
        FormatError: ``folder`` is not a folder, ``outdir`` is a file, or a format is unknown or
            cannot be written.
    """
    src = Path(folder)
    if not src.is_dir():
        raise FormatError("is not a folder; expected a folder of maps", file=os.fspath(src))
    fmt_out = format_for("x", to_format)
    if not fmt_out.writable:
        raise FormatError(f"argmap can read {fmt_out.name} but not write it")
    if from_format is not None:
        format_for("x", from_format)  # an unknown name raises here, before any work
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise FormatError("is a file; expected a folder to write into", file=os.fspath(out))
    out.mkdir(parents=True, exist_ok=True)
    suffix = fmt_out.suffixes[0]
    report: list[Conversion] = []
    written: dict[Path, Path] = {}
    for path in sorted(src.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            fmt_in = guess_format(path, format=from_format)
        except FormatError:
            continue  # not a format argmap knows: not this command's business
        if not fmt_in.readable:
            continue
        target = out / (_stem(path, fmt_in) + suffix)
        if target in written:
            error = f"would overwrite {target}, written from {written[target].name}"
            report.append(Conversion(path, None, error))
            continue
        try:
            m = fmt_in.read(path)
            fmt_out.write(m, target)
        except ArgmapError as err:
            report.append(Conversion(path, None, str(err)))
            continue
        except OSError as err:
            report.append(Conversion(path, None, f"{path}: {err.strerror or err}"))
            continue
        written[target] = path
        report.append(Conversion(path, target))
    return report
