"""Instrument definitions on disk: the built-in ones shipped in ``bapascase/data/instruments`` and a casebook's own
``instruments/*.yaml`` (a newer version a decree brings, added without code). Scoring itself is
``bapascase.model.scoring``; what a definition may contain is ``bapascase.model.instrument_def``.

Definitions are kept per process and re-read when a casebook's files change. Checked definitions are also kept,
normalised, on disk (keyed by each file's size and checksum): the built-in ones per user
(``~/.cache/bapascase/instruments.json``), a casebook's own in its ``.bapascase/instruments.json``. The caseload index
computes risk categories whenever it is rebuilt, and reading those caches needs neither YAML nor pydantic.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.resources
import json
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import BapascaseError, Problem, UserError
from bapascase.i18n import t
from bapascase.model.scoring import (
    CHILD,
    PARTS,
    ClientFacts,
    DefinitionError,
    Instrument,
    Score,
    category_change,
    default_instrument,
    instrument_from_dict,
    score,
    version_key,
)
from bapascase.store.definition_files import book_files, signature
from bapascase.store.layout import INSTRUMENTS_DIR

if TYPE_CHECKING:
    from bapascase.store.casebook import Casebook



Key = tuple[str, str]

_builtin: dict[Key, Instrument] | None = None
# casebook root -> (file signature, instruments of the casebook only, problems)
_book_cache: dict[Path, tuple[list[Any], dict[Key, Instrument], list[Problem]]] = {}

CACHE_FILE = "instruments.json"
CACHE_VERSION = 2


class CheckedDefinitions:
    """Definitions already checked, normalised, by source name and content signature, in one JSON file.

    Derived data like the index: deleting it loses nothing, a stale or broken one is ignored.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.changed = False
        if self.path is not None:
            from bapascase.errors import BapascaseError
            from bapascase.store.textfiles import read_bytes

            try:
                raw = json.loads(read_bytes(self.path))
                if isinstance(raw, dict) and raw.get("version") == _cache_version():
                    entries = raw.get("definitions") or {}
                    self.entries = entries if isinstance(entries, dict) else {}
            except (BapascaseError, ValueError, RecursionError):
                self.entries = {}

    def load(self, source: str, text: bytes) -> Instrument:
        """The definition in ``text`` (from ``source``); ``DefinitionError`` or a YAML error when it is broken."""
        signature = [len(text), zlib.crc32(text)]
        entry = self.entries.get(source)
        if isinstance(entry, dict) and entry.get("sig") == signature:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                return instrument_from_dict(entry["data"], source)
        from bapascase.model.instrument_def import validate_definition
        from bapascase.store import yamlio

        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            from bapascase.errors import UserError

            raise UserError("err.not_utf8", path=source) from None
        data = validate_definition(yamlio.loads(decoded, source), source)
        self.entries[source] = {"sig": signature, "data": data}
        self.changed = True
        return instrument_from_dict(data, source)

    def forget(self, keep: set[str]) -> None:
        """Drop the entries of files that are gone."""
        gone = [k for k in self.entries if k not in keep]
        for key in gone:
            del self.entries[key]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        from bapascase.store.atomic import atomic_write

        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps({"version": _cache_version(), "definitions": self.entries},
                                               ensure_ascii=False))
        self.changed = False


def _cache_version() -> str:
    from bapascase import __version__

    return f"{CACHE_VERSION}/{__version__}"


# -- loading -----------------------------------------------------------------------------------------------------


def builtin_instruments() -> dict[Key, Instrument]:
    """The definitions shipped with bapascase. A broken one is a bug in bapascase itself: it raises."""
    global _builtin
    if _builtin is None:
        from bapascase.env import user_cache_dir

        checked = CheckedDefinitions(Path(user_cache_dir()) / CACHE_FILE)
        found: dict[Key, Instrument] = {}
        folder = importlib.resources.files("bapascase") / "data" / INSTRUMENTS_DIR
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".yaml"):
                continue
            inst = checked.load(f"bapascase/data/{INSTRUMENTS_DIR}/{entry.name}", entry.read_bytes())
            found[inst.key] = inst
        checked.save()
        _builtin = found
    return _builtin


