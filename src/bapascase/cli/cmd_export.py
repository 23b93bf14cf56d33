"""``export --format csv|xlsx|json [--anonymize] [--entries]``: the caseload for a spreadsheet
(``reports.export``)."""

from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, handled, officer_option, out, print_json, versioned, write_data
from bapascase.cli.completion import completes, export_formats
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("export", help=t("cmd.export"))
    @handled
    def export(
        ctx: typer.Context,
        fmt: str = typer.Option("csv", "--format", "-f", help=t("opt.export_format"), metavar="csv|xlsx|json",
                                autocompletion=completes(export_formats)),
        output: Path = typer.Option(None, "--output", "-o", help=t("opt.export_output"), metavar="FILE"),
        anonymize: bool = typer.Option(False, "--anonymize", "--anonymise", help=t("opt.export_anonymize")),
        entries: bool = typer.Option(False, "--entries", help=t("opt.export_entries")),
        include_closed: bool = typer.Option(False, "--all", help=t("opt.export_all")),
        officer: str = officer_option(),
    ) -> None:
        from bapascase.cli.cmd_list import filter_cases
        from bapascase.errors import UsageError, UserError
        from bapascase.reports import export as ex
        from bapascase.store.atomic import atomic_write
        from bapascase.store.index import caseload

        c = ctx_of(ctx)
        if fmt not in ex.FORMATS:
            raise UsageError("export.err.format", fmt=fmt)
        if fmt == "xlsx" and output is None:
            raise UserError("export.err.xlsx_needs_file")
        book = c.book()
        if output is not None:
            book.output(output)  # before the work: a refused file costs nothing
        today = c.today()
        cases = filter_cases(caseload(book, today), officer, None, None, include_closed)
        if entries:
            rows = ex.entry_rows(book, cases, c.lang, anonymize)
        else:
            rows = ex.case_rows(book, cases, today, c.lang, anonymize)
        if fmt == "json" and output is None:
            print_json(c, {"count": len(rows), "anonymized": anonymize, "rows": rows})
            return
        if fmt == "json":
            import json

            atomic_write(output, json.dumps(versioned({"count": len(rows), "anonymized": anonymize, "rows": rows}),
                                            ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            text = ex.to_csv(rows)
            if output is None:
                write_data(c, text)
                return
            atomic_write(output, "\ufeff" + text)  # the byte-order mark makes Excel read UTF-8
        else:
            ex.to_xlsx(rows, output, t("export.sheet_entries" if entries else "export.sheet_cases"))
        out(c, t("export.saved", n=len(rows), path=str(output)))
