"""Exceptions raised by newsclean.

Every error newsclean raises on purpose derives from :class:`NewscleanError`, so a
pipeline can catch one type. The tree::

    NewscleanError
     +-- InputError            input of the wrong type or shape (also a TypeError)
     +-- ConfigError           an option out of range or an unknown name (also a ValueError)
     +-- DocumentError         one document could not be processed; carries its id
     +-- IndexError_           base for DuplicateIndex problems
          +-- SettingsMismatchError  signatures made with different settings were mixed
          +-- IndexFormatError       a saved index is corrupt, foreign, or of an unknown version
          +-- StorageError           the storage backend (Redis) failed or is missing

``IndexError_`` has a trailing underscore so it never shadows the builtin ``IndexError``;
it is exported as ``DuplicateIndexError``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DocumentError",
    "DuplicateIndexError",
    "IndexFormatError",
    "InputError",
    "NewscleanError",
    "SettingsMismatchError",
    "StorageError",
]


class NewscleanError(Exception):
    """Base class of every exception newsclean raises on purpose."""


class InputError(NewscleanError, TypeError):
    """The input has the wrong type or shape, e.g. an ``int`` where text was expected."""


class ConfigError(NewscleanError, ValueError):
    """An option is out of range, unknown, or inconsistent with another option."""


class DocumentError(NewscleanError):
    """One document failed inside a stage. ``doc_id`` and ``stage`` say where."""

    def __init__(self, message: str, *, doc_id: str = "", stage: str = "") -> None:
        super().__init__(message)
        self.doc_id = doc_id
        self.stage = stage


class IndexError_(NewscleanError):
    """Base class for problems with a :class:`~newsclean.DuplicateIndex`."""


DuplicateIndexError = IndexError_


class SettingsMismatchError(IndexError_, ValueError):
    """Signatures or indexes built with different settings were combined."""


class IndexFormatError(IndexError_, ValueError):
    """A saved index is not a newsclean index, is corrupt, or has an unknown version."""


class StorageError(IndexError_):
    """The storage backend (e.g. Redis) is unreachable or its client is not installed."""


def describe_type(value: object) -> str:
    """Name the type of ``value`` for error messages."""
    return type(value).__name__
