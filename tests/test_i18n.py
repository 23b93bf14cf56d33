"""Message catalogs: Indonesian and English carry the same keys and placeholders, and every key the source
uses exists. This scans the whole package, so it also catches keys other parts of the code forgot."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import pytest

from bapascase.i18n import AREAS, LANGS, catalog, format_message, pick, set_lang, t
from tests.helpers import SRC

PACKAGE = SRC / "bapascase"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)

# t("area.key"), t('area.key', ...), also split over lines
T_CALL = re.compile(r"""(?<![\w.])t\(\s*(?P<q>["'])(?P<key>[a-z][a-z0-9_]*\.[A-Za-z0-9_.]+)(?P=q)""")
# errors created with a catalog key
ERROR_CALL = re.compile(
    r"""\b(?:UserError|UsageError|Interrupted|BapascaseError)\(\s*(?P<q>["'])(?P<key>[a-z][a-z0-9_]*\.[\w.]+)(?P=q)""")
# custom pydantic errors: PydanticCustomError("bc_xxx", ...) needs "val.bc_xxx"
CUSTOM_ERROR = re.compile(r"""PydanticCustomError\(\s*(?P<q>["'])(?P<key>bc_\w+)(?P=q)""")


def placeholders(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def area_messages(lang: str, area: str) -> dict[str, str]:
    module = importlib.import_module(f"bapascase.i18n.{lang}_{area}")
    messages: dict[str, str] = module.MESSAGES
    return messages


@pytest.mark.parametrize("area", AREAS)
def test_each_area_has_the_same_keys_in_both_languages(area: str) -> None:
    id_keys = set(area_messages("id", area))
    en_keys = set(area_messages("en", area))
    assert sorted(id_keys - en_keys) == [], f"only in id_{area}"
    assert sorted(en_keys - id_keys) == [], f"only in en_{area}"


def test_no_key_is_defined_in_two_areas() -> None:
    seen: dict[str, str] = {}
    for area in AREAS:
        for key in area_messages("id", area):
            assert key not in seen, f"{key} is in both id_{seen.get(key)} and id_{area}"
            seen[key] = area


def test_same_placeholders_in_both_languages() -> None:
    ids, ens = catalog("id"), catalog("en")
    wrong = {k: (placeholders(ids[k]), placeholders(ens[k])) for k in ids if k in ens
             and placeholders(ids[k]) != placeholders(ens[k])}
    assert wrong == {}


def test_messages_are_non_empty_and_format_cleanly() -> None:
    for lang in LANGS:
        for key, text in catalog(lang).items():
            assert isinstance(text, str) and text.strip(), f"{lang} {key} is empty"
            for value in ("x", 1, 2):
                format_message(text, **{name: value for name in placeholders(text)})


def test_indonesian_says_bawaan_not_default() -> None:
    """A default value is "bawaan" in Indonesian, as click's own "[bawaan: ...]" is shown (``kbd.click.default``);
    the English word crept into option help more than once."""
    assert {k: v for k, v in catalog("id").items() if re.search(r"\bdefault\b", v, re.IGNORECASE)} == {}


def test_no_placeholder_is_named_lang() -> None:
    """``t()`` refuses a message value named ``lang`` (the language is positional), so no message may need one."""
    for lang in LANGS:
        assert [k for k, v in catalog(lang).items() if "lang" in placeholders(v)] == []


def _used_keys(pattern: re.Pattern[str]) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            used.setdefault(m.group("key"), []).append(f"{path.relative_to(SRC)}:{line}")
    return used


def test_every_literal_key_used_in_the_source_exists() -> None:
    used = _used_keys(T_CALL)
    assert len(used) > 50, "the scan found too few keys: is the regex still right?"
    for lang in LANGS:
        known = catalog(lang)
        missing = {k: where for k, where in used.items() if k not in known}
        assert missing == {}, f"keys missing from the {lang} catalog"


def test_every_error_key_exists() -> None:
    used = _used_keys(ERROR_CALL)
    assert "err.unknown_case" in used
    for lang in LANGS:
        known = catalog(lang)
        assert {k: w for k, w in used.items() if k not in known} == {}, lang


def test_every_custom_validation_error_has_a_message() -> None:
    used = _used_keys(CUSTOM_ERROR)
    assert "bc_nik_digits" in used
    kinds = {*used, "bc_nik_text", "bc_nip_text"}  # built as f"bc_{kind}_text" in model/types.py
    for lang in LANGS:
        known = catalog(lang)
        assert sorted(k for k in kinds if f"val.{k}" not in known) == [], lang


def test_dynamic_key_families_are_complete() -> None:
    from bapascase.model.registry import CaseStage, Stage

    for lang in LANGS:
        known = catalog(lang)
        assert [s for s in CaseStage if f"stage.{s}" not in known] == [], lang
        assert [s for s in Stage if f"doc.{s}" not in known] == [], lang


def test_indonesian_is_the_default_and_fallback() -> None:
    assert t("err.interrupted") == "Dibatalkan."
    assert t("err.interrupted", "en") == "Cancelled."
    set_lang("en")
    assert t("err.unknown_case", case="X") == "No such case: X"
    assert t("tidak.ada.kunci") == "tidak.ada.kunci"  # an unknown key shows itself, never crashes
    with pytest.raises(ValueError):
        set_lang("jv")


def test_pick_prefers_english_only_when_asked_and_present() -> None:
    assert pick("Nama", "Name", "id") == "Nama"
    assert pick("Nama", "Name", "en") == "Name"
    assert pick("Nama", None, "en") == "Nama"
    assert pick("Nama", "", "en") == "Nama"


def test_choices_have_labels_in_both_languages() -> None:
    from bapascase.model.base import Choice

    for path in SOURCES:
        if "model" not in path.parts:
            continue
        module = importlib.import_module(".".join(path.relative_to(SRC).with_suffix("").parts))
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Choice) and obj is not Choice:
                for member in obj:
                    assert member.label_id and member.label_en, f"{obj.__name__}.{member.name}"


def test_catalog_modules_are_plain_dicts_importing_nothing() -> None:
    """Catalogs load before anything else on every run: they must stay plain data."""
    for path in (PACKAGE / "i18n" / f"{lang}_{area}.py" for lang in LANGS for area in AREAS):
        code = [line for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith(("import ", "from ")) and "__future__" not in line]
        assert code == [], f"{path.name} imports {code}"


def test_sources_are_scanned() -> None:
    assert any(p.name == "cmd_list.py" for p in SOURCES)
    assert Path(PACKAGE / "i18n" / "id_core.py").is_file()


def test_a_value_that_ends_with_a_full_stop_is_not_given_a_second_one() -> None:
    from bapascase.i18n import format_message

    assert format_message("Dialihkan ke {officer}.", officer="Sri Rahayu, S.Sos.") == "Dialihkan ke Sri Rahayu, S.Sos."
    assert format_message("Dialihkan ke {officer}.", officer="Sri Rahayu") == "Dialihkan ke Sri Rahayu."
    assert format_message("{n} hari. Lanjut {x}", n=3, x="a.") == "3 hari. Lanjut a."
    assert format_message("{{officer}}. {officer}", officer="B.") == "{officer}. B."
