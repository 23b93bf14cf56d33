from __future__ import annotations

from typing import Any

import typer

from bapascase.cli.common import case_argument, console, ctx_of, handled, json_option, print_json
from bapascase.i18n import get_lang, t
from bapascase.workflow.context import Context


def facts(c: Context, case_id: str) -> dict[str, Any]:
    """Everything ``show`` prints, derived from the recorded files (the index's summary of the case as of today,
    its files and its instrument scores)."""
    from bapascase.model import records
    from bapascase.model.derive import due_items, reassessment_days
    from bapascase.model.registry import Stage
    from bapascase.store.index import case_facts

    book = c.book()
    today = c.today()
    s = case_facts(book, case_id, today)
    defaults = book.settings.defaults
    # what needs attention, as ``due`` lists it (one item per dict, as in ``due --json``)
    s["due"] = [{"kind": kind, "date": when.isoformat() if when else None, **extra}
                for kind, when, extra in due_items(s, today, defaults.wajib_lapor_interval_days,
                                                   defaults.due_horizon_days,
                                                   reassessment_days(defaults.reassessment_months),
                                                   holidays=book.settings.closed_days())]
    files, links_out = book.scan_case(case_id)
    s["files"] = [book.rel(p) for p in files]
    # a file that is a link out of the case is neither read nor shown: said once (run check), as a caseload read
    # says a file it could not read, instead of the stage simply looking unrecorded
    book.unreadable += len(links_out)
    s["scores"], s["risk_change"] = None, None
    assessments = records.by_date([d for _, d in book.read_docs(case_id, Stage.ASSESSMENT) if isinstance(d, dict)],
                                  Stage.ASSESSMENT)
    if assessments:
        from bapascase.store import instrument_files as instruments

        s["scores"] = instruments.engine_results(book, case_id, assessments[-1])
        if len(assessments) > 1:
            s["risk_change"] = instruments.risk_change(book, assessments[-2], assessments[-1])
    return s


def period_text(s: dict[str, Any], lang: str) -> str:
    """``3 Februari 2025 – 14 Mei 2029 (dihitung: ekspirasi 14 Mei 2028 + 1 tahun)``."""
    from bapascase.model.derive import add_years
    from bapascase.model.programmes import end_rule
    from bapascase.model.text import as_date, long_date

    text = f"{long_date(s.get('start'), lang)} – {long_date(s.get('end'), lang)}"
    years = end_rule(s.get("programme"))
    expiry = as_date(s.get("expiry"))
    if s.get("end_derived") and years is not None and expiry is not None:
        how = t("show.end_derived", expiry=long_date(expiry, lang), years=years) if years else t("show.end_at_expiry")
        text += f" ({how})"
    elif expiry is not None and years and as_date(s.get("end")) == add_years(expiry, years):
        text += f" ({t('show.end_derived', expiry=long_date(expiry, lang), years=years)})"
    return text


def supervision_text(s: dict[str, Any], lang: str) -> str:
    from bapascase.model.grounds import ground_label
    from bapascase.model.text import long_date

    if s.get("closed"):
        return t("show.sup_ended", date=long_date(s.get("closed_on"), lang),
                 ground=ground_label(s.get("closing_ground"), lang))
    if s.get("revoked_on"):
        return t("show.sup_revoked", date=long_date(s["revoked_on"], lang))
    return t("show.sup_active")


def _verdict_line(scores: dict[str, Any] | None, lang: str) -> str | None:
    """Whether the criminogenic needs assessment must be done, as the RRI decides it."""
    text = ((scores or {}).get("rri") or {}).get("verdict_text") or {}
    return text.get(lang) or None


def _resolve_or_suggest(c: Any, query: str) -> str:
    """The case ``query`` names; an unknown one (often a client's name typed where an id goes) says what ``find``
    finds for it and how to search."""
    from bapascase.errors import UserError

    try:
        return str(c.book().resolve_case(query))
    except UserError as exc:
        if exc.key != "err.unknown_case":
            raise
        from bapascase.cli.cmd_find import READ, cannot_match, matches
        from bapascase.store.index import iter_index

        words = query.lower().split()
        found = [s for s in iter_index(c.book(), fields=READ, leave_out=cannot_match(words)) if matches(s, words)]
        if found:
            shown = ", ".join(f"{s['id']} ({s.get('name') or ''})" for s in found[:3])
            raise UserError("kbd.err.show_unknown_matches", case=query, matches=shown) from None
        raise UserError("kbd.err.show_unknown", case=query) from None


