"""Reading inputs (files, directories, JSONL, stdin) and writing outputs atomically."""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsclean._unicode import without_lone_surrogates
from newsclean.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "InputItem", "atomic_write_text", "atomic_writer", "iter_inputs", "json_line"]

_TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".gz"}


@dataclass(frozen=True)
class InputItem:
    """One document to process, or the reason it could not be read (``error``).

    ``fields`` holds every field of a JSONL record (``text``/``html`` included), so that
    outputs can pass them through untouched; it is empty for files.
    """

    id: str
    source: str | bytes
    error: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)


# Past this size a "document" is not an article (a dump, a log, a decompression bomb):
# it is refused with a reason instead of tying up a worker for a minute and gigabytes
# (a 50 MB text took 61 s and 1.44 GB). Readers stop reading at the limit, so a 2 MB
# .gz that inflates to 2 GiB costs 5 MB of memory, not 4 GB.
DEFAULT_MAX_BYTES = 5_000_000


def iter_inputs(paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """Yield documents from files, directories (recursively, sorted), JSONL and ``-`` (stdin).

    A JSONL line needs a ``text`` or ``html`` field (``id`` optional). Unreadable files,
    bad lines and documents over ``max_bytes`` come back as items with an ``error``,
    never as an exception. Every path is checked before the first document is read, so
    a typo fails at once instead of after hours of work.
    """
    if max_bytes < 1:
        raise InputError(f"max_bytes must be >= 1, got {max_bytes}")
    missing = [raw for raw in paths if raw != "-" and not Path(raw).exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}")
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputItem("stdin", b"", f"standard input is over max_bytes={max_bytes}")
            else:
                yield InputItem("stdin", data)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
            if not files:
                raise InputError(f"{raw} holds no readable files ({', '.join(sorted(_TEXT_SUFFIXES))}, .jsonl)")
            for file in files:
                yield from _read_file(file, max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _wanted(path: Path) -> bool:
    return not path.name.startswith(".") and (path.suffix.lower() in _TEXT_SUFFIXES or path.suffix.lower() == ".jsonl")


def _open(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # GzipFile is a binary IO
    return path.open("rb")


def _read_file(path: Path, max_bytes: int) -> Iterator[InputItem]:
    name = path.name[:-3] if path.suffix.lower() == ".gz" else path.name
    try:
        with _open(path) as handle:
            if name.lower().endswith(".jsonl"):
                yield from _read_jsonl(path, handle, max_bytes)
                return
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputItem(str(path), b"", f"cannot read {path}: {exc}")
        return
    if len(data) > max_bytes:
        yield InputItem(str(path), b"", f"{path} is over max_bytes={max_bytes} (decompressed); not read further")
    elif _looks_binary(data):
        yield InputItem(str(path), b"", f"{path} is binary (NUL bytes or an executable/archive header), not text")
    else:
        yield InputItem(str(path), data)


# Magic numbers of files that are never text: ELF, PE, Mach-O, zip, PDF, PNG, JPEG, GIF, gzip.
_BINARY_MAGIC = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa", b"PK\x03\x04", b"%PDF",
                 b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes in the head (text in UTF-16/32 starts with a BOM) or a binary file's magic."""
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


def _read_jsonl(path: Path, handle: IO[bytes], max_bytes: int) -> Iterator[InputItem]:
    lineno = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        fallback_id = f"{path}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = handle.readline(max_bytes + 1)
            yield InputItem(fallback_id, b"", f"line {lineno} is over max_bytes={max_bytes}")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputItem(fallback_id, b"", f"line {lineno} is not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield InputItem(fallback_id, b"", f"line {lineno} is not a JSON object")
            continue
        body = record.get("html", record.get("text"))
        doc_id = without_lone_surrogates(str(record.get("id", fallback_id)))
        if not isinstance(body, str):
            yield InputItem(doc_id, b"", f"line {lineno} has no 'text' or 'html' string field", record)
            continue
        yield InputItem(doc_id, body, "", record)


# Characters that str.splitlines() and some JSONL readers take for line ends; JSON
# allows them raw, so a record holding one split into two lines for such readers.
_LINE_BREAKING = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: Mapping[str, Any]) -> str:
    """One JSONL line: UTF-8 text as is, but no lone surrogate (U+FFFD instead) and no
    character any reader could take for a line end inside the record.

    >>> json_line({"text": "a\u2028b"})
    '{"text": "a\\\\u2028b"}\\n'
    """
    return without_lone_surrogates(json.dumps(record, ensure_ascii=False)).translate(_LINE_BREAKING) + "\n"


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file: 0o666 less the umask.

    ``tempfile.mkstemp`` creates files 0600, and ``os.replace`` keeps that mode: the
    outputs and index files were unreadable to the group that should share them.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.newsclean-tmp."


def _remove_stale_temps(path: Path) -> None:
    """Temporary files that a killed run left beside ``path`` (their writer is gone)."""
    prefix = _temp_prefix(path)
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for candidate in candidates:
        pid_text = candidate.name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            candidate.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class atomic_writer:
    """``with atomic_writer(path) as f:`` writes to a temporary file, renamed on success.

    A crash or an exception leaves the previous file (or none) in place, never half a file.
    The temporary file is named after the writing process, so the next writer removes
    what a killed one left behind. The file gets the umask's mode, like ``open()``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._tmp = ""
        self._handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(self.path)
        fd, self._tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(self.path)}{os.getpid()}.", dir=self.path.parent)
        os.chmod(fd, _file_mode())
        self._handle = os.fdopen(fd, "w", encoding="utf-8")
        return self._handle

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self._handle is not None
        if exc_type is None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            Path(self._tmp).unlink(missing_ok=True)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through :class:`atomic_writer`."""
    with atomic_writer(path) as handle:
        handle.write(text)
