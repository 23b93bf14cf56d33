""""Validated at write" stamps: which document files passed which model, as they are on disk now.

A stamp is ``(path relative to the casebook, size, mtime_ns, ctime_ns, inode, model version)``, recorded by every
document write through the tool (``Casebook.write_doc``, ``Casebook.create_cases``), by ``edit`` once the edited
file validated, and by ``check`` for each file it validated clean. A file whose stamp matches is the very file
that passed this very model: a report builds it without validating it again (``store.documents.read_doc``), and
``check`` may skip what depends on that file alone (its cross-document and date-dependent rules still run).

What makes a stamp stop matching: any write to the file (its ctime moves, and ctime cannot be set by a user, so an
edit that restores mtime and size is still caught), a file replaced (``git checkout``, ``git pull``, an editor
that saves by rename: another inode), and any change to the models (``model_version``). The stamps are derived,
local data kept in ``.bapascase/stamps.sqlite3`` (never in git): the file is opened only when it is a regular
file of bounded size, every row carries a CRC-32 of its fields, and a damaged file is removed by the next writer
and built again. A missing stamp costs one validation, never a wrong answer.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import sqlite3


class Casebook(Protocol):
    """What a stamp needs of a casebook (``store.casebook.Casebook``; not imported: the casebook writes stamps)."""

    @property
    def root(self) -> Path: ...
    @property
    def cases_dir(self) -> Path: ...
    @property
    def state_dir(self) -> Path: ...

STAMPS_FILE = "stamps.sqlite3"
# a row is ~150 bytes: this holds several hundred thousand files; a larger file is not read (a writer rebuilds it)
STAMPS_MAX_BYTES = 64 * 1024 * 1024

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode

_TABLE = ("CREATE TABLE IF NOT EXISTS stamps (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
          "ctime_ns INTEGER, ino INTEGER, version TEXT, check_ INTEGER)")


@functools.cache
def model_version() -> str:
    """A hash over what decides whether a document is valid: the sources of every model module, the data files
    the models are built from (programmes, purposes, references, instruments), bapascase's and pydantic's
    versions. Any edit to a model, also in an editable install, gives another version (about 2 ms, once per
    process)."""
    import bapascase

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{getattr(bapascase, '__version__', '')}\0{_pydantic_version()}\0".encode())
    from bapascase.store.definition_files import model_source_files

    for path in model_source_files():
        with contextlib.suppress(OSError), open(path, "rb") as f:
            h.update(f"{path.parent.name}/{path.name}\0".encode())
            h.update(f.read())
            h.update(b"\0")
    # content only: the programme rules are ``data/programmes.yaml``, hashed above. (Their size-and-mtime stamp,
    # once added here too, made two installs of the same code disagree, so a casebook written by one was never
    # trusted by the other: the report benchmark builds its case with the source tree and times the install.)
    return h.hexdigest()


def _pydantic_version() -> str:
    """pydantic's version file, found without importing pydantic nor ``importlib.metadata`` (~12 ms)."""
    from importlib.util import find_spec

    found = find_spec("pydantic")
    if found is None or found.origin is None:  # pragma: no cover
        return ""
    try:
        with open(Path(found.origin).parent / "version.py", "rb") as f:
            return hashlib.blake2b(f.read(), digest_size=8).hexdigest()
    except OSError:  # pragma: no cover
        return ""


def stat_of(st: os.stat_result) -> Stat:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def row_check(path: str, st: Stat, version: str) -> int:
    return zlib.crc32(f"{path}\t{st[0]}\t{st[1]}\t{st[2]}\t{st[3]}\t{version}".encode())


def _path(book: Casebook) -> Path:
    return book.state_dir / STAMPS_FILE


