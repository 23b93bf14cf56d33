"""Every answer of a document as a tree of labelled, formatted values, driven by the model's own metadata.

This is what makes the case file complete: nothing is listed by hand, so a field added to a model tomorrow
appears in the report tomorrow. Values are formatted for the report's language (enum labels, long dates, money,
yes/no); narrative fields keep their Markdown source for the template to render. Empty values (None, "", [])
were not typed and are left out; everything else appears.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bapascase.i18n import t
from bapascase.model.meta import ask_fields, enum_label, is_long, is_money, title_of
from bapascase.model.text import long_date
from bapascase.model.text import money as rupiah


@dataclass
class Node:
    """One answer. ``kind`` is value | long | list | group | table."""

    name: str
    label: str
    kind: str
    text: str = ""  # value: the formatted value; long: the Markdown source
    items: list[str] = field(default_factory=list)  # list: formatted scalars
    children: list[Node] = field(default_factory=list)  # group: sub-answers
    columns: list[str] = field(default_factory=list)  # table: column labels
    rows: list[list[str]] = field(default_factory=list)  # table: formatted cells


# the kinds of node a template prints as rows of one two-column table
SIMPLE = ("value", "list")

# a hook renders a special part (e.g. instrument answers) itself: (value, label, name, lang) -> Node | None
Hook = Callable[[Any, str, str, str], "Node | None"]


def empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict) and not value)


def fmt(value: Any, lang: str, money: bool = False) -> str:
    """One scalar formatted for a report; ``money``: the field holds an amount in rupiah (``field(money=True)``)."""
    if isinstance(value, bool):
        return t("rpt.bool.yes" if value else "rpt.bool.no", lang)
    if isinstance(value, enum.Enum):
        return enum_label(value, lang)
    if isinstance(value, dt.datetime):
        return f"{long_date(value, lang)} {value:%H.%M}"
    if isinstance(value, dt.date):
        return long_date(value, lang)
    if money and isinstance(value, int | float):
        return rupiah(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if lang == "id" else f"{value:g}"
    return str(value)


def _scalar_part(model: type[BaseModel]) -> bool:
    """A part whose fields are all short scalars reads best as a table row."""
    for _name, info in ask_fields(model):
        if is_long(info):
            return False
        if not _is_scalar_annotation(info):
            return False
    return True


def _is_scalar_annotation(info: FieldInfo) -> bool:
    from bapascase.model.meta import is_model, list_item, unwrap

    inner, _ = unwrap(info.annotation)
    if is_model(inner):
        return False
    item = list_item(inner)
    if item is not None:
        return not is_model(item)
    return not (isinstance(inner, type) and issubclass(inner, dict))


def walk(doc: BaseModel, lang: str, hooks: dict[type, Hook] | None = None) -> list[Node]:
    """The answers of one model instance, in model order."""
    hooks = hooks or {}
    out: list[Node] = []
    for name, info in ask_fields(type(doc)):
        value = getattr(doc, name, None)
        if empty(value):
            continue
        node = node_for(value, title_of(info, name, lang), name, lang, hooks, long=is_long(info), money=is_money(info))
        if node is not None:
            out.append(node)
    # extra keys (models forbid them, but a lenient model might keep some): never drop them silently
    extra = getattr(doc, "model_extra", None) or {}
    for key, value in extra.items():
        if not empty(value):
            node = node_for(value, str(key), str(key), lang, hooks)
            if node is not None:
                out.append(node)
    # a part's simple answers first, as one table, then its texts, tables and sub-parts (each in model order): a
    # list between two simple answers (the articles between the offence and the verdict) must not split the table
    return [n for n in out if n.kind in SIMPLE] + [n for n in out if n.kind not in SIMPLE]


def node_for(value: Any, label: str, name: str, lang: str, hooks: dict[type, Hook], long: bool = False,
             money: bool = False) -> Node | None:
    hook = hooks.get(type(value))
    if hook is not None:
        hooked = hook(value, label, name, lang)
        if hooked is not None:
            return hooked
    if isinstance(value, BaseModel):
        return Node(name, label, "group", children=walk(value, lang, hooks))
    if isinstance(value, dict):
        children = [
            n for k, v in value.items() if not empty(v)
            for n in [node_for(v, str(k), str(k), lang, hooks)] if n is not None
        ]
        return Node(name, label, "group", children=children)
    if isinstance(value, list | tuple):
        items = [v for v in value if not empty(v)]
        if not items:
            return None
        if all(isinstance(v, BaseModel) for v in items):
            model = type(items[0])
            if all(type(v) is model for v in items) and _scalar_part(model) and not any(
                type(v) in hooks for v in items
            ):
                return _table(items, model, label, name, lang)
            children = []
            for i, v in enumerate(items, 1):
                child = node_for(v, f"{label} {i}", name, lang, hooks)
                if child is not None:
                    children.append(child)
            return Node(name, label, "group", children=children)
        if any(isinstance(v, BaseModel | dict | list) for v in items):
            children = [
                n for i, v in enumerate(items, 1) for n in [node_for(v, f"{label} {i}", name, lang, hooks)]
                if n is not None
            ]
            return Node(name, label, "group", children=children)
        if long:
            return Node(name, label, "long", text="\n\n".join(str(v) for v in items))
        return Node(name, label, "list", items=[fmt(v, lang, money) for v in items])
    if long and isinstance(value, str):
        return Node(name, label, "long", text=value)
    return Node(name, label, "value", text=fmt(value, lang, money))


def _table(items: list[Any], model: type[BaseModel], label: str, name: str, lang: str) -> Node:
    cols = [(n, info) for n, info in ask_fields(model) if any(not empty(getattr(v, n, None)) for v in items)]
    rows = []
    for v in items:
        row = []
        for n, info in cols:
            cell = getattr(v, n, None)
            if empty(cell):
                row.append("")
            elif isinstance(cell, list | tuple):
                row.append(", ".join(fmt(c, lang, is_money(info)) for c in cell if not empty(c)))
            else:
                row.append(fmt(cell, lang, is_money(info)))
        rows.append(row)
    return Node(name, label, "table", columns=[title_of(info, n, lang) for n, info in cols], rows=rows)
