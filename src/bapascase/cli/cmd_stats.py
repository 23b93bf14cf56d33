from __future__ import annotations

from collections import Counter

import typer

from bapascase.cli.common import console, ctx_of, handled, json_option, print_json
from bapascase.i18n import t
from bapascase.model.registry import stage_label

# the counts shown as tables, each titled by its ``stats.<key>`` message
TABLES = ("by_supervision", "by_stage", "by_programme", "by_officer", "by_risk")


def register(app: typer.Typer) -> None:
    @app.command("stats", help=t("cmd.stats"))
    @handled
    def stats(ctx: typer.Context, as_json: bool = json_option()) -> None:
        from bapascase.store.index import caseload
        from bapascase.store.labels import label as choice_label

        c = ctx_of(ctx)
        cases = caseload(c.book(), c.today())
        active = [s for s in cases if not s["closed"]]
        data = {
            "total": len(cases),
            "active": len(active),
            "by_stage": dict(Counter(s["stage"] for s in cases)),
            "by_supervision": dict(Counter(s["supervision"] for s in cases)),
            "by_programme": dict(Counter(str(s.get("programme") or "-") for s in active)),
            "by_officer": dict(Counter(str(s.get("officer") or "-") for s in active)),
            "by_risk": dict(Counter(str(s.get("risk") or "-") for s in active)),
            "ending_30": sum(1 for s in active if (d := s["days_left"]) is not None and 0 <= d <= 30),
        }
        if as_json:
            print_json(c, data)
            return
        from rich.table import Table

        con = console(c)
        if not cases:
            con.print(t("list.empty"))
            return
        con.print(f"{t('stats.total')}: {data['total']}   {t('stats.active')}: {data['active']}   "
                  f"{t('stats.ending_30')}: {data['ending_30']}")
        for key in TABLES:
            table = Table(title=t(f"stats.{key}"), title_justify="left")
            table.add_column("")
            table.add_column(t("col.count"), justify="right")
            counts: dict[str, int] = data[key]  # type: ignore[assignment]
            for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                if key == "by_stage":
                    label = stage_label(k)
                elif key == "by_supervision":
                    label = t(f"sup.{k}")
                elif key == "by_risk" and k != "-":
                    label = t(f"risk.{k}")
                elif key == "by_programme" and k != "-":
                    label = choice_label("case.legal.programme", k, c.lang)
                else:
                    label = k
                table.add_row(label, str(v))
            con.print(table)
