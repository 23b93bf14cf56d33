"""Committing what a command wrote: the one way every writer (stages, edit, import, init, check --fix, sync)
commits, so each commit carries the officer at the keyboard and meets a stale git lock the same way."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bapascase.errors import UserError, os_reason
from bapascase.i18n import t
from bapascase.store import git
from bapascase.terminal import write_line
from bapascase.workflow.context import Context


def stale_handler(ctx: Context, force: bool = False, no_input: bool = False) -> git.StaleHandler:
    """What to do with an ``index.lock`` left by a git that died: remove it with ``--force``, ask on a terminal,
    else leave it (the error then names the file and how to clear it)."""

    def decide(lock: git.IndexLock) -> bool:
        if force:
            write_line(ctx.env.stderr, t("sync.lock_cleared", path=str(lock.path), minutes=lock.minutes))
            return True
        prompter = ctx.prompter(no_input)
        if not prompter.interactive:
            return False
        return bool(prompter.confirm(t("sync.clear_lock", path=str(lock.path), minutes=lock.minutes),
                                     default=False))

    return decide


def commit(ctx: Context, paths: Sequence[Path], message: str, *, force: bool = False, no_input: bool = False,
           locked: bool = False, officer: git.Officer | None = None) -> bool:
    """Commit ``paths`` with the trailer of ``officer``, else of the officer at the keyboard. Raises UserError
    (git's refusal, a stale lock)."""
    from bapascase.workflow.officer import current

    book = ctx.book()
    return git.commit_paths(book.root, list(paths), message, officer=officer or current(ctx),
                            on_stale=stale_handler(ctx, force, no_input), locked=locked)


def commit_saved(ctx: Context, paths: Sequence[Path], message: str, no_input: bool = False) -> bool:
    """Commit what was just saved, when the casebook commits automatically. The files are saved whatever git
    says: a refusal is a warning (the next ``sync`` commits them), or a retry would record the same thing twice.
    Every writer passes here, so this is also where the caseload index takes the saved cases in (the next
    ``list`` finds it current)."""
    book = ctx.book()
    recover_batches(ctx)
    saved_to_index(ctx, paths)
    if not book.settings.auto_commit:
        remember_saved(ctx, paths)
        return False
    try:
        return commit(ctx, paths, message, no_input=no_input)
    except UserError as exc:
        write_line(ctx.env.stderr, t("warn.saved_not_committed", message=exc.render()))
        remember_saved(ctx, paths)
        return False


# how long a writer waits for the commit lock to note who saved a file (a sync may hold it for minutes)
PENDING_LOCK_TIMEOUT = 5.0


def remember_saved(ctx: Context, paths: Sequence[Path]) -> None:
    """Note who saved these files that stay uncommitted (``store.pending``), so ``sync`` commits them under
    that officer's name. Best effort: without it the officer who syncs is credited."""
    from bapascase.errors import BapascaseError
    from bapascase.store import pending
    from bapascase.workflow.officer import current

    book = ctx.book()
    try:
        if not git.is_repo(book.root):
            return
        officer = current(ctx)
        if officer is None:
            return
        rels = [Path(book.rel(p)).as_posix() for p in paths]  # as git names them (``sync.changes``)
        with git.commit_lock(book.root, timeout=PENDING_LOCK_TIMEOUT):
            pending.remember(book, rels, officer.trailer())
    except (BapascaseError, OSError, ValueError):
        return


def saved_to_index(ctx: Context, paths: Sequence[Path]) -> None:
    """Update the caseload index rows of the cases these saved documents belong to."""
    from bapascase.store.index import case_of, refresh

    book = ctx.book()
    refresh(book, [c for c in (case_of(book, p) for p in paths) if c])


def commit_batch(ctx: Context, case_ids: Sequence[str], paths: Sequence[Path], message: str,
                 texts: Sequence[str]) -> bool:
    """``commit_saved`` for a batch of new cases (``import``), each with one document (``paths``, written with
    ``texts``): their index rows in one transaction, by id (no path resolved 10,000 times) and from the texts in
    hand (none read back), and one commit built in bulk (``git.commit_new_files``: the same commit)."""
    from bapascase.store.index import refresh

    book = ctx.book()
    refresh(book, case_ids, texts={cid: {path.name: text} for cid, path, text in zip(case_ids, paths, texts,
                                                                                    strict=True)})
    if not book.settings.auto_commit:
        remember_saved(ctx, paths)  # the batch is the importing officer's, whoever syncs it
        return False
    from bapascase.workflow.officer import current

    try:
        return git.commit_new_files(book.root, list(paths), message, officer=current(ctx),
                                    on_stale=stale_handler(ctx), contents=[text.encode("utf-8") for text in texts])
    except UserError as exc:
        write_line(ctx.env.stderr, t("warn.saved_not_committed", message=exc.render()))
    except OSError as exc:  # a full disk under the commit lock: the batch is placed whole all the same
        write_line(ctx.env.stderr, t("warn.saved_not_committed", message=t("err.os", reason=os_reason(exc))))
    remember_saved(ctx, paths)
    return False


def recover_batches(ctx: Context, commit_locked: bool = False) -> None:
    """Finish a batch of new cases a kill left half placed (``store.batch``), saying so on stderr."""
    from bapascase.store.batch import recover

    for done in recover(ctx.book(), commit_locked=commit_locked):
        key = "batch.recovered_forward" if done.forward else "batch.recovered_back"
        write_line(ctx.env.stderr, t(key, n=len(done.cases), journal=done.journal))
