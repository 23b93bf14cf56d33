"""Shell completion through the variables the shells set (``_BAPASCASE_COMPLETE`` and the words typed), in a real
process: commands, case ids (with the client's name where the shell shows descriptions), stage and schema names,
report kinds, officers, languages; bash, zsh, fish and PowerShell; and the time it takes on the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, test_environ
from tests.stage_helpers import BZG, FCS, HCL, NCP, RCP, SCL, demo_book

BENCH = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = demo_book(tmp_path_factory.mktemp("completion"))
    book.run("list")  # the index, where the names come from
    return book.root


def complete(casebook: Path, shell: str, words: str, **extra: str) -> list[str]:
    """What ``bapascase`` answers when ``shell`` asks it to complete the last word of ``words``."""
    env = test_environ({"_BAPASCASE_COMPLETE": f"complete_{shell}", "BAPASCASE_CASEBOOK": str(casebook), **extra})
    if shell == "bash":
        parts = words.split(" ")
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
        if shell == "powershell":
            env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = words.rsplit(" ", 1)[-1]
    proc = subprocess.run([sys.executable, "-m", "bapascase"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr
    return proc.stdout.splitlines()


def test_commands(demo: Path) -> None:
    assert complete(demo, "bash", "bapascase ch") == ["check", "checkin"]
    assert "lapor" in complete(demo, "bash", "bapascase l")
    assert "officers" in complete(demo, "bash", "bapascase o")


def test_case_ids_in_bash(demo: Path) -> None:
    assert complete(demo, "bash", "bapascase show ") == [BZG, FCS, HCL, NCP, RCP, SCL]  # a closed case is still shown
    assert complete(demo, "bash", "bapascase show 2026-n") == [NCP]
    assert complete(demo, "bash", "bapascase checkin 2026-r") == [RCP]
    assert complete(demo, "bash", "bapascase report 2025") == [BZG]


def test_case_ids_with_names_in_zsh_fish_and_powershell(demo: Path) -> None:
    zsh = "\n".join(complete(demo, "zsh", "bapascase monitor 2026-n"))
    assert f'"{NCP}":"Nurul Contoh Pertiwi binti Fiktif"' in zsh
    assert complete(demo, "fish", "bapascase show 2026-r") == [f"{RCP}\tRizky Contoh Pratama"]
    assert complete(demo, "powershell", "bapascase show 2025") == [f"{BZG}:::Benny Zakaria Ginting"]


def test_stage_schema_kind_officer_and_language_values(demo: Path) -> None:
    assert complete(demo, "bash", f"bapascase edit {BZG} mo") == ["monitoring"]
    assert complete(demo, "bash", "bapascase schema te") == ["termination"]
    assert complete(demo, "bash", "bapascase list --stage mon") == ["monitoring"]
    assert complete(demo, "bash", f"bapascase report {BZG} --kind p") == ["progress", "practicum"]
    assert complete(demo, "bash", f"bapascase report {BZG} --format ") == ["md", "html", "pdf", "docx"]
    assert complete(demo, "bash", "bapascase --lang ") == ["id", "en"]
    fish = complete(demo, "fish", f"bapascase transfer {NCP} --to Sri")
    assert fish == ["Sri Rahayu Contoh, S.Sos.\tPembimbing Kemasyarakatan Ahli Muda"]
    assert complete(demo, "bash", "bapascase officers add X --role k") == ["kasubsi", "kepala"]


def test_report_kinds_are_those_the_typed_case_can_have(demo: Path) -> None:
    """A parole case has no pertimbangan or service report; a kerja sosial case both; a pengawasan case (HCL) the
    pertimbangan only. Before a case is typed, or for one that cannot be read, every kind is offered."""
    sentences = {"pertimbangan", "service"}
    assert sentences & set(complete(demo, "bash", f"bapascase report {BZG} --kind ")) == set()
    assert sentences & set(complete(demo, "bash", "bapascase report bzg --kind ")) == set()  # the short form
    assert sentences <= set(complete(demo, "bash", f"bapascase report {FCS} --kind "))
    assert sentences & set(complete(demo, "bash", f"bapascase report {HCL} --kind ")) == {"pertimbangan"}
    assert sentences <= set(complete(demo, "bash", "bapascase report --kind "))
    assert sentences <= set(complete(demo, "bash", "bapascase report 2099-zzz-00000 --kind "))
    assert "service" not in "\n".join(complete(demo, "zsh", f"bapascase report -f html {BZG} --kind "))
    assert {"pertimbangan", "service"} <= set(complete(demo, "fish", f"bapascase report {FCS} --format md --kind "))


def test_no_casebook_completes_no_case_but_never_fails(tmp_path: Path) -> None:
    assert [line for line in complete(tmp_path / "nowhere", "bash", "bapascase show ") if line] == []


def test_the_completion_script_for_each_shell(demo: Path) -> None:
    for shell in ("bash", "zsh", "fish", "powershell"):
        env = test_environ({"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
        proc = subprocess.run([sys.executable, "-m", "bapascase", "--show-completion", shell], env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "_BAPASCASE_COMPLETE" in proc.stdout, shell


@pytest.mark.slow
def test_case_ids_complete_quickly_on_the_demo() -> None:
    """The Tab key must feel instant: under 150 ms on the demo (measured here with slack for a busy machine;
    ``python benchmarks/completion.py`` reports the real figure)."""
    proc = subprocess.run([sys.executable, str(BENCH / "completion.py"), "-n", "5", "--json", "--assert",
                           "--target-ms", "450"], capture_output=True, text=True, env=test_environ(), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    assert data["ids"] == 6 and data["ok"] is True  # the demo's six cases


def _cword(words: str) -> str:
    """The word being completed: the last, or the one marked ``^`` (bash completes a word in the middle too)."""
    parts = words.split(" ")
    return str(next((i for i, w in enumerate(parts) if w.endswith("^")), len(parts) - 1))


def _typer_answer(casebook: Path, words: str) -> str:
    """What typer itself answers bash (the console script's quick answer set aside)."""
    env = test_environ({"_BAPASCASE_COMPLETE": "complete_bash", "BAPASCASE_CASEBOOK": str(casebook),
                        "COMP_WORDS": words.replace("^", ""), "COMP_CWORD": _cword(words)})
    proc = subprocess.run([sys.executable, "-c", "from bapascase.cli.main import main; main()"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def _quick_answer(casebook: Path, words: str) -> str | None:
    from bapascase.cli.fastcomplete import answer

    return answer({"_BAPASCASE_COMPLETE": "complete_bash", "BAPASCASE_CASEBOOK": str(casebook),
                   "COMP_WORDS": words.replace("^", ""), "COMP_CWORD": _cword(words)})


def test_the_quick_answer_covers_every_command_that_takes_a_case(demo: Path) -> None:
    """The console script answers a bash Tab on a case id before importing typer (``cli.fastcomplete``): for
    every command, it answers exactly when typer would offer the case ids, and then what typer prints."""
    from bapascase.cli.main import command_table
    from bapascase.cli.names import ALIASES, case_commands

    offered = set()
    for command in [*command_table(), *ALIASES]:
        words = f"bapascase {command} 20"
        typer_says = _typer_answer(demo, words)
        if BZG in typer_says.split():
            offered.add(command)
            assert _quick_answer(demo, words) + "\n" == typer_says, command  # type: ignore[operator]
        else:
            assert _quick_answer(demo, words) is None, command
    assert offered == case_commands()


@pytest.mark.parametrize("words", ["bapascase show ", "bapascase lapor 2026-r", "bapascase transfer 2026-ncp-3xq8d",
                                   "bapascase report zz", "bapascase edit 2025-b^ monitoring", "bapascase monitor 2"])
def test_the_quick_answer_is_typers_answer(demo: Path, words: str) -> None:
    quick = _quick_answer(demo, words)
    assert quick is not None
    assert quick + "\n" == _typer_answer(demo, words)


@pytest.mark.parametrize("words", ["bapascase show --j", "bapascase -C . show 20", "bapascase show '20",
                                   "bapascase report 2025-bzg-k7m2p --kind ", "bapascase list 20", "bapascase sh",
                                   "bapascase edit 2025-bzg-k7m2p mo"])
def test_the_quick_answer_leaves_every_other_question_to_typer(demo: Path, words: str) -> None:
    assert _quick_answer(demo, words) is None


def test_the_quick_answer_without_a_casebook_is_typers_too(tmp_path: Path) -> None:
    assert _quick_answer(tmp_path / "nowhere", "bapascase show 20") == ""
    assert _typer_answer(tmp_path / "nowhere", "bapascase show 20") == "\n"


def test_the_quick_answer_imports_neither_typer_nor_pydantic(demo: Path) -> None:
    env = test_environ({"_BAPASCASE_COMPLETE": "complete_bash", "BAPASCASE_CASEBOOK": str(demo),
                        "COMP_WORDS": "bapascase show 2026-n", "COMP_CWORD": "2"})
    code = ("import sys\nfrom bapascase.cli.fastcomplete import main\nmain()\n"
            "print(sorted(m for m in ('typer', 'pydantic', 'yaml', 'jinja2') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines() == [NCP, "[]"], proc.stdout + proc.stderr
