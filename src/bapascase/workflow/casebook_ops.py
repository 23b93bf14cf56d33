"""Casebook-wide operations: history (git log of a case) and sync (pull/push)."""

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


def sync(ctx: Context) -> list[str]:
    """Pull (rebase, autostash) then push, when the casebook has a remote. Returns what was done."""
    book = ctx.book()
    if not git.is_repo(book.root):
        raise UserError("err.no_repo")
    remotes = git.run(book.root, "remote").stdout.split()
    if not remotes:
        raise UserError("err.no_remote")
    done = []
    upstream = git.run(book.root, "rev-parse", "--abbrev-ref", "@{upstream}", check=False)
    if upstream.returncode == 0:
        proc = git.run(book.root, "pull", "--rebase", "--autostash", check=False)
        if proc.returncode != 0:
            git.run(book.root, "rebase", "--abort", check=False)
            raise UserError("err.sync_conflict")
        done.append("pull")
        git.run(book.root, "push")
    else:
        branch = git.run(book.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
        git.run(book.root, "push", "-u", remotes[0], branch)
    done.append("push")
    return done
