"""Building a document from data already known to be valid, without validating it again.

``construct(model, data)`` gives what ``model.model_validate(data)`` gives for data in the tool's normal form (what
``Casebook.write_doc`` writes: stripped text, ISO dates, enum values, no nulls): nested parts, enums, lists and
defaults made exactly as validation makes them, but no validator run and no pydantic core schema built (the stage
models are ``defer_build``: a report of stamped files never builds one). Anything outside that normal form (a
type this walker does not know, text with surrounding space, a key the model does not have) raises
``NotNormal``; the caller then validates. It is only used for files whose "validated at write" stamp matches
(``store.stamps``); ``check`` and ``edit`` stamp a file only when ``construct`` gives the very document that
validation gave (``same``), and the tests compare the two over every document of the demo and generated cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

Conv = Callable[[Any], Any]


class NotNormal(Exception):
    """The data is not in the tool's normal form for this model: validate it instead."""


_PLANS: dict[type[BaseModel], tuple[dict[str, tuple[Conv, bool, Any]], list[Conv]]] = {}
_MISSING = object()


def construct(model: type[BaseModel], data: Any) -> Any:
    """The document ``model`` makes of ``data``, built without validation (see the module's doc)."""
    if not isinstance(data, dict):
        raise NotNormal(model.__name__)
    variant_of = getattr(model, "variant_of", None)
    if variant_of is not None:
        model = variant_of(data)
    return _model(model, data)


