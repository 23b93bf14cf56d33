"""``export``: one row per case (as many as ``list``) or per entry, CSV safe from formula injection, XLSX typed
with a frozen, filtered header, JSON; anonymised exports scanned for every identifier of every client."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from bapascase.reports.export import neutralise, to_csv
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.stage_helpers import demo_book

TODAY = dt.date(2026, 11, 30)


def _rows_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _exported_with_offence(tmp_path: Path, offence: str) -> tuple[Path, dict[str, str]]:
    """A copy of the demo casebook whose client BZG's offence is written as ``offence`` (YAML), and BZG's row of
    ``export --format csv``."""
    root = demo_book(tmp_path).root
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("offence: Pembunuhan", f"offence: {offence}"),
                    encoding="utf-8")
    r = invoke(["export", "--format", "csv"], casebook=root, today=TODAY)
    assert_clean_exit(r, 0)
    return root, next(x for x in _rows_csv(r.stdout) if x["id"] == "2025-bzg-k7m2p")


def _list_count(*flags: str) -> int:
    r = invoke(["list", "--json", *flags], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    data = json.loads(r.stdout)
    return len(data["cases"])


@pytest.mark.parametrize("flags", [(), ("--all",), ("--officer", "Budi")])
def test_row_counts_equal_list(flags: tuple[str, ...]) -> None:
    r = invoke(["export", "--format", "csv", *flags], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    rows = _rows_csv(r.stdout)
    assert len(rows) == _list_count(*flags)
    r = invoke(["export", "--format", "json", *flags], casebook=ROOT, today=TODAY)
    assert json.loads(r.stdout)["count"] == len(rows)


def test_columns_are_the_derived_fields() -> None:
    r = invoke(["export", "--format", "json", "--all"], casebook=ROOT, today=TODAY)
    rows = json.loads(r.stdout)["rows"]
    bzg = next(x for x in rows if x["id"] == "2025-bzg-k7m2p")
    listed = json.loads(invoke(["list", "--json", "--all"], casebook=ROOT, today=TODAY).stdout)["cases"]
    lb = next(x for x in listed if x["id"] == "2025-bzg-k7m2p")
    for key in ("stage", "supervision", "end", "days_left", "next_report_due", "absent_streak", "programme"):
        assert bzg[key] == lb[key], key
    assert bzg["sentence.sentence_years"] == 12


def test_entries_one_row_per_document(tmp_path: Path) -> None:
    r = invoke(["export", "--format", "csv", "--entries", "--all"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    rows = _rows_csv(r.stdout)
    files = [p for p in (ROOT / "cases").rglob("*.yaml")]
    assert len(rows) == len(files)
    assert {r["file"] for r in rows} == {p.relative_to(ROOT).as_posix() for p in files}


def test_xlsx_is_typed_frozen_and_filtered(tmp_path: Path) -> None:
    target = tmp_path / "kasus.xlsx"
    r = invoke(["export", "--format", "xlsx", "-o", str(target), "--all"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    assert ws.max_row - 1 == _list_count("--all")
    col = {name: i for i, name in enumerate(header)}
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[col["id"]] == "2025-bzg-k7m2p")
    assert isinstance(row[col["end"]], dt.datetime) and row[col["end"]].date() == dt.date(2028, 12, 30)
    assert isinstance(row[col["days_left"]], int)
    assert row[col["nik"]] == "1271011503840003"  # an id number stays text, never a number
    r = invoke(["export", "--format", "xlsx"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 1)


def test_formula_injection_is_neutralised(tmp_path: Path) -> None:
    hostile = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "aman"]
    assert [neutralise(v) for v in hostile] == ["'" + v for v in hostile[:5]] + ["aman"]
    text = to_csv([{"id": "x", "offence": v} for v in hostile] + [{"id": "y", "days_left": -5}])
    cells = [r["offence"] for r in _rows_csv(text)][:6]
    assert all(not c.startswith(("=", "+", "-", "@", "\t")) for c in cells)
    assert _rows_csv(text)[-1]["days_left"] == "-5"  # a number is a number
    # through the command, on a client whose recorded text starts with "="
    root, bzg = _exported_with_offence(tmp_path, "=cmd|' /C calc'!A0")
    assert bzg["offence"] == "'=cmd|' /C calc'!A0"
    target = tmp_path / "k.xlsx"
    assert_clean_exit(invoke(["export", "-f", "xlsx", "-o", str(target)], casebook=root, today=TODAY), 0)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(getattr(c, "data_type", None) == "s" for c in cells)


def test_control_characters_in_recorded_text_do_not_stop_the_spreadsheet(tmp_path: Path) -> None:
    """A NUL or ESC in a name (an imported CSV, a hand edit) passes ``check``; the spreadsheet shows its stand-in
    instead of ending the export in an internal error (openpyxl refuses such characters)."""
    root = demo_book(tmp_path).root
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("offence: Pembunuhan", 'offence: "Pembu\\0nuh\\ean\\x07"'),
                    encoding="utf-8")
    target = tmp_path / "k.xlsx"
    result = invoke(["export", "-f", "xlsx", "-o", str(target)], casebook=root, today=TODAY)
    assert_clean_exit(result, 0)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value and "Pembu" in str(c.value)]
    assert values == ["Pembu\u2400nuh\u241ban\u2407"]


def _identifiers() -> list[str]:
    """Every client's name (and each word of it), NIK, phone numbers, street address and family names."""
    out: list[str] = []
    for case in (ROOT / "cases").glob("*/case.yaml"):
        raw = case.read_text(encoding="utf-8")
        out += re.findall(r"nik: '?(\d{16})", raw)
        out += [re.sub(r"\D", "", p) for p in re.findall(r"phone: (.+)", raw)]
        out += [a.strip() for a in re.findall(r"^  address: (.+)$", raw, re.M)]
        name = re.search(r"^  name: (.+)$", raw, re.M)
        assert name is not None
        out += [w for w in name.group(1).split() if len(w) > 3 and w not in ("binti", "Contoh")]  # demo officers are "Contoh" too
        out += [n.strip() for n in re.findall(r"^  - relation: \w+\n    name: (.+)$", raw, re.M)]
    return [x for x in out if x]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("entries", [False, True])
