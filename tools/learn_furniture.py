"""Gather page-furniture phrases in many languages from WordPress's own translations.

Much of the furniture in news dumps is what the blog and news software prints around an
article: "Leave a Reply", "Your email address will not be published.", "Post Comment",
"Older posts", "Skip to content", "Search for:", "Continue reading". WordPress is
translated into every language a news pipeline meets, by its translation teams
(translate.wordpress.org, GPL-2.0-or-later), and a site in German prints the German
string. This tool reads those translations from gettext catalogues (``.po`` files of
WordPress core and its default themes) and writes, for a fixed list of English front-end
strings, what each language prints instead (the English string it stands for, whose
kind of furniture newsclean's vocabulary decides, or else the kind given here:
``navigation``, ``comment``, ``related``), the catalogues read and their licence. Only whole short strings are taken (no sentence of any article), so the file
holds UI labels, not text.

Usage: ``python tools/learn_furniture.py -o src/newsclean/data/furniture_phrases.json
LANG=FILE.po[,FILE.po] ... --source "..."``. The shipped file was built from WordPress
4.9 core and Twenty Eleven / Twenty Seventeen catalogues for de, fr, es, it, pl
(github.com/chnm/thatcamp-org, commit 254cf1d4, ``wp-content/languages``) and ClassicPress
1.0 core (a WordPress fork that keeps WordPress's translations) for nl, pt, ru, with the
Twenty Seventeen catalogue for tr and it, pt (github.com/PACMEC/PACMEC, commits bc606bd7,
d850d060, 090a3dfe).
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

# English front-end strings, and the furniture kind newsclean gives them. "%s" marks a
# placeholder filled as given ("Required fields are marked *"); strings with markup keep
# their text before it ("Continue reading<span ...>" -> "Continue reading").
FRONT_END: dict[str, str] = {
    "Leave a Reply": "comment",
    "Leave a comment": "comment",
    "Comments": "comment",
    "Comments are closed.": "comment",
    "Post Comment": "comment",
    "Cancel reply": "comment",
    "Reply": "comment",
    "Your email address will not be published.": "comment",
    "Required fields are marked %s": "comment",
    "Save my name, email, and website in this browser for the next time I comment.": "comment",
    "Recent Posts": "related",
    "Recent Comments": "related",
    "Search": "navigation",
    "Search for:": "navigation",
    "Search &hellip;": "navigation",
    "Skip to content": "navigation",
    "Menu": "navigation",
    "Log in": "navigation",
    "Log out": "navigation",
    "Older posts": "navigation",
    "Newer posts": "navigation",
    "Previous Post": "navigation",
    "Next Post": "navigation",
    "Previous": "navigation",
    "Next": "navigation",
    "Home": "navigation",
    "Archives": "navigation",
    "Categories": "navigation",
    "Tags": "navigation",
    "Edit": "navigation",
    "Continue reading<span class=\"screen-reader-text\"> \"%s\"</span>": "navigation",
    "Continue reading <span class=\"meta-nav\">&rarr;</span>": "navigation",
    "Read more": "navigation",
    "Posted in": "navigation",
    "Proudly powered by %s": "navigation",
    # The default category's name: shown as a category label, never a headline.
    "Uncategorized": "navigation",
    # Kubrick, WordPress's default theme until 3.0, titled posts "Site » Blog Archive » Post".
    "Blog Archive": "navigation",
}
FILLS = {"Required fields are marked %s": "*", "Proudly powered by %s": "WordPress"}
_ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


def _unquote(text: str) -> str:
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def read_po(path: Path) -> dict[str, str]:
    """msgid -> the first non-empty msgstr (any context) of a gettext catalogue."""
    out: dict[str, str] = {}
    entry: dict[str, str] = {}
    field = ""

    def flush() -> None:
        msgid, msgstr = entry.get("msgid"), entry.get("msgstr") or entry.get("msgstr[0]")
        if msgid and msgstr and msgid not in out:
            out[msgid] = msgstr

    for line in path.read_text("utf-8").splitlines():
        match = _ENTRY.match(line)
        if match is not None:
            if match.group(1) in ("msgctxt", "msgid") and ("msgstr" in entry or "msgstr[0]" in entry):
                flush()
                entry = {}
            field = match.group(1)
            entry[field] = _unquote(match.group(2))
            continue
        continuation = _CONTINUATION.match(line)
        if continuation is not None and field:
            entry[field] += _unquote(continuation.group(1))
        elif not line.strip():
            flush()
            entry, field = {}, ""
    flush()
    return out


def phrase(english: str, translated: str) -> str | None:
    """The line a page shows for ``translated``, or None when it is not one fixed line."""
    fill = FILLS.get(english, "")
    text = translated.split("<", 1)[0] if "<" in english else translated
    text = html.unescape(text).replace("%s", fill).replace("%1$s", fill)
    text = " ".join(text.split())
    if not text or "%" in text or len(text) > 120:
        return None
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalogues", nargs="+", help="LANG=FILE.po[,FILE.po...]")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--source", required=True, help="where the catalogues come from (recorded in the file)")
    args = parser.parse_args(argv)
    languages: dict[str, dict[str, str]] = {}
    for spec in args.catalogues:
        lang, files = spec.split("=", 1)
        strings: dict[str, str] = {}
        for file in files.split(","):
            for msgid, msgstr in read_po(Path(file)).items():
                strings.setdefault(msgid, msgstr)
        found: dict[str, str] = {}
        for english in FRONT_END:
            if english in strings:
                line, source = phrase(english, strings[english]), phrase(english, english)
                if line is not None and source is not None:
                    found.setdefault(line.lower(), source.lower())
        languages[lang] = dict(sorted(found.items()))
    kinds = {}
    for msgid, kind in FRONT_END.items():
        line = phrase(msgid, msgid)
        if line is not None:
            kinds.setdefault(line.lower(), kind)
    record = {
        "description": "Whole-line page furniture: WordPress front-end strings (English, with the kind of "
                       "furniture each is where newsclean's own vocabulary does not say) and, per language, "
                       "what a page in that language prints instead (tools/learn_furniture.py).",
        "source": args.source,
        "licence": "GPL-2.0-or-later (WordPress and its translations); short interface labels only",
        "english": dict(sorted(kinds.items())),
        "languages": dict(sorted(languages.items())),
    }
    args.output.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
