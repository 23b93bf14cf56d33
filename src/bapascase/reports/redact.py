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
- an address whole and in parts: the street with its number, RT/RW, the kelurahan, desa, dusun or lingkungan,
  with or without its keyword ("Helvetia Ujung" in "..., Helvetia Ujung, Medan" is placed by where it stands);
  the kecamatan written as such, the city or regency and the province stay ("di Binjai" says nothing of where
  the client lives, and it says which court and Bapas are concerned); a city or regency listed in ``regions`` is
  known by name where its place is ambiguous ("Jl. Mawar No. 2, Medan"), and an address written without commas
  is cut after its house or RT/RW number ("Jl. Melati No. 9 Harjosari Medan");
- the places a place field names (where a person works, trades or studies: "Pasar MMTC" in "Pedagang di Pasar
  MMTC", "SMP Negeri 27 Helvetia"), whole, without the city they end with too;
- a place or street of one word ("Damai") is also a word: it goes after its keyword ("Gg. Damai", "Kel. Damai")
  or a preposition ("di Damai"), or written with a capital (a sentence's or a line's start too: "Damai itu..."
  goes, the safer failure), never as an ordinary word in lower case ("hidup damai", "warga damai"); nothing of
  fewer than four letters is a place;
- distinguishing marks, whole and mark by mark, as they were recorded;
- the birth date as numbers or words ("12-05-1990", "12/5/90", "1990-05-12", "12 Mei 1990", "May 12, 1990").

Matching runs on a folded copy of the text (Unicode compatibility form, accents removed, case folded, invisible
characters dropped) that remembers where each character came from, so replacements land on the text as written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from bapascase.model.text import MONTHS
from bapascase.reports.regions import CITIES, PROVINCE_STARTS

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
# the part before the "@" at most 64 characters (RFC 5321's most): unbounded, every letter of a long run of them (a
# name typed without spaces, "a.a.a...") started a scan to the run's end, and a report took minutes
_EMAIL = re.compile(r"[0-9a-z._%+\-]{1,64}(?:@|\s*[\[(]\s*(?:at|et)\s*[\])]\s*)[0-9a-z\-]+"
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
# the provinces (as their names begin): an address part naming one is coarse, like the city
_PROVINCE = re.compile("(?:" + "|".join(PROVINCE_STARTS) + r")\b")
# a place in free text follows one of these words ("di Pasar MMTC", "dekat Toko Jaya")...
PREPOSITIONS = ("di", "ke", "dari", "dekat", "sekitar", "depan", "belakang", "samping", "pada", "at", "in", "near")
_AFTER_PREPOSITION = "(?:" + "|".join(rf"(?<=\b{p}\s)" for p in PREPOSITIONS) + ")"
# ...or begins with one of these ("Pasar MMTC", "SMP Negeri 12", "PT Maju Jaya"), which alone name no place
PLACE_STARTS = frozenset({
    "pasar", "pajak", "pekan", "sekolah", "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn", "slb", "mi", "min",
    "mts", "mtsn", "ma", "man", "madrasah", "pesantren", "pondok", "ponpes", "universitas", "univ", "kampus",
    "institut", "politeknik", "akademi", "stikes", "paud", "tk", "pt", "cv", "ud", "toko", "warung", "kedai",
    "bengkel", "pabrik", "kantor", "rumah", "rm", "restoran", "hotel", "perkebunan", "kebun", "pelabuhan",
    "terminal", "bandara", "rs", "rsu", "rsud", "puskesmas", "klinik", "koperasi", "plaza", "mal", "mall",
    "apotek", "salon", "gudang", "grosir", "swalayan", "supermarket", "minimarket", "depot", "school", "market",
    "shop", "factory", "office", "company",
})
# words that only continue a place's name ("SMP Negeri 12", "Rumah Sakit Umum"): they begin none ("Pegawai Negeri
# Sipil" names no place)
PLACE_CONTINUES = frozenset({"negeri", "swasta", "makan", "sakit", "usaha"})
PLACE_WORDS = PLACE_STARTS | PLACE_CONTINUES
# countries end an address after its city ("..., Medan, Indonesia"): never the city, never a place
COUNTRIES = frozenset({"indonesia", "republik indonesia", "ri", "nkri"})
# a place name of one word is a word too ("Damai", "Sejahtera"): it goes after a keyword or a preposition, or
# where it is written with a capital, never as an ordinary word in lower case ("hidup damai")
_PLACE_TOKEN = re.compile(r"[0-9a-z]+")
_HOUSE_NO = r"(?:[\s,]*(?:no|nomor|nmr)\b\.?\s*[0-9]+[a-z]?(?:\s*[/-]\s*[0-9a-z]+)?)?"

_MONTH_FORMS: dict[int, set[str]] = {}
for _lang_months in MONTHS.values():
    for _i, _name in enumerate(_lang_months, 1):
        _MONTH_FORMS.setdefault(_i, set()).update({_name.lower(), _name.lower()[:3]})
for _i, _extra in ((2, "peb"), (8, "agt"), (8, "agst"), (9, "sept"), (11, "nop")):
    _MONTH_FORMS[_i].add(_extra)


_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u0060\u00b4\u2032")


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
        if ch in _APOSTROPHES:  # Word's ’ for the ' typed in the record ("Nur’aini")
            out.append("'")
            where.append(i)
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
# honorifics written before a name ("Bu Hj. Rahmah", "Pak H. Ahmad", "dr. Sari")
HONORIFICS = ("H.", "Hj.", "Dr.", "dr.", "Drs.", "Dra.", "Ir.", "Prof.")
_NAME_WORD = r"(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r"|[A-Z][a-z'’]+|[A-Z]\.)"
_TITLED_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(x) for x in sorted(TITLES, key=len, reverse=True)) + r")"
    r"(\s+" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})")


