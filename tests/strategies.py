"""Hypothesis strategies for messy news text, in one place (like attrs' tests/strategies.py)."""

from __future__ import annotations

import datetime

import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252"
from hypothesis import strategies as st

from newsclean.boilerplate.text import _ANYWHERE_KEYS

# Characters real news mojibake is made of: Latin-1 letters, typographic punctuation.
REAL_WORLD_CHARS = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?'\"éèêëàâäôöûüçñßøåæœ“”‘’–—…€£ ©®°±"

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)
sentences = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(words, min_size=3, max_size=20),
    st.sampled_from([".", "!", "?", "", "...", ".”", " U.S.", " Mr."]),
)
prose = st.lists(sentences, min_size=1, max_size=12).map(" ".join)

control_chars = st.text(alphabet=[chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)]] + ["\u200b", "\u00ad", "\ufeff", "\u2028"], max_size=8)
mixed_scripts = st.text(
    alphabet=st.sampled_from(list("abcXYZ Привет мир Ελληνικά 東京都 مرحبا שלום 한국어 ไทย 123 .!?。！？\n")), max_size=200
)
# Text dense in what the segmenter decides on: terminators of several scripts, spaced
# dots, closers and openers, spaces of several kinds, upper and lower case, digits.
terminator_soup = st.lists(
    st.sampled_from([*"aZ1 .!?…‽。！？।؟\u00a0\t\n\u2028\"'”’)]«“(¿¡ßÉ", "Mr", "U.S", ". . .", "the"]),
    max_size=60,
).map("".join)
# Text dense in what story tokens are made of: letters of several scripts (with combining
# marks: Devanagari, decomposed accents), marks after non-letters, digits of two systems,
# apostrophes, hyphens and other dashes, dots and commas between digits or not, a lone
# surrogate and a character beyond the BMP (the compiled tokenizer hands those back).
story_token_text = st.lists(
    st.sampled_from([*"aZéß'’-‐–.,09١٢ \n\tжЯस्ह्ँ中。、_", "\u0301", "\u0300", "\ud800", "😀", "e\u0301"]),
    max_size=60,
).map("".join)
# Text of scripts written without spaces (Han, kana, a Han character beyond the BMP) run
# together with Latin letters, digits, combining marks and the scripts' own punctuation:
# what story and copy tokens split into character bigrams.
spaceless_text = st.lists(
    st.sampled_from([*"東京都中国の人タワーー漢字𠀀aZ09_ 。、，\n", "\u0301", "Tokyo", "2020年"]),
    max_size=60,
).map("".join)
# Text made of what each sentence rule reads: abbreviations of several kinds, times of
# day, list enumerators and bullets, greetings and sign-offs, addresses and e-mail
# stamps, reference marks, quotations of several languages, dashes, elisions, ordinals,
# words that open sentences or go on names, and the spaces and breaks between them.
sentence_text = st.lists(
    st.sampled_from([
        "The", "police", "Police", "said", "it", "rose", "How", "But", "he", "asked", "Federation", "later",
        "Mr.", "Dr.", "U.S.", "U.K.", "a.m.", "p.m.", "Jan.", "No.", "no.", "in.", "ft.", "e.g.", "etc.", "Inc.",
        "5", "10.", "3.5", "1,000.", "Oktober", "1.", "2.", "3)", "a.", "b)", "•", "■",
        "Hi,", "Dear Ann,", "Best regards,", "Thanks,", "debra@x.com", "<ann@mail.org>", "https://x.org/a",
        "www.x.com", "08/17/2000 11:21 AM", "[6]", "[...]", "[citation needed]", "«Где?", "–", "спросил",
        "„Ja“", "「行く？」と", "聞いた。", "l'avv.", "dell'on.", "Bianchi", "?", "!", ". . .", "...", "…", "?!",
        "!!", "\"", "”", "’", ")", "(", "¿", "😀", "Yahoo!", "users", "Tuesday.Mr", "world.Today",
    ]),
    max_size=40,
).flatmap(lambda words: st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "\u00a0", "\t"]),
                                 min_size=len(words), max_size=len(words))
          .map(lambda gaps: "".join(w + g for w, g in zip(words, gaps))))
