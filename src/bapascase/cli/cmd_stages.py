from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import (
    answers_option,
    case_argument,
    ctx_of,
    handled,
    json_option,
    no_input_option,
    out,
    print_json,
    warn,
)
from bapascase.i18n import t
from bapascase.model.registry import Stage, StageSpec, doc_label, spec, stage_commands


def _add_stage_command(app: typer.Typer, of: StageSpec) -> None:
    stage = of.stage

    @app.command(of.command, help=t(f"cmd.{of.command}"))
    @handled
    def stage_cmd(
        ctx: typer.Context,
        case: str = case_argument(),
        answers: Path = answers_option(),
        no_input: bool = no_input_option(),
        force: bool = typer.Option(False, "--force", help=t("opt.force")),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.stages import run_stage

        c = ctx_of(ctx)
        rec = run_stage(c, case, stage, answers, no_input, force)
        book = c.book()
        warn(c, rec.warnings)
        if as_json:
            print_json(c, {"id": rec.case_id, "stage": stage.value, "path": book.rel(rec.path),
                           "committed": rec.committed, "warnings": [p.render() for p in rec.warnings]})
        else:
            from bapascase.workflow.stages import behaviour_of

            out(c, t("stage.saved", what=doc_label(stage), case=rec.case_id, path=book.rel(rec.path)))
            for line in behaviour_of(stage).saved_lines(book, rec.case_id, rec.doc, c.lang):  # the computed scores, repeated
                out(c, f"  {line}")


def register(app: typer.Typer) -> None:
    for of in stage_commands():
        _add_stage_command(app, of)

    @app.command(spec(Stage.REOPEN).command, help=t("cmd.reopen"))
    @handled
    def reopen_cmd(
        ctx: typer.Context,
        case: str = case_argument(),
        reason: str = typer.Option(..., "--reason", help=t("opt.reason"), metavar="TEXT"),
        by: str = typer.Option(None, "--by", help=t("opt.by"), metavar="NAME"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.stages.reopen import reopen

        c = ctx_of(ctx)
        rec, reopened = reopen(c, case, reason, by)
        if as_json:
            print_json(c, {"id": rec.case_id, "stage": Stage.REOPEN.value, "reopened": reopened,
                           "path": c.book().rel(rec.path)})
        else:
            out(c, t(f"reopen.saved_{reopened}", case=rec.case_id, path=c.book().rel(rec.path)))
