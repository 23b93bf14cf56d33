"""Casebook-wide operations: history (git log of a case). ``sync`` lives in ``workflow.sync``."""

from __future__ import annotations

from dataclasses import dataclass

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.workflow.context import Context


@dataclass
class Commit:
    sha: str
    date: str
    author: str
    subject: str
    files: list[str]
    officer: str = ""  # who made the change: the commit's Officer: trailer, else its author


def officer_of(author: str, trailer: str) -> str:
    """The officer of a change: the name in the commit's ``Officer:`` trailer (``store.git``: every commit
    bapascase makes carries one when the officer is known), else the git author."""
    officer = git.parse_officer(trailer) if trailer.strip() else None
    return officer.name if officer is not None else author.strip()


def history(ctx: Context, case_query: str) -> tuple[str, list[Commit]]:
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    rel = book.rel(book.case_dir(case_id))
    trailer = f"%(trailers:key={git.TRAILER},valueonly,separator=%x1c)"
    proc = git.run(book.root, "log", "--date=short", "--name-only",
                   f"--format=\x1e%h\x1f%ad\x1f%an\x1f%s\x1f{trailer}\x1d", "--", rel)
    commits = []
    for block in proc.stdout.split("\x1e"):
        if not block.strip():
            continue
        head, _, rest = block.partition("\x1d")
        sha, date, author, subject, officer = [*head.split("\x1f"), "", "", "", "", ""][:5]
        files = [f for f in rest.splitlines() if f.strip()]
        commits.append(Commit(sha, date, author, subject, files, officer_of(author, officer.split("\x1c")[0])))
    return case_id, commits
