"""Small files, large cost: each is refused or read within seconds and in bounded memory.

The files are small (a few kilobytes to a few megabytes) and built here; what they would
have cost is in the comments (measured before the readers were bounded). Time and memory
are measured in a fresh interpreter (``_hostile.probe``), and the bounds are generous: only
a pathological blow-up exceeds them, never a slow machine.
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import pytest
from _hostile import probe, repeated, rows_xml, sheet_xml, write_xlsx

from procedurekit.errors import InputFileError
from procedurekit.io import ReadLimits, iter_dossiers, read_catalogue

HEADER = rows_xml([["Mã số", "Tên", "Thời hạn giải quyết"], ["1.000001", "A", "5 ngày"]])
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MIB = 1 << 20


def _read(path: Path, **limits: int) -> str:
    """Probe code: read ``path`` as a catalogue; report rows, findings or the error."""
    return f"""
        from procedurekit.io import ReadLimits, read_catalogue
        from procedurekit.errors import InputFileError
        try:
            cat = read_catalogue({str(path)!r}, limits=ReadLimits(**{limits!r}))
        except InputFileError as exc:
            _done(error=str(exc))
        else:
            _done(rows=cat.rows, rejected=cat.lines_rejected,
                  codes=sorted({{f.code for f in cat.findings}}))
    """


def test_a_sparse_cell_at_the_last_row_and_column(tmp_path: Path) -> None:
    # 9 minutes of CPU before: the sheet's rectangle was filled in, row by row.
    cell = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    p = write_xlsx(tmp_path / "sparse.xlsx", sheet_xml(HEADER + cell))
    assert p.stat().st_size < 5_000
    found = probe(_read(p))
    assert found["rows"] == 2
    assert found["rejected"] == 1_048_576 - 3  # the blank rows between: counted, not read
    assert found["codes"] == ["malformed-row"]  # the cell right of the header, kept
    assert found["seconds"] < 30
    assert found["peak_mib"] < 300


def test_a_huge_shared_string_is_cut_in_bounded_memory(tmp_path: Path) -> None:
    # 2.1 GB peak before, for a 1 MB file.
    strings = repeated(f'<sst xmlns="{NS}"><si><t>', b"a", 200 * MIB, "</t></si></sst>")
    row = '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>0</v></c></row>'
    p = write_xlsx(tmp_path / "ss.xlsx", sheet_xml(HEADER + row), shared_strings=strings)
    assert p.stat().st_size < 2 * MIB
    found = probe(_read(p))
    assert (found["rows"], found["codes"]) == (2, ["cell-too-long"])
    assert found["seconds"] < 60
    assert found["peak_mib"] < 300


def test_a_workbook_of_whitespace(tmp_path: Path) -> None:
    # Over 3 GB before, for a 2 MB file.
    big = write_xlsx(
        tmp_path / "big.xlsx",
        repeated(sheet_xml(HEADER).replace("</sheetData></worksheet>", ""), b" ", 600 * MIB,
                 "</sheetData></worksheet>"),
    )  # fmt: skip
    assert big.stat().st_size < 4 * MIB
    found = probe(_read(big))
    assert "more than the limit of 536,870,912 (max_decompressed_bytes)" in found["error"]
    assert found["seconds"] < 10
    within = write_xlsx(
        tmp_path / "within.xlsx",
        repeated(sheet_xml(HEADER).replace("</sheetData></worksheet>", ""), b" \n", 64 * MIB,
                 "</sheetData></worksheet>"),
    )  # fmt: skip
    found = probe(_read(within))
    assert found["rows"] == 1
    assert found["seconds"] < 60
    assert found["peak_mib"] < 300


def test_a_gzipped_json_catalogue_of_one_huge_value(tmp_path: Path) -> None:
    # Read whole before: a MemoryError at 3 GB for a 2 MB file.
    p = tmp_path / "c.json.gz"
    with gzip.open(p, "wb", compresslevel=1) as f:
        for chunk in repeated('[{"code": "1.000001", "name": "', b"a", 600 * MIB, '"}]'):
            f.write(chunk)
    assert p.stat().st_size < 4 * MIB
    found = probe(_read(p))
    assert "larger than the limit of 16,777,216 characters (max_line_bytes)" in found["error"]
    assert found["seconds"] < 30
    assert found["peak_mib"] < 400


def test_a_gzipped_catalogue_of_many_small_rows(tmp_path: Path) -> None:
    # A catalogue is held in memory to be joined: its size is bounded (max_catalogue_bytes).
    p = tmp_path / "c.jsonl.gz"
    with gzip.open(p, "wb", compresslevel=6) as f:
        f.write(b'{"code": "1.000001", "name": "A"}\n' * 2_000_000)
    assert p.stat().st_size < 2 * MIB
    found = probe(_read(p))
    assert "max_catalogue_bytes" in found["error"]
    assert found["seconds"] < 60
    assert found["peak_mib"] < 1024


def test_a_gzip_bomb_of_dossiers_stops_at_the_decompressed_limit(tmp_path: Path) -> None:
    p = tmp_path / "d.csv.gz"
    with gzip.open(p, "wb", compresslevel=1) as f:
        f.write(b"dossier_code,received_at\n")
        for chunk in repeated("", b"x" * 1000 + b"\n", 40 * MIB, ""):
            f.write(chunk)
    with pytest.raises(InputFileError, match="max_decompressed_bytes"):
        sum(1 for _ in iter_dossiers(p, limits=ReadLimits(max_decompressed_bytes=16 * MIB)))


def test_a_workbook_of_rows_stops_at_the_catalogue_limit(tmp_path: Path) -> None:
    # 20 MB/s of growth before: the catalogue's rows were kept, never bounded.
    def rows() -> object:
        yield sheet_xml(HEADER).replace("</sheetData></worksheet>", "").encode()
        for start in range(3, 200_003, 10_000):
            yield rows_xml(
                [["1.000001", "Cấp giấy phép", "15 ngày làm việc"]] * 10_000, first_row=start
            ).encode()
        yield b"</sheetData></worksheet>"

    p = write_xlsx(tmp_path / "rows.xlsx", rows())  # type: ignore[arg-type]
    with pytest.raises(InputFileError, match="max_catalogue_bytes"):
        read_catalogue(p, limits=ReadLimits(max_catalogue_bytes=16 * MIB))


def test_a_huge_xml_tag_is_refused(tmp_path: Path) -> None:
    tag = repeated(f'<worksheet xmlns="{NS}"><sheetData>{HEADER}<row r="3" x="', b"y",
                   4 * MIB, '"/></sheetData></worksheet>')  # fmt: skip
    p = write_xlsx(tmp_path / "tag.xlsx", tag)
    with pytest.raises(InputFileError, match="one XML tag or comment is longer"):
        read_catalogue(p, limits=ReadLimits(max_line_bytes=MIB))


def test_sheet_dimension_limits(tmp_path: Path) -> None:
    far = '<row r="70000"><c r="A70000"><v>1</v></c></row>'
    p = write_xlsx(tmp_path / "far.xlsx", sheet_xml(HEADER + far))
    assert read_catalogue(p).rows == 2
    with pytest.raises(InputFileError, match="max_sheet_rows"):
        read_catalogue(p, limits=ReadLimits(max_sheet_rows=65_536))
    wide = '<row r="3"><c r="AB3"><v>1</v></c></row>'
    q = write_xlsx(tmp_path / "wide.xlsx", sheet_xml(HEADER + wide))
    with pytest.raises(InputFileError, match=r"column AB.*max_sheet_columns"):
        read_catalogue(q, limits=ReadLimits(max_sheet_columns=26))
    beyond = '<row r="3"><c r="XFE3"><v>1</v></c></row>'
    r = write_xlsx(tmp_path / "beyond.xlsx", sheet_xml(HEADER + beyond))
    with pytest.raises(InputFileError, match="max_sheet_columns"):
        read_catalogue(r)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    # Blocked forever before: nothing ever writes to the pipe.
    fifo = tmp_path / "c.csv"
    os.mkfifo(fifo)
    found = probe(
        f"""
        from procedurekit.io import iter_dossiers, read_catalogue
        from procedurekit.errors import InputFileError
        errors = []
        for read in (read_catalogue, iter_dossiers):
            try:
                read({str(fifo)!r})
            except InputFileError as exc:
                errors.append(str(exc))
        _done(errors=errors)
        """,
        timeout=60,
    )
    assert len(found["errors"]) == 2
    assert all("FIFO" in e and "refused" in e for e in found["errors"])
    assert found["seconds"] < 10


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_devices_and_directories_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="a device"):
        read_catalogue("/dev/zero")
    folder = tmp_path / "c.csv"
    folder.mkdir()
    with pytest.raises(InputFileError, match="a directory"):
        read_catalogue(folder)


def test_audit_memory_does_not_grow_with_distinct_labels(tmp_path: Path) -> None:
    from datetime import date

    from procedurekit.findings import FindingSink
    from procedurekit.judge import Judge

    cat = tmp_path / "c.csv"
    cat.write_text("code,processing_time\n1.000001,5 ngày làm việc\n", encoding="utf-8")
    d = tmp_path / "d.csv"
    with d.open("w", encoding="utf-8") as f:
        f.write("dossier_code,procedure_code,channel,received_at,status,level\n")
        for i in range(6_000):
            f.write(f"A-{i},1.000001,kênh lạ {i},2025-07-01T08:00,trạng thái {i},cấp {i}\n")
    judge = Judge(read_catalogue(cat), as_of=date(2025, 8, 1))
    sink = FindingSink()
    channels = set()
    for record in iter_dossiers(d, sink=sink):
        j = judge.judge(record, sink)
        assert j is not None
        channels.add(j.channel)
    assert channels == {None}  # every dirty label is "unknown": one counter, not 6,000
    caches = [v for v in vars(judge).values() if isinstance(v, dict)]
    assert caches
    assert max(len(c) for c in caches) <= 4096
    assert sink.counts["unknown-channel"] == 6_000
    assert len(sink.examples) <= 20 * len(sink.counts)
