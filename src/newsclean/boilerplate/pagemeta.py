"""Title, byline, date, site name, canonical URL and declared language of an HTML page,
with where each came from.

Evidence is read in order of how much a page's author meant it: JSON-LD and OpenGraph /
meta tags (written for machines), then the page's own markup (elements marked as the
author, the ``<h1>``, the ``<title>``). The meta-tag, JSON-LD and author-element readers
are trafilatura's (``trafilatura.metadata``), the part of its metadata pass that costs
little (~4 ms a page); its date search (htmldate over the whole tree) costs as much again
as the extraction itself, so dates come from meta tags and JSON-LD only (an undated page
may still get one from its text, by the line classifier). When trafilatura's metadata
module cannot be used (another version moved it), the stdlib readers in html.py give
the same fields from meta tags and JSON-LD, and the source says so.

Two clean-ups every consumer wants and pages get wrong:
- titles lose a site-name part ("Budget passed | The Herald" -> "Budget passed"), when
  that part is the page's site name or its domain, or (no site name known) when it is
  the short trailing part after a separator;
- bylines become names: "By"/"Von"/"Par"... dropped, several authors joined by "; ",
  handles ("@jdoe"), URLs, e-mail addresses and one-word section names refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["PageMetadata", "clean_byline", "clean_title", "page_metadata"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; ``sources`` maps each found field to where it was read."""

    title: str = ""
    date: str | None = None
    byline: str | None = None
    site_name: str | None = None
    url: str | None = None
    lang: str | None = None
    sources: Mapping[str, str] = field(default_factory=lambda: _EMPTY)


# Words that introduce a byline, in the languages of issue #8 and English.
_BY = re.compile(
    r"^(?:by|written by|words by|von|par|por|di|de|door|przez|автор|авторы|от|yazan|yazar|av|af|ved)\s*:?\s+",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:;|,|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bi\b|\bи\b)\s*", re.IGNORECASE)
_HANDLE_OR_ADDRESS = re.compile(r"^@|://|^www\.|@\w+\.\w")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")
_MAX_BYLINE_CHARS = 150


def clean_byline(raw: str | None) -> str | None:
    """A person's name (or names, joined by "; ") from a byline as pages write it.

    >>> clean_byline("By Jane Doe and John Roe")
    'Jane Doe; John Roe'
    >>> clean_byline("@janedoe") is None, clean_byline("Von Vanessa Franke")
    (True, 'Vanessa Franke')
    """
    if not raw:
        return None
    text = " ".join(raw.split())
    if len(text) > _MAX_BYLINE_CHARS:
        return None
    text = _BY.sub("", text)
    names: list[str] = []
    for part in _SEPARATORS.split(text):
        part = _BY.sub("", part.strip(" |-–—·'\"“”‘’«»()")).rstrip(",")
        if not part or _HANDLE_OR_ADDRESS.search(part) or not any(c.isalpha() for c in part):
            continue
        if part.casefold() not in {n.casefold() for n in names}:
            names.append(part)
    return "; ".join(names) or None


def _site_words(site_name: str | None, url: str | None) -> set[str]:
    """Ways a page may name its site in a title: the site name, the domain's main label."""
    words = set()
    if site_name:
        words.add(site_name.casefold())
    if url:
        host = re.sub(r"^[a-z]+://", "", url.casefold()).split("/")[0].split(":")[0]
        labels = [x for x in host.split(".") if x not in ("www", "m", "amp")]
        if len(labels) >= 2:
            words.add(labels[-2])
            words.add(".".join(labels))
    return words


def _is_site_part(part: str, site_words: set[str]) -> bool:
    folded = part.casefold().strip()
    squeezed = re.sub(r"[\s.'-]", "", folded)
    return any(folded == w or squeezed == re.sub(r"[\s.'-]", "", w) or (len(w) > 3 and w in squeezed and len(squeezed) <= len(w) + 12)
               for w in site_words)


