"""``dashboard``: one self-contained HTML page for the Kasubsi, printable, in the office's language.

Every number on it comes from ``store.office_view`` (the function ``stats --json`` writes), and each is marked
``data-stat="<path in stats --json>"`` so a test can check the two agree. Clients appear by initials and case id
only, never by name or NIK. The page loads nothing (inline CSS and SVG; a Content-Security-Policy that forbids
any request), and its only links are the wa.me reminders, which open when the officer clicks one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bapascase.i18n import t
from bapascase.store.casebook import Casebook

TEMPLATE = "dashboard.html.j2"


def build(book: Casebook, today: dt.date, lang: str, officer: str | None = None) -> str:
    from bapascase.model.remind import WHO, reminders
    from bapascase.model.stats import ENDING_DAYS, ending_soon
    from bapascase.model.text import long_date
    from bapascase.reports.render import _env
    from bapascase.store.labels import label as choice_label
    from bapascase.store.office_view import load

    view = load(book, today, officer)
    numbers = view.numbers()
    by_id = {s["id"]: s for s in view.cases}
    office = book.settings.office.name or ""
    due = reminders(view.next_reports(), by_id, office)
    ending = ending_soon(view.cases, max(ENDING_DAYS))

    def tr(key: str, **kw: Any) -> str:
        return t(key, lang, **kw)

    def date(value: Any) -> str:
        return long_date(value, lang) if value is not None else ""

    def programme(value: str) -> str:
        return value if value == "-" else choice_label("case.legal.programme", value, lang)

    def risk(value: str) -> str:
        return value if value == "-" else t(f"risk.{value}", lang)

    trend = numbers["missed_trend"]
    peak = max([m["missed"] for m in trend] + [1])
    env = _env("html", book.templates_dir)
    template = env.get_template(TEMPLATE)
    return template.render(
        lang=lang, t=tr, date=date, programme=programme, risk=risk, office=office, today=today, s=numbers,
        due=due, ending=ending, ending_days=ENDING_DAYS, peak=peak, officer=officer or "",
        who_keys=WHO,
    )
