"""Finding personal data in free text and replacing it with labels: the matching half of anonymisation.

``anonymize.py`` decides *what* is personal (from the models' privacy classes) and what each thing is called
once anonymised; the ``Redactor`` here finds every way it may have been *written* in a narrative or a note:

- names: whole or word by word, in any case and with or without accents ("BENNY", "Bénny"), with Indonesian
  suffixes ("Bennynya", "Bennylah"); a run of name words of one person ("Nurul Pertiwi", "Nurul binti Fiktif")
  becomes one label, so "Rumah Nurul Pertiwi di Binjai" reads "Rumah NCPF di Binjai";
- identity numbers, register, verdict, decree and letter numbers: the recorded ones with any separators
  ("1271 0115 0384 0003", "1234 / Pid.B / 2016 / PN.Mdn"); and, whoever they belong to, anything shaped like a
  NIK or a verdict number;
- phone numbers with spaces, dots, dashes or brackets, "+62" or "0" ("(061) 455-1234", "+62 812.6000.1234"),
  and e-mail addresses (also "nama [at] contoh.id");
- an address whole and in parts: the street with its number, RT/RW, the kelurahan, desa, dusun or lingkungan
  (the kecamatan and the city stay: "di Binjai" says nothing of where the client lives);
- distinguishing marks, whole and mark by mark, as they were recorded;
- the birth date as numbers or words ("12-05-1990", "12/5/90", "1990-05-12", "12 Mei 1990", "May 12, 1990").

Matching runs on a folded copy of the text (Unicode compatibility form, accents removed, case folded, invisible
characters dropped) that remembers where each character came from, so replacements land on the text as written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from bapascase.model.text import MONTHS

# word-by-word replacement skips these (they are not names)
NOT_NAMES = frozenset({
    "bin", "binti", "br", "boru", "als", "alias", "van", "de", "von", "dan", "and", "the", "pak", "bu", "ibu", "bapak",
    "mas", "mbak", "kak", "adik", "abang", "bang", "anak", "istri", "suami", "ayah", "nenek", "kakek",
})
# Indonesian suffixes a name takes in running text ("rumahnya Benny" but also "Bennynya", "Bennylah")
NAME_SUFFIXES = ("nya", "ku", "mu", "lah", "kah", "pun", "tah")
# words that join the parts of one person's name, so a run of them stays one label ("Nurul binti Fiktif")
_JOINERS = r"(?:bin|binti|bt|br|boru|als|alias)\.?"
_NAME_GAP = re.compile(rf"(?:\s+|\s+{_JOINERS}\s+)", re.IGNORECASE)
_OTHER_GAP = re.compile(r"[\s,./\-]*")

_SEP = r"[^0-9a-z]{0,3}"  # between the characters of a recorded number: spaces, dots, dashes, slashes, brackets
_B = r"(?<![0-9a-z])"  # not inside a longer word or number
_E = r"(?![0-9a-z])"

# shapes that identify whoever they belong to (matched on the folded text)
_NIK = re.compile(r"(?<![0-9])(?<![0-9][\s.\-])[0-9](?:[\s.\-]?[0-9]){15}(?![\s.\-]?[0-9])")
_MOBILE = re.compile(r"(?<![0-9a-z+])(?:\+\s?62|62|0)[\s.\-()]*8(?:[\s.\-()]*[0-9]){7,11}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9a-z])(?:\(\s*0[0-9]{1,3}\s*\)|0[0-9]{1,3}[\s.\-])[\s.\-]*[0-9]{3,4}[\s.\-]?[0-9]{3,5}"
                       r"(?![0-9])")
_EMAIL = re.compile(r"[0-9a-z._%+\-]+(?:@|\s*[\[(]\s*(?:at|et)\s*[\])]\s*)[0-9a-z\-]+"
                    r"(?:(?:\.|\s*[\[(]\s*(?:dot|titik)\s*[\])]\s*)[0-9a-z\-]+)+")
_VERDICT = re.compile(r"(?<![0-9a-z])[0-9]{1,6}\s*/\s*pid\b[^\n/]{0,30}(?:/[^\n/]{1,30}){0,2}/\s*(?:19|20)[0-9]{2}"
                      r"\s*/\s*(?:pn|pt|ma)\b[\s.]*[a-z]+")
_RT_RW = re.compile(r"(?<![0-9a-z])(?:rt\s*/\s*rw|rt|rw)\.?\s*[:.]?\s*0*[0-9]{1,3}(?:\s*/\s*0*[0-9]{1,3})?(?![0-9])")

# address parts: a street (with its number) and the kelurahan, desa, dusun or lingkungan are precise; the
# kecamatan, regency, city and province are not
_STREET_WORDS = r"jl|jln|jalan|gg|gang|lorong|lr|komplek|kompleks|komp|perum|perumahan|blok|griya"
_LOCAL_WORDS = r"kel|kelurahan|desa|ds|dusun|dsn|lingkungan|lingk|link|lk|kampung|kp"
_COARSE_WORDS = r"kec|kecamatan|kab|kabupaten|kota|prov|provinsi"
_KEYWORD = re.compile(rf"(?<![0-9a-z])(?:{_STREET_WORDS}|{_LOCAL_WORDS}|{_COARSE_WORDS}|rt|rw)\b\.?")
_HOUSE_NO = r"(?:[\s,]*(?:no|nomor|nmr)\b\.?\s*[0-9]+[a-z]?(?:\s*[/-]\s*[0-9a-z]+)?)?"

_MONTH_FORMS: dict[int, set[str]] = {}
for _lang_months in MONTHS.values():
    for _i, _name in enumerate(_lang_months, 1):
        _MONTH_FORMS.setdefault(_i, set()).update({_name.lower(), _name.lower()[:3]})
for _i, _extra in ((2, "peb"), (8, "agt"), (8, "agst"), (9, "sept"), (11, "nop")):
    _MONTH_FORMS[_i].add(_extra)


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text as matched, and for each of its characters the index it came from in ``text`` (None when the
    two are the same, as for plain ASCII)."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":  # zero-width and other invisible characters: not there
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                out.append(c)
                where.append(i)
    return "".join(out), where


def fold_key(text: str) -> str:
    return " ".join(fold(text)[0].split())


# what an officer writes when a client has no distinguishing mark (folded: lower case, no accents)
_NO_MARK = frozenset({"", "tidak ada", "tidak", "tak ada", "nihil", "belum ada", "none", "no", "n/a", "-"})


@dataclass
class _Span:
    start: int
    end: int
    label: str
    name: bool
    joins: bool  # a run of neighbours with this label reads as one (a person's name words, an address's parts)


# a third party named by a title in free text ("Pendeta J. Marbun", "Ustaz Hasan", "Pak Rahmat"): the title stays,
# the name goes (a religious title reads well alone; "Pak" is followed by "(disamarkan)"). Words after the title
# that name an institution, not a person, are left alone ("Pendeta Gereja").
ROLE_TITLES = ("Pendeta", "Pdt.", "Pdt", "Pastor", "Romo", "Ustaz", "Ustadz", "Ustad", "Ustazah", "Ustadzah", "Kyai",
               "Kiai", "K.H.", "KH", "Habib", "Bhikkhu", "Biksu", "Pandita", "Pedanda")
ADDRESS_TITLES = ("Pak", "Bapak", "Bu", "Ibu", "Sdr.", "Saudara", "Saudari")
TITLES = ROLE_TITLES + ADDRESS_TITLES
NOT_A_NAME = frozenset({
    "gereja", "masjid", "musala", "mushola", "jemaat", "pura", "vihara", "klenteng", "bapas", "lapas", "rutan",
    "kanwil", "kota", "lurah", "camat", "kepala", "rt", "rw", "desa", "kelurahan", "kecamatan", "pk", "guru",
    "dokter", "klien", "penjamin", "hkbp", "gbkp", "gki", "gpib", "majelis", "pengurus", "ketua",
})
_NAME_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]\.)"
_TITLED_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(x) for x in sorted(TITLES, key=len, reverse=True)) + r")"
    r"(\s+" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})")


def drop_titled_names(text: str, withheld: str) -> str:
    """``Pendeta J. Marbun`` -> ``Pendeta``, ``Pak Rahmat`` -> ``Pak (disamarkan)``; ``Pendeta Gereja`` stays."""

    def repl(m: re.Match[str]) -> str:
        words = m.group(2).split()
        if words[0].lower().rstrip(".") in NOT_A_NAME:
            return m.group(0)
        return m.group(1) + (f" {withheld}" if m.group(1) in ADDRESS_TITLES else "")

    return _TITLED_RE.sub(repl, text)


@dataclass
class Redactor:
    """Replaces every known name, number, address part and birth date (and identifier shapes) in free text."""

    lang: str
    names: dict[str, str] = field(default_factory=dict)  # folded name or name word -> label
    patterns: list[tuple[str, str]] = field(default_factory=list)  # folded-text regex -> label
    _names_re: re.Pattern[str] | None = None
    _other_re: list[tuple[re.Pattern[str], str]] | None = None

    # -- what to look for ----------------------------------------------------------------------------------
    def add_name(self, name: str | None, label: str, words: bool = True) -> None:
        """A person's name (and, with ``words``, each of its words of three letters or more)."""
        if not name:
            return
        full = fold_key(name)
        if not full:
            return
        self.names.setdefault(full, label)
        if words:
            for part in re.split(r"[\s,.()/]+", full):
                if len(part) >= 3 and part not in NOT_NAMES and part[0].isalpha():
                    self.names.setdefault(part, label)
        self._names_re = None

    def add_literal(self, text: str | None, label: str) -> None:
        """A text to replace whole, however it is spaced or punctuated."""
        tokens = re.findall(r"[0-9a-z]+", fold(text or "")[0])
        if sum(len(t) for t in tokens) < 4:
            return
        self._add(_B + r"[^0-9a-z]{1,4}".join(re.escape(t) for t in tokens) + _E, label)

    def add_number(self, text: str | None, label: str) -> None:
        """An identity, register, verdict, decree or letter number, with any separators between its characters."""
        chars = re.sub(r"[^0-9a-z]", "", fold(text or "")[0])
        if len(chars) < 4:
            return
        self._add(_B + _SEP.join(re.escape(c) for c in chars) + _E, label)

    def add_contact(self, text: str | None, label: str) -> None:
        """A phone number (with "+62" or "0", any separators) or an e-mail address."""
        value = fold(text or "")[0].strip()
        if "@" in value:
            user, _, domain = value.partition("@")
            parts = [re.escape(p) for p in domain.split(".") if p]
            if user and parts:
                at = r"\s*(?:@|[\[(]\s*(?:at|et)\s*[\])])\s*"
                dot = r"\s*(?:\.|[\[(]\s*(?:dot|titik)\s*[\])])\s*"
                self._add(re.escape(user) + at + dot.join(parts), label)
            return
        digits = re.sub(r"[^0-9]", "", value)
        if digits.startswith("62"):
            digits = digits[2:]
        digits = digits.lstrip("0")
        if len(digits) >= 6:
            self._add(r"(?<![0-9])(?:\+?\s*62|0)?" + _SEP + _SEP.join(digits) + r"(?![0-9])", label)

    def add_address(self, text: str | None, label: str) -> None:
        """An address whole, and its precise parts (see the module's docstring)."""
        if not text or len(text.strip()) < 6:
            return
        self.add_literal(text, label)
        for kind, segment, name in _address_parts(fold(text)[0]):
            if kind == "coarse":
                continue
            if name and len(name) >= 4:
                words = r"\s+".join(re.escape(w) for w in name.split())
                lead = _STREET_WORDS if kind == "street" else _LOCAL_WORDS
                self._add(rf"{_B}(?:(?:{lead})\b\.?\s*)?{words}{_HOUSE_NO}{_E}", label)
            elif segment:
                self.add_literal(segment, label)

    def add_marks(self, text: str | None, label: str) -> None:
        """Distinguishing marks ("bekas luka di pelipis kiri; tato salib di lengan kanan"): the whole text, and each
        mark of it (cut at ``;``, ``,`` and line ends), however it is spaced or punctuated. "Tidak ada" says there
        is no mark: it is not hidden wherever a report says "tidak ada"; nor is a mark of one word ("tato"), which
        would blank that word in every note (the whole text still goes)."""
        if " ".join(fold(text or "")[0].split()).strip(" .-") in _NO_MARK:
            return
        self.add_literal(text, label)
        for mark in re.split(r"[;,\n]+", text or ""):
            words = fold(mark)[0].split()
            if len(words) >= 2 and " ".join(words).strip(" .-") not in _NO_MARK:
                self.add_literal(mark, label)

    def add_date(self, day: dt.date | None, label: str) -> None:
        """A date in every way it may be written."""
        if day is None:
            return
        d = rf"0?{day.day}"
        m = rf"0?{day.month}"
        y = rf"(?:{day.year}|'?{day.year % 100:02d})"
        month = "(?:" + "|".join(sorted(_MONTH_FORMS[day.month], key=len, reverse=True)) + r")\.?"
        sep = r"\s*[./\-]\s*"
        forms = [
            rf"{d}{sep}{m}{sep}{y}", rf"{day.year}{sep}{m}{sep}{d}",
            rf"{d}(?:\s*|{sep}){month}(?:\s*,?\s*|{sep}){y}", rf"{month}\s*{d}(?:st|nd|rd|th)?\s*,?\s*{day.year}",
        ]
        self._add(r"(?<![0-9])(?:" + "|".join(forms) + r")(?![0-9])", label)

    def _add(self, pattern: str, label: str) -> None:
        self.patterns.append((pattern, label))
        self._other_re = None

    # -- replacing -----------------------------------------------------------------------------------------
    def forget_compiled(self) -> None:
        """After ``names`` or ``patterns`` were changed directly: compile them again on the next ``text``."""
        self._names_re = None
        self._other_re = None

    def _address_label(self) -> str:
        from bapascase.i18n import t

        return t("rpt.anon.address", self.lang)

    def _compiled(self) -> tuple[re.Pattern[str] | None, list[tuple[re.Pattern[str], str]]]:
        if self._names_re is None and self.names:
            keys = sorted(self.names, key=len, reverse=True)
            alts = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys)
            suffix = "|".join(NAME_SUFFIXES)
            self._names_re = re.compile(rf"(?<!\w)(?P<name>{alts})(?:{suffix})*(?!\w)")
        if self._other_re is None:
            from bapascase.i18n import t

            number = t("rpt.anon.number", self.lang)
            contact = t("rpt.anon.contact", self.lang)
            address = t("rpt.anon.address", self.lang)
            self._other_re = [(re.compile(p), label) for p, label in self.patterns] + [
                (_EMAIL, contact), (_VERDICT, number), (_NIK, number), (_MOBILE, number), (_LANDLINE, number),
                (_RT_RW, address),
            ]
        return self._names_re, self._other_re

    def text(self, value: str) -> str:
        """``value`` with everything known replaced by its label, and third parties named by a title dropped."""
        from bapascase.i18n import t

        return drop_titled_names(self._known(value), t("rpt.anon.withheld", self.lang))

    def _known(self, value: str) -> str:
        folded, where = fold(value)
        names_re, others = self._compiled()
        spans: list[_Span] = []
        if names_re is not None:
            for m in names_re.finditer(folded):
                key = " ".join(m.group("name").split())
                spans.append(_Span(m.start(), m.end(), self.names.get(key, ""), True, True))
        address = self._address_label()
        for pattern, label in others:
            spans.extend(_Span(m.start(), m.end(), label, False, label == address)
                         for m in pattern.finditer(folded) if m.end() > m.start())
        if not spans:
            return value
        if where is not None:  # back to the text as written
            for sp in spans:
                sp.start, sp.end = where[sp.start], where[sp.end - 1] + 1
        return _replace(value, _merged(value, _without_overlaps(spans)))


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    """The spans to replace: where two overlap, the one starting first (the longer at the same start)."""
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            if sp.end > kept[-1].end and not kept[-1].name and not sp.name:
                kept[-1].end = sp.end  # two pieces of one address or number: one replacement
            continue
        kept.append(sp)
    return kept


