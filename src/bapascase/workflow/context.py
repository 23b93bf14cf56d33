"""What every command needs: the environment, the language, the casebook (found lazily) and a prompter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bapascase.env import Environment

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from bapascase.store.casebook import Casebook
    from bapascase.workflow.prompter import Prompter


@dataclass
class Context:
    env: Environment = field(default_factory=Environment)
    lang: str = "id"
    casebook_opt: str | None = None
    officer_opt: str | None = None  # ``--as NAME``: the officer at the keyboard (``workflow.officer``)
    officer_cache: Any = None
    pipe_input: Input | None = None  # prompt_toolkit input for tests
    pipe_output: Output | None = None
    _book: Casebook | None = None

    def book(self) -> Casebook:
        if self._book is None:
            from bapascase.store.casebook import Casebook, discover

            self._book = Casebook(discover(self.casebook_opt, self.env.environ))
        return self._book

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
