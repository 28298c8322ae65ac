"""File plumbing shared by the readers, writers and renderers: paths or open files, atomic writes.

A write never leaves a half-written file: the content goes to a temporary file in the target's
folder, which is then renamed over the target (atomic on POSIX and Windows). A path ending in
``.gz`` is read and written gzip-compressed. An open file may be text or binary: a binary one
reads and gets UTF-8.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pathlib is imported where it is used: --help imports this module
    from pathlib import Path

__all__ = ["GZIP_SUFFIX", "PathOrFile", "atomic_write", "read_bytes", "read_text", "source_name"]

GZIP_SUFFIX = ".gz"
"""A path with this suffix is compressed; the rest of its name gives the format."""
_GZIP_MAGIC = b"\x1f\x8b"

PathOrFile = str | os.PathLike[str] | IO[str] | IO[bytes]


def source_name(path_or_file: Any) -> str | None:
    """Return a printable name for a path or an open file (``None`` when it has none)."""
    if isinstance(path_or_file, str | os.PathLike):
        return os.fspath(path_or_file)
    name = getattr(path_or_file, "name", None)
    return name if isinstance(name, str) else None


def _is_gzip_path(path_or_file: Any) -> bool:
    return isinstance(path_or_file, str | os.PathLike) and os.fspath(path_or_file).lower().endswith(
        GZIP_SUFFIX
    )


def read_bytes(path_or_file: PathOrFile) -> str | bytes:
    """Read everything from a path (decompressed when it ends in ``.gz``) or an open file.

    An open binary file that holds gzip data is decompressed too.

    Raises:
        FormatError: The file cannot be opened, or is not valid gzip data.

    Examples:
        >>> import io
        >>> read_bytes(io.BytesIO(b"abc"))
        b'abc'
    """
    import gzip  # here, not at the top: the command line's --help imports this module
    import zlib

    from argmap.errors import FormatError

    name = source_name(path_or_file)
    try:
        if not isinstance(path_or_file, str | os.PathLike):
            data: str | bytes = path_or_file.read()
            # An open binary file of gzip data (a .gz file opened as it is) reads decompressed:
            # no UTF-8 text starts with these two bytes, so nothing else is mistaken for it.
            if isinstance(data, bytes) and data[:2] == _GZIP_MAGIC:
                return gzip.decompress(data)
            return data
        from pathlib import Path  # here: the command line's --help imports this module

        data = Path(path_or_file).read_bytes()
        return gzip.decompress(data) if _is_gzip_path(path_or_file) else data
    except FileNotFoundError:
        raise FormatError("no such file", file=name) from None
    except IsADirectoryError:
        raise FormatError("is a folder, expected a file", file=name) from None
    except PermissionError:
        raise FormatError("permission denied", file=name) from None
    except (gzip.BadGzipFile, EOFError, zlib.error):
        raise FormatError("not valid gzip data: expected a compressed file", file=name) from None


def read_text(path_or_file: PathOrFile, *, encoding: str = "utf-8") -> tuple[str, str | None]:
    """Read all text from a path or an open file; return it with the source's name.

    Raises:
        FormatError: The file cannot be opened or is not valid text in ``encoding``.
    """
    from argmap.errors import FormatError

    name = source_name(path_or_file)
    data = read_bytes(path_or_file)
    try:
        if isinstance(data, bytes):
            data = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise FormatError(
            f"not valid {encoding} text (byte {err.start}): expected {encoding}", file=name
        ) from None
    return data, name


def atomic_write(path_or_file: PathOrFile, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to a path atomically (compressed when it ends in ``.gz``), or to an open file.

    An open text file gets text, an open binary file bytes (text encoded in ``encoding``).

    Examples:
        >>> import io, tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> atomic_write(target, "hello")
        >>> target.read_text()
        'hello'
        >>> sink = io.BytesIO()
        >>> atomic_write(sink, "h\u00e9")
        >>> sink.getvalue()
        b'h\xc3\xa9'
    """
    if not isinstance(path_or_file, str | os.PathLike):
        stream: Any = path_or_file
        if _is_binary(stream):
            stream.write(data.encode(encoding) if isinstance(data, str) else data)
        else:
            stream.write(data.decode(encoding) if isinstance(data, bytes) else data)
        return
    from pathlib import Path

    target = Path(path_or_file)
    raw = data.encode(encoding) if isinstance(data, str) else data
    if _is_gzip_path(target):
        import gzip

        # mtime=0: the same map gives the same bytes, so a diff or a checksum sees no change.
        raw = gzip.compress(raw, mtime=0)
    fd, tmp = _new_temp_file(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        # An existing file keeps its permissions; a new one has what the kernel gave the
        # temporary file: 0o666 less the umask (or the folder's default ACL).
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).chmod(stat.S_IMODE(target.stat().st_mode))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_binary(stream: Any) -> bool:
    """Whether an open file takes bytes: a text file takes str, anything else bytes."""
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        return True
    # Another object (a hand-made sink) says what it takes by its mode, as open() files do.
    mode = getattr(stream, "mode", "")
    return isinstance(mode, str) and "b" in mode


def _new_temp_file(target: Path) -> tuple[int, str]:
    """Create a fresh hidden file beside ``target``, opened for writing; return it and its path.

    ``tempfile.mkstemp`` creates its file 0o600, and learning the umask to widen that means
    setting it (``os.umask`` has no read-only form), which races with every other thread that
    creates a file. ``os.open`` with 0o666 lets the kernel apply the umask instead.
    """
    import secrets

    folder = target.parent  # "." for a bare file name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    attempts = 100
    while True:
        tmp = os.fspath(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            attempts -= 1
            if not attempts:
                raise  # a hundredth clash is no longer chance: the system's error says why
            # another writer drew the same name: draw again
