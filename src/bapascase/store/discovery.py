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
import re
from pathlib import Path

from bapascase.store.layout import CASES_DIR, SETTINGS_FILE
from bapascase.store.textfiles import DOC_LIMIT, read_bytes, resolves_inside

LANGUAGE_KEY = "language"
DEFAULT_LANGUAGE = "id"  # the settings model's default (model.settings.SettingsDoc.language)


def discover(explicit: str | os.PathLike[str] | None, environ: dict[str, str], cwd: Path | None = None) -> Path:
    """``--casebook`` > ``BAPASCASE_CASEBOOK`` > nearest parent with ``bapascase.yaml`` or ``cases/``."""
    if explicit:
        root = Path(explicit).expanduser()
        if not root.is_dir():
            from bapascase.errors import UserError

            raise UserError("err.casebook_missing", path=str(root))
        return root.resolve()
    env_dir = environ.get("BAPASCASE_CASEBOOK")
    if env_dir:
        root = Path(env_dir).expanduser()
        if not root.is_dir():
            from bapascase.errors import UserError

            raise UserError("err.casebook_missing", path=str(root))
        return root.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file() or (folder / CASES_DIR).is_dir():
            return folder
    from bapascase.errors import UserError

    raise UserError("err.no_casebook", start=str(start))


# a line of a block mapping or sequence: indent, "- " marks, a plain key, the rest
_KEY_LINE = re.compile(r"^( *)((?:- +)*)([A-Za-z_][A-Za-z0-9_]*):(?:[ ]+(.*))?$")
_ITEM_LINE = re.compile(r"^( *)((?:- +)+)(.*)$")
# a complete quoted scalar, then at most a comment
_QUOTED = re.compile(r"""^(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*")[ ]*(?:#.*)?$""")
_LANGUAGE_VALUE = re.compile(r"""^(?:(id|en)|'(id|en)'|"(id|en)")[ ]*(?:[ ]#.*)?$""")
# characters that begin something other than a plain scalar (a flow collection, a quoted scalar, an alias, an
# anchor, a tag, a directive, a complex key, a reserved indicator)
_NOT_PLAIN_START = set("[{'\"&*!%@`?:,]}|>")
# YAML line breaks (and characters PyYAML refuses) that ``str.split("\n")`` would not see
_ODD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)")


class Unsure(Exception):
    """The settings are not written the simple way: only the store can tell their language."""


def _value_ok(value: str) -> None:
    """A value on a key or item line: plain, a complete quoted scalar, ``[]``/``{}``, or a block scalar mark."""
    value = value.strip()
    if not value or value.startswith("#"):
        return
    first = value[0]
    if first in "'\"":
        if not _QUOTED.match(value):
            raise Unsure
        return
    if first in "|>":  # a block scalar: its lines are indented, and checked as plain continuation lines
        if not re.match(r"^[|>][-+0-9]*[ ]*(?:#.*)?$", value):
            raise Unsure
        return
    if value.split(" #")[0].rstrip() in ("[]", "{}"):
        return
    if first in _NOT_PLAIN_START or (first == "-" and value[1:2] in ("", " ")):
        raise Unsure


def simple_language(text: str) -> str:
    """The ``language:`` of settings written the simple way (block style, plain keys, one ``language`` key at the
    top level, its value ``id`` or ``en``, bare or quoted); the model's default when there is none.
    Raises ``Unsure`` for anything else."""
    if _ODD_CHARS.search(text):
        raise Unsure
    found: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if "\t" in line[: len(line) - len(stripped) + 1]:
            raise Unsure
        if line.startswith(("---", "...", "%")):
            raise Unsure
        key = _KEY_LINE.match(line)
        if key is not None:
            indent, dashes, name, value = key.groups()
            if name == LANGUAGE_KEY and not indent and not dashes:
                m = _LANGUAGE_VALUE.match((value or "").strip())
                if m is None:
                    raise Unsure
                found.append(next(g for g in m.groups() if g))
                continue
            _value_ok(value or "")
            continue
        item = _ITEM_LINE.match(line)
        if item is not None:
            _value_ok(item.group(3))
            continue
        if line.startswith(" ") and stripped[0] not in _NOT_PLAIN_START and not stripped.startswith("- "):
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
