"""The legal events of the 2026 sentences: a restitution payment, a condition outcome and the PK's pertimbangan,
each scripted and through the interview; the balance computed from the condition and the payments (never typed);
the rules that need the case (the condition's kind, what is outstanding, what the programme may recommend)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bapascase.store import yamlio
from tests.helpers import ENTER, Book, assert_clean_exit, pick, type_
from tests.sentence_helpers import SENTENCE_KINDS, kerja_sosial_intake, pengawasan_intake, session
from tests.stage_helpers import (
    check,
    entry_rel,
    interactive_seen,
    multiline,
    record,
    record_ok,
)

TODAY = dt.date(2026, 6, 15)
SAVE = pick(0)



@pytest.fixture
def case_id(book: Book) -> str:
    """Pidana pengawasan, 1 February 2026 - 31 January 2027: S1 make good Rp6.000.000 by 31 December 2026, S2 not
    go to the victim's shop."""
    return book.new(pengawasan_intake())


def shown(book: Book, case_id: str, today: dt.date = TODAY) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(book.run("show", case_id, "--json", today=today).stdout)["case"]
    return out


def load(book: Book, case_id: str, rel: str) -> dict[str, Any]:
    data = yamlio.load(book.cases / case_id / entry_rel(book, case_id, rel))
    assert isinstance(data, dict)
    return data


SCRIPTED: dict[str, dict[str, Any]] = {
    "pembayaran_restitusi": {"date": "2026-05-30", "condition": "S1", "amount": 2_000_000,
                             "paid_via": "Transfer ke rekening korban"},
    "hasil_syarat": {"date": "2026-06-01", "condition": "S2", "outcome": "terpenuhi",
                     "description": "Menurut pemilik toko, klien tidak pernah datang lagi."},
    "pertimbangan": {"date": "2026-06-10", "recommendation": "pengurangan", "months": 2, "conditions": ["S2"],
                     "consideration": "Klien patuh dan mencicil ganti kerugian lebih cepat dari jadwal.",
                     "cites": ["events/2026-06-01.yaml"]},
}


def test_every_kind_of_the_sentences_is_tested_here() -> None:
    from bapascase.model.event import EventDoc

    assert list(SCRIPTED) == list(INTERVIEWS) == list(SENTENCE_KINDS)
    assert set(SENTENCE_KINDS) <= set(EventDoc.kinds)


@pytest.mark.parametrize("kind", list(SCRIPTED))
def test_every_kind_from_an_answers_file(book: Book, case_id: str, kind: str) -> None:
    if kind == "pertimbangan":  # it rests on the outcome it cites
        record_ok(book, "event", case_id, {"kind": "hasil_syarat", **SCRIPTED["hasil_syarat"]})
    given = {"kind": kind, **SCRIPTED[kind]}
    if "cites" in given:
        given["cites"] = [entry_rel(book, case_id, ref) for ref in given["cites"]]
    out = record_ok(book, "event", case_id, given)
    assert out["path"].startswith(f"cases/{case_id}/events/{given['date']}-")
    saved = load(book, case_id, f"events/{given['date']}.yaml")
    for key, value in given.items():
        if key != "date":
            assert saved[key] == value, key
    assert saved["date"] == dt.date.fromisoformat(given["date"])
    assert_clean_exit(book.run("check"), 0)


INTERVIEWS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "pembayaran_restitusi": (
        [pick(7), ENTER,  # the kind; today
         ENTER,  # the condition: S1, the only one owed, offered
         type_("1500000"), type_("Tunai di Kejaksaan"), ENTER, multiline("")],
        {"date": TODAY, "condition": "S1", "amount": 1500000, "paid_via": "Tunai di Kejaksaan"},
    ),
    "hasil_syarat": (
        [pick(8), ENTER, pick(3),  # S2, below "— pilih —", the general condition and S1
         pick(1),  # met
         multiline(""), multiline("Tidak pernah mendatangi toko korban."), ENTER, check()],
        {"date": TODAY, "condition": "S2", "outcome": "terpenuhi",
         "description": "Tidak pernah mendatangi toko korban."},
    ),
    "pertimbangan": (
        [pick(9), ENTER, ENTER,  # the kind; today; no number yet (a draft)
         ENTER,  # to: the head of the prosecutor's office of the intake, offered
         pick(2),  # shortening (the programme's own recommendations, each with its article)
         type_("2"),  # months: asked for a shortening
         check(2),  # the conditions concerned: S2
         multiline("Klien patuh."), ENTER],  # the consideration; the records to cite, as offered
        {"date": TODAY, "to": "Kepala Kejaksaan Negeri Medan", "recommendation": "pengurangan", "months": 2,
         "conditions": ["S2"], "consideration": "Klien patuh."},
    ),
}


