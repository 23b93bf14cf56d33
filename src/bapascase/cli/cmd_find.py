from __future__ import annotations

from typing import Any

import typer

from bapascase.cli.common import ctx_of, handled, json_option, out, print_json, print_table
from bapascase.errors import ExitStatus
from bapascase.i18n import t
from bapascase.model.registry import stage_label

SEARCHED = ("id", "name", "initials", "nik", "address", "offence", "officer", "programme")
# what the search and the table read of each summary (``--json`` prints them whole)
READ = (*SEARCHED, "aliases", "articles", "stage")


def matches(summary: dict[str, Any], words: list[str]) -> bool:
    hay = " ".join(
        [str(summary.get(k) or "") for k in SEARCHED] + summary.get("aliases", []) + summary.get("articles", [])
    ).lower()
    return all(w in hay for w in words)


def register(app: typer.Typer) -> None:
    @app.command("find", help=t("cmd.find"))
    @handled
    def find(
        ctx: typer.Context,
        text: str = typer.Argument(..., help=t("arg.find_text"), metavar="TEXT"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.store.index import iter_index

        c = ctx_of(ctx)
        words = text.lower().split()
        found = [s for s in iter_index(c.book(), fields=None if as_json else READ) if matches(s, words)]
        if as_json:
            print_json(c, {"query": text, "count": len(found), "cases": found})
        elif not found:
            out(c, t("find.none", text=text))
        else:
            from bapascase.store.labels import label

            headers = [t(col) for col in ("col.id", "col.name", "col.programme", "col.stage", "col.officer")]
            rows = [[s["id"], s.get("name") or "", label("case.legal.programme", s.get("programme"), c.lang),
                     stage_label(s["stage"]), s.get("officer") or ""] for s in found]
            print_table(c, headers, rows, whole=(0,))
        if not found:  # like grep: nothing found is exit 1, with and without --json
            raise typer.Exit(ExitStatus.USER)
