"""Casebooks for the report tests, built through the store API (not the CLI, not by hand-written YAML).

- ``filled_case``: every field of every stage model filled, generically from the models' own fields, with a
  unique marker per text value; the completeness test checks each value appears in the case file. A field added
  to a model tomorrow is filled (and so checked) tomorrow.
- ``hostile``: the same with hostile strings in every text field.
- ``story_case``: a realistic client (like BZG in the case study) with all six stages, for golden files.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bapascase.model import registry
from bapascase.model.meta import ask_fields, is_enum, is_model, list_item, unwrap
from bapascase.store import yamlio
from bapascase.store.atomic import create_exclusive
from bapascase.store.casebook import Casebook

HOSTILE = ("<script>alert(1)</script>", "{{ 7*7777 }}", "[x](javascript:alert(1))")
OFFICE = {
    "name": "Bapas Kelas I Medan",
    "office_class": "I",
    "city": "Medan",
    "address": "Jl. Kantor Contoh No. 1, Medan",
    "phone": "(061) 000-0000",
    "email": "bapas@contoh.invalid",
    "kanwil": "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sumatera Utara",
    "ministry": "Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia",
    "directorate": "Direktorat Jenderal Pemasyarakatan",
}
HEAD = {"name": "Drs. Kepala Contoh, M.Si.", "nip": "197001012000031001", "role": "kepala"}
CLIENT_NAME = "Benny Zakaria Ginting"
CLIENT_NIK = "1271011503840003"
FAMILY_NAMES = ("Rosmawati br Sembiring", "Daniel Ginting", "Ester Ginting", "Tiurma br Tarigan")


def make_book(root: Path, language: str = "id") -> Casebook:
    root.mkdir(parents=True, exist_ok=True)
    (root / "cases").mkdir(exist_ok=True)
    settings = {
        "schema_version": 1,
        "office": OFFICE,
        "language": language,
        "officers": [HEAD, {"name": "Sri Rahayu Contoh, S.Sos.", "nip": "198001012005012001", "role": "pk"},
                     {"name": "Dra. Kasubsi Contoh Siregar", "nip": "197505102000032001", "role": "kasubsi"}],
        "letterhead": [],
        "auto_commit": False,
    }
    (root / "bapascase.yaml").write_text(yamlio.dumps(settings), encoding="utf-8")
    return Casebook(root)


def save(book: Casebook, case_id: str, stage: str, data: dict[str, Any], entry: str | None = None) -> None:
    model = registry.model_for(stage)
    doc = model.model_validate(data)
    if not (book.cases_dir / case_id).is_dir():
        book.create_case_dir(case_id)
    folder = registry.STAGES[registry.Stage(stage)].folder
    if entry is not None and folder:
        # exactly this name, as an older casebook named its entries (before the tag unique across clones), so
        # the golden reports stay the same from run to run
        path = book.case_dir(case_id) / folder / f"{entry}.yaml"
        assert create_exclusive(path, book.render_doc(path, stage, doc))
        return
    book.write_doc(case_id, stage, doc, entry)


# -- generic filling ------------------------------------------------------------------------------------------


class Filler:
    """Makes a value for every field of a model; text values are unique markers (or hostile strings)."""

    def __init__(self, hostile: bool = False) -> None:
        self.n = 0
        self.hostile = hostile
        self.markers: list[str] = []

    def text(self) -> str:
        self.n += 1
        marker = f"Mk{self.n:04d}q"
        self.markers.append(marker)
        if self.hostile:
            return f"{marker} {HOSTILE[self.n % 3]} {HOSTILE[(self.n + 1) % 3]}"
        return marker

    def value(self, name: str, info: FieldInfo | None, annotation: Any) -> Any:
        tp, _optional = unwrap(annotation)
        if name == "nik":
            return "1271011503840003"
        if name == "family_card":
            return "1271010101090007"
        if name == "nip":
            return "198001012005012001"
        if name == "phone":
            return "0812-0000-1234"
        if name in ("id", "goal_id", "a", "b") or (name == "goal_ids"):
            return None  # set by the caller (ids must agree across the document)
        if name == "instrument":
            return None
        item = list_item(tp)
        if item is not None:
            if is_model(item):
                return [self.model(item), self.model(item)]
            return [self.value(name, None, item), self.value(name, None, item)]
        if is_model(tp):
            return self.model(tp)
        if is_enum(tp):
            members = list(tp)
            return members[self.n % len(members)].value if name not in ("status",) else members[0].value
        if typing.get_origin(tp) is typing.Literal:
            return typing.get_args(tp)[0]
        if tp is bool:
            return True
        if tp is int:
            low = _bound(info, "ge") if info is not None else None
            high = _bound(info, "le") if info is not None else None
            value = 3
            if low is not None:
                value = max(value, int(low))
            if high is not None:
                value = min(value, int(high))
            return value
        if tp is float:
            return 2.5
        if tp is dt.date:
            return "2026-03-10"
        if typing.get_origin(tp) is dict:
            return {self.text(): self.text()}
        return self.text()

    def model(self, model: type[BaseModel]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in ask_fields(model):
            value = self.value(name, info, info.annotation)
            if value is not None:
                out[name] = value
        return out


def _bound(info: FieldInfo, kind: str) -> Any:
    for meta in info.metadata:
        if hasattr(meta, kind):
            return getattr(meta, kind)
    return None


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    node: Any = data
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def filled_docs(hostile: bool = False) -> tuple[dict[str, list[dict[str, Any]]], Filler]:
    """One valid document per stage (two assessments, interventions, monitoring entries), every field filled."""
    f = Filler(hostile)
    docs: dict[str, list[dict[str, Any]]] = {}

    case = f.model(registry.model_for("case"))
    fixes = {
        "intake_date": "2026-03-02", "identity.birth_date": "1984-03-15", "identity.sex": "L",
        "legal.programme": "PB", "legal.offence_date": "2016-03-01",
        "legal.verdict_date": "2016-11-21", "legal.first_detained": "2016-05-14", "legal.sk_date": "2026-02-20",
        "legal.supervision_start": "2026-03-01", "legal.supervision_end": "2028-03-14",
        "legal.sentence_years": 12, "legal.sentence_months": 6,
        "family.0.relation": "pasangan", "family.0.sex": "P", "family.1.relation": "anak", "family.1.sex": "L",
        "guarantor.relation": "pasangan",
    }
    for path, value in fixes.items():
        _set(case, path, value)
    for part in ("pengawasan", "kerja_sosial"):  # the terms of a community sentence: not for a PB case
        case["legal"].pop(part, None)
    for article in case["legal"]["articles"]:  # an article naming its law is one of a special law
        article["code"] = "uu_khusus"
    docs["case"] = [case]

    eng = f.model(registry.model_for("engagement"))
    eng["date"] = "2026-03-05"
    eng["contract"]["wajib_lapor_interval_days"] = 30
    docs["engagement"] = [eng]

    assessments = []
    for i, date in enumerate(("2026-03-12", "2026-09-12")):
        a = f.model(registry.model_for("assessment"))
        a["date"] = date
        people = a["genogram"]["people"]
        for k, p in enumerate(people, 1):
            p["id"] = f"P{k}"
            p["is_client"] = k == 1
            p["birth_year"] = 1980 + k
            p["sex"] = "L" if k == 1 else "P"
        for rel in a["genogram"]["relations"]:
            rel["a"], rel["b"] = "P1", "P2"
        a["rri"]["instrument"] = "rri-a"
        a["rri"]["version"] = "2021"
        a["criminogenic"]["instrument"] = "kriminogenik"
        a["criminogenic"]["version"] = "2021"
        if i == 1:
            # a known item with a known option next to the generic unknown one: both must appear
            a["rri"]["answers"]["pernah_dipenjara"] = "ya"
        assessments.append(a)
    docs["assessment"] = assessments

    plan = f.model(registry.model_for("plan"))
    plan["date"] = "2026-03-20"
    for k, g in enumerate(plan["goals"], 1):
        g["id"] = f"T{k}"
        g["target_date"] = "2026-12-31"
    for act in plan["activities"]:
        act["goal_ids"] = ["T1", "T2"]
        act["start_date"], act["end_date"] = "2026-04-01", "2026-06-30"
    for hv in plan["home_visits"]:
        hv["goal_ids"] = ["T1"]
    docs["plan"] = [plan]

    docs["intervention"] = []
    for date in ("2026-04-07", "2026-04-21"):
        iv = f.model(registry.model_for("intervention"))
        iv["date"] = date
        iv["goal_ids"] = ["T1"]
        iv["next_date"] = "2026-05-05"
        iv["attachments"] = ["foto-sesi.jpg", "catatan/sesi.pdf"]
        docs["intervention"].append(iv)

    docs["monitoring"] = []
    for k, date in enumerate(("2026-04-30", "2026-05-30")):
        mo = f.model(registry.model_for("monitoring"))
        mo["date"] = date
        mo["period"] = {"start": "2026-04-01", "end": date}
        mo["next_date"] = "2026-06-30"
        mo["wajib_lapor"]["status"] = ("hadir", "jarak_jauh")[k]
        for a in mo["attendance"]:
            a["planned"], a["attended"] = 4, 3
        for j, p in enumerate(mo["progress"], 1):
            p["goal_id"] = f"T{j}"
        mo["ratings"].update({"engagement": 3 + k, "response": 4, "behaviour_change": 2 + k})
        for inc in mo["incidents"]:
            inc["date"] = date
        docs["monitoring"].append(mo)

    from bapascase.model.event import EventDoc

    docs["event"] = []  # one of every kind of legal event
    for k, (kind, cls) in enumerate(EventDoc.kinds.items(), 1):
        ev = f.model(cls)
        ev.update(kind=kind, date=f"2026-06-{k:02d}")
        if "cites" in ev:
            ev["cites"] = ["monitoring/2026-04-30-1.yaml"]
        if "period" in ev:
            ev["period"] = {"start": "2026-06-20", "end": "2026-06-25"}
        if kind == "hasil_syarat":  # a lawful reason belongs to a condition not met
            ev["outcome"] = "tidak_terpenuhi"
        if kind == "pertimbangan":  # an extension names its months
            ev["recommendation"] = "perpanjangan"
        if "proof" in ev:
            ev["proof"] = "bukti/kuitansi.jpg"
        for key in ("condition", "conditions"):
            if key in ev:
                ev[key] = "S1" if key == "condition" else ["S1"]
        docs["event"].append(ev)

    closing = f.model(registry.model_for("closing"))
    closing.update(date="2026-06-14", decree_date="2026-06-14", death_date="2026-06-14")
    docs["closing"] = [closing]

    term = f.model(registry.model_for("termination"))
    term["date"] = "2026-06-10"
    term["reason"] = "lainnya"
    for j, o in enumerate(term["goal_outcomes"], 1):
        o["goal_id"] = f"T{j}"
    docs["termination"] = [term]

    ro = f.model(registry.model_for("reopen"))
    ro["date"] = "2026-06-12"
    docs["reopen"] = [ro]
    tr = f.model(registry.model_for("transfer"))
    tr["date"] = "2026-06-13"
    docs["transfer"] = [tr]
    return docs, f


def write_docs(book: Casebook, case_id: str, docs: dict[str, list[dict[str, Any]]]) -> None:
    for stage, items in docs.items():
        spec = registry.spec(stage)
        for i, data in enumerate(items, 1):
            if spec.file is None:  # one file per entry
                save(book, case_id, stage, data, f"{data['date']}-{i}")
            elif i == 1:
                save(book, case_id, stage, data)
            else:
                save(book, case_id, stage, data, f"{data['date']}")


def filled_case(root: Path, hostile: bool = False, case_id: str = "2026-mkx-00001") -> tuple[Casebook, str, Filler,
                                                                                              dict[str, Any]]:
    book = make_book(root)
    docs, filler = filled_docs(hostile)
    write_docs(book, case_id, docs)
    return book, case_id, filler, docs


# -- a realistic story for golden files -------------------------------------------------------------------------


def story_docs() -> dict[str, list[dict[str, Any]]]:
    """A client like BZG in the case study, through all six stages (names, NIK and addresses invented)."""
    case = {
        "intake_date": "2025-02-10",
        "identity": {
            "name": CLIENT_NAME, "aliases": ["Ucok"], "sex": "L", "birth_place": "Medan",
            "birth_date": "1984-03-15", "nik": CLIENT_NIK, "religion": "Kristen", "ethnicity": "Batak Karo",
            "education": "SMP", "marital_status": "kawin", "occupation": "Penarik becak",
            "address": "Jl. Contoh Gg. Damai No. 7, Helvetia Ujung, Medan", "phone": "0812-0000-1234",
        },
        "family": [
            {"relation": "pasangan", "name": FAMILY_NAMES[0], "sex": "P", "age": 38,
             "occupation": "Pedagang di Pasar MMTC", "address": "Jl. Contoh Gg. Damai No. 7, Helvetia Ujung, Medan"},
            {"relation": "anak", "name": FAMILY_NAMES[1], "sex": "L", "age": 14, "occupation": "Pelajar SMP"},
            {"relation": "anak", "name": FAMILY_NAMES[2], "sex": "P", "age": 10, "occupation": "Pelajar SD"},
            {"relation": "ibu", "name": FAMILY_NAMES[3], "sex": "P", "age": 66, "address": "Kabanjahe"},
        ],
        "guarantor": {"name": FAMILY_NAMES[0], "relation": "pasangan", "occupation": "Pedagang",
                      "address": "Jl. Contoh Gg. Damai No. 7, Helvetia Ujung, Medan", "phone": "0813-0000-5678"},
        "legal": {
            "programme": "PB", "offence": "Pembunuhan", "articles": ["Pasal 338 KUHP"],
            "verdict_number": "000/Pid.B/2016/PN Mdn", "verdict_date": "2016-11-21",
            "court": "Pengadilan Negeri Medan", "sentence_years": 12, "sentence_months": 0,
            "first_detained": "2016-05-14", "origin_institution": "Lapas Kelas I Medan",
            "register_lapas": "B.I-000/2016", "register_litmas": "W2.PAS.PAS.09-PK.01.05.02-000",
            "sk_number": "PAS-000.PK.01.05.06 Tahun 2025", "sk_date": "2025-01-27",
            "supervision_start": "2025-02-03", "supervision_end": "2029-05-14",
        },
        "assignment": {"officer": {"name": "Sri Rahayu Contoh, S.Sos.", "nip": "198001012005012001"},
                       "praktikan": {"name": "Maria Contoh Simanjuntak", "institution": "Politeknik (contoh)"}},
    }
    engagement = {
        "date": "2025-02-12",
        "contacts": [{"date": "2025-02-12", "mode": "tatap_muka", "place": "Ruang konseling Bapas",
                      "participants": ["Rosmawati br Sembiring (istri)"],
                      "notes": "Perkenalan; klien tampak tegang lalu mulai terbuka."}],
        "rapport": "Pendekatan dengan empati dan **tanpa menghakimi**; komunikasi terbuka, perlahan dan konsisten.",
        "presenting_problems": "Keterasingan dari tetangga, ekonomi terbatas, takut kembali ke lingkungan lama.",
        "client_expectations": "Ingin membantu istri berjualan dan mengantar anak ke sekolah.",
        "intake": {"status_explained": True, "rights_explained": True, "obligations_explained": True,
                   "prohibitions_explained": True, "sanctions_explained": True, "kartu_bimbingan_issued": True,
                   "client_understood": True},
        "contract": {"agreed_goals": ["Memulihkan peran dalam keluarga", "Menjauhi minuman beralkohol"],
                     "wajib_lapor_interval_days": 30, "wajib_lapor_mode": "langsung",
                     "wajib_lapor_place": "Bapas Kelas I Medan", "data_consent": True, "guarantor_signed": True,
                     "signed_date": "2025-02-12"},
    }
    assessment = {
        "date": "2025-02-20",
        "sources": ["Wawancara klien", "Wawancara istri", "Observasi"],
        "personal": {"psychological": "Emosi kadang tidak terkontrol; klien menyadari masalahnya.",
                     "behaviour_history": "Pergaulan yang tidak baik; sering minum tuak dan bir bersama teman.",
                     "remorse_insight": "Klien menyesali perbuatannya.",
                     "motivation": "Motivasi kuat untuk hidup lebih baik."},
        "family": {"relationships": "Hubungan dengan istri dan anak-anak cukup harmonis.",
                   "role": "Kembali menjadi kepala keluarga.", "support": "Istri mendukung penuh."},
        "social": {"neighbours": "Hubungan dengan tetangga renggang.", "peers": "Teman minum di lingkungan lama.",
                   "community": "Masih ada stigma."},
        "spiritual": {"practice": "Rutin beribadah di gereja.", "figures": "Pendeta gereja"},
        "economic": {"occupation": "Belum bekerja", "income_monthly": 1500000, "dependents": 3,
                     "skills": ["Menarik becak"], "income_notes": "Istri berjualan di Pasar MMTC."},
        "environment": {"housing": "Rumah sewa.", "neighbourhood_risks": "Teman minum di sekitar rumah.",
                        "residence_plan": "Tidak ingin kembali ke lingkungan lama."},
        "offence": {"background": "Emosi yang tidak terkontrol dan dorongan lingkungan.",
                    "chronology": "Perkelahian setelah minum tuak.", "triggers": ["Alkohol", "Teman sepergaulan"],
                    "victim": "Korban meninggal dunia.", "client_view": "Klien mengakui dan menyesal."},
        "resources": [
            {"name": "Istri dan anak", "kind": "keluarga", "category": "informal", "strength": "kuat",
             "direction": "timbal_balik"},
            {"name": "Pendeta gereja", "kind": "gereja", "category": "informal", "strength": "kuat",
             "direction": "ke_klien"},
            {"name": "Bapas Kelas I Medan", "category": "formal", "strength": "sedang", "direction": "ke_klien"},
            {"name": "Griya Abhipraya", "category": "formal", "strength": "sedang", "direction": "ke_klien"},
            {"name": "Tetangga", "category": "kemasyarakatan", "strength": "lemah", "direction": "tidak_ada"},
            {"name": "Teman minum lama", "category": "informal", "strength": "stres", "direction": "dari_klien"},
        ],
        "genogram": {
            "people": [
                {"id": "P1", "name": CLIENT_NAME, "is_client": True, "sex": "L", "age": 41},
                {"id": "P2", "name": FAMILY_NAMES[0], "relation": "istri", "sex": "P", "age": 38},
                {"id": "P3", "name": FAMILY_NAMES[1], "relation": "anak", "sex": "L", "age": 14},
                {"id": "P4", "name": FAMILY_NAMES[2], "relation": "anak", "sex": "P", "age": 10},
                {"id": "P5", "name": FAMILY_NAMES[3], "relation": "ibu", "sex": "P", "age": 66},
                {"id": "P6", "name": "Almarhum ayah", "relation": "ayah", "sex": "L", "deceased": True},
            ],
            "relations": [
                {"a": "P1", "b": "P2", "kind": "menikah"},
                {"a": "P1", "b": "P3", "kind": "orang_tua_anak"},
                {"a": "P1", "b": "P4", "kind": "orang_tua_anak"},
                {"a": "P5", "b": "P1", "kind": "orang_tua_anak"},
                {"a": "P6", "b": "P1", "kind": "orang_tua_anak"},
                {"a": "P2", "b": "P3", "kind": "dekat"},
            ],
        },
        "needs": [{"need": "Keterampilan kerja", "priority": "tinggi", "domain": "pendidikan"},
                  {"need": "Dukungan spiritual", "priority": "sedang", "domain": "spiritual"}],
        "strengths": ["Motivasi kuat untuk berubah", "Dukungan istri", "Dekat dengan pendeta"],
        "rri": {"instrument": "rri-a", "version": "2021", "answers": {}},
        "analysis": "Klien berisiko bila kembali ke lingkungan lama; sumber kekuatannya keluarga dan gereja.",
        "conclusion": "Direkomendasikan pelatihan keterampilan di Griya Abhipraya dan bimbingan kepribadian.",
    }
    plan = {
        "date": "2025-03-01",
        "summary": "Pemulihan peran dalam keluarga, dukungan spiritual dan keterampilan kerja.",
        "goals": [
            {"id": "T1", "need": "Keterampilan kerja", "objective": "Klien memiliki keterampilan pangkas rambut.",
             "indicators": ["Mengikuti pelatihan sampai selesai"], "target_date": "2025-08-31"},
            {"id": "T2", "need": "Alkohol", "objective": "Klien tidak lagi minum minuman beralkohol.",
             "target_date": "2025-12-31"},
        ],
        "activities": [
            {"type": "pelatihan_keterampilan", "name": "Pelatihan pangkas rambut", "venue": "Griya Abhipraya",
             "schedule": "Setiap Selasa", "goal_ids": ["T1"]},
            {"type": "bimbingan_kepribadian", "name": "Penyuluhan hukum dan kesehatan", "partner": "Kanwil",
             "goal_ids": ["T2"]},
        ],
        "home_visits": [{"date": "2025-03-10", "purpose": "Bertemu penjamin", "participants": ["PK", "Praktikan"]}],
        "theories": ["ekologi", "kekuatan", "peran"],
        "theory_basis": "Intervensi melibatkan keluarga, gereja dan Bapas.",
        "agreed_with_client": True,
    }
    interventions = [
        {"date": "2025-03-11", "type": "konseling_individu", "topic": "Rasa bersalah dan rencana hidup",
         "goal_ids": ["T2"], "description": "Konseling individu tentang rasa bersalah.",
         "client_response": "Klien terbuka dan menangis."},
        {"date": "2025-03-18", "type": "pelatihan_keterampilan", "topic": "Pangkas rambut dasar",
         "goal_ids": ["T1"], "place": "Griya Abhipraya", "description": "Latihan memangkas rambut.",
         "client_response": "Antusias."},
    ]
    monitoring = []
    for k, (date, status, e, r, b) in enumerate((
        ("2025-03-31", "hadir", 3, 3, 2), ("2025-04-30", "hadir", 4, 4, 3), ("2025-05-30", "jarak_jauh", 4, 4, 3),
        ("2025-06-30", "tidak_hadir", None, None, None), ("2025-07-31", "hadir", 5, 4, 4),
    )):
        entry: dict[str, Any] = {
            "date": date, "methods": ["wawancara"],
            "wajib_lapor": {"status": status, **({"reason": "Sakit, lapor lewat telepon"} if status == "jarak_jauh" else {})},
            "ratings": {k2: v for k2, v in (("engagement", e), ("response", r), ("behaviour_change", b)) if v},
            "progress": [{"goal_id": "T1", "status": "berjalan" if k < 4 else "tercapai"},
                         {"goal_id": "T2", "status": "berjalan"}],
            "observations": "Klien aktif mengikuti pelatihan.",
            "obstacles": "Stigma tetangga." if k == 4 else None,
            "next_steps": "Menyusun rencana usaha pangkas rambut bersama istri." if k == 4 else None,
        }
        if status == "tidak_hadir":
            entry["incidents"] = [{"kind": "tidak_wajib_lapor", "description": "Tidak datang tanpa kabar.",
                                   "action": "Kunjungan rumah."}]
        monitoring.append({k2: v for k2, v in entry.items() if v is not None})
    termination = {
        "date": "2025-08-15", "reason": "tujuan_tercapai",
        "evaluation": {"changes_observed": "Klien kembali menjalankan peran dalam keluarga.",
                       "client_reflection": "Klien merasa lebih percaya diri.",
                       "officer_feedback": "Tetap konsisten dan jauhi lingkungan lama."},
        "goal_outcomes": [{"goal_id": "T1", "status": "tercapai"}, {"goal_id": "T2", "status": "berjalan"}],
        "resources_kept": ["Istri dan anak", "Pendeta gereja"],
        "recommendations": "Melanjutkan usaha pangkas rambut dengan modal kecil.",
    }
    # legal events: a travel permit, a warning letter for the missed report, a TPP session (entry files are named
    # DATE-N by write_docs, N counting the entries of the folder)
    events = [
        {"kind": "izin_bepergian", "date": "2025-05-20", "scope": "luar_kota",
         "period": {"start": "2025-05-25", "end": "2025-06-01"}, "destination": "Kabanjahe",
         "purpose": "Menghadiri pesta adat keluarga", "approved_by": "Drs. Kepala Contoh, M.Si."},
        {"kind": "surat_peringatan", "date": "2025-07-03", "order": 1, "number": "W2.PAS.PAS.09-PK.05.03-0001",
         "grounds": ["tidak_wajib_lapor"], "description": "Tidak hadir wajib lapor tanpa kabar.",
         "cites": ["monitoring/2025-06-30-4.yaml"]},
        {"kind": "sidang_tpp", "date": "2025-07-24", "number": "31/TPP/VII/2025",
         "agenda": "Evaluasi enam bulan pembebasan bersyarat", "chair": "Drs. Kepala Contoh, M.Si.",
         "recommendation": "Pembimbingan dilanjutkan; klien diingatkan tentang kewajiban wajib lapor.",
         "outcome": "lanjut"},
    ]
    # the PB Litmas the Lapas asked for before the decree (its basis: the request letter and the surat tugas)
    litmas = {
        "date": "2025-01-10", "purpose": "pb", "register_number": "W2.PAS.PAS.09-PK.01.05.02-000",
        "request": {"institution": "Kepala Lapas Kelas I Medan", "number": "W2.PAS.PAS.1-PK.05.09-0001",
                    "date": "2024-12-16", "subject": "Permohonan Litmas untuk Pembebasan Bersyarat"},
        "assignment": {"number": "W2.PAS.PAS.09-PK.01.01-0001", "date": "2024-12-18"},
        "life_history": {"birth_growth": "Lahir di Medan, anak kedua dari empat bersaudara.",
                         "marriage": "Menikah pada 2010; dua orang anak."},
        "consequences": {"victim": "Korban meninggal dunia.", "family": "Istri menghidupi keluarga sendiri."},
        "responses": {"client": {"text": "Menyesal dan bersedia mematuhi syarat."},
                      "family": {"text": "Istri bersedia menjadi penjamin."},
                      "victim": {"not_obtained": "Keluarga korban tidak dapat dihubungi."},
                      "community": {"text": "Tidak keberatan."},
                      "government": {"text": "Kepala lingkungan tidak keberatan."}},
        "lapas": {"admission": "Mengikuti AOO dengan baik.", "register_f": False,
                  "personality_programmes": ["Pembinaan kerohanian"], "independence_programmes": ["Pangkas rambut"],
                  "remissions": [{"year": 2023, "kind": "Remisi Umum", "months": 1}]},
        "conclusions": ["Berkelakuan baik selama di Lapas.", "Keluarga menerima klien."],
        "recommendation": "Merekomendasikan agar klien dapat diberikan program Pembebasan Bersyarat.",
        "tpp": {"number": "5/TPP/I/2025", "date": "2025-01-14"},
    }
    # the assessment the PK made in the Lapas for that Litmas (before the casework began)
    lapas_assessment = {
        "date": "2025-01-06", "sources": ["Wawancara klien di Lapas", "Wali pemasyarakatan"],
        "personal": {"psychological": "Tenang dan kooperatif; menyesali perbuatannya.", "health": "Sehat."},
        "family": {"relationships": "Istri dan anak-anak berkunjung setiap bulan.",
                   "support": "Istri bersedia menjadi penjamin."},
        "offence": {"background": "Emosi yang tidak terkontrol setelah minum tuak.",
                    "chronology": "Perkelahian setelah minum tuak; korban meninggal dunia."},
        "resources": [
            {"name": "Istri dan anak", "category": "informal", "strength": "kuat", "direction": "timbal_balik"},
            {"name": "Pendeta gereja", "category": "informal", "strength": "kuat", "direction": "ke_klien"},
        ],
        "rri": {"instrument": "rri", "version": "2021", "narcotics_case": False, "answers": {
            "ditahan_usia_16": "tidak", "pernah_dipenjara": "tidak", "pasal_3_atau_lebih": "tidak",
            "pelanggaran_reintegrasi": "tidak", "riwayat_pidana": "tidak_ada", "pelanggaran_tata_tertib": "tidak",
            "skors_sekolah": "ya", "keluarga_dipidana": "tidak", "penggunaan_zat": "alkohol",
            "menganggur_12_bulan": "ya", "b_peningkatan": "tidak", "b_kekerasan_sebelum_15": "tidak",
            "b_kdrt": "tidak", "b_kekerasan_seksual_terorisme": "ya"}},
        "criminogenic": {"instrument": "kriminogenik", "version": "2021", "answers": {
            "keluarga_pernikahan": "rendah", "pendidikan_pekerjaan": "tinggi", "narkoba_alkohol": "sedang",
            "hubungan_sosial": "sedang", "waktu_luang": "sedang", "manajemen_keuangan": "sedang",
            "sikap_antisosial": "rendah"}},
    }
    out: dict[str, list[Any]] = {
        "case": [case], "litmas": [litmas], "engagement": [engagement], "assessment": [assessment, lapas_assessment],
        "plan": [plan], "intervention": interventions, "monitoring": monitoring, "event": events,
        "termination": [termination]}
    return out


def story_case(root: Path, case_id: str = "2025-bzg-k7m2p") -> tuple[Casebook, str]:
    book = make_book(root)
    write_docs(book, case_id, story_docs())
    return book, case_id


def every_value(data: Any, fn: Callable[[Any], None]) -> None:
    """Call ``fn`` on every leaf value of a nested document."""
    if isinstance(data, dict):
        for v in data.values():
            every_value(v, fn)
    elif isinstance(data, list):
        for v in data:
            every_value(v, fn)
    else:
        fn(data)


__all__ = ["HOSTILE", "Filler", "enum", "filled_case", "story_case"]
