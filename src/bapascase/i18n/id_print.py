"""Indonesian strings of print quality and pictures: what a printed report and its pictures say."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "rpt.prog.no_ratings": "Tidak ada penilaian bulanan dalam periode ini.",
    "risk.menengah": "Menengah",  # the child instrument's middle band
}
