"""``check``: validate every file of the casebook; each problem located as ``path:line: field: message``.

It only reads. What it can repair (the JSON Schemas in ``schemas/`` that the models have moved on from, a settings
file of an earlier shape) it reports as outdated; ``check --fix`` rewrites them (``fix_casebook``,
``migrate_casebook``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import BapascaseError, DataError, Problem
from bapascase.i18n import t
from bapascase.model import registry
from bapascase.store import yamlio
from bapascase.store.casebook import Casebook, valid_case_id
from bapascase.store.documents import read_doc, validate_file
from bapascase.store.layout import CASE_FILE_FOLDERS, CASES_DIR, SETTINGS_FILE
from bapascase.store.textfiles import read_text, resolves_inside

if TYPE_CHECKING:
    from bapascase.workflow.migrate import Migrated

SKIP_FOLDERS = {*CASE_FILE_FOLDERS, "history"}


@dataclass
class CheckResult:
    files: int = 0
    cases: int = 0
    problems: list[Problem] = field(default_factory=list)
    schemas_outdated: list[str] = field(default_factory=list)  # files of schemas/ that ``--fix`` would rewrite
    staging: list[str] = field(default_factory=list)  # hidden folders left by a killed ``new``/``import``
    hidden: list[str] = field(default_factory=list)  # other hidden folders in cases/: never a case, never read
    settings_outdated: list[str] = field(default_factory=list)  # keys of an older settings shape ``--fix`` moves
    # what looks wrong but may be right (a NIK that disagrees with the birth date, the same client twice, a missing
    # attachment): listed, never counted as a problem, never an exit status
    warnings: list[Problem] = field(default_factory=list)
    sharing: list[str] = field(default_factory=list)  # notices about git: uncommitted files, merge set-up...
    unmarked: int = 0  # documents of a casebook from before the end marker that lack it (``--fix`` adds it)
    pending: list[Any] = field(default_factory=list)  # ``store.batch.Pending``: imports a kill left half placed


def cross_document_problems(book: Casebook, case_id: str, docs: dict[str, list[tuple[Path, Any]]],
                            texts: dict[Path, str] | None = None) -> list[Problem]:
    """Each document's rules that need other documents (its behaviour's, the same ones recording applies).
    ``texts``: the documents' texts where the caller has read them already (for the lines of a problem)."""
    from bapascase.workflow.stages import cross_check

    out: list[Problem] = []
    for stage, items in docs.items():
        for path, doc in items:
            text = texts.get(path) if texts is not None else None
            source = book.rel(path)
            out.extend(_unless_unreadable(source, cross_check, book, case_id, stage, doc, source,
                                          read_text(path) if text is None else text))
    return out


def _unless_unreadable(source: str, rule: Callable[..., list[Problem]], *args: Any, **kw: Any) -> list[Problem]:
    """What one document's rules across documents found; a rule that meets another document it cannot read (a
    plan with conflict markers, a case.yaml that is a folder) gives way and gives back that document's error,
    as problems of the file named (``_check_case`` drops those whose file's own problem it listed already), so
    ``check`` goes on to every other rule, file and case and nothing a rule raises is lost."""
    try:
        return rule(*args, **kw)
    except DataError as exc:
        return list(exc.problems)
    except BapascaseError as exc:
        named = exc.kw.get("path")
        where = named if isinstance(named, str) else source
        return [Problem(where, None, "", exc.render_for(where))]


def schema_language(book: Casebook, lang: str) -> str:
    """The casebook's language (its schemas are written in it); ``lang`` while its settings are invalid."""
    try:
        return book.settings.language
    except BapascaseError:
        return lang


def document_warnings(book: Casebook, case_id: str, docs: dict[str, list[tuple[Path, Any]]],
                      texts: dict[Path, str] | None = None, today: dt.date | None = None) -> list[Problem]:
    """Each document's warnings; ``texts``: the documents' texts where the caller has read them already;
    ``today``: with what they say has happened that does not hold on it (``stages.fact_warnings``)."""
    from bapascase.workflow.stages import fact_warnings, warning_problems

    out = []
    for stage, items in docs.items():
        for path, doc in items:
            text = (texts or {}).get(path)
            if today is not None:
                out.extend(_unless_unreadable(book.rel(path), fact_warnings, book, case_id, stage, doc, path, today,
                                              text))
            out.extend(_unless_unreadable(book.rel(path), warning_problems, book, case_id, stage, doc, path,
                                          text=text))
    return out


