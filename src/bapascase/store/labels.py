"""The labels of the models' choices ("PB" is "Pembebasan Bersyarat", "pidana_bersyarat" is "Pidana bersyarat
(anak)") for the read commands, which must not import pydantic to print a label.

The labels are the models' (``Choice`` members, one definition each); this module keeps a JSON copy of them in
the user's cache folder, made from the models the first time and again whenever bapascase, a model file or a data file changes
(a stamp of the model sources, like the kept settings and instrument definitions). A cache that cannot be
written is simply rebuilt on each run.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from bapascase import __version__

_MODEL_DIR = Path(__file__).resolve().parent.parent / "model"
# the models' data files (``data/programmes.yaml``: the programme choice and its labels are built from it)
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_loaded: dict[str, dict[str, list[str]]] | None = None
_loaded_at: Path | None = None  # the cache file they were read from or written to


def _stamp() -> list[Any]:
    out: list[Any] = []
    for folder, suffix in ((_MODEL_DIR, ".py"), (_DATA_DIR, ".yaml")):
        with os.scandir(folder) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.name.endswith(suffix):
                    st = entry.stat()
                    out.append([entry.name, st.st_mtime_ns, st.st_size])
    return out


def _build() -> dict[str, dict[str, list[str]]]:
    """Every choice field of every document: ``"case.legal.programme" -> {"PB": [id label, en label]}``."""
    from bapascase.model.base import Choice
    from bapascase.model.meta import ask_fields, is_model, list_item, unwrap
    from bapascase.model.registry import SPECS, model_for

    out: dict[str, dict[str, list[str]]] = {}

    def walk(model: Any, prefix: str) -> None:
        for name, info in ask_fields(model):
            inner, _ = unwrap(info.annotation)
            item = list_item(inner)
            tp = item if item is not None else inner
            if is_model(tp):
                walk(tp, f"{prefix}.{name}")
            elif isinstance(tp, type) and issubclass(tp, Choice):
                out[f"{prefix}.{name}"] = {m.value: [m.label_id, m.label_en] for m in tp}

    for spec in SPECS:
        walk(model_for(spec.name), spec.name)
    return out


_cache_file_of: dict[tuple[str | None, str | None], Path] = {}


def _cache_file() -> Path:
    """The cache file, worked out again only when the variables it follows change (``label`` asks per row)."""
    key = (os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))
    found = _cache_file_of.get(key)
    if found is None:
        from bapascase.env import user_cache_dir

        found = _cache_file_of[key] = Path(user_cache_dir()) / "labels.json"
    return found


def choice_labels() -> dict[str, dict[str, list[str]]]:
    """The labels, kept in the cache folder in use: a process that moves to another cache folder (a test session,
    ``XDG_CACHE_HOME`` changed) writes them there too, so the read commands run later find them."""
    global _loaded, _loaded_at
    path = _cache_file()
    if _loaded is not None and _loaded_at == path:
        return _loaded
    key = {"bapascase": __version__, "models": _stamp()}
    from bapascase.errors import BapascaseError

    try:
        # read the bounded way: a FIFO or a huge file in the cache folder never hangs or fills the memory
        from bapascase.store.textfiles import read_bytes

        kept = json.loads(read_bytes(path))
        if isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("labels"), dict):
            _loaded, _loaded_at = kept["labels"], path
            return kept["labels"]  # type: ignore[no-any-return]
    except (BapascaseError, ValueError, RecursionError):
        pass  # missing, broken, too deep or not a file: built again
    labels = _loaded if _loaded is not None else _build()
    with contextlib.suppress(OSError):
        from bapascase.store.atomic import atomic_write

        atomic_write(path, json.dumps({"key": key, "labels": labels}, ensure_ascii=False))
    _loaded, _loaded_at = labels, path
    return labels


def label(path: str, value: Any, lang: str) -> str:
    """The label of a recorded choice (``label("case.legal.programme", "PB", "id")``); an unknown value as it is
    written (``check`` reports it), an empty one as empty."""
    if value is None or value == "":
        return ""
    found = choice_labels().get(path, {}).get(str(value))
    if not found:
        return str(value)
    return found[1] if lang == "en" and found[1] else found[0]
