"""Learn sentence-internal abbreviations and sentence starters from UD treebanks.

For the languages newsclean has no hand-written list for, the lists in
``src/newsclean/data/abbreviations_ud.json`` are counted from the training and
development splits of Universal Dependencies treebanks (their test splits are left for
evaluation), in the spirit of Punkt (Kiss & Strunk 2006), but with the treebank's gold
sentence ends instead of unsupervised guesses:

- an *abbreviation* is a word written with a period that, in the treebank, mostly
  stands inside a sentence (the period is not the sentence end) and is seen there at
  least ``--min-internal`` times;
- it is a *title* when a capitalised word always follows it and it never ends a sentence
  ("вул. Хрещатик"), *never final* when it is frequent and never ends one, *number* when a
  number mostly follows it, and *general* otherwise (it ends a sentence only before a
  word that starts sentences);
- *starters* are words that begin many sentences and are also common in lower case
  inside sentences (function words, pronouns): after an ambiguous abbreviation they mark
  a new sentence;
- *ordinal_dot*: whether the language writes ordinal numbers in digits with a period
  ("9. apríla", "1. Korošak"): digits of one to three and a period that the treebank
  annotates as an ordinal (NumType=Ord) standing inside a sentence at least
  ``ORDINAL_MIN`` times and ``ORDINAL_RATIO`` times as often as at a sentence's end (a
  numbered list's "1." or a count that ends a sentence, "na 742.", is no evidence). Then a number and a period end a sentence only before a word that
  starts sentences, as for German and Turkish.

A treebank's few thousand sentences hold only the commonest abbreviations, so with
``--spacy`` the curated abbreviation exceptions of spaCy's tokenizer for the language
(``spacy.lang.<lang>.tokenizer_exceptions``, MIT licence; spaCy is needed only here, not
by newsclean) are added, with ``--pysbd`` pySBD's hand-written list for it (MIT; a
benchmark extra), and with ``--sentencex DIR`` sentencex's (MIT; a checkout of its
repository): they are placed in a category by the treebank's evidence when the
treebank has seen them, and are *general* otherwise.

Usage: ``python tools/learn_abbreviations.py [--spacy] nl=DIR[,DIR] uk=DIR ... -o FILE``,
where each DIR is a clone of a UD treebank repository (github.com/UniversalDependencies/UD_*);
an existing FILE keeps its other languages. The shipped file was built by nine runs
(where train files were absent from the snapshots used, dev, or dev and test, of one
treebank were counted, and other treebanks' test files kept for evaluation)::

    learn_abbreviations.py --spacy --splits dev,test nl=UD_Dutch-Alpino pl=UD_Polish-PDB \
        tr=UD_Turkish-BOUN id=UD_Indonesian-GSD -o abbreviations_learned.json
    learn_abbreviations.py --spacy --splits dev uk=UD_Ukrainian-IU -o abbreviations_learned.json
    learn_abbreviations.py --spacy --supplement de= fr= es= it= pt= ru= -o abbreviations_learned.json
    learn_abbreviations.py --spacy --splits train,dev vi=UD_Vietnamese-VTB -o abbreviations_learned.json
    learn_abbreviations.py --spacy --splits dev fa=UD_Persian-PerDT ko=UD_Korean-Kaist \
        ja=UD_Japanese-GSD zh=UD_Chinese-GSD -o abbreviations_learned.json
    learn_abbreviations.py --spacy --splits dev bg=UD_Bulgarian-BTB da=UD_Danish-DDT fi=UD_Finnish-TDT \
        hr=UD_Croatian-SET no=UD_Norwegian-Bokmaal ro=UD_Romanian-RRT sk=UD_Slovak-SNK \
        sl=UD_Slovenian-SSJ sv=UD_Swedish-Talbanken -o abbreviations_learned.json
    learn_abbreviations.py --spacy --splits train,dev hu=UD_Hungarian-Szeged -o abbreviations_learned.json

(spaCy has no tokenizer exceptions for Croatian or Slovak: their lists were the treebank's alone.)
Session 72 added pySBD's Slovak list (202 entries; Slovak SNK's dev split had given two
abbreviations, "ii" and "tzv"), the eighth run (pySBD 0.3.4; spaCy need not be installed for
it, having no Slovak list)::

    learn_abbreviations.py --pysbd --splits dev sk=UD_Slovak-SNK -o abbreviations_learned.json

and Ukrainian was rebuilt with sentencex's Ukrainian list (github.com/wikimedia/sentencex at
312da7f6; 183 lines, a dictionary of abbreviations with their meanings), the ninth run. Rebuilt
without it, the Ukrainian entry is the shipped one plus the ordinal fields session 70 added
(it predates them)::

    learn_abbreviations.py --spacy --sentencex sentencex --splits dev uk=UD_Ukrainian-IU -o abbreviations_learned.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

TITLE_SHARE = 0.9
NUMBER_SHARE = 0.7
NEVER_FINAL_MIN = 20
STARTERS = 80
ORDINAL_MIN = 5
# newsclean keys Norwegian by the macrolanguage's code, as fastText's lid.176 names it;
# spaCy by Bokmål's.
_SPACY_CODES = {"no": "nb"}
ORDINAL_RATIO = 3


def _sentences(path: Path) -> Iterator[list[tuple[str, str, str, str]]]:
    """Each sentence's words: form, universal POS tag, features and MISC."""
    tokens: list[tuple[str, str, str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if not line:
            if tokens:
                yield tokens
            tokens = []
        elif line[0].isdigit():
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword ranges and empty nodes: the words are listed one by one
            tokens.append((cols[1], cols[3], cols[5], cols[9]))
    if tokens:
        yield tokens


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in text)


def spacy_abbreviations(lang: str) -> tuple[list[str], str]:
    """spaCy's tokenizer exceptions for ``lang`` that are abbreviations (a word and a
    period), lower-cased without the final period; and spaCy's version ("" without it)."""
    import importlib

    try:
        import spacy
        from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS

        module = importlib.import_module(f"spacy.lang.{_SPACY_CODES.get(lang, lang)}.tokenizer_exceptions")
    except ImportError:
        return [], ""
    keys = {key[:-1].lower() for key in module.TOKENIZER_EXCEPTIONS
            if key not in BASE_EXCEPTIONS and key.endswith(".") and " " not in key}
    return sorted(k for k in keys if len(k) >= 2 and _has_letter(k) and not k.endswith(".")), spacy.__version__


def pysbd_abbreviations(lang: str) -> tuple[list[str], str]:
    """pySBD's hand-written abbreviations for ``lang`` (``pysbd.lang.<language>``, its
    ``Abbreviation.ABBREVIATIONS``; MIT licence) as keys (:func:`_listed_keys`); and
    pySBD's version ("" without it or without the language)."""
    try:
        from importlib.metadata import version

        from pysbd.languages import LANGUAGE_CODES
    except ImportError:
        return [], ""
    language = LANGUAGE_CODES.get(lang)
    if language is None:
        return [], ""
    return _listed_keys(language.Abbreviation.ABBREVIATIONS), version("pysbd")


# An ordinal in Roman numerals up to XXXIX ("ii", "iv", "xx"): a king's or a century's.
# Hand-written lists hold some; newsclean's own rule reads them, and as abbreviations they
# kept a king's ordinal from ending a sentence ("... kráľ Belo IV. Výsadné postavenie ...",
# UD Slovak SNK). Units and words written in the other Roman letters ("ml", "mil", "mld")
# are abbreviations.
_ROMAN_ORDINAL = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")


def _listed_keys(entries: Iterable[str]) -> list[str]:
    """A hand-written list's abbreviations as keys: lower-cased, without a final period,
    one word each (pySBD's "s. r. o" with spaces is three initials to newsclean), two
    characters or more with a letter, its Roman ordinals left out."""
    keys = {entry.strip().lower().rstrip(".") for entry in entries if entry.strip() and " " not in entry.strip()}
    return sorted(k for k in keys if len(k) >= 2 and _has_letter(k) and not _ROMAN_ORDINAL.fullmatch(k))


def sentencex_abbreviations(lang: str, checkout: Path) -> tuple[list[str], str]:
    """sentencex's abbreviation list for ``lang`` (``src/languages/abbrev/<lang>.txt`` of a
    checkout of github.com/wikimedia/sentencex, MIT licence: a word a line, "//" lines its
    meaning) as keys (:func:`_listed_keys`); and the checkout's commit ("" without the
    language)."""
    path = checkout / "src" / "languages" / "abbrev" / f"{lang}.txt"
    if not path.is_file():
        return [], ""
    commit = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=False).stdout.strip()
    lines = path.read_text("utf-8").splitlines()
    return _listed_keys(line for line in lines if not line.lstrip().startswith("//")), commit


