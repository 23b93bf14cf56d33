"""Loading documents (stage files, answers files) and validating them with errors located by file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from bapascase.errors import DataError, Problem, UserError
from bapascase.i18n import t
from bapascase.model.base import Doc
from bapascase.model.validation import FieldError, validate
from bapascase.store import yamlio
from bapascase.store.textfiles import read_text

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
    try:
        data = yamlio.loads_light(text, source)
    except DataError as exc:
        return None, exc.problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(source, 1, "", t("val.doc_not_mapping"))]
    kept = conflict_problems(data, text, source)
    if kept:
        return None, kept
    doc, errors = validate(model, data)
    if errors:
        return None, problems_for(source, text, errors)
    return doc, []


def validate_file(model: type[D], path: Path, source: str, *, marked: bool = True) -> tuple[D | None, list[Problem]]:
    """A recorded file, validated. In a casebook that marks the end of its documents (``marked``:
    ``Casebook.end_marked``), a file the tool wrote that has lost its end (``yamlio.cut_short``) is one problem on
    its last line, whatever is left of it would say."""
    try:
        text = read_text(path, shown=source)
    except UserError as exc:
        return None, [Problem(source, None, "", exc.render())]
    if marked and yamlio.cut_short(text):
        return None, [Problem(source, text.count("\n") + 1, "", t("sec.cut_short", marker=yamlio.END_MARKER))]
    return validate_text(model, text, source)


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


def parse_json(text: str, source: str) -> Any:
    """JSON as strictly as YAML is loaded: a key written twice in one object is an error naming the key and its
    line, as is a document nested too deeply or a number too long to read."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(source, exc.lineno, "", f"JSON: {exc.msg}")]) from None
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
    if not path.is_file():
        raise UserError("err.file_missing", path=str(path))
    text = read_text(path)
    data = parse_data(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError("err.answers_not_mapping", path=str(path))
    return data, text
