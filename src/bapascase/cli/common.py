"""What every command shares: error handling, the context, JSON output, rich console."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import typer

from bapascase import __version__
from bapascase.errors import BapascaseError, ExitStatus, os_reason
from bapascase.i18n import t
from bapascase.terminal import clean, clean_json, columns, is_clean, safe_console, speaks_unicode, write_line
from bapascase.workflow.context import Context

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])

JSON_VERSION = 1


def ctx_of(tctx: typer.Context) -> Context:
    obj = tctx.find_root().obj
    if not isinstance(obj, Context):
        obj = Context()
        tctx.find_root().obj = obj
    return obj


def _stderr(ctx: Context | None) -> TextIO:
    return ctx.env.stderr if ctx is not None else sys.stderr


def handled(fn: F) -> F:
    """Turn every failure into one readable line on stderr and the contract's exit status; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = _ctx_or_none(kwargs.get("ctx"))
        try:
            result = fn(*args, **kwargs)
        except typer.Exit:
            _say_unreadable(ctx)
            raise
        except Exception as exc:
            status, line = failure(exc)
            if line is not None:
                write_line(_stderr(ctx), line)
            raise typer.Exit(status) from None
        except KeyboardInterrupt:
            write_line(_stderr(ctx), t("err.interrupted"))
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        _say_unreadable(ctx)
        return result

    return wrapper  # type: ignore[return-value]


def _ctx_or_none(tctx: Any) -> Context | None:
    """The command's ``Context`` (the one ``ctx_of`` makes), if it has one yet (``tctx``: click's context, of
    typer's class or of the localized group's, ``cli.localized``)."""
    root = getattr(tctx, "find_root", None)
    obj = root().obj if callable(root) else None
    return obj if isinstance(obj, Context) else None


def _say_unreadable(ctx: Context | None) -> None:
    """One line on stderr when the caseload a command read had to leave files out (a monitoring entry with
    conflict markers, a case.yaml that is a list): what it showed may be wrong, and ``check`` says where."""
    n = ctx.unreadable_files() if ctx is not None else 0
    if n:
        write_line(_stderr(ctx), t("dmg.unreadable", n=n))
    for line in ctx.settings_kept_both() if ctx is not None else ():
        write_line(_stderr(ctx), t("sync.settings_kept_here", problem=line))


def failure(exc: Exception) -> tuple[ExitStatus, str | None]:
    """The exit status and the one line to print for an exception that ended a command."""
    if isinstance(exc, BapascaseError):
        try:
            return exc.exit_code, exc.render()
        except Exception as bug:  # a message that cannot be rendered is a bug, not the user's error
            return _internal(bug)
    if isinstance(exc, EOFError):  # the terminal went away in the middle of a prompt
        return ExitStatus.INTERRUPTED, t("err.interrupted")
    if isinstance(exc, BrokenPipeError):  # ``bapascase list | head``: the reader has gone, nothing to say
        return ExitStatus.USER, None
    if isinstance(exc, OSError):
        # the machine said no (disk full, permission denied, read-only folder): not a bug in bapascase
        reason = os_reason(exc)
        if exc.filename:
            return ExitStatus.USER, t("err.os_file", path=exc.filename, reason=reason)
        return ExitStatus.USER, t("err.os", reason=reason)
    return _internal(exc)


def _internal(exc: Exception) -> tuple[ExitStatus, str]:
    if os.environ.get("BAPASCASE_DEBUG"):
        raise exc
    # no traceback and no values: case data must not leak into terminals or logs
    return ExitStatus.INTERNAL, t("err.internal", kind=type(exc).__name__)


# a list longer than this is printed one item per line: json's indenting encoder is pure Python and took
# longer than the rest of ``list --json`` with 10,000 cases
JSON_LONG_LIST = 500


def versioned(payload: dict[str, Any]) -> dict[str, Any]:
    """A JSON document as every command gives it, on stdout or in a file: the format's version first."""
    return {"version": JSON_VERSION, "bapascase": __version__, **payload}


def print_json(ctx: Context, payload: dict[str, Any]) -> None:
    import json

    out = versioned(payload)
    # a stream that cannot write every character (an ASCII locale) gets \uXXXX escapes: the same data, exactly
    ascii_only = not speaks_unicode(ctx.env.stdout)
    if not any(isinstance(v, list) and len(v) > JSON_LONG_LIST for v in out.values()):
        ctx.env.stdout.write(clean_json(json.dumps(out, ensure_ascii=ascii_only, indent=2, default=str)) + "\n")
        return

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=ascii_only, default=str)

    parts = []
    for key, value in out.items():
        if isinstance(value, list) and len(value) > JSON_LONG_LIST:
            items = ",\n".join("    " + compact(item) for item in value)
            parts.append(f"  {compact(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {compact(key)}: {compact(value)}")
    ctx.env.stdout.write(clean_json("{\n" + ",\n".join(parts) + "\n}\n"))


