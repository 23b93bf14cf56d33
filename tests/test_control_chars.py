"""Control characters in recorded text (``model.controls``): every way text comes in refuses them with one
located line (``path:line: field: message``, exit 1, Indonesian by default, English with ``--lang en``), and a file
that already holds one (written before the rule, or edited by hand) is an error for ``check`` while every reading
command still shows the casebook without a raw control character on the terminal and without a crash.

Loaders: an ``--answers`` file (YAML escapes ``\\x1b``, ``\\e``, ``\\0``; JSON ``\\u0000`` and a lone surrogate), a
hand-edited case file, a stage entry, the settings, an import CSV, the wizard (a scripted prompter, and the pipe-
driven questionary prompter with a bracketed paste).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bapascase.i18n import set_lang, t
from bapascase.model import registry
from bapascase.model.controls import TextModel, control_in, find_control, refuse_control
from bapascase.model.validation import validate
from tests.helpers import Book, Recording, assert_clean_exit, intake_answers
from tests.stage_helpers import _filled, answers_file, record
from tests.stage_helpers import answers as stage_answers

pytestmark = pytest.mark.git(False)

# the characters a terminal would obey: C0 but tab/new line/carriage return, DEL, C1 (as text and as UTF-8)
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ONE_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[\w.\[\]]+): (?P<message>.+)$")
NO_LINE = re.compile(r"^(?P<path>[^:\n]+): (?P<field>[\w.\[\]]+): (?P<message>.+)$")


def assert_no_raw(*streams: str) -> None:
    for stream in streams:
        found = sorted({f"U+{ord(c):04X}" for c in RAW.findall(stream)})
        assert found == [], found


def located(stderr: str, field: str, file_end: str = "", line: bool = True) -> re.Match[str]:
    """The one error line naming ``field`` (with a file and a line), and nothing else on stderr about it."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    pattern = ONE_LINE if line else NO_LINE
    hits = [m for m in map(pattern.match, lines) if m and m["field"] == field]
    assert len(hits) == 1, stderr
    assert hits[0]["path"].endswith(file_end), stderr
    return hits[0]


def case_dirs(book: Book) -> list[Path]:
    return [p for p in book.cases.iterdir() if p.is_dir()]


@pytest.fixture(autouse=True)
def indonesian() -> Any:
    set_lang("id")
    yield
    set_lang("id")


# -- the rule itself ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", [*map(chr, [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]),
                                  "\ud800", "\udfff"])
def test_every_control_character_is_refused(char: str) -> None:
    assert control_in(f"Budi{char}Santoso") is not None
    with pytest.raises(Exception, match="control character"):
        refuse_control(f"Budi {char}")


@pytest.mark.parametrize("text", ["Budi Santoso", "baris satu\nbaris dua\tkolom", "Windows\r\nbaris", "Kota Médan",
                                  "\u202e bidi and \u200b zero-width (shown safely by terminal.clean, not refused)",
                                  "emoji 👍🏽 dan aksara ꦧꦥꦱ꧀", ""])
def test_ordinary_text_passes(text: str) -> None:
    assert control_in(text) is None
    assert refuse_control(text) == text


def test_the_error_names_the_item_or_key_that_holds_it() -> None:
    err = find_control({"a": ["ok", "no\x07"]}, ("notes",))
    assert err is not None and err.context is not None
    assert err.context["field"] == ("notes", "a", 1)
    assert err.context["char"] == "U+0007 BEL" and err.context["position"] == 3
    assert find_control({"a\x1b": "ok"}) is not None  # a key too


def test_every_stage_model_refuses_it_at_the_field() -> None:
    """The rule is on the base of every model: a text, a text in a list and a nested part's text."""
    data = intake_answers()
    data["identity"]["name"] = "Budi\x1b[2J"
    data["legal"]["articles"] = ["Pasal 362 KUHP", "Pasal\x00 55"]
    data["family"][0]["occupation"] = "Petani\x9b31m"
    doc, errors = validate(registry.model_for("case"), data)
    assert doc is None
    where = {e.dotted: e.message for e in errors}
    assert where.keys() >= {"identity.name", "family[0].occupation"}
    assert any(k.startswith("legal.articles") and "U+0000 NUL" in v for k, v in where.items()), where
    assert "U+001B ESC" in where["identity.name"] and "huruf ke-5" in where["identity.name"]
    assert "U+009B CSI" in where["family[0].occupation"]
    for stage in registry.STAGES:  # every stage's model carries the rule
        assert issubclass(registry.model_for(stage), TextModel)


