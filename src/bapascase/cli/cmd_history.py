from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from bapascase.cli.common import (
    case_argument,
    console,
    ctx_of,
    handled,
    json_option,
    no_input_option,
    officer_option,
    out,
    print_json,
    table_date,
)
from bapascase.i18n import t
from bapascase.model.registry import Stage, spec


def _example_officer(c: Any) -> tuple[str, str | None] | None:
    """The casebook's first PK for the template's example row (None outside a casebook, or without one)."""
    from bapascase.errors import BapascaseError

    try:
        listed = c.book().settings.officers_with("pk")
    except BapascaseError:
        return None
    return (listed[0].name, listed[0].nip) if listed else None


def register(app: typer.Typer) -> None:
    @app.command("import", help=t("cmd.import"))
    @handled
    def import_cmd(
        ctx: typer.Context,
        file: Path = typer.Argument(None, help=t("arg.import_file"), metavar="FILE"),
        template: bool = typer.Option(False, "--template", help=t("kbd.opt.template")),
        allow_duplicate: bool = typer.Option(False, "--allow-duplicate", help=t("kbd.opt.allow_duplicate")),
        skip_duplicates: bool = typer.Option(False, "--skip-duplicates", help=t("kbd.opt.skip_duplicates")),
        no_input: bool = no_input_option(),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.cli.common import err, progress
        from bapascase.errors import UsageError
        from bapascase.workflow.importer import import_cases, write_template

        c = ctx_of(ctx)
        if template:
            written = write_template(file, c.lang, c.env.stdout, _example_officer(c))
            if written is not None:
                out(c, t("kbd.template_written", path=str(written)))
            return
        if file is None:
            raise UsageError("kbd.err.import_no_file")
        with progress(c, t("kbd.progress.import")) as step:
            result = import_cases(c, file, no_input=no_input, allow_duplicate=allow_duplicate,
                                  skip_duplicates=skip_duplicates, progress=step)
        if as_json:
            print_json(c, {"count": len(result.ids), "ids": result.ids, "committed": result.committed,
                           "skipped": [{"row": w, "existing": cid} for w, cid in result.skipped]})
        else:
            out(c, t("import.done", n=len(result.ids)))
            for case_id in result.ids:
                out(c, f"  {case_id}")
            for where, existing in result.skipped:
                err(c, t("kbd.import_skipped", where=where, case=existing))

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

        from bapascase.workflow.sync import subject_shown

        table = Table(title=case_id, title_justify="left")
        for col in ("col.date", "col.author", "col.change", "col.files"):
            table.add_column(t(col))
        for x in commits:  # "by": the officer of the change (its Officer: trailer, else its author)
            files = "\n".join(Path(f).name for f in x.files)
            table.add_row(table_date(c, x.date), x.officer, subject_shown(x.subject), files)
        console(c).print(table)

    @app.command(spec(Stage.TRANSFER).command, help=t("cmd.transfer"))
    @handled
    def transfer_cmd(
        ctx: typer.Context,
        case: str = case_argument(),
        to: str = officer_option("opt.to", "--to", required=True),
        reason: str = typer.Option(None, "--reason", help=t("opt.transfer_reason"), metavar="TEXT"),
        no_input: bool = no_input_option(),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.stages.transfer import transfer

        c = ctx_of(ctx)
        rec = transfer(c, case, to, reason, no_input)
        to_name = rec.doc.to.name  # type: ignore[attr-defined]
        if as_json:
            print_json(c, {"id": rec.case_id, "to": to_name, "path": c.book().rel(rec.path)})
        else:
            out(c, t("transfer.done", case=rec.case_id, officer=to_name))
