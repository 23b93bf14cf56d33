"""The six stage models (and the reopen record): realistic documents pass, bad ones fail at the right place."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from bapascase.i18n import catalog, set_lang
from bapascase.model import registry
from bapascase.model.assessment import AssessmentDoc
from bapascase.model.base import Choice, Doc
from bapascase.model.engagement import EngagementDoc
from bapascase.model.meta import ask_fields, is_enum, list_item, title_of, unwrap
from bapascase.model.monitoring import RATING_LABELS, rating_label
from bapascase.model.validation import FieldError, validate

ENGAGEMENT: dict[str, Any] = {
    "date": "2025-09-08",
    "contacts": [
        {"date": "2025-09-08", "mode": "tatap_muka", "place": "Ruang konseling Bapas Kelas I Medan",
         "notes": "Perkenalan; klien awalnya diam, lalu mulai bercerita tentang keluarganya."},
        {"date": "12/9/2025", "mode": "kunjungan_rumah", "place": "Helvetia Ujung", "participants": ["Istri klien"]},
    ],
    "rapport": "Pendekatan empatik dan tidak menghakimi; percakapan perlahan dan konsisten.",
    "client_expectations": "Ingin membantu istri berjualan di pasar MMTC dan mengantar anak ke sekolah.",
    "intake": {
        "date": "2025-09-08", "status_explained": True, "rights_explained": True, "obligations_explained": True,
        "prohibitions_explained": True, "sanctions_explained": True, "kartu_bimbingan_issued": True,
        "client_understood": True,
    },
    "contract": {
        "agreed_goals": ["Menjauhi minuman beralkohol", "Memiliki keterampilan kerja"],
        "wajib_lapor_interval_days": 30,
        "wajib_lapor_mode": "langsung",
        "meeting_plan": "Sebulan sekali di Bapas; kunjungan rumah bila perlu.",
        "client_commitments": ["Wajib lapor tepat waktu"],
        "officer_commitments": ["Mendampingi pelatihan di Griya Abhipraya"],
        "data_consent": True,
        "signed_date": "2025-09-08",
    },
}

RRI_ANSWERS = {
    "ditahan_usia_16": "tidak", "pernah_dipenjara": "tidak", "pasal_3_atau_lebih": "tidak",
    "pelanggaran_reintegrasi": "tidak", "riwayat_pidana": "tidak_ada", "pelanggaran_tata_tertib": "tidak",
    "skors_sekolah": "tidak", "keluarga_dipidana": "tidak", "penggunaan_zat": "alkohol", "menganggur_12_bulan": "tidak",
}

ASSESSMENT: dict[str, Any] = {
    "date": "2025-09-20",
    "sources": ["Wawancara klien", "Wawancara istri", "Observasi"],
    "personal": {
        "psychological": "Kooperatif, terbuka; emosi kadang sulit dikendalikan.",
        "remorse_insight": "Menyesali perbuatannya dan menyadari masalahnya.",
    },
    "family": {"relationships": "Cukup harmonis dengan istri dan anak-anak."},
    "social": {"neighbours": "Renggang; klien merasa terasing.", "peers": "Teman minum tuak dan bir."},
    "spiritual": {"practice": "Sangat dekat dengan nilai agama.", "figures": "Pendeta gereja"},
    "economic": {"occupation": "Penarik becak", "income_monthly": 1500000, "skills": ["Mengemudi becak"]},
    "environment": {"housing": "Helvetia Ujung, Medan", "neighbourhood_risks": "Teman minum di sekitar rumah."},
    "offence": {"background": "Pergaulan dan alkohol.", "triggers": ["Alkohol", "Teman sepergaulan"]},
    "resources": [
        {"name": "Istri dan anak", "kind": "keluarga", "category": "informal", "strength": "kuat",
         "direction": "timbal_balik"},
        {"name": "Pendeta gereja", "kind": "gereja", "category": "kemasyarakatan", "strength": "kuat",
         "direction": "ke_klien"},
        {"name": "Tetangga", "category": "informal", "strength": "stres", "direction": "tidak_ada"},
    ],
    "genogram": {
        "people": [
            {"id": "P1", "name": "BZG", "is_client": True, "sex": "L", "age": 41},
            {"id": "P2", "name": "Istri", "relation": "istri", "sex": "P"},
            {"id": "P3", "name": "Anak 1", "relation": "anak", "birth_year": 2012},
        ],
        "relations": [
            {"a": "P1", "b": "P2", "kind": "menikah"},
            {"a": "P1", "b": "P3", "kind": "orang_tua_anak"},
        ],
    },
    "needs": [{"need": "Keterampilan kerja", "priority": "tinggi", "domain": "ekonomi"}],
    "strengths": ["Motivasi kuat untuk berubah", "Dukungan keluarga"],
    "rri": {"instrument": "rri-a", "version": "2021", "answers": RRI_ANSWERS},
    "criminogenic": {"instrument": "kriminogenik", "version": "2021", "answers": {"narkoba_alkohol": "sedang"}},
    "analysis": "Faktor risiko utama: alkohol dan pergaulan.\n\n- dukungan keluarga kuat\n- stigma tetangga",
}

PLAN: dict[str, Any] = {
    "date": "2025-10-01",
    "goals": [
        {"id": "T1", "need": "Keterampilan kerja", "objective": "Klien terampil memangkas rambut",
         "indicators": ["Menyelesaikan pelatihan"], "target_date": "2026-03-31"},
        {"id": "T2", "objective": "Klien berhenti minum alkohol"},
    ],
    "activities": [
        {"type": "pelatihan_keterampilan", "name": "Pelatihan pangkas rambut", "venue": "Griya Abhipraya",
         "schedule": "Setiap Selasa", "responsible": "PK", "goal_ids": ["T1"], "start_date": "2025-10-07",
         "end_date": "2026-01-27"},
        {"type": "bimbingan_kepribadian", "name": "Penyuluhan hukum dan kesehatan", "partner": "Kanwil",
         "goal_ids": ["T2"]},
    ],
    "home_visits": [{"date": "2025-10-15", "purpose": "Bertemu penjamin", "goal_ids": ["T2"]}],
    "theories": ["ekologi", "kekuatan", "peran"],
    "theory_basis": "Teori ekologi Bronfenbrenner; perspektif kekuatan; teori peran sosial.",
}

INTERVENTION: dict[str, Any] = {
    "date": "2025-10-14",
    "type": "konseling_individu",
    "topic": "Rasa bersalah dan rencana hidup",
    "goal_ids": ["T2"],
    "participants": ["Praktikan"],
    "place": "Bapas Kelas I Medan",
    "description": "Konseling tentang rasa bersalah.",
    "client_response": "Terbuka, menangis ketika bercerita tentang anak.",
    "next_date": "2025-10-28",
    "attachments": ["foto-sesi-1.jpg", "sesi/2025-10-14/catatan.pdf"],
}

MONITORING: dict[str, Any] = {
    "date": "2025-11-10",
    "period": {"start": "2025-10-10", "end": "2025-11-10"},
    "methods": ["observasi", "wawancara"],
    "wajib_lapor": {"status": "hadir"},
    "attendance": [{"activity": "Pelatihan pangkas rambut", "planned": 4, "attended": 4}],
    "ratings": {"engagement": 4, "response": 4, "behaviour_change": 3},
    "progress": [{"goal_id": "T1", "status": "berjalan"}, {"goal_id": "T2", "status": "berjalan"}],
    "incidents": [],
    "obstacles": "Stigma tetangga.",
    "next_steps": "Menyusun rencana usaha pangkas rambut.",
    "next_date": "2025-12-10",
}

TERMINATION: dict[str, Any] = {
    "date": "2026-05-30",
    "reason": "tujuan_tercapai",
    "evaluation": {
        "changes_observed": "Lebih percaya diri; aktif dalam keluarga.",
        "client_reflection": "Merasa didukung dan ingin membuka usaha pangkas.",
        "officer_feedback": "Pertahankan konsistensi.",
    },
    "goal_outcomes": [{"goal_id": "T1", "status": "tercapai"}],
    "resources_kept": ["Istri dan anak", "Pendeta gereja"],
    "recommendations": "Tetap berkonsultasi dengan pendeta.",
}

REOPEN: dict[str, Any] = {"date": "2026-06-10", "reason": "Terminasi tercatat keliru.", "by": "PK Andreas"}

VALID: dict[str, dict[str, Any]] = {
    "engagement": ENGAGEMENT,
    "assessment": ASSESSMENT,
    "plan": PLAN,
    "intervention": INTERVENTION,
    "monitoring": MONITORING,
    "termination": TERMINATION,
    "reopen": REOPEN,
}


def model(name: str) -> type[Doc]:
    return registry.model_for(name)


def errors_of(name: str, data: dict[str, Any]) -> list[FieldError]:
    doc, errors = validate(model(name), data)
    assert doc is None, f"{name} should be invalid"
    return errors


def where(errors: list[FieldError]) -> list[str]:
    return [e.dotted for e in errors]


def changed(name: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID[name])
    for dotted_path, value in changes.items():
        node: Any = data
        parts = dotted_path.split("__")
        for p in parts[:-1]:
            node = node[int(p)] if p.isdigit() else node[p]
        last = parts[-1]
        if value is _DROP:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return data


_DROP = object()

# -- valid documents --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(VALID))
def test_realistic_document_is_valid(name: str) -> None:
    doc, errors = validate(model(name), copy.deepcopy(VALID[name]))
    assert errors == [], [(e.dotted, e.message) for e in errors]
    assert doc is not None
    assert isinstance(doc.model_dump()["date"], dt.date)


@pytest.mark.parametrize("name", list(VALID))
def test_date_is_required_everywhere(name: str) -> None:
    errors = errors_of(name, changed(name, date=_DROP))
    assert ("date", True) in [(e.dotted, e.missing) for e in errors]


@pytest.mark.parametrize("name", list(VALID))
def test_dump_round_trips(name: str) -> None:
    m = model(name)
    doc = m.model_validate(copy.deepcopy(VALID[name]))
    again = m.model_validate(doc.model_dump(mode="json", exclude_none=True))
    assert again == doc


def test_minimal_documents() -> None:
    """Only what must be there is required."""
    assert EngagementDoc.model_validate({"date": "2025-09-08"}).contract.wajib_lapor_interval_days == 30
    model("assessment").model_validate({"date": "2025-09-20"})
    model("plan").model_validate({"date": "2025-10-01", "goals": [{"id": "T1", "objective": "x"}]})
    model("intervention").model_validate({"date": "2025-10-14", "type": "lainnya", "description": "x"})
    model("monitoring").model_validate({"date": "2025-11-10", "wajib_lapor": {"status": "tidak_hadir"}})
    model("termination").model_validate({"date": "2026-05-30", "reason": "tujuan_tercapai"})
    model("closing").model_validate({"date": "2026-05-30", "ground": "masa_bimbingan_berakhir"})
    model("event").model_validate({"kind": "sidang_tpp", "date": "2026-12-18", "agenda": "Evaluasi"})
    model("reopen").model_validate({"date": "2026-06-10", "reason": "x"})


def test_stage_classes_match_the_registry() -> None:
    for name in [*VALID]:
        spec = registry.spec(name)
        cls = model(name)
        assert cls.__name__ == spec.cls
        assert cls.doc_name == name
        assert cls.title_id and cls.title_en


# -- metadata: bilingual titles, labelled choices, wizard-friendly types -----------------------------------------


def _walk(m: Any, seen: set[Any]) -> list[tuple[Any, str, Any]]:
    out: list[tuple[Any, str, Any]] = []
    if m in seen:
        return out
    seen.add(m)
    for name, info in m.model_fields.items():
        out.append((m, name, info))
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        target = item if item is not None else inner
        if isinstance(target, type) and hasattr(target, "model_fields"):
            out.extend(_walk(target, seen))
    return out


@pytest.mark.parametrize("name", list(VALID))
def test_every_field_has_both_titles_and_every_choice_both_labels(name: str) -> None:
    for owner, fname, info in _walk(model(name), set()):
        assert info.title, f"{owner.__name__}.{fname} has no Indonesian title"
        assert title_of(info, fname, "en") != info.title or info.title in {"Genogram", "Spiritual", "Monitoring", "NIP"}, (
            f"{owner.__name__}.{fname}"
        )
        inner, _ = unwrap(info.annotation)
        item = list_item(inner)
        for tp in (inner, item):
            if is_enum(tp):
                assert issubclass(tp, Choice)
                for member in tp:
                    assert member.label_id and member.label_en, f"{tp.__name__}.{member.name}"


@pytest.mark.parametrize("name", list(VALID))
def test_field_types_are_ones_the_wizard_asks(name: str) -> None:
    """Parts, lists of parts/str/Choice, Choice, bool, int, float, date, str; a dict only for instrument answers."""
    import typing

    for owner, fname, info in _walk(model(name), set()):
        inner, _ = unwrap(info.annotation)
        if typing.get_origin(inner) is dict:
            assert fname == "answers", f"{owner.__name__}.{fname}"
            continue
        item = list_item(inner)
        tp = item if item is not None else inner
        ok = tp in (str, int, float, bool, dt.date) or is_enum(tp) or hasattr(tp, "model_fields")
        assert ok, f"{owner.__name__}.{fname}: {inner!r}"


def test_activity_type_is_shared_by_plan_and_intervention() -> None:
    from bapascase.model.intervention import InterventionDoc
    from bapascase.model.plan import Activity, ActivityType

    assert Activity.model_fields["type"].annotation is ActivityType
    assert InterventionDoc.model_fields["type"].annotation is ActivityType
    assert [m.value for m in ActivityType] == [
        "bimbingan_kepribadian", "bimbingan_kemandirian", "konseling_individu", "bimbingan_kelompok",
        "pelatihan_keterampilan", "kunjungan_rumah", "rujukan", "lainnya",
    ]


def test_fixed_choice_values() -> None:
    from bapascase.model.assessment import Direction, Priority, ResourceCategory, Strength
    from bapascase.model.engagement import ContactMode
    from bapascase.model.monitoring import ProgressStatus, WajibLaporStatus
    from bapascase.model.termination import TerminationReason

    assert [m.value for m in WajibLaporStatus] == ["hadir", "jarak_jauh", "tidak_hadir"]
    assert [m.value for m in ProgressStatus] == ["tercapai", "berjalan", "belum", "tidak_relevan"]
    assert [m.value for m in ResourceCategory] == ["informal", "formal", "kemasyarakatan"]
    assert [m.value for m in Strength] == ["kuat", "sedang", "lemah", "stres"]
    assert [m.value for m in Direction] == ["ke_klien", "dari_klien", "timbal_balik", "tidak_ada"]
    assert [m.value for m in Priority] == ["tinggi", "sedang", "rendah"]
    assert [m.value for m in ContactMode] == ["tatap_muka", "telepon", "kunjungan_rumah", "daring"]
    assert [m.value for m in TerminationReason] == [
        "tujuan_tercapai", "praktikum_selesai", "rujukan", "permintaan_klien", "lainnya"
    ]


def test_rating_labels() -> None:
    assert sorted(RATING_LABELS) == [1, 2, 3, 4, 5]
    assert rating_label(4, "id") == "Baik"
    assert rating_label(4, "en") == "Good"
    assert rating_label(None) == ""


def test_long_fields_are_marked() -> None:
    from bapascase.model.meta import is_long

    info = model("intervention").model_fields["client_response"]
    assert is_long(info)
    assert not is_long(model("intervention").model_fields["place"])


# -- rejected documents, with the right location -------------------------------------------------------------------


def test_enum_typo_is_located_and_suggests() -> None:
    errors = errors_of("monitoring", changed("monitoring", wajib_lapor__status="hadr"))
    assert where(errors) == ["wajib_lapor.status"]
    assert "hadir" in errors[0].message
    errors = errors_of("assessment", changed("assessment", resources__1__strength="kuwat"))
    assert where(errors) == ["resources[1].strength"]


def test_impossible_and_unreadable_dates() -> None:
    errors = errors_of("plan", changed("plan", goals__0__target_date="2026-02-30"))
    assert where(errors) == ["goals[0].target_date"]
    assert "2026-02-30" in errors[0].message
    errors = errors_of("engagement", changed("engagement", contacts__1__date="kemarin"))
    assert where(errors) == ["contacts[1].date"]
    errors = errors_of("intervention", changed("intervention", date="31/4/2025"))
    assert where(errors) == ["date"]


@pytest.mark.parametrize("value", [0, 6, -1, "sangat baik"])
def test_out_of_range_ratings(value: Any) -> None:
    errors = errors_of("monitoring", changed("monitoring", ratings__response=value))
    assert where(errors) == ["ratings.response"]


def test_contract_interval_bounds() -> None:
    for bad in (0, 367):
        errors = errors_of("engagement", changed("engagement", contract__wajib_lapor_interval_days=bad))
        assert where(errors) == ["contract.wajib_lapor_interval_days"]


def test_goal_ids_must_refer_to_goals_in_the_plan() -> None:
    errors = errors_of("plan", changed("plan", activities__1__goal_ids=["T2", "T9"]))
    assert where(errors) == ["activities[1].goal_ids[1]"]
    assert "T9" in errors[0].message and "T1, T2" in errors[0].message
    errors = errors_of("plan", changed("plan", home_visits__0__goal_ids=["T3"]))
    assert where(errors) == ["home_visits[0].goal_ids[0]"]


def test_duplicate_goal_ids() -> None:
    data = changed("plan")
    data["goals"].append({"id": "T1", "objective": "again"})
    errors = errors_of("plan", data)
    assert where(errors) == ["goals[2].id"]
    assert "T1" in errors[0].message


def test_goal_id_format() -> None:
    errors = errors_of("plan", changed("plan", goals__1__id="tujuan dua"))
    assert "goals[1].id" in where(errors)


def test_scope_does_not_leak_between_documents() -> None:
    """A plan validated after another one sees only its own goals."""
    model("plan").model_validate(copy.deepcopy(PLAN))
    other = {"date": "2025-10-01", "goals": [{"id": "A", "objective": "x"}],
             "activities": [{"type": "lainnya", "name": "y", "goal_ids": ["T1"]}]}
    assert where(errors_of("plan", other)) == ["activities[0].goal_ids[0]"]
    model("plan").model_validate(copy.deepcopy(PLAN))


def test_remote_wajib_lapor_needs_a_reason() -> None:
    errors = errors_of("monitoring", changed("monitoring", wajib_lapor={"status": "jarak_jauh"}))
    assert where(errors) == ["wajib_lapor.reason"]
    errors = errors_of("monitoring", changed("monitoring", wajib_lapor={"status": "jarak_jauh", "reason": "  "}))
    assert where(errors) == ["wajib_lapor.reason"]
    ok = changed("monitoring", wajib_lapor={"status": "jarak_jauh", "reason": "Sakit, lapor lewat video call"})
    assert validate(model("monitoring"), ok)[1] == []
    absent = changed("monitoring", wajib_lapor={"status": "tidak_hadir"})
    assert validate(model("monitoring"), absent)[1] == []


def test_monitoring_rules() -> None:
    errors = errors_of("monitoring", changed("monitoring", period={"start": "2025-11-10", "end": "2025-10-10"}))
    assert where(errors) == ["period.end"]
    errors = errors_of("monitoring", changed("monitoring", attendance__0__attended=5))
    assert where(errors) == ["attendance[0].attended"]
    assert "4" in errors[0].message
    data = changed("monitoring")
    data["progress"].append({"goal_id": "T1", "status": "tercapai"})
    assert where(errors_of("monitoring", data)) == ["progress[2].goal_id"]
    errors = errors_of("monitoring", changed("monitoring", progress__0__status="selesai"))
    assert where(errors) == ["progress[0].status"]
    errors = errors_of("monitoring", changed("monitoring", next_date="2025-11-01"))
    assert where(errors) == ["next_date"]
    errors = errors_of("monitoring", changed("monitoring", incidents=[{"kind": "tindak_pidana_baru"}]))
    assert where(errors) == ["incidents[0].description"]


@pytest.mark.parametrize(
    "path",
    ["../x", "../../etc/passwd", "a/../../b", "a\\..\\b", "/etc/passwd", "\\\\server\\share\\x", "C:\\x.jpg",
     "c:/x.jpg", "file:///etc/passwd", "https://example.com/x.jpg", "~/x.jpg", "", "a\x00b"],
)
def test_attachments_cannot_escape(path: str) -> None:
    errors = errors_of("intervention", changed("intervention", attachments=["ok.jpg", path]))
    assert where(errors) == ["attachments[1]"]


def test_attachments_inside_the_folder_are_fine() -> None:
    data = changed("intervention", attachments=["foto.jpg", "sesi 1/foto..jpg", "./a.pdf", "sub\\b.png"])
    assert validate(model("intervention"), data)[1] == []


def test_intervention_rules() -> None:
    errors = errors_of("intervention", changed("intervention", description=" "))
    assert where(errors) == ["description"]
    errors = errors_of("intervention", changed("intervention", type="konseling"))
    assert where(errors) == ["type"]
    errors = errors_of("intervention", changed("intervention", next_date="2025-10-01"))
    assert where(errors) == ["next_date"]


def test_reason_lainnya_needs_text() -> None:
    errors = errors_of("termination", changed("termination", reason="lainnya"))
    assert where(errors) == ["reason_other"]
    ok = changed("termination", reason="lainnya", reason_other="Pindah domisili ke luar negeri")
    assert validate(model("termination"), ok)[1] == []
    data = changed("termination")
    data["goal_outcomes"].append({"goal_id": "T1", "status": "berjalan"})
    assert where(errors_of("termination", data)) == ["goal_outcomes[1].goal_id"]


def test_genogram_rules() -> None:
    errors = errors_of("assessment", changed("assessment", genogram__relations__1__b="P7"))
    assert where(errors) == ["genogram.relations[1].b"]
    errors = errors_of("assessment", changed("assessment", genogram__relations__1__b="P1"))
    assert where(errors) == ["genogram.relations[1].b"]
    errors = errors_of("assessment", changed("assessment", genogram__people__2__id="P1"))
    assert "genogram.people[2].id" in where(errors)
    errors = errors_of("assessment", changed("assessment", genogram__people__1__is_client=True))
    assert where(errors) == ["genogram.people"]


def test_assessment_rules() -> None:
    errors = errors_of("assessment", changed("assessment", economic__income_monthly=-5))
    assert where(errors) == ["economic.income_monthly"]
    errors = errors_of("assessment", changed("assessment", needs__0__priority="urgent"))
    assert where(errors) == ["needs[0].priority"]
    errors = errors_of("assessment", changed("assessment", rri__version=_DROP))
    assert where(errors) == ["rri.version"]
    errors = errors_of("assessment", changed("assessment", rri__answers__penggunaan_zat=2))
    assert where(errors) == ["rri.answers.penggunaan_zat"]
    errors = errors_of("assessment", changed("assessment", rri__instrument="RRI A"))
    assert where(errors) == ["rri.instrument"]
    errors = errors_of("assessment", changed("assessment", rri__score=9))
    assert where(errors) == ["rri.score"]  # scores are computed, never stored


def test_instrument_part_defaults_and_numeric_version() -> None:
    doc = AssessmentDoc.model_validate(
        {"date": "2025-09-20", "rri": {"version": 2021}, "criminogenic": {"version": "2021"}}
    )
    assert doc.rri is not None and doc.criminogenic is not None
    assert doc.rri.instrument == "rri" and doc.rri.version == "2021"
    assert doc.criminogenic.instrument == "kriminogenik"


def test_unknown_field_is_a_typo() -> None:
    errors = errors_of("engagement", changed("engagement", contract__interval=30))
    assert where(errors) == ["contract.interval"]


def test_messages_in_english() -> None:
    set_lang("en")
    errors = errors_of("monitoring", changed("monitoring", wajib_lapor={"status": "jarak_jauh"}))
    assert errors[0].message == "remote mandatory reporting needs a reason"


def test_every_custom_error_has_a_message_in_both_catalogs() -> None:
    import re
    from pathlib import Path

    src = Path(registry.__file__).parent
    keys: set[str] = set()
    for name in ("engagement", "assessment", "plan", "intervention", "monitoring", "termination", "reopen", "refs"):
        keys |= set(re.findall(r'"(bc_[a-z_]+)"', (src / f"{name}.py").read_text(encoding="utf-8")))
    assert keys
    for lang in ("id", "en"):
        missing = [k for k in keys if f"val.{k}" not in catalog(lang)]
        assert not missing, (lang, missing)


# -- JSON Schema ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(VALID))
def test_json_schema_validates_a_dumped_document(name: str) -> None:
    m = model(name)
    schema = m.model_json_schema()
    json.dumps(schema)  # serializable
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = m.model_validate(copy.deepcopy(VALID[name]))
    dumped = doc.model_dump(mode="json", exclude_none=True)
    jsonschema.validate(dumped, schema, cls=jsonschema.Draft202012Validator)
    # and the schema rejects an obvious mistake
    bad = dict(dumped)
    bad["date"] = 5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_json_schema_carries_english_titles_and_choices() -> None:
    schema = model("monitoring").model_json_schema()
    status = schema["$defs"]["WajibLapor"]["properties"]["status"]
    enum_def = schema["$defs"][status["$ref"].split("/")[-1]] if "$ref" in status else status
    assert enum_def["enum"] == ["hadir", "jarak_jauh", "tidak_hadir"]
    assert schema["properties"]["date"]["x-title-en"] == "Monitoring date"


def test_json_schema_attachment_pattern_agrees_with_the_model() -> None:
    schema = model("intervention").model_json_schema()
    pattern = schema["properties"]["attachments"]["items"]["pattern"]
    import re

    for good in ("foto.jpg", "sesi 1/a.pdf", "./a.pdf"):
        assert re.search(pattern, good), good
    for bad in ("../x", "/etc/passwd", "C:\\x", "a/../b", "~/x", "https://x"):
        assert not re.search(pattern, bad), bad


def test_required_fields_are_few() -> None:
    """Everything a PK cannot always know is optional: the required top-level fields per document."""
    required = {name: sorted(model(name).model_json_schema().get("required", [])) for name in VALID}
    assert required == {
        "engagement": ["date"],
        "assessment": ["date"],
        "plan": ["date", "goals"],
        "intervention": ["date", "description", "type"],
        "monitoring": ["date", "wajib_lapor"],
        "termination": ["date", "reason"],
        "reopen": ["date", "reason"],
    }


def test_ask_fields_exclude_schema_version() -> None:
    for name in VALID:
        assert "schema_version" not in [n for n, _ in ask_fields(model(name))]
