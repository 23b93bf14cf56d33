"""Pictures for reports, drawn as SVG by the project: ecomap, genogram, monitoring chart, stage timeline.

Every function takes plain data (already formatted labels, no models) and returns an SVG document as a string.
The output is deterministic (fixed layout, rounded coordinates, no ids from counters or clocks) so golden files
can hold it, and self-contained (no fonts, images or links from outside). All text is XML-escaped. Ids carry a
prefix so several pictures can live in one HTML file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""
INK = "#222"


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: object) -> str:
    """Text for an SVG text node or attribute (xml.sax.saxutils would pull in urllib, ssl and http)."""
    return str(text).translate(_XML_ESCAPES)


def _n(x: float) -> str:
    """A coordinate with at most one decimal (deterministic, compact)."""
    r = round(x, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-label="{esc(title)}" {FONT} font-size="12">'
        f"<title>{esc(title)}</title>" + "".join(body) + "</svg>\n"
    )


def _wrap(text: str, width: int = 14, lines: int = 3) -> list[str]:
    words = text.split()
    out: list[str] = []
    cur = ""
    for w in words:
        if len(w) > width:
            w = w[: width - 1] + "…"
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        out.append(cur)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out or [""]


def _wrap_to(text: str, room: float, size: int) -> list[str]:
    """Every word of ``text`` on lines no wider than ``room`` pixels at ``size``; a longer word is broken with a
    hyphen."""
    words: list[str] = []
    for w in text.split():
        while len(w) > 2 and _wider(w, size, room):
            # the longest start that fits with its hyphen (at least one letter), found from the front: the
            # widths only grow, and a long word (a name typed without spaces) costs its length, not its cube
            cut = 1
            while cut < len(w) and text_width(w[:cut + 1] + "-", size) <= room:
                cut += 1
            words.append(w[:cut] + "-")
            w = w[cut:]
        words.append(w)
    out: list[str] = []
    for w in words:
        if out and not out[-1].endswith("-") and text_width(out[-1] + " " + w, size) <= room:
            out[-1] += " " + w
        else:
            out.append(w)
    return out or [""]


def _fit(text: str, room: float, sizes: tuple[int, ...] = (11, 10, 9, 8)) -> tuple[list[str], int]:
    """``text`` wrapped to fit a circle of diameter ``room`` (pixels), never cut: the fewest lines at the largest
    size that fits. Too long for any size, the smallest takes as many lines as the text needs."""
    fitting = [(lines, size) for size in sizes
               if len(lines := _wrap_to(text, room * 0.9, size)) * (size + 1) <= room * 0.75]
    if fitting:  # the fewest lines, then the largest size: a short name stays on one line
        return min(fitting, key=lambda f: (len(f[0]), -f[1]))
    return _wrap_to(text, room * 0.9, sizes[-1]), sizes[-1]


def _wider(text: str, size: float, room: float) -> bool:
    """``text_width(text, size) > room``, without adding up a text far too long (every letter is at least 0.35
    of the size wide)."""
    return len(text) * 0.35 * size > room * 1.01 or text_width(text, size) > room


def text_width(text: str, size: float) -> float:
    """A generous width of ``text`` at ``size`` px in the report's sans-serif font (wide letters count more)."""
    wide, narrow = set("MWmw@%"), set("iljtf.,:;'|!()[] ")
    return sum(size * (0.9 if c in wide else 0.35 if c in narrow else 0.72 if c.isupper() else 0.62) for c in text)


def _text_lines(x: float, y: float, lines: list[str], size: int = 11, weight: str = "normal") -> str:
    first = y - (len(lines) - 1) * (size + 1) / 2
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + i * (size + 1) + size / 3)}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text text-anchor="middle" font-size="{size}" font-weight="{weight}" fill="{INK}">{spans}</text>'


# -- ecomap -----------------------------------------------------------------------------------------------

