"""Instrument definition files (``bapascase/data/instruments/*.yaml``, a casebook's ``instruments/*.yaml``), as
pydantic models: what a definition may contain and every rule it must follow, in one place.

A definition looks like::

    id: rri-a
    version: "2021"
    kind: risk                 # risk | needs
    title: {id: ..., en: ...}  # or one text for both languages
    source: Keputusan Dirjenpas ...
    items:
      - id: pernah_dipenjara
        text: {id: ..., en: ...}
        options:
          - {id: ya, label: {id: Ya, en: "Yes"}, points: 1}
          - {id: tidak, label: {id: Tidak, en: "No"}, points: 0}
    cutoffs:                   # together they cover every possible total exactly once
      - {min: 0, max: 6, category: rendah, label: {id: Rendah, en: Low}}
    priority_min_points: 2     # optional: an item answered with at least this many points is a priority

and, where an instrument needs them:

    client: dewasa             # dewasa | anak: whose instrument it is (a child is never scored on an adult one)
    provenance:                # the decree, its date, what was verified in its text and where, what was not
      decree: Keputusan Direktur Jenderal Pemasyarakatan Nomor ... tentang ...
      verified: {id: ..., en: ...}
      unverified: {id: ..., en: ...}   # reports print a short note when it is set
    parts:                     # groups of items: RRI parts A-D, the child's risk and protective factors
      - id: a
        title: {id: Bagian A, en: Part A}
        scored: true           # its points count towards the total (false: answered Ya/Tidak, ticks only)
        sign: 1                # -1: its points are taken off the total (protective factors)
        applies_to: all        # all | female | narcotics: asked only for such clients
        asked_below: 7         # asked only while the total is below this (RRI parts B-D)
    criminogenic_rule:         # when the criminogenic needs assessment must be done
      total_at_least: 7        # a complete total at or above this
      yes_in: [b, c, d]        # any "Ya" (an option with ``positive: true``) in these parts
    replaces:                  # answers recorded under an earlier id are read with this definition
      - {id: rri-a, version: "2021"}

Any part, cut-off or rule may carry ``unverified: {id: ..., en: ...}``: a short note the reports print when that
part is used (a score falls in an unverified category, an unverified rule decides).

``validate_definition`` checks one and returns it normalised (plain JSON data); ``model.scoring`` builds the
engine's ``Instrument`` from that, so a cached normalised definition needs no pydantic at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bapascase.i18n import t
from bapascase.model.controls import TextModel
from bapascase.model.scoring import CODE, DefinitionError, Instrument, instrument_from_dict

_CODE_RE = re.compile(CODE)


def _as_text(value: Any) -> Any:
    """A number written where text is meant (``version: 2021``) is read as text; ``.nan`` and ``.inf`` are no
    number one writes for a version or a code (they were read as the codes ``nan`` and ``inf``)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    return value


def _check_code(value: Any) -> Any:
    value = _as_text(value)
    if isinstance(value, str):
        value = value.strip()
        if value and not _CODE_RE.match(value):
            raise PydanticCustomError("bc_def_code", "bad code", {"value": value})
    return value


