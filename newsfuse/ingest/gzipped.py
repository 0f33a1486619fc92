"""Gzip-compressed inputs: a saved feed, page or JSON file that was gzipped (``.gz``).

A file is gzipped when it starts with the gzip magic bytes (``1f 8b``), whatever its name; it
is decompressed in memory, at most :data:`MAX_GUNZIPPED_BYTES`, and then read like any other
input (its format found by its inner name and its first bytes). Several gzip members in one
file are read one after another, as ``gunzip`` does.
"""

from __future__ import annotations

import gzip
import io
import zlib

from newsfuse.errors import UnreadableInput

__all__ = ["gunzip_if_gzipped", "is_gzipped", "MAX_GUNZIPPED_BYTES", "GZIP_MAGIC"]

GZIP_MAGIC = b"\x1f\x8b"

#: Largest decompressed size read from one gzipped input (bytes). Feeds and saved pages are
#: well under a few MiB; a bigger expansion is an archive or a compression bomb, refused with a
#: message instead of filling memory.
MAX_GUNZIPPED_BYTES = 64 * 1024 * 1024


def is_gzipped(data: bytes) -> bool:
    """True when ``data`` starts with the gzip magic bytes."""
    return data[:2] == GZIP_MAGIC


def gunzip_if_gzipped(data: bytes, origin: str, limit: int = MAX_GUNZIPPED_BYTES) -> bytes:
    """``data`` decompressed when it is gzip, else ``data`` unchanged.

    Raises :class:`~newsfuse.errors.UnreadableInput` (naming ``origin``) for broken gzip data
    or when the content would be larger than ``limit`` bytes.
    """
    if not is_gzipped(data):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        reason = str(err) or type(err).__name__
        raise UnreadableInput(origin, f"broken gzip data ({reason})") from None
    if len(content) > limit:
        raise UnreadableInput(origin, f"gzipped content is larger than {limit // (1024 * 1024)} MiB")
    return content