CATEGORY_FILL = {"informal": "#e3f1e4", "formal": "#e2eaf7", "kemasyarakatan": "#fbefd9"}
STRENGTH_STYLE = {
    "kuat": 'stroke-width="4"',
    "sedang": 'stroke-width="2"',
    "lemah": 'stroke-width="1.6" stroke-dasharray="7 5"',
    "stres": 'stroke-width="1.6" stroke="#b03a2e"',
}


@dataclass
class EcoSystem:
    name: str
    category: str = ""  # informal | formal | kemasyarakatan
    strength: str = "sedang"  # kuat | sedang | lemah | stres
    direction: str = "tidak_ada"  # ke_klien | dari_klien | timbal_balik | tidak_ada


@dataclass
class EcoLabels:
    title: str
    strength: dict[str, str] = field(default_factory=dict)  # kuat/sedang/lemah/stres -> label
    direction: dict[str, str] = field(default_factory=dict)  # ke_klien/dari_klien/timbal_balik -> label
    category: dict[str, str] = field(default_factory=dict)  # informal/formal/kemasyarakatan -> label


def _zigzag(x1: float, y1: float, x2: float, y2: float, step: float = 9, amp: float = 4) -> str:
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return f"M{_n(x1)},{_n(y1)}"
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    n = max(2, int(length // step))
    pts = [f"M{_n(x1)},{_n(y1)}"]
    for i in range(1, n):
        d = length * i / n
        s = amp if i % 2 else -amp
        pts.append(f"L{_n(x1 + ux * d + px * s)},{_n(y1 + uy * d + py * s)}")
    pts.append(f"L{_n(x2)},{_n(y2)}")
    return " ".join(pts)


def _markers(uid: str) -> str:
    return (
        "<defs>"
        f'<marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        "</defs>"
    )


def _link(uid: str, x1: float, y1: float, x2: float, y2: float, strength: str, direction: str) -> str:
    style = STRENGTH_STYLE.get(strength, STRENGTH_STYLE["sedang"])
    # the path runs client -> system; 'ke_klien' (support flows to the client) points back at the client
    marks = ""
    if direction == "dari_klien":
        marks = f' marker-end="url(#{uid}-arrow)"'
    elif direction == "ke_klien":
        marks = f' marker-start="url(#{uid}-arrow)"'
    elif direction == "timbal_balik":
        marks = f' marker-start="url(#{uid}-arrow)" marker-end="url(#{uid}-arrow)"'
    d = _zigzag(x1, y1, x2, y2) if strength == "stres" else f"M{_n(x1)},{_n(y1)} L{_n(x2)},{_n(y2)}"
    stroke = "" if "stroke=" in style else f' stroke="{INK}"'
    return f'<path d="{d}" fill="none"{stroke} {style}{marks}/>'


def ecomap(client: str, systems: Sequence[EcoSystem], labels: EcoLabels, uid: str = "eco") -> str:
    """The client in the centre, each resource system around; line = strength, arrows = flow of support."""
    ring = 185.0 if len(systems) > 4 else 160.0
    r_client, r_sys = 50.0, 44.0
    width, cx, cy = 680.0, 340.0, ring + r_sys + 12
    body = [_markers(uid)]
    n = max(1, len(systems))
    nodes = []
    for i, s in enumerate(systems):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        ux, uy = math.cos(angle), math.sin(angle)
        body.append(_link(uid, cx + ux * (r_client + 2), cy + uy * (r_client + 2), x - ux * (r_sys + 3),
                          y - uy * (r_sys + 3), s.strength, s.direction))
        nodes.append((x, y, s))
    for x, y, s in nodes:
        fill = CATEGORY_FILL.get(s.category, "#f1f1f1")
        body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r_sys)}" fill="{fill}" stroke="{INK}" stroke-width="1"/>')
        lines, size = _fit(s.name, 2 * r_sys)
        body.append(_text_lines(x, y, lines, size=size))
    body.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r_client)}" fill="#fff" stroke="{INK}" stroke-width="2.5"/>')
    lines, size = _fit(client, 2 * r_client, (13, 12, 11, 10, 9))
    body.append(_text_lines(cx, cy, lines, size=size, weight="bold"))
    # legend
    y0 = cy + ring + r_sys + 34
    body.append(f'<text x="20" y="{_n(y0)}" font-weight="bold" fill="{INK}">{esc(labels.title)}</text>')
    x = 20.0
    for key in ("kuat", "sedang", "lemah", "stres"):
        y = y0 + 22
        body.append(_link(uid, x, y - 4, x + 40, y - 4, key, "tidak_ada"))
        text = labels.strength.get(key, key)
        body.append(f'<text x="{_n(x + 46)}" y="{_n(y)}" fill="{INK}">{esc(text)}</text>')
        x += 46 + 7.2 * len(text) + 26
    x = 20.0
    for key in ("ke_klien", "dari_klien", "timbal_balik"):
        y = y0 + 46
        # sample: the client is on the left of the sample line
        body.append(_link(uid, x, y - 4, x + 40, y - 4, "sedang", key))
        text = labels.direction.get(key, key)
        body.append(f'<text x="{_n(x + 46)}" y="{_n(y)}" fill="{INK}">{esc(text)}</text>')
        x += 46 + 7.2 * len(text) + 26
    x = 20.0
    for key in ("informal", "formal", "kemasyarakatan"):
        y = y0 + 70
        body.append(f'<rect x="{_n(x)}" y="{_n(y - 11)}" width="14" height="14" fill="{CATEGORY_FILL[key]}" '
                    f'stroke="{INK}" stroke-width="1"/>')
        text = labels.category.get(key, key)
        body.append(f'<text x="{_n(x + 20)}" y="{_n(y)}" fill="{INK}">{esc(text)}</text>')
        x += 20 + 7.2 * len(text) + 26
    return _svg(width, y0 + 84, body, labels.title)


