"""Shared test helpers: a realistic intake, answers files, fresh casebooks and a CliRunner wrapper.

Keep these generic: every test file may import them (``from tests.helpers import invoke, intake_answers``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typer.testing import CliRunner, Result

if TYPE_CHECKING:
    from bapascase.env import Environment

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# A fixed "today" for every command run through ``invoke`` (derived facts such as days left depend on it).
TODAY = dt.date(2026, 6, 15)

# Environment variables that would make a test depend on the machine it runs on.
ISOLATED_VARS = ("BAPASCASE_CASEBOOK", "BAPASCASE_LANG", "BAPASCASE_TODAY", "BAPASCASE_DEBUG", "BAPASCASE_OFFICER",
                 "BAPASCASE_NO_TEMPLATE_CACHE")

_INTAKE: dict[str, Any] = {
    "intake_date": "2026-03-02",
    "identity": {
        "name": "Budi Zulkarnain Ginting",
        "aliases": ["Ucok"],
        "sex": "L",
        "birth_place": "Medan",
        "birth_date": "1990-05-12",
        "nik": "1271051205900003",
        "religion": "Kristen",
        "ethnicity": "Batak Karo",
        "education": "SMA",
        "marital_status": "kawin",
        "occupation": "Buruh bangunan",
        "address": "Jl. Sisingamangaraja No. 12, Kel. Harjosari, Medan Amplas",
        "phone": "0812-6000-1234",
    },
    "family": [
        {"relation": "pasangan", "name": "Rosmawati br Sembiring", "sex": "P", "age": 33, "occupation": "Pedagang"},
        {"relation": "anak", "name": "Daniel Ginting", "sex": "L", "age": 9},
    ],
    "guarantor": {
        "name": "Rosmawati br Sembiring",
        "relation": "pasangan",
        "occupation": "Pedagang",
        "address": "Jl. Sisingamangaraja No. 12, Kel. Harjosari, Medan Amplas",
        "phone": "0813-7000-5678",
    },
    "legal": {
        "programme": "PB",
        "offence": "Pembunuhan",
        "articles": ["Pasal 338 KUHP"],
        "verdict_number": "1234/Pid.B/2016/PN Mdn",
        "verdict_date": "2016-11-21",
        "court": "Pengadilan Negeri Medan",
        "sentence_years": 12,
        "sentence_months": 0,
        "first_detained": "2016-03-14",
        "origin_institution": "Lapas Kelas I Medan",
        "register_lapas": "BI.123/2016",
        "register_litmas": "RL.45/2026",
        "sk_number": "PAS-1234.PK.05.09 Tahun 2026",
        "sk_date": "2026-02-20",
        "supervision_start": "2026-03-01",
        "supervision_end": "2028-03-14",
    },
    "assignment": {
        "officer": {"name": "Hendra Saputra", "nip": "198503122010121002"},
        "praktikan": {"name": "Maria Simanjuntak", "institution": "Universitas Sumatera Utara"},
    },
}


def intake_answers(**sections: Any) -> dict[str, Any]:
    """A valid, realistic intake answers document (plain YAML-able values). Keyword arguments replace or
    merge top-level sections: ``intake_answers(identity={"name": "Siti"})`` keeps the other identity fields."""
    data = copy.deepcopy(_INTAKE)
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def minimal_intake() -> dict[str, Any]:
    """Only the required answers (what ``--no-input`` needs at the least, apart from the intake date)."""
    return {
        "identity": {
            "name": "Siti Aminah",
            "sex": "P",
            "birth_place": "Binjai",
            "birth_date": "1995-01-30",
            "religion": "Islam",
            "education": "SMP",
            "marital_status": "belum_kawin",
            "address": "Jl. Gatot Subroto No. 3, Binjai",
        },
        "legal": {
            "programme": "CB",
            "offence": "Pencurian",
            "articles": ["Pasal 362 KUHP"],
            "supervision_start": "2026-04-01",
            "supervision_end": "2026-12-31",
        },
        "assignment": {"officer": {"name": "Hendra Saputra"}},
    }


def write_answers(path: Path, data: Any) -> Path:
    """Write an answers file: JSON when the name ends in ``.json``, else YAML (through the project's yamlio)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    else:
        from bapascase.store import yamlio

        path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


class _Runner(CliRunner):
    """A CliRunner that hands the command's environment the streams it puts in place while the command runs, so
    output printed through ``Context.env`` is captured like any other."""

    def __init__(self, env: Environment) -> None:
        super().__init__()
        self._env = env

    @contextlib.contextmanager
    def isolation(self, input: str | bytes | None = None, env: Mapping[str, str | None] | None = None,
                  color: bool = False) -> Iterator[tuple[io.BytesIO, io.BytesIO, io.BytesIO]]:
        with super().isolation(input, env, color) as streams:
            self._env.stdin, self._env.stdout, self._env.stderr = sys.stdin, sys.stdout, sys.stderr
            yield streams


def test_environ(extra: Mapping[str, str] | None = None, today: dt.date | None = TODAY) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARS}
    if today is not None:
        env["BAPASCASE_TODAY"] = today.isoformat()
    env.update(extra or {})
    return env