def test_the_message_has_both_languages() -> None:
    assert "karakter kontrol" in t("val.bc_control_char", "id", char="U+001B ESC", position=3)
    assert "control character" in t("val.bc_control_char", "en", char="U+001B ESC", position=3)


# -- answers files --------------------------------------------------------------------------------------------------


YAML_ESCAPES = [('"Budi\\x1b[2JSantoso"', "U+001B ESC"), ('"Budi\\eSantoso"', "U+001B ESC"),
                ('"Budi\\0Santoso"', "U+0000 NUL"), ('"Budi\\aSantoso"', "U+0007 BEL"),
                ('"Budi\\x9b31mSantoso"', "U+009B CSI"), ('"Budi\\x7fSantoso"', "U+007F DEL")]


@pytest.mark.parametrize(("written", "named"), YAML_ESCAPES)
def test_an_answers_file_with_an_escape_is_refused_at_its_line(book: Book, tmp_path: Path, written: str,
                                                               named: str) -> None:
    path = answers_file(book, intake_answers(identity={"name": "PLACEHOLDER"}))
    text = path.read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "PLACEHOLDER" in ln)
    path.write_text(text.replace("PLACEHOLDER", written), encoding="utf-8")
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    hit = located(result.stderr, "identity.name", path.name)
    assert hit["line"] == str(line)
    assert named in hit["message"] and "karakter kontrol" in hit["message"]
    assert_no_raw(result.stdout, result.stderr)
    assert case_dirs(book) == []  # nothing was recorded


def test_the_error_is_in_english_with_lang_en(book: Book) -> None:
    path = answers_file(book, intake_answers(identity={"occupation": "Petani\x1b]0;judul\x07"}))
    result = book.run("--lang", "en", "new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    hit = located(result.stderr, "identity.occupation", path.name)
    assert "control character (U+001B ESC) at character 7" in hit["message"]
    assert_no_raw(result.stdout, result.stderr)


@pytest.mark.parametrize("escaped", ["\\u0000", "\\u001b[2J", "\\ud800", "\\u0085"])
def test_a_json_answers_file_is_refused_the_same_way(book: Book, escaped: str) -> None:
    data = intake_answers()
    data["legal"]["offence"] = "PLACEHOLDER"
    path = book.root.parent / "answers.json"
    path.write_text(json.dumps(data, indent=2).replace("PLACEHOLDER", f"Pencu{escaped}rian"), encoding="utf-8")
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    # a lone surrogate is refused before validation by the JSON decoder, as text that cannot be read (no line)
    located(result.stderr, "legal.offence", path.name, line=escaped != "\\ud800")
    assert_no_raw(result.stdout, result.stderr)


def test_a_stage_answers_file_is_refused_at_its_field(book: Book) -> None:
    """A stage after the intake (the assessment): its first text field."""
    case_id = book.new()
    assert_clean_exit(record(book, "engage", case_id, stage_answers("engage")), 0)
    data = stage_answers("assess")
    first_text = next(k for k, v in data.items() if isinstance(v, str) and not re.match(r"\d{4}-", v))
    data[first_text] = f"{data[first_text]}\x1b[31m"
    result = record(book, "assess", case_id, data)
    assert_clean_exit(result, 1)
    located(result.stderr, first_text, "assess.yaml")
    assert_no_raw(result.stdout, result.stderr)


# -- files already holding one: check reports it, reading commands stay safe ---------------------------------------


@pytest.fixture
def edited(book: Book) -> tuple[Book, str, int]:
    """A recorded client whose case.yaml was then edited by hand: a name that clears the screen, a NUL in the
    occupation (YAML escapes in double-quoted strings)."""
    case_id = book.new()
    path = book.case_file(case_id)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith("name: Budi"))
    text = re.sub(r"(?m)^(  name: )Budi.*$", r'\1"Budi\\x1b[2J\\x1b[31mSantoso\\a"', text, count=1)
    text = re.sub(r"(?m)^(  occupation: ).*$", r'\1"Wira\\0swasta"', text, count=1)
    path.write_text(text, encoding="utf-8")
    return book, case_id, line


