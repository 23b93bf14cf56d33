"""Nothing lost, nothing torn: every writer of the store killed, or out of disk, at every file operation it makes.

Each writer (every command that writes into a casebook: ``new``, each stage, re-recording, reassessment,
``reopen``, ``transfer``, ``close``, ``event``, ``import`` (YAML and spreadsheet), ``checkin``, ``officers
add``/``remove``, ``whoami --set``, ``edit``, ``report --file``, ``check --fix``, the index cache of ``list``) is
run again and again in a child process that is killed (SIGKILL) just before its 1st, 2nd, 3rd ... file operation
in the casebook, then with the disk "full" from its 1st, 2nd, 3rd ... operation on (``tests/fault_injection.py``).
After each run:

- ``check`` finds nothing wrong (no empty, truncated or half-written document anywhere);
- no case folder without its ``case.yaml`` (no phantom case), no staging folder left by a failure;
- every document that existed before is as it was, or as the command finished it (never a mix);
- the caseload still lists, and the same command run again succeeds;
- on a full disk the command says so in one line (exit 1), never a traceback or an internal error.

The full loops are slow (``--slow``); the default run kills ``new`` at every point and fills the disk under
``new`` and ``engage`` at every point. A real full filesystem (a small tmpfs, when the machine lets us mount one)
is in a slow test too. ``ITERATIONS`` counts what ran, for the closing note (``BAPASCASE_FAULT_REPORT=FILE``
collects the counts of every xdist worker in FILE).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fault_injection import run_faulted
from tests.helpers import TODAY, Book, assert_clean_exit, intake_answers, make_casebook, write_answers
from tests.stage_helpers import answers, make_editor, through

ENV = {"BAPASCASE_TODAY": TODAY.isoformat()}

_template: Path | None = None


def fresh_book(tmp: Path) -> Book:
    """A casebook made by ``bapascase init`` (a git repository), copied from one made once per process (``init``
    with git takes half a second, a copy a hundredth) into ``tmp/cb``."""
    import atexit
    import tempfile

    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="bapascase-template-"))
        atexit.register(shutil.rmtree, folder, True)
        _template = make_casebook(folder / "cb").root
        for sample in (_template / ".git" / "hooks").glob("*.sample"):
            sample.unlink()
    root = tmp / "cb"
    shutil.copytree(_template, root, symlinks=True)
    return Book(root.resolve())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every document of the casebook (not the derived .bapascase/)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and rel.parts[0] not in (".bapascase", ".git") and not rel.name.startswith("."):
            out[str(rel)] = path.read_bytes()
    return out


def assert_whole(root: Path, before: dict[str, bytes], after: dict[str, bytes] | None, what: str) -> None:
    """The invariants after a run that was killed or ran out of disk (see the module's docstring)."""
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import load_index
    from bapascase.workflow.check import check_casebook

    book = Casebook(root)
    problems = [p.render() for p in check_casebook(book).problems]
    assert problems == [], f"{what}: check finds {problems[:3]}"
    for folder in (root / "cases").iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert (folder / "case.yaml").is_file(), f"{what}: phantom case {folder.name}"
    now = snapshot(root)
    for rel, content in before.items():  # pre-existing documents: as they were, or as the command made them
        if rel.startswith("cases/") or rel == "bapascase.yaml":
            allowed = {content} | ({after[rel]} if after and rel in after else set())
            assert now.get(rel) in allowed, f"{what}: {rel} changed to something else"
    assert load_index(book, write=False) is not None


def _copy(template: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target, symlinks=True)
    return target


# -- the writers -----------------------------------------------------------------------------------------------


def _answers(tmp: Path, command: str, **changes: Any) -> str:
    return str(write_answers(tmp / f"{command}.yaml", answers(command, **changes)))


def _prepared(tmp: Path, *done: str) -> tuple[Book, str]:
    book = fresh_book(tmp)
    _nogit(book)
    case_id = book.new()
    through(book, case_id, *done)
    return book, case_id


def _nogit(book: Book) -> None:
    """Without auto-commit (git is tried once, in ``test_new_in_a_git_casebook``): the loops stay quick."""
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("auto_commit: true", "auto_commit: false"),
                        encoding="utf-8")


