from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import typer

from bapascase.cli.answered import answered
from bapascase.cli.common import (
    ctx_of,
    handled,
    json_option,
    officer_option,
    out,
    print_json,
    print_table,
    table_date,
)
from bapascase.i18n import get_lang, t

if TYPE_CHECKING:
    from bapascase.model.derive import DueKind

# what ``due`` reads of each summary besides what is due (its table, its filter)
READ = ("id", "name", "officer", "officer_nip", "closed")


def describe(kind: str, extra: Mapping[str, Any]) -> str:
    """What a due item asks of the officer, in words (``due`` and ``show`` alike)."""
    from bapascase.model.text import long_date

    if extra.get("permit_until"):  # a report the travel permit put off
        return t("due.monitoring_permit", date=long_date(extra["permit_until"], get_lang()))
    if kind == "revoked" and extra.get("proposed"):
        return t("due.revoked_proposed")
    from bapascase.model.derive import SENTENCE_KINDS

    figures = sentence_values(extra) if kind in SENTENCE_KINDS else {}  # (a caseload has thousands of items)
    return t(f"due.{kind}", n=extra.get("n", 0), warnings=extra.get("warnings", 0), **figures)


def sentence_values(extra: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of a community sentence's due item, in words: hours ("7,5"), money ("Rp2.000.000")."""
    from bapascase.model.text import hours, money

    lang = get_lang()
    out: dict[str, Any] = {k: hours(extra.get(k), lang) for k in ("left", "ordered", "done", "needed", "achieved")}
    out["days"] = extra.get("days_left", "")
    out["per_day"] = extra.get("per_day", "")
    out["condition"] = extra.get("condition") or ""
    owed = extra.get("outstanding")
    out["owed"] = t("due.owed", amount=money(owed)) if isinstance(owed, int) and owed > 0 else ""
    return out


def register(app: typer.Typer) -> None:
    @app.command("due", help=t("cmd.due"))
    @handled
    @answered(lambda o: not o.get("remind"))
    def due(
        ctx: typer.Context,
        officer: str = officer_option(),
        days: int = typer.Option(None, "--days", min=0, max=3660, metavar="N", help=t("opt.due_days")),
        remind: bool = typer.Option(False, "--remind", help=t("opt.due_remind")),
        as_json: bool = json_option(),
    ) -> None:
        if remind:
            _remind(ctx_of(ctx), officer, days, as_json)
            return
        from bapascase.cli.cmd_list import filter_cases
        from bapascase.store.index import iter_day

        c = ctx_of(ctx)
        book = c.book()
        today = c.today()
        # (date, id, name, officer, kind, when, figures): what is kept of each case is what is printed of it, not
        # its summary (10,000 summaries held to the end doubled the peak memory)
        found: list[tuple[str | None, str, Any, Any, DueKind, Any, dict[str, Any]]] = []
        for s, items in iter_day(book, today, horizon=days, fields=READ):
            if not items or not filter_cases([s], officer, None, None, False):
                continue
            case_id, name, officer_name = s["id"], s.get("name"), s.get("officer")
            for kind, when, extra in items:
                found.append((when.isoformat() if when else None, case_id, name, officer_name, kind, when, extra))
        found.sort(key=lambda f: (f[0] or "0000", f[1]))
        if as_json:
            rows = [{"id": case_id, "name": name, "officer": officer_name, "kind": kind, "date": date,
                     "days": (when - today).days if when else None, **extra}
                    for date, case_id, name, officer_name, kind, when, extra in found]
            print_json(c, {"today": today.isoformat(), "count": len(rows), "items": rows})
            return
        if not found:
            out(c, t("due.none"))
            return
        table = []
        # thousands of items share a few hundred dates and wordings: each is worded once
        when_said: dict[str | None, str] = {}
        what_said: dict[tuple[Any, ...], str] = {}
        for date, case_id, name, officer_name, due_kind, when, extra in found:
            said = when_said.get(date)
            if said is None:
                n = (when - today).days if when else None
                if n is None:
                    rel = t("due.now")  # an undated item is of the present (a ground for revocation): due now
                elif n < 0:
                    rel = t("due.overdue", n=-n)
                elif n == 0:
                    rel = t("due.today")
                else:
                    rel = t("due.in_days", n=n)
                said = when_said[date] = f"{table_date(c, date)} {rel}".strip()
            # what is due is worded from its kind and figures alone (``describe`` reads nothing of the case)
            key = (due_kind, *sorted(extra.items()))
            try:
                what = what_said.get(key)
            except TypeError:  # a figure that is not hashable: worded for itself
                key, what = (), None
            if what is None:
                what = describe(due_kind, extra)
                if key:
                    what_said[key] = what
            table.append([said, case_id, name or "", what, officer_name or ""])
        print_table(c, [t(col) for col in ("col.due", "col.id", "col.name", "col.what", "col.officer")], table,
                    whole=(1,))


def _remind(c: Any, officer: str | None, days: int | None, as_json: bool) -> None:
    """``due --remind``: each wajib-lapor report due, with a WhatsApp link to the client and the guarantor."""
    from bapascase.model.remind import WHO, reminders
    from bapascase.model.text import long_date
    from bapascase.store.office_view import load

    book = c.book()
    view = load(book, c.today(), officer)
    rows = reminders(view.next_reports(days), {s["id"]: s for s in view.cases}, book.settings.office.name or "")
    if as_json:
        print_json(c, {"today": view.today.isoformat(), "count": len(rows),
                       "items": [{**r, "date": r["date"].isoformat()} for r in rows]})
        return
    if not rows:
        out(c, t("remind.none"))
        return
    for r in rows:
        out(c, f"{r['id']}  {r['initials']}  {long_date(r['date'], get_lang())}  {r['officer']}")
        if r["days"] < 0:  # on a line of its own, as the links are: the first line stays within 80 columns
            out(c, f"  {t('due.overdue', n=-r['days'])}")
        links: dict[str, str] = r["links"]
        for who, key in WHO.items():
            if who in links:
                out(c, f"  {t(key)}: {links[who]}")
        if not links:
            out(c, f"  {t('remind.no_phone')}")
