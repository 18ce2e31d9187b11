"""Reading inputs (files, directories, JSONL, stdin) and writing outputs atomically."""

from __future__ import annotations

import base64
import codecs
import contextlib
import csv
import dataclasses
import datetime as _dt
import decimal
import gzip
import io
import json
import math
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsclean._unicode import without_lone_surrogates
from newsclean.decode import binary_kind, decode_bytes
from newsclean.errors import InputError

__all__ = ["DEFAULT_FIELDS", "DEFAULT_MAX_BYTES", "MANIFEST_NAME", "InputItem", "InputProgress", "ParquetLayout",
           "RecordFields", "RecordWriter", "ShardedWriter", "atomic_write_text", "atomic_writer", "iter_inputs",
           "json_line", "read_spill_line", "spill_line"]

_TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md")


@dataclass(frozen=True)
class InputItem:
    """One document to process, or the reason it could not be read (``error``).

    ``fields`` holds every field of a JSONL record (``text``/``html`` included), so that
    outputs can pass them through untouched; it is empty for files. ``consumed`` names the
    fields read as the document (the record's text and HTML fields, as configured): the
    cleaned text takes their place in the output, and every other field passes through. A
    record that could not be read consumed none (its bad text field shows in its error
    record), unless it was refused for its size. ``note`` says how a record was read where
    its format was not kept (a JSONL line that is not UTF-8), for the document's meta.
    """

    id: str
    source: str | bytes
    error: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)
    consumed: tuple[str, ...] = ()
    note: str = ""


# Past this size a "document" is not an article (a dump, a log, a decompression bomb):
# it is refused with a reason instead of tying up a worker for a minute and gigabytes
# (a 50 MB text took 61 s and 1.44 GB). Readers stop reading at the limit, so a 2 MB
# .gz that inflates to 2 GiB costs 5 MB of memory, not 4 GB.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a record (JSONL, JSON, Parquet) hold the id, the text and the HTML."""

    text: str = "text"
    html: str = "html"
    id: str = "id"


DEFAULT_FIELDS = RecordFields()
# Suffixes read as records, one document per record, after any compression suffix.
_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet", ".csv", ".tsv")
_COMPRESSION_SUFFIXES = (".gz", ".zst")


class InputProgress:
    """How far :func:`iter_inputs` has read its inputs: what a progress line with a total
    and an ETA needs on a corpus of any size.

    ``total`` is the size of the input files on disk, in bytes, once the first document
    has been asked for; None while unknown, and for standard input (its size is
    unknown). ``done()`` is the bytes read so far: the files finished, plus the place in
    the file being read (a compressed file by its compressed bytes, Parquet by its rows).
    A batch engine reads a bounded amount ahead of the work, so ``done`` leads the
    documents finished by that much.

    >>> progress = InputProgress()
    >>> progress.total, progress.done()
    (None, 0)
    """

    def __init__(self) -> None:
        self.total: int | None = None
        self._finished = 0
        self._position: Callable[[], int] | None = None

    def done(self) -> int:
        where = 0
        if self._position is not None:
            try:
                where = self._position()
            except (OSError, ValueError):  # the file was closed in between
                where = 0
        return self._finished + where

    def _start(self, position: Callable[[], int]) -> None:
        self._position = position

    def _finish(self, size: int) -> None:
        self._position = None
        self._finished += size


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _disk_position(handle: Any) -> int:
    """Where reading ``handle`` has got to in the file on disk: a gzip file's compressed
    file, the raw file under our zstd reader, or the file itself."""
    inner = getattr(getattr(handle, "raw", None), "_raw", None)  # BufferedReader(_Decompressing)
    return int((inner or handle).tell())


