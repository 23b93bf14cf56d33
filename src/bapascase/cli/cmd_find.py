from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from bapascase.cli.answered import answered
from bapascase.cli.common import ctx_of, handled, json_option, out, print_json, print_table
from bapascase.errors import ExitStatus
from bapascase.i18n import t
from bapascase.model.registry import stage_label

SEARCHED = ("id", "name", "initials", "nik", "address", "offence", "officer", "programme")
# what the search and the table read of each summary (``--json`` prints them whole)
READ = (*SEARCHED, "aliases", "articles", "stage", "supervision")


def matches(summary: dict[str, Any], words: list[str]) -> bool:
    hay = " ".join(
        [str(summary.get(k) or "") for k in SEARCHED] + summary.get("aliases", []) + summary.get("articles", [])
    ).lower()
    return all(w in hay for w in words)


def cannot_match(words: list[str]) -> Callable[[str], bool] | None:
    """A first pass over a summary's JSON text, before it is decoded: true when ``matches`` cannot hold. A word
    ``matches`` finds lies within one value, lowered; a word of printable ASCII other than ``"`` and ``\\`` is
    written as it is in JSON (``ensure_ascii=False`` escapes only those and control characters), and lowering the
    whole text lowers each value as ``matches`` does, so such a word missing from the lowered text is missing from
    every value. Other words are left to ``matches``."""
    plain = [w for w in words if w.isascii() and w.isprintable() and '"' not in w and "\\" not in w]
    if not plain:
        return None

    def missing(text: str) -> bool:
        lowered = text.lower()
        return any(w not in lowered for w in plain)

    return missing


def register(app: typer.Typer) -> None:
    @app.command("find", help=t("cmd.find"))
    @handled
    @answered()
    def find(
        ctx: typer.Context,
        text: str = typer.Argument(..., help=t("arg.find_text"), metavar="TEXT"),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.store.index import iter_index

        c = ctx_of(ctx)
        words = text.lower().split()
        found = [s for s in iter_index(c.book(), fields=None if as_json else READ, leave_out=cannot_match(words))
                 if matches(s, words)]
        if as_json:
            print_json(c, {"query": text, "count": len(found), "cases": found})
        elif not found:
            out(c, t("find.none", text=text))
        else:
            from bapascase.store.labels import label

            # the supervision status: a closed or revoked case must not look like an active one
            headers = [t(col) for col in ("col.id", "col.name", "col.programme", "col.stage", "col.supervision",
                                          "col.officer")]
            rows = [[s["id"], s.get("name") or "", label("case.legal.programme", s.get("programme"), c.lang),
                     stage_label(s["stage"]), t(f"sup.{s['supervision']}") if s.get("supervision") else "",
                     s.get("officer") or ""] for s in found]
            print_table(c, headers, rows, whole=(0,))
        if not found:  # like grep: nothing found is exit 1, with and without --json
            raise typer.Exit(ExitStatus.USER)
