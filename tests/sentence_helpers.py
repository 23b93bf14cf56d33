"""Helpers for the tests of the 2026 sentences (pidana pengawasan, pidana kerja sosial): realistic intakes of both,
work sessions, and the kinds of legal event they add."""

from __future__ import annotations

import copy
from typing import Any

from tests.helpers import intake_answers

# the kinds of legal event of the community sentences; each is tested scripted and through the interview in
# tests/test_sentence_events.py (tests/test_legal_events.py checks every kind is tested somewhere)
SENTENCE_KINDS = ("pembayaran_restitusi", "hasil_syarat", "pertimbangan")

PLACEMENT = {"id": "L1", "place": "Masjid Al-Ikhlas, Jl. Karya Wisata, Medan Johor",
             "partner": "Griya Abhipraya Bapas Kelas I Medan", "supervisor": "H. Abdul Karim Contoh",
             "supervisor_role": "Ketua BKM", "contact": "0812-0000-7788"}
KERJA_SOSIAL: dict[str, Any] = {
    "hours_ordered": 120,
    "replaced_prison_months": 4,
    "placements": [PLACEMENT],
    "consent": {"given": True, "date": "2026-02-20", "explained": True},
    "prosecutor": "Kejaksaan Negeri Medan",
}
PENGAWASAN: dict[str, Any] = {
    "special_conditions": [
        {"id": "S1", "kind": "restitusi", "text": "Mengganti kerugian korban sebesar Rp6.000.000",
         "deadline": "2026-12-31", "amount": 6_000_000},
        {"id": "S2", "kind": "tidak_melakukan", "text": "Tidak mendatangi toko korban di Jl. Contoh"},
    ],
    "threat_months": 48,
    "prosecutor": "Kejaksaan Negeri Medan",
}


def kerja_sosial_intake(**legal: Any) -> dict[str, Any]:
    """An adult sentenced to 120 hours of community service at a mosque (2 March - 31 August 2026)."""
    base = {
        "programme": "pidana_kerja_sosial", "offence": "Penganiayaan ringan", "offence_date": "2026-01-18",
        "articles": ["Pasal 471 ayat (1) UU 1/2023"], "verdict_number": "31/Pid.B/2026/PN Mdn",
        "verdict_date": "2026-02-20", "court": "Pengadilan Negeri Medan", "sentence_years": 0,
        "sentence_months": 0, "first_detained": None, "origin_institution": None, "register_lapas": None,
        "sk_number": None, "sk_date": None, "expiry": None,
        "supervision_start": "2026-03-02", "supervision_end": "2026-08-31",
        "kerja_sosial": copy.deepcopy(KERJA_SOSIAL),
    }
    base.update(legal)
    return intake_answers(legal=base)


def pengawasan_intake(**legal: Any) -> dict[str, Any]:
    """An adult under pidana pengawasan for a year (1 February 2026 - 31 January 2027), with a restitution and a
    'not do' condition."""
    base = {
        "programme": "pidana_pengawasan", "offence": "Penggelapan", "offence_date": "2026-01-10",
        "articles": ["Pasal 486 UU 1/2023"], "verdict_number": "12/Pid.B/2026/PN Mdn",
        "verdict_date": "2026-01-28", "court": "Pengadilan Negeri Medan", "sentence_years": 1,
        "sentence_months": 0, "first_detained": None, "origin_institution": None, "register_lapas": None,
        "sk_number": None, "sk_date": None, "expiry": None,
        "supervision_start": "2026-02-01", "supervision_end": "2027-01-31",
        "pengawasan": copy.deepcopy(PENGAWASAN),
    }
    base.update(legal)
    # another person than the kerja sosial client: both can be registered in one casebook (no duplicate)
    return intake_answers(legal=base, identity={"name": "Hasanah Lubis", "aliases": [], "sex": "P",
                                                "birth_date": "1988-02-09", "nik": "1276014902880002"})


def session(date: str, *, start: str | None = "08:00", end: str | None = "12:00", attendance: str = "hadir",
            **extra: Any) -> dict[str, Any]:
    """A work session's answers: four hours at the mosque by default."""
    out: dict[str, Any] = {"date": date, "placement": "L1", "attendance": attendance,
                           "tasks": ["Membersihkan halaman masjid"]}
    if start is not None:
        out["start"] = start
    if end is not None:
        out["end"] = end
    out.update(extra)
    return out