def test_check_reports_each_with_file_line_and_field(edited: tuple[Book, str, int]) -> None:
    book, case_id, line = edited
    for lang, words in (("id", "karakter kontrol"), ("en", "control character")):
        result = book.run("--lang", lang, "check")
        assert_clean_exit(result, 1)
        hit = located(result.stderr, "identity.name", f"{case_id}/case.yaml")
        assert hit["line"] == str(line) and words in hit["message"] and "U+001B" in hit["message"]
        assert "U+0000" in located(result.stderr, "identity.occupation", "case.yaml")["message"]
        assert_no_raw(result.stdout, result.stderr)
    result = book.run("check", "--json")
    assert result.exit_code == 1
    assert_no_raw(result.stdout, result.stderr)


READS = [["list"], ["list", "--all"], ["list", "--json"], ["find", "Budi"], ["find", "Budi", "--json"],
         ["find", "Santoso"], ["due", "--days", "3000"], ["due", "--json"], ["stats"], ["stats", "--json"],
         ["show", "CASE"], ["show", "CASE", "--json"], ["history", "CASE"], ["history", "CASE", "--json"],
         ["export"], ["export", "--format", "json"], ["calendar"], ["report", "CASE", "--kind", "case"]]


@pytest.mark.git(True)  # history reads git
@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_reading_commands_never_crash_nor_print_a_raw_control(edited: tuple[Book, str, int], args: list[str]) -> None:
    book, case_id, _ = edited
    result = book.run(*[case_id if a == "CASE" else a for a in args])
    assert result.exit_code in (0, 1), result.output  # never 70
    assert "Traceback" not in result.output
    assert_no_raw(result.stdout, result.stderr)
    if result.exit_code == 1:  # a refusal is one located line naming the file
        assert "case.yaml" in result.stderr, result.stderr


def test_the_real_process_prints_no_raw_control(edited: tuple[Book, str, int]) -> None:
    """The entry point itself (real streams, real exit codes) for the commands that show the name."""
    from tests.helpers import run_module

    book, case_id, _ = edited
    for args in (["list"], ["show", case_id], ["find", "Budi"], ["check"]):
        proc = run_module(["-C", str(book.root), *args])
        assert proc.returncode in (0, 1), proc.stderr
        assert_no_raw(proc.stdout, proc.stderr)
        assert "\x1b[2J" not in proc.stdout + proc.stderr


def test_an_exported_csv_file_holds_no_raw_control(edited: tuple[Book, str, int]) -> None:
    """Like the spreadsheet, the CSV shows a stored control character by its stand-in (``terminal.clean``)."""
    book, _, _ = edited
    target = book.root.parent / "klien.csv"
    assert_clean_exit(book.run("export", "--format", "csv", "--output", str(target)), 0)
    text = target.read_text(encoding="utf-8-sig")
    assert_no_raw(text)
    assert "Budi\u241b[2J\u241b[31mSantoso\u2407" in text  # the name, shown by its stand-ins


def test_a_settings_file_with_a_control_is_refused_at_its_line(book: Book) -> None:
    path = book.root / "bapascase.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s+name: )(.*)$", lambda m: f'{m[1]}"Bapas\\x1b[2J {m[2].strip(chr(34))}"', text, count=1)
    path.write_text(text, encoding="utf-8")
    result = book.run("check")
    assert result.exit_code == 1, result.output
    assert "bapascase.yaml" in result.stderr and "U+001B" in result.stderr
    assert_no_raw(result.stdout, result.stderr)


# -- import ---------------------------------------------------------------------------------------------------------


