"""Who signs a report, read from the casebook's settings in ONE place (``signatories``): the PK who wrote it (with
the functional rank and NIP the settings list for that officer), "Mengetahui" the head of the client section
(Kasubsi/Kasi Bimbingan Klien Dewasa or Anak), "Menyetujui" the head of the Bapas.

The settings model is being extended with the signatories (the head of office, the section heads, each officer's
functional rank); until then this reads what it has: ``office.head_name``/``head_nip`` and the officers listed with
a role (``kasubsi``, ``kepala``). A missing setting leaves a dotted line for a hand signature and is named, with how
to set it, in ``missing`` (the report command prints it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    missing: dict[str, str] = field(default_factory=dict)  # by role ("section_head", "head"): the setting, how


def signatories(settings: Any, author: Any, child: bool, lang: str) -> Signatories:
    """Who signs, from the settings: ``author`` is the officer of record (name and NIP), ``child`` chooses the
    child clients' section (BKA) over the adults' (BKD)."""
    office = settings.office
    missing: dict[str, str] = {}
    officers = list(settings.officers or ())
    # the author: the listed officer with this NIP (else this name) gives the functional rank, when known
    name = str(getattr(author, "name", "") or "")
    nip = getattr(author, "nip", None)
    listed = next((o for o in officers if nip and o.nip == nip), None) or next(
        (o for o in officers if o.name == name), None)
    rank = getattr(listed, "rank", None) if listed is not None else None
    author_title = t("sig.pk", lang) + (f" {rank}" if rank else "")
    pk = Signatory((author_title,), name or BLANK, nip)
    # the head of the client section: an officer listed with the role kasubsi
    section = t("sig.section_child" if child else "sig.section_adult", lang)
    office_class = getattr(office, "office_class", None)
    held = t("sig.kasi" if office_class == "I" else "sig.kasubsi", lang, section=section)
    heads = [o for o in officers if o.role == "kasubsi" and o.name]
    if heads:
        section_head = Signatory((t("sig.known", lang), held), heads[0].name, heads[0].nip)
    else:
        section_head = Signatory((t("sig.known", lang), held), BLANK)
        missing["section_head"] = t("sig.missing_kasubsi", lang)
    # the head of the Bapas: office.head_name (else an officer listed with the role kepala)
    chief = next((o for o in officers if o.role == "kepala" and o.name), None)
    head_name = office.head_name or (chief.name if chief else None)
    head_nip = office.head_nip or (chief.nip if chief and not office.head_name else None)
    head_title = t("sig.head", lang, office=office.name)
    if head_name:
        head = Signatory((t("sig.approved", lang), head_title), head_name, head_nip)
    else:
        head = Signatory((t("sig.approved", lang), head_title), BLANK)
        missing["head"] = t("sig.missing_head", lang)
    return Signatories(pk, section_head, head, missing)
