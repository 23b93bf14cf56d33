"""One typed settings object: ``bapascase.yaml`` validated by its model once, its defaults the model's, the same
``bapascase.yaml:LINE: field: message`` from every command, and no pydantic for the read commands once the
validated settings are kept in ``.bapascase/``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from bapascase.model.settings_view import Settings
from tests.helpers import Book, assert_clean_exit, intake_answers


def _set(book: Book, old: str, new: str) -> int:
    """Replace a line of bapascase.yaml; returns the line number of the new text."""
    path = book.root / "bapascase.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if new.splitlines()[0] in line)


def _check_line(book: Book) -> str:
    result = book.run("check")
    assert_clean_exit(result, 1)
    lines = [line for line in result.stderr.splitlines() if line.startswith("bapascase.yaml:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("args", [["due"], ["list"], ["show", "bzg"], ["stats"], ["report", "bzg"],
                                  ["new", "--no-input"], ["engage", "bzg", "--no-input"], ["transfer", "bzg", "--to",
                                                                                          "Sri"]])
def test_a_bad_setting_stops_every_command_with_the_line_check_gives(book: Book, args: list[str]) -> None:
    book.new()
    line = _set(book, "due_horizon_days: 14", "due_horizon_days: dua")
    expected = _check_line(book)
    assert expected.startswith(f"bapascase.yaml:{line}: defaults.due_horizon_days: ")
    result = book.run(*args)
    assert_clean_exit(result, 1)
    assert result.stderr.splitlines() == [expected]


def test_a_bad_letterhead_stops_the_report_like_check(book: Book) -> None:
    case_id = book.new()
    line = _set(book, "letterhead: []", "letterhead: 7")
    expected = _check_line(book)
    assert expected.startswith(f"bapascase.yaml:{line}: letterhead: ")
    result = book.run("report", case_id)
    assert_clean_exit(result, 1)
    assert result.stderr.splitlines() == [expected]


def test_due_horizon_zero_means_zero(book: Book) -> None:
    # supervision ends in 5 days: within the default horizon (14), not within 0
    case_id = book.new(intake_answers(legal={"supervision_end": "2026-06-20"}))
    due = json.loads(book.run("due", "--json").stdout)["items"]
    assert [i["kind"] for i in due if i["id"] == case_id and i["kind"] == "prepare_closing"] == ["prepare_closing"]
    _set(book, "due_horizon_days: 14", "due_horizon_days: 0")
    due = json.loads(book.run("due", "--json").stdout)["items"]
    assert [i for i in due if i["kind"] == "prepare_closing"] == []
    assert all(i["days"] is None or i["days"] <= 0 for i in due)


def test_the_default_interval_comes_from_the_settings(book: Book) -> None:
    case_id = book.new()  # supervision from 1 March 2026, no engagement yet: the casebook's default interval
    _set(book, "wajib_lapor_interval_days: 30", "wajib_lapor_interval_days: 7")
    shown = json.loads(book.run("show", case_id, "--json").stdout)["case"]
    assert shown["next_report_due"] == "2026-03-09"  # 8 March is a Sunday: Monday (test_weekend_reporting)


def test_settings_left_out_take_the_models_defaults(book: Book) -> None:
    path = book.root / "bapascase.yaml"
    path.write_text("office:\n  name: Bapas Kelas II Binjai\n", encoding="utf-8")
    from bapascase.model.settings import SettingsDoc
    from bapascase.store.settings import load_settings

    settings = load_settings(book.root)
    model = SettingsDoc.model_validate({"office": {"name": "x"}})
    assert settings.defaults.due_horizon_days == model.defaults.due_horizon_days
    assert settings.defaults.wajib_lapor_interval_days == model.defaults.wajib_lapor_interval_days
    assert settings.language == model.language and settings.auto_commit == model.auto_commit
    assert settings.office.name == "Bapas Kelas II Binjai" and settings.officers == ()


def test_a_casebook_without_settings_uses_the_models_defaults(tmp_path: Path) -> None:
    from bapascase.model.settings import Defaults
    from bapascase.store.settings import load_settings

    (tmp_path / "cases").mkdir()
    settings = load_settings(tmp_path)
    assert settings.defaults.due_horizon_days == Defaults().due_horizon_days
    assert settings.office.name == ""


def _same_fields(view: type[Any], model: type[Any], where: str) -> None:
    hints = get_type_hints(view)
    assert [f.name for f in fields(view)] == list(model.model_fields), where
    from bapascase.model.meta import list_item, unwrap

    for f in fields(view):
        inner, _ = unwrap(model.model_fields[f.name].annotation)
        inner = list_item(inner) or inner
        hint = hints[f.name]
        args = [a for a in getattr(hint, "__args__", ()) if a is not type(None) and a is not Ellipsis]
        sub = next((a for a in [hint, *args] if is_dataclass(a)), None)
        if sub is not None:
            _same_fields(sub, inner, f"{where}.{f.name}")  # type: ignore[arg-type]


def test_the_typed_view_names_exactly_the_models_fields() -> None:
    from bapascase.model.settings import SettingsDoc

    _same_fields(Settings, SettingsDoc, "settings")


def test_a_dump_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError):
        Settings.from_dump({"schema_version": 1})
    with pytest.raises(ValueError):
        Settings.from_dump([])  # type: ignore[arg-type]


def _validations_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the settings are validated (not read from the cache)."""
    from bapascase.store import settings as store

    calls: list[int] = []
    real = store.validated_dump

    def counted(text: str) -> dict[str, Any]:
        calls.append(1)
        return real(text)

    monkeypatch.setattr(store, "validated_dump", counted)
    return calls


