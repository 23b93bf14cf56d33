"""One writer per case at a time (cross-process), so two commands never interleave writes to one case."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bapascase.errors import UserError
from bapascase.store.casebook import Casebook


@contextmanager
def case_lock(book: Casebook, case_id: str, timeout: float = 10.0) -> Iterator[None]:
    from filelock import FileLock, Timeout

    from bapascase.store.batch import recover

    recover(book)  # a batch of new cases a kill left half placed is finished first (``store.batch``)
    locks = book.state_dir / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(locks / f"{case_id}.lock"), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout:
        raise UserError("err.locked", case=case_id) from None
