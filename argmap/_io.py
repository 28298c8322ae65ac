"""File plumbing shared by the readers, writers and renderers: paths or open files, atomic writes.

A write never leaves a half-written file: the content goes to a temporary file in the target's
folder, which is then renamed over the target (atomic on POSIX and Windows).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

__all__ = ["PathOrFile", "atomic_write", "read_text", "source_name"]

PathOrFile = str | os.PathLike[str] | IO[str] | IO[bytes]


def source_name(path_or_file: Any) -> str | None:
    """Return a printable name for a path or an open file (``None`` when it has none)."""
    if isinstance(path_or_file, str | os.PathLike):
        return os.fspath(path_or_file)
    name = getattr(path_or_file, "name", None)
    return name if isinstance(name, str) else None


def read_text(path_or_file: PathOrFile, *, encoding: str = "utf-8") -> tuple[str, str | None]:
    """Read all text from a path or an open file; return it with the source's name.

    Raises:
        FormatError: The file cannot be opened or is not valid text in ``encoding``.
    """
    from argmap.errors import FormatError

    name = source_name(path_or_file)
    try:
        if isinstance(path_or_file, str | os.PathLike):
            data: str | bytes = Path(path_or_file).read_bytes()
        else:
            data = path_or_file.read()
        if isinstance(data, bytes):
            data = data.decode(encoding)
    except FileNotFoundError:
        raise FormatError("no such file", file=name) from None
    except IsADirectoryError:
        raise FormatError("is a folder, expected a file", file=name) from None
    except PermissionError:
        raise FormatError("permission denied", file=name) from None
    except UnicodeDecodeError as err:
        raise FormatError(
            f"not valid {encoding} text (byte {err.start}): expected {encoding}", file=name
        ) from None
    return data, name


def atomic_write(path_or_file: PathOrFile, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to a path atomically, or to an open file as it is.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> atomic_write(target, "hello")
        >>> target.read_text()
        'hello'
    """
    if not isinstance(path_or_file, str | os.PathLike):
        stream: Any = path_or_file
        if isinstance(data, str) and "b" in getattr(stream, "mode", ""):
            data = data.encode(encoding)
        stream.write(data)
        return
    target = Path(path_or_file)
    raw = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
