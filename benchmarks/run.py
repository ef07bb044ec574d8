"""Run every benchmark script in this folder (``make bench``) and print its results.

Each ``bench_*.py`` measures its subject against a baseline in the same run and prints a
Markdown table of ratios; copy the tables into ``docs/performance.md`` when they change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    for script in sorted(here.glob("bench_*.py")):
        print(f"\n## {script.stem}\n", flush=True)
        done = subprocess.run([sys.executable, str(script)], check=False)
        status = status or done.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
