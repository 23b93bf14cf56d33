"""Every stage's interview through prompt_toolkit pipe input: typed answers, the special prompts (instrument items,
the goal checkbox, monitoring progress pre-filled from the plan), the review screen, the stage-order question,
Ctrl-C drafts and their resume."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import CTRL_C, ENTER, NO, TODAY, YES, Book, assert_clean_exit, interactive, pick, type_
from tests.stage_helpers import (
    RRI_SEDANG,
    RRI_TINGGI,
    add_rri_version,
    answers,
    answers_file,
    check,
    complete,
    draft_file,
    entry_rel,
    interactive_seen,
    multiline,
    record_ok,
    retype,
    summary,
    through,
)

# the interviews, not git: casebooks without a repository (no commit on every save)
pytestmark = pytest.mark.git(False)

SAVE = pick(0)  # the review screen's first choice: save


def run(book: Book, command: str, case_id: str, keys: list[str], given: dict[str, Any] | None = None,
        *extra: str, **kw: Any) -> Any:
    args = [command, case_id, *extra]
    if given is not None:
        args += ["--answers", str(answers_file(book, given, f"{command}-partial.yaml"))]
    return interactive(args, keys, casebook=book.root, **kw)


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, rel))
    assert isinstance(data, dict)
    return data


# -- engage: every question typed ---------------------------------------------------------------------------------

ENGAGE_GENERAL = [
    retype("5/3/2026"),  # engagement date, day first (today is pre-filled)
    multiline("Empati dan komunikasi terbuka;\nklien mulai bercerita tentang keluarganya."),  # rapport
    multiline(""),  # presenting problems
    multiline("Kembali menjadi ayah dan kepala keluarga."),  # expectations
]
ENGAGE_CONTACTS = [
    YES,  # add a contact?
    type_("5/3/2026"), pick(1),  # date, mode: tatap muka (a required choice starts on "— pilih —")
    type_("Ruang konseling Bapas"),
    type_("Praktikan"), ENTER,  # participants, then an empty one ends the list
    multiline("Perkenalan."),
    YES,  # another contact
    type_("9/3/2026"), pick(3),  # kunjungan rumah
    ENTER, ENTER,  # no place, no participants
    multiline(""),
    NO,
]
ENGAGE_INTAKE = [ENTER, YES, YES, YES, YES, YES, NO, YES, multiline("")]  # no date; card not yet issued
ENGAGE_CONTRACT = [
    type_("Menjauhi minuman beralkohol"), type_("Memiliki keterampilan kerja"), ENTER,
    retype("14"),  # wajib-lapor interval (30 offered)
    pick(1),  # remote
    type_("Bapas Kelas I Medan"),
    multiline("Dua minggu sekali."),
    type_("Hadir wajib lapor"), ENTER,
    ENTER,  # no PK commitments
    YES, NO,  # consent, guarantor signed
    type_("9/3/2026"),
    multiline(""),
]


ENGAGE_EXPECTED: dict[str, Any] = {
    "schema_version": 1,
    "date": dt.date(2026, 3, 5),
    "rapport": "Empati dan komunikasi terbuka;\nklien mulai bercerita tentang keluarganya.",
    "client_expectations": "Kembali menjadi ayah dan kepala keluarga.",
    "contacts": [
        {"date": dt.date(2026, 3, 5), "mode": "tatap_muka", "place": "Ruang konseling Bapas",
         "participants": ["Praktikan"], "notes": "Perkenalan."},
        {"date": dt.date(2026, 3, 9), "mode": "kunjungan_rumah", "participants": []},
    ],
    "intake": {"status_explained": True, "rights_explained": True, "obligations_explained": True,
               "prohibitions_explained": True, "sanctions_explained": True, "kartu_bimbingan_issued": False,
               "client_understood": True},
    "contract": {
        "agreed_goals": ["Menjauhi minuman beralkohol", "Memiliki keterampilan kerja"],
        "wajib_lapor_interval_days": 14, "wajib_lapor_mode": "daring", "wajib_lapor_place": "Bapas Kelas I Medan",
        "meeting_plan": "Dua minggu sekali.", "client_commitments": ["Hadir wajib lapor"], "officer_commitments": [],
        "data_consent": True, "guarantor_signed": False, "signed_date": dt.date(2026, 3, 9),
    },
}


def test_engage_interview(book: Book) -> None:
    case_id = book.new()
    keys = [*ENGAGE_GENERAL, *ENGAGE_CONTACTS, *ENGAGE_INTAKE, *ENGAGE_CONTRACT, SAVE]
    result = run(book, "engage", case_id, keys)
    assert_clean_exit(result, 0)
    assert f"EIC tersimpan untuk {case_id}: cases/{case_id}/engagement.yaml" in result.stdout
    for i, title in enumerate(["Umum", "Kontak", "Penjelasan saat intake", "Kontrak bimbingan"], 1):
        assert f"Bagian {i}/4: {title}" in result.stdout
    assert "Periksa kembali sebelum menyimpan" in result.stdout
    assert load(book, case_id, "engagement.yaml") == ENGAGE_EXPECTED
    assert summary(book, case_id)["stage"] == "engagement"


def test_engaging_again_offers_the_recorded_answers(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    given = complete("engage", answers("engage"), "rapport", "contract")
    recorded = answers("engage")["contract"]
    contract = [ENTER, ENTER, ENTER,  # the two agreed goals offered, no third
                retype("14"), ENTER, ENTER, multiline(""),  # interval changed; mode, place, plan kept (empty)
                ENTER, ENTER, ENTER, ENTER,  # commitments offered
                ENTER, ENTER, ENTER, multiline("")]  # consent (yes), guarantor (no), signed date
    result = run(book, "engage", case_id, [multiline(" Klien makin terbuka."), *contract, SAVE], given)
    assert_clean_exit(result, 0)
    data = load(book, case_id, "engagement.yaml")
    assert data["rapport"] == "Empati, komunikasi terbuka, perlahan dan konsisten. Klien makin terbuka."
    assert data["contract"] == {**recorded, "wajib_lapor_interval_days": 14, "guarantor_signed": False,
                                "signed_date": dt.date(2026, 3, 9)}


# -- assess: the instrument items as selects, a need typed, the rest from an answers file ---------------------

def choose(position: int) -> str:
    """Keys that answer an instrument item: nothing is chosen at first (the pointer is on "choose one"), so the
    option at ``position`` (0-based) is one more step down."""
    return pick(position + 1)


RRI_KEYS_SEDANG = [  # RRI_SEDANG: 3 + 2 + 1 + 1 = 7 points
    choose(0),  # first detained at 16 or younger: ya
    choose(1), choose(1), choose(1),  # never imprisoned, fewer than 3 articles, no violations
    choose(1),  # prior convictions: 1–2
    choose(1), choose(1), choose(1),  # no misconduct, never suspended, no family convictions
    choose(1),  # alcohol
    choose(0),  # unemployed 12 months: ya
]
CRIMINOGENIC_KEYS = [choose(1), choose(3), choose(2), choose(2), choose(2), choose(2), choose(1)]  # = CRIMINOGENIC


def assess_given() -> dict[str, Any]:
    return complete("assess", answers("assess"), "needs", "rri", "criminogenic")


def test_assess_interview_answers_the_instruments_item_by_item(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    need = [YES, type_("Keterampilan kerja"), pick(1), pick(-5), type_("Pangkas rambut"), NO]  # tinggi; ekonomi, up from "(tidak ada)"
    keys = [*need, *RRI_KEYS_SEDANG, *CRIMINOGENIC_KEYS, SAVE]
    result = run(book, "assess", case_id, keys, assess_given())
    assert_clean_exit(result, 0)
    out = result.stdout
    assert "Bagian 12/13: Asesmen risiko (RRI; instrumen anak untuk klien anak)" in out
    assert "Bagian 13/13: Kebutuhan kriminogenik" in out
    data = load(book, case_id, "assessment.yaml")
    assert data["needs"] == [{"need": "Keterampilan kerja", "priority": "tinggi", "domain": "ekonomi",
                              "notes": "Pangkas rambut"}]
    assert data["rri"] == {"instrument": "rri", "version": "2021", "answers": RRI_SEDANG}
    assert data["criminogenic"] == {"instrument": "kriminogenik", "version": "2021",
                                    "answers": answers("assess")["criminogenic"]["answers"]}
    assert data["resources"] == answers("assess")["resources"]
    scores = summary(book, case_id)["scores"]
    assert (scores["rri"]["total"], scores["rri"]["category"]) == (7, "sedang")


def test_reassessment_interview_shows_the_previous_answers_and_chooses_none(book: Book) -> None:
    """No answer that scores is taken from Enter alone: a reassessment shows each item's previous answer beside the
    question, and every item is chosen again (Enter on "choose one" is refused)."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "assess", case_id, answers("assess", rri={"answers": RRI_SEDANG}))
    given = complete("assess", answers("assess", date="2026-06-10"), "rri")
    keys = [
        ENTER,  # refused: nothing chosen yet
        choose(0), choose(1), choose(1), choose(1),
        choose(2),  # prior convictions: 3 or more (was 1–2)
        choose(1),
        choose(0),  # suspended from school: ya (was tidak)
        choose(1),
        choose(3),  # alcohol and narcotics (was alcohol)
        choose(0),
    ]
    result, screen = interactive_seen(
        ["assess", case_id, "--answers", str(answers_file(book, given, "assess-partial.yaml"))], [*keys, SAVE],
        casebook=book.root)
    assert_clean_exit(result, 0)
    assert "sebelumnya: Ya" in screen  # the first item, drawn before any key (the rest: tests/test_keyboard_pty.py)
    assert f"cases/{case_id}/{entry_rel(book, case_id, 'assessments/2026-06-10.yaml')}" in result.stdout
    assert load(book, case_id, "assessments/2026-06-10.yaml")["rri"]["answers"] == RRI_TINGGI
    assert load(book, case_id, "assessment.yaml")["rri"]["answers"] == RRI_SEDANG  # kept
    show = book.run("show", case_id)
    assert "naik dari Sedang menjadi Tinggi" in show.stdout