def drop_titled_names(text: str, withheld: str, known_at: Callable[[str], int | None] = lambda text: None) -> str:
    """``Pendeta J. Marbun`` -> ``Pendeta``, ``Pak Rahmat`` -> ``Pak (disamarkan)``; ``Pendeta Gereja`` stays. A
    name the report replaces by its label (``known_at``: where in a title and its name one begins) keeps its place
    for the label: "Pak Ahmad" of the client's son reads "Anak 1", not "Pak (disamarkan) 1"; a religious title stays
    before it; a name recorded with its title ("Pdt. Yusuf Sitepu") is left whole for its label."""

    def repl(m: re.Match[str]) -> str:
        words = m.group(2).split()
        if words[0].lower().rstrip(".") in NOT_A_NAME:
            return m.group(0)
        at = known_at(m.group(0))
        if at is not None:
            if at < len(m.group(1)):  # the title is part of the recorded name: replaced whole, with it
                return m.group(0)
            kept = m.group(0)[at:]  # the name goes with its label; an address title and honorifics before it go too
            return kept if m.group(1) in ADDRESS_TITLES else f"{m.group(1)} {kept}"
        return m.group(1) + (f" {withheld}" if m.group(1) in ADDRESS_TITLES else "")

    return _TITLED_RE.sub(repl, text)


