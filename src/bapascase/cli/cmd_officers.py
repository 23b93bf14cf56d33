"""``officers``: the office's people (``officers`` lists them, ``officers add`` and ``officers remove`` change the
list in ``bapascase.yaml``, comments kept)."""

from __future__ import annotations

import typer

from bapascase.cli import completion
from bapascase.cli.common import ctx_of, err, handled, json_option, out, print_json, print_table
from bapascase.cli.completion import completes
from bapascase.i18n import t

ROLES_METAVAR = "pk|kasubsi|kepala|praktikan"


def register(app: typer.Typer) -> None:
    officers = typer.Typer(help=t("cmd.officers"), invoke_without_command=True, no_args_is_help=False,
                           add_completion=False)

    @officers.callback()
    @handled
    def listing(ctx: typer.Context, as_json: bool = json_option()) -> None:
        if ctx.invoked_subcommand is not None:
            return
        from bapascase.workflow.officers import missing_line, missing_settings, role_label

        c = ctx_of(ctx)
        settings = c.book().settings
        people = list(settings.officers)
        if as_json:
            print_json(c, {"count": len(people), "officers": [vars(o) for o in people],
                           "missing": [m.key for m in missing_settings(settings)]})
            return
        if not people:
            out(c, t("kbd.officers_none"))
        else:
            from bapascase.model.meta import title_at
            from bapascase.model.settings import Section, SettingsDoc

            headers = [title_at(SettingsDoc, f"officers.{f}") for f in ("name", "nip", "rank", "role", "section")]
            rows = [[o.name, o.nip or "", o.rank or "", role_label(o.role),
                     Section(o.section).value if o.section else ""] for o in people]
            print_table(c, headers, rows, title=t("kbd.officers_title", n=len(people)))
        for missing in missing_settings(settings):
            err(c, missing_line(missing))

    @officers.command("add", help=t("kbd.cmd.officers_add"))
    @handled
    def add_cmd(
        ctx: typer.Context,
        name: str = typer.Argument(..., help=t("kbd.arg.officer_name"), metavar="NAME"),
        nip: str = typer.Option(None, "--nip", help=t("kbd.opt.nip"), metavar="NIP"),
        rank: str = typer.Option(None, "--rank", help=t("kbd.opt.rank"), metavar="TEXT"),
        role: str = typer.Option("pk", "--role", help=t("kbd.opt.role"), metavar=ROLES_METAVAR,
                                 autocompletion=completes(completion.roles)),
        section: str = typer.Option(None, "--section", help=t("kbd.opt.section"), metavar="BKD|BKA"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.workflow.officers import add

        c = ctx_of(ctx)
        added = add(c, {"name": name, "nip": nip, "rank": rank, "role": role, "section": section})
        if as_json:
            print_json(c, {"officer": vars(added)})
        else:
            out(c, t("kbd.officer_added", officer=added.name))

    @officers.command("remove", help=t("kbd.cmd.officers_remove"))
    @handled
    def remove_cmd(
        ctx: typer.Context,
        who: str = typer.Argument(..., help=t("kbd.arg.officer_who"), metavar="NAME|NIP",
                                  autocompletion=completes(completion.officers)),
    ) -> None:
        from bapascase.workflow.officers import remove

        c = ctx_of(ctx)
        gone = remove(c, who)
        out(c, t("kbd.officer_removed", officer=gone.name))

    app.add_typer(officers, name="officers")
