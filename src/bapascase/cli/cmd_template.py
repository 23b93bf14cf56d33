"""``template check FILE.docx``: a Word template checked before an office uses it (``reports.docx_check``)."""

from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, err, handled, json_option, out, print_json
from bapascase.errors import ExitStatus
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    template = typer.Typer(help=t("cmd.template"), no_args_is_help=True, add_completion=False)

    @template.command("check", help=t("tpl.cmd.check"))
    @handled
    def check_cmd(
        ctx: typer.Context,
        file: Path = typer.Argument(..., help=t("tpl.arg.file"), metavar="FILE.docx"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.errors import UserError
        from bapascase.reports.docx import check_unpacked
        from bapascase.reports.docx_check import check

        c = ctx_of(ctx)
        if not file.is_file():
            raise UserError("tpl.err.no_file", file=str(file))
        check_unpacked(file, str(file))  # a zip bomb is refused before anything is unpacked
        try:
            findings = check(file, c.lang)
        except ValueError:
            raise UserError("docx.err.not_docx", file=str(file)) from None
        if as_json:
            print_json(c, {"file": str(file), "ok": not findings,
                           "problems": [{"part": f.part, "where": f.where, "message": f.message} for f in findings]})
        else:
            for f in findings:
                err(c, f"{file}: {f.where}: {f.message}")
            if not findings:
                out(c, t("tpl.ok", file=str(file)))
        if findings:
            raise typer.Exit(ExitStatus.DATA)

    app.add_typer(template, name="template")