test_environ.__test__ = False  # type: ignore[attr-defined]  # not a test, despite the name


def invoke(
    args: Sequence[str],
    *,
    casebook: Path | None = None,
    env: Mapping[str, str] | None = None,
    today: dt.date | None = TODAY,
    input: str | None = None,
    pipe_input: Any = None,
    pipe_output: Any = None,
    catch_exceptions: bool = True,
) -> Result:
    """Run ``bapascase ARGS`` in-process through CliRunner, the way ``bapascase.cli.main.run`` does.

    ``casebook`` adds ``-C DIR``; ``env`` adds environment variables (the BAPASCASE_* ones of the machine are
    dropped); ``pipe_input``/``pipe_output`` drive the questionary prompter (prompt_toolkit pipe input). The
    language is chosen like ``run`` does (``--lang`` > BAPASCASE_LANG > the casebook's setting > id).
    """
    from bapascase.cli.main import choose_lang, make_app
    from bapascase.env import Environment
    from bapascase.i18n import set_lang
    from bapascase.workflow.context import Context

    argv = [*(["-C", str(casebook)] if casebook is not None else []), *[str(a) for a in args]]
    environ = test_environ(env, today)
    lang = choose_lang(argv, environ)
    app = make_app(argv, environ)
    ctx = Context(env=Environment(environ=environ), lang=lang, pipe_input=pipe_input, pipe_output=pipe_output)
    runner = _Runner(ctx.env)
    try:
        return runner.invoke(
            app,
            argv,
            input=input,
            env={"COLUMNS": "200", "BAPASCASE_TODAY": environ.get("BAPASCASE_TODAY")},
            obj=ctx,
            prog_name="bapascase",
            catch_exceptions=catch_exceptions,
        )
    finally:
        set_lang("id")


def assert_clean_exit(result: Result, code: int) -> None:
    """The exit code is ``code`` and nothing escaped as a Python exception (no traceback)."""
    assert result.exit_code == code, f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@dataclass
class Book:
    """A casebook made for a test, with shortcuts to run commands in it."""

    root: Path

    def run(self, *args: str, **kw: Any) -> Result:
        return invoke(list(args), casebook=self.root, **kw)

    def new(self, answers: dict[str, Any] | None = None, name: str = "answers.yaml") -> str:
        """Register a client from answers (default: ``intake_answers()``); returns the case id."""
        path = write_answers(self.root.parent / f"{self.root.name}-{name}", answers or intake_answers())
        result = self.run("new", "--answers", str(path), "--no-input", "--json")
        assert_clean_exit(result, 0)
        return str(json.loads(result.stdout)["id"])

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    def case_file(self, case_id: str, name: str = "case.yaml") -> Path:
        return self.cases / case_id / name


def make_casebook(
    path: Path, office: str = "Bapas Kelas I Medan", lang: str | None = None, git: bool = True, **kw: Any
) -> Book:
    """``bapascase init PATH --office OFFICE`` (through CliRunner). ``git=False`` hides git from the tool
    (the casebook then has no repository, as on a machine without git)."""
    args = ["init", str(path), "--office", office]
    if lang:
        args = ["--lang", lang, *args]
    if git:
        result = invoke(args, **kw)
    else:
        from unittest import mock

        with mock.patch("bapascase.store.git.available", return_value=False):
            result = invoke(args, **kw)
    assert_clean_exit(result, 0)
    return Book(Path(path).resolve())


