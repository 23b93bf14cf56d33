"""Pictures as a reader sees them: ecomap labels wrap inside their circle and are never cut, timeline labels never
overlap nor leave the picture, a genogram drawn from the family list names a spouse Istri/Suami and marks the
deceased."""

from __future__ import annotations

import re
from types import SimpleNamespace

from bapascase.model.case import FamilyMember, Relation, Sex
from bapascase.reports import svg
from bapascase.reports.context import genogram_picture


def texts(picture: str) -> list[tuple[float, float, str, str]]:
    """(x, y, anchor, text) of every label line of an SVG."""
    out = []
    for m in re.finditer(r'<text([^>]*)>(.*?)</text>', picture):
        attrs, body = m.group(1), m.group(2)
        anchor = re.search(r'text-anchor="(\w+)"', attrs)
        spans = re.findall(r'<tspan x="([\d.]+)" y="([\d.]+)">([^<]*)</tspan>', body)
        if spans:
            out += [(float(x), float(y), anchor.group(1) if anchor else "start", t) for x, y, t in spans]
        else:
            x, y = re.search(r'x="([\d.]+)"', attrs), re.search(r'y="([\d.]+)"', attrs)
            if x and y:
                out.append((float(x.group(1)), float(y.group(1)), anchor.group(1) if anchor else "start", body))
    return out


def test_ecomap_labels_wrap_inside_their_circle_and_are_never_cut() -> None:
    long = "Dinas Sosial Kota Medan Bidang Rehabilitasi Sosial dan Pemberdayaan Keluarga Binaan"
    systems = [svg.EcoSystem(long, "formal", "kuat", "ke_klien"), svg.EcoSystem("Istri", "informal"),
               svg.EcoSystem("Griya Abhipraya Sumatera Utara", "formal")]
    picture = svg.ecomap("Benny Zakaria Ginting als. Bengkel", systems, svg.EcoLabels("Ekomap"))
    assert "…" not in picture
    shown = " ".join(t for *_, t in texts(picture))
    for word in long.split():
        assert word in shown, word
    # each line of a system's label fits in its circle (diameter 88 px) at the size it is drawn
    for m in re.finditer(r'<text text-anchor="middle" font-size="(\d+)"[^>]*>(.*?)</text>', picture):
        size = int(m.group(1))
        for line in re.findall(r">([^<]+)</tspan>", m.group(2)):
            assert svg.text_width(line, size) <= 88, (line, size)


def test_timeline_labels_never_overlap_and_stay_inside_the_picture() -> None:
    events = [svg.TimelineEvent(day, label) for day, label in (
        (0, "Registrasi klien"), (3, "Engagement dan kontrak"), (6, "Asesmen awal"), (9, "Rencana intervensi"),
        (350, "Sidang TPP Nomor 212/TPP/XII/2024"), (352, "Surat peringatan I"), (355, "Izin bepergian luar kota"),
        (360, "Terminasi"), (364, "Pengakhiran bimbingan"))]
    picture = svg.timeline(365, events, svg.TimelineLabels("Linimasa", "1 Januari 2025", "31 Desember 2025"))
    width = float(re.search(r'width="([\d.]+)"', picture).group(1))  # type: ignore[union-attr]
    boxes = []
    for x, y, anchor, text in texts(picture):
        if text not in {e.label for e in events}:
            continue
        w = svg.text_width(text, 10)
        left = x - w if anchor == "end" else x
        assert 0 <= left and left + w <= width, text
        boxes.append((y, left, left + w, text))
    assert len(boxes) == len(events)
    for i, (y, a, b, t1) in enumerate(boxes):
        for y2, c, d, t2 in boxes[i + 1:]:
            assert y != y2 or b <= c or d <= a, (t1, t2)


def test_a_genogram_from_the_family_list_names_the_spouse_by_sex_and_marks_the_deceased() -> None:
    family = [FamilyMember(relation=Relation.SPOUSE, name="Rosmawati"),  # sex not recorded: the client's other
              FamilyMember(relation=Relation.FATHER, name="Sahat", sex=Sex.L, deceased=True),
              FamilyMember(relation=Relation.MOTHER, name="Tiurma", sex=Sex.P)]
    case = SimpleNamespace(family=family, identity=SimpleNamespace(sex=Sex.L))
    picture = genogram_picture("BZG", case, None, "id")
    assert picture is not None
    assert "Istri" in picture.svg and "Pasangan" not in picture.svg and "Suami/istri" not in picture.svg
    # the deceased father: a cross over his square (two diagonals in one path)
    assert re.search(r'<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M[\d.]+,[\d.]+ L[\d.]+,[\d.]+" stroke="#\w+" '
                     r'stroke-width="1.2"/>', picture.svg)
    single = SimpleNamespace(family=[family[2]], identity=SimpleNamespace(sex=Sex.L))  # one parent alone
    drawn = genogram_picture("BZG", single, None, "id")
    assert drawn is not None and drawn.svg.count("<path") >= 2  # the mother's line down to the client
