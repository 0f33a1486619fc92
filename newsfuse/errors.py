"""The errors newsfuse raises; the CLI turns them into one-line messages.

NewsfuseError                 any error of ours; str(err) is a one-line message
├── InputError                an input (file, record, URL) could not be used
│   ├── EmptyInput            nothing to read in it (empty file, blank text)
│   ├── UnreadableInput       binary, not UTF-8, or not a format we read
│   ├── MalformedInput        broken JSON / JSONL / HTML / feed, or a record missing text
│   └── FetchError            a URL could not be fetched (network error, HTTP error status)
├── NoArticles                nothing readable was found in any input
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


class NoArticles(NewsfuseError):
    pass


class ConfigError(NewsfuseError):
    pass


class FetchError(InputError):
    pass


class StoreError(NewsfuseError):
    pass


class NotFound(StoreError):
    pass
