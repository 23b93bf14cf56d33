"""Dates and numbers with bounds: a sane range for every date (1900 to 2100), a clear error at validation, and no
derived date that can overflow, whatever a hand-edited file says.

- every date field of every model is the one ``Date`` type (so the range holds everywhere);
- the derivations (``model.derive``) over any raw values (hypothesis: any date from year 1 to 9999, any interval,
  any type) never raise;
- ``due``, ``show``, ``list``, ``report``, ``stats`` and a later ``monitor`` over a case holding ``9999-12-31``,
  ``0001-01-01`` or a huge interval: a clear line or a normal result, never an internal error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.model import derive, records
from bapascase.model.bounds import DATE_MAX, DATE_MIN
from bapascase.model.meta import list_item, nested_models, unwrap
from bapascase.model.registry import STAGES, Stage, model_for
from bapascase.model.types import parse_date
from tests.helpers import Book, assert_clean_exit
from tests.stage_helpers import answers as stage_answers
from tests.stage_helpers import answers_file, through


def test_every_date_field_of_every_model_is_the_bounded_date_type() -> None:
    from bapascase.model.settings import SettingsDoc

    found = []
    for model in {*(m for s in STAGES for m in nested_models(model_for(s))), *nested_models(SettingsDoc)}:
        for name, info in model.model_fields.items():
            inner, _ = unwrap(info.annotation)
            inner = list_item(inner) or inner
            if inner is dt.date:
                found.append(name)
                assert _bounded(info.annotation) or any(getattr(m, "func", None) is parse_date for m in info.metadata), \
                    f"{model.__name__}.{name} is a date without the bounded Date type"
    assert len(found) > 20


def _bounded(annotation: Any) -> bool:
    """Whether the annotation is (or holds) the ``Date`` type, whose validator is ``parse_date``."""
    import typing

    if typing.get_origin(annotation) is typing.Annotated:
        if any(getattr(m, "func", None) is parse_date for m in annotation.__metadata__):
            return True
    return any(_bounded(a) for a in typing.get_args(annotation))


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", dt.date(9999, 12, 31),
                                   "31/12/9999", dt.datetime(1, 1, 1)])
def test_a_date_out_of_range_is_a_clear_error(value: Any) -> None:
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError) as exc:
        parse_date(value)
    assert exc.value.type == "bc_date_range"


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31", "29/2/2024"])
def test_the_range_is_inclusive(value: str) -> None:
    assert DATE_MIN <= parse_date(value) <= DATE_MAX


raw = st.one_of(st.none(), st.dates(), st.dates().map(dt.date.isoformat), st.integers(), st.text(max_size=12),
                st.booleans(), st.lists(st.integers(), max_size=2))


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "intake_date": raw, "identity": st.fixed_dictionaries({}, optional={"birth_date": raw, "name": raw}),
    "legal": st.fixed_dictionaries({}, optional={"supervision_start": raw, "supervision_end": raw,
                                                 "sentence_years": raw})}),
    st.lists(st.fixed_dictionaries({}, optional={"date": raw, "next_date": raw,
                                                 "wajib_lapor": st.fixed_dictionaries({}, optional={"status": raw})}),
             max_size=3),
    st.fixed_dictionaries({}, optional={"date": raw, "contract": st.fixed_dictionaries(
        {}, optional={"wajib_lapor_interval_days": raw})}),
    st.dates(min_value=DATE_MIN, max_value=DATE_MAX), st.integers(1, 366), st.integers(0, 3660))
def test_derivations_never_raise_on_any_recorded_value(case: Any, monitoring: Any, engagement: Any, today: dt.date,
                                                       interval: int, horizon: int) -> None:
    docs: dict[str, Any] = {Stage.CASE: [case], Stage.MONITORING: monitoring, Stage.ENGAGEMENT: [engagement],
            Stage.ASSESSMENT: [{"date": engagement.get("date")}]}
    summary = derive.summarize("x", records.case_record(docs))
    summary.update(derive.dated(summary, today, interval))
    derive.due_items(summary, today, interval, horizon, derive.reassessment_days(36))


EXTREMES = {
    "end 9999": ("case.yaml", "supervision_end: 2028-03-14", "supervision_end: 9999-12-31"),
    "start 0001": ("case.yaml", "supervision_start: 2026-03-01", "supervision_start: 0001-01-01"),
    "intake 9999": ("case.yaml", "intake_date: 2026-03-02", "intake_date: 9999-12-31"),
    "birth 0001": ("case.yaml", "birth_date: 1990-05-12", "birth_date: 0001-01-01"),
    "interval huge": ("engagement.yaml", "wajib_lapor_interval_days: 30",
                      "wajib_lapor_interval_days: 999999999999999999"),
    "interval negative": ("engagement.yaml", "wajib_lapor_interval_days: 30", "wajib_lapor_interval_days: -5"),
    "engaged 9999": ("engagement.yaml", "date: 2026-03-05", "date: 9999-12-31"),
    "monitoring 9999": ("monitoring", "date: 2026-04-30", "date: 9999-12-31"),
    "next report 9999": ("monitoring", "date: 2026-04-30", "date: 2026-04-30\nnext_date: 9999-12-31"),
    "assessed 0001": ("assessment.yaml", "date: 2026-03-12", "date: 0001-01-01"),
}


@pytest.mark.parametrize("name", list(EXTREMES))
def test_no_command_fails_on_an_absurd_date_or_interval(book: Book, name: str) -> None:
    case_id = book.new()
    through(book, case_id, "engage", "assess", "plan", "monitor")
    where, old, new = EXTREMES[name]
    folder = book.cases / case_id
    path = next((folder / "monitoring").glob("*.yaml")) if where == "monitoring" else folder / where
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    runs = [["due"], ["due", "--json"], ["show", case_id], ["show", case_id, "--json"], ["list", "--all"], ["stats"],
            ["report", case_id], ["report", case_id, "--kind", "progress", "--format", "html"], ["check"],
            ["monitor", case_id, "--answers", str(answers_file(book, stage_answers("monitor", date="2026-06-01"))),
             "--no-input"]]
    for args in runs:
        result = book.run(*args)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output, (args, result.output)
        assert "internal" not in result.output.lower() and "Kesalahan internal" not in result.output, args
    check = book.run("check")
    assert_clean_exit(check, 1)
    assert path.name in check.stderr


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "2026-13-01"])
def test_an_absurd_today_is_a_clear_error(book: Book, today: str) -> None:
    result = book.run("due", env={"BAPASCASE_TODAY": today}, today=None)
    assert_clean_exit(result, 1)
    assert today in result.stderr


def test_every_number_of_every_model_has_an_upper_bound() -> None:
    """Counts, ages, hours, intervals, amounts: a typo of extra digits is an error at its line, not a value that
    overflows a derivation or a report."""
    from bapascase.model.settings import SettingsDoc

    unbounded = []
    for model in {*(m for s in STAGES for m in nested_models(model_for(s))), *nested_models(SettingsDoc)}:
        for name, info in model.model_fields.items():
            inner, _ = unwrap(info.annotation)
            inner = list_item(inner) or inner
            if inner in (int, float) and not any(hasattr(m, "le") or hasattr(m, "lt") for m in info.metadata):
                unbounded.append(f"{model.__name__}.{name}")
    assert unbounded == []


def test_an_amount_beyond_the_bound_is_refused() -> None:
    from bapascase.model.assessment import Economic

    assert Economic.model_validate({"income_monthly": 1_500_000}).income_monthly == 1_500_000
    with pytest.raises(Exception, match="less than or equal"):
        Economic.model_validate({"income_monthly": 10**13})
