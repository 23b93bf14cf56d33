"""Markdown emphasis in the reports opens and closes on a word: "_ Versi tersamar…_" printed its underscores
(QA: the anonymised footer). Every kind of the story, anonymised or not, read back by a CommonMark parser."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bapascase.reports import KINDS
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.report_fixture import story_case
from tests.test_report_anonymize import printable

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Casebook, str]:
    return story_case(tmp_path_factory.mktemp("emphasis") / "cb")


@pytest.mark.parametrize("anonymize", [False, True])
def test_no_emphasis_is_left_as_underscores(story: tuple[Casebook, str], anonymize: bool, tmp_path: Path) -> None:
    book, case_id = story
    md = MarkdownIt("commonmark", {"html": False})
    broken = []
    for kind in KINDS:
        if not printable(book.root, case_id, kind):
            continue
        for lang in ("id", "en"):
            text = render(book, case_id, kind, "md", lang, TODAY, anonymize).text
            html = md.render(text)
            # an underscore that opens or closes a word in the rendered text (a paragraph, a table cell, a list
            # item, after other markup) is emphasis that did not open or close
            for block in re.findall(r"<(?:p|td|th|li)>(.*?)</(?:p|td|th|li)>", html, re.S):
                plain = re.sub(r"<[^>]+>", "", block)
                if re.search(r"(^|\s)_\S|\S_(\s|$)", plain):
                    broken.append(f"{kind}.{lang}: {plain[:80]}")
    assert broken == []


def test_the_anonymised_footer_is_emphasis(story: tuple[Casebook, str]) -> None:
    book, case_id = story
    text = render(book, case_id, "litmas", "md", "id", TODAY, anonymize=True).text
    assert text.rstrip().splitlines()[-1].startswith("_Versi tersamar: ")
    assert "<em>Versi tersamar: " in MarkdownIt("commonmark").render(text)