def _merged(text: str, spans: list[_Span]) -> list[_Span]:
    """Neighbouring spans with one label become one: a run of one person's name words ("Nurul Pertiwi"), or
    the pieces of one address ("RT 03/RW 05"). Numbers and dates stay one label each."""
    out: list[_Span] = []
    for sp in spans:
        if out and sp.joins and out[-1].joins and out[-1].label == sp.label and out[-1].name == sp.name:
            gap = text[out[-1].end:sp.start]
            if (_NAME_GAP if sp.name else _OTHER_GAP).fullmatch(gap):
                out[-1].end = sp.end
                continue
        out.append(sp)
    return out


def _replace(text: str, spans: list[_Span]) -> str:
    parts = []
    pos = 0
    for sp in spans:
        parts.append(text[pos:sp.start])
        parts.append(sp.label)
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)


def _address_parts(folded: str) -> list[tuple[str, str, str]]:
    """``(kind, segment, name)`` for each part of a folded address: kind ``street``, ``local`` or ``coarse``; the
    name is the segment without its keyword and house number ("sisingamangaraja", "harjosari")."""
    # cut at commas and before every keyword (addresses are also written without commas)
    cuts = sorted({0, *(m.start() for m in _KEYWORD.finditer(folded))})
    pieces: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], len(folded)], strict=True):
        pieces.extend(p.strip(" ,;") for p in folded[a:b].split(","))
    out = []
    for i, piece in enumerate(p for p in pieces if p):
        m = _KEYWORD.match(piece)
        word = m.group(0).rstrip(".") if m else ""
        rest = piece[m.end():].strip(" .:") if m else piece
        name = re.sub(r"[\s,]*(?:no|nomor|nmr)\b\.?\s*[0-9].*$", "", rest).strip(" .,")
        name = re.sub(r"[^0-9a-z\s'\-]", " ", name)
        name = " ".join(w for w in name.split() if not w.isdigit())
        if word and re.fullmatch(_STREET_WORDS, word):
            out.append(("street", piece, name))
        elif word and (re.fullmatch(_LOCAL_WORDS, word) or word in ("rt", "rw")):
            out.append(("local", piece, "" if word in ("rt", "rw") else name))
        elif word:
            out.append(("coarse", piece, name))
        elif i == 0 and re.search(r"[0-9]", piece):  # "Mawar 5": a street without its keyword
            out.append(("street", piece, name))
        else:
            out.append(("coarse", piece, name))
    return out
