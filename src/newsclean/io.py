"""Reading inputs (files, directories, JSONL, stdin) and writing outputs atomically."""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsclean.errors import InputError

__all__ = ["InputItem", "atomic_writer", "iter_inputs"]

_TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".gz"}


@dataclass(frozen=True)
class InputItem:
    """One document to process, or the reason it could not be read (``error``)."""

    id: str
    source: str | bytes
    error: str = ""


def iter_inputs(paths: list[str]) -> Iterator[InputItem]:
    """Yield documents from files, directories (recursively, sorted), JSONL and ``-`` (stdin).

    A JSONL line needs a ``text`` or ``html`` field (``id`` optional). Unreadable files
    and bad lines come back as items with an ``error``, never as an exception.
    """
    for raw in paths:
        if raw == "-":
            yield InputItem("stdin", sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
            for file in files:
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            raise InputError(f"no such file or directory: {raw}")


def _wanted(path: Path) -> bool:
    return not path.name.startswith(".") and (path.suffix.lower() in _TEXT_SUFFIXES or path.suffix.lower() == ".jsonl")


def _read_file(path: Path) -> Iterator[InputItem]:
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputItem(str(path), b"", f"cannot read {path}: {exc}")
        return
    name = path.name[:-3] if path.suffix.lower() == ".gz" else path.name
    if name.lower().endswith(".jsonl"):
        yield from _read_jsonl(path, data)
    else:
        yield InputItem(str(path), data)


def _read_jsonl(path: Path, data: bytes) -> Iterator[InputItem]:
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        fallback_id = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputItem(fallback_id, b"", f"line {lineno} is not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield InputItem(fallback_id, b"", f"line {lineno} is not a JSON object")
            continue
        body = record.get("html", record.get("text"))
        doc_id = str(record.get("id", fallback_id))
        if not isinstance(body, str):
            yield InputItem(doc_id, b"", f"line {lineno} has no 'text' or 'html' string field")
            continue
        yield InputItem(doc_id, body)


class atomic_writer:
    """``with atomic_writer(path) as f:`` writes to a temporary file, renamed on success.

    A crash or an exception leaves the previous file (or none) in place, never half a file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._tmp = ""
        self._handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self._handle = os.fdopen(fd, "w", encoding="utf-8")
        return self._handle

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self._handle is not None
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            Path(self._tmp).unlink(missing_ok=True)