def learn(files: list[Path], *, min_internal: int, extra: Iterable[str] = ()) -> dict[str, object]:
    internal: Counter[str] = Counter()
    final: Counter[str] = Counter()
    capital_next: Counter[str] = Counter()
    number_next: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    lower_inside: Counter[str] = Counter()
    sentences = 0
    ordinals = Counter()  # "inside" / "final": digits and a period, where they stand
    for path in files:
        for tokens in _sentences(path):
            sentences += 1
            words = [i for i, (_f, upos, _feats, _m) in enumerate(tokens) if upos != "PUNCT"]
            if not words:
                continue
            first, last = words[0], words[-1]
            form, upos, _feats, _misc = tokens[first]
            if form.isalpha() and upos != "PROPN":
                starts[form.lower()] += 1
            for i in words[1:]:
                if tokens[i][0].isalpha() and tokens[i][0].islower():
                    lower_inside[tokens[i][0]] += 1
            for position, i in enumerate(words):
                form, _upos, _feats, misc = tokens[i]
                if _ordinal_with_dot(tokens, i):
                    ordinals["final" if i == last else "inside"] += 1
                if form.endswith(".") and len(form) >= 2:
                    key = form[:-1].lower()
                elif i + 1 < len(tokens) and tokens[i + 1][0] == "." and "SpaceAfter=No" in misc:
                    key = form.lower()
                else:
                    continue
                if len(key) < 2 or not _has_letter(key) or any(c.isdigit() for c in key):
                    continue
                if i == last:
                    final[key] += 1
                    continue
                internal[key] += 1
                following = tokens[words[position + 1]][0] if position + 1 < len(words) else ""
                if following[:1].isupper():
                    capital_next[key] += 1
                if following[:1].isdigit():
                    number_next[key] += 1
    lists: dict[str, list[str]] = {"titles": [], "number": [], "general": [], "never_final": []}
    curated = set(extra)
    for key in sorted(set(internal) | curated):
        inside, ends = internal[key], final[key]
        if key not in curated and (inside < min_internal or inside < ends):
            continue
        if key in curated and inside < min_internal:
            lists["general"].append(key)  # too rare in the treebank to tell more
            continue
        if ends == 0 and capital_next[key] >= TITLE_SHARE * inside:
            lists["titles"].append(key)
        elif number_next[key] >= NUMBER_SHARE * inside:
            lists["number"].append(key)
        elif ends == 0 and inside >= NEVER_FINAL_MIN:
            lists["never_final"].append(key)
        else:
            lists["general"].append(key)
    common = [w for w, n in starts.most_common() if n >= 5 and lower_inside[w] >= 5]
    lists["starters"] = sorted(common[:STARTERS])
    ordinal_dot = ordinals["inside"] >= ORDINAL_MIN and ordinals["inside"] >= ORDINAL_RATIO * ordinals["final"]
    return {"sentences": sentences, **lists, "ordinal_dot": ordinal_dot,
            "numbers_with_a_period": {"inside": ordinals["inside"], "final": ordinals["final"]}}


