"""A read command over the caseload asked again of an unchanged casebook prints its kept answer
(``store.answers``, ``store.index.caseload_state``).

What a command printed is kept only when it ended well and said nothing on stderr (no warning, no file left out):
an answer given again is exactly what the command would print, byte for byte (``tests/test_answers.py``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from bapascase.cli.common import ctx_of
from bapascase.terminal import columns

F = TypeVar("F", bound=Callable[..., Any])

# the variables that change what a command prints, besides every ``BAPASCASE_`` one (the day, the officer)
WATCHED = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "COLUMNS", "LINES", "NO_COLOR",
           "FORCE_COLOR", "TERM", "COLORTERM", "TZ", "HOME", "XDG_CACHE_HOME", "PYTHONIOENCODING")


class _Copied:
    """A text stream that writes through to ``real`` and keeps a copy of everything written."""

    def __init__(self, real: TextIO) -> None:
        self.real = real
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        n = self.real.write(text)
        self.parts.append(text)
        return n

    def flush(self) -> None:
        self.real.flush()

    def isatty(self) -> bool:
        return self.real.isatty()

    def fileno(self) -> int:
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> Any:
        return getattr(self.real, "encoding", None)

    @property
    def errors(self) -> Any:
        return getattr(self.real, "errors", None)


def _width(stream: TextIO, environ: dict[str, str]) -> Any:
    """What the output's width is worked out from: a terminal's size, else ``COLUMNS`` (``cli.common.width``)."""
    try:
        if stream.isatty():
            return ["tty", os.get_terminal_size(stream.fileno()).columns]
    except (AttributeError, OSError, ValueError):
        pass
    return columns(environ)


def answered(when: Callable[[dict[str, Any]], bool] | None = None) -> Callable[[F], F]:
    """The command's answer kept and given again (``when(options)``: whether these options may be; default all).
    Put it under ``handled``, which still turns every failure into one line."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            options = {k: v for k, v in kwargs.items() if k != "ctx"}
            if when is not None and not when(options):
                return fn(*args, **kwargs)
            from bapascase.store.answers import drop_answers, keep_answer, question, read_answer
            from bapascase.store.index import caseload_state, stamps_looked_at

            c = ctx_of(kwargs["ctx"])
            book = c.book()
            state = caseload_state(book)
            if state is None:  # changed since (or no index yet): the usual way, and what was kept is of no use
                drop_answers(book)
                return fn(*args, **kwargs)
            stdout = c.env.stdout
            asked = question(book, {
                "command": fn.__name__, "options": options, "day": c.today().isoformat(), "lang": c.lang,
                "as": c.officer_opt, "width": _width(stdout, c.env.environ),
                "encoding": getattr(stdout, "encoding", None),
            }, c.env.environ, WATCHED)
            kept = read_answer(book, asked, state.digest)
            if kept is not None:
                stdout.write(kept)
                return None
            out, err = _Copied(stdout), _Copied(c.env.stderr)
            c.env.stdout, c.env.stderr = out, err  # type: ignore[assignment]
            try:
                with stamps_looked_at(book, state):
                    result = fn(*args, **kwargs)
            finally:
                c.env.stdout, c.env.stderr = stdout, err.real
            if not err.parts and not c.unreadable_files() and not c.settings_kept_both():
                keep_answer(book, asked, state.digest, "".join(out.parts))
            return result

        return wrapper  # type: ignore[return-value]

    return wrap