Writer = Callable[[Path], tuple[Book, list[str]]]


def _person(name: str, n: int) -> dict[str, Any]:
    """The helpers' intake answers for another client: its own name and NIK (``n``: the NIK's last two digits)."""
    return intake_answers(identity={"name": name, "nik": f"12710512059000{n:02d}"})


def w_new(tmp: Path) -> tuple[Book, list[str]]:
    book = fresh_book(tmp)
    _nogit(book)
    book.new()  # a case already there, which must stay whole
    # another client (the same one twice is refused as a duplicate)
    return book, ["new", "--answers", str(write_answers(tmp / "new.yaml", _person("Joko Susilo", 21))), "--no-input"]


def w_engage(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp)
    return book, ["engage", case_id, "--answers", _answers(tmp, "engage"), "--no-input"]


def w_engage_again(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    return book, ["engage", case_id, "--answers", _answers(tmp, "engage", rapport="Berubah."), "--no-input"]


def w_assess(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    return book, ["assess", case_id, "--answers", _answers(tmp, "assess"), "--no-input"]


def w_reassess(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess")
    return book, ["assess", case_id, "--answers", _answers(tmp, "assess", date="2026-06-01"), "--no-input"]


def w_plan(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess")
    return book, ["plan", case_id, "--answers", _answers(tmp, "plan"), "--no-input"]


def w_intervene(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess", "plan")
    return book, ["intervene", case_id, "--answers", _answers(tmp, "intervene"), "--no-input"]


def w_monitor(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess", "plan")
    return book, ["monitor", case_id, "--answers", _answers(tmp, "monitor"), "--no-input"]


def w_terminate(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess", "plan")
    return book, ["terminate", case_id, "--answers", _answers(tmp, "terminate"), "--no-input"]


def w_reopen(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess", "plan", "terminate")
    return book, ["reopen", case_id, "--reason", "Klien meminta pendampingan lanjutan"]


def w_transfer(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    settings = book.root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "officers: []", "officers:\n- name: Sri Rahayu\n  nip: '198001012005012001'\n"), encoding="utf-8")
    return book, ["transfer", case_id, "--to", "Sri Rahayu", "--reason", "Mutasi wilayah"]


def w_close(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage", "assess", "plan")
    data = {"date": "2026-06-12", "ground": "pencabutan", "decree_number": "PAS-1.PK.05.09-2026",
            "decree_date": "2026-06-10"}
    return book, ["close", case_id, "--answers", str(write_answers(tmp / "close.yaml", data)), "--no-input"]


def w_event(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    data = {"kind": "sidang_tpp", "date": "2026-09-01", "agenda": "Evaluasi perkembangan klien PB"}  # scheduled
    return book, ["event", case_id, "--answers", str(write_answers(tmp / "event.yaml", data)), "--no-input"]


def w_import(tmp: Path) -> tuple[Book, list[str]]:
    book = fresh_book(tmp)
    _nogit(book)
    book.new()
    people = [_person(n, i) for i, n in enumerate(("Siti Aminah", "Joko Susilo", "Rina Marpaung"), 11)]
    return book, ["import", str(write_answers(tmp / "import.yaml", people))]


def w_import_sheet(tmp: Path) -> tuple[Book, list[str]]:
    """A spreadsheet import (CSV as an office fills in the template), three clients."""
    import csv

    from bapascase.workflow.importer import EXAMPLE

    book = fresh_book(tmp)
    _nogit(book)
    book.new()
    path = tmp / "impor.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(list(EXAMPLE))
        for n, name in enumerate(("Andi Saputra", "Budi Santoso", "Citra Lestari")):
            row = {**EXAMPLE, "identity.name": name, "identity.nik": f"12710115089200{n + 10}",
                   "assignment.officer.name": "Rahmat Hidayat", "assignment.officer.nip": ""}
            writer.writerow(list(row.values()))
    return book, ["import", str(path), "--no-input", "--allow-duplicate"]


def w_checkin(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    return book, ["checkin", case_id, "--date", "2026-06-10", "--note", "Hadir, membawa surat kerja", "--no-input"]


def w_officers_add(tmp: Path) -> tuple[Book, list[str]]:
    book, _ = _prepared(tmp)
    return book, ["officers", "add", "Rahmat Hidayat, S.H.", "--nip", "198503122010121002", "--role", "pk"]


def w_officers_remove(tmp: Path) -> tuple[Book, list[str]]:
    book, _ = _prepared(tmp)
    book.run("officers", "add", "Dewi Lestari", "--role", "praktikan")
    return book, ["officers", "remove", "Dewi Lestari"]


def w_whoami_set(tmp: Path) -> tuple[Book, list[str]]:
    book, _ = _prepared(tmp)
    book.run("officers", "add", "Rahmat Hidayat, S.H.", "--role", "pk")
    return book, ["whoami", "--set", "Rahmat"]


def w_edit(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    editor = make_editor(tmp / "editor", [("Empati", "Empati dan sabar")])
    EXTRA_ENV["edit"] = editor.env
    return book, ["edit", case_id, "engagement"]


def w_report_file(tmp: Path) -> tuple[Book, list[str]]:
    book, case_id = _prepared(tmp, "engage")
    return book, ["report", case_id, "--kind", "case", "--format", "md", "--file"]


def w_check_fix(tmp: Path) -> tuple[Book, list[str]]:
    book = fresh_book(tmp)
    _nogit(book)
    book.new()
    for schema in (book.root / "schemas").glob("*.json"):
        schema.write_text("{}", encoding="utf-8")
    return book, ["check", "--fix"]


def w_list(tmp: Path) -> tuple[Book, list[str]]:
    book, _ = _prepared(tmp, "engage")
    (book.root / ".bapascase" / "index.sqlite3").unlink(missing_ok=True)
    return book, ["list", "--all"]


# every command that writes into a casebook (entries are created whole: a temp file linked into place)
WRITERS: dict[str, Writer] = {
    "new": w_new, "engage": w_engage, "engage-again": w_engage_again, "assess": w_assess, "reassess": w_reassess,
    "plan": w_plan, "intervene": w_intervene, "monitor": w_monitor, "terminate": w_terminate, "reopen": w_reopen,
    "transfer": w_transfer, "close": w_close, "event": w_event, "import": w_import,
    "import (spreadsheet)": w_import_sheet, "checkin": w_checkin, "officers add": w_officers_add,
    "officers remove": w_officers_remove, "whoami --set": w_whoami_set, "edit": w_edit,
    "report --file": w_report_file,
    "check --fix": w_check_fix, "list (index cache)": w_list,
}
ITERATIONS: dict[str, int] = {}


def _count(what: str, runs: int) -> None:
    """``ITERATIONS[what] = runs``, also appended to the file ``BAPASCASE_FAULT_REPORT`` names (one JSON line per
    loop: the xdist workers each have their own ``ITERATIONS``)."""
    ITERATIONS[what] = runs
    report = os.environ.get("BAPASCASE_FAULT_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"what": what, "runs": runs}) + "\n")
EXTRA_ENV: dict[str, dict[str, str]] = {}  # a writer's own environment (edit's $EDITOR)


def _env(argv: list[str]) -> dict[str, str]:
    return {**ENV, **EXTRA_ENV.get(argv[0], {})}


def _reference(make: Writer, tmp: Path) -> tuple[Path, list[str], dict[str, bytes], dict[str, bytes], int]:
    """The casebook before the command, a template of it, and the command's complete run (its result, op count)."""
    book, argv = make(tmp / "prep")
    template = tmp / "template"
    shutil.copytree(book.root, template, symlinks=True)
    before = snapshot(template)
    ref = _copy(template, tmp / "ref")
    done = run_faulted(ref, argv, "kill", 10**9, _env(argv))
    assert done.code == 0, done.stderr
    return template, argv, before, snapshot(ref), done.ops


def loop(make: Writer, tmp: Path, mode: str, stride: int = 1) -> int:
    """Kill (or fill the disk) at every ``stride``-th operation of the command; returns the runs made."""
    template, argv, before, after, total = _reference(make, tmp)
    assert total > 0
    runs = 0
    for n in range(1, total + 1, stride):
        root = _copy(template, tmp / "run")
        result = run_faulted(root, argv, mode, n, _env(argv))
        runs += 1
        what = f"{argv[0]} {mode} at operation {n}/{total}"
        if mode == "kill":
            assert result.killed or result.code == 0, f"{what}: exit {result.code}\n{result.stderr}"
        else:
            assert result.code in (0, 1), f"{what}: exit {result.code}\n{result.stderr}"
            assert "Traceback" not in result.stderr and "internal" not in result.stderr.lower(), result.stderr
            assert not list((root / "cases").glob(".staging-*")), f"{what}: staging folder left"
            if result.code == 1 and argv[0] == "import":  # all or nothing
                assert len([p for p in (root / "cases").iterdir() if p.is_dir()]) == 1, what
        assert_whole(root, before, after, what)
        # new clients registered before the stop: a case placed, or an import decided by its journal (the next
        # writing command, the same import run again included, places the rest of its batch: store.batch)
        registered = (argv[0] in ("new", "import") and "--allow-duplicate" not in argv
                      and (_case_count(root) > _case_count(template)
                           or any((root / ".bapascase" / "journals").glob("*.json"))))
        # and the user can simply run it again: it succeeds, or says clearly that it was done (terminate...; a
        # client registered already is named as a duplicate, with the case it is)
        again = run_faulted(root, argv, "kill", 10**9, _env(argv))
        assert again.code in (0, 1) and "Traceback" not in again.stderr, f"{what}: run again: {again.stderr}"
        if registered:
            assert again.code == 1 and "NIK sama" in again.stderr, f"{what}: run again: {again.stderr}"
            if argv[0] == "import":  # as the message says: the rest with --skip-duplicates, nobody twice
                rest = run_faulted(root, [*argv, "--skip-duplicates"], "kill", 10**9, _env(argv))
                assert rest.code == 0, f"{what}: import the rest: {rest.stderr}"
            assert _case_count(root) == _case_count(template) + (3 if argv[0] == "import" else 1), what
        elif argv[0] in ("new", "import", "engage", "plan", "list", "check", "report"):
            assert again.code == 0, f"{what}: run again: {again.stderr}"
    _count(f"{next((k for k, w in WRITERS.items() if w is make), argv[0])} {mode}", runs)
    return runs


def _case_count(root: Path) -> int:
    return len([p for p in (root / "cases").iterdir() if p.is_dir() and not p.name.startswith(".")])


def _params(slow: bool) -> list[Any]:
    marks = [pytest.mark.slow] if slow else []
    return [pytest.param(make, id=name, marks=marks) for name, make in WRITERS.items()]


@pytest.mark.parametrize("make", _params(slow=True))
def test_kill_at_every_operation_of_every_writer(make: Writer, tmp_path: Path) -> None:
    assert loop(make, tmp_path, "kill") > 0


@pytest.mark.parametrize("make", _params(slow=True))
def test_full_disk_at_every_operation_of_every_writer(make: Writer, tmp_path: Path) -> None:
    assert loop(make, tmp_path, "enospc") > 0


def test_kill_during_new_never_leaves_a_phantom_case(tmp_path: Path) -> None:
    """(Every third point here; every point of every writer in the slow loops above.)"""
    assert loop(w_new, tmp_path, "kill", stride=3) >= 5


@pytest.mark.parametrize("make", [w_new, w_engage, w_import], ids=["new", "engage", "import"])
def test_full_disk_during_a_write_is_one_clear_line_and_loses_nothing(make: Writer, tmp_path: Path) -> None:
    assert loop(make, tmp_path, "enospc", stride=4) >= 3


def test_new_in_a_git_casebook(tmp_path: Path) -> None:
    """With auto-commit: a kill between the write and the commit leaves the case whole (committed or not)."""
    book = fresh_book(tmp_path / "prep")
    template = tmp_path / "template"
    shutil.copytree(book.root, template, symlinks=True)
    before = snapshot(template)
    argv = ["new", "--answers", str(write_answers(tmp_path / "new.yaml", intake_answers())), "--no-input"]
    total = run_faulted(_copy(template, tmp_path / "ref"), argv, "kill", 10**9, ENV).ops
    for n in range(1, total + 1, 5):
        root = _copy(template, tmp_path / "run")
        run_faulted(root, argv, "kill", n, ENV)
        assert_whole(root, before, None, f"new (git) kill at {n}")


# -- check --fix on a casebook of an earlier format ---------------------------------------------------------------

LEGACY = Path(__file__).parent / "fixtures" / "legacy"


def _legacy(tmp: Path) -> Book:
    """The casebook of an earlier version (``tests/fixtures/legacy``) with a termination on a legal ground: its
    ``check --fix`` moves the ground to ``closing.yaml`` and gives every document its closing line."""
    root = tmp / "cb"
    shutil.copytree(LEGACY, root)
    path = root / "cases" / "2025-bzg-k7m2p" / "termination.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reason: tujuan_tercapai\n", "reason: ekspirasi\n"),
                    encoding="utf-8")
    return Book(root.resolve())


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["kill", "enospc"])
def test_the_migrations_of_check_fix_stopped_at_every_operation(tmp_path: Path, mode: str) -> None:
    """Killed or out of disk at each of its file operations: nothing torn and nothing wrong that was not wrong
    before, and run again it ends exactly where a run never stopped ends (a closing written before the stop is
    never written twice)."""
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.check import check_casebook

    argv = ["check", "--fix"]
    template = _legacy(tmp_path / "prep").root
    wrong_before = {p.render() for p in check_casebook(Casebook(template)).problems}
    assert wrong_before  # the termination's legal ground
    ref = _copy(template, tmp_path / "ref")
    done = run_faulted(ref, argv, "kill", 10**9, ENV)
    assert done.code == 0, done.stderr
    final = snapshot(ref)
    assert check_casebook(Casebook(ref)).problems == []
    runs = 0
    for n in range(1, done.ops + 1):
        root = _copy(template, tmp_path / "run")
        result = run_faulted(root, argv, mode, n, ENV)
        what = f"check --fix (migration) {mode} at operation {n}/{done.ops}"
        assert result.killed or result.code in (0, 1), f"{what}: exit {result.code}\n{result.stderr}"
        assert "Traceback" not in result.stderr and "internal" not in result.stderr.lower(), result.stderr
        wrong = {p.render() for p in check_casebook(Casebook(root)).problems}
        assert wrong <= wrong_before, f"{what}: {sorted(wrong - wrong_before)[:3]}"
        again = run_faulted(root, argv, "kill", 10**9, ENV)
        assert again.code == 0, f"{what}: run again: {again.stderr}"
        assert snapshot(root) == final, f"{what}: {sorted(set(snapshot(root).items()) ^ set(final.items()))[:2]}"
        runs += 1
    _count(f"check --fix (migration) {mode}", runs)


# -- cut short: what the store can no longer produce, check still catches -----------------------------------------


@pytest.mark.parametrize("every", [pytest.param(1, marks=pytest.mark.slow, id="every-byte"),
                                   pytest.param(29, id="every-29th-byte")])
def test_every_prefix_of_a_written_document_is_caught(tmp_path: Path, every: int) -> None:
    """A document cut at any byte (a full disk under another tool, a copy or a pull that stopped) is never valid:
    every prefix of each stage document of a full case fails validation, most as 'cut short'."""
    from bapascase.model import registry
    from bapascase.store.documents import validate_file

    book, case_id = _prepared(tmp_path, "engage", "assess", "plan", "intervene", "monitor", "terminate")
    folder = book.cases / case_id
    cut = tmp_path / "cut.yaml"
    tried = 0
    for path in sorted(folder.rglob("*.yaml")):
        stage = registry.stage_of_path(path.relative_to(folder).parts)
        assert stage is not None
        data = path.read_bytes()
        assert validate_file(registry.model_for(stage), path, "x")[1] == []
        for end in range(0, len(data), every):
            if data[:end].decode("utf-8", errors="ignore").rstrip() == data.decode("utf-8").rstrip():
                continue  # only the final new line is missing: the document is whole
            cut.write_bytes(data[:end])
            doc, problems = validate_file(registry.model_for(stage), cut, "x")
            assert doc is None and problems, (path.name, end)
            tried += 1
    _count("prefixes", tried)
    assert tried > 1000 // every


def test_check_reports_a_cut_short_file_on_its_last_line(book: Book) -> None:
    case_id = book.new()
    path = book.case_file(case_id)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    result = book.run("check")
    assert_clean_exit(result, 1)
    assert "akhir berkas / end of file" in result.stderr and "git checkout" in result.stderr
    assert_clean_exit(book.run("report", case_id), 1)  # no report from half a file


def test_edit_puts_back_the_closing_line_a_person_removed(book: Book, tmp_path: Path) -> None:
    case_id = book.new()
    through(book, case_id, "engage")
    editor = make_editor(tmp_path / "ed", [("# akhir berkas / end of file\n", ""), ("Empati", "Sabar")])
    result = book.run("edit", case_id, "engagement", env=editor.env)
    assert_clean_exit(result, 0)
    assert (book.cases / case_id / "engagement.yaml").read_text(encoding="utf-8").endswith(
        "# akhir berkas / end of file\n")
    assert_clean_exit(book.run("check"), 0)


def test_a_staging_folder_left_by_a_kill_is_told_and_removed_when_stale(book: Book) -> None:
    case_id = book.new()
    left = book.cases / ".staging-abc123"
    (left / "2026-xyz-aaaaa").mkdir(parents=True)
    result = book.run("check")
    assert_clean_exit(result, 0)  # hidden, never a case: a notice
    assert ".staging-abc123" in result.stderr
    assert case_id in json.loads(book.run("list", "--json").stdout)["cases"][0]["id"]
    assert_clean_exit(book.run("check", "--fix"), 0)
    assert left.exists()  # it may belong to a command still running
    os.utime(left, (0, 0))
    assert_clean_exit(book.run("check", "--fix"), 0)
    assert not left.exists()


def test_import_that_fails_while_writing_imports_nothing(book: Book, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: the third case's file cannot be written; nothing is imported, nothing is left."""
    import errno

    from bapascase.store import batch

    people = [_person(n, i) for i, n in enumerate(("Siti Aminah", "Joko Susilo", "Rina Marpaung"), 11)]
    source = write_answers(tmp_path / "import.yaml", people)
    real = batch._write_new  # each case's file in the staging folder (no temp file of its own since issue 15)
    calls = {"n": 0}

    def failing(path: Path, data: Any) -> None:
        if "/.staging-" in str(path):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(batch, "_write_new", failing)
    before = sorted(p.name for p in book.cases.iterdir())
    result = book.run("import", str(source))
    assert_clean_exit(result, 1)
    assert "disk penuh" in result.stderr  # the system's reason in the user's language
    assert sorted(p.name for p in book.cases.iterdir()) == before


# -- a real full filesystem ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("make", [pytest.param(w_engage, id="engage"), pytest.param(w_new, id="new"),
                                  pytest.param(w_monitor, id="monitor")])
def test_a_real_full_filesystem(make: Writer, tmp_path: Path) -> None:
    """A small tmpfs filled to within a few bytes, for every amount of space left up to what the command needs:
    one clear line, nothing torn (the real syscalls, whatever the store's implementation)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        book, argv = make(tmp_path / "prep")
        template = mnt / "template"
        shutil.copytree(book.root, template, symlinks=True)
        before = snapshot(template)
        runs = 0
        for free in range(0, 24 * 1024, 512):
            root = _copy(template, mnt / "run")
            filler = mnt / "filler"
            filler.unlink(missing_ok=True)
            _fill(mnt, filler, free)
            result = run_faulted(root, argv, "kill", 10**9, _env(argv))
            filler.unlink()
            assert result.code in (0, 1), result.stderr
            assert "Traceback" not in result.stderr
            assert_whole(root, before, None if result.code else snapshot(root), f"{argv[0]} with {free} bytes free")
            runs += 1
        _count(f"tmpfs {argv[0]}", runs)
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def _fill(mnt: Path, filler: Path, free: int) -> None:
    """Fill the filesystem until ``free`` bytes are left."""
    st = os.statvfs(mnt)
    left = st.f_bavail * st.f_frsize - free
    with open(filler, "wb") as fh:
        chunk = b"\0" * 65536
        while left > 0:
            try:
                left -= fh.write(chunk[: min(left, len(chunk))])
            except OSError:
                break
