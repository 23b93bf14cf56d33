"""The practicum report in the case study's own form: abstract and keywords, introduction, method, the six stages
as prose, a conclusion that sums up the changes, references for the works it cites; always anonymised, third
parties named by a title included."""

from __future__ import annotations

import datetime as dt
import re

from bapascase.reports.redact import drop_titled_names
from bapascase.reports.render import render
from bapascase.store.casebook import Casebook
from tests.helpers import ROOT

BZG = "2025-bzg-k7m2p"
TODAY = dt.date(2026, 11, 30)


def practicum() -> str:
    return render(Casebook(ROOT), BZG, "practicum", "md", "id", TODAY).text


def test_the_practicum_follows_the_case_studys_form() -> None:
    text = practicum()
    headings = re.findall(r"^##+ (.+)$", text, re.MULTILINE)
    assert headings[:4] == ["Abstrak", "Pendahuluan", "Metode Praktik", "Hasil dan Pembahasan"]
    assert [h for h in headings if re.match(r"\d\\\\?\.", h)] == [
        "1\\. EIC (Engagement, Intake, Contract)", "2\\. Asesmen (pengkajian masalah)",
        "3\\. Perencanaan intervensi", "4\\. Intervensi", "5\\. Monitoring", "6\\. Terminasi"]
    assert headings[-2:] == ["Kesimpulan", "Daftar Pustaka"]
    assert "**Kata kunci:** Intervensi sosial, Klien pemasyarakatan, Reintegrasi sosial" in text
    assert "Laporan ini menguraikan proses intervensi sosial terhadap klien berinisial BZG" in text


def test_the_termination_ends_the_students_work_not_the_supervision() -> None:
    text = practicum()
    assert "Pendampingan praktikan diakhiri (terminasi) pada 14 Juli 2025" in text
    assert "bimbingan diakhiri" not in text.lower()
    assert "klien tetap wajib lapor kepada PK hingga akhir masa bimbingan (30 Desember 2028)" in text
    # the monitoring the practicum tells is the student's: up to the termination
    assert "Monitoring dilakukan 4 kali" in text and "2026" not in text.split("### 5")[1].split("### 6")[0]


def test_theories_are_cited_and_their_works_listed() -> None:
    text = practicum()
    assert "(Bronfenbrenner, 1979)" in text and "(Saleebey, 2013)" in text and "(Biddle, 1986)" in text
    references = text.split("## Daftar Pustaka")[1]
    for work in ("Bronfenbrenner, U. (1979). The Ecology of Human Development",
                 "Saleebey, D. (Ed.). (2013). The Strengths Perspective in Social Work Practice",
                 "Biddle, B. J. (1986). Recent developments in role theory. Annual Review of Sociology, 12, 67-92.",
                 "Hepworth, D. H., Rooney, R. H., Rooney, G. D.",
                 "Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan"):
        assert work in references.replace("\\&", "&"), work
    assert "Beck, J. S." not in references  # a theory the plan does not use is not listed


def test_the_conclusion_sums_up_the_changes() -> None:
    conclusion = practicum().split("## Kesimpulan")[1].split("## Daftar Pustaka")[0]
    assert "membangun kembali kepercayaan dirinya" in conclusion
    assert "Dari 4 tujuan intervensi, 3 tercapai." in conclusion


def test_third_parties_are_anonymised_by_their_title() -> None:
    text = practicum()
    assert "Marbun" not in text and "Pendeta, pendeta gereja klien, adalah sosok penting" in text
    assert "Marbun" in render(Casebook(ROOT), BZG, "case", "md", "id", TODAY).text  # kept where not anonymised
    cases = {
        "Ustaz Hasan Basri memberi ceramah": "Ustaz memberi ceramah",
        "bertemu Pak Rahmat di pasar": "bertemu Pak (disamarkan) di pasar",
        "Pdt. J. Marbun, S.Th.": "Pdt., S.Th.",
        "Pendeta Gereja HKBP": "Pendeta Gereja HKBP",  # an institution, not a name
        "Pendeta gereja": "Pendeta gereja",
        "Ibu kota": "Ibu kota",
    }
    for before, after in cases.items():
        assert drop_titled_names(before, "(disamarkan)") == after
