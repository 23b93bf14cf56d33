"""Reading ``bapascase.yaml`` once per process into the typed ``Settings`` view, validated by ``SettingsDoc``.

Every command gets its settings here, so a bad value stops any command with the same
``bapascase.yaml:LINE: field: message`` line ``check`` prints (exit 1), and every default is the settings
model's (``due_horizon_days: 0`` means 0).

Validating means importing pydantic and building the model, which the read commands (``list``, ``show``, ``due``,
...) must not pay for on every run. So the validated dump, defaults filled in by the model, is kept in
``.bapascase/settings.json`` with what it was made from: the exact text of ``bapascase.yaml``, the bapascase
version and the stamps of every model source (``definition_files.models_stamp``: the settings model is made
from ``types.py`` and ``base.py`` as much as from ``settings.py``). Comparing the text itself (a few hundred
bytes) cannot be fooled by an edit within one clock tick, as a modification time can. When anything differs the
file is validated again (once) and the cache rewritten; the cache is derived data, and a casebook that cannot be
written to simply validates every time.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from bapascase import __version__
from bapascase.errors import BapascaseError
from bapascase.model.settings_view import Settings
from bapascase.store.layout import CONFLICT_KEY, SETTINGS_FILE, STATE_DIR
from bapascase.store.textfiles import read_bytes, read_text, resolves_inside

CACHE_FILE = "settings.json"
CACHE_LIMIT = 4 * 1024 * 1024


def _read_text(path: Path) -> str | None:
    """The settings' text; None when there is no ``bapascase.yaml`` (a FIFO or folder in its place is an error)."""
    if not os.path.lexists(path):
        return None
    if not resolves_inside(path, path.parent):
        from bapascase.errors import UserError

        raise UserError("sec.outside", path=SETTINGS_FILE)
    return read_text(path, shown=SETTINGS_FILE)


def validated_dump(text: str | None) -> dict[str, Any]:
    """The settings as the model fills them in (raises DataError naming the file, line and field)."""
    from bapascase.errors import DataError
    from bapascase.model.settings import Office, SettingsDoc

    if text is None:  # a casebook of cases/ only: the model's defaults (no office yet)
        doc = SettingsDoc.model_construct(office=Office.model_construct(name=""))
    else:
        from bapascase.store.documents import validate_text

        found, problems = validate_text(SettingsDoc, text, SETTINGS_FILE)
        if problems:
            found = _as_kept_here(text)
            if found is None:
                raise DataError(problems)
        assert found is not None
        doc = found
    data: dict[str, Any] = doc.model_dump(mode="json")
    from bapascase.store.labels import choice_labels

    choice_labels()  # the models are loaded now: keep their labels for the read commands (no pydantic there)
    return data


def _as_kept_here(text: str) -> Any:
    """The settings as this clone had them, when what stops them is only fields a sync kept in two versions
    (``store.merge``): the read commands go on with this clone's values, as they do with a case document, while
    ``check`` names the fields and ``sync`` asks which to keep. None when anything else is wrong."""
    from bapascase.errors import BapascaseError
    from bapascase.model.settings import SettingsDoc
    from bapascase.model.validation import validate
    from bapascase.store import merge, yamlio

    try:
        data = yamlio.loads(text, SETTINGS_FILE)
    except BapascaseError:
        return None
    kept = list(merge.conflicts_in(data)) if isinstance(data, dict) else []
    if not kept:
        return None
    for conflict in kept:
        data = merge.resolve(data, conflict.loc, conflict.here)
    doc, errors = validate(SettingsDoc, data)
    return None if errors else doc


def kept_both(root: Path) -> list[str]:
    """The fields of ``bapascase.yaml`` a sync kept in two versions, as ``check`` says them (the commands run
    on with this clone's values, ``_as_kept_here``, and say so); none without one (a substring test: no
    parsing)."""
    try:
        text = _read_text(root / SETTINGS_FILE)
    except BapascaseError:
        return []
    if text is None or CONFLICT_KEY not in text:
        return []
    from bapascase.store import yamlio
    from bapascase.store.documents import conflict_problems

    try:
        data = yamlio.loads(text, SETTINGS_FILE)
    except BapascaseError:
        return []
    return [p.render() for p in conflict_problems(data, text, SETTINGS_FILE)] if isinstance(data, dict) else []


def load_settings(root: Path) -> Settings:
    text = _read_text(root / SETTINGS_FILE)
    from bapascase.store.definition_files import models_stamp

    key = {"bapascase": __version__, "model": models_stamp(), "text": text}
    cache = root / STATE_DIR / CACHE_FILE
    if not resolves_inside(cache, root):  # a .bapascase link out of the casebook: no cache
        return Settings.from_dump(validated_dump(text))
    try:
        kept = json.loads(read_bytes(cache, CACHE_LIMIT))
        if isinstance(kept, dict) and kept.get("key") == key:
            return Settings.from_dump(kept["data"])
    except (BapascaseError, ValueError, KeyError, TypeError, RecursionError):
        pass  # missing, broken or not a file: validated again, and rewritten when possible
    data = validated_dump(text)
    settings = Settings.from_dump(data)
    from bapascase.store.atomic import atomic_write

    with contextlib.suppress(OSError):
        cache.parent.mkdir(exist_ok=True)
        atomic_write(cache, json.dumps({"key": key, "data": data}, ensure_ascii=False))
    return settings
