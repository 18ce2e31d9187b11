"""The ``newsclean`` command: ``clean``, ``dedup`` and ``demo``.

Exit codes: 0 all documents processed; 1 some documents failed (each has an error
record with its reason); 2 usage error (bad option, missing path).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import functools
import itertools
import json
import os
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from newsclean.clean import default_pipeline
from newsclean.dedup import DEFAULT_CLUSTER_THRESHOLDS, DEFAULT_THRESHOLDS, Cluster, DuplicateIndex, similarity
from newsclean.dedup.exact import MarkExactDuplicates
from newsclean.dedup.index import DEFAULT_JOIN_THRESHOLD, Prepared, document_day
from newsclean.document import Document
from newsclean.engine import ordered_map
from newsclean.errors import InputError, NewscleanError
from newsclean.io import (
    DEFAULT_MAX_BYTES,
    InputItem,
    InputProgress,
    RecordFields,
    RecordWriter,
    ShardedWriter,
    iter_inputs,
    json_line,
    read_spill_line,
    spill_line,
)
from newsclean.pipeline import Pipeline, _error_record, _run_chunk
from newsclean.records import output_record, record_document, with_record_date

__all__ = ["main"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Progress:
    """A one-line progress counter on stderr, shown only when stderr is a terminal: the
    documents done, the failures and the rate; with ``inputs`` of a known size (files,
    not standard input), the share of the input read and an estimate of the time left.
    The final count (``summary``) is always written."""

    def __init__(self, label: str, stream: IO[str] | None = None, inputs: InputProgress | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.label = label
        self.inputs = inputs
        self.count = 0
        self.failed = 0
        # Documents cleaned to no text, by meta["empty_reason"] (a corpus's bot checks and
        # walls, pages of menus only): the summary says how many, not only the records.
        self.empty: Counter[str] = Counter()
        self.start = time.perf_counter()
        self._last = 0.0

    def step(self, failed: bool = False, *, doc: Document | None = None) -> None:
        """One document done; ``doc``, when it was cleaned, is counted by why it has no text
        left, if it has none."""
        self.count += 1
        self.failed += failed
        if doc is not None and not failed and not doc.text:
            self.empty[str(doc.meta.get("empty_reason", "no text"))] += 1
        now = time.perf_counter()
        if self.enabled and now - self._last > 0.1:
            self._last = now
            self.stream.write(f"\r{self.line(now)}")
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        text = f"{self.label}: {self.count:,} docs, {self.failed:,} failed, {self.count / elapsed:,.0f}/s"
        total = self.inputs.total if self.inputs is not None else None
        if self.inputs is not None and total:
            share = min(1.0, self.inputs.done() / total)
            text += f", {share:.0%} of {_size_text(total)}"
            if share >= 0.01:  # before that the estimate is noise
                text += f", ETA {_duration(elapsed * (1.0 - share) / share)}"
        return text + "   "  # clears the end of a longer line before it

    def note(self, message: str) -> None:
        """A line of its own on the terminal (a phase that takes a while)."""
        if self.enabled:
            self.stream.write(f"{self.label}: {message}\n")
            self.stream.flush()

    def phase(self, name: str, done: int, total: int) -> None:
        """How far a phase after the input is (story refinement's passes and merge: a
        corpus of millions takes minutes there), on one line that ends with the phase."""
        now = time.perf_counter()
        if self.enabled and (done >= total or now - self._last > 0.1):
            self._last = now
            self.stream.write(f"\r{self.label}: refining, {name}: {done:,} of {total:,} reports   "
                              + ("\n" if done >= total else ""))
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")

    def summary(self) -> None:
        """The final count, always (a log has no terminal)."""
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        failed = f", {self.failed:,} failed (see their error records)" if self.failed else ""
        self.stream.write(f"newsclean {self.label}: {self.count:,} documents in {elapsed:,.1f} s "
                          f"({self.count / elapsed:,.0f}/s){failed}{self.without_text()}\n")
        self.stream.flush()

    def without_text(self) -> str:
        """", N with no text left (reasons)" for the summary; "" when every document kept text."""
        if not self.empty:
            return ""
        reasons = "; ".join(f"{count:,} {reason}" for reason, count in self.empty.most_common(3))
        more = "; ..." if len(self.empty) > 3 else ""
        return f", {sum(self.empty.values()):,} with no text left ({reasons}{more})"


def _size_text(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    scaled = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        scaled /= 1000
        if scaled < 1000 or unit == "TB":
            break
    return f"{scaled:,.1f} {unit}"


def _duration(seconds: float) -> str:
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


# A news page takes milliseconds; a minute means a pathological input, not a slow one.
DEFAULT_TIMEOUT = 60.0


def _seconds(value: str) -> float | None:
    if value.lower() in ("none", "0", "off"):
        return None
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds or 'off', got {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be > 0 seconds (or 'off'), got {number}")
    return number


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value!r}") from None
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {number}")
    return number


def _threshold_or_off(value: str) -> float | None:
    return None if value.strip().lower() == "off" else _threshold(value)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="Clean news text and find same-story documents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(command: argparse.ArgumentParser) -> None:
        command.add_argument("paths", nargs="+",
                             help="files (.txt, .html), directories (read recursively), records (.jsonl, .ndjson, "
                                  ".json, .parquet, .csv, .tsv; .gz or .zst compressed) with a text or html field, "
                                  "or - for "
                                  "standard input (sniffed: gzip, JSONL, JSON or one document)")
        command.add_argument("--text-field", default="text", help="the record field holding the text (default: text)")
        command.add_argument("--html-field", default="html", help="the record field holding HTML (default: html)")
        command.add_argument("--id-field", default="id", help="the record field holding the id (default: id)")
        command.add_argument("--kind", choices=("auto", "html", "text"), default="auto",
                             help="what the inputs are: HTML pages, plain text, or decided per document (default)")
        command.add_argument("--lang", default="auto",
                             help="language of the documents: 'auto' (default) detects it per document, "
                                  "or a code such as en, de, fr")
        command.add_argument("--comments", action="store_true",
                             help="keep reader comments, apart from the article, in meta.comments (default: dropped)")
        command.add_argument("--no-vote", dest="vote", action="store_false",
                             help="HTML: trafilatura and the line classifier alone, without the line vote of "
                                  "readability and the page-text classifier (faster on pages that do not call "
                                  "themselves articles, less accurate there)")
        command.add_argument("--no-whole-page", dest="whole_page", action="store_false",
                             help="plain dumps: the line classifier's article block on every page, without the "
                                  "gate that reads listing, forum and collection pages whole")
        command.add_argument("--workers", type=_positive_int, default=1,
                             help="processes to clean with; output order is kept (default: 1)")
        command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT,
                             help="seconds one document may take before it becomes an error record "
                                  f"(default: {DEFAULT_TIMEOUT:g}; runs the stages in worker processes)")
        command.add_argument("--engine", choices=("processes", "dask"), default="processes",
                             help="where the work runs: local worker processes (default) or a Dask cluster "
                                  "(pip install 'newsclean[dask]')")
        command.add_argument("--scheduler", default=None,
                             help="with --engine dask: the scheduler's address (default: a local cluster of "
                                  "--workers processes, started and stopped by this command)")
        command.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES,
                             help="documents larger than this many bytes are refused with an error record "
                                  f"(default: {DEFAULT_MAX_BYTES:,})")

    clean = sub.add_parser("clean", help="clean documents and write JSON lines")
    inputs(clean)
    clean.add_argument("-o", "--output", help="write records here, atomically, in the format its name says "
                                              "(.jsonl, .jsonl.gz, .jsonl.zst, .parquet); a directory (a name ending "
                                              "in /, or an existing one) gets shards and a manifest, and the same "
                                              "command run again resumes where it stopped; - or the default: JSON lines on stdout")
    clean.add_argument("--shard-size", type=_positive_int, default=10_000,
                       help="records per shard when -o is a directory (default: 10,000)")
    clean.add_argument("--shard-format", choices=("jsonl.gz", "jsonl", "jsonl.zst", "parquet"), default="jsonl.gz",
                       help="the shards' format when -o is a directory (default: jsonl.gz)")

    clean.add_argument("--mark-duplicates", action="store_true",
                       help="mark exact duplicates (same text once case, punctuation and spaces are set aside) and "
                            "re-crawls (same canonical URL in the url field) with meta.duplicate_of, in input order; "
                            "a resumed -o DIR/ run does not see the records of shards finished before")

    dedup = sub.add_parser("dedup", help="find copies or same-story clusters")
    inputs(dedup)
    dedup.add_argument("--mode", choices=("story", "copy"), default="story",
                       help="story: reports of the same event; copy: reprints (default: story)")
    dedup.add_argument("--threshold", type=_threshold, default=None,
                       help="similarity needed to link two documents (default: the mode's)")
    dedup.add_argument("--cluster-threshold", type=_threshold, default=None,
                       help="story mode: similarity to a cluster's centroid a document needs to join it "
                            f"(default: {DEFAULT_CLUSTER_THRESHOLDS['story']})")
    dedup.add_argument("--join-threshold", type=_threshold_or_off, default=DEFAULT_JOIN_THRESHOLD,
                       help="story mode: mean similarity to a cluster's first members a document also needs to "
                            f"join it, or 'off' (default: {DEFAULT_JOIN_THRESHOLD})")
    dedup.add_argument("--json", action="store_true", help="print clusters as JSON")
    dedup.add_argument("--no-url-match", action="store_true",
                       help="do not treat records with the same canonical url field (scheme, www., tracking "
                            "parameters and fragments aside) as the same document")
    dedup.add_argument("--window-days", type=_positive_int, default=None,
                       help="dated documents further apart than this many days are never the same story "
                            "(default: no window)")
    dedup.add_argument("-o", "--output",
                       help="write JSON lines here (atomically): one document per cluster, its representative, "
                            "with cluster_id and cluster_size; every input field passes through; - writes them "
                            "to stdout (without -o: a report)")
    dedup.add_argument("--annotate", action="store_true",
                       help="with -o: write every document with its cluster_id instead of one per cluster")
    dedup.add_argument("--no-refine", action="store_true",
                       help="story mode: keep the clusters as documents were assigned on arrival, without "
                            "refining them over the whole input (refining is the default)")

    demo = sub.add_parser("demo", help="the main job on the seed documents")
    demo.add_argument("path", nargs="?", default="seeds", help="a folder of documents (default: seeds)")
    return parser


def _version() -> str:
    from newsclean import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        with _engine(args):
            if args.command in ("clean", "dedup"):
                _check_output(args)
            if args.command == "clean":
                return _cmd_clean(args)
            if args.command == "dedup":
                return _cmd_dedup(args)
            return _cmd_demo(args)
    except (InputError, NewscleanError, ValueError) as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `newsclean clean ... | head`
        return EXIT_OK


def _check_output(args: argparse.Namespace) -> None:
    """Refuse an output that is one of the inputs (``clean in.jsonl -o in.jsonl`` replaced
    the corpus with its cleaned records, silently); warn of one inside an input directory,
    which the next run over that directory reads as input."""
    output = getattr(args, "output", None)
    if not output or output == "-":
        return
    target = Path(output).resolve()
    for raw in args.paths:
        if raw == "-":
            continue
        source = Path(raw).resolve()
        if source == target:
            raise InputError(f"the output {output} is the input {raw}: write the output elsewhere")
        if source.is_dir() and source in target.parents:
            print(f"newsclean: warning: the output {output} is inside the input directory {raw}; a later run over "
                  f"{raw} reads it as input too", file=sys.stderr)


def _clean_items(items: Iterable[InputItem], args: argparse.Namespace,
                 prepare: dict[str, Any] | None = None) -> Iterator[tuple[InputItem, Document, Prepared | None]]:
    """Clean every readable item, in input order, streaming; unreadable ones become error records.

    Items are read only as fast as the workers take them (a bounded amount in flight),
    so memory does not grow with the corpus. With ``prepare`` (DuplicateIndex settings)
    the workers also compute each document's dedup features (DuplicateIndex.prepare),
    the costly part of an add, so that only the ordered assignment is left to this
    process.
    """
    # dedup (``prepare``) writes records and clusters, never sentences, and the story
    # features do not read them
    pipeline = default_pipeline(lang=args.lang, kind=getattr(args, "kind", "auto"),
                                comments=bool(getattr(args, "comments", False)), sentences=prepare is None,
                                vote=bool(getattr(args, "vote", True)),
                                whole_page=bool(getattr(args, "whole_page", True)))
    if getattr(args, "mark_duplicates", False):
        pipeline = Pipeline(*pipeline.stages, MarkExactDuplicates())
    pending: deque[InputItem] = deque()

    def readable() -> Iterator[Document]:
        for item in items:
            pending.append(item)
            if not item.error:
                doc = record_document(item.fields, doc_id=item.id, source=item.source)
                yield doc.with_meta(record_note=item.note) if item.note else doc

    workers, timeout = getattr(args, "workers", 1), getattr(args, "timeout", None)
    max_bytes = getattr(args, "max_bytes", DEFAULT_MAX_BYTES)
    engine = getattr(args, "dask_engine", None)
    results: Iterator[tuple[Document, Prepared | None]]
    if prepare is None:
        results = ((doc, None) for doc in pipeline.map(readable(), workers=workers, timeout=timeout,
                                                          max_bytes=max_bytes, engine=engine))
    elif workers == 1 and timeout is None and engine is None:
        index = DuplicateIndex(**prepare)
        results = ((doc, None if "error" in doc.meta else index.prepare(doc))
                   for doc in pipeline.map(readable(), max_bytes=max_bytes))
    else:
        work = functools.partial(_clean_and_prepare, pipeline.stages, max_bytes, tuple(sorted(prepare.items())))
        chunks = (ordered_map(work, readable(), _failed_in_engine, workers=workers, chunk_size=32, timeout=timeout)
                  if engine is None else
                  engine.ordered_map(work, readable(), _failed_in_engine, chunk_size=32, timeout=timeout))
        results = ((doc, prepared) for doc, prepared in chunks)
    for doc, prepared in results:
        while pending[0].error:
            item = pending.popleft()
            yield item, _error_doc(item), None
        item = pending.popleft()
        if "error" in doc.meta:
            yield item, doc, None
            continue
        dated = with_record_date(item.fields, doc)
        if prepared is not None and dated is not doc:  # the record's own date wins (records.with_record_date)
            prepared = dataclasses.replace(prepared, entry=dataclasses.replace(prepared.entry, day=document_day(dated)))
        yield item, dated, prepared
    while pending:
        item = pending.popleft()
        yield item, _error_doc(item), None


@functools.lru_cache(maxsize=4)
def _index_for(settings: tuple[tuple[str, Any], ...]) -> DuplicateIndex:
    """One index per worker process and settings, only to prepare documents with."""
    return DuplicateIndex(**dict(settings))


def _clean_and_prepare(stages: tuple[Any, ...], max_bytes: int | None, settings: tuple[tuple[str, Any], ...],
                       chunk: list[tuple[int, Any]]) -> list[tuple[Document, Prepared | None]]:
    """A chunk in a worker: clean each document, then prepare it for the index."""
    index = _index_for(settings)
    return [(doc, None if "error" in doc.meta else index.prepare(doc))
            for doc, _stats, _failed in _run_chunk(stages, max_bytes, chunk)]


def _failed_in_engine(source: Any, position: int, reason: str) -> tuple[Document, None]:
    return _error_record(source, position, "engine", "WorkerError", reason), None


@contextlib.contextmanager
def _engine(args: argparse.Namespace) -> Iterator[None]:
    """With ``--engine dask``: a client of the given scheduler, or of a local cluster of
    ``--workers`` processes that lives as long as the command."""
    if getattr(args, "engine", "processes") != "dask":
        yield
        return
    try:
        from distributed import Client, LocalCluster

        from newsclean.dask import DaskEngine
    except ImportError as exc:
        raise InputError("--engine dask needs Dask: pip install 'newsclean[dask]'") from exc
    with contextlib.ExitStack() as stack:
        if args.scheduler:
            client = stack.enter_context(Client(args.scheduler))  # type: ignore[no-untyped-call]
        else:
            cluster = stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"))
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        args.dask_engine = DaskEngine(client)
        yield


def _passthrough(item: InputItem) -> dict[str, Any]:
    """The record's fields other than the ones read as its text (``--text-field``,
    ``--html-field``), for outputs that pass them through."""
    return {key: value for key, value in item.fields.items() if key not in item.consumed}


def _read_fields(args: argparse.Namespace) -> tuple[str, ...]:
    """The fields besides the text that a cleaned record writes over: the id and the title
    were read as the document's (records.output_record keeps any other one it would overwrite)."""
    return (getattr(args, "id_field", "id"), "title")


