"""Startup time of bapascase against importing typer, measured in the same run.

    python benchmarks/startup.py [-n 20] [--casebook DIR] [--assert] [--target 1.15] [--json]

Times (median wall time of N runs, interleaved so a noisy moment hits every command alike; the median CPU time
of each child is shown too, as it is steadier on a busy machine):
  baseline   python -c "import typer"
  --help     bapascase --help
  list       bapascase -C CASEBOOK list      (the demo casebook at the repository root; a small generated
                                              one when the repository has no demo cases)
The target is ``--help`` <= 1.15x the baseline (issue 15). With ``--assert`` a missed target exits 1.
Bytecode is written on the untimed warm-up run (as an install would), even under PYTHONDONTWRITEBYTECODE.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGET = 1.15  # issue 15: --help <= 1.15x `python -c "import typer"`


def bapascase_cmd() -> list[str]:
    """The installed console script next to this Python, else ``python -m bapascase``."""
    script = Path(sys.executable).parent / "bapascase"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bapascase"]


def demo_casebook() -> Path | None:
    cases = REPO / "cases"
    if (REPO / "bapascase.yaml").is_file() and cases.is_dir() and any(p.is_dir() for p in cases.iterdir()):
        return REPO
    return None


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child: user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str],
            envs: dict[str, dict[str, str]] | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall and median CPU time per command; runs are interleaved so load hits every command alike.
    ``envs`` gives a command an environment of its own (shell completion is asked through variables)."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    envs = envs or {}
    for name, cmd in commands.items():  # warm the OS caches and write bytecode once, untimed
        run_once(cmd, envs.get(name, env))
    for _ in range(runs):
        for name, cmd in commands.items():
            w, c = run_once(cmd, envs.get(name, env))
            wall[name].append(w)
            cpu[name].append(c)
    return ({n: statistics.median(ts) for n, ts in wall.items()}, {n: statistics.median(ts) for n, ts in cpu.items()})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=20, help="runs per command (default 20)")
    ap.add_argument("--casebook", type=Path, help="casebook for `list` (default: the demo casebook)")
    ap.add_argument("--assert", dest="check", action="store_true", help="exit 1 if --help misses the target")
    ap.add_argument("--target", type=float, default=TARGET, help=f"max --help/baseline ratio (default {TARGET})")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    tmp = None
    casebook = args.casebook or demo_casebook()
    if casebook is None:
        sys.path.insert(0, str(HERE))
        from caseload import generate

        tmp = tempfile.mkdtemp(prefix="bapascase-startup-")
        casebook = generate(Path(tmp) / "casebook", 5)
    # An installed package is byte-compiled; PYTHONDONTWRITEBYTECODE would make every run recompile bapascase's
    # sources (typer's own bytecode is compiled at install), so the comparison would not be like for like.
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAPASCASE_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["COLUMNS"] = "120"
    exe = bapascase_cmd()
    commands = {
        "baseline": [sys.executable, "-c", "import typer"],
        "--help": [*exe, "--help"],
        "list": [*exe, "-C", str(casebook), "list"],
    }
    try:
        medians, cpu = measure(commands, args.runs, env)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    base, base_cpu = medians["baseline"], cpu["baseline"]
    ratios = {name: t / base for name, t in medians.items()}
    cpu_ratios = {name: t / base_cpu for name, t in cpu.items()} if base_cpu > 0 else {}
    ok = ratios["--help"] <= args.target
    if args.json:
        print(json.dumps({"runs": args.runs, "median_s": medians, "ratio": ratios, "cpu_median_s": cpu,
                          "cpu_ratio": cpu_ratios, "target": args.target, "ok": ok}))
    else:
        where = casebook if tmp is None else "generated, 5 cases"
        print(f"median of {args.runs} interleaved runs (casebook for list: {where})")
        print(f"  {'':<9} {'wall':>9} {'ratio':>6}   {'cpu':>9} {'ratio':>6}")
        for name, t in medians.items():
            print(f"  {name:<9} {t * 1000:6.1f} ms {ratios[name]:5.2f}x   {cpu[name] * 1000:6.1f} ms "
                  f"{cpu_ratios.get(name, 0):5.2f}x")
        verdict = "ok" if ok else "MISSED"
        print(f"target: --help <= {args.target:.2f}x baseline (wall): {ratios['--help']:.2f}x {verdict}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
