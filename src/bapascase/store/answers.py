"""The answers of the read commands over the caseload (``list``, ``due``, ``find``, ``stats``), kept for an
unchanged casebook in ``.bapascase/answers/``: asked again the same day, in the same way, of a casebook whose
every case still has the stamps its index row keeps, a command prints what it printed before instead of
working it out again from 10,000 rows.

An answer is found by two things, each compared whole in the file's first line:

- the question (``question``): the command, its options, the day, the language, the width and kind of the
  output, the variables of the environment that change what is printed, the casebook's settings and
  instrument definitions and the program's own files (a changed rule or label makes a new question);
- the state of the caseload (``index.caseload_state``): a SHA-256 of the stamps of every case, taken only when
  the index holds a current row for each.

Answers are derived data like the index (and as private: they show names): deleting them loses nothing, a file
that is not a regular file of a sane size is never read, and only ``KEEP`` of them are kept, all of the present
state: keeping one removes every answer of an earlier state, and so does a read that finds the casebook changed
(a case removed since leaves no word behind).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bapascase.errors import BapascaseError
from bapascase.store.atomic import TEMP_SUFFIX, atomic_write
from bapascase.store.casebook import Casebook

ANSWERS_DIR = "answers"
ANSWER_FORMAT = 1
# an answer bigger than this (``list --json`` of a huge caseload) is not kept: it is worked out again
MAX_ANSWER_BYTES = 16 * 1024 * 1024
KEEP = 32  # the newest answers kept, in ``MAX_KEPT_BYTES`` at most; older ones go when a new one is written
MAX_KEPT_BYTES = 64 * 1024 * 1024
_SUFFIX = ".answer"
_PACKAGE = Path(__file__).resolve().parent.parent


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def program_stamp() -> list[str]:
    """The stamps of the program's own files (its code, data and built-in definitions): an answer printed by
    other code is never given again."""
    out: list[str] = []
    for folder, _dirs, files in sorted(os.walk(_PACKAGE)):
        if "__pycache__" in folder:
            continue
        out.extend(f"{folder}/{name}={_stamp(os.path.join(folder, name))}" for name in sorted(files)
                   if not name.endswith(".pyc"))
    return out


def question(book: Casebook, asked: dict[str, Any], environ: dict[str, str], watched: Iterable[str]) -> str:
    """The whole question as one string: ``asked`` (the command, its options and what the context decided: day,
    language, width), the environment's ``watched`` variables and every ``BAPASCASE_`` one, and the stamp of
    the casebook's settings (its instrument definitions and the programme rules are in the index's key, which
    the state is a digest of)."""
    from bapascase.store.layout import SETTINGS_FILE

    env = {k: v for k, v in environ.items() if k.startswith("BAPASCASE_") or k in watched}
    settings = _stamp(os.path.join(book.root, SETTINGS_FILE))
    return json.dumps([ANSWER_FORMAT, str(book.root), asked, sorted(env.items()), settings, program_stamp()],
                      ensure_ascii=False, sort_keys=True, default=str)


def _name(asked: str, state: str) -> str:
    """``<question's hash>-<state's>.answer``: the answers of one state of the casebook share the end of their
    names (``_prune`` keeps only those)."""
    import hashlib

    return f"{hashlib.sha256(asked.encode('utf-8')).hexdigest()[:40]}-{_of_state(state)}"


def _of_state(state: str) -> str:
    return f"{state[:16]}{_SUFFIX}"


def _folder(book: Casebook) -> Path:
    return book.state_dir / ANSWERS_DIR


def read_answer(book: Casebook, asked: str, state: str) -> str | None:
    """What was printed for this question of a caseload in this state, or None. Best effort: a file that cannot
    be read, is not a regular file, is too big or was kept for another question or state is no answer."""
    try:
        folder = _folder(book)
        if os.path.islink(folder):  # (never followed: it would lead the read elsewhere)
            return None
        path = folder / _name(asked, state)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError, BapascaseError):  # (a state folder leading out of the casebook: no answer)
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ANSWER_BYTES:
            return None
        chunks = []
        while chunk := os.read(fd, 1024 * 1024):
            chunks.append(chunk)
        head, sep, body = b"".join(chunks).partition(b"\n")
        if not sep:
            return None
        kept = json.loads(head.decode("utf-8"))
        if kept != [ANSWER_FORMAT, asked, state]:
            return None
        return body.decode("utf-8")
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)


def keep_answer(book: Casebook, asked: str, state: str, text: str) -> None:
    """Keep what a command printed (private, as the index is), then the newest ``KEEP`` answers only. Best
    effort: a casebook that cannot be written to keeps none."""
    with contextlib.suppress(OSError, ValueError, BapascaseError):  # a cache: it never fails a command
        raw = (json.dumps([ANSWER_FORMAT, asked, state], ensure_ascii=True) + "\n" + text).encode("utf-8")
        if len(raw) > MAX_ANSWER_BYTES:
            return
        folder = _folder(book)
        if not os.path.isdir(book.state_dir) or os.path.islink(book.state_dir):
            return
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        if os.path.islink(folder) or not os.path.isdir(folder):
            return
        atomic_write(folder / _name(asked, state), raw, mode=0o600, durable=False)
        _prune(folder, state)


def _prune(folder: Path, state: str) -> None:
    """Only answers of this state of the casebook stay, the newest ``KEEP``, ``MAX_KEPT_BYTES`` at most together:
    an earlier state's can never be given again, and they would keep the words of a case since removed. A temp
    file left by a run that was killed goes after a minute (one being written now stays)."""
    found = sorted(_clear(folder, _of_state(state)), reverse=True)
    total = 0
    for n, (_mtime, size, name) in enumerate(found):
        total += size
        if n >= KEEP or total > MAX_KEPT_BYTES:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _clear(folder: Path, ours: str | None) -> list[tuple[int, int, str]]:
    """Every answer here not of the state ``ours`` names (all of them for None) removed, and a temp file left a
    minute ago by a run that was killed; ``(modified, size, name)`` of the answers left."""
    import time

    stale = time.time_ns() - 60 * 1_000_000_000
    left = []
    with os.scandir(folder) as it:
        for e in it:
            st = e.stat(follow_symlinks=False)
            if ours is not None and e.name.endswith(ours):
                left.append((st.st_mtime_ns, st.st_size, e.name))
            elif e.name.endswith(_SUFFIX) or (e.name.endswith(TEMP_SUFFIX) and st.st_mtime_ns < stale):
                with contextlib.suppress(OSError):
                    os.unlink(e.path)
    return left


def drop_answers(book: Casebook) -> None:
    """Remove every kept answer: the casebook has changed since they were kept (``index.caseload_state`` found
    no state), so none can be given again, and a case removed since leaves no word behind."""
    with contextlib.suppress(OSError, ValueError, BapascaseError):
        folder = _folder(book)
        if not os.path.islink(folder) and os.path.isdir(folder):
            _clear(folder, None)
