"""Reopening a terminated case: who reopened it, when and why (``bapascase reopen CASE --reason ...``)."""

from __future__ import annotations

from bapascase.model.base import Doc, Privacy, field
from bapascase.model.types import Date, Text


class ReopenDoc(Doc):
    """A recorded reopening; after it, a terminated case accepts new records again."""

    doc_name = "reopen"
    title_id = "Pembukaan kembali kasus"
    title_en = "Case reopened"
    short_title_id = "Dibuka kembali"
    short_title_en = "Reopened"

    date: Date = field("Tanggal dibuka kembali", "Date reopened", happened=True, privacy=Privacy.NOT_PERSONAL)
    reason: Text = field(
        "Alasan", "Reason", "Mengapa kasus yang sudah diakhiri dibuka lagi.", "Why the terminated case is reopened.",
        long=True,
    )
    by: str | None = field(
        "Oleh", "By", "Nama petugas.", "The officer's name.", default=None, privacy=Privacy.OFFICER,
    )
