"""Casebook-wide operations: history (git log of a case), sync (pull/push), transfer to another officer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.workflow.context import Context
from bapascase.workflow.record import Recorded, save


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


def find_officer(ctx: Context, who: str) -> dict[str, Any]:
    officers = ctx.book().officers()
    w = who.strip().lower()
    exact = [o for o in officers if str(o.get("nip") or "") == who.strip() or str(o.get("name", "")).lower() == w]
    if not exact:
        exact = [o for o in officers if w and w in str(o.get("name", "")).lower()]
    if len(exact) == 1:
        return {k: v for k, v in {"name": exact[0].get("name"), "nip": exact[0].get("nip")}.items() if v}
    if len(exact) > 1:
        raise UserError("err.ambiguous_officer", officer=who, matches=", ".join(str(o.get("name")) for o in exact))
    raise UserError("err.unknown_officer", officer=who)


def transfer(ctx: Context, case_query: str, to: str, reason: str | None) -> Recorded:
    from bapascase.model.registry import model_for
    from bapascase.store.index import summary_of

    book = ctx.book()
    case_id = book.resolve_case(case_query)
    summary = summary_of(book, case_id)
    if summary.get("stage") == "terminated":
        raise UserError("err.case_terminated", case=case_id)
    new = find_officer(ctx, to)
    previous = {k: v for k, v in {"name": summary.get("officer"), "nip": summary.get("officer_nip")}.items() if v}
    if previous.get("name") == new.get("name"):
        raise UserError("err.same_officer", officer=new["name"])
    doc = model_for("transfer").model_validate(
        {"date": ctx.today(), "to": new, "previous": previous or None, "reason": reason}
    )
    return save(ctx, case_id, "transfer", doc, ctx.today().isoformat(), message=f"transfer: {case_id} -> {new['name']}")
