"""``event`` and ``close``: every kind of legal event and every closing ground, scripted (``--answers``,
``--no-input``) and through the interview (prompt_toolkit pipe input), the records an event cites, and what the
interview asks (only the fields of the chosen kind or ground)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import ENTER, TODAY, YES, Book, assert_clean_exit, interactive, pick, type_
from tests.sentence_helpers import SENTENCE_KINDS
from tests.stage_helpers import (
    answers,
    answers_file,
    check,
    entry_rel,
    interactive_seen,
    is_entry,
    multiline,
    record,
    record_ok,
    retype,
    summary,
    through,
)

SAVE = pick(0)


@pytest.fixture
def case_id(book: Book) -> str:
    """A PB client with a report on 30 April and missed reports on 15 and 31 May 2026."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "monitor", case_id, answers("monitor", progress=None, attendance=None))
    for day in ("2026-05-15", "2026-05-31"):
        record_ok(book, "monitor", case_id, {"date": day, "wajib_lapor": {"status": "tidak_hadir"}})
    return case_id


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    """A document of the case; an entry named by its date (``events/2026-06-02.yaml``) is the one of that date."""
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, rel))
    assert isinstance(data, dict)
    return data


def refs(book: Book, case_id: str, *rels: str) -> list[str]:
    """Entries named by their date as the case holds them (each entry file carries a tag after its date)."""
    return [entry_rel(book, case_id, rel) for rel in rels]


def run(book: Book, command: str, case_id: str, keys: list[str], **kw: Any) -> Any:
    return interactive([command, case_id], keys, casebook=book.root, **kw)


# -- every kind, scripted -----------------------------------------------------------------------------------------

SCRIPTED: dict[str, dict[str, Any]] = {
    "sidang_tpp": {"date": "2026-06-18", "number": "41/TPP/VI/2026", "agenda": "Evaluasi tiga bulan PB"},
    "surat_peringatan": {"date": "2026-06-02", "order": 1, "number": "W2.PAS-0101", "grounds": ["tidak_wajib_lapor"],
                         "cites": ["monitoring/2026-05-31.yaml"]},
    "usulan_pencabutan": {"date": "2026-06-10", "grounds": ["pindah_alamat"],
                          "cites": ["monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml"],
                          "description": "Klien pindah ke Binjai tanpa melapor."},
    "pencabutan_sementara": {"date": "2026-06-11", "grounds": ["pindah_alamat"], "custody": "Lapas Kelas I Medan"},
    "pencabutan_sementara_dicabut": {"date": "2026-06-14", "reason": "Usulan pencabutan tidak disetujui Kanwil."},
    "izin_bepergian": {"date": "2026-06-01", "scope": "luar_negeri",
                       "period": {"start": "2026-06-05", "end": "2026-06-12"}, "destination": "Penang, Malaysia",
                       "purpose": "Berobat", "approved_by": "Drs. Kepala Contoh, M.Si."},
    "pemindahan_bimbingan": {"date": "2026-06-12", "to_bapas": "Bapas Kelas II Pematangsiantar",
                             "reason": "Klien pindah domisili ke Pematangsiantar"},
}


@pytest.mark.parametrize("kind", list(SCRIPTED))
def test_every_kind_of_event_is_recorded_from_an_answers_file(book: Book, case_id: str, kind: str) -> None:
    from bapascase.model.event import EventDoc

    # a new kind gets a scripted test here (the kinds of the 2026 sentences, beside their sentences)
    assert [*SCRIPTED, *SENTENCE_KINDS] == list(EventDoc.kinds)
    given = {"kind": kind, **SCRIPTED[kind]}
    if "cites" in given:
        given["cites"] = refs(book, case_id, *given["cites"])
    out = record_ok(book, "event", case_id, given)
    assert is_entry(out["path"], f"cases/{case_id}/events/{given['date']}")
    saved = load(book, case_id, f"events/{given['date']}.yaml")
    assert saved["kind"] == kind and list(saved)[:3] == ["schema_version", "kind", "date"]
    for key, value in given.items():
        if key != "date" and not isinstance(value, dict):
            assert saved[key] == value, key
    assert_clean_exit(book.run("check"), 0)