def iter_inputs(paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                fields: RecordFields = DEFAULT_FIELDS, progress: InputProgress | None = None) -> Iterator[InputItem]:
    """Yield documents from files, directories (recursively, sorted), records and ``-`` (stdin).

    Files are text or HTML (``.txt``, ``.html``...), or records: JSONL (``.jsonl``,
    ``.ndjson``), JSON (an array of records, or JSONL under a ``.json`` name), Parquet,
    CSV or TSV with a header row (``.csv``, ``.tsv``), each optionally compressed (``.gz``,
    ``.zst``). A record needs a ``fields.text`` or
    ``fields.html`` string (``fields.id`` optional); all its fields travel with the
    document. Standard input is sniffed: gzip, JSONL, a JSON array, or one document.
    Unreadable files, bad records and documents over ``max_bytes`` come back as items
    with an ``error``, never as an exception. Every path is checked before the first
    document is read, so a typo fails at once instead of after hours of work.
    ``progress`` (an :class:`InputProgress`) follows the reading.
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError(f"max_bytes must be a whole number >= 1, got {max_bytes!r}")
    missing = [raw for raw in paths if raw != "-" and not Path(raw).exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}")
    # every file listed first: an empty directory fails before any document, and the
    # progress knows its total
    plan: list[Path | None] = []
    for raw in paths:
        if raw == "-":
            plan.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
            if not files:
                suffixes = sorted({*_TEXT_SUFFIXES, *_RECORD_SUFFIXES, ".gz"})
                raise InputError(f"{raw} holds no readable files ({', '.join(suffixes)}, compressed or not)")
            plan.extend(files)
        else:
            plan.append(path)
    sizes = [None if file is None else _size(file) for file in plan]
    if progress is not None and None not in sizes:
        progress.total = sum(size for size in sizes if size is not None)
    for file, size in zip(plan, sizes):
        if file is None:
            yield from _read_stdin(max_bytes, fields)
            continue
        yield from _read_file(file, max_bytes, fields, progress)
        if progress is not None:
            progress._finish(size or 0)


def _inner_name(path: Path) -> str:
    """The file name without its compression suffix, lower-cased."""
    name = path.name.lower()
    for suffix in _COMPRESSION_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _wanted(path: Path) -> bool:
    """Text, HTML or record files in a directory, compressed or not; any ``.gz`` too
    (a gzipped page is often named ``<id>.gz``)."""
    return not path.name.startswith(".") and (
        _inner_name(path).endswith((*_TEXT_SUFFIXES, *_RECORD_SUFFIXES)) or path.suffix.lower() == ".gz")


def _open(path: Path) -> IO[bytes]:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return io.BufferedReader(_GzipReader(path.open("rb")))
    if suffix == ".zst":
        try:
            import zstandard
        except ImportError as exc:
            raise OSError(f"reading {path.name} needs zstandard: pip install 'newsclean[corpus]'") from exc
        # A buffered reader gives the raw reader readline and peek.
        return io.BufferedReader(_ZstdReader(path.open("rb"), zstandard))
    return path.open("rb")


class _Decompressing(io.RawIOBase):
    """The decompressed bytes of a file, every frame (member) of it, each step's bytes
    given before the next is read: a file cut inside a frame gives everything up to the
    cut, then raises EOFError (gzip's own reader lost the bytes of the step that met the
    cut: a .json.gz array cut short lost all of its records, a .jsonl.gz most of its last
    8 KB). Subclasses say how a frame decompresses."""

    _CHUNK = 1 << 16
    _NAME = ""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._frame = self._new_frame()
        self._started = False  # bytes of the current frame were read
        self._pending = b""

    def _new_frame(self) -> Any:
        raise NotImplementedError

    def _frame_step(self, data: bytes) -> bytes:
        return bytes(self._frame.decompress(data))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(self._CHUNK)
            if not chunk:
                if self._started:
                    raise EOFError(f"compressed file ended before the end of its {self._NAME}")
                return 0
            self._pending = self._decompress(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _decompress(self, data: bytes) -> bytes:
        out = []
        while data:
            self._started = True
            out.append(self._frame_step(data))
            if not self._frame.eof:
                break
            data = self._frame.unused_data  # the next frame starts here
            self._frame = self._new_frame()
            self._started = False
        return b"".join(out)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _GzipReader(_Decompressing):
    """A gzip file, every member of it (concatenated files, ``pigz``), as gzip reads it;
    corrupt data raises zlib.error."""

    _NAME = "gzip member"

    def _new_frame(self) -> Any:
        return zlib.decompressobj(16 + zlib.MAX_WBITS)


class _ZstdReader(_Decompressing):
    """The decompressed bytes of a zstd file, every frame of it, read as gzip reads.

    zstandard's ``stream_reader`` read a file cut inside a frame as if it ended there (its
    records vanished without a word, or "no documents"), and corrupt data raised
    ZstdError, which crashed the command. Here a stream cut inside a frame raises
    EOFError, as ``gzip`` does, and corrupt data OSError: either becomes an error record.
    Files of several frames (``pzstd``, concatenated files) are read through.
    """

    _NAME = "zstd frame"

    def __init__(self, raw: IO[bytes], zstandard: Any) -> None:
        self._zstd = zstandard
        super().__init__(raw)

    def _new_frame(self) -> Any:
        return self._zstd.ZstdDecompressor().decompressobj()

    def _frame_step(self, data: bytes) -> bytes:
        try:
            return bytes(self._frame.decompress(data))
        except self._zstd.ZstdError as exc:
            raise OSError(f"not valid zstd data: {exc}") from exc


# What reading a damaged file or stream raises (gzip: EOFError, zlib.error; our zstd
# reader: EOFError, OSError): each becomes an error record, never a crash.
_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)


def _read_file(path: Path, max_bytes: int, fields: RecordFields = DEFAULT_FIELDS,
               progress: InputProgress | None = None) -> Iterator[InputItem]:
    name = _inner_name(path)
    if name.endswith(".parquet"):
        yield from _read_parquet(path, max_bytes, fields, progress)
        return
    try:
        with _open(path) as handle:
            if progress is not None:
                progress._start(lambda: _disk_position(handle))
            if name.endswith((".jsonl", ".ndjson")):
                yield from _read_jsonl(path, handle, max_bytes, fields)
                return
            if name.endswith(".json"):
                yield from _read_json(path, handle, max_bytes, fields)
                return
            if name.endswith((".csv", ".tsv")):
                yield from _read_csv(path, handle, max_bytes, fields, tabs=name.endswith(".tsv"))
                return
            data = handle.read(max_bytes + 1)
    except _READ_ERRORS as exc:
        yield InputItem(str(path), b"", f"cannot read {path}: {exc}")
        return
    yield _document(str(path), data, max_bytes)


def _document(name: str, data: bytes, max_bytes: int) -> InputItem:
    if len(data) > max_bytes:
        return InputItem(name, b"", f"{name} is over max_bytes={max_bytes} (decompressed); not read further")
    kind = binary_kind(data)
    if kind:
        return InputItem(name, b"", f"{name} is binary ({kind}), not text")
    return InputItem(name, data)


def _peekable(handle: Any) -> Any:
    """``handle`` with ``peek``: sniffing a stream's head must not consume it."""
    return handle if hasattr(handle, "peek") else io.BufferedReader(handle)


