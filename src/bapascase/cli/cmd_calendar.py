"""``calendar [-o FILE.ics] [--officer NAME]``: the supervision dates for a calendar app
(``reports.calendar``)."""

from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, handled, officer_option, out, write_data
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("calendar", help=t("cmd.calendar"))
    @handled
    def calendar(
        ctx: typer.Context,
        output: Path = typer.Option(None, "--output", "-o", help=t("opt.calendar_output"), metavar="FILE.ics"),
        officer: str = officer_option(),
    ) -> None:
        from bapascase.reports.calendar import build
        from bapascase.store.atomic import atomic_write
        from bapascase.store.office_view import load

        c = ctx_of(ctx)
        book = c.book()
        view = load(book, c.today(), officer)
        data = build(view.cases, view.today, view.interval, view.reassess_days, c.lang,
                     book.settings.office.name or "", view.holidays)
        if output is None:  # the bytes as they are (RFC 5545 lines end in CRLF), cleaned on a terminal
            write_data(c, data)
            return
        atomic_write(book.output(output), data)
        out(c, t("cal.saved", n=data.count(b"BEGIN:VEVENT"), path=str(output)))
