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
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from bapascase.i18n import pick, t

# an instrument's id (and an item's, option's, part's): one fact, read by ``model.instrument_def`` (what a definition
# may contain) and ``model.assessment`` (the id an assessment records); here, so that reading an assessment does not
# import the definition models (~20 ms of pydantic class and schema building on every report)
CODE = r"^[a-z0-9][a-z0-9_.-]{0,39}$"

ADULT = "dewasa"
CHILD = "anak"
# the assessment's instrument parts, the kind of instrument each holds, and the instrument each is answered with
# by default for an adult and for a child (a child is never scored on an adult instrument)
PARTS: dict[str, str] = {"rri": "risk", "criminogenic": "needs"}
DEFAULT_INSTRUMENTS: dict[tuple[str, str], str] = {
    ("rri", ADULT): "rri",
    ("rri", CHILD): "anak-risiko",
    ("criminogenic", ADULT): "kriminogenik",
    ("criminogenic", CHILD): "anak-kriminogenik",
}


def default_instrument(part: str, child: bool) -> str:
    """The instrument a part is answered with by default, for a child or an adult client."""
    return DEFAULT_INSTRUMENTS[(part, CHILD if child else ADULT)]


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
    positive: bool = False  # a "Ya" that counts for the criminogenic rule

    def label(self, lang: str | None = None) -> str:
        return self.labels.get(lang)


@dataclass(frozen=True)
class Item:
    id: str
    texts: Label
    options: tuple[Option, ...]
    helps: Label | None = None
    domain: str | None = None
    part: str | None = None
    unverified: Label | None = None

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
    unverified: Label | None = None

    def label(self, lang: str | None = None) -> str:
        return self.labels.get(lang)

    def as_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "category": self.category, "label": self.labels.as_dict(),
                "unverified": self.unverified.as_dict() if self.unverified else None}


# which clients a part is asked of
ALL = "all"
FEMALE = "female"
NARCOTICS = "narcotics"
# the clients a part may be limited to: each has "instr.part_not_for_<x>" and "rpt.score.not_for_<x>"
LIMITED_TO = (FEMALE, NARCOTICS)


@dataclass(frozen=True)
class Part:
    """A group of items: an RRI part (A scored; B, C, D ticked), the child's risk or protective factors."""

    id: str
    titles: Label
    scored: bool = True  # its points count towards the total
    sign: int = 1  # -1: its points are taken off the total (protective factors)
    applies_to: str = ALL  # all | female | narcotics
    asked_below: int | None = None  # asked only while the total is below this
    cutoffs: tuple[Cutoff, ...] = ()  # bands of the part's own points (printed only when defined)
    unverified: Label | None = None

    def title(self, lang: str | None = None) -> str:
        return self.titles.get(lang)


@dataclass(frozen=True)
class Rule:
    """When the criminogenic needs assessment must be done: a total at or above ``total_at_least``, or any "Ya"
    in the parts ``yes_in`` (those that apply to the client)."""

    total_at_least: int | None = None
    yes_in: tuple[str, ...] = ()
    unverified: Label | None = None


@dataclass(frozen=True)
class Provenance:
    decree: str
    verified: Label
    decree_date: str = ""
    basis: str = ""
    unverified: Label | None = None
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"decree": self.decree, "decree_date": self.decree_date, "basis": self.basis,
                "verified": self.verified.as_dict(),
                "unverified": self.unverified.as_dict() if self.unverified else None, "sources": list(self.sources)}


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
    client: str = ADULT  # dewasa | anak
    parts: tuple[Part, ...] = field(default=(), repr=False)
    criminogenic_rule: Rule | None = field(default=None, repr=False)
    provenance: Provenance | None = field(default=None, repr=False)
    replaces: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # (id, version) read with this one
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

    def part(self, part_id: str | None) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def part_items(self, part_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.part == part_id)

    def sign_of(self, item: Item) -> int:
        """+1 when the item's points count towards the total, -1 when taken off it, 0 when they do not count."""
        if not self.parts:
            return 1
        part = self.part(item.part)
        return part.sign if part is not None and part.scored else 0

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if self.sign_of(i))

    @property
    def min_total(self) -> int:
        return sum(i.min_points if self.sign_of(i) > 0 else -i.max_points for i in self.scored_items)

    @property
    def max_total(self) -> int:
        return sum(i.max_points if self.sign_of(i) > 0 else -i.min_points for i in self.scored_items)

    def cutoff_for(self, total: int) -> Cutoff | None:
        return next((c for c in self.cutoffs if c.min <= total <= c.max), None)

    def rank(self, category: str) -> int | None:
        """The position of a category from the lowest scores up (0 = lowest), None if not a category here."""
        ordered = sorted(self.cutoffs, key=lambda c: c.min)
        return next((i for i, c in enumerate(ordered) if c.category == category), None)


