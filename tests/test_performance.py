"""Issue 15: the fast paths give the same answers as the slow ones (the caseload index kept by every write, the
lighter YAML loader of the index, the validated-at-write stamps of the reports, the bulk import)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT, Book, assert_clean_exit, intake_answers
from tests.stage_helpers import make_editor, through

pytestmark = pytest.mark.git(False)


def _rows(root: Path) -> dict[str, str]:
    con = sqlite3.connect(root / ".bapascase" / "index.sqlite3")
    try:
        return dict(con.execute("SELECT id, sig FROM cases"))
    finally:
        con.close()


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the index should have been current: a case was read again")

    monkeypatch.setattr("bapascase.store.index.summarize_case", read)


# -- the index follows every write --------------------------------------------------------------------------------


def test_a_new_case_is_in_the_index_before_any_read_command(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    case_id = book.new()
    assert case_id in _rows(book.root)
    _no_reading(monkeypatch)
    [summary] = load_index(Casebook(book.root))
    assert summary["id"] == case_id and summary["name"] == "Budi Zulkarnain Ginting"


def test_a_recorded_document_and_an_edit_update_the_row(book: Book, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import iter_index

    case_id = book.new()
    through(book, case_id, "engage")
    with monkeypatch.context() as m:
        _no_reading(m)
        [summary] = iter_index(Casebook(book.root))
    assert "engagement" in summary["present"]
    editor = make_editor(tmp_path / "ed", [("name: Budi Zulkarnain Ginting", "name: Budi Z. Ginting")])
    assert_clean_exit(book.run("edit", case_id, "case", env=editor.env), 0)
    _no_reading(monkeypatch)
    [summary] = iter_index(Casebook(book.root))
    assert summary["name"] == "Budi Z. Ginting"


def test_a_file_changed_outside_bapascase_is_still_noticed(book: Book) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    case_id = book.new()
    path = book.case_file(case_id)
    path.write_text(path.read_text(encoding="utf-8").replace("Budi Zulkarnain Ginting", "Budi Lain"), encoding="utf-8")
    assert load_index(Casebook(book.root))[0]["name"] == "Budi Lain"


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000, b""])
def test_a_damaged_index_is_built_again(book: Book, content: bytes) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    case_id = book.new()
    (book.root / ".bapascase" / "index.sqlite3").write_bytes(content)
    assert [s["id"] for s in load_index(Casebook(book.root))] == [case_id]
    assert case_id in _rows(book.root)


def test_a_damaged_row_is_read_again(book: Book) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    case_id = book.new()
    con = sqlite3.connect(book.root / ".bapascase" / "index.sqlite3")
    con.execute("UPDATE cases SET summary = '[1, 2' WHERE id = ?", (case_id,))
    con.commit()
    con.close()
    assert load_index(Casebook(book.root))[0]["name"] == "Budi Zulkarnain Ginting"


def test_a_read_only_casebook_lists_without_an_index(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.store import index
    from bapascase.store.casebook import Casebook

    case_id = book.new()
    monkeypatch.setattr(index, "_open", lambda *_a, **_k: None)
    assert [s["id"] for s in index.load_index(Casebook(book.root))] == [case_id]


def test_a_removed_case_leaves_the_index(book: Book) -> None:
    import shutil

    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index

    first, second = book.new(), book.new(intake_answers(identity={**intake_answers()["identity"],
                                                                   "name": "Siti Aminah", "nik": None}))
    shutil.rmtree(book.cases / first)
    assert [s["id"] for s in load_index(Casebook(book.root))] == [second]
    assert set(_rows(book.root)) == {second}


# -- the lighter loader -----------------------------------------------------------------------------------------

ODD = ["a: !!str 123", "a: 0123", "a: -5", "a: 1.5", "a: 2026-02-30", "a: 2026-01-02 10:00:00", "a: ~", "a: ''",
       "a: Nur", "a: no", "a: [y, n, Yes, off]", "? [a]\n: b", "a: &x 1\nb: *x", "<<: {a: 1}", "a: '5'",
       "a: null\nb: Null", "a: 1_000", "a: .inf", "a: =", "a:\n", "- 1\n- - 2", "", "a: |\n  x\n", "1: a\n2: b",
       "a: !!int '7'", "true: 1", "a: 0", "a: 007", "a: 2026-1-2", "a: 12:30", "a: 0x1F", "nama: Ömer 😀"]


def _both(path: Path) -> tuple[str, str]:
    from bapascase.store import yamlio

    out = []
    for fn in (yamlio.load, yamlio.load_light):
        try:
            out.append(repr(fn(path)))
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    return out[0], out[1]


@pytest.mark.parametrize("text", ODD)
def test_the_light_loader_reads_what_the_safe_loader_reads(tmp_path: Path, text: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    full, light = _both(path)
    assert light == full


def test_the_light_loader_on_every_yaml_file_of_the_repository() -> None:
    files = [p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts and "node_modules" not in p.parts]
    assert len(files) > 50
    for path in files:
        full, light = _both(path)
        assert light == full, path


def test_the_index_keeps_summaries_as_the_full_loader_makes_them(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.store import yamlio
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import summary_of

    case_id = book.new()
    light = summary_of(Casebook(book.root), case_id)
    monkeypatch.setattr(yamlio, "load_light", yamlio.load)
    assert summary_of(Casebook(book.root), case_id) == light


def test_iter_caseload_gives_what_caseload_gives(book: Book) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import caseload, iter_caseload

    book.new()
    today = dt.date(2026, 6, 15)
    assert list(iter_caseload(Casebook(book.root), today)) == caseload(Casebook(book.root), today)


# -- libyaml's emitter writes what the Python emitter writes ---------------------------------------------------

def _python_dumps(data: Any) -> str:
    import yaml

    from bapascase.store import yamlio

    return yaml.dump(data, Dumper=yamlio.Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100, indent=2)


def test_the_c_emitter_writes_every_demo_document_as_the_python_emitter() -> None:
    from bapascase.store import yamlio

    files = [p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts]
    for path in files:
        try:
            data = yamlio.load(path)
        except Exception:
            continue
        assert yamlio.dumps(data) == _python_dumps(data), path


def test_text_outside_the_bmp_is_written_by_the_python_emitter() -> None:
    from bapascase.store import yamlio

    data = {"catatan": "Klien senang 😀 hari ini", "baris": ["a\u2028b", "tab\tdi sini", "\ufeffawal"]}
    assert "😀" in yamlio.dumps(data)
    assert yamlio.dumps(data) == _python_dumps(data)
    assert yamlio.loads(yamlio.dumps(data)) == data


_PIECES = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs", "Cc", "Cf")), max_size=8)
SAFE_TEXT = st.lists(_PIECES | st.sampled_from(["\n", " ", "  ", ": ", " #", "- ", "'", '"', "0", "08123", "2026-01-02",
                                                "yes", "~", "null", "|", ">", "\t", "😀", "Ömer"]),
                     max_size=30).map("".join)
DOCS = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | SAFE_TEXT | st.dates(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(SAFE_TEXT | st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True), inner,
                                      max_size=5),
                    max_leaves=25)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_the_c_emitter_is_chosen_only_where_it_writes_the_same(data: Any) -> None:
    from bapascase.store import yamlio

    assert yamlio.dumps(data) == _python_dumps(data)


# -- the benchmarks run (small sizes; their full runs are recorded in benchmarks/README.md) -----------------------


def _bench(*args: str) -> dict[str, Any]:
    import json
    import subprocess
    import sys

    from tests.helpers import test_environ

    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:], "--json"],
                          capture_output=True, text=True, env=test_environ(), timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return dict(json.loads(proc.stdout))


@pytest.mark.slow
def test_caseload_benchmark_runs_cold_and_warm() -> None:
    data = _bench("caseload.py", "--cases", "120", "-n", "1")
    assert data["cases"] == 120
    for mode in ("cold", "warm, new question", "warm"):
        assert set(data[mode]["median_s"]) == {"parse", "list", "due", "find", "stats"}
        assert data[mode]["ratio"]["parse"] == 1.0
        assert all(mb > 0 for mb in data[mode]["peak_mb"].values())


@pytest.mark.slow
def test_bulk_benchmark_imports_everything_and_checks_it() -> None:
    data = _bench("bulk.py", "--cases", "30", "-n", "1", "--git")
    assert data["cases"] == 30 and data["git"] is True
    assert set(data["median_s"]) == {"parse", "import", "check"}
    assert data["check_ratio"] > 0


@pytest.mark.slow
def test_completion_benchmark_completes_every_case_id() -> None:
    data = _bench("completion.py", "--cases", "30", "-n", "1")
    assert data["ids"] == 30


def test_an_index_of_an_earlier_format_is_replaced(book: Book) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index, names

    case_id = book.new()
    path = book.root / ".bapascase" / "index.sqlite3"
    path.unlink()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, sig TEXT NOT NULL, summary TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('key', '[8, null]')")
    con.commit()
    con.close()
    assert [s["id"] for s in load_index(Casebook(book.root))] == [case_id]
    assert names(Casebook(book.root), case_id[:4]) == {case_id: "Budi Zulkarnain Ginting"}
    assert names(Casebook(book.root), "1999") == {}