def _read_stdin(max_bytes: int, fields: RecordFields) -> Iterator[InputItem]:
    """Standard input, sniffed: gzip, then JSONL or a JSON array of records, else one document."""
    stream = _peekable(sys.stdin.buffer)
    try:
        if stream.peek(2)[:2] == b"\x1f\x8b":
            stream = io.BufferedReader(_GzipReader(stream))
        start = stream.peek(64)[:64].lstrip()
        if start.startswith(b"{"):
            yield from _read_jsonl(Path("stdin"), stream, max_bytes, fields)
        elif start.startswith(b"["):
            yield from _read_json(Path("stdin"), stream, max_bytes, fields)
        else:
            data = stream.read(max_bytes + 1)
            yield _document("stdin", data, max_bytes)
    except _READ_ERRORS as exc:
        # corrupt or cut gzip on standard input crashed the command with zlib.error
        yield InputItem("stdin", b"", f"cannot read standard input: {exc}")


def _read_json(path: Path, handle: IO[bytes], max_bytes: int, fields: RecordFields) -> Iterator[InputItem]:
    """A JSON array of records, read a record at a time, or JSONL named .json."""
    stream = _peekable(handle)
    if not stream.peek(64)[:64].lstrip().startswith(b"["):
        yield from _read_jsonl(path, stream, max_bytes, fields)
        return
    number = 0
    try:
        for number, record in enumerate(_array_items(stream, max_bytes), start=1):
            yield _record_item(record, f"{path}:{number}", f"record {number}", max_bytes, fields)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        # what came before the flaw was read; the reason is an error record of its own
        yield InputItem(f"{path}:{number + 1}", b"", f"{path} is not valid JSON after record {number}: {exc}")


# How much of a CSV file's head is read to choose its encoding and delimiter: what a
# buffered reader holds (io.DEFAULT_BUFFER_SIZE), peeked without consuming it.
_CSV_HEAD = io.DEFAULT_BUFFER_SIZE
# The delimiters a .csv file may use (the comma; the semicolon of spreadsheets in locales
# whose decimal mark is a comma; tab and bar): the one its header line holds most of.
_CSV_DELIMITERS = ",;\t|"
# A row's values past its header's columns, kept under this name (csv.DictReader's restkey).
CSV_EXTRA_COLUMNS = "_extra_columns"


def _read_csv(path: Path, handle: IO[bytes], max_bytes: int, fields: RecordFields, *,
              tabs: bool) -> Iterator[InputItem]:
    """CSV (or TSV) with a header row, a record a row: news datasets are often spreadsheets'
    exports. Every column passes through as text; quoted fields may hold line breaks.
    The encoding is UTF-8 (a BOM allowed) when the head is, else what decode_bytes finds
    in it (a cp1252 export); the delimiter, for .csv, the one of _CSV_DELIMITERS the
    header line holds most of."""
    stream = _peekable(handle)
    head = bytes(stream.peek(_CSV_HEAD)[:_CSV_HEAD])
    encoding, how = ("utf-8-sig", "") if _utf8_head(head) else decode_bytes(head)[1:]
    if how == "bom" and encoding[:6] in ("utf-16", "utf-32"):
        # a spreadsheet's "Unicode text" export: the codec that reads its byte-order mark, so
        # that the first column's name does not begin with it
        encoding = encoding[:6]
    header = head.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = "\t" if tabs else max(_CSV_DELIMITERS, key=lambda mark: (header.count(mark), mark == ","))
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        yield from _csv_records(path, text, delimiter, max_bytes, fields)
    finally:
        text.detach()  # the file is its opener's to close


def _csv_records(path: Path, text: IO[str], delimiter: str, max_bytes: int,
                 fields: RecordFields) -> Iterator[InputItem]:
    with _csv_field_limit(max_bytes):
        reader = csv.DictReader(text, delimiter=delimiter, restkey=CSV_EXTRA_COLUMNS)
        try:
            columns = reader.fieldnames or []
        except csv.Error as exc:
            yield InputItem(str(path), b"", f"{path}: its header row is not CSV: {exc}")
            return
        if fields.text not in columns and fields.html not in columns:
            shown = ", ".join(repr(c) for c in columns[:12]) or "none"
            yield InputItem(str(path), b"", f"{path} has no {fields.text!r} or {fields.html!r} column "
                                            f"(columns: {shown}); name the text's with --text-field")
            return
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # A field over the limit (max_bytes) is refused by its size; the reader goes on
                # at the next line, so the rows after it are read.
                line = reader.line_num
                reason = (f"the row ending on line {line} of {path} has a field over max_bytes={max_bytes}"
                          if "field limit" in str(exc) else f"line {line} of {path} is not CSV: {exc}")
                yield InputItem(f"{path}:{line}", b"", reason)
                continue
            row = reader.line_num
            # an empty cell is "" (text like any other), a missing one None
            yield _record_item(record, f"{path}:{row}", f"the row ending on line {row}", max_bytes, fields)