def test_an_event_without_its_kind_or_with_another_kinds_fields_is_refused(book: Book, case_id: str) -> None:
    result = record(book, "event", case_id, None)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Jawaban wajib belum ada (--answers): kind"
    result = record(book, "event", case_id, {"kind": "sidang", "date": "2026-06-01"})
    assert_clean_exit(result, 1)
    assert "kind: jenis peristiwa 'sidang' tidak dikenal (pilih: sidang_tpp, surat_peringatan" in result.stderr
    result = record(book, "event", case_id, {"kind": "izin_bepergian", "date": "2026-06-01", "agenda": "x"})
    assert_clean_exit(result, 1)
    assert "agenda:" in result.stderr and "period" in result.stderr
    assert not (book.cases / case_id / "events").exists()


def test_cited_records_must_exist_and_come_before_the_event(book: Book, case_id: str) -> None:
    m15, m31 = refs(book, case_id, "monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml")
    cites = [m15, m31, "monitoring/2026-01-01.yaml", "../../bapascase.yaml"]
    given: dict[str, Any] = {"kind": "surat_peringatan", "date": "2026-05-20", "order": 1,
                             "grounds": ["tidak_wajib_lapor"], "cites": cites}
    result = record(book, "event", case_id, given)
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert any("cites[3]: '../../bapascase.yaml' bukan berkas kasus ini" in ln for ln in lines), lines
    given["cites"] = cites[:3]
    result = record(book, "event", case_id, given)
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    assert any(ln.endswith(f"cites[1]: berkas '{m31}' bertanggal 31 Mei 2026, sesudah peristiwa ini")
               for ln in lines), lines
    assert any(ln.endswith("cites[2]: berkas 'monitoring/2026-01-01.yaml' tidak ada di kasus ini") for ln in lines)
    assert all(ln.startswith(str(book.root.parent / "answers")) and ":" in ln for ln in lines)  # file:line: field


def test_a_proposal_on_three_missed_reports_must_cite_them(book: Book, case_id: str) -> None:
    given = {"kind": "usulan_pencabutan", "date": "2026-06-10", "grounds": ["tidak_wajib_lapor_3x"],
             "cites": refs(book, case_id, "monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml")}
    result = record(book, "event", case_id, given)
    assert_clean_exit(result, 1)
    assert ("cites: dasar 'tidak wajib lapor 3 kali berturut-turut' harus merujuk sedikitnya 3 monitoring "
            "berstatus tidak hadir (dirujuk: 2)") in result.stderr
    record_ok(book, "monitor", case_id, {"date": "2026-06-14", "wajib_lapor": {"status": "tidak_hadir"}})
    record_ok(book, "event", case_id, {**given, "date": "2026-06-15", "cites": [
        *given["cites"], *refs(book, case_id, "monitoring/2026-06-14.yaml")]})


def test_what_the_records_say_is_offered(book: Book, case_id: str) -> None:
    """A warning cites the missed reports of the current run and counts the letters before it; a proposal on three
    missed reports cites them and the warnings; a back-dated event is offered only what came before it."""
    record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-05-20"})
    first = load(book, case_id, "events/2026-05-20.yaml")
    assert (first["order"], first["grounds"], first["cites"]) == (1, ["tidak_wajib_lapor"],
                                                                   refs(book, case_id, "monitoring/2026-05-15.yaml"))
    record_ok(book, "event", case_id, {"kind": "surat_peringatan", "date": "2026-06-02"})
    second = load(book, case_id, "events/2026-06-02.yaml")
    assert second["order"] == 2
    assert second["cites"] == refs(book, case_id, "monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml")
    record_ok(book, "monitor", case_id, {"date": "2026-06-14", "wajib_lapor": {"status": "tidak_hadir"}})
    record_ok(book, "event", case_id, {"kind": "usulan_pencabutan"})  # dated today
    proposal = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert proposal["grounds"] == ["tidak_wajib_lapor_3x"]
    assert proposal["cites"] == refs(book, case_id, "monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml",
                                     "monitoring/2026-06-14.yaml", "events/2026-05-20.yaml", "events/2026-06-02.yaml")


# -- every kind, through the interview ----------------------------------------------------------------------------

