"""Hostile spreadsheets and answers files: the work of reading them is bounded and every refusal is one line
naming the file (QA of hostile input to ``import`` and ``--answers``)."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Book, assert_clean_exit

SHEET = "xl/worksheets/sheet1.xml"


def _template(book: Book, tmp_path: Path) -> Path:
    pytest.importorskip("openpyxl")
    path = tmp_path / "templat.xlsx"
    assert_clean_exit(book.run("import", "--template", str(path)), 0)
    return path


def _rewritten(source: Path, target: Path, sheet: Callable[[str], str] = lambda x: x,
               extra: dict[str, bytes] | None = None) -> Path:
    """``source`` (an XLSX file) with its first sheet's XML changed by ``sheet`` and parts added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SHEET:
                data = sheet(data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    target.write_bytes(buffer.getvalue())
    return target


def _far_cell(ref: str, row: int, dimension: str | None) -> Callable[[str], str]:
    """A sheet with one more cell, ``ref`` on row ``row``, and its dimension said as ``dimension`` (None: none)."""

    def edit(xml: str) -> str:
        xml = xml.replace("</sheetData>", f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
                                          "</sheetData>")
        if dimension is None:
            return re.sub(r"<dimension [^>]*/>", "", xml)
        return re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)

    return edit


def _cases(book: Book) -> list[Path]:
    return [p for p in book.cases.iterdir() if not p.name.startswith(".")] if book.cases.is_dir() else []


def _import(book: Book, path: Path, seconds: float = 20) -> tuple[str, float]:
    start = time.monotonic()
    result = book.run("import", str(path), "--no-input")
    took = time.monotonic() - start
    assert_clean_exit(result, 1)
    assert took < seconds, took
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)), result.stderr
    assert not _cases(book)
    return lines[0], took


@pytest.mark.parametrize(("ref", "row", "dimension"), [
    ("XFD1048576", 1048576, "A1:XFD1048576"),  # a stray cell Excel keeps in the dimension
    ("A1048576", 1048576, "A1:CA1048576"),
    ("XFD2", 2, "A1:XFD2"),
    ("A1048576", 1048576, None),  # no dimension: the rows themselves are counted
    ("A1048576", 1048576, "A1:CA2"),  # a dimension that says less than the rows hold
], ids=["far-corner", "far-row", "far-column", "far-row-undeclared", "far-row-understated"])
def test_a_stray_far_cell_in_a_spreadsheet_is_refused_at_once(book: Book, tmp_path: Path, ref: str, row: int,
                                                              dimension: str | None) -> None:
    path = _rewritten(_template(book, tmp_path), tmp_path / "jauh.xlsx", _far_cell(ref, row, dimension))
    assert path.stat().st_size < 20_000
    line, _ = _import(book, path)
    assert "100000" in line and "1024" in line, line


def test_a_far_cell_a_dimension_hides_is_left_out_quickly(book: Book, tmp_path: Path) -> None:
    """A cell beyond every header has no column, as always; a dimension that hides it makes no row wider than
    the limit (openpyxl would pad every row to the far cell)."""
    path = _rewritten(_template(book, tmp_path), tmp_path / "jauh.xlsx", _far_cell("XFD3", 3, "A1:CA2"))
    start = time.monotonic()
    result = book.run("import", str(path), "--no-input")
    assert time.monotonic() - start < 20
    assert_clean_exit(result, 0)
    assert len(_cases(book)) == 1


def test_a_zip_bomb_spreadsheet_is_refused_before_it_is_unpacked(book: Book, tmp_path: Path) -> None:
    bomb = b"<!--" + b" " * (80 * 1024 * 1024) + b"-->"
    path = _rewritten(_template(book, tmp_path), tmp_path / "bom.xlsx", extra={"xl/bom.xml": bomb})
    assert path.stat().st_size < 200_000
    line, _ = _import(book, path, seconds=10)
    assert "64 MB" in line, line


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
    "<worksheet><sheetData><row r='1'><c r='A1'",  # cut short
], ids=["external-entity", "entity-expansion", "broken"])
def test_a_sheet_the_xml_parser_refuses_is_one_line_not_an_internal_error(book: Book, tmp_path: Path,
                                                                          xml: str) -> None:
    path = _rewritten(_template(book, tmp_path), tmp_path / "xxe.xlsx", lambda _old: xml)
    line, _ = _import(book, path)
    assert "internal" not in line.lower(), line
    if "aaaaaaaaaa" not in line:  # expat expands a few internal entities (then the header is unknown), no more
        assert "Excel" in line, line


def test_a_spreadsheet_with_blank_rows_between_clients_still_imports(book: Book, tmp_path: Path) -> None:
    """Rows left blank (and rows the file does not write at all) between clients are skipped, as before."""
    openpyxl = pytest.importorskip("openpyxl")
    template = _template(book, tmp_path)
    rows = list(openpyxl.load_workbook(template).worksheets[0].iter_rows(values_only=True))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    sheet.append(rows[1])
    second = list(rows[1])
    second[list(rows[0]).index("Nama lengkap *")] = "Siti Aminah Lubis"
    second[list(rows[0]).index("NIK")] = "1271014101900002"
    sheet.cell(row=5000, column=1)  # nothing written there
    for column, value in enumerate(second, 1):
        sheet.cell(row=40, column=column, value=value)
    path = tmp_path / "klien.xlsx"
    workbook.save(path)
    result = book.run("import", str(path), "--no-input", "--json")
    assert_clean_exit(result, 0)
    assert len(_cases(book)) == 2


