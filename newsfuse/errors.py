"""The errors newsfuse raises; the CLI turns them into one-line messages.

NewsfuseError                 any error of ours; str(err) is a one-line message
├── InputError                an input (file, record, URL) could not be used
│   ├── EmptyInput            nothing to read in it (empty file, blank text)
│   ├── UnreadableInput       binary, not UTF-8, not a format we read, or not a regular file
│   ├── MalformedInput        broken JSON / JSONL / HTML / feed, or a record missing text
│   ├── OverLimit             over a size or depth limit (config.Limits); names the limit
│   └── FetchError            a URL could not be fetched (network error, HTTP error status)
├── NoArticles                nothing readable was found in any input
├── OutputError               the output file cannot be written (missing folder, a directory, an
│                             input, read-only, disk full); a failed write leaves no partial file
├── ConfigError               a bad option or setting (unknown method, missing model)
└── StoreError                the store cannot be used (not a newsfuse database, newer schema, busy)
    └── NotFound              no such story, article or feed in the store
"""

from __future__ import annotations

__all__ = [
    "NewsfuseError",
    "InputError",
    "EmptyInput",
    "UnreadableInput",
    "MalformedInput",
    "OverLimit",
    "OutputError",
    "NoArticles",
    "ConfigError",
    "FetchError",
    "StoreError",
    "NotFound",
]


class NewsfuseError(Exception):
    """Base class: ``str(err)`` is a one-line message fit for a user."""


class InputError(NewsfuseError):
    """An input could not be used. ``origin`` names the file or record."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


class EmptyInput(InputError):
    pass


class UnreadableInput(InputError):
    pass


class MalformedInput(InputError):
    pass


class OverLimit(InputError):
    """Over one of the limits of :class:`newsfuse.config.Limits`; the message names it and its
    environment variable."""


class NoArticles(NewsfuseError):
    pass


class OutputError(NewsfuseError):
    pass


class ConfigError(NewsfuseError):
    pass


class FetchError(InputError):
    pass


class StoreError(NewsfuseError):
    pass


class NotFound(StoreError):
    pass
