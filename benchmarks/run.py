"""`make bench`: run every benchmark in turn; each prints its figures and ratios."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_language.py",
    "eval_language.py",
    "bench_readers.py",
    "bench_intake.py",
    "bench_reports.py",
    "bench_api.py",
    "bench_pages.py",
]


def main() -> None:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    names = [n for n in ORDER if (HERE / n).exists()]
    names += sorted(p.name for p in HERE.glob("bench_*.py") if p.name not in ORDER)
    for name in names:
        print(f"\n=== {name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / name)], env=env, cwd=HERE.parent)
        status = "ok" if result.returncode == 0 else f"exit {result.returncode}"
        print(f"--- {name}: {status} in {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
