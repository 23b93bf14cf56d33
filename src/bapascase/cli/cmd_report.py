"""``report``: the case file, Litmas, progress, termination, practicum, closing, warning-letter and revocation
reports in Markdown, HTML or PDF.

Everything heavy (jinja2, markdown-it, pydantic models) is imported inside the command, so ``--help`` and the
other commands never pay for it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from bapascase.cli import completion
from bapascase.cli.common import ctx_of, err, handled, out, write_data
from bapascase.cli.completion import completes
from bapascase.errors import ExitStatus
from bapascase.i18n import t
from bapascase.model.report_kinds import EVENT_KINDS, FORMATS, KINDS, ReportKind

if TYPE_CHECKING:
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.context import Context


def register(app: typer.Typer) -> None:
    @app.command("report", help=t("cmd.report"))
    @handled
    def report(
        ctx: typer.Context,
        case: str = typer.Argument(None, help=t("rpt.arg.case"), metavar="CASE",
                                   autocompletion=completes(completion.case_ids)),
        kind: str = typer.Option(ReportKind.CASE.value, "--kind", "-k", help=t("rpt.opt.kind", kinds=", ".join(KINDS)),
                                 metavar="KIND",
                                 autocompletion=completes(completion.report_kinds)),
        fmt: str = typer.Option(FORMATS[0], "--format", "-f", help=t("rpt.opt.format"), metavar="|".join(FORMATS),
                                autocompletion=completes(completion.report_formats)),
        output: Path = typer.Option(None, "--output", "-o", help=t("rpt.opt.output"), metavar="FILE"),
        anonymize: bool = typer.Option(False, "--anonymize", "--anonymise", help=t("rpt.opt.anonymize")),
        lang: str = typer.Option(None, "--lang", help=t("rpt.opt.lang"), metavar="id|en",
                                 autocompletion=completes(completion.languages)),
        all_cases: bool = typer.Option(False, "--all", help=t("rpt.opt.all")),
        to_case: bool = typer.Option(False, "--file", help=t("rpt.opt.file")),
        event: str = typer.Option(None, "--event", help=t("rpt.opt.event"), metavar="FILE|DATE"),
        period_from: str = typer.Option(None, "--from", help=t("rpt.opt.from"), metavar="DATE"),
        period_to: str = typer.Option(None, "--to", help=t("rpt.opt.to"), metavar="DATE"),
        on: str = typer.Option(None, "--date", help=t("rpt.opt.date"), metavar="DATE"),
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
        if event is not None and kind not in EVENT_KINDS:
            raise UsageError("rpt.err.event_kind", kinds=", ".join(EVENT_KINDS))
        if (period_from is not None or period_to is not None) and kind != ReportKind.PROGRESS:
            raise UsageError("rpt.err.period_kind")
        options = {"event": event, "period_from": _date_option(period_from, "--from"),
                   "period_to": _date_option(period_to, "--to"), "date": _date_option(on, "--date")}
        if fmt == "pdf":
            from bapascase.reports.pdf import find_chromium

            if find_chromium() is None:
                raise UserError("rpt.err.no_chromium")
            if output is None and not to_case and not all_cases:
                raise UserError("rpt.err.pdf_needs_file")
        if fmt == "docx" and output is None and not to_case and not all_cases:
            raise UserError("docx.err.needs_file")
        from bapascase.store.gcpause import gc_paused

        book = c.book()
        today = c.today()
        if all_cases:
            with gc_paused(promote=True):
                _say_missing_settings(c, book, kind)
            _all(c, book, kind, fmt, report_lang, anonymize, today, output, options)
            c.exit_quickly = True
            return
        # One report: the imports (the models, jinja2, markdown-it) and the case's documents make a few hundred
        # thousand objects, almost none in cycles; the collector's passes over them cost ~60 ms a report (issue
        # 15), and the young collection right after the pause another ~20-35 ms: what the report made is promoted
        # instead (``promote``). Its cyclic garbage (a few MB at most) goes with the process, or with the next full
        # collection of an in-process caller.
        with gc_paused(promote=True):
            case_id = book.resolve_case(case)
            if output is not None:
                book.output(output, case_id)
            _say_missing_settings(c, book, kind)
            target = _target(book, case_id, kind, fmt, today, output, to_case, anonymize)
            written = _one(c, book, case_id, kind, fmt, report_lang, anonymize, today, target, options=options)
            _commit_saved_reports(c, book, written, f"report: {case_id} {kind}")
        c.exit_quickly = True  # written and committed: nothing left for the interpreter's teardown (cli.main.main)


def _say_missing_settings(c: Context, book: Casebook, kind: str) -> None:
    """A report that prints a setting not set (the Kepala Bapas for a signature, the Kanwil for a letterhead)
    still renders, with a blank where it goes, and says on stderr which one, and how to set it."""
    from bapascase.model.report_kinds import NEEDS_SETTINGS
    from bapascase.workflow.officers import missing_line, missing_settings

    needed = NEEDS_SETTINGS.get(kind)
    if needed:
        for missing in missing_settings(book.settings, needed):
            err(c, missing_line(missing))


def _date_option(value: str | None, flag: str) -> Any:
    if value is None:
        return None
    import datetime as dt

    from bapascase.errors import UsageError
    from bapascase.model.types import parse_date

    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dt.date):
        raise UsageError("rpt.err.bad_date", flag=flag, value=value)
    return parsed


def _commit_saved_reports(c: Any, book: Any, written: list[Path], message: str) -> None:
    """A report saved in a case folder (``--file``) is part of the casebook: committed like any write. One
    written elsewhere (``-o``, even inside the casebook's top folder) is the officer's own file."""
    from bapascase.store.layout import CASES_DIR

    ours = [p for p in written if _inside(book, p) and book.rel(Path(p).resolve()).startswith(CASES_DIR + "/")]
    if ours:  # git and the merge machinery: only when committing
        from bapascase.workflow.commits import commit_saved

        commit_saved(c, ours, message)


def _target(book: Casebook, case_id: str, kind: str, fmt: str, today: dt.date, output: Path | None, to_case: bool,
            anonymize: bool) -> Path | None:
    from bapascase.reports.render import default_name

    if to_case:
        return _case_report(book, case_id, default_name(case_id, kind, fmt, today, anonymize))
    return output


def _case_report(book: Casebook, case_id: str, name: str) -> Path:
    """``cases/<id>/reports/<name>``; a ``reports/`` folder that is a link out of the case folder is refused."""
    folder = book.case_dir(case_id)
    return Path(book.guard(folder / "reports" / name, folder))


def _one(c: Context, book: Casebook, case_id: str, kind: str, fmt: str, lang: str, anonymize: bool, today: dt.date,
         target: Path | None, quiet: bool = False, options: dict[str, Any] | None = None) -> list[Path]:
    from bapascase.store.gcpause import gc_paused

    # see report(): under --all each case is made paused, and the collector runs between cases and frees what a
    # case left in cycles (a single report is paused as a whole by report(), which makes this one a no-op)
    with gc_paused():
        return _one_paused(c, book, case_id, kind, fmt, lang, anonymize, today, target, quiet, options)


def _one_paused(c: Context, book: Casebook, case_id: str, kind: str, fmt: str, lang: str, anonymize: bool,
                today: dt.date, target: Path | None, quiet: bool, options: dict[str, Any] | None) -> list[Path]:
    from bapascase.reports.render import render, write_outputs

    if fmt == "docx" and target is not None:
        from bapascase.reports.docx import render_docx
        from bapascase.store.atomic import atomic_write, check_output

        check_output(target)  # a folder, a link or a device named by -o: refused as for the other formats
        data, _ = render_docx(book, case_id, kind, lang, today, anonymize, **(options or {}))
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        if not quiet:
            out(c, t("rpt.saved", lang, path=book.rel(Path(target).resolve()) if _inside(book, target)
                     else str(target)))
        return [target]
    stem = target.stem if target is not None else None
    rendered = render(book, case_id, kind, fmt, lang, today, anonymize, picture_stem=stem, **(options or {}))
    if not quiet:
        for notice in rendered.notices:
            err(c, notice)
    if target is None:  # like the calendar and the CSV export: cleaned on a terminal, exact into a pipe
        write_data(c, rendered.text)
        if rendered.dropped:
            err(c, t("rpt.pictures_hint", lang))
        return []
    written = write_outputs(rendered, target, fmt)
    if not quiet:
        out(c, t("rpt.saved", lang, path=book.rel(Path(written[0]).resolve()) if _inside(book, written[0])
                 else str(written[0])))
    return written


def _inside(book: Casebook, path: Path) -> bool:
    try:
        Path(path).resolve().relative_to(book.root)
        return True
    except ValueError:
        return False


def _all(c: Context, book: Casebook, kind: str, fmt: str, lang: str, anonymize: bool, today: dt.date,
         output: Path | None, options: dict[str, Any] | None = None) -> None:
    """Every open case's report: to ``output`` (a folder), else into each case's ``reports/`` (one commit for
    all). A progress bar on a terminal (``cli.common.progress``); nothing extra when piped."""
    from bapascase.cli.common import progress
    from bapascase.errors import BapascaseError, UserError
    from bapascase.reports.render import default_name

    if output is not None:
        book.output(output, folder=True)
        if output.is_symlink() or (output.exists() and not output.is_dir()):
            raise UserError("rpt.err.output_dir", path=str(output))
        output.mkdir(parents=True, exist_ok=True)
    active = [cid for cid in book.case_ids() if not book.is_closed(cid)]
    if not active:
        err(c, t("rpt.all_none", lang))
        return
    failures: list[str] = []
    saved: list[Path] = []
    done = 0
    with progress(c, t("rpt.all_progress", lang)) as step:
        for n, cid in enumerate(active, 1):
            name = default_name(cid, kind, fmt, today, anonymize)
            try:
                target = (output / f"{cid}-{name}") if output is not None else _case_report(book, cid, name)
                saved += _one(c, book, cid, kind, fmt, lang, anonymize, today, target, quiet=True, options=options)
                done += 1
            except BapascaseError as exc:
                failures.append(t("rpt.all_failed", lang, case=cid, message=exc.render()))
            step(n, len(active))
    _commit_saved_reports(c, book, saved, f"report --all: {kind} for {done} cases")
    for line in failures:
        err(c, line)
    out(c, t("rpt.all_done", lang, n=done))
    if failures:
        raise typer.Exit(ExitStatus.DATA)
