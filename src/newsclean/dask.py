"""newsclean on Dask: clean a corpus partition by partition, and deduplicate it with the
same clusters as one process.

``pip install 'newsclean[dask]'``. Works on a ``dask.bag.Bag`` of records (dicts, or plain
strings) and on a ``dask.dataframe.DataFrame`` with a text column; any scheduler (a
``distributed.Client`` in the caller's context, threads, processes).

- :func:`clean` maps the default pipeline (or yours) over partitions. Every input field
  passes through; a document that fails becomes a record with an ``error`` field, as in
  the CLI, never a lost partition.
- :func:`dedup` computes what each document contributes to duplicate detection (terms,
  MinHash signature, meaning vector: all of a story add's costly work) on the workers,
  partition by partition, then adds them to one :class:`~newsclean.DuplicateIndex` in
  input order on the caller's side. Story clusters depend on input order (a document
  joins the best cluster as it arrives), so this makes the Dask run's clusters those of
  the in-process run by construction, not by luck. The ordered part is the candidate
  lookup, the re-check and the assignment, which a single process does at ~750
  documents/s on news articles (README, "A plan for 100 million documents").

>>> import dask, dask.bag as db
>>> records = db.from_sequence([{"id": "a", "text": "Council passes budget. " * 12},
...                             {"id": "b", "text": "Council passes budget. " * 12}], npartitions=2)
>>> with dask.config.set(scheduler="sync"):
...     [c.ids for c in dedup(records, mode="copy").clusters()]
[('a', 'b')]
"""

from __future__ import annotations

import concurrent.futures
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsclean.clean import default_pipeline
from newsclean.dedup.index import DuplicateIndex, Prepared
from newsclean.document import Document
from newsclean.errors import ConfigError, InputError, NewscleanError, describe_type
from newsclean.pipeline import Pipeline
from newsclean.pipeline import to_document as source_document
from newsclean.records import output_record, record_document, record_value, with_record_date

__all__ = ["DaskEngine", "clean", "dedup", "prepare_partition", "to_document"]

try:  # the extra: a clear error at import, not an AttributeError later
    import dask.bag as dask_bag
    from dask.base import compute as dask_compute
    from dask.delayed import delayed as dask_delayed
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("newsclean.dask needs Dask: pip install 'newsclean[dask]'") from exc


def to_document(record: Any, position: int, *, text_field: str = "text", id_field: str = "id",
                title_field: str = "title") -> Document:
    """A record (dict or str) as a :class:`Document`; the id is ``record[id_field]`` or
    ``str(position)``. The same function serves the Dask and the in-process runs."""
    if isinstance(record, str):
        return Document(id=str(position), text=record)
    if not isinstance(record, dict):
        raise InputError(f"records are dicts or str, got {describe_type(record)}")
    text = record.get(text_field)
    if not isinstance(text, str):
        raise InputError(f"record {position}: field {text_field!r} is {describe_type(text)}, not text")
    doc_id = record.get(id_field)
    # title, url and date as the command line reads them (records.py); and the record's
    # language, as records compared without cleaning carry none found in them
    doc = record_document(record, doc_id=str(doc_id) if doc_id is not None else str(position), source=text,
                          title_field=title_field)
    lang = record_value(record, "lang")
    return with_record_date(record, doc.with_meta(lang=lang) if isinstance(lang, str) else doc)


def _clean_partition(records: Iterable[Any], pipeline: Pipeline, text_field: str, id_field: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in records:
        fields = dict(record) if isinstance(record, dict) else {text_field: record}
        cleaned: dict[str, Any]
        try:
            source = fields.get(text_field)
            if isinstance(source, (bytes, bytearray)):
                source = bytes(source)  # a binary column, decoded as the command line decodes it
            elif not isinstance(source, str):
                raise InputError(f"field {text_field!r} is {describe_type(source)}, not text")
            given = fields.get(id_field)
            # the record's title and url go in, and its date wins, as on the command line;
            # without an id, the id the pipeline derives from the text
            doc_id = str(given) if given is not None else source_document(source).id
            doc = with_record_date(fields, pipeline(record_document(fields, doc_id=doc_id, source=source)))
            cleaned = doc.to_dict()
        except NewscleanError as exc:  # one bad document, one error record
            cleaned = {"error": f"{type(exc).__name__}: {exc}"}
        except Exception as exc:  # a bug must not lose the partition either: it is recorded
            cleaned = {"error": f"unexpected {type(exc).__name__}: {exc}"}
        out.append(output_record(fields, cleaned, read=(text_field, id_field, "title")))
    return out


def clean(collection: Any, *, pipeline: Pipeline | None = None, text_field: str = "text",
          id_field: str = "id") -> Any:
    """Clean every document of a Dask bag (records or strings) or dataframe, lazily.

    A bag gives a bag of dicts (the input fields, then the cleaned document's fields;
    ``error`` for a document that could not be cleaned); a dataframe gives a bag of the
    same dicts, one per row (convert with ``.to_dataframe()`` if you need a frame).
    """
    pipeline = pipeline or default_pipeline()
    bag = _as_bag(collection)
    return bag.map_partitions(_clean_partition, pipeline, text_field, id_field)


def prepare_partition(records: Iterable[Any], settings: dict[str, Any], start: int, text_field: str, id_field: str,
                      title_field: str) -> list[tuple[str, Prepared]]:
    """(id, prepared) for each record of a partition, by an index made with ``settings``
    (DuplicateIndex keyword arguments); positions count from ``start``."""
    index = DuplicateIndex(**settings)
    return [(doc.id, index.prepare(doc))
            for doc in (to_document(record, start + i, text_field=text_field, id_field=id_field,
                                    title_field=title_field) for i, record in enumerate(records))]


def dedup(collection: Any, *, mode: str = "story", threshold: float | None = None,
          cluster_threshold: float | None = None, text_field: str = "text", id_field: str = "id",
          title_field: str = "title", window_days: int | None = None) -> DuplicateIndex:
    """Deduplicate a Dask bag or dataframe: the heavy work on the workers, the clusters
    assigned in input order here (see the module's docstring). Returns the index
    (``.clusters()``, ``.cluster_of(id)``, ``.query()``, ``.save()``).

    The records' text is compared as it is: pass the output of :func:`clean` (its ``text``
    and ``title`` fields) to deduplicate cleaned documents, as ``newsclean dedup`` does.
    ``window_days`` is :class:`~newsclean.DuplicateIndex`'s: dated records (their ``date``)
    further apart are never one story."""
    settings = {"mode": mode, "threshold": threshold, "cluster_threshold": cluster_threshold,
                "window_days": window_days}
    index = DuplicateIndex(**settings)  # type: ignore[arg-type]
    bag = _as_bag(collection)
    sizes = bag.map_partitions(lambda part: [sum(1 for _ in part)]).compute()
    starts = [0]
    for size in sizes[:-1]:
        starts.append(starts[-1] + size)
    partitions = bag.to_delayed()
    if len(partitions) != len(starts):
        raise ConfigError("the collection's partitions changed while it was read")
    prepared = [dask_delayed(prepare_partition)(part, settings, start, text_field, id_field, title_field)
                for part, start in zip(partitions, starts)]
    seen: set[str] = set()
    for doc_id, item in _in_order(dask_compute(*prepared)):  # type: ignore[no-untyped-call]
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r}: ids must be unique")
        seen.add(doc_id)
        index.add_prepared(doc_id, item)
    return index


