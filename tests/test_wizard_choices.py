"""Three wizard findings of the QA pass at 80×24 (notes/qa6_pty.md F6, F10, F11):

- a required choice the model gives no default (sex, religion, education, marital status in ``new``, the reason in
  ``terminate``, and every other one in every wizard) is asked with nothing chosen: the pointer starts on
  "— pilih salah satu —", Enter there is refused with a hint and the question stays open; a choice the model gives a
  default still takes it on Enter;
- a field a rule makes required (what the Litmas purpose needs, the ekspirasi of a PB client) is not labelled
  "(boleh kosong)", and an empty answer is refused with the message ``check`` gives, from the same rule;
- a resumed draft prints no header for a section it had already finished.

The terminal tests run the real command in an 80×24 pseudo-terminal (pexpect, pyte; ``--slow``); the rest drive
the interview through the prompt_toolkit pipe or a scripted prompter.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from bapascase.errors import Interrupted
from bapascase.i18n import set_lang, t
from bapascase.model import registry
from bapascase.model.base import Need
from bapascase.model.meta import ask_fields, is_enum, nested_models, rule_need, unwrap
from bapascase.model.validation import validate
from bapascase.store import yamlio
from bapascase.workflow.prompter import SectionFirst
from bapascase.workflow.wizard import Interview, need_message
from tests.helpers import (
    CTRL_C,
    ENTER,
    Book,
    assert_clean_exit,
    intake_answers,
    interactive,
    new_draft,
    pick,
    type_,
)
from tests.stage_helpers import _filled, answers, answers_file, complete, interactive_seen, through

CHOOSE = "— pilih salah satu —"
REFUSED = "Pilih salah satu jawaban dengan panah ↑↓, lalu Enter."


@pytest.fixture(autouse=True)
def indonesian() -> Any:
    set_lang("id")
    yield
    set_lang("id")


class Scripted:
    """A prompter that records how each question was asked and answers from a script (Ctrl-C once it runs out)."""

    interactive = True

    def __init__(self, *script: Any) -> None:
        self.script = list(script)
        self.selects: list[dict[str, Any]] = []
        self.texts: list[tuple[str, str | None]] = []  # (message, what the empty answer was told)
        self.sections: list[str] = []
        self.notes: list[str] = []
        self.confirms: list[str] = []

    def _next(self) -> Any:
        if not self.script:
            raise KeyboardInterrupt
        return self.script.pop(0)

    def section(self, index: int, total: int, title: str) -> None:
        self.sections.append(f"{index}/{total} {title}")

    def note(self, text: str) -> None:
        self.notes.append(text)

    def hang_up(self) -> None:
        return None

    def select(self, message: str, choices: Any, default: str | None = None, *, must_choose: bool = False,
               instruction: str | None = None) -> str:
        self.selects.append({"message": message, "choices": [v for v, _ in choices], "default": default,
                             "must_choose": must_choose})
        answer = self._next()
        return str(default if answer is ENTER else answer)

    def text(self, message: str, *, default: str = "", validate: Any = None, multiline: bool = False,
             instruction: str | None = None) -> str:
        self.texts.append((message, validate("") if validate is not None else None))
        answer = self._next()
        return default if answer is ENTER else str(answer)

    def checkbox(self, message: str, choices: Any, defaults: Any = ()) -> list[str]:
        return list(self._next())

    def confirm(self, message: str, default: bool = False) -> bool:
        self.confirms.append(message)
        answer = self._next()
        return default if answer is ENTER else bool(answer)


# -- 1. a required choice without a default is never answered by Enter ---------------------------------------------

def _enum_fields() -> list[tuple[type[Any], str, Any, bool]]:
    """Every choice field of every stage document (in its parts and list items too), once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for spec in registry.SPECS:
        for model in nested_models(registry.model_for(spec.name)):
            for name, info in ask_fields(model):
                inner, optional = unwrap(info.annotation)
                if is_enum(inner) and (model.__name__, name) not in seen:
                    seen.add((model.__name__, name))
                    out.append((model, name, info, optional))
    return out