def register(app: typer.Typer) -> None:
    @app.command("show", help=t("cmd.show"))
    @handled
    def show(ctx: typer.Context, case: str = case_argument(), as_json: bool = json_option()) -> None:
        from bapascase.model.programmes import programme
        from bapascase.model.registry import SPECS, doc_label, stage_label
        from bapascase.model.text import long_date, sentence

        c = ctx_of(ctx)
        case_id = _resolve_or_suggest(c, case)
        s = facts(c, case_id)
        if as_json:
            print_json(c, {"case": s})
            return
        from rich.table import Table

        lang = get_lang()
        table = Table(show_header=False, box=None, pad_edge=False, title=f"{s['id']}  {s['name']} ({s['initials']})",
                      title_justify="left")
        table.add_column(style="bold")
        table.add_column()

        def row(label: str, value: Any) -> None:
            if value not in (None, "", []):
                table.add_row(t(label), str(value))

        from bapascase.store.labels import label

        row("show.sex", label("case.identity.sex", s.get("sex"), lang))
        row("show.age", t("show.years", n=s["age"]) if s.get("age") is not None else None)
        # a prison term where there is one (a kerja sosial client has none: the hours are their own row)
        term = sentence(s["sentence"].get("sentence_years"), s["sentence"].get("sentence_months"), lang)
        row("show.offence", f"{s.get('offence') or ''} ({', '.join(s.get('articles') or [])})"
                            + (f"; {term}" if term != "-" else ""))
        info = programme(s.get("programme"))
        row("col.programme", f"{s.get('programme')} – {info.label(lang)}" if info else s.get("programme"))
        row("show.period", period_text(s, lang))
        if s.get("expiry") and s.get("expiry") != s.get("end"):
            row("show.expiry", long_date(s["expiry"], lang))
        if s.get("days_left") is not None and not s.get("closed"):
            dl = s["days_left"]
            row("show.days_left", t("show.days", n=dl) if dl >= 0 else t("show.expired", n=-dl))
        row("show.supervision", supervision_text(s, lang))
        stage = stage_label(s["stage"])
        if s.get("terminated") and s.get("terminated_on") and not s.get("closed"):
            stage += f" ({t('show.terminated_on', date=long_date(s['terminated_on'], lang))})"
        row("show.stage", stage)
        if info and info.legal_bases:
            row("show.legal_bases", ", ".join(b.short for b in info.legal_bases))
        tpp = [t("show.tpp_last", date=long_date(s["last_tpp"], lang))] if s.get("last_tpp") else []
        tpp += [t("show.tpp_next", date=long_date(s["next_tpp"], lang))] if s.get("next_tpp") else []
        row("show.tpp", "; ".join(tpp))
        if s.get("warnings"):
            row("show.warnings", t("show.warnings_n", n=s["warnings"], date=long_date(s.get("last_warning"), lang)))
        row("show.proposal", long_date(s["last_proposal"], lang) if s.get("last_proposal") else None)
        from bapascase.cli.show_sentences import sentence_rows

        for key, text in sentence_rows(s, lang):  # hours of kerja sosial, conditions of pengawasan
            row(key, text)
        if s.get("on_permit_until"):
            row("show.permit", t("show.permit_until", date=long_date(s["on_permit_until"], lang)))
        row("show.officer", s.get("officer"))
        row("show.praktikan", s.get("praktikan"))
        row("show.guarantor", s.get("guarantor"))
        row("show.last_monitoring", long_date(s.get("last_monitoring"), lang) if s.get("last_monitoring") else None)
        if s.get("next_report_due"):  # an overdue report says so, as in ``due``, its reminder and the calendar
            late = s.get("report_overdue")
            row("show.next_due", long_date(s["next_report_due"], lang)
                + (f" ({t('due.overdue', n=late)})" if late else ""))
        from bapascase.workflow.score_text import part_summary

        for part in (s.get("scores") or {}).values():  # each instrument's result in one line
            summary = part_summary(part, lang)
            if summary is not None:
                table.add_row(str((part.get("short_title") or {}).get(lang) or ""), summary)
        row("show.verdict", _verdict_line(s.get("scores"), lang))
        change = s.get("risk_change") or {}
        if change.get("text"):
            row("show.risk_change", change["text"][lang])
        counts = s.get("counts") or {}
        row("show.records", ", ".join(f"{doc_label(x.stage)}: {counts[x.name]}" for x in SPECS if counts.get(x.name)))
        from bapascase.cli.cmd_due import describe

        for item in s["due"]:
            when = item["date"]
            row("show.attention", f"{long_date(when, lang) + ': ' if when else ''}{describe(item['kind'], item)}")
        console(c).print(table)
