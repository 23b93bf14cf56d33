"""Every message in the catalogs is used, and every message the code builds from a name exists.

A key is used when src/ or templates/ name it in full (a string literal), or when the code builds it from a family
prefix and a name (``t(f"doc.{stage}")``, ``t("rpt.theory." ~ th.value)``). The members of each family are taken
from where the code takes them (the stage registry, the command table, an enum, the instrument definitions), not
from a list kept here, and every prefix the code builds keys from must be one of these families.
"""

from __future__ import annotations

import ast
import functools
import re
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pydantic_core.core_schema

from bapascase.i18n import catalog
from tests.helpers import ROOT, SRC

PACKAGE = SRC / "bapascase"
TEMPLATES = ROOT / "templates"


@functools.cache
def _parsed() -> tuple[tuple[Path, ast.Module], ...]:
    return tuple((path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))
                 if "i18n" not in path.parts and "__pycache__" not in path.parts)


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    yield from _parsed()


def _templates() -> Iterator[tuple[Path, str]]:
    for path in sorted(TEMPLATES.rglob("*.j2")):
        yield path, path.read_text(encoding="utf-8")


_QUOTED = re.compile(r"""(["'])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\1""")
# a Jinja expression that builds a key: "rpt.theory." ~ th.value
_BUILT_IN_TEMPLATE = re.compile(r"""(["'])([a-z][a-z0-9_.]*[._])\1\s*~""")


