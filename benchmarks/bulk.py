"""``import`` of many cases and ``check`` of a big casebook, each against a libyaml parse of every ``case.yaml``
measured interleaved in the same run.

    python benchmarks/bulk.py [--cases 10000] [-n 3] [--git] [--json] [--only import|check]
                              [--build NAME=SRC ...]

import  ``bapascase import cases.yaml --no-input`` of N generated intakes (a YAML list, as an office's other
        system would export them) into an empty casebook; all or nothing. With ``--git`` the casebook is a git
        repository committing automatically, so the time includes staging and committing the N files.
check   ``bapascase check`` on the casebook the import made (its files carry the import's "validated at write"
        stamps; ``--full`` runs ``check --full``, which ignores them).
parse   a fresh Python parsing every ``case.yaml`` of that casebook with libyaml: the baseline.
Targets (issue 15): import of 10,000 cases <= 15 s; check <= 1.5x the parse.

``--build NAME=SRC`` also imports with the bapascase of another source tree (its ``src`` folder, e.g. a ``git
archive`` of an earlier commit) in turns with the installed one, so two builds are compared on the same load; the
CPU seconds (user and system, git's included) of each import are shown beside the wall time.
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
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from caseload import FIRST, LAST, PARSE, TODAY, bapascase_cmd, fake_case, run_child  # noqa: E402

IMPORT_TARGET_S = 15.0
CHECK_TARGET = 1.5


def write_input(path: Path, count: int, seed: int = 2027) -> None:
    """N intakes as one YAML list (dates as text, as an export would hold them)."""
    from bapascase.store import yamlio

    rng = random.Random(seed)

    def plain(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items() if k != "schema_version"}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v.isoformat() if isinstance(v, dt.date) else v

    rows = []
    for n in range(1, count + 1):
        row = plain(fake_case(rng, n))
        # no two rows the same client (a NIK is unique up to 10,000 rows; the names are unique up to 90,000)
        a, b, c, d = n % 20, n // 20 % 20, n // 400 % 15, n // 6000 % 15
        row["identity"]["name"] = f"{FIRST[a]} {FIRST[b]} {LAST[c]} {LAST[d]}"
        rows.append(row)
    path.write_text(yamlio.dumps(rows), encoding="utf-8")


def fresh_casebook(root: Path, git: bool) -> None:
    while root.exists():  # a ``git gc --auto`` the last commit left running may still be removing objects
        shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    officers = "\n".join(f"  - name: {name}\n    nip: '{nip}'" for name, nip in
                         (("Hendra Saputra", "198503122010121002"), ("Rosalina Tambunan", "198807242012122001"),
                          ("Ahmad Fauzi", "197911302005011003")))
    (root / "bapascase.yaml").write_text(
        f"schema_version: 1\noffice:\n  name: Bapas Kelas I Contoh\nlanguage: id\nauto_commit: {str(git).lower()}\n"
        f"officers:\n{officers}\n", encoding="utf-8")
    (root / "cases").mkdir()
    if git:
        for args in (["init", "-q"], ["config", "user.name", "Bench"], ["config", "user.email", "bench@example.org"],
                     ["add", "-A"], ["commit", "-qm", "start"]):
            subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def exe_of(src: str | None) -> list[str]:
    """The command that runs bapascase: the installed one, or the one in the source folder ``src``."""
    if src is None:
        return bapascase_cmd()
    code = f"import sys; sys.path.insert(0, {src!r}); from bapascase.cli.main import run; sys.exit(run())"
    return [sys.executable, "-c", code]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("-n", "--runs", type=int, default=3)
    ap.add_argument("--git", action="store_true", help="import into a git casebook that commits automatically")
    ap.add_argument("--only", choices=("import", "check"))
    ap.add_argument("--full", action="store_true", help="check --full: every file validated, stamps ignored")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--build", action="append", default=[], metavar="NAME=SRC",
                    help="also import with the bapascase in SRC (a source tree's src folder), interleaved")
    ap.add_argument("--skip-installed", action="store_true", help="only the --build trees")
    args = ap.parse_args(argv)
    builds = {} if args.skip_installed and args.build else {"import": exe_of(None)}
    for spec in args.build:
        name, _, src = spec.partition("=")
        builds[f"import-{name}"] = exe_of(str(Path(src).resolve()))
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAPASCASE_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["BAPASCASE_TODAY"] = TODAY
    exe = bapascase_cmd()
    tmp = Path(tempfile.mkdtemp(prefix="bapascase-bulk-"))
    times: dict[str, list[float]] = {"parse": [], **{name: [] for name in builds}, "check": []}
    cpu: dict[str, list[float]] = {"parse": [], **{name: [] for name in builds}, "check": []}  # each child's own
    try:
        source = tmp / "cases.yaml"
        write_input(source, args.cases)
        root = tmp / "cb"
        imported = 0
        for i in range(args.runs + 1):  # the first round warms the caches and is not counted
            for name, cmd in (builds.items() if args.only != "check" or i == 0 else ()):
                fresh_casebook(root, args.git)
                w, c, _m = run_child([*cmd, "-C", str(root), "import", str(source), "--no-input"], env)
                imported = sum(1 for p in (root / "cases").iterdir() if not p.name.startswith("."))
                if imported != args.cases:
                    raise SystemExit(f"imported {imported} of {args.cases}")
                if i:
                    times[name].append(w)
                    cpu[name].append(c)
            w, c, _m = run_child([sys.executable, "-c", PARSE, str(root)], env)
            if i:
                times["parse"].append(w)
                cpu["parse"].append(c)
            if args.only != "import":
                w, c, _m = run_child([*exe, "-C", str(root), "check", *(["--full"] if args.full else [])], env)
                if i:
                    times["check"].append(w)
                    cpu["check"].append(c)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items() if v}
    cpu_med = {k: statistics.median(v) for k, v in cpu.items() if v}
    result: dict[str, Any] = {"cases": args.cases, "runs": args.runs, "git": args.git, "median_s": med,
                              "cpu_median_s": cpu_med, "load": os.getloadavg()[0]}
    ok = True
    if "import" in med:
        result["import_ok"] = med["import"] <= IMPORT_TARGET_S * args.cases / 10_000
        ok &= result["import_ok"]
    if "check" in med:
        result["check_ratio"] = med["check"] / med["parse"]
        result["check_cpu_ratio"] = cpu_med["check"] / cpu_med["parse"]
        result["check_ok"] = result["check_ratio"] <= CHECK_TARGET
        ok &= result["check_ok"]
    result["ok"] = ok
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.cases} cases{' (git, auto-commit)' if args.git else ''}, median of {args.runs} interleaved runs"
          f" (load {result['load']:.1f})")
    for name, t in med.items():
        print(f"  {name:<7} {t:7.2f} s (CPU {cpu_med[name]:.2f} s)"
              + (f"  {result['check_ratio']:.2f}x parse (CPU {result['check_cpu_ratio']:.2f}x)" if name == "check"
                 else ""))
    if "import" in med:
        print(f"target: import <= {IMPORT_TARGET_S * args.cases / 10_000:.1f} s: {'ok' if result['import_ok'] else 'MISSED'}")
    if "check" in med:
        print(f"target: check <= {CHECK_TARGET}x parse: {'ok' if result['check_ok'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
