from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import typer

from bapascase.cli.answered import answered
from bapascase.cli.common import (
    ctx_of,
    handled,
    json_option,
    officer_option,
    out,
    print_json,
    print_table,
    table_date,
    width,
)
from bapascase.cli.completion import completes, programme_codes, stage_names
from bapascase.errors import UsageError
from bapascase.i18n import t
from bapascase.model.registry import CaseStage, stage_label

# narrower than this, ``list`` leaves out the days-left column (the expiry date is there)
LIST_FULL_WIDTH = 100


# what the table shows of a summary: a big caseload keeps only these of each case it lists
TABLE_FIELDS = ("id", "name", "programme", "stage", "supervision", "officer", "expiry", "end", "end_derived",
                "days_left", "closed", "risk")
# what ``filter_cases`` reads besides
FILTER_FIELDS = ("officer", "officer_nip", "programme", "stage", "closed")


def filter_cases(
    cases: Iterable[dict[str, Any]], officer: str | None, programme: str | None, stage: str | None,
    include_closed: bool, keep: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The cases that pass the filters; only the fields in ``keep`` of each when given."""
    res = []
    for c in cases:
        if officer and officer.lower() not in (str(c.get("officer") or "").lower() + " " + str(c.get("officer_nip") or "")):
            continue
        if programme and str(c.get("programme") or "").lower() != programme.lower():
            continue
        if stage and c.get("stage") != stage:
            continue
        if not include_closed and not stage and c.get("closed"):
            continue
        res.append(c if keep is None else {k: c.get(k) for k in keep})
    return res


def register(app: typer.Typer) -> None:
    @app.command("list", help=t("cmd.list"))
    @handled
    @answered()
    def list_(
        ctx: typer.Context,
        officer: str = officer_option(),
        programme: str = typer.Option(None, "--programme", help=t("opt.programme"), metavar="CODE",
                                      autocompletion=completes(programme_codes)),
        stage: str = typer.Option(None, "--stage", help=t("opt.stage", names=", ".join(CaseStage)), metavar="STAGE",
                                  autocompletion=completes(stage_names)),
        all_: bool = typer.Option(False, "--all", "-a", help=t("opt.all_cases")),
        as_json: bool = json_option(),
    ) -> None:
        from bapascase.store.index import iter_caseload

        c = ctx_of(ctx)
        if stage is not None and stage not in list(CaseStage):
            raise UsageError("err.unknown_stage", stage=stage, names=", ".join(CaseStage))
        if programme is not None:  # a code that is no programme lists nothing: said, as a wrong stage is
            from bapascase.model.programmes import programmes

            codes = list(programmes())
            if programme.lower() not in (code.lower() for code in codes):
                raise UsageError("err.unknown_programme", programme=programme, names=", ".join(codes))
        keep = None if as_json else TABLE_FIELDS
        read = None if keep is None else (*keep, *FILTER_FIELDS)
        cases = filter_cases(iter_caseload(c.book(), c.today(), read), officer, programme, stage, all_, keep=keep)
        if as_json:
            print_json(c, {"count": len(cases), "cases": cases})
            return
        if not cases:
            out(c, t("list.empty"))
            return
        from bapascase.store.labels import label

        show_expiry = any(s.get("expiry") and s.get("expiry") != s.get("end") for s in cases)
        cols = ["col.id", "col.name", "col.programme", "col.stage", "col.supervision", "col.officer",
                *(["col.expiry"] if show_expiry else []), "col.end", "col.days_left", "col.risk"]
        # a caseload has a handful of programmes, stages, statuses and risks, and fewer end dates than cases: each
        # is worded once
        words: dict[tuple[str, Any], str] = {}

        def said(kind: str, value: Any) -> str:
            found = words.get((kind, value))
            if found is None:
                if kind == "programme":
                    found = label("case.legal.programme", value, c.lang)
                elif kind == "stage":
                    found = stage_label(value)
                elif kind == "sup":
                    found = t(f"sup.{value}")
                elif kind == "date":
                    found = table_date(c, value)
                else:
                    found = t(f"risk.{value}") if value else ""
                words[(kind, value)] = found
            return found

        rows = []
        for s in cases:
            expiry = s.get("expiry")  # the same date as the end (CB, CMB) is still the expiry: not left blank
            end = said("date", s.get("end")) + ("*" if s.get("end_derived") else "")
            rows.append([
                s["id"],
                s.get("name") or "",
                said("programme", s.get("programme")),
                said("stage", s["stage"]),
                said("sup", s["supervision"]),
                s.get("officer") or "",
                *([said("date", expiry)] if show_expiry else []),
                end,
                "" if s["days_left"] is None or s.get("closed") else str(s["days_left"]),
                said("risk", s.get("risk")),
            ])
        headers = [t(col) for col in cols]
        if width(c) < LIST_FULL_WIDTH:  # days left is the expiry counted: left out where space is short
            days = cols.index("col.days_left")
            headers.pop(days)
            rows = [r[:days] + r[days + 1:] for r in rows]
        print_table(c, headers, rows, title=t("list.title", count=len(cases)), whole=(0,))
        if any(s.get("end_derived") for s in cases):
            out(c, t("list.derived_note"))