def _load_book(book: Casebook) -> tuple[dict[Key, Instrument], list[Problem]]:
    root = Path(book.root)
    files = book_files(root)
    sig = signature(files)
    cached = _book_cache.get(root)
    if cached is not None and cached[0] == sig:
        return cached[1], cached[2]
    builtin = builtin_instruments()
    checked = CheckedDefinitions(book.state_dir / CACHE_FILE)
    found: dict[Key, Instrument] = {}
    problems: list[Problem] = []
    for path in files:
        rel = f"{INSTRUMENTS_DIR}/{path.name}"
        try:
            from bapascase.store.textfiles import read_bytes

            inst = checked.load(rel, read_bytes(book.guard(path), shown=rel))
        except DefinitionError as exc:
            problems.extend(Problem(rel, None, "", message) for message in exc.problems)
            continue
        except BapascaseError as exc:  # YAML syntax
            problems.extend(getattr(exc, "problems", None) or [Problem(rel, None, "", exc.render_for(rel))])
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(rel, None, "", exc.__class__.__name__))
            continue
        if inst.key in builtin:
            if _same(inst, builtin[inst.key]):
                continue
            problems.append(
                Problem(rel, None, "version", t("instr.def_shadows_builtin", instrument=inst.id, version=inst.version))
            )
            continue
        if inst.key in found:
            other = found[inst.key].origin
            problems.append(
                Problem(rel, None, "version", t("instr.def_duplicate_file", instrument=inst.id, version=inst.version,
                                                other=other))
            )
            continue
        found[inst.key] = inst
    checked.forget(keep={f"{INSTRUMENTS_DIR}/{path.name}" for path in files})
    checked.save()
    _book_cache[root] = (sig, found, problems)
    return found, problems


def _same(a: Instrument, b: Instrument) -> bool:
    return a == b  # ``origin`` is not compared


def load_instruments(book: Casebook | None) -> dict[Key, Instrument]:
    """Every known definition, ``(id, version) -> Instrument``: built-in plus the casebook's valid own files.

    A definition that ``replaces`` an earlier id and version (``rri`` 2021 reads the answers recorded as
    ``rri-a`` 2021, RRI part A alone) is found under that key too, unless a file defines it."""
    out = dict(builtin_instruments())
    if book is not None:
        own, _problems = _load_book(book)
        out.update(own)
    for inst in list(out.values()):
        for key in inst.replaces:
            out.setdefault(key, inst)
    return out


def instrument_problems(book: Casebook) -> list[Problem]:
    """Problems in the casebook's ``instruments/*.yaml`` (for ``check``); broken files are otherwise skipped."""
    _own, problems = _load_book(book)
    return list(problems)


def versions(book: Casebook | None, instrument_id: str) -> list[str]:
    """The known versions of one instrument, oldest first."""
    found = [v for (i, v) in load_instruments(book) if i == instrument_id]
    return sorted(found, key=version_key)


def latest(book: Casebook | None, instrument_id: str) -> Instrument:
    """The newest version of an instrument (a casebook's newer file wins over the built-in one)."""
    known = versions(book, instrument_id)
    if not known:
        raise UserError("instr.unknown_instrument", instrument=instrument_id, known=_ids(book))
    return load_instruments(book)[(instrument_id, known[-1])]


def get(book: Casebook | None, instrument_id: str, version: str) -> Instrument:
    """One exact version; a clear ``UserError`` when the instrument or the version is unknown."""
    found = load_instruments(book).get((instrument_id, str(version)))
    if found is not None:
        return found
    known = versions(book, instrument_id)
    if not known:
        raise UserError("instr.unknown_instrument", instrument=instrument_id, known=_ids(book))
    raise UserError("instr.unknown_version", instrument=instrument_id, version=version, known=", ".join(known))


