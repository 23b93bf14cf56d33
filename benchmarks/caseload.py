"""Generate a casebook with many fictional cases, and time ``bapascase list`` on it (cold and warm index).

    python benchmarks/caseload.py --cases 10000 [--dir DIR] [-n 5]

Cases are written directly as ``case.yaml`` files through bapascase's own YAML writer (validating each with
the model would only slow the generator down; the first few are validated to keep the generator honest).
Every person, place and number in them is made up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Ani", "Joko", "Rina", "Hendra", "Maya", "Bambang", "Lestari",
         "Andi", "Fitri", "Yusuf", "Nur", "Rizky", "Putri", "Dedi", "Wati"]
LAST = ["Ginting", "Siregar", "Nasution", "Harahap", "Lubis", "Sembiring", "Tarigan", "Sitorus", "Simanjuntak",
        "Hasibuan", "Saragih", "Purba", "Damanik", "Pohan", "Batubara"]
PROGRAMMES = ["PB", "CB", "CMB", "asimilasi", "asimilasi_rumah"]
OFFENCES = [("Pencurian", "Pasal 362 KUHP"), ("Penipuan", "Pasal 378 KUHP"), ("Penggelapan", "Pasal 372 KUHP"),
            ("Narkotika", "Pasal 112 UU 35/2009"), ("Penganiayaan", "Pasal 351 KUHP")]
OFFICERS = [("Hendra Saputra", "198503122010121002"), ("Rosalina Tambunan", "198807242012122001"),
            ("Ahmad Fauzi", "197911302005011003")]


def fake_case(rng: random.Random, n: int) -> dict[str, Any]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
    start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 540))
    end = start + dt.timedelta(days=rng.randrange(90, 1500))
    offence, article = rng.choice(OFFENCES)
    officer, nip = rng.choice(OFFICERS)
    nik = f"12{rng.randrange(10, 80):02d}{rng.randrange(1, 30):02d}{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{n % 10000:04d}"
    return {
        "schema_version": 1,
        "intake_date": start,
        "identity": {
            "name": name,
            "sex": rng.choice(["L", "P"]),
            "birth_place": "Medan",
            "birth_date": birth,
            "nik": nik,
            "religion": rng.choice(["Islam", "Kristen", "Katolik", "Buddha"]),
            "nationality": "Indonesia",
            "education": rng.choice(["SD", "SMP", "SMA", "S1"]),
            "marital_status": rng.choice(["belum_kawin", "kawin", "cerai_hidup"]),
            "address": f"Jl. Contoh No. {n % 200 + 1}, Medan",
        },
        "legal": {
            "programme": rng.choice(PROGRAMMES),
            "offence": offence,
            "articles": [article],
            "sentence_years": rng.randrange(0, 8),
            "sentence_months": rng.randrange(0, 12),
            "supervision_start": start,
            "supervision_end": end,
        },
        "assignment": {"officer": {"name": officer, "nip": nip}},
    }


def generate(root: Path, count: int, seed: int = 2026, validate_first: int = 3) -> Path:
    """A casebook at ``root`` with ``count`` generated cases (ids ``2025-gen-00001`` ...)."""
    from bapascase.store import yamlio
    from bapascase.store.casebook import Casebook

    root.mkdir(parents=True, exist_ok=True)
    (root / "bapascase.yaml").write_text(
        "schema_version: 1\noffice:\n  name: Bapas Kelas I Contoh\nlanguage: id\nauto_commit: false\n", encoding="utf-8"
    )
    book = Casebook(root)
    rng = random.Random(seed)
    header = None
    for n in range(1, count + 1):
        data = fake_case(rng, n)
        if n <= validate_first:
            from bapascase.model.case import CaseDoc

            CaseDoc.model_validate(data)
        folder = book.cases_dir / f"{data['intake_date'].year}-gen-{n:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "case.yaml"
        if header is None:
            header = book.schema_header(path, "case")
        path.write_text(yamlio.dumps(data, header=header), encoding="utf-8")
    return root


def bapascase_cmd() -> list[str]:
    script = Path(sys.executable).parent / "bapascase"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bapascase"]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--dir", type=Path, help="where to generate (default: a temporary folder, removed after)")
    ap.add_argument("-n", "--runs", type=int, default=5)
    args = ap.parse_args(argv)

    tmp = None
    root = args.dir
    if root is None:
        tmp = tempfile.mkdtemp(prefix="bapascase-caseload-")
        root = Path(tmp) / "casebook"
    try:
        if not (root / "cases").is_dir():
            t0 = time.perf_counter()
            generate(root, args.cases)
            print(f"generated {args.cases} cases in {time.perf_counter() - t0:.1f}s at {root}")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["COLUMNS"] = "160"
        index = root / ".bapascase" / "index.json"
        rows = []
        for label, extra in (("list", []), ("list --json", ["--json"])):
            cold, warm = [], []
            for _ in range(args.runs):
                index.unlink(missing_ok=True)
                cold.append(timed([*bapascase_cmd(), "-C", str(root), "list", *extra], env))
                warm.append(timed([*bapascase_cmd(), "-C", str(root), "list", *extra], env))
            rows.append((label, statistics.median(cold), statistics.median(warm)))
        baseline = statistics.median(timed([sys.executable, "-c", "import typer"], env) for _ in range(args.runs))
        print(f"{args.cases} cases, median of {args.runs} runs; baseline `python -c 'import typer'` {baseline * 1000:.0f} ms")
        print(f"{'command':<14} {'cold index':>12} {'warm index':>12}")
        for label, cold_t, warm_t in rows:
            print(f"{label:<14} {cold_t * 1000:>9.0f} ms {warm_t * 1000:>9.0f} ms")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
