"""What every command needs: the environment, the language, the casebook (found lazily) and a prompter."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bapascase.env import Environment

if TYPE_CHECKING:
    from pathlib import Path

    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from bapascase.store.casebook import Casebook
    from bapascase.workflow.prompter import Prompter


class Context:
    """A plain class, not a dataclass: it is built on every start, before ``--help`` (``dataclasses`` and the
    generated methods cost more than the rest of this module)."""

    def __init__(self, env: Environment | None = None, lang: str = "id", casebook_opt: str | None = None,
                 officer_opt: str | None = None, officer_cache: Any = None, pipe_input: Input | None = None,
                 pipe_output: Output | None = None, _book: Casebook | None = None) -> None:
        self.env = env if env is not None else Environment()
        self.lang = lang
        self.casebook_opt = casebook_opt
        self.officer_opt = officer_opt  # ``--as NAME``: the officer at the keyboard (``workflow.officer``)
        self.officer_cache = officer_cache
        self.pipe_input = pipe_input  # prompt_toolkit input for tests
        self.pipe_output = pipe_output
        self._book = _book
        # set by a command whose work is all done and saved (``report``), and by a help page: the process may end
        # without tearing down every module and object one by one (``cli.main.main``: the console script and
        # ``python -m`` only)
        self.exit_quickly = False
        # per document stage: the draft file this command's interview keeps its answers in when interrupted, and
        # whether it resumed that draft (``workflow.record``): saving removes only a draft its own interview resumed
        self.drafts: dict[str, tuple[Path, bool]] = {}

    def __repr__(self) -> str:
        return f"Context(lang={self.lang!r}, casebook_opt={self.casebook_opt!r}, officer_opt={self.officer_opt!r})"

    def book(self) -> Casebook:
        if self._book is None:
            from bapascase.store.casebook import Casebook, discover

            self._book = Casebook(discover(self.casebook_opt, self.env.environ))
        return self._book

    def settings_kept_both(self) -> list[str]:
        """The settings' fields kept in two versions by a sync, when this command read the settings."""
        if self._book is None or not self._book.settings_loaded:
            return []
        from bapascase.store.settings import kept_both

        return kept_both(self._book.root)

    def unreadable_files(self) -> int:
        """How many case files the caseload this command read had to leave out (``Casebook.unreadable``)."""
        return self._book.unreadable if self._book is not None else 0

    def prompter(self, no_input: bool) -> Prompter:
        from bapascase.workflow.prompter import NoInputPrompter, QuestionaryPrompter

        if no_input:
            return NoInputPrompter()
        if self.pipe_input is not None:
            return QuestionaryPrompter(self.env.stdout, input=self.pipe_input, output=self.pipe_output)
        if self.env.stdin_isatty and self.env.stdout_isatty:
            return QuestionaryPrompter(self.env.stdout)
        return NoInputPrompter()

    def today(self) -> dt.date:
        """Today, or ``BAPASCASE_TODAY`` (within the range of dates, ``model.bounds``)."""
        day = self.env.today()
        from bapascase.model.bounds import DATE_MAX, DATE_MIN

        if not DATE_MIN <= day <= DATE_MAX:
            from bapascase.errors import UserError

            raise UserError("err.bad_today", value=self.env.environ.get("BAPASCASE_TODAY", day.isoformat()))
        return day
