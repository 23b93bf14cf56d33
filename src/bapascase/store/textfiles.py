"""Reading a file a person gave or edited, with one clear error when it cannot be read (no heavy imports: the read
commands use it for ``bapascase.yaml``).

Every file is read the same bounded way: only a regular file (a FIFO, ``/dev/zero`` or a folder where a YAML file
should be is refused at once instead of hanging or reading for ever), at most ``limit`` bytes, and as UTF-8 (a
Latin-1 or binary file is a clear error naming the file, never a crash).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _user_error(key: str, **fields: Any) -> Exception:
    """An ``errors.UserError``, imported only when a read fails (discovery runs before ``--help``)."""
    from bapascase.errors import UserError as _UserError

    return _UserError(key, **fields)


def _reason(exc: OSError) -> str:
    from bapascase.errors import os_reason

    return os_reason(exc)

# a recorded document is a few kilobytes; a whole caseload imported at once a few megabytes
DOC_LIMIT = 8 * 1024 * 1024
IMPORT_LIMIT = 128 * 1024 * 1024


def resolves_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path``, every symbolic link followed (a path not yet made: its existing part), lies inside
    ``folder`` (also resolved). What keeps a link that git carried from leading a read or a write elsewhere."""
    real = os.path.realpath(path)
    base = os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def read_bytes(path: Path | str, limit: int = DOC_LIMIT, shown: str | None = None) -> bytes:
    """A regular file's bytes (at most ``limit``); anything else is a ``UserError`` naming ``shown``."""
    return read_bytes_stat(path, limit, shown)[0]


def read_bytes_stat(path: Path | str, limit: int = DOC_LIMIT, shown: str | None = None,
                    too_big: Callable[[], Exception] | None = None) -> tuple[bytes, os.stat_result]:
    """``read_bytes`` with the file's ``stat`` as it was opened; ``too_big`` makes the error for a file over
    ``limit`` when the caller has its own words for it (a template)."""
    name = shown or str(path)

    def over() -> Exception:
        return too_big() if too_big is not None else _user_error("sec.too_big", path=name,
                                                                  mb=max(1, limit // (1024 * 1024)))

    try:
        # non-blocking: opening a FIFO for reading must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if isinstance(exc, IsADirectoryError):
            raise _user_error("sec.not_regular", path=name) from None
        raise _user_error("err.unreadable", path=name, reason=_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _user_error("sec.not_regular", path=name)
        if st.st_size > limit:
            raise over()
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while it was read
                raise over()
        return b"".join(chunks), st
    except OSError as exc:
        raise _user_error("err.unreadable", path=name, reason=_reason(exc)) from None
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int = DOC_LIMIT, shown: str | None = None) -> str:
    """A file's text as UTF-8; unreadable, special, oversized or binary files are a user error, not a crash."""
    data = read_bytes(path, limit, shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _user_error("err.not_utf8", path=shown or str(path)) from None