def _in_order(partitions: Iterable[list[tuple[str, Prepared]]]) -> Iterator[tuple[str, Prepared]]:
    for part in partitions:
        yield from part


def _as_bag(collection: Any) -> Any:
    if isinstance(collection, dask_bag.Bag):
        return collection
    to_bag = getattr(collection, "to_bag", None)
    if callable(to_bag) and hasattr(collection, "columns"):  # a dask dataframe: rows as dicts
        return to_bag(format="dict")
    raise InputError(f"expected a dask.bag.Bag or a dask.dataframe.DataFrame, got {describe_type(collection)}")


class DaskEngine:
    """The Dask twin of the process engine (engine.py), for ``Pipeline.map(engine=...)``
    and the CLI's ``--engine dask``: chunks run as tasks on the cluster's workers, at most
    ``in_flight`` at a time (default: twice the cluster's threads), results in input
    order, the input read only as results are consumed.

    A chunk whose task fails (its worker died more often than Dask's own retries allow,
    or it ran past ``timeout``) is run again item by item, and only the item that fails
    alone becomes an error record. Limit: Dask cannot stop a task that is running, so a
    document stuck past its time limit becomes an error record while its worker thread
    goes on until the document finishes.
    """

    def __init__(self, client: Any, *, in_flight: int | None = None) -> None:
        self.client = client
        if in_flight is None:
            threads = sum(client.nthreads().values()) if hasattr(client, "nthreads") else 1
            in_flight = 2 * max(1, threads)
        if in_flight < 1:
            raise ConfigError(f"in_flight must be >= 1, got {in_flight!r}")
        self.in_flight = in_flight

    def ordered_map(self, work: Callable[[list[tuple[int, Any]]], list[Any]], items: Iterable[Any],
                    failed: Callable[[Any, int, str], Any], *, chunk_size: int,
                    timeout: float | None = None) -> Iterator[Any]:
        positions = itertools.count()
        iterator = iter(items)
        inflight: deque[tuple[list[tuple[int, Any]], Any]] = deque()
        limit = None if timeout is None else timeout * chunk_size + 10.0
        while True:
            while len(inflight) < self.in_flight:
                chunk = [(next(positions), item) for item in itertools.islice(iterator, chunk_size)]
                if not chunk:
                    break
                inflight.append((chunk, self.client.submit(work, chunk, pure=False)))
            if not inflight:
                return
            chunk, future = inflight.popleft()
            try:
                results = future.result(timeout=limit)
            except Exception:  # a timeout, a dead worker, a failed task: find the item alone
                future.cancel()
                yield from self._one_by_one(work, chunk, failed, timeout)
                continue
            yield from results

    def _one_by_one(self, work: Callable[[list[tuple[int, Any]]], list[Any]], chunk: list[tuple[int, Any]],
                    failed: Callable[[Any, int, str], Any], timeout: float | None) -> Iterator[Any]:
        for position, item in chunk:
            future = self.client.submit(work, [(position, item)], pure=False)
            try:
                (result,) = future.result(timeout=None if timeout is None else timeout + 10.0)
            except (concurrent.futures.TimeoutError, TimeoutError):
                future.cancel()
                yield failed(item, position, f"took longer than the time limit of {timeout} s on a Dask worker")
                continue
            except Exception as exc:  # its worker died, or the task raised: this item's record says so
                yield failed(item, position, f"its Dask task failed ({type(exc).__name__}: {exc})")
                continue
            yield result
