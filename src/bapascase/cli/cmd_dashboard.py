"""``dashboard [-o FILE.html]``: the Kasubsi's page (``reports.dashboard``)."""

from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, handled, officer_option, out
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("dashboard", help=t("cmd.dashboard"))
    @handled
    def dashboard(
        ctx: typer.Context,
        output: Path = typer.Option(None, "--output", "-o", help=t("opt.dashboard_output"), metavar="FILE.html"),
        officer: str = officer_option(),
    ) -> None:
        from bapascase.reports.dashboard import build
        from bapascase.store.atomic import atomic_write

        c = ctx_of(ctx)
        book = c.book()
        today = c.today()
        html = build(book, today, c.lang, officer)
        target = book.output(output if output is not None else Path(f"dasbor-{today.isoformat()}.html"))
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, html)
        out(c, t("dash.saved", path=str(target)))
