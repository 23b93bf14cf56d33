"""Import hygiene: commands that neither prompt nor render reports must not load the heavy libraries.

Each command runs in a fresh interpreter (a tiny runner around ``bapascase.cli.main.run``) that reports which
modules ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Book, test_environ

RUNNER = """
import contextlib, io, json, sys
from bapascase.cli.main import run
code = 0
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        run(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules}),
                  "ours": sorted(m for m in sys.modules if m.startswith("bapascase."))}))
"""

PROMPTING = {"questionary", "prompt_toolkit"}
RENDERING = {"jinja2", "markupsafe", "markdown_it"}


def modules_after(runs: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Run every command line in its own interpreter (in parallel); name -> {"code", "modules"}."""
    env = test_environ()
    procs = {name: subprocess.Popen([sys.executable, "-c", RUNNER, *args], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env)
             for name, args in runs.items()}
    out = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{name}: {stderr}"
        out[name] = json.loads(stdout.strip().splitlines()[-1])
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    from tests.helpers import make_casebook

    # a user cache of this module alone (set up before the per-test isolation applies): the shared one is
    # rewritten by any other bapascase run on the machine, so what ``new`` kept there may be gone by now
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("startup-cache")))
        book: Book = make_casebook(tmp_path_factory.mktemp("startup") / "cb", git=False)
        case_id = book.new()
        return _measure(book, case_id)


def _measure(book: Book, case_id: str) -> dict[str, dict[str, Any]]:
    cb = ["-C", str(book.root)]
    # the derived caches (choice labels, checked instrument definitions, the index) as after any first command:
    # made here in a process of their own, not left to whichever test of this worker ran first in-process
    modules_after({"warm": [*cb, "list"]})
    return modules_after({
        "--help": ["--help"],
        "-h": ["-h"],
        "--version": ["--version"],
        "list": [*cb, "list"],
        "list --json": [*cb, "list", "--json"],
        "show": [*cb, "show", case_id],
        "find": [*cb, "find", "ginting"],
        "due": [*cb, "due"],
        "stats": [*cb, "stats"],
        "check": [*cb, "check"],
        "schema": ["schema", "case"],
        "new --no-input": [*cb, "new", "--no-input"],
    })


@pytest.mark.parametrize("name", ["--help", "-h", "--version", "list", "list --json", "show", "find", "due",
                                  "stats", "check", "schema", "new --no-input"])
def test_commands_that_do_not_prompt_or_render_stay_light(report: dict[str, dict[str, Any]], name: str) -> None:
    mods = set(report[name]["modules"])
    assert report[name]["code"] in (0, 1), report[name]["code"]
    assert mods & PROMPTING == set(), f"{name} imports {mods & PROMPTING}"
    assert mods & RENDERING == set(), f"{name} imports {mods & RENDERING}"


@pytest.mark.parametrize("name", ["--help", "-h", "--version"])
def test_help_imports_neither_pydantic_nor_yaml_nor_rich(report: dict[str, dict[str, Any]], name: str) -> None:
    mods = set(report[name]["modules"])
    assert report[name]["code"] == 0
    assert {"pydantic", "pydantic_core", "yaml", "rich", "filelock", "jsonschema"} & mods == set()


def test_read_commands_do_not_load_the_stage_models(report: dict[str, dict[str, Any]]) -> None:
    """list/show/find/due/stats read plain dicts (model.derive); the pydantic stage models are for writing
    and checking. (pydantic itself may still come in through typer's own parameter handling.)"""
    for name in ("--help", "list", "list --json", "show", "find", "due", "stats"):
        assert report[name]["code"] == 0, name
        heavy = [m for m in report[name]["ours"] if m in ("bapascase.model.base", "bapascase.model.case")
                 or m.startswith(("bapascase.reports", "bapascase.workflow.wizard"))]
        assert heavy == [], f"{name} imports {heavy}"


@pytest.mark.parametrize("name", ["list", "list --json", "show", "find", "due", "stats"])
def test_read_commands_do_not_import_pydantic(report: dict[str, dict[str, Any]], name: str) -> None:
    """Reading the caseload never validates; pydantic alone costs about a third of typer's import time."""
    assert {"pydantic", "pydantic_core"} & set(report[name]["modules"]) == set()


def test_show_of_an_assessed_client_imports_no_pydantic_nor_the_wizard(tmp_path: Path) -> None:
    """The demo's BZG has three assessments with RRI and needs results: ``show`` computes them from plain data
    (``store.instrument_files.engine_results``), without the stage behaviours, the wizard or pydantic."""
    from tests.helpers import ROOT

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        cb = ["-C", str(ROOT)]
        modules_after({"warm": [*cb, "show", "bzg"]})
        found = modules_after({"show": [*cb, "show", "bzg"]})["show"]
    assert found["code"] == 0
    assert {"pydantic", "pydantic_core", "questionary", "prompt_toolkit"} & set(found["modules"]) == set()
    assert not [m for m in found["ours"] if m.startswith(("bapascase.workflow.stages", "bapascase.workflow.wizard"))]
