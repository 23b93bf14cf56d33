"""The pictures (deterministic, well-formed SVG that says what it should) and the Markdown helpers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bapascase.reports import svg
from bapascase.reports.markdown import clean_md, escape_md, safe_link, to_html

NS = "{http://www.w3.org/2000/svg}"

LABELS = svg.EcoLabels(
    "Ekomap",
    strength={"kuat": "Kuat", "sedang": "Sedang", "lemah": "Lemah", "stres": "Stres"},
    direction={"ke_klien": "Ke klien", "dari_klien": "Dari klien", "timbal_balik": "Timbal balik"},
    category={"informal": "Informal", "formal": "Formal", "kemasyarakatan": "Kemasyarakatan"},
)


def _paths(text: str) -> list[ET.Element]:
    return ET.fromstring(text).findall(f"{NS}path")  # drawn lines, not the arrow marker's shape


def test_ecomap_lines_and_arrows_follow_strength_and_direction() -> None:
    systems = [
        svg.EcoSystem("Keluarga", "informal", "kuat", "timbal_balik"),
        svg.EcoSystem("Gereja", "informal", "sedang", "ke_klien"),
        svg.EcoSystem("Tetangga", "kemasyarakatan", "lemah", "tidak_ada"),
        svg.EcoSystem("Teman minum", "informal", "stres", "dari_klien"),
    ]
    text = svg.ecomap("BZG", systems, LABELS)
    assert text == svg.ecomap("BZG", systems, LABELS)  # deterministic
    links = _paths(text)[:4]  # one line per system, in order, before the legend
    kuat, sedang, lemah, stres = links
    assert kuat.get("stroke-width") == "4" and kuat.get("marker-start") and kuat.get("marker-end")
    assert sedang.get("stroke-width") == "2" and sedang.get("marker-start") and not sedang.get("marker-end")
    assert lemah.get("stroke-dasharray") and not lemah.get("marker-start") and not lemah.get("marker-end")
    assert stres.get("stroke") == "#b03a2e" and stres.get("d", "").count("L") > 5  # zigzag
    assert stres.get("marker-end") and not stres.get("marker-start")
    texts = "".join(ET.fromstring(text).itertext())
    for word in ("BZG", "Keluarga", "Teman minum", "Kuat", "Stres", "Timbal balik", "Kemasyarakatan"):
        assert word in texts


def test_ecomap_escapes_text() -> None:
    text = svg.ecomap("<b>&", [svg.EcoSystem('"><script>x</script>')], LABELS)
    root = ET.fromstring(text)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "&lt;b&gt;&amp;" in text


def test_genogram_draws_people_couples_and_children() -> None:
    people = [
        svg.GenoPerson("P1", "BZG", "L", 0, "41 tahun", client=True),
        svg.GenoPerson("P2", "Istri", "P", 0),
        svg.GenoPerson("P3", "Anak 1", "L", 1),
        svg.GenoPerson("P4", "Anak 2", "P", 1),
        svg.GenoPerson("P5", "Ayah", "L", -1, deceased=True),
    ]
    links = [
        svg.GenoLink("P1", "P2", "menikah"),
        svg.GenoLink("P1", "P3", "orang_tua_anak"),
        svg.GenoLink("P1", "P4", "orang_tua_anak"),
        svg.GenoLink("P5", "P1", "orang_tua_anak"),
        svg.GenoLink("P2", "P4", "konflik", "stres"),
    ]
    text = svg.genogram(people, links, svg.GenoLabels("Genogram", {"stres": "Konflik"}))
    root = ET.fromstring(text)
    assert len(root.findall(f"{NS}rect")) == 3 + 1  # three men, the client's inner square
    assert len(root.findall(f"{NS}circle")) == 2
    assert any(p.get("stroke") == "#b03a2e" for p in _paths(text))  # the conflict line
    assert "Konflik" in "".join(root.itertext())  # legend for what is drawn
    assert text == svg.genogram(people, links, svg.GenoLabels("Genogram", {"stres": "Konflik"}))


def test_monitoring_chart_months_and_attendance() -> None:
    months = [
        svg.ChartMonth("Mar 25", [3, 3, 2], ["hadir"]),
        svg.ChartMonth("Apr 25", [None, None, None], ["tidak_hadir"]),
        svg.ChartMonth("Mei 25", [4, 5, 3], ["jarak_jauh", "hadir"]),
    ]
    text = svg.monitoring_chart(months, svg.ChartLabels("Grafik", ["A", "B", "C"], "WL", {"hadir": "Hadir"}))
    root = ET.fromstring(text)
    words = "".join(root.itertext())
    assert "Mar 25" in words and "Mei 25" in words and "Hadir" in words
    # a month without ratings breaks the lines: only single points, no polyline across April
    assert root.findall(f"{NS}polyline") == []
    assert any(p.get("stroke") == "#b03a2e" for p in root.iter(f"{NS}path"))  # the absent mark


def test_timeline_is_laid_out_without_overlap() -> None:
    events = [svg.TimelineEvent(0, "Registrasi"), svg.TimelineEvent(2, "EIC"), svg.TimelineEvent(5, "Asesmen"),
              svg.TimelineEvent(30, "", major=False)]
    text = svg.timeline(365, events, svg.TimelineLabels("Alur", "Mulai", "Akhir", "hari ini"), today=100)
    root = ET.fromstring(text)
    ys = [float(t.get("y", 0)) for t in root.iter(f"{NS}text") if t.text in ("Registrasi", "EIC", "Asesmen")]
    assert len(set(ys)) == 3  # three close events on three levels


def test_markdown_helpers() -> None:
    assert safe_link("https://a.b") and safe_link("/x") and safe_link("#top") and safe_link("mailto:a@b.c")
    for bad in ("javascript:alert(1)", "JAVASCRIPT:x", "java\tscript:x", "vbscript:x", "data:text/html,x", "file:///x"):
        assert not safe_link(bad), bad
    html = to_html("# Judul\n\n<script>alert(1)</script> [x](javascript:alert(1)) [y](https://a.b) ![i](http://e/x.png)")
    assert "<h4>Judul</h4>" in html
    assert "<script" not in html and "javascript:" not in html.split("[x]")[0]
    assert 'href="https://a.b"' in html and "<img" not in html
    assert escape_md("a*b_c [d](e) <f> | # g") == r"a\*b\_c \[d\](e) \<f\> \| \# g"
    assert escape_md("- item") == r"\- item" and escape_md("1. x") == r"1\. x"
    assert escape_md("two\nlines") == "two lines"
    cleaned = clean_md("# H\n<b>x</b> [x](javascript:alert(1))\n```\n<raw>\n```")
    assert cleaned.splitlines()[0] == "#### H"
    assert r"\<b>" in cleaned and r"\[x\]" in cleaned and "<raw>" in cleaned  # code stays code
    assert clean_md("ok [link](https://a.b) **bold**") == "ok [link](https://a.b) **bold**"
    assert clean_md("```\nunclosed").endswith("```")


def test_plain_prose_fast_path_matches_markdown_it() -> None:
    """Narratives without Markdown syntax skip markdown-it; the HTML must be exactly what markdown-it makes."""
    from pathlib import Path

    from bapascase.reports import markdown as mdx
    from bapascase.store import yamlio

    samples = [
        "Klien hadir tepat waktu.", 'Baris satu\nbaris dua\n\nParagraf "dua" anak-anak.', "a\n\n\n\nb", "x  \ny",
        "  indented", "1. list", "- a", "a * b", "Rp1.500.000 (tiga) — ok; 50% ya!", "trailing\n", "\nlead",
        "a\n   \nb", "setext\n---", "x\n=", "tab\tx", "dash - mid", "A: b? c! d#e", "a|b", "2024) x", "> q",
    ]
    demo = Path(__file__).resolve().parents[1] / "cases"

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)
        elif isinstance(node, str) and len(node) > 20:
            samples.append(node)

    for path in sorted(demo.rglob("*.yaml")):
        collect(yamlio.load(path))
    fast = 0
    for text in samples:
        plain = mdx._plain_html(text)
        if plain is not None:
            fast += 1
            assert plain == mdx._md().render(text).strip(), text
    assert fast >= 8


def test_a_name_typed_without_spaces_is_wrapped_in_linear_time() -> None:
    """A long word is broken with hyphens into the ecomap's circles; finding each cut from the end of the word
    once cost its length cubed (a 21,000-letter name held a report for minutes). Every piece fits, nothing is
    lost, and the whole picture is drawn at once."""
    import time

    name = "Benny " + "Zakaria" * 3000
    systems = [svg.EcoSystem("Keluarga" + "x" * 5000, "informal", "kuat", "timbal_balik")]
    start = time.perf_counter()
    text = svg.ecomap(name, systems, LABELS)
    lines, size = svg._fit(name, 120)
    assert time.perf_counter() - start < 5
    ET.fromstring(text)
    assert "".join(line.removesuffix("-") if line.endswith("-") else line + " " for line in lines).strip() == name
    assert all(svg.text_width(line, size) <= 120 * 0.9 or len(line) <= 3 for line in lines)
