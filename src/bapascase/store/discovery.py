"""Finding the casebook and its interface language before anything heavy is imported (``--help`` is translated,
and must stay about as fast as importing typer).

- ``discover``: ``--casebook`` > ``BAPASCASE_CASEBOOK`` > the nearest parent with ``bapascase.yaml`` or ``cases/``.
- ``casebook_language``: the ``language:`` setting, the same answer as the store's validated settings
  (``store.settings.load_settings(root).language``), without a YAML parser or the settings model for a settings
  file written the usual way (``simple_language``). A file written any other way (flow collections, quoted or
  complex keys, anchors, tags, documents markers, a second ``language`` key...) is read by the store itself; a
  file the store refuses gives None here (the interface stays Indonesian, ``--help`` still prints), and the
  command that needs the settings tells the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from bapascase.store.layout import CASES_DIR, SETTINGS_FILE
from bapascase.store.textfiles import DOC_LIMIT, read_bytes, resolves_inside

LANGUAGE_KEY = "language"
DEFAULT_LANGUAGE = "id"  # the settings model's default (model.settings.SettingsDoc.language)


def is_casebook(folder: Path) -> bool:
    """Whether a folder holds a casebook: its ``bapascase.yaml`` or its ``cases/``."""
    return (folder / SETTINGS_FILE).is_file() or (folder / CASES_DIR).is_dir()


def discover(explicit: str | os.PathLike[str] | None, environ: dict[str, str], cwd: Path | None = None) -> Path:
    """``--casebook`` > ``BAPASCASE_CASEBOOK`` > nearest parent with ``bapascase.yaml`` or ``cases/``. A folder named
    by the first two must be one too (``init`` makes one)."""
    given = explicit or environ.get("BAPASCASE_CASEBOOK")
    if given:
        root = Path(given).expanduser()
        if not root.is_dir():
            from bapascase.errors import UserError

            raise UserError("err.casebook_not_folder" if root.exists() else "err.casebook_missing", path=str(root))
        if not is_casebook(root):
            # a folder named by mistake (its cases/, /etc): "no cases", exit 0, and a state folder made there
            from bapascase.errors import UserError

            raise UserError("err.not_a_casebook", path=str(root))
        return root.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_casebook(folder):
            return folder
    from bapascase.errors import UserError

    raise UserError("err.no_casebook", start=str(start))


def case_folders(root: Path) -> list[str]:
    """The names of a casebook's case folders, sorted; none when ``cases/`` cannot be read."""
    import re

    from bapascase.store.layout import CASE_ID_PATTERN

    pattern = re.compile(CASE_ID_PATTERN)
    try:
        with os.scandir(root / CASES_DIR) as it:
            return sorted(e.name for e in it if e.is_dir() and pattern.match(e.name))
    except OSError:
        return []


# characters that begin something other than a plain scalar (a flow collection, a quoted scalar, an alias, an
# anchor, a tag, a directive, a complex key, a reserved indicator)
_NOT_PLAIN_START = frozenset("[{'\"&*!%@`?:,]}|>#")
# YAML line breaks, a byte order mark and characters PyYAML refuses, that ``str.split("\n")`` would not see
_ODD_CHARS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x2028, 0x2029,
                               0xFEFF]))
_LANGUAGE_VALUES = {v: lang for lang in ("id", "en") for v in (lang, f"'{lang}'", f'"{lang}"')}
# plain Python string tests, no regular expressions: compiling a few patterns cost more than the rest of this
# module, and it runs before every ``--help``


class Unsure(Exception):
    """The settings are not written the simple way: only the store can tell their language."""


def _plain_key(name: str) -> bool:
    return bool(name) and name.isascii() and name.replace("_", "a").isalnum() and not name[0].isdigit()


def _without_comment(value: str) -> str:
    """A plain value without its comment (`` #`` starts one; a ``#`` inside a word does not)."""
    return value.split(" #", 1)[0].rstrip()


def _quoted_whole(value: str) -> bool:
    """Whether ``value`` is one complete quoted scalar, then at most a comment."""
    quote = value[0]
    i = 1
    while i < len(value):
        c = value[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and value[i + 1:i + 2] == "'":  # '' inside single quotes
                i += 2
                continue
            rest = value[i + 1:].strip(" ")
            return not rest or rest.startswith("#")
        i += 1
    return False


def _value_ok(value: str) -> None:
    """A value on a key or item line: plain, a complete quoted scalar, ``[]``/``{}``, or a block scalar mark."""
    value = value.strip(" ")
    if not value or value.startswith("#"):
        return
    first = value[0]
    if first in "'\"":
        if not _quoted_whole(value):
            raise Unsure
        return
    if first in "|>":  # a block scalar: its lines are indented, and checked as plain continuation lines
        if _without_comment(value)[1:].strip("-+123456789"):
            raise Unsure
        return
    if _without_comment(value) in ("[]", "{}"):
        return
    if first in _NOT_PLAIN_START or (first == "-" and value[1:2] in ("", " ")):
        raise Unsure


def simple_language(text: str) -> str:
    """The ``language:`` of settings written the simple way (block style, plain keys, one ``language`` key at the
    top level, its value ``id`` or ``en``, bare or quoted); the model's default when there is none.
    Raises ``Unsure`` for anything else."""
    text = text.replace("\r\n", "\n")
    if "\r" in text or any(c in text for c in _ODD_CHARS):
        raise Unsure
    found: list[str] = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped[0] == "\t" or line.startswith(("---", "...", "%")):
            raise Unsure
        indent = len(line) - len(stripped)
        body = stripped
        dashes = False
        while body.startswith("- ") or body == "-":
            body = body[2:].lstrip(" ")
            dashes = True
        name, colon, value = body.partition(":")
        if colon and _plain_key(name) and (not value or value[0] == " "):
            if name == LANGUAGE_KEY and not indent and not dashes:
                lang = _LANGUAGE_VALUES.get(_without_comment(value.strip(" ")))
                if lang is None:
                    raise Unsure
                found.append(lang)
                continue
            _value_ok(value)
            continue
        if dashes:
            _value_ok(body)
            continue
        if indent and stripped[0] not in _NOT_PLAIN_START:
            continue  # the continuation of a plain or block scalar
        raise Unsure
    if len(found) > 1:
        raise Unsure
    return found[0] if found else DEFAULT_LANGUAGE


def casebook_language(root: Path) -> str | None:
    """The casebook's interface language as the store's settings give it; None when there is no settings file or
    the store refuses it (then the command that reads the settings says why)."""
    path = root / SETTINGS_FILE
    if not os.path.lexists(path):
        return None
    try:
        if resolves_inside(path, root):
            return simple_language(read_bytes(path, DOC_LIMIT, SETTINGS_FILE).decode("utf-8"))
    except Exception:  # Unsure, not UTF-8, unreadable
        pass
    try:  # written some other way (or not readable): the store decides, as every command will
        from bapascase.store.settings import load_settings

        return load_settings(root).language
    except Exception:
        return None
