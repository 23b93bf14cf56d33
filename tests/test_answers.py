"""Issue 15: ``list``, ``due``, ``find`` and ``stats`` asked again of an unchanged casebook print the answer they
kept (``store.answers``) instead of working it out again from every row. An answer given again is byte for byte
what the command computes; any change to a case, the day, the options, the language, the width or the settings
is a new question; a run that warned is never kept; a kept answer is private and never read through a link."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bapascase.store.index import RACY_NS
from tests.helpers import SRC, Book, assert_clean_exit, invoke, minimal_intake, test_environ
from tests.stage_helpers import FCS, HCL, NCP, demo_book

pytestmark = pytest.mark.git(False)

DAY = dt.date(2026, 11, 20)
ASKED = [["list"], ["list", "--json"], ["list", "--all"], ["list", "--officer", "Hendra"], ["due"], ["due", "--json"],
         ["due", "--days", "400"], ["stats"], ["stats", "--json"], ["find", "an"], ["find", "Budi", "--json"]]


@pytest.fixture
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """No racy window: the files of a test are all seconds old, and only the stamps must tell a change."""
    monkeypatch.setattr("bapascase.store.index.RACY_NS", 0)


def _answers(book: Book) -> Path:
    return book.root / ".bapascase" / "answers"


def _run(book: Book, args: list[str], today: dt.date = DAY, env: dict[str, str] | None = None) -> str:
    result = invoke(args, casebook=book.root, today=today, env=env)
    assert_clean_exit(result, 0)
    return result.stdout


def _computed(book: Book, args: list[str], monkeypatch: pytest.MonkeyPatch, today: dt.date = DAY,
              env: dict[str, str] | None = None) -> str:
    """What the command prints working it out (no kept answer read)."""
    with monkeypatch.context() as m:
        m.setattr("bapascase.store.answers.read_answer", lambda *_a, **_k: None)
        return _run(book, args, today, env)


def _no_rows_read(m: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the rows were read")

    m.setattr("bapascase.store.index._rows", refuse)


def test_a_question_asked_again_is_answered_from_what_was_kept(tmp_path: Path, exact: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    _run(book, ["list"])  # the index built: the next runs find every case as its row says
    first = {" ".join(args): _run(book, args) for args in ASKED}
    assert len(list(_answers(book).iterdir())) == len(ASKED)
    with monkeypatch.context() as m:
        _no_rows_read(m)
        again = {" ".join(args): _run(book, args) for args in ASKED}
    assert again == first
    assert again == {" ".join(args): _computed(book, args, monkeypatch) for args in ASKED}


def test_due_remind_is_always_worked_out(tmp_path: Path, exact: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """``due --remind`` reads the documents themselves, not only the index: it keeps no answer."""
    book = demo_book(tmp_path)
    _run(book, ["list"])
    before = set(_answers(book).iterdir()) if _answers(book).exists() else set()
    _run(book, ["due", "--remind"])
    _run(book, ["due", "--remind"])
    assert (set(_answers(book).iterdir()) if _answers(book).exists() else set()) == before


def _changed_name(book: Book, case_id: str, new: str) -> None:
    path = book.cases / case_id / "case.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
    lines[at] = f"  name: {new}\n"
    with open(path, "r+", encoding="utf-8") as fh:  # in place: the same inode
        fh.write("".join(lines))
        fh.truncate()


def test_every_change_to_the_cases_is_a_new_question(tmp_path: Path, exact: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    _run(book, ["list", "--all"])
    _run(book, ["list", "--all"])
    _changed_name(book, NCP, "Zulkarnaen")
    shown = _run(book, ["list", "--all"])
    assert "Zulkarnaen" in shown
    assert shown == _computed(book, ["list", "--all"], monkeypatch)
    # a case copied in, and one removed
    shutil.copytree(book.cases / FCS, book.cases / "ZZ-copy")
    assert "ZZ-copy" in _run(book, ["list", "--all"])
    shutil.rmtree(book.cases / HCL)
    shown = _run(book, ["list", "--all"])
    assert HCL not in shown and shown == _computed(book, ["list", "--all"], monkeypatch)
    # a document added to a case changes what is due
    _run(book, ["due", "--json"])
    monitoring = book.cases / NCP / "monitoring"
    last = sorted(monitoring.glob("*.yaml"))[-1]
    added = monitoring / "2026-11-19.yaml"
    added.write_text(last.read_text(encoding="utf-8").replace(f"date: {last.stem[:10]}", "date: 2026-11-19"),
                     encoding="utf-8")
    assert _run(book, ["due", "--json"]) == _computed(book, ["due", "--json"], monkeypatch)


def test_another_day_language_width_or_setting_is_a_new_question(tmp_path: Path, exact: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    _run(book, ["list"])
    variants: list[tuple[list[str], dt.date, dict[str, str] | None]] = [
        (["due"], DAY, None), (["due"], dt.date(2027, 2, 3), None), (["--lang", "en", "due"], DAY, None),
        (["list"], DAY, {"COLUMNS": "80"}), (["list"], DAY, {"COLUMNS": "200"}), (["list", "--all"], DAY, None),
        (["stats"], dt.date(2027, 2, 3), None), (["--lang", "en", "stats"], DAY, None),
    ]
    for args, day, env in variants * 2:
        assert _run(book, args, day, env) == _computed(book, args, monkeypatch, day, env), (args, day, env)
    # the office's settings changed: a new question, answered as the new settings say
    settings = book.root / "bapascase.yaml"
    _run(book, ["due", "--json"])
    kept = set(_answers(book).iterdir())
    text = settings.read_text(encoding="utf-8")
    assert "wajib_lapor_interval_days:" in text
    lines = [("  wajib_lapor_interval_days: 14\n" if line.strip().startswith("wajib_lapor_interval_days:") else line)
             for line in text.splitlines(keepends=True)]
    settings.write_text("".join(lines), encoding="utf-8")
    assert _run(book, ["due", "--json"]) == _computed(book, ["due", "--json"], monkeypatch)
    assert set(_answers(book).iterdir()) - kept


def test_a_run_that_warned_keeps_no_answer(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _run(book, ["list"])
    entry = sorted((book.cases / NCP / "monitoring").glob("*.yaml"))[0]
    entry.write_text("<<<<<<< HEAD\ndate: 2026-01-01\n=======\ndate: 2026-01-02\n>>>>>>> theirs\n", encoding="utf-8")
    for _ in range(3):
        result = invoke(["list"], casebook=book.root, today=DAY)
        assert_clean_exit(result, 0)
        assert result.stderr.strip()  # said every time: the caseload left a file out
    assert not _answers(book).exists() or not list(_answers(book).iterdir())


def test_kept_answers_are_private_and_never_read_through_a_link(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _run(book, ["list"])
    shown = _run(book, ["list"])
    folder = _answers(book)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [kept] = list(folder.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    head = kept.read_bytes().split(b"\n", 1)[0]
    # a link in its place, to a file outside that says another answer for the same question and state
    outside = tmp_path / "planted"
    outside.write_bytes(head + b"\nPLANTED\n")
    kept.unlink()
    kept.symlink_to(outside)
    assert _run(book, ["list"]) == shown
    # damaged, cut short, empty, a folder, huge: worked out again
    for damage in (b"", b"not json\nPLANTED\n", head[: len(head) // 2], b"[1, 2]\nPLANTED\n"):
        if kept.is_symlink() or kept.is_file():
            kept.unlink()
        kept.write_bytes(damage)
        assert _run(book, ["list"]) == shown
    kept.unlink()
    kept.mkdir()
    assert _run(book, ["list"]) == shown
    # the folder itself a link to a folder that holds a planted answer under the same name
    planted = tmp_path / "elsewhere"
    planted.mkdir()
    (planted / kept.name).write_bytes(head + b"\nPLANTED\n")
    shutil.rmtree(folder)
    folder.symlink_to(planted)
    assert _run(book, ["list"]) == shown
    assert (planted / kept.name).read_bytes() == head + b"\nPLANTED\n"  # nor written through


def test_only_the_newest_answers_are_kept(tmp_path: Path, exact: None) -> None:
    from bapascase.store.answers import KEEP

    book = demo_book(tmp_path)
    _run(book, ["list"])
    for n in range(KEEP + 5):
        _run(book, ["list", "--officer", f"nobody{n}"])
    assert len(list(_answers(book).iterdir())) == KEEP


def test_the_real_entry_point_prints_the_same_bytes_again(tmp_path: Path) -> None:
    """Through ``python -m bapascase`` (the files some seconds old, as an officer's are): the second run gives
    the kept answer, byte for byte."""
    book = demo_book(tmp_path)
    time.sleep(RACY_NS / 1e9 + 0.2)  # the files older than the racy window: their stamps alone tell a change
    env = {**test_environ(today=DAY), "PYTHONPATH": str(SRC), "COLUMNS": "120"}

    def run() -> bytes:
        done = subprocess.run([sys.executable, "-m", "bapascase", "-C", str(book.root), "list", "--all"],
                              capture_output=True, env=env, timeout=120, check=False)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        return done.stdout

    first, second = run(), run()
    third = run()
    assert len(list(_answers(book).iterdir())) == 1
    assert first == second == third


@pytest.mark.git(True)
@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_what_a_sync_brings_is_a_new_question(book: Book, tmp_path: Path, exact: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Through a real remote: Hendra's ``list``, ``due`` and ``find`` kept; Maria registers a client and records a
    session, and syncs; Hendra's sync brings them, and his next answers are the new ones."""
    from tests.stage_helpers import record_ok
    from tests.team_helpers import make_team

    team = make_team(book, tmp_path)
    case_id = team.a.new()
    team.sync(team.a)
    team.sync(team.b)
    asked = [["list", "--all"], ["due", "--json"], ["find", case_id, "--json"], ["stats", "--json"]]
    for args in asked * 2:
        _run(team.a, args)
    kept = {p.name.split("-")[0]: p.read_bytes() for p in _answers(team.a).iterdir()}  # by question
    assert len(kept) == len(asked)
    other = team.b.new(minimal_intake())
    record_ok(team.b, "engage", case_id)
    team.sync(team.b)
    team.sync(team.a)
    for args in asked:
        shown = _run(team.a, args)
        assert shown == _computed(team.a, args, monkeypatch)
    assert other in _run(team.a, ["list", "--all"])
    now = {p.name.split("-")[0]: p.read_bytes() for p in _answers(team.a).iterdir()}
    assert now.keys() == kept.keys() and all(now[name] != kept[name] for name in kept)  # each kept anew


def test_answers_of_an_earlier_state_go_when_the_next_is_kept(tmp_path: Path, exact: None) -> None:
    """A client's name must not stay in an answer once the case is gone: keeping an answer for the casebook as
    it is now removes every answer kept for it as it was."""
    book = demo_book(tmp_path)
    _run(book, ["list"])
    name = _run(book, ["find", "Nurul", "--json"])
    assert "Nurul" in name
    _run(book, ["stats"])
    assert len(list(_answers(book).iterdir())) == 2
    shutil.rmtree(book.cases / NCP)
    _run(book, ["stats"])  # the index brought up to date: nothing kept is of use any more
    assert not list(_answers(book).iterdir())
    _run(book, ["stats"])
    _run(book, ["list"])
    assert len(list(_answers(book).iterdir())) == 2
    _changed_name(book, FCS, "Zulkarnaen")  # a change the index has not seen yet
    _run(book, ["stats"])
    assert not list(_answers(book).iterdir())
    _run(book, ["stats"])
    assert len(list(_answers(book).iterdir())) == 1  # stats kept anew
    assert all(b"Nurul" not in p.read_bytes() for p in _answers(book).iterdir())
