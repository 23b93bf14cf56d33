from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import (
    answers_option,
    ctx_of,
    handled,
    json_option,
    no_input_option,
    out,
    print_json,
    warn,
)
from bapascase.i18n import t
from bapascase.model.registry import Stage, spec


def register(app: typer.Typer) -> None:
    @app.command(spec(Stage.CASE).command, help=t("cmd.new"))
    @handled
    def new(
        ctx: typer.Context,
        answers: Path = answers_option(),
        no_input: bool = no_input_option(),
        allow_duplicate: bool = typer.Option(False, "--allow-duplicate", help=t("kbd.opt.allow_duplicate")),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.model.text import initials
        from bapascase.workflow.intake import register as register_case

        c = ctx_of(ctx)
        rec = register_case(c, answers, no_input, allow_duplicate)
        book = c.book()
        doc = rec.doc
        name = doc.identity.name  # type: ignore[attr-defined]
        warn(c, rec.warnings)
        if as_json:
            print_json(c, {"id": rec.case_id, "path": book.rel(rec.path), "initials": initials(name),
                           "committed": rec.committed, "warnings": [p.render() for p in rec.warnings]})
        else:
            out(c, t("new.saved", case=rec.case_id, path=book.rel(rec.path)))
