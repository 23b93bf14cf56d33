"""``export``: the caseload as a spreadsheet (CSV, XLSX) or JSON, one row per case with its derived fields (the
index's summary, ``model.derive``) or one row per recorded entry.

Columns are the summary's own fields, flattened (``sentence.sentence_years``, ``hours.done``), so a fact the
derivations gain tomorrow is a column tomorrow. ``--anonymize`` is exactly the reports' anonymisation
(``reports.anonymize`` over the validated documents, then the same ``records``/``derive`` path): initials for the
client, no NIK, phone or exact address, relations instead of family names.

CSV: a text cell starting with ``=``, ``+``, ``-``, ``@`` (their full-width forms too), also after leading white
space (spaces, tabs, line breaks: a spreadsheet may trim them on import), or with a tab or carriage return, gets a
leading apostrophe, so no spreadsheet runs it as a formula. XLSX: dates as dates, numbers as numbers, text always
as text (never a formula), the header row frozen and filterable. A column is a date column only when every value
in it is a real date a spreadsheet can show (``date_columns``): text that merely looks like one ("2026-02-30" as an
offence) stays text, and so does the rest of its column.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bapascase.store.casebook import Casebook

FORMATS = ("csv", "xlsx", "json")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and the full-width = + - @
_BLANK_START = ("\t", "\r")


def flatten(summary: Mapping[str, Any]) -> dict[str, Any]:
    """One row: scalars as they are, a list of plain values joined with "; ", a mapping one level down as
    ``key.sub``; what is deeper (lists of records) is left to the JSON export."""
    row: dict[str, Any] = {}
    for key, value in summary.items():
        if isinstance(value, Mapping):
            for sub, v in value.items():
                if _plain(v):
                    row[f"{key}.{sub}"] = _iso(v)
        elif isinstance(value, list | tuple):
            if all(_plain(v) for v in value):
                row[key] = "; ".join("" if v is None else str(_iso(v)) for v in value)
        elif _plain(value):
            row[key] = _iso(value)
    return row


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def _plain(v: Any) -> bool:
    return v is None or isinstance(v, str | int | float | bool | dt.date)


def anonymized_summary(book: Casebook, case_id: str, today: dt.date, lang: str) -> dict[str, Any]:
    """The case's summary made from its anonymised documents (the reports' mechanism)."""
    from bapascase.reports.anonymize import anonymize_docs
    from bapascase.reports.context import Entry, load_entries, summary_of
    from bapascase.reports.scores import score_tables

    entries = load_entries(book, case_id)
    scores = [score_tables(book, e.doc, lang) for e in entries.get("assessment", [])]
    risk = [s.category for per in scores for s in per if s.instrument.startswith("rri") and s.category]
    docs = anonymize_docs({s: [e.doc for e in items] for s, items in entries.items()}, lang)
    anon = {s: [Entry(e.stage, e.path, d) for e, d in zip(items, docs[s], strict=True)]
            for s, items in entries.items()}
    import warnings

    with warnings.catch_warnings():  # a withheld birth date is a placeholder text where a date was: intended
        warnings.simplefilter("ignore", UserWarning)
        summary = summary_of(book, case_id, anon, today, risk)
    summary["initials"] = summary["name"]  # the name is already the initials (the client's label)
    return summary


def case_rows(book: Casebook, cases: Sequence[Mapping[str, Any]], today: dt.date, lang: str, anonymize: bool
              ) -> list[dict[str, Any]]:
    if anonymize:
        return [flatten(anonymized_summary(book, str(s["id"]), today, lang)) for s in cases]
    return [flatten(s) for s in cases]


def entry_rows(book: Casebook, cases: Sequence[Mapping[str, Any]], lang: str, anonymize: bool
               ) -> list[dict[str, Any]]:
    """One row per recorded document: its case, stage, file, date and kind (an event's kind, a report's
    attendance); the initials, never the name, when anonymised."""
    from bapascase.reports.context import load_entries

    rows = []
    for s in cases:
        entries = load_entries(book, str(s["id"]))
        for stage, items in entries.items():
            for e in items:
                kind = getattr(e.doc, "kind", None)
                wl = getattr(e.doc, "wajib_lapor", None)
                if kind is None and wl is not None:
                    kind = getattr(wl, "status", None)
                rows.append({
                    "id": s["id"],
                    "initials": s.get("initials"),
                    **({} if anonymize else {"name": s.get("name")}),
                    "officer": s.get("officer"),
                    "stage": stage,
                    "file": e.path,
                    "date": e.date.isoformat() if e.date else None,
                    "kind": getattr(kind, "value", kind),
                })
    return rows


def columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols)


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and (value.startswith(_BLANK_START) or value.lstrip().startswith(_FORMULA_START)):
        return "'" + value
    return value


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    import csv

    cols = columns(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in cols])
    for r in rows:
        writer.writerow([_csv_cell(r.get(c)) for c in cols])
    return buf.getvalue()


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        # a control character (an ESC in a file written before the models refused them) has no place in a CSV
        # that ``export`` prints on the terminal: shown by its stand-in, as in the spreadsheet (``to_xlsx``)
        from bapascase.terminal import clean

        return neutralise(clean(v))
    return neutralise(v)


# the first day from which Excel's day numbers and the calendar agree (Excel counts a 29 February 1900 that never
# was); an earlier day is no date a spreadsheet can show, so it stays text
_XLSX_FIRST_DAY = dt.date(1900, 3, 1)


def _xlsx_date(v: Any) -> dt.date | None:
    """``v`` as the date it spells (``YYYY-MM-DD``, a real day Excel can show), else None."""
    if not isinstance(v, str) or not _ISO_DATE.match(v):
        return None
    try:
        day = dt.date.fromisoformat(v)
    except ValueError:  # "2026-02-30", "2026-13-01": looks like a date, is not one
        return None
    return day if day >= _XLSX_FIRST_DAY else None


def date_columns(rows: Sequence[Mapping[str, Any]], cols: Sequence[str]) -> set[str]:
    """The columns every filled cell of which is a real date: only these are written as dates, so a column never
    mixes dates with text that merely looks like one."""
    found = set()
    for name in cols:
        values = [r.get(name) for r in rows]
        filled = [v for v in values if v is not None and v != ""]
        if filled and all(_xlsx_date(v) is not None for v in filled):
            found.add(name)
    return found


# Excel's most in one sheet: rows (the header's among them) and columns; openpyxl refuses a row beyond (an error
# that would end the export as an internal one) and writes a column beyond, which Excel then cannot open
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLS = 16_384

# Excel's most in one cell: 32,767 characters as Excel counts them (UTF-16 code units: an emoji is two)
XLSX_CELL_MAX = 32767
XLSX_CUT = "\u2026"  # "…" ends a text cut to fit


def xlsx_text(value: Any) -> str:
    """A text cell's value: control characters by their stand-ins (a NUL in an imported name: Excel refuses the
    file, openpyxl raises) and no character XML cannot hold (``reports.xmltext``); a text longer than a cell holds
    cut to fit with a visible "…" (openpyxl would cut it silently, counting code points, so a text of emoji would
    still be too long for Excel); the JSON export keeps the whole text."""
    from bapascase.reports.xmltext import xml_text

    text = xml_text(value)
    if len(text) * 2 <= XLSX_CELL_MAX or len(text.encode("utf-16-le")) // 2 <= XLSX_CELL_MAX:
        return text
    room = XLSX_CELL_MAX - len(XLSX_CUT)
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1  # a character beyond the BMP is two units
        if units > room:
            return text[:i] + XLSX_CUT
    return text  # not reached: the text was longer than a cell


def to_xlsx(rows: Sequence[Mapping[str, Any]], target: Path, sheet: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from bapascase.store.atomic import atomic_write

    cols = columns(rows)
    if len(rows) + 1 > XLSX_MAX_ROWS or len(cols) > XLSX_MAX_COLS:  # before any work: nothing is written
        from bapascase.errors import UserError

        raise UserError("export.err.xlsx_too_big", rows=len(rows), cols=len(cols), max_rows=XLSX_MAX_ROWS - 1,
                        max_cols=XLSX_MAX_COLS)
    dates = date_columns(rows, cols)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    for j, name in enumerate(cols, 1):
        cell = ws.cell(row=1, column=j)
        cell.value = xlsx_text(name)
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, 2):
        for j, name in enumerate(cols, 1):
            v = r.get(name)
            cell = ws.cell(row=i, column=j)
            day = _xlsx_date(v) if name in dates else None
            if day is not None:
                cell.value = day
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(v, bool | int | float) or v is None:
                cell.value = v
            else:
                cell.value = xlsx_text(v)  # no control character, no more than a cell holds
                cell.data_type = "s"  # text stays text: "=1+1" is never a formula
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(cols)))}{len(rows) + 1}"
    for j, name in enumerate(cols, 1):
        width = max([len(name)] + [len(str(r.get(name) or "")) for r in rows[:200]])
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, width + 2))
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(target, buf.getvalue())