# -- CSV and answers files as Windows offices write them ----------------------------------------------------------


def _csv_template(book: Book, tmp_path: Path) -> list[list[str]]:
    import csv

    path = tmp_path / "templat.csv"
    assert_clean_exit(book.run("import", "--template", str(path)), 0)
    from bapascase.workflow.importer import sniff_delimiter

    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("second", ["Nama lengkap *", "nama lengkap", "identity.name", "Full name"])
def test_a_column_written_twice_is_refused_naming_it_on_line_1(book: Book, tmp_path: Path, second: str) -> None:
    header, row = _csv_template(book, tmp_path)[:2]
    at = header.index("Nama lengkap *")
    path = _write_csv(tmp_path / "dua.csv", [[*header, second], [*row, "Orang Lain"]])
    result = book.run("import", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (f"{path}:1: {second}: kolom untuk field ini ditulis dua kali "
                                     f"(juga '{header[at]}'); hapus salah satunya"), result.stderr
    assert not _cases(book)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_text_file_from_excel_is_read(book: Book, tmp_path: Path, encoding: str) -> None:
    header, row = _csv_template(book, tmp_path)[:2]
    row = [cell.replace("Budi", "Búdi") for cell in row]
    path = tmp_path / "unicode.txt"
    data = _write_csv(tmp_path / "x.csv", [header, row], delimiter="\t").read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" + data).encode(encoding) if encoding.endswith("be") else data.encode(encoding))
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    result = book.run("import", str(path), "--no-input", "--json")
    assert_clean_exit(result, 0)
    assert len(_cases(book)) == 1


def test_a_json_answers_file_with_a_byte_order_mark_is_read(book: Book, tmp_path: Path) -> None:
    import json

    from tests.stage_helpers import answers

    case_id = book.new()
    path = tmp_path / "engage.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(answers("engage")).encode("utf-8"))
    assert_clean_exit(book.run("engage", case_id, "--answers", str(path), "--no-input"), 0)


def test_a_special_file_as_answers_or_import_is_said_to_be_no_regular_file(book: Book, tmp_path: Path) -> None:
    import os

    case_id = book.new()
    fifo = tmp_path / "jawaban.yaml"
    os.mkfifo(fifo)
    for args in (["engage", case_id, "--answers", str(fifo), "--no-input"], ["import", str(fifo)],
                 ["engage", case_id, "--answers", "/dev/zero", "--no-input"], ["import", "/dev/zero"]):
        result = book.run(*args)
        assert_clean_exit(result, 1)
        assert "bukan berkas biasa" in result.stderr and "tidak ada" not in result.stderr, (args, result.stderr)


def test_a_client_twice_in_a_yaml_list_names_the_first_item_as_its_problems_do(book: Book, tmp_path: Path) -> None:
    from tests.helpers import intake_answers, write_answers

    path = write_answers(tmp_path / "dua.yaml", [intake_answers(), intake_answers()])
    result = book.run("import", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert "[1].identity.nik" in result.stderr and "butir [0] berkas ini" in result.stderr, result.stderr
    assert "baris 0" not in result.stderr


# the parsers' own words (English, and meaningless to an officer) never reach the line
PARSER_WORDS = ("entity", "BadZipFile", "field larger", "field limit", "ParseError", "no element found",
                "There is no item", "Content_Types")


@pytest.mark.parametrize("lang, said", [("id", "DTD/entitas"), ("en", "DTD/entities")])
@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>',
    "<worksheet><sheetData><row r='1'><c r='A1'",
], ids=["external-entity", "broken"])
def test_why_a_sheet_cannot_be_read_is_said_in_the_users_language(book: Book, tmp_path: Path, lang: str,
                                                                   said: str, xml: str) -> None:
    path = _rewritten(_template(book, tmp_path), tmp_path / "lembar.xlsx", lambda _old: xml)
    result = book.run("--lang", lang, "import", str(path))
    assert_clean_exit(result, 1)
    line = result.stderr.strip()
    assert said in line and str(path) in line, line
    assert not any(word in line for word in PARSER_WORDS), line


@pytest.mark.parametrize("lang, said", [("id", "bukan buku kerja Excel"), ("en", "not a whole Excel")])
@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 cut short", b"nama,nik\nBudi,1\n"], ids=["empty", "cut", "csv"])
def test_a_file_that_is_no_workbook_is_said_to_be_none(book: Book, tmp_path: Path, lang: str, said: str,
                                                       content: bytes) -> None:
    path = tmp_path / "klien.xlsx"
    path.write_bytes(content)
    result = book.run("--lang", lang, "import", str(path))
    assert_clean_exit(result, 1)
    line = result.stderr.strip()
    assert said in line, line
    assert not any(word in line for word in PARSER_WORDS), line


