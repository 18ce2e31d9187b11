"""Title, byline, date, site name, canonical URL and declared language of an HTML page,
with where each came from.

Evidence is read in order of how much a page's author meant it: JSON-LD and OpenGraph /
meta tags (written for machines), then the page's own markup (elements marked as the
author, the ``<h1>``, the ``<title>``). The meta-tag, JSON-LD and author-element readers
are trafilatura's (``trafilatura.metadata``), the part of its metadata pass that costs
little; its date search (htmldate over the whole tree) costs as much again
as the extraction itself, so dates come from meta tags and JSON-LD only (an undated page
may still get one from its text, by the line classifier). When trafilatura's metadata
module cannot be used (another version moved it), the stdlib readers in html.py give
the same fields from meta tags and JSON-LD, and the source says so.

Two clean-ups every consumer wants and pages get wrong:
- titles lose a site-name part ("Budget passed | The Herald" -> "Budget passed"), when
  that part is the page's site name or its domain, or (no site name known) when it is
  the short trailing part after a separator; at a title's end also a short form of the
  name ("| DianaHR" on getdianahr.com, "| Rust Blog" on blog.rust-lang.org: WCXB dev
  titles 1,149 -> 1,156 of 1,476, held out its test pages 286 -> 288 of 368,
  trafilatura's suite and L3S-GN1 unchanged) and a news section's name ("| Opinion",
  "- World - Sport": WCXB dev 1,157; held out L3S-GN1 test 231 -> 234 of 314, none lost);
- bylines become names: "By"/"Von"/"Par"... dropped ("Recipe by", "Reviewed by" too),
  several authors joined by "; ", handles ("@jdoe"), URLs, e-mail addresses and one-word
  section names refused, the job an author box prints after a name cut ("Keith Barry
  Senior Autos Reporter"; WCXB's annotated authors, dev 493 -> 500 of 736, test pages not
  in dev 96 -> 98 of 134; trafilatura's suite unchanged, 336 of 528).

Where the head gives no date, the date printed under the headline comes before
htmldate's fast search (date_below_headline; WCXB dev dates 636 -> 664 of 780, held out
WCXB test 163 -> 168 of 193 and htmldate's evaluation pages 682 -> 708 of 800,
``benchmarks/dates.py``).

Where nothing of that names anyone, the byline printed as text under the headline
(byline_below_headline: "By" and the name in the next element, or "Written by Jane Doe"
in one), which the extraction drops and the line classifier so never sees: WCXB dev
authors 502 -> 529 of 736; held out, trafilatura's suite 344 -> 353 of 538, WCXB's test
pages unchanged (docs/design.md). Then the link to the author's archive whose text is the
name its URL spells (author_archive_link) and the author box after the article
(byline_in_author_box): WCXB dev authors 529 -> 540 of 736; held out, WCXB's test pages
98 -> 100 of 134, trafilatura's suite 353 -> 355 of 538; titles and dates unchanged. The
box is read only where nothing else named the author, ~1.2 ms on such a page (~0.5 ms the
link), or where the byline is the site's name alone and the site is no person's own
(WCXB dev 540 -> 542, the suite 355 -> 358, none lost). A byline printed under the
headline wins over the markup's author where it names another person (_printed_byline_wins;
WCXB dev 542 -> 545, its test pages 100 -> 103, the suite 358 -> 372; not held out).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from newsclean._months import ENGLISH_MONTH_NAMES, MONTH_NUMBERS
from newsclean.boilerplate.author_search import author_elements
from newsclean.boilerplate.furniture import furniture_phrases
from newsclean.boilerplate.metadata import find_byline, find_date, is_name_line, opens_like_byline

__all__ = ["TITLE_SEPARATOR_MARKS", "PageMetadata", "byline_below_headline", "clean_byline", "clean_title", "date_below_headline",
           "lines_below_headline", "page_metadata", "title_from_text", "typographic_fold"]

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
    # the page's og:type, lower-cased ("" for none): read once here, for the title and
    # for html.py's choice of extraction setting
    open_graph_type: str = ""


# Words that introduce a byline, in the languages of issue #8 and English.
# Read at the start of each name of a byline. In English, a phrase of up to five words
# ending in "by" ("By", "Written by", "Posted by", "Recipe by", "Reviewed by", an author
# archive's "View all posts by", as some readers give its link text).
_BY = re.compile(
    # "Autor/in", "Autor*in", "Autor_in": German's gender-inclusive spellings of the label
    r"^(?:(?:\S+\s+){0,5}?by|von|vom|beitrag von|geschrieben von|autor(?:[/*_]?in)?|autora|auteur|auteure|"
    r"par|écrit par|por|escrito por|publicado por|di|scritto da|de|door|przez|автор|авторы|от|yazan|yazar|av|af|ved|"
    r"author|authors|"
    # the link to an author's archive, read as the byline by some readers
    r"(?:zeige )?(?:alle )?(?:artikel|beiträge) von|zum profil von)"
    r"\s*:?\s+(?=\S)",
    re.IGNORECASE,
)
# The one-letter conjunctions (Spanish "y", Portuguese and Italian "e", Polish "i") in
# lower case and without a full stop: "Sarah E. Needleman" has a middle initial, not two names.
_SEPARATORS = re.compile(r"\s*(?:;|,|\||&|\band\b|\bund\b|\bet\b|(?-i:\b[yei]\b(?!\.))|\ben\b|\bи\b)\s*",
                         re.IGNORECASE)
_HANDLE_OR_ADDRESS = re.compile(r"^@|://|^www\.|@\w+\.\w")
# English's months only (other languages' are given names too, "Mai", "Juli"), and of
# those not the given names: a byline "June" or "Jan" may be a person.
_MONTH_ALONE = ENGLISH_MONTH_NAMES - {"jan", "may", "june", "april", "august"}
# A byline element that runs on into the page's date line: "Cazzy Magennis Last Updated
# August 1", "Supermove February 8". Cut at an "updated"/"published" phrase or a month
# with its day, or at the month a reader left where it dropped the day and year
# ("Jordana Cepelewicz December", "Haley Hoekstra • March"): a month written in full that
# is no surname ("Theresa May", "Peggy March"), or after a separator any month's name. A
# byline that is a month alone ("August", "Dec") names no one (_MONTH_ALONE).
_DATE_TAIL = re.compile(
    r"\s+(?:(?:last\s+)?(?:updated|modified|published|posted)\b.*"
    # German date lines ("Stand: 12.03.2021", "vor 3 Tagen"), or their words left alone
    # where a reader dropped the numbers
    r"|(?:stand|aktualisiert|veröffentlicht|erschienen)\b(?:\s*:?\s*(?:am\s+)?\d.*)?|vor(?:\s+\d+\s+\w+)?"
    r"|(?:" + "|".join(sorted((m for m in MONTH_NUMBERS if m.isascii() and len(m) >= 3), key=len, reverse=True))
    + r")\.?\s+\d{1,2}\b.*"
    r"|(?:january|february|july|september|october|november|december)\.?"
    r"|[•·|]\s*(?:" + "|".join(sorted(ENGLISH_MONTH_NAMES, key=len, reverse=True)) + r")\.?)$", re.IGNORECASE)
# A month that is also a surname ("Theresa May", "Peggy March") after a name of two or more
# words is the date line's month where a reader dropped the day ("Joshua Sokol May").
_MONTH_SURNAMES = frozenset({"may", "march", "june", "april", "august"})
# A link beside the name ("Bradley M. Kuhn (http://ebb.org/bkuhn/)"): no part of a name.
_URL_IN_BYLINE = re.compile(r"\(?\s*(?:https?://|www\.)[^\s)]*\s*\)?", re.IGNORECASE)
# What trafilatura's reader leaves of a link beside a name: its scheme as a word.
_URL_DEBRIS = re.compile(r"\b(?:https?|www)\b", re.IGNORECASE)
# Software named as the page's creator ("rfcmarkup version 1.111"): no person.
_VERSION = re.compile(r"\b(?:version|v)\s*\d+(?:\.\d+)+\b", re.IGNORECASE)
# A name's generational suffix set apart by a comma ("John Smith, Jr."): part of the name.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A library catalogue's "Surname, Given" ("Kooman, F.", "Jong, Michiel de": Dublin Core's
# creator field): given names that are initials, or that end on a surname's particle.
_GIVEN_NAME_PARTICLES = "|".join(sorted(("van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la",
                                          "le", "ter", "ten"), key=len, reverse=True))
_INVERTED_NAME = re.compile(rf"(?P<surname>[^\W\d_][\w'’-]*),\s+(?P<given>(?:[A-Z]\.\s*)+|[^,;]+?\s(?:{_GIVEN_NAME_PARTICLES}))")
# Words a headline taken in place of the site's name has at least.
_MIN_HEADLINE_WORDS = 3
# The marks that join a title's parts ("Headline | Site", "Site :: Section - Headline").
TITLE_SEPARATOR_MARKS = "|-–—:·•»/"
_TITLE_SEPARATOR = re.compile(rf"\s+[{re.escape(TITLE_SEPARATOR_MARKS)}]{{1,2}}\s+")
_MAX_BYLINE_CHARS = 150


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The post-nominal letters bylines print after a name, set apart by a comma ("Brenda
# Goodman, MA", "Jane Roe, MD, MPH": degrees, licences and fellowships of health and
# science writing, law and finance): part of that name, no second person.
_CREDENTIALS = _word_set("""
md do phd dphil mph ma ms msc mba ba bs bsc jd llm esq rn bsn msn np aprn cnm pa pa-c pharmd rph
rd rdn ld ldn cdn cdces cde dds dmd dvm od psyd edd lcsw lmft lpc mft dpt pt ot otr ccc-slp atc cscs cpt
mfa msw mbbs mbchb frcp frcs facp facs facc faap fache fand cssd cns fnp dnp lpn cpa cfa cfp cpc ibclc
""")
# A byline part that names the person's job after the name ("Harry Rabinowitz Tech
# Reporter", "Linda Rosencrance Contributing Writer") or is the job alone ("Trial
# Attorney", "Co-Founder"), as author boxes print it and readers join it to the name: the
# head nouns of the jobs bylines print (English; the jobs of newsrooms, blogs and the
# trades that write for the web; not the nouns that are also surnames, "Host", "Coach",
# "Fellow", "Chef"), and the words that open such a title. A part ending in
# one of these nouns is a name and a job: the job starts at its first opening word, or
# else after the name's first two words (and an initial or a particle that goes on the
# name, "Justin C. Meserole", "Marna van der Merwe"); nothing before it: the job alone.
_JOB_NOUNS = _word_set("""
writer writers reporter reporters editor editors correspondent correspondents columnist columnists
contributor contributors journalist journalists author authors blogger bloggers critic critics
photographer photographers producer producers presenter analyst analysts strategist
founder founders co-founder cofounder co-founders owner owners consultant consultants expert experts
specialist specialists advisor adviser advisors advisers attorney attorneys lawyer lawyers
director directors manager managers officer officers ceo cto cfo coo president chairman
researcher researchers scientist scientists professor lecturer educator educators teacher
designer designers developer developers engineer engineers reviewer reviewers nutritionist
dietitian dietician winemaker intern interns moderator administrator
""")
_JOB_OPENERS = _word_set("""
senior junior staff contributing chief managing executive associate assistant deputy freelance
former lead head principal certified licensed registered independent special guest regional
national international general creative technical editorial digital
""")
# the particles inside one person's name (metadata._NAME_PARTICLES also admits the words
# that join two names, "and", "und")
_SURNAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le",
                                "bin", "ibn", "al", "el", "ter", "ten", "st.", "mc", "mac"})
# "The Author", "Our Editors", "Your Native Teacher": a job, no name
_DETERMINERS = frozenset({"the", "our", "your", "my", "a", "an", "this"})
_INITIAL = re.compile(r"[A-Z]\.?")


def _without_job(part: str) -> str:
    """``part`` without the job title that follows the name, "" for a job title alone
    (see _JOB_NOUNS); other parts unchanged."""
    words = part.split()
    if not words or words[-1].casefold().strip(".,") not in _JOB_NOUNS:
        return part
    for at, word in enumerate(words[:-1]):
        if word.casefold() in _JOB_OPENERS or (at == 0 and word.casefold() in _DETERMINERS):
            return " ".join(words[:at])
    name = 2
    while name < len(words) - 1 and (_INITIAL.fullmatch(words[name - 1]) or words[name - 1] in _SURNAME_PARTICLES
                                     or words[name] in _SURNAME_PARTICLES):
        name += 1
    return " ".join(words[:name]) if len(words) > 2 else ""


def clean_byline(raw: str | None) -> str | None:
    """A person's name (or names, joined by "; ") from a byline as pages write it.

    >>> clean_byline("By Jane Doe and John Roe")
    'Jane Doe; John Roe'
    >>> clean_byline("@janedoe") is None, clean_byline("Von Vanessa Franke")
    (True, 'Vanessa Franke')
    >>> clean_byline("Luke Kim December"), clean_byline("Theresa May")
    ('Luke Kim', 'Theresa May')
    >>> clean_byline("Keith Barry Senior Autos Reporter"), clean_byline("Recipe by PJ Hamel")
    ('Keith Barry', 'PJ Hamel')
    >>> clean_byline("Sarah E. Needleman"), clean_byline("Marco e Luca Rossi")
    ('Sarah E. Needleman', 'Marco; Luca Rossi')
    >>> clean_byline("Brenda Goodman, MA"), clean_byline("Jong, Michiel de"), clean_byline("John Smith, Jr.")
    ('Brenda Goodman, MA', 'Michiel de Jong', 'John Smith Jr.')
    """
    if not raw:
        return None
    text = " ".join(raw.split())
    if len(text) > _MAX_BYLINE_CHARS:
        return None
    text = _DATE_TAIL.sub("", without_urls(text))
    inverted = _INVERTED_NAME.fullmatch(text)
    if inverted:
        text = f"{inverted['given'].strip()} {inverted['surname']}"
    names: list[str] = []
    jobs: list[str] = []
    for part in _SEPARATORS.split(text):
        part = _BY.sub("", part.strip(" |-–—·'\"“”‘’«»()")).rstrip(",")
        if _VERSION.search(part):
            continue
        if names and _is_credential(part):
            # letters after a name belong to it, as annotators and pages keep them ("Dylan
            # Bailey, MS, RD"); alone, they may be a person's initials ("LD")
            names[-1] = f"{names[-1]}, {part}"
            continue
        if names and part.casefold().rstrip(".") in _NAME_SUFFIXES:
            names[-1] = f"{names[-1]} {part}"
            continue
        name = _without_job(part)
        if not name and part:
            jobs.append(part)
        if (not name or _HANDLE_OR_ADDRESS.search(name) or not any(c.isalpha() for c in name)
                or name.casefold().rstrip(".") in _MONTH_ALONE):
            continue
        words = name.split()
        if len(words) >= 3 and words[-1].casefold().rstrip(".") in _MONTH_SURNAMES:
            name = " ".join(words[:-1])
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    # A byline that is a job alone ("Community Editor", "Our Editors") is what the page
    # credits: kept as written rather than lost.
    return "; ".join(names or jobs) or None


def without_urls(text: str) -> str:
    """``text`` without the links in it, and the brackets around them (_URL_IN_BYLINE)."""
    return " ".join(_URL_IN_BYLINE.sub(" ", text).split())


def _is_credential(part: str) -> bool:
    """Whether ``part`` is post-nominal letters alone ("MA", "M.D.", "MD MPH"): _CREDENTIALS."""
    words = part.replace(".", "").casefold().split()
    return bool(words) and all(word in _CREDENTIALS for word in words)


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
    squeezed = _squeezed(folded)
    return any(folded == w or squeezed == _squeezed(w) or (len(w) > 3 and w in squeezed and len(squeezed) <= len(w) + 12)
               for w in site_words)


def _is_site_suffix(part: str, site_words: set[str]) -> bool:
    """A title's last part naming the site: as _is_site_part, a news section's name, or a short form of the
    name ("DianaHR" on getdianahr.com, "Thrive Internet Marketing" for "Thrive Internet
    Marketing Agency"), or its words all in the host ("Rust Blog" on blog.rust-lang.org).
    Not for the first part: a domain of keywords ("welpenkaufen24.de") repeats the words
    a headline opens with."""
    if _is_site_part(part, site_words):
        return True
    folded = part.casefold().strip()
    if folded in _SECTION_NAMES:
        return True
    squeezed = _squeezed(folded)
    return any((len(squeezed) >= _SHORT_NAME_MIN and squeezed in _squeezed(w)
                and 2 * len(squeezed) >= len(_squeezed(w)) and _reads_as_site_name(w))
               or ("." in w and _words_in_host(folded, w))
               for w in site_words)


# The sections news sites name after a headline ("| Opinion", "- World - Sport"), in
# English: a title part that is one of them alone is the site's, not the headline's.
_SECTION_NAMES = frozenset({"opinion", "opinions", "news", "sport", "sports", "business", "politics", "world",
                            "technology", "tech", "entertainment", "lifestyle", "health", "science", "travel",
                            "culture", "blog", "features", "editorial", "editorials", "commentary", "analysis"})
# A short form of a site's name has this many letters at least ("DianaHR", not "HR").
_SHORT_NAME_MIN = 4


def _reads_as_site_name(site_word: str) -> bool:
    """Whether a site word is a name, not a page's title some sites declare as their
    site name ("Video Games : Target"): no title separator, a few words."""
    return len(site_word.split()) <= _MAX_SITE_NAME_WORDS and _TITLE_SEPARATOR.search(site_word) is None


_MAX_SITE_NAME_WORDS = 5


def _words_in_host(folded: str, host: str) -> bool:
    """Whether every word of ``folded`` (a title part) stands in ``host`` ("rust blog" in
    "blog.rust-lang.org"), one of them of _SHORT_NAME_MIN letters or more."""
    words = _WORD.findall(folded)
    squeezed_host = _squeezed(host)
    return (bool(words) and any(len(word) >= _SHORT_NAME_MIN for word in words)
            and all(len(word) >= 3 and word in squeezed_host for word in words))


def _names_site(part: str, site_words: set[str]) -> bool:
    """Whether ``part`` holds the site's name anywhere ("Vinos Y Tapas und Vinho Iberico" on
    vinosytapas.de), however long; _is_site_part asks for the name and little more."""
    squeezed = _squeezed(part.casefold())
    return any(len(w) > 3 and _squeezed(w) in squeezed for w in site_words)


def _squeezed(text: str) -> str:
    """``text`` without spaces, dots, apostrophes and hyphens: "Vinos Y Tapas" is "vinosytapas"."""
    return _SQUEEZE.sub("", text)


_SQUEEZE = re.compile(r"[\s.'-]")


def _is_label(text: str) -> bool:
    """An interface label of blog software, in any language it is translated into
    ("Blog Archive", "Allgemein", "Leave a Reply"): never a page's headline."""
    return furniture_phrases().english_of(text.casefold().strip(" .:…»«|-–—")) is not None