def _ids(book: Casebook | None) -> str:
    return ", ".join(sorted({i for (i, _v) in load_instruments(book)}))


def clear_cache() -> None:
    global _builtin
    _builtin = None
    _book_cache.clear()


# -- scoring recorded assessments -------------------------------------------------------------------------------


def _plain(doc: Any) -> dict[str, Any]:
    """An assessment as a plain dict, whether a validated model or YAML-loaded data."""
    if isinstance(doc, Mapping):
        return dict(doc)
    dump = getattr(doc, "model_dump", None)
    if callable(dump):
        data = dump(mode="python")
        return data if isinstance(data, dict) else {}
    return {}


def _field(doc: Any, name: str) -> Any:
    """One top-level field of a document, plain data or a model (read as it is: the model is not dumped)."""
    if isinstance(doc, Mapping):
        return doc.get(name)
    return getattr(doc, name, None) if hasattr(doc, "model_dump") else None


def _part(assessment: Any, part: str) -> dict[str, Any] | None:
    """One part of an assessment (``rri``, ``criminogenic``) as plain data. Of a model only that part is dumped:
    dumping the whole document would build the serializer of the whole assessment model (a report pays that)."""
    value = _field(assessment, part)
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        value = dump(mode="python")
    return dict(value) if isinstance(value, Mapping) else None


def _definition_for(book: Casebook | None, part: Mapping[str, Any]) -> Instrument | None:
    instrument, version = part.get("instrument"), part.get("version")
    if not isinstance(instrument, str) or version is None or isinstance(version, bool):
        return None
    return load_instruments(book).get((instrument.strip(), str(version).strip()))


def score_part(book: Casebook | None, assessment: Any, part: str, case: Any = None) -> Score | None:
    """The score of one part (``rri`` or ``criminogenic``); None when absent or its definition is unknown.
    ``case`` (the intake, plain data or a model) tells which parts of the instrument apply to the client."""
    data = _part(assessment, part)
    if data is None:
        return None
    inst = _definition_for(book, data)
    if inst is None:
        return None
    answers = data.get("answers")
    return score(inst, answers if isinstance(answers, Mapping) else {}, client_facts(case, assessment))


def client_facts(case: Any, assessment: Any = None) -> ClientFacts:
    """What the instruments must know of the client: the sex from the intake, and whether the case is a narcotics
    case (as the assessment confirms it, else as the intake's articles and offence say)."""
    from bapascase.model import derive, records
    from bapascase.model.registry import Stage

    data = _plain(case) if case is not None else {}
    if not data:
        return ClientFacts()
    sex = records.text(data, Stage.CASE, "identity.sex")
    confirmed = records.value({"rri": _part(assessment, "rri")}, Stage.ASSESSMENT, "rri.narcotics_case") \
        if assessment else None
    narcotics = confirmed if isinstance(confirmed, bool) else derive.narcotics_case(
        records.texts(data, Stage.CASE, "legal.articles"), records.text(data, Stage.CASE, "legal.offence"))
    return ClientFacts(female=None if sex is None else sex == "P", narcotics=narcotics)


def child_at(case: Any, day: Any) -> bool:
    """Whether the client is a child on ``day`` (an assessment's date): a child programme, or under 18."""
    from bapascase.model import derive, records
    from bapascase.model.programmes import programme
    from bapascase.model.registry import Stage

    data = _plain(case) if case is not None else {}
    info = programme(records.text(data, Stage.CASE, "legal.programme"))
    return derive.child_client(bool(info and info.child), records.value(data, Stage.CASE, "identity.birth_date"), day)


def risk_category(book: Casebook | None, assessment: Any, case: Any = None) -> str | None:
    """The risk category id of an assessment (plain YAML data); None if absent, incomplete, unknown, or (with
    the intake) an adult instrument answered for a child. Never raises."""
    try:
        result = score_part(book, assessment, "rri", case)
        if result is None or (case is not None and not fits_client(result.instrument, case, assessment)):
            return None
        return result.category
    except Exception:  # the index must survive any data
        return None


