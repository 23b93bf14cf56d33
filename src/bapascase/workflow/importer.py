"""``import FILE``: many intakes at once, from a spreadsheet (CSV or XLSX) or a YAML/JSON list of case documents.

Spreadsheets are read the way offices write them:
- one row per client, one column per field of the intake (``case``) model; a header is the field's Indonesian or
  English title as ``import --template`` writes it ("Nama lengkap", "Keluarga 1: Nama", "Full name"), or its
  dotted path (``identity.name``, ``family.0.name``); letter case, spaces and a trailing ``*`` (required) aside;
- a list of values (articles, aliases) in one cell, separated by ``;`` or line breaks;
- the delimiter (``,`` ``;`` or tab) and the encoding (UTF-8 with or without a byte-order mark, Windows-1252) are
  detected; XLSX files are read with openpyxl (the first sheet);
- a choice by its code or its label, in either language, in any letter case ("asimilasi", "Asimilasi",
  "Pembebasan Bersyarat"); money as "Rp1.200.000" or "1.200.000"; dates as 2026-03-02 or 2/3/2026.

All rows are checked first and every problem is listed as ``FILE:ROW: COLUMN: message``; if any row is wrong,
nothing is imported. A client already in the casebook (or twice in the file) is such a problem unless
``--allow-duplicate`` (or skipped with ``--skip-duplicates``), and an officer the settings do not list is one
unless added on the terminal. Importing the same file twice therefore registers nobody the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import LANGS, t
from bapascase.model import registry
from bapascase.model.bounds import LIST_ITEMS_MAX
from bapascase.model.meta import (
    ask_fields,
    enum_label,
    is_enum,
    is_model,
    is_money,
    list_item,
    title_of,
    unwrap,
    written_as_text,
)
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, initials
from bapascase.model.validation import validate
from bapascase.store.casebook import new_case_id
from bapascase.store.documents import parse_data, problems_for
from bapascase.store.textfiles import IMPORT_LIMIT, read_bytes, read_text
from bapascase.workflow.context import Context

LIST_ITEMS = 10  # members of a list of parts a spreadsheet can hold ("Keluarga 1" ... "Keluarga 10")
SPREADSHEETS = (".csv", ".tsv", ".txt", ".xlsx")
Progress = Callable[[int, int], None]


@dataclass
class Imported:
    ids: list[str]
    committed: bool
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where in the file, existing case id)


# -- columns ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    path: tuple[str | int, ...]  # ("family", 0, "name")
    titles: dict[str, str]  # the header in each language
    info: Any  # the field's FieldInfo
    required: bool

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


def _leaves(model: Any, prefix: tuple[str | int, ...] = (), chain: tuple[dict[str, str], ...] = (),
            required: bool = True) -> Iterator[tuple[tuple[str | int, ...], tuple[dict[str, str], ...], Any, bool]]:
    for name, info in ask_fields(model):
        inner, optional = unwrap(info.annotation)
        item = list_item(inner)
        titles = {lang: title_of(info, name, lang) for lang in LANGS}
        needed = required and info.is_required() and not optional
        if is_model(inner):
            yield from _leaves(inner, (*prefix, name), (*chain, titles), needed)
        elif item is not None and is_model(item) and not written_as_text(item):
            for i in range(LIST_ITEMS):
                numbered = {lang: f"{text} {i + 1}" for lang, text in titles.items()}
                yield from _leaves(item, (*prefix, name, i), (*chain, numbered), False)
        else:
            yield (*prefix, name), (*chain, titles), info, needed


def columns(model: Any) -> list[Column]:
    """Every column a spreadsheet of ``model`` documents may have, in the model's order. A header is the field's
    title, prefixed with its part's title where the title alone is not unique ("Penjamin: Alamat")."""
    leaves = list(_leaves(model))
    out = []
    for path, chain, info, required in leaves:
        titles = {}
        for lang in LANGS:
            words = [chain[-1][lang]]
            depth = 1
            while depth < len(chain) and sum(
                    1 for _, other, _, _ in leaves if [c[lang] for c in other[-len(words):]] == words) > 1:
                depth += 1
                words.insert(0, chain[-depth][lang])
            titles[lang] = ": ".join(words)
        out.append(Column(path, titles, info, required))
    return out