long_lines = st.builds(lambda s, n: s * n, st.sampled_from(["word ", "Ä.", "x" * 50, "U.S. "]), st.integers(100, 3000))

_TAGS = ["p", "div", "span", "a", "b", "article", "nav", "h1", "li", "script", "style", "br"]
html_fragments = st.recursive(
    st.one_of(prose, words, st.just("&amp; &lt;tag&gt; &nbsp;")),
    lambda inner: st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", st.sampled_from(_TAGS), inner)
    | st.lists(inner, max_size=4).map("".join),
    max_leaves=12,
)

# Mojibake as it happens: UTF-8 bytes read as cp1252 or latin-1, once or twice.
# Real sentences with accented words: ftfy (rightly) leaves a lone two-character
# sequence like "Ã¥" alone, since it is also plausible text; mojibake in news is longer.
ACCENTED = ["café", "naïve", "résumé", "Zoë’s", "déjà", "Ångström", "smörgåsbord", "jalapeño", "façade",
            "€5", "“quoted”", "—", "São Paulo", "Müller", "Malmö", "Bogotá", "coöperate", "señor", "½"]
real_world_text = st.lists(st.one_of(words, st.sampled_from(ACCENTED)), min_size=4, max_size=25).map(" ".join).filter(
    lambda s: not s.isascii())
codecs_ = st.sampled_from(["sloppy-windows-1252", "latin-1"])


def mojibake(text: str, codec: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode(codec)
    return text


def _mojibake_alphabet() -> list[str]:
    """Every character ftfy's badness regex names (its categories and the letters it
    spells out), with ASCII letters, spaces and punctuation: text over it is dense in
    the pairs and triples that regex looks for."""
    import re

    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    classes = [re.compile(f"[{body}]") for body in MOJIBAKE_CATEGORIES.values()]
    named = {chr(c) for c in range(0x80, 0x2600) if any(k.match(chr(c)) for k in classes)}
    spelled = {ch for ch in BADNESS_RE.pattern if ord(ch) > 0x7F}
    return sorted(named | spelled | set("aeoszAEOSZ .,?!\n\t1"))


MOJIBAKE_ALPHABET = _mojibake_alphabet()
# Text of several scripts broken by the encodings ftfy repairs (UTF-8 read as each).
multilingual_mojibake = st.builds(
    mojibake,
    st.text(alphabet=REAL_WORLD_CHARS + "Привет мир ЁёЎўЂђ Ελληνικά ΆΈ şğıİ łźżąę ğü أهلا 東京", max_size=80),
    st.sampled_from(["sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
                     "sloppy-windows-1257", "macroman", "latin-1"]),
    st.integers(1, 2),
)


messy_text = st.one_of(
    st.text(max_size=300),
    prose,
    # lone surrogates arrive in JSON and Python strings; st.text() never draws them (it
    # leaves out category Cs), and fastText and the tokenizer both crashed on them
    st.builds(lambda a, b, c: f"The council approved the new budget on Monday after a long debate. {a}{c}{b}",
              prose, prose, st.sampled_from(["\ud800", "\udfff", "\udc80 \ud83d"])),
    mixed_scripts,
    st.builds(lambda a, b, c: a + b + c, prose, control_chars, prose),
    html_fragments,
    st.builds(mojibake, prose.map(lambda s: s + " café “naïve” — déjà"), codecs_, st.integers(1, 2)),
    st.lists(st.one_of(prose, words, st.just(""), st.just("Views: 12"), st.just("Follow us on Instagram")),
             max_size=15).map("\n".join),
)
messy_bytes = st.one_of(st.binary(max_size=300), messy_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
                        messy_text.map(lambda s: s.encode("cp1252", "replace")))


# Lines of a page dump, drawn so that every rule of the line classifier gets to decide:
# furniture of each kind, header lines (titles, dates, bylines), comment headers,
# captions and links, list items, lines in other scripts, and prose paragraphs.
FURNITURE_LINES = [
    "Home", "• En", "Search", "Menu", "Share on Facebook", "twitter", "Follow us on Instagram", "Views: 119",
    "1.2K views", "12 Comments", "Leave a Reply", "grumpysal says:", "© 2025 Daily News. All rights reserved.",
    "Caliber.az © 2025. .", "This site uses cookies to improve your experience.", "Sign up for our newsletter",
    "You may also like", "Related", "Read also", "Most popular", "The most important world news",
    "About the author", "About Acme Corp", "Ссылка скопирована", "中文网", "전체뉴스", "Español", "loading",
    "READ MORE: Council approves the budget", "Photo by Jason Kempin/Getty Images",
    "A crowd gathers outside (Image: GETTY)", "Alex Wong | Getty Images", "Source", "night_theme",
]
HEADER_LINES = [
    "By Sabina Mammadli", "September 4, 2025", "04.09.2025 09:01", "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "Jan Smith", "August 8, 2018 at 7:21 pm", "Council Approves New Budget After Long Debate",
    "Big news today", "The tour dates:", "WASHINGTON: Talks resumed on Monday", "1. First item", "| second item",
]
_furniture = st.sampled_from(FURNITURE_LINES)
page_lines = st.one_of(  # furniture and header lines listed twice: drawn as often as all the rest
    _furniture, st.sampled_from(HEADER_LINES), _furniture, st.sampled_from(HEADER_LINES), prose, sentences,
    words, mixed_scripts.map(lambda s: " ".join(s.split())),
    st.text(alphabet=REAL_WORLD_CHARS, min_size=1, max_size=80),
)
page_dumps = st.lists(page_lines, min_size=3, max_size=40).map(
    lambda lines: [stripped for line in lines if (stripped := line.strip())]
).filter(bool)


# Corpora for the clustering properties: a few stories, each told in variants (words
# dropped or swapped), some exact copies and briefs, in any order. Drawn from a small
# vocabulary so that stories share words and the clustering has decisions to make.
_STORY_WORDS = ["earthquake", "Clearlake", "council", "budget", "Macron", "Rutte", "rehab", "Teixeira", "Angels",
                "hurricane", "Nasdaq", "plague", "Mongolia", "WeWork", "SoftBank", "strike", "miners", "ferry"]


def _story(seed_words: list[str], filler: list[str]) -> str:
    body = []
    for i in range(60):
        body.append(seed_words[i % len(seed_words)] if i % 3 == 0 else filler[i % len(filler)])
    return " ".join(body) + "."


story_corpora = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_STORY_WORDS), min_size=2, max_size=5, unique=True),
        st.lists(words, min_size=3, max_size=8),
        st.integers(1, 4),
    ),
    min_size=1, max_size=5,
).map(lambda stories: [
    (" ".join(filler[: 1 + copy]) + " " if copy % 2 else "") + _story(seed, filler)
    for seed, filler, copies in stories for copy in range(copies)
])


