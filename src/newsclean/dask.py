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

from collections.abc import Iterable, Iterator
from typing import Any

from newsclean.clean import default_pipeline
from newsclean.dedup.index import DuplicateIndex, Prepared
from newsclean.document import Document
from newsclean.errors import ConfigError, InputError, NewscleanError, describe_type
from newsclean.pipeline import Pipeline

__all__ = ["clean", "dedup", "prepare_partition", "to_document"]

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
    title = record.get(title_field)
    meta = {k: v for k, v in record.items() if k in ("date", "lang", "url") and isinstance(v, str)}
    return Document(id=str(doc_id) if doc_id is not None else str(position), text=text,
                    title=title if isinstance(title, str) else "", meta=meta)


def _clean_partition(records: Iterable[Any], pipeline: Pipeline, text_field: str, id_field: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for position, record in enumerate(records):
        fields = dict(record) if isinstance(record, dict) else {text_field: record}
        try:
            source = fields.get(text_field)
            if not isinstance(source, str):
                raise InputError(f"field {text_field!r} is {describe_type(source)}, not text")
            doc = pipeline(source, id=str(fields[id_field]) if fields.get(id_field) is not None else None)
            fields.update(doc.to_dict())
        except NewscleanError as exc:  # one bad document, one error record
            fields["error"] = f"{type(exc).__name__}: {exc}"
        except Exception as exc:
            fields["error"] = f"unexpected {type(exc).__name__}: {exc}"
        fields.setdefault("position_in_partition", position)
        out.append(fields)
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
          title_field: str = "title") -> DuplicateIndex:
    """Deduplicate a Dask bag or dataframe: the heavy work on the workers, the clusters
    assigned in input order here (see the module's docstring). Returns the index
    (``.clusters()``, ``.cluster_of(id)``, ``.query()``, ``.save()``)."""
    settings = {"mode": mode, "threshold": threshold, "cluster_threshold": cluster_threshold}
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
