"""Rendering a report: data (``context``) + templates (``env``) -> text, pictures, files.

Template problems (a typo under StrictUndefined, a syntax error, a sandbox refusal) become one ``UserError``
naming the template file and line; no traceback, no case data.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model.meta import enum_label
from bapascase.model.text import long_date, money, roman
from bapascase.reports import context
from bapascase.reports.xmltext import xml_text
from bapascase.store.casebook import Casebook
from bapascase.terminal import clean


@dataclass
class Rendered:
    text: str
    report: context.Report
    pictures: dict[str, context.Picture] = field(default_factory=dict)  # written beside a Markdown file
    dropped: list[str] = field(default_factory=list)  # pictures left out (Markdown to stdout)

    @property
    def notices(self) -> list[str]:
        """What the officer should know about this report (a setting a signature needs, a draft Litmas)."""
        return list(self.report.notices)


def template_globals(report: context.Report) -> dict[str, Any]:
    lang = report.lang

    def tr(key: str, **kw: Any) -> str:
        return t(key, lang, **kw)

    def date(value: Any, weekday: bool = False) -> str:
        return long_date(value, lang, weekday) if value is not None else ""

    def label(value: Any) -> str:
        return "" if value is None else enum_label(value, lang)

    def rating(value: Any) -> str:
        from bapascase.model.monitoring import rating_label

        return f"{value} ({rating_label(value, lang)})" if value is not None else ""

    def fmt_money(value: Any) -> str:
        return money(value) if value is not None else ""

    def title(path: str) -> str:
        return context.title(path, lang)

    def short_title(doc_name: str) -> str:
        return context.short_title(doc_name, lang)

    from bapascase.reports.env import hashes

    def labels(values: Any) -> list[str]:
        """Each choice of a list in the report language (a letter's grounds)."""
        return [label(v) for v in values or ()]

    return {"r": report, "t": tr, "date": date, "label": label, "labels": labels, "rating": rating,
            "money": fmt_money, "roman": roman, "hashes": hashes, "title": title, "short_title": short_title}


def template_location(exc: BaseException) -> tuple[str, int | None]:
    """The template file and line an error happened in (the innermost template frame of the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or "?", exc.lineno
    where: tuple[str, int | None] = ("?", None)
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = (name, tb.tb_lineno)
        tb = tb.tb_next
    return where


def error_message(exc: BaseException) -> str:
    """What went wrong in a template, in the user's words (``template_errors``)."""
    from bapascase.reports.template_errors import template_message

    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.message:
        return template_message(exc.message)
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return template_message(text[:200])


def render(
    book: Casebook,
    case_id: str,
    kind: str,
    fmt: str,
    lang: str,
    today: dt.date,
    anonymize: bool = False,
    picture_stem: str | None = None,
    event: str | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    date: dt.date | None = None,
) -> Rendered:
    """Render one report. For Markdown, ``picture_stem`` names the SVG files linked beside it (none: no pictures).
    ``event``: the event a warning or revocation report prints; ``period_from``/``period_to``: the period of a
    progress report."""
    report = context.build(book, case_id, kind, fmt, lang, today, anonymize, event, period_from, period_to, date)
    tfmt = "md" if fmt == "md" else "html"
    dropped: list[str] = []
    if tfmt == "md":
        for name, pic in list(report.pictures.items()):
            if picture_stem:
                from urllib.parse import quote

                pic.file = f"{picture_stem}-{name}.svg"
                pic.href = quote(pic.file)
            else:
                dropped.append(name)
                del report.pictures[name]
    env = _env(tfmt, book.templates_dir)
    # one template per kind serves every format; a casebook may still keep one of its own per format
    names = [f"{kind}.{tfmt}.j2", f"{kind}.j2"]
    name = names[-1]
    try:
        text = _render_limited(env, names, template_globals(report))
    except jinja2.TemplatesNotFound:
        raise UserError("rpt.err.template_missing", name=name) from None
    except jinja2.TemplateNotFound as exc:
        raise UserError("rpt.err.template_missing", name=str(exc.name or name)) from None
    except Exception as exc:  # any failure inside a template is located in it
        if isinstance(exc, UserError):
            raise
        file, line = template_location(exc)
        if file == "?" and not isinstance(exc, jinja2.TemplateError):
            raise
        raise UserError("rpt.err.template", file=file, line=line or "?", message=error_message(exc)) from None
    pictures: dict[str, context.Picture] = {}
    text = clean(text)  # no control, bidi or invisible characters in a report (terminal.clean)
    if tfmt == "md":
        text = _tidy_md(text)
        # only the pictures the template links are written beside the report
        pictures = {n: p for n, p in report.pictures.items() if p.file and f"]({p.href})" in text}
    else:
        text = _tidy_html(text)
    return Rendered(text, report, pictures, dropped)


def _render_limited(env: jinja2.Environment, names: list[str], values: dict[str, Any]) -> str:
    """The template's text. A sandboxed environment (a casebook's own templates) renders under ``env.LIMITS``:
    out of time, output or memory ends with one clear error naming the limit."""
    from bapascase.reports import env as envs

    if not isinstance(env, envs.ReportSandbox):
        return str(env.select_template(names).render(values))
    limits = envs.LIMITS
    try:
        with envs.limited(limits):
            template = env.select_template(names)
            parts: list[str] = []
            size = 0
            for chunk in template.generate(values):
                size += len(chunk)
                if size > limits.output_chars:
                    raise envs.LimitExceeded("output")
                parts.append(chunk)
            return "".join(parts)
    except envs.LimitExceeded as exc:
        raise UserError(f"sec.limit_{exc.what}", seconds=f"{limits.seconds:g}",
                        mb=max(1, limits.output_chars // (1024 * 1024)),
                        memory=max(1, limits.memory_bytes // (1024 * 1024))) from None
    except MemoryError:
        raise UserError("sec.limit_memory", memory=max(1, limits.memory_bytes // (1024 * 1024))) from None


_ENVS: dict[tuple[str, str], jinja2.Environment] = {}


def _env(fmt: str, templates_dir: Path) -> jinja2.Environment:
    """One environment per format and casebook in a process (``--all`` renders many cases with it)."""
    from bapascase.reports.env import make_env

    key = (fmt, str(templates_dir))
    if key not in _ENVS:
        _ENVS[key] = make_env(fmt, templates_dir)
    return _ENVS[key]


def _tidy_md(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline (clean CommonMark)."""
    lines = [ln.rstrip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:
        if not ln and out and not out[-1]:
            continue
        out.append(ln)
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out).rstrip("\n") + "\n"


_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL | re.IGNORECASE)


def _tidy_html(text: str) -> str:
    """No blank lines (the layout macros leave some) except inside ``<pre>``, where they are content."""
    parts = _PRE.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = "\n".join(ln for ln in parts[i].split("\n") if ln.strip())
    return "".join(parts).rstrip("\n") + "\n"


def default_name(case_id: str, kind: str, fmt: str, today: dt.date, anonymize: bool = False) -> str:
    """``litmas-2026-11-29.html``; an anonymised copy of a kind that is normally named gets its own name
    (``litmas-anonim-2026-11-29.html``), so saving one never overwrites the other."""
    from bapascase.reports import ALWAYS_ANONYMOUS

    tag = "-anonim" if anonymize and kind not in ALWAYS_ANONYMOUS else ""
    return f"{kind}{tag}-{today.isoformat()}.{fmt}"


def write_outputs(rendered: Rendered, target: Path, fmt: str) -> list[Path]:
    """Write the report (and, for Markdown, its SVG pictures beside it) atomically. Returns the files written.
    Every file is checked first (``check_output``), so nothing is written when one of them is refused."""
    from bapascase.store.atomic import atomic_write, check_output

    pictures = [(target.parent / pic.file, pic.svg) for pic in rendered.pictures.values() if pic.file]
    for path in (target, *(p for p, _ in pictures)):
        check_output(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "pdf":
        from bapascase.reports.pdf import print_pdf

        print_pdf(rendered.text, target)
        written.append(target)
        return written
    atomic_write(target, rendered.text)
    written.append(target)
    for path, svg_text in pictures:
        atomic_write(path, xml_text(svg_text))  # an SVG file is XML: no U+FFFE either (reports.xmltext)
        written.append(path)
    return written
