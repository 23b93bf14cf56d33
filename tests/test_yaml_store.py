"""YAML for humans (round-trips, styles, schema header), atomic writes, safe case folders and the id scheme."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bapascase.errors import DataError, UserError
from bapascase.model.case import CaseDoc
from bapascase.store import yamlio
from bapascase.store.atomic import atomic_write, create_exclusive
from bapascase.store.casebook import Casebook, new_case_id, valid_case_id
from tests.helpers import Book, intake_answers

HEADER_RE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")

# -- round-trips ------------------------------------------------------------------------------------------

TEXTS = [
    "Budi Zulkarnain Ginting",
    "Rosmawati br Sembiring als. Ros",
    "José Ñúñez — café “kutipan” ‘tunggal’",
    "Klien tersenyum 😀 lalu menangis 😢; keluarga 👨‍👩‍👧 hadir",
    "Ünïcödé ąčęėįšųūž ß 中文 العربية",
    "yes", "no", "on", "null", "~", "true", "2026-03-02", "12:30", "0812", "081260001234", "1e3", "1.5", "0x1F",
    "# bukan komentar", "a: b", "- bukan daftar", "@", "`", "'", '"', "", " ", "  awal spasi", "akhir spasi  ",
    "tab\tdi tengah", "Pasal 338 KUHP", "Jl. Sisingamangaraja No. 12",
    "Baris satu\nBaris dua\n\nBaris empat setelah baris kosong",
    "diakhiri baris baru\n",
    "  baris pertama menjorok\nbaris kedua",
    "spasi di akhir baris  \nbaris berikut",
    "crlf\r\nline",
    ("Klien menceritakan rasa bersalah terhadap keluarga korban dan ingin memperbaiki hubungan dengan "
     "anak-anaknya setelah bebas; ia berencana bekerja kembali sebagai buruh bangunan di Medan Amplas."),
    "x" * 300,
]


@pytest.mark.parametrize("text", TEXTS)
def test_strings_round_trip(text: str) -> None:
    data = {"text": text, "list": [text], "nested": {"text": text}}
    assert yamlio.loads(yamlio.dumps(data)) == data


def test_unicode_is_written_as_is() -> None:
    out = yamlio.dumps({"name": "José Ñúñez", "note": "senang 😀", "suku": "Batak Karo — Sembiring"})
    assert "José Ñúñez" in out
    assert "😀" in out
    assert "\\U" not in out and "\\u" not in out


def test_multiline_text_is_a_literal_block() -> None:
    text = "Baris satu\nBaris dua\n\nBaris empat"
    out = yamlio.dumps({"narasi": text})
    assert out.startswith("narasi: |")
    assert "  Baris dua\n" in out
    assert yamlio.loads(out)["narasi"] == text


def test_long_single_line_is_folded_and_lines_stay_short() -> None:
    text = " ".join(["Klien hadir tepat waktu dan menceritakan perkembangan pekerjaannya."] * 5)
    out = yamlio.dumps({"catatan": text})
    assert out.startswith("catatan: >")
    assert max(len(line) for line in out.splitlines()) <= 110
    assert yamlio.loads(out)["catatan"] == text


def test_key_order_is_kept() -> None:
    data = {"zeta": 1, "alpha": {"mu": 2, "beta": 3, "aa": 4}, "middle": [{"y": 1, "x": 2}]}
    out = yamlio.dumps(data)
    assert [line.split(":")[0] for line in out.splitlines() if re.match(r"^[a-z]", line)] == [
        "zeta", "alpha", "middle"]
    assert list(yamlio.loads(out)["alpha"]) == ["mu", "beta", "aa"]
    assert "- y: 1\n  x: 2\n" in out


def test_dates_unquoted_and_digit_strings_quoted() -> None:
    out = yamlio.dumps({"birth_date": dt.date(1990, 5, 12), "nik": "1271051205900003", "phone": "081260001234",
                        "saved": dt.datetime(2026, 3, 2, 9, 15, 30, 123)})
    assert "birth_date: 1990-05-12\n" in out
    assert "nik: '1271051205900003'\n" in out
    assert "phone: '081260001234'\n" in out
    assert "saved: 2026-03-02 09:15:30\n" in out
    back = yamlio.loads(out)
    assert back["birth_date"] == dt.date(1990, 5, 12)
    assert back["nik"] == "1271051205900003"


def test_enums_are_written_as_their_value() -> None:
    from bapascase.model.case import Programme

    assert yamlio.dumps({"programme": Programme("asimilasi_rumah")}) == "programme: asimilasi_rumah\n"


def test_no_anchors_or_aliases_for_repeated_objects() -> None:
    shared = {"name": "Rosmawati"}
    out = yamlio.dumps({"a": shared, "b": shared})
    assert "&" not in out and "*" not in out


def test_a_date_that_cannot_exist_stays_text_for_validation_to_report() -> None:
    data = yamlio.loads("a: 2026-02-30\nb: 2026-02-28\nc: 2026-13-01 10:00:00\n")
    assert data == {"a": "2026-02-30", "b": dt.date(2026, 2, 28), "c": "2026-13-01 10:00:00"}


def test_loading_is_safe() -> None:
    with pytest.raises(DataError) as info:
        yamlio.loads("x: !!python/object/apply:os.system ['echo hacked']\n", "evil.yaml")
    assert info.value.problems[0].path == "evil.yaml"
    assert info.value.problems[0].line == 1


def test_yaml_syntax_error_has_file_and_line() -> None:
    with pytest.raises(DataError) as info:
        yamlio.loads("identity:\n  name: Budi\n  sex: [L\nlegal: {}\n", "answers.yaml")
    problem = info.value.problems[0]
    assert problem.path == "answers.yaml"
    assert problem.line is not None and problem.line >= 3
    assert problem.render().startswith(f"answers.yaml:{problem.line}: YAML:")


def test_line_of_follows_the_error_location() -> None:
    text = "a: 1\nb:\n  c: 2\n  d:\n  - x\n  - y: 3\n"
    root = yamlio.compose(text)
    assert yamlio.line_of(root, ("a",)) == 1
    assert yamlio.line_of(root, ("b", "c")) == 3
    assert yamlio.line_of(root, ("b", "d", 1, "y")) == 6
    assert yamlio.line_of(root, ("b", "missing")) == 2  # nearest existing parent
    assert yamlio.line_of(None, ("a",)) is None


# -- written case files: header, schema, validation -------------------------------------------------------


def _validate_with_schema(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    m = HEADER_RE.match(text)
    assert m, f"{path} has no yaml-language-server header"
    schema_path = (path.parent / m.group(1)).resolve()
    assert schema_path.is_file(), f"{path} names a schema that does not exist: {schema_path}"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = yamlio.to_plain(yamlio.loads(text))
    assert isinstance(data, dict), path
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    return data


def test_written_case_file_has_header_and_passes_its_json_schema(book: Book) -> None:
    answers = intake_answers()
    answers["identity"]["name"] = "José Ñúñez Ginting 😀"
    case_id = book.new(answers)
    path = book.case_file(case_id)
    data = _validate_with_schema(path)
    assert data["identity"]["name"] == "José Ñúñez Ginting 😀"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/case.schema.json\n")
    assert "schema_version: 1\n" in text
    assert "nik: '1271051205900003'" in text
    assert "birth_date: 1990-05-12\n" in text
    # the file follows the model's field order
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == ["schema_version", "intake_date", "identity", "family", "guarantor", "legal", "assignment"]


def test_settings_file_passes_its_json_schema(book: Book) -> None:
    data = _validate_with_schema(book.root / "bapascase.yaml")
    assert data["office"]["name"] == "Bapas Kelas I Medan"


def test_json_schema_rejects_what_the_model_rejects(book: Book) -> None:
    schema = json.loads((book.root / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    good = yamlio.to_plain(CaseDoc.model_validate(intake_answers()).model_dump(mode="json", exclude_none=True))
    jsonschema.validate(good, schema)
    bad = json.loads(json.dumps(good))
    bad["identity"]["nik"] = 1271051205900003
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = json.loads(json.dumps(good))
    bad["identity"]["agama"] = "Islam"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_document_round_trips_through_the_casebook(book: Book) -> None:
    cb = Casebook(book.root)
    doc = CaseDoc.model_validate(intake_answers())
    cb.create_case_dir("2026-bzg-abcde")
    path = cb.write_doc("2026-bzg-abcde", "case", doc)
    again = CaseDoc.model_validate(cb.read_raw(path))
    assert again == doc
    # writing the same document again gives byte-identical text
    before = path.read_bytes()
    cb.write_doc("2026-bzg-abcde", "case", again)
    assert path.read_bytes() == before


def test_to_plain_converts_dates_for_json() -> None:
    data = {"d": dt.date(2026, 3, 2), "t": dt.datetime(2026, 3, 2, 9, 0), "l": [dt.date(2026, 1, 1)], 1: "x"}
    assert yamlio.to_plain(data) == {"d": "2026-03-02", "t": "2026-03-02T09:00:00", "l": ["2026-01-01"], "1": "x"}


# -- atomic writes ----------------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "case.yaml"
    atomic_write(target, "satu: 1\n")
    atomic_write(target, "dua: 2\n")
    assert target.read_text(encoding="utf-8") == "dua: 2\n"
    assert _leftovers(target.parent) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_atomic_write_failure_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("asli: true\n", encoding="utf-8")

    def boom(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "baru: true\n")
    assert target.read_text(encoding="utf-8") == "asli: true\n"
    assert _leftovers(tmp_path) == []


def test_atomic_write_failure_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("asli: true\n", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, "baru: true\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "asli: true\n"
    assert _leftovers(tmp_path) == []


def test_atomic_write_interrupted_by_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("asli: true\n", encoding="utf-8")

    def interrupted(src: Any, dst: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "baru: true\n")
    assert target.read_text(encoding="utf-8") == "asli: true\n"
    assert _leftovers(tmp_path) == []


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "monitoring" / "2026-03-02.yaml"
    assert create_exclusive(target, "a: 1\n") is True
    assert create_exclusive(target, "b: 2\n") is False
    assert target.read_text(encoding="utf-8") == "a: 1\n"


def test_failed_case_write_keeps_the_earlier_file(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    before = path.read_bytes()
    cb = Casebook(book.root)
    doc = CaseDoc.model_validate(intake_answers(identity={"name": "Nama Baru"}))
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "disk full")))
    with pytest.raises(OSError):
        cb.write_doc(case_id, "case", doc)
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []


# -- case ids ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["../x", "..", ".", "/abs", "/etc/passwd", "a/b", "a\\b", "", ".hidden", "-x",
                                 "a..b", "x" * 81, "dua kata", "nul\x00l", "~root"])
def test_unsafe_case_ids_are_refused(tmp_path: Path, bad: str) -> None:
    cb = Casebook(tmp_path)
    (tmp_path / "cases").mkdir()
    assert not valid_case_id(bad)
    with pytest.raises(UserError):
        cb.case_dir(bad)
    with pytest.raises(UserError):
        cb.resolve_case(bad)


def test_symlinked_case_folder_pointing_outside_is_refused(tmp_path: Path) -> None:
    cb = Casebook(tmp_path / "book")
    cb.cases_dir.mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "case.yaml").write_text("rahasia: true\n", encoding="utf-8")
    (cb.cases_dir / "2026-evil-aaaaa").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UserError):
        cb.case_dir("2026-evil-aaaaa")
    with pytest.raises(UserError):
        cb.resolve_case("2026-evil-aaaaa")
    with pytest.raises(UserError):
        cb.read_docs("2026-evil-aaaaa", "case")


def test_symlink_leading_out_is_not_listed_and_check_flags_it(book: Book) -> None:
    case_id = book.new()
    outside = book.root.parent / "elsewhere"
    outside.mkdir()
    (outside / "case.yaml").write_text(book.case_file(case_id).read_text(encoding="utf-8").replace(
        "Budi Zulkarnain Ginting", "Orang Luar"), encoding="utf-8")
    (book.cases / "2026-evil-aaaaa").symlink_to(outside, target_is_directory=True)
    assert Casebook(book.root).case_ids() == [case_id]
    listed = book.run("list", "--json")
    assert [c["id"] for c in json.loads(listed.stdout)["cases"]] == [case_id]
    assert "Orang Luar" not in book.run("find", "Orang").stdout
    checked = book.run("check")
    assert checked.exit_code == 1
    assert "cases/2026-evil-aaaaa: folder kasus menunjuk ke luar cases/" in checked.stderr
    assert book.run("show", "2026-evil-aaaaa").exit_code == 1


def test_symlinked_cases_folder_inside_the_casebook_still_works(tmp_path: Path) -> None:
    real = tmp_path / "real-cases"
    (real / "2026-bzg-abcde").mkdir(parents=True)
    book = tmp_path / "book"
    book.mkdir()
    (book / "cases").symlink_to(real, target_is_directory=True)
    cb = Casebook(book)
    assert cb.case_dir("2026-bzg-abcde") == (real / "2026-bzg-abcde").resolve()


def test_case_dir_stays_inside_cases(tmp_path: Path) -> None:
    cb = Casebook(tmp_path)
    folder = cb.case_dir("2026-bzg-7k3qx")
    assert folder.parent == (tmp_path / "cases").resolve()


def test_id_scheme_year_initials_random() -> None:
    case_id = new_case_id(2026, "BZG")
    assert re.fullmatch(r"2026-bzg-[0-9a-hjkmnp-tv-z]{5}", case_id), case_id
    assert valid_case_id(case_id)
    assert new_case_id(2026, "").startswith("2026-x-")
    assert new_case_id(2026, "ÀB").startswith("2026-ab-")  # only safe letters: a letter's marks are dropped
    assert new_case_id(2026, "ÑÉ").startswith("2026-ne-")
    assert new_case_id(2026, "Ж中").startswith("2026-x-")  # no Latin base letter: nothing of it
    assert len(new_case_id(2026, "ABCDEFGHIJ").split("-")[1]) == 6


def test_same_name_registered_twice_gets_two_cases(book: Book) -> None:
    first = book.new(name="a.yaml")
    # another client of the same name (born another day, no NIK): not the same person, a second case
    second = book.new(intake_answers(identity={"nik": None, "birth_date": "1992-07-01"}), name="b.yaml")
    assert first != second
    assert first.split("-")[:2] == second.split("-")[:2] == ["2026", "bzg"]
    assert sorted(p.name for p in book.cases.iterdir() if p.is_dir()) == sorted([first, second])


def test_ids_are_random_enough_not_to_collide_across_clones() -> None:
    ids = {new_case_id(2026, "BZG") for _ in range(2000)}
    assert len(ids) >= 1990  # 32**5 = 33.5 million per year and initials


def test_existing_case_folder_is_never_reused(book: Book) -> None:
    cb = Casebook(book.root)
    cb.create_case_dir("2026-bzg-abcde")
    with pytest.raises(UserError):
        cb.create_case_dir("2026-bzg-abcde")


def test_yaml_module_is_pyyaml_with_libyaml_loader() -> None:
    # reads use the C loader when libyaml is present
    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(yamlio._Loader, yaml.CSafeLoader)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: b: c\n", 1, "titik dua (:) di tempat yang tidak boleh"),
    ("a:\n  - x\n b: 1\n", 3, "tidak sejajar"),
    ("a: [1, 2\n", 2, "tidak ditutup dengan ]"),
    ("a: *x\n", 1, "jangkar (&nama) yang tidak ada"),
    ("a: !!python/object:os.system x\n", 1, "tag YAML (!!...) yang tidak diizinkan"),
    ("a: 'x\n", 2, "berkas berakhir sebelum tanda kutip"),
    ("a: \x01\n", None, "karakter kontrol"),
])
def test_a_file_yaml_cannot_read_is_said_in_the_users_language(text: str, line: int | None, words: str) -> None:
    """The parser's English ("mapping values are not allowed in this context") in an Indonesian line told an
    officer nothing; the line number is kept."""
    from bapascase.errors import BapascaseError
    from bapascase.i18n import set_lang
    from bapascase.store import yamlio

    with pytest.raises(BapascaseError) as exc:
        yamlio.loads(text, "f.yaml")
    rendered = exc.value.render()
    assert rendered.startswith(f"f.yaml:{line}: YAML: " if line else "f.yaml: YAML: ") and words in rendered
    set_lang("en")
    try:
        with pytest.raises(BapascaseError) as exc:
            yamlio.loads("a: b: c\n", "f.yaml")
        assert exc.value.render() == "f.yaml:1: YAML: a colon (:) where one is not allowed; should the value be in quotes?"
    finally:
        set_lang("id")
