"""newsclean: clean, segmented news documents, and the ones that report the same story.

>>> import newsclean
>>> doc = newsclean.clean("Follow us on Instagram\\n\\nThe summit opened in Paris on Thursday. "
...                       "Leaders from 30 countries attended.\\n\\nViews: 119")
>>> [s.text for s in doc.sentences]
['The summit opened in Paris on Thursday.', 'Leaders from 30 countries attended.']
>>> [r.reason for r in doc.removed]
['social', 'counter']
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from newsclean.boilerplate import REASONS, StripBoilerplate, strip_boilerplate
from newsclean.boilerplate.template import SiteTemplate
from newsclean.clean import clean, default_pipeline
from newsclean.decode import Decode
from newsclean.dedup import (
    DEFAULT_CLUSTER_THRESHOLDS,
    DEFAULT_THRESHOLDS,
    Cluster,
    ClusterExplanation,
    DuplicateIndex,
    Match,
    find_duplicates,
    signature,
    similarity,
)
from newsclean.dedup.exact import MarkExactDuplicates
from newsclean.document import Document, Edit, Removal, Span
from newsclean.errors import (
    ConfigError,
    DocumentError,
    DuplicateIndexError,
    IndexFormatError,
    InputError,
    NewscleanError,
    SettingsMismatchError,
    StorageError,
)
from newsclean.langid import DetectLanguage, LanguageGuess, detect_language
from newsclean.linebreaks import RepairLineBreaks, repair_line_breaks
from newsclean.pipeline import Pipeline, Stage, StageStats
from newsclean.repair import RepairConfig, RepairEncoding, repair_encoding
from newsclean.segment import SplitSentences, split_sentences

try:
    __version__ = version("newsclean")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DEFAULT_CLUSTER_THRESHOLDS",
    "DEFAULT_THRESHOLDS",
    "REASONS",
    "Cluster",
    "ClusterExplanation",
    "ConfigError",
    "Decode",
    "DetectLanguage",
    "Document",
    "DocumentError",
    "DuplicateIndex",
    "DuplicateIndexError",
    "Edit",
    "IndexFormatError",
    "InputError",
    "LanguageGuess",
    "MarkExactDuplicates",
    "Match",
    "NewscleanError",
    "Pipeline",
    "Removal",
    "RepairConfig",
    "RepairEncoding",
    "RepairLineBreaks",
    "SettingsMismatchError",
    "SiteTemplate",
    "Span",
    "SplitSentences",
    "Stage",
    "StageStats",
    "StorageError",
    "StripBoilerplate",
    "__version__",
    "clean",
    "default_pipeline",
    "detect_language",
    "find_duplicates",
    "repair_encoding",
    "repair_line_breaks",
    "signature",
    "similarity",
    "split_sentences",
    "strip_boilerplate",
]
