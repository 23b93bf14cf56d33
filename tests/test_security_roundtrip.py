"""Model round-trips (hypothesis): any text a person can give, recorded and read back, is exactly what was given.

Every text of a document (names, narratives, lists of text, codes) takes arbitrary Unicode: YAML's special words
("yes", "null", "~"), numbers and dates as text, leading dashes, colons, hashes and quotes, line and paragraph
separators, NEL, BOM, control characters, emoji, right-to-left text. The document is written as the store writes
it (schema header, end marker), read and validated again, and compared field by field; the file also passes
``check``'s reading (not cut short).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bapascase.model import registry
from bapascase.store import yamlio
from bapascase.store.casebook import Casebook
from tests.helpers import intake_answers
from tests.stage_helpers import answers

TRICKY = ["yes", "no", "null", "~", "true", "1e3", "0x1F", "012", "2026-03-02", "- x", "a: b", "# x", "'q'", '"q"',
          "x\u2028y", "x\u2029y", "x\x85y", "\ufeffx", "a\x1bb", "\u202eabc", "😀", "الاسم", "a\nb", "  a  ", "a\r\nb",
          "|", ">", "&a", "*a", "!tag", "%x", "@x", "`x`", "{a}", "[a]", "a\tb", "\\", "x" * 120]

text = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
                 st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map(" ".join))


def _roundtrip(tmp: Any, stage: str, data: dict[str, Any]) -> None:
    model = registry.model_for(stage)
    try:
        doc = model.model_validate(data)
    except Exception:  # not a valid document (an empty name...): nothing to record
        assume(False)
        return
    book = Casebook(tmp)
    path = tmp / "cases" / "2026-x-aaaaa" / (registry.spec(stage).file or "entry.yaml")
    written = book.render_doc(path, stage, doc)
    assert not yamlio.cut_short(written)
    again = model.model_validate(yamlio.loads(written))
    assert again.model_dump(mode="json") == doc.model_dump(mode="json")


QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@QUICK
@given(name=text, address=text, offence=text, occupation=text, aliases=st.lists(text, max_size=3))
def test_an_intake_with_any_text_round_trips(tmp_path_factory: Any, name: str, address: str, offence: str,
                                             occupation: str, aliases: list[str]) -> None:
    data = intake_answers()
    data["identity"].update({"name": name, "address": address, "occupation": occupation, "aliases": aliases})
    data["legal"]["offence"] = offence
    _roundtrip(tmp_path_factory.mktemp("rt"), "case", data)


@QUICK
@given(rapport=text, expectations=text, goals=st.lists(text, min_size=1, max_size=3), notes=text)
def test_an_engagement_with_any_text_round_trips(tmp_path_factory: Any, rapport: str, expectations: str,
                                                 goals: list[str], notes: str) -> None:
    data = answers("engage")
    data.update({"rapport": rapport, "client_expectations": expectations})
    data["contract"]["agreed_goals"] = goals
    data["contacts"][0]["notes"] = notes
    _roundtrip(tmp_path_factory.mktemp("rt"), "engagement", data)


@QUICK
@given(observations=text, obstacles=text, reason=text)
def test_a_monitoring_entry_with_any_text_round_trips(tmp_path_factory: Any, observations: str, obstacles: str,
                                                      reason: str) -> None:
    data = answers("monitor")
    data.update({"observations": observations, "obstacles": obstacles})
    data["wajib_lapor"] = {"status": "jarak_jauh", "reason": reason}
    _roundtrip(tmp_path_factory.mktemp("rt"), "monitoring", data)
