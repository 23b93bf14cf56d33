from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, err, handled, out
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("init", help=t("cmd.init"))
    @handled
    def init(
        ctx: typer.Context,
        directory: Path = typer.Argument(Path("."), help=t("arg.dir"), metavar="[DIR]"),
        office: str = typer.Option("Bapas", "--office", help=t("opt.office")),
    ) -> None:
        from bapascase.workflow.setup import init_casebook

        c = ctx_of(ctx)
        result = init_casebook(c, directory, office, c.lang)
        out(c, t("init.done", path=str(result.root)))
        if result.git:
            out(c, t("init.git"))
        else:
            err(c, t("init.no_git"))