def duplicate_warnings(book: Casebook, clients: dict[str, tuple[Path, dict[str, Any]]]) -> list[Problem]:
    """The same client registered in more than one case (``model.duplicates``), on each case's intake file.
    ``clients``: case id -> (its intake file, the intake's ``nik``, ``name`` and ``birth_date``)."""
    from bapascase.model.duplicates import SAME_NIK, groups

    summaries = [{"id": cid, **who} for cid, (_, who) in clients.items()]
    out = []
    for reason, ids in groups(summaries):
        loc = ("identity", "nik") if reason == SAME_NIK else ("identity", "name")
        for cid in ids:
            path = clients[cid][0]
            line = yamlio.line_of(yamlio.compose(path.read_text(encoding="utf-8")), loc)
            others = ", ".join(i for i in ids if i != cid)
            out.append(Problem(book.rel(path), line, ".".join(loc),
                               t("kbd.warn.duplicate", others=others, reason=t(f"kbd.same.{reason}"))))
    return out


def check_casebook(book: Casebook, lang: str = "id", progress: Any = None, full: bool = False,
                   today: dt.date | None = None) -> CheckResult:
    """Every file of the casebook checked. A document whose "validated at write" stamp matches (``store.stamps``)
    is the very file that passed these models: its sync-conflict scan is skipped (its cross-document and
    date-dependent rules and its warnings still run). ``full`` ignores the stamps. Each document found valid is
    stamped for the reports that follow. ``today``: what a document says has happened that does not hold on
    it (a date after it, a wajib lapor outside the masa bimbingan) is warned about (``stages.fact_warnings``)."""
    from bapascase.store import stamps
    from bapascase.store.gcpause import gc_paused

    known = {} if full else stamps.known(book, f"{CASES_DIR}/")
    fresh: list[tuple[str, stamps.Stat]] = []
    with gc_paused():  # every document of the casebook is read: no cycles, and the collector's time grew as n²
        result = _check_casebook(book, lang, progress, known, fresh, today)
    stamps.record(book, fresh)
    return result


def _check_casebook(book: Casebook, lang: str, progress: Any, known: dict[str, Any],
                    fresh: list[tuple[str, Any]], today: dt.date | None) -> CheckResult:
    result = CheckResult()
    marked = book.end_marked()  # the rule: store.yamlio.END_MARKER
    if not book.cases_dir.is_dir():
        _casebook_wide(book, result, lang, marked)
        return result
    case_ids = set(book.case_ids())
    entries = sorted(os.listdir(book.cases_dir))  # names: 10,000 paths cost more than listing them

    def work(chunk: Sequence[str]) -> list[_Case]:
        return [_check_case(book, book.cases_dir / name, case_ids, known, marked, today) for name in chunk]

    def wide() -> None:
        _casebook_wide(book, result, lang, marked)

    from bapascase.store.forkmap import fork_map

    clients: dict[str, tuple[Path, dict[str, Any]]] = {}
    # thousands of case folders are shared among the cores (the results, and their order, are one process's)
    for one in fork_map(work, entries, progress=progress, meanwhile=wide):
        result.cases += one.cases
        result.files += one.files
        result.unmarked += one.unmarked
        result.problems.extend(one.problems)
        result.warnings.extend(one.warnings)
        fresh.extend(one.fresh)
        if one.client is not None:
            clients[one.client[0]] = one.client[1:]
    result.warnings.extend(duplicate_warnings(book, clients))
    return result


