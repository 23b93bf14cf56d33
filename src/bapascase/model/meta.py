"""Reading a model's own metadata: field titles and help in both languages, optional/list/enum shapes.

Used by the wizard, the reports and ``check`` alike, so a field is described in exactly one place.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any, TypeGuard, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bapascase.i18n import pick
from bapascase.model.base import Choice, Privacy


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """``(inner type, optional)`` for ``X | None``; Annotated metadata is dropped."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            inner, _ = unwrap(args[0])
            return inner, optional
    return annotation, optional


def is_model(tp: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def written_as_text(tp: Any) -> bool:
    """A part that is also written as one line of text (an article: "Pasal 338 KUHP"): a spreadsheet gives it one
    cell, a list of them one cell with ``;`` between, as people wrote them before the part had fields."""
    return is_model(tp) and bool(getattr(tp, "written_as_text", False))


def is_enum(tp: Any) -> TypeGuard[type[enum.Enum]]:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def list_item(tp: Any) -> Any | None:
    if typing.get_origin(tp) is list:
        inner, _ = unwrap(typing.get_args(tp)[0])
        return inner
    return None


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """``model`` and every model its fields hold (parts, items of lists), each once, in field order."""
    out: list[type[BaseModel]] = []
    todo = [model]
    while todo:
        current = todo.pop(0)
        if current in out:
            continue
        out.append(current)
        todo.extend(getattr(current, "variants", tuple)())  # each kind of a discriminated document
        for info in current.model_fields.values():
            inner, _ = unwrap(info.annotation)
            for tp in (inner, list_item(inner)):
                if tp is not None and is_model(tp):
                    todo.append(tp)
    return out


def title_of(info: FieldInfo, name: str, lang: str | None = None) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return pick(info.title or name, str(extra.get("x-title-en") or "") or None, lang)


def title_at(model: type[BaseModel], path: str, lang: str | None = None) -> str:
    """The title of the field at a dotted path inside ``model`` (``identity.name``; list items are passed
    through: ``family.name``). ``LookupError`` names the path when no such field exists."""
    node: Any = model
    names = path.split(".")
    for i, name in enumerate(names):
        variant = _variant(node, name) if i < len(names) - 1 else None
        if variant is not None:  # ``event.surat_peringatan.order``: a field of one kind of a document
            node = variant
            continue
        info = node.model_fields.get(name) if is_model(node) else None
        if info is None:
            raise LookupError(f"no field {'.'.join(names[: i + 1])} in {model.__name__}")
        if i == len(names) - 1:
            return title_of(info, name, lang)
        inner, _ = unwrap(info.annotation)
        node = list_item(inner) or inner
    raise LookupError(f"no field {path!r} in {model.__name__}")


def titled(model: type[BaseModel], loc: tuple[str | int, ...], lang: str | None = None) -> str:
    """An error's location as a person reads it, from the fields' titles: ``("request", "number")`` is
    "Permintaan › Nomor surat permintaan", ``("family", 1, "name")`` "Keluarga 2 › Nama", ``("legal", "articles", 0)``
    "Status hukum › Pasal (1)", as the wizard asks it. Parts of the location the
    model does not know (pydantic's own) are left out; an empty location gives ""."""
    parts: list[str] = []
    node: Any = model
    for part in loc:
        if isinstance(part, int):  # an item of a list of parts: "Keluarga 2"; a value of a list: "Pasal (2)"
            if parts:
                parts[-1] = f"{parts[-1]} {part + 1}" if is_model(node) else f"{parts[-1]} ({part + 1})"
            continue
        if not is_model(node) or part not in node.model_fields:
            break
        info = node.model_fields[part]
        parts.append(title_of(info, part, lang))
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        node = item if item is not None else inner
    return " › ".join(parts)


def needs_an_item(info: FieldInfo) -> bool:
    """A list the model requires at least one entry of (``min_length``)."""
    return any((getattr(m, "min_length", 0) or 0) >= 1 for m in info.metadata)


def _variant(model: Any, kind: str) -> Any:
    """The kind named ``kind`` of a document of several kinds (``Doc.variants``), or None."""
    for v in getattr(model, "variants", tuple)() if is_model(model) else ():
        info = v.model_fields.get("kind")
        if info is not None and info.default == kind:
            return v
    return None


def help_of(info: FieldInfo, lang: str | None = None) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return pick(info.description or "", str(extra.get("x-help-en") or "") or None, lang)


def is_long(info: FieldInfo) -> bool:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get("x-long"))