def _norm(header: str) -> str:
    text = header.replace("\ufeff", "").replace("\xa0", " ").strip().rstrip("*").strip().rstrip(":")
    return " ".join(text.casefold().split())


def header_map(model: Any) -> dict[str, Column]:
    """Every accepted header (normalised) -> its column: both languages' titles and the dotted path."""
    found: dict[str, Column] = {}
    cols = columns(model)
    for col in cols:
        for key in (*col.titles.values(), col.dotted):
            found.setdefault(_norm(key), col)
    # a bare title shared only with fields of listed people ("Agama" of the client and of each family member)
    # names the one field outside a list: a row is one client
    bare: dict[str, list[Column]] = {}
    for col in cols:
        if not any(isinstance(p, int) for p in col.path):
            for title in col.titles.values():
                bare.setdefault(_norm(title.rsplit(": ", 1)[-1]), []).append(col)
    for key, owners in bare.items():
        if len({c.dotted for c in owners}) == 1:
            found.setdefault(key, owners[0])
    return found


def template_columns(model: Any) -> list[Column]:
    """The template's columns: every field, a list of parts with one item."""
    return [c for c in columns(model) if not any(isinstance(p, int) and p > 0 for p in c.path)]


# -- values -------------------------------------------------------------------------------------------------------


_MONEY = re.compile(r"^(?:rp\.?\s*)?(-?[\d.,\s]+)$", re.IGNORECASE)


def _number(text: str, money: bool) -> Any:
    m = _MONEY.match(text.strip())
    if not m:
        return text
    digits = m.group(1).replace(" ", "")
    if money or re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", digits):
        digits = digits.replace(".", "").replace(",", ".")  # Indonesian: 1.200.000,50
    try:
        value = float(digits)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def _choice(tp: Any, text: str) -> Any:
    wanted = " ".join(text.casefold().split())
    for member in tp:
        names = {str(member.value), *(enum_label(member, lang) for lang in LANGS)}
        if wanted in {" ".join(n.casefold().split()) for n in names}:
            return member.value
    return text  # refused by the validation, with the choices listed


_YES = {"ya", "y", "yes", "true", "1", "benar"}
_NO = {"tidak", "t", "no", "n", "false", "0", "salah"}


def convert(info: Any, raw: Any) -> Any:
    """A cell as the field's value: choices by code or label, money and numbers, yes/no, lists in one cell.
    Anything that does not fit is passed on as written, for the validation to name."""
    inner, _ = unwrap(info.annotation)
    item = list_item(inner)
    if item is not None:
        if isinstance(raw, list):
            parts = raw
        else:
            parts = [p.strip() for p in re.split(r"[;\n]", str(raw)) if p.strip()]
        return [convert_value(item, info, p) for p in parts]
    return convert_value(inner, info, raw)


def convert_value(tp: Any, info: Any, raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw if tp is dt.date else raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and tp is str:
        return str(raw)  # a NIK or NIP a spreadsheet stored as a number
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if is_enum(tp):
        return _choice(tp, text)
    if tp is bool:
        low = text.casefold()
        return True if low in _YES else False if low in _NO else text
    if tp in (int, float):
        return _number(text, is_money(info))
    return text


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = doc
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(nxt, int) else {})
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append({})
    node[last] = value


