"""Reports are safe with hostile data and hostile templates.

- ``<script>``, ``{{ 7*7777 }}`` and ``[x](javascript:...)`` typed into every text field come out escaped or inert
  in every kind and format (and in the SVG pictures);
- a casebook's own template runs in the sandbox: reaching Python internals is refused with one clear line;
- a template typo (StrictUndefined) or syntax error names the template file and line, exit 1, no traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bapascase.model.report_kinds import SENTENCE_KINDS
from bapascase.reports import KINDS
from bapascase.reports.render import render
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import filled_case, story_case

TODAY = dt.date(2026, 6, 15)

# the filled case is a PB client: the reports of the 2026 sentences get hostile text in
# tests/test_sentence_reports.py, on filled kerja sosial and pengawasan cases
GENERIC_KINDS = [k for k in KINDS if k not in SENTENCE_KINDS]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    book, case_id, filler, _docs = filled_case(tmp_path_factory.mktemp("hostile") / "cb", hostile=True)
    assert len(filler.markers) > 200
    return book, case_id


def _html_elements(text: str) -> list[Any]:
    doc = html5lib.parse(text, namespaceHTMLElements=False)
    return list(doc.iter())


def _as_rendered_by_a_lenient_host(md_text: str) -> str:
    """The Markdown as a git host might render it, with raw HTML allowed and every link accepted."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return str(md.render(md_text))


@pytest.mark.parametrize("kind", GENERIC_KINDS)
def test_hostile_text_is_escaped_in_html(hostile: tuple[Any, str], kind: str) -> None:
    book, case_id = hostile
    for lang in ("id", "en"):
        text = render(book, case_id, kind, "html", lang, TODAY).text
        assert "54439" not in text  # {{ 7*7777 }} was never evaluated
        assert "<script>" not in text  # only ever as &lt;script&gt;
        assert "&lt;script&gt;" in text or kind == "practicum"
        for el in _html_elements(text):
            assert el.tag not in ("script", "iframe", "object", "embed"), el.tag
            for attr, value in el.attrib.items():
                assert not attr.startswith("on"), attr
                assert "javascript:" not in value.lower(), (attr, value)


@pytest.mark.parametrize("kind", GENERIC_KINDS)
def test_hostile_text_is_inert_in_markdown(hostile: tuple[Any, str], kind: str, tmp_path: Path) -> None:
    book, case_id = hostile
    out = tmp_path / f"{kind}.md"
    result = invoke(["report", case_id, "--kind", kind, "-o", str(out)], casebook=book.root)
    assert_clean_exit(result, 0)
    text = out.read_text(encoding="utf-8")
    assert "54439" not in text
    assert not re.search(r"(?<!\\)<script", text)
    rendered = _as_rendered_by_a_lenient_host(text)
    assert "<script" not in rendered
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', rendered)).lower()
    for svg in tmp_path.glob("*.svg"):
        body = svg.read_text(encoding="utf-8")
        assert "<script" not in body and "54439" not in body


def test_hostile_text_in_the_svg_pictures(hostile: tuple[Any, str]) -> None:
    book, case_id = hostile
    report = render(book, case_id, "case", "html", "id", TODAY).report
    assert {"ecomap", "genogram", "monitoring", "timeline"} <= set(report.pictures)
    import xml.etree.ElementTree as ET

    for pic in report.pictures.values():
        root = ET.fromstring(pic.svg)  # well-formed XML: every text was escaped
        tags = {el.tag.split("}")[-1] for el in root.iter()}
        assert "script" not in tags and "foreignObject" not in tags
        assert "Mk" in pic.svg or pic.name in ("monitoring", "timeline")  # the hostile names are drawn, escaped


# -- templates ---------------------------------------------------------------------------------------------------


def _own_template(root: Path, name: str, body: str) -> None:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ r.case.__class__.__init__.__globals__ }}",
        "{{ t.__globals__ }}",
        "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_casebook_template_cannot_reach_python_internals(tmp_path: Path, body: str) -> None:
    book, case_id = story_case(tmp_path / "cb")
    _own_template(book.root, "case.md.j2", "line one\n" + body + "\n")
    result = invoke(["report", case_id], casebook=book.root)
    assert_clean_exit(result, 1)
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("Templat templates/case.md.j2 baris 2:"), line
    # the sandbox's refusal, in the user's words: "akses ke '__class__' tidak diizinkan ..." or an unknown name
    assert "tidak diizinkan di templat casebook" in line or "tidak dikenal" in line, line
    assert "unsafe" not in line and "undefined" not in line
    assert "object" not in result.stdout  # nothing of the internals was printed


