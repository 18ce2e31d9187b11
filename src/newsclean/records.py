"""A corpus record as a :class:`Document`, and the cleaned document back as a record.

One mechanism for every engine that reads records (the command line, ``newsclean.dask``):
the record's ``title`` is the document's title, its ``url`` goes to ``meta`` (dedup reads
one page's records as one document by it), and its ``date``, when it reads as one, wins
over a date found in the text; each is read from the record, or from its ``meta`` or
``metadata`` dict where corpora keep them. On the way out every input field passes through and the
cleaned document's fields are written over the ones newsclean read (the text, the id,
the title); an input field that a cleaned one would otherwise overwrite (a corpus's own
``meta``, as The Pile's and RedPajama's records carry, or ``sentences``, ``error``) is
kept beside it as ``input_<name>``: nothing of the input is lost.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from newsclean.boilerplate.metadata import find_date
from newsclean.document import Document

__all__ = ["INPUT_PREFIX", "output_record", "record_document", "record_value", "with_record_date"]

# The name an input field keeps when a cleaned field of the same name is written.
INPUT_PREFIX = "input_"
_ISO_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


# Corpora that keep a record's provenance in a dict of its own: The Pile and RedPajama
# ("meta"), Dolma and datatrove ("metadata").
_NESTED = ("meta", "metadata")


def record_value(fields: Mapping[str, Any], name: str) -> Any:
    """The record's ``name`` field, or, where it has none, the one in its ``meta`` or
    ``metadata`` dict.

    >>> record_value({"text": "...", "meta": {"url": "https://x.org/a"}}, "url")
    'https://x.org/a'
    """
    if name in fields:
        return fields[name]
    for nested in _NESTED:
        inner = fields.get(nested)
        if isinstance(inner, Mapping) and name in inner:
            return inner[name]
    return None


def record_document(fields: Mapping[str, Any], *, doc_id: str, source: str | bytes,
                    title_field: str = "title") -> Document:
    """The document of one record: ``source`` (its text, or bytes to decode) with the
    record's title (``title_field``) and ``url`` (record_value: its own, or its meta's).

    >>> record_document({"title": "Budget passes", "url": "https://x.org/a"}, doc_id="a", source="Text.").meta["url"]
    'https://x.org/a'
    """
    title = record_value(fields, title_field)
    title = title if isinstance(title, str) else ""
    url = record_value(fields, "url")
    meta = {"url": url} if isinstance(url, str) and url else {}
    if isinstance(source, bytes):
        return Document(id=doc_id, text="", title=title, raw=source, meta=meta)
    return Document(id=doc_id, text=source, title=title, meta=meta)


def with_record_date(fields: Mapping[str, Any], doc: Document) -> Document:
    """``doc`` with the record's own ``date`` field, when it reads as a date (it wins over a
    date found in the text: story clustering keeps reports far apart in time apart).

    >>> with_record_date({"date": "2019-11-18T09:00:00Z"}, Document(id="a", text="x")).meta["date"]
    '2019-11-18'
    >>> "date" in with_record_date({"date": "2019-02-30"}, Document(id="a", text="x")).meta
    False
    """
    value = record_value(fields, "date")
    if isinstance(value, _dt.date):
        # a Parquet date or timestamp column (a datetime is a date too)
        return doc.with_meta(date=value.isoformat()[:10], date_source="input")
    if not isinstance(value, str) or not value.strip():
        return doc
    iso = value[:10] if _ISO_DAY.match(value) and _is_day(value[:10]) else None
    if iso is None:
        found = find_date(value)
        iso = found[0] if found else None
    return doc.with_meta(date=iso, date_source="input") if iso else doc


def _is_day(iso: str) -> bool:
    """Whether ``iso`` (YYYY-MM-DD) is a day of the calendar: "2020-02-30" is not."""
    try:
        _dt.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def output_record(fields: Mapping[str, Any], cleaned: Mapping[str, Any], *, read: Iterable[str]) -> dict[str, Any]:
    """The input ``fields`` with the ``cleaned`` ones written over those newsclean ``read``
    (the text, id and title fields); any other input field a cleaned one would overwrite
    is kept as ``input_<name>`` (``input_input_<name>`` if that is taken too).

    >>> output_record({"id": "a", "text": "raw", "meta": {"set": "CC"}}, {"id": "a", "text": "clean", "meta": {}},
    ...               read=("id", "text", "title"))
    {'id': 'a', 'text': 'clean', 'input_meta': {'set': 'CC'}, 'meta': {}}
    """
    replaced = set(read)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        # A field newsclean reads only as text: one it could not read (a title that is a
        # number or a list) was not read, and is kept, not written over by an empty title.
        unread = key in replaced and not isinstance(value, str) and str(value) != cleaned.get(key)
        if key in cleaned and (key not in replaced or unread):
            name = INPUT_PREFIX + key
            while name in fields or name in cleaned or name in out:
                name = INPUT_PREFIX + name
            out[name] = value
        else:
            out[key] = value
    out.update(cleaned)
    return out