# -- reading spreadsheets -----------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-16 with its byte-order mark (Excel's "Unicode Text"), UTF-8 (with or without one), else Windows-1252
    (what Excel writes on Windows as CSV)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: read as below
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: the one the header line uses most (outside quotes)."""
    first = text.splitlines()[0] if text else ""

    def count(d: str) -> int:
        try:
            return len(next(csv.reader([first], delimiter=d), []))
        except csv.Error:  # split by it, a cell is over the csv module's limit: not the file's separator
            return 0

    counts = {d: count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (line or row number in the file, cells)


def read_sheet(path: Path) -> Sheet:
    # read the bounded way (a regular file, at most IMPORT_LIMIT bytes: never a FIFO's wait or /dev/zero's end)
    data = read_bytes(path, IMPORT_LIMIT)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, data)
    text = decode(data)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        headers = next(reader, [])
        start = reader.line_num + 1
        for number, cells in enumerate(reader, 2):
            if number > IMPORT_MAX_ROWS:  # as many rows as a spreadsheet may hold (millions of short lines: minutes)
                raise UserError("dmg.csv_too_large", path=str(path), max_rows=IMPORT_MAX_ROWS)
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:  # a NUL byte, a field over the csv module's limit...: the file's fault, said clearly
        raise UserError("sec.csv_unreadable", path=str(path), reason=_csv_reason(exc, reader.line_num)) from None
    return Sheet(headers, rows)


# what a spreadsheet of clients can hold: far more than an office imports at once, far less than a stray cell at
# XFD1048576 makes openpyxl pad every row to (minutes, gigabytes); a CSV file holds as many rows
IMPORT_MAX_ROWS = 100_000
XLSX_MAX_COLUMNS = 1_024
# what the parts of an XLSX file (a zip) may unpack to: a few hundred kilobytes on disk can hold gigabytes of XML
XLSX_MEMBER_LIMIT = 64 * 1024 * 1024
XLSX_TOTAL_LIMIT = IMPORT_LIMIT


def _csv_reason(exc: csv.Error, line: int) -> str:
    """Why the csv module gave up, in the user's language (its own words are English): a cell over its limit
    (what an office's file runs into), else that the file is not plain CSV, at the line reached."""
    from bapascase.i18n import t

    said = str(exc)
    if "field limit" in said:
        return t("dmg.why.csv_field_limit", line=line, max=csv.field_size_limit())
    return t("dmg.why.csv_other", line=line)


def _xlsx_error(path: Path, exc: BaseException) -> UserError:
    """A workbook that cannot be read (not a zip, XML openpyxl refuses, a DOCTYPE...): one line naming it, the
    reason in the user's language (the parsers' own words are English, and say little to an officer)."""
    import zipfile

    from bapascase.i18n import t

    position = getattr(exc, "position", None)  # xml.etree's ParseError: (line, column) of the sheet's XML
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError)) or \
            type(exc).__name__ == "InvalidFileException":  # not a zip, or a zip without a workbook's parts
        reason = t("dmg.why.not_workbook")
    elif isinstance(position, tuple) and len(position) == 2:
        reason = t("dmg.why.xml_at", line=position[0], column=position[1])
    elif isinstance(exc, SyntaxError) or "Forbidden" in type(exc).__name__ or "XML" in type(exc).__name__.upper():
        reason = t("dmg.why.xml")  # defusedxml's DTDForbidden/EntitiesForbidden, expat's errors
    else:
        reason = t("dmg.why.other", kind=type(exc).__name__)
    return UserError("dmg.xlsx_unreadable", path=str(path), reason=reason)


