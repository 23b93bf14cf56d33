"""The generic instrument engine: definitions as data (items, options, points, cut-offs), scores computed.

One engine serves every instrument: RRI part A (a risk score with categories), kebutuhan kriminogenik (a need level
per domain, with the domains that are priorities) and any newer version a decree brings, added as a YAML file
without code. Pure functions on plain data, no pydantic: what a definition file may contain is
``bapascase.model.instrument_def`` (which validates one and hands the normalised data to ``instrument_from_dict``);
loading the files is ``bapascase.store.instrument_files``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bapascase.i18n import pick, t


class DefinitionError(ValueError):
    """A broken instrument definition; ``problems`` are readable messages, each naming where."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.source = source


@dataclass(frozen=True)
class Label:
    """A text in Indonesian and English."""

    id: str
    en: str

    def get(self, lang: str | None = None) -> str:
        return pick(self.id, self.en, lang)

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "en": self.en}


@dataclass(frozen=True)
class Option:
    id: str
    labels: Label
    points: int

    def label(self, lang: str | None = None) -> str:
        return self.labels.get(lang)


@dataclass(frozen=True)
class Item:
    id: str
    texts: Label
    options: tuple[Option, ...]
    helps: Label | None = None
    domain: str | None = None

    def text(self, lang: str | None = None) -> str:
        return self.texts.get(lang)

    def help(self, lang: str | None = None) -> str:
        return self.helps.get(lang) if self.helps else ""

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def min_points(self) -> int:
        return min(o.points for o in self.options)

    @property
    def max_points(self) -> int:
        return max(o.points for o in self.options)


@dataclass(frozen=True)
class Cutoff:
    min: int
    max: int
    category: str
    labels: Label

    def label(self, lang: str | None = None) -> str:
        return self.labels.get(lang)

    def as_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "category": self.category, "label": self.labels.as_dict()}


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    kind: str
    titles: Label
    items: tuple[Item, ...] = field(repr=False)
    cutoffs: tuple[Cutoff, ...] = field(default=(), repr=False)
    source: str = field(default="", repr=False)
    short_titles: Label | None = field(default=None, repr=False)
    descriptions: Label | None = field(default=None, repr=False)
    priority_min_points: int | None = None
    notes: str = ""
    origin: str = field(default="", compare=False)  # where the definition came from (file), for messages

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def title(self, lang: str | None = None) -> str:
        return self.titles.get(lang)

    def short_title(self, lang: str | None = None) -> str:
        return self.short_titles.get(lang) if self.short_titles else self.title(lang)

    def description(self, lang: str | None = None) -> str:
        return self.descriptions.get(lang) if self.descriptions else ""

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def min_total(self) -> int:
        return sum(i.min_points for i in self.items)

    @property
    def max_total(self) -> int:
        return sum(i.max_points for i in self.items)

    def cutoff_for(self, total: int) -> Cutoff | None:
        return next((c for c in self.cutoffs if c.min <= total <= c.max), None)

    def rank(self, category: str) -> int | None:
        """The position of a category from the lowest scores up (0 = lowest), None if not a category here."""
        ordered = sorted(self.cutoffs, key=lambda c: c.min)
        return next((i for i, c in enumerate(ordered) if c.category == category), None)


def _label(data: Mapping[str, Any] | None) -> Label | None:
    return Label(str(data["id"]), str(data.get("en") or data["id"])) if data else None


def instrument_from_dict(data: Mapping[str, Any], origin: str = "") -> Instrument:
    """The engine's ``Instrument`` from a definition already checked and normalised by
    ``model.instrument_def.validate_definition`` (or read back from the cache of such definitions)."""
    items = tuple(
        Item(
            id=item["id"],
            texts=Label(item["text"]["id"], item["text"]["en"]),
            options=tuple(Option(o["id"], Label(o["label"]["id"], o["label"]["en"]), o["points"])
                          for o in item["options"]),
            helps=_label(item.get("help")),
            domain=item.get("domain"),
        )
        for item in data["items"]
    )
    cutoffs = sorted(
        (Cutoff(c["min"], c["max"], c["category"], Label(c["label"]["id"], c["label"]["en"]))
         for c in data.get("cutoffs") or ()),
        key=lambda c: c.min,
    )
    return Instrument(
        id=data["id"],
        version=data["version"],
        kind=data.get("kind") or "risk",
        titles=Label(data["title"]["id"], data["title"]["en"]),
        items=items,
        cutoffs=tuple(cutoffs),
        source=data.get("source") or "",
        short_titles=_label(data.get("short_title")),
        descriptions=_label(data.get("description")),
        priority_min_points=data.get("priority_min_points"),
        notes=data.get("notes") or "",
        origin=origin,
    )


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of versions: ``2021`` < ``2021.1`` < ``2025`` < ``2025b``."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)


# -- scoring ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemScore:
    item: Item
    option: Option | None  # None: not answered, or answered with an unknown option
    answer: str | None  # what was recorded, as text

    @property
    def points(self) -> int | None:
        return self.option.points if self.option else None


