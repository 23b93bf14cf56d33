"""Loading documents (stage files, answers files) and validating them with errors located by file and line."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model.base import Doc
from bapascase.model.validation import FieldError, validate
from bapascase.store import yamlio
from bapascase.store.textfiles import read_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bapascase.store.stamps import Casebook, Stat

D = TypeVar("D", bound=Doc)


def problems_for(source: str, text: str | None, errors: list[FieldError]) -> list[Problem]:
    root = yamlio.compose(text) if text is not None else None
    return [Problem(source, yamlio.line_of(root, e.loc), e.dotted, e.message) for e in errors]


def _brief(value: Any) -> str:
    from bapascase.store.merge import MISSING

    if value is MISSING:
        return t("val.sync_conflict_removed")
    text = json.dumps(yamlio.to_plain(value), ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def conflict_problems(data: Any, text: str, source: str) -> list[Problem]:
    """The fields a sync kept in two versions (``store.merge``): each one a problem naming both values."""
    from bapascase.store.merge import CONFLICT_KEY, conflicts_in

    found = list(conflicts_in(data))
    if not found:
        return []
    root = yamlio.compose(text)
    return [Problem(source, yamlio.line_of(root, (*c.loc, CONFLICT_KEY)), c.dotted,
                    t("val.sync_conflict", here=_brief(c.here), there=_brief(c.there))) for c in found]


def validate_text(model: type[D], text: str, source: str) -> tuple[D | None, list[Problem]]:
    doc, problems, _data = _validate_text(model, text, source)
    return doc, problems


def _validate_text(model: type[D], text: str, source: str, stamped: bool = False
                   ) -> tuple[D | None, list[Problem], Any]:
    """The document, its problems, and the data it was made from. ``stamped``: the text is the very one that
    passed this model before (``store.stamps``), so it holds no sync conflict to look for."""
    try:
        data = yamlio.loads_light(text, source)
    except DataError as exc:
        return None, exc.problems, None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(source, 1, "", t("val.doc_not_mapping"))], data
    if not stamped:
        kept = conflict_problems(data, text, source)
        if kept:
            return None, kept, data
    doc, errors = validate(model, data)
    if errors:
        return None, problems_for(source, text, errors), data
    return doc, [], data


def validate_file(model: type[D], path: Path, source: str, *, marked: bool = True) -> tuple[D | None, list[Problem]]:
    """A recorded file, validated. In a casebook that marks the end of its documents (``marked``:
    ``Casebook.end_marked``), a file the tool wrote that has lost its end (``yamlio.cut_short``) is one problem on
    its last line, whatever is left of it would say."""
    try:
        text = read_text(path, shown=source)
    except UserError as exc:
        return None, [Problem(source, None, "", exc.render_for(source))]
    if marked and yamlio.cut_short(text):
        return None, [Problem(source, text.count("\n") + 1, "", t("sec.cut_short", marker=yamlio.END_MARKER))]
    return validate_text(model, text, source)


@dataclass
class Read:
    """One document file as ``read_doc`` found it."""

    doc: Any  # the document, None when it has problems
    problems: list[Problem]
    text: str | None = None  # what was read (None: unreadable)
    trusted: bool = False  # built from its matching stamp, without validation
    stamp: Stat | None = None  # the file's stat, when it validated clean and its text can be stamped
    data: Any = None  # what a trusted file holds, as parsed (the tool's normal form)


def read_doc(model: type[D], path: Path, source: str, *, marked: bool = True, stamp: Stat | None = None,
             trust: bool = True, to_stamp: bool = False) -> Read:
    """A recorded file, as ``validate_file`` reads it, but with its "validated at write" stamp (``store.stamps``):
    when ``stamp`` matches the file before and after it is read, the file is the very one that passed this model,
    and (``trust``) it is built without validation (``model.construct``); anything else is validated, with the
    errors ``check`` gives. With ``to_stamp``, a file validated clean whose construction gives the very document
    validation gave comes back with its stat to be stamped (``stamps.record``)."""
    from bapascase.store.stamps import stat_of

    def stat_now() -> Stat | None:
        try:
            return stat_of(os.stat(path))
        except OSError:
            return None

    before = stat_now()
    try:
        text = read_text(path, shown=source)  # what cannot be read is said as validate_file says it
    except UserError as exc:
        return Read(None, [Problem(source, None, "", exc.render_for(source))])
    after = stat_now()
    if marked and yamlio.cut_short(text):
        return Read(None, [Problem(source, text.count("\n") + 1, "", t("sec.cut_short", marker=yamlio.END_MARKER))],
                    text)
    matches = stamp is not None and before is not None and before == stamp == after
    if matches and trust:
        from bapascase.model.construct import NotNormal, construct

        try:
            data = yamlio.loads_light(text, source)
            return Read(construct(model, data), [], text, trusted=True, data=data)
        except (DataError, NotNormal, ValueError, TypeError, LookupError, AttributeError):
            pass  # validated below: its errors are check's (a trusted read never fails where validation would not)
    doc, problems, data = _validate_text(model, text, source, stamped=matches)
    if doc is None or not to_stamp or before is None or before != after or matches:
        return Read(doc, problems, text)
    from bapascase.model.construct import NotNormal, construct, same

    try:
        built = construct(model, data)
    except NotNormal:
        return Read(doc, problems, text)
    return Read(doc, problems, text, stamp=before if same(built, doc) else None)


def stamp_written(book: Casebook, items: Iterable[tuple[type[Doc], Path]]) -> None:
    """The "validated at write" stamps (``store.stamps``) of files just written, each ``(its model, its path)``,
    once read back: only a file that validates and that ``model.construct`` builds into the very document
    validation gives is stamped (a file written from a document that was never validated, or kept in a
    hand-written form, is not)."""
    from bapascase.store import stamps

    stamped = []
    for model, path in items:
        rel = stamps.key(book, path)
        if rel is None:
            continue
        found = read_doc(model, Path(path), rel, marked=False, to_stamp=True)
        if found.stamp is not None:
            stamped.append((rel, found.stamp))
    stamps.record(book, stamped)


def parse_data(text: str, path: Path) -> Any:
    """The document in an answers or import file: JSON for ``.json``, else YAML (safe loading)."""
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return yamlio.loads_light(text, str(path))


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


# what Python's JSON reader says of a file it cannot read, in the user's words: (the start of its English message,
# the catalog key); anything else keeps its words in brackets after a sentence of ours (``json.p.other``)
_JSON_PROBLEMS = (
    ("Expecting value", "json.p.value"),
    ("Expecting ',' delimiter", "json.p.comma"),
    ("Expecting ':' delimiter", "json.p.colon"),
    ("Expecting property name", "json.p.key"),
    ("Illegal trailing comma", "json.p.trailing_comma"),
    ("Unterminated string", "json.p.string"),
    ("Invalid control character", "json.p.control"),
    ("Invalid \\", "json.p.escape"),
    ("Extra data", "json.p.extra"),
)


def json_problem(message: str) -> str:
    key = next((key for start, key in _JSON_PROBLEMS if message.startswith(start)), None)
    return t(key) if key else t("json.p.other", detail=message[:120])


def parse_json(text: str, source: str) -> Any:
    """JSON as strictly as YAML is loaded: a key written twice in one object is an error naming the key and its
    line, as is a document nested too deeply or a number too long to read."""
    try:
        # a byte-order mark (old Notepad's UTF-8) is no part of the document, as YAML reads it
        return json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(source, exc.lineno, "", f"JSON: {json_problem(exc.msg)}")]) from None
    except _DuplicateKey as exc:
        key, line, first = _first_duplicate(text) or (str(exc.args[0]), None, None)
        message = t("yaml.duplicate_key", key=key, line=first) if first else t("yaml.duplicate_key_here", key=key)
        raise DataError([Problem(source, line, "", f"JSON: {message}")]) from None
    except RecursionError:
        raise DataError([Problem(source, None, "", f"JSON: {t('yaml.too_deep')}")]) from None
    except ValueError as exc:  # an integer of thousands of digits...
        raise DataError([Problem(source, None, "", f"JSON: {yamlio.unreadable_value(exc)}")]) from None


def _first_duplicate(text: str) -> tuple[str, int, int] | None:
    """The first key written twice in one object, in document order: ``(key, its second line, its first line)``.
    Only run once a duplicate is known to exist (so the text is valid JSON apart from it)."""
    from json.decoder import WHITESPACE, scanstring  # type: ignore[attr-defined]

    decoder = json.JSONDecoder()

    def ws(i: int) -> int:
        end: int = WHITESPACE.match(text, i).end()
        return end

    def line(i: int) -> int:
        return text.count("\n", 0, i) + 1

    def value(i: int) -> tuple[int, tuple[str, int, int] | None]:
        i = ws(i)
        if text.startswith("{", i):
            seen: dict[str, int] = {}
            i = ws(i + 1)
            if text.startswith("}", i):
                return i + 1, None
            while True:
                at = i
                key, i = scanstring(text, i + 1)
                if key in seen:
                    return i, (key, line(at), seen[key])
                seen[key] = line(at)
                i = ws(i) + 1  # the colon
                i, found = value(i)
                if found:
                    return i, found
                i = ws(i)
                if text.startswith("}", i):
                    return i + 1, None
                i = ws(i + 1)  # the comma
        if text.startswith("[", i):
            i = ws(i + 1)
            if text.startswith("]", i):
                return i + 1, None
            while True:
                i, found = value(i)
                if found:
                    return i, found
                i = ws(i)
                if text.startswith("]", i):
                    return i + 1, None
                i += 1
        _, end = decoder.raw_decode(text, i)
        return end, None

    try:
        return value(0)[1]
    except (ValueError, RecursionError, IndexError):
        return None


def load_answers(path: Path) -> tuple[dict[str, Any], str]:
    """An answers file (YAML or JSON) as a dict, plus its text for locating errors."""
    if path.is_dir():
        raise UserError("err.not_a_file", path=str(path))
    if not path.exists():  # a FIFO or a device exists: read_text says it is no regular file
        raise UserError("err.file_missing", path=str(path))
    text = read_text(path)
    data = parse_data(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError("err.answers_not_mapping", path=str(path))
    return data, text
