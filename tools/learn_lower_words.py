"""Learn the English words that are written in lower case inside sentences.

After an abbreviation that may end a sentence ("the U.K.", "Apple Inc.", "4 a.m."), a
capitalised word followed by a lower-case one is a new sentence when the word is one that
is written in lower case inside a sentence ("Police later said", "Shares rose"), and a
name going on when it is not ("U.K. Police Federation" is decided by "Federation", but
"the U.S. Congress voted" by "Congress", a word capitalised inside sentences too). A
document rarely shows its own evidence for that (segment.py reads it when it does); this
list is the same evidence counted over a treebank, in the spirit of Punkt's orthographic
heuristic (Kiss & Strunk 2006), with the treebank's gold sentence starts telling which
capitals are a sentence's.

A word is listed when, inside sentences (not a sentence's first word, nor the word after
a colon, a quotation mark or a bracket), it is seen at least ``--min-lower`` times in
lower case, and capitalised before a lower-case word (as the rule meets it) at most
``--max-capital-share`` of the times it is seen either way.

Sources: the training documents of UD English-EWT (CC BY-SA 4.0; its dev and test
documents are left out: dev is newsclean's development data, test is held out) and of
UD English-GUM, only its genres under CC BY (news, interviews, biographies from
Wikinews and Wikipedia, travel guides from Wikivoyage; its dev and test documents left
out). Each is read from the per-document files of the repositories' ``not-to-release/sources``
(github.com/UniversalDependencies/UD_English-EWT, UD_English-GUM)::

    python tools/learn_lower_words.py --ewt UD_English-EWT --gum UD_English-GUM \
        -o src/newsclean/data/lower_words_en.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learn_abbreviations import _provenance
from learn_open_endings import surface_words

_GUM_GENRES = ("news", "interview", "bio", "voyage")
_AFTER = frozenset(':"“‘\'([{«—–-')
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def _doc_ids(conllu: Path) -> set[str]:
    return {line.split("=", 1)[1].strip() for line in conllu.read_text("utf-8").splitlines()
            if line.startswith("# newdoc id")}


def training_files(ewt: Path | None, gum: Path | None) -> list[Path]:
    files: list[Path] = []
    if ewt is not None:
        lists = ewt / "not-to-release" / "file-lists"
        names = (lists / "files.train").read_text("utf-8").split()
        held = set((lists / "files.dev").read_text("utf-8").split()) | set((lists / "files.test").read_text("utf-8").split())
        files += [ewt / "not-to-release" / "sources" / name for name in names if name not in held]
    if gum is not None:
        held = _doc_ids(gum / "en_gum-ud-dev.conllu") | _doc_ids(gum / "en_gum-ud-test.conllu")
        for path in sorted((gum / "not-to-release" / "sources").glob("GUM_*.conllu")):
            if path.stem not in held and path.stem.split("_")[1] in _GUM_GENRES:
                files.append(path)
    return files


def count(files: list[Path]) -> tuple[Counter[str], Counter[str]]:
    """Inside-sentence counts of each word in lower case and capitalised (title case)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for path in files:
        for sentence in surface_words(path):
            words = [form for form, _tag in sentence]
            for before, word, after in zip(words, words[1:], [*words[2:], ""]):
                if before[-1:] in _AFTER or not word[:1].isalpha():
                    continue
                key = word.lower()
                if _WORD.fullmatch(key) is None:
                    continue
                if word == key:
                    lower[key] += 1
                elif word[0].isupper() and word[1:] == key[1:] and after[:1].islower():
                    # Capitalised before a lower-case word, as the rule meets it: "the
                    # Congress voted" counts against "congress", "the Police Department" not.
                    capital[key] += 1
    return lower, capital


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ewt", type=Path, help="a clone of UD_English-EWT")
    parser.add_argument("--gum", type=Path, help="a clone of UD_English-GUM")
    parser.add_argument("--min-lower", type=int, default=3)
    parser.add_argument("--max-capital-share", type=float, default=0.02)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    files = training_files(args.ewt, args.gum)
    lower, capital = count(files)
    words = sorted(w for w, n in lower.items()
                   if n >= args.min_lower and capital[w] <= args.max_capital_share * (n + capital[w]))
    write_word_list(
        args.out,
        "English words written in lower case inside sentences, learned by tools/learn_lower_words.py "
        "from the training documents of the treebanks under sources (UD English-GUM: its news, interview, "
        f"bio and voyage genres); seen in lower case at least {args.min_lower} times and capitalised before "
        f"a lower-case word at most {args.max_capital_share:.0%} of the time. segment.py: after an "
        "abbreviation that is neither an initial nor an initialism, such a word capitalised before a "
        "lower-case word starts a sentence.",
        treebank_sources(args.ewt, args.gum, files), words)
    print(f"{len(files)} documents, {len(words)} words -> {args.out}")
    return 0


def treebank_sources(ewt: Path | None, gum: Path | None, files: list[Path]) -> list[dict[str, str]]:
    """Provenance of the treebanks read: commit, licence, documents."""
    sources = []
    for root, licence in ((ewt, ""), (gum, "CC BY 4.0 (the genres read; GUM as a whole: CC BY-NC-SA 4.0)")):
        if root is not None:
            source = _provenance(root)
            source["treebank"] = "UD_English-EWT" if root is ewt else "UD_English-GUM"
            source["licence"] = licence or source["licence"]
            source["documents"] = str(sum(1 for f in files if root in f.parents))
            sources.append(source)
    return sources


def write_word_list(out: Path, about: str, sources: list[dict[str, str]], words: list[str]) -> None:
    """A learned word list as the package ships it (data/*.json)."""
    out.write_text(json.dumps({"about": about, "sources": sources, "words": words},
                              ensure_ascii=False, indent=0) + "\n", "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