def write_data(ctx: Context, data: str | bytes) -> None:
    """A document written to stdout (a calendar, a spreadsheet): on a terminal cleaned like every other print
    (``terminal.clean``); into a pipe or a file the exact bytes (an iCalendar file's lines end in CRLF)."""
    if ctx.env.stdout_isatty:
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        ctx.env.stdout.write(clean(text))
        return
    raw = getattr(ctx.env.stdout, "buffer", None)
    if isinstance(data, bytes) and raw is not None:
        ctx.env.stdout.flush()
        raw.write(data)
        raw.flush()
        return
    ctx.env.stdout.write(data.decode("utf-8") if isinstance(data, bytes) else data)


def console(ctx: Context, stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr) that shows every string as plain, cleaned text
    (``terminal.safe_console``). Every table and line a command prints through rich goes through it."""
    stream = ctx.env.stderr if stderr else ctx.env.stdout
    tty = ctx.env.stderr_isatty if stderr else ctx.env.stdout_isatty
    # piped or captured output is read in full, not squeezed into 80 columns
    width = None if tty else columns(ctx.env.environ)
    console: Console = safe_console(stream, width)
    return console



def width(ctx: Context) -> int:
    """The width ``console`` lays out for (without loading rich when the output is piped or captured)."""
    if not ctx.env.stdout_isatty:
        return columns(ctx.env.environ)
    return int(console(ctx).width)


# rich measures every cell: fine for a page of cases, seconds for a caseload of thousands
RICH_MAX_ROWS = 300


def print_table(ctx: Context, headers: list[str], rows: list[list[str]], title: str | None = None,
                whole: tuple[int, ...] = ()) -> None:
    """A table of rows: rich-rendered when short, plain aligned columns when long (fast with 10,000 rows).
    The columns in ``whole`` (a case id) are never broken across lines, even at 80 columns."""
    if len(rows) <= RICH_MAX_ROWS:
        from rich import box
        from rich.table import Table

        con = console(ctx)
        widths = column_widths(headers, rows, whole, con.width)
        if widths is None:  # not even the words fit side by side (40 columns)
            ctx.env.stdout.write(stacked(headers, rows, title, con.width))
            return
        # on a narrow terminal (80 columns) the borders give way before the words do
        narrow = sum(widths) + 3 * len(headers) + 1 > con.width
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
                      padding=(0, 0) if narrow else (0, 1), show_edge=not narrow)
        for i, h in enumerate(headers):
            table.add_column(h, no_wrap=i in whole, width=widths[i], overflow="fold")
        for r in rows:
            table.add_row(*r)
        con.print(table)
        return
    ctx.env.stdout.write(plain_table(headers, rows, title))


def column_widths(headers: list[str], rows: list[list[str]], whole: tuple[int, ...], width: int) -> list[int] | None:
    """The width of each column of a table drawn ``width`` wide (None when its words do not fit side by side).

    A column is at least as wide as its longest word, plus one (the space or comma after it), so words are wrapped
    between, never cut ("Monitoring/wajib"); a column in ``whole`` (a case id) as its widest cell. Where that does
    not fit, the borders give way first (three columns a column with them, one without), then the longest words
    are folded, to no column narrower than 12. What is left is shared out (``_share``)."""
    n = len(headers)
    columns = [[h, *(r[i] for r in rows)] for i, h in enumerate(headers)]
    natural = [max(len(c) for c in cells) for cells in columns]
    words = [natural[i] if i in whole else max([len(w) for c in cells for w in c.split()] or [1]) + 1
             for i, cells in enumerate(columns)]
    for cap in range(max(words), 11, -1):
        mins = [w if i in whole else min(w, cap) for i, w in enumerate(words)]
        for gaps in (3 * n + 1, n - 1):
            if sum(mins) <= width - gaps:
                return _share(mins, natural, width - gaps)
    return None


def _share(mins: list[int], natural: list[int], room: int) -> list[int]:
    """``mins`` with ``room`` shared out a column at a time, to the narrowest of those that still lack some of their
    ``natural`` width: short columns (a date, a name) are shown whole first, a long text takes what is left."""
    widths = list(mins)
    for _ in range(room - sum(mins)):
        lacking = [i for i, w in enumerate(widths) if w < natural[i]]
        if not lacking:
            break
        widths[min(lacking, key=lambda i: widths[i])] += 1
    return widths


def stacked(headers: list[str], rows: list[list[str]], title: str | None, width: int) -> str:
    """A table for a terminal too narrow for its columns: each row a block of "Header: value" lines wrapped at
    word boundaries, blocks a blank line apart (no word cut, no column dropped)."""
    import textwrap

    heads = [clean(h) for h in headers]
    blocks = [clean(title)] if title else []
    for r in rows:
        lines = []
        for h, cell in zip(heads, r, strict=True):
            value = " ".join(clean(cell).split())
            if value:
                lines += textwrap.wrap(f"{h}: {value}", width=max(20, width), subsequent_indent="  ",
                                       break_long_words=False, break_on_hyphens=False)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def plain_table(headers: list[str], rows: list[list[str]], title: str | None = None) -> str:
    """The text of a long table: every cell cleaned (``terminal.clean``), columns two spaces apart and padded to
    their widest cell, no space at the end of a line. Each row is one ``str.format`` (thousands of rows)."""
    n = len(headers)
    if any(len(r) != n for r in rows):
        raise ValueError("print_table: a row has more or fewer cells than there are headers")
    # the rows whose cells are all safe text as they are are taken whole: one check of all of them when they are
    try:
        whole: str | None = "".join(["".join(r) for r in rows])  # a cell that is not text: TypeError
    except TypeError:
        whole = None
    if whole is None or not is_clean(whole):
        rows = [r if all(isinstance(c, str) for c in r) and is_clean("".join(r)) else [clean(c) for c in r]
                for r in rows]
    headers = [clean(h) for h in headers]
    widths = [max(len(h), max(map(len, col), default=0)) for h, col in zip(headers, zip(*rows, strict=True) if rows
                                                                       else [()] * n, strict=True)]
    # "{:<w}" pads as str.ljust does; the last column is not padded (the end of the line is stripped anyway)
    fmt = "  ".join([*(f"{{:<{w}}}" for w in widths[:-1]), "{}"])
    lines = [clean(title)] if title else []
    lines += [fmt.format(*headers).rstrip(), fmt.format(*("-" * w for w in widths)).rstrip()]
    lines += [fmt.format(*r).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


# a job this small ends before a bar would be read: no bar
PROGRESS_MIN = 20


@contextlib.contextmanager
def progress(ctx: Context, description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback ``(done, total)`` for long work (import, ``report --all``, ``check``, ``sync``): a rich
    bar on stderr when stderr is a terminal and the job has at least ``PROGRESS_MIN`` steps, erased when done;
    nothing at all when piped or captured, so scripts read exactly what they read before."""
    if not ctx.env.stderr_isatty:
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # the safe console (terminal.safe_console): a description is shown as plain, cleaned text
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=console(ctx, stderr=True), transient=True)
    task: list[Any] = []

    def update(done: int, total: int) -> None:
        if not task:
            if total < PROGRESS_MIN:
                return
            bar.start()
            task.append(bar.add_task(description, total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            bar.stop()


@contextlib.contextmanager
def status(ctx: Context) -> Iterator[Callable[[str], None]]:
    """A spinner with a line saying what is being done, for work that has steps but no count (``sync``); on a
    terminal only, erased when done. An empty text takes it away until the next step (before a question is
    asked: a spinner drawn over a prompt would hide it)."""
    if not ctx.env.stderr_isatty:
        yield lambda text: None
        return
    # the safe console: a step's text (a remote's name, a file's) is shown as plain, cleaned text
    shown = console(ctx, stderr=True).status("")
    running: list[bool] = []

    def say(text: str) -> None:
        if not text:
            if running:
                shown.stop()
                running.clear()
            return
        shown.update(text)
        if not running:
            shown.start()
            running.append(True)

    try:
        yield say
    finally:
        say("")


def table_date(ctx: Context, value: Any) -> str:
    """A date in a table, always in one style ("29 Nov 2026"); empty for none."""
    from bapascase.model.text import short_date

    return short_date(value, ctx.lang) if value else ""


def out(ctx: Context, text: str) -> None:
    write_line(ctx.env.stdout, text)


def err(ctx: Context, text: str) -> None:
    write_line(ctx.env.stderr, text)


def warn(ctx: Context, problems: list[Any]) -> None:
    """Warnings (``Problem``s that do not stop anything), one line each on stderr: ``Peringatan: path:line: ...``."""
    for problem in problems:
        err(ctx, t("kbd.warning", problem=problem.render()))


def answers_option() -> Any:
    return typer.Option(None, "--answers", help=t("opt.answers"), metavar="FILE")


def no_input_option() -> Any:
    return typer.Option(False, "--no-input", help=t("opt.no_input"))


def json_option() -> Any:
    return typer.Option(False, "--json", help=t("opt.json"))


def case_argument() -> Any:
    from bapascase.cli.completion import case_ids, completes

    return typer.Argument(..., help=t("arg.case"), metavar="CASE", autocompletion=completes(case_ids))


def officer_option(help_key: str = "opt.officer", flag: str = "--officer", required: bool = False) -> Any:
    from bapascase.cli.completion import completes, officers

    return typer.Option(... if required else None, flag, help=t(help_key), metavar="OFFICER",
                        autocompletion=completes(officers))