# -- genogram ---------------------------------------------------------------------------------------------


@dataclass
class GenoPerson:
    key: str
    label: str
    sex: str | None = None  # L | P
    generation: int = 0  # -2 grandparents ... 0 client ... +1 children
    note: str = ""  # age, occupation... (one short line)
    deceased: bool = False
    client: bool = False


@dataclass
class GenoLink:
    a: str
    b: str
    kind: str = "keluarga"  # marriage | child | or an emotional quality
    style: str = "sedang"  # kuat | sedang | lemah | stres | putus
    label: str = ""


@dataclass
class GenoLabels:
    title: str
    legend: dict[str, str] = field(default_factory=dict)


_GENO_STYLE = {
    "kuat": 'stroke-width="3.5"',
    "sedang": 'stroke-width="1.6"',
    "lemah": 'stroke-width="1.4" stroke-dasharray="6 5"',
    "stres": 'stroke-width="1.4" stroke="#b03a2e"',
    "putus": 'stroke-width="1.4" stroke-dasharray="2 4"',
}


STRUCTURAL = ("menikah", "cerai", "pisah", "orang_tua_anak", "saudara")


def _geno_order(people: Sequence[GenoPerson], links: Sequence[GenoLink]) -> dict[int, list[GenoPerson]]:
    """People by generation, couples side by side, the client's parents above, children below their parents."""
    by_key = {p.key: p for p in people}
    partners: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for ln in links:
        if ln.kind in ("menikah", "cerai", "pisah"):
            partners.setdefault(ln.a, []).append(ln.b)
            partners.setdefault(ln.b, []).append(ln.a)
        elif ln.kind == "orang_tua_anak":
            parents.setdefault(ln.b, []).append(ln.a)
    rows: dict[int, list[GenoPerson]] = {}
    placed: set[str] = set()

    def put(key: str) -> None:
        if key in by_key and key not in placed:
            placed.add(key)
            rows.setdefault(by_key[key].generation, []).append(by_key[key])

    client = next((p for p in people if p.client), None)
    if client is not None:
        # siblings (people sharing a parent with the client) left of the client, partners right of the client
        mine = set(parents.get(client.key, []))
        for p in people:
            if p.key != client.key and p.generation == client.generation and mine & set(parents.get(p.key, [])):
                put(p.key)
        put(client.key)
        for other in partners.get(client.key, []):
            put(other)
        for par in sorted(parents.get(client.key, []), key=lambda k: by_key[k].sex != "L" if k in by_key else True):
            put(par)
            for other in partners.get(par, []):
                put(other)
    for p in people:  # everyone else, each next to their partner
        put(p.key)
        for other in partners.get(p.key, []):
            put(other)
    # children in the order of their parents' places
    for gen, row in rows.items():
        above = rows.get(gen - 1, [])
        if not above:
            continue
        index = {q.key: i for i, q in enumerate(above)}

        def place(q: GenoPerson, index: dict[str, int] = index) -> float:
            ps = [index[k] for k in parents.get(q.key, []) if k in index]
            return sum(ps) / len(ps) if ps else len(index) + 1

        rows[gen] = sorted(row, key=place)
    return rows


