"""The outside world as one injectable object (streams, TTY, clock, editor), so tests can swap it."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import TextIO


def user_cache_dir() -> str:
    """Where bapascase keeps derived data per user (compiled templates, checked instrument definitions)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "bapascase")


def _today() -> _dt.date:
    return _dt.date.today()


class Environment:
    """A plain class, not a dataclass: built on every start, before ``--help``."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 environ: dict[str, str] | None = None) -> None:
        self.stdin: TextIO = stdin if stdin is not None else sys.stdin
        self.stdout: TextIO = stdout if stdout is not None else sys.stdout
        self.stderr: TextIO = stderr if stderr is not None else sys.stderr
        self.environ: dict[str, str] = environ if environ is not None else dict(os.environ)

    def __repr__(self) -> str:
        return f"Environment(stdin={self.stdin!r}, stdout={self.stdout!r}, stderr={self.stderr!r})"

    @property
    def stdin_isatty(self) -> bool:
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def stderr_isatty(self) -> bool:
        try:
            return self.stderr.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def stdout_isatty(self) -> bool:
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError):
            return False

    def today(self) -> _dt.date:
        override = self.environ.get("BAPASCASE_TODAY")
        if override:  # the range of dates (model.bounds) is checked by ``Context.today``: env imports no model
            try:
                return _dt.date.fromisoformat(override)
            except ValueError:
                from bapascase.errors import UserError

                raise UserError("err.bad_today", value=override) from None
        return _today()

    def now(self) -> _dt.datetime:
        return _dt.datetime.now().replace(microsecond=0)

    @property
    def editor(self) -> str:
        return self.environ.get("VISUAL") or self.environ.get("EDITOR") or "vi"
