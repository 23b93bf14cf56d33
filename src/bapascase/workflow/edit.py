"""``edit CASE STAGE``: open a stage file in the user's editor, validate on close, reopen with the errors shown.

The editor works on a private copy; the original is replaced (atomically, with the text exactly as the person
wrote it) only once the copy is valid. Giving up leaves the original untouched and keeps the copy.

The case lock is held from reading the file to writing it back, so no bapascase command writes the case while
the editor is open; a change made meanwhile by anything else (a hand edit, a ``git pull``) is never overwritten:
the edit is refused, the change shown as a diff, and the officer's copy kept.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bapascase.errors import UsageError, UserError
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.store import yamlio
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook
from bapascase.store.documents import validate_text
from bapascase.store.textfiles import read_text
from bapascase.terminal import write_line
from bapascase.workflow.context import Context


@dataclass
class EditResult:
    path: Path
    changed: bool
    committed: bool = False


def pick_file(book: Casebook, case_id: str, stage: str, entry: str | None) -> Path:
    paths = book.doc_paths(case_id, stage)
    if not paths:
        raise UserError("err.nothing_to_edit", case=case_id, what=registry.doc_label(stage),
                        command=registry.spec(stage).command)
    if entry is None:
        return paths[-1]
    exact = [p for p in paths if entry in (p.name, p.stem)]
    if exact:
        return exact[0]
    matches = [p for p in paths if p.name.startswith(entry)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UserError("err.ambiguous_entry", entry=entry, matches=", ".join(p.name for p in matches))
    raise UserError("err.unknown_entry", entry=entry, known=", ".join(p.name for p in paths))


def run_editor(editor: str, path: Path) -> int:
    try:
        return subprocess.call([*shlex.split(editor), str(path)])
    except FileNotFoundError:
        raise UserError("err.no_editor", editor=editor) from None


def refuse_without_terminal(ctx: Context) -> None:
    """The fallback editor (vi) needs a terminal: without one (cron, a pipe, ssh without a tty) it would write
    escape codes into the output and fail, so ``edit`` says so in one line before starting anything. An editor
    named in VISUAL or EDITOR is trusted to know what it needs: a GUI editor (``code --wait``) or a scripted one
    works without a terminal."""
    environ = ctx.env.environ
    if environ.get("VISUAL") or environ.get("EDITOR"):
        return
    if ctx.env.stdin_isatty and ctx.env.stdout_isatty:
        return
    raise UserError("wdr.edit_no_terminal", editor=ctx.env.editor)


def edit(ctx: Context, case_query: str, stage: str, entry: str | None = None) -> EditResult:
    from bapascase.store.lock import case_lock
    from bapascase.workflow.officer import current

    if stage not in registry.SCHEMA_NAMES:
        raise UsageError("err.unknown_document", name=stage, names=", ".join(registry.SCHEMA_NAMES))
    book = ctx.book()
    case_id = book.resolve_case(case_query)
    current(ctx)  # a bad --as stops here, not after the editing
    refuse_without_terminal(ctx)
    with case_lock(book, case_id):
        return _edit_locked(ctx, book, case_id, stage, entry)


def _edit_locked(ctx: Context, book: Casebook, case_id: str, stage: str, entry: str | None) -> EditResult:
    from bapascase.workflow.stages import cross_check

    if book.is_closed(case_id):
        raise UserError("err.case_closed", case=case_id)
    path = pick_file(book, case_id, stage, entry)
    model = registry.model_for(stage)
    original = read_text(path, shown=book.rel(path))
    work = book.state_dir / "edits" / f"{case_id}--{'--'.join(path.relative_to(book.case_dir(case_id)).parts)}"
    work.parent.mkdir(parents=True, exist_ok=True)
    base = work.with_name(work.name + ".base")  # the original the kept copy was made from
    if work.exists() and (not base.exists() or read_text(base) != original):
        # the file changed since that copy was kept: never let an old copy overwrite newer content
        stale = work.with_name(f"{work.name}.stale-{ctx.env.now():%Y%m%d%H%M%S}")
        os.replace(work, stale)
        write_line(ctx.env.stderr, t("edit.stale", path=book.rel(stale)))
    if not work.exists():
        atomic_write(work, original, mode=0o600)
        atomic_write(base, original, mode=0o600)
    prompter = ctx.prompter(no_input=False)
    editor = ctx.env.editor
    source = book.rel(path)
    while True:
        code = run_editor(editor, work)
        if code != 0:  # the editor was told to abort (vim's :cq): nothing is saved
            raise UserError("edit.aborted", editor=editor, code=code, path=book.rel(work))
        text = read_text(work, shown=book.rel(work))
        if text == original:
            _discard(work, base)
            return EditResult(path, changed=False)
        doc, problems = validate_text(model, text, source)
        if doc is not None:
            doc._source = path.relative_to(book.case_dir(case_id)).as_posix()  # it replaces the file it came from
            problems = cross_check(book, case_id, stage, doc, source, text, ctx.today())
        if not problems:
            _refuse_if_changed(ctx, book, path, original, work)
            atomic_write(path, yamlio.with_end_marker(text))  # saved whole: it ends as the tool's files do
            from bapascase.store.documents import stamp_written

            stamp_written(book, [(model, path)])  # validated: the reports may trust it as it is now
            _discard(work, base)
            from bapascase.workflow.commits import commit_saved

            committed = commit_saved(ctx, [path], f"edit {stage}: {case_id}")
            return EditResult(path, changed=True, committed=committed)
        for p in problems:  # listed once, before the question and before giving up
            write_line(ctx.env.stderr, p.render())
        if not prompter.interactive or not prompter.confirm(t("edit.again"), default=True):
            raise UserError("edit.kept", path=book.rel(work))


def _refuse_if_changed(ctx: Context, book: Casebook, path: Path, original: str, work: Path) -> None:
    """The file changed on disk while the editor was open (not by bapascase: the case lock was held): show how,
    keep the officer's copy, and write nothing."""
    import difflib

    try:
        now = read_text(path, shown=book.rel(path))
    except UserError:  # gone, unreadable or no longer a regular file: changed all the same
        now = ""
    if now == original:
        return
    rel = book.rel(path)
    diff = difflib.unified_diff(original.splitlines(keepends=True), now.splitlines(keepends=True),
                                fromfile=f"{rel} ({t('edit.diff_opened')})", tofile=f"{rel} ({t('edit.diff_now')})")
    write_line(ctx.env.stderr, "".join(line if line.endswith("\n") else line + "\n" for line in diff).rstrip("\n"))
    raise UserError("edit.changed_meanwhile", path=rel, kept=book.rel(work))


def _discard(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
