"""Drafts: answers given so far in an interrupted interview, kept under ``.bapascase/drafts/``."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bapascase.store import yamlio
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook


def draft_path(book: Casebook, stage: str, case_id: str | None) -> Path:
    key = f"{case_id}--{stage}" if case_id else f"new--{stage}"
    return book.state_dir / "drafts" / f"{key}.yaml"


@dataclass(frozen=True)
class Draft:
    answers: dict[str, Any]
    done: list[str]  # the fields that were asked to the end before the interruption
    saved: str


def save_draft(
    book: Casebook, stage: str, case_id: str | None, answers: dict[str, Any], done: list[str] | None = None
) -> Path:
    path = draft_path(book, stage, case_id)
    data = {"saved": dt.datetime.now().replace(microsecond=0), "stage": stage, "case": case_id, "answers": answers,
            "done": list(done or [])}
    atomic_write(path, yamlio.dumps(data), mode=0o600)
    return path


def load_draft(book: Casebook, stage: str, case_id: str | None) -> Draft | None:
    path = draft_path(book, stage, case_id)
    if not path.is_file():
        return None
    try:
        data = yamlio.load(path)
    except Exception:  # a broken draft is not worth failing over
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    done = [str(x) for x in data.get("done") or [] if isinstance(x, str | int)]
    return Draft(data["answers"], done, str(data.get("saved", "")))


def discard_draft(book: Casebook, stage: str, case_id: str | None) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_path(book, stage, case_id).unlink()
