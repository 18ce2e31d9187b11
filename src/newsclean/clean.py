"""The default pipeline and :func:`clean`, the one-call entry point."""

from __future__ import annotations

from newsclean.boilerplate import Kind, StripBoilerplate, TextBoilerplateConfig
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG
from newsclean.decode import Decode
from newsclean.document import Document
from newsclean.errors import InputError, describe_type
from newsclean.langid import AUTO, DetectLanguage
from newsclean.linebreaks import RepairLineBreaks
from newsclean.pipeline import Pipeline, Source, Stage
from newsclean.repair import DEFAULT_REPAIR, RepairConfig, RepairEncoding
from newsclean.segment import SplitSentences

__all__ = ["clean", "default_pipeline"]


def default_pipeline(
    *,
    lang: str = AUTO,
    kind: Kind = "auto",
    repair: RepairConfig = DEFAULT_REPAIR,
    boilerplate: TextBoilerplateConfig | None = None,
    comments: bool = False,
    sentences: bool = True,
    vote: bool = True,
    whole_page: bool = True,
) -> Pipeline:
    """decode -> repair encoding -> strip boilerplate -> identify the language -> repair
    line breaks -> split sentences. ``lang="auto"`` detects each document's language from
    its text after boilerplate removal (the article's, not the menus'); an explicit
    language code is used as given. ``comments=True`` keeps reader comments in
    ``meta["comments"]`` (see :class:`StripBoilerplate`). ``sentences=False`` leaves the
    sentence split out, for work that never reads sentences (the segmenter only adds
    spans: the text is the same; ``newsclean dedup`` saves ~8% of its workers' time).
    ``vote=False`` leaves out the line vote of readability and the page-text classifier
    on HTML pages (see :class:`StripBoilerplate`): faster, less accurate on pages that
    do not call themselves articles. ``whole_page=False`` leaves out the gate that reads
    plain dumps of listing, forum and collection pages whole (see :class:`StripBoilerplate`).

    >>> default_pipeline()
    Pipeline(decode, repair, boilerplate, langid, linebreaks, segment)
    >>> default_pipeline(sentences=False)
    Pipeline(decode, repair, boilerplate, langid, linebreaks)
    """
    strip = StripBoilerplate(kind=kind, config=DEFAULT_TEXT_CONFIG if boilerplate is None else boilerplate,
                             comments=comments, vote=vote, whole_page=whole_page)
    stages: list[Stage] = [Decode(), RepairEncoding(config=repair), strip, DetectLanguage(lang=lang), RepairLineBreaks(lang=lang)]
    return Pipeline(*stages, SplitSentences(lang=lang)) if sentences else Pipeline(*stages)


def clean(
    source: Source,
    *,
    id: str | None = None,
    lang: str = AUTO,
    kind: Kind = "auto",
    repair: RepairConfig = DEFAULT_REPAIR,
    boilerplate: TextBoilerplateConfig | None = None,
    comments: bool = False,
    vote: bool = True,
    whole_page: bool = True,
) -> Document:
    """Clean one news text (``str``), page (HTML ``str`` or ``bytes``) or :class:`Document`.

    ``kind="auto"`` reads a text that holds tags as markup. The cleaned text is plain text,
    and may write tags as its words (an article about HTML: "<p> opens a paragraph"): to
    clean a cleaned text again, say ``kind="text"``, which changes nothing.

    >>> doc = clean("Home\\nSearch\\n\\nCouncil passes budget\\n\\nThe council approved the "
    ...             "budget on Monday. Mr. Healey voted against it.\\n\\nViews: 119")
    >>> doc.title
    'Council passes budget'
    >>> [s.text for s in doc.sentences]
    ['The council approved the budget on Monday.', 'Mr. Healey voted against it.']
    """
    if not isinstance(source, (str, bytes, bytearray, memoryview, Document)):
        raise InputError(f"clean expects str, bytes or Document, got {describe_type(source)}")
    pipeline = default_pipeline(lang=lang, kind=kind, repair=repair, boilerplate=boilerplate, comments=comments,
                                vote=vote, whole_page=whole_page)
    return pipeline(source, id=id)
