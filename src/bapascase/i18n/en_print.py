"""English strings of print quality and pictures: what a printed report and its pictures say."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "rpt.prog.no_ratings": "No monthly rating in this period.",
    "risk.menengah": "Medium",  # the child instrument's middle band
}
