"""The columnar audit engine against the row engine: the same report, on clean and hostile files.

``procedurekit.checks._columnar`` judges clean rows in numpy and hands every other row to
the row engine; nothing it computes may differ from :class:`~procedurekit.judge.Judge` run
row by row. These tests write generated dossier files (clean ones, and hostile ones: bad
and ambiguous dates, unknown codes and labels, duplicates, Vietnamese labels, invisible
characters, quoted cells, open pauses in event logs, ends before receipt, district
receipts after the reform, paid-online free procedures), audit each with
``engine="python"`` and ``engine="arrow"`` under several options, and require the two
reports to be equal in everything but ``stats.engines``. Each test also checks that the
columnar engine really read the file (or, for a file it must decline, that it did not), so
that no test passes by the columnar engine stepping aside.

The whole suite can also be run with ``--audit-engine arrow`` (every audit then tries the
columnar engine first, whatever the file's size): the answers written for the row engine
then check the columnar one.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from _generated_dossiers import PROCEDURES, _dmy, _rows, _write, _write_jsonl, _write_parquet
from hypothesis import event, given, settings
from hypothesis import strategies as st

import procedurekit.checks._columnar as columnar
import procedurekit.io._arrow_columns as arrow_columns
from procedurekit.checks import audit_files
from procedurekit.io._arrow_columns import SeenDigests, digest64, iso_dates
from procedurekit.samples import catalogue_paths

pa = pytest.importorskip("pyarrow", reason="the columnar engine needs the arrow extra")
np = pytest.importorskip("numpy")


def _both(path: Path, **options: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    reports = []
    for engine in ("python", "arrow"):
        report = audit_files(path, catalogue_paths(), engine=engine, **options)
        reports.append(json.loads(report.to_json()))
    return reports[0], reports[1]


def _same(path: Path, expect_engine: str | None = "arrow", **options: Any) -> dict[str, Any]:
    """The row engine's report, after checking the columnar engine's is the same (and that
    ``expect_engine`` read the file; ``None``: either)."""
    row, col = _both(path, **options)
    assert row["stats"].pop("engines") == ["python"]
    used = col["stats"].pop("engines")
    assert expect_engine is None or used == [expect_engine]
    if expect_engine is None:
        event(f"read by {used[0]}")  # hypothesis statistics: most files are read in columns
    assert col == row
    return row


OPTIONS = [
    {"as_of": date(2026, 7, 1), "max_examples": 3},
    {"as_of": None, "max_examples": 1},
    {"as_of": date(2025, 9, 15), "max_examples": 20},
    {
        "as_of": date(2026, 7, 1),
        "received_from": date(2025, 3, 1),
        "received_to": date(2025, 12, 31),
        "max_examples": 2,
    },
]


@pytest.mark.parametrize("options", OPTIONS)
def test_clean_files_give_the_row_engines_report(tmp_path: Path, options: dict[str, Any]) -> None:
    path = _write(tmp_path / "clean.csv", _rows(1, 3000, hostile=0.0))
    report = _same(path, **options)
    assert report["stats"]["dossiers"] > 1000


@pytest.mark.parametrize("seed", [2, 3, 4])
@pytest.mark.parametrize("options", OPTIONS[:2])
def test_hostile_files_give_the_row_engines_report(
    tmp_path: Path, seed: int, options: dict[str, Any]
) -> None:
    path = _write(tmp_path / "hostile.csv", _rows(seed, 2500, hostile=0.6))
    report = _same(path, **options)
    codes = report["stats"]["findings_by_code"]
    # the generator reached the findings the columnar engine must hand back
    for code in ("duplicate-dossier-code", "malformed-dossier-code", "unknown-procedure",
                 "unparseable-date", "invisible-characters", "code-date-mismatch"):  # fmt: skip
        assert codes.get(code, 0) > 0, code


@pytest.mark.parametrize("seed", [5, 6])
def test_many_small_record_batches_give_the_row_engines_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Record batches of 16 KiB (about 180 rows): duplicates across batches, the examples
    kept while batches go by, the date survey added up batch by batch."""
    monkeypatch.setattr(arrow_columns, "_BLOCK", 16 << 10)
    batches: list[int] = []
    real = arrow_columns.record_batches

    def counted(*args: Any, **kwargs: Any) -> Any:
        for batch in real(*args, **kwargs):
            batches.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(columnar, "record_batches", counted)
    path = _write(tmp_path / "hostile.csv", _rows(seed, 4000, hostile=0.4))
    report = _same(path, as_of=date(2026, 7, 1), max_examples=3)
    assert len(batches) > 10
    assert report["stats"]["findings_by_code"]["duplicate-dossier-code"] > 0


