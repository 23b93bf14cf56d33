"""The one rule on the characters a recorded text may hold: no control characters.

A stage document's text comes from officers (the wizard, pasted text), ``--answers`` files, hand-edited YAML
(whose double-quoted strings can spell any character: ``"\\x1b[2J"``, ``"\\e"``, ``"\\0"``), JSON and CSV/XLSX
imports. A control character has no place in casework text and does harm wherever the text goes: ESC sequences
clear or recolour a terminal, a NUL breaks a Word file or a spreadsheet, a BEL rings. So every text of every
document is refused when it holds one: the C0 controls except tab, new line and carriage return, DEL, the C1
controls (U+0080..U+009F; a lone U+009B is CSI on many terminals) and lone surrogates (no UTF-8 can carry them).

``TextModel`` applies the rule to every field of every model it is the base of: every stage document and part
(``base.Part``), the settings, the casebook's definition files (programmes, Litmas purposes, instruments); and the
wizard's ``adapter`` to each answer at its prompt.
``terminal.clean`` stays the safety net for what is shown, for text read without a model (the index summaries).
Cheap: ``str.isprintable`` first (most texts), a regex search only for a text with a new line or a tab.
"""

from __future__ import annotations

import os
import re
from typing import Any

# No pydantic plugins, whatever the environment says: a plugin is any installed package that declares one, and
# pydantic hands it every document validated (a client's confidential data). Looking them up also scans every
# installed distribution's entry points, ~30 ms of every command that loads a model. Set before the first model
# class is built (``TextModel`` below, the base of every model; tests/test_security_plugins.py installs a real
# plugin).
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

# C0 but tab, line feed and carriage return; DEL; C1; surrogates (a lone one, from a "\ud800" escape in YAML/JSON)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# names the officer may know the commonest ones by (the code point is always given)
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def control_in(text: str) -> re.Match[str] | None:
    """The first control character in ``text`` (see the module's docstring), or None."""
    return (_CONTROL_ASCII if text.isascii() else _CONTROL).search(text)


def _error(match: re.Match[str], where: tuple[str | int, ...]) -> PydanticCustomError:
    code = ord(match.group(0))
    name = _NAMES.get(code)
    char = f"U+{code:04X}" + (f" {name}" if name else "")
    ctx: dict[str, Any] = {"char": char, "position": match.start() + 1}
    if where:
        ctx["field"] = where  # ``validation.explain`` adds it to the location: the item or key at fault
    return PydanticCustomError("bc_control_char", "control character in text", ctx)


def find_control(value: Any, where: tuple[str | int, ...] = ()) -> PydanticCustomError | None:
    """The error for the first control character in ``value`` (a text, or texts inside lists and mappings, keys
    too), located below the field; None when there is none. A nested document part checks its own fields."""
    if isinstance(value, str):
        match = control_in(value)
        return _error(match, where) if match else None
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            if isinstance(item, str | list | tuple | dict) and (err := find_control(item, (*where, i))):
                return err
    elif isinstance(value, dict):
        for key, item in value.items():
            if err := find_control(key, where) or find_control(item, (*where, key) if isinstance(key, str | int)
                                                                 else where):
                return err
    return None


_CONTAINERS = (list, tuple, dict)


def _clean_text(value: Any) -> bool:
    # ``isprintable`` (C, no regex) is true of most texts, a name or a number; a text with a new line or a tab
    # gets the regex
    return type(value) is str and (value.isprintable() or control_in(value) is None)


def refuse_control(value: Any) -> Any:
    """A field validator: ``value`` as it is, or the error naming the control character it holds. Called for
    every field of every document validated, so the common cases (a clean text, a number, a date, a part, an
    enum member) return at once."""
    tp = type(value)
    if tp is str:
        if value.isprintable() or control_in(value) is None:
            return value
    elif tp not in _CONTAINERS or (tp is list and all(map(_clean_text, value))):
        return value
    if err := find_control(value):
        raise err
    return value


class TextModel(BaseModel):
    """The base of every model read from a file or typed: no field's text holds a control character (one error
    per field, located at the list item or key that holds it)."""

    # built on first use, like every model: building this bare base at import would load pydantic's plugin
    # machinery (importlib.metadata, ~15 ms) in every command that imports a model
    model_config = ConfigDict(defer_build=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control(cls, value: Any) -> Any:
        return refuse_control(value)
