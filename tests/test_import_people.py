"""``import`` as offices use it: the template with Indonesian titles, the files Excel writes (``;``, a byte-order
mark, Windows-1252, XLSX), choices by label in any case, money and day-first dates, every problem as
``FILE:ROW: COLUMN: message``, officers as listed, and duplicates refused (the same file twice registers nobody)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import Book, assert_clean_exit


def template(book: Book, *args: str) -> str:
    result = book.run("import", "--template", *args)
    assert_clean_exit(result, 0)
    return result.stdout


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def imported(book: Book, path: Path, *args: str, code: int = 0) -> Any:
    result = book.run("import", str(path), "--json", *args)
    assert_clean_exit(result, code)
    return json.loads(result.stdout) if code == 0 else result


def case_of(book: Book, case_id: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / "case.yaml")
    assert isinstance(data, dict)
    return data


def with_cell(rows: list[list[str]], header: str, value: str) -> list[list[str]]:
    """The example row with one cell changed (the column found by its header, required mark aside)."""
    headers = [h.rstrip(" *") for h in rows[0]]
    out = [list(r) for r in rows]
    out[1][headers.index(header)] = value
    return out


# -- the template ---------------------------------------------------------------------------------------------------


def test_template_has_the_models_titles_and_one_example(book: Book) -> None:
    rows = rows_of(template(book))
    assert len(rows) == 2
    headers = rows[0]
    for title in ("Nama lengkap *", "Tanggal lahir *", "NIK", "Program *", "Pasal *", "Keluarga 1: Nama",
                  "Penjamin: Alamat", "Awal bimbingan *", "Ekspirasi", "Akhir masa bimbingan",
                  "Pembimbing Kemasyarakatan (PK): Nama *"):
        assert title in headers, title
    assert not any("." in h and " " not in h for h in headers)  # no dotted paths in the template
    example = dict(zip(headers, rows[1], strict=True))
    assert example["Nama lengkap *"] == "Andi Saputra bin Usman"
    assert example["Program *"] == "Pembebasan Bersyarat"  # a label, not the code


def test_english_template(book: Book) -> None:
    headers = rows_of(book.run("--lang", "en", "import", "--template").stdout)[0]
    assert "Full name *" in headers and "Family 1: Name" in headers


def test_template_file_is_excel_ready_and_imports_as_it_is(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "klien.csv"
    result = book.run("import", "--template", str(target))
    assert_clean_exit(result, 0)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    assert b";" in raw.splitlines()[0]
    payload = imported(book, target)
    assert payload["count"] == 1
    data = case_of(book, payload["ids"][0])
    assert data["identity"]["name"] == "Andi Saputra bin Usman"
    assert data["identity"]["sex"] == "L" and data["identity"]["marital_status"] == "kawin"
    assert data["legal"]["programme"] == "PB"
    assert data["family"][0]["relation"] == "pasangan" and data["family"][0]["age"] == 30
    assert data["identity"]["birth_date"] == dt.date(1992, 8, 15)  # 15/8/1992, day first
    assert data["legal"]["sentence_years"] == 3


def test_the_same_file_twice_registers_nobody_the_second_time(book: Book, tmp_path: Path) -> None:
    target = tmp_path / "klien.csv"
    book.run("import", "--template", str(target))
    first = imported(book, target)["ids"][0]
    again = imported(book, target, code=1)
    assert f"{target}:2: NIK: klien sudah terdaftar sebagai {first} (NIK sama)" in again.stderr
    assert len([p for p in book.cases.iterdir() if p.is_dir()]) == 1
    skipped = imported(book, target, "--skip-duplicates")
    assert skipped["count"] == 0 and skipped["skipped"] == [{"row": f"{target}:2", "existing": first}]


def test_the_same_client_twice_in_one_file(book: Book, tmp_path: Path) -> None:
    rows = rows_of(template(book))
    path = write_csv(tmp_path / "dua.csv", [*rows, rows[1]])
    result = imported(book, path, code=1)
    assert f"{path}:3: NIK: klien sudah terdaftar sebagai baris 2 berkas ini (NIK sama)" in result.stderr
    assert imported(book, path, "--allow-duplicate")["count"] == 2


# -- what Excel writes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8"),
                                                     (";", "cp1252"), (",", "utf-8-sig")])
def test_delimiter_and_encoding_are_detected(book: Book, tmp_path: Path, delimiter: str, encoding: str) -> None:
    rows = with_cell(rows_of(template(book)), "Suku", "Melayu Deli – Batak")  # an en dash: cp1252 has it
    rows = with_cell(rows, "Nama lengkap", "José Saputra")
    path = write_csv(tmp_path / "klien.csv", rows, delimiter, encoding)
    data = case_of(book, imported(book, path)["ids"][0])
    assert data["identity"]["name"] == "José Saputra"
    assert data["identity"]["ethnicity"] == "Melayu Deli – Batak"


def test_xlsx_imports_with_real_dates_and_numbers(book: Book, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = rows_of(template(book))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    values: list[Any] = list(rows[1])
    headers = [h.rstrip(" *") for h in rows[0]]
    values[headers.index("Tanggal lahir")] = dt.datetime(1992, 8, 15)  # a date cell
    values[headers.index("NIK")] = 1271011508920001  # a NIK Excel keeps as a number
    values[headers.index("Pidana (tahun)")] = 3
    sheet.append(values)
    path = tmp_path / "klien.xlsx"
    workbook.save(path)
    data = case_of(book, imported(book, path)["ids"][0])
    assert data["identity"]["birth_date"] == dt.date(1992, 8, 15)
    assert data["identity"]["nik"] == "1271011508920001"
    assert data["legal"]["sentence_years"] == 3


def test_xlsx_template(book: Book, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    target = tmp_path / "klien.xlsx"
    assert_clean_exit(book.run("import", "--template", str(target)), 0)
    assert imported(book, target)["count"] == 1


def test_headers_in_english_or_dotted_and_choices_in_any_case(book: Book, tmp_path: Path) -> None:
    rows = [["Full name", "identity.sex", "Place of birth", "tanggal lahir", "Religion", "EDUCATION",
             "Marital status", "Identitas klien: Alamat", "Program", "Offence", "Articles", "Supervision start",
             "Ekspirasi *", "assignment.officer.name"],
            ["Siti Aminah", "perempuan", "Binjai", "30-01-1995", "islam", "smp", "Belum Kawin", "Jl. Gatot Subroto 3",
             "ASIMILASI", "Pencurian", "Pasal 362 KUHP\nPasal 55 KUHP", "1/4/2026", "31/12/2026", "Hendra Saputra"]]
    data = case_of(book, imported(book, write_csv(tmp_path / "x.csv", rows, ","))["ids"][0])
    assert data["identity"]["sex"] == "P" and data["identity"]["religion"] == "Islam"
    assert data["identity"]["education"] == "SMP" and data["identity"]["marital_status"] == "belum_kawin"
    assert data["legal"]["programme"] == "asimilasi"
    assert data["legal"]["articles"] == ["Pasal 362 KUHP", "Pasal 55 KUHP"]
    assert data["identity"]["birth_date"] == dt.date(1995, 1, 30)


def test_money_and_numbers_are_read_the_indonesian_way() -> None:
    from bapascase.model.assessment import AssessmentDoc
    from bapascase.model.meta import nested_models
    from bapascase.workflow.importer import convert

    income = next(m.model_fields["income_monthly"] for m in nested_models(AssessmentDoc)
                  if "income_monthly" in m.model_fields)
    for text in ("Rp1.200.000", "1.200.000", "Rp 1.200.000", "rp1200000", "1200000"):
        assert convert(income, text) == 1200000, text
    assert convert(income, "Rp1.200.000,50") == 1200000.5


# -- problems named by file, row and column ---------------------------------------------------------------------


def test_bad_rows_are_named_by_file_row_and_column(book: Book, tmp_path: Path) -> None:
    rows = rows_of(template(book))
    bad_sex = with_cell(rows, "Identitas klien: Jenis kelamin", "X")[1]
    bad_date = with_cell(rows, "Tanggal lahir", "31/2/1992")[1]
    path = write_csv(tmp_path / "salah.csv", [rows[0], bad_sex, bad_date])
    result = imported(book, path, code=1)
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{path}:2: Identitas klien: Jenis kelamin: 'X' bukan pilihan") for line in lines)
    assert any(line.startswith(f"{path}:3: Tanggal lahir: tanggal '31/2/1992' tidak ada") for line in lines)
    assert not [p for p in book.cases.iterdir() if p.is_dir()]  # all or nothing


def test_an_unknown_column_is_named(book: Book, tmp_path: Path) -> None:
    rows = rows_of(template(book))
    rows[0][3] = "Golongan darah"
    result = imported(book, write_csv(tmp_path / "x.csv", rows), code=1)
    assert "x.csv:1: Golongan darah: kolom tidak dikenal" in result.stderr


def test_a_missing_required_column_is_named_by_its_title(book: Book, tmp_path: Path) -> None:
    rows = rows_of(template(book))
    at = [h.rstrip(" *") for h in rows[0]].index("Awal bimbingan")
    rows = [r[:at] + r[at + 1:] for r in rows]
    result = imported(book, write_csv(tmp_path / "x.csv", rows), code=1)
    assert "x.csv:2: Awal bimbingan: wajib diisi" in result.stderr


# -- officers as listed --------------------------------------------------------------------------------------------


def listing(book: Book) -> None:
    assert_clean_exit(book.run("officers", "add", "Rahmat Hidayat, S.H.", "--nip", "198702142010121003",
                               "--rank", "Pembimbing Kemasyarakatan Ahli Muda"), 0)


def test_an_officer_typed_without_titles_is_the_listed_one(book: Book, tmp_path: Path) -> None:
    listing(book)
    rows = with_cell(rows_of(template(book)), "Pembimbing Kemasyarakatan (PK): Nama", "rahmat hidayat")
    rows = with_cell(rows, "NIP", "")
    data = case_of(book, imported(book, write_csv(tmp_path / "x.csv", rows))["ids"][0])
    assert data["assignment"]["officer"] == {"name": "Rahmat Hidayat, S.H.", "nip": "198702142010121003"}


def test_an_unlisted_officer_is_refused_with_where_to_add_them(book: Book, tmp_path: Path) -> None:
    listing(book)
    # an officer this casebook does not list (the template's example names the casebook's own PK)
    rows = with_cell(rows_of(template(book)), "Pembimbing Kemasyarakatan (PK): Nama", "Sri Rahayu Contoh, S.Sos.")
    rows = with_cell(rows, "NIP", "198001012005012001")
    result = imported(book, write_csv(tmp_path / "x.csv", rows), "--no-input", code=1)
    assert ("x.csv:2: Pembimbing Kemasyarakatan (PK): Nama: Petugas tidak ada di daftar petugas bapascase.yaml: "
            "Sri Rahayu Contoh, S.Sos.") in result.stderr
    assert 'bapascase officers add "Sri Rahayu Contoh, S.Sos."' in result.stderr


def test_the_template_names_this_casebooks_pk_and_refuses_a_name_it_cannot_be_read_back_as(
        book: Book, tmp_path: Path) -> None:
    """The example row's officer is this casebook's first PK (a fresh casebook without the demo's officer could
    not import its own template unchanged); a template named ``.json`` was written as CSV and failed on import."""
    from bapascase.store.casebook import Casebook

    listing(book)
    pk = Casebook(book.root).settings.officers_with("pk")[0]
    target = tmp_path / "klien.csv"
    assert_clean_exit(book.run("import", "--template", str(target)), 0)
    data = case_of(book, imported(book, target)["ids"][0])
    assert data["assignment"]["officer"]["name"] == pk.name
    for name in ("t.json", "t.yaml", "t.txt", "t"):
        result = book.run("import", "--template", str(tmp_path / name))
        assert_clean_exit(result, 2)
        assert "ditulis sebagai .csv, .xlsx" in result.stderr
        assert not (tmp_path / name).exists()