# Anything a caller might pass by mistake: the public functions must answer with
# newsclean's own errors, never a raw TypeError from deep inside.
wrong_values = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.binary(max_size=20),
                         st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                              max_size=2), st.just(object()))

# JSONL records as feeds write them: a text or html field, ids of any JSON type (or
# none), extra fields, and now and then a line that is not a record at all.
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3),
                           max_leaves=6)
jsonl_records = st.one_of(
    st.fixed_dictionaries({"text": messy_text}, optional={"id": json_values, "url": st.text(max_size=30),
                                                           "title": st.text(max_size=30), "date": st.text(max_size=12)}),
    st.fixed_dictionaries({"html": html_fragments}, optional={"id": json_values}),
    st.dictionaries(st.text(max_size=5), json_values, max_size=3),
    json_values,
)

# Rows of a corpus table as a Parquet file gives them: a few named fields, each a value
# of any kind JSON or Parquet holds (numbers past int64, NaN, timestamps with and
# without a zone, dates, nested values), kinds mixed within a column.
_table_values = st.one_of(
    json_values, st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2200, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2200, 1, 1),
                 timezones=st.just(datetime.UTC)),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 1, 1)))
table_rows = st.lists(st.dictionaries(st.sampled_from(["id", "n", "when", "tags", "x"]), _table_values, max_size=5),
                      min_size=1, max_size=12)