def _check_unpacked(path: Path, data: bytes) -> None:
    """Refuse a workbook whose parts would unpack beyond ``XLSX_MEMBER_LIMIT`` each or ``XLSX_TOTAL_LIMIT`` in
    all (a zip bomb), before anything is unpacked; the sizes a part declares are the most ``zipfile`` gives."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _xlsx_error(path, exc) from None
    total = sum(i.file_size for i in infos)
    if total > XLSX_TOTAL_LIMIT or any(i.file_size > XLSX_MEMBER_LIMIT for i in infos):
        raise UserError("dmg.xlsx_unpacked", path=str(path), mb=max(1, total // (1024 * 1024)),
                        max=XLSX_MEMBER_LIMIT // (1024 * 1024))


def _read_xlsx(path: Path, data: bytes) -> Sheet:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency
        raise UserError("kbd.err.no_openpyxl") from None
    _check_unpacked(path, data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a file that is not a workbook: one line, no traceback
        raise _xlsx_error(path, exc) from None
    try:
        return _sheet_of(path, book.worksheets[0])
    except (UserError, MemoryError):
        raise
    except Exception as exc:  # XML the parser refuses (a DOCTYPE, entities, a broken tag), a cell it cannot read
        raise _xlsx_error(path, exc) from None
    finally:
        book.close()


def _sheet_of(path: Path, sheet: Any) -> Sheet:
    """The rows of a read-only worksheet, the work bounded: a sheet whose declared size (its dimension) is over
    the limits is refused before a row is read; the declared size is then set aside (it may be wrong either
    way) and the rows are read as they are written, each cut at ``XLSX_MAX_COLUMNS``, at most
    ``IMPORT_MAX_ROWS`` of them (a row beyond, even a blank one the file names, is refused)."""
    rows_declared, columns_declared = sheet.max_row or 0, sheet.max_column or 0
    if rows_declared > IMPORT_MAX_ROWS or columns_declared > XLSX_MAX_COLUMNS:
        raise _too_large(path, rows_declared, columns_declared)
    sheet.reset_dimensions()  # a dimension that says less than the rows hold must not cut them off
    rows = sheet.iter_rows(max_col=XLSX_MAX_COLUMNS + 1, values_only=True)
    first = next(rows, ())
    if len(first) > XLSX_MAX_COLUMNS and first[XLSX_MAX_COLUMNS] is not None:
        raise _too_large(path, 1, XLSX_MAX_COLUMNS + 1)
    headers = [("" if v is None else str(v)) for v in first[:XLSX_MAX_COLUMNS]]
    width = len(headers)
    out = []
    for number, values in enumerate(rows, 2):
        if number > IMPORT_MAX_ROWS:
            raise _too_large(path, number, width)
        if values.count(None) == len(values):  # a blank row (and the rows openpyxl makes for a gap)
            continue
        if len(values) > XLSX_MAX_COLUMNS and values[XLSX_MAX_COLUMNS] is not None:
            raise _too_large(path, number, XLSX_MAX_COLUMNS + 1)
        cells = ["" if v is None else v for v in values[:width]]
        if any(str(c).strip() for c in cells):
            out.append((number, cells))
    return Sheet(headers, out)


def _too_large(path: Path, rows: int, columns: int) -> UserError:
    return UserError("dmg.xlsx_too_large", path=str(path), rows=rows, columns=columns, max_rows=IMPORT_MAX_ROWS,
                     max_columns=XLSX_MAX_COLUMNS)


@dataclass
class Row:
    where: int | None  # the line (CSV) or row (XLSX) of the file; None for a YAML/JSON item
    index: int
    data: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)  # dotted path -> the header as written


def sheet_rows(path: Path, model: Any) -> list[Row]:
    """The rows of a spreadsheet as intake documents; an unknown header is an error naming it."""
    sheet = read_sheet(path)
    known = header_map(model)
    cols: list[Column | None] = []
    problems = []
    seen: dict[tuple[str | int, ...], str] = {}  # field -> the first header that names it
    for header in sheet.headers:
        if not header.strip():
            cols.append(None)
            continue
        col = known.get(_norm(header))
        if col is None:
            col = _dotted_column(model, header)
        if col is None:
            problems.append(Problem(str(path), 1, header.strip(), t("kbd.import_unknown_column")))
        elif col.path in seen:  # two columns for one field: which value is meant cannot be told (the last won)
            problems.append(Problem(str(path), 1, header.strip(), t("dmg.column_twice", first=seen[col.path])))
        else:
            seen[col.path] = header.strip()
        cols.append(col)
    if problems:
        raise DataError(problems)
    rows = []
    for i, (where, cells) in enumerate(sheet.rows):
        doc: dict[str, Any] = {}
        written: dict[str, str] = {}
        for col, header, cell in zip(cols, sheet.headers, cells, strict=False):
            if col is None or (isinstance(cell, str) and not cell.strip()) or cell is None:
                continue
            _set(doc, col.path, convert(col.info, _line_breaks(cell)))
            written[col.dotted] = header.strip().rstrip("*").strip()
        rows.append(Row(where, i, doc, written))
    return rows


# what office software puts in a cell for a break in a text: Word's line break pasted into Excel (vertical tab), a
# page break from a PDF (form feed); a line break is what they mean, not a control character to refuse the row for
_OFFICE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def _line_breaks(cell: Any) -> Any:
    return cell.translate(_OFFICE_BREAKS) if isinstance(cell, str) else cell


def _dotted_column(model: Any, header: str) -> Column | None:
    """A dotted path with any list index (``family.12.name``)."""
    words = [p for p in header.strip().split(".") if p]
    if any(p.isdigit() and (len(p) > 4 or int(p) >= LIST_ITEMS_MAX) for p in words):
        # ``family.2000000.name`` must not make two million empty family members
        raise UserError("sec.list_index", column=header.strip()[:80], max=LIST_ITEMS_MAX - 1)
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in words]
    node: Any = model
    info = None
    for part in parts:
        if isinstance(part, int):
            continue
        fields = getattr(node, "model_fields", None)
        if not fields or part not in fields:
            return None
        info = fields[part]
        inner, _ = unwrap(info.annotation)
        node = list_item(inner) or inner
    if info is None or (is_model(node) and not written_as_text(node)):
        return None
    return Column(tuple(parts), {lang: header for lang in LANGS}, info, False)


# -- the import ---------------------------------------------------------------------------------------------------


def read_rows(path: Path, model: Any) -> tuple[list[Row], str | None, str]:
    """The documents in the file, its text (for YAML line numbers) and its kind (``sheet`` or ``yaml``)."""
    if path.is_dir():
        raise UserError("err.not_a_file", path=str(path))
    if not path.exists():  # a FIFO or a device exists: the bounded read says it is no regular file
        raise UserError("err.file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix in SPREADSHEETS:
        return sheet_rows(path, model), None, "sheet"
    text = read_text(path).lstrip("\ufeff")
    data = parse_data(text, path)
    if isinstance(data, dict) and isinstance(data.get("cases"), list):
        data = data["cases"]
    if not isinstance(data, list):
        raise UserError("err.import_not_list", path=str(path))
    return [Row(None, i, row if isinstance(row, dict) else {"\x00": row}) for i, row in enumerate(data)], (
        text if suffix != ".json" else None), "yaml"


def column_of(row: Row, dotted: str, model: Any) -> str:
    """How a problem's field is named in a spreadsheet: the header as written, else the template's header."""
    if dotted in row.headers:
        return row.headers[dotted]
    plain = re.sub(r"\[(\d+)\]", r".\1", dotted)
    if plain in row.headers:
        return row.headers[plain]
    from bapascase.i18n import get_lang

    col = _column_by_dotted(model).get(plain)
    return col.titles[get_lang()] if col is not None else dotted


@functools.cache
def _column_by_dotted(model: Any) -> dict[str, Column]:
    """The columns of a model by dotted path, worked out once: naming the columns compares every field's titles
    with every other's (a tenth of a second), and each missing field of each row asked again: a CSV of 300 rows
    that name a client only took minutes to be refused."""
    found: dict[str, Column] = {}
    for col in columns(model):
        found.setdefault(col.dotted, col)
    return found


def import_cases(ctx: Context, path: Path, *, no_input: bool = False, allow_duplicate: bool = False,
                 skip_duplicates: bool = False, progress: Progress | None = None) -> Imported:
    from bapascase.store.gcpause import gc_paused

    with gc_paused():  # 10,000 rows make millions of objects, none in cycles: the collector only slowed it down
        return _import_cases(ctx, path, no_input=no_input, allow_duplicate=allow_duplicate,
                             skip_duplicates=skip_duplicates, progress=progress)


def _import_cases(ctx: Context, path: Path, *, no_input: bool, allow_duplicate: bool, skip_duplicates: bool,
                  progress: Progress | None) -> Imported:
    from bapascase.model.duplicates import Finder
    from bapascase.model.validation import dotted as dotted_path
    from bapascase.store.index import load_index
    from bapascase.workflow import officers
    from bapascase.workflow.officer import current

    book = ctx.book()
    current(ctx)  # a bad --as stops the import before any case is written
    from bapascase.workflow.commits import recover_batches

    recover_batches(ctx)  # a batch an earlier import left half placed: finished before this one is checked
    from bapascase.workflow.stages import behaviour_of

    model = registry.model_for(Stage.CASE)
    intake = behaviour_of(Stage.CASE)
    rows, text, kind = read_rows(path, model)
    if not rows:  # an empty file, a sheet with its header only: the wrong file, not "0 clients imported:"
        raise DataError([Problem(str(path), None, "", t("import.err.no_rows"))])
    prompter = ctx.prompter(no_input)
    problems: list[Problem] = []

    def problem(row: Row, dotted: str, message: str, loc: tuple[str | int, ...] = ()) -> None:
        if kind == "sheet":
            problems.append(Problem(str(path), row.where, column_of(row, dotted, model), message))
        else:
            from bapascase.model.validation import FieldError

            problems.extend(problems_for(str(path), text, [FieldError((row.index, *loc), message, False)]))

    docs: list[tuple[Row, Any]] = []
    total = len(rows)
    today = ctx.today()
    for n, row in enumerate(rows):
        if "\x00" in row.data:
            problem(row, f"[{row.index}]", t("val.doc_not_mapping"))
            continue
        row.data.pop("schema_version", None)
        row.data.setdefault("intake_date", today)
        doc, errors = validate(model, row.data)
        for e in errors:
            if kind == "sheet":
                problem(row, e.dotted, e.message)
            else:
                problems.extend(problems_for(str(path), text, [type(e)((row.index, *e.loc), e.message, e.missing)]))
        if doc is not None:  # completed as an intake is (articles tagged with the code their text tells)
            happened = intake.fact_problems(book, "", doc, today)  # a registration or an offence dated ahead
            for loc, message in happened:
                problem(row, dotted_path(loc), message, loc)
            if not happened:
                docs.append((row, intake.complete(book, "", doc)))
        if progress is not None:
            progress(n + 1, total * 2)
    # the officer of each row, as listed (a name typed without titles is the listed officer)
    asked: dict[str, dict[str, str]] = {}
    resolved: list[tuple[Row, Any]] = []
    for row, doc in docs:
        officer = doc.assignment.officer
        key = f"{officer.name}\x00{officer.nip or ''}"
        try:
            if key not in asked:
                asked[key] = officers.resolve(ctx, officer.name, officer.nip, prompter=prompter)
        except UserError as exc:
            problem(row, "assignment.officer.name", exc.render(), ("assignment", "officer", "name"))
            continue
        if officer.model_dump(mode="python") == asked[key]:  # already as listed: the document stands as validated
            resolved.append((row, doc))
            continue
        data = doc.model_dump(mode="python")
        data["assignment"]["officer"] = asked[key]
        resolved.append((row, model.model_validate(data)))
    # duplicates: against the casebook and against the rows before
    known = Finder(load_index(book))
    keep: list[tuple[Row, Any]] = []
    skipped: list[tuple[str, str]] = []
    for row, doc in resolved:
        ident = doc.identity
        found = [] if allow_duplicate else known.find(ident.nik, ident.name, ident.birth_date)
        if found:
            where = f"{path}:{row.where}" if row.where else f"{path}[{row.index}]"
            if skip_duplicates:
                skipped.append((where, found[0].case_id))
                continue
            twin = found[0]
            message = t("kbd.import_duplicate", case=twin.case_id, reason=t(f"kbd.same.{twin.reason}"))
            problem(row, "identity.nik" if twin.reason == "nik" else "identity.name", message,
                    ("identity", "nik" if twin.reason == "nik" else "name"))
            continue
        # a spreadsheet's row by its number; a YAML/JSON list's item as its problems name it ([0] is the first)
        here = t("kbd.import_row", row=row.where) if row.where else t("dmg.import_item", index=row.index)
        known.add({"id": here, "nik": ident.nik, "name": ident.name,
                   "birth_date": ident.birth_date})
        keep.append((row, doc))
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return _write(ctx, keep, progress, total, f"import: {len(keep)} cases from {path.name}", skipped)


def _write(ctx: Context, docs: list[tuple[Row, Any]], progress: Progress | None, total: int, message: str,
           skipped: list[tuple[str, str]]) -> Imported:
    """Write every case, or none (``store.batch``): all of them go into one hidden staging folder of ``cases/``,
    made durable with one sync; a journal naming them decides the batch; they are renamed into place, indexed
    (one transaction) and committed (one commit); then the journal goes. A failure before the journal places
    none; a kill after it is finished by the next writing command."""
    if not docs:
        return Imported([], False, skipped)
    from bapascase.store.batch import write_batch
    from bapascase.workflow.commits import commit_batch
    from bapascase.workflow.officer import current

    book = ctx.book()

    def step(n: int) -> None:
        if progress is not None:
            progress(total + n, total * 2)

    officer = current(ctx)
    batch = write_batch(book, [(_id_maker(ctx, doc), Stage.CASE, doc) for _row, doc in docs], message=message,
                        officer=(officer.name, officer.nip) if officer else None, step=step)
    try:
        ids = [case_id for case_id, _ in batch.cases]
        committed = commit_batch(ctx, ids, [path for _, path in batch.cases], message, batch.texts)
    except BaseException:
        batch.release()  # the journal stays: the next writing command finishes the batch
        raise
    batch.finish()
    return Imported(ids, committed, skipped)


def _id_maker(ctx: Context, doc: Any) -> Callable[[], str]:
    year = (as_date(doc.intake_date) or ctx.today()).year
    name = doc.identity.name
    return lambda: new_case_id(year, initials(name))


# -- the template -------------------------------------------------------------------------------------------------

# the template's example row: a client as a PK would register one (fictional), by dotted path
EXAMPLE: dict[str, Any] = {
    "intake_date": "2/3/2026",
    "identity.name": "Andi Saputra bin Usman", "identity.aliases": "Andi Bonar", "identity.sex": "Laki-laki",
    "identity.birth_place": "Medan", "identity.birth_date": "15/8/1992", "identity.nik": "1271011508920001",
    "identity.religion": "Islam", "identity.ethnicity": "Melayu", "identity.nationality": "Indonesia",
    "identity.education": "SMA", "identity.marital_status": "Kawin", "identity.occupation": "Buruh harian",
    "identity.address": "Jl. Melati No. 3, Kel. Sei Sikambing B, Medan Sunggal", "identity.phone": "0812-6000-4455",
    "family.0.relation": "Suami/istri", "family.0.name": "Rina Wati", "family.0.sex": "Perempuan",
    "family.0.age": "30", "family.0.occupation": "Pedagang",
    "guarantor.name": "Rina Wati", "guarantor.relation": "Suami/istri", "guarantor.occupation": "Pedagang",
    "guarantor.address": "Jl. Melati No. 3, Kel. Sei Sikambing B, Medan Sunggal", "guarantor.phone": "0813-7000-1122",
    "legal.programme": "Pembebasan Bersyarat", "legal.offence": "Pencurian dengan pemberatan",
    "legal.articles": "Pasal 363 KUHP", "legal.verdict_number": "812/Pid.B/2023/PN Mdn",
    "legal.verdict_date": "14/9/2023", "legal.court": "Pengadilan Negeri Medan", "legal.sentence_years": "3",
    "legal.sentence_months": "0", "legal.first_detained": "2/5/2023", "legal.origin_institution": "Lapas Kelas I Medan",
    "legal.register_lapas": "BI.456/2023", "legal.register_litmas": "RL.12/2026",
    "legal.sk_number": "PAS-987.PK.05.09 Tahun 2026", "legal.sk_date": "20/2/2026",
    "legal.supervision_start": "1/3/2026", "legal.expiry": "2/5/2026", "legal.supervision_end": "2/5/2027",
    "assignment.officer.name": "Sri Rahayu Contoh, S.Sos.", "assignment.officer.nip": "198001012005012001",
}


TEMPLATE_SUFFIXES = (".csv", ".xlsx")


def write_template(target: Path | None, lang: str, out: Any,
                   officer: tuple[str, str | None] | None = None) -> Path | None:
    """The import template: a header row of the fields' titles (required ones marked ``*``) and one filled
    example row. CSV with ``;`` and a byte-order mark (what Excel opens correctly in an Indonesian locale), or
    XLSX when ``target`` ends in ``.xlsx``; to ``out`` without a target. Any other file name is refused (a CSV
    written as ``t.json`` cannot be imported back). ``officer``: this casebook's PK (name, NIP) for the example
    row, so the template imports as it is."""
    if target is not None and target.suffix.lower() not in TEMPLATE_SUFFIXES:
        from bapascase.errors import UsageError

        raise UsageError("kbd.err.template_suffix", suffix=target.suffix or target.name,
                         suffixes=", ".join(TEMPLATE_SUFFIXES))
    model = registry.model_for(Stage.CASE)
    cols = template_columns(model)
    headers = [c.titles[lang] + (" *" if c.required else "") for c in cols]
    example_values = dict(EXAMPLE)
    if officer is not None:
        example_values["assignment.officer.name"] = officer[0]
        example_values["assignment.officer.nip"] = officer[1] or ""
    example = [example_values.get(c.dotted, "") for c in cols]
    if target is not None and target.suffix.lower() == ".xlsx":
        import openpyxl

        from bapascase.store.atomic import atomic_write, check_output

        check_output(target)  # never through a link, never onto a device (as ``report -o``)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = t("kbd.template_sheet", lang)
        sheet.append(headers)
        sheet.append(example)
        buffer = io.BytesIO()
        book.save(buffer)
        atomic_write(target, buffer.getvalue())
        return target
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerow(example)
    if target is None:
        out.write(text.getvalue().replace("\r\n", "\n"))
        return None
    from bapascase.store.atomic import atomic_write, check_output

    atomic_write(check_output(target), "\ufeff" + text.getvalue())
    return target