@functools.cache
def literal_strings() -> frozenset[str]:
    """Every whole string literal in the package (outside the catalogs) and every quoted dotted name in the
    templates."""
    found = {node.value for _, tree in _sources() for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    found |= {m.group(2) for _, text in _templates() for m in _QUOTED.finditer(text)}
    return frozenset(found)


def built_prefixes(keys: set[str]) -> dict[str, list[str]]:
    """Prefix -> where the code builds a catalog key from it (an f-string or ``+`` in src, ``~`` in a template).
    Only prefixes some catalog key starts with count (``f"bapascase.cli.{module}"`` is no message)."""
    found: dict[str, list[str]] = {}

    def add(prefix: str, where: str) -> None:
        if "." in prefix and any(key.startswith(prefix) for key in keys):
            found.setdefault(prefix, []).append(where)

    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                head = node.left
            else:
                continue
            if isinstance(head, ast.Constant) and isinstance(head.value, str) and head.value:
                add(head.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    for path, text in _templates():
        for m in _BUILT_IN_TEMPLATE.finditer(text):
            add(m.group(2), f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}")
    return found


# -- the families: prefix -> where its members come from ----------------------------------------------------------


def _commands() -> set[str]:
    from bapascase.cli.main import command_table

    return set(command_table())


def _documents() -> set[str]:
    from bapascase.model.registry import Stage

    return {s.value for s in Stage}


def _stages() -> set[str]:
    from bapascase.model.registry import CaseStage

    return {s.value for s in CaseStage}


def _due_kinds() -> set[str]:
    from bapascase.model.derive import DueKind

    return {k.value for k in DueKind}


def _stats_tables() -> set[str]:
    from bapascase.cli.cmd_stats import TABLES

    return set(TABLES)


def _risk_categories() -> set[str]:
    """The categories of the built-in risk instruments (``list``/``stats`` show a case's RRI category)."""
    from bapascase.model.instrument_def import Kind
    from bapascase.store.instrument_files import builtin_instruments

    return {c.category for inst in builtin_instruments().values() if inst.kind == Kind.RISK for c in inst.cutoffs}


def _score_changes() -> set[str]:
    from bapascase.model.scoring import Direction

    return set(typing.get_args(Direction))


def _verdict_reasons() -> set[str]:
    from bapascase.model.scoring import VERDICT_REASONS

    return set(VERDICT_REASONS)


def _limited_to() -> set[str]:
    from bapascase.model.scoring import LIMITED_TO

    return set(LIMITED_TO)


def _instrument_kinds() -> set[str]:
    from bapascase.model.instrument_def import Kind

    return {k.value for k in Kind}


def _theories() -> set[str]:
    from bapascase.model.plan import Theory

    return {th.value for th in Theory}


def _custom_errors() -> set[str]:
    """The codes of the project's own validation errors (``PydanticCustomError("bc_...")``): every one needs
    its ``val.<code>`` message."""
    return {s for s in literal_strings() if re.fullmatch(r"bc_[a-z0-9_]+", s)}


def _validation_errors() -> set[str]:
    """pydantic's own error types (those the catalog explains; the others keep pydantic's text) and ours."""
    return set(typing.get_args(pydantic_core.core_schema.ErrorType)) | _custom_errors()


def _supervision() -> set[str]:
    from bapascase.model.derive import Supervision

    return {x.value for x in Supervision}


def _officer_sources() -> set[str]:
    from bapascase.workflow.officer import Source

    return set(typing.get_args(Source))


def _merge_setup() -> set[str]:
    from bapascase.store.merge import SetupPart

    return set(typing.get_args(SetupPart))


def _sync_kept() -> set[str]:
    from bapascase.workflow.sync import Kept

    return set(typing.get_args(Kept))


def _reopened() -> set[str]:
    """What ``reopen`` can reverse: the documents that end supervision or the casework."""
    from bapascase.model.registry import SPECS, CaseStage

    return {s.name for s in SPECS if s.closes or s.moves_to == CaseStage.TERMINATED}


def _warning_orders() -> set[str]:
    """1st, 2nd and 3rd warning letters: the bounds of the warning letter's ``order`` field."""
    import annotated_types

    from bapascase.model.event import WarningLetter

    meta = WarningLetter.model_fields["order"].metadata
    low = next(m.ge for m in meta if isinstance(m, annotated_types.Ge))
    high = next(m.le for m in meta if isinstance(m, annotated_types.Le))
    return {str(n) for n in range(typing.cast(int, low), typing.cast(int, high) + 1)}


def _render_limits() -> set[str]:
    """The limits a casebook template's render can go over (``reports.env.LimitKind``)."""
    from bapascase.reports.env import LimitKind

    return set(typing.get_args(LimitKind))


def _duplicate_reasons() -> set[str]:
    from bapascase.model.duplicates import Reason

    return set(typing.get_args(Reason))


def _settings_to_set() -> set[str]:
    """The people an official report may need (``kbd.how.<role>`` says how to add one)."""
    from bapascase.workflow.officers import PEOPLE_NEEDED

    return {key.partition(".")[2] for key in PEOPLE_NEEDED}


def _sync_steps() -> set[str]:
    from bapascase.workflow.sync import Step

    return set(typing.get_args(Step))


def _age_dates() -> set[str]:
    """The dates the migration of the old child code takes a client's age at."""
    from bapascase.workflow.migrate_sentences import AGE_DATES

    return set(AGE_DATES)


def _unread_articles() -> set[str]:
    """Why a free-text article cannot be tagged with its code."""
    from bapascase.model.articles import Unread

    return set(typing.get_args(Unread))


# prefix -> (its members, whether every member must have a message)
FAMILIES: dict[str, tuple[Callable[[], set[str]], bool]] = {
    "cmd.": (_commands, True),
    "doc.": (_documents, True),
    "stage.": (_stages, True),
    "due.": (_due_kinds, True),
    "stats.": (_stats_tables, True),
    "risk.": (_risk_categories, True),
    "instr.change_": (_score_changes, True),
    "instr.kind_": (_instrument_kinds, True),
    "asm.verdict_": (_verdict_reasons, True),
    "instr.part_not_for_": (_limited_to, True),
    "rpt.score.not_for_": (_limited_to, True),
    "rpt.theory.": (_theories, True),
    "val.": (_validation_errors, False),
    "sup.": (_supervision, True),
    "officer.source_": (_officer_sources, True),
    "check.merge_": (_merge_setup, True),
    "sync.chose_": (_sync_kept, True),
    "reopen.saved_": (_reopened, True),
    "rpt.warn.next_": (_warning_orders, True),
    "sec.limit_": (_render_limits, True),
    "kbd.same.": (_duplicate_reasons, True),
    "kbd.how.": (_settings_to_set, True),
    "kbd.progress.sync_": (_sync_steps, True),
    "migrate.child_age_": (_age_dates, True),
    "migrate.adult_age_": (_age_dates, True),
    "migrate.why_": (_unread_articles, True),
}


def _keys() -> set[str]:
    return set(catalog("id"))


def test_every_prefix_the_code_builds_keys_from_is_a_known_family() -> None:
    built = built_prefixes(_keys())
    assert {p: w for p, w in built.items() if p not in FAMILIES} == {}, "add the family to FAMILIES"
    assert sorted(set(FAMILIES) - set(built)) == [], "a family no code builds keys from any more"


def test_every_validation_error_code_is_written_in_full() -> None:
    """``PydanticCustomError("bc_nik_text")``, never ``f"bc_{kind}_text"``: the codes are found by name."""
    built = [f"{path.relative_to(ROOT)}:{node.lineno}" for path, tree in _sources() for node in ast.walk(tree)
             if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.Constant) and "bc_" in str(v.value)
                                                         for v in node.values)]
    assert built == []


def test_every_member_of_a_family_has_its_message() -> None:
    keys = _keys()
    missing = [prefix + member for prefix, (members, required) in FAMILIES.items() if required
               for member in sorted(members()) if prefix + member not in keys]
    missing += [f"val.{code}" for code in sorted(_custom_errors()) if f"val.{code}" not in keys]
    assert missing == []


def test_every_catalog_key_is_used() -> None:
    used = set(literal_strings())
    for prefix, (members, _) in FAMILIES.items():
        used |= {prefix + member for member in members()}
    assert sorted(_keys() - used) == []