def _error_doc(item: InputItem) -> Document:
    return Document(id=item.id, text="", meta={"error": {"stage": "input", "type": "InputError",
                                                         "message": item.error}})


def _inputs(args: argparse.Namespace, progress: InputProgress | None = None) -> Iterator[InputItem]:
    """The inputs, with every path checked before any document is cleaned."""
    fields = RecordFields(text=args.text_field, html=args.html_field, id=args.id_field)
    items = iter_inputs(args.paths, max_bytes=args.max_bytes, fields=fields, progress=progress)
    first = next(items, None)  # a generator checks its paths on the first next()
    if first is None:
        raise InputError("no documents in " + ", ".join(args.paths))
    return itertools.chain([first], items)


def _job(args: argparse.Namespace) -> dict[str, Any]:
    """What a sharded output directory records of the run: every input file (path, size,
    modification time) and every setting that changes the records."""
    files: list[list[Any]] = []
    for path in args.paths:
        if path == "-":
            raise InputError("a directory output (shards that resume) needs files, not standard input")
        root = Path(path).resolve()
        for file in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if file.is_file():
                stat = file.stat()
                files.append([str(file), stat.st_size, stat.st_mtime_ns])
    options = {key: getattr(args, key, None) for key in ("kind", "lang", "text_field", "html_field", "id_field",
                                                         "max_bytes", "comments", "mark_duplicates", "vote",
                                                         "whole_page")}
    return {"command": "clean", "inputs": files, "options": options, "newsclean": _version()}