def test_several_files_and_a_declined_one_merge_as_one_process(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.csv", _rows(5, 800, hostile=0.3))
    b = _write(tmp_path / "b.csv", _rows(6, 800, hostile=0.3))
    b.write_text(_dmy(b.read_text("utf-8")), encoding="utf-8")  # judged, then handed back
    reports = [
        json.loads(audit_files([a, b], catalogue_paths(), engine=e, max_examples=4).to_json())
        for e in ("python", "arrow")
    ]
    assert reports[0]["stats"].pop("engines") == ["python", "python"]
    assert reports[1]["stats"].pop("engines") == ["arrow", "python"]
    assert reports[1] == reports[0]


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("nul", lambda t: t + "H21.1-250101-0001,1.014056,\x00,,,2025-01-01T08:00,,,,,\n"),
        ("dmy", _dmy),
        ("multi-line", lambda t: t + 'H21.1-250101-0001,1.014056,"A\nB",,,2025-01-01T08:00,,,,,\n'),
        ("stray-quote", lambda t: t + 'H21.1-250101-0001,1.014056,"A"B,,,2025-01-01T08:00,,,,,\n'),
        ("ragged", lambda t: t + "H21.1-250101-0001,1.014056\n"),
        ("header-late", lambda t: "Danh sách hồ sơ\n" + t),
        ("no-receipt-column", lambda t: t.replace("received_at", "ngay_khac", 1)),
    ],
)
def test_files_the_columnar_engine_cannot_read_exactly_go_to_the_row_engine(
    tmp_path: Path, name: str, change: Any
) -> None:
    path = _write(tmp_path / f"{name}.csv", _rows(7, 300, hostile=0.0))
    path.write_text(change(path.read_text("utf-8")), encoding="utf-8")
    _same(path, expect_engine="python", as_of=date(2026, 7, 1), max_examples=2)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_are_counted_as_the_row_engine_counts_them(
    tmp_path: Path, newline: str
) -> None:
    path = _write(tmp_path / "b.csv", _rows(10, 400, hostile=0.2), blank=True)
    text = path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    text = text + "\n" + lines[1] + "\n"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    report = _same(path, as_of=date(2026, 7, 1), max_examples=2)
    assert report["stats"]["lines_blank"] >= 3


def test_options_the_columnar_engine_does_not_compute_go_to_the_row_engine(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "d.csv", _rows(8, 200, hostile=0.2))
    _same(path, expect_engine="python", receipt_policy="next-opening", max_examples=2)
    _same(path, expect_engine="python", max_examples=None)
    found: list[object] = []
    report = audit_files(path, catalogue_paths(), engine="arrow", per_dossier=found.append)
    assert report.stats["engines"] == ["python"]
    assert len(found) == report.stats["dossiers"]


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    from procedurekit.errors import InvalidArgumentError

    path = _write(tmp_path / "d.csv", _rows(9, 5, hostile=0.0))
    with pytest.raises(InvalidArgumentError) as info:
        audit_files(path, catalogue_paths(), engine="spark")  # type: ignore[arg-type]
    assert info.value.path == "engine"


# -- the pieces, each against the Python it stands for ----------------------------------------


