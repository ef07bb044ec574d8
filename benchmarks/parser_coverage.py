"""How much of the real corpus the phrase parser reads, and how well (docs/parsing-coverage.md).

Run: ``.venv/bin/python benchmarks/parser_coverage.py``. Reads the 1,065 real phrases of
``../shared/realdata/processing_time_phrases.txt`` (skips with a message when absent) and the
hand-labelled sample ``tests/golden/phrases_labelled.tsv``, and prints a Markdown report:

- the share of all phrases for which ``parse_duration`` returns a duration, and the share
  ``parse_processing_time`` reads anything from (cases or extensions), per kind;
- the share of labelled phrases read exactly as labelled, overall and for the phrases that
  state one duration with a unit;
- the phrases that do not parse, grouped by the error's ``reason``, with examples.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from datetime import time
from decimal import Decimal
from pathlib import Path

import procedurekit as pk
from procedurekit.durations import ElapsedHours

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "realdata" / "processing_time_phrases.txt"
GOLDEN = ROOT / "tests" / "golden" / "phrases_labelled.tsv"
NAMES = {
    "WorkingDays": pk.WorkingDays,
    "CalendarDays": pk.CalendarDays,
    "WorkingHours": pk.WorkingHours,
    "ElapsedHours": ElapsedHours,
    "Months": pk.Months,
    "SameDay": pk.SameDay,
    "NoTimeLimit": pk.NoTimeLimit,
    "Decimal": Decimal,
    "time": time,
}


def read_corpus() -> list[tuple[str, str]]:
    """(phrase, kind) for every phrase of the corpus."""
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrase, _source, kind = line.split("\t")
            rows.append((phrase, kind))
    return rows


def reading(phrase: str) -> str:
    """The parser's reading as a label: a duration repr or ``error:<reason>``."""
    try:
        return repr(pk.parse_duration(phrase))
    except pk.DurationParseError as exc:
        return f"error:{exc.reason}"


def category(phrase: str) -> str:
    """The reason a phrase does not parse, split where one reason covers two situations."""
    try:
        pk.parse_duration(phrase)
    except pk.DurationParseError as exc:
        if exc.reason == "unrecognised" and "extension" in exc.message:
            return "unrecognised (states only an extension)"
        return exc.reason
    return "ok"


def short(text: str, width: int = 110) -> str:
    text = text.replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "0/0"


def main() -> int:
    if not CORPUS.is_file():
        print(f"{CORPUS} not present: nothing to measure")
        return 0
    corpus = read_corpus()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    failures: dict[str, list[str]] = defaultdict(list)
    for phrase, kind in corpus:
        by_kind[kind]["all"] += 1
        label = reading(phrase)
        if label.startswith("error:"):
            failures[category(phrase)].append(phrase)
        else:
            by_kind[kind]["duration"] += 1
        try:
            pk.parse_processing_time(phrase)
            by_kind[kind]["anything"] += 1
        except pk.DurationParseError:
            pass

    print("# Parser coverage report\n")
    print(f"Corpus: `{CORPUS.name}`, {len(corpus)} phrases.\n")
    print(
        "| kind | phrases | `parse_duration` returns a duration | `parse_processing_time` reads |"
    )
    print("|---|---:|---:|---:|")
    total: Counter[str] = Counter()
    for kind in sorted(by_kind):
        c = by_kind[kind]
        total.update(c)
        print(
            f"| {kind} | {c['all']} | {pct(c['duration'], c['all'])} "
            f"| {pct(c['anything'], c['all'])} |"
        )
    print(
        f"| **all** | {total['all']} | {pct(total['duration'], total['all'])} "
        f"| {pct(total['anything'], total['all'])} |\n"
    )

    with GOLDEN.open(encoding="utf-8", newline="") as handle:
        labelled = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    exact = 0
    stated = stated_exact = 0
    wrong: list[tuple[str, str, str]] = []
    for row in labelled:
        expected = row["expected"]
        if not expected.startswith("error:"):
            expected = repr(eval(expected, {"__builtins__": {}}, NAMES))
            stated += 1
        got = reading(row["phrase"])
        if got == expected:
            exact += 1
            stated_exact += not expected.startswith("error:")
        else:
            wrong.append((row["phrase"], expected, got))
    print("## Labelled sample\n")
    print(f"- read exactly as labelled: {pct(exact, len(labelled))}")
    print(f"- phrases that state a duration with a unit, read exactly: {pct(stated_exact, stated)}")
    print(
        f"- labelled errors (`error:<reason>`) raised with that reason: "
        f"{pct(exact - stated_exact, len(labelled) - stated)}\n"
    )
    for phrase, expected, got in wrong:
        print(f"- MISMATCH `{short(phrase)}`: expected {expected}, got {got}")
    if wrong:
        print()

    print("## What does not parse, by reason\n")
    for reason, phrases in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"### `{reason}`: {len(phrases)}\n")
        for phrase in phrases[:6]:
            print(f"- {short(phrase)}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