def _label(data: Mapping[str, Any] | None) -> Label | None:
    return Label(str(data["id"]), str(data.get("en") or data["id"])) if data else None


def _cutoffs(data: Any) -> tuple[Cutoff, ...]:
    return tuple(sorted(
        (Cutoff(c["min"], c["max"], c["category"], Label(c["label"]["id"], c["label"]["en"]),
                _label(c.get("unverified")))
         for c in data or ()),
        key=lambda c: c.min,
    ))


def _option(o: Mapping[str, Any]) -> Option:
    points = o.get("points") or 0
    positive = o.get("positive")
    return Option(o["id"], Label(o["label"]["id"], o["label"]["en"]), points,
                  bool(positive) if positive is not None else points > 0)


def instrument_from_dict(data: Mapping[str, Any], origin: str = "") -> Instrument:
    """The engine's ``Instrument`` from a definition already checked and normalised by
    ``model.instrument_def.validate_definition`` (or read back from the cache of such definitions)."""
    items = tuple(
        Item(
            id=item["id"],
            texts=Label(item["text"]["id"], item["text"]["en"]),
            options=tuple(_option(o) for o in item["options"]),
            helps=_label(item.get("help")),
            domain=item.get("domain"),
            part=item.get("part"),
            unverified=_label(item.get("unverified")),
        )
        for item in data["items"]
    )
    parts = tuple(
        Part(p["id"], Label(p["title"]["id"], p["title"]["en"]), bool(p.get("scored", True)), int(p.get("sign") or 1),
             p.get("applies_to") or ALL, p.get("asked_below"), _cutoffs(p.get("cutoffs")), _label(p.get("unverified")))
        for p in data.get("parts") or ()
    )
    rule_data = data.get("criminogenic_rule")
    rule = Rule(rule_data.get("total_at_least"), tuple(rule_data.get("yes_in") or ()),
                _label(rule_data.get("unverified"))) if rule_data else None
    prov = data.get("provenance")
    provenance = Provenance(
        decree=" ".join(str(prov["decree"]).split()), verified=Label(prov["verified"]["id"], prov["verified"]["en"]),
        decree_date=prov.get("decree_date") or "", basis=" ".join(str(prov.get("basis") or "").split()),
        unverified=_label(prov.get("unverified")), sources=tuple(prov.get("sources") or ()),
    ) if prov else None
    return Instrument(
        id=data["id"],
        version=data["version"],
        kind=data.get("kind") or "risk",
        titles=Label(data["title"]["id"], data["title"]["en"]),
        items=items,
        cutoffs=_cutoffs(data.get("cutoffs")),
        source=data.get("source") or "",
        short_titles=_label(data.get("short_title")),
        descriptions=_label(data.get("description")),
        priority_min_points=data.get("priority_min_points"),
        notes=data.get("notes") or "",
        client=data.get("client") or ADULT,
        parts=parts,
        criminogenic_rule=rule,
        provenance=provenance,
        replaces=tuple((r["id"], str(r["version"])) for r in data.get("replaces") or ()),
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

    @property
    def positive(self) -> bool:
        return bool(self.option and self.option.positive)


@dataclass(frozen=True)
class ClientFacts:
    """What the engine must know of the client to tell which parts apply: the sex (female) and whether the case
    is a narcotics case. None: not known (a part that depends on it is neither applied nor skipped)."""

    female: bool | None = None
    narcotics: bool | None = None


@dataclass(frozen=True)
class PartScore:
    part: Part
    items: tuple[ItemScore, ...]
    applies: bool | None  # the part applies to this client (None: the fact it depends on is not known)
    asked: bool | None  # it is asked: it applies and the total is below its ``asked_below`` (None: not known)
    points: int  # the part's own points (answered items)
    complete: bool  # every item answered
    cutoff: Cutoff | None  # the part's own band, when it defines bands and is complete

    @property
    def answered(self) -> int:
        return sum(1 for s in self.items if s.option is not None)

    @property
    def positives(self) -> tuple[str, ...]:
        return tuple(s.item.id for s in self.items if s.positive)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.part.id, "title": self.part.titles.as_dict(), "scored": self.part.scored,
                "sign": self.part.sign, "applies_to": self.part.applies_to, "applies": self.applies,
                "asked": self.asked, "points": self.points, "complete": self.complete,
                "answered": self.answered, "positives": list(self.positives),
                "category": self.cutoff.category if self.cutoff else None,
                "category_label": self.cutoff.labels.as_dict() if self.cutoff else None}


