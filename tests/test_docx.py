"""``report --format docx``: every kind read back with python-docx (headings Word's navigation pane lists, real
tables, RAHASIA in the page header where the kind's template marks it, the pictures, the page number), the same
anonymisation as the other formats, a casebook's own .docx, and ``template check`` on broken templates."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest

from bapascase.errors import UserError
from bapascase.model.report_kinds import KINDS
from bapascase.reports.docx import render_docx
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT, assert_clean_exit, invoke

TODAY = dt.date(2026, 11, 30)  # the demo's present
BZG = "2025-bzg-k7m2p"


def demo() -> Casebook:
    return Casebook(ROOT)


def _case_for(kind: str) -> str:
    """The first demo client a report of ``kind`` can be made for (a warning letter needs a client warned)."""
    book = demo()
    for case_id in book.case_ids():
        try:
            render(book, case_id, kind, "html", "id", TODAY)
        except UserError:
            continue
        return case_id
    raise AssertionError(f"no demo client for a {kind} report")


def _style(x: Any) -> str:
    return str(x.style.name) if x.style is not None else ""


def _text(d: docx.document.Document) -> str:
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reads_back_from_word(kind: str) -> None:
    book = demo()
    case_id = _case_for(kind)
    html = render(book, case_id, kind, "html", "id", TODAY).text
    data, report = render_docx(book, case_id, kind, "id", TODAY)
    d = docx.Document(io.BytesIO(data))
    # headings in Word's own styles, the report's title first
    headings = [(_style(p), p.text) for p in d.paragraphs if _style(p).startswith("Heading")]
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert h1 is not None and headings and headings[0] == ("Heading 1", " ".join(h1.group(1).split()).replace(
        "&amp;", "&"))
    assert len(headings) == len(re.findall(r"<h[1-6][ >]", html))
    # every HTML table is a Word table (the signature block is one more)
    assert len(d.tables) >= html.count("<table")
    assert all(_style(t) == "Table Grid" for t in d.tables[: html.count("<table")])
    # RAHASIA in the header exactly where the kind's template marks the report confidential
    header = d.sections[0].header.paragraphs[0].text
    assert (header == "RAHASIA") == ('class="confidential"' in html)
    assert "RAHASIA" not in [p.text for p in d.paragraphs]
    # the pictures
    assert len(d.inline_shapes) == html.count("<svg")
    # the page number is a field in the footer
    footer_xml = d.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and "Halaman" in d.sections[0].footer.paragraphs[0].text
    assert d.core_properties.title == headings[0][1]
    assert report.case_id == case_id


def test_litmas_in_word_is_confidential_with_pictures_and_family_table() -> None:
    data, _ = render_docx(demo(), BZG, "litmas", "id", TODAY)
    d = docx.Document(io.BytesIO(data))
    assert d.sections[0].header.paragraphs[0].text == "RAHASIA"
    assert len(d.inline_shapes) >= 2  # genogram and ecomap
    family = [t for t in d.tables if any("Rosmawati" in c.text for row in t.rows for c in row.cells)]
    assert family, "the family is a Word table"
    text = _text(d)
    assert "Benny Zakaria Ginting" in text and "BAPAS KELAS I MEDAN" in text


@pytest.mark.parametrize("kind", ["litmas", "practicum"])
def test_anonymised_word_carries_no_identifier(kind: str) -> None:
    book = demo()
    data, _ = render_docx(book, BZG, kind, "id", TODAY, anonymize=True)
    d = docx.Document(io.BytesIO(data))
    text = _text(d)
    case = (ROOT / "cases" / BZG / "case.yaml").read_text(encoding="utf-8")
    nik = re.search(r"nik: '?(\d{16})", case)
    assert nik is not None and nik.group(1) not in text
    for name in ("Benny Zakaria Ginting", "Rosmawati", "Tiurma", "Daniel Ginting"):
        assert name not in text
    assert "BZG" in text
    # the same words as the anonymised HTML
    html = render(book, BZG, kind, "html", "id", TODAY, anonymize=True).text
    for name in ("Benny", "Rosmawati"):
        assert (name in html) == (name in text)


def test_report_command_writes_docx_and_refuses_the_terminal(tmp_path: Path) -> None:
    book = _copy_demo(tmp_path)
    target = tmp_path / "litmas.docx"
    r = invoke(["report", "bzg", "--kind", "litmas", "--format", "docx", "-o", str(target)], casebook=book,
               today=TODAY)
    assert_clean_exit(r, 0)
    assert docx.Document(str(target)).paragraphs
    r = invoke(["report", "bzg", "--kind", "litmas", "--format", "docx"], casebook=book, today=TODAY)
    assert_clean_exit(r, 1)
    assert "-o FILE.docx" in r.stderr


def _copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy(ROOT / "bapascase.yaml", root / "bapascase.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    return root


def _template(path: Path, *paragraphs: str, header: str = "") -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    d.save(str(path))
    return path


def test_a_casebook_docx_overrides_the_builtin_frame(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    (root / "templates").mkdir()
    _template(root / "templates" / "litmas.docx", "KOP {{ r.office.name }}", "Klien: {{ r.client }} ({{ r.case_id }})",
              "{{p body }}", "Dicetak {{ date(r.today) }}", header="{% if confidential %}SANGAT RAHASIA{% endif %}")
    data, _ = render_docx(Casebook(root), BZG, "litmas", "id", TODAY)
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "KOP Bapas Kelas I Medan"
    assert texts[1] == f"Klien: Benny Zakaria Ginting ({BZG})"
    assert texts[-1] == "Dicetak 20 Desember 2024"  # the report's date of record: the Litmas document's own
    assert any(_style(p) == "Heading 1" for p in d.paragraphs)
    assert d.sections[0].header.paragraphs[0].text == "SANGAT RAHASIA"
    before = len(d.inline_shapes)
    # another kind still uses the built-in frame
    data, _ = render_docx(Casebook(root), BZG, "case", "id", TODAY)
    assert "KOP" not in _text(docx.Document(io.BytesIO(data)))
    # anonymised through the office's own template: the same mechanism
    data, _ = render_docx(Casebook(root), BZG, "litmas", "id", TODAY, anonymize=True)
    assert "Klien: BZG" in _text(docx.Document(io.BytesIO(data)))
    # a picture placed by the office's own template
    _template(root / "templates" / "litmas.docx", "{{ pictures.ecomap }}", "{{p body }}")
    d = docx.Document(io.BytesIO(render_docx(Casebook(root), BZG, "litmas", "id", TODAY)[0]))
    assert len(d.inline_shapes) == before + 1


def test_an_office_template_is_sandboxed_and_escaped(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    (root / "templates").mkdir()
    _template(root / "templates" / "report.docx", "{{ r.__class__.__mro__ }}")
    with pytest.raises(UserError) as exc:
        render_docx(Casebook(root), BZG, "case", "id", TODAY)
    assert "template check" in exc.value.render()
    # a value that looks like Word's XML is printed as text
    settings = root / "bapascase.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("name: Bapas Kelas I Medan", "name: Bapas <w:p> & Medan", 1), encoding="utf-8")
    assert "Bapas <w:p> & Medan" in settings.read_text(encoding="utf-8")
    _template(root / "templates" / "report.docx", "{{ r.office.name }}")
    data, _ = render_docx(Casebook(root), BZG, "case", "id", TODAY)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Bapas <w:p> & Medan"


def test_template_check_passes_the_builtin_template() -> None:
    r = invoke(["template", "check", str(ROOT / "templates" / "report.docx")])
    assert_clean_exit(r, 0)


def test_template_check_finds_each_problem_with_its_place(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("{{p body }}")
    p = d.add_paragraph()
    p.add_run("{{ r.cli").bold = True
    p.add_run("ent }}")
    d.add_paragraph("{{ r.nosuch }} and {{ officer_name }}")
    table = d.add_table(rows=2, cols=2)
    table.cell(1, 0).text = "{% if r.anonymized %}tanpa nama"
    d.add_paragraph('{{ t("rpt.confidential" }}')
    d.add_paragraph("{{ r.client")
    path = tmp_path / "rusak.docx"
    d.save(str(path))
    r = invoke(["template", "check", str(path)])
    assert_clean_exit(r, 1)
    lines = r.stderr.strip().splitlines()
    assert any("paragraf 2" in ln and "{{ r.client }}" in ln and "terpecah" in ln for ln in lines)
    assert any("paragraf 3" in ln and "r.nosuch" in ln for ln in lines)
    assert any("paragraf 3" in ln and "officer_name" in ln for ln in lines)
    assert any("tabel 1, baris 2, kolom 1" in ln and "sintaks" in ln for ln in lines)
    assert any("paragraf 4" in ln and "sintaks" in ln for ln in lines)
    assert any("paragraf 5" in ln and "tidak ditutup" in ln for ln in lines)
    assert all(ln.startswith(f"{path}: ") for ln in lines)
    r = invoke(["--lang", "en", "template", "check", str(path), "--json"])
    assert_clean_exit(r, 1)
    assert '"where": "body, paragraph 2"' in r.stdout


def test_template_check_refuses_what_is_not_a_word_file(tmp_path: Path) -> None:
    bad = tmp_path / "bukan.docx"
    bad.write_text("<html>", encoding="utf-8")
    r = invoke(["template", "check", str(bad)])
    assert_clean_exit(r, 1)
    assert "bukan dokumen Word" in r.stderr
    r = invoke(["template", "check", str(tmp_path / "tidak-ada.docx")])
    assert_clean_exit(r, 1)


def test_a_broken_casebook_template_stops_the_report_with_one_line(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    (root / "templates").mkdir()
    _template(root / "templates" / "report.docx", "{% if r.anonymized %}", "{{p body }}")
    r = invoke(["report", "bzg", "--format", "docx", "-o", str(tmp_path / "x.docx")], casebook=root, today=TODAY)
    assert_clean_exit(r, 1)
    assert r.stderr.strip().count("\n") == 0 and "templates/report.docx" in r.stderr


def test_characters_xml_cannot_hold_are_replaced_not_an_internal_error(tmp_path: Path) -> None:
    """U+FFFE and U+FFFF pass ``check`` (no controls) but XML 1.0 has no place for them: in the body, a picture,
    an office's own template and the document's properties each is a U+FFFD instead of exit 70."""
    root = _copy_demo(tmp_path)
    case = root / "cases" / BZG / "case.yaml"
    raw = case.read_text(encoding="utf-8")
    raw = raw.replace("  name: Benny Zakaria Ginting", '  name: "Benny Zakaria\\uFFFE Ginting"', 1)
    raw = raw.replace("    name: Sri Rahayu Contoh, S.Sos.", '    name: "Sri Rahayu\\uFFFF"', 1)
    case.write_text(raw.replace("offence: Pembunuhan", 'offence: "Pem\\uFFFEbunuhan"'), encoding="utf-8")
    settings = root / "bapascase.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "name: Bapas Kelas I Medan", 'name: "Bapas\\uFFFF Medan"', 1), encoding="utf-8")
    assert_clean_exit(invoke(["check"], casebook=root, today=TODAY), 0)
    for kind in ("case", "litmas"):
        target = tmp_path / f"{kind}.docx"
        r = invoke(["report", BZG, "--kind", kind, "--format", "docx", "-o", str(target)], casebook=root, today=TODAY)
        assert_clean_exit(r, 0)
        d = docx.Document(str(target))
        text = _text(d)
        assert "Pem\ufffdbunuhan" in text and "Sri Rahayu\ufffd" in text
        assert "\ufffe" not in text and "\uffff" not in text
        assert d.core_properties.author == "Sri Rahayu\ufffd"
    (root / "templates").mkdir()
    _template(root / "templates" / "report.docx", "KOP {{ r.office.name }}", "{{ r.client }}", "{{ pictures.ecomap }}",
              "{{p body }}")
    d = docx.Document(io.BytesIO(render_docx(Casebook(root), BZG, "litmas", "id", TODAY)[0]))
    assert [p.text for p in d.paragraphs][:2] == ["KOP Bapas\ufffd Medan", "Benny Zakaria\ufffd Ginting"]
    assert d.inline_shapes


def test_a_line_separator_in_a_name_does_not_cut_the_pictures_wrong(tmp_path: Path) -> None:
    """The parser counts lines at "\\n" only; U+2028 (or U+0085, a form feed) in a name once shifted where each
    ``<svg>`` was cut from the HTML, and resvg refused the piece: exit 70. Every picture reaches Word whole."""
    root = _copy_demo(tmp_path)
    case = root / "cases" / BZG / "case.yaml"
    raw = case.read_text(encoding="utf-8")
    case.write_text(raw.replace("  name: Benny Zakaria Ginting", '  name: "Benny\\u2028Zakaria\\u2029\\u00a0Ginting"', 1),
                    encoding="utf-8")
    assert_clean_exit(invoke(["check"], casebook=root, today=TODAY), 0)
    plain = docx.Document(io.BytesIO(render_docx(Casebook(ROOT), BZG, "case", "id", TODAY)[0]))
    for kind in ("case", "litmas"):
        target = tmp_path / f"{kind}.docx"
        r = invoke(["report", BZG, "--kind", kind, "--format", "docx", "-o", str(target)], casebook=root, today=TODAY)
        assert_clean_exit(r, 0)
    d = docx.Document(str(tmp_path / "case.docx"))
    assert len(d.inline_shapes) == len(plain.inline_shapes) > 0


def test_a_name_longer_than_a_word_property_holds_is_cut(tmp_path: Path) -> None:
    """Word's text properties hold 255 characters and python-docx refuses more: a long officer's name (the
    author) or office's name (the author of an anonymised report) is cut with "…" instead of exit 70."""
    root = _copy_demo(tmp_path)
    case = root / "cases" / BZG / "case.yaml"
    officer = "Sri Rahayu " + "Contoh " * 50
    case.write_text(case.read_text(encoding="utf-8").replace(
        "    name: Sri Rahayu Contoh, S.Sos.", f"    name: {officer.strip()}", 1), encoding="utf-8")
    settings = root / "bapascase.yaml"
    office = "Bapas " + "Medan " * 50
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "name: Bapas Kelas I Medan", f"name: {office.strip()}", 1), encoding="utf-8")
    assert_clean_exit(invoke(["check"], casebook=root, today=TODAY), 0)
    for extra, who in (([], officer.strip()), (["--anonymize"], office.strip())):
        target = tmp_path / "k.docx"
        r = invoke(["report", BZG, "--format", "docx", "-o", str(target), *extra], casebook=root, today=TODAY)
        assert_clean_exit(r, 0)
        author = docx.Document(str(target)).core_properties.author
        assert len(author) == 255 and author.endswith("\u2026") and who.startswith(author[:-1])


