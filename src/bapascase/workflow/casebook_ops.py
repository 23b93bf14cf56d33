"""Casebook-wide operations: history (git log of a case) and sync (pull/push)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.workflow.context import Context

# the trailer a commit names its officer with ("Officer: Rahmat Hidayat, S.H."), when the author is not the officer
OFFICER_TRAILER = "Officer"


@dataclass
class Commit:
    sha: str
    date: str
    author: str
    subject: str
    files: list[str]
    officer: str = ""  # who made the change: the commit's Officer: trailer, else its author


def officer_of(author: str, trailer: str) -> str:
    """The officer of a change: the ``Officer:`` trailer when the commit has one, else the git author."""
    return trailer.strip() or author.strip()


def history(ctx: Context, case_query: str) -> tuple[str, list[Commit]]:
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    rel = book.rel(book.case_dir(case_id))
    trailer = f"%(trailers:key={OFFICER_TRAILER},valueonly,separator=%x2C )"
    proc = git.run(book.root, "log", "--date=short", "--name-only",
                   f"--format=\x1e%h\x1f%ad\x1f%an\x1f%s\x1f{trailer}\x1d", "--", rel)
    commits = []
    for block in proc.stdout.split("\x1e"):
        if not block.strip():
            continue
        head, _, rest = block.partition("\x1d")
        sha, date, author, subject, officer = [*head.split("\x1f"), "", "", "", "", ""][:5]
        files = [f for f in rest.splitlines() if f.strip()]
        commits.append(Commit(sha, date, author, subject, files, officer_of(author, officer.strip())))
    return case_id, commits


def sync(ctx: Context, on_step: Callable[[str], None] | None = None) -> list[str]:
    """Pull (rebase, autostash) then push, when the casebook has a remote. Returns what was done; ``on_step`` is
    told each step ("pull", "push") as it starts, for a progress display."""
    step = on_step or (lambda name: None)
    book = ctx.book()
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    remotes = git.run(book.root, "remote").stdout.split()
    if not remotes:
        raise UserError("err.no_remote")
    done = []
    upstream = git.run(book.root, "rev-parse", "--abbrev-ref", "@{upstream}", check=False)
    if upstream.returncode == 0:
        step("pull")
        proc = git.run(book.root, "pull", "--rebase", "--autostash", check=False)
        if proc.returncode != 0:
            git.run(book.root, "rebase", "--abort", check=False)
            raise UserError("err.sync_conflict")
        done.append("pull")
        step("push")
        git.run(book.root, "push")
    else:
        branch = git.run(book.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
        step("push")
        git.run(book.root, "push", "-u", remotes[0], branch)
    done.append("push")
    return done
