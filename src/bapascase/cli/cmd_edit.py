from __future__ import annotations

import typer

from bapascase.cli.common import case_argument, ctx_of, handled, out
from bapascase.cli.completion import completes, schema_names
from bapascase.i18n import t
from bapascase.model.registry import SCHEMA_NAMES


def register(app: typer.Typer) -> None:
    @app.command("edit", help=t("cmd.edit"))
    @handled
    def edit_cmd(
        ctx: typer.Context,
        case: str = case_argument(),
        stage: str = typer.Argument(..., help=t("arg.schema_name", names=", ".join(SCHEMA_NAMES)), metavar="STAGE",
                                    autocompletion=completes(schema_names)),
        entry: str = typer.Option(None, "--entry", help=t("opt.entry"), metavar="NAME"),
    ) -> None:
        from bapascase.workflow.edit import edit

        c = ctx_of(ctx)
        result = edit(c, case, stage, entry)
        book = c.book()
        out(c, t("edit.saved" if result.changed else "edit.unchanged", path=book.rel(result.path)))
