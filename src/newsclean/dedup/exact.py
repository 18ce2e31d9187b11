"""Stage: exact duplicates and re-crawls, marked before any MinHash work.

Two documents are exact duplicates when their texts are equal once case-folded, NFKC-
normalised and stripped of punctuation and spaces (:func:`~newsclean.dedup.index.exact_key`,
the same key :class:`DuplicateIndex` uses), and the same page when their ``meta["url"]``
has the same canonical form (:func:`~newsclean.dedup.urls.canonical_url`: scheme, ``www.``,
tracking parameters and fragments do not count). The stage marks the later document
(``meta["duplicate_of"]``, ``meta["duplicate_reason"]``) and keeps its text: whether to
drop it is the caller's choice, and nothing is lost.

Documents are told apart by id: the same id again is the same document seen again, not
a copy (strings given without ids get ids from their content, so identical strings are
one document to this stage; give ids to have their repeats marked).

It keeps state (the keys it has seen), so it must see the documents in one process and
in order: the stage says so with ``ordered = True``, and :meth:`Pipeline.map` runs it,
and every stage after it, in the calling process over the workers' results, in input
order, whatever the engine. Memory: one entry per distinct text and URL (~150 bytes);
past memory, use :class:`DuplicateIndex` with ``storage="redis://..."``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from newsclean.dedup.index import exact_key, has_text_key
from newsclean.dedup.urls import canonical_url
from newsclean.document import Document
from newsclean.errors import ConfigError

__all__ = ["MarkExactDuplicates"]


@dataclass
class MarkExactDuplicates:
    """Stage: mark a document whose text (or canonical URL) an earlier document had.

    >>> stage = MarkExactDuplicates()
    >>> first = stage(Document(id="a", text="The council met on Monday."))
    >>> second = stage(Document(id="b", text="the council met on monday"))
    >>> second.meta["duplicate_of"], second.meta["duplicate_reason"]
    ('a', 'same text')
    """

    match_urls: bool = True
    name: str = "exact-dedup"
    # Keeps state across documents: Pipeline.map runs it in the calling process, in order.
    ordered: ClassVar[bool] = True
    _owners: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.match_urls, bool):
            raise ConfigError(f"match_urls must be True or False, got {self.match_urls!r}")

    def __call__(self, doc: Document) -> Document:
        if "error" in doc.meta:
            return doc  # an error record has no text to compare
        keys: list[tuple[str, str]] = []
        text_key = exact_key(doc.text)
        if has_text_key(text_key):  # a text without a word ("", "* * *") is nobody's copy
            keys.append(("text:" + text_key, "same text"))
        url = doc.meta.get("url")
        if self.match_urls and isinstance(url, str):
            canonical = canonical_url(url)
            if canonical:
                keys.append(("url:" + canonical, "same canonical URL"))
        for key, reason in keys:
            owner = self._owners.get(key)
            if owner is not None and owner != doc.id:
                return doc.with_meta(duplicate_of=owner, duplicate_reason=reason)
        for key, _ in keys:
            self._owners.setdefault(key, doc.id)
        return doc

    def __len__(self) -> int:
        """How many keys (texts and URLs) the stage holds."""
        return len(self._owners)