@functools.cache
def _reply_labels() -> tuple[str, ...]:
    """The comment form's labels of more than one word, in every language ("cancel reply")."""
    labels = furniture_phrases()
    comment = {english for english, kind in labels.english.items() if kind == "comment"}
    return tuple(label for label in (*comment, *(t for t, english in labels.translations.items() if english in comment))
                 if " " in label)


def _is_furniture_title(title: str) -> bool:
    """A title read from the comment form's heading or a label ("Leave a Reply Cancel
    reply", "Write a Reply or Comment Antworten abbrechen", "Allgemein")."""
    folded = " ".join(title.casefold().split())
    return _is_label(folded) or folded.endswith(_reply_labels())


def clean_title(raw: str, *, site_name: str | None = None, url: str | None = None, leading: bool = True) -> str:
    """``raw`` without the site's name where the page appended or prepended it (with
    ``leading=False`` only where it appended it: a headline's opening words are its own).

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
    if site_words or any(_is_label(p) for p in (parts[0], parts[-1])):
        # The site's name, or a blog software's label, at either end, as often as they
        # stand there ("Four Years » Blog Archive » Post" -> "Post").
        kept = list(parts)
        while leading and len(kept) > 1 and (_is_site_part(kept[0], site_words) or _is_label(kept[0])):
            kept.pop(0)
        while len(kept) > 1 and (_is_site_suffix(kept[-1], site_words) or _is_label(kept[-1])):
            kept.pop()
        if len(kept) < len(parts):
            # Only the separators between kept parts survive.
            start = title.find(kept[0])
            end = title.rfind(kept[-1]) + len(kept[-1])
            return title[start:end] if start >= 0 and end > start else " ".join(kept)
    return title


def _printed_byline_wins(markup: str, printed: str, lines: list[str]) -> bool:
    """Whether the byline printed under the headline (``printed``, read from ``lines``)
    names the author over the markup's (``markup``): the markup's author is often the
    account that posted the page ("KatieS", "Administrator", an editor), the printed line
    the writer readers see. It wins where it names someone else or more fully ("Todd" ->
    "Todd Bates"), and each of its names reads as a person's: two to five capitalised
    words, none of which the page writes in lower case ("Fact Checked", "Researched by"
    are labels); a shorter form of the markup's name ("Inka" for "Inka Wibowo") does not."""
    printed_words = {word.casefold() for word in _WORD.findall(printed)}
    markup_words = {word.casefold() for word in _WORD.findall(markup)}
    if printed_words <= markup_words:
        return False
    lower_words = {word for line in lines for word in _WORD.findall(line) if word.islower()}
    return all(2 <= len(name.split()) <= _MAX_NAME_WORDS and is_name_line(name)
               and not any(word.casefold() in lower_words for word in _WORD.findall(name)
                           if word.casefold() not in _NAME_PARTICLES)
               for name in printed.split("; "))