def _import_csv(path: Path, **cells: str) -> Path:
    from bapascase.workflow.importer import EXAMPLE

    row = {**EXAMPLE, **cells}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(list(row))
        writer.writerow(list(row.values()))
    return path


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_import_csv_cell_is_refused_at_its_row_and_column(book: Book, lang: str) -> None:
    path = _import_csv(book.root.parent / "impor.csv", **{"identity.name": "Andi\x1b[2J Saputra",
                                                          "identity.address": "Jl. Mawar\x00 3"})
    result = book.run("--lang", lang, "import", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert_no_raw(result.stdout, result.stderr)
    lines = [ln for ln in result.stderr.splitlines() if "impor.csv" in ln]
    assert len([ln for ln in lines if "U+001B" in ln]) == 1 and len([ln for ln in lines if "U+0000" in ln]) == 1
    for ln in lines:
        assert re.match(r"^\S*impor\.csv:\d+: \S+: ", ln), ln
    assert ("karakter kontrol" if lang == "id" else "control character") in result.stderr
    assert case_dirs(book) == []


def test_an_office_line_break_in_an_import_cell_is_a_line_break(book: Book) -> None:
    """Word's line break pasted into Excel arrives as a vertical tab, a PDF's page break as a form feed: the
    officer meant a new line, and the row is imported with one (no other control character is let through)."""
    from bapascase.store import yamlio

    path = _import_csv(book.root.parent / "impor.csv", **{"identity.address": "Jl. Mawar No. 3\x0bMedan\x0cSumut"})
    result = book.run("import", str(path), "--no-input")
    assert_clean_exit(result, 0)
    [folder] = case_dirs(book)
    address = yamlio.load(folder / "case.yaml")["identity"]["address"]
    assert address == "Jl. Mawar No. 3\nMedan\nSumut"


# -- the wizard -----------------------------------------------------------------------------------------------------


class Scripted(Recording):
    """``Recording``, saving at the review: it answers text questions from a list, records what each prompt
    refused, and stops (like Ctrl-C) at any other question or when the list runs out."""

    def select(self, message: str, choices: Any, default: str | None = None, **kw: Any) -> str:
        if "save" in dict(choices):
            return "save"  # "Lanjut?" after the review
        return super().select(message, choices, default, **kw)


def test_the_wizard_refuses_a_pasted_control_at_its_prompt() -> None:
    from bapascase.workflow.wizard import Interview

    data = _filled(registry.model_for("case"), intake_answers())
    data["identity"].pop("birth_place")  # the one question asked
    prompter = Scripted(["Med\x1b[2Jan", "Medan\x07", "Medan"])
    doc = Interview(registry.model_for("case"), prompter, given=data).run()
    assert [a for a, _ in prompter.refused] == ["Med\x1b[2Jan", "Medan\x07"]
    assert "U+001B ESC" in prompter.refused[0][1] and "U+0007 BEL" in prompter.refused[1][1]
    assert doc.identity.birth_place == "Medan"  # type: ignore[attr-defined]


def test_the_wizard_asks_again_a_given_answer_holding_a_control() -> None:
    """An answer given up front (``--answers`` merged with an interactive run, a draft) that holds one is
    named after the interview and asked again, like any invalid answer; the prompt refuses it again if typed."""
    from bapascase.workflow.wizard import Interview

    data = _filled(registry.model_for("case"), intake_answers(identity={"name": "Budi\x1b[2J Santoso"}))
    prompter = Scripted(["Budi\x1b[2J", "Budi Santoso"])
    doc = Interview(registry.model_for("case"), prompter, given=data).run()
    assert any("Nama lengkap" in n and "U+001B ESC" in n for n in prompter.notes), prompter.notes
    assert [a for a, _ in prompter.refused] == ["Budi\x1b[2J"]
    assert doc.identity.name == "Budi Santoso"  # type: ignore[attr-defined]


def test_a_bracketed_paste_into_the_real_prompt_is_refused(book: Book) -> None:
    """The questionary prompter (pipe input): a paste holding ESC sequences is refused on the spot, the
    officer types it again, and what is recorded holds no control character."""
    from tests.helpers import CTRL_U, ENTER, interactive

    data = _filled(registry.model_for("case"), intake_answers())
    data["identity"].pop("occupation")  # the one question asked
    path = answers_file(book, data)
    paste = "\x1b[200~Petani\x07 \x1b]0;judul\x1b\\\x1b[201~"
    result = interactive(["new", "--answers", str(path)], [paste, ENTER, CTRL_U, "Petani", ENTER, ENTER],
                         casebook=book.root)
    assert_clean_exit(result, 0)
    assert_no_raw(result.stdout, result.stderr)
    [case] = case_dirs(book)
    text = (case / "case.yaml").read_text(encoding="utf-8")
    assert "occupation: Petani\n" in text and control_in(text) is None
