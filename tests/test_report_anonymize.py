"""Anonymisation: with ``--anonymize`` (and always for ``practicum``) the client's name, NIK, the family's names,
phone numbers, street address and register/verdict numbers appear in no output file of any kind or format, nor
in the SVG pictures written beside the Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bapascase.reports import KINDS
from bapascase.reports.anonymize import Redactor, anonymize_docs
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.report_fixture import CLIENT_NAME, CLIENT_NIK, FAMILY_NAMES, story_docs

SECRETS = (
    CLIENT_NAME, CLIENT_NIK, *FAMILY_NAMES, "Ucok",
    "Jl. Contoh Gg. Damai No. 7", "0812-0000-1234", "0813-0000-5678",
    "000/Pid.B/2016/PN Mdn", "B.I-000/2016", "W2.PAS.PAS.09-PK.01.05.02-000", "PAS-000.PK.01.05.06",
    "15 Maret 1984", "15 March 1984", "1984-03-15",  # the exact birth date (the age stays)
)
# every word of the client's and the family's names, alone
WORDS = ("Benny", "Zakaria", "Ginting", "Rosmawati", "Sembiring", "Daniel", "Ester", "Tiurma", "Tarigan")


def scan(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        plain = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
        for secret in SECRETS:
            if secret.lower() in plain.lower() or secret.lower() in text.lower():
                found.append(f"{path.name}: {secret}")
        for word in WORDS:
            if re.search(rf"(?<!\w){word}(?!\w)", plain, re.IGNORECASE):
                found.append(f"{path.name}: {word}")
    return found


def _story_with_names_in_text(root: Path) -> tuple[Any, str]:
    """The story case, with the names also typed inside narratives and notes (as officers do)."""
    from tests.report_fixture import make_book, write_docs

    docs = story_docs()
    a = docs["assessment"][0]
    a["family"]["relationships"] = (
        "Benny dekat dengan istrinya Rosmawati br Sembiring dan anaknya Daniel; ibunya Tiurma br Tarigan tinggal di "
        "Kabanjahe. NIK 1271011503840003, HP 0812-0000-1234. Rumah di Jl. Contoh Gg. Damai No. 7, Helvetia Ujung, Medan."
    )
    a["resources"][0]["notes"] = "Ester dan Daniel Ginting sering menemani **Pak Benny** (als. Ucok)."
    docs["intervention"][0]["participants"] = ["Rosmawati (istri)", "Ester"]
    docs["monitoring"][0]["observations"] = "Bertemu Zakaria di rumah; istri (ROSMAWATI) hadir."
    docs["engagement"][0]["contacts"][0]["participants"] = ["Rosmawati br Sembiring"]
    book = make_book(root)
    case_id = "2025-bzg-k7m2p"
    write_docs(book, case_id, docs)
    return book, case_id


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    return _story_with_names_in_text(tmp_path_factory.mktemp("anon") / "cb")


def test_the_scan_finds_the_secrets_without_anonymisation(named: tuple[Any, str], tmp_path: Path) -> None:
    book, case_id = named
    result = invoke(["report", case_id, "--kind", "litmas", "--format", "md", "-o", str(tmp_path / "l.md")],
                    casebook=book.root)
    assert_clean_exit(result, 0)
    found = scan(tmp_path)
    assert any(CLIENT_NAME in f for f in found) and any(CLIENT_NIK in f for f in found)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_name_nik_or_family_name_in_any_output(named: tuple[Any, str], tmp_path: Path, fmt: str) -> None:
    book, case_id = named
    for kind in KINDS:
        if not printable(book.root, case_id, kind):
            continue
        for lang in ("id", "en"):
            args = ["report", case_id, "--kind", kind, "--format", fmt, "--lang", lang,
                    "-o", str(tmp_path / f"{kind}-{lang}.{fmt}")]
            if kind != "practicum":  # practicum is anonymised without being asked
                args.append("--anonymize")
            assert_clean_exit(invoke(args, casebook=book.root), 0)
    files = list(tmp_path.iterdir())
    assert len(files) >= 10
    if fmt == "md":
        assert any(p.suffix == ".svg" for p in files)
    assert scan(tmp_path) == []
    # what stays: initials, relations, labels
    text = (tmp_path / f"case-id.{fmt}").read_text(encoding="utf-8")
    assert "BZG" in text and "Istri" in text and "Anak 1" in text and "Anak 2" in text
    assert "Penjamin" in text


def printable(root: Path, case_id: str, kind: str) -> bool:
    """Whether the case has what a report of this kind prints: a letter needs its event recorded, a report of a
    community sentence a case with that sentence, a termination or closing report that document."""
    from bapascase.model import registry
    from bapascase.model.programmes import programme
    from bapascase.model.report_kinds import EVENT_KINDS, SENTENCE_KINDS, STAGE_KINDS
    from bapascase.store import yamlio

    if kind in SENTENCE_KINDS:
        found = programme((yamlio.load(root / "cases" / case_id / "case.yaml").get("legal") or {}).get("programme"))
        if found is None or found.sentence is None or SENTENCE_KINDS[kind] not in (None, found.sentence):
            return False
    if kind in STAGE_KINDS:  # the stage document it prints, recorded (a closing: and not reopened since)
        spec = registry.spec(STAGE_KINDS[kind])
        folder = root / "cases" / case_id
        if spec.file is None or not (folder / spec.file).is_file():
            return False
        reopens = folder / str(registry.spec("reopen").folder)
        ended = str(yamlio.load(folder / spec.file).get("date"))
        return not (spec.closes and any(str(yamlio.load(p).get("date")) >= ended for p in reopens.glob("*.yaml")))
    if kind not in EVENT_KINDS:
        return True
    events = root / "cases" / case_id / "events"
    return any(yamlio.load(p).get("kind") == EVENT_KINDS[kind] for p in events.glob("*.yaml"))


def _secrets_of(case: dict[str, Any]) -> set[str]:
    """What must never appear in an anonymised report of one recorded case."""
    ident = case.get("identity") or {}
    legal = case.get("legal") or {}
    found = {ident.get("name"), ident.get("nik"), ident.get("phone"), ident.get("address"),
             *(ident.get("aliases") or []), legal.get("verdict_number"), legal.get("register_lapas"),
             legal.get("register_litmas"), legal.get("sk_number")}
    for member in case.get("family") or []:
        found |= {member.get("name"), member.get("address") if len(str(member.get("address") or "")) > 12 else None}
    guarantor = case.get("guarantor") or {}
    found |= {guarantor.get("name"), guarantor.get("phone"), guarantor.get("address")}
    return {str(x) for x in found if x}


def test_anonymised_reports_of_every_demo_case(tmp_path: Path) -> None:
    """The project's own demo casebook: every case, every kind, both formats, --anonymize; nothing identifying."""
    import shutil

    from bapascase.store import yamlio

    case_files = sorted((ROOT / "cases").glob("*/case.yaml"))
    if not case_files:
        pytest.skip("no demo casebook")
    demo = tmp_path / "demo"
    shutil.copytree(ROOT / "cases", demo / "cases")
    shutil.copy(ROOT / "bapascase.yaml", demo / "bapascase.yaml")
    for case_file in case_files:
        case_id = case_file.parent.name
        secrets = _secrets_of(yamlio.load(case_file))
        out = tmp_path / "out" / case_id
        for kind in KINDS:
            if not printable(demo, case_id, kind):
                continue
            for fmt in ("md", "html"):
                r = invoke(["report", case_id, "--kind", kind, "--format", fmt, "--anonymize",
                            "-o", str(out / f"{kind}.{fmt}")], casebook=demo)
                assert_clean_exit(r, 0)
        leaks = []
        for path in sorted(out.iterdir()):
            text = path.read_text(encoding="utf-8")
            plain = re.sub(r"\\(.)", r"\1", text).lower()
            leaks += [f"{path.name}: {s}" for s in secrets if s.lower() in plain or s.lower() in text.lower()]
        assert leaks == [], (case_id, leaks[:10])
    # --all takes the active cases and writes them with the same rules
    r = invoke(["report", "--all", "--kind", "practicum", "-o", str(tmp_path / "all")], casebook=demo)
    assert_clean_exit(r, 0)