def test_reassessment_interview_uses_the_newest_instrument_version(book: Book) -> None:
    """A newer version in the casebook: its items are asked (one item renamed in 2025 among them)."""
    case_id = book.new()
    through(book, case_id, "engage")
    record_ok(book, "assess", case_id, answers("assess", rri={"answers": RRI_SEDANG}))
    add_rri_version(book, "2025", rename={"menganggur_12_bulan": "menganggur"})
    given = complete("assess", answers("assess", date="2026-06-10"), "rri")
    # part A now totals 6: not a narcotics case (Enter confirms what the intake says), part B asked ("Tidak" x4)
    result = run(book, "assess", case_id, [*RRI_KEYS_SEDANG[:9], choose(1), ENTER, *[choose(1)] * 4, SAVE], given)
    assert_clean_exit(result, 0)
    assert "Risiko Residivisme Indonesia (RRI) (2025)" in result.stdout
    assert "Bagian B: Faktor Risiko Tambahan" in result.stdout
    rri = load(book, case_id, "assessments/2026-06-10.yaml")["rri"]
    expected = {k: v for k, v in RRI_SEDANG.items() if k != "menganggur_12_bulan"}
    part_b = dict.fromkeys(["b_peningkatan", "b_kekerasan_sebelum_15", "b_kdrt", "b_kekerasan_seksual_terorisme"],
                           "tidak")
    assert rri == {"instrument": "rri", "version": "2025", "narcotics_case": False,
                   "answers": {**expected, "menganggur": "tidak", **part_b}}


