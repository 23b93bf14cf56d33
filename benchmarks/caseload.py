"""Generate a casebook with many fictional cases, and time ``list``, ``due``, ``find`` and ``stats`` on it, cold
(no index), warm with a new question (the index current, no answer kept: the first read after a write) and warm
(the same question asked again: the kept answer, ``store.answers``), against a libyaml parse of every ``case.yaml`` measured interleaved in the same run; the
peak resident memory of each run is recorded too.

    python benchmarks/caseload.py --cases 10000 [--dir DIR] [-n 5] [--commands list,due] [--warm-only] [--json]

Cases are written directly as ``case.yaml`` files through bapascase's own YAML writer (validating each with
the model would only slow the generator down; the first few are validated to keep the generator honest).
Every person, place and number in them is made up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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


# the day the benchmarks run on: after every generated intake (the latest is 2025-01-01 + 539 days, 24 June 2026),
# as a registration is never dated ahead of its day (an import refuses one)
TODAY = "2026-07-01"


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


# The baseline: a fresh Python that parses every case.yaml with libyaml (the least any cold read must do)
PARSE = """
import os, sys, yaml
root = os.path.join(sys.argv[1], "cases")
for name in sorted(os.listdir(root)):
    with open(os.path.join(root, name, "case.yaml"), encoding="utf-8") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
"""


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one run of ``cmd``, its own figures (``os.wait4``)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stderr = proc.stderr.read() if proc.stderr else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{stderr.decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


# find: one of the 15 surnames (about one case in 15 matches; the generator's first 40 cases hold none)
COMMANDS = {"list": ["list"], "due": ["due"], "find": ["find", "Ginting"], "stats": ["stats"]}


def measure(root: Path, runs: int, commands: list[str], cold: bool, env: dict[str, str],
            before: Path | None = None, new_question: bool = False) -> dict[str, Any]:
    """Median wall, CPU and peak memory of each command, interleaved with the baseline parse in the same run.
    ``cold``: the index is removed before each timed run of a command (the first run after a copy or a clone).
    ``before``: the ``src`` folder of another build of bapascase (e.g. ``git archive`` of the commit before a
    change), whose commands run interleaved too, as ``<command>@before``, on a copy of the casebook (the two
    builds keep different indexes). ``new_question``: the index is warm but the kept answers are removed before
    each timed run (``store.answers``: the first time a question is asked of the casebook as it is, e.g. the
    first read after a write)."""
    index = root / ".bapascase" / "index.sqlite3"
    subjects = {"parse": [sys.executable, "-c", PARSE, str(root)]}
    envs: dict[str, dict[str, str]] = {}
    indexes: dict[str, Path] = {}
    other = None
    if before is not None:
        other = root.parent / f"{root.name}-before"
        if not (other / "cases").is_dir():
            shutil.copytree(root, other, symlinks=True, ignore=shutil.ignore_patterns("index.sqlite3*"))
    for name in commands:
        subjects[name] = [*bapascase_cmd(), "-C", str(root), *COMMANDS[name]]
        indexes[name] = index
        if before is not None and other is not None:
            key = f"{name}@before"
            subjects[key] = [sys.executable, "-m", "bapascase", "-C", str(other), *COMMANDS[name]]
            # its own cache folder: the two builds' model files differ, and would rebuild each other's labels
            envs[key] = {**env, "PYTHONPATH": str(before), "XDG_CACHE_HOME": str(other) + "-cache"}
            indexes[key] = other / ".bapascase" / "index.sqlite3"
    wall: dict[str, list[float]] = {n: [] for n in subjects}
    cpu: dict[str, list[float]] = {n: [] for n in subjects}
    mem: dict[str, list[float]] = {n: [] for n in subjects}
    for name, cmd in subjects.items():  # warm-up: OS caches, bytecode, the index
        run_child(cmd, envs.get(name, env))
    for _ in range(runs):
        for name, cmd in subjects.items():
            if cold and name != "parse":
                for stale in indexes[name].parent.glob("index*"):
                    stale.unlink()
            if new_question and name != "parse":
                shutil.rmtree(indexes[name].parent / "answers", ignore_errors=True)
            w, c, m = run_child(cmd, envs.get(name, env))
            wall[name].append(w)
            cpu[name].append(c)
            mem[name].append(m)
    med = {n: statistics.median(v) for n, v in wall.items()}
    return {"median_s": med, "ratio": {n: v / med["parse"] for n, v in med.items()},
            "cpu_median_s": {n: statistics.median(v) for n, v in cpu.items()},
            "peak_mb": {n: max(v) for n, v in mem.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--dir", type=Path, help="where to generate, or a casebook generated before (default: a "
                                              "temporary folder, removed after)")
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--commands", default="list,due,find,stats", help="comma-separated (default: all four)")
    ap.add_argument("--warm-only", action="store_true", help="skip the cold runs (e.g. for memory at 50,000)")
    ap.add_argument("--before", type=Path, help="the src folder of another build, run interleaved as "
                                                "<command>@before (a before/after comparison in one run)")
    ap.add_argument("--json", action="store_true")
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
            if not args.json:
                print(f"generated {args.cases} cases in {time.perf_counter() - t0:.1f}s at {root}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("BAPASCASE_") and k != "PYTHONDONTWRITEBYTECODE"}
        env["COLUMNS"] = "160"
        env["BAPASCASE_TODAY"] = TODAY
        commands = [c.strip() for c in args.commands.split(",") if c.strip()]
        count = sum(1 for _ in (root / "cases").iterdir())
        result: dict[str, Any] = {"cases": count, "runs": args.runs}
        if not args.warm_only:
            result["cold"] = measure(root, args.runs, commands, True, env, args.before)
        result["warm, new question"] = measure(root, args.runs, commands, False, env, args.before, new_question=True)
        result["warm"] = measure(root, args.runs, commands, False, env, args.before)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{count} cases, median of {args.runs} interleaved runs against a libyaml parse of every case.yaml")
    for mode in ("cold", "warm, new question", "warm"):
        if mode not in result:
            continue
        r = result[mode]
        print(f"{mode} index:" if mode != "warm, new question" else "warm index, a new question (no answer kept):")
        cpu_parse = r["cpu_median_s"]["parse"]
        for name, t in r["median_s"].items():
            print(f"  {name:<13} {t * 1000:8.0f} ms {r['ratio'][name]:5.2f}x   cpu {r['cpu_median_s'][name] * 1000:7.0f} ms"
                  f" {r['cpu_median_s'][name] / cpu_parse:5.2f}x   peak {r['peak_mb'][name]:6.1f} MB")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