def _casebook_wide(book: Casebook, result: CheckResult, lang: str, marked: bool) -> None:
    """What lies outside the case folders, into ``result`` (done while other processes begin on the cases, and
    reported before them: the settings file is checked first)."""
    from bapascase.model.settings import SettingsDoc
    from bapascase.workflow.schemas import outdated_schemas

    settings_path = book.root / SETTINGS_FILE
    if os.path.lexists(settings_path):
        result.files += 1
        if resolves_inside(settings_path, book.root):
            _, problems = validate_file(SettingsDoc, settings_path, SETTINGS_FILE, marked=marked)
            result.problems.extend(problems)
            if not problems:
                from bapascase.store.settings_file import legacy_keys

                result.settings_outdated = legacy_keys(read_text(settings_path, shown=SETTINGS_FILE))
        else:  # never read
            result.problems.append(Problem(SETTINGS_FILE, None, "", t("sec.link_out")))
    if not marked and os.path.lexists(settings_path) and resolves_inside(settings_path, book.root):
        from bapascase.errors import UserError

        with contextlib.suppress(UserError):  # the documents are counted as they are read, below
            result.unmarked += yamlio.cut_short(read_text(settings_path, shown=SETTINGS_FILE))
    result.schemas_outdated = [book.rel(path) for path, _ in outdated_schemas(book, schema_language(book, lang))]
    from bapascase.store.instrument_files import instrument_problems

    result.problems.extend(instrument_problems(book))
    result.problems.extend(_template_links(book))
    from bapascase.workflow.sync import sharing_notices

    result.sharing = sharing_notices(book)
    if not book.cases_dir.is_dir():
        return
    from bapascase.store.batch import pending

    result.pending = pending(book)
    journaled = {p.staging for p in result.pending}  # a stopped import's folder: said once, as the import
    result.staging = [book.rel(p) for p in book.staging_folders() if p.name not in journaled]
    result.hidden = book.hidden_folders()


class _Case:
    """What ``check`` found in one entry of ``cases/`` (a plain class: it travels between processes)."""

    def __init__(self) -> None:
        self.cases = 0
        self.files = 0
        self.unmarked = 0
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.fresh: list[tuple[str, Any]] = []  # documents found valid, to be stamped
        self.client: tuple[str, Path, dict[str, Any]] | None = None  # (case id, intake file, who for duplicates)


def _check_case(book: Casebook, entry: Path, case_ids: set[str], known: dict[str, Any], marked: bool,
                today: dt.date | None = None) -> _Case:
    """Every file of one entry of ``cases/`` checked, with the rules across its documents and their warnings."""
    one = _Case()
    if entry.name.startswith(".") or not entry.is_dir():
        return one  # a hidden folder is said apart (``CheckResult.staging``, ``CheckResult.hidden``)
    if not valid_case_id(entry.name):
        one.problems.append(Problem(book.rel(entry), None, "", t("check.bad_folder")))
        return one
    if entry.name not in case_ids:  # a symlink leading out of cases/: never read
        one.problems.append(Problem(book.rel(entry), None, "", t("check.outside")))
        return one
    one.cases += 1
    docs: dict[str, list[tuple[Path, Any]]] = {}
    texts: dict[Path, str] = {}
    folder = book.case_dir(entry.name)
    shown_case = f"{CASES_DIR}/{entry.name}"
    files, links = book.scan_case(entry.name, folder)
    for link in links:  # never read (nor written): said here
        one.problems.append(Problem(book.rel(entry.joinpath(*link.relative_to(folder).parts)), None, "",
                                    t("sec.link_out")))
    for path in files:
        rel_parts = path.relative_to(folder).parts
        shown = "/".join((shown_case, *rel_parts))
        if rel_parts[0] in SKIP_FOLDERS:
            continue
        one.files += 1
        stage = registry.stage_of_path(rel_parts)
        if stage is None:
            one.problems.append(Problem(shown, None, "", t("check.orphan")))
            continue
        found = read_doc(registry.model_for(stage), path, shown, marked=marked, stamp=known.get(shown),
                         trust=False, to_stamp=True)
        one.problems.extend(found.problems)
        if not marked and found.text is not None and yamlio.cut_short(found.text):
            one.unmarked += 1
        if found.stamp is not None:
            one.fresh.append((shown, found.stamp))
        doc = found.doc
        if doc is not None:
            doc._source = "/".join(rel_parts)  # rules across entries count this one once
            docs.setdefault(stage, []).append((path, doc))
            if found.text is not None:
                texts[path] = found.text
    case_file = registry.spec(registry.Stage.CASE).file
    if registry.Stage.CASE not in docs and not any(
            p.path.startswith(f"{book.rel(entry)}/{case_file}") for p in one.problems):
        one.problems.append(Problem(f"{book.rel(entry)}/{case_file}", None, "", t("val.missing")))
    # a rule that met an unreadable document gives that document's error back: its own problem is listed
    # above, once (a document is unreadable for every rule that reads it)
    said = {p.path for p in one.problems}
    one.problems.extend(_once(cross_document_problems(book, entry.name, docs, texts), said))
    one.warnings.extend(_once(document_warnings(book, entry.name, docs, texts, today), said))
    if docs.get(registry.Stage.CASE):
        path, doc = docs[registry.Stage.CASE][0]
        identity = doc.identity
        one.client = (entry.name, path, {"nik": identity.nik, "name": identity.name,
                                         "birth_date": identity.birth_date})
    return one