def _credits_the_outlet(byline: str, site_words: set[str]) -> bool:
    """Whether every name of ``byline`` is the site's, and the site is no person's own
    (a name of two words or more spelled as the domain's main label)."""
    names = byline.split("; ")
    if not all(_is_site_part(name, site_words) for name in names):
        return False
    domains = {_squeezed(w) for w in site_words if "." not in w}
    return not any(len(name.split()) >= 2 and is_name_line(name) and name.split()[0].casefold() not in _DETERMINERS
                   and _squeezed(name.casefold()) in domains for name in names)


def page_metadata(tree: Any, *, fallback: tuple[str, str | None, str | None, str | None],
                  url: str | None = None) -> PageMetadata:
    """Metadata of a parsed page (``tree``, an lxml element, or None when it was not parsed).

    ``url`` is where the page was fetched from, if the caller knows it: where the page
    declares no canonical URL, its domain still names the site a title may carry.

    ``fallback`` is what the stdlib readers of the page head found (title, ISO date,
    author, site name): the date always comes from there (trafilatura's readers give none
    without htmldate), the rest only where trafilatura's readers find nothing or fail.
    """
    title, date, author, site_name = fallback
    values: dict[str, str | None] = {"title": title, "author": author, "site_name": site_name, "url": None}
    sources = {key: source for key, source in _STDLIB_SOURCES.items() if values[key]}
    # read once, where first needed (most pages name their author in meta tags or JSON-LD)
    marked_author = functools.cache(lambda: _marked_author(tree))
    try:
        found = _trafilatura_metadata(tree, marked_author) if tree is not None else {}
    except Exception:  # a reader's bug on one page must not cost the page its text
        found = {}
    for key, (value, source) in found.items():
        if key == "author" and author and _URL_DEBRIS.search(value):
            # trafilatura's reader split a link beside the name into words ("Bradley M Kuhn
            # http; Ebb Org; Bkuhn"): the stdlib reader's name, without the link, stands
            continue
        if key == "author" and author and _same_name(author, value):
            # The same name as the stdlib reader read it: trafilatura's reader drops the
            # periods and re-cases it ("Perry Bacon Jr." -> "Perry Bacon Jr", "R.C. BAKER"
            # -> "R C Baker"); the page's own spelling is kept.
            value = author
        values[key], sources[key] = value, source
    if tree is not None and (not values["author"] or sources.get("author") == _AUTHOR_ELEMENT):
        marked = marked_author()
        if marked is not None and not values["author"]:
            values["author"], sources["author"] = marked
        elif marked is not None and _same_name(marked[0], values["author"] or ""):
            values["author"] = marked[0]  # the same name in the page's spelling ("uriebe", not "Uriebe")
    if date:
        sources["date"] = "meta tags or JSON-LD"
    lang = None
    declared = tree.get("lang") or tree.get("xml:lang") if tree is not None else None
    if declared and _LANGUAGE_TAG.fullmatch(declared.strip()):
        lang = declared.strip().replace("_", "-")
        sources["lang"] = "<html lang>"
    h1s = _headings(tree) if tree is not None else []
    if values["title"] and sources.get("title", "").startswith(("page markup", "head")) \
            and any(text == values["title"] and _is_logo(h1) for h1, text in h1s):
        # The readers took the page's <h1>, and that is the site's logo: the <title> names the page.
        tag = _title_tag(tree)
        if tag and tag != values["title"]:
            if not values["site_name"]:  # and names the site, which the <title> may repeat
                values["site_name"], sources["site_name"] = values["title"], "the page's logo <h1>"
            values["title"], sources["title"] = tag, "<title> (the <h1> is the site's logo)"
    if values["title"] and tree is not None and _is_furniture_title(values["title"]):
        # The readers took the comment form's heading or a category label; the <title> names the page.
        tag = _title_tag(tree)
        if tag and not _is_furniture_title(tag):
            values["title"], sources["title"] = tag, "<title> (the heading read first is an interface label)"
    raw_title = values["title"] or ""
    site_url = values["url"] or url
    cleaned_title = clean_title(raw_title, site_name=values["site_name"], url=site_url) if raw_title else ""
    if cleaned_title != raw_title:
        sources["title"] += ", site name removed"
    site_words = _site_words(values["site_name"], site_url)
    if cleaned_title and tree is not None and site_words and _is_site_part(cleaned_title, site_words):
        # The readers took a heading that is the site's name (a masthead, "Winona Daily
        # News"): the <title>, less the site's name, names the page.
        tag = clean_title(_title_tag(tree), site_name=values["site_name"], url=site_url)
        # A headline has a few words; a <title> that only decorates the heading ("» Jens
        # Weber" on Jens Weber's own site) or is a version number is no better.
        if (len(tag.split()) >= _MIN_HEADLINE_WORDS and cleaned_title.casefold() not in tag.casefold()
                and not _is_site_part(tag, site_words)):
            cleaned_title, sources["title"] = tag, "<title> (the heading read first is the site's name), site name removed"
    if cleaned_title and tree is not None and sources.get("title", "").startswith(("page markup", "head")):
        beside = _headline_beside(cleaned_title, _title_tag(tree), tree, site_words)
        if beside:
            cleaned_title, sources["title"] = beside, "<title> (the heading read first is a short part of it)"
    if cleaned_title and title and h1s and sources.get("title", "").startswith(_MARKUP_TITLE):
        # trafilatura's reader guessed a heading by its class name ("adv-left-panel-title": a
        # menu's promotion, "Take your next trip with Atlas Obscura!") where the page's head
        # and its <h1> name the article alike: two signals against one guess.
        head = clean_title(title, site_name=values["site_name"], url=site_url)
        if (len(head.split()) >= _MIN_HEADLINE_WORDS
                and typographic_fold(cleaned_title) not in typographic_fold(title)  # a part of the head's title is no guess
                and not _is_site_part(head, site_words)
                # an <h1> that is the site's logo agreeing with a <title> that is the site's
                # name (a blog's front page) names no article
                and any(typographic_fold(text) == typographic_fold(head) and not _is_logo(h1) for h1, text in h1s)):
            cleaned_title, sources["title"] = head, "head and the page's <h1> alike (over a heading read by its class)"
    headline = (_headline_within(h1s, cleaned_title, site_words) if cleaned_title else None)
    if headline is not None:
        whole = typographic_fold(headline) == typographic_fold(cleaned_title)
        cleaned_title = headline
        sources["title"] += ", typography of the page's <h1>" if whole else ", cut to the page's <h1> inside it"
    kind = _open_graph_type(tree) if tree is not None else ""
    if cleaned_title and tree is not None and kind == "article" \
            and sources.get("title", "").startswith(("meta tags", "JSON-LD")):
        visible = _visible_headline(h1s, site_words)
        # An <h1> may end with the site's name too ("... 2025 – Artlyst"); its opening words
        # are the headline's, whatever the domain holds.
        visible = clean_title(visible, site_name=values["site_name"], url=site_url, leading=False) if visible else None
        if visible is not None and typographic_fold(visible) != typographic_fold(cleaned_title):
            cleaned_title, sources["title"] = visible, "the page's <h1> (an article's headline, over its meta title)"
    byline = clean_byline(values["author"])
    if byline and site_words:
        # "Rob Picheta; CNN": the outlet beside the reporter is the site, not an author; a
        # byline that is the site's name alone stays (a personal site is its author's)
        people = [name for name in byline.split("; ") if not _is_site_part(name, site_words)]
        byline = "; ".join(people) or byline
    if byline and tree is not None and _BARE_INITIAL.search(byline):
        byline = _with_page_initials(byline, tree)
    author_source = sources.pop("author", None)
    if byline and author_source:
        sources["byline"] = author_source
    # The date and byline printed under the headline, read once for both where the markup
    # named neither (docs/design.md, *Metadata*).
    below = functools.cache(lambda: lines_below_headline(tree, cleaned_title) if cleaned_title else [])
    if not byline and tree is not None:
        byline = byline_below_headline(below())
        if byline:
            sources["byline"] = "page text under the headline"
    elif byline and tree is not None:
        printed = byline_below_headline(below())
        if printed and _printed_byline_wins(byline, printed, below()):
            byline, sources["byline"] = printed, "page text under the headline (over the markup's author)"
    # Where no one is named yet, or the byline is the site's name alone (it credits the
    # outlet: "Rapid7", "L'Opinion"; a personal site's name, "Ash Vardanian" on
    # ashvardanian.com, is its author's and stays), the author box or archive link names
    # the author.
    if tree is not None and (not byline or (site_words and _credits_the_outlet(byline, site_words))):
        named = author_archive_link(tree) or byline_in_author_box(tree)
        if named is None and byline:
            # The meta tags credit the outlet ("NDR") while the byline's markup names the
            # reporter (itemprop="author": "Autor/in: Korinna Hennig").
            person = microdata_author(tree)
            if person and not _credits_the_outlet(person, site_words):
                named = person, "schema.org microdata (over the outlet's name)"
        if named is not None:
            byline, sources["byline"] = named
    if not date and tree is not None:
        # Before htmldate's fast search, which reads markup, the URL and time elements
        # (a modified date, a related item's) where the page prints its date.
        date = date_below_headline(below())
        if date:
            sources["date"] = "page text under the headline"
        else:
            date = _htmldate(tree, url)
            if date:
                sources["date"] = "htmldate (fast search: markup, URL, time elements)"
    return PageMetadata(cleaned_title, date, byline, values["site_name"] or None, values["url"], lang,
                        MappingProxyType(sources), open_graph_type=kind)


