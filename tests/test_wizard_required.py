"""What the model requires is asked as required (QA6 F6): the first entry of a required list is offered (its
"Tambah ...?" says yes) or refused empty on the spot, and problems found after the interview are named by the
fields' titles in the officer's language, never by dotted paths."""

from __future__ import annotations

from typing import Any

import pytest

from bapascase.i18n import set_lang
from bapascase.model import registry
from bapascase.model.meta import titled
from bapascase.workflow.wizard import Interview
from tests.helpers import Recording
from tests.stage_helpers import answers, complete


@pytest.fixture(autouse=True)
def indonesian() -> Any:
    set_lang("id")
    yield
    set_lang("id")


def _interrupted(iv: Interview) -> None:
    from bapascase.errors import Interrupted

    with pytest.raises(Interrupted):
        iv.run()


def test_a_required_list_offers_its_first_entry() -> None:
    """A plan needs a goal: "Tambah tujuan?" says yes (it said no, then looped on 'minimal 1 isian')."""
    given = complete("plan", answers("plan"), "goals")
    prompter = Recording()
    _interrupted(Interview(registry.model_for("plan"), prompter, given=given))
    assert prompter.asked[-1] == ("Tambah tujuan?", True)


def test_an_optional_list_still_says_no() -> None:
    from tests.helpers import intake_answers
    from tests.stage_helpers import _filled

    given = _filled(registry.model_for("case"), intake_answers())
    given.pop("family")
    prompter = Recording()
    _interrupted(Interview(registry.model_for("case"), prompter, given=given))
    assert prompter.asked[-1] == ("Tambah keluarga?", False)


def test_the_first_article_cannot_be_left_empty() -> None:
    from bapascase.workflow.stages.case import articles_prompt
    from tests.helpers import intake_answers

    prompter = Recording(["", "Pasal 362 KUHP", ""])
    iv = Interview(registry.model_for("case"), prompter, given=intake_answers())
    assert articles_prompt()(iv, ("legal", "articles"), None) == ["Pasal 362 KUHP"]
    assert prompter.refused == [("", "wajib diisi")]  # the first empty line; the second one ends the list


def test_a_required_list_of_values_refuses_an_empty_first_value() -> None:
    """The generic list of values (one prompt per value) does the same for any list the model requires."""
    from bapascase.model.meta import needs_an_item

    model = registry.model_for("case")
    legal = model.model_fields["legal"].annotation
    assert needs_an_item(legal.model_fields["articles"])  # type: ignore[union-attr]
    assert not needs_an_item(model.model_fields["family"])


@pytest.mark.parametrize(("lang", "loc", "expected"), [
    ("id", ("legal", "supervision_end"), "Status hukum › Akhir masa bimbingan"),
    ("en", ("legal", "supervision_end"), "Legal status › End of the supervision period"),
    ("id", ("family", 1, "name"), "Keluarga 2 › Nama"),
    ("id", ("legal", "articles", 0), "Status hukum › Pasal 1"),
    ("id", ("identity", "aliases", 1), "Identitas klien › Nama alias (2)"),
    ("id", (), ""),
])
def test_problems_are_named_by_the_fields_titles(lang: str, loc: tuple[str | int, ...], expected: str) -> None:
    assert titled(registry.model_for("case"), loc, lang) == expected


def test_problems_after_the_interview_are_named_by_title_not_path() -> None:
    """The plan's 'minimal 1 isian' after a No is said as "Tujuan: ...", not "goals: ..."."""
    given = complete("plan", answers("plan"), "goals")

    class SaysNoOnce(Recording):
        def confirm(self, message: str, default: bool = False) -> bool:
            self.asked.append((message, default))
            if len(self.asked) == 1:
                return False
            raise KeyboardInterrupt

    prompter = SaysNoOnce()
    _interrupted(Interview(registry.model_for("plan"), prompter, given=given))
    problems = [n for n in prompter.notes if n.startswith("  ")]
    assert problems and all("goals" not in n for n in problems)
    assert problems[0].startswith("  Tujuan: ")