# Pages made of the anywhere keys of the classifier (whole, cut, in capitals and title
# case) and characters whose lower case is special ("İ" lengthens, "K" is the Kelvin sign,
# "ſ" the long s): the key scan and the key finder must agree on them.
_KEY_PIECES = [*_ANYWHERE_KEYS, *(key[: len(key) // 2] for key in _ANYWHERE_KEYS), *(key[1:] for key in _ANYWHERE_KEYS),
               *(key.upper() for key in _ANYWHERE_KEYS), *(key.title() for key in _ANYWHERE_KEYS),
               "\n", " ", "İ", "Copyright", "ALL RIGHTS RESERVED", "x", "ab", "é", "É", "中", "\u212a", "ſ"]
keyed_pages = st.lists(st.one_of(st.sampled_from(_KEY_PIECES), st.just("\n")), max_size=40).map("".join)

# Lines as language identification meets them: words of many languages and scripts,
# digits and punctuation, the bytes fastText splits on (tab, NUL, form feed, carriage
# return), its end-of-line token and label prefix, a character beyond the BMP; no line
# break (fastText reads one line).
language_id_lines = st.lists(
    st.one_of(
        st.sampled_from(["the", "council", "approved", "der", "Stadtrat", "hat", "conseil", "aprobó", "совет",
                         "утвердил", "meclisi", "onayladı", "مجلس", "المدينة", "市议会", "批准", "परिषद", "मंजूरी",
                         "東京都", "한국어", "ไทย", "Ελληνικά", "שלום", "2024", "12:30", "!!!", "—", "«", "»",
                         "</s>", "__label__en", "__label__", "<", ">", "😀", "e\u0301", " ", "\t", "\x00", "\x0c",
                         "\r", "\x0b", "  "]),
        st.text(alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=12),
    ),
    max_size=80,
).map(" ".join)

# Text dense in whitespace of every kind the stdlib and the regex module disagree on or
# agree on: every Unicode space below U+3001, the separators U+001C-U+001F (spaces to
# str.split(), not to regex's \s), a zero-width space and U+180E (spaces to neither).
whitespace_runs = st.lists(
    st.sampled_from([*(chr(c) for c in range(0x3001) if chr(c).isspace()), "\x1c", "\x1d", "\x1e", "\x1f", "\u200b",
                     "\u180e", "a", "Ж", "東", "1", "."]),
    max_size=40,
).map("".join)
# Text in the shape readability-lxml's clean() rewrites: words between runs of spaces,
# tabs, line feeds and other Unicode whitespace, some runs 255 characters or longer (clean
# cuts those first).
readability_whitespace = st.lists(
    st.one_of(
        st.sampled_from(["word", "a", ",", "Ж", " ", "\t", "\n", "\r", "\xa0", "\u2003", "\x0b", "\x1c", "\x85",
                         "\u3000"]),
        st.builds(lambda char, count: char * count, st.sampled_from([" ", "\t", "\n", "\xa0", " \t", "\t ", " \n "]),
                  st.integers(2, 300)),
    ),
    max_size=30,
).map("".join)
# Ampersands in and out of HTML entities, beside mojibake and markup: ftfy unescapes only
# its entity pattern (and not where the text holds "<"), which is all repair's fast path may skip.
ampersand_text = st.lists(
    st.sampled_from(["&", "&amp;", "&#39;", "&#x27;", "&nbsp;", "&copy", "&lt;", "&T", "AT&T", "Q&A", "& ", "&;",
                     "&#", "<", "é", "Ã©", "\xa0", "word", " ", "\n", ";", "#", "x27", "amp"]),
    max_size=25,
).map("".join)
# Text whose line ends are written as Windows, e-mail and old Mac files write them (CRLF, a
# lone CR), and whose spaces and invisible characters are the web's (no-break spaces, tabs,
# byte-order marks, zero-width spaces, soft hyphens, separators), also beside mojibake and
# entities: what the repair's light path takes (repair._repair_light) and what it must not.
carriage_return_text = st.lists(
    st.one_of(st.sampled_from(["\r\n", "\r", "\n\r", "\r\r\n", " \r\n", "\r\n\r\n"]), words,
              st.sampled_from(["Ã©", "â€™", "Ã", "Â", "&amp;", "&", "é", "\u2028", "\x85", "\xa0", "\t", ".", " ",
                               "\ufeff", "\u200b", "\x0c", "\x0b", "\x1e", "\u00ad", "\u200e", "\u2009", "e\u0301",
                               "\x00", "\ufb01", "&nbsp;", "&lt;", "&#39;", "&Atilde;&copy;", "&amp;amp;", "<b>"])),
    min_size=1, max_size=30,
).map("".join)
# Lower-cased tokens around the possessive pattern's edges: apostrophes, "s", line breaks.
possessive_tokens = st.text(alphabet=st.sampled_from(["a", "s", "'", "\n", "é", " ", "S"]), max_size=8)
# Words as texts split on spaces bring them: digits, punctuation, other scripts, emoji,
# combining marks, the meaning tokenizer's special tokens written in the text; distinct.
tokenizer_words = st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=8),
    st.sampled_from(["2021", "3.5%", "<s>", "</s>x", "<unk>🤷🏽", "don’t", "naïve", "Zürich", "北京市", "—", "…", "a<b>"]),
).filter(lambda w: w.split() == [w]), min_size=1, max_size=30, unique=True)
# Pages dense in what an author-element search reads: blocks of a wrapper around a
# candidate element, with the tag names and the class, id, itemprop, rel, data-testid and
# data-component values of trafilatura's author and discard expressions (near misses
# too: case, prefixes, "^comments" inside a value); inside a candidate, names around an
# element that may be pruned (a date, a sidebar, a figure) whose tail joins the text
# before it; a child <rel> of "me"; names of every length around its 2 < length < 120 test.
_AUTHOR_TAGS = ["a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "section", "author", "time",
                "figure", "li", "b"]