def _bomb(path: Path, unpacked_mb: int = 40) -> Path:
    """The built-in template with a document part that unpacks to ``unpacked_mb`` MB (a few tens of KB packed)."""
    import zipfile

    with zipfile.ZipFile(ROOT / "templates" / "report.docx") as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = data[:-20] + b" " * (unpacked_mb * 1024 * 1024) + data[-20:]
            out.writestr(name, data)
    return path


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import resource

    bomb = _bomb(tmp_path / "bom.docx")
    assert bomb.stat().st_size < 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = invoke(["template", "check", str(bomb)])
    assert_clean_exit(r, 1)
    assert r.stderr.strip().count("\n") == 0 and str(bomb) in r.stderr and "terlalu besar" in r.stderr
    root = _copy_demo(tmp_path)
    (root / "templates").mkdir()
    _bomb(root / "templates" / "case.docx")
    r = invoke(["report", "bzg", "--format", "docx", "-o", str(tmp_path / "x.docx")], casebook=root, today=TODAY)
    assert_clean_exit(r, 1)
    assert r.stderr.strip().count("\n") == 0 and "templates/case.docx" in r.stderr
    # never unpacked: the part alone is 40 MB, python-docx and lxml would hold it several times over
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 40 * 1024


@pytest.mark.parametrize("how", ["link-out", "fifo", "folder", "folder-out"])
def test_a_casebook_word_template_never_leads_out_nor_is_skipped(tmp_path: Path, how: str) -> None:
    """The casebook's .docx is confined as its text templates are: a link out of ``templates/`` (or a
    ``templates/`` out of the casebook) is refused, not read; a FIFO or a folder by its name is said, never passed
    over in silence for the built-in frame."""
    import os

    root = _copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    _template(outside / "case.docx", "DARI LUAR", "{{p body }}")
    place = root / "templates" / "case.docx"
    if how == "folder-out":
        (root / "templates").symlink_to(outside)
    else:
        (root / "templates").mkdir()
        if how == "link-out":
            place.symlink_to(outside / "case.docx")
        elif how == "fifo":
            os.mkfifo(place)
        else:
            place.mkdir()
    out = tmp_path / "x.docx"
    r = invoke(["report", "bzg", "--format", "docx", "-o", str(out)], casebook=root, today=TODAY)
    assert_clean_exit(r, 1)
    assert r.stderr.strip().count("\n") == 0 and "templates/" in r.stderr
    assert not out.exists()
