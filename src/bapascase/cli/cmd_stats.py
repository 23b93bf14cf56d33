from __future__ import annotations

from typing import Any

import typer

from bapascase.cli.answered import answered
from bapascase.cli.common import console, ctx_of, handled, json_option, print_json
from bapascase.i18n import t
from bapascase.model.registry import stage_label

# the counts shown as tables, each titled by its ``stats.<key>`` message
TABLES = ("by_supervision", "by_stage", "by_programme", "by_officer", "by_risk")


def caseload_data(c: Any) -> dict[str, Any]:
    """What ``stats --json`` writes (``model.stats``): the dashboard shows these same numbers."""
    from bapascase.store.office_view import load

    return load(c.book(), c.today(), numbers_only=True).numbers()


def register(app: typer.Typer) -> None:
    @app.command("stats", help=t("cmd.stats"))
    @handled
    @answered()
    def stats(ctx: typer.Context, as_json: bool = json_option()) -> None:
        from bapascase.store.labels import label as choice_label

        c = ctx_of(ctx)
        data = caseload_data(c)
        cases_total = data["total"]
        if as_json:
            print_json(c, data)
            return
        from rich.table import Table

        con = console(c)
        if not cases_total:
            con.print(t("list.empty"))
            return
        con.print(f"{t('stats.total')}: {data['total']}   {t('stats.active')}: {data['active']}   "
                  f"{t('stats.ending_30')}: {data['ending_30']}")
        from bapascase.model.text import hours, money

        ks, pg = data["kerja_sosial"], data["pengawasan"]
        if ks["clients"]:
            con.print(t("stats.kerja_sosial", n=ks["clients"], done=hours(ks["hours_done"], c.lang),
                        ordered=ks["hours_ordered"], left=hours(ks["hours_left"], c.lang), behind=ks["behind"]))
        if pg["clients"] or pg["restitution_outstanding"]:
            con.print(t("stats.pengawasan", n=pg["clients"], overdue=pg["conditions_overdue"],
                        outstanding=money(pg["restitution_outstanding"])))
        for key in TABLES:
            table = Table(title=t(f"stats.{key}"), title_justify="left")
            table.add_column("")
            table.add_column(t("col.count"), justify="right")
            counts: dict[str, int] = data[key]
            for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                if k == "-":  # no risk assessed yet, no programme or officer recorded
                    label = t("stats.none")
                elif key == "by_stage":
                    label = stage_label(k)
                elif key == "by_supervision":
                    label = t(f"sup.{k}")
                elif key == "by_risk":
                    label = t(f"risk.{k}")
                elif key == "by_programme":
                    label = choice_label("case.legal.programme", k, c.lang)
                else:
                    label = k
                table.add_row(label, str(v))
            con.print(table)