INTERVIEWS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "sidang_tpp": (
        [pick(0), retype("18/6/2026"), type_("41/TPP/VI/2026"), type_("Evaluasi tiga bulan PB"), ENTER,
         multiline(""), ENTER, multiline("")],
        {"date": dt.date(2026, 6, 18), "number": "41/TPP/VI/2026", "agenda": "Evaluasi tiga bulan PB"},
    ),
    "surat_peringatan": (
        [pick(1), ENTER, ENTER, type_("W2.PAS-0101"), ENTER, multiline("Tidak datang dua kali."), ENTER],
        {"date": TODAY, "order": 1, "number": "W2.PAS-0101", "grounds": ["tidak_wajib_lapor"],
         "description": "Tidak datang dua kali.",
         "cites": ["monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml"]},
    ),
    "usulan_pencabutan": (
        [pick(2), ENTER, ENTER, check(5), check(1, 2), multiline("Pindah tanpa melapor."), multiline("")],
        {"date": TODAY, "grounds": ["pindah_alamat"],
         "cites": ["monitoring/2026-05-15.yaml", "monitoring/2026-05-31.yaml"],
         "description": "Pindah tanpa melapor."},
    ),
    "pencabutan_sementara": (
        [pick(3), ENTER, type_("W2-77"), check(5), type_("Lapas Kelas I Medan"), multiline("")],
        {"date": TODAY, "number": "W2-77", "grounds": ["pindah_alamat"], "custody": "Lapas Kelas I Medan"},
    ),
    "pencabutan_sementara_dicabut": (
        [pick(4), ENTER, ENTER, multiline("Usulan tidak disetujui.")],
        {"date": TODAY, "reason": "Usulan tidak disetujui."},
    ),
    "izin_bepergian": (
        [pick(5), ENTER, pick(2), type_("Penang, Malaysia"), type_("Berobat"), type_("Drs. Kepala Contoh, M.Si."),
         ENTER, ENTER, type_("25/6/2026")],
        {"date": TODAY, "scope": "luar_negeri", "period": {"start": TODAY, "end": dt.date(2026, 6, 25)},
         "destination": "Penang, Malaysia", "purpose": "Berobat", "approved_by": "Drs. Kepala Contoh, M.Si."},
    ),
    "pemindahan_bimbingan": (
        [pick(6), ENTER, type_("Bapas Kelas II Pematangsiantar"), type_("Pindah domisili"), ENTER, ENTER],
        {"date": TODAY, "to_bapas": "Bapas Kelas II Pematangsiantar", "reason": "Pindah domisili"},
    ),
}


# a question only one kind asks
DISTINCTIVE = {"sidang_tpp": "Agenda", "surat_peringatan": "Peringatan ke-", "usulan_pencabutan": "Dasar usulan",
               "pencabutan_sementara": "Klien diserahkan ke",
               "izin_bepergian": "Keperluan", "pemindahan_bimbingan": "Bapas tujuan"}


@pytest.mark.parametrize("kind", list(INTERVIEWS))
def test_every_kind_of_event_through_the_interview(book: Book, case_id: str, kind: str) -> None:
    from bapascase.model.event import EventDoc

    assert [*INTERVIEWS, *SENTENCE_KINDS] == list(EventDoc.kinds)
    keys, expected = INTERVIEWS[kind]
    result, screen = interactive_seen(["event", case_id], [*keys, SAVE], casebook=book.root)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, f"events/{expected['date'].isoformat()}.yaml")
    assert saved.pop("schema_version") == 1 and saved.pop("kind") == kind
    if "cites" in expected:
        expected = {**expected, "cites": refs(book, case_id, *expected["cites"])}
    saved.pop("cites", None) if "cites" not in expected else None
    assert saved == expected
    # only the chosen kind's questions were asked
    for other, title in DISTINCTIVE.items():
        if other != kind:
            assert f"? {title}" not in screen, (other, title)


def test_an_interrupted_event_keeps_its_kind_in_the_draft(book: Book, case_id: str) -> None:
    from tests.helpers import CTRL_C

    first = run(book, "event", case_id, [pick(5), ENTER, pick(1), type_("Kabanjahe"), CTRL_C])
    assert_clean_exit(first, 130)
    draft = yamlio.load(book.root / ".bapascase" / "drafts" / f"{case_id}--event.yaml")
    assert draft["answers"]["kind"] == "izin_bepergian" and draft["answers"]["destination"] == "Kabanjahe"
    # resumed: the kind is offered again, the draft taken up where it stopped
    rest = [ENTER, YES, type_("Pesta adat"), type_("Kepala Bapas"), ENTER, ENTER, type_("20/6/2026"), SAVE]
    second = run(book, "event", case_id, rest)
    assert_clean_exit(second, 0)
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert (saved["destination"], saved["purpose"], saved["scope"]) == ("Kabanjahe", "Pesta adat", "luar_kota")


