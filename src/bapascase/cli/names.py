"""Command names read before typer is imported (the console script's first step, ``cli.fastcomplete``) as
well as by the commands: the aliases, and the commands whose first argument is a case."""

from __future__ import annotations

# another name for a command, in the user's words (the contract's ``lapor`` for ``checkin``): the same command
ALIASES = {"lapor": "checkin"}
# the commands whose first argument is a case (``common.case_argument``), besides those that record a document
CASE_COMMANDS = ("show", "edit", "report", "history", "checkin")


def case_commands() -> frozenset[str]:
    """Every command (and alias) whose first argument is a case id."""
    from bapascase.model.registry import SPECS, Stage

    named = {*CASE_COMMANDS, *(s.command for s in SPECS if s.command and s.stage is not Stage.CASE)}
    return frozenset({*named, *(alias for alias, command in ALIASES.items() if command in named)})
