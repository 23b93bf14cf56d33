from __future__ import annotations

import typer

from bapascase.cli.common import ctx_of, handled, out
from bapascase.cli.completion import completes, schema_names
from bapascase.errors import UsageError
from bapascase.i18n import t
from bapascase.model.registry import SCHEMA_NAMES


def register(app: typer.Typer) -> None:
    @app.command("schema", help=t("cmd.schema"))
    @handled
    def schema(
        ctx: typer.Context,
        name: str = typer.Argument(..., help=t("arg.schema_name", names=", ".join(SCHEMA_NAMES)), metavar="NAME",
                                   autocompletion=completes(schema_names)),
    ) -> None:
        from bapascase.workflow.schemas import ALL_SCHEMAS, schema_text

        c = ctx_of(ctx)
        if name not in ALL_SCHEMAS:
            raise UsageError("err.unknown_schema", name=name, names=", ".join(SCHEMA_NAMES))
        from bapascase.errors import UserError

        try:  # a casebook may add newer instrument versions; without one, the built-in ones
            book = c.book()
        except UserError:
            book = None
        out(c, schema_text(name, c.lang, book).rstrip("\n"))
