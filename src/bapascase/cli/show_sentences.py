"""What ``show`` says of a community sentence: the hours of kerja sosial and the pace, the special conditions of
pengawasan and the restitution outstanding (the figures are ``model.derive``'s, the words are here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bapascase.i18n import t


def sentence_rows(s: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """``(label key, text)`` rows for ``show``'s table."""
    from bapascase.model.text import hours, long_date, money

    rows: list[tuple[str, str]] = []
    h = s.get("hours")
    if h:
        att = h.get("attendance") or {}
        rows.append(("show.hours", t("show.hours_text", done=hours(h["done"], lang), ordered=h["ordered"],
                                     left=hours(h["left"], lang), sessions=h["sessions"],
                                     late=att.get("terlambat", 0), early=att.get("pulang_awal", 0),
                                     absent=att.get("tidak_hadir", 0))))
        pace = s.get("pace") or {}
        if pace.get("needed") is not None:
            key = "show.pace_behind" if pace.get("behind") else "show.pace_text"
            rows.append(("show.pace", t(key, needed=hours(pace["needed"], lang),
                                        achieved=hours(pace.get("achieved") or 0, lang))))
        planned = s.get("service_planned") or []
        if planned:
            rows.append(("show.next_service", t("show.next_service_text", date=long_date(planned[0], lang, True),
                                                n=len(planned))))
    for c in s.get("conditions") or []:
        when = t("show.condition_by", date=long_date(c["deadline"], lang)) if c.get("deadline") else ""
        if c.get("amount") is not None:
            what = t("show.condition_paid", paid=money(c.get("paid") or 0), amount=money(c["amount"]),
                     outstanding=money(c.get("outstanding") or 0))
        else:
            what = ""
        if c.get("outcome"):
            from bapascase.model.outcomes import outcome_label

            outcome = outcome_label(c["outcome"], lang)
            what = "; ".join(x for x in (what, f"{outcome} ({long_date(c.get('outcome_date'), lang)})") if x)
        elif not what:
            what = t("show.condition_open")
        rows.append(("show.condition", f"{c['id']}{when}: {what}"))
    r = s.get("restitution")
    if r:
        rows.append(("show.restitution", t("show.restitution_text", paid=money(r["paid"]), ordered=money(r["ordered"]),
                                           outstanding=money(r["outstanding"]))))
    return rows


