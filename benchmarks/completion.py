"""Shell completion of case ids: how long the Tab key waits, against importing typer, measured in the same run.

    python benchmarks/completion.py [-n 20] [--casebook DIR] [--cases N] [--assert] [--target-ms 150] [--json]

Times (median wall time of N interleaved runs, and the median CPU time of each child):
  baseline   python -c "import typer"
  bash       ``bapascase show 20<Tab>`` as bash asks it (COMP_WORDS, COMP_CWORD)
  zsh        the same as zsh asks it (_TYPER_COMPLETE_ARGS), with the clients' names as descriptions
The casebook is the demo at the repository root unless --casebook or --cases N (a generated caseload, its index
built first) is given. The target is the bash completion under 150 ms (wall) on the demo; --assert exits 1
when it is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from startup import bapascase_cmd, demo_casebook, measure  # noqa: E402

TARGET_MS = 150.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=20, help="runs per command (default 20)")
    ap.add_argument("--casebook", type=Path, help="casebook to complete from (default: the demo casebook)")
    ap.add_argument("--cases", type=int, help="generate a casebook of this many cases instead")
    ap.add_argument("--assert", dest="check", action="store_true", help="exit 1 if bash misses the target")
    ap.add_argument("--target-ms", type=float, default=TARGET_MS, help=f"max bash median (default {TARGET_MS})")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    tmp = None
    casebook = args.casebook or (None if args.cases else demo_casebook())
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAPASCASE_") and k != "PYTHONDONTWRITEBYTECODE"}
    exe = bapascase_cmd()
    if casebook is None:
        from caseload import generate

        tmp = tempfile.mkdtemp(prefix="bapascase-completion-")
        casebook = generate(Path(tmp) / "casebook", args.cases or 5)
        subprocess.run([*exe, "-C", str(casebook), "list"], env=env, stdout=subprocess.DEVNULL, check=True)
    env["BAPASCASE_CASEBOOK"] = str(casebook)
    bash = {**env, "_BAPASCASE_COMPLETE": "complete_bash", "COMP_WORDS": "bapascase show 20", "COMP_CWORD": "2"}
    zsh = {**env, "_BAPASCASE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "bapascase show 20"}
    commands = {"baseline": [sys.executable, "-c", "import typer"], "bash": exe, "zsh": exe}
    envs = {"baseline": env, "bash": bash, "zsh": zsh}
    try:
        answer = subprocess.run(exe, env=bash, capture_output=True, text=True, check=False).stdout.split()
        medians, cpu = measure(commands, args.runs, env, envs)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    ok = medians["bash"] * 1000 <= args.target_ms
    if args.json:
        print(json.dumps({"runs": args.runs, "median_s": medians, "cpu_median_s": cpu, "ids": len(answer),
                          "target_ms": args.target_ms, "ok": ok}))
    else:
        print(f"median of {args.runs} interleaved runs, completing {len(answer)} case ids from {casebook}")
        for name, t in medians.items():
            print(f"  {name:<9} {t * 1000:6.1f} ms wall   {cpu[name] * 1000:6.1f} ms cpu")
        print(f"target: bash completion <= {args.target_ms:.0f} ms: {medians['bash'] * 1000:.0f} ms "
              f"{'ok' if ok else 'MISSED'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
