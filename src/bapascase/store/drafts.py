"""Drafts: answers given so far in an interrupted interview, kept under ``.bapascase/drafts/``.

A stage's draft is one per case and document (``CASE--STAGE.yaml``): the next run of that command on that case
offers it. An intake (``new``) has no case id yet, and two interrupted intakes are two different clients, so
each interrupted intake has a draft of its own (``new--case--WHEN-TAG.yaml``); ``new`` lists them
(``new_drafts``). A draft is removed only by the interview that resumed it, once saved, or when the officer
declines it; nothing else (a scripted run, another client's intake) touches it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bapascase.store import yamlio
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook


def drafts_dir(book: Casebook) -> Path:
    return book.state_dir / "drafts"


def draft_path(book: Casebook, stage: str, case_id: str | None) -> Path:
    """A stage's draft for a case; for an intake (no case id yet) a new, unused draft name."""
    if case_id:
        return drafts_dir(book) / f"{case_id}--{stage}.yaml"
    when = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return drafts_dir(book) / f"new--{stage}--{when}-{secrets.token_hex(2)}.yaml"


@dataclass(frozen=True)
class Draft:
    answers: dict[str, Any]
    done: list[str]  # the fields that were asked to the end before the interruption
    saved: str
    path: Path | None = None


def save_draft(
    book: Casebook, stage: str, case_id: str | None, answers: dict[str, Any], done: list[str] | None = None,
    path: Path | None = None,
) -> Path:
    """Keep the answers; ``path``: the draft the interview resumed (or wrote before), written over."""
    path = path or draft_path(book, stage, case_id)
    data = {"saved": dt.datetime.now().replace(microsecond=0), "stage": stage, "case": case_id, "answers": answers,
            "done": list(done or [])}
    atomic_write(path, yamlio.dumps(data), mode=0o600)
    return path


def read_draft(path: Path) -> Draft | None:
    if not path.is_file():
        return None
    try:
        data = yamlio.load(path)
    except Exception:  # a broken draft is not worth failing over
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    done = [str(x) for x in data.get("done") or [] if isinstance(x, str | int)]
    return Draft(data["answers"], done, str(data.get("saved", "")), path)


def load_draft(book: Casebook, stage: str, case_id: str) -> Draft | None:
    return read_draft(draft_path(book, stage, case_id))


def new_drafts(book: Casebook, stage: str) -> list[Draft]:
    """Every interrupted intake's draft, the most recent first (``new--case.yaml``, the one name older versions
    gave every intake, included)."""
    folder = drafts_dir(book)
    if not folder.is_dir():
        return []
    found = [(p, d) for p in folder.glob(f"new--{stage}*.yaml") if (d := read_draft(p)) is not None]

    def written(p: Path) -> int:  # two drafts kept within one second: the one written last
        try:
            return p.stat().st_mtime_ns
        except OSError:
            return 0

    return [d for p, d in sorted(found, key=lambda pd: (pd[1].saved, written(pd[0])), reverse=True)]


def discard_draft(book: Casebook, stage: str, case_id: str) -> None:
    remove(draft_path(book, stage, case_id))


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