def test_every_required_choice_without_a_default_starts_on_choose_one() -> None:
    """The whole class, from the models: a required choice with no default is asked with ``must_choose``; one
    with a default offers it (Enter takes it); an optional one offers "(tidak ada)"."""
    fields = _enum_fields()
    required = [(m, n) for m, n, info, optional in fields if not optional and info.is_required()]
    # the ones the QA pass named are among them
    names = {(m.__name__, n) for m, n in required}
    assert {("Identity", "sex"), ("Identity", "religion"), ("Identity", "education"),
            ("Identity", "marital_status"), ("TerminationDoc", "reason")} <= names, names
    for model, name, info, optional in fields:
        prompter = Scripted(ENTER)
        iv = Interview(model, prompter)
        inner, _ = unwrap(info.annotation)
        iv._ask_scalar((name,), info, inner, optional, name)
        asked = prompter.selects[-1]
        declared = None if info.is_required() else info.get_default(call_default_factory=True)
        if declared is not None:
            assert not asked["must_choose"] and asked["default"] == getattr(declared, "value", declared), (model, name)
        elif optional:
            assert not asked["must_choose"] and asked["default"] == "" and "" in asked["choices"], (model, name)
        else:
            assert asked["must_choose"] and asked["default"] is None, (model, name)
            assert "" not in asked["choices"]


def test_a_default_from_earlier_records_is_still_taken_on_enter() -> None:
    model = registry.model_for("termination")
    info = model.model_fields["reason"]
    prompter = Scripted(ENTER)
    iv = Interview(model, prompter, defaults={"reason": "tujuan_tercapai"})
    inner, optional = unwrap(info.annotation)
    assert iv._ask_scalar(("reason",), info, inner, optional, "Alasan") == "tujuan_tercapai"
    assert prompter.selects[-1]["must_choose"] is False


def test_a_custom_choice_of_a_required_field_starts_on_choose_one() -> None:
    """Choices a stage builds itself (a goal of the plan, a placement, a condition) follow the same rule: a
    required field with nothing recorded starts on "— pilih —"; the recorded value, or the only choice, is
    offered."""
    model = registry.model_for("termination")
    goals = [("T1", "T1: a"), ("T2", "T2: b")]
    prompter = Scripted("T2", ENTER, ENTER)
    iv = Interview(model, prompter)
    path = ("goal_outcomes", 0, "goal_id")
    assert iv.choose(path, "Kode tujuan", goals, None) == "T2"
    assert prompter.selects[-1]["must_choose"] and prompter.selects[-1]["default"] is None
    assert iv.choose(path, "Kode tujuan", goals, "T1") == "T1"
    assert not prompter.selects[-1]["must_choose"]
    assert iv.choose(path, "Kode tujuan", goals[:1], None) == "T1"
    assert not prompter.selects[-1]["must_choose"]


def _identity_without_choices() -> dict[str, Any]:
    """An intake whose identity lacks the four choices the QA pass named (the rest is given, so only they and the
    optional fields left out are asked)."""
    data = _filled(registry.model_for("case"), intake_answers())
    for name in ("sex", "religion", "education", "marital_status"):
        data["identity"].pop(name)
    data["legal"]["expiry"] = None
    return data


def test_enter_on_choose_one_is_refused_through_the_prompt(book: Book) -> None:
    """Through the real questionary prompt (pipe input): Enter on "— pilih —" keeps the question open; the arrows
    then choose. Sex, religion, education and marital status are each refused once (had an Enter been taken, every
    later key would land one question early and the answers saved would differ)."""
    given = answers_file(book, _identity_without_choices(), "intake.yaml")
    down = "\x1b[B"
    keys = [ENTER, down + ENTER,  # sex: Enter refused, then Laki-laki
            ENTER, down * 2 + ENTER,  # religion: refused, then Kristen
            ENTER, down * 4 + ENTER,  # education: refused, then SMA
            ENTER, down * 2 + ENTER,  # marital status: refused, then kawin
            pick(0)]  # review: save (its default)
    result, screen = interactive_seen(["new", "--answers", str(given)], keys, casebook=book.root)
    assert_clean_exit(result, 0)
    assert CHOOSE in screen  # drawn (the pipe draws only some frames: the refusal's words are seen in the pty test)
    folder = next(p for p in book.cases.iterdir() if p.is_dir())
    identity = yamlio.load(folder / "case.yaml")["identity"]
    assert (identity["sex"], identity["religion"], identity["education"], identity["marital_status"]) == (
        "L", "Kristen", "SMA", "kawin")


