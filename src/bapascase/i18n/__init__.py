"""Message catalogs: every user-facing string, in Indonesian (``id``) and English (``en``).

Each language is one catalog, split into area modules (``id_core``, ``id_stages``, ...) that are merged on first
use; a test checks both languages carry exactly the same keys. Nothing heavy is imported here.

``t(key, **values)`` translates into the current language, ``t(key, lang, **values)`` into a given one. The
language is positional-only and message values are keyword-only, so no message value (not even one named
``lang``) can ever be taken for the language.

Plurals: a count's word is written as ``{n:one|other}`` (``"{n} {n:day|days}"``): the first form when the value
is 1, the second otherwise. Indonesian has no plural forms and never uses them.
"""

from __future__ import annotations

import importlib
import string
from typing import Any

LANGS = ("id", "en")
AREAS = ("core", "cmd", "stages", "reports", "sync", "legal", "keyboard", "sentences", "instr", "litmas",
         "print", "office")

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
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}") from None
        merged: dict[str, str] = {}
        for area in AREAS:
            mod = importlib.import_module(f"bapascase.i18n.{lang}_{area}")
            merged.update(mod.MESSAGES)
        _cache[lang] = merged
        return merged


class _PluralFormatter(string.Formatter):
    """``str.format`` plus the plural spec ``{n:one|other}``."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if value == 1 else other
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def format_message(text: str, /, **values: Any) -> str:
    """Fill a catalog message with its values (plural forms chosen by their counts)."""
    if "|" in text:
        return _FORMATTER.vformat(text, (), values)
    return text.format(**values)


def t(key: str, lang: str | None = None, /, **values: Any) -> str:
    """Translate ``key`` into ``lang`` (default: the current language), formatting ``values`` into it."""
    if "lang" in values:
        raise TypeError("t(): the language is the second positional argument, not a message value")
    text = catalog(lang or _lang).get(key)
    if text is None:
        text = catalog("id").get(key, key)
    return format_message(text, **values) if values else text


def pick(id_text: str, en_text: str | None, lang: str | None = None) -> str:
    """Choose between an Indonesian and an English text (used for bilingual model metadata)."""
    if (lang or _lang) == "en" and en_text:
        return en_text
    return id_text
