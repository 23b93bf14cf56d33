"""Bringing a casebook written by an earlier bapascase up to date (``check --fix``), one message per file.

- A termination whose reason is a legal ground (``ekspirasi``, ``pencabutan``, ``dipindahkan``, ``meninggal``)
  comes from before the two ends were told apart: it meant the legal end. The end of supervision moves to a new
  ``closing.yaml`` with that ground and date (what the termination knew of it: its letter number), and the
  termination keeps its casework meaning with the reason ``lainnya`` saying where the legal end went. The
  termination file is rewritten in place (``store.roundtrip``), so the officer's comments and layout stay.

- A casebook from before the end marker (``store.yamlio.END_MARKER``; its ``bapascase.yaml`` lacks
  ``end_marker: true``): each headed document that reads as YAML gains the closing line, as it is (nothing else
  in it changes), and ``bapascase.yaml`` gains ``end_marker: true``; from then on a document without the line is
  one cut short. A document that cannot be read as YAML is left as it is and named (``check`` says why). Plain
  ``check`` says once how many documents lack the line (a notice: nothing is wrong with them).
- A settings file that keeps the head of office as ``office.head_name``/``head_nip`` comes from before every person
  of the office was one ``officers`` entry: the head becomes the officer with the role ``kepala``
  (``store.settings_file.migrate``, a round-trip rewrite that keeps the office's comments).

What a migration cannot know (a revocation decree's number, the receiving Bapas) is left for the officer:
``check`` then names the field to fill in. Plain ``check`` reports each file that needs migrating (the
termination's ``reason`` fails validation with a message that points here).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bapascase.i18n import t
from bapascase.model import records, registry
from bapascase.model.derive import LEGACY_TERMINATION_GROUNDS
from bapascase.model.grounds import DIED, REVOKED, ground_label
from bapascase.model.registry import Stage, model_for
from bapascase.model.text import as_date
from bapascase.store.casebook import Casebook


@dataclass(frozen=True)
class Migration:
    case_id: str
    path: Path  # the file to migrate
    reason: str  # the legacy legal reason
    date: Any  # the termination's date
    letter_number: str | None


def pending(book: Casebook) -> list[Migration]:
    """Every file an earlier format left behind, in case order."""
    out: list[Migration] = []
    t_ = Stage.TERMINATION
    for case_id in book.case_ids():
        for path, doc in book.read_docs(case_id, t_):
            reason = records.text(doc, t_, "reason") if isinstance(doc, dict) else None
            if reason in LEGACY_TERMINATION_GROUNDS:
                number = doc.get("letter_number") if isinstance(doc.get("letter_number"), str) else None
                out.append(Migration(case_id, path, reason, records.date(doc, t_, "date"), number))
    return out


@dataclass
class Migrated:
    """What ``migrate`` did: one line per file changed, and the files it wrote (to commit them)."""

    lines: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)


def migrate(book: Casebook, lang: str) -> Migrated:
    """Apply every pending migration (each case under its lock); one line per file written, saying what changed
    (one line for all the documents given their closing line)."""
    from bapascase.store.lock import case_lock

    done = Migrated()
    for m in pending(book):
        with case_lock(book, m.case_id):
            _termination_to_closing(book, m, lang, done)
    _mark_ends(book, lang, done)  # before the settings' own migration: it counts every document it gives the line
    _settings(book, lang, done)
    return done


def _written_before(book: Casebook, case_id: str, stage: str, doc: Any) -> Path | None:
    """The document of ``stage`` in the case that holds exactly ``doc`` (one an interrupted migration wrote)."""
    from bapascase.store.roundtrip import plain, same

    wanted = plain(book.doc_data(doc))
    for path, found in book.read_docs(case_id, stage):
        if same(found, wanted):
            return path
    return None


# -- the end marker ------------------------------------------------------------------------------------------------


def _documents(book: Casebook) -> list[tuple[str | None, Path]]:
    """``bapascase.yaml`` and every stage document, with its case (None for the settings)."""
    from bapascase.store.layout import SETTINGS_FILE

    out: list[tuple[str | None, Path]] = []
    if (book.root / SETTINGS_FILE).is_file():
        out.append((None, book.root / SETTINGS_FILE))
    for case_id in book.case_ids():
        folder = book.case_dir(case_id)
        for path in book.iter_case_files(case_id):
            if registry.stage_of_path(path.relative_to(folder).parts) is not None:
                out.append((case_id, path))
    return out


def unmarked(book: Casebook) -> list[Path]:
    """The headed documents of a casebook from before the end marker that lack it; none once the casebook marks
    its documents (``Casebook.end_marked``)."""
    from bapascase.errors import UserError
    from bapascase.store import yamlio
    from bapascase.store.textfiles import read_text

    if book.end_marked():
        return []
    out: list[Path] = []
    for _, path in _documents(book):
        try:
            text = read_text(path, shown=book.rel(path))
        except UserError:
            continue  # check names it
        if yamlio.cut_short(text):
            out.append(path)
    return out


def _mark_ends(book: Casebook, lang: str, done: Migrated) -> None:
    """The end-marker migration (see the module's docstring)."""
    from bapascase.errors import BapascaseError
    from bapascase.store import yamlio
    from bapascase.store.atomic import atomic_write
    from bapascase.store.casebook import write_yaml
    from bapascase.store.layout import SETTINGS_FILE
    from bapascase.store.lock import case_lock
    from bapascase.store.textfiles import read_text

    if book.end_marked():
        return
    settings = book.root / SETTINGS_FILE
    marked: list[Path] = []
    for case_id, path in _documents(book):
        lock: contextlib.AbstractContextManager[None] = (
            case_lock(book, case_id) if case_id is not None else contextlib.nullcontext())
        with lock:
            try:
                text = read_text(path, shown=book.rel(path))
                if not yamlio.cut_short(text):
                    continue
                if not isinstance(yamlio.loads(text, book.rel(path)), dict):
                    raise yamlio.YamlError([])
            except BapascaseError:
                done.lines.append(t("migrate.end_marker_skipped", lang, path=book.rel(path)))
                continue
            atomic_write(path, yamlio.with_end_marker(text))  # as it was, with its closing line
            marked.append(path)
    try:
        raw = book.read_raw(settings) if settings.is_file() else None
    except BapascaseError:
        raw = None
    if isinstance(raw, dict):
        # right after schema_version: a bapascase.yaml cut short still says it
        keys = list(raw)
        at = keys.index("schema_version") + 1 if "schema_version" in keys else 0
        stamped = dict([*list(raw.items())[:at], ("end_marker", True), *list(raw.items())[at:]])
        stamped["end_marker"] = True
        write_yaml(settings, stamped)  # in place, comments kept; it ends with the closing line too
        book.forget_settings()
        done.paths += [p for p in marked if p != settings] + [settings]
    else:
        done.paths += marked
    if marked:
        done.lines.append(t("migrate.end_marker", lang, n=len(marked), marker=yamlio.END_MARKER))


def _settings(book: Casebook, lang: str, done: Migrated) -> None:
    """The office's old head-of-office keys moved to its officers (the settings' own older shape)."""
    from bapascase.store.layout import SETTINGS_FILE
    from bapascase.store.settings_file import migrate as migrate_settings

    moved = migrate_settings(book.root)
    if moved:
        done.paths.append(book.root / SETTINGS_FILE)
        done.lines.append(t("kbd.settings_migrated", lang, path=SETTINGS_FILE, keys=", ".join(moved)))


def _reopened_on(book: Casebook, m: Migration) -> Any:
    """The date of the reopening that reversed this legacy end, if one did (``derive.ends_in_effect``)."""
    from bapascase.model import derive

    docs: dict[str, list[Any]] = {
        s: [d for _, d in book.read_docs(m.case_id, s)] for s in (Stage.TERMINATION, Stage.CLOSING, Stage.REOPEN)}
    rec = records.case_record(docs)
    day = m.date.isoformat() if m.date else None
    if (day or "", "both") in derive.record_ends(rec):
        return None
    later = sorted(d for d in rec.reopen_dates if d and (day is None or d >= day))
    return as_date(later[0]) if later else None


def _termination_to_closing(book: Casebook, m: Migration, lang: str, done: Migrated) -> None:
    from bapascase.model.closing import ClosingGround
    from bapascase.model.validation import validate
    from bapascase.store.casebook import write_yaml
    from bapascase.workflow.stages import behaviour_of

    ground = LEGACY_TERMINATION_GROUNDS[m.reason]
    reopened = _reopened_on(book, m)  # before anything is written: as the old files say
    raw = book.read_raw(m.path)
    if not isinstance(raw, dict):
        done.lines.append(t("migrate.skipped", lang, path=book.rel(m.path)))
        return
    label = ground_label(ground, lang)
    closing: dict[str, Any] = {"date": m.date, "ground": ground}
    if ground == REVOKED and m.letter_number:
        closing.update(decree_number=m.letter_number, decree_date=m.date)
    elif ground == DIED:
        closing["death_date"] = m.date
    if m.letter_number and ground != REVOKED:
        closing["letter_number"] = m.letter_number
    model = model_for(Stage.CLOSING)
    doc, errors = validate(model, closing)
    if doc is None:  # what the old file never knew is missing: written as known, check then names the field
        doc = model.model_construct(**{**closing, "ground": ClosingGround(ground)})
    # named by the documents' own entry-name hook, like a closing recorded with ``close``; one this migration
    # already wrote before it was stopped (killed, a full disk) is taken as it is, never written twice
    target = _written_before(book, m.case_id, Stage.CLOSING, doc) or book.write_doc(
        m.case_id, Stage.CLOSING, doc, behaviour_of(Stage.CLOSING).entry_name(book, m.case_id, doc))
    # the termination keeps its casework meaning; rewritten in place, the officer's comments and layout kept
    changed: dict[str, Any] = {}
    for key, value in raw.items():
        changed[key] = "lainnya" if key == "reason" else value
        if key == "reason" and not raw.get("reason_other"):
            changed["reason_other"] = t("migrate.reason_other", lang, ground=label)
    write_yaml(m.path, changed)
    done.paths += [target, m.path]
    done.lines.append(t("migrate.termination", lang, path=book.rel(m.path), reason=m.reason,
                        closing=book.rel(target), ground=label))
    if reopened is not None:
        # the old reopening reversed both ends at once; now that they are two, each has its reopening
        again = model_for(Stage.REOPEN).model_validate({"date": reopened, "reason": t("migrate.reopen_reason", lang)})
        path = _written_before(book, m.case_id, Stage.REOPEN, again) or book.write_doc(
            m.case_id, Stage.REOPEN, again, behaviour_of(Stage.REOPEN).entry_name(book, m.case_id, again))
        done.paths.append(path)
        done.lines.append(t("migrate.reopen", lang, path=book.rel(path)))
    done.lines += [t("migrate.fill_in", lang, path=book.rel(target), field=e.dotted) for e in errors]