# A byline printed as text under the headline, where no markup names the author ("By" or
# "Written by:" in one element and the name in the next, or "By Jane Doe" in one): read
# over the text nodes that follow the page's headline <h1>, up to the article's third
# paragraph (a standfirst or two may come first), at most this many lines of them.
_BELOW_HEADLINE_NODES = 60
_BELOW_HEADLINE_LINES = 25
_LEDE_PARAGRAPHS = 2
_PARAGRAPH_WORDS = 20
# Text in these elements is a form's or a script's, not the page's prose: a product list's
# "Sort by" menu offers "By Review".
_NOT_PAGE_TEXT = frozenset({"option", "label", "button", "select", "textarea", "script", "style", "noscript",
                            "template"})
# A label that stands alone before the name, in the languages of the byline openers.
_BYLINE_LABEL = re.compile(
    r"(?:by|written by|posted by|words by|story by|reported by|this (?:post|article|story) was written by|"
    r"authors?|author\(s\)|contributors?|von|autor|autorin|par|auteur|auteure|por|autora|di|autore|door|przez|"
    r"автор)\s*:?", re.IGNORECASE)
_ONLY_SEPARATORS = re.compile(r"[\s:·•|\-–—,]*")
# How a byline opens for the one-element form; "from" (another byline opener of
# find_byline's) is left out here: under a headline it opens an etymology or a source
# ("from Latin", "From Gentoo Wiki").
_TEXT_BYLINE_OPENER = re.compile(r"(?!from\b)\w", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def lines_below_headline(tree: Any, headline: str) -> list[str]:
    """The text of the elements that follow the page's headline ``<h1>`` (the one that
    holds ``headline``, or that ``headline`` holds), one line a text node, at most
    _BELOW_HEADLINE_NODES of them, without a form's or a script's text; [] where no
    ``<h1>`` is the headline. What the byline and date readers below read."""
    heading = None
    folded = typographic_fold(headline)
    for element, text in _headings(tree):
        key = typographic_fold(text)
        if key and folded and (key in folded or folded in key):
            heading = element
            break
    if heading is None:
        return []
    try:
        # libxml2 walks the rest of the page before the position filter: linear, ~0.3 us a
        # node (120 ms after the headline of a 3 MB page of 400,000 paragraphs); a walk in
        # Python that stops at the limit cost more on every ordinary page (1.0 against
        # 0.6 ms, WCXB dev's headlines).
        nodes = heading.xpath(f"following::text()[normalize-space()][position() <= {_BELOW_HEADLINE_NODES}]")
    except (ValueError, TypeError):
        return []
    return _page_text_lines(nodes)


def _page_text_lines(nodes: list[Any]) -> list[str]:
    """The text of ``nodes`` (text nodes), one line each, without a form's or a script's."""
    lines = []
    for node in nodes:
        parent = node.getparent()
        if parent is not None and node.is_tail:
            parent = parent.getparent()
        if parent is not None and isinstance(parent.tag, str) and parent.tag.lower() in _NOT_PAGE_TEXT:
            continue
        line = " ".join(str(node).split())
        if line:  # not a no-break space alone, which normalize-space() keeps
            lines.append(line)
    return lines


def _opening_lines(lines: list[str]) -> list[int]:
    """Where the short lines of ``lines`` are before the article's third paragraph (a
    standfirst or two may come before the date and byline), of its first
    _BELOW_HEADLINE_LINES lines."""
    short = []
    paragraphs = 0
    for at, line in enumerate(lines[:_BELOW_HEADLINE_LINES]):
        if len(line.split()) >= _PARAGRAPH_WORDS:
            paragraphs += 1
            if paragraphs > _LEDE_PARAGRAPHS:
                break
            continue
        short.append(at)
    return short


def byline_below_headline(lines: list[str]) -> str | None:
    """The byline printed as text under the headline (``lines``, from lines_below_headline),
    or None.

    For pages that name their author in no markup: "By" in one element and the name in
    the next, or "Written by Jane Doe" in one. The name must read as one: at most five
    words, no sentence's end, not a single word in capitals, and not a single word the
    page also writes in lower case ("By Review" is a menu's, "Jane" no word of the page).

    >>> from lxml import html
    >>> page = html.fromstring("<html><body><h1>Budget passed</h1><p><span>By</span> "
    ...     "<a href='/a/jd'>Jane Doe</a></p><p>The council passed the budget on Monday.</p></body></html>")
    >>> byline_below_headline(lines_below_headline(page, "Budget passed"))
    'Jane Doe'
    """
    lower_words = {word for line in lines for word in _WORD.findall(line) if word.islower()}
    for at in _opening_lines(lines):
        line = lines[at]
        if opens_like_byline(line) and _TEXT_BYLINE_OPENER.match(line):
            found = find_byline(line)
            name = clean_byline(found) if found else None
            if name and _reads_as_names(name, lower_words):
                return name
        if _BYLINE_LABEL.fullmatch(line):
            following = (rest for rest in lines[at + 1:] if not _ONLY_SEPARATORS.fullmatch(rest))
            candidate = next(following, "")
            name = clean_byline(candidate) if len(candidate.split()) < _PARAGRAPH_WORDS else None
            if name and _reads_as_names(name, lower_words) \
                    and (is_name_line(candidate) or len(candidate.split()) <= 3):
                return name
    return None


# A date line is short ("Published March 9, 2026", "Dec 18, 2025 · 3 min read"); a longer
# line with a date is a sentence about another day ("On 2 Dec 2024, I received ...").
_DATE_LINE_WORDS = 8


def date_below_headline(lines: list[str]) -> str | None:
    """The ISO date of the first date line under the headline (``lines``, from
    lines_below_headline) before the article's third paragraph, or None.

    >>> date_below_headline(["By Jane Doe", "Published March 9, 2026", "The council met."])
    '2026-03-09'
    """
    for at in _opening_lines(lines):
        line = lines[at]
        if len(line.split()) <= _DATE_LINE_WORDS:
            found = find_date(line)
            if found is not None:
                return found[0]
    return None


# Where nothing above named the author, two places that say who wrote the page (WCXB's
# development pages, 685 of them without a byline: the archive link named 5 authors and
# no wrong one; the author box 6, none wrong):
# - the link to the author's archive, "/author/<slug>" as WordPress and most publishing
#   systems write it, whose text is the slug's name ("trevor-jackins", "Trevor Jackins");
#   a link to a section or a team page ("/people/", "/team/") names no author;
# - the author box after the article, "Written by Jane Doe" in one element, or a label
#   ("Author", "Article by") and the name in the next; anywhere on the page, so the name
#   must be nothing the page writes in lower case ("All Authors", "Download PDFs" are a
#   menu's), at most _AUTHOR_BOX_NODES text nodes read.
_ARCHIVE_LINK = re.compile(
    r"/(?:author|authors|autor|autorin|autoren|autores|auteur|auteurs|autore|autori|autorzy|yazar)/([^/?#]+)",
    re.IGNORECASE)
_SLUG_SEPARATORS = re.compile(r"[-_+.]+|%20")
_ARCHIVE_LINKS = ('//a[contains(@href, "/author") or contains(@href, "/Author") or contains(@href, "/autor")'
                  ' or contains(@href, "/auteur") or contains(@href, "/yazar")]')
_AUTHOR_BOX_NODES = 5000
_AUTHOR_BOX_LABEL = re.compile(r"(?:written by|article by|words by|story by|authors?|about the author)\s*:?",
                               re.IGNORECASE)
_AUTHOR_BOX_LINE = re.compile(r"(?:written by|article by|words by|story by)\s*:?\s+(.+)", re.IGNORECASE)


def author_archive_link(tree: Any) -> tuple[str, str] | None:
    """(name, source) of the first link to an author's archive whose text is the name its
    URL spells, or None.

    >>> from lxml import html
    >>> author_archive_link(html.fromstring("<p><a href='/authors/trevor-jackins'>Trevor Jackins</a></p>"))
    ('Trevor Jackins', 'link to the author archive')
    >>> author_archive_link(html.fromstring("<p><a href='/author/staff'>Our team</a></p>")) is None
    True
    """
    try:
        links = tree.xpath(_ARCHIVE_LINKS)
    except (ValueError, TypeError):
        return None
    for link in links:
        found = _ARCHIVE_LINK.search(link.get("href") or "")
        if found is None:
            continue
        name = _element_text(link)
        words = [word.casefold() for word in _WORD.findall(name)]
        slug = {part.casefold() for part in _SLUG_SEPARATORS.split(found.group(1)) if part}
        # every word of the name in the slug, and two of them at least (a one-word
        # handle's archive is a forum's member page)
        if 2 <= len(words) <= _MAX_NAME_WORDS and all(word in slug for word in words) \
                and not _reads_as_phrase(name):
            return name, "link to the author archive"
    return None


def byline_in_author_box(tree: Any) -> tuple[str, str] | None:
    """(name, source) of the page's author box ("Written by Jane Doe", or "Author" then
    "Jane Doe"), or None.

    >>> from lxml import html
    >>> page = html.fromstring("<html><body><p>Some article text.</p><h3>Written by Cassidy Horton</h3>"
    ...                        "</body></html>")
    >>> byline_in_author_box(page)
    ('Cassidy Horton', 'author box in the page')
    >>> page = html.fromstring("<html><body><p>all the papers</p><h4>Authors</h4><a>All Authors</a></body></html>")
    >>> byline_in_author_box(page) is None
    True
    """
    try:
        nodes = tree.xpath(f"//body//text()[normalize-space()][position() <= {_AUTHOR_BOX_NODES}]")
    except (ValueError, TypeError):
        return None
    lines = _page_text_lines(nodes)
    # The page's lower-case words, read once and only for a candidate: most pages have none.
    lower_words: set[str] | None = None
    for at, line in enumerate(lines):
        # Every label holds "by" or "author": other lines are passed over without a regex.
        if len(line) > _MAX_BYLINE_CHARS or ("by" not in line.lower() and "author" not in line.lower()):
            continue
        one = _AUTHOR_BOX_LINE.fullmatch(line)
        candidate = one.group(1) if one else None
        if candidate is None and _AUTHOR_BOX_LABEL.fullmatch(line) and at + 1 < len(lines):
            candidate = lines[at + 1]
        if candidate is None or not is_name_line(candidate):
            continue
        name = clean_byline(candidate)
        if not name or "; " in name:
            continue
        if lower_words is None:
            lower_words = {word.casefold() for text in lines for word in _WORD.findall(text) if word.islower()}
        if _reads_as_names(name, lower_words) \
                and not any(word.casefold() in lower_words and word.casefold() not in _NAME_PARTICLES
                            for word in _WORD.findall(name)):
            return name, "author box in the page"
    return None


# Sentence ends a name does not have; an initial's or "Jr."'s period it may.
_SENTENCE_END = re.compile(r"[.!?]$")
_NAME_END = re.compile(r"(?:\b[A-Z]|\bJr|\bSr)\.$")
_MAX_NAME_WORDS = 5


def _reads_as_names(byline: str, lower_words: set[str]) -> bool:
    """Whether each name of ``byline`` ("; "-joined) can be a person's or a handle: a
    name of several words has a capitalised one and is no phrase ("6 years ago", a
    forum's time after "Posted by", is neither), and no word of it is a number."""
    for name in byline.split("; "):
        words = name.split()
        if len(words) > _MAX_NAME_WORDS or (_SENTENCE_END.search(name) and not _NAME_END.search(name)):
            return False
        if any(word.isdigit() for word in words):
            return False
        if len(words) == 1 and ((name.isupper() and len(name) > 1) or name.casefold() in lower_words):
            return False
        if len(words) > 1 and (not any(word[:1].isupper() for word in words) or _reads_as_phrase(name)):
            return False
    return True


def _class_has(token: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {token} ")'


# The author as standard markup names it, where the meta tags, JSON-LD and trafilatura's
# author elements said nothing: the hCard microformat ("author vcard" with its "fn", the
# byline markup of most WordPress themes; "comment-author vcard" is another class), the
# rel="author" link type of HTML, and the "Written by" label pair that SEO plugins put in
# twitter:labelN / twitter:dataN meta tags.
_HCARD_AUTHOR = f'//*[{_class_has("author")} and {_class_has("vcard")}]'
_HCARD_NAME = f'.//*[{_class_has("fn")}]'
_REL_AUTHOR = '//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]'
_TWITTER_LABELS = '//meta[starts-with(@name, "twitter:label")]'
# schema.org's microdata (itemprop="author", its name in an itemprop="name" inside where it
# is a Person item, or a <meta>'s content).
_MICRODATA_AUTHOR = '//*[@itemprop="author"]'
_MICRODATA_NAME = './/*[@itemprop="name"]'
_AUTHOR_LABEL = re.compile(
    r"(?:written by|author|authors|by|verfasst von|geschrieben von|autor|autorin|autore|autora|auteur|écrit par|"
    r"escrito por|scritto da|door|geschreven door|napisane przez|автор)\s*:?", re.IGNORECASE)
_MAX_MARKED = 3


def _marked_author(tree: Any) -> tuple[str, str] | None:
    """(names, source) from the standard markup above, or None."""
    try:
        cards = tree.xpath(_HCARD_AUTHOR)[:_MAX_MARKED]
        names = [_element_text((card.xpath(_HCARD_NAME) or [card])[0]) for card in cards]
        source = "hCard microformat"
        if not any(names):
            names = [_element_text(link) for link in tree.xpath(_REL_AUTHOR)[:_MAX_MARKED]]
            source = "rel=author link"
        if not any(names):
            source = "twitter:label meta tags"
            for label in tree.xpath(_TWITTER_LABELS):
                if _AUTHOR_LABEL.fullmatch((label.get("content") or "").strip()):
                    number = (label.get("name") or "").removeprefix("twitter:label")
                    data = tree.xpath(f'//meta[@name="twitter:data{number}"]/@content') if number.isdigit() else []
                    names = [" ".join(str(data[0]).split())] if data else []
                    break
    except (ValueError, TypeError):  # lxml refuses some malformed content: no author from markup
        return None
    # A name is a few words; longer text is a sentence or a whole card, and a link's text
    # that reads as a phrase is its label (Blogger's profile widget marks "View my complete
    # profile", in the blog's language, rel=author).
    kept = list(dict.fromkeys(n for n in names if n and len(n.split()) <= 5 and not _reads_as_phrase(n)))
    return ("; ".join(kept), source) if kept else None


# Lower-case words names hold ("Ludwig van Beethoven", "Maria de los Ángeles", "Osama bin Laden").
_NAME_PARTICLES = frozenset({
    "al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du", "el",
    "ibn", "la", "las", "le", "les", "los", "op", "ten", "ter", "van", "von", "y", "zu"})


def _reads_as_phrase(text: str) -> bool:
    """Whether ``text`` is worded as a phrase, not a name: a capitalised word beside two or
    more lower-case words that are no name particles (a name is capitalised throughout, or
    written all in lower case as a handle).

    >>> _reads_as_phrase("View my complete profile"), _reads_as_phrase("Afficher mon profil complet")
    (True, True)
    >>> _reads_as_phrase("Ludwig van Beethoven"), _reads_as_phrase("uriebe"), _reads_as_phrase("jane doe")
    (False, False, False)
    """
    words = [word for word in text.split() if word[:1].isalpha()]
    lower = sum(1 for word in words if word[0].islower() and word.casefold() not in _NAME_PARTICLES)
    return lower >= 2 and any(word[0].isupper() for word in words)


# A single capital standing alone in a name: an initial whose period a reader dropped.
_BARE_INITIAL = re.compile(r"(?<![\w.])[A-Z](?![\w.])")


def _with_page_initials(byline: str, tree: Any) -> str:
    """``byline`` with its initials spelled as the page spells them where a reader dropped
    their periods ("T V Raman" for "T. V. Raman", "Joe S" for "Joe S."): the page's text
    is searched for the name with a period after each initial, and its spelling kept."""
    try:
        text = " ".join(" ".join(tree.itertext()).split())
    except ValueError:
        return byline
    names = []
    for name in byline.split("; "):
        words = name.split()
        if not any(_BARE_INITIAL.fullmatch(w) for w in words):
            names.append(name)
            continue
        # periods required: the page may also hold the reader's source, without them
        pattern = r"\s*".join(re.escape(w) + (r"\." if _BARE_INITIAL.fullmatch(w) else "") for w in words)
        found = re.search(r"(?<!\w)" + pattern + r"(?!\w)", text)
        names.append(found.group(0) if found else name)
    return "; ".join(names)


def microdata_author(tree: Any) -> str | None:
    """The person the page's first itemprop="author" element names (schema.org microdata:
    its itemprop="name" where it is a Person item, a <meta>'s content, else its text, any
    label such as "Autor/in:" removed), or None.

    Only the first: teasers of other articles further down carry their own authors.

    >>> from lxml import html
    >>> microdata_author(html.fromstring('<p><span itemprop="author">Autor/in: Korinna Hennig </span></p>'))
    'Korinna Hennig'
    """
    try:
        elements = tree.xpath(_MICRODATA_AUTHOR)
        if not elements:
            return None
        element = elements[0]
        named = element.xpath(_MICRODATA_NAME)
        if named:
            element = named[0]
        content = element.get("content")
        text = (" ".join(str(content).split()) if content is not None and element.tag in ("meta", "link")
                else _element_text(element))
    except (ValueError, TypeError):  # lxml refuses some malformed content
        return None
    name = clean_byline(text)
    # A name is a few words; a longer text is a card or a sentence.
    if not name or any(len(part.split()) > _MAX_NAME_WORDS or _reads_as_phrase(part) for part in name.split("; ")):
        return None
    return name


# Elements that a browser shows on a line of their own, or that end one: their text is
# another word from the text around them ("<h1>News Product<br>Management</h1>" reads
# "News Product Management", where lxml's text_content() joins "ProductManagement").
_LINE_ELEMENTS = frozenset({
    "br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "aside", "nav", "blockquote", "figure", "figcaption",
    "hr", "address", "pre"})


def _element_text(element: Any) -> str:
    """An element's text as a browser lays it out, spaces collapsed: a line break or a
    block inside it separates words ("" where lxml refuses malformed content).

    >>> from lxml import html
    >>> _element_text(html.fromstring("<h1>News Product<br>Management <i>Course</i></h1>"))
    'News Product Management Course'
    """
    try:
        if not any(isinstance(e.tag, str) and e.tag in _LINE_ELEMENTS for e in element.iterdescendants()):
            return " ".join(element.text_content().split())
        parts: list[str] = []
        # Walked with a stack, not recursion: a malformed page nests elements thousands deep.
        # An entry is a node to open, or the text to add once its children are done.
        stack: list[Any] = [element]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
                continue
            tag = node.tag if isinstance(node.tag, str) else None  # a comment's text is not shown
            line = tag in _LINE_ELEMENTS
            closing = (" " if line else "") + ((node.tail or "") if node is not element else "")
            if closing:
                stack.append(closing)
            if tag is None:
                continue
            parts.append((" " if line else "") + (node.text or ""))
            stack.extend(reversed(list(node)))
        return " ".join("".join(parts).split())
    except ValueError:
        return ""


def _same_name(page: str, read: str) -> bool:
    """Whether ``page`` is the name ``read`` as the page spells it: the same letters, and
    written as words ("R.C. BAKER" for "R C Baker"), or differing in case alone ("uriebe"),
    or one word of letters and digits that the reader re-cased and stripped of its digits
    ("ggailey777" for "Ggailey", a name of no one: WCXB dev +2, its test and trafilatura's
    suite unchanged); not a handle of several parts ("michael.andrusio" for "Michael
    Andrusio")."""
    same_letters = _letters(page) == _letters(read)
    one_word = page.strip().isalnum() and len(read.split()) == 1
    return same_letters and (" " in page.strip() or page.casefold() == read.casefold() or one_word)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


# Themes that put the site's name in an <h1> mark it so, or link it to the home page.
_LOGO_MARK = re.compile(r"logo|site-?title|site-?name|brand|masthead", re.IGNORECASE)
_HOME_LINK = re.compile(r"(?:https?://[^/?#]+)?/?(?:index\.\w+)?")


def _is_logo(element: Any) -> bool:
    """Whether an ``<h1>`` is the site's name: marked as a logo, title or brand (itself or
    its three nearest ancestors), or a link to the home page."""
    for node in itertools.islice(itertools.chain([element], element.iterancestors()), 4):
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _LOGO_MARK.search(marks):
            return True
    hrefs = ((link.get("href") or "").strip() for link in element.iter("a"))
    return any(href and _HOME_LINK.fullmatch(href) for href in hrefs)  # an <a> without href is an anchor


# A heading this short that is one part of the <title> is a masthead or a section, not the
# headline, where the <title> has one part of _BESIDE_MIN_WORDS words or more beside it.
_BESIDE_MAX_WORDS = 3
_BESIDE_MIN_WORDS = 5


def _headline_beside(heading: str, tag: str, tree: Any, site_words: set[str]) -> str | None:
    """The <title>'s one long part where the heading read first is a short part of it and
    the page prints that long part too: "The Modesto Bee" in "The Modesto Bee - Reports: EMI
    to cut up to 2,000 jobs", "News" in "News | Briton murdered in New Zealand" (the site's
    name or a section, as the page's <h1> where the masthead is one). A short headline
    beside a long description of the site ("Ben Wilson Surf - Segelmacher, Surf und Kite
    Shop ...") stays: the page does not print the description, and the heading may have at
    most three words. On L3S-GN1's titles (l3s.py) 176 -> 179 right of 289 on the
    development half, 213 -> 219 of 314 held out; trafilatura's suite: one more right."""
    if len(heading.split()) > _BESIDE_MAX_WORDS or not tag:
        return None
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(tag) if part.strip()]
    if not any(part.casefold() == heading.casefold() for part in parts):
        return None
    long = [part for part in parts if len(part.split()) >= _BESIDE_MIN_WORDS]
    # A long part that names the site is the site's description, not the headline.
    if len(long) != 1 or _names_site(long[0], site_words):
        return None
    # Read only here, on the few pages that get this far: the whole body's text, as the
    # page shows it (a headline broken by a <br> is still printed).
    body = tree.find(".//body")
    printed = (_element_text(body) if body is not None else "").casefold()
    return long[0] if " ".join(long[0].split()).casefold() in printed else None


# A title the article's opening does not talk about is a heading read by mistake (a
# section's name, "Sports", "U.S. & World"; a box's, "Sponsored Links"; the site's
# description): where under half of its words (of three or more letters) are among the
# article's first _TITLE_CHECK_WORDS words, a part of the page's <title> of four or more
# words, not the site's name, with three quarters of its words there names the page
# instead. The shares were set before measuring, not tuned: L3S-GN1 titles (benchmarks/
# l3s.py) dev 179 -> 187 of 289, held-out half 219 -> 224 of 314, none right before lost.
_TITLE_CHECK_WORDS = 150
_TITLE_SUPPORTED = 0.5
_TAG_PART_SUPPORTED = 0.75
_MIN_TAG_PART_WORDS = 4
_SUPPORT_WORD = re.compile(r"\w{3,}")


def _support(title: str, opening: set[str]) -> float:
    """The share of ``title``'s words of three or more letters that ``opening`` holds."""
    words = [w.casefold() for w in _SUPPORT_WORD.findall(title)]
    return sum(1 for w in words if w in opening) / len(words) if words else 0.0


def title_from_text(metadata: PageMetadata, tree: Any, lines: list[str], *, url: str | None = None) -> PageMetadata:
    """``metadata`` with its title checked against the article's text (``lines``, what
    the extraction kept): a title the opening does not talk about gives way to the part
    of the page's <title> that it does (see _TITLE_SUPPORTED). A headline the extraction
    kept as the text's first line supports itself: the extractor's choice is evidence."""
    if tree is None or not lines:
        return metadata
    opening_words: list[str] = []
    for line in lines:
        opening_words.extend(line.split())
        if len(opening_words) >= _TITLE_CHECK_WORDS:
            break
    opening = {w.casefold() for w in _SUPPORT_WORD.findall(" ".join(opening_words[:_TITLE_CHECK_WORDS]))}
    metadata = _title_in_opening(metadata, tree, opening, url)
    trimmed = _trim_unmentioned_parts(metadata.title, opening)
    if trimmed == metadata.title:
        return metadata
    sources = dict(metadata.sources)
    sources["title"] = sources.get("title", "") + ", parts the article's opening does not mention removed"
    return replace(metadata, title=trimmed, sources=MappingProxyType(sources))


# Parts joined to a headline by " - ", " | ", " » " that name a section or the site
# ("Jeremy Clarkson ripped off - Digital Lifestyle", "World -- Judges in ...", "... | UK
# Latest"): none of their words is in the article's opening, they have at most
# _UNMENTIONED_PART_WORDS words and end on no "!" or "?" (a headline's own clause, "... –
# so geht's!"); what is left must be a title the opening talks about (_TAG_PART_SUPPORTED,
# _MIN_TAG_PART_WORDS). L3S-GN1 titles dev 187 -> 194, held-out 224 -> 231, trafilatura's
# suite 629 -> 632 (one lost, in L3S dev: "... iPhone rival - report"; the "!"/"?" test
# kept "... – so geht's!").
_END_PART_SEPARATOR = re.compile(r"\s+[|\-–—»]{1,2}\s+")
_UNMENTIONED_PART_WORDS = 4


def _trim_unmentioned_parts(title: str, opening: set[str]) -> str:
    parts = _END_PART_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = _END_PART_SEPARATOR.findall(title)

    def unmentioned(part: str) -> bool:
        return (len(part.split()) <= _UNMENTIONED_PART_WORDS and not part.rstrip().endswith(("!", "?"))
                and _support(part, opening) == 0.0)

    low, high = 0, len(parts)
    while high - low > 1 and unmentioned(parts[high - 1]):
        high -= 1
    while high - low > 1 and unmentioned(parts[low]):
        low += 1
    if (low, high) == (0, len(parts)):
        return title
    kept = parts[low]
    for i in range(low + 1, high):
        kept += separators[i - 1] + parts[i]
    if len(kept.split()) < _MIN_TAG_PART_WORDS or _support(kept, opening) < _TAG_PART_SUPPORTED:
        return title
    return kept


def _title_in_opening(metadata: PageMetadata, tree: Any, opening: set[str], url: str | None) -> PageMetadata:
    """``metadata``, its title replaced by a part of the <title> where the opening does not talk about it."""
    current = _support(metadata.title, opening) if metadata.title else 0.0
    if metadata.title and current >= _TITLE_SUPPORTED:
        return metadata
    site_url = metadata.url or url
    tag = clean_title(_title_tag(tree), site_name=metadata.site_name, url=site_url)
    if not tag:
        return metadata
    site_words = _site_words(metadata.site_name, site_url)
    parts = [tag, *(part.strip() for part in _TITLE_SEPARATOR.split(tag))]
    candidates = [part for part in parts if len(part.split()) >= _MIN_TAG_PART_WORDS and not part.endswith(":")
                  and not _is_site_part(part, site_words)]
    if not candidates:
        return metadata
    best = max(candidates, key=lambda part: (_support(part, opening), -len(part)))
    support = _support(best, opening)
    if support < _TAG_PART_SUPPORTED or support <= current:
        return metadata
    sources = dict(metadata.sources)
    sources["title"] = "<title> (the heading read first is not what the article's opening talks about)"
    return replace(metadata, title=best, sources=MappingProxyType(sources))


def _htmldate(tree: Any, url: str | None) -> str | None:
    """The page's publication date by htmldate (a trafilatura dependency) in its fast mode,
    where the head's readers found none: it also reads dates in the URL, ``<time>``
    elements and the page's date classes. WCXB's annotated dates (`wcxb.py --types all
    --parts titles`): dev 430 -> 636 of 780 right, held-out test 129 -> 220 of 265; its
    extensive mode (662 on dev, one-off) took about four times as long. Any failure of the
    reader is no date."""
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:  # a reader's bug on one page must not cost the page its text
        return None
    return found if isinstance(found, str) and _ISO_DATE.fullmatch(found) else None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# The tags a page describes itself in, by name or property (lower-cased).
_DESCRIPTION_TAGS = frozenset({"description", "og:description", "twitter:description"})


def page_description(tree: Any) -> str:
    """The longest of the page's descriptions of itself (``<meta name="description">``,
    ``og:description``, ``twitter:description``), "" for none: a news page's is most often
    its lede, whole or cut (boilerplate/anchor.py reads it as evidence of where the
    article is).

    >>> import lxml.html
    >>> page_description(lxml.html.fromstring('<html><head><meta property="og:description" content="A fire broke out."></head><body>x</body></html>'))
    'A fire broke out.'
    """
    found = ""
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in _DESCRIPTION_TAGS:
            content = " ".join((element.get("content") or "").split())
            if len(content) > len(found):
                found = content
    return found


def _open_graph_type(tree: Any) -> str:
    """The page's OpenGraph type (``<meta property="og:type">``), lower-cased; "" for none."""
    for element in tree.iter("meta"):
        if (element.get("property") or "").lower() == "og:type":
            return (element.get("content") or "").strip().lower()
    return ""


def _visible_headline(h1s: list[tuple[Any, str]], site_words: set[str]) -> str | None:
    """The headline a page that calls itself an article shows its readers: its one
    ``<h1>`` text of _MIN_HEADLINE_WORDS words or more that is not the site's logo or
    name, nor an interface label; None when there is none or more than one.

    Such a page's meta title (og:title, JSON-LD's headline) is often a version written
    for search engines and social feeds ("Accounting Software for Freelancers Made Easy"
    over the headline "5 Best Accounting Software For Freelancers in 2026"); readers and
    annotators name the page by what it shows. On pages that call themselves articles,
    the visible headline wins: trafilatura's evaluation suite, titles right 647 -> 684 of
    820; WCXB's dev split 1,101 -> 1,148 of 1,476; held out, its test pages that are not
    dev pages 277 -> 286 of 368 (21 gained, 12 lost where the annotation follows the meta
    title); L3S-GN1 unchanged (its 2008 pages declare no og:type). On every page, without
    the og:type (a one-off run, not a benchmark of the repo): the suite +44, WCXB dev +39,
    but its test -1: service, product and documentation pages put a slogan in their ``<h1>``.
    Nor on pages of other kinds whose ``<h1>`` holds most of the meta title's words (a
    slogan shares none; session 71, one-off runs): WCXB dev +6, the suite +1, WCXB test -1,
    annotators following the meta title on as many such pages as the ``<h1>``."""
    visible = {text for element, text in h1s
               if len(text.split()) >= _MIN_HEADLINE_WORDS and not _is_logo(element)
               and not _is_furniture_title(text) and not _is_site_part(text, site_words)}
    return visible.pop() if len(visible) == 1 else None


def _title_tag(tree: Any) -> str:
    element = tree.find(".//title")
    return _element_text(element) if element is not None else ""


def _headings(tree: Any) -> list[tuple[Any, str]]:
    """The page's first ``<h1>`` elements with their text, read once for both title rules."""
    return [(h1, _element_text(h1)) for h1 in itertools.islice(tree.iter("h1"), _MAX_H1)]


# The least share of a title that an <h1> inside it must cover to be its headline: the
# decorations (sections, site names) are the shorter part.
_HEADLINE_SHARE = 0.4
# The <h1> elements read for a headline: a page has one or two (a logo, the headline);
# a page with dozens is a listing, and reading them all would cost more than they tell.
_MAX_H1 = 10


def _headline_within(h1s: list[tuple[Any, str]], title: str, site_words: set[str]) -> str | None:
    """The page's headline where the title decorates it: the one ``<h1>`` of two words or
    more whose text stands inside the title, is shorter, and is most of it ("Budget passed
    after long debate › Politics › Herald" with ``<h1>Budget passed after long debate</h1>``).
    Separators that clean_title does not know, and site names it cannot recognise, leave
    such decorations; the visible headline has none. A logo in an ``<h1>`` ("The Herald")
    is the site's name, the short part of such a title, never taken for the headline.
    None when no single ``<h1>`` fits (the title is kept).

    On trafilatura's evaluation pages (``realpages.py --suite``), with the logo rule of
    page_metadata, titles right 595 -> 642 of 845 (2 lost: a site name the annotation
    kept, a subtitle it kept); without the share, more (644), but a short part of the
    title that is not the headline could then be taken for it.

    Titles and headlines are compared with their dashes, quotation marks and ellipses read
    as ASCII (typographic_fold): meta tags and ``<title>`` often flatten "–", "’", "„…“"
    and "…", and the visible headline is the one the article was published under. So an
    ``<h1>`` that is the whole title, typeset otherwise, is taken too, unless it is in
    capitals only (there the title's casing reads better than its marks): trafilatura's
    suite, titles as written 632 -> 647 of 820 (none lost); held out, WCXB's test titles
    as written 377 -> 373 of 505 (four of the five changed annotations write the ASCII
    marks), unchanged with the marks aside (as WCXB and L3S-GN1 are scored).
    """
    folded = typographic_fold(title)
    inside: list[str] = []
    for element, text in h1s:
        key = typographic_fold(text)
        if len(text.split()) < 2 or key not in folded or text in inside or _is_logo(element):
            continue
        if key == folded and (text == title or text.isupper()):
            continue  # the title itself, or it in capitals
        inside.append(text)
    if len(inside) != 1:
        return None
    headline = inside[0]
    if len(headline) < _HEADLINE_SHARE * len(folded) or _is_site_part(headline, site_words):
        return None
    return headline


# Typographic marks and the ASCII that meta tags put for them.
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032]")
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")


