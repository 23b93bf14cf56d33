"""Validate answers against a stage model and explain every error in the user's language."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bapascase.i18n import t

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class FieldError:
    loc: tuple[str | int, ...]
    message: str
    missing: bool = False

    @property
    def dotted(self) -> str:
        return dotted(self.loc)


def dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


_DATE_TYPES = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "datetime_parsing",
    "datetime_type",
}


_NONE_IS_MISSING = {
    "string_type",
    "int_type",
    "float_type",
    "bool_type",
    "list_type",
    "model_type",
    "model_attributes_type",
    "dict_type",
    "enum",
}


def explain(err: Any) -> FieldError:
    """One pydantic error dict as a FieldError with a message from the catalog."""
    kind: str = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    loc: tuple[str | int, ...] = tuple(err["loc"])
    # discriminated/union noise: drop type tags like 'function-after[...]' from the location
    loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
    if "field" in ctx and isinstance(ctx["field"], str | int):
        # a rule on a whole part or list names the field or item at fault (a dotted path: a field inside a part)
        at = ctx.pop("field")
        loc = (*loc, *(at.split(".") if isinstance(at, str) else (at,)))
    elif "field" in ctx and isinstance(ctx["field"], tuple | list):
        loc = (*loc, *ctx.pop("field"))  # ... or a field deeper inside it (``("pengawasan", "special_conditions", 0)``)
    value = err.get("input")
    if kind == "invalid_key":  # ``true:``, ``1.5:``, ``2026-01-01:`` where a field's name goes: named as written
        return FieldError(loc[:-1], t("val.invalid_key", key=_as_written(value)))
    if kind == "missing" or (value is None and (kind in _NONE_IS_MISSING or kind in _DATE_TYPES)):
        # ``name:`` left empty in YAML (null) is an unanswered question, not a wrong type
        return FieldError(loc, t("val.missing"), missing=True)
    if kind == "bc_litmas_needs":
        # a field a rule makes required (what a Litmas purpose needs): unanswered, and the rule says why
        return FieldError(loc, t(f"val.{kind}", **ctx), missing=True)
    if kind == "enum":
        expected = [e.strip(" '") for e in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        expected = [e for e in expected if e]
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, expected, n=1, cutoff=0.5)
            if not close:
                close = [e for e in expected if e.lower() == value.lower()]
            if close:
                hint = t("val.did_you_mean", value=close[0])
        return FieldError(loc, t("val.enum", value=value, expected=", ".join(expected)) + hint)
    if kind == "extra_forbidden":
        return FieldError(loc, t("val.extra"))
    if kind in _DATE_TYPES:
        return FieldError(loc, t("val.bc_date_format", value=value))
    # the error's own context wins over the raw input (custom errors carry the text as the user wrote it)
    kw = {"value": value, **ctx}
    if kind.startswith("bc_"):
        return FieldError(loc, t(f"val.{kind}", **kw))
    key = f"val.{kind}"
    msg = t(key, **kw)
    if msg == key:  # a kind of error no catalog words: said in the user's language all the same, never pydantic's
        msg = t("val.other", kind=kind)
    return FieldError(loc, msg)


def _as_written(value: Any) -> str:
    """A YAML scalar as the file wrote it (``true``, ``null``, ``2026-01-01``), not as Python shows it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def validate(model: type[M], data: Any) -> tuple[M | None, list[FieldError]]:
    """``(instance, [])`` if valid, else ``(None, errors)``; never raises for bad data."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, errors_of(model, exc)


def errors_of(model: type[BaseModel], exc: ValidationError) -> list[FieldError]:
    """Every error of a failed validation explained, in pydantic's order (one per error)."""
    errors = [explain(e) for e in exc.errors(include_url=False)]
    return [_suggest_field(model, e) if e.message == t("val.extra") else e for e in errors]


def _suggest_field(model: type[BaseModel], error: FieldError) -> FieldError:
    """An unknown (misspelled) key: name the field it most likely meant."""
    from bapascase.model.meta import is_model, list_item, unwrap

    node: Any = model
    for part in error.loc[:-1]:
        if isinstance(part, int):
            continue
        if not is_model(node) or part not in node.model_fields:
            return error
        inner, _ = unwrap(node.model_fields[part].annotation)
        node = list_item(inner) or inner
    key = error.loc[-1] if error.loc else None
    if not is_model(node) or not isinstance(key, str):
        return error
    names = [n for n in node.model_fields if n != "schema_version"]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if not close:
        close = [n for n in names if n.lower() == key.lower()]
    if not close:
        return error
    return FieldError(error.loc, t("val.extra_did_you_mean", name=close[0]), error.missing)


def missing_fields(errors: list[FieldError]) -> list[str]:
    return [e.dotted for e in errors if e.missing]