def same(a: Any, b: Any) -> bool:
    """Whether two documents are the same, field by field and type by type (what ``construct`` must give)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, BaseModel):
        if a.__pydantic_fields_set__ != b.__pydantic_fields_set__:
            return False
        da, db = a.__dict__, b.__dict__
        return da.keys() == db.keys() and all(same(da[k], db[k]) for k in da)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def _model(model: type[BaseModel], data: Any) -> Any:
    plan, before = _plan(model)
    for hook in before:  # the model's own "before" validators, as validation runs them (the text form of a part)
        data = hook(data)
    if not isinstance(data, dict):
        raise NotNormal(model.__name__)
    values: dict[str, Any] = {}
    for key, value in data.items():
        found = plan.get(key)
        if found is None or value is None:  # an unknown key (extra="forbid"), or a null (not the normal form)
            raise NotNormal(f"{model.__name__}.{key}")
        values[key] = found[0](value)
    fields_set = set(values)
    for name, (_conv, required, default) in plan.items():
        if name in values:
            continue
        if required:
            raise NotNormal(f"{model.__name__}.{name}")
        values[name] = default() if callable(default) else default
    return model.model_construct(_fields_set=fields_set, **values)


def _plan(model: type[BaseModel]) -> tuple[dict[str, tuple[Conv, bool, Any]], list[Conv]]:
    found = _PLANS.get(model)
    if found is not None:
        return found
    config = model.model_config
    strip = bool(config.get("str_strip_whitespace"))
    if config.get("extra") not in (None, "forbid", "ignore") or any(f.alias or f.validation_alias
                                                                     for f in model.model_fields.values()):
        raise NotNormal(model.__name__)
    hints = typing.get_type_hints(model, include_extras=True)
    plan: dict[str, tuple[Conv, bool, Any]] = {}
    for name, info in model.model_fields.items():
        conv = _conv(hints.get(name, info.annotation), strip)
        if info.is_required():
            plan[name] = (conv, True, None)
        elif info.default_factory is not None:
            factory = info.default_factory
            plan[name] = (conv, False, factory)
        else:
            default = info.default
            if callable(default):  # pragma: no cover - a default that is a function: not ours
                raise NotNormal(f"{model.__name__}.{name}")
            if default is not None and config.get("validate_default") and not isinstance(default, enum.Enum):
                default = conv(default)  # a default is validated as data would be
            if isinstance(default, (list, dict)):
                made = default
                default = lambda made=made: copy.deepcopy(made)  # noqa: E731 - pydantic copies a mutable default
            plan[name] = (conv, False, default)
    # pydantic runs "before" model validators last-defined first
    before = [getattr(model, d.cls_var_name) for d in reversed(model.__pydantic_decorators__.model_validators.values())
              if d.info.mode == "before"]
    _PLANS[model] = plan, before
    return plan, before


def _same(value: Any) -> Any:
    return value


def _conv(annotation: Any, strip: bool) -> Conv:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _conv(get_args(annotation)[0], strip)
    if annotation is Any:
        return _same
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _conv(members[0], strip)  # a null is never in the normal form (``_model`` refuses it)
        convs = [(_base_type(m), _conv(m, strip)) for m in members]
        if any(b is None for b, _ in convs):
            raise NotNormal(str(annotation))

        def union(value: Any) -> Any:
            for base, conv in convs:
                if type(value) is base:
                    return conv(value)
            raise NotNormal(str(annotation))
        return union
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        each = _conv(item, strip)

        def as_list(value: Any) -> Any:
            if type(value) is not list:
                raise NotNormal("list")
            return [each(v) for v in value]
        return as_list
    if origin is dict:
        key_t, value_t = get_args(annotation) or (Any, Any)
        if key_t is not str:
            raise NotNormal(str(annotation))
        each = _conv(value_t, strip)

        def as_dict(value: Any) -> Any:
            if type(value) is not dict or any(type(k) is not str for k in value):
                raise NotNormal("dict")
            return {k: each(v) for k, v in value.items()}
        return as_dict
    if origin is Literal:
        allowed = get_args(annotation)

        def literal(value: Any) -> Any:
            if value not in allowed or not any(type(value) is type(a) and value == a for a in allowed):
                raise NotNormal("literal")
            return value
        return literal
    if origin is not None:
        raise NotNormal(str(annotation))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            cls = annotation
            return lambda value: _model(cls, value)
        if issubclass(annotation, enum.Enum):
            enum_cls = annotation

            def as_enum(value: Any) -> Any:
                if type(value) is not str:
                    raise NotNormal(enum_cls.__name__)
                try:
                    return enum_cls(value)
                except ValueError:
                    raise NotNormal(enum_cls.__name__) from None
            return as_enum
        if annotation is bool:
            return _exact(bool)
        if annotation is int:
            return _exact(int)
        if annotation is float:
            def as_float(value: Any) -> Any:
                if type(value) is float:
                    return value
                if type(value) is int:
                    return float(value)
                raise NotNormal("float")
            return as_float
        if annotation is str:
            def as_str(value: Any) -> Any:
                if type(value) is not str or (strip and value != value.strip()) or value[-1:] in _EDGE \
                        or value[:1] in _EDGE:
                    raise NotNormal("str")
                return value
            return as_str
        if annotation is dt.date:
            def as_date(value: Any) -> Any:
                if type(value) is dt.date:
                    return value
                if type(value) is str and len(value) == 10:
                    try:
                        return dt.date.fromisoformat(value)
                    except ValueError:
                        raise NotNormal("date") from None
                raise NotNormal("date")
            return as_date
    raise NotNormal(str(annotation))


# characters Python and pydantic's core may not agree are white space: a text that starts or ends with one is
# validated, never constructed
_EDGE = frozenset("\x1c\x1d\x1e\x1f\x85\xa0\u1680\u180e\u200b\u2028\u2029\u202f\u205f\u3000\ufeff")


def _exact(kind: type) -> Conv:
    def exact(value: Any) -> Any:
        if type(value) is not kind:
            raise NotNormal(kind.__name__)
        return value
    return exact


def _base_type(annotation: Any) -> type | None:
    """The one Python type a union member's values have (to pick the member without validating), or None."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _base_type(get_args(annotation)[0])
    if origin in (list, dict):
        return typing.cast(type, origin)
    if isinstance(annotation, type) and annotation in (str, int, bool, float, dt.date):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return dict
    return None
