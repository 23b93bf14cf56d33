"""Message catalogs: every user-facing string, in Indonesian (``id``) and English (``en``).

Each language is one catalog, split into area modules (``id_core``, ``id_stages``, ...) that are merged on first
use; a test checks both languages carry exactly the same keys. Nothing heavy is imported here.
"""

from __future__ import annotations

import importlib
from typing import Any

LANGS = ("id", "en")
AREAS = ("core", "cmd", "stages", "reports")

_lang = "id"
_cache: dict[str, dict[str, str]] = {}


def set_lang(lang: str) -> None:
    global _lang
    if lang not in LANGS:
        raise ValueError(lang)
    _lang = lang


def get_lang() -> str:
    return _lang


def catalog(lang: str) -> dict[str, str]:
    """The whole catalog of one language (merged from its area modules)."""
    try:
        return _cache[lang]
    except KeyError:
        merged: dict[str, str] = {}
        for area in AREAS:
            mod = importlib.import_module(f"bapascase.i18n.{lang}_{area}")
            merged.update(mod.MESSAGES)
        _cache[lang] = merged
        return merged


def t(key: str, lang: str | None = None, **kw: Any) -> str:
    """Translate ``key`` into ``lang`` (default: the current language), formatting ``kw`` into it."""
    text = catalog(lang or _lang).get(key)
    if text is None:
        text = catalog("id").get(key, key)
    return text.format(**kw) if kw else text


def pick(id_text: str, en_text: str | None, lang: str | None = None) -> str:
    """Choose between an Indonesian and an English text (used for bilingual model metadata)."""
    if (lang or _lang) == "en" and en_text:
        return en_text
    return id_text
