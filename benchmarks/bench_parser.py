"""Phrase-parser throughput over the real corpus, against baselines measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_parser.py`` (or ``make bench``). Reads the 1,065
phrases of ``../shared/realdata/processing_time_phrases.txt`` (skips when absent) and prints
a Markdown table of phrases per second and the ratio of time per phrase to the baseline:

- ``re.search(r"\\d+", s)``: the cheapest thing a reader of these phrases could do (1.00×);
- ``unicodedata.normalize + casefold``: the normalisation alone, a second reference;
- ``parse_duration`` and ``parse_processing_time`` (errors caught, as a batch reader would).

Best of several rounds over the whole corpus; a ratio is stable across machines, absolute
numbers are not.
"""

from __future__ import annotations

import contextlib
import re
import sys
import timeit
import unicodedata
from collections.abc import Callable
from pathlib import Path

import procedurekit as pk

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "processing_time_phrases.txt"
ROUNDS = 7


def phrases() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def seconds_per_pass(fn: Callable[[], object]) -> float:
    return min(timeit.repeat(fn, number=1, repeat=ROUNDS))


def main() -> int:
    if not CORPUS.is_file():
        print(f"{CORPUS} not present: nothing to measure")
        return 0
    corpus = phrases()
    digits = re.compile(r"\d+")

    def baseline() -> None:
        for s in corpus:
            digits.search(s)

    def normalise() -> None:
        for s in corpus:
            unicodedata.normalize("NFC", s).casefold()

    def duration() -> None:
        for s in corpus:
            with contextlib.suppress(pk.DurationParseError):
                pk.parse_duration(s)

    def processing_time() -> None:
        for s in corpus:
            with contextlib.suppress(pk.DurationParseError):
                pk.parse_processing_time(s)

    processing_time()  # warm the caches (fold table, compiled patterns)
    rows = [
        ('baseline `re.search(r"\\d+", s)`', seconds_per_pass(baseline)),
        ("`unicodedata.normalize` + `casefold`", seconds_per_pass(normalise)),
        ("`parse_duration`", seconds_per_pass(duration)),
        ("`parse_processing_time`", seconds_per_pass(processing_time)),
    ]
    base = rows[0][1]
    chars = sum(len(s) for s in corpus)
    print(f"Corpus: {len(corpus)} phrases, {chars:,} characters; best of {ROUNDS} passes.\n")
    print("| what | phrases / s | µs / phrase | × baseline |")
    print("|---|---:|---:|---:|")
    for name, secs in rows:
        print(
            f"| {name} | {len(corpus) / secs:,.0f} | {1e6 * secs / len(corpus):.1f} "
            f"| {secs / base:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