def _ordinal_with_dot(tokens: list[tuple[str, str, str, str]], i: int) -> bool:
    """Whether token ``i`` is an ordinal (NumType=Ord) of one to three digits written with a
    period: one token ("9."), or the digits and a "." token right after them (treebanks
    split it either way)."""
    form, _upos, feats, misc = tokens[i]
    if "NumType=Ord" not in feats:
        return False
    if form.endswith(".") and 2 <= len(form) <= 4 and form[:-1].isdigit():
        return True
    return (1 <= len(form) <= 3 and form.isdigit() and i + 1 < len(tokens) and tokens[i + 1][0] == "."
            and "SpaceAfter=No" in misc)


def _provenance(directory: Path) -> dict[str, str]:
    # A clone knows its commit; an exported tree may carry it in a .commit file.
    marker = directory / ".commit"
    commit = marker.read_text().strip() if marker.exists() else subprocess.run(
        ["git", "-C", str(directory), "rev-parse", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    licence = ""
    readme = directory / "README.md"
    if readme.exists():
        for line in readme.read_text("utf-8").splitlines():
            if line.lower().startswith("license:"):
                licence = line.split(":", 1)[1].strip()
                break
    return {"treebank": directory.name, "commit": commit, "licence": licence}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("treebanks", nargs="+", help="LANG=DIR[,DIR...]")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--min-internal", type=int, default=3)
    parser.add_argument("--spacy", action="store_true", help="add spaCy's curated abbreviations (see above)")
    parser.add_argument("--pysbd", action="store_true", help="add pySBD's hand-written abbreviations (see above)")
    parser.add_argument("--sentencex", type=Path, default=None,
                        help="a checkout of sentencex: add its abbreviation list for the language (see above)")
    parser.add_argument("--supplement", action="store_true",
                        help="for languages with a hand-written list in abbreviations.json: no starters, "
                             "and marked as a supplement to that list")
    parser.add_argument("--splits", default="train,dev",
                        help="which splits to count (default train,dev; the test split stays for evaluation)")
    args = parser.parse_args(argv)
    target = Path(args.output)
    # An existing file keeps its other languages: the shipped file is built by several runs.
    languages: dict[str, dict[str, object]] = (
        json.loads(target.read_text("utf-8"))["languages"] if target.exists() else {})
    for spec in args.treebanks:
        lang, _, dirs = spec.partition("=")
        directories = [Path(d) for d in dirs.split(",") if d]
        splits = tuple(f"-{split}" for split in args.splits.split(","))
        files = sorted(f for d in directories for f in d.glob("*.conllu")
                       if any(split in f.name for split in splits))
        curated, version = spacy_abbreviations(lang) if args.spacy else ([], "")
        written, pysbd_version = pysbd_abbreviations(lang) if args.pysbd else ([], "")
        listed, sentencex_commit = sentencex_abbreviations(lang, args.sentencex) if args.sentencex else ([], "")
        learned = learn(files, min_internal=args.min_internal, extra=[*curated, *written, *listed])
        learned["sources"] = [{**_provenance(d), "files": [f.name for f in files if f.parent == d]}
                              for d in directories]
        if curated:
            learned["sources"].append({"spacy": version, "module": f"spacy.lang.{_SPACY_CODES.get(lang, lang)}.tokenizer_exceptions",
                                       "licence": "MIT", "abbreviations": len(curated)})
        if written:
            learned["sources"].append({"pysbd": pysbd_version, "module": "pysbd.languages.LANGUAGE_CODES["
                                       f"{lang!r}].Abbreviation.ABBREVIATIONS", "licence": "MIT",
                                       "abbreviations": len(written)})
        if listed:
            learned["sources"].append({"sentencex": sentencex_commit, "file": f"src/languages/abbrev/{lang}.txt",
                                       "licence": "MIT", "abbreviations": len(listed)})
        if args.supplement:
            # A hand-written list keeps its own starters; these abbreviations only join it.
            del learned["starters"]
            learned["supplements"] = "abbreviations.json"
        languages[lang] = learned
    out = {"about": "Learned by tools/learn_abbreviations.py from the UD treebank files listed under each "
                    "language (Universal Dependencies, universaldependencies.org).",
           "languages": dict(sorted(languages.items()))}
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