def test_casebook_template_overrides_and_extends_the_builtin(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    _own_template(book.root, "litmas.html.j2",
                  '{% extends "default/litmas.html.j2" %}{% block title %}KOP SENDIRI {{ r.client }}{% endblock %}')
    out = tmp_path / "l.html"
    result = invoke(["report", case_id, "--kind", "litmas", "--format", "html", "-o", str(out)], casebook=book.root)
    assert_clean_exit(result, 0)
    text = out.read_text(encoding="utf-8")
    assert "<title>KOP SENDIRI Benny Zakaria Ginting</title>" in text
    assert "XIII. Penutup" in text  # the rest is the built-in
    # a file not overridden still comes from the built-ins
    result = invoke(["report", case_id, "--kind", "progress"], casebook=book.root)
    assert_clean_exit(result, 0)


def test_casebook_templates_render_in_the_sandbox(tmp_path: Path) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from bapascase.reports.env import make_env

    book, _case_id = story_case(tmp_path / "cb")
    assert not isinstance(make_env("html", book.templates_dir), SandboxedEnvironment)
    _own_template(book.root, "progress.md.j2", "x")
    assert isinstance(make_env("html", book.templates_dir), SandboxedEnvironment)
    assert isinstance(make_env("md", book.templates_dir), SandboxedEnvironment)


def test_every_environment_is_strict(tmp_path: Path) -> None:
    import jinja2

    from bapascase.reports.env import make_env

    for fmt in ("md", "html"):
        for sandboxed in (False, True):
            env = make_env(fmt, tmp_path, sandboxed=sandboxed)
            assert env.undefined is jinja2.StrictUndefined
            assert env.autoescape is True


def test_template_typo_names_file_and_line(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    _own_template(book.root, "case.md.j2", "# {{ r.client }}\n\n{{ r.clinet }}\n")
    result = invoke(["report", case_id], casebook=book.root)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Templat templates/case.md.j2 baris 3: 'clinet' tidak dikenal di sini (salah ketik?)"


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    book, case_id = story_case(tmp_path / "cb")
    _own_template(book.root, "case.md.j2", "ok\n{% if %}\n")
    result = invoke(["report", case_id, "--lang", "en"], casebook=book.root)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Template templates/case.md.j2 line 2: a name or value was expected, found '%}'"
    result = invoke(["report", case_id], casebook=book.root)
    assert_clean_exit(result, 1)
    assert result.stderr.strip() == "Templat templates/case.md.j2 baris 2: nama atau nilai diharapkan, tertulis '%}'"


def test_template_paths_cannot_leave_the_template_folders(tmp_path: Path) -> None:
    import jinja2

    from bapascase.reports.env import make_env

    book, _case_id = story_case(tmp_path / "cb")
    _own_template(book.root, "x.md.j2", "")
    env = make_env("md", book.templates_dir)
    for name in ("../bapascase.yaml", "default/../../etc/passwd", "/etc/passwd"):
        with pytest.raises(jinja2.TemplateNotFound):
            env.get_template(name)


_MARKDOWN_TAGS = {"html", "head", "body", "p", "code", "pre", "em", "strong", "a", "ul", "ol", "li", "blockquote",
                  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br"}
_PIECES = ["\\", "\\\\", "`", "``", "<", ">", "</", "<!--", "-->", "img src=x onerror=y", "script", "b", "div",
           " ", "\n", "\n\n", "a", "*", "[", "](", ")", "    "]


def _tags_a_lenient_host_shows(md_text: str) -> set[str]:
    rendered = _as_rendered_by_a_lenient_host(md_text)
    doc = html5lib.parse(rendered, namespaceHTMLElements=False)
    return {el.tag if isinstance(el.tag, str) else "<comment>" for el in doc.iter()}


@pytest.mark.parametrize("text", [
    "A \\<script>alert(1)</script> B",  # a backslash typed before "<" made "\\<": a literal backslash, then a tag
    "C ``<img src=x onerror=alert(2)>` D",  # a run of two backticks never closed is no code span
    "`a\nb` <img src=x onerror=y> `c`",  # a code span across lines moves where the next one starts
    "x \\\\<b>y</b>", "<div>\nblock\n</div>", "a\n\n<!-- c -->", "kode `<b>` aman",
])
def test_narrative_markdown_never_carries_raw_html(text: str) -> None:
    from bapascase.reports.markdown import clean_md

    assert _tags_a_lenient_host_shows(clean_md(text)) <= _MARKDOWN_TAGS


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_no_arrangement_of_backslashes_backticks_and_tags_carries_raw_html(text: str) -> None:
    from bapascase.reports.markdown import clean_md

    assert _tags_a_lenient_host_shows(clean_md(text)) <= _MARKDOWN_TAGS, clean_md(text)
