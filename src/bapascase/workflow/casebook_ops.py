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


def history(ctx: Context, case_query: str) -> tuple[str, list[Commit]]:
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    rel = book.rel(book.case_dir(case_id))
    proc = git.run(book.root, "log", "--date=short", "--name-only", "--format=\x1e%h\x1f%ad\x1f%an\x1f%s", "--", rel)
    commits = []
    for block in proc.stdout.split("\x1e"):
        if not block.strip():
            continue
        head, _, rest = block.partition("\n")
        sha, date, author, subject = [*head.split("\x1f"), "", "", "", ""][:4]
        files = [f for f in rest.splitlines() if f.strip()]
        commits.append(Commit(sha, date, author, subject, files))
    return case_id, commits