def fits_client(inst: Instrument, case: Any, assessment: Any) -> bool:
    """An instrument fits the client: a child's for a child (a child programme, or under 18 on the day of the
    assessment), an adult's for an adult. A child is never scored on an adult instrument."""
    return (inst.client == CHILD) == child_at(case, _field(assessment, "date"))


def legacy_answers(book: Casebook | None, part: Mapping[str, Any]) -> bool:
    """Answers recorded under an id and version a newer definition replaces (``rri-a`` 2021): kept valid and
    readable as they are."""
    key = (str(part.get("instrument") or "").strip(), _text(part.get("version")) or "")
    inst = load_instruments(book).get(key)
    return inst is not None and key in inst.replaces


def score_assessment(book: Casebook | None, assessment: Any, case: Any = None) -> dict[str, Any]:
    """Both scores of an assessment, JSON-ready and bilingual: ``{"rri": {...} | None, "criminogenic": ...}``.
    The RRI's carries its parts and the verdict on the criminogenic needs assessment (``verdict``).

    A part whose instrument/version is unknown gives ``{"instrument", "version", "known": False}``.
    """
    out: dict[str, Any] = {}
    for part in PARTS:
        data = _part(assessment, part)
        if data is None:
            out[part] = None
            continue
        result = score_part(book, assessment, part, case)
        if result is None:
            out[part] = {"instrument": data.get("instrument"), "version": _text(data.get("version")), "known": False}
        else:
            out[part] = result.as_dict()
            if isinstance(data.get("notes"), str):
                out[part]["notes"] = data["notes"]
    return out


def engine_results(book: Casebook, case_id: str, assessment: Any) -> dict[str, Any]:
    """What the assessment review and ``show`` give for this client: each instrument's result (the RRI's parts
    with their answers, the total and category, the verdict on the criminogenic needs assessment as ``verdict``
    and in both languages as ``verdict_text``, the unverified notes). ``assessment`` is plain data or a model;
    the client's intake is read here (plain data: ``show`` builds no model)."""
    from bapascase.model.registry import Stage

    return assessment_results(book, assessment, book.read_one(case_id, Stage.CASE))


def assessment_results(book: Casebook | None, assessment: Any, case: Any = None) -> dict[str, Any]:
    """``score_assessment`` for one client, with the RRI's verdict in words (``rri.verdict_text``: id and en) and
    whether each instrument fits the client (``fits``: False for an adult instrument answered for a child)."""
    out = score_assessment(book, assessment, case)
    for part in PARTS:
        result = score_part(book, assessment, part, case)
        if result is None or not out.get(part):
            continue
        out[part]["fits"] = case is None or fits_client(result.instrument, case, assessment)
        if result.verdict is not None:
            out[part]["verdict_text"] = {lang: result.verdict_text(lang) for lang in ("id", "en")}
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def risk_change(book: Casebook | None, before: Any, after: Any, part: str = "rri") -> dict[str, Any]:
    """How the category of ``part`` moved between two assessments (older first), for ``show`` and reports."""
    return category_change(score_part(book, before, part), score_part(book, after, part)).as_dict()


# -- check --------------------------------------------------------------------------------------------------------


