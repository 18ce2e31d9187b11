"""The data every stage passes along: :class:`Document` and its parts.

All of them are immutable: a stage never mutates a document, it returns
``dataclasses.replace(doc, ...)``. That makes stages safe to compose and to run in
worker processes, and it makes a document's history (``removed``, ``edits``) trustworthy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from newsclean.errors import InputError, describe_type

__all__ = ["Document", "Edit", "Removal", "Span"]


class Span(NamedTuple):
    """A slice of a text: ``text == source[start:end]``.

    A named tuple rather than a dataclass (as are :class:`Removal` and :class:`Edit`):
    stages make one per sentence or per removed line, and a tuple is cheaper to build
    than a frozen dataclass; it is immutable and unpacks as ``start, end, text``.

    >>> s = "Hi. Bye."
    >>> span = Span(4, 8, s[4:8])
    >>> span.text
    'Bye.'
    >>> start, end, text = span
    """

    start: int
    end: int
    text: str


class Removal(NamedTuple):
    """A piece of text a stage removed, and why (a named tuple, like :class:`Span`).

    ``reason`` comes from one vocabulary shared by all stages (``navigation``,
    ``social``, ``copyright``, ``counter``, ``related``, ``template``, ...).
    """

    text: str
    reason: str
    stage: str


class Edit(NamedTuple):
    """A change a stage made to the text without removing content (e.g. a line rejoined).

    ``before`` and ``after`` are short excerpts around the change, enough to audit it.
    """

    stage: str
    kind: str
    before: str
    after: str


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Document:
    """One news document as it moves through a :class:`~newsclean.Pipeline`.

    ``text`` is the clean body: paragraphs separated by a blank line, title not
    included. ``raw`` holds undecoded bytes until the decode stage turns them into
    ``text``. ``meta`` is read-only (date, byline, source, encoding, ...).

    >>> doc = Document(id="a", text="Body.", title="Title")
    >>> doc.meta["x"] = 1
    Traceback (most recent call last):
    ...
    TypeError: 'mappingproxy' object does not support item assignment
    >>> doc.with_meta(x=1).meta["x"]
    1
    """

    id: str
    text: str
    title: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    sentences: tuple[Span, ...] = ()
    removed: tuple[Removal, ...] = ()
    edits: tuple[Edit, ...] = ()
    raw: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # A document of the wrong parts failed later, in a stage, as an AttributeError
        # ("stage 'decode' failed: 'NoneType' object has no attribute 'encode'"), or passed
        # through with an int id that the JSON output wrote as a number.
        if not (isinstance(self.id, str) and isinstance(self.text, str) and isinstance(self.title, str)):
            wrong = next(name for name in ("id", "text", "title") if not isinstance(getattr(self, name), str))
            raise InputError(f"Document.{wrong} must be str, got {describe_type(getattr(self, wrong))}")
        if self.raw is not None and not isinstance(self.raw, bytes):
            raise InputError(f"Document.raw must be bytes or None, got {describe_type(self.raw)}")
        if not isinstance(self.meta, MappingProxyType):
            if self.meta is not None and not isinstance(self.meta, Mapping):
                raise InputError(f"Document.meta must be a mapping, got {describe_type(self.meta)}")
            object.__setattr__(self, "meta", _frozen_mapping(self.meta))

    def __reduce__(self) -> tuple[Any, ...]:
        # MappingProxyType cannot be pickled; worker processes need documents that can.
        return (
            _rebuild_document,
            (self.id, self.text, self.title, dict(self.meta), self.sentences, self.removed,
             self.edits, self.raw),
        )

    def with_meta(self, **items: Any) -> Document:
        """Return a copy whose ``meta`` has ``items`` added (or replaced)."""
        merged = dict(self.meta)
        merged.update(items)
        return dataclasses.replace(self, meta=MappingProxyType(merged))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: what ``newsclean clean`` writes per document."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "sentences": [[s.start, s.end] for s in self.sentences],
            "removed": [
                {"text": r.text, "reason": r.reason, "stage": r.stage} for r in self.removed
            ],
            "edits": [
                {"stage": e.stage, "kind": e.kind, "before": e.before, "after": e.after}
                for e in self.edits
            ],
            "meta": _jsonable(self.meta),
        }


def _rebuild_document(
    id: str,
    text: str,
    title: str,
    meta: dict[str, Any],
    sentences: tuple[Span, ...],
    removed: tuple[Removal, ...],
    edits: tuple[Edit, ...],
    raw: bytes | None,
) -> Document:
    return Document(id, text, title, meta, sentences, removed, edits, raw)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
