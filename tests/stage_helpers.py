"""Helpers for the casework-stage tests: BZG's answers for every stage, scripted runs, the demo casebook copy.

The answers follow the case study (alcohol and peers as triggers, wife and pastor as resources, the barber-shop
plan), dated after ``tests.helpers.intake_answers()`` (supervision from 1 March 2026) and up to ``TODAY``.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import Result

from tests.helpers import ROOT, Book, assert_clean_exit, write_answers

# command -> stage document name (the schema NAME)
STAGE_OF = {
    "engage": "engagement",
    "assess": "assessment",
    "plan": "plan",
    "intervene": "intervention",
    "monitor": "monitoring",
    "terminate": "termination",
}
COMMANDS = tuple(STAGE_OF)

# the demo casebook at the repository's top level
BZG = "2025-bzg-k7m2p"  # the case study's client: all six stages, terminated
NCP = "2026-ncp-3xq8d"  # CB client in monitoring, three missed wajib lapor, reassessed
RCP = "2026-rcp-9bt4w"  # a child client, just assessed
SCL = "2026-scl-7h4tw"  # CMB client whose masa bimbingan ended: closed, with its closing report
FCS = "2026-fcs-4kw2n"  # pidana kerja sosial: 120 hours at a mosque through Griya Abhipraya, hours left
HCL = "2026-hcl-8pr3d"  # pidana pengawasan: a restitution partly paid, a special condition met

RRI_RENDAH = {  # 3 points: Rendah
    "ditahan_usia_16": "tidak", "pernah_dipenjara": "tidak", "pasal_3_atau_lebih": "tidak",
    "pelanggaran_reintegrasi": "tidak", "riwayat_pidana": "tidak_ada", "pelanggaran_tata_tertib": "tidak",
    "skors_sekolah": "ya", "keluarga_dipidana": "tidak", "penggunaan_zat": "alkohol", "menganggur_12_bulan": "ya",
}
RRI_SEDANG = {**RRI_RENDAH, "ditahan_usia_16": "ya", "riwayat_pidana": "satu_dua", "skors_sekolah": "tidak"}  # 7
RRI_TINGGI = {**RRI_SEDANG, "riwayat_pidana": "tiga_lebih", "penggunaan_zat": "keduanya", "skors_sekolah": "ya"}  # 12
# a child's risk instrument (anak-risiko 2019): risk 13 less protective 2 = 11, Rendah
CHILD_RISK = {
    "ditahan_usia_12": "tidak", "tindak_pidana_5_tahun": "pertama", "usia_saat_tindak_pidana": "u16_17",
    "kategori_pidana": "d", "pelanggaran_selama_proses": "tidak_pernah", "pendidikan_tertinggi": "sd_lulus",
    "status_pekerjaan": "pelajar", "hubungan_orang_tua": "baik", "teman_kriminal": "akrab",
    "pandangan_pidana": "salah", "pola_asuh": "cukup_mampu", "pihak_pendamping": "orang_tua",
}

CRIMINOGENIC = {
    "keluarga_pernikahan": "rendah", "pendidikan_pekerjaan": "tinggi", "narkoba_alkohol": "sedang",
    "hubungan_sosial": "sedang", "waktu_luang": "sedang", "manajemen_keuangan": "sedang", "sikap_antisosial": "rendah",
}

_ANSWERS: dict[str, dict[str, Any]] = {
    "engage": {
        "date": "2026-03-05",
        "contacts": [
            {"date": "2026-03-05", "mode": "tatap_muka", "place": "Ruang konseling Bapas Kelas I Medan",
             "participants": ["Praktikan"],
             "notes": "Pertemuan pertama; klien awalnya tegang, lalu bercerita tentang keluarganya."},
            {"date": "2026-03-09", "mode": "kunjungan_rumah", "place": "Rumah klien, Medan Amplas",
             "participants": ["Istri klien (penjamin)"]},
        ],
        "rapport": "Empati, komunikasi terbuka, perlahan dan konsisten.",
        "client_expectations": "Kembali menjadi ayah dan kepala keluarga; membantu istri berjualan di Pasar MMTC.",
        "intake": {"status_explained": True, "rights_explained": True, "obligations_explained": True,
                   "prohibitions_explained": True, "sanctions_explained": True, "client_understood": True},
        "contract": {
            "agreed_goals": ["Menjauhi minuman beralkohol dan pergaulan lama", "Memiliki keterampilan kerja"],
            "wajib_lapor_interval_days": 30,
            "wajib_lapor_mode": "langsung",
            "client_commitments": ["Hadir wajib lapor setiap bulan"],
            "officer_commitments": ["Mendampingi pelatihan di Griya Abhipraya"],
            "data_consent": True,
            "signed_date": "2026-03-09",
        },
    },
    "assess": {
        "date": "2026-03-12",
        "sources": ["Wawancara klien", "Wawancara istri (penjamin)", "Observasi kunjungan rumah"],
        "personal": {"psychological": "Kooperatif dan terbuka; emosi kadang sulit dikendalikan.",
                     "remorse_insight": "Menyesali perbuatannya."},
        "family": {"relationships": "Cukup harmonis dengan istri dan anak-anak."},
        "social": {"neighbours": "Renggang; klien merasa terasing.", "peers": "Teman lama peminum tuak."},
        "spiritual": {"figures": "Pendeta gereja"},
        "economic": {"occupation": "Buruh bangunan", "income_monthly": 1500000, "skills": ["Berdagang"]},
        "offence": {"triggers": ["Minuman beralkohol", "Teman sepergaulan"]},
        "resources": [
            {"name": "Istri dan anak-anak", "kind": "Keluarga inti", "category": "informal", "strength": "kuat",
             "direction": "timbal_balik"},
            {"name": "Pendeta gereja", "category": "informal", "strength": "kuat", "direction": "ke_klien"},
            {"name": "Griya Abhipraya", "category": "formal", "strength": "sedang", "direction": "ke_klien"},
            {"name": "Kanwil Sumatera Utara", "category": "kemasyarakatan", "strength": "lemah",
             "direction": "ke_klien"},
            {"name": "Tetangga", "category": "kemasyarakatan", "strength": "stres", "direction": "tidak_ada"},
        ],
        "genogram": {
            "people": [{"id": "P1", "name": "Klien", "is_client": True, "sex": "L"},
                       {"id": "P2", "name": "Istri", "relation": "istri", "sex": "P"}],
            "relations": [{"a": "P1", "b": "P2", "kind": "menikah"}],
        },
        "needs": [
            {"need": "Pemulihan peran dalam keluarga", "priority": "tinggi", "domain": "keluarga"},
            {"need": "Keterampilan kerja dan usaha", "priority": "tinggi", "domain": "ekonomi"},
            {"need": "Menjauhi alkohol dan pergaulan lama", "priority": "sedang", "domain": "kesehatan"},
        ],
        "strengths": ["Motivasi kuat untuk berubah", "Dukungan istri"],
        "rri": {"answers": dict(RRI_RENDAH)},
        "criminogenic": {"answers": dict(CRIMINOGENIC)},
        "analysis": "Keluarga dan gereja sumber kekuatan; teman peminum dan lingkungan lama faktor risiko.",
    },
    "plan": {
        "date": "2026-03-19",
        "goals": [
            {"id": "T1", "need": "Pemulihan peran dalam keluarga",
             "objective": "Klien menjalankan kembali perannya sebagai ayah dan kepala keluarga",
             "indicators": ["Rutin mengantar anak ke sekolah"], "target_date": "2026-06-30"},
            {"id": "T2", "need": "Keterampilan kerja dan usaha",
             "objective": "Klien memiliki keterampilan pangkas rambut dan rencana usaha",
             "target_date": "2026-07-31"},
            {"id": "T3", "objective": "Klien tidak mengonsumsi alkohol"},
        ],
        "activities": [
            {"type": "pelatihan_keterampilan", "name": "Pelatihan pangkas rambut", "venue": "Griya Abhipraya",
             "schedule": "Setiap Senin, April–Mei 2026", "responsible": "Pengelola Griya Abhipraya",
             "goal_ids": ["T2"]},
            {"type": "bimbingan_kepribadian", "name": "Bimbingan spiritual", "partner": "Pendeta gereja klien",
             "goal_ids": ["T1", "T3"]},
        ],
        "home_visits": [{"date": "2026-04-06", "purpose": "Bertemu penjamin", "goal_ids": ["T1"]}],
        "theories": ["ekologi", "kekuatan", "peran"],
        "agreed_with_client": True,
    },
    "intervene": {
        "date": "2026-04-06",
        "type": "pelatihan_keterampilan",
        "topic": "Pelatihan pangkas rambut (dasar)",
        "goal_ids": ["T2"],
        "participants": ["Instruktur Griya Abhipraya"],
        "place": "Griya Abhipraya",
        "duration_minutes": 180,
        "description": "Klien mempelajari alat dan teknik dasar pangkas rambut.",
        "client_response": "Antusias; ingin membuka usaha pangkas sendiri.",
        "next_date": "2026-04-13",
    },
    "monitor": {
        "date": "2026-04-30",
        "period": {"start": "2026-04-01", "end": "2026-04-30"},
        "methods": ["observasi", "wawancara"],
        "wajib_lapor": {"status": "hadir"},
        "attendance": [{"activity": "Pelatihan pangkas rambut", "planned": 4, "attended": 4}],
        "ratings": {"engagement": 4, "response": 5, "behaviour_change": 4},
        "progress": [
            {"goal_id": "T1", "status": "berjalan"},
            {"goal_id": "T2", "status": "berjalan", "notes": "Rencana usaha pangkas sudah tertulis."},
            {"goal_id": "T3", "status": "tercapai"},
        ],
        "obstacles": "Tetangga masih menjaga jarak.",
    },
    "terminate": {
        "date": "2026-06-15",
        "reason": "tujuan_tercapai",
        "evaluation": {"changes_observed": "Klien menjalankan perannya di keluarga dan memiliki keterampilan baru.",
                       "client_reflection": "Lebih percaya diri."},
        "goal_outcomes": [{"goal_id": "T1", "status": "tercapai"}, {"goal_id": "T2", "status": "tercapai"}],
        "resources_kept": ["Istri dan anak-anak", "Pendeta gereja"],
        "recommendations": "Tetap berhubungan dengan pendeta dan Griya Abhipraya.",
    },
}


def answers(command: str, **changes: Any) -> dict[str, Any]:
    """A fresh copy of BZG's answers for ``command``; keyword arguments replace top-level keys (None drops)."""
    data = copy.deepcopy(_ANSWERS[command])
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def answers_file(book: Book, data: Any, name: str = "answers.yaml") -> Path:
    """An answers file next to (never inside) the casebook."""
    return write_answers(book.root.parent / "answers" / name, data)


