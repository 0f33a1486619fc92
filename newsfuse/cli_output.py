"""Where a command's output goes: stdout, a device written in place, or a file written atomically
(to a temporary file beside it, flushed, then renamed over it), so an interrupted run never leaves
a half-written file where the last good one was."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from newsfuse.errors import OutputError

__all__ = ["Sink", "is_special"]


class Sink:
    """Where the output goes: stdout, a device written in place, or a file written atomically."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.tmp: Path | None = None
        self.fh: TextIO | None = None

    def __enter__(self) -> Sink:
        out = self.output
        if out is None:
            return self
        try:
            if is_special(out):
                self.fh = open(out, "w", encoding="utf-8")  # noqa: SIM115 - closed in commit/abort
            else:
                fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
                self.tmp = Path(name)
                self.fh = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as e:
            raise OutputError(f"{out}: cannot write here ({(e.strerror or 'error').lower()})") from None
        return self

    def write(self, text: str) -> None:
        if self.fh is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        try:
            self.fh.write(text)
        except OSError as e:
            raise OutputError(f"{self.output}: cannot write ({(e.strerror or 'error').lower()})") from None

    def commit(self) -> None:
        """Make the written text the output (flushed to disk, then renamed into place)."""
        if self.fh is None:
            return
        try:
            self.fh.flush()
            if self.tmp is not None:  # a device (/dev/null, a terminal) has nothing to sync: EINVAL
                os.fsync(self.fh.fileno())
            self.fh.close()
            if self.tmp is not None and self.output is not None:
                copy_mode(self.output, self.tmp)
                os.replace(self.tmp, self.output)
                self.tmp = None
        except OSError as e:
            raise OutputError(f"{self.output}: cannot write ({(e.strerror or 'error').lower()})") from None
        finally:
            self.fh = None

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError:
                pass
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)


def is_special(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def copy_mode(target: Path, tmp: Path) -> None:
    """The new file keeps the old one's permissions, or gets the usual ones (mkstemp's are 0600)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