def test_anonymised_exports_carry_no_identifier(tmp_path: Path, fmt: str, entries: bool) -> None:
    target = tmp_path / f"anon.{fmt}"
    args = ["export", "--format", fmt, "--anonymize", "--all", "-o", str(target)]
    r = invoke([*args, *(["--entries"] if entries else [])], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(target).active
        assert ws is not None
        text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    else:
        text = target.read_text(encoding="utf-8")
    ids = _identifiers()
    assert len(ids) > 10
    digits = re.sub(r"\D", "", text)
    for x in ids:
        if x.isdigit():
            assert x not in digits, x
        else:
            assert x not in text, x
    assert "BZG" in text
    assert r.stderr == ""


def test_text_that_looks_like_a_date_stays_text_in_the_spreadsheet(tmp_path: Path) -> None:
    """A column is written as dates only when every value in it is a real date: "2026-02-30" as an offence (or a
    day before Excel's first) stays text, and so does the rest of its column, instead of an internal error."""
    from bapascase.reports.export import date_columns

    rows: list[dict[str, object]] = [
        {"a": "2026-02-28", "b": "2026-02-30", "c": "2026-01-01", "d": "1899-12-31", "e": None},
        {"a": None, "b": "2026-03-01", "c": "Pembunuhan", "d": "2026-01-01", "e": "2026-13-01"},
        {"a": "2028-12-30", "b": "", "c": "2026-01-02", "d": "2026-01-01", "e": ""},
    ]
    assert date_columns(rows, ["a", "b", "c", "d", "e"]) == {"a"}
    root = demo_book(tmp_path).root
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("offence: Pembunuhan", 'offence: "2026-02-30"'),
                    encoding="utf-8")
    target = tmp_path / "k.xlsx"
    result = invoke(["export", "-f", "xlsx", "-o", str(target), "--all"], casebook=root, today=TODAY)
    assert_clean_exit(result, 0)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    rows_out = list(ws.iter_rows(min_row=2))
    offences = [r[col["offence"]] for r in rows_out if r[col["offence"]].value is not None]
    assert "2026-02-30" in [c.value for c in offences]
    assert all(c.data_type == "s" and isinstance(c.value, str) for c in offences)  # the whole column is text
    ends = [r[col["end"]].value for r in rows_out if r[col["end"]].value is not None]
    assert ends and all(isinstance(v, dt.datetime) for v in ends)  # a real date column stays dates


def test_formula_injection_after_leading_white_space_is_neutralised(tmp_path: Path) -> None:
    """A spreadsheet may trim leading spaces, tabs and line breaks when it reads a CSV: a formula behind them (or
    behind a full-width sign) is made inert as well; a number, and text that only contains a sign, stay as they
    are."""
    hostile = [" =1+1", "  +1+1", "\n-2+3", "\r\n@SUM(A1)", "\u00a0=HYPERLINK(\"http://x\")", "\u3000=1",
               "\uff1dSUM(A1)", " \t \uff0b1", "\x0b=1", "\r=1"]
    assert [neutralise(v) for v in hostile] == ["'" + v for v in hostile]
    assert [neutralise(v) for v in ["a = b", "aman", " aman", "", -5, 2.5]] == ["a = b", "aman", " aman", "", -5, 2.5]
    text = to_csv([{"id": "x", "offence": v} for v in hostile])
    for cell in [r["offence"] for r in _rows_csv(text)]:  # a control is shown by its stand-in ("\u240b=1")
        assert not cell.lstrip().startswith(("=", "+", "-", "@", "\uff1d", "\uff0b")), repr(cell)
    _root, bzg = _exported_with_offence(tmp_path, '"\\t =cmd|\' /C calc\'!A0"')
    assert bzg["offence"].startswith("'") and bzg["offence"].lstrip("' \t").startswith("=cmd")


