"""Word output: every report kind as a .docx, from a Word template (docxtpl), with the same content as HTML.

The body of the document is the kind's own report (``templates/<kind>.j2``, through the HTML layout macros, from
the same ``context.Report``), turned into real Word structure: headings in Word's Heading styles (so the navigation
pane lists them), tables as Word tables, lists, the ecomap, genogram and charts as pictures, the signature block.
So whatever a kind's template shows (a field added to a model, a section another report gains) reaches Word with
no code here, and ``--anonymize`` is exactly the other formats' (the data is anonymised before it is rendered).

The frame around the body is a Word template an office can edit in Word: ``templates/report.docx`` (built in),
overridden by a casebook's ``templates/<kind>.docx`` or ``templates/report.docx``. Its tags are the report
templates' names (``r``, ``t``, ``date``, ``label``, ``title``...) plus ``body`` (the whole report, as
``{{p body }}``), ``confidential`` (true when the kind's template marks the report RAHASIA), ``heading`` (the
report's title) and ``pictures`` (each picture as an image, ``{{ pictures.ecomap }}``). Templates render in a
sandbox with every value escaped. ``bapascase template check FILE.docx`` checks one before it is used.

Pictures are converted from SVG to PNG by resvg (``resvg-py``): a wheel with the renderer compiled in, no Cairo,
no system libraries, no browser, so it installs with pip alone on any office computer.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.reports.xmltext import xml_text

if TYPE_CHECKING:
    from bapascase.store.casebook import Casebook

BASE_TEMPLATE = "report.docx"
# the catalog keys the built-in Word template prints (``tools/make_docx_template.py`` writes them into it)
TEMPLATE_KEYS = ("docx.page", "rpt.confidential")
PICTURE_WIDTH_CM = 15.0  # the widest picture on an A4 page with the template's margins
HEADING_STYLES = {f"h{n}": n for n in range(1, 7)}
_VOID = frozenset({"br", "meta", "link", "img", "hr", "input", "col", "wbr"})
_SKIP = frozenset({"head", "style", "script", "title"})


# -- a small tree of the HTML report ---------------------------------------------------------------------------


@dataclass
class El:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[El | str] = field(default_factory=list)
    raw: str = ""  # an <svg> is kept as its markup (converted to a picture)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> El | None:
        for c in self.children:
            if isinstance(c, El):
                if c.tag == tag:
                    return c
                found = c.find(tag)
                if found is not None:
                    return found
        return None


class _TreeBuilder(HTMLParser):
    """The report's HTML (our own templates' output) as a tree; each ``<svg>`` kept whole as markup."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        # where each line starts, as the parser counts lines (``getpos``): at "\n" only. ``str.splitlines`` also
        # breaks at U+2028, U+0085, a form feed...: a name holding one would shift every ``<svg>`` cut after it
        self.line_starts = [0]
        end = source.find("\n")
        while end != -1:
            self.line_starts.append(end + 1)
            end = source.find("\n", end + 1)
        self.root = El("root")
        self.stack = [self.root]
        self.svg_depth = 0
        self.svg_start: tuple[int, int] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.svg_depth:
            if tag == "svg":
                self.svg_depth += 1
            return
        if tag == "svg":
            self.svg_depth = 1
            self.svg_start = (self._offset(), 0)
            return
        el = El(tag, _attrs(attrs))
        self.stack[-1].children.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.svg_depth:
            return
        self.stack[-1].children.append(El(tag, _attrs(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.svg_depth:
            if tag == "svg":
                self.svg_depth -= 1
                if not self.svg_depth and self.svg_start is not None:
                    start = self.svg_start[0]
                    end = self._offset() + len("</svg>")
                    self.stack[-1].children.append(El("svg", raw=self.source[start:end]))
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.svg_depth:
            self.stack[-1].children.append(xml_text(data))


def _attrs(attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    return {k: xml_text(v or "") for k, v in attrs}


def parse_html(text: str) -> El:
    builder = _TreeBuilder(text)
    builder.feed(text)
    builder.close()
    return builder.root


# -- HTML to Word ------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def svg_to_png(svg: str) -> bytes:
    """A picture for Word: the SVG drawn by resvg at twice its size on white (sharp when printed); each picture
    is drawn once per run however often the document shows it. Names in it are text XML can hold
    (``reports.xmltext``): resvg refuses a U+FFFE."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=xml_text(svg), background="#ffffff", zoom=2))


class Writer:
    """Writes the HTML tree into a python-docx document (a docxtpl sub-document)."""

    def __init__(self, doc: Any) -> None:
        from docx.shared import Cm

        self.doc = doc
        self.picture_width = Cm(PICTURE_WIDTH_CM)

    # blocks

    def blocks(self, el: El, container: Any = None, list_level: int = 0) -> None:
        box = container if container is not None else self.doc
        for child in el.children:
            if isinstance(child, str):
                if child.strip():
                    self.paragraph(box, El("p", children=[child]))
                continue
            self.block(child, box, list_level)

    def block(self, el: El, box: Any, list_level: int = 0) -> None:
        tag, cls = el.tag, el.classes
        if tag in _SKIP:
            return
        if tag == "p" and "confidential" in cls:
            return  # the frame prints it in the page header (``confidential``)
        if tag in HEADING_STYLES:
            self.heading(box, " ".join(el.text().split()), HEADING_STYLES[tag])
        elif tag == "p":
            self.paragraph(box, el)
        elif tag in ("ul", "ol"):
            self.listing(box, el, tag, list_level)
        elif tag == "table":
            self.table(box, el)
        elif tag == "figure":
            self.figure(box, el)
        elif tag == "svg":
            self.picture(box, el.raw)
        elif tag == "div" and "signatures" in cls:
            self.signatures(box, el)
        elif tag == "header" and "letterhead" in cls:
            self.letterhead(box, el)
        elif tag == "blockquote":
            for child in el.children:
                if isinstance(child, El) and child.tag == "p":
                    p = self.paragraph(box, child)
                    p.paragraph_format.left_indent = self.picture_width // 20
                else:
                    self.blocks(El("div", children=[child]), box, list_level)
        elif tag == "hr":
            box.add_paragraph()
        elif tag == "pre":
            p = box.add_paragraph()
            run = p.add_run(el.text().rstrip("\n"))
            run.font.name = "Courier New"
        else:  # section, div, body, html, main, span at block level...
            self.blocks(el, box, list_level)

    def heading(self, box: Any, text: str, level: int) -> Any:
        p = box.add_paragraph(text)
        p.style = f"Heading {level}"
        return p

    def paragraph(self, box: Any, el: El, style: str | None = None) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = box.add_paragraph()
        if style:
            p.style = style
        cls = el.classes
        if cls & {"subtitle", "place-date"}:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if "subtitle" in cls else WD_ALIGN_PARAGRAPH.RIGHT
        bold = bool(cls & {"warning", "name"})
        italic = bool(cls & {"empty", "footer", "doc-meta"})
        self.inline(p, el, bold=bold, italic=italic)
        if cls & {"footer", "doc-meta"}:
            for run in p.runs:
                run.font.size = Pt(8)
        return p

    def inline(self, p: Any, el: El, bold: bool = False, italic: bool = False, small: bool = False) -> None:
        from docx.shared import Pt

        for child in el.children:
            if isinstance(child, str):
                text = " ".join(child.split("\n")) if child.strip() else (" " if child and p.runs else "")
                if text:
                    run = p.add_run(_squash(text))
                    run.bold = bold or None
                    run.italic = italic or None
                    if small:
                        run.font.size = Pt(8)
                continue
            tag = child.tag
            if tag == "br":
                p.add_run().add_break()
            elif tag in ("strong", "b"):
                self.inline(p, child, True, italic, small)
            elif tag in ("em", "i"):
                self.inline(p, child, bold, True, small)
            elif tag == "code":
                run = p.add_run(child.text())
                run.font.name = "Courier New"
            elif tag == "span" and "note" in child.classes:
                self.inline(p, child, bold, True, True)
            elif tag == "svg":
                p.add_run().add_picture(io.BytesIO(svg_to_png(child.raw)), width=self.picture_width)
            elif tag in ("p", "div", "ul", "ol", "table"):  # a block inside an inline place (a cell)
                if p.runs:
                    p.add_run().add_break()
                self.inline(p, child, bold, italic, small)
            else:
                self.inline(p, child, bold, italic, small)

    def listing(self, box: Any, el: El, tag: str, level: int) -> None:
        base = "List Bullet" if tag == "ul" else "List Number"
        style = base if level == 0 else f"{base} {min(level + 1, 3)}"
        for li in el.children:
            if not isinstance(li, El) or li.tag != "li":
                continue
            inline = El("li", children=[c for c in li.children if not (isinstance(c, El) and c.tag in ("ul", "ol"))])
            p = box.add_paragraph(style=style)
            self.inline(p, inline)
            for sub in li.children:
                if isinstance(sub, El) and sub.tag in ("ul", "ol"):
                    self.listing(box, sub, sub.tag, level + 1)

    def table(self, box: Any, el: El) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows: list[tuple[bool, list[El]]] = []  # (header row, cells)
        for section in el.children:
            if not isinstance(section, El):
                continue
            trs = [section] if section.tag == "tr" else [x for x in section.children
                                                           if isinstance(x, El) and x.tag == "tr"]
            for tr in trs:
                cells = [c for c in tr.children if isinstance(c, El) and c.tag in ("td", "th")]
                if cells:
                    rows.append((section.tag == "thead", cells))
        if not rows:
            return
        ncols = max(len(cells) for _, cells in rows)
        table = box.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        for i, (head, cells) in enumerate(rows):
            row = table.rows[i]
            if head:  # repeated at the top of each page the table runs onto
                tr_pr = row._tr.get_or_add_trPr()
                mark = OxmlElement("w:tblHeader")
                mark.set(qn("w:val"), "true")
                tr_pr.append(mark)
            for j, cell_el in enumerate(cells):
                cell = row.cells[j]
                p = cell.paragraphs[0]
                self.inline(p, cell_el, bold=head or cell_el.tag == "th")
        box.add_paragraph()

    def figure(self, box: Any, el: El) -> None:
        svg = next((c for c in el.children if isinstance(c, El) and c.tag == "svg"), None)
        if svg is not None:
            self.picture(box, svg.raw)
        caption = el.find("figcaption")
        if caption is not None:
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            p = box.add_paragraph(" ".join(caption.text().split()), style="Caption")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def picture(self, box: Any, svg: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        png = svg_to_png(svg)
        p = box.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(png), width=self.picture_width)

    def letterhead(self, box: Any, el: El) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        lines = [c for c in el.children if isinstance(c, El) and c.tag == "p"]
        for i, line in enumerate(lines):
            p = box.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = 0
            contact = "contact" in line.classes
            self.inline(p, line, bold=not contact, small=contact)
            if i == len(lines) - 1:
                _bottom_border(p)

    def signatures(self, box: Any, el: El) -> None:
        """Side by side, in a table without borders (as a letter is signed)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        blocks = [c for c in el.children if isinstance(c, El) and "signature" in c.classes]
        if not blocks:
            return
        table = box.add_table(rows=1, cols=len(blocks))
        for cell, sig in zip(table.rows[0].cells, blocks, strict=True):
            first = True
            for part in sig.children:
                if not isinstance(part, El):
                    continue
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if "space" in part.classes:
                    p.add_run().add_break()
                    p.add_run().add_break()
                    continue
                self.inline(p, part, bold="name" in part.classes)


def _squash(text: str) -> str:
    import re

    return re.sub(r"[ \t\r\n]+", " ", text)


def _bottom_border(p: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "double"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    p_pr.append(borders)


# -- the template ------------------------------------------------------------------------------------------------


MARKER = "\u2063bapascase-body\u2063"  # the paragraph ``{{p body }}`` leaves, replaced by the report


class _Marker:
    """``{{p body }}``: docxtpl replaces the tag's paragraph with this object's XML (a paragraph holding only the
    marker), then the report's body is written in its place."""

    def __html__(self) -> str:
        return f"<w:p><w:r><w:t>{MARKER}</w:t></w:r></w:p>"

    def __str__(self) -> str:
        return self.__html__()


class _Pictures(dict[str, Any]):
    """``{{ pictures.ecomap }}``: each picture drawn only when a template prints it."""

    def __getitem__(self, name: str) -> Any:
        value = super().__getitem__(name)
        return value() if callable(value) else value


def _confidential(tree: El) -> bool:
    """The kind's own template decides whether the report is RAHASIA (``m.confidential()``)."""
    def walk(el: El) -> bool:
        return any(isinstance(c, El) and ((c.tag == "p" and "confidential" in c.classes) or walk(c))
                   for c in el.children)
    return walk(tree)


def _heading(tree: El) -> str:
    h1 = tree.find("h1")
    return " ".join(h1.text().split()) if h1 is not None else ""


def template_for(book: Casebook, kind: str) -> Path:
    """The Word template of a kind: the casebook's ``<kind>.docx``, else its ``report.docx``, else the built-in
    ones in that order."""
    import os

    from bapascase.reports.env import builtin_dir
    from bapascase.store.textfiles import resolves_inside

    for folder in (book.templates_dir, builtin_dir()):
        for name in (f"{kind}.docx", BASE_TEMPLATE):
            path = Path(folder) / name
            if folder == book.templates_dir and os.path.lexists(path):
                # the casebook's own, as its text templates are: never through a link out of templates/ (or a
                # templates/ out of the casebook), never a FIFO or a folder skipped in silence
                shown = f"templates/{name}"
                if not resolves_inside(folder, book.root):
                    raise UserError("sec.template_outside", name="templates/")
                if not resolves_inside(path, folder):
                    raise UserError("sec.template_outside", name=shown)
                if not path.is_file():
                    raise UserError("sec.not_regular", path=shown)
                return path
            if path.is_file():
                return path
    raise UserError("rpt.err.template_missing", name=BASE_TEMPLATE)


# a Word template is a letterhead and a few paragraphs: what it unpacks to is bounded before python-docx or lxml
# unpacks anything (a zip bomb of a few megabytes would otherwise take gigabytes of memory)
DOCX_FILE_LIMIT = 64 * 1024 * 1024
DOCX_MEMBER_LIMIT = 32 * 1024 * 1024
DOCX_TOTAL_LIMIT = 128 * 1024 * 1024


def check_unpacked(path: Path, shown: str) -> None:
    """Refuse a .docx that is not a zip, or whose parts would unpack beyond ``DOCX_MEMBER_LIMIT`` each or
    ``DOCX_TOTAL_LIMIT`` in all; read the bounded way (never a FIFO, a device or an endless file). ``zipfile``
    never unpacks more than the size a part declares, so the declared sizes are the bound."""
    import zipfile

    from bapascase.store.textfiles import read_bytes

    data = read_bytes(path, DOCX_FILE_LIMIT, shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UserError("docx.err.not_docx", file=shown) from None
    total = sum(i.file_size for i in infos)
    if total > DOCX_TOTAL_LIMIT or any(i.file_size > DOCX_MEMBER_LIMIT for i in infos):
        raise UserError("docx.err.unpacked", file=shown, mb=max(1, total // (1024 * 1024)),
                        max=DOCX_MEMBER_LIMIT // (1024 * 1024))


def docx_env() -> Any:
    """The environment every Word template renders in: sandboxed (an office's template is a user's file),
    every value escaped for XML, an unknown name an error."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_xml_value)


def _xml_value(value: Any) -> Any:
    """Every text a Word template prints, as text XML can hold (``reports.xmltext``: a U+FFFE in a name would
    make the rendered document's XML unreadable); markup stays markup, anything else as it is."""
    if not isinstance(value, str):
        return value
    from markupsafe import Markup

    fixed = xml_text(value)
    return Markup(fixed) if isinstance(value, Markup) else fixed


def render_docx(
    book: Casebook, case_id: str, kind: str, lang: str, today: dt.date, anonymize: bool = False, **options: Any
) -> tuple[bytes, Any]:
    """The report as the bytes of a .docx file, and its ``context.Report``."""
    from docxtpl import DocxTemplate, InlineImage

    from bapascase.reports.render import error_message, render, template_globals

    rendered = render(book, case_id, kind, "html", lang, today, anonymize, **options)
    path = template_for(book, kind)
    check_unpacked(path, _shown(book, path))
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception:
        raise UserError("docx.err.not_docx", file=_shown(book, path)) from None
    from docx.shared import Cm

    svgs = {name: pic.svg for name, pic in rendered.report.pictures.items()}
    pictures = _Pictures({name: lambda svg=svg: InlineImage(tpl, io.BytesIO(svg_to_png(svg)),
                                                            width=Cm(PICTURE_WIDTH_CM))
                          for name, svg in svgs.items()})
    tree = parse_html(rendered.text)
    values = template_globals(rendered.report)
    values.update(body=_Marker(), confidential=_confidential(tree), heading=_heading(tree), pictures=pictures)
    try:
        tpl.render(values, jinja_env=docx_env(), autoescape=True)
    except Exception as exc:
        from bapascase.errors import BapascaseError

        if isinstance(exc, BapascaseError):
            raise
        raise UserError("docx.err.render", file=_shown(book, path), message=error_message(exc)) from None
    document = tpl.docx
    marker = next((p for p in document.paragraphs if p.text == MARKER), None)
    if marker is not None:  # the body is written into the rendered document where the template put it
        body = document.element.body
        tail = 1 if len(body) and body[-1].tag.endswith("}sectPr") else 0  # python-docx adds before sectPr
        start = len(body) - tail
        Writer(document).blocks(tree)
        for element in list(body)[start:len(body) - tail]:
            marker._p.addprevious(element)
        marker._p.getparent().remove(marker._p)
    _properties(document, rendered.report, str(values.get("heading") or ""))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), rendered.report


def _properties(document: Any, report: Any, heading: str) -> None:
    """What Word shows in "Info" (core properties): the report's title and dates, not the template's (2013),
    by the officer who wrote it; an anonymised report names the office only, and nothing of the client. The
    template's thumbnail (a picture of another document) is dropped."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = document.core_properties
    author = _property((report.office.get("name") if report.anonymized else getattr(report.officer, "name", "")) or "")
    heading = _property(heading)
    props.title = heading
    props.subject = heading
    props.author = author
    props.last_modified_by = author
    props.keywords = props.comments = props.category = props.identifier = ""
    props.created = dt.datetime.combine(report.today, dt.time())
    props.modified = dt.datetime.combine(report.made_on, dt.time())
    props.revision = 1
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rid)


# Word's most for a text property; python-docx refuses a longer one (an error that would end the report as an
# internal one): a long officer's or office's name is cut, with "…"
PROPERTY_MAX = 255


def _property(text: str) -> str:
    """``text`` for a document property: text XML can hold, at most ``PROPERTY_MAX`` characters."""
    text = xml_text(text)
    return text if len(text) <= PROPERTY_MAX else text[:PROPERTY_MAX - 1] + "\u2026"


def _shown(book: Casebook, path: Path) -> str:
    try:
        return book.rel(path.resolve())
    except ValueError:
        return str(path)