@dataclass(frozen=True)
class Score:
    instrument: Instrument
    total: int  # points of the answered items (a partial sum when incomplete)
    complete: bool
    cutoff: Cutoff | None  # only when complete
    items: tuple[ItemScore, ...]
    unanswered: tuple[str, ...]
    unknown_items: tuple[str, ...]
    unknown_options: tuple[tuple[str, str], ...]  # (item id, option id)
    priorities: tuple[str, ...]  # item ids at or above the instrument's priority threshold

    @property
    def category(self) -> str | None:
        return self.cutoff.category if self.cutoff else None

    def label(self, lang: str | None = None) -> str:
        return self.cutoff.label(lang) if self.cutoff else ""

    @property
    def rank(self) -> int | None:
        return self.instrument.rank(self.cutoff.category) if self.cutoff else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, both languages, for reports, ``show`` and ``--json``."""
        inst = self.instrument
        prio = set(self.priorities)
        return {
            "instrument": inst.id,
            "version": inst.version,
            "known": True,
            "kind": inst.kind,
            "title": inst.titles.as_dict(),
            "short_title": (inst.short_titles or inst.titles).as_dict(),
            "source": inst.source,
            "total": self.total,
            "min_total": inst.min_total,
            "max_total": inst.max_total,
            "complete": self.complete,
            "category": self.category,
            "category_label": self.cutoff.labels.as_dict() if self.cutoff else None,
            "cutoffs": [c.as_dict() for c in inst.cutoffs],
            "items": [
                {
                    "id": s.item.id,
                    "text": s.item.texts.as_dict(),
                    "domain": s.item.domain,
                    "answer": s.answer,
                    "option": s.option.id if s.option else None,
                    "option_label": s.option.labels.as_dict() if s.option else None,
                    "points": s.points,
                    "max_points": s.item.max_points,
                    "priority": s.item.id in prio,
                }
                for s in self.items
            ],
            "answered": sum(1 for s in self.items if s.option is not None),
            "unanswered": list(self.unanswered),
            "unknown_items": list(self.unknown_items),
            "unknown_options": [{"item": i, "option": o} for i, o in self.unknown_options],
            "priorities": list(self.priorities),
        }


def _answer_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).lower()
    text = str(value).strip()
    return text or None


def score(instrument: Instrument, answers: Mapping[str, Any] | None) -> Score:
    """Score answers (item id -> option id). The category is computed only when every item is answered."""
    answers = answers if isinstance(answers, Mapping) else {}
    given = {str(k).strip(): _answer_text(v) for k, v in answers.items()}
    scored: list[ItemScore] = []
    unanswered: list[str] = []
    unknown_options: list[tuple[str, str]] = []
    for item in instrument.items:
        answer = given.get(item.id)
        option = item.option(answer) if answer is not None else None
        if answer is None:
            unanswered.append(item.id)
        elif option is None:
            unknown_options.append((item.id, answer))
        scored.append(ItemScore(item, option, answer))
    known_ids = {i.id for i in instrument.items}
    unknown_items = tuple(k for k in given if k not in known_ids)
    total = sum(s.points or 0 for s in scored)
    complete = not unanswered and not unknown_options
    cutoff = instrument.cutoff_for(total) if complete else None
    threshold = instrument.priority_min_points
    priorities = tuple(
        s.item.id for s in scored if threshold is not None and s.points is not None and s.points >= threshold
    )
    return Score(
        instrument=instrument,
        total=total,
        complete=complete,
        cutoff=cutoff,
        items=tuple(scored),
        unanswered=tuple(unanswered),
        unknown_items=unknown_items,
        unknown_options=tuple(unknown_options),
        priorities=priorities,
    )


# -- change between two assessments ----------------------------------------------------------------------------


# how a category moved: "new" when there is no earlier category, "unknown" when there is no later one
Direction = Literal["up", "down", "same", "new", "unknown"]


@dataclass(frozen=True)
class Change:
    """How the category moved from an earlier score to a later one."""

    direction: Direction
    before: str | None
    after: str | None
    before_label: Label | None
    after_label: Label | None
    before_total: int | None
    after_total: int | None

    def describe(self, lang: str | None = None) -> str:
        before = self.before_label.get(lang) if self.before_label else ""
        after = self.after_label.get(lang) if self.after_label else ""
        return t(f"instr.change_{self.direction}", lang, before=before, after=after)

    def as_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "before": self.before,
            "after": self.after,
            "before_label": self.before_label.as_dict() if self.before_label else None,
            "after_label": self.after_label.as_dict() if self.after_label else None,
            "before_total": self.before_total,
            "after_total": self.after_total,
            "text": {"id": self.describe("id"), "en": self.describe("en")},
        }


def category_change(before: Score | None, after: Score | None) -> Change:
    """Compare two scores (possibly of different versions): categories are ordered from the lowest scores up."""
    b_cut = before.cutoff if before else None
    a_cut = after.cutoff if after else None
    direction: Direction
    if a_cut is None or after is None:
        direction = "unknown"
    elif b_cut is None or before is None:
        direction = "new"
    elif b_cut.category == a_cut.category:
        direction = "same"
    else:
        b_rank, a_rank = before.rank, after.rank
        if b_rank is None or a_rank is None or b_rank == a_rank:
            # categories of different versions at the same position: compare where the totals fall
            b_rank, a_rank = before.total, after.total
        direction = "up" if a_rank > b_rank else "down" if a_rank < b_rank else "same"
    return Change(
        direction=direction,
        before=b_cut.category if b_cut else None,
        after=a_cut.category if a_cut else None,
        before_label=b_cut.labels if b_cut else None,
        after_label=a_cut.labels if a_cut else None,
        before_total=before.total if before and before.complete else None,
        after_total=after.total if after and after.complete else None,
    )
