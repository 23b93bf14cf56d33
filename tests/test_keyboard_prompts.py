"""How the interview behaves at the keyboard (prompt_toolkit pipe input; the real 80×24 terminal is in
``test_keyboard_pty.py``): a pre-filled answer replaced by typing, yes/no that waits for Enter, "add ...?" that
says No, Ctrl-Z back one question, list values kept whole when asked again, drafts that only hold valid shapes,
list items edited or deleted on the review screen, and an assessment reviewed with its scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bapascase.model.case import CaseDoc
from bapascase.model.plan import PlanDoc
from bapascase.store import yamlio
from bapascase.workflow.wizard import conform
from tests.helpers import (
    CTRL_C,
    CTRL_Z,
    ENTER,
    ESC_ENTER,
    YES,
    Book,
    assert_clean_exit,
    interactive,
    pick,
    type_,
)
from tests.stage_helpers import (
    answers,
    answers_file,
    complete,
    draft_file,
    multiline,
    retype,
    through,
)

# the interviews and the files, not git: casebooks without a repository (see conftest ``book``)
pytestmark = pytest.mark.git(False)

SAVE = pick(0)
CTRL_U_ENTER = "\x15" + ENTER  # a pre-filled answer emptied


def run(book: Book, command: str, case_id: str, keys: list[str], given: dict[str, Any] | None = None) -> Any:
    args = [command, case_id]
    if given is not None:
        args += ["--answers", str(answers_file(book, given, f"{command}-kbd.yaml"))]
    return interactive(args, keys, casebook=book.root)


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / rel)
    assert isinstance(data, dict)
    return data


# -- defaults and yes/no ------------------------------------------------------------------------------------------


def test_typing_replaces_a_prefilled_date(book: Book) -> None:
    """The date offered (today) is selected: typing "6/3/2026" replaces it instead of being appended to it."""
    case_id = book.new()
    given = complete("engage", answers("engage"), "date")
    result = run(book, "engage", case_id, [type_("6/3/2026"), SAVE], given)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "engagement.yaml")["date"] == dt.date(2026, 3, 6)


def test_an_arrow_key_edits_the_prefilled_answer_instead(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"))
    del given["contract"]["wajib_lapor_interval_days"]
    keys = ["\x1b[D" + "5" + ENTER, SAVE]  # left arrow: the cursor stops before the last digit of 30
    result = run(book, "engage", case_id, keys, given)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "engagement.yaml")["contract"]["wajib_lapor_interval_days"] == 350


def test_a_yes_no_key_alone_answers_nothing_until_enter(book: Book) -> None:
    """Regression: "y" used to answer at once, and the Enter after it answered the next question."""
    case_id = book.new()
    given = complete("engage", answers("engage"), "contacts")
    # y, then changing one's mind with t (tidak) before Enter: no contact is added
    result = run(book, "engage", case_id, ["y", "t", ENTER, SAVE], given)
    assert_clean_exit(result, 0)
    assert "Tambah kontak? tidak" in result.stdout
    assert load(book, case_id, "engagement.yaml")["contacts"] == []


def test_add_and_add_another_say_no_on_enter(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "contacts")
    result = run(book, "engage", case_id, [ENTER, SAVE], given)  # "add a contact?" Enter: no
    assert_clean_exit(result, 0)
    assert load(book, case_id, "engagement.yaml")["contacts"] == []
    contact = [type_("5/3/2026"), pick(1), ENTER, ENTER, multiline("")]
    result = run(book, "engage", case_id, [YES, *contact, ENTER, SAVE], given)  # "another?" Enter: no
    assert_clean_exit(result, 0)
    assert len(load(book, case_id, "engagement.yaml")["contacts"]) == 1


# -- going back ---------------------------------------------------------------------------------------------------


def test_ctrl_z_goes_back_one_question(book: Book) -> None:
    """A typo noticed one question later: Ctrl-Z asks the previous question again, then goes on."""
    case_id = book.new()
    given = complete("engage", answers("engage"), "date", "rapport")
    keys = [type_("5/3/2062"), CTRL_Z,  # the rapport question: back to the date
            type_("5/3/2026"), multiline("Terbuka."), SAVE]
    result = run(book, "engage", case_id, keys, given)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, "engagement.yaml")
    assert (saved["date"], saved["rapport"]) == (dt.date(2026, 3, 5), "Terbuka.")


def test_ctrl_z_and_esc_enter_at_the_review_neither_stop_nor_lose_the_run(book: Book) -> None:
    """Ctrl-Z at the review's "Lanjut?" (asked outside the interview's questions) stopped with an internal error
    (exit 70) and lost every answer; Esc then Enter, the key that ends a long text, gave an empty answer there
    (another internal error). Ctrl-Z now does nothing outside the questions, and Esc+Enter is Enter."""
    case_id = book.new()
    given = complete("engage", answers("engage"), "date", "rapport")
    keys = [type_("5/3/2026"), multiline("Terbuka."), CTRL_Z, ESC_ENTER]
    result = run(book, "engage", case_id, keys, given)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, "engagement.yaml")
    assert (saved["date"], saved["rapport"]) == (dt.date(2026, 3, 5), "Terbuka.")


@pytest.mark.parametrize("keys", [ESC_ENTER, CTRL_Z + ENTER])
def test_esc_enter_and_ctrl_z_on_a_choice_or_yes_no_are_never_an_empty_answer(keys: str) -> None:
    """prompt_toolkit's own Esc+Enter ended a choice or a yes/no question with '': a yes/no whose default is Yes
    became No (a client's consent, "continue the draft?" throwing the draft away)."""
    import io

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from bapascase.workflow.prompter import QuestionaryPrompter

    def ask(keys: str, question: Any) -> Any:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            return question(QuestionaryPrompter(io.StringIO(), input=pipe, output=DummyOutput()))

    assert ask(keys, lambda p: p.confirm("Persetujuan?", default=True)) is True
    assert ask(keys, lambda p: p.confirm("Hapus?", default=False)) is False
    assert ask(keys, lambda p: p.select("Jenis?", [("a", "A"), ("b", "B")], default="b")) == "b"
    assert ask(" " + keys, lambda p: p.checkbox("Mana?", [("a", "A"), ("b", "B")])) == ["a"]
    assert ask("ab" + keys, lambda p: p.text("Nama?")) == "ab"


def test_ctrl_z_goes_back_one_instrument_item(book: Book) -> None:
    from tests.stage_helpers import RRI_SEDANG

    case_id = book.new()
    through(book, case_id, "engage")
    given = complete("assess", answers("assess"), "rri")
    keys = [pick(2),  # item 1: tidak (a slip)
            CTRL_Z, pick(1),  # item 2 goes back to item 1: ya
            pick(2), pick(2), pick(2), pick(2), pick(2), pick(2), pick(2), pick(2), pick(1), SAVE]
    result = run(book, "assess", case_id, keys, given)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, "assessment.yaml")["rri"]["answers"]
    assert saved["ditahan_usia_16"] == "ya"
    assert saved["riwayat_pidana"] == "satu_dua" and saved["penggunaan_zat"] == "alkohol"
    assert set(saved) == set(RRI_SEDANG)


