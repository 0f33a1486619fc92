"""Finding and reading input files without hanging, looping or filling memory.

- A path is checked with ``stat`` before it is opened: only regular files are read; a FIFO, a
  device (``/dev/zero``) or a socket is refused without opening it, since reading one can block
  for ever or never end.
- A file is read in one call of at most ``max_input_bytes + 1`` bytes, so an endless or growing
  file costs at most the cap in memory; a file over the cap is refused, naming the limit.
- Folders and ``**`` globs are walked by :func:`walk`, which enters each real folder once (by
  device and inode), so a symlink loop ends. Hidden files and folders (``.name``) are skipped.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsfuse.config import Limits
from newsfuse.errors import OverLimit, UnreadableInput

__all__ = [
    "read_capped",
    "check_regular",
    "check_text_size",
    "walk",
    "folder_files",
    "glob_paths",
    "glob_matches",
    "iter_lines_capped",
    "over_limit",
]

_GLOB_CHARS = re.compile(r"[*?\[]")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def over_limit(origin: str, what: str, limits: Limits, field: str) -> OverLimit:
    """The one-line error for an input over a limit: what it is, the limit, how to raise it."""
    value = getattr(limits, field)
    return OverLimit(origin, f"{what}, over the limit of {value:,} (set {limits.env(field)} to raise it)")


def check_text_size(text: str, origin: str, limits: Limits) -> None:
    """Refuse an article text longer than ``limits.max_article_chars``."""
    if len(text) > limits.max_article_chars:
        raise over_limit(origin, f"text of {len(text):,} characters", limits, "max_article_chars")


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_regular(path: Path, limits: Limits) -> int:
    """The size of ``path`` if it is a regular file within the byte limit; else an InputError."""
    origin = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        raise UnreadableInput(origin, (err.strerror or "cannot be read").lower()) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableInput(origin, f"{_kind(info.st_mode)}, not a regular file: not read")
    if info.st_size > limits.max_input_bytes:
        raise over_limit(origin, f"file of {info.st_size:,} bytes", limits, "max_input_bytes")
    return info.st_size


def read_capped(path: Path, limits: Limits) -> bytes:
    """The bytes of the regular file ``path``, refused (never read whole) when over the limit."""
    check_regular(path, limits)
    cap = limits.max_input_bytes
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as err:
        raise UnreadableInput(str(path), (err.strerror or "cannot be read").lower()) from None
    if len(data) > cap:  # grew since stat, or a file whose size stat does not know (/proc)
        raise over_limit(str(path), "file of more bytes", limits, "max_input_bytes")
    return data


def iter_lines_capped(fh: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for every line of ``fh``; ``None`` in place of a line over ``cap``
    bytes, whose rest is skipped without being kept in memory."""
    lineno = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


def walk(root: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is_folder) for everything under ``root``, each real folder entered once.

    Symlinks are followed (a linked folder of saved pages is read), but a folder already
    entered (same device and inode) is not entered again, so a symlink loop ends. Hidden
    entries and entries that cannot be stat'ed (broken links) are skipped.
    """
    entered: set[tuple[int, int]] = set()
    pending = deque([root])
    while pending:
        folder = pending.popleft()
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in entered:
                continue
            entered.add(key)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
                if not is_folder:
                    os.stat(entry.path)  # a broken link raises here
            except OSError:
                continue
            path = Path(entry.path)
            yield path, is_folder
            if is_folder:
                pending.append(path)


def folder_files(folder: Path) -> list[Path]:
    """Every non-folder entry under ``folder``, sorted by path (special files included, so the
    reader can say why it refuses them)."""
    return sorted(path for path, is_folder in walk(folder) if not is_folder)


def _component_regex(part: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(part):
        char = part[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = part.find("]", i + 2 if part[i + 1 : i + 2] in ("!", "]") else i + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = part[i + 1 : end]
                body = "^" + body[1:] if body.startswith("!") else body
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _pattern_regex(parts: list[str]) -> re.Pattern[str]:
    out: list[str] = []
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        if part == "**":
            out.append("(?:[^/]+(?:/[^/]+)*)?" if last else "(?:[^/]+/)*")
        else:
            out.append(_component_regex(part) + ("" if last else "/"))
    return re.compile("".join(out))


def glob_matches(pattern: str, path: Path) -> bool:
    """Whether ``pattern`` would name ``path`` (existing or not), both taken as absolute."""
    absolute = os.path.abspath(pattern) if not pattern.startswith("/") else os.path.normpath(pattern)
    parts = absolute.split("/")[1:]
    return bool(_pattern_regex(parts).fullmatch(os.path.abspath(path).lstrip("/")))


def glob_paths(pattern: str) -> list[Path]:
    """Paths matching ``pattern`` (``*``, ``?``, ``[...]``, and ``**`` for any depth), sorted.

    Without ``**`` this is :func:`glob.glob`; with it, the folder before the first wildcard is
    walked by :func:`walk`, so a symlink loop cannot make it run for ever.
    """
    parts = pattern.split("/")
    if "**" not in parts:
        return sorted(Path(p) for p in glob.glob(pattern))
    fixed = 0
    while fixed < len(parts) and not _GLOB_CHARS.search(parts[fixed]):
        fixed += 1
    base_parts = parts[:fixed]
    base = Path("/".join(base_parts) or ("/" if pattern.startswith("/") else "."))
    if not base.is_dir():
        return []
    regex = _pattern_regex(parts[fixed:])
    found = []
    for path, _ in walk(base):
        relative = path.relative_to(base).as_posix()
        if regex.fullmatch(relative):
            found.append(path)
    if parts[fixed:] == ["**"] or all(p == "**" for p in parts[fixed:]):
        found.append(base)
    return sorted(found)