def _utf8_head(head: bytes) -> bool:
    """Whether ``head`` is UTF-8, but for a character cut at its end."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"  # a head cut inside a character
    return True


@contextlib.contextmanager
def _csv_field_limit(max_bytes: int) -> Iterator[None]:
    """csv's field size limit raised to ``max_bytes`` while a file is read: its default,
    131,072 characters, is shorter than many pages' HTML; the documents past max_bytes
    are refused by their size, as in other formats. The limit is the csv module's, for the
    whole process: the previous one is restored after."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, max_bytes + 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


# How much of a JSON array is read at a time, and how near the end of what was read a
# decoding error means the record was cut there.
_ARRAY_CHUNK = 1 << 20
_CUT_MARGIN = 16


def _array_items(stream: IO[bytes], max_bytes: int) -> Iterator[Any]:
    """The items of the JSON array ``stream`` holds, one at a time: memory stays that of
    one record and a chunk (the whole array was read at once, and a corpus of gigabytes
    exhausted memory). An item over ``max_bytes`` ends the reading with a ValueError, as
    invalid JSON does (the next item cannot be found without reading the oversized one)."""
    decoder = json.JSONDecoder()
    text_of = codecs.getincrementaldecoder("utf-8")()
    buffer, at, ended = "", 0, False

    # read1: what one step gives, so that a compressed file cut short yields its records
    # up to the cut before its error (read() lost the step's data with it)
    read = getattr(stream, "read1", stream.read)

    def more(at_least: int = 1) -> bool:
        """Read steps until the unread text holds ``at_least`` characters (or the file
        ends), joined once; whether anything was read."""
        nonlocal buffer, at, ended
        if ended:
            return False
        parts, size = [buffer[at:]], len(buffer) - at
        while size < at_least and not ended:
            data = read(_ARRAY_CHUNK)
            ended = not data
            parts.append(text_of.decode(data, final=ended))
            size += len(parts[-1])
        buffer, at = "".join(parts), 0
        return True

    def skip_space() -> str:
        nonlocal at
        while True:
            while at < len(buffer) and buffer[at] in " \t\r\n":
                at += 1
            if at < len(buffer) or not more(len(buffer) - at + 1):
                return buffer[at] if at < len(buffer) else ""

    if skip_space() != "[":
        raise ValueError("no array of records")
    at += 1
    if skip_space() == "]":
        return
    while True:
        skip_space()
        while True:
            try:
                item, end = decoder.raw_decode(buffer, at)
                if end < len(buffer) or ended:
                    break
                failure: ValueError | None = None  # it runs to the buffer's end: a number may go on
            except json.JSONDecodeError as exc:
                # A record the chunk cut short fails at the buffer's end (or in a string
                # that runs to it); a flaw inside the buffer is the file's.
                if not (exc.pos >= len(buffer) - _CUT_MARGIN or exc.msg.startswith("Unterminated string")):
                    raise
                failure = exc
            pending = len(buffer) - at
            if pending > max_bytes + _ARRAY_CHUNK:
                raise ValueError(f"a record is over max_bytes={max_bytes}") from None
            # Read until the record's text has doubled before decoding it again: a record of
            # many steps is decoded a few times, not once a step.
            if not more(2 * pending + 1):
                if failure is not None:
                    raise failure
                break  # the array's last item ends the file's text
        at = end
        yield item
        mark = skip_space()
        if mark == "]":
            return
        if mark != ",":
            raise ValueError(f"expected ',' or ']' between records, found {mark!r}" if mark else "the array is cut short")
        at += 1


