"""A reading that stops early closes its file at once, not when the garbage collector runs.

Left to the collector, an open file held by an exception's traceback (a reference cycle) may
be finalized before the row generator that would have closed it: a ``ResourceWarning`` at
an unrelated moment (a CI run once failed so, in another test). Each test here stops a
reading early (a limit, an error, a consumer that stops) with the collector switched off
and requires that no descriptor of the process still points at the file.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _hostile import rows_xml, sheet_xml, write_xlsx

from procedurekit.errors import InputFileError
from procedurekit.io import ReadLimits, iter_dossiers, read_catalogue

FD_DIR = Path("/proc/self/fd")
pytestmark = pytest.mark.skipif(
    not FD_DIR.is_dir(), reason="needs /proc/self/fd (Linux) to see the open descriptors"
)

DOSSIERS = "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả\n" + "".join(
    f"H21-250301-{i:04d},1.000129,2025-03-0{1 + i % 9} 08:00,2025-03-20\n" for i in range(200)
)


def open_count(path: Path) -> int:
    """How many of this process's descriptors point at ``path``."""
    target = os.path.realpath(path)
    n = 0
    for fd in os.listdir(FD_DIR):
        try:
            if os.readlink(FD_DIR / fd) == target:
                n += 1
        except OSError:  # closed meanwhile (the listing's own descriptor)
            pass
    return n


@pytest.fixture(autouse=True)
def no_collector() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def test_a_catalogue_workbook_past_its_limit_is_closed_with_the_error(tmp_path: Path) -> None:
    # the CI failure: the rows past the first 50 are read through a chain with no close()
    rows = [["Mã số", "Tên", "Thời hạn giải quyết"]]
    rows += [[f"1.{i:06d}", "Cấp giấy phép " * 20, "15 ngày làm việc"] for i in range(3000)]
    p = write_xlsx(tmp_path / "big.xlsx", [sheet_xml(rows_xml(rows)).encode()])
    with pytest.raises(InputFileError, match="max_catalogue_bytes") as info:
        read_catalogue(p, limits=ReadLimits(max_catalogue_bytes=256 * 1024))
    assert info.traceback  # the traceback, frames and all, is still held here
    assert open_count(p) == 0


def test_a_catalogue_csv_past_its_limit_is_closed_with_the_error(tmp_path: Path) -> None:
    p = tmp_path / "big.csv"
    body = "".join(f"1.{i:06d},{'Cấp giấy phép ' * 20},15 ngày làm việc\n" for i in range(3000))
    p.write_text("Mã số,Tên,Thời hạn giải quyết\n" + body, encoding="utf-8")
    with pytest.raises(InputFileError, match="max_catalogue_bytes") as info:
        read_catalogue(p, limits=ReadLimits(max_catalogue_bytes=256 * 1024))
    assert info.traceback
    assert open_count(p) == 0


@pytest.mark.parametrize("date_format", [None, "iso"])
def test_a_dossier_stream_left_part_read_closes_in_a_with_block(
    tmp_path: Path, date_format: str | None
) -> None:
    p = tmp_path / "d.csv"
    p.write_text(DOSSIERS, encoding="utf-8")
    with iter_dossiers(p, date_format=date_format) as stream:
        first = next(stream)
        assert open_count(p) == 1  # the file is being read
    assert first.dossier_code == "H21-250301-0000"
    assert open_count(p) == 0
    stream.close()  # idempotent
    assert list(stream) == []


def test_a_dossier_stream_closed_before_its_first_row(tmp_path: Path) -> None:
    # a generator never started runs no finally: closing it alone would leave the file open
    p = tmp_path / "d.csv"
    p.write_text(DOSSIERS, encoding="utf-8")
    stream = iter_dossiers(p)
    assert open_count(p) == 1
    stream.close()
    assert open_count(p) == 0


def test_a_dossier_workbook_left_part_read_is_closed(tmp_path: Path) -> None:
    lines = [line.split(",") for line in DOSSIERS.splitlines()]
    p = write_xlsx(tmp_path / "d.xlsx", [sheet_xml(rows_xml(lines)).encode()])
    with iter_dossiers(p) as stream:
        next(stream)
    assert open_count(p) == 0


def test_a_dossier_file_refused_by_the_date_survey_is_closed(tmp_path: Path) -> None:
    # the survey (the first of two passes) meets the decompression limit: both passes'
    # files are closed with the error
    p = tmp_path / "d.csv.gz"
    p.write_bytes(gzip.compress(DOSSIERS.encode()))
    stream = iter_dossiers(p, limits=ReadLimits(max_decompressed_bytes=4096))
    with pytest.raises(InputFileError, match="max_decompressed_bytes") as info:
        next(stream)
    assert info.traceback
    assert open_count(p) == 0


def _written(tmp_path: Path, fmt: str) -> Path:
    lines = [line.split(",") for line in DOSSIERS.splitlines()]
    if fmt == "xlsx":
        return write_xlsx(tmp_path / "d.xlsx", [sheet_xml(rows_xml(lines)).encode()])
    p = tmp_path / f"d.{fmt}"
    if fmt == "jsonl":
        text = "".join(json.dumps(dict(zip(lines[0], r, strict=True))) + "\n" for r in lines[1:])
        p.write_text(text, encoding="utf-8")
    elif fmt == "csv.gz":
        p.write_bytes(gzip.compress(DOSSIERS.encode()))
    else:
        p.write_text(DOSSIERS, encoding="utf-8")
    return p


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="reference counting")
@pytest.mark.parametrize("fmt", ["csv", "csv.gz", "jsonl", "xlsx"])
def test_a_dossier_stream_dropped_part_read_is_closed_by_reference_counting(
    tmp_path: Path, fmt: str
) -> None:
    # ``for record in iter_dossiers(path): break``: no reference cycle holds the file
    p = _written(tmp_path, fmt)
    stream = iter_dossiers(p)
    assert next(stream).dossier_code == "H21-250301-0000"
    assert open_count(p) == 1
    del stream
    assert open_count(p) == 0


@pytest.mark.parametrize("bad", ["dd/mm/yyyy", 5])
def test_a_bad_date_format_is_refused_before_the_file_is_opened(
    tmp_path: Path, bad: object
) -> None:
    from procedurekit.checks import audit_files
    from procedurekit.errors import InvalidArgumentError, InvalidTypeError

    p = tmp_path / "d.csv"
    p.write_text(DOSSIERS, encoding="utf-8")
    expected = InvalidArgumentError if isinstance(bad, str) else InvalidTypeError
    calls = [
        lambda: iter_dossiers(p, date_format=bad),  # type: ignore[arg-type]
        lambda: read_catalogue(p, date_format=bad),  # type: ignore[arg-type]
        lambda: audit_files(p, [], date_format=bad, engine="arrow"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(expected) as info:
            call()
        assert info.value.path == "date_format"
        assert info.value.value == bad
        assert "iso, dmy, mdy, excel, native" in str(info.value)
        assert open_count(p) == 0