@dataclass
class Redactor:
    """Replaces every known name, number, address part and birth date (and identifier shapes) in free text."""

    lang: str
    names: dict[str, str] = field(default_factory=dict)  # folded name or name word -> label
    patterns: list[tuple[str, str]] = field(default_factory=list)  # folded-text regex -> label
    # places to replace wherever they are written: (folded name, label, kind: "street", "local" or "place")
    places: list[tuple[str, str, str]] = field(default_factory=list)
    coarse: set[str] = field(default_factory=set)  # the kecamatan, city, regency and province of every address
    # (name, kind) an address places below the city by its keyword or between a street and a city; a kelurahan
    # guessed only because it follows a street with no city ("Jl. Melati No. 9, Harjosari") is not among them:
    # another address naming it as its city wins ("Jl. Mawar No. 2, Medan" beside "..., Harjosari, Medan")
    _stated: set[tuple[str, str]] = field(default_factory=set)
    _names_re: re.Pattern[str] | None = None
    _other_re: list[tuple[re.Pattern[str], str]] | None = None
    _places_re: list[tuple[re.Pattern[str], str, bool]] | None = None  # (pattern, label, only where capitalised)

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
        folded = fold(text)[0]
        parts = _address_parts(folded)
        if not all(kind == "coarse" and _known_coarse(segment, name) for kind, segment, name in parts):
            self.add_literal(text, label)  # (an address that is a known city alone hides nothing: "Binjai")
        for code in re.findall(r"(?<![0-9])[0-9]{5}(?![0-9])", folded):  # a kode pos: a kelurahan or two
            self._add(rf"(?<![0-9][.,])(?<![0-9]){code}(?![0-9]|[.,][0-9])", label)  # not "Rp 20.143.000"
        for kind, segment, name in parts:
            if kind == "coarse":
                if name:
                    self.coarse.add(name)
            elif kind == "guess":
                if name and len(name) >= 4:
                    self.places.append((name, label, "local"))
                    self._places_re = None
            elif name and len(name) >= 4:
                self._stated.add((name, kind))
                self.places.append((name, label, kind))
                self._places_re = None
            elif segment:
                self.add_literal(segment, label)

    def add_place(self, text: str | None, label: str) -> None:
        """The places a text names where a person works, trades or studies ("Pedagang di Pasar MMTC"). A text typed
        all in lower case names its numbered places ("guru smp negeri 27 medan"): capitals cannot tell the others
        from ordinary words there ("sekolah dasar")."""
        value = text or ""
        phrases = place_phrases(value)
        if not any(c.isupper() for c in value):
            phrases += [p for p in place_phrases(value.title()) if any(c.isdigit() for c in p)]
        for phrase in phrases:
            self.places.append((fold_key(phrase), label, "place"))
        self._places_re = None

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
        self._places_re = None

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

    def _places(self) -> list[tuple[re.Pattern[str], str, bool]]:
        """The places' patterns, made once every address is known (a city is never a place to replace)."""
        if self._places_re is None:
            # a name that any address places below the city is not a city, whatever another address says ("Jl.
            # Melati No. 9, Harjosari" of a relative must not make the client's kelurahan Harjosari a city)
            coarse = self.coarse - {name for name, _kind in self._stated}
            made: dict[tuple[str, str], tuple[str, str]] = {}
            for name, label, kind in self.places:
                if kind == "place" and " ".join(_PLACE_TOKEN.findall(name)) in coarse:
                    continue  # "Medan" of an occupation is the city, and the city stays
                for variant in _variants(name, coarse):
                    made.setdefault((variant, kind), (variant, label))
            self._places_re = [(re.compile(p), label, capital) for (variant, kind), (_v, label) in made.items()
                               for p, capital in _place_patterns(variant, kind)]
        return self._places_re

    def text(self, value: str) -> str:
        """``value`` with everything known replaced by its label, and third parties named by a title dropped."""
        from bapascase.i18n import t

        return self._known(drop_titled_names(value, t("rpt.anon.withheld", self.lang), self._known_at))

    def _known_at(self, text: str) -> int | None:
        """Where in ``text`` the first name this redactor replaces begins (as ``_known`` finds names), or None."""
        names_re, _others = self._compiled()
        if names_re is None:
            return None
        folded, where = fold(text)
        found = names_re.search(folded)
        if found is None:
            return None
        return found.start() if where is None else where[found.start()]

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
        for pattern, label, capital in self._places():
            for m in pattern.finditer(folded):
                start = m.start("v")
                if capital and not _capitalised_here(value, start if where is None else where[start]):
                    continue  # a one-word place in lower case is a word ("hidup damai")
                spans.append(_Span(start, m.end("v"), label, False, label == address))
        if not spans:
            return value
        if where is not None:  # back to the text as written
            for sp in spans:
                sp.start, sp.end = where[sp.start], where[sp.end - 1] + 1
        return _replace(value, _merged(value, _without_overlaps(spans)))