@pytest.mark.parametrize("kind", list(INTERVIEWS))
def test_every_kind_through_the_interview(book: Book, case_id: str, kind: str) -> None:
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-05-30", "condition": "S1",
                                       "amount": 1_000_000})
    keys, expected = INTERVIEWS[kind]
    result, screen = interactive_seen(["event", case_id], [*keys, SAVE], casebook=book.root, today=TODAY)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert saved.pop("schema_version") == 1 and saved.pop("kind") == kind
    cites = saved.pop("cites", None)
    assert saved == {k: v for k, v in expected.items()}
    if kind == "pertimbangan":
        assert cites == [entry_rel(book, case_id, "events/2026-05-30.yaml")]  # the payment, offered and kept
        assert "Pengurangan masa pidana pengawasan (Pasal 76 ayat (6)" in screen
        assert "Mengulangi" not in screen  # kerja sosial's recommendations are not offered here


# -- the balance -------------------------------------------------------------------------------------------------


def test_the_balance_is_computed_from_the_condition_and_the_payments(book: Book, case_id: str) -> None:
    assert shown(book, case_id)["restitution"] == {"ordered": 6_000_000, "paid": 0, "outstanding": 6_000_000}
    for day, amount in (("2026-03-31", 2_500_000), ("2026-04-30", 1_000_000)):
        record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": day, "condition": "S1",
                                           "amount": amount})
    s = shown(book, case_id)
    assert s["restitution"] == {"ordered": 6_000_000, "paid": 3_500_000, "outstanding": 2_500_000}
    s1 = next(c for c in s["conditions"] if c["id"] == "S1")
    assert (s1["paid"], s1["outstanding"], s1["met"]) == (3_500_000, 2_500_000, False)
    table = book.run("show", case_id, today=TODAY).stdout
    assert "dibayar Rp3.500.000 dari Rp6.000.000, sisa Rp2.500.000" in table
    listed = {c["id"]: c for c in json.loads(book.run("list", "--json", today=TODAY).stdout)["cases"]}
    assert listed[case_id]["restitution"]["outstanding"] == 2_500_000
    stats = json.loads(book.run("stats", "--json", today=TODAY).stdout)
    assert stats["pengawasan"] == {"clients": 1, "conditions_overdue": 0, "restitution_outstanding": 2_500_000}
    # paid in full: the condition is met without an outcome
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-05-30", "condition": "S1",
                                       "amount": 2_500_000})
    s1 = next(c for c in shown(book, case_id)["conditions"] if c["id"] == "S1")
    assert (s1["outstanding"], s1["met"]) == (0, True)


def test_a_payment_never_goes_beyond_what_is_outstanding(book: Book, case_id: str) -> None:
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-03-31", "condition": "S1",
                                       "amount": 4_000_000})
    result = record(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-04-30", "condition": "S1",
                                             "amount": 2_000_001})
    assert_clean_exit(result, 1)
    assert ("amount: pembayaran melebihi sisa ganti kerugian: Rp2.000.000 (dari Rp6.000.000, sudah dibayar "
            "Rp4.000.000)") in result.stderr
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-04-30", "condition": "S1",
                                       "amount": 2_000_000})  # exactly what is left
    assert_clean_exit(book.run("check"), 0)


@pytest.mark.parametrize(("given", "field", "message"), [
    ({"condition": "S2"}, "condition", "'S2' bukan syarat ganti kerugian kasus ini (syarat ganti kerugian: S1)"),
    ({"condition": "S9"}, "condition", "'S9' bukan syarat ganti kerugian kasus ini (syarat ganti kerugian: S1)"),
    ({"proof": "kuitansi.jpg"}, "proof", "berkas bukti 'kuitansi.jpg' tidak ada di folder attachments/ kasus ini"),
    ({"proof": "../kuitansi.jpg"}, "proof", None),
])
def test_a_payment_names_a_restitution_condition_and_a_proof_that_exists(
        book: Book, case_id: str, given: dict[str, Any], field: str, message: str | None) -> None:
    data = {"kind": "pembayaran_restitusi", "date": "2026-03-31", "condition": "S1", "amount": 100_000, **given}
    result = record(book, "event", case_id, data)
    assert_clean_exit(result, 1)
    assert f": {field}: {message or ''}" in result.stderr


def test_a_proof_in_the_attachments_is_accepted(book: Book, case_id: str) -> None:
    folder = book.cases / case_id / "attachments"
    folder.mkdir()
    (folder / "kuitansi-2026-03-31.jpg").write_bytes(b"\xff\xd8\xff")
    record_ok(book, "event", case_id, {"kind": "pembayaran_restitusi", "date": "2026-03-31", "condition": "S1",
                                       "amount": 100_000, "proof": "kuitansi-2026-03-31.jpg"})
    assert_clean_exit(book.run("check"), 0)


