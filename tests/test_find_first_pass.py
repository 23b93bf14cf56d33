"""``find`` (and ``show`` of an unknown id) pass over each kept row's JSON text before decoding it
(``cli.cmd_find.cannot_match``): a row left out there must never be one ``matches`` would have found, whatever
the values hold (quotes, backslashes, control characters, letters whose lower case is another script's, a final
sigma) and whatever is searched for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.cli.cmd_find import READ, SEARCHED, cannot_match, matches
from bapascase.store import index
from bapascase.store.casebook import Casebook
from tests.helpers import invoke
from tests.stage_helpers import demo_book

pytestmark = pytest.mark.git(False)

HOSTILE = ["Budi \"Si Kancil\" Ginting", "C:\\Users\\budi", "line\nbreak", "tab\there", "\x00nul", "ΟΔΟΣ",
           "\u212aelvin", "İstanbul", "ß", "ﬁre", "\u2028sep", "Ünal", "💡 emoji", "", "1234567890123456"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))


def _rows_text(summary: dict[str, Any]) -> list[str]:
    """The two JSON texts a row keeps of a summary (its whole summary and its brief), as the index writes them."""
    _id, _sig, whole, _name, _check, brief, _bcheck = index._row(summary.get("id") or "x", "sig", summary)
    return [whole, brief]


def _summary(values: dict[str, Any]) -> dict[str, Any]:
    base = {k: None for k in index.summary_keys()}
    base.update(values)
    return base


def _words_of(summary: dict[str, Any], extra: list[str]) -> list[list[str]]:
    """Words that match (pieces of the values) and words that may not."""
    hay = " ".join([str(summary.get(k) or "") for k in SEARCHED] + summary.get("aliases", [])
                   + summary.get("articles", [])).lower()
    pieces = [w for w in hay.split() if w]
    found = [[w] for w in pieces] + [[w[1:-1]] for w in pieces if len(w) > 2] + [pieces[:2]]
    return [*found, *([w.lower()] for w in extra if w.split()), [w.lower() for w in extra if w.split()]]


def _agrees(summary: dict[str, Any], words: list[str]) -> None:
    words = [w for w in " ".join(words).split()]  # as ``find`` splits its text
    if not words:
        return
    leave_out = cannot_match(words)
    if leave_out is None or not matches(summary, words):
        return
    for kept in _rows_text(summary):
        assert not leave_out(kept), (summary, words)


@settings(max_examples=400, deadline=None)
@given(values=st.fixed_dictionaries({k: text for k in SEARCHED}), aliases=st.lists(text, max_size=3),
       articles=st.lists(text, max_size=3), extra=st.lists(text, max_size=3))
def test_a_row_left_out_never_matches(values: dict[str, str], aliases: list[str], articles: list[str],
                                      extra: list[str]) -> None:
    summary = _summary({**values, "aliases": aliases, "articles": articles})
    for words in _words_of(summary, extra):
        _agrees(summary, words)


def test_the_first_pass_leaves_out_what_cannot_match_and_keeps_every_match(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "RACY_NS", 0)  # the rows are kept unmarked: the commands read them, not the cases
    book = demo_book(tmp_path)
    today = dt.date(2026, 11, 20)
    summaries = list(index.iter_index(Casebook(book.root)))
    assert summaries
    for s in summaries:
        for words in _words_of(s, ["zzz-no-such", "Ginting", "\""]):
            _agrees(s, words)
    # on the command line: each query finds what decoding every row finds
    queries = ["a", "budi", "pasal", "zzz-no-such", "medan pb", "\"", "\\", "ΟΔΟΣ"]
    for q in queries:
        words = q.lower().split()
        expected = sorted(s["id"] for s in summaries if matches(s, words))
        for args in (["find", q, "--json"], ["find", q]):
            result = invoke(args, casebook=book.root, today=today)
            assert result.exit_code == (0 if expected else 1), (q, result.stdout, result.stderr)
            if "--json" in args:
                assert sorted(c["id"] for c in json.loads(result.stdout)["cases"]) == expected, q
            else:
                assert all(i in result.stdout for i in expected), q


def test_rows_left_out_are_not_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "RACY_NS", 0)
    book = demo_book(tmp_path)
    casebook = Casebook(book.root)
    assert list(index.iter_index(casebook, fields=READ))  # the index built
    decoded: list[str] = []
    real = index._decoded_all

    def counted(texts: list[str], brief: bool) -> Any:
        decoded.extend(texts)
        return real(texts, brief)

    monkeypatch.setattr(index, "_decoded_all", counted)
    everyone = list(index.iter_index(casebook, fields=READ))
    assert len(decoded) == len(everyone)  # kept rows, decoded
    decoded.clear()
    leave_out = cannot_match(["zzz-no-such"])
    assert leave_out is not None
    assert list(index.iter_index(casebook, fields=READ, leave_out=leave_out)) == []
    assert decoded == []  # not one row decoded
    assert len(everyone) == 6


def test_words_json_would_escape_are_left_to_matches() -> None:
    for words in (["\""], ["a\\b"], ["\x07"], ["ΟΔΟΣ"], ["ﬁ"]):
        assert cannot_match(words) is None
    assert cannot_match(["ok", "ΟΔΟΣ"]) is not None  # the plain word still passes first
