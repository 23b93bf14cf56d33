"""Articles know their code: read out of free text, cited properly in reports, tagged at intake once the dates are
known, warned about when the offence's date points to the other code; free text of earlier casebooks stays valid
and ``check --fix`` tags what it can read (and says why it leaves the rest). The child programme's old code is
renamed where the file shows a child case."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bapascase.model import articles
from bapascase.model.case import Article, CaseDoc
from bapascase.model.validation import validate
from bapascase.store import yamlio
from bapascase.store.yamlio import END_MARKER
from tests.helpers import Book, assert_clean_exit, intake_answers, write_answers
from tests.sentence_helpers import kerja_sosial_intake

FIXTURE = Path(__file__).parent / "fixtures" / "legacy"
TODAY = dt.date(2026, 11, 30)


# -- reading and citing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "article", "code", "law"), [
    ("Pasal 458 UU 1/2023", "Pasal 458", "uu_1_2023", None),
    ("Pasal 458 ayat (1) UU No. 1 Tahun 2023", "Pasal 458 ayat (1)", "uu_1_2023", None),
    ("Pasal 458 Undang-Undang Nomor 1 Tahun 2023 tentang Kitab Undang-Undang Hukum Pidana", "Pasal 458",
     "uu_1_2023", None),
    ("Pasal 458 KUHP baru", "Pasal 458", "uu_1_2023", None),
    ("Pasal 338 KUHP lama", "Pasal 338", "kuhp", None),
    ("Pasal 127 ayat (1) huruf a UU 35/2009", "Pasal 127 ayat (1) huruf a", "uu_khusus", "UU 35/2009"),
    ("Pasal 127 ayat (1) huruf a UU No. 35 Tahun 2009", "Pasal 127 ayat (1) huruf a", "uu_khusus", "UU 35/2009"),
    ("Pasal 114 ayat (1) jo. Pasal 132 ayat (1) UU RI Nomor 35 Tahun 2009 tentang Narkotika",
     "Pasal 114 ayat (1) jo. Pasal 132 ayat (1)", "uu_khusus", "UU 35/2009"),
    ("Pasal 2 ayat (1) UU Darurat No. 12 Tahun 1951", "Pasal 2 ayat (1)", "uu_khusus", "UU Darurat 12/1951"),
])
def test_the_code_is_read_out_of_free_text(text: str, article: str, code: str, law: str | None) -> None:
    found = articles.parse(text)
    assert (found.article, found.code, found.law) == (article, code, law)
    assert articles.cite(found.article, found.code, found.law) == (
        f"{article} {law}" if law else f"{article} {'UU 1/2023' if code == 'uu_1_2023' else 'KUHP'}")


def test_plain_kuhp_is_the_old_code_only_when_the_case_says_so() -> None:
    """After 2 January 2026 people write "KUHP" for either code: it is told only by an offence before the switch."""
    assert articles.known_code("2025-12-31") == "kuhp"
    assert articles.known_code("2026-01-02") == "uu_1_2023"
    assert articles.known_code(None, "2016-11-21", "2026-03-01") == "kuhp"  # the verdict settles it
    assert articles.known_code(None, "2026-02-20") is None  # a verdict after the switch does not
    assert articles.parse("Pasal 338 KUHP", "kuhp").code == "kuhp"
    assert articles.parse("Pasal 338 KUHP", "uu_1_2023").reason == "plain_kuhp"
    assert articles.parse("Pasal 338 KUHP").reason == "plain_kuhp"


@pytest.mark.parametrize(("text", "reason"), [
    ("UU No. 11 Tahun 2012 (SPPA)", "no_article"),
    ("Pasal 363 ayat (1) ke-4", "no_code"),
    ("Pasal 2 UU 31/1999 jo. Pasal 55 KUHP", "several_codes"),
])
def test_what_cannot_be_read_says_why(text: str, reason: str) -> None:
    assert articles.parse(text, "kuhp").reason == reason


def test_an_article_prints_with_its_code_and_free_text_as_written() -> None:
    assert str(Article.model_validate({"article": "Pasal 458", "code": "uu_1_2023"})) == "Pasal 458 UU 1/2023"
    assert str(Article.model_validate({"article": "Pasal 127 ayat (1) huruf a", "code": "uu_khusus",
                                       "law": "UU 35/2009"})) == "Pasal 127 ayat (1) huruf a UU 35/2009"
    assert str(Article.model_validate({"article": "Pasal 338", "code": "kuhp"})) == "Pasal 338 KUHP"
    free = Article.model_validate("Pasal 338 KUHP")
    assert str(free) == "Pasal 338 KUHP" and not free.tagged
    # free text is written back as it was: one line, not a mapping
    doc = CaseDoc.model_validate(intake_answers())
    assert doc.model_dump(mode="json")["legal"]["articles"] == ["Pasal 338 KUHP"]


@pytest.mark.parametrize(("article", "field", "message"), [
    ({"article": "Pasal 127", "code": "uu_khusus"}, "law", "sebutkan undang-undang khususnya, contoh: UU 35/2009"),
    ({"article": "Pasal 338", "code": "kuhp", "law": "UU 35/2009"}, "law",
     "undang-undang hanya disebut untuk undang-undang khusus"),
    ({"article": "Pasal 338 KUHP", "code": "kuhp"}, "article",
     "pasal sudah menyebut kitabnya; tulis pasalnya saja (contoh: Pasal 338)"),
    ({"article": "Pasal 338", "code": "kuhp_baru"}, "code", None),
])
def test_a_tagged_article_is_checked(article: dict[str, Any], field: str, message: str | None) -> None:
    doc, errors = validate(CaseDoc, intake_answers(legal={"articles": [article]}))
    assert doc is None and [e.dotted for e in errors] == [f"legal.articles[0].{field}"]
    if message:
        assert errors[0].message == message


# -- intake ---------------------------------------------------------------------------------------------------------


def test_intake_tags_what_the_dates_tell_and_keeps_the_rest_as_typed(book: Book) -> None:
    data = intake_answers(legal={"articles": ["Pasal 338 KUHP", "Pasal 55 ayat (1) ke-1 KUHP",
                                              "Pasal 127 ayat (1) huruf a UU No. 35 Tahun 2009", "UU 11/2012"]})
    case_id = book.new(data)
    saved = yamlio.load(book.cases / case_id / "case.yaml")["legal"]["articles"]
    assert saved == [{"article": "Pasal 338", "code": "kuhp"},  # the verdict of 2016 says which KUHP
                     {"article": "Pasal 55 ayat (1) ke-1", "code": "kuhp"},
                     {"article": "Pasal 127 ayat (1) huruf a", "code": "uu_khusus", "law": "UU 35/2009"},
                     "UU 11/2012"]
    shown = json.loads(book.run("show", case_id, "--json").stdout)["case"]
    assert shown["articles"] == ["Pasal 338 KUHP", "Pasal 55 ayat (1) ke-1 KUHP", "Pasal 127 ayat (1) huruf a UU 35/2009",
                                 "UU 11/2012"]
    check = book.run("check")
    assert_clean_exit(check, 0)  # free text stays valid: a warning, not a problem
    assert f"Peringatan: cases/{case_id}/case.yaml:" in check.stderr and "1 pasal belum dicatat kitabnya" in check.stderr


def test_plain_kuhp_for_an_offence_after_the_switch_is_left_for_the_officer(book: Book) -> None:
    data = kerja_sosial_intake(articles=["Pasal 471 KUHP"])
    case_id = book.new(data)
    assert yamlio.load(book.cases / case_id / "case.yaml")["legal"]["articles"] == ["Pasal 471 KUHP"]


# -- the date of the offence says which code applies -------------------------------------------------------------


def test_check_warns_when_an_article_is_of_the_other_code(book: Book) -> None:
    data = kerja_sosial_intake(articles=[{"article": "Pasal 351", "code": "kuhp"}])
    path = write_answers(book.root.parent / "a.yaml", data)
    saved = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(saved, 0)
    # said at once after saving, and by check (which still passes)
    warning = ("legal.articles[0].code: Pasal 351 KUHP: tindak pidana tanggal 18 Januari 2026 berada di bawah KUHP "
               "baru (UU 1/2023); periksa kitabnya")
    assert warning in saved.stderr
    check = book.run("check")
    assert_clean_exit(check, 0)
    assert warning in check.stderr and "Peringatan: cases/" in check.stderr
    assert json.loads(book.run("check", "--json").stdout)["warnings"][0].endswith(warning)


def test_an_old_code_article_with_a_verdict_before_the_switch_is_fine_and_the_new_one_is_not(book: Book) -> None:
    data = intake_answers(legal={"articles": [{"article": "Pasal 458", "code": "uu_1_2023"},
                                              {"article": "Pasal 127", "code": "uu_khusus", "law": "UU 35/2009"}]})
    case_id = book.new(data)
    check = book.run("check")
    assert_clean_exit(check, 0)
    assert f"cases/{case_id}/case.yaml:" in check.stderr
    # no offence date: the verdict of 21 November 2016 says the offence came before the switch
    assert "Pasal 458 UU 1/2023: tindak pidana sebelum 21 November 2016 berada di bawah KUHP lama" in check.stderr
    assert "Pasal 127" not in check.stderr  # a special law never mismatches


# -- earlier casebooks ------------------------------------------------------------------------------------------


@pytest.fixture
def legacy(tmp_path: Path) -> Book:
    root = tmp_path / "legacy"
    shutil.copytree(FIXTURE, root)
    return Book(root)


def test_free_text_articles_of_an_earlier_casebook_stay_valid_and_fix_tags_them(legacy: Book) -> None:
    check = legacy.run("check", today=TODAY)
    assert_clean_exit(check, 0)
    assert "pasal belum dicatat kitabnya" in check.stderr
    listed = {c["id"]: c for c in json.loads(legacy.run("list", "--all", "--json", today=TODAY).stdout)["cases"]}
    assert listed["2025-bzg-k7m2p"]["articles"] == ["Pasal 338 KUHP"]
    report = legacy.run("report", "2026-ncp-3xq8d", "--kind", "litmas", today=TODAY)
    assert_clean_exit(report, 0)
    assert "Pasal 127 ayat (1) huruf a UU No. 35 Tahun 2009" in report.stdout  # printed as written

    before = (legacy.cases / "2025-bzg-k7m2p" / "case.yaml").read_text(encoding="utf-8")
    fixed = legacy.run("check", "--fix", today=TODAY)
    assert_clean_exit(fixed, 0)
    out = fixed.stdout
    assert ("cases/2025-bzg-k7m2p/case.yaml: 1 pasal dicatat kitabnya: Pasal 338 KUHP → KUHP lama (Wetboek van "
            "Strafrecht)") in out
    assert ("cases/2026-ncp-3xq8d/case.yaml: 1 pasal dicatat kitabnya: Pasal 127 ayat (1) huruf a UU 35/2009 → "
            "Undang-undang khusus") in out
    # the child's verdict came after the switch and its offence date is unknown: "KUHP" is left, saying why
    assert ("cases/2026-rcp-9bt4w/case.yaml: pasal 'Pasal 363 ayat (1) ke-4 KUHP' dibiarkan seperti tertulis: 'KUHP' "
            "dapat berarti KUHP lama atau UU 1/2023 untuk tindak pidana sejak 2 Januari 2026") in out
    assert "pasal 'UU No. 11 Tahun 2012 (SPPA)' dibiarkan seperti tertulis: bukan pasal" in out
    after = (legacy.cases / "2025-bzg-k7m2p" / "case.yaml").read_text(encoding="utf-8")
    assert "- article: Pasal 338\n    code: kuhp\n" in after
    # only the articles changed; comments and layout stay (a rewritten file gains the end marker, issue 13)
    assert [ln for ln in before.splitlines() if "Pasal 338" not in ln and ln != END_MARKER] == [
        ln for ln in after.splitlines() if ln not in ("  - article: Pasal 338", "    code: kuhp", END_MARKER)]
    assert after.rstrip("\n").endswith(END_MARKER)
    listed = {c["id"]: c for c in json.loads(legacy.run("list", "--all", "--json", today=TODAY).stdout)["cases"]}
    assert listed["2025-bzg-k7m2p"]["articles"] == ["Pasal 338 KUHP"]  # the same words, now from the tag
    assert listed["2026-ncp-3xq8d"]["articles"] == ["Pasal 127 ayat (1) huruf a UU 35/2009"]
    again = legacy.run("check", "--fix", today=TODAY)
    assert "dicatat kitabnya:" not in again.stdout  # nothing left it can read


# -- the child programme's old code ----------------------------------------------------------------------------


def _legacy_child(book: Book, birth: str, **legal: Any) -> Path:
    """The legacy child case with the old code ``pidana_pengawasan`` and the given birth date and legal fields."""
    path = book.cases / "2026-rcp-9bt4w" / "case.yaml"
    data = yamlio.load(path)
    data["identity"]["birth_date"] = dt.date.fromisoformat(birth)
    data["legal"]["programme"] = "pidana_pengawasan"
    data["legal"].update(legal)
    path.write_text("# berkas lama: kode program sebelum UU 1/2023\n" + yamlio.dumps(data), encoding="utf-8")
    return path


def test_the_old_child_code_is_named_by_check_and_renamed_by_fix_when_the_client_was_a_child(legacy: Book) -> None:
    path = _legacy_child(legacy, "2010-02-03")
    check = legacy.run("check", today=TODAY)
    assert_clean_exit(check, 1)
    assert "cases/2026-rcp-9bt4w/case.yaml:" in check.stderr
    assert "legal.pengawasan: wajib diisi untuk pidana pengawasan (dewasa, UU 1/2023)" in check.stderr
    assert "`bapascase check --fix` mengubahnya menjadi 'pengawasan_anak'" in check.stderr
    fixed = legacy.run("check", "--fix", today=TODAY)
    assert ("cases/2026-rcp-9bt4w/case.yaml: program 'pidana_pengawasan' (kode lama pidana pengawasan anak) menjadi "
            "'pengawasan_anak': klien berumur 16 tahun pada tanggal putusan (15 Oktober 2026)") in fixed.stdout
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# berkas lama") and "programme: pengawasan_anak" in saved
    assert_clean_exit(legacy.run("check", today=TODAY), 0)


def test_an_old_child_code_that_cannot_be_told_is_left_saying_why(legacy: Book) -> None:
    path = _legacy_child(legacy, "1999-02-03", articles=["Pasal 363 ayat (1) ke-4 KUHP"])
    fixed = legacy.run("check", "--fix", today=TODAY)
    assert_clean_exit(fixed, 1)
    assert ("cases/2026-rcp-9bt4w/case.yaml: program 'pidana_pengawasan' dibiarkan: klien berumur 27 tahun pada "
            "tanggal putusan (15 Oktober 2026) dan tanggal tindak pidana tidak tercatat, sehingga tidak dapat "
            "dipastikan kasus anak") in fixed.stdout
    assert "programme: pidana_pengawasan" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("birth", "legal", "child"), [
    ("2008-01-10", {"offence_date": "2025-12-01"}, True),  # 17 at the offence, 18 at the verdict: a child
    ("1999-01-10", {}, True),  # an adult, but the articles cite the juvenile justice law (the fixture's SPPA line)
])
def test_what_tells_a_child_case(legacy: Book, birth: str, legal: dict[str, Any], child: bool) -> None:
    _legacy_child(legacy, birth, **legal)
    fixed = legacy.run("check", "--fix", today=TODAY)
    assert ("menjadi 'pengawasan_anak'" in fixed.stdout) is child
