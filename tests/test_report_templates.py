"""One template per report kind serves Markdown and HTML: the kinds say what is in a report, two layout libraries
with the same macros say how it looks. A casebook overrides a section, a format or the layout."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from bapascase.reports import KINDS
from bapascase.reports.env import builtin_dir
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import story_case

BUILTIN = builtin_dir()


def macros_of(name: str) -> dict[str, tuple[list[str], int]]:
    """The macros a template file defines: name -> (argument names, how many have defaults)."""
    tree = jinja2.Environment().parse((BUILTIN / name).read_text(encoding="utf-8"))
    return {m.name: ([a.name for a in m.args], len(m.defaults)) for m in tree.find_all(nodes.Macro)}


def test_one_template_per_kind_for_every_format() -> None:
    names = {p.name for p in BUILTIN.glob("*.j2")}
    for kind in KINDS:
        assert f"{kind}.j2" in names
        assert f"{kind}.md.j2" not in names and f"{kind}.html.j2" not in names
    assert {"base.j2", "blocks.j2", "macros.md.j2", "macros.html.j2"} <= names


def test_both_layouts_have_the_same_macros_with_the_same_arguments() -> None:
    md, html = macros_of("macros.md.j2"), macros_of("macros.html.j2")
    assert len(md) > 20
    assert md == html


def test_every_layout_macro_the_reports_call_exists() -> None:
    layout = macros_of("macros.md.j2")
    blocks = macros_of("blocks.j2")
    for path in BUILTIN.glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert set(re.findall(r"\bm\.(\w+)\(", text)) <= set(layout), path.name
        assert set(re.findall(r"\bb\.(\w+)\(", text)) <= set(blocks), path.name


def test_no_layout_in_the_kind_templates() -> None:
    """Markup belongs to the layout macros: a kind template holds neither HTML tags nor Markdown marks."""
    for kind in KINDS:
        text = (BUILTIN / f"{kind}.j2").read_text(encoding="utf-8")
        code = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
        assert not re.search(r"<\s*/?\s*[a-z]+[\s>]", code), kind
        assert not re.search(r"^\s*(#|\||- |\*\*|> )", code, re.M), kind


def _own(root: Path, name: str, body: str) -> None:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")


def _report(root: Path, case_id: str, kind: str, fmt: str, out: Path) -> str:
    target = out / f"{kind}.{fmt}"
    assert_clean_exit(invoke(["report", case_id, "--kind", kind, "--format", fmt, "-o", str(target)], casebook=root), 0)
    return target.read_text(encoding="utf-8")


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, str]:
    book, case_id = story_case(tmp_path / "cb")
    return book.root, case_id


def test_a_casebook_replaces_one_section_in_every_format(story: tuple[Path, str], tmp_path: Path) -> None:
    root, case_id = story
    _own(root, "litmas.j2", '{% extends "default/litmas.j2" %}\n{% block sec_penutup %}\n'
                            '{% set s = r.litmas.sec.penutup %}{% call m.section(s.title, s.number) %}\n'
                            '{{ m.para("Penutup khusus Bapas Medan.") }}\n{{ b.signatures(litmas=true) }}\n'
                            '{% endcall %}\n{% endblock %}\n')
    for fmt in ("md", "html"):
        text = _report(root, case_id, "litmas", fmt, tmp_path / "out")
        assert "Penutup khusus Bapas Medan." in text
        assert "Demikian laporan penelitian kemasyarakatan" not in text  # the built-in closing is replaced
        assert "Riwayat Tindak Pidana" in text and "Drs. Kepala Contoh, M.Si." in text  # the rest is built in
    assert "## XIII. Penutup" in (tmp_path / "out" / "litmas.md").read_text(encoding="utf-8")
    assert "<h2>XIII. Penutup</h2>" in (tmp_path / "out" / "litmas.html").read_text(encoding="utf-8")


def test_a_casebook_template_for_one_format_only(story: tuple[Path, str], tmp_path: Path) -> None:
    root, case_id = story
    _own(root, "progress.md.j2", '{% extends "default/progress.j2" %}{% block title %}{% endblock %}'
                                 '{% block header %}# LAPORAN KHUSUS MARKDOWN\n{% endblock %}')
    assert "# LAPORAN KHUSUS MARKDOWN" in _report(root, case_id, "progress", "md", tmp_path)
    html = _report(root, case_id, "progress", "html", tmp_path)
    assert "LAPORAN KHUSUS" not in html and "<h1>Laporan Perkembangan Pembimbingan Klien</h1>" in html


def test_a_casebook_changes_the_look_of_one_format(story: tuple[Path, str], tmp_path: Path) -> None:
    root, case_id = story
    layout = (BUILTIN / "macros.html.j2").read_text(encoding="utf-8")
    changed = layout.replace('<p class="confidential">{{ t("rpt.confidential") }}</p>',
                             '<p class="confidential stamp">{{ t("rpt.confidential") }} / SANGAT RAHASIA</p>')
    assert changed != layout
    _own(root, "macros.html.j2", changed)
    assert "SANGAT RAHASIA" in _report(root, case_id, "litmas", "html", tmp_path)
    assert "SANGAT RAHASIA" not in _report(root, case_id, "litmas", "md", tmp_path)


def test_the_older_per_format_names_still_reach_the_built_in(story: tuple[Path, str], tmp_path: Path) -> None:
    root, case_id = story
    _own(root, "termination.md.j2", '{% extends "default/termination.md.j2" %}'
                                    '{% block s5 %}\n## V. Rekomendasi sendiri\n{% endblock %}')
    text = _report(root, case_id, "termination", "md", tmp_path)
    assert "## V. Rekomendasi sendiri" in text and "## I. " in text
