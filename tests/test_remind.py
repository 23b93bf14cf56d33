"""``due --remind``: a wa.me link with a polite Indonesian reminder for each client due, the phone normalised to
+62, initials only, nothing sent."""

from __future__ import annotations

import datetime as dt
import json
import socket
from urllib.parse import parse_qs, urlparse

import pytest

from bapascase.model.remind import normalise_phone, wa_link
from tests.helpers import ROOT, assert_clean_exit, invoke

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(("raw", "want"), [
    ("0812-3456-7890", "+6281234567890"), ("+62 812 3456 7890", "+6281234567890"), ("62812345678", "+62812345678"),
    ("(0812) 3456.7890", "+6281234567890"), ("812 3456 7890", "+6281234567890"), ("+62 0812 3456 7890", "+6281234567890"),
    ("(061) 000-0000", None), ("+1 555 0100", None), ("", None), ("08abc", None), ("0812", None), (None, None),
    # digits only to Python (superscripts, full-width, Arabic-Indic) would make a link to a number that is none
    ("0812\u00b3456\u00b27890", None), ("0812\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10", None),
    ("+62 8\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", None),
])
def test_phones_are_normalised_to_plus_62(raw: str | None, want: str | None) -> None:
    assert normalise_phone(raw) == want


def test_the_link_carries_the_message() -> None:
    link = wa_link("+6281234567890", "Selamat siang & terima kasih?")
    u = urlparse(link)
    assert (u.scheme, u.netloc, u.path) == ("https", "wa.me", "/6281234567890")
    assert parse_qs(u.query)["text"] == ["Selamat siang & terima kasih?"]


def test_due_remind_links_to_client_and_guarantor(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*a: object, **k: object) -> None:
        raise AssertionError("a reminder made a network call")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    r = invoke(["due", "--remind", "--json"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    items = json.loads(r.stdout)["items"]
    due = invoke(["due", "--json"], casebook=ROOT, today=TODAY)
    reports = [i for i in json.loads(due.stdout)["items"] if i["kind"] == "monitoring"]
    assert [i["id"] for i in items] == [i["id"] for i in reports], "the same reports as due"
    bzg = next(i for i in items if i["id"] == "2025-bzg-k7m2p")
    assert set(bzg["links"]) == {"client", "guarantor"}
    text = parse_qs(urlparse(bzg["links"]["client"]).query)["text"][0]
    assert "BZG" in text and "Benny" not in text and "Mohon" in text
    assert "Senin, 7 Desember 2026" in text  # the schedule's Saturday 5 December: Monday (test_weekend_reporting)
    assert urlparse(bzg["links"]["client"]).path == "/6281200001234"
    for i in items:
        assert "name" not in i
    plain = invoke(["due", "--remind"], casebook=ROOT, today=TODAY)
    assert_clean_exit(plain, 0)
    assert "https://wa.me/62" in plain.stdout and "Benny" not in plain.stdout
    assert "tidak ada nomor ponsel" in plain.stdout  # the client without a phone is said so


def test_remind_in_english_interface_still_writes_to_the_client_in_indonesian() -> None:
    r = invoke(["--lang", "en", "due", "--remind"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    assert "client: https://wa.me/" in r.stdout and "Selamat%20siang" in r.stdout
