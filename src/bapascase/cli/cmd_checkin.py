"""``checkin CASE`` (Indonesian alias ``lapor``): one wajib-lapor visit in one line; without a case, today's list."""

from __future__ import annotations

from typing import Any

import typer

from bapascase.cli.common import (
    ctx_of,
    handled,
    json_option,
    no_input_option,
    officer_option,
    out,
    print_json,
    print_table,
    table_date,
    warn,
)
from bapascase.cli.completion import case_ids, completes
from bapascase.errors import UsageError
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @handled
    def checkin(
        ctx: typer.Context,
        case: str = typer.Argument(None, help=t("kbd.arg.checkin_case"), metavar="[CASE]",
                                   autocompletion=completes(case_ids)),
        absent: bool = typer.Option(False, "--absent", help=t("kbd.opt.absent")),
        remote: bool = typer.Option(False, "--remote", help=t("kbd.opt.remote")),
        reason: str = typer.Option(None, "--reason", help=t("kbd.opt.checkin_reason"), metavar="TEXT"),
        date: str = typer.Option(None, "--date", help=t("kbd.opt.checkin_date"), metavar="D"),
        note: str = typer.Option(None, "--note", help=t("kbd.opt.note"), metavar="TEXT"),
        officer: str = officer_option(),
        force: bool = typer.Option(False, "--force", help=t("kbd.opt.checkin_force")),
        no_input: bool = no_input_option(),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.model.derive import WL_ABSENT, WL_PRESENT, WL_REMOTE
        from bapascase.workflow import checkin as work

        c = ctx_of(ctx)
        if absent and remote:
            raise UsageError("kbd.err.absent_and_remote")
        if reason and not remote:
            raise UsageError("kbd.err.reason_without_remote")
        if case is None:
            _today(c, officer, no_input, as_json)
            return
        prompter = c.prompter(no_input)
        if remote and not reason:
            if not prompter.interactive:
                raise UsageError("kbd.err.remote_needs_reason")
            reason = prompter.text(t("kbd.checkin_reason"), validate=lambda s: None if s.strip() else t("val.missing"))
        status = WL_ABSENT if absent else WL_REMOTE if remote else WL_PRESENT
        rec = work.record_checkin(c, case, status, reason, note, date, force)
        _saved(c, rec, as_json)

    def _today(c: Any, officer: str | None, no_input: bool, as_json: bool) -> None:
        from bapascase.workflow import checkin as work

        pending = work.due_today(c, officer)
        if as_json:
            print_json(c, {"today": c.today().isoformat(), "count": len(pending),
                           "due": [{"id": d.case_id, "name": d.summary.get("name"), "officer": d.summary.get("officer"),
                                    "due": d.due.isoformat()} for d in pending]})
            return
        if not pending:
            out(c, t("kbd.checkin_nobody"))
            return
        prompter = c.prompter(no_input)
        if not prompter.interactive:  # piped, or --no-input: the list itself
            today = c.today()
            rows = [[table_date(c, d.due), t("kbd.checkin_late", n=(today - d.due).days) if d.due < today
                     else t("due.today"), d.case_id, d.summary.get("name") or "", d.summary.get("officer") or ""]
                    for d in pending]
            print_table(c, [t(k) for k in ("col.due", "kbd.col.late", "col.id", "col.name", "col.officer")], rows,
                        title=t("kbd.checkin_title", n=len(pending)))
            return
        out(c, t("kbd.checkin_title", n=len(pending)))
        done = work.tick_off(c, prompter, pending, lambda rec: _saved(c, rec, False))
        out(c, t("kbd.checkin_summary", n=done, left=len(pending) - done))

    def _saved(c: Any, rec: Any, as_json: bool) -> None:
        from bapascase.model.monitoring import WajibLaporStatus
        from bapascase.model.text import long_date
        from bapascase.workflow.checkin import next_due

        wl = rec.doc.wajib_lapor
        after = next_due(c, rec.case_id)
        warn(c, rec.warnings)
        if as_json:
            print_json(c, {"id": rec.case_id, "date": rec.doc.date.isoformat(), "status": wl.status.value,
                           "path": c.book().rel(rec.path), "committed": rec.committed,
                           "next_report_due": after.isoformat() if after else None})
            return
        out(c, t("kbd.checkin_saved", case=rec.case_id, status=WajibLaporStatus(wl.status).label(),
                 date=long_date(rec.doc.date, c.lang)))
        if after is not None:
            out(c, "  " + t("kbd.checkin_next", date=long_date(after, c.lang)))

    app.command("checkin", help=t("cmd.checkin"))(checkin)  # "lapor" is its alias (cli.localized.ALIASES)