def test_a_zip_without_a_workbook_is_said_to_be_none(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan buku kerja")
    result = book.run("import", str(path))
    assert_clean_exit(result, 1)
    assert "bukan buku kerja Excel" in result.stderr, result.stderr
    assert not any(word in result.stderr for word in PARSER_WORDS), result.stderr


@pytest.mark.parametrize("lang, said", [("id", "baris 2: satu sel lebih panjang dari 131072 karakter"),
                                        ("en", "line 2: a cell is longer than 131072 characters")])
def test_a_csv_cell_over_the_limit_is_said_in_the_users_language(book: Book, tmp_path: Path, lang: str,
                                                                 said: str) -> None:
    path = tmp_path / "klien.csv"
    path.write_text("Nama lengkap *,Catatan\nBudi," + "x" * 140_000 + "\n", encoding="utf-8")
    result = book.run("--lang", lang, "import", str(path))
    assert_clean_exit(result, 1)
    assert said in result.stderr, result.stderr
    assert not any(word in result.stderr for word in PARSER_WORDS), result.stderr


@pytest.mark.parametrize("content", ["", "\ufeff", "nama lengkap;NIK\n", "[]\n"], ids=["empty", "bom", "header", "list"])
def test_a_file_with_no_client_is_refused_not_imported_as_none(book: Book, tmp_path: Path, content: str) -> None:
    """QA9 F9: an empty file or a header-only sheet (the wrong file, a sheet saved empty) said "0 klien diimpor:"
    with exit 0."""
    path = tmp_path / ("clients.yaml" if content.startswith("[") else "clients.csv")
    path.write_text(content, encoding="utf-8")
    result = book.run("import", str(path))
    assert_clean_exit(result, 1)
    assert result.stderr.strip().splitlines() == [
        f"{path}: tidak ada klien untuk diimpor (berkas kosong, atau hanya baris judul); tidak ada yang ditulis"]


@pytest.mark.parametrize("lang, said", [("id", "baris 1: satu sel lebih panjang dari 131072 karakter"),
                                        ("en", "line 1: a cell is longer than 131072 characters")])
def test_a_header_line_over_the_cell_limit_is_one_line_not_an_internal_error(book: Book, tmp_path: Path, lang: str,
                                                                             said: str) -> None:
    """Guessing the separator read the header line split by each candidate: a header line longer than the csv
    module's cell limit (one cell, or 200,000 columns split by another separator) was an internal error
    (UnboundLocalError, exit 70)."""
    path = tmp_path / "klien.csv"
    path.write_text("x" * 140_000 + "\n", encoding="utf-8")
    result = book.run("--lang", lang, "import", str(path))
    assert_clean_exit(result, 1)
    assert result.stderr.strip().count("\n") == 0 and said in result.stderr and str(path) in result.stderr
    # the separator is still found when splitting by another one makes a cell over the limit
    path.write_text(";".join(f"c{i}" for i in range(25_000)) + "\nBudi\n", encoding="utf-8")
    result = book.run("--lang", lang, "import", str(path))
    assert_clean_exit(result, 1)
    assert f"{path}:1: c24999:" in result.stderr


def test_a_csv_of_many_incomplete_rows_is_refused_quickly(book: Book, tmp_path: Path) -> None:
    """Each missing field of each row worked out every column's header again (a tenth of a second): 300 rows
    naming a client only took over two minutes to be refused; 20,000 would take hours."""
    path = tmp_path / "klien.csv"
    path.write_text("Nama lengkap *\n" + "Budi\n" * 300, encoding="utf-8")
    started = time.monotonic()
    result = book.run("import", str(path), "--no-input")
    assert time.monotonic() - started < 20
    assert_clean_exit(result, 1)
    assert f"{path}:301: Tempat lahir: wajib diisi" in result.stderr


def test_a_csv_of_more_rows_than_a_sheet_may_hold_is_refused_at_once(book: Book, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A CSV has the spreadsheet's row limit: five million short lines were checked one by one (minutes, and an
    error line for each)."""
    from bapascase.workflow.importer import IMPORT_MAX_ROWS

    path = tmp_path / "klien.csv"
    path.write_text("Nama lengkap *\n" + "Budi\n" * IMPORT_MAX_ROWS, encoding="utf-8")
    started = time.monotonic()
    result = book.run("import", str(path), "--no-input")
    assert time.monotonic() - started < 20
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == f"{path}: lebih dari {IMPORT_MAX_ROWS} baris; impor klien dalam beberapa bagian yang lebih kecil"
    # at the limit the rows are read and checked (here: each refused for the fields it lacks), one more is not
    monkeypatch.setattr("bapascase.workflow.importer.IMPORT_MAX_ROWS", 40)
    for rows, over in ((39, False), (40, True)):
        path.write_text("Nama lengkap *\n" + "Budi\n" * rows, encoding="utf-8")
        result = book.run("import", str(path), "--no-input")
        assert_clean_exit(result, 1)
        assert ("lebih dari 40 baris" in result.stderr) is over
        assert (f"{path}:40: " in result.stderr) is not over
