"""A report on stdout goes out the one way every document does (``cli.common.write_data``, like the calendar and
the CSV export): exact into a pipe (the same bytes as the file ``-o`` writes), cleaned on a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bapascase.cli.common import write_data
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import story_case


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, str]:
    book, case_id = story_case(tmp_path / "cb")
    return book.root, case_id


@pytest.mark.parametrize("kind", ["case", "progress", "litmas"])
def test_stdout_in_a_pipe_is_the_file_exactly(kind: str, case: tuple[Path, str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root, case_id = case
    calls: list[Any] = []
    real = write_data

    def spy(ctx: Any, data: str | bytes) -> None:
        calls.append(data)
        real(ctx, data)

    monkeypatch.setattr("bapascase.cli.cmd_report.write_data", spy)
    # HTML: the pictures are inside (a Markdown file's are written beside it, so its stdout has none)
    piped = invoke(["report", case_id, "--kind", kind, "--format", "html"], casebook=root)
    assert_clean_exit(piped, 0)
    target = tmp_path / f"{kind}.html"
    saved = invoke(["report", case_id, "--kind", kind, "--format", "html", "-o", str(target)], casebook=root)
    assert_clean_exit(saved, 0)
    assert piped.stdout == target.read_text(encoding="utf-8")
    assert calls == [piped.stdout]  # through write_data, once, the whole report


class _Tty:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_report_is_cleaned(case: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """What reaches a terminal is ``terminal.clean``'s (a report is cleaned by ``render`` already; this is the
    same door every document goes out by, so no writer can forget it)."""
    from bapascase.env import Environment
    from bapascase.workflow.context import Context

    tty = _Tty()
    write_data(Context(env=Environment(stdout=tty)), "laporan\x1b[31m merah\u202e\n")  # type: ignore[arg-type]
    assert "\x1b" not in "".join(tty.parts) and "\u202e" not in "".join(tty.parts)
    root, case_id = case
    seen: list[bool] = []
    real = write_data

    def spy(ctx: Any, data: str | bytes) -> None:
        seen.append(ctx.env.stdout_isatty)
        real(ctx, data)

    monkeypatch.setattr("bapascase.cli.cmd_report.write_data", spy)
    assert_clean_exit(invoke(["report", case_id], casebook=root), 0)
    assert seen == [False]