def _read_parquet(path: Path, max_bytes: int, fields: RecordFields,
                  progress: InputProgress | None = None) -> Iterator[InputItem]:
    """Rows of a Parquet file, a batch at a time (memory stays that of one batch)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputItem(str(path), b"", f"reading {path.name} needs pyarrow: pip install 'newsclean[corpus]'")
        return
    try:
        table = pq.ParquetFile(path)
        row = 0
        rows, size = max(1, table.metadata.num_rows), _size(path)
        if progress is not None:
            progress._start(lambda: size * row // rows)
        for batch in table.iter_batches(batch_size=1024):
            for record in batch.to_pylist():
                row += 1
                yield _record_item(record, f"{path}:{row}", f"row {row}", max_bytes, fields)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield InputItem(str(path), b"", f"cannot read {path}: {exc}")


def _record_item(record: Any, fallback_id: str, where: str, max_bytes: int, fields: RecordFields) -> InputItem:
    if not isinstance(record, dict):
        return InputItem(fallback_id, b"", f"{where} is not a JSON object")
    body = record.get(fields.html, record.get(fields.text))
    raw_id = record.get(fields.id)
    doc_id = without_lone_surrogates(str(raw_id)) if raw_id is not None else fallback_id
    if isinstance(body, (bytes, bytearray)):
        # A binary column (Parquet files of crawled pages keep HTML so, undecoded): bytes
        # are decoded as a file's are, its charset declared or detected.
        body = bytes(body)
    elif not isinstance(body, str):
        return InputItem(doc_id, b"", f"{where} has no {fields.text!r} or {fields.html!r} string field", record)
    consumed = (fields.text, fields.html)
    if len(body) > max_bytes:
        return InputItem(doc_id, b"", f"{where} is over max_bytes={max_bytes}", record, consumed)
    return InputItem(doc_id, body, "", record, consumed)


def _read_jsonl(path: Path, handle: IO[bytes], max_bytes: int,
                fields: RecordFields = DEFAULT_FIELDS) -> Iterator[InputItem]:
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
        note = ""
        try:
            try:
                record = json.loads(line)
            except UnicodeDecodeError:
                # JSON is UTF-8, but exports in the wild write a record's text in Windows-1252
                # or Latin-1: the line is read in the encoding its bytes fit (detected, as a
                # file's are), not lost, and the document says so.
                text, encoding, how = decode_bytes(line)
                record = json.loads(text)
                note = f"line {lineno} is not UTF-8: read as {encoding} ({how})"
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            yield InputItem(fallback_id, b"", f"line {lineno} is not JSON: {exc}")
            continue
        item = _record_item(record, fallback_id, f"line {lineno}", max_bytes, fields)
        yield dataclasses.replace(item, note=note) if note and not item.error else item


# Characters that str.splitlines() and some JSONL readers take for line ends; JSON
# allows them raw, so a record holding one split into two lines for such readers.
_LINE_BREAKING = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: Mapping[str, Any]) -> str:
    """One JSONL line: UTF-8 text as is, but no lone surrogate (U+FFFD instead) and no
    character any reader could take for a line end inside the record; strict JSON (NaN
    and infinities as null, dates as ISO 8601: :func:`_json_default`).

    >>> json_line({"text": "a\u2028b"})
    '{"text": "a\\\\u2028b"}\\n'
    """
    line = without_lone_surrogates(_json_text(record))
    # str.translate looks every character up in the table; the three characters are
    # rare, and a search for each is a scan in C.
    if "\x85" in line or "\u2028" in line or "\u2029" in line:
        line = line.translate(_LINE_BREAKING)
    return line + "\n"


def _json_text(value: Any) -> str:
    """``value`` as JSON text that any reader takes: what JSON has no type for written as
    :func:`_json_default` says, NaN and infinities as null (:func:`_finite`)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, default=_json_default)


def _json_default(value: Any) -> Any:
    """A field JSON has no type for, as JSON: what Parquet columns hold (timestamps, dates,
    times, decimals, binary, durations) and what a caller's ``meta`` may (numpy numbers,
    sets). A Parquet file with a timestamp column, as most corpora have, crashed the whole
    run when its records were written as JSONL (TypeError: datetime is not JSON
    serializable). Dates and times are ISO 8601, as they read in JSON everywhere; a decimal
    is its number where a double holds it exactly, else its digits as a string; binary is
    base64, as Spark and protobuf's JSON write it; anything else is its text, never a crash."""
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return None
        number = float(value)
        return number if decimal.Decimal(repr(number)) == value else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)  # in one order in every process
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy scalars and arrays
        return _finite(value.tolist())  # a float32 NaN is no float to _finite before
    return str(value)


# A value of a record kept in a temporary file during a run (dedup waits for its clusters)
# keeps its type for the output: a Parquet timestamp column came out as ISO text. A tag
# key no JSON input has (it opens with a NUL) marks the values JSON has no type for.
_SPILL_TAG = "\x00newsclean"


def spill_line(value: Any) -> str:
    """``value`` as one line of a run's own temporary file, read back by
    :func:`read_spill_line` with its timestamps, dates, bytes and NaN as they were.

    >>> import datetime
    >>> read_spill_line(spill_line({"when": datetime.date(2020, 1, 2), "x": float("inf")}))
    {'when': datetime.date(2020, 1, 2), 'x': inf}
    """
    # ASCII escapes: a lone surrogate of the input (which UTF-8 cannot write) goes through
    # as it came, to be mended where the output is written (json_line)
    return json.dumps(value, ensure_ascii=True, default=_spill_default) + "\n"


def read_spill_line(line: str) -> Any:
    """A value written by :func:`spill_line`."""
    return json.loads(line, object_hook=_spill_hook)