def genogram(people: Sequence[GenoPerson], links: Sequence[GenoLink], labels: GenoLabels, uid: str = "geno") -> str:
    """A family tree: squares men, circles women (double line: the client), couples joined by a line under them,
    children hanging from their parents' line; closeness, conflict and distance as extra lines with a legend."""
    rows = _geno_order(people, links)
    gens = sorted(rows)
    col_w, row_h, size = 140.0, 150.0, 40.0
    h = size / 2
    width = max(560.0, col_w * max((len(r) for r in rows.values()), default=1) + 80)
    pos: dict[str, tuple[float, float]] = {}
    for gi, g in enumerate(gens):
        row = rows[g]
        start = (width - col_w * len(row)) / 2 + col_w / 2
        for i, p in enumerate(row):
            pos[p.key] = (start + i * col_w, 50 + gi * row_h)
    height = 50 + row_h * max(1, len(gens)) + 10
    body: list[str] = []
    line = f'stroke="{INK}" stroke-width="1.4" fill="none"'
    couples: dict[frozenset[str], tuple[float, float]] = {}  # couple -> point the children hang from
    for ln in links:
        if ln.kind not in ("menikah", "cerai", "pisah") or ln.a not in pos or ln.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[ln.a], pos[ln.b]
        yb = max(y1, y2) + h + 10
        body.append(f'<path d="M{_n(x1)},{_n(y1 + h)} L{_n(x1)},{_n(yb)} L{_n(x2)},{_n(yb)} L{_n(x2)},{_n(y2 + h)}" {line}/>')
        mx = (x1 + x2) / 2
        if ln.kind in ("cerai", "pisah"):
            for dx in ((-4, 4) if ln.kind == "cerai" else (0,)):
                body.append(f'<path d="M{_n(mx + dx - 4)},{_n(yb + 6)} L{_n(mx + dx + 4)},{_n(yb - 6)}" {line}/>')
        couples[frozenset((ln.a, ln.b))] = (mx, yb)
    # parent -> child lines: from the couple's line (or the single parent) down to a bar over the children
    families: dict[tuple[float, float], list[str]] = {}
    parent_of: dict[str, list[str]] = {}
    for ln in links:
        if ln.kind == "orang_tua_anak" and ln.a in pos and ln.b in pos:
            parent_of.setdefault(ln.b, []).append(ln.a)
    for child, ps in parent_of.items():
        origin = None
        for i, a in enumerate(ps):
            for b in ps[i + 1:]:
                origin = couples.get(frozenset((a, b))) or origin
        if origin is None and len(ps) == 1:
            # one recorded parent who has a partner: the child hangs from the couple's line
            origin = next((pt for c, pt in couples.items() if ps[0] in c), None)
        if origin is not None:
            families.setdefault(origin, []).append(child)
            continue
        for par in ps:  # parents not recorded as a couple: a line from each
            x, y = pos[par]
            families.setdefault((x, y + h), []).append(child)
    for (ox, oy), kids in sorted(families.items()):
        xs = [pos[k][0] for k in kids]
        ky = min(pos[k][1] for k in kids) - h
        bar = ky - 16
        body.append(f'<path d="M{_n(ox)},{_n(oy)} L{_n(ox)},{_n(bar)}" {line}/>')
        body.append(f'<path d="M{_n(min([*xs, ox]))},{_n(bar)} L{_n(max([*xs, ox]))},{_n(bar)}" {line}/>')
        for k in kids:
            body.append(f'<path d="M{_n(pos[k][0])},{_n(bar)} L{_n(pos[k][0])},{_n(pos[k][1] - h)}" {line}/>')
    # siblings recorded without parents: a bar above them
    for ln in links:
        if ln.kind == "saudara" and ln.a in pos and ln.b in pos and not (parent_of.get(ln.a) or parent_of.get(ln.b)):
            (x1, y1), (x2, y2) = pos[ln.a], pos[ln.b]
            top = min(y1, y2) - h - 14
            body.append(f'<path d="M{_n(x1)},{_n(y1 - h)} L{_n(x1)},{_n(top)} L{_n(x2)},{_n(top)} L{_n(x2)},{_n(y2 - h)}" {line}/>')
    # emotional relations: a bowed line between the two people, styled, with its label
    for ln in links:
        if ln.kind in STRUCTURAL or ln.a not in pos or ln.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[ln.a], pos[ln.b]
        style = _GENO_STYLE.get(ln.style, _GENO_STYLE["sedang"])
        stroke = "" if "stroke=" in style else f' stroke="{INK}"'
        if ln.style == "stres":
            d = _zigzag(x1, y1, x2, y2, step=8, amp=4)
        else:
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            ddx, ddy = x2 - x1, y2 - y1
            length = math.hypot(ddx, ddy) or 1.0
            bow = 22
            cx, cy = mx - ddy / length * bow, my + ddx / length * bow
            d = f"M{_n(x1)},{_n(y1)} Q{_n(cx)},{_n(cy)} {_n(x2)},{_n(y2)}"
        body.append(f'<path d="{d}" fill="none" opacity="0.85"{stroke} {style}/>')
    for p in people:
        x, y = pos[p.key]
        fill = "#fff"
        if p.sex == "L":
            shape = f'<rect x="{_n(x - h)}" y="{_n(y - h)}" width="{_n(size)}" height="{_n(size)}" fill="{fill}" stroke="{INK}" stroke-width="1.6"/>'
            inner = f'<rect x="{_n(x - h + 4)}" y="{_n(y - h + 4)}" width="{_n(size - 8)}" height="{_n(size - 8)}" fill="none" stroke="{INK}" stroke-width="1.2"/>'
        elif p.sex == "P":
            shape = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(h)}" fill="{fill}" stroke="{INK}" stroke-width="1.6"/>'
            inner = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(h - 4)}" fill="none" stroke="{INK}" stroke-width="1.2"/>'
        else:
            pts = f"{_n(x)},{_n(y - h)} {_n(x + h)},{_n(y)} {_n(x)},{_n(y + h)} {_n(x - h)},{_n(y)}"
            shape = f'<polygon points="{pts}" fill="{fill}" stroke="{INK}" stroke-width="1.6"/>'
            inner = f'<polygon points="{_n(x)},{_n(y - h + 6)} {_n(x + h - 6)},{_n(y)} {_n(x)},{_n(y + h - 6)} {_n(x - h + 6)},{_n(y)}" fill="none" stroke="{INK}" stroke-width="1.2"/>'
        body.append(shape)
        if p.client:
            body.append(inner)
        if p.deceased:
            body.append(f'<path d="M{_n(x - h)},{_n(y - h)} L{_n(x + h)},{_n(y + h)} M{_n(x + h)},{_n(y - h)} '
                        f'L{_n(x - h)},{_n(y + h)}" stroke="{INK}" stroke-width="1.2"/>')
        name_lines = _wrap(p.label, 20, 2)
        body.append(_text_lines(x, y + h + 24 + (len(name_lines) - 1) * 6, name_lines, size=11,
                                weight="bold" if p.client else "normal"))
        if p.note:
            body.append(f'<text x="{_n(x)}" y="{_n(y + h + 50)}" text-anchor="middle" font-size="9" fill="#555">'
                        f"{esc(p.note[:30])}</text>")
    # legend: only the kinds of line actually drawn
    used = {ln.style for ln in links if ln.kind not in STRUCTURAL}
    keys = [k for k in ("kuat", "lemah", "stres", "putus", "sedang") if k in used and k in labels.legend]
    y = height
    x = 20.0
    if keys:
        body.append(f'<text x="20" y="{_n(y)}" font-weight="bold" font-size="11" fill="{INK}">{esc(labels.title)}</text>')
        y += 18
        for key in keys:
            style = _GENO_STYLE[key]
            stroke = "" if "stroke=" in style else f' stroke="{INK}"'
            d = (_zigzag(x, y - 4, x + 34, y - 4, step=7, amp=3) if key == "stres"
                 else f"M{_n(x)},{_n(y - 4)} L{_n(x + 34)},{_n(y - 4)}")
            body.append(f'<path d="{d}" fill="none"{stroke} {style}/>')
            body.append(f'<text x="{_n(x + 40)}" y="{_n(y)}" font-size="11" fill="{INK}">{esc(labels.legend[key])}</text>')
            x += 40 + 7 * len(labels.legend[key]) + 24
        height = y + 12
    return _svg(width, height, body, labels.title)


