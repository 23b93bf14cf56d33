"""Anonymisation against everything an officer might type: names inflected, accented or in capitals, numbers and
phones with any separators, e-mail addresses, parts of an address, the birth date in words, verdict and register
numbers.

- a property (hypothesis): generated identities, written into the narratives in generated forms, never survive
  ``anonymize_docs`` in any text of any document;
- the whole class: every free-text field of every document holds every form of every secret, and every report
  kind in both formats (``--anonymize``, and the practicum report without it) shows none of them;
- a run of one person's name words reads as one label; Markdown reports turn images into links.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bapascase.model import registry
from bapascase.model.base import Privacy
from bapascase.model.meta import privacy_of
from bapascase.model.report_kinds import SENTENCE_KINDS
from bapascase.model.text import MONTHS
from bapascase.reports import KINDS as ALL_KINDS
from bapascase.reports.anonymize import anonymize_docs
from bapascase.reports.redact import Redactor
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import Filler, filled_docs, make_book, story_docs, write_docs

# the parole client's reports; the kinds of the 2026 sentences need a sentence case: the same every-form case is
# made a kerja sosial and a pengawasan case for them (``every_sentence_field``)
KINDS = [k for k in ALL_KINDS if k not in SENTENCE_KINDS]
SENTENCE_CASES = [("kerja_sosial", "service"), ("kerja_sosial", "pertimbangan"), ("pengawasan", "pertimbangan")]

SYLLABLES = ["ba", "zu", "ki", "ro", "ne", "ta", "mi", "lo", "pe", "su", "ra", "di", "go", "wi", "ye", "ko", "fa"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=4).map(lambda s: "".join(s).capitalize())


@st.composite
def identity(draw: Any) -> dict[str, Any]:
    first, middle, last = draw(word), draw(word), draw(word)
    nik = "12" + "".join(str(draw(st.integers(0, 9))) for _ in range(2)) + "01" + "150384" + \
        "".join(str(draw(st.integers(0, 9))) for _ in range(4))
    phone = "08" + str(draw(st.sampled_from([1, 2, 5, 7]))) + "".join(str(draw(st.integers(0, 9))) for _ in range(8))
    return {
        "name": f"{first} {middle} {last}", "words": [first, middle, last],
        "spouse": f"{draw(word)} {draw(word)}", "nik": nik, "phone": phone,
        "email": f"{first.lower()}.{draw(word).lower()}@{draw(word).lower()}.co.id",
        "street": draw(word), "house": draw(st.integers(1, 250)), "rt": draw(st.integers(1, 30)),
        "rw": draw(st.integers(1, 15)), "kelurahan": draw(word),
        "birth": draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31))),
        "verdict": f"{draw(st.integers(1, 2999))}/Pid.{draw(st.sampled_from(['B', 'Sus', 'Sus-Anak']))}/"
                   f"{draw(st.integers(2000, 2025))}/PN {draw(st.sampled_from(['Mdn', 'Bnj', 'Lbp']))}",
        "register": f"BI.{draw(st.integers(100, 9999))}/{draw(st.integers(2000, 2025))}",
    }


def _accent(text: str) -> str:
    table: dict[str, str | int | None] = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"}
    return text.translate(str.maketrans(table))


@st.composite
def forms(draw: Any, who: dict[str, Any]) -> list[str]:
    """The identity written the ways officers write it."""
    first, middle, last = who["words"]
    name_forms = [first, f"{first}nya", f"{first}lah", first.upper(), _accent(first), f"{last}-nya",
                  f"{first} {last}", f"Pak {middle}", f"rumah{first.lower()}" if False else f"{middle}.", who["name"],
                  who["name"].upper(), _accent(who["name"]), who["spouse"], who["spouse"].split()[0] + "ku"]
    nik, phone = who["nik"], who["phone"]
    sep = draw(st.sampled_from([" ", ".", "-", ""]))
    number_forms = [nik, sep.join([nik[:4], nik[4:8], nik[8:12], nik[12:]]), f"NIK: {' '.join(nik)}",
                    phone, f"{phone[:4]}-{phone[4:8]}-{phone[8:]}", f"({phone[:4]}) {phone[4:7]} {phone[7:]}",
                    f"+62 {phone[1:4]}.{phone[4:8]}.{phone[8:]}", who["email"],
                    who["email"].replace("@", " [at] ").replace(".", " [dot] "),
                    who["verdict"], who["verdict"].replace("/", " / ").replace("PN ", "PN."), who["register"],
                    who["register"].replace(".", " ")]
    b: dt.date = who["birth"]
    date_forms = [f"{b.day} {MONTHS['id'][b.month - 1]} {b.year}", f"{b.day:02d}-{b.month:02d}-{b.year}",
                  f"{b.day}/{b.month}/{b.year}", b.isoformat(), f"{MONTHS['en'][b.month - 1]} {b.day}, {b.year}",
                  f"{b.day} {MONTHS['id'][b.month - 1][:3]}. {b.year}", f"{b.day:02d}.{b.month:02d}.{b.year % 100:02d}"]
    address_forms = [f"Jl. {who['street']} No. {who['house']}", f"Jalan {who['street']} nomor {who['house']}",
                     f"Gg. {who['street']}", f"RT {who['rt']:03d}/RW {who['rw']:03d}", f"RT.{who['rt']} RW.{who['rw']}",
                     f"Kel. {who['kelurahan']}", f"Kelurahan {who['kelurahan'].upper()}", who["kelurahan"]]
    chosen: list[str] = draw(st.lists(st.sampled_from(name_forms + number_forms + date_forms + address_forms),
                           min_size=3, max_size=12))
    return chosen


def _docs(who: dict[str, Any], narrative: str) -> dict[str, list[Any]]:
    data = story_docs()
    case = data["case"][0]
    case["identity"].update({"name": who["name"], "nik": who["nik"], "phone": who["phone"],
                             "birth_date": who["birth"].isoformat(), "aliases": [],
                             "address": f"Jl. {who['street']} No. {who['house']} RT {who['rt']:03d}/RW {who['rw']:03d}, "
                                        f"Kel. {who['kelurahan']}, Kec. Medan Amplas, Medan"})
    case["family"][0]["name"] = who["spouse"]
    case["guarantor"].update({"name": who["spouse"], "phone": who["phone"]})
    case["legal"].update({"verdict_number": who["verdict"], "register_lapas": who["register"]})
    data["engagement"][0]["rapport"] = narrative
    data["engagement"][0]["contacts"][0]["notes"] = narrative
    data["monitoring"][0]["observations"] = narrative
    return {stage: [registry.model_for(stage).model_validate(d) for d in items] for stage, items in data.items()}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _fold(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def leaks(text: str, who: dict[str, Any]) -> list[str]:
    """Every piece of the identity still in ``text``."""
    folded = _fold(text)
    digits = re.sub(r"[^0-9]", "", folded)
    found = [w for w in [*who["words"], *who["spouse"].split(), who["street"], who["kelurahan"]]
             if re.search(rf"(?<![0-9a-z]){w.lower()}", folded)]
    found += [n for n in (who["nik"], who["phone"][1:]) if n in digits]
    found += [x for x in (who["email"].split("@")[0],) if x in folded]
    b: dt.date = who["birth"]
    found += [f for f in (f"{b.day} {MONTHS['id'][b.month - 1].lower()}", f"{MONTHS['en'][b.month - 1].lower()} {b.day}",
                          b.isoformat(), f"{b.day:02d}-{b.month:02d}-{b.year}") if f in folded]
    found += [v for v in (who["register"].split("/")[0].lower(),) if v in folded]
    if re.search(r"[0-9]\s*/\s*pid", folded):
        found.append("verdict")
    if re.search(rf"rt\W*0*{who['rt']}\b", folded):
        found.append("rt")
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_identities_in_generated_forms_never_survive(data: Any) -> None:
    who = data.draw(identity())
    written = data.draw(forms(who))
    narrative = "Catatan: " + "; ".join(written) + "."
    docs = _docs(who, narrative)
    for lang in ("id", "en"):
        anon = anonymize_docs(docs, lang)
        text = "\n".join(t for items in anon.values() for d in items for t in _texts(d.model_dump(mode="json", warnings=False)))
        assert leaks(text, who) == [], (written, leaks(text, who))


# -- every free-text field, every kind, every format ----------------------------------------------------------------

WHO = {"name": "Benny Zakaria Ginting", "words": ["Benny", "Zakaria", "Ginting"], "spouse": "Rosmawati Sembiring",
       "nik": "1271011503840003", "phone": "081260001234", "email": "benny.ginting@contoh.co.id",
       "street": "Sisingamangaraja", "house": 12, "rt": 3, "rw": 5, "kelurahan": "Harjosari",
       "birth": dt.date(1984, 3, 15), "verdict": "1234/Pid.B/2016/PN Mdn", "register": "BI.123/2016"}
EVERY_FORM = ("Bennynya BENNY Bénny Zakarialah Ginting-nya Rosmawati-ku; NIK 1271 0115 0384 0003, 1271.0115.0384.0003; "
              "HP (0812) 6000 1234, +62 812.6000.1234, benny.ginting [at] contoh [dot] co [dot] id; lahir 15 Maret "
              "1984, 15-03-1984, March 15, 1984; Jalan Sisingamangaraja nomor 12 RT 003/RW 005, Kel. Harjosari; "
              "putusan 1234 / Pid.B / 2016 / PN.Mdn, register BI 123/2016.")


class EveryForm(Filler):
    """Fills every field; every free-text field (and every other person's name) also holds every form."""

    _privacy: Any = None

    def value(self, name: str, info: Any, annotation: Any) -> Any:
        self._privacy = privacy_of(info) if info is not None else self._privacy
        return super().value(name, info, annotation)

    def text(self) -> str:
        marker = super().text()
        if getattr(self, "_privacy", None) in (Privacy.OFFICER, Privacy.NOT_PERSONAL):
            return marker  # the authors keep their names; codes and the office's data are kept as written
        return f"{marker} {EVERY_FORM}"


def _with_every_form(make: Any) -> Any:
    import tests.report_fixture as rf

    original = rf.Filler
    rf.Filler = EveryForm  # type: ignore[misc]
    try:
        return make()
    finally:
        rf.Filler = original  # type: ignore[misc]


def _the_client_is_who(case: dict[str, Any]) -> None:
    case["identity"].update({"name": WHO["name"], "nik": WHO["nik"], "phone": WHO["phone"], "birth_date": "1984-03-15",
                             "address": "Jl. Sisingamangaraja No. 12 RT 003/RW 005, Kel. Harjosari, Kec. Medan "
                                        "Amplas, Medan", "aliases": ["Ucok"]})
    case["family"][0]["name"] = WHO["spouse"]
    case["legal"].update({"verdict_number": WHO["verdict"], "register_lapas": WHO["register"]})


@pytest.fixture(scope="module")
def every_field(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_book(tmp_path_factory.mktemp("every") / "cb")
    docs, _ = _with_every_form(filled_docs)
    _the_client_is_who(docs["case"][0])
    write_docs(book, "2025-bzg-k7m2p", docs)
    return book.root


@pytest.fixture(scope="module", params=sorted({s for s, _ in SENTENCE_CASES}))
def every_sentence_field(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                         ) -> tuple[str, Path, str]:
    """The every-form case made a community-sentence case (its terms and work sessions filled with every form)."""
    from tests.test_sentence_reports import filled_sentence_case

    sentence: str = request.param
    book, case_id, _ = _with_every_form(
        lambda: filled_sentence_case(tmp_path_factory.mktemp("every-" + sentence) / "cb", sentence, False))
    path = book.case_dir(case_id) / "case.yaml"
    case = book.read_raw(path)
    _the_client_is_who(case)
    write_docs(book, case_id, {"case": [case]})
    return sentence, book.root, case_id


def _assert_no_secret_survives(casebook: Path, case_id: str, kind: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"r.{fmt}"
    args = ["report", case_id, "--kind", kind, "--format", fmt, "-o", str(out)]
    if kind != "practicum":
        args.append("--anonymize")
    assert_clean_exit(invoke(args, casebook=casebook), 0)
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8")
        if fmt == "html":
            import html

            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        assert leaks(text, WHO) == [], (path.name, leaks(text, WHO))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_form_of_any_secret_in_any_field_survives_any_report(every_field: Path, tmp_path: Path, kind: str,
                                                                fmt: str) -> None:
    _assert_no_secret_survives(every_field, "2025-bzg-k7m2p", kind, fmt, tmp_path)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", sorted(SENTENCE_KINDS))
def test_nor_any_report_of_a_community_sentence(every_sentence_field: tuple[str, Path, str], tmp_path: Path,
                                               kind: str, fmt: str) -> None:
    sentence, casebook, case_id = every_sentence_field
    if (sentence, kind) not in SENTENCE_CASES:
        pytest.skip(f"a {sentence} case has no {kind} report")
    _assert_no_secret_survives(casebook, case_id, kind, fmt, tmp_path)


# -- how it reads -------------------------------------------------------------------------------------------------


def test_a_run_of_one_persons_name_words_is_one_label() -> None:
    red = Redactor("id")
    red.add_name("Nurul Contoh Pertiwi binti Fiktif", "NCPF")
    red.add_name("Rosmawati br Sembiring", "Istri")
    assert red.text("Rumah Nurul Pertiwi di Binjai") == "Rumah NCPF di Binjai"
    assert red.text("Nurul binti Fiktif datang") == "NCPF datang"
    assert red.text("Nurul dan Rosmawati") == "NCPF dan Istri"  # two people stay two
    assert red.text("NURUL, Rosmawati Sembiring") == "NCPF, Istri"


def test_city_and_kecamatan_stay_the_street_and_kelurahan_go() -> None:
    red = Redactor("id")
    red.add_address("Jl. Mawar No. 3 RT 02/RW 04, Kel. Sukamaju, Kec. Medan Kota, Medan", "(alamat disamarkan)")
    assert red.text("Rumah di Jalan Mawar nomor 3, RT 2/RW 4, Sukamaju, Kec. Medan Kota") == \
        "Rumah di (alamat disamarkan), Kec. Medan Kota"
    assert red.text("Ia pindah ke Medan") == "Ia pindah ke Medan"


def test_markdown_reports_turn_remote_images_into_links(tmp_path: Path) -> None:
    book = make_book(tmp_path / "cb")
    docs = story_docs()
    image = "Lihat ![foto](https://pelacak.example/p.gif?k=bzg) dan ![b][r]\n\n[r]: http://pelacak.example/q.png"
    docs["engagement"][0]["rapport"] = image
    # the letters print their event's narratives: one of each, so every kind of report is rendered
    warning = next(e for e in docs["event"] if e["kind"] == "surat_peringatan")
    warning["description"] = image
    docs["event"].append({"kind": "usulan_pencabutan", "date": "2025-07-10", "grounds": ["tidak_wajib_lapor"],
                          "cites": warning["cites"], "description": image, "proposal": image})
    docs["closing"] = [{"date": "2025-07-20", "ground": "masa_bimbingan_berakhir", "summary": image}]
    write_docs(book, "2025-bzg-k7m2p", docs)
    for kind in KINDS:
        result = invoke(["report", "2025-bzg-k7m2p", "--kind", kind], casebook=book.root)
        assert_clean_exit(result, 0)
        assert "![" not in result.stdout.replace("\\![", ""), kind
        # and nothing in the text is an image once rendered
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").parse(result.stdout)
        images = [c for tok in tokens for c in (tok.children or []) if c.type == "image"
                  and "pelacak" in str(c.attrs.get("src", ""))]
        assert images == [], kind


def test_a_one_word_kelurahan_listed_after_a_colon_does_not_survive() -> None:
    """Found by the generated test above: "Catatan: Babababa; ..." (a kelurahan of one word, capitalised after a
    colon) was taken for a word opening a sentence and kept."""
    who = {"name": "Bababa Bababa Bababa", "words": ["Bababa", "Bababa", "Bababa"], "spouse": "Bababa Bababa",
           "nik": "1200011503840000", "phone": "08100000000", "email": "bababa.bababa@bababa.co.id",
           "street": "Bababa", "house": 1, "rt": 1, "rw": 1, "kelurahan": "Babababa", "birth": dt.date(2000, 1, 1),
           "verdict": "1/Pid.B/2000/PN Mdn", "register": "BI.100/2000"}
    docs = _docs(who, "Catatan: Babababa; Bababa; Bababa.")
    for lang in ("id", "en"):
        anon = anonymize_docs(docs, lang)
        text = "\n".join(t for items in anon.values() for d in items for t in _texts(d.model_dump(mode="json", warnings=False)))
        assert leaks(text, who) == []