def test_only_enter_on_a_required_choice_saves_nothing(book: Book) -> None:
    """Pressing Enter again and again never records a sex: the interview is still at that question when the keys
    run out (a draft is kept, nothing saved)."""
    given = answers_file(book, _identity_without_choices(), "intake.yaml")
    result = interactive(["new", "--answers", str(given)], [ENTER] * 8, casebook=book.root, close=True)
    assert_clean_exit(result, 130)
    assert not any(p.is_dir() for p in book.cases.iterdir())
    assert "sex" not in (yamlio.load(new_draft(book.root))["answers"].get("identity") or {})


def test_terminate_reason_has_nothing_chosen(book: Book) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("terminate", answers("terminate"), "reason")
    result, screen = interactive_seen(["terminate", case_id, "--answers", str(answers_file(book, given))],
                                      [ENTER, ENTER, CTRL_C], casebook=book.root)
    assert_clean_exit(result, 130)  # two Enters did not record a reason
    assert CHOOSE in screen
    assert not (book.cases / case_id / "termination.yaml").exists()


# -- 2. a field a rule makes required is asked as required ---------------------------------------------------------

def test_the_rule_check_applies_is_the_rule_the_interview_reads() -> None:
    litmas = registry.model_for("litmas")
    need = rule_need(litmas, {"purpose": "pb"}, ("request", "number"))
    assert isinstance(need, Need) and need.kind == "bc_litmas_needs"
    assert rule_need(litmas, {"purpose": "pb"}, ("analysis",)) is None
    case = registry.model_for("case")
    # the expiry (asked first) is never required by the rule: the end is, when the expiry is left empty
    assert rule_need(case, {"legal": {"programme": "PB"}}, ("legal", "expiry")) is None
    assert rule_need(case, {"legal": {"programme": "PB"}}, ("legal", "supervision_end")).kind == "bc_end_or_expiry"
    assert rule_need(case, {"legal": {"programme": "PB", "expiry": ""}},
                     ("legal", "supervision_end")).kind == "bc_end_or_expiry"
    assert rule_need(case, {"legal": {"programme": "PB", "expiry": "2027-03-14"}},
                     ("legal", "supervision_end")) is None
    assert rule_need(case, {"legal": {"programme": "PB", "supervision_end": "2028-03-14"}},
                     ("legal", "expiry")) is None
    assert rule_need(case, {"legal": {}}, ("legal", "supervision_end")) is None  # no programme yet: no rule known
    # check reports an empty ekspirasi (as before) with the very message the interview refuses an empty end with
    data = intake_answers()
    data["legal"].pop("supervision_end")
    _, errors = validate(case, data)
    found = [e for e in errors if e.loc == ("legal", "expiry")]
    assert found and found[0].message == need_message(rule_need(case, data, ("legal", "supervision_end")))


def test_the_ekspirasi_of_a_pb_client_is_boleh_kosong_and_then_the_end_is_not() -> None:
    case = registry.model_for("case")
    given = _filled(case, intake_answers())
    given["legal"].pop("expiry")
    given["legal"].pop("supervision_end")
    prompter = Scripted(ENTER)  # the ekspirasi left empty; Ctrl-C at the end of supervision
    with pytest.raises(Interrupted):
        Interview(case, prompter, given=given).run()
    (expiry, empty_expiry), (end, empty_end) = prompter.texts[:2]
    assert expiry.startswith("Ekspirasi") and t("wiz.optional") in expiry and empty_expiry is None
    assert "Akhir masa bimbingan" in end and t("wiz.optional") not in end
    assert empty_end == t("val.bc_end_or_expiry")


def test_an_end_without_an_expiry_records_the_case(book: Book) -> None:
    """An officer who has the end of supervision but not the expiry leaves the expiry empty, gives the end, and
    the case is recorded (``check`` accepts either; the interview now does too)."""
    case = registry.model_for("case")
    given = _filled(case, intake_answers())
    given["legal"].pop("expiry")
    given["legal"].pop("supervision_end")
    prompter = Scripted(ENTER, "2028-03-14", "save")
    doc = Interview(case, prompter, given=given).run()
    assert doc.legal.expiry is None  # type: ignore[attr-defined]
    assert str(doc.legal.supervision_end) == "2028-03-14"  # type: ignore[attr-defined]
    path = answers_file(book, doc.model_dump(mode="json", exclude_none=True), "end-only.yaml")
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 0)
    (recorded,) = sorted(book.cases.glob("*/case.yaml"))
    legal = yamlio.load(recorded)["legal"]
    assert str(legal["supervision_end"]) == "2028-03-14" and "expiry" not in legal
    assert_clean_exit(book.run("check"), 0)