def record(book: Book, command: str, case_id: str, data: Any = None, *extra: str, name: str | None = None,
           lang: str | None = None, **kw: Any) -> Result:
    """``bapascase [--lang LANG] COMMAND CASE --answers FILE --no-input [EXTRA...]`` (no ``--answers`` when data
    is None)."""
    args = [*(["--lang", lang] if lang else []), command, case_id]
    if data is not None:
        args += ["--answers", str(answers_file(book, data, name or f"{command}.yaml"))]
    return book.run(*args, "--no-input", *extra, **kw)


def record_ok(book: Book, command: str, case_id: str, data: Any = None, *extra: str, **kw: Any) -> dict[str, Any]:
    """``record`` with ``--json``; asserts success and returns the JSON output."""
    result = record(book, command, case_id, answers(command) if data is None else data, *extra, "--json", **kw)
    assert_clean_exit(result, 0)
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def through(book: Book, case_id: str, *commands: str) -> None:
    """Record BZG's answers for each command in turn."""
    for command in commands:
        record_ok(book, command, case_id)


def summary(book: Book, case_id: str, **kw: Any) -> dict[str, Any]:
    result = book.run("show", case_id, "--json", **kw)
    assert_clean_exit(result, 0)
    out: dict[str, Any] = json.loads(result.stdout)["case"]
    return out