def _spill_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return {_SPILL_TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, _dt.date):
        return {_SPILL_TAG: "date", "iso": value.isoformat()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {_SPILL_TAG: "bytes", "base64": base64.b64encode(bytes(value)).decode("ascii")}
    return _json_default(value)


def _spill_hook(obj: dict[str, Any]) -> Any:
    kind = obj.get(_SPILL_TAG)
    if kind == "datetime":
        return _dt.datetime.fromisoformat(obj["iso"])
    if kind == "date":
        return _dt.date.fromisoformat(obj["iso"])
    if kind == "bytes":
        return base64.b64decode(obj["base64"])
    return obj


def _finite(value: Any) -> Any:
    """``value`` with every NaN and infinity, at any depth, written as null, as
    JavaScript's JSON.stringify and pandas' to_json write them: Python's json module writes
    ``NaN`` and ``Infinity``, which are not JSON, and a strict reader (jq, Spark, Go) then
    refuses the whole file. A float column read from Parquet holds NaN for a missing value;
    a JSONL record may say ``1e400``, which reads as infinity."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


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


class RecordWriter:
    """``with RecordWriter(path) as out: out.write(record)``: records to a file whose
    format the name says, written atomically (see :class:`atomic_writer`).

    ``.jsonl`` (or ``.ndjson``), optionally ``.gz`` or ``.zst``: one :func:`json_line`
    per record. ``.parquet``: batches of 1,024 rows; the columns are those of the first
    batch, typed as its values are (:class:`ParquetLayout`: whole numbers, numbers,
    booleans, strings, timestamps and dates keep their types, so a Parquet corpus's
    columns pass through as they came), and a column of anything else is JSON text (so
    nested fields such as ``sentences`` and ``meta`` survive). A field first seen later,
    or a value its column's type does not hold, goes into a ``_extra`` column as a JSON
    object: nothing is dropped. ``layout`` gives the columns instead of the first batch
    (the shards of one output share the first shard's). ``-`` is standard output, as
    JSON lines (a stream has no atomic rename: a reader sees each line as it is written).
    """

    _BATCH = 1024

    def __init__(self, path: str | os.PathLike[str], *, layout: ParquetLayout | None = None) -> None:
        self.layout = layout
        self.path = Path(path)
        # "-o -" had written a file named "-" in the working directory.
        self.stdout = os.fspath(path) == "-"
        name = _inner_name(self.path)
        self.parquet = name.endswith(".parquet")
        if not self.parquet and not name.endswith((".jsonl", ".ndjson", ".json")) and self.path.suffix.lower() in (
                ".gz", ".zst"):
            raise InputError(f"{self.path.name}: compressed output must be .jsonl.gz or .jsonl.zst")
        if name.endswith((".csv", ".tsv")):
            # JSONL under a name that is read back as CSV would be misread as a table
            raise InputError(f"{self.path.name}: output is JSONL (.jsonl, .jsonl.gz, .jsonl.zst) or .parquet; "
                             "a document's sentences and meta do not fit a CSV cell")
        self._atomic = None if self.stdout else atomic_writer(self.path)
        self._text: Any = None
        self._binary: Any = None
        self._rows: list[dict[str, Any]] = []
        self._parquet_writer: Any = None

    def __enter__(self) -> RecordWriter:
        text: IO[str] = sys.stdout if self._atomic is None else self._atomic.__enter__()
        suffix = self.path.suffix.lower()
        if self.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError as exc:
                self._abandon(exc)
                raise InputError(f"writing {self.path.name} needs pyarrow: pip install 'newsclean[corpus]'") from exc
            self._binary = text.buffer  # type: ignore[attr-defined]
        elif suffix == ".gz":
            # level 6, the gzip tool's default: Python's 9 is slower for files a fraction of
            # a percent smaller
            self._binary = gzip.GzipFile(fileobj=text.buffer, mode="wb", mtime=0,  # type: ignore[attr-defined]
                                         compresslevel=6)
            self._text = io.TextIOWrapper(self._binary, encoding="utf-8")
        elif suffix == ".zst":
            try:
                import zstandard
            except ImportError as exc:
                self._abandon(exc)
                raise InputError(f"writing {self.path.name} needs zstandard: pip install 'newsclean[corpus]'") from exc
            self._binary = zstandard.ZstdCompressor().stream_writer(text.buffer, closefd=False)  # type: ignore[attr-defined]
            self._text = io.TextIOWrapper(self._binary, encoding="utf-8")
        else:
            self._text = text
        return self

    def _abandon(self, exc: BaseException) -> None:
        if self._atomic is not None:
            self._atomic.__exit__(type(exc), exc, None)

    def write(self, record: Mapping[str, Any]) -> None:
        if self.parquet:
            self._rows.append(dict(record))
            if len(self._rows) >= self._BATCH:
                self._flush_rows()
        else:
            assert self._text is not None
            self._text.write(json_line(record))

    def _flush_rows(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._rows:
            return
        if self.layout is None:
            self.layout = ParquetLayout.of(self._rows)
        if self._parquet_writer is None:
            self._parquet_writer = pq.ParquetWriter(self._binary, self.layout.schema())
        layout = self.layout
        columns: dict[str, list[Any]] = {name: [] for name in [*layout.columns, "_extra"]}
        for row in self._rows:
            extra = {k: v for k, v in row.items() if k not in layout.types}
            for name, kind in layout.types.items():
                value = row.get(name)
                if kind == _JSON_TEXT:
                    columns[name].append(_cell(value))
                    continue
                typed = _typed_value(value, kind)
                if typed is _MISFIT:
                    extra[name] = value  # the column's type does not hold it: kept beside
                    typed = None
                columns[name].append(typed)
            columns["_extra"].append(_cell(extra) if extra else None)
        self._parquet_writer.write_table(pa.table(columns, schema=self._parquet_writer.schema))
        self._rows = []

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                if self.parquet:
                    self._flush_rows()
                    if self._parquet_writer is None:  # no record at all: an empty table, still valid
                        import pyarrow as pa
                        import pyarrow.parquet as pq

                        pq.write_table(pa.table({"_extra": pa.array([], pa.string())}), self._binary)
                    else:
                        self._parquet_writer.close()
                elif self._text is not None and self._binary is not None:
                    self._text.flush()
                    self._text.detach()
                    self._binary.close()
        finally:
            if self._atomic is not None:
                self._atomic.__exit__(exc_type, exc, tb)


# The kinds of a typed Parquet column (ParquetLayout), and JSON text for anything else.
_JSON_TEXT = "json"
_MISFIT = object()
_INT64 = (-(2**63), 2**63 - 1)


def _kind_of(value: Any) -> str:
    """The typed column ``value`` fits, or _JSON_TEXT."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if _INT64[0] <= value <= _INT64[1] else _JSON_TEXT
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, _dt.datetime):
        return "timestamp" if value.tzinfo is None else "timestamp-utc"
    if isinstance(value, _dt.date):
        return "date"
    return _JSON_TEXT


def _typed_value(value: Any, kind: str) -> Any:
    """``value`` as a column of ``kind`` holds it, None for None, or _MISFIT."""
    if value is None:
        return None
    found = _kind_of(value)
    if found == kind:
        if kind == "string":
            return without_lone_surrogates(value)
        return value.astimezone(_dt.UTC) if kind == "timestamp-utc" else value
    if kind == "float" and found == "int":
        return float(value)
    return _MISFIT


@dataclass(frozen=True)
class ParquetLayout:
    """The columns of a Parquet output and the kind of each: ``int`` (int64), ``float``
    (double, NaN kept as Parquet holds it), ``bool``, ``string``, ``timestamp`` (naive),
    ``timestamp-utc``, ``date``, or ``json`` (JSON text in a string column). The schema
    records which string columns are JSON text, so a resumed run reads the layout back
    from a finished shard (:meth:`read`).

    >>> layout = ParquetLayout.of([{"id": "a", "n": 1, "score": 0.5, "meta": {"lang": "en"}}, {"n": 2.5}])
    >>> layout.types
    {'id': 'string', 'n': 'float', 'score': 'float', 'meta': 'json'}
    """

    types: dict[str, str]

    @property
    def columns(self) -> list[str]:
        return list(self.types)

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> ParquetLayout:
        """The layout the values of ``rows`` (a first batch) have: a column whose values
        are all of one kind (whole numbers and numbers together: numbers) has that type;
        one of mixed kinds, nested values, or nulls alone is JSON text."""
        kinds: dict[str, set[str]] = {}
        for row in rows:
            for name, value in row.items():
                seen = kinds.setdefault(name, set())
                if value is not None:
                    seen.add(_kind_of(value))
        types: dict[str, str] = {}
        for name, seen in kinds.items():
            if seen == {"int", "float"}:
                seen = {"float"}
            types[name] = next(iter(seen)) if len(seen) == 1 else _JSON_TEXT
        return cls(types)

    def schema(self) -> Any:
        import pyarrow as pa

        arrow = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "string": pa.string(),
                 "timestamp": pa.timestamp("us"), "timestamp-utc": pa.timestamp("us", tz="UTC"),
                 "date": pa.date32(), _JSON_TEXT: pa.string()}
        fields = [pa.field(name, arrow[kind], metadata={b"newsclean": kind.encode()} if kind == _JSON_TEXT else None)
                  for name, kind in self.types.items()]
        return pa.schema([*fields, pa.field("_extra", pa.string(), metadata={b"newsclean": b"json"})])

    @classmethod
    def read(cls, path: Path) -> ParquetLayout:
        """The layout of a Parquet file this writer made."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        kinds = {pa.int64(): "int", pa.float64(): "float", pa.bool_(): "bool", pa.string(): "string",
                 pa.timestamp("us"): "timestamp", pa.timestamp("us", tz="UTC"): "timestamp-utc", pa.date32(): "date"}
        types: dict[str, str] = {}
        for field_ in pq.read_schema(path):
            if field_.name == "_extra":
                continue
            marked = (field_.metadata or {}).get(b"newsclean") == b"json"
            kind = _JSON_TEXT if marked else kinds.get(field_.type)
            if kind is None:
                raise InputError(f"{path}: column {field_.name!r} is {field_.type}, not a type newsclean writes")
            types[field_.name] = kind
        return cls(types)


def _cell(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return without_lone_surrogates(value) if value is not None else None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # a missing value in a float column, null as in JSON (_finite)
    if not isinstance(value, (dict, list, tuple, int, float)):
        # a value JSON has no type for: as _json_default writes it, a text as itself (a
        # date, base64, a decimal's digits), not a JSON string in quotes
        value = _json_default(value)
        if isinstance(value, str):
            return without_lone_surrogates(value)
    return without_lone_surrogates(_json_text(value))


MANIFEST_NAME = "manifest.json"
_MANIFEST_FORMAT = "newsclean.shards"


class ShardedWriter:
    """Records into a directory of shards (``part-00000.jsonl.gz``, ...), each written
    atomically, with ``manifest.json`` saying which shards are finished and how many
    records each holds: the output of a corpus run that can stop anywhere and resume.

    The manifest also records the job (its inputs and settings, as the caller describes
    them). Opening a directory whose manifest has the same job resumes it: ``done`` says
    how many input records the finished shards hold, the caller skips that many, and the
    next shard number follows on. A directory holding another job's shards is refused,
    not mixed. A shard being written when the run stopped is only a temporary file,
    which the next write of that shard replaces.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with ShardedWriter(folder, job={"inputs": ["a.jsonl"]}, shard_size=2) as out:
    ...     for n in range(3):
    ...         out.write({"n": n})
    >>> sorted(p.name for p in Path(folder).iterdir())
    ['manifest.json', 'part-00000.jsonl.gz', 'part-00001.jsonl.gz']
    >>> ShardedWriter(folder, job={"inputs": ["a.jsonl"]}).done
    3
    """

    def __init__(self, folder: str | os.PathLike[str], *, job: Mapping[str, Any], shard_size: int = 10_000,
                 suffix: str = ".jsonl.gz") -> None:
        if isinstance(shard_size, bool) or not isinstance(shard_size, int) or shard_size < 1:
            raise InputError(f"shard_size must be a whole number >= 1, got {shard_size!r}")
        if suffix not in (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet"):
            raise InputError(f"shards are .jsonl, .jsonl.gz, .jsonl.zst or .parquet, not {suffix!r}")
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(f"{self.folder} is not a directory")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.job = json.loads(json.dumps(job, sort_keys=True))  # plain JSON, compared as such
        self.shard_size, self.suffix = shard_size, suffix
        self.shards: list[dict[str, Any]] = []
        self.complete = False
        manifest = self.folder / MANIFEST_NAME
        if manifest.exists():
            self._resume(manifest)
        elif any(self.folder.glob("part-*")):
            raise InputError(f"{self.folder} holds shards but no manifest: use an empty directory")
        self._writer: RecordWriter | None = None
        self._in_shard = 0
        # Parquet shards share the first one's columns and types: a dataset whose shards
        # typed one column two ways would not read as one table.
        self._layout: ParquetLayout | None = None
        if suffix == ".parquet" and self.shards:
            self._layout = ParquetLayout.read(self.folder / str(self.shards[0]["name"]))

    def _resume(self, manifest: Path) -> None:
        try:
            data = json.loads(manifest.read_text("utf-8"))
            if data.get("format") != _MANIFEST_FORMAT or not isinstance(data.get("shards"), list):
                raise ValueError("not a newsclean shard manifest")
        except (OSError, ValueError) as exc:
            raise InputError(f"{manifest}: {exc}") from exc
        if data.get("job") != self.job:
            raise InputError(f"{self.folder} holds the shards of another job (other inputs or settings): "
                             "write to another directory, or remove this one to start over")
        if data.get("suffix") != self.suffix:
            raise InputError(f"{self.folder} holds {data.get('suffix')} shards, not {self.suffix}")
        for shard in data["shards"]:
            if not (self.folder / str(shard.get("name"))).is_file():
                raise InputError(f"{self.folder}: shard {shard.get('name')} is in the manifest but missing")
        self.shards = data["shards"]
        self.complete = bool(data.get("complete"))

    @property
    def done(self) -> int:
        """Input records the finished shards hold (skip that many when resuming)."""
        return sum(int(s["records"]) for s in self.shards)

    def __enter__(self) -> ShardedWriter:
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        if self._writer is None:
            name = f"part-{len(self.shards):05d}{self.suffix}"
            self._writer = RecordWriter(self.folder / name, layout=self._layout).__enter__()
        self._writer.write(record)
        self._in_shard += 1
        if self._in_shard >= self.shard_size:
            self._finish_shard()

    def _finish_shard(self) -> None:
        if self._writer is None:
            return
        self._writer.__exit__(None, None, None)
        self._layout = self._layout or self._writer.layout
        self.shards.append({"name": self._writer.path.name, "records": self._in_shard})
        self._writer, self._in_shard = None, 0
        self._save_manifest()

    def _save_manifest(self) -> None:
        atomic_write_text(self.folder / MANIFEST_NAME, json.dumps({
            "format": _MANIFEST_FORMAT, "version": 1, "job": self.job, "suffix": self.suffix,
            "shards": self.shards, "records": self.done, "complete": self.complete,
        }, indent=1, sort_keys=True) + "\n")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._finish_shard()
            self.complete = True
            self._save_manifest()
        elif self._writer is not None:  # the shard in progress is dropped; finished ones stay
            self._writer.__exit__(exc_type, exc, tb)
            self._writer = None
