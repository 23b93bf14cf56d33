"""``check`` (only reads) and ``check --fix`` (also rewrites what can be repaired, and says what it wrote)."""

from __future__ import annotations

import typer

from bapascase.cli.common import ctx_of, err, handled, json_option, out, print_json, progress, warn
from bapascase.errors import ExitStatus
from bapascase.i18n import t


def register(app: typer.Typer) -> None:
    @app.command("check", help=t("cmd.check"))
    @handled
    def check(ctx: typer.Context, fix: bool = typer.Option(False, "--fix", help=t("opt.fix")),
              full: bool = typer.Option(False, "--full", help=t("opt.check_full")),
              as_json: bool = json_option()) -> None:
        from bapascase.workflow.check import (
            check_casebook,
            fix_casebook,
            migrate_casebook,
            remove_stale_staging,
        )

        c = ctx_of(ctx)
        book = c.book()
        if fix:
            from bapascase.workflow.commits import recover_batches

            recover_batches(c)  # an import a kill left half placed: finished whole (or taken back whole)
        migrated = migrate_casebook(book, c.lang) if fix else None
        fixed = fix_casebook(book, c.lang) if fix else []
        removed = remove_stale_staging(book) if fix else []
        if migrated is not None and migrated.paths:
            from bapascase.workflow.commits import commit_saved

            commit_saved(c, migrated.paths, "check --fix: " + t("migrate.commit", n=len(migrated.paths)))
        if fixed:
            from bapascase.workflow.commits import commit_saved

            commit_saved(c, [book.root / p for p in fixed], "check --fix: " + ", ".join(fixed))
        lines = migrated.lines if migrated is not None else []
        with progress(c, t("kbd.progress.check")) as step:
            result = check_casebook(book, c.lang, step, full=full, today=c.today())
        if as_json:
            print_json(c, {"files": result.files, "cases": result.cases, "ok": not result.problems,
                           "problems": [p.render() for p in result.problems],
                           "schemas_outdated": result.schemas_outdated,
                           "settings_outdated": result.settings_outdated, "fixed": fixed, "migrated": lines,
                           "sharing": result.sharing, "warnings": [p.render() for p in result.warnings],
                           "staging": result.staging, "hidden": result.hidden, "staging_removed": removed,
                           "pending_imports": [{"journal": book.rel(p.journal), "placed": p.placed,
                                                "total": p.total} for p in result.pending], "unmarked": result.unmarked})
        else:
            for line in lines:
                out(c, line)
            for path in fixed:
                out(c, t("check.schemas_updated", path=path))
            for path in removed:
                out(c, t("sec.staging_removed", path=path))
            for p in result.problems:
                err(c, p.render())
            warn(c, result.warnings)
            if result.warnings:  # said, so nobody reads a warning as the reason for a failure
                err(c, t("kbd.check_warnings", n=len(result.warnings)))
            # outdated schemas are a notice, not a problem: the data is fine, the editor hints are behind
            for path in result.schemas_outdated:
                err(c, t("check.schemas_outdated", path=path))
            for key in result.settings_outdated:
                err(c, t("kbd.settings_outdated", key=key))
            if result.unmarked:  # files of an earlier version: a notice, --fix brings them up to date
                from bapascase.store.yamlio import END_MARKER

                err(c, t("sec.unmarked", n=result.unmarked, marker=END_MARKER))
            for p in result.pending:  # a stopped import: the next writing command finishes it
                journal = book.rel(p.journal)
                err(c, t("batch.pending", journal=journal, placed=p.placed, total=p.total) if p.staging
                    else t("batch.unreadable", journal=journal))
            for path in result.staging:  # hidden, never a case: a notice, like outdated schemas
                err(c, t("sec.staging_left", path=path))
            for path in result.hidden:
                err(c, t("sec.hidden_folder", path=path))
            for notice in result.sharing:  # a notice too: the data is fine, git is behind
                err(c, notice)
            if result.problems:
                err(c, t("check.problems", n=len(result.problems)))
            else:
                out(c, t("check.ok", files=result.files, cases=result.cases))
        if result.problems:
            raise typer.Exit(ExitStatus.DATA)
