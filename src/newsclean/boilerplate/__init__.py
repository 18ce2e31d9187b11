"""Boilerplate removal: HTML through trafilatura, plain-text dumps by our line classifier.

One reason vocabulary for every removal (see :data:`REASONS`), whichever path decided.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from newsclean.boilerplate._classifier import BUILD as CLASSIFIER_BUILD
from newsclean.boilerplate._classifier import assemble as _assemble
from newsclean.boilerplate._classifier import classify_lines, prose_words, removals
from newsclean.boilerplate._classifier import nonblank_lines as _nonblank
from newsclean.boilerplate.anchor import description_reading
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG, LineVerdict, TextBoilerplateConfig
from newsclean.boilerplate.flattened import (
    FLAT_PASSES,
    FLATTENED_NOTE,
    FlatPage,
    is_flattened,
    joined,
    read_flat,
    reviewed,
)
from newsclean.boilerplate.html import (
    extract_html,
    layout_part,
    looks_like_html,
    render_markup_lines,
    strip_tags,
    table_row_cells,
)
from newsclean.boilerplate.metadata import HeaderInfo
from newsclean.boilerplate.page_kind import read_whole
from newsclean.boilerplate.pagemeta import TITLE_SEPARATOR_MARKS, clean_byline
from newsclean.boilerplate.text import COOKIE_WALL, INTERSTITIAL, PAYWALL, has_text_outside_tags
from newsclean.boilerplate.vote import apply_vote, page_text_lines, reading_of
from newsclean.document import Document, Removal
from newsclean.errors import ConfigError, InputError, describe_type
from newsclean.langid import AUTO, language_for
from newsclean.repair import repair_encoding
from newsclean.segment import LANGUAGES

__all__ = ["CLASSIFIER_BUILD", "REASONS", "StripBoilerplate", "TextBoilerplateConfig", "strip_boilerplate"]

REASONS: tuple[str, ...] = (
    "navigation", "social", "copyright", "counter", "related", "template", "foreign-script",
    "title", "date", "byline", "header", "footer", "comment", "legal", "biography", "repeat",
    "caption", "link", "outvoted", "layout",
)

Kind = Literal["auto", "html", "text"]


@dataclass(frozen=True)
class StripBoilerplate:
    """Stage: keep the article, move title/date/byline to fields, record every removal.

    ``kind="auto"`` sends markup to trafilatura and everything else to the line
    classifier. An article with no text left gets ``meta["empty_reason"]``.

    ``comments=True`` keeps the reader comments in ``meta["comments"]`` (a list of
    paragraphs), apart from the article text, so that sentences, language and story
    matching still see the article alone: from HTML, the comments trafilatura finds; from
    a plain dump, the lines removed as ``comment``. Off by default.

    ``vote=True`` (the default) lets two more readings of an HTML page vote on the lines
    trafilatura's default or recall setting kept (pages that do not call themselves
    articles, teasers retried): readability-lxml's and the line classifier's over the
    page's whole text (boilerplate/vote.py). A line both leave out is removed as
    ``outvoted`` when the learned vote says so, and a paragraph of readability's that
    trafilatura lost is added where the page text holds it too (``meta["vote_added"]``
    counts them). It costs readability's parse of those pages: 30-45% more time a page on
    L3S-GN1's and WCXB's (the ``vote=False`` rows of benchmarks/l3s.py and wcxb.py);
    ``vote=False`` is trafilatura and the classifier alone.

    ``whole_page=True`` (the default) reads a plain dump that a learned gate takes for a
    page of many items (a listing, a collection, a forum, a service page) whole: the
    lines the classifier removed for where they sit (``related``, ``header``, ``footer``,
    ...) are kept, those removed for what they are (navigation, copyright, comments, ...)
    are not, and ``meta["whole_page"]`` gives the gate's chance where that kept a line
    (boilerplate/page_kind.py).
    HTML that trafilatura read is not gated. ``whole_page=False`` is the classifier alone.

    >>> doc = StripBoilerplate()(Document(id="x", text="Home\\nSearch\\n\\nBig news today\\n\\n"
    ...     "The council approved the new budget on Monday after a long debate.\\n\\nViews: 12"))
    >>> doc.title, doc.text, [r.reason for r in doc.removed]
    ('Big news today', 'The council approved the new budget on Monday after a long debate.', ['navigation', 'navigation', 'title', 'counter'])
    """

    kind: Kind = "auto"
    config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG
    name: str = "boilerplate"
    comments: bool = False
    vote: bool = True
    whole_page: bool = True

    def __post_init__(self) -> None:
        if self.kind not in ("auto", "html", "text"):
            raise ConfigError(f"kind must be 'auto', 'html' or 'text', got {self.kind!r}")
        if not isinstance(self.comments, bool):
            raise ConfigError(f"comments must be True or False, got {describe_type(self.comments)}")
        if not isinstance(self.vote, bool):
            raise ConfigError(f"vote must be True or False, got {describe_type(self.vote)}")
        if not isinstance(self.whole_page, bool):
            raise ConfigError(f"whole_page must be True or False, got {describe_type(self.whole_page)}")

    def __call__(self, doc: Document) -> Document:
        out = self._strip(doc)
        if not is_flattened(out.text):
            return out
        if out.meta.get("input_note") == FLATTENED_NOTE and len(out.removed) == len(doc.removed):
            return out  # read as one line and nothing removed: the same pieces would read the same again
        # Text that is one long line, as read (a page whose line breaks were lost) or as
        # extracted, is read as such again until a reading removes nothing (at most
        # FLAT_PASSES readings): its pieces are cut from the text anew each time, and
        # without chrome around them the classifier can see more of it. Else a second
        # clean of the output would remove more (clean is idempotent).
        reader = self if self.kind == "text" else dataclasses.replace(self, kind="text")
        for _ in range(FLAT_PASSES - 1):
            again = reader._strip(dataclasses.replace(doc, text=out.text, removed=()))
            if again.text == out.text:
                break
            out = dataclasses.replace(out, text=again.text, removed=(*out.removed, *again.removed))
            if "empty_reason" in again.meta:
                out = out.with_meta(empty_reason=again.meta["empty_reason"])
        return out

    def _strip(self, doc: Document) -> Document:
        is_html = self.kind == "html" or (self.kind == "auto" and looks_like_html(doc.text))
        extra_removed: tuple[Removal, ...] = ()
        meta: dict[str, object] = {"input_kind": "html" if is_html else "text"}
        sources: dict[str, str] = {}  # where each metadata field came from
        title = _plain_title(doc.title) if doc.title else doc.title
        flat: FlatPage | None = None  # a plain text whose line breaks were lost (boilerplate/flattened.py)
        page_text: list[str] | None = None  # the classifier's reading of an HTML page's whole text
        shown: list[str] | None = None  # that text as the classifier reads it, rendered once
        if is_html:
            url = doc.meta.get("url")
            extraction = extract_html(doc.text, comments=self.comments, url=url if isinstance(url, str) else None,
                                      readings=self.vote)
            if extraction.layout_cells and extraction.page_lines is not None:
                # trafilatura's text is a layout table readability did not replace; the
                # classifier's reading of the whole page may hold the article without the
                # chrome the table's cells run into it (html.layout_part). Read once: the
                # vote below asks for the same reading where it does not.
                shown = page_text_lines(extraction.page_lines)
                page_text = reading_of(shown, config=self.config)
                if layout_part(page_text, extraction.lines, extraction.layout_cells):
                    extraction = dataclasses.replace(
                        extraction, lines=page_text, method="page text", readability_lines=None, page_lines=None,
                        note="trafilatura's text is a layout table whose cells hold the page's chrome with the "
                             "article; the line classifier's reading of the page's text, a part of that prose "
                             "under half its length")
            if extraction.missed_description and extraction.page_lines is not None:
                # The page describes itself in words the extracted text lacks; where its body
                # prints them and the extractor read another part of the page, the article is
                # the classifier's reading of the page's text through that line
                # (boilerplate/anchor.py).
                if shown is None:
                    shown = page_text_lines(extraction.page_lines)
                reading = description_reading(extraction.lines, shown, extraction.missed_description,
                                              config=self.config)
                if reading is not None:
                    extraction = dataclasses.replace(
                        extraction, lines=reading, method="page text", readability_lines=None, page_lines=None,
                        note="the extracted text is a part of the page below the line its description of "
                             "itself stands in, sharing next to nothing with it; the line classifier's reading of "
                             "the page's text through that line")
            page = extraction.metadata
            meta["extractor"] = extraction.method
            if extraction.note:
                meta["extractor_note"] = extraction.note
            # Markup hides entities and odd spaces that only appear once parsed; the
            # extracted text gets the same repair as any other text.
            lines = repair_encoding("\n".join(extraction.lines)).split("\n")
            title = title or repair_encoding(page.title)
            # The page's headline often opens the extracted text too; it is the title. Where
            # nothing follows it, the headline is the page's text (a link page's one
            # summary line): it stays, not to leave the document empty.
            headline = [i for i, line in enumerate(lines[:3]) if title and _same_title(line, title)]
            if headline and any(line.strip() for line in lines[headline[0] + 1:]):
                at = headline[0]
                # Above the headline: a kicker or a date goes with it, but the prose right
                # above it is left to the classifier (CNN's lede, "(CNN) President ...",
                # comes first); prose above a short line is a teaser box's.
                above = [line for line in lines[:at] if line.strip()]
                run = len(above)
                while run and prose_words(above[run - 1]):
                    run -= 1
                prose = above[run:]
                extra_removed = (*(Removal(line, "header", self.name) for line in above[:run]),
                                 Removal(lines[at], "title", self.name))
                lines = prose + lines[at + 1:]
            # trafilatura puts one paragraph per line; a document separates them by blank lines.
            lines = [part for line in lines for part in (line, "")]
            for key, value in (("date", page.date), ("byline", page.byline), ("source", page.site_name),
                               ("canonical_url", page.url), ("page_lang", page.lang)):
                if value:
                    meta[key] = value
            sources.update(page.sources)
        else:
            lines, markup = doc.text.split("\n"), 0
            if "<" in doc.text:  # without one, no line is markup: one scan of the text, not a test a line
                lines, markup = render_markup_lines(lines)
            if markup:
                meta["input_note"] = f"mostly raw markup: {markup} line(s) of tags turned into text"
            elif is_flattened(doc.text):
                # A page whose line breaks were lost is one line to the classifier, which
                # then removes nothing: its sentences and runs of chrome are its lines
                # (boilerplate/flattened.py); the kept ones are joined again below.
                # meta["lang"] where the sentence rules have it ("cs" has none: English's), else detected
                flat = read_flat("\n".join(lines), lang=language_for(doc, AUTO, LANGUAGES))
                lines = flat.lines
                meta["input_note"] = FLATTENED_NOTE
        # Text by the tag-strip fallback is the whole page, not an extractor's choice: it is
        # scored as a plain dump is (benchmarks/l3s.py, HTML: 0.926 -> 0.928 on the development
        # half, 0.917 -> 0.919 held out, from its ten such pages).
        extracted = is_html and meta.get("extractor") != "tag-strip"
        verdicts, info = classify_lines(_nonblank(lines), config=self.config, extracted=extracted)
        if is_html and extraction.readability_lines is not None and extraction.page_lines is not None:
            if page_text is None:
                page_text = reading_of(shown if shown is not None else page_text_lines(extraction.page_lines),
                                       config=self.config)
            verdicts, added = apply_vote(verdicts, extraction.readability_lines, page_text)
            # Each verdict's line stands as its own paragraph, as trafilatura's lines did.
            lines = [part for verdict in verdicts for part in (verdict.text, "")]
            meta["vote_added"] = added
        if is_html:
            verdicts = unfold_layout_rows(verdicts)
        if self.whole_page and not extracted:
            # A dump of a listing, forum or collection page is many items, not one block
            # (boilerplate/page_kind.py): its lines removed for their place are kept.
            whole = read_whole(verdicts)
            if whole is not None:
                verdicts, chance = whole
                meta["whole_page"] = round(chance, 3)
        if is_html:
            verdicts = without_doubled_blocks(verdicts)
        verdicts = without_wordless_text(verdicts)
        verdicts, walled, above_wall = without_interstitial(verdicts)
        if flat is not None:
            # The pieces were one line: their verdicts read so (flattened.reviewed), no headline
            # taken, and the kept ones one line again (as paragraphs, a second reading would
            # take them for a dump's lines and cut again: clean would not be idempotent).
            verdicts = reviewed(verdicts, flat)
            info = dataclasses.replace(info, title="")
            text = joined(verdicts, flat.gaps)
        else:
            text = _assemble(lines, verdicts)
        meta.update(_info_meta(info, meta, sources))
        if doc.title:
            sources["title"] = "given"
        elif not title and above_wall:
            title, sources["title"] = above_wall, "headline above a paywall"
        elif not title and info.title:
            sources["title"] = "page text"
        if sources:
            meta["metadata_sources"] = sources
        if self.comments:
            found = list(extraction.comments) if is_html else []
            found += _comment_thread(verdicts, self.config.min_prose_words)
            meta["comments"] = found
        if not text:
            meta["empty_reason"] = walled or _empty_reason(doc.text, verdicts)
        out = dataclasses.replace(
            doc,
            text=text,
            title=title or info.title,
            removed=(*doc.removed, *extra_removed, *removals(verdicts, self.name)),
        )
        return out.with_meta(**meta)


def strip_boilerplate(text: str, *, kind: Kind = "auto", comments: bool = False) -> Document:
    """Boilerplate removal for one text; returns a :class:`Document` (text, title, meta).

    >>> strip_boilerplate("Follow us on Instagram\\nA long enough sentence to count as the article body.").text
    'A long enough sentence to count as the article body.'
    """
    if not isinstance(text, str):
        raise InputError(f"strip_boilerplate expects str, got {describe_type(text)}")
    return StripBoilerplate(kind=kind, comments=comments)(Document(id="", text=text))


# Removal reasons of lines inside a comment thread that are the comments themselves:
# the classifier removes a thread's lines as "comment" (see _silence_comment_threads);
# a thread at the very end of a page may also be cut as "footer".
_THREAD_REASONS = frozenset({"comment", "footer"})


def _comment_thread(verdicts: list[LineVerdict], min_words: int) -> list[str]:
    """The comments of a dump: removed lines of prose after the first comment mark that
    follows the article. The marks themselves ("3 Comments", "Leave a Reply", "Jane
    says:") are not comments; they are too short to be prose.

    >>> v = [LineVerdict("The council approved the budget on Monday evening.", 1.0, ""),
    ...      LineVerdict("2 Comments", -6.0, "comment"),
    ...      LineVerdict("I think the council was right to approve it.", -2.0, "footer")]
    >>> _comment_thread(v, 5)
    ['I think the council was right to approve it.']
    """
    last_kept = max((i for i, v in enumerate(verdicts) if not v.reason), default=-1)
    start = next((i for i, v in enumerate(verdicts) if i > last_kept and v.reason == "comment"), None)
    if start is None:
        return []
    return [v.text.strip() for v in verdicts[start:]
            if v.reason in _THREAD_REASONS and len(v.text.split()) >= min_words]


def unfold_layout_rows(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """The kept rows of a layout table as the text they hold: trafilatura writes a table's
    rows as "| cell | cell |", and a page laid out in a table (the news pages of 2008 in
    L3S-GN1: 134 of 621 kept such rows) gave the text rows of empty cells ("| | |") and its
    paragraphs wrapped in pipes ("| MANILA, Nov. 24 (Xinhua) -- ... |"). A kept row of
    empty cells (or a bar alone, a menu's separator) is removed as ``layout``; a kept row
    of one filled cell is that cell.
    Rows of two or more filled cells stay rows (a data table's). Only the kept lines
    change, after every decision was taken: unfolded before the classifier, the rows lost
    the grouping that let it remove a row of reader comments whole (L3S-GN1 F1 0.9361 ->
    0.9352).

    >>> [tuple(v) for v in unfold_layout_rows([LineVerdict("|  |  |", 1.0, ""), LineVerdict("| A fire broke out. |", 2.0, ""),
    ...                                        LineVerdict("| Team | Won |", 1.0, "")])]
    [('|  |  |', 1.0, 'layout'), ('A fire broke out.', 2.0, ''), ('| Team | Won |', 1.0, '')]
    """
    out = []
    for verdict in verdicts:
        row = table_row_cells(verdict.text) if not verdict.reason else None
        if row is None:
            out.append(verdict)
            continue
        filled = [cell for cell in row if cell]
        if not filled:
            out.append(verdict._replace(reason="layout"))
        elif len(filled) == 1 and not _TABLE_RULE.fullmatch(verdict.text):
            out.append(verdict._replace(text=filled[0]))
        else:
            out.append(verdict)
    return out


def without_wordless_text(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` with every kept line removed as ``navigation`` when no kept line holds a
    letter or digit outside what reads as a tag: an extraction of nothing but punctuation
    (":" from "<P>:<P>0<?") or of a cut-off tag ("<A" from "<P>&ampltA<P>0", once the
    rules removed its "0") is no text, as the line classifier reads a page of such lines
    alone; kept, cleaning the output again emptied it (found by the soak profile of the
    idempotence property). Read after every removal, the vote's and the rules' alike, for
    every kind of input. Wordless lines between lines of text ("* * *") stay.

    >>> [v.reason for v in without_wordless_text([LineVerdict(":", 1.0, ""), LineVerdict("Home", 0.0, "navigation")])]
    ['navigation', 'navigation']
    """
    kept = [verdict.text for verdict in verdicts if not verdict.reason]
    if not kept or any(map(has_text_outside_tags, kept)):
        return verdicts
    return [verdict if verdict.reason else verdict._replace(reason="navigation") for verdict in verdicts]


# A block printed twice in a row: at least this many lines and words (fewer is a chorus,
# a repeated label, a short list that a page may well print twice).
_DOUBLED_MIN_LINES = 3
_DOUBLED_MIN_WORDS = 30
# Polynomial hashes of the kept lines' numbers, modulo a Mersenne prime with a fixed base:
# the same in every process (the builtin hash() of a str is not), and a block compared
# with the next block of its size in constant time.
_HASH_MOD = (1 << 61) - 1
_HASH_BASE = 1_000_003


def without_doubled_blocks(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` with the second copy of a block of kept lines that the kept text prints
    twice in a row removed as ``repeat``: a page built with two layouts of one content (a
    shop's product text for the phone and for the desk) or a forum that shows a thread's
    first post again above its replies, and the extractors read both copies (WCXB's
    development pages: product pages at half the precision). A block is
    _DOUBLED_MIN_LINES lines and _DOUBLED_MIN_WORDS words or more, its copy the very
    next lines kept; each line's next equal line is the only copy asked for, so that the
    cost is linear in the lines, and a block compared by its hash is then compared line by
    line before it goes.

    >>> block = ["The mug is wheel thrown, with a matte speckled outside and a glazed inside.",
    ...          "Handmade stoneware.", "It holds 350 ml and is safe in a dishwasher and a microwave oven."]
    >>> verdicts = [LineVerdict(line, 0.0, "") for line in [*block, *block, "Care instructions follow."]]
    >>> [v.reason for v in without_doubled_blocks(verdicts)]
    ['', '', '', 'repeat', 'repeat', 'repeat', '']
    """
    kept = [i for i, verdict in enumerate(verdicts) if not verdict.reason]
    count = len(kept)
    if count < 2 * _DOUBLED_MIN_LINES:
        return verdicts
    numbers: dict[str, int] = {}
    ids = [numbers.setdefault(" ".join(verdicts[i].text.split()), len(numbers)) for i in kept]
    if len(numbers) == count:
        return verdicts  # no line twice: nothing to look for (most pages)
    following = [count] * count  # the next kept line with the same text
    last: dict[int, int] = {}
    for at in range(count - 1, -1, -1):
        following[at] = last.get(ids[at], count)
        last[ids[at]] = at
    prefix, words, power = [0] * (count + 1), [0] * (count + 1), [1] * (count + 1)
    for at, number in enumerate(ids):
        prefix[at + 1] = (prefix[at] * _HASH_BASE + number + 1) % _HASH_MOD
        words[at + 1] = words[at] + len(verdicts[kept[at]].text.split())
        power[at + 1] = power[at] * _HASH_BASE % _HASH_MOD

    def block_hash(start: int, end: int) -> int:
        return (prefix[end] - prefix[start] * power[end - start]) % _HASH_MOD

    doubled: set[int] = set()
    at = 0
    while at < count:
        copy = following[at]
        size = copy - at
        if (size >= _DOUBLED_MIN_LINES and copy + size <= count and words[copy] - words[at] >= _DOUBLED_MIN_WORDS
                and block_hash(at, copy) == block_hash(copy, copy + size) and ids[at:copy] == ids[copy:copy + size]):
            doubled.update(kept[copy:copy + size])
            at = copy + size
        else:
            at += 1
    if not doubled:
        return verdicts
    return [verdict._replace(reason="repeat") if i in doubled else verdict for i, verdict in enumerate(verdicts)]


# A wall beside fewer words than this of other kept text is the page a scraper was shown
# in place of the article ("Your IP address: ...", the site's name, the headline above a
# paywall). SemEval-2022 Task 8's scraped articles hold 9 bot checks and ad blockers' walls
# of this kind in 4,899 texts, and paywalls, sign-in walls and pages asking for cookies
# besides (design.md, *Walls and notices* and *Paywalls, sign-in walls and cookie walls*); an
# article that prints a wall under its text keeps its text.
_INTERSTITIAL_MAX_WORDS = 50
# Each kind of wall (the patterns of text.py) with the reason an emptied page records.
_WALLS = (
    (INTERSTITIAL, "the page is a bot check or an ad blocker's wall, not an article"),
    (PAYWALL, "the page is a paywall or a sign-in wall, not an article"),
    (COOKIE_WALL, "the page is a cookie wall (it asks the browser for cookies), not an article"),
)


def without_interstitial(verdicts: list[LineVerdict]) -> tuple[list[LineVerdict], str, str]:
    """``verdicts`` with every kept line removed when the page is a wall in place of an
    article (a bot check, an ad blocker's wall, a paywall or a sign-in wall, a page that
    asks for cookies: _WALLS, on a line removed as ``legal``) with under
    _INTERSTITIAL_MAX_WORDS words of other text kept; why the page is one ("" when it is
    none; its text may already be empty); and the headline above a paywall ("" if none).

    A paywall stands on the article's own page, under the article's headline: the first
    line kept above the wall, if it is a headline's length, becomes the title (removed as
    ``title``), so that the document still says which story it is. A bot check or a
    cookie wall is another page than the article, and its first line is no headline.

    >>> walled = [LineVerdict("VA Lottery", 1.0, ""), LineVerdict("We noticed you're blocking ads!", 0.0, "legal")]
    >>> verdicts, reason, headline = without_interstitial(walled)
    >>> [v.reason for v in verdicts], reason, headline
    (['legal', 'legal'], "the page is a bot check or an ad blocker's wall, not an article", '')
    """
    # Counting words first, and only until there are enough: the walls' patterns are asked
    # of short pages only.
    kept = 0
    for verdict in verdicts:
        if not verdict.reason:
            kept += verdict.text.count(" ") + 1
            if kept >= _INTERSTITIAL_MAX_WORDS:
                return verdicts, "", ""
    # The wall's own lines were removed as furniture (they speak to the reader: a story
    # that mentions ad blockers or paywalls keeps its lines and is no wall).
    furniture = [(i, verdict.text.lower()) for i, verdict in enumerate(verdicts) if verdict.reason == "legal"]
    found = next(((wall, why, i) for wall, why in _WALLS for i, line in furniture if wall.search(line)), None)
    if found is None:
        return verdicts, "", ""
    wall, reason, first_wall = found
    headline = -1
    if wall is PAYWALL:
        above = [i for i in range(first_wall) if not verdicts[i].reason]
        if above and verdicts[above[0]].text.count(" ") < _HEADLINE_MAX_WORDS:
            headline = above[0]
    out = [verdict._replace(reason="title") if i == headline else verdict if verdict.reason
           else verdict._replace(reason="legal") for i, verdict in enumerate(verdicts)]
    return out, reason, verdicts[headline].text.strip() if headline >= 0 else ""


# A headline is shorter than this (in words); the first line above a paywall that is
# longer is a paragraph (a teaser), not the title.
_HEADLINE_MAX_WORDS = 25


# The rule under a table's header row ("|---|---|"): part of a data table's rows.
_TABLE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")


def _plain_title(title: str) -> str:
    """A given title (a record's, a caller's) as one line of plain text: a feed's or a
    CMS's title may hold markup, entities, CDATA markers and line breaks ("Budget &amp;
    <b>tax</b>\\n", "<![CDATA[Budget passes]]>").

    >>> _plain_title("Budget &amp; <b>tax</b> plan\\n passes ")
    'Budget & tax plan passes'
    """
    # strip_tags reads tags, CDATA markers and entities as the tag-strip reading of a page
    # does; a title without "<" or "&" needs only its whitespace collapsed.
    return " ".join(strip_tags(title) if "<" in title or "&" in title else title.split())


def _same_title(line: str, title: str) -> bool:
    """Whether ``line`` is the headline ``title`` came from: the title itself, or the title
    and the site's or section's name it lost ("... physical health | Opinion")."""
    folded, wanted = " ".join(line.split()).casefold(), " ".join(title.split()).casefold()
    if folded == wanted:
        return True
    if not wanted or not folded.startswith(wanted):
        return False
    tail = _TITLE_TAIL.fullmatch(folded[len(wanted):])
    return tail is not None and len(tail.group(1).split()) <= _TITLE_TAIL_WORDS


# What a title's cleaning drops from its headline: a separator and a few words (the
# separators of pagemeta's titles but the colon: after a colon comes a subtitle, text).
_TITLE_TAIL = re.compile(rf"\s+[{re.escape(TITLE_SEPARATOR_MARKS.replace(':', ''))}]{{1,2}}\s+(.+)")
_TITLE_TAIL_WORDS = 4


def _info_meta(info: HeaderInfo, existing: dict[str, object], sources: dict[str, str]) -> dict[str, object]:
    """Date and byline the page text gives, where the markup gave none (``sources`` updated)."""
    meta: dict[str, object] = {}
    if info.date and "date" not in existing:
        meta["date"] = info.date
        meta["date_text"] = info.date_text
        sources["date"] = "page text"
    byline = clean_byline(info.byline) if info.byline else None
    if byline and "byline" not in existing:
        # The same form as bylines from markup: several names joined by "; ".
        meta["byline"] = byline
        sources["byline"] = "page text"
    return meta


def _empty_reason(source: str, verdicts: list[LineVerdict]) -> str:
    if not source.strip():
        return "empty input"
    if not verdicts:
        return "no text found in the markup"
    return "every line was classified as boilerplate"
