"""The casebook on disk: discovery, safe case folders, reading and writing stage documents."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.model.registry import SPECS, StageSpec, spec
from bapascase.store.discovery import discover as discover  # discovery runs before --help: a light module
from bapascase.store.layout import (
    CASE_ID_PATTERN,
    CASES_DIR,
    SCHEMAS_DIR,
    SETTINGS_FILE,
    STATE_DIR,
    TEMPLATES_DIR,
)
from bapascase.store.textfiles import read_text, resolves_inside

if TYPE_CHECKING:
    from bapascase.model.base import Doc
    from bapascase.model.records import CaseRecord
    from bapascase.model.settings_view import Settings

# yamlio (PyYAML), atomic (tempfile) and secrets are imported where used: discovery runs before ``--help``,
# which must stay as fast as importing typer.


# a case id is one safe path segment: letters, digits, '-', '_' and '.', not starting with '.' or '-'
CASE_ID_RE = re.compile(CASE_ID_PATTERN)


def valid_case_id(case_id: str) -> bool:
    return bool(CASE_ID_RE.match(case_id)) and ".." not in case_id


def new_case_id(year: int, initials: str) -> str:
    """``2026-bzg-7k3qx``: year, initials and 25 random bits, so two officers in two clones never collide."""
    import secrets
    import unicodedata

    from bapascase.store.naming import CROCKFORD

    # letters with marks keep their base letter ("Ñoño Éxito" -> "ne"); a script without one adds nothing
    plain = unicodedata.normalize("NFKD", initials.lower()).encode("ascii", "ignore").decode("ascii")
    tag = re.sub(r"[^a-z]", "", plain)[:6] or "x"
    rand = "".join(secrets.choice(CROCKFORD) for _ in range(5))
    return f"{year}-{tag}-{rand}"


def free_case_id(make_id: Callable[[], str], taken: Callable[[str], bool]) -> str:
    """A valid case id from ``make_id`` that ``taken`` says is free: drawn again while taken; a given id (the
    same every draw: ``write_doc`` of a case's first document) that is taken is refused."""
    case_id = make_id()
    for _ in range(50):
        if not taken(case_id):
            break
        again = make_id()
        if again == case_id:
            raise UserError("err.case_exists", case=case_id)
        case_id = again
    else:  # pragma: no cover - 33 million ids per initials and year
        raise UserError("err.case_exists", case=case_id)
    if not valid_case_id(case_id):
        raise UserError("err.bad_case_id", case=case_id)
    return case_id


# A case being created is written into a hidden folder of cases/ (never a case: its name starts with a dot) and
# renamed into place whole, so a kill during ``new`` or ``import`` never leaves an empty or half-written case.
STAGING_PREFIX = ".staging-"


@dataclass
class Casebook:
    root: Path
    _settings: Settings | None = field(default=None, repr=False)
    # files of the cases a caseload read (``store.index``) could not read and left out: a read command says so
    unreadable: int = field(default=0, repr=False)

    # -- paths ---------------------------------------------------------------------------------------------
    @property
    def cases_dir(self) -> Path:
        return self.root / CASES_DIR

    @property
    def state_dir(self) -> Path:
        """``.bapascase/``: derived and private data (caches, drafts, locks, edits). Git ignores it as a folder but
        would carry a symbolic link of that name: one leading out of the casebook is refused."""
        return self.guard(self.root / STATE_DIR)

    @property
    def schemas_dir(self) -> Path:
        return self.root / SCHEMAS_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / TEMPLATES_DIR

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def guard(self, path: Path, within: Path | None = None) -> Path:
        """``path`` itself, once sure that it resolves inside ``within`` (default: the casebook). A symbolic link
        (git carries them) that leads anywhere else never carries a read or a write: a clear error instead."""
        if not resolves_inside(path, within if within is not None else self.root):
            raise UserError("sec.outside", path=self.rel(path))
        return path

    def output(self, path: Path, case_id: str | None = None, folder: bool = False) -> Path:
        """A file (or, with ``folder``, a folder) the officer named for output (``report -o``, ``export -o``,
        ``calendar -o``, ``dashboard -o``): never one of the casebook's own. Among the cases only the ``reports/``
        folder of the case reported on (``case_id``) takes one: a folder elsewhere there would be taken for a case,
        a file would replace a recorded document, and one client's report would be filed with another client. The
        settings, git's files and folder, the tool's state, templates, schemas and instrument definitions are
        refused whole. A file is then ``atomic.check_output``'s: no link, device or folder."""
        from bapascase.store.layout import GIT_DIR, GIT_FILES, INSTRUMENTS_DIR, REPORTS_DIR

        root = os.path.realpath(self.root)
        real = os.path.realpath(path)
        rel = Path(os.path.relpath(real, root)).parts if real.startswith(root.rstrip(os.sep) + os.sep) else ()
        if rel[:1] == (CASES_DIR,):
            if not (case_id is not None and len(rel) >= 4 and rel[1] == case_id and rel[2] == REPORTS_DIR):
                raise UserError("sec.output_in_cases", path=str(path))
        elif rel[:1] and ((rel[0] in (SETTINGS_FILE, *GIT_FILES) and len(rel) == 1)
                          or rel[0] in (GIT_DIR, STATE_DIR, TEMPLATES_DIR, SCHEMAS_DIR, INSTRUMENTS_DIR)):
            raise UserError("sec.output_casebook", path=str(path))
        if folder:
            return path
        from bapascase.store.atomic import check_output

        return check_output(path)

    # -- settings ------------------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """``bapascase.yaml``, validated (a bad value raises DataError with its line), read once."""
        if self._settings is None:
            from bapascase.store.settings import load_settings

            self._settings = load_settings(self.root)
        return self._settings

    @property
    def settings_loaded(self) -> bool:
        return self._settings is not None

    def forget_settings(self) -> None:
        """Read ``bapascase.yaml`` again at the next use (after a command rewrote it)."""
        self._settings = None

    def end_marked(self) -> bool:
        """Whether this casebook's documents end with the end marker (``end_marker: true`` in its settings; the
        rule is at ``yamlio.END_MARKER``). Settings that do not validate are read as written, so one wrong value
        elsewhere in ``bapascase.yaml`` does not switch the rule off."""
        from bapascase.errors import BapascaseError

        try:
            return self.settings.end_marker
        except BapascaseError:
            pass
        from bapascase.store import yamlio

        try:
            raw = yamlio.load(self.guard(self.root / SETTINGS_FILE), SETTINGS_FILE)
        except BapascaseError:
            return False
        return isinstance(raw, dict) and raw.get("end_marker") is True

    # -- cases ---------------------------------------------------------------------------------------------
    def case_ids(self) -> list[str]:
        """Every case folder; a symlink that leads out of ``cases/`` is not a case."""
        try:
            with os.scandir(self.cases_dir) as it:
                return sorted(e.name for e in it if e.is_dir() and valid_case_id(e.name) and self._inside(e))
        except FileNotFoundError:
            return []

    def _inside(self, entry: os.DirEntry[str]) -> bool:
        if not entry.is_symlink():
            return True
        return Path(entry.path).resolve().parent == self._real_cases_dir()

    def _real_cases_dir(self) -> Path:
        """``cases/`` resolved, once per process (``check`` asks for every case)."""
        real = self.__dict__.get("_cases_real")
        if real is None or real[0] != self.root:
            real = self.__dict__["_cases_real"] = (self.root, self.cases_dir.resolve())
        return real[1]

    def case_dir(self, case_id: str) -> Path:
        """The folder of a case; refuses any id that could leave ``cases/`` (``cases/`` itself may be a link to
        where the office keeps its cases)."""
        if not valid_case_id(case_id):
            raise UserError("err.bad_case_id", case=case_id)
        plain = self.cases_dir / case_id
        if not os.path.islink(plain):  # what resolving it gives, without a system call per part of the path
            return self._real_cases_dir() / case_id
        folder = plain.resolve()
        if folder.parent != self._real_cases_dir():
            raise UserError("err.bad_case_id", case=case_id)
        return folder

    def resolve_case(self, query: str) -> str:
        """An exact case id, else a unique prefix, else a unique part after the year (``bzg``, ``bzg-k7``)."""
        if valid_case_id(query) and (self.cases_dir / query).is_dir():
            self.case_dir(query)
            return query
        if not valid_case_id(query):
            raise UserError("err.bad_case_id", case=query)
        q = query.lower()
        ids = self.case_ids()
        matches = [c for c in ids if c.lower().startswith(q)]
        if not matches:
            matches = [c for c in ids if any(c.lower()[i + 1 :].startswith(q) for i, ch in enumerate(c) if ch == "-")]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UserError("err.unknown_case", case=query)
        raise UserError("err.ambiguous_case", case=query, matches=", ".join(matches[:8]))

    # -- documents -----------------------------------------------------------------------------------------
    def doc_paths(self, case_id: str, stage: str) -> list[Path]:
        """Every file of one stage in a case, oldest first (the single file, then the folder's entries). A file or
        folder that is a link leading out of the case folder is a clear error, never read."""
        found = spec(stage)
        folder = self.case_dir(case_id)
        out: list[Path] = []
        if found.file and os.path.lexists(folder / found.file):
            out.append(self.guard(folder / found.file, folder))
        if found.folder:
            sub = folder / found.folder
            if os.path.lexists(sub):
                self.guard(sub, folder)
            if sub.is_dir():
                from bapascase.store.naming import entry_sort_key

                entries = [self.guard(p, folder) for p in sub.iterdir()
                           if p.suffix == ".yaml" and not p.name.startswith(".")]
                out.extend(sorted(entries, key=lambda p: entry_sort_key(p.name)))
        return out

    def read_raw(self, path: Path) -> Any:
        from bapascase.store import yamlio

        return yamlio.load(path, self.rel(path))

    def read_docs(self, case_id: str, stage: str) -> list[tuple[Path, Any]]:
        """Every document of one stage in a case (``doc_paths``), each a mapping or None (an empty file). A file
        that cannot be read as a document (conflict markers, a list of notes, not UTF-8, a folder) is an error
        naming it, for every reader alike: never taken as "no document" and written over
        (``yamlio.document``)."""
        from bapascase.store import yamlio

        out = []
        for path in self.doc_paths(case_id, stage):
            shown = self.rel(path)
            out.append((path, yamlio.document(read_text(path, shown=shown), shown)))
        return out

    def read_one(self, case_id: str, stage: str) -> Any:
        docs = self.read_docs(case_id, stage)
        return docs[-1][1] if docs else None

    def counts(self, case_id: str) -> dict[str, int]:
        """How many documents of each kind the case holds (only kinds it holds)."""
        found = {spec.name: len(self.doc_paths(case_id, spec.name)) for spec in SPECS}
        return {name: n for name, n in found.items() if n}

    def ends(self, case_id: str) -> tuple[bool, bool]:
        """``(closed, terminated)``: whether supervision has ended in law (pengakhiran bimbingan) and whether the
        casework relationship has ended, each not reopened since (``model.derive``)."""
        from bapascase.model import derive

        rec = self._ends_record(case_id)
        return derive.closing_in_effect(rec) is not None, derive.is_terminated(rec)

    def closing_in_effect(self, case_id: str) -> tuple[str | None, str | None] | None:
        """``(date, ground)`` of the legal end in effect, or None while supervision goes on
        (``model.derive.closing_in_effect``)."""
        from bapascase.model import derive

        return derive.closing_in_effect(self._ends_record(case_id))

    def termination_in_effect(self, case_id: str) -> str | None:
        """The date of the termination in effect ("" when undated), or None when the casework relationship goes
        on (``model.derive.termination_in_effect``)."""
        from bapascase.model import derive

        return derive.termination_in_effect(self._ends_record(case_id))

    def end_to_reverse(self, case_id: str) -> tuple[str, str | None] | None:
        """The end a reopening recorded now reverses, ``(closing|termination, its date)``, or None when the case
        is neither closed nor terminated (``model.derive.end_to_reverse``)."""
        from bapascase.model import derive

        return derive.end_to_reverse(self._ends_record(case_id))

    def _ends_record(self, case_id: str) -> CaseRecord:
        from bapascase.model import records
        from bapascase.model.registry import Stage

        docs: dict[str, list[Any]] = {
            s: [d for _, d in self.read_docs(case_id, s)] for s in (Stage.TERMINATION, Stage.CLOSING, Stage.REOPEN)}
        return records.case_record(docs)

    def is_closed(self, case_id: str) -> bool:
        """Supervision has ended in law and was not reopened since: every write needs a reopen."""
        return self.ends(case_id)[0]

    def present(self, case_id: str) -> list[str]:
        return list(self.counts(case_id))

    def schema_header(self, path: Path, stage: str) -> str:
        rel = os.path.relpath(self.schemas_dir / f"{stage}.schema.json", path.parent)
        return f"# yaml-language-server: $schema={Path(rel).as_posix()}"

    def doc_data(self, doc: Doc) -> dict[str, Any]:
        data: dict[str, Any] = doc.model_dump(mode="python", exclude_none=True)
        return data

    def render_doc(self, path: Path, stage: str, doc: Doc) -> str:
        from bapascase.store import yamlio

        return yamlio.dumps(self.doc_data(doc), header=self.schema_header(path, stage))

    def write_doc(self, case_id: str, stage: str, doc: Doc, entry_name: str | None = None) -> Path:
        """Write a stage document atomically. A single-file stage's file is updated in place (only the keys that
        changed: the officer's comments and formatting stay); a folder stage adds a new entry file, named by
        ``entry_name`` (its date) made unique across clones (``store.naming``), never replacing one."""
        from bapascase.store.atomic import create_exclusive
        from bapascase.store.naming import entry_file_name

        where: StageSpec = spec(stage)
        folder = self.case_dir(case_id)
        if entry_name is None and where.file:
            if not os.path.lexists(folder):
                # a new case appears whole, with its first document in it (``create_cases``): never an empty
                # case folder, even if killed
                [(_, path)] = self.create_cases([(lambda: case_id, stage, doc)])
                return path
            path = self.guard(folder / where.file, folder)
            write_yaml(path, self.doc_data(doc), header=self.schema_header(path, stage), shown=self.rel(path))
            self._stamp(stage, [path])
            return path
        assert where.folder
        self.guard(folder / where.folder, folder)  # a symlinked monitoring/ never carries a write out
        stem = entry_name or "entry"
        entries = folder / where.folder
        for _ in range(100):
            existing = os.listdir(entries) if entries.is_dir() else []  # the new entry sorts after these
            path = entries / entry_file_name(stem, existing=existing)
            if create_exclusive(path, self.render_doc(path, stage, doc)):
                self._stamp(stage, [path])
                return path
        raise UserError("err.case_exists", case=f"{case_id}/{where.folder}/{stem}")  # pragma: no cover

    def create_case_dir(self, case_id: str) -> Path:
        folder = self.case_dir(case_id)
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            raise UserError("err.case_exists", case=case_id) from None
        return folder

    def create_cases(self, docs: list[tuple[Callable[[], str], str, Doc]],
                     step: Callable[[int], None] | None = None) -> list[tuple[str, Path]]:
        """New cases, each with its first document: ``(make an id, stage, document)`` each. How a case folder is
        made by ``new`` and ``write_doc`` of a case's first document (``import`` places its batch through
        ``store.batch``, whose journal keeps the batch whole across a kill as well). All or nothing: they
        are written into one hidden staging folder of ``cases/`` and renamed into place; any failure (a full
        disk...) takes back what was placed and removes the staging folder. A kill can leave the staging folder
        (``check`` tells, ``check --fix`` removes it when stale), never an empty or half-written case.
        ``step(n)`` is told after the n-th document is written (a progress bar). Returns ``(case id, path of its
        document)`` each."""
        import shutil
        import tempfile

        from bapascase.store.atomic import atomic_write, fsync_dir, sync_all

        self.cases_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.cases_dir))
        placed: list[str] = []
        bulk = len(docs) > 1  # an import
        try:
            planned: list[tuple[str, Path]] = []
            for make_id, stage, doc in docs:
                case_id = free_case_id(make_id, lambda c: os.path.lexists(self.cases_dir / c)
                                       or os.path.lexists(staging / c))
                name = spec(stage).file
                assert name is not None
                (staging / case_id).mkdir()
                final = self.cases_dir / case_id / name  # the header's schema path is relative to it
                # in bulk, the files are made durable by one sync below (nothing sees the staging folder before)
                atomic_write(staging / case_id / name, self.render_doc(final, stage, doc), durable=not bulk)
                planned.append((case_id, final))
                if step is not None:
                    step(len(planned))
            if bulk:
                sync_all()  # every file written above reaches the disk before any case appears (one sync, not n)
            fsync_dir(staging)
            for case_id, _path in planned:
                # rename(2) refuses a folder that appeared meanwhile with content (ENOTEMPTY): all taken back
                try:
                    os.rename(staging / case_id, self.cases_dir / case_id)
                except OSError as exc:
                    if os.path.lexists(self.cases_dir / case_id):
                        raise UserError("err.case_exists", case=case_id) from None
                    raise exc from None
                placed.append(case_id)
            fsync_dir(self.cases_dir)
            staging.rmdir()
        except BaseException:
            # the cases placed by this very call are taken back (removed: that works on a full disk too)
            for case_id in reversed(placed):
                shutil.rmtree(self.cases_dir / case_id, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if bulk:  # written whole from validated documents by the emitter: the tool's normal form, stamped as is
            from bapascase.store import stamps

            stamps.record_written(self, [path for _, path in planned])
        else:
            for (_, path), (_, stage, _doc) in zip(planned, docs, strict=True):
                self._stamp(stage, [path])
        return planned

    def _stamp(self, stage: str, paths: list[Path]) -> None:
        """The "validated at write" stamp of documents just written (``store.stamps``), each read back first."""
        from bapascase.model.registry import model_for
        from bapascase.store.documents import stamp_written

        stamp_written(self, [(model_for(stage), p) for p in paths])

    def staging_folders(self) -> list[Path]:
        """Hidden staging folders left in ``cases/`` by a ``new`` or ``import`` that was killed."""
        try:
            with os.scandir(self.cases_dir) as it:
                return sorted(Path(e.path) for e in it if e.name.startswith(STAGING_PREFIX))
        except OSError:
            return []

    def hidden_folders(self) -> list[str]:
        """The other hidden folders in ``cases/`` ("..x" that came with a sync, an editor's folder): never a case,
        never read; ``check`` names them (paths relative to the casebook)."""
        try:
            with os.scandir(self.cases_dir) as it:
                return sorted(self.rel(Path(e.path)) for e in it if e.name.startswith(".")
                              and not e.name.startswith(STAGING_PREFIX) and e.is_dir(follow_symlinks=False))
        except OSError:
            return []

    def iter_case_files(self, case_id: str, folder: Path | None = None) -> Iterator[Path]:
        """Every YAML file of a case (links that lead out of the case folder are left out: see ``links_out``;
        ``folder``: its ``case_dir`` when the caller has it already)."""
        yield from self.scan_case(case_id, folder)[0]

    def links_out(self, case_id: str, folder: Path | None = None) -> list[Path]:
        """The symbolic links in a case folder that lead out of it (``check`` reports each; nothing reads them).
        ``folder``: its ``case_dir`` when the caller has it already."""
        return self.scan_case(case_id, folder)[1]

    def scan_case(self, case_id: str, folder: Path | None = None) -> tuple[list[Path], list[Path]]:
        """``(iter_case_files, links_out)`` of a case in one walk of its folder (as ``os.walk`` goes, top-down,
        folders by name, a link to a folder not followed; one ``scandir`` a folder: no ``lstat`` per entry)."""
        folder = self.case_dir(case_id) if folder is None else folder
        files: list[Path] = []
        links: list[Path] = []
        _scan_folder(str(folder), folder, files, links)
        return files, links


def _scan_folder(dirpath: str, folder: Path, files: list[Path], links: list[Path]) -> None:
    """``scan_case`` of one folder and those below it: each link that leads out of the case folder, each YAML file
    (not hidden, not a link out; a folder with a YAML file's name too, not entered); hidden folders are not
    entered."""
    try:
        with os.scandir(dirpath) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    here = Path(dirpath)
    subfolders = []
    for e in entries:
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        if is_dir and e.name.startswith("."):
            continue  # never entered, nor looked at
        if e.is_symlink():
            path = here / e.name
            if not resolves_inside(path, folder):
                links.append(path)
                continue
        if e.name.endswith(".yaml") and not e.name.startswith("."):
            # a folder named as a document (``plan.yaml/``) stands where that document is read: listed, so
            # ``check`` says it is no file (once) instead of every rule that reads the plan saying it
            files.append(here / e.name)
        elif is_dir:
            subfolders.append(e)
    for e in subfolders:
        if not e.is_symlink():  # a link to a folder (inside the case) is not followed, as os.walk does not
            _scan_folder(e.path, folder, files, links)


def write_yaml(path: Path, data: Any, header: str | None = None, shown: str | None = None) -> None:
    """Write a YAML document atomically. A file that exists is updated in place (``store.roundtrip``: only the
    keys that changed, comments, order, quoting and indentation kept, its mode kept); a new one is written by
    the PyYAML emitter with ``header`` (the schema line) on top and follows the umask. An existing file that is
    no document (not UTF-8, conflict markers, a list of notes, only comments: ``yamlio.document``) is refused,
    named as ``shown``, and left as it is: its text is the officer's."""
    from bapascase.store import yamlio
    from bapascase.store.atomic import atomic_write

    existing: str | None = None
    if os.path.lexists(path):
        existing = read_text(path, shown=shown)  # bounded, a regular file only (store.textfiles)
        yamlio.document(existing, shown or str(path))
    if header is None and existing is not None:
        header = yamlio.header_of(existing)  # written whole again: with the header it had (and the end marker)
    fresh = yamlio.dumps(data, header=header)
    if existing is not None and existing.strip():
        from bapascase.store import roundtrip

        try:
            fresh = roundtrip.update_text(existing, data)
        except roundtrip.RoundTripError:
            pass  # a file that cannot be read back faithfully is written whole (git keeps the old text)
    atomic_write(path, fresh)