def listed(book: Book, **kw: Any) -> dict[str, dict[str, Any]]:
    """``list --all --json`` as ``{case id: row}``."""
    result = book.run("list", "--all", "--json", **kw)
    assert_clean_exit(result, 0)
    return {row["id"]: row for row in json.loads(result.stdout)["cases"]}


def git_log(root: Path) -> list[str]:
    """Commit subjects, newest first."""
    out = subprocess.run(["git", "-C", str(root), "log", "--format=%s"], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def git_tracked(root: Path) -> set[str]:
    out = subprocess.run(["git", "-C", str(root), "ls-files"], capture_output=True, text=True, check=True)
    return set(out.stdout.splitlines())


def git_clean(root: Path) -> bool:
    out = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, check=True)
    return out.stdout.strip() == ""


def demo_book(tmp_path: Path) -> Book:
    """A copy of the repository's demo casebook (settings, cases and any casebook instruments) in ``tmp_path``."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy2(ROOT / "bapascase.yaml", root / "bapascase.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    if (ROOT / "instruments").is_dir():
        shutil.copytree(ROOT / "instruments", root / "instruments")
    return Book(root)


# an entry file is named by its date and a tag unique across clones (bapascase.store.naming)
ENTRY_TAG = r"[0-9abcdefghjkmnpqrstvwxyz]{5}"


def is_entry(path: str, dated: str) -> bool:
    """``path`` names an entry recorded for ``dated`` (``cases/X/monitoring/2026-04-30``): that, plus a tag."""
    return re.fullmatch(re.escape(dated) + "-" + ENTRY_TAG + r"\.yaml", path) is not None


def entries_of(book: Book, case_id: str, folder: str, date: str) -> list[str]:
    """The entries of one date in a case folder (relative to the case), in the order bapascase sorts them."""
    from bapascase.store.naming import entry_sort_key

    where = book.cases / case_id / folder
    names = [p.name for p in where.glob(f"{date}*.yaml") if is_entry(p.name, date) or p.name == f"{date}.yaml"]
    return [f"{folder}/{n}" for n in sorted(names, key=entry_sort_key)]


def entry_rel(book: Book, case_id: str, rel: str) -> str:
    """``monitoring/2026-05-31.yaml`` as the one entry recorded for that date (``monitoring/2026-05-31-0k3qx.yaml``);
    single-file documents and exact names are returned as they are."""
    folder, _, name = rel.rpartition("/")
    if not folder or (book.cases / case_id / rel).exists():
        return rel
    found = entries_of(book, case_id, folder, name.removesuffix(".yaml"))
    assert len(found) == 1, f"expected one entry for {rel}, found {found}"
    return found[0]


def draft_file(book: Book, case_id: str, stage: str) -> Path:
    return book.root / ".bapascase" / "drafts" / f"{case_id}--{stage}.yaml"


def case_files(book: Book, case_id: str) -> list[str]:
    """Every YAML file of a case, relative to its folder."""
    folder = book.cases / case_id
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.yaml"))


def complete(command: str, data: dict[str, Any], *ask: str) -> dict[str, Any]:
    """``data`` with every other field of the stage given as empty (in nested parts too), so an interactive run
    asks only the top-level fields named in ``ask`` (an answer given as empty is not asked again; the model's
    default applies)."""
    from bapascase.model.registry import model_for

    out = _filled(model_for(STAGE_OF[command]), data)
    for name in ask:
        out.pop(name, None)
    return out


def _filled(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    from bapascase.model.meta import is_model, unwrap

    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "schema_version":
            continue
        value = data.get(name)
        inner, _ = unwrap(info.annotation)
        out[name] = _filled(inner, value) if is_model(inner) and isinstance(value, dict) else value
    return out


# -- keys for the questionary prompts (see tests.helpers for ENTER, DOWN, pick, type_ ...) ---------------------

SPACE = " "


def multiline(text: str) -> str:
    """Keys that answer a multi-line text prompt (Esc then Enter finishes it)."""
    from tests.helpers import ESC_ENTER

    return text + ESC_ENTER


def retype(text: str) -> str:
    """Keys that replace a pre-filled text answer."""
    from tests.helpers import CTRL_U, type_

    return CTRL_U + type_(text)


def check(*positions: int) -> str:
    """Keys that tick the checkbox choices at ``positions`` (0-based, from the top) and submit."""
    from tests.helpers import DOWN, ENTER

    keys, at = "", 0
    for pos in sorted(positions):
        keys += DOWN * (pos - at) + SPACE
        at = pos
    return keys + ENTER


def interactive_seen(args: list[str], keys: list[str] | str, *, casebook: Path, **kw: Any) -> tuple[Result, str]:
    """Like ``tests.helpers.interactive``, but also returns what the prompts drew (their questions and choices)."""
    import io

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from tests.helpers import invoke, reuse_default_key_bindings

    reuse_default_key_bindings()
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys if isinstance(keys, str) else "".join(keys))
        pipe.close()
        result = invoke(args, casebook=casebook, pipe_input=pipe, pipe_output=PlainTextOutput(screen), **kw)
    return result, screen.getvalue()


# -- a scripted $EDITOR ------------------------------------------------------------------------------------------

_EDITOR_SCRIPT = '''\
import json, sys
from pathlib import Path

spec = Path(sys.argv[1])
target = Path(sys.argv[2])
runs = json.loads(spec.read_text(encoding="utf-8"))
log = spec.with_suffix(".log")
done = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
with log.open("a", encoding="utf-8") as fh:
    fh.write(str(target) + "\\n")
step = runs[min(len(done), len(runs) - 1)]
text = target.read_text(encoding="utf-8")
for old, new in step:
    if old not in text:
        sys.exit(f"editor script: {old!r} not in {target}")
    text = text.replace(old, new, 1)
target.write_text(text, encoding="utf-8")
'''


@dataclass
class Editor:
    """A stand-in for ``$EDITOR``: each run replaces text in the file it is given (run N uses ``runs[N]``, the
    last one repeating) and logs the path it edited."""

    command: str
    log: Path

    @property
    def edited(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    @property
    def env(self) -> dict[str, str]:
        return {"EDITOR": self.command, "VISUAL": ""}


def make_editor(folder: Path, *runs: list[tuple[str, str]], name: str = "editor") -> Editor:
    import sys

    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "fake_editor.py"
    script.write_text(_EDITOR_SCRIPT, encoding="utf-8")
    spec = folder / f"{name}.json"
    spec.write_text(json.dumps([list(map(list, r)) for r in runs]), encoding="utf-8")
    return Editor(f"{sys.executable} {script} {spec}", spec.with_suffix(".log"))


def add_rri_version(book: Book, version: str, rename: dict[str, str] | None = None) -> None:
    """A newer RRI version in the casebook's ``instruments/`` (a copy of the built-in one, items renamed)."""
    from importlib.resources import files

    text = (files("bapascase") / "data" / "instruments" / "rri-2021.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2021"', f'version: "{version}"')
    for old, new in (rename or {}).items():
        text = text.replace(f"id: {old}\n", f"id: {new}\n")
    folder = book.root / "instruments"
    folder.mkdir(exist_ok=True)
    (folder / f"rri-{version}.yaml").write_text(text, encoding="utf-8")
