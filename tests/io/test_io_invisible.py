"""Invisible characters never change the law: inserting one anywhere changes no reading.

A soft hyphen, a bidi mark or override, a zero-width joiner, a word joiner or a BOM inside
"05 ngày làm việc" once turned it into ``CalendarDays(5)`` (1,139 of 3,354 single-character
insertions changed a parse). The parser, the header matching and the label reading now
remove every invisible character first (:data:`procedurekit._text.INVISIBLE`), and the
readers report a cell that held them (``invisible-characters``, info).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from _paths import GOLDEN
from hypothesis import given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit._text import INVISIBLE, fold, printable, remove_invisible
from procedurekit._time import VIETNAM_TZ
from procedurekit.checks import validate_files
from procedurekit.errors import DurationParseError
from procedurekit.findings import Severity
from procedurekit.io import catalogue_procedures, header_key, iter_dossiers, read_catalogue
from procedurekit.vocab import Channel

#: The characters of the attack, named.
NOTABLE = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero width space",
    "\u200c": "zero width non-joiner",
    "\u200d": "zero width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202e": "right-to-left override",
    "\u2060": "word joiner",
    "\u2066": "left-to-right isolate",
    "\ufeff": "byte order mark",
    "\u034f": "combining grapheme joiner",
    "\ufe0f": "variation selector 16",
    "\U000e0041": "tag latin capital letter a",
}


@functools.cache
def invisible() -> list[str]:
    pattern = re.compile(f"[{INVISIBLE}]")
    return [chr(cp) for cp in range(0x110000) if pattern.match(chr(cp))]


@functools.cache
def phrases() -> list[str]:
    with (GOLDEN / "phrases_labelled.tsv").open(encoding="utf-8", newline="") as f:
        found = [row["phrase"] for row in csv.DictReader(f, delimiter="\t")]
    return [p for p in dict.fromkeys(found) if p.strip()][:400]


def reading(text: str) -> Any:
    """What a phrase says, without its original text: the cases and everything else, or
    the reason it cannot be read."""
    try:
        pt = pk.parse_processing_time(text)
    except DurationParseError as exc:
        return ("error", exc.reason)
    return (pt.cases, pt.extensions, pt.exclusions, pt.start_event, pt.steps)


def test_every_format_character_is_invisible() -> None:
    found = set(invisible())
    for cp in range(0x110000):
        if unicodedata.category(chr(cp)) == "Cf":
            assert chr(cp) in found, f"U+{cp:04X} {unicodedata.name(chr(cp), '')}"
    assert set(NOTABLE) <= found
    assert not {" ", "\u00a0", "a", "đ", "\u0301", "\n"} & found  # spaces, letters, marks stay


def test_every_notable_character_at_every_position() -> None:
    # The attack as measured: each character inserted at each position of the phrase.
    for text in ("05 ngày làm việc", "Trong ngày; sau 15 giờ trả ngày làm việc tiếp theo"):
        expected = reading(text)
        for ch in NOTABLE:
            for i in range(len(text) + 1):
                assert reading(text[:i] + ch + text[i:]) == expected, (ch, i)
    assert pk.parse_duration("05\u00ad ngày làm việc") == pk.WorkingDays(5)
    assert pk.parse_duration("0\u200b5 ng\u200dày l\u202eàm việc") == pk.WorkingDays(5)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_inserting_invisible_characters_never_changes_a_reading(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(phrases()), label="phrase")
    chars = data.draw(st.lists(st.sampled_from(invisible()), min_size=1, max_size=4))
    changed = text
    for ch in chars:
        i = data.draw(st.integers(min_value=0, max_value=len(changed)), label="position")
        changed = changed[:i] + ch + changed[i:]
    assert reading(changed) == reading(text)


@given(st.text(max_size=30), st.sampled_from(sorted(NOTABLE)), st.integers(0, 30))
def test_folding_and_header_keys_ignore_them(text: str, ch: str, i: int) -> None:
    changed = text[:i] + ch + text[i:]
    assert fold(changed) == fold(text)
    assert header_key(changed) == header_key(text)
    assert Channel.lookup("Trực" + ch + " tuyến") is Channel.ONLINE


def test_readers_remove_and_report_them(tmp_path: Path) -> None:
    procedures = tmp_path / "p.csv"
    procedures.write_text(
        "Mã\u200b số,Tên,Thời hạn\u00ad giải quyết\n"
        "1.000001\u200b,Cấp\u00ad phép,05\u00ad ngày làm việc\n",
        encoding="utf-8",
    )
    channels = tmp_path / "ch.csv"
    channels.write_text(
        "Mã số,Hình thức nộp,Thời hạn giải quyết\n1.000001,Trực\u200e tuyến,0\u20603 ngày\n",
        encoding="utf-8",
    )
    cat = read_catalogue(procedures, channels)
    [proc] = cat.procedures
    assert proc.code == "1.000001"
    assert proc.name == "Cấp phép"
    assert proc.get("processing_time") == "05 ngày làm việc"
    assert [c.channel for c in proc.channels] == ["Trực tuyến"]
    [model] = catalogue_procedures(cat)
    assert model.prescribed_time == pk.WorkingDays(5)
    assert model.channels[0].channel is Channel.ONLINE
    assert model.channels[0].duration == pk.CalendarDays(3)
    found = [f for f in cat.findings if f.code == "invisible-characters"]
    assert [(f.file, f.row, f.field) for f in found] == [
        (str(procedures), None, "Mã số"),  # the header
        (str(procedures), None, "Thời hạn giải quyết"),
        (str(procedures), 1, "Mã số"),
        (str(procedures), 1, "Tên"),
        (str(procedures), 1, "Thời hạn giải quyết"),
        (str(channels), 1, "Hình thức nộp"),
        (str(channels), 1, "Thời hạn giải quyết"),
    ]
    assert all(f.severity is Severity.INFO for f in found)
    assert found[0].message == (
        "the header: Mã số held 1 invisible character(s) (U+200B zero width space); removed "
        "before reading"
    )
    assert "row 1: Tên held 1 invisible character(s) (U+00AD soft hyphen)" in found[3].message
    assert "unknown-column" not in {f.code for f in cat.findings}
    report = validate_files([procedures, channels])
    assert report.stats["findings_by_code"]["invisible-characters"] == 7
    assert report.exit_code() == 0 or report.stats["errors"] == 0


def test_dossier_cells_are_read_without_them(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(
        "Mã hồ sơ,Mã thủ tục,Hình thức nộp,Ngày tiếp nhận\n"
        "H01-250701-0001,1.000001\ufeff,Trực\u00adtuyến,\u200e01/07/2025 08:00\u200f\n",
        encoding="utf-8",
    )
    stream = iter_dossiers(p)
    [rec] = list(stream)
    assert rec.procedure_code == "1.000001"
    assert rec.received_at == datetime(2025, 7, 1, 8, 0, tzinfo=VIETNAM_TZ)
    assert rec.channel == "Trựctuyến"
    assert Channel.lookup(rec.channel) is None  # "Trựctuyến" is not a label: still reported
    assert stream.sink.counts["invisible-characters"] == 3


def test_printable_shows_them() -> None:
    assert printable("a\u202eb\u200bc\nd\x1b") == "a\\u202eb\\u200bc\\nd\\x1b"
    assert printable("Việt Nam\u00a0ok") == "Việt Nam\u00a0ok"
    assert remove_invisible("\U000e0041x") == "x"
