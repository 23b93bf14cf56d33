"""One error hierarchy. Every error a user can cause renders as readable text in the user's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from bapascase.i18n import t


class ExitStatus(IntEnum):
    """What a command exits with (the product contract)."""

    OK = 0
    USER = 1  # a user or data error: one readable line on stderr
    DATA = 1  # (the same status: bad recorded data is the user's to fix)
    USAGE = 2  # a command line that cannot be run: unknown command, option or option value
    INTERNAL = 70  # a bug in bapascase (EX_SOFTWARE): still one readable line, no case data
    INTERRUPTED = 130  # Ctrl-C or a lost terminal


# the reasons an officer meets, said in their language; any other is the system's own words
_OS_REASONS = {"ENOSPC": "os.no_space", "EDQUOT": "os.no_space", "EACCES": "os.denied", "EPERM": "os.denied",
               "EROFS": "os.read_only", "ENOENT": "os.not_found", "EISDIR": "os.is_folder", "ENOTDIR": "os.not_folder",
               "ENAMETOOLONG": "os.name_too_long", "EIO": "os.io", "EMFILE": "os.too_many", "ENFILE": "os.too_many"}


def os_reason(exc: OSError) -> str:
    """Why the machine said no (disk full, permission denied, read-only folder), in the user's language."""
    import errno

    name = errno.errorcode.get(exc.errno or -1, "")
    key = _OS_REASONS.get(name)
    return t(key) if key else (exc.strerror or type(exc).__name__)


class Lines(str):
    """A message value that is a list on purpose, one item per line (the files a sync stopped on): said as
    lines. Made by ``lines``, which makes each item one line."""


def lines(items: Iterable[str]) -> Lines:
    return Lines("\n".join(one_line(item) for item in items))


def one_line(value: Any) -> Any:
    """A value said inside a one-line message with its line breaks written as ``\\n`` (a case id or a folder
    name typed with a newline must not make one error two lines); a list of lines on purpose (``Lines``) and
    anything but text as it is."""
    if isinstance(value, Lines):
        return value
    return value.replace("\n", "\\n") if isinstance(value, str) and "\n" in value else value


class BapascaseError(Exception):
    """Base: a user or data error. ``exit_code`` is what the CLI exits with."""

    exit_code: ExitStatus = ExitStatus.USER

    def __init__(self, key: str, **kw: Any) -> None:
        super().__init__(key)
        self.key = key
        self.kw = kw

    def render(self) -> str:
        return t(self.key, **{k: one_line(v) for k, v in self.kw.items()})

    def render_for(self, path: str) -> str:
        """The message as a problem of the file ``path`` says it: the problem names the file before the message
        (``Problem.render``), so the message leaves it out ("case.yaml: Berkas tidak dapat dibaca sebagai teks
        UTF-8", not the name twice)."""
        if path not in self.kw.values():
            return self.render()
        mark = "\0"
        text = t(self.key, **{k: mark if v == path else one_line(v) for k, v in self.kw.items()})
        for cut in (f": {mark}", f"{mark}: ", f"{mark} ", f" {mark}", mark):
            text = text.replace(cut, "")
        return text.strip()

    def __str__(self) -> str:
        return self.render()


class UserError(BapascaseError):
    """The user asked for something that cannot be done (unknown case, bad flag value...)."""


class UsageError(BapascaseError):
    exit_code = ExitStatus.USAGE


class Interrupted(BapascaseError):
    """Ctrl-C or a lost terminal during prompts."""

    exit_code = ExitStatus.INTERRUPTED

    def __init__(self, key: str = "err.interrupted", **kw: Any) -> None:
        super().__init__(key, **kw)


@dataclass(frozen=True)
class Problem:
    """One data problem, printed as ``path:line: field: message``."""

    path: str
    line: int | None
    field: str
    message: str

    def render(self) -> str:
        path, field, message = one_line(self.path), one_line(self.field), one_line(self.message)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {field}: {message}" if field else f"{where}: {message}"


class DataError(BapascaseError):
    """One or more problems in recorded data or in an answers file."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("err.data")
        self.problems = problems

    def render(self) -> str:
        return "\n".join(p.render() for p in self.problems)


class MissingAnswers(UserError):
    """``--no-input`` and required answers are missing: all of them are listed at once."""

    def __init__(self, fields: list[str], source: str) -> None:
        super().__init__("err.missing_answers", fields=", ".join(fields), source=source)
        self.fields = fields
