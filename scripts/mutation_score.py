"""The mutation score of the last ``make mutation`` run, per module, from ``mutants/``.

Reads mutmut's result files (``mutants/src/**/*.py.meta``) and the list of equivalent
mutants (``tests/mutation_equivalent.txt``: one mutant name a line, then its reason), and
prints, per mutated module: mutants, killed (a timeout counts as killed, as mutmut counts
it), of those the timeouts, survivors, those no test reaches, the equivalent ones, those
not run yet, and the score = killed / (mutants - equivalent - not run).
``--survivors`` also lists every survivor that is not on the equivalent list, ready for
``mutmut show NAME``. Exits 1 when the overall score is below ``--fail-under``, and 3 when
more than ``--max-timeouts`` percent of the judged mutants timed out: a mutant that loops
forever is rare, and a run where most time out is a broken run (a test set-up that hangs
in mutmut's forked processes), whose score says nothing.

    python scripts/mutation_score.py [--survivors] [--fail-under 95]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.txt"
TIMEOUT = {24, -24, 36, 152, 255}  # mutmut's exit codes for a timeout (SIGXCPU)
KILLED = {1, 3} | TIMEOUT  # a failing test, or a timeout
SURVIVED = {0}
NO_TESTS = {5, 33}


def equivalent_mutants(path: Path = EQUIVALENT) -> dict[str, str]:
    """Mutant name -> reason, from the equivalent list (``#`` starts a comment line)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, reason = line.strip().partition(" ")
        out[name] = reason.strip()
    return out


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Module path (``procedurekit/phrases/parse.py``) -> mutant name -> mutmut's exit code."""
    out: dict[str, dict[str, int | None]] = {}
    src = mutants / "src"
    for meta in sorted(src.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        out[str(meta.relative_to(src))[: -len(".meta")]] = data["exit_code_by_key"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--survivors", action="store_true", help="list the survivors")
    parser.add_argument("--fail-under", type=float, default=0.0, metavar="PERCENT")
    parser.add_argument("--max-timeouts", type=float, default=10.0, metavar="PERCENT")
    args = parser.parse_args(argv)

    equivalent = equivalent_mutants()
    by_module = results(args.mutants)
    if not by_module:
        print("no mutation results in", args.mutants, "(run `make mutation` first)")
        return 2
    seen: set[str] = set()
    totals: Counter[str] = Counter()
    survivors: list[str] = []
    killed_equivalent: list[str] = []
    header = f"{'module':<34} {'mutants':>7} {'killed':>7} {'t/out':>6} {'surv.':>6} "
    print(header + f"{'no test':>7} {'equiv.':>6} {'unrun':>6} {'score':>7}")
    for module, codes in by_module.items():
        row: Counter[str] = Counter()
        for name, code in codes.items():
            row["mutants"] += 1
            if name in equivalent:
                seen.add(name)
            if name in equivalent and code in KILLED:
                killed_equivalent.append(name)
            if name in equivalent and code not in KILLED:
                row["equivalent"] += 1
            elif code is None:
                row["unrun"] += 1
            elif code in KILLED:
                row["killed"] += 1
                row["timeout"] += code in TIMEOUT
            else:
                row["survived" if code in SURVIVED else "no tests"] += 1
                if code not in NO_TESTS and code not in SURVIVED:
                    row["other"] += 1
                survivors.append(name)
        totals.update(row)
        print(_line(module, row))
    print(_line("all", totals))
    stale = sorted(set(equivalent) - seen)
    if stale:
        print(f"\n{len(stale)} names on the equivalent list match no mutant (renamed?):")
        print("\n".join(f"  {n}" for n in stale))
    if killed_equivalent:
        print(f"\n{len(killed_equivalent)} names on the equivalent list were killed (renumbered?):")
        print("\n".join(f"  {n}" for n in killed_equivalent))
    if args.survivors and survivors:
        print(f"\n{len(survivors)} survivors (not on the equivalent list):")
        print("\n".join(f"  {n}" for n in survivors))
    judged = totals["mutants"] - totals["equivalent"] - totals["unrun"]
    if judged and 100.0 * totals["timeout"] / judged > args.max_timeouts:
        print(
            f"\n{totals['timeout']} of {judged} judged mutants timed out (more than "
            f"{args.max_timeouts:g} %): the run is suspect and its score is not a measurement."
            "\nRe-run a few with `mutmut run NAME` and `debug = true, log_to_file = true` in"
            " [tool.mutmut]; see docs/explanation/testing.md."
        )
        return 3
    return 1 if _score(totals) < args.fail_under else 0


def _score(row: Counter[str]) -> float:
    """Killed / judged mutants, in percent; 100 when none was judged (nothing to fail)."""
    judged = row["mutants"] - row["equivalent"] - row["unrun"]
    return 100.0 * row["killed"] / judged if judged else 100.0


def _line(module: str, row: Counter[str]) -> str:
    judged = row["mutants"] - row["equivalent"] - row["unrun"]
    score = f"{_score(row):>6.1f}%" if judged else "    n/a"
    return (
        f"{module:<34} {row['mutants']:>7} {row['killed']:>7} {row['timeout']:>6} "
        f"{row['survived']:>6} {row['no tests']:>7} {row['equivalent']:>6} {row['unrun']:>6} "
        f"{score}"
    )


if __name__ == "__main__":
    sys.exit(main())