ROW = st.fixed_dictionaries(
    {
        "dossier_code": st.sampled_from(
            [
                "H21.1-250301-0001",
                "H21.1-250301-0002",
                "H21.2-250302-0001",
                "x",
                "",
                "Sở-250301-0001",
                "H21.1-250230-0001",
            ]
        ),
        "procedure_code": st.sampled_from([*PROCEDURES[:6], "9.999999", ""]),
        "agency": st.sampled_from(["H21.1", "Sở Tư pháp", "", "A\u200bB"]),
        "level": st.sampled_from(["", "commune", "district"]),
        "channel": st.sampled_from(["online", "counter", "", "??"]),
        "received_at": st.sampled_from(
            [
                "2025-03-01T08:00",
                "2025-03-02 10:30:00",
                "2025-03-01",
                "2025-03-01T18:00:01",
                "2026-06-30T23:59:59",
                "2026-07-02T00:00",
                "2025-02-29T08:00",
                "",
                " 2025-03-03",
            ]
        ),
        "appointment_date": st.sampled_from(
            ["", "2025-03-05", "2025-03-10", "2025-03-31", "2025-03-05T08:00"]
        ),
        "end_at": st.sampled_from(
            [
                "",
                "2025-03-01",
                "2025-03-04",
                "2025-04-20",
                "2026-07-05",
                "2025-03-04T16:00",
                "2025-02-01",
            ]
        ),
        "status": st.sampled_from(["", "returned", "processing", "withdrawn", "bogus"]),
        "fee_paid_online": st.sampled_from(["", "1", "0", "?"]),
        "ghi_chu": st.sampled_from(["", "a, b", 'say "x"']),
    }
)


@settings(max_examples=40)
@given(rows=st.lists(ROW, min_size=1, max_size=30), options=st.sampled_from(OPTIONS))
def test_any_small_file_gives_the_row_engines_report(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]], options: dict[str, Any]
) -> None:
    path = _write(tmp_path_factory.mktemp("h") / "d.csv", rows)
    # a file whose receipts no format reads is handed back (the formats assumed differ)
    _same(path, expect_engine=None, **options)


@given(
    st.one_of(
        st.lists(st.text(max_size=30), min_size=12, max_size=50),  # many lengths: by byte
        st.lists(
            st.sampled_from(["", "é", "H21.0-260502-0001", "X-250101-12345", "ab"]).flatmap(
                lambda base: st.text(alphabet="0123456789-.HX", min_size=0, max_size=2).map(
                    lambda tail: base + tail
                )
            ),
            max_size=50,
        ),  # a few lengths: by length
    )
)
def test_the_column_digest_is_the_python_digest(texts: list[str]) -> None:
    from procedurekit.io._arrow_columns import _FEW_LENGTHS, digest_column

    event("by length" if len({len(t.encode()) for t in texts}) <= _FEW_LENGTHS else "by byte")
    arr = pa.array(texts, type=pa.string())
    assert digest_column(np, arr).tolist() == [digest64(t) for t in texts]
    sliced = pa.array(["pad", *texts], type=pa.string()).slice(1)  # an offset into the data
    assert digest_column(np, sliced).tolist() == [digest64(t) for t in texts]


@given(
    st.lists(
        st.one_of(
            st.dates(date(1, 1, 1), date(9999, 12, 31)).map(str),
            st.datetimes().map(lambda d: d.isoformat(sep=" ", timespec="minutes")),
            st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
            st.from_regex(
                r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?", fullmatch=True
            ),
            st.text(max_size=20),
        ),
        max_size=40,
    )
)
def test_iso_in_columns_reads_what_the_date_reader_reads(values: list[str]) -> None:
    from procedurekit.io.dates import DateFormat, parse_date_value

    shape, valid, day, seconds = iso_dates(np, pa.array(values, type=pa.string()))
    for i, text in enumerate(values):
        if shape[i] not in (1, 2):
            continue
        try:
            got = parse_date_value(text, DateFormat.ISO)
        except (ValueError, OverflowError):
            assert not valid[i], text
            continue
        assert valid[i], text
        d = got.date() if isinstance(got, datetime) else got
        assert (d - date(1970, 1, 1)).days == day[i], text
        if isinstance(got, datetime):
            assert got.hour * 3600 + got.minute * 60 + got.second == seconds[i], text


