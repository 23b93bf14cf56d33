"""The rules for the SQLite files bapascase keeps in ``.bapascase/`` (the caseload index, the validation stamps):
derived data, opened only when safe, removed and built again when damaged."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

# what SQLite keeps beside a database (its rollback journal; -wal and -shm are not used, but are refused too)
BESIDE = ("-journal", "-wal", "-shm")


def usable_file(path: Path, max_bytes: int | None, create: bool, missing_ok: bool | None = None) -> bool:
    """Whether the file may be opened: a regular file (never a link, which could lead out of the casebook, nor a
    pipe or device, which would hang or feed a reader forever), at most ``max_bytes``. A writer removes whatever
    else is there (it is derived data) so that a good file is built in its place; a folder is left alone (then
    the cases are read without it). A missing file is usable when ``missing_ok`` (default: when ``create``)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return create if missing_ok is None else missing_ok
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


def usable(path: Path, max_bytes: int | None, create: bool) -> bool:
    """``usable_file`` for the database and for the journal beside it, held to the same rules: SQLite plays a
    journal it finds back into the database, and would write through a link."""
    return usable_file(path, max_bytes, create) and all(
        usable_file(path.parent / f"{path.name}{suffix}", max_bytes, create, missing_ok=True) for suffix in BESIDE)


def remove(path: Path) -> None:
    """Set a damaged database aside (it is built again): the file and what SQLite keeps beside it."""
    for name in (path.name, *(f"{path.name}{suffix}" for suffix in BESIDE)):
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()


def write(con: sqlite3.Connection, change: Callable[[sqlite3.Connection], object],
          busy_ms: int | None = None) -> None:
    """``change(con)`` in one immediate transaction, then ``con`` closed. Best effort (the files are derived
    data): a database error (busy, a full disk, damage) rolls the transaction back and is not raised.
    ``busy_ms``: how long to wait for another writer (else the connection's own timeout)."""
    import sqlite3

    try:
        if busy_ms is not None:
            con.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        con.execute("BEGIN IMMEDIATE")
        change(con)
        con.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
    finally:
        con.close()
