from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import case_argument, console, ctx_of, handled, json_option, out, print_json
from bapascase.i18n import t
from bapascase.model.registry import Stage, spec


def register(app: typer.Typer) -> None:
    @app.command("import", help=t("cmd.import"))
    @handled
    def import_cmd(
        ctx: typer.Context,
        file: Path = typer.Argument(..., help=t("arg.import_file"), metavar="FILE"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.importer import import_cases

        c = ctx_of(ctx)
        result = import_cases(c, file)
        if as_json:
            print_json(c, {"count": len(result.ids), "ids": result.ids, "committed": result.committed})
        else:
            out(c, t("import.done", n=len(result.ids)))
            for case_id in result.ids:
                out(c, f"  {case_id}")

    @app.command("history", help=t("cmd.history"))
    @handled
    def history_cmd(ctx: typer.Context, case: str = case_argument(), as_json: bool = json_option()) -> None:
        from bapascase.workflow.casebook_ops import history

        c = ctx_of(ctx)
        case_id, commits = history(c, case)
        if as_json:
            print_json(c, {"id": case_id, "commits": [vars(x) for x in commits]})
            return
        if not commits:
            out(c, t("history.none", case=case_id))
            return
        from rich.table import Table

        table = Table(title=case_id, title_justify="left")
        for col in ("col.date", "col.author", "col.change", "col.files"):
            table.add_column(t(col))
        for x in commits:
            table.add_row(x.date, x.author, x.subject, "\n".join(Path(f).name for f in x.files))
        console(c).print(table)

    @app.command(spec(Stage.TRANSFER).command, help=t("cmd.transfer"))
    @handled
    def transfer_cmd(
        ctx: typer.Context,
        case: str = case_argument(),
        to: str = typer.Option(..., "--to", help=t("opt.to"), metavar="OFFICER"),
        reason: str = typer.Option(None, "--reason", help=t("opt.transfer_reason")),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.stages.transfer import transfer

        c = ctx_of(ctx)
        rec = transfer(c, case, to, reason)
        to_name = rec.doc.to.name  # type: ignore[attr-defined]
        if as_json:
            print_json(c, {"id": rec.case_id, "to": to_name, "path": c.book().rel(rec.path)})
        else:
            out(c, t("transfer.done", case=rec.case_id, officer=to_name))