def test_a_text_longer_than_a_spreadsheet_cell_is_cut_visibly(tmp_path: Path) -> None:
    """Excel holds at most 32,767 characters (UTF-16 units: an emoji is two) in a cell: a longer text is cut to
    fit and ends in "…" (openpyxl would cut it silently, counting code points); the JSON export keeps it whole."""
    from bapascase.reports.export import XLSX_CELL_MAX, to_xlsx, xlsx_text

    for fits in ("x" * XLSX_CELL_MAX, "a" + "\U0001f600" * 16383):
        assert xlsx_text(fits) == fits
    for text in ("x" * 40000, "\U0001f600" * 20000, "a" + "\U0001f600" * 16384, "\x00" * 40000):
        cut = xlsx_text(text)
        assert cut.endswith("\u2026") and len(cut.encode("utf-16-le")) // 2 <= XLSX_CELL_MAX, len(cut)
        assert len(cut.encode("utf-16-le")) // 2 >= XLSX_CELL_MAX - 2
    target = tmp_path / "long.xlsx"
    to_xlsx([{"id": "x", "offence": "\U0001f600" * 20000, "officer": "y" * 40000}], target, "Kasus")
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    for value in (ws["B2"].value, ws["C2"].value):
        assert isinstance(value, str) and value.endswith("\u2026")
        assert len(value.encode("utf-16-le")) // 2 <= XLSX_CELL_MAX
    root = demo_book(tmp_path).root
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("offence: Pembunuhan", "offence: " + "P" * 40000),
                    encoding="utf-8")
    result = invoke(["export", "-f", "xlsx", "-o", str(tmp_path / "k.xlsx")], casebook=root, today=TODAY)
    assert_clean_exit(result, 0)
    ws = openpyxl.load_workbook(tmp_path / "k.xlsx").active
    assert ws is not None
    assert [len(str(c.value)) for row in ws.iter_rows() for c in row if str(c.value).startswith("PPP")] == [32767]
    r = invoke(["export", "-f", "json"], casebook=root, today=TODAY)
    assert "P" * 40000 in r.stdout


def test_characters_xml_cannot_hold_do_not_stop_the_spreadsheet(tmp_path: Path) -> None:
    """U+FFFE and U+FFFF pass ``check`` (they are no controls) but an XLSX is XML, which has no place for them
    (openpyxl raises): each is shown as U+FFFD instead of ending the export in an internal error."""
    root = demo_book(tmp_path).root
    case = root / "cases" / "2025-bzg-k7m2p" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("offence: Pembunuhan", 'offence: "Pem\\uFFFEbunuhan\\uFFFF"'),
                    encoding="utf-8")
    for extra in (["--entries"], []):
        target = tmp_path / "k.xlsx"
        result = invoke(["export", "-f", "xlsx", "-o", str(target), *extra], casebook=root, today=TODAY)
        assert_clean_exit(result, 0)
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    assert [c.value for row in ws.iter_rows() for c in row if "Pem" in str(c.value)] == ["Pem\ufffdbunuhan\ufffd"]


def test_more_rows_or_columns_than_a_sheet_holds_is_one_clear_error(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An office's every entry can be more rows than Excel's 1,048,576 (openpyxl raises: an internal error) and
    a sheet holds 16,384 columns (openpyxl writes more: a file Excel cannot open). Either is one line on stderr
    naming the way out (csv, json), and no file is written."""
    from bapascase.reports import export as ex

    target = tmp_path / "k.xlsx"
    monkeypatch.setattr(ex, "XLSX_MAX_ROWS", 4)  # the header and three rows
    r = invoke(["export", "-f", "xlsx", "-o", str(target), "--all"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 1)
    assert r.stderr.count("\n") == 1 and "csv" in r.stderr and "3" in r.stderr
    assert not target.exists()
    monkeypatch.setattr(ex, "XLSX_MAX_ROWS", 1_048_576)
    monkeypatch.setattr(ex, "XLSX_MAX_COLS", 5)
    r = invoke(["export", "-f", "xlsx", "-o", str(target), "--all"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 1)
    assert not target.exists()
    monkeypatch.setattr(ex, "XLSX_MAX_COLS", 16_384)
    assert_clean_exit(invoke(["export", "-f", "xlsx", "-o", str(target), "--all"], casebook=ROOT, today=TODAY), 0)
    assert target.exists()
