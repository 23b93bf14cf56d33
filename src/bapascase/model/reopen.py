"""Reopening a terminated case: who reopened it, when and why (``bapascase reopen CASE --reason ...``), and which
end it reversed (written by ``reopen``, never asked: the order in which things were recorded is not otherwise
kept, and an end is often recorded after the reopening with an earlier date, a death recorded late)."""

from __future__ import annotations

from bapascase.model.base import Choice, Doc, Part, Privacy, field
from bapascase.model.types import Date, Text


class ReversedEnd(Choice):
    """The kind of end a reopening reversed (``model.derive``'s closing | termination)."""

    CLOSING = "closing", "Pengakhiran bimbingan", "Closing (end of supervision)"
    TERMINATION = "termination", "Terminasi", "Termination"


class Reverses(Part):
    """The end a reopening reversed: its kind and its date, as they were when the reopening was recorded."""

    what: ReversedEnd = field("Yang dibatalkan", "What it reverses")
    date: Date | None = field("Tanggal akhir yang dibatalkan", "Date of the end it reverses", default=None,
                              privacy=Privacy.NOT_PERSONAL)


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
    reverses: Reverses | None = field(
        "Yang dibatalkan", "What it reverses",
        "Diisi oleh bapascase (reopen); jangan diubah. Berkas lama tanpa isian ini: pembukaan kembali membatalkan "
        "akhir terakhir yang berlaku sebelum tanggalnya.",
        "Written by bapascase (reopen); do not change. An older file without it reverses the latest end in effect "
        "before its date.",
        default=None, internal=True,
    )
