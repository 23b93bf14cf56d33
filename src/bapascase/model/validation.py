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


def explain(err: Any) -> FieldError:
    """One pydantic error dict as a FieldError with a message from the catalog."""
    kind: str = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    loc: tuple[str | int, ...] = tuple(err["loc"])
    # discriminated/union noise: drop type tags like 'function-after[...]' from the location
    loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
    if "field" in ctx and isinstance(ctx["field"], str):
        loc = (*loc, ctx.pop("field"))
    value = err.get("input")
    if kind == "missing":
        return FieldError(loc, t("val.missing"), missing=True)
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
    if kind.startswith("bc_"):
        return FieldError(loc, t(f"val.{kind}", value=value, **ctx))
    key = f"val.{kind}"
    msg = t(key, value=value, **ctx)
    if msg == key:
        msg = err.get("msg", kind)
    return FieldError(loc, msg)


def validate(model: type[M], data: Any) -> tuple[M | None, list[FieldError]]:
    """``(instance, [])`` if valid, else ``(None, errors)``; never raises for bad data."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [explain(e) for e in exc.errors(include_url=False)]


def missing_fields(errors: list[FieldError]) -> list[str]:
    return [e.dotted for e in errors if e.missing]