@given(st.lists(st.lists(st.integers(0, 40), max_size=60), max_size=6))
def test_duplicate_digests_are_found_across_batches(batches: list[list[int]]) -> None:
    seen = SeenDigests(np)
    earlier: set[int] = set()
    for batch in batches:
        h = np.array(batch, dtype=np.uint64)
        got = seen.duplicates(h, np.ones(len(batch), dtype=bool)).tolist()
        want = []
        for v in batch:
            want.append(v in earlier)
            earlier.add(v)
        assert got == want


# -- the command line -------------------------------------------------------------------------


def test_the_command_line_chooses_the_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from procedurekit.cli import main

    path = _write(tmp_path / "d.csv", _rows(11, 500, hostile=0.2))
    cats = [str(p) for p in catalogue_paths()]
    got = {}
    for engine in ("python", "arrow", "auto"):
        code = main(["audit", str(path), "--catalogue", *cats, "--engine", engine,
                     "--as-of", "2026-07-01", "--format", "json"])  # fmt: skip
        assert code == 1  # the generated file has findings
        got[engine] = json.loads(capsys.readouterr().out)
    import procedurekit.checks._columnar as columnar

    small = path.stat().st_size < columnar.ARROW_MIN_BYTES  # (--audit-engine arrow: 0)
    assert got["auto"]["stats"]["engines"] == ["python" if small else "arrow"]
    assert got["arrow"]["stats"].pop("engines") == ["arrow"]
    got["python"]["stats"].pop("engines")
    assert got["arrow"] == got["python"]


def test_the_arrow_engine_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import procedurekit.checks._columnar as columnar
    from procedurekit.cli import main

    monkeypatch.setattr(columnar, "arrow_available", lambda: False)
    monkeypatch.setattr(columnar, "arrow_missing", lambda: ["numpy"])
    path = _write(tmp_path / "d.csv", _rows(12, 5, hostile=0.0))
    cats = [str(p) for p in catalogue_paths()]
    assert main(["audit", str(path), "--catalogue", *cats, "--engine", "arrow"]) == 2
    err = capsys.readouterr().err
    assert "needs numpy, which is not installed: pip install 'procedurekit[arrow]'" in err
    # auto falls back to the row engine without a word
    assert main(["audit", str(path), "--catalogue", *cats, "--format", "json"]) in (0, 1)


def test_audit_partial_reads_the_encoding_given(tmp_path: Path) -> None:
    """It used to pass the encoding on as the sheet to read (the file was then read as
    UTF-8 and its encoding detected)."""
    from procedurekit.checks import audit_partial
    from procedurekit.io.catalogue import read_catalogue

    path = tmp_path / "d.csv"
    text = "dossier_code,procedure_code,agency,received_at\n"
    text += "H21.1-250301-0001,1.014056,Đông Hà,2025-03-01T08:00\n"
    path.write_bytes(text.encode("cp1258"))
    partial = audit_partial(path, read_catalogue(*catalogue_paths()), encoding="cp1258")
    codes = partial.report().stats["findings_by_code"]
    assert "encoding-detected" not in codes
    assert partial.rows == 1


@given(
    st.lists(
        st.one_of(
            st.from_regex(r"[A-Za-z0-9.\-]{0,8}-[0-9]{6}-[0-9]{3,6}", fullmatch=True),
            st.text(alphabet="H21.-0123456789 ", max_size=24),
        ),
        max_size=40,
    )
)
def test_codes_in_columns_read_what_the_code_parser_reads(codes: list[str]) -> None:
    """The standard shape and the YYMMDD of each code, as ``DossierCode.parse`` (and the
    judge's ``malformed-dossier-code`` shape) read them."""
    import re

    from procedurekit.io._arrow_columns import dossier_codes
    from procedurekit.models.codes import DossierCode

    standard, day = dossier_codes(np, pa.array(codes, type=pa.string()))
    for i, code in enumerate(codes):
        parts = DossierCode(code).parse() if code.strip() else None
        want = parts.received_on if parts is not None and standard[i] else None
        got = None if day[i] < 0 else date(1970, 1, 1) + timedelta(days=int(day[i]))
        assert got == want, code
        if standard[i]:  # a code the columns call standard is one the judge does not flag
            assert re.match(r"^.+-[0-9]{6}-[0-9]{4,}$", code), code
            assert " " not in code, code


