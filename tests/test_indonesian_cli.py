"""Indonesian throughout: the help's and click's fixed words, labels instead of choice codes, one date style in
tables, ``list`` at 80 columns that never breaks an id, ``show`` of an unknown client that points to ``find``, and
``find`` with the same exit status with and without ``--json``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.helpers import Book, assert_clean_exit, intake_answers, invoke
from tests.stage_helpers import NCP, RCP, demo_book

# the interviews and the files, not git: casebooks without a repository (see conftest ``book``)
pytestmark = pytest.mark.git(False)

ENGLISH = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit", "Error:", "Missing argument",
           "No such option", "[OPTIONS]", "COMMAND [ARGS]", "[default:", "[required]", "Try '")


def command_names() -> list[str]:
    import typer

    from bapascase.cli.main import make_app

    group = typer.main.get_command(make_app([], {}))
    return sorted(group.list_commands(typer.Context(group)))  # type: ignore[attr-defined]


def test_every_help_screen_is_indonesian() -> None:
    names = command_names()
    assert {"checkin", "lapor", "officers"} <= set(names)
    for args in (["--help"], *([name, "--help"] for name in names), ["officers", "add", "--help"]):
        result = invoke(args)
        assert_clean_exit(result, 0)
        for word in ENGLISH:
            assert word not in result.stdout, f"{args}: {word!r}\n{result.stdout}"
        assert "Penggunaan: bapascase" in result.stdout, args
        assert "Tampilkan bantuan ini lalu keluar." in result.stdout, args


def test_help_in_english_keeps_english_words() -> None:
    result = invoke(["--lang", "en", "list", "--help"])
    assert "Usage: bapascase list [OPTIONS]" in result.stdout
    assert "Show this message and exit." in result.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["show"], "Kesalahan: Argumen CASE belum diberikan."),
    (["list", "--al"], "Kesalahan: Opsi tidak dikenal: --al (maksud Anda: --all"),
    (["due", "--days", "minggu"], "Kesalahan: Nilai '--days' tidak sah: 'minggu' bukan bilangan bulat."),
    (["perintah-aneh"], "Kesalahan: Perintah tidak dikenal: perintah-aneh."),
    (["new", "--answers"], "Kesalahan: Opsi --answers butuh nilai."),
    (["show", "a", "b"], "Kesalahan: Argumen berlebih: b"),
])
def test_usage_errors_speak_indonesian(book: Book, args: list[str], expected: str) -> None:
    result = book.run(*args)
    assert_clean_exit(result, 2)
    assert expected in result.stderr
    for word in ENGLISH:
        assert word not in result.stderr, result.stderr


def test_a_usage_error_shows_the_usage_and_where_help_is(book: Book) -> None:
    result = book.run("show")
    assert result.stderr.splitlines()[:2] == ["Penggunaan: bapascase show [OPSI] {CASE}", "Bantuan: bapascase show -h"]


# -- labels, dates, widths --------------------------------------------------------------------------------------


def test_list_shows_labels_never_codes(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    out = demo.run("list", "--all", env={"COLUMNS": "240"}).stdout  # wide enough that no label is wrapped
    assert "Pidana bersyarat (anak)" in out and "Pembebasan Bersyarat" in out and "Cuti Menjelang Bebas" in out
    assert "pidana_bersyarat" not in out and " PB " not in out and " CMB " not in out
    # JSON keeps the codes (the cases under supervision: the closed CMB client is left out)
    assert {c["programme"] for c in json.loads(demo.run("list", "--json").stdout)["cases"]} == {
        "PB", "CB", "pidana_bersyarat", "pidana_kerja_sosial", "pidana_pengawasan"}
    shown = demo.run("show", NCP).stdout
    assert "Cuti Bersyarat" in shown and "Perempuan" in shown
    stats = demo.run("stats").stdout
    assert "Cuti Bersyarat" in stats


def test_one_date_style_in_tables(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    day_month_year = re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}\b")
    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    for args in (["list", "--all"], ["due"], ["checkin", "--no-input"]):
        out = demo.run(*args, today=dt.date(2026, 11, 30)).stdout
        assert day_month_year.search(out), args
        assert not iso.search(out.replace(NCP, "").replace(RCP, "")), (args, out)


def test_list_at_80_columns_never_breaks_an_id(book: Book) -> None:
    for i, name in enumerate(("Muhammad Rizky Pratama Siregar bin Abdul Rahman Harahap", "Siti Aminah",
                              "Theresia Natalia Br Sembiring Meliala")):
        book.new(intake_answers(identity={"name": name, "nik": None, "birth_date": f"199{i}-01-01"},
                                legal={"programme": "pidana_bersyarat"}), name=f"{i}.yaml")
    ids = [c["id"] for c in json.loads(book.run("list", "--json").stdout)["cases"]]
    result = book.run("list", env={"COLUMNS": "80"})
    assert_clean_exit(result, 0)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for case_id in ids:
        assert any(case_id in line for line in lines), case_id  # whole, on one line


# -- show and find --------------------------------------------------------------------------------------------------


def test_show_of_an_unknown_client_suggests_find(tmp_path: Path) -> None:
    demo = demo_book(tmp_path)
    result = demo.run("show", "nurul")
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == (f"Kasus tidak ditemukan: nurul. Yang cocok: {NCP} (Nurul Contoh Pertiwi binti "
                                     "Fiktif). Lihat semua: bapascase find nurul")
    nothing = demo.run("show", "siapa")
    assert nothing.stderr.strip() == "Kasus tidak ditemukan: siapa. Cari menurut nama atau NIK: bapascase find siapa"


@pytest.mark.parametrize(("query", "code"), [("nurul", 0), ("tidak-ada-yang-cocok", 1)])
def test_find_exits_the_same_with_and_without_json(tmp_path: Path, query: str, code: int) -> None:
    demo = demo_book(tmp_path)
    plain = demo.run("find", query)
    as_json = demo.run("find", query, "--json")
    assert plain.exit_code == as_json.exit_code == code
    assert json.loads(as_json.stdout)["count"] == (1 if code == 0 else 0)
