"""The rules for the SQLite files bapascase keeps in ``.bapascase/`` (the caseload index, the validation stamps):
derived data, opened only when safe, removed and built again when damaged."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def usable_file(path: Path, max_bytes: int | None, create: bool) -> bool:
    """Whether the index file may be opened: a regular file (never a link, which could lead out of the casebook,
    nor a pipe or device, which would hang or feed a reader forever), at most ``max_bytes``. A writer removes
    whatever else is there (it is derived data) so that a good index is built in its place; a folder is left
    alone (then the cases are read without an index)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return create
    except OSError:
        return False
    if stat.S_ISREG(st.st_mode) and (max_bytes is None or st.st_size <= max_bytes):
        return True
    if not create or stat.S_ISDIR(st.st_mode):
        return False
    try:
        path.unlink()
    except OSError:
        return False
    return True


def remove(path: Path) -> None:
    """Set a damaged database aside (it is built again): the file and what SQLite keeps beside it."""
    for name in (path.name, f"{path.name}-journal", f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()
