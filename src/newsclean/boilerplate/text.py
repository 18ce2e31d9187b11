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
_PIPES_3 = regex.compile(r"\s[|•·]\s.*\s[|•·]\s")
# Barrier headings and comment marks, one regex for the hot path.
_STRONG = regex.compile(rf"(?:{_BARRIER.pattern})|(?:{_COMMENT_MARK.pattern})", regex.IGNORECASE)
# All whole-line patterns in one regex: one match call per removed line names its reason.
_WHOLE_LINE = regex.compile(
    "|".join(
        f"(?P<{name}>(?:{pattern.pattern}))"
        for name, pattern in (("social", _SOCIAL), ("counter", _COUNTER), ("related", _BARRIER),
                              ("comment", _COMMENT_MARK), ("navigation", _UI))
    ),
    regex.IGNORECASE,
)
_ANYWHERE = regex.compile(
    f"(?P<copyright>{_COPYRIGHT.pattern})|(?P<legal>{_LEGAL.pattern})", regex.IGNORECASE
)
_LIST_BULLET = regex.compile(r"^[•⁃▪◦‣●■○◆*·|>»›\-–—]+\s*")
_BULLET_CHARS = frozenset("•⁃▪◦‣●■○◆*·|>»›-–—")


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
    lang: str
    script: str
    stopwords: frozenset[str] = field(default_factory=frozenset)


_SCRIPTS = regex.compile(
    r"(\p{Latin}+)|(\p{Cyrillic}+)|(\p{Greek}+)|(\p{Arabic}+)|(\p{Hebrew}+)|"
    r"(\p{Hangul}+)|([\p{Han}\p{Hiragana}\p{Katakana}]+)|(\p{Thai}+)|(\p{Devanagari}+)|"
    r"(\p{Armenian}+)|(\p{Georgian}+)"
)
_SCRIPT_NAMES = ("", "LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "HANGUL", "CJK", "THAI",
                 "DEVANAGARI", "ARMENIAN", "GEORGIAN")
_TERMINALS = frozenset(".!?…。！？:;")
_CLOSING = "\"'”’»)]"
_DIGIT = regex.compile(r"\d")


def _script_of(text: str) -> str:
    """The script with the most letters in ``text`` ("" if it has no letters)."""
    if text.isascii():
        return "LATIN" if any(c.isalpha() for c in text) else ""
    counts: Counter[int] = Counter()
    for match in _SCRIPTS.finditer(text):
        counts[match.lastindex or 0] += match.end() - match.start()
    return _SCRIPT_NAMES[counts.most_common(1)[0][0]] if counts else ""


def _guess_lang(sample: str) -> str:
    stop = _stopwords()
    words = [w.lower() for w in _WORD.findall(sample)]
    best, best_hits = "en", 0
    for lang, words_of_lang in stop.items():
        hits = sum(1 for w in words if w in words_of_lang)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best


def _score_line(line: str, page: _Page, config: TextBoilerplateConfig) -> float:
    """How article-like one line is: positive for body text, negative for furniture.

    Cheap string checks come first and most lines never reach a regex: this runs on
    every line of every page.
    """
    if line[0] in _BULLET_CHARS:
        line = _LIST_BULLET.sub("", line) or line
    words = line.split()
    ascii_line = line.isascii()
    spaceless = not ascii_line and len(words) < len(line) / 12 and _script_of(line) in ("CJK", "THAI")
    size = len(line) / 4 if spaceless else len(words)
    if size < config.min_prose_words:
        if len(line) < 80 and _STRONG.match(line):
            return -config.barrier_cost
        return -config.short_line_cost
    if not ascii_line and not spaceless and size <= config.foreign_script_max_words:
        script = _script_of(line)
        if script and page.script and script != page.script:
            return -config.boilerplate_cost
    if size < 40 and _STRONG.match(line):
        return -config.barrier_cost
    if len(line) < 120 and _WHOLE_LINE.match(line):
        return -config.boilerplate_cost  # "Share it on social media!" is a sentence, not prose
    if len(line) < 600 and _ANYWHERE.search(line):
        return -config.boilerplate_cost - len(line) / 20
    if size < 16 and ((_DIGIT.search(line) and find_date(line) is not None) or _PIPES_3.search(line)):
        return -config.unpunctuated_cost
    if _is_headline(words):
        return -config.unpunctuated_cost
    ends = line.rstrip(_CLOSING)[-1:] in _TERMINALS
    if ends:
        return float(size)
    if size >= 2 * config.min_prose_words and not spaceless and line[0].islower():
        stops = sum(1 for w in words if w.lower() in page.stopwords)
        if stops >= config.stopword_share_for_prose * len(words):
            return size / 2  # hard-wrapped prose: no sentence end on this line
    return -config.unpunctuated_cost


def _explicit_reason(line: str) -> str:
    """The reason of unmistakable boilerplate, or "" (whole-line patterns only)."""
    bare = _LIST_BULLET.sub("", line) if line[0] in _BULLET_CHARS else line
    if len(bare) < 600:
        anywhere = _ANYWHERE.search(bare)
        if anywhere is not None and (anywhere.lastgroup == "legal" or len(bare) < 300):
            return str(anywhere.lastgroup)
    if len(bare) > 120:
        return ""
    whole = _WHOLE_LINE.match(bare)
    if whole is not None:
        return str(whole.lastgroup)
    if len(_PIPES.findall(bare)) >= 2:
        return "navigation"
    return ""


def _removed_reason(line: str, score: float, page: _Page, config: TextBoilerplateConfig) -> str:
    reason = _explicit_reason(line)
    if reason:
        return reason
    if not line.isascii():
        script = _script_of(line)
        if script and page.script and script != page.script and line.count(" ") < config.foreign_script_max_words:
            return "foreign-script"
    if len(line.split()) < config.min_prose_words:
        return "navigation"
    return "related" if score < 0 else ""


def _is_headline(words: list[str]) -> bool:
    """Title Case lines ("Can a Coalition Be Formed in Paris?") are headlines, not prose."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
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
    sample = " ".join(lines[:400])[:4000]
    lang = _guess_lang(sample)
    page = _Page(lang, _script_of(sample), _stopwords().get(lang, frozenset()))
    scores = [_score_line(line, page, config) for line in lines]
    start, end = _best_run(scores)
    if end <= start:
        # No line reads like an article (a one-line note, a list): keep everything that
        # is not unmistakable boilerplate rather than returning nothing.
        start, end = 0, len(lines)
        scores = [s if s > 0 or _explicit_reason(line) else 0.0 for s, line in zip(scores, lines)]
    verdicts: list[LineVerdict] = []
    for i, (line, score) in enumerate(zip(lines, scores)):
        if start <= i < end and (score > 0 or (score > -config.boilerplate_cost and not _explicit_reason(line))):
            verdicts.append(LineVerdict(line, score, ""))
            continue
        reason = _removed_reason(line, score, page, config)
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