def test_parsed_once_per_process(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    from bapascase.store.casebook import Casebook

    calls = _validations_counted(monkeypatch)
    (book.root / ".bapascase" / "settings.json").unlink(missing_ok=True)
    casebook = Casebook(book.root)
    for _ in range(3):
        assert casebook.settings.defaults.due_horizon_days == 14
    assert calls == [1]
    assert Casebook(book.root).settings.language == "id"
    assert calls == [1]  # the next process reads the kept, validated settings


def test_an_edit_within_the_same_clock_tick_and_size_is_seen(book: Book) -> None:
    from bapascase.store.settings import load_settings

    path = book.root / "bapascase.yaml"
    assert load_settings(book.root).defaults.due_horizon_days == 14
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("due_horizon_days: 14", "due_horizon_days: 41"),
                    encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert load_settings(book.root).defaults.due_horizon_days == 41


def test_a_change_to_any_model_source_validates_the_settings_again(book: Book, monkeypatch: pytest.MonkeyPatch
                                                                     ) -> None:
    """The settings model is made from ``types.py`` and ``base.py`` as much as from ``settings.py``: a change to
    any model source (seen by its stamp) makes the kept settings stale."""
    from bapascase.store import definition_files
    from bapascase.store import settings as store

    calls = _validations_counted(monkeypatch)
    store.load_settings(book.root)
    store.load_settings(book.root)
    kept = len(calls)
    assert kept <= 1
    stamp = definition_files.models_stamp()
    assert any(name == "model/types.py" for name, *_ in stamp)
    moved = [[name, mtime + 1_000_000_000 if name == "model/types.py" else mtime, size]
             for name, mtime, size in stamp]
    monkeypatch.setattr(definition_files, "models_stamp", lambda: moved)
    store.load_settings(book.root)
    assert len(calls) == kept + 1


RUNNER = """
import contextlib, io, json, sys
from bapascase.cli.main import run
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        run(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _modules(book: Book, *args: str) -> set[str]:
    from tests.helpers import test_environ

    proc = subprocess.run([sys.executable, "-c", RUNNER, "-C", str(book.root), *args], capture_output=True,
                          text=True, env=test_environ(), timeout=120)
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_read_commands_validate_only_when_the_settings_changed(book: Book) -> None:
    book.new()
    assert "pydantic" not in _modules(book, "due")
    _set(book, "due_horizon_days: 14", "due_horizon_days: 21")
    assert "pydantic" in _modules(book, "due")  # changed: validated once ...
    assert "pydantic" not in _modules(book, "due")  # ... and kept
    assert "pydantic" not in _modules(book, "show", "bzg")


def test_a_setting_kept_in_two_versions_stops_no_read_command(tmp_path: Path) -> None:
    """A field of bapascase.yaml that a sync kept in two versions stopped ``list``, ``whoami`` and every other
    command, though the read commands go on with a case document in that state. They go on with this clone's
    value; ``check`` names the field, and a command that writes the settings is refused until it is chosen."""
    from tests.stage_helpers import demo_book

    book = demo_book(tmp_path)
    path = book.root / "bapascase.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("  phone:"))
    path.write_text(text.replace(line, "  phone:\n    _conflict:\n      here: (061) 111\n      there: (061) 222", 1),
                    encoding="utf-8")
    for command in ("list", "whoami"):
        result = book.run(command)
        assert_clean_exit(result, 0)
        assert result.stderr.count("office.phone: dua versi disimpan oleh sinkron") == 1, result.stderr
    checked = book.run("check")
    assert_clean_exit(checked, 1)
    assert "bapascase.yaml:12: office.phone: dua versi disimpan oleh sinkron" in checked.stderr
    refused = book.run("officers", "add", "Budi Contoh", "--nip", "198702142010121003")
    assert_clean_exit(refused, 1)
    assert "dua versi disimpan" in refused.stderr
    assert "Budi Contoh" not in path.read_text(encoding="utf-8")
    # anything else wrong in the file still stops every command, as before
    path.write_text(path.read_text(encoding="utf-8").replace("here: (061) 111", "here: [1, 2]"), encoding="utf-8")
    assert_clean_exit(book.run("list"), 1)
