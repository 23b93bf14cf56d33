"""Start-up without the store: the casebook's language read by ``store.discovery`` gives the store's answer, a bad
or hostile settings file never stops ``--help`` (the command that reads the settings tells the problem), and the
help pages are byte for byte what they were before the start-up path changed (``tests/golden/help``, made by the
code before this change).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bapascase.cli.localized import CLICK_SENTENCES, needle
from bapascase.errors import BapascaseError
from bapascase.store.discovery import Unsure, casebook_language, simple_language
from tests.helpers import test_environ
from tests.report_fixture import make_book

GOLDEN = Path(__file__).resolve().parent / "golden" / "help"
REPO = Path(__file__).resolve().parents[1]


def run_cli(args: list[str], columns: int = 80, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = test_environ()
    env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "bapascase", *args], capture_output=True, text=True, env=env,
                          cwd=cwd or REPO, timeout=60)


@pytest.mark.parametrize("golden", sorted(p.name for p in GOLDEN.glob("*.txt")))
def test_help_is_byte_for_byte_as_before(golden: str) -> None:
    command, lang, columns = golden.removesuffix(".txt").split(".")
    args = ["--lang", lang] + ([] if command == "root" else [command]) + ["--help"]
    done = run_cli(args, int(columns))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_the_casebook_language_chooses_the_help(tmp_path: Path) -> None:
    make_book(tmp_path / "en", language="en")
    make_book(tmp_path / "id", language="id")
    assert run_cli(["-C", str(tmp_path / "en"), "--help"]).stdout == (GOLDEN / "root.en.80.txt").read_text("utf-8")
    assert run_cli(["-C", str(tmp_path / "id"), "--help"]).stdout == (GOLDEN / "root.id.80.txt").read_text("utf-8")


# -- the same answer as the store ------------------------------------------------------------------------------

def _base_lines() -> list[str]:
    with tempfile.TemporaryDirectory() as d:
        book = make_book(Path(d) / "cb")
        text = (book.root / "bapascase.yaml").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if not line.startswith("language:")]


BASE = _base_lines()
TOP_LEVEL = [i for i, line in enumerate(BASE) if line and not line.startswith((" ", "-"))] + [len(BASE)]

LANGUAGE_LINES = [
    "language: en", "language: id", "language: 'en'", 'language: "en"', "language: en  # English", "language: en #x",
    "language : en", '"language": en', "'language': en", "language: &l en", "language: !!str en", "language: EN",
    "language: fr", "language:", "language: en#x", "language: 'en", 'language: "e\\x6e"', "language: [en]",
    "language: |\n  en", "language:\n  en", "? language\n: en", "language: en\nlanguage: id", "language: ''",
    "language: 'id' # c", "language: ~", "language: null", "\tlanguage: en", " language: en",
]
EXTRAS = [
    "# language: en", "# yaml-language-server: $schema=x", '"langu\\x61ge": en', "<<: {language: en}",
    "end_marker: true", "auto_commit: false", "auto_commit: 'no'", "letterhead:\n- 'Baris ''satu'''\n- \"Dua\"",
    "letterhead:\n- \"Baris\nlanguage: en\n  lanjut\"", "letterhead: [\nlanguage: en\n]", "---", "...", "%YAML 1.1",
    "letterhead: |\n  language: en", "letterhead: >\n  \"kutip\n  language: id", "auto_commit: &a false",
    "auto_commit: *a", "letterhead:\n  - Ma'ruf [x] {y}", "x_unknown: 1", "letterhead: {}", "letterhead: []",
    "letterhead:\n- |\n  language: en\n- b", "letterhead:\n-   - a",
]


def _compose(lang_line: str | None, extras: list[tuple[str, int]], crlf: bool, bom: bool) -> str:
    lines = list(BASE)
    inserts = [(TOP_LEVEL[pos % len(TOP_LEVEL)], text) for text, pos in extras]
    if lang_line is not None:
        inserts.append((TOP_LEVEL[len(TOP_LEVEL) // 2], lang_line))
    for at, text in sorted(inserts, key=lambda x: -x[0]):
        lines[at:at] = text.split("\n")
    text = "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + text


def _store_language(root: Path) -> str | None:
    from bapascase.store.settings import load_settings

    try:
        return load_settings(root).language
    except BapascaseError:
        return None


def _check(text: str) -> tuple[str | None, str | None, str | None]:
    """(the store's answer or None for an error, casebook_language, simple_language or None when unsure)."""
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "bapascase.yaml").write_bytes(text.encode("utf-8"))
        truth = _store_language(root)
        got = casebook_language(root)
        try:
            fast: str | None = simple_language(text)
        except Unsure:
            fast = None
    if truth is not None:
        assert got == truth, text
        assert fast in (None, truth), text
    else:  # the store refuses the file: any language (or none), never an exception
        assert got in (None, "id", "en"), text
    return truth, got, fast


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.none(), st.sampled_from(LANGUAGE_LINES)),
       st.lists(st.tuples(st.sampled_from(EXTRAS), st.integers(0, 20)), max_size=3), st.booleans(), st.booleans())
