"""``template check FILE.docx``: what would stop a Word template, found before it is used, each at its place.

- a tag Word split across runs (typing, spelling marks and formatting split text into runs; docxtpl mends some of
  these but not all, and a tag whose halves carry different formatting loses one of them);
- a tag not closed within its paragraph;
- a syntax error (a ``{% if %}`` without ``{% endif %}``, a typo in an expression);
- an unknown field: a name no report provides, or ``r.<field>`` that the report data does not have.

Each problem names the part (body, header, footer), the paragraph (counted as Word shows them, tables aside) or the
table, row and cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_OPEN = re.compile(r"\{[{%#]")
_DOCXTPL_PREFIX = re.compile(r"(\{[{%]-?)(?:p|r|tr|tc|cellbg|colspan)\s")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# the names the docx renderer adds to the report templates' names (``reports.docx.render_docx``)
DOCX_NAMES = ("body", "confidential", "heading", "pictures")
PART_LABELS = {"document": "tpl.part.document", "header": "tpl.part.header", "footer": "tpl.part.footer"}


@dataclass
class Finding:
    part: str  # document | header1 | footer1 ...
    where: str  # "paragraf 3" / "tabel 1, baris 2, kolom 1" (in the catalog's words)
    message: str


@dataclass
class _Para:
    where: tuple[str, dict[str, Any]]  # catalog key and values
    runs: list[str]

    @property
    def text(self) -> str:
        return "".join(self.runs)


def known_names() -> set[str]:
    """Every name a Word template may use: the report templates' names (``render.template_globals``) and the
    docx renderer's own."""
    import types

    from bapascase.reports.render import template_globals

    return set(template_globals(types.SimpleNamespace(lang="id"))) | set(DOCX_NAMES)  # type: ignore[arg-type]


def report_fields() -> set[str]:
    import dataclasses

    from bapascase.reports.context import Report

    return {f.name for f in dataclasses.fields(Report)}


def _paragraphs(root: Any) -> list[_Para]:
    """Every paragraph of a part in document order, with its place."""
    out: list[_Para] = []
    body = root.find(f"{W}body")
    top = body if body is not None else root
    n_para = 0
    n_table = 0

    def runs_of(p: Any) -> list[str]:
        runs = []
        for r in p.iter(f"{W}r"):
            runs.append("".join(t.text or "" for t in r.iter(f"{W}t")))
        return runs

    for child in top:
        if child.tag == f"{W}p":
            n_para += 1
            out.append(_Para(("tpl.where.paragraph", {"n": n_para}), runs_of(child)))
        elif child.tag == f"{W}tbl":
            n_table += 1
            for ri, tr in enumerate(child.iter(f"{W}tr"), 1):
                for ci, tc in enumerate(tr.findall(f"{W}tc"), 1):
                    for p in tc.iter(f"{W}p"):
                        out.append(_Para(("tpl.where.cell", {"table": n_table, "row": ri, "cell": ci}),
                                         runs_of(p)))
        elif child.tag == f"{W}sdt":  # a content control: its paragraphs count as the body's
            for p in child.iter(f"{W}p"):
                n_para += 1
                out.append(_Para(("tpl.where.paragraph", {"n": n_para}), runs_of(p)))
    return out


def _parts(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        wanted = ["word/document.xml", *sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))]
        return [(n.rsplit("/", 1)[-1].removesuffix(".xml"), z.read(n)) for n in wanted if n in names]


def check(path: Path, lang: str) -> list[Finding]:
    """Every problem of the Word template at ``path``; raises ValueError when it is not a .docx file."""
    import jinja2
    from jinja2 import meta, nodes
    from lxml import etree

    from bapascase.i18n import t
    from bapascase.reports.docx import docx_env
    from bapascase.reports.template_errors import template_message

    try:
        parts = _parts(path)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ValueError(str(exc)) from None
    if not parts:
        raise ValueError("no word/document.xml")
    env = docx_env()
    names = known_names()
    fields = report_fields()
    findings: list[Finding] = []
    for part, xml in parts:
        part_label = t(PART_LABELS[re.sub(r"[0-9]+$", "", part)], lang)
        try:
            root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise ValueError(str(exc)) from None
        paras = _paragraphs(root)

        def where(i: int, paras: list[_Para] = paras, part_label: str = part_label) -> str:
            key, values = paras[i].where
            return f"{part_label}, {t(key, lang, **values)}"

        lines = []
        for i, para in enumerate(paras):
            text = para.text
            # a tag split over runs: the run each character comes from
            owners = [k for k, run in enumerate(para.runs) for _ in run]
            for m in _TAG.finditer(text):
                spans = set(owners[m.start():m.end()])
                if len(spans) > 1:
                    findings.append(Finding(part, where(i), t("tpl.split", lang, tag=m.group(0), n=len(spans))))
            rest = _TAG.sub("", text)
            if _OPEN.search(rest):
                findings.append(Finding(part, where(i), t("tpl.unclosed", lang, text=rest.strip()[:60])))
                lines.append("")
                continue
            lines.append(_DOCXTPL_PREFIX.sub(r"\1 ", text.translate(_QUOTES)))
        ast = None
        for _ in range(len(lines) + 1):  # each syntax error is reported; its paragraph is then set aside
            try:
                ast = env.parse("\n".join(lines))
                break
            except jinja2.TemplateSyntaxError as exc:
                line = (exc.lineno or 1) - 1
                if "end of template" in (exc.message or ""):
                    line = _unmatched_opener(lines, line)
                line = max(0, min(line, len(lines) - 1))
                findings.append(Finding(part, where(line) if paras else part_label,
                                        t("tpl.syntax", lang, message=template_message(exc.message or "", lang))))
                if not lines or not lines[line]:
                    break
                lines[line] = ""
        if ast is None:
            continue
        unknown = meta.find_undeclared_variables(ast) - names
        for name in sorted(unknown):
            line = next((n.lineno for n in ast.find_all(nodes.Name) if n.name == name), 1)
            findings.append(Finding(part, where(line - 1), t("tpl.unknown", lang, name=name)))
        for node in ast.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == "r" and node.attr not in fields:
                findings.append(Finding(part, where(node.lineno - 1), t("tpl.unknown", lang, name=f"r.{node.attr}")))
    return findings


_BLOCK = re.compile(r"\{%-?\s*(end)?(if|for|with|macro|block|filter|call|set)\b")


def _unmatched_opener(lines: list[str], fallback: int) -> int:
    """The line of the last block tag left open (``{% if %}`` without ``{% endif %}``)."""
    stack: list[int] = []
    for i, line in enumerate(lines):
        for m in _BLOCK.finditer(line):
            if m.group(2) == "set" and "=" in line[m.end():line.find("%}", m.end())]:
                continue  # ``{% set x = ... %}`` opens no block
            if m.group(1):
                if stack:
                    stack.pop()
            else:
                stack.append(i)
    return stack[-1] if stack else fallback