# -- the legal end ------------------------------------------------------------------------------------------------

CLOSINGS: dict[str, dict[str, Any]] = {
    "masa_bimbingan_berakhir": {},
    "pencabutan": {"decree_number": "PAS-1.PK.05.09-2026", "decree_date": "2026-06-10"},
    "meninggal": {"death_date": "2026-06-08"},
    "dipindahkan": {"to_bapas": "Bapas Kelas II Pematangsiantar"},
    "lainnya": {"ground_other": "Putusan peninjauan kembali membebaskan klien"},
}


@pytest.mark.parametrize("ground", list(CLOSINGS))
def test_every_ground_closes_a_case_and_needs_its_own_fields(book: Book, case_id: str, ground: str) -> None:
    from bapascase.model.grounds import CLOSING_GROUNDS

    assert list(CLOSINGS) == list(CLOSING_GROUNDS)
    needs = CLOSINGS[ground]
    if needs:
        result = record(book, "close", case_id, {"date": "2026-06-12", "ground": ground})
        assert_clean_exit(result, 1)
        for name in needs:
            assert f"{name}: wajib diisi untuk dasar pengakhiran ini" in result.stderr
            break  # the model names the first missing one; the next run the next
    if ground == "masa_bimbingan_berakhir":  # only once it has ended (test_close_refuses_an_early_end)
        path = book.case_file(case_id)
        path.write_text(path.read_text(encoding="utf-8").replace("supervision_end: 2028-03-14",
                                                                 "supervision_end: 2026-06-12"), encoding="utf-8")
    record_ok(book, "close", case_id, {"date": "2026-06-12", "ground": ground, **needs})
    s = summary(book, case_id)
    assert (s["closed"], s["supervision"], s["closing_ground"], s["closed_on"]) == (True, "ended", ground,
                                                                                    "2026-06-12")
    assert s["due"] == [] and s["next_report_due"] is None


def test_the_closing_interview_asks_only_the_grounds_own_fields(book: Book, case_id: str) -> None:
    keys = [ENTER, pick(2), type_("PAS-1.PK.05.09-2026"), type_("10/6/2026"), ENTER, ENTER,
            multiline("Dicabut karena pindah tanpa melapor."), multiline(""), multiline(""), SAVE]
    result, screen = interactive_seen(["close", case_id], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "closing.yaml") == {
        "schema_version": 1, "date": TODAY, "ground": "pencabutan", "decree_number": "PAS-1.PK.05.09-2026",
        "decree_date": dt.date(2026, 6, 10), "summary": "Dicabut karena pindah tanpa melapor."}
    assert "Nomor keputusan pencabutan" in screen
    for other in ("Tanggal meninggal", "Bapas tujuan", "Dasar lain", "Surat keterangan kematian"):
        assert other not in screen, other


def test_the_closing_offers_the_end_of_the_masa_bimbingan_and_a_transfer(book: Book, tmp_path: Path) -> None:
    from tests.helpers import intake_answers

    cb = {"programme": "CB", "supervision_end": None, "expiry": "2026-06-01"}  # ends at its ekspirasi
    case_id = book.new(intake_answers(legal=cb))
    record_ok(book, "close", case_id, {})  # ended 1 June 2026; today is 15 June
    assert load(book, case_id, "closing.yaml") == {"schema_version": 1, "date": dt.date(2026, 6, 1),
                                                  "ground": "masa_bimbingan_berakhir"}
    # (other clients: the same one twice is refused, issue 11)
    other = book.new(intake_answers(identity={"name": "Siti Aminah", "sex": "P", "nik": None}))
    record_ok(book, "event", other, {"kind": "pemindahan_bimbingan", "date": "2026-06-10",
                                     "to_bapas": "Bapas Kelas II Sibolga", "reason": "Pindah domisili"})
    record_ok(book, "close", other, {})
    assert load(book, other, "closing.yaml")["to_bapas"] == "Bapas Kelas II Sibolga"
    # answers that give another ground drop what was offered for the offered one
    third = book.new(intake_answers(identity={"name": "Rudi Hartono", "nik": None}, legal=cb))
    result = record(book, "close", third, {"ground": "meninggal", "death_date": "2026-06-02"})
    assert_clean_exit(result, 1)
    assert "date" in result.stderr  # the end date was offered for the ended masa bimbingan only
    record_ok(book, "close", third, {"date": "2026-06-03", "ground": "meninggal", "death_date": "2026-06-02"})


