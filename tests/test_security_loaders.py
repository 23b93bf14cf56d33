"""Every loader fed what it should never get: one clear line, never an internal error, a hang or an exhausted
machine.

- hypothesis: random text and bytes into the YAML and JSON loaders, every stage model's file validation and the
  settings; random YAML structures as ``bapascase.yaml``; random bytes as stage files under the commands;
- Latin-1 and binary stage files in ``show``, ``monitor``, ``report``, ``check``;
- a FIFO, ``/dev/zero`` or a folder where a YAML file should be (stage files, entries, settings, answers, import,
  the caches): never a hang, never an unbounded read;
- a key written twice (YAML stage files, settings, answers; JSON answers): an error naming the key and the line;
- alias bombs, deep nesting, numbers of thousands of digits;
- a corrupt index cache rebuilds itself; a huge one is never loaded; a CSV header ``family.2000000.name`` does not
  allocate millions of entries.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bapascase.errors import BapascaseError
from bapascase.model import registry
from bapascase.store import yamlio
from bapascase.store.documents import parse_json, validate_file
from tests.helpers import Book, assert_clean_exit
from tests.stage_helpers import answers as stage_answers
from tests.stage_helpers import answers_file, through

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@QUICK
@given(st.text(max_size=400))
def test_yaml_loader_takes_any_text(text: str) -> None:
    try:
        yamlio.loads(text, "x.yaml")
    except BapascaseError:
        pass


@QUICK
@given(st.text(alphabet=st.sampled_from(list('{}[]",:0123456789.e-+ \ntruefalsn\\u"ab')), max_size=200))
def test_json_loader_takes_any_text(text: str) -> None:
    try:
        parse_json(text, "x.json")
    except BapascaseError:
        pass


@QUICK
@given(st.binary(max_size=600), st.sampled_from(sorted(registry.STAGES)))
def test_every_stage_file_validation_takes_any_bytes(tmp_path_factory: Any, data: bytes, stage: str) -> None:
    path = tmp_path_factory.mktemp("b") / "f.yaml"
    path.write_bytes(data)
    doc, problems = validate_file(registry.model_for(stage), path, "f.yaml")
    assert doc is not None or problems


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["office", "name", "language", "officers", "defaults", "letterhead", "auto_commit",
                         "wajib_lapor_interval_days", "nip", "role", "head_nip", "x"]), inner, max_size=4),
    max_leaves=12)


@QUICK
@given(yaml_values)
def test_settings_of_any_shape_are_a_clear_error_or_fine(tmp_path_factory: Any, data: Any) -> None:
    from bapascase.store.settings import load_settings

    root = tmp_path_factory.mktemp("s")
    (root / "bapascase.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_settings(root)
    except BapascaseError:
        pass


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_commands_over_a_stage_file_of_random_bytes(book: Book, data: bytes) -> None:
    case_id = _one_case(book)
    (book.cases / case_id / "assessment.yaml").write_bytes(data)
    for args in (["show", case_id], ["list"], ["due"], ["report", case_id], ["check"]):
        result = book.run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output and "internal" not in result.output.lower()


_cases: dict[Path, str] = {}


def _one_case(book: Book) -> str:
    if book.root not in _cases:
        case_id = book.new()
        through(book, case_id, "engage")
        _cases[book.root] = case_id
    return _cases[book.root]


@pytest.mark.parametrize("content", [b"date: 2026-03-12\nnotes: caf\xe9 \xe0 Medan\n", bytes(range(256)) * 4,
                                     b"\x00\x00\x00"], ids=["latin-1", "binary", "nul"])
def test_latin1_and_binary_stage_files_are_a_clear_error(book: Book, content: bytes) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan")
    (book.cases / case_id / "assessment.yaml").write_bytes(content)
    for args in (["show", case_id], ["report", case_id], ["check"],
                 ["monitor", case_id, "--answers", str(answers_file(book, stage_answers("monitor"))), "--no-input"]):
        result = book.run(*args)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output, (args, result.output)
        if args[0] in ("report", "check"):
            assert_clean_exit(result, 1)
            assert "assessment.yaml" in result.stderr


# -- special files ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the whole run) if a command blocks, e.g. opening a FIFO."""

    def hung(signum: int, frame: Any) -> None:
        raise AssertionError(f"blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _special(path: Path, kind: str) -> None:
    if path.exists() or path.is_symlink():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()


SPECIAL_PLACES = ["case.yaml", "engagement.yaml", "monitoring/2026-04-30.yaml", "closing.yaml",
                  "events/2026-05-01.yaml", "bapascase.yaml", ".bapascase/index.sqlite3", ".bapascase/settings.json",
                  ".bapascase/officer", ".gitattributes"]


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
@pytest.mark.parametrize("place", SPECIAL_PLACES)
def test_a_special_file_where_yaml_should_be_never_hangs(book: Book, kind: str, place: str) -> None:
    case_id = _one_case(book)
    book.run("list")  # the caches exist
    where = book.root / place if place.startswith(("bapascase", ".")) else book.cases / case_id / place
    where.parent.mkdir(parents=True, exist_ok=True)
    _special(where, kind)
    for args in (["list"], ["show", case_id], ["due"], ["check"], ["report", case_id], ["whoami"], ["officers"],
                 ["checkin", "--no-input"]):
        with watchdog(20):
            result = book.run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output and "internal" not in result.output.lower(), (args, result.output)


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_special_file_as_answers_or_import_never_hangs(book: Book, tmp_path: Path, kind: str) -> None:
    case_id = _one_case(book)
    for name, args in (("a.yaml", ["plan", case_id, "--no-input", "--answers"]), ("i.csv", ["import"]),
                       ("i.json", ["import"]), ("i.xlsx", ["import"]), ("i.tsv", ["import"])):
        path = tmp_path / f"{kind}-{name}"
        _special(path, kind)
        with watchdog(20):
            result = book.run(*args, str(path))
        assert_clean_exit(result, 1)


# -- duplicate keys, aliases, nesting, numbers -----------------------------------------------------------------


def test_a_key_written_twice_is_an_error_naming_it_and_its_lines(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    text = path.read_text(encoding="utf-8").replace("intake_date: 2026-03-02",
                                                    "intake_date: 2026-03-02\nintake_date: 2026-03-09")
    path.write_text(text, encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "intake_date" in result.stderr and "case.yaml:4:" in result.stderr and "baris 3" in result.stderr
    # an answers file, in YAML and in JSON
    for suffix, text in ((".yaml", "date: 2026-03-05\nrapport: satu\nrapport: dua\n"),
                         (".json", '{"date": "2026-03-05",\n "rapport": "satu",\n "rapport": "dua"}')):
        answers = tmp_path / f"dup{suffix}"
        answers.write_text(text, encoding="utf-8")
        result = book.run("engage", case_id, "--answers", str(answers), "--no-input")
        assert_clean_exit(result, 1)
        assert "rapport" in result.stderr and f"dup{suffix}:3:" in result.stderr
    # the settings
    settings_path = book.root / "bapascase.yaml"
    settings_path.write_text(settings_path.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    result = book.run("list")
    assert_clean_exit(result, 1)
    assert "language" in result.stderr


def test_legal_answers_and_merged_versions_with_a_key_written_twice_are_refused(book: Book, tmp_path: Path) -> None:
    """``event`` and ``close`` answers (YAML and JSON) name the key and its line; the merge driver never merges a
    version holding a key twice field by field (git's line merge takes it, and ``check`` names the key)."""
    from bapascase.store import merge

    case_id = book.new()
    for command, suffix, text in (
            ("event", ".yaml", "kind: sidang_tpp\ndate: 2026-07-01\nagenda: satu\nagenda: dua\n"),
            ("event", ".json", '{"kind": "sidang_tpp", "date": "2026-07-01",\n "agenda": "satu",\n "agenda": "dua"}'),
            ("close", ".yaml", "date: 2026-06-12\nground: meninggal\ndeath_date: 2026-06-08\nground: lainnya\n")):
        answers = tmp_path / f"{command}{suffix}"
        answers.write_text(text, encoding="utf-8")
        result = book.run(command, case_id, "--answers", str(answers), "--no-input")
        assert_clean_exit(result, 1)
        key = "ground" if command == "close" else "agenda"
        assert key in result.stderr and (f"{command}{suffix}:3:" in result.stderr or f"{command}{suffix}:4:"
                                         in result.stderr), result.stderr
    base = "date: 2026-06-12\nground: meninggal\n"
    assert merge.merge_texts(base, base + "summary: a\n", base + "summary: b\nsummary: c\n") is None


def test_nested_json_duplicates_are_found_at_their_line() -> None:
    text = '{\n "a": {"x": 1},\n "b": [{"y": 1,\n   "y": 2}]\n}'
    with pytest.raises(BapascaseError) as exc:
        parse_json(text, "a.json")
    assert "a.json:4:" in exc.value.render() and "'y'" in exc.value.render()


BOMBS = {
    "billion laughs": "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)),
    "recursive alias": "a: &a [*a]\n",
    "deep nesting": "[" * 50_000 + "]" * 50_000,
    "long number": "date: " + "9" * 50_000,
    "unhashable key": "? [1, 2]\n: x\n",
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_hostile_yaml_in_an_answers_file_is_a_clear_error_quickly(book: Book, tmp_path: Path, name: str) -> None:
    case_id = _one_case(book)
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMBS[name], encoding="utf-8")
    started = time.monotonic()
    result = book.run("plan", case_id, "--answers", str(path), "--no-input")
    assert time.monotonic() - started < 10
    assert_clean_exit(result, 1)


@pytest.mark.parametrize("name", [*BOMBS, "key twice", "key twice nested"])
def test_the_light_loader_refuses_what_the_safe_loader_refuses(tmp_path: Path, name: str) -> None:
    """The caseload index's faster loader (``load_light``) gives the same error, quickly, for every hostile
    document: never a value the safe loader would refuse, never a hang or a crash."""
    text = {"key twice": "name: Budi\nnik: 1\nname: Siti\n",
            "key twice nested": "identity:\n  name: Budi\n  name: Siti\n"}.get(name) or BOMBS[name]
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    errors = []
    for fn in (yamlio.load, yamlio.load_light):
        started = time.monotonic()
        with pytest.raises(BapascaseError) as exc:
            fn(path)
        assert time.monotonic() - started < 10
        errors.append(exc.value.render())
    assert errors[0] == errors[1]
    with pytest.raises(BapascaseError):
        yamlio.loads_light(text, "case.yaml")


def test_the_light_loader_reads_files_as_boundedly_as_the_safe_loader(tmp_path: Path) -> None:
    from bapascase.store.textfiles import DOC_LIMIT

    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(DOC_LIMIT + 1)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in (big, fifo, tmp_path):
        with watchdog(10), pytest.raises(BapascaseError):
            yamlio.load_light(path)


def test_json_bombs_are_clear_errors() -> None:
    for text in ("[" * 100_000 + "]" * 100_000, '{"a": ' + "9" * 50_000 + "}"):
        with pytest.raises(BapascaseError):
            parse_json(text, "a.json")


def test_aliases_that_repeat_a_part_still_work() -> None:
    assert yamlio.loads("a: &o [1, 2]\nb: *o\n") == {"a": [1, 2], "b": [1, 2]}


# -- the index cache (SQLite: ``.bapascase/index.sqlite3``) ---------------------------------------------------------

INDEX = "index.sqlite3"
CORRUPT = [b"", b"\xff\xfe", b"[1]", b'{"version": 6}\n', b'{"version": 6, "size": 3, "crc": 0}\n{}\n',
           b'{"version": 5, "cases": {"x": 7}}', b"null\n{}", b'{"version": 6, "size": 2, "crc": 2745614147}\n{}',
           b"SQLite format 3\x00" + b"\xff" * 4000, b"SQLite format 3\x00" + bytes(range(256)) * 64]


def _index(book: Book) -> Path:
    return book.root / ".bapascase" / INDEX


@pytest.mark.parametrize("content", CORRUPT)
def test_a_corrupt_index_rebuilds_itself(book: Book, content: bytes) -> None:
    case_id = _one_case(book)
    fresh = json.loads(book.run("list", "--json").stdout)["cases"]
    index = _index(book)
    index.write_bytes(content)
    result = book.run("list", "--json")
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout)["cases"] == fresh and fresh[0]["id"] == case_id
    assert index.read_bytes() != content  # rewritten


@pytest.mark.parametrize("how", ["truncated", "middle", "header"])
def test_a_damaged_sqlite_index_rebuilds_itself(book: Book, how: str) -> None:
    case_id = _one_case(book)
    fresh = json.loads(book.run("list", "--json").stdout)["cases"]
    index = _index(book)
    raw = index.read_bytes()
    assert raw.startswith(b"SQLite format 3")
    if how == "truncated":
        damaged = raw[: len(raw) // 2 + 100]
    elif how == "middle":
        damaged = raw[:100] + bytes(b ^ 0x5A for b in raw[100:])
    else:
        damaged = raw[:16] + b"\xff" * 84 + raw[100:]
    index.write_bytes(damaged)
    for args in (["list", "--json"], ["due"], ["find", "Budi"], ["stats"], ["show", case_id]):
        result = book.run(*args)
        assert_clean_exit(result, 0)
    result = book.run("list", "--json")
    assert json.loads(result.stdout)["cases"] == fresh


def test_an_edited_index_entry_is_not_trusted(book: Book) -> None:
    import sqlite3

    case_id = _one_case(book)
    book.run("list")
    con = sqlite3.connect(_index(book))
    [(text,)] = con.execute("SELECT summary FROM cases WHERE id = ?", (case_id,))
    summary = json.loads(text)
    summary["stage"] = 7
    con.execute("UPDATE cases SET summary = ? WHERE id = ?", (json.dumps(summary), case_id))
    con.commit()
    con.close()
    result = book.run("list", "--json")
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout)["cases"][0]["stage"] != 7


@pytest.mark.parametrize("entry", ["7", '{"sig": [], "summary": 3}', '{"sig": "x"}', "{}", "[1, 2]", '"x"'])
def test_a_wrong_shaped_entry_is_rebuilt(book: Book, entry: str) -> None:
    import sqlite3

    from bapascase.store.index import row_check

    case_id = _one_case(book)
    book.run("list")
    con = sqlite3.connect(_index(book))
    [(sig,)] = con.execute("SELECT sig FROM cases WHERE id = ?", (case_id,))
    # a row whose check matches (so the shape alone must be refused)
    con.execute("UPDATE cases SET summary = ?, check_ = ? WHERE id = ?", (entry, row_check(sig, entry), case_id))
    con.commit()
    con.close()
    result = book.run("list", "--json")
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout)["cases"][0]["id"] == case_id
    assert_clean_exit(book.run("due"), 0)


def test_a_huge_index_is_never_loaded(book: Book) -> None:
    _one_case(book)
    index = _index(book)
    index.unlink()
    with open(index, "wb") as fh:  # a sparse 8 GB file: reading it whole would exhaust the machine
        fh.truncate(8 * 1024**3)
    started = time.monotonic()
    assert_clean_exit(book.run("list"), 0)
    assert time.monotonic() - started < 10
    assert index.stat().st_size < 1024 * 1024


def test_a_symlinked_index_is_never_written_through(book: Book, tmp_path: Path) -> None:
    case_id = _one_case(book)
    fresh = json.loads(book.run("list", "--json").stdout)["cases"]
    outside = tmp_path / "elsewhere.sqlite3"
    outside.write_bytes(_index(book).read_bytes())
    before = outside.read_bytes()
    _index(book).unlink()
    _index(book).symlink_to(outside)
    result = book.run("list", "--json")
    assert_clean_exit(result, 0)
    assert json.loads(result.stdout)["cases"] == fresh and fresh[0]["id"] == case_id
    assert outside.read_bytes() == before  # nothing written where the link leads
    assert not _index(book).is_symlink()  # a regular index built in its place


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_special_file_as_index_is_never_opened(book: Book, kind: str) -> None:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import names

    case_id = _one_case(book)
    book.run("list")
    _special(_index(book), kind)
    for args in (["list", "--json"], ["due"], ["find", "Budi"], ["stats"]):
        with watchdog(20):
            result = book.run(*args)
        assert_clean_exit(result, 0)
    with watchdog(20):
        assert names(Casebook(book.root), case_id[:4]) in ({}, {case_id: "Budi Zulkarnain Ginting"})


# -- imports -----------------------------------------------------------------------------------------------------


def test_a_huge_list_position_in_a_csv_header_is_refused_at_once(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("identity.name,family.2000000.name\nBudi,X\n", encoding="utf-8")
    started = time.monotonic()
    result = book.run("import", str(path))
    assert time.monotonic() - started < 5
    assert_clean_exit(result, 1)
    assert "family.2000000.name" in result.stderr


@pytest.mark.parametrize("content", [b"identity.name\n\x00\n", b"identity.name,x\n\"" + b"a" * 200_000 + b"\",1\n"])
def test_a_csv_the_csv_module_cannot_read_is_a_clear_error(book: Book, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = book.run("import", str(path))
    assert_clean_exit(result, 1)
    assert "bad.csv" in result.stderr


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".csv", ".tsv", ".xlsx", ".yaml", ".json"]))
def test_an_import_of_random_bytes_is_a_clear_error_or_fine(book: Book, tmp_path: Path, data: bytes,
                                                            suffix: str) -> None:
    """Every import reader (CSV/TSV with its delimiter and encoding guessed, XLSX, YAML, JSON) fed random bytes:
    one clear line or an import, never an internal error, and nothing half-imported."""
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    before = sorted(p.name for p in book.cases.iterdir()) if book.cases.is_dir() else []
    result = book.run("import", str(path), "--no-input")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal" not in result.output.lower(), result.output
    if result.exit_code == 1:
        assert sorted(p.name for p in book.cases.iterdir()) == before


def test_a_huge_list_position_in_a_spreadsheet_header_is_refused_at_once(book: Book, tmp_path: Path) -> None:
    """The same bound through a ``;``-separated sheet with a Windows-1252 byte (the spreadsheet reader)."""
    path = tmp_path / "big.csv"
    path.write_bytes("identity.name;family.0.name;legal.articles.99999\nBudi;Caf\xe9;X\n".encode("cp1252"))
    started = time.monotonic()
    result = book.run("import", str(path))
    assert time.monotonic() - started < 5
    assert_clean_exit(result, 1)
    assert "legal.articles.99999" in result.stderr


def test_an_answers_file_too_big_is_refused(book: Book, tmp_path: Path) -> None:
    case_id = _one_case(book)
    path = tmp_path / "big.yaml"
    path.write_text("date: 2026-03-05\nrapport: " + "y" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    result = book.run("engage", case_id, "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert "big.yaml" in result.stderr


# -- the other private files: who saved what, the labels cache ---------------------------------------------------

DEEP_JSON = b"[" * 200_000 + b"]" * 200_000


@pytest.mark.parametrize("kind", ["deep", "fifo", "zero", "folder", "latin-1"])
def test_a_damaged_pending_officers_file_counts_as_empty(book: Book, kind: str) -> None:
    """``.bapascase/pending-officers.json`` nested too deep (a RecursionError in ``json``), a FIFO (a hang), an
    endless file or a folder: read as none, as the promise of ``store.pending`` says, never an internal error."""
    from bapascase.store import pending
    from bapascase.store.casebook import Casebook

    path = book.root / ".bapascase" / pending.PENDING_FILE
    if kind == "deep":
        path.write_bytes(DEEP_JSON)
    elif kind == "latin-1":
        path.write_bytes(b'{"cases/x/case.yaml": "Caf\xe9"}')
    else:
        _special(path, kind)
    with watchdog(20):
        assert pending.load(Casebook(book.root)) == {}
    if kind == "deep":
        with watchdog(60):
            result = book.run("sync")
        assert result.exit_code != 70, result.stderr
        assert_clean_exit(result, result.exit_code)


@pytest.mark.parametrize("kind", ["deep", "fifo", "zero", "folder"])
def test_a_damaged_labels_cache_is_built_again(book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               kind: str) -> None:
    from bapascase.store import labels

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(labels, "_loaded", None)
    path = tmp_path / "cache" / "bapascase" / "labels.json"
    path.parent.mkdir(parents=True)
    if kind == "deep":
        path.write_bytes(DEEP_JSON)
    else:
        _special(path, kind)
    with watchdog(20):
        found = labels.choice_labels()
    assert found and all(isinstance(v, dict) for v in found.values())
    if kind != "folder":  # rewritten in place (a folder is left as it is)
        assert path.is_file() and not path.is_symlink() and json.loads(path.read_bytes())["labels"] == found
    monkeypatch.setattr(labels, "_loaded", None)
    if kind == "deep":
        path.write_bytes(DEEP_JSON)
    with watchdog(60):
        assert_clean_exit(book.run("show", _one_case(book)), 0)


def test_the_lines_of_many_problems_in_one_mapping_are_found_in_linear_time() -> None:
    """Each problem's line was found by scanning its mapping again: an answers file of 200,000 unknown keys (2 MB)
    took half an hour to be refused. Now every key of a mapping is looked up once."""
    n = 50_000
    text = "identity:\n" + "".join(f"  k{i}: {i}\n" for i in range(n)) + "  k7: twice\n"
    root = yamlio.compose(text)
    started = time.monotonic()
    lines = [yamlio.line_of(root, ("identity", f"k{i}")) for i in range(n)]
    assert time.monotonic() - started < 10
    assert lines == list(range(2, n + 2))  # a key written twice: the first one's line, as before
    assert yamlio.line_of(root, ("identity", "nosuch", "x")) == 1
    assert yamlio.line_of(root, ("identity", "k3", "deeper")) == 5


def test_an_answers_file_of_a_great_many_unknown_keys_is_refused_quickly(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("identity:\n" + "".join(f"  k{i}: {i}\n" for i in range(30_000)), encoding="utf-8")
    started = time.monotonic()
    result = book.run("new", "--answers", str(path), "--no-input")
    assert time.monotonic() - started < 30  # was about 30 s for the lines alone, growing with the square
    assert_clean_exit(result, 1)
    assert f"{path}:30001: identity.k29999:" in result.stderr


@pytest.mark.parametrize("lang", ["id", "en"])
def test_keys_that_are_not_text_are_named_as_the_file_wrote_them(book: Book, tmp_path: Path, lang: str) -> None:
    """``true:``, ``1.5:``, ``2026-01-01:`` or ``null:`` where a field's name goes: one line each, the key as
    written (it was ``identity[1]``, ``identity.datetime.date(2026, 1, 1)``, ``identity.None``)."""
    from tests.helpers import intake_answers

    text = yaml.safe_dump(intake_answers(), allow_unicode=True, sort_keys=False)
    text = text.replace("identity:\n", "identity:\n  true: x\n  1.5: y\n  2026-01-01: z\n  null: w\n", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    result = book.run("--lang", lang, "new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    lines = result.stderr.strip().splitlines()
    said = "nama field harus berupa teks, bukan" if lang == "id" else "a field name must be text, not"
    assert sorted(line.split(f"identity: {said} ")[-1] for line in lines) == ["1.5", "2026-01-01", "null", "true"]
    assert all(line.startswith(f"{path}:") for line in lines)
    assert "datetime" not in result.stderr and "None" not in result.stderr


def test_binary_data_is_refused_where_it_is_written(book: Book, tmp_path: Path) -> None:
    """``name: !!binary QnVkaQ==`` was taken for the text it decodes to ("Budi"): in an answers file and in a
    stored case file it is one line naming the file and line."""
    from tests.helpers import intake_answers

    text = yaml.safe_dump(intake_answers(), allow_unicode=True, sort_keys=False)
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
    lines[at] = "  name: !!binary QnVkaQ==\n"
    path = tmp_path / "binary.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = book.run("new", "--answers", str(path), "--no-input")
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == f"{path}:{at + 1}: YAML: data biner (!!binary) bukan nilai berkas casebook; tulis teksnya langsung"
    case_id = book.new()
    case_file = book.case_file(case_id)
    stored = case_file.read_text(encoding="utf-8")
    case_file.write_text(stored.replace("  name: Budi Zulkarnain Ginting\n", "  name: !!binary QnVkaQ==\n", 1),
                         encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "(!!binary)" in result.stderr and f"cases/{case_id}/case.yaml:" in result.stderr
