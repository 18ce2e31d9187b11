"""The plain-text boilerplate classifier: which lines of a page dump are the article.

A careless whole-page dump is a column of lines: menus, share buttons, the headline,
a date, the body, then related headlines, legal lines and more menus. Each line gets
a score from features of the line alone (length, sentence punctuation, stopword density
in the page's language, UI and social vocabulary, counters, copyright, script), and the
article is the contiguous run of lines with the highest total score (a maximum-sum
segment, found in one pass). Inside that run, short lines between paragraphs are kept
(subheads, short quotes) unless they are unmistakable boilerplate; outside it,
everything goes, and the header is searched for the title, date and byline.

Because scores depend on the line alone, the classifier is idempotent: run on its own
output, every prefix and suffix of the kept run still has a positive sum, so the same
lines are kept.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import regex

from newsclean.boilerplate.metadata import HeaderInfo, find_byline, find_date, title_similarity
from newsclean.document import Removal

__all__ = ["LineVerdict", "TextBoilerplateConfig", "classify_lines"]

_WORD = regex.compile(r"\w+")
_LETTERS = regex.compile(r"\p{L}")
_SENTENCE_END = regex.compile(r"[.!?…。！？:;][\"'”’»)\]]*\s*$")

# Unmistakable boilerplate, removed wherever it stands. Whole-line patterns only, so a
# sentence that mentions Facebook is never touched.
_SOCIAL = regex.compile(
    r"^(?:(?:follow|join|like|find) us(?: on)?\b.{0,40}|share(?: (?:this|it|on)\b.{0,60})?|tweet|"
    r"(?:share on |via )?(?:twitter|facebook|instagram|youtube|telegram|whatsapp|linkedin|pinterest|"
    r"reddit|tumblr|flipboard|vk|vkontakte|tiktok|snapchat|viber|messenger|threads|mastodon|x\.com|"
    r"rss(?: feed)?|e-?mail|print|copy link|copy|apple store|app store|google play|play market|"
    r"pocket|skype|odnoklassniki|whatsapp)|share-line.*|liked the story\?.*|"
    r"(?:teilen|partager|compartir|condividi|compartilhar|поделиться|поделитесь).{0,40}|"
    r"ссылка скопирована|link copied|copied!?)$",
    regex.IGNORECASE,
)
_COPYRIGHT = regex.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\brights reserved\b|"
    r"any use of (?:the )?materials|reproduction (?:in whole or in part )?(?:is )?(?:prohibited|forbidden)|"
    r"tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|"
    r"tutti i diritti riservati|todos os direitos reservados|все права защищены",
    regex.IGNORECASE,
)
_COUNTER = regex.compile(
    r"^(?:(?:views?|reads?|likes?|comments?|shares?|visits?|hits?|просмотр\w*|letture|"
    r"visualizzazioni|vues|visitas|aufrufe)\s*[:：]?\s*[\d.,\s]+[kKmM]?|"
    r"[\d.,\s]+[kKmM]?\s*(?:views?|reads?|likes?|comments?|shares?|просмотр\w*|letture|"
    r"commenti|comentarios|kommentare|commentaires)|\d[\d.,]*)$",
    regex.IGNORECASE,
)
_UI = regex.compile(
    r"^(?:search(?: .{0,30})?|menu|home|log ?in|log ?out|sign ?in|sign ?up|register|subscribe|"
    r"subscribe now|newsletter|newsletters|close|open|more|less|next|previous|prev|back|"
    r"back to top|scroll to top|skip to (?:main )?content|loading\.*|advertisement|ads?|"
    r"sponsored|source|sources|tags?|topics?|categories|category|read more|see more|show more|"
    r"load more|view all|see all|continue reading|click here|contact(?: us)?|about(?: us)?|"
    r"privacy(?: policy)?|terms(?: of (?:use|service))?|cookie(?:s| policy| settings)?|accept|"
    r"night_theme|dark mode|light mode|a\+|a-|en|es|de|fr|it|ru|ук|arm|eng|рус|language|"
    r"what are you looking for ?\??|leave a (?:comment|reply)|reply|cancel reply|"
    r"accedi|cerca.*|entrar|buscar|rechercher|suche|поиск|войти|меню|главная|"
    r"impressum|datenschutz|mentions légales|aviso legal|nessun commento|no comments?(?: yet)?)$",
    regex.IGNORECASE,
)
# Headings that open a non-article block (related links, comments, trending lists).
_BARRIER = regex.compile(
    r"^(?:related(?: (?:articles?|stories|posts|news|content|coverage|topics))?|"
    r"(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)|more (?:from|on|stories|news)\b.*|"
    r"recommended(?: for you)?|most (?:popular|read|viewed|shared)|trending(?: now)?|top stories|"
    r"latest(?: news)?|read (?:also|next)|see also|also read|\d*\s*comments?|comments?\s*\(\d+\)|"
    r"join the (?:conversation|discussion)|the most important \w+ news|must read.*|"
    r"читайте также|похожие новости|lire aussi|à lire aussi|leggi anche|lee también|leia também|"
    r"auch interessant|das könnte sie auch interessieren)$",
    regex.IGNORECASE,
)
# Comment threads: "grumpysal says:", "Leave a Reply". A barrier like the headings above.
_COMMENT_MARK = regex.compile(
    r"^(?:.{1,40}\s(?:says|said|wrote|commented)\s?:|leave a (?:reply|comment).*|"
    r"\d+\s+(?:comments?|replies|responses)|(?:show|view|load) (?:\d+ )?(?:more )?(?:comments|replies)|"
    r"you must be logged in to (?:post|leave) a comment.*|comments are closed.*)$",
    regex.IGNORECASE,
)
# Site furniture written as sentences: disclaimers, trademarks, cookie notices.
_LEGAL = regex.compile(
    r"\b(?:(?:this|our) (?:web ?)?site\b|registered trademarks?|trademarks? of|\bcookies?\b|"
    r"terms of (?:use|service)|privacy (?:policy|notice|statement)|affiliate (?:links?|commission)|"
    r"by (?:using|continuing to use|clicking)|newsletter|unsubscribe|"
    r"has not been evaluated by the food and drug|not intended to diagnose)",
    regex.IGNORECASE,
)
_PIPES = regex.compile(r"\s[|•·]\s")
_LIST_BULLET = regex.compile(r"^[•⁃▪◦‣●■○◆*·|>»›\-–—]+\s*")


@functools.lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("newsclean.data").joinpath("stopwords.json").read_text("utf-8"))
    return {lang: frozenset(words) for lang, words in raw.items()}


@dataclass(frozen=True)
class TextBoilerplateConfig:
    """Weights of the line classifier. Immutable; the defaults were chosen by measurement.

    >>> TextBoilerplateConfig().min_prose_words
    5
    """

    # A line needs this many words and a sentence ending to count as body text.
    min_prose_words: int = 5
    # What a line that is not body text costs the article run it sits in.
    short_line_cost: float = 1.0
    unpunctuated_cost: float = 2.0
    boilerplate_cost: float = 6.0
    barrier_cost: float = 25.0
    # Lines of another script than the page's, shorter than this, are stray UI strings.
    foreign_script_max_words: int = 8
    stopword_share_for_prose: float = 0.2


DEFAULT_TEXT_CONFIG = TextBoilerplateConfig()


@dataclass(frozen=True)
class LineVerdict:
    """The decision for one line: kept, or removed with a reason."""

    text: str
    score: float
    reason: str  # "" when kept


@dataclass
class _Page:
    lines: list[str]
    lang: str
    script: str
    stopwords: frozenset[str] = field(default_factory=frozenset)


def _script_of(text: str) -> str:
    counts: Counter[str] = Counter()
    for ch in _LETTERS.findall(text[:2000]):
        counts[_script_name(ch)] += 1
    return counts.most_common(1)[0][0] if counts else ""


@functools.lru_cache(maxsize=4096)
def _script_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for script in ("CYRILLIC", "GREEK", "ARABIC", "HEBREW", "HANGUL", "HIRAGANA", "KATAKANA",
                   "CJK", "THAI", "DEVANAGARI", "ARMENIAN", "GEORGIAN"):
        if script in name:
            return "CJK" if script in ("HIRAGANA", "KATAKANA") else script
    return "LATIN"


def _guess_lang(words: list[str]) -> str:
    stop = _stopwords()
    lowered = [w.lower() for w in words[:3000]]
    best, best_hits = "en", 0
    for lang, words_of_lang in stop.items():
        hits = sum(1 for w in lowered if w in words_of_lang)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best


def _line_reason(line: str, page: _Page, config: TextBoilerplateConfig) -> tuple[float, str]:
    """Score of one line (positive: article-like) and the reason it would be removed."""
    bare = _LIST_BULLET.sub("", line).strip()
    if not bare:
        return -config.short_line_cost, "navigation"
    if _COPYRIGHT.search(bare) and len(bare) < 300:
        return -config.boilerplate_cost, "copyright"
    if _SOCIAL.match(bare):
        return -config.boilerplate_cost, "social"
    if _COUNTER.match(bare):
        return -config.boilerplate_cost, "counter"
    if _BARRIER.match(bare):
        return -config.barrier_cost, "related"
    if _COMMENT_MARK.match(bare):
        return -config.barrier_cost, "comment"
    if len(_PIPES.findall(bare)) >= 2 and len(bare) < 200:
        return -config.boilerplate_cost, "navigation"
    if _LEGAL.search(bare) and len(bare) < 600:
        return -config.boilerplate_cost - len(bare) / 20, "legal"
    if _UI.match(bare):
        return -config.boilerplate_cost, "navigation"
    words = _WORD.findall(bare)
    n_words = len(words)
    line_script = _script_of(bare) if not bare.isascii() else "LATIN"
    if line_script and page.script and line_script != page.script and n_words <= config.foreign_script_max_words:
        return -config.boilerplate_cost, "foreign-script"
    spaceless = line_script in ("CJK", "THAI")
    size = len(bare) / 4 if spaceless else n_words
    if size < 16 and find_date(bare) is not None:
        return -config.unpunctuated_cost, "date"
    if _is_headline(words):
        return -config.unpunctuated_cost, "related"
    ends = _SENTENCE_END.search(bare) is not None
    if size >= config.min_prose_words and ends:
        return float(size), ""
    if size >= 2 * config.min_prose_words and not spaceless:
        stops = sum(1 for w in words if w.lower() in page.stopwords)
        if stops >= config.stopword_share_for_prose * n_words and bare[:1].islower():
            return size / 2, ""  # hard-wrapped prose: no sentence end on this line
    if size < config.min_prose_words:
        return -config.short_line_cost, "navigation"
    return -config.unpunctuated_cost, "related"


def _is_headline(words: list[str]) -> bool:
    """Title Case lines ("Can a Coalition Be Formed in Paris?") are headlines, not prose."""
    long_words = [w for w in words if len(w) > 3 and not w.isdigit()]
    if len(long_words) < 4:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= 0.8 * len(long_words)


def _best_run(scores: list[float]) -> tuple[int, int]:
    """The [start, end) run of lines with the largest total score (Kadane)."""
    best_sum, best = 0.0, (0, 0)
    current, start = 0.0, 0
    for i, score in enumerate(scores):
        if current <= 0:
            current, start = score, i
        else:
            current += score
        if current > best_sum:
            best_sum, best = current, (start, i + 1)
    return best


def classify_lines(
    lines: list[str], *, config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG
) -> tuple[list[LineVerdict], HeaderInfo]:
    """Decide every line of a page dump; return verdicts and what the header says.

    >>> verdicts, info = classify_lines(["Home", "Big news today",
    ...     "The council approved the new budget on Monday after a long debate.", "Views: 12"])
    >>> [v.reason for v in verdicts]
    ['navigation', 'title', '', 'counter']
    >>> info.title
    'Big news today'
    """
    words = _WORD.findall(" ".join(lines[:400]))
    lang = _guess_lang(words)
    page = _Page(lines, lang, _script_of(" ".join(lines[:200])), _stopwords().get(lang, frozenset()))
    scored = [_line_reason(line, page, config) for line in lines]
    start, end = _best_run([s for s, _ in scored])
    verdicts: list[LineVerdict] = []
    for i, (line, (score, reason)) in enumerate(zip(lines, scored)):
        inside = start <= i < end
        if inside and (score > 0 or reason in ("navigation", "related") and score > -config.boilerplate_cost):
            verdicts.append(LineVerdict(line, score, ""))
        else:
            verdicts.append(LineVerdict(line, score, reason or ("header" if i < start else "footer")))
    info = _header_info(lines, verdicts, start, end)
    return verdicts, info


def _header_info(lines: list[str], verdicts: list[LineVerdict], start: int, end: int) -> HeaderInfo:
    """Find title, date and byline among the removed lines around the article run."""
    info = HeaderInfo()
    if end <= start:
        return info
    page_title = lines[0] if lines else ""
    best_title, best_key = -1, (-1.0, 0.0)
    for i in range(start - 1, max(-1, start - 40), -1):
        line = lines[i]
        n_words = len(_WORD.findall(line))
        if n_words < 3 or verdicts[i].reason not in ("navigation", "related", "header") or len(line) > 300:
            continue
        if find_date(line) is not None or find_byline(line) is not None:
            continue
        similarity = title_similarity(line, page_title) if i > 0 else 0.5
        key = (similarity, -float(start - i))
        if key > best_key:
            best_title, best_key = i, key
    if best_title >= 0:
        info.title = lines[best_title].strip()
        verdicts[best_title] = LineVerdict(lines[best_title], verdicts[best_title].score, "title")
    window = [*range(max(0, start - 40), start), *range(end, min(len(lines), end + 15))]
    for i in window:
        if verdicts[i].reason in ("title", ""):
            continue
        line = lines[i]
        if info.date is None:
            date = find_date(line)
            if date is not None:
                info.date, info.date_text = date
                verdicts[i] = LineVerdict(line, verdicts[i].score, "date")
        if info.byline is None:
            byline = find_byline(line)
            if byline is not None:
                info.byline = byline
                verdicts[i] = LineVerdict(line, verdicts[i].score, "byline")
    return info


def removals(verdicts: list[LineVerdict], stage: str) -> tuple[Removal, ...]:
    """The removed lines as :class:`Removal` records."""
    return tuple(Removal(v.text, v.reason, stage) for v in verdicts if v.reason)
