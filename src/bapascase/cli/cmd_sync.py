"""``sync`` (send and bring in the casebook's changes) and ``whoami`` (the officer at the keyboard)."""

from __future__ import annotations

from typing import Any

import typer

from bapascase.cli.common import ctx_of, handled, json_option, no_input_option, out, print_json
from bapascase.i18n import t

MAX_ARRIVALS_SHOWN = 20


def register(app: typer.Typer) -> None:
    @app.command("sync", help=t("cmd.sync"))
    @handled
    def sync_cmd(
        ctx: typer.Context,
        abort: bool = typer.Option(False, "--abort", help=t("opt.sync_abort")),
        force: bool = typer.Option(False, "--force", help=t("opt.sync_force")),
        delete: bool = typer.Option(False, "--delete", help=t("opt.sync_delete")),
        no_input: bool = no_input_option(),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.cli.common import status
        from bapascase.workflow.sync import SyncStopped, sync

        c = ctx_of(ctx)
        try:
            with status(c) as say:  # a spinner on a terminal while the network is used; nothing when piped
                result = sync(c, abort=abort, force=force, no_input=no_input, delete=delete,
                              on_step=lambda step: say(t(f"kbd.progress.sync_{step}") if step else ""))
        except SyncStopped as stop:  # what was committed and what came in before it stopped is said too
            if stop.result is not None and not as_json:
                _notes(c, stop.result)
                _exchange(c, stop.result)
            raise
        _notes(c, result)
        if as_json:
            print_json(c, {
                "remote": result.remote, "saved": result.saved, "sent": result.sent, "setup": result.setup,
                "aborted": result.aborted, "not_sent": result.not_sent, "not_shared": result.not_shared,
                "kept_edited": result.kept_edited, "kept_cases": result.kept_cases, "invalid": result.invalid,
                "warnings": result.warnings,
                "arrivals": [vars(a) for a in result.arrivals],
                "choices": [vars(x) for x in result.choices],
            })
            _not_sent(result)
            return
        if result.aborted is not None:
            out(c, t("sync.aborted", state=result.aborted) if result.aborted else t("sync.nothing_to_abort"))
            return
        _exchange(c, result)
        if not result.arrivals:
            out(c, t("sync.nothing_new", remote=result.remote))
        out(c, t("sync.sent", n=result.sent, remote=result.remote) if result.sent else t("sync.nothing_to_send"))
        _not_sent(result)

    @app.command("whoami", help=t("cmd.whoami"))
    @handled
    def whoami_cmd(
        ctx: typer.Context,
        set_: str = typer.Option(None, "--set", help=t("opt.whoami_set"), metavar="OFFICER"),
        forget: bool = typer.Option(False, "--forget", help=t("opt.whoami_forget")),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow import officer

        c = ctx_of(ctx)
        if set_ is not None:
            found = officer.save_choice(c, set_)
            assert found.officer is not None
            out(c, t("whoami.saved", officer=found.officer.trailer().partition(": ")[2],
                     path=c.book().rel(c.book().state_dir / officer.CHOICE_FILE)))
            return
        if forget:
            out(c, t("whoami.forgotten" if officer.forget_choice(c) else "whoami.no_choice"))
            return
        at = officer.at_keyboard(c)
        if as_json:
            who = {"name": at.officer.name, "nip": at.officer.nip} if at.officer else None
            print_json(c, {"officer": who, "source": at.source})
            return
        if at.officer is None:
            out(c, t("whoami.none"))
        else:
            out(c, t("whoami.is", officer=at.officer.trailer().partition(": ")[2],
                     source=t(f"officer.source_{at.source}")))


def _notes(c: Any, result: Any) -> None:
    """What needs a look, on stderr: files not shared, what a merge kept, transfers made at once."""
    from bapascase.cli.common import err

    if result.not_shared:
        err(c, t("sync.not_shared", n=len(result.not_shared), files=", ".join(result.not_shared)))
    for case_id in result.kept_cases:
        err(c, t("sync.kept_case", case=case_id))
    for rel in result.kept_edited:
        err(c, t("sync.kept_edited", path=rel))
    for line in result.warnings:
        err(c, line)


def _exchange(c: Any, result: Any) -> None:
    """What was committed, chosen and brought in."""
    if result.setup:
        out(c, t("sync.setup"))
    if result.saved:
        out(c, t("sync.saved", n=len(result.saved)))
    for x in result.choices:
        where = f"{x.path}:{x.line}" if x.line else x.path
        if x.unsided:  # the file's own sides, both from another clone (``sync._made_here``)
            key = "sync.chose_version_here" if x.kept == "here" else "sync.chose_version_there"
            out(c, t(key, where=where, field=x.field))
        else:
            out(c, t(f"sync.chose_{x.kept}", where=where, field=x.field))
    if result.arrivals:
        out(c, t("sync.arrived", remote=result.remote))
        for a in result.arrivals[:MAX_ARRIVALS_SHOWN]:
            out(c, "  " + arrival_line(a))
        if len(result.arrivals) > MAX_ARRIVALS_SHOWN:
            out(c, "  " + t("sync.more", n=len(result.arrivals) - MAX_ARRIVALS_SHOWN))


def _not_sent(result: Any) -> None:
    """Documents that cannot be read or are not valid stay here, and documents the merge made that are not
    valid are named: the rest went, and the exit status says the exchange is not whole."""
    from bapascase.errors import Lines, UserError, lines

    def listed(said: list[str]) -> Lines:  # ``check`` lists them all
        shown = [f"  {x}" for x in said[:MAX_ARRIVALS_SHOWN]]
        if len(said) > MAX_ARRIVALS_SHOWN:
            shown.append("  " + t("sync.more", n=len(said) - MAX_ARRIVALS_SHOWN))
        return lines(shown)

    parts = [t(key, n=len(said), files=listed(said))
             for key, said in (("err.sync_not_sent", result.not_sent), ("err.sync_invalid", result.invalid))
             if said]
    if parts:
        raise UserError("err.sync_not_whole", parts=Lines("\n".join(parts)))


def arrival_line(a: Any) -> str:
    from bapascase.model.registry import doc_label

    name = a.path.rsplit("/", 1)[-1]
    if a.kind == "new_case":
        return t("sync.new_case", case=a.case_id, by=a.by)
    if a.kind == "settings":
        return t("sync.settings_changed", by=a.by)
    if a.kind == "settings_removed":
        return t("sync.settings_removed", by=a.by)
    if a.kind == "removed_case":
        return t("sync.case_removed", case=a.case_id, by=a.by)
    if a.kind == "removed":
        return t("sync.doc_removed", what=doc_label(a.stage) if a.stage else name, case=a.case_id, file=name,
                 by=a.by)
    what = doc_label(a.stage) if a.stage else name
    key = "sync.new_entry" if a.kind == "entry" else "sync.changed"
    return t(key, what=what, case=a.case_id, file=name, by=a.by)