def test_a_required_choice_a_rule_needs_offers_no_none() -> None:
    """An optional choice a rule makes required loses its "(tidak ada)" and starts on "— pilih —"."""
    from bapascase.model.base import Choice, Part, field

    class Kind(Choice):
        A = "a", "A", "A"
        B = "b", "B", "B"

    class Rule(Part):
        kind: Kind | None = field("Jenis", "Kind", default=None)

        @classmethod
        def rules_require(cls, data: Any) -> dict[str, Need]:
            return {"kind": Need("bc_end_needed")}

    prompter = Scripted("a")
    iv = Interview(Rule, prompter)  # type: ignore[arg-type]
    info = Rule.model_fields["kind"]
    inner, optional = unwrap(info.annotation)
    assert iv._ask_scalar(("kind",), info, inner, optional, "Jenis") == "a"
    assert prompter.selects[0]["must_choose"] and "" not in prompter.selects[0]["choices"]


def test_litmas_asks_what_its_purpose_needs_as_required() -> None:
    """A PB Litmas: the request letter's number is not "(boleh kosong)"; an empty answer is refused with the
    purpose's rule, and the optional ones still say they may be left empty."""
    model = registry.model_for("litmas")
    given = _filled(model, {"date": "2026-03-05", "purpose": "pb"})
    given["request"] = {}  # the request letter is asked, field by field
    prompter = Scripted("Lapas Kelas I Medan")  # then Ctrl-C at the number
    with pytest.raises(Interrupted):
        Interview(model, prompter, given=given).run()
    messages = [m for m, _ in prompter.texts]
    assert messages[0] == f"Peminta {t('wiz.optional')}"  # not what the purpose needs
    assert messages[1] == "Nomor surat permintaan"
    assert prompter.texts[1][1] == t("val.bc_litmas_needs", purpose="Pembebasan Bersyarat")


def test_a_part_the_purpose_needs_is_asked_without_add_question() -> None:
    """A PB Litmas needs the client's response: "Tambah Tanggapan klien?" (No on Enter, then an error and a loop)
    is not asked; its questions are."""
    model = registry.model_for("litmas")
    given = _filled(model, {"date": "2026-03-05", "purpose": "pb"})
    given["responses"] = {}
    prompter = Scripted()  # Ctrl-C at the first question
    with pytest.raises(Interrupted):
        Interview(model, prompter, given=given).run()
    assert prompter.confirms == []
    assert prompter.texts[0][0].startswith("Tanggapan")


# -- 3. a resumed draft prints no empty section headers -------------------------------------------------------------

def test_section_first_holds_the_header_until_something_is_asked() -> None:
    inner = Scripted("x")
    p = SectionFirst(inner)
    p.pending = (1, 3, "Umum")
    p.pending = (2, 3, "Identitas")  # nothing asked in section 1: its header never shows
    assert inner.sections == []
    p.text("Nama")
    p.text("Lagi") if inner.script else None
    assert inner.sections == ["2/3 Identitas"]


def test_a_resumed_draft_shows_only_the_sections_it_still_asks(book: Book) -> None:
    given = _filled(registry.model_for("case"), intake_answers())
    for name in ("identity", "legal"):
        given.pop(name)
    path = answers_file(book, given, "partial.yaml")
    identity = [type_("Siti Aminah"), ENTER, pick(2), type_("Medan"), type_("1/2/1990"), ENTER, pick(1),
                ENTER, ENTER, pick(5), pick(1), ENTER, type_("Jl. Mawar 1"), ENTER, ENTER, ENTER]
    first = interactive(["new", "--answers", str(path)], [ENTER, *identity, CTRL_C], casebook=book.root)
    assert_clean_exit(first, 130)
    draft = yamlio.load(new_draft(book.root))["answers"]
    assert draft["identity"]["name"] == "Siti Aminah" and draft["identity"]["sex"] == "P"
    second = interactive(["new"], [pick(0), CTRL_C], casebook=book.root)
    assert_clean_exit(second, 130)
    out = second.stdout
    assert "Bagian 1/" not in out and "Bagian 2/" not in out, out  # finished before: no empty headers
    assert "Status hukum" in out  # the section it goes on with is headed


