"""Who signs a report, as the block at its foot prints them: the PK who wrote it (with the functional rank and NIP
the settings list for that officer), "Mengetahui" the head of the client section (Kasubsi/Kasi Bimbingan Klien
Dewasa or Anak), "Menyetujui" the head of the Bapas. Who they are is read from the settings' officers in ONE place
(``Settings.signatories``); a person not listed leaves a dotted line for a hand signature (the report command says
which setting is missing: ``workflow.officers.missing_settings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bapascase.i18n import t

BLANK = "……………………………"


@dataclass(frozen=True)
class Signatory:
    lines: tuple[str, ...]  # what stands above the signature: "Mengetahui," and the office held
    name: str  # BLANK when the settings do not name anyone
    nip: str | None = None


@dataclass(frozen=True)
class Signatories:
    author: Signatory  # the PK who wrote the report
    section_head: Signatory  # "Mengetahui": the head of the client section
    head: Signatory  # "Menyetujui": the head of the Bapas


def signatories(settings: Any, author: Any, child: bool, lang: str) -> Signatories:
    """Who signs, from the settings: ``author`` is the officer of record (name and NIP), ``child`` chooses the
    child clients' section (BKA) over the adults' (BKD)."""
    name = str(getattr(author, "name", "") or "")
    nip = getattr(author, "nip", None)
    listed = settings.signatories(name, nip, "BKA" if child else "BKD")
    rank = listed.pk.rank if listed.pk is not None else None
    # the position as the officers list writes it ("Pembimbing Kemasyarakatan Ahli Muda"), else the office alone
    pk = Signatory((rank or t("sig.pk", lang),), name or BLANK, nip)
    # the section head's office: as listed for them (their rank), else named after the office class and section
    section = t("sig.section_child" if child else "sig.section_adult", lang)
    kasubsi = listed.kasubsi
    held = (kasubsi.rank if kasubsi is not None and kasubsi.rank else
            t("sig.kasi" if settings.office.office_class == "I" else "sig.kasubsi", lang, section=section))
    known = t("sig.known", lang)
    section_head = (Signatory((known, held), kasubsi.name, kasubsi.nip) if kasubsi is not None
                    else Signatory((known, held), BLANK))
    kepala = listed.kepala
    head_title = t("sig.head", lang, office=settings.office.name)
    approved = t("sig.approved", lang)
    head = (Signatory((approved, head_title), kepala.name, kepala.nip) if kepala is not None
            else Signatory((approved, head_title), BLANK))
    return Signatories(pk, section_head, head)