# -- Parquet -------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize(
    ("typed", "tz"), [(False, None), (True, None), (True, "UTC"), (True, "Asia/Ho_Chi_Minh")]
)
def test_parquet_tables_give_the_row_engines_report(
    tmp_path: Path, seed: int, typed: bool, tz: str | None
) -> None:
    """Text and typed Parquet (timestamps naive or aware, dates, a boolean flag, numbers in
    columns no field reads, nulls): read in columns, the same report as row by row."""
    rows = _rows(seed, 2500, hostile=0.5)
    path = _write_parquet(tmp_path / "d.parquet", rows, typed=typed, tz=tz, groups=700)
    handed: list[int] = []
    real = columnar._ParquetColumns.cells

    def cells(self: Any, batch: Any, idx: list[int]) -> Any:
        handed.append(len(idx))
        return real(self, batch, idx)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(columnar._ParquetColumns, "cells", cells)
        for options in OPTIONS[:3]:
            report = _same(path, **options)
            assert report["stats"]["dossiers"] > 1000
    # most clean rows were judged in columns (a third of the rows are hostile)
    assert 0 < sum(handed) < 3 * 2500 * 0.6


@settings(max_examples=30)
@given(
    rows=st.lists(ROW, min_size=1, max_size=30),
    options=st.sampled_from(OPTIONS),
    typed=st.booleans(),
    tz=st.sampled_from([None, "UTC"]),
)
def test_any_small_parquet_table_gives_the_row_engines_report(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[dict[str, str]],
    options: dict[str, Any],
    typed: bool,
    tz: str | None,
) -> None:
    path = tmp_path_factory.mktemp("p") / "d.parquet"
    _write_parquet(path, rows, typed=typed, tz=tz)
    _same(path, expect_engine=None, **options)


def _typed_table(tmp_path: Path, seed: int = 14) -> Any:
    import pyarrow.parquet as pq

    path = _write_parquet(tmp_path / "base.parquet", _rows(seed, 600, hostile=0.3), typed=True)
    return pq.read_table(path)


def _set(table: Any, name: str, column: Any) -> Any:
    return table.set_column(table.schema.get_field_index(name), name, column)


def _ms_receipts(t: Any) -> Any:
    ms = t["received_at"].cast(pa.timestamp("ms"))
    odd = pa.array([i % 5 == 0 for i in range(len(t))])
    shifted = pa.compute.add(ms, pa.scalar(250, pa.duration("ms")))
    return _set(t, "received_at", pa.compute.if_else(odd, shifted, ms))


def _date_receipts(t: Any) -> Any:
    return _set(t, "received_at", t["received_at"].cast(pa.date32()))


def _events(t: Any) -> Any:
    kind = pa.struct([("kind", pa.string()), ("at", pa.string())])
    logs = [
        [{"kind": "supplement_requested", "at": "2025-03-03T08:00"}] if i % 9 == 0 else None
        for i in range(len(t))
    ]
    return t.append_column("events", pa.array(logs, pa.list_(kind)))


def _categories(t: Any) -> Any:
    for name in ("agency", "channel", "status"):
        t = _set(t, name, t[name].dictionary_encode())
    return t


def _number_codes(t: Any) -> Any:
    return _set(t, "level", pa.array([i % 3 if i % 4 else None for i in range(len(t))]))


def _blank_rows(t: Any) -> Any:
    blank = pa.table({f.name: pa.nulls(3, f.type) for f in t.schema})
    return pa.concat_tables([t.slice(0, 100), blank, t.slice(100)])


def _year_10000(t: Any, at: int = 50) -> Any:
    ends = t["end_at"].to_pylist()
    values = [int(v.timestamp()) if v is not None else None for v in ends]
    values[at] = 253_402_300_800 + 86_400  # 10000-01-02
    return _set(t, "end_at", pa.array(values, pa.int64()).cast(pa.timestamp("s")))


