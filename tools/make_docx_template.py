"""Builds the built-in Word template ``templates/report.docx`` (run from the repository's top level:
``python tools/make_docx_template.py``). The file is committed; an office edits its own copy in Word.

The template is python-docx's default document (it carries every style the body uses: Heading 1-6, Table Grid,
List Bullet/Number 1-3, Caption) on A4 with an office's margins, black headings, RAHASIA in the page header when
the kind is confidential, the page number in the footer, and the whole report in ``{{p body }}``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def build(target: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for level in range(1, 7):
        style = doc.styles[f"Heading {level}"]
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.name = "Arial"
        style.font.size = Pt({1: 14, 2: 13, 3: 12}.get(level, 11))
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run('{% if confidential %}{{ t("rpt.confidential") }}{% endif %}')
    run.bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run('{{ t("docx.page") }} ')
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)
    footer._p.append(field)
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.text = "{{p body }}"
    doc.core_properties.title = "{{ heading }}"
    doc.core_properties.author = "bapascase"
    doc.core_properties.comments = ""
    doc.save(str(target))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates/report.docx"))
