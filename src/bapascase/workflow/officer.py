"""The officer at the keyboard: who a commit says made the change (beside the git identity, which is often a
shared office account or a laptop's owner).

Found, first match wins:

1. ``--as NAME`` (a global option);
2. ``BAPASCASE_OFFICER`` in the environment;
3. this clone's choice, ``.bapascase/officer`` (git-ignored; ``bapascase whoami --set NAME`` writes it);
4. the only officer listed in ``bapascase.yaml``;
5. the listed officer whose name is git's ``user.name``.

A name (with or without titles), a NIP or a unique part of a name given by 1-3 must match an officer listed in
``bapascase.yaml`` (``Settings.officers_matching``, as ``transfer`` and ``new`` resolve one);
a casebook that lists no officers takes the name as given. None found: the commit carries no officer.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bapascase.errors import UserError
from bapascase.store import git

if TYPE_CHECKING:
    from bapascase.store.casebook import Casebook
    from bapascase.workflow.context import Context

CHOICE_FILE = "officer"
ENV_VAR = "BAPASCASE_OFFICER"


# where the officer at the keyboard was found (each has its ``officer.source_<name>`` message)
Source = Literal["option", "env", "clone", "only", "git", "none"]


@dataclass(frozen=True)
class AtKeyboard:
    officer: git.Officer | None
    source: Source


def _named(book: Casebook, who: str, source: Source) -> AtKeyboard:
    officers = book.settings.officers
    if not officers:
        return AtKeyboard(git.Officer(" ".join(who.split())), source)
    found = book.settings.officers_matching(who)
    if len(found) != 1:
        reason = (UserError("err.ambiguous_officer", officer=who, matches=", ".join(o.name for o in found)) if found
                  else UserError("kbd.err.officer_add_how", officer=who.strip()))
        raise UserError("err.officer_not_listed", officer=who, where=_where(source),
                        listed=", ".join(o.name for o in officers), reason=reason.render())
    return AtKeyboard(git.Officer(found[0].name, found[0].nip), source)


def _where(source: Source) -> str:
    from bapascase.i18n import t

    return t(f"officer.source_{source}")


def choice_path(book: Casebook) -> str:
    return str(book.state_dir / CHOICE_FILE)


def read_choice(book: Casebook) -> str | None:
    """This clone's choice (``whoami --set``); none when missing or unreadable (a FIFO, a huge or binary file in
    its place: read the bounded way, ``store.textfiles``)."""
    from bapascase.errors import UserError
    from bapascase.store.textfiles import read_text

    try:
        text = read_text(book.state_dir / CHOICE_FILE, limit=4096).strip()
    except UserError:
        return None
    return text or None


def at_keyboard(ctx: Context) -> AtKeyboard:
    """Who is at the keyboard (see the module docstring); raises a UserError naming where a bad name came from."""
    book = ctx.book()
    if ctx.officer_opt:
        return _named(book, ctx.officer_opt, "option")
    env = ctx.env.environ.get(ENV_VAR, "").strip()
    if env:
        return _named(book, env, "env")
    chosen = read_choice(book)
    if chosen:
        return _named(book, chosen, "clone")
    officers = [o for o in book.settings.officers if o.name]
    if len(officers) == 1:
        return AtKeyboard(git.Officer(officers[0].name, officers[0].nip), "only")
    if officers and git.is_repo(book.root):
        name = git.config_get(book.root, "user.name")
        match = [o for o in officers if name and o.name.strip().lower() == name.strip().lower()]
        if len(match) == 1:
            return AtKeyboard(git.Officer(match[0].name, match[0].nip), "git")
    return AtKeyboard(None, "none")


def current(ctx: Context) -> git.Officer | None:
    """The officer to put in commits (resolved once per command)."""
    if ctx.officer_cache is None:
        ctx.officer_cache = at_keyboard(ctx)
    found: AtKeyboard = ctx.officer_cache
    return found.officer


def save_choice(ctx: Context, who: str) -> AtKeyboard:
    """Remember ``who`` as this clone's officer (``.bapascase/officer``, never committed)."""
    from bapascase.store.atomic import atomic_write

    book = ctx.book()
    found = _named(book, who, "clone")
    assert found.officer is not None
    book.state_dir.mkdir(exist_ok=True)
    atomic_write(book.state_dir / CHOICE_FILE, (found.officer.nip or found.officer.name) + "\n")
    ctx.officer_cache = None
    return found


def forget_choice(ctx: Context) -> bool:
    path = ctx.book().state_dir / CHOICE_FILE
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        return True
    return False
