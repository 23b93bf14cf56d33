"""Reading a text file a person gave or edited, with one clear error when it cannot be read (no heavy imports:
the read commands use it for ``bapascase.yaml``)."""

from __future__ import annotations

from pathlib import Path

from bapascase.errors import UserError


def read_text(path: Path) -> str:
    """A file's text as UTF-8; unreadable or binary files are a user error, not a crash."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("err.not_utf8", path=str(path)) from None
    except OSError as exc:
        raise UserError("err.unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
