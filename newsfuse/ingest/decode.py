"""Bytes to text, with one policy for every format.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else, when the
caller knows a declared charset (an HTML ``<meta charset>``, an XML declaration), that codec;
else a cp1252 fallback for *near-text*: files that are plainly text written by an old Windows
editor (a few curly quotes or accented letters as single bytes). The fallback is taken only when
the bytes decode to printable text and most bytes are ASCII, and it is reported as a warning so
the user knows. Anything else (NUL bytes, control bytes, mostly non-ASCII noise) is not text and
raises :class:`~newsfuse.errors.UnreadableInput`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsfuse.errors import EmptyInput, UnreadableInput

__all__ = ["decode_bytes", "looks_binary", "Decoded", "FALLBACK_ENCODING", "SNIFF_BYTES"]

FALLBACK_ENCODING = "cp1252"

#: Bytes looked at to tell text from binary: a NUL or many control bytes in the first 8 KiB
#: marks a binary file (the heuristic ``file`` and git use).
SNIFF_BYTES = 8192

#: Largest share of control bytes (other than tab, newline, carriage return, form feed) a text
#: file may have in its first :data:`SNIFF_BYTES`. Real text has none; 1% tolerates a stray byte.
MAX_CONTROL_SHARE = 0.01

#: Largest share of non-ASCII bytes for the cp1252 fallback. English news in cp1252 has a few
#: percent (quotes, dashes, accents); 15% leaves room for names in other languages while still
#: refusing random binary data, which is about 50% non-ASCII.
MAX_FALLBACK_NON_ASCII = 0.15

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the codec that gave it."""

    text: str
    encoding: str


def looks_binary(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) holds a NUL or many control bytes."""
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * max(len(head), 1)


def _decode_with_bom(data: bytes, origin: str, encoding: str) -> Decoded:
    """Text after a byte-order mark: whole code units only, and no NUL or control characters
    (a BOM in front of binary data decodes to nonsense characters, not to text)."""
    unit = {"utf-16": 2, "utf-32": 4}.get(encoding, 1)
    if len(data) % unit:
        odd = "an odd number of bytes" if unit == 2 else "a byte count not a multiple of 4"
        raise UnreadableInput(origin, f"{encoding.upper()} byte-order mark followed by {odd}: not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise UnreadableInput(origin, f"bad {encoding} text at byte {err.start}") from None
    head = text[:SNIFF_BYTES]
    if "\x00" in head or len(_CONTROL_TEXT.findall(head)) > MAX_CONTROL_SHARE * max(len(head), 1):
        raise UnreadableInput(origin, f"binary data after a {encoding} byte-order mark, not text")
    return Decoded(text, encoding)


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` by the policy above; ``origin`` names the input in error messages."""
    if not data.strip():
        raise EmptyInput(origin, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, origin, encoding)
    if looks_binary(data[:SNIFF_BYTES]):
        raise UnreadableInput(origin, "binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if declared:
        try:
            return Decoded(data.decode(declared), declared.lower())
        except (LookupError, UnicodeDecodeError):
            pass
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    if non_ascii <= MAX_FALLBACK_NON_ASCII * len(data):
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            text = ""
        if text and not _CONTROL_TEXT.search(text):
            return Decoded(text, FALLBACK_ENCODING)
    raise UnreadableInput(origin, f"not UTF-8 text (bad byte at {first_bad})")
