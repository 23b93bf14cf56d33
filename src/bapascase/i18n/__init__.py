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
import re
import string
from typing import Any

LANGS = ("id", "en")
AREAS = ("core", "cmd", "stages", "reports", "sync", "legal", "keyboard", "security", "sentences", "instr",
         "litmas", "print", "office", "stamps", "batch", "share", "derive", "report_rules", "writes",
         "wizard", "damage", "anonplace", "controls")

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


# A message field is a bare name with, at most, a plural spec or a small format spec ("{n}", "{n:day|days}",
# "{x:>3}"). No attribute or index access ("{x.__class__}", "{x[0]}"), no conversion ("{x!r}") and no field
# inside a spec: a value can only be shown, never explored. So a message can never reach what it is given
# (a template calls ``t()`` with values of its choosing), and a width cannot allocate gigabytes.
_SAFE_SPEC = re.compile(r"[<>^]?\d{0,2}(?:\.\d{1,2})?[dfs%]?")


class _SafeFormatter(string.Formatter):
    """``str.format`` restricted to ``{name}``, ``{name:one|other}`` and small specs (see above)."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        if not field_name.isidentifier():
            raise ValueError(f"message field {field_name!r}: only plain names are allowed")
        return self.get_value(field_name, args, kwargs), field_name

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:
            raise ValueError("message fields take no conversion")
        return value

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if value == 1 else other
        if not format_spec:
            return str(value)
        if not _SAFE_SPEC.fullmatch(format_spec):
            raise ValueError(f"message format spec {format_spec!r} is not allowed")
        return format(value, format_spec)


_FORMATTER = _SafeFormatter()


# a field that ends a sentence: "... dialihkan ke {officer}."
_FIELD_THEN_STOP = re.compile(r"(\{(\w+)\})\.")


def format_message(text: str, /, **values: Any) -> str:
    """Fill a catalog message with its values (plural forms chosen by their counts). Only catalog messages are
    ever formatted (``t`` returns an unknown key as it is). A value that ends a sentence with its own full stop
    (a name with its title, "Sri Rahayu, S.Sos.") is not given a second one."""
    if "}." in text:
        text = _FIELD_THEN_STOP.sub(lambda m: m.group(1) if str(values.get(m.group(2), "")).endswith(".")
                                    else m.group(0), text)
    return _FORMATTER.vformat(text, (), values)


def t(key: str, lang: str | None = None, /, **values: Any) -> str:
    """Translate ``key`` into ``lang`` (default: the current language), formatting ``values`` into it.

    A key that is in no catalog is returned as it is, never formatted: it may come from a template."""
    if "lang" in values:
        raise TypeError("t(): the language is the second positional argument, not a message value")
    text = catalog(lang or _lang).get(key)
    if text is None:
        text = catalog("id").get(key)
        if text is None:
            return key
    return format_message(text, **values) if values else text


def pick(id_text: str, en_text: str | None, lang: str | None = None) -> str:
    """Choose between an Indonesian and an English text (used for bilingual model metadata)."""
    if (lang or _lang) == "en" and en_text:
        return en_text
    return id_text
