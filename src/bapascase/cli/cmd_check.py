from __future__ import annotations

import typer

from bapascase.cli.common import ctx_of, err, handled, json_option, out, print_json
from bapascase.errors import ExitStatus
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("check", help=t("cmd.check"))
    @handled
    def check(ctx: typer.Context, as_json: bool = json_option()) -> None:
        from bapascase.workflow.check import check_casebook

        c = ctx_of(ctx)
        result = check_casebook(c.book(), c.lang)
        if as_json:
            print_json(c, {"files": result.files, "cases": result.cases, "ok": not result.problems,
                           "problems": [p.render() for p in result.problems]})
        else:
            for p in result.problems:
                err(c, p.render())
            if result.problems:
                err(c, t("check.problems", n=len(result.problems)))
            else:
                out(c, t("check.ok", files=result.files, cases=result.cases))
        if result.problems:
            raise typer.Exit(ExitStatus.DATA)