_AUTHOR_ATTRIBUTES = ["class", "id", "itemprop", "rel", "data-testid", "data-component"]
_AUTHOR_VALUES = ["author", "Author", "author-name", "authorname", "AuthorName", "author name", "byline", "Byline",
                  "byl", "BBL", "username", "screenname", "writer", "channel-name", "posted-by", "zuozhe", "me",
                  "comments", "Comments", "x comments", "commentlist", "comment-list", "sidebar", "quote", "title",
                  "date", "meta-date", "article-share", "print", "category", "is-hidden", "ProductReviews",
                  "FigureBox", "AuthorCard", "AuthorURL", "BylineBox", "post", "main", ""]
_AUTHOR_NAMES = ["Jane Doe", "By John Roe", "Ana", "Li", "", " ", "J", "Ana María López; Li Wei",
                 "https://example.com/u", "x" * 60, "\n"]
_author_attributes = st.lists(
    st.builds(lambda name, value: f' {name}="{value}"', st.sampled_from(_AUTHOR_ATTRIBUTES),
              st.sampled_from(_AUTHOR_VALUES)), max_size=2).map("".join)
_author_element = st.builds(lambda tag, attributes, body, tail: f"<{tag}{attributes}>{body}</{tag}>{tail}",
                            st.sampled_from(_AUTHOR_TAGS), _author_attributes, st.sampled_from(_AUTHOR_NAMES),
                            st.sampled_from(_AUTHOR_NAMES))
_author_candidates = st.builds(
    lambda tag, attributes, head, inner, tail: f"<{tag}{attributes}>{head}{''.join(inner)}{tail}</{tag}>",
    st.sampled_from(_AUTHOR_TAGS), _author_attributes, st.sampled_from(_AUTHOR_NAMES),
    st.lists(st.one_of(_author_element, st.just("<rel>me</rel>"), st.just("<!-- x -->")), max_size=2),
    st.sampled_from(_AUTHOR_NAMES))
_author_blocks = st.builds(lambda tag, attributes, inner, tail: f"<{tag}{attributes}>{inner}</{tag}>{tail}",
                           st.sampled_from(_AUTHOR_TAGS), _author_attributes, _author_candidates,
                           st.sampled_from(_AUTHOR_NAMES)) | _author_candidates
author_search_pages = st.lists(_author_blocks, min_size=1, max_size=5).map(
    lambda blocks: f"<html><head><title>t</title></head><body>{''.join(blocks)}</body></html>")
# Pages dense in what trafilatura's pruning expressions read (boilerplate/pruning.py):
# nested elements of the names they test, with id, class, style, role, aria-hidden,
# itemprop and data-* attributes in any order (an "@id|@class" test reads the first
# written), valued with their vocabulary's words, near misses (case, "commentary",
# prefixes) and nothing; comments between.
_PRUNING_TAGS = ["div", "p", "span", "section", "item", "list", "ol", "ul", "li", "details", "aside", "article",
                 "main", "h1", "a", "b"]
