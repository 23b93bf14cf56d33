"""A value given on the command line that the document's model refuses (a blank ``reopen --reason``, a date
``checkin --date`` cannot read, a blank ``transfer --to``) is a user error: one line naming the command and the
option, exit 1, nothing written, never the internal-error exit 70 of an uncaught validation error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import Book, assert_clean_exit
from tests.stage_helpers import NCP, RCP, SCL, demo_book

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(tmp_path: Path) -> Book:
    return demo_book(tmp_path)


def files(book: Book) -> list[str]:
    return sorted(p.relative_to(book.cases).as_posix() for p in book.cases.rglob("*") if p.is_file())


@pytest.mark.parametrize(("args", "option"), [
    (["reopen", SCL, "--reason", ""], "--reason"),
    (["reopen", SCL, "--reason", "   "], "--reason"),
    (["reopen", SCL, "--reason", "\t\n"], "--reason"),
    (["transfer", NCP, "--to", ""], "--to"),
    (["transfer", NCP, "--to", "   "], "--to"),
    (["checkin", RCP, "--date", ""], "--date"),
    (["checkin", RCP, "--date", "kemarin"], "--date"),
    (["checkin", RCP, "--date", "2026-02-30"], "--date"),
    (["checkin", RCP, "--date", "9999-01-01"], "--date"),
    (["checkin", RCP, "--remote", "--reason", "   "], "--reason"),
])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_blank_or_invalid_option_value_is_one_line_and_exit_1(demo: Book, args: list[str], option: str,
                                                               lang: str) -> None:
    before = files(demo)
    result = demo.run("--lang", lang, *args, today=TODAY)
    assert_clean_exit(result, 1)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{args[0]}: {option}: "), result.stderr
    assert files(demo) == before
