"""The generic interview: walks any stage model and asks for each field, driven by the model's own metadata.

Answers given up front (``--answers`` or a resumed draft) are not asked again; ``defaults`` (from earlier
records) are offered as the pre-filled answer. Whatever is collected goes through the same pydantic validation
as an answers file. ``Interview.answers`` always holds what was given so far, so an interrupted interview can be
kept as a draft.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from bapascase.errors import DataError, Interrupted, MissingAnswers, Problem
from bapascase.i18n import get_lang, pick, t
from bapascase.model.base import Doc, Need
from bapascase.model.controls import refuse_control
from bapascase.model.meta import (
    ask_fields,
    enum_label,
    help_of,
    is_enum,
    is_long,
    is_model,
    list_item,
    needs_an_item,
    rule_need,
    title_of,
    titled,
    unwrap,
)
from bapascase.model.text import as_date, long_date
from bapascase.model.validation import FieldError, explain, missing_fields, validate
from bapascase.model.validation import dotted as dotted_path
from bapascase.workflow.prompter import GoBack, Prompter, SectionFirst, going_back

Path_ = tuple[str | int, ...]
Custom = Callable[["Interview", Path_, Any], Any]


@dataclass
class Section:
    title: str
    fields: list[str]


def sections_of(model: type[Doc], lang: str | None = None) -> list[Section]:
    """Top-level scalar fields form a first 'general' section; every nested part or list is its own section."""
    general: list[str] = []
    out: list[Section] = []
    for name, info in ask_fields(model):
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        if is_model(inner) or (item is not None and is_model(item)):
            out.append(Section(title_of(info, name, lang), [name]))
        else:
            general.append(name)
    if general:
        out.insert(0, Section(pick("Umum", "General", lang), general))
    return out


_adapters: dict[Any, TypeAdapter[Any]] = {}


def adapter(annotation: Any) -> TypeAdapter[Any]:
    """A validator of one answer: the field's type, and the rule every text of a document keeps (no control
    characters: ``model.controls``, which ``base.Part`` applies to whole documents), so a pasted ESC is refused at
    its prompt."""
    key = repr(annotation)
    if key not in _adapters:
        _adapters[key] = TypeAdapter(Annotated[annotation, AfterValidator(refuse_control)])
    return _adapters[key]


def annotation_of(info: FieldInfo) -> Any:
    """The field's full type: pydantic moves a top-level ``Annotated``'s validators (``Date``'s day-first parser,
    ``Nik``'s checks, ``ge``/``le``) into ``info.metadata``, so ``info.annotation`` alone would validate less."""
    if info.metadata:
        return Annotated[info.annotation, *info.metadata]
    return info.annotation


def check_value(annotation: Any, value: Any) -> str | None:
    try:
        adapter(annotation).validate_python(value)
    except ValidationError as exc:
        return explain(exc.errors(include_url=False)[0]).message
    return None


def get_in(data: Any, path: Path_) -> Any:
    for p in path:
        if isinstance(p, int):
            if not isinstance(data, list) or p >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[p] if isinstance(p, int) else data.get(p)
    return data


def has_in(data: Any, path: Path_) -> bool:
    """Whether ``path`` was answered at all (an answer left empty is kept as None and counts)."""
    parent = get_in(data, path[:-1])
    last = path[-1]
    if isinstance(last, int):
        return isinstance(parent, list) and last < len(parent)
    return isinstance(parent, dict) and last in parent


def set_in(data: dict[str, Any], path: Path_, value: Any) -> None:
    node: Any = data
    for i, p in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(p, int):
            while len(node) <= p:
                node.append({} if not isinstance(nxt, int) else [])
            node = node[p]
        else:
            if not isinstance(node.get(p), dict | list):
                node[p] = [] if isinstance(nxt, int) else {}
            node = node[p]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value  # None too: "asked, left empty", so a resumed draft does not ask again


def need_message(need: Need | None) -> str:
    """What an empty answer is told: the rule's own message (``check``'s) when a rule makes the field required."""
    if need is None:
        return t("val.missing")
    return t(f"val.{need.kind}", **dict(need.context))


def as_list(value: Any) -> list[Any]:
    """A list answer as a list: one value given where a list belongs is one item, never its characters."""
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    return [value]


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


# -- the interview -------------------------------------------------------------------------------------------


@dataclass
class Interview:
    model: type[Doc]
    prompter: Prompter
    given: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    custom: dict[str, Custom] = field(default_factory=dict)
    source: str = "--answers"
    review: bool = True
    # whether the caller keeps the answers as a draft when the interview stops (``init`` has nowhere to keep them
    # yet: its hints then promise no draft)
    drafts: bool = True
    answers: dict[str, Any] = field(default_factory=dict)
    # a resumed draft: its answers are offered again, and the fields it finished (``draft_done``) are not re-asked
    draft: dict[str, Any] = field(default_factory=dict)
    draft_done: set[str] = field(default_factory=set)

    # what the review adds after the answers (an assessment's scores), from the document's behaviour
    describe: Callable[[Doc], list[str]] | None = None
    described: frozenset[str] = frozenset()  # top-level fields ``describe`` shows instead of the plain lines
    # the rules the other documents of the case set (a goal the plan has, a date within the masa bimbingan), as
    # ``(location, message)``: an answer they refuse is asked again before the review, as one the model refuses
    rules: Callable[[Doc], list[tuple[Path_, str]]] | None = None

    def __post_init__(self) -> None:
        self.answers = copy.deepcopy(self.given)
        self.draft = conform(self.model, self.draft)
        self.lang = get_lang()
        self.done: set[str] = set()  # fields asked to the end in this run (dotted paths with indices)
        # how to ask again each question answered since the last structural one ("add another?"): Ctrl-Z goes back
        self._history: list[Callable[[], None]] = []

    def draft_state(self) -> tuple[dict[str, Any], list[str]]:
        """What to keep when interrupted: everything answered so far (in the shapes the model allows: a draft
        never holds what a resumed interview could not ask again), and which fields were finished."""
        kept = conform(self.model, merge_answers(self.draft, self.answers))
        return kept, sorted(self.draft_done | self.done | answered_paths(self.given))

    # going back ------------------------------------------------------------------------------------------------
    def ask_one(self, ask: Callable[[], None]) -> None:
        """Ask one question (``ask`` stores its answer). Ctrl-Z in it asks the question before again first, then
        this one; going back stops at the last structural question (a section's "add ...?")."""
        while True:
            try:
                with going_back():
                    ask()
            except GoBack:
                if not self._history:
                    self.prompter.note(t("kbd.no_back"))
                    continue
                self.ask_one(self._history.pop())
                continue
            self._history.append(ask)
            return

    def structural(self, ask: Callable[[], Any]) -> Any:
        """A question that shapes what follows ("add another?"): it can go back to the question before it, but
        nothing after it can go back past it."""
        box: list[Any] = []
        self.ask_one(lambda: box.__setitem__(slice(None), [ask()]))
        self._history.clear()
        return box[0]

    # public ---------------------------------------------------------------------------------------------
    def run(self) -> Doc:
        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            raise Interrupted() from None

    def _run(self) -> Doc:
        p = self.prompter
        if not p.interactive:
            return self._finish_scripted()
        # a section whose every question says it does not apply here (a custom prompt's ``applies``) is not shown
        sections = [sec for sec in sections_of(self.model, self.lang) if self._applies(sec)]
        p.note(t("kbd.keys_hint") if self.drafts else t("kbd.keys_hint_no_draft"))
        # a section's header waits for its first question: a resumed draft's finished sections print nothing
        heralded = SectionFirst(p)
        self.prompter = heralded
        try:
            for i, sec in enumerate(sections, 1):
                heralded.pending = (i, len(sections), sec.title)
                for name in sec.fields:
                    self._ask_field((name,), self.model.model_fields[name], force=False)
                heralded.pending = None
        finally:
            self.prompter = p
        refused_before: list[tuple[Path_, str]] | None = None
        while True:
            doc, errors = validate(self.model, self.answers)
            if not errors and doc is not None:
                errors = self._refused(doc)
            if errors:
                self._history.clear()
                said = [(e.loc, e.message) for e in errors]
                if said == refused_before:
                    # asked again, refused again: the way out may be another question (a rule on two fields, of
                    # which one is asked): any section, the same questions again, or stop with the draft kept
                    refused_before = None
                    self._way_out(sections)
                    continue
                refused_before = said
                self._fix(errors)
                continue
            refused_before = None
            assert doc is not None
            if not self.review:
                return doc
            self._history.clear()
            action = self._review(sections, doc)
            self._history.clear()
            if action == "save":
                return doc
            if action == "cancel":
                raise Interrupted()
            if isinstance(action, tuple):  # a list item: edited or deleted
                self._change_item(*action)
                continue
            sec = next(s for s in sections if s.title == action)
            for name in sec.fields:
                self._ask_field((name,), self.model.model_fields[name], force=True)

    def _refused(self, doc: Doc) -> list[FieldError]:
        """The answers the other documents' rules refuse (``rules``), when each can be asked again; none when one
        cannot (the whole document is refused): the caller then keeps the answers as a draft and says why."""
        found = self.rules(doc) if self.rules is not None else []
        errors = [FieldError(tuple(loc), message) for loc, message in found]
        if all(e.loc and self._info_at(self._answerable(e.loc)) is not None for e in errors):
            return errors
        return []

    def _applies(self, sec: Section) -> bool:
        for name in sec.fields:
            test = getattr(self.custom.get(name), "applies", None)
            if test is None or test(self):
                return True
        return False

    # scripted ---------------------------------------------------------------------------------------------
    def _finish_scripted(self) -> Doc:
        merged = merge_answers(self.defaults, self.answers)
        doc, errors = validate(self.model, merged)
        if errors:
            missing = missing_fields(errors)
            if missing and len(missing) == len(errors):
                raise MissingAnswers(missing, self.source)
            raise DataError([Problem(self.source, None, e.dotted, e.message) for e in errors])
        assert doc is not None
        return doc

    # asking -----------------------------------------------------------------------------------------------
    def _default(self, path: Path_) -> Any:
        """What the prompt offers: this run's answer, else the resumed draft's, else the earlier records'."""
        for source in (self.answers, self.draft):
            current = get_in(source, path)
            if current is not None:
                return current
        return get_in(self.defaults, path)

    def _ask_field(self, path: Path_, info: FieldInfo, force: bool) -> None:
        key = dotted_path(path)
        if not force and has_in(self.draft, path) and self._finished_in_draft(path, key):
            # finished before the interruption: keep it as it was
            set_in(self.answers, path, copy.deepcopy(get_in(self.draft, path)))
            self.done.add(key)
            return
        self._ask_field_now(path, info, force)
        self.done.add(key)

    def _finished_in_draft(self, path: Path_, key: str) -> bool:
        if key in self.draft_done:
            return True
        # a custom prompt answers its whole part at once: finished when every answer inside it was
        named = ".".join(str(x) for x in path if isinstance(x, str))
        inside = answered_paths(get_in(self.draft, path), path)
        return named in self.custom and bool(inside) and inside <= self.draft_done

    def _ask_field_now(self, path: Path_, info: FieldInfo, force: bool) -> None:
        dotted = ".".join(str(x) for x in path if isinstance(x, str))
        inner, optional = unwrap(info.annotation)
        given = has_in(self.given, path)
        # a part given in full or in part (a resumed draft, a partial answers file) is walked field by field,
        # so the interview continues where it stopped instead of skipping the rest of the part
        if not force and given and (get_in(self.given, path) is None or dotted in self.custom or not is_model(inner)):
            return
        if dotted in self.custom:
            custom = self.custom[dotted]

            def ask_custom() -> None:
                set_in(self.answers, path, custom(self, path, self._default(path)))

            if getattr(custom, "handles_back", False):  # it asks several questions, each one going back itself
                ask_custom()
            else:
                self.ask_one(ask_custom)
            return
        title = title_of(info, str(path[-1]), self.lang)
        item = list_item(inner)
        if is_model(inner):
            if optional and self._rule_need(path) is None and (force or not (given or has_in(self.draft, path))):
                # "add ...?" says No unless the part is already there (then Yes keeps it)
                has = self._default(path) is not None
                if not self.structural(lambda: self.prompter.confirm(t("wiz.add_item", title=title), default=has)):
                    set_in(self.answers, path, None)
                    return
            if get_in(self.answers, path) is None:
                set_in(self.answers, path, dict(self._default(path) or {}))
            for name, sub in ask_fields(inner):
                self._ask_field((*path, name), sub, force)
            return
        if item is not None and is_model(item):
            self._ask_model_list(path, item, title, force)
            return
        if item is not None and is_enum(item):
            choices = [(m.value, enum_label(m, self.lang)) for m in item]

            def tick() -> None:
                current = [as_text(v) for v in as_list(self._default(path))]
                set_in(self.answers, path, self.prompter.checkbox(title, choices, current) or [])

            self.ask_one(tick)
            return
        if item is not None:
            self.ask_one(lambda: self._ask_str_list(path, item, title, info))
            return
        self.ask_one(lambda: set_in(self.answers, path, self._ask_scalar(path, info, inner, optional, title)))

    def _ask_model_list(self, path: Path_, item: type[BaseModel], title: str, force: bool) -> None:
        existing = [x for x in as_list(self._default(path)) if isinstance(x, dict)]
        set_in(self.answers, path, [dict(x) for x in existing])
        items: list[Any] = get_in(self.answers, path)
        for idx in range(len(items)):
            for name, sub in ask_fields(item):
                # offered again (pre-filled), except what a resumed draft had already finished
                self._ask_field((*path, idx, name), sub, force=force)

        info = self._info_at(path)
        required = info is not None and (needs_an_item(info) or self._rule_need(path) is not None)

        def more() -> bool:
            # "add another?" (and "add one?") says No: Enter never starts an item nobody asked for, except the
            # first of a list the model requires (a plan's goals): saying No there only leads back to it
            key = "wiz.add_another" if items else "wiz.add_item"
            return self.prompter.confirm(t(key, title=title.lower()), default=required and not items)

        while self.structural(more):
            items.append({})
            for name, sub in ask_fields(item):
                self._ask_field((*path, len(items) - 1, name), sub, force=True)

    def _ask_str_list(self, path: Path_, item: Any, title: str, info: FieldInfo) -> None:
        """One prompt per value, an empty one ends the list. Each value is kept whole (a text is never taken for
        a list of its characters), and the list holds the answers so far, so a draft keeps them."""
        current = [as_text(v) for v in as_list(self._default(path))]
        values: list[str] = []
        idx = 0
        need = self._rule_need(path)
        required = needs_an_item(info) or need is not None
        missing = need_message(need)

        def check(s: str, first: bool) -> str | None:
            if not s.strip():  # an empty line ends the list, but a required list needs one value first
                return missing if required and first else None
            return check_value(item, s.strip())

        while True:
            default = current[idx] if idx < len(current) else ""
            try:
                answer = self.prompter.text(
                    f"{title} ({idx + 1})",
                    default=default,
                    validate=lambda s, first=not values: check(s, first),  # type: ignore[misc]
                    instruction=t("wiz.list_hint") if idx == 0 else None,
                ).strip()
            except GoBack:
                if idx == 0:
                    raise
                idx -= 1  # the value before, offered again
                current[idx:idx + 1] = [values.pop()] if values else []
                continue
            if not answer:
                break
            values.append(answer)
            if len(values) == 1:
                set_in(self.answers, path, values)
            idx += 1
        set_in(self.answers, path, values)

    def _ask_list_item(self, path: Path_, info: FieldInfo) -> None:
        """Ask again one value of a list of plain values (``legal.articles[1]``, a goal reference), keeping the
        others: the one place a single list value is asked on its own."""
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        title = title_of(info, str(path[-2]), self.lang)
        values = get_in(self.answers, path[:-1])
        if not isinstance(values, list):
            values = [x for x in as_list(self._default(path[:-1]))]
            set_in(self.answers, path[:-1], values)
        index = int(path[-1])
        current = as_text(values[index]) if index < len(values) and not isinstance(values[index], list | dict) else ""

        def ask() -> None:
            answer = self.prompter.text(f"{title} ({index + 1})", default=current,
                                        validate=lambda s: check_value(item, s.strip()) if s.strip() else None,
                                        instruction=t("kbd.list_item_hint")).strip()
            if answer:
                values[index] = answer
            else:
                del values[index]

        self.ask_one(ask)

    def _ask_scalar(self, path: Path_, info: FieldInfo, tp: Any, optional: bool, title: str,
                    required: bool | None = None) -> Any:
        """One answer; ``required`` overrides the model's optionality (a field a rule makes required)."""
        p = self.prompter
        default = self._default(path)
        help_text = help_of(info, self.lang)
        if default is None and not info.is_required():
            # a required field's default is PydanticUndefined, which must never be offered as an answer
            declared = info.get_default(call_default_factory=True)
            if declared is not None and not isinstance(declared, list | dict):
                default = declared
        # a field a rule makes required (the programme's, the Litmas purpose's: the rule ``check`` applies)
        need = self._rule_need(path) if required is None else None
        if required is None:
            required = (not optional and info.is_required()) or need is not None
        if is_enum(tp):
            choices = [(m.value, enum_label(m, self.lang)) for m in tp]
            needed = not optional or bool(required)
            if not needed:
                choices.append(("", t("wiz.none")))
            offered = as_text(default) or (None if needed else "")
            # a required choice nobody has answered yet starts on "— pilih salah satu —", which Enter refuses:
            # Enter alone never records a sex, a religion or a reason nobody chose
            value = p.select(title, choices, default=offered, must_choose=offered is None)
            return value or None
        if tp is bool:
            return p.confirm(title, default=bool(default))
        missing = need_message(need)

        def check(text: str) -> str | None:
            text = text.strip()
            if not text:
                return missing if required else None
            return check_value(annotation_of(info), text)

        instruction = help_text or None
        if tp is dt.date:
            instruction = t("wiz.date_hint")
        long = is_long(info)
        if long:
            instruction = t("wiz.multiline_hint")
        if not required:
            title = f"{title} {t('wiz.optional')}"
        answer = p.text(title, default=as_text(default), validate=check, multiline=long, instruction=instruction)
        answer = answer.strip()
        if not answer:
            return None
        if tp in (int, float):
            return tp(answer)
        if tp is dt.date:
            return adapter(annotation_of(info)).validate_python(answer)
        return answer

    def choose(self, path: Path_, title: str, choices: list[tuple[str, str]], current: Any) -> str:
        """A custom prompt's choice of a field's value (a goal of the plan, a placement): the current value is
        offered when it is one of the choices; a required field with nothing to offer starts on "— pilih salah
        satu —", which Enter refuses (as a required choice of the model's own, ``_ask_scalar``)."""
        default = current if any(current == value for value, _ in choices) else None
        if default is None and len(choices) == 1:
            default = choices[0][0]  # the only one there is (a sentence's one placement): nothing to get wrong
        info = self._info_at(path)
        required = info is not None and (info.is_required() or self._rule_need(path) is not None)
        return self.prompter.select(title, choices, default=default, must_choose=default is None and required)

    def _rule_need(self, path: Path_) -> Need | None:
        """The rule that makes the field at ``path`` required with the answers so far, if any (``rule_need``)."""
        found: Need | None = rule_need(self.model, self.answers, path)
        return found

    def _cancel_label(self) -> str:
        return t("wiz.review_cancel") if self.drafts else t("wiz.review_cancel_no_draft")

    def _way_out(self, sections: list[Section]) -> None:
        """An answer refused twice: any section asked again, the same questions again, or stop (the caller keeps
        the draft, as at the review's cancel)."""
        p = self.prompter
        again, stop = "\0again", "\0stop"
        choice = p.select(t("wiz.stuck"), [(again, t("wiz.stuck_again")),
                                           *((s.title, t("wiz.stuck_section", title=s.title)) for s in sections),
                                           (stop, self._cancel_label())], default=again)
        if choice == stop:
            raise Interrupted()
        if choice != again:
            sec = next(s for s in sections if s.title == choice)
            for name in sec.fields:
                self._ask_field((name,), self.model.model_fields[name], force=True)

    def _fix(self, errors: list[FieldError]) -> None:
        self.prompter.note(t("wiz.errors"))
        for e in errors:  # named by the fields' titles, in the officer's language (not "request.number")
            where = titled(self.model, e.loc, self.lang)
            self.prompter.note(f"  {where}: {e.message}" if where else f"  {e.message}")
        asked: set[Path_] = set()
        for e in errors:
            loc = self._answerable(e.loc)
            if loc in asked:
                continue
            asked.add(loc)
            info = self._info_at(loc) if loc else None
            if info is None:
                # a cross-field rule on a whole part: ask that part again
                parent = e.loc[:1]
                top = self.model.model_fields.get(str(parent[0])) if parent else None
                if top is None:
                    raise DataError([Problem(self.source, None, e.dotted, e.message)])
                self._ask_field(parent, top, force=True)
                continue
            inner, _ = unwrap(info.annotation)
            item = list_item(inner)
            named = ".".join(str(x) for x in loc if isinstance(x, str))
            if loc and isinstance(loc[-1], int) and (named in self.custom or is_enum(item)):
                self._ask_field(loc[:-1], info, force=True)  # a list asked as one question (ticked, chosen)
            elif loc and isinstance(loc[-1], int) and item is not None and not is_model(item):
                self._ask_list_item(loc, info)  # one value of a list: asked again on its own, the rest kept
            elif loc and isinstance(loc[-1], int) and item is not None and is_model(item):
                for name, sub in ask_fields(item):  # one item of a list of parts: its fields again
                    self._ask_field((*loc, name), sub, force=True)
            else:
                self._ask_field(loc, info, force=True)

    def _answerable(self, loc: Path_) -> Path_:
        """The location of an error as a question can ask it: a value inside a list of values, or an item of a
        list of parts; deeper locations (pydantic's ``[0]`` inside a value) are cut back to the field."""
        out: list[str | int] = []
        model: Any = self.model
        for part in loc:
            if isinstance(part, int):
                out.append(part)
                continue
            if not is_model(model) or part not in model.model_fields:
                break
            out.append(part)
            inner, _ = unwrap(model.model_fields[part].annotation)
            item = list_item(inner)
            model = item if item is not None else inner
        # a trailing index belongs to the list just named; anything after a plain value is dropped
        return tuple(out)

    def _info_at(self, loc: Path_) -> FieldInfo | None:
        model: Any = self.model
        info: FieldInfo | None = None
        for part in loc:
            if isinstance(part, int):
                continue
            if not is_model(model) or part not in model.model_fields:
                return None
            info = model.model_fields[part]
            inner, _ = unwrap(info.annotation)
            item = list_item(inner)
            model = item if item is not None else inner
        return info

    def _review(self, sections: list[Section], doc: Doc) -> Any:
        """The review screen: save, change a section, change or delete one item of a list, or cancel."""
        p = self.prompter
        p.note("")
        p.note(t("wiz.review"))
        for line in review_lines(self.model, self.answers, self.lang, skip=self.described):
            p.note(line)
        if self.describe is not None:
            for line in self.describe(doc):
                p.note(line)
        items = list_items(self.model, self.answers, self.lang)
        choices = [("save", t("wiz.review_save")), ("edit", t("wiz.review_edit"))]
        if items:
            choices.append(("item", t("kbd.review_item")))
        choices.append(("cancel", self._cancel_label()))
        action = p.select(t("wiz.review_action"), choices, default="save")
        if action == "edit":
            return p.select(t("wiz.review_which"), [(s.title, s.title) for s in sections], default=sections[0].title)
        if action == "item":
            keys = {str(i): entry for i, entry in enumerate(items)}
            chosen = p.select(t("kbd.review_which_item"), [(k, label) for k, (_, label) in keys.items()])
            what = p.select(t("kbd.review_item_action"),
                            [("edit", t("kbd.review_item_edit")), ("delete", t("kbd.review_item_delete"))])
            return (keys[chosen][0], what)
        return action

    def _change_item(self, path: Path_, what: str) -> None:
        """Edit (ask its fields again) or delete one item of a list, chosen on the review screen."""
        values = get_in(self.answers, path[:-1])
        index = int(path[-1])
        if not isinstance(values, list) or index >= len(values):
            return
        if what == "delete":
            del values[index]
            return
        info = self._info_at(path)
        if info is None:
            return
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        if item is not None and is_model(item):
            for name, sub in ask_fields(item):
                self._ask_field((*path, name), sub, force=True)
        else:
            self._ask_list_item(path, info)


def list_items(model: type[BaseModel], data: Any, lang: str, path: Path_ = ()) -> list[tuple[Path_, str]]:
    """Every item of every list in a document's answers (lists inside parts too, not inside list items), as
    ``(path, "Keluarga 2: Daniel Ginting")`` for the review screen to edit or delete one."""
    out: list[tuple[Path_, str]] = []
    if not isinstance(data, dict):
        return out
    for name, info in ask_fields(model):
        value = data.get(name)
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        title = title_of(info, name, lang)
        if is_model(inner) and isinstance(value, dict):
            out.extend(list_items(inner, value, lang, (*path, name)))
        elif item is not None and isinstance(value, list):
            for i, entry in enumerate(value):
                shown = _item_summary(item, entry, lang)
                out.append(((*path, name, i), f"{title} {i + 1}: {shown}" if shown else f"{title} {i + 1}"))
    return out


def _item_summary(item: Any, entry: Any, lang: str) -> str:
    """A list item in a few words: a value as it reads, a part by its first one or two answers."""
    if is_model(item) and isinstance(entry, dict):
        words = []
        for name, info in ask_fields(item):
            value = entry.get(name)
            if value in (None, "", [], {}) or isinstance(value, dict | list):
                continue
            inner, _ = unwrap(info.annotation)
            words.append(_shown(inner, value, lang))
            if len(words) == 2:
                break
        return ", ".join(words)
    return _shown(item, entry, lang)


def _shown(tp: Any, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t("wiz.yes") if value else t("wiz.no")
    if tp is dt.date and as_date(value) is not None:
        return long_date(as_date(value), lang)
    text = enum_label(_coerce_enum(tp, value), lang)
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= 60 else first[:57] + "…"


def conform(model: type[BaseModel], data: Any) -> dict[str, Any]:
    """Answers kept to the shapes the model allows: a part is a mapping, a list of parts a list of mappings, a
    list of values a list of plain values, a value never a list or mapping. Anything else is dropped (it would
    be asked again), so a draft never holds a shape the interview could not offer back."""
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    fields = model.model_fields
    for key, value in data.items():
        info = fields.get(key) if isinstance(key, str) else None
        if info is None:
            out[key] = value  # unknown keys are the validation's to report (an answers file's typo)
            continue
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        if value is None:
            out[key] = None
        elif is_model(inner):
            if isinstance(value, dict):
                out[key] = conform(inner, value)
        elif item is not None:
            if isinstance(value, list):
                if is_model(item):
                    out[key] = [conform(item, v) for v in value if isinstance(v, dict)]
                else:
                    out[key] = [v for v in value if v is not None and not isinstance(v, list | dict)]
        elif typing.get_origin(inner) is dict:
            if isinstance(value, dict):  # a mapping of plain values (an instrument's answers)
                out[key] = {k: v for k, v in value.items() if not isinstance(v, list | dict)}
        elif not isinstance(value, list | dict):
            out[key] = value
    return out


def answered_paths(data: Any, path: Path_ = ()) -> set[str]:
    """Every answer in an answers document, as dotted paths down to values and lists (these count as finished)."""
    if isinstance(data, dict):
        out: set[str] = set()
        for key, value in data.items():
            out |= answered_paths(value, (*path, str(key)))
        return out
    return {dotted_path(path)} if path else set()


def merge_answers(base: Any, over: Any) -> Any:
    """``over`` laid on ``base``, part by part (answers over defaults, this run over a draft)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge_answers(base.get(k), v) if k in base else v
        return out
    return over if over is not None else base


def review_lines(model: type[BaseModel], data: Any, lang: str, indent: str = "  ",
                 skip: frozenset[str] = frozenset()) -> list[str]:
    """Human-readable ``Title: value`` lines of a document, following the model's field order (``skip``: fields
    shown another way, e.g. instrument answers with their scores)."""
    lines: list[str] = []
    if not isinstance(data, dict):
        return lines
    for name, info in ask_fields(model):
        if name in skip or name not in data or data[name] in (None, [], {}):
            continue
        value = data[name]
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        title = title_of(info, name, lang)
        if is_model(inner) and isinstance(value, dict):
            inside = review_lines(inner, value, lang, indent + "  ")
            if inside:  # a part left all empty gets no heading of its own
                lines.append(f"{indent}{title}:")
                lines.extend(inside)
        elif item is not None and is_model(item) and isinstance(value, list):
            lines.append(f"{indent}{title}:")
            for i, entry in enumerate(value, 1):
                if isinstance(entry, dict):
                    lines.append(f"{indent}  {i}.")
                    lines.extend(review_lines(item, entry, lang, indent + "    "))
                else:  # typed as text, made a part after the interview (an article: "Pasal 362 KUHP")
                    lines.append(f"{indent}  {i}. {as_text(entry)}")
        elif isinstance(value, list):
            labels = [enum_label(_coerce_enum(item, v), lang) for v in value]
            lines.append(f"{indent}{title}: {', '.join(labels)}")
        else:
            if inner is dt.date and as_date(value) is not None:  # typed, or written in an answers file
                shown = long_date(as_date(value), lang)
            else:
                shown = enum_label(_coerce_enum(inner, value), lang)
            if isinstance(value, bool):
                shown = t("wiz.yes") if value else t("wiz.no")
            first = shown.splitlines()[0] if shown else ""
            more = " …" if len(shown.splitlines()) > 1 else ""
            lines.append(f"{indent}{title}: {first}{more}")
    return lines


def _coerce_enum(tp: Any, value: Any) -> Any:
    if is_enum(tp) and not isinstance(value, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            return value
    return value