# why the criminogenic needs assessment is (or is not, or not yet known to be) required
V_TOTAL = "total"  # the total is at or above the rule's threshold
V_YES = "yes"  # a "Ya" in one of the rule's parts
V_NONE = "none"  # below the threshold and no "Ya" in any part that applies: not required
V_INCOMPLETE = "incomplete"  # the scored parts are not all answered yet
V_UNANSWERED = "unanswered"  # a part that applies is not (fully) answered
V_FACTS = "facts"  # whether a part applies is not known (the client's sex, a narcotics case)
VERDICT_REASONS = (V_TOTAL, V_YES, V_NONE, V_INCOMPLETE, V_UNANSWERED, V_FACTS)  # each has "asm.verdict_<reason>"


@dataclass(frozen=True)
class Verdict:
    """Whether the criminogenic needs assessment must be done: True, False or None (not known yet), and why."""

    required: bool | None
    reason: str
    parts: tuple[str, ...] = ()  # the parts with a "Ya" (yes), or still to answer (unanswered, facts)
    threshold: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"required": self.required, "reason": self.reason, "parts": list(self.parts),
                "threshold": self.threshold}


@dataclass(frozen=True)
class Score:
    instrument: Instrument
    total: int  # points of the answered scored items (a partial sum when incomplete)
    complete: bool  # every scored item answered with a known option
    cutoff: Cutoff | None  # only when complete
    items: tuple[ItemScore, ...]
    unanswered: tuple[str, ...]  # scored items not answered (they keep the total from being complete)
    unknown_items: tuple[str, ...]
    unknown_options: tuple[tuple[str, str], ...]  # (item id, option id)
    priorities: tuple[str, ...]  # item ids at or above the instrument's priority threshold
    parts: tuple[PartScore, ...] = ()
    verdict: Verdict | None = None  # the criminogenic rule, when the instrument has one
    notes: tuple[Label, ...] = ()  # the unverified parts this result rests on: a report prints a short note

    @property
    def category(self) -> str | None:
        return self.cutoff.category if self.cutoff else None

    def label(self, lang: str | None = None) -> str:
        return self.cutoff.label(lang) if self.cutoff else ""

    @property
    def rank(self) -> int | None:
        return self.instrument.rank(self.cutoff.category) if self.cutoff else None

    def verdict_text(self, lang: str | None = None) -> str:
        """The verdict on the criminogenic needs assessment in words ("Asesmen kebutuhan kriminogenik wajib
        dilakukan: skor bagian A 7 atau lebih"), or "" when the instrument has no such rule."""
        v = self.verdict
        if v is None:
            return ""
        parts = ", ".join(p.part.title(lang) for p in self.parts if p.part.id in v.parts)
        return t(f"asm.verdict_{v.reason}", lang, threshold=v.threshold, parts=parts)

    @property
    def has_total(self) -> bool:
        """The instrument defines categories of its total: a report prints the total only then."""
        return bool(self.instrument.cutoffs)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, both languages, for reports, ``show`` and ``--json``."""
        inst = self.instrument
        prio = set(self.priorities)
        return {
            "instrument": inst.id,
            "version": inst.version,
            "known": True,
            "kind": inst.kind,
            "client": inst.client,
            "title": inst.titles.as_dict(),
            "short_title": (inst.short_titles or inst.titles).as_dict(),
            "source": inst.source,
            "provenance": inst.provenance.as_dict() if inst.provenance else None,
            "total": self.total if self.has_total else None,
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
                    "part": s.item.part,
                    "answer": s.answer,
                    "option": s.option.id if s.option else None,
                    "option_label": s.option.labels.as_dict() if s.option else None,
                    "points": s.points,
                    "max_points": s.item.max_points,
                    "priority": s.item.id in prio,
                }
                for s in self.items
            ],
            "parts": [p.as_dict() for p in self.parts],
            "verdict": self.verdict.as_dict() if self.verdict else None,
            "notes": [n.as_dict() for n in self.notes],
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


def _applies(part: Part, facts: ClientFacts) -> bool | None:
    if part.applies_to == FEMALE:
        return facts.female
    if part.applies_to == NARCOTICS:
        return facts.narcotics
    return True


def asked(part: Part, applies: bool | None, total: int, complete: bool) -> bool | None:
    """Whether a part is asked of this client: it applies, and the total is below its ``asked_below`` (which is
    known only once the scored parts are complete)."""
    if applies is False:
        return False
    if part.asked_below is not None:
        if not complete:
            return None
        if total >= part.asked_below:
            return False
    return applies


def score(instrument: Instrument, answers: Mapping[str, Any] | None, facts: ClientFacts | None = None) -> Score:
    """Score answers (item id -> option id). The category is computed only when every scored item is answered;
    ``facts`` tells which parts apply to the client (for the criminogenic rule)."""
    facts = facts or ClientFacts()
    answers = answers if isinstance(answers, Mapping) else {}
    given = {str(k).strip(): _answer_text(v) for k, v in answers.items()}
    scored: list[ItemScore] = []
    unanswered: list[str] = []
    unknown_options: list[tuple[str, str]] = []
    total = 0
    for item in instrument.items:
        answer = given.get(item.id)
        option = item.option(answer) if answer is not None else None
        counts = instrument.sign_of(item)
        if answer is None:
            if counts:
                unanswered.append(item.id)
        elif option is None:
            unknown_options.append((item.id, answer))
        scored.append(ItemScore(item, option, answer))
        if option is not None:
            total += counts * option.points
    known_ids = {i.id for i in instrument.items}
    unknown_items = tuple(k for k in given if k not in known_ids)
    complete = not unanswered and not any(instrument.sign_of(instrument.item(i) or _NO_ITEM)
                                          for i, _ in unknown_options)
    cutoff = instrument.cutoff_for(total) if complete else None
    threshold = instrument.priority_min_points
    priorities = tuple(
        s.item.id for s in scored if threshold is not None and s.points is not None and s.points >= threshold
    )
    parts = []
    for part in instrument.parts:
        in_part = tuple(s for s in scored if s.item.part == part.id)
        applies = _applies(part, facts)
        done = all(s.option is not None for s in in_part)
        own = sum(s.points or 0 for s in in_part)
        parts.append(PartScore(part, in_part, applies, asked(part, applies, total, complete), own, done,
                               next((c for c in part.cutoffs if c.min <= own <= c.max), None) if done else None))
    verdict = _verdict(instrument.criminogenic_rule, total, complete, parts)
    result = Score(
        instrument=instrument,
        total=total,
        complete=complete,
        cutoff=cutoff,
        items=tuple(scored),
        unanswered=tuple(unanswered),
        unknown_items=unknown_items,
        unknown_options=tuple(unknown_options),
        priorities=priorities,
        parts=tuple(parts),
        verdict=verdict,
    )
    return replace(result, notes=_notes(result))


_NO_ITEM = Item("", Label("", ""), ())


def _verdict(rule: Rule | None, total: int, complete: bool, parts: list[PartScore]) -> Verdict | None:
    if rule is None:
        return None
    threshold = rule.total_at_least
    if threshold is not None and complete and total >= threshold:
        return Verdict(True, V_TOTAL, threshold=threshold)
    watched = [p for p in parts if p.part.id in rule.yes_in]
    yes = tuple(p.part.id for p in watched if p.applies is not False and p.positives)
    if yes:
        return Verdict(True, V_YES, yes, threshold)
    if not complete:
        return Verdict(None, V_INCOMPLETE, threshold=threshold)
    unknown = tuple(p.part.id for p in watched if p.asked is None)
    if unknown:
        return Verdict(None, V_FACTS, unknown, threshold)
    pending = tuple(p.part.id for p in watched if p.asked and not p.complete)
    if pending:
        return Verdict(None, V_UNANSWERED, pending, threshold)
    return Verdict(False, V_NONE, threshold=threshold)


def _notes(result: Score) -> tuple[Label, ...]:
    """The unverified parts the result rests on (each once): the instrument's wording when anything is answered,
    an answered item or part, the category the total falls in, the rule when it decided."""
    inst = result.instrument
    found: list[Label] = []
    answered = [s for s in result.items if s.option is not None]
    if answered and inst.provenance and inst.provenance.unverified:
        found.append(inst.provenance.unverified)
    found += [s.item.unverified for s in answered if s.item.unverified]
    for p in result.parts:
        if p.part.unverified and p.answered:
            found.append(p.part.unverified)
        if p.cutoff and p.cutoff.unverified:
            found.append(p.cutoff.unverified)
    if result.cutoff and result.cutoff.unverified:
        found.append(result.cutoff.unverified)
    if result.verdict and result.verdict.required is not None and inst.criminogenic_rule and inst.criminogenic_rule.unverified:
        found.append(inst.criminogenic_rule.unverified)
    return tuple(dict.fromkeys(found))


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