def place_phrases(text: str) -> list[str]:
    """The places a text names, as written: a run of capitalised words after a preposition ("di Pasar MMTC") or
    beginning with a word that starts a place ("Pasar MMTC", "SMP Negeri 12", "SMPN 12 Binjai", "PT. Sinar Jaya",
    "RSUD dr. Pirngadi"); a place word alone ("Pelajar SMP") is no place, nor a word that only continues one
    ("Pegawai Negeri Sipil"). After a preposition the run needs a place word, a digit or two capitalised words: one
    word there is a city as often as not ("Buruh bangunan di Jakarta"), and the city stays."""
    out = []
    for clause in _clauses(text):
        words = clause.split()
        i = 0
        while i < len(words):
            low = fold_key(words[i]).strip(".")
            after = i > 0 and fold_key(words[i - 1]) in PREPOSITIONS
            begins = low in PLACE_STARTS and i + 1 < len(words) and _continues(words[i + 1])
            if (after and _capitalised(words[i])) or begins:
                j = i + 1
                while j < len(words) and _continues(words[j]):
                    j += 1
                run = words[i:j]
                tokens = _PLACE_TOKEN.findall(fold_key(" ".join(run)))
                if begins or len(run) >= 2 or any(t in PLACE_WORDS or t[:1].isdigit() for t in tokens):
                    out.append(" ".join(run))
                i = j
            else:
                i += 1
    return out


# words whose period is an abbreviation's, not a sentence's end ("PT. Sinar Jaya", "RSUD dr. Pirngadi", "Jl. Gajah
# Mada"): a clause goes on after them
_ABBREVIATED = frozenset({
    "pt", "cv", "ud", "tbk", "dr", "drs", "dra", "ir", "h", "hj", "prof", "st", "jl", "jln", "gg", "kel", "kec",
    "kab", "no", "rs", "rsu", "rsud", "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn",
})
# honorifics in lower case inside a place's name ("RSUD dr. Pirngadi")
_NAME_HONORIFICS = frozenset({"dr", "drs", "dra", "ir", "h", "hj", "prof"})


def _clauses(text: str) -> list[str]:
    """A text cut at punctuation that ends a phrase: commas, semicolons, brackets, line ends, and a sentence's
    period, not an abbreviation's (``_ABBREVIATED``)."""
    out = []
    for part in re.split(r"[,;:()\[\]{}\n]", text):
        start = 0
        for m in re.finditer(r"\.(?:\s|$)", part):
            word = re.search(r"[A-Za-z]+$", part[:m.start()])
            if word is not None and word.group(0).lower() in _ABBREVIATED:
                continue
            out.append(part[start:m.start()])
            start = m.end()
        out.append(part[start:])
    return out


def _continues(word: str) -> bool:
    """Whether a word goes on with a place's name: capitalised, a number ("SMPN 12"), or an honorific ("dr.")."""
    return _capitalised(word) or word[:1].isdigit() or fold_key(word).rstrip(".") in _NAME_HONORIFICS


def _capitalised_here(text: str, at: int) -> bool:
    """Whether ``text`` writes a capital at ``at``: anywhere, a sentence's or a line's start and a list item
    included ("Helvetia adalah kelurahan padat.", "- Helvetia", a field that is "Helvetia"), as a kelurahan is
    written there as often as anywhere; "Damai itu indah" beside a street Damai is hidden too, the safer failure.
    A one-word place in lower case ("warga helvetia") stays, unless its keyword or a preposition comes before it."""
    return text[at].isupper()


def _capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def _variants(name: str, coarse: set[str]) -> list[str]:
    """A place's name, and the name without the city it ends with ("pasar mmtc medan" -> "pasar mmtc": a city of the
    case's addresses or a known one, ``regions``); none that is a city, a number alone, place words alone
    ("sekolah negeri") or under four letters. Place words with a number name one place ("smp negeri 27")."""
    names = [name, *(name[:-len(c)].strip() for c in coarse | CITIES if name.endswith(" " + c))]
    out = []
    for n in names:
        tokens = _PLACE_TOKEN.findall(n)
        words = [t for t in tokens if not t.isdigit()]
        if " ".join(tokens) in coarse or not words or (all(t in PLACE_WORDS for t in words) and words == tokens):
            continue
        if sum(len(t) for t in (tokens if words != tokens else words)) >= 4:  # "sdn 5" counts its number
            out.append(n)
    return out