# -- the real terminal at 80×24 ----------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.git(False)
def test_pty_sex_religion_education_marital_need_a_choice(book: Book) -> None:
    pytest.importorskip("pexpect")
    pytest.importorskip("pyte")
    from tests.test_keyboard_pty import COLS, DOWN, Terminal

    given = answers_file(book, _identity_without_choices(), "pty-intake.yaml")
    term = Terminal(book, "new", "--answers", str(given))
    for title, steps in (("Jenis kelamin", 1), ("Agama", 2), ("Pendidikan terakhir", 4), ("Status perkawinan", 2)):
        screen = term.wait_for(title)
        term.wait_for(CHOOSE)
        screen = term.text()
        pointer = next(line for line in screen.splitlines() if CHOOSE in line)
        assert pointer.lstrip().startswith("»"), screen  # the pointer is on "— pilih —", not on a first answer
        term.send(ENTER)
        screen = term.wait_for(REFUSED)  # refused, the question still open
        assert title in screen
        for line in screen[screen.rindex(f"? {title}"):].splitlines():  # the question fits the 80 columns
            assert len(line) <= COLS - 1, line
        term.send(DOWN * steps + ENTER)
    term.wait_for("Simpan")
    term.send(ENTER)
    assert term.finish() == 0
    folder = next(p for p in book.cases.iterdir() if p.is_dir())
    identity = yamlio.load(folder / "case.yaml")["identity"]
    assert (identity["sex"], identity["religion"], identity["education"], identity["marital_status"]) == (
        "L", "Kristen", "SMA", "kawin")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.git(False)
def test_pty_terminate_reason_and_ekspirasi(book: Book) -> None:
    pytest.importorskip("pexpect")
    pytest.importorskip("pyte")
    from tests.test_keyboard_pty import DOWN, Terminal

    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    given = complete("terminate", answers("terminate"), "reason")
    term = Terminal(book, "terminate", case_id, "--answers", str(answers_file(book, given, "pty-term.yaml")))
    term.wait_for("Alasan terminasi")
    term.wait_for(CHOOSE)
    term.send(ENTER)
    term.wait_for(REFUSED)
    term.send(DOWN + ENTER)  # the first reason, chosen on purpose
    term.send("\x03")
    assert term.finish() == 130

    intake = _filled(registry.model_for("case"), intake_answers())
    intake["legal"].pop("expiry")
    intake["legal"].pop("supervision_end")
    term = Terminal(book, "new", "--answers", str(answers_file(book, intake, "pty-exp.yaml")))
    screen = term.wait_for(f"Ekspirasi {t('wiz.optional')}")
    line = next(x for x in screen.splitlines() if "Ekspirasi" in x)
    assert t("wiz.optional") in line, screen  # the expiry may be left empty...
    term.send(ENTER)
    screen = term.wait_for("Akhir masa bimbingan")
    term.send("")
    screen = term.text()
    line = next(x for x in screen.splitlines() if "Akhir masa bimbingan" in x)
    assert t("wiz.optional") not in line, screen  # ...and then the end is required
    term.send(ENTER)
    term.wait_for("atau akhir masa bimbingan")  # the rule's own message, the question still open
    term.send("\x03")
    assert term.finish() == 130


def test_a_note_longer_than_the_terminal_is_broken_between_words() -> None:
    """The keys hint, seen whole once a resumed draft no longer scrolls it away with empty headers, is broken
    between words at 80 columns ("berhenti (jaw|aban ..." before); a short line is left as it is."""
    import io

    from prompt_toolkit.output import DummyOutput

    from bapascase.workflow.prompter import QuestionaryPrompter

    out = io.StringIO()
    p = QuestionaryPrompter(out, output=DummyOutput())  # 80 columns
    p.note(t("kbd.keys_hint"))
    p.note("  Tanggal: 30 November 2026")
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 79 for line in lines), lines
    assert " ".join(" ".join(lines[:-1]).split()) == t("kbd.keys_hint")
    assert lines[1].startswith("  ") and lines[-1] == "  Tanggal: 30 November 2026"