def typographic_fold(text: str) -> str:
    """``text`` with dashes, quotation marks and the ellipsis as ASCII, spaces squeezed,
    case-folded: two spellings of one headline compare equal.

    >>> typographic_fold("Zeit – „Europa“…  Heute")
    'zeit - "europa"... heute'
    """
    text = _DASHES.sub("-", text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text).replace("\u2026", "...")
    return " ".join(text.split()).casefold()


_AUTHOR_ELEMENT = "author element in the page"
_MARKUP_TITLE = "page markup (h1 or title)"
_STDLIB_SOURCES = {"title": "head (stdlib reader)", "author": "meta tags or JSON-LD (stdlib reader)",
                   "site_name": "og:site_name (stdlib reader)"}
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


# Fields where JSON-LD is preferred to meta tags (an author there is a typed Person, a
# meta "author" is often a desk or an agency); the others take JSON-LD only when meta
# tags lack them.
_JSON_LD_FIRST = frozenset({"author"})


def _trafilatura_metadata(tree: Any, marked_author: Callable[[], tuple[str, str] | None]
                          ) -> dict[str, tuple[str, str]]:
    """Title, author, site name and canonical URL by trafilatura's readers: field -> (value, source).

    trafilatura's search of author elements by class and id is asked only where the
    page's standard markup (``marked_author``: hCard, rel=author, a "Written by" label)
    names no author: that markup says what it is, the search guesses from class names
    (author_search.py: ~1-5 ms a page with its check, against ~6-23 for trafilatura's own,
    ``benchmarks/author_search.py``). Authors right the same with either order:
    trafilatura's suite 336 of 528, WCXB's dev split 502 of 736, its test split 98 of 134
    (``realpages.py --suite``, ``wcxb.py --parts titles``)."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
    from trafilatura.settings import Document as TrafilaturaDocument

    found: dict[str, tuple[str, str]] = {}
    # Read apart, so that the JSON-LD of the article (typed as a Person's name, the
    # article's headline) wins over meta tags, which often name the desk or the agency.
    tagged = examine_meta(tree)
    structured = extract_meta_json(tree, TrafilaturaDocument())
    for key, field_name in (("author", "author"), ("title", "title"), ("sitename", "site_name")):
        order = ((structured, "JSON-LD"), (tagged, "meta tags"))
        for document, source in order if key in _JSON_LD_FIRST else order[::-1]:
            value = getattr(document, key, None)
            if value:
                found[field_name] = (value, source)
                break
    if "author" not in found and marked_author() is None:
        # trafilatura 2.3's extract_author, answered in one pass without copying the page
        author = author_elements(tree)
        if author:
            found["author"] = (author, _AUTHOR_ELEMENT)
    if "title" not in found:
        title = extract_title(tree)
        if title:
            found["title"] = (title, _MARKUP_TITLE)
    url = extract_url(tree)
    if url:
        found["url"] = (url, "canonical link")
    return found