def test_the_events_of_pengawasan_are_refused_for_another_case(book: Book) -> None:
    pb = book.new()
    result = record(book, "event", pb, {"kind": "pembayaran_restitusi", "date": "2026-03-31", "condition": "S1",
                                        "amount": 100_000})
    assert_clean_exit(result, 1)
    assert "kind: peristiwa ini hanya untuk pidana pengawasan dengan syaratnya (program kasus ini: PB)" in result.stderr


def test_an_outcome_names_a_condition_and_a_reason_only_when_not_met(book: Book, case_id: str) -> None:
    base = {"kind": "hasil_syarat", "date": "2026-06-01", "description": "Fakta."}
    for condition in ("umum", "S1", "S2"):
        record_ok(book, "event", case_id, {**base, "condition": condition, "outcome": "tidak_terpenuhi",
                                           "lawful_reason": "Sakit"})
    result = record(book, "event", case_id, {**base, "condition": "S3", "outcome": "terpenuhi"})
    assert_clean_exit(result, 1)
    assert "condition: syarat 'S3' tidak ada di registrasi kasus ini (yang ada: umum, S1, S2)" in result.stderr
    result = record(book, "event", case_id, {**base, "condition": "S1", "outcome": "terpenuhi",
                                             "lawful_reason": "Sakit"})
    assert "lawful_reason: alasan yang sah hanya diisi bila syarat tidak terpenuhi" in result.stderr


# -- the pertimbangan ---------------------------------------------------------------------------------------------


def test_a_pertimbangan_recommends_what_its_programme_allows(book: Book, case_id: str) -> None:
    outcome = record_ok(book, "event", case_id, {"kind": "hasil_syarat", "date": "2026-06-01", "condition": "S1",
                                                 "outcome": "tidak_terpenuhi", "description": "Belum membayar."})
    cite = outcome["path"].split("/", 2)[2]
    base = {"kind": "pertimbangan", "date": "2026-06-10", "consideration": "Pertimbangan.", "cites": [cite]}
    result = record(book, "event", case_id, {**base, "recommendation": "mengulangi"})
    assert_clean_exit(result, 1)
    assert ("recommendation: rekomendasi 'mengulangi' bukan untuk program 'pidana_pengawasan' (pilih: perpanjangan, "
            "pengurangan, pidana_penjara)") in result.stderr
    result = record(book, "event", case_id, {**base, "recommendation": "perpanjangan"})
    assert "months: wajib diisi untuk rekomendasi ini (berapa bulan)" in result.stderr
    result = record(book, "event", case_id, {**base, "recommendation": "pidana_penjara", "months": 3})
    assert "months: hanya diisi untuk perpanjangan atau pengurangan" in result.stderr
    # an extension is no longer than the sentence imposed (12 months here)
    result = record(book, "event", case_id, {**base, "recommendation": "perpanjangan", "months": 13})
    assert ("months: perpanjangan 13 bulan melebihi pidana pengawasan yang dijatuhkan (12 bulan) (Pasal 76 ayat (5) "
            "UU 1/2023)") in result.stderr
    record_ok(book, "event", case_id, {**base, "recommendation": "perpanjangan", "months": 12})
    result = record(book, "event", case_id, {**base, "cites": [], "recommendation": "pidana_penjara"})
    assert ": cites: " in result.stderr  # it rests on records
    assert_clean_exit(book.run("check"), 0)


def test_a_pertimbangan_for_kerja_sosial_offers_the_missed_sessions(book: Book) -> None:
    case_id = book.new(kerja_sosial_intake())
    record_ok(book, "service", case_id, session("2026-03-07"))
    missed = record_ok(book, "service", case_id, session("2026-03-14", start=None, end=None,
                                                         attendance="tidak_hadir", reason="Tanpa kabar", tasks=[]))
    keys = [pick(9), ENTER, ENTER, ENTER, pick(1), multiline("Tidak datang tanpa kabar."), ENTER, SAVE]
    result, screen = interactive_seen(["event", case_id], keys, casebook=book.root, today=TODAY)
    assert_clean_exit(result, 0)
    saved = load(book, case_id, f"events/{TODAY.isoformat()}.yaml")
    assert saved["recommendation"] == "mengulangi" and saved["to"] == "Kepala Kejaksaan Negeri Medan"
    assert saved["cites"] == [missed["path"].split("/", 2)[2]]  # the absence, offered
    # the first of kerja sosial's own recommendations, with its article (not the first of every programme's)
    assert "? Rekomendasi Mengulangi seluruh atau sebagian pidana kerja sosial (Pasal 85" in screen