def test_close_refuses_a_date_before_supervision_began(book: Book, case_id: str) -> None:
    result = record(book, "close", case_id, {"date": "2026-02-01", "ground": "lainnya", "ground_other": "x"})
    assert_clean_exit(result, 1)
    assert "date: tanggal pengakhiran sebelum awal bimbingan (1 Maret 2026)" in result.stderr


def test_close_refuses_an_early_end_of_the_masa_bimbingan(book: Book, case_id: str) -> None:
    """The ground "masa bimbingan berakhir" holds from the end of the masa bimbingan (recorded, or derived from
    the ekspirasi by the programme) on: before it the client would leave the caseload and stop reporting."""
    from tests.helpers import intake_answers

    result = record(book, "close", case_id, {"date": "2026-06-12", "ground": "masa_bimbingan_berakhir"})
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == [
        " date: masa bimbingan belum berakhir pada 12 Juni 2026 (berakhir 14 Maret 2028); pilih dasar lain, atau "
        "perbaiki akhir masa bimbingan di registrasi kasus bila memang berubah"]
    assert not summary(book, case_id)["closed"]
    cb = book.new(intake_answers(identity={"name": "Siti Aminah", "sex": "P", "nik": None},
                                 legal={"programme": "CB", "supervision_end": None, "expiry": "2026-06-01"}))
    assert_clean_exit(record(book, "close", cb, {"date": "2026-05-31", "ground": "masa_bimbingan_berakhir"}), 1)
    record_ok(book, "close", cb, {"date": "2026-06-01", "ground": "masa_bimbingan_berakhir"})


@pytest.mark.parametrize(("given", "expected"), [
    ({"date": "2026-06-16", "ground": "lainnya", "ground_other": "Putusan PK"},
     [" date: tanggal 16 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi"]),
    ({"date": "2026-06-12", "ground": "meninggal", "death_date": "2026-06-13"},
     [" death_date: tanggal meninggal sesudah tanggal pengakhiran"]),
    ({"date": "2026-06-20", "ground": "meninggal", "death_date": "2026-06-20"},
     [" date: tanggal 20 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi",
      " death_date: tanggal 20 Juni 2026 sesudah hari ini (15 Juni 2026): catat setelah terjadi"]),
    ({"date": "2026-06-14", "ground": "pencabutan", "decree_number": "PAS-1", "decree_date": "2026-06-16"},
     [" decree_date: tanggal keputusan lebih akhir dari tanggal pengakhiran"]),
])
def test_close_refuses_a_closing_dated_ahead_or_a_death_after_it(book: Book, case_id: str, given: dict[str, Any],
                                                                 expected: list[str]) -> None:
    result = record(book, "close", case_id, given)
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == expected
    assert not summary(book, case_id)["closed"]
    record_ok(book, "close", case_id, {"date": "2026-06-15", "ground": "meninggal", "death_date": "2026-06-14"})


def test_close_refuses_a_date_the_records_after_it_contradict(book: Book, case_id: str) -> None:
    """The client reported on 30 April: a death on the 20th, or supervision ended on the 29th, is refused with one
    line naming that report; a closing on the day of the report holds (the client came, then it ended). ``check``
    names the same of a stored closing as a warning."""
    report = f"cases/{case_id}/" + entry_rel(book, case_id, "monitoring/2026-04-30.yaml")
    result = record(book, "close", case_id, {"date": "2026-04-25", "ground": "meninggal", "death_date": "2026-04-20"})
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == [
        f" death_date: klien melapor (wajib lapor) pada 30 April 2026 ({report}), sesudah tanggal meninggal "
        "20 April 2026; periksa tanggal meninggal, atau catatan itu"]
    result = record(book, "close", case_id, {"date": "2026-04-29", "ground": "lainnya", "ground_other": "Putusan PK"}, lang="en")
    assert_clean_exit(result, 1)
    assert [ln.split(":", 2)[2] for ln in result.stderr.splitlines()] == [
        f" date: the client reported (wajib lapor) on 30 April 2026 ({report}), after supervision ended on "
        "29 April 2026; check the closing date, or that record"]
    assert not summary(book, case_id)["closed"]
    # the missed reports of May say nothing of the client: a closing on the day of the report holds
    record_ok(book, "close", case_id, {"date": "2026-04-30", "ground": "meninggal", "death_date": "2026-04-30"})
    # a closing edited by hand to an earlier death: check warns, its exit status does not turn on it
    path = book.cases / case_id / "closing.yaml"
    path.write_text(path.read_text().replace("2026-04-30", "2026-04-28"))
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert f"klien melapor (wajib lapor) pada 30 April 2026 ({report}), sesudah tanggal meninggal 28 April 2026" \
        in result.output


