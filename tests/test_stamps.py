"""The "validated at write" stamps (``store.stamps``) and the trusted read path they open (``model.construct``).

A report of stamped files builds them without validation; it must be the very report the validating path makes,
every kind and format, on the demo casebook and on the report benchmark's big case. A file changed after its
stamp (content changed with mtime and size restored, replaced by ``git checkout``, or a model changed since) is
validated again: a broken one gives ``check``'s error, never a trusted wrong report.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bapascase.model import registry
from bapascase.model.construct import NotNormal, construct, same
from bapascase.model.report_kinds import FORMATS, KINDS
from bapascase.store import stamps, yamlio
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, Book, assert_clean_exit, invoke
from tests.stage_helpers import demo_book

pytestmark = pytest.mark.git(False)

BENCH_CASE = "2023-bzg-bench1"
# pdf needs Chromium; its HTML is the html report's
COMPARED_FORMATS = tuple(f for f in FORMATS if f != "pdf")


def documents(root: Path) -> list[tuple[type[Any], Path]]:
    out = []
    for path in sorted((root / "cases").rglob("*.yaml")):
        stage = registry.stage_of_path(path.relative_to(root / "cases").parts[1:])
        if stage is not None:
            out.append((registry.model_for(stage), path))
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report benchmark's case (100 sessions, 36 monitoring entries), written through ``write_doc``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import report as bench
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    root = tmp_path_factory.mktemp("big") / "cb"
    bench.build_casebook(root)
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import caseload
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return caseload.generate(tmp_path_factory.mktemp("gen") / "cb", 60)


# -- construct gives what validation gives ---------------------------------------------------------------------------


def _assert_constructs_as_validated(root: Path) -> int:
    n = 0
    for model, path in documents(root):
        data = yamlio.load_light(str(path), str(path))
        validated = model.model_validate(data)
        built = construct(model, data)
        assert same(built, validated), path
        assert built == validated, path
        assert built.model_dump(mode="json") == validated.model_dump(mode="json"), path
        n += 1
    return n


def test_construct_equals_validation_on_every_demo_document() -> None:
    assert _assert_constructs_as_validated(ROOT) >= 80


def test_construct_equals_validation_on_the_big_case(big: Path) -> None:
    assert _assert_constructs_as_validated(big) == 140


def test_construct_equals_validation_on_generated_cases(generated: Path) -> None:
    assert _assert_constructs_as_validated(generated) == 60


def _narratives(model: type[Any], data: dict[str, Any]) -> list[str]:
    """The top-level text fields of a document that hold text now (where hypothesis writes its own)."""
    return [k for k, v in data.items() if isinstance(v, str) and k in model.model_fields and k != "kind"]


_DEMO = [(m, p) for m, p in documents(ROOT)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0, max_value=len(_DEMO) - 1), text=st.text(max_size=40), pick=st.integers(0, 50),
       day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), as_text=st.booleans())
def test_construct_never_differs_from_validation(index: int, text: str, pick: int, day: dt.date,
                                                  as_text: bool) -> None:
    """Whatever a field holds, ``construct`` either refuses it (the file is then validated) or gives exactly the
    document validation gives: hostile text (white space Python and pydantic's core disagree on, controls), and
    dates as text or as dates."""
    model, path = _DEMO[index]
    data = yamlio.load_light(str(path), str(path))
    texts = _narratives(model, data)
    if texts:
        data[texts[pick % len(texts)]] = text
    dated = [k for k, v in data.items() if isinstance(v, dt.date)]
    if dated:
        data[dated[pick % len(dated)]] = day.isoformat() if as_text else day
    try:
        validated = model.model_validate(data)
    except ValueError:  # invalid data is never stamped, so never constructed (ValidationError)
        return
    try:
        built = construct(model, data)
    except NotNormal:
        return
    assert same(built, validated)


# -- the trusted path gives the validating path's report ------------------------------------------------------------


def _render(book: Book, case_id: str, kind: str, fmt: str, out: Path) -> tuple[int, str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{case_id}-{kind}.{fmt}"
    result = book.run("report", case_id, "--kind", kind, "--format", fmt, "-o", str(target))
    if result.exit_code != 0:
        return result.exit_code, result.stderr, b""
    if fmt == "docx":
        with zipfile.ZipFile(target) as z:
            body = b"".join(z.read(n) for n in sorted(z.namelist()) if n.startswith("word/") and n.endswith(".xml"))
    else:
        body = target.read_bytes() + b"".join(p.read_bytes() for p in sorted(out.glob(f"{case_id}-{kind}-*")))
    return 0, result.stderr, body


class _NoValidation:
    """Validation refused for the duration (the trusted path must not validate a stamped file)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import bapascase.store.documents as documents_module

        def refuse(*_a: Any, **_k: Any) -> Any:
            raise AssertionError("a stamped file was validated")

        monkeypatch.setattr(documents_module, "validate", refuse)


def _compare_every_kind(book: Book, case_ids: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every kind and format of these cases rendered validating (no stamps), then trusting (stamps, validation
    refused): the same bytes, or the same refusal."""
    state = book.root / ".bapascase" / stamps.STAMPS_FILE
    saved = state.read_bytes()
    state.unlink()
    validating = {(c, k, f): _render(book, c, k, f, tmp_path / "v") for c in case_ids for k in KINDS
                  for f in COMPARED_FORMATS}
    assert not state.exists()  # a report writes no stamp
    state.write_bytes(saved)
    with monkeypatch.context() as m:
        _NoValidation(m)
        trusted = {key: _render(book, *key, tmp_path / "t") for key in validating}
    made = 0
    for key, (code, err, body) in validating.items():
        assert trusted[key][0] == code, (key, trusted[key][1], err)
        assert trusted[key][2] == body, key
        made += code == 0
    return made


def test_a_stamped_demo_report_is_the_validated_one_every_kind_and_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = demo_book(tmp_path)
    result = book.run("check")
    assert_clean_exit(result, 0)
    rows = stamps.known(Casebook(book.root))
    assert len(rows) == len(documents(book.root))  # check stamped every document it found valid
    made = _compare_every_kind(book, sorted(p.name for p in book.cases.iterdir()), tmp_path, monkeypatch)
    assert made >= 3 * len(KINDS)  # most kinds render for some demo case, in every format compared


def test_the_big_case_report_is_stamped_at_write_and_the_same_trusted(
        big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "cb"
    shutil.copytree(big, root)
    book = Book(root)
    # copied: every inode and ctime is new, so no stamp matches until the files are stamped again
    assert not any(stamps.known(Casebook(root)).get(rel) == stamps.stat_of(os.stat(root / rel))
                   for rel in stamps.known(Casebook(root)))
    assert_clean_exit(book.run("check"), 0)
    made = _compare_every_kind(book, [BENCH_CASE], tmp_path, monkeypatch)
    assert made >= 4 * len(COMPARED_FORMATS)


def test_every_write_through_the_store_stamps_what_it_wrote(big: Path) -> None:
    known = stamps.known(Casebook(big))
    files = documents(big)
    assert len(files) == 140
    for _model, path in files:
        rel = path.relative_to(big).as_posix()
        assert known.get(rel) == stamps.stat_of(os.stat(path)), rel


# -- a file changed after its stamp is validated again ---------------------------------------------------------------


def _stamped_demo(tmp_path: Path) -> tuple[Book, str, Path]:
    book = demo_book(tmp_path)
    assert_clean_exit(book.run("check"), 0)
    case_id = "2025-bzg-k7m2p"
    return book, case_id, book.case_file(case_id)


def _check_error(book: Book) -> str:
    result = book.run("check", "--full")
    assert result.exit_code == 1
    return next(line for line in result.stderr.splitlines() if "case.yaml" in line)


def test_content_changed_with_mtime_and_size_restored_is_validated_again(tmp_path: Path) -> None:
    book, case_id, path = _stamped_demo(tmp_path)
    text = path.read_text(encoding="utf-8")
    st = os.stat(path)
    broken = text.replace("sex: L", "sex: X", 1)
    assert broken != text and len(broken.encode()) == len(text.encode())
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    result = book.run("report", case_id, "--kind", "case", "--format", "md")
    assert result.exit_code == 1
    error = _check_error(book)
    assert error in result.stderr  # check's very line, not a trusted wrong report
    assert "identity.sex" in error
    # and check itself, stamps and all, sees it too
    assert book.run("check").exit_code == 1


def test_a_file_replaced_by_git_checkout_is_validated_again(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    book = demo_book(tmp_path)
    root = book.root
    case_id = "2025-bzg-k7m2p"
    path = book.case_file(case_id)
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "good"], check=True)
    path.write_text(path.read_text(encoding="utf-8").replace("sex: L", "sex: X", 1), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "broken"], check=True)
    subprocess.run([*git, "checkout", "-q", "HEAD~1", "--", str(path)], check=True)
    assert_clean_exit(book.run("check"), 0)  # the good version, stamped
    assert stamps.known(Casebook(root)).get(f"cases/{case_id}/case.yaml") == stamps.stat_of(os.stat(path))
    subprocess.run([*git, "checkout", "-q", "HEAD", "--", str(path)], check=True)  # the broken one again
    result = book.run("report", case_id, "--kind", "case", "--format", "md")
    assert result.exit_code == 1
    assert _check_error(book) in result.stderr


def test_an_import_stamps_every_case_it_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk import writes validated documents in the tool's form: each is stamped as it is placed, and a
    report of an imported case is built without validation, as after any other write."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bulk
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    root = tmp_path / "cb"
    bulk.fresh_casebook(root, git=False)
    source = tmp_path / "cases.yaml"
    bulk.write_input(source, 4)
    assert_clean_exit(invoke(["import", str(source), "--no-input"], casebook=root), 0)
    new = set(stamps.known(Casebook(root)))
    imported = {p.relative_to(root).as_posix() for p in (root / "cases").glob("*/case.yaml")}
    assert len(imported) == 4 and new == imported
    import bapascase.store.documents as documents_module

    monkeypatch.setattr(documents_module, "validate", lambda *a: pytest.fail("a stamped file was validated"))
    case_id = sorted(new)[0].split("/")[1]
    from bapascase.reports.render import render

    assert render(Casebook(root), case_id, "case", "md", "id", dt.date(2026, 11, 30)).text


def test_a_model_change_invalidates_every_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book, case_id, _path = _stamped_demo(tmp_path)
    assert stamps.known(Casebook(book.root))
    monkeypatch.setattr(stamps, "model_version", lambda: "another model")
    assert stamps.known(Casebook(book.root)) == {}
    calls: list[Any] = []
    import bapascase.store.documents as documents_module
    from bapascase.model.validation import validate

    def counted(*args: Any) -> Any:
        calls.append(args)
        return validate(*args)

    monkeypatch.setattr(documents_module, "validate", counted)
    assert_clean_exit(book.run("report", case_id, "--kind", "case", "--format", "md"), 0)
    assert calls  # validated again


def test_the_model_version_follows_the_model_sources(tmp_path: Path) -> None:
    """A changed model source gives another version, in an editable install too (a copy of the package)."""
    pkg = tmp_path / "src" / "bapascase"
    shutil.copytree(ROOT / "src" / "bapascase", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    code = "from bapascase.store.stamps import model_version; print(model_version())"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}

    def version() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    before = version()
    assert before == version()
    # another install of the same code (other file times) is the same version: a casebook one wrote is trusted by
    # the other (the report benchmark writes its case with the source tree and times the installed command)
    data = pkg / "data" / "programmes.yaml"
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns - 10**12))
    assert version() == before
    assert subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                          capture_output=True, text=True, check=True).stdout.strip() == before
    data.write_text(data.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert version() != before
    rules = version()
    model = pkg / "model" / "case.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert version() not in (before, rules)


def test_check_full_ignores_stamps_and_check_stamps_only_what_is_valid(tmp_path: Path) -> None:
    book, case_id, path = _stamped_demo(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("sex: L", "sex: X", 1), encoding="utf-8")
    rel = f"cases/{case_id}/case.yaml"
    (book.root / ".bapascase" / stamps.STAMPS_FILE).unlink()
    quick, full = book.run("check"), book.run("check", "--full")
    assert quick.exit_code == full.exit_code == 1
    assert quick.stderr == full.stderr
    known = stamps.known(Casebook(book.root))
    assert rel not in known and len(known) == len(documents(book.root)) - 1


def test_a_damaged_stamps_file_is_never_trusted_and_is_built_again(tmp_path: Path) -> None:
    book, case_id, _path = _stamped_demo(tmp_path)
    state = book.root / ".bapascase" / stamps.STAMPS_FILE
    con = sqlite3.connect(state)
    con.execute("UPDATE stamps SET size = size + 1")  # a row edited by hand: its CRC no longer agrees
    con.commit()
    con.close()
    assert stamps.known(Casebook(book.root)) == {}
    state.write_bytes(b"not a database" * 100)
    assert stamps.known(Casebook(book.root)) == {}
    assert_clean_exit(book.run("report", case_id, "--kind", "case", "--format", "md"), 0)
    assert_clean_exit(book.run("check"), 0)  # the writer sets it aside and builds it again
    assert len(stamps.known(Casebook(book.root))) == len(documents(book.root))


def test_a_stamps_path_that_is_not_a_regular_file_is_not_opened(tmp_path: Path) -> None:
    book, case_id, _path = _stamped_demo(tmp_path)
    state = book.root / ".bapascase" / stamps.STAMPS_FILE
    state.unlink()
    os.mkfifo(state)  # opening a FIFO would hang
    assert stamps.known(Casebook(book.root)) == {}
    assert_clean_exit(book.run("report", case_id, "--kind", "case", "--format", "md"), 0)
    state.unlink()
    outside = tmp_path / "elsewhere.sqlite3"
    state.symlink_to(outside)
    assert stamps.known(Casebook(book.root)) == {}
    assert_clean_exit(book.run("check"), 0)
    assert not outside.exists()  # never written through the link


@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm"])
def test_a_link_beside_the_stamps_is_never_followed(tmp_path: Path, suffix: str) -> None:
    """The journal SQLite would play back into the stamps (or write through) is held to the file's own rules."""
    book, case_id, _path = _stamped_demo(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.write_bytes(b"not yours")
    beside = book.root / ".bapascase" / f"{stamps.STAMPS_FILE}{suffix}"
    beside.symlink_to(outside)
    assert stamps.known(Casebook(book.root)) == {}  # a reader does not trust stamps with a link beside them
    assert_clean_exit(book.run("report", case_id, "--kind", "case", "--format", "md"), 0)
    assert_clean_exit(book.run("check"), 0)
    assert outside.read_bytes() == b"not yours"
    assert not beside.is_symlink()  # a writer removed it
    assert stamps.known(Casebook(book.root))


def test_edit_stamps_the_saved_file(tmp_path: Path) -> None:
    book, case_id, path = _stamped_demo(tmp_path)
    (book.root / ".bapascase" / stamps.STAMPS_FILE).unlink()
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text(encoding='utf-8').replace('Medan', 'Binjai', 1), encoding='utf-8')\n",
                      encoding="utf-8")
    result = book.run("edit", case_id, "case", env={"VISUAL": f"{sys.executable} {editor}", "EDITOR": ""})
    assert_clean_exit(result, 0)
    assert "Binjai" in path.read_text(encoding="utf-8")
    assert stamps.known(Casebook(book.root)).get(f"cases/{case_id}/case.yaml") == stamps.stat_of(os.stat(path))


def test_a_report_of_stamped_files_builds_no_stage_model_it_does_not_dump() -> None:
    """The stage models are ``defer_build``: a report of stamped files (the benchmark's four kinds) builds no
    stage model's pydantic core schema to validate, nor to derive the facts, nor to score: the scores read the
    intake's own data and dump only the assessment's parts (``store.instrument_files``)."""
    code = (
        "import sys, shutil, tempfile, pathlib, subprocess\n"
        "sys.path.insert(0, sys.argv[1] + '/benchmarks')\n"
        "import report as bench\n"
        "root = pathlib.Path(tempfile.mkdtemp()) / 'cb'\n"
        "bench.build_casebook(root)\n"
        "code = ('import sys\\n'\n"
        "        'from bapascase.cli.main import run\\n'\n"
        "        'from bapascase.model import registry\\n'\n"
        "        'root = sys.argv[1]\\n'\n"
        "        'for kind, fmt in (\"case\", \"html\"), (\"progress\", \"md\"), (\"litmas\", \"html\"), '\n"
        "        '(\"practicum\", \"html\"):\\n'\n"
        "        '    sys.argv = [\"bapascase\", \"-C\", root, \"report\", \"2023-bzg-bench1\", \"--kind\", kind, '\n"
        "        '\"--format\", fmt, \"-o\", root + \"/out.\" + fmt]\\n'\n"
        "        '    try:\\n        run()\\n    except SystemExit as exc:\\n        assert not exc.code, exc.code\\n'\n"
        "        'built = sorted(s.name for s in registry.SPECS if registry.model_for(s.name).__pydantic_complete__)\\n'\n"
        "        'pathlib.Path(root, \"built.txt\").write_text(repr(built))\\n')\n"
        "out = subprocess.run([sys.executable, '-c', 'import pathlib\\n' + code, str(root)], capture_output=True,"
        " text=True)\n"
        "built = root / 'built.txt'\n"
        "print(built.read_text() if built.exists() else 'FAILED ' + out.stderr[-2000:])\n"
        "shutil.rmtree(root.parent)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAPASCASE_")}
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**env, "BAPASCASE_TODAY": "2025-06-15"})
    assert out.stdout.strip() == "[]", (out.stdout, out.stderr[-2000:])


@pytest.mark.slow
@pytest.mark.parametrize("full", [False, True])
def test_the_bulk_benchmark_checks_with_and_without_stamps(full: bool) -> None:
    import json

    from tests.helpers import test_environ

    args = ["--cases", "30", "-n", "1", "--only", "check", "--json", *(["--full"] if full else [])]
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bulk.py"), *args], capture_output=True,
                          text=True, env=test_environ(), timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert set(data["cpu_median_s"]) == {"parse", "check"}
    assert data["check_cpu_ratio"] > 0 and data["check_ratio"] > 0
