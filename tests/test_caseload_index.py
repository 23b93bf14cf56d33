"""Issue 15, round 2: the caseload index answers as the cases do. Its rows are trusted by the stamps of the case's
folders and files (one ``stat`` each, no folder listed), ``list``/``find`` read a brief of each summary, and the
facts of the day and what is due are kept in the index for the day they were computed; every fact must stay
what the path without an index computes, across a change of date and across every kind of change to the cases
(a write in place, a rewrite of the same size and time, an entry added or removed, a case removed, a ``git
pull``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Book, assert_clean_exit, invoke
from tests.stage_helpers import FCS, HCL, NCP, demo_book

pytestmark = pytest.mark.git(False)

DAY_ONE = dt.date(2026, 11, 20)
DAY_TWO = dt.date(2027, 2, 3)


@pytest.fixture
def exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """No racy window: a change must be noticed by the stamps alone (the files of a test are all seconds old)."""
    monkeypatch.setattr("bapascase.store.index.RACY_NS", 0)


def _plain(book: Book, today: dt.date) -> dict[str, tuple[dict[str, Any], list[Any]]]:
    """Every case as the path without an index computes it: its files read, summarized, dated, its due items."""
    from bapascase.model import derive
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import summary_of

    casebook = Casebook(book.root)
    defaults = casebook.settings.defaults
    interval, horizon = defaults.wajib_lapor_interval_days, defaults.due_horizon_days
    reassess = derive.reassessment_days(defaults.reassessment_months)
    holidays = casebook.settings.closed_days()  # the demo lists public holidays: the office is closed then
    out = {}
    for case_id in casebook.case_ids():
        summary = summary_of(casebook, case_id)
        summary.update(derive.dated(summary, today, interval, holidays))
        out[case_id] = (summary, derive.due_items(summary, today, interval, horizon, reassess, holidays=holidays))
    return out


def _indexed(book: Book, today: dt.date) -> dict[str, tuple[dict[str, Any], list[Any]]]:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import iter_day

    return {s["id"]: (s, items) for s, items in iter_day(Casebook(book.root), today)}


def _assert_agree(book: Book, today: dt.date) -> None:
    """The index (twice: computing the day's facts, then reading them kept) gives what the cases give, and the
    brief ``list`` reads is the summary's own fields."""
    from bapascase.cli.cmd_list import FILTER_FIELDS, TABLE_FIELDS
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import iter_caseload

    plain = _plain(book, today)
    assert _indexed(book, today) == plain
    assert _indexed(book, today) == plain  # now from the kept day facts
    fields = (*TABLE_FIELDS, *FILTER_FIELDS)
    brief = {s["id"]: {k: s[k] for k in fields} for s in iter_caseload(Casebook(book.root), today, fields)}
    assert brief == {cid: {k: s[k] for k in fields} for cid, (s, _) in plain.items()}


def _days_kept(book: Book) -> dict[str, str]:
    con = sqlite3.connect(book.root / ".bapascase" / "index.sqlite3")
    try:
        return dict(con.execute("SELECT id, day FROM days"))
    finally:
        con.close()


def test_the_day_facts_kept_agree_with_the_cases_across_a_change_of_date(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    kept = _days_kept(book)
    assert len(kept) == 6 and all(text.startswith(f'["{DAY_ONE.isoformat()}"') for text in kept.values())
    _assert_agree(book, DAY_TWO)
    assert all(text.startswith(f'["{DAY_TWO.isoformat()}"') for text in _days_kept(book).values())
    _assert_agree(book, DAY_ONE)


def test_kept_day_facts_are_read_not_computed(tmp_path: Path, exact: None, monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    expected = _indexed(book, DAY_ONE)

    def computed(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the day's facts were kept: nothing should be computed")

    monkeypatch.setattr("bapascase.model.derive.dated", computed)
    monkeypatch.setattr("bapascase.model.derive.due_items", computed)
    monkeypatch.setattr("bapascase.store.index.summarize_case", computed)
    assert _indexed(book, DAY_ONE) == expected


def test_day_facts_kept_by_earlier_day_rules_are_computed_again(tmp_path: Path, exact: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that changes a rule of the day's facts (``derive.DAY_RULES``) does not read what the earlier rules
    kept for the same day."""
    from bapascase.model import derive

    book = demo_book(tmp_path)
    monkeypatch.setattr(derive, "DAY_RULES", derive.DAY_RULES - 1)
    expected = _indexed(book, DAY_ONE)
    monkeypatch.setattr(derive, "DAY_RULES", derive.DAY_RULES + 1)
    calls: list[str] = []
    dated = derive.dated

    def counted(summary: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(summary["id"])
        return dated(summary, *args, **kwargs)

    monkeypatch.setattr(derive, "dated", counted)
    assert _indexed(book, DAY_ONE) == expected
    assert len(calls) == 6


def test_other_intervals_and_horizons_are_not_read_from_kept_facts(tmp_path: Path, exact: None) -> None:
    from bapascase.model import derive
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import iter_day

    book = demo_book(tmp_path)
    _indexed(book, DAY_ONE)
    casebook = Casebook(book.root)
    reassess = derive.reassessment_days(casebook.settings.defaults.reassessment_months)
    for horizon in (0, 400):
        got = {s["id"]: items for s, items in iter_day(casebook, DAY_ONE, horizon=horizon)}
        want = {cid: derive.due_items(s, DAY_ONE, casebook.settings.defaults.wajib_lapor_interval_days, horizon,
                                      reassess, holidays=casebook.settings.closed_days())
                for cid, (s, _) in _plain(book, DAY_ONE).items()}
        assert got == want
    settings = book.root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "wajib_lapor_interval_days: 30\n" in text
    settings.write_text(text.replace("wajib_lapor_interval_days: 30\n", "wajib_lapor_interval_days: 9\n"),
                        encoding="utf-8")
    _assert_agree(book, DAY_ONE)


def test_other_public_holidays_are_not_read_from_kept_facts(tmp_path: Path, exact: None) -> None:
    """The holidays of ``bapascase.yaml`` move reports (``derive.working_day``): facts kept for others are not read."""
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    settings = book.root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "- 2026-12-25" in text
    settings.write_text(text.replace("- 2026-12-25", "- 2026-12-24\n- 2026-12-28"), encoding="utf-8")
    _assert_agree(book, DAY_ONE)


def _in_place(path: Path, old: str, new: str) -> None:
    """Write ``path`` in place (same file, as an editor that keeps the inode does)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+", encoding="utf-8") as fh:
        fh.seek(0)
        fh.write(text.replace(old, new))
        fh.truncate()


def test_a_write_in_place_is_noticed(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    path = book.root / "cases" / NCP / "case.yaml"
    inode = path.stat().st_ino
    _in_place(path, "legal:\n", "legal:\n  supervision_end: 2026-12-01\n")
    assert path.stat().st_ino == inode
    _assert_agree(book, DAY_ONE)
    assert _indexed(book, DAY_ONE)[NCP][0]["end"] == "2026-12-01"


def test_a_rewrite_of_the_same_size_and_time_is_noticed(tmp_path: Path, exact: None) -> None:
    """Same inode, same size, the modification time put back: only the change time tells."""
    book = demo_book(tmp_path)
    path = book.root / "cases" / FCS / "case.yaml"
    _assert_agree(book, DAY_ONE)
    name = _indexed(book, DAY_ONE)[FCS][0]["name"]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = name[::-1] if len(name.encode()) == len(name) else name.upper()
    assert len(swapped.encode()) == len(name.encode()) and swapped != name
    _in_place(path, name, swapped)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert text != path.read_text(encoding="utf-8")
    _assert_agree(book, DAY_ONE)
    assert _indexed(book, DAY_ONE)[FCS][0]["name"] == swapped


def test_an_entry_added_or_removed_is_noticed(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    monitoring = book.root / "cases" / NCP / "monitoring"
    entries = sorted(monitoring.glob("*.yaml"))
    last = entries[-1]
    added = monitoring / "2026-11-19.yaml"
    assert not added.exists()
    text = last.read_text(encoding="utf-8")
    added.write_text(text.replace(f"date: {last.stem[:10]}", "date: 2026-11-19"), encoding="utf-8")
    _assert_agree(book, DAY_ONE)
    assert _indexed(book, DAY_ONE)[NCP][0]["last_monitoring"] == "2026-11-19"
    added.unlink()
    entries[0].unlink()
    _assert_agree(book, DAY_ONE)
    # a stage folder made where there was none, and a document beside case.yaml
    events = book.root / "cases" / FCS / "events"
    shutil.copytree(book.root / "cases" / HCL / "events", events, dirs_exist_ok=True)
    shutil.copy2(book.root / "cases" / NCP / "engagement.yaml", book.root / "cases" / FCS / "engagement.yaml")
    _assert_agree(book, DAY_ONE)


def test_a_removed_case_leaves_and_its_kept_day_goes(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    shutil.rmtree(book.root / "cases" / HCL)
    _assert_agree(book, DAY_ONE)
    assert HCL not in _indexed(book, DAY_ONE) and HCL not in _days_kept(book)


def test_a_case_folder_replaced_is_read_again(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    shutil.rmtree(book.root / "cases" / FCS)
    shutil.copytree(book.root / "cases" / HCL, book.root / "cases" / FCS)
    _assert_agree(book, DAY_ONE)


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_a_git_pull_is_noticed(tmp_path: Path, exact: None) -> None:
    """Two clones of one remote: what the other clone changed (a file rewritten with the same size, an entry
    added, a case removed) is seen after ``git pull``, with the day facts kept before the pull."""
    origin = demo_book(tmp_path)
    (origin.root / ".gitignore").write_text(".bapascase/\n", encoding="utf-8")
    _git(origin.root, "init", "-q", "-b", "main")
    _git(origin.root, "add", "-A")
    _git(origin.root, "commit", "-q", "-m", "demo")
    remote = tmp_path / "remote.git"
    _git(tmp_path, "clone", "-q", "--bare", str(origin.root), str(remote))
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    _git(tmp_path, "clone", "-q", str(remote), str(mine))
    _git(tmp_path, "clone", "-q", str(remote), str(theirs))
    book = Book(mine)
    _assert_agree(book, DAY_ONE)
    case = theirs / "cases" / NCP / "case.yaml"
    name = json.dumps(_indexed(book, DAY_ONE)[NCP][0]["name"], ensure_ascii=False).strip('"')
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace(name, name[::-1], 1), encoding="utf-8")
    assert len(case.read_bytes()) == len(text.encode())
    entry = sorted((theirs / "cases" / NCP / "monitoring").glob("*.yaml"))[-1]
    shutil.copy2(entry, entry.parent / "2026-11-19.yaml")
    shutil.rmtree(theirs / "cases" / HCL)
    _git(theirs, "add", "-A")
    _git(theirs, "commit", "-q", "-m", "their changes")
    _git(theirs, "push", "-q", "origin", "main")
    _git(mine, "pull", "-q", "--ff-only", "origin", "main")
    _assert_agree(book, DAY_ONE)
    pulled = _indexed(book, DAY_ONE)
    assert pulled[NCP][0]["name"] == name[::-1] and HCL not in pulled


def test_a_warm_read_lists_no_folder(tmp_path: Path, exact: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamps a warm read takes (one ``stat`` per stamped path) are the ones the scan wrote: no case folder is
    listed again, no file read, while nothing changed."""
    from bapascase.store import index
    from bapascase.store.casebook import Casebook

    book = demo_book(tmp_path)
    expected = index.load_index(Casebook(book.root))

    def listed(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("a case folder was listed again")

    monkeypatch.setattr(index, "_signature", listed)
    monkeypatch.setattr(index, "summarize_case", listed)
    assert index.load_index(Casebook(book.root)) == expected


def test_a_racy_stamp_is_looked_at_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A case whose files changed as it was read (in the same tick of the clock) is read again on the next run,
    until its stamps are older than the racy window."""
    from bapascase.store import index
    from bapascase.store.casebook import Casebook

    book = demo_book(tmp_path)
    casebook = Casebook(book.root)
    monkeypatch.setattr(index, "RACY_NS", 10**18)  # every stamp is "just now"
    index.load_index(casebook)
    reads: list[str] = []
    real = index.summarize_case

    def counting(book_: Any, case_id: str, *a: Any, **k: Any) -> Any:
        reads.append(case_id)
        return real(book_, case_id, *a, **k)

    monkeypatch.setattr(index, "summarize_case", counting)
    index.load_index(casebook)
    assert len(reads) == 6  # every row was marked racy: each case read again
    monkeypatch.setattr(index, "RACY_NS", 0)
    reads.clear()
    index.load_index(casebook)
    assert len(reads) == 6  # once more, now with stamps that are not racy
    reads.clear()
    index.load_index(casebook)
    assert reads == []


def test_a_write_through_the_tool_is_not_racy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bapascase refreshes the row of what it wrote itself (under the casebook's lock): the next read takes the
    row as it is, even with the file's stamps within the racy window."""
    from bapascase.store import index
    from bapascase.store.casebook import Casebook

    book = demo_book(tmp_path)
    casebook = Casebook(book.root)
    monkeypatch.setattr(index, "RACY_NS", 0)
    index.load_index(casebook)
    _in_place(book.root / "cases" / NCP / "case.yaml", "legal:\n", "legal:\n  supervision_end: 2026-12-01\n")
    index.refresh(casebook, [NCP])

    def read(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the row was current")

    monkeypatch.setattr(index, "RACY_NS", 10**18)
    monkeypatch.setattr(index, "summarize_case", read)
    assert [s["end"] for s in index.load_index(casebook) if s["id"] == NCP] == ["2026-12-01"]


# -- the rows' CRCs and the files beside the index ------------------------------------------------------------


def test_an_edited_brief_or_day_is_not_trusted(tmp_path: Path, exact: None) -> None:
    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    con = sqlite3.connect(book.root / ".bapascase" / "index.sqlite3")
    from bapascase.store.index import BRIEF_FIELDS

    [(brief,)] = con.execute("SELECT brief FROM cases WHERE id = ?", (NCP,))
    values = json.loads(brief)
    values[BRIEF_FIELDS.index("stage")] = "x" + values[BRIEF_FIELDS.index("stage")]
    con.execute("UPDATE cases SET brief = ? WHERE id = ?", (json.dumps(values, ensure_ascii=False), NCP))
    [(day,)] = con.execute("SELECT day FROM days WHERE id = ?", (FCS,))
    assert '"days_left": ' in day
    con.execute("UPDATE days SET day = ? WHERE id = ?", (day.replace('"days_left": ', '"days_left": 1'), FCS))
    con.commit()
    con.close()
    _assert_agree(book, DAY_ONE)
    result = invoke(["list", "--json"], casebook=book.root, today=DAY_ONE)
    assert_clean_exit(result, 0)
    assert all(not c["stage"].startswith("x") for c in json.loads(result.stdout)["cases"])


@pytest.mark.parametrize("column,check", [("brief", "bcheck"), ("summary", "check_")])
def test_rows_that_join_into_another_order_are_not_trusted(tmp_path: Path, exact: None, column: str,
                                                            check: str) -> None:
    """Rows are decoded a batch at a time (``index._decoded_all``), each text alone. Rows whose texts carry a
    matching CRC but are not one value each (the first two make one value, the third makes two) would join into
    a list of as many values, in another order: each case is still given its own summary, read from its files."""
    from bapascase.store import index
    from bapascase.store.casebook import Casebook

    book = demo_book(tmp_path)
    fields = index.BRIEF_FIELDS if column == "brief" else None
    before = list(index.iter_index(Casebook(book.root), fields=fields))
    con = sqlite3.connect(book.root / ".bapascase" / "index.sqlite3")
    rows = con.execute(f"SELECT id, sig, {column} FROM cases ORDER BY id").fetchall()
    (a, sig_a, text_a), (b, sig_b, _), (c, sig_c, text_c) = rows[:3]
    # a's text cut inside a list of its own (a brief: its aliases; a summary: its articles) and ended by b's
    cut = text_a.index("[", 1) + 1
    forged = {a: text_a[:cut] + "1", b: "2, " + text_a[cut:], c: f"{text_c}, {text_c}"}
    for case_id, sig in ((a, sig_a), (b, sig_b), (c, sig_c)):
        con.execute(f"UPDATE cases SET {column} = ?, {check} = ? WHERE id = ?",
                    (forged[case_id], index.row_check(sig, forged[case_id]), case_id))
    con.commit()
    con.close()
    joined = json.loads("[" + ",".join(forged[k] for k in (a, b, c)) + "]")
    # as many values as rows, the second one case c's
    assert len(joined) == 3 and json.dumps(joined[1], ensure_ascii=False) == text_c
    after = list(index.iter_index(Casebook(book.root), write=False, fields=fields))
    # (a row read again from its case's files gives its whole summary, of which a brief reader reads its fields)
    assert [{k: s.get(k) for k in fields or s} for s in after] == [{k: s.get(k) for k in fields or s} for s in before]


def test_day_facts_that_are_not_one_value_each_are_computed_again(tmp_path: Path, exact: None) -> None:
    """The day facts of a batch of rows are decoded each alone too: rows whose texts carry a matching CRC but
    are not one value each are computed again, each for its own case."""
    from bapascase.store import index

    book = demo_book(tmp_path)
    _assert_agree(book, DAY_ONE)
    con = sqlite3.connect(book.root / ".bapascase" / "index.sqlite3")
    rows = con.execute("SELECT d.id, c.sig, d.day FROM days d JOIN cases c ON c.id = d.id ORDER BY d.id").fetchall()
    (a, sig_a, day_a), (b, sig_b, _), (c, sig_c, day_c) = rows[:3]
    key_a, value_a = day_a.split("\n", 1)
    key_c, value_c = day_c.split("\n", 1)
    forged = {a: f"{key_a}\n{value_a[:-1]}", b: f"{key_a}\n]", c: f"{key_c}\n{value_c}, {value_c}"}
    for case_id, sig in ((a, sig_a), (b, sig_b), (c, sig_c)):
        con.execute("UPDATE days SET day = ?, dcheck = ? WHERE id = ?",
                    (forged[case_id], index.row_check(sig, forged[case_id]), case_id))
    con.commit()
    con.close()
    _assert_agree(book, DAY_ONE)


@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm"])
def test_a_link_beside_the_index_is_never_followed(tmp_path: Path, exact: None, suffix: str) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index, names

    book = demo_book(tmp_path)
    load_index(Casebook(book.root))
    outside = tmp_path / "elsewhere"
    outside.write_bytes(b"not yours")
    beside = book.root / ".bapascase" / f"index.sqlite3{suffix}"
    beside.symlink_to(outside)
    assert names(Casebook(book.root)) == {}  # a reader does not open an index with a link beside it
    result = invoke(["list", "--json"], casebook=book.root, today=DAY_ONE)
    assert_clean_exit(result, 0)
    assert len(json.loads(result.stdout)["cases"]) == 5  # the closed case is left out
    assert outside.read_bytes() == b"not yours"
    assert not beside.is_symlink()  # a writer removed it
    assert len(names(Casebook(book.root))) == 6


def test_a_journal_too_big_for_the_caseload_is_removed(tmp_path: Path, exact: None) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import INDEX_BASE_BYTES, load_index, names

    book = demo_book(tmp_path)
    load_index(Casebook(book.root))
    journal = book.root / ".bapascase" / "index.sqlite3-journal"
    with open(journal, "wb") as fh:
        fh.truncate(INDEX_BASE_BYTES * 64)
    assert names(Casebook(book.root)) == {}
    assert len(load_index(Casebook(book.root))) == 6
    assert not journal.exists()


def test_completion_and_refresh_keep_the_size_bound(tmp_path: Path, exact: None) -> None:
    """``names`` (shell completion) and ``refresh`` (after a write) never open an index too big for the
    caseload: a huge sparse file is not read, and a writer builds a good one in its place."""
    import time

    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index, names, refresh

    book = demo_book(tmp_path)
    path = book.root / ".bapascase" / "index.sqlite3"
    load_index(Casebook(book.root))
    path.unlink()
    with open(path, "wb") as fh:
        fh.truncate(8 * 1024**3)
    started = time.monotonic()
    assert names(Casebook(book.root)) == {}
    refresh(Casebook(book.root), [NCP])
    assert time.monotonic() - started < 10
    assert path.stat().st_size < 1024 * 1024
    assert list(names(Casebook(book.root))) == [NCP]


# -- the light loader's short cuts for numbers and dates ---------------------------------------------------------

NUMBERS_AND_DATES = ["a: 123", "a: 7", "a: 0", "a: 00", "a: 0123", "a: 089", "a: 99999999999999999999999",
                     "a: " + "9" * 5000, "a: 2026-13-45", "a: 2026-02-29", "a: 2024-02-29", "a: 0000-01-01",
                     "a: 2026-01-02x", "a: \u0661\u0662\u0663", "a: \uff11\uff12", "a: 1_0", "a: 12:30", "a: 1e3",
                     "a: 1.0", "a: [1, 2026-03-04, 03]"]


@pytest.mark.parametrize("text", NUMBERS_AND_DATES)
def test_the_light_loader_reads_numbers_and_dates_as_the_safe_loader(tmp_path: Path, text: str) -> None:
    from bapascase.store import yamlio

    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    out = []
    for fn in (yamlio.load, yamlio.load_light):
        try:
            out.append(repr(fn(path)))
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    assert out[1] == out[0]


# -- the read commands print the same with an index built now, an index kept, and no index at all -----------------

READ_COMMANDS = [["list", "--json"], ["list", "--all", "--json"], ["list", "--all"], ["list", "--officer", "Hendra"],
                 ["due", "--json"], ["due"], ["due", "--days", "400", "--json"], ["due", "--officer", "Hendra"],
                 ["stats", "--json"], ["stats"], ["find", "Budi", "--json"], ["find", "an"], ["due", "--remind"]]


def _outputs(book: Book, today: dt.date) -> list[str]:
    out = []
    for args in READ_COMMANDS:
        result = invoke(args, casebook=book.root, today=today)
        assert result.exit_code in (0, 1), (args, result.stdout, result.stderr)
        out.append(f"{args} {result.exit_code}\n{result.stdout}")
    return out


def test_the_read_commands_print_the_same_with_and_without_the_index(tmp_path: Path, exact: None,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    built = _outputs(book, DAY_ONE)  # the index built, the day's facts computed and kept
    assert _outputs(book, DAY_ONE) == built  # read from what was kept
    other_day = _outputs(book, DAY_TWO)
    assert _outputs(book, DAY_ONE) == built
    with monkeypatch.context() as m:
        m.setattr("bapascase.store.index._open", lambda *_a, **_k: None)
        assert _outputs(book, DAY_ONE) == built
        assert _outputs(book, DAY_TWO) == other_day


@pytest.mark.slow
def test_the_caseload_benchmark_runs_another_build_interleaved(tmp_path: Path) -> None:
    import sys

    from tests.helpers import ROOT, test_environ

    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "caseload.py"), "--cases", "20", "-n", "1",
                           "--dir", str(tmp_path / "cb"), "--commands", "list,due", "--before", str(ROOT / "src"),
                           "--json"], capture_output=True, text=True, env=test_environ(), timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    for mode in ("cold", "warm"):
        assert set(data[mode]["median_s"]) == {"parse", "list", "list@before", "due", "due@before"}
    assert (tmp_path / "cb-before" / ".bapascase" / "index.sqlite3").is_file()


# the keys of a summary at each index version: a change to them without a new INDEX_VERSION left an index of the
# old shape untrusted and never written back, so every read summarized every case again
SUMMARY_SHAPES = {
    16: "absent_streak,address,aliases,articles,birth_date,breaches,closed,closed_on,closing_ground,conditions,"
        "counts,daily_hours,end,end_derived,engaged_on,expiry,guarantor,guarantor_phone,hours,id,initials,"
        "intake_date,last_assessment,last_monitoring,last_pertimbangan,last_proposal,last_warning,missed_months,"
        "name,next_date,nik,offence,officer,officer_nip,permits,phone,praktikan,present,programme,proposal_pending,"
        "recent_reports,reported_while_revoked,restitution,revoked_on,risk,risk_history,sentence,sex,stage,start,"
        "streak_since,supervision,terminated,terminated_on,tpp_dates,transfer_to,unreadable,warnings,"
        "wl_interval_days,wl_statuses,work_days",
}
SUMMARY_SHAPES[17] = SUMMARY_SHAPES[16]  # 17: the brief as a list of its values
SUMMARY_SHAPES[18] = SUMMARY_SHAPES[17]  # 18: terminated_on is the termination in effect


def test_a_summary_of_another_shape_comes_with_a_new_index_version() -> None:
    from bapascase.store.index import INDEX_VERSION, summary_keys

    assert INDEX_VERSION in SUMMARY_SHAPES, "a new INDEX_VERSION: pin its summary keys here"
    assert ",".join(sorted(summary_keys())) == SUMMARY_SHAPES[INDEX_VERSION], (
        "the summary's keys changed: raise INDEX_VERSION (store/index.py) and pin the new shape here")
