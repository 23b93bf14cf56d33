"""Narrative text without Markdown syntax skips markdown-it (``markdown._plain_html``): the HTML must be byte for
byte what markdown-it makes with the report's configuration, for every text the fast path accepts; the test of
"has markup" must be conservative (when in doubt, markdown-it); and a report whose texts have no markup does not
import markdown-it at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bapascase.reports import markdown as mdx
from tests.helpers import test_environ
from tests.report_fixture import every_value

WORDS = ["Klien", "hadir", "tepat", "waktu", "pembimbingan", "kemasyarakatan", "anak-anak", "Rp1.500.000", "50%",
         "(tiga)", "—", "ya!", "A:", "b?", "d#e", "a|b", "2024)", "'kutip'", '"dua"', "https://contoh.id/laporan",
         "www.bapas.go.id", "bapas@contoh.id", "Medan,", "Jl.", "No.", "1.", "-", "+", "=", "~", ">", "#", "---",
         "é", "ñ", "日本", "🙂", "\u00a0", "\u2003", "\u200b", "\x00", "\x0c", "\x0b", "\u2028", "&", "<", "&amp;",
         "&#42;", "*", "_", "`", "[", "]", "\\", "!", "1)", "12.", "    ", "\t"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\n \n", "\n\n\n", "  \n", ". ", ", ", "\r\n", "\r"]


def _render(text: str) -> str:
    """markdown-it with the report's configuration, as ``to_html`` calls it (headings shifted: none in prose)."""
    md = mdx._md()
    html: str = md.renderer.render(md.parse(text), md.options, {})
    return html.strip()


prose = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=1500, deadline=None)
@given(st.one_of(prose, prose.map(lambda t: "\n" + t), st.text(max_size=60),
                 st.text(alphabet=st.sampled_from(list("ab .,-:;!?()'\"%/\n \t#1*_<&é")), max_size=60)))
@example("Klien hadir tepat waktu.")
@example('Baris satu\nbaris dua\n\nParagraf "dua".')
@example("a\x00b")
@example("a\u2028b")
@example("x\x0c")
@example("a\n\x0c\nb")
def test_the_fast_path_is_markdown_it_byte_for_byte(text: str) -> None:
    plain = mdx._plain_html(text)
    if plain is not None:
        assert plain == _render(text), repr(text)
    assert mdx.to_html(text, 0) == (_render(text) if text else "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Klien", "hadir", "tepat", "waktu", "Rp1.500.000", "(tiga)", "ya!",
                                           "'kutip'", '"dua"', "Medan,", "https://contoh.id/laporan",
                                           "bapas@contoh.id", "anak-anak", "50%"]),
                          st.sampled_from([" ", " ", "\n", "\n\n"])), min_size=1, max_size=30)
       .map(lambda parts: "".join(w + s for w, s in parts).strip()))
def test_plain_indonesian_prose_takes_the_fast_path(text: str) -> None:
    """Not vacuous: ordinary prose (line breaks, paragraphs, quotes, URLs: linkify is off) is accepted."""
    assert mdx._md().options["linkify"] is False
    assert mdx._plain_html(text) is not None, repr(text)


def test_the_demo_texts() -> None:
    from bapascase.store import yamlio

    demo = Path(__file__).resolve().parents[1] / "cases"
    texts: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)
        elif isinstance(node, str):
            texts.append(node)

    for path in sorted(demo.rglob("*.yaml")):
        collect(yamlio.load(path))
    fast = [t for t in texts if mdx._plain_html(t) is not None]
    assert len(fast) > len(texts) // 2
    for text in texts:
        assert mdx.to_html(text, 0) == _render(text), text


RUNNER = """
import contextlib, io, json, sys
from bapascase.cli.main import run
code = 0
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        run(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
print(json.dumps({"code": code, "markdown_it": "markdown_it" in sys.modules}))
"""


def test_a_report_without_markup_never_imports_markdown_it(tmp_path: Path) -> None:
    """Every kind and format of the demo's plain case, in a fresh interpreter: markdown-it stays unimported."""
    from tests.report_fixture import make_book, story_docs, write_docs

    def plain(node: Any) -> Any:  # the story's texts without their one bit of markup (**bold**)
        if isinstance(node, dict):
            return {k: plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        return node.replace("**", "") if isinstance(node, str) else node

    docs = plain(story_docs())
    texts: list[str] = []
    every_value(docs, lambda v: texts.append(v) if isinstance(v, str) else None)
    assert all(mdx._plain_html(t) is not None for t in texts if " " in t and len(t) > 40)  # prose: no markup
    book, case_id = make_book(tmp_path / "cb"), "2025-bzg-k7m2p"
    write_docs(book, case_id, docs)
    runs = [(kind, fmt) for kind in ("case", "progress", "litmas", "practicum") for fmt in ("md", "html")]
    procs = {run: subprocess.Popen(
        [sys.executable, "-c", RUNNER, "-C", str(book.root), "report", case_id, "--kind", run[0], "--format", run[1],
         "-o", str(tmp_path / f"{run[0]}.{run[1]}")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=test_environ()) for run in runs}
    for run, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        result = json.loads(out.strip().splitlines()[-1])
        assert result["code"] == 0, (run, err)
        assert result["markdown_it"] is False, run
    # the same case with its one bold phrase does use markdown-it (the test above is not vacuous)
    marked = story_docs()
    book2 = make_book(tmp_path / "cb2")
    write_docs(book2, case_id, marked)
    done = subprocess.run([sys.executable, "-c", RUNNER, "-C", str(book2.root), "report", case_id, "--kind", "case",
                           "--format", "html", "-o", str(tmp_path / "marked.html")], capture_output=True, text=True,
                          env=test_environ(), timeout=120)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "markdown_it": True}, done.stderr
    assert "<strong>tanpa menghakimi</strong>" in (tmp_path / "marked.html").read_text(encoding="utf-8")
