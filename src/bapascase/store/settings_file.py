"""Changing ``bapascase.yaml`` in place: officers added or removed, an older shape moved to the current one.

The file belongs to the office: it is rewritten with a round-trip YAML parser (ruamel.yaml), so every comment, key
order and quoting style the officer wrote is kept, and only the changed entries differ in a diff. The new text is
validated by the settings model before it replaces the file (atomically); a change that would make the settings
invalid is refused with the line ``check`` would print.

(Issue 12 brings round-trip writes for every document; this module is the settings' use of that idea.)
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, UserError
from bapascase.store.layout import SETTINGS_FILE
from bapascase.store.textfiles import read_text


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quotes kept
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    return yaml


def legacy_keys(text: str) -> list[str]:
    """The keys of an older settings shape the file still uses (``office.head_name``...), as dotted paths."""
    from bapascase.model.settings import LEGACY_HEAD
    from bapascase.store import yamlio

    try:
        data = yamlio.loads(text, SETTINGS_FILE)
    except DataError:
        return []
    office = data.get("office") if isinstance(data, dict) else None
    return [f"office.{k}" for k in LEGACY_HEAD if isinstance(office, dict) and k in office]


def update(root: Path, change: Callable[[Any], None]) -> str:
    """Apply ``change`` to the parsed settings (a ruamel mapping) and write the file back, validated; returns
    the new text."""
    from bapascase.model.settings import SettingsDoc
    from bapascase.store.atomic import atomic_write
    from bapascase.store.documents import validate_text

    path = root / SETTINGS_FILE
    if not path.is_file():
        raise UserError("err.file_missing", path=SETTINGS_FILE)
    text = read_text(path)
    yaml = _yaml()
    data = yaml.load(text)
    if data is None:
        data = yaml.load("{}")
    change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    new = buffer.getvalue()
    _, problems = validate_text(SettingsDoc, new, SETTINGS_FILE)
    if problems:
        raise DataError(problems)
    atomic_write(path, new)
    return new


def _block_list(data: Any, key: str) -> Any:
    """The list at ``key``, in block style (an empty ``[]`` written by ``init`` becomes a block list)."""
    from ruamel.yaml.comments import CommentedSeq

    current = data.get(key)
    if not isinstance(current, list) or not current:
        seq = CommentedSeq()
        data[key] = seq
        return seq
    return current


def add_officer(root: Path, entry: dict[str, Any]) -> str:
    """Append one officer (``name``, ``nip``, ``rank``, ``role``, ``section``; empty ones left out)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    def change(data: Any) -> None:
        item = CommentedMap()
        for key in ("name", "nip", "rank", "role", "section"):
            value = entry.get(key)
            if value:
                # a NIP is text: quoted, so no YAML reader ever takes it for a number
                item[key] = SingleQuotedScalarString(value) if key == "nip" else value
        _block_list(data, "officers").append(item)

    return update(root, change)


def remove_officer(root: Path, index: int) -> str:
    def change(data: Any) -> None:
        officers = data.get("officers")
        if isinstance(officers, list) and 0 <= index < len(officers):
            del officers[index]

    return update(root, change)


def migrate(root: Path) -> list[str]:
    """Move what an older settings file keeps in the old shape to the current one; returns the keys moved.

    ``office.head_name``/``head_nip`` become the officer with the role ``kepala`` (unless one is listed)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    path = root / SETTINGS_FILE
    if not path.is_file():
        return []
    moved = legacy_keys(read_text(path))
    if not moved:
        return []

    def change(data: Any) -> None:
        office = data.get("office")
        name, nip = office.pop("head_name", None), office.pop("head_nip", None)
        officers = _block_list(data, "officers")
        if name and not any(isinstance(o, dict) and o.get("role") == "kepala" for o in officers):
            item = CommentedMap()
            item["name"] = name
            if nip:
                item["nip"] = SingleQuotedScalarString(str(nip))
            item["role"] = "kepala"
            officers.append(item)

    update(root, change)
    return moved