def test_a_closing_reversed_by_a_reopening_contradicts_nothing(book: Book, case_id: str) -> None:
    """What was recorded after a reopening is no contradiction of the closing it reversed."""
    record_ok(book, "close", case_id, {"date": "2026-06-01", "ground": "lainnya", "ground_other": "Salah catat"})
    assert_clean_exit(book.run("reopen", case_id, "--reason", "Salah catat"), 0)
    record_ok(book, "monitor", case_id, {"date": "2026-06-10", "wajib_lapor": {"status": "hadir"}})
    result = book.run("check")
    assert_clean_exit(result, 0)
    assert "sesudah bimbingan berakhir" not in result.output
    result = record(book, "close", case_id, {"date": "2026-06-05", "ground": "lainnya", "ground_other": "x"})
    assert_clean_exit(result, 1)
    assert "sesudah bimbingan berakhir 5 Juni 2026" in result.stderr


def test_schema_names_the_new_documents(book: Book) -> None:
    import json

    event = json.loads(book.run("schema", "event").stdout)
    assert event["title"] == "Peristiwa hukum" and event["type"] == "object"
    assert event["discriminator"]["propertyName"] == "kind" and len(event["oneOf"]) == 7 + len(SENTENCE_KINDS)
    closing = json.loads(book.run("--lang", "en", "schema", "closing").stdout)
    assert closing["title"] == "End of supervision"
    assert closing["properties"]["ground"]["$ref"].endswith("ClosingGround")
    path = answers_file(book, {"kind": "sidang_tpp", "date": "2026-06-20", "agenda": "x"}, "e.yaml")
    import jsonschema

    jsonschema.validate(yamlio.load(path), event)


# -- the life of a closed case -------------------------------------------------------------------------------


def test_close_then_every_write_is_refused_until_reopen(book: Book, case_id: str, tmp_path: Path) -> None:
    from tests.stage_helpers import make_editor

    record_ok(book, "event", case_id, {"kind": "sidang_tpp", "date": "2026-06-02", "agenda": "Evaluasi"})
    record_ok(book, "close", case_id, {"date": "2026-06-12", "ground": "dipindahkan",
                                       "to_bapas": "Bapas Kelas II Sibolga"})
    listed = book.run("list", "--json")
    assert case_id not in listed.stdout and case_id in book.run("list", "--all", "--json").stdout
    refused = (f"Bimbingan {case_id} sudah diakhiri (pengakhiran bimbingan). Buka kembali dengan "
               f"`bapascase reopen {case_id} --reason ...`.")
    for command, data in (("monitor", {"date": "2026-06-14", "wajib_lapor": {"status": "hadir"}}),
                          ("event", {"kind": "sidang_tpp", "date": "2026-06-14", "agenda": "x"}),
                          ("close", {"ground": "meninggal", "death_date": "2026-06-13"})):
        result = record(book, command, case_id, data)
        assert_clean_exit(result, 1)
        assert result.stderr.strip() == refused, command
    editor = make_editor(tmp_path / "ed", [("agenda: Evaluasi", "agenda: Evaluasi ulang")])
    result = book.run("edit", case_id, "event", env=editor.env)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == refused and editor.edited == []
    result = book.run("reopen", case_id, "--reason", "Bapas Sibolga menolak; klien tetap di Medan")
    assert_clean_exit(result, 0)
    assert result.stdout.startswith(f"Bimbingan {case_id} dibuka kembali (pengakhiran dibatalkan)")
    record_ok(book, "monitor", case_id, {"date": "2026-06-15", "wajib_lapor": {"status": "hadir"}})
    assert summary(book, case_id)["supervision"] == "active"
    # an edited event is validated as its own kind
    bad = make_editor(tmp_path / "ed2", [("agenda: Evaluasi", "agenda: Evaluasi\norder: 2")])
    result = book.run("edit", case_id, "event", "--entry", "2026-06-02", env=bad.env)
    assert_clean_exit(result, 1)
    assert "order:" in result.stderr