def test_redactor_replaces_whole_names_and_words() -> None:
    red = Redactor("id")
    red.add_name("Rosmawati br Sembiring", "Istri")
    red.add_name("Benny Zakaria Ginting", "BZG")
    red.add_literal("Jl. Mawar No. 3", "(alamat disamarkan)")
    assert red.text("Rosmawati  br Sembiring datang") == "Istri datang"
    assert red.text("pak BENNY dan bu rosmawati") == "pak BZG dan bu Istri"
    assert red.text("di Jl. Mawar No. 3, Medan") == "di (alamat disamarkan), Medan"
    assert red.text("NIK 1271011503840003 / 0812-3456-7890") == "NIK (nomor disamarkan) / (nomor disamarkan)"
    assert red.text("Bennyanto dan Ginting-an") == "Bennyanto dan BZG-an"  # whole words only


def test_anonymize_docs_never_changes_the_originals() -> None:
    from bapascase.model.case import CaseDoc

    case = CaseDoc.model_validate(story_docs()["case"][0])
    out = anonymize_docs({"case": [case]}, "id")
    assert case.identity.name == CLIENT_NAME and case.identity.nik == CLIENT_NIK
    anon = out["case"][0]
    assert anon.identity.name == "BZG" and anon.identity.nik is None and anon.identity.phone is None
    assert anon.identity.aliases == []
    assert anon.identity.address == "(alamat disamarkan)"
    assert [m.name for m in anon.family] == ["Istri", "Anak 1", "Anak 2", "Ibu"]
    assert anon.guarantor.name == "Penjamin" and anon.guarantor.phone is None
    assert anon.legal.verdict_number is None and anon.legal.register_litmas is None
    assert anon.assignment.officer.name == "Sri Rahayu Contoh, S.Sos."  # the author keeps their name


def test_a_long_run_of_letters_is_redacted_in_linear_time() -> None:
    """A name typed without spaces or "a.a.a..." once made the e-mail shape scan to the end of the run from each
    of its letters (minutes for an always-anonymous practicum report); e-mails are still found, a long one too."""
    import time

    red = Redactor("id")
    red.add_name("Benny Zakaria Ginting", "BZG")
    start = time.perf_counter()
    for text in ("Zakaria" * 8000, "a." * 25000, "x" * 50000 + " @ contoh", "Benny " + "ab" * 25000):
        red.text(text)
    assert time.perf_counter() - start < 5
    contact = red.text("hubungi benny.ginting@contoh.invalid").removeprefix("hubungi ")
    assert "benny" not in contact and "@" not in contact
    assert "@" not in red.text("tulis ke " + "a" * 70 + "@contoh.invalid")
    assert red.text("budi [at] contoh (dot) id") != "budi [at] contoh (dot) id"