def _once(found: list[Problem], said: set[str]) -> list[Problem]:
    """``found`` without the errors of documents whose own problem is listed (``said``: their paths), each
    other unreadable document's error once."""
    out: list[Problem] = []
    for problem in found:
        if problem.path not in said and problem not in out:
            out.append(problem)
    return out


def _template_links(book: Casebook) -> list[Problem]:
    """Casebook templates that lead out of ``templates/`` (the reports refuse them; said here first)."""
    import os

    from bapascase.store.textfiles import resolves_inside

    folder = book.templates_dir
    if not folder.is_dir():
        return []
    if not resolves_inside(folder, book.root):
        return [Problem(book.rel(folder), None, "", t("sec.link_out"))]
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted([*dirnames, *filenames]):
            path = Path(dirpath) / name
            if path.is_symlink() and not resolves_inside(path, folder):
                out.append(Problem(book.rel(path), None, "", t("sec.link_out")))
    return out


# a staging folder older than this was left by a command that was killed (one in progress is seconds old)
STALE_STAGING_SECONDS = 3600


def fix_casebook(book: Casebook, lang: str = "id") -> list[str]:
    """Repair what ``check`` can: rewrite the outdated JSON Schemas, set up the field-level merge of this clone.
    Returns the files written (the caller commits them). Files of an earlier format (the settings' old head of
    office included) are ``migrate_casebook``'s."""
    from bapascase.store import git, merge
    from bapascase.workflow.schemas import write_schemas

    written = write_schemas(book, schema_language(book, lang))
    if git.is_repo(book.root) and merge.missing_setup(book.root):
        attributes = merge.ensure_setup(book.root)
        if attributes is not None:
            written.append(book.rel(attributes))
    return written


def remove_stale_staging(book: Casebook, now: float | None = None) -> list[str]:
    """Remove the staging folders a killed ``new`` or ``import`` left in ``cases/`` (those older than
    ``STALE_STAGING_SECONDS``: a younger one may belong to a command still running). Returns the folders
    removed (hidden and never committed: nothing to commit)."""
    import shutil
    import time

    from bapascase.store.batch import pending

    moment = time.time() if now is None else now
    removed: list[str] = []
    journaled = {p.staging for p in pending(book)}  # a decided import (its journal finishes it), never removed
    for folder in book.staging_folders():
        if folder.name in journaled:
            continue
        try:
            if moment - folder.lstat().st_mtime < STALE_STAGING_SECONDS:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(book.rel(folder))
    return removed


def migrate_casebook(book: Casebook, lang: str = "id") -> Migrated:
    """Bring files of an earlier format up to date (``workflow.migrate``): one line per file changed, and the
    files written."""
    from bapascase.workflow import migrate_sentences
    from bapascase.workflow.migrate import migrate

    done = migrate(book, lang)
    migrate_sentences.migrate(book, lang, done)  # the child programme's old code; articles tagged with their code
    return done