def _whole_number(value: Any) -> Any:
    """Points and bounds are whole numbers as written: ``yes`` (a YAML true) or ``"3"`` is not one."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise PydanticCustomError("bc_def_not_int", "not a whole number", {"value": value})
    return value


def _one_text_for_both(value: Any) -> Any:
    value = _as_text(value)
    return {"id": value} if isinstance(value, str) else value


Code = Annotated[str, BeforeValidator(_check_code), Field(min_length=1, json_schema_extra={"pattern": CODE})]
Words = Annotated[str, BeforeValidator(_as_text), Field(min_length=1)]
Text = Annotated[str, BeforeValidator(_as_text)]
Whole = Annotated[int, BeforeValidator(_whole_number)]


class Kind(StrEnum):
    RISK = "risk"  # a total with categories (RRI)
    NEEDS = "needs"  # a level per domain, the high ones priorities (kebutuhan kriminogenik)


class _Def(TextModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LabelDef(_Def):
    """A text in Indonesian and (optionally) English; one plain text serves both."""

    id: Words
    en: Words | None = None

    @model_validator(mode="after")
    def _english_defaults_to_indonesian(self) -> LabelDef:
        if self.en is None:
            self.en = self.id
        return self


Label = Annotated[LabelDef, BeforeValidator(_one_text_for_both)]


class OptionDef(_Def):
    id: Code
    label: Label
    points: Whole = 0
    positive: bool | None = None  # a "Ya" that counts for the criminogenic rule; default: points above 0


class ItemDef(_Def):
    id: Code
    text: Label
    help: Label | None = None
    domain: Words | None = None
    part: Code | None = None
    unverified: Label | None = None
    options: list[OptionDef] = Field(min_length=1)

    @field_validator("options")
    @classmethod
    def _unique_options(cls, options: list[OptionDef]) -> list[OptionDef]:
        _unique([o.id for o in options])
        return options


class CutoffDef(_Def):
    min: Whole
    max: Whole
    category: Code
    label: Label
    unverified: Label | None = None

    @model_validator(mode="after")
    def _in_order(self) -> CutoffDef:
        if self.min > self.max:
            raise PydanticCustomError("bc_def_cutoff_order", "min above max", {"min": self.min, "max": self.max})
        return self


class Client(StrEnum):
    ADULT = "dewasa"
    CHILD = "anak"


class AppliesTo(StrEnum):
    """Which clients a part is asked of (the engine is told the client's sex and whether the case is a narcotics
    case)."""

    ALL = "all"
    FEMALE = "female"
    NARCOTICS = "narcotics"


class ProvenanceDef(_Def):
    """Where the instrument comes from: the decree (number and full title), its date when known, what was read in
    the decree's own text and where, and what was not (a report prints a short note for it)."""

    decree: Words
    decree_date: Text = ""
    basis: Text = ""  # the regulation the decree is made under
    verified: Label
    unverified: Label | None = None
    sources: list[Words] = Field(default_factory=list)


class PartDef(_Def):
    id: Code
    title: Label
    scored: bool = True
    sign: Literal[1, -1] = 1
    applies_to: AppliesTo = AppliesTo.ALL
    asked_below: Whole | None = None
    cutoffs: list[CutoffDef] = Field(default_factory=list)  # bands of this part's own points
    unverified: Label | None = None


class RuleDef(_Def):
    """When the criminogenic needs assessment must be done."""

    total_at_least: Whole | None = None
    yes_in: list[Code] = Field(default_factory=list)
    unverified: Label | None = None


class ReplacedDef(_Def):
    id: Code
    version: Code


class InstrumentDef(_Def):
    id: Code
    version: Code
    kind: Kind = Kind.RISK
    client: Client = Client.ADULT
    title: Label
    short_title: Label | None = None
    source: Text = ""
    provenance: ProvenanceDef | None = None
    description: Label | None = None
    parts: list[PartDef] = Field(default_factory=list)
    items: list[ItemDef] = Field(min_length=1)
    cutoffs: list[CutoffDef] = Field(default_factory=list)
    priority_min_points: Whole | None = None
    criminogenic_rule: RuleDef | None = None
    replaces: list[ReplacedDef] = Field(default_factory=list)
    notes: Text = ""

    @field_validator("items")
    @classmethod
    def _unique_items(cls, items: list[ItemDef]) -> list[ItemDef]:
        _unique([i.id for i in items])
        return items

    @field_validator("parts")
    @classmethod
    def _unique_parts(cls, parts: list[PartDef]) -> list[PartDef]:
        _unique([p.id for p in parts])
        return parts

    @field_validator("cutoffs")
    @classmethod
    def _unique_categories(cls, cutoffs: list[CutoffDef]) -> list[CutoffDef]:
        _unique([c.category for c in cutoffs])
        return cutoffs

    @field_validator("items")
    @classmethod
    def _items_in_known_parts(cls, items: list[ItemDef], info: ValidationInfo) -> list[ItemDef]:
        known = [p.id for p in info.data.get("parts") or ()]
        for n, item in enumerate(items):
            if (item.part is None and known) or (item.part is not None and item.part not in known):
                raise PydanticCustomError("bc_def_part", "unknown part", {
                    "field": n, "value": item.part or "", "known": ", ".join(known) or "-"})
        return items

    @field_validator("criminogenic_rule")
    @classmethod
    def _rule_names_known_parts(cls, rule: RuleDef | None, info: ValidationInfo) -> RuleDef | None:
        known = [p.id for p in info.data.get("parts") or ()]
        for code in rule.yes_in if rule else ():
            if code not in known:
                raise PydanticCustomError("bc_def_part", "unknown part", {
                    "field": "yes_in", "value": code, "known": ", ".join(known) or "-"})
        return rule

    @model_validator(mode="after")
    def _cutoffs_cover_every_total_once(self) -> InstrumentDef:
        low, high = total_range(self)
        problems = coverage_problems([(c.category, c.min, c.max) for c in self.cutoffs], low, high)
        for part in self.parts:
            items = [i for i in self.items if i.part == part.id]
            if items and part.cutoffs:
                p_low = sum(min(o.points for o in i.options) for i in items)
                p_high = sum(max(o.points for o in i.options) for i in items)
                problems += coverage_problems([(c.category, c.min, c.max) for c in part.cutoffs], p_low, p_high)
        if problems:
            raise PydanticCustomError("bc_def_cutoffs", "cut-offs do not cover the totals", {"problems": problems})
        return self


