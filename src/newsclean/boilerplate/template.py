"""Cross-document template learning: lines a site repeats on every page.

Fit on a batch of pages from one site, :class:`SiteTemplate` learns the lines most of
them share (menus, footers, legal lines, newsletter prompts) and, as a stage, removes
them from any page of that site with the reason ``template``.

Two articles that quote the same sentence share a line too; that must survive. So a line
is template only if it appears on at least ``min_share`` of the pages *and* on at least
``min_pages`` of them, and long sentence-like lines need a higher share
(``prose_min_share``): a quotation may be repeated by a few related articles, never by
nearly every page of a site.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsclean.document import Document, Removal
from newsclean.errors import ConfigError, InputError, describe_type

__all__ = ["SiteTemplate"]

_PROSE_WORDS = 12


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _page_text(item: object) -> str:
    if isinstance(item, Document):
        return item.text if item.raw is None else item.raw.decode("utf-8", "replace")
    if isinstance(item, str):
        return item
    raise InputError(f"SiteTemplate.fit expects Documents or str, got {describe_type(item)}")


@dataclass(frozen=True)
class SiteTemplate:
    """Stage: remove the lines learned from a batch of pages of one site.

    >>> pages = [f"Home | News | Sport\\nStory {i} is about the council and its budget.\\n© 2025 Site"
    ...          for i in range(5)]
    >>> template = SiteTemplate.fit(pages)
    >>> sorted(template.lines)
    ['home | news | sport', '© 2025 site']
    >>> template(Document(id="x", text=pages[0])).text
    'Story 0 is about the council and its budget.'
    """

    lines: frozenset[str] = field(default_factory=frozenset)
    pages_seen: int = 0
    name: str = "template"

    @classmethod
    def fit(
        cls,
        pages: Iterable[Document | str],
        *,
        min_share: float = 0.5,
        min_pages: int = 3,
        prose_min_share: float = 0.9,
    ) -> SiteTemplate:
        """Learn the template of one site from raw pages (plain-text dumps or cleaned text)."""
        if not 0 < min_share <= 1 or not 0 < prose_min_share <= 1 or min_pages < 2:
            raise ConfigError("min_share and prose_min_share must be in (0, 1] and min_pages >= 2")
        counts: Counter[str] = Counter()
        n_pages = 0
        for page in pages:
            n_pages += 1
            counts.update({_key(line) for line in _page_text(page).split("\n") if line.strip()})
        learned = set()
        for line, count in counts.items():
            needed = prose_min_share if len(line.split()) >= _PROSE_WORDS else min_share
            if count >= min_pages and count >= needed * n_pages:
                learned.add(line)
        return cls(frozenset(learned), n_pages)

    def __call__(self, doc: Document) -> Document:
        if not self.lines or not doc.text:
            return doc
        kept: list[str] = []
        removed: list[Removal] = []
        for line in doc.text.split("\n"):
            if line.strip() and _key(line) in self.lines:
                removed.append(Removal(line.strip(), "template", self.name))
            else:
                kept.append(line)
        if not removed:
            return doc
        text = "\n".join(kept).strip("\n")
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return dataclasses.replace(doc, text=text, removed=(*doc.removed, *removed))

    def save(self, path: str | Path) -> None:
        """Write the template as JSON (sorted lines), to reuse it on later pages."""
        payload = {"format": "newsclean.SiteTemplate", "version": 1, "pages_seen": self.pages_seen,
                   "lines": sorted(self.lines)}
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteTemplate:
        """Read a template written by :meth:`save`; anything else raises :class:`ConfigError`."""
        try:
            payload = json.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise ConfigError(f"cannot read a SiteTemplate from {path}: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != "newsclean.SiteTemplate" \
                or payload.get("version") != 1:
            raise ConfigError(f"{path} is not a newsclean SiteTemplate (version 1) file")
        lines, pages = payload.get("lines"), payload.get("pages_seen")
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines) \
                or isinstance(pages, bool) or not isinstance(pages, int) or pages < 0:
            raise ConfigError(f"{path} is corrupt: 'lines' must be a list of str and 'pages_seen' a count")
        return cls(frozenset(lines), pages)