def _place_patterns(name: str, kind: str) -> list[tuple[str, bool]]:
    """``(folded-text regex, only where capitalised)`` for a place: the replaced part is the group ``v``. A
    street's keyword and house number go with it ("Gg. Damai No. 7"); a kelurahan's keyword stays ("Kepala
    lingkungan (alamat disamarkan)")."""
    tokens = _PLACE_TOKEN.findall(name)
    body = r"[^0-9a-z]{1,4}".join(re.escape(t) for t in tokens)
    if kind == "street":
        lead, house = rf"(?:{_STREET_WORDS})\b\.?\s*", _HOUSE_NO
    elif kind == "local":
        lead, house = rf"(?:{_LOCAL_WORDS})\b\.?\s*", ""
    else:
        lead, house = "", ""
    if kind == "street":
        after_lead = rf"{_B}(?P<v>{lead}{body}{house}){_E}"
        anywhere = rf"{_B}(?P<v>(?:{lead})?{body}{house}){_E}"
    else:
        after_lead = rf"{_B}{lead}(?P<v>{body}){_E}"
        anywhere = rf"{_B}(?:{lead})?(?P<v>{body}){_E}" if lead else rf"{_B}(?P<v>{body}){_E}"
    if len(tokens) >= 2:
        return [(anywhere, False)]
    out = [(rf"{_AFTER_PREPOSITION}(?P<v>{body}{house}){_E}", False), (rf"{_B}(?P<v>{body}{house}){_E}", True)]
    return [(after_lead, False), *out] if lead else out


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
    """``(kind, segment, name)`` for each part of a folded address: kind ``street``, ``local``, ``guess`` (a
    kelurahan told only by where it stands, see below) or ``coarse``; the
    name is the segment without its keyword and house number ("sisingamangaraja", "harjosari").

    A part without a keyword is placed by where it stands, as addresses run from the house to the province: after
    a kecamatan, regency or city it is coarse; otherwise a province is coarse, the last other part is the city
    (coarse) and any part before it is a kelurahan, desa or lingkungan ("Helvetia Ujung, Medan"). A postal code or
    a country ending the address is neither ("..., Medan, 20147", "..., Medan, Indonesia"); a single part after a
    street, with no city at all, is the kelurahan ("Jl. Melati No. 9, Harjosari")."""
    # cut at commas and before every keyword (addresses are also written without commas)
    cuts = sorted({0, *(m.start() for m in _KEYWORD.finditer(folded))})
    pieces: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], len(folded)], strict=True):
        for piece in folded[a:b].split(","):
            pieces.extend(_after_number(piece.strip(" ,;")))
    out: list[tuple[str, str, str]] = []
    plain: list[int] = []  # the parts without a keyword, placed below
    coarse_from: int | None = None  # the first part with a kecamatan, regency, city or province keyword
    for i, piece in enumerate(p for p in pieces if p):
        m = _KEYWORD.match(piece)
        word = m.group(0).rstrip(".") if m else ""
        rest = piece[m.end():].strip(" .:") if m else piece
        name = re.sub(r"[\s,]*(?:no|nomor|nmr)\b\.?\s*[0-9].*$", "", rest).strip(" .,")
        name = re.sub(r"[^0-9a-z\s'\-]", " ", name)
        name = re.sub(r"(?:\s*\b[0-9]+)+$", "", name).strip()  # "mawar 5" -> "mawar"; "17 agustus" keeps its number
        if word and re.fullmatch(_STREET_WORDS, word):
            out.append(("street", piece, name))
        elif word and (re.fullmatch(_LOCAL_WORDS, word) or word in ("rt", "rw")):
            out.append(("local", piece, "" if word in ("rt", "rw") else name))
        elif word:
            out.append(("coarse", piece, name))
            if not name and plain and plain[-1] == len(out) - 2:  # "Binjai Kota": the keyword names the part before
                plain.pop()
            coarse_from = len(out) - (1 if name else 2) if coarse_from is None else coarse_from
        elif i == 0 and re.search(r"[0-9]", piece):  # "Mawar 5": a street without its keyword
            out.append(("street", piece, name))
        elif not re.search(r"[a-z]", piece) or name in COUNTRIES:  # a postal code, the country
            out.append(("coarse", piece, name))
        else:
            out.append(("coarse", piece, name))
            plain.append(len(out) - 1)
    below = [i for i in plain if coarse_from is None or i < coarse_from]
    if coarse_from is None:
        below = [i for i in below if not _PROVINCE.match(out[i][2])]
        after_street = len(below) == 1 and below[0] > 0 and out[below[0] - 1][0] == "street"
        if after_street and out[below[0]][2] not in CITIES:
            # the kelurahan, unless another address makes it a city (``Redactor._stated``)
            out[below[0]] = ("guess", out[below[0]][1], out[below[0]][2])
        below = [] if after_street else below[:-1]  # the last is the city
    for i in below:
        out[i] = ("local", out[i][1], out[i][2])
    return out