def check_instrument_answers(book: Casebook | None, assessment: Any, case: Any = None
                             ) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems the model cannot see alone: unknown instrument/version, wrong kind, unknown item or option ids;
    with the intake (``case``): an adult instrument for a child (or the other way round) and answers to a part
    that does not apply to the client (part C for a man).

    Each problem is ``(location, message)``, the location as in a pydantic error (``("rri", "answers", "x")``).
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    child = child_at(case, _field(assessment, "date")) if case is not None else None
    facts = client_facts(case, assessment)
    # an assessment recorded before the child's instruments existed (its RRI as ``rri-a``) stays valid as it is;
    # reports leave an adult instrument unscored for a child
    rri = _part(assessment, "rri")
    legacy = rri is not None and legacy_answers(book, rri)
    for part, kind in PARTS.items():
        data = _part(assessment, part)
        if data is None:
            continue
        instrument = str(data.get("instrument") or "").strip()
        version = _text(data.get("version"))
        known_versions = versions(book, instrument)
        if not known_versions:
            problems.append(((part, "instrument"), t("instr.unknown_instrument", instrument=instrument,
                                                        known=_ids(book))))
            continue
        inst = load_instruments(book).get((instrument, (version or "").strip()))
        if inst is None:
            problems.append(((part, "version"), t("instr.unknown_version", instrument=instrument, version=version,
                                                     known=", ".join(known_versions))))
            continue
        if inst.kind != kind:
            problems.append(((part, "instrument"), t("instr.wrong_kind", instrument=instrument,
                                                        expected=t(f"instr.kind_{kind}"))))
        if child is not None and (inst.client == CHILD) != child and not legacy:
            key = "instr.adult_for_child" if child else "instr.child_for_adult"
            problems.append(((part, "instrument"), t(key, instrument=instrument,
                                                        expected=default_instrument(part, child))))
        result = score(inst, data.get("answers") if isinstance(data.get("answers"), Mapping) else {}, facts)
        for item_id in result.unknown_items:
            problems.append(((part, "answers", item_id), t("instr.unknown_item", item=item_id, instrument=inst.id,
                                                               version=inst.version)))
        for item_id, option_id in result.unknown_options:
            item = inst.item(item_id)
            options = ", ".join(o.id for o in item.options) if item else ""
            problems.append(((part, "answers", item_id), t("instr.unknown_option", option=option_id, item=item_id,
                                                               options=options)))
        for p in result.parts:
            if p.applies is False and p.answered:
                first = next(s.item.id for s in p.items if s.option is not None)
                problems.append(((part, "answers", first), t(f"instr.part_not_for_{p.part.applies_to}",
                                                             part=p.part.title())))
    return problems


# -- JSON Schema hints --------------------------------------------------------------------------------------------


def answers_schema(book: Casebook | None, instrument_id: str) -> dict[str, Any]:
    """A JSON Schema for the ``answers`` mapping of one instrument: each known item id with its option ids (the
    union over every known version), so editors complete them and generated answers are valid."""
    props: dict[str, Any] = {}
    for (iid, _version), inst in sorted(load_instruments(book).items(), key=lambda kv: version_key(kv[0][1])):
        if iid != instrument_id:
            continue
        for item in inst.items:
            entry = props.setdefault(item.id, {"type": "string", "enum": [], "title": item.text("id"),
                                               "x-title-en": item.text("en")})
            for opt in item.options:
                if opt.id not in entry["enum"]:
                    entry["enum"].append(opt.id)
            labels = "; ".join(f"{o.id} = {o.label('id')} ({o.points})" for o in item.options)
            entry["description"] = labels
            entry["x-help-en"] = "; ".join(f"{o.id} = {o.label('en')} ({o.points})" for o in item.options)
    return {"type": "object", "properties": props, "additionalProperties": {"type": "string"}}


def enrich_assessment_schema(schema: dict[str, Any], book: Casebook | None = None) -> dict[str, Any]:
    """The assessment JSON Schema with the instruments' item and option ids under ``rri``/``criminogenic``."""
    out = copy.deepcopy(schema)
    defs = out.get("$defs", {})
    for part, def_name in (("rri", "RriAnswers"), ("criminogenic", "CriminogenicAnswers")):
        target = defs.get(def_name, {}).get("properties", {})
        if "answers" not in target:
            continue
        try:
            # an adult's instrument: a child's item ids are allowed as any other text key
            hints = answers_schema(book, default_instrument(part, child=False))
            current = latest(book, default_instrument(part, child=False))
        except (BapascaseError, DefinitionError):
            continue
        target["answers"] = {**target["answers"], **hints}
        if "version" in target:
            target["version"] = {**target["version"], "examples": [current.version]}
    return out
