"""A transfer of a case to another officer. The current officer is derived from the latest transfer."""

from __future__ import annotations

from bapascase.model.base import Doc, Privacy, field
from bapascase.model.case import Officer
from bapascase.model.types import Date


class TransferDoc(Doc):
    doc_name = "transfer"
    title_id = "Pengalihan PK"
    title_en = "Transfer to another officer"
    short_title_en = "Officer transfer"

    date: Date = field("Tanggal", "Date", privacy=Privacy.NOT_PERSONAL)
    to: Officer = field("PK baru", "New officer")
    previous: Officer | None = field("PK sebelumnya", "Previous officer", default=None)
    reason: str | None = field("Alasan", "Reason", default=None, privacy=Privacy.FREE_TEXT)