# a street's or an RT/RW's number, where more of the address follows it without a comma ("jl. melati no. 9
# harjosari medan", "rw 05 harjosari"); a bare house number counts after a name ("jl. melati 9 harjosari"), not
# right after the keyword ("jl. 17 agustus")
_HOUSE_THEN_WORDS = re.compile(r"(?:\b(?:no|nomor|nmr)\b\.?\s*|(?<=[a-z])\s+)[0-9]+[a-z]?(?:\s*[/-]\s*[0-9]+[a-z]?)?"
                               r"(?=[\s.]+[a-z])(?![\s.]+(?:no|nomor|nmr)\b)")
_RT_THEN_WORDS = re.compile(r"[\s.:]*[0-9]+(?:\s*/\s*[0-9]+)?(?=[\s.]+[a-z])")


def _known_coarse(segment: str, name: str) -> bool:
    """Whether an address part is the city or above by what it says, not only by where it stands: its keyword
    ("Kab. Karo"), a known city ("Binjai"), a province, the country or a postal code."""
    return (_KEYWORD.match(segment) is not None or name in CITIES or _PROVINCE.match(name) is not None
            or name in COUNTRIES or not re.search(r"[a-z]", segment))


def _after_number(piece: str) -> list[str]:
    """A street's or an RT/RW's part of an address cut after its number when more follows without a comma: the
    kelurahan, the city or both ("harjosari medan" is "harjosari" and "medan", Medan being a known city,
    ``regions.CITIES``)."""
    m = _KEYWORD.match(piece)
    word = m.group(0).rstrip(".") if m else ""
    if m is None or not (word in ("rt", "rw") or re.fullmatch(_STREET_WORDS, word)):
        return [piece]
    number = (_RT_THEN_WORDS.match(piece, m.end()) if word in ("rt", "rw")
              else _HOUSE_THEN_WORDS.search(piece, m.end()))
    if number is None:
        return [piece]
    rest = piece[number.end():].strip(" .;")
    return [piece[:number.end()], *_at_city(rest)]


def _at_city(rest: str) -> list[str]:
    """An address's tail written without commas, cut where a known city begins: "harjosari medan" is "harjosari"
    and "medan"; "pangkalan masyhur medan johor" is "pangkalan masyhur" and "medan johor" (a kecamatan of Medan,
    named after it). The city that ends it is looked for first, then one further in from the right; the first
    word is never the city."""
    words = rest.split()
    for k in range(1, len(words)):  # the longest known city it ends with
        if " ".join(words[k:]) in CITIES:
            return [" ".join(words[:k]), " ".join(words[k:])]
    for k in range(len(words) - 1, 0, -1):  # a known city beginning further in, nearest the end first
        if any(" ".join(words[k:j]) in CITIES for j in range(k + 1, len(words))):
            return [" ".join(words[:k]), " ".join(words[k:])]
    return [rest] if rest else []