# -- plan: goals offered from the assessment's needs, an activity typed ------------------------------------------

PLAN_GOALS = [
    ENTER, ENTER,  # T1 and its need, as offered
    type_("Klien kembali berperan sebagai ayah"),
    type_("Mengantar anak ke sekolah"), ENTER,
    type_("30/6/2026"),
    ENTER, ENTER, type_("Klien memiliki keterampilan pangkas rambut"), ENTER, ENTER,  # T2
    retype("T3"), ENTER, type_("Klien tidak minum alkohol"), ENTER, ENTER,  # T3
    NO,  # no more goals
]
PLAN_ACTIVITY = [
    YES,
    pick(5),  # pelatihan keterampilan
    type_("Pelatihan pangkas rambut"),
    multiline("Kursus dasar pangkas rambut."),
    ENTER,  # partner
    type_("Griya Abhipraya"),
    type_("Setiap Senin"),
    type_("6/4/2026"), type_("25/5/2026"),
    type_("Pengelola Griya Abhipraya"),
    type_("T2"), ENTER,  # goal ids
    NO,
]


def test_plan_interview_offers_goals_from_the_assessment(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    given = complete("plan", {"date": "2026-03-19", "theories": ["ekologi", "peran"], "agreed_with_client": True},
                     "goals", "activities")
    result = run(book, "plan", case_id, [*PLAN_GOALS, *PLAN_ACTIVITY, SAVE], given)
    assert_clean_exit(result, 0)
    plan = load(book, case_id, "plan.yaml")
    assert plan["goals"] == [
        {"id": "T1", "need": "Pemulihan peran dalam keluarga", "objective": "Klien kembali berperan sebagai ayah",
         "indicators": ["Mengantar anak ke sekolah"], "target_date": dt.date(2026, 6, 30)},
        {"id": "T2", "need": "Keterampilan kerja dan usaha", "objective": "Klien memiliki keterampilan pangkas rambut",
         "indicators": []},
        {"id": "T3", "need": "Menjauhi alkohol dan pergaulan lama", "objective": "Klien tidak minum alkohol",
         "indicators": []},
    ]
    assert plan["activities"] == [{
        "type": "pelatihan_keterampilan", "name": "Pelatihan pangkas rambut",
        "description": "Kursus dasar pangkas rambut.", "venue": "Griya Abhipraya", "schedule": "Setiap Senin",
        "start_date": dt.date(2026, 4, 6), "end_date": dt.date(2026, 5, 25),
        "responsible": "Pengelola Griya Abhipraya", "goal_ids": ["T2"],
    }]
    assert plan["theories"] == ["ekologi", "peran"]
    assert summary(book, case_id)["stage"] == "planning"


# -- intervene: the goals as a checkbox of the plan's goals ---------------------------------------------------------


def test_intervene_interview_picks_goals_from_the_plan(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("intervene", answers("intervene"), "goal_ids", "description", "follow_up")
    keys = [check(1, 2), multiline("Latihan memangkas rambut;\nklien mencoba alat baru."), multiline("Berlatih di rumah."),
            SAVE]
    result = run(book, "intervene", case_id, keys, given)
    assert_clean_exit(result, 0)
    assert "Tujuan yang dituju: T2, T3" in result.stdout  # the review screen
    data = load(book, case_id, "interventions/2026-04-06.yaml")
    assert data["goal_ids"] == ["T2", "T3"]
    assert data["description"] == "Latihan memangkas rambut;\nklien mencoba alat baru."
    assert data["follow_up"] == "Berlatih di rumah."
    assert data["type"] == "pelatihan_keterampilan"


# -- monitor: progress pre-filled from the plan and the last entry ------------------------------------------------

MONITOR_WAJIB_LAPOR = [pick(2), type_("Sakit; lapor lewat panggilan video"), ENTER]  # jarak jauh, reason, notes
MONITOR_RATINGS = [type_("7"), retype("4"), type_("5"), type_("3"), multiline("")]  # 7 is refused in the prompt
MONITOR_PROGRESS = [
    ENTER, pick(-1), multiline("Rutin mengantar anak."),  # T1: from berjalan up to tercapai
    ENTER, ENTER, multiline(""),  # T2: berjalan, kept
    ENTER, ENTER, multiline(""),  # T3: tercapai, kept
    ENTER,  # no other goal
]


def monitor_given() -> dict[str, Any]:
    return complete("monitor", {"date": "2026-05-31", "methods": ["wawancara"]}, "wajib_lapor", "ratings",
                    "progress")


def test_monitor_interview_with_progress_prefilled(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    keys = [*MONITOR_WAJIB_LAPOR, *MONITOR_RATINGS, *MONITOR_PROGRESS, SAVE]
    result = run(book, "monitor", case_id, keys, monitor_given())
    assert_clean_exit(result, 0)
    assert "Bagian 6/7: Kemajuan per tujuan" in result.stdout
    data = load(book, case_id, "monitoring/2026-05-31.yaml")
    assert data["wajib_lapor"] == {"status": "jarak_jauh", "reason": "Sakit; lapor lewat panggilan video"}
    assert data["ratings"] == {"engagement": 4, "response": 5, "behaviour_change": 3}
    assert data["progress"] == [
        {"goal_id": "T1", "status": "tercapai", "notes": "Rutin mengantar anak."},
        {"goal_id": "T2", "status": "berjalan"},
        {"goal_id": "T3", "status": "tercapai"},
    ]
    assert data["methods"] == ["wawancara"]


# -- terminate -----------------------------------------------------------------------------------------------------

TERMINATE_GENERAL = [
    ENTER,  # today
    pick(5),  # lainnya
    type_("Klien pindah domisili ke luar negeri"),
    type_("W2.PAS.PK.01-123"),
    ENTER, ENTER, ENTER, type_("Gereja"), ENTER,  # the three resources offered, one more
    multiline("Tetap dekat dengan pendeta."),
]
TERMINATE_EVALUATION = [multiline("Lebih percaya diri."), multiline("Saya bersyukur."), multiline("")]
TERMINATE_OUTCOMES = [YES, pick(2), pick(1), multiline(""), NO]  # T2 from the plan's goals, tercapai ("— pilih —" first)


def test_terminate_interview(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    result = run(book, "terminate", case_id, [*TERMINATE_GENERAL, *TERMINATE_EVALUATION, *TERMINATE_OUTCOMES, SAVE])
    assert_clean_exit(result, 0)
    data = load(book, case_id, "termination.yaml")
    assert data == {
        "schema_version": 1, "date": TODAY, "reason": "lainnya", "reason_other": "Klien pindah domisili ke luar negeri",
        "letter_number": "W2.PAS.PK.01-123",
        "evaluation": {"changes_observed": "Lebih percaya diri.", "client_reflection": "Saya bersyukur."},
        "goal_outcomes": [{"goal_id": "T2", "status": "tercapai"}],
        "resources_kept": ["Istri dan anak-anak", "Pendeta gereja", "Griya Abhipraya", "Gereja"],
        "recommendations": "Tetap dekat dengan pendeta.",
    }
    assert summary(book, case_id)["stage"] == "terminated"


# -- what the prompts show --------------------------------------------------------------------------------------


def test_goal_checkbox_shows_each_goals_objective(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("intervene", answers("intervene"), "goal_ids")
    result, screen = interactive_seen(["intervene", case_id, "--answers", str(answers_file(book, given))],
                                      [check(0), SAVE], casebook=book.root)
    assert_clean_exit(result, 0)
    assert "T1: Klien menjalankan kembali perannya sebagai ayah dan kepala keluarga" in screen
    assert "T3: Klien tidak mengonsumsi alkohol" in screen
    assert load(book, case_id, "interventions/2026-04-06.yaml")["goal_ids"] == ["T1"]


def test_instrument_items_show_their_options_and_points(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result, screen = interactive_seen(["assess", case_id, "--answers", str(answers_file(book, assess_given()))],
                                      [NO, choose(0), choose(1), CTRL_C], casebook=book.root)
    assert_clean_exit(result, 130)
    assert "Risiko Residivisme Indonesia (RRI) (2021)" in result.stdout  # the instrument and its version
    def seen(text: str) -> bool:  # the long item texts wrap at 80 columns, anywhere in a word
        return "".join(text.split()) in "".join(screen.split())

    assert seen("pertama kali ditahan masih berusia 16 tahun atau dibawah 16 tahun?")
    assert seen("atau dibawah 16 tahun? Ya (3)")  # the chosen option
    assert seen("divonis hukuman penjara? Tidak (0)")


def test_monitor_goal_ids_are_chosen_from_the_plan(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("monitor", {"date": "2026-05-31", "wajib_lapor": {"status": "hadir"}}, "progress")
    # each item offers the next goal of the plan; they are reordered: T3, T1, T2
    progress = [pick(2), ENTER, multiline(""), pick(-1), ENTER, multiline(""), pick(-1), ENTER, multiline(""), ENTER]
    result, _screen = interactive_seen(["monitor", case_id, "--answers", str(answers_file(book, given))],
                                      [*progress, SAVE], casebook=book.root)
    assert_clean_exit(result, 0)
    # the answer line is said again by bapascase, wrapped (questionary's own cut a long label at the edge)
    answered = " ".join(result.stdout.split())
    assert "? Kode tujuan T3: Klien tidak mengonsumsi alkohol" in answered
    assert "? Kode tujuan T1: Klien menjalankan kembali perannya sebagai ayah dan kepala\n  keluarga" in result.stdout
    # the first entry: every goal starts at 'belum' (Enter kept it)
    assert load(book, case_id, "monitoring/2026-05-31.yaml")["progress"] == [
        {"goal_id": "T3", "status": "belum"}, {"goal_id": "T1", "status": "belum"},
        {"goal_id": "T2", "status": "belum"}]


# -- stage order ----------------------------------------------------------------------------------------------------


def test_out_of_order_asks_for_confirmation_and_no_stops(book: Book) -> None:
    case_id = book.new()
    result, screen = interactive_seen(["plan", case_id], [NO], casebook=book.root)
    assert_clean_exit(result, 1)  # a deliberate no: not Ctrl-C's 130
    assert result.stderr.strip() == ("Rencana intervensi tidak dicatat, tidak ada yang disimpan. Belum dicatat: "
                                     "EIC, Asesmen (--force untuk tetap mencatat).")
    # the whole question, broken between words at 80 columns (it was cut off at the 80th)
    assert ("? Rencana intervensi biasanya dilakukan setelah EIC, Asesmen, yang belum\r\n"
            "  dicatat. Tetap lanjutkan? (y/T)") in screen
    assert "Tetap lanjutkan? tidak" in result.stdout
    assert not (book.cases / case_id / "plan.yaml").exists()
    assert not draft_file(book, case_id, "plan").exists()


def test_out_of_order_confirmed_goes_on_with_the_interview(book: Book) -> None:
    case_id = book.new()
    given = complete("plan", answers("plan"))
    result = run(book, "plan", case_id, [YES, SAVE], given)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "plan.yaml")["goals"][0]["id"] == "T1"


def test_force_skips_the_confirmation(book: Book) -> None:
    case_id = book.new()
    result = run(book, "plan", case_id, [SAVE], complete("plan", answers("plan")), "--force")
    assert_clean_exit(result, 0)
    assert (book.cases / case_id / "plan.yaml").is_file()


def test_closed_case_is_refused_before_any_question(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "terminate")
    assert_clean_exit(run(book, "monitor", case_id, [CTRL_C]), 130)  # terminated: supervision goes on
    record_ok(book, "close", case_id, {"date": "2026-06-15", "ground": "lainnya", "ground_other": "Ekstradisi"})
    result = run(book, "monitor", case_id, [])
    assert_clean_exit(result, 1)
    assert "bapascase reopen" in result.stderr


# -- drafts: Ctrl-C keeps the answers, the next run resumes them --------------------------------------------------


def test_ctrl_c_keeps_a_draft_and_resuming_keeps_the_earlier_answers(book: Book) -> None:
    case_id = book.new()
    first = run(book, "engage", case_id, [*ENGAGE_GENERAL[:3], CTRL_C])  # while typing the expectations
    assert_clean_exit(first, 130)
    rel = f".bapascase/drafts/{case_id}--engagement.yaml"
    assert first.stderr.strip() == f"Dibatalkan. Jawaban disimpan sebagai draf: {rel}. Jalankan lagi untuk melanjutkan."
    draft = draft_file(book, case_id, "engagement")
    assert oct(draft.stat().st_mode & 0o777) == oct(0o600)
    kept = yamlio.load(draft)
    assert kept["stage"] == "engagement" and kept["case"] == case_id
    assert kept["answers"] == {"date": dt.date(2026, 3, 5), "rapport": ENGAGE_EXPECTED["rapport"],
                               "presenting_problems": None}
    assert not (book.cases / case_id / "engagement.yaml").exists()
    # the next run offers the draft; what was answered is not asked again
    rest = [YES, ENGAGE_GENERAL[3], *ENGAGE_CONTACTS, *ENGAGE_INTAKE, *ENGAGE_CONTRACT, SAVE]
    second, screen = interactive_seen(["engage", case_id], rest, casebook=book.root)
    assert_clean_exit(second, 0)
    assert "Ada draf dari" in screen and "Lanjutkan draf itu? ya" in second.stdout
    assert load(book, case_id, "engagement.yaml") == ENGAGE_EXPECTED
    assert not draft.exists()


def test_declining_the_draft_starts_afresh(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    assert_clean_exit(run(book, "terminate", case_id, [ENTER, pick(1), CTRL_C]), 130)  # goals achieved, then ^C
    keys = [NO, *TERMINATE_GENERAL, *TERMINATE_EVALUATION, *TERMINATE_OUTCOMES, SAVE]
    result = run(book, "terminate", case_id, keys)
    assert_clean_exit(result, 0)
    assert "Draf lama dibuang." in result.stdout
    data = load(book, case_id, "termination.yaml")
    assert data["reason"] == "lainnya" and data["reason_other"] == "Klien pindah domisili ke luar negeri"
    assert not draft_file(book, case_id, "termination").exists()


def test_monitor_draft_resumes_at_the_progress(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    given = monitor_given()
    first = run(book, "monitor", case_id, [*MONITOR_WAJIB_LAPOR, *MONITOR_RATINGS[:3], CTRL_C], given)
    assert_clean_exit(first, 130)
    kept = yamlio.load(draft_file(book, case_id, "monitoring"))["answers"]
    assert kept["wajib_lapor"]["reason"] == "Sakit; lapor lewat panggilan video"
    assert kept["ratings"] == {"engagement": 4, "response": 5}
    second = run(book, "monitor", case_id, [YES, *MONITOR_RATINGS[3:], *MONITOR_PROGRESS, SAVE], given)
    assert_clean_exit(second, 0)
    data = load(book, case_id, "monitoring/2026-05-31.yaml")
    assert data["wajib_lapor"] == {"status": "jarak_jauh", "reason": "Sakit; lapor lewat panggilan video"}
    assert data["ratings"] == {"engagement": 4, "response": 5, "behaviour_change": 3}
    assert data["progress"][0] == {"goal_id": "T1", "status": "tercapai", "notes": "Rutin mengantar anak."}
    assert not draft_file(book, case_id, "monitoring").exists()


def test_draft_interrupted_at_add_an_item_asks_the_list_again(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("terminate", answers("terminate"), "goal_outcomes")
    assert_clean_exit(run(book, "terminate", case_id, [CTRL_C], given), 130)  # at 'add an outcome?'
    second = run(book, "terminate", case_id, [YES, YES, pick(2), pick(1), multiline(""), NO, SAVE], given)
    assert_clean_exit(second, 0)
    assert load(book, case_id, "termination.yaml")["goal_outcomes"] == [{"goal_id": "T2", "status": "tercapai"}]


def test_monitor_draft_interrupted_inside_the_progress_asks_the_rest(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    given = monitor_given()
    first = run(book, "monitor", case_id, [*MONITOR_WAJIB_LAPOR, *MONITOR_RATINGS, *MONITOR_PROGRESS[:2], CTRL_C],
                given)
    assert_clean_exit(first, 130)
    # T1's notes, then T2 and T3 are still to be answered: T2 is set to 'tercapai' this time
    rest = [multiline("Rutin mengantar anak."), ENTER, pick(-1), multiline(""), ENTER, ENTER, multiline(""), ENTER]
    second = run(book, "monitor", case_id, [YES, *rest, SAVE], given)
    assert_clean_exit(second, 0)
    assert load(book, case_id, "monitoring/2026-05-31.yaml")["progress"] == [
        {"goal_id": "T1", "status": "tercapai", "notes": "Rutin mengantar anak."},
        {"goal_id": "T2", "status": "tercapai"},
        {"goal_id": "T3", "status": "tercapai"},
    ]


def test_assess_draft_keeps_the_instrument_items_answered(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    need = [YES, type_("Keterampilan kerja"), pick(1), ENTER, ENTER, NO]
    first = run(book, "assess", case_id, [*need, *RRI_KEYS_SEDANG[:3], CTRL_C], assess_given())
    assert_clean_exit(first, 130)
    kept = yamlio.load(draft_file(book, case_id, "assessment"))["answers"]
    assert kept["needs"] == [{"need": "Keterampilan kerja", "priority": "tinggi", "domain": None, "notes": None}]
    assert kept["rri"] == {"instrument": "rri", "version": "2021", "answers": {
        "ditahan_usia_16": "ya", "pernah_dipenjara": "tidak", "pasal_3_atau_lebih": "tidak"}}
    # resumed without the answers file: the items answered are kept (not asked again), the rest asked
    second = run(book, "assess", case_id, [YES, *RRI_KEYS_SEDANG[3:], *CRIMINOGENIC_KEYS, SAVE])
    assert_clean_exit(second, 0)
    data = load(book, case_id, "assessment.yaml")
    assert data["needs"] == [{"need": "Keterampilan kerja", "priority": "tinggi"}]
    assert data["rri"]["answers"] == RRI_SEDANG
    assert data["resources"] == answers("assess")["resources"]


def test_review_cancel_keeps_a_draft(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    result = run(book, "intervene", case_id, [check(0), multiline("Sesi"), pick(2)],
                 complete("intervene", answers("intervene"), "goal_ids", "description"))
    assert_clean_exit(result, 130)
    assert yamlio.load(draft_file(book, case_id, "intervention"))["answers"]["goal_ids"] == ["T1"]
    assert not (book.cases / case_id / "interventions").exists()


def test_lost_terminal_keeps_a_draft(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result = run(book, "terminate", case_id, [ENTER, pick(1)])  # then the input ends
    assert_clean_exit(result, 130)
    assert yamlio.load(draft_file(book, case_id, "termination"))["answers"]["reason"] == "tujuan_tercapai"


def test_an_answer_refused_by_the_plan_is_asked_again_before_the_review(book: Book) -> None:
    """Interactive run with an answers file naming a goal the plan lacks: the refused goal is asked again in the same
    interview, as a choice of the plan's goals, and nothing typed is lost. (It used to end the interview, keep the
    answers as a draft and ask only on the next run.)"""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("monitor", answers("monitor", date="2026-05-31"), "ratings")
    given["progress"][1]["goal_id"] = "T9"
    path = answers_file(book, given, "monitor-t9.yaml")
    result, screen = interactive_seen(["monitor", case_id, "--answers", str(path)],
                                      [type_("3"), type_("3"), type_("2"), multiline("Mulai jenuh."), pick(2), SAVE],
                                      casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Masih ada yang perlu diperbaiki" in result.stdout
    assert "tujuan 'T9' tidak ada di rencana (ada: T1, T2, T3)" in " ".join(result.stdout.split())
    assert "Kode tujuan T2: Klien memiliki keterampilan pangkas rambut dan rencana usaha" in screen
    data = load(book, case_id, "monitoring/2026-05-31.yaml")
    assert [p["goal_id"] for p in data["progress"]] == ["T1", "T2", "T3"]
    assert data["ratings"] == {"engagement": 3, "response": 3, "behaviour_change": 2, "notes": "Mulai jenuh."}
    assert not list((book.root / ".bapascase" / "drafts").glob("*monitoring*"))


def test_an_answer_refused_by_the_plan_and_then_interrupted_is_kept_as_a_draft(book: Book) -> None:
    """Ctrl-C (here: the input ends) at the question asked again keeps everything else typed; the next run resumes
    the draft and asks only the refused goal."""
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("monitor", answers("monitor", date="2026-05-31"), "ratings")
    given["progress"][1]["goal_id"] = "T9"
    path = answers_file(book, given, "monitor-t9.yaml")
    first = interactive(["monitor", case_id, "--answers", str(path)],
                        [type_("3"), type_("3"), type_("2"), multiline("Mulai jenuh.")], casebook=book.root)
    assert_clean_exit(first, 130)
    assert first.stderr.strip().startswith("Dibatalkan. Jawaban disimpan sebagai draf: .bapascase/drafts/")
    assert not (book.cases / case_id / "monitoring").exists()
    second, _screen = interactive_seen(["monitor", case_id], [YES, pick(2), SAVE], casebook=book.root)
    assert_clean_exit(second, 0)
    data = load(book, case_id, "monitoring/2026-05-31.yaml")
    assert [p["goal_id"] for p in data["progress"]] == ["T1", "T2", "T3"]
    assert data["ratings"]["notes"] == "Mulai jenuh."


def test_without_a_plan_the_goal_id_is_typed(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    given = complete("monitor", {"date": "2026-05-31", "wajib_lapor": {"status": "hadir"}}, "progress")
    progress = [YES, type_("A1"), pick(2), multiline(""), NO]
    result = run(book, "monitor", case_id, [*progress, SAVE], given)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "monitoring/2026-05-31.yaml")["progress"] == [{"goal_id": "A1", "status": "berjalan"}]



@pytest.mark.parametrize("way", ["stop", "again"])
def test_an_answer_refused_twice_offers_a_way_out_of_the_loop(book: Book, way: str) -> None:
    """A rule on two fields is attached to one: closing "masa bimbingan berakhir" before the masa bimbingan
    ends refuses the date, and the date alone was asked again, for ever (the way out was the ground; a later
    date is refused as in the future). Refused twice, the interview now offers any section, the same question
    again, or stopping with the draft kept."""
    from bapascase.model.closing import ClosingDoc
    from tests.stage_helpers import _filled

    case_id = book.new()
    given = _filled(ClosingDoc, {"date": "2026-06-15", "ground": "masa_bimbingan_berakhir"})
    stop = pick(2)  # the way out's choices: the same question again, section "Umum", stop
    keys = [ENTER]  # the date asked again, kept as it was: refused again
    keys += [stop] if way == "stop" else [ENTER, ENTER, stop]  # once more the same question, then stop
    path = answers_file(book, given, "close-trap.yaml")
    result, screen = interactive_seen(["close", case_id, "--answers", str(path)], keys, casebook=book.root)
    assert_clean_exit(result, 130)
    assert "Jawaban itu masih ditolak" in screen, screen
    if way == "again":  # the date asked once more, refused again, and the way out offered again
        assert (screen.index("bagiannya: Jawab pertanyaan yang sama lagi") < screen.rindex("? Tanggal pengakhiran")
                < screen.rindex("bagiannya: Batalkan (simpan sebagai draf)")), screen
    assert list((book.root / ".bapascase" / "drafts").glob("*")), "the answers are kept as a draft"
    assert not (book.cases / case_id / "closing.yaml").exists()
