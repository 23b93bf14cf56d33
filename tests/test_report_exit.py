"""A report's process ends without the interpreter's teardown (``cli.main.exit_now``, issue 15), and loses nothing:
the output on stdout (a pipe) and in the file is the whole report, the ``atexit`` functions run, and a failing or
in-process run ends the ordinary way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bapascase.cli.main import run
from tests.helpers import assert_clean_exit, invoke, test_environ
from tests.report_fixture import story_case

CASE = "2025-bzg-k7m2p"

# the process's own command line (``main()``, as the console script and ``python -m`` call it); an atexit function and
# a module-level object whose finalizer runs only in the interpreter's teardown say which way the process ended
RUNNER = """
import atexit, sys
from pathlib import Path
marks = Path(sys.argv.pop(1))
atexit.register(lambda: (marks / "atexit").write_text("ran"))
class Teardown:
    def __del__(self):
        (marks / "teardown").write_text("ran")
keep = Teardown()
from bapascase.cli.main import main
main()
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book, _ = story_case(tmp_path_factory.mktemp("story") / "cb")
    return book.root


def _run(marks: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    marks.mkdir()
    return subprocess.run([sys.executable, "-c", RUNNER, str(marks), *args], capture_output=True,
                          env=test_environ(), timeout=120)


def test_a_report_to_a_pipe_is_whole_and_the_process_skips_the_teardown(story: Path, tmp_path: Path) -> None:
    expected = invoke(["report", CASE, "--kind", "progress", "--format", "md"], casebook=story)
    assert_clean_exit(expected, 0)
    proc = _run(tmp_path / "marks", "-C", str(story), "report", CASE, "--kind", "progress", "--format", "md")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == expected.stdout
    assert len(proc.stdout) > 2000
    assert proc.stderr.decode("utf-8") == expected.stderr
    assert (tmp_path / "marks" / "atexit").read_text() == "ran"
    assert not (tmp_path / "marks" / "teardown").exists()  # the quick exit was taken


def test_a_report_to_a_file_is_whole(story: Path, tmp_path: Path) -> None:
    expected = tmp_path / "expected.html"
    assert_clean_exit(invoke(["report", CASE, "--kind", "litmas", "--format", "html", "-o", str(expected)],
                             casebook=story), 0)
    out = tmp_path / "litmas.html"
    proc = _run(tmp_path / "marks", "-C", str(story), "report", CASE, "--kind", "litmas", "--format", "html",
                "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == expected.read_bytes()
    assert b"litmas.html" in proc.stdout  # the "saved" line reached the pipe
    assert (tmp_path / "marks" / "atexit").read_text() == "ran"
    assert not (tmp_path / "marks" / "teardown").exists()


def test_a_failed_report_and_other_commands_end_the_ordinary_way(story: Path, tmp_path: Path) -> None:
    proc = _run(tmp_path / "a", "-C", str(story), "report", "no-such-case")
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8").count("\n") == 1
    assert (tmp_path / "a" / "teardown").read_text() == "ran"
    proc = _run(tmp_path / "b", "-C", str(story), "list")
    assert proc.returncode == 0
    assert (tmp_path / "b" / "teardown").read_text() == "ran"


def test_run_returns_to_its_caller(story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' runners and any script calling ``run`` get SystemExit back, never a vanished process (only
    ``main``, the console script's entry, may end the process early)."""
    for key, value in test_environ().items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as exc:
        run(["-C", str(story), "report", CASE, "--kind", "case", "--format", "md", "-o", str(tmp_path / "c.md")])
    assert exc.value.code in (0, None)
    assert (tmp_path / "c.md").is_file()


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("list", "--help"), ("report", "-h")])
def test_a_help_page_is_whole_and_skips_the_teardown(tmp_path: Path, args: tuple[str, ...]) -> None:
    """A help page leaves nothing to save: it ends like a report, with the whole page on the pipe."""
    ordinary = subprocess.run([sys.executable, "-c", "import sys\nfrom bapascase.cli.main import run\nrun(sys.argv[1:])",
                               *args], capture_output=True, env=test_environ(), timeout=120)
    assert ordinary.returncode == 0, ordinary.stderr
    proc = _run(tmp_path / "marks", *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ordinary.stdout and ordinary.stdout.count(b"\n") > 5
    assert proc.stderr == b""
    assert (tmp_path / "marks" / "atexit").read_text() == "ran"
    assert not (tmp_path / "marks" / "teardown").exists()


def test_a_usage_error_still_ends_the_ordinary_way(tmp_path: Path) -> None:
    proc = _run(tmp_path / "marks", "list", "--no-such-option")
    assert proc.returncode == 2
    assert (tmp_path / "marks" / "teardown").read_text() == "ran"


def test_a_help_page_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``bapascase --help | head -1``: the reader goes away early; no traceback, whichever way the process ends."""
    marks = tmp_path / "marks"
    marks.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(marks), "--help"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=test_environ())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert b"Traceback" not in err
