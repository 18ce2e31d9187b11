"""The interface labels that blog and news software prints around articles, per language.

``data/furniture_phrases.json`` (built by tools/learn_furniture.py from WordPress's and
ClassicPress's own translations) holds a fixed list of English front-end strings ("Leave
a Reply", "Continue reading", "Uncategorized") with the kind of furniture each is, and
what a page in each of nine other languages prints instead. The line classifier
(text.py) removes such lines; the page-metadata reader (pagemeta.py) refuses them as a
page's title.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

__all__ = ["FurniturePhrases", "furniture_phrases"]


@dataclass(frozen=True)
class FurniturePhrases:
    """Lower-cased labels: ``english`` maps each English string to its kind of furniture
    ("navigation", "comment", "related"); ``translations`` maps a label in another
    language to the English string it translates."""

    english: Mapping[str, str]
    translations: Mapping[str, str]

    def english_of(self, label: str) -> str | None:
        """The English string ``label`` (lower-cased) is, or translates; None for other text."""
        return label if label in self.english else self.translations.get(label)


@functools.cache
def furniture_phrases() -> FurniturePhrases:
    """The shipped labels (read once).

    >>> furniture_phrases().english_of("weiterlesen")
    'continue reading'
    """
    data = json.loads(resources.files("newsclean.data").joinpath("furniture_phrases.json").read_text("utf-8"))
    translations: dict[str, str] = {}
    for phrases in data["languages"].values():
        for label, english in phrases.items():
            translations.setdefault(label, english)
    return FurniturePhrases(MappingProxyType(dict(data["english"])), MappingProxyType(translations))
