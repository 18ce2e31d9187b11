"""Canonical URLs: two records of the same page, crawled twice or linked with tracking
parameters, are the same document whatever their texts became.

The canonical form drops what never changes the page: the scheme (http and https serve
the same article), a leading ``www.``, default ports, the fragment, a trailing slash, and
tracking parameters (``utm_*`` and the click ids of ad and social platforms); the other
query parameters stay, sorted. Anything that is not an http(s) URL has no canonical form
(``""``), so it never makes two documents the same.

>>> canonical_url("https://www.Example.com/news/story/?utm_source=tw&id=7&fbclid=x#top")
'example.com/news/story?id=7'
>>> canonical_url("http://example.com:80/news/story") == canonical_url("https://example.com/news/story/")
True
"""

from __future__ import annotations

import re
import urllib.parse

__all__ = ["canonical_url"]

_TRACKING = re.compile(
    r"(?:utm_|mc_|pk_|piwik_|hsa_|_hs|ns_|at_).*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|twclid|"
    r"ocid|cmpid|smid|sr_share|ref_src|ref_url|guccounter|guce_referrer|guce_referrer_sig|__twitter_impression|spm",
    re.IGNORECASE)
# Longer than any URL a browser keeps; past it the text is not a URL worth a key.
_MAX_LENGTH = 4096


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module's docstring), or ``""``."""
    if not isinstance(url, str) or len(url) > _MAX_LENGTH:
        return ""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed port or netloc
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or ""
    query = sorted((key, value) for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.fullmatch(key))
    return host + path + ("?" + urllib.parse.urlencode(query) if query else "")
