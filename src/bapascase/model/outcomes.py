"""The outcomes of a condition of pidana pengawasan, with their labels: plain data, so the read commands (``show``,
``list --json``) word a condition's outcome without loading the models. The event's choice
(``model.event.Outcome``) is built from this table."""

from __future__ import annotations

from bapascase.i18n import pick

MET = "terpenuhi"
NOT_MET = "tidak_terpenuhi"

# value -> (Indonesian, English), in the order they are offered
OUTCOMES: dict[str, tuple[str, str]] = {
    MET: ("Terpenuhi", "Met"),
    NOT_MET: ("Tidak terpenuhi", "Not met"),
}


def outcome_label(value: object, lang: str | None = None) -> str:
    found = OUTCOMES.get(value) if isinstance(value, str) else None
    return pick(found[0], found[1], lang) if found else str(value or "")