def test_the_language_is_the_stores(lang_line: str | None, extras: list[tuple[str, int]], crlf: bool,
                                    bom: bool) -> None:
    _check(_compose(lang_line, extras, crlf, bom))


@pytest.mark.parametrize("lang_line", LANGUAGE_LINES)
def test_every_language_line_alone(lang_line: str) -> None:
    _check(_compose(lang_line, [], False, False))


@pytest.mark.parametrize("extra", EXTRAS)
def test_every_extra_line_alone(extra: str) -> None:
    _check(_compose("language: en", [(extra, 3)], False, False))


def test_usual_files_take_the_fast_way() -> None:
    """Not vacuous: the demo's settings, ``init``'s and the test books' are read without the store."""
    assert simple_language((REPO / "bapascase.yaml").read_text(encoding="utf-8")) == "id"
    for lang in ("en", "id", None):
        truth, got, fast = _check(_compose(f"language: {lang}" if lang else None, [], False, False))
        assert truth == got == fast == (lang or "id")
    assert _check(_compose("language: 'en'  # English", [("# language: id", 0)], True, False))[2] == "en"


HOSTILE = {
    "binary": b"\xff\xfe\x00language: en\n",
    "not yaml": b"language: en\n  : : [\n",
    "a list": b"- language: en\n",
    "huge": b"language: en\n" + b"# x\n" * (3 * 1024 * 1024),
    "bad value": b"language: fr\n",
    "unknown key": b"language: en\nbogus_key: 1\n",
}


@pytest.mark.parametrize("name", [*HOSTILE, "fifo", "folder", "link out"])
def test_a_bad_settings_file_never_stops_help(name: str, tmp_path: Path) -> None:
    root = tmp_path / "cb"
    root.mkdir()
    (root / "cases").mkdir()
    settings_file = root / "bapascase.yaml"
    if name == "fifo":
        os.mkfifo(settings_file)
    elif name == "folder":
        settings_file.mkdir()
    elif name == "link out":
        (tmp_path / "outside.yaml").write_text("language: en\n", encoding="utf-8")
        settings_file.symlink_to(tmp_path / "outside.yaml")
    else:
        settings_file.write_bytes(HOSTILE[name])
    assert casebook_language(root) in (None, "id", "en")
    done = run_cli(["--help"], cwd=root)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.startswith(("Usage: bapascase", "Penggunaan: bapascase"))
    if name in ("link out", "fifo", "folder", "binary", "not yaml", "a list", "bad value", "unknown key"):
        listed = run_cli(["list"], cwd=root)  # the command that reads the settings tells the problem
        assert listed.returncode in (1, 2), listed.stdout
        lines = listed.stderr.strip().splitlines()
        assert lines and all("bapascase.yaml" in line for line in lines), listed.stderr


# -- click's sentences: a pattern is compiled only for a text that holds its needle ------------------------------

@pytest.mark.parametrize("index", range(len(CLICK_SENTENCES)))
def test_every_text_a_click_pattern_matches_holds_its_needle(index: int) -> None:
    pattern = CLICK_SENTENCES[index][0]
    literal = needle(pattern)
    assert len(literal) >= 6, (pattern, literal)

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(re.compile(pattern), fullmatch=True))
    def holds(text: str) -> None:
        if re.match(pattern, text.strip()):  # what localize tries (stripped)
            assert literal in text.strip(), (pattern, text)

    holds()