def is_money(info: FieldInfo) -> bool:
    """The field holds an amount in rupiah (``field(money=True)``): reports print it as "Rp1.500.000"."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get("x-money"))


def privacy_of(info: FieldInfo) -> Privacy | None:
    """The privacy class a field declares (``field(..., privacy=...)``); None when it declares none."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    value = extra.get("x-privacy")
    return Privacy(value) if isinstance(value, str) else None


def enum_label(value: Any, lang: str | None = None) -> str:
    if isinstance(value, Choice):
        return value.label(lang)
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def is_constant(info: FieldInfo) -> bool:
    """A field fixed to one literal value (the ``kind`` of a legal event): never a question, never a label."""
    args = typing.get_args(info.annotation) if typing.get_origin(info.annotation) is typing.Literal else ()
    return len(args) == 1


def is_internal(info: FieldInfo) -> bool:
    """A field the tool itself keeps (``field(internal=True)``: the settings' ``end_marker``)."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("x-internal") is True


def is_happened(info: FieldInfo) -> bool:
    """A date of something that has happened (``field(happened=True)``): never after the day it is recorded."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("x-happened") is True


# per model: its fields that are such dates, and those whose parts (or lists of parts) hold some
_HAPPENED: dict[type[BaseModel], tuple[frozenset[str], tuple[str, ...]]] = {}


def _happened_fields(model: type[BaseModel]) -> tuple[frozenset[str], tuple[str, ...]]:
    found = _HAPPENED.get(model)
    if found is None:
        _HAPPENED[model] = (frozenset(), ())  # a model that holds itself sees none meanwhile
        dates = frozenset(n for n, f in model.model_fields.items() if is_happened(f))
        holders = []
        for name, info in model.model_fields.items():
            inner, _ = unwrap(info.annotation)
            inner = list_item(inner) or inner
            parts = [a for a in (typing.get_args(inner) or (inner,)) if is_model(a)]
            if any(any(_happened_fields(p)) for p in parts):
                holders.append(name)
        found = _HAPPENED[model] = (dates, tuple(holders))
    return found


def happened_dates(doc: BaseModel, at: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    """``(location, date)`` of every date in ``doc`` (its parts and lists of parts too) that says something has
    happened (``field(happened=True)``), in field order."""
    import datetime as dt

    dates, holders = _happened_fields(type(doc))
    out: list[tuple[tuple[str | int, ...], Any]] = []
    for name in type(doc).model_fields:
        if name in dates:
            value = getattr(doc, name, None)
            if isinstance(value, dt.date):
                out.append(((*at, name), value))
        elif name in holders:
            value = getattr(doc, name, None)
            if isinstance(value, BaseModel):
                out += happened_dates(value, (*at, name))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        out += happened_dates(item, (*at, name, i))
    return out


def ask_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    return [(n, f) for n, f in model.model_fields.items()
            if n != "schema_version" and not f.exclude and not is_constant(f) and not is_internal(f)]


def rule_need(model: type[BaseModel], data: Any, path: tuple[str | int, ...]) -> Any:
    """Whether a rule of the model (``Part.rules_require``: a programme's, a Litmas purpose's) makes the field at
    ``path`` required, given the answers so far (``data``, the whole document's): the rule's ``Need``, or None.
    Each part on the way is asked about the rest of the path (a document's rule may name ``request.number``, a
    part's its own ``expiry``)."""
    node: Any = model
    here: Any = data
    for i, part in enumerate(path):
        if isinstance(part, int):
            here = here[part] if isinstance(here, list) and part < len(here) else None
            continue
        rules = getattr(node, "rules_require", None)
        if rules is not None and is_model(node):
            rest = ".".join(str(p) for p in path[i:] if isinstance(p, str))
            if not any(isinstance(p, int) for p in path[i:]):
                found = rules(here if isinstance(here, dict) else {}).get(rest)
                if found is not None:
                    return found
        if not is_model(node) or part not in node.model_fields:
            return None
        inner, _ = unwrap(node.model_fields[part].annotation)
        item = list_item(inner)
        node = item if item is not None else inner
        here = here.get(part) if isinstance(here, dict) else None
    return None
