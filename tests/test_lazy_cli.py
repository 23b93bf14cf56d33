"""The root command group is lazy: ``--help`` lists every command without building it, a run builds only the
command it runs, and the table of command names in ``cli/main.py`` agrees with what the modules register."""

from __future__ import annotations

import importlib
import io
from contextlib import redirect_stdout
from typing import Any

import pytest
import typer
import typer.main

from bapascase.cli.main import LazyCommands, LazyGroup, command_help, command_table, make_app
from bapascase.i18n import LANGS, set_lang
from tests.helpers import SRC
from tests.test_startup import modules_after


def registered(module: str) -> list[str]:
    """The command names ``bapascase.cli.<module>.register`` adds, in its order (commands, then the commands
    with subcommands it adds with ``add_typer``, such as ``officers``)."""
    scratch = typer.Typer()
    importlib.import_module(f"bapascase.cli.{module}").register(scratch)
    return [*(info.name or typer.main.get_command_name(info.callback.__name__)
              for info in scratch.registered_commands if info.callback is not None),
            *(str(group.name) for group in scratch.registered_groups)]


def root_group(lang: str) -> LazyGroup:
    group = typer.main.get_command(make_app(["--lang", lang], {}))
    assert isinstance(group, LazyGroup)
    return group


def test_the_table_lists_exactly_what_the_modules_register() -> None:
    table = command_table()
    modules = sorted(p.stem for p in (SRC / "bapascase" / "cli").glob("cmd_*.py"))
    assert sorted(set(table.values())) == modules, "a command module missing from the table (or vice versa)"
    for module in modules:
        assert registered(module) == [name for name, of in table.items() if of == module], module


@pytest.mark.parametrize("lang", LANGS)
def test_each_command_is_registered_with_its_catalog_help(lang: str) -> None:
    """The root help lists ``cmd.<name>`` without building the command; the built command says the same."""
    try:
        group = root_group(lang)
        for name in command_table():
            assert group.commands[name].help == command_help(name), name
    finally:
        set_lang("id")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [60, 80, 160])
def test_the_lazy_listing_is_the_listing_of_the_built_commands(lang: str, width: int) -> None:
    try:
        group = root_group(lang)
        ctx = typer.Context(group, info_name="bapascase", max_content_width=width, terminal_width=width)
        lazy, eager = ctx.make_formatter(), ctx.make_formatter()
        group.format_commands(ctx, lazy)
        assert isinstance(group.commands, LazyCommands) and group.commands.built == {}
        typer.core.TyperGroup.format_commands(group, ctx, eager)  # typer's own: builds every command
        assert set(group.commands.built) == set(command_table())
        assert lazy.getvalue() == eager.getvalue()
        assert all(f"  {name} " in lazy.getvalue() for name in command_table())
    finally:
        set_lang("id")


def run_group(args: list[str]) -> tuple[Any, LazyGroup, str]:
    group = root_group("id")
    buf = io.StringIO()
    with redirect_stdout(buf):
        code = group.main(args, prog_name="bapascase", standalone_mode=False)
    set_lang("id")
    return code, group, buf.getvalue()


def test_help_builds_no_command() -> None:
    _, group, out = run_group(["--help"])
    assert isinstance(group.commands, LazyCommands)
    assert group.commands.built == {}
    assert "  schema " in out


def test_a_run_builds_only_the_command_it_runs() -> None:
    _, group, out = run_group(["schema", "case"])
    assert isinstance(group.commands, LazyCommands)
    assert list(group.commands.built) == ["schema"]
    assert '"title"' in out


def test_an_unknown_command_is_still_suggested() -> None:
    group = root_group("id")
    with pytest.raises(Exception, match="Did you mean 'list'"):
        group.main(["lst"], prog_name="bapascase", standalone_mode=False)


def test_the_real_cli_imports_only_the_module_of_the_command_it_runs() -> None:
    report = modules_after({"--help": ["--help"], "schema": ["schema", "case"]})
    assert [m for m in report["--help"]["ours"] if m.startswith("bapascase.cli.cmd_")] == []
    assert [m for m in report["schema"]["ours"] if m.startswith("bapascase.cli.cmd_")] == ["bapascase.cli.cmd_schema"]