def run_module(args: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None,
               timeout: float = 60) -> Any:
    """``python -m bapascase ARGS`` in a subprocess (the real entry point, real exit codes)."""
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "bapascase", *args],
        cwd=cwd,
        env=test_environ(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- interactive prompts through prompt_toolkit pipe input ------------------------------------------------

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_U = "\x15"  # clear the line typed so far
ESC_ENTER = "\x1b\r"  # finishes a multi-line text prompt
YES = "y" + ENTER  # a yes/no question takes its answer with Enter
NO = "n" + ENTER
CTRL_Z = "\x1a"  # back to the previous question


def type_(text: str) -> str:
    """Keys that answer a text prompt with ``text``."""
    return text + ENTER


def pick(steps: int = 0) -> str:
    """Keys that move ``steps`` down (negative: up) from the highlighted choice of a select, then choose."""
    return (DOWN * steps if steps >= 0 else UP * -steps) + ENTER


def reuse_default_key_bindings() -> None:
    """Build prompt_toolkit's default key bindings once per test process instead of once per question.

    Every question builds a new Application, and with it about a thousand default bindings (emacs, vi, mouse),
    which was more than a third of what the pipe tests spent. The bindings hold no state of their own (their
    filters and handlers read the running application), so sharing them changes nothing a test can see. The
    terminal tests (``test_terminal.py``) run the real command in a pseudo-terminal, untouched by this."""
    import functools

    import prompt_toolkit.application.application as application

    names = vars(application)  # the module's globals, which Application.__init__ calls
    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        if not hasattr(names[name], "cache_info"):
            names[name] = functools.cache(names[name])


def interactive(args: Sequence[str], keys: Sequence[str] | str, *, casebook: Path | None = None,
                close: bool = True, **kw: Any) -> Result:
    """Run a command with the questionary prompter reading ``keys`` from a prompt_toolkit pipe.

    With ``close`` the pipe is closed after the keys, so running out of keys ends the interview like a lost
    terminal (EOF: exit 130 and a draft) instead of hanging the test.
    """
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    reuse_default_key_bindings()
    with create_pipe_input() as pipe:
        pipe.send_text(keys if isinstance(keys, str) else "".join(keys))
        if close:
            pipe.close()
        return invoke(args, casebook=casebook, pipe_input=pipe, pipe_output=DummyOutput(), **kw)


# -- drafts --------------------------------------------------------------------------------------------------------

def new_drafts(root: Path) -> list[Path]:
    """The intake drafts kept in a casebook: one per interrupted intake (``new--case--WHEN-TAG.yaml``)."""
    return sorted((Path(root) / ".bapascase" / "drafts").glob("new--case*.yaml"))


def new_draft(root: Path) -> Path:
    """The one intake draft a test expects in a casebook."""
    found = new_drafts(root)
    assert len(found) == 1, found
    return found[0]


# -- a scripted prompter for interviews run in-process ----------------------------------------------------------


class Recording:
    """A prompter that records each question and its default, answers from a list, and stops (like Ctrl-C)
    when the list runs out."""

    interactive = True

    def __init__(self, texts: Sequence[str] = ()) -> None:
        self.asked: list[tuple[str, Any]] = []
        self.refused: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.texts = list(texts)

    def section(self, index: int, total: int, title: str) -> None:
        return None

    def note(self, text: str) -> None:
        self.notes.append(text)

    def hang_up(self) -> None:
        return None

    def confirm(self, message: str, default: bool = False) -> bool:
        self.asked.append((message, default))
        raise KeyboardInterrupt

    def text(self, message: str, *, default: str = "", validate: Any = None, multiline: bool = False,
             instruction: str | None = None) -> str:
        self.asked.append((message, default))
        while self.texts:
            answer = self.texts.pop(0)
            error = validate(answer) if validate is not None else None
            if error is None:
                return answer
            self.refused.append((answer, error))
        raise KeyboardInterrupt

    def select(self, message: str, choices: Any, default: str | None = None, **kw: Any) -> str:
        self.asked.append((message, default))
        raise KeyboardInterrupt

    def checkbox(self, message: str, choices: Any, defaults: Any = ()) -> list[str]:
        self.asked.append((message, list(defaults)))
        raise KeyboardInterrupt
