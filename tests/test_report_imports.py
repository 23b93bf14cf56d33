"""What a report imports (issue 15: the fixed cost of ``bapascase report``). Each report runs in a fresh interpreter
through ``tests/test_startup.py``'s runner; the casebook's derived caches (checked instrument definitions, the
template bytecode) are made first, as after any first command."""

from __future__ import annotations

from typing import Any

import pytest

from bapascase.model.report_kinds import SENTENCE_KINDS
from bapascase.reports import KINDS
from tests.report_fixture import story_case
from tests.test_startup import modules_after

CASE = "2025-bzg-k7m2p"
# as tests/test_report.py: the story is a PB client with no revocation proposal
STORY_KINDS = [k for k in KINDS if k not in ("revocation", "closing") and k not in SENTENCE_KINDS]  # not closed


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("report-imports-cache")))
        book, _ = story_case(tmp_path_factory.mktemp("report-imports") / "cb")
        out = tmp_path_factory.mktemp("out")
        cb = ["-C", str(book.root)]

        def line(kind: str, fmt: str) -> list[str]:
            return [*cb, "report", CASE, "--kind", kind, "--format", fmt, "-o", str(out / f"{kind}.{fmt}")]

        modules_after({"warm": line("case", "html")})
        return modules_after({f"{kind}/{fmt}": line(kind, fmt) for kind in STORY_KINDS for fmt in ("html", "md")})


def test_no_report_imports_the_instrument_definition_models(runs: dict[str, dict[str, Any]]) -> None:
    """A report scores assessments from the cached, already checked definitions: the pydantic models of what a
    definition may contain (``model.instrument_def``, ~20 ms of class and schema building) are for reading a
    definition file, not for a report. It used to come in through the instrument id pattern."""
    for name, run in runs.items():
        assert run["code"] == 0, name
        assert "bapascase.model.instrument_def" not in run["ours"], name


def test_only_the_litmas_imports_its_view(runs: dict[str, dict[str, Any]]) -> None:
    for name, run in runs.items():
        assert ("bapascase.reports.litmas" in run["ours"]) == name.startswith("litmas/"), name


def test_no_report_imports_the_writers_and_tools_it_does_not_use(runs: dict[str, dict[str, Any]]) -> None:
    for name, run in runs.items():
        ours = set(run["ours"])
        assert not ours & {"bapascase.reports.docx", "bapascase.reports.pdf", "bapascase.reports.docx_check",
                           "bapascase.workflow.wizard"}, name
        # git and the commit machinery only when a report is saved in a case folder (``--file``): the officers
        # module, which lists the settings a report is missing, imports them when it writes the settings
        assert not ours & {"bapascase.store.git", "bapascase.workflow.commits"}, name
        assert not set(run["modules"]) & {"questionary", "prompt_toolkit", "docx", "docxtpl", "openpyxl"}, name