_PRUNING_ATTRIBUTES = ["id", "class", "style", "role", "aria-hidden", "itemprop", "data-component",
                       "data-lp-replacement-content"]
_PRUNING_VALUES = ["", "x", "story", "share", "Share", "share-links", "social", "nav", "Nav", "NAV", "Navigation",
                   "cookie", "cookie-consent", "sidebar", "footer", "Footer", "ad-slot", "top ad unit", "x-ad-y",
                   "banner", "menu", "related", "comment", "Comment", "comments", "commentary", "comment-list",
                   "comments-title", "comol", "disqus_thread", "dsq-comments", "post-comments", "reply-1",
                   "x-reply-y", "hidden", "is-hidden", "hide-print", "display:none", "display: none", "color:red",
                   "true", "false", "MostPopularStories", "articleBody", "articleContent", "post", "entry",
                   "article", "postarea", "text", "cell", "FullText", "fulltext", "primary", "story-body", "content",
                   "Main-Content", "main-content", "MAIN-CONTENT", "Page-Content", "content-main", "main",
                   "mvp-post-add-box", "infinite-scroll", "elementor-share-buttons", "body-text", "post-entry x"]
_pruning_attributes = st.lists(
    st.tuples(st.sampled_from(_PRUNING_ATTRIBUTES), st.sampled_from(_PRUNING_VALUES)),
    max_size=3, unique_by=lambda pair: pair[0],
).map(lambda pairs: "".join(f' {name}="{value}"' for name, value in pairs))
_pruning_element = st.recursive(
    st.sampled_from(["x", "", "<!-- c -->"]),
    lambda inner: st.builds(lambda tag, attributes, children: f"<{tag}{attributes}>{''.join(children)}</{tag}>",
                            st.sampled_from(_PRUNING_TAGS), _pruning_attributes, st.lists(inner, max_size=3)),
    max_leaves=12,
)
pruning_pages = st.builds(
    lambda attributes, blocks: f"<html{attributes}><head><title>t</title></head><body>{''.join(blocks)}</body></html>",
    _pruning_attributes, st.lists(_pruning_element, min_size=1, max_size=4))

# Cells of a spreadsheet export: commas, semicolons, quotes, line breaks and any script,
# never a NUL (spreadsheets write none) or a lone surrogate (UTF-8 cannot hold one).
_csv_cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40) | \
    st.sampled_from(['He said "hi", then left.', "a;b|c\td", "line one\nline two", "line\r\nbreak", " padded "])
csv_tables = st.lists(st.tuples(_csv_cell, _csv_cell), min_size=1, max_size=8)

# The text around an abbreviation that the sentence rules read for a document's own
# evidence (_sentence_rules._written_bare and its kin): words that may recur with an
# initialism before them, in scripts and letters whose case folds unevenly (Greek's final
# sigma, German's sharp s, Turkish's dotted I, the long s), between every kind of space.
EVIDENCE_WORDS = ["as", "st", "Ss", "οδος", "Οδος", "a", "U.S", "Police", "ß", "Power", "J.D"]
evidence_windows = st.lists(st.sampled_from(
    ["as", "AS", "St", "st", "ST", "ß", "ẞ", "ſt", "Σ", "σ", "ς", "Οδος", "ΟΔΟΣ", "οδος", "İ", "ı", "U.S", "U.S.",
     "Police", " ", "  ", "\xa0", "\t", "\n", ".", ",", ";", "-", "a", "x1", "2", "Ж", "U.S. Police", "J.D. Power",
     "J.D.Power"]), max_size=16).map("".join)

# A page's text on one line (boilerplate/flattened.py): menu words, prose, function words,
# separators and numbers in any order, between spaces of every kind, in scripts with and
# without case.
flattened_words = st.lists(st.sampled_from(
    ["Home", "News", "SPORT", "Sign", "Up", "Privacy", "the", "The", "and", "of", "said", "council", "vote", "|", "/",
     "–", "»", "2019", "1.", "(Reuters)", "«Ja»", "Über", "über", "Ελλάδα", "ελλάδα", "東京", "ªb", "ǅx", "McDonald's",
     " ", "  ", "\t", "\xa0"]), max_size=40)
