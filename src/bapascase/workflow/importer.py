"""``import FILE``: many intakes at once, from a YAML/JSON list of case documents or a CSV (one column per field).

All rows are validated first; if any row is wrong nothing is imported and every problem is listed with its row.
CSV columns are the dotted field paths of the case document (``identity.name``, ``legal.supervision_end``...);
list fields take ``;``-separated values (``legal.articles``) and list items take an index
(``family.0.name``, ``family.0.relation``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, Problem, UserError
from bapascase.model import registry
from bapascase.model.bounds import LIST_ITEMS_MAX
from bapascase.model.meta import list_item, unwrap
from bapascase.model.registry import Stage
from bapascase.model.text import as_date, initials
from bapascase.model.validation import validate
from bapascase.store.casebook import new_case_id
from bapascase.store.documents import parse_data, problems_for
from bapascase.store.textfiles import read_text
from bapascase.workflow.context import Context


@dataclass
class Imported:
    ids: list[str]
    committed: bool


def _is_list_field(model: Any, parts: list[str]) -> bool:
    node: Any = model
    info = None
    for part in parts:
        if part.isdigit():
            continue
        fields = getattr(node, "model_fields", None)
        if not fields or part not in fields:
            return False
        info = fields[part]
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        node = item if item is not None else inner
    if info is None:
        return False
    inner, _ = unwrap(info.annotation)
    return list_item(inner) is not None and not parts[-1].isdigit()


def row_to_doc(model: Any, row: dict[str, str]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for column, raw in row.items():
        if column is None or raw is None:
            continue
        value: Any = raw.strip()
        if value == "":
            continue
        parts = [p for p in column.strip().split(".") if p]
        if any(p.isdigit() and (len(p) > 4 or int(p) >= LIST_ITEMS_MAX) for p in parts):
            raise UserError("sec.list_index", column=column[:80], max=LIST_ITEMS_MAX - 1)
        if _is_list_field(model, parts):
            value = [v.strip() for v in value.split(";") if v.strip()]
        node: Any = doc
        for i, part in enumerate(parts[:-1]):
            nxt_is_index = parts[i + 1].isdigit()
            key: Any = int(part) if part.isdigit() else part
            if isinstance(node, list):
                while len(node) <= key:
                    node.append({})
                node = node[key]
            else:
                node = node.setdefault(key, [] if nxt_is_index else {})
        last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        if isinstance(node, list):
            while len(node) <= last:
                node.append({})
            node[last] = value
        else:
            node[last] = value
    return doc


def read_rows(path: Path) -> tuple[list[Any], str | None, str]:
    """The documents in the file, its text (for YAML line numbers) and its kind."""
    if path.is_dir():
        raise UserError("err.not_a_file", path=str(path))
    if not path.is_file():
        raise UserError("err.file_missing", path=str(path))
    text = read_text(path).lstrip("\ufeff")  # spreadsheets often save CSV with a byte-order mark
    suffix = path.suffix.lower()
    if suffix == ".csv":
        model = registry.model_for(Stage.CASE)
        reader = csv.DictReader(io.StringIO(text))
        return [row_to_doc(model, row) for row in reader], None, "csv"
    data = parse_data(text, path)
    if isinstance(data, dict) and isinstance(data.get("cases"), list):
        data = data["cases"]
    if not isinstance(data, list):
        raise UserError("err.import_not_list", path=str(path))
    return data, text if suffix != ".json" else None, "yaml"


def import_cases(ctx: Context, path: Path) -> Imported:
    from bapascase.workflow.officer import current

    book = ctx.book()
    current(ctx)  # a bad --as stops the import before any case is written
    model = registry.model_for(Stage.CASE)
    try:
        rows, text, kind = read_rows(path)
    except csv.Error as exc:  # a NUL byte, a field over the csv module's limit...: the file's fault, said clearly
        raise UserError("sec.csv_unreadable", path=str(path), reason=str(exc)[:200]) from None
    docs: list[Any] = []
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append(Problem(str(path), None, f"[{i}]", "mapping"))
            continue
        row.pop("schema_version", None)
        row.setdefault("intake_date", ctx.today())
        doc, errors = validate(model, row)
        if errors:
            if kind == "csv":
                # header is line 1: row i is on line i + 2
                problems.extend(Problem(str(path), i + 2, e.dotted, e.message) for e in errors)
            else:
                located = problems_for(str(path), text, [type(e)((i, *e.loc), e.message, e.missing) for e in errors])
                problems.extend(located)
        else:
            docs.append(doc)
    if problems:
        raise DataError(problems)
    # all or nothing: written into one staging folder, renamed into place, one commit for the whole import
    made = book.create_cases([(_id_maker(ctx, doc), Stage.CASE, doc) for doc in docs])
    ids = [case_id for case_id, _ in made]
    committed = False
    if ids:
        from bapascase.workflow.commits import commit_saved

        committed = commit_saved(ctx, [doc_path for _, doc_path in made], f"import: {len(ids)} cases from {path.name}")
    return Imported(ids, committed)


def _id_maker(ctx: Context, doc: Any) -> Callable[[], str]:
    year = (as_date(doc.intake_date) or ctx.today()).year
    name = doc.identity.name
    return lambda: new_case_id(year, initials(name))