def _open(book: Casebook, write: bool) -> sqlite3.Connection | None:
    """The stamps database, or None where it cannot be had. Only a regular file of at most
    ``STAMPS_MAX_BYTES`` is opened (never a link, pipe or device); a writer removes anything else, and a file
    SQLite finds damaged, so that a good one is built in its place."""
    import sqlite3

    from bapascase.store.dbfile import remove, usable

    try:
        path = _path(book)
        if write:
            book.state_dir.mkdir(exist_ok=True)
    except Exception:
        return None
    for _attempt in range(2):
        if not usable(path, STAMPS_MAX_BYTES, write):
            return None
        try:
            con = sqlite3.connect(path, timeout=5, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            con.execute("PRAGMA synchronous=NORMAL")
            if write:
                con.execute(_TABLE)
            return con
        except sqlite3.DatabaseError as exc:
            con.close()
            if not write or isinstance(exc, sqlite3.OperationalError):
                return None
            remove(path)
        except sqlite3.Error:
            con.close()
            return None
    return None


def known(book: Casebook, prefix: str = "") -> dict[str, Stat]:
    """The stamps of the current model version under ``prefix`` (``cases/<id>/``, or every one), each row's CRC
    checked: ``{path: stat}``. Empty when there is no usable stamps file."""
    import sqlite3

    con = _open(book, write=False)
    if con is None:
        return {}
    version = model_version()
    out: dict[str, Stat] = {}
    try:
        rows = con.execute("SELECT path, size, mtime_ns, ctime_ns, ino, check_ FROM stamps "
                           "WHERE version = ? AND substr(path, 1, ?) = ?", (version, len(prefix), prefix))
        for path, size, mtime, ctime, ino, check in rows:
            if not (isinstance(path, str) and all(type(v) is int for v in (size, mtime, ctime, ino))):
                continue
            st = (size, mtime, ctime, ino)
            if check == row_check(path, st, version):
                out[path] = st
    except sqlite3.Error:
        return {}
    finally:
        con.close()
    return out


def record(book: Casebook, stamped: Iterable[tuple[str, Stat]]) -> None:
    """Stamp these files (``(path relative to the casebook, its stat when it was validated)`` each) as valid
    under the current models. Best effort: a stamp not written only costs a validation later."""
    from bapascase.store import dbfile

    version = model_version()
    rows = [(p, *st, version, row_check(p, st, version)) for p, st in stamped]
    if not rows:
        return
    con = _open(book, write=True)
    if con is None:
        return
    dbfile.write(con, lambda c: c.executemany(
        "INSERT OR REPLACE INTO stamps (path, size, mtime_ns, ctime_ns, ino, version, check_) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows))


def key(book: Casebook, path: Path | str) -> str | None:
    """A document's stamp key: its path relative to the casebook (``cases/<id>/...``), whether ``path`` was
    made from the casebook's root or resolved (``cases/`` may be a link to where the office keeps its cases)."""
    p = Path(path)
    # the resolved folders only when the path is not under the root as given (resolving costs a system call for
    # each part of the path: an import stamps 10,000 files)
    bases: tuple[tuple[Callable[[], Path], str], ...] = (
        (lambda: book.root, ""), (book.cases_dir.resolve, "cases/"), (book.root.resolve, ""))
    for base, prefix in bases:
        try:
            return prefix + p.relative_to(base()).as_posix()
        except ValueError:
            continue
    return None


def record_written(book: Casebook, paths: Iterable[Path]) -> None:
    """Stamp files the tool has just written from validated documents (their stat as they are now)."""
    stamped = []
    for path in paths:
        rel = key(book, path)
        try:
            if rel is not None:
                stamped.append((rel, stat_of(os.stat(path))))
        except OSError:
            continue
    record(book, stamped)


def forget(book: Casebook, rels: Iterable[str]) -> None:
    """Remove these files' stamps (a file found invalid: its old stamp could never match anyway, but a stale row
    is not kept)."""
    from bapascase.store import dbfile

    gone = [(r,) for r in rels]
    if not gone:
        return
    con = _open(book, write=True)
    if con is None:
        return
    dbfile.write(con, lambda c: c.executemany("DELETE FROM stamps WHERE path = ?", gone))