def clean_title(raw: str, *, site_name: str | None = None, url: str | None = None) -> str:
    """``raw`` without the site's name where the page appended or prepended it.

    >>> clean_title("Budget passed after long debate | The Herald", site_name="The Herald")
    'Budget passed after long debate'
    >>> clean_title("Herald - Budget passed after long debate", url="https://www.herald.com/x")
    'Budget passed after long debate'
    >>> clean_title("Budget passed: what it means for you")
    'Budget passed: what it means for you'
    """
    title = " ".join(raw.split())
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    site_words = _site_words(site_name, url)
    if site_words:
        kept = [p for i, p in enumerate(parts) if not ((i == 0 or i == len(parts) - 1) and _is_site_part(p, site_words))]
        if kept and len(kept) < len(parts):
            # Only the separators between kept parts survive.
            start = title.find(kept[0])
            end = title.rfind(kept[-1]) + len(kept[-1])
            return title[start:end] if start >= 0 and end > start else " ".join(kept)
    return title


def page_metadata(tree: Any, markup: str, *, fallback: tuple[str, str | None, str | None, str | None]) -> PageMetadata:
    """Metadata of a parsed page (``tree``, an lxml element) and its ``markup``.

    ``fallback`` is what the stdlib readers found (title, ISO date, author, site name):
    used for what trafilatura's readers do not give, and for everything when they fail.
    """
    title, date, author, site_name = fallback
    sources: dict[str, str] = {}
    url = lang = None
    found: dict[str, Any] = {}
    try:
        found = _trafilatura_metadata(tree)
    except Exception:  # a reader's bug on one page must not cost the page its text
        found = {}
    if found:
        for key in found:
            if not key.endswith("_source"):
                sources[key] = found[f"{key}_source"]
        title = found.get("title") or title
        author = found.get("author") or author
        site_name = found.get("site_name") or site_name
        url = found.get("url")
    if title and "title" not in sources:
        sources["title"] = "head (stdlib reader)"
    if author and "author" not in sources:
        sources["author"] = "meta tags or JSON-LD (stdlib reader)"
    if site_name and "site_name" not in sources:
        sources["site_name"] = "og:site_name (stdlib reader)"
    if date:
        sources["date"] = "meta tags or JSON-LD"
    if tree is not None:
        declared = tree.get("lang") or tree.get("xml:lang")
        if declared and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", declared.strip()):
            lang = declared.strip().replace("_", "-")
            sources["lang"] = "<html lang>"
    cleaned_title = clean_title(title, site_name=site_name, url=url) if title else ""
    if cleaned_title != title and "title" in sources:
        sources["title"] += ", site name removed"
    byline = clean_byline(author)
    if author and not byline:
        sources.pop("author", None)
    if byline:
        sources["byline"] = sources.pop("author", "page")
    else:
        sources.pop("author", None)
    return PageMetadata(cleaned_title, date, byline, site_name or None, url, lang, MappingProxyType(sources))


# Fields where JSON-LD is preferred to meta tags (measured on trafilatura's evaluation
# pages, benchmarks/realpages.py); the others take JSON-LD only when meta tags lack them.
_JSON_LD_FIRST = frozenset({"author"})


def _trafilatura_metadata(tree: Any) -> dict[str, Any]:
    """Title, author, site name and canonical URL by trafilatura's readers, with sources."""
    from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title, extract_url
    from trafilatura.settings import Document as TrafilaturaDocument

    if tree is None:
        return {}
    found: dict[str, Any] = {}
    # Read apart, so that the JSON-LD of the article (typed as a Person's name, the
    # article's headline) wins over meta tags, which often name the desk or the agency.
    tagged = examine_meta(tree)
    structured = extract_meta_json(tree, TrafilaturaDocument())
    for key in ("author", "title", "sitename"):
        order = ((structured, "JSON-LD"), (tagged, "meta tags"))
        for document, source in order if key in _JSON_LD_FIRST else order[::-1]:
            value = getattr(document, key, None)
            if value:
                found[key], found[f"{key}_source"] = value, source
                break
    if not found.get("author"):
        author = extract_author(tree)
        if author:
            found["author"], found["author_source"] = author, "author element in the page"
    if not found.get("title"):
        title = extract_title(tree)
        if title:
            found["title"], found["title_source"] = title, "page markup (h1 or title)"
    url = extract_url(tree)
    if url:
        found["url"], found["url_source"] = url, "canonical link"
    if "sitename" in found:
        found["site_name"], found["site_name_source"] = found.pop("sitename"), found.pop("sitename_source")
    return found
