"""Who saved the casebook files that are not committed yet (``auto_commit: false``, or a commit git refused while
a merge was open): ``.bapascase/pending-officers.json``, path -> the officer's git trailer. ``sync`` commits each
officer's files under their own name from it, instead of crediting everything to whoever syncs. Private to this
clone (``.bapascase`` is not shared), rewritten whole, atomically; a file that cannot be read counts as empty
(the officer who syncs is then credited, as before): read the bounded way (a FIFO there never hangs, a huge file
is never loaded), and a document nested too deep to parse counts as broken too."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from bapascase.store.casebook import Casebook

PENDING_FILE = "pending-officers.json"


def _path(book: Casebook) -> Path:
    return book.state_dir / PENDING_FILE


def load(book: Casebook) -> dict[str, str]:
    """Path (relative to the casebook, POSIX) -> the ``Officer:`` trailer of the one who saved it."""
    from bapascase.errors import BapascaseError
    from bapascase.store.textfiles import read_bytes

    try:
        data = json.loads(read_bytes(_path(book)))
    except (BapascaseError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save(book: Casebook, found: Mapping[str, str]) -> None:
    from bapascase.store.atomic import atomic_write

    path = _path(book)
    if not found:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(dict(sorted(found.items())), ensure_ascii=False, indent=1) + "\n")


def remember(book: Casebook, rels: Iterable[str], trailer: str) -> None:
    """These files were saved by the officer of ``trailer`` and not committed (the caller holds the commit
    lock)."""
    found = load(book)
    found.update(dict.fromkeys(rels, trailer))
    save(book, found)


def forget(book: Casebook, rels: Iterable[str]) -> None:
    """These files were committed (the caller holds the commit lock)."""
    found = load(book)
    gone = [r for r in rels if r in found]
    for rel in gone:
        del found[rel]
    if gone:
        save(book, found)