def _year_10000_late(t: Any) -> Any:
    """In the last record batch: declined after the batches before were judged."""
    return _year_10000(t, at=len(t) - 20)


def _text_events(t: Any) -> Any:
    logs = [
        '[{"kind": "supplement_requested", "at": "2025-03-03T08:00"}]' if i % 9 == 0 else ""
        for i in range(len(t))
    ]
    return t.append_column("events", pa.array(logs, pa.string()))


def _boolean_agency(t: Any) -> Any:
    return _set(t, "agency", pa.array([i % 3 == 0 for i in range(len(t))]))


def _day_first_text(t: Any) -> Any:
    days = [v.strftime("%d/%m/%Y %H:%M") if v else None for v in t["received_at"].to_pylist()]
    return _set(t, "received_at", pa.array(days, pa.string()))


def _binary(t: Any) -> Any:
    return _set(t, "ghi_chu", t["ghi_chu"].cast(pa.binary()))


@pytest.mark.parametrize(
    ("change", "engine"),
    [
        (_ms_receipts, "arrow"),  # a fraction of a second: those rows by the row engine
        (_date_receipts, "arrow"),  # receipt days without a time: every row handed back
        (_events, "arrow"),  # an event log as a list of structs
        (_categories, "arrow"),  # pandas categories: dictionary-encoded text
        (_number_codes, "arrow"),  # whole numbers in a text field
        (_blank_rows, "arrow"),  # rows of nulls: rows to the Parquet reader
        (_text_events, "arrow"),  # event logs as JSON text, empty cells without one
        (_boolean_agency, "python"),  # True/False as text: not read in columns
        (_day_first_text, "python"),  # receipts as dd/mm/yyyy text: the row engine's format
        (_year_10000, "python"),  # a moment Python cannot hold: read as text by the row reader
        (_year_10000_late, "python"),
        (_binary, "python"),  # binary text: not read in columns
    ],
)
def test_typed_parquet_corners_give_the_row_engines_report(
    tmp_path: Path, change: Any, engine: str
) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "d.parquet"
    pq.write_table(change(_typed_table(tmp_path)), path, row_group_size=250)
    for options in OPTIONS[:2]:
        _same(path, expect_engine=engine, **options)


def test_parquet_partitions_are_read_in_columns_unless_their_columns_differ(
    tmp_path: Path,
) -> None:
    import pyarrow.parquet as pq

    table = _typed_table(tmp_path)
    parts = tmp_path / "parts"
    (parts / "year=2025").mkdir(parents=True)
    for k in range(3):
        pq.write_table(table.slice(200 * k, 200), parts / "year=2025" / f"part-{k}.parquet")
    report = _same(parts, as_of=date(2026, 7, 1), max_examples=3)
    assert report["stats"]["dossiers"] > 400
    pq.write_table(table.slice(0, 50).drop_columns(["le_phi"]), parts / "part-9.parquet")
    _same(parts, expect_engine="python", as_of=date(2026, 7, 1), max_examples=3)


# -- JSON Lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [21, 22])
@pytest.mark.parametrize("empty", ["text", "null"])
def test_json_lines_give_the_row_engines_report(tmp_path: Path, seed: int, empty: str) -> None:
    """Every key on every line, as a portal's export writes it: read in columns (the key no
    field reads, ``ghi_chu``, reported once, as the row engine does)."""
    path = _write_jsonl(tmp_path / "d.jsonl", _rows(seed, 2500, hostile=0.5), empty=empty)
    for options in OPTIONS[:3]:
        report = _same(path, **options)
        assert report["stats"]["dossiers"] > 1000
        assert report["stats"]["findings_by_code"]["unknown-column"] == 1


def test_json_lines_with_windows_line_ends_and_vietnamese_keys_give_the_row_engines_report(
    tmp_path: Path,
) -> None:
    names = {"dossier_code": "Mã hồ sơ", "received_at": "Ngày tiếp nhận", "channel": "Kênh"}
    path = _write_jsonl(tmp_path / "d.jsonl", _rows(26, 1500, hostile=0.3))
    lines = []
    for line in path.read_text("utf-8").splitlines():
        obj = json.loads(line)
        lines.append(json.dumps({names.get(k, k): v for k, v in obj.items()}, ensure_ascii=False))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    report = _same(path, as_of=date(2026, 7, 1), max_examples=3)
    assert report["stats"]["dossiers"] > 1000