# -- monitoring chart -------------------------------------------------------------------------------------

SERIES_STYLE = (
    ('stroke="#1f4e79" stroke-width="2"', "circle"),
    ('stroke="#7a4b00" stroke-width="2" stroke-dasharray="7 4"', "square"),
    ('stroke="#2e6b30" stroke-width="2" stroke-dasharray="2 3"', "triangle"),
)
ATTEND_FILL = {"hadir": "#2e6b30", "jarak_jauh": "#1f4e79", "tidak_hadir": "#b03a2e"}


@dataclass
class ChartMonth:
    label: str  # "Mar 2026"
    ratings: list[float | None]  # one value (1..5, month average) per series
    attendance: list[str] = field(default_factory=list)  # wajib-lapor statuses recorded in that month


@dataclass
class ChartLabels:
    title: str
    series: list[str]
    attendance: str
    status: dict[str, str] = field(default_factory=dict)


def _marker_shape(kind: str, x: float, y: float, color: str) -> str:
    if kind == "square":
        return f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{color}"/>'
    if kind == "triangle":
        return f'<polygon points="{_n(x)},{_n(y - 4.5)} {_n(x + 4.5)},{_n(y + 3.5)} {_n(x - 4.5)},{_n(y + 3.5)}" fill="{color}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.8" fill="{color}"/>'


