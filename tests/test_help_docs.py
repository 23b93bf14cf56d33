"""Every command and every option is documented, in Indonesian and in English (checked on the built app, so a
command added later is covered without touching this file)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main

from bapascase.cli.main import make_app
from bapascase.i18n import LANGS, set_lang
from tests.helpers import ROOT, assert_clean_exit, invoke

CONTRACT = ("init", "new", "list", "show", "find", "due", "stats", "check", "schema")


def commands(lang: str) -> dict[str, Any]:
    try:
        group: Any = typer.main.get_command(make_app(["--lang", lang], {}))
        return dict(group.commands)
    finally:
        set_lang("id")


@pytest.fixture(scope="module")
def by_lang() -> dict[str, dict[str, Any]]:
    return {lang: commands(lang) for lang in LANGS}


def test_the_foundation_commands_are_registered(by_lang: dict[str, dict[str, Any]]) -> None:
    for lang in LANGS:
        assert set(CONTRACT) <= set(by_lang[lang]), lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_has_help(by_lang: dict[str, dict[str, Any]], lang: str) -> None:
    undocumented = [name for name, cmd in by_lang[lang].items() if not (cmd.help or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_option_and_argument_has_help(by_lang: dict[str, dict[str, Any]], lang: str) -> None:
    undocumented = [f"{name} {p.name}" for name, cmd in by_lang[lang].items() for p in cmd.params
                    if p.name != "help" and not (getattr(p, "help", None) or "").strip()]
    assert undocumented == []


def test_help_is_translated(by_lang: dict[str, dict[str, Any]]) -> None:
    same = [name for name, cmd in by_lang["id"].items() if cmd.help == by_lang["en"][name].help]
    assert same == []


def test_each_command_help_page_renders(by_lang: dict[str, dict[str, Any]]) -> None:
    for name in by_lang["id"]:
        for lang in LANGS:
            result = invoke(["--lang", lang, name, "--help"])
            assert_clean_exit(result, 0)
            assert f"bapascase {name}" in result.stdout


def test_root_help_lists_every_command_with_its_summary() -> None:
    out = invoke(["--help"]).stdout
    for name in CONTRACT:
        assert f"  {name} " in out, name
    assert "Daftar kasus." in out


def test_readme_command_table_lists_every_command(by_lang: dict[str, dict[str, Any]]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    first_cells = [re.split(r"(?<!\\)\|", row)[1] for row in rows]  # "\|" inside a cell is not a border
    documented = {m.group(1) for cell in first_cells for m in re.finditer(r"`([a-z][a-z-]*)[^`]*`", cell)}
    assert sorted(set(by_lang["id"]) - documented) == [], "commands missing from README's command table"


def _pages(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path, sub-commands too (``officers add``)."""
    out = []
    for name, cmd in getattr(group, "commands", {}).items():
        out.append((*path, name))
        out += _pages(cmd, (*path, name))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_page_fits_80_columns_and_names_its_values(lang: str) -> None:
    """An officer's terminal is 80 columns wide: no help line is longer, and every option that takes a value
    says what kind (``--reason TEXT``, ``--officer OFFICER``), never click's bare ``<str>``."""
    group: Any = typer.main.get_command(make_app(["--lang", lang], {}))
    set_lang("id")
    wide, bare = [], []
    for path in _pages(group):
        result = invoke(["--lang", lang, *path, "--help"], env={"COLUMNS": "80"})
        assert_clean_exit(result, 0)
        for line in result.stdout.splitlines():
            if len(line) > 80:
                wide.append(f"{' '.join(path)}: {line}")
            if re.search(r"<(str|int|float|path|text)>", line):
                bare.append(f"{' '.join(path)}: {line}")
    assert wide == [] and bare == []