def test_ctrl_z_inside_a_list_goes_back_one_value(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"), "contract")
    contract = [type_("Tidak minum alkohol"), type_("Bekerja"), CTRL_Z,  # back from the third to the second goal
                retype("Memiliki pekerjaan tetap"), ENTER,
                ENTER, ENTER, ENTER, multiline(""), ENTER, ENTER, ENTER, ENTER, ENTER, multiline("")]
    result = run(book, "engage", case_id, [*contract, SAVE], given)
    assert_clean_exit(result, 0)
    assert load(book, case_id, "engagement.yaml")["contract"]["agreed_goals"] == [
        "Tidak minum alkohol", "Memiliki pekerjaan tetap"]


# -- list values asked again whole; drafts in valid shapes ---------------------------------------------------------


def plan_with_goal_codes(*codes: str) -> dict[str, Any]:
    plan = complete("plan", answers("plan"))
    plan["activities"] = plan["activities"][:1]
    plan["activities"][0]["goal_ids"] = list(codes)
    return plan


def test_a_wrong_goal_code_is_asked_again_as_one_value(book: Book) -> None:
    """Regression: the goal code T9 (no such goal) was asked again as a list of its characters, forever, and the
    draft stored a nested list. Now only that value is asked again, pre-filled whole."""
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    result = run(book, "plan", case_id, [type_("T1"), SAVE], plan_with_goal_codes("T2", "T9"))
    assert_clean_exit(result, 0)
    assert "Kegiatan 1 › Untuk tujuan (2): tujuan 'T9' tidak ada" in result.stdout  # the problem, named
    assert load(book, case_id, "plan.yaml")["activities"][0]["goal_ids"] == ["T2", "T1"]


def test_a_wrong_goal_code_left_empty_is_dropped(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    result = run(book, "plan", case_id, [CTRL_U_ENTER, SAVE], plan_with_goal_codes("T9", "T3"))
    assert_clean_exit(result, 0)
    assert load(book, case_id, "plan.yaml")["activities"][0]["goal_ids"] == ["T3"]


def test_interrupted_while_fixing_a_goal_code_the_draft_stays_flat(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess")
    result = run(book, "plan", case_id, [CTRL_C], plan_with_goal_codes("T2", "T9"))
    assert_clean_exit(result, 130)
    kept = yamlio.load(draft_file(book, case_id, "plan"))["answers"]
    assert kept["activities"][0]["goal_ids"] == ["T2", "T9"]  # values, never a list of characters
    # the resumed run asks only the wrong value again
    again = run(book, "plan", case_id, [YES, type_("T3"), SAVE])
    assert_clean_exit(again, 0)
    assert load(book, case_id, "plan.yaml")["activities"][0]["goal_ids"] == ["T2", "T3"]


def test_a_draft_keeps_only_shapes_the_model_allows() -> None:
    broken = {
        "identity": {"name": "Siti", "aliases": ["A", ["n", "e", "s", "t"], {"x": 1}], "sex": ["L"]},
        "family": [{"name": "Ani"}, "not a part", ["x"]],
        "legal": "not a part",
        "unknown": 1,
    }
    assert conform(CaseDoc, broken) == {
        "identity": {"name": "Siti", "aliases": ["A"]},
        "family": [{"name": "Ani"}],
        "unknown": 1,  # not the draft's to judge: validation names it
    }
    plan = {"activities": [{"goal_ids": [["T", "9"], "T2"]}]}
    assert conform(PlanDoc, plan) == {"activities": [{"goal_ids": ["T2"]}]}


# -- the review screen: a list item edited or deleted ---------------------------------------------------------------


def test_review_deletes_one_list_item(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"))
    # review: "change or delete one entry" (third), the second contact, delete; then save
    keys = [pick(2), pick(1), pick(1), SAVE]
    result = run(book, "engage", case_id, keys, given)
    assert_clean_exit(result, 0)
    contacts = load(book, case_id, "engagement.yaml")["contacts"]
    assert [c["date"] for c in contacts] == [dt.date(2026, 3, 5)]


def test_review_edits_one_value_of_a_list(book: Book) -> None:
    case_id = book.new()
    given = complete("engage", answers("engage"))
    # the entries: Kontak 1, Kontak 2, Tujuan yang disepakati 1, 2, Komitmen klien 1, Komitmen PK 1
    keys = [pick(2), pick(3), pick(0), retype("Memiliki keterampilan pangkas rambut"), SAVE]
    result = run(book, "engage", case_id, keys, given)
    assert_clean_exit(result, 0)
    goals = load(book, case_id, "engagement.yaml")["contract"]["agreed_goals"]
    assert goals == ["Menjauhi minuman beralkohol dan pergaulan lama", "Memiliki keterampilan pangkas rambut"]


# -- the assessment's review: labels, scores, categories --------------------------------------------------------


def test_assessment_review_shows_items_points_totals_and_categories(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result = run(book, "assess", case_id, [SAVE], complete("assess", answers("assess")))
    assert_clean_exit(result, 0)
    out = result.stdout
    review = out[out.index("Periksa kembali sebelum menyimpan"):]
    assert "Jawaban: {" not in review  # never the raw answers
    # a line longer than the terminal is broken between words (its words, in order, are all there)
    assert ("1. Apakah pada saat Narapidana/ Klien Pemasyarakatan pertama kali ditahan masih berusia 16 tahun atau "
            "dibawah 16 tahun?: Tidak (0)") in " ".join(review.split())
    assert "Total 3 dari 17 · kategori Rendah" in review
    # part B is asked below 7 (unanswered here), parts C and D do not apply to this man's theft case
    assert "Bagian B: Faktor Risiko Tambahan" in review and "Bagian C" not in review and "Bagian D" not in review
    assert "belum dapat ditentukan: Bagian B: Faktor Risiko Tambahan belum dijawab." in review
    assert "Pendidikan dan Pekerjaan: Tinggi · prioritas" in review
    assert "\n    prioritas: Pendidikan dan Pekerjaan, " in review  # no level the instrument does not define
    # the save message repeats the results in one line each
    saved = out[out.index("Asesmen tersimpan"):]
    assert "RRI: Rendah (3/17)" in saved
    assert "Kriminogenik: prioritas: Pendidikan dan Pekerjaan" in saved


def test_assessment_review_in_english(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    result = interactive(["--lang", "en", "assess", case_id, "--answers",
                          str(answers_file(book, complete("assess", answers("assess")), "a-en.yaml"))], [SAVE],
                         casebook=book.root)
    assert_clean_exit(result, 0)
    assert "Total 3 of 17 · category Low" in result.stdout
    assert "RRI: Low (3/17)" in result.stdout