def monitoring_chart(months: Sequence[ChartMonth], labels: ChartLabels) -> str:
    """Ratings per month (three lines, 1..5) above a row of wajib-lapor attendance marks."""
    left, top, plot_h = 84.0, 30.0, 170.0
    n = max(1, len(months))
    step = max(46.0, min(90.0, (600.0 - left - 30) / n))
    width = max(600.0, left + step * n + 30)
    plot_w = step * n
    body: list[str] = []
    body.append(f'<text x="{_n(left)}" y="18" font-weight="bold" fill="{INK}">{esc(labels.title)}</text>')

    def ypos(v: float) -> float:
        return top + plot_h - (v - 1) / 4 * plot_h

    for level in range(1, 6):
        y = ypos(level)
        body.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(left + plot_w)}" y2="{_n(y)}" stroke="#ccc" stroke-width="0.8"/>')
        body.append(f'<text x="{_n(left - 8)}" y="{_n(y + 4)}" text-anchor="end" fill="{INK}">{level}</text>')
    for si, (style, shape) in enumerate(SERIES_STYLE):
        color = style.split('"')[1]
        pts: list[tuple[float, float]] = []
        segments: list[list[tuple[float, float]]] = []
        for mi, m in enumerate(months):
            v = m.ratings[si] if si < len(m.ratings) else None
            if v is None:
                if pts:
                    segments.append(pts)
                pts = []
                continue
            pts.append((left + step * mi + step / 2, ypos(v)))
        if pts:
            segments.append(pts)
        for seg in segments:
            if len(seg) > 1:
                body.append(f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in seg)}" fill="none" {style}/>')
            for x, y in seg:
                body.append(_marker_shape(shape, x, y, color))
    # month labels and attendance marks
    base = top + plot_h
    for mi, m in enumerate(months):
        x = left + step * mi + step / 2
        body.append(f'<text x="{_n(x)}" y="{_n(base + 16)}" text-anchor="middle" font-size="9" fill="{INK}">{esc(m.label)}</text>')
        for ai, status in enumerate(m.attendance[:4]):
            ax = x - (len(m.attendance[:4]) - 1) * 6 + ai * 12
            ay = base + 34
            color = ATTEND_FILL.get(status, "#888")
            if status == "tidak_hadir":
                body.append(f'<path d="M{_n(ax - 4)},{_n(ay - 4)} L{_n(ax + 4)},{_n(ay + 4)} M{_n(ax + 4)},{_n(ay - 4)} '
                            f'L{_n(ax - 4)},{_n(ay + 4)}" stroke="{color}" stroke-width="2.2"/>')
            elif status == "jarak_jauh":
                body.append(f'<circle cx="{_n(ax)}" cy="{_n(ay)}" r="4.5" fill="#fff" stroke="{color}" stroke-width="2"/>')
            else:
                body.append(f'<circle cx="{_n(ax)}" cy="{_n(ay)}" r="4.5" fill="{color}"/>')
    body.append(f'<text x="{_n(left - 8)}" y="{_n(base + 38)}" text-anchor="end" font-size="9" fill="{INK}">'
                f"{esc(labels.attendance)}</text>")
    # legend
    y = base + 64
    x = left
    for si, name in enumerate(labels.series[:3]):
        style, shape = SERIES_STYLE[si]
        color = style.split('"')[1]
        body.append(f'<line x1="{_n(x)}" y1="{_n(y - 4)}" x2="{_n(x + 30)}" y2="{_n(y - 4)}" {style}/>')
        body.append(_marker_shape(shape, x + 15, y - 4, color))
        body.append(f'<text x="{_n(x + 36)}" y="{_n(y)}" fill="{INK}">{esc(name)}</text>')
        x += 36 + 7.2 * len(name) + 28
    y += 20
    x = left
    for key in ("hadir", "jarak_jauh", "tidak_hadir"):
        color = ATTEND_FILL[key]
        if key == "tidak_hadir":
            body.append(f'<path d="M{_n(x)},{_n(y - 8)} L{_n(x + 8)},{_n(y)} M{_n(x + 8)},{_n(y - 8)} L{_n(x)},{_n(y)}" '
                        f'stroke="{color}" stroke-width="2.2"/>')
        elif key == "jarak_jauh":
            body.append(f'<circle cx="{_n(x + 4)}" cy="{_n(y - 4)}" r="4.5" fill="#fff" stroke="{color}" stroke-width="2"/>')
        else:
            body.append(f'<circle cx="{_n(x + 4)}" cy="{_n(y - 4)}" r="4.5" fill="{color}"/>')
        text = labels.status.get(key, key)
        body.append(f'<text x="{_n(x + 14)}" y="{_n(y)}" fill="{INK}">{esc(text)}</text>')
        x += 14 + 7.2 * len(text) + 28
    return _svg(width, y + 12, body, labels.title)


