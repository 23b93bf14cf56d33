"""``report``: the case file, Litmas, progress, termination and practicum reports in Markdown, HTML or PDF.

Everything heavy (jinja2, markdown-it, pydantic models) is imported inside the command, so ``--help`` and the
other commands never pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from bapascase.cli import completion
from bapascase.cli.common import ctx_of, err, handled, out
from bapascase.cli.completion import completes
from bapascase.errors import ExitStatus
from bapascase.i18n import t
from bapascase.model.report_kinds import FORMATS, KINDS, ReportKind


def register(app: typer.Typer) -> None:
    @app.command("report", help=t("cmd.report"))
    @handled
    def report(
        ctx: typer.Context,
        case: str = typer.Argument(None, help=t("rpt.arg.case"), metavar="CASE",
                                   autocompletion=completes(completion.case_ids)),
        kind: str = typer.Option(ReportKind.CASE.value, "--kind", "-k", help=t("rpt.opt.kind"), metavar="|".join(KINDS),
                                 autocompletion=completes(completion.report_kinds)),
        fmt: str = typer.Option(FORMATS[0], "--format", "-f", help=t("rpt.opt.format"), metavar="|".join(FORMATS),
                                autocompletion=completes(completion.report_formats)),
        output: Path = typer.Option(None, "--output", "-o", help=t("rpt.opt.output"), metavar="FILE"),
        anonymize: bool = typer.Option(False, "--anonymize", "--anonymise", help=t("rpt.opt.anonymize")),
        lang: str = typer.Option(None, "--lang", help=t("rpt.opt.lang"), metavar="id|en",
                                 autocompletion=completes(completion.languages)),
        all_cases: bool = typer.Option(False, "--all", help=t("rpt.opt.all")),
        to_case: bool = typer.Option(False, "--file", help=t("rpt.opt.file")),
    ) -> None:
        from bapascase.errors import UsageError, UserError
        from bapascase.i18n import LANGS

        c = ctx_of(ctx)
        if kind not in KINDS:
            raise UsageError("rpt.err.bad_kind", kind=kind, kinds=", ".join(KINDS))
        if fmt not in FORMATS:
            raise UsageError("rpt.err.bad_format", fmt=fmt, formats=", ".join(FORMATS))
        report_lang = lang or c.lang
        if report_lang not in LANGS:
            raise UsageError("err.bad_lang", value=report_lang)
        if output is not None and to_case:
            raise UsageError("rpt.err.file_and_output")
        if all_cases and case:
            raise UsageError("rpt.err.case_and_all")
        if not all_cases and not case:
            raise UsageError("rpt.err.no_case")
        if fmt == "pdf":
            from bapascase.reports.pdf import find_chromium

            if find_chromium() is None:
                raise UserError("rpt.err.no_chromium")
            if output is None and not to_case and not all_cases:
                raise UserError("rpt.err.pdf_needs_file")
        book = c.book()
        today = c.today()
        if all_cases:
            _say_missing_settings(c, book, kind)
            _all(c, book, kind, fmt, report_lang, anonymize, today, output)
            return
        case_id = book.resolve_case(case)
        _say_missing_settings(c, book, kind)
        target = _target(book, case_id, kind, fmt, today, output, to_case, anonymize)
        written = _one(c, book, case_id, kind, fmt, report_lang, anonymize, today, target)
        if to_case:  # a report kept in the case folder is a save like any other: committed
            from bapascase.workflow.record import commit_saved

            commit_saved(c, [Path(p) for p in written], f"report: {case_id} {kind}")


def _say_missing_settings(c: Any, book: Any, kind: str) -> None:
    """A report that prints a setting not set (the Kepala Bapas for a signature, the Kanwil for a letterhead)
    still renders, with a blank where it goes, and says on stderr which one, and how to set it."""
    from bapascase.model.report_kinds import NEEDS_SETTINGS
    from bapascase.workflow.officers import missing_line, missing_settings

    needed = NEEDS_SETTINGS.get(kind)
    if needed:
        for missing in missing_settings(book.settings, needed):
            err(c, missing_line(missing))


def _target(book: Any, case_id: str, kind: str, fmt: str, today: Any, output: Path | None, to_case: bool,
            anonymize: bool) -> Path | None:
    from bapascase.reports.render import default_name

    if to_case:
        return book.case_dir(case_id) / "reports" / default_name(case_id, kind, fmt, today, anonymize)
    return output


def _one(c: Any, book: Any, case_id: str, kind: str, fmt: str, lang: str, anonymize: bool, today: Any,
         target: Path | None, quiet: bool = False) -> list[Path]:
    from bapascase.reports.render import render, write_outputs

    stem = target.stem if target is not None else None
    rendered = render(book, case_id, kind, fmt, lang, today, anonymize, picture_stem=stem)
    if target is None:
        c.env.stdout.write(rendered.text)
        if rendered.dropped:
            err(c, t("rpt.pictures_hint", lang))
        return []
    written = write_outputs(rendered, target, fmt)
    if not quiet:
        out(c, t("rpt.saved", lang, path=book.rel(Path(written[0]).resolve()) if _inside(book, written[0])
                 else str(written[0])))
    return written


def _inside(book: Any, path: Path) -> bool:
    try:
        Path(path).resolve().relative_to(book.root)
        return True
    except ValueError:
        return False


def _all(c: Any, book: Any, kind: str, fmt: str, lang: str, anonymize: bool, today: Any, output: Path | None
         ) -> None:
    """Every open case's report: to ``output`` (a folder), else into each case's ``reports/`` (one commit for
    all). A progress bar on a terminal (``cli.common.progress``); nothing extra when piped."""
    from bapascase.cli.common import progress
    from bapascase.errors import BapascaseError, UserError
    from bapascase.reports.render import default_name

    if output is not None:
        if output.exists() and not output.is_dir():
            raise UserError("rpt.err.output_dir", path=str(output))
        output.mkdir(parents=True, exist_ok=True)
    active = [cid for cid in book.case_ids() if not book.is_closed(cid)]
    if not active:
        err(c, t("rpt.all_none", lang))
        return
    failures: list[str] = []
    kept: list[Path] = []
    done = 0
    with progress(c, t("rpt.all_progress", lang)) as step:
        for n, cid in enumerate(active, 1):
            name = default_name(cid, kind, fmt, today, anonymize)
            target = (output / f"{cid}-{name}") if output is not None else book.case_dir(cid) / "reports" / name
            try:
                kept += [Path(p) for p in _one(c, book, cid, kind, fmt, lang, anonymize, today, target, quiet=True)]
                done += 1
            except BapascaseError as exc:
                failures.append(t("rpt.all_failed", lang, case=cid, message=exc.render()))
            step(n, len(active))
    if output is None:  # kept in the case folders: saved like anything else, so committed
        from bapascase.workflow.record import commit_saved

        commit_saved(c, kept, f"report --all: {kind} for {done} cases")
    for line in failures:
        err(c, line)
    out(c, t("rpt.all_done", lang, n=done))
    if failures:
        raise typer.Exit(ExitStatus.DATA)


