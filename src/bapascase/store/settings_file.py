"""Changing ``bapascase.yaml`` in place: officers added or removed, an older shape moved to the current one.

The file belongs to the office: the change is made to its data and written back through ``store.roundtrip`` (the
one round-trip writer, as for every document recorded again), so every comment, key order and quoting style the
officer wrote is kept, and only the changed entries differ in a diff. The new text is validated by the settings
model before it replaces the file (atomically); a change that would make the settings invalid is refused with the
line ``check`` would print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bapascase.errors import DataError, UserError
from bapascase.store.layout import SETTINGS_FILE
from bapascase.store.textfiles import read_text, resolves_inside


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


def update(root: Path, change: Callable[[dict[str, Any]], None]) -> str:
    """Apply ``change`` to the settings' data and write the file back, only what changed, validated; returns
    the new text."""
    from bapascase.model.settings import SettingsDoc
    from bapascase.store import roundtrip, yamlio
    from bapascase.store.atomic import atomic_write
    from bapascase.store.documents import validate_text

    path = root / SETTINGS_FILE
    if not path.is_file():
        raise UserError("err.file_missing", path=SETTINGS_FILE)
    if not resolves_inside(path, root):  # a link out of the casebook is neither read nor written
        raise UserError("sec.outside", path=SETTINGS_FILE)
    text = read_text(path, shown=SETTINGS_FILE)
    data = yamlio.loads(text, SETTINGS_FILE)
    if not isinstance(data, dict):
        data = {}
    change(data)
    try:
        new = roundtrip.update_text(text, data)
    except roundtrip.RoundTripError:  # not readable back faithfully: written whole, its opening comments kept
        lines = text.splitlines()
        header = "\n".join(lines[: next((i for i, x in enumerate(lines) if not x.startswith("#")), len(lines))])
        new = yamlio.dumps(data, header=header or None)
    _, problems = validate_text(SettingsDoc, new, SETTINGS_FILE)
    if problems:
        raise DataError(problems)
    atomic_write(path, new)
    return new


def _officers(data: dict[str, Any]) -> list[Any]:
    current = data.get("officers")
    if not isinstance(current, list):
        current = []
        data["officers"] = current
    return current


def add_officer(root: Path, entry: dict[str, Any]) -> str:
    """Append one officer (``name``, ``nip``, ``rank``, ``role``, ``section``; empty ones left out)."""

    def change(data: dict[str, Any]) -> None:
        keys = ("name", "nip", "rank", "role", "section")
        _officers(data).append({k: entry[k] for k in keys if entry.get(k)})

    return update(root, change)


def remove_officer(root: Path, index: int) -> str:
    def change(data: dict[str, Any]) -> None:
        officers = data.get("officers")
        if isinstance(officers, list) and 0 <= index < len(officers):
            del officers[index]

    return update(root, change)


def migrate(root: Path) -> list[str]:
    """Move what an older settings file keeps in the old shape to the current one; returns the keys moved.

    ``office.head_name``/``head_nip`` become the officer with the role ``kepala`` (unless one is listed)."""
    path = root / SETTINGS_FILE
    if not path.is_file() or not resolves_inside(path, root):  # a link out: check names it, nothing is moved
        return []
    moved = legacy_keys(read_text(path, shown=SETTINGS_FILE))
    if not moved:
        return []

    def change(data: dict[str, Any]) -> None:
        from bapascase.model.settings import current_shape

        moved_data = current_shape(data)
        if moved_data is not None:
            data.clear()
            data.update(moved_data)

    update(root, change)
    return moved