# -- stage timeline ---------------------------------------------------------------------------------------


@dataclass
class TimelineEvent:
    day: int  # days since the timeline's start
    label: str  # short label ("" for a plain tick)
    major: bool = True  # stage events get a label; sessions are ticks


@dataclass
class TimelineLabels:
    title: str
    start: str
    end: str
    today: str = ""


def timeline(total_days: int, events: Sequence[TimelineEvent], labels: TimelineLabels, today: int | None = None) -> str:
    """The supervision period as a bar, stage events as labelled marks, sessions as ticks, today as a line."""
    width, left, right = 720.0, 30.0, 30.0
    span = max(1, total_days)
    bar_w = width - left - right

    def xpos(day: int) -> float:
        return left + bar_w * min(max(day, 0), span) / span

    # lay the labels out first (each on the lowest level where it does not overlap), then size the picture
    majors = sorted((e for e in events if e.major), key=lambda e: e.day)
    placed: list[tuple[TimelineEvent, float, int]] = []
    # a label runs right from its mark, or left of it where it would pass the picture's right edge; a level takes
    # a label only where it overlaps none already on it
    taken: list[list[tuple[float, float]]] = []
    for ev in majors:
        x = xpos(ev.day)
        w = text_width(ev.label, 10) + 4
        start = x - 2 - w if x + 2 + w > width - 4 else x
        box = (start, start + w + 2)
        level = 0
        while level < len(taken) and any(a < box[1] and box[0] < b for a, b in taken[level]):
            level += 1
        if level == len(taken):
            taken.append([])
        taken[level].append(box)
        placed.append((ev, x, level))
    y = 48.0 + 15 * max(1, len(taken))
    body = [f'<text x="{_n(left)}" y="18" font-weight="bold" fill="{INK}">{esc(labels.title)}</text>']
    body.append(f'<rect x="{_n(left)}" y="{_n(y - 5)}" width="{_n(bar_w)}" height="10" fill="#e8e8e8" stroke="{INK}" stroke-width="0.8"/>')
    if today is not None:
        body.append(f'<rect x="{_n(left)}" y="{_n(y - 5)}" width="{_n(xpos(today) - left)}" height="10" fill="#c9d8ea"/>')
    for ev in events:
        if not ev.major:
            x = xpos(ev.day)
            body.append(f'<line x1="{_n(x)}" y1="{_n(y + 6)}" x2="{_n(x)}" y2="{_n(y + 14)}" stroke="#555" stroke-width="1"/>')
    for ev, x, level in placed:
        ly = y - 16 - level * 15
        body.append(f'<line x1="{_n(x)}" y1="{_n(y - 6)}" x2="{_n(x)}" y2="{_n(ly + 3)}" stroke="#777" stroke-width="0.8"/>')
        body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="#1f4e79"/>')
        w = text_width(ev.label, 10) + 4
        if x + 2 + w > width - 4:  # near the right edge: the label ends at its mark
            body.append(f'<text x="{_n(x - 2)}" y="{_n(ly)}" text-anchor="end" font-size="10" fill="{INK}">'
                        f"{esc(ev.label)}</text>")
        else:
            body.append(f'<text x="{_n(x + 2)}" y="{_n(ly)}" font-size="10" fill="{INK}">{esc(ev.label)}</text>')
    if today is not None and 0 <= today <= span:
        x = xpos(today)
        body.append(f'<line x1="{_n(x)}" y1="{_n(y - 12)}" x2="{_n(x)}" y2="{_n(y + 20)}" stroke="#b03a2e" stroke-width="1.5"/>')
        body.append(f'<text x="{_n(x)}" y="{_n(y + 32)}" text-anchor="middle" font-size="10" fill="#b03a2e">{esc(labels.today)}</text>')
    body.append(f'<text x="{_n(left)}" y="{_n(y + 50)}" font-size="10" fill="{INK}">{esc(labels.start)}</text>')
    body.append(f'<text x="{_n(width - right)}" y="{_n(y + 50)}" text-anchor="end" font-size="10" fill="{INK}">{esc(labels.end)}</text>')
    return _svg(width, y + 62, body, labels.title)
