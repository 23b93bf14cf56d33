from __future__ import annotations

from pathlib import Path

import typer

from bapascase.cli.common import ctx_of, err, handled, no_input_option, out
from bapascase.errors import UsageError
from bapascase.i18n import t


def _officer(text: str, role: str = "pk") -> dict[str, str | None]:
    """``--officer "NAME;NIP;POSITION"`` (NIP and position may be left out)."""
    name, nip, rank = [*(part.strip() for part in text.split(";")), "", ""][:3]
    return {"name": name, "nip": nip or None, "rank": rank or None, "role": role}


def register(app: typer.Typer) -> None:
    @app.command("init", help=t("cmd.init"))
    @handled
    def init(
        ctx: typer.Context,
        directory: Path = typer.Argument(Path("."), help=t("arg.dir"), metavar="[DIR]"),
        office: str = typer.Option(None, "--office", help=t("opt.office"), metavar="TEXT"),
        city: str = typer.Option(None, "--city", help=t("kbd.opt.city"), metavar="TEXT"),
        address: str = typer.Option(None, "--address", help=t("kbd.opt.address"), metavar="TEXT"),
        kanwil: str = typer.Option(None, "--kanwil", help=t("kbd.opt.kanwil"), metavar="TEXT"),
        ministry: str = typer.Option(None, "--ministry", help=t("kbd.opt.ministry"), metavar="TEXT"),
        head: str = typer.Option(None, "--head", help=t("kbd.opt.head"), metavar="NAME"),
        head_nip: str = typer.Option(None, "--head-nip", help=t("kbd.opt.nip"), metavar="NIP"),
        kasubsi: str = typer.Option(None, "--kasubsi", help=t("kbd.opt.kasubsi"), metavar="NAME"),
        kasubsi_nip: str = typer.Option(None, "--kasubsi-nip", help=t("kbd.opt.nip"), metavar="NIP"),
        officer: list[str] = typer.Option(None, "--officer", help=t("kbd.opt.officer"), metavar="NAME;NIP;POSITION"),
        no_input: bool = no_input_option(),
    ) -> None:
        from bapascase.workflow.setup import init_casebook, interview_setup

        c = ctx_of(ctx)
        values = {"name": office, "city": city, "address": address, "kanwil": kanwil, "ministry": ministry}
        for nip, name, flag in ((head_nip, head, "--head"), (kasubsi_nip, kasubsi, "--kasubsi")):
            if nip is not None and not name:  # the NIP of no one was dropped without a word
                raise UsageError("err.nip_without_name", option=f"{flag}-nip", needs=flag)
        people = [_officer(x) for x in officer or []]
        if head:
            people.insert(0, {"name": head, "nip": head_nip, "role": "kepala"})
        if kasubsi:
            people.insert(1 if head else 0, {"name": kasubsi, "nip": kasubsi_nip, "role": "kasubsi"})
        if c.prompter(no_input).interactive:
            values, people = interview_setup(c, values, people)
        elif not office:
            values["name"] = "Bapas"
        result = init_casebook(c, directory, values, c.lang, people)
        out(c, t("init.done", path=str(result.root)))
        if result.git:
            out(c, t("init.git"))
        else:
            err(c, t("init.no_git"))
        from bapascase.store.casebook import Casebook
        from bapascase.workflow.officers import missing_line, missing_settings

        missing = missing_settings(Casebook(result.root).settings)
        if missing:  # what official reports will still ask for, and how to set it
            out(c, t("kbd.init_missing"))
            for item in missing:
                out(c, "  " + missing_line(item))