def _is_directory_output(output: str | None) -> bool:
    if not output or output == "-":
        return False
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _cmd_clean(args: argparse.Namespace) -> int:
    if _is_directory_output(args.output):
        return _cmd_clean_shards(args)
    read = InputProgress()
    items = _inputs(args, read)
    progress = _Progress("clean", inputs=read)
    failed = 0
    replaced = _read_fields(args)

    def write_all(write: Callable[[dict[str, Any]], object]) -> None:
        nonlocal failed
        for _item, doc, _prepared in _clean_items(items, args):
            error = doc.meta.get("error")
            failed += error is not None
            # Every input field passes through (records.output_record).
            cleaned = doc.to_dict() if error is None else {"id": doc.id, "error": doc.meta["error"]}
            write(output_record(_passthrough(_item), cleaned, read=replaced))
            progress.step(error is not None, doc=doc)

    if args.output:
        with RecordWriter(args.output) as out:
            write_all(out.write)
    else:
        write_all(lambda record: sys.stdout.write(json_line(record)))
    progress.close()
    progress.summary()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _cmd_clean_shards(args: argparse.Namespace) -> int:
    """clean -o DIR/: shards and a manifest; a run that stopped resumes after its last
    finished shard (the inputs and settings must be the same: the manifest checks)."""
    writer = ShardedWriter(args.output, job=_job(args), shard_size=args.shard_size, suffix="." + args.shard_format)
    if writer.complete:
        print(f"newsclean clean: {args.output} is complete ({writer.done:,} records in {len(writer.shards)} shards); "
              "nothing to do", file=sys.stderr)
        return EXIT_OK
    skip = writer.done
    if skip:
        print(f"newsclean clean: resuming {args.output} after {skip:,} records ({len(writer.shards)} shards)",
              file=sys.stderr)
    read = InputProgress()
    items = itertools.islice(_inputs(args, read), skip, None)
    progress = _Progress("clean", inputs=read)
    failed = 0
    replaced = _read_fields(args)
    with writer:
        for item, doc, _prepared in _clean_items(items, args):
            error = doc.meta.get("error")
            failed += error is not None
            cleaned = doc.to_dict() if error is None else {"id": doc.id, "error": doc.meta["error"]}
            writer.write(output_record(_passthrough(item), cleaned, read=replaced))
            progress.step(error is not None, doc=doc)
    progress.close()
    progress.summary()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _cmd_dedup(args: argparse.Namespace) -> int:
    index = DuplicateIndex(mode=args.mode, threshold=args.threshold, cluster_threshold=args.cluster_threshold,
                           join_threshold=args.join_threshold, window_days=args.window_days,
                           match_urls=not args.no_url_match)
    read = InputProgress()
    progress = _Progress("dedup", inputs=read)
    failed = 0
    titles: dict[str, str] = {}
    report_titles = not args.output and not args.json
    seen: dict[str, int] = {}
    replaced = _read_fields(args)
    days: list[int] = []  # the first and last day of the dated documents
    # Records wait in a temporary file, not in memory, until the clusters are final.
    with tempfile.TemporaryFile("w+", encoding="utf-8") if args.output else contextlib.nullcontext() as spill:
        settings = {"mode": args.mode, "threshold": args.threshold, "window_days": args.window_days,
                    "match_urls": not args.no_url_match}
        for item, doc, prepared in _clean_items(_inputs(args, read), args, prepare=settings):
            if "error" in doc.meta:
                failed += 1
                print(f"newsclean: {item.id}: {doc.meta['error']['message']}", file=sys.stderr)
                record: dict[str, Any] = output_record(_passthrough(item), {"id": doc.id, "error": doc.meta["error"]},
                                                       read=replaced)
                doc_id = None
            else:
                doc_id = _unique_id(doc.id, seen)
                if (day := document_day(doc)) is not None:
                    days[:] = [min(day, days[0]), max(day, days[1])] if days else [day, day]
                if prepared is None:
                    index.add(doc_id, doc)
                else:
                    index.add_prepared(doc_id, prepared)
                if report_titles:  # only the text report shows them: not kept for millions written out
                    titles[doc_id] = doc.title
                # A JSONL record passes through whole; a file becomes its cleaned text.
                record = (_indexed_record(item.fields, doc_id, args.id_field) if item.fields
                          else {"id": doc_id, "title": doc.title, "text": doc.text})
            if spill is not None:
                spill.write(spill_line({"doc": doc_id, "record": record}))
            progress.step("error" in doc.meta, doc=doc)
        progress.close()
        if args.mode == "story" and not args.no_refine:
            progress.note(f"refining the story clusters of {len(index):,} documents...")
        clusters = index.clusters(min_size=1, refine=not args.no_refine, progress=progress.phase,
                                  workers=args.workers if args.engine != "dask" else 1)
        kept = _write_dedup_output(spill, clusters, args) if spill is not None else len(clusters)
    shown = [c for c in clusters if len(c.ids) > 1]
    if args.json:
        print(json.dumps({
            "mode": args.mode, "threshold": index.threshold, "cluster_threshold": index.cluster_threshold,
            "join_threshold": index.join_threshold,
            "clusters": [{"id": c.id, "ids": list(c.ids), "representative": c.representative,
                          "similarity": c.similarity} for c in shown],
            "skipped": index.skipped,
        }, ensure_ascii=False, indent=2))
    elif not args.output:
        kind = "story" if args.mode == "story" else "copy"
        print(f"{len(shown)} {kind} cluster(s) of 2+ among {len(index)} documents "
              f"(mode={args.mode}, threshold={index.threshold})")
        for number, cluster in enumerate(shown, start=1):
            print(f"\ncluster {number}: {len(cluster.ids)} documents, similarity {cluster.similarity:.3f}")
            for doc_id in cluster.ids:
                marker = "*" if doc_id == cluster.representative else " "
                print(f"  {marker} {doc_id}  {titles.get(doc_id, '')[:90]}")
        for doc_id, reason in sorted(index.skipped.items()):
            print(f"skipped {doc_id}: {reason}")
    print(f"newsclean dedup: {len(index) + failed} documents, {len(clusters)} clusters, {kept} kept"
          + (f", {failed} failed (error records)" if failed else "") + progress.without_text(), file=sys.stderr)
    if args.mode == "story" and args.window_days is None and days and days[1] - days[0] > _DATE_SPAN_NOTE_DAYS:
        first, last = (datetime.date.fromordinal(day).isoformat() for day in days)
        print(f"newsclean dedup: the dated documents span {days[1] - days[0]:,} days ({first} to {last}) and story "
              "clusters read no dates without --window-days: reports of one topic far apart in time (two product "
              "launches, two market falls) can share a cluster; --window-days 30 keeps them apart",
              file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


# Past this span of dates, dedup says that story clusters ignore them (--window-days is off
# by default, for ECB+'s stories hold follow-ups months apart): on MEANTIME's topic corpora
# of 2005-2013, 97 of 120 distinct Wikinews stories shared clusters without a window, 50
# with --window-days 30 (benchmarks/ecbplus_heldout.py).
_DATE_SPAN_NOTE_DAYS = 90


def _write_dedup_output(spill: IO[str], clusters: list[Cluster],
                        args: argparse.Namespace) -> int:
    """Write the records again with their cluster: every one (``--annotate``) or one per
    cluster, its representative. Error records are always written: nothing is dropped."""
    size = {c.id: len(c.ids) for c in clusters}
    # The clusters as listed (refined, unless --no-refine), not the index's online assignment.
    cluster_of = {doc_id: c.id for c in clusters for doc_id in c.ids}
    representatives = {c.representative for c in clusters}
    kept = 0
    spill.seek(0)
    with RecordWriter(args.output) as out:
        for line in spill:
            entry = read_spill_line(line)
            doc_id, record = entry["doc"], entry["record"]
            if doc_id is not None:
                if not args.annotate and doc_id not in representatives:
                    continue
                cluster_id = cluster_of[doc_id]
                # a record that has a cluster already (an annotated output read again) keeps it
                # beside the new one, as input_cluster_id
                record = output_record(record, {"cluster_id": cluster_id, "cluster_size": size[cluster_id]}, read=())
                kept += 1
            out.write(record)
    return kept


def _indexed_record(fields: Mapping[str, Any], doc_id: str, id_field: str) -> dict[str, Any]:
    """A record as dedup writes it: every field untouched, and the id it was indexed under
    where the record does not say it, since cluster ids are such ids. A record without an
    id gets the one made for it (``id``, as ``clean`` writes it; ``index_id`` where ``id``
    is another field of the record); a repeated id is indexed as ``id#2`` (``index_id``).
    Before, a cluster could be named by an id that no written record carried."""
    own = fields.get(id_field)
    if own is None and "id" not in fields:
        return {**fields, "id": doc_id}
    if own is None or str(own) != doc_id:
        # a record indexed before (an annotated output read again) keeps its old one beside
        return output_record(fields, {"index_id": doc_id}, read=())
    return dict(fields)


def _unique_id(doc_id: str, seen: dict[str, int]) -> str:
    """``doc_id``, or ``doc_id#2``, ``doc_id#3``... when feeds repeat it (42 and "42" too):
    a repeated id must not replace the document indexed under it."""
    count = seen.get(doc_id, 0) + 1
    seen[doc_id] = count
    if count == 1:
        return doc_id
    unique = f"{doc_id}#{count}"
    while unique in seen:
        count += 1
        unique = f"{doc_id}#{count}"
    seen[unique] = 1
    print(f"newsclean: id {doc_id!r} repeats; this document is indexed as {unique!r}", file=sys.stderr)
    return unique


def _cmd_demo(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    if not folder.is_dir():
        raise InputError(f"no such directory: {folder}")
    args.lang, args.kind, args.workers, args.max_bytes, args.paths = "auto", "auto", 1, DEFAULT_MAX_BYTES, [str(folder)]
    args.text_field, args.html_field, args.id_field = "text", "html", "id"
    args.timeout = None
    docs = [doc for _item, doc, _prepared in _clean_items(_inputs(args), args)]
    for doc in docs:
        print("=" * 78)
        print(f"{doc.id}")
        print(f"  title : {doc.title}")
        for key in ("date", "byline", "source", "encoding"):
            if key in doc.meta:
                print(f"  {key:<6}: {doc.meta[key]}")
        print(f"  {len(doc.sentences)} sentences; the first three:")
        for span in doc.sentences[:3]:
            print(f"    - {span.text}")
        print(f"  {len(doc.removed)} lines removed:")
        for removal in doc.removed:
            print(f"    [{removal.reason}] {removal.text[:70]!r}")
        rejoined = [edit for edit in doc.edits if edit.stage == "linebreaks"]
        if rejoined:  # a heading of their own: they are not among the removed lines
            print(f"  {len(rejoined)} line breaks repaired:")
            for edit in rejoined:
                print(f"    [{edit.kind}] {edit.before!r}")
    if len(docs) >= 2:
        a, b = docs[0], docs[1]
        story = similarity(a, b, mode="story")
        copy = similarity(a, b, mode="copy")
        print("=" * 78)
        same = story >= DEFAULT_THRESHOLDS["story"]
        print(f"story similarity {story:.3f} (threshold {DEFAULT_THRESHOLDS['story']}): "
              f"{'SAME STORY' if same else 'different stories'}")
        print(f"copy similarity  {copy:.3f} (threshold {DEFAULT_THRESHOLDS['copy']}): "
              f"{'a copy' if copy >= DEFAULT_THRESHOLDS['copy'] else 'not a copy (one outlet rewrote the other)'}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
