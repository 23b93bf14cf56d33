"""The grounds on which supervision ends in law (pengakhiran bimbingan), with their labels: plain data, so the
read commands (``show``, ``list --json``) name a closed case's ground without loading the models. The closing
document's choice (``model.closing.ClosingGround``) is built from this table."""

from __future__ import annotations

from bapascase.i18n import pick

ENDED = "masa_bimbingan_berakhir"
REVOKED = "pencabutan"
DIED = "meninggal"
TRANSFERRED = "dipindahkan"
OTHER = "lainnya"

# value -> (Indonesian, English), in the order they are offered
CLOSING_GROUNDS: dict[str, tuple[str, str]] = {
    ENDED: ("Masa bimbingan berakhir", "The supervision period ended"),
    REVOKED: ("Pencabutan (keputusan pencabutan)", "Revocation (revocation decree)"),
    DIED: ("Klien meninggal dunia", "The client died"),
    TRANSFERRED: ("Pemindahan bimbingan ke Bapas lain", "Supervision transferred to another Bapas"),
    OTHER: ("Lainnya", "Other"),
}


def ground_label(value: object, lang: str | None = None) -> str:
    found = CLOSING_GROUNDS.get(value) if isinstance(value, str) else None
    return pick(found[0], found[1], lang) if found else str(value or "")