def total_range(inst: InstrumentDef) -> tuple[int, int]:
    """The lowest and highest total: the points of the scored parts' items, a protective part's taken off."""
    signs = {p.id: p.sign for p in inst.parts if p.scored}
    low = high = 0
    for item in inst.items:
        sign = signs.get(item.part or "", 0) if inst.parts else 1
        lo, hi = min(o.points for o in item.options), max(o.points for o in item.options)
        if sign > 0:
            low, high = low + lo, high + hi
        elif sign < 0:
            low, high = low - hi, high - lo
    return low, high


def _unique(ids: list[str]) -> None:
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise PydanticCustomError("bc_def_duplicate", "duplicate id", {"field": n, "value": value})
        seen.add(value)


def coverage_problems(cutoffs: list[tuple[str, int, int]], low: int, high: int) -> list[tuple[str, dict[str, Any]]]:
    """Where cut-offs ``(category, min, max)`` fail to cover ``low..high`` exactly once: ``(message key, values)``."""
    if not cutoffs:
        return []
    problems: list[tuple[str, dict[str, Any]]] = []
    ordered = sorted(cutoffs, key=lambda c: (c[1], c[2]))
    for category, a, b in ordered:
        if b < low or a > high:
            problems.append(("instr.def_cutoff_outside", {"category": category, "min": a, "max": b, "low": low,
                                                          "high": high}))
    expected = low
    previous: tuple[str, int, int] | None = None
    for cut in ordered:
        if previous is not None and cut[1] <= previous[2]:
            problems.append(("instr.def_cutoff_overlap", {"a": previous[0], "a_min": previous[1], "a_max": previous[2],
                                                          "b": cut[0], "b_min": cut[1], "b_max": cut[2]}))
        elif cut[1] > expected and expected <= high:
            problems.append(("instr.def_cutoff_gap", {"low": expected, "high": min(cut[1] - 1, high)}))
        expected = max(expected, cut[2] + 1)
        previous = cut if previous is None or cut[2] > previous[2] else previous
    if expected <= high:
        problems.append(("instr.def_cutoff_gap", {"low": expected, "high": high}))
    return problems


def validate_definition(data: Any, source: str = "") -> dict[str, Any]:
    """A definition checked and normalised (labels as ``{id, en}``, versions as text, defaults filled in).

    Raises ``DefinitionError`` listing every problem as ``where: message`` in the user's language.
    """
    from bapascase.model.validation import errors_of

    if not isinstance(data, Mapping):
        raise DefinitionError([t("instr.def_not_mapping")], source)
    try:
        checked = InstrumentDef.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        raw = exc.errors(include_url=False)
        for err, explained in zip(raw, errors_of(InstrumentDef, exc), strict=True):
            if err["type"] == "bc_def_cutoffs":
                problems += [t(key, **values) for key, values in err["ctx"]["problems"]]
            else:
                problems.append(f"{explained.dotted}: {explained.message}" if explained.loc else explained.message)
        raise DefinitionError(problems, source) from None
    return checked.model_dump(mode="json")


def parse_instrument(data: Any, source: str = "") -> Instrument:
    """A checked ``Instrument`` from a definition mapping; ``DefinitionError`` lists every problem found."""
    return instrument_from_dict(validate_definition(data, source), source)
