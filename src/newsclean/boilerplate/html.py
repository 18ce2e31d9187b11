"""HTML to article text through trafilatura, with a linear fallback that never fails.

The trafilatura settings were chosen by measurement on the article-extraction
benchmark (see ``benchmarks/boilerplate.py``): comments off, precision favoured.
trafilatura can give up (tiny fragments, pathological nesting); then tags are stripped
by a linear scan and the plain-text classifier decides, so HTML never crashes a batch.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass
from typing import Any

import regex

__all__ = ["HtmlExtraction", "extract_html", "looks_like_html"]

_TAG = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,2000})?/?>")
_STRUCTURAL = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|article|div|p|span|table|meta|title|br|section|main|"
    r"h[1-6]|ul|li|a\s)\b",
    regex.IGNORECASE,
)
_SCRIPT_STYLE = regex.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", regex.IGNORECASE | regex.DOTALL)
_BLOCK_TAG = regex.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|blockquote|title|aside|main|figure|figcaption)\b[^<>]{0,2000}>",
    regex.IGNORECASE,
)
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
# Nesting beyond this is not a real page; lxml and trafilatura recurse on depth.
_MAX_TAGS_FOR_TRAFILATURA = 200_000


def looks_like_html(text: str) -> bool:
    """True if ``text`` is markup rather than prose that mentions a tag.

    >>> looks_like_html("<p>Hello</p>"), looks_like_html("a < b and c > d")
    (True, False)
    """
    head = text[:20000]
    if _STRUCTURAL.search(head) is None:
        return False
    tags = _TAG.finditer(head)
    return next(tags, None) is not None and next(tags, None) is not None


@dataclass(frozen=True)
class HtmlExtraction:
    """What came out of a page: body lines, metadata, and how it was obtained."""

    lines: list[str]
    title: str
    date: str | None
    byline: str | None
    source: str | None
    method: str  # "trafilatura" or "tag-strip"
    note: str = ""


def extract_html(markup: str, *, favor_precision: bool = True) -> HtmlExtraction:
    """Extract the article of one page. Never raises on markup, however broken.

    >>> page = "<html><body><nav>Home</nav><article><p>" + "The council met today. " * 10 + "</p></article></body></html>"
    >>> extract_html(page).lines[0][:22]
    'The council met today.'
    """
    note = ""
    if markup.count("<") < _MAX_TAGS_FOR_TRAFILATURA:
        try:
            import trafilatura

            result: Any = trafilatura.bare_extraction(
                markup,
                include_comments=False,
                favor_precision=favor_precision,
                with_metadata=True,
                include_tables=True,
                deduplicate=False,
            )
        except (RecursionError, ValueError, TypeError, AttributeError, MemoryError) as exc:
            result, note = None, f"trafilatura failed: {type(exc).__name__}"
        else:
            if result is None:
                note = "trafilatura found no article"
        if result is not None and getattr(result, "text", None):
            lines = [line.strip() for line in str(result.text).split("\n") if line.strip()]
            return HtmlExtraction(
                lines=lines,
                title=str(result.title or "").strip(),
                date=str(result.date) if result.date else None,
                byline=str(result.author) if result.author else None,
                source=str(result.sitename) if result.sitename else None,
                method="trafilatura",
            )
    else:
        note = "too many tags for trafilatura"
    return HtmlExtraction(strip_tags(markup), "", None, None, None, "tag-strip", note)


def strip_tags(markup: str) -> list[str]:
    """Text lines of ``markup`` by a linear scan: blocks become lines, entities resolved."""
    text = _COMMENT.sub(" ", markup)
    text = _SCRIPT_STYLE.sub(" ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = _html.unescape(text)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