def test_json_lines_in_many_small_batches_give_the_row_engines_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(columnar, "_JSON_BLOCK", 16 << 10)
    path = _write_jsonl(tmp_path / "d.jsonl", _rows(23, 4000, hostile=0.4))
    report = _same(path, as_of=date(2026, 7, 1), max_examples=3)
    assert report["stats"]["findings_by_code"]["duplicate-dossier-code"] > 0


def _jsonl_lines(tmp_path: Path) -> list[str]:
    path = _write_jsonl(tmp_path / "base.jsonl", _rows(24, 400, hostile=0.2))
    return path.read_text("utf-8").splitlines(keepends=True)


def _without_a_key_first(lines: list[str]) -> str:
    obj = json.loads(lines[0])
    del obj["ghi_chu"]
    return json.dumps(obj, ensure_ascii=False) + "\n" + "".join(lines[1:])


def _with_late_key(lines: list[str]) -> str:
    obj = json.loads(lines[-5])
    obj["so_trang"] = "3"
    return "".join(lines[:-5]) + json.dumps(obj, ensure_ascii=False) + "\n" + "".join(lines[-4:])


def _with_number(lines: list[str]) -> str:
    return "".join(lines).replace('"ghi_chu": "ok"', '"ghi_chu": 7', 1)


def _with_events_list(lines: list[str]) -> str:
    obj = json.loads(lines[30])
    obj["events"] = [{"kind": "supplement_requested", "at": "2025-03-03T08:00"}]
    return "".join(lines[:30]) + json.dumps(obj) + "\n" + "".join(lines[31:])


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("sparse", _without_a_key_first),  # the first line lacks a key the others have
        ("late-key", _with_late_key),
        ("number", _with_number),
        ("events-list", _with_events_list),
        ("blank-line", lambda lines: "".join(lines[:50]) + "\n" + "".join(lines[50:])),
        ("bom", lambda lines: "\ufeff" + "".join(lines)),
        (
            "lone-cr",
            lambda lines: "".join(lines[:50]) + lines[50].rstrip("\n") + "\r" + "".join(lines[51:]),
        ),
        ("not-an-object", lambda lines: "".join(lines[:50]) + "[1, 2]\n" + "".join(lines[50:])),
        (
            "two-objects",
            lambda lines: "".join(lines[:50]) + lines[50].rstrip("\n") + " " + "".join(lines[50:]),
        ),
        ("invalid", lambda lines: "".join(lines[:50]) + "{oops\n" + "".join(lines[50:])),
        (
            "repeated-key",
            lambda lines: (
                "".join(lines[:50])
                + lines[50].replace("{", '{"agency": "X", ', 1)
                + "".join(lines[51:])
            ),
        ),
    ],
)
def test_json_lines_the_columnar_engine_cannot_read_exactly_go_to_the_row_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, change: Any
) -> None:
    # blocks of 16 KiB (about 60 lines): a late key is met after the first batches were
    # judged, and the engine puts the counts back
    monkeypatch.setattr(columnar, "_JSON_BLOCK", 16 << 10)
    path = tmp_path / f"{name}.jsonl"
    path.write_text(change(_jsonl_lines(tmp_path)), encoding="utf-8", newline="")
    _same(path, expect_engine="python", as_of=date(2026, 7, 1), max_examples=2)


@settings(max_examples=30)
@given(
    rows=st.lists(ROW, min_size=1, max_size=30),
    options=st.sampled_from(OPTIONS),
    empty=st.sampled_from(["text", "null", "omit"]),
)
def test_any_small_json_lines_file_gives_the_row_engines_report(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[dict[str, str]],
    options: dict[str, Any],
    empty: str,
) -> None:
    path = _write_jsonl(tmp_path_factory.mktemp("j") / "d.jsonl", rows, empty=empty)
    _same(path, expect_engine=None, **options)
